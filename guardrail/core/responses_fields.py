"""The fields of OpenAI's Responses API request (``POST /v1/responses``), as a table of shapes.

guardrail serves the Responses API by translating each request into a chat completion
(:mod:`guardrail.adapters.proxy.responses_api`), which the guard then checks field by
field against :mod:`guardrail.core.openai_fields`. This table comes first: it says what
each documented field holds, so a request is validated before translation and a field
the table does not know is refused (``unknown_parameter``) instead of dropped unread.

Three kinds of field:

- translated: their text becomes chat-completion text that the checks read (``input``,
  ``instructions``, tools, ``text.format``, ``metadata``, ``user``...);
- without text and without effect on what reaches the model (``store``, ``include``,
  ``stream_options``): accepted, not forwarded;
- refused (:data:`REFUSED`): they point at state guardrail cannot see (a stored
  response, conversation or prompt template) or ask for something a chat completion
  cannot do. Tool and input-item types that run or live at the provider are refused
  too (:data:`UNSUPPORTED_TOOLS`, :data:`UNSUPPORTED_ITEMS`).

``tests/adapters/test_responses_api.py`` enumerates the table and proves which is which.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from guardrail.core.openai_fields import BOOLEAN, FIELD, IDENTIFIER, INTEGER, NUMBER, SCHEMA, TEXT
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
    Shape,
    SlotKind,
    Tagged,
    Url,
)

_STATUS = Enum.of("in_progress", "completed", "incomplete")

INPUT_TEXT = Obj({"type": Enum.of("input_text"), "text": TEXT}, required=("text",))
OUTPUT_TEXT = Obj(
    {
        "type": Enum.of("output_text"),
        "text": TEXT,
        # Citations and token log-probabilities of an earlier answer: never forwarded.
        "annotations": ListOf(AnyJson(SlotKind.FIELD)),
        "logprobs": ListOf(AnyJson(SlotKind.FIELD)),
    },
    required=("text",),
)
REFUSAL = Obj({"type": Enum.of("refusal"), "refusal": TEXT}, required=("refusal",))
INPUT_IMAGE = Obj(
    {
        "type": Enum.of("input_image"),
        "image_url": Url("image"),
        "file_id": IDENTIFIER,
        "detail": Enum.of("low", "high", "auto"),
    }
)
INPUT_FILE = Obj(
    {
        "type": Enum.of("input_file"),
        "file_data": Binary("file"),
        "file_id": IDENTIFIER,
        "filename": FIELD,
        "file_url": Url("file"),  # refused by the translation: a chat completion cannot carry it
    }
)
INPUT_AUDIO = Obj(
    {
        "type": Enum.of("input_audio"),
        "input_audio": Obj({"data": Binary("audio"), "format": Enum.of("mp3", "wav")}, required=("data",)),
    },
    required=("input_audio",),
)
PARTS: Mapping[str, Obj] = {
    "input_text": INPUT_TEXT,
    "output_text": OUTPUT_TEXT,
    "refusal": REFUSAL,
    "input_image": INPUT_IMAGE,
    "input_file": INPUT_FILE,
    "input_audio": INPUT_AUDIO,
}


def _item(kind: str, fields: Mapping[str, Shape], required: tuple[str, ...] = ()) -> Obj:
    """An input item: its own ``fields``, and the ``type``, ``id`` and ``status`` every item has."""
    return Obj({"type": Enum.of(kind), **fields, "id": IDENTIFIER, "status": _STATUS}, required=required)


MESSAGE_ITEM = _item(
    "message",
    {
        "role": Enum.of("user", "assistant", "system", "developer"),
        "content": Either.of(TEXT, ListOf(Tagged("type", PARTS))),
    },
    required=("role", "content"),
)
FUNCTION_CALL_ITEM = _item(
    "function_call",
    {"call_id": IDENTIFIER, "name": IDENTIFIER, "arguments": JsonText()},
    required=("call_id", "name", "arguments"),
)
FUNCTION_CALL_OUTPUT_ITEM = _item(
    "function_call_output",
    {
        "call_id": IDENTIFIER,
        "output": Either.of(
            TEXT,
            ListOf(Tagged("type", {name: PARTS[name] for name in ("input_text", "input_image", "input_file")})),
        ),
    },
    required=("call_id", "output"),
)
# An earlier answer's reasoning: a chat completion cannot take it back, so it is
# validated and dropped (its text never reaches the model).
REASONING_ITEM = _item(
    "reasoning",
    {
        "summary": ListOf(Obj({"type": Enum.of("summary_text"), "text": TEXT}, required=("text",))),
        "content": ListOf(Obj({"type": Enum.of("reasoning_text"), "text": TEXT}, required=("text",))),
        "encrypted_content": Binary("reasoning"),
    },
)
ITEMS: Mapping[str, Obj] = {
    "message": MESSAGE_ITEM,
    "function_call": FUNCTION_CALL_ITEM,
    "function_call_output": FUNCTION_CALL_OUTPUT_ITEM,
    "reasoning": REASONING_ITEM,
}
# An item without ``type`` is a message (the SDK's "easy input message").
INPUT = Either.of(TEXT, ListOf(Tagged("type", ITEMS, default="message")))

FUNCTION_TOOL = Obj(
    {
        "type": Enum.of("function"),
        "name": IDENTIFIER,
        "description": FIELD,
        "parameters": SCHEMA,
        "strict": BOOLEAN,
    },
    required=("name",),
)
TOOL_CHOICE = Either.of(
    Enum.of("none", "auto", "required"),
    Tagged("type", {"function": Obj({"type": Enum.of("function"), "name": IDENTIFIER}, required=("name",))}),
)
TEXT_FORMAT = Tagged(
    "type",
    {
        "text": Obj({"type": Enum.of("text")}),
        "json_object": Obj({"type": Enum.of("json_object")}),
        "json_schema": Obj(
            {
                "type": Enum.of("json_schema"),
                "name": IDENTIFIER,
                "schema": SCHEMA,
                "description": FIELD,
                "strict": BOOLEAN,
            },
            required=("name", "schema"),
        ),
    },
)

RESPONSES_FIELDS: Mapping[str, Shape] = {
    "input": INPUT,
    "instructions": Role("system", TEXT),
    "tools": Role("system", ListOf(Tagged("type", {"function": FUNCTION_TOOL}))),
    "tool_choice": Role("system", TOOL_CHOICE),
    "text": Role("system", Obj({"format": TEXT_FORMAT, "verbosity": Enum.of("low", "medium", "high")})),
    "metadata": Role("user", Keys(FIELD)),
    "user": Role("user", FIELD),
    "safety_identifier": Role("user", FIELD),
    "prompt_cache_key": Role("user", FIELD),
    "max_output_tokens": INTEGER,
    "temperature": NUMBER,
    "top_p": NUMBER,
    "parallel_tool_calls": BOOLEAN,
    "service_tier": Enum.of("auto", "default", "flex", "scale", "priority"),
    "reasoning": Obj(
        {
            "effort": Enum.of("none", "minimal", "low", "medium", "high"),
            "summary": Enum.of("auto", "concise", "detailed"),
            "generate_summary": Enum.of("auto", "concise", "detailed"),
        }
    ),
    # Accepted, not forwarded: guardrail keeps no responses and returns no extra outputs.
    "store": BOOLEAN,
    "include": ListOf(
        Enum.of(
            "code_interpreter_call.outputs",
            "computer_call_output.output.image_url",
            "file_search_call.results",
            "message.input_image.image_url",
            "message.output_text.logprobs",
            "reasoning.encrypted_content",
            "web_search_call.action.sources",
        )
    ),
    "stream_options": Obj({"include_obfuscation": BOOLEAN}),
    "truncation": Enum.of("auto", "disabled"),
    "background": BOOLEAN,
    "max_tool_calls": INTEGER,
    "top_logprobs": INTEGER,
    "previous_response_id": IDENTIFIER,
    "conversation": Either.of(IDENTIFIER, Obj({"id": IDENTIFIER}, required=("id",))),
    "prompt": Obj({"id": IDENTIFIER, "version": FIELD, "variables": Keys(AnyJson(SlotKind.FIELD))}, required=("id",)),
}


@dataclass(frozen=True, slots=True)
class Refusal:
    """Why a field is refused, unless it holds one of ``harmless`` values (its default)."""

    code: str
    reason: str
    harmless: tuple[object, ...] = (None,)


_STATELESS = "guardrail keeps no responses or conversations: send the whole conversation in 'input'"
REFUSED: Mapping[str, Refusal] = {
    "previous_response_id": Refusal("previous_response_not_supported", _STATELESS),
    "conversation": Refusal("conversation_not_supported", _STATELESS),
    "prompt": Refusal(
        "prompt_template_not_supported", "a stored prompt template is text the checks cannot see: send it in 'input'"
    ),
    "background": Refusal(
        "background_not_supported", "guardrail answers while the request waits; it keeps no responses", (None, False)
    ),
    "max_tool_calls": Refusal("unsupported_parameter", "a chat completion cannot limit the number of tool calls"),
    "top_logprobs": Refusal("unsupported_parameter", "guardrail returns no log-probabilities", (None, 0)),
    "truncation": Refusal("unsupported_parameter", "guardrail never truncates the conversation", (None, "disabled")),
}

# Tools that run at the provider: what they fetch or return never passes the checks.
UNSUPPORTED_TOOLS = frozenset(
    {
        "apply_patch",
        "code_interpreter",
        "computer",
        "computer_use",
        "computer_use_preview",
        "custom",
        "file_search",
        "image_generation",
        "local_shell",
        "mcp",
        "shell",
        "web_search",
        "web_search_2025_08_26",
        "web_search_preview",
        "web_search_preview_2025_03_11",
    }
)
# Items that refer to stored state or to those tools' calls.
UNSUPPORTED_ITEMS = frozenset(
    {
        "item_reference",
        "code_interpreter_call",
        "computer_call",
        "computer_call_output",
        "custom_tool_call",
        "custom_tool_call_output",
        "file_search_call",
        "image_generation_call",
        "local_shell_call",
        "local_shell_call_output",
        "mcp_approval_request",
        "mcp_approval_response",
        "mcp_call",
        "mcp_list_tools",
        "shell_call",
        "shell_call_output",
        "apply_patch_call",
        "apply_patch_call_output",
        "web_search_call",
    }
)

REQUEST = Obj(dict(RESPONSES_FIELDS), required=("input",))
