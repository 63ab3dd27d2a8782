"""The in-process fake upstream answers as the real path does, and records what it got."""

from __future__ import annotations

import asyncio
import base64
import json
import struct
import time
from collections.abc import Iterator
from typing import Any

import pytest

from guardrail.runtime.upstream import ModelUpstream, UpstreamError
from guardrail.testing import BackgroundServer, RecordingUpstream
from guardrail.testing.fake_upstream import INVENTED, FakeUpstream, status_error

USER = [{"role": "system", "content": "Be brief."}, {"role": "user", "content": "hello there"}]


def run(coroutine: Any) -> Any:
    return asyncio.run(coroutine)


async def collect(upstream: ModelUpstream, model: str, params: dict[str, Any] | None = None) -> list[dict[str, Any]]:
    chunks = await upstream.chat_stream(model, USER, params or {})
    return [chunk async for chunk in chunks]


def text_of(chunks: list[dict[str, Any]]) -> str:
    return "".join(c["choices"][0]["delta"].get("content") or "" for c in chunks if c["choices"])


def test_echo_answers_the_last_user_text_and_records_the_request() -> None:
    fake = FakeUpstream()
    answer = run(fake.chat("echo", USER, {"temperature": 0.2}))
    assert answer["choices"][0]["message"] == {"role": "assistant", "content": "You said: hello there"}
    assert answer["choices"][0]["finish_reason"] == "stop" and answer["usage"]["total_tokens"] > 0
    assert fake.received == [{"model": "echo", "messages": USER, "temperature": 0.2}]
    assert "hello there" in fake.received_text()


def test_what_was_received_is_a_copy() -> None:
    fake = FakeUpstream()
    messages = [{"role": "user", "content": "first"}]
    run(fake.chat("echo", messages, {}))
    messages[0]["content"] = "changed afterwards"
    assert fake.received[0]["messages"] == [{"role": "user", "content": "first"}]


def test_models_are_named_before_the_colon_and_fixed_answers_its_text() -> None:
    fake = FakeUpstream()
    assert "fixed" in fake.model_names and fake.knows("fixed") and not fake.knows("gpt-17")
    answer = run(fake.chat("fixed", USER, {}))
    assert answer["choices"][0]["message"]["content"] == INVENTED
    assert answer["model"] == f"fixed:{INVENTED}"  # the upstream's own model name, as it gives it
    assert fake.provider("echo") == "openai"


def test_echo_tool_answers_with_a_tool_call_plain_and_streamed() -> None:
    fake = FakeUpstream(chunk_chars=5)
    plain = run(fake.chat("echo-tool", USER, {}))
    (call,) = plain["choices"][0]["message"]["tool_calls"]
    assert json.loads(call["function"]["arguments"]) == {"note": "You said: hello there", "priority": 1}
    assert plain["choices"][0]["finish_reason"] == "tool_calls" and "content" not in plain["choices"][0]["message"]
    chunks = run(collect(fake, "echo-tool"))
    calls = [call for c in chunks for call in c["choices"][0]["delta"].get("tool_calls") or []]
    assert calls[0]["function"]["name"] == "save_note" and calls[0]["id"] == "call_1"
    assert "".join(call["function"]["arguments"] for call in calls) == call["function"]["arguments"]
    assert chunks[-1]["choices"][0]["finish_reason"] == "tool_calls"


def test_streams_come_in_small_chunks_and_end_with_a_finish_reason() -> None:
    fake = FakeUpstream(chunk_chars=3)
    chunks = run(collect(fake, "echo"))
    assert text_of(chunks) == "You said: hello there"
    pieces = [c["choices"][0]["delta"]["content"] for c in chunks[1:-1]]
    assert all(len(piece) <= 3 for piece in pieces) and len(pieces) == 7
    assert [c["choices"][0].get("finish_reason") for c in chunks] == [None] * 8 + ["stop"]
    assert all(c["object"] == "chat.completion.chunk" for c in chunks)
    assert fake.streams_finished == 1 and fake.received[0]["stream"] is True


def test_usage_comes_last_when_asked_for() -> None:
    fake = FakeUpstream()
    chunks = run(collect(fake, "echo", {"stream_options": {"include_usage": True}}))
    assert chunks[-1]["usage"]["completion_tokens"] > 0 and chunks[-2]["choices"][0]["finish_reason"] == "stop"
    assert all("usage" not in c for c in run(collect(fake, "echo")))


def test_chunks_are_spaced_by_the_delay() -> None:
    fake = FakeUpstream(chunk_chars=2, chunk_delay=0.01)
    started = time.perf_counter()
    run(collect(fake, "echo"))
    assert time.perf_counter() - started >= 0.1  # 11 pieces of text, 10 ms apart


@pytest.mark.parametrize(
    ("model", "status", "code"), [("error-500", 502, "upstream_error"), ("error-429", 429, "upstream_rate_limited")]
)
@pytest.mark.parametrize("stream", [False, True])
def test_error_models_fail_as_the_proxy_maps_them(model: str, status: int, code: str, stream: bool) -> None:
    fake = FakeUpstream()
    with pytest.raises(UpstreamError) as caught:
        run(collect(fake, model) if stream else fake.chat(model, USER, {}))
    assert (caught.value.status, caught.value.code) == (status, code)
    assert len(fake.received) == 1  # received, then failed


@pytest.fixture(scope="module")
def router_upstream() -> Iterator[Any]:
    """The proxy's real upstream: LiteLLM's Router over HTTP to the recording upstream."""
    from guardrail.adapters.upstream import Upstream

    statuses = [f"error-{status}" for status in STATUSES]
    with BackgroundServer(RecordingUpstream().app) as server:
        yield Upstream(
            [
                {"model_name": name, "litellm_params": {"model": f"openai/{name}", "api_base": f"{server.url}/v1"}}
                for name in statuses
            ],
            timeout=10,
        )


STATUSES = [400, 401, 402, 403, 404, 408, 409, 413, 422, 429, 500, 501, 502, 503, 504]


@pytest.mark.parametrize("status", STATUSES)
def test_each_status_fails_as_the_router_upstream_fails_for_it(router_upstream: Any, status: int) -> None:
    """The fake's table against the real path: LiteLLM's exception for an HTTP status,
    translated by guardrail.adapters.upstream."""
    with pytest.raises(UpstreamError) as real:
        run(router_upstream.chat(f"error-{status}", USER, {"api_key": "k"}))
    fake = status_error(status)
    described = (fake.status, fake.code, str(fake), fake.cause_type)
    assert described == (real.value.status, real.value.code, str(real.value), real.value.cause_type)


def test_slow_waits_and_times_out_past_the_timeout() -> None:
    fake = FakeUpstream(slow_seconds=0.2)
    started = time.perf_counter()
    assert run(fake.chat("slow", USER, {}))["choices"][0]["message"]["content"] == "You said: hello there"
    assert time.perf_counter() - started >= 0.2
    hasty = FakeUpstream(slow_seconds=5.0, timeout=0.05)
    started = time.perf_counter()
    with pytest.raises(UpstreamError) as caught:
        run(hasty.chat("slow", USER, {}))
    assert (caught.value.status, caught.value.code) == (504, "upstream_timeout")
    assert time.perf_counter() - started < 1.0


def test_cut_stream_ends_with_the_incomplete_error_after_its_text() -> None:
    fake = FakeUpstream()
    seen: list[dict[str, Any]] = []

    async def read() -> None:
        async for chunk in await fake.chat_stream("cut-stream", USER, {}):
            seen.append(chunk)

    with pytest.raises(UpstreamError) as caught:
        run(read())
    assert caught.value.code == "upstream_incomplete" and caught.value.cause_type == "IncompleteStream"
    assert text_of(seen) == "You said: hello there" and not any(c["choices"][0].get("finish_reason") for c in seen)


def test_an_injected_cut_stops_the_next_stream_silently_or_with_an_error() -> None:
    fake = FakeUpstream(chunk_chars=2)
    fake.cut_next(after_chunks=3)
    silent = run(collect(fake, "echo"))
    assert text_of(silent) == "You said: hello there"[:6]
    assert not any(c["choices"][0].get("finish_reason") for c in silent)
    fake.cut_next(after_chunks=1, error=ConnectionResetError("peer went away"))
    with pytest.raises(ConnectionResetError):
        run(collect(fake, "echo"))
    assert text_of(run(collect(fake, "echo"))) == "You said: hello there"  # one stream each
    assert fake.streams_finished == 1


def test_an_injected_failure_fails_the_next_call_only() -> None:
    fake = FakeUpstream()
    fake.fail_next(UpstreamError(503, "upstream_unavailable", "down", cause_type="Test"))
    fake.fail_next(RuntimeError("a provider library's own error"))
    with pytest.raises(UpstreamError):
        run(fake.chat("echo", USER, {}))
    with pytest.raises(RuntimeError) as caught:
        run(collect(fake, "echo"))
    described = fake.failure(caught.value)
    assert (described.status, described.code, described.cause_type) == (502, "upstream_error", "RuntimeError")
    assert run(fake.chat("echo", USER, {}))["choices"][0]["message"]["content"] == "You said: hello there"
    assert len(fake.received) == 3
    fake.fail_next(RuntimeError("never raised"))
    fake.reset()
    assert run(fake.chat("echo", USER, {})) and fake.received[0]["model"] == "echo"


def test_closing_a_stream_early_counts_as_cancelled() -> None:
    fake = FakeUpstream(chunk_chars=1)

    async def read_two() -> None:
        chunks = await fake.chat_stream("echo", USER, {})
        await anext(chunks)
        await anext(chunks)
        await chunks.aclose()  # type: ignore[attr-defined]

    run(read_two())
    assert (fake.streams_cancelled, fake.streams_finished) == (1, 0)


def test_embeddings_as_floats_or_base64_without_telling_the_model() -> None:
    fake = FakeUpstream()
    floats = run(fake.embeddings("echo", ["a", "bbb"], {}))
    assert [item["embedding"] for item in floats["data"]] == [[1.0, 0.5, 0.25], [3.0, 0.5, 0.25]]
    encoded = run(fake.embeddings("echo", ["bbb"], {"encoding_format": "base64"}))["data"][0]["embedding"]
    assert struct.unpack("<3f", base64.b64decode(encoded)) == (3.0, 0.5, 0.25)
    assert fake.received[-1] == {"model": "echo", "input": ["bbb"]}


def test_an_app_thread_and_the_test_thread_share_it() -> None:
    """The proxy's event loop runs in another thread under Starlette's TestClient."""
    import threading

    fake = FakeUpstream()
    threads = [threading.Thread(target=lambda: run(fake.chat("echo", USER, {}))) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(fake.received) == 8 and len(json.loads(fake.received_text())) == 8
