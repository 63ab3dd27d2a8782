"""The model's answer as another API's client will receive it, before guardrail checks it.

The Responses and Messages surfaces translate a chat completion into their own shapes,
and a chat message can hold more than they carry (provider fields, reasoning text,
tool-call arguments that are not a JSON object...). The manifest must cover exactly
what the client receives, and the output checks should read exactly that, so the
model's answer is projected first: its one choice is reduced to what the surface
carries (text, tool calls with ids, names and arguments as the surface writes them, a
finish reason the surface can express), in the form
:func:`guardrail.attribution.content.answer_content` reads back from the surface's
answer. :class:`ProjectedUpstream` does this at the upstream seam, for plain answers
and for streams, so the guarded call itself is unchanged.
"""

from __future__ import annotations

import contextlib
import uuid
from collections.abc import AsyncIterator, Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from guardrail.attribution.content import message_text
from guardrail.runtime.upstream import ModelUpstream, UpstreamError

Chunk = dict[str, Any]


@dataclass(frozen=True, slots=True)
class Projection:
    """What a surface carries: ``finish`` maps a chat finish reason (and whether the
    answer calls tools) to the one its answer reads back as; ``arguments`` rewrites
    tool-call arguments as its answer reads them back."""

    finish: Callable[[str | None, bool], str | None]
    arguments: Callable[[str], str] = lambda arguments: arguments


def new_call_id() -> str:
    """An id for a tool call the model sent without one (every surface needs one)."""
    return "call_" + uuid.uuid4().hex[:24]


def project_answer(response: Mapping[str, Any], projection: Projection) -> dict[str, Any]:
    """A chat completion reduced to its first choice as the surface carries it."""
    choices = response.get("choices") or []
    choice = choices[0] if choices and isinstance(choices[0], Mapping) else {}
    message = choice.get("message") or {}
    text = message_text(message.get("content")) or message_text(message.get("refusal"))
    calls = [_call(call, projection) for call in message.get("tool_calls") or [] if isinstance(call, Mapping)]
    projected: dict[str, Any] = {"role": "assistant", "content": text}
    if calls:
        projected["tool_calls"] = calls
    finish = projection.finish(choice.get("finish_reason"), bool(calls))
    return {**response, "choices": [{"index": 0, "message": projected, "finish_reason": finish}]}


def _call(call: Mapping[str, Any], projection: Projection) -> dict[str, Any]:
    function = call.get("function") or {}
    arguments = function.get("arguments")
    return {
        "id": str(call.get("id") or new_call_id()),
        "type": "function",
        "function": {
            "name": str(function.get("name") or ""),
            "arguments": projection.arguments(arguments if isinstance(arguments, str) else ""),
        },
    }


@dataclass
class _Pending:
    id: str | None = None
    name: str = ""
    arguments: str = ""


@dataclass
class _StreamProjection:
    """One stream's projection: the first choice only, its role stated, refusal text as
    content, tool calls held until the choice finishes and then sent whole (the output
    checks hold them until then anyway), the finish reason mapped."""

    projection: Projection
    started: bool = False
    calls: dict[int, _Pending] = field(default_factory=dict)
    finished: bool = False

    def chunk(self, chunk: Mapping[str, Any]) -> Chunk | None:
        choices = [c for c in chunk.get("choices") or [] if isinstance(c, Mapping) and c.get("index", 0) == 0]
        envelope = {key: value for key, value in chunk.items() if key not in ("choices", "usage")}
        projected = self._choice(choices[0]) if choices and not self.finished else None
        usage = chunk.get("usage")
        if projected is None and usage is None:
            return None
        out = {**envelope, "choices": [projected] if projected is not None else []}
        if usage is not None:
            out["usage"] = usage
        return out

    def _choice(self, choice: Mapping[str, Any]) -> dict[str, Any] | None:
        given = choice.get("delta") or {}
        delta: dict[str, Any] = {}
        if not self.started:
            delta["role"] = "assistant"
            self.started = True
        text = "".join(t for t in (given.get("content"), given.get("refusal")) if isinstance(t, str))
        if text:
            delta["content"] = text
        for piece in given.get("tool_calls") or []:
            if isinstance(piece, Mapping):
                self._accumulate(piece)
        finish = choice.get("finish_reason")
        if finish is None:
            return {"index": 0, "delta": delta} if delta else None
        return self._finishing(delta, finish)

    def ending(self, envelope: Mapping[str, Any]) -> Chunk | None:
        """Tool calls still held when the upstream stopped without a finish reason."""
        if self.finished or not self.calls:
            return None
        delta = {"tool_calls": self._calls()}
        return {**envelope, "choices": [{"index": 0, "delta": delta, "finish_reason": None}]}

    def _finishing(self, delta: dict[str, Any], finish: str) -> dict[str, Any]:
        self.finished = True
        if self.calls:
            delta["tool_calls"] = self._calls()
        return {"index": 0, "delta": delta, "finish_reason": self.projection.finish(finish, "tool_calls" in delta)}

    def _accumulate(self, piece: Mapping[str, Any]) -> None:
        index = piece.get("index", 0)
        call = self.calls.setdefault(index if isinstance(index, int) else 0, _Pending())
        call.id = piece.get("id") or call.id
        function = piece.get("function") or {}
        call.name += str(function.get("name") or "")
        call.arguments += str(function.get("arguments") or "")

    def _calls(self) -> list[dict[str, Any]]:
        calls = [
            {
                "index": position,
                "id": call.id or new_call_id(),
                "type": "function",
                "function": {"name": call.name, "arguments": self.projection.arguments(call.arguments)},
            }
            for position, (_, call) in enumerate(sorted(self.calls.items()))
        ]
        self.calls = {}
        return calls


class ProjectedUpstream:
    """``upstream`` with its chat answers and streams projected (see the module
    docstring); ``params`` are added to every chat call (a stream's usage, say)."""

    def __init__(
        self, upstream: ModelUpstream, projection: Projection, *, stream_params: Mapping[str, Any] | None = None
    ) -> None:
        self.upstream, self.projection = upstream, projection
        self.stream_params = dict(stream_params or {})

    def provider(self, model: str) -> str:
        return self.upstream.provider(model)

    def failure(self, error: Exception) -> UpstreamError:
        return self.upstream.failure(error)

    async def chat(self, model: str, messages: Sequence[Any], params: dict[str, Any]) -> dict[str, Any]:
        return project_answer(await self.upstream.chat(model, messages, params), self.projection)

    async def chat_stream(
        self, model: str, messages: Sequence[Any], params: dict[str, Any]
    ) -> AsyncIterator[dict[str, Any]]:
        chunks = await self.upstream.chat_stream(model, messages, {**params, **self.stream_params})
        return self._projected(chunks)

    async def embeddings(self, model: str, inputs: list[str], params: dict[str, Any]) -> dict[str, Any]:
        return await self.upstream.embeddings(model, inputs, params)

    async def _projected(self, chunks: AsyncIterator[Chunk]) -> AsyncIterator[Chunk]:
        state = _StreamProjection(self.projection)
        envelope: dict[str, Any] = {}
        async with contextlib.aclosing(chunks):  # type: ignore[type-var]  # an async generator
            async for chunk in chunks:
                envelope = {key: value for key, value in chunk.items() if key not in ("choices", "usage")}
                projected = state.chunk(chunk)
                if projected is not None:
                    yield projected
        ending = state.ending(envelope)
        if ending is not None:
            yield ending
