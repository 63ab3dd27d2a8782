"""A proxy over real HTTP whose model is the in-process fake upstream, for the tests of
the Responses and Messages APIs: the SDKs speak HTTP to the proxy, the proxy calls
:class:`~guardrail.testing.fake_upstream.FakeUpstream` at the upstream seam (no LiteLLM,
no second server), which records what reached the model."""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import httpx

from guardrail.adapters.proxy.app import Proxy, create_app
from guardrail.adapters.proxy.config import ServerConfig
from guardrail.attribution import load_jwks
from guardrail.runtime import Guard
from guardrail.testing import BackgroundServer
from guardrail.testing.fake_upstream import FakeUpstream

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
