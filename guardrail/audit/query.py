"""Reading call records back out of an audit trail, filtered.

Unreadable lines are skipped here (``guardrail audit verify`` is where they are
reported); a progress callback lets the CLI show a bar over large folders.
:func:`format_table` shows records as a table a person can read (ISO times, the stage
and code of a refusal) instead of JSON lines.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from guardrail.audit.report import iso_time, refusal_stage
from guardrail.audit.trail import Trail

PROGRESS_STEP = 1_000_000


@dataclass(frozen=True)
class Filter:
    since: datetime | None = None
    until: datetime | None = None
    tenant: str | None = None
    decision: str | None = None  # any check decision, e.g. "deny" (which also matches every refused call)
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
            if refusal_stage(record) is not None:  # refused as a whole too (a prohibited tier, an opt-out)
                decisions.add("deny")
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


TABLE_COLUMNS = ("time (UTC)", "request id", "tenant", "use case", "status", "refused at", "code")


def table_row(record: dict[str, Any]) -> tuple[str, ...]:
    """One record as a row of :data:`TABLE_COLUMNS`: its ISO time, who, the status, the
    stage guardrail refused it at (blank if it did not) and its reason or error code."""
    stage = refusal_stage(record)
    code = record.get("error") or (record.get(f"{stage}_reason") if stage in ("input", "output") else None)
    values = (
        iso_time(record.get("time")),
        record.get("request_id"),
        record.get("tenant"),
        record.get("use_case"),
        record.get("status"),
        stage,
        code,
    )
    return tuple(_printable("" if value is None else str(value)) for value in values)


def format_table(records: Iterable[dict[str, Any]]) -> Iterator[str]:
    """The records as an aligned plain-text table, header first (read whole, to size
    the columns: meant for a screenful, with ``--limit``)."""
    rows = [TABLE_COLUMNS, *(table_row(record) for record in records)]
    if len(rows) == 1:
        yield "no matching calls"
        return
    widths = [max(len(row[i]) for row in rows) for i in range(len(TABLE_COLUMNS))]
    for number, row in enumerate(rows):
        yield "  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip()
        if number == 0:
            yield "  ".join("-" * width for width in widths)


def _printable(text: str) -> str:
    """A value from a record, unable to move the cursor, colour the terminal or break
    the row: control characters are shown escaped."""
    return "".join(c if c.isprintable() else repr(c)[1:-1] for c in text)
