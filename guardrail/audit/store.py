"""Where audit entries are kept: a folder of JSON-lines files, one per UTC day.

:class:`AuditStore` is the interface a shared database can implement later;
:class:`FolderStore` is the default. Appends from any number of threads and worker
processes go through an exclusive ``flock`` on ``<folder>/lock``: read the head,
seal the entry, append it with one ``write``, update the head. So lines never
interleave, no sequence number is used twice, and a restart continues the chain
from the head file.

Every write is checked: a short write or ``ENOSPC`` cuts the file back to where it
was and raises :class:`OSError`, so a full disk never leaves half a line that later
entries would be chained onto, and the caller knows the entry is not there (as with
SQLite). ``durability`` says when entries reach the disk: ``"record"`` fsyncs each
append before it returns; ``"batch"`` fsyncs at most ``sync_window`` seconds after
an entry was written (on the next append, on :meth:`FolderStore.sync`, which the
proxy calls on a timer, and at every checkpoint), so a power cut loses at most that
window. A tail torn anyway (power cut, a writer killed mid-write) is cut off under
the lock before the next append, and a ``gap`` entry says what was lost.

Retention deletes whole day files older than the configured age and then appends a
``purge`` entry naming the first entry kept and its ``prev``, so a verifier can start
the chain there.
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import json
import os
import re
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Literal, Protocol, TypedDict, Unpack

from guardrail.audit.chain import GENESIS, Signer, checkpoint, line, next_entries, seal

CHECKPOINT_EVERY = 100
SYNC_WINDOW_SECONDS = 1.0
Durability = Literal["record", "batch"]
CheckpointHook = Callable[[dict[str, Any]], None]
Decide = Callable[[Iterator[bytes]], list[tuple[str, dict[str, Any]]]]


class AuditStore(Protocol):
    """What the proxy needs of a trail; :class:`FolderStore` and
    :class:`~guardrail.audit.sqlite_store.SqliteStore` implement it."""

    def append(self, kind: str, record: dict[str, Any]) -> dict[str, Any]:
        """Seal and append one entry (and a checkpoint when one is due); returns it."""
        ...

    def checkpoint(self) -> dict[str, Any] | None:
        """Sign the current head now; ``None`` without a signer or entries."""
        ...

    def purge(self, max_age_seconds: float) -> int:
        """Drop entries older than the age, leaving a verifiable rest; returns how many went."""
        ...

    def amend(self, decide: Decide) -> list[dict[str, Any]]:
        """Under the write lock: show ``decide`` every line, append the entries it returns.

        How start-up closes intents whose writer died, without a second writer doing it too.
        """
        ...

    def sync(self) -> None:
        """Make every entry written so far durable (``batch`` durability's flush)."""
        ...

    def repair(self) -> dict[str, Any] | None:
        """Cut a torn tail (start-up calls this); the ``gap`` entry recording it, if any."""
        ...


class ChainOptions(TypedDict, total=False):
    """The keywords every store takes (:class:`ChainStore` has their defaults)."""

    signer: Signer | None
    checkpoint_every: int
    clock: Callable[[], float]
    durability: Durability
    sync_window: float
    on_checkpoint: CheckpointHook | None


class ChainStore:
    """What every store does alike, whatever it writes to: it seals entries with
    ``signer`` and a checkpoint every ``checkpoint_every`` entries at ``clock``'s time,
    makes them as durable as ``durability`` says (``batch``: within ``sync_window``
    seconds), and hands each new checkpoint to ``on_checkpoint`` (witnesses)."""

    def __init__(
        self,
        *,
        signer: Signer | None = None,
        checkpoint_every: int = CHECKPOINT_EVERY,
        clock: Callable[[], float] = time.time,
        durability: Durability = "record",
        sync_window: float = SYNC_WINDOW_SECONDS,
        on_checkpoint: CheckpointHook | None = None,
    ) -> None:
        self._signer = signer
        self._every = checkpoint_every
        self._clock = clock
        self.durability = durability
        self.sync_window = sync_window
        self._on_checkpoint = on_checkpoint

    def _announce(self, written: list[dict[str, Any]]) -> None:
        """Hand new checkpoints to the hook (witnesses), outside the lock."""
        if self._on_checkpoint is None:
            return
        for entry in written:
            if entry["kind"] == "checkpoint":
                self._on_checkpoint(entry)


class FolderStore(ChainStore):
    """JSON-lines day files with a hash chain and signed checkpoints."""

    def __init__(self, folder: Path, **options: Unpack[ChainOptions]) -> None:
        super().__init__(**options)
        self.folder = folder
        self.folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        self.folder.chmod(0o700)
        self._unsynced: tuple[Path, float] | None = None  # (file, when its oldest unsynced entry was written)
        self._lock_path = folder / "lock"
        self._head_path = folder / "head.json"
        # What this process last wrote: (day file, its size after the write, seq, hash).
        # Under the lock, an unchanged size means nobody appended since, so the head
        # need not be read back from the file.
        self._tail: tuple[Path, int, int, str] | None = None

    def append(self, kind: str, record: dict[str, Any]) -> dict[str, Any]:
        """Seal and append one entry (and a checkpoint when one is due)."""
        with self._locked():
            now = self._clock()
            remembered = self._remembered_head(now)
            head = remembered if remembered is not None else self._repaired_head(now)
            written = next_entries(head, kind, now, record, self._signer, self._every)
            self._write(now, written)
        self._announce(written)
        return written[0]

    def checkpoint(self) -> dict[str, Any] | None:
        """Sign the current head now (at shutdown, say)."""
        if self._signer is None:
            return None
        with self._locked():
            now = self._clock()
            seq, prev = self._repaired_head(now)
            if seq == 0:
                return None
            entry = checkpoint(seq, prev, now, self._signer, self._every)
            self._write(now, [entry])
        self._announce([entry])
        return entry

    def amend(self, decide: Decide) -> list[dict[str, Any]]:
        with self._locked():
            now = self._clock()
            head = self._repaired_head(now)
            wanted = decide(raw for path in self.files() for raw in _lines(path))
            written: list[dict[str, Any]] = []
            for kind, record in wanted:
                written += next_entries(head, kind, now, record, self._signer, self._every)
                head = (int(written[-1]["seq"]), str(written[-1]["hash"]))
            if written:
                self._write(now, written)
        self._announce(written)
        return written

    def sync(self) -> None:
        with self._locked():
            self._sync_now()

    def repair(self) -> dict[str, Any] | None:
        """Cut off a torn tail now (start-up does); the ``gap`` entry saying so, if any."""
        with self._locked():
            self._repaired_head(self._clock())
            return self._repair_gap

    def purge(self, max_age_seconds: float) -> int:
        """Delete day files wholly older than ``max_age_seconds``; returns how many."""
        cutoff = self._clock() - max_age_seconds
        with self._locked():
            files = self.files()
            doomed = [path for path in files[:-1] if _last_time(path) < cutoff]
            if not doomed:
                return 0
            kept = files[len(doomed)]
            with kept.open(encoding="utf-8") as handle:
                first = json.loads(handle.readline())
            for path in doomed:
                path.unlink()
            now = self._clock()
            seq, prev = self._repaired_head(now)
            record = {
                "first_kept_seq": first["seq"],
                "first_kept_prev": first["prev"],
                "files_deleted": len(doomed),
                "older_than": cutoff,
            }
            self._write(now, [seal(seq + 1, prev, "purge", now, record)])
            return len(doomed)

    def files(self) -> list[Path]:
        return sorted(self.folder.glob("audit-*.jsonl"))

    def _day_file(self, now: float) -> Path:
        return self.folder / f"audit-{datetime.fromtimestamp(now, UTC):%Y%m%d}.jsonl"

    _repair_gap: dict[str, Any] | None = None

    def _remembered_head(self, now: float) -> tuple[int, str] | None:
        """The head this process wrote last, if the day file is still as it left it
        (then nobody appended since, and its last line is whole); else ``None``."""
        if self._tail is not None:
            path, size, seq, digest = self._tail
            if path == self._day_file(now) and _size(path) == size:
                return seq, digest
        return None

    def _write(self, now: float, entries: list[dict[str, Any]]) -> None:
        """Append ``entries`` whole or not at all (the file is cut back on failure);
        the file is known to end with a whole line (:meth:`_repaired_head` saw to it)."""
        path = self._day_file(now)
        data = b"".join(line(entry) for entry in entries)
        descriptor = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
        try:
            start = os.fstat(descriptor).st_size
            try:
                _write_all(descriptor, data)
            except OSError:
                _cut_back(descriptor, start)
                raise
            size = start + len(data)
            self._after_write(path, descriptor, now, any(e["kind"] == "checkpoint" for e in entries))
        finally:
            os.close(descriptor)
        last = entries[-1]
        self._tail = (path, size, int(last["seq"]), str(last["hash"]))
        # The side files only help a verifier notice a cut-off end; the entries are
        # written already, so a side file that cannot be updated (a full disk) must not
        # make the caller think they are not. The next append tries again.
        with contextlib.suppress(OSError):
            _overwrite(self._head_path, {"seq": last["seq"], "hash": last["hash"]})
            for entry in entries:
                if entry["kind"] == "checkpoint":
                    _overwrite(self.folder / "checkpoint.json", entry["record"], width=_CHECKPOINT_WIDTH)

    def _after_write(self, path: Path, descriptor: int, now: float, checkpointed: bool) -> None:
        """fsync as the durability setting says."""
        if self.durability == "record" or checkpointed:
            os.fsync(descriptor)
            self._unsynced = None
            return
        if self._unsynced is not None and self._unsynced[0] != path:
            self._sync_now()  # the previous day file, before its last entries are forgotten
        if self._unsynced is None:
            self._unsynced = (path, now)
        elif now - self._unsynced[1] >= self.sync_window:
            os.fsync(descriptor)
            self._unsynced = None

    def _sync_now(self) -> None:
        if self._unsynced is None:
            return
        path, _ = self._unsynced
        with contextlib.suppress(FileNotFoundError):
            descriptor = os.open(path, os.O_RDONLY)
            try:
                os.fsync(descriptor)
            finally:
                os.close(descriptor)
        self._unsynced = None

    def _repaired_head(self, now: float) -> tuple[int, str]:
        """The head, after cutting off a torn tail (under the lock, whoever was writing
        it is gone) and appending a ``gap`` entry that says what was cut."""
        self._repair_gap = None
        for path in reversed(self.files()):
            torn = _torn_tail(path)
            if torn is None:
                continue
            keep, lost = torn
            if lost and not lost.strip():
                lost = b""  # only blank space after the last line: nothing to record
            if torn[1]:
                with path.open("r+b") as handle:
                    handle.truncate(keep)
                    os.fsync(handle.fileno())
            seq, digest = self._head()
            if not lost:
                return seq, digest
            gap = seal(seq + 1, digest, "gap", now, _torn_record(lost, now))
            self._write(now, [gap])
            self._repair_gap = gap
            return int(gap["seq"]), str(gap["hash"])
        return GENESIS_HEAD

    def _head(self) -> tuple[int, str]:
        """The last complete entry, read from the log itself (the head file only
        helps a verifier notice a cut-off end); the tail is whole."""
        for path in reversed(self.files()):
            last = _last_complete_line(path)
            if last is not None:
                entry = json.loads(last)
                return int(entry["seq"]), str(entry["hash"])
        return GENESIS_HEAD

    @contextmanager
    def _locked(self) -> Iterator[None]:
        descriptor = os.open(self._lock_path, os.O_RDWR | os.O_CREAT, 0o600)
        try:
            fcntl.flock(descriptor, fcntl.LOCK_EX)
            yield
        finally:
            fcntl.flock(descriptor, fcntl.LOCK_UN)
            os.close(descriptor)


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except FileNotFoundError:
        return -1


GENESIS_HEAD = (0, GENESIS)
_HEAD_WIDTH = 160  # bytes: '{"seq": ..., "hash": "sha256:<64 hex>"}' padded with spaces
_CHECKPOINT_WIDTH = 1024  # a checkpoint record: its head and a compact JWS (about 400 bytes)


def _write_all(descriptor: int, data: bytes) -> None:
    """``os.write`` until all of ``data`` is written; a write that makes no progress
    (the disk is full) raises ``ENOSPC`` rather than looping."""
    view = memoryview(data)
    while view:
        written = os.write(descriptor, view)
        if written <= 0:
            raise OSError(errno.ENOSPC, "no space left on device (short write)")
        view = view[written:]


def _cut_back(descriptor: int, size: int) -> None:
    """Undo a partial append: the next entry must not be chained onto half a line.
    If even this fails, start-up's torn-tail repair cuts it."""
    with contextlib.suppress(OSError):
        os.ftruncate(descriptor, size)


def _overwrite(path: Path, data: dict[str, Any], *, width: int = _HEAD_WIDTH) -> None:
    """Rewrite a small JSON file in place, padded to a fixed width: one ``pwrite``
    per append instead of a temporary file and a rename (a third of an append's
    cost), and no new blocks once it exists, so it can be updated on a full disk.
    Under the store's lock, so writers never interleave; JSON readers ignore the
    trailing spaces."""
    encoded = json.dumps(data).encode("utf-8").ljust(width)
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT, 0o600)
    try:
        if os.pwrite(descriptor, encoded, 0) != len(encoded):
            raise OSError(errno.ENOSPC, f"short write to {path.name}")
        os.ftruncate(descriptor, len(encoded))  # a no-op but after an older, longer file
    finally:
        os.close(descriptor)


def _lines(path: Path) -> Iterator[bytes]:
    with path.open("rb") as handle:
        yield from handle


def _torn_tail(path: Path) -> tuple[int, bytes] | None:
    """``None`` for an empty file; else where the last parseable whole line ends and
    the bytes after it (empty when the tail is whole). A last line that ends in a
    newline but does not parse is torn too (a crash can leave zeros)."""
    with path.open("rb") as handle:
        size = handle.seek(0, os.SEEK_END)
        if size == 0:
            return None
        block = min(size, 65536)
        while True:
            handle.seek(size - block)
            data = handle.read(block)
            end = data.rfind(b"\n") + 1
            while end > 0:
                start = data.rfind(b"\n", 0, end - 1) + 1
                if start == 0 and block < size:
                    break  # the line may begin before this block: read more
                try:
                    json.loads(data[start:end])
                    return size - block + end, data[end:]
                except ValueError:
                    end = start
            if block == size:
                return 0, data
            block = min(size, block * 4)


_KIND = re.compile(rb'"kind":"([a-z_]+)"')
_SEQ = re.compile(rb'"seq":(\d+)')
_REQUEST = re.compile(rb'"request_id":"([A-Za-z0-9_.:-]{1,80})"')


def _torn_record(lost: bytes, now: float) -> dict[str, Any]:
    """What a torn tail held, as far as can be read: its kind, seq and request id
    (canonical JSON puts ``kind`` near the start, so a cut line usually names it)."""
    kind, seq, request = (pattern.search(lost) for pattern in (_KIND, _SEQ, _REQUEST))
    found = kind.group(1).decode() if kind else None
    record: dict[str, Any] = {
        "reason": "torn_tail",
        "bytes_cut": len(lost),
        "lost_kind": found,
        "lost_seq": int(seq.group(1)) if seq else None,
        # An unreadable kind may have been a call: count it, rather than hide one.
        "records_lost": 1 if found in (None, "call") else 0,
        "since": now,
        "until": now,
    }
    if request:
        record["request_ids"] = [request.group(1).decode()]
    return record


def _last_complete_line(path: Path) -> bytes | None:
    """The last newline-terminated, parseable line of ``path``, read from the end."""
    with path.open("rb") as handle:
        size = handle.seek(0, os.SEEK_END)
        block = min(size, 4096)
        while True:
            handle.seek(size - block)
            lines = handle.read(block).split(b"\n")
            # The piece after the last newline is unfinished; the first may be cut.
            candidates = lines[:-1] if block == size else lines[1:-1]
            for raw in reversed(candidates):
                if raw.strip():
                    try:
                        json.loads(raw)
                    except ValueError:
                        continue
                    return raw
            if block == size:
                return None
            block = min(size, block * 4)


def _last_time(path: Path) -> float:
    last = b""
    with path.open("rb") as handle:
        for raw in handle:
            if raw.strip():
                last = raw
    try:
        return float(json.loads(last)["time"])
    except (ValueError, KeyError):
        return float("inf")  # unreadable: never purge what cannot be dated
