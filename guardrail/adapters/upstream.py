"""Calls to the configured upstreams through LiteLLM's Router.

The Router brings LiteLLM's retries, timeouts, fallbacks and 100+ providers. This
module is the only place the proxy touches LiteLLM: it turns requests into Router
calls, responses into plain OpenAI-shaped dicts, and LiteLLM's exceptions into
:class:`UpstreamError` with the status an OpenAI client expects. Upstream error
messages are not passed on: they can quote the request.

A call whose connection fails before any answer (most often a pooled keep-alive
connection the upstream had just closed as idle) is sent again at once, up to
:data:`CONNECTION_RETRIES` times: the model never saw it, so repeating it is safe.
Answers, errors included (4xx, 5xx), and timeouts are never repeated here: a model
may have done the work, and the Router's own ``num_retries`` (0 by default) is the
operator's choice for those. Idle connections are also dropped sooner than LiteLLM's
default (15 s), before common servers' own keep-alive limits (5 s for uvicorn), so
such races are rare in the first place.
"""

from __future__ import annotations

import asyncio
import base64
import contextlib
import os
import struct
from collections.abc import AsyncIterator, Awaitable, Callable, Sequence
from dataclasses import dataclass
from typing import Any

from guardrail.runtime.upstream import UpstreamError

# LiteLLM fetches a model price map from the internet at import unless told not to.
os.environ.setdefault("LITELLM_LOCAL_MODEL_COST_MAP", "True")
# Seconds LiteLLM's HTTP client keeps an idle upstream connection (read at its import).
os.environ.setdefault("AIOHTTP_KEEPALIVE_TIMEOUT", "4")

CONNECTION_RETRIES = 8


@dataclass(frozen=True, slots=True)
class _Mapping:
    status: int
    code: str
    message: str


def _mappings() -> list[tuple[type[BaseException], _Mapping]]:
    from litellm import exceptions as litellm

    # Order matters: subclasses before their bases.
    return [
        (litellm.Timeout, _Mapping(504, "upstream_timeout", "the upstream model did not answer in time")),
        (litellm.RateLimitError, _Mapping(429, "upstream_rate_limited", "the upstream model is rate-limiting")),
        (
            litellm.ContextWindowExceededError,
            _Mapping(400, "context_length_exceeded", "the request is too long for the model"),
        ),
        (
            litellm.BadRequestError,
            _Mapping(400, "upstream_rejected_request", "the upstream model rejected the request"),
        ),
        (
            litellm.AuthenticationError,
            _Mapping(502, "upstream_auth_failed", "the proxy's credentials for the upstream were refused"),
        ),
        (
            litellm.PermissionDeniedError,
            _Mapping(502, "upstream_auth_failed", "the proxy's credentials for the upstream were refused"),
        ),
        (litellm.NotFoundError, _Mapping(502, "upstream_not_found", "the upstream does not know the configured model")),
    ]


def translate(error: BaseException) -> UpstreamError:
    """The client-facing error for an exception raised by a LiteLLM call."""
    cause = type(error).__name__
    for kind, mapping in _mappings():
        if isinstance(error, kind):
            return UpstreamError(mapping.status, mapping.code, mapping.message, cause_type=cause)
    return UpstreamError(502, "upstream_error", "the upstream model failed to answer", cause_type=cause)


class Upstream:
    """A LiteLLM Router over a ``model_list``; built once per worker."""

    def __init__(
        self,
        model_list: Sequence[dict[str, Any]],
        *,
        timeout: float,
        router_settings: dict[str, Any] | None = None,
    ) -> None:
        import litellm
        from litellm.router import Router

        from guardrail.adapters import litellm_demo

        litellm_demo.register()
        litellm.suppress_debug_info = True
        settings = {"timeout": timeout, "num_retries": 0, **(router_settings or {})}
        self.router = Router(model_list=list(model_list), **settings)
        self.model_names: tuple[str, ...] = tuple(dict.fromkeys(e["model_name"] for e in model_list))
        self._providers = {e["model_name"]: provider_of(e["litellm_params"]["model"]) for e in model_list}

    def provider(self, model_name: str) -> str:
        """The provider serving ``model_name`` (the first deployment's, if several)."""
        return self._providers.get(model_name, "unknown")

    async def warm_up(self) -> None:
        """LiteLLM sets up much of its async path on the first call (~150 ms): pay that
        at start-up, in the serving event loop. ``mock_response`` short-cuts the
        provider call, so nothing leaves the process."""
        for stream in (False, True):
            # A failed warm-up only costs the first call its time; never fail start-up.
            with contextlib.suppress(Exception):
                response: Any = await self.router.acompletion(
                    model=self.model_names[0],
                    messages=[{"role": "user", "content": "warm-up"}],
                    mock_response="ok",
                    stream=stream,
                )
                if stream:
                    async for _ in response:
                        pass

    def knows(self, model: str) -> bool:
        return model in self.model_names

    def failure(self, error: Exception) -> UpstreamError:
        return translate(error)

    async def chat(self, model: str, messages: Sequence[Any], params: dict[str, Any]) -> dict[str, Any]:
        return _plain(await _call(self.router.acompletion, model=model, messages=messages, **params))

    async def chat_stream(
        self, model: str, messages: Sequence[Any], params: dict[str, Any]
    ) -> AsyncIterator[dict[str, Any]]:
        """Chunks as plain dicts. Closing the iterator closes the upstream connection."""
        stream = await _call(self.router.acompletion, model=model, messages=messages, stream=True, **params)
        return _chunks(stream)

    async def embeddings(self, model: str, inputs: list[str], params: dict[str, Any]) -> dict[str, Any]:
        """Embeddings as OpenAI returns them. ``encoding_format: base64`` (the ``openai``
        SDK's default) is served here from the floats, since not every LiteLLM provider
        accepts it."""
        wanted = params.get("encoding_format")
        asked = {name: value for name, value in params.items() if name != "encoding_format"}
        answer = _plain(await _call(self.router.aembedding, model=model, input=inputs, **asked))
        return _base64_vectors(answer) if wanted == "base64" else answer


def _base64_vectors(answer: dict[str, Any]) -> dict[str, Any]:
    """Each vector as little-endian float32 bytes in base64, as OpenAI encodes them."""
    data = []
    for item in answer.get("data") or []:
        vector = item.get("embedding") if isinstance(item, dict) else None
        if isinstance(vector, list):
            item = {**item, "embedding": base64.b64encode(struct.pack(f"<{len(vector)}f", *vector)).decode("ascii")}
        data.append(item)
    return {**answer, "data": data}


async def _call(method: Callable[..., Awaitable[Any]], **arguments: Any) -> Any:
    """One Router call; sent again while its connection fails before any answer."""
    for attempt in range(CONNECTION_RETRIES + 1):
        try:
            return await method(**arguments)
        except Exception as error:  # noqa: BLE001 - every LiteLLM failure becomes an UpstreamError
            if attempt < CONNECTION_RETRIES and never_answered(error):
                # Let the event loop take in other pooled connections' closes first
                # (10, 40, then 160 ms each: a rare cost), so the next attempt does not
                # pick one that is closing too; sent again at once, some calls failed
                # every time. A pool can hold several stale connections, hence the count.
                await asyncio.sleep(min(0.01 * 4**attempt, 0.16))
                continue
            raise translate(error) from None
    raise AssertionError("unreachable")  # pragma: no cover


def never_answered(error: BaseException) -> bool:
    """Whether ``error`` is a connection that failed before the upstream answered:
    the OpenAI client's connection error (not its timeout, a subclass) anywhere in the
    chain of causes LiteLLM wraps it in."""
    import openai

    seen: BaseException | None = error
    for _ in range(10):  # causes chain a few levels deep; never loop on a cycle
        if seen is None:
            return False
        if isinstance(seen, openai.APIConnectionError) and not isinstance(seen, openai.APITimeoutError):
            return True
        seen = seen.__cause__ or seen.__context__
    return False


async def _chunks(stream: Any) -> AsyncIterator[dict[str, Any]]:
    try:
        async for chunk in stream:
            if _made_up_ending(stream, chunk):
                raise UpstreamError(
                    502,
                    "upstream_incomplete",
                    "the upstream stream ended before the model finished (no finish_reason)",
                    cause_type="IncompleteStream",
                )
            yield _plain(chunk)
    except UpstreamError:
        raise
    except GeneratorExit:
        raise
    except Exception as error:  # noqa: BLE001
        raise translate(error) from None
    finally:
        close = getattr(getattr(stream, "completion_stream", None), "aclose", None)
        if close is not None:
            with contextlib.suppress(Exception):  # closing a dead stream may fail; nothing to do
                await close()


def _made_up_ending(stream: Any, chunk: Any) -> bool:
    """Whether ``chunk``'s ``finish_reason`` is LiteLLM's own: a stream that stops
    without one (a cut connection, an empty or cut JSON body) is given a ``"stop"``
    chunk by LiteLLM, which would pass for a complete answer. The wrapper that read
    the provider knows (``received_finish_reason``); the Router's fallback wrapper
    holds it in its running generator. Where it cannot be found, the chunk is trusted."""
    choices = getattr(chunk, "choices", None) or []
    if not any(getattr(choice, "finish_reason", None) for choice in choices):
        return False
    reader = stream
    frame = getattr(getattr(stream, "completion_stream", None), "ag_frame", None)
    if frame is not None and hasattr(frame.f_locals.get("model_response"), "received_finish_reason"):
        reader = frame.f_locals["model_response"]
    if not hasattr(reader, "received_finish_reason") or reader is stream and frame is not None:
        return False
    return reader.received_finish_reason is None and getattr(reader, "intermittent_finish_reason", None) is None


def provider_of(litellm_model: str) -> str:
    """``openai/gpt-4o-mini`` -> ``openai``: LiteLLM's provider prefix (openai if none)."""
    prefix, _, rest = litellm_model.partition("/")
    return prefix if rest else "openai"


def _plain(response: Any) -> dict[str, Any]:
    """A LiteLLM response object as the JSON an OpenAI client expects."""
    data: dict[str, Any] = response.model_dump(exclude_none=True) if hasattr(response, "model_dump") else dict(response)
    for choice in data.get("choices") or []:
        choice.pop("provider_specific_fields", None)
        for key in ("message", "delta"):
            part = choice.get(key)
            if isinstance(part, dict):
                part.pop("provider_specific_fields", None)
                if part.get("tool_calls") == []:
                    part.pop("tool_calls")
    return data
