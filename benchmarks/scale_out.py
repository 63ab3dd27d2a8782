"""Two proxy instances sharing Redis and PostgreSQL against one, and what the shared stores cost.

    python benchmarks/scale_out.py [--calls 960] [--rounds 4] [--clients 16] [--sequential 300]
                                   [--durability record|batch] [--keep]

Configurations of ``examples/scale-out/config.yaml`` (the offline echo model,
names and phone numbers pseudonymised, every call's record on disk before the answer),
each ``guardrail serve`` one worker, all started at once and left running:

- (a) one instance with the Redis vault and the PostgreSQL trail;
- (b) two such instances, both on the same Redis and the same PostgreSQL schema, a
  call going to each in turn (a trivial client-side round robin); (a) is one of the two;
- (c) one instance with the in-memory vault and the folder trail (same durability):
  the baseline for what the shared stores cost per call;
- (d) one instance with the Redis vault and the folder trail, only for the one-at-a-time
  calls below, to split the stores' cost between Redis ((d) - (c)) and PostgreSQL
  ((a) - (d)).

The same offered load goes to each: ``--clients`` concurrent clients, each holding a
conversation (``x-guardrail-conversation-id``, so the vault is used on the way in and
the answer's restoration on the way out) and sending ~1 KB messages, every one
different, that carry a name and a Hong Kong phone number from small pools (so a
conversation meets new values and values it already has). The load runs in
``--rounds`` rounds, each giving (a), (b) and (c) a share in a rotating order, so a
slow spell of this shared machine falls on all three alike; an instance not under load
meanwhile sits idle. Then ``--sequential`` calls go one at a time to (a) and (c)
alternately, 30 ms apart: with nothing queued, their difference is the latency the
shared stores add to one call (issue 17's goal: under 1 ms each, on loopback); (d) goes
with them to split it.

Printed: throughput (calls/s), median and p95 latency of each configuration, the ratios
(b)/(a) and (a)/(c), and the added median latency of the shared stores ((a) - (c)),
under load and one at a time. At the end both shared instances stop (each signs a last
checkpoint), ``guardrail audit verify --store postgres`` must pass over the shared
trail, and its call records must equal the calls the shared instances answered.

Redis and PostgreSQL: ``GUARDRAIL_TEST_REDIS_URL`` and ``GUARDRAIL_TEST_POSTGRES_DSN``
(an admin that may create roles), as ``eval "$(.ci/services)"`` exports them; unset, the
script runs ``.ci/services`` itself. The trail gets a schema of its own, migrated with
``guardrail audit migrate`` and written through an insert-only login role; schema,
roles and Redis keys are removed at the end (``--keep`` keeps the schema).

On one machine the instances, the stores and this load client share the same cores.
One instance (one worker, one event loop) keeps about one core busy; with two cores,
two instances compete for the same two cores with Redis, PostgreSQL and the client, so
(b)/(a) shows what running through the shared stores costs and what the second core
gives, not the gain from putting instances on separate machines.
"""

from __future__ import annotations

import argparse
import asyncio
import base64
import contextlib
import json
import os
import secrets
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
import psycopg
import redis
import yaml
from psycopg import sql
from psycopg.conninfo import make_conninfo

from guardrail.audit.postgres_schema import writer_role
from guardrail.testing import free_port, server_process

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "scale-out"
GUARDRAIL = [sys.executable, "-m", "guardrail.cli"]
ONE, TWO, BASE = "(a) 1 instance, Redis + PostgreSQL", "(b) 2 instances, round robin", "(c) 1 instance, memory + folder"
REDIS_ONLY = "(d) 1 instance, Redis + folder"
QUIET_SECONDS = 0.03
GOAL_MS = 1.0
# Synthetic, invented names and numbers.
NAMES = ["Chan Tai Man", "Lee Siu Ming", "Wong Ka Yan", "Cheung Wai Kit", "Ho Mei Ling", "Lam Chi Wing"]
PHONES = ["9123 4567", "6234 5178", "5345 6289", "9456 7310", "6567 8421", "5678 9532"]
FILLER = [
    "The parcel was meant to arrive on Tuesday but the tracking page has not changed since the weekend.",
    "Our office is open from nine to six on weekdays and closes at one on Saturdays.",
    "Please check whether the order can still be changed to the larger size before it ships.",
    "The invoice shows the delivery charge twice, once on the first page and again at the bottom.",
    "We would prefer a reply by email, though a short call in the afternoon is also fine.",
    "The replacement part fitted well, but the instructions left out the step about the cover.",
    "If the refund has already gone out, a note of the date would help us match it in our books.",
    "The store at the harbour front said the item is out of stock until the end of the month.",
]


def message(number: int) -> str:
    """A ~1 KB request, never the same twice, holding one name and one phone number."""
    name, phone = NAMES[number % len(NAMES)], PHONES[(number // len(NAMES)) % len(PHONES)]
    parts = [f"Reference {number:06d}. Hello, this is {name} writing about my order."]
    parts += [FILLER[(number + i) % len(FILLER)] for i in range(8)]
    parts.insert(5, f"You can reach me on {phone} during office hours.")
    return " ".join(parts)


@dataclass
class Run:
    """Latencies (ms) and busy time of one configuration, over all its rounds."""

    latencies: list[float] = field(default_factory=list)
    seconds: float = 0.0
    failed: int = 0
    unrestored: int = 0

    def summary(self) -> tuple[float, float, float]:
        ordered = sorted(self.latencies)
        return len(ordered) / self.seconds, statistics.median(ordered), ordered[int(len(ordered) * 0.95) - 1]


async def load(urls: list[str], first: int, calls: int, clients: int, label: str, run: Run) -> None:
    """``calls`` calls from ``clients`` concurrent clients, call *n* going to ``urls[n % len]``."""
    next_call = first
    last = first + calls

    async def client(number: int, http: httpx.AsyncClient) -> None:
        nonlocal next_call
        conversation = f"bench-{label}-{number}-{uuid.uuid4().hex[:6]}"
        while next_call < last:
            n = next_call
            next_call += 1
            text = message(n)
            body = {"model": "guardrail-demo", "messages": [{"role": "user", "content": text}]}
            started = time.perf_counter()
            response = await http.post(
                f"{urls[n % len(urls)]}/v1/chat/completions",
                json=body,
                headers={"x-guardrail-conversation-id": conversation},
            )
            elapsed = (time.perf_counter() - started) * 1000
            if response.status_code != 200:
                run.failed += 1
                continue
            run.latencies.append(elapsed)
            answer = response.json()["choices"][0]["message"]["content"]
            if NAMES[n % len(NAMES)] not in answer:  # the echo's pseudonym was not restored
                run.unrestored += 1

    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)
    async with httpx.AsyncClient(timeout=120, limits=limits) as http:
        started = time.perf_counter()
        await asyncio.gather(*(client(i, http) for i in range(clients)))
        run.seconds += time.perf_counter() - started


def one_at_a_time(paths: dict[str, str], first: int, calls: int) -> dict[str, list[float]]:
    """Latency (ms) of each path, one call at a time, each message sent to every path in
    a rotating order after a quiet pause, in one conversation per path."""
    times: dict[str, list[float]] = {name: [] for name in paths}
    names = list(paths)
    with httpx.Client(timeout=60) as http:
        conversations = {name: f"bench-seq-{i}-{uuid.uuid4().hex[:6]}" for i, name in enumerate(names)}
        for i in range(calls):
            text = message(first + i)
            for name in names[i % len(names) :] + names[: i % len(names)]:
                time.sleep(QUIET_SECONDS)
                started = time.perf_counter()
                response = http.post(
                    f"{paths[name]}/v1/chat/completions",
                    json={"model": "guardrail-demo", "messages": [{"role": "user", "content": text}]},
                    headers={"x-guardrail-conversation-id": conversations[name]},
                )
                elapsed = (time.perf_counter() - started) * 1000
                response.raise_for_status()
                times[name].append(elapsed)
    return times


def services() -> tuple[str, str]:
    """Redis URL and PostgreSQL admin DSN, from the environment or from ``.ci/services``."""
    redis_url, dsn = os.environ.get("GUARDRAIL_TEST_REDIS_URL"), os.environ.get("GUARDRAIL_TEST_POSTGRES_DSN")
    if not (redis_url and dsn):
        exports = subprocess.run([str(ROOT / ".ci" / "services")], capture_output=True, text=True, check=True).stdout
        found = dict(line.removeprefix("export ").split("=", 1) for line in exports.splitlines() if "=" in line)
        redis_url, dsn = found["GUARDRAIL_TEST_REDIS_URL"], found["GUARDRAIL_TEST_POSTGRES_DSN"]
    return redis_url, dsn


@dataclass(frozen=True)
class Trail:
    admin: str
    service: str
    schema: str
    role: str

    def calls(self) -> int:
        with psycopg.connect(self.admin, autocommit=True) as connection:
            query = sql.SQL("SELECT count(*) FROM {} WHERE kind = 'call'").format(
                sql.Identifier(self.schema, "entries")
            )
            row = connection.execute(query).fetchone()
            return int(row[0]) if row else 0


@contextlib.contextmanager
def trail(admin: str, keep: bool) -> Iterator[Trail]:
    """A schema of its own, migrated by ``guardrail audit migrate``, and a login role that
    may only append and read (the writer role the migration creates)."""
    schema = f"bench_{secrets.token_hex(4)}"
    role, password = f"{schema}_svc", secrets.token_hex(8)
    with psycopg.connect(admin, autocommit=True) as connection:
        connection.execute(
            sql.SQL("CREATE ROLE {} LOGIN PASSWORD {}").format(sql.Identifier(role), sql.Literal(password))
        )
    subprocess.run(
        [*GUARDRAIL, "audit", "migrate", "--schema", schema, "--grant-to", role],
        env={**os.environ, "GUARDRAIL_DATABASE_URL": admin},
        check=True,
        capture_output=True,
    )
    try:
        yield Trail(admin, make_conninfo(admin, user=role, password=password), schema, role)
    finally:
        if not keep:
            with psycopg.connect(admin, autocommit=True) as connection:
                connection.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = %s", (role,))
                connection.execute(sql.SQL("DROP SCHEMA {} CASCADE").format(sql.Identifier(schema)))
                connection.execute(sql.SQL("DROP ROLE {}").format(sql.Identifier(role)))
                connection.execute(sql.SQL("DROP ROLE {}").format(sql.Identifier(writer_role(schema))))


def instance_config(folder: Path, name: str, schema: str | None, prefix: str | None, durability: str) -> Path:
    """The example's config; ``prefix`` None: the in-memory vault; ``schema`` None: the
    folder trail (with the example's durability)."""
    config: dict[str, Any] = yaml.safe_load((EXAMPLE / "config.yaml").read_text(encoding="utf-8"))
    config["policy"] = str(EXAMPLE / config["policy"])
    config["data_dir"] = str(folder / name)
    config["audit_trail"]["durability"] = durability
    if prefix is None:
        del config["vault"]
    else:
        config["vault"]["key_prefix"] = prefix
    if schema is None:
        config["audit_store"] = "folder"
        del config["audit_trail"]["postgres_schema"]
    else:
        config["audit_trail"]["postgres_schema"] = schema
    path = folder / f"{name}.yaml"
    path.write_text(yaml.safe_dump(config), encoding="utf-8")
    return path


def verify(folder: Path, shared: Trail) -> tuple[bool, str]:
    """``guardrail audit verify --store postgres`` with both instances' checkpoint keys."""
    keys: list[dict[str, Any]] = []
    for name in ("a", "b"):
        keys += json.loads((folder / name / "checkpoint-jwks.json").read_text())["keys"]
    (folder / "fleet-jwks.json").write_text(json.dumps({"keys": keys}))
    verified = subprocess.run(
        [*GUARDRAIL, "audit", "verify", "--store", "postgres", "--schema", shared.schema]
        + ["--jwks", str(folder / "fleet-jwks.json")],
        capture_output=True,
        text=True,
        timeout=300,
        env={**os.environ, "GUARDRAIL_DATABASE_URL": shared.service},
        check=False,
    )
    return verified.returncode == 0, (verified.stdout + verified.stderr).strip()


def machine() -> str:
    load = " ".join(f"{value:.1f}" for value in os.getloadavg())
    return f"nproc {len(os.sched_getaffinity(0))}, load average {load}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--calls", type=int, default=960, help="calls per configuration under load (default 960)")
    parser.add_argument("--rounds", type=int, default=4, help="rounds the load is split into (default 4)")
    parser.add_argument("--clients", type=int, default=16, help="concurrent clients (default 16)")
    parser.add_argument("--sequential", type=int, default=300, help="one-at-a-time calls to (a) and (c) each")
    parser.add_argument(
        "--durability",
        choices=["record", "batch"],
        default="record",
        help="audit_trail.durability of every instance (default record, as in the example)",
    )
    parser.add_argument("--keep", action="store_true", help="keep the PostgreSQL schema")
    args = parser.parse_args()
    redis_url, admin = services()
    print(f"start: {machine()}")
    folder = Path(tempfile.mkdtemp(prefix="guardrail-scale-out-"))
    prefix = f"benchmark:scale-out:{uuid.uuid4().hex[:8]}"
    runs = {ONE: Run(), TWO: Run(), BASE: Run()}
    shared_calls = 0
    with trail(admin, args.keep) as shared:
        env = {
            "LITELLM_LOCAL_MODEL_COST_MAP": "True",
            "GUARDRAIL_REDIS_URL": redis_url,
            "GUARDRAIL_VAULT_KEY": base64.b64encode(os.urandom(32)).decode(),
            "GUARDRAIL_DATABASE_URL": shared.service,  # the insert-only role
        }
        # name: (PostgreSQL schema or None for the folder, Redis prefix or None for memory)
        names = {"a": (shared.schema, prefix), "b": (shared.schema, prefix), "c": (None, None), "d": (None, prefix)}
        ports = {name: free_port() for name in names}
        urls = {name: f"http://127.0.0.1:{port}" for name, port in ports.items()}
        with contextlib.ExitStack() as stack:
            servers = [
                server_process(
                    [*GUARDRAIL, "serve", "--config", str(instance_config(folder, name, *stores, args.durability))]
                    + ["--port", str(ports[name])],
                    f"{urls[name]}/health/ready",
                    env=env,
                    timeout=300,
                    log_path=folder / f"{name}.log",
                )
                for name, stores in names.items()
            ]
            started = time.perf_counter()
            with ThreadPoolExecutor(len(servers)) as starting:  # all load at once
                entered = [starting.submit(server.__enter__) for server in servers]
            for server, future in zip(servers, entered, strict=True):
                if future.exception() is None:
                    stack.push(server.__exit__)
            for future in entered:
                future.result()
            print(f"{len(servers)} instances ready in {time.perf_counter() - started:.0f} s; {machine()}")
            paths = {ONE: [urls["a"]], TWO: [urls["a"], urls["b"]], BASE: [urls["c"]]}
            number = 0
            for name in names:  # first calls: connections, models, script cache
                warm = Run()
                asyncio.run(load([urls[name]], number, 8, 4, f"warm-{name}", warm))
                number += 8
                shared_calls += len(warm.latencies) if name in "ab" else 0
            share = args.calls // args.rounds
            order = list(paths)
            for round_number in range(args.rounds):
                for label in order[round_number % 3 :] + order[: round_number % 3]:
                    before = len(runs[label].latencies)
                    asyncio.run(load(paths[label], number, share, args.clients, label[1], runs[label]))
                    number += share
                    if label != BASE:
                        shared_calls += len(runs[label].latencies) - before
                print(f"round {round_number + 1} of {args.rounds} done; {machine()}")
            sequential = one_at_a_time(
                {ONE: urls["a"], REDIS_ONLY: urls["d"], BASE: urls["c"]}, number, args.sequential
            )
            shared_calls += args.sequential
            print(f"end of load: {machine()}")
            stack.close()  # each instance signs a last checkpoint
        passed, verified = verify(folder, shared)
        recorded = shared.calls()
    client = redis.Redis.from_url(redis_url)
    keys = list(client.scan_iter(match=f"{prefix}:*"))
    if keys:
        client.delete(*keys)
    print(f"audit_trail.durability: {args.durability}")
    report(runs, sequential, args.clients, args.calls)
    print(f"\naudit verify --store postgres: {'passed' if passed else 'FAILED'}: {verified.splitlines()[-1]}")
    print(f"call records in PostgreSQL: {recorded}; calls answered by the shared instances: {shared_calls}")
    print(f"end: {machine()}")
    if not passed or recorded != shared_calls or any(run.failed or run.unrestored for run in runs.values()):
        sys.exit(1)


def report(runs: dict[str, Run], sequential: dict[str, list[float]], clients: int, calls: int) -> None:
    print(f"\n{clients} concurrent clients, {calls} calls per configuration, ~1 KB messages, one worker per instance")
    print(f"{'configuration':38} {'calls/s':>8} {'median':>9} {'p95':>9} {'non-200':>8} {'unrestored':>11}")
    figures = {label: run.summary() for label, run in runs.items()}
    for label, run in runs.items():
        rps, median, p95 = figures[label]
        print(f"{label:38} {rps:8.1f} {median:7.1f}ms {p95:7.1f}ms {run.failed:8d} {run.unrestored:11d}")
    one, two, base = figures[ONE], figures[TWO], figures[BASE]
    print(
        f"(b)/(a): throughput {two[0] / one[0]:.2f}x, median {two[1] / one[1]:.2f}x, p95 {two[2] / one[2]:.2f}x"
        f"\n  [{len(os.sched_getaffinity(0))} cores shared by both instances, Redis, PostgreSQL and this client:"
        " the two instances compete for the same cores, so this is the cost of coordinating through the shared"
        " stores plus what a second core gives one-worker instances, not the gain on separate machines]"
    )
    print(f"(a)/(c): throughput {one[0] / base[0]:.2f}x, median {one[1] / base[1]:.2f}x, p95 {one[2] / base[2]:.2f}x")
    print(f"added by Redis + PostgreSQL under load, (a) - (c) median: {one[1] - base[1]:+.1f} ms per call")
    print(f"\none at a time ({len(sequential[ONE])} calls each, interleaved, {QUIET_SECONDS * 1000:.0f} ms apart):")
    for label, times in sequential.items():
        ordered = sorted(times)
        print(
            f"  {label:36} median {statistics.median(ordered):6.1f} ms, p95 {ordered[int(len(ordered) * 0.95) - 1]:6.1f} ms"
        )
    for what, more, less in (
        ("Redis + PostgreSQL, (a) - (c)", ONE, BASE),
        ("Redis vault, (d) - (c)", REDIS_ONLY, BASE),
        ("PostgreSQL trail, (a) - (d)", ONE, REDIS_ONLY),
    ):
        added = statistics.median(sequential[more]) - statistics.median(sequential[less])
        paired = statistics.median(m - l for m, l in zip(sequential[more], sequential[less], strict=True))
        goal = 2 * GOAL_MS if "+" in what else GOAL_MS
        print(
            f"  added by {what:30} {added:+6.2f} ms (median of paired differences {paired:+6.2f} ms; "
            f"goal under {goal:g} ms: {'met' if added < goal else 'NOT met'})"
        )


if __name__ == "__main__":
    main()
