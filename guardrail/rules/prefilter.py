"""A literal prefilter for rule patterns: skip a regex when its text cannot match.

Python's ``re`` tries every alternative of a long alternation at every position, so
a rule subject with fifty alternatives costs about a millisecond per kilobyte. Most
texts contain none of a rule's words, and a substring test (``in``, in C) answers
that in microseconds. :func:`required_literals` reads a pattern's parse tree and
returns literals one of which every match must contain, as RE2's and Hyperscan's
prefilters do; the regex runs only when one is present. When it cannot tell (a
pattern made only of classes and wildcards), it returns ``None`` and the regex
always runs, so the filter can only save time, never change a result.
"""

from __future__ import annotations

import importlib
import re
from typing import Any

_sre: Any
_sre_parse: Any
try:  # The parser is internal to re; without it, no prefilter (correct, slower).
    _sre = importlib.import_module("re._constants")
    _sre_parse = importlib.import_module("re._parser")
except ImportError:  # pragma: no cover - other Pythons
    _sre = _sre_parse = None

Literals = frozenset[str]


def required_literals(pattern: str) -> Literals | None:
    """Literals one of which every match of ``pattern`` contains, or ``None``."""
    if _sre_parse is None:
        return None
    try:
        tree = _sre_parse.parse(pattern, 0)
    except (re.error, RecursionError):
        return None
    found = _sequence(list(tree))
    if not found or "" in found:
        return None
    return frozenset(found)


def _sequence(items: list[tuple[Any, Any]]) -> Literals | None:
    """For a sequence: the best requirement of any one element (all are required)."""
    candidates: list[Literals] = []
    run: list[str] = []

    def flush() -> None:
        if run:
            candidates.append(frozenset({"".join(run)}))
            run.clear()

    for op, argument in items:
        if op is _sre.LITERAL:
            run.append(chr(argument))
            continue
        flush()
        needed = _element(op, argument)
        if needed:
            candidates.append(needed)
    flush()
    if not candidates:
        return None
    # Prefer the set whose shortest literal is longest (fewest chance hits), then the smaller set.
    return max(candidates, key=lambda literals: (min(len(x) for x in literals), -len(literals)))


def _element(op: Any, argument: Any) -> Literals | None:
    if op is _sre.SUBPATTERN:
        return _sequence(list(argument[-1]))
    if op is _sre.BRANCH:
        alternatives = [_sequence(list(branch)) for branch in argument[1]]
        if any(alternative is None for alternative in alternatives):
            return None
        return frozenset().union(*(a for a in alternatives if a is not None))
    if op in (_sre.MAX_REPEAT, _sre.MIN_REPEAT, getattr(_sre, "POSSESSIVE_REPEAT", None)):
        low, _high, inner = argument
        return _sequence(list(inner)) if low >= 1 else None
    if op is getattr(_sre, "ATOMIC_GROUP", None):
        return _sequence(list(argument))
    return None  # classes, wildcards, assertions, anchors: no literal to require


def may_match(literals: Literals | None, text: str, start: int = 0, end: int | None = None) -> bool:
    """False only when ``text[start:end]`` contains none of ``literals`` (so the regex
    cannot match there); searched in place, without copying the slice."""
    if literals is None:
        return True
    stop = len(text) if end is None else end
    return any(text.find(literal, start, stop) != -1 for literal in literals)
