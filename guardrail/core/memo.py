"""Per-text results remembered, so a conversation pays only for its new text.

Chat clients resend the whole conversation on every turn. A check whose result for a
text depends only on that text (and on the check's own settings, that is the policy)
can look the result up instead of computing it again. A :class:`TextMemo` holds such
results per check:

- keyed by a keyed BLAKE2b digest of (scope, text), the key drawn at random per
  process, so the memo holds no text and no digest that could be tested against a
  guess outside the process; the scope names the tenant (results are never shared
  between tenants, so timing cannot tell one tenant what another sent) and whatever
  else the result depends on (the message role, the stage);
- bounded: at most ``max_entries`` results, each kept at most ``ttl_seconds``, the
  least recently used dropped first;
- per check instance, and a check instance belongs to one policy, so a changed policy
  (a new hash, a new pipeline) never reuses a result;
- safe across threads. Each worker process keeps its own.

Only results are stored (offsets, types, scores): the original text never is, and
pseudonyms are still issued by the vault on every call, so they stay stable.
"""

from __future__ import annotations

import hashlib
import os
import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from typing import Any

DEFAULT_MAX_ENTRIES = 20_000
DEFAULT_TTL_SECONDS = 3_600.0
_PROCESS_KEY = os.urandom(32)


class TextMemo:
    """A bounded, expiring map from (scope, text) to a check's result for that text."""

    def __init__(
        self,
        max_entries: int = DEFAULT_MAX_ENTRIES,
        ttl_seconds: float = DEFAULT_TTL_SECONDS,
        *,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.max_entries = max_entries
        self.ttl_seconds = ttl_seconds
        self._clock = clock
        self._entries: OrderedDict[bytes, tuple[float, Any]] = OrderedDict()
        self._lock = threading.Lock()

    def __len__(self) -> int:
        return len(self._entries)

    @staticmethod
    def key(scope: str, text: str) -> bytes:
        """The entry's key: a keyed digest, never the text."""
        digest = hashlib.blake2b(key=_PROCESS_KEY, digest_size=16)
        digest.update(scope.encode("utf-8", "surrogatepass"))
        digest.update(b"\x00")
        digest.update(text.encode("utf-8", "surrogatepass"))
        return digest.digest()

    def get(self, key: bytes) -> Any | None:
        """The remembered result, or ``None`` (never stored, expired or dropped)."""
        if self.max_entries <= 0:
            return None
        with self._lock:
            entry = self._entries.get(key)
            if entry is None:
                return None
            stored, value = entry
            if self._clock() - stored > self.ttl_seconds:
                del self._entries[key]
                return None
            self._entries.move_to_end(key)
            return value

    def put(self, key: bytes, value: Any) -> None:
        if self.max_entries <= 0:
            return
        with self._lock:
            self._entries[key] = (self._clock(), value)
            self._entries.move_to_end(key)
            while len(self._entries) > self.max_entries:
                self._entries.popitem(last=False)

    def remembered(self, scope: str, text: str, compute: Callable[[str], Any]) -> tuple[Any, bool]:
        """``compute(text)``, or the result remembered for it; and whether it was remembered."""
        key = self.key(scope, text)
        value = self.get(key)
        if value is not None:
            return value, True
        value = compute(text)
        self.put(key, value)
        return value, False


class MemoFactory:
    """Makes each check its memo, all of one size and lifetime. Checks that compute the
    same thing (two checks reading one model's scores) name a ``shared`` key and get one
    memo between them, so the work is done once per text."""

    def __init__(self, max_entries: int = DEFAULT_MAX_ENTRIES, ttl_seconds: float = DEFAULT_TTL_SECONDS) -> None:
        self.max_entries = max_entries
        self.ttl_seconds = ttl_seconds
        self._shared: dict[str, TextMemo] = {}
        self._lock = threading.Lock()

    def __call__(self, shared: str | None = None) -> TextMemo:
        if shared is None:
            return TextMemo(self.max_entries, self.ttl_seconds)
        with self._lock:
            return self._shared.setdefault(shared, TextMemo(self.max_entries, self.ttl_seconds))
