"""The manifest in standard vocabularies: a GB 45438-2025 implicit label, a C2PA claim,
and C2PA's plain-text marker."""

from __future__ import annotations

import base64
import hashlib
import json
import unicodedata
from pathlib import Path

import c2pa_text
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from guardrail.attribution import (
    Attributor,
    ChoiceContent,
    Generator,
    KeyStore,
    Labels,
    load_jwks,
    text_marker,
    verify_text,
    with_marker,
)
from guardrail.attribution.manifest import DIGITAL_SOURCE_TYPE
from guardrail.core import CallContext
from guardrail.policy import LoadedPolicy

TEXT = "Cafe\u0301 opening hours: 9:00 to 18:00. 營業時間：上午九時至下午六時。"


@pytest.fixture
def keys(tmp_path: Path) -> KeyStore:
    return KeyStore(tmp_path / "keys")


def attribute(
    keys: KeyStore, context: CallContext, policy: LoadedPolicy, texts: list[str], *, propagator: str | None = None
) -> dict:  # type: ignore[type-arg]
    attributor = Attributor(keys.active, "Example Services Ltd", propagator=propagator)
    labels = Labels.for_call(policy.policy.attribution, context)
    choices = [
        ChoiceContent(i, t, message={"role": "assistant", "content": t}, finish_reason="stop")
        for i, t in enumerate(texts)
    ]
    return attributor.attribute(context, labels, Generator("openai", "gpt-test"), choices, {}).manifest


def test_gb_45438_implicit_label_fields(keys: KeyStore, context: CallContext, default_policy: LoadedPolicy) -> None:
    manifest = attribute(keys, context, default_policy, [TEXT])
    assert manifest["aigc"] == {
        "Label": "1",  # AI-generated (not "possibly" or "suspected")
        "ContentProducer": "Example Services Ltd",
        "ProduceID": context.request_id,
        "ReservedCode1": manifest["content"]["hash"],
        "ContentPropagator": "Example Services Ltd",
        "PropagateID": manifest["id"],
    }
    other = attribute(keys, context, default_policy, [TEXT], propagator="Example Platform")
    assert other["aigc"]["ContentPropagator"] == "Example Platform"


def test_c2pa_claim_created_by_a_trained_model_and_bound_to_the_nfc_text(
    keys: KeyStore, context: CallContext, default_policy: LoadedPolicy
) -> None:
    manifest = attribute(keys, context, default_policy, [TEXT, "Second choice."])
    claim = manifest["c2pa"]
    labels = [a["label"] for a in claim["assertions"]]
    assert labels == ["c2pa.actions.v2", "c2pa.hash.data", "c2pa.hash.data__1"]
    (action,) = claim["assertions"][0]["data"]["actions"]
    assert action["action"] == "c2pa.created"
    assert action["digitalSourceType"] == DIGITAL_SOURCE_TYPE
    assert DIGITAL_SOURCE_TYPE == "http://cv.iptc.org/newscodes/digitalsourcetype/trainedAlgorithmicMedia"
    assert action["softwareAgent"]["name"] == "gpt-test"
    binding = claim["assertions"][1]["data"]
    nfc = unicodedata.normalize("NFC", TEXT).encode("utf-8")
    assert binding["alg"] == "sha256" and base64.b64decode(binding["hash"]) == hashlib.sha256(nfc).digest()
    assert claim["claim_generator_info"][0]["name"] == "guardrail"


@settings(max_examples=50, deadline=None)
@given(
    token=st.text(
        alphabet="ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.", min_size=1, max_size=3000
    )
)
def test_our_encoder_writes_exactly_the_reference_wrapper(token: str) -> None:
    assert text_marker.encode(token) == c2pa_text.encode_wrapper(token.encode("ascii"))
    assert text_marker.extract("Some text." + text_marker.encode(token)) == (token, "Some text.")


def test_pasted_text_verifies_and_one_changed_word_does_not(
    keys: KeyStore, context: CallContext, default_policy: LoadedPolicy
) -> None:
    from guardrail.attribution import Attribution
    from guardrail.attribution import jws as jose

    manifest = attribute(keys, context, default_policy, [TEXT])
    attribution = Attribution(manifest, jose.sign(manifest, keys.active.private, keys.active.kid))
    jwks = load_jwks(json.dumps(keys.jwks()))
    marked = with_marker(TEXT, attribution)
    assert text_marker.strip(marked) == TEXT  # invisible: nothing else changes
    assert verify_text(marked, jwks).valid
    assert verify_text(unicodedata.normalize("NFD", marked), jwks).valid  # normalisation on the way is fine
    assert verify_text("Here it is: " + marked, jwks).status.value == "content_mismatch"
    assert verify_text(marked.replace("opening", "closing"), jwks).status.value == "content_mismatch"
    truncated = marked[:-5]
    assert verify_text(truncated, jwks).status.value == "malformed"
    doubled = marked + text_marker.encode(attribution.jws)
    assert verify_text(doubled, jwks).status.value == "malformed"
