"""Verdicts: what a check decided, and the evidence for it.

Evidence is data, never raw content: entity types, offsets, scores and the id of the
rule or recognizer that fired. An auditor can see *what* was found and *where* without
the record itself becoming a leak.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from guardrail.core.context import Stage


class Decision(StrEnum):
    """A check's decision. Values follow OTel's ``gen_ai.security.decision.type``."""

    ALLOW = "allow"
    AUDIT = "audit"
    WARN = "warn"
    MODIFY = "modify"
    BLOCK = "deny"

    @property
    def severity(self) -> int:
        """Order used to combine decisions: the most severe wins."""
        return _SEVERITY[self]


_SEVERITY = {
    Decision.ALLOW: 0,
    Decision.AUDIT: 1,
    Decision.WARN: 2,
    Decision.MODIFY: 3,
    Decision.BLOCK: 4,
}


class ErrorOutcome(StrEnum):
    """What the pipeline did when a check failed: the policy's ``on_error`` in effect."""

    FAILED_OPEN = "failed_open"
    FAILED_CLOSED = "failed_closed"


@dataclass(frozen=True, slots=True)
class Payload:
    """The content under check: OpenAI-style chat messages at one stage of the call.

    At the input stage these are the request's messages and ``params``, its other
    parameters (tool definitions, ``stop``, ``user``, ...) that go upstream with them;
    at the output stage, the assistant messages of the answer. Checks never mutate a
    payload; a check that changes content returns a new one in its verdict.
    """

    stage: Stage
    messages: tuple[Mapping[str, Any], ...]
    params: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Finding:
    """One thing a check found. Never holds the matched text itself.

    ``location`` is a path into the payload (``messages[2].tool_calls[0].function.arguments$.name``);
    ``start``/``end`` index the original text at that location; ``rule`` names the
    recognizer or rule that fired; ``action`` says what was done about it. A finding
    of a scoring model also carries the ``threshold`` its score was held to.
    """

    entity_type: str
    start: int
    end: int
    score: float
    rule: str
    location: str = ""
    action: str = ""
    threshold: float | None = None


# The action of a rule hit the threat classifier did not corroborate: kept as evidence,
# it neither refuses the call nor raises its risk tier (guardrail.rules.corroboration).
UNCORROBORATED = "uncorroborated"
# The action of a classifier score a request framed as counter-speech did not lift over
# that framing's own threshold (guardrail.threats.counter_speech): evidence, like an
# uncorroborated rule hit.
COUNTER_SPEECH = "counter_speech"
# Findings kept as evidence only: they neither refuse a call nor raise its risk tier.
EVIDENCE_ONLY = frozenset({UNCORROBORATED, COUNTER_SPEECH})


@dataclass(frozen=True, slots=True)
class CheckFailure:
    """Why a check did not give a verdict, and what the pipeline did instead.

    ``error_type`` is the exception's class name: exception messages can quote the
    content being checked, so they are not kept.
    """

    error_type: str
    outcome: ErrorOutcome


@dataclass(frozen=True, slots=True)
class ModelUsage:
    """What a check's own model call cost: tokens and, when the model's price is known,
    money. A check that asks a hosted model (a safety model) says so, so that its cost
    reaches the audit record beside its decision."""

    model: str
    prompt_tokens: int = 0
    completion_tokens: int = 0
    cost_usd: float | None = None


@dataclass(frozen=True, slots=True)
class Verdict:
    """A check's result.

    ``payload`` is set when the decision is MODIFY; ``reason`` is a stable,
    machine-readable code (``personal_data.blocked_entity``) when the decision is
    not ALLOW; ``steps`` holds the named sub-verdicts when the check is a pipeline;
    ``remembered`` counts the texts whose result the check took from its memory of
    earlier calls (:mod:`guardrail.core.memo`) instead of computing it again;
    ``usage`` is what the check's own model calls cost, if it made any.
    """

    decision: Decision
    payload: Payload | None = None
    findings: tuple[Finding, ...] = ()
    reason: str | None = None
    failure: CheckFailure | None = None
    steps: tuple[StepOutcome, ...] = ()
    remembered: int = 0
    usage: tuple[ModelUsage, ...] = ()

    @property
    def blocked(self) -> bool:
        return self.decision is Decision.BLOCK

    def all_findings(self) -> list[Finding]:
        """This verdict's findings and those of its steps, depth first."""
        found = list(self.findings)
        for step in self.steps:
            found.extend(step.verdict.all_findings())
        return found

    def by_name(self) -> dict[str, StepOutcome]:
        """Sub-verdicts keyed by each check's configured name."""
        return {step.name: step for step in self.steps}


@dataclass(frozen=True, slots=True)
class StepOutcome:
    """One named check's verdict inside a pipeline, with its cost and its labels."""

    name: str
    verdict: Verdict
    duration_ms: float
    dimensions: tuple[str, ...] = ()
    principles: tuple[str, ...] = ()
    started_ns: int = 0  # wall-clock start (time.time_ns), for trace spans


ALLOW = Verdict(Decision.ALLOW)
