"""Hanging checks cannot stall the proxy: health answers, other calls go on, and the
timeout is recorded against the check, never blamed on the upstream. In-process: the
app's event loop runs in Starlette's TestClient thread, as it would in uvicorn's."""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
import pytest
from pydantic import BaseModel, ConfigDict

from guardrail.core import ALLOW, CallContext, Payload, Verdict
from guardrail.core.chat import payload_texts
from guardrail.policy import registry
from guardrail.policy.registry import CheckServices, CheckType
from guardrail.runtime import Guard
from tests.adapters.conftest import ClientFactory, Served

HANG_MARK = "please hang"
RELEASE = threading.Event()


class Settings(BaseModel):
    model_config = ConfigDict(extra="forbid")


class HangsOnMark:
    """Hangs (for up to 40 s, or until the test ends) on texts with the mark; else allows."""

    def __call__(self, payload: Payload, context: CallContext) -> Verdict:
        if any(HANG_MARK in slot.text for slot in payload_texts(payload)):
            RELEASE.wait(40)
        return ALLOW


def build(settings: Settings, services: CheckServices) -> HangsOnMark:
    return HangsOnMark()


POLICY = """
id: hangs-on-mark
version: "1.0.0"
default_use_case: general
use_cases:
  general: { tier: limited }
checks:
  - name: request-limits
    type: request_limits
    stages: [input]
    dimensions: [system_security]
    principles: [practicality_efficiency]
    timeout_ms: 1000
    settings: { max_chars: 100000 }
  - name: slow-check
    type: hangs_on_mark
    stages: [input]
    dimensions: [system_security]
    principles: [accuracy_reliability]
    on_error: allow
    timeout_ms: 500
"""


@pytest.fixture(scope="module")
def hanging_proxy(
    make_client: ClientFactory, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[Served, Path]]:
    registry.register(CheckType("hangs_on_mark", Settings, "tests.adapters.test_isolation:build"))
    folder = tmp_path_factory.mktemp("isolation")
    (folder / "policy.yaml").write_text(POLICY, encoding="utf-8")
    guard = Guard.from_policy(folder / "policy.yaml")
    data_dir = folder / "data"
    RELEASE.clear()
    try:
        with make_client(
            policy="hangs-on-mark",
            extra_guards={"hangs-on-mark": guard},
            data_dir=data_dir,
            upstream_timeout_seconds=5.0,
        ) as served:
            yield served, data_dir
    finally:
        RELEASE.set()  # let the abandoned checks finish


def chat(http: httpx.Client, text: str) -> httpx.Response:
    return http.post("/v1/chat/completions", json={"model": "echo", "messages": [{"role": "user", "content": text}]})


def records(data_dir: Path) -> list[dict[str, object]]:
    return [
        json.loads(line)["record"] if "record" in json.loads(line) else json.loads(line)
        for path in sorted((data_dir / "audit").glob("*.jsonl"))
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]


@pytest.fixture
def release_after() -> Iterator[None]:
    RELEASE.clear()
    yield
    RELEASE.set()  # the abandoned checks end, and their threads with them
    time.sleep(0.2)


# Short prompts are awaited on the event loop; long ones go to a worker thread whole.
@pytest.mark.parametrize("padding", ["", " and more" * 3000], ids=["short", "long"])
def test_ten_hanging_checks_leave_health_and_other_calls_unaffected(
    hanging_proxy: tuple[Served, Path], release_after: None, padding: str
) -> None:
    served, data_dir = hanging_proxy
    already = len(records(data_dir))
    http = served.http
    started = time.perf_counter()
    assert chat(http, "A short healthy question.").status_code == 200
    baseline = time.perf_counter() - started

    with ThreadPoolExecutor(10) as callers:
        hanging = [callers.submit(chat, http, f"{HANG_MARK} ({n}){padding}") for n in range(10)]
        time.sleep(0.1)  # the ten calls are in their checks now
        live = []
        for _ in range(5):
            started = time.perf_counter()
            assert http.get("/health/live").status_code == 200
            live.append(time.perf_counter() - started)
            time.sleep(0.02)
        started = time.perf_counter()
        healthy = chat(http, f"Another healthy question.{padding}")
        healthy_seconds = time.perf_counter() - started
        answers = [future.result() for future in hanging]

    assert max(live) < 0.1, live
    assert healthy.status_code == 200
    assert healthy_seconds < baseline + 0.3, (baseline, healthy_seconds)
    # Each hanging call was answered once its check timed out (it fails open), not blamed on the upstream.
    assert [answer.status_code for answer in answers] == [200] * 10
    assert {answer.headers["x-guardrail-input-decision"] for answer in answers} == {"warn"}
    timed_out = [
        r
        for r in records(data_dir)[already:]
        if any((c.get("error") or {}).get("type") == "CheckTimeout" for c in r.get("checks", []))
    ]  # type: ignore[union-attr, attr-defined]
    assert len(timed_out) == 10
    for record in timed_out:
        assert record["status"] == 200 and "upstream_error" not in record
        [check] = [c for c in record["checks"] if c["error"]]  # type: ignore[union-attr, attr-defined]
        assert check["check"] == "slow-check" and check["error"] == {"type": "CheckTimeout", "outcome": "failed_open"}
