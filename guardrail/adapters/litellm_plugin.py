"""guardrail inside LiteLLM's own proxy, as a custom guardrail.

For service providers who already run ``litellm --config config.yaml``: add

    guardrails:
      - guardrail_name: hk-genai-2025
        litellm_params:
          guardrail: guardrail.adapters.litellm_plugin.GuardrailPlugin
          mode: [pre_call, post_call]
          default_on: true

and every chat completion goes through the same :class:`~guardrail.runtime.Guard` as
guardrail's own proxy: input checks and redaction before the call (``pre_call``),
output checks, pseudonym restoration, labels and the signed attribution manifest after
it (``post_call``, streams included), and one hash-chained audit record and one trace
per call. Settings come from ``litellm_params`` (``policy``, ``data_dir``,
``service_provider``, ``audit_store``, ``telemetry``) or from the environment
(``GUARDRAIL_POLICY``, ``GUARDRAIL_DATA_DIR``, ``GUARDRAIL_SERVICE_PROVIDER``).
Clients choose the use case, conversation and opt-out with the same headers as for
guardrail's proxy (``x-guardrail-use-case``, ``x-guardrail-conversation-id``,
``x-guardrail-opt-out``); the tenant is the LiteLLM key's team (or alias), and a key
whose metadata says ``guardrail: {use_case, allowed_use_cases}`` decides its use cases.

Every field of the request is checked, not only ``messages``: OpenAI's parameters by
the same field table as guardrail's proxy (a malformed one is a 400), and anything
else (LiteLLM's own request options, provider extras) as free-form JSON, since LiteLLM
may forward it to the model. LiteLLM's ``metadata``, which it keeps for itself and
never sends to a model, is left to it.

A refused call raises LiteLLM's usual ``HTTPException`` with an OpenAI-style body
and the stable reason code. The raw request LiteLLM keeps for its own logging
(``proxy_server_request``) is replaced by the redacted one.
"""

from __future__ import annotations

import functools
import os
import time
from collections import OrderedDict
from collections.abc import AsyncGenerator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import anyio
from fastapi import HTTPException
from litellm.integrations.custom_guardrail import CustomGuardrail
from litellm.types.guardrails import GuardrailEventHooks
from opentelemetry.trace import Span

from guardrail.adapters.litellm_wrapper import DATA_DIR_ENV, PROVIDER_ENV, _astream, _generator
from guardrail.adapters.proxy.requests import (
    CONVERSATION_HEADER,
    OPT_OUT_HEADER,
    USE_CASE_HEADER,
    opt_out_header,
    option_header,
)
from guardrail.attribution import Attributor, KeyStore
from guardrail.attribution.manifest import FIELD, HEADER
from guardrail.audit.records import CallRecords, audit_location
from guardrail.core.context import CallContext, Stage
from guardrail.core.openai_fields import CHAT_PARAMS, EMBEDDING_PARAMS
from guardrail.core.verdict import Verdict
from guardrail.errors import BlockedError, GuardrailError, RequestError
from guardrail.policy.loader import DEFAULT_POLICY
from guardrail.runtime import Guard, GuardedRequest
from guardrail.runtime.evidence import note_attribution, note_call, note_verdict
from guardrail.runtime.guard import UNAUDITED
from guardrail.runtime.reasons import explain, refusal_status, refusal_type
from guardrail.telemetry import TelemetrySettings, Tracing

POLICY_ENV = "GUARDRAIL_POLICY"
MAX_OPEN_CALLS = 10_000  # calls between pre_call and their answer; the oldest are dropped past this


@dataclass
class _Call:
    """One call between its pre_call and post_call hooks."""

    request: GuardedRequest
    span: Span
    record: dict[str, Any]
    started: float = field(default_factory=time.perf_counter)


class GuardrailPlugin(CustomGuardrail):
    """A LiteLLM ``CustomGuardrail`` that runs a guardrail policy on every chat call."""

    def __init__(
        self,
        policy: str | None = None,
        data_dir: str | None = None,
        service_provider: str | None = None,
        audit_store: str = "folder",
        telemetry: Mapping[str, Any] | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(**kwargs)
        folder = Path(data_dir or os.environ.get(DATA_DIR_ENV) or ".guardrail")
        keys = KeyStore(folder / "keys")
        keys.write_jwks(folder / "jwks.json")
        self.attributor = Attributor(keys.active, service_provider or os.environ.get(PROVIDER_ENV) or "guardrail")
        self.guard = Guard.from_policy(
            policy or os.environ.get(POLICY_ENV) or DEFAULT_POLICY, attributor=self.attributor
        )
        self.records = CallRecords(audit_location(folder, audit_store), keys.active)
        self.tracing = Tracing(
            TelemetrySettings.model_validate(dict(telemetry or {})), default_file=folder / "traces.jsonl"
        )
        self._calls: OrderedDict[str, _Call] = OrderedDict()

    async def async_pre_call_hook(
        self, user_api_key_dict: Any, cache: Any, data: dict[str, Any], call_type: Any
    ) -> dict[str, Any] | None:
        if self.should_run_guardrail(data=data, event_type=GuardrailEventHooks.pre_call) is not True:
            return None
        if not isinstance(data.get("messages"), list):
            return await self._embedding_inputs(data, user_api_key_dict)
        started = time.perf_counter()
        headers = _headers(data)
        record: dict[str, Any] = {
            "path": "litellm-proxy",
            "model": data.get("model"),
            "stream": bool(data.get("stream")),
            "tenant": _tenant(user_api_key_dict),
        }
        context = self._context(headers, user_api_key_dict)
        record["request_id"] = context.request_id
        note_call(record, context)
        span = self.tracing.start_call(str(data.get("model")), "litellm", context)
        record["trace_id"] = format(span.get_span_context().trace_id, "032x")
        if self.guard.refuses_unaudited(context) and not self.records.recover():
            # The trail is failing and this call may not go unrecorded: no model is called.
            self._close(span, record, started, status=_status(UNAUDITED), error=UNAUDITED.reason)
            raise _refusal(UNAUDITED, context, "input")
        params = _client_params(data, ("model", "messages", "stream"))
        # CPU-bound (NER): off LiteLLM's event loop, so other calls keep moving.
        try:
            request = await anyio.to_thread.run_sync(
                functools.partial(
                    self.guard.guard_request, data["messages"], context, params, passthrough=_extras(params)
                )
            )
        except RequestError as error:
            self._close(span, record, started, status=400, error=error.code)
            raise _invalid(error) from None
        note_call(record, request.context)
        note_verdict(record, "input", request.verdict)
        self.tracing.record_checks(span, Stage.INPUT, request.verdict, request.context)
        if request.blocked:
            self._finish(_Call(request, span, record), status=_status(request.verdict), error=request.verdict.reason)
            raise _refusal(request.verdict, context, "input")
        data["messages"] = request.messages
        _scrub_logged_request(data, "messages", request.messages)
        _put_params(data, request.params)
        data.setdefault("metadata", {})["guardrail_request_id"] = context.request_id
        self._calls[context.request_id] = _Call(request, span, record)
        while len(self._calls) > MAX_OPEN_CALLS:
            self._calls.popitem(last=False)
        return data

    async def _embedding_inputs(self, data: dict[str, Any], user_api_key_dict: Any) -> dict[str, Any] | None:
        """Embedding inputs are checked like prompts; token arrays cannot be, so they are refused."""
        inputs = data.get("input")
        if inputs is None:
            return None
        texts = [inputs] if isinstance(inputs, str) else inputs
        if not isinstance(texts, list) or not all(isinstance(text, str) for text in texts):
            raise HTTPException(
                400,
                {
                    "error": {
                        "message": explain("embedding.token_input"),
                        "type": "guardrail_blocked",
                        "code": "embedding.token_input",
                    }
                },
            )
        context = self._context(_headers(data), user_api_key_dict)
        params = _client_params(data, ("model", "input"))
        try:
            verdict, checked, checked_params = await anyio.to_thread.run_sync(
                functools.partial(
                    self.guard.check_texts, texts, context, params, passthrough=_extras(params, EMBEDDING_PARAMS)
                )
            )
        except RequestError as error:
            raise _invalid(error) from None
        record: dict[str, Any] = {
            "path": "litellm-proxy/embeddings",
            "model": data.get("model"),
            "tenant": context.tenant,
            "request_id": context.request_id,
        }
        note_call(record, context)
        note_verdict(record, "input", verdict)
        record.update(status=_status(verdict) if verdict.blocked else 200)
        self.records.write(record)
        if verdict.blocked:
            raise _refusal(verdict, context, "input")
        data["input"] = checked[0] if isinstance(inputs, str) else checked
        _scrub_logged_request(data, "input", data["input"])
        _put_params(data, checked_params)
        return data

    def _context(self, headers: Mapping[str, str], user_api_key_dict: Any) -> CallContext:
        """The call's context from guardrail's headers, read as the proxy reads them; a
        bad header or use case is the client's 400.

        As in guardrail's proxy, the key decides the use cases: a LiteLLM key's metadata
        may say ``guardrail: {use_case: ..., allowed_use_cases: [...]}``; asking for
        another is a 403, so a client cannot lower its own risk tier. Pseudonyms are kept
        per key (LiteLLM's hashed token) within the tenant."""
        binding = _key_binding(user_api_key_dict)
        try:
            requested = option_header(headers, USE_CASE_HEADER)
            default = binding.get("use_case") or self.guard.policy.policy.default_use_case
            allowed = binding.get("allowed_use_cases") or [default]
            if requested and binding and requested not in allowed:
                raise HTTPException(
                    403,
                    {
                        "error": {
                            "message": f"this API key may not use the use case {requested!r}",
                            "type": "permission_error",
                            "code": "use_case_not_allowed",
                            "param": "use_case",
                        }
                    },
                )
            return self.guard.context(
                use_case=requested or binding.get("use_case"),
                tenant=_tenant(user_api_key_dict),
                conversation_id=option_header(headers, CONVERSATION_HEADER),
                opted_out=bool(opt_out_header(headers, OPT_OUT_HEADER)),
                principal=str(getattr(user_api_key_dict, "api_key", None) or "")[:16],
            )
        except GuardrailError as error:
            raise _invalid(error) from None

    async def async_post_call_success_hook(self, data: dict[str, Any], user_api_key_dict: Any, response: Any) -> Any:
        call = self._pop(data)
        if call is None or not hasattr(response, "choices"):
            return None
        model = str(data.get("model"))
        hidden = dict(getattr(response, "_hidden_params", None) or {})
        generator = _generator(model, getattr(response, "model", None), hidden.get("custom_llm_provider"))
        guarded = await anyio.to_thread.run_sync(
            self.guard.guard_response, response.model_dump(), call.request, generator, self.attributor
        )
        note_verdict(call.record, "output", guarded.verdict)
        self.tracing.record_checks(call.span, Stage.OUTPUT, guarded.verdict, call.request.context)
        if guarded.verdict.blocked:
            self._finish(call, status=_status(guarded.verdict), error=guarded.verdict.reason, response=guarded.response)
            raise _refusal(guarded.verdict, call.request.context, "output")
        import litellm

        result = litellm.ModelResponse(**guarded.response)
        if guarded.attribution is not None:
            setattr(result, FIELD, guarded.attribution.as_field())
            note_attribution(call.record, guarded.attribution)
            extra = dict(hidden.get("additional_headers") or {})
            hidden["additional_headers"] = {**extra, HEADER: guarded.attribution.jws}
        result._hidden_params = hidden
        call.record["restored"] = guarded.restored
        if not self._finish(call, status=200, response=guarded.response) and self.guard.refuses_unaudited(
            call.request.context
        ):
            # The answer could not be recorded, and this call may not go unrecorded.
            raise _refusal(UNAUDITED, call.request.context, "output")
        return result

    async def async_post_call_streaming_iterator_hook(
        self, user_api_key_dict: Any, response: Any, request_data: dict[str, Any]
    ) -> AsyncGenerator[Any, None]:
        call = self._pop(request_data)
        if call is None:
            async for chunk in response:
                yield chunk
            return
        stream_guard = self.guard.stream(call.request, self.attributor)
        outcome, error = "client_disconnected", None
        provider = getattr(response, "custom_llm_provider", None)
        try:
            async for chunk in _astream(
                response, stream_guard, call.request.context, str(request_data.get("model")), provider
            ):
                if FIELD in (chunk.model_extra or {}):
                    note_attribution(call.record, _attribution_of(chunk))
                    # LiteLLM drops chunks without choices as usage artefacts unless marked.
                    chunk.provider_specific_fields = {"guardrail": "attribution"}
                yield chunk
            outcome = "completed"
        except BlockedError as blocked:
            outcome, error = "blocked", blocked.code
            raise _refusal_from(blocked) from None
        finally:
            for verdict in stream_guard.verdicts:
                note_verdict(call.record, "output", verdict)
                self.tracing.record_checks(call.span, Stage.OUTPUT, verdict, call.request.context)
            call.record["stream_outcome"] = outcome
            self._finish(
                call, status=200, error=error if outcome != "completed" else None, response=stream_guard.envelope
            )

    async def async_post_call_failure_hook(
        self,
        request_data: dict[str, Any],
        original_exception: Exception,
        user_api_key_dict: Any,
        traceback_str: str | None = None,
    ) -> None:
        call = self._pop(request_data)
        if call is not None:
            call.record["upstream_error"] = type(original_exception).__name__
            self._finish(
                call, status=int(getattr(original_exception, "status_code", 502) or 502), error="upstream_error"
            )

    def _pop(self, data: Mapping[str, Any]) -> _Call | None:
        request_id = (data.get("metadata") or {}).get("guardrail_request_id")
        return self._calls.pop(str(request_id), None) if request_id else None

    def _finish(
        self, call: _Call, *, status: int, error: str | None = None, response: Mapping[str, Any] | None = None
    ) -> bool:
        return self._close(call.span, call.record, call.started, status=status, error=error, response=response)

    def _close(
        self,
        span: Span,
        record: dict[str, Any],
        started: float,
        *,
        status: int,
        error: str | None = None,
        response: Mapping[str, Any] | None = None,
    ) -> bool:
        """End a call's span and write its record; ``False`` if it was not written."""
        record.update(status=status, duration_ms=round((time.perf_counter() - started) * 1000, 2))
        if error:
            record["error"] = error
        self.tracing.end_call(span, status=status, response=response, error_type=error)
        return self.records.write(record)


def _headers(data: Mapping[str, Any]) -> dict[str, str]:
    request = data.get("proxy_server_request") or {}
    headers = request.get("headers") or {}
    return {str(key).lower(): str(value) for key, value in headers.items()}


def _key_binding(user_api_key_dict: Any) -> dict[str, Any]:
    """The ``guardrail`` entry of a LiteLLM key's metadata: its use case and the use cases
    its calls may ask for (none: any, as LiteLLM keys had before)."""
    metadata = getattr(user_api_key_dict, "metadata", None)
    binding = metadata.get("guardrail") if isinstance(metadata, Mapping) else None
    return dict(binding) if isinstance(binding, Mapping) else {}


def _tenant(user_api_key_dict: Any) -> str:
    for attribute in ("team_id", "key_alias", "user_id"):
        value = getattr(user_api_key_dict, attribute, None)
        if value:
            return str(value)
    return "default"


def _scrub_logged_request(data: dict[str, Any], field: str, redacted: Any) -> None:
    """LiteLLM keeps the raw request body for its own loggers: keep the redacted one."""
    body = (data.get("proxy_server_request") or {}).get("body")
    if isinstance(body, dict) and field in body:
        body[field] = redacted


# What LiteLLM's proxy keeps in ``data`` for itself and never sends to a model: its own
# request metadata (the client's ``metadata`` merged with key details and headers), its
# call id, the logged copy of the body and its logging objects.
LITELLM_OWNED = frozenset({"metadata", "litellm_metadata", "proxy_server_request", "secret_fields"})


def _client_params(data: Mapping[str, Any], envelope: tuple[str, ...]) -> dict[str, Any]:
    """The request's parameters besides the envelope and what LiteLLM keeps for itself."""
    return {
        name: value
        for name, value in data.items()
        if name not in envelope and name not in LITELLM_OWNED and not name.startswith("litellm_")
    }


def _extras(params: Mapping[str, Any], table: Mapping[str, Any] = CHAT_PARAMS) -> set[str]:
    """Client fields outside OpenAI's table (LiteLLM's options, provider extras): checked
    as free-form JSON, since LiteLLM may pass them on."""
    return set(params) - set(table)


def _put_params(data: dict[str, Any], checked: Mapping[str, Any]) -> None:
    """Write the checked parameters back where LiteLLM reads them, and into the copy of
    the body it keeps for its loggers."""
    for name, value in checked.items():
        data[name] = value
        _scrub_logged_request(data, name, value)


def _invalid(error: GuardrailError) -> HTTPException:
    return HTTPException(
        400,
        {
            "error": {
                "message": str(error),
                "type": "invalid_request_error",
                "code": getattr(error, "code", "invalid_request"),
                "param": getattr(error, "param", None),
            }
        },
    )


def _status(verdict: Verdict) -> int:
    return refusal_status(verdict.reason)


def _refusal(verdict: Verdict, context: CallContext, stage: str) -> HTTPException:
    """The proxy's refusal (status, type, code), as LiteLLM raises errors."""
    code = verdict.reason or "blocked"
    return HTTPException(
        _status(verdict),
        {
            "error": {
                "message": explain(verdict.reason),
                "type": refusal_type(verdict.reason),
                "code": code,
                "param": stage,
                "request_id": context.request_id,
            }
        },
    )


def _refusal_from(blocked: BlockedError) -> HTTPException:
    return HTTPException(
        refusal_status(blocked.code),
        {
            "error": {
                "message": blocked.reason,
                "type": refusal_type(blocked.code),
                "code": blocked.code,
                "param": blocked.stage,
                "request_id": blocked.request_id,
            }
        },
    )


def _attribution_of(chunk: Any) -> Any:
    from guardrail.attribution import Attribution

    field_value = (chunk.model_extra or {})[FIELD]
    return Attribution(field_value["manifest"], field_value["jws"])
