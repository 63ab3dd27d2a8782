"""Reading a chat completion's answers, and what manifests say about a call's checks."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from typing import Any

from guardrail.core.chat import Message
from guardrail.core.verdict import Verdict
from guardrail.reliability.citations import REASON as UNVERIFIABLE


def answer_messages(response: Mapping[str, Any]) -> list[Message]:
    """The message of each choice of a chat completion, in order."""
    return [dict(choice.get("message") or {}) for choice in response.get("choices") or []]


def redaction_summary(input_verdict: Verdict, output_verdicts: Sequence[Verdict]) -> dict[str, dict[str, int]]:
    """Entity types and counts per stage, for manifests: never values."""
    outputs: Counter[str] = Counter()
    for verdict in output_verdicts:
        outputs.update(f.entity_type for f in verdict.all_findings())
    return {
        "input": dict(Counter(f.entity_type for f in input_verdict.all_findings())),
        "output": dict(outputs),
    }


def is_unverifiable(verdict: Verdict) -> bool:
    """Whether a check marked the answer unverifiable (no sources where they are required)."""
    return any(step.verdict.reason == UNVERIFIABLE for step in verdict.steps)
