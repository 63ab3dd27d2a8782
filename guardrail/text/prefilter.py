"""A literal prefilter for rule patterns: skip a regex when its text cannot match.

Python's ``re`` tries every alternative of a long alternation at every position, so
a rule subject with fifty alternatives costs about a millisecond per kilobyte. Most
texts contain none of a rule's words, and a substring test (``in``, in C) answers
that in microseconds. :func:`required_literals` reads a pattern's parse tree and
returns literals one of which every match must contain, as RE2's and Hyperscan's
prefilters do; the regex runs only when one is present. When it cannot tell (a
pattern made only of classes and wildcards), it returns ``None`` and the regex
always runs, so the filter can only save time, never change a result.

A check asks about hundreds of literals per text, and one ``find`` each costs a
microsecond even when the text is ten characters long. :class:`LiteralIndex` finds
every literal of a whole rule set in one pass (Aho-Corasick, in C), and each
pattern's :class:`Prefilter` then looks its literals up in what was found.
:func:`may_match` is the plain definition the index must agree with.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import ahocorasick

from guardrail.text.regex_internals import constants as _sre
from guardrail.text.regex_internals import parser as _sre_parse

Literals = frozenset[str]
# A literal may start or end with BOUNDARY: it must then occur at a word's start or
# end (as the pattern's ``\\b``, or a ``\\s+`` after it, demands), so "ice" in "price"
# or "log" in "login" no longer wakes a drug or an intrusion rule.
BOUNDARY = "\x00"


def required_literals(pattern: str) -> Literals | None:
    """Literals one of which every match of ``pattern`` contains, or ``None``."""
    if _sre_parse is None:
        return None
    try:
        tree = _sre_parse.parse(pattern, 0)
    except (re.error, RecursionError):
        return None
    found = _sequence(list(tree))
    if not found or any(not _core(literal) for literal in found):
        return None
    return frozenset(found)


# An element's "exact set" is every string it can match, when there are few: "[sz]"
# is {"s", "z"}, "bombs?" is {"bomb", "bombs"}. Consecutive exact elements multiply
# out, so "0[- ]?day" yields {"0-day", "0 day", "0day"} rather than the bare "day"
# (in every "today"), as RE2's prefilter does.
_EXACT_LIMIT = 64  # strings in one exact set
_CLASS_LIMIT = 10  # characters a class may stand for
_RARE_ENOUGH = 6  # characters from which a literal's chance hits hardly fall further


def _sequence(items: list[tuple[Any, Any]]) -> Literals | None:
    """For a sequence: the best requirement of any one part (all parts are required),
    where a part is a maximal run of exact elements or one inexact element."""
    candidates: list[Literals] = []
    run: frozenset[str] = frozenset({""})

    def flush(then: tuple[Any, Any] | None = None) -> None:
        strings = run if then is None or not _needs_space(*then) else frozenset(_join(x, BOUNDARY) for x in run)
        if all(_core(x) for x in strings):
            candidates.append(_minimal(strings))

    for op, argument in items:
        exact = _exact(op, argument)
        if exact is not None and len(run) * len(exact) <= _EXACT_LIMIT:
            run = frozenset(_join(a, b) for a in run for b in exact)
            continue
        flush((op, argument))
        run = exact if exact is not None else frozenset({""})
        if exact is None:
            needed = _element(op, argument)
            if needed:
                candidates.append(needed)
    flush()
    if not candidates:
        return None
    # Prefer the set whose shortest literal is longest (fewest chance hits) up to a
    # length that is rare enough anyway, then the smaller set (fewer searches).
    return max(candidates, key=lambda literals: (min(_RARE_ENOUGH, *(len(x) for x in literals)), -len(literals)))


def _exact(op: Any, argument: Any) -> frozenset[str] | None:
    """Every string the element can match, or ``None`` when they are many or unknown."""
    if op is _sre.LITERAL:
        return frozenset({chr(argument)})
    if op is _sre.IN:
        return _class_chars(argument)
    if op is _sre.AT and argument is _sre.AT_BOUNDARY:
        return frozenset({BOUNDARY})
    if op in (_sre.AT, _sre.ASSERT, _sre.ASSERT_NOT):
        return frozenset({""})  # zero-width: adds no characters
    if op is _sre.SUBPATTERN:
        return _exact_sequence(list(argument[-1]))
    if op is _sre.BRANCH:
        union: set[str] = set()
        for branch in argument[1]:
            exact = _exact_sequence(list(branch))
            if exact is None:
                return None
            union |= exact
        return frozenset(union) if len(union) <= _EXACT_LIMIT else None
    if op in (_sre.MAX_REPEAT, _sre.MIN_REPEAT, getattr(_sre, "POSSESSIVE_REPEAT", None)):
        low, high, inner = argument
        exact = _exact_sequence(list(inner))
        if exact is None or (low, high) not in ((0, 1), (1, 1)):
            return None
        return exact | {""} if low == 0 else exact
    return None


def _exact_sequence(items: list[tuple[Any, Any]]) -> frozenset[str] | None:
    strings = frozenset({""})
    for op, argument in items:
        exact = _exact(op, argument)
        if exact is None or len(strings) * len(exact) > _EXACT_LIMIT:
            return None
        strings = frozenset(_join(a, b) for a in strings for b in exact)
    return strings


def _core(literal: str) -> str:
    return literal.replace(BOUNDARY, "")


def _join(left: str, right: str) -> str:
    """``left + right``, keeping a boundary mark only at either end and only beside a
    word character (``\\b`` before "-" means the opposite: a word character before it)."""
    core = _core(left + right)
    if not core:
        return BOUNDARY if BOUNDARY in left + right else ""
    start = BOUNDARY if (left or right).startswith(BOUNDARY) and _is_word(core[0]) else ""
    end = BOUNDARY if (right or left).endswith(BOUNDARY) and _is_word(core[-1]) else ""
    return start + core + end


def _needs_space(op: Any, argument: Any) -> bool:
    """Whether the element must begin with white space (``\\s+``, `` +``): the run
    before it then ends at a word's end."""
    if op in (_sre.MAX_REPEAT, _sre.MIN_REPEAT, getattr(_sre, "POSSESSIVE_REPEAT", None)):
        low, _high, inner = argument
        return bool(low >= 1 and inner and _needs_space(*inner[0]))
    if op is _sre.IN:
        return all(
            item == (_sre.CATEGORY, _sre.CATEGORY_SPACE) or item == (_sre.LITERAL, ord(" ")) for item in argument
        )
    return bool(op is _sre.LITERAL and argument == ord(" "))


def _is_word(char: str) -> bool:
    """``re``'s word characters: Unicode letters and digits, and the underscore."""
    return char.isalnum() or char == "_"


def _class_chars(items: list[tuple[Any, Any]]) -> frozenset[str] | None:
    chars: set[str] = set()
    for op, argument in items:
        if op is _sre.LITERAL:
            chars.add(chr(argument))
        elif op is _sre.RANGE and argument[1] - argument[0] < _CLASS_LIMIT:
            chars.update(chr(code) for code in range(argument[0], argument[1] + 1))
        else:
            return None  # negated classes, categories (\d, \w), wide ranges
    return frozenset(chars) if len(chars) <= _CLASS_LIMIT else None


def _minimal(literals: frozenset[str]) -> Literals:
    """Drop literals that contain another: a text with "pipe bomb" has "bomb"."""
    ordered = sorted(literals, key=len)
    kept: list[str] = []
    for literal in ordered:
        if not any(shorter in literal for shorter in kept):
            kept.append(literal)
    return frozenset(kept)


def _element(op: Any, argument: Any) -> Literals | None:
    if op is _sre.SUBPATTERN:
        return _sequence(list(argument[-1]))
    if op is _sre.BRANCH:
        alternatives = [_sequence(list(branch)) for branch in argument[1]]
        if any(alternative is None for alternative in alternatives):
            return None
        return _minimal(frozenset().union(*(a for a in alternatives if a is not None)))
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
    stop = len(text) if end is None else min(end, len(text))  # a rule's window may reach past the end
    for literal in literals:
        if BOUNDARY not in literal:
            if text.find(literal, start, stop) != -1:
                return True
        elif _found_at_boundary(literal, text, start, stop):
            return True
    return False


def _found_at_boundary(literal: str, text: str, start: int, stop: int) -> bool:
    core = _core(literal)
    at_start, at_end = literal.startswith(BOUNDARY), literal.endswith(BOUNDARY)
    index = text.find(core, start, stop)
    while index != -1:
        after = index + len(core)
        # The regex sees the text before its window, but takes the window's end as the end.
        if (not at_start or index == 0 or not _is_word(text[index - 1])) and (
            not at_end or after >= stop or not _is_word(text[after])
        ):
            return True
        index = text.find(core, index + 1, stop)
    return False


# Where each literal core occurs in one text: start offsets, in order.
Occurrences = dict[str, list[int]]


@dataclass(frozen=True, slots=True, eq=False)
class Prefilter:
    """One pattern's literals, ready to look up in a :class:`LiteralIndex`'s findings.

    ``marks`` gives, per core, the boundaries each of its literals needs (word start,
    word end); a core written without marks needs neither.
    """

    cores: frozenset[str]
    marks: dict[str, tuple[tuple[bool, bool], ...]]

    @classmethod
    def of(cls, literals: Literals | None) -> Prefilter | None:
        """``None`` (the regex must always run) when there are no literals to require."""
        if literals is None:
            return None
        marks: dict[str, set[tuple[bool, bool]]] = {}
        for literal in literals:
            marks.setdefault(_core(literal), set()).add((literal.startswith(BOUNDARY), literal.endswith(BOUNDARY)))
        return cls(frozenset(marks), {core: tuple(sorted(need)) for core, need in marks.items()})

    def admits(self, found: Occurrences, text: str, start: int = 0, end: int | None = None) -> bool:
        """:func:`may_match` from ``found`` (``text``'s occurrences) instead of searching."""
        stop = len(text) if end is None else min(end, len(text))  # a rule's window may reach past the end
        for core in self.cores.intersection(found):
            size = len(core)
            for at_start, at_end in self.marks[core]:
                for index in found[core]:
                    after = index + size
                    if index < start or after > stop:
                        continue
                    if (not at_start or index == 0 or not _is_word(text[index - 1])) and (
                        not at_end or after >= stop or not _is_word(text[after])
                    ):
                        return True
        return False


class LiteralIndex:
    """Every occurrence of many patterns' literals in a text, found in one pass."""

    def __init__(self, prefilters: Iterable[Prefilter | None]) -> None:
        cores = sorted(set().union(*(p.cores for p in prefilters if p is not None)))
        self._automaton: Any = None
        if cores:
            self._automaton = ahocorasick.Automaton()
            for core in cores:
                self._automaton.add_word(core, core)
            self._automaton.make_automaton()

    def find(self, text: str) -> Occurrences:
        found: Occurrences = {}
        if self._automaton is None:
            return found
        for last, core in self._automaton.iter(text):
            found.setdefault(core, []).append(last - len(core) + 1)
        return found
