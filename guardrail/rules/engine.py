"""Compiled rule sets and the scan over one text.

Rules are compiled once (at start-up, with the check). A scan runs on the text as
:func:`prepare` normalises it, so full-width letters, zero-width characters and
similar disguises do not hide a phrase, and reports offsets in the original text.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from pydantic import ValidationError

from guardrail.errors import PolicyError
from guardrail.rules.model import Rule, RuleSetFile
from guardrail.text.normalize import NormalizedText, normalize
from guardrail.text.prefilter import (
    LiteralIndex,
    Literals,
    Occurrences,
    Prefilter,
    required_literals,
)
from guardrail.yamlfile import YamlProblem, load_mapping, validation_problem

BUILT_IN_PREFIX = "builtin:"
_PACKAGE = "guardrail.policies"
# Case-insensitive matching is done by lower-casing both the patterns and the text:
# re.IGNORECASE disables sre's literal and charset shortcuts, and costs 3x.
_FLAGS = re.DOTALL


class RuleSetError(PolicyError, ValueError):
    """A rule file that cannot be read or is invalid; ``source`` names the file and
    ``field`` the rule or field.

    Also a ``ValueError``, so that a policy naming the file reports it at the check's
    ``settings.rule_sets`` and stops start-up like any other invalid setting.
    """


@dataclass(frozen=True, slots=True)
class RuleMatch:
    """A rule that fired: which, from which set, and where in the original text."""

    rule: str
    category: str
    rule_set: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class _Pattern:
    """A compiled pattern and the literals one of which any match contains; the
    regex runs only where ``found`` (the text's literal occurrences) has one."""

    regex: re.Pattern[str]
    literals: Literals | None
    prefilter: Prefilter | None

    @classmethod
    def of(cls, pattern: str) -> _Pattern:
        literals = required_literals(pattern)
        return cls(re.compile(pattern, _FLAGS), literals, Prefilter.of(literals))

    def search(self, text: str, found: Occurrences, pos: int = 0, endpos: int | None = None) -> re.Match[str] | None:
        stop = len(text) if endpos is None else endpos
        if self.prefilter is not None and not self.prefilter.admits(found, text, pos, stop):
            return None
        return self.regex.search(text, pos, stop)

    def finditer(self, text: str, found: Occurrences) -> Iterator[re.Match[str]]:
        if self.prefilter is not None and not self.prefilter.admits(found, text):
            return iter(())
        return self.regex.finditer(text)


@dataclass(frozen=True, slots=True)
class _CompiledRule:
    id: str
    category: str
    any: tuple[_Pattern, ...]
    all: tuple[_Pattern, ...]
    unless: tuple[_Pattern, ...]
    window: int
    roles: frozenset[str] | None

    def patterns(self) -> tuple[_Pattern, ...]:
        return self.any + self.all + self.unless

    def find(self, text: str, found: Occurrences, present: dict[int, bool]) -> tuple[int, int] | None:
        """The span of the first firing in ``text``, or ``None``. ``found`` holds the
        text's literal occurrences; ``present`` caches, per scan, whether a pattern
        occurs at all, since rules share their asks."""
        for pattern in self.any:
            for match in pattern.finditer(text, found):
                if not self._excused(text, found, match.start(), match.end()):
                    return match.start(), match.end()
        # Last first: by convention the subject, rarer than the ask, so most texts are
        # let go without running the ask's regex at all.
        if not self.all or not all(_present(pattern, text, found, present) for pattern in reversed(self.all)):
            return None  # the common case: some part is absent
        # Anchor on the last pattern, the rarest.
        *others, anchor = self.all
        for match in anchor.finditer(text, found):
            low, high = max(0, match.start() - self.window), match.end() + self.window
            near = [other.search(text, found, low, high) for other in others]
            if all(near):
                start = min([match.start(), *(m.start() for m in near if m)])
                end = max([match.end(), *(m.end() for m in near if m)])
                if not self._excused(text, found, start, end):
                    return start, end
        return None

    def _excused(self, text: str, found: Occurrences, start: int, end: int) -> bool:
        low, high = max(0, start - self.window), end + self.window
        return any(pattern.search(text, found, low, high) for pattern in self.unless)


class RuleSet:
    """Rules from one or more files, compiled; ``digest`` identifies their content."""

    def __init__(self, files: Sequence[RuleSetFile], categories: Iterable[str] | None = None) -> None:
        wanted = set(categories) if categories is not None else None
        self.rules: list[tuple[str, _CompiledRule]] = []
        for file in files:
            for rule in file.rules:
                if wanted is None or rule.category in wanted:
                    self.rules.append((f"{file.id}@{file.version}", _compile(file, rule)))
        self.categories = sorted({rule.category for _, rule in self.rules})
        self._index = LiteralIndex(p.prefilter for _, rule in self.rules for p in rule.patterns())

    def scan(self, text: str | NormalizedText, role: str | None = None) -> list[RuleMatch]:
        """Every rule that fires on ``text`` (once each), for a message of ``role``."""
        prepared = text if isinstance(text, NormalizedText) else prepare(text)
        lowered = _lower(prepared.text)
        found = self._index.find(lowered)
        present: dict[int, bool] = {}
        matches = []
        for set_name, rule in self.rules:
            if rule.roles is not None and role not in rule.roles:
                continue
            span = rule.find(lowered, found, present)
            if span is not None:
                start, end = prepared.to_original(*span)
                matches.append(RuleMatch(rule.id, rule.category, set_name, start, end))
        return matches


def prepare(text: str) -> NormalizedText:
    """The form rules match against: NFKC, invisible characters dropped, offsets kept."""
    return normalize(text)


def load_rule_sets(names: Sequence[str]) -> list[RuleSetFile]:
    """Rule files by name: ``builtin:NAME`` (shipped with guardrail) or a path."""
    return [_load(name) for name in names]


def digest(names: Sequence[str]) -> str:
    """SHA-256 over the named files' bytes, so a policy's hash changes with its rules."""
    hasher = hashlib.sha256()
    for name in names:
        hasher.update(_read(name).encode("utf-8"))
    return "sha256:" + hasher.hexdigest()


def _present(pattern: _Pattern, text: str, found: Occurrences, seen: dict[int, bool]) -> bool:
    """Whether ``pattern`` occurs in ``text``, remembered in ``seen`` by the identity of
    its compiled regex (which ``re`` shares between rules with the same pattern;
    hashing a compiled pattern hashes its whole program)."""
    key = id(pattern.regex)
    present = seen.get(key)
    if present is None:
        present = seen[key] = pattern.search(text, found) is not None
    return present


def _lower(text: str) -> str:
    """``text`` in lower case, offsets unchanged (a few characters, like "İ", lengthen
    when lowered; those are left as they are)."""
    lowered = text.lower()
    if len(lowered) == len(text):
        return lowered
    return "".join(char.lower() if len(char.lower()) == 1 else char for char in text)


def _lower_pattern(pattern: str) -> str:
    """A regex in lower case, its escapes (``\\S``, ``\\W``, ``\\U000E0020``...) kept."""
    out = []
    escaped = False
    for char in pattern:
        out.append(char if escaped else char.lower())
        escaped = not escaped and char == "\\"
    return "".join(out)


def _compile(file: RuleSetFile, rule: Rule) -> _CompiledRule:
    def each(patterns: list[str]) -> tuple[_Pattern, ...]:
        expanded = [_lower_pattern(file.expand(pattern)) for pattern in patterns]
        return tuple(_Pattern.of(text) for text in expanded)

    return _CompiledRule(
        rule.id,
        rule.category,
        each(rule.any),
        each(rule.all),
        each(rule.unless),
        rule.window,
        frozenset(rule.roles) if rule.roles is not None else None,
    )


def _read(name: str) -> str:
    try:
        if name.startswith(BUILT_IN_PREFIX):
            resource = resources.files(_PACKAGE).joinpath("rules", f"{name.removeprefix(BUILT_IN_PREFIX)}.yaml")
            return resource.read_text(encoding="utf-8")
        return Path(name).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise RuleSetError(f"cannot read rule set ({type(error).__name__})", source=name) from None


def _load(name: str) -> RuleSetFile:
    try:
        return RuleSetFile.model_validate(load_mapping(_read(name), what="a rule set"))
    except YamlProblem as problem:
        raise _error(name, problem) from None
    except ValidationError as error:
        raise _error(name, validation_problem(error)) from None


def _error(name: str, problem: YamlProblem) -> RuleSetError:
    return RuleSetError(problem.message, source=name, field=problem.field)
