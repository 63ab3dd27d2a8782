"""Reading call records back out of an audit trail, filtered.

Unreadable lines are skipped here (``guardrail audit verify`` is where they are
reported); a progress callback lets the CLI show a bar over large folders.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from guardrail.audit.trail import Trail

PROGRESS_STEP = 1_000_000


@dataclass(frozen=True)
class Filter:
    since: datetime | None = None
    until: datetime | None = None
    tenant: str | None = None
    decision: str | None = None  # any check decision, e.g. "deny"
    request_id: str | None = None

    def accepts(self, record: dict[str, Any]) -> bool:
        when = record.get("time")
        if self.since is not None and (not isinstance(when, int | float) or when < self.since.timestamp()):
            return False
        if self.until is not None and (not isinstance(when, int | float) or when >= self.until.timestamp()):
            return False
        if self.tenant is not None and record.get("tenant") != self.tenant:
            return False
        if self.request_id is not None and record.get("request_id") != self.request_id:
            return False
        if self.decision is not None:
            decisions = {c.get("decision") for c in record.get("checks") or []}
            decisions |= {record.get("input_decision"), record.get("output_decision")}
            if self.decision not in decisions:
                return False
        return True


def call_records(
    trail: Trail, selection: Filter | None = None, progress: Callable[[int], None] | None = None
) -> Iterator[dict[str, Any]]:
    """Every call record in the trail that ``selection`` accepts, oldest first.

    ``progress`` is called with the number of bytes read, about every megabyte.
    """
    selection = selection or Filter()
    unreported = 0
    for _where, _number, raw in trail.lines():
        unreported += len(raw)
        if progress is not None and unreported >= PROGRESS_STEP:
            progress(unreported)
            unreported = 0
        try:
            entry = json.loads(raw)
        except ValueError:
            continue
        if isinstance(entry, dict) and entry.get("kind") == "call":
            record = entry.get("record")
            if isinstance(record, dict) and selection.accepts(record):
                yield record
    if progress is not None and unreported:
        progress(unreported)
