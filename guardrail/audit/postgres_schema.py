"""The PostgreSQL trail's connection and schema: who may do what, and which version.

The schema is plain numbered SQL files shipped in ``guardrail/audit/migrations``
(``0001_trail.sql``, ...), rather than Alembic: there is one table and one function to
manage, no ORM model to diff against, and an auditor (or a DBA who must approve what
runs against the database) can read exactly what each version does. A
``schema_version`` table holds one row per applied file. :func:`migrate` (``guardrail
audit migrate``) applies the missing files in order, each in its own transaction, under
an advisory lock so two instances migrating at once do not race, and refuses a schema
newer than this code knows. :func:`check_version` is what a store runs at start-up: an
older or newer schema stops it with a message saying what to do.

The migration creates a ``NOLOGIN`` role ``<schema>_writer`` that may ``SELECT`` and
``INSERT`` entries and nothing else (no ``UPDATE``, ``DELETE`` or ``TRUNCATE``); the
proxy should connect as a login role that is a member of it (``--grant-to``). Purging
goes through a ``SECURITY DEFINER`` function owned by the migrating role, which
deletes a prefix only together with appending the purge entry that records it.

Errors from here never carry the connection string's password: they name the store
by its user, host, port, database and schema.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from importlib import resources
from typing import Any

import psycopg
from psycopg import sql
from psycopg.conninfo import conninfo_to_dict

from guardrail.errors import ConfigurationError

DEFAULT_SCHEMA = "guardrail_audit"
SCHEMA_PATTERN = r"^[a-z_][a-z0-9_]{0,40}$"
CONNECT_TIMEOUT_SECONDS = 5
_MIGRATION_FILE = re.compile(r"^(\d{4})_[a-z0-9_]+\.sql$")
_MIGRATE_LOCK = "guardrail-audit-migrate"


class SchemaMismatch(ConfigurationError):
    """The database's schema is not the version this code writes (older or newer)."""


@dataclass(frozen=True)
class Migration:
    version: int
    name: str
    text: str


def migrations() -> list[Migration]:
    """The schema's versions, in order, from the package's SQL files."""
    found = []
    for item in resources.files("guardrail.audit.migrations").iterdir():
        match = _MIGRATION_FILE.match(item.name)
        if match:
            found.append(Migration(int(match.group(1)), item.name, item.read_text(encoding="utf-8")))
    found.sort(key=lambda migration: migration.version)
    if [m.version for m in found] != list(range(1, len(found) + 1)):
        raise RuntimeError("guardrail/audit/migrations: versions must run 1, 2, 3... without a hole")
    return found


def schema_version_known() -> int:
    """The newest schema version this code knows (and the one its store writes)."""
    return len(migrations())


def writer_role(schema: str) -> str:
    return f"{schema}_writer"


def describe(dsn: str, schema: str) -> str:
    """The store as an error message may name it: never the password."""
    info = _conninfo(dsn)
    host = info.get("host") or info.get("hostaddr") or "local socket"
    port = info.get("port") or "5432"
    user = info.get("user") or "(default user)"
    return f"PostgreSQL audit store {user}@{host}:{port}/{info.get('dbname') or '(default database)'} schema {schema}"


def reason(error: BaseException, dsn: str) -> str:
    """A third-party error's first line, with the password taken out should it appear."""
    text = (str(error).strip().splitlines() or [type(error).__name__])[0][:300]
    password = _conninfo(dsn).get("password")
    if password and len(password) >= 3:
        text = text.replace(str(password), "***")
    return text or type(error).__name__


def connect(dsn: str, schema: str, **options: Any) -> psycopg.Connection[Any]:
    """A connection in autocommit mode (the store sends its own ``BEGIN``), or a
    :class:`ConfigurationError` naming the store."""
    info = _conninfo(dsn)
    extra: dict[str, Any] = {"application_name": "guardrail-audit"}
    if "connect_timeout" not in info:
        extra["connect_timeout"] = CONNECT_TIMEOUT_SECONDS
    try:
        return psycopg.connect(dsn, autocommit=True, **extra, **options)
    except psycopg.Error as error:
        raise ConfigurationError(f"{describe(dsn, schema)}: cannot connect: {reason(error, dsn)}") from None


def current_version(connection: psycopg.Connection[Any], schema: str) -> int:
    """The version applied, 0 for a database never migrated."""
    exists = connection.execute(
        "SELECT to_regclass(%s) IS NOT NULL", (sql.Identifier(schema, "schema_version").as_string(connection),)
    ).fetchone()
    if not exists or not exists[0]:
        return 0
    row = connection.execute(
        sql.SQL("SELECT coalesce(max(version), 0) FROM {}").format(sql.Identifier(schema, "schema_version"))
    ).fetchone()
    return int(row[0]) if row else 0


def check_version(connection: psycopg.Connection[Any], dsn: str, schema: str) -> None:
    """Refuse to run on a schema older or newer than this code's (start-up calls this)."""
    found, known = current_version(connection, schema), schema_version_known()
    where = describe(dsn, schema)
    if found == 0:
        raise SchemaMismatch(f"{where}: no audit schema yet; run `guardrail audit migrate` as the database's admin")
    if found < known:
        raise SchemaMismatch(
            f"{where}: schema version {found} is older than this guardrail's {known}; run `guardrail audit migrate`"
        )
    if found > known:
        raise SchemaMismatch(
            f"{where}: schema version {found} is newer than this guardrail knows ({known}); "
            "upgrade guardrail on this instance, never migrate backwards"
        )


def migrate(dsn: str, schema: str = DEFAULT_SCHEMA, *, grant_to: tuple[str, ...] = ()) -> tuple[int, int]:
    """Apply the missing versions; returns (version before, version after).

    Run as the role that is to own the trail (the database's admin), never as the
    service's role. Refuses a schema newer than this code knows, touching nothing.
    """
    if not re.match(SCHEMA_PATTERN, schema):
        raise ConfigurationError(f"schema {schema!r}: lower-case letters, digits and _ only, at most 41")
    with connect(dsn, schema) as connection:
        try:
            return _migrate(connection, dsn, schema, grant_to)
        except psycopg.Error as error:
            raise ConfigurationError(f"{describe(dsn, schema)}: migration failed: {reason(error, dsn)}") from None


def _migrate(connection: psycopg.Connection[Any], dsn: str, schema: str, grant_to: tuple[str, ...]) -> tuple[int, int]:
    connection.execute("SELECT pg_advisory_lock(hashtextextended(%s, 0))", (f"{_MIGRATE_LOCK}:{schema}",))
    try:
        versions = migrations()
        before = current_version(connection, schema)
        if before > len(versions):
            raise SchemaMismatch(
                f"{describe(dsn, schema)}: schema version {before} is newer than this guardrail knows "
                f"({len(versions)}); refusing to migrate (upgrade guardrail)"
            )
        names = {
            "@schema@": sql.Identifier(schema).as_string(connection),
            "@writer@": sql.Identifier(writer_role(schema)).as_string(connection),
            "@schema_literal@": sql.Literal(schema).as_string(connection),
            "@writer_literal@": sql.Literal(writer_role(schema)).as_string(connection),
        }
        table = sql.Identifier(schema, "schema_version")
        for migration in versions[before:]:
            text = migration.text
            for placeholder, value in names.items():
                text = text.replace(placeholder, value)
            with connection.transaction():
                connection.execute(sql.SQL("CREATE SCHEMA IF NOT EXISTS {}").format(sql.Identifier(schema)))
                connection.execute(
                    sql.SQL(
                        "CREATE TABLE IF NOT EXISTS {} (version integer PRIMARY KEY, name text NOT NULL, "
                        "applied_at timestamptz NOT NULL DEFAULT now(), applied_by text NOT NULL DEFAULT current_user)"
                    ).format(table)
                )
                connection.execute(text.encode("utf-8"))
                connection.execute(
                    sql.SQL("INSERT INTO {} (version, name) VALUES (%s, %s)").format(table),
                    (migration.version, migration.name),
                )
        for role in grant_to:
            connection.execute(
                sql.SQL("GRANT {} TO {}").format(sql.Identifier(writer_role(schema)), sql.Identifier(role))
            )
        return before, len(versions)
    finally:
        connection.execute("SELECT pg_advisory_unlock(hashtextextended(%s, 0))", (f"{_MIGRATE_LOCK}:{schema}",))


def _conninfo(dsn: str) -> dict[str, Any]:
    try:
        return conninfo_to_dict(dsn)
    except psycopg.ProgrammingError:
        raise ConfigurationError(
            "the PostgreSQL connection string (GUARDRAIL_DATABASE_URL) cannot be read: expected "
            "postgresql://user:password@host:port/database"
        ) from None
