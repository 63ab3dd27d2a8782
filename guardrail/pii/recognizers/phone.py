"""Telephone numbers: Hong Kong in all its spellings, and any number written with a ``+``.

Candidates are found with a loose pattern and confirmed with libphonenumber's metadata
(``phonenumbers``), not with hand-written number ranges. ``+852 9123 4567``,
``(852) 2345-6789``, ``9123-4567``, ``91234567`` and ``+85291234567`` all count; full-width
digits are folded before detection.

A number in a range the metadata says is unallocated is still a phone number when it
is written as one (with ``+852``) or stands next to a word such as "call" or 電話:
people mistype, ranges get allocated, and a redactor should err on the side of the
person. Bare digits of that kind, or eight digits that read as a date (``20250416``),
need such a word to count; four digits, a separator and four more (``2000-0000``) is
how Hong Kong writes a phone number and counts on its own, unless it is a span of
years (``2024-2025``).
"""

from __future__ import annotations

import re

import phonenumbers
from phonenumbers import PhoneNumber

from guardrail.pii.recognizers.base import RegexRecognizer, context_near

_HK = (
    r"(?:(?:\+|00)\s?852[\s-]?|\(\s?\+?852\s?\)\s?-?\s?|852[\s-])?"
    r"\d{4}[\s-]?\d{4}"
)
_INTERNATIONAL = r"\+\d{1,3}[\s-]?(?:\(\d{1,4}\)[\s-]?)?\d{1,5}(?:[\s-]?\d{2,5}){1,4}"
PATTERN = re.compile(
    rf"(?<![A-Za-z0-9_+$])(?<!\d[\s-])((?:{_INTERNATIONAL})|(?:{_HK}))"
    r"(?![A-Za-z0-9])(?![\s-]\d)(?![.,]\d)"
)
CONTEXT = re.compile(
    r"phone|\btel\b|tel[:.]|call|mobile|cell|contact|whats\s?app|signal|fax|sms|text\s+me|reach"
    r"|電話|手提|手機|聯絡|聯系|聯繫|致電|傳真|短訊|熱線",
    re.IGNORECASE,
)
_YEAR_RANGE = re.compile(r"(?:19|20)\d{2}\s?[-\s]\s?(?:19|20)\d{2}")
_DATE_LIKE = re.compile(r"(?:19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])")


class PhoneRecognizer(RegexRecognizer):
    def __init__(self) -> None:
        super().__init__("PHONE_NUMBER", "HkPhoneRecognizer", PATTERN)

    def score(self, match: re.Match[str], text: str) -> float:
        value = match[1]
        digits = re.sub(r"\D", "", value)
        international = value.startswith(("+", "00", "(")) or (
            digits.startswith("852") and len(digits) == 11
        )
        validity = _validity(value, digits)
        if validity is None:
            return 0.0
        in_context = context_near(text, *match.span(1), CONTEXT)
        if international:
            score = 0.9 if validity else 0.7
        elif _YEAR_RANGE.fullmatch(value):
            score = 0.1
        elif len(value) > 8:  # written with a separator: 9123-4567, 9123 4567
            score = 0.75 if validity else 0.5
        elif _DATE_LIKE.fullmatch(digits):
            score = 0.2
        else:
            score = 0.6 if validity else 0.2
        return min(0.95, score + 0.4) if in_context else score


def _validity(value: str, digits: str) -> bool | None:
    """True: a number in use per the metadata; False: possible but unallocated; None: not a number."""
    national = _hong_kong_national(value, digits)
    if national is None:
        return _parsed_validity(value, digits)
    # What parsing would give, without parsing (a third of the cost): most numbers
    # in Hong Kong text are Hong Kong's, eight digits after an optional 852.
    return _judged(PhoneNumber(country_code=852, national_number=int(national)))


def _hong_kong_national(value: str, digits: str) -> str | None:
    """The eight national digits of a Hong Kong number (``9123 4567``, ``+852 9123 4567``,
    ``00852...``, ``(852) ...``), or ``None`` for anything else."""
    if value.startswith("+") or len(digits) == 11:
        national = digits[3:] if digits.startswith("852") and len(digits) == 11 else None
    elif digits.startswith("00"):
        national = digits[5:] if digits.startswith("00852") and len(digits) == 13 else None
    else:
        national = digits if len(digits) == 8 else None
    return national if national is not None and not national.startswith("0") else None


def _parsed_validity(value: str, digits: str) -> bool | None:
    """:func:`_validity` by parsing the number with ``phonenumbers``, for any country."""
    try:
        if value.startswith("+"):
            number = phonenumbers.parse(value, None)
        elif digits.startswith("00"):
            number = phonenumbers.parse("+" + digits[2:], None)
        elif len(digits) == 11 and digits.startswith("852"):
            number = phonenumbers.parse("+" + digits, None)
        else:
            number = phonenumbers.parse(digits, "HK")
    except phonenumbers.NumberParseException:
        return None
    return _judged(number)


def _judged(number: PhoneNumber) -> bool | None:
    if phonenumbers.is_valid_number(number):
        return True
    return False if phonenumbers.is_possible_number(number) else None
