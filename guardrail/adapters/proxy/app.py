"""The OpenAI-compatible guarded proxy, as a Starlette application.

Routes: ``POST /v1/chat/completions`` (plain and streamed), ``POST /v1/embeddings``,
``GET /v1/models``, ``GET /.well-known/jwks.json``, ``GET /verify``,
``GET /health/live`` and ``GET /health/ready``.

This module only translates. A model call is authenticated, its body read and its
envelope validated, its caller's key mapped to a guard and a use case; then it is a
:class:`~guardrail.runtime.call.GuardedCall`, which runs the checks, calls the upstream
through LiteLLM's Router, and records the call. Its answer, stream or refusal is
translated back into an OpenAI-style response. A request refused before it becomes a
call is recorded too.
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import AsyncIterator, Awaitable, Callable, Mapping
from typing import Any

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, Response, StreamingResponse
from starlette.routing import Route

from guardrail.adapters.proxy.auth import Caller, KeyRing
from guardrail.adapters.proxy.config import ServerConfig
from guardrail.adapters.proxy.errors import ProxyError
from guardrail.adapters.proxy.requests import (
    CONVERSATION_HEADER,
    OPT_OUT_HEADER,
    USE_CASE_HEADER,
    GuardrailOptions,
    opt_out_header,
    option_header,
    read_json,
    request_params,
    validate_chat,
    validate_embedding,
)
from guardrail.adapters.proxy.sse import error_event, event
from guardrail.adapters.upstream import Upstream
from guardrail.attribution import Attributor, KeyStore
from guardrail.attribution.manifest import HEADER
from guardrail.attribution.page import CONTENT_SECURITY_POLICY, verify_page
from guardrail.audit.records import CallRecords
from guardrail.core.context import CallContext, new_request_id
from guardrail.errors import BlockedError, ConfigurationError, RequestError
from guardrail.pii.vault import InMemoryVault
from guardrail.runtime import Guard
from guardrail.runtime.call import Answer, CallRequest, GuardedCall, record_request
from guardrail.runtime.reasons import explain, refusal_status, refusal_type
from guardrail.runtime.sinks import CallServices
from guardrail.runtime.upstream import UpstreamError
from guardrail.telemetry import Tracing


class Proxy:
    """The proxy's state: one guard per policy in use, the keys and the upstream."""

    def __init__(
        self,
        config: ServerConfig,
        *,
        guards: Mapping[str, Guard] | None = None,
        upstream: Upstream | None = None,
        tracing: Tracing | None = None,
        progress: Callable[[str], None] | None = None,
    ) -> None:
        """``progress`` hears what is being loaded, for a start-up that takes seconds."""
        say = progress or (lambda step: None)
        self.config = config
        self.keys = KeyRing(config.keys, config.policy)
        policies = {config.policy, *(k.policy for k in config.keys if k.policy)}
        vault = self.vault = InMemoryVault(ttl_seconds=config.vault_ttl_seconds)
        self.keys_store = KeyStore(config.data_dir / "keys")
        self.keys_store.write_jwks(config.data_dir / "jwks.json")
        self.attributor = Attributor(
            self.keys_store.active, config.service_provider, propagator=config.content_propagator
        )
        self.guards = dict(guards or {})
        for name in sorted(policies - set(self.guards)):
            say(f"loading policy {name}: its checks, rules and language models")
            self.guards[name] = Guard.from_policy(
                name,
                vault=vault,
                stream_window=config.stream_window_chars,
                memory=(config.check_memory.max_texts, config.check_memory.ttl_seconds),
            )
        _check_key_use_cases(config, self.guards)
        if upstream is None:
            say(f"loading LiteLLM's router for models: {', '.join(e.model_name for e in config.model_list)}")
        self.upstream = upstream or Upstream(
            [entry.model_dump() for entry in config.model_list],
            timeout=config.upstream_timeout_seconds,
            router_settings=config.router_settings,
        )
        self.records = CallRecords(
            config.audit_path,
            self.keys_store.active,
            retention_days=config.audit_retention_days,
            settings=config.audit_trail,
        )
        self.services = CallServices(
            self.records,
            tracing or Tracing(config.telemetry, default_file=config.data_dir / "traces.jsonl"),
            self.attributor,
            log_calls=True,
        )

    def context(
        self, request: Request, caller: Caller, options: GuardrailOptions, request_id: str
    ) -> tuple[Guard, CallContext]:
        """The call's guard and context; headers win over the body's ``guardrail`` field.
        A use case the caller's key does not allow is a 403: the key, not the client,
        decides the risk tier."""
        guard = self.guards[caller.policy]
        opted_out = opt_out_header(request.headers, OPT_OUT_HEADER)
        requested = option_header(request.headers, USE_CASE_HEADER) or options.use_case
        if requested and not caller.may_use(requested, guard.policy.policy.default_use_case):
            raise ProxyError(
                403,
                "permission_error",
                "use_case_not_allowed",
                f"this API key may not use the use case {requested!r}",
                param="use_case",
            )
        context = guard.context(
            use_case=requested or caller.use_case,
            tenant=caller.tenant,
            request_id=request_id,
            conversation_id=option_header(request.headers, CONVERSATION_HEADER) or options.conversation_id,
            opted_out=options.opt_out if opted_out is None else opted_out,
            principal=caller.principal,
        )
        return guard, context


def _check_key_use_cases(config: ServerConfig, guards: Mapping[str, Guard]) -> None:
    """Stop start-up on a key naming a use case its policy does not have."""
    for entry in config.keys:
        policy = guards[entry.policy or config.policy].policy.policy
        named = [entry.use_case, *(entry.allowed_use_cases or [])]
        unknown = sorted({name for name in named if name and name not in policy.use_cases})
        if unknown:
            raise ConfigurationError(
                f"key of tenant {entry.tenant!r}: use case {unknown[0]!r} is not in policy "
                f"{policy.id!r} ({', '.join(sorted(policy.use_cases))})"
            )


def create_app(proxy: Proxy) -> Starlette:
    """The ASGI application serving ``proxy``."""

    async def chat_completions(request: Request) -> Response:
        return await _guarded(request, proxy, _chat)

    async def embeddings(request: Request) -> Response:
        return await _guarded(request, proxy, _embeddings)

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
        counts = proxy.vault.counts()
        # Unauthenticated: counts only. Policy names can be file paths, and the model
        # list is for callers with a key (GET /v1/models).
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
        proxy.services.close()

    return Starlette(
        lifespan=lifespan,
        routes=[
            Route("/v1/chat/completions", chat_completions, methods=["POST"]),
            Route("/chat/completions", chat_completions, methods=["POST"]),
            Route("/v1/embeddings", embeddings, methods=["POST"]),
            Route("/embeddings", embeddings, methods=["POST"]),
            Route("/v1/models", models, methods=["GET"]),
            Route("/models", models, methods=["GET"]),
            Route("/.well-known/jwks.json", jwks, methods=["GET"]),
            Route("/verify", verify, methods=["GET"]),
            Route("/health/live", live, methods=["GET"]),
            Route("/health/ready", ready, methods=["GET"]),
        ],
        exception_handlers={HTTPException: http_error},
    )


async def _guarded(request: Request, proxy: Proxy, translate: Translate) -> Response:
    """Every model call: translate the HTTP request into a guarded call, run it, and
    translate its answer, stream or refusal back into HTTP. A request refused before it
    becomes a call (authentication, a malformed body, an unknown model) is recorded too."""
    request_id, started, tenant = new_request_id(), time.perf_counter(), "default"
    try:
        caller = proxy.keys.caller(request.headers)
        tenant = caller.tenant
        guard, call_request = await translate(request, proxy, caller, request_id)
    except Exception as error:  # noqa: BLE001 - every failure becomes an OpenAI-style answer
        failure = _as_proxy_error(error)
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
        return _stamped(failure.response(request_id), request_id)
    call = GuardedCall(guard, proxy.services, call_request)
    try:
        outcome = await call.run(proxy.upstream)
    except Exception as error:  # noqa: BLE001 - the call has recorded it
        return _stamped(_as_proxy_error(error).response(request_id), request_id)
    if isinstance(outcome, Answer):
        return _stamped(JSONResponse(outcome.body, headers=outcome.headers), request_id)
    headers = {**call.headers(), HEADER: "final-chunk"}  # the signed manifest comes in the last chunk
    events = _events(outcome, request_id)
    return _stamped(StreamingResponse(events, media_type="text/event-stream", headers=headers), request_id)


Translate = Callable[[Request, "Proxy", Caller, str], Awaitable[tuple[Guard, CallRequest]]]


async def _chat(request: Request, proxy: Proxy, caller: Caller, request_id: str) -> tuple[Guard, CallRequest]:
    chat = validate_chat(await _body(request, proxy))
    _known_model(proxy, chat.model)
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


async def _embeddings(request: Request, proxy: Proxy, caller: Caller, request_id: str) -> tuple[Guard, CallRequest]:
    embedding = validate_embedding(await _body(request, proxy))
    _known_model(proxy, embedding.model)
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


async def _body(request: Request, proxy: Proxy) -> dict[str, Any]:
    return await read_json(
        request.stream(),
        declared_length=request.headers.get("content-length"),
        limit=proxy.config.max_body_bytes,
        seconds=proxy.config.body_timeout_seconds,
    )


async def _events(chunks: AsyncIterator[dict[str, Any]], request_id: str) -> AsyncIterator[str]:
    """Server-sent events of a guarded stream; a refusal or failure mid-stream is an
    error event in place of the rest (the call has recorded how the stream ended)."""
    async with contextlib.aclosing(chunks):  # type: ignore[type-var]  # an async generator
        try:
            async for chunk in chunks:
                yield event(chunk)
            yield "data: [DONE]\n\n"
        except Exception as error:  # noqa: BLE001 - every failure becomes an error event
            yield error_event(_as_proxy_error(error).body(request_id))


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


def _as_proxy_error(error: Exception) -> ProxyError:
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
    if isinstance(error, UpstreamError):
        kind = "rate_limit_error" if error.status == 429 else "upstream_error"
        return ProxyError(error.status, kind, error.code, str(error))
    return ProxyError(500, "server_error", "internal_error", "the proxy failed to handle the request")


def _known_model(proxy: Proxy, model: str) -> None:
    if not proxy.upstream.knows(model):
        raise ProxyError(
            404,
            "not_found_error",
            "model_not_found",
            f"the model {model!r} does not exist; GET /v1/models lists the models",
            param="model",
        )
