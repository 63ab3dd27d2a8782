"""One call's record: what happened, as evidence, never content.

A :class:`CallRecord` is built once, when the call ends, by the call that owns it
(:class:`~guardrail.runtime.call.GuardedCall`); nothing changes it afterwards. Until
then the call gathers evidence in a :class:`RecordBuilder`, which only the call holds.
The audit trail, the log and the trace all read the finished record
(:mod:`guardrail.runtime.sinks`), so they cannot disagree.

Evidence is decisions, entity types and counts, check timings and scores, the policy
and the tier; never the text checked. The one exception is ``redacted_request``,
kept only where the policy asks for it (``audit.keep_redacted_content``), and it is
the redacted text.
"""

from __future__ import annotations

import copy
import time
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from typing import Any

from guardrail.attribution.manifest import Attribution
from guardrail.core.context import CallContext
from guardrail.core.verdict import Decision, Verdict
from guardrail.runtime.evidence import check_summaries, merge, model_name


@dataclass(frozen=True, slots=True)
class StageEvidence:
    """What the checks of one stage (input or output) decided, summed over the stage's
    runs (a stream runs its output checks many times)."""

    decision: str | None = None
    reason: str | None = None
    entities: Mapping[str, int] = field(default_factory=dict)
    check_errors: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class CallRecord:
    """A finished call, as audit, logs and traces see it.

    ``path`` is where the call came in (an HTTP path, ``wrapper``, ``litellm-proxy``);
    ``status`` the HTTP status the caller got (or would have, for library callers);
    ``error`` the stable code of a refusal or failure.
    """

    request_id: str
    path: str
    status: int
    duration_ms: float
    tenant: str = "default"
    model: str | None = None
    stream: bool | None = None
    use_case: str | None = None
    risk_tier: str | None = None
    escalated_from: str | None = None
    policy: str | None = None
    policy_hash: str | None = None
    opt_out: bool = False
    trace_id: str | None = None
    checks: tuple[Mapping[str, Any], ...] = ()
    input: StageEvidence = StageEvidence()
    output: StageEvidence = StageEvidence()
    redacted_request: Any = None
    upstream_ms: float | None = None
    response_model: str | None = None
    restored: int | None = None
    attribution_id: str | None = None
    content_hash: str | None = None
    stream_outcome: str | None = None
    review: str | None = None  # held (kept for a reviewer) or sampled (released, queued)
    review_id: str | None = None
    error: str | None = None
    upstream_error: str | None = None
    exception: str | None = None
    usage: Mapping[str, int] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        """The record as the audit trail stores it: flat, without empty fields."""
        flat: dict[str, Any] = {}
        # Field by field, not dataclasses.asdict: asdict deep-copies every check's
        # evidence only for this loop to rebuild it, a sixth of the proxy's own time
        # per call in a profile. The other fields are strings, numbers and flags.
        for name in _FLAT_FIELDS:
            value = getattr(self, name)
            if name == "checks":
                value = [dict(check) for check in value]
            elif name == "redacted_request" and value is not None:
                value = copy.deepcopy(value)  # the trail's copy: the caller's lists stay theirs
            if value is None or value == [] or (name == "opt_out" and not value):
                continue
            flat[name] = value
        for stage in ("input", "output"):
            evidence: StageEvidence = getattr(self, stage)
            if evidence.entities:
                flat[f"{stage}_entities"] = dict(evidence.entities)
            if evidence.decision is not None:
                flat[f"{stage}_decision"] = evidence.decision
            if evidence.check_errors:
                flat[f"{stage}_check_errors"] = list(evidence.check_errors)
            if evidence.reason:
                flat[f"{stage}_reason"] = evidence.reason
        return flat

    def for_log(self) -> dict[str, Any]:
        """The record without the consented redacted request, which goes to the trail only."""
        return {key: value for key, value in self.as_dict().items() if key != "redacted_request"}


_FLAT_FIELDS = tuple(f.name for f in fields(CallRecord) if f.name not in ("input", "output", "usage"))


class RecordBuilder:
    """Evidence gathered while a call runs; :meth:`build` makes its one record."""

    def __init__(self, request_id: str, path: str, *, tenant: str = "default") -> None:
        self.request_id, self.path, self.tenant = request_id, path, tenant
        self.started = time.perf_counter()
        self.fields: dict[str, Any] = {}
        self.checks: list[dict[str, Any]] = []
        self.stages: dict[str, _Stage] = {"input": _Stage(), "output": _Stage()}

    def call(self, context: CallContext) -> None:
        """The call's use case, policy and the tier it ran under (raised, if content raised it)."""
        self.tenant = context.tenant
        self.fields.update(
            use_case=context.use_case,
            risk_tier=context.risk_tier.value,
            policy=f"{context.policy.id}@{context.policy.version}",
            policy_hash=context.policy.content_hash,
            escalated_from=context.escalated_from.value if context.escalated_from else None,
            opt_out=context.opted_out,
        )

    def verdict(self, stage: str, verdict: Verdict) -> None:
        """A stage's decision, entity counts (never values) and per-check evidence."""
        self.checks = merge(self.checks, check_summaries(stage, verdict))
        self.stages[stage].add(verdict)

    def attribution(self, attribution: Attribution | None) -> None:
        if attribution is not None:
            self.fields.update(
                attribution_id=attribution.manifest["id"], content_hash=attribution.manifest["content"]["hash"]
            )

    def response(self, response: Mapping[str, Any] | None) -> None:
        """The model that answered (if it reads as a model name) and the tokens used."""
        if not response:
            return
        if response.get("model"):
            self.fields["response_model"] = model_name(response["model"])
        usage = response.get("usage") or {}
        if isinstance(usage, Mapping):
            counted = {k: v for k, v in usage.items() if k in _USAGE and isinstance(v, int)}
            if counted:
                self.fields["usage"] = counted

    def set(self, **fields: Any) -> None:
        """Other facts of the call (model, stream, trace id, upstream time, restored...);
        a name the record has no field for is a programming error, not a silent drop."""
        unknown = sorted(set(fields) - _FIELDS)
        if unknown:
            raise TypeError(f"a call record has no field {unknown[0]!r}")
        self.fields.update(fields)

    def elapsed_ms(self) -> float:
        return round((time.perf_counter() - self.started) * 1000, 2)

    def build(self, status: int, error: str | None = None) -> CallRecord:
        return CallRecord(
            request_id=self.request_id,
            path=self.path,
            tenant=self.tenant,
            status=status,
            error=error,
            duration_ms=self.elapsed_ms(),
            checks=tuple(self.checks),
            input=self.stages["input"].evidence(),
            output=self.stages["output"].evidence(),
            **self.fields,
        )


_USAGE = ("prompt_tokens", "completion_tokens", "total_tokens")
_FIELDS = frozenset(CallRecord.__dataclass_fields__) - {
    "request_id",
    "path",
    "tenant",
    "status",
    "error",
    "duration_ms",
    "checks",
    "input",
    "output",
}


class _Stage:
    """One stage's evidence as it accumulates."""

    def __init__(self) -> None:
        self.decision: Decision | None = None
        self.reason: str | None = None
        self.entities: Counter[str] = Counter()
        self.errors: list[str] = []

    def add(self, verdict: Verdict) -> None:
        self.entities.update(f.entity_type for f in verdict.all_findings())
        if self.decision is None or verdict.decision.severity > self.decision.severity:
            self.decision = verdict.decision
        failures = [s.verdict.failure for s in verdict.steps if s.verdict.failure is not None]
        if failures:
            self.errors = [f"{f.error_type}:{f.outcome.value}" for f in failures]
        if verdict.reason:
            self.reason = verdict.reason

    def evidence(self) -> StageEvidence:
        return StageEvidence(
            decision=self.decision.value if self.decision else None,
            reason=self.reason,
            entities=dict(self.entities),
            check_errors=tuple(self.errors),
        )
