"""What the guard's stages return: a checked request, a checked answer."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from guardrail.attribution.manifest import Attribution
from guardrail.core.chat import Message
from guardrail.core.context import CallContext
from guardrail.core.verdict import Verdict


@dataclass(frozen=True, slots=True)
class GuardedRequest:
    """A request after input checks.

    ``messages`` and ``params`` (the other request parameters) are what may go
    upstream (when not blocked); ``pseudonyms`` are those the checks introduced, the
    only ones restorable in the answer.
    """

    context: CallContext
    verdict: Verdict
    messages: list[Message]
    pseudonyms: frozenset[str]
    params: Mapping[str, Any] = field(default_factory=dict)

    @property
    def blocked(self) -> bool:
        return self.verdict.blocked


@dataclass(frozen=True, slots=True)
class GuardedResponse:
    """An answer after output checks, restoration and labels; ``response`` is what the
    client gets, ``attribution`` its signed manifest (``None`` without an attributor)."""

    verdict: Verdict
    response: dict[str, Any]
    restored: int
    attribution: Attribution | None = None
