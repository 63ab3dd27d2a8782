"""Hash-chained audit entries: what makes the trail tamper-evident.

Each entry is one JSON line carrying its sequence number, the previous entry's hash
and its own hash over everything else (canonical JSON, SHA-256):

    {"v": 1, "seq": 7, "prev": "sha256:...", "kind": "call", "time": 1.7e9,
     "record": {...}, "hash": "sha256:..."}

Editing an entry breaks its hash; deleting, inserting or reordering breaks the
``seq``/``prev`` links. Cutting the end off is caught against the signed checkpoints
(``kind: "checkpoint"``, written every N entries, signed with the service's Ed25519
key over the head they vouch for) and the head file kept beside the log.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from typing import Any

VERSION = 1
GENESIS = "sha256:" + "0" * 64


def canonical(data: Any) -> bytes:
    return json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode("utf-8")


def entry_hash(entry: dict[str, Any]) -> str:
    """The hash of an entry: over every field but ``hash`` itself."""
    body = {key: value for key, value in entry.items() if key != "hash"}
    return "sha256:" + hashlib.sha256(canonical(body)).hexdigest()


def seal(seq: int, prev: str, kind: str, time: float, record: dict[str, Any]) -> dict[str, Any]:
    entry: dict[str, Any] = {"v": VERSION, "seq": seq, "prev": prev, "kind": kind, "time": time, "record": record}
    entry["hash"] = entry_hash(entry)
    return entry


def line(entry: dict[str, Any]) -> bytes:
    return canonical(entry) + b"\n"


Signer = Callable[[dict[str, Any]], str]


def checkpoint(seq: int, head_hash: str, now: float, signer: Signer, every: int | None = None) -> dict[str, Any]:
    """A signed checkpoint vouching for the entry ``seq`` whose hash is ``head_hash``.

    The signed head also carries the time and the writer's checkpoint interval
    (``every``), so a verifier knows how many entries may pass between checkpoints
    and a witness holds when each head was vouched for.
    """
    head: dict[str, Any] = {"seq": seq, "hash": head_hash, "time": now}
    if every is not None:
        head["every"] = every
    return seal(seq + 1, head_hash, "checkpoint", now, {"head": head, "jws": signer(head)})


def next_entries(
    head: tuple[int, str], kind: str, now: float, record: dict[str, Any], signer: Signer | None, every: int
) -> list[dict[str, Any]]:
    """The entry to append after ``head`` (seq, hash), and a checkpoint when one is due.

    Every store appends through this, so the chain's shape is the same wherever it lives.
    """
    entry = seal(head[0] + 1, head[1], kind, now, record)
    if signer is not None and entry["seq"] % every == 0:
        return [entry, checkpoint(entry["seq"], entry["hash"], now, signer, every)]
    return [entry]
