"""Bad input, upstream failures, auth and blocks: clear OpenAI-style errors, no leaks.

In-process (``Served``) but for the Router's translation of each LiteLLM exception class
and a client that hangs up mid-stream, which run over real HTTP."""

from __future__ import annotations

import json
import socket
import time
from pathlib import Path

import httpx
import openai
import pytest
from structlog.testing import capture_logs

from guardrail.audit import verify_trail
from guardrail.audit.render import render_markdown
from guardrail.audit.report import summarise
from guardrail.errors import ConfigurationError
from guardrail.runtime import Guard
from guardrail.testing import RecordingUpstream
from tests.adapters.conftest import POLICIES, ClientFactory, Served
from tests.conftest import ROUND_TRIP

PLANTED = ("Chan Tai Man", "9123 4567", "4111 1111 1111 1111")
CHAT = "/v1/chat/completions"


def post(target: Served | str, body: bytes | dict, **headers: str) -> httpx.Response:
    """A chat request to an in-process proxy, or to a real one at a base URL."""
    content = body if isinstance(body, bytes) else json.dumps(body).encode()
    headers = {"content-type": "application/json", **headers}
    if isinstance(target, str):
        return httpx.post(target + CHAT, content=content, headers=headers, timeout=30)
    return target.http.post(CHAT, content=content, headers=headers)


def error_of(response: httpx.Response) -> dict:
    body = response.json()
    assert set(body) == {"error"}
    assert body["error"]["request_id"] == response.headers["x-guardrail-request-id"]
    return body["error"]


@pytest.mark.parametrize(
    ("body", "code"),
    [
        (b"{not json", "invalid_json"),
        (b"[1, 2]", "invalid_json"),
        (b'{"model": "echo", "messages": [{"role": "user", "content": "caf\xe9"}]}', "invalid_encoding"),
        (b'{"model": "echo"}', "invalid_request"),
        (b'{"model": "echo", "messages": "hello"}', "invalid_request"),
        (b'{"model": 5, "messages": [{"role": "user", "content": "x"}]}', "invalid_request"),
        (b'{"model": "echo", "messages": [{"role": "wizard", "content": "x"}]}', "invalid_request"),
        (
            b'{"model": "echo", "messages": [{"role": "user", "content": "x", "secret_field": "y"}]}',
            "unknown_parameter",
        ),
        (
            b'{"model": "echo", "api_base": "http://evil", "messages": [{"role": "user", "content": "x"}]}',
            "unknown_parameter",
        ),
        (b'{"model": "echo", "stream": "yes", "messages": [{"role": "user", "content": "x"}]}', "invalid_request"),
    ],
)
def test_malformed_requests_get_400_with_a_stable_code(default_client: Served, body: bytes, code: str) -> None:
    response = post(default_client, body)
    assert response.status_code == 400
    error = error_of(response)
    assert error["code"] == code and error["type"] == "invalid_request_error"


def test_oversized_body_is_413_declared_or_chunked(make_client: ClientFactory) -> None:
    big = json.dumps({"model": "echo", "messages": [{"role": "user", "content": "x" * 5000}]}).encode()
    with make_client(max_body_bytes=1000) as served:
        declared = post(served, big)

        def chunks():  # no content-length: the proxy must count while reading
            for i in range(0, len(big), 100):
                yield big[i : i + 100]

        chunked = served.http.post(CHAT, content=chunks())
        assert "content-length" not in chunked.request.headers
    for response in (declared, chunked):
        assert response.status_code == 413
        assert error_of(response)["code"] == "request_too_large"


def test_unknown_model_is_404(default_client: Served) -> None:
    response = post(default_client, {"model": "gpt-17", "messages": [{"role": "user", "content": "hi"}]})
    assert response.status_code == 404
    assert error_of(response)["code"] == "model_not_found"


def test_unknown_path_is_an_openai_style_404(default_client: Served) -> None:
    response = default_client.http.get("/v1/nothing")
    assert response.status_code == 404 and response.json()["error"]["type"] == "not_found_error"


FAILURES = [
    ("error-500", 502, "upstream_error"),  # LiteLLM's InternalServerError
    ("error-429", 429, "upstream_rate_limited"),  # its RateLimitError
    ("slow", 504, "upstream_timeout"),  # its Timeout
]


@pytest.mark.parametrize(("model", "status", "code"), FAILURES)
@pytest.mark.parametrize("stream", [False, True])
def test_upstream_failures_map_to_gateway_errors(
    default_client: Served, model: str, status: int, code: str, stream: bool
) -> None:
    response = post(
        default_client, {"model": model, "stream": stream, "messages": [{"role": "user", "content": "Chan Tai Man"}]}
    )
    assert response.status_code == status
    error = error_of(response)
    assert error["code"] == code
    assert "Chan Tai Man" not in response.text


@pytest.mark.parametrize(("model", "status", "code"), FAILURES)
@pytest.mark.parametrize("stream", [False, True])
def test_litellms_exceptions_map_to_gateway_errors_over_http(
    default_proxy: str, model: str, status: int, code: str, stream: bool
) -> None:
    """End to end: the upstream's HTTP failure, LiteLLM's exception class for it, and the
    Router upstream's translation into what the client gets."""
    response = post(
        default_proxy, {"model": model, "stream": stream, "messages": [{"role": "user", "content": "Chan Tai Man"}]}
    )
    assert response.status_code == status
    error = error_of(response)
    assert error["code"] == code
    assert "Chan Tai Man" not in response.text


def test_an_exception_the_upstream_raises_is_a_502_naming_nothing(default_client: Served) -> None:
    default_client.upstream.reset()
    default_client.upstream.fail_next(RuntimeError("provider failure quoting Chan Tai Man"))
    response = post(default_client, {"model": "echo", "messages": [{"role": "user", "content": "hi"}]})
    assert response.status_code == 502 and error_of(response)["code"] == "upstream_error"
    assert "Chan Tai Man" not in response.text and "RuntimeError" not in response.text


def test_openai_sdk_raises_its_own_errors(default_client: Served) -> None:
    api = default_client.openai()
    with pytest.raises(openai.NotFoundError):
        api.chat.completions.create(model="nope", messages=[{"role": "user", "content": "hi"}])
    with pytest.raises(openai.InternalServerError) as caught:
        api.chat.completions.create(model="error-500", messages=[{"role": "user", "content": "hi"}])
    assert caught.value.status_code == 502


def test_missing_and_wrong_keys_get_401(make_client: ClientFactory) -> None:
    with make_client(keys=[{"key": "right-key-1", "tenant": "t1"}]) as served:
        missing = post(served, {"model": "echo", "messages": [{"role": "user", "content": "hi"}]})
        wrong = post(
            served, {"model": "echo", "messages": [{"role": "user", "content": "hi"}]}, authorization="Bearer wrong"
        )
        right = post(
            served,
            {"model": "echo", "messages": [{"role": "user", "content": "hi"}]},
            authorization="Bearer right-key-1",
        )
        models = served.http.get("/v1/models")
        live = served.http.get("/health/live")
    assert (missing.status_code, wrong.status_code, right.status_code) == (401, 401, 200)
    assert error_of(missing)["code"] == "missing_api_key" and error_of(wrong)["code"] == "invalid_api_key"
    assert models.status_code == 401
    assert live.status_code == 200


def test_key_sets_the_use_case_and_others_are_refused(make_client: ClientFactory) -> None:
    keys = [{"key": "k-triage", "tenant": "clinic", "policy": ROUND_TRIP, "use_case": "triage"}]
    with make_client(keys=keys) as served:
        body = {"model": "echo", "messages": [{"role": "user", "content": "hi"}]}
        ok = post(served, body, authorization="Bearer k-triage")
        unknown = post(served, {**body, "guardrail": {"use_case": "astrology"}}, authorization="Bearer k-triage")
    assert ok.headers["x-guardrail-risk-tier"] == "high" and ok.headers["x-guardrail-policy"] == "round-trip@1.0.0"
    assert unknown.status_code == 403 and error_of(unknown)["code"] == "use_case_not_allowed"


def test_unknown_use_cases_are_refused(default_client: Served) -> None:
    body = {"model": "echo", "messages": [{"role": "user", "content": "hi"}], "guardrail": {"use_case": "astrology"}}
    unknown = post(default_client, body)
    assert unknown.status_code == 400 and error_of(unknown)["code"] == "unknown_use_case"


def test_a_key_allowing_a_use_case_its_policy_lacks_stops_start_up(make_client: ClientFactory) -> None:
    keys = [{"key": "k", "tenant": "t", "use_case": "general", "allowed_use_cases": ["general", "astrology"]}]
    with pytest.raises(ConfigurationError, match="astrology"), make_client(keys=keys):
        pass


def test_blocked_entity_is_refused_before_the_upstream(round_trip_client: Served) -> None:
    recorder = round_trip_client.upstream
    recorder.reset()
    with capture_logs() as logs:
        response = post(
            round_trip_client,
            {
                "model": "echo",
                "messages": [
                    {"role": "user", "content": "I am Chan Tai Man, card 4111 1111 1111 1111, phone 9123 4567"}
                ],
            },
        )
    assert response.status_code == 400
    error = error_of(response)
    assert error["type"] == "guardrail_blocked" and error["code"] == "personal_data.blocked_entity"
    assert error["param"] == "input"
    assert recorder.received == []
    for value in PLANTED:
        assert value not in response.text and value not in json.dumps(logs)
    assert logs[-1]["input_decision"] == "deny" and logs[-1]["input_entities"]["CREDIT_CARD"] == 1


def test_failing_check_fails_closed_with_503_and_says_so(make_client: ClientFactory) -> None:
    policy = str(POLICIES / "fails-closed.yaml")
    with make_client(policy=policy, extra_guards={policy: Guard.from_policy(policy)}) as served, capture_logs() as logs:
        recorder = served.upstream
        response = post(served, {"model": "echo", "messages": [{"role": "user", "content": "Chan Tai Man 9123 4567"}]})
    assert response.status_code == 503
    assert error_of(response)["code"] == "check_error.failed_closed"
    assert error_of(response)["type"] == "guardrail_unavailable"
    assert recorder.received == []
    assert logs[-1]["input_check_errors"] == ["RuntimeError:failed_closed"]
    assert "Chan Tai Man" not in json.dumps(logs) + response.text


def test_failing_check_fails_open_when_the_policy_says_so(make_client: ClientFactory) -> None:
    policy = str(POLICIES / "fails-open.yaml")
    with make_client(policy=policy, extra_guards={policy: Guard.from_policy(policy)}) as served, capture_logs() as logs:
        response = post(served, {"model": "echo", "messages": [{"role": "user", "content": "hello"}]})
    assert response.status_code == 200 and len(served.upstream.received) == 1
    assert response.headers["x-guardrail-input-decision"] == "warn"
    assert logs[-1]["input_check_errors"] == ["RuntimeError:failed_open"]


def test_client_disconnect_mid_stream_cancels_the_upstream(
    default_proxy: str, upstream: tuple[RecordingUpstream, str]
) -> None:
    recorder, _ = upstream
    recorder.chunk_delay = 0.02
    cancelled_before = recorder.streams_cancelled
    body = json.dumps(
        {
            "model": "echo",
            "stream": True,
            "messages": [{"role": "user", "content": "The quick brown fox jumps over the lazy dog. " * 40}],
        }
    ).encode()
    try:
        with capture_logs() as logs:
            host, port = default_proxy.removeprefix("http://").split(":")
            with socket.create_connection((host, int(port))) as sock:
                sock.sendall(
                    b"POST /v1/chat/completions HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                    + f"Content-Length: {len(body)}\r\n\r\n".encode()
                    + body
                )
                assert b"200 OK" in sock.recv(4096)
                time.sleep(0.3)
            deadline = time.monotonic() + 5
            while recorder.streams_cancelled == cancelled_before and time.monotonic() < deadline:
                time.sleep(0.05)
            while not any(entry.get("stream_outcome") for entry in logs) and time.monotonic() < deadline:
                time.sleep(0.05)
    finally:
        recorder.chunk_delay = 0.0
    assert recorder.streams_cancelled > cancelled_before
    assert [entry["stream_outcome"] for entry in logs if "stream_outcome" in entry] == ["client_disconnected"]


def test_no_personal_data_in_server_logs(round_trip_client: Served) -> None:
    with capture_logs() as logs:
        for stream in (False, True):
            post(
                round_trip_client,
                {
                    "model": "echo",
                    "stream": stream,
                    "messages": [{"role": "user", "content": "I am Chan Tai Man, phone 9123 4567"}],
                },
            )
    dumped = json.dumps(logs)
    assert len(logs) == 2 and all(entry["status"] == 200 for entry in logs)
    assert "Chan Tai Man" not in dumped and "9123 4567" not in dumped
    assert logs[0]["input_entities"] == {"PERSON": 1, "PHONE_NUMBER": 1}


def test_a_malformed_conversation_header_is_refused(default_client: Served) -> None:
    response = post(
        default_client,
        {"model": "echo", "messages": [{"role": "user", "content": "hi"}]},
        **{"x-guardrail-conversation-id": "spaces are not allowed"},
    )
    assert response.status_code == 400 and error_of(response)["param"] == "x-guardrail-conversation-id"


def test_a_failing_audit_trail_is_a_policy_choice(make_client: ClientFactory, tmp_path: Path) -> None:
    """While the trail cannot be written: a limited-tier call is answered (continue, the
    default), a high-tier call is refused before the model (it fails closed), readiness
    says so; once the trail is back, a gap entry says how many records were lost."""
    data = tmp_path / "data"
    body = {"model": "echo", "messages": [{"role": "user", "content": "Call Chan Tai Man on 9123 4567"}]}
    high = {"x-guardrail-use-case": "healthcare-diagnostics"}
    with make_client(data_dir=data) as served:
        recorder = served.upstream
        assert post(served, body).status_code == 200
        audit = data / "audit"
        audit.rename(data / "audit.moved")
        audit.write_text("not a folder: every append fails")  # as root too, unlike permissions
        recorder.reset()
        with capture_logs() as logs:
            limited = post(served, body)
            ready = served.http.get("/health/ready").json()
            refused = post(served, body, **high)
        assert limited.status_code == 200 and ready["audit"] == "failing"
        assert refused.status_code == 503 and error_of(refused)["code"] == "audit_unavailable"
        assert error_of(refused)["type"] == "guardrail_unavailable"
        assert len(recorder.received) == 1  # the high-tier call never reached the model
        assert [e["event"] for e in logs].count("audit_record_not_written") >= 2
        audit.unlink()
        (data / "audit.moved").rename(audit)
        answered = post(served, body, **high)
        assert answered.status_code == 200 and served.http.get("/health/ready").json()["audit"] == "ok"
    entries = [
        json.loads(line) for path in sorted(audit.glob("audit-*.jsonl")) for line in path.read_text().splitlines()
    ]
    gap = next(e for e in entries if e["kind"] == "gap")
    assert gap["record"]["records_lost"] == 2  # the limited call and the refusal
    last_call = [e for e in entries if e["kind"] == "call"][-1]
    intent = next(e for e in entries if e["kind"] == "intent" and e["seq"] > gap["seq"])
    assert intent["seq"] == gap["seq"] + 1 and intent["record"]["request_id"] == last_call["record"]["request_id"]
    assert last_call["seq"] == gap["seq"] + 2 and last_call["record"]["risk_tier"] == "high"
    report = verify_trail(audit)
    assert report.problem is None and report.records_lost == 2
    assert "2 call record(s) could not be written" in report.warnings[0]
    page = render_markdown(summarise([], report, period={}))
    assert "Records lost while the trail could not be written: 2" in page
