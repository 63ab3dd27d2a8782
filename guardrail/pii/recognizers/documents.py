"""HKSAR passports and Business Registration numbers."""

from __future__ import annotations

import re

from guardrail.pii.recognizers.base import RegexRecognizer, context_near

_PASSPORT = re.compile(r"(?<![A-Za-z0-9])([A-Za-z]\d{8})(?![A-Za-z0-9])")
_PASSPORT_CONTEXT = re.compile(r"passport|travel\s+document|護照|旅行證件|回鄉證|通行證", re.IGNORECASE)

_BR = re.compile(
    r"(?<![A-Za-z0-9-])(\d{8}(?:-\d{3}-\d{2}-\d{2}-\d)?)(?![A-Za-z0-9])(?!-\d)"
)
_BR_CONTEXT = re.compile(
    r"\bBR\b|\bBRN\b|business\s+reg|商業登記|商業登記證|登記號碼|登記證號", re.IGNORECASE
)


class HkPassportRecognizer(RegexRecognizer):
    """A letter and eight digits; HKSAR passports start with K or H, others need context."""

    def __init__(self) -> None:
        super().__init__("HK_PASSPORT", "HkPassportRecognizer", _PASSPORT)

    def score(self, match: re.Match[str], text: str) -> float:
        in_context = context_near(text, *match.span(1), _PASSPORT_CONTEXT)
        if match[1][0] in "KHkh":
            return 0.85 if in_context else 0.6
        return 0.8 if in_context else 0.4


class HkBusinessRegRecognizer(RegexRecognizer):
    """Eight digits, often followed by ``-XXX-XX-XX-X``; bare eight digits need context."""

    def __init__(self) -> None:
        super().__init__("HK_BUSINESS_REG", "HkBusinessRegRecognizer", _BR)

    def score(self, match: re.Match[str], text: str) -> float:
        if "-" in match[1]:
            return 0.85
        return 0.75 if context_near(text, *match.span(1), _BR_CONTEXT) else 0.0
