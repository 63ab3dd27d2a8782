"""Every field of the table reaches the upstream checked or is refused, and a key's use
cases are the key's to choose, not the client's: in-process, but for a body that
trickles in over a real socket."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import httpx
import pytest

from tests.adapters.conftest import ClientFactory, ProxyFactory, Served
from tests.core.field_samples import PLANTED, message_samples, param_samples

USER = {"role": "user", "content": "Please help."}


def _bodies() -> list[dict[str, Any]]:
    bodies = [{"model": "echo", "messages": [USER], name: sample.value} for name, sample in param_samples()]
    bodies += [{"model": "echo", "messages": [sample.value, USER]} for _role, sample in message_samples()]
    return bodies


def test_no_planted_identifier_reaches_the_upstream_from_any_field(default_client: Served) -> None:
    recorder = default_client.upstream
    recorder.reset()
    statuses = []
    for body in _bodies():
        response = default_client.http.post("/v1/chat/completions", json=body)
        statuses.append(response.status_code)
        if response.status_code != 200:  # refused: never forwarded, and said why
            error = response.json()["error"]
            assert 400 <= response.status_code < 500 and error["code"], response.text
    received = recorder.received_text()
    assert [value for value in PLANTED if value in received] == []
    assert statuses.count(200) > 40 and len(recorder.received) == statuses.count(200)


@pytest.mark.parametrize(
    ("body", "code", "param"),
    [
        (
            {
                "messages": [
                    {
                        "role": "user",
                        "content": [{"type": "image_url", "image_url": {"url": "data:image/png;base64,iVBORw0KGgo="}}],
                    }
                ]
            },
            "unchecked_content",
            "input",
        ),
        (
            {"messages": [USER], "tools": [{"type": "function", "function": {"name": "f", "secret": "x"}}]},
            "unknown_parameter",
            "tools[0].function.secret",
        ),
        ({"messages": [USER], "metadata": {"k": [1, 2]}}, "invalid_request", "metadata.k"),
        ({"messages": [USER], "user": {"id": 1}}, "invalid_request", "user"),
    ],
)
def test_fields_that_cannot_be_checked_are_refused_with_a_clear_code(
    default_client: Served, body: dict[str, Any], code: str, param: str
) -> None:
    recorder = default_client.upstream
    recorder.reset()
    response = default_client.http.post("/v1/chat/completions", json={"model": "echo", **body})
    assert response.status_code == 400 and response.json()["error"]["code"] == code
    assert response.json()["error"]["param"] == param
    assert recorder.received == []


@pytest.mark.parametrize(
    "raw",
    [
        b"[" * 1000 + b"]" * 1000,
        b'{"model": "echo", "messages": [{"role": "user", "content": "x"}], "seed": ' + b"9" * 5000 + b"}",
        b'{"model": "echo", "messages": [{"role": "user", "content": "x"}], "temperature": NaN}',
        b'{"model": "echo", "messages": [{"role": "user", "content": "\\ud800 lone"}]}',
        b'{"model": "echo", "messages": [{"role": "user", "content": "x"}], "metadata": {"a": [["b"]]}}',
        b'{"model": "echo", "messages": [{"role": "user", "content": "x"}], "metadata": '
        + b'{"a": ' * 900
        + b'"b"'
        + b"}" * 900
        + b"}",
    ],
    ids=["deep", "huge-int", "nan", "lone-surrogate", "nested-metadata", "deep-metadata"],
)
def test_malformed_input_is_the_clients_error_never_a_5xx(default_client: Served, raw: bytes) -> None:
    response = default_client.http.post(
        "/v1/chat/completions", content=raw, headers={"content-type": "application/json"}
    )
    assert response.status_code == 400, response.text
    assert response.json()["error"]["type"] == "invalid_request_error"


KEYS = [
    {"key": "k-clinic", "tenant": "clinic", "use_case": "healthcare-diagnostics"},
    {
        "key": "k-shop",
        "tenant": "shop",
        "use_case": "customer-service",
        "allowed_use_cases": ["customer-service", "creative"],
    },
    {"key": "k-plain", "tenant": "plain"},
]


def test_a_key_bound_to_a_high_tier_cannot_ask_for_a_lower_one(make_client: ClientFactory) -> None:
    with make_client(keys=KEYS) as served:
        client = served.http

        def call(key: str, header: str | None = None, body_use_case: str | None = None) -> httpx.Response:
            body: dict[str, Any] = {"model": "echo", "messages": [USER]}
            if body_use_case:
                body["guardrail"] = {"use_case": body_use_case}
            headers = {"authorization": f"Bearer {key}", **({"x-guardrail-use-case": header} if header else {})}
            return client.post("/v1/chat/completions", json=body, headers=headers)

        own = call("k-clinic")
        assert own.status_code == 200 and own.headers["x-guardrail-risk-tier"] == "high"
        for lowered in (
            call("k-clinic", header="creative"),
            call("k-clinic", body_use_case="creative"),
            call("k-clinic", header="no-such-case"),
        ):
            assert lowered.status_code == 403, lowered.text
            assert lowered.json()["error"]["code"] == "use_case_not_allowed"
        assert call("k-clinic", header="healthcare-diagnostics").status_code == 200
        chosen = call("k-shop", header="creative")
        assert chosen.status_code == 200 and chosen.headers["x-guardrail-risk-tier"] == "low"
        assert call("k-shop", header="healthcare-diagnostics").status_code == 403
        assert call("k-plain").headers["x-guardrail-use-case"] == "general"
        assert call("k-plain", header="general").status_code == 200
        assert call("k-plain", header="creative").status_code == 403


def test_another_key_of_the_same_tenant_cannot_test_guesses_against_a_conversation(
    make_client: ClientFactory,
) -> None:
    from tests.conftest import ROUND_TRIP

    keys = [
        {"key": "k-alice", "tenant": "shop", "policy": ROUND_TRIP, "use_case": "triage"},
        {"key": "k-mallory", "tenant": "shop", "policy": ROUND_TRIP, "use_case": "triage"},
    ]
    conversation = {"x-guardrail-conversation-id": "c-shared"}
    with make_client(keys=keys) as served:
        client = served.http

        def ask(key: str, text: str) -> str:
            response = client.post(
                "/v1/chat/completions",
                headers={"authorization": f"Bearer {key}", **conversation},
                json={"model": "echo", "messages": [{"role": "user", "content": text}]},
            )
            assert response.status_code == 200, response.text
            return response.json()["choices"][0]["message"]["content"]

        ask("k-alice", "My name is Chan Tai Man, call me on 9123 4567.")
        guess = ask("k-mallory", "Is it CHAN TAI MAN?")  # a guess in another spelling of the victim's value
    assert "Chan Tai Man" not in guess


def test_a_body_that_trickles_in_gets_408_instead_of_holding_the_connection(make_proxy: ProxyFactory) -> None:
    import socket
    import time

    with make_proxy(body_timeout_seconds=0.5) as url:
        host, port = url.removeprefix("http://").split(":")
        with socket.create_connection((host, int(port)), timeout=10) as connection:
            connection.sendall(
                b"POST /v1/chat/completions HTTP/1.1\r\nhost: x\r\ncontent-type: application/json\r\n"
                b'content-length: 100\r\n\r\n{"model":'
            )
            started = time.monotonic()
            received = b""
            while b"request_timeout" not in received:  # the answer may come in several pieces
                piece = connection.recv(4096)
                if not piece:
                    break
                received += piece
        answer = received.decode()
        assert answer.startswith("HTTP/1.1 408") and "request_timeout" in answer, answer
        assert time.monotonic() - started < 5


def test_the_record_does_not_quote_free_text_an_upstream_puts_in_its_model_name(
    make_client: ClientFactory, tmp_path: Path
) -> None:
    from tests.adapters.conftest import INVENTED
    from tests.adapters.test_serve import audit_records

    with make_client(data_dir=tmp_path) as served:  # the test upstream's "fixed" model answers with its own name
        response = served.http.post(
            "/v1/chat/completions",
            json={"model": "fixed", "messages": [{"role": "user", "content": "Hi"}]},
        )
    assert response.status_code == 200
    (record,) = [r for r in audit_records(tmp_path) if r.get("path") == "/v1/chat/completions"]
    assert record["response_model"] == "<not a model name>"
    written = "".join(path.read_text() for path in (tmp_path / "audit").glob("*.jsonl"))
    assert "Wong Mei Ling" not in written and INVENTED not in written
