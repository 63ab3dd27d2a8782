"""Latency of the Redis pseudonym vault against the in-memory one, per pseudonym.

    python benchmarks/vault_latency.py [--url redis://127.0.0.1:6379/0] [--pairs 3000]

One *pair* is what a call does for each pseudonymised value: the input check assigns
a pseudonym (:meth:`pseudonym_for`) and the answer's restoration looks it up
(:meth:`original_for`). Measured one pair at a time, alternating between the two vaults
pair by pair so a slow spell of a shared machine falls on both alike:

- *new*: a value the conversation has not had (an assignment that writes);
- *known*: a value it already has (the same value in a later turn: a read).

Values are spread over 200 conversations of 4 tenants, synthetic names. The Redis
vault is :class:`~guardrail.pii.redis_vault.RedisVault` exactly as the proxy opens it
(AES-GCM sealing, keyed-digest names, one Lua script per operation), on loopback. The
URL is ``--url``, else ``GUARDRAIL_REDIS_URL`` or ``GUARDRAIL_TEST_REDIS_URL``, else
a private ``redis-server`` started for the run. Keys go under a prefix of their own,
removed at the end.

The goal: Redis's median added latency per pair under 1 ms. Printed: median, p95 and
p99 per vault, the median difference, and the ratio Redis / memory.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import shutil
import socket
import statistics
import subprocess
import sys
import time
import uuid
from collections.abc import Callable, Iterator

import redis

from guardrail.core.vault import InMemoryVault, PseudonymVault
from guardrail.pii.redis_vault import RedisVault, redacted_url

CONVERSATIONS = 200
TENANTS = 4
GOAL_MS = 1.0


@contextlib.contextmanager
def redis_url(given: str | None) -> Iterator[str]:
    """The Redis to measure against: given, from the environment, or a private one."""
    url = given or os.environ.get("GUARDRAIL_REDIS_URL") or os.environ.get("GUARDRAIL_TEST_REDIS_URL")
    if url:
        yield url
        return
    binary = shutil.which("redis-server")
    if binary is None:
        sys.exit("no Redis: pass --url, set GUARDRAIL_REDIS_URL, or install redis-server")
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    process = subprocess.Popen(
        [binary, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
        stdout=subprocess.DEVNULL,
    )
    url = f"redis://127.0.0.1:{port}/0"
    try:
        for _ in range(100):
            with contextlib.suppress(redis.RedisError):
                redis.Redis.from_url(url).ping()
                break
            time.sleep(0.05)
        yield url
    finally:
        process.kill()
        process.wait()


def pair(vault: PseudonymVault, scope: str, value: str) -> int:
    """Nanoseconds for one assignment and its lookup."""
    started = time.perf_counter_ns()
    pseudonym = vault.pseudonym_for(scope, "PERSON", value)
    original = vault.original_for(scope, pseudonym)
    elapsed = time.perf_counter_ns() - started
    assert original == value, "the vault lost a value"
    return elapsed


def measure(vaults: dict[str, PseudonymVault], pairs: int, known: bool) -> dict[str, list[float]]:
    """Milliseconds per pair, per vault, the vaults taking turns pair by pair."""
    times: dict[str, list[float]] = {name: [] for name in vaults}
    run = uuid.uuid4().hex[:6]
    for n in range(pairs):
        scope = f"tenant-{n % TENANTS}/key/conversation-{n % CONVERSATIONS}"
        value = f"Chan Person {n % 50 if known else n} {run}"
        order: list[tuple[str, PseudonymVault]] = list(vaults.items())
        if n % 2:
            order.reverse()
        for name, vault in order:
            times[name].append(pair(vault, scope, value) / 1e6)
    return times


def summary(times: list[float]) -> tuple[float, float, float]:
    ordered = sorted(times)
    return (
        statistics.median(ordered),
        ordered[int(len(ordered) * 0.95) - 1],
        ordered[int(len(ordered) * 0.99) - 1],
    )


def report(label: str, times: dict[str, list[float]], say: Callable[[str], None]) -> float:
    memory, shared = summary(times["memory"]), summary(times["redis"])
    added = statistics.median(r - m for r, m in zip(times["redis"], times["memory"], strict=True))
    say(f"{label} ({len(times['redis'])} pairs)")
    say(f"  {'vault':<8} {'median ms':>10} {'p95 ms':>8} {'p99 ms':>8}")
    for name, (median, p95, p99) in (("memory", memory), ("redis", shared)):
        say(f"  {name:<8} {median:>10.4f} {p95:>8.4f} {p99:>8.4f}")
    say(
        f"  redis / memory (median): {shared[0] / memory[0]:.1f}x; added by redis (median of paired differences): "
        f"{added:.4f} ms {'<' if added < GOAL_MS else '>='} {GOAL_MS:g} ms goal"
    )
    return added


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--url", help="Redis URL (default: GUARDRAIL_REDIS_URL, GUARDRAIL_TEST_REDIS_URL, or private)")
    parser.add_argument("--pairs", type=int, default=3000, help="pairs measured per vault and kind (default 3000)")
    arguments = parser.parse_args()
    with redis_url(arguments.url) as url:
        prefix = f"benchmark:vault:{uuid.uuid4().hex[:8]}"
        shared = RedisVault.connect(url, os.urandom(32), prefix=prefix)
        vaults: dict[str, PseudonymVault] = {"memory": InMemoryVault(), "redis": shared}
        client = redis.Redis.from_url(url)
        server = client.info("server")
        print(
            f"Redis {server.get('redis_version')} at {redacted_url(url)}; redis-py {redis.__version__}; "
            f"Python {sys.version.split()[0]}"
        )
        try:
            measure(vaults, 300, known=False)  # warm-up: connections, script cache, allocator
            added = [
                report("new values (assign + look up)", measure(vaults, arguments.pairs, known=False), print),
                report("known values (assign again + look up)", measure(vaults, arguments.pairs, known=True), print),
            ]
        finally:
            keys = list(client.scan_iter(match=f"{prefix}:*"))
            if keys:
                client.delete(*keys)
            shared.close()
    verdict = "met" if max(added) < GOAL_MS else "NOT met"
    print(f"goal (Redis adds under {GOAL_MS:g} ms per pair, median): {verdict}")


if __name__ == "__main__":
    main()
