"""The audit chain: any single deletion, edit, swap, insertion or cut is detected."""

from __future__ import annotations

import json
import multiprocessing
import threading
from pathlib import Path
from typing import Any

import pytest

from guardrail.attribution import KeyStore, load_jwks
from guardrail.attribution.jws import sign
from guardrail.audit import FolderStore, verify_folder


def signer_for(keys: KeyStore) -> Any:
    return lambda head: sign(head, keys.active.private, keys.active.kid)


@pytest.fixture
def keys(tmp_path: Path) -> KeyStore:
    return KeyStore(tmp_path / "keys")


@pytest.fixture
def trail(tmp_path: Path, keys: KeyStore) -> tuple[Path, dict[str, Any]]:
    folder = tmp_path / "audit"
    store = FolderStore(folder, signer=signer_for(keys), checkpoint_every=5)
    for i in range(12):
        store.append("call", {"request_id": f"r{i}", "decision": "allow"})
    return folder, load_jwks(json.dumps(keys.jwks()))


def lines_of(folder: Path) -> tuple[Path, list[str]]:
    (path,) = sorted(folder.glob("audit-*.jsonl"))
    return path, path.read_text().splitlines(keepends=True)


def test_an_untouched_trail_verifies(trail: tuple[Path, dict[str, Any]]) -> None:
    folder, jwks = trail
    report = verify_folder(folder, jwks)
    assert report.intact, report.problem
    assert (report.calls, report.checkpoints) == (12, 2)


@pytest.mark.parametrize("index", range(14))
def test_deleting_any_one_entry_is_detected(trail: tuple[Path, dict[str, Any]], index: int) -> None:
    folder, jwks = trail
    path, lines = lines_of(folder)
    path.write_text("".join(lines[:index] + lines[index + 1 :]))
    report = verify_folder(folder, jwks)
    assert not report.intact
    assert report.problem is not None


@pytest.mark.parametrize("index", range(14))
def test_editing_any_one_entry_is_detected(trail: tuple[Path, dict[str, Any]], index: int) -> None:
    folder, jwks = trail
    path, lines = lines_of(folder)
    entry = json.loads(lines[index])
    entry["time"] += 1
    lines[index] = json.dumps(entry) + "\n"
    path.write_text("".join(lines))
    report = verify_folder(folder, jwks)
    assert report.problem is not None and report.problem.line == index + 1
    assert "altered" in report.problem.reason


@pytest.mark.parametrize("index", range(13))
def test_swapping_neighbours_is_detected(trail: tuple[Path, dict[str, Any]], index: int) -> None:
    folder, jwks = trail
    path, lines = lines_of(folder)
    lines[index], lines[index + 1] = lines[index + 1], lines[index]
    path.write_text("".join(lines))
    assert not verify_folder(folder, jwks).intact


def test_inserting_a_forged_entry_is_detected(trail: tuple[Path, dict[str, Any]]) -> None:
    from guardrail.audit.chain import line, seal

    folder, jwks = trail
    path, lines = lines_of(folder)
    before = json.loads(lines[3])
    forged = seal(before["seq"] + 1, before["hash"], "call", before["time"], {"request_id": "forged"})
    path.write_text("".join(lines[:4]) + line(forged).decode() + "".join(lines[4:]))
    report = verify_folder(folder, jwks)
    assert report.problem is not None and report.problem.line == 6


@pytest.mark.parametrize("keep", [3, 7, 11])
def test_cutting_the_file_is_detected(trail: tuple[Path, dict[str, Any]], keep: int) -> None:
    folder, jwks = trail
    path, lines = lines_of(folder)
    path.write_text("".join(lines[:keep]))
    report = verify_folder(folder, jwks)
    assert report.problem is not None and "cut off" in report.problem.reason


def test_partial_last_line_and_a_crash_in_the_middle(tmp_path: Path, keys: KeyStore) -> None:
    folder = tmp_path / "audit"
    store = FolderStore(folder, signer=signer_for(keys))
    for i in range(3):
        store.append("call", {"i": i})
    path, lines = lines_of(folder)
    path.write_text("".join(lines) + lines[0][:20])  # the writer died mid-line
    report = verify_folder(folder)
    assert report.problem is not None and "partial last line" in report.problem.reason
    store.append("call", {"i": 3})  # a restart continues the chain after the broken line
    report = verify_folder(folder)
    assert report.intact, report.problem
    assert report.calls == 4 and len(report.warnings) == 1


def test_a_checkpoint_signed_by_another_key_is_detected(trail: tuple[Path, dict[str, Any]], tmp_path: Path) -> None:
    folder, _ = trail
    other = load_jwks(json.dumps(KeyStore(tmp_path / "other").jwks()))
    report = verify_folder(folder, other)
    assert report.problem is not None and "checkpoint" in report.problem.reason


def test_empty_and_older_format_logs_are_reported(tmp_path: Path) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    assert verify_folder(empty).problem.reason == "the audit log is empty"  # type: ignore[union-attr]
    old = tmp_path / "old"
    old.mkdir()
    (old / "audit-20250101.jsonl").write_text(json.dumps({"v": 0, "seq": 1}) + "\n")
    assert "format version" in verify_folder(old).problem.reason  # type: ignore[union-attr]


def test_restart_continues_the_chain(tmp_path: Path) -> None:
    folder = tmp_path / "audit"
    FolderStore(folder).append("call", {"i": 1})
    FolderStore(folder).append("call", {"i": 2})
    report = verify_folder(folder)
    assert report.intact and report.last_seq == 2


def test_concurrent_threads_never_interleave_or_lose(tmp_path: Path) -> None:
    folder = tmp_path / "audit"
    store = FolderStore(folder)

    def work(n: int) -> None:
        for i in range(50):
            store.append("call", {"thread": n, "i": i, "pad": "x" * 2000})

    threads = [threading.Thread(target=work, args=(n,)) for n in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    report = verify_folder(folder)
    assert report.intact and report.calls == 400


def _append_many(folder: str, n: int) -> None:
    store = FolderStore(Path(folder))
    for i in range(n):
        store.append("call", {"pid_i": i, "pad": "y" * 3000})


def test_concurrent_processes_never_interleave_or_lose(tmp_path: Path) -> None:
    folder = tmp_path / "audit"
    context = multiprocessing.get_context("spawn")
    processes = [context.Process(target=_append_many, args=(str(folder), 100)) for _ in range(3)]
    for process in processes:
        process.start()
    for process in processes:
        process.join(timeout=120)
    report = verify_folder(folder)
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
    report = verify_folder(folder, load_jwks(json.dumps(keys.jwks())))
    assert report.intact, report.problem
    assert report.calls == 4 and len(store.files()) == 2  # day 2, and today's purge entry
    # Deleting another day file by hand, without a purge entry, is caught.
    store.files()[0].unlink()
    assert not verify_folder(folder).intact
