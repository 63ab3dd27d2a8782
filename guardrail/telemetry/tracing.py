"""Traces of guarded calls with the OpenTelemetry SDK.

One span per call, named ``chat {model}`` after the GenAI semantic conventions
(``gen_ai.operation.name``, ``gen_ai.provider.name``, ``gen_ai.request.model``,
``gen_ai.response.model``, token usage, ``error.type``), and one child per check run.

The check spans follow the GenAI guardrail draft by default (``semconv: current``):
OpenTelemetry's ``semantic-conventions-genai`` pull request #427, "gen-ai: add run
guardrail span and security finding" (successor to #262; the earlier
``apply_guardrail`` / ``gen_ai.security.*`` draft, semantic-conventions #3233, was
closed), as its "Run Guardrail Internal Span" lists the attributes:

- span ``run_guardrail {check}``, ``gen_ai.operation.name: run_guardrail``;
- ``gen_ai.guardrail.component.name`` (the check), ``gen_ai.guardrail.target.type``
  (``input`` / ``output``) and ``gen_ai.guardrail.target.subtype`` (``llm``);
- ``gen_ai.guardrail.verdict.type`` (what the check returned: ``allow``, ``warn``,
  ``modify``, ``deny``), ``gen_ai.guardrail.verdict.reason`` (a reason code, never
  content), ``gen_ai.guardrail.action.type`` (what was enforced: ``allow``,
  ``modify``, ``block``);
- ``gen_ai.guardrail.security.policy.id`` and ``.policy.rule.id`` (the rules that
  fired), ``gen_ai.guardrail.security.risk.category`` (entity types found),
  ``gen_ai.guardrail.security.content.modified`` and
  ``gen_ai.guardrail.security.content.input.hash``: an HMAC-SHA256 of the stage's
  input under a key of the operator's (``content_hash_key_env``), so two spans over
  the same content correlate while nobody without the key can test a guess of what
  it said; no key, no hash. The draft names no policy version on this span; it is
  sent as ``gen_ai.guardrail.security.policy.version``, after the draft's
  ``gen_ai.guardrail.policy.version`` on guardrail client spans.

``semconv: legacy`` keeps the names this project emitted before
(``apply_guardrail {check}``, ``gen_ai.security.decision.type``,
``gen_ai.security.target.type``, ``gen_ai.security.policy.id`` / ``.version``) for
existing dashboards; ``both`` sends both sets on the current span. With no
``semconv`` in the config, ``OTEL_SEMCONV_STABILITY_OPT_IN`` decides as
OpenTelemetry's instrumentations read it: ``gen_ai_latest_experimental`` selects
current, and ``gen_ai_latest_experimental/dup`` both (after the ``http/dup``
convention); otherwise current. Every span also carries the policy, whether content
was redacted, the entity types and counts, and the Guideline dimensions, principles
and risk tier under ``guardrail.*``. Never content.

Export is batched on a background thread (``BatchSpanProcessor``): it never blocks or
fails a call. OTLP export goes through :class:`~guardrail.telemetry.quiet_export.QuietExporter`:
with no collector reachable, one log line per outage rather than one per batch, and a
stop that waits a second at most for the last flush.
Exporters: none, console, a file (JSON lines) or OTLP over HTTP; the
standard ``OTEL_*`` variables (endpoint, headers, service name, resource attributes)
apply to the OTLP exporter and the resource.
"""

from __future__ import annotations

import hashlib
import hmac
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
from guardrail.core.verdict import StepOutcome, Verdict
from guardrail.telemetry.quiet_export import QuietExporter

# Our stage and decision names, as the guardrail draft spells them.
_TARGETS = {"llm_input": "input", "llm_output": "output"}
_VERDICTS = {"audit": "allow"}  # recorded, not acted on: the check let it through
_ACTIONS = {"deny": "block", "modify": "modify"}


class Exporter(StrEnum):
    NONE = "none"
    CONSOLE = "console"
    FILE = "file"
    OTLP = "otlp"


class SemConv(StrEnum):
    """Which names the check spans carry (see the module docstring)."""

    LEGACY = "legacy"
    CURRENT = "current"
    BOTH = "both"


OPT_IN_ENV = "OTEL_SEMCONV_STABILITY_OPT_IN"


class TelemetrySettings(BaseModel):
    """The ``telemetry`` section of the server config."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    exporter: Exporter = Exporter.NONE
    file: Path | None = None  # for "file"; default <data_dir>/traces.jsonl
    otlp_endpoint: str | None = None  # for "otlp"; default from OTEL_EXPORTER_OTLP_* variables
    service_name: str = "guardrail"
    semconv: SemConv | None = None  # none: OTEL_SEMCONV_STABILITY_OPT_IN, else current
    content_hash_key_env: str = "GUARDRAIL_TRACE_HASH_KEY"  # HMAC key of content input hashes; unset: no hash

    def conventions(self) -> SemConv:
        """The conventions in force: the config's, else the standard variable's, else current."""
        if self.semconv is not None:
            return self.semconv
        options = {part.strip() for part in os.environ.get(OPT_IN_ENV, "").split(",")}
        if "gen_ai_latest_experimental/dup" in options:
            return SemConv.BOTH
        return SemConv.CURRENT


class Tracing:
    """A tracer provider of our own (not the global one), so embedding apps keep theirs."""

    def __init__(
        self, settings: TelemetrySettings, *, default_file: Path | None = None, exporter: SpanExporter | None = None
    ) -> None:
        self.enabled = exporter is not None or settings.exporter is not Exporter.NONE
        resource = Resource.create({} if _service_name_from_environment() else {"service.name": settings.service_name})
        # Nothing exported: spans are not recorded either (a fifth of the cost), but
        # still get trace ids, which the audit records and logs quote.
        self.provider = TracerProvider(resource=resource, sampler=None if self.enabled else ALWAYS_OFF)
        self._sink: IO[str] | None = None
        self._quiet: QuietExporter | None = None
        if self.enabled:
            chosen = exporter or self._exporter(settings, default_file)
            self.provider.add_span_processor(BatchSpanProcessor(chosen))
        self.tracer = self.provider.get_tracer("guardrail")
        self.semconv = settings.conventions()
        key = os.environ.get(settings.content_hash_key_env, "")
        self._hash_key = key.encode("utf-8") if key else None

    def _exporter(self, settings: TelemetrySettings, default_file: Path | None) -> SpanExporter:
        if settings.exporter is Exporter.OTLP:
            from opentelemetry.exporter.otlp.proto.http.trace_exporter import OTLPSpanExporter

            otlp = OTLPSpanExporter(endpoint=settings.otlp_endpoint) if settings.otlp_endpoint else OTLPSpanExporter()
            self._quiet = QuietExporter(otlp, endpoint=str(getattr(otlp, "_endpoint", settings.otlp_endpoint or "")))
            return self._quiet
        if settings.exporter is Exporter.FILE:
            path = settings.file or default_file or Path("traces.jsonl")
            path.parent.mkdir(parents=True, exist_ok=True)
            self._sink = path.open("a", encoding="utf-8")
            return ConsoleSpanExporter(out=self._sink, formatter=_json_line)
        return ConsoleSpanExporter(out=sys.stderr, formatter=_json_line)

    def start_call(self, model: str, provider: str, context: CallContext) -> Span:
        span = self.tracer.start_span(
            f"chat {model}",
            kind=SpanKind.CLIENT,
            attributes={
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
            },
        )
        return span

    def record_checks(
        self, parent: Span, stage: str, verdict: Verdict, context: CallContext, content: Any = None
    ) -> None:
        """A child span per check step, with the step's own start time and duration.
        ``content``: what the stage checked (messages), for the keyed input hash only."""
        if not self.enabled:
            return
        parent_context = trace.set_span_in_context(parent)
        digest = self._content_hash(content)
        for step in verdict.steps:
            attributes = self._step_attributes(step, stage, context, digest)
            verb = "apply_guardrail" if self.semconv is SemConv.LEGACY else "run_guardrail"
            start = step.started_ns or None
            span = self.tracer.start_span(
                f"{verb} {step.name}", context=parent_context, attributes=attributes, start_time=start
            )
            span.end(end_time=(start + int(step.duration_ms * 1e6)) if start else None)

    def _step_attributes(
        self, step: StepOutcome, stage: str, context: CallContext, digest: str | None
    ) -> dict[str, Any]:
        findings = step.verdict.all_findings()
        counts: dict[str, int] = {}
        for finding in findings:
            counts[finding.entity_type] = counts.get(finding.entity_type, 0) + 1
        decision = step.verdict.decision
        attributes: dict[str, Any] = {
            "guardrail.check": step.name,
            "guardrail.decision": decision.value,
            "guardrail.content.redacted": step.verdict.payload is not None,
            "guardrail.dimensions": list(step.dimensions),
            "guardrail.principles": list(step.principles),
            "guardrail.risk_tier": context.risk_tier.value,
            "guardrail.entities": json.dumps(counts, sort_keys=True),
        }
        if self.semconv is not SemConv.CURRENT:
            attributes.update(
                {
                    "gen_ai.operation.name": "apply_guardrail",
                    "gen_ai.security.decision.type": decision.value,
                    "gen_ai.security.target.type": stage,
                    "gen_ai.security.policy.id": context.policy.id,
                    "gen_ai.security.policy.version": context.policy.version,
                }
            )
        if self.semconv is not SemConv.LEGACY:
            failed_closed = step.verdict.failure is not None and step.verdict.failure.outcome.value == "failed_closed"
            attributes.update(
                {
                    "gen_ai.operation.name": "run_guardrail",
                    "gen_ai.guardrail.component.name": step.name,
                    "gen_ai.guardrail.target.type": _TARGETS.get(stage, stage),
                    "gen_ai.guardrail.target.subtype": "llm",
                    "gen_ai.guardrail.verdict.type": _VERDICTS.get(decision.value, decision.value),
                    "gen_ai.guardrail.action.type": "block" if failed_closed else _ACTIONS.get(decision.value, "allow"),
                    "gen_ai.guardrail.security.policy.id": context.policy.id,
                    "gen_ai.guardrail.security.policy.version": context.policy.version,
                    "gen_ai.guardrail.security.policy.rule.id": sorted({f.rule for f in findings if f.rule}),
                    "gen_ai.guardrail.security.risk.category": sorted(counts),
                    "gen_ai.guardrail.security.content.modified": step.verdict.payload is not None,
                }
            )
            if step.verdict.reason:
                attributes["gen_ai.guardrail.verdict.reason"] = step.verdict.reason
            if digest is not None:
                attributes["gen_ai.guardrail.security.content.input.hash"] = digest
        if step.verdict.reason:
            attributes["guardrail.reason"] = step.verdict.reason
        if step.verdict.failure is not None:
            attributes["error.type"] = step.verdict.failure.error_type
            attributes["guardrail.check_error.outcome"] = step.verdict.failure.outcome.value
        return attributes

    def _content_hash(self, content: Any) -> str | None:
        """HMAC-SHA256 of the content's canonical JSON under the operator's key; ``None``
        without a key or content (an unkeyed hash of a short text can be reversed by guessing)."""
        if self._hash_key is None or content is None:
            return None
        try:
            data = json.dumps(content, ensure_ascii=False, sort_keys=True, separators=(",", ":"), default=str)
            mac = hmac.new(self._hash_key, data.encode("utf-8", "surrogatepass"), hashlib.sha256)
        except (TypeError, ValueError):
            return None
        return "hmac-sha256:" + mac.hexdigest()

    def end_call(
        self,
        span: Span,
        *,
        status: int,
        response_model: str | None = None,
        usage: Mapping[str, int] | None = None,
        error_type: str | None = None,
    ) -> None:
        """End a call's span; ``response_model`` as the record has it (checked to read
        as a model name), ``usage`` OpenAI's token counts."""
        if response_model:
            span.set_attribute("gen_ai.response.model", response_model)
        usage = usage or {}
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
        if self._quiet is not None:
            self._quiet.closing()
        self.provider.shutdown()
        if self._sink is not None:
            self._sink.close()


def _service_name_from_environment() -> bool:
    """The standard variables name the service: they win over the config's default."""
    attributes = os.environ.get("OTEL_RESOURCE_ATTRIBUTES", "")
    return bool(os.environ.get("OTEL_SERVICE_NAME")) or "service.name=" in attributes


def _json_line(span: ReadableSpan) -> str:
    return str(span.to_json(indent=None)) + "\n"
