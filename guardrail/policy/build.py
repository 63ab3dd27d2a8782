"""Turning a validated policy into a runnable pipeline."""

from __future__ import annotations

from guardrail.core.pipeline import Pipeline, Step
from guardrail.policy import registry
from guardrail.policy.loader import LoadedPolicy
from guardrail.policy.model import OnError
from guardrail.policy.registry import CheckServices


def build_pipeline(loaded: LoadedPolicy, services: CheckServices | None = None) -> Pipeline:
    """Build every check the policy lists, in order, sharing ``services`` among them.

    Expensive set-up (loading models) happens here, once, not per call.
    """
    services = services or CheckServices()
    steps = []
    for spec in loaded.policy.checks:
        check = registry.resolve(spec.type).build(loaded.settings[spec.name], services)
        steps.append(
            Step(
                name=spec.name,
                check=check,
                stages=frozenset(stage.to_stage() for stage in spec.stages),
                fail_closed=spec.on_error is OnError.BLOCK,
                dimensions=tuple(d.value for d in spec.dimensions),
                principles=tuple(p.value for p in spec.principles),
                timeout_seconds=spec.timeout_ms / 1000 if spec.timeout_ms else None,
                whole_answer=bool(getattr(check, "whole_answer", False)),
            )
        )
    return Pipeline(steps)
