"""Upstream connections closed while idle, errors that must not be repeated, and
clients that send their requests too slowly.

The upstream is real (uvicorn, closing idle connections) and reached through LiteLLM's
Router, whose pooled connections are what goes stale; the proxy in front of it runs
in-process for those tests (``TestClient``: one event loop, as in a uvicorn worker).
The deadline tests need the proxy's own uvicorn protocol, so they run it for real."""

from __future__ import annotations

import json
import socket
import threading
import time
from collections import Counter
from collections.abc import Iterator

import httpx
import pytest
from starlette.testclient import TestClient

from guardrail.adapters import upstream as upstream_module
from guardrail.adapters.proxy.app import Proxy, create_app
from guardrail.adapters.proxy.config import ServerConfig
from guardrail.adapters.proxy.deadlines import HeadDeadlineProtocol
from guardrail.runtime import Guard
from guardrail.testing import BackgroundServer, RecordingUpstream
from tests.adapters.conftest import model_list

POLICY = """
id: limits-only
version: "1.0.0"
default_use_case: general
use_cases:
  general: { tier: low }
checks:
  - name: request-limits
    type: request_limits
    stages: [input]
    dimensions: [system_security]
    principles: [practicality_efficiency]
    timeout_ms: 1000
    settings: { max_chars: 10000 }
"""


@pytest.fixture(scope="module")
def closing_upstream() -> Iterator[tuple[RecordingUpstream, str]]:
    """A healthy upstream that closes every connection idle for 50 ms."""
    recorder = RecordingUpstream()
    with BackgroundServer(recorder.app, timeout_keep_alive=0.05) as server:
        yield recorder, server.url


@pytest.fixture(scope="module")
def proxy_client(
    closing_upstream: tuple[RecordingUpstream, str], tmp_path_factory: pytest.TempPathFactory
) -> Iterator[TestClient]:
    folder = tmp_path_factory.mktemp("resilience")
    (folder / "policy.yaml").write_text(POLICY, encoding="utf-8")
    config = ServerConfig(
        model_list=model_list(closing_upstream[1]),
        policy="limits-only",
        data_dir=folder / "data",
        upstream_timeout_seconds=5.0,
    )
    proxy = Proxy(config, guards={"limits-only": Guard.from_policy(folder / "policy.yaml")})
    with TestClient(create_app(proxy)) as http:
        yield http


def load(http: TestClient, calls: int, *, concurrency: int = 8, model: str = "echo") -> Counter[int]:
    """``calls`` short chats from ``concurrency`` clients, each pausing now and then
    for as long as the upstream keeps idle connections, so that some go stale."""
    statuses: Counter[int] = Counter()
    lock = threading.Lock()

    def client(count: int) -> None:
        for n in range(count):
            response = http.post(
                "/v1/chat/completions", json={"model": model, "messages": [{"role": "user", "content": "hi"}]}
            )
            with lock:
                statuses[response.status_code] += 1
            if n % 7 == 0:
                time.sleep(0.05)

    threads = [threading.Thread(target=client, args=(calls // concurrency,)) for _ in range(concurrency)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return statuses


def test_without_retries_stale_connections_fail_some_calls(
    proxy_client: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The scenario is real: with nothing sent again, some calls fail with 502."""
    monkeypatch.setattr(upstream_module, "CONNECTION_RETRIES", 0)
    assert load(proxy_client, 240)[502] > 0


def test_a_thousand_calls_against_an_upstream_closing_idle_connections_give_no_502(proxy_client: TestClient) -> None:
    assert load(proxy_client, 1000) == Counter({200: 1000})


def test_an_upstream_error_answer_is_not_sent_again(
    proxy_client: TestClient, closing_upstream: tuple[RecordingUpstream, str]
) -> None:
    recorder, _ = closing_upstream
    recorder.reset()
    response = proxy_client.post(
        "/v1/chat/completions",
        json={"model": "error-500", "messages": [{"role": "user", "content": "hi"}]},
    )
    assert response.status_code == 502
    assert len(recorder.received) == 1


class QuickDeadline(HeadDeadlineProtocol):
    head_timeout = 0.3
    max_head_bytes = 4096


@pytest.fixture(scope="module")
def deadline_url(
    closing_upstream: tuple[RecordingUpstream, str], tmp_path_factory: pytest.TempPathFactory
) -> Iterator[str]:
    folder = tmp_path_factory.mktemp("deadline")
    (folder / "policy.yaml").write_text(POLICY, encoding="utf-8")
    config = ServerConfig(model_list=model_list(closing_upstream[1]), policy="limits-only", data_dir=folder / "data")
    proxy = Proxy(config, guards={"limits-only": Guard.from_policy(folder / "policy.yaml")})
    with BackgroundServer(create_app(proxy), http=QuickDeadline) as server:
        yield server.url


def connect(url: str) -> socket.socket:
    host, port = url.removeprefix("http://").split(":")
    return socket.create_connection((host, int(port)), timeout=5)


def read_all(sock: socket.socket) -> bytes:
    chunks = []
    while chunk := sock.recv(4096):
        chunks.append(chunk)
    return b"".join(chunks)


def test_a_request_head_sent_too_slowly_is_answered_408_and_closed(deadline_url: str) -> None:
    with connect(deadline_url) as sock:
        started = time.monotonic()
        sock.sendall(b"GET /health/live HTTP/1.1\r\n")
        try:
            for _ in range(20):  # one header line every 0.1 s: never done within 0.3 s
                sock.sendall(b"x-slow: 1\r\n")
                time.sleep(0.1)
        except OSError:
            pass  # closed by the server, as it should be
        answer = read_all(sock)
    assert answer.startswith(b"HTTP/1.1 408") and time.monotonic() - started < 1.5


def test_a_connection_that_sends_nothing_is_closed(deadline_url: str) -> None:
    with connect(deadline_url) as sock:
        started = time.monotonic()
        assert read_all(sock).startswith(b"HTTP/1.1 408")
    assert time.monotonic() - started < 1.0


def test_requests_in_time_are_served_on_a_kept_alive_connection(deadline_url: str) -> None:
    with httpx.Client(base_url=deadline_url) as http:
        for _ in range(3):
            assert http.get("/health/live").status_code == 200
            time.sleep(0.4)  # longer than the head deadline, between requests: not a slow head


def test_unauthenticated_readiness_names_no_policy_file_or_model(deadline_url: str) -> None:
    ready = httpx.get(f"{deadline_url}/health/ready").json()
    assert ready["status"] == "ready" and ready["audit"] == "ok"
    assert ready["policies"] == 1 and ready["models"] == len(model_list("http://x"))
    assert ready["vault"] == {"evicted_conversations": 0, "unpseudonymised_values": 0}
    text = json.dumps(ready)
    assert "limits-only" not in text and "echo" not in text


def test_a_request_head_larger_than_the_limit_is_answered_431(deadline_url: str) -> None:
    with connect(deadline_url) as sock:
        sock.sendall(b"GET /health/live HTTP/1.1\r\n" + b"x-big: " + b"a" * 5000 + b"\r\n")
        assert read_all(sock).startswith(b"HTTP/1.1 431")


def test_a_large_body_sent_with_its_head_is_not_mistaken_for_a_large_head(deadline_url: str) -> None:
    body = json.dumps({"model": "echo", "messages": [{"role": "user", "content": "x" * 8_000}]})
    assert (
        httpx.post(
            f"{deadline_url}/v1/chat/completions",
            content=body,
            headers={"content-type": "application/json"},
            timeout=30,
        ).status_code
        == 200
    )
