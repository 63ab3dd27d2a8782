"""The fields of Anthropic's Messages API request (``POST /v1/messages``), as a table of shapes.

As with :mod:`guardrail.core.responses_fields`, a Messages request is validated against
this table, then translated into a chat completion that the guard checks field by field
(:mod:`guardrail.adapters.proxy.messages_api`). A field the table does not know is
refused (``unknown_parameter``); fields that need state or tools guardrail cannot see
are refused with their own code (:data:`REFUSED`, :data:`UNSUPPORTED_BLOCKS`, and every
server tool, whose ``type`` is anything but ``custom``). Thinking blocks sent back are
validated and dropped: a chat completion cannot take them, and their text never reaches
the model. ``tests/adapters/test_messages_api.py`` enumerates the table.
"""

from __future__ import annotations

from collections.abc import Mapping

from guardrail.core.openai_fields import BOOLEAN, FIELD, IDENTIFIER, INTEGER, NUMBER, SCHEMA, TEXT
from guardrail.core.responses_fields import Refusal
from guardrail.core.shapes import AnyJson, Binary, Either, Enum, ListOf, Obj, Role, Shape, SlotKind, Tagged, Url

CACHE_CONTROL = Obj({"type": Enum.of("ephemeral"), "ttl": Enum.of("5m", "1h")})
# Where an image's or a document's bytes are: an uploaded file, or a URL (of an image or a file).
_FILE_SOURCE = Obj({"type": Enum.of("file"), "file_id": IDENTIFIER}, required=("file_id",))


def _url_source(content: str) -> Obj:
    return Obj({"type": Enum.of("url"), "url": Url(content)}, required=("url",))


TEXT_BLOCK = Obj(
    {
        "type": Enum.of("text"),
        "text": TEXT,
        "cache_control": CACHE_CONTROL,
        # An earlier answer's citations: never forwarded.
        "citations": ListOf(AnyJson(SlotKind.FIELD)),
    },
    required=("text",),
)
IMAGE_BLOCK = Obj(
    {
        "type": Enum.of("image"),
        "source": Tagged(
            "type",
            {
                "base64": Obj(
                    {
                        "type": Enum.of("base64"),
                        "media_type": Enum.of("image/jpeg", "image/png", "image/gif", "image/webp"),
                        "data": Binary("image"),
                    },
                    required=("media_type", "data"),
                ),
                "url": _url_source("image"),
                "file": _FILE_SOURCE,
            },
        ),
        "cache_control": CACHE_CONTROL,
    },
    required=("source",),
)
DOCUMENT_BLOCK = Obj(
    {
        "type": Enum.of("document"),
        "source": Tagged(
            "type",
            {
                "base64": Obj(
                    {"type": Enum.of("base64"), "media_type": Enum.of("application/pdf"), "data": Binary("file")},
                    required=("data",),
                ),
                "text": Obj(
                    {"type": Enum.of("text"), "media_type": Enum.of("text/plain"), "data": TEXT}, required=("data",)
                ),
                "file": _FILE_SOURCE,
                "url": _url_source("file"),
            },
        ),
        "title": FIELD,
        "context": FIELD,
        "citations": Obj({"enabled": BOOLEAN}),
        "cache_control": CACHE_CONTROL,
    },
    required=("source",),
)
TOOL_USE_BLOCK = Obj(
    {
        "type": Enum.of("tool_use"),
        "id": IDENTIFIER,
        "name": IDENTIFIER,
        "input": AnyJson(SlotKind.ARGUMENT),
        "cache_control": CACHE_CONTROL,
        # Who called the tool: the model itself (a code-execution caller is a server tool).
        "caller": Tagged("type", {"direct": Obj({"type": Enum.of("direct")})}),
        "toolset_name": IDENTIFIER,
    },
    required=("id", "name", "input"),
)
TOOL_RESULT_BLOCK = Obj(
    {
        "type": Enum.of("tool_result"),
        "tool_use_id": IDENTIFIER,
        "content": Either.of(TEXT, ListOf(Tagged("type", {"text": TEXT_BLOCK, "image": IMAGE_BLOCK}))),
        "is_error": BOOLEAN,
        "toolset_name": IDENTIFIER,
        "cache_control": CACHE_CONTROL,
    },
    required=("tool_use_id",),
)
THINKING_BLOCK = Obj(
    {"type": Enum.of("thinking"), "thinking": TEXT, "signature": Binary("signature")}, required=("thinking",)
)
REDACTED_THINKING_BLOCK = Obj({"type": Enum.of("redacted_thinking"), "data": Binary("thinking")}, required=("data",))
BLOCKS: Mapping[str, Obj] = {
    "text": TEXT_BLOCK,
    "image": IMAGE_BLOCK,
    "document": DOCUMENT_BLOCK,
    "tool_use": TOOL_USE_BLOCK,
    "tool_result": TOOL_RESULT_BLOCK,
    "thinking": THINKING_BLOCK,
    "redacted_thinking": REDACTED_THINKING_BLOCK,
}
MESSAGE = Obj(
    {"role": Enum.of("user", "assistant"), "content": Either.of(TEXT, ListOf(Tagged("type", BLOCKS)))},
    required=("role", "content"),
)

CUSTOM_TOOL = Obj(
    {
        "type": Enum.of("custom"),
        "name": IDENTIFIER,
        "description": FIELD,
        "input_schema": SCHEMA,
        "cache_control": CACHE_CONTROL,
    },
    required=("name", "input_schema"),
)
_PARALLEL = {"disable_parallel_tool_use": BOOLEAN}
TOOL_CHOICE = Tagged(
    "type",
    {
        "auto": Obj({"type": Enum.of("auto"), **_PARALLEL}),
        "any": Obj({"type": Enum.of("any"), **_PARALLEL}),
        "tool": Obj({"type": Enum.of("tool"), "name": IDENTIFIER, **_PARALLEL}, required=("name",)),
        "none": Obj({"type": Enum.of("none")}),
    },
)

MESSAGES_FIELDS: Mapping[str, Shape] = {
    "messages": ListOf(MESSAGE),
    "system": Role("system", Either.of(TEXT, ListOf(Tagged("type", {"text": TEXT_BLOCK})))),
    "tools": Role("system", ListOf(Tagged("type", {"custom": CUSTOM_TOOL}, default="custom"))),
    "tool_choice": Role("system", TOOL_CHOICE),
    "metadata": Role("user", Obj({"user_id": FIELD})),
    "stop_sequences": Role("user", ListOf(FIELD)),
    "max_tokens": INTEGER,
    "temperature": NUMBER,
    "top_p": NUMBER,
    "top_k": INTEGER,
    "service_tier": Enum.of("auto", "standard_only"),
    "thinking": Tagged(
        "type",
        {
            "enabled": Obj({"type": Enum.of("enabled"), "budget_tokens": INTEGER}, required=("budget_tokens",)),
            "disabled": Obj({"type": Enum.of("disabled")}),
        },
    ),
    "container": AnyJson(SlotKind.FIELD),
    "mcp_servers": AnyJson(SlotKind.FIELD),
    "context_management": AnyJson(SlotKind.FIELD),
}

REFUSED: Mapping[str, Refusal] = {
    "thinking": Refusal(
        "thinking_not_supported",
        "extended thinking returns blocks guardrail cannot check and sign; leave 'thinking' out",
        (None, {"type": "disabled"}),
    ),
    "container": Refusal("unsupported_parameter", "a code-execution container runs where the checks cannot see"),
    "mcp_servers": Refusal("unsupported_tool", "MCP servers the provider calls run where the checks cannot see"),
    "context_management": Refusal(
        "unsupported_parameter", "guardrail sends the whole conversation and edits none of it"
    ),
}

# Blocks from server tools or stored search results: their content never passes the checks.
UNSUPPORTED_BLOCKS = frozenset(
    {
        "bash_code_execution_tool_result",
        "code_execution_tool_result",
        "container_upload",
        "mcp_tool_result",
        "mcp_tool_use",
        "search_result",
        "server_tool_use",
        "text_editor_code_execution_tool_result",
        "tool_search_tool_result",
        "web_fetch_tool_result",
        "web_search_tool_result",
    }
)

REQUEST = Obj(dict(MESSAGES_FIELDS), required=("messages", "max_tokens"))
