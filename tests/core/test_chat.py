from __future__ import annotations

import json

from guardrail.core.chat import collect_texts, map_texts, replace_texts

MESSAGES = [
    {"role": "system", "content": "You help Chan."},
    {
        "role": "user",
        "name": "Tai_Man",
        "content": [
            {"type": "text", "text": "Call Chan"},
            {"type": "image_url", "image_url": {"url": "data:image/png;base64,AAAA"}},
        ],
    },
    {
        "role": "assistant",
        "content": None,
        "tool_calls": [
            {
                "id": "c1",
                "type": "function",
                "function": {"name": "lookup", "arguments": json.dumps({"who": "Chan", "ids": ["Chan 1", 7], "n": 3})},
            },
            {"id": "c2", "type": "function", "function": {"name": "broken", "arguments": '{"who": "Chan'}},
        ],
    },
    {"role": "tool", "tool_call_id": "c1", "content": "Chan lives here"},
    {"role": "assistant", "content": "", "refusal": None, "function_call": {"name": "f", "arguments": '{"a": "Chan"}'}},
]


def test_every_text_is_visited_with_its_location() -> None:
    locations = [slot.location for slot in collect_texts(MESSAGES)]
    assert locations == [
        "messages[0].content",
        "messages[1].name",
        "messages[1].content[0].text",
        "messages[2].tool_calls[0].id",
        "messages[2].tool_calls[0].function.name",
        "messages[2].tool_calls[0].function.arguments$.who#key",
        "messages[2].tool_calls[0].function.arguments$.who",
        "messages[2].tool_calls[0].function.arguments$.ids#key",
        "messages[2].tool_calls[0].function.arguments$.ids[0]",
        "messages[2].tool_calls[0].function.arguments$.n#key",
        "messages[2].tool_calls[1].id",
        "messages[2].tool_calls[1].function.name",
        "messages[2].tool_calls[1].function.arguments",
        "messages[3].tool_call_id",
        "messages[3].content",
        "messages[4].content",
        "messages[4].function_call.name",
        "messages[4].function_call.arguments$.a#key",
        "messages[4].function_call.arguments$.a",
    ]


def test_each_text_carries_its_message_role_and_binary_parts_are_not_texts() -> None:
    slots = collect_texts(MESSAGES)
    assert {slot.location: slot.role for slot in slots}["messages[3].content"] == "tool"
    assert not any("image_url" in slot.location for slot in slots)


def test_rewriting_keeps_tool_arguments_valid_json_and_other_parts_intact() -> None:
    out = map_texts(MESSAGES, lambda slot: slot.text.replace("Chan", "<PERSON>"))
    args = json.loads(out[2]["tool_calls"][0]["function"]["arguments"])
    assert args == {"who": "<PERSON>", "ids": ["<PERSON> 1", 7], "n": 3}
    assert out[2]["tool_calls"][1]["function"]["arguments"] == '{"who": "<PERSON>'
    assert out[1]["content"][1] is MESSAGES[1]["content"][1]
    assert out[3]["content"] == "<PERSON> lives here"
    assert json.loads(out[4]["function_call"]["arguments"]) == {"a": "<PERSON>"}
    assert MESSAGES[0]["content"] == "You help Chan."  # never mutated


def test_unchanged_messages_are_returned_as_they_were() -> None:
    out = map_texts(MESSAGES, lambda slot: slot.text)
    assert all(a is b for a, b in zip(out, MESSAGES, strict=True))
    assert out[2]["tool_calls"][0]["function"]["arguments"] == MESSAGES[2]["tool_calls"][0]["function"]["arguments"]


def test_rewritten_names_stay_within_openai_charset() -> None:
    out = map_texts(
        [{"role": "user", "name": "Tai_Man", "content": "x"}], lambda s: "<PERSON> 陳" if s.kind == "name" else s.text
    )
    assert out[0]["name"] == "_PERSON___"


def test_replace_texts_is_the_inverse_of_collect() -> None:
    slots = collect_texts(MESSAGES)
    out = replace_texts(MESSAGES, [s.text.upper() for s in slots])
    assert [s.text for s in collect_texts(out)] == [s.text.upper() for s in slots]
