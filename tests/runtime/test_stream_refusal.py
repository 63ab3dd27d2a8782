"""A model's refusal, streamed in ``refusal`` deltas, is checked and restored like its text."""

from __future__ import annotations

from typing import Any

from guardrail.runtime import Guard
from tests.runtime.test_stream import guarded


def refusal_chunk(text: str, finish: str | None = None) -> dict[str, Any]:
    return {"id": "c", "choices": [{"index": 0, "delta": {"refusal": text}, "finish_reason": finish}]}


def test_a_streamed_refusal_is_held_checked_and_restored(round_trip_guard: Guard) -> None:
    request = guarded(round_trip_guard, "refusal")
    pseudonym = next(p for p in request.pseudonyms if p.startswith("<PERSON"))
    pieces = ["I cannot share ", f"{pseudonym}'s records; ", "call 6123 9876 ", "instead."]
    stream = round_trip_guard.stream(request)
    out: list[dict[str, Any]] = []
    for piece in pieces[:-1]:
        out += stream.feed(refusal_chunk(piece))
    assert not any(c["choices"][0]["delta"].get("refusal") for c in out if c.get("choices")), "held until the end"
    out += stream.feed(refusal_chunk(pieces[-1], finish="stop"))
    sent = "".join(c["choices"][0]["delta"].get("refusal", "") for c in out if c.get("choices"))
    assert "Chan Tai Man" in sent and pseudonym not in sent  # the user's own name, restored
    assert "6123 9876" not in sent  # a number the model made up is personal data too: redacted
    assert any(v.all_findings() for v in stream.verdicts)
