"""The audit trail in PostgreSQL: one chain for a whole fleet of proxy instances.

The same chain as :class:`~guardrail.audit.FolderStore` (entries built by
:func:`~guardrail.audit.chain.next_entries`, the same canonical lines), one row per
entry in ``<schema>.entries``, keyed by ``seq``.

**One chain, many writers: appends are serialised.** Every append runs one short
transaction: take a transaction-level advisory lock (one key per schema), read the
head (the entry with the highest ``seq``) *after* the lock is held, seal the entry on
it, insert, commit; the lock goes with the commit. Instances on any number of machines
therefore append one after the other, each on the head its predecessor committed, and
the primary key on ``seq`` would refuse a second entry with the same number should
anything bypass the lock. The other design, one chain per instance joined by signed
checkpoints, was not chosen: it spares the lock but makes every verifier merge and
cross-check N chains, makes "how many calls" a question about several logs, and lets
an instance that stops silently take the end of its chain with it unnoticed until the
next cross-checkpoint. The lock is held for about one and a half round trips (read the
head; insert and commit, pipelined) and never across a disk write (see Durability), a
few tenths of a millisecond on loopback (``benchmarks/audit_store_latency.py``).

**Insert-only.** The proxy connects as a member of ``<schema>_writer``, which may
``SELECT`` and ``INSERT`` entries and nothing else; the one way entries leave is
retention, through a ``SECURITY DEFINER`` function (``purge_prefix``) that deletes a
prefix only together with appending the ``purge`` entry naming the first entry kept
and its ``prev``, as the folder store's purge does. See
:mod:`guardrail.audit.postgres_schema` for the schema and its migrations.

**Durability.** Entries are committed with ``synchronous_commit = off``, so the chain's
lock is never held across a disk write. ``"record"``: each append then waits, outside
the lock, until its entry is on disk (:func:`_flush`) before it returns; ``"batch"``: it
returns at once (a crash of the database server loses at most its WAL writer's delay,
a few hundred milliseconds), and :meth:`PostgresStore.sync` and every checkpoint flush.

**Intents across machines.** An intent's writer is a process on some machine; the
folder store can only tell whether a process on its own machine is alive. Here every
store holds a session-level advisory lock named after its writer for as long as its
connection lives, so any instance can ask PostgreSQL whether a writer is still there:
at start-up, :meth:`PostgresStore.amend` hides from ``decide`` the intents of writers
whose lock is held (alive, wherever they run), and shows it the rest, which it closes
as interrupted as on a folder. A writer whose connection was cut takes its lock again
when it reconnects.

**Failures.** A database that cannot be reached at start-up, refuses the credentials,
or holds a schema of another version stops start-up with a
:class:`~guardrail.errors.ConfigurationError` naming the store (never the password).
Later, every failure is a :class:`PostgresStoreError`, an :class:`OSError` like a full
disk's, so :class:`~guardrail.audit.records.CallRecords` counts the record lost,
``audit.on_write_error`` decides the call, and the first append once the database is
back is the ``gap`` entry. The connection is opened again on the next append (at most
once a second while the database stays away, so calls are not slowed by retries).

There are no side records (the folder's ``head.json``): only the database's owner can
cut the tail, and it could rewrite a side record as easily; the signed checkpoints and
their witnesses are what catch a cut-off end.
"""

from __future__ import annotations

import hashlib
import json
import os
import threading
import time
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from typing import Any, Unpack

import psycopg
from psycopg import sql

from guardrail.audit.chain import GENESIS, canonical, checkpoint, line, next_entries, seal
from guardrail.audit.intents import writer
from guardrail.audit.postgres_schema import DEFAULT_SCHEMA, check_version, connect, describe, reason, writer_role
from guardrail.audit.store import ChainOptions, ChainStore, Decide
from guardrail.audit.trail import TrailUnreadable
from guardrail.errors import ConfigurationError, GuardrailError

DATABASE_URL_ENV = "GUARDRAIL_DATABASE_URL"
RECONNECT_AFTER_SECONDS = 1.0
STATEMENT_TIMEOUT_MS = 30_000
Head = tuple[int, str]


class PostgresStoreError(GuardrailError, OSError):
    """The trail could not be written or read just now (the database is away, a statement
    failed); like a full disk, the entry is not there and the caller is told."""


def database_url(environ: Mapping[str, str] | None = None) -> str:
    """The trail's connection string, from ``GUARDRAIL_DATABASE_URL``."""
    value = (environ if environ is not None else os.environ).get(DATABASE_URL_ENV)
    if not value:
        raise ConfigurationError(
            f"audit_store postgres: set {DATABASE_URL_ENV} to the trail's connection string "
            "(postgresql://user:password@host:port/database)"
        )
    return value


def writer_lock_key(schema: str, who: Any) -> int:
    """The advisory lock a writer holds while it lives (64 bits of a hash of its identity)."""
    digest = hashlib.sha256(b"guardrail-audit-writer:" + schema.encode() + b":" + canonical(who)).digest()
    return int.from_bytes(digest[:8], "big", signed=True)


class PostgresStore(ChainStore):
    """An :class:`~guardrail.audit.AuditStore` in a PostgreSQL schema, shared by instances."""

    def __init__(self, dsn: str, *, schema: str = DEFAULT_SCHEMA, **options: Unpack[ChainOptions]) -> None:
        super().__init__(**options)
        self.dsn = dsn
        self.schema = schema
        self.name = describe(dsn, schema)
        self._writer_key = writer_lock_key(schema, writer())
        self._lock = threading.Lock()
        self._connection: psycopg.Connection[Any] | None = None
        self._down_since: float | None = None
        table = sql.Identifier(schema, "entries")
        self._q_head = sql.SQL("SELECT line FROM {} ORDER BY seq DESC LIMIT 1").format(table)
        self._q_insert = sql.SQL("INSERT INTO {} (seq, kind, time, line) VALUES (%s, %s, %s, %s)").format(table)
        self._q_lines = sql.SQL("SELECT seq, kind, line FROM {} WHERE seq >= %s ORDER BY seq").format(table)
        self._q_purge = sql.SQL("SELECT {}(%s, %s)").format(sql.Identifier(schema, "purge_prefix"))
        self._lock_key = 0
        # Start-up: reachable, the right schema version, or a clear error now.
        connection = self._open(on_error=ConfigurationError)
        self._warn_if_not_insert_only(connection)

    # -- the AuditStore interface -------------------------------------------------

    def append(self, kind: str, record: dict[str, Any]) -> dict[str, Any]:
        now = self._clock()
        written = self._append(lambda head: next_entries(head, kind, now, record, self._signer, self._every))
        self._announce(written)
        return written[0]

    def checkpoint(self) -> dict[str, Any] | None:
        if self._signer is None:
            return None
        signer = self._signer

        def build(head: Head) -> list[dict[str, Any]]:
            return [] if head[0] == 0 else [checkpoint(head[0], head[1], self._clock(), signer, self._every)]

        written = self._append(build)
        self._announce(written)
        return written[0] if written else None

    def amend(self, decide: Decide) -> list[dict[str, Any]]:
        """Show ``decide`` the entries (but the intents of writers alive anywhere) and
        append what it returns, under the chain's lock.

        A first pass without the lock finds whether anything needs closing at all (at
        most starts, nothing does, and a starting instance then holds up no other's
        appends); the pass under the lock reads only from the earliest intent to close.
        """
        with self._lock:
            connection = self._connected()
            try:
                live = self._live_writers(connection)
                wanted = decide(self._visible_lines(connection, 1, live))
                if not wanted:
                    return []
                start = _earliest_intent(wanted)
                now = self._clock()

                def build(head: Head) -> list[dict[str, Any]]:
                    entries: list[dict[str, Any]] = []
                    for kind, record in decide(self._visible_lines(connection, start, live)):
                        entries += next_entries(head, kind, now, record, self._signer, self._every)
                        head = (int(entries[-1]["seq"]), str(entries[-1]["hash"]))
                    return entries

                written = self._in_chain_transaction(connection, build)
            except psycopg.Error as error:
                raise self._failed(error, "closing intents") from None
        self._announce(written)
        return written

    def purge(self, max_age_seconds: float) -> int:
        """Delete the entries before the first one younger than the age (never the newest)
        through ``purge_prefix``, which appends the ``purge`` entry in the same transaction."""
        cutoff = self._clock() - max_age_seconds
        with self._lock:
            connection = self._connected()
            try:
                with connection.transaction():
                    connection.execute("SELECT pg_advisory_xact_lock(%s)", (self._lock_key,))
                    table = sql.Identifier(self.schema, "entries")
                    row = connection.execute(
                        sql.SQL("SELECT min(seq), max(seq), min(seq) FILTER (WHERE time >= %s) FROM {}").format(table),
                        (cutoff,),
                    ).fetchone()
                    if row is None or row[0] is None:
                        return 0
                    oldest, newest, young = int(row[0]), int(row[1]), row[2]
                    first_kept = min(int(young) if young is not None else newest, newest)
                    if first_kept <= oldest:
                        return 0
                    head = self._head(connection)
                    kept = connection.execute(
                        sql.SQL("SELECT line FROM {} WHERE seq = %s").format(table), (first_kept,)
                    )
                    kept_row = kept.fetchone()
                    assert kept_row is not None
                    count = connection.execute(
                        sql.SQL("SELECT count(*) FROM {} WHERE seq < %s").format(table), (first_kept,)
                    ).fetchone()
                    deleted = int(count[0]) if count else 0
                    record = {
                        "first_kept_seq": first_kept,
                        "first_kept_prev": json.loads(kept_row[0])["prev"],
                        "entries_deleted": deleted,
                        "older_than": cutoff,
                    }
                    entry = seal(head[0] + 1, head[1], "purge", self._clock(), record)
                    connection.execute(self._q_purge, (first_kept, line(entry).decode("utf-8").rstrip("\n")))
                with connection.pipeline():
                    _flush(connection)
                return deleted
            except psycopg.Error as error:
                raise self._failed(error, "purging") from None

    def sync(self) -> None:
        """``batch``: one synchronous commit, which flushes every commit before it."""
        if self.durability != "batch":
            return
        with self._lock:
            connection = self._connected()
            try:
                with connection.pipeline():
                    _flush(connection)
            except psycopg.Error as error:
                raise self._failed(error, "syncing") from None

    def repair(self) -> dict[str, Any] | None:
        """Nothing to do: PostgreSQL rolls back a transaction cut off half way itself."""
        return None

    def close(self) -> None:
        with self._lock:
            if self._connection is not None:
                self._connection.close()
                self._connection = None

    # -- appending ----------------------------------------------------------------

    def _append(self, build: Callable[[Head], list[dict[str, Any]]]) -> list[dict[str, Any]]:
        with self._lock:
            connection = self._connected()
            try:
                return self._in_chain_transaction(connection, build)
            except psycopg.Error as error:
                raise self._failed(error, "appending") from None

    def _in_chain_transaction(
        self, connection: psycopg.Connection[Any], build: Callable[[Head], list[dict[str, Any]]]
    ) -> list[dict[str, Any]]:
        """Lock, read the head, build, insert, commit: two round trips (pipelined)."""
        try:
            with connection.pipeline():
                connection.execute("BEGIN")
                connection.execute("SELECT pg_advisory_xact_lock(%s)", (self._lock_key,))
                # A statement of its own, so its snapshot is taken once the lock is held
                # and sees the entry the previous holder committed.
                found = connection.execute(self._q_head).fetchone()
            try:
                head = _head_of(found[0] if found else None)
            except (ValueError, KeyError, TypeError) as error:
                raise PostgresStoreError(
                    f"{self.name}: the newest entry is not a readable entry ({type(error).__name__}): nothing is "
                    "appended onto it; guardrail audit verify --store postgres says more"
                ) from None
            entries = build(head)
            with connection.pipeline():
                if entries:
                    rows = [(e["seq"], e["kind"], e["time"], line(e).decode("utf-8").rstrip("\n")) for e in entries]
                    connection.cursor().executemany(self._q_insert, rows)
                connection.execute("COMMIT")  # releases the chain's lock
                if entries and (self.durability == "record" or any(e["kind"] == "checkpoint" for e in entries)):
                    _flush(connection)
            return entries
        except BaseException:
            _roll_back(connection)
            raise

    def _head(self, connection: psycopg.Connection[Any]) -> Head:
        found = connection.execute(self._q_head).fetchone()
        return _head_of(found[0] if found else None)

    # -- intents ------------------------------------------------------------------

    def _live_writers(self, connection: psycopg.Connection[Any]) -> set[bytes]:
        """The writers of intents in the trail whose liveness lock is held by a session
        (their process is running, on whichever machine); this one's own included."""
        found = connection.execute(
            sql.SQL("SELECT DISTINCT (line::jsonb)->'record'->'writer' FROM {} WHERE kind = 'intent'").format(
                sql.Identifier(self.schema, "entries")
            )
        ).fetchall()
        live: set[bytes] = set()
        for (who,) in found:
            key = writer_lock_key(self.schema, who)
            if key == self._writer_key:
                live.add(canonical(who))
                continue
            taken = connection.execute("SELECT pg_try_advisory_lock(%s)", (key,)).fetchone()
            if taken and taken[0]:
                connection.execute("SELECT pg_advisory_unlock(%s)", (key,))  # nobody held it: gone
            else:
                live.add(canonical(who))
        return live

    def _visible_lines(self, connection: psycopg.Connection[Any], start: int, live: set[bytes]) -> Iterator[bytes]:
        """Every line from ``start`` on, as a folder's lines, but intents of live writers."""
        for _seq, kind, text in connection.cursor().stream(self._q_lines, (start,)):
            if kind == "intent":
                try:
                    who = json.loads(text)["record"].get("writer")
                except (ValueError, KeyError, AttributeError):
                    who = None
                if who is not None and canonical(who) in live:
                    continue
            yield str(text).encode("utf-8") + b"\n"

    # -- the connection -----------------------------------------------------------

    def _open(self, *, on_error: type[Exception]) -> psycopg.Connection[Any]:
        """Connect, check the schema's version, take this writer's liveness lock."""
        try:
            connection = connect(self.dsn, self.schema)
        except ConfigurationError as error:
            raise on_error(str(error)) from None
        try:
            check_version(connection, self.dsn, self.schema)
            connection.execute("SET synchronous_commit TO off")  # see _flush
            connection.execute(sql.SQL("SET statement_timeout TO {}").format(sql.Literal(STATEMENT_TIMEOUT_MS)))
            key = connection.execute(sql.SQL("SELECT {}()").format(sql.Identifier(self.schema, "chain_lock_key")))
            found = key.fetchone()
            self._lock_key = int(found[0]) if found else 0
            connection.execute("SELECT pg_try_advisory_lock(%s)", (self._writer_key,))
        except ConfigurationError as error:
            connection.close()
            if on_error is ConfigurationError:
                raise  # SchemaMismatch stays itself
            raise on_error(str(error)) from None
        except psycopg.Error as error:
            connection.close()
            raise on_error(f"{self.name}: {reason(error, self.dsn)}") from None
        self._connection = connection
        self._down_since = None
        return connection

    def _connected(self) -> psycopg.Connection[Any]:
        """The open connection, or a new one; a :class:`PostgresStoreError` if the
        database is away (tried again at most once a second meanwhile)."""
        if self._connection is not None and not self._connection.closed:
            return self._connection
        if self._down_since is not None and time.monotonic() - self._down_since < RECONNECT_AFTER_SECONDS:
            raise PostgresStoreError(f"{self.name}: unreachable (retrying shortly)")
        try:
            return self._open(on_error=PostgresStoreError)
        except PostgresStoreError:
            self._down_since = time.monotonic()
            raise

    def _failed(self, error: psycopg.Error, doing: str) -> PostgresStoreError:
        """Translate at the boundary; a broken connection is dropped, to be opened again."""
        if self._connection is not None and (self._connection.closed or self._connection.broken):
            self._connection.close()
            self._connection = None
            self._down_since = time.monotonic()
        return PostgresStoreError(f"{self.name}: {doing} failed: {reason(error, self.dsn)}")

    def _warn_if_not_insert_only(self, connection: psycopg.Connection[Any]) -> None:
        import structlog

        table = sql.Identifier(self.schema, "entries").as_string(connection)
        row = connection.execute(
            "SELECT has_table_privilege(%s, 'UPDATE') OR has_table_privilege(%s, 'DELETE')", (table, table)
        ).fetchone()
        if row and row[0]:
            structlog.get_logger("guardrail.audit").warning(
                "audit_store_not_insert_only",
                store=self.name,
                advice=f"connect as a login role granted only {writer_role(self.schema)} (guardrail audit migrate "
                "--grant-to): this role can change or delete entries",
            )


class PostgresTrail:
    """A PostgreSQL trail read back for ``guardrail audit verify|report|query``: the lines
    in ``seq`` order, read-only, streamed. ``number`` in :meth:`lines` is the row's
    ``seq`` column, so a problem names the row as well as the entry it holds."""

    def __init__(self, dsn: str, schema: str = DEFAULT_SCHEMA) -> None:
        self.dsn, self.schema = dsn, schema
        self.label = f"{schema}.entries"

    def lines(self) -> Iterator[tuple[str, int, bytes]]:
        query = sql.SQL("SELECT seq, line FROM {} ORDER BY seq").format(sql.Identifier(self.schema, "entries"))
        with self._reading() as connection:
            for seq, text in connection.cursor().stream(query):
                yield self.label, int(seq), str(text).encode("utf-8") + b"\n"

    def claimed_heads(self) -> Iterator[tuple[str, int]]:
        return iter(())

    def size(self) -> int:
        with self._reading() as connection:
            table = sql.Identifier(self.schema, "entries").as_string(connection)
            row = connection.execute("SELECT pg_total_relation_size(%s)", (table,)).fetchone()
        return int(row[0]) if row and row[0] is not None else 0

    @contextmanager
    def _reading(self) -> Iterator[psycopg.Connection[Any]]:
        """A read-only connection to a schema of this version, or :class:`TrailUnreadable`."""
        try:
            with connect(self.dsn, self.schema) as connection:
                check_version(connection, self.dsn, self.schema)
                connection.execute("SET default_transaction_read_only TO on")
                yield connection
        except ConfigurationError as error:
            raise TrailUnreadable(str(error)) from None
        except psycopg.Error as error:
            raise TrailUnreadable(f"{describe(self.dsn, self.schema)}: {reason(error, self.dsn)}") from None

    def sides(self) -> dict[str, Any]:
        """None kept: see the module's docstring."""
        return {}


def _head_of(text: str | None) -> Head:
    if text is None:
        return 0, GENESIS
    entry = json.loads(text)
    return int(entry["seq"]), str(entry["hash"])


def _earliest_intent(wanted: list[tuple[str, dict[str, Any]]]) -> int:
    """Where the pass under the lock starts reading: the earliest intent being closed
    (the start of the trail when an entry does not say which intent it closes)."""
    seqs = [record.get("intent_seq") for _kind, record in wanted]
    found = [seq for seq in seqs if isinstance(seq, int)]
    return min(found) if found and len(found) == len(seqs) else 1


def _flush(connection: psycopg.Connection[Any]) -> None:
    """Wait until every commit so far is on disk: a transaction of its own that writes WAL
    (a logical message, which anyone may emit and nothing keeps) and commits with
    ``synchronous_commit = on`` flushes the WAL up to its commit record, which comes after
    theirs (a transaction that wrote no WAL would commit without a flush). Appends commit with ``off`` and then flush like this, after the chain's lock is
    released: under the lock, each commit's flush would hold every other instance's append
    for a disk write (the fleet would append one fsync at a time); outside it, the flushes
    of concurrent appends share the disk's writes (PostgreSQL's group commit). The WAL is
    one sequence, so an entry is never on disk without the entries it is chained to; an
    append returns only once its entry is on disk, as with the folder's fsync."""
    connection.execute("BEGIN")
    connection.execute("SET LOCAL synchronous_commit TO on")
    connection.execute("SELECT pg_logical_emit_message(true, 'guardrail-audit-flush', '')")
    connection.execute("COMMIT")


def _roll_back(connection: psycopg.Connection[Any]) -> None:
    if connection.closed or connection.broken:
        return
    try:
        connection.execute("ROLLBACK")
    except psycopg.Error:
        connection.close()
