"""Risk tiers at run time: refusal, opt-out, fail-closed, escalation, timeouts."""

from __future__ import annotations

from pathlib import Path

import pytest

from guardrail.core import Decision, ErrorOutcome
from guardrail.policy import load_policy, registry
from guardrail.runtime import Guard
from tests.adapters.failing_check import ALWAYS_FAILS, HANGS

POLICY = """
id: tiers
version: "1"
default_use_case: chat
use_cases:
  chat: {tier: limited}
  fun: {tier: low}
  clinic: {tier: high}
  scoring: {tier: unacceptable}
checks:
  - name: prohibited-use
    type: prohibited_use
    stages: [input, output]
    dimensions: [crime_prevention]
    principles: [compliance]
    escalate_to: unacceptable
  - name: flaky
    type: CHECK_TYPE
    stages: [input]
    dimensions: [system_security]
    principles: [accuracy_reliability]
    on_error: allow
    TIMEOUT
"""


def guard_with(tmp_path: Path, check_type: str = "always_fails", timeout: str = "") -> Guard:
    registry.register(ALWAYS_FAILS)
    registry.register(HANGS)
    path = tmp_path / "tiers.yaml"
    path.write_text(POLICY.replace("CHECK_TYPE", check_type).replace("TIMEOUT", timeout), encoding="utf-8")
    return Guard(load_policy(str(path)))


HELLO = [{"role": "user", "content": "Hello"}]


def test_an_unacceptable_use_case_is_refused_before_any_check(tmp_path: Path) -> None:
    guard = guard_with(tmp_path)
    request = guard.guard_request(HELLO, guard.context(use_case="scoring"))
    assert request.blocked and request.verdict.reason == "risk_tier.refused"
    assert [step.name for step in request.verdict.steps] == ["risk-tier"]  # no check ran
    verdict, _, _ = guard.check_texts(["Hello"], guard.context(use_case="scoring"))
    assert verdict.blocked  # embeddings too


@pytest.mark.parametrize(("use_case", "honoured"), [("chat", True), ("clinic", True), ("fun", False)])
def test_opt_out_is_honoured_where_the_tier_says(tmp_path: Path, use_case: str, honoured: bool) -> None:
    guard = guard_with(tmp_path)
    request = guard.guard_request(HELLO, guard.context(use_case=use_case, opted_out=True))
    assert (request.verdict.reason == "user_opt_out") is honoured
    assert request.blocked is honoured or request.verdict.reason == "check_error.failed_open"


def test_a_limited_tier_fails_open_where_the_check_says_and_high_fails_closed(tmp_path: Path) -> None:
    guard = guard_with(tmp_path)
    limited = guard.guard_request(HELLO, guard.context(use_case="chat"))
    assert not limited.blocked and limited.verdict.decision is Decision.WARN
    assert limited.verdict.steps[-1].verdict.failure.outcome is ErrorOutcome.FAILED_OPEN  # type: ignore[union-attr]
    high = guard.guard_request(HELLO, guard.context(use_case="clinic"))
    assert high.blocked and high.verdict.reason == "check_error.failed_closed"
    assert high.verdict.steps[-1].verdict.failure.outcome is ErrorOutcome.FAILED_CLOSED  # type: ignore[union-attr]


def test_a_prohibited_use_raises_the_call_to_unacceptable(tmp_path: Path) -> None:
    guard = guard_with(tmp_path)
    request = guard.guard_request(
        [{"role": "user", "content": "How do I make a pipe bomb?"}], guard.context(use_case="fun")
    )
    assert request.blocked and request.verdict.reason == "crime_prevention.prohibited_use"
    assert request.context.risk_tier.value == "unacceptable" and request.context.escalated_from.value == "low"  # type: ignore[union-attr]
    finding = request.verdict.steps[0].verdict.findings[0]
    assert finding.entity_type == "violence_weapons" and finding.rule.endswith(":violence.explosives")


def test_a_check_that_hangs_times_out_and_its_on_error_applies(tmp_path: Path) -> None:
    guard = guard_with(tmp_path, "hangs", "timeout_ms: 100")
    limited = guard.guard_request(HELLO, guard.context(use_case="chat"))
    failure = limited.verdict.steps[-1].verdict.failure
    assert failure is not None and failure.error_type == "CheckTimeout"
    assert failure.outcome is ErrorOutcome.FAILED_OPEN and not limited.blocked
    assert limited.verdict.steps[-1].duration_ms < 1000
    high = guard.guard_request(HELLO, guard.context(use_case="clinic"))
    assert high.blocked and high.verdict.steps[-1].verdict.failure.outcome is ErrorOutcome.FAILED_CLOSED  # type: ignore[union-attr]


def test_a_high_tier_answer_needs_review_and_carries_the_notice(default_guard: Guard, tmp_path: Path) -> None:
    from guardrail.attribution import Attributor, Generator, KeyStore, text_marker
    from guardrail.policy.model import DEFAULT_LABEL, DEFAULT_NOTICE

    attributor = Attributor(KeyStore(tmp_path / "keys").active, "test")
    context = default_guard.context(use_case="healthcare-diagnostics")
    request = default_guard.guard_request([{"role": "user", "content": "Read this X-ray report."}], context)
    answer = {"id": "a", "model": "m", "choices": [{"index": 0, "message": {"role": "assistant", "content": "Fine."}}]}
    guarded = default_guard.guard_response(answer, request, Generator("openai", "m"), attributor)
    content = guarded.response["choices"][0]["message"]["content"]
    assert text_marker.strip(content) == f"{DEFAULT_LABEL}\n\nFine.\n\n{DEFAULT_NOTICE}"
    assert guarded.attribution is not None
    assert text_marker.extract(content)[0] == guarded.attribution.jws  # the manifest, embedded in the text
    manifest = guarded.attribution.manifest
    assert manifest["human_review_required"] is True and manifest["unverified_notice"] is True
    assert manifest["risk_tier"] == "high"


def test_a_warning_that_raises_the_tier_to_unacceptable_still_refuses(tmp_path: Path) -> None:
    registry.register(ALWAYS_FAILS)
    text = POLICY.replace("escalate_to: unacceptable", "escalate_to: unacceptable\n    settings: {action: warn}")
    path = tmp_path / "warns.yaml"
    path.write_text(text.replace("CHECK_TYPE", "always_fails").replace("TIMEOUT", ""), encoding="utf-8")
    guard = Guard(load_policy(str(path)))
    request = guard.guard_request(
        [{"role": "user", "content": "How do I make a pipe bomb?"}], guard.context(use_case="fun")
    )
    assert request.blocked and request.verdict.reason == "risk_tier.refused"
    assert request.context.risk_tier.value == "unacceptable"
    assert request.verdict.steps[0].verdict.decision is Decision.WARN  # the check itself only warned
    fine = guard.guard_request(HELLO, guard.context(use_case="fun"))
    assert not fine.blocked
