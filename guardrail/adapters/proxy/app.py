"""The OpenAI-compatible guarded proxy, as a Starlette application.

Routes: ``POST /v1/chat/completions`` (plain and streamed), ``POST /v1/embeddings``,
``GET /v1/models``, ``GET /health/live`` and ``GET /health/ready``.

Each call: authenticate, read and validate the body, pick the caller's guard and use
case, run the input checks (in a worker thread: they are CPU-bound), call the upstream
through LiteLLM's Router, run the output checks and restore pseudonyms, answer. Every
outcome, errors included, is logged as one structured event without content.
"""

from __future__ import annotations

import contextlib
import functools
import time
from collections.abc import AsyncIterator, Awaitable, Callable, Mapping
from typing import Any, TypeVar

import anyio
import structlog
from opentelemetry.trace import Span
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
from guardrail.adapters.upstream import Upstream, UpstreamError
from guardrail.attribution import Attributor, Generator, KeyStore
from guardrail.attribution.manifest import FIELD, HEADER
from guardrail.attribution.page import CONTENT_SECURITY_POLICY, verify_page
from guardrail.audit.records import CallRecords
from guardrail.core.chat import collect_texts
from guardrail.core.context import CallContext, Stage, new_request_id
from guardrail.core.verdict import Verdict
from guardrail.errors import ConfigurationError, RequestError
from guardrail.pii.vault import InMemoryVault
from guardrail.runtime import Guard, StreamBlocked, StreamGuard
from guardrail.runtime.evidence import model_name, note_attribution, note_call, note_verdict
from guardrail.runtime.guard import UNAUDITED
from guardrail.runtime.reasons import explain, refusal_status, refusal_type
from guardrail.telemetry import Tracing

log = structlog.get_logger("guardrail.proxy")

INLINE_CHECK_CHARS = 300
OFFLOAD_CHARS, OFFLOAD_MESSAGES = 20_000, 50  # beyond these, a stage's set-up work is worth a thread too
T = TypeVar("T")


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
        self.tracing = tracing or Tracing(config.telemetry, default_file=config.data_dir / "traces.jsonl")
        self.records = CallRecords(
            config.audit_path,
            self.keys_store.active,
            retention_days=config.audit_retention_days,
            settings=config.audit_trail,
        )

    def generator(self, model_name: str, answered_model: Any) -> Generator:
        return Generator(self.upstream.provider(model_name), str(answered_model or model_name))

    def record(self, record: dict[str, Any]) -> bool:
        """Log a finished call and keep its record; ``False`` if the record was not written."""
        # The consented redacted request goes to the audit trail only, not to stderr.
        log.info("call", **{key: value for key, value in record.items() if key != "redacted_request"})
        return self.records.write(record)

    def context(self, request: Request, caller: Caller, options: GuardrailOptions) -> tuple[Guard, CallContext]:
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
            request_id=request.state.request_id,
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
        return await _handle(request, proxy, _chat)

    async def embeddings(request: Request) -> Response:
        return await _handle(request, proxy, _embeddings)

    async def models(request: Request) -> Response:
        return await _handle(request, proxy, _models)

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
        proxy.records.close()
        proxy.tracing.shutdown()

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


async def _handle(request: Request, proxy: Proxy, handler: Any) -> Response:
    """Common envelope: request id, error mapping and the one log event per call."""
    request.state.request_id = new_request_id()
    request.state.record = record = {"request_id": request.state.request_id, "path": request.url.path}
    started = time.perf_counter()
    try:
        caller = proxy.keys.caller(request.headers)
        record["tenant"] = caller.tenant
        response: Response = await handler(request, proxy, caller)
    except Exception as error:  # noqa: BLE001 - every failure becomes an OpenAI-style answer
        failure = _as_proxy_error(error, record)
        record["error"] = failure.code
        response = failure.response(request.state.request_id)
    response.headers["x-guardrail-request-id"] = request.state.request_id
    record["status"] = response.status_code
    record["duration_ms"] = round((time.perf_counter() - started) * 1000, 2)
    if not isinstance(response, StreamingResponse):
        span = getattr(request.state, "span", None)
        if span is not None:
            proxy.tracing.end_call(
                span,
                status=response.status_code,
                response=getattr(request.state, "answer", None),
                error_type=record.get("error"),
            )
        if (
            not proxy.record(record)
            and response.status_code < 400
            and getattr(request.state, "unaudited_refused", False)
        ):
            log.warning("answer_withheld", request_id=request.state.request_id, reason=UNAUDITED.reason)
            response = _blocked(UNAUDITED, "output").response(request.state.request_id)
            response.headers["x-guardrail-request-id"] = request.state.request_id
    return response


def _audit_gate(proxy: Proxy, guard: Guard, context: CallContext, request: Request) -> None:
    """For a call that may not go unaudited (:meth:`Guard.refuses_unaudited`): refused
    before it reaches a model while the trail is failing, unless the trail takes its gap
    entry now; and marked so that :func:`_handle` withholds its answer if its own record
    cannot be written."""
    if not guard.refuses_unaudited(context):
        return
    request.state.unaudited_refused = True
    if not proxy.records.recover():
        raise _blocked(UNAUDITED, "input")


def _as_proxy_error(error: Exception, record: dict[str, Any]) -> ProxyError:
    """The client-facing error for anything a handler raised. Unexpected exceptions
    are logged by type only: their messages can quote the request."""
    if isinstance(error, ProxyError):
        return error
    if isinstance(error, RequestError):
        return ProxyError(400, "invalid_request_error", error.code, str(error), param=error.param)
    if isinstance(error, UpstreamError):
        record["upstream_error"] = error.cause_type
        kind = "rate_limit_error" if error.status == 429 else "upstream_error"
        return ProxyError(error.status, kind, error.code, str(error))
    record["exception"] = type(error).__name__
    return ProxyError(500, "server_error", "internal_error", "the proxy failed to handle the request")


async def _chat(request: Request, proxy: Proxy, caller: Caller) -> Response:
    body = await read_json(
        request.stream(),
        declared_length=request.headers.get("content-length"),
        limit=proxy.config.max_body_bytes,
        seconds=proxy.config.body_timeout_seconds,
    )
    chat = validate_chat(body)
    _known_model(proxy, chat.model)
    guard, context = proxy.context(request, caller, chat.guardrail)
    record = request.state.record
    record.update(model=chat.model, stream=chat.stream)
    note_call(record, context)
    _audit_gate(proxy, guard, context, request)
    span = request.state.span = proxy.tracing.start_call(chat.model, proxy.upstream.provider(chat.model), context)
    record["trace_id"] = format(span.get_span_context().trace_id, "032x")
    guarded_request = await _checked(
        chat.messages,
        guard.guard_request,
        guard.guard_request_async,
        chat.messages,
        context,
        request_params(chat),
        passthrough=proxy.config.passthrough_params,
    )
    verdict = guarded_request.verdict
    note_call(record, guarded_request.context)
    note_verdict(record, "input", verdict)
    proxy.tracing.record_checks(span, Stage.INPUT, verdict, context, content=chat.messages)
    if verdict.blocked:
        raise _blocked(verdict, "input")
    _audit_gate(proxy, guard, guarded_request.context, request)  # an escalated tier may fail closed
    sent = guarded_request.messages
    if guard.policy.policy.audit.keep_redacted_content:
        record["redacted_request"] = sent  # consented: the redacted text only, never originals
    params = dict(guarded_request.params)
    headers = _headers(context, verdict, guard)
    # The intent entry: a call the upstream sees is in the trail even if this process dies.
    begun = proxy.records.begin(record["request_id"], model=chat.model, stream=chat.stream, tenant=caller.tenant)
    if not begun and getattr(request.state, "unaudited_refused", False):
        raise _blocked(UNAUDITED, "input")
    upstream_started = time.perf_counter()
    if chat.stream:
        chunks = await proxy.upstream.chat_stream(chat.model, sent, params)
        stream_guard = guard.stream(guarded_request, proxy.attributor)
        request.state.span = None  # the stream ends the span when it ends
        events = _stream(proxy, stream_guard, chunks, record, upstream_started, chat.model, (span, context))
        headers[HEADER] = "final-chunk"  # the signed manifest comes in the last chunk
        return StreamingResponse(events, media_type="text/event-stream", headers=headers)
    response = await proxy.upstream.chat(chat.model, sent, params)
    record["upstream_ms"] = round((time.perf_counter() - upstream_started) * 1000, 2)
    record["response_model"] = model_name(response.get("model"))
    answers = [choice.get("message") or {} for choice in response.get("choices") or []]
    generator = proxy.generator(chat.model, response.get("model"))
    guarded = await _checked(
        answers,
        guard.guard_response,
        guard.guard_response_async,
        response,
        guarded_request,
        generator,
        proxy.attributor,
    )
    request.state.answer = response
    note_verdict(record, "output", guarded.verdict)
    proxy.tracing.record_checks(span, Stage.OUTPUT, guarded.verdict, context, content=answers)
    if guarded.verdict.blocked:
        raise _blocked(guarded.verdict, "output")
    record["restored"] = guarded.restored
    body = guarded.response
    if guarded.attribution is not None:
        body = {**body, FIELD: guarded.attribution.as_field()}
        headers[HEADER] = guarded.attribution.jws
        note_attribution(record, guarded.attribution)
    return JSONResponse(body, headers=headers)


async def _stream(
    proxy: Proxy,
    stream_guard: StreamGuard,
    chunks: AsyncIterator[dict[str, Any]],
    record: dict[str, Any],
    started: float,
    model: str,
    traced: tuple[Span, CallContext],
) -> AsyncIterator[str]:
    """Server-sent events of a guarded stream; logs the outcome however it ends."""
    outcome = "client_disconnected"
    try:
        async for chunk in chunks:
            for out in await anyio.to_thread.run_sync(stream_guard.feed, chunk):
                yield event(out)
        for out in await anyio.to_thread.run_sync(stream_guard.finish):
            yield event(out)
        envelope = stream_guard.envelope
        attribution = stream_guard.attribution(proxy.generator(model, envelope.get("model")))
        for out in stream_guard.closing():  # the final text, with the embedded manifest where the tier asks
            yield event(out)
        if attribution is not None:
            note_attribution(record, attribution)
            yield event({**envelope, "choices": [], FIELD: attribution.as_field()})
        yield "data: [DONE]\n\n"
        outcome = "completed"
    except StreamBlocked as blocked:
        outcome = "blocked"
        yield error_event(_blocked(blocked.verdict, "output").body(record["request_id"]))
    except UpstreamError as error:
        outcome = "upstream_error"
        record["upstream_error"] = error.cause_type
        yield error_event(ProxyError(error.status, "upstream_error", error.code, str(error)).body(record["request_id"]))
    finally:
        await chunks.aclose()  # type: ignore[attr-defined]
        record["stream_outcome"] = outcome
        record["upstream_ms"] = round((time.perf_counter() - started) * 1000, 2)
        span, context = traced
        for verdict in stream_guard.verdicts:
            note_verdict(record, "output", verdict)
            proxy.tracing.record_checks(span, Stage.OUTPUT, verdict, context)
        proxy.tracing.end_call(
            span, status=200, response=stream_guard.envelope, error_type=None if outcome == "completed" else outcome
        )
        proxy.record(record)


async def _embeddings(request: Request, proxy: Proxy, caller: Caller) -> Response:
    body = await read_json(
        request.stream(),
        declared_length=request.headers.get("content-length"),
        limit=proxy.config.max_body_bytes,
        seconds=proxy.config.body_timeout_seconds,
    )
    embedding = validate_embedding(body)
    _known_model(proxy, embedding.model)
    guard, context = proxy.context(request, caller, embedding.guardrail)
    _audit_gate(proxy, guard, context, request)
    texts = [embedding.input] if isinstance(embedding.input, str) else embedding.input
    if not all(isinstance(text, str) for text in texts):
        raise ProxyError(
            400, "guardrail_blocked", "embedding.token_input", explain("embedding.token_input"), param="input"
        )
    request.state.record["model"] = embedding.model
    note_call(request.state.record, context)
    verdict, checked, params = await anyio.to_thread.run_sync(
        functools.partial(
            guard.check_texts, texts, context, request_params(embedding), passthrough=proxy.config.passthrough_params
        )
    )
    note_verdict(request.state.record, "input", verdict)
    if verdict.blocked:
        raise _blocked(verdict, "input")
    response = await proxy.upstream.embeddings(embedding.model, checked, params)
    return JSONResponse(response, headers=_headers(context, verdict))


async def _models(request: Request, proxy: Proxy, caller: Caller) -> Response:
    data = [
        {"id": name, "object": "model", "created": 0, "owned_by": "guardrail"} for name in proxy.upstream.model_names
    ]
    return JSONResponse({"object": "list", "data": data})


async def _checked(
    messages: list[dict[str, Any]],
    check: Callable[..., T],
    check_async: Callable[..., Awaitable[T]],
    *args: Any,
    **options: Any,
) -> T:
    """Run a guard's stage without ever blocking the event loop, whatever a check does.

    Usually ``check_async``: the checks run on their stage's executor while the loop
    keeps their deadlines (inline if the text is so short that a thread hop would cost
    more than checks without deadlines). A large request goes to a worker thread whole,
    as ``check``: reading its fields is work too, and must not hold up the loop.
    """
    if len(messages) > OFFLOAD_MESSAGES:
        return await anyio.to_thread.run_sync(functools.partial(check, *args, **options))
    size = len(body_text(messages))
    if size > OFFLOAD_CHARS:
        return await anyio.to_thread.run_sync(functools.partial(check, *args, **options))
    return await check_async(*args, inline=size <= INLINE_CHECK_CHARS, **options)


def body_text(messages: list[dict[str, Any]]) -> str:
    return "".join(slot.text for slot in collect_texts(messages))


def _known_model(proxy: Proxy, model: str) -> None:
    if not proxy.upstream.knows(model):
        raise ProxyError(
            404,
            "not_found_error",
            "model_not_found",
            f"the model {model!r} does not exist; GET /v1/models lists the models",
            param="model",
        )


def _blocked(verdict: Verdict, stage: str) -> ProxyError:
    status = refusal_status(verdict.reason)
    return ProxyError(
        status,
        refusal_type(verdict.reason),
        verdict.reason or "blocked",
        explain(verdict.reason),
        param="use_case" if status == 403 else stage,
    )


def _headers(context: CallContext, verdict: Verdict, guard: Guard | None = None) -> dict[str, str]:
    headers = {
        "x-guardrail-ai-generated": "true",
        "x-guardrail-policy": f"{context.policy.id}@{context.policy.version}",
        "x-guardrail-use-case": context.use_case,
        "x-guardrail-risk-tier": context.risk_tier.value,
        "x-guardrail-input-decision": verdict.decision.value,
    }
    if guard is not None and guard.labels(context).tier.human_review:
        headers["x-guardrail-human-review"] = "required"
    return headers
