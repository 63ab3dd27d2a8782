"""The call's review step: hold hands the signed answer over and returns a notice,
sample releases and queues, flag does nothing, and a stream cannot be held."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

import pytest

from guardrail.attribution import Attributor, KeyStore
from guardrail.attribution.keys import SigningSettings
from guardrail.audit.records import CallRecords
from guardrail.errors import BlockedError, PolicyError, RequestError
from guardrail.policy import load_policy
from guardrail.policy.model import ReviewPolicy
from guardrail.runtime import Guard
from guardrail.runtime.call import Answer, CallRequest, GuardedCall, Held
from guardrail.runtime.holds import ReviewSubmission
from guardrail.runtime.sinks import CallServices
from guardrail.telemetry import TelemetrySettings, Tracing
from guardrail.testing.fake_upstream import FakeUpstream

POLICY = Path(__file__).parents[1] / "adapters" / "policies" / "review-hold.yaml"
ASKED = [{"role": "user", "content": "Call me on 6123 9876 about my fund."}]


class Desk:
    """A review service that keeps what it is given."""

    def __init__(self) -> None:
        self.submitted: list[ReviewSubmission] = []

    def submit(self, submission: ReviewSubmission) -> str:
        self.submitted.append(submission)
        return f"rev_{len(self.submitted)}"


@pytest.fixture(scope="module")
def guard() -> Guard:
    return Guard(load_policy(str(POLICY)))


def services(tmp_path: Path, reviews: Desk | None) -> CallServices:
    key = KeyStore.from_settings(tmp_path / "keys", SigningSettings()).active
    return CallServices(
        CallRecords(tmp_path / "audit", key), Tracing(TelemetrySettings()), Attributor(key, "test"), reviews=reviews
    )


def call(guard: Guard, services: CallServices, use_case: str, *, stream: bool = False) -> tuple[GuardedCall, Any]:
    context = guard.context(use_case=use_case)
    guarded = GuardedCall(guard, services, CallRequest("/v1/chat/completions", "echo", context, ASKED, stream=stream))
    return guarded, asyncio.run(guarded.run(FakeUpstream()))


def test_hold_hands_over_the_signed_answer_and_returns_a_notice(guard: Guard, tmp_path: Path) -> None:
    desk = Desk()
    guarded, outcome = call(guard, services(tmp_path, desk), "advice")
    assert isinstance(outcome, Held) and outcome.review_id == "rev_1"
    assert outcome.response["status"] == "pending" and outcome.response["location"] == "/v1/reviews/rev_1"
    assert "6123" not in str(outcome.response) and "You said" not in str(outcome.response)
    assert outcome.headers["x-guardrail-review"] == "held" and "x-guardrail-attribution" not in outcome.headers
    (held,) = desk.submitted
    assert held.kind == "hold" and held.attribution is not None
    assert "6123 9876" in held.original.answer[0]["content"]  # restored for the client
    assert "6123 9876" not in str(held.redacted.as_dict())  # what the model saw: a pseudonym
    assert guarded.finished is not None
    assert (guarded.finished.review, guarded.finished.review_id, guarded.finished.status) == ("held", "rev_1", 200)


def test_sample_releases_the_answer_and_queues_it(guard: Guard, tmp_path: Path) -> None:
    desk = Desk()
    guarded, outcome = call(guard, services(tmp_path, desk), "monitored")
    assert type(outcome) is Answer and "You said" in outcome.response["choices"][0]["message"]["content"]
    assert desk.submitted[0].kind == "sample"
    assert guarded.finished is not None and guarded.finished.review == "sampled"


def test_flag_is_todays_behaviour(guard: Guard, tmp_path: Path) -> None:
    desk = Desk()
    guarded, outcome = call(guard, services(tmp_path, desk), "chat")
    assert type(outcome) is Answer and not desk.submitted
    assert guarded.finished is not None and guarded.finished.review is None


def test_a_stream_under_hold_is_refused_before_the_model(guard: Guard, tmp_path: Path) -> None:
    with pytest.raises(RequestError) as refused:
        call(guard, services(tmp_path, Desk()), "advice", stream=True)
    assert refused.value.code == "review_hold_no_stream"


def test_without_a_review_service_a_held_use_case_is_refused_not_released(guard: Guard, tmp_path: Path) -> None:
    upstream = FakeUpstream()
    request = CallRequest(
        path="test",
        model="echo",
        context=guard.context(use_case="advice"),
        messages=[{"role": "user", "content": "hi"}],
    )
    guarded = GuardedCall(guard, services(tmp_path, None), request)
    with pytest.raises(BlockedError) as refused:
        asyncio.run(guarded.run(upstream))
    assert (refused.value.code, refused.value.stage) == ("review_hold_unsupported", "input")
    assert upstream.received == []  # refused before any model is asked for an answer nobody could release


@pytest.mark.parametrize(
    ("settings", "message"),
    [
        ({"mode": "hold"}, "needs at least one reviewer"),
        ({"mode": "sample", "reviewers": ["a"]}, "needs sample_percent above 0"),
        ({"mode": "flag", "sample_percent": 5}, "applies to review mode 'sample' only"),
        ({"mode": "hold", "reviewers": ["a", "a"]}, "lists a reviewer twice"),
        ({"mode": "hold", "reviewers": ["a"], "on_timeout": "approve"}, "withhold"),
        ({"mode": "later"}, "hold"),
    ],
)
def test_review_settings_are_validated(settings: dict[str, Any], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        ReviewPolicy.model_validate(settings)


def test_a_bad_review_in_a_policy_file_names_the_field(tmp_path: Path) -> None:
    path = tmp_path / "p.yaml"
    text = POLICY.read_text(encoding="utf-8").replace("reviewers: [alice, bob], ", "")
    path.write_text(text, encoding="utf-8")
    with pytest.raises(PolicyError) as error:
        load_policy(str(path))
    assert "use_cases.advice.review" in str(error.value) and "reviewer" in str(error.value)


class BrokenDesk(Desk):
    def submit(self, submission: ReviewSubmission) -> str:
        raise OSError("disk full")


def test_a_failing_review_store_fails_a_hold_but_not_a_sample(guard: Guard, tmp_path: Path) -> None:
    guarded, outcome = call(guard, services(tmp_path, BrokenDesk()), "monitored")
    assert type(outcome) is Answer and guarded.finished is not None and guarded.finished.review == "sample_failed"
    with pytest.raises(OSError):
        call(guard, services(tmp_path, BrokenDesk()), "advice")
