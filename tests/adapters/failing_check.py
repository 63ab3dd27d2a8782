"""Check types that crash or hang, to test fail-closed and fail-open handling and timeouts."""

from __future__ import annotations

import time

from pydantic import BaseModel, ConfigDict

from guardrail.core import ALLOW, CallContext, Payload, Verdict
from guardrail.policy.registry import CheckServices, CheckType


class Settings(BaseModel):
    model_config = ConfigDict(extra="forbid")


class AlwaysFails:
    def __call__(self, payload: Payload, context: CallContext) -> Verdict:
        raise RuntimeError("secret content Chan Tai Man 9123 4567 must not be logged")


class Hangs:
    """Sleeps past any sensible timeout, then allows: only a timeout stops it."""

    def __call__(self, payload: Payload, context: CallContext) -> Verdict:
        time.sleep(2)
        return ALLOW


def build(settings: Settings, services: CheckServices) -> AlwaysFails:
    return AlwaysFails()


def build_hanging(settings: Settings, services: CheckServices) -> Hangs:
    return Hangs()


ALWAYS_FAILS = CheckType("always_fails", Settings, "tests.adapters.failing_check:build")
HANGS = CheckType("hangs", Settings, "tests.adapters.failing_check:build_hanging")
