"""Durable writes: a full disk or a short write never leaves half an entry, the caller
is told, fsync follows the durability setting, and the writer's gap entry after
recovery says exactly how many records were lost, for a folder as for SQLite."""

from __future__ import annotations

import errno
import json
import os
import stat
from pathlib import Path
from typing import Any

import pytest

from guardrail.attribution import KeyStore, load_jwks
from guardrail.audit import FolderStore, SqliteStore, verify_trail
from guardrail.audit.records import CallRecords
from guardrail.audit.settings import TrailSettings
from guardrail.errors import ConfigurationError
from tests.audit.disks import fill

PAD = "x" * 400  # a call record of about 600 bytes


TRAILS = {"folder": "audit", "sqlite": "audit.sqlite3"}


@pytest.mark.parametrize("kind", sorted(TRAILS))
def test_a_full_disk_loses_records_visibly_and_the_trail_verifies_after(
    small_disk: Path, tmp_path: Path, kind: str
) -> None:
    keys = KeyStore(tmp_path / "keys")
    records = CallRecords(small_disk / "data" / TRAILS[kind], keys.active, settings=TrailSettings(checkpoint_every=10))
    assert all(records.write({"request_id": f"before-{i}", "pad": PAD}) for i in range(5))
    filler = fill(small_disk)
    written = [records.write({"request_id": f"full-{i}", "pad": PAD}) for i in range(7)]
    # Small records may still fit in the last partial block; every one refused is counted.
    lost = written.count(False)
    assert lost >= 5 and records.failing
    filler.unlink()
    assert records.recover() and records.write({"request_id": "after", "pad": PAD})
    records.close()
    jwks = load_jwks((small_disk / "data" / "checkpoint-jwks.json").read_text())
    report = verify_trail(small_disk / "data" / TRAILS[kind], jwks)
    assert report.intact, report.problem
    assert report.records_lost == lost and report.calls == 5 + (7 - lost) + 1


def test_a_short_write_is_cut_back_and_reported(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    store = FolderStore(tmp_path / "audit")
    store.append("call", {"request_id": "r0"})
    (day,) = (tmp_path / "audit").glob("audit-*.jsonl")
    before = day.read_bytes()
    real_write = os.write

    def half_then_nothing(descriptor: int, data: Any) -> int:
        if len(data) > 100:
            return real_write(descriptor, bytes(data[: len(data) // 2]))
        return 0  # the disk is full

    monkeypatch.setattr(os, "write", half_then_nothing)
    with pytest.raises(OSError) as raised:
        store.append("call", {"request_id": "r1"})
    assert raised.value.errno == errno.ENOSPC
    monkeypatch.setattr(os, "write", real_write)
    assert day.read_bytes() == before  # no half line left behind
    store.append("call", {"request_id": "r2"})
    assert verify_trail(tmp_path / "audit").problem is None


@pytest.mark.parametrize(("durability", "expected"), [("record", 9), ("batch", 1)])
def test_fsync_follows_the_durability_setting(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, durability: str, expected: int
) -> None:
    now = [1_000.0]
    store = FolderStore(
        tmp_path / "audit",
        durability=durability,
        sync_window=1.0,  # type: ignore[arg-type]
        clock=lambda: now[0],
    )
    synced: list[int] = []
    monkeypatch.setattr(os, "fsync", lambda descriptor: synced.append(descriptor))
    for _ in range(9):
        store.append("call", {})
        now[0] += 0.3  # nine entries over 2.7 s: batch syncs once a second has passed since the first unsynced
    assert len(synced) == expected
    store.sync()  # the proxy's timer, and shutdown
    assert len(synced) == expected + (durability == "batch")


def test_sqlite_durability_is_the_synchronous_pragma(tmp_path: Path) -> None:
    for durability, level in (("record", 2), ("batch", 1)):  # FULL, NORMAL
        store = SqliteStore(tmp_path / f"{durability}.sqlite3", durability=durability)  # type: ignore[arg-type]
        with store._transaction() as connection:
            assert connection.execute("PRAGMA synchronous").fetchone()[0] == level


def test_the_data_folder_and_files_are_owner_only(tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir(mode=0o755)
    data.chmod(0o755)
    keys = KeyStore(data / "keys")
    for trail in ("audit", "audit.sqlite3"):
        records = CallRecords(data / trail, keys.active, settings=TrailSettings(checkpoint_every=2))
        for i in range(3):
            records.write({"request_id": f"r{i}"})
        records.close()
    assert stat.S_IMODE(data.stat().st_mode) == 0o700
    assert stat.S_IMODE((data / "audit").stat().st_mode) == 0o700
    files = [*(data / "audit").iterdir(), data / "audit.sqlite3", data / "checkpoint-jwks.json"]
    assert files and {oct(stat.S_IMODE(path.stat().st_mode)) for path in files} == {oct(0o600)}


def test_key_files_open_to_others_are_refused(tmp_path: Path) -> None:
    keys = KeyStore(tmp_path / "keys")
    (pem,) = (tmp_path / "keys").glob("*.pem")
    pem.chmod(0o644)
    with pytest.raises(ConfigurationError, match="open to group or others.*chmod 600"):
        KeyStore(tmp_path / "keys")
    apart = tmp_path / "elsewhere" / "checkpoint.pem"
    apart.parent.mkdir()
    apart.write_bytes(pem.read_bytes())
    apart.chmod(0o640)
    with pytest.raises(ConfigurationError, match="checkpoint.pem: key file is open to group"):
        CallRecords(tmp_path / "audit", keys.active, settings=TrailSettings(checkpoint_key=apart))
    apart.chmod(0o600)
    records = CallRecords(tmp_path / "data" / "audit", keys.active, settings=TrailSettings(checkpoint_key=apart))
    assert not records.checkpoint_key.local and not any("data folder" in w for w in records.warnings)
    local = CallRecords(tmp_path / "data2" / "audit", keys.active)
    assert local.checkpoint_key.local and any("data folder" in w for w in local.warnings)


def test_the_checkpoint_key_can_come_from_the_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    other = KeyStore(tmp_path / "secret")
    (pem,) = (tmp_path / "secret").glob("*.pem")
    monkeypatch.setenv("GUARDRAIL_CHECKPOINT_KEY", pem.read_text())
    records = CallRecords(tmp_path / "data" / "audit", KeyStore(tmp_path / "data" / "keys").active)
    records.write({"request_id": "r"})
    records.close()
    published = json.loads((tmp_path / "data" / "checkpoint-jwks.json").read_text())
    assert [key["kid"] for key in published["keys"]] == [other.active.kid]
    assert verify_trail(tmp_path / "data" / "audit", load_jwks(json.dumps(other.jwks()))).intact
