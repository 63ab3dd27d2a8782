"""The auditor's report: a trail's calls summarised by the Guideline's dimensions
and principles, with the trail's integrity.

:func:`summarise` turns call records into one JSON-able dict; ``render`` turns that
into Markdown or a self-contained HTML page (inline CSS and SVG, no external assets).
"""

from __future__ import annotations

import statistics
from collections import Counter
from collections.abc import Iterable
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


def _bucket() -> dict[str, Any]:
    return {
        "checks_run": 0,
        "decisions": Counter(),
        "entities": Counter(),
        "reasons": Counter(),
        "errors": Counter(),
        "checks": set(),
    }


def summarise(records: Iterable[dict[str, Any]], integrity: ChainReport, *, period: dict[str, Any]) -> dict[str, Any]:
    calls = 0
    statuses: Counter[str] = Counter()
    tiers: Counter[str] = Counter()
    use_cases: Counter[str] = Counter()
    tenants: Counter[str] = Counter()
    blocks: Counter[str] = Counter()
    redactions: dict[str, Counter[str]] = {"input": Counter(), "output": Counter()}
    errors: Counter[str] = Counter()
    latencies: list[float] = []
    answered = attributed = 0
    dimensions = {d.value: _bucket() for d in Dimension}
    principles = {p.value: _bucket() for p in Principle}
    for record in records:
        calls += 1
        statuses[str(record.get("status"))] += 1
        tiers[str(record.get("risk_tier", "unknown"))] += 1
        use_cases[str(record.get("use_case", "unknown"))] += 1
        tenants[str(record.get("tenant", "unknown"))] += 1
        if isinstance(record.get("duration_ms"), int | float):
            latencies.append(float(record["duration_ms"]))
        if record.get("status") == 200:
            answered += 1
            attributed += bool(record.get("attribution_id"))
        if record.get("error"):
            blocks[str(record["error"])] += 1
        for check in record.get("checks") or []:
            stage = "input" if check.get("stage") == "input" else "output"
            redactions[stage].update(check.get("entities") or {})
            error = check.get("error")
            if error:
                errors[f"{check.get('check')}: {error.get('type')} ({error.get('outcome')})"] += 1
            for name in check.get("dimensions") or []:
                _add(dimensions.setdefault(name, _bucket()), check)
            for name in check.get("principles") or []:
                _add(principles.setdefault(name, _bucket()), check)
    return {
        "period": period,
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
        "calls": calls,
        "statuses": dict(statuses),
        "blocked_or_failed": dict(blocks),
        "risk_tiers": dict(tiers),
        "use_cases": dict(use_cases),
        "tenants": dict(tenants),
        "redactions": {stage: dict(counter) for stage, counter in redactions.items()},
        "check_errors": dict(errors),
        "attribution_coverage": {
            "answered": answered,
            "attributed": attributed,
            "ratio": round(attributed / answered, 4) if answered else None,
        },
        "latency_ms": _percentiles(latencies),
        "dimensions": {k: _plain(v) for k, v in dimensions.items()},
        "principles": {k: _plain(v) for k, v in principles.items()},
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


def group_counts(summary: dict[str, Any]) -> dict[str, dict[str, int]]:
    """Counters worth a chart, by title."""
    return {
        "Risk-tier mix": summary["risk_tiers"],
        "Redactions by entity type (input)": summary["redactions"]["input"],
        "Blocks and errors by code": summary["blocked_or_failed"],
    }
