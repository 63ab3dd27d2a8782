"""Reading a trail back, wherever it is kept: a folder of day files, a SQLite file or
PostgreSQL (:class:`~guardrail.audit.postgres_store.PostgresTrail`).

Verifying, querying and reporting only need the raw lines in the order they were
written and what the store claims as its head; :func:`open_trail` gives both for
any store, read-only, so an auditor's tools never change the evidence.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal, Protocol

from guardrail.errors import InputError

SQLITE_MAGIC = b"SQLite format 3\x00"


class TrailUnreadable(InputError):
    """The path is neither an audit folder nor an audit database."""


@dataclass(frozen=True)
class Side:
    """A record kept beside the entries (the head, the latest checkpoint), as read."""

    label: str  # where it is: "head.json", "audit.sqlite3 meta.head"
    state: Literal["ok", "missing", "unreadable"]
    data: dict[str, Any] | None = None


def _side(label: str, text: str | None) -> Side:
    if text is None:
        return Side(label, "missing")
    try:
        data = json.loads(text)
    except ValueError:
        return Side(label, "unreadable")
    return Side(label, "ok", data) if isinstance(data, dict) else Side(label, "unreadable")


class Trail(Protocol):
    def lines(self) -> Iterator[tuple[str, int, bytes]]:
        """Every entry's raw line (newline included) in written order: (where, number, raw)."""
        ...

    def claimed_heads(self) -> Iterator[tuple[str, int]]:
        """The last seq each side record (head, latest checkpoint) says was written."""
        ...

    def size(self) -> int:
        """Bytes of entries, for a progress bar."""
        ...

    def sides(self) -> dict[str, Side]:
        """The side records by name: ``head`` and ``checkpoint``; none for a store that
        keeps none (PostgreSQL: only its owner could cut the tail, and rewrite them too)."""
        ...


class FolderTrail:
    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def lines(self) -> Iterator[tuple[str, int, bytes]]:
        for path in sorted(self.folder.glob("audit-*.jsonl")):
            with path.open("rb") as handle:
                for number, raw in enumerate(handle, start=1):
                    yield path.name, number, raw

    def claimed_heads(self) -> Iterator[tuple[str, int]]:
        for name, keys in (("checkpoint.json", ("head", "seq")), ("head.json", ("seq",))):
            try:
                found = _dig(json.loads((self.folder / name).read_text(encoding="utf-8")), keys)
            except (OSError, ValueError):
                continue
            if isinstance(found, int):
                yield name, found

    def size(self) -> int:
        return sum(path.stat().st_size for path in self.folder.glob("audit-*.jsonl"))

    def sides(self) -> dict[str, Side]:
        found = {}
        for name in ("head", "checkpoint"):
            path = self.folder / f"{name}.json"
            try:
                text: str | None = path.read_text(encoding="utf-8")
            except FileNotFoundError:
                text = None
            except (OSError, UnicodeDecodeError):
                text = ""
            found[name] = _side(path.name, text)
        return found


class SqliteTrail:
    def __init__(self, path: Path) -> None:
        self.path = path
        self.name = path.name

    def _connect(self) -> sqlite3.Connection:
        return sqlite3.connect(f"{self.path.resolve().as_uri()}?mode=ro", uri=True)

    def lines(self) -> Iterator[tuple[str, int, bytes]]:
        with closing(self._connect()) as connection:
            try:
                rows = connection.execute("SELECT id, line FROM entries ORDER BY id")
            except sqlite3.DatabaseError as error:
                raise TrailUnreadable(f"{self.path}: not an audit database ({error})") from None
            for number, text in rows:
                yield self.name, int(number), str(text).encode("utf-8") + b"\n"

    def claimed_heads(self) -> Iterator[tuple[str, int]]:
        with closing(self._connect()) as connection:
            try:
                rows = dict(connection.execute("SELECT name, data FROM meta").fetchall())
            except sqlite3.DatabaseError:
                return
        for name, keys in (("checkpoint", ("head", "seq")), ("head", ("seq",))):
            try:
                found = _dig(json.loads(rows.get(name, "null")), keys)
            except ValueError:
                continue
            if isinstance(found, int):
                yield f"{self.name} meta.{name}", found

    def size(self) -> int:
        return self.path.stat().st_size

    def sides(self) -> dict[str, Side]:
        with closing(self._connect()) as connection:
            try:
                rows = dict(connection.execute("SELECT name, data FROM meta").fetchall())
            except sqlite3.DatabaseError:
                rows = {}
        return {name: _side(f"{self.name} meta.{name}", rows.get(name)) for name in ("head", "checkpoint")}


def open_trail(path: Path | Trail) -> Trail:
    """The trail at ``path`` (a trail already opened, such as PostgreSQL's, as it is);
    :class:`TrailUnreadable` if there is none."""
    if not isinstance(path, Path):
        return path
    if path.is_dir():
        return FolderTrail(path)
    if path.is_file():
        with path.open("rb") as handle:
            if handle.read(len(SQLITE_MAGIC)) == SQLITE_MAGIC:
                return SqliteTrail(path)
        raise TrailUnreadable(f"{path}: not an audit folder or SQLite audit database")
    raise TrailUnreadable(f"{path}: no such audit folder or database")


def _dig(data: Any, keys: tuple[str, ...]) -> Any:
    for key in keys:
        if not isinstance(data, dict):
            return None
        data = data.get(key)
    return data
