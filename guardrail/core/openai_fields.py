"""The fields of OpenAI's chat-completion and embedding requests, as a table of shapes.

Every documented field is here, with what it holds: text that the checks read and may
rewrite, an identifier (rewritten within the name charset), free-form JSON (schemas,
arguments, metadata: every key and string leaf is text), content no check can read
(image, audio, file bytes), or no text at all (numbers, flags, fixed values). A field
that is not in the table is refused, not forwarded unread; ``tests/core/test_fields.py``
enumerates the table.

Request parameters belong to no message, so the table gives their texts a role: what
the service provider defines (tools, functions, response formats) reads like a system
prompt, what identifies or steers the caller (``user``, ``stop``, ``metadata``) like a
user message, and a predicted output like an assistant message.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from guardrail.core.shapes import (
    AnyJson,
    Binary,
    Either,
    Enum,
    JsonText,
    Keys,
    ListOf,
    Obj,
    Role,
    Scalar,
    Shape,
    SlotKind,
    Tagged,
    Text,
    Url,
    Walk,
)

TEXT = Text(SlotKind.CONTENT)
FIELD = Text(SlotKind.FIELD)
IDENTIFIER = Text(SlotKind.NAME)
NUMBER = Scalar((int, float))
INTEGER = Scalar((int,))
BOOLEAN = Scalar((bool,))
SCHEMA = AnyJson(SlotKind.FIELD)

_CACHE_CONTROL = Obj({"type": Enum.of("ephemeral"), "ttl": Enum.of("5m", "1h")})
_TEXT_PART = Obj({"type": Enum.of("text"), "text": TEXT, "cache_control": _CACHE_CONTROL}, required=("text",))
_REFUSAL_PART = Obj({"type": Enum.of("refusal"), "refusal": TEXT}, required=("refusal",))
_IMAGE_PART = Obj(
    {
        "type": Enum.of("image_url"),
        "image_url": Obj({"url": Url("image"), "detail": Enum.of("auto", "low", "high")}, required=("url",)),
        "cache_control": _CACHE_CONTROL,
    },
    required=("image_url",),
)
_AUDIO_PART = Obj(
    {
        "type": Enum.of("input_audio"),
        "input_audio": Obj({"data": Binary("audio"), "format": Enum.of("wav", "mp3")}, required=("data",)),
    },
    required=("input_audio",),
)
_FILE_PART = Obj(
    {
        "type": Enum.of("file"),
        "file": Obj({"file_data": Binary("file"), "file_id": IDENTIFIER, "filename": FIELD}),
        "cache_control": _CACHE_CONTROL,
    },
    required=("file",),
)
_PARTS = {
    "text": _TEXT_PART,
    "refusal": _REFUSAL_PART,
    "image_url": _IMAGE_PART,
    "input_audio": _AUDIO_PART,
    "file": _FILE_PART,
}


def _content(*kinds: str) -> Either:
    """A message's content: a string, or a list of the parts its role may send."""
    return Either.of(TEXT, ListOf(Tagged("type", {kind: _PARTS[kind] for kind in kinds})))


FUNCTION_CALL = Obj({"name": IDENTIFIER, "arguments": JsonText()})
TOOL_CALL = Obj({"id": IDENTIFIER, "type": Enum.of("function"), "function": FUNCTION_CALL}, required=("function",))


def _message(role: str, *, required: tuple[str, ...] = (), **fields: Shape) -> Obj:
    return Obj(
        {"role": Enum.of(role), "name": IDENTIFIER, "cache_control": _CACHE_CONTROL, **fields},
        required=("role", *required),
    )


# What each role may send, as OpenAI documents it: only users send images, audio and
# files; only the assistant has refusals and tool calls; a tool answers a call by id.
MESSAGE_BY_ROLE: Mapping[str, Obj] = {
    "system": _message("system", content=_content("text")),
    "developer": _message("developer", content=_content("text")),
    "user": _message("user", content=_content("text", "image_url", "input_audio", "file")),
    "assistant": _message(
        "assistant",
        content=_content("text", "refusal"),
        refusal=TEXT,
        tool_calls=ListOf(TOOL_CALL),
        function_call=FUNCTION_CALL,
    ),
    "tool": _message("tool", required=("tool_call_id",), content=_content("text"), tool_call_id=IDENTIFIER),
    "function": _message("function", required=("name",), content=TEXT),
}
ROLES = tuple(MESSAGE_BY_ROLE)
# Any role's fields: the lenient walk of answers, whose shape varies by provider.
MESSAGE = Obj(
    {name: shape for obj in MESSAGE_BY_ROLE.values() for name, shape in obj.fields.items() if name != "role"}
    | {"role": Enum.of(*ROLES), "content": _content(*_PARTS)},
    required=("role",),
)


class _Message(Shape):
    """A message, validated by its role's table (any role's, walking leniently); its
    texts carry its role."""

    def map(self, value: Any, where: str, walk: Walk) -> Any:
        role = value.get("role") if isinstance(value, Mapping) else None
        shape = MESSAGE_BY_ROLE.get(role, MESSAGE) if isinstance(role, str) and walk.strict else MESSAGE
        return Role(role if isinstance(role, str) else "", shape).map(value, where, walk)

    def fits(self, value: Any) -> bool:
        return isinstance(value, Mapping)


MESSAGES = ListOf(_Message())

_FUNCTION_DEFINITION = Obj(
    {"name": IDENTIFIER, "description": FIELD, "parameters": SCHEMA, "strict": BOOLEAN},
    required=("name",),
)
_FUNCTION_CHOICE = Obj({"type": Enum.of("function"), "function": Obj({"name": IDENTIFIER}, required=("name",))})
_USER_LOCATION = Obj(
    {
        "type": Enum.of("approximate"),
        "approximate": Obj({"city": FIELD, "country": FIELD, "region": FIELD, "timezone": FIELD}),
    }
)

# Provider-defined: tool and function definitions, the answer's format.
_PROVIDER = {
    "tools": ListOf(
        Tagged(
            "type",
            {"function": Obj({"type": Enum.of("function"), "function": _FUNCTION_DEFINITION}, required=("function",))},
        )
    ),
    "functions": ListOf(_FUNCTION_DEFINITION),
    "tool_choice": Either.of(Enum.of("none", "auto", "required"), _FUNCTION_CHOICE),
    "function_call": Either.of(Enum.of("none", "auto"), Obj({"name": IDENTIFIER}, required=("name",))),
    "response_format": Tagged(
        "type",
        {
            "text": Obj({"type": Enum.of("text")}),
            "json_object": Obj({"type": Enum.of("json_object")}),
            "json_schema": Obj(
                {
                    "type": Enum.of("json_schema"),
                    "json_schema": Obj(
                        {"name": IDENTIFIER, "description": FIELD, "schema": SCHEMA, "strict": BOOLEAN},
                        required=("name",),
                    ),
                },
                required=("json_schema",),
            ),
        },
    ),
}
# The caller's: who they are, where they are, what ends the answer, tags.
_CALLER = {
    "user": FIELD,
    "safety_identifier": FIELD,
    "prompt_cache_key": FIELD,
    "stop": Either.of(FIELD, ListOf(FIELD)),
    "metadata": Keys(FIELD),
    "web_search_options": Obj(
        {"search_context_size": Enum.of("low", "medium", "high"), "user_location": _USER_LOCATION}
    ),
}
_NO_TEXT = {
    "frequency_penalty": NUMBER,
    "presence_penalty": NUMBER,
    "temperature": NUMBER,
    "top_p": NUMBER,
    "logit_bias": Keys(NUMBER, key_pattern=re.compile(r"\d{1,10}")),
    "logprobs": BOOLEAN,
    "top_logprobs": INTEGER,
    "max_tokens": INTEGER,
    "max_completion_tokens": INTEGER,
    "n": INTEGER,
    "seed": INTEGER,
    "parallel_tool_calls": BOOLEAN,
    "store": BOOLEAN,
    "stream_options": Obj({"include_usage": BOOLEAN, "include_obfuscation": BOOLEAN}),
    "modalities": ListOf(Enum.of("text", "audio")),
    "reasoning_effort": Enum.of("none", "minimal", "low", "medium", "high"),
    "service_tier": Enum.of("auto", "default", "flex", "scale", "priority"),
    "verbosity": Enum.of("low", "medium", "high"),
}

CHAT_PARAMS: Mapping[str, Shape] = {
    **{name: Role("system", shape) for name, shape in _PROVIDER.items()},
    **{name: Role("user", shape) for name, shape in _CALLER.items()},
    "prediction": Role(
        "assistant", Obj({"type": Enum.of("content"), "content": _content("text")}, required=("content",))
    ),
    **_NO_TEXT,
}
EMBEDDING_PARAMS: Mapping[str, Shape] = {
    "encoding_format": Enum.of("float", "base64"),
    "dimensions": INTEGER,
    "user": Role("user", FIELD),
}
# Parameters the operator lets through by name (``passthrough_params``): read as
# free-form JSON, so their texts are checked too.
PASSTHROUGH = Role("user", AnyJson(SlotKind.FIELD))

# What a lenient walk over a payload's parameters uses: both tables (they agree on
# ``user``); anything else is walked as free-form JSON.
ALL_PARAMS: Mapping[str, Shape] = {**EMBEDDING_PARAMS, **CHAT_PARAMS}


def params_shape(table: Mapping[str, Shape], passthrough: frozenset[str] | set[str] = frozenset()) -> Obj:
    """The shape of a request's parameters: ``table`` plus the operator's passthrough names."""
    return Obj({**{name: PASSTHROUGH for name in passthrough if name not in table}, **table})
