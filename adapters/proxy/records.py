"""The proxy's audit records: one hash-chained entry per call, never content.

Entries go to ``<data_dir>/audit`` through :class:`~guardrail.audit.FolderStore`, or to
``<data_dir>/audit.sqlite3`` through :class:`~guardrail.audit.SqliteStore` (both safe
across threads and worker processes), with checkpoints signed by the same key
as attribution manifests, so an auditor verifies both with the published JWKS. A
failure to write never fails the call; it is logged as such.
"""

from __future__ import annotations

import sqlite3
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
        if retention_days:
            self.store.purge(retention_days * 86_400)

    def write(self, record: dict[str, Any]) -> None:
        try:
            self.store.append("call", {"time": time.time(), **record})
        except (OSError, sqlite3.Error) as error:
            # A full disk must not fail the call; the log line still says what happened.
            log.warning("audit_record_not_written", error=type(error).__name__)

    def close(self) -> None:
        """Sign the head at shutdown, so a cut-off end is provable up to here."""
        try:
            self.store.checkpoint()
        except (OSError, sqlite3.Error) as error:
            log.warning("audit_checkpoint_not_written", error=type(error).__name__)
