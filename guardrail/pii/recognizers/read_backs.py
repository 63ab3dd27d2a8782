"""A number found once, found again where it is read back or written another way.

On a call the caller says a number in words and the agent reads it back in digits
(``six two eight zero, five five one nine`` ... ``AGENT: 6280 5519, thank you``); a form
gives a business registration number under its label and a note quotes it bare. The
second writing has no context of its own: no label, no "phone" nearby. It is the same
value, so once any writing of it is found, every other writing of the same characters is
found too, whatever spaces, dashes or dots part them.

Only identifiers of eight characters or more are carried (phones, business registration,
identity and passport numbers, cards, IBANs): a shorter string of digits recurs by
chance (a time, an amount, a flat).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from presidio_analyzer import RecognizerResult

NAME = "HkReadBackRecognizer"
_CARRIED = frozenset(
    {"PHONE_NUMBER", "HK_BUSINESS_REG", "HK_ID", "HK_PASSPORT", "CN_RESIDENT_ID", "CREDIT_CARD", "IBAN_CODE"}
)
_MIN_CHARACTERS = 8
_SEPARATOR = r"[ \-.]?"


def read_backs(text: str, found: Iterable[RecognizerResult]) -> list[RecognizerResult]:
    """Results for the other writings of ``found``'s identifiers. ``found`` is what the
    redactor keeps: findings at their type's threshold, published lines left out."""
    found = list(found)
    carried: dict[str, RecognizerResult] = {}
    for result in found:
        if result.entity_type not in _CARRIED:
            continue
        characters = re.sub(r"[^0-9A-Za-z]", "", text[result.start : result.end])
        if len(characters) >= _MIN_CHARACTERS and any(c.isdigit() for c in characters):
            carried.setdefault(characters, result)
    if not carried:
        return []
    taken = sorted((r.start, r.end) for r in found)
    results = []
    for characters, source in carried.items():
        pattern = _SEPARATOR.join(re.escape(c) for c in characters)
        # (not a reference's stem: RTS240517-003 is no passport's read-back)
        for match in re.finditer(rf"(?<![0-9A-Za-z])(?<![0-9A-Za-z][-/]){pattern}(?![0-9A-Za-z]|[-/]\w)", text):
            if any(start < match.end() and match.start() < end for start, end in taken):
                continue
            results.append(_result(source, *match.span()))
            taken.append(match.span())
    return results


def _result(source: RecognizerResult, start: int, end: int) -> RecognizerResult:
    return RecognizerResult(
        source.entity_type,
        start,
        end,
        source.score,
        recognition_metadata={
            RecognizerResult.RECOGNIZER_NAME_KEY: NAME,
            RecognizerResult.RECOGNIZER_IDENTIFIER_KEY: NAME,
        },
    )
