"""``guardrail.completion`` / ``guardrail.acompletion``: drop-ins for LiteLLM's.

They take LiteLLM's arguments (any provider, streaming included) and run the same
guard as the proxy, in-process: input checks before the call, output checks and
pseudonym restoration after, windowed on streams. A block raises
:class:`~guardrail.errors.BlockedError`; LiteLLM's own exceptions pass through
unchanged, as callers of ``litellm.completion`` expect.

guardrail's options are keyword-only and prefixed-free: ``guard`` (a
:class:`~guardrail.runtime.Guard`; default: the ``hk-genai-2025`` pack, built once),
``use_case``, ``conversation_id``, ``tenant``, ``opt_out`` (the user opted out of
AI processing: where the tier honours it, the call raises before reaching a model) and
``audit`` (where the call's record goes; default: the hash-chained trail in
``$GUARDRAIL_DATA_DIR/audit``).

Each call is a :class:`~guardrail.runtime.call.GuardedCall`, as through the proxy:
this module only translates LiteLLM's arguments into a call and its answer back into
LiteLLM's objects. Every call leaves one audit record (refused, failed upstream,
answered, or a stream however it ended) with the checks' evidence and never content,
and one trace (exported where ``OTEL_TRACES_EXPORTER`` says: ``console``, ``otlp``;
none by default), unless ``tracing`` is given.

Keyword arguments that are OpenAI request parameters (``tools``, ``response_format``,
``stop``, ``user``, ``metadata``, ...) are checked as the messages are, by the same
field table as the proxy's; LiteLLM's own settings (:data:`LITELLM_SETTINGS`: keys,
URLs, timeouts, retries) pass as they are; any other keyword is refused with a
:class:`~guardrail.errors.RequestError`, since LiteLLM could forward it to the model
unread.
"""

from __future__ import annotations

import os
import threading
from collections.abc import AsyncIterator, Iterator, Sequence
from pathlib import Path
from typing import Any

from guardrail.adapters.upstream import translate
from guardrail.attribution import Attributor, KeyStore
from guardrail.audit.records import CallRecords
from guardrail.core.chat import Message
from guardrail.runtime import Guard
from guardrail.runtime.call import Answer, CallRequest, GuardedCall
from guardrail.runtime.sinks import CallServices
from guardrail.runtime.upstream import UpstreamError
from guardrail.telemetry import TelemetrySettings, Tracing

os.environ.setdefault("LITELLM_LOCAL_MODEL_COST_MAP", "True")

DATA_DIR_ENV = "GUARDRAIL_DATA_DIR"
PROVIDER_ENV = "GUARDRAIL_SERVICE_PROVIDER"
TRACES_ENV = "OTEL_TRACES_EXPORTER"  # OpenTelemetry's own: none, console or otlp
# LiteLLM's own call settings: where and how to call, never content for the model.
LITELLM_SETTINGS = frozenset(
    {
        "api_key",
        "api_base",
        "base_url",
        "api_version",
        "deployment_id",
        "custom_llm_provider",
        "timeout",
        "num_retries",
        "max_retries",
        "extra_headers",
        "headers",
        "model_list",
        "shared_session",
        "drop_params",
        "mock_response",
        "fallbacks",
        "context_window_fallbacks",
        "caching",
        "enable_json_schema_validation",
        "aws_region_name",
        "aws_access_key_id",
        "aws_secret_access_key",
        "vertex_project",
        "vertex_location",
        "vertex_credentials",
    }
)
_default: Guard | None = None
_default_records: CallRecords | None = None
_shared_attributor: Attributor | None = None
_default_tracing: Tracing | None = None
_default_lock = threading.Lock()


def default_guard() -> Guard:
    """The guard for the built-in pack, built on first use and then shared.

    It signs manifests with the key in ``$GUARDRAIL_DATA_DIR/keys`` (default
    ``.guardrail/keys``, generated on first use) in the name of
    ``$GUARDRAIL_SERVICE_PROVIDER``.
    """
    global _default
    attributor = shared_attributor()
    with _default_lock:
        if _default is None:
            _default = Guard.from_policy(attributor=attributor)
        return _default


def shared_attributor() -> Attributor:
    """:func:`default_attributor`, made on first use and then shared: it also signs
    answers for guards passed in without an attributor of their own, so that every
    answer carries a manifest."""
    global _shared_attributor
    with _default_lock:
        if _shared_attributor is None:
            _shared_attributor = default_attributor()
        return _shared_attributor


def default_attributor() -> Attributor:
    keys = _key_store()
    return Attributor(keys.active, os.environ.get(PROVIDER_ENV) or "guardrail")


def default_records() -> CallRecords:
    """The audit trail in ``$GUARDRAIL_DATA_DIR/audit``, opened on first use and then
    shared; its checkpoints are signed with the attribution key."""
    global _default_records
    key = shared_attributor().key  # the key the answers are signed with, loaded once
    with _default_lock:
        if _default_records is None:
            _default_records = CallRecords(_data_dir() / "audit", key)
        return _default_records


def default_tracing() -> Tracing:
    """Traces as ``OTEL_TRACES_EXPORTER`` asks (``none`` by default: spans still give
    records their trace ids), made on first use and then shared."""
    global _default_tracing
    with _default_lock:
        if _default_tracing is None:
            settings = TelemetrySettings.model_validate({"exporter": os.environ.get(TRACES_ENV) or "none"})
            _default_tracing = Tracing(settings, default_file=_data_dir() / "traces.jsonl")
        return _default_tracing


def _data_dir() -> Path:
    return Path(os.environ.get(DATA_DIR_ENV) or ".guardrail")


def _key_store() -> KeyStore:
    keys = KeyStore(_data_dir() / "keys")
    keys.write_jwks(_data_dir() / "jwks.json")
    return keys


def completion(
    model: str,
    messages: list[Message],
    *,
    guard: Guard | None = None,
    use_case: str | None = None,
    conversation_id: str | None = None,
    opt_out: bool = False,
    tenant: str = "default",
    audit: CallRecords | None = None,
    tracing: Tracing | None = None,
    stream: bool = False,
    **kwargs: Any,
) -> Any:
    """Guarded ``litellm.completion``: a ``ModelResponse``, or an iterator of chunks."""
    settings, params = _split(kwargs)
    call = _call(guard, model, messages, params, stream, use_case, conversation_id, opt_out, tenant, audit, tracing)
    upstream = _SyncLiteLLM(settings)
    outcome = call.run_sync(upstream)
    if isinstance(outcome, Answer):
        return _model_response(outcome, upstream.hidden, call.request_id)
    return (_stream_chunk(chunk) for chunk in outcome)


async def acompletion(
    model: str,
    messages: list[Message],
    *,
    guard: Guard | None = None,
    use_case: str | None = None,
    conversation_id: str | None = None,
    opt_out: bool = False,
    tenant: str = "default",
    audit: CallRecords | None = None,
    tracing: Tracing | None = None,
    stream: bool = False,
    **kwargs: Any,
) -> Any:
    """Guarded ``litellm.acompletion``: a ``ModelResponse``, or an async iterator of chunks."""
    import anyio

    settings, params = _split(kwargs)
    call = await anyio.to_thread.run_sync(
        _call, guard, model, messages, params, stream, use_case, conversation_id, opt_out, tenant, audit, tracing
    )
    upstream = _AsyncLiteLLM(settings)
    outcome = await call.run(upstream)
    if isinstance(outcome, Answer):
        return _model_response(outcome, upstream.hidden, call.request_id)
    return _astream_chunks(outcome)


def _split(kwargs: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    """LiteLLM's own settings, and the request parameters the guard checks (or refuses)."""
    settings = {name: value for name, value in kwargs.items() if name in LITELLM_SETTINGS}
    return settings, {name: value for name, value in kwargs.items() if name not in LITELLM_SETTINGS}


def _call(
    guard: Guard | None,
    model: str,
    messages: Sequence[Message],
    params: dict[str, Any],
    stream: bool,
    use_case: str | None,
    conversation_id: str | None,
    opted_out: bool,
    tenant: str,
    audit: CallRecords | None,
    tracing: Tracing | None,
) -> GuardedCall:
    """The call in guardrail's terms; an unknown use case is a ``RequestError``."""
    guard = guard or default_guard()
    context = guard.context(use_case=use_case, conversation_id=conversation_id, tenant=tenant, opted_out=opted_out)
    services = CallServices(
        audit or default_records(), tracing or default_tracing(), guard.attributor or shared_attributor()
    )
    request = CallRequest(path="wrapper", model=model, context=context, messages=messages, params=params, stream=stream)
    return GuardedCall(guard, services, request, raw_upstream_errors=True)  # LiteLLM's own, as callers expect


class _LiteLLMCalls:
    """What the sync and async upstreams share: settings, provider and errors."""

    def __init__(self, settings: dict[str, Any]) -> None:
        self.settings = settings
        self.hidden: dict[str, Any] = {}  # the answer's LiteLLM hidden parameters, kept for the caller

    def provider(self, model: str) -> str:
        """The provider LiteLLM uses for ``model``."""
        import litellm

        try:
            return str(litellm.get_llm_provider(model)[1])
        except Exception:  # noqa: BLE001 - an unknown provider is still worth attributing
            return "unknown"

    def failure(self, error: Exception) -> UpstreamError:
        return translate(error)

    def _plain(self, response: Any) -> dict[str, Any]:
        self.hidden = dict(getattr(response, "_hidden_params", None) or {})
        return dict(response.model_dump())

    async def embeddings(self, model: str, inputs: list[str], params: dict[str, Any]) -> dict[str, Any]:
        raise NotImplementedError("the wrapper serves chat completions")


class _SyncLiteLLM(_LiteLLMCalls):
    """``litellm.completion``, called as the caller would have; its exceptions pass unchanged."""

    def chat(self, model: str, messages: Sequence[Any], params: dict[str, Any]) -> dict[str, Any]:
        return self._plain(_litellm().completion(model=model, messages=list(messages), **self.settings, **params))

    def chat_stream(self, model: str, messages: Sequence[Any], params: dict[str, Any]) -> Iterator[dict[str, Any]]:
        response = _litellm().completion(model=model, messages=list(messages), stream=True, **self.settings, **params)
        return (chunk.model_dump(exclude_none=True) for chunk in response)


class _AsyncLiteLLM(_LiteLLMCalls):
    """``litellm.acompletion``, called as the caller would have; its exceptions pass unchanged."""

    async def chat(self, model: str, messages: Sequence[Any], params: dict[str, Any]) -> dict[str, Any]:
        response = await _litellm().acompletion(model=model, messages=list(messages), **self.settings, **params)
        return self._plain(response)

    async def chat_stream(
        self, model: str, messages: Sequence[Any], params: dict[str, Any]
    ) -> AsyncIterator[dict[str, Any]]:
        response = await _litellm().acompletion(
            model=model, messages=list(messages), stream=True, **self.settings, **params
        )
        return plain_chunks(response)


async def plain_chunks(response: Any) -> AsyncIterator[dict[str, Any]]:
    """LiteLLM's stream chunks as plain dicts."""
    async for chunk in response:
        yield chunk.model_dump(exclude_none=True)


def _model_response(answer: Answer, hidden: dict[str, Any], request_id: str) -> Any:
    """The guarded answer as a ``ModelResponse``, its manifest on ``guardrail_attribution``."""
    import litellm

    result = litellm.ModelResponse(**answer.response)
    result._hidden_params = {**hidden, "guardrail_request_id": request_id}
    if answer.attribution is not None:
        result.guardrail_attribution = answer.attribution.as_field()
    return result


def _stream_chunk(chunk: dict[str, Any]) -> Any:
    """A guarded chunk as LiteLLM's; the last carries the manifest (``guardrail_attribution``)
    and no choices."""
    import litellm

    return litellm.ModelResponseStream(**chunk)


async def _astream_chunks(chunks: AsyncIterator[dict[str, Any]]) -> AsyncIterator[Any]:
    import contextlib

    async with contextlib.aclosing(chunks):  # type: ignore[type-var]  # an async generator
        async for chunk in chunks:
            yield _stream_chunk(chunk)


def _litellm() -> Any:
    import litellm

    from guardrail.adapters import litellm_demo

    litellm_demo.register()
    return litellm
