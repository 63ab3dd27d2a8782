"""A first-character gate for patterns that ``re`` cannot skip through quickly.

When a pattern starts with a literal or a character class, ``re`` looks for that
character in a tight C loop and tries the pattern only there. Most of our patterns
start with a look-behind (``(?<![A-Za-z])``, "not inside a word") or with a
case-insensitive alternation of cue words, and then ``re`` enters the whole pattern
at every position of the text: the look-behind, then each alternative's first letter
in turn. Over a kilobyte, that is most of what such a pattern costs.

:func:`gate` reads the pattern's parse tree, collects every character a match can
start with (through groups, alternations, optional parts and look-arounds, which
consume nothing) and puts a look-ahead for that set in front: at a position where no
match can start, one class test fails the attempt. The look-ahead only restates what
the pattern already requires, so matches, spans and groups are exactly the same; a
pattern the function cannot read (an unknown construct, a match that may be empty or
start with any character) comes back unchanged, as does one ``re`` already scans
quickly. The gate costs little where most characters can start a match, and saves a
half to two thirds of a scan where few can (measured in ``benchmarks/redaction_latency.py``).
"""

from __future__ import annotations

import re
from typing import Any

from guardrail.text.regex_internals import constants as _sre
from guardrail.text.regex_internals import parser as _sre_parse

_LEADING_FLAGS = re.compile(r"\(\?[aiLmsux]+\)")
_GATED = re.compile(r"(?:\(\?[aiLmsux]+\))?\(\?=\(\?-?i:\[")


# (case-insensitive?, a class item such as "a", "a-z" or "\d") for each way to start.
_Start = tuple[bool, str]
# A start the gate cannot name (any character, a back-reference, a negated class): the
# pattern then stays as it is.
_ANY: _Start = (False, "")


def gate(pattern: re.Pattern[str]) -> re.Pattern[str]:
    """``pattern`` with a look-ahead for the characters its matches can start with, or
    ``pattern`` itself when that would not help or cannot be worked out."""
    if _sre_parse is None or pattern.flags & re.VERBOSE or not isinstance(pattern.pattern, str):
        return pattern
    if _GATED.match(pattern.pattern):
        return pattern  # gated already
    try:
        tree = _sre_parse.parse(pattern.pattern, pattern.flags)
        if _scanned_fast(tree, pattern.flags):
            return pattern
        starts, may_be_empty = _starts(list(tree), bool(pattern.flags & re.IGNORECASE))
    except (re.error, RecursionError):
        return pattern
    if may_be_empty or not starts or _ANY in starts:
        return pattern
    body = pattern.pattern
    leading = _LEADING_FLAGS.match(body)  # global flags must stay first
    head, body = (body[: leading.end()], body[leading.end() :]) if leading else ("", body)
    return re.compile(f"{head}(?={_lookahead(starts)})(?:{body})", pattern.flags)


def _scanned_fast(tree: Any, flags: int) -> bool:
    """Whether ``re`` already skips to a first literal or class itself (its own prefix
    or charset scan): a gate in front would take that away."""
    items = list(tree)
    while items and items[0][0] is _sre.SUBPATTERN:
        _, add, delete, inner = items[0][1]
        if (add | delete) & re.IGNORECASE:
            return False
        items = list(inner)
    if not items:
        return False
    op, argument = items[0]
    if flags & re.IGNORECASE:
        return False
    if op is _sre.BRANCH:  # an alternation of literals: re scans for their first letters
        return all(alternative and next(iter(alternative))[0] is _sre.LITERAL for alternative in argument[1])
    if op in (_sre.MAX_REPEAT, _sre.MIN_REPEAT, getattr(_sre, "POSSESSIVE_REPEAT", None)):
        low, _, inner = argument  # a class repeated ([A-Z]{2,4}): re's own single-character loop
        inner = list(inner)
        return low >= 1 and len(inner) == 1 and inner[0][0] in (_sre.LITERAL, _sre.IN)
    return op in (_sre.LITERAL, _sre.IN)


def _lookahead(starts: list[_Start]) -> str:
    exact = "".join(dict.fromkeys(item for folded, item in starts if not folded))
    folded = "".join(dict.fromkeys(item for folded, item in starts if folded))
    parts = ([f"(?-i:[{exact}])"] if exact else []) + ([f"(?i:[{folded}])"] if folded else [])
    return "|".join(parts)


def _starts(items: list[Any], folded: bool) -> tuple[list[_Start], bool]:
    """The characters a sequence's match can start with, and whether it may match empty."""
    starts: list[_Start] = []
    for op, argument in items:
        first, may_be_empty = _op_starts(op, argument, folded)
        starts += first
        if not may_be_empty:
            return starts, False
    return starts, True


_CATEGORIES = {
    "CATEGORY_DIGIT": r"\d",
    "CATEGORY_NOT_DIGIT": r"\D",
    "CATEGORY_WORD": r"\w",
    "CATEGORY_NOT_WORD": r"\W",
    "CATEGORY_SPACE": r"\s",
    "CATEGORY_NOT_SPACE": r"\S",
}


def _op_starts(op: Any, argument: Any, folded: bool) -> tuple[list[_Start], bool]:
    if op is _sre.LITERAL:
        return [(folded, re.escape(chr(argument)))], False
    if op is _sre.IN:
        items = [_class_item(item_op, item) for item_op, item in argument]
        return ([_ANY] if None in items else [(folded, item) for item in items if item is not None]), False
    if op is _sre.SUBPATTERN:
        _, add, delete, inner = argument
        return _starts(list(inner), (folded or bool(add & re.IGNORECASE)) and not delete & re.IGNORECASE)
    if op is _sre.BRANCH:
        starts: list[_Start] = []
        may_be_empty = False
        for alternative in argument[1]:
            first, empty = _starts(list(alternative), folded)
            starts += first
            may_be_empty = may_be_empty or empty
        return starts, may_be_empty
    if op in (_sre.MAX_REPEAT, _sre.MIN_REPEAT, getattr(_sre, "POSSESSIVE_REPEAT", None)):
        low, _, inner = argument
        first, empty = _starts(list(inner), folded)
        return first, low == 0 or empty
    if op is getattr(_sre, "ATOMIC_GROUP", None):
        return _starts(list(argument), folded)
    if op in (_sre.ASSERT, _sre.ASSERT_NOT, _sre.AT):
        return [], True  # consumes nothing: the start is what follows
    return [_ANY], False  # any character, a back-reference, a negated literal


def _class_item(op: Any, argument: Any) -> str | None:
    if op is _sre.LITERAL:
        return re.escape(chr(argument))
    if op is _sre.RANGE:
        return f"{re.escape(chr(argument[0]))}-{re.escape(chr(argument[1]))}"
    if op is _sre.CATEGORY and str(argument) in _CATEGORIES:
        return _CATEGORIES[str(argument)]
    return None  # a negated class, a Unicode category
