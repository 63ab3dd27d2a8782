"""Signed manifests: every alteration is caught, and caught as what it is."""

from __future__ import annotations

import copy
import json
import stat
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from guardrail.attribution import (
    Attributor,
    Generator,
    KeyStore,
    Labels,
    Status,
    from_response,
    load_jwks,
    verify,
    verify_document,
)
from guardrail.attribution.manifest import DIGITAL_SOURCE_TYPE, FIELD
from guardrail.core import CallContext
from guardrail.policy import LoadedPolicy

ANSWER = "您好 Chan 先生, here is your answer. Café ﬁne."


@pytest.fixture
def keys(tmp_path: Path) -> KeyStore:
    return KeyStore(tmp_path / "keys")


def attributed(
    keys: KeyStore, context: CallContext, default_policy: LoadedPolicy, text: str = ANSWER
) -> dict[str, Any]:
    attributor = Attributor(keys.active, "Example Services Ltd")
    labels = Labels.for_call(default_policy.policy.attribution, context)
    response = {
        "id": "x",
        "model": "gpt-test",
        "choices": [{"index": 0, "message": {"role": "assistant", "content": text}, "finish_reason": "stop"}],
    }
    attribution = attributor.attribute(
        context,
        labels,
        Generator("openai", "gpt-test-2025"),
        from_response(response),
        {"input": {"PERSON": 2}, "output": {}},
    )
    return {**response, FIELD: attribution.as_field()}


def jwks_of(keys: KeyStore) -> dict[str, Any]:
    return load_jwks(json.dumps(keys.jwks()))


def test_a_fresh_answer_verifies_and_says_what_it_is(
    keys: KeyStore, context: CallContext, default_policy: LoadedPolicy
) -> None:
    document = attributed(keys, context, default_policy)
    result = verify_document(document, jwks_of(keys))
    assert result.status is Status.VALID
    manifest = result.manifest
    assert manifest["ai_generated"] is True and manifest["digital_source_type"] == DIGITAL_SOURCE_TYPE
    assert manifest["generator"] == {"provider": "openai", "model": "gpt-test-2025"}
    assert manifest["policy"]["hash"] == default_policy.ref.content_hash
    assert manifest["redaction"] == {"input": {"PERSON": 2}, "output": {}}
    assert manifest["request_id"] == context.request_id
    assert any(line.startswith("Not proven") for line in result.explain())


@settings(max_examples=30, deadline=None)
@given(position=st.integers(min_value=0, max_value=len(ANSWER) - 1), replacement=st.characters(codec="utf-8"))
def test_changing_any_one_character_of_the_content_fails(
    tmp_path_factory: pytest.TempPathFactory, default_policy: LoadedPolicy, position: int, replacement: str
) -> None:
    keys = KeyStore(tmp_path_factory.mktemp("k") / "keys")
    context = CallContext(
        policy=default_policy.ref, use_case="general", risk_tier=default_policy.policy.use_cases["general"].tier
    )
    document = attributed(keys, context, default_policy)
    text = ANSWER[:position] + replacement + ANSWER[position + 1 :]
    document["choices"][0]["message"]["content"] = text
    result = verify_document(document, jwks_of(keys))
    import unicodedata

    same = unicodedata.normalize("NFC", text) == unicodedata.normalize("NFC", ANSWER)
    assert result.status is (Status.VALID if same else Status.CONTENT_MISMATCH)


@pytest.mark.parametrize(
    "field",
    [
        "id",
        "created",
        "generator",
        "service_provider",
        "policy",
        "use_case",
        "risk_tier",
        "request_id",
        "content",
        "redaction",
        "ai_generated",
        "key_id",
    ],
)
def test_editing_any_manifest_field_fails(
    keys: KeyStore, context: CallContext, default_policy: LoadedPolicy, field: str
) -> None:
    document = attributed(keys, context, default_policy)
    manifest = document[FIELD]["manifest"]
    manifest[field] = "tampered" if not isinstance(manifest[field], dict) else {**manifest[field], "x": 1}
    assert verify_document(document, jwks_of(keys)).status is Status.MANIFEST_MISMATCH


def test_editing_the_signed_payload_breaks_the_signature(
    keys: KeyStore, context: CallContext, default_policy: LoadedPolicy
) -> None:
    document = attributed(keys, context, default_policy)
    header, payload, signature = document[FIELD]["jws"].split(".")
    from guardrail.attribution.jws import b64url, b64url_decode

    claims = json.loads(b64url_decode(payload))
    claims["generator"]["model"] = "human-written"
    forged = f"{header}.{b64url(json.dumps(claims).encode())}.{signature}"
    assert verify({"jws": forged}, ANSWER, jwks_of(keys)).status is Status.BAD_SIGNATURE


def test_unknown_key_and_malformed_and_other_content(
    keys: KeyStore, tmp_path: Path, context: CallContext, default_policy: LoadedPolicy
) -> None:
    document = attributed(keys, context, default_policy)
    other_keys = KeyStore(tmp_path / "other")
    assert verify_document(document, jwks_of(other_keys)).status is Status.UNKNOWN_KEY
    assert verify_document({FIELD: {"jws": "not.a-jws"}}, jwks_of(keys)).status is Status.MALFORMED
    assert verify_document([1, 2], jwks_of(keys)).status is Status.MALFORMED
    other = attributed(keys, context, default_policy, text="A different answer.")
    swapped = {**document, FIELD: other[FIELD]}
    assert verify_document(swapped, jwks_of(keys)).status is Status.CONTENT_MISMATCH


def test_rotation_keeps_old_answers_verifiable(
    tmp_path: Path, context: CallContext, default_policy: LoadedPolicy
) -> None:
    first = KeyStore(tmp_path / "keys")
    old_answer = attributed(first, context, default_policy)
    first.rotate()
    second = KeyStore(tmp_path / "keys")
    assert second.active.kid != first.active.kid
    new_answer = attributed(second, context, default_policy)
    for document in (old_answer, new_answer):
        assert verify_document(document, jwks_of(second)).valid


def test_generated_keys_are_owner_only(keys: KeyStore) -> None:
    (path,) = keys.folder.glob("ed25519-*.pem")
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(keys.folder.stat().st_mode) == 0o700


def test_labels_follow_the_tier(default_policy: LoadedPolicy) -> None:
    settings_ = default_policy.policy.attribution

    def ctx(use_case: str) -> CallContext:
        return CallContext(
            policy=default_policy.ref, use_case=use_case, risk_tier=default_policy.policy.use_cases[use_case].tier
        )

    high, limited, low = (Labels.for_call(settings_, ctx(u)) for u in ("healthcare-diagnostics", "general", "creative"))
    assert high.apply("x").startswith(settings_.label_text) and high.apply("x").endswith(settings_.notice_text)
    assert high.tier.human_review
    assert limited.apply("x") == f"x\n\n{settings_.label_text}"
    assert low.apply("x") == "x"


def test_unmodified_copy_of_document_is_not_mutated(
    keys: KeyStore, context: CallContext, default_policy: LoadedPolicy
) -> None:
    document = attributed(keys, context, default_policy)
    before = copy.deepcopy(document)
    verify_document(document, jwks_of(keys))
    assert document == before
