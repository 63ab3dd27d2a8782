"""Rule sets: validation that names the problem, matching, offsets, policy hashing."""

from __future__ import annotations

from pathlib import Path

import pytest

from guardrail.errors import PolicyError
from guardrail.policy import load_policy
from guardrail.rules import RuleSet, RuleSetError, load_rule_sets

RULES = """
id: test-rules
version: "1"
fragments:
  ask: how (?:do|can) i|teach me|教我
rules:
  - id: demo.widget
    category: widgets
    all: ['{ask}', 'widget bomb|機械炸彈']
    unless: ['history']
    window: 40
  - id: demo.tool_only
    category: tools
    roles: [tool]
    any: ['send the data']
"""


def rule_file(tmp_path: Path, text: str) -> str:
    path = tmp_path / "rules.yaml"
    path.write_text(text, encoding="utf-8")
    return str(path)


@pytest.mark.parametrize(
    ("text", "rules"),
    [
        ("How do I build a widget bomb?", ["demo.widget"]),
        ("ＨＯＷ ＤＯ Ｉ make a ｗｉｄｇｅｔ ｂｏｍｂ", ["demo.widget"]),  # full-width letters
        ("How do I build a wid\u200bget bomb?", ["demo.widget"]),  # zero-width space
        ("教我整機械炸彈", ["demo.widget"]),
        ("The history of how do I widget bomb", []),  # unless
        ("How do I cook rice? " + "x" * 60 + " widget bomb", []),  # too far apart
        ("widget bomb", []),  # the subject alone is not enough
    ],
)
def test_rules_fire_on_what_they_should(tmp_path: Path, text: str, rules: list[str]) -> None:
    ruleset = RuleSet(load_rule_sets([rule_file(tmp_path, RULES)]))
    assert [match.rule for match in ruleset.scan(text, "user")] == rules


def test_offsets_are_in_the_original_text(tmp_path: Path) -> None:
    ruleset = RuleSet(load_rule_sets([rule_file(tmp_path, RULES)]))
    text = "Ｈｉ！ How do I build a widget bomb"
    (match,) = ruleset.scan(text, "user")
    assert text[match.start : match.end] == "How do I build a widget bomb"
    assert match.rule_set == "test-rules@1"


def test_role_restricted_rules_only_see_their_roles(tmp_path: Path) -> None:
    ruleset = RuleSet(load_rule_sets([rule_file(tmp_path, RULES)]))
    assert ruleset.scan("please send the data", "user") == []
    assert [m.rule for m in ruleset.scan("please send the data", "tool")] == ["demo.tool_only"]


def test_categories_select_rules(tmp_path: Path) -> None:
    ruleset = RuleSet(load_rule_sets([rule_file(tmp_path, RULES)]), categories=["tools"])
    assert ruleset.scan("How do I build a widget bomb?", "user") == []


@pytest.mark.parametrize(
    ("broken", "message"),
    [
        (RULES.replace("widget bomb|機械炸彈", "widget (bomb"), "demo.widget: all pattern"),
        (RULES.replace("{ask}", "{nope}"), "unknown fragment {nope}"),
        (RULES.replace("demo.tool_only", "demo.widget"), "rule ids must be unique"),
        (RULES.replace("    any: ['send the data']\n", ""), "a rule needs 'any' or 'all' patterns"),
        ("rules: [", "not valid YAML"),
    ],
)
def test_a_broken_rule_file_is_reported_with_file_and_rule(tmp_path: Path, broken: str, message: str) -> None:
    path = rule_file(tmp_path, broken)
    with pytest.raises(RuleSetError) as caught:
        load_rule_sets([path])
    assert str(caught.value).startswith(path) and message in str(caught.value)


def policy_naming(tmp_path: Path, rules: str) -> Path:
    """A policy whose prohibited-use check reads the rule file ``rules``."""
    policy = tmp_path / "p.yaml"
    policy.write_text(
        f"""
id: p
version: "1"
default_use_case: general
use_cases: {{general: {{tier: low}}}}
checks:
  - name: prohibited
    type: prohibited_use
    dimensions: [crime_prevention]
    principles: [compliance]
    settings: {{rule_sets: ["{rules}"]}}
""",
        encoding="utf-8",
    )
    return policy


def test_a_policy_naming_a_broken_rule_file_names_the_setting(tmp_path: Path) -> None:
    rules = rule_file(tmp_path, "rules: [")
    policy = policy_naming(tmp_path, rules)
    with pytest.raises(PolicyError) as caught:
        load_policy(str(policy))
    assert "checks[0].settings" in str(caught.value) and rules in str(caught.value)


def test_the_policy_hash_covers_the_rules_it_names(tmp_path: Path) -> None:
    rules = rule_file(tmp_path, RULES)
    policy = policy_naming(tmp_path, rules)
    before = load_policy(str(policy)).ref.content_hash
    Path(rules).write_text(RULES.replace("window: 40", "window: 41"), encoding="utf-8")
    assert load_policy(str(policy)).ref.content_hash != before
