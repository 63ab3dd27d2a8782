"""The Redis the tests use: the shared one from ``GUARDRAIL_TEST_REDIS_URL``
(``eval "$(.ci/services)"``), or a private ``redis-server`` a test may stop.

Without the service these tests skip, unless ``GUARDRAIL_TEST_SERVICES=required``
(CI), where they fail. Import the fixtures into a test module to use them.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import time
from collections.abc import Iterator

import pytest
import redis

from guardrail.pii.redis_vault import redacted_url


def missing(reason: str) -> None:
    """Skip, or fail where CI requires the services."""
    if os.environ.get("GUARDRAIL_TEST_SERVICES") == "required":
        pytest.fail(f"{reason}, and GUARDRAIL_TEST_SERVICES=required")
    pytest.skip(reason)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture(scope="session")
def redis_url() -> str:
    url = os.environ.get("GUARDRAIL_TEST_REDIS_URL", "")
    if not url:
        missing('no test Redis: eval "$(.ci/services)" sets GUARDRAIL_TEST_REDIS_URL')
    try:
        redis.Redis.from_url(url, socket_connect_timeout=2).ping()
    except redis.RedisError as error:
        missing(f"the test Redis at {redacted_url(url)} does not answer ({type(error).__name__})")
    return url


@pytest.fixture
def private_redis(redis_url: str) -> Iterator[tuple[str, subprocess.Popen[bytes]]]:
    """A redis-server of the test's own, with a password, on a free loopback port: the
    test may stop it while the shared one goes on serving everyone else."""
    binary = shutil.which("redis-server")
    if binary is None:
        missing("redis-server is not installed")
        raise AssertionError("unreachable")
    port = free_port()
    process = subprocess.Popen(
        [binary, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"]
        + ["--requirepass", "private-pass", "--loglevel", "warning"],
        stdout=subprocess.DEVNULL,
    )
    url = f"redis://:private-pass@127.0.0.1:{port}/0"
    for _ in range(100):
        try:
            redis.Redis.from_url(url, socket_connect_timeout=0.2).ping()
            break
        except redis.RedisError:
            time.sleep(0.05)
    yield url, process
    process.kill()
    process.wait()
