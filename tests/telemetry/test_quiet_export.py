"""With no collector reachable, trace export says so once, costs nothing per batch
afterwards, and does not hold up shutdown; when the collector is back, it says so once."""

from __future__ import annotations

import logging
import socket
import time
from collections.abc import Sequence

import pytest
from opentelemetry.exporter.otlp.proto.http.trace_exporter import OTLPSpanExporter
from opentelemetry.sdk.trace import ReadableSpan, TracerProvider
from opentelemetry.sdk.trace.export import SpanExporter, SpanExportResult
from structlog.testing import capture_logs

from guardrail.telemetry import TelemetrySettings, Tracing
from guardrail.telemetry.quiet_export import FIRST_PAUSE_SECONDS, QuietExporter


def dead_endpoint() -> str:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    return f"http://127.0.0.1:{port}/v1/traces"  # nothing listens there once the probe closes


def spans(count: int = 3) -> list[ReadableSpan]:
    tracer = TracerProvider().get_tracer("test")
    made = []
    for n in range(count):
        span = tracer.start_span(f"span {n}")
        span.end()
        made.append(span)
    return made  # type: ignore[return-value]  # SDK spans are ReadableSpans once ended


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


class Scripted(SpanExporter):
    """An exporter that fails or succeeds as told, and counts its calls."""

    def __init__(self, results: list[SpanExportResult]) -> None:
        self.results = results
        self.calls = 0

    def export(self, spans: Sequence[ReadableSpan]) -> SpanExportResult:
        self.calls += 1
        return self.results.pop(0)


def exporter_records(caplog: pytest.LogCaptureFixture) -> list[str]:
    return [r.getMessage() for r in caplog.records if r.name.startswith("opentelemetry") and r.levelno >= logging.INFO]


def test_no_collector_one_line_and_a_quick_stop(caplog: pytest.LogCaptureFixture) -> None:
    """The proxy's own set-up, default timeouts: spans waiting at shutdown are given a
    second, not the exporter's ten, and the log gets one line, not one per retry."""
    caplog.set_level(logging.INFO)
    tracing = Tracing(TelemetrySettings(exporter="otlp", otlp_endpoint=dead_endpoint()))
    with capture_logs() as logs:
        for n in range(5):
            tracing.tracer.start_span(f"call {n}").end()
        started = time.monotonic()
        tracing.shutdown()
        stopped = time.monotonic() - started
    assert stopped < 2.5
    assert [entry["event"] for entry in logs] == ["trace_export_failing"]
    assert exporter_records(caplog) == []


def test_a_dead_collector_is_tried_after_a_pause_and_failures_are_counted(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.INFO)
    clock = Clock()
    quiet = QuietExporter(OTLPSpanExporter(endpoint=dead_endpoint(), timeout=0.5), endpoint="dead", clock=clock)
    with capture_logs() as logs:
        assert quiet.export(spans()) is SpanExportResult.FAILURE
        started = time.monotonic()
        for _ in range(50):  # within the pause: dropped at once, nothing tried, nothing logged
            assert quiet.export(spans(2)) is SpanExportResult.FAILURE
        assert time.monotonic() - started < 0.5
        clock.now += FIRST_PAUSE_SECONDS
        assert quiet.export(spans()) is SpanExportResult.FAILURE  # tried again, failed again, not logged
    assert len(logs) == 1 and logs[0]["event"] == "trace_export_failing"
    assert "failed to export" in logs[0]["reason"].lower()  # the exporter's own words, once
    assert (quiet.failed_batches, quiet.dropped_spans) == (2, 3 + 100 + 3)
    assert exporter_records(caplog) == []
    quiet.shutdown()


def test_the_first_success_after_an_outage_is_logged_once() -> None:
    clock = Clock()
    failure, success = SpanExportResult.FAILURE, SpanExportResult.SUCCESS
    inner = Scripted([failure, failure, success, success])
    quiet = QuietExporter(inner, endpoint="collector", clock=clock)
    with capture_logs() as logs:
        quiet.export(spans())
        quiet.export(spans())  # paused: not tried
        clock.now += FIRST_PAUSE_SECONDS
        quiet.export(spans())  # tried: fails; the pause doubles
        clock.now += FIRST_PAUSE_SECONDS
        quiet.export(spans())  # still paused
        clock.now += FIRST_PAUSE_SECONDS
        assert quiet.export(spans(1)) is success
        assert quiet.export(spans(1)) is success
    assert inner.calls == 4
    assert [entry["event"] for entry in logs] == ["trace_export_failing", "trace_export_recovered"]
    assert (logs[1]["failed_batches"], logs[1]["dropped_spans"]) == (2, 12)
    assert (quiet.failed_batches, quiet.dropped_spans) == (0, 0)


def test_an_exporter_that_raises_is_a_failure_not_a_crash() -> None:
    class Raising(SpanExporter):
        def export(self, spans: Sequence[ReadableSpan]) -> SpanExportResult:
            raise RuntimeError("boom")

    with capture_logs() as logs:
        assert QuietExporter(Raising()).export(spans()) is SpanExportResult.FAILURE
    assert logs[0]["reason"] == "RuntimeError: boom"
