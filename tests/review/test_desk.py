"""The review lifecycle without HTTP: one decision wins, a step the trail did not take
does not happen, timeouts resolve once, and nothing but the calling key may poll."""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Any

import pytest

from guardrail.policy import load_policy
from guardrail.policy.model import ReviewPolicy
from guardrail.review import ReviewDesk, Reviewer, ReviewError, Sealer, SqliteReviewStore
from guardrail.runtime import Guard
from guardrail.runtime.holds import ReviewContent, ReviewSubmission

POLICY = Path(__file__).parents[1] / "adapters" / "policies" / "review-hold.yaml"
ALICE, BOB = Reviewer("alice", "a" * 16), Reviewer("bob", "b" * 16, originals=True)


class Trail:
    def __init__(self) -> None:
        self.entries: list[dict[str, Any]] = []
        self.working = True

    def __call__(self, entry: dict[str, Any]) -> bool:
        if self.working:
            self.entries.append(entry)
        return self.working


class Clock:
    def __init__(self) -> None:
        self.now = 1_000_000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def desk(tmp_path: Path) -> ReviewDesk:
    return ReviewDesk(SqliteReviewStore(tmp_path / "reviews.sqlite3"), Sealer(b"k" * 32), Trail(), clock=Clock())


@functools.cache
def review_guard() -> Guard:
    return Guard(load_policy(str(POLICY)))


def submit(desk: ReviewDesk, kind: str = "hold", on_timeout: str = "withhold") -> str:
    guard = review_guard()
    context = guard.context(use_case="advice", tenant="bank", principal="p1")
    policy = ReviewPolicy(mode="hold", reviewers=["alice", "bob"], timeout_seconds=60, on_timeout=on_timeout)
    answer = {"choices": [{"index": 0, "message": {"role": "assistant", "content": "Call 6123 9876"}}]}
    return desk.submit(
        ReviewSubmission(
            kind,
            "/v1/chat/completions",
            context,
            policy,
            answer,
            {"x-guardrail-policy": "review-hold@1.0.0"},
            None,
            redacted=ReviewContent([{"role": "user", "content": "<PHONE_NUMBER_1>"}], []),
            original=ReviewContent([{"role": "user", "content": "6123 9876"}], []),
        )
    )


def trail(desk: ReviewDesk) -> list[dict[str, Any]]:
    assert isinstance(desk.trail, Trail)
    return desk.trail.entries


def test_the_first_decision_wins(desk: ReviewDesk) -> None:
    review_id = submit(desk)
    desk.approve(review_id, ALICE)
    with pytest.raises(ReviewError) as late:
        desk.reject(review_id, BOB, "too late")
    assert (late.value.status, late.value.code) == (409, "review_already_decided")
    assert [e["review"] for e in trail(desk)] == ["approved"]


def test_a_decision_the_trail_did_not_take_is_undone(desk: ReviewDesk) -> None:
    review_id = submit(desk)
    assert isinstance(desk.trail, Trail)
    desk.trail.working = False
    with pytest.raises(ReviewError) as refused:
        desk.approve(review_id, ALICE)
    assert (refused.value.status, refused.value.code) == (503, "audit_unavailable")
    assert desk.fetch(review_id, "bank", "p1").status == 202  # still pending
    desk.trail.working = True
    desk.approve(review_id, ALICE)
    assert desk.fetch(review_id, "bank", "p1").status == 200


def test_only_the_calling_key_polls_and_a_sample_is_not_polled(desk: ReviewDesk) -> None:
    review_id, sampled = submit(desk), submit(desk, "sample")
    for tenant, principal in (("bank", "p2"), ("other", "p1")):
        with pytest.raises(ReviewError, match="no review"):
            desk.fetch(review_id, tenant, principal)
    with pytest.raises(ReviewError, match="no review"):
        desk.fetch(sampled, "bank", "p1")


def test_a_timeout_resolves_once_at_its_deadline(desk: ReviewDesk) -> None:
    withheld, released = submit(desk), submit(desk, on_timeout="release")
    assert isinstance(desk.clock, Clock)
    desk.clock.now += 61
    assert desk.fetch(withheld, "bank", "p1").status == 410
    assert desk.fetch(withheld, "bank", "p1").status == 410
    fetched = desk.fetch(released, "bank", "p1")
    assert fetched.status == 200 and fetched.review.decided_at == fetched.review.deadline
    timeouts = [e for e in trail(desk) if e["review"] == "timed_out"]
    assert sorted(e["on_timeout"] for e in timeouts) == ["release", "withhold"] and all(
        "reviewer" not in e for e in timeouts
    )
    with pytest.raises(ReviewError) as late:
        desk.approve(withheld, ALICE)
    assert late.value.status == 410


def test_the_queue_is_redacted_unless_the_reviewer_may_read_originals(desk: ReviewDesk) -> None:
    review_id = submit(desk)
    (redacted,) = desk.queue(ALICE, "pending")
    assert redacted["content"] == "redacted" and "6123" not in str(redacted)
    assert not [e for e in trail(desk) if e["review"] == "originals_viewed"]
    (original,) = desk.queue(BOB, "pending")
    assert original["content"] == "original" and "6123 9876" in str(original)
    (viewed,) = [e for e in trail(desk) if e["review"] == "originals_viewed"]
    assert viewed["review_id"] == review_id and viewed["reviewer"] == "bob" and "6123" not in str(viewed)
    assert viewed["tenant"] == "bank" and viewed["path"] == "/v1/reviews"


def test_a_rejection_needs_a_reason(desk: ReviewDesk) -> None:
    review_id = submit(desk)
    for reason in ("", "   ", "x" * 2001):
        with pytest.raises(ReviewError) as refused:
            desk.reject(review_id, ALICE, reason)
        assert refused.value.code == "reason_required"


def test_a_reviewer_kept_to_some_tenants_neither_sees_nor_decides_another_tenants_reviews(desk: ReviewDesk) -> None:
    review_id = submit(desk)  # tenant "bank"
    elsewhere = Reviewer("alice", "a" * 16, tenants=frozenset({"insurer"}))
    assert desk.queue(elsewhere, None) == []
    with pytest.raises(ReviewError) as refused:
        desk.approve(review_id, elsewhere)
    assert (refused.value.status, refused.value.code) == (404, "review_not_found")
    at_bank = Reviewer("alice", "a" * 16, tenants=frozenset({"bank"}))
    assert [r["id"] for r in desk.queue(at_bank, "pending")] == [review_id]
    assert desk.approve(review_id, at_bank).status == "approved"
