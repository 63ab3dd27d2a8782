"""What every API served as a translation to and from a chat completion does the same way.

The Messages API (:mod:`.messages_api`) and the Responses API (:mod:`.responses_api`)
differ in their shapes, not in how they are served: the same envelope (``model``,
``stream``, guardrail's options) around fields their own table validates, the same
refusal of what guardrail cannot see, the same guarded chat call in the middle, and the
same reading of a guarded stream of chat chunks. That part lives here once, so a fix to
it (a passthrough rule, a refusal's code, a chunk field) reaches both APIs; each API
module keeps only its own shapes and names.
"""

from __future__ import annotations

import contextlib
import json
from abc import ABC, abstractmethod
from collections.abc import AsyncIterator, Callable, Collection, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel, ConfigDict, Field
from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from guardrail.adapters.proxy.auth import Caller
from guardrail.adapters.proxy.errors import ProxyError
from guardrail.adapters.proxy.projection import ProjectedUpstream, Projection
from guardrail.adapters.proxy.requests import GuardrailOptions, validate_body
from guardrail.adapters.proxy.state import Proxy
from guardrail.adapters.proxy.surfaces import as_proxy_error
from guardrail.attribution.manifest import FIELD
from guardrail.core.chat import Message
from guardrail.core.responses_fields import Refusal
from guardrail.runtime import Guard
from guardrail.runtime.call import Answer, CallRequest
from guardrail.runtime.upstream import ModelUpstream

Chunk = dict[str, Any]
# An API request's own fields as chat-completion messages, parameters, and where in the
# request each message came from (so an error can name the client's field).
ChatTranslation = tuple[Sequence[Message], dict[str, Any], list[str]]


class ApiEnvelope(BaseModel):
    """The envelope; every other field is the API's own table's to validate."""

    model_config = ConfigDict(extra="allow", strict=True)

    model: str = Field(min_length=1)
    stream: bool = False
    guardrail: GuardrailOptions = Field(default_factory=GuardrailOptions)


@dataclass(frozen=True, slots=True)
class Translation:
    """A request read as a guarded chat call: ``body`` is the API's own fields (without
    the envelope and the passthrough fields), ``origins`` where each message came from."""

    guard: Guard
    call: CallRequest
    body: dict[str, Any]
    origins: list[str]


async def translate_call(
    request: Request,
    proxy: Proxy,
    caller: Caller,
    request_id: str,
    *,
    table: Collection[str],
    to_chat: Callable[[Mapping[str, Any]], ChatTranslation],
    unlisted: Collection[str] = (),
) -> Translation:
    """The guarded chat call a request asks for. ``table`` names the API's fields;
    fields the operator lets through by name (and the API's table does not know) go on
    as they are, checked as free-form JSON. ``unlisted`` names the chat parameters the
    translation may write that OpenAI's table does not know (numbers, no text to check):
    they pass when the translation wrote them."""
    envelope = validate_body(ApiEnvelope, await proxy.body(request))
    body = dict(envelope.model_extra or {})
    proxy.known_model(envelope.model)
    passthrough = frozenset(proxy.config.passthrough_params) - set(table)
    extra = {name: body.pop(name) for name in list(body) if name in passthrough}
    messages, params, origins = to_chat(body)
    guard, context = proxy.context(request, caller, envelope.guardrail, request_id)
    call = CallRequest(
        path=request.url.path,
        model=envelope.model,
        context=context,
        messages=messages,
        params={**params, **extra},
        stream=envelope.stream,
        passthrough=passthrough | {name for name in unlisted if name in params},
    )
    return Translation(guard, call, body, origins)


def projected_upstream(upstream: ModelUpstream, projection: Projection) -> ModelUpstream:
    """``upstream`` answering only in what the API carries, its streams with usage (the
    API's closing event reports it)."""
    return ProjectedUpstream(upstream, projection, stream_params={"stream_options": {"include_usage": True}})


def first_choice(response: Mapping[str, Any]) -> tuple[Mapping[str, Any], Mapping[str, Any]]:
    """A (projected) chat completion's one choice and its message."""
    choice = (response.get("choices") or [{}])[0]
    return choice, choice.get("message") or {}


def signed_response(body: dict[str, Any], answer: Answer) -> Response:
    """The API's answer ``body``, with the call's signed manifest and headers."""
    if answer.attribution is not None:
        body[FIELD] = answer.attribution.as_field()
    return JSONResponse(body, headers=answer.headers)


# -- refusing what guardrail cannot see ----------------------------------------------


def refuse_fields(body: Mapping[str, Any], refused: Mapping[str, Refusal]) -> None:
    """A :class:`ProxyError` with the field's own code for a refused field that holds
    anything but a harmless value."""
    for name, refusal in refused.items():
        if name in body and body[name] not in refusal.harmless:
            raise ProxyError(400, "invalid_request_error", refusal.code, f"{name}: {refusal.reason}", param=name)


def refuse_types(
    entries: Any, where: str, unsupported: Callable[[Any], bool], code: str, reason: Callable[[str], str]
) -> None:
    """A :class:`ProxyError` (``code``, naming ``where[i].type``) for the first entry
    of the list ``entries`` whose ``type`` is ``unsupported``; ``reason`` says why,
    given the type. Anything else is left to the table's validation."""
    for position, entry in enumerate(entries if isinstance(entries, list) else []):
        if isinstance(entry, Mapping) and unsupported(entry.get("type")):
            at = f"{where}[{position}]"
            raise ProxyError(
                400, "invalid_request_error", code, f"{at}: {reason(str(entry['type']))}", param=f"{at}.type"
            )


def text_parts(parts: Sequence[Mapping[str, Any]], where: str, text_type: str, what: str) -> list[dict[str, Any]]:
    """A tool's output given as parts, as chat text parts: a chat tool message holds
    nothing but text, so a part of any type but ``text_type`` is refused (``what``
    names the output in the message)."""
    out = []
    for position, part in enumerate(parts):
        if part.get("type") != text_type:
            raise ProxyError(
                400,
                "invalid_request_error",
                "unsupported_tool_output",
                f"{where}[{position}]: {what} that is not text cannot be sent as a chat completion",
                param=f"{where}[{position}].type",
            )
        out.append({"type": "text", "text": part["text"]})
    return out


# -- chat parameters -----------------------------------------------------------------


def present(**fields: Any) -> dict[str, Any]:
    """The fields that are not ``None``."""
    return {name: value for name, value in fields.items() if value is not None}


def function_tool(name: str, description: Any, parameters: Any, strict: Any = None) -> dict[str, Any]:
    """A chat-completion function tool, without the parts the request left out."""
    return {
        "type": "function",
        "function": present(name=name, description=description, parameters=parameters, strict=strict),
    }


def named_tool_choice(name: str) -> dict[str, Any]:
    """A chat ``tool_choice`` that forces the function ``name``."""
    return {"type": "function", "function": {"name": name}}


# -- streams -------------------------------------------------------------------------


def named_event(kind: str, data: Mapping[str, Any]) -> str:
    """A server-sent event with an event name, as both APIs' SDKs parse them."""
    return f"event: {kind}\ndata: {json.dumps(data, ensure_ascii=False)}\n\n"


class EventWriter(ABC):
    """A guarded stream of chat chunks as an API's events. :meth:`feed` reads every
    chunk the same way (the manifest, the model, usage, text, tool calls, the finish
    reason); the API writes its events for text, a tool call, and the ends."""

    def __init__(self, request_id: str) -> None:
        self.request_id = request_id
        self.answer_model: str | None = None  # the model the chunks name
        self.usage: Any = None
        self.finish_reason: str | None = None
        self.attribution: Any = None  # the signed manifest, from the last chunk

    def feed(self, chunk: Mapping[str, Any]) -> list[str]:
        """The events one chunk makes."""
        out: list[str] = []
        if chunk.get(FIELD) is not None:
            self.attribution = chunk[FIELD]
        if chunk.get("model"):
            self.answer_model = str(chunk["model"])
        if chunk.get("usage") is not None:
            self.usage = chunk["usage"]
        for choice in chunk.get("choices") or []:
            delta = choice.get("delta") or {}
            if delta.get("content"):
                out += self.text(str(delta["content"]))
            for call in delta.get("tool_calls") or []:
                out += self.end_text()
                out += self.tool_call(call)
            if choice.get("finish_reason") is not None:
                self.finish_reason = choice["finish_reason"]
        return out

    @abstractmethod
    def start(self) -> list[str]:
        """The opening events."""

    @abstractmethod
    def text(self, text: str) -> list[str]:
        """The events for a piece of text (opening the text first if need be)."""

    @abstractmethod
    def end_text(self) -> list[str]:
        """The events closing open text, if any."""

    @abstractmethod
    def tool_call(self, call: Mapping[str, Any]) -> list[str]:
        """The events for one whole (checked) tool call."""

    @abstractmethod
    def finish(self) -> list[str]:
        """The closing events, once the stream's manifest is signed."""

    @abstractmethod
    def error(self, failure: ProxyError) -> str:
        """An error event in place of the rest of the stream."""


async def write_events(chunks: AsyncIterator[Chunk], writer: EventWriter) -> AsyncIterator[str]:
    """``chunks`` as ``writer``'s events; a refusal or failure mid-stream becomes its
    error event in place of the rest."""
    async with contextlib.aclosing(chunks):  # type: ignore[type-var]  # an async generator
        try:
            for event in writer.start():
                yield event
            async for chunk in chunks:
                for event in writer.feed(chunk):
                    yield event
            for event in writer.finish():
                yield event
        except Exception as error:  # noqa: BLE001 - every failure becomes an error event
            yield writer.error(as_proxy_error(error))
