"""Checks that hang neither starve other checks nor block an event loop."""

from __future__ import annotations

import asyncio
import contextlib
import threading
import time
from concurrent.futures import ThreadPoolExecutor

from guardrail.core import (
    ALLOW,
    CallContext,
    Decision,
    Payload,
    PolicyRef,
    RiskTier,
    Stage,
    Verdict,
)
from guardrail.core.executor import CheckExecutor
from guardrail.core.pipeline import Pipeline, Step

CONTEXT = CallContext(PolicyRef("p", "1", "sha256:x"), use_case="general", risk_tier=RiskTier.LOW)
PAYLOAD = Payload(Stage.INPUT, ({"role": "user", "content": "hello"},))


class Hangs:
    """Blocks until released (or 30 s), then allows."""

    def __init__(self) -> None:
        self.release = threading.Event()

    def __call__(self, payload: Payload, context: CallContext) -> Verdict:
        self.release.wait(30)
        return ALLOW


class Quick:
    def __call__(self, payload: Payload, context: CallContext) -> Verdict:
        return ALLOW


def test_threads_stuck_in_abandoned_checks_are_replaced_so_other_checks_still_run() -> None:
    hangs = Hangs()
    hanging = Pipeline([Step("hangs", hangs, fail_closed=False, timeout_seconds=0.2)])
    healthy = Pipeline([Step("quick", Quick(), timeout_seconds=0.2)])
    try:
        with ThreadPoolExecutor(40) as callers:  # more calls hang at once than the stage has workers
            verdicts = list(callers.map(lambda _: hanging(PAYLOAD, CONTEXT), range(40)))
        # Each hanging call is abandoned at its timeout; once 16 runs of the check are stuck,
        # later calls do not wait for it at all (stalled). Either way the check's own failure.
        failures = [v.steps[0].verdict.failure for v in verdicts]
        assert all(f is not None and f.error_type in {"CheckTimeout", "CheckStalled"} for f in failures)
        assert any(f is not None and f.error_type == "CheckTimeout" for f in failures)
        started = time.perf_counter()
        verdict = healthy(PAYLOAD, CONTEXT)
        assert time.perf_counter() - started < 0.1
        assert verdict.decision is Decision.ALLOW and verdict.steps[0].verdict.failure is None
    finally:
        hangs.release.set()


def test_a_check_with_too_many_stuck_runs_is_skipped_as_stalled_and_recovers() -> None:
    executor = CheckExecutor("test", workers=2, max_stuck_per_check=2)
    hangs = Hangs()
    step = Step("hangs", hangs, fail_closed=False, timeout_seconds=0.1)

    def run() -> None:
        hangs(PAYLOAD, CONTEXT)

    for _ in range(2):
        executor.submit(run)
        executor.stuck(hangs)
    assert executor.stalled(step.check)
    assert executor.submit(lambda: None).result(timeout=1) is None  # both workers hang, a replacement runs it
    hangs.release.set()
    for _ in range(2):
        executor.released(hangs)
    assert not executor.stalled(step.check)


def test_a_stalled_check_is_recorded_against_itself_without_running() -> None:
    hangs = Hangs()
    pipeline = Pipeline(
        [Step("hangs", hangs, fail_closed=False, timeout_seconds=0.3), Step("quick", Quick(), timeout_seconds=1)]
    )
    try:
        with ThreadPoolExecutor(20) as callers:  # more than the per-check limit of stuck runs
            verdicts = list(callers.map(lambda _: pipeline(PAYLOAD, CONTEXT), range(20)))
            started = time.perf_counter()
            verdicts += list(callers.map(lambda _: pipeline(PAYLOAD, CONTEXT), range(20)))
        assert time.perf_counter() - started < 0.25  # the second wave did not wait for the hung check
        errors = [v.by_name()["hangs"].verdict.failure.error_type for v in verdicts]  # type: ignore[union-attr]
        assert errors == ["CheckTimeout"] * 20 + ["CheckStalled"] * 20
        assert all(v.by_name()["quick"].verdict.failure is None for v in verdicts)
    finally:
        hangs.release.set()


def test_run_async_keeps_deadlines_without_blocking_the_event_loop() -> None:
    hangs = Hangs()
    pipeline = Pipeline([Step("hangs", hangs, fail_closed=False, timeout_seconds=0.3)])

    async def main() -> tuple[float, list[Verdict]]:
        ticks: list[float] = []

        async def heartbeat() -> None:
            while True:
                started = time.perf_counter()
                await asyncio.sleep(0.01)
                ticks.append(time.perf_counter() - started)

        beat = asyncio.create_task(heartbeat())
        verdicts = await asyncio.gather(*(pipeline.run_async(PAYLOAD, CONTEXT) for _ in range(10)))
        beat.cancel()
        return max(ticks), verdicts

    try:
        slowest_tick, verdicts = asyncio.run(main())
    finally:
        hangs.release.set()
    assert slowest_tick < 0.1  # the loop went on while ten checks hung
    for verdict in verdicts:
        failure = verdict.steps[0].verdict.failure
        assert failure is not None and failure.error_type == "CheckTimeout" and verdict.decision is Decision.WARN


def test_run_async_gives_the_same_verdict_as_a_call() -> None:
    class Upper:
        def __call__(self, payload: Payload, context: CallContext) -> Verdict:
            messages = tuple({**m, "content": str(m["content"]).upper()} for m in payload.messages)
            return Verdict(Decision.MODIFY, payload=Payload(payload.stage, messages))

    pipeline = Pipeline([Step("upper", Upper(), timeout_seconds=1), Step("quick", Quick())])
    for inline in (False, True):
        verdict = asyncio.run(pipeline.run_async(PAYLOAD, CONTEXT, inline=inline))
        assert verdict.payload is not None and verdict.payload.messages[0]["content"] == "HELLO"
        assert [s.name for s in verdict.steps] == ["upper", "quick"]


def test_a_caller_that_goes_away_leaves_its_stuck_thread_counted_until_the_check_returns() -> None:
    hangs = Hangs()
    executor = CheckExecutor("cancel-test")
    pipeline = Pipeline([Step("hangs", hangs, fail_closed=False, timeout_seconds=5)])

    async def main() -> None:
        from guardrail.core import executor as module

        module._executors[Stage.INPUT], saved = executor, module._executors.get(Stage.INPUT)
        try:
            task = asyncio.create_task(pipeline.run_async(PAYLOAD, CONTEXT))
            await asyncio.sleep(0.1)  # the check is running on a pool thread
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task
        finally:
            if saved is not None:
                module._executors[Stage.INPUT] = saved

    asyncio.run(main())
    assert executor.stalled(hangs) is False and executor.stuck_runs == 1  # replaced, not forgotten
    hangs.release.set()
    deadline = time.monotonic() + 2
    while executor.stuck_runs and time.monotonic() < deadline:
        time.sleep(0.01)
    assert executor.stuck_runs == 0
