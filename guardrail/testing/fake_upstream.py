"""An in-process upstream at the seam a guarded call calls: no HTTP, no LiteLLM.

Why it exists: most tests of the proxy and the runtime are about what guardrail does
around a model call (what reaches the model, what comes back, what is recorded), not
about LiteLLM's HTTP client. Running each of them through uvicorn, LiteLLM's Router and
:class:`~guardrail.testing.upstream.RecordingUpstream` on a socket made the suite slow
and, on a busy machine, timing-dependent. :class:`FakeUpstream` answers at
:class:`~guardrail.runtime.upstream.ModelUpstream` instead, as httpx's
``MockTransport`` answers at a transport: the same models as the recording upstream,
failures already translated into the :class:`~guardrail.runtime.upstream.UpstreamError`
the proxy's Router upstream would raise (:func:`guardrail.adapters.upstream.translate`),
and it records what it received. The proxy takes it in place of its Router
(``Proxy(config, upstream=FakeUpstream())``), since it also has ``model_names``,
``knows`` and ``warm_up``. A smaller set of end-to-end tests keeps the real path.

Models (the name before the first ``:`` is the name clients use):

- ``echo`` (or any other name it was given): ``"You said: " + <last user text>``;
- ``echo-tool``: a tool call whose arguments carry that text;
- ``fixed:<text>``: ``<text>`` (and ``fixed:<text>`` as the answer's model name);
- ``error-<status>``: fails as LiteLLM's exception for that HTTP status is translated
  (``error-500`` a 502 ``upstream_error``, ``error-429`` a 429 ``upstream_rate_limited``);
- ``slow``: waits ``slow_seconds``; past ``timeout`` it fails as a 504 ``upstream_timeout``;
- ``cut-stream``: a stream that stops before its ``finish_reason``, as the Router
  upstream reports it (502 ``upstream_incomplete`` after the text).

Streams come in ``chunk_chars`` pieces ``chunk_delay`` seconds apart, shaped as the
Router upstream yields them, then a chunk with the ``finish_reason`` and, when
``stream_options.include_usage`` asks, one with usage. Failures can be injected:
:meth:`FakeUpstream.fail_next` (the next call raises) and :meth:`FakeUpstream.cut_next`
(the next stream stops mid-way, silently or with an exception).
"""

from __future__ import annotations

import asyncio
import base64
import json
import struct
import time
from collections.abc import AsyncIterator, Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from guardrail.runtime.upstream import UpstreamError
from guardrail.testing.models import Recorder, answer_text, embedding, tool_call, usage

if TYPE_CHECKING:
    from guardrail.runtime.upstream import ModelUpstream

INVENTED = "Please call Ms Wong Mei Ling on 6123 9876."
MODELS = ("echo", "echo-tool", "error-500", "error-429", "slow", "cut-stream", f"fixed:{INVENTED}")

# What the proxy's Router upstream raises when an OpenAI-compatible upstream answers an
# HTTP status: LiteLLM's exception for it (the last column, kept as the cause) translated
# by guardrail.adapters.upstream.translate. Measured, not assumed: LiteLLM gives a 403 as
# a plain APIError, and a 422 as a BadRequestError (tests/runtime/test_fake_upstream.py).
_REJECTED = (400, "upstream_rejected_request", "the upstream model rejected the request")
_AUTH = (502, "upstream_auth_failed", "the proxy's credentials for the upstream were refused")
_TIMEOUT = (504, "upstream_timeout", "the upstream model did not answer in time")
_OTHER = (502, "upstream_error", "the upstream model failed to answer")
_BY_STATUS: dict[int, tuple[tuple[int, str, str], str]] = {
    400: (_REJECTED, "BadRequestError"),
    401: (_AUTH, "AuthenticationError"),
    404: ((502, "upstream_not_found", "the upstream does not know the configured model"), "NotFoundError"),
    408: (_TIMEOUT, "Timeout"),
    422: (_REJECTED, "BadRequestError"),
    429: ((429, "upstream_rate_limited", "the upstream model is rate-limiting"), "RateLimitError"),
    500: (_OTHER, "InternalServerError"),
    502: (_OTHER, "BadGatewayError"),
    503: (_OTHER, "ServiceUnavailableError"),
    504: (_TIMEOUT, "Timeout"),
}


def status_error(status: int) -> UpstreamError:
    """What the proxy's Router upstream raises when the upstream answers ``status``."""
    (mapped, code, message), cause = _BY_STATUS.get(status, (_OTHER, "APIError"))
    return UpstreamError(mapped, code, message, cause_type=cause)


def timed_out() -> UpstreamError:
    return status_error(408)


def incomplete() -> UpstreamError:
    """A stream that ended before the model finished, as the Router upstream says so."""
    return UpstreamError(
        502,
        "upstream_incomplete",
        "the upstream stream ended before the model finished (no finish_reason)",
        cause_type="IncompleteStream",
    )


@dataclass(frozen=True, slots=True)
class Cut:
    """An injected stream cut: stop after ``after_chunks`` content chunks, then raise
    ``error`` (or, with none, just stop: no ``finish_reason``, no error)."""

    after_chunks: int
    error: BaseException | None = None


class FakeUpstream(Recorder):
    """Test models in the calling process; see the module docstring.

    ``received`` holds each request as the model got it (``model``, then ``messages``
    or ``input``, then every parameter), so a test can assert what reached the model.
    Safe to share between an app's event-loop thread and the test's thread."""

    def __init__(
        self,
        models: Iterable[str] = MODELS,
        *,
        chunk_chars: int = 4,
        chunk_delay: float = 0.0,
        slow_seconds: float = 5.0,
        timeout: float | None = None,
        provider: str = "openai",
    ) -> None:
        """``timeout`` is the upstream timeout a Router would have (none: wait forever)."""
        super().__init__(chunk_chars=chunk_chars, chunk_delay=chunk_delay, slow_seconds=slow_seconds)
        self.timeout = timeout
        self._provider = provider
        self._models = {spec.partition(":")[0]: spec for spec in models}
        self.model_names: tuple[str, ...] = tuple(self._models)
        self._failures: list[BaseException] = []
        self._cuts: list[Cut] = []

    # -- for tests ---------------------------------------------------------------------

    def _forget(self) -> None:
        """:meth:`reset` also forgets any failure not yet injected."""
        self._failures.clear()
        self._cuts.clear()

    def fail_next(self, error: BaseException) -> None:
        """The next call (of any kind) raises ``error`` before answering, after being
        received: an :class:`UpstreamError` as a translated failure, anything else as a
        provider library's own exception (the caller's :meth:`failure` describes it)."""
        with self._lock:
            self._failures.append(error)

    def cut_next(self, after_chunks: int, error: BaseException | None = None) -> None:
        """The next stream stops after ``after_chunks`` content chunks: silently (no
        ``finish_reason``, as a connection closed mid-answer looks when nothing
        notices) or by raising ``error``."""
        with self._lock:
            self._cuts.append(Cut(after_chunks, error))

    # -- the proxy's upstream ----------------------------------------------------------

    def knows(self, model: str) -> bool:
        return model in self._models

    async def warm_up(self) -> None:
        """Nothing to warm up."""

    # -- ModelUpstream -----------------------------------------------------------------

    def provider(self, model: str) -> str:
        return self._provider

    def failure(self, error: Exception) -> UpstreamError:
        """As the Router upstream describes an exception it does not know."""
        return UpstreamError(*_OTHER, cause_type=type(error).__name__)

    async def chat(self, model: str, messages: Sequence[Any], params: dict[str, Any]) -> dict[str, Any]:
        spec = await self._begin(model, {"messages": list(messages), **params})
        text = answer_text(spec, messages)
        tool = spec == "echo-tool"
        message: dict[str, Any] = {"role": "assistant"}
        if tool:
            message["tool_calls"] = [tool_call(text)]
        else:
            message["content"] = text
        return {
            "id": "chatcmpl-upstream",
            "created": int(time.time()),
            "model": spec,
            "object": "chat.completion",
            "choices": [{"finish_reason": "tool_calls" if tool else "stop", "index": 0, "message": message}],
            "usage": usage(messages, text),
        }

    async def chat_stream(
        self, model: str, messages: Sequence[Any], params: dict[str, Any]
    ) -> AsyncIterator[dict[str, Any]]:
        """The chunks; closing the iterator early counts as a cancelled stream."""
        spec = await self._begin(model, {"messages": list(messages), "stream": True, **params})
        with self._lock:
            cut = self._cuts.pop(0) if self._cuts else None
        if cut is None and spec == "cut-stream":
            cut = Cut(after_chunks=1 << 30, error=incomplete())
        include_usage = bool((params.get("stream_options") or {}).get("include_usage"))
        return self._chunks(spec, answer_text(spec, messages), include_usage, cut)

    async def embeddings(self, model: str, inputs: list[str], params: dict[str, Any]) -> dict[str, Any]:
        """Vectors as the Router upstream returns them, base64 when asked (the ``openai``
        SDK's default)."""
        # The Router upstream serves base64 itself: the model never sees encoding_format.
        asked = {name: value for name, value in params.items() if name != "encoding_format"}
        spec = await self._begin(model, {"input": list(inputs), **asked})
        data: list[dict[str, Any]] = []
        for index, text in enumerate(inputs):
            vector: list[float] | str = embedding(text)
            if params.get("encoding_format") == "base64":
                vector = base64.b64encode(struct.pack(f"<{len(vector)}f", *vector)).decode("ascii")
            data.append({"embedding": vector, "index": index, "object": "embedding"})
        counts = {"completion_tokens": 0, "prompt_tokens": len(inputs), "total_tokens": len(inputs)}
        return {"model": spec, "data": data, "object": "list", "usage": counts}

    # -- behind the calls --------------------------------------------------------------

    async def _begin(self, model: str, request: dict[str, Any]) -> str:
        """Record the request; fail as injected or as the model says. The model spec."""
        spec = self._models.get(model, model)
        with self._lock:
            self.received.append(_copy({"model": spec, **request}))
            injected = self._failures.pop(0) if self._failures else None
        if injected is not None:
            raise injected
        if spec.startswith("error-") and spec.removeprefix("error-").isdigit():
            raise status_error(int(spec.removeprefix("error-")))
        if spec == "slow":
            if self.timeout is not None and self.timeout < self.slow_seconds:
                await asyncio.sleep(self.timeout)
                raise timed_out()
            await asyncio.sleep(self.slow_seconds)
        return spec

    async def _chunks(
        self, spec: str, text: str, include_usage: bool, cut: Cut | None
    ) -> AsyncIterator[dict[str, Any]]:
        base = {
            "id": "chatcmpl-upstream",
            "created": int(time.time()),
            "model": spec,
            "object": "chat.completion.chunk",
        }

        def chunk(delta: dict[str, Any], finish: str | None = None, **extra: Any) -> dict[str, Any]:
            choice: dict[str, Any] = {"index": 0, "delta": delta}
            if finish is not None:
                choice = {"finish_reason": finish, **choice}
            return {**base, "choices": [choice], **extra}

        tool = spec == "echo-tool"
        pieces = _tool_pieces(text, self.chunk_chars) if tool else _text_pieces(text, self.chunk_chars)
        try:
            yield chunk({"content": "", "role": "assistant"})
            for sent, delta in enumerate(pieces):
                if cut is not None and sent >= cut.after_chunks:
                    break
                yield chunk(delta)
                if self.chunk_delay:
                    await asyncio.sleep(self.chunk_delay)
            if cut is not None:
                if cut.error is not None:
                    raise cut.error
                return  # no finish_reason: the stream just stops
            yield chunk({}, "tool_calls" if tool else "stop")
            if include_usage:
                yield chunk({}, usage=usage([], text))
            with self._lock:
                self.streams_finished += 1
        except (GeneratorExit, asyncio.CancelledError):
            with self._lock:
                self.streams_cancelled += 1
            raise


def _text_pieces(text: str, size: int) -> list[dict[str, Any]]:
    return [{"content": text[start : start + size]} for start in range(0, len(text), size)]


def _tool_pieces(text: str, size: int) -> list[dict[str, Any]]:
    """The tool call's name and id first, then its arguments in ``size`` pieces."""
    call = tool_call(text)
    arguments = call["function"]["arguments"]
    head = {"id": call["id"], "function": {"arguments": "", "name": call["function"]["name"]}, "type": "function"}
    pieces = [{"tool_calls": [{**head, "index": 0}]}]
    for start in range(0, len(arguments), size):
        piece = {"function": {"arguments": arguments[start : start + size]}, "type": "function", "index": 0}
        pieces.append({"tool_calls": [piece]})
    return pieces


def _copy(request: dict[str, Any]) -> dict[str, Any]:
    """The request as the model got it, copied: later changes do not rewrite history."""
    copied: dict[str, Any] = json.loads(json.dumps(request, ensure_ascii=False, default=str))
    return copied


if TYPE_CHECKING:
    _SEAM: ModelUpstream = FakeUpstream()
