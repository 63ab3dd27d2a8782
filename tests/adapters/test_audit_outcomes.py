"""What the proxy's trail says is true: on a full disk, under ``continue`` every answer
goes out and each lost record is counted, under ``refuse`` no answer goes out
unrecorded (folder and SQLite alike); an upstream stream that is cut is an error
event and an ``upstream_error`` record, never a signed complete answer.

The full disk is tried in-process (``TestClient`` over a :class:`FakeUpstream`); the cut
streams over real HTTP through LiteLLM, whose made-up ending the Router upstream must
catch, and in-process for a cut the upstream itself reports."""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import httpx
import pytest
from starlette.testclient import TestClient

from guardrail.adapters.proxy.app import Proxy, create_app
from guardrail.adapters.proxy.config import ServerConfig
from guardrail.attribution import load_jwks
from guardrail.attribution.manifest import FIELD
from guardrail.audit import verify_trail
from guardrail.runtime import Guard
from guardrail.testing import BackgroundServer, FakeUpstream, RecordingUpstream
from tests.adapters.light_policy import light_policy
from tests.audit.disks import fill

MODELS = ["echo", "cut-stream", "empty-body", "cut-body"]


@pytest.fixture(scope="module")
def recorder() -> Iterator[tuple[RecordingUpstream, str]]:
    upstream = RecordingUpstream(chunk_chars=3)
    with BackgroundServer(upstream.app) as server:
        yield upstream, server.url


def light_config(
    data_dir: Path, policy_dir: Path, mode: str, store: str, upstream_url: str = "http://upstream.invalid"
) -> tuple[ServerConfig, dict[str, Guard]]:
    policy = policy_dir / f"light-{mode}.yaml"
    policy.write_text(light_policy(mode))
    models = [
        {
            "model_name": name,
            "litellm_params": {"model": f"openai/{name}", "api_base": f"{upstream_url}/v1", "api_key": "k"},
        }
        for name in MODELS
    ]
    config = ServerConfig(
        model_list=models, data_dir=data_dir, policy=str(policy), audit_store=store, upstream_timeout_seconds=5.0
    )
    return config, {str(policy): Guard.from_policy(str(policy))}


@contextmanager
def proxy(
    upstream_url: str, data_dir: Path, policy_dir: Path, mode: str = "continue", store: str = "folder"
) -> Iterator[str]:
    """The proxy over real HTTP, in front of the recording upstream through LiteLLM."""
    config, guards = light_config(data_dir, policy_dir, mode, store, upstream_url)
    with BackgroundServer(create_app(Proxy(config, guards=guards))) as server:
        yield server.url


@contextmanager
def in_process(
    upstream: FakeUpstream, data_dir: Path, policy_dir: Path, mode: str = "continue", store: str = "folder"
) -> Iterator[TestClient]:
    """The proxy in-process, over ``upstream``."""
    config, guards = light_config(data_dir, policy_dir, mode, store)
    with TestClient(create_app(Proxy(config, guards=guards, upstream=upstream))) as http:
        yield http


def chat(target: str | TestClient, model: str = "echo", *, stream: bool = False) -> httpx.Response:
    """A chat request to a real proxy at a base URL, or to an in-process one."""
    body = {"model": model, "stream": stream, "messages": [{"role": "user", "content": "hello there"}]}
    if isinstance(target, str):
        return httpx.post(f"{target}/v1/chat/completions", json=body, timeout=30)
    return target.post("/v1/chat/completions", json=body)


def sse(response: httpx.Response) -> list[Any]:
    return [
        json.loads(line[6:]) if line != "data: [DONE]" else "[DONE]"
        for line in response.text.splitlines()
        if line.startswith("data: ")
    ]


@pytest.mark.parametrize("store", ["folder", "sqlite"])
@pytest.mark.parametrize("mode", ["continue", "refuse"])
def test_a_full_disk_under_continue_and_refuse(
    small_disk: Path,
    tmp_path: Path,
    mode: str,
    store: str,
) -> None:
    upstream = FakeUpstream(MODELS)
    data = small_disk / "data"
    with in_process(upstream, data, tmp_path, mode, store) as http:
        assert chat(http).status_code == 200 and chat(http, stream=True).status_code == 200
        filler = fill(small_disk)
        upstream.reset()
        answers = [chat(http), chat(http, stream=True), chat(http), chat(http, stream=True), chat(http)]
        ready = http.get("/health/ready").json()
        if mode == "refuse":
            assert [a.status_code for a in answers] == [503] * 5
            assert all(a.json()["error"]["code"] == "audit_unavailable" for a in answers)
            # No answer left. A call reached the model only if its intent was written first
            # (a small entry may still fit in the last page of a full tmpfs).
            assert len(upstream.received) <= 1
        else:
            assert [a.status_code for a in answers] == [200] * 5
            assert all(sse(a)[-1] == "[DONE]" for a in answers[1::2])
        assert ready["audit"] == "failing"
        filler.unlink()
        assert chat(http).status_code == 200
        assert http.get("/health/ready").json()["audit"] == "ok"
    trail = data / ("audit.sqlite3" if store == "sqlite" else "audit")
    report = verify_trail(trail, load_jwks((data / "checkpoint-jwks.json").read_text()))
    assert report.intact, report.problem
    assert report.records_lost == 5 and report.calls == 3 and report.open_intents == 0
    if mode == "refuse":
        intents = {e for e in _kinds(trail, "intent")}
        assert len(upstream.received) <= len(intents) - 2  # since the fill: the model saw no call not begun


def _kinds(trail: Path, kind: str) -> list[str]:
    if trail.is_dir():
        lines = [line for day in sorted(trail.glob("audit-*.jsonl")) for line in day.read_text().splitlines()]
    else:
        import sqlite3
        from contextlib import closing

        with closing(sqlite3.connect(trail)) as connection:
            lines = [text for (text,) in connection.execute("SELECT line FROM entries ORDER BY id")]
    return [json.loads(line)["record"]["request_id"] for line in lines if json.loads(line)["kind"] == kind]


@pytest.mark.parametrize("model", ["cut-stream", "empty-body", "cut-body"])
def test_a_cut_upstream_stream_is_an_error_never_a_signed_complete_answer(
    tmp_path: Path, recorder: tuple[RecordingUpstream, str], model: str
) -> None:
    _, url_up = recorder
    with proxy(url_up, tmp_path / "data", tmp_path) as url:
        streamed = chat(url, model, stream=True)
        plain = chat(url, model) if model != "cut-stream" else None
    events = sse(streamed)
    assert streamed.status_code == 200  # the stream had started: the failure comes as an event
    assert "[DONE]" not in events and not any(FIELD in e for e in events if isinstance(e, dict))
    assert events[-1]["error"]["code"] == "upstream_incomplete"
    finishes = [c.get("finish_reason") for e in events[:-1] for c in e.get("choices") or []]
    assert not any(finishes)  # nothing claims the answer finished
    if plain is not None:
        assert plain.status_code == 502
    entries = [
        json.loads(line)
        for day in sorted((tmp_path / "data" / "audit").glob("audit-*.jsonl"))
        for line in day.read_text().splitlines()
    ]
    (record, *_) = [e["record"] for e in entries if e["kind"] == "call" and e["record"].get("stream")]
    assert record["stream_outcome"] == "upstream_error" and record["upstream_error"] == "IncompleteStream"
    assert "attribution_id" not in record


def streamed_record(data: Path) -> dict[str, Any]:
    entries = [
        json.loads(line)
        for day in sorted((data / "audit").glob("audit-*.jsonl"))
        for line in day.read_text().splitlines()
    ]
    (record,) = [e["record"] for e in entries if e["kind"] == "call" and e["record"].get("stream")]
    return record


@pytest.mark.parametrize(
    ("how", "code", "cause"),
    [
        ("reported", "upstream_incomplete", "IncompleteStream"),
        ("raised", "upstream_error", "ConnectionResetError"),
    ],
)
def test_a_stream_the_upstream_cuts_is_an_error_event_and_an_upstream_error_record(
    tmp_path: Path, how: str, code: str, cause: str
) -> None:
    """In-process: the upstream says its stream was cut (as the Router upstream does), or
    its chunks raise a provider library's own exception mid-way."""
    upstream = FakeUpstream(MODELS, chunk_chars=3)
    if how == "raised":
        upstream.cut_next(after_chunks=2, error=ConnectionResetError("the peer went away"))
    with in_process(upstream, tmp_path / "data", tmp_path) as http:
        streamed = chat(http, "cut-stream" if how == "reported" else "echo", stream=True)
    events = sse(streamed)
    assert streamed.status_code == 200
    assert "[DONE]" not in events and not any(FIELD in e for e in events if isinstance(e, dict))
    assert events[-1]["error"]["code"] == code and "peer" not in streamed.text
    assert not any(c.get("finish_reason") for e in events[:-1] for c in e.get("choices") or [])
    record = streamed_record(tmp_path / "data")
    assert record["stream_outcome"] == "upstream_error" and record["upstream_error"] == cause
    assert "attribution_id" not in record


def test_a_stream_that_stops_without_a_finish_reason_is_not_a_signed_complete_answer(tmp_path: Path) -> None:
    """An upstream whose stream just stops (no finish_reason, no error) has not finished."""
    upstream = FakeUpstream(MODELS, chunk_chars=3)
    upstream.cut_next(after_chunks=2)
    with in_process(upstream, tmp_path / "data", tmp_path) as http:
        streamed = chat(http, stream=True)
    events = sse(streamed)
    record = streamed_record(tmp_path / "data")
    assert (record["stream_outcome"], "[DONE]" in events) == ("upstream_error", False)
    assert not any(FIELD in e for e in events if isinstance(e, dict)) and "attribution_id" not in record
