"""Chinese names written letter-spaced (``文　浩　霖``) or padded to width (``麥　根``).

Rosters, draw sheets and notices typeset in Chinese line their columns up with spaces:
a two-character name is padded with an ideographic space to the width of a three-character
one (``麥　根`` above ``李家樂``), and a name may be letter-spaced for emphasis
(``文 浩 霖``). The Chinese name finders read runs of characters that touch, so a name
broken by a space in every gap is seen as single characters and missed. Here a chain of
single characters, each one space from the next, is read as one run: its leading
characters are a name when they start with a surname and continue with given-name
characters, as a compact name is judged.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from guardrail.pii.recognizers.name_lexicon import (
    HAN,
    ZH_COMPOUND,
    ZH_GIVEN,
    ZH_NOT_IN_NAME,
    zh_name_shape,
    zh_place_overlaps,
    zh_surname_length,
)

# Single characters, each one space (ASCII or ideographic) from the next: 文　浩　霖　對.
# A chain may follow Chinese text with no space (群主骆 海 燕, 我叫蒋 思 远); a title may
# follow its last character (司徒 嘉 樂先生).
_TITLE_AFTER = "|".join(
    sorted(
        ("先生", "小姐", "女士", "太太", "生", "太", "姐", "哥", "醫生", "医生", "老師", "老师"), key=len, reverse=True
    )
)
_SPACED = re.compile(rf"(?P<lead>(?<=[{HAN}]))?[{HAN}](?:[ \u3000][{HAN}](?:(?![{HAN}])|(?={_TITLE_AFTER}))){{1,4}}")
# A compound surname written together, then a space and its given characters: 申屠 浩,
# 司徒 嘉 樂, 上官 婉清.
_COMPOUND_SPACED = re.compile(
    rf"(?<![{HAN}])(?P<surname>{'|'.join(sorted(ZH_COMPOUND, key=len, reverse=True))})"
    rf"(?P<given>[ \u3000][{HAN}](?:[ \u3000]?[{HAN}])?)(?:(?![{HAN}])|(?={_TITLE_AFTER}))"
)
# Where a padded two-character name stands: a line's start, after a list number or bullet,
# or after a wide gap between cells (normalisation has turned the ideographic space into ' ').
_ENTRY_HEAD = re.compile(r"(?:^|\n|[ \t]{2,}|\t|\|)[ \t]*(?:(?:\d{1,3}|[a-zA-Z])[.)、．]|[-•*・])?[ \t]*$")


def spaced_names(text: str) -> Iterator[tuple[int, int, float]]:
    """Spans (in the text, spaces inside) of names whose characters stand one space apart."""
    if " " not in text and "\u3000" not in text:
        return
    for match in _SPACED.finditer(text):
        chars = match[0][::2]
        # A word spaced before the name may open the chain (至 黃 嘉 欣): its first
        # characters are skipped while they are no surname and three remain.
        skip = 0
        while skip < len(chars) - 3 and not zh_surname_length(chars[skip:]):
            skip += 1
        chars = chars[skip:]
        surname = zh_surname_length(chars)
        if not surname:
            continue
        chain_start = match.start() + 2 * skip
        for length in (3, 2):
            candidate = chars[:length]
            given = candidate[surname:]
            if len(candidate) < length or not given or not _given_chars(given):
                continue
            if not zh_name_shape(candidate):
                continue
            if length == 2 and (
                match["lead"] is not None or skip or len(chars) != 2 or not _ENTRY_HEAD.search(text, 0, match.start())
            ):
                continue  # two characters apart are a padded name only as a list or table entry
            end = chain_start + 2 * length - 1
            if zh_place_overlaps(text, chain_start, end):
                break
            yield chain_start, end, 0.6
            break
    for match in _COMPOUND_SPACED.finditer(text):
        given = re.sub(r"[ \u3000]", "", match["given"])
        if _given_chars(given) and not zh_place_overlaps(text, match.start(), match.end()):
            yield match.start(), match.end(), 0.7


def _given_chars(given: str) -> bool:
    """Given-name characters: each may stand in a name and one is a common given-name
    character (紹 of 林 紹 輝 is rarer; 輝 vouches for it)."""
    return all(ch not in ZH_NOT_IN_NAME for ch in given) and any(ch in ZH_GIVEN for ch in given)


FINDERS = (spaced_names,)
