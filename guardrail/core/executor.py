"""Threads for checks with a timeout: bounded per stage, never starved by a check that hangs.

A check that runs past its timeout is abandoned, not killed (Python cannot stop a
thread), so its thread stays busy until the check returns, perhaps for minutes. In a
plain fixed pool, a few such calls hold every thread, and every other call's checks
then wait in the queue until they too time out. Here the pool keeps up to ``workers``
threads for live work, started as work arrives (checks that wait on a model or a
service need a thread each while they wait; CPU-bound ones take turns either way): a
thread stuck in an abandoned check is replaced at once, and leaves when its check
finally returns. Growth is bounded twice: per check (a check
with ``max_stuck_per_check`` abandoned runs still going is *stalled*, and callers
skip it as if it had timed out, without starting it again) and overall
(``max_stuck`` replacements per executor).

Each stage (input, output) has its own executor, so a flood of slow input checks
cannot hold back the output checks of answers the upstream has already produced.
"""

from __future__ import annotations

import queue
import threading
from collections import Counter
from collections.abc import Callable
from concurrent.futures import Future

from guardrail.core.context import Stage

WORKERS = 32
MAX_STUCK = 64
MAX_STUCK_PER_CHECK = 16


class CheckExecutor:
    """A thread pool whose threads lost to abandoned checks are replaced, within bounds."""

    def __init__(
        self,
        name: str,
        workers: int = WORKERS,
        *,
        max_stuck: int = MAX_STUCK,
        max_stuck_per_check: int = MAX_STUCK_PER_CHECK,
    ) -> None:
        self.name = name
        self._workers = workers
        self._max_stuck = max_stuck
        self._max_per_check = max_stuck_per_check
        self._queue: queue.SimpleQueue[Callable[[], None]] = queue.SimpleQueue()
        self._lock = threading.Lock()
        self._threads = 0
        self._idle = 0
        self._stuck: Counter[int] = Counter()
        self._stuck_total = 0

    def submit(self, work: Callable[[], None]) -> Future[None]:
        """Run ``work`` on a pool thread; cancelling the future before it starts skips it."""
        future: Future[None] = Future()

        def item() -> None:
            if not future.set_running_or_notify_cancel():
                return
            try:
                work()
            except BaseException as error:  # noqa: BLE001 - handed to whoever waits
                future.set_exception(error)
            else:
                future.set_result(None)

        self._queue.put(item)
        with self._lock:
            if self._idle < self._queue.qsize() and self._threads < self._target():
                self._spawn()
        return future

    def stuck(self, check: object) -> None:
        """A run of ``check`` was abandoned while its thread is still in it: replace the thread."""
        with self._lock:
            self._stuck[id(check)] += 1
            self._stuck_total += 1
            if self._threads < self._target():
                self._spawn()

    def released(self, check: object) -> None:
        """An abandoned run of ``check`` has returned; its thread leaves if it is surplus."""
        with self._lock:
            key = id(check)
            self._stuck[key] -= 1
            if self._stuck[key] <= 0:
                del self._stuck[key]
            self._stuck_total -= 1

    def stalled(self, check: object) -> bool:
        """Whether ``check`` has so many abandoned runs still going that it must not be started."""
        with self._lock:
            return self._stuck.get(id(check), 0) >= self._max_per_check

    @property
    def threads(self) -> int:
        with self._lock:
            return self._threads

    @property
    def stuck_runs(self) -> int:
        """Abandoned runs whose threads are still inside a check."""
        with self._lock:
            return self._stuck_total

    def _target(self) -> int:
        return self._workers + min(self._stuck_total, self._max_stuck)

    def _spawn(self) -> None:
        self._threads += 1
        thread = threading.Thread(target=self._work, name=f"guardrail-{self.name}-check", daemon=True)
        thread.start()

    def _work(self) -> None:
        while True:
            with self._lock:
                self._idle += 1
            item = self._queue.get()
            with self._lock:
                self._idle -= 1
            item()
            with self._lock:
                if self._threads > self._target():
                    self._threads -= 1
                    return


_executors: dict[Stage, CheckExecutor] = {}
_executors_lock = threading.Lock()


def executor_for(stage: Stage) -> CheckExecutor:
    """The process's executor for one stage, made on first use."""
    executor = _executors.get(stage)
    if executor is None:
        with _executors_lock:
            executor = _executors.setdefault(stage, CheckExecutor(stage.value))
    return executor
