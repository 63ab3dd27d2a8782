"""Fixtures for the adapters: guarded proxies in-process, and over real HTTP.

Most tests talk to the proxy in-process (``make_client``, ``default_client``,
``round_trip_client``): its ASGI app through Starlette's ``TestClient``, in front of a
:class:`~guardrail.testing.FakeUpstream` at the upstream seam; no uvicorn, no LiteLLM,
no sockets. A smaller set runs end to end (``make_proxy``, ``default_proxy``,
``round_trip_proxy``): a real uvicorn server on a free loopback port, calling a
:class:`~guardrail.testing.RecordingUpstream` on another through LiteLLM's Router; they
test what only the real path has (the Router's translation, sockets, client SDKs over
HTTP). Guards (spaCy loaded) are built once per session and shared by every proxy.
``run_cli`` (from ``tests.cli_runner``) runs the ``guardrail`` command in-process.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import openai
import pytest
from starlette.testclient import TestClient

from guardrail.adapters.proxy.app import Proxy, create_app
from guardrail.adapters.proxy.config import ServerConfig
from guardrail.policy import registry
from guardrail.runtime import Guard
from guardrail.telemetry import Tracing
from guardrail.testing import BackgroundServer, FakeUpstream, RecordingUpstream
from tests.adapters.failing_check import ALWAYS_FAILS
from tests.cli_runner import run_cli
from tests.conftest import ROUND_TRIP

__all__ = ["run_cli"]  # re-exported for the adapters' tests

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


@dataclass(frozen=True)
class Served:
    """A proxy served in-process: ``http`` is an httpx client bound to its app."""

    http: TestClient
    upstream: FakeUpstream
    proxy: Proxy
    url: str = "http://testserver"

    def openai(self, api_key: str = "unused", **headers: str) -> openai.OpenAI:
        """The openai SDK over the in-process client."""
        return openai.OpenAI(
            base_url=f"{self.url}/v1", api_key=api_key, default_headers=headers, max_retries=0, http_client=self.http
        )


ClientFactory = Callable[..., AbstractContextManager[Served]]


@pytest.fixture(scope="session")
def make_client(guards: dict[str, Guard], tmp_path_factory: pytest.TempPathFactory) -> ClientFactory:
    """``with make_client(policy=..., keys=[...]) as served:`` a proxy app in this process,
    its lifespan run, over a fresh :class:`FakeUpstream` with the test models (whose
    timeout is the config's ``upstream_timeout_seconds``)."""

    @contextmanager
    def build(
        extra_guards: dict[str, Guard] | None = None,
        tracing: Tracing | None = None,
        upstream: FakeUpstream | None = None,
        **settings: Any,
    ) -> Iterator[Served]:
        settings.setdefault("data_dir", tmp_path_factory.mktemp("data"))
        settings.setdefault("upstream_timeout_seconds", 0.5)
        config = ServerConfig(model_list=model_list("http://upstream.invalid"), **settings)
        fake = upstream or FakeUpstream(
            [*UPSTREAM_MODELS, "cut-stream"], chunk_chars=3, timeout=config.upstream_timeout_seconds
        )
        proxy = Proxy(config, guards={**guards, **(extra_guards or {})}, upstream=fake, tracing=tracing)
        with TestClient(create_app(proxy)) as http:
            yield Served(http, fake, proxy)

    return build


@pytest.fixture(scope="session")
def default_client(make_client: ClientFactory) -> Iterator[Served]:
    with make_client() as served:
        yield served


@pytest.fixture(scope="session")
def round_trip_client(make_client: ClientFactory) -> Iterator[Served]:
    with make_client(policy=ROUND_TRIP) as served:
        yield served
