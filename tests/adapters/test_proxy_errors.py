"""Bad input, upstream failures, auth and blocks: clear OpenAI-style errors, no leaks."""

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
from tests.adapters.conftest import POLICIES, ProxyFactory
from tests.conftest import ROUND_TRIP

PLANTED = ("Chan Tai Man", "9123 4567", "4111 1111 1111 1111")
CHAT = "/v1/chat/completions"


def post(base_url: str, body: bytes | dict, **headers: str) -> httpx.Response:
    content = body if isinstance(body, bytes) else json.dumps(body).encode()
    return httpx.post(base_url + CHAT, content=content, headers={"content-type": "application/json", **headers})


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
def test_malformed_requests_get_400_with_a_stable_code(default_proxy: str, body: bytes, code: str) -> None:
    response = post(default_proxy, body)
    assert response.status_code == 400
    error = error_of(response)
    assert error["code"] == code and error["type"] == "invalid_request_error"


def test_oversized_body_is_413_declared_or_chunked(make_proxy: ProxyFactory) -> None:
    big = json.dumps({"model": "echo", "messages": [{"role": "user", "content": "x" * 5000}]}).encode()
    with make_proxy(max_body_bytes=1000) as url:
        declared = post(url, big)

        def chunks():  # no content-length: the proxy must count while reading
            for i in range(0, len(big), 100):
                yield big[i : i + 100]

        chunked = httpx.post(url + CHAT, content=chunks())
    for response in (declared, chunked):
        assert response.status_code == 413
        assert error_of(response)["code"] == "request_too_large"


def test_unknown_model_is_404(default_proxy: str) -> None:
    response = post(default_proxy, {"model": "gpt-17", "messages": [{"role": "user", "content": "hi"}]})
    assert response.status_code == 404
    assert error_of(response)["code"] == "model_not_found"


def test_unknown_path_is_an_openai_style_404(default_proxy: str) -> None:
    response = httpx.get(default_proxy + "/v1/nothing")
    assert response.status_code == 404 and response.json()["error"]["type"] == "not_found_error"


@pytest.mark.parametrize(
    ("model", "status", "code"),
    [
        ("error-500", 502, "upstream_error"),
        ("error-429", 429, "upstream_rate_limited"),
        ("slow", 504, "upstream_timeout"),
    ],
)
@pytest.mark.parametrize("stream", [False, True])
def test_upstream_failures_map_to_gateway_errors(
    default_proxy: str, model: str, status: int, code: str, stream: bool
) -> None:
    response = post(
        default_proxy, {"model": model, "stream": stream, "messages": [{"role": "user", "content": "Chan Tai Man"}]}
    )
    assert response.status_code == status
    error = error_of(response)
    assert error["code"] == code
    assert "Chan Tai Man" not in response.text


def test_openai_sdk_raises_its_own_errors(default_proxy: str) -> None:
    api = openai.OpenAI(base_url=f"{default_proxy}/v1", api_key="unused", max_retries=0)
    with pytest.raises(openai.NotFoundError):
        api.chat.completions.create(model="nope", messages=[{"role": "user", "content": "hi"}])
    with pytest.raises(openai.InternalServerError) as caught:
        api.chat.completions.create(model="error-500", messages=[{"role": "user", "content": "hi"}])
    assert caught.value.status_code == 502


def test_missing_and_wrong_keys_get_401(make_proxy: ProxyFactory) -> None:
    with make_proxy(keys=[{"key": "right-key-1", "tenant": "t1"}]) as url:
        missing = post(url, {"model": "echo", "messages": [{"role": "user", "content": "hi"}]})
        wrong = post(
            url, {"model": "echo", "messages": [{"role": "user", "content": "hi"}]}, authorization="Bearer wrong"
        )
        right = post(
            url, {"model": "echo", "messages": [{"role": "user", "content": "hi"}]}, authorization="Bearer right-key-1"
        )
        models = httpx.get(url + "/v1/models")
        live = httpx.get(url + "/health/live")
    assert (missing.status_code, wrong.status_code, right.status_code) == (401, 401, 200)
    assert error_of(missing)["code"] == "missing_api_key" and error_of(wrong)["code"] == "invalid_api_key"
    assert models.status_code == 401
    assert live.status_code == 200


def test_key_sets_the_use_case_and_others_are_refused(make_proxy: ProxyFactory) -> None:
    keys = [{"key": "k-triage", "tenant": "clinic", "policy": ROUND_TRIP, "use_case": "triage"}]
    with make_proxy(keys=keys) as url:
        body = {"model": "echo", "messages": [{"role": "user", "content": "hi"}]}
        ok = post(url, body, authorization="Bearer k-triage")
        unknown = post(url, {**body, "guardrail": {"use_case": "astrology"}}, authorization="Bearer k-triage")
    assert ok.headers["x-guardrail-risk-tier"] == "high" and ok.headers["x-guardrail-policy"] == "round-trip@1.0.0"
    assert unknown.status_code == 403 and error_of(unknown)["code"] == "use_case_not_allowed"


def test_unknown_use_cases_are_refused(default_proxy: str) -> None:
    body = {"model": "echo", "messages": [{"role": "user", "content": "hi"}], "guardrail": {"use_case": "astrology"}}
    unknown = post(default_proxy, body)
    assert unknown.status_code == 400 and error_of(unknown)["code"] == "unknown_use_case"


def test_a_key_allowing_a_use_case_its_policy_lacks_stops_start_up(make_proxy: ProxyFactory) -> None:
    keys = [{"key": "k", "tenant": "t", "use_case": "general", "allowed_use_cases": ["general", "astrology"]}]
    with pytest.raises(ConfigurationError, match="astrology"), make_proxy(keys=keys):
        pass


def test_blocked_entity_is_refused_before_the_upstream(
    round_trip_proxy: str, upstream: tuple[RecordingUpstream, str]
) -> None:
    recorder, _ = upstream
    recorder.reset()
    with capture_logs() as logs:
        response = post(
            round_trip_proxy,
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


def test_failing_check_fails_closed_with_503_and_says_so(
    make_proxy: ProxyFactory, upstream: tuple[RecordingUpstream, str]
) -> None:
    recorder, _ = upstream
    recorder.reset()
    policy = str(POLICIES / "fails-closed.yaml")
    with make_proxy(policy=policy, extra_guards={policy: Guard.from_policy(policy)}) as url, capture_logs() as logs:
        response = post(url, {"model": "echo", "messages": [{"role": "user", "content": "Chan Tai Man 9123 4567"}]})
    assert response.status_code == 503
    assert error_of(response)["code"] == "check_error.failed_closed"
    assert error_of(response)["type"] == "guardrail_unavailable"
    assert recorder.received == []
    assert logs[-1]["input_check_errors"] == ["RuntimeError:failed_closed"]
    assert "Chan Tai Man" not in json.dumps(logs) + response.text


def test_failing_check_fails_open_when_the_policy_says_so(
    make_proxy: ProxyFactory, upstream: tuple[RecordingUpstream, str]
) -> None:
    recorder, _ = upstream
    recorder.reset()
    policy = str(POLICIES / "fails-open.yaml")
    with make_proxy(policy=policy, extra_guards={policy: Guard.from_policy(policy)}) as url, capture_logs() as logs:
        response = post(url, {"model": "echo", "messages": [{"role": "user", "content": "hello"}]})
    assert response.status_code == 200
    assert response.headers["x-guardrail-input-decision"] == "warn"
    assert logs[-1]["input_check_errors"] == ["RuntimeError:failed_open"]


def test_client_disconnect_mid_stream_cancels_the_upstream(
    make_proxy: ProxyFactory, upstream: tuple[RecordingUpstream, str]
) -> None:
    recorder, _ = upstream
    recorder.chunk_delay = 0.02
    cancelled_before = recorder.streams_cancelled
    body = json.dumps(
        {"model": "echo", "stream": True, "messages": [{"role": "user", "content": "word " * 400}]}
    ).encode()
    try:
        with make_proxy() as url, capture_logs() as logs:
            host, port = url.removeprefix("http://").split(":")
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


def test_no_personal_data_in_server_logs(round_trip_proxy: str) -> None:
    with capture_logs() as logs:
        for stream in (False, True):
            post(
                round_trip_proxy,
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


def test_a_malformed_conversation_header_is_refused(default_proxy: str) -> None:
    response = post(
        default_proxy,
        {"model": "echo", "messages": [{"role": "user", "content": "hi"}]},
        **{"x-guardrail-conversation-id": "spaces are not allowed"},
    )
    assert response.status_code == 400 and error_of(response)["param"] == "x-guardrail-conversation-id"


def test_a_failing_audit_trail_is_a_policy_choice(
    make_proxy: ProxyFactory, upstream: tuple[RecordingUpstream, str], tmp_path: Path
) -> None:
    """While the trail cannot be written: a limited-tier call is answered (continue, the
    default), a high-tier call is refused before the model (it fails closed), readiness
    says so; once the trail is back, a gap entry says how many records were lost."""
    recorder, _ = upstream
    data = tmp_path / "data"
    body = {"model": "echo", "messages": [{"role": "user", "content": "Call Chan Tai Man on 9123 4567"}]}
    high = {"x-guardrail-use-case": "healthcare-diagnostics"}
    with make_proxy(data_dir=data) as url:
        assert post(url, body).status_code == 200
        audit = data / "audit"
        audit.rename(data / "audit.moved")
        audit.write_text("not a folder: every append fails")  # as root too, unlike permissions
        recorder.reset()
        with capture_logs() as logs:
            limited = post(url, body)
            ready = httpx.get(url + "/health/ready").json()
            refused = post(url, body, **high)
        assert limited.status_code == 200 and ready["audit"] == "failing"
        assert refused.status_code == 503 and error_of(refused)["code"] == "audit_unavailable"
        assert error_of(refused)["type"] == "guardrail_unavailable"
        assert len(recorder.received) == 1  # the high-tier call never reached the model
        assert [e["event"] for e in logs].count("audit_record_not_written") >= 2
        audit.unlink()
        (data / "audit.moved").rename(audit)
        answered = post(url, body, **high)
        assert answered.status_code == 200 and httpx.get(url + "/health/ready").json()["audit"] == "ok"
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
