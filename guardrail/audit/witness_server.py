"""``guardrail witness serve``: a small HTTP witness that keeps and countersigns checkpoints.

Run it on another machine than the proxy, with its own key. For each checkpoint
statement POSTed to ``/v1/checkpoints`` it appends the statement to its own log
(``<folder>/witness.jsonl``, fsynced) and answers with a receipt: the trail, seq,
hash and time received, signed with the witness's Ed25519 key. ``GET
/v1/checkpoints?trail=...`` gives every statement with its receipt, and
``/.well-known/jwks.json`` the witness's public key, so ``guardrail audit verify
--witness URL`` can check the trail against what the witness received.

It refuses (409) a statement for a seq it already holds with another hash: someone
rewriting the trail cannot replace what the witness saw, only add to it.
"""

from __future__ import annotations

import json
import os
import threading
import time
from pathlib import Path
from typing import Any

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

from guardrail.attribution.jws import sign
from guardrail.attribution.keys import KeyStore, SigningKey
from guardrail.audit.keys import require_owner_only
from guardrail.audit.witness import CHECKPOINTS_PATH, JWKS_PATH

LOG_NAME = "witness.jsonl"
MAX_STATEMENT_BYTES = 4096


class WitnessLog:
    """The witness's own append-only record, read once at start and kept in memory."""

    def __init__(self, folder: Path, key: SigningKey) -> None:
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        folder.chmod(0o700)
        self.path = folder / LOG_NAME
        self.key = key
        self._lock = threading.Lock()
        self.items: list[dict[str, Any]] = []
        self._by_seq: dict[tuple[str, int], str] = {}
        if self.path.exists():
            for raw in self.path.read_text(encoding="utf-8").splitlines():
                if raw.strip():
                    self._remember(json.loads(raw))

    def _remember(self, item: dict[str, Any]) -> None:
        self.items.append(item)
        self._by_seq[(item["trail"], item["seq"])] = item["hash"]

    def add(self, statement: dict[str, Any]) -> tuple[int, dict[str, Any]]:
        """Keep and countersign a statement: (status, answer)."""
        with self._lock:
            known = self._by_seq.get((statement["trail"], statement["seq"]))
            if known is not None and known != statement["hash"]:
                return 409, {
                    "error": f"seq {statement['seq']} of trail {statement['trail']!r} was witnessed with another hash"
                }
            received = time.time()
            receipt = sign(
                {"trail": statement["trail"], "seq": statement["seq"], "hash": statement["hash"], "received": received},
                self.key.private,
                self.key.kid,
            )
            item = {**statement, "received": received, "receipt": receipt}
            if known is None:
                data = (json.dumps(item, sort_keys=True) + "\n").encode()
                descriptor = os.open(self.path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
                try:
                    if os.write(descriptor, data) != len(data):
                        return 507, {"error": "the witness could not keep the statement"}
                    os.fsync(descriptor)
                finally:
                    os.close(descriptor)
                self._remember(item)
            return 200, {"receipt": receipt, "received": received}


def _valid(body: Any) -> dict[str, Any] | None:
    if not isinstance(body, dict):
        return None
    kinds: dict[str, type | tuple[type, ...]] = {
        "trail": str,
        "seq": int,
        "hash": str,
        "time": (int, float),
        "checkpoint_seq": int,
        "jws": str,
    }
    if any(not isinstance(body.get(name), kind) or isinstance(body.get(name), bool) for name, kind in kinds.items()):
        return None
    return {name: body[name] for name in kinds}


def create_witness_app(folder: Path, key_path: Path | None = None) -> Starlette:
    """The witness server over ``folder``; its key from ``key_path`` (owner-only) or
    generated in ``<folder>/keys``."""
    if key_path is not None:
        from guardrail.attribution.keys import _parse

        require_owner_only(key_path)
        key = _parse(key_path.read_bytes(), str(key_path))
    else:
        key = KeyStore(folder / "keys").active
    witness = WitnessLog(folder, key)

    async def receive(request: Request) -> JSONResponse:
        raw = await request.body()
        try:
            statement = _valid(json.loads(raw)) if len(raw) <= MAX_STATEMENT_BYTES else None
        except ValueError:
            statement = None
        if statement is None:
            return JSONResponse(
                {"error": "expected a checkpoint statement: trail, seq, hash, time, checkpoint_seq, jws"}, 400
            )
        status, answer = witness.add(statement)
        return JSONResponse(answer, status)

    async def listing(request: Request) -> JSONResponse:
        trail = request.query_params.get("trail")
        items = [item for item in witness.items if trail is None or item["trail"] == trail]
        return JSONResponse({"checkpoints": items})

    async def jwks(request: Request) -> JSONResponse:
        return JSONResponse({"keys": [key.jwk]})

    return Starlette(
        routes=[
            Route(CHECKPOINTS_PATH, receive, methods=["POST"]),
            Route(CHECKPOINTS_PATH, listing, methods=["GET"]),
            Route(JWKS_PATH, jwks, methods=["GET"]),
        ]
    )
