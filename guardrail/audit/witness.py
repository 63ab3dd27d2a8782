"""Witnesses: each checkpoint also kept somewhere whoever holds the machine cannot reach.

A checkpoint's statement (trail id, the seq and hash it vouches for, its time and
signature) goes to every configured witness:

- :class:`FileWitness` appends it as a JSON line to a file on another volume
  (``O_APPEND``, fsynced), which the operator keeps append-only;
- :class:`HttpWitness` POSTs it to a witness server (``guardrail witness serve``),
  which keeps it and answers with a receipt signed by its own key.

Sending happens on one background thread (:class:`WitnessRelay`), so a slow witness
never holds up a call; a witness that fails is logged and the next checkpoint is
tried again. ``guardrail audit verify --witness`` reads a witness's record back
(:func:`read_witness`) and checks every checkpoint in it against the trail: one cut
back, rewritten, or re-signed, even with the machine's own keys, no longer matches.
"""

from __future__ import annotations

import json
import os
import queue
import threading
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any, Protocol

import structlog

from guardrail.attribution import jws
from guardrail.audit.verify import Witnessed
from guardrail.errors import InputError

log = structlog.get_logger("guardrail.audit")

CHECKPOINTS_PATH = "/v1/checkpoints"
JWKS_PATH = "/.well-known/jwks.json"


class WitnessUnreadable(InputError):
    """A witness's record cannot be read, or its receipts do not verify."""


class Witness(Protocol):
    name: str

    def send(self, statement: dict[str, Any]) -> None:
        """Hand one checkpoint statement over; raises :class:`OSError` if it was not taken."""
        ...


def statement(trail_id: str, entry: Mapping[str, Any]) -> dict[str, Any]:
    """What a witness keeps of a checkpoint entry: no call data, only the head it vouches for."""
    record = entry["record"]
    head = record["head"]
    return {
        "trail": trail_id,
        "seq": head["seq"],
        "hash": head["hash"],
        "time": head.get("time", entry["time"]),
        "checkpoint_seq": entry["seq"],
        "jws": record["jws"],
    }


class FileWitness:
    def __init__(self, path: Path) -> None:
        self.path = path
        self.name = str(path)

    def send(self, statement: dict[str, Any]) -> None:
        data = (json.dumps(statement, sort_keys=True, separators=(",", ":")) + "\n").encode()
        descriptor = os.open(self.path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
        try:
            if os.write(descriptor, data) != len(data):
                raise OSError(f"{self.path}: short write")
            os.fsync(descriptor)
        finally:
            os.close(descriptor)


class HttpWitness:
    def __init__(self, url: str, timeout: float = 5.0) -> None:
        self.url = url.rstrip("/")
        self.timeout = timeout
        self.name = self.url

    def send(self, statement: dict[str, Any]) -> None:
        request = urllib.request.Request(
            self.url + CHECKPOINTS_PATH,
            data=json.dumps(statement).encode(),
            headers={"content-type": "application/json"},
            method="POST",
        )
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:
                response.read()
        except urllib.error.HTTPError as error:
            with error:
                detail = error.read()[:200].decode("utf-8", "replace")
            raise OSError(f"witness answered {error.code}: {detail}") from None
        except (urllib.error.URLError, TimeoutError) as error:
            raise OSError(f"witness unreachable: {error}") from None


class WitnessRelay:
    """Sends checkpoint statements to the witnesses on one background thread."""

    def __init__(self, trail_id: str, witnesses: Sequence[Witness]) -> None:
        self.trail_id = trail_id
        self.witnesses = list(witnesses)
        self.failures = 0
        self._queue: queue.Queue[dict[str, Any] | None] = queue.Queue()
        self._thread = threading.Thread(target=self._run, name="audit-witness", daemon=True)
        if self.witnesses:
            self._thread.start()

    def __call__(self, entry: dict[str, Any]) -> None:
        """The stores' checkpoint hook: queue the checkpoint for the witnesses."""
        if self.witnesses:
            self._queue.put(statement(self.trail_id, entry))

    def close(self, timeout: float = 10.0) -> None:
        """Send what is queued (at most ``timeout`` seconds), then stop."""
        if self.witnesses and self._thread.is_alive():
            self._queue.put(None)
            self._thread.join(timeout)

    def _run(self) -> None:
        while (item := self._queue.get()) is not None:
            for witness in self.witnesses:
                try:
                    witness.send(item)
                except OSError as error:
                    self.failures += 1
                    log.warning("audit_witness_failed", witness=witness.name, seq=item["seq"], error=str(error)[:200])


def read_witness(
    source: str, trail_id: str | None = None, *, witness_jwks: Mapping[str, Any] | None = None, timeout: float = 10.0
) -> list[Witnessed]:
    """The checkpoints a witness holds (a file path or an ``http(s)://`` URL).

    From a witness server, every receipt is checked against its key set (fetched
    from it unless ``witness_jwks`` pins one). Only ``trail_id``'s statements are
    kept when given.
    """
    if source.startswith(("http://", "https://")):
        return _read_server(source.rstrip("/"), trail_id, witness_jwks, timeout)
    try:
        text = Path(source).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise WitnessUnreadable(f"{source}: cannot read the witness file ({type(error).__name__})") from None
    found = []
    for number, raw in enumerate(text.splitlines(), start=1):
        if not raw.strip():
            continue
        try:
            item = json.loads(raw)
            witnessed = _witnessed(source, item)
        except (ValueError, KeyError, TypeError):
            raise WitnessUnreadable(f"{source}:{number}: not a checkpoint statement") from None
        if trail_id is None or item.get("trail") == trail_id:
            found.append(witnessed)
    return found


def _witnessed(source: str, item: Mapping[str, Any]) -> Witnessed:
    seq, digest, when = item["seq"], item["hash"], item.get("time")
    if not isinstance(seq, int) or not isinstance(digest, str):
        raise TypeError("seq and hash")
    return Witnessed(source, seq, digest, float(when) if isinstance(when, int | float) else None)


def _read_server(url: str, trail_id: str | None, pinned: Mapping[str, Any] | None, timeout: float) -> list[Witnessed]:
    try:
        keys = dict(pinned) if pinned is not None else _keys(_get(url + JWKS_PATH, timeout))
        query = "?" + urllib.parse.urlencode({"trail": trail_id}) if trail_id else ""
        document = _get(url + CHECKPOINTS_PATH + query, timeout)
    except (OSError, ValueError, TypeError) as error:
        raise WitnessUnreadable(f"{url}: cannot read the witness ({error})") from None
    found = []
    for item in document.get("checkpoints") or []:
        receipt = item.get("receipt") if isinstance(item, dict) else None
        try:
            header, payload, signing_input, signature = jws.parse(str(receipt))
            key = jws.public_key_from_jwk(dict(keys[str(header.get("kid"))]))
        except (jws.MalformedJws, KeyError, ValueError):
            raise WitnessUnreadable(f"{url}: a receipt is signed with an unknown or unreadable key") from None
        if not jws.signature_valid(key, signing_input, signature) or any(
            payload.get(name) != item.get(name) for name in ("trail", "seq", "hash")
        ):
            raise WitnessUnreadable(f"{url}: a receipt does not match its statement (seq {item.get('seq')})")
        try:
            found.append(_witnessed(url, item))
        except (KeyError, TypeError, ValueError):
            raise WitnessUnreadable(f"{url}: not a checkpoint statement") from None
    return found


def _get(url: str, timeout: float) -> dict[str, Any]:
    with urllib.request.urlopen(url, timeout=timeout) as response:
        document = json.loads(response.read())
    if not isinstance(document, dict):
        raise TypeError("not a JSON object")
    return document


def _keys(document: Mapping[str, Any]) -> dict[str, Any]:
    return {key["kid"]: key for key in document.get("keys") or [] if isinstance(key, dict) and "kid" in key}
