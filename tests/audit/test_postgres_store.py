"""The PostgreSQL audit store against a real PostgreSQL: one verifiable chain from many
writers at once, insert-only for the service, every kind of tampering named by seq,
purges that leave a record, schema versions refused, and a database away at start-up
or mid-run handled like a full disk."""

from __future__ import annotations

import json
import multiprocessing
import os
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import psycopg
import pytest
from psycopg.conninfo import conninfo_to_dict, make_conninfo

from guardrail.attribution import KeyStore, load_jwks
from guardrail.attribution.jws import sign
from guardrail.audit import postgres_schema as schema_module
from guardrail.audit import verify_trail
from guardrail.audit.intents import close_dead, writer
from guardrail.audit.postgres_schema import Migration, SchemaMismatch, migrate
from guardrail.audit.postgres_store import PostgresStore, PostgresStoreError, PostgresTrail, writer_lock_key
from guardrail.audit.records import CallRecords, audit_location
from guardrail.audit.settings import TrailSettings
from guardrail.errors import ConfigurationError
from tests.audit.postgres import PgTrail, admin_dsn, pg_trail

EVERY = 10
DAY = 86_400.0


@pytest.fixture(scope="module")
def admin() -> str:
    return admin_dsn()


@pytest.fixture
def trail(admin: str) -> Iterator[PgTrail]:
    with pg_trail(admin) as made:
        yield made


@pytest.fixture(scope="module")
def key(tmp_path_factory: pytest.TempPathFactory) -> Any:
    return KeyStore(tmp_path_factory.mktemp("keys")).active


def signer(key: Any) -> Callable[[dict[str, Any]], str]:
    return lambda head: sign(head, key.private, key.kid)


def jwks(key: Any) -> dict[str, dict[str, Any]]:
    return load_jwks(json.dumps({"keys": [key.jwk]}))


def store(trail: PgTrail, key: Any, **options: Any) -> PostgresStore:
    return PostgresStore(trail.service, schema=trail.schema, signer=signer(key), checkpoint_every=EVERY, **options)


def written(trail: PgTrail, key: Any, calls: int = 25) -> None:
    appender = store(trail, key)
    for i in range(calls):
        appender.append("call", {"request_id": f"r{i}"})
    appender.checkpoint()
    appender.close()


def test_appends_form_one_chain_that_verifies_with_signed_checkpoints(trail: PgTrail, key: Any) -> None:
    written(trail, key, 25)
    report = verify_trail(PostgresTrail(trail.service, trail.schema), jwks(key))
    assert report.intact, report.problem
    assert (report.calls, report.checkpoints, report.last_seq) == (25, 3, 28)
    rows = trail.run("SELECT seq, kind FROM {entries} ORDER BY seq")
    assert [seq for seq, _ in rows] == list(range(1, 29))
    assert [seq for seq, kind in rows if kind == "checkpoint"] == [11, 21, 28]


def tamper_delete(trail: PgTrail) -> int:
    trail.run("DELETE FROM {entries} WHERE seq = 5")
    return 6


def tamper_edit(trail: PgTrail) -> int:
    trail.run("UPDATE {entries} SET line = replace(line, '\"r3\"', '\"r9\"') WHERE seq = 4")
    return 4


def tamper_swap(trail: PgTrail) -> int:
    trail.run("UPDATE {entries} AS e SET line = o.line FROM {entries} AS o WHERE (e.seq, o.seq) IN ((5, 6), (6, 5))")
    return 6  # the row numbered 5 now holds entry 6


def tamper_reinsert(trail: PgTrail) -> int:
    trail.run(
        "INSERT INTO {entries} (seq, kind, time, line) SELECT 1000, kind, time, line FROM {entries} WHERE seq = 7"
    )
    return 7  # entry 7 again, after the head


def tamper_delete_and_reinsert_at_the_end(trail: PgTrail) -> int:
    trail.run(
        "WITH gone AS (DELETE FROM {entries} WHERE seq = 12 RETURNING kind, time, line) "
        "INSERT INTO {entries} (seq, kind, time, line) SELECT 1000, kind, time, line FROM gone"
    )
    return 13


@pytest.mark.parametrize(
    "tamper", [tamper_delete, tamper_edit, tamper_swap, tamper_reinsert, tamper_delete_and_reinsert_at_the_end]
)
def test_tampering_with_any_one_row_is_detected_and_named_by_seq(
    trail: PgTrail, key: Any, tamper: Callable[[PgTrail], int]
) -> None:
    written(trail, key, 25)
    assert verify_trail(PostgresTrail(trail.admin, trail.schema), jwks(key)).intact
    expected = tamper(trail)
    report = verify_trail(PostgresTrail(trail.admin, trail.schema), jwks(key))
    assert report.problem is not None and report.problem.seq == expected, report.problem
    assert f"(seq {expected})" in str(report.problem)


@pytest.mark.parametrize(
    "statement",
    [
        "UPDATE {entries} SET line = line WHERE seq = 1",
        "DELETE FROM {entries} WHERE seq = 1",
        "TRUNCATE {entries}",
        "DROP TABLE {entries}",
    ],
)
def test_the_service_role_can_append_and_read_but_never_change_or_remove(
    trail: PgTrail, key: Any, statement: str
) -> None:
    written(trail, key, 3)
    service = PgTrail(trail.service, trail.service, trail.schema)
    assert len(service.run("SELECT seq FROM {entries}")) == 4
    with pytest.raises(psycopg.errors.InsufficientPrivilege):
        service.run(statement)


def test_the_service_role_cannot_purge_without_recording_it(trail: PgTrail, key: Any) -> None:
    written(trail, key, 5)
    service = PgTrail(trail.service, trail.service, trail.schema)
    with pytest.raises(psycopg.errors.RaiseException, match="next entry of the chain"):
        service.run(f"SELECT {trail.schema}.purge_prefix(3, %s)", '{"kind": "call", "seq": 1}')
    assert len(trail.run("SELECT seq FROM {entries}")) == 6


def appender_process(dsn: str, schema: str, name: str, count: int, key_folder: str) -> None:
    key = KeyStore(Path(key_folder)).active
    appender = PostgresStore(dsn, schema=schema, signer=signer(key), checkpoint_every=EVERY)
    for i in range(count):
        appender.append("call", {"request_id": f"{name}-{i}"})
    appender.close()


def test_many_writers_in_threads_and_processes_leave_one_chain_with_every_record(
    trail: PgTrail, tmp_path: Path
) -> None:
    key = KeyStore(tmp_path / "keys").active
    fork = multiprocessing.get_context("fork")
    processes = [
        fork.Process(target=appender_process, args=(trail.service, trail.schema, f"p{n}", 100, str(tmp_path / "keys")))
        for n in range(2)
    ]
    for process in processes:  # before this process opens any connection
        process.start()
    stores = [store(trail, key) for _ in range(8)]  # eight instances, a connection each
    barrier = threading.Barrier(len(stores))
    failures: list[BaseException] = []

    def run(index: int) -> None:
        barrier.wait()
        try:
            for i in range(100):
                stores[index].append("call", {"request_id": f"t{index}-{i}"})
        except BaseException as error:  # noqa: BLE001 - reported by the assertion below
            failures.append(error)

    threads = [threading.Thread(target=run, args=(i,)) for i in range(len(stores))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    for process in processes:
        process.join(60)
        assert process.exitcode == 0
    assert not failures
    stores[0].checkpoint()
    for each in stores:
        each.close()
    report = verify_trail(PostgresTrail(trail.admin, trail.schema), jwks(key))
    assert report.intact, report.problem
    assert report.calls == 1000
    ids = [
        row[0] for row in trail.run("SELECT line::jsonb->'record'->>'request_id' FROM {entries} WHERE kind = 'call'")
    ]
    assert len(set(ids)) == 1000
    # A checkpoint after every tenth seq, whichever instance wrote it: the chain is one.
    assert report.checkpoints == 1 + sum(1 for seq in range(1, report.last_seq) if seq % EVERY == 0)


def test_purge_deletes_a_prefix_and_leaves_a_verifiable_purge_entry(trail: PgTrail, key: Any) -> None:
    now = time.time() - 5
    clock = [now - 10 * DAY]
    old = store(trail, key, clock=lambda: clock[0])
    for i in range(15):
        old.append("call", {"request_id": f"old-{i}"})
    clock[0] = now
    for i in range(5):
        old.append("call", {"request_id": f"new-{i}"})
    assert old.purge(5 * DAY) == 16  # 15 old calls and the checkpoint among them
    old.close()
    report = verify_trail(PostgresTrail(trail.admin, trail.schema), jwks(key))
    assert report.intact, report.problem
    (purge,) = trail.run("SELECT line::jsonb->'record' FROM {entries} WHERE kind = 'purge'")
    assert purge[0]["first_kept_seq"] == 17 and purge[0]["entries_deleted"] == 16
    # The purge entry is what accounts for the missing start: without it, a deletion.
    trail.run("DELETE FROM {entries} WHERE kind = 'purge'")
    report = verify_trail(PostgresTrail(trail.admin, trail.schema), jwks(key))
    assert report.problem is not None and "no purge entry accounts" in report.problem.reason


def test_migrate_refuses_a_newer_schema_and_the_store_refuses_older_or_newer(
    trail: PgTrail, key: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    written(trail, key, 2)
    known = schema_module.migrations()
    upgrade = Migration(len(known) + 1, "0002_extra.sql", "CREATE TABLE @schema@.extra (x integer);")
    monkeypatch.setattr(schema_module, "migrations", lambda: [*known, upgrade])
    with pytest.raises(SchemaMismatch, match="older than this guardrail's 2; run `guardrail audit migrate`"):
        store(trail, key)
    assert migrate(trail.admin, trail.schema) == (1, 2)
    store(trail, key).close()  # now the version it knows
    monkeypatch.setattr(schema_module, "migrations", lambda: known)
    with pytest.raises(SchemaMismatch, match="schema version 2 is newer than this guardrail knows"):
        migrate(trail.admin, trail.schema)
    with pytest.raises(SchemaMismatch, match="newer than this guardrail knows"):
        store(trail, key)
    assert trail.run(f"SELECT max(version) FROM {trail.schema}.schema_version") == [(2,)]


def test_an_unmigrated_database_is_refused_with_the_command_to_run(admin: str, key: Any) -> None:
    with pytest.raises(SchemaMismatch, match="no audit schema yet; run `guardrail audit migrate`"):
        PostgresStore(admin, schema="never_migrated", signer=signer(key))


@pytest.mark.parametrize("fault", ["unreachable", "wrong password"])
def test_start_up_without_the_database_names_the_store_never_the_password(admin: str, fault: str) -> None:
    secret = "not-the-password-8c1f"
    dsn = make_conninfo(admin, port=free_port(), password=secret)
    if fault == "wrong password":
        dsn = make_conninfo(admin, password=secret)
    with pytest.raises(ConfigurationError) as raised:
        PostgresStore(dsn)
    message = str(raised.value)
    assert message.startswith("PostgreSQL audit store guardrail_admin@127.0.0.1:") and "cannot connect" in message
    assert secret not in message


def test_call_records_pick_postgres_from_the_config_and_verify_with_the_cli_keys(
    trail: PgTrail, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("GUARDRAIL_DATABASE_URL", trail.service)
    settings = TrailSettings(checkpoint_every=EVERY, postgres_schema=trail.schema)
    records = CallRecords(
        audit_location(tmp_path / "data", "postgres"), KeyStore(tmp_path / "keys").active, settings=settings
    )
    assert isinstance(records.store, PostgresStore)
    records.begin("c1", model="m")
    assert records.write({"request_id": "c1", "status": 200})
    records.close()
    keys = load_jwks((tmp_path / "data" / "checkpoint-jwks.json").read_text())
    report = verify_trail(PostgresTrail(trail.service, trail.schema), keys)
    assert report.intact and report.calls == 1 and report.open_intents == 0


class Cable:
    """A TCP relay between the store and PostgreSQL that can be unplugged: the database
    going away mid-run, as the store sees it, without stopping the shared server."""

    def __init__(self, port: int) -> None:
        self.target = port
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = self.listener.getsockname()[1]
        self.plugged = True
        self.sockets: list[socket.socket] = []
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        while True:
            try:
                client, _ = self.listener.accept()
            except OSError:
                return
            if not self.plugged:
                client.close()
                continue
            upstream = socket.create_connection(("127.0.0.1", self.target))
            self.sockets += [client, upstream]
            for a, b in ((client, upstream), (upstream, client)):
                threading.Thread(target=self._pump, args=(a, b), daemon=True).start()

    @staticmethod
    def _pump(source: socket.socket, sink: socket.socket) -> None:
        try:
            while data := source.recv(65536):
                sink.sendall(data)
        except OSError:
            pass
        finally:
            for each in (source, sink):
                try:
                    each.shutdown(socket.SHUT_RDWR)
                except OSError:
                    pass

    def unplug(self) -> None:
        self.plugged = False
        for each in self.sockets:
            try:
                each.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
        self.sockets.clear()

    def plug(self) -> None:
        self.plugged = True

    def close(self) -> None:
        self.unplug()
        self.listener.close()


def test_the_database_away_mid_run_loses_records_visibly_and_the_gap_is_recorded(
    trail: PgTrail, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cable = Cable(int(conninfo_to_dict(trail.service).get("port") or 5432))
    monkeypatch.setenv("GUARDRAIL_DATABASE_URL", make_conninfo(trail.service, port=cable.port, connect_timeout=2))
    settings = TrailSettings(checkpoint_every=EVERY, postgres_schema=trail.schema)
    keys = KeyStore(tmp_path / "keys")
    records = CallRecords(audit_location(tmp_path / "data", "postgres"), keys.active, settings=settings)
    try:
        assert all(records.write({"request_id": f"before-{i}"}) for i in range(3))
        cable.unplug()
        assert [records.write({"request_id": f"lost-{i}"}) for i in range(4)] == [False] * 4
        assert records.failing
        with pytest.raises(PostgresStoreError) as raised:
            records.store.append("call", {})
        assert "PostgreSQL audit store" in str(raised.value) and isinstance(raised.value, OSError)
        cable.plug()
        time.sleep(1.1)  # the store tries the connection again at most once a second
        assert records.recover() and records.write({"request_id": "after"})
        records.close()
    finally:
        cable.close()
    report = verify_trail(
        PostgresTrail(trail.admin, trail.schema), load_jwks((tmp_path / "data" / "checkpoint-jwks.json").read_text())
    )
    assert report.intact, report.problem
    assert report.records_lost == 4 and report.calls == 4
    (gap,) = trail.run("SELECT line::jsonb->'record' FROM {entries} WHERE kind = 'gap'")
    assert gap[0]["request_ids"] == [f"lost-{i}" for i in range(4)]


def test_intents_are_closed_only_for_writers_gone_from_every_machine(admin: str, trail: PgTrail, key: Any) -> None:
    """A writer on another machine holds its liveness lock while it runs: its open
    intents are left alone; one whose lock nobody holds is closed as interrupted."""
    elsewhere_alive = {"boot": "another-machine", "pid": 101, "started": 5}
    elsewhere_gone = {"boot": "another-machine", "pid": 102, "started": 6}
    appender = store(trail, key)
    appender.append("intent", {"request_id": "a", "writer": elsewhere_alive})
    appender.append("intent", {"request_id": "g", "writer": elsewhere_gone})
    appender.append("intent", {"request_id": "mine", "writer": writer()})
    with psycopg.connect(admin, autocommit=True) as other_machine:
        other_machine.execute("SELECT pg_advisory_lock(%s)", (writer_lock_key(trail.schema, elsewhere_alive),))
        starting = store(trail, key)
        closed = starting.amend(close_dead)
        assert [(e["kind"], e["record"]["request_id"]) for e in closed] == [("interrupted", "g")]
        assert starting.amend(close_dead) == []  # closed once
        other_machine.execute("SELECT pg_advisory_unlock_all()")  # that process ends too
    # Its machine is gone too now: the next start closes its intent.
    assert [e["record"]["request_id"] for e in starting.amend(close_dead)] == ["a"]
    starting.close()
    appender.close()


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def cli(*args: str, dsn: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "guardrail.cli", "audit", *args],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "GUARDRAIL_DATABASE_URL": dsn},
        check=False,
    )


def test_the_audit_commands_read_postgres_and_migrate_refuses_a_newer_schema(
    trail: PgTrail, key: Any, tmp_path: Path
) -> None:
    written(trail, key, 12)
    (tmp_path / "jwks.json").write_text(json.dumps({"keys": [key.jwk]}))
    verified = cli(
        "verify",
        "--store",
        "postgres",
        "--schema",
        trail.schema,
        "--jwks",
        str(tmp_path / "jwks.json"),
        dsn=trail.service,
    )
    assert verified.returncode == 0 and "intact: 14 entries (12 calls, 2 checkpoints" in verified.stdout
    queried = cli("query", "--store", "postgres", "--schema", trail.schema, "--request-id", "r7", dsn=trail.service)
    assert [json.loads(line)["request_id"] for line in queried.stdout.splitlines()] == ["r7"]
    assert "nothing to do" in cli("migrate", "--schema", trail.schema, dsn=trail.admin).stdout
    trail.run(f"INSERT INTO {trail.schema}.schema_version (version, name) VALUES (99, '0099_future.sql')")
    refused = cli("migrate", "--schema", trail.schema, dsn=trail.admin)
    assert refused.returncode == 1 and "schema version 99 is newer than this guardrail knows" in refused.stderr
    unreadable = cli("verify", "--store", "postgres", "--schema", trail.schema, "--no-signatures", dsn=trail.service)
    assert unreadable.returncode == 1 and "newer than this guardrail knows" in unreadable.stdout
    secrets = [conninfo_to_dict(dsn)["password"] for dsn in (trail.admin, trail.service)]
    assert not any(secret in refused.stderr + unreadable.stdout for secret in secrets)


def test_an_unreadable_newest_row_fails_appends_visibly_instead_of_chaining_onto_it(
    trail: PgTrail, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("GUARDRAIL_DATABASE_URL", trail.service)
    settings = TrailSettings(checkpoint_every=EVERY, postgres_schema=trail.schema)
    records = CallRecords(
        audit_location(tmp_path / "data", "postgres"), KeyStore(tmp_path / "keys").active, settings=settings
    )
    assert records.write({"request_id": "r1"})
    trail.run("UPDATE {entries} SET line = 'not an entry' WHERE seq = (SELECT max(seq) FROM {entries})")
    assert not records.write({"request_id": "r2"}) and records.failing  # counted, never raised
    records.close()
    assert trail.run("SELECT count(*) FROM {entries}") == [(1,)]
