"""Human review of held and sampled answers.

A use case whose policy says ``review: {mode: hold}`` has its checked, signed answer
kept here, encrypted, until a reviewer approves, edits or rejects it (or its timeout
passes); ``sample`` queues a share of released answers for quality review. The call
hands answers over through :class:`~guardrail.runtime.holds.Reviews`; the proxy's
endpoints (``guardrail.adapters.proxy.reviews``) read and decide them through
:class:`~guardrail.review.desk.ReviewDesk`.

Modules: :mod:`.sealing` (the key and AES-GCM), :mod:`.store` (where reviews are kept,
behind :class:`~guardrail.review.store.ReviewStore`), :mod:`.desk` (the review
lifecycle and its audit events), :mod:`.edit` (a reviewer's edit, re-checked and
re-signed).
"""

from guardrail.review.desk import ReviewDesk, Reviewer, ReviewError
from guardrail.review.sealing import Sealer, review_key
from guardrail.review.store import ReviewStore, SqliteReviewStore, StoredReview

__all__ = [
    "ReviewDesk",
    "ReviewError",
    "ReviewStore",
    "Reviewer",
    "Sealer",
    "SqliteReviewStore",
    "StoredReview",
    "review_key",
]
