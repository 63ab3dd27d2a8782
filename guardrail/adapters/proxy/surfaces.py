"""The APIs the proxy serves, each a translation between its HTTP shapes and a guarded call.

A :class:`Surface` reads its API's request into a
:class:`~guardrail.runtime.call.CallRequest` and writes the call's answer, stream and
errors back in its API's shapes. Everything between (checks, upstream, restoration,
labels, signature, record) is the one :class:`~guardrail.runtime.call.GuardedCall`, so
adding an API never copies the call sequence.
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import AsyncIterator, Mapping, Sequence
from typing import Any, Protocol

from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from guardrail.adapters.proxy.auth import Caller
from guardrail.adapters.proxy.errors import ProxyError
from guardrail.adapters.proxy.requests import request_params, validate_chat, validate_embedding
from guardrail.adapters.proxy.sse import error_event, event
from guardrail.adapters.proxy.state import Proxy
from guardrail.attribution.manifest import FIELD
from guardrail.errors import BlockedError, RequestError, StoreUnavailableError
from guardrail.runtime import Guard
from guardrail.runtime.call import STORE_UNAVAILABLE, Answer, CallRequest
from guardrail.runtime.reasons import explain, refusal_status, refusal_type
from guardrail.runtime.upstream import ModelUpstream, UpstreamError

Chunk = dict[str, Any]


class Surface(Protocol):
    """One API's translation."""

    # Where a stream's signed manifest is, for the x-guardrail-attribution header.
    stream_attribution: str

    def upstream(self, upstream: ModelUpstream) -> ModelUpstream:
        """The upstream the call uses: ``upstream``, or a view of it that answers only
        in what this API carries (:mod:`guardrail.adapters.proxy.projection`), so the
        checks and the manifest cover exactly what its client receives."""
        ...

    async def translate(
        self, request: Request, proxy: Proxy, caller: Caller, request_id: str
    ) -> tuple[Guard, CallRequest]:
        """The call this request asks for; raises :class:`ProxyError` (or a
        :class:`~guardrail.errors.RequestError`) for one it cannot serve."""
        ...

    def answer(self, answer: Answer, request_id: str) -> Response:
        """A whole answer, as this API returns it."""
        ...

    def events(self, chunks: AsyncIterator[Chunk], request_id: str) -> AsyncIterator[str]:
        """A guarded stream (chat completion chunks) as this API's server-sent events;
        a refusal or failure mid-stream is an error event in place of the rest."""
        ...

    def error(self, failure: ProxyError, request_id: str) -> Response:
        """An error, as this API reports errors."""
        ...


class ChatCompletions:
    """OpenAI's ``POST /v1/chat/completions``, plain and streamed."""

    stream_attribution = "final-chunk"  # a last chunk with no choices carries it

    def upstream(self, upstream: ModelUpstream) -> ModelUpstream:
        return upstream

    async def translate(
        self, request: Request, proxy: Proxy, caller: Caller, request_id: str
    ) -> tuple[Guard, CallRequest]:
        chat = validate_chat(await proxy.body(request))
        proxy.known_model(chat.model)
        guard, context = proxy.context(request, caller, chat.guardrail, request_id)
        return guard, CallRequest(
            path=request.url.path,
            model=chat.model,
            context=context,
            messages=chat.messages,
            params=request_params(chat),
            stream=chat.stream,
            passthrough=frozenset(proxy.config.passthrough_params),
        )

    def answer(self, answer: Answer, request_id: str) -> Response:
        return JSONResponse(answer.body, headers=answer.headers)

    async def events(self, chunks: AsyncIterator[Chunk], request_id: str) -> AsyncIterator[str]:
        """The chunks as OpenAI sends them. The manifest comes twice: in its own last
        chunk (no choices), which OpenAI's SDK keeps, and in the ``delta`` of the last
        chunk with choices, held from the first ``finish_reason`` until the manifest
        is signed, since LiteLLM as a client drops chunks without choices but keeps
        unknown delta fields (the manifest does not cover itself:
        :func:`~guardrail.attribution.content.merge_delta` skips it)."""
        held: list[Chunk] = []  # the closing chunks, from the first finish_reason on
        async with contextlib.aclosing(chunks):  # type: ignore[type-var]  # an async generator
            try:
                async for chunk in chunks:
                    if chunk.get(FIELD) is not None and not chunk.get("choices"):
                        for closing in _with_attribution(held, chunk[FIELD]):
                            yield event(closing)
                        held = []
                        yield event(chunk)
                    elif held or any(c.get("finish_reason") is not None for c in chunk.get("choices") or []):
                        held.append(chunk)
                    else:
                        yield event(chunk)
                for closing in held:
                    yield event(closing)
                yield "data: [DONE]\n\n"
            except Exception as error:  # noqa: BLE001 - every failure becomes an error event
                for closing in held:
                    yield event(closing)
                yield error_event(as_proxy_error(error).body(request_id))

    def error(self, failure: ProxyError, request_id: str) -> Response:
        return failure.response(request_id)


class Embeddings(ChatCompletions):
    """OpenAI's ``POST /v1/embeddings``: the inputs are checked as prompts. Token
    arrays cannot be read, so they are refused."""

    async def translate(
        self, request: Request, proxy: Proxy, caller: Caller, request_id: str
    ) -> tuple[Guard, CallRequest]:
        embedding = validate_embedding(await proxy.body(request))
        proxy.known_model(embedding.model)
        texts = [embedding.input] if isinstance(embedding.input, str) else embedding.input
        if not all(isinstance(text, str) for text in texts):
            raise ProxyError(
                400, "guardrail_blocked", "embedding.token_input", explain("embedding.token_input"), param="input"
            )
        guard, context = proxy.context(request, caller, embedding.guardrail, request_id)
        return guard, CallRequest(
            path=request.url.path,
            model=embedding.model,
            context=context,
            inputs=[str(text) for text in texts],
            params=request_params(embedding),
            passthrough=frozenset(proxy.config.passthrough_params),
        )


_CHAT_LOCATION = re.compile(r"(messages\[(\d+)\]|[a-z_]+)(.*)", re.DOTALL)


def relocated(failure: ProxyError, origins: Sequence[str], names: Mapping[str, str]) -> ProxyError:
    """``failure`` naming where the client put what a translated chat request refused:
    ``messages[i]...`` becomes the item or block the message came from (``origins``),
    a chat parameter its API's name (``names``), and the message says both."""
    location = failure.param
    matched = _CHAT_LOCATION.fullmatch(location or "")
    if location is None or matched is None:
        return failure
    head, index, rest = matched.groups()
    if index is not None:
        origin = origins[int(index)] if int(index) < len(origins) else None
    else:
        origin = names.get(head, head) + rest if head in names else None
    if origin is None:
        return failure
    message = str(failure)
    if message.startswith(location):
        message = f"{origin} (sent on as {location}){message[len(location) :]}"
    return ProxyError(failure.status, failure.error_type, failure.code, message, param=origin)


def _with_attribution(held: list[Chunk], attribution: Any) -> list[Chunk]:
    """``held`` with the manifest in the first delta of its last chunk with choices."""
    for position in range(len(held) - 1, -1, -1):
        choices = held[position].get("choices") or []
        if choices:
            first = {**choices[0], "delta": {**(choices[0].get("delta") or {}), FIELD: attribution}}
            return [*held[:position], {**held[position], "choices": [first, *choices[1:]]}, *held[position + 1 :]]
    return held


def as_proxy_error(error: Exception) -> ProxyError:
    """The client-facing error for anything a request raised. Unexpected exceptions
    become a 500 that names nothing: their messages can quote the request."""
    if isinstance(error, ProxyError):
        return error
    if isinstance(error, BlockedError):
        status = refusal_status(error.code)
        return ProxyError(
            status,
            refusal_type(error.code),
            error.code,
            error.reason,
            param="use_case" if status == 403 else error.stage,
        )
    if isinstance(error, RequestError):
        return ProxyError(400, "invalid_request_error", error.code, str(error), param=error.param)
    if isinstance(error, StoreUnavailableError):
        return ProxyError(503, "guardrail_unavailable", STORE_UNAVAILABLE, "a store the proxy shares is not answering")
    if isinstance(error, UpstreamError):
        kind = "rate_limit_error" if error.status == 429 else "upstream_error"
        return ProxyError(error.status, kind, error.code, str(error))
    return ProxyError(500, "server_error", "internal_error", "the proxy failed to handle the request")
