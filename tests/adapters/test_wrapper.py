"""``guardrail.completion`` / ``acompletion``: the same guard in-process over LiteLLM."""

from __future__ import annotations

import asyncio
import json
import threading
from pathlib import Path
from typing import Any

import pytest

import guardrail
from guardrail.attribution import KeyStore
from guardrail.audit import verify_trail
from guardrail.audit.records import CallRecords
from guardrail.errors import BlockedError
from guardrail.runtime import Guard
from guardrail.testing import RecordingUpstream

PROMPT = "I am Chan Tai Man, call me on 9123 4567."
_LOOP: asyncio.AbstractEventLoop | None = None


def session_loop() -> asyncio.AbstractEventLoop:
    global _LOOP
    if _LOOP is None:
        _LOOP = asyncio.new_event_loop()
        threading.Thread(target=_LOOP.run_forever, daemon=True).start()
    return _LOOP


def options(upstream: tuple[RecordingUpstream, str], model: str = "echo") -> dict:
    _, url = upstream
    return {"model": f"openai/{model}", "api_base": f"{url}/v1", "api_key": "upstream-secret"}


def test_completion_redacts_upstream_and_restores(
    round_trip_guard: Guard, upstream: tuple[RecordingUpstream, str]
) -> None:
    recorder, _ = upstream
    recorder.reset()
    answer = guardrail.completion(
        messages=[{"role": "user", "content": PROMPT}], guard=round_trip_guard, **options(upstream)
    )
    assert "Chan Tai Man" not in recorder.received_text() and "9123 4567" not in recorder.received_text()
    assert answer.choices[0].message.content == "You said: " + PROMPT
    assert answer._hidden_params["guardrail_request_id"]


def test_completion_streams(round_trip_guard: Guard, upstream: tuple[RecordingUpstream, str]) -> None:
    chunks = guardrail.completion(
        messages=[{"role": "user", "content": PROMPT}], guard=round_trip_guard, stream=True, **options(upstream)
    )
    text = "".join(chunk.choices[0].delta.content or "" for chunk in chunks if chunk.choices)
    assert text == "You said: " + PROMPT


def test_acompletion_plain_and_streamed(round_trip_guard: Guard, upstream: tuple[RecordingUpstream, str]) -> None:
    async def run() -> tuple[str, str]:
        plain = await guardrail.acompletion(
            messages=[{"role": "user", "content": PROMPT}], guard=round_trip_guard, **options(upstream)
        )
        stream = await guardrail.acompletion(
            messages=[{"role": "user", "content": PROMPT}], guard=round_trip_guard, stream=True, **options(upstream)
        )
        streamed = "".join([chunk.choices[0].delta.content or "" async for chunk in stream if chunk.choices])
        return plain.choices[0].message.content, streamed

    # LiteLLM caches async HTTP clients per event loop, so run on one loop that lives
    # as long as the session (as in a server) rather than one asyncio.run() closes.
    plain, streamed = asyncio.run_coroutine_threadsafe(run(), session_loop()).result(timeout=30)
    assert plain == streamed == "You said: " + PROMPT


def test_blocked_input_raises_without_calling_the_model(
    round_trip_guard: Guard, upstream: tuple[RecordingUpstream, str]
) -> None:
    recorder, _ = upstream
    recorder.reset()
    with pytest.raises(BlockedError) as caught:
        guardrail.completion(
            messages=[{"role": "user", "content": "card 4111 1111 1111 1111"}],
            guard=round_trip_guard,
            **options(upstream),
        )
    assert caught.value.code == "personal_data.blocked_entity" and caught.value.stage == "input"
    assert "4111" not in str(caught.value)
    assert recorder.received == []


def test_litellm_errors_pass_through_unchanged(default_guard: Guard, upstream: tuple[RecordingUpstream, str]) -> None:
    import litellm

    with pytest.raises(litellm.InternalServerError):
        guardrail.completion(
            messages=[{"role": "user", "content": "hi"}],
            guard=default_guard,
            num_retries=0,
            **options(upstream, "error-500"),
        )


def test_demo_model_needs_no_key(default_guard: Guard) -> None:
    answer = guardrail.completion(
        model="guardrail-demo/echo", messages=[{"role": "user", "content": PROMPT}], guard=default_guard
    )
    assert "I received: I am <PERSON>, call me on <PHONE_NUMBER>." in answer.choices[0].message.content


def call_records(audit: Path) -> list[dict[str, Any]]:
    lines = [line for path in sorted(audit.glob("audit-*.jsonl")) for line in path.read_text().splitlines()]
    return [json.loads(line)["record"] for line in lines if '"kind":"call"' in line]


def test_every_wrapper_call_leaves_an_audit_record(
    round_trip_guard: Guard, upstream: tuple[RecordingUpstream, str], tmp_path: Path
) -> None:
    """Answered, streamed, refused, abandoned mid-stream or failed upstream: one
    hash-chained record each, with the evidence and without the content."""
    import litellm

    audit = tmp_path / "audit"
    records = CallRecords(audit, KeyStore(tmp_path / "keys").active)
    ask = {"messages": [{"role": "user", "content": PROMPT}], "guard": round_trip_guard, "audit": records}
    guardrail.completion(**ask, **options(upstream))
    list(guardrail.completion(**ask, stream=True, **options(upstream)))
    with pytest.raises(BlockedError):
        guardrail.completion(
            **{**ask, "messages": [{"role": "user", "content": "card 4111 1111 1111 1111"}]}, **options(upstream)
        )
    abandoned = guardrail.completion(**ask, stream=True, **options(upstream))
    next(abandoned)
    abandoned.close()
    with pytest.raises(litellm.InternalServerError):
        guardrail.completion(**ask, num_retries=0, **options(upstream, "error-500"))

    plain, streamed, refused, dropped, failed = call_records(audit)
    assert plain["path"] == "wrapper" and plain["status"] == 200 and plain["restored"] == 2
    assert plain["input_entities"] == {"PERSON": 1, "PHONE_NUMBER": 1}
    assert plain["attribution_id"].startswith("urn:uuid:") and plain["policy"].startswith("round-trip")
    assert streamed["stream_outcome"] == "completed" and streamed["attribution_id"].startswith("urn:uuid:")
    assert (refused["status"], refused["error"]) == (400, "personal_data.blocked_entity")
    assert dropped["stream_outcome"] == "client_disconnected"
    assert (failed["status"], failed["upstream_error"]) == (502, "InternalServerError")
    assert [r["model"] for r in (plain, failed)] == ["openai/echo", "openai/error-500"]
    assert verify_trail(audit).problem is None
    written = "".join(path.read_text() for path in audit.glob("*"))
    assert all(value not in written for value in ("Chan Tai Man", "9123 4567", "4111 1111"))


def test_a_failure_of_guardrails_own_is_recorded_too(
    round_trip_guard: Guard, upstream: tuple[RecordingUpstream, str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*args: Any, **kwargs: Any) -> Any:
        raise RuntimeError("a bug")

    audit = tmp_path / "audit"
    records = CallRecords(audit, KeyStore(tmp_path / "keys").active)
    monkeypatch.setattr(round_trip_guard, "guard_response", broken)
    with pytest.raises(RuntimeError):
        guardrail.completion(
            messages=[{"role": "user", "content": PROMPT}], guard=round_trip_guard, audit=records, **options(upstream)
        )
    monkeypatch.setattr(round_trip_guard, "guard_request", broken)
    with pytest.raises(RuntimeError):
        guardrail.completion(
            messages=[{"role": "user", "content": PROMPT}], guard=round_trip_guard, audit=records, **options(upstream)
        )
    assert [(r["status"], r["error"]) for r in call_records(audit)] == [(500, "internal_error")] * 2


def test_no_unrecorded_answer_where_the_tier_fails_closed(
    default_guard: Guard, upstream: tuple[RecordingUpstream, str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """High tier: a call whose intent entry cannot be written never reaches a model, and
    while the trail fails no model is called; limited tier: answered (continue). The
    trail, back, says how many records it lost."""
    recorder, _ = upstream
    audit = tmp_path / "audit"
    records = CallRecords(audit, KeyStore(tmp_path / "keys").active)
    working = records.store.append

    def disk_full(kind: str, record: dict[str, Any]) -> dict[str, Any]:
        raise OSError("no space left on device")

    monkeypatch.setattr(records.store, "append", disk_full)
    recorder.reset()
    high = {
        "messages": [{"role": "user", "content": PROMPT}],
        "guard": default_guard,
        "audit": records,
        "use_case": "healthcare-diagnostics",
        **options(upstream),
    }
    with pytest.raises(BlockedError) as withheld:  # the trail looked fine until this call's intent entry
        guardrail.completion(**high)
    assert (withheld.value.code, withheld.value.stage) == ("audit_unavailable", "input")
    assert recorder.received == []
    assert guardrail.completion(**{**high, "use_case": "general"}).choices[0].message.content
    recorder.reset()
    with pytest.raises(BlockedError) as refused:
        guardrail.completion(**high)
    assert refused.value.stage == "input" and recorder.received == []
    monkeypatch.setattr(records.store, "append", working)
    assert guardrail.completion(**high).choices[0].message.content
    entries = [
        json.loads(line) for path in sorted(audit.glob("audit-*.jsonl")) for line in path.read_text().splitlines()
    ]
    assert [e["kind"] for e in entries] == ["gap", "intent", "call"]  # the intent: before the model was called
    assert entries[0]["record"]["records_lost"] == 3 and entries[2]["record"]["status"] == 200


def test_request_parameters_are_checked_and_unknown_keywords_refused(
    default_guard: Guard, upstream: tuple[RecordingUpstream, str], tmp_path: Path
) -> None:
    from guardrail.errors import RequestError
    from tests.core.field_samples import PLANTED, PLANTED_TEXT

    recorder, _ = upstream
    recorder.reset()
    tools = [
        {
            "type": "function",
            "function": {
                "name": "lookup",
                "description": PLANTED_TEXT,
                "parameters": {"type": "object", "properties": {"who": {"type": "string", "enum": [PLANTED_TEXT]}}},
            },
        }
    ]
    records = CallRecords(tmp_path / "audit", KeyStore(tmp_path / "keys").active)
    guardrail.completion(
        messages=[{"role": "user", "content": "Hi"}],
        guard=default_guard,
        audit=records,
        tools=tools,
        user=PLANTED_TEXT,
        stop=[PLANTED_TEXT],
        **options(upstream),
    )
    received = recorder.received_text()
    assert len(recorder.received) == 1 and [value for value in PLANTED if value in received] == []
    with pytest.raises(RequestError) as raised:
        guardrail.completion(
            messages=[{"role": "user", "content": "Hi"}],
            guard=default_guard,
            audit=records,
            provider_notes=PLANTED_TEXT,
            **options(upstream),
        )
    assert raised.value.code == "unknown_parameter" and len(recorder.received) == 1
    records.close()
    answered, refused = call_records(tmp_path / "audit")
    assert (answered["status"], refused["status"], refused["error"]) == (200, 400, "unknown_parameter")
    assert PLANTED_TEXT not in json.dumps([answered, refused])
