"""The first-character gate finds exactly what the pattern finds, and only where it helps."""

from __future__ import annotations

import importlib
import json
import pkgutil
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import guardrail.pii
import guardrail.pii.recognizers
import guardrail.text
from guardrail.text.start_gate import gate

CORPUS = Path(__file__).resolve().parents[2] / "benchmarks" / "data" / "pii_free" / "corpus.jsonl"

# Patterns of the shapes the gate reads: look-behinds, scoped and global case folding,
# optional heads, alternations of classes and literals, named groups.
TRICKY = [
    r"(?<![A-Za-z])(?:hi|hello|dear)[ \t]+(?P<name>[A-Z][a-z]+)",
    r"(?i:(?<![A-Za-z])(?:mr|mrs|ms)\.?)[ \t]+([A-Z][a-z]+)",
    r"(?i)(?<!\d)(?:passport|pp)\s*(?:no|#)?\s*([A-Z]\d{7})",
    r"(?im)^(?:name|姓名)[ \t]*[:：][ \t]*(\S+)",
    r"(?:\+?852[ \t]?)?(?<!\d)[2-9]\d{3}[ \t-]?\d{4}(?!\d)",
    r"(?<![\w@])(?=[a-z0-9@$]*[0-9@$])[a-z0-9@$]*[a-z][a-z0-9@$]*(?![\w@])",
    r"(?i:block|blk)\b|\d ?/ ?[Ff]\b|(?i:floor)|\d ?[樓楼]",
    r"[零一二三四五六七八九]|(?:zero|one|two|three)(?![A-Za-z])",
    r"(?<=[A-Z][a-z])[01]{1,2}(?![A-Za-z0-9@._-])",
    r"(?:(?<=\s)|^)Dr\.?[ \t]+[A-Z]\w+",
]
TEXT = st.text(alphabet="abcdehilmnoprstyABDHMNPRSZ0123456789 \t\n.:：/@$-#+樓楼姓名零一二", max_size=80)


def _found(pattern: re.Pattern[str], text: str) -> list[tuple[object, ...]]:
    return [(m.span(), m.groups(), m.groupdict()) for m in pattern.finditer(text)]


@pytest.mark.parametrize("source", TRICKY)
@settings(max_examples=300, deadline=None)
@given(text=TEXT)
def test_gated_pattern_finds_the_same_matches(source: str, text: str) -> None:
    pattern = re.compile(source)
    assert _found(gate(pattern), text) == _found(pattern, text)
    for start in range(0, len(text), 7):  # .match and .search at a position, as finders call them
        assert bool(gate(pattern).match(text, start)) == bool(pattern.match(text, start))


def _module_patterns() -> list[re.Pattern[str]]:
    patterns: dict[int, re.Pattern[str]] = {}
    for package in (guardrail.pii, guardrail.pii.recognizers, guardrail.text):
        for info in pkgutil.iter_modules(package.__path__):
            module = importlib.import_module(f"{package.__name__}.{info.name}")
            for value in vars(module).values():
                if isinstance(value, re.Pattern) and isinstance(value.pattern, str):
                    patterns[id(value)] = value
    return list(patterns.values())


def test_every_recognizer_pattern_gated_finds_the_same_on_real_text() -> None:
    """All the recognizers' module patterns, gated, on a sample of the free-text corpus
    in every language: the same spans and groups (gated or not in the code today)."""
    lines = CORPUS.read_text(encoding="utf-8").splitlines()
    texts = [json.loads(line)["text"][:1500] for line in lines[:: max(1, len(lines) // 40)]]
    patterns = _module_patterns()
    assert len(patterns) > 300
    gated = 0
    for pattern in patterns:
        gated_pattern = gate(pattern)
        gated += gated_pattern is not pattern
        for text in texts:
            assert _found(gated_pattern, text) == _found(pattern, text), pattern.pattern[:80]
    assert gated > 100  # most of them start with a look-behind or a cue word


def test_a_pattern_re_already_scans_quickly_is_left_alone() -> None:
    for source in (r"[\u4e00-\u9fff]{2,4}", r"Flat\s+\d+", r"(?:Mr|Ms)\.? [A-Z]"):
        pattern = re.compile(source)
        assert gate(pattern) is pattern


def test_patterns_the_gate_cannot_bound_are_left_alone() -> None:
    for source in (r"(?<!x).+y", r"(?<=\d)[^a]b", r"a?", r"(?<=\d)(?:x|)", r"(?<!\d)\w*"):
        pattern = re.compile(source)
        assert gate(pattern) is pattern


def test_gate_restates_the_start_in_front() -> None:
    gated = gate(re.compile(r"(?<![A-Za-z])(?:hi|hello)\b"))
    assert gated.pattern.startswith("(?=")
    assert gated.search("oh, hello there")
    assert not gated.search("chin up")


def test_scoped_case_folding_is_kept_in_the_gate() -> None:
    """A cue word under ``(?i:...)`` may start with a capital the source writes in
    lower case: the gate must let that capital through."""
    pattern = re.compile(r"(?i:(?<![A-Za-z])(?:name is))[ \t]+([A-Z][a-z]+)")
    gated = gate(pattern)
    assert gated is not pattern
    assert gated.search("NAME IS Wong")[1] == "Wong"  # type: ignore[index]


def test_global_flags_stay_first() -> None:
    gated = gate(re.compile(r"(?im)^(?:tel|phone)[ \t]*:[ \t]*(\d+)"))
    assert gated.pattern.startswith("(?im)(?=")
    assert gated.findall("x\nTEL: 123") == ["123"]
