"""The audit chain: any single deletion, edit, swap, insertion or cut is detected,
in a folder of day files and in a SQLite file alike."""

from __future__ import annotations

import json
import multiprocessing
import sqlite3
import threading
from contextlib import closing
from pathlib import Path
from typing import Any

import pytest

from guardrail.attribution import KeyStore, load_jwks
from guardrail.attribution.jws import sign
from guardrail.audit import AuditStore, FolderStore, SqliteStore, verify_trail


def signer_for(keys: KeyStore) -> Any:
    return lambda head: sign(head, keys.active.private, keys.active.kid)


@pytest.fixture
def keys(tmp_path: Path) -> KeyStore:
    return KeyStore(tmp_path / "keys")


STORES = {"folder": ("audit", FolderStore), "sqlite": ("audit.sqlite3", SqliteStore)}


def open_store(tmp_path: Path, kind: str, **options: Any) -> tuple[Path, AuditStore]:
    name, store_type = STORES[kind]
    return tmp_path / name, store_type(tmp_path / name, **options)


class Lines:
    """A trail's raw lines, read and rewritten the way someone tampering would."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def read(self) -> list[str]:
        if self.path.is_dir():
            (day,) = sorted(self.path.glob("audit-*.jsonl"))
            return day.read_text().splitlines(keepends=True)
        with closing(sqlite3.connect(self.path)) as connection:
            return [row[0] + "\n" for row in connection.execute("SELECT line FROM entries ORDER BY id")]

    def write(self, lines: list[str]) -> None:
        if self.path.is_dir():
            (day,) = sorted(self.path.glob("audit-*.jsonl"))
            day.write_text("".join(lines))
            return
        with closing(sqlite3.connect(self.path)) as connection, connection:
            connection.execute("DELETE FROM entries")
            connection.execute("DELETE FROM sqlite_sequence")  # row ids restart at 1, like line numbers
            connection.executemany(
                "INSERT INTO entries (time, line) VALUES (0, ?)", [(text.rstrip("\n"),) for text in lines]
            )


@pytest.fixture(params=sorted(STORES))
def trail(request: pytest.FixtureRequest, tmp_path: Path, keys: KeyStore) -> tuple[Path, dict[str, Any]]:
    path, store = open_store(tmp_path, request.param, signer=signer_for(keys), checkpoint_every=5)
    for i in range(12):
        store.append("call", {"request_id": f"r{i}", "decision": "allow"})
    return path, load_jwks(json.dumps(keys.jwks()))


def lines_of(path: Path) -> tuple[Lines, list[str]]:
    lines = Lines(path)
    return lines, lines.read()


def test_an_untouched_trail_verifies(trail: tuple[Path, dict[str, Any]]) -> None:
    folder, jwks = trail
    report = verify_trail(folder, jwks)
    assert report.intact, report.problem
    assert (report.calls, report.checkpoints) == (12, 2)


@pytest.mark.parametrize("index", range(14))
def test_deleting_any_one_entry_is_detected(trail: tuple[Path, dict[str, Any]], index: int) -> None:
    folder, jwks = trail
    path, lines = lines_of(folder)
    path.write(lines[:index] + lines[index + 1 :])
    report = verify_trail(folder, jwks)
    assert not report.intact
    assert report.problem is not None


@pytest.mark.parametrize("index", range(14))
def test_editing_any_one_entry_is_detected(trail: tuple[Path, dict[str, Any]], index: int) -> None:
    folder, jwks = trail
    path, lines = lines_of(folder)
    entry = json.loads(lines[index])
    entry["time"] += 1
    lines[index] = json.dumps(entry) + "\n"
    path.write(lines)
    report = verify_trail(folder, jwks)
    assert report.problem is not None and report.problem.line == index + 1
    assert "altered" in report.problem.reason


@pytest.mark.parametrize("index", range(13))
def test_swapping_neighbours_is_detected(trail: tuple[Path, dict[str, Any]], index: int) -> None:
    folder, jwks = trail
    path, lines = lines_of(folder)
    lines[index], lines[index + 1] = lines[index + 1], lines[index]
    path.write(lines)
    assert not verify_trail(folder, jwks).intact


def test_inserting_a_forged_entry_is_detected(trail: tuple[Path, dict[str, Any]]) -> None:
    from guardrail.audit.chain import line, seal

    folder, jwks = trail
    path, lines = lines_of(folder)
    before = json.loads(lines[3])
    forged = seal(before["seq"] + 1, before["hash"], "call", before["time"], {"request_id": "forged"})
    path.write([*lines[:4], line(forged).decode(), *lines[4:]])
    report = verify_trail(folder, jwks)
    assert report.problem is not None and report.problem.line == 6


@pytest.mark.parametrize("keep", [3, 7, 11])
def test_cutting_the_file_is_detected(trail: tuple[Path, dict[str, Any]], keep: int) -> None:
    folder, jwks = trail
    path, lines = lines_of(folder)
    path.write(lines[:keep])
    report = verify_trail(folder, jwks)
    assert report.problem is not None and "cut off" in report.problem.reason


def test_a_torn_tail_is_cut_at_the_next_start_with_a_gap_entry_saying_what(tmp_path: Path, keys: KeyStore) -> None:
    folder = tmp_path / "audit"
    store = FolderStore(folder, signer=signer_for(keys))
    for i in range(3):
        store.append("call", {"i": i})
    (day,) = sorted(folder.glob("audit-*.jsonl"))
    whole = day.read_bytes()
    fourth = FolderStore(tmp_path / "scratch").append("call", {"request_id": "r-torn"})
    day.write_bytes(whole + json.dumps(fourth, sort_keys=True, separators=(",", ":")).encode()[:120])  # died mid-line
    report = verify_trail(folder)
    assert report.problem is not None and "partial last line" in report.problem.reason
    gap = FolderStore(folder, signer=signer_for(keys)).repair()  # what start-up does
    assert gap is not None and gap["kind"] == "gap" and gap["seq"] == 4
    assert gap["record"]["bytes_cut"] == 120 and gap["record"]["lost_kind"] == "call"
    assert gap["record"]["records_lost"] == 1 and day.read_bytes().startswith(whole)
    store.append("call", {"i": 3})
    report = verify_trail(folder)
    assert report.intact, report.problem
    assert report.calls == 4 and report.records_lost == 1


def test_garbage_inside_the_log_is_an_error_not_a_warning(tmp_path: Path, keys: KeyStore) -> None:
    folder = tmp_path / "audit"
    store = FolderStore(folder, signer=signer_for(keys))
    for i in range(3):
        store.append("call", {"i": i})
    lines = Lines(folder)
    text = lines.read()
    lines.write([*text[:2], "not an entry\n", *text[2:]])
    report = verify_trail(folder)
    assert report.problem is not None and "unreadable line" in report.problem.reason
    assert report.problem.line == 3


def test_a_checkpoint_signed_by_another_key_is_detected(trail: tuple[Path, dict[str, Any]], tmp_path: Path) -> None:
    folder, _ = trail
    other = load_jwks(json.dumps(KeyStore(tmp_path / "other").jwks()))
    report = verify_trail(folder, other)
    assert report.problem is not None and "checkpoint" in report.problem.reason


def test_empty_and_older_format_logs_are_reported(tmp_path: Path) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    assert verify_trail(empty).problem.reason == "the audit log is empty"  # type: ignore[union-attr]
    old = tmp_path / "old"
    old.mkdir()
    (old / "audit-20250101.jsonl").write_text(json.dumps({"v": 0, "seq": 1}) + "\n")
    assert "format version" in verify_trail(old).problem.reason  # type: ignore[union-attr]


@pytest.mark.parametrize("kind", sorted(STORES))
def test_restart_continues_the_chain(tmp_path: Path, kind: str) -> None:
    open_store(tmp_path, kind)[1].append("call", {"i": 1})
    folder, store = open_store(tmp_path, kind)
    store.append("call", {"i": 2})
    report = verify_trail(folder)
    assert report.intact and report.last_seq == 2


def test_two_writers_taking_turns_keep_one_chain(tmp_path: Path, keys: KeyStore) -> None:
    """Each writer remembers the head it wrote; the other's appends in between must
    make it read the head again, not fork the chain."""
    folder = tmp_path / "audit"
    first, second = (FolderStore(folder, signer=signer_for(keys), checkpoint_every=4) for _ in range(2))
    for i in range(10):
        (first if i % 3 else second).append("call", {"i": i})
    report = verify_trail(folder, load_jwks(json.dumps(keys.jwks())))
    assert report.intact, report.problem
    assert report.calls == 10
    assert json.loads((folder / "head.json").read_text())["seq"] == report.last_seq


@pytest.mark.parametrize("kind", sorted(STORES))
def test_concurrent_threads_never_interleave_or_lose(tmp_path: Path, kind: str) -> None:
    folder, store = open_store(tmp_path, kind)

    def work(n: int) -> None:
        for i in range(50):
            store.append("call", {"thread": n, "i": i, "pad": "x" * 2000})

    threads = [threading.Thread(target=work, args=(n,)) for n in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    report = verify_trail(folder)
    assert report.intact and report.calls == 400


def _append_many(tmp_path: str, kind: str, n: int) -> None:
    _, store = open_store(Path(tmp_path), kind)
    for i in range(n):
        store.append("call", {"pid_i": i, "pad": "y" * 3000})


@pytest.mark.parametrize("kind", sorted(STORES))
def test_concurrent_processes_never_interleave_or_lose(tmp_path: Path, kind: str) -> None:
    folder, _ = open_store(tmp_path, kind)
    context = multiprocessing.get_context("spawn")
    processes = [context.Process(target=_append_many, args=(str(tmp_path), kind, 100)) for _ in range(3)]
    for process in processes:
        process.start()
    for process in processes:
        process.join(timeout=120)
    report = verify_trail(folder)
    assert report.intact and report.calls == 300


def test_retention_purges_old_days_and_the_rest_still_verifies(tmp_path: Path, keys: KeyStore) -> None:
    now = [1_700_000_000.0]
    folder = tmp_path / "audit"
    store = FolderStore(folder, signer=signer_for(keys), checkpoint_every=3, clock=lambda: now[0])
    for day in range(3):
        for i in range(4):
            store.append("call", {"day": day, "i": i})
        now[0] += 86_400
    assert len(store.files()) == 3
    # Now is the start of day 3: days 0 and 1 ended more than 1.5 days ago.
    assert store.purge(max_age_seconds=1.5 * 86_400) == 2
    report = verify_trail(folder, load_jwks(json.dumps(keys.jwks())))
    assert report.intact, report.problem
    assert report.calls == 4 and len(store.files()) == 2  # day 2, and today's purge entry
    # Deleting another day file by hand, without a purge entry, is caught.
    store.files()[0].unlink()
    assert not verify_trail(folder).intact


def test_sqlite_retention_purges_old_entries_and_the_rest_still_verifies(tmp_path: Path, keys: KeyStore) -> None:
    now = [1_700_000_000.0]
    path, store = open_store(tmp_path, "sqlite", signer=signer_for(keys), checkpoint_every=3, clock=lambda: now[0])
    for day in range(3):
        for i in range(4):
            store.append("call", {"day": day, "i": i})
        now[0] += 86_400
    assert store.purge(max_age_seconds=1.5 * 86_400) > 0
    report = verify_trail(path, load_jwks(json.dumps(keys.jwks())))
    assert report.intact, report.problem
    assert report.calls == 4  # day 2 only
    lines, kept = lines_of(path)
    lines.write(kept[1:])  # deleting the oldest survivor, with no purge entry for it, is caught
    assert not verify_trail(path).intact


def test_a_file_that_is_not_a_trail_is_reported(tmp_path: Path) -> None:
    stray = tmp_path / "notes.txt"
    stray.write_text("hello")
    assert "not an audit folder or SQLite" in verify_trail(stray).problem.reason  # type: ignore[union-attr]


@pytest.mark.parametrize("kind", sorted(STORES))
def test_a_live_trail_not_yet_checkpointed_passes_only_when_said_to_be_live(
    tmp_path: Path, keys: KeyStore, kind: str
) -> None:
    path, store = open_store(tmp_path, kind, signer=signer_for(keys), checkpoint_every=5)
    for i in range(3):
        store.append("call", {"request_id": f"r{i}"})
    jwks = load_jwks(json.dumps(keys.jwks()))
    strict = verify_trail(path, jwks, checkpoint_every=5)
    assert strict.problem is not None and "no signed checkpoint in 3 entries" in strict.problem.reason
    live = verify_trail(path, jwks, checkpoint_every=5, live=True)
    assert live.problem is None and any("no signed checkpoint yet" in warning for warning in live.warnings)
    for i in range(3, 7):
        store.append("call", {"request_id": f"r{i}"})
    assert verify_trail(path, jwks, checkpoint_every=5, live=True).problem is None  # checkpointed at 5
