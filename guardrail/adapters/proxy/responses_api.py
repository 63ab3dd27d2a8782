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

import json
import time
from collections.abc import AsyncIterator, Mapping
from typing import Any

from starlette.requests import Request
from starlette.responses import Response

from guardrail.adapters.proxy.api_translation import (
    EventWriter,
    first_choice,
    function_tool,
    named_event,
    named_tool_choice,
    present,
    projected_upstream,
    refuse_fields,
    refuse_types,
    signed_response,
    text_parts,
    translate_call,
    write_events,
)
from guardrail.adapters.proxy.auth import Caller
from guardrail.adapters.proxy.errors import ProxyError, invalid
from guardrail.adapters.proxy.projection import Projection
from guardrail.adapters.proxy.state import Proxy
from guardrail.adapters.proxy.surfaces import relocated
from guardrail.attribution.content import from_responses_answer, message_text
from guardrail.attribution.manifest import FIELD
from guardrail.core.responses_fields import REFUSED, REQUEST, RESPONSES_FIELDS, UNSUPPORTED_ITEMS, UNSUPPORTED_TOOLS
from guardrail.core.shapes import validate
from guardrail.runtime import Guard
from guardrail.runtime.call import Answer, CallRequest
from guardrail.runtime.upstream import ModelUpstream

Chunk = dict[str, Any]
STREAM_ATTRIBUTION = "response.completed"  # where a stream's manifest is (x-guardrail-attribution)


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
        return projected_upstream(upstream, PROJECTION)

    async def translate(
        self, request: Request, proxy: Proxy, caller: Caller, request_id: str
    ) -> tuple[Guard, CallRequest]:
        translation = await translate_call(
            request, proxy, caller, request_id, table=RESPONSES_FIELDS, to_chat=chat_request
        )
        self.body, self.model, self.origins = translation.body, translation.call.model, translation.origins
        return translation.guard, translation.call

    def answer(self, answer: Answer, request_id: str) -> Response:
        response = answer.response
        choice, message = first_choice(response)
        output = _output(message, request_id)
        body = self.response_object(request_id, output, choice.get("finish_reason"), response)
        return signed_response(body, answer)

    def events(self, chunks: AsyncIterator[Chunk], request_id: str) -> AsyncIterator[str]:
        return write_events(chunks, _Stream(self, request_id))

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
    refuse_fields(body, REFUSED)
    refuse_types(
        body.get("tools"),
        "tools",
        lambda kind: kind in UNSUPPORTED_TOOLS,
        "unsupported_tool",
        lambda kind: (
            f"a {kind} tool runs at the provider, where the checks cannot see what it reads or returns; "
            "only function tools are served"
        ),
    )
    refuse_types(
        body.get("input"),
        "input",
        lambda kind: kind in UNSUPPORTED_ITEMS,
        "unsupported_input_item",
        lambda kind: f"a {kind} item refers to state or tools guardrail cannot see",
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
        content = (
            output if isinstance(output, str) else text_parts(output, f"{where}.output", "input_text", "a tool output")
        )
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
            return {"type": "image_url", "image_url": present(url=part["image_url"], detail=part.get("detail"))}
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
        file = present(file_data=part.get("file_data"), file_id=part.get("file_id"), filename=part.get("filename"))
        if not file.keys() & {"file_data", "file_id"}:
            raise invalid(f"{where}: an input_file needs file_data or file_id", param=where)
        return {"type": "file", "file": file}
    return {"type": "input_audio", "input_audio": dict(part["input_audio"])}


def _params(body: Mapping[str, Any]) -> dict[str, Any]:
    params: dict[str, Any] = {}
    tools = [
        function_tool(tool["name"], tool.get("description"), tool.get("parameters"), tool.get("strict"))
        for tool in body.get("tools") or []
    ]
    if tools:
        params["tools"] = tools
    choice = body.get("tool_choice")
    if isinstance(choice, Mapping):
        params["tool_choice"] = named_tool_choice(choice["name"])
    elif choice is not None:
        params["tool_choice"] = choice
    text = body.get("text") or {}
    form = text.get("format") or {}
    if form.get("type") == "json_object":
        params["response_format"] = {"type": "json_object"}
    elif form.get("type") == "json_schema":
        schema = present(
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


class _Stream(EventWriter):
    """A guarded stream of chat chunks as the Responses API's events."""

    def __init__(self, surface: ResponsesApi, request_id: str) -> None:
        super().__init__(request_id)
        self.surface = surface
        self.sequence = 0
        self.output: list[dict[str, Any]] = []
        self.open_text: str | None = None  # the open message item's text
        self.calls = 0

    def event(self, kind: str, **fields: Any) -> str:
        data = {"type": kind, "sequence_number": self.sequence, **fields}
        self.sequence += 1
        return named_event(kind, data)

    def start(self) -> list[str]:
        return [
            self.event(kind, response=self.surface.response_object(self.request_id, [], "", {}))
            for kind in ("response.created", "response.in_progress")
        ]

    def finish(self) -> list[str]:
        out = self.end_text()
        answer = {"model": self.answer_model, "usage": self.usage}  # the envelope and usage, for the final response
        response = self.surface.response_object(self.request_id, self.output, self.finish_reason, answer)
        if self.attribution is not None:
            response[FIELD] = self.attribution
        kind = "response.completed" if response["status"] == "completed" else "response.incomplete"
        return [*out, self.event(kind, response=response)]

    def error(self, failure: ProxyError) -> str:
        """An error event: OpenAI's SDK raises on its ``error`` object; event-driven
        clients read its code and message."""
        error = failure.body(self.request_id)["error"]
        return self.event("error", code=failure.code, message=str(failure), param=failure.param, error=error)

    def _where(self) -> dict[str, Any]:
        return {"item_id": "msg_" + self.request_id, "output_index": len(self.output), "content_index": 0}

    def text(self, text: str) -> list[str]:
        out = []
        if self.open_text is None:
            self.open_text = ""
            item = _message_item(self.request_id, None, "in_progress")
            out.append(self.event("response.output_item.added", output_index=len(self.output), item=item))
            part = {"type": "output_text", "text": "", "annotations": [], "logprobs": []}
            out.append(self.event("response.content_part.added", **self._where(), part=part))
        self.open_text += text
        out.append(self.event("response.output_text.delta", **self._where(), delta=text, logprobs=[]))
        return out

    def end_text(self) -> list[str]:
        if self.open_text is None:
            return []
        where, text = self._where(), self.open_text
        item = _message_item(self.request_id, text, "completed")
        out = [
            self.event("response.output_text.done", **where, text=text, logprobs=[]),
            self.event("response.content_part.done", **where, part=item["content"][0]),
            self.event("response.output_item.done", output_index=where["output_index"], item=item),
        ]
        self.output.append(item)
        self.open_text = None
        return out

    def tool_call(self, call: Mapping[str, Any]) -> list[str]:
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
