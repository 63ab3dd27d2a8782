"""The core: checks, verdicts, pipelines, call context, and the stores checks share
(text memos, the pseudonym vault).

Nothing here imports Presidio, LiteLLM, a web framework or an exporter; those live at
the edge and depend on this package, never the other way round.
"""

from guardrail.core.check import Check
from guardrail.core.context import CallContext, PolicyRef, RiskTier, Stage, new_request_id
from guardrail.core.pipeline import Pipeline, Step
from guardrail.core.verdict import (
    ALLOW,
    CheckFailure,
    Decision,
    ErrorOutcome,
    Finding,
    Payload,
    StepOutcome,
    Verdict,
)

__all__ = [
    "ALLOW",
    "CallContext",
    "Check",
    "CheckFailure",
    "Decision",
    "ErrorOutcome",
    "Finding",
    "Payload",
    "Pipeline",
    "PolicyRef",
    "RiskTier",
    "Stage",
    "Step",
    "StepOutcome",
    "Verdict",
    "new_request_id",
]
