"""The audit trail in one SQLite file, for deployments that prefer a database.

The same chain as :class:`~guardrail.audit.FolderStore` (entries built by
:func:`~guardrail.audit.chain.next_entries`, the same canonical lines), kept in a
table in insertion order. Appends from any number of threads and worker processes
take SQLite's write lock first (``BEGIN IMMEDIATE``), then read the head, seal and
insert, so no sequence number is used twice. The head and the latest checkpoint are
kept in a second table, as the folder keeps ``head.json`` and ``checkpoint.json``,
so a verifier can tell a cut-off end.

``durability``: ``"record"`` commits with ``synchronous=FULL`` (the WAL is fsynced at
every commit); ``"batch"`` with ``synchronous=NORMAL`` and a WAL checkpoint (which
fsyncs) once ``sync_window`` seconds have passed since the last one, on the next
append or on :meth:`SqliteStore.sync`. A full disk fails the transaction, which is
rolled back whole: the entry is not there and the caller is told.

Rows hold the exact line a folder would hold, so editing a row's text breaks its hash
just as editing a line does, and ``ORDER BY id`` is the order entries were written.
"""

from __future__ import annotations

import json
import os
import sqlite3
from collections.abc import Iterator
from contextlib import closing, contextmanager
from pathlib import Path
from typing import Any, Unpack

from guardrail.audit.chain import GENESIS, checkpoint, line, next_entries, seal
from guardrail.audit.store import ChainOptions, ChainStore, Decide

SCHEMA = """
CREATE TABLE IF NOT EXISTS entries (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    time REAL NOT NULL,
    line TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS meta (name TEXT PRIMARY KEY, data TEXT NOT NULL);
"""
BUSY_TIMEOUT_SECONDS = 30.0


class SqliteStore(ChainStore):
    """An :class:`~guardrail.audit.AuditStore` in one SQLite file (WAL mode)."""

    def __init__(self, path: Path, **options: Unpack[ChainOptions]) -> None:
        super().__init__(**options)
        self.path = path
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        self._last_sync = self._clock()
        if not path.exists():
            # Created owner-only; SQLite gives its -wal and -shm files the same mode.
            os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
        with closing(self._connect()) as connection:
            connection.execute("PRAGMA journal_mode=WAL")
            connection.executescript(SCHEMA)
        path.chmod(0o600)

    def append(self, kind: str, record: dict[str, Any]) -> dict[str, Any]:
        with self._transaction() as connection:
            now = self._clock()
            written = next_entries(_head(connection), kind, now, record, self._signer, self._every)
            _insert(connection, written)
        self._after(written)
        return written[0]

    def checkpoint(self) -> dict[str, Any] | None:
        if self._signer is None:
            return None
        with self._transaction() as connection:
            seq, prev = _head(connection)
            if seq == 0:
                return None
            entry = checkpoint(seq, prev, self._clock(), self._signer, self._every)
            _insert(connection, [entry])
        self._after([entry])
        return entry

    def amend(self, decide: Decide) -> list[dict[str, Any]]:
        with self._transaction() as connection:
            now = self._clock()
            head = _head(connection)
            rows = connection.execute("SELECT line FROM entries ORDER BY id")
            wanted = decide(str(text).encode("utf-8") + b"\n" for (text,) in rows)
            written: list[dict[str, Any]] = []
            for kind, record in wanted:
                written += next_entries(head, kind, now, record, self._signer, self._every)
                head = (int(written[-1]["seq"]), str(written[-1]["hash"]))
            if written:
                _insert(connection, written)
        self._after(written)
        return written

    def sync(self) -> None:
        with closing(self._connect()) as connection:
            connection.execute("PRAGMA wal_checkpoint(PASSIVE)")
        self._last_sync = self._clock()

    def repair(self) -> dict[str, Any] | None:
        """Nothing to do: SQLite rolls back a torn transaction itself."""
        return None

    def _after(self, written: list[dict[str, Any]]) -> None:
        """The batch flush when due; new checkpoints to the hook (witnesses)."""
        checkpoints = [entry for entry in written if entry["kind"] == "checkpoint"]
        if self.durability == "batch" and (checkpoints or self._clock() - self._last_sync >= self.sync_window):
            self.sync()
        self._announce(checkpoints)

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
            record = {
                "first_kept_seq": first["seq"],
                "first_kept_prev": first["prev"],
                "entries_deleted": deleted,
                "older_than": cutoff,
            }
            _insert(connection, [seal(seq + 1, prev, "purge", now, record)])
            return int(deleted)

    def _connect(self) -> sqlite3.Connection:
        # Autocommit mode: transactions are begun explicitly, with the write lock.
        connection = sqlite3.connect(self.path, timeout=BUSY_TIMEOUT_SECONDS, isolation_level=None)
        connection.execute(f"PRAGMA synchronous={'FULL' if self.durability == 'record' else 'NORMAL'}")
        return connection

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
