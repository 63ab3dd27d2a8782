"""The recipient written just before an address: delivery lists, envelopes, registers.

A delivery run sheet or a gift list writes each stop as name, address, phone
(``4. 14:00 送 — lo kwok wah 何文田山道8號 ...``, ``04 龙婷 澳门氹仔海洋花园金松阁10楼D``),
and nothing else marks the name: no label, often no capitals. Once the address is
found, the words just before it on the line are the person it goes to when the name
lists take them for a name: Latin words that are surnames or given names in any case,
or Chinese characters in a name's shape that are no place and no everyday word.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from presidio_analyzer import RecognizerResult

from guardrail.pii.recognizers.name_lexicon import (
    GIVEN,
    is_surname,
    never_a_name,
    zh_name_shape,
    zh_place_overlaps,
)
from guardrail.pii.recognizers.names import WORDS_NOT_NAMES
from guardrail.pii.recognizers.names_data import GIVEN_SYLLABLES

NAME = "HkRecipientNameRecognizer"
# What may stand before the name on its line: nothing, a list number or time, a dash, a
# colon or a table's bar.
_BEFORE_NAME = r"(?:^|[\n|—–:：]|(?:^|\n)[ \t]*\d{1,3}[.)、]?|\d{1,2}:\d{2})[ \t]*"
_LATIN_NAME = re.compile(_BEFORE_NAME + r"([A-Za-z]+(?:[ \t][A-Za-z]+){1,3})[ \t]+$")
_HAN_NAME = re.compile(_BEFORE_NAME + r"([\u4e00-\u9fff]{2,4})[ \t]*$")


def recipients(text: str, found: Iterable[RecognizerResult]) -> list[RecognizerResult]:
    """PERSON results for the names just before ``found``'s addresses."""
    results = []
    for address in (r for r in found if r.entity_type == "ADDRESS"):
        line_start = text.rfind("\n", 0, address.start) + 1
        before = text[max(line_start, address.start - 40) : address.start]
        offset = address.start - len(before)
        span = _latin(before) or _han(text, before, offset)
        if span is not None:
            results.append(_result(offset + span[0], offset + span[1]))
    return results


def _latin(before: str) -> tuple[int, int] | None:
    match = _LATIN_NAME.search(before)
    if match is None:
        return None
    words = match[1].split()
    known = all(is_surname(w) or w.lower() in GIVEN or w.lower() in GIVEN_SYLLABLES for w in words)
    return match.span(1) if known and not any(never_a_name(w) for w in words) else None


def _han(text: str, before: str, offset: int) -> tuple[int, int] | None:
    match = _HAN_NAME.search(before)
    if match is None:
        return None
    name = match[1]
    start, end = offset + match.start(1), offset + match.end(1)
    if not zh_name_shape(name, rare=True) or name[:2] in WORDS_NOT_NAMES or zh_place_overlaps(text, start, end):
        return None
    return match.span(1)


def _result(start: int, end: int) -> RecognizerResult:
    return RecognizerResult(
        "PERSON",
        start,
        end,
        0.7,
        recognition_metadata={
            RecognizerResult.RECOGNIZER_NAME_KEY: NAME,
            RecognizerResult.RECOGNIZER_IDENTIFIER_KEY: NAME,
        },
    )
