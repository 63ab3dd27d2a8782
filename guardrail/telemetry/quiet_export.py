"""An exporter wrapper that keeps an unreachable collector from flooding the log or
holding up shutdown.

OpenTelemetry's OTLP exporter logs every failed batch (a warning per retry, then an
error) and retries each batch with backoff for up to its timeout (10 s by default),
the last flush at shutdown included. With no collector reachable, a server's log
then fills with connection errors and every stop waits out the timeout.

:class:`QuietExporter` wraps any span exporter:

- the first failure is logged once (``trace_export_failing``, with the exporter's own
  reason); later failures are counted, not logged; the first success after failures
  is logged once (``trace_export_recovered``) with how many batches and spans were lost;
- after a failure, batches are dropped without trying, for a pause that doubles from
  5 s up to 5 minutes, so a dead collector costs nothing per batch;
- at shutdown (:meth:`closing`), the last flush gets at most ``shutdown_timeout``
  seconds.

Spans carry no content (see :mod:`guardrail.telemetry.tracing`), and neither do these
log lines: the exporter's reasons name the endpoint and the error.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Sequence

import structlog
from opentelemetry.sdk.trace import ReadableSpan
from opentelemetry.sdk.trace.export import SpanExporter, SpanExportResult

log = structlog.get_logger("guardrail.telemetry")

# The loggers OpenTelemetry's HTTP exporters report failed batches on.
EXPORTER_LOGGERS = (
    "opentelemetry.exporter.otlp.proto.http.trace_exporter",
    "opentelemetry.exporter.otlp.common.http",
)
FIRST_PAUSE_SECONDS = 5.0
MAX_PAUSE_SECONDS = 300.0
SHUTDOWN_TIMEOUT_SECONDS = 1.0


class _Muffle(logging.Filter):
    """Keeps the exporter's records of the batch being exported on this thread, not the log's."""

    def __init__(self) -> None:
        super().__init__()
        self._local = threading.local()

    def start(self) -> None:
        self._local.records = []

    def stop(self) -> list[logging.LogRecord]:
        records: list[logging.LogRecord] = getattr(self._local, "records", None) or []
        self._local.records = None
        return records

    def filter(self, record: logging.LogRecord) -> bool:
        records = getattr(self._local, "records", None)
        if records is None:
            return True
        records.append(record)
        return False


_MUFFLE = _Muffle()
_installed = threading.Lock()
_muffling = False


def _install_muffle() -> None:
    """One filter for every exporter wrapped, installed on first use: it lets records
    through except on a thread inside a wrapped export, so it never needs removing (an
    export abandoned at shutdown may still be retrying, and logging, after it)."""
    global _muffling
    with _installed:
        if not _muffling:
            for name in EXPORTER_LOGGERS:
                logging.getLogger(name).addFilter(_MUFFLE)
            _muffling = True


class QuietExporter(SpanExporter):
    """Wraps a span exporter: one log line per outage, a pause between tries, a bounded last flush."""

    def __init__(
        self,
        inner: SpanExporter,
        *,
        endpoint: str = "",
        shutdown_timeout: float = SHUTDOWN_TIMEOUT_SECONDS,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.inner = inner
        self.endpoint = endpoint
        self.failed_batches = 0  # since the last success
        self.dropped_spans = 0  # since the last success: failed or skipped during a pause
        self._shutdown_timeout = shutdown_timeout
        self._clock = clock
        self._pause = 0.0
        self._retry_at = 0.0
        self._closing = threading.Event()
        _install_muffle()

    def export(self, spans: Sequence[ReadableSpan]) -> SpanExportResult:
        if self.failed_batches and self._clock() < self._retry_at:
            self.dropped_spans += len(spans)
            return SpanExportResult.FAILURE
        if self._closing.is_set():
            result, reasons = self._export_within(spans, self._shutdown_timeout)
        else:
            result, reasons = self._export(spans)
        if result is SpanExportResult.SUCCESS:
            self._recovered()
        else:
            self._failed(len(spans), reasons)
        return result

    def closing(self) -> None:
        """Shutdown has begun: the last flush waits ``shutdown_timeout`` at most."""
        self._closing.set()

    def shutdown(self) -> None:
        self._closing.set()
        self.inner.shutdown()

    def force_flush(self, timeout_millis: int = 30000) -> bool:
        return self.inner.force_flush(timeout_millis)

    def _export(self, spans: Sequence[ReadableSpan]) -> tuple[SpanExportResult, list[str]]:
        _MUFFLE.start()
        try:
            result = self.inner.export(spans)
        except Exception as error:  # noqa: BLE001 - an exporter's failure must not reach the batch thread's log
            _MUFFLE.stop()
            return SpanExportResult.FAILURE, [f"{type(error).__name__}: {error}"]
        return result, [record.getMessage() for record in _MUFFLE.stop()]

    def _export_within(self, spans: Sequence[ReadableSpan], timeout: float) -> tuple[SpanExportResult, list[str]]:
        """The export on a thread of its own, given up after ``timeout`` (it ends when the
        inner exporter's shutdown interrupts its retries)."""
        outcome: list[tuple[SpanExportResult, list[str]]] = []
        worker = threading.Thread(target=lambda: outcome.append(self._export(spans)), daemon=True)
        worker.start()
        worker.join(timeout)
        if outcome:
            return outcome[0]
        return SpanExportResult.FAILURE, [f"no answer within {timeout:g} s at shutdown"]

    def _failed(self, spans: int, reasons: list[str]) -> None:
        if not self.failed_batches:
            # The exporter's own lines, each once: the first names the error, the last the outcome.
            reason = " | ".join(dict.fromkeys(text for text in reasons if text)) or "the exporter reported a failure"
            log.warning(
                "trace_export_failing",
                endpoint=self.endpoint,
                reason=reason[:500],
                note="spans are dropped until the collector answers; further failures are counted, not logged",
            )
        self.failed_batches += 1
        self.dropped_spans += spans
        self._pause = min(MAX_PAUSE_SECONDS, self._pause * 2 if self._pause else FIRST_PAUSE_SECONDS)
        self._retry_at = self._clock() + self._pause

    def _recovered(self) -> None:
        if self.failed_batches:
            log.info(
                "trace_export_recovered",
                endpoint=self.endpoint,
                failed_batches=self.failed_batches,
                dropped_spans=self.dropped_spans,
            )
        self.failed_batches = self.dropped_spans = 0
        self._pause = 0.0
