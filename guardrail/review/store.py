"""Where reviews are kept: metadata in the clear, content sealed.

:class:`ReviewStore` is what the desk needs; :class:`SqliteReviewStore` keeps reviews
in ``<data_dir>/reviews.sqlite3``, which survives a restart (a held answer must not
vanish with the process that held it) and is shared by the worker processes of one
host. Instances on several hosts need a shared store (PostgreSQL or Redis) behind the
same protocol, with the same ``GUARDRAIL_REVIEW_KEY`` everywhere.

A decision is a compare-and-set on the status (:meth:`ReviewStore.change`), so two
reviewers deciding one review at once cannot both win.
"""

from __future__ import annotations

import json
import sqlite3
import threading
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path
from typing import Any, Protocol

REVIEWS_FILE = "reviews.sqlite3"


@dataclass(frozen=True, slots=True)
class StoredReview:
    """One review. ``status``: ``pending`` (held, undecided), ``sampled`` (released,
    undecided), ``approved``, ``edited``, ``rejected`` or ``timed_out``; ``sealed`` the
    encrypted content (:mod:`guardrail.review.sealing`), the only field with content."""

    id: str
    kind: str  # hold | sample
    status: str
    request_id: str
    path: str
    tenant: str
    principal: str
    use_case: str
    risk_tier: str
    policy: str
    policy_hash: str
    reviewers: tuple[str, ...]
    on_timeout: str
    created: float
    deadline: float
    sealed: bytes
    decided_at: float | None = None
    decided_by: str | None = None
    released: bool = False
    extra: Mapping[str, Any] = field(default_factory=dict)

    def with_changes(self, **changes: Any) -> StoredReview:
        return replace(self, **changes)


class ReviewStore(Protocol):
    """What the desk needs of a store."""

    def add(self, review: StoredReview) -> None: ...

    def get(self, review_id: str) -> StoredReview | None: ...

    def change(self, review_id: str, expected_status: str, updated: StoredReview) -> bool:
        """Replace the review if its status is still ``expected_status``."""
        ...

    def listed(self, statuses: tuple[str, ...]) -> list[StoredReview]:
        """Reviews in any of ``statuses``, oldest first."""
        ...


class SqliteReviewStore:
    """Reviews in one SQLite file (WAL), safe across threads and processes."""

    def __init__(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        self.path = path
        self._local = threading.local()
        with self._connection() as db:
            db.execute(
                "CREATE TABLE IF NOT EXISTS reviews (id TEXT PRIMARY KEY, status TEXT NOT NULL, "
                "created REAL NOT NULL, meta TEXT NOT NULL, sealed BLOB NOT NULL)"
            )
            db.execute("CREATE INDEX IF NOT EXISTS reviews_status ON reviews (status, created)")
        path.chmod(0o600)

    @contextmanager
    def _connection(self) -> Iterator[sqlite3.Connection]:
        db: sqlite3.Connection | None = getattr(self._local, "db", None)
        if db is None:
            db = sqlite3.connect(self.path, timeout=10, isolation_level=None)
            db.execute("PRAGMA journal_mode=WAL")
            self._local.db = db
        yield db

    def add(self, review: StoredReview) -> None:
        with self._connection() as db:
            db.execute(
                "INSERT INTO reviews (id, status, created, meta, sealed) VALUES (?, ?, ?, ?, ?)",
                (review.id, review.status, review.created, _meta(review), review.sealed),
            )

    def get(self, review_id: str) -> StoredReview | None:
        with self._connection() as db:
            row = db.execute("SELECT meta, sealed FROM reviews WHERE id = ?", (review_id,)).fetchone()
        return None if row is None else _review(row[0], row[1])

    def change(self, review_id: str, expected_status: str, updated: StoredReview) -> bool:
        with self._connection() as db:
            cursor = db.execute(
                "UPDATE reviews SET status = ?, meta = ?, sealed = ? WHERE id = ? AND status = ?",
                (updated.status, _meta(updated), updated.sealed, review_id, expected_status),
            )
        return cursor.rowcount == 1

    def listed(self, statuses: tuple[str, ...]) -> list[StoredReview]:
        marks = ",".join("?" * len(statuses))
        with self._connection() as db:
            rows = db.execute(
                f"SELECT meta, sealed FROM reviews WHERE status IN ({marks}) ORDER BY created",  # only "?" marks are formatted in
                statuses,
            ).fetchall()
        return [_review(meta, sealed) for meta, sealed in rows]


def _meta(review: StoredReview) -> str:
    data = asdict(review)
    del data["sealed"]
    data["extra"] = dict(review.extra)
    return json.dumps(data, separators=(",", ":"))


def _review(meta: str, sealed: bytes) -> StoredReview:
    data = json.loads(meta)
    data["reviewers"] = tuple(data["reviewers"])
    return StoredReview(sealed=bytes(sealed), **data)
