"""Intent entries: a call the upstream may have seen is in the trail before it is made.

Every guarded call writes an ``intent`` (request id, model, who wrote it) before it
calls the upstream, and the call's record after. A writer killed in between leaves the intent
open; the next start of any writer finds open intents whose writer process is gone
and closes each with an ``interrupted`` entry of its own, in the chain like any other.
Intents of writers still running (other workers) are left alone.

A writer is named by the machine's boot id, its pid and its start time, so a reused
pid or a reboot never makes a dead writer look alive. A folder or SQLite trail belongs
to one machine (another would take its writers for dead); a PostgreSQL trail shared by
several machines knows which writers are alive by the advisory lock each holds while
it runs (:mod:`guardrail.audit.postgres_store`).
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterator
from functools import cache
from typing import Any

_KIND = re.compile(rb'"kind":"(intent|call|interrupted|gap)"')
_REQUEST_ID = re.compile(rb'"request_id":"([^"\\]{1,200})"')


@cache
def _boot_id() -> str:
    try:
        with open("/proc/sys/kernel/random/boot_id", encoding="ascii") as handle:
            return handle.read().strip()
    except OSError:
        return "unknown"


def _started(pid: int) -> int | None:
    """A process's start time in clock ticks since boot (``/proc/<pid>/stat`` field 22)."""
    try:
        with open(f"/proc/{pid}/stat", "rb") as handle:
            fields = handle.read().rsplit(b")", 1)[1].split()
        return int(fields[19])
    except (OSError, IndexError, ValueError):
        return None


def writer() -> dict[str, Any]:
    """This process as an intent's writer."""
    pid = os.getpid()
    return {"boot": _boot_id(), "pid": pid, "started": _started(pid)}


def alive(who: Any) -> bool:
    """Whether the writer of an intent is still running (unknown writers count as alive)."""
    if not isinstance(who, dict) or not isinstance(who.get("pid"), int):
        return True
    if who.get("boot") != _boot_id():
        return _boot_id() == "unknown"  # rebooted since: every writer of then is gone
    started = _started(who["pid"])
    return started is not None and started == who.get("started")


def close_dead(lines: Iterator[bytes]) -> list[tuple[str, dict[str, Any]]]:
    """The ``interrupted`` entries for intents left open by writers that are gone.

    One pass; only intents are parsed whole, call records only for their request id.
    A gap entry's ``request_ids`` (records that could not be written) close theirs.
    """
    open_intents: dict[str, tuple[int, dict[str, Any]]] = {}
    for raw in lines:
        kind = _KIND.search(raw[:200])
        if kind is None:
            continue
        if kind.group(1) == b"intent":
            try:
                entry = json.loads(raw)
            except ValueError:
                continue
            record = entry.get("record") or {}
            open_intents[str(record.get("request_id"))] = (int(entry["seq"]), record)
        elif kind.group(1) == b"gap" and open_intents:
            try:
                lost = (json.loads(raw).get("record") or {}).get("request_ids") or []
            except ValueError:
                continue
            for request_id in lost:
                open_intents.pop(str(request_id), None)
        elif open_intents:
            for found in _REQUEST_ID.findall(raw):
                open_intents.pop(found.decode("utf-8", "replace"), None)
    closing: list[tuple[str, dict[str, Any]]] = []
    for request_id, (seq, record) in open_intents.items():
        if alive(record.get("writer")):
            continue
        interrupted: dict[str, Any] = {"request_id": request_id, "intent_seq": seq, "began": record.get("time")}
        interrupted.update({key: record[key] for key in ("model", "stream", "tenant", "path") if key in record})
        interrupted.update(writer=record.get("writer"), reason="writer_gone")
        closing.append(("interrupted", interrupted))
    return closing
