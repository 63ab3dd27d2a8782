"""A Presidio recognizer driven by one compiled regex and a scoring method.

Presidio's ``PatternRecognizer`` scores by pattern and improves scores from context
through lemmas of English tokens. Hong Kong text needs context words in Chinese too
(身份證, 電話), which an English tokenizer does not split out, so recognizers here
look for context in a character window around each match instead.
"""

from __future__ import annotations

import re
from typing import Any

from presidio_analyzer import LocalRecognizer, RecognizerResult

from guardrail.text.prefilter import may_match, required_literals
from guardrail.text.start_gate import gate

LANGUAGE = "en"


def context_near(text: str, start: int, end: int, words: re.Pattern[str], before: int = 40, after: int = 16) -> bool:
    """Whether any context word occurs within a window around ``text[start:end]``; in
    the window before, a label a scanned form spaced out (香 港 身 份 証) counts too."""
    head = text[max(0, start - before) : start]
    if words.search(head) is not None or words.search(text, end, min(len(text), end + after)) is not None:
        return True
    return _SPACED_HAN.search(head) is not None and words.search(_SPACED_HAN.sub("", head)) is not None


# A space between two Chinese characters, as a scan or a form's letter boxes leave.
_SPACED_HAN = re.compile("(?<=[\u3400-\u9fff]) (?=[\u3400-\u9fff])")


def tagged_result(
    recognizer: LocalRecognizer, name: str, entity: str, start: int, end: int, score: float
) -> RecognizerResult:
    """A Presidio result that names the recognizer it came from, for the evidence."""
    return RecognizerResult(
        entity,
        start,
        end,
        score,
        recognition_metadata={
            RecognizerResult.RECOGNIZER_NAME_KEY: name,
            RecognizerResult.RECOGNIZER_IDENTIFIER_KEY: recognizer.id,
        },
    )


class RegexRecognizer(LocalRecognizer):
    """Finds candidates with ``pattern`` and keeps those :meth:`score` rates above zero."""

    pattern: re.Pattern[str]

    def __init__(self, entity: str, name: str, pattern: re.Pattern[str]) -> None:
        self.pattern = gate(pattern)  # the same matches, found sooner (guardrail.text.start_gate)
        self.recognizer_name = name
        # Literals one of which every match contains ("號" or "座" for a Chinese
        # address): a text with none of them is not searched (see guardrail.text.prefilter).
        self._literals = None if pattern.flags & re.IGNORECASE else required_literals(pattern.pattern)
        super().__init__(supported_entities=[entity], name=name, supported_language=LANGUAGE)

    def load(self) -> None:
        """Nothing to load: the pattern is compiled at import."""

    def analyze(self, text: str, entities: list[str], nlp_artifacts: Any = None) -> list[RecognizerResult]:
        if not may_match(self._literals, text):
            return []
        results = []
        entity = self.supported_entities[0]
        for match in self.pattern.finditer(text):
            score = self.score(match, text)
            if score > 0.0:
                start, end = self.span(match)
                results.append(tagged_result(self, self.recognizer_name, entity, start, end, score))
        return results

    def span(self, match: re.Match[str]) -> tuple[int, int]:
        """The part of the match that is the entity; group 1 when there is one."""
        return match.span(1) if match.re.groups else match.span()

    def score(self, match: re.Match[str], text: str) -> float:
        """Confidence for one candidate; 0 discards it."""
        raise NotImplementedError


def line_before(text: str, start: int, reach: int) -> str:
    """The text before ``start`` on its own line, at most ``reach`` characters of it: where
    a value's label stands."""
    return text[max(text.rfind("\n", 0, start) + 1, start - reach) : start]


# The label of another kind of number just before a value, on its own line (報案編號
# RN24001833, Booking ref ..., Donor ID C0048813): that label, not a passport or card
# word elsewhere, says what the number is.
OTHER_NUMBER_LABEL = re.compile(
    r"(?:\bref(?:erence)?|(?<!\bin )\bcase|\border|\binvoice|\bbooking|\bpolicy|\bclaim|\breceipt|\bticket|\btracking"
    r"|\bmember(?:ship)?|\baccount|\bPNR|\bserial|\bfile|\bstudent|\bstaff|\bemployee|\bmeter|\bdevice|\bcontainer|\bseal"
    r"|\bdonor|\bcustomer|\bloyalty|\bvoucher|\bfrequent[ \t]+fl[yi]er|\bmileage|\bbag(?:gage)?[ \t]+tag"
    r"|\bchat[ \t]*(?:id|no|#)|\bsession[ \t]*(?:id|no|#)|\btransaction[ \t]*(?:id|no|#|ref)"
    r"|\bconf(?:irmation)?[ \t]*(?:no|#|code)|\bseaman|\bCDC\b"
    r"|電錶|电表|水錶|水表|學號|学号|員工|员工|會員|会员|編號|编号|單號|单号|報案|报案|訂單|订单|保單|保单)[^\n]{0,12}$",
    re.IGNORECASE,
)
