"""Anthropic's Messages API (``POST /v1/messages``) as a translation to and from a chat completion.

A request is validated against :mod:`guardrail.core.messages_fields`, refused where it
needs what guardrail cannot see (server tools, MCP servers, extended thinking), and
translated into chat-completion messages and parameters: ``system`` becomes a system
message; text, image and document blocks content parts (images and PDFs as data URLs
or file ids, which the guard refuses as ``unchecked_content`` unless the policy allows
unchecked parts; a text document's text is checked as text); ``tool_use`` blocks an
assistant's tool calls; ``tool_result`` blocks tool messages; thinking blocks are
dropped; custom tools, ``tool_choice``, ``stop_sequences``, ``metadata.user_id`` and the
sampling parameters their chat equivalents. The guarded call checks that request,
calls any provider through LiteLLM, and its answer (projected first:
:mod:`.projection`; tool-call arguments become the JSON object ``input`` holds) comes
back as a ``message``, or as the Messages API's events (``message_start`` ...
``message_stop``), the manifest in the ``message_delta`` and ``message_stop``
events' ``guardrail_attribution`` field. Errors are Anthropic's ``{"type": "error", "error":
{...}}``, with guardrail's stable ``code`` inside.
"""

from __future__ import annotations

import json
from collections.abc import AsyncIterator, Mapping
from typing import Any

from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from guardrail.adapters.proxy.api_translation import (
    EventWriter,
    first_choice,
    function_tool,
    named_event,
    named_tool_choice,
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
from guardrail.attribution.content import from_messages_answer, message_text
from guardrail.attribution.manifest import FIELD
from guardrail.core.chat import Message
from guardrail.core.messages_fields import MESSAGES_FIELDS, REFUSED, REQUEST, UNSUPPORTED_BLOCKS
from guardrail.core.shapes import validate
from guardrail.runtime import Guard
from guardrail.runtime.call import Answer, CallRequest
from guardrail.runtime.upstream import ModelUpstream

Chunk = dict[str, Any]
STREAM_ATTRIBUTION = "message_stop"  # where a stream's manifest is (x-guardrail-attribution)


# -- what a chat answer becomes, and reads back as -----------------------------------

_STOP_REASONS = {"length": "max_tokens", "content_filter": "refusal", "tool_calls": "tool_use"}


def stop_reason(finish: str | None, calls: bool) -> str | None:
    """A chat finish reason as a message's ``stop_reason``."""
    if finish is None:
        return None
    return _STOP_REASONS.get(finish) or ("tool_use" if calls else "end_turn")


def tool_input(arguments: str) -> dict[str, Any]:
    """Tool-call arguments as the object a ``tool_use`` block's ``input`` holds: the
    JSON object they are, ``{}`` when empty, else ``{"arguments": <the text>}`` (a
    model's arguments that are not a JSON object are kept, not dropped)."""
    if not arguments.strip():
        return {}
    try:
        parsed = json.loads(arguments)
    except ValueError:
        parsed = None
    return parsed if isinstance(parsed, dict) else {"arguments": arguments}


def _read_back_finish(finish: str | None, calls: bool) -> str | None:
    stub = {"type": "tool_use", "id": "c", "name": "f", "input": {}}
    message = {"content": [stub] if calls else [], "stop_reason": stop_reason(finish, calls)}
    return from_messages_answer(message)[0].finish_reason


def _read_back_arguments(arguments: str) -> str:
    stub = {"type": "tool_use", "id": "c", "name": "f", "input": tool_input(arguments)}
    return from_messages_answer({"content": [stub], "stop_reason": "tool_use"})[0].tool_calls[0][1]


PROJECTION = Projection(finish=_read_back_finish, arguments=_read_back_arguments)

# Anthropic's error types by status (guardrail's own code goes in ``error.code``).
_ERROR_TYPES = {
    400: "invalid_request_error",
    401: "authentication_error",
    403: "permission_error",
    404: "not_found_error",
    413: "request_too_large",
    429: "rate_limit_error",
    504: "timeout_error",
}


def error_body(failure: ProxyError, request_id: str | None) -> dict[str, Any]:
    kind = _ERROR_TYPES.get(failure.status, "api_error" if failure.status >= 500 else "invalid_request_error")
    error = {"type": kind, "message": str(failure), "code": failure.code, "param": failure.param}
    body: dict[str, Any] = {"type": "error", "error": error}
    if request_id:
        body["request_id"] = request_id
    return body


class MessagesApi:
    """The Messages API surface (one instance per request)."""

    stream_attribution = STREAM_ATTRIBUTION

    def __init__(self) -> None:
        self.model = ""
        self.origins: list[str] = []

    def upstream(self, upstream: ModelUpstream) -> ModelUpstream:
        return projected_upstream(upstream, PROJECTION)

    async def translate(
        self, request: Request, proxy: Proxy, caller: Caller, request_id: str
    ) -> tuple[Guard, CallRequest]:
        # top_k: a number, no text to check; not in OpenAI's table
        translation = await translate_call(
            request, proxy, caller, request_id, table=MESSAGES_FIELDS, to_chat=chat_request, unlisted=("top_k",)
        )
        self.model, self.origins = translation.call.model, translation.origins
        return translation.guard, translation.call

    def answer(self, answer: Answer, request_id: str) -> Response:
        response = answer.response
        choice, message = first_choice(response)
        calls = message.get("tool_calls") or []
        body = {
            "id": "msg_" + request_id,
            "type": "message",
            "role": "assistant",
            "model": str(response.get("model") or self.model),
            "content": _blocks(message_text(message.get("content")), calls),
            "stop_reason": stop_reason(choice.get("finish_reason"), bool(calls)),
            "stop_sequence": None,
            "usage": _usage(response.get("usage")),
        }
        return signed_response(body, answer)

    def events(self, chunks: AsyncIterator[Chunk], request_id: str) -> AsyncIterator[str]:
        return write_events(chunks, _Stream(self.model, request_id))

    def error(self, failure: ProxyError, request_id: str) -> Response:
        failure = relocated(failure, self.origins, PARAM_NAMES)
        return JSONResponse(error_body(failure, request_id), status_code=failure.status)


# -- the request ---------------------------------------------------------------------


def chat_request(body: Mapping[str, Any]) -> tuple[list[Message], dict[str, Any], list[str]]:
    """The chat-completion messages and parameters a Messages request asks for, and
    where each message came from (for errors)."""
    refuse_unsupported(body)
    validate(REQUEST, body)
    messages: list[Message] = []
    origins: list[str] = []
    system = body.get("system")
    if isinstance(system, str):
        messages.append({"role": "system", "content": system})
    elif system:
        messages.append({"role": "system", "content": [{"type": "text", "text": b["text"]} for b in system]})
    origins += ["system"] * len(messages)
    for position, message in enumerate(body["messages"]):
        where = f"messages[{position}].content"
        before = len(messages)
        if message["role"] == "assistant":
            messages.append(_assistant(message["content"], where))
        else:
            messages += _user(message["content"], where)
        origins += [f"messages[{position}]"] * (len(messages) - before)
    return messages, _params(body), origins


# Chat parameters by the Messages API's names, for errors.
PARAM_NAMES = {
    "stop": "stop_sequences",
    "user": "metadata.user_id",
    "tools": "tools",
    "tool_choice": "tool_choice",
    "max_tokens": "max_tokens",
}


def refuse_unsupported(body: Mapping[str, Any]) -> None:
    """Refuse the fields, tools and blocks guardrail cannot serve, each with its own code."""
    refuse_fields(body, REFUSED)
    refuse_types(
        body.get("tools"),
        "tools",
        lambda kind: kind not in ("custom", None),
        "unsupported_tool",
        lambda kind: (
            f"a server tool ({kind}) runs at the provider, where the checks cannot see what it reads "
            "or returns; only custom tools are served"
        ),
    )
    for position, message in enumerate(body.get("messages") or []):
        refuse_types(
            message.get("content") if isinstance(message, Mapping) else None,
            f"messages[{position}].content",
            lambda kind: kind in UNSUPPORTED_BLOCKS,
            "unsupported_content_block",
            lambda kind: f"a {kind} block comes from tools guardrail cannot see",
        )


def _assistant(content: Any, where: str) -> Message:
    if isinstance(content, str):
        return {"role": "assistant", "content": content}
    for index, block in enumerate(content):
        if block["type"] not in ("text", "tool_use", "thinking", "redacted_thinking"):
            raise invalid(
                f"{where}[{index}]: an assistant turn holds text, tool_use and thinking blocks, not {block['type']}",
                param=f"{where}[{index}].type",
            )
    texts = [block["text"] for block in content if block["type"] == "text"]
    message: dict[str, Any] = {"role": "assistant", "content": "".join(texts) if texts else None}
    calls = [
        {
            "id": block["id"],
            "type": "function",
            "function": {"name": block["name"], "arguments": json.dumps(block["input"], ensure_ascii=False)},
        }
        for block in content
        if block["type"] == "tool_use"
    ]
    if calls:
        message["tool_calls"] = calls
    return message  # thinking blocks: dropped


def _user(content: Any, where: str) -> list[Message]:
    """A user turn: its tool results first, as tool messages, then the rest."""
    if isinstance(content, str):
        return [{"role": "user", "content": content}]
    out: list[Message] = []
    parts: list[dict[str, Any]] = []
    for index, block in enumerate(content):
        at = f"{where}[{index}]"
        if block["type"] == "tool_result":
            out.append({"role": "tool", "tool_call_id": block["tool_use_id"], "content": _tool_result(block, at)})
        elif block["type"] in ("text", "image", "document"):
            parts += _parts(block, at)
    if parts:
        out.append({"role": "user", "content": parts})
    return out


def _parts(block: Mapping[str, Any], where: str) -> list[dict[str, Any]]:
    kind = block["type"]
    if kind == "text":
        return [{"type": "text", "text": block["text"]}]
    source = block["source"]
    if kind == "image":
        if source["type"] == "base64":
            url = f"data:{source['media_type']};base64,{source['data']}"
            return [{"type": "image_url", "image_url": {"url": url}}]
        if source["type"] == "url":
            return [{"type": "image_url", "image_url": {"url": source["url"]}}]
        return [{"type": "file", "file": {"file_id": source["file_id"]}}]
    # a document: its title and context are text the model reads too
    texts = [{"type": "text", "text": block[name]} for name in ("title", "context") if block.get(name)]
    if source["type"] == "text":
        return [*texts, {"type": "text", "text": source["data"]}]
    if source["type"] == "base64":
        data = f"data:{source.get('media_type') or 'application/pdf'};base64,{source['data']}"
        return [*texts, {"type": "file", "file": {"file_data": data}}]
    if source["type"] == "file":
        return [*texts, {"type": "file", "file": {"file_id": source["file_id"]}}]
    raise ProxyError(
        400,
        "invalid_request_error",
        "unsupported_content",
        f"{where}.source: a document by URL cannot be sent as a chat completion; send it as base64, text or a file",
        param=f"{where}.source.type",
    )


def _tool_result(block: Mapping[str, Any], where: str) -> Any:
    content = block.get("content")
    if content is None or isinstance(content, str):
        return content or ""
    return text_parts(content, f"{where}.content", "text", "a tool result")


def _params(body: Mapping[str, Any]) -> dict[str, Any]:
    params: dict[str, Any] = {"max_tokens": body["max_tokens"]}
    tools = [
        function_tool(tool["name"], tool.get("description"), tool.get("input_schema"))
        for tool in body.get("tools") or []
    ]
    if tools:
        params["tools"] = tools
    choice = body.get("tool_choice")
    if choice is not None:
        kind = choice["type"]
        params["tool_choice"] = (
            named_tool_choice(choice["name"])
            if kind == "tool"
            else {"auto": "auto", "any": "required", "none": "none"}[kind]
        )
        if choice.get("disable_parallel_tool_use") and tools:
            params["parallel_tool_calls"] = False
    if body.get("stop_sequences"):
        params["stop"] = list(body["stop_sequences"])
    user = (body.get("metadata") or {}).get("user_id")
    if user is not None:
        params["user"] = user
    for name in ("temperature", "top_p", "top_k"):
        if body.get(name) is not None:
            params[name] = body[name]
    return params


# -- the answer ----------------------------------------------------------------------


def _blocks(text: str, calls: list[Mapping[str, Any]]) -> list[dict[str, Any]]:
    blocks: list[dict[str, Any]] = [{"type": "text", "text": text}] if text else []
    for call in calls:
        function = call.get("function") or {}
        blocks.append(
            {
                "type": "tool_use",
                "id": call.get("id"),
                "name": function.get("name"),
                "input": tool_input(str(function.get("arguments") or "")),
            }
        )
    return blocks


def _usage(usage: Any) -> dict[str, int]:
    usage = usage if isinstance(usage, Mapping) else {}
    return {
        "input_tokens": int(usage.get("prompt_tokens") or 0),
        "output_tokens": int(usage.get("completion_tokens") or 0),
    }


class _Stream(EventWriter):
    """A guarded stream of chat chunks as the Messages API's events."""

    def __init__(self, model: str, request_id: str) -> None:
        super().__init__(request_id)
        self.model = model
        self.blocks = 0  # content blocks started
        self.text_open = False
        self.calls = False

    def start(self) -> list[str]:
        message: dict[str, Any] = {
            "id": "msg_" + self.request_id,
            "type": "message",
            "role": "assistant",
            "model": self.model,
            "content": [],
            "stop_reason": None,
            "stop_sequence": None,
            "usage": {"input_tokens": 0, "output_tokens": 0},
        }
        return [
            named_event("message_start", {"type": "message_start", "message": message}),
            named_event("ping", {"type": "ping"}),
        ]

    def finish(self) -> list[str]:
        """The closing events, once the stream's manifest is signed: it rides on
        ``message_stop`` and on ``message_delta`` too, since the SDK's
        ``messages.stream()`` helper passes ``message_delta`` on as sent but rebuilds
        ``message_stop`` without it."""
        out = self.end_text()
        signed = {FIELD: self.attribution} if self.attribution is not None else {}
        delta = {"stop_reason": stop_reason(self.finish_reason, self.calls), "stop_sequence": None}
        closing = {"type": "message_delta", "delta": delta, "usage": _usage(self.usage), **signed}
        out.append(named_event("message_delta", closing))
        out.append(named_event("message_stop", {"type": "message_stop", **signed}))
        return out

    def error(self, failure: ProxyError) -> str:
        return named_event("error", error_body(failure, self.request_id))

    def text(self, text: str) -> list[str]:
        out = []
        if not self.text_open:
            self.text_open = True
            block = {"type": "text", "text": ""}
            out.append(
                named_event(
                    "content_block_start", {"type": "content_block_start", "index": self.blocks, "content_block": block}
                )
            )
        delta = {"type": "text_delta", "text": text}
        out.append(
            named_event("content_block_delta", {"type": "content_block_delta", "index": self.blocks, "delta": delta})
        )
        return out

    def end_text(self) -> list[str]:
        if not self.text_open:
            return []
        self.text_open = False
        self.blocks += 1
        return [named_event("content_block_stop", {"type": "content_block_stop", "index": self.blocks - 1})]

    def tool_call(self, call: Mapping[str, Any]) -> list[str]:
        function = call.get("function") or {}
        index = self.blocks
        self.blocks += 1
        self.calls = True
        block: dict[str, Any] = {"type": "tool_use", "id": call.get("id"), "name": function.get("name"), "input": {}}
        arguments = json.dumps(tool_input(str(function.get("arguments") or "")), ensure_ascii=False)
        delta = {"type": "input_json_delta", "partial_json": arguments}
        return [
            named_event("content_block_start", {"type": "content_block_start", "index": index, "content_block": block}),
            named_event("content_block_delta", {"type": "content_block_delta", "index": index, "delta": delta}),
            named_event("content_block_stop", {"type": "content_block_stop", "index": index}),
        ]
