"""The real PostgreSQL the service tests use (``.ci/services`` starts it).

``GUARDRAIL_TEST_POSTGRES_DSN`` names an admin role that may create roles and owns the
test database. Without it the tests skip, unless ``GUARDRAIL_TEST_SERVICES=required``
(CI), where a missing or unreachable server fails them. Every trail gets a schema of its
own, and a service login role that is a member of the schema's insert-only writer role,
so tests never see each other's entries; both are dropped afterwards.
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

import psycopg
import pytest
from psycopg import sql
from psycopg.conninfo import make_conninfo

from guardrail.audit.postgres_schema import migrate, writer_role

DSN_ENV = "GUARDRAIL_TEST_POSTGRES_DSN"


def admin_dsn() -> str:
    """The admin DSN, or skip (fail when the services are required)."""
    dsn = os.environ.get(DSN_ENV)
    required = os.environ.get("GUARDRAIL_TEST_SERVICES") == "required"
    if not dsn:
        if required:
            pytest.fail(f"{DSN_ENV} is not set and GUARDRAIL_TEST_SERVICES=required")
        pytest.skip(f'{DSN_ENV} not set (eval "$(.ci/services)")')
    try:
        psycopg.connect(dsn, connect_timeout=5).close()
    except psycopg.OperationalError as error:
        if required:
            pytest.fail(f"PostgreSQL at {DSN_ENV} is unreachable: {type(error).__name__}")
        pytest.skip("PostgreSQL at GUARDRAIL_TEST_POSTGRES_DSN is unreachable")
    return dsn


@dataclass(frozen=True)
class PgTrail:
    admin: str  # DSN of the admin role, which owns the schema
    service: str  # DSN of a login role granted only the writer role
    schema: str

    def run(self, query: str, *params: object) -> list[tuple[object, ...]]:
        """Run one statement as the admin (who can tamper); its rows, if any."""
        with psycopg.connect(self.admin, autocommit=True) as connection:
            cursor = connection.execute(
                sql.SQL(query).format(entries=sql.Identifier(self.schema, "entries")), params or None
            )
            return cursor.fetchall() if cursor.description else []


@contextmanager
def pg_trail(admin: str, label: str = "t") -> Iterator[PgTrail]:
    """A migrated schema of its own, and a service role that may only append and read."""
    schema = f"{label}_{secrets.token_hex(4)}"
    service_role = f"{schema}_svc"
    password = secrets.token_hex(8)
    with psycopg.connect(admin, autocommit=True) as connection:
        connection.execute(
            sql.SQL("CREATE ROLE {} LOGIN PASSWORD {}").format(sql.Identifier(service_role), sql.Literal(password))
        )
    migrate(admin, schema, grant_to=(service_role,))
    try:
        yield PgTrail(admin, make_conninfo(admin, user=service_role, password=password), schema)
    finally:
        with psycopg.connect(admin, autocommit=True) as connection:
            connection.execute(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = %s", (service_role,)
            )
            connection.execute(sql.SQL("DROP SCHEMA {} CASCADE").format(sql.Identifier(schema)))
            connection.execute(sql.SQL("DROP ROLE {}").format(sql.Identifier(service_role)))
            connection.execute(sql.SQL("DROP ROLE {}").format(sql.Identifier(writer_role(schema))))
