"""A name paired with one already found: ``Joe & Cherry``, ``Léa 🇫🇷 + Hei Tung``; and
an English name's surname written in Chinese after it (``Jackie 張``).

Chat groups, invitations and buddy sheets name two people joined by ``&``, ``and``,
``+`` or, in Chinese, ``同`` and ``和`` (a wedding's couple, a buddy pair). When one of the pair is found, the other,
written as a name (given names or romanised syllables the lists know), is a person too,
even where nothing else in the text says so.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from guardrail.pii.recognizers.name_lexicon import HAN, is_given, is_place, is_surname, never_a_name, zh_surname_length
from guardrail.pii.recognizers.name_spans import L, U
from guardrail.pii.recognizers.names_data import GIVEN_SYLLABLES

# (Cantonese and Mandarin join them with 同, 和, 同埋, 及, 與: Happy 同 Winter.)
_AND = "(?:&|\\+|and|同埋|同|和|及|與|与)"
_JOIN = rf"[ \t]*(?:[^\w\s]{{1,4}}[ \t]*)?{_AND}[ \t]+"
_AFTER = re.compile(rf"{_JOIN}((?:[{U}][{L}'’-]*)(?:[ \t][{U}][{L}'’-]*){{0,2}})(?![{L}])")
_BEFORE = re.compile(rf"(?<![{L}])([{U}][{L}'’-]*)[ \t]*{_AND}[ \t]+$")


def _name_word(word: str) -> bool:
    lower = word.lower()
    if never_a_name(word) or is_place(word):
        return False
    return (
        is_given(word, in_position=True)
        or is_surname(word)
        or all(part in GIVEN_SYLLABLES for part in lower.split("-"))
    )


def paired_names(text: str, found: Iterable[tuple[int, int]]) -> Iterator[tuple[int, int]]:
    """Spans of names joined by ``&``, ``and`` or ``+`` to the names at ``found``."""
    for start, end in found:
        after = _AFTER.match(text, end)
        if after is not None:
            words = after[1].split()
            if all(_name_word(w) for w in words) and not is_place(after[1]):
                yield after.span(1)
        before = _BEFORE.search(text, max(0, start - 24), start)
        if before is not None and _name_word(before[1]):
            yield before.span(1)


# An English name with the surname written in Chinese after it: Jackie 張, Chloe 鄭.
_HAN_SURNAME_AFTER = re.compile(f"[ \\t]?([{HAN}]{{1,2}})(?![{HAN}])")


def han_surnames_after(text: str, found: Iterable[tuple[int, int]]) -> Iterator[tuple[int, int]]:
    """Spans from each Latin name at ``found`` through a Chinese surname written after it."""
    for start, end in found:
        if not text[start:end].isascii():
            continue
        after = _HAN_SURNAME_AFTER.match(text, end)
        if after is not None and zh_surname_length(after[1]) == len(after[1]):
            yield start, after.end(1)
