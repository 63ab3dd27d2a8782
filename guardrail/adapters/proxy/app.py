"""The guarded proxy, as a Starlette application.

Routes: ``POST /v1/chat/completions`` (plain and streamed), ``POST /v1/embeddings``,
``POST /v1/responses`` (OpenAI's Responses API), ``POST /v1/messages`` (Anthropic's
Messages API), ``GET /v1/models``, ``GET /.well-known/jwks.json``, ``GET /verify``,
``GET /health/live`` and ``GET /health/ready``; and human review
(:mod:`guardrail.adapters.proxy.reviews`): ``GET /v1/reviews``, ``GET /v1/reviews/{id}``,
``POST /v1/reviews/{id}/approve|reject|edit``, and the review console at
``/console/reviews`` where the config enables it.

This module only routes. A model call is authenticated, then its API's
:class:`~guardrail.adapters.proxy.surfaces.Surface` translates the request into a
:class:`~guardrail.runtime.call.GuardedCall`, which runs the checks, calls the upstream
through LiteLLM's Router and records the call, and translates its answer, stream or
refusal back. A request refused before it becomes a call is recorded too.
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import AsyncIterator

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, Response, StreamingResponse
from starlette.routing import Route

from guardrail.adapters.proxy.console import console_routes
from guardrail.adapters.proxy.errors import ProxyError
from guardrail.adapters.proxy.messages_api import MessagesApi
from guardrail.adapters.proxy.responses_api import ResponsesApi
from guardrail.adapters.proxy.reviews import held_response, review_routes
from guardrail.adapters.proxy.state import Proxy
from guardrail.adapters.proxy.surfaces import ChatCompletions, Embeddings, Surface, as_proxy_error
from guardrail.attribution.manifest import HEADER
from guardrail.attribution.page import CONTENT_SECURITY_POLICY, verify_page
from guardrail.core.context import new_request_id
from guardrail.errors import RequestError, StoreUnavailableError
from guardrail.runtime.call import Answer, GuardedCall, Held, record_request

__all__ = ["Proxy", "create_app"]


def create_app(proxy: Proxy) -> Starlette:
    """The ASGI application serving ``proxy``."""

    async def chat_completions(request: Request) -> Response:
        return await _guarded(request, proxy, ChatCompletions())

    async def embeddings(request: Request) -> Response:
        return await _guarded(request, proxy, Embeddings())

    async def responses(request: Request) -> Response:
        return await _guarded(request, proxy, ResponsesApi())

    async def messages(request: Request) -> Response:
        return await _guarded(request, proxy, MessagesApi())

    async def models(request: Request) -> Response:
        return await _models(request, proxy)

    async def jwks(request: Request) -> Response:
        # Public keys: any page may read them (the /verify page opened as a file, say).
        return JSONResponse(
            proxy.keys_store.jwks(), headers={"cache-control": "max-age=300", "access-control-allow-origin": "*"}
        )

    async def verify(request: Request) -> Response:
        return HTMLResponse(
            verify_page(), headers={"cache-control": "max-age=300", "content-security-policy": CONTENT_SECURITY_POLICY}
        )

    async def live(request: Request) -> Response:
        return JSONResponse({"status": "ok"})

    async def ready(request: Request) -> Response:
        # Unauthenticated: counts only. Policy names can be file paths, and the model
        # list is for callers with a key (GET /v1/models).
        try:
            counts = proxy.vault.counts()
        except StoreUnavailableError:  # the shared vault is down: no pseudonymising call can be served
            return JSONResponse({"status": "unavailable", "vault": "failing"}, status_code=503)
        return JSONResponse(
            {
                "status": "ready",
                "policies": len(proxy.guards),
                "models": len(proxy.upstream.model_names),
                # What the vault's caps cost so far (both 0 unless a cap was reached).
                "vault": {
                    "evicted_conversations": counts.evicted_conversations,
                    "unpseudonymised_values": counts.unpseudonymised_values,
                },
                "audit": "failing" if proxy.records.failing else "ok",
                "audit_warnings": proxy.records.warnings,
            }
        )

    async def http_error(request: Request, error: Exception) -> Response:
        assert isinstance(error, HTTPException)
        code = {404: "not_found", 405: "method_not_allowed"}.get(error.status_code, "http_error")
        kind = "not_found_error" if error.status_code == 404 else "invalid_request_error"
        return ProxyError(
            error.status_code, kind, code, f"{request.method} {request.url.path}: {error.detail}"
        ).response(None)

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        await proxy.upstream.warm_up()
        yield
        if proxy.webhook is not None:
            proxy.webhook.close()  # the events of the last decisions still go out
        proxy.services.close()

    return Starlette(
        lifespan=lifespan,
        routes=[
            Route("/v1/chat/completions", chat_completions, methods=["POST"]),
            Route("/chat/completions", chat_completions, methods=["POST"]),
            Route("/v1/embeddings", embeddings, methods=["POST"]),
            Route("/embeddings", embeddings, methods=["POST"]),
            Route("/v1/responses", responses, methods=["POST"]),
            Route("/responses", responses, methods=["POST"]),
            Route("/v1/messages", messages, methods=["POST"]),
            Route("/v1/models", models, methods=["GET"]),
            Route("/models", models, methods=["GET"]),
            Route("/.well-known/jwks.json", jwks, methods=["GET"]),
            Route("/verify", verify, methods=["GET"]),
            Route("/health/live", live, methods=["GET"]),
            Route("/health/ready", ready, methods=["GET"]),
            *review_routes(proxy),
            *console_routes(proxy),
        ],
        exception_handlers={HTTPException: http_error},
    )


async def _guarded(request: Request, proxy: Proxy, surface: Surface) -> Response:
    """Every model call: ``surface`` translates the HTTP request into a guarded call,
    which runs, and translates its answer, stream or refusal back. A request refused
    before it becomes a call (authentication, a malformed body, an unknown model) is
    recorded too."""
    request_id, started, tenant = new_request_id(), time.perf_counter(), "default"
    try:
        caller = proxy.keys.caller(request.headers)
        tenant = caller.tenant
        guard, call_request = await surface.translate(request, proxy, caller, request_id)
    except Exception as error:  # noqa: BLE001 - every failure becomes an API-style answer
        failure = as_proxy_error(error)
        exception = None if isinstance(error, ProxyError | RequestError) else type(error).__name__
        record_request(
            proxy.services,
            request_id,
            request.url.path,
            failure.status,
            tenant=tenant,
            error=failure.code,
            exception=exception,
            started=started,
        )
        return _stamped(surface.error(failure, request_id), request_id)
    call = GuardedCall(guard, proxy.services, call_request)
    try:
        outcome = await call.run(surface.upstream(proxy.upstream))
    except Exception as error:  # noqa: BLE001 - the call has recorded it
        return _stamped(surface.error(as_proxy_error(error), request_id), request_id)
    if isinstance(outcome, Held):  # kept for a reviewer: 202 and where to fetch it
        return _stamped(held_response(outcome), request_id)
    if isinstance(outcome, Answer):
        return _stamped(surface.answer(outcome, request_id), request_id)
    headers = {**call.headers(), HEADER: surface.stream_attribution}  # where the signed manifest comes
    events = surface.events(outcome, request_id)
    return _stamped(StreamingResponse(events, media_type="text/event-stream", headers=headers), request_id)


async def _models(request: Request, proxy: Proxy) -> Response:
    request_id, started = new_request_id(), time.perf_counter()
    try:
        caller = proxy.keys.caller(request.headers)
    except ProxyError as failure:
        record_request(
            proxy.services, request_id, request.url.path, failure.status, error=failure.code, started=started
        )
        return _stamped(failure.response(request_id), request_id)
    data = [
        {"id": name, "object": "model", "created": 0, "owned_by": "guardrail"} for name in proxy.upstream.model_names
    ]
    record_request(proxy.services, request_id, request.url.path, 200, tenant=caller.tenant, started=started)
    return _stamped(JSONResponse({"object": "list", "data": data}), request_id)


def _stamped(response: Response, request_id: str) -> Response:
    response.headers["x-guardrail-request-id"] = request_id
    return response
