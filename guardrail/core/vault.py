"""Where reversible pseudonyms are kept: ``<PERSON_1>`` back to the name it stands for.

The vault is scoped by conversation, so the same value gets the same pseudonym
throughout a conversation and different values never share one. A scope is a string
``tenant/...`` (:attr:`~guardrail.core.context.CallContext.vault_scope`): the part
before the first slash is the tenant its size counts against. Entries expire after a
time-to-live; reading an entry renews it. :class:`InMemoryVault` is the default; a
shared store (for several worker processes) implements :class:`PseudonymVault`.

It lives in the core, beside the call context whose scope keys it, because both the
checks (through the policy's ``CheckServices``) and the runtime that restores answers
use it; it needs nothing but the standard library.

Costs are bounded whatever callers do. Every operation is a few dictionary look-ups
by key: conversations are kept in order of last use (which, with one time-to-live
for all, is also the order in which they expire), so expiry and eviction take from
the front and never walk the conversations. Sizes are capped per conversation, per
tenant and overall: when a tenant or the whole vault is full, its least recently
used conversations are evicted (a later answer in them keeps its pseudonyms, since
nothing is left to restore); when one conversation is full, further new values get a
plain, irreversible ``<TYPE>`` placeholder, so they are still removed. Both are
counted in :class:`VaultCounts`: numbers only, no values and no conversation ids.
"""

from __future__ import annotations

import threading
import time
import unicodedata
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Protocol

MAX_VALUES = 500_000
MAX_VALUES_PER_TENANT = 100_000
MAX_VALUES_PER_CONVERSATION = 10_000


def canonical_value(value: str) -> str:
    """The form under which two spellings of one value count as the same value."""
    return " ".join(unicodedata.normalize("NFKC", value).casefold().split())


class PseudonymVault(Protocol):
    """Maps values to stable pseudonyms per scope, and back."""

    def pseudonym_for(self, scope: str, entity_type: str, value: str) -> str: ...

    def original_for(self, scope: str, pseudonym: str) -> str | None: ...


@dataclass(frozen=True, slots=True)
class VaultCounts:
    """What the vault holds and what its caps cost, for health checks and logs."""

    conversations: int
    values: int
    evicted_conversations: int  # dropped, least recently used first, to stay within the caps
    unpseudonymised_values: int  # got a placeholder because their conversation was full


@dataclass(slots=True)
class _Scope:
    tenant: str
    expires_at: float
    by_value: dict[tuple[str, str], str] = field(default_factory=dict)
    by_pseudonym: dict[str, str] = field(default_factory=dict)
    counters: dict[str, int] = field(default_factory=dict)


class InMemoryVault:
    """A process-local vault with a time-to-live per conversation and size caps."""

    def __init__(
        self,
        ttl_seconds: float = 3600.0,
        clock: Callable[[], float] = time.monotonic,
        *,
        max_values: int = MAX_VALUES,
        max_values_per_tenant: int = MAX_VALUES_PER_TENANT,
        max_values_per_conversation: int = MAX_VALUES_PER_CONVERSATION,
    ):
        self.ttl_seconds = ttl_seconds
        self._clock = clock
        self._max_values = max_values
        self._max_tenant = max_values_per_tenant
        self._max_conversation = max_values_per_conversation
        # Least recently used first, overall and per tenant; both hold the same scopes.
        self._scopes: OrderedDict[str, _Scope] = OrderedDict()
        self._tenants: dict[str, OrderedDict[str, _Scope]] = {}
        self._tenant_values: dict[str, int] = {}
        self._values = 0
        self._evicted = 0
        self._unpseudonymised = 0
        self._lock = threading.Lock()

    def pseudonym_for(self, scope: str, entity_type: str, value: str) -> str:
        key = (entity_type, canonical_value(value))
        with self._lock:
            entry = self._touch(scope, create=True)
            assert entry is not None
            existing = entry.by_value.get(key)
            if existing is not None:
                return existing
            if len(entry.by_value) >= self._max_conversation:
                self._unpseudonymised += 1
                return f"<{entity_type}>"
            number = entry.counters.get(entity_type, 0) + 1
            entry.counters[entity_type] = number
            pseudonym = f"<{entity_type}_{number}>"
            entry.by_value[key] = pseudonym
            entry.by_pseudonym[pseudonym] = value
            self._values += 1
            self._tenant_values[entry.tenant] = self._tenant_values.get(entry.tenant, 0) + 1
            self._enforce_caps(entry.tenant)
            return pseudonym

    def original_for(self, scope: str, pseudonym: str) -> str | None:
        with self._lock:
            entry = self._touch(scope, create=False)
            return entry.by_pseudonym.get(pseudonym) if entry else None

    def counts(self) -> VaultCounts:
        with self._lock:
            return VaultCounts(len(self._scopes), self._values, self._evicted, self._unpseudonymised)

    def _touch(self, scope: str, *, create: bool) -> _Scope | None:
        """The live scope, renewed and moved to the most recently used end."""
        now = self._clock()
        self._expire(now)
        entry = self._scopes.get(scope)
        if entry is None:
            if not create:
                return None
            tenant = scope.partition("/")[0]
            entry = _Scope(tenant, expires_at=0.0)
            self._scopes[scope] = entry
            self._tenants.setdefault(tenant, OrderedDict())[scope] = entry
        else:
            self._scopes.move_to_end(scope)
            self._tenants[entry.tenant].move_to_end(scope)
        entry.expires_at = now + self.ttl_seconds
        return entry

    def _expire(self, now: float) -> None:
        """Drop expired scopes: they are all at the front, so this stops at the first live one."""
        while self._scopes:
            name, entry = next(iter(self._scopes.items()))
            if entry.expires_at > now:
                return
            self._drop(name, entry)

    def _enforce_caps(self, tenant: str) -> None:
        """Evict least recently used conversations until within the caps. The scope just
        written is the most recently used, so it goes last: a scope that alone passes a
        cap is kept, and its conversation cap bounds it."""
        tenant_scopes = self._tenants[tenant]
        while self._tenant_values[tenant] > self._max_tenant and len(tenant_scopes) > 1:
            self._evict(next(iter(tenant_scopes)))
        while self._values > self._max_values and len(self._scopes) > 1:
            self._evict(next(iter(self._scopes)))

    def _evict(self, name: str) -> None:
        self._evicted += 1
        self._drop(name, self._scopes[name])

    def _drop(self, name: str, entry: _Scope) -> None:
        del self._scopes[name]
        tenant_scopes = self._tenants[entry.tenant]
        del tenant_scopes[name]
        self._values -= len(entry.by_value)
        remaining = self._tenant_values[entry.tenant] - len(entry.by_value)
        if tenant_scopes:
            self._tenant_values[entry.tenant] = remaining
        else:
            del self._tenants[entry.tenant]
            self._tenant_values.pop(entry.tenant, None)
