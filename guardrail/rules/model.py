"""Rule-set files, as validated data.

A rule fires when any one of its ``any`` patterns matches, or when all of its ``all``
patterns match within ``window`` characters of each other (an ask and a harmful
subject in one breath, say), and none of its ``unless`` patterns matches nearby (the
benign reading: history, defence, fiction about it). Patterns are Python regular
expressions, matched case-insensitively on NFKC-normalised text with invisible
characters removed; ``{name}`` inserts the file's fragment ``name``, so a long
alternation such as every way to ask for instructions is written once. Long patterns
may be written over several lines: line breaks and the indentation around them are
dropped.
"""

from __future__ import annotations

import re

from pydantic import Field, model_validator

from guardrail.policy.model import StrictModel

FRAGMENT = re.compile(r"\{([a-z_]+)\}")
LINE_BREAK = re.compile(r"\s*\n\s*")


class Rule(StrictModel):
    """One detection rule; ``id`` is what evidence and audit records name."""

    id: str = Field(pattern=r"^[a-z0-9][a-z0-9_.-]{0,63}$")
    category: str = Field(pattern=r"^[a-z0-9_]{1,64}$")
    description: str = ""
    any: list[str] = Field(default_factory=list)
    all: list[str] = Field(default_factory=list)
    unless: list[str] = Field(default_factory=list)
    window: int = Field(default=160, ge=1, le=100_000)
    roles: list[str] | None = Field(
        default=None, description="Only messages of these roles (e.g. [tool]); default: every role checked."
    )

    @model_validator(mode="after")
    def _has_patterns(self) -> Rule:
        if not self.any and not self.all:
            raise ValueError("a rule needs 'any' or 'all' patterns")
        return self


class RuleSetFile(StrictModel):
    """A file of rules; ``version`` is cited with every rule that fires."""

    id: str = Field(pattern=r"^[a-z0-9][a-z0-9_.-]{0,63}$")
    version: str = Field(min_length=1)
    description: str = ""
    fragments: dict[str, str] = Field(default_factory=dict)
    rules: list[Rule] = Field(min_length=1)

    @model_validator(mode="after")
    def _patterns_compile(self) -> RuleSetFile:
        ids = [rule.id for rule in self.rules]
        repeated = sorted({i for i in ids if ids.count(i) > 1})
        if repeated:
            raise ValueError(f"rule ids must be unique; repeated: {repeated}")
        for rule in self.rules:
            for kind in ("any", "all", "unless"):
                for pattern in getattr(rule, kind):
                    try:
                        re.compile(self.expand(pattern))
                    except (re.error, KeyError) as error:
                        raise ValueError(f"rule {rule.id}: {kind} pattern {pattern!r}: {error}") from None
        return self

    def expand(self, pattern: str) -> str:
        """``pattern`` with ``{name}`` replaced by the fragment, as a group."""

        def fragment(match: re.Match[str]) -> str:
            name = match.group(1)
            if name not in self.fragments:
                raise KeyError(f"unknown fragment {{{name}}}")
            return f"(?:{_joined(self.fragments[name])})"

        return FRAGMENT.sub(fragment, _joined(pattern))


def _joined(pattern: str) -> str:
    """A pattern written over several lines (a YAML ``|-`` block) as one line: line
    breaks and the indentation around them are layout, not part of the pattern."""
    return LINE_BREAK.sub("", pattern)
