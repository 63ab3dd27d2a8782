"""JWS compact serialisation (RFC 7515) with EdDSA over Ed25519 (RFC 8037).

Hand-written because it is a few lines over ``cryptography``; any JOSE library can
verify what this signs (``alg: EdDSA``, the key as an OKP JWK).
"""

from __future__ import annotations

import base64
import hashlib
import json
from typing import Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

from guardrail.attribution import strict_json
from guardrail.errors import InputError

TYPE = "guardrail-attribution+jws"


class MalformedJws(InputError, ValueError):
    """Not a JWS this module can read."""


def b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def b64url_decode(text: str) -> bytes:
    try:
        return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))
    except (ValueError, TypeError) as error:
        raise MalformedJws("not base64url") from error


def canonical_json(data: Any) -> bytes:
    return json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode("utf-8")


def public_jwk(key: Ed25519PublicKey) -> dict[str, str]:
    raw = key.public_bytes(Encoding.Raw, PublicFormat.Raw)
    jwk = {"crv": "Ed25519", "kty": "OKP", "x": b64url(raw)}
    return {**jwk, "kid": thumbprint(jwk), "alg": "EdDSA", "use": "sig"}


def thumbprint(jwk: dict[str, str]) -> str:
    """RFC 7638 JWK thumbprint: the key id, derived from the key itself."""
    members = {name: jwk[name] for name in ("crv", "kty", "x")}
    return b64url(hashlib.sha256(canonical_json(members)).digest())


def sign(payload: dict[str, Any], key: Ed25519PrivateKey, kid: str) -> str:
    header = b64url(canonical_json({"alg": "EdDSA", "kid": kid, "typ": TYPE}))
    body = b64url(canonical_json(payload))
    signature = key.sign(f"{header}.{body}".encode("ascii"))
    return f"{header}.{body}.{b64url(signature)}"


def parse(token: str) -> tuple[dict[str, Any], dict[str, Any], bytes, bytes]:
    """Header, payload, signing input and signature, without checking the signature."""
    if not token.isascii():
        raise MalformedJws("a compact JWS is ASCII only")
    parts = token.split(".")
    if len(parts) != 3:
        raise MalformedJws("a compact JWS has three dot-separated parts")
    try:
        header = strict_json.loads(b64url_decode(parts[0]))
        payload = strict_json.loads(b64url_decode(parts[1]))
    except strict_json.MalformedDocument as error:
        raise MalformedJws(f"header or payload: {error}") from None
    if not isinstance(header, dict) or not isinstance(payload, dict):
        raise MalformedJws("header and payload must be JSON objects")
    if header.get("alg") != "EdDSA":
        raise MalformedJws("unsupported alg (only EdDSA)")
    return header, payload, f"{parts[0]}.{parts[1]}".encode("ascii"), b64url_decode(parts[2])


def signature_valid(key: Ed25519PublicKey, signing_input: bytes, signature: bytes) -> bool:
    try:
        key.verify(signature, signing_input)
    except InvalidSignature:
        return False
    return True


def public_key_from_jwk(jwk: dict[str, Any]) -> Ed25519PublicKey:
    if jwk.get("kty") != "OKP" or jwk.get("crv") != "Ed25519" or not isinstance(jwk.get("x"), str):
        raise MalformedJws("not an Ed25519 OKP key")
    return Ed25519PublicKey.from_public_bytes(b64url_decode(jwk["x"]))
