"""Traces of guarded calls with the OpenTelemetry SDK.

One span per call, named ``chat {model}`` after the GenAI semantic conventions
(``gen_ai.operation.name``, ``gen_ai.provider.name``, ``gen_ai.request.model``,
``gen_ai.response.model``, token usage, ``error.type``), and one child per check run,
``apply_guardrail {check}`` after the GenAI security draft
(``gen_ai.security.decision.type``, ``gen_ai.security.target.type``), with the
policy, whether content was redacted, the entity types and counts, and the
Guideline dimensions, principles and risk tier under ``guardrail.*``. Never content.

Export is batched on a background thread (``BatchSpanProcessor``): it never blocks or
fails a call. Exporters: none, console, a file (JSON lines) or OTLP over HTTP; the
standard ``OTEL_*`` variables (endpoint, headers, service name, resource attributes)
apply to the OTLP exporter and the resource.
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Mapping
from enum import StrEnum
from pathlib import Path
from typing import IO, Any

from opentelemetry import trace
from opentelemetry.sdk.resources import Resource
from opentelemetry.sdk.trace import ReadableSpan, TracerProvider
from opentelemetry.sdk.trace.export import BatchSpanProcessor, ConsoleSpanExporter, SpanExporter
from opentelemetry.sdk.trace.sampling import ALWAYS_OFF
from opentelemetry.trace import Span, SpanKind, Status, StatusCode
from pydantic import BaseModel, ConfigDict

from guardrail.core.context import CallContext
from guardrail.core.verdict import Verdict


class Exporter(StrEnum):
    NONE = "none"
    CONSOLE = "console"
    FILE = "file"
    OTLP = "otlp"


class TelemetrySettings(BaseModel):
    """The ``telemetry`` section of the server config."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    exporter: Exporter = Exporter.NONE
    file: Path | None = None  # for "file"; default <data_dir>/traces.jsonl
    otlp_endpoint: str | None = None  # for "otlp"; default from OTEL_EXPORTER_OTLP_* variables
    service_name: str = "guardrail"


class Tracing:
    """A tracer provider of our own (not the global one), so embedding apps keep theirs."""

    def __init__(self, settings: TelemetrySettings, *, default_file: Path | None = None,
                 exporter: SpanExporter | None = None) -> None:
        self.enabled = exporter is not None or settings.exporter is not Exporter.NONE
        resource = Resource.create({} if _service_name_from_environment() else
                                   {"service.name": settings.service_name})
        # Nothing exported: spans are not recorded either (a fifth of the cost), but
        # still get trace ids, which the audit records and logs quote.
        self.provider = TracerProvider(resource=resource, sampler=None if self.enabled else ALWAYS_OFF)
        self._sink: IO[str] | None = None
        if self.enabled:
            chosen = exporter or self._exporter(settings, default_file)
            self.provider.add_span_processor(BatchSpanProcessor(chosen))
        self.tracer = self.provider.get_tracer("guardrail")

    def _exporter(self, settings: TelemetrySettings, default_file: Path | None) -> SpanExporter:
        if settings.exporter is Exporter.OTLP:
            from opentelemetry.exporter.otlp.proto.http.trace_exporter import OTLPSpanExporter

            return OTLPSpanExporter(endpoint=settings.otlp_endpoint) if settings.otlp_endpoint else OTLPSpanExporter()
        if settings.exporter is Exporter.FILE:
            path = settings.file or default_file or Path("traces.jsonl")
            path.parent.mkdir(parents=True, exist_ok=True)
            self._sink = path.open("a", encoding="utf-8")
            return ConsoleSpanExporter(out=self._sink, formatter=_json_line)
        return ConsoleSpanExporter(out=sys.stderr, formatter=_json_line)

    def start_call(self, model: str, provider: str, context: CallContext) -> Span:
        span = self.tracer.start_span(f"chat {model}", kind=SpanKind.CLIENT, attributes={
            "gen_ai.operation.name": "chat",
            "gen_ai.provider.name": provider,
            "gen_ai.request.model": model,
            "guardrail.request_id": context.request_id,
            "guardrail.tenant": context.tenant,
            "guardrail.use_case": context.use_case,
            "guardrail.risk_tier": context.risk_tier.value,
            "guardrail.policy.id": context.policy.id,
            "guardrail.policy.version": context.policy.version,
            "guardrail.policy.hash": context.policy.content_hash,
        })
        return span

    def record_checks(self, parent: Span, stage: str, verdict: Verdict, context: CallContext) -> None:
        """A child span per check step, with the step's own start time and duration."""
        if not self.enabled:
            return
        parent_context = trace.set_span_in_context(parent)
        for step in verdict.steps:
            findings = step.verdict.all_findings()
            counts: dict[str, int] = {}
            for finding in findings:
                counts[finding.entity_type] = counts.get(finding.entity_type, 0) + 1
            attributes: dict[str, Any] = {
                "gen_ai.operation.name": "apply_guardrail",
                "gen_ai.security.decision.type": step.verdict.decision.value,
                "gen_ai.security.target.type": stage,
                "gen_ai.security.policy.id": context.policy.id,
                "gen_ai.security.policy.version": context.policy.version,
                "guardrail.check": step.name,
                "guardrail.content.redacted": step.verdict.payload is not None,
                "guardrail.dimensions": list(step.dimensions),
                "guardrail.principles": list(step.principles),
                "guardrail.risk_tier": context.risk_tier.value,
                "guardrail.entities": json.dumps(counts, sort_keys=True),
            }
            if step.verdict.reason:
                attributes["guardrail.reason"] = step.verdict.reason
            if step.verdict.failure is not None:
                attributes["error.type"] = step.verdict.failure.error_type
                attributes["guardrail.check_error.outcome"] = step.verdict.failure.outcome.value
            start = step.started_ns or None
            span = self.tracer.start_span(f"apply_guardrail {step.name}", context=parent_context,
                                          attributes=attributes, start_time=start)
            span.end(end_time=(start + int(step.duration_ms * 1e6)) if start else None)

    def end_call(self, span: Span, *, status: int, response: Mapping[str, Any] | None = None,
                 error_type: str | None = None) -> None:
        if response is not None:
            if response.get("model"):
                span.set_attribute("gen_ai.response.model", str(response["model"]))
            usage = response.get("usage") or {}
            if isinstance(usage.get("prompt_tokens"), int):
                span.set_attribute("gen_ai.usage.input_tokens", usage["prompt_tokens"])
            if isinstance(usage.get("completion_tokens"), int):
                span.set_attribute("gen_ai.usage.output_tokens", usage["completion_tokens"])
        span.set_attribute("http.response.status_code", status)
        if error_type:
            span.set_attribute("error.type", error_type)
            span.set_status(Status(StatusCode.ERROR))
        span.end()

    def shutdown(self) -> None:
        self.provider.shutdown()
        if self._sink is not None:
            self._sink.close()


def _service_name_from_environment() -> bool:
    """The standard variables name the service: they win over the config's default."""
    attributes = os.environ.get("OTEL_RESOURCE_ATTRIBUTES", "")
    return bool(os.environ.get("OTEL_SERVICE_NAME")) or "service.name=" in attributes


def _json_line(span: ReadableSpan) -> str:
    return str(span.to_json(indent=None)) + "\n"
