"""A server started as a separate process, as in production, for tests, examples'
smoke tests and benchmarks: a free loopback port, a readiness wait, the log on
failure, and a clean stop."""

from __future__ import annotations

import os
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path

import httpx


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextmanager
def server_process(
    command: Sequence[str],
    ready_url: str,
    *,
    cwd: Path | None = None,
    env: Mapping[str, str] | None = None,
    headers: Mapping[str, str] | None = None,
    timeout: float = 180.0,
    log_path: Path | None = None,
) -> Iterator[subprocess.Popen[bytes]]:
    """Run ``command`` until the block ends; ready once ``ready_url`` answers below 500.

    Its output goes to ``log_path`` (kept, for assertions on what it logged) or a
    temporary file. A process that exits or is not ready in ``timeout`` seconds
    raises, quoting the end of its log.
    """
    opened = log_path.open("w+b") if log_path is not None else tempfile.NamedTemporaryFile("w+b", suffix=".log")  # noqa: SIM115 - entered just below
    with opened as log:
        process = subprocess.Popen(
            list(command), cwd=cwd, env={**os.environ, **(env or {})}, stdout=log, stderr=subprocess.STDOUT
        )
        try:
            deadline = time.monotonic() + timeout
            while not _ready(ready_url, headers):
                if process.poll() is not None or time.monotonic() > deadline:
                    log.seek(0)
                    tail = log.read()[-3000:].decode("utf-8", "replace")
                    raise RuntimeError(f"{' '.join(command[:4])} did not start:\n{tail}")
                time.sleep(0.25)
            yield process
        finally:
            process.terminate()
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


def _ready(url: str, headers: Mapping[str, str] | None) -> bool:
    try:
        return httpx.get(url, headers=dict(headers or {}), timeout=2).status_code < 500
    except httpx.TransportError:
        return False
