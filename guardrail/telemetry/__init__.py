"""OpenTelemetry traces of guarded calls (GenAI semantic conventions, guardrail draft)."""

from guardrail.telemetry.tracing import TelemetrySettings, Tracing

__all__ = ["TelemetrySettings", "Tracing"]
