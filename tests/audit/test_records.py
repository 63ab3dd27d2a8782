"""The proxy's CallRecords: checkpoints by time, batch flushes on a timer, and a
witness that cannot be reached shown in readiness, never in the way of a call."""

from __future__ import annotations

import json
import time
from pathlib import Path

from guardrail.attribution import KeyStore
from guardrail.audit.records import CallRecords
from guardrail.audit.settings import TrailSettings, WitnessSettings


def kinds(trail: Path) -> list[str]:
    return [
        json.loads(line)["kind"] for day in sorted(trail.glob("audit-*.jsonl")) for line in day.read_text().splitlines()
    ]


def test_checkpoints_also_come_by_time_while_entries_are_written(tmp_path: Path) -> None:
    records = CallRecords(
        tmp_path / "audit",
        KeyStore(tmp_path / "keys").active,
        settings=TrailSettings(checkpoint_seconds=0.2, durability="batch", sync_window_seconds=0.1),
    )
    records.write({"request_id": "r1"})
    deadline = time.monotonic() + 5
    while "checkpoint" not in kinds(tmp_path / "audit") and time.monotonic() < deadline:
        time.sleep(0.05)
    assert kinds(tmp_path / "audit") == ["call", "checkpoint"]
    time.sleep(0.5)
    assert kinds(tmp_path / "audit") == ["call", "checkpoint"]  # nothing new, no new checkpoint
    records.close()


def test_an_unreachable_witness_is_counted_in_readiness_and_calls_go_on(tmp_path: Path) -> None:
    settings = TrailSettings(
        checkpoint_every=2, witnesses=[WitnessSettings(url="http://127.0.0.1:9", timeout_seconds=1)]
    )
    records = CallRecords(tmp_path / "audit", KeyStore(tmp_path / "keys").active, settings=settings)
    started = time.monotonic()
    assert all(records.write({"request_id": f"r{i}"}) for i in range(4))
    assert time.monotonic() - started < 1  # witnesses are served on their own thread
    records.close()
    assert any("could not be sent to a witness" in warning for warning in records.warnings)
