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

from guardrail.pii.recognizers.name_cues import nickname_shaped
from guardrail.pii.recognizers.name_lexicon import (
    COMMON_ZH_SURNAMES,
    HAN,
    ZH_COMPOUND,
    ZH_GIVEN,
    ZH_NOT_IN_NAME,
    longest_first,
    zh_name_shape,
    zh_place_overlaps,
    zh_surname_length,
)
from guardrail.pii.recognizers.name_zh_given import given_shape
from guardrail.text.start_gate import gate

# Single characters, each one space (ASCII or ideographic) from the next: 文　浩　霖　對,
# or broken over a line by a scan (巫 國⏎ 棠). A chain may follow Chinese text with no
# space (群主骆 海 燕, 我叫蒋 思 远); a title may follow its last character (司徒 嘉 樂先生,
# 盧 錦 泉伯伯).
_TITLE_AFTER = "|".join(
    longest_first(
        (
            *("先生", "小姐", "女士", "太太", "生", "太", "姐", "哥", "醫生", "医生", "老師", "老师"),
            *("伯伯", "伯", "叔叔", "叔", "婆婆", "婆", "姨", "姊妹", "弟兄", "傳道", "传道", "牧師", "牧师"),
            *("師傅", "师傅", "姑娘", "主任", "經理", "经理", "同學", "同学"),
        )
    )
)
_GAP = r"(?:[ \u3000]|[ \u3000]?\n[ \u3000]?)"
# A particle, a verb or a conjunction that follows a name, touching its last character as
# voice typing writes it (我係區 嘉 敏呀, 佢媽媽周 玉 蓮入咗院, 秘书黄 晓 彤或文书…).
_SPOKEN_AFTER = "呀嘅啊啦㗎囉喎嘛呢的了吧係是話說说講讲同和跟入去嚟來来或及與与"
_SPACED = gate(
    re.compile(
        rf"(?P<lead>(?<=[{HAN}]))?[{HAN}]"
        rf"(?:{_GAP}[{HAN}](?:(?![{HAN}])|(?={_TITLE_AFTER})|(?=[{_SPOKEN_AFTER}]))){{1,5}}"
    )
)
_HAN_AT = re.compile(f"[{HAN}]")
# A surname and a title spaced apart, as voice typing writes them (鄧 太, 何 伯), and a
# surname after 老 (老 謝).
_TITLE_CHARS = frozenset("太生伯叔婆嫂姐哥")
# A compound surname written together, then a space and its given characters: 申屠 浩,
# 司徒 嘉 樂, 上官 婉清. The space after the compound surname marks the name even inside running text
# (感谢夏侯 子健自愿, 團長諸葛 偉倫帶隊): before a stop, a title or a particle, one or two
# given characters; running on into the sentence, two together (_COMPOUND_RUN_ON).
_COMPOUND_NAMES = "|".join(longest_first(ZH_COMPOUND))
_COMPOUND_SPACED = re.compile(
    rf"(?P<surname>{_COMPOUND_NAMES})(?P<given>[ \u3000][{HAN}](?:[ \u3000]?[{HAN}])?)"
    rf"(?:(?![{HAN}])|(?={_TITLE_AFTER})|(?=[{_SPOKEN_AFTER}]))"
)
_COMPOUND_RUN_ON = re.compile(rf"(?P<surname>{_COMPOUND_NAMES})(?P<given>[ \u3000][{HAN}]{{2}})(?=[{HAN}])")
# (and one given character before a space, where the two-character readings failed: 申屠 浩 要的)
_COMPOUND_ONE = re.compile(rf"(?P<surname>{_COMPOUND_NAMES})(?P<given>[ \u3000][{HAN}])(?![{HAN}])")
# Where a padded two-character name stands: a line's start, after a list number or bullet,
# after a wide gap between cells (normalisation has turned the ideographic space into ' '),
# or after a field's colon or a list's 、 (参会：蒋文博、苏 静、Leo 陆).
_ENTRY_HEAD = re.compile(r"(?:^|\n|[ \t]{2,}|\t|\||[、：:])[ \t]*(?:(?:\d{1,3}|[a-zA-Z])[.)、．]|[-•*・])?[ \t]*$")


def spaced_names(text: str) -> Iterator[tuple[int, int, float]]:
    """Spans (in the text, spaces inside) of names whose characters stand one space apart."""
    if " " not in text and "\u3000" not in text:
        return
    for match in _SPACED.finditer(text):
        at = [char.start() for char in _HAN_AT.finditer(text, match.start(), match.end())]
        chars = "".join(text[i] for i in at)
        found = _name_in_chain(
            chars, attached=match["lead"] is not None, head=_ENTRY_HEAD.search(text, 0, match.start()) is not None
        )
        if found is None:
            continue
        first, last = found
        start, end = at[first], at[last] + 1
        if not zh_place_overlaps(text, start, end):
            yield start, end, 0.6
    starts = set()
    for pattern in (_COMPOUND_SPACED, _COMPOUND_RUN_ON, _COMPOUND_ONE):
        for match in pattern.finditer(text):
            given = re.sub(r"[ \u3000]", "", match["given"])
            if match.start() in starts or _NUMERALS.search(given):
                continue  # 宇文 浩十八岁: a numeral starts the age, not the name
            if len(given) == 2 and match["surname"] in _WORDY_COMPOUNDS and not given_shape(given):
                continue  # 東方 航空: east, an airline; 東方 曉琳 is a name
            if _given_chars(given) and not zh_place_overlaps(text, match.start(), match.end()):
                starts.add(match.start())
                yield match.start(), match.end(), 0.7


_NUMERALS = re.compile("[一二三四五六七八九十百千萬万零〇兩两]")
# Compound surnames that are also words (east; a title; an official post).
_WORDY_COMPOUNDS = frozenset(("東方", "东方", "上官", "司馬", "司马", "司徒", "公孫", "公孙"))


def _name_in_chain(chars: str, *, attached: bool, head: bool) -> tuple[int, int] | None:
    """The first and last index of a name among a chain's characters.

    A surname and one or two given characters, preferring one that ends the chain (a word
    spaced before the name may open it: 至 黃 嘉 欣, 孫 繆 家 朗); a nickname (肥 佬 輝,
    阿 珍 姐); a surname and a title, or 老 and a surname (鄧 太, 何 伯, 老 謝)."""
    full = list(_full_names(chars, attached=attached, head=head))
    ending = [found for found in full if found[1] == len(chars) - 1]
    if ending or full:
        return (ending or full)[0]
    for size in (3, 2):
        for first in range(len(chars) - size + 1):
            if nickname_shaped(chars[first : first + size]):
                return first, first + size - 1
    for first in (0, len(chars) - 2):  # at either end of the chain, not inside spaced-out words (提 高 生 產)
        pair = chars[first : first + 2]
        if (pair[0] in COMMON_ZH_SURNAMES and pair[1] in _TITLE_CHARS) or (
            pair[0] == "老" and pair[1] in COMMON_ZH_SURNAMES
        ):
            return first, first + 1
    return None


def _full_names(chars: str, *, attached: bool, head: bool) -> Iterator[tuple[int, int]]:
    """Every (first, last) of a surname and one or two given characters in the chain."""
    for skip in range(len(chars) - 1):
        rest = chars[skip:]
        surname = zh_surname_length(rest)
        if not surname:
            continue
        for given_length in (2, 1):
            length = surname + given_length
            candidate = rest[:length]
            if len(candidate) < length or not _given_chars(candidate[surname:]) or not zh_name_shape(candidate):
                continue
            if length == 2 and (attached or skip or len(chars) != 2 or not head):
                continue  # two characters apart are a padded name only as a list or table entry
            yield skip, skip + length - 1
            break


def _given_chars(given: str) -> bool:
    """Given-name characters: each may stand in a name and one is a common given-name
    character (紹 of 林 紹 輝 is rarer; 輝 vouches for it)."""
    return all(ch not in ZH_NOT_IN_NAME for ch in given) and any(ch in ZH_GIVEN for ch in given)


FINDERS = (spaced_names,)
