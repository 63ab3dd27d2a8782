"""The key of the ``hash`` action, refused when it is trivially guessable.

A keyed tag (``<HK_ID:k3vq7d2amn4x5pqa>``) is only one-way while the key is secret:
anyone who knows the key can tag every possible HKID and read the tags back. A key
copied from documentation, or typed as one repeated character or a run of the
keyboard's digits and letters, is as good as public, so it stops start-up.
"""

from __future__ import annotations

from guardrail.errors import ConfigurationError

MIN_LENGTH = 16
MIN_DISTINCT = 6
GENERATE = "python -c 'import secrets; print(secrets.token_hex(16))'"
# Keys printed in documentation or examples, ours and common ones.
_PUBLISHED = frozenset({"0123456789abcdef", "0123456789abcdef0123456789abcdef", "changeme", "secret"})
_RUNS = ("0123456789abcdefghijklmnopqrstuvwxyz", "abcdefghijklmnopqrstuvwxyz", "qwertyuiopasdfghjklzxcvbnm")


def weakness(key: str) -> str | None:
    """Why ``key`` is too weak to be a secret, or ``None``."""
    if len(key) < MIN_LENGTH:
        return f"it is shorter than {MIN_LENGTH} characters"
    lower = key.lower()
    if lower in _PUBLISHED:
        return "it is an example key published in documentation"
    if len(set(lower)) < MIN_DISTINCT:
        return f"it has fewer than {MIN_DISTINCT} different characters"
    for run in _RUNS:
        cycle = run * (len(lower) // len(run) + 2)
        if lower in cycle or lower in cycle[::-1]:
            return "its characters are in sequence"
    return None


def hash_key(value: str, variable: str) -> bytes:
    """The key in ``value`` (read from ``variable``) as bytes; a clear error if weak."""
    reason = weakness(value)
    if reason is not None:
        missing = "is not set" if not value else f"is too weak: {reason}"
        raise ConfigurationError(
            f"the 'hash' action needs a secret key of at least {MIN_LENGTH} characters in the "
            f"environment variable {variable}, and it {missing}. Generate one with: {GENERATE}"
        )
    return value.encode()
