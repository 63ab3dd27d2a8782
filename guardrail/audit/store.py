"""Where audit entries are kept: a folder of JSON-lines files, one per UTC day.

:class:`AuditStore` is the interface a shared database can implement later;
:class:`FolderStore` is the default. Appends from any number of threads and worker
processes go through an exclusive ``flock`` on ``<folder>/lock``: read the head,
seal the entry, append it with one ``write``, update the head. So lines never
interleave, no sequence number is used twice, and a restart continues the chain
from the head file.

Retention deletes whole day files older than the configured age and then appends a
``purge`` entry naming the first entry kept and its ``prev``, so a verifier can start
the chain there.
"""

from __future__ import annotations

import fcntl
import json
import os
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Protocol

from guardrail.audit.chain import GENESIS, Signer, checkpoint, line, next_entries, seal

CHECKPOINT_EVERY = 100


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


class FolderStore:
    """JSON-lines day files with a hash chain and signed checkpoints."""

    def __init__(
        self,
        folder: Path,
        *,
        signer: Signer | None = None,
        checkpoint_every: int = CHECKPOINT_EVERY,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self.folder = folder
        self.folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        self._signer = signer
        self._every = checkpoint_every
        self._clock = clock
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
            head = remembered if remembered is not None else self._head()
            written = next_entries(head, kind, now, record, self._signer, self._every)
            self._write(now, written, known_clean=remembered is not None)
            return written[0]

    def checkpoint(self) -> dict[str, Any] | None:
        """Sign the current head now (at shutdown, say)."""
        if self._signer is None:
            return None
        with self._locked():
            seq, prev = self._head()
            if seq == 0:
                return None
            now = self._clock()
            entry = checkpoint(seq, prev, now, self._signer)
            self._write(now, [entry])
            return entry

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
            seq, prev = self._head()
            now = self._clock()
            record = {"first_kept_seq": first["seq"], "first_kept_prev": first["prev"],
                      "files_deleted": len(doomed), "older_than": cutoff}
            self._write(now, [seal(seq + 1, prev, "purge", now, record)])
            return len(doomed)

    def files(self) -> list[Path]:
        return sorted(self.folder.glob("audit-*.jsonl"))

    def _day_file(self, now: float) -> Path:
        return self.folder / f"audit-{datetime.fromtimestamp(now, UTC):%Y%m%d}.jsonl"

    def _remembered_head(self, now: float) -> tuple[int, str] | None:
        """The head this process wrote last, if the day file is still as it left it
        (then nobody appended since, and its last line is whole); else ``None``."""
        if self._tail is not None:
            path, size, seq, digest = self._tail
            if path == self._day_file(now) and _size(path) == size:
                return seq, digest
        return None

    def _write(self, now: float, entries: list[dict[str, Any]], *, known_clean: bool = False) -> None:
        """Append ``entries``; ``known_clean``: the file is known to end with a whole line."""
        path = self._day_file(now)
        data = b"".join(line(entry) for entry in entries)
        if not known_clean and _ends_mid_line(path):
            data = b"\n" + data  # a crash left half a line: keep it (verify reports it), start afresh
        descriptor = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
        try:
            os.write(descriptor, data)
            size = os.fstat(descriptor).st_size
        finally:
            os.close(descriptor)
        last = entries[-1]
        self._tail = (path, size, int(last["seq"]), str(last["hash"]))
        _overwrite(self._head_path, {"seq": last["seq"], "hash": last["hash"]})
        for entry in entries:
            if entry["kind"] == "checkpoint":
                _replace(self.folder / "checkpoint.json", entry["record"])

    def _head(self) -> tuple[int, str]:
        """The last complete entry, read from the log itself (the head file only
        helps a verifier notice a cut-off end)."""
        for path in reversed(self.files()):
            last = _last_complete_line(path)
            if last is not None:
                entry = json.loads(last)
                return int(entry["seq"]), str(entry["hash"])
        return 0, GENESIS

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


_HEAD_WIDTH = 160  # bytes: '{"seq": ..., "hash": "sha256:<64 hex>"}' padded with spaces


def _overwrite(path: Path, data: dict[str, Any]) -> None:
    """Rewrite a small JSON file in place, padded to a fixed width: one ``pwrite``
    per append instead of a temporary file and a rename (a third of an append's
    cost). Under the store's lock, so writers never interleave; JSON readers ignore
    the trailing spaces."""
    encoded = json.dumps(data).encode("utf-8").ljust(_HEAD_WIDTH)
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT, 0o600)
    try:
        os.pwrite(descriptor, encoded, 0)
        os.ftruncate(descriptor, len(encoded))  # a no-op but after an older, longer file
    finally:
        os.close(descriptor)


def _replace(path: Path, data: dict[str, Any]) -> None:
    temporary = path.with_suffix(".tmp")
    temporary.write_text(json.dumps(data), encoding="utf-8")
    temporary.replace(path)


def _ends_mid_line(path: Path) -> bool:
    try:
        with path.open("rb") as handle:
            handle.seek(0, os.SEEK_END)
            if handle.tell() == 0:
                return False
            handle.seek(-1, os.SEEK_END)
            return handle.read(1) != b"\n"
    except FileNotFoundError:
        return False


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
