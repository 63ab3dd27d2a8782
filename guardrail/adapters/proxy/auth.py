"""Client API keys: who is calling, under which policy and use case.

Keys are held as SHA-256 digests, so the process never compares or logs a raw key
after start-up. The client's key authenticates it to guardrail only; upstream calls
use the credentials in ``model_list``, never the client's.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from guardrail.adapters.proxy.config import KeyConfig
from guardrail.adapters.proxy.errors import ProxyError

ANONYMOUS_TENANT = "default"


@dataclass(frozen=True, slots=True)
class Caller:
    """An authenticated caller; ``use_cases`` are those its calls may ask for (``None``:
    any, for the anonymous caller of a proxy without keys, which serves loopback only)."""

    tenant: str
    policy: str
    use_case: str | None = None
    use_cases: frozenset[str] | None = None
    principal: str = ""  # a short digest of the key: pseudonyms are kept per key within a tenant

    def may_use(self, use_case: str, default: str) -> bool:
        """Whether this caller may ask for ``use_case``; ``default`` is its policy's
        default use case, a key's own when it names no use case (empty ``use_cases``)."""
        return self.use_cases is None or use_case in (self.use_cases or {default})


class KeyRing:
    """Looks up callers by key; with no keys configured, every caller is anonymous."""

    def __init__(self, keys: Sequence[KeyConfig], default_policy: str) -> None:
        self._callers = {
            _digest(k.key.get_secret_value()): Caller(
                k.tenant,
                k.policy or default_policy,
                k.use_case,
                frozenset(k.allowed_use_cases or ([k.use_case] if k.use_case else [])),
                principal=_digest(k.key.get_secret_value()).hex()[:16],
            )
            for k in keys
        }
        self._anonymous = Caller(ANONYMOUS_TENANT, default_policy)

    @property
    def open(self) -> bool:
        """True when no keys are configured (allowed on loopback only)."""
        return not self._callers

    def caller(self, headers: Mapping[str, str]) -> Caller:
        if self.open:
            return self._anonymous
        key = presented_key(headers)
        if key is None:
            raise ProxyError(
                401,
                "authentication_error",
                "missing_api_key",
                "no API key given; send 'Authorization: Bearer <key>' (OpenAI clients) or 'x-api-key: <key>' "
                "(Anthropic clients)",
            )
        caller = self._callers.get(_digest(key))
        if caller is None:
            raise ProxyError(401, "authentication_error", "invalid_api_key", "the API key is not valid")
        return caller


def presented_key(headers: Mapping[str, str]) -> str | None:
    """The key as OpenAI clients send it (``Authorization: Bearer``), as Azure's send it
    (``api-key``) or as Anthropic's send it (``x-api-key``)."""
    authorization = headers.get("authorization", "")
    scheme, _, token = authorization.partition(" ")
    if scheme.lower() == "bearer" and token.strip():
        return token.strip()
    return headers.get("api-key") or headers.get("x-api-key") or None


def _digest(key: str) -> bytes:
    return hashlib.sha256(key.encode("utf-8")).digest()
