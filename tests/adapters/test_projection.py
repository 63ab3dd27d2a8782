"""The invariant behind every Responses and Messages manifest: a chat answer projected
for a surface, then written in that surface's shape, reads back as exactly the projected
answer, so the hash signed over the projection covers what the client received; and
projecting twice changes nothing."""

from __future__ import annotations

import json
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from guardrail.adapters.proxy import messages_api, responses_api
from guardrail.adapters.proxy.projection import Projection, project_answer
from guardrail.attribution.content import answer_content, canonical, from_response
from guardrail.runtime.call import Answer

FINISHES = st.sampled_from(["stop", "length", "tool_calls", "content_filter", "function_call", "eos", None])
JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False, allow_infinity=False) | st.text(),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3),
    max_leaves=8,
)
ARGUMENTS = st.one_of(
    st.dictionaries(st.text(max_size=8), JSON, max_size=4).map(lambda value: json.dumps(value, ensure_ascii=False)),
    JSON.map(json.dumps),
    st.text(max_size=30),  # not JSON at all
)
CALL = st.fixed_dictionaries(
    {
        "id": st.one_of(st.none(), st.from_regex(r"call_[a-z0-9]{1,8}", fullmatch=True)),
        "type": st.just("function"),
        "function": st.fixed_dictionaries(
            {"name": st.from_regex(r"[a-z_]{1,12}", fullmatch=True), "arguments": ARGUMENTS}
        ),
    }
)
MESSAGE = st.fixed_dictionaries(
    {"role": st.just("assistant"), "content": st.one_of(st.none(), st.text(max_size=40))},
    optional={
        "tool_calls": st.lists(CALL, max_size=3),
        "refusal": st.text(max_size=10),
        "provider_specific_fields": st.just({"reasoning": "unseen"}),
    },
)


def _answer(message: dict[str, Any], finish: str | None) -> dict[str, Any]:
    usage = {"prompt_tokens": 3, "completion_tokens": 4, "total_tokens": 7}
    return {
        "id": "x",
        "model": "m",
        "choices": [{"index": 0, "message": message, "finish_reason": finish}],
        "usage": usage,
    }


def _written(surface: Any, projected: dict[str, Any]) -> dict[str, Any]:
    response = surface.answer(Answer(projected, {}), "req1")
    return dict(json.loads(response.body))


@settings(max_examples=300, deadline=None)
@given(message=MESSAGE, finish=FINISHES)
def test_what_a_surface_writes_reads_back_as_its_projection(message: dict[str, Any], finish: str | None) -> None:
    for projection, surface in (
        (responses_api.PROJECTION, responses_api.ResponsesApi()),
        (messages_api.PROJECTION, messages_api.MessagesApi()),
    ):
        projected = project_answer(_answer(message, finish), projection)
        assert project_answer(projected, projection)["choices"] == projected["choices"]
        written = _written(surface, projected)
        assert canonical(answer_content(written)) == canonical(from_response(projected))


def test_a_projection_keeps_only_what_the_surface_carries() -> None:
    message = {
        "role": "assistant",
        "content": None,
        "refusal": "I cannot help with that.",
        "reasoning_content": "hidden",
        "tool_calls": [{"type": "function", "function": {"name": "f", "arguments": "not json"}}],
    }
    projected = project_answer(_answer(message, "stop"), messages_api.PROJECTION)["choices"][0]
    assert projected["finish_reason"] == "tool_calls"
    assert projected["message"]["content"] == "I cannot help with that."
    (call,) = projected["message"]["tool_calls"]
    assert call["id"].startswith("call_") and json.loads(call["function"]["arguments"]) == {"arguments": "not json"}
    assert set(projected["message"]) == {"role", "content", "tool_calls"}
    assert (
        project_answer(_answer(message, None), Projection(finish=lambda f, c: f))["choices"][0]["finish_reason"] is None
    )


TEXT_PIECES = st.lists(st.text(min_size=1, max_size=6), max_size=5)


def _chunks(pieces: list[str], calls: list[dict[str, Any]], finish: str | None) -> list[dict[str, Any]]:
    """A guarded stream as the relay yields it: role, text pieces, tool calls with the finish."""
    base = {"id": "x", "model": "m", "object": "chat.completion.chunk"}
    chunks = [{**base, "choices": [{"index": 0, "delta": {"role": "assistant"}}]}]
    chunks += [{**base, "choices": [{"index": 0, "delta": {"content": piece}}]} for piece in pieces]
    closing: dict[str, Any] = {"index": 0, "delta": {}, "finish_reason": finish}
    if calls:
        closing["delta"]["tool_calls"] = [{**call, "index": i} for i, call in enumerate(calls)]
    return [*chunks, {**base, "choices": [closing]}]


def _messages_document(events: list[dict[str, Any]]) -> dict[str, Any]:
    """The message a Messages client builds from the events."""
    blocks: dict[int, dict[str, Any]] = {}
    partial: dict[int, str] = {}
    stop = None
    for event in events:
        if event["type"] == "content_block_start":
            blocks[event["index"]] = dict(event["content_block"])
        elif event["type"] == "content_block_delta" and event["delta"]["type"] == "text_delta":
            blocks[event["index"]]["text"] += event["delta"]["text"]
        elif event["type"] == "content_block_delta":
            partial[event["index"]] = partial.get(event["index"], "") + event["delta"]["partial_json"]
        elif event["type"] == "message_delta":
            stop = event["delta"]["stop_reason"]
    for index, text in partial.items():
        blocks[index]["input"] = json.loads(text)
    return {"type": "message", "content": [blocks[i] for i in sorted(blocks)], "stop_reason": stop}


@settings(max_examples=200, deadline=None)
@given(pieces=TEXT_PIECES, calls=st.lists(CALL, max_size=2), finish=FINISHES)
def test_what_a_surface_streams_reads_back_as_the_chunks_it_was_given(
    pieces: list[str], calls: list[dict[str, Any]], finish: str | None
) -> None:
    from guardrail.attribution.content import from_chunks

    for projection, stream in (
        (responses_api.PROJECTION, lambda: responses_api._Stream(responses_api.ResponsesApi(), "req1")),
        (messages_api.PROJECTION, lambda: messages_api._Stream("m", "req1")),
    ):
        # Tool calls as the projection leaves them: ids given, arguments as the surface writes them.
        projected = project_answer(
            _answer({"role": "assistant", "content": "".join(pieces), "tool_calls": calls}, finish), projection
        )
        choice = projected["choices"][0]
        chunks = _chunks(pieces, choice["message"].get("tool_calls") or [], choice["finish_reason"])
        writer = stream()
        raw = writer.start()
        for chunk in chunks:
            raw += writer.feed(chunk)
        raw += writer.finish()
        events = [json.loads(line[6:]) for text in raw for line in text.split("\n") if line.startswith("data: ")]
        if projection is responses_api.PROJECTION:
            document = events[-1]["response"]
        else:
            document = _messages_document(events)
        assert canonical(answer_content(document)) == canonical(from_chunks(chunks))
