from __future__ import annotations

import time
from dataclasses import dataclass, field

import pytest

from guardrail.core import (
    CallContext,
    Decision,
    ErrorOutcome,
    Finding,
    Payload,
    Pipeline,
    PolicyRef,
    RiskTier,
    Stage,
    Step,
    Verdict,
)

CONTEXT = CallContext(PolicyRef("p", "1", "sha256:x"), use_case="general", risk_tier=RiskTier.LOW)
PAYLOAD = Payload(Stage.INPUT, ({"role": "user", "content": "hello"},))


@dataclass
class Recorder:
    """A check that records what it saw and returns a fixed verdict."""

    verdict: Verdict
    seen: list[Payload] = field(default_factory=list)

    def __call__(self, payload: Payload, context: CallContext) -> Verdict:
        self.seen.append(payload)
        return self.verdict


class Upper:
    def __call__(self, payload: Payload, context: CallContext) -> Verdict:
        messages = tuple({**m, "content": m["content"].upper()} for m in payload.messages)
        return Verdict(Decision.MODIFY, payload=Payload(payload.stage, messages))


class Crash:
    def __call__(self, payload: Payload, context: CallContext) -> Verdict:
        raise RuntimeError("secret text that must not be kept")


def test_results_are_keyed_by_configured_name_in_order() -> None:
    pipeline = Pipeline(
        [Step("first", Recorder(Verdict(Decision.ALLOW))), Step("second", Recorder(Verdict(Decision.WARN, reason="w")))]
    )
    verdict = pipeline(PAYLOAD, CONTEXT)
    assert [s.name for s in verdict.steps] == ["first", "second"]
    assert verdict.by_name()["second"].verdict.reason == "w"
    assert verdict.decision is Decision.WARN
    assert all(s.duration_ms >= 0 for s in verdict.steps)


def test_block_stops_the_pipeline() -> None:
    after = Recorder(Verdict(Decision.ALLOW))
    pipeline = Pipeline([Step("blocker", Recorder(Verdict(Decision.BLOCK, reason="nope"))), Step("after", after)])
    verdict = pipeline(PAYLOAD, CONTEXT)
    assert verdict.blocked and verdict.reason == "nope"
    assert after.seen == []
    assert verdict.payload is None


def test_modified_payload_flows_to_the_next_check() -> None:
    after = Recorder(Verdict(Decision.ALLOW))
    verdict = Pipeline([Step("upper", Upper()), Step("after", after)])(PAYLOAD, CONTEXT)
    assert after.seen[0].messages[0]["content"] == "HELLO"
    assert verdict.decision is Decision.MODIFY
    assert verdict.payload is not None and verdict.payload.messages[0]["content"] == "HELLO"
    assert PAYLOAD.messages[0]["content"] == "hello"  # the input is never mutated


def test_steps_run_only_at_their_stages() -> None:
    output_only = Recorder(Verdict(Decision.ALLOW))
    pipeline = Pipeline([Step("out", output_only, stages=frozenset({Stage.OUTPUT}))])
    assert pipeline(PAYLOAD, CONTEXT).steps == ()
    pipeline(Payload(Stage.OUTPUT, PAYLOAD.messages), CONTEXT)
    assert len(output_only.seen) == 1


def test_a_crashing_check_fails_closed_and_says_so() -> None:
    verdict = Pipeline([Step("crash", Crash(), fail_closed=True)])(PAYLOAD, CONTEXT)
    step = verdict.by_name()["crash"].verdict
    assert verdict.blocked
    assert step.failure is not None and step.failure.outcome is ErrorOutcome.FAILED_CLOSED
    assert step.failure.error_type == "RuntimeError"
    assert "secret" not in repr(verdict)


def test_a_crashing_check_fails_open_only_when_configured_and_is_recorded() -> None:
    after = Recorder(Verdict(Decision.ALLOW))
    verdict = Pipeline([Step("crash", Crash(), fail_closed=False), Step("after", after)])(PAYLOAD, CONTEXT)
    step = verdict.by_name()["crash"].verdict
    assert verdict.decision is Decision.WARN and verdict.reason == "check_error.failed_open"
    assert step.failure is not None and step.failure.outcome is ErrorOutcome.FAILED_OPEN
    assert len(after.seen) == 1


def test_a_check_returning_garbage_counts_as_a_failure() -> None:
    verdict = Pipeline([Step("bad", lambda p, c: "allow")])(PAYLOAD, CONTEXT)  # type: ignore[arg-type,return-value]
    failure = verdict.by_name()["bad"].verdict.failure
    assert verdict.blocked
    assert failure is not None and failure.error_type == "CheckError"


def test_a_pipeline_is_a_check_and_nests() -> None:
    inner = Pipeline([Step("upper", Upper())])
    outer = Pipeline(
        [
            Step("inner", inner),
            Step("tail", Recorder(Verdict(Decision.AUDIT, findings=(Finding("X", 0, 1, 1.0, "r"),)))),
        ]
    )
    verdict = outer(PAYLOAD, CONTEXT)
    assert verdict.by_name()["inner"].verdict.by_name()["upper"].verdict.decision is Decision.MODIFY
    assert verdict.payload is not None and verdict.payload.messages[0]["content"] == "HELLO"


def test_duplicate_names_are_rejected() -> None:
    with pytest.raises(ValueError, match="unique"):
        Pipeline([Step("a", Upper()), Step("a", Upper())])


@dataclass
class Sleeper:
    """Sleeps, then allows; records that it finished."""

    seconds: float
    finished: list[float] = field(default_factory=list)

    def __call__(self, payload: Payload, context: CallContext) -> Verdict:
        time.sleep(self.seconds)
        self.finished.append(self.seconds)
        return Verdict(Decision.ALLOW)


def test_checks_with_timeouts_that_finish_in_time_run_in_order_and_pass_the_payload_on() -> None:
    after = Recorder(Verdict(Decision.ALLOW))
    pipeline = Pipeline(
        [
            Step("upper", Upper(), timeout_seconds=5),
            Step("quick", Sleeper(0.01), timeout_seconds=5),
            Step("after", after),
        ]
    )
    verdict = pipeline(PAYLOAD, CONTEXT)
    assert [s.name for s in verdict.steps] == ["upper", "quick", "after"]
    assert all(s.verdict.failure is None for s in verdict.steps)
    assert after.seen[0].messages[0]["content"] == "HELLO"
    assert verdict.decision is Decision.MODIFY


def test_a_check_past_its_timeout_fails_open_and_the_rest_still_run() -> None:
    after = Recorder(Verdict(Decision.ALLOW))
    hung = Sleeper(1.0)
    pipeline = Pipeline(
        [Step("upper", Upper()), Step("hung", hung, fail_closed=False, timeout_seconds=0.1), Step("after", after)]
    )
    started = time.perf_counter()
    verdict = pipeline(PAYLOAD, CONTEXT)
    assert time.perf_counter() - started < 0.8  # not held for the hung check's full second
    outcome = verdict.by_name()["hung"]
    assert outcome.verdict.failure is not None and outcome.verdict.failure.error_type == "CheckTimeout"
    assert outcome.verdict.failure.outcome is ErrorOutcome.FAILED_OPEN
    assert 90 <= outcome.duration_ms < 800
    assert after.seen[0].messages[0]["content"] == "HELLO"  # the payload as it was before the hung check
    assert hung.finished == []  # abandoned, not awaited


def test_a_check_past_its_timeout_fails_closed_and_stops_the_stage() -> None:
    after = Recorder(Verdict(Decision.ALLOW))
    pipeline = Pipeline([Step("hung", Sleeper(1.0), fail_closed=True, timeout_seconds=0.1), Step("after", after)])
    verdict = pipeline(PAYLOAD, CONTEXT)
    assert verdict.blocked and verdict.reason == "check_error.failed_closed"
    assert after.seen == []


def test_a_timeout_counts_from_the_start_of_its_own_check() -> None:
    """A slow check without a timeout before a timed one does not eat the timed one's time."""
    pipeline = Pipeline([Step("slow", Sleeper(0.3)), Step("timed", Sleeper(0.01), timeout_seconds=0.2)])
    verdict = pipeline(PAYLOAD, CONTEXT)
    assert all(s.verdict.failure is None for s in verdict.steps)
    assert [s.name for s in verdict.steps] == ["slow", "timed"]


def test_a_timeout_is_kept_even_after_a_check_with_a_longer_one() -> None:
    """The watcher must not sleep through a short deadline while waiting on a long one."""
    pipeline = Pipeline(
        [
            Step("long", Sleeper(0.0), timeout_seconds=30),
            Step("hung", Sleeper(2.0), fail_closed=False, timeout_seconds=0.1),
        ]
    )
    started = time.perf_counter()
    verdict = pipeline(PAYLOAD, CONTEXT)
    assert time.perf_counter() - started < 1.0
    failure = verdict.by_name()["hung"].verdict.failure
    assert failure is not None and failure.error_type == "CheckTimeout"
