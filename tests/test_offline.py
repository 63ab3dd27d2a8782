"""Nothing reaches the network at run time: not at import, start-up or redaction."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests import offline_guard

TESTS = Path(__file__).resolve().parent


@pytest.fixture
def no_network() -> Iterator[None]:
    offline_guard.install()
    try:
        yield
    finally:
        offline_guard.uninstall()


def test_the_guard_really_blocks(no_network: None) -> None:
    with pytest.raises(offline_guard.NetworkForbidden):
        socket.create_connection(("192.0.2.1", 443), timeout=0.1)
    with pytest.raises(offline_guard.NetworkForbidden):
        socket.getaddrinfo("publicsuffix.org", 443)


def test_building_and_running_the_default_policy_is_offline(no_network: None) -> None:
    from guardrail.policy import build_pipeline, load_policy

    steps = {step.name: step for step in build_pipeline(load_policy()).steps}
    redactor = steps["personal-data"].check.redactor  # type: ignore[attr-defined]
    out = redactor.redact("e-mail chan.tm@example.com.hk, 電郵 wong@mail.example.org.hk, call 9123 4567").text
    assert out == "e-mail <EMAIL_ADDRESS>, 電郵 <EMAIL_ADDRESS>, call <PHONE_NUMBER>"


def test_the_command_line_is_offline_from_a_cold_start(tmp_path: Path) -> None:
    code = (
        "import sys; sys.path.insert(0, sys.argv[1]); import offline_guard; offline_guard.install();"
        "from guardrail.cli.app import main; sys.argv = ['guardrail', 'scan', 'mail taiman@example.com.hk'];"
        "main()"
    )
    # A fresh cache directory, so that tldextract cannot lean on a cached suffix list.
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path), "HOME": str(tmp_path)}
    result = subprocess.run(
        [sys.executable, "-c", code, str(TESTS)], check=False, capture_output=True, text=True, env=env, timeout=120
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout == "mail <EMAIL_ADDRESS>\n"
    assert "NetworkForbidden" not in result.stderr


PROXY_SCRIPT = """
import sys; sys.path.insert(0, sys.argv[1]); import offline_guard; offline_guard.install()
import httpx
import guardrail
from guardrail.adapters.proxy.app import Proxy, create_app
from guardrail.adapters.proxy.config import embedded_default
from guardrail.adapters.proxy.serve import configure_logging
from guardrail.testing import BackgroundServer

configure_logging()
with BackgroundServer(create_app(Proxy(embedded_default()))) as server:
    body = {"model": "guardrail-demo", "messages": [{"role": "user", "content": "mail taiman@example.com.hk"}],
            "guardrail": {"use_case": "creative"}}
    plain = httpx.post(server.url + "/v1/chat/completions", json=body).json()
    streamed = httpx.post(server.url + "/v1/chat/completions", json={**body, "stream": True}).text
print(plain["choices"][0]["message"]["content"])
print("[DONE]" in streamed and "<EMAIL_ADDRESS>" in streamed)
wrapped = guardrail.completion(model="guardrail-demo/echo", messages=body["messages"], use_case="creative")
print(wrapped.choices[0].message.content)
"""


def test_the_embedded_proxy_and_the_wrapper_are_offline_from_a_cold_start(tmp_path: Path) -> None:
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path), "HOME": str(tmp_path)}
    env.pop("LITELLM_LOCAL_MODEL_COST_MAP", None)  # guardrail must set it itself
    result = subprocess.run(
        [sys.executable, "-c", PROXY_SCRIPT, str(TESTS)],
        check=False,
        capture_output=True,
        text=True,
        env=env,
        timeout=180,
        cwd=tmp_path,
    )
    assert result.returncode == 0, result.stderr
    answer = "[guardrail demo model, offline] I received: mail <EMAIL_ADDRESS>"
    assert result.stdout.splitlines() == [answer, "True", answer]
    assert "NetworkForbidden" not in result.stderr
