"""A finished call's record as the audit trail and the log take it: flat, without empty
fields, and a copy of the record's own data, not a view of it."""

from __future__ import annotations

from typing import Any

from guardrail.runtime.record import CallRecord, StageEvidence


def _record(**fields: Any) -> CallRecord:
    return CallRecord(request_id="r-1", path="/v1/chat/completions", status=200, duration_ms=12.5, **fields)


def test_empty_fields_are_left_out_and_stages_are_flattened() -> None:
    record = _record(
        checks=({"name": "personal-data", "decision": "transform"},),
        input=StageEvidence(decision="transform", entities={"PERSON": 2}),
    )
    flat = record.as_dict()
    assert flat == {
        "request_id": "r-1",
        "path": "/v1/chat/completions",
        "status": 200,
        "duration_ms": 12.5,
        "tenant": "default",
        "checks": [{"name": "personal-data", "decision": "transform"}],
        "input_entities": {"PERSON": 2},
        "input_decision": "transform",
    }
    assert list(flat)[:4] == ["request_id", "path", "status", "duration_ms"]  # the dataclass's order


def test_the_trail_gets_copies_and_the_log_no_redacted_content() -> None:
    kept = [{"role": "user", "content": "Call <PERSON_1>"}]
    record = _record(checks=({"name": "secrets"},), redacted_request=kept)
    flat = record.as_dict()
    flat["redacted_request"][0]["content"] = "changed"
    flat["checks"][0]["name"] = "changed"
    assert kept[0]["content"] == "Call <PERSON_1>" and record.checks[0]["name"] == "secrets"
    assert "redacted_request" not in record.for_log() and "redacted_request" in record.as_dict()
