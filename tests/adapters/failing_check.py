"""A check type that always crashes, to test fail-closed and fail-open handling."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict

from guardrail.core import CallContext, Payload, Verdict
from guardrail.policy.registry import CheckServices, CheckType


class Settings(BaseModel):
    model_config = ConfigDict(extra="forbid")


class AlwaysFails:
    def __call__(self, payload: Payload, context: CallContext) -> Verdict:
        raise RuntimeError("secret content Chan Tai Man 9123 4567 must not be logged")


def build(settings: Settings, services: CheckServices) -> AlwaysFails:
    return AlwaysFails()


ALWAYS_FAILS = CheckType("always_fails", Settings, "tests.adapters.failing_check:build")
