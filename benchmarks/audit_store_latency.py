"""What one audit record costs to append: PostgreSQL beside the folder store.

    GUARDRAIL_DATABASE_URL=postgresql://... python benchmarks/audit_store_latency.py [--records 2000]

Each record goes through :meth:`CallRecords.write`, the proxy's own path (for
PostgreSQL: advisory lock, head read, insert, commit, over one connection), with a call
record of about 1 KB. The stores take turns record by record, so a busy moment of the
machine falls on all of them alike. Both durability settings: ``record`` waits for the
disk (fsync; PostgreSQL's WAL flush at commit), ``batch`` does not (fsync within a
second; PostgreSQL's ``synchronous_commit = off``). Then, for PostgreSQL, ``--writers``
instances appending at once to the one chain: how many records a second it takes in
all, and each append's median while they contend for the chain's lock.

The DSN needs a role that may create a schema (the benchmark migrates a schema of its
own and drops it at the end); nothing else in the database is touched.
"""

from __future__ import annotations

import argparse
import os
import secrets
import statistics
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

import psycopg
from psycopg import sql

from guardrail.attribution import KeyStore
from guardrail.audit.postgres_schema import migrate, writer_role
from guardrail.audit.records import CallRecords, audit_location
from guardrail.audit.settings import TrailSettings

RECORD = {
    "model": "guardrail-demo",
    "tenant": "shop",
    "status": 200,
    "input_decision": "modify",
    "output_decision": "allow",
    "checks": [
        {"check": name, "decision": "allow", "ms": 0.4, "entities": ["PERSON", "PHONE_NUMBER"]}
        for name in ("personal-data", "prompt-injection", "secrets", "threats", "fairness", "copyright")
    ],
    "labels": {"ai_generated": True, "notice": "shown"},
    "usage": {"prompt_tokens": 120, "completion_tokens": 80},
    "pad": "x" * 300,
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, default=2000, help="Records per store and durability.")
    parser.add_argument("--writers", type=int, default=4, help="PostgreSQL instances appending at once.")
    args = parser.parse_args()
    dsn = os.environ.get("GUARDRAIL_DATABASE_URL")
    if not dsn:
        raise SystemExit('set GUARDRAIL_DATABASE_URL (eval "$(.ci/services)" and use GUARDRAIL_TEST_POSTGRES_DSN)')
    schema = f"bench_{secrets.token_hex(4)}"
    migrate(dsn, schema)
    folder = Path(tempfile.mkdtemp(prefix="guardrail-store-bench-"))
    keys = KeyStore(folder / "keys")
    try:
        trails: dict[tuple[str, str], CallRecords] = {}
        for durability in ("record", "batch"):
            settings = TrailSettings(durability=durability, postgres_schema=schema)
            for store in ("folder", "postgres"):
                data = folder / f"{store}-{durability}"
                trails[(store, durability)] = CallRecords(audit_location(data, store), keys.active, settings=settings)
        costs: dict[tuple[str, str], list[float]] = {name: [] for name in trails}
        order = list(trails)
        for number in range(args.records * len(order)):
            name = order[number % len(order)]
            started = time.perf_counter()
            assert trails[name].write({"request_id": f"r{number}", **RECORD})
            costs[name].append(time.perf_counter() - started)
        for records in trails.values():
            records.close()
        print(f"per-record append, {args.records} records each, one writer (ms)")
        print(f"{'store':<10} {'durability':<10} {'median':>8} {'p95':>8}")
        for (store, durability), times in costs.items():
            print(f"{store:<10} {durability:<10} {_ms(statistics.median(times)):>8} {_ms(_p95(times)):>8}")
        for durability in ("record", "batch"):
            ratio = statistics.median(costs[("postgres", durability)]) / statistics.median(
                costs[("folder", durability)]
            )
            print(f"postgres / folder, {durability}: {ratio:.2f}x")
        for durability in ("batch", "record"):
            _contended(folder, keys, schema, durability, args.writers, max(200, args.records // 2))
    finally:
        with psycopg.connect(dsn, autocommit=True) as connection:
            connection.execute(sql.SQL("DROP SCHEMA {} CASCADE").format(sql.Identifier(schema)))
            connection.execute(sql.SQL("DROP ROLE IF EXISTS {}").format(sql.Identifier(writer_role(schema))))


def _contended(folder: Path, keys: KeyStore, schema: str, durability: str, writers: int, each: int) -> None:
    settings = TrailSettings(durability=durability, postgres_schema=schema)
    instances = [
        CallRecords(audit_location(folder / f"fleet-{durability}-{n}", "postgres"), keys.active, settings=settings)
        for n in range(writers)
    ]
    times: list[list[float]] = [[] for _ in instances]
    barrier = threading.Barrier(writers + 1)

    def run(index: int) -> None:
        barrier.wait()
        for i in range(each):
            started = time.perf_counter()
            instances[index].write({"request_id": f"w{index}-{i}", **RECORD})
            times[index].append(time.perf_counter() - started)

    threads = [threading.Thread(target=run, args=(n,)) for n in range(writers)]
    for thread in threads:
        thread.start()
    barrier.wait()
    started = time.perf_counter()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - started
    for records in instances:
        records.close()
    every = [t for per in times for t in per]
    print(
        f"postgres {durability}, {writers} instances at once (threads, a connection each): "
        f"{len(every) / elapsed:,.0f} records/s in all, median {_ms(statistics.median(every))} ms, "
        f"p95 {_ms(_p95(every))} ms"
    )


def _p95(times: list[float]) -> float:
    return sorted(times)[int(len(times) * 0.95)]


def _ms(seconds: Any) -> str:
    return f"{seconds * 1000:.3f}"


if __name__ == "__main__":
    main()
