"""The audit trail in one SQLite file, for deployments that prefer a database.

The same chain as :class:`~guardrail.audit.FolderStore` (entries built by
:func:`~guardrail.audit.chain.next_entries`, the same canonical lines), kept in a
table in insertion order. Appends from any number of threads and worker processes
take SQLite's write lock first (``BEGIN IMMEDIATE``), then read the head, seal and
insert, so no sequence number is used twice. The head and the latest checkpoint are
kept in a second table, as the folder keeps ``head.json`` and ``checkpoint.json``,
so a verifier can tell a cut-off end.

Rows hold the exact line a folder would hold, so editing a row's text breaks its hash
just as editing a line does, and ``ORDER BY id`` is the order entries were written.
"""

from __future__ import annotations

import json
import sqlite3
import time
from collections.abc import Callable, Iterator
from contextlib import closing, contextmanager
from pathlib import Path
from typing import Any

from guardrail.audit.chain import GENESIS, Signer, checkpoint, line, next_entries, seal
from guardrail.audit.store import CHECKPOINT_EVERY

SCHEMA = """
CREATE TABLE IF NOT EXISTS entries (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    time REAL NOT NULL,
    line TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS meta (name TEXT PRIMARY KEY, data TEXT NOT NULL);
"""
BUSY_TIMEOUT_SECONDS = 30.0


class SqliteStore:
    """An :class:`~guardrail.audit.AuditStore` in one SQLite file (WAL mode)."""

    def __init__(
        self,
        path: Path,
        *,
        signer: Signer | None = None,
        checkpoint_every: int = CHECKPOINT_EVERY,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self.path = path
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        self._signer = signer
        self._every = checkpoint_every
        self._clock = clock
        with closing(self._connect()) as connection:
            connection.execute("PRAGMA journal_mode=WAL")
            connection.executescript(SCHEMA)
        path.chmod(0o600)

    def append(self, kind: str, record: dict[str, Any]) -> dict[str, Any]:
        with self._transaction() as connection:
            now = self._clock()
            written = next_entries(_head(connection), kind, now, record, self._signer, self._every)
            _insert(connection, written)
            return written[0]

    def checkpoint(self) -> dict[str, Any] | None:
        if self._signer is None:
            return None
        with self._transaction() as connection:
            seq, prev = _head(connection)
            if seq == 0:
                return None
            entry = checkpoint(seq, prev, self._clock(), self._signer)
            _insert(connection, [entry])
            return entry

    def purge(self, max_age_seconds: float) -> int:
        """Delete entries older than the age (never the newest), then record the purge."""
        cutoff = self._clock() - max_age_seconds
        with self._transaction() as connection:
            newest = connection.execute("SELECT max(id) FROM entries").fetchone()[0]
            if newest is None:
                return 0
            deleted = connection.execute("DELETE FROM entries WHERE time < ? AND id < ?", (cutoff, newest)).rowcount
            if not deleted:
                return 0
            first = json.loads(connection.execute("SELECT line FROM entries ORDER BY id LIMIT 1").fetchone()[0])
            seq, prev = _head(connection)
            now = self._clock()
            record = {"first_kept_seq": first["seq"], "first_kept_prev": first["prev"],
                      "entries_deleted": deleted, "older_than": cutoff}
            _insert(connection, [seal(seq + 1, prev, "purge", now, record)])
            return int(deleted)

    def _connect(self) -> sqlite3.Connection:
        # Autocommit mode: transactions are begun explicitly, with the write lock.
        return sqlite3.connect(self.path, timeout=BUSY_TIMEOUT_SECONDS, isolation_level=None)

    @contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        with closing(self._connect()) as connection:
            connection.execute("BEGIN IMMEDIATE")
            try:
                yield connection
            except BaseException:
                connection.execute("ROLLBACK")
                raise
            connection.execute("COMMIT")


def _head(connection: sqlite3.Connection) -> tuple[int, str]:
    row = connection.execute("SELECT line FROM entries ORDER BY id DESC LIMIT 1").fetchone()
    if row is None:
        return 0, GENESIS
    entry = json.loads(row[0])
    return int(entry["seq"]), str(entry["hash"])


def _insert(connection: sqlite3.Connection, entries: list[dict[str, Any]]) -> None:
    connection.executemany(
        "INSERT INTO entries (time, line) VALUES (?, ?)",
        [(entry["time"], line(entry).decode("utf-8").rstrip("\n")) for entry in entries],
    )
    last = entries[-1]
    _put(connection, "head", {"seq": last["seq"], "hash": last["hash"]})
    for entry in entries:
        if entry["kind"] == "checkpoint":
            _put(connection, "checkpoint", entry["record"])


def _put(connection: sqlite3.Connection, name: str, data: dict[str, Any]) -> None:
    connection.execute("INSERT OR REPLACE INTO meta (name, data) VALUES (?, ?)", (name, json.dumps(data)))
