"""``guardrail.completion`` / ``guardrail.acompletion``: drop-ins for LiteLLM's.

They take LiteLLM's arguments (any provider, streaming included) and run the same
guard as the proxy, in-process: input checks before the call, output checks and
pseudonym restoration after, windowed on streams. A block raises
:class:`~guardrail.errors.BlockedError`; LiteLLM's own exceptions pass through
unchanged, as callers of ``litellm.completion`` expect.

guardrail's options are keyword-only and prefixed-free: ``guard`` (a
:class:`~guardrail.runtime.Guard`; default: the ``hk-genai-2025`` pack, built once),
``use_case``, ``conversation_id``, ``tenant`` and ``opt_out`` (the user opted out of
AI processing: where the tier honours it, the call raises before reaching a model).
"""

from __future__ import annotations

import os
import threading
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import Any

from guardrail.attribution import Attributor, Generator, KeyStore
from guardrail.attribution.manifest import FIELD
from guardrail.core.chat import Message
from guardrail.core.context import CallContext
from guardrail.core.verdict import Verdict
from guardrail.errors import BlockedError
from guardrail.runtime import Guard, GuardedRequest, StreamGuard
from guardrail.runtime.reasons import explain

os.environ.setdefault("LITELLM_LOCAL_MODEL_COST_MAP", "True")

DATA_DIR_ENV = "GUARDRAIL_DATA_DIR"
PROVIDER_ENV = "GUARDRAIL_SERVICE_PROVIDER"
_default: Guard | None = None
_default_lock = threading.Lock()


def default_guard() -> Guard:
    """The guard for the built-in pack, built on first use and then shared.

    It signs manifests with the key in ``$GUARDRAIL_DATA_DIR/keys`` (default
    ``.guardrail/keys``, generated on first use) in the name of
    ``$GUARDRAIL_SERVICE_PROVIDER``.
    """
    global _default
    with _default_lock:
        if _default is None:
            _default = Guard.from_policy(attributor=default_attributor())
        return _default


def default_attributor() -> Attributor:
    folder = Path(os.environ.get(DATA_DIR_ENV) or ".guardrail")
    keys = KeyStore(folder / "keys")
    keys.write_jwks(folder / "jwks.json")
    return Attributor(keys.active, os.environ.get(PROVIDER_ENV) or "guardrail")


def completion(
    model: str,
    messages: list[Message],
    *,
    guard: Guard | None = None,
    use_case: str | None = None,
    conversation_id: str | None = None,
    opt_out: bool = False,
    tenant: str = "default",
    stream: bool = False,
    **kwargs: Any,
) -> Any:
    """Guarded ``litellm.completion``: a ``ModelResponse``, or an iterator of chunks."""
    litellm = _litellm()
    active, request = _prepare(guard, messages, use_case, conversation_id, tenant, opt_out)
    if stream:
        response = litellm.completion(model=model, messages=request.messages, stream=True, **kwargs)
        return _stream(response, active.stream(request), request.context, model)
    response = litellm.completion(model=model, messages=request.messages, **kwargs)
    return _finish(active, response, request, model)


async def acompletion(
    model: str,
    messages: list[Message],
    *,
    guard: Guard | None = None,
    use_case: str | None = None,
    conversation_id: str | None = None,
    opt_out: bool = False,
    tenant: str = "default",
    stream: bool = False,
    **kwargs: Any,
) -> Any:
    """Guarded ``litellm.acompletion``: a ``ModelResponse``, or an async iterator of chunks."""
    import anyio

    litellm = _litellm()
    active, request = await anyio.to_thread.run_sync(
        _prepare, guard, messages, use_case, conversation_id, tenant, opt_out
    )
    if stream:
        response = await litellm.acompletion(model=model, messages=request.messages, stream=True, **kwargs)
        return _astream(response, active.stream(request), request.context, model)
    response = await litellm.acompletion(model=model, messages=request.messages, **kwargs)
    return await anyio.to_thread.run_sync(_finish, active, response, request, model)


def _prepare(
    guard: Guard | None,
    messages: list[Message],
    use_case: str | None,
    conversation_id: str | None,
    tenant: str,
    opt_out: bool,
) -> tuple[Guard, GuardedRequest]:
    guard = guard or default_guard()
    context = guard.context(use_case=use_case, conversation_id=conversation_id, tenant=tenant, opted_out=opt_out)
    request = guard.guard_request(messages, context)
    if request.blocked:
        raise _blocked(request.verdict, context, "input")
    return guard, request


def _finish(guard: Guard, response: Any, request: GuardedRequest, model: str) -> Any:
    """The guarded answer as a ``ModelResponse``, its manifest on ``guardrail_attribution``."""
    import litellm

    context = request.context
    guarded = guard.guard_response(response.model_dump(), request, _generator(model, response.model))
    if guarded.verdict.blocked:
        raise _blocked(guarded.verdict, context, "output")
    result = litellm.ModelResponse(**guarded.response)
    result._hidden_params = {**getattr(response, "_hidden_params", {}), "guardrail_request_id": context.request_id}
    if guarded.attribution is not None:
        result.guardrail_attribution = guarded.attribution.as_field()
    return result


def _generator(model: str, answered: Any, provider: str | None = None) -> Generator:
    """Who generated an answer: the provider LiteLLM used (or would use for ``model``)."""
    import litellm

    if not provider:
        try:
            provider = litellm.get_llm_provider(model)[1]
        except Exception:  # noqa: BLE001 - an unknown provider is still worth attributing
            provider = "unknown"
    return Generator(str(provider), str(answered or model))


def _closing_chunk(stream_guard: StreamGuard, model: str, provider: str | None = None) -> Any:
    """The last chunk: no choices, the signed manifest over the whole stream."""
    import litellm

    envelope = stream_guard.envelope
    attribution = stream_guard.attribution(_generator(model, envelope.get("model"), provider))
    if attribution is None:
        return None
    return litellm.ModelResponseStream(**{**envelope, "choices": [], FIELD: attribution.as_field()})


def _stream(response: Any, stream_guard: StreamGuard, context: CallContext, model: str) -> Iterator[Any]:
    import litellm

    from guardrail.runtime import StreamBlocked

    try:
        for chunk in response:
            for out in stream_guard.feed(chunk.model_dump(exclude_none=True)):
                yield litellm.ModelResponseStream(**out)
        for out in stream_guard.finish():
            yield litellm.ModelResponseStream(**out)
        closing = _closing_chunk(stream_guard, model)
        if closing is not None:
            yield closing
    except StreamBlocked as blocked:
        raise _blocked(blocked.verdict, context, "output") from None


async def _astream(
    response: Any, stream_guard: StreamGuard, context: CallContext, model: str, provider: str | None = None
) -> AsyncIterator[Any]:
    import litellm

    from guardrail.runtime import StreamBlocked

    try:
        async for chunk in response:
            for out in stream_guard.feed(chunk.model_dump(exclude_none=True)):
                yield litellm.ModelResponseStream(**out)
        for out in stream_guard.finish():
            yield litellm.ModelResponseStream(**out)
        closing = _closing_chunk(stream_guard, model, provider)
        if closing is not None:
            yield closing
    except StreamBlocked as blocked:
        raise _blocked(blocked.verdict, context, "output") from None


def _blocked(verdict: Verdict, context: CallContext, stage: str) -> BlockedError:
    return BlockedError(verdict.reason or "blocked", explain(verdict.reason),
                        request_id=context.request_id, stage=stage)


def _litellm() -> Any:
    import litellm

    from guardrail.adapters import litellm_demo

    litellm_demo.register()
    return litellm
