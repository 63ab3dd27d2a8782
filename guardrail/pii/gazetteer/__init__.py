"""A Hong Kong gazetteer: places, estates, buildings, brands and public figures, from the data files here.

Written from general knowledge as plain text (one entry a line, ``#`` for comments) so
that it can be read, reviewed and extended without code. Name recognizers use it to
veto candidates that are places or businesses (``Lee Gardens``, ``周大福``); address
recognizers may use it to find where an address is. The files ship with the package;
a missing one stops start-up with an error naming it, never a silent empty list.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from guardrail.errors import ConfigurationError

_HERE = Path(__file__).resolve().parent
KINDS = ("places", "estates", "buildings", "landmarks", "brands", "figures")


@cache
def entries(kind: str) -> frozenset[str]:
    """The entries of one data file, as written (case kept)."""
    if kind not in KINDS:
        raise ValueError(f"unknown gazetteer kind {kind!r}; expected one of {KINDS}")
    path = _HERE / f"{kind}.txt"
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as error:
        raise ConfigurationError(
            f"gazetteer file {path} cannot be read ({error.strerror}); reinstall guardrail"
        ) from None
    return frozenset(line.strip() for line in lines if line.strip() and not line.startswith("#"))


@cache
def all_entries() -> frozenset[str]:
    """Every entry of every kind."""
    return frozenset().union(*(entries(kind) for kind in KINDS))


@cache
def latin_lower() -> frozenset[str]:
    """Entries in Latin script, lower-cased with single spaces, for word-run lookups."""
    return frozenset(" ".join(e.lower().split()) for e in all_entries() if e.isascii())


@cache
def chinese() -> frozenset[str]:
    """Entries in Chinese characters."""
    return frozenset(e for e in all_entries() if not e.isascii())
