"""Shared fixtures: the default policy and its redactor, loaded once per session."""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import settings

from guardrail.core import CallContext, Payload, Stage
from guardrail.pii.check import PersonalDataCheck
from guardrail.pii.redactor import Redactor
from guardrail.pii.settings import PersonalDataSettings
from guardrail.policy import LoadedPolicy, load_policy
from guardrail.runtime import Guard

# The small-disk fixture, for the trail tests of failing writes in tests/audit and tests/adapters;
# headless Chromium, for the tests of the consoles, the /verify page and the HTML report.
pytest_plugins = ["tests.audit.disks", "tests.headless_chromium"]

# Property tests check what holds, not how fast: Hypothesis's per-example deadline (200 ms)
# failed them on a busy machine (a secret-detector property at 150 ms an example), so it
# is off; speed is measured in benchmarks/.
settings.register_profile("guardrail", deadline=None)
settings.load_profile("guardrail")

SHARED_DATA = Path(__file__).resolve().parents[2] / "shared" / "data"
ROUND_TRIP = str(Path(__file__).parent / "adapters" / "policies" / "round-trip.yaml")


@pytest.fixture(scope="session", autouse=True)
def data_dir(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """Keys and the wrapper's default audit trail go to a temporary folder, not the
    working directory's ``.guardrail``."""
    folder = tmp_path_factory.mktemp("guardrail-data")
    previous = os.environ.get("GUARDRAIL_DATA_DIR")
    os.environ["GUARDRAIL_DATA_DIR"] = str(folder)
    yield folder
    if previous is None:
        os.environ.pop("GUARDRAIL_DATA_DIR", None)
    else:
        os.environ["GUARDRAIL_DATA_DIR"] = previous


@pytest.fixture(scope="session")
def default_policy() -> LoadedPolicy:
    return load_policy()


@pytest.fixture(scope="session")
def pii_settings(default_policy: LoadedPolicy) -> PersonalDataSettings:
    settings = default_policy.settings["personal-data"]
    assert isinstance(settings, PersonalDataSettings)
    return settings


@pytest.fixture(scope="session")
def pii_check(pii_settings: PersonalDataSettings) -> PersonalDataCheck:
    return PersonalDataCheck(pii_settings)


@pytest.fixture(scope="session")
def redactor(pii_check: PersonalDataCheck) -> Redactor:
    return pii_check.redactor


@pytest.fixture(scope="session")
def default_guard() -> Guard:
    return Guard.from_policy("hk-genai-2025")


@pytest.fixture(scope="session")
def round_trip_guard() -> Guard:
    """Pseudonymises and restores most entities; blocks card numbers."""
    return Guard.from_policy(ROUND_TRIP)


@pytest.fixture(scope="session")
def dev_corpus() -> list[dict[str, Any]]:
    path = SHARED_DATA / "pii_dev.jsonl"
    if not path.exists():
        pytest.skip(f"labelled corpus not found at {path}")
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]


@pytest.fixture
def context(default_policy: LoadedPolicy) -> CallContext:
    return CallContext(
        policy=default_policy.ref, use_case="general", risk_tier=default_policy.policy.use_cases["general"].tier
    )


def user_payload(*texts: str) -> Payload:
    return Payload(Stage.INPUT, tuple({"role": "user", "content": t} for t in texts))
