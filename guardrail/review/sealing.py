"""Held answers at rest: AES-256-GCM under a key kept out of the review store.

A held answer carries the client's request and the restored answer, personal data
included, so the store only ever sees ciphertext; its plaintext columns are ids,
states, times and reviewer ids. Each review is sealed with a fresh 96-bit nonce and
its review id as associated data, so a sealed answer moved to another review's row
does not open.

The key: ``GUARDRAIL_REVIEW_KEY`` (32 bytes, base64 or base64url), for instances that
share a store and must share the key, or else ``<data_dir>/keys/review.key``, created
owner-only on first use. Reading the review store without the key gives no content.
"""

from __future__ import annotations

import base64
import binascii
import json
import os
import secrets
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from guardrail.audit.keys import require_owner_only
from guardrail.errors import ConfigurationError, GuardrailError

REVIEW_KEY_ENV = "GUARDRAIL_REVIEW_KEY"
KEY_FILE = "review.key"
KEY_BYTES = 32
NONCE_BYTES = 12


class SealBroken(GuardrailError):
    """A sealed answer did not open: another key, another review, or altered bytes."""


class Sealer:
    """Seals and opens one review's content under one key."""

    def __init__(self, key: bytes) -> None:
        if len(key) != KEY_BYTES:
            raise ValueError(f"a review key is {KEY_BYTES} bytes")
        self._aead = AESGCM(key)

    def seal(self, review_id: str, content: Mapping[str, Any]) -> bytes:
        nonce = secrets.token_bytes(NONCE_BYTES)
        plain = json.dumps(content, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
        return nonce + self._aead.encrypt(nonce, plain, review_id.encode("utf-8"))

    def open(self, review_id: str, sealed: bytes) -> dict[str, Any]:
        try:
            plain = self._aead.decrypt(sealed[:NONCE_BYTES], sealed[NONCE_BYTES:], review_id.encode("utf-8"))
        except InvalidTag:
            raise SealBroken(review_id) from None
        content: dict[str, Any] = json.loads(plain)
        return content


def review_key(data_dir: Path, environ: Mapping[str, str] | None = None) -> bytes:
    """The review key: from ``GUARDRAIL_REVIEW_KEY``, else the data folder's key file
    (made on first use, owner-only)."""
    env = os.environ if environ is None else environ
    if value := env.get(REVIEW_KEY_ENV):
        return _decode(value.strip())
    folder = data_dir / "keys"
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    path = folder / KEY_FILE
    try:
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        require_owner_only(path)
        return _decode(path.read_text(encoding="ascii").strip(), source=str(path))
    with os.fdopen(descriptor, "w", encoding="ascii") as file:
        file.write(base64.urlsafe_b64encode(secrets.token_bytes(KEY_BYTES)).decode("ascii") + "\n")
    return _decode(path.read_text(encoding="ascii").strip(), source=str(path))


def _decode(value: str, *, source: str = REVIEW_KEY_ENV) -> bytes:
    try:
        key = base64.urlsafe_b64decode(value.replace("+", "-").replace("/", "_") + "=" * (-len(value) % 4))
    except (binascii.Error, ValueError):
        key = b""
    if len(key) != KEY_BYTES:
        raise ConfigurationError(f"{source}: the review key must be {KEY_BYTES} bytes, base64 encoded")
    return key
