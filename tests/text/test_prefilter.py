"""The literal prefilter may skip a regex only when the regex cannot match."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from guardrail.rules import RuleSet, load_rule_sets, prepare
from guardrail.rules.engine import _lower
from guardrail.system_security.secrets import SecretsCheck, SecretsSettings
from guardrail.testing.check_evaluation import load_set
from guardrail.text.prefilter import (
    BOUNDARY,
    LiteralIndex,
    Prefilter,
    may_match,
    required_literals,
)

DATA = Path(__file__).resolve().parents[1] / "checks" / "data"
TEXTS = [item["text"] for path in sorted(DATA.glob("*.yaml")) for items in load_set(path).values() for item in items]


@pytest.mark.parametrize(
    ("pattern", "literals"),
    [  # "#": the literal must start or end a word there
        (r"\bbombs?\b|napalm", {"#bomb#", "#bombs#", "napalm"}),
        (r"how (?:do|can) i|teach me", {"how do i", "how can i", "teach me"}),
        (r"(?:pipe |nail )?bomb", {"bomb"}),
        (r"[sz]ecret\d+", {"secret", "zecret"}),
        (r"\b(?:zero|0)[- ]?day\b", {"#zero-day#", "#zero day#", "#zeroday#", "#0-day#", "#0 day#", "#0day#"}),
        (
            r"(?:photos?|pics?) of (?:my|the)\b",
            {
                "photo of my#",
                "photos of my#",
                "pic of my#",
                "pics of my#",
                "photo of the#",
                "photos of the#",
                "pic of the#",
                "pics of the#",
            },
        ),
        (r"\b(?:hack|log)\s+in", {"#hack#", "#log#"}),
        (r"\b-x", {"-x"}),  # a boundary before "-" asks for a word character there: no mark
        (r"\w+", None),
        (r"a?b?", None),
        (r"x|\d", None),  # one alternative has no literal: no filter
    ],
)
def test_required_literals(pattern: str, literals: set[str] | None) -> None:
    found = required_literals(pattern)
    assert ({x.replace(BOUNDARY, "#") for x in found} if found is not None else None) == literals


@pytest.mark.parametrize(
    ("pattern", "text", "may"),
    [
        (r"\bice\b", "the price is charged twice", False),
        (r"\bice\b", "buy ice now", True),
        (r"\b(?:hack|log)\s+in", "login at HKID desk", False),
        (r"\b(?:hack|log)\s+in", "log in as admin", True),
        (r"\bkids?\b", "HKID A123456(7)", False),
    ],
)
def test_boundary_literals_need_a_word_edge(pattern: str, text: str, may: bool) -> None:
    lowered = text.lower()
    assert may_match(required_literals(pattern), lowered) is may
    if not may:
        assert re.search(pattern, lowered) is None


def all_rule_patterns() -> list[re.Pattern[str]]:
    patterns = []
    for name in ("prohibited-use", "prompt-injection"):
        for _, rule in RuleSet(load_rule_sets([f"builtin:{name}"])).rules:
            patterns += [p for p in (*rule.any, *rule.all, *rule.unless)]
    return patterns


def test_no_rule_pattern_is_skipped_where_it_matches() -> None:
    patterns = all_rule_patterns()
    for text in TEXTS:
        lowered = _lower(prepare(text).text)
        for pattern in patterns:
            if pattern.regex.search(lowered):
                assert may_match(pattern.literals, lowered), (pattern.regex.pattern[:60], text)


@given(st.sampled_from(TEXTS), st.text(max_size=30), st.integers(min_value=0, max_value=200))
def test_no_secret_pattern_is_skipped_where_it_matches(base: str, noise: str, at: int) -> None:
    text = base[:at] + noise + base[at:]
    lowered = text.lower()
    for detector in SecretsCheck(SecretsSettings()).detectors:
        if detector.pattern.search(text):
            assert may_match(detector.literals, lowered), detector.name


def all_literal_sets() -> list[frozenset[str]]:
    """Every literal set the shipped rules and secret detectors filter with."""
    sets = [p.literals for p in all_rule_patterns()]
    sets += [d.literals for d in SecretsCheck(SecretsSettings()).detectors]
    return [literals for literals in sets if literals is not None]


LITERAL_SETS = all_literal_sets()
INDEX = LiteralIndex(Prefilter.of(literals) for literals in LITERAL_SETS)


@given(
    st.sampled_from(TEXTS),
    st.text(alphabet="ab -_.\n0xiceKILL", max_size=12),
    st.integers(min_value=0, max_value=400),
    st.integers(min_value=0, max_value=60),
)
def test_the_index_agrees_with_searching_each_literal(base: str, noise: str, at: int, width: int) -> None:
    """The one-pass index must say what may_match says, for whole texts and windows,
    boundary marks included (noise splices word characters next to literals)."""
    lowered = _lower(prepare(base[:at] + noise + base[at:]).text)
    found = INDEX.find(lowered)
    start = min(at, len(lowered))
    stop = min(len(lowered), start + width)
    for literals in LITERAL_SETS:
        prefilter = Prefilter.of(literals)
        assert prefilter is not None
        assert prefilter.admits(found, lowered) is may_match(literals, lowered), sorted(literals)[:3]
        assert prefilter.admits(found, lowered, start, stop) is may_match(literals, lowered, start, stop)


def test_an_index_of_no_literals_finds_nothing() -> None:
    assert LiteralIndex([None, Prefilter.of(None)]).find("anything at all") == {}


def test_the_index_reports_overlapping_literals() -> None:
    """Aho-Corasick reports every occurrence: "kill" inside "skill" is not hidden by it."""
    index = LiteralIndex([Prefilter.of(frozenset({"skill", "kill", "ill"}))])
    assert index.find("skills") == {"skill": [0], "kill": [1], "ill": [2]}
