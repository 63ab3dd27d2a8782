"""A proxy over real HTTP whose model is the in-process fake upstream, for the tests of
the Responses and Messages APIs: the SDKs speak HTTP to the proxy, the proxy calls
:class:`~guardrail.testing.fake_upstream.FakeUpstream` at the upstream seam (no LiteLLM,
no second server), which records what reached the model.

:class:`Endpoint` holds the assertions both APIs must pass in the same way (each
field's fate, no planted identifier past any part, unchecked parts refused unless the
policy allows them, a client leaving mid-stream recorded), so a fix to one of them
reaches both."""

from __future__ import annotations

import json
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx

from guardrail.adapters.proxy.app import Proxy, create_app
from guardrail.adapters.proxy.config import ServerConfig
from guardrail.attribution import load_jwks
from guardrail.core.responses_fields import Refusal
from guardrail.core.shapes import Shape
from guardrail.runtime import Guard
from guardrail.testing import BackgroundServer
from guardrail.testing.fake_upstream import FakeUpstream
from tests.core.field_samples import PLANTED, samples

# An invented person and number the round-trip policy pseudonymises and restores.
PERSON, PHONE = "Chan Tai Man", "9123 4567"
PROMPT = f"I am {PERSON}, call me on {PHONE}."

ALLOW_UNCHECKED = """
id: round-trip-unchecked
version: "1.0.0"
default_use_case: general
use_cases:
  general: { tier: low }
inputs: { unchecked_parts: allow }
checks:
  - name: personal-data
    type: personal_data
    stages: [input, output]
    dimensions: [personal_data_privacy]
    principles: [compliance]
    settings:
      entities:
        PERSON: { action: pseudonym }
        PHONE_NUMBER: { action: pseudonym }
"""


@contextmanager
def fake_proxy(
    guards: dict[str, Guard], policy: str, data_dir: Path, **settings: Any
) -> Iterator[tuple[str, FakeUpstream]]:
    """``with fake_proxy(...) as (base_url, fake):`` a proxy serving ``policy``."""
    fake = FakeUpstream(chunk_chars=3)
    config = ServerConfig(data_dir=data_dir, policy=policy, **settings)
    proxy = Proxy(config, guards=guards, upstream=fake)
    with BackgroundServer(create_app(proxy)) as server:
        yield server.url, fake


def records(data_dir: Path) -> list[dict[str, Any]]:
    """The call records in the proxy's trail (intent entries left out)."""
    out = []
    for path in sorted((data_dir / "audit").glob("audit-*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            entry = json.loads(line)
            record = entry.get("record", entry)
            if isinstance(record, dict) and "status" in record and "path" in record:
                out.append(record)
    return out


def jwks(base_url: str) -> dict[str, Any]:
    return load_jwks(httpx.get(f"{base_url}/.well-known/jwks.json", timeout=10).text)


@contextmanager
def default_fake_proxy(default_guard: Guard, data_dir: Path) -> Iterator[tuple[str, FakeUpstream]]:
    """A proxy under the default policy, which removes identifiers: for the field tests."""
    with fake_proxy({"hk-genai-2025": default_guard}, "hk-genai-2025", data_dir) as served:
        yield served


@dataclass(frozen=True)
class Endpoint:
    """One API of a fake proxy: its base URL, its path (``/v1/messages``, say) and the
    fake upstream that records what reached the model."""

    url: str
    path: str
    fake: FakeUpstream

    def post(self, body: dict[str, Any]) -> httpx.Response:
        return httpx.post(f"{self.url}{self.path}", json=body, timeout=30)

    def assert_field_fate(
        self, base: dict[str, Any], name: str, shape: Shape, fate: str, refusal: Refusal | None
    ) -> None:
        """Every sample of field ``name`` added to ``base`` is refused with its code
        (unless harmless), or answered with the field changing what the model got
        exactly when it is forwarded; no planted identifier gets through either way."""
        self.fake.reset()
        assert self.post(base).status_code == 200
        baseline = self.fake.received[-1]
        for sample in samples(shape):
            self.fake.reset()
            answer = self.post({**base, name: sample.value})
            if fate == "refused" and refusal is not None and sample.value not in refusal.harmless:
                assert answer.status_code == 400 and answer.json()["error"]["code"] == refusal.code
                assert self.fake.received == []
                continue
            assert answer.status_code == 200, answer.text
            assert (self.fake.received[-1] != baseline) == (fate == "forwarded"), (name, sample.value)
            assert [value for value in PLANTED if value in self.fake.received_text()] == []

    def assert_no_planted_identifier_passes(self, bodies: Iterable[dict[str, Any]], answered: int) -> None:
        """Each body is answered or refused as a 400 with a code, at least ``answered`` of
        them are answered, and no planted identifier reaches the model from any."""
        self.fake.reset()
        statuses: list[int] = []
        for body in bodies:
            answer = self.post(body)
            statuses.append(answer.status_code)
            if answer.status_code != 200:
                error = answer.json()["error"]
                assert answer.status_code == 400 and error["code"], answer.text
        assert [value for value in PLANTED if value in self.fake.received_text()] == []
        assert statuses.count(200) >= answered and len(self.fake.received) == statuses.count(200)

    def assert_unchecked_parts_need_the_policy(self, body: dict[str, Any], folder: Path) -> None:
        """``body`` (with an image or a file no check reads) is refused here, and answered,
        and recorded as such, by a proxy whose policy allows unchecked parts."""
        self.fake.reset()
        refused = self.post(body)
        assert refused.status_code == 400 and refused.json()["error"]["code"] == "unchecked_content"
        assert self.fake.received == []
        policy = folder / "allow.yaml"
        policy.write_text(ALLOW_UNCHECKED)
        allowing = Guard.from_policy(str(policy))
        with fake_proxy({str(policy): allowing}, str(policy), folder / "data") as (allowed_url, allowed_fake):
            assert Endpoint(allowed_url, self.path, allowed_fake).post(body).status_code == 200
            assert len(allowed_fake.received) == 1
        (record,) = records(folder / "data")
        assert "unchecked-parts" in json.dumps(record)

    def records_of_a_disconnect(self, body: dict[str, Any], first_delta: str, data_dir: Path) -> list[dict[str, Any]]:
        """The records added when a client streams ``body`` and leaves at the first line
        holding ``first_delta``; the fake answers slowly meanwhile, so the answer is
        still being streamed when it goes."""
        before = len(records(data_dir))
        self.fake.chunk_delay = 0.05
        try:
            with httpx.stream("POST", f"{self.url}{self.path}", json=body, timeout=30) as response:
                for line in response.iter_lines():
                    if first_delta in line:
                        break
            deadline = time.monotonic() + 10
            while len(records(data_dir)) == before and time.monotonic() < deadline:
                time.sleep(0.1)
        finally:
            self.fake.chunk_delay = 0.0
        return records(data_dir)[before:]
