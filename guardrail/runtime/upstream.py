"""The seam between a guarded call and the model it calls.

A :class:`~guardrail.runtime.call.GuardedCall` sends what its checks let through to an
upstream and checks what comes back; it never knows how the upstream is reached.
LiteLLM's Router (:class:`guardrail.adapters.upstream.Upstream`), LiteLLM's functions
called directly (the wrapper) and an in-process fake for tests
(:class:`guardrail.testing.fake_upstream.FakeUpstream`) all fit here. Requests and
answers are OpenAI-shaped dicts; a failure is an :class:`UpstreamError` saying what the
client gets.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator, Sequence
from typing import Any, Protocol

from guardrail.errors import GuardrailError


class UpstreamError(GuardrailError):
    """An upstream call failed; ``status`` and ``code`` are what the client gets.

    ``cause_type`` names the underlying exception's class, for the record; its message
    is never passed on, since an upstream's error can quote the request."""

    def __init__(self, status: int, code: str, message: str, *, cause_type: str = "") -> None:
        self.status = status
        self.code = code
        self.cause_type = cause_type
        super().__init__(message)


class ModelUpstream(Protocol):
    """Models reached asynchronously (the proxy, ``guardrail.acompletion``)."""

    def provider(self, model: str) -> str:
        """Who serves ``model`` (``openai``, ``anthropic``...), for attribution."""
        ...

    async def chat(self, model: str, messages: Sequence[Any], params: dict[str, Any]) -> dict[str, Any]: ...

    async def chat_stream(
        self, model: str, messages: Sequence[Any], params: dict[str, Any]
    ) -> AsyncIterator[dict[str, Any]]:
        """The chunks; closing the iterator closes the upstream connection."""
        ...

    async def embeddings(self, model: str, inputs: list[str], params: dict[str, Any]) -> dict[str, Any]: ...

    def failure(self, error: Exception) -> UpstreamError:
        """What the client gets for an exception a call raised that is not an
        :class:`UpstreamError` already (LiteLLM's own, which library callers get unchanged)."""
        ...


class ServedModels(ModelUpstream, Protocol):
    """An upstream a server lists and warms up (the proxy): its model names, which it
    knows, and set-up paid before the first call."""

    model_names: tuple[str, ...]

    def knows(self, model: str) -> bool: ...

    async def warm_up(self) -> None: ...


class SyncModelUpstream(Protocol):
    """Models reached from synchronous code (``guardrail.completion``)."""

    def provider(self, model: str) -> str: ...

    def chat(self, model: str, messages: Sequence[Any], params: dict[str, Any]) -> dict[str, Any]: ...

    def chat_stream(self, model: str, messages: Sequence[Any], params: dict[str, Any]) -> Iterator[dict[str, Any]]: ...

    def failure(self, error: Exception) -> UpstreamError: ...
