"""Held answers at rest: sealed per review, under a key kept out of the store."""

from __future__ import annotations

import base64
import stat
from pathlib import Path

import pytest

from guardrail.errors import ConfigurationError
from guardrail.review.sealing import KEY_BYTES, REVIEW_KEY_ENV, SealBroken, Sealer, review_key

CONTENT = {"answer": "Call Ms Chan on 6123 9876", "nested": {"hkid": "A123456(3)"}}


def test_a_sealed_review_opens_with_its_key_and_id_only() -> None:
    key = b"k" * KEY_BYTES
    sealed = Sealer(key).seal("rev_1", CONTENT)
    assert b"6123" not in sealed and b"Chan" not in sealed and b"A123456" not in sealed
    assert Sealer(key).open("rev_1", sealed) == CONTENT
    with pytest.raises(SealBroken):
        Sealer(key).open("rev_2", sealed)  # moved to another review's row
    with pytest.raises(SealBroken):
        Sealer(b"x" * KEY_BYTES).open("rev_1", sealed)
    flipped = sealed[:-1] + bytes([sealed[-1] ^ 1])
    with pytest.raises(SealBroken):
        Sealer(key).open("rev_1", flipped)


def test_each_seal_uses_a_fresh_nonce() -> None:
    sealer = Sealer(b"k" * KEY_BYTES)
    assert sealer.seal("rev_1", CONTENT) != sealer.seal("rev_1", CONTENT)


def test_the_key_file_is_made_owner_only_once_and_reused(tmp_path: Path) -> None:
    first = review_key(tmp_path, environ={})
    path = tmp_path / "keys" / "review.key"
    assert len(first) == KEY_BYTES and stat.S_IMODE(path.stat().st_mode) == 0o600
    assert review_key(tmp_path, environ={}) == first


def test_a_key_file_open_to_others_is_refused(tmp_path: Path) -> None:
    review_key(tmp_path, environ={})
    (tmp_path / "keys" / "review.key").chmod(0o644)
    with pytest.raises(ConfigurationError, match="chmod 600"):
        review_key(tmp_path, environ={})


def test_the_environment_key_wins_and_a_bad_one_stops_start_up(tmp_path: Path) -> None:
    key = bytes(range(KEY_BYTES))
    for encoded in (base64.b64encode(key).decode(), base64.urlsafe_b64encode(key).decode().rstrip("=")):
        assert review_key(tmp_path, environ={REVIEW_KEY_ENV: encoded}) == key
    assert not (tmp_path / "keys" / "review.key").exists()
    with pytest.raises(ConfigurationError, match=f"{REVIEW_KEY_ENV}: the review key must be 32 bytes"):
        review_key(tmp_path, environ={REVIEW_KEY_ENV: "c2hvcnQ="})
