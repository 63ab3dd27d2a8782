"""Runs named checks in order, for the input stage and the output stage alike.

One loop serves both stages: each step declares the stages it runs at. The pipeline
stops at the first block, keys results by each step's configured name, and is itself
a check, so pipelines nest.

A check that raises, or runs past its ``timeout_seconds``, does not let content
through silently: its step's ``on_error`` decides between failing closed (block) and
failing open (keep going with the payload as it was), unless the call's risk tier
forces every check to fail closed (``context.fail_closed``); the verdict records
which one happened. A timed-out check is abandoned, not killed (Python cannot stop a
thread): it finishes in the background and its result is dropped.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from dataclasses import dataclass

from guardrail.core.check import Check
from guardrail.core.context import CallContext, Stage
from guardrail.core.verdict import (
    CheckFailure,
    Decision,
    ErrorOutcome,
    Payload,
    StepOutcome,
    Verdict,
)


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


class CheckTimeout(Exception):
    """A check ran past its step's ``timeout_seconds``."""


_TIMED_WORKERS = 8
_timed_pool: ThreadPoolExecutor | None = None
_timed_pool_lock = threading.Lock()


def _pool() -> ThreadPoolExecutor:
    """One pool per process for checks with a timeout, made on first use."""
    global _timed_pool
    with _timed_pool_lock:
        if _timed_pool is None:
            _timed_pool = ThreadPoolExecutor(_TIMED_WORKERS, thread_name_prefix="guardrail-check")
        return _timed_pool


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
        outcomes: list[StepOutcome] = []
        current = payload
        decision = Decision.ALLOW
        reason: str | None = None
        for step in self.steps:
            if payload.stage not in step.stages:
                continue
            outcome = _run_step(step, current, context)
            outcomes.append(outcome)
            verdict = outcome.verdict
            if verdict.decision.severity > decision.severity:
                decision, reason = verdict.decision, verdict.reason
            if verdict.blocked:
                break
            if verdict.payload is not None:
                current = verdict.payload
        changed = current is not payload
        if changed and decision.severity < Decision.MODIFY.severity:
            decision = Decision.MODIFY
        return Verdict(
            decision=decision,
            payload=current if changed and decision is not Decision.BLOCK else None,
            reason=reason,
            steps=tuple(outcomes),
        )


def _run_step(step: Step, payload: Payload, context: CallContext) -> StepOutcome:
    started_ns = time.time_ns()
    started = time.perf_counter()
    try:
        if step.timeout_seconds is None:
            verdict = step.check(payload, context)
        else:
            verdict = _timed(step, payload, context)
        if not isinstance(verdict, Verdict):
            raise TypeError(f"check returned {type(verdict).__name__}, not a Verdict")
    except Exception as error:  # noqa: BLE001 - any failure must become a recorded verdict
        verdict = _failure_verdict(step.fail_closed or context.fail_closed, error)
    return StepOutcome(
        name=step.name,
        verdict=verdict,
        duration_ms=(time.perf_counter() - started) * 1000.0,
        dimensions=step.dimensions,
        principles=step.principles,
        started_ns=started_ns,
    )


def _timed(step: Step, payload: Payload, context: CallContext) -> Verdict:
    future = _pool().submit(step.check, payload, context)
    try:
        return future.result(timeout=step.timeout_seconds)
    except FutureTimeout:
        future.cancel()
        raise CheckTimeout(step.name) from None


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
