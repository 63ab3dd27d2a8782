"""Signing keys for attribution manifests, and the JWKS that publishes them.

Keys live as PEM files in a folder (``<data_dir>/keys``), owner-only. The newest
signs; older ones stay published so that answers signed before a rotation still
verify. With no key yet, the first start generates one (created with ``O_EXCL``, so
several workers starting together end up with one key).

Several instances behind a load balancer must sign with keys that every instance's
``/.well-known/jwks.json`` publishes, or a verifier who fetched the JWKS from one
instance rejects answers from another. Two ways:

- one key for the fleet, mounted on every instance: a PEM file (``signing_key_file``,
  or ``GUARDRAIL_SIGNING_KEY_FILE``), or the PEM itself in ``GUARDRAIL_SIGNING_KEY``
  from a secret store. It signs instead of the folder's newest key; with no folder key
  yet, none is generated (it would be published and never used). Only one of the
  three may be set.
- one key per instance: each publishes the others' public keys too, read from JWKS
  files (``trusted_jwks``, or ``GUARDRAIL_TRUSTED_JWKS``, paths separated by
  ``os.pathsep``), such as a fleet file gathered from each instance's ``jwks.json``.
  They are re-read when they change, so adding an instance needs no restart of the
  others.
"""

from __future__ import annotations

import json
import os
import time
from collections.abc import Mapping, Sequence
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
from pydantic import BaseModel, ConfigDict, Field

from guardrail.attribution import strict_json
from guardrail.attribution.jws import public_jwk
from guardrail.attribution.strict_json import MalformedDocument
from guardrail.errors import ConfigurationError

KEY_ENV = "GUARDRAIL_SIGNING_KEY"
KEY_FILE_ENV = "GUARDRAIL_SIGNING_KEY_FILE"
TRUSTED_JWKS_ENV = "GUARDRAIL_TRUSTED_JWKS"


class SigningSettings(BaseModel):
    """The server config's ``attribution`` section: which key signs, and which other
    instances' keys are published beside it (see the module docstring)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    signing_key_file: Path | None = Field(
        default=None,
        description="An Ed25519 PEM private key (owner-only) shared by every instance; it signs instead of "
        "<data_dir>/keys. Default: GUARDRAIL_SIGNING_KEY_FILE.",
    )
    trusted_jwks: list[Path] = Field(
        default_factory=list,
        description="JWKS files whose public keys are published too: the other instances' keys when each has "
        "its own. Default: GUARDRAIL_TRUSTED_JWKS.",
    )


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

    def __init__(
        self,
        folder: Path,
        *,
        signing_key_file: Path | None = None,
        trusted_jwks: Sequence[Path] | None = None,
        environ: Mapping[str, str] | None = None,
    ) -> None:
        """``signing_key_file`` and ``trusted_jwks`` default to their environment variables."""
        env = os.environ if environ is None else environ
        self.folder = folder
        self.folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        shared = _shared_key(signing_key_file, env)
        keys = [_load(path) for path in sorted(self.folder.glob("ed25519-*.pem"))]
        if not keys and shared is None:
            keys = [self.rotate()]
        self.active = shared or keys[-1]
        own = {key.kid: key.jwk for key in keys}
        own[self.active.kid] = self.active.jwk
        self._own = own
        self._trusted = _TrustedKeys(list(trusted_jwks) if trusted_jwks is not None else _paths(env))
        self._trusted.refresh()

    @classmethod
    def from_settings(cls, folder: Path, settings: SigningSettings) -> KeyStore:
        """The store a server config's ``attribution`` section describes."""
        return cls(folder, signing_key_file=settings.signing_key_file, trusted_jwks=settings.trusted_jwks or None)

    @property
    def published(self) -> dict[str, dict[str, str]]:
        """Every public key this instance publishes, by id: its own, then the trusted ones."""
        return {**self._trusted.refresh(), **self._own}

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


class _TrustedKeys:
    """Public keys from JWKS files, re-read when a file changes (by size and mtime)."""

    def __init__(self, paths: list[Path]) -> None:
        self._paths = paths
        self._seen: tuple[tuple[int, int], ...] | None = None
        self._keys: dict[str, dict[str, str]] = {}

    def refresh(self) -> dict[str, dict[str, str]]:
        if not self._paths:
            return self._keys
        try:
            stamps = tuple((stat.st_size, stat.st_mtime_ns) for stat in (path.stat() for path in self._paths))
        except OSError as error:
            if self._seen is None:  # at start-up: say so; later: keep serving what was read
                raise ConfigurationError(f"{error.filename}: trusted JWKS file unreadable: {error.strerror}") from None
            return self._keys
        if stamps != self._seen:
            keys: dict[str, dict[str, str]] = {}
            for path in self._paths:
                read = _read_jwks(path, strict=self._seen is None)
                if read is None:  # half written, say: keep the last good set, try again next time
                    return self._keys
                keys.update(read)
            self._keys, self._seen = keys, stamps
        return self._keys


def _read_jwks(path: Path, *, strict: bool) -> dict[str, dict[str, str]] | None:
    """Ed25519 public keys of a JWKS file; a bad file stops start-up, later it is skipped."""
    try:
        document = strict_json.loads(path.read_text(encoding="utf-8"))
        keys = document.get("keys") if isinstance(document, dict) else None
        if not isinstance(keys, list):
            raise MalformedDocument("a JWKS document is an object with a 'keys' list")
    except (OSError, UnicodeDecodeError, MalformedDocument) as error:
        if strict:
            raise ConfigurationError(f"{path}: not a readable JWKS file ({type(error).__name__})") from None
        return None
    public = {}
    for jwk in keys:
        kid = jwk.get("kid") if isinstance(jwk, dict) else None
        if not isinstance(kid, str):
            continue
        if "d" in jwk:
            raise ConfigurationError(f"{path}: key {kid} holds a private part; publish public keys only")
        if jwk.get("kty") == "OKP" and jwk.get("crv") == "Ed25519" and isinstance(jwk.get("x"), str):
            public[kid] = {name: str(jwk[name]) for name in ("kty", "crv", "x", "kid", "alg", "use") if name in jwk}
    return public


def _shared_key(path: Path | None, environ: Mapping[str, str]) -> SigningKey | None:
    """The fleet's key from a file or the environment; more than one source is an error."""
    file = path or (Path(environ[KEY_FILE_ENV]) if environ.get(KEY_FILE_ENV) else None)
    pem = environ.get(KEY_ENV)
    if file is not None and pem:
        source = "attribution.signing_key_file" if path else KEY_FILE_ENV
        raise ConfigurationError(f"two signing keys given ({KEY_ENV} and {source}); keep one")
    if pem:
        return _parse(pem.encode(), KEY_ENV)
    if file is None:
        return None
    try:
        return _load(file)
    except FileNotFoundError:
        raise ConfigurationError(f"{file}: signing key file not found") from None


def _paths(environ: Mapping[str, str]) -> list[Path]:
    return [Path(part) for part in environ.get(TRUSTED_JWKS_ENV, "").split(os.pathsep) if part]


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
