"""Contacts and documents in an airline reservation's own elements (a GDS record).

Agents paste reservation records into e-mails and tickets, and those records write a
passenger's contacts and passport in codes of their own: ``CTCM 447700913482/GB`` (a
mobile: home ``CTCH``, business ``CTCB``), ``CTCE PRIYA.NAIR//EXAMPLE.COM`` (an e-mail,
``//`` for the at sign and ``..`` for an underscore) and ``SSR DOCS YY HK1
P/GBR/548120936/GBR/...`` (the travel document's type, issuing country and number).
Digits with no separator, a doubled slash for ``@``: the general recognizers do not read
them as a phone, an address or a passport, and the element's code says exactly what
they are.
"""

from __future__ import annotations

import re
from typing import Any

from presidio_analyzer import LocalRecognizer, RecognizerResult

from guardrail.pii.recognizers.base import LANGUAGE, tagged_result

_NAME = "ReservationRecognizer"
_CODES = ("CTCM", "CTCH", "CTCB", "CTCE", "DOCS")
_PHONE = re.compile(r"\bCTC[MHB][ \t]+(?:[A-Z]{3}[ \t]+)?(\+?\d[\d \t-]{6,18}\d)(?![\d])(?:/[A-Z]{2})?")
_EMAIL = re.compile(r"\bCTCE[ \t]+([A-Za-z0-9][A-Za-z0-9._%+-]*//[A-Za-z0-9][A-Za-z0-9.-]*\.[A-Za-z]{2,})")
_DOCUMENT = re.compile(r"\bDOCS[ \t]+(?:[A-Z0-9]{2}[ \t]+)?(?:HK\d[ \t]+)?/?[PIACM]/[A-Z]{1,3}/([A-Z0-9]{5,15})/")
_FOUND = ((_PHONE, "PHONE_NUMBER", 0.85), (_EMAIL, "EMAIL_ADDRESS", 0.85), (_DOCUMENT, "HK_PASSPORT", 0.85))


class ReservationRecognizer(LocalRecognizer):
    """A passenger's phone, e-mail and travel document in a reservation's elements."""

    def __init__(self) -> None:
        super().__init__(
            supported_entities=["PHONE_NUMBER", "EMAIL_ADDRESS", "HK_PASSPORT"],
            name=_NAME,
            supported_language=LANGUAGE,
        )

    def load(self) -> None:
        """Nothing to load: the patterns are compiled at import."""

    def analyze(self, text: str, entities: list[str], nlp_artifacts: Any = None) -> list[RecognizerResult]:
        if not any(code in text for code in _CODES):
            return []
        return [
            tagged_result(self, _NAME, entity, *match.span(1), score)
            for pattern, entity, score in _FOUND
            if entity in entities
            for match in pattern.finditer(text)
        ]
