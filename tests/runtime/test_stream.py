"""The stream guard: same result as a whole answer, however the stream is cut."""

from __future__ import annotations

import json
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from guardrail.runtime import Guard, GuardedRequest, StreamBlocked
from guardrail.runtime.restore import PSEUDONYM

USER = "Ms Chan Tai Man (HKID A123456(3)) asked us to call 9123 4567 or mail chan.tm@example.com."
# What a model might answer: the pseudonyms it was given, and a number of its own.
ANSWER_TEMPLATE = (
    "Dear {PERSON}, we have your HKID {HK_ID} on file. We will call {PHONE} today and "
    "confirm by e-mail to {EMAIL}. If we miss you, our agent on 6123 9876 can help. "
    "Reference ORD-552211 stays as it is."
)


def guarded(guard: Guard, conversation: str) -> GuardedRequest:
    context = guard.context(conversation_id=conversation)
    return guard.guard_request([{"role": "user", "content": USER}], context)


def answer_for(request: GuardedRequest) -> str:
    sent = request.messages[0]["content"]
    found = dict.fromkeys(PSEUDONYM.findall(sent))
    by_type = {p.strip("<>").rsplit("_", 1)[0]: p for p in found}
    return ANSWER_TEMPLATE.format(
        PERSON=by_type["PERSON"], HK_ID=by_type["HK_ID"], PHONE=by_type["PHONE_NUMBER"], EMAIL=by_type["EMAIL_ADDRESS"]
    )


def chunk(text: str, index: int = 0, finish: str | None = None) -> dict[str, Any]:
    return {"id": "c", "choices": [{"index": index, "delta": {"content": text}, "finish_reason": finish}]}


def run_stream(guard: Guard, request: GuardedRequest, pieces: list[str]) -> str:
    stream = guard.stream(request)
    out: list[dict[str, Any]] = []
    for piece in pieces:
        out += stream.feed(chunk(piece))
    out += stream.feed({"id": "c", "choices": [{"index": 0, "delta": {}, "finish_reason": "stop"}]})
    return "".join(c["choices"][0]["delta"].get("content", "") for c in out if c.get("choices"))


def test_whole_answer_is_checked_then_restored(round_trip_guard: Guard) -> None:
    request = guarded(round_trip_guard, "whole")
    answer = answer_for(request)
    result = round_trip_guard.guard_response(
        {"choices": [{"index": 0, "message": {"role": "assistant", "content": answer}}]}, request
    )
    content = result.response["choices"][0]["message"]["content"]
    assert "Dear Ms Chan Tai Man" in content or "Dear Chan Tai Man" in content
    assert "A123456(3)" in content and "9123 4567" in content and "chan.tm@example.com" in content
    assert "6123 9876" not in content  # the model's own number is not the user's: kept redacted
    assert "ORD-552211" in content
    assert result.restored == 4


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(cuts=st.lists(st.integers(min_value=1, max_value=300), min_size=0, max_size=40))
def test_stream_equals_whole_answer_however_it_is_cut(round_trip_guard: Guard, cuts: list[int]) -> None:
    request = guarded(round_trip_guard, "prop")
    answer = answer_for(request)
    whole = round_trip_guard.guard_response(
        {"choices": [{"index": 0, "message": {"role": "assistant", "content": answer}}]}, request
    ).response["choices"][0]["message"]["content"]
    points = sorted({c for c in cuts if c < len(answer)})
    pieces = [answer[a:b] for a, b in zip([0, *points], [*points, len(answer)], strict=True)]
    assert run_stream(round_trip_guard, request, pieces) == whole


def test_text_is_released_before_the_stream_ends(round_trip_guard: Guard) -> None:
    request = guarded(round_trip_guard, "early")
    stream = round_trip_guard.stream(request)
    released = []
    for word in ("The quick brown fox jumps over the lazy dog. " * 6).split(" "):
        for out in stream.feed(chunk(word + " ")):
            released.append(out["choices"][0]["delta"]["content"])
    assert released, "nothing was released before the end of the stream"
    assert len("".join(released)) > 150


def test_tool_call_arguments_are_held_then_restored_as_valid_json(round_trip_guard: Guard) -> None:
    request = guarded(round_trip_guard, "tools")
    person = next(p for p in PSEUDONYM.findall(request.messages[0]["content"]) if p.startswith("<PERSON"))
    arguments = json.dumps({"customer": person, "note": "call back"})
    stream = round_trip_guard.stream(request)
    out: list[dict[str, Any]] = []
    out += stream.feed(
        {
            "id": "c",
            "choices": [
                {
                    "index": 0,
                    "delta": {
                        "tool_calls": [
                            {
                                "index": 0,
                                "id": "call_9",
                                "type": "function",
                                "function": {"name": "crm", "arguments": ""},
                            }
                        ]
                    },
                }
            ],
        }
    )
    for i in range(0, len(arguments), 3):
        out += stream.feed(
            {
                "id": "c",
                "choices": [
                    {
                        "index": 0,
                        "delta": {"tool_calls": [{"index": 0, "function": {"arguments": arguments[i : i + 3]}}]},
                    }
                ],
            }
        )
    assert not any("tool_calls" in c["choices"][0]["delta"] for c in out)  # held until the end
    out += stream.feed({"id": "c", "choices": [{"index": 0, "delta": {}, "finish_reason": "tool_calls"}]})
    calls = out[-1]["choices"][0]["delta"]["tool_calls"]
    assert calls[0]["id"] == "call_9" and calls[0]["function"]["name"] == "crm"
    assert json.loads(calls[0]["function"]["arguments"])["customer"] in ("Ms Chan Tai Man", "Chan Tai Man")


def test_a_blocked_entity_stops_the_stream(round_trip_guard: Guard) -> None:
    request = guarded(round_trip_guard, "block")
    stream = round_trip_guard.stream(request)
    try:
        for piece in ("Your card ", "4111 1111 ", "1111 1111 ", "is on file. " * 10):
            stream.feed(chunk(piece))
        stream.finish()
    except StreamBlocked as blocked:
        assert blocked.verdict.reason == "personal_data.blocked_entity"
    else:
        raise AssertionError("the stream was not blocked")


def test_several_choices_are_kept_apart(round_trip_guard: Guard) -> None:
    request = guarded(round_trip_guard, "choices")
    stream = round_trip_guard.stream(request)
    out: list[dict[str, Any]] = []
    for word in ("alpha " * 20).split(" "):
        out += stream.feed(chunk(word + " ", 0))
        out += stream.feed(chunk(word.upper() + " ", 1))
    out += stream.finish()
    texts = {0: "", 1: ""}
    for c in out:
        for choice in c["choices"]:
            texts[choice["index"]] += choice["delta"].get("content", "")
    labels = round_trip_guard.labels(request.context)
    assert texts[0] == labels.apply("alpha " * 20 + " ")
    assert texts[1] == labels.apply("ALPHA " * 20 + " ")
