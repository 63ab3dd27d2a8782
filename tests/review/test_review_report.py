"""Review steps in the audit report: entries of their own, not model answers, so the
attribution coverage counts only answers."""

from __future__ import annotations

from guardrail.audit.report import answer_kind

HELD = {"request_id": "c1", "path": "/v1/chat/completions", "status": 200, "review": "held", "attribution_id": "m1"}


def test_a_review_step_is_not_an_answer_and_the_held_call_is() -> None:
    assert answer_kind(HELD) == "answer"
    for action, path in (("approved", "/v1/reviews/rev_1/approved"), ("released", "/v1/reviews/rev_1")):
        step = {"request_id": "s1", "path": path, "status": 200, "review": action, "call_request_id": "c1"}
        assert answer_kind(step).startswith("human review step")
