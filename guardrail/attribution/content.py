"""What a manifest's content hash covers, computed the same way everywhere.

Version 2 (``guardrail.attribution.v2``) covers every field of every choice a user
could rely on: per choice in index order, its ``index``, ``finish_reason`` and whole
``message`` (role, content as text or as parts of any type, refusal, annotations,
audio, tool calls with ids, types, names and arguments, and any other field). Every
string is NFC normalised, null and empty values are dropped (an SDK's ``None`` and an
absent field mean the same), tool calls lose the ``index`` streams number them with,
and a C2PA text marker is removed from every string before hashing (the marker
carries the signature, so it cannot be inside what is signed). The choice's
``logprobs`` and the completion's envelope (id, created, usage) are not covered;
the model is named in the manifest itself.

Each choice's text alone (its string content or text parts, marker removed) is also
hashed on its own, ``text_hash``: what a verifier holding only pasted text can check.

Version 1 hashed only each choice's text and tool-call names and arguments;
:func:`content_hash_v1` still computes it, so answers signed before stay verifiable.

The proxy also answers in the shapes of OpenAI's Responses API and Anthropic's Messages
API. Such an answer is one choice: :func:`from_responses_answer` and
:func:`from_messages_answer` read it back as the chat-completion choice it was signed as
(its text, its tool calls with ids, names and arguments, and its finish reason), and
the proxy signs exactly that reading of what it sends (it projects the model's answer
through it first), so the hash covers the text, tool calls and ending the client
received. :func:`answer_content` picks the reader by the document's shape.
"""

from __future__ import annotations

import hashlib
import json
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from guardrail.attribution import text_marker
from guardrail.attribution.strict_json import MalformedDocument


@dataclass
class ChoiceContent:
    """One choice of an answer. ``message`` is the whole message as delivered (for a
    stream, its deltas merged); without it, a message of ``text`` and ``tool_calls``
    (name, arguments) from the assistant is assumed."""

    index: int
    text: str = ""
    tool_calls: list[tuple[str, str]] = field(default_factory=list)
    message: Mapping[str, Any] | None = None
    finish_reason: str | None = None

    def as_message(self) -> Mapping[str, Any]:
        if self.message is not None:
            return self.message
        calls = [{"type": "function", "function": {"name": n, "arguments": a}} for n, a in self.tool_calls]
        return {"role": "assistant", "content": self.text, "tool_calls": calls}


def canonical(choices: Sequence[ChoiceContent]) -> bytes:
    """Version 2's bytes: canonical JSON of every covered field."""
    items = [
        _normalised({"index": c.index, "finish_reason": c.finish_reason, "message": dict(c.as_message())})
        for c in sorted(choices, key=lambda c: c.index)
    ]
    return _json(items)


def content_hash(choices: Sequence[ChoiceContent]) -> str:
    return _sha256(canonical(choices))


def text_hash(text: str) -> str:
    """The hash of one choice's text: SHA-256 of its NFC form, marker removed (the
    ``c2pa.hash.data``-style binding of text)."""
    return _sha256(unicodedata.normalize("NFC", text_marker.strip(text)).encode("utf-8"))


def text_hashes(choices: Sequence[ChoiceContent]) -> list[dict[str, Any]]:
    """Each choice's :func:`text_hash`, for a verifier holding only pasted text."""
    return [
        {"index": c.index, "hash": text_hash(message_text(c.as_message().get("content")))}
        for c in sorted(choices, key=lambda c: c.index)
    ]


def canonical_v1(choices: Sequence[ChoiceContent]) -> bytes:
    items = [
        {
            "index": choice.index,
            "text": _nfc(choice.text),
            "tool_calls": [{"name": _nfc(n), "arguments": _nfc(a)} for n, a in choice.tool_calls],
        }
        for choice in sorted(choices, key=lambda c: c.index)
    ]
    return _json(items)


def content_hash_v1(choices: Sequence[ChoiceContent]) -> str:
    """Version 1's hash (text and tool-call names and arguments only)."""
    return _sha256(canonical_v1(choices))


def from_response(response: Mapping[str, Any]) -> list[ChoiceContent]:
    """The covered content of a chat completion (as JSON); :class:`MalformedDocument`
    when its choices are not shaped as a chat completion's."""
    choices = response.get("choices")
    if choices is None:
        return []
    if not isinstance(choices, list):
        raise MalformedDocument("'choices' must be a list")
    out = []
    for position, choice in enumerate(choices):
        if not isinstance(choice, Mapping):
            raise MalformedDocument(f"choices[{position}] must be an object")
        message = choice.get("message") or {}
        index = choice.get("index", position)
        if not isinstance(message, Mapping) or not isinstance(index, int) or isinstance(index, bool):
            raise MalformedDocument(f"choices[{position}] has no message object or no integer index")
        finish = choice.get("finish_reason")
        out.append(
            ChoiceContent(
                index,
                message_text(message.get("content")),
                _calls(message.get("tool_calls")),
                message,
                finish if isinstance(finish, str) else None,
            )
        )
    return out


def answer_content(document: Mapping[str, Any]) -> list[ChoiceContent]:
    """The covered content of a saved answer of any API the proxy serves: a chat
    completion, a Responses API response (``"object": "response"``) or a Messages API
    message (``"type": "message"``)."""
    if document.get("object") == "response":
        return from_responses_answer(document)
    if document.get("type") == "message":
        return from_messages_answer(document)
    return from_response(document)


# A Responses API answer's ending as a chat completion's finish reason.
_INCOMPLETE_FINISH = {"max_output_tokens": "length", "content_filter": "content_filter"}


def from_responses_answer(response: Mapping[str, Any]) -> list[ChoiceContent]:
    """A Responses API answer as the one chat-completion choice it was signed as: its
    ``output_text`` (and ``refusal``) parts joined, its ``function_call`` items as tool
    calls (``call_id`` as the id), and its status as the finish reason (``completed``:
    ``stop``, or ``tool_calls`` when it calls tools; ``incomplete``: ``length`` or
    ``content_filter`` by its reason, else none)."""
    output = response.get("output")
    if not isinstance(output, list):
        raise MalformedDocument("a response's 'output' must be a list")
    texts: list[str] = []
    calls: list[dict[str, Any]] = []
    for position, item in enumerate(output):
        if not isinstance(item, Mapping):
            raise MalformedDocument(f"output[{position}] must be an object")
        if item.get("type") == "message":
            for part in item.get("content") or []:
                if isinstance(part, Mapping) and part.get("type") in ("output_text", "refusal"):
                    texts.append(str(part.get("text") or part.get("refusal") or ""))
        elif item.get("type") == "function_call":
            calls.append(_call(item.get("call_id"), item.get("name"), item.get("arguments")))
    status = response.get("status")
    details = response.get("incomplete_details")
    reason = details.get("reason") if isinstance(details, Mapping) else None
    if status == "completed":
        finish: str | None = "tool_calls" if calls else "stop"
    else:
        finish = _INCOMPLETE_FINISH.get(str(reason)) if status == "incomplete" else None
    return [_one_choice("".join(texts), calls, finish)]


# A Messages API answer's stop reason as a chat completion's finish reason.
_STOP_FINISH = {
    "end_turn": "stop",
    "stop_sequence": "stop",
    "pause_turn": "stop",
    "max_tokens": "length",
    "tool_use": "tool_calls",
    "refusal": "content_filter",
}


def from_messages_answer(message: Mapping[str, Any]) -> list[ChoiceContent]:
    """A Messages API answer as the one chat-completion choice it was signed as: its
    text blocks joined, its ``tool_use`` blocks as tool calls (``input`` as JSON text,
    ``json.dumps(input, ensure_ascii=False)``), its stop reason as the finish reason."""
    content = message.get("content")
    if not isinstance(content, list):
        raise MalformedDocument("a message's 'content' must be a list")
    texts: list[str] = []
    calls: list[dict[str, Any]] = []
    for position, block in enumerate(content):
        if not isinstance(block, Mapping):
            raise MalformedDocument(f"content[{position}] must be an object")
        if block.get("type") == "text":
            texts.append(str(block.get("text") or ""))
        elif block.get("type") == "tool_use":
            arguments = json.dumps(block.get("input") or {}, ensure_ascii=False)
            calls.append(_call(block.get("id"), block.get("name"), arguments))
    stop = message.get("stop_reason")
    return [_one_choice("".join(texts), calls, _STOP_FINISH.get(stop, "stop") if isinstance(stop, str) else None)]


def _call(call_id: Any, name: Any, arguments: Any) -> dict[str, Any]:
    if not all(isinstance(value, str) for value in (call_id, name, arguments)):
        raise MalformedDocument("a tool call needs a string id, name and arguments")
    return {"id": call_id, "type": "function", "function": {"name": name, "arguments": arguments}}


def _one_choice(text: str, calls: list[dict[str, Any]], finish: str | None) -> ChoiceContent:
    message: dict[str, Any] = {"role": "assistant", "content": text}
    if calls:
        message["tool_calls"] = calls
    return ChoiceContent(0, text, _calls(calls), message, finish)


def from_chunks(chunks: Sequence[Mapping[str, Any]]) -> list[ChoiceContent]:
    """The covered content of a stream, from its chunks as sent (what a client that
    kept the chunks verifies)."""
    messages: dict[int, dict[str, Any]] = {}
    finishes: dict[int, str | None] = {}
    for chunk in chunks:
        for choice in chunk.get("choices") or []:
            index = int(choice.get("index", 0))
            merge_delta(messages.setdefault(index, {}), choice.get("delta") or {})
            if choice.get("finish_reason") is not None:
                finishes[index] = choice["finish_reason"]
    return [
        ChoiceContent(i, message_text(m.get("content")), _calls(m.get("tool_calls")), m, finishes.get(i))
        for i, m in sorted(messages.items())
    ]


def merge_delta(message: dict[str, Any], delta: Mapping[str, Any]) -> None:
    """Fold one streamed delta into the message it builds, as OpenAI's SDK does:
    strings concatenate (identifiers and roles are replaced), objects merge, lists of
    indexed items merge by index, other lists extend."""
    for key, value in delta.items():
        if value is None or key == _MANIFEST:  # the proxy's copy of the manifest (for LiteLLM)
            continue
        current = message.get(key)
        if key in ("role", "id", "type", "index") or current is None:
            message[key] = _copy(value)
        elif isinstance(current, str) and isinstance(value, str):
            message[key] = current + value
        elif isinstance(current, dict) and isinstance(value, Mapping):
            merge_delta(current, value)
        elif isinstance(current, list) and isinstance(value, list):
            _merge_list(current, value)
        else:
            message[key] = _copy(value)


# The manifest's field (guardrail.attribution.manifest.FIELD, which imports this module).
_MANIFEST = "guardrail_attribution"


def message_text(content: Any) -> str:
    """A message's text, whether a string or a list of text parts."""
    if isinstance(content, str):
        return content
    if isinstance(content, list):
        return "".join(str(part.get("text", "")) for part in content if isinstance(part, Mapping))
    return ""


def _merge_list(current: list[Any], items: list[Any]) -> None:
    for item in items:
        if isinstance(item, Mapping) and isinstance(item.get("index"), int):
            existing = next((c for c in current if isinstance(c, dict) and c.get("index") == item["index"]), None)
            if existing is not None:
                merge_delta(existing, item)
                continue
        current.append(_copy(item))


def _copy(value: Any) -> Any:
    if isinstance(value, Mapping):
        return {k: _copy(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_copy(v) for v in value]
    return value


def _calls(calls: Any) -> list[tuple[str, str]]:
    if not isinstance(calls, list):
        return []
    out = []
    for call in calls:
        function = call.get("function") if isinstance(call, Mapping) else None
        if isinstance(function, Mapping):
            out.append((str(function.get("name") or ""), str(function.get("arguments") or "")))
    return out


def _normalised(value: Any, key: str = "") -> Any:
    if isinstance(value, str):
        return _nfc(text_marker.strip(value))
    if isinstance(value, Mapping):
        out = {}
        for name, item in value.items():
            if key == "tool_calls" and name == "index":
                continue
            normal = _normalised(item, str(name))
            if normal is not None and normal not in ("", [], {}):
                out[_nfc(str(name))] = normal
        return out
    if isinstance(value, list | tuple):
        return [_normalised(item, key) for item in value]
    if isinstance(value, bool | int | float) or value is None:
        return value
    raise MalformedDocument(f"a {type(value).__name__} is not JSON")


def _json(items: Any) -> bytes:
    try:
        return json.dumps(items, ensure_ascii=False, sort_keys=True, separators=(",", ":"), allow_nan=False).encode(
            "utf-8"
        )
    except UnicodeEncodeError:
        raise MalformedDocument("the content holds a lone surrogate (not Unicode text)") from None
    except ValueError as error:
        raise MalformedDocument(str(error)) from None


def _sha256(data: bytes) -> str:
    return "sha256:" + hashlib.sha256(data).hexdigest()


def _nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)
