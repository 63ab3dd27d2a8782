"""Per-check evidence for call records: decisions, labels, counts, never values.

A call's record lists every check that ran, per stage, with the Guideline dimensions
and principles it serves, so an auditor's report can be organised by them. A stream
runs the output checks many times; their results are merged per check and stage.
"""

from __future__ import annotations

import re
from collections import Counter
from typing import Any

from guardrail.core.verdict import Decision, ModelUsage, Verdict


def check_summaries(stage: str, verdict: Verdict) -> list[dict[str, Any]]:
    """One summary per check step of ``verdict``."""
    out: list[dict[str, Any]] = []
    for step in verdict.steps:
        failure = step.verdict.failure
        out.append(
            {
                "check": step.name,
                "stage": stage,
                "decision": step.verdict.decision.value,
                "reason": step.verdict.reason,
                "dimensions": list(step.dimensions),
                "principles": list(step.principles),
                "entities": dict(Counter(f.entity_type for f in step.verdict.all_findings())),
                "duration_ms": round(step.duration_ms, 3),
                "error": {"type": failure.error_type, "outcome": failure.outcome.value} if failure else None,
            }
        )
        scores = model_scores(step.verdict)
        if scores:
            out[-1]["scores"] = scores
        if step.verdict.remembered:
            out[-1]["remembered"] = step.verdict.remembered  # texts judged on an earlier call
        if step.verdict.usage:
            out[-1]["usage"] = [model_usage(used) for used in step.verdict.usage]
    return out


def model_usage(used: ModelUsage) -> dict[str, Any]:
    """A check's own model call: the model, its tokens and, if priced, its cost."""
    found: dict[str, Any] = {
        "model": used.model,
        "prompt_tokens": used.prompt_tokens,
        "completion_tokens": used.completion_tokens,
    }
    if used.cost_usd is not None:
        found["cost_usd"] = used.cost_usd
    return found


def model_scores(verdict: Verdict) -> list[dict[str, Any]]:
    """A scoring model's evidence: category, score, threshold and model, per finding
    held to a threshold (classifiers); never the text or where in it."""
    return [
        {"category": f.entity_type, "score": f.score, "threshold": f.threshold, "model": f.rule}
        for f in verdict.all_findings()
        if f.threshold is not None
    ]


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
        if item.get("remembered"):
            current["remembered"] = current.get("remembered", 0) + item["remembered"]
        if item.get("usage"):
            current["usage"] = [*(current.get("usage") or []), *item["usage"]]
        if item.get("scores"):
            current["scores"] = _highest(current.get("scores") or [], item["scores"])
    return list(by_key.values())


def _highest(old: list[dict[str, Any]], new: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """One score per (category, model): the highest a stream's windows reached."""
    best: dict[tuple[Any, Any], dict[str, Any]] = {}
    for score in [*old, *new]:
        key = (score["category"], score["model"])
        if key not in best or score["score"] > best[key]["score"]:
            best[key] = score
    return list(best.values())


_MODEL_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.:/@+-]{0,127}")


def model_name(value: Any) -> str | None:
    """The model an upstream says answered, if it reads as a model name; otherwise a
    marker. The string is the upstream's to choose, so records and traces do not quote
    it unless it has the shape of a name (no spaces, no free text)."""
    if value is None:
        return None
    text = str(value)
    return text if _MODEL_NAME.fullmatch(text) else "<not a model name>"
