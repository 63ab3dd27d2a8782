"""Verifying an audit trail (folder, SQLite file or PostgreSQL): chain, checkpoints and completeness.

Reports the first thing that breaks the trail and why, in terms an auditor can act
on: edited (hash), missing/inserted/reordered (sequence and links), an unreadable
line, cut off (head or checkpoint beyond the end), a side record (head, latest
checkpoint) deleted, unreadable or disagreeing with the log, a checkpoint with a bad
signature, too many entries without a checkpoint, and, against a witness's record
of the checkpoints it received, a trail cut back or rewritten since. Never raises on
bad input.

What it counts: call records, records lost while the trail could not be written
(``gap`` entries), calls the upstream saw whose writer died before their record
(``interrupted`` entries), and intents still open at the end (calls in flight, or a
writer that died and has not been restarted yet).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from guardrail.attribution import jws
from guardrail.audit.chain import GENESIS, VERSION, entry_hash
from guardrail.audit.store import CHECKPOINT_EVERY
from guardrail.audit.trail import Trail, TrailUnreadable, open_trail


@dataclass(frozen=True)
class Problem:
    file: str
    line: int
    reason: str
    seq: int | None = None

    def __str__(self) -> str:
        where = (
            self.file + (f":{self.line}" if self.line else "") + (f" (seq {self.seq})" if self.seq is not None else "")
        )
        return f"{where}: {self.reason}"


@dataclass(frozen=True)
class Witnessed:
    """One checkpoint as a witness received it: the head it vouched for, and when."""

    source: str  # the witness: a file path or URL
    seq: int
    hash: str
    time: float | None = None


@dataclass
class ChainReport:
    entries: int = 0
    calls: int = 0
    checkpoints: int = 0
    records_lost: int = 0  # call records the writer could not write, per its gap entries
    interrupted: int = 0  # calls whose writer died after the upstream call, before the record
    open_intents: int = 0  # calls begun with no record yet (in flight, or a writer not restarted)
    witnessed: int = 0  # checkpoints a witness confirmed
    last_seq: int = 0
    problem: Problem | None = None
    warnings: list[str] = field(default_factory=list)

    @property
    def intact(self) -> bool:
        return self.problem is None and self.entries > 0


def verify_trail(
    path: Path | Trail,
    jwks: Mapping[str, Mapping[str, Any]] | None = None,
    *,
    witnessed: Iterable[Witnessed] = (),
    checkpoint_every: int = CHECKPOINT_EVERY,
    max_interval: int | None = None,
    live: bool = False,
) -> ChainReport:
    """Check the trail at ``path``; signatures too when ``jwks`` is given, and every
    checkpoint a witness holds (``witnessed``). ``checkpoint_every`` is the interval
    assumed for checkpoints that do not state their own; ``max_interval``, the
    auditor's own expectation, caps what checkpoints state (a rewrite signed with a
    stolen key could state any interval). ``live``: the trail is still being written, so
    a first stretch shorter than the interval, not yet checkpointed, is a warning rather
    than a failure (only a witness vouches for it until then)."""
    report = ChainReport()
    try:
        trail = open_trail(path)
        verifier = _Verifier(trail, jwks, list(witnessed), checkpoint_every, report)
        verifier.max_interval = max_interval
        verifier.live = live
        return verifier.run(_name(path))
    except TrailUnreadable as error:
        report.problem = Problem(_name(path), 0, str(error).removeprefix(f"{path}: "))
        return report


def _name(source: Path | Trail) -> str:
    return str(source) if isinstance(source, Path) else str(getattr(source, "label", type(source).__name__))


class _Verifier:
    def __init__(
        self,
        trail: Trail,
        jwks: Mapping[str, Mapping[str, Any]] | None,
        witnessed: list[Witnessed],
        every: int,
        report: ChainReport,
    ) -> None:
        self.trail, self.jwks, self.witnessed, self.every, self.report = trail, jwks, witnessed, every, report
        self.sides = trail.sides()
        # The hashes of the entries that side records and witnesses name, kept while reading.
        self.wanted = {w.seq for w in witnessed}
        for side in self.sides.values():
            if side.state == "ok" and side.data is not None:
                seq = _dig(side.data, ("head", "seq")) if "head" in side.data else side.data.get("seq")
                if isinstance(seq, int):
                    self.wanted.add(seq)
        self.hashes: dict[int, str] = {}
        self.first_seq = 0
        self.last_checkpoint: dict[str, Any] | None = None
        self.open: dict[str, int] = {}  # request id -> seq of its intent
        # Too few checkpoints: reported after the side records and witnesses, which say more.
        self.interval_problem: Problem | None = None

    def run(self, name: str) -> ChainReport:
        report = self.report
        problem = self._chain()
        if problem is None and report.entries == 0:
            problem = Problem(name, 0, "the audit log is empty")
        report.problem = problem or self._side_records() or self._witnesses() or self.interval_problem
        report.open_intents = len(self.open)
        if self.open and report.problem is None:
            report.warnings.append(
                f"{len(self.open)} call(s) begun with no record yet (in flight, or their writer "
                "died and has not been restarted to close them as interrupted)"
            )
        return report

    def _chain(self) -> Problem | None:
        report = self.report
        prev_seq, prev_hash = 0, GENESIS
        start_anchor: tuple[int, str] | None = None
        since_checkpoint = 0
        for name, number, raw in self.trail.lines():
            if not raw.strip():
                continue
            entry = _parse(raw)
            if entry is None:
                if not raw.endswith(b"\n"):
                    return Problem(
                        name,
                        number,
                        "partial last line (the writer stopped mid-write; the next start "
                        "cuts it off and records a gap)",
                    )
                return Problem(name, number, "unreadable line: not an entry (inserted, or damaged)")
            if entry.get("v") != VERSION:
                return Problem(
                    name,
                    number,
                    f"unsupported record format version {entry.get('v')!r} (this verifier reads version {VERSION})",
                    entry.get("seq"),
                )
            seq, prev, kind = entry.get("seq"), entry.get("prev"), entry.get("kind")
            if not isinstance(seq, int) or not isinstance(prev, str) or not isinstance(kind, str):
                return Problem(name, number, "entry lacks seq, prev or kind")
            if entry_hash(entry) != entry.get("hash"):
                return Problem(name, number, "entry was altered (its hash does not match its content)", seq)
            if report.entries == 0:
                self.first_seq = seq
                if seq != 1:
                    start_anchor = (seq, prev)  # earlier entries purged? checked below
            elif seq != prev_seq + 1 or prev != prev_hash:
                return Problem(
                    name,
                    number,
                    f"chain broken: expected seq {prev_seq + 1} linking to the previous "
                    "entry; an entry was deleted, inserted or moved here",
                    seq,
                )
            if kind == "checkpoint":
                problem = self._checkpoint(entry, name, number, since_checkpoint)
                if problem is not None:
                    return problem
                since_checkpoint = 0
            else:
                since_checkpoint += 1
            if kind == "purge" and start_anchor is not None:
                record = entry.get("record", {})
                if (record.get("first_kept_seq"), record.get("first_kept_prev")) == start_anchor:
                    start_anchor = None
            self._count(entry)
            if seq in self.wanted:
                self.hashes[seq] = str(entry["hash"])
            prev_seq, prev_hash = seq, str(entry["hash"])
        report.last_seq = prev_seq
        if start_anchor is not None:
            return Problem(
                "",
                0,
                f"the log starts at seq {start_anchor[0]} but no purge entry accounts "
                "for the earlier entries: they were deleted",
                start_anchor[0],
            )
        limit = self._interval(self.last_checkpoint)
        if self.last_checkpoint is None and self.jwks is None:
            report.warnings.append("no signed checkpoint: nothing vouches for the end of the trail")
        elif self.last_checkpoint is None and self.live and 0 < report.entries <= limit:
            # A trail still being written: its writer checkpoints once it reaches the
            # interval (or at shutdown). Only a witness can vouch for it before then.
            report.warnings.append(
                f"no signed checkpoint yet: {report.entries} entries, fewer than the interval of "
                f"{limit}, are not vouched for until the writer checkpoints or shuts down"
            )
        elif self.last_checkpoint is None and report.entries:
            self.interval_problem = Problem(
                "",
                0,
                f"no signed checkpoint in {report.entries} entries: nothing vouches for them (a writer "
                "checkpoints at its interval and at shutdown; checkpoints were removed, or the trail was rewritten)",
                prev_seq,
            )
        elif since_checkpoint > limit:
            self.interval_problem = Problem(
                "",
                0,
                f"{since_checkpoint} entries after the last checkpoint, more than the interval of {limit}: "
                "checkpoints were removed, or the trail was rewritten",
                prev_seq,
            )
        return None

    def _count(self, entry: dict[str, Any]) -> None:
        report, kind = self.report, entry["kind"]
        found = entry.get("record")
        record: dict[str, Any] = found if isinstance(found, dict) else {}
        report.entries += 1
        report.calls += kind == "call"
        report.checkpoints += kind == "checkpoint"
        if kind == "intent":
            self.open[str(record.get("request_id"))] = int(entry["seq"])
        elif kind in ("call", "interrupted"):
            self.open.pop(str(record.get("request_id")), None)
            report.interrupted += kind == "interrupted"
        elif kind == "gap":
            _note_gap(report, entry)
            for request_id in record.get("request_ids") or []:
                self.open.pop(str(request_id), None)

    max_interval: int | None = None
    live: bool = False

    def _interval(self, checkpoint: dict[str, Any] | None) -> int:
        declared = _dig(checkpoint, ("record", "head", "every")) if checkpoint else None
        interval = declared if isinstance(declared, int) and declared > 0 else self.every
        return min(interval, self.max_interval) if self.max_interval else interval

    def _checkpoint(self, entry: dict[str, Any], name: str, number: int, since: int) -> Problem | None:
        record = entry.get("record") or {}
        head = record.get("head") or {}
        if head.get("seq") != entry["seq"] - 1 or head.get("hash") != entry["prev"]:
            return Problem(name, number, "checkpoint does not vouch for the entry before it", entry["seq"])
        limit = self._interval(entry)
        if since > limit:
            return Problem(
                name,
                number,
                f"{since} entries since the previous checkpoint, more than the interval "
                f"of {limit}: checkpoints were removed, or the trail was rewritten",
                entry["seq"],
            )
        self.last_checkpoint = entry
        return self._signature(record, head, name, number, entry["seq"])

    def _signature(self, record: dict[str, Any], head: Any, name: str, number: int, seq: int | None) -> Problem | None:
        if self.jwks is None:
            return None
        try:
            header, payload, signing_input, signature = jws.parse(str(record.get("jws")))
            key = jws.public_key_from_jwk(dict(self.jwks[str(header.get("kid"))]))
        except (jws.MalformedJws, KeyError, ValueError):
            return Problem(name, number, "checkpoint signed with an unknown or unreadable key", seq)
        if payload != head or not jws.signature_valid(key, signing_input, signature):
            return Problem(name, number, "checkpoint signature is not valid for this key set", seq)
        return None

    def _side_records(self) -> Problem | None:
        """The head and latest checkpoint kept beside the log must be there, readable,
        and agree with it: a cut-off end, a deleted or lowered side record, all show.
        A store that keeps none (PostgreSQL) has the checkpoints and witnesses alone."""
        if not self.sides:
            return None
        last = self.report.last_seq
        head, latest = self.sides["head"], self.sides["checkpoint"]
        for side in (head, latest):
            if side.state == "unreadable":
                return Problem(side.label, 0, "unreadable: not the record the writer keeps (rewritten?)")
        if head.state == "missing":
            return Problem(head.label, 0, "missing: the head record was deleted (it is written with every entry)")
        claims = (
            [(latest, _dig(latest.data, ("head", "seq")), _dig(latest.data, ("head", "hash")))]
            if latest.state == "ok"
            else []
        )
        claims.append((head, _dig(head.data, ("seq",)), _dig(head.data, ("hash",))))
        for side, seq, digest in claims:
            if not isinstance(seq, int) or not isinstance(digest, str):
                return Problem(side.label, 0, "unreadable: no seq and hash (rewritten?)")
            if seq > last:
                return Problem(
                    side.label,
                    0,
                    f"the log was cut off: it ends at seq {last} but {side.label} records seq {seq}",
                    last,
                )
            if seq >= self.first_seq and self.hashes.get(seq) != digest:
                return Problem(
                    side.label,
                    0,
                    f"records entry seq {seq} with another hash than the log's: the log "
                    "or the side record was rewritten",
                    seq,
                )
        if head.data is not None and head.data.get("seq") != last:
            return Problem(
                head.label,
                0,
                f"records seq {head.data.get('seq')} but the log goes on to seq {last}: "
                "the head record was lowered (or the writer died between an entry and its head; a "
                "restart writes it again)",
                last,
            )
        if self.last_checkpoint is not None:
            if latest.state == "missing":
                return Problem(latest.label, 0, "missing: the latest checkpoint record was deleted")
            assert latest.data is not None
            if latest.data.get("head") != self.last_checkpoint["record"].get("head"):
                return Problem(
                    latest.label,
                    0,
                    "is not the log's last checkpoint (an older one put back, or a later one removed)",
                    self.last_checkpoint["seq"],
                )
            return self._signature(latest.data, latest.data.get("head"), latest.label, 0, None)
        return None

    def _witnesses(self) -> Problem | None:
        """Every checkpoint a witness received must still be in the trail, unchanged."""
        report = self.report
        for witnessed in sorted(self.witnessed, key=lambda w: w.seq):
            when = f" (received {_iso(witnessed.time)})" if witnessed.time is not None else ""
            if witnessed.seq > report.last_seq:
                return Problem(
                    witnessed.source,
                    0,
                    f"the trail was cut back: the witness holds a checkpoint of "
                    f"seq {witnessed.seq}{when} but the trail ends at seq {report.last_seq}",
                    witnessed.seq,
                )
            if witnessed.seq < self.first_seq:
                continue  # purged since, as a purge entry says
            if self.hashes.get(witnessed.seq) != witnessed.hash:
                return Problem(
                    witnessed.source,
                    0,
                    f"the trail was rewritten: entry seq {witnessed.seq} is not the "
                    f"one the witness received a checkpoint for{when}",
                    witnessed.seq,
                )
            report.witnessed += 1
        if self.witnessed and report.checkpoints > report.witnessed:
            report.warnings.append(
                f"{report.checkpoints - report.witnessed} checkpoint(s) in the trail were not "
                "witnessed (a witness unreachable, or checkpoints after its last)"
            )
        return None


def _note_gap(report: ChainReport, entry: dict[str, Any]) -> None:
    """A gap entry: the writer says how many call records it could not write, and when."""
    record = entry.get("record") or {}
    lost = record.get("records_lost")
    if not isinstance(lost, int):
        return
    report.records_lost += lost
    span = " to ".join(_iso(record.get(key)) for key in ("since", "until"))
    why = " (a torn tail cut off at start-up)" if record.get("reason") == "torn_tail" else ""
    report.warnings.append(f"seq {entry['seq']}: {lost} call record(s) could not be written ({span}){why}")


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


def _dig(data: Any, keys: tuple[str, ...]) -> Any:
    for key in keys:
        if not isinstance(data, dict):
            return None
        data = data.get(key)
    return data
