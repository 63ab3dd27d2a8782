"""``guardrail serve`` as a real process: embedded default, workers, config errors."""

from __future__ import annotations

import contextlib
import json
import os
import subprocess
import sys
import threading
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest

from guardrail.testing import RecordingUpstream, free_port, server_process
from tests.adapters.conftest import run_cli
from tests.adapters.light_policy import write_light_config

GUARDRAIL = [sys.executable, "-m", "guardrail.cli"]


@contextmanager
def serving(*args: str, cwd: Path, env: dict[str, str] | None = None) -> Iterator[str]:
    """``guardrail serve ARGS`` on a free port, run from ``cwd``; yields its base URL.

    Start-up may take up to 4 minutes: two workers each loading the default policy's
    language models took over 90 s on two busy cores. How fast it starts is not what
    these tests check."""
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    with server_process(
        [*GUARDRAIL, "serve", "--port", str(port), *args],
        f"{url}/health/ready",
        cwd=cwd,
        env=env,
        timeout=240,
        log_path=cwd / "server.log",
    ):
        yield url


def audit_records(data_dir: Path) -> list[dict]:
    """The call records of an audit folder (entries of kind "call")."""
    out = []
    for path in sorted((data_dir / "audit").glob("audit-*.jsonl")):
        for line in path.read_text().splitlines():
            entry = json.loads(line)
            if entry["kind"] == "call":
                out.append(entry["record"])
    return out


@dataclass
class Embedded:
    """``guardrail serve`` with no config (the embedded default) as its own process: what
    it said on stderr up to ``ready``, and the answer to the first request after that."""

    url: str
    cwd: Path
    said: list[str]
    first: httpx.Response


@pytest.fixture(scope="module")
def embedded(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Embedded]:
    """One start of the embedded default (the policy's language models: seconds) for the
    tests of it. The first request is sent the moment ``ready`` is said, with no retry."""
    cwd = tmp_path_factory.mktemp("embedded")
    port = free_port()
    process = subprocess.Popen(
        [*GUARDRAIL, "serve", "--port", str(port)],
        cwd=cwd,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert process.stderr is not None
    drain = threading.Thread(target=process.stderr.read, daemon=True)
    try:
        lines: list[str] = []
        for line in process.stderr:
            lines.append(line)
            if "ready on" in line:
                break
        url = f"http://127.0.0.1:{port}"
        first = httpx.post(
            url + "/v1/chat/completions",
            timeout=30,
            json={"model": "guardrail-demo", "messages": [{"role": "user", "content": "hello"}]},
        )
        drain.start()  # its log lines go on to stderr: keep the pipe drained
        yield Embedded(url, cwd, lines, first)
    finally:
        process.terminate()
        process.wait(timeout=30)
        if drain.is_alive():
            drain.join(timeout=10)
        process.stderr.close()


def test_ready_is_announced_only_once_calls_succeed(embedded: Embedded) -> None:
    lines = embedded.said
    assert lines and "ready on" in lines[-1], "".join(lines)
    assert lines[-1].strip().startswith(f"guardrail: ready on {embedded.url}/v1 (")
    # No retry: the very first request after the line must be served.
    assert embedded.first.status_code == 200
    progress = "".join(lines[:-1])
    assert "starting the proxy" in progress and "loading policy hk-genai-2025" in progress
    assert "loading LiteLLM's router" in progress


def test_embedded_default_serves_the_demo_model_offline(embedded: Embedded) -> None:
    answer = httpx.post(
        embedded.url + "/v1/chat/completions",
        timeout=30,
        json={
            "model": "guardrail-demo",
            "messages": [{"role": "user", "content": "I am Chan Tai Man, HKID A123456(3)"}],
        },
    )
    assert answer.status_code == 200
    content = answer.json()["choices"][0]["message"]["content"]
    assert "<PERSON>" in content and "<HK_ID>" in content and "Chan Tai Man" not in content
    records = audit_records(embedded.cwd / ".guardrail")
    ids = [embedded.first.headers["x-guardrail-request-id"], answer.headers["x-guardrail-request-id"]]
    assert [r["request_id"] for r in records] == ids  # the first request's and this one's: no other
    assert "Chan Tai Man" not in json.dumps(records) and "A123456" not in json.dumps(records)
    assert records[1]["input_entities"] == {"PERSON": 1, "HK_ID": 1}


def test_two_workers_with_a_config_file(tmp_path: Path, upstream: tuple[RecordingUpstream, str]) -> None:
    recorder, upstream_url = upstream
    config = tmp_path / "config.yaml"
    config.write_text(f"""
policy: hk-genai-2025
model_list:
  - model_name: echo
    litellm_params: {{model: openai/echo, api_base: "{upstream_url}/v1", api_key: os.environ/TEST_UPSTREAM_KEY}}
keys:
  - {{key: os.environ/TEST_CLIENT_KEY, tenant: acme}}
""")
    env = {"TEST_UPSTREAM_KEY": "up-key", "TEST_CLIENT_KEY": "client-key"}
    recorder.reset()
    with (
        serving("--config", str(config), "--workers", "2", cwd=tmp_path, env=env) as url,
        httpx.Client(base_url=url, headers={"authorization": "Bearer client-key"}) as http,
    ):
        statuses = [
            http.post(
                "/v1/chat/completions",
                json={
                    "model": "echo",
                    "messages": [{"role": "user", "content": f"Call Chan Tai Man on 9123 45{i:02d}"}],
                },
            ).status_code
            for i in range(20)
        ]
        unauthorised = httpx.get(url + "/v1/models").status_code
    assert statuses == [200] * 20 and unauthorised == 401
    assert "Chan Tai Man" not in recorder.received_text() and "9123 45" not in recorder.received_text()
    server_output = (tmp_path / "server.log").read_text()
    events = [json.loads(line) for line in server_output.splitlines() if line.startswith("{")]
    assert sum(event.get("event") == "call" for event in events) == 21
    records = audit_records(tmp_path / ".guardrail")
    assert len(records) == 21 and len({r["request_id"] for r in records}) == 21
    verified = subprocess.run(
        [
            *GUARDRAIL,
            "audit",
            "verify",
            str(tmp_path / ".guardrail" / "audit"),
            "--jwks",
            str(tmp_path / ".guardrail" / "jwks.json"),
        ],
        check=False,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert verified.returncode == 0, verified.stdout + verified.stderr
    assert len(list((tmp_path / ".guardrail" / "keys").glob("*.pem"))) == 1  # one key for both workers
    assert "Chan Tai Man" not in server_output and "9123 45" not in server_output


def run_serve(
    *args: str, cwd: Path, env: dict[str, str] | None = None, process: bool = False
) -> subprocess.CompletedProcess[str]:
    """``guardrail serve ARGS`` from ``cwd``, for start-ups that are refused: in this
    process (the refusal comes before anything is loaded or logged), or with ``process``
    as its own process, where what happens before the refusal matters."""
    if not process:
        assert env is None
        with contextlib.chdir(cwd):
            return run_cli("serve", *args)
    return subprocess.run(
        [*GUARDRAIL, "serve", *args],
        cwd=cwd,
        check=False,
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, **(env or {})},
    )


def test_refuses_a_public_address_without_keys(tmp_path: Path) -> None:
    result = run_serve("--host", "0.0.0.0", "--port", str(free_port()), cwd=tmp_path)
    assert result.returncode == 2
    assert "refusing to listen on 0.0.0.0 with no API keys" in result.stderr


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("model_list: [", "not valid YAML"),
        ("polcy: x\n", "polcy: Extra inputs are not permitted"),
        ("model_list:\n  - model_name: m\n    litellm_params: {api_base: x}\n", "litellm_params.model is required"),
        (
            "model_list:\n  - model_name: m\n    litellm_params: {model: openai/m, api_key: os.environ/NOT_SET_ANYWHERE}\n",
            "model_list[0].litellm_params.api_key: environment variable NOT_SET_ANYWHERE is not set",
        ),
        ("policy: no-such-policy\n", "no-such-policy"),  # found while loading: its own process
    ],
)
def test_broken_config_stops_start_up_with_the_field(tmp_path: Path, text: str, message: str) -> None:
    config = tmp_path / "config.yaml"
    config.write_text(text)
    process = "no-such-policy" in text
    result = run_serve("--config", str(config), "--port", str(free_port()), cwd=tmp_path, process=process)
    assert result.returncode == 2, result.stderr
    assert message in result.stderr
    assert "Traceback" not in result.stderr


@contextmanager
def upstream_process(cwd: Path) -> Iterator[str]:
    """The recording upstream as its own process: in a thread of the test's process it
    shares the interpreter lock with the client threads, and answered in 170 ms (p50)."""
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    command = [sys.executable, "-m", "guardrail.testing.upstream", "--port", str(port)]
    with server_process(command, f"{url}/v1/models", cwd=cwd, timeout=60):
        yield url


def intent_writers(audit: Path) -> set[int]:
    """The worker processes that have written intent entries to the trail."""
    lines = [line for day in sorted(audit.glob("audit-*.jsonl")) for line in day.read_text().splitlines()]
    return {entry["record"]["writer"]["pid"] for entry in map(json.loads, lines) if entry["kind"] == "intent"}


def test_a_thousand_concurrent_calls_across_two_workers_leave_an_intact_trail(tmp_path: Path) -> None:
    from concurrent.futures import ThreadPoolExecutor

    # Pooled client connections are dropped after 2 s idle, before the proxy's 5 s keep-alive
    # closes them: a request sent on a connection the server is closing fails, and httpx
    # rightly does not send a POST again.
    limits = httpx.Limits(max_connections=16, max_keepalive_connections=16, keepalive_expiry=2.0)
    with upstream_process(tmp_path) as upstream_url:
        config = write_light_config(tmp_path, upstream_url)  # no language models: two workers start in seconds
        with (
            serving("--config", str(config), "--workers", "2", cwd=tmp_path) as url,
            httpx.Client(base_url=url, timeout=60, limits=limits) as http,
        ):

            def call(i: int) -> str:
                body = {
                    "model": "echo",
                    "messages": [{"role": "user", "content": f"Order {i}: ring Chan Tai Man on 9123 4567"}],
                }
                try:
                    response = http.post("/v1/chat/completions", json=body)
                except httpx.HTTPError as error:
                    return type(error).__name__
                if response.status_code == 200:
                    return "200"
                return f"{response.status_code} {response.json().get('error', {}).get('code')}"

            # "ready" means the first worker serves; the second may still be loading. Calls on
            # fresh connections until both have written to the trail, so the load meets two.
            audit = tmp_path / ".guardrail" / "audit"
            warm_up, deadline = 0, time.monotonic() + 180
            while len(intent_writers(audit)) < 2 and time.monotonic() < deadline:
                body = {"model": "echo", "messages": [{"role": "user", "content": "warm-up"}]}
                assert httpx.post(f"{url}/v1/chat/completions", json=body, timeout=60).status_code == 200
                warm_up += 1
            with ThreadPoolExecutor(max_workers=16) as pool:
                outcomes = Counter(pool.map(call, range(1000)))
    assert outcomes == Counter({"200": 1000}), outcomes  # what failed, if anything did
    records = [r for r in audit_records(tmp_path / ".guardrail") if r.get("path") == "/v1/chat/completions"]
    assert len(records) == 1000 + warm_up and len({r["request_id"] for r in records}) == 1000 + warm_up
    assert len(intent_writers(audit)) == 2  # both workers took calls and wrote to the one trail
    verify = [*GUARDRAIL, "audit", "verify", str(audit)]
    assert subprocess.run(verify, check=False, capture_output=True, timeout=120).returncode == 0
    (path,) = sorted(audit.glob("audit-*.jsonl"))[-1:]
    lines = path.read_text().splitlines(keepends=True)
    path.write_text("".join(lines[:500] + lines[501:]))  # one record deleted from the middle
    assert subprocess.run(verify, check=False, capture_output=True, timeout=120).returncode == 1


def test_a_busy_port_is_refused_before_anything_loads(tmp_path: Path) -> None:
    import socket
    import time

    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        started = time.monotonic()
        result = run_serve("--port", str(port), cwd=tmp_path, process=True)  # how soon a process says so
        elapsed = time.monotonic() - started
    assert result.returncode == 2, result.stderr
    assert f"port {port} on 127.0.0.1 is already in use" in result.stderr and "Traceback" not in result.stderr
    assert "loading" not in result.stderr and "ready on" not in result.stderr
    assert elapsed < 3, f"took {elapsed:.1f} s to refuse a busy port"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--port", "99999"), "Invalid value for '--port'"),
        (("--host", "no-such-host.invalid"), "--host 'no-such-host.invalid' is not an address"),
        (("--host", "192.0.2.1"), "--host 192.0.2.1 is not an address of this machine"),
    ],
)
def test_a_bad_address_is_refused_with_a_clear_error(tmp_path: Path, args: tuple[str, ...], message: str) -> None:
    result = run_serve(*args, "--insecure-no-keys", cwd=tmp_path)
    assert result.returncode == 2, result.stderr
    assert message in result.stderr and "Traceback" not in result.stderr
