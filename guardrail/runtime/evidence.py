"""Per-check evidence for records and traces: decisions, labels, counts, never values.

A call's record lists every check that ran, per stage, with the Guideline dimensions
and principles it serves, so an auditor's report can be organised by them. A stream
runs the output checks many times; their results are merged per check and stage.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from guardrail.core.verdict import Decision, Verdict


def check_summaries(stage: str, verdict: Verdict) -> list[dict[str, Any]]:
    """One summary per check step of ``verdict``."""
    out = []
    for step in verdict.steps:
        failure = step.verdict.failure
        out.append({
            "check": step.name,
            "stage": stage,
            "decision": step.verdict.decision.value,
            "reason": step.verdict.reason,
            "dimensions": list(step.dimensions),
            "principles": list(step.principles),
            "entities": dict(Counter(f.entity_type for f in step.verdict.all_findings())),
            "duration_ms": round(step.duration_ms, 3),
            "error": {"type": failure.error_type, "outcome": failure.outcome.value} if failure else None,
        })
    return out


def merge(summaries: list[dict[str, Any]], new: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Fold ``new`` into ``summaries``, one entry per (check, stage)."""
    by_key = {(s["check"], s["stage"]): s for s in summaries}
    for item in new:
        key = (item["check"], item["stage"])
        current = by_key.get(key)
        if current is None:
            by_key[key] = dict(item)
            continue
        if Decision(item["decision"]).severity > Decision(current["decision"]).severity:
            current["decision"], current["reason"] = item["decision"], item["reason"]
        current["entities"] = dict(Counter(current["entities"]) + Counter(item["entities"]))
        current["duration_ms"] = round(current["duration_ms"] + item["duration_ms"], 3)
        current["error"] = current["error"] or item["error"]
    return list(by_key.values())
