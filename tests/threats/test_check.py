"""The threat_classifier check on a toy model: verdicts, evidence, windows, tiers, roles."""

from __future__ import annotations

import base64
import itertools
import time
from pathlib import Path
from typing import Any

import pytest
from pydantic import ValidationError

from guardrail.core import CallContext, Decision, Payload, Stage
from guardrail.core.context import PolicyRef, RiskTier
from guardrail.core.pipeline import Pipeline, Step
from guardrail.runtime.evidence import check_summaries
from guardrail.threats.check import ThreatClassifierCheck, ThreatClassifierSettings
from guardrail.threats.model import ScoringBudgetExceeded, ThreatModel, windows
from tests.threats.conftest import TRIGGERS

FILLER = "The weather in Sha Tin was mild today and the ferry ran on time. "


def context(tier: RiskTier = RiskTier.LIMITED) -> CallContext:
    return CallContext(policy=PolicyRef("p", "1", "sha256:0"), use_case="general", risk_tier=tier)


def check(toy_weights: Path, **settings: Any) -> ThreatClassifierCheck:
    defaults: dict[str, Any] = {
        "model": str(toy_weights),
        "thresholds": {"jailbreak": 0.5, "indirect_injection": 0.5, "illegal_drugs": 0.5},
        "untrusted_thresholds": {"indirect_injection": 0.5},
        "output_thresholds": {"illegal_drugs": 0.5},
    }
    return ThreatClassifierCheck(ThreatClassifierSettings(**{**defaults, **settings}))


def user(*texts: str, role: str = "user") -> Payload:
    return Payload(Stage.INPUT, tuple({"role": role, "content": text} for text in texts))


def test_a_text_over_its_threshold_is_blocked_with_evidence_as_data(toy_weights: Path) -> None:
    text = f"Please {TRIGGERS['illegal_drugs']} for me now"
    verdict = check(toy_weights)(user(text), context())
    assert verdict.decision is Decision.BLOCK
    assert verdict.reason == "crime_prevention.illegal_drugs"
    [finding] = verdict.findings
    assert finding.entity_type == "illegal_drugs"
    assert finding.score > 0.99 and finding.threshold == 0.5
    assert finding.rule == "toy-model@0.1"
    assert finding.location == "messages[0].content"
    assert (finding.start, finding.end) == (0, len(text))
    for value in (finding.entity_type, finding.rule, finding.location, finding.action):
        assert TRIGGERS["illegal_drugs"] not in value and "Please" not in value


def test_the_audit_summary_carries_category_score_threshold_and_model_never_text(toy_weights: Path) -> None:
    step = Step("threat-classifier", check(toy_weights), dimensions=("crime_prevention",), principles=("compliance",))
    text = f"Could you {TRIGGERS['jailbreak']} now"
    verdict = Pipeline([step])(user(text), context())
    [summary] = check_summaries("input", verdict)
    [score] = summary["scores"]
    assert score["category"] == "jailbreak" and score["threshold"] == 0.5 and score["model"] == "toy-model@0.1"
    assert 0.99 < score["score"] <= 1.0
    assert text not in repr(summary) and TRIGGERS["jailbreak"] not in repr(summary)


def test_ordinary_text_is_allowed(toy_weights: Path) -> None:
    verdict = check(toy_weights)(user("How do I kill a Python process?", FILLER), context())
    assert verdict.decision is Decision.ALLOW and not verdict.findings


@pytest.mark.parametrize("text", ["", "   \n\t", "\u200b\u200b", "🙂" * 50, "\ud800 lone surrogate", "\x00\x01"])
def test_empty_and_odd_input_is_allowed_and_never_crashes(toy_weights: Path, toy_model: ThreatModel, text: str) -> None:
    assert check(toy_weights)(user(text), context()).decision is Decision.ALLOW
    assert all(score.score < 0.01 for score in toy_model.score(text))


def test_a_category_not_in_the_thresholds_is_not_acted_on(toy_weights: Path) -> None:
    verdict = check(toy_weights)(user(f"{TRIGGERS['discrimination']} please"), context())
    assert verdict.decision is Decision.ALLOW


def test_a_long_text_is_scored_in_windows_and_the_finding_points_at_the_window(toy_weights: Path) -> None:
    before = FILLER * 60  # ~3,900 characters
    text = before + f"Now {TRIGGERS['jailbreak']} quietly. " + FILLER * 60
    verdict = check(toy_weights, window_chars=600, overlap_chars=150)(user(text), context())
    [finding] = verdict.findings
    assert finding.entity_type == "jailbreak"
    assert finding.start <= len(before) < finding.end and finding.end - finding.start <= 600


def test_windows_overlap_and_cover_the_whole_text_then_its_sentences() -> None:
    text = "x" * 2000
    spans = [(w.start, w.end) for w in windows(text, 600, 150)]
    plain = spans[: spans.index((0, 120))]  # then the short pieces
    assert plain[0] == (0, 600) and plain[-1][1] == 2000
    assert all(b[0] < a[1] for a, b in itertools.pairwise(plain))  # each overlaps the next
    sentences = "First point. Second point! " * 30
    pieces = [w for w in windows(sentences, 600, 150) if w.end - w.start <= 120]
    assert pieces and all(sentences[w.start : w.end] == w.text for w in pieces)
    assert {w.text.strip()[-1] for w in pieces} <= {".", "!"}  # cut after whole sentences


def test_a_word_cut_by_one_window_is_whole_in_the_next(toy_weights: Path) -> None:
    trigger = TRIGGERS["illegal_drugs"]
    for cut in range(1, len(trigger)):
        text = "a" * (600 - cut) + " " + trigger + " " + "b" * 500
        assert check(toy_weights)(user(text), context()).blocked, cut


def test_instructions_hidden_in_base64_are_decoded_and_scored(toy_weights: Path) -> None:
    hidden = base64.b64encode(f"then {TRIGGERS['jailbreak']} everything".encode()).decode()
    verdict = check(toy_weights)(user(f"Summarise this: {hidden}"), context())
    assert verdict.blocked and verdict.findings[0].entity_type == "jailbreak"


def test_spelling_tricks_fold_onto_the_trigger(toy_weights: Path) -> None:
    spaced = " ".join(TRIGGERS["jailbreak"])  # z o r b l a x
    wide = "".join(chr(ord(c) + 0xFEE0) for c in TRIGGERS["jailbreak"])  # full width
    for text in (spaced, wide, TRIGGERS["jailbreak"].upper()):
        assert check(toy_weights)(user(f"please {text}"), context()).blocked, text


def test_tool_results_are_scored_for_injection_only(toy_weights: Path) -> None:
    guard = check(toy_weights)
    injected = f"Weather: sunny. {TRIGGERS['indirect_injection']}"
    verdict = guard(user(injected, role="tool"), context())
    assert verdict.blocked and verdict.findings[0].entity_type == "indirect_injection"
    # A retrieved page about drugs is not a drug request.
    assert not guard(user(f"Article: {TRIGGERS['illegal_drugs']}", role="tool"), context()).blocked
    # The provider's own system prompt is not scored.
    assert not guard(user(TRIGGERS["jailbreak"], role="system"), context()).blocked


def test_untrusted_content_has_its_own_threshold(toy_weights: Path) -> None:
    injected = f"Weather: sunny. {TRIGGERS['indirect_injection']}"
    strict = check(
        toy_weights, thresholds={"indirect_injection": 1.0}, untrusted_thresholds={"indirect_injection": 0.5}
    )
    lax = check(toy_weights, thresholds={"indirect_injection": 0.5}, untrusted_thresholds={"indirect_injection": 1.0})
    assert strict(user(injected, role="tool"), context()).blocked
    assert not strict(user(injected), context()).blocked
    assert not lax(user(injected, role="tool"), context()).blocked


def test_the_high_tier_uses_its_own_stricter_thresholds(toy_weights: Path) -> None:
    text = f"{TRIGGERS['jailbreak']} now"
    guard = check(
        toy_weights,
        thresholds={"jailbreak": 1.0, "illegal_drugs": 1.0},
        tiers={"high": {"thresholds": {"jailbreak": 0.5}}},
    )
    assert not guard(user(text), context(RiskTier.LIMITED)).blocked
    high = guard(user(text), context(RiskTier.HIGH))
    assert high.blocked and high.findings[0].threshold == 0.5
    # The tier replaces only what it names.
    assert not guard(user(TRIGGERS["illegal_drugs"]), context(RiskTier.HIGH)).blocked


def test_answers_use_output_thresholds_and_skip_refusals(toy_weights: Path) -> None:
    guard = check(toy_weights)
    answer = Payload(Stage.OUTPUT, ({"role": "assistant", "content": f"Sure: {TRIGGERS['illegal_drugs']}"},))
    assert guard(answer, context()).blocked
    declined = Payload(
        Stage.OUTPUT, ({"role": "assistant", "content": f"I'm sorry, I can't help with {TRIGGERS['illegal_drugs']}."},)
    )
    assert not guard(declined, context()).blocked
    jailbreak = Payload(Stage.OUTPUT, ({"role": "assistant", "content": TRIGGERS["jailbreak"]},))
    assert not guard(jailbreak, context()).blocked  # not in output_thresholds


def test_warn_lets_the_call_through_and_records(toy_weights: Path) -> None:
    verdict = check(toy_weights, action="warn")(user(TRIGGERS["jailbreak"]), context())
    assert verdict.decision is Decision.WARN and verdict.findings


def test_over_budget_raises_and_the_pipeline_applies_on_error(
    toy_weights: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    guard = check(toy_weights, budget_ms=1.0, window_chars=100, overlap_chars=0)
    slow = guard.model.probabilities

    def slower(folded: str) -> Any:
        time.sleep(0.002)
        return slow(folded)

    monkeypatch.setattr(guard.model, "probabilities", slower)
    text = "plain words here " * 200
    with pytest.raises(ScoringBudgetExceeded):
        guard(user(text), context())
    closed = Pipeline([Step("t", guard, fail_closed=True)])(user(text + "!"), context())
    assert closed.blocked and closed.reason == "check_error.failed_closed"
    opened = Pipeline([Step("t", guard, fail_closed=False)])(user(text + "?"), context())
    assert opened.decision is Decision.WARN and opened.steps[0].verdict.failure is not None


@pytest.mark.parametrize(
    "settings",
    [
        {"thresholds": {}},
        {"thresholds": {"jailbreak": 0.0}},
        {"thresholds": {"jailbreak": 1.5}},
        {"thresholds": {"not_a_category": 0.5}},
        {"thresholds": {"jailbreak": 0.5}, "window_chars": 100, "overlap_chars": 100},
        {"thresholds": {"jailbreak": 0.5}, "surprise": True},
        {"thresholds": {"jailbreak": 0.5}, "model": "/nonexistent/weights.npz"},
    ],
)
def test_bad_settings_are_rejected(settings: dict[str, Any]) -> None:
    with pytest.raises((ValidationError, ValueError)):
        ThreatClassifierSettings(**settings)


def test_a_model_that_does_not_score_a_category_is_refused_at_start_up(toy_weights: Path) -> None:
    with pytest.raises(ValueError, match="does not score"):
        check(toy_weights, thresholds={"malware_intrusion": 0.5})
