"""Traces of guarded calls: GenAI conventions, Guideline labels, no content; OTLP for real.

The proxy runs in-process (``Served``); the OTLP receiver is a real HTTP server."""

from __future__ import annotations

import json
import time

import httpx
import pytest
from opentelemetry.proto.collector.trace.v1.trace_service_pb2 import ExportTraceServiceRequest
from opentelemetry.sdk.trace import ReadableSpan
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from guardrail.telemetry import TelemetrySettings, Tracing
from guardrail.testing import BackgroundServer
from tests.adapters.conftest import ClientFactory, Served

PROMPT = "I am Chan Tai Man, HKID A123456(3), call 9123 4567."
PLANTED = ("Chan Tai Man", "A123456", "9123 4567")


def chat(served: Served, stream: bool = False) -> httpx.Response:
    return served.http.post(
        "/v1/chat/completions",
        json={"model": "echo", "stream": stream, "messages": [{"role": "user", "content": PROMPT}]},
    )


def traced_call(make_client: ClientFactory, settings: TelemetrySettings, stream: bool = False) -> list[ReadableSpan]:
    exporter = InMemorySpanExporter()
    tracing = Tracing(settings, exporter=exporter)
    with make_client(tracing=tracing) as served:
        response = chat(served, stream)
        assert response.status_code == 200
        response.read()
        deadline = time.monotonic() + 5
        while not any(s.name == "chat echo" for s in exporter.get_finished_spans()) and time.monotonic() < deadline:
            tracing.provider.force_flush()
            time.sleep(0.05)
    spans = list(exporter.get_finished_spans())
    dumped = "".join(s.to_json() for s in spans)
    assert all(value not in dumped for value in PLANTED)  # never content
    return spans


def check_spans(spans: list[ReadableSpan]) -> list[ReadableSpan]:
    call = next(s for s in spans if s.name == "chat echo")
    return [s for s in spans if s.parent is not None and s.parent.span_id == call.context.span_id]


@pytest.mark.parametrize("stream", [False, True])
def test_a_call_span_with_a_child_per_check(
    make_client: ClientFactory, stream: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("GUARDRAIL_TRACE_HASH_KEY", "trace-key-for-tests")
    spans = traced_call(make_client, TelemetrySettings(), stream)
    call = next(s for s in spans if s.name == "chat echo")
    assert call.attributes["gen_ai.operation.name"] == "chat"
    assert call.attributes["gen_ai.provider.name"] == "openai"
    assert call.attributes["gen_ai.request.model"] == "echo"
    assert call.attributes["gen_ai.response.model"] == "echo"
    assert call.attributes["guardrail.risk_tier"] == "limited"
    by_target = {s.attributes["gen_ai.guardrail.target.type"]: s for s in check_spans(spans)}
    inbound = by_target["input"]
    assert inbound.name == "run_guardrail personal-data"
    assert inbound.attributes["gen_ai.operation.name"] == "run_guardrail"
    assert inbound.attributes["gen_ai.guardrail.component.name"] == "personal-data"
    assert inbound.attributes["gen_ai.guardrail.target.subtype"] == "llm"
    assert inbound.attributes["gen_ai.guardrail.verdict.type"] == "modify"
    assert inbound.attributes["gen_ai.guardrail.action.type"] == "modify"
    assert inbound.attributes["gen_ai.guardrail.security.policy.id"] == "hk-genai-2025"
    assert inbound.attributes["gen_ai.guardrail.security.policy.version"]
    assert inbound.attributes["gen_ai.guardrail.security.policy.rule.id"]
    assert set(inbound.attributes["gen_ai.guardrail.security.risk.category"]) == {"HK_ID", "PERSON", "PHONE_NUMBER"}
    assert inbound.attributes["gen_ai.guardrail.security.content.modified"] is True
    assert str(inbound.attributes["gen_ai.guardrail.security.content.input.hash"]).startswith("hmac-sha256:")
    assert not any(key.startswith("gen_ai.security.") for key in inbound.attributes)
    assert inbound.attributes["guardrail.content.redacted"] is True
    assert inbound.attributes["guardrail.dimensions"] == ("personal_data_privacy",)
    assert "compliance" in inbound.attributes["guardrail.principles"]
    assert json.loads(inbound.attributes["guardrail.entities"]) == {"HK_ID": 1, "PERSON": 1, "PHONE_NUMBER": 1}
    assert "output" in by_target


def test_the_content_hash_is_keyed_and_absent_without_a_key(
    make_client: ClientFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Two keys give two unrelated hashes; the same key the same hash; no key, no hash
    (a bare SHA-256 of a short message could be reversed by guessing it)."""
    hashes = []
    for key in ("key-one", "key-two", "key-one"):
        monkeypatch.setenv("GUARDRAIL_TRACE_HASH_KEY", key)
        inbound = next(
            s
            for s in check_spans(traced_call(make_client, TelemetrySettings()))
            if s.name == "run_guardrail personal-data" and s.attributes["gen_ai.guardrail.target.type"] == "input"
        )
        hashes.append(inbound.attributes["gen_ai.guardrail.security.content.input.hash"])
    assert hashes[0] == hashes[2] != hashes[1]
    monkeypatch.delenv("GUARDRAIL_TRACE_HASH_KEY")
    spans = check_spans(traced_call(make_client, TelemetrySettings()))
    assert not any("gen_ai.guardrail.security.content.input.hash" in s.attributes for s in spans)


@pytest.mark.parametrize(
    ("settings", "opt_in", "names"),
    [
        ({"semconv": "legacy"}, None, "legacy"),
        ({"semconv": "both"}, None, "both"),
        ({}, "http,gen_ai_latest_experimental/dup", "both"),
        ({}, "gen_ai_latest_experimental", "current"),
        ({"semconv": "legacy"}, "gen_ai_latest_experimental", "legacy"),  # the config wins
    ],
)
def test_legacy_names_behind_a_setting(
    make_client: ClientFactory,
    monkeypatch: pytest.MonkeyPatch,
    settings: dict[str, str],
    opt_in: str | None,
    names: str,
) -> None:
    if opt_in is None:
        monkeypatch.delenv("OTEL_SEMCONV_STABILITY_OPT_IN", raising=False)
    else:
        monkeypatch.setenv("OTEL_SEMCONV_STABILITY_OPT_IN", opt_in)
    spans = check_spans(traced_call(make_client, TelemetrySettings.model_validate(settings)))
    inbound = next(s for s in spans if "personal-data" in s.name and s.attributes.get("guardrail.content.redacted"))
    legacy = inbound.attributes.get("gen_ai.security.decision.type") == "modify"
    current = inbound.attributes.get("gen_ai.guardrail.verdict.type") == "modify"
    assert (legacy, current) == {"legacy": (True, False), "current": (False, True), "both": (True, True)}[names]
    assert inbound.name == ("apply_guardrail personal-data" if names == "legacy" else "run_guardrail personal-data")
    if legacy:
        assert inbound.attributes["gen_ai.security.target.type"] == "llm_input"


class OtlpReceiver:
    """A real OTLP/HTTP endpoint: decodes the protobuf requests it receives."""

    def __init__(self) -> None:
        self.requests: list[ExportTraceServiceRequest] = []
        self.app = Starlette(routes=[Route("/v1/traces", self.receive, methods=["POST"])])

    async def receive(self, request: Request) -> Response:
        assert request.headers["content-type"] == "application/x-protobuf"
        message = ExportTraceServiceRequest()
        message.ParseFromString(await request.body())
        self.requests.append(message)
        return Response(b"", media_type="application/x-protobuf")

    def spans(self) -> list:
        return [span for r in self.requests for rs in r.resource_spans for ss in rs.scope_spans for span in ss.spans]


def test_otlp_export_reaches_a_real_receiver(make_client: ClientFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    receiver = OtlpReceiver()
    monkeypatch.setenv("OTEL_SERVICE_NAME", "guardrail-test")
    with BackgroundServer(receiver.app) as collector:
        tracing = Tracing(TelemetrySettings(exporter="otlp", otlp_endpoint=f"{collector.url}/v1/traces"))
        with make_client(tracing=tracing) as served:
            assert chat(served).status_code == 200
        tracing.provider.force_flush()
        deadline = time.monotonic() + 5
        while not receiver.spans() and time.monotonic() < deadline:
            time.sleep(0.05)
        tracing.shutdown()
    names = {span.name for span in receiver.spans()}
    assert {"chat echo", "run_guardrail personal-data"} <= names
    resource = receiver.requests[0].resource_spans[0].resource
    service = {a.key: a.value.string_value for a in resource.attributes}["service.name"]
    assert service == "guardrail-test"  # OTEL_SERVICE_NAME wins, as the standard says
    raw = b"".join(r.SerializeToString() for r in receiver.requests)
    assert all(value.encode() not in raw for value in PLANTED)


def test_file_exporter_writes_json_lines(tmp_path, make_client: ClientFactory) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "traces.jsonl"
    tracing = Tracing(TelemetrySettings(exporter="file", file=path))
    with make_client(tracing=tracing) as served:
        assert chat(served).status_code == 200
    tracing.shutdown()
    spans = [json.loads(line) for line in path.read_text().splitlines()]
    assert any(span["name"] == "chat echo" for span in spans)
    assert all(value not in path.read_text() for value in PLANTED)


def test_with_no_exporter_spans_are_not_recorded_but_keep_trace_ids() -> None:
    """The audit record quotes the call's trace id whether or not traces go anywhere."""
    tracing = Tracing(TelemetrySettings())
    span = tracing.tracer.start_span("chat echo", attributes={"gen_ai.request.model": "echo"})
    assert not span.is_recording()
    assert span.get_span_context().trace_id != 0
    span.end()
