"""A worker killed (SIGKILL) under load: after restart, every call the upstream saw has
its record or an ``interrupted`` entry, and the trail verifies."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path

import httpx

from guardrail.testing import BackgroundServer, RecordingUpstream, free_port, server_process
from tests.adapters.light_policy import write_light_config

GUARDRAIL = [sys.executable, "-m", "guardrail.cli"]
CALLS = int(os.environ.get("GUARDRAIL_CRASH_CALLS", "50"))  # the 1,000: set it to measure


def children(pid: int) -> list[int]:
    found = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat", "rb") as handle:
                    fields = handle.read().rsplit(b")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == pid:
                found.append(int(entry))
    return found


def workers(pid: int) -> list[int]:
    """uvicorn's worker processes (not multiprocessing's resource tracker)."""
    out = []
    for child in children(pid):
        try:
            with open(f"/proc/{child}/cmdline", "rb") as handle:
                command = handle.read()
        except OSError:
            continue
        if b"resource_tracker" not in command:
            out.append(child)
    return out


def entries(audit: Path) -> list[dict]:
    return [json.loads(line) for path in sorted(audit.glob("audit-*.jsonl")) for line in path.read_text().splitlines()]


def in_flight_writer(audit: Path, server: int, upstream: RecordingUpstream) -> int:
    """A worker with calls begun, seen by the upstream and not yet recorded (waits for one)."""
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        trail = entries(audit)
        done = {e["record"].get("request_id") for e in trail if e["kind"] == "call"}
        busy = [
            e["record"]["writer"]["pid"]
            for e in trail
            if e["kind"] == "intent" and e["record"]["request_id"] not in done
        ]
        candidates = [pid for pid in busy if pid in workers(server)]
        if len(busy) >= 5 and len(upstream.received) - len(done) >= 5 and candidates:
            return candidates[0]
        time.sleep(0.02)
    raise AssertionError("no worker had calls in flight")


@contextmanager
def serving(config: Path, cwd: Path) -> Iterator[tuple[str, subprocess.Popen[bytes]]]:
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    with server_process(
        [*GUARDRAIL, "serve", "--config", str(config), "--port", str(port), "--workers", "2"],
        f"{url}/health/ready",
        cwd=cwd,
        timeout=90,
        log_path=cwd / "server.log",
    ) as process:
        yield url, process


def test_a_worker_killed_mid_load_leaves_an_entry_for_every_call_the_upstream_saw(tmp_path: Path) -> None:
    recorder = RecordingUpstream(chunk_chars=2, chunk_delay=0.03)
    with BackgroundServer(recorder.app) as upstream:
        config = write_light_config(tmp_path, upstream.url)  # no language models: two workers start in seconds
        seen_ids: list[str] = []
        completed: list[str] = []
        lock = threading.Lock()
        with serving(config, tmp_path) as (url, server):

            def call(i: int) -> None:
                body = {
                    "model": "echo",
                    "stream": True,
                    "messages": [{"role": "user", "content": f"Order {i}: a long enough answer to stream"}],
                }
                try:
                    with httpx.stream("POST", f"{url}/v1/chat/completions", json=body, timeout=30) as response:
                        with lock:
                            seen_ids.append(response.headers["x-guardrail-request-id"])
                        text = "".join(response.iter_text())
                    if "[DONE]" in text:
                        with lock:
                            completed.append(response.headers["x-guardrail-request-id"])
                except httpx.HTTPError:
                    pass  # the worker serving it was killed

            with ThreadPoolExecutor(max_workers=20) as pool:
                futures = [pool.submit(call, i) for i in range(CALLS)]
                victim = in_flight_writer(tmp_path / ".guardrail" / "audit", server.pid, recorder)
                os.kill(victim, signal.SIGKILL)
                for future in futures:
                    future.result()
            # uvicorn starts a new worker in the dead one's place; its start closes the
            # dead worker's intents. A full restart does the same if it does not.
            audit = tmp_path / ".guardrail" / "audit"
            deadline = time.monotonic() + 20
            while not any(e["kind"] == "interrupted" for e in entries(audit)) and time.monotonic() < deadline:
                time.sleep(0.2)
        if not any(e["kind"] == "interrupted" for e in entries(audit)):
            with serving(config, tmp_path):
                pass
    trail = entries(audit)
    intents = {e["record"]["request_id"] for e in trail if e["kind"] == "intent"}
    recorded = {e["record"]["request_id"] for e in trail if e["kind"] == "call"}
    interrupted = [e["record"]["request_id"] for e in trail if e["kind"] == "interrupted"]
    assert interrupted, "the kill interrupted no call"
    assert len(interrupted) == len(set(interrupted))  # closed once, however many workers started
    assert len(recorder.received) <= len(intents)  # every call the upstream saw was begun first
    assert intents <= recorded | set(interrupted)  # and is recorded or interrupted
    assert set(seen_ids) <= recorded | set(interrupted)
    assert set(completed) <= recorded and not set(completed) & set(interrupted)
    verified = subprocess.run(
        [*GUARDRAIL, "audit", "verify", str(audit)], check=False, capture_output=True, text=True, timeout=60
    )
    assert verified.returncode == 0, verified.stdout
    assert f"{len(interrupted)} interrupted" in verified.stdout
    print(
        f"upstream saw {len(recorder.received)}, intents {len(intents)}, recorded {len(recorded)}, "
        f"interrupted {len(interrupted)}, client saw {len(seen_ids)} streams start, {len(completed)} complete"
    )
