"""Every piece of text in an OpenAI-style chat payload, found and replaced in one walk.

Peers miss text in tool messages, content-part lists and tool-call arguments
(ANCHORS.md). This walker visits all of it, in a fixed order, so that a check can
first collect every text, analyse them together, then put results back:

- ``content`` as a string, or as a list of parts (``text`` and ``refusal`` parts);
- ``name`` on any message (kept within OpenAI's ``[A-Za-z0-9_-]{1,64}``);
- ``tool_calls[].function.arguments`` and legacy ``function_call.arguments``: JSON
  strings whose string leaves are visited one by one and re-serialised, so the
  arguments stay valid JSON; arguments that are not JSON are visited whole.

Messages are never mutated: a changed message is a shallow copy with new fields.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

Message = Mapping[str, Any]


class SlotKind(StrEnum):
    """What kind of field a text came from; rewriting rules differ per kind."""

    CONTENT = "content"
    NAME = "name"
    ARGUMENT = "argument"


@dataclass(frozen=True, slots=True)
class TextSlot:
    """One text in the payload and where it lives."""

    location: str
    text: str
    kind: SlotKind


Rewrite = Callable[[TextSlot], str]

_NAME_DISALLOWED = re.compile(r"[^A-Za-z0-9_-]")


def collect_texts(messages: Sequence[Message]) -> list[TextSlot]:
    """All texts in ``messages``, in walk order."""
    slots: list[TextSlot] = []

    def record(slot: TextSlot) -> str:
        slots.append(slot)
        return slot.text

    map_texts(messages, record)
    return slots


def message_role(messages: Sequence[Message], slot: TextSlot) -> str:
    """The role of the message ``slot`` (from :func:`collect_texts` on ``messages``) is in."""
    index = int(slot.location[len("messages[") : slot.location.index("]")])
    role = messages[index].get("role")
    return role if isinstance(role, str) else ""


def replace_texts(messages: Sequence[Message], new_texts: Sequence[str]) -> list[Message]:
    """``messages`` with the i-th text of :func:`collect_texts` replaced by ``new_texts[i]``."""
    remaining = iter(new_texts)
    return map_texts(messages, lambda _slot: next(remaining))


def map_texts(messages: Sequence[Message], rewrite: Rewrite) -> list[Message]:
    """Apply ``rewrite`` to every text; unchanged messages are returned as they were."""
    return [_map_message(message, f"messages[{i}]", rewrite) for i, message in enumerate(messages)]


def _map_message(message: Message, where: str, rewrite: Rewrite) -> Message:
    changes: dict[str, Any] = {}
    content = message.get("content")
    if isinstance(content, str):
        new = rewrite(TextSlot(f"{where}.content", content, SlotKind.CONTENT))
        if new != content:
            changes["content"] = new
    elif isinstance(content, list):
        new_parts = _map_parts(content, f"{where}.content", rewrite)
        if new_parts is not content:
            changes["content"] = new_parts
    name = message.get("name")
    if isinstance(name, str):
        new_name = rewrite(TextSlot(f"{where}.name", name, SlotKind.NAME))
        if new_name != name:
            changes["name"] = _safe_name(new_name)
    tool_calls = message.get("tool_calls")
    if isinstance(tool_calls, list):
        new_calls = _map_tool_calls(tool_calls, f"{where}.tool_calls", rewrite)
        if new_calls is not tool_calls:
            changes["tool_calls"] = new_calls
    function_call = message.get("function_call")
    if isinstance(function_call, Mapping):
        new_call = _map_function(function_call, f"{where}.function_call", rewrite)
        if new_call is not function_call:
            changes["function_call"] = new_call
    return {**message, **changes} if changes else message


def _map_parts(parts: list[Any], where: str, rewrite: Rewrite) -> list[Any]:
    result: list[Any] = []
    changed = False
    for i, part in enumerate(parts):
        key = _text_key(part)
        if key is None:
            result.append(part)
            continue
        text = part[key]
        new = rewrite(TextSlot(f"{where}[{i}].{key}", text, SlotKind.CONTENT))
        changed |= new != text
        result.append({**part, key: new} if new != text else part)
    return result if changed else parts


def _text_key(part: Any) -> str | None:
    if not isinstance(part, Mapping):
        return None
    for key in ("text", "refusal"):
        if isinstance(part.get(key), str):
            return key
    return None


def _map_tool_calls(calls: list[Any], where: str, rewrite: Rewrite) -> list[Any]:
    result: list[Any] = []
    changed = False
    for i, call in enumerate(calls):
        function = call.get("function") if isinstance(call, Mapping) else None
        if not isinstance(function, Mapping):
            result.append(call)
            continue
        new_function = _map_function(function, f"{where}[{i}].function", rewrite)
        if new_function is function:
            result.append(call)
        else:
            changed = True
            result.append({**call, "function": new_function})
    return result if changed else calls


def _map_function(function: Mapping[str, Any], where: str, rewrite: Rewrite) -> Mapping[str, Any]:
    arguments = function.get("arguments")
    if not isinstance(arguments, str):
        return function
    new_arguments = map_json_strings(arguments, f"{where}.arguments", rewrite)
    return {**function, "arguments": new_arguments} if new_arguments != arguments else function


def map_json_strings(document: str, where: str, rewrite: Rewrite) -> str:
    """Rewrite the string leaves of a JSON document, keeping it valid JSON.

    Keys are left alone: they are schema, not data. A document that is not valid
    JSON (a truncated stream, say) is rewritten as one text, so it is still checked.
    """
    try:
        parsed = json.loads(document)
    except ValueError:
        return rewrite(TextSlot(where, document, SlotKind.ARGUMENT))
    changed = False

    def walk(node: Any, path: str) -> Any:
        nonlocal changed
        if isinstance(node, str):
            new = rewrite(TextSlot(where + path, node, SlotKind.ARGUMENT))
            changed |= new != node
            return new
        if isinstance(node, list):
            return [walk(item, f"{path}[{i}]") for i, item in enumerate(node)]
        if isinstance(node, dict):
            return {key: walk(value, f"{path}.{key}") for key, value in node.items()}
        return node

    rewritten = walk(parsed, "$")
    return json.dumps(rewritten, ensure_ascii=False) if changed else document


def _safe_name(name: str) -> str:
    """Keep a rewritten ``name`` inside the character set OpenAI accepts."""
    return _NAME_DISALLOWED.sub("_", name)[:64] or "_"
