"""Names (and optionally places and organisations) from spaCy's statistical NER.

An English model run over Chinese text or over codes labels odd spans; only spans that
look like a name in Latin script are kept.
"""

from __future__ import annotations

import re
from typing import Any

from presidio_analyzer import RecognizerResult
from presidio_analyzer.predefined_recognizers import SpacyRecognizer

from guardrail.pii.recognizers.base import LANGUAGE
from guardrail.pii.recognizers.names_data import PLACE_NAMES

_PLAUSIBLE = re.compile(r"[A-Za-z][A-Za-z .'’-]*[A-Za-z.]")


class FilteredSpacyRecognizer(SpacyRecognizer):
    def __init__(self, entities: list[str]) -> None:
        super().__init__(
            supported_language=LANGUAGE, supported_entities=entities, name="SpacyNerRecognizer"
        )

    def analyze(
        self, text: str, entities: list[str], nlp_artifacts: Any = None
    ) -> list[RecognizerResult]:
        results: list[RecognizerResult] = super().analyze(text, entities, nlp_artifacts)
        return [r for r in results if _plausible(text[r.start : r.end])]


def _plausible(span: str) -> bool:
    return _PLAUSIBLE.fullmatch(span) is not None and span.lower() not in PLACE_NAMES
