"""Human review through the proxy: held answers, reviewer decisions, timeouts, samples.

A high-tier use case under ``review: {mode: hold}`` answers 202 with a review id; the
client polls ``GET /v1/reviews/{id}`` and gets the signed answer only after a reviewer
approves (or edits) it; a rejection or a withholding timeout never releases it. Every
step is in the audit trail, naming the reviewer, and the stored review holds no
personal data readable without the key.
"""

from __future__ import annotations

import json
import sqlite3
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from guardrail.adapters.proxy.app import Proxy
from guardrail.adapters.proxy.config import ServerConfig
from guardrail.attribution import load_jwks, verify_document
from guardrail.errors import ConfigurationError
from guardrail.review import Sealer, review_key
from guardrail.runtime import Guard
from tests.adapters.conftest import POLICIES, ClientFactory, ProxyFactory, Served, model_list

POLICY = str(POLICIES / "review-hold.yaml")
PHONE, HKID, CARD = "6123 9876", "A123456(3)", "4111 1111 1111 1111"
ASK = f"Call me on {PHONE}: should I move my savings into the fund?"
USE_CASES = ["advice", "advice-release", "monitored", "chat"]
KEYS = [
    {"key": "k-app", "tenant": "bank", "policy": POLICY, "use_case": "advice", "allowed_use_cases": USE_CASES},
    {"key": "k-other", "tenant": "bank", "policy": POLICY, "use_case": "advice"},
]
REVIEWERS = [
    {"id": "alice", "key": "r-alice"},
    {"id": "bob", "key": "r-bob", "originals": True},
    {"id": "carol", "key": "r-carol"},  # a reviewer no use case names
]


@pytest.fixture(scope="module")
def review_guard() -> Guard:
    return Guard.from_policy(POLICY)


@pytest.fixture(scope="module")
def served(make_client: ClientFactory, review_guard: Guard) -> Iterator[Served]:
    with make_client(keys=KEYS, reviewers=REVIEWERS, extra_guards={POLICY: review_guard}) as served:
        yield served


def guardrail_cli(*args: str) -> subprocess.CompletedProcess[str]:
    """``guardrail ARGS``, run in this process; its exit code and its two outputs."""
    import typer
    from click.testing import CliRunner

    from guardrail.cli.app import app
    from guardrail.cli.help import plain_flags

    result = CliRunner().invoke(plain_flags(typer.main.get_command(app)), list(args), prog_name="guardrail")
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    return subprocess.CompletedProcess(["guardrail", *args], result.exit_code, result.stdout, result.stderr)


def auth(key: str) -> dict[str, str]:
    return {"authorization": f"Bearer {key}"}


def ask(http: Any, use_case: str = "advice", key: str = "k-app", **body: Any) -> Any:
    return http.post(
        "/v1/chat/completions",
        headers={**auth(key), "x-guardrail-use-case": use_case},
        json={"model": "echo", "messages": [{"role": "user", "content": ASK}], **body},
    )


def hold(http: Any, use_case: str = "advice") -> str:
    held = ask(http, use_case)
    assert held.status_code == 202, held.text
    review_id: str = held.json()["id"]
    assert held.headers["location"] == f"/v1/reviews/{review_id}" == held.json()["location"]
    assert held.headers["x-guardrail-review"] == "held" and held.headers["x-guardrail-review-id"] == review_id
    assert PHONE not in held.text and "You said" not in held.text  # nothing of the answer yet
    return review_id


def entries(data_dir: Path) -> list[dict[str, Any]]:
    lines = [
        line for day in sorted((data_dir / "audit").glob("audit-*.jsonl")) for line in day.read_text().splitlines()
    ]
    return [json.loads(line)["record"] for line in lines if json.loads(line)["kind"] == "call"]


def steps(data_dir: Path, review_id: str) -> list[dict[str, Any]]:
    return [e for e in entries(data_dir) if e.get("review_id") == review_id]


def verifies(served_or_http: Any, body: dict[str, Any]) -> bool:
    jwks = load_jwks(served_or_http.get("/.well-known/jwks.json").text)
    return verify_document(body, jwks).valid


def test_a_held_answer_is_released_only_after_approval_and_verifies(served: Served, tmp_path: Path) -> None:
    http = served.http
    review_id = hold(http)
    assert served.upstream.received  # the model answered; the client has not seen it
    pending = http.get(f"/v1/reviews/{review_id}", headers=auth("k-app"))
    assert pending.status_code == 202 and pending.json()["status"] == "pending" and PHONE not in pending.text

    queue = http.get("/v1/reviews?status=pending", headers=auth("r-alice"))
    (item,) = [r for r in queue.json()["data"] if r["id"] == review_id]
    assert item["content"] == "redacted" and item["use_case"] == "advice" and PHONE not in queue.text
    assert "<PHONE_NUMBER_1>" in item["request"][0]["content"]  # what the model saw

    approved = http.post(f"/v1/reviews/{review_id}/approve", headers=auth("r-alice"))
    assert approved.status_code == 200 and approved.json()["status"] == "approved"
    assert approved.json()["decided_by"] == "alice"

    released = http.get(f"/v1/reviews/{review_id}", headers=auth("k-app"))
    assert released.status_code == 200, released.text
    assert released.headers["x-guardrail-review"] == "approved"
    body = released.json()
    assert PHONE in body["choices"][0]["message"]["content"]  # restored for its client
    assert verifies(http, body)
    approval = body["guardrail_attribution"]["manifest"]["human_review"]
    assert approval["approved"] is True and approval["reviewer"] == "alice" and approval["review_id"] == review_id
    (tmp_path / "answer.json").write_text(json.dumps(body, ensure_ascii=False), encoding="utf-8")
    (tmp_path / "jwks.json").write_text(http.get("/.well-known/jwks.json").text, encoding="utf-8")
    cli = guardrail_cli("attribution", "verify", str(tmp_path / "answer.json"), "--jwks", str(tmp_path / "jwks.json"))
    assert cli.returncode == 0 and "status: valid" in cli.stdout

    again = http.post(f"/v1/reviews/{review_id}/approve", headers=auth("r-alice"))
    assert again.status_code == 409 and again.json()["error"]["code"] == "review_already_decided"

    trail = steps(served.proxy.config.data_dir, review_id)
    held = [e for e in trail if e.get("review") == "held"]
    assert len(held) == 1 and held[0]["path"] == "/v1/chat/completions" and held[0]["status"] == 200
    decided = [e for e in trail if e.get("review") == "approved"]
    assert decided[0]["reviewer"] == "alice" and len(decided[0]["reviewer_key"]) == 16 and decided[0]["at"]
    assert [e["review"] for e in trail if e.get("review") == "released"] == ["released"]


def test_a_rejected_answer_is_never_released(served: Served) -> None:
    http = served.http
    review_id = hold(http)
    no_reason = http.post(f"/v1/reviews/{review_id}/reject", headers=auth("r-alice"), json={})
    assert no_reason.status_code == 400 and no_reason.json()["error"]["code"] == "reason_required"
    rejected = http.post(f"/v1/reviews/{review_id}/reject", headers=auth("r-alice"), json={"reason": "not suitable"})
    assert rejected.status_code == 200 and rejected.json()["status"] == "rejected"
    fetched = http.get(f"/v1/reviews/{review_id}", headers=auth("k-app"))
    assert fetched.status_code == 403 and fetched.json()["error"]["code"] == "review_rejected"
    assert PHONE not in fetched.text and "You said" not in fetched.text
    (step,) = [e for e in steps(served.proxy.config.data_dir, review_id) if e.get("review") == "rejected"]
    assert step["reviewer"] == "alice" and step["reason_chars"] == len("not suitable")
    assert "not suitable" not in json.dumps(step)  # the reason may quote content: sealed with the review


def test_an_edit_is_rechecked_and_resigned_and_says_a_human_edited_it(served: Served) -> None:
    http = served.http
    review_id = hold(http)
    refused = http.post(f"/v1/reviews/{review_id}/edit", headers=auth("r-alice"), json={"text": f"Pay with {CARD}."})
    assert refused.status_code == 422 and refused.json()["error"]["code"] == "edit_refused"
    assert http.get(f"/v1/reviews/{review_id}", headers=auth("k-app")).status_code == 202  # still pending

    text = f"Please do not move your savings yet; bring your HKID {HKID} to a branch."
    edited = http.post(f"/v1/reviews/{review_id}/edit", headers=auth("r-alice"), json={"text": text})
    assert edited.status_code == 200, edited.text
    released = http.get(f"/v1/reviews/{review_id}", headers=auth("k-app"))
    assert released.status_code == 200 and released.headers["x-guardrail-review"] == "edited"
    body = released.json()
    content = body["choices"][0]["message"]["content"]
    assert "Please do not move your savings yet" in content and "A123456" not in content  # the policy redacts HKIDs
    manifest = body["guardrail_attribution"]["manifest"]
    assert manifest["human_review"]["edited"] is True and manifest["human_review"]["reviewer"] == "alice"
    assert manifest["c2pa"]["assertions"][0]["data"]["actions"][-1]["action"] == "c2pa.edited"
    assert verifies(http, body)
    trail = steps(served.proxy.config.data_dir, review_id)
    (step,) = [e for e in trail if e.get("review") == "edited"]
    assert step["output_entities"] == {"HK_ID": 1} and step["attribution_id"] == manifest["id"]
    assert step["replaces"] and step["replaces"] != manifest["id"]
    (refusal,) = [e for e in trail if e.get("review") == "edit_refused"]
    assert refusal["reason"] == "personal_data.blocked_entity" and refusal["status"] == 422
    assert refusal["reviewer"] == "alice" and CARD not in json.dumps(refusal)


def test_only_reviewers_named_by_the_use_case_decide_and_api_keys_cannot_review(served: Served) -> None:
    http = served.http
    review_id = hold(http)
    for attempt in (
        http.get("/v1/reviews?status=pending", headers=auth("k-app")),
        http.post(f"/v1/reviews/{review_id}/approve", headers=auth("k-app")),
    ):
        assert attempt.status_code == 403 and attempt.json()["error"]["code"] == "not_a_reviewer"
    assert http.post(f"/v1/reviews/{review_id}/approve").status_code == 401
    unknown = http.post("/v1/reviews/rev_unknown/approve", headers=auth("r-alice"))
    assert unknown.status_code == 404 and unknown.json()["error"]["code"] == "review_not_found"
    assert http.get("/v1/reviews/rev_unknown", headers=auth("k-app")).status_code == 404
    assert http.get("/v1/reviews?status=lost", headers=auth("r-alice")).json()["error"]["code"] == "invalid_status"
    assert http.post(f"/v1/reviews/{review_id}/publish", headers=auth("r-alice")).status_code == 404
    carol = http.post(f"/v1/reviews/{review_id}/approve", headers=auth("r-carol"))
    assert carol.status_code == 403 and carol.json()["error"]["code"] == "not_a_reviewer_for_use_case"
    assert review_id not in http.get("/v1/reviews", headers=auth("r-carol")).text
    assert ask(http, key="r-alice").status_code == 401  # a reviewer's key calls no model
    other = http.get(f"/v1/reviews/{review_id}", headers=auth("k-other"))  # same tenant, another key
    assert other.status_code == 404 and other.json()["error"]["code"] == "review_not_found"
    refusals = [e for e in entries(served.proxy.config.data_dir) if e.get("error") == "not_a_reviewer"]
    assert len(refusals) >= 2 and all(e["status"] == 403 for e in refusals)
    assert any(e.get("error") == "not_a_reviewer_for_use_case" for e in entries(served.proxy.config.data_dir))


def test_a_reviewer_allowed_originals_reads_them_and_that_is_recorded(served: Served) -> None:
    http = served.http
    review_id = hold(http)
    queue = http.get("/v1/reviews?status=pending", headers=auth("r-bob"))
    (item,) = [r for r in queue.json()["data"] if r["id"] == review_id]
    assert item["content"] == "original" and PHONE in item["request"][0]["content"]
    viewed = [e for e in entries(served.proxy.config.data_dir) if e.get("review") == "originals_viewed"]
    assert any(e["review_id"] == review_id and e["reviewer"] == "bob" for e in viewed)
    assert PHONE not in json.dumps(viewed)


def test_a_held_use_case_cannot_stream(served: Served) -> None:
    refused = ask(served.http, stream=True)
    assert refused.status_code == 400 and refused.json()["error"]["code"] == "review_hold_no_stream"


def test_a_sampled_answer_is_released_and_queued(served: Served) -> None:
    http = served.http
    answered = ask(http, "monitored")
    assert answered.status_code == 200 and PHONE in answered.text
    request_id = answered.headers["x-guardrail-request-id"]
    (record,) = [e for e in entries(served.proxy.config.data_dir) if e.get("request_id") == request_id]
    assert record["review"] == "sampled"
    queue = http.get("/v1/reviews?status=sampled", headers=auth("r-alice")).json()["data"]
    assert record["review_id"] in [r["id"] for r in queue]
    approved = http.post(f"/v1/reviews/{record['review_id']}/approve", headers=auth("r-alice"))
    assert approved.status_code == 200
    assert (
        http.post(f"/v1/reviews/{record['review_id']}/edit", headers=auth("r-alice"), json={"text": "x"}).status_code
        == 409
    )


def test_flag_answers_as_before(served: Served) -> None:
    answered = ask(served.http, "chat")
    assert answered.status_code == 200 and "x-guardrail-review" not in answered.headers


def test_timeouts_withhold_or_release_as_the_use_case_says(served: Served) -> None:
    http, desk = served.http, served.proxy.reviews
    assert desk is not None
    withheld, released = hold(http, "advice"), hold(http, "advice-release")
    desk.clock = lambda: time.time() + 10_000
    try:
        gone = http.get(f"/v1/reviews/{withheld}", headers=auth("k-app"))
        assert gone.status_code == 410 and gone.json()["error"]["code"] == "review_timed_out" and PHONE not in gone.text
        late = http.post(f"/v1/reviews/{withheld}/approve", headers=auth("r-alice"))
        assert late.status_code == 410
        out = http.get(f"/v1/reviews/{released}", headers=auth("k-app"))
        assert (
            out.status_code == 200 and out.headers["x-guardrail-review"] == "timed_out" and verifies(http, out.json())
        )
    finally:
        desk.clock = time.time
    data_dir = served.proxy.config.data_dir
    assert [e["on_timeout"] for e in steps(data_dir, withheld) if e.get("review") == "timed_out"] == ["withhold"]
    assert [e["on_timeout"] for e in steps(data_dir, released) if e.get("review") == "timed_out"] == ["release"]


def test_the_trail_verifies_and_nothing_personal_is_at_rest_without_the_key(
    make_client: ClientFactory, review_guard: Guard, tmp_path: Path
) -> None:
    with make_client(data_dir=tmp_path, keys=KEYS, reviewers=REVIEWERS, extra_guards={POLICY: review_guard}) as served:
        http = served.http
        approved, rejected = hold(http), hold(http)
        http.post(f"/v1/reviews/{approved}/approve", headers=auth("r-alice"))
        http.post(f"/v1/reviews/{rejected}/reject", headers=auth("r-bob"), json={"reason": "wrong fund"})
        assert http.get(f"/v1/reviews/{approved}", headers=auth("k-app")).status_code == 200
        stored = b"".join(p.read_bytes() for p in tmp_path.glob("reviews.sqlite3*"))
    trail = "".join(day.read_text() for day in (tmp_path / "audit").glob("audit-*.jsonl"))
    for planted in (PHONE, "A123456", "savings", "wrong fund"):
        assert planted not in trail
    assert [e["review"] for e in entries(tmp_path) if e.get("review_id") == approved] == [
        "held",
        "approved",
        "released",
    ]
    verified = guardrail_cli("audit", "verify", str(tmp_path / "audit"))
    assert verified.returncode == 0, verified.stdout
    for planted in (PHONE, "PHONE_NUMBER", "savings", "wrong fund", "You said"):
        assert planted.encode() not in stored
    with sqlite3.connect(tmp_path / "reviews.sqlite3") as db:
        review_id, sealed = db.execute("SELECT id, sealed FROM reviews WHERE id = ?", (rejected,)).fetchone()
    opened = Sealer(review_key(tmp_path)).open(review_id, sealed)  # with the key, it reads
    assert "savings" in json.dumps(opened, ensure_ascii=False) and opened["rejection_reason"] == "wrong fund"


def test_start_up_refuses_a_review_naming_an_unknown_reviewer(review_guard: Guard, tmp_path: Path) -> None:
    config = ServerConfig(
        model_list=model_list("http://upstream.invalid"),
        data_dir=tmp_path,
        policy=POLICY,
        reviewers=[{"id": "alice", "key": "r-alice"}],
    )
    with pytest.raises(ConfigurationError, match="'bob', which is not among the server config's reviewers"):
        Proxy(config, guards={POLICY: review_guard})


def test_a_reviewer_key_cannot_be_an_api_key() -> None:
    with pytest.raises(ValueError, match="a key of its own"):
        ServerConfig(keys=[{"key": "same", "tenant": "t"}], reviewers=[{"id": "alice", "key": "same"}])


def test_over_real_http_the_client_gets_the_approved_signed_answer(
    make_proxy: ProxyFactory, review_guard: Guard
) -> None:
    proxy = make_proxy(keys=KEYS, reviewers=REVIEWERS, extra_guards={POLICY: review_guard})
    with proxy as url, httpx.Client(base_url=url, timeout=10) as http:
        review_id = hold(http)
        assert http.get(f"/v1/reviews/{review_id}", headers=auth("k-app")).status_code == 202
        assert http.post(f"/v1/reviews/{review_id}/approve", headers=auth("r-alice")).status_code == 200
        released = http.get(f"/v1/reviews/{review_id}", headers=auth("k-app"))
        assert released.status_code == 200 and PHONE in released.json()["choices"][0]["message"]["content"]
        assert verifies(http, released.json())


@pytest.mark.parametrize(
    ("path", "body", "text_of"),
    [
        ("/v1/responses", {"input": ASK}, lambda answer: answer["output"][0]["content"][0]["text"]),
        (
            "/v1/messages",
            {"max_tokens": 200, "messages": [{"role": "user", "content": ASK}]},
            lambda answer: answer["content"][0]["text"],
        ),
    ],
)
def test_a_held_answer_comes_back_in_the_shape_of_the_api_it_was_asked_by(
    served: Served, path: str, body: dict[str, Any], text_of: Any
) -> None:
    http = served.http
    held = http.post(path, headers={**auth("k-app"), "x-guardrail-use-case": "advice"}, json={"model": "echo", **body})
    assert held.status_code == 202 and PHONE not in held.text
    review_id = held.json()["id"]
    assert http.post(f"/v1/reviews/{review_id}/approve", headers=auth("r-alice")).status_code == 200
    released = http.get(f"/v1/reviews/{review_id}", headers=auth("k-app"))
    assert released.status_code == 200, released.text
    assert PHONE in text_of(released.json()) and verifies(http, released.json())


def test_an_edit_of_the_redacted_view_keeps_one_set_of_labels_and_restores_the_callers_pseudonyms(
    served: Served,
) -> None:
    http = served.http
    review_id = hold(http)
    queue = http.get("/v1/reviews?status=pending", headers=auth("r-alice")).json()["data"]
    (item,) = [r for r in queue if r["id"] == review_id]
    seen = item["answer"][0]["content"]  # labelled, marked, and with the model's pseudonym
    assert "<PHONE_NUMBER_1>" in seen and PHONE not in seen
    text = seen.replace("You said:", "Our adviser will call you; you said:")
    edited = http.post(f"/v1/reviews/{review_id}/edit", headers=auth("r-alice"), json={"text": text})
    assert edited.status_code == 200, edited.text
    body = http.get(f"/v1/reviews/{review_id}", headers=auth("k-app")).json()
    content = body["choices"][0]["message"]["content"]
    assert "Our adviser will call you" in content and PHONE in content and "<PHONE_NUMBER" not in content
    assert content.count("[AI-generated content") == 1 and content.count("[Generated by AI and not verified") == 1
    assert verifies(http, body)


def test_a_review_sealed_under_another_key_is_unreadable_not_leaked(
    make_client: ClientFactory, review_guard: Guard, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    settings: dict[str, Any] = {"data_dir": tmp_path, "keys": KEYS, "reviewers": REVIEWERS}
    with make_client(extra_guards={POLICY: review_guard}, **settings) as served:
        review_id = hold(served.http)
    monkeypatch.setenv("GUARDRAIL_REVIEW_KEY", "A" * 43)  # another key after a restart
    with make_client(extra_guards={POLICY: review_guard}, **settings) as served:
        queue = served.http.get("/v1/reviews?status=pending", headers=auth("r-alice"))
        assert queue.status_code == 500 and queue.json()["error"]["code"] == "review_unreadable"
        fetched = served.http.get(f"/v1/reviews/{review_id}", headers=auth("k-app"))
        assert fetched.status_code == 202  # still pending: its state is readable, its content is not


def test_a_held_answer_survives_a_restart(make_client: ClientFactory, review_guard: Guard, tmp_path: Path) -> None:
    settings: dict[str, Any] = {"data_dir": tmp_path, "keys": KEYS, "reviewers": REVIEWERS}
    with make_client(extra_guards={POLICY: review_guard}, **settings) as served:
        review_id = hold(served.http)
    with make_client(extra_guards={POLICY: review_guard}, **settings) as served:
        assert served.http.post(f"/v1/reviews/{review_id}/approve", headers=auth("r-alice")).status_code == 200
        released = served.http.get(f"/v1/reviews/{review_id}", headers=auth("k-app"))
        assert released.status_code == 200 and verifies(served.http, released.json())


def test_a_webhook_hears_each_hold_and_decision_signed_and_without_content(
    make_client: ClientFactory, review_guard: Guard, tmp_path: Path
) -> None:
    from starlette.applications import Starlette
    from starlette.requests import Request
    from starlette.responses import Response
    from starlette.routing import Route

    from guardrail.review.webhook import signature
    from guardrail.testing import BackgroundServer

    heard: list[tuple[dict[str, str], bytes]] = []

    async def hook(request: Request) -> Response:
        heard.append((dict(request.headers), await request.body()))
        return Response(status_code=204)

    receiver = Starlette(routes=[Route("/hook", hook, methods=["POST"])])
    with BackgroundServer(receiver) as server:
        webhook = {"url": f"{server.url}/hook", "secret": "webhook-secret"}
        settings: dict[str, Any] = {"keys": KEYS, "reviewers": REVIEWERS, "reviews": {"webhook": webhook}}
        with make_client(data_dir=tmp_path, extra_guards={POLICY: review_guard}, **settings) as served:
            review_id = hold(served.http)
            served.http.post(f"/v1/reviews/{review_id}/approve", headers=auth("r-alice"))
    events = [json.loads(body) for _, body in heard]
    assert [(e["event"], e["status"]) for e in events] == [("review.held", "pending"), ("review.decided", "approved")]
    assert events[1]["decided_by"] == "alice" and events[1]["location"] == f"/v1/reviews/{review_id}"
    for headers, body in heard:
        assert headers["x-guardrail-signature"] == signature(b"webhook-secret", headers["x-guardrail-timestamp"], body)
        assert PHONE.encode() not in body and b"savings" not in body and b"You said" not in body


def test_a_webhook_that_is_gone_fails_nothing(make_client: ClientFactory, review_guard: Guard, tmp_path: Path) -> None:
    webhook = {"url": "http://127.0.0.1:9/hook", "secret": "webhook-secret", "timeout_seconds": 0.5}
    settings: dict[str, Any] = {"keys": KEYS, "reviewers": REVIEWERS, "reviews": {"webhook": webhook}}
    with make_client(data_dir=tmp_path, extra_guards={POLICY: review_guard}, **settings) as served:
        review_id = hold(served.http)
        assert served.http.post(f"/v1/reviews/{review_id}/approve", headers=auth("r-alice")).status_code == 200
        assert served.http.get(f"/v1/reviews/{review_id}", headers=auth("k-app")).status_code == 200
