"""The auditor's report counts what an auditor would count by hand from the raw records:
the period they span, the policies in force, each tenant's calls, refusals and
redactions, the refused calls one by one, attribution over model answers only, and
personal data apart from threat categories; the same figures in JSON, Markdown and HTML.

The records are built as the runtime builds them (:class:`CallRecord`), at fixed times,
and written through the real trail writer.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from guardrail.attribution import KeyStore
from guardrail.audit.records import CallRecords
from guardrail.audit.render import render_markdown
from guardrail.audit.report import CALL_REFUSALS, summarise
from guardrail.audit.settings import TrailSettings
from guardrail.audit.verify import ChainReport
from guardrail.runtime import reasons
from guardrail.runtime.record import CallRecord, StageEvidence

START = datetime(2026, 11, 2, 9, 0, 0, tzinfo=UTC).timestamp()
GENERAL = {"policy": "hk-genai-2025@2025.04.2", "policy_hash": "sha256:" + "a" * 64}
CENTRE = {"policy": "contact-centre@1.0.0", "policy_hash": "sha256:" + "b" * 64}


def check(
    name: str, stage: str, decision: str, dimension: str, entities: dict[str, int] | None = None, reason: str = ""
) -> dict[str, Any]:
    """A check's summary, shaped as guardrail.runtime.evidence writes it."""
    return {
        "check": name,
        "stage": stage,
        "decision": decision,
        "reason": reason or None,
        "dimensions": [dimension],
        "principles": ["compliance"],
        "entities": entities or {},
        "duration_ms": 0.5,
        "error": None,
    }


def pii(stage: str, entities: dict[str, int], decision: str = "modify") -> dict[str, Any]:
    reason = "personal_data.redacted" if decision == "modify" else "personal_data.blocked_entity"
    return check("personal-data", stage, decision, "personal_data_privacy", entities, reason)


def call(n: int, path: str, status: int, tenant: str, **fields: Any) -> dict[str, Any]:
    """Record ``n``, at START + n minutes."""
    record = CallRecord(
        request_id=f"req-{n:02d}", path=path, status=status, duration_ms=10.0 + n, tenant=tenant, **fields
    )
    return {"time": START + 60 * n, **record.as_dict()}


def synthetic_records() -> list[dict[str, Any]]:
    """Twelve calls of three tenants: answers signed and not, refusals at every stage,
    calls that are not answers, personal data and threat findings at both stages."""
    chat = "/v1/chat/completions"
    return [
        call(
            1,
            chat,
            200,
            "bank",
            use_case="customer-service",
            risk_tier="limited",
            attribution_id="urn:uuid:1",
            checks=(pii("input", {"PERSON": 2, "HK_ID": 1}), pii("output", {"PHONE_NUMBER": 1})),
            input=StageEvidence("modify", "personal_data.redacted", {"PERSON": 2, "HK_ID": 1}),
            output=StageEvidence("modify", "personal_data.redacted", {"PHONE_NUMBER": 1}),
            **CENTRE,
        ),
        call(2, chat, 200, "bank", use_case="general", risk_tier="limited", **GENERAL),  # unsigned answer
        call(3, "/v1/models", 200, "bank"),
        call(4, "/health/ready", 200, "default"),
        call(5, "/v1/embeddings", 200, "clinic", use_case="general", **GENERAL),
        call(
            6,
            "/v1/responses",
            200,
            "clinic",
            use_case="general",
            stream=True,
            stream_outcome="completed",
            attribution_id="urn:uuid:6",
            checks=(check("secrets", "output", "modify", "system_security", {"API_KEY": 1}),),
            **GENERAL,
        ),
        call(
            7,
            chat,
            400,
            "clinic",
            use_case="general",
            error="system_security.prompt_injection",
            checks=(
                check(
                    "prompt-injection", "input", "deny", "system_security", {"instruction_override": 1}, "x.injection"
                ),
            ),
            input=StageEvidence("deny", "system_security.prompt_injection", {"instruction_override": 1}),
            **GENERAL,
        ),
        call(
            8,
            chat,
            200,
            "bank",
            use_case="general",
            stream=True,
            stream_outcome="blocked",
            error="crime_prevention.prohibited_use",
            checks=(check("prohibited-use", "output", "deny", "crime_prevention", {"malware": 1}),),
            output=StageEvidence("deny", "crime_prevention.prohibited_use", {"malware": 1}),
            **GENERAL,
        ),
        call(9, chat, 403, "clinic", use_case="social-scoring", risk_tier="unacceptable", error="risk_tier.refused"),
        call(10, "/v1/messages", 200, "clinic", use_case="general", stream=True, stream_outcome="client_disconnected"),
        call(11, "/v1/models", 401, "default", error="missing_api_key"),
        call(
            12,
            chat,
            400,
            "bank",
            use_case="customer-service",
            error="personal_data.blocked_entity",
            checks=(pii("input", {"CREDIT_CARD": 1}, decision="deny"),),
            input=StageEvidence("deny", "personal_data.blocked_entity", {"CREDIT_CARD": 1}),
            **CENTRE,
        ),
        call(13, chat, 502, "bank", use_case="general", error="upstream_timeout", **GENERAL),
    ]


def write_trail(folder: Path, records: list[dict[str, Any]] | None = None) -> Path:
    """The records in a closed (checkpointed) folder trail under ``folder/audit``, with the
    checkpoint key's public half beside it; returns the trail's path."""
    keys = KeyStore(folder / "keys")
    keys.write_jwks(folder / "jwks.json")
    trail = CallRecords(folder / "audit", keys.active, settings=TrailSettings(checkpoint_every=5))
    for record in synthetic_records() if records is None else records:
        assert trail.write(record)
    trail.close()
    return folder / "audit"


@pytest.fixture
def summary() -> dict[str, Any]:
    generated = datetime(2026, 11, 30, 8, 0, 0, tzinfo=UTC)
    return summarise(synthetic_records(), ChainReport(entries=13, calls=13), period={}, generated=generated)


def test_the_period_is_the_first_and_last_record_times_and_the_report_says_when_it_was_made(
    summary: dict[str, Any],
) -> None:
    assert summary["period"]["first_record"] == "2026-11-02T09:01:00Z"
    assert summary["period"]["last_record"] == "2026-11-02T09:13:00Z"
    assert summary["generated"] == "2026-11-30T08:00:00Z"
    page = render_markdown(summary)
    assert "- Period: first record 2026-11-02T09:01:00Z, last record 2026-11-02T09:13:00Z\n" in page
    assert "start to end" not in page and "- Generated: 2026-11-30T08:00:00Z" in page
    selected = summarise([], ChainReport(), period={"since": "2026-11-01T00:00:00+00:00", "tenant": "bank"})
    assert "Period: no records (selected: since 2026-11-01T00:00:00+00:00, tenant bank)" in render_markdown(selected)


def test_the_policies_in_force_are_listed_with_version_and_hash(summary: dict[str, Any]) -> None:
    assert summary["policies"] == [
        {
            "id": "contact-centre",
            "version": "1.0.0",
            "hash": CENTRE["policy_hash"],
            "calls": 2,
            "first": "2026-11-02T09:01:00Z",
            "last": "2026-11-02T09:12:00Z",
        },
        {
            "id": "hk-genai-2025",
            "version": "2025.04.2",
            "hash": GENERAL["policy_hash"],
            "calls": 6,
            "first": "2026-11-02T09:02:00Z",
            "last": "2026-11-02T09:13:00Z",
        },
    ]
    page = render_markdown(summary)
    assert f"| hk-genai-2025 | 2025.04.2 | {GENERAL['policy_hash']} | 6 |" in page


def test_each_tenant_has_its_calls_answers_refusals_and_redactions(summary: dict[str, Any]) -> None:
    assert summary["tenants"] == {
        "bank": {"calls": 6, "answers": 2, "refused": 2, "redacted": {"input": 4, "output": 1}},
        "clinic": {"calls": 5, "answers": 1, "refused": 2, "redacted": {"input": 0, "output": 0}},
        "default": {"calls": 2, "answers": 0, "refused": 0, "redacted": {"input": 0, "output": 0}},
    }
    assert "| bank | 6 | 2 | 2 | 4 | 1 |" in render_markdown(summary)


def test_refused_calls_are_listed_with_iso_times_stage_and_code_never_content(summary: dict[str, Any]) -> None:
    refused = summary["refused_calls"]
    assert refused["total"] == 4
    assert refused["rows"] == [
        {
            "time": "2026-11-02T09:07:00Z",
            "request_id": "req-07",
            "tenant": "clinic",
            "use_case": "general",
            "stage": "input",
            "reason": "system_security.prompt_injection",
            "status": 400,
        },
        {
            "time": "2026-11-02T09:08:00Z",
            "request_id": "req-08",
            "tenant": "bank",
            "use_case": "general",
            "stage": "output",  # a stream a check cut off: status 200, still refused
            "reason": "crime_prevention.prohibited_use",
            "status": 200,
        },
        {
            "time": "2026-11-02T09:09:00Z",
            "request_id": "req-09",
            "tenant": "clinic",
            "use_case": "social-scoring",
            "stage": "call",  # no check decided: the tier is refused
            "reason": "risk_tier.refused",
            "status": 403,
        },
        {
            "time": "2026-11-02T09:12:00Z",
            "request_id": "req-12",
            "tenant": "bank",
            "use_case": "customer-service",
            "stage": "input",
            "reason": "personal_data.blocked_entity",
            "status": 400,
        },
    ]
    page = render_markdown(summary)
    row = "| 2026-11-02T09:09:00Z | req-09 | clinic | social-scoring | call | risk\\_tier.refused | 403 |"
    assert row in page
    # failures that are not refusals (no key, an upstream timeout) are not in the table
    assert "req-11" not in page and "req-13" not in page


def test_attribution_coverage_counts_model_answers_only(summary: dict[str, Any]) -> None:
    # answers: 1 (signed), 2 (unsigned), 6 (stream completed, signed); not: a model list,
    # a health check, embeddings, refusals, a stream the client left, failures
    assert summary["attribution_coverage"] == {"answered": 3, "attributed": 2, "ratio": 0.6667}
    assert summary["not_answers"] == {
        "model list (GET /v1/models)": 2,
        "health check": 1,
        "embeddings (no text to sign)": 1,
        "refused": 4,
        "stream ended early (client_disconnected)": 1,
        "failed": 1,
    }
    assert "Attribution coverage: 2 of 3 model answers signed (66.7%)" in render_markdown(summary)


def test_personal_data_is_counted_by_entity_type_per_stage_apart_from_threat_categories(
    summary: dict[str, Any],
) -> None:
    assert summary["redactions"] == {
        "input": {"PERSON": 2, "HK_ID": 1, "CREDIT_CARD": 1},
        "output": {"PHONE_NUMBER": 1},
    }
    assert summary["findings"] == {"input": {"instruction_override": 1}, "output": {"API_KEY": 1, "malware": 1}}
    page = render_markdown(summary)
    personal = page.split("## Personal data by entity type")[1].split("\n## ")[0]
    assert "separately" in personal and "(input)" in personal and "(output)" in personal
    assert "| PERSON | 2 | 0 | 2 |" in personal and "| PHONE\\_NUMBER | 0 | 1 | 1 |" in personal
    assert "malware" not in personal and "instruction" not in personal and "API\\_KEY" not in personal
    threats = page.split("## Threats, prohibited uses and other findings by category")[1].split("\n## ")[0]
    assert "| malware | 0 | 1 | 1 |" in threats and "| instruction\\_override | 1 | 0 | 1 |" in threats


def test_headings_are_in_english_and_traditional_chinese(summary: dict[str, Any]) -> None:
    page = render_markdown(summary)
    headings = [line for line in page.splitlines() if line.startswith("#")]
    assert headings and all(re.search(r" / .*[\u4e00-\u9fff]", h) for h in headings), headings
    assert "## Refused calls / 被拒絕的調用" in page


def test_the_call_refusals_match_the_runtime_reason_codes() -> None:
    assert set(CALL_REFUSALS) >= reasons.CALL_REFUSALS | {reasons.AUDIT_UNAVAILABLE, reasons.UNCHECKED_CONTENT}


def test_the_report_agrees_with_a_count_of_the_raw_records_in_every_format(tmp_path: Path) -> None:
    from tests.audit.test_cli import guardrail_cli

    trail = write_trail(tmp_path)
    raw = [
        json.loads(line)["record"]
        for day in sorted(trail.glob("audit-*.jsonl"))
        for line in day.read_text().splitlines()
        if json.loads(line)["kind"] == "call"
    ]
    per_tenant = Counter(r["tenant"] for r in raw)
    refused = [
        r for r in raw if "deny" in (r.get("input_decision"), r.get("output_decision")) or r.get("status") == 403
    ]
    times = sorted(r["time"] for r in raw)

    result = guardrail_cli("audit", "report", str(trail), "--format", "json")
    assert result.returncode == 0, result.stderr
    summary = json.loads(result.stdout)
    assert summary["integrity"]["intact"] and summary["calls"] == len(raw) == 13
    assert {name: t["calls"] for name, t in summary["tenants"].items()} == per_tenant
    assert [row["request_id"] for row in summary["refused_calls"]["rows"]] == [r["request_id"] for r in refused]
    assert summary["period"]["first_record"] == datetime.fromtimestamp(times[0], UTC).strftime("%Y-%m-%dT%H:%M:%SZ")

    markdown = guardrail_cli("audit", "report", str(trail)).stdout
    html_page = tmp_path / "report.html"
    guardrail_cli("audit", "report", str(trail), "--format", "html", "-o", str(html_page))
    page = html_page.read_text(encoding="utf-8")
    for name, t in summary["tenants"].items():
        figures = [t["calls"], t["answers"], t["refused"], t["redacted"]["input"], t["redacted"]["output"]]
        assert f"| {name} | " + " | ".join(map(str, figures)) + " |" in markdown
        assert f"<th>{name}</th>" + "".join(f"<td class='n'>{n}</td>" for n in figures) in page
    for row in summary["refused_calls"]["rows"]:
        assert row["time"] in markdown and row["time"] in page
