"""Runs named checks in order, for the input stage and the output stage alike.

One loop serves both stages: each step declares the stages it runs at. The pipeline
stops at the first block, keys results by each step's configured name, and is itself
a check, so pipelines nest.

A check that raises, or runs past its ``timeout_seconds``, does not let content
through silently: its step's ``on_error`` decides between failing closed (block) and
failing open (keep going with the payload as it was), unless the call's risk tier
forces every check to fail closed (``context.fail_closed``); the verdict records
which one happened. A timed-out check is abandoned, not killed (Python cannot stop a
thread): it finishes in the background and its result is dropped, on a thread its
stage's :class:`~guardrail.core.executor.CheckExecutor` has already replaced.

Library callers call the pipeline and wait. Servers ``await`` :meth:`Pipeline.run_async`:
the checks run on the stage's executor and the deadlines are kept by the event loop,
which is never blocked, so health checks and other calls go on while a check hangs.
"""

from __future__ import annotations

import asyncio
import threading
import time
from collections.abc import Callable, Sequence
from concurrent.futures import Future
from concurrent.futures import TimeoutError as FutureTimeout
from dataclasses import dataclass

from guardrail.core.check import Check
from guardrail.core.context import CallContext, Stage
from guardrail.core.executor import CheckExecutor, executor_for
from guardrail.core.verdict import (
    CheckFailure,
    Decision,
    ErrorOutcome,
    Payload,
    StepOutcome,
    Verdict,
)
from guardrail.errors import CheckError


@dataclass(frozen=True, slots=True)
class Step:
    """A check as configured in a policy: its name, stages, error mode and labels."""

    name: str
    check: Check
    stages: frozenset[Stage] = frozenset(Stage)
    fail_closed: bool = True
    dimensions: tuple[str, ...] = ()
    principles: tuple[str, ...] = ()
    timeout_seconds: float | None = None
    whole_answer: bool = False  # judges a whole answer: on streams, run once at the end


class CheckTimeout(CheckError):
    """A check ran past its step's ``timeout_seconds``."""

    def __init__(self, check: str, *, request_id: str | None = None, message: str = "ran past its timeout") -> None:
        super().__init__(message, check=check, request_id=request_id)


class CheckStalled(CheckTimeout):
    """A check not started because so many of its earlier runs are still stuck past
    their timeout (see :mod:`guardrail.core.executor`); its error mode applies."""

    def __init__(self, check: str, *, request_id: str | None = None) -> None:
        super().__init__(check, request_id=request_id, message="not started: earlier runs are stuck past their timeout")


class Pipeline:
    """An ordered chain of steps; itself a :class:`~guardrail.core.check.Check`."""

    def __init__(self, steps: Sequence[Step]) -> None:
        names = [step.name for step in steps]
        duplicates = sorted({name for name in names if names.count(name) > 1})
        if duplicates:
            raise ValueError(f"check names must be unique; repeated: {duplicates}")
        self.steps: tuple[Step, ...] = tuple(steps)

    def subset(self, keep: Callable[[Step], bool]) -> Pipeline:
        """A pipeline of the steps ``keep`` accepts, in the same order."""
        return Pipeline([step for step in self.steps if keep(step)])

    def __call__(self, payload: Payload, context: CallContext) -> Verdict:
        steps = [step for step in self.steps if payload.stage in step.stages]
        fold = _Fold(payload)
        if any(step.timeout_seconds is not None for step in steps):
            _run_watched(steps, fold, context)
        else:
            _run_inline(steps, fold, context)
        return fold.verdict()

    async def run_async(self, payload: Payload, context: CallContext, *, inline: bool = False) -> Verdict:
        """The same verdict as calling the pipeline, without blocking the event loop:
        the checks run on the stage's executor while the loop keeps their deadlines.

        ``inline``: the caller knows the work is tiny (a short text); if no step has a
        timeout, run it right here, as a thread hop would cost more than the checks.
        """
        steps = [step for step in self.steps if payload.stage in step.stages]
        fold = _Fold(payload)
        if inline and all(step.timeout_seconds is None for step in steps):
            _run_inline(steps, fold, context)
            return fold.verdict()
        executor = executor_for(payload.stage)
        first = 0
        while first < len(steps):
            run = _WatchedRun(steps, first, fold, context, executor)
            first = await run.watch_async(executor.submit(run.run))
        return fold.verdict()


class _Fold:
    """The stage's verdict so far: outcomes in order, the worst decision, the payload
    as the last modifying check left it."""

    def __init__(self, payload: Payload) -> None:
        self.original = payload
        self.current = payload
        self.outcomes: list[StepOutcome] = []
        self.decision = Decision.ALLOW
        self.reason: str | None = None

    def add(self, outcome: StepOutcome) -> bool:
        """Take one step's outcome; ``True`` when it blocks and the stage must stop."""
        self.outcomes.append(outcome)
        verdict = outcome.verdict
        if verdict.decision.severity > self.decision.severity:
            self.decision, self.reason = verdict.decision, verdict.reason
        if verdict.blocked:
            return True
        if verdict.payload is not None:
            self.current = verdict.payload
        return False

    def verdict(self) -> Verdict:
        changed = self.current is not self.original
        decision = self.decision
        if changed and decision.severity < Decision.MODIFY.severity:
            decision = Decision.MODIFY
        return Verdict(
            decision=decision,
            payload=self.current if changed and decision is not Decision.BLOCK else None,
            reason=self.reason,
            steps=tuple(self.outcomes),
        )


def _run_inline(steps: list[Step], fold: _Fold, context: CallContext) -> None:
    for step in steps:
        if fold.add(_run_step(step, fold.current, context)):
            break


def _run_step(step: Step, payload: Payload, context: CallContext) -> StepOutcome:
    started_ns = time.time_ns()
    started = time.perf_counter()
    try:
        verdict = step.check(payload, context)
        if not isinstance(verdict, Verdict):
            raise CheckError(
                f"returned {type(verdict).__name__}, not a Verdict", check=step.name, request_id=context.request_id
            )
    except Exception as error:  # noqa: BLE001 - any failure must become a recorded verdict
        verdict = _failure_verdict(step.fail_closed or context.fail_closed, error)
    return _outcome(step, verdict, started, started_ns)


def _outcome(step: Step, verdict: Verdict, started: float, started_ns: int) -> StepOutcome:
    return StepOutcome(
        name=step.name,
        verdict=verdict,
        duration_ms=(time.perf_counter() - started) * 1000.0,
        dimensions=step.dimensions,
        principles=step.principles,
        started_ns=started_ns,
    )


# How often, at least, the caller looks at which step runs: a step that started since
# is still measured from its own start, so a timeout is noticed at most this late.
_WATCH_INTERVAL = 0.05
# How long an event loop may simply block for a stage before it awaits it instead. Most
# stages end within this (a short prompt's checks take a millisecond or two), and a plain
# blocking wait is the cheapest hand-back from a thread: on a busy machine, awaiting
# every stage cost about 0.3 ms more per call. A check that hangs holds the loop for no
# longer than this.
_BLOCK_FIRST = 0.002


def _run_watched(steps: list[Step], fold: _Fold, context: CallContext) -> None:
    """Run the stage on a pool thread while this thread keeps each step's deadline.

    One thread hop per stage rather than one per timed check: each hop costs about
    half a millisecond on a busy server. A step past its deadline is abandoned (its
    thread finishes in the background and its result is dropped), recorded as a
    ``CheckTimeout`` under its error mode, and the remaining steps go on in a fresh
    run from the payload as it was.
    """
    executor = executor_for(fold.original.stage)
    first = 0
    while first < len(steps):
        run = _WatchedRun(steps, first, fold, context, executor)
        first = run.watch(executor.submit(run.run))


class _WatchedRun:
    """Steps ``first``.. on a pool thread; :meth:`watch` and :meth:`watch_async` are
    the caller's side, which keeps the deadlines."""

    def __init__(
        self, steps: list[Step], first: int, fold: _Fold, context: CallContext, executor: CheckExecutor
    ) -> None:
        self.steps, self.fold, self.context, self.executor = steps, fold, context, executor
        self.lock = threading.Lock()
        self.index = first
        self.started, self.started_ns = time.perf_counter(), time.time_ns()  # until a thread takes it
        self.abandoned = False
        self.running = False  # a pool thread is in the run (so abandoning it leaves that thread stuck)
        self.finished = False  # every step's outcome is in the fold

    def run(self) -> None:
        with self.lock:
            if self.abandoned:
                return
            self.running = True
            self.started, self.started_ns = time.perf_counter(), time.time_ns()
        index = self.index
        while True:
            step = self.steps[index]
            with self.lock:
                payload = self.fold.current
            if self.executor.stalled(step.check):
                failure = _failure_verdict(
                    step.fail_closed or self.context.fail_closed,
                    CheckStalled(step.name, request_id=self.context.request_id),
                )
                outcome = _outcome(step, failure, self.started, self.started_ns)
            else:
                outcome = _run_step(step, payload, self.context)
            with self.lock:
                if self.abandoned:
                    self.executor.released(step.check)
                    self.running = False
                    return
                if self.fold.add(outcome) or index + 1 == len(self.steps):
                    self.running, self.finished = False, True
                    return
                index += 1  # the next step's clock starts now, so the watcher never sees a done step overdue
                self.index, self.started, self.started_ns = index, time.perf_counter(), time.time_ns()

    def watch(self, future: Future[None]) -> int:
        """Wait for the run, blocking; returns where the stage goes on (past the end when done)."""
        while True:
            index, started, limit, wait = self._deadline()
            try:
                future.result(timeout=wait)
                return len(self.steps)
            except FutureTimeout:
                pass
            goes_on = self._abandon_if_overdue(index, started, limit, future)
            if goes_on is not None:
                return goes_on

    async def watch_async(self, future: Future[None]) -> int:
        """:meth:`watch` for an event loop: awaits the run and keeps deadlines with timers
        (after blocking for at most ``_BLOCK_FIRST``, which most runs need no more than)."""
        try:
            future.result(timeout=_BLOCK_FIRST)
            return len(self.steps)
        except FutureTimeout:
            pass
        waiter = asyncio.wrap_future(future)
        try:
            while True:
                index, started, limit, wait = self._deadline()
                done, _ = await asyncio.wait((waiter,), timeout=wait)
                if done:
                    waiter.result()
                    return len(self.steps)
                goes_on = self._abandon_if_overdue(index, started, limit, future)
                if goes_on is not None:
                    return goes_on
        except asyncio.CancelledError:
            with self.lock:  # the caller went away: the rest of the run is not wanted
                self._abandon()
            raise

    def _deadline(self) -> tuple[int, float, float | None, float]:
        """The running step, its start and timeout, and how long to wait before looking again."""
        with self.lock:
            index, started = self.index, self.started
        limit = self.steps[index].timeout_seconds
        wait = (
            _WATCH_INTERVAL if limit is None else min(_WATCH_INTERVAL, max(0.0, started + limit - time.perf_counter()))
        )
        return index, started, limit, wait

    def _abandon_if_overdue(self, index: int, started: float, limit: float | None, future: Future[None]) -> int | None:
        """Abandon the run if step ``index`` is still the one running and past its limit;
        returns where the stage goes on then, ``None`` if it is not overdue."""
        with self.lock:
            overdue = (
                limit is not None
                and not self.finished
                and self.index == index
                and self.started == started
                and time.perf_counter() >= started + limit
            )
            if not overdue:
                return None
            self._abandon()
            step = self.steps[index]
            failure = _failure_verdict(
                step.fail_closed or self.context.fail_closed,
                CheckTimeout(step.name, request_id=self.context.request_id),
            )
            stop = self.fold.add(_outcome(step, failure, self.started, self.started_ns))
        future.cancel()  # if it never started, it never will
        return len(self.steps) if stop else index + 1

    def _abandon(self) -> None:
        """Under the lock: drop the run; a thread inside it is stuck until its step returns."""
        if self.abandoned:
            return
        self.abandoned = True
        if self.running:
            self.executor.stuck(self.steps[self.index].check)


def _failure_verdict(fail_closed: bool, error: Exception) -> Verdict:
    if fail_closed:
        return Verdict(
            decision=Decision.BLOCK,
            reason="check_error.failed_closed",
            failure=CheckFailure(type(error).__name__, ErrorOutcome.FAILED_CLOSED),
        )
    return Verdict(
        decision=Decision.WARN,
        reason="check_error.failed_open",
        failure=CheckFailure(type(error).__name__, ErrorOutcome.FAILED_OPEN),
    )
