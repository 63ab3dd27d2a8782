"""The field table, enumerated: every text field it names is visited and rewritten,
every other field holds no text, and anything outside it is refused."""

from __future__ import annotations

import json

import pytest

from guardrail.core.chat import ShapeError, payload_texts, replace_payload_texts, validate_request
from guardrail.core.context import Stage
from guardrail.core.openai_fields import CHAT_PARAMS, EMBEDDING_PARAMS, MESSAGE_BY_ROLE
from guardrail.core.verdict import Payload
from tests.core.field_samples import PLANTED_TEXT, message_samples, param_samples

USER = {"role": "user", "content": "hello"}
PARAMS = list(param_samples())
MESSAGES = list(message_samples())


def test_the_samples_cover_every_parameter_of_the_table() -> None:
    assert {name for name, _ in PARAMS} == set(CHAT_PARAMS)
    assert {role for role, _ in MESSAGES} == set(MESSAGE_BY_ROLE) and len(MESSAGES) > 10


@pytest.mark.parametrize(("name", "sample"), PARAMS, ids=[f"{n}-{i}" for i, (n, _) in enumerate(PARAMS)])
def test_every_text_of_a_parameter_is_visited_and_rewritten(name: str, sample: object) -> None:
    params = {name: sample.value}
    assert validate_request([USER], params).binaries == []
    payload = Payload(Stage.INPUT, (USER,), params)
    texts = [slot for slot in payload_texts(payload) if slot.location != "messages[0].content"]
    assert len([slot for slot in texts if PLANTED_TEXT in slot.text]) == sample.texts
    rewritten = replace_payload_texts(
        payload, [slot.text.replace(PLANTED_TEXT, "<X>") for slot in payload_texts(payload)]
    )
    assert PLANTED_TEXT not in json.dumps(rewritten.params, ensure_ascii=False)
    json.dumps(rewritten.params)  # still JSON
    if sample.texts == 0:
        assert rewritten.params is payload.params or rewritten.params == payload.params


@pytest.mark.parametrize(("role", "sample"), MESSAGES, ids=[f"{r}-{i}" for i, (r, _) in enumerate(MESSAGES)])
def test_every_text_of_a_message_is_visited_with_its_role(role: str, sample: object) -> None:
    validate_request([sample.value])
    payload = Payload(Stage.INPUT, (sample.value,))
    slots = payload_texts(payload)
    assert len([slot for slot in slots if PLANTED_TEXT in slot.text]) == sample.texts
    assert {slot.role for slot in slots} == {role}
    rewritten = replace_payload_texts(payload, [slot.text.replace(PLANTED_TEXT, "<X>") for slot in slots])
    assert PLANTED_TEXT not in json.dumps(rewritten.messages, ensure_ascii=False)


def test_parts_no_check_can_read_are_reported_with_their_location() -> None:
    message = {
        "role": "user",
        "content": [
            {"type": "image_url", "image_url": {"url": "data:image/png;base64,AAAA"}},
            {"type": "image_url", "image_url": {"url": "https://example.com/a.png?name=x"}},
            {"type": "input_audio", "input_audio": {"data": "AAAA", "format": "wav"}},
            {"type": "file", "file": {"file_data": "AAAA", "filename": "scan.pdf"}},
        ],
    }
    found = validate_request([message])
    assert found.binaries == [
        ("messages[0].content[0].image_url.url", "image"),
        ("messages[0].content[2].input_audio.data", "audio"),
        ("messages[0].content[3].file.file_data", "file"),
    ]
    locations = [slot.location for slot in payload_texts(Payload(Stage.INPUT, (message,)))]
    assert locations == ["messages[0].content[1].image_url.url", "messages[0].content[3].file.filename"]


@pytest.mark.parametrize(
    ("messages", "params", "location", "code"),
    [
        ([USER], {"api_base": "http://elsewhere"}, "api_base", "unknown_parameter"),
        (
            [USER],
            {"tools": [{"type": "function", "function": {"name": "f", "x": 1}}]},
            "tools[0].function.x",
            "unknown_parameter",
        ),
        ([USER], {"tools": [{"type": "retrieval"}]}, "tools[0].type", "invalid_request"),
        ([USER], {"temperature": "hot"}, "temperature", "invalid_request"),
        ([USER], {"temperature": True}, "temperature", "invalid_request"),
        ([USER], {"stream_options": {"include_usage": 1}}, "stream_options.include_usage", "invalid_request"),
        ([USER], {"logit_bias": {"Chan": 1}}, "logit_bias.Chan", "invalid_request"),
        ([USER], {"metadata": {"k": ["nested"]}}, "metadata.k", "invalid_request"),
        ([USER], {"stop": 5}, "stop", "invalid_request"),
        (
            [{"role": "user", "content": [{"type": "text", "text": {"nested": "object"}}]}],
            {},
            "messages[0].content[0].text",
            "invalid_request",
        ),
        (
            [{"role": "user", "content": [{"type": "text", "text": "x", "note": "y"}]}],
            {},
            "messages[0].content[0].note",
            "unknown_parameter",
        ),
        (
            [{"role": "user", "content": [{"type": "video", "video": "y"}]}],
            {},
            "messages[0].content[0].type",
            "invalid_request",
        ),
        ([{"role": "wizard", "content": "x"}], {}, "messages[0].role", "invalid_request"),
        (
            [{"role": "user", "content": [{"type": "refusal", "refusal": "x"}]}],
            {},
            "messages[0].content[0].type",
            "invalid_request",
        ),
        ([{"role": "system", "content": "x", "tool_calls": []}], {}, "messages[0].tool_calls", "unknown_parameter"),
        ([{"role": "tool", "content": "x"}], {}, "messages[0].tool_call_id", "invalid_request"),
        ([{"content": "x"}], {}, "messages[0].role", "invalid_request"),
        (
            [{"role": "assistant", "tool_calls": [{"id": 5, "function": {"name": "f", "arguments": "{}"}}]}],
            {},
            "messages[0].tool_calls[0].id",
            "invalid_request",
        ),
    ],
)
def test_a_field_that_cannot_be_checked_is_refused_by_its_location(
    messages: list, params: dict, location: str, code: str
) -> None:
    with pytest.raises(ShapeError) as raised:
        validate_request(messages, params)
    assert (raised.value.location, raised.value.code) == (location, code)
    assert "Chan" not in str(raised.value) or location.endswith("Chan")


def test_passthrough_parameters_are_read_as_free_form_json() -> None:
    params = {"provider_extra": {"notes": [PLANTED_TEXT]}}
    with pytest.raises(ShapeError):
        validate_request([USER], params)
    validate_request([USER], params, passthrough=["provider_extra"])
    slots = payload_texts(Payload(Stage.INPUT, (USER,), params))
    assert [slot.location for slot in slots if slot.text == PLANTED_TEXT] == ["provider_extra.notes[0]"]


def test_embedding_parameters_have_their_own_table() -> None:
    validate_request([], {"user": "x", "dimensions": 3}, table=EMBEDDING_PARAMS)
    with pytest.raises(ShapeError):
        validate_request([], {"tools": []}, table=EMBEDDING_PARAMS)


def test_rewritten_keys_that_collide_keep_both_entries() -> None:
    payload = Payload(Stage.INPUT, (USER,), {"metadata": {"a": "1", "b": "2"}})
    out = replace_payload_texts(payload, [slot.text if slot.kind != "key" else "k" for slot in payload_texts(payload)])
    assert out.params["metadata"] == {"k": "1", "k_2": "2"}
