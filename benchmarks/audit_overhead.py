"""What the audit trail and tracing add to a call, measured on the operations themselves.

    python benchmarks/audit_overhead.py [--calls 2000]

Per call the proxy: starts a ``chat`` span, records one guardrail span per check per
stage, ends the span (export is batched on a background thread, here to a JSON-lines
file), and appends two hash-chained audit entries, the intent before the upstream is
called and the record after (flock, tail read, ``O_APPEND`` write, head file, and the
fsync the durability setting asks for). This times exactly that, over realistic
records and verdicts from the default policy, one call at a time, for each durability
setting side by side (calls alternate between two trails).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from redaction_latency import prompts

from guardrail.attribution import KeyStore
from guardrail.audit.records import CallRecords
from guardrail.audit.settings import TrailSettings
from guardrail.core import Stage
from guardrail.runtime import Guard
from guardrail.runtime.evidence import check_summaries
from guardrail.telemetry import TelemetrySettings, Tracing


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--calls", type=int, default=2000)
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="guardrail-audit-bench-"))
    guard = Guard.from_policy()
    keys = KeyStore(folder / "keys")
    trails = {
        durability: CallRecords(
            folder / durability / "audit", keys.active, settings=TrailSettings(durability=durability)
        )
        for durability in ("record", "batch")
    }
    tracing = Tracing(TelemetrySettings(exporter="file", file=folder / "traces.jsonl"))
    texts = (prompts() * (args.calls // 100 + 1))[: args.calls]
    prepared = []
    for text in texts:
        context = guard.context()
        request = guard.guard_request([{"role": "user", "content": text}], context)
        prepared.append((context, request.verdict))
    costs: dict[str, list[float]] = {durability: [] for durability in trails}
    for number, (context, verdict) in enumerate(prepared):
        durability = ("record", "batch")[number % 2]
        records = trails[durability]
        started = time.perf_counter()
        records.begin(context.request_id, model="bench", stream=False, tenant=context.tenant)
        span = tracing.start_call("bench", "openai", context)
        tracing.record_checks(span, Stage.INPUT, verdict, context)
        tracing.record_checks(span, Stage.OUTPUT, verdict, context)
        tracing.end_call(span, status=200, response={"model": "bench", "usage": {"prompt_tokens": 250}})
        record = {
            "request_id": context.request_id,
            "tenant": context.tenant,
            "status": 200,
            "trace_id": format(span.get_span_context().trace_id, "032x"),
            "checks": check_summaries("input", verdict) + check_summaries("output", verdict),
        }
        records.write(record)
        costs[durability].append((time.perf_counter() - started) * 1000)
    tracing.shutdown()
    for durability, records in trails.items():
        records.close()
        spent = costs[durability]
        print(
            f"audit ({durability} durability) + tracing per call: median {statistics.median(spent):.3f} ms, "
            f"p95 {statistics.quantiles(spent, n=20)[18]:.3f} ms over {len(spent)} calls (bar: median under 2 ms)"
        )


if __name__ == "__main__":
    main()
