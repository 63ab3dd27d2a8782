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
``service_provider``, ``audit_store``, ``telemetry``, ``vault``: the same section as in
guardrail's server config, so several LiteLLM instances can share a Redis vault) or from the environment
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

import os
from collections import OrderedDict
from collections.abc import AsyncGenerator, Mapping
from pathlib import Path
from typing import Any

from fastapi import HTTPException
from litellm.integrations.custom_guardrail import CustomGuardrail
from litellm.types.guardrails import GuardrailEventHooks

from guardrail.adapters.litellm_wrapper import DATA_DIR_ENV, PROVIDER_ENV, plain_chunks
from guardrail.adapters.proxy.requests import (
    CONVERSATION_HEADER,
    OPT_OUT_HEADER,
    USE_CASE_HEADER,
    opt_out_header,
    option_header,
)
from guardrail.adapters.upstream import translate
from guardrail.attribution import Attributor, KeyStore
from guardrail.attribution.manifest import FIELD, HEADER
from guardrail.audit.records import CallRecords, audit_location
from guardrail.core.context import CallContext
from guardrail.core.openai_fields import CHAT_PARAMS, EMBEDDING_PARAMS
from guardrail.errors import BlockedError, GuardrailError, RequestError
from guardrail.pii.vault_stores import VaultSettings, open_vault
from guardrail.policy.loader import DEFAULT_POLICY
from guardrail.runtime import Guard
from guardrail.runtime.call import CallRequest, GuardedCall
from guardrail.runtime.reasons import CALL_STATE_LOST, explain, refusal_status, refusal_type
from guardrail.runtime.sinks import CallServices
from guardrail.telemetry import TelemetrySettings, Tracing

POLICY_ENV = "GUARDRAIL_POLICY"
MAX_OPEN_CALLS = 10_000  # calls between pre_call and their answer; the oldest are dropped past this


class GuardrailPlugin(CustomGuardrail):
    """A LiteLLM ``CustomGuardrail`` that runs a guardrail policy on every chat call."""

    def __init__(
        self,
        policy: str | None = None,
        data_dir: str | None = None,
        service_provider: str | None = None,
        audit_store: str = "folder",
        telemetry: Mapping[str, Any] | None = None,
        vault: Mapping[str, Any] | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(**kwargs)
        folder = Path(data_dir or os.environ.get(DATA_DIR_ENV) or ".guardrail")
        keys = KeyStore(folder / "keys")
        keys.write_jwks(folder / "jwks.json")
        self.attributor = Attributor(keys.active, service_provider or os.environ.get(PROVIDER_ENV) or "guardrail")
        self.guard = Guard.from_policy(
            policy or os.environ.get(POLICY_ENV) or DEFAULT_POLICY,
            attributor=self.attributor,
            vault=open_vault(VaultSettings.model_validate(dict(vault or {}))),
        )
        self.services = CallServices(
            CallRecords(audit_location(folder, audit_store), keys.active),
            Tracing(TelemetrySettings.model_validate(dict(telemetry or {})), default_file=folder / "traces.jsonl"),
            self.attributor,
        )
        self._calls: OrderedDict[str, GuardedCall] = OrderedDict()

    async def async_pre_call_hook(
        self, user_api_key_dict: Any, cache: Any, data: dict[str, Any], call_type: Any
    ) -> dict[str, Any] | None:
        if self.should_run_guardrail(data=data, event_type=GuardrailEventHooks.pre_call) is not True:
            return None
        embeddings = not isinstance(data.get("messages"), list)
        if embeddings and data.get("input") is None:
            return None
        call = self._call(data, user_api_key_dict, embeddings)
        try:
            call.open("litellm")
            guarded = await call.check_input_async()
        except BlockedError as blocked:
            raise _refusal(blocked) from None
        except RequestError as error:
            raise _invalid(error) from None
        if embeddings:
            inputs = [str(message["content"]) for message in guarded.messages]
            data["input"] = inputs[0] if isinstance(data["input"], str) else inputs
            _scrub_logged_request(data, "input", data["input"])
            call.forwarded()  # embeddings have no answer to check: the record is complete
        else:
            data["messages"] = guarded.messages
            _scrub_logged_request(data, "messages", guarded.messages)
            data.setdefault("metadata", {})["guardrail_request_id"] = call.request_id
            self._calls[call.request_id] = call
            while len(self._calls) > MAX_OPEN_CALLS:
                _, lost = self._calls.popitem(last=False)
                lost.abandon(503, CALL_STATE_LOST)  # its answer, if it comes, is refused (see _pop)
        _put_params(data, guarded.params)
        return data

    def _call(self, data: dict[str, Any], user_api_key_dict: Any, embeddings: bool) -> GuardedCall:
        """The request in guardrail's terms: embedding inputs as texts (token arrays
        cannot be checked, so they are refused), every other client field as a parameter."""
        context = self._context(_headers(data), user_api_key_dict)
        if embeddings:
            inputs = data["input"]
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
            params = _client_params(data, ("model", "input"))
            request = CallRequest(
                path="litellm-proxy/embeddings",
                model=str(data.get("model")),
                context=context,
                inputs=texts,
                params=params,
                passthrough=_extras(params, EMBEDDING_PARAMS),
            )
        else:
            params = _client_params(data, ("model", "messages", "stream"))
            request = CallRequest(
                path="litellm-proxy",
                model=str(data.get("model")),
                context=context,
                messages=data["messages"],
                params=params,
                stream=bool(data.get("stream")),
                passthrough=_extras(params),
            )
        return GuardedCall(self.guard, self.services, request, raw_upstream_errors=True)  # LiteLLM renders its own

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
        hidden = dict(getattr(response, "_hidden_params", None) or {})
        try:
            answer = await call.answer_async(response.model_dump(), provider=hidden.get("custom_llm_provider"))
        except BlockedError as blocked:
            raise _refusal(blocked) from None
        import litellm

        result = litellm.ModelResponse(**answer.response)
        if answer.attribution is not None:
            setattr(result, FIELD, answer.attribution.as_field())
            extra = dict(hidden.get("additional_headers") or {})
            hidden["additional_headers"] = {**extra, HEADER: answer.attribution.jws}
        result._hidden_params = hidden
        return result

    async def async_post_call_streaming_iterator_hook(
        self, user_api_key_dict: Any, response: Any, request_data: dict[str, Any]
    ) -> AsyncGenerator[Any, None]:
        call = self._pop(request_data)
        if call is None:
            async for chunk in response:
                yield chunk
            return
        import litellm

        relay = call.relay(translate, provider=getattr(response, "custom_llm_provider", None))
        try:
            async for chunk in relay.run_async(plain_chunks(response)):
                out = litellm.ModelResponseStream(**chunk)
                if FIELD in chunk:
                    # LiteLLM drops chunks without choices as usage artefacts unless marked.
                    out.provider_specific_fields = {"guardrail": "attribution"}
                yield out
        except BlockedError as blocked:
            raise _refusal(blocked) from None

    async def async_post_call_failure_hook(
        self,
        request_data: dict[str, Any],
        original_exception: Exception,
        user_api_key_dict: Any,
        traceback_str: str | None = None,
    ) -> None:
        request_id = (request_data.get("metadata") or {}).get("guardrail_request_id")
        call = self._calls.pop(str(request_id), None) if request_id else None
        if call is not None:
            call.upstream_failed(translate(original_exception))

    def _pop(self, data: Mapping[str, Any]) -> GuardedCall | None:
        """The open call of a request this plugin checked (``None``: it did not check it).
        A checked request whose call is no longer open (more than :data:`MAX_OPEN_CALLS`
        were waiting) gets a refusal, never an answer that skipped the output checks."""
        request_id = (data.get("metadata") or {}).get("guardrail_request_id")
        if not request_id:
            return None
        call = self._calls.pop(str(request_id), None)
        if call is None:
            raise HTTPException(
                503,
                {
                    "error": {
                        "message": explain(CALL_STATE_LOST),
                        "type": "guardrail_unavailable",
                        "code": CALL_STATE_LOST,
                        "request_id": str(request_id),
                    }
                },
            )
        return call


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


def _extras(params: Mapping[str, Any], table: Mapping[str, Any] = CHAT_PARAMS) -> frozenset[str]:
    """Client fields outside OpenAI's table (LiteLLM's options, provider extras): checked
    as free-form JSON, since LiteLLM may pass them on."""
    return frozenset(params) - frozenset(table)


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


def _refusal(blocked: BlockedError) -> HTTPException:
    """The proxy's refusal (status, type, code), as LiteLLM raises errors."""
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
