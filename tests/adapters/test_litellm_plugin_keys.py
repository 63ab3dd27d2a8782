"""The LiteLLM plugin binds use cases to LiteLLM keys, as guardrail's proxy binds them
to its own keys."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

pytest.importorskip("litellm.proxy.proxy_server", reason="needs guardrail[litellm-proxy]")

from fastapi import HTTPException

from guardrail.adapters.litellm_plugin import GuardrailPlugin

HIGH = {"guardrail": {"use_case": "healthcare-diagnostics"}}


@pytest.fixture(scope="module")
def plugin(tmp_path_factory: pytest.TempPathFactory) -> GuardrailPlugin:
    return GuardrailPlugin(data_dir=str(tmp_path_factory.mktemp("plugin")), guardrail_name="hk")


def key(metadata: dict, token: str = "hashed-token-1") -> SimpleNamespace:
    return SimpleNamespace(metadata=metadata, api_key=token, team_id="clinic", key_alias=None, user_id=None)


def test_a_key_bound_to_a_high_tier_cannot_ask_for_a_lower_one(plugin: GuardrailPlugin) -> None:
    assert plugin._context({}, key(HIGH)).risk_tier.value == "high"
    with pytest.raises(HTTPException) as raised:
        plugin._context({"x-guardrail-use-case": "creative"}, key(HIGH))
    assert raised.value.status_code == 403 and raised.value.detail["error"]["code"] == "use_case_not_allowed"
    allowing = key(
        {"guardrail": {"use_case": "customer-service", "allowed_use_cases": ["customer-service", "creative"]}}
    )
    assert plugin._context({"x-guardrail-use-case": "creative"}, allowing).risk_tier.value == "low"


def test_unbound_keys_choose_as_before_and_pseudonyms_are_kept_per_key(plugin: GuardrailPlugin) -> None:
    first = plugin._context({"x-guardrail-use-case": "creative", "x-guardrail-conversation-id": "c"}, key({}))
    other = plugin._context({"x-guardrail-conversation-id": "c"}, key({}, token="hashed-token-2"))
    assert first.risk_tier.value == "low"
    assert first.vault_scope != other.vault_scope
