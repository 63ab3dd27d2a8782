"""The review lifecycle: hold, decide (approve, edit, reject) or time out, release.

Every step is an audit entry in the proxy's trail naming the reviewer by id and key
id (a digest prefix, never the key), with its time: a decision, an edit (and an edit
the output checks refused), a timeout, a reviewer shown the originals, and each
delivery of a released answer to its client. A step whose entry cannot be written
does not happen: the decision is undone and the caller gets 503, so the trail never
misses a release. The hold itself is the call's own record (``review: held``).

Timeouts are resolved when a review is next touched (its client polls, a reviewer
lists or decides), at its deadline's time: a review nobody touches stays pending in
the store past its deadline, but nothing can read it as anything but timed out.
"""

from __future__ import annotations

import secrets
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from guardrail.core.context import new_request_id
from guardrail.errors import GuardrailError
from guardrail.review.sealing import Sealer
from guardrail.review.store import ReviewStore, StoredReview
from guardrail.runtime.holds import ReviewSubmission

PENDING, SAMPLED = "pending", "sampled"
OPEN = (PENDING, SAMPLED)
MAX_REASON_CHARS = 2000
Trail = Callable[[dict[str, Any]], bool]
Notify = Callable[[dict[str, Any]], None]


@dataclass(frozen=True, slots=True)
class Reviewer:
    """An authenticated reviewer: ``key_id`` names the key (a digest prefix, never the
    key); ``originals``: whether this reviewer may read requests and answers as the
    client sent and got them, rather than as the model saw them; ``tenants``: the
    tenants whose reviews it sees (a service provider's reviewer for one client firm)."""

    id: str
    key_id: str
    originals: bool = False
    tenants: frozenset[str] | None = None  # None: any tenant

    def reviews(self, review: StoredReview) -> bool:
        """Whether this reviewer may see and decide ``review``."""
        return self.id in review.reviewers and (self.tenants is None or review.tenant in self.tenants)


class ReviewError(GuardrailError):
    """A review request that cannot be served: ``status`` and a stable ``code``."""

    def __init__(self, status: int, code: str, message: str) -> None:
        self.status, self.code = status, code
        super().__init__(message)


@dataclass(frozen=True, slots=True)
class Fetched:
    """What a client polling its review gets: ``status`` 202 (pending), 200 with the
    signed answer, 403 (rejected) or 410 (timed out, withheld)."""

    status: int
    review: StoredReview
    response: dict[str, Any] | None = None
    headers: Mapping[str, str] | None = None
    attribution: Mapping[str, Any] | None = None


@dataclass(frozen=True, slots=True)
class Revision:
    """A reviewer's edit after its re-check and re-signing: the new signed answer and
    what the output checks did to the edit (decision, entity counts)."""

    response: dict[str, Any]
    headers: dict[str, str]
    attribution: dict[str, Any]
    decision: str
    entities: Mapping[str, int]


class EditRefused(GuardrailError):
    """The output checks blocked a reviewer's edit; ``reason`` is their stable code."""

    def __init__(self, reason: str) -> None:
        self.reason = reason
        super().__init__(reason)


Editor = Callable[[StoredReview, Mapping[str, Any]], Revision]


class ReviewDesk:
    """Reviews over one store, sealed with one key, their steps written to ``trail``
    (``CallRecords.write``: ``True`` when the entry is in the trail)."""

    def __init__(
        self,
        store: ReviewStore,
        sealer: Sealer,
        trail: Trail,
        *,
        clock: Callable[[], float] = time.time,
        notify: Notify | None = None,
    ) -> None:
        """``notify`` hears each hold, decision and timeout (a webhook), never content."""
        self.store, self.sealer, self.trail, self.clock = store, sealer, trail, clock
        self.notify = notify

    # -- from the call -------------------------------------------------------------

    def submit(self, submission: ReviewSubmission) -> str:
        """Keep an answer for review (:class:`~guardrail.runtime.holds.Reviews`)."""
        review_id = "rev_" + secrets.token_urlsafe(18)
        context, policy = submission.context, submission.policy
        content = {
            "response": dict(submission.response),
            "headers": dict(submission.headers),
            "attribution": submission.attribution.as_field() if submission.attribution else None,
            "redacted": submission.redacted.as_dict(),
            "original": submission.original.as_dict(),
            # For restoring a reviewer's edit as the answer was: sealed, since a
            # client-chosen conversation id may say more than it should.
            "pseudonyms": sorted(submission.pseudonyms),
            "conversation_id": context.conversation_id,
        }
        now, held = self.clock(), submission.kind == "hold"
        self.store.add(
            StoredReview(
                id=review_id,
                kind=submission.kind,
                status=PENDING if held else SAMPLED,
                request_id=context.request_id,
                path=submission.path,
                tenant=context.tenant,
                principal=context.principal,
                use_case=context.use_case,
                risk_tier=context.risk_tier.value,
                policy=f"{context.policy.id}@{context.policy.version}",
                policy_hash=context.policy.content_hash,
                reviewers=tuple(policy.reviewers),
                on_timeout=policy.on_timeout,
                created=now,
                deadline=now + policy.timeout_seconds,
                sealed=self.sealer.seal(review_id, content),
                released=not held,
            )
        )
        if held:
            self._announce(review_id, "review.held")
        return review_id

    # -- the client ------------------------------------------------------------------

    def fetch(self, review_id: str, tenant: str, principal: str) -> Fetched:
        """The client's poll. Only the key that made the call may poll its review;
        anyone else is told it does not exist."""
        review = self.store.get(review_id)
        if review is None or review.kind != "hold" or (review.tenant, review.principal) != (tenant, principal):
            raise ReviewError(404, "review_not_found", f"no review {review_id!r} for this API key")
        review = self._expire(review)
        if review.status == PENDING:
            return Fetched(202, review)
        if not review.released:
            return Fetched(403 if review.status == "rejected" else 410, review)
        content = self.sealer.open(review.id, review.sealed)
        self._step(review, "released", None, path=f"/v1/reviews/{review.id}")
        headers = {**content["headers"], "x-guardrail-review": review.status}
        return Fetched(200, review, dict(content["response"]), headers, content.get("attribution"))

    # -- reviewers -------------------------------------------------------------------

    def queue(self, reviewer: Reviewer, status: str | None) -> list[dict[str, Any]]:
        """The reviews ``reviewer`` may decide, in ``status`` (``pending``, ``sampled``,
        or any), redacted unless the reviewer may read originals (which is recorded)."""
        statuses = (status,) if status else (PENDING, SAMPLED, "approved", "edited", "rejected", "timed_out")
        for review in self.store.listed((PENDING,)):
            self._expire(review)
        reviews = [r for r in self.store.listed(statuses) if reviewer.reviews(r)]
        if reviewer.originals:  # one entry per review shown, under its own tenant and use case
            for review in reviews:
                self._step(review, "originals_viewed", reviewer, path="/v1/reviews")
        return [self.view(review, reviewer) for review in reviews]

    def one(self, review_id: str, reviewer: Reviewer) -> dict[str, Any]:
        """One review as :meth:`queue` shows it."""
        review = self._expire(self._for(review_id, reviewer))
        if reviewer.originals:
            self._step(review, "originals_viewed", reviewer, path=f"/v1/reviews/{review.id}")
        return self.view(review, reviewer)

    def view(self, review: StoredReview, reviewer: Reviewer) -> dict[str, Any]:
        content = self.sealer.open(review.id, review.sealed)
        shown = "original" if reviewer.originals else "redacted"
        return {
            "id": review.id,
            "kind": review.kind,
            "status": review.status,
            "request_id": review.request_id,
            "tenant": review.tenant,
            "use_case": review.use_case,
            "risk_tier": review.risk_tier,
            "policy": review.policy,
            "created": _iso(review.created),
            "deadline": _iso(review.deadline) if review.kind == "hold" else None,
            "on_timeout": review.on_timeout,
            "decided_at": _iso(review.decided_at) if review.decided_at else None,
            "decided_by": review.decided_by,
            "content": shown,
            **content[shown],
        }

    def approve(self, review_id: str, reviewer: Reviewer, signer: Editor | None = None) -> StoredReview:
        """Approve; for a held answer, ``signer`` (:func:`guardrail.review.edit.approver`)
        states the approval in its manifest before it is released."""
        review = self._decidable(review_id, reviewer)
        if signer is None or review.kind != "hold":
            return self._decide(review, reviewer, "approved", released=True)
        content = self.sealer.open(review.id, review.sealed)
        revision = signer(review, content)
        content.update(response=revision.response, headers=revision.headers, attribution=revision.attribution)
        return self._decide(
            review,
            reviewer,
            "approved",
            released=True,
            sealed=self.sealer.seal(review.id, content),
            attribution_id=revision.attribution["manifest"]["id"],
        )

    def reject(self, review_id: str, reviewer: Reviewer, reason: str) -> StoredReview:
        """Reject with a reason; the reason is kept sealed with the review (it may quote
        the content), the trail has its length and the reviewer."""
        if not reason.strip() or len(reason) > MAX_REASON_CHARS:
            raise ReviewError(
                400, "reason_required", f"a rejection needs a reason (1 to {MAX_REASON_CHARS} characters)"
            )
        review = self._decidable(review_id, reviewer)
        content = {**self.sealer.open(review.id, review.sealed), "rejection_reason": reason}
        sealed = self.sealer.seal(review.id, content)
        return self._decide(
            review, reviewer, "rejected", released=review.kind == "sample", sealed=sealed, reason_chars=len(reason)
        )

    def edit(self, review_id: str, reviewer: Reviewer, editor: Editor) -> StoredReview:
        """Replace a held answer by ``editor``'s re-checked, re-signed revision and
        release it; an edit the checks refuse is recorded and leaves the review pending."""
        review = self._decidable(review_id, reviewer)
        if review.kind != "hold":
            raise ReviewError(
                409, "review_already_released", "a sampled answer was released already; it cannot be edited"
            )
        content = self.sealer.open(review.id, review.sealed)
        try:
            revision = editor(review, content)
        except EditRefused as refused:
            self._step(review, "edit_refused", reviewer, status=422, reason=refused.reason)
            raise ReviewError(
                422, "edit_refused", f"the output checks refused the edit ({refused.reason}); the review stays pending"
            ) from None
        previous = content.get("attribution") or {}
        content.update(response=revision.response, headers=revision.headers, attribution=revision.attribution)
        content["original"] = {**content["original"], "answer": [c["message"] for c in revision.response["choices"]]}
        return self._decide(
            review,
            reviewer,
            "edited",
            released=True,
            sealed=self.sealer.seal(review.id, content),
            attribution_id=revision.attribution["manifest"]["id"],
            content_hash=revision.attribution["manifest"]["content"]["hash"],
            replaces=(previous.get("manifest") or {}).get("id"),
            output_decision=revision.decision,
            output_entities=dict(revision.entities),
        )

    # -- steps -------------------------------------------------------------------------

    def _for(self, review_id: str, reviewer: Reviewer) -> StoredReview:
        review = self.store.get(review_id)
        if review is None or (reviewer.tenants is not None and review.tenant not in reviewer.tenants):
            raise ReviewError(404, "review_not_found", f"no review {review_id!r}")
        if not reviewer.reviews(review):
            raise ReviewError(
                403,
                "not_a_reviewer_for_use_case",
                f"reviewer {reviewer.id!r} does not review use case {review.use_case!r}",
            )
        return review

    def _decidable(self, review_id: str, reviewer: Reviewer) -> StoredReview:
        review = self._expire(self._for(review_id, reviewer))
        if review.status == "timed_out":
            raise ReviewError(410, "review_timed_out", "the review timed out before this decision")
        if review.status not in OPEN:
            raise ReviewError(409, "review_already_decided", f"the review was {review.status} already")
        return review

    def _decide(
        self,
        review: StoredReview,
        reviewer: Reviewer,
        status: str,
        *,
        released: bool,
        sealed: bytes | None = None,
        **evidence: Any,
    ) -> StoredReview:
        decided = review.with_changes(
            status=status,
            released=released,
            decided_at=self.clock(),
            decided_by=reviewer.id,
            sealed=sealed if sealed is not None else review.sealed,
        )
        if not self.store.change(review.id, review.status, decided):
            raise ReviewError(409, "review_already_decided", "another decision on this review came first")
        try:
            self._step(decided, status, reviewer, **evidence)
        except ReviewError:
            self.store.change(review.id, status, review)  # undone: the trail must have every decision
            raise
        self._announce(review.id, "review.decided")
        return decided

    def _expire(self, review: StoredReview) -> StoredReview:
        """A pending review past its deadline, timed out (withheld or released as its
        policy said) and recorded once."""
        if review.status != PENDING or self.clock() < review.deadline:
            return review
        timed_out = review.with_changes(
            status="timed_out", released=review.on_timeout == "release", decided_at=review.deadline
        )
        if self.store.change(review.id, PENDING, timed_out):
            self._step(timed_out, "timed_out", None, on_timeout=review.on_timeout, quiet=True)
            self._announce(review.id, "review.timed_out")
            return timed_out
        return self.store.get(review.id) or timed_out

    def _step(
        self,
        review: StoredReview,
        action: str,
        reviewer: Reviewer | None,
        *,
        status: int = 200,
        path: str | None = None,
        quiet: bool = False,
        **evidence: Any,
    ) -> None:
        """One audit entry for one step; raises a 503 when the trail did not take it
        (unless ``quiet``: a timeout is resolved the same whoever reads it next)."""
        entry: dict[str, Any] = {
            "request_id": new_request_id(),
            "path": path or f"/v1/reviews/{review.id}/{action}",
            "status": status,
            "duration_ms": 0.0,
            "tenant": review.tenant,
            "use_case": review.use_case,
            "risk_tier": review.risk_tier,
            "policy": review.policy,
            "policy_hash": review.policy_hash,
            "review": action,
            "review_id": review.id,
            "call_request_id": review.request_id,
            "at": _iso(self.clock()),
            "held_at": _iso(review.created),
        }
        if reviewer is not None:
            entry.update(reviewer=reviewer.id, reviewer_key=reviewer.key_id)
        entry.update({k: v for k, v in evidence.items()})
        entry = {k: v for k, v in entry.items() if v is not None}
        if not self.trail(entry) and not quiet:
            raise ReviewError(503, "audit_unavailable", "the audit trail did not take this step's record; try again")

    def _announce(self, review_id: str, event: str) -> None:
        """Tell ``notify`` where a review stands: ids, states and times, never content."""
        if self.notify is None:
            return
        review = self.store.get(review_id)
        if review is None:
            return
        self.notify(
            {
                "event": event,
                "review_id": review.id,
                "status": review.status,
                "released": review.released,
                "kind": review.kind,
                "request_id": review.request_id,
                "tenant": review.tenant,
                "use_case": review.use_case,
                "risk_tier": review.risk_tier,
                "reviewers": list(review.reviewers),
                "decided_by": review.decided_by,
                "deadline": _iso(review.deadline),
                "location": f"/v1/reviews/{review.id}",
                "at": _iso(self.clock()),
            }
        )


def _iso(moment: float) -> str:
    return datetime.fromtimestamp(moment, UTC).isoformat(timespec="milliseconds")
