"""Every policy we ship bounds its calls: request limits, a timeout on every check, and
the worst inputs we know of finish or are refused within them."""

from __future__ import annotations

import secrets
import time
from pathlib import Path

import pytest

from guardrail.policy import load_policy
from guardrail.policy.loader import LoadedPolicy
from guardrail.runtime import Guard
from guardrail.system_security.limits import RequestLimitsSettings

ROOT = Path(__file__).resolve().parents[2]
SHIPPED = [
    ROOT / "guardrail" / "policies" / "hk-genai-2025.yaml",
    *sorted((ROOT / "examples" / "policies").glob("*.yaml")),
]
WORDS = "Alpha Chan Bravo Wong Tai Man Delta Mary Siu Ming Hotel Lee Ka Yan Cheung Mr".split()


def capitalised_words(size: int) -> str:
    """``size`` characters of capitalised words: names and non-names, no sentence breaks.
    Every sentence holds a word no pattern explains, so NER reads it all."""
    words, length, n = [], 0, 0
    while length < size:
        word = WORDS[(n * 7) % len(WORDS)]
        words.append(word)
        length += len(word) + 1
        n += 1
    return " ".join(words)[:size]


@pytest.fixture(scope="module", params=SHIPPED, ids=lambda path: path.name)
def shipped(request: pytest.FixtureRequest, monkeypatch_module: pytest.MonkeyPatch) -> LoadedPolicy:
    return load_policy(request.param)


@pytest.fixture(scope="module")
def monkeypatch_module() -> pytest.MonkeyPatch:
    with pytest.MonkeyPatch.context() as patch:
        # The contact-centre example hashes HKIDs with a key from the environment.
        patch.setenv("GUARDRAIL_HASH_KEY", secrets.token_hex(16))
        yield patch


def test_every_check_has_a_timeout(shipped: LoadedPolicy) -> None:
    assert [spec.name for spec in shipped.policy.checks if spec.timeout_ms is None] == []


def test_request_limits_bound_characters_and_messages(shipped: LoadedPolicy) -> None:
    limits = [shipped.settings[spec.name] for spec in shipped.policy.checks if spec.type == "request_limits"]
    assert limits and all(isinstance(s, RequestLimitsSettings) and s.max_chars and s.max_messages for s in limits)


@pytest.fixture(scope="module")
def guard(shipped: LoadedPolicy) -> Guard:
    return Guard(shipped)


def test_thirty_thousand_one_character_messages_are_refused_at_once(guard: Guard) -> None:
    started = time.perf_counter()
    request = guard.guard_request([{"role": "user", "content": "a"}] * 30_000, guard.context())
    assert time.perf_counter() - started < 2.0
    assert request.blocked and request.verdict.reason == "system_security.request_too_large"


def test_100_kb_of_capitalised_words_finishes_or_is_refused_within_the_timeouts(
    guard: Guard, shipped: LoadedPolicy
) -> None:
    """NER reads every sentence of such a text (about 25 ms per KB here when the machine
    is quiet, twice that when busy): the call must end within the personal-data check's
    timeout either way, answered, or refused because the check fails closed."""
    limits = next(shipped.settings[spec.name] for spec in shipped.policy.checks if spec.type == "request_limits")
    assert isinstance(limits, RequestLimitsSettings) and limits.max_chars is not None
    text = capitalised_words(min(100_000, limits.max_chars))
    timeout = next(spec.timeout_ms for spec in shipped.policy.checks if spec.name == "personal-data")
    assert timeout is not None
    started = time.perf_counter()
    request = guard.guard_request([{"role": "user", "content": text}], guard.context())
    assert time.perf_counter() - started < timeout / 1000 + 2.0
    failures = {step.name: step.verdict.failure for step in request.verdict.steps if step.verdict.failure}
    if failures:  # only a timeout of the personal-data check, failing closed
        assert list(failures) == ["personal-data"] and request.blocked
        assert failures["personal-data"].error_type == "CheckTimeout"  # type: ignore[union-attr]
