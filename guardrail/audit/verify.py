"""Verifying an audit trail (folder or SQLite file): chain, checkpoints and completeness.

Reports the first entry that breaks the trail and why, in terms an auditor can act
on: edited (hash), missing/inserted/reordered (sequence and links), cut off (head or
checkpoint beyond the end), bad checkpoint signature, unreadable line. Never raises on
bad input.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from guardrail.attribution import jws
from guardrail.audit.chain import GENESIS, VERSION, entry_hash
from guardrail.audit.trail import Trail, TrailUnreadable, open_trail


@dataclass(frozen=True)
class Problem:
    file: str
    line: int
    reason: str
    seq: int | None = None

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" + (f" (seq {self.seq})" if self.seq is not None else "")
        return f"{where}: {self.reason}"


@dataclass
class ChainReport:
    entries: int = 0
    calls: int = 0
    checkpoints: int = 0
    records_lost: int = 0  # call records the writer could not write, per its gap entries
    last_seq: int = 0
    problem: Problem | None = None
    warnings: list[str] = field(default_factory=list)

    @property
    def intact(self) -> bool:
        return self.problem is None and self.entries > 0


def verify_trail(path: Path, jwks: Mapping[str, Mapping[str, Any]] | None = None) -> ChainReport:
    """Check the trail at ``path``; signatures too when ``jwks`` is given."""
    report = ChainReport()
    try:
        trail = open_trail(path)
        return _verify(trail, jwks, report, path)
    except TrailUnreadable as error:
        report.problem = Problem(str(path), 0, str(error).removeprefix(f"{path}: "))
        return report


def _verify(trail: Trail, jwks: Mapping[str, Mapping[str, Any]] | None, report: ChainReport,
            path: Path) -> ChainReport:
    prev_seq, prev_hash = 0, GENESIS
    start_anchor: tuple[int, str] | None = None
    pending_partial: Problem | None = None
    for name, number, raw in trail.lines():
        if not raw.strip():
            continue
        entry = _parse(raw)
        if entry is None:
            if not raw.endswith(b"\n"):
                report.problem = Problem(name, number, "partial last line (the writer stopped mid-write)")
                return report
            pending_partial = Problem(name, number, "unreadable line")
            continue
        if entry.get("v") != VERSION:
            report.problem = Problem(name, number, f"unsupported record format version {entry.get('v')!r} "
                                     f"(this verifier reads version {VERSION})", entry.get("seq"))
            return report
        seq, prev = entry.get("seq"), entry.get("prev")
        if not isinstance(seq, int) or not isinstance(prev, str) or not isinstance(entry.get("kind"), str):
            report.problem = Problem(name, number, "entry lacks seq, prev or kind")
            return report
        if entry_hash(entry) != entry.get("hash"):
            report.problem = Problem(name, number, "entry was altered (its hash does not match its content)", seq)
            return report
        if report.entries == 0 and seq != 1:
            start_anchor = (seq, prev)  # earlier entries purged? checked below
        elif seq != prev_seq + 1 or prev != prev_hash:
            report.problem = Problem(
                name, number,
                f"chain broken: expected seq {prev_seq + 1} linking to the previous entry; an entry "
                "was deleted, inserted or moved here", seq)
            return report
        if pending_partial is not None:
            report.warnings.append(f"{pending_partial}: skipped; the chain continues intact after it (a crash)")
            pending_partial = None
        problem = _check_kind(entry, jwks, name, number)
        if problem is not None:
            report.problem = problem
            return report
        if entry.get("kind") == "purge" and start_anchor is not None:
            record = entry.get("record", {})
            if (record.get("first_kept_seq"), record.get("first_kept_prev")) == start_anchor:
                start_anchor = None
        report.entries += 1
        report.calls += entry.get("kind") == "call"
        report.checkpoints += entry.get("kind") == "checkpoint"
        if entry.get("kind") == "gap":
            _note_gap(report, entry)
        prev_seq, prev_hash = seq, str(entry["hash"])
    report.last_seq = prev_seq
    if pending_partial is not None:
        report.problem = pending_partial
    elif report.entries == 0:
        report.problem = Problem(str(path), 0, "the audit log is empty")
    elif start_anchor is not None:
        report.problem = Problem("", 0, f"the log starts at seq {start_anchor[0]} but no purge entry accounts "
                                 "for the earlier entries: they were deleted", start_anchor[0])
    else:
        report.problem = _check_head(trail, prev_seq)
    return report


def _note_gap(report: ChainReport, entry: dict[str, Any]) -> None:
    """A gap entry: the writer says how many call records it could not write, and when."""
    record = entry.get("record") or {}
    lost = record.get("records_lost")
    if not isinstance(lost, int):
        return
    report.records_lost += lost
    span = " to ".join(_iso(record.get(key)) for key in ("since", "until"))
    report.warnings.append(f"seq {entry['seq']}: {lost} call record(s) could not be written ({span})")


def _iso(moment: Any) -> str:
    if not isinstance(moment, int | float):
        return "?"
    return datetime.fromtimestamp(moment, UTC).isoformat(timespec="seconds")


def _parse(raw: bytes) -> dict[str, Any] | None:
    try:
        entry = json.loads(raw)
    except ValueError:
        return None
    return entry if isinstance(entry, dict) else None


def _check_kind(entry: dict[str, Any], jwks: Mapping[str, Mapping[str, Any]] | None,
                name: str, number: int) -> Problem | None:
    if entry.get("kind") != "checkpoint":
        return None
    record = entry.get("record") or {}
    head = record.get("head") or {}
    if head.get("seq") != entry["seq"] - 1 or head.get("hash") != entry["prev"]:
        return Problem(name, number, "checkpoint does not vouch for the entry before it", entry["seq"])
    if jwks is None:
        return None
    try:
        header, payload, signing_input, signature = jws.parse(str(record.get("jws")))
        key = jws.public_key_from_jwk(dict(jwks[str(header.get("kid"))]))
    except (jws.MalformedJws, KeyError, ValueError):
        return Problem(name, number, "checkpoint signed with an unknown or unreadable key", entry["seq"])
    if payload != head or not jws.signature_valid(key, signing_input, signature):
        return Problem(name, number, "checkpoint signature is not valid for this key set", entry["seq"])
    return None


def _check_head(trail: Trail, last_seq: int) -> Problem | None:
    """The end is cut off if the head record, or the latest signed checkpoint (kept
    outside the log too), names an entry past the last one."""
    for name, claimed in trail.claimed_heads():
        if claimed > last_seq:
            return Problem(name, 0, f"the log was cut off: it ends at seq {last_seq} but {name} "
                           f"records seq {claimed}", last_seq)
    return None
