"""Mainland China resident identity card numbers (居民身份證 / 居民身份证).

Eighteen characters: a six-digit region code (first digit 1 to 8), the holder's date of
birth as ``YYYYMMDD``, a three-digit sequence and a check character (a digit or ``X``,
ISO 7064 MOD 11-2). Cross-border documents in Hong Kong carry them on every
account-opening form, staff roster and marriage booking, in a table cell with no label,
or typed in groups and broken by OCR (``420111 19880121 472X``).

A number whose check character is right, with a real region and date, counts alone:
one in eleven random numbers passes the check, and few references also hold a date of
birth in the right place. Next to an identity-card word, the region and date suffice,
as people mistype the last character.
"""

from __future__ import annotations

import datetime
import re

from guardrail.pii.recognizers.base import OTHER_NUMBER_LABEL, RegexRecognizer, context_near, line_before
from guardrail.pii.recognizers.columns import column_header

# Eighteen characters, optionally in groups separated by one space or hyphen (6-8-4,
# 6-4-4-4, or an OCR break anywhere); not part of a longer run of digits or letters.
_RESIDENT_ID = re.compile(r"(?<![0-9A-Za-z])(?<![0-9][ -])([1-8]\d(?:[ -]?\d){15}[ -]?[\dXx])(?![0-9A-Za-z])(?![ -]\d)")
_ID_CONTEXT = re.compile(
    r"身份證|身份证|身分證|居民證|居民证|證件|证件|公民身份|\b(?:PRC|mainland|China|Chinese|resident)\b[^\n]{0,12}\bID\b"
    r"|\bID[ \t]*(?:card|no|number|#|copy)|\bidentity\b|\bIC\b|\bRIC\b",
    re.IGNORECASE,
)
_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_CHECK = "10X98765432"


def check_character(first17: str) -> str:
    """The ISO 7064 MOD 11-2 check character of the first seventeen digits."""
    return _CHECK[sum(int(digit) * weight for digit, weight in zip(first17, _WEIGHTS, strict=True)) % 11]


def _born(digits: str) -> bool:
    """Whether characters 7 to 14 are a date of birth between 1900 and this year."""
    try:
        born = datetime.date(int(digits[6:10]), int(digits[10:12]), int(digits[12:14]))
    except ValueError:
        return False
    return datetime.date(1900, 1, 1) <= born <= datetime.date.today()


class ResidentIdRecognizer(RegexRecognizer):
    """A valid number counts alone; one with a wrong check character needs an
    identity-card word next to it or over its column."""

    def __init__(self) -> None:
        super().__init__("CN_RESIDENT_ID", "ResidentIdRecognizer", _RESIDENT_ID)

    def score(self, match: re.Match[str], text: str) -> float:
        value = re.sub(r"[ -]", "", match[1]).upper()
        if not _born(value):
            return 0.0
        header = column_header(text, match.start(1))
        labelled = context_near(text, *match.span(1), _ID_CONTEXT, before=40, after=8) or (
            header is not None and _ID_CONTEXT.search(header) is not None
        )
        if check_character(value[:17]) == value[17]:
            if not labelled and OTHER_NUMBER_LABEL.search(line_before(text, match.start(1), 30)):
                return 0.0  # 訂單編號 followed by eighteen digits that happen to pass
            return 0.85 if labelled else 0.6
        return 0.6 if labelled else 0.0
