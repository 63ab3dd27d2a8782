"""The proxy's audit records: one hash-chained entry per call, never content.

Entries go to ``<data_dir>/audit`` through :class:`~guardrail.audit.FolderStore`, to
``<data_dir>/audit.sqlite3`` through :class:`~guardrail.audit.SqliteStore` (both safe
across threads and worker processes), or to PostgreSQL at ``$GUARDRAIL_DATABASE_URL``
through :class:`~guardrail.audit.postgres_store.PostgresStore` (one chain for any number
of instances on any number of machines), with signed checkpoints every N entries and at
shutdown. Checkpoints are signed with the key :class:`~guardrail.audit.settings.TrailSettings`
names (kept apart from the data folder), or by default with the attribution key,
and each is also sent to the configured witnesses.

A call the upstream may see is begun with an ``intent`` entry (:meth:`CallRecords.begin`)
and completed by its record (:meth:`CallRecords.write`). At start-up, intents left
open by a writer process that is gone are closed as ``interrupted``, and a torn
tail is cut with a ``gap`` entry.

A record that cannot be written (a full disk, a broken mount, a database away) is logged, counted and
never raises: whether the call still gets its answer is the policy's choice
(``audit.on_write_error``). The first entry written after such failures is a ``gap``
entry saying how many records were lost, since when, and their request ids, so the
trail itself shows the hole rather than hiding it.
"""

from __future__ import annotations

import contextlib
import json
import sqlite3
import threading
import time
from pathlib import Path
from typing import Any

import structlog

from guardrail.attribution.jws import sign
from guardrail.attribution.keys import SigningKey
from guardrail.audit import AuditStore, FolderStore, SqliteStore
from guardrail.audit.chain import Signer
from guardrail.audit.intents import close_dead, writer
from guardrail.audit.keys import checkpoint_key
from guardrail.audit.settings import TrailSettings
from guardrail.audit.store import CheckpointHook
from guardrail.audit.witness import FileWitness, HttpWitness, Witness, WitnessRelay

log = structlog.get_logger("guardrail.proxy")


SQLITE_FILE = "audit.sqlite3"
# Not a file: the name that tells CallRecords to use PostgreSQL (the data folder still
# holds the keys and checkpoint-jwks.json).
POSTGRES_TRAIL = "audit.postgres"
CHECKPOINT_JWKS = "checkpoint-jwks.json"
MAX_LOST_IDS = 1000  # request ids a gap entry lists; beyond, only the count


def audit_location(data_dir: Path, store: str) -> Path:
    """Where a data folder keeps its trail: ``audit/`` (folder store), ``audit.sqlite3``,
    or ``audit.postgres`` (no file: the trail is in PostgreSQL, at ``$GUARDRAIL_DATABASE_URL``).

    :class:`CallRecords` picks the store from this path, so the two cannot disagree.
    """
    names = {"sqlite": SQLITE_FILE, "postgres": POSTGRES_TRAIL}
    return data_dir / names.get(store, "audit")


class CallRecords:
    """Appends call records to the audit chain; never raises into a call."""

    def __init__(
        self, path: Path, key: SigningKey, *, retention_days: float | None = None, settings: TrailSettings | None = None
    ) -> None:
        settings = settings or TrailSettings()
        data_dir = path.parent
        data_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
        data_dir.chmod(0o700)  # traces, keys and records: the owner's only
        self.checkpoint_key = checkpoint_key(settings.checkpoint_key, key, data_dir)
        signing = self.checkpoint_key.key
        _write_public(data_dir / CHECKPOINT_JWKS, signing.jwk)
        self.witnesses = WitnessRelay(
            settings.trail_id, [_witness(w.file, w.url, w.timeout_seconds) for w in settings.witnesses]
        )
        self.store: AuditStore = _open_store(
            path,
            settings,
            signer=lambda head: sign(head, signing.private, signing.kid),
            on_checkpoint=self.witnesses,
        )
        self.settings = settings
        self._lock = threading.Lock()
        self._lost = 0  # records not written since the last successful append
        self._lost_since: float | None = None
        self._lost_ids: list[str] = []
        self._writer = writer()
        self._appended = False  # since this process's last checkpoint
        self._closed = threading.Event()
        with contextlib.suppress(OSError, sqlite3.Error):
            self._start_up(retention_days)
        self._ticker = threading.Thread(target=self._tick, name="audit-ticker", daemon=True)
        if settings.durability == "batch" or settings.checkpoint_seconds:
            self._ticker.start()

    def _start_up(self, retention_days: float | None) -> None:
        """Cut a torn tail, close the intents of writers that are gone, purge."""
        gap = self.store.repair()
        if gap is not None:
            log.warning("audit_torn_tail_cut", seq=gap["seq"], bytes=gap["record"]["bytes_cut"])
        closed = self.store.amend(close_dead)
        if closed:
            log.warning("audit_intents_interrupted", count=sum(e["kind"] == "interrupted" for e in closed))
        if retention_days:
            self.store.purge(retention_days * 86_400)

    @property
    def failing(self) -> bool:
        """Whether the last attempt to write failed (and no write has succeeded since)."""
        return self._lost > 0

    @property
    def warnings(self) -> list[str]:
        """What readiness should say about the trail's proof (empty when all is well)."""
        found = []
        if self.checkpoint_key.local:
            # No path here: readiness is unauthenticated (the log and `guardrail doctor` say where).
            found.append(
                "checkpoints are signed with a key kept in the data folder: "
                "whoever holds the folder can re-sign a rewritten trail; set audit_trail.checkpoint_key "
                "or GUARDRAIL_CHECKPOINT_KEY"
            )
        if not self.settings.witnesses:
            found.append("no witness holds the checkpoints (audit_trail.witnesses)")
        if self.witnesses.failures:
            found.append(f"{self.witnesses.failures} checkpoint(s) could not be sent to a witness")
        return found

    def begin(self, request_id: str, **fields: Any) -> bool:
        """Write the call's intent before the upstream is called; ``False`` if it could
        not be written (never raises). :meth:`write` with the same request id completes it."""
        return self._append(
            "intent", {"request_id": request_id, "time": time.time(), **fields, "writer": self._writer}, None
        )

    def write(self, record: dict[str, Any]) -> bool:
        """Append a call record; ``False`` if it could not be written (never raises)."""
        return self._append("call", {"time": time.time(), **record}, str(record.get("request_id") or ""))

    def recover(self) -> bool:
        """After failures: write the ``gap`` entry now, if the trail takes it again."""
        return not self.failing or self._append(None, {}, None)

    def _append(self, kind: str | None, record: dict[str, Any], lost_id: str | None) -> bool:
        with self._lock:
            try:
                if self._lost:
                    gap: dict[str, Any] = {"records_lost": self._lost, "since": self._lost_since, "until": time.time()}
                    if self._lost_ids:
                        gap["request_ids"] = self._lost_ids
                    self.store.append("gap", gap)
                    self._lost, self._lost_since, self._lost_ids = 0, None, []
                if kind is not None:
                    self.store.append(kind, record)
                    self._appended = True
                return True
            except (OSError, sqlite3.Error) as error:
                if lost_id is not None:  # a call record; an intent lost is not a call lost
                    self._lost += 1
                    if lost_id and len(self._lost_ids) < MAX_LOST_IDS:
                        self._lost_ids.append(lost_id)
                self._lost_since = self._lost_since or time.time()
                log.warning("audit_record_not_written", error=type(error).__name__, kind=kind, records_lost=self._lost)
                return False

    def _tick(self) -> None:
        """Batch durability's flush, and checkpoints by time, on a timer."""
        every = min(self.settings.sync_window_seconds, self.settings.checkpoint_seconds or float("inf"))
        last_checkpoint = time.monotonic()
        while not self._closed.wait(every):
            with contextlib.suppress(OSError, sqlite3.Error):
                self.store.sync()
                due = (
                    self.settings.checkpoint_seconds
                    and time.monotonic() - last_checkpoint >= self.settings.checkpoint_seconds
                )
                if due and self._appended:
                    with self._lock:
                        self.store.checkpoint()
                        self._appended = False
                    last_checkpoint = time.monotonic()

    def close(self) -> None:
        """Sign the head at shutdown, so a cut-off end is provable up to here, and
        hand the last checkpoints to the witnesses."""
        self._closed.set()
        try:
            self.store.checkpoint()
            self.store.sync()
        except (OSError, sqlite3.Error) as error:
            log.warning("audit_checkpoint_not_written", error=type(error).__name__)
        self.witnesses.close()
        closing = getattr(self.store, "close", None)  # PostgreSQL's connection
        if callable(closing):
            closing()


def check_store(path: Path, settings: TrailSettings) -> None:
    """Open a shared store once and let it go, for a server about to start worker
    processes: a database that does not answer, refuses the credentials or holds another
    schema version is then said once, before they start, not in each worker's crash."""
    if path.name == POSTGRES_TRAIL:
        from guardrail.audit.postgres_store import PostgresStore, database_url

        PostgresStore(database_url(), schema=settings.postgres_schema).close()


def _open_store(path: Path, settings: TrailSettings, *, signer: Signer, on_checkpoint: CheckpointHook) -> AuditStore:
    """The store ``path`` names (see :func:`audit_location`). PostgreSQL's module, and
    psycopg, are imported only when it is used. Its failures are :class:`OSError`
    subclasses, so the write path below treats a database away like a full disk."""
    options: dict[str, Any] = {
        "signer": signer,
        "checkpoint_every": settings.checkpoint_every,
        "durability": settings.durability,
        "sync_window": settings.sync_window_seconds,
        "on_checkpoint": on_checkpoint,
    }
    if path.name == POSTGRES_TRAIL:
        from guardrail.audit.postgres_store import PostgresStore, database_url

        return PostgresStore(database_url(), schema=settings.postgres_schema, **options)
    if path.name == SQLITE_FILE:
        return SqliteStore(path, **options)
    return FolderStore(path, **options)


def _witness(file: Path | None, url: str | None, timeout: float) -> Witness:
    return FileWitness(file) if file is not None else HttpWitness(str(url), timeout)


def _write_public(path: Path, jwk: dict[str, str]) -> None:
    """The checkpoint key's public half beside the trail, for verifiers (an auditor
    should rather use a copy kept elsewhere: this one is as safe as the folder)."""
    with contextlib.suppress(OSError):
        temporary = path.with_suffix(".tmp")
        temporary.write_text(json.dumps({"keys": [jwk]}, indent=2), encoding="utf-8")
        temporary.chmod(0o600)
        temporary.replace(path)
