"""Where a finished call goes: the audit trail, the trace and the log.

Each reads the one :class:`~guardrail.runtime.record.CallRecord` and none raises into
the call: a sink that fails is logged by the type of its error and the call goes on,
as OpenTelemetry's span processors treat exporters. Whether a call may be answered
without its audit record is the policy's choice, so the audit sink alone reports
whether it wrote (:meth:`CallServices.finish`).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

import structlog
from opentelemetry.trace import Span

from guardrail.attribution.manifest import Attributor
from guardrail.audit.records import CallRecords
from guardrail.core.context import CallContext, Stage
from guardrail.core.verdict import Verdict
from guardrail.runtime.holds import Reviews
from guardrail.runtime.record import CallRecord
from guardrail.telemetry import Tracing

log = structlog.get_logger("guardrail.calls")
T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class CheckedStage:
    """One run of a stage's checks, for the trace: its verdict and, for the keyed
    content hash only, what it checked."""

    stage: str
    verdict: Verdict
    context: CallContext
    content: Any = None


@dataclass(frozen=True, slots=True)
class CallServices:
    """What every guarded call of a process shares: the trail, the tracer, the signer.

    ``log_calls``: also log each record as one structured event (the proxy does; a
    library embedding the wrapper may not want our log lines in its own). ``reviews``:
    where answers held for human review go (the proxy has one; without it a use case
    whose answers must be held is refused rather than answered unreviewed)."""

    records: CallRecords
    tracing: Tracing
    attributor: Attributor | None = None
    log_calls: bool = False
    reviews: Reviews | None = None

    def start_span(self, model: str, provider: str, context: CallContext) -> Span:
        return self.tracing.start_call(model, provider, context)

    def begin(self, request_id: str, **fields: Any) -> bool:
        """The intent entry: a call the upstream sees is in the trail even if this process dies."""
        return _quietly(lambda: self.records.begin(request_id, **fields), "audit", default=False)

    def recover(self) -> bool:
        """Whether the trail takes entries again (writing its gap entry now if it had failed)."""
        return _quietly(self.records.recover, "audit", default=False)

    def finish(self, record: CallRecord, span: Span | None = None, checked: Sequence[CheckedStage] = ()) -> bool:
        """Send ``record`` to every sink; ``True`` if the audit trail has it."""
        if span is not None:
            _quietly(lambda: self._trace(record, span, checked), "trace", default=None)
        if self.log_calls:
            _quietly(lambda: log.info("call", **record.for_log()), "log", default=None)
        return _quietly(lambda: self.records.write(record.as_dict()), "audit", default=False)

    def _trace(self, record: CallRecord, span: Span, checked: Sequence[CheckedStage]) -> None:
        for run in checked:
            stage = Stage.INPUT if run.stage == "input" else Stage.OUTPUT
            self.tracing.record_checks(span, stage, run.verdict, run.context, content=run.content)
        self.tracing.end_call(
            span,
            status=record.status,
            response_model=record.response_model,
            usage=record.usage,
            error_type=record.error
            or (None if record.stream_outcome in (None, "completed") else record.stream_outcome),
        )

    def close(self) -> None:
        """At shutdown: sign the trail's head and flush the spans."""
        _quietly(self.records.close, "audit", default=None)
        _quietly(self.tracing.shutdown, "trace", default=None)


def _quietly(action: Callable[[], T], sink: str, *, default: T) -> T:
    """Run a sink's action; a failure is logged by type, never raised into the call."""
    try:
        return action()
    except Exception as error:  # noqa: BLE001 - a sink must never fail a call
        log.warning("sink_failed", sink=sink, error=type(error).__name__)
        return default
