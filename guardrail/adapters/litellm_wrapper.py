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

Every call leaves one audit record, as through the proxy: refused, failed upstream,
answered, or a stream however it ended (``stream_outcome``), with the checks' evidence
and never content.

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
import time
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import Any

from guardrail.adapters.upstream import translate
from guardrail.attribution import Attribution, Attributor, Generator, KeyStore
from guardrail.attribution.manifest import FIELD
from guardrail.audit.records import CallRecords
from guardrail.core.chat import Message
from guardrail.core.context import CallContext
from guardrail.core.verdict import Verdict
from guardrail.errors import BlockedError, RequestError
from guardrail.runtime import Guard, GuardedRequest, StreamGuard
from guardrail.runtime.evidence import model_name, note_attribution, note_call, note_verdict
from guardrail.runtime.guard import UNAUDITED
from guardrail.runtime.reasons import explain, refusal_status

os.environ.setdefault("LITELLM_LOCAL_MODEL_COST_MAP", "True")

DATA_DIR_ENV = "GUARDRAIL_DATA_DIR"
PROVIDER_ENV = "GUARDRAIL_SERVICE_PROVIDER"
INTERNAL_ERROR = "internal_error"
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


def _data_dir() -> Path:
    return Path(os.environ.get(DATA_DIR_ENV) or ".guardrail")


def _key_store() -> KeyStore:
    keys = KeyStore(_data_dir() / "keys")
    keys.write_jwks(_data_dir() / "jwks.json")
    return keys


class _Trail:
    """One call's audit record, written once however the call ends (the first
    :meth:`close` wins)."""

    def __init__(self, records: CallRecords, context: CallContext, model: str, stream: bool) -> None:
        self.records = records
        self.record: dict[str, Any] = {
            "request_id": context.request_id,
            "path": "wrapper",
            "tenant": context.tenant,
            "model": model,
            "stream": stream,
        }
        note_call(self.record, context)
        self.started = time.perf_counter()
        self.closed = False

    def refused(self, verdict: Verdict) -> None:
        self.close(refusal_status(verdict.reason), verdict.reason or "blocked")

    def upstream_failed(self, error: BaseException) -> None:
        self.record["upstream_error"] = type(error).__name__
        mapped = translate(error)
        self.close(mapped.status, mapped.code)

    def attributed(self, attribution: Attribution | None) -> None:
        if attribution is not None:
            note_attribution(self.record, attribution)

    def close(self, status: int, error: str | None = None) -> bool:
        """Write the record; ``False`` if it could not be written (or was already)."""
        if self.closed:
            return False
        self.closed = True
        self.record.update(status=status, duration_ms=round((time.perf_counter() - self.started) * 1000, 2))
        if error:
            self.record["error"] = error
        return self.records.write(self.record)


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
    stream: bool = False,
    **kwargs: Any,
) -> Any:
    """Guarded ``litellm.completion``: a ``ModelResponse``, or an iterator of chunks."""
    litellm = _litellm()
    settings, params = _split(kwargs)
    active, request, trail = _prepare(
        guard, messages, params, use_case, conversation_id, tenant, opt_out, audit, model, stream
    )
    try:
        response = litellm.completion(
            model=model, messages=request.messages, stream=stream, **settings, **request.params
        )
    except Exception as error:
        trail.upstream_failed(error)
        raise
    if stream:
        return _stream(response, _stream_guard(active, request), request.context, model, trail)
    try:
        return _finish(active, response, request, model, trail)
    except Exception:
        trail.close(500, INTERNAL_ERROR)  # a refusal has closed it already
        raise


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
    stream: bool = False,
    **kwargs: Any,
) -> Any:
    """Guarded ``litellm.acompletion``: a ``ModelResponse``, or an async iterator of chunks."""
    import anyio

    litellm = _litellm()
    settings, params = _split(kwargs)
    active, request, trail = await anyio.to_thread.run_sync(
        _prepare, guard, messages, params, use_case, conversation_id, tenant, opt_out, audit, model, stream
    )
    try:
        response = await litellm.acompletion(
            model=model, messages=request.messages, stream=stream, **settings, **request.params
        )
    except Exception as error:
        trail.upstream_failed(error)
        raise
    if stream:
        return _astream(response, _stream_guard(active, request), request.context, model, trail=trail)
    try:
        return await anyio.to_thread.run_sync(_finish, active, response, request, model, trail)
    except Exception:
        trail.close(500, INTERNAL_ERROR)  # a refusal has closed it already
        raise


def _split(kwargs: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    """LiteLLM's own settings, and the request parameters the guard checks (or refuses)."""
    settings = {name: value for name, value in kwargs.items() if name in LITELLM_SETTINGS}
    return settings, {name: value for name, value in kwargs.items() if name not in LITELLM_SETTINGS}


def _prepare(
    guard: Guard | None,
    messages: list[Message],
    params: dict[str, Any],
    use_case: str | None,
    conversation_id: str | None,
    tenant: str,
    opt_out: bool,
    audit: CallRecords | None,
    model: str,
    stream: bool,
) -> tuple[Guard, GuardedRequest, _Trail]:
    guard = guard or default_guard()
    context = guard.context(use_case=use_case, conversation_id=conversation_id, tenant=tenant, opted_out=opt_out)
    trail = _Trail(audit or default_records(), context, model, stream)
    if guard.refuses_unaudited(context) and not trail.records.recover():
        # The trail is failing and this call may not go unrecorded: no model is called.
        trail.refused(UNAUDITED)
        raise _blocked(UNAUDITED, context, "input")
    try:
        request = guard.guard_request(messages, context, params)
    except RequestError as error:
        trail.close(400, error.code)  # a field that cannot be checked: the caller's to fix
        raise
    except Exception:
        trail.close(500, INTERNAL_ERROR)
        raise
    note_call(trail.record, request.context)
    note_verdict(trail.record, "input", request.verdict)
    if request.blocked:
        trail.refused(request.verdict)
        raise _blocked(request.verdict, context, "input")
    return guard, request, trail


def _finish(guard: Guard, response: Any, request: GuardedRequest, model: str, trail: _Trail) -> Any:
    """The guarded answer as a ``ModelResponse``, its manifest on ``guardrail_attribution``."""
    import litellm

    context = request.context
    trail.record["response_model"] = model_name(response.model)
    guarded = guard.guard_response(
        response.model_dump(), request, _generator(model, response.model), guard.attributor or shared_attributor()
    )
    note_verdict(trail.record, "output", guarded.verdict)
    if guarded.verdict.blocked:
        trail.refused(guarded.verdict)
        raise _blocked(guarded.verdict, context, "output")
    result = litellm.ModelResponse(**guarded.response)
    result._hidden_params = {**getattr(response, "_hidden_params", {}), "guardrail_request_id": context.request_id}
    if guarded.attribution is not None:
        result.guardrail_attribution = guarded.attribution.as_field()
    trail.record["restored"] = guarded.restored
    trail.attributed(guarded.attribution)
    if not trail.close(200) and guard.refuses_unaudited(context):
        raise _blocked(UNAUDITED, context, "output")  # the answer is withheld: it could not be recorded
    return result


def _stream_guard(guard: Guard, request: GuardedRequest) -> StreamGuard:
    return guard.stream(request, guard.attributor or shared_attributor())


def _generator(model: str, answered: Any, provider: str | None = None) -> Generator:
    """Who generated an answer: the provider LiteLLM used (or would use for ``model``)."""
    import litellm

    if not provider:
        try:
            provider = litellm.get_llm_provider(model)[1]
        except Exception:  # noqa: BLE001 - an unknown provider is still worth attributing
            provider = "unknown"
    return Generator(str(provider), str(answered or model))


def _checked_chunks(stream_guard: StreamGuard, chunk: Any) -> list[Any]:
    """What the stream guard releases of one upstream chunk, as LiteLLM chunks."""
    import litellm

    return [litellm.ModelResponseStream(**out) for out in stream_guard.feed(chunk.model_dump(exclude_none=True))]


def _ending(end: _StreamEnd, model: str, provider: str | None = None) -> Iterator[Any]:
    """The held-back text once the upstream is done, then a closing chunk with no
    choices and the signed manifest over the whole stream; the stream is complete."""
    import litellm

    stream_guard = end.stream_guard
    for out in stream_guard.finish():
        yield litellm.ModelResponseStream(**out)
    attribution = stream_guard.attribution(_generator(model, stream_guard.envelope.get("model"), provider))
    for out in stream_guard.closing():  # the final text, with the embedded manifest where the tier asks
        yield litellm.ModelResponseStream(**out)
    end.completed(attribution)
    if attribution is not None:
        yield litellm.ModelResponseStream(**{**stream_guard.envelope, "choices": [], FIELD: attribution.as_field()})


class _StreamEnd:
    """How a stream ended, for its audit record (none when ``trail`` is ``None``: the
    LiteLLM plugin keeps its own). ``client_disconnected`` until shown otherwise: the
    caller stopped iterating, or dropped the iterator."""

    def __init__(self, stream_guard: StreamGuard, context: CallContext, trail: _Trail | None) -> None:
        self.stream_guard, self.context, self.trail = stream_guard, context, trail
        self.outcome, self.status = "client_disconnected", 200
        self.error: str | None = "client_disconnected"

    def completed(self, attribution: Attribution | None) -> None:
        self.outcome, self.error = "completed", None
        if self.trail is not None:
            self.trail.attributed(attribution)

    def blocked(self, verdict: Verdict) -> BlockedError:
        self.outcome, self.status, self.error = "blocked", refusal_status(verdict.reason), verdict.reason
        return _blocked(verdict, self.context, "output")

    def upstream_failed(self, error: BaseException) -> None:
        mapped = translate(error)
        if self.trail is not None:
            self.trail.record["upstream_error"] = type(error).__name__
        self.outcome, self.status, self.error = "upstream_error", mapped.status, mapped.code

    def failed(self) -> None:
        """An exception of guardrail's own, unless the upstream's was noted first."""
        if self.outcome == "client_disconnected":
            self.outcome, self.status, self.error = INTERNAL_ERROR, 500, INTERNAL_ERROR

    def write(self) -> None:
        if self.trail is None:
            return
        for verdict in self.stream_guard.verdicts:
            note_verdict(self.trail.record, "output", verdict)
        self.trail.record["stream_outcome"] = self.outcome
        self.trail.close(self.status, self.error)


def _upstream(response: Any, end: _StreamEnd) -> Iterator[Any]:
    """The upstream's chunks; a failure while reading them is noted as the upstream's."""
    try:
        yield from response
    except Exception as error:
        end.upstream_failed(error)
        raise


async def _aupstream(response: Any, end: _StreamEnd) -> AsyncIterator[Any]:
    try:
        async for chunk in response:
            yield chunk
    except Exception as error:
        end.upstream_failed(error)
        raise


def _stream(response: Any, stream_guard: StreamGuard, context: CallContext, model: str, trail: _Trail) -> Iterator[Any]:
    from guardrail.runtime import StreamBlocked

    end = _StreamEnd(stream_guard, context, trail)
    try:
        for chunk in _upstream(response, end):
            yield from _checked_chunks(stream_guard, chunk)
        yield from _ending(end, model)
    except StreamBlocked as blocked:
        raise end.blocked(blocked.verdict) from None
    except Exception:
        end.failed()
        raise
    finally:
        end.write()


async def _astream(
    response: Any,
    stream_guard: StreamGuard,
    context: CallContext,
    model: str,
    provider: str | None = None,
    trail: _Trail | None = None,
) -> AsyncIterator[Any]:
    from guardrail.runtime import StreamBlocked

    end = _StreamEnd(stream_guard, context, trail)
    try:
        async for chunk in _aupstream(response, end):
            for out in _checked_chunks(stream_guard, chunk):
                yield out
        for out in _ending(end, model, provider):
            yield out
    except StreamBlocked as blocked:
        raise end.blocked(blocked.verdict) from None
    except Exception:
        end.failed()
        raise
    finally:
        end.write()


def _blocked(verdict: Verdict, context: CallContext, stage: str) -> BlockedError:
    return BlockedError(
        verdict.reason or "blocked", explain(verdict.reason), request_id=context.request_id, stage=stage
    )


def _litellm() -> Any:
    import litellm

    from guardrail.adapters import litellm_demo

    litellm_demo.register()
    return litellm
