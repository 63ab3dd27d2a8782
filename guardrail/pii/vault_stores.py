"""Which pseudonym vault a server uses: the ``vault`` section of its config, and the
factory that opens it.

``store: memory`` (the default) keeps pseudonyms in the worker process, which suits
one process. ``store: redis`` shares them between processes and machines, so a
conversation's turns can be served by any instance behind a load balancer
(:mod:`guardrail.pii.redis_vault`). Secrets are never written in the config: the
Redis URL and the vault's encryption key are read from the environment variables the
section names, here and nowhere else.
"""

from __future__ import annotations

import base64
import binascii
import os
from collections.abc import Mapping
from typing import Literal, Protocol

from pydantic import BaseModel, ConfigDict, Field

from guardrail.core.vault import (
    MAX_VALUES,
    MAX_VALUES_PER_CONVERSATION,
    MAX_VALUES_PER_TENANT,
    InMemoryVault,
    PseudonymVault,
    VaultCounts,
)
from guardrail.errors import ConfigurationError

DEFAULT_TTL_SECONDS = 3600.0
VAULT_KEY_BYTES = 32


class CountedVault(PseudonymVault, Protocol):
    """A vault that can also say what it holds and what its caps cost (``/health/ready``)."""

    def counts(self) -> VaultCounts: ...


class VaultSettings(BaseModel):
    """The server config's ``vault`` section."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    store: Literal["memory", "redis"] = Field(
        default="memory", description="memory: per worker process; redis: shared by every instance."
    )
    url_env: str = Field(
        default="GUARDRAIL_REDIS_URL",
        min_length=1,
        description="The environment variable holding the Redis URL (redis://[:password@]host:port/db, rediss://...).",
    )
    key_env: str = Field(
        default="GUARDRAIL_VAULT_KEY",
        min_length=1,
        description="The environment variable holding the vault key: 32 random bytes in base64. "
        "Values are encrypted under it and Redis keys derived from it; every instance needs the same one.",
    )
    ttl_seconds: float = Field(
        default=DEFAULT_TTL_SECONDS, gt=0, description="A conversation's pseudonyms are kept this long after last use."
    )
    max_values_per_conversation: int = Field(
        default=MAX_VALUES_PER_CONVERSATION,
        gt=0,
        description="Past this, new values in the conversation get a plain <TYPE> placeholder.",
    )
    max_values_per_tenant: int = Field(
        default=MAX_VALUES_PER_TENANT,
        gt=0,
        description="Past this, the tenant's least recently used conversations are evicted.",
    )
    max_values: int = Field(
        default=MAX_VALUES,
        gt=0,
        description="memory store only: the whole vault's cap. Bound a Redis vault with Redis's own maxmemory.",
    )
    key_prefix: str = Field(
        default="guardrail:vault", min_length=1, pattern=r"^[A-Za-z0-9_.:-]+$", description="redis: names' prefix."
    )
    timeout_seconds: float = Field(
        default=1.0, gt=0, le=60, description="redis: a command slower than this is a failure (the check's error)."
    )


def open_vault(settings: VaultSettings, environ: Mapping[str, str] | None = None) -> CountedVault:
    """The vault the settings describe, connected and checked.

    A Redis vault with a missing or malformed key, or a Redis that does not answer,
    stops start-up here with a :class:`~guardrail.errors.ConfigurationError` naming
    the variable or the store and its URL (password removed).
    """
    if settings.store == "memory":
        return InMemoryVault(
            ttl_seconds=settings.ttl_seconds,
            max_values=settings.max_values,
            max_values_per_tenant=settings.max_values_per_tenant,
            max_values_per_conversation=settings.max_values_per_conversation,
        )
    env = os.environ if environ is None else environ
    url = env.get(settings.url_env, "")
    if not url:
        raise ConfigurationError(f"vault: store redis needs a Redis URL in the environment variable {settings.url_env}")
    key = vault_key(env, settings.key_env)
    from guardrail.pii.redis_vault import RedisVault

    return RedisVault.connect(
        url,
        key,
        ttl_seconds=settings.ttl_seconds,
        max_values_per_conversation=settings.max_values_per_conversation,
        max_values_per_tenant=settings.max_values_per_tenant,
        prefix=settings.key_prefix,
        timeout_seconds=settings.timeout_seconds,
    )


def check_vault(settings: VaultSettings, environ: Mapping[str, str] | None = None) -> None:
    """Open the vault once and let it go: for a server about to start worker processes,
    so that a missing key or a Redis that does not answer is said once, before they
    start, rather than in each worker's crash."""
    vault = open_vault(settings, environ)
    close = getattr(vault, "close", None)
    if close is not None:
        close()


def vault_key(environ: Mapping[str, str], name: str) -> bytes:
    """The 32-byte vault key from the variable ``name`` (base64), or a clear error."""
    text = environ.get(name, "").strip()
    if not text:
        raise ConfigurationError(
            f"vault: the environment variable {name} is not set; it must hold a vault key of {VAULT_KEY_BYTES} random "
            "bytes in base64 (generate one with: python -c 'import os,base64;print(base64.b64encode(os.urandom(32)).decode())')"
        )
    try:
        key = base64.b64decode(text, validate=True)
    except (binascii.Error, ValueError):
        raise ConfigurationError(f"vault: the environment variable {name} is not valid base64") from None
    if len(key) != VAULT_KEY_BYTES:
        raise ConfigurationError(
            f"vault: the environment variable {name} holds {len(key)} bytes; a vault key is {VAULT_KEY_BYTES} bytes"
        )
    if len(set(key)) < 8:
        raise ConfigurationError(f"vault: the key in {name} is not random (too few distinct bytes)")
    return key
