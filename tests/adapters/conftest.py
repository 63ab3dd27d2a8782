"""Fixtures for the adapters: a recording upstream on 127.0.0.1 and guarded proxies.

Guards (spaCy loaded) are built once per session and shared by every proxy built
here; each proxy is a real uvicorn server on a free loopback port.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from pathlib import Path
from typing import Any

import pytest

from guardrail.adapters.proxy.app import Proxy, create_app
from guardrail.adapters.proxy.config import ServerConfig
from guardrail.policy import registry
from guardrail.runtime import Guard
from guardrail.telemetry import Tracing
from guardrail.testing import BackgroundServer, RecordingUpstream
from tests.adapters.failing_check import ALWAYS_FAILS
from tests.conftest import ROUND_TRIP

POLICIES = Path(__file__).parent / "policies"
INVENTED = "Please call Ms Wong Mei Ling on 6123 9876."
UPSTREAM_MODELS = ["echo", "echo-tool", "error-500", "error-429", "slow", f"fixed:{INVENTED}"]


@pytest.fixture(scope="session")
def upstream() -> Iterator[tuple[RecordingUpstream, str]]:
    recorder = RecordingUpstream(chunk_chars=3)
    with BackgroundServer(recorder.app) as server:
        yield recorder, server.url


@pytest.fixture(scope="session")
def guards(default_guard: Guard, round_trip_guard: Guard) -> dict[str, Guard]:
    registry.register(ALWAYS_FAILS)
    return {"hk-genai-2025": default_guard, ROUND_TRIP: round_trip_guard}


def model_list(url: str) -> list[dict[str, Any]]:
    entries = [
        {
            "model_name": name.partition(":")[0],
            "litellm_params": {"model": f"openai/{name}", "api_base": f"{url}/v1", "api_key": "upstream-secret"},
        }
        for name in UPSTREAM_MODELS
    ]
    entries.append({"model_name": "guardrail-demo", "litellm_params": {"model": "guardrail-demo/echo"}})
    return entries


ProxyFactory = Callable[..., AbstractContextManager[str]]


@pytest.fixture(scope="session")
def make_proxy(
    upstream: tuple[RecordingUpstream, str], guards: dict[str, Guard], tmp_path_factory: pytest.TempPathFactory
) -> ProxyFactory:
    """``with make_proxy(policy=..., keys=[...]) as base_url:`` a proxy on a free port."""
    _, url = upstream

    @contextmanager
    def build(
        extra_guards: dict[str, Guard] | None = None, tracing: Tracing | None = None, **settings: Any
    ) -> Iterator[str]:
        settings.setdefault("data_dir", tmp_path_factory.mktemp("data"))
        settings.setdefault("upstream_timeout_seconds", 2.0)
        config = ServerConfig(model_list=model_list(url), **settings)
        proxy = Proxy(config, guards={**guards, **(extra_guards or {})}, tracing=tracing)
        with BackgroundServer(create_app(proxy)) as server:
            yield server.url

    return build


@pytest.fixture(scope="session")
def default_proxy(make_proxy: ProxyFactory) -> Iterator[str]:
    with make_proxy() as url:
        yield url


@pytest.fixture(scope="session")
def round_trip_proxy(make_proxy: ProxyFactory) -> Iterator[str]:
    with make_proxy(policy=ROUND_TRIP) as url:
        yield url
