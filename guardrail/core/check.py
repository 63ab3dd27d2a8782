"""The unit of extension: a check.

A check is any callable that takes the payload and the call context and returns a
:class:`~guardrail.core.verdict.Verdict`. Like a structlog processor, a check that
needs settings is a class whose ``__init__`` does the expensive set-up and whose
``__call__`` stays cheap. A block is a verdict, not an exception; an exception from a
check means the check itself failed, and the pipeline applies the policy's ``on_error``.
"""

from __future__ import annotations

from typing import Protocol, runtime_checkable

from guardrail.core.context import CallContext
from guardrail.core.verdict import Payload, Verdict


@runtime_checkable
class Check(Protocol):
    """Anything that can judge a payload."""

    def __call__(self, payload: Payload, context: CallContext) -> Verdict: ...
