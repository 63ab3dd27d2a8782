"""The examples run as documented."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def test_contact_centre_policy_is_valid() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "guardrail.cli", "policy", "validate", str(ROOT / "examples/policies/contact-centre.yaml")],
        check=False, capture_output=True, text=True, timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("valid: contact-centre 1.0.0 sha256:")


def test_redact_chat_request_example() -> None:
    result = subprocess.run(
        [sys.executable, str(ROOT / "examples/redact_chat_request.py")], check=False, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    assert "decision: modify" in result.stdout
    for value in ("Chan Tai Man", "A123456(3)", "9123 4567", "陳大文", "6123 4567", "彌敦道264號"):
        assert value not in result.stdout
    assert "arguments$.customer" in result.stdout


def test_server_config_example_is_valid(monkeypatch: pytest.MonkeyPatch) -> None:
    from guardrail.adapters.proxy.config import load_config

    for name in ("OPENAI_API_KEY", "LOCAL_LLM_KEY", "GUARDRAIL_KEY_CONTACT_CENTRE", "GUARDRAIL_KEY_CLINIC"):
        monkeypatch.setenv(name, f"synthetic-{name.lower()}")
    config = load_config(ROOT / "examples/server/config.yaml")
    assert [key.tenant for key in config.keys] == ["contact-centre", "clinic"]
    assert config.audit_path.name == "audit" and config.telemetry.exporter == "otlp"
