"""Intent entries: a call begun and never recorded is closed as interrupted at the next
start, but only when its writer process is gone; verify and the report count them."""

from __future__ import annotations

import json
import multiprocessing
import os
from pathlib import Path

import pytest

from guardrail.attribution import KeyStore
from guardrail.audit import verify_trail
from guardrail.audit.intents import alive, writer
from guardrail.audit.records import CallRecords
from guardrail.audit.render import render_markdown
from guardrail.audit.report import summarise
from guardrail.audit.settings import TrailSettings

SETTINGS = TrailSettings(checkpoint_every=4)


def kinds(trail: Path) -> list[tuple[str, dict[str, object]]]:
    return [
        (e["kind"], e["record"])
        for day in sorted(trail.glob("audit-*.jsonl"))
        for e in map(json.loads, day.read_text().splitlines())
    ]


def begin_and_die(trail: str, keys: str, count: int) -> None:
    """A worker that begins calls and is killed before any record."""
    records = CallRecords(Path(trail), KeyStore(Path(keys)).active, settings=SETTINGS)
    records.write({"request_id": "done-in-child"})
    records.begin("done-in-child-2")
    records.write({"request_id": "done-in-child-2"})
    for i in range(count):
        records.begin(f"cut-{i}", model="echo", stream=True, tenant="shop")
    os._exit(0)  # no close(): as good as SIGKILL for the trail


def test_open_intents_of_a_dead_writer_are_closed_as_interrupted(tmp_path: Path) -> None:
    trail, keys = tmp_path / "audit", tmp_path / "keys"
    KeyStore(keys)
    child = multiprocessing.get_context("fork").Process(target=begin_and_die, args=(str(trail), str(keys), 3))
    child.start()
    child.join()
    report = verify_trail(trail)
    assert report.open_intents == 3 and report.interrupted == 0
    live = CallRecords(trail, KeyStore(keys).active, settings=SETTINGS)  # a restart
    live.begin("mine")  # the running writer's own call: in flight, never closed by others
    CallRecords(trail, KeyStore(keys).active, settings=SETTINGS)  # another worker starting
    closed = [record for kind, record in kinds(trail) if kind == "interrupted"]
    assert sorted(r["request_id"] for r in closed) == ["cut-0", "cut-1", "cut-2"]  # once each
    assert all(r["reason"] == "writer_gone" and r["model"] == "echo" and r["tenant"] == "shop" for r in closed)
    live.write({"request_id": "mine", "status": 200})
    live.close()
    report = verify_trail(trail)
    assert report.intact and report.interrupted == 3 and report.open_intents == 0 and report.calls == 3
    page = render_markdown(summarise([{"status": 200}] * 3, report, period={}))
    assert "Calls interrupted (begun, the proxy stopped before their record): 3" in page
    assert "Calls the proxy handled: 6 (3 recorded, 0 lost, 3 interrupted)" in page


def test_a_record_lost_to_a_full_disk_closes_its_intent_through_the_gap_entry(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    records = CallRecords(tmp_path / "audit", KeyStore(tmp_path / "keys").active, settings=SETTINGS)
    records.begin("r1")
    working = records.store.append

    def disk_full(kind: str, record: dict[str, object]) -> dict[str, object]:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(records.store, "append", disk_full)
    assert not records.write({"request_id": "r1"})
    monkeypatch.setattr(records.store, "append", working)
    assert records.recover()
    (gap,) = [record for kind, record in kinds(tmp_path / "audit") if kind == "gap"]
    assert gap["request_ids"] == ["r1"] and gap["records_lost"] == 1
    report = verify_trail(tmp_path / "audit")
    assert report.open_intents == 0 and report.records_lost == 1  # lost, not also interrupted


def test_writer_identity_survives_pid_reuse() -> None:
    me = writer()
    assert alive(me)
    assert not alive({**me, "started": (me["started"] or 0) + 1})  # same pid, another process
    assert not alive({**me, "boot": "another-boot"})
    assert not alive({**me, "pid": 2**22 + 1})
