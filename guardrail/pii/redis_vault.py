"""A pseudonym vault in Redis, shared by every instance of the proxy.

Behind a load balancer, a conversation's turns land on different instances; each must
give ``Chan Tai Man`` the pseudonym the first one gave, and restore it in the answer.
So the vault lives in Redis, with the in-memory vault's behaviour
(:class:`~guardrail.core.vault.InMemoryVault`): per-conversation scopes with a
time-to-live renewed on use, a cap per conversation (new values past it get a plain
``<TYPE>`` placeholder) and per tenant (least recently used conversations evicted),
and the same :class:`~guardrail.core.vault.VaultCounts`.

Nothing personal reaches Redis in the clear, so a dump, a replica or ``MONITOR`` shows
no personal data:

- names are keyed digests: the tenant, the conversation (its scope) and each value
  become HMAC-SHA256 tags under a key derived from the vault key, so nobody without the
  key can confirm a guess; a value's tag includes its conversation's, so one person
  named in two conversations cannot be linked across them;
- originals are encrypted with AES-256-GCM under another derived key, bound (as
  associated data) to their conversation and entity type, so a ciphertext copied into
  another tenant's conversation does not decrypt.

Layout per tenant ``T`` (the braces are a Redis Cluster hash tag: one tenant's keys
share a slot, so each script touches one slot)::

    {prefix}:{T}:c:{S}   hash   v:{value tag} -> <PERSON_1>, p:<PERSON_1> -> ciphertext,
                                n:PERSON -> last number given            (TTL: the scope's)
    {prefix}:{T}:lru     zset   S -> last use (µs, Redis's clock)
    {prefix}:{T}:meta    hash   S -> values in S, #values, #evicted, #unpseudonymised
    {prefix}:tenants     set    T, for counts() only

Every operation is one Lua script run by key (``EVALSHA``), never a ``SCAN``: the
script decides and writes in one step, so two instances giving the same new value in
the same conversation at once agree on one pseudonym, and numbers per type stay
unique (``HINCRBY``). Expired conversations leave the tenant's bookkeeping at its
next write, at most 64 at a time. The whole store's size is bounded by Redis's own
``maxmemory`` (the memory vault's overall cap would need one key for all tenants).

Redis failing mid-run raises :class:`~guardrail.errors.StoreUnavailableError`: inside
the personal-data check that is a check error, so the policy's ``on_error`` decides and
a pseudonymising call fails closed by default, the original never sent.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import os
import urllib.parse
from typing import Any

import redis
from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from redis.backoff import NoBackoff
from redis.retry import Retry

from guardrail.core.vault import (
    MAX_VALUES_PER_CONVERSATION,
    MAX_VALUES_PER_TENANT,
    VaultCounts,
    canonical_value,
)
from guardrail.errors import ConfigurationError, StoreUnavailableError

STORE = "Redis vault"
_NONCE_BYTES = 12

# A use's time in the tenant's LRU order: Redis's clock in microseconds, but always after
# the latest use so far, so two uses in one microsecond (or a clock stepping back) keep
# their order.
_USE_TIME = """
local function use_time(lru)
  local clock = redis.call('TIME')
  local now = tonumber(clock[1]) * 1000000 + tonumber(clock[2])
  local latest = redis.call('ZRANGE', lru, -1, -1, 'WITHSCORES')
  if latest[2] and tonumber(latest[2]) >= now then now = tonumber(latest[2]) + 1 end
  return now
end
"""

# KEYS: scope hash, tenant lru, tenant meta. ARGV: scope tag, value field, entity type,
# ciphertext, ttl ms, max per conversation, max per tenant, scope-hash name prefix.
# Returns {pseudonym or "" (conversation full), 1 if the scope was new else 0}. Drops at
# most 64 expired conversations per write, so a write's cost stays bounded.
_ASSIGN = (
    _USE_TIME
    + """
local scope, lru, meta = KEYS[1], KEYS[2], KEYS[3]
local member, field, kind = ARGV[1], ARGV[2], ARGV[3]
local ttl = tonumber(ARGV[5])
local now = use_time(lru)

local function drop(name)
  local size = tonumber(redis.call('HGET', meta, name) or '0')
  redis.call('HDEL', meta, name)
  redis.call('ZREM', lru, name)
  redis.call('DEL', ARGV[8] .. name)
  redis.call('HINCRBY', meta, '#values', -size)
end

for _, name in ipairs(redis.call('ZRANGEBYSCORE', lru, '-inf', now - ttl * 1000, 'LIMIT', 0, 64)) do
  drop(name)
end

local created = 0
if redis.call('ZSCORE', lru, member) == false then created = 1 end
local result = redis.call('HGET', scope, field)
if not result then
  local count = tonumber(redis.call('HGET', meta, member) or '0')
  if count >= tonumber(ARGV[6]) then
    redis.call('HINCRBY', meta, '#unpseudonymised', 1)
    result = ''
  else
    local number = redis.call('HINCRBY', scope, 'n:' .. kind, 1)
    result = '<' .. kind .. '_' .. number .. '>'
    redis.call('HSET', scope, field, result, 'p:' .. result, ARGV[4])
    redis.call('HINCRBY', meta, member, 1)
    redis.call('HINCRBY', meta, '#values', 1)
  end
end
redis.call('ZADD', lru, now, member)
redis.call('PEXPIRE', scope, ttl)

local cap = tonumber(ARGV[7])
while tonumber(redis.call('HGET', meta, '#values') or '0') > cap and redis.call('ZCARD', lru) > 1 do
  local oldest = redis.call('ZRANGE', lru, 0, 1)
  local victim = oldest[1]
  if victim == member then victim = oldest[2] end
  drop(victim)
  redis.call('HINCRBY', meta, '#evicted', 1)
end
redis.call('PEXPIRE', lru, ttl)
redis.call('PEXPIRE', meta, ttl)
return {result, created}
"""
)

# KEYS: scope hash, tenant lru, tenant meta. ARGV: scope tag, pseudonym field, ttl ms.
# Reading renews the conversation, as in the memory vault.
_LOOKUP = (
    _USE_TIME
    + """
local value = redis.call('HGET', KEYS[1], ARGV[2])
if redis.call('PEXPIRE', KEYS[1], ARGV[3]) == 1 then
  redis.call('ZADD', KEYS[2], 'XX', use_time(KEYS[2]), ARGV[1])
  redis.call('PEXPIRE', KEYS[2], ARGV[3])
  redis.call('PEXPIRE', KEYS[3], ARGV[3])
end
return value
"""
)


def redacted_url(url: str) -> str:
    """``url`` as it may be shown in errors and logs: the password replaced by ``***``."""
    try:
        parts = urllib.parse.urlsplit(url)
        if parts.password is None:
            return url
        user = parts.username or ""
        host = parts.hostname or ""
        if ":" in host:
            host = f"[{host}]"
        port = f":{parts.port}" if parts.port else ""
        return urllib.parse.urlunsplit(parts._replace(netloc=f"{user}:***@{host}{port}"))
    except ValueError:
        return "<a malformed Redis URL>"


class VaultKeys:
    """The two keys derived from the vault key (HKDF-SHA256): one names, one encrypts."""

    def __init__(self, vault_key: bytes) -> None:
        self._naming = _derive(vault_key, b"guardrail vault naming")
        self._cipher = AESGCM(_derive(vault_key, b"guardrail vault encryption"))

    def tag(self, *parts: str, size: int = 16) -> str:
        """A keyed digest of ``parts``: stable under this key, meaningless without it."""
        message = "\x00".join(parts).encode("utf-8", "surrogatepass")
        digest = hmac.new(self._naming, message, hashlib.sha256).digest()[:size]
        return base64.urlsafe_b64encode(digest).decode().rstrip("=")

    def seal(self, value: str, context: bytes) -> bytes:
        nonce = os.urandom(_NONCE_BYTES)
        return nonce + self._cipher.encrypt(nonce, value.encode("utf-8", "surrogatepass"), context)

    def open(self, sealed: bytes, context: bytes) -> str:
        """The original; :class:`InvalidTag` when another key sealed it or it was altered."""
        plain = self._cipher.decrypt(sealed[:_NONCE_BYTES], sealed[_NONCE_BYTES:], context)
        return plain.decode("utf-8", "surrogatepass")


class RedisVault:
    """A :class:`~guardrail.core.vault.PseudonymVault` shared through Redis (see the module docstring)."""

    def __init__(
        self,
        client: redis.Redis,
        vault_key: bytes,
        *,
        ttl_seconds: float = 3600.0,
        max_values_per_conversation: int = MAX_VALUES_PER_CONVERSATION,
        max_values_per_tenant: int = MAX_VALUES_PER_TENANT,
        prefix: str = "guardrail:vault",
        where: str = "redis",
    ) -> None:
        self._client = client
        self._keys = VaultKeys(vault_key)
        self.ttl_seconds = ttl_seconds
        self._ttl_ms = max(1, int(ttl_seconds * 1000))
        self._max_conversation = max_values_per_conversation
        self._max_tenant = max_values_per_tenant
        self._prefix = prefix
        self.where = where
        self._assign = client.register_script(_ASSIGN)
        self._lookup = client.register_script(_LOOKUP)

    @classmethod
    def connect(
        cls,
        url: str,
        vault_key: bytes,
        *,
        timeout_seconds: float = 1.0,
        **options: Any,
    ) -> RedisVault:
        """A vault on the Redis at ``url``, after checking that it answers and that the
        vaults already writing there use the same key; a clear start-up error otherwise."""
        where = redacted_url(url)
        try:
            client = redis.Redis.from_url(
                url,
                socket_timeout=timeout_seconds,
                socket_connect_timeout=timeout_seconds,
                # One quick retry: a pooled connection may be stale after Redis restarted.
                retry=Retry(NoBackoff(), 1),
                health_check_interval=30,
            )
        except ValueError as error:
            raise ConfigurationError(f"vault: {STORE}: the URL {where} is not a Redis URL ({error})") from None
        vault = cls(client, vault_key, where=where, **options)
        try:
            vault.check_key()
        except redis.AuthenticationError:
            raise ConfigurationError(f"vault: {STORE} at {where}: authentication failed (user or password)") from None
        except redis.RedisError as error:
            raise ConfigurationError(
                f"vault: {STORE} at {where} cannot be reached ({type(error).__name__}: {error})"
            ) from None
        return vault

    def check_key(self) -> None:
        """Refuse a store where vaults under another key already write: each instance
        would see only its own conversations, and restore nothing from the others'."""
        name = f"{self._prefix}:key-id"
        key_id = self._keys.tag("key-id").encode()
        if self._client.set(name, key_id, nx=True):
            return
        if self._client.get(name) != key_id:
            raise ConfigurationError(
                f"vault: {STORE} at {self.where} holds pseudonyms written under another vault key; every instance "
                "needs the same key (or give this fleet its own key_prefix)"
            )

    def pseudonym_for(self, scope: str, entity_type: str, value: str) -> str:
        tenant, scope_tag, keys = self._names(scope)
        value_tag = self._keys.tag("value", scope_tag, entity_type, canonical_value(value))
        sealed = self._keys.seal(value, _context(scope_tag, entity_type))
        arguments: list[str | bytes | int] = [
            scope_tag,
            f"v:{value_tag}",
            entity_type,
            sealed,
            self._ttl_ms,
            self._max_conversation,
            self._max_tenant,
            f"{self._prefix}:{{{tenant}}}:c:",
        ]
        try:
            pseudonym, created = self._assign(keys=keys, args=arguments)
            if created:
                self._client.sadd(f"{self._prefix}:tenants", tenant)
        except redis.RedisError as error:
            raise self._unavailable(error) from None
        text = _text(pseudonym)
        return text or f"<{entity_type}>"

    def original_for(self, scope: str, pseudonym: str) -> str | None:
        _, scope_tag, keys = self._names(scope)
        try:
            sealed = self._lookup(keys=keys, args=[scope_tag, f"p:{pseudonym}", self._ttl_ms])
        except redis.RedisError as error:
            raise self._unavailable(error) from None
        if sealed is None:
            return None
        entity_type = pseudonym.strip("<>").rpartition("_")[0]
        try:
            return self._keys.open(bytes(sealed), _context(scope_tag, entity_type))
        except InvalidTag:
            raise StoreUnavailableError(
                "an entry does not decrypt under this vault key (written under another key, or altered)",
                store=STORE,
                where=self.where,
            ) from None

    def counts(self) -> VaultCounts:
        """The store's counts, over tenants with a conversation used within the TTL."""
        try:
            tenants = sorted(self._client.smembers(f"{self._prefix}:tenants"))
            pipe = self._client.pipeline(transaction=False)
            for tenant in tenants:
                base = f"{self._prefix}:{{{_text(tenant)}}}"
                pipe.zcard(f"{base}:lru")
                pipe.hmget(f"{base}:meta", ["#values", "#evicted", "#unpseudonymised"])
            replies = pipe.execute()
        except redis.RedisError as error:
            raise self._unavailable(error) from None
        conversations = values = evicted = unpseudonymised = 0
        gone: list[bytes | str] = []
        for tenant, size, (held, dropped, placeheld) in zip(tenants, replies[::2], replies[1::2], strict=True):
            if size == 0 and held is None and dropped is None and placeheld is None:
                gone.append(tenant)
            conversations += int(size)
            values += int(held or 0)
            evicted += int(dropped or 0)
            unpseudonymised += int(placeheld or 0)
        if gone:
            self._forget(gone)
        return VaultCounts(conversations, values, evicted, unpseudonymised)

    def close(self) -> None:
        self._client.close()

    def _forget(self, tenants: list[bytes | str]) -> None:
        """Tenants idle past the TTL leave the registry (their keys expired already)."""
        try:
            self._client.srem(f"{self._prefix}:tenants", *tenants)
        except redis.RedisError:
            pass  # the next counts() tries again

    def _names(self, scope: str) -> tuple[str, str, list[str]]:
        tenant = self._keys.tag("tenant", scope.partition("/")[0], size=12)
        scope_tag = self._keys.tag("scope", scope)
        base = f"{self._prefix}:{{{tenant}}}"
        return tenant, scope_tag, [f"{base}:c:{scope_tag}", f"{base}:lru", f"{base}:meta"]

    def _unavailable(self, error: redis.RedisError) -> StoreUnavailableError:
        # The class name only: a reply's text is Redis's, but a script error could quote arguments.
        return StoreUnavailableError(f"{type(error).__name__}", store=STORE, where=self.where)


def _derive(vault_key: bytes, purpose: bytes) -> bytes:
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=purpose).derive(vault_key)


def _text(reply: bytes | str) -> str:
    return reply.decode() if isinstance(reply, bytes) else reply


def _context(scope_tag: str, entity_type: str) -> bytes:
    """What a ciphertext is bound to: its conversation and its entity type."""
    return f"{scope_tag}\x00{entity_type}".encode()
