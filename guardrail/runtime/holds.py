"""The seam between a guarded call and human review.

A use case whose policy says ``review: {mode: hold}`` has its answer checked, restored,
labelled and signed as any other, then handed to a :class:`Reviews` service instead of
the client; the client gets a :class:`~guardrail.runtime.call.Held` outcome naming the
review. Under ``sample`` the answer is released and a share of them is handed over too,
for quality review after release. The service (``guardrail.review``) keeps the answer
encrypted and releases it when a reviewer approves; the call only knows this protocol.
"""

from __future__ import annotations

import secrets
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from guardrail.attribution.manifest import Attribution
from guardrail.core.chat import Message
from guardrail.core.context import CallContext
from guardrail.policy.model import ReviewPolicy

REVIEW_HEADER = "x-guardrail-review"
REVIEW_ID_HEADER = "x-guardrail-review-id"
STREAM_UNDER_HOLD = "review_hold_no_stream"
HOLD_UNSUPPORTED = "review_hold_unsupported"


@dataclass(frozen=True, slots=True)
class ReviewContent:
    """What a reviewer reads: the request and the answer's messages."""

    request: Sequence[Message]
    answer: Sequence[Message]

    def as_dict(self) -> dict[str, Any]:
        return {"request": list(self.request), "answer": list(self.answer)}


@dataclass(frozen=True, slots=True)
class ReviewSubmission:
    """One answer for review. ``kind``: ``hold`` (not released until decided) or
    ``sample`` (already released). ``response``, ``headers`` and ``attribution`` are the
    signed answer exactly as the client would get it. ``redacted`` is what the model
    saw and said (pseudonyms and placeholders, output redactions applied); ``original``
    the client's request and the restored answer, shown only to reviewers allowed
    originals. ``pseudonyms`` are those the call introduced, restorable in a reviewer's
    edit as in the answer."""

    kind: str
    path: str
    context: CallContext
    policy: ReviewPolicy
    response: Mapping[str, Any]
    headers: Mapping[str, str]
    attribution: Attribution | None
    redacted: ReviewContent
    original: ReviewContent
    pseudonyms: frozenset[str] = frozenset()


class Reviews(Protocol):
    """Where answers for review go; ``submit`` returns the review id."""

    def submit(self, submission: ReviewSubmission) -> str: ...


def sampled(percent: float) -> bool:
    """Whether this answer is in the ``percent`` share queued for review."""
    return percent >= 100 or secrets.randbelow(10_000) < round(percent * 100)
