"""Signing keys for attribution manifests, and the JWKS that publishes them.

Keys live as PEM files in a folder (``<data_dir>/keys``), owner-only. The newest
signs; older ones stay published so that answers signed before a rotation still
verify. With no key yet, the first start generates one (created with ``O_EXCL``, so
several workers starting together end up with one key). ``GUARDRAIL_SIGNING_KEY``
(a PEM private key) overrides the folder's newest key for signing.
"""

from __future__ import annotations

import json
import os
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.serialization import (
    Encoding,
    NoEncryption,
    PrivateFormat,
    load_pem_private_key,
)

from guardrail.attribution.jws import public_jwk
from guardrail.errors import ConfigurationError

KEY_ENV = "GUARDRAIL_SIGNING_KEY"


@dataclass(frozen=True)
class SigningKey:
    private: Ed25519PrivateKey
    jwk: dict[str, str]

    @property
    def kid(self) -> str:
        return self.jwk["kid"]

    @classmethod
    def of(cls, private: Ed25519PrivateKey) -> SigningKey:
        return cls(private, public_jwk(private.public_key()))


class KeyStore:
    """The folder of signing keys: the active one and all published ones."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        keys = [_load(path) for path in sorted(self.folder.glob("ed25519-*.pem"))]
        if not keys:
            keys = [self.rotate()]
        from_env = os.environ.get(KEY_ENV)
        self.active = _parse(from_env.encode(), KEY_ENV) if from_env else keys[-1]
        published = {key.kid: key.jwk for key in keys}
        published[self.active.kid] = self.active.jwk
        self.published = published

    def rotate(self) -> SigningKey:
        """Generate a new key, which becomes the active one on the next start."""
        key = Ed25519PrivateKey.generate()
        pem = key.private_bytes(Encoding.PEM, PrivateFormat.PKCS8, NoEncryption())
        path = self.folder / f"ed25519-{time.time_ns():020d}.pem"
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(pem)
        return SigningKey.of(key)

    def jwks(self) -> dict[str, Any]:
        return {"keys": list(self.published.values())}

    def write_jwks(self, path: Path) -> None:
        """Keep a copy of the public keys beside the records, for offline verifiers."""
        temporary = path.with_suffix(f".{os.getpid()}.tmp")
        temporary.write_text(json.dumps(self.jwks(), indent=2), encoding="utf-8")
        temporary.replace(path)


def _load(path: Path) -> SigningKey:
    """A key file; refused if group or others may read or write it (a key anyone on
    the machine can read vouches for nothing)."""
    mode = path.stat().st_mode & 0o777
    if mode & 0o077:
        raise ConfigurationError(
            f"{path}: key file is open to group or others (mode {mode:04o}); it must be owner-only: chmod 600 {path}"
        )
    return _parse(path.read_bytes(), str(path))


def _parse(pem: bytes, source: str) -> SigningKey:
    try:
        key = load_pem_private_key(pem, password=None)
    except (ValueError, TypeError) as error:
        raise ConfigurationError(f"{source}: not a PEM private key ({type(error).__name__})") from None
    if not isinstance(key, Ed25519PrivateKey):
        raise ConfigurationError(f"{source}: attribution keys must be Ed25519")
    return SigningKey.of(key)
