"""The ``cited_sources`` check: an answer that should cite sources and cites none.

The Guideline asks providers to alert users when an output cannot be verified and to
disclose sources where they exist (p.26). For use cases that require sources (legal
research, say), an answer with no link, reference marker or "Source:" line is marked
unverifiable: the verdict warns (``reliability.unverifiable``), and the runtime then
adds the unverified-output notice to it and says so in its attribution manifest.
Other use cases are not checked.
"""

from __future__ import annotations

import re
from typing import Any

from pydantic import Field

from guardrail.core.chat import SlotKind, collect_texts
from guardrail.core.context import CallContext
from guardrail.core.verdict import ALLOW, Decision, Finding, Payload, Verdict
from guardrail.policy.model import StrictModel
from guardrail.policy.registry import CheckServices, CheckType

REASON = "reliability.unverifiable"
_CITATION = re.compile(
    r"https?://\S+|\bdoi:\s*10\.\d+|\b10\.\d{4,9}/\S+|\[\d{1,3}\]|\[\^\d+\]|\(\w[\w .&-]+,? (?:19|20)\d\d\)"
    r"|^\s*(?:sources?|references?|citations?|bibliography|來源|来源|參考|参考|資料來源|资料来源|出處|出处)\s*[:：]"
    r"|\bcap\.? ?\d+[a-z]?\b|\[\d{4}\] \d? ?HK(?:CFA|CA|CFI|DC|LT)",
    re.IGNORECASE | re.MULTILINE,
)


class CitedSourcesSettings(StrictModel):
    use_cases: list[str] = Field(min_length=1, description="Use cases whose answers must cite sources.")
    action: str = Field(
        default="warn",
        pattern="^(warn|block)$",
        description="warn: mark unverifiable and add the notice; block: refuse the answer.",
    )


class CitedSourcesCheck:
    whole_answer = True  # sources may come at the very end of an answer

    def __init__(self, settings: CitedSourcesSettings) -> None:
        self.settings = settings
        self.use_cases = frozenset(settings.use_cases)

    def __call__(self, payload: Payload, context: CallContext) -> Verdict:
        if context.use_case not in self.use_cases:
            return ALLOW
        texts = [
            slot for slot in collect_texts(payload.messages) if slot.kind is SlotKind.CONTENT and slot.text.strip()
        ]
        if not texts or any(_CITATION.search(slot.text) for slot in texts):
            return ALLOW
        finding = Finding(
            "UNCITED_ANSWER",
            0,
            len(texts[0].text),
            1.0,
            "cited_sources.none_found",
            texts[0].location,
            self.settings.action,
        )
        decision = Decision.BLOCK if self.settings.action == "block" else Decision.WARN
        return Verdict(decision, findings=(finding,), reason=REASON)


def build(settings: CitedSourcesSettings, services: CheckServices) -> Any:
    return CitedSourcesCheck(settings)


CITED_SOURCES = CheckType(
    name="cited_sources", settings_model=CitedSourcesSettings, factory="guardrail.reliability.citations:build"
)
