"""``guardrail.completion`` / ``acompletion``: the same guard in-process over LiteLLM."""

from __future__ import annotations

import asyncio
import threading

import pytest

import guardrail
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


def test_completion_redacts_upstream_and_restores(round_trip_guard: Guard, upstream: tuple[RecordingUpstream, str]) -> None:
    recorder, _ = upstream
    recorder.reset()
    answer = guardrail.completion(messages=[{"role": "user", "content": PROMPT}], guard=round_trip_guard, **options(upstream))
    assert "Chan Tai Man" not in recorder.received_text() and "9123 4567" not in recorder.received_text()
    assert answer.choices[0].message.content == "You said: " + PROMPT
    assert answer._hidden_params["guardrail_request_id"]


def test_completion_streams(round_trip_guard: Guard, upstream: tuple[RecordingUpstream, str]) -> None:
    chunks = guardrail.completion(messages=[{"role": "user", "content": PROMPT}], guard=round_trip_guard,
                                  stream=True, **options(upstream))
    text = "".join(chunk.choices[0].delta.content or "" for chunk in chunks if chunk.choices)
    assert text == "You said: " + PROMPT


def test_acompletion_plain_and_streamed(round_trip_guard: Guard, upstream: tuple[RecordingUpstream, str]) -> None:
    async def run() -> tuple[str, str]:
        plain = await guardrail.acompletion(messages=[{"role": "user", "content": PROMPT}],
                                            guard=round_trip_guard, **options(upstream))
        stream = await guardrail.acompletion(messages=[{"role": "user", "content": PROMPT}],
                                             guard=round_trip_guard, stream=True, **options(upstream))
        streamed = "".join([chunk.choices[0].delta.content or "" async for chunk in stream if chunk.choices])
        return plain.choices[0].message.content, streamed

    # LiteLLM caches async HTTP clients per event loop, so run on one loop that lives
    # as long as the session (as in a server) rather than one asyncio.run() closes.
    plain, streamed = asyncio.run_coroutine_threadsafe(run(), session_loop()).result(timeout=30)
    assert plain == streamed == "You said: " + PROMPT


def test_blocked_input_raises_without_calling_the_model(round_trip_guard: Guard, upstream: tuple[RecordingUpstream, str]) -> None:
    recorder, _ = upstream
    recorder.reset()
    with pytest.raises(BlockedError) as caught:
        guardrail.completion(messages=[{"role": "user", "content": "card 4111 1111 1111 1111"}],
                             guard=round_trip_guard, **options(upstream))
    assert caught.value.code == "personal_data.blocked_entity" and caught.value.stage == "input"
    assert "4111" not in str(caught.value)
    assert recorder.received == []


def test_litellm_errors_pass_through_unchanged(default_guard: Guard, upstream: tuple[RecordingUpstream, str]) -> None:
    import litellm

    with pytest.raises(litellm.InternalServerError):
        guardrail.completion(messages=[{"role": "user", "content": "hi"}], guard=default_guard,
                             num_retries=0, **options(upstream, "error-500"))


def test_demo_model_needs_no_key(default_guard: Guard) -> None:
    answer = guardrail.completion(model="guardrail-demo/echo", messages=[{"role": "user", "content": PROMPT}],
                                  guard=default_guard)
    assert "I received: I am <PERSON>, call me on <PHONE_NUMBER>." in answer.choices[0].message.content
