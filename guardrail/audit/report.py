"""The auditor's report: a trail's calls summarised by the Guideline's dimensions
and principles, with the trail's integrity.

:func:`summarise` turns call records into one JSON-able dict; :mod:`guardrail.audit.render`
turns that into Markdown, JSON or a self-contained HTML page with the same figures.

Only facts the records hold are read: times, request ids, tenants, use cases, decisions,
reason codes, entity types and counts, never content (records hold none).
"""

from __future__ import annotations

import statistics
from collections import Counter
from collections.abc import Iterable
from datetime import UTC, datetime
from typing import Any

from guardrail.audit.verify import ChainReport
from guardrail.policy.model import Dimension, Principle

DIMENSION_TITLES = {
    Dimension.PERSONAL_DATA_PRIVACY: "Personal data privacy",
    Dimension.INTELLECTUAL_PROPERTY: "Intellectual property",
    Dimension.CRIME_PREVENTION: "Crime prevention",
    Dimension.RELIABILITY_TRUSTWORTHINESS: "Reliability and trustworthiness",
    Dimension.SYSTEM_SECURITY: "System security",
}
PRINCIPLE_TITLES = {
    Principle.COMPLIANCE: "Compliance with laws and regulations",
    Principle.SECURITY_TRANSPARENCY: "Security and transparency",
    Principle.ACCURACY_RELIABILITY: "Accuracy and reliability",
    Principle.FAIRNESS_OBJECTIVITY: "Fairness and objectivity",
    Principle.PRACTICALITY_EFFICIENCY: "Practicality and efficiency",
}

# Refusals of a whole call that no check's decision shows, with the stage they refuse
# at. These are reason codes of ``guardrail.runtime.reasons``, written out here because
# the runtime imports the audit package, not the reverse (a test keeps them in step).
CALL_REFUSALS = {
    "risk_tier.refused": "call",
    "user_opt_out": "call",
    "audit_unavailable": "call",
    "unchecked_content": "input",
    "embedding.token_input": "input",
}
# Records whose path's last segment says no model answered with text to sign.
NOT_ANSWERS = {
    "models": "model list (GET /v1/models)",
    "live": "health check",
    "ready": "health check",
    "embeddings": "embeddings (no text to sign)",
}
# The refused-calls table lists at most this many (the oldest); ``audit query`` has all.
REFUSED_ROWS = 1000


def iso_time(when: Any) -> str | None:
    """A record's epoch time as ISO-8601 UTC to the second (``None`` if it has none)."""
    if not isinstance(when, int | float) or isinstance(when, bool):
        return None
    return datetime.fromtimestamp(when, UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def refusal_stage(record: dict[str, Any]) -> str | None:
    """Where guardrail refused the call (``input``, ``output`` or ``call``), or ``None``
    if it did not: a check decided ``deny``, a stream was cut off by a check, or the
    call itself was refused (a prohibited tier, an opt-out, no audit trail...)."""
    if record.get("input_decision") == "deny":
        return "input"
    if record.get("output_decision") == "deny" or record.get("stream_outcome") == "blocked":
        return "output"
    for check in record.get("checks") or []:  # records that carry only their checks' decisions
        if isinstance(check, dict) and check.get("decision") == "deny":
            return "input" if check.get("stage") == "input" else "output"
    return CALL_REFUSALS.get(str(record.get("error")))


def answer_kind(record: dict[str, Any]) -> str:
    """``answer`` for a model's answer delivered whole (the records attribution must
    cover); otherwise why the record is not one."""
    if record.get("call_request_id"):  # a step of a human review of an earlier call's answer
        return "human review step (the reviewed call is recorded apart)"
    tail = str(record.get("path") or "").rstrip("/").rsplit("/", 1)[-1]
    if tail in NOT_ANSWERS:
        return NOT_ANSWERS[tail]
    if refusal_stage(record) is not None:
        return "refused"
    if record.get("status") != 200 or record.get("error"):
        return "failed"
    outcome = record.get("stream_outcome")
    if outcome not in (None, "completed"):
        return f"stream ended early ({outcome})"
    return "answer"


def _bucket() -> dict[str, Any]:
    return {
        "checks_run": 0,
        "decisions": Counter(),
        "entities": Counter(),
        "reasons": Counter(),
        "errors": Counter(),
        "checks": set(),
    }


class _Tally:
    """Counts over one pass of the records."""

    def __init__(self) -> None:
        self.calls = 0
        self.times: list[float] = []
        self.statuses: Counter[str] = Counter()
        self.tiers: Counter[str] = Counter()
        self.use_cases: Counter[str] = Counter()
        self.blocks: Counter[str] = Counter()
        self.redactions: dict[str, Counter[str]] = {"input": Counter(), "output": Counter()}
        self.findings: dict[str, Counter[str]] = {"input": Counter(), "output": Counter()}
        self.errors: Counter[str] = Counter()
        self.latencies: list[float] = []
        self.answered = self.attributed = 0
        self.not_answers: Counter[str] = Counter()
        self.tenants: dict[str, dict[str, Any]] = {}
        self.policies: dict[tuple[str, str], dict[str, Any]] = {}
        self.refused: list[dict[str, Any]] = []
        self.refused_total = 0
        self.dimensions = {d.value: _bucket() for d in Dimension}
        self.principles = {p.value: _bucket() for p in Principle}

    def add(self, record: dict[str, Any]) -> None:
        self.calls += 1
        when = record.get("time")
        if isinstance(when, int | float) and not isinstance(when, bool):
            self.times.append(float(when))
        self.statuses[str(record.get("status"))] += 1
        self.tiers[str(record.get("risk_tier", "unknown"))] += 1
        self.use_cases[str(record.get("use_case", "unknown"))] += 1
        if isinstance(record.get("duration_ms"), int | float):
            self.latencies.append(float(record["duration_ms"]))
        if record.get("error"):
            self.blocks[str(record["error"])] += 1
        kind = answer_kind(record)
        if kind == "answer":
            self.answered += 1
            self.attributed += bool(record.get("attribution_id"))
        else:
            self.not_answers[kind] += 1
        tenant = self._tenant(str(record.get("tenant", "unknown")))
        tenant["calls"] += 1
        tenant["answers"] += kind == "answer"
        stage = refusal_stage(record)
        if stage is not None:
            tenant["refused"] += 1
            self._refusal(record, stage)
        self._policy(record)
        for check in record.get("checks") or []:
            self._check(check, tenant)

    def _tenant(self, name: str) -> dict[str, Any]:
        if name not in self.tenants:
            self.tenants[name] = {"calls": 0, "answers": 0, "refused": 0, "redacted": {"input": 0, "output": 0}}
        return self.tenants[name]

    def _refusal(self, record: dict[str, Any], stage: str) -> None:
        self.refused_total += 1
        if len(self.refused) >= REFUSED_ROWS:
            return
        reason = record.get("error") or record.get(f"{stage}_reason") or "blocked"
        self.refused.append(
            {
                "time": iso_time(record.get("time")),
                "request_id": record.get("request_id"),
                "tenant": record.get("tenant", "unknown"),
                "use_case": record.get("use_case"),
                "stage": stage,
                "reason": str(reason),
                "status": record.get("status"),
            }
        )

    def _policy(self, record: dict[str, Any]) -> None:
        named = record.get("policy")
        if not named:
            return
        key = (str(named), str(record.get("policy_hash") or ""))
        ident, _, version = key[0].rpartition("@")
        seen = self.policies.setdefault(
            key, {"id": ident or key[0], "version": version if ident else "", "hash": key[1] or None, "calls": 0}
        )
        seen["calls"] += 1
        when = iso_time(record.get("time"))
        if when is not None:
            seen["first"] = min(seen.get("first") or when, when)
            seen["last"] = max(seen.get("last") or when, when)

    def _check(self, check: dict[str, Any], tenant: dict[str, Any]) -> None:
        stage = "input" if check.get("stage") == "input" else "output"
        entities = Counter({str(k): v for k, v in (check.get("entities") or {}).items() if isinstance(v, int)})
        if Dimension.PERSONAL_DATA_PRIVACY.value in (check.get("dimensions") or []):
            self.redactions[stage].update(entities)
            tenant["redacted"][stage] += sum(entities.values())
        else:
            self.findings[stage].update(entities)
        error = check.get("error")
        if error:
            self.errors[f"{check.get('check')}: {error.get('type')} ({error.get('outcome')})"] += 1
        for name in check.get("dimensions") or []:
            _add(self.dimensions.setdefault(name, _bucket()), check)
        for name in check.get("principles") or []:
            _add(self.principles.setdefault(name, _bucket()), check)


def summarise(
    records: Iterable[dict[str, Any]],
    integrity: ChainReport,
    *,
    period: dict[str, Any],
    generated: datetime | None = None,
) -> dict[str, Any]:
    """The report's figures. ``period`` is the selection asked for (``since``,
    ``until``, ``tenant``); the first and last record times found are added to it."""
    tally = _Tally()
    for record in records:
        tally.add(record)
    return {
        "generated": (generated or datetime.now(UTC)).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "period": {
            **period,
            "first_record": iso_time(min(tally.times)) if tally.times else None,
            "last_record": iso_time(max(tally.times)) if tally.times else None,
        },
        "integrity": {
            "intact": integrity.intact,
            "entries": integrity.entries,
            "checkpoints": integrity.checkpoints,
            "records_lost": integrity.records_lost,
            "interrupted": integrity.interrupted,
            "open_intents": integrity.open_intents,
            "witnessed": integrity.witnessed,
            "problem": str(integrity.problem) if integrity.problem else None,
            "warnings": integrity.warnings,
        },
        "calls": tally.calls,
        "statuses": dict(tally.statuses),
        "blocked_or_failed": dict(tally.blocks),
        "risk_tiers": dict(tally.tiers),
        "use_cases": dict(tally.use_cases),
        "tenants": {name: tally.tenants[name] for name in sorted(tally.tenants)},
        "policies": sorted(tally.policies.values(), key=lambda p: (p["id"], p["version"], p["hash"] or "")),
        "refused_calls": {"total": tally.refused_total, "rows": tally.refused, "rows_limit": REFUSED_ROWS},
        "redactions": {stage: dict(counter) for stage, counter in tally.redactions.items()},
        "findings": {stage: dict(counter) for stage, counter in tally.findings.items()},
        "check_errors": dict(tally.errors),
        "attribution_coverage": {
            "answered": tally.answered,
            "attributed": tally.attributed,
            "ratio": round(tally.attributed / tally.answered, 4) if tally.answered else None,
        },
        "not_answers": dict(tally.not_answers),
        "latency_ms": _percentiles(tally.latencies),
        "dimensions": {k: _plain(v) for k, v in tally.dimensions.items()},
        "principles": {k: _plain(v) for k, v in tally.principles.items()},
    }


def _add(bucket: dict[str, Any], check: dict[str, Any]) -> None:
    bucket["checks_run"] += 1
    bucket["checks"].add(str(check.get("check")))
    bucket["decisions"][str(check.get("decision"))] += 1
    bucket["entities"].update(check.get("entities") or {})
    if check.get("reason"):
        bucket["reasons"][str(check["reason"])] += 1
    if check.get("error"):
        bucket["errors"][str(check["error"].get("outcome"))] += 1


def _plain(bucket: dict[str, Any]) -> dict[str, Any]:
    return {
        "checks_run": bucket["checks_run"],
        "checks": sorted(bucket["checks"]),
        "decisions": dict(bucket["decisions"]),
        "entities": dict(bucket["entities"]),
        "reasons": dict(bucket["reasons"]),
        "errors": dict(bucket["errors"]),
    }


def _percentiles(values: list[float]) -> dict[str, float | None]:
    if not values:
        return {"p50": None, "p95": None, "p99": None, "max": None}
    if len(values) == 1:
        return {"p50": values[0], "p95": values[0], "p99": values[0], "max": values[0]}
    cuts = statistics.quantiles(values, n=100, method="inclusive")
    return {
        "p50": round(cuts[49], 2),
        "p95": round(cuts[94], 2),
        "p99": round(cuts[98], 2),
        "max": round(max(values), 2),
    }
