"""What the proxy's trail says is true: on a full disk, under ``continue`` every answer
goes out and each lost record is counted, under ``refuse`` no answer goes out
unrecorded (folder and SQLite alike); an upstream stream that is cut is an error
event and an ``upstream_error`` record, never a signed complete answer."""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import httpx
import pytest

from guardrail.adapters.proxy.app import Proxy, create_app
from guardrail.adapters.proxy.config import ServerConfig
from guardrail.attribution import load_jwks
from guardrail.attribution.manifest import FIELD
from guardrail.audit import verify_trail
from guardrail.runtime import Guard
from guardrail.testing import BackgroundServer, RecordingUpstream
from tests.audit.disks import fill

POLICY = """
id: light-{mode}
version: "1.0.0"
default_use_case: general
use_cases:
  general: {{ tier: limited }}
audit: {{ on_write_error: {mode} }}
checks:
  - name: secrets
    type: secrets
    stages: [input, output]
    dimensions: [system_security]
    principles: [security_transparency]
    settings: {{ action: redact }}
"""
MODELS = ["echo", "cut-stream", "empty-body", "cut-body"]


@pytest.fixture(scope="module")
def recorder() -> Iterator[tuple[RecordingUpstream, str]]:
    upstream = RecordingUpstream(chunk_chars=3)
    with BackgroundServer(upstream.app) as server:
        yield upstream, server.url


@contextmanager
def proxy(
    upstream_url: str, data_dir: Path, policy_dir: Path, mode: str = "continue", store: str = "folder"
) -> Iterator[str]:
    policy = policy_dir / f"light-{mode}.yaml"
    policy.write_text(POLICY.format(mode=mode))
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
    with BackgroundServer(create_app(Proxy(config, guards={str(policy): Guard.from_policy(str(policy))}))) as server:
        yield server.url


def chat(url: str, model: str = "echo", *, stream: bool = False) -> httpx.Response:
    body = {"model": model, "stream": stream, "messages": [{"role": "user", "content": "hello there"}]}
    return httpx.post(f"{url}/v1/chat/completions", json=body, timeout=30)


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
    recorder: tuple[RecordingUpstream, str],
    mode: str,
    store: str,
) -> None:
    upstream, url_up = recorder
    data = small_disk / "data"
    with proxy(url_up, data, tmp_path, mode, store) as url:
        assert chat(url).status_code == 200 and chat(url, stream=True).status_code == 200
        filler = fill(small_disk)
        upstream.reset()
        answers = [chat(url), chat(url, stream=True), chat(url), chat(url, stream=True), chat(url)]
        ready = httpx.get(url + "/health/ready").json()
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
        assert chat(url).status_code == 200
        assert httpx.get(url + "/health/ready").json()["audit"] == "ok"
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
