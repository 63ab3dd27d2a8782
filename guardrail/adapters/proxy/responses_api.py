"""OpenAI's Responses API (``POST /v1/responses``) as a translation to and from a chat completion.

A request is validated against :mod:`guardrail.core.responses_fields`, refused where it
needs what guardrail cannot see (a stored response, conversation or prompt, a hosted
tool), and translated into chat-completion messages and parameters: ``instructions``
become a system message, message items messages, ``function_call`` items an
assistant's tool calls, ``function_call_output`` items tool messages, ``reasoning``
items are dropped, function tools, ``tool_choice``, ``text.format`` and the sampling
parameters their chat equivalents. The guarded call checks that chat request field by
field, calls any provider through LiteLLM, and its answer (projected first:
:mod:`.projection`) comes back as a ``response`` object, or as the Responses API's
server-sent events (``response.created`` ... ``response.completed``), the manifest in
the final response's ``guardrail_attribution`` field.
"""

from __future__ import annotations

import contextlib
import json
import time
from collections.abc import AsyncIterator, Mapping
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError
from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from guardrail.adapters.proxy.auth import Caller
from guardrail.adapters.proxy.errors import ProxyError, invalid
from guardrail.adapters.proxy.projection import ProjectedUpstream, Projection
from guardrail.adapters.proxy.requests import GuardrailOptions
from guardrail.adapters.proxy.state import Proxy
from guardrail.adapters.proxy.surfaces import as_proxy_error, relocated
from guardrail.attribution.content import from_responses_answer, message_text
from guardrail.attribution.manifest import FIELD
from guardrail.core.responses_fields import REFUSED, REQUEST, RESPONSES_FIELDS, UNSUPPORTED_ITEMS, UNSUPPORTED_TOOLS
from guardrail.core.shapes import validate
from guardrail.runtime import Guard
from guardrail.runtime.call import Answer, CallRequest
from guardrail.runtime.upstream import ModelUpstream
from guardrail.yamlfile import dotted

Chunk = dict[str, Any]
STREAM_ATTRIBUTION = "response.completed"  # where a stream's manifest is (x-guardrail-attribution)


class ResponsesRequest(BaseModel):
    """The envelope; every other field is the table's (:mod:`guardrail.core.responses_fields`)."""

    model_config = ConfigDict(extra="allow", strict=True)

    model: str = Field(min_length=1)
    stream: bool = False
    guardrail: GuardrailOptions = Field(default_factory=GuardrailOptions)


def _status(finish: str | None) -> tuple[str, dict[str, str] | None]:
    """A chat finish reason as a response's status and ``incomplete_details``."""
    if finish == "length":
        return "incomplete", {"reason": "max_output_tokens"}
    if finish == "content_filter":
        return "incomplete", {"reason": "content_filter"}
    if finish is None:
        return "incomplete", None
    return "completed", None


def _read_back_finish(finish: str | None, calls: bool) -> str | None:
    """The finish reason a response written for ``finish`` reads back as."""
    status, details = _status(finish)
    stub = {"type": "function_call", "call_id": "c", "name": "f", "arguments": "{}"}
    read = from_responses_answer({"output": [stub] if calls else [], "status": status, "incomplete_details": details})
    return read[0].finish_reason


PROJECTION = Projection(finish=_read_back_finish)


class ResponsesApi:
    """The Responses API surface (one instance per request: it keeps the request's
    echoed fields for the answer)."""

    stream_attribution = STREAM_ATTRIBUTION

    def __init__(self) -> None:
        self.body: dict[str, Any] = {}
        self.model = ""
        self.origins: list[str] = []
        self.created = int(time.time())

    def upstream(self, upstream: ModelUpstream) -> ModelUpstream:
        return ProjectedUpstream(upstream, PROJECTION, stream_params={"stream_options": {"include_usage": True}})

    async def translate(
        self, request: Request, proxy: Proxy, caller: Caller, request_id: str
    ) -> tuple[Guard, CallRequest]:
        envelope = _envelope(await proxy.body(request))
        body = dict(envelope.model_extra or {})
        proxy.known_model(envelope.model)
        # Fields the operator lets through by name go on as they are, checked as free-form JSON.
        passthrough = frozenset(proxy.config.passthrough_params) - set(RESPONSES_FIELDS)
        extra = {name: body.pop(name) for name in list(body) if name in passthrough}
        messages, params, self.origins = chat_request(body)
        self.body, self.model = body, envelope.model
        guard, context = proxy.context(request, caller, envelope.guardrail, request_id)
        return guard, CallRequest(
            path=request.url.path,
            model=envelope.model,
            context=context,
            messages=messages,
            params={**params, **extra},
            stream=envelope.stream,
            passthrough=passthrough,
        )

    def answer(self, answer: Answer, request_id: str) -> Response:
        response = answer.response
        choice = (response.get("choices") or [{}])[0]
        message = choice.get("message") or {}
        output = _output(message, request_id)
        body = self.response_object(request_id, output, choice.get("finish_reason"), response)
        if answer.attribution is not None:
            body[FIELD] = answer.attribution.as_field()
        return JSONResponse(body, headers=answer.headers)

    async def events(self, chunks: AsyncIterator[Chunk], request_id: str) -> AsyncIterator[str]:
        stream = _Stream(self, request_id)
        async with contextlib.aclosing(chunks):  # type: ignore[type-var]  # an async generator
            try:
                yield stream.event("response.created", response=self.response_object(request_id, [], "", {}))
                yield stream.event("response.in_progress", response=self.response_object(request_id, [], "", {}))
                async for chunk in chunks:
                    for event in stream.feed(chunk):
                        yield event
                for event in stream.finish():
                    yield event
            except Exception as error:  # noqa: BLE001 - every failure becomes an error event
                yield stream.error(as_proxy_error(error), request_id)

    def error(self, failure: ProxyError, request_id: str) -> Response:
        return relocated(failure, self.origins, PARAM_NAMES).response(request_id)

    def response_object(
        self, request_id: str, output: list[dict[str, Any]], finish: str | None, answer: Mapping[str, Any]
    ) -> dict[str, Any]:
        """A ``response`` object; ``finish`` ``""`` means still in progress."""
        status, details = ("in_progress", None) if finish == "" else _status(finish)
        body = self.body
        return {
            "id": "resp_" + request_id,
            "object": "response",
            "created_at": self.created,
            "status": status,
            "error": None,
            "incomplete_details": details,
            "instructions": body.get("instructions"),
            "max_output_tokens": body.get("max_output_tokens"),
            "model": str(answer.get("model") or self.model),
            "output": output,
            "parallel_tool_calls": body.get("parallel_tool_calls", True),
            "previous_response_id": None,
            "reasoning": {"effort": (body.get("reasoning") or {}).get("effort"), "summary": None},
            "store": False,  # guardrail keeps no responses
            "temperature": body.get("temperature"),
            "text": body.get("text") or {"format": {"type": "text"}},
            "tool_choice": body.get("tool_choice", "auto"),
            "tools": body.get("tools") or [],
            "top_p": body.get("top_p"),
            "truncation": "disabled",
            "usage": _usage(answer.get("usage")),
            "metadata": body.get("metadata") or {},
        }


def _envelope(body: dict[str, Any]) -> ResponsesRequest:
    try:
        return ResponsesRequest.model_validate(body)
    except ValidationError as error:
        problem = error.errors(include_url=False, include_input=False)[0]
        location = dotted(tuple(problem["loc"]))
        raise invalid(f"{location}: {problem['msg']}", param=location or None) from None


# -- the request ---------------------------------------------------------------------


def chat_request(body: Mapping[str, Any]) -> tuple[list[dict[str, Any]], dict[str, Any], list[str]]:
    """The chat-completion messages and parameters a Responses request asks for, and
    where each message came from (for errors); a :class:`ProxyError` or
    :class:`~guardrail.core.shapes.ShapeError` for one that cannot be served (see the
    module docstring)."""
    refuse_unsupported(body)
    validate(REQUEST, body)
    messages: list[dict[str, Any]] = []
    origins: list[str] = []
    if body.get("instructions") is not None:
        messages.append({"role": "system", "content": body["instructions"]})
        origins.append("instructions")
    given = body["input"]
    if isinstance(given, str):
        messages.append({"role": "user", "content": given})
        origins.append("input")
    else:
        for position, item in enumerate(given):
            before = len(messages)
            _add_item(messages, item, f"input[{position}]")
            origins += [f"input[{position}]"] * (len(messages) - before)
    if not messages:
        raise invalid("input: no message to send", param="input")
    return messages, _params(body), origins


# Chat parameters by the Responses API's names, for errors.
PARAM_NAMES = {
    "max_tokens": "max_output_tokens",
    "response_format": "text.format",
    "verbosity": "text.verbosity",
    "reasoning_effort": "reasoning.effort",
    "tools": "tools",
    "tool_choice": "tool_choice",
    "metadata": "metadata",
}


def refuse_unsupported(body: Mapping[str, Any]) -> None:
    """Refuse the fields, tools and items guardrail cannot serve, each with its own code."""
    for name, refusal in REFUSED.items():
        if name in body and body[name] not in refusal.harmless:
            raise ProxyError(400, "invalid_request_error", refusal.code, f"{name}: {refusal.reason}", param=name)
    for position, tool in enumerate(body.get("tools") or []):
        if isinstance(tool, Mapping) and tool.get("type") in UNSUPPORTED_TOOLS:
            raise ProxyError(
                400,
                "invalid_request_error",
                "unsupported_tool",
                f"tools[{position}]: a {tool['type']} tool runs at the provider, where the checks cannot see "
                "what it reads or returns; only function tools are served",
                param=f"tools[{position}].type",
            )
    given = body.get("input")
    for position, item in enumerate(given if isinstance(given, list) else []):
        if isinstance(item, Mapping) and item.get("type") in UNSUPPORTED_ITEMS:
            raise ProxyError(
                400,
                "invalid_request_error",
                "unsupported_input_item",
                f"input[{position}]: a {item['type']} item refers to state or tools guardrail cannot see",
                param=f"input[{position}].type",
            )


def _add_item(messages: list[dict[str, Any]], item: Mapping[str, Any], where: str) -> None:
    kind = item.get("type", "message")
    if kind == "message":
        messages.append({"role": item["role"], "content": _content(item["content"], f"{where}.content")})
    elif kind == "function_call":
        arguments = item["arguments"]
        text = arguments if isinstance(arguments, str) else json.dumps(arguments, ensure_ascii=False)
        call = {"id": item["call_id"], "type": "function", "function": {"name": item["name"], "arguments": text}}
        last = messages[-1] if messages else None
        if last is not None and last.get("role") == "assistant":
            last.setdefault("tool_calls", []).append(call)  # parallel calls: one assistant message
        else:
            messages.append({"role": "assistant", "content": None, "tool_calls": [call]})
    elif kind == "function_call_output":
        output = item["output"]
        content = output if isinstance(output, str) else _tool_output(output, f"{where}.output")
        messages.append({"role": "tool", "tool_call_id": item["call_id"], "content": content})
    # ``reasoning``: dropped (a chat completion cannot take it back).


def _content(content: Any, where: str) -> Any:
    if isinstance(content, str):
        return content
    return [_part(part, f"{where}[{position}]") for position, part in enumerate(content)]


def _part(part: Mapping[str, Any], where: str) -> dict[str, Any]:
    kind = part["type"]
    if kind in ("input_text", "output_text"):
        return {"type": "text", "text": part["text"]}
    if kind == "refusal":
        return {"type": "refusal", "refusal": part["refusal"]}
    if kind == "input_image":
        if part.get("image_url") is not None:
            return {"type": "image_url", "image_url": _present(url=part["image_url"], detail=part.get("detail"))}
        if part.get("file_id") is not None:
            return {"type": "file", "file": {"file_id": part["file_id"]}}
        raise invalid(f"{where}: an input_image needs image_url or file_id", param=where)
    if kind == "input_file":
        if part.get("file_url") is not None:
            raise ProxyError(
                400,
                "invalid_request_error",
                "unsupported_content",
                f"{where}.file_url: a file by URL cannot be sent as a chat completion; send file_data or file_id",
                param=f"{where}.file_url",
            )
        file = _present(file_data=part.get("file_data"), file_id=part.get("file_id"), filename=part.get("filename"))
        if not file.keys() & {"file_data", "file_id"}:
            raise invalid(f"{where}: an input_file needs file_data or file_id", param=where)
        return {"type": "file", "file": file}
    return {"type": "input_audio", "input_audio": dict(part["input_audio"])}


def _tool_output(parts: list[Mapping[str, Any]], where: str) -> list[dict[str, Any]]:
    """A tool output given as parts: text only (a chat tool message holds nothing else)."""
    out = []
    for position, part in enumerate(parts):
        if part.get("type") != "input_text":
            raise ProxyError(
                400,
                "invalid_request_error",
                "unsupported_tool_output",
                f"{where}[{position}]: a tool output that is not text cannot be sent as a chat completion",
                param=f"{where}[{position}].type",
            )
        out.append({"type": "text", "text": part["text"]})
    return out


def _params(body: Mapping[str, Any]) -> dict[str, Any]:
    params: dict[str, Any] = {}
    tools = [
        {
            "type": "function",
            "function": _present(
                name=tool["name"],
                description=tool.get("description"),
                parameters=tool.get("parameters"),
                strict=tool.get("strict"),
            ),
        }
        for tool in body.get("tools") or []
    ]
    if tools:
        params["tools"] = tools
    choice = body.get("tool_choice")
    if isinstance(choice, Mapping):
        params["tool_choice"] = {"type": "function", "function": {"name": choice["name"]}}
    elif choice is not None:
        params["tool_choice"] = choice
    text = body.get("text") or {}
    form = text.get("format") or {}
    if form.get("type") == "json_object":
        params["response_format"] = {"type": "json_object"}
    elif form.get("type") == "json_schema":
        schema = _present(
            name=form["name"], schema=form["schema"], description=form.get("description"), strict=form.get("strict")
        )
        params["response_format"] = {"type": "json_schema", "json_schema": schema}
    if text.get("verbosity") is not None:
        params["verbosity"] = text["verbosity"]
    effort = (body.get("reasoning") or {}).get("effort")
    if effort is not None:
        params["reasoning_effort"] = effort
    if body.get("max_output_tokens") is not None:
        params["max_tokens"] = body["max_output_tokens"]
    for name in (
        "metadata",
        "user",
        "safety_identifier",
        "prompt_cache_key",
        "temperature",
        "top_p",
        "parallel_tool_calls",
        "service_tier",
    ):
        if body.get(name) is not None:
            params[name] = body[name]
    if "parallel_tool_calls" in params and not tools:
        del params["parallel_tool_calls"]  # providers refuse it without tools
    return params


def _present(**fields: Any) -> dict[str, Any]:
    return {name: value for name, value in fields.items() if value is not None}


# -- the answer ----------------------------------------------------------------------


def _output(message: Mapping[str, Any], request_id: str) -> list[dict[str, Any]]:
    """A projected chat message as a response's output items."""
    text = message_text(message.get("content"))
    calls = message.get("tool_calls") or []
    output = []
    if text or not calls:
        output.append(_message_item(request_id, text, "completed"))
    output += [_call_item(request_id, position, call, "completed") for position, call in enumerate(calls)]
    return output


def _message_item(request_id: str, text: str | None, status: str) -> dict[str, Any]:
    content = [] if text is None else [{"type": "output_text", "text": text, "annotations": [], "logprobs": []}]
    return {"id": "msg_" + request_id, "type": "message", "status": status, "role": "assistant", "content": content}


def _call_item(request_id: str, position: int, call: Mapping[str, Any], status: str) -> dict[str, Any]:
    function = call.get("function") or {}
    return {
        "id": f"fc_{position}_{request_id}",
        "type": "function_call",
        "status": status,
        "call_id": call.get("id"),
        "name": function.get("name"),
        "arguments": function.get("arguments") if status == "completed" else "",
    }


def _usage(usage: Any) -> dict[str, Any] | None:
    if not isinstance(usage, Mapping):
        return None
    given, made = int(usage.get("prompt_tokens") or 0), int(usage.get("completion_tokens") or 0)
    return {
        "input_tokens": given,
        "input_tokens_details": {"cached_tokens": 0},
        "output_tokens": made,
        "output_tokens_details": {"reasoning_tokens": 0},
        "total_tokens": int(usage.get("total_tokens") or given + made),
    }


class _Stream:
    """A guarded stream of chat chunks as the Responses API's events."""

    def __init__(self, surface: ResponsesApi, request_id: str) -> None:
        self.surface, self.request_id = surface, request_id
        self.sequence = 0
        self.output: list[dict[str, Any]] = []
        self.text: str | None = None  # the open message item's text
        self.calls = 0
        self.finish_reason: str | None = None
        self.answer: dict[str, Any] = {}  # the envelope and usage, for the final response
        self.attribution: Any = None

    def event(self, kind: str, **fields: Any) -> str:
        data = json.dumps({"type": kind, "sequence_number": self.sequence, **fields}, ensure_ascii=False)
        self.sequence += 1
        return f"event: {kind}\ndata: {data}\n\n"

    def feed(self, chunk: Mapping[str, Any]) -> list[str]:
        out: list[str] = []
        if chunk.get(FIELD) is not None:
            self.attribution = chunk[FIELD]
        if chunk.get("model"):
            self.answer["model"] = chunk["model"]
        if chunk.get("usage") is not None:
            self.answer["usage"] = chunk["usage"]
        for choice in chunk.get("choices") or []:
            delta = choice.get("delta") or {}
            if delta.get("content"):
                out += self._text(str(delta["content"]))
            for call in delta.get("tool_calls") or []:
                out += self._close_message()
                out += self._call(call)
            if choice.get("finish_reason") is not None:
                self.finish_reason = choice["finish_reason"]
        return out

    def finish(self) -> list[str]:
        out = self._close_message()
        response = self.surface.response_object(self.request_id, self.output, self.finish_reason, self.answer)
        if self.attribution is not None:
            response[FIELD] = self.attribution
        kind = "response.completed" if response["status"] == "completed" else "response.incomplete"
        return [*out, self.event(kind, response=response)]

    def error(self, failure: ProxyError, request_id: str) -> str:
        """An error event: OpenAI's SDK raises on its ``error`` object; event-driven
        clients read its code and message."""
        error = failure.body(request_id)["error"]
        return self.event("error", code=failure.code, message=str(failure), param=failure.param, error=error)

    def _where(self) -> dict[str, Any]:
        return {"item_id": "msg_" + self.request_id, "output_index": len(self.output), "content_index": 0}

    def _text(self, text: str) -> list[str]:
        out = []
        if self.text is None:
            self.text = ""
            item = _message_item(self.request_id, None, "in_progress")
            out.append(self.event("response.output_item.added", output_index=len(self.output), item=item))
            part = {"type": "output_text", "text": "", "annotations": [], "logprobs": []}
            out.append(self.event("response.content_part.added", **self._where(), part=part))
        self.text += text
        out.append(self.event("response.output_text.delta", **self._where(), delta=text, logprobs=[]))
        return out

    def _close_message(self) -> list[str]:
        if self.text is None:
            return []
        where, text = self._where(), self.text
        item = _message_item(self.request_id, text, "completed")
        out = [
            self.event("response.output_text.done", **where, text=text, logprobs=[]),
            self.event("response.content_part.done", **where, part=item["content"][0]),
            self.event("response.output_item.done", output_index=where["output_index"], item=item),
        ]
        self.output.append(item)
        self.text = None
        return out

    def _call(self, call: Mapping[str, Any]) -> list[str]:
        index = len(self.output)
        item = _call_item(self.request_id, self.calls, call, "completed")
        self.calls += 1
        arguments = str(item["arguments"] or "")
        where = {"item_id": item["id"], "output_index": index}
        self.output.append(item)
        return [
            self.event(
                "response.output_item.added",
                output_index=index,
                item={**item, "status": "in_progress", "arguments": ""},
            ),
            self.event("response.function_call_arguments.delta", **where, delta=arguments),
            self.event("response.function_call_arguments.done", **where, arguments=arguments, name=item["name"]),
            self.event("response.output_item.done", output_index=index, item=item),
        ]
