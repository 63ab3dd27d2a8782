"""One Presidio recognizer shape for the Chinese-name modules: finder functions run in turn.

Each Chinese-name module (roles and relatives, vouched full names, called names) is a
tuple of finder functions that yield ``(start, end, score)`` where a neighbouring word
says a person. What surrounds them is the same: skip a text with no Chinese character,
keep the first score of each span, let the module veto a span, and name the recognizer
in the evidence. It lives here once.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any, ClassVar

from presidio_analyzer import LocalRecognizer, RecognizerResult

from guardrail.pii.recognizers.base import LANGUAGE, tagged_result
from guardrail.pii.recognizers.name_spans import HAN_CHAR

Finder = Callable[[str], Iterable[tuple[int, int, float]]]


class ChineseNameFinders(LocalRecognizer):
    """PERSON spans from :attr:`finders`, on texts with a Chinese character."""

    recognizer_name: ClassVar[str]
    finders: ClassVar[tuple[Finder, ...]]

    def __init__(self) -> None:
        super().__init__(supported_entities=["PERSON"], name=self.recognizer_name, supported_language=LANGUAGE)

    def load(self) -> None:
        """Word lists are module constants; nothing to load."""

    def analyze(self, text: str, entities: list[str], nlp_artifacts: Any = None) -> list[RecognizerResult]:
        if not HAN_CHAR.search(text):
            return []
        results, seen = [], set()
        for finder in self.finders:
            for start, end, score in finder(text):
                if end <= start or (start, end) in seen or not self.keep(text, start, end):
                    continue
                seen.add((start, end))
                results.append(tagged_result(self, self.recognizer_name, "PERSON", start, end, score))
        return results

    def keep(self, text: str, start: int, end: int) -> bool:
        """Whether a span a finder yielded is a name; every span unless a module says otherwise."""
        return True
