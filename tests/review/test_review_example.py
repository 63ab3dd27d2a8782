"""The human-review example: its policy validates, its config loads, and the reviewers
its policy names are the config's."""

from __future__ import annotations

from pathlib import Path

import pytest

from guardrail.adapters.proxy.config import load_config
from guardrail.policy import load_policy
from guardrail.policy.model import ReviewMode

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "review"


def test_the_review_example_is_consistent(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("GUARDRAIL_KEY_ADVISER_APP", "GUARDRAIL_REVIEWER_ALICE", "GUARDRAIL_REVIEWER_BOB"):
        monkeypatch.setenv(name, f"synthetic-{name.lower()}")
    config = load_config(EXAMPLE / "config.yaml")
    policy = load_policy(config.policy).policy
    assert policy.review_for("investment-advice").mode is ReviewMode.HOLD
    assert policy.review_for("client-letters").mode is ReviewMode.SAMPLE
    assert policy.review_for("general").mode is ReviewMode.FLAG
    named = {r for case in policy.use_cases.values() for r in case.review.reviewers}
    assert named <= {r.id for r in config.reviewers}
