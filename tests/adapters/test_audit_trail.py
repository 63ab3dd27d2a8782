"""The audit trail end to end: proxy traffic, then verify, report and query as an auditor.

The proxy runs in-process (``Served``) and so does the ``guardrail`` command (Click's
runner over the same command ``python -m guardrail.cli`` runs), which saves starting an
interpreter for each of its runs."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from guardrail.policy.model import Dimension, Principle
from guardrail.runtime import Guard
from tests.adapters.conftest import POLICIES, ClientFactory, run_cli
from tests.conftest import ROUND_TRIP

PLANTED = ("Chan Tai Man", "9123 4567", "A123456", "4111 1111 1111 1111")


def guardrail_cli(*args: str) -> subprocess.CompletedProcess[str]:
    return run_cli(*args)


@pytest.fixture(scope="module")
def trail(make_client: ClientFactory, tmp_path_factory: pytest.TempPathFactory) -> Path:
    data = tmp_path_factory.mktemp("trail")
    policy = str(POLICIES / "fails-open.yaml")
    keys = [
        {"key": "k-default", "tenant": "shop"},
        {"key": "k-cards", "tenant": "bank", "policy": ROUND_TRIP},
        {"key": "k-broken", "tenant": "lab", "policy": policy},
    ]
    with make_client(data_dir=data, keys=keys, extra_guards={policy: Guard.from_policy(policy)}) as served:

        def call(key: str, content: str, stream: bool = False) -> None:
            served.http.post(
                "/v1/chat/completions",
                headers={"authorization": f"Bearer {key}"},
                json={"model": "echo", "stream": stream, "messages": [{"role": "user", "content": content}]},
            ).read()

        for i in range(5):
            call("k-default", f"I am Chan Tai Man, HKID A123456(3), call 9123 45{i}7", stream=i % 2 == 1)
        call("k-cards", "card 4111 1111 1111 1111 please")
        call("k-broken", "hello")
        served.http.get("/v1/models")  # unauthenticated: 401, recorded too
    return data


def test_trail_verifies_and_holds_no_personal_data(trail: Path) -> None:
    result = guardrail_cli("audit", "verify", str(trail / "audit"))
    assert result.returncode == 0, result.stdout
    assert "8 calls" in result.stdout and "signatures checked" in result.stdout
    text = "".join(p.read_text() for p in (trail / "audit").glob("audit-*.jsonl"))
    assert all(value not in text for value in PLANTED)


def test_html_report_is_one_file_showing_every_dimension_and_principle(trail: Path, tmp_path: Path) -> None:
    out = tmp_path / "report.html"
    result = guardrail_cli("audit", "report", str(trail / "audit"), "--format", "html", "-o", str(out))
    assert result.returncode == 0, result.stderr
    page = out.read_text()
    from guardrail.audit.report import DIMENSION_TITLES, PRINCIPLE_TITLES

    for title in [*DIMENSION_TITLES.values(), *PRINCIPLE_TITLES.values()]:
        assert title in page
    assert "<svg" in page and "Integrity: intact" in page
    for external in ("<script", " src=", "href=", "@import", "url("):
        assert external not in page
    assert all(value not in page for value in PLANTED)


def test_json_report_counts_calls_blocks_redactions_and_errors(trail: Path) -> None:
    result = guardrail_cli("audit", "report", str(trail / "audit"), "--format", "json")
    summary = json.loads(result.stdout)
    assert summary["calls"] == 8 and summary["integrity"]["intact"]
    assert summary["blocked_or_failed"]["personal_data.blocked_entity"] == 1
    assert summary["blocked_or_failed"]["missing_api_key"] == 1
    assert summary["redactions"]["input"]["PERSON"] == 5 and summary["redactions"]["input"]["CREDIT_CARD"] == 1
    assert summary["check_errors"] == {"broken: RuntimeError (failed_open)": 1}
    assert summary["attribution_coverage"] == {"answered": 6, "attributed": 6, "ratio": 1.0}
    privacy = summary["dimensions"][Dimension.PERSONAL_DATA_PRIVACY]
    assert privacy["decisions"]["deny"] == 1 and privacy["entities"]["HK_ID"] == 5
    assert summary["dimensions"][Dimension.SYSTEM_SECURITY]["errors"] == {"failed_open": 1}
    assert set(summary["principles"]) == {p.value for p in Principle}
    assert summary["latency_ms"]["p50"] is not None


def test_markdown_report_and_filters(trail: Path) -> None:
    result = guardrail_cli("audit", "report", str(trail / "audit"), "--tenant", "bank")
    assert result.returncode == 0 and "Calls: 1;" in result.stdout
    assert "| Personal data privacy |" in result.stdout
    future = guardrail_cli("audit", "report", str(trail / "audit"), "--since", "2999-01-01", "--format", "json")
    assert json.loads(future.stdout)["calls"] == 0


def test_query_filters_records(trail: Path) -> None:
    denied = guardrail_cli("audit", "query", str(trail / "audit"), "--decision", "deny")
    records = [json.loads(line) for line in denied.stdout.splitlines()]
    assert len(records) == 1 and records[0]["tenant"] == "bank"
    one = guardrail_cli("audit", "query", str(trail / "audit"), "--tenant", "shop", "--limit", "2")
    assert len(one.stdout.splitlines()) == 2
    bad = guardrail_cli("audit", "query", str(trail / "audit"), "--since", "yesterday")
    assert bad.returncode == 2 and "not an ISO date" in bad.stderr


def test_redacted_content_is_kept_only_where_the_policy_says_users_consented(
    make_client: ClientFactory, trail: Path, tmp_path: Path
) -> None:
    from tests.adapters.test_serve import audit_records

    policy = str(POLICIES / "consented.yaml")
    with make_client(data_dir=tmp_path, policy=policy, extra_guards={policy: Guard.from_policy(policy)}) as served:
        served.http.post(
            "/v1/chat/completions",
            json={"model": "echo", "messages": [{"role": "user", "content": "Call Chan Tai Man on 9123 4567"}]},
        )
    (record,) = audit_records(tmp_path)
    assert record["redacted_request"] == [{"role": "user", "content": "Call <PERSON> on <PHONE_NUMBER>"}]
    assert all("redacted_request" not in r for r in audit_records(trail))  # default: decisions only


def test_a_sqlite_trail_is_written_verified_and_queried(make_client: ClientFactory, tmp_path: Path) -> None:
    with make_client(data_dir=tmp_path, audit_store="sqlite") as served:
        for i in range(3):
            served.http.post(
                "/v1/chat/completions",
                json={"model": "echo", "messages": [{"role": "user", "content": f"Call Chan Tai Man on 9123 45{i}7"}]},
            )
    trail = tmp_path / "audit.sqlite3"
    assert not (tmp_path / "audit").exists()
    verified = guardrail_cli("audit", "verify", str(trail))
    assert verified.returncode == 0 and "3 calls" in verified.stdout, verified.stdout
    queried = guardrail_cli("audit", "query", str(trail), "--decision", "modify")
    records = [json.loads(line) for line in queried.stdout.splitlines()]
    assert len(records) == 3 and all(r["input_entities"] == {"PERSON": 1, "PHONE_NUMBER": 1} for r in records)
    assert all(value not in trail.read_bytes().decode("utf-8", "replace") for value in PLANTED)
