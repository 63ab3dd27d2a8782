"""Two proxies behind one Redis vault: a conversation whose turns alternate between
them gets its originals back on every turn, plain and streamed; with Redis gone, a
pseudonymising call fails closed and the original never reaches the upstream."""

from __future__ import annotations

import base64
import json
import os
import subprocess
import sys
import uuid
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
import redis

from guardrail.pii.redis_vault import RedisVault
from guardrail.runtime import Guard
from guardrail.testing import RecordingUpstream
from tests.adapters.conftest import ProxyFactory
from tests.conftest import ROUND_TRIP
from tests.redis_service import free_port, private_redis, redis_url

__all__ = ["private_redis", "redis_url"]  # fixtures, used by name

FIRST, SECOND, PHONE = "Lam Wing Sze", "Ho Chun Kit", "9876 5432"


def chat(url: str, text: str, conversation: str, *, stream: bool = False) -> str:
    """The answer's text, as the client sees it."""
    body = {"model": "echo", "stream": stream, "messages": [{"role": "user", "content": text}]}
    headers = {"x-guardrail-conversation-id": conversation}
    response = httpx.post(f"{url}/v1/chat/completions", json=body, headers=headers, timeout=30)
    assert response.status_code == 200, response.text
    if not stream:
        return str(response.json()["choices"][0]["message"]["content"])
    parts = []
    for line in response.text.splitlines():
        if line.startswith("data: {"):
            for choice in json.loads(line[6:]).get("choices", []):
                parts.append(choice.get("delta", {}).get("content") or "")
    return "".join(parts)


def guard_on(url: str, key: bytes, prefix: str) -> Guard:
    return Guard.from_policy(ROUND_TRIP, vault=RedisVault.connect(url, key, prefix=prefix, timeout_seconds=0.5))


@pytest.fixture
def prefix(redis_url: str) -> Iterator[str]:
    name = f"test:proxy-vault:{uuid.uuid4().hex[:12]}"
    yield name
    client = redis.Redis.from_url(redis_url)
    keys = list(client.scan_iter(match=f"{name}:*"))
    if keys:
        client.delete(*keys)


def test_turns_alternating_between_two_instances_restore_every_original(
    make_proxy: ProxyFactory, upstream: tuple[RecordingUpstream, str], redis_url: str, prefix: str
) -> None:
    recorder, _ = upstream
    key = os.urandom(32)
    # Two guards, two vault clients: two instances, as far as the vault can tell.
    instances = {name: guard_on(redis_url, key, prefix) for name in ("a", "b")}
    with (
        make_proxy(policy="shared-a", extra_guards={"shared-a": instances["a"]}) as first,
        make_proxy(policy="shared-b", extra_guards={"shared-b": instances["b"]}) as second,
    ):
        recorder.reset()
        conversation = f"conv-{uuid.uuid4().hex[:8]}"
        turns = [
            (first, f"I am {FIRST}.", False),
            (second, f"{FIRST} and {SECOND} will call from {PHONE}.", False),
            (first, f"Please ask {SECOND} to ring {PHONE}.", True),
            (second, f"Thanks, {FIRST}.", True),
        ]
        for url, text, stream in turns:
            assert chat(url, text, conversation, stream=stream) == f"You said: {text}"
    sent = [body["messages"][0]["content"] for body in json.loads(recorder.received_text())]
    assert sent == [
        "I am <PERSON_1>.",
        "<PERSON_1> and <PERSON_2> will call from <PHONE_NUMBER_1>.",
        "Please ask <PERSON_2> to ring <PHONE_NUMBER_1>.",
        "Thanks, <PERSON_1>.",
    ]
    client = redis.Redis.from_url(redis_url)
    stored = b"".join(key + b"".join(client.hvals(key)) for key in client.scan_iter(match=f"{prefix}:*:c:*"))
    assert stored and all(value.encode() not in stored for value in (FIRST, SECOND, PHONE))


def test_redis_gone_mid_conversation_fails_the_call_closed(
    make_proxy: ProxyFactory,
    upstream: tuple[RecordingUpstream, str],
    private_redis: tuple[str, subprocess.Popen[bytes]],
) -> None:
    recorder, _ = upstream
    url, process = private_redis
    guard = guard_on(url, os.urandom(32), "test:outage")
    with make_proxy(policy="outage", extra_guards={"outage": guard}) as proxy:
        conversation = "conv-outage"
        assert chat(proxy, f"I am {FIRST}.", conversation) == f"You said: I am {FIRST}."
        process.kill()
        process.wait()
        recorder.reset()
        for stream in (False, True):
            body = {"model": "echo", "stream": stream, "messages": [{"role": "user", "content": f"And {SECOND}."}]}
            response = httpx.post(
                f"{proxy}/v1/chat/completions",
                json=body,
                headers={"x-guardrail-conversation-id": conversation},
                timeout=30,
            )
            assert response.status_code == 503, response.text
            assert response.json()["error"]["code"] == "check_error.failed_closed"
            assert SECOND not in response.text
    assert recorder.received == []  # nothing reached the upstream, least of all the original


def test_serve_with_workers_says_at_once_that_redis_does_not_answer(tmp_path: Path) -> None:
    config = tmp_path / "config.yaml"
    config.write_text(f"data_dir: {tmp_path / 'data'}\nvault:\n  store: redis\n  timeout_seconds: 0.5\n")
    dead = f"redis://:hidden-pass@127.0.0.1:{free_port()}/0"
    environment = {
        **os.environ,
        "GUARDRAIL_REDIS_URL": dead,
        "GUARDRAIL_VAULT_KEY": base64.b64encode(os.urandom(32)).decode(),
    }
    command = [sys.executable, "-m", "guardrail.cli", "serve", "--config", str(config), "--workers", "2"]
    result = subprocess.run(
        [*command, "--port", str(free_port())],
        capture_output=True,
        text=True,
        timeout=120,
        env=environment,
        check=False,
    )
    assert result.returncode == 2, result.stdout + result.stderr
    assert "Redis vault at redis://:***@127.0.0.1" in result.stderr and "cannot be reached" in result.stderr
    assert "hidden-pass" not in result.stdout + result.stderr
