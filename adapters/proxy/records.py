"""The proxy's audit records: one hash-chained entry per call, never content.

Entries go to ``<data_dir>/audit`` through :class:`~guardrail.audit.FolderStore`, or to
``<data_dir>/audit.sqlite3`` through :class:`~guardrail.audit.SqliteStore` (both safe
across threads and worker processes), with checkpoints signed by the same key
as attribution manifests, so an auditor verifies both with the published JWKS.

A record that cannot be written (a full disk, a broken mount) is logged, counted and
never raises: whether the call still gets its answer is the policy's choice
(``audit.on_write_error``). The first entry written after such failures is a ``gap``
entry saying how many records were lost and since when, so the trail itself shows
the hole rather than hiding it.
"""

from __future__ import annotations

import sqlite3
import threading
import time
from pathlib import Path
from typing import Any

import structlog

from guardrail.attribution.jws import sign
from guardrail.attribution.keys import SigningKey
from guardrail.audit import AuditStore, FolderStore, SqliteStore

log = structlog.get_logger("guardrail.proxy")


SQLITE_FILE = "audit.sqlite3"


def audit_location(data_dir: Path, store: str) -> Path:
    """Where a data folder keeps its trail: ``audit/`` (folder store) or ``audit.sqlite3``.

    :class:`CallRecords` picks the store from this path, so the two cannot disagree.
    """
    return data_dir / (SQLITE_FILE if store == "sqlite" else "audit")


class CallRecords:
    """Appends call records to the audit chain; never raises into a call."""

    def __init__(self, path: Path, key: SigningKey, *, retention_days: float | None = None) -> None:
        store_type = SqliteStore if path.name == SQLITE_FILE else FolderStore
        self.store: AuditStore = store_type(path, signer=lambda head: sign(head, key.private, key.kid))
        self._lock = threading.Lock()
        self._lost = 0  # records not written since the last successful append
        self._lost_since: float | None = None
        if retention_days:
            self.store.purge(retention_days * 86_400)

    @property
    def failing(self) -> bool:
        """Whether the last attempt to write failed (and no write has succeeded since)."""
        return self._lost > 0

    def write(self, record: dict[str, Any]) -> bool:
        """Append a call record; ``False`` if it could not be written (never raises)."""
        return self._append("call", {"time": time.time(), **record})

    def recover(self) -> bool:
        """After failures: write the ``gap`` entry now, if the trail takes it again."""
        return not self.failing or self._append(None, {})

    def _append(self, kind: str | None, record: dict[str, Any]) -> bool:
        with self._lock:
            try:
                if self._lost:
                    self.store.append("gap", {"records_lost": self._lost, "since": self._lost_since,
                                              "until": time.time()})
                    self._lost, self._lost_since = 0, None
                if kind is not None:
                    self.store.append(kind, record)
                return True
            except (OSError, sqlite3.Error) as error:
                self._lost += kind is not None
                self._lost_since = self._lost_since or time.time()
                log.warning("audit_record_not_written", error=type(error).__name__, records_lost=self._lost)
                return False

    def close(self) -> None:
        """Sign the head at shutdown, so a cut-off end is provable up to here."""
        try:
            self.store.checkpoint()
        except (OSError, sqlite3.Error) as error:
            log.warning("audit_checkpoint_not_written", error=type(error).__name__)
