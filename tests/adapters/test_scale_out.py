"""Two ``guardrail serve`` processes from ``examples/scale-out/config.yaml``, sharing one
Redis vault and one PostgreSQL trail (as its insert-only role): a conversation whose
turns alternate between them is restored on every turn, plain and streamed, with
nothing personal in Redis; calls spread over both leave exactly one record each in one
chain that ``guardrail audit verify --store postgres`` passes, with checkpoints signed
by both instances' keys; an instance killed mid-load loses no answered call's
record. Both instances start once for the module (about 40 s here)."""

from __future__ import annotations

import asyncio
import base64
import json
import os
import subprocess
import sys
import uuid
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import ExitStack
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest
import redis
import yaml

from guardrail.testing import free_port, server_process
from tests.audit.postgres import PgTrail, admin_dsn, pg_trail
from tests.redis_service import redis_url

__all__ = ["redis_url"]  # a fixture, used by name

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "scale-out"
GUARDRAIL = [sys.executable, "-m", "guardrail.cli"]
NAME, OTHER, PHONE = "Chan Tai Man", "Lee Siu Ming", "9123 4567"
CONCURRENT_CALLS = 200
TURNS = [
    (f"I am {NAME}.", False),
    (f"{NAME} and {OTHER} share {PHONE}.", False),
    (f"Ask {OTHER} to ring {PHONE}.", True),
    (f"Thanks, {NAME}.", True),
]


@pytest.fixture(scope="module")
def trail() -> Iterator[PgTrail]:
    with pg_trail(admin_dsn(), "scale") as made:
        yield made


@dataclass
class Fleet:
    """Two instances started from the example config; :meth:`stop` stops both (each
    signs a last checkpoint), once."""

    urls: list[str]
    processes: list[subprocess.Popen[bytes]]
    folder: Path
    prefix: str
    stack: ExitStack

    def stop(self) -> None:
        self.stack.close()


@pytest.fixture(scope="module")
def fleet(tmp_path_factory: pytest.TempPathFactory, trail: PgTrail, redis_url: str) -> Iterator[Fleet]:
    folder = tmp_path_factory.mktemp("scale-out")
    prefix = f"test:scale-out:{uuid.uuid4().hex[:12]}"
    env = {
        "GUARDRAIL_REDIS_URL": redis_url,
        "GUARDRAIL_VAULT_KEY": base64.b64encode(os.urandom(32)).decode(),
        "GUARDRAIL_DATABASE_URL": trail.service,  # the insert-only role
    }
    configs = [instance_config(folder, name, trail.schema, prefix) for name in ("a", "b")]
    ports = [free_port(), free_port()]
    urls = [f"http://127.0.0.1:{port}" for port in ports]
    with ExitStack() as stack:
        servers = [
            server_process(
                [*GUARDRAIL, "serve", "--config", str(config), "--port", str(port)],
                f"{url}/health/ready",
                env=env,
                timeout=120,
                log_path=folder / f"{config.stem}.log",
            )
            for config, port, url in zip(configs, ports, urls, strict=True)
        ]
        with ThreadPoolExecutor(2) as starting:  # both load at once
            entered = [starting.submit(server.__enter__) for server in servers]
        for server, started in zip(servers, entered, strict=True):
            if started.exception() is None:
                stack.push(server.__exit__)
        processes = [started.result() for started in entered]  # one that did not start: its log's end
        yield Fleet(urls, processes, folder, prefix, stack)
    client = redis.Redis.from_url(redis_url)
    names = list(client.scan_iter(match=f"{prefix}:*"))
    if names:
        client.delete(*names)


def instance_config(folder: Path, name: str, schema: str, prefix: str) -> Path:
    """The example's config as it is, but for where this test keeps things: the
    instance's data folder, its own schema and Redis prefix."""
    config = yaml.safe_load((EXAMPLE / "config.yaml").read_text(encoding="utf-8"))
    config["policy"] = str(EXAMPLE / config["policy"])
    config["data_dir"] = str(folder / name)
    config["audit_trail"]["postgres_schema"] = schema
    config["vault"]["key_prefix"] = prefix
    path = folder / f"{name}.yaml"
    path.write_text(yaml.safe_dump(config), encoding="utf-8")
    return path


def chat(url: str, text: str, conversation: str, stream: bool) -> str:
    body = {"model": "guardrail-demo", "stream": stream, "messages": [{"role": "user", "content": text}]}
    response = httpx.post(
        f"{url}/v1/chat/completions", json=body, headers={"x-guardrail-conversation-id": conversation}, timeout=60
    )
    assert response.status_code == 200, response.text
    if not stream:
        return str(response.json()["choices"][0]["message"]["content"])
    parts = []
    for line in response.text.splitlines():
        if line.startswith("data: {"):
            for choice in json.loads(line[6:]).get("choices", []):
                parts.append(choice.get("delta", {}).get("content") or "")
    return "".join(parts)


def redis_contents(url: str, prefix: str) -> bytes:
    """Every name and value under the prefix, whatever the type, as one byte string."""
    client = redis.Redis.from_url(url)
    found = []
    for key in client.scan_iter(match=f"{prefix}:*"):
        kind = client.type(key)
        if kind == b"hash":
            found += [name + value for name, value in client.hgetall(key).items()]
        elif kind == b"string":
            found.append(client.get(key) or b"")
        elif kind == b"zset":
            found += [member for member, _score in client.zrange(key, 0, -1, withscores=True)]
        elif kind == b"set":
            found += list(client.smembers(key))
        elif kind == b"list":
            found += client.lrange(key, 0, -1)
        found.append(key)
    return b"\n".join(found)


async def spread(
    urls: list[str], calls: int, *, kill: subprocess.Popen[bytes] | None = None, kill_after: int = 0
) -> list[tuple[int, str | None]]:
    """``calls`` calls at once (32 in flight), alternating between the instances: each
    one's status (0: no answer) and the request id it was answered with. With ``kill``,
    that instance is killed (SIGKILL) once ``kill_after`` calls are answered."""
    limit = asyncio.Semaphore(32)
    answered = 0
    async with httpx.AsyncClient(timeout=120) as client:

        async def one(number: int) -> tuple[int, str | None]:
            nonlocal answered
            body = {"model": "guardrail-demo", "messages": [{"role": "user", "content": f"Order {number}: call me."}]}
            async with limit:
                try:
                    response = await client.post(f"{urls[number % len(urls)]}/v1/chat/completions", json=body)
                except httpx.TransportError:
                    return 0, None
            answered += 1
            if kill is not None and answered == kill_after:
                kill.kill()
            return response.status_code, response.headers.get("x-guardrail-request-id")

        return list(await asyncio.gather(*(one(n) for n in range(calls))))


def test_turns_alternating_between_instances_are_restored_with_nothing_personal_in_redis(
    fleet: Fleet, redis_url: str
) -> None:
    conversation = f"conv-{uuid.uuid4().hex[:8]}"
    for number, (text, stream) in enumerate(TURNS):
        url = fleet.urls[number % 2]
        assert text in chat(url, text, conversation, stream), (url, stream)
    stored = redis_contents(redis_url, fleet.prefix)
    assert stored, "the conversation's pseudonyms are kept in the shared Redis"
    assert all(value.encode() not in stored for value in (NAME, OTHER, PHONE, "Chan", "9123"))


def test_calls_spread_over_both_leave_one_record_each_in_one_verifiable_chain(fleet: Fleet, trail: PgTrail) -> None:
    def recorded() -> set[str]:
        rows = trail.run("SELECT line::jsonb->'record'->>'request_id' FROM {entries} WHERE kind = 'call'")
        return {str(request_id) for (request_id,) in rows}

    before = recorded()
    answers = asyncio.run(spread(fleet.urls, CONCURRENT_CALLS))
    assert [status for status, _ in answers] == [200] * CONCURRENT_CALLS
    after = recorded()
    assert len(after) - len(before) == CONCURRENT_CALLS and {rid for _, rid in answers} <= after
    # One instance killed mid-load: every call it (or the other) answered has its record.
    answers = asyncio.run(spread(fleet.urls, 100, kill=fleet.processes[1], kill_after=30))
    acknowledged = {rid for status, rid in answers if status == 200}
    assert len(acknowledged) >= 30 and acknowledged <= recorded()
    fleet.stop()  # the survivor signs a last checkpoint
    calls = len(recorded())
    keys: list[dict[str, Any]] = []
    for name in ("a", "b"):
        keys += json.loads((fleet.folder / name / "checkpoint-jwks.json").read_text())["keys"]
    (fleet.folder / "fleet-jwks.json").write_text(json.dumps({"keys": keys}))
    verified = subprocess.run(
        [*GUARDRAIL, "audit", "verify", "--store", "postgres", "--schema", trail.schema]
        + ["--jwks", str(fleet.folder / "fleet-jwks.json")],
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "GUARDRAIL_DATABASE_URL": trail.service},
        check=False,
    )
    assert verified.returncode == 0, verified.stdout + verified.stderr
    assert f"({calls} calls," in verified.stdout
