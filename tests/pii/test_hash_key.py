"""Keys for the ``hash`` action: guessable ones stop start-up with a clear message."""

from __future__ import annotations

import secrets

import pytest

from guardrail.errors import ConfigurationError
from guardrail.pii.hash_key import hash_key, weakness


@pytest.mark.parametrize(
    ("key", "reason"),
    [
        ("", "shorter than 16"),
        ("short-key", "shorter than 16"),
        ("0123456789abcdef", "published"),
        ("0123456789ABCDEF", "published"),
        ("k" * 32, "fewer than 6 different"),
        ("abababababababab", "fewer than 6 different"),
        ("abcdefghijklmnopqrs", "in sequence"),
        ("9876543210zyxwvu", "in sequence"),
        ("6789abcdefghijklmn", "in sequence"),
        ("qwertyuiopasdfgh", "in sequence"),
    ],
)
def test_guessable_keys_are_refused_with_the_reason(key: str, reason: str) -> None:
    assert reason in (weakness(key) or "")
    with pytest.raises(ConfigurationError, match="secrets.token_hex") as refused:
        hash_key(key, "GUARDRAIL_HASH_KEY")
    assert "GUARDRAIL_HASH_KEY" in str(refused.value)


@pytest.mark.parametrize("key", [secrets.token_hex(16), "test-only-hash-key-0001", "example-only-hash-key-0001"])
def test_generated_and_example_specific_keys_are_accepted(key: str) -> None:
    assert weakness(key) is None and hash_key(key, "X") == key.encode()
