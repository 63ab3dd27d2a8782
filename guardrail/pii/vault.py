"""Where reversible pseudonyms are kept: ``<PERSON_1>`` back to the name it stands for.

The vault is scoped by conversation, so the same value gets the same pseudonym
throughout a conversation and different values never share one. Entries expire after
a time-to-live; reading an entry renews it. :class:`InMemoryVault` is the default; a
shared store (for several worker processes) implements :class:`PseudonymVault`.
"""

from __future__ import annotations

import threading
import time
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Protocol


def canonical_value(value: str) -> str:
    """The form under which two spellings of one value count as the same value."""
    return " ".join(unicodedata.normalize("NFKC", value).casefold().split())


class PseudonymVault(Protocol):
    """Maps values to stable pseudonyms per scope, and back."""

    def pseudonym_for(self, scope: str, entity_type: str, value: str) -> str: ...

    def original_for(self, scope: str, pseudonym: str) -> str | None: ...


@dataclass
class _Scope:
    expires_at: float
    by_value: dict[tuple[str, str], str] = field(default_factory=dict)
    by_pseudonym: dict[str, str] = field(default_factory=dict)
    counters: dict[str, int] = field(default_factory=dict)


class InMemoryVault:
    """A process-local vault with a time-to-live per conversation."""

    def __init__(self, ttl_seconds: float = 3600.0, clock: Callable[[], float] = time.monotonic):
        self.ttl_seconds = ttl_seconds
        self._clock = clock
        self._scopes: dict[str, _Scope] = {}
        self._lock = threading.Lock()

    def pseudonym_for(self, scope: str, entity_type: str, value: str) -> str:
        key = (entity_type, canonical_value(value))
        with self._lock:
            entry = self._live_scope(scope, create=True)
            assert entry is not None
            existing = entry.by_value.get(key)
            if existing is not None:
                return existing
            number = entry.counters.get(entity_type, 0) + 1
            entry.counters[entity_type] = number
            pseudonym = f"<{entity_type}_{number}>"
            entry.by_value[key] = pseudonym
            entry.by_pseudonym[pseudonym] = value
            return pseudonym

    def original_for(self, scope: str, pseudonym: str) -> str | None:
        with self._lock:
            entry = self._live_scope(scope, create=False)
            return entry.by_pseudonym.get(pseudonym) if entry else None

    def _live_scope(self, scope: str, *, create: bool) -> _Scope | None:
        now = self._clock()
        self._purge(now)
        entry = self._scopes.get(scope)
        if entry is None and create:
            entry = self._scopes[scope] = _Scope(expires_at=0.0)
        if entry is not None:
            entry.expires_at = now + self.ttl_seconds
        return entry

    def _purge(self, now: float) -> None:
        expired = [name for name, entry in self._scopes.items() if entry.expires_at <= now]
        for name in expired:
            del self._scopes[name]
