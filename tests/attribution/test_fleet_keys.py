"""Several instances, one JWKS: an answer signed by any instance verifies with the key
set published by any other, whether the fleet shares one key or each has its own."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.serialization import Encoding, NoEncryption, PrivateFormat

from guardrail.adapters.proxy.config import ServerConfig
from guardrail.attribution import Attributor, Generator, KeyStore, Labels, Status, from_response, verify_document
from guardrail.attribution.keys import KEY_ENV, KEY_FILE_ENV, TRUSTED_JWKS_ENV, SigningSettings
from guardrail.attribution.manifest import FIELD
from guardrail.attribution.verify import load_jwks
from guardrail.core import CallContext
from guardrail.errors import ConfigurationError
from guardrail.policy import LoadedPolicy


def pem_file(path: Path, mode: int = 0o600) -> Path:
    pem = Ed25519PrivateKey.generate().private_bytes(Encoding.PEM, PrivateFormat.PKCS8, NoEncryption())
    path.write_bytes(pem)
    path.chmod(mode)
    return path


def answer(keys: KeyStore, context: CallContext, policy: LoadedPolicy, text: str) -> dict[str, Any]:
    response = {
        "id": "c1",
        "object": "chat.completion",
        "model": "gpt-test",
        "choices": [{"index": 0, "finish_reason": "stop", "message": {"role": "assistant", "content": text}}],
    }
    labels = Labels.for_call(policy.policy.attribution, context)
    attribution = Attributor(keys.active, "Example Services Ltd").attribute(
        context, labels, Generator("openai", "gpt-test"), from_response(response), {"input": {}, "output": {}}
    )
    return {**response, FIELD: attribution.as_field()}


def published(keys: KeyStore) -> dict[str, Any]:
    """The key set as a verifier gets it from the instance's /.well-known/jwks.json."""
    return load_jwks(json.dumps(keys.jwks()))


def test_one_key_file_mounted_on_every_instance_signs_for_all(
    tmp_path: Path, context: CallContext, default_policy: LoadedPolicy
) -> None:
    shared = pem_file(tmp_path / "fleet.pem")
    first = KeyStore(tmp_path / "a" / "keys", signing_key_file=shared, environ={})
    second = KeyStore(tmp_path / "b" / "keys", signing_key_file=shared, environ={})
    assert first.active.kid == second.active.kid
    assert list(first.published) == [first.active.kid]  # no unused per-instance key made and published
    assert list((tmp_path / "a" / "keys").glob("*.pem")) == []
    document = answer(first, context, default_policy, "Signed by instance a.")
    assert verify_document(document, published(second)).status is Status.VALID


def test_the_key_file_can_come_from_the_environment(tmp_path: Path) -> None:
    shared = pem_file(tmp_path / "fleet.pem")
    keys = KeyStore(tmp_path / "keys", environ={KEY_FILE_ENV: str(shared)})
    assert keys.active.kid == KeyStore(tmp_path / "other", signing_key_file=shared, environ={}).active.kid


def test_an_instance_that_had_its_own_key_still_publishes_it_after_joining_the_fleet(tmp_path: Path) -> None:
    before = KeyStore(tmp_path / "keys", environ={})
    keys = KeyStore(tmp_path / "keys", signing_key_file=pem_file(tmp_path / "fleet.pem"), environ={})
    assert keys.active.kid != before.active.kid
    assert set(keys.published) == {before.active.kid, keys.active.kid}  # its earlier answers still verify


@pytest.mark.parametrize(
    ("setup", "message"),
    [
        (lambda d: ({}, pem_file(d / "open.pem", 0o644)), "open to group or others"),
        (lambda d: ({}, d / "missing.pem"), "signing key file not found"),
        (lambda d: ({KEY_ENV: "not a pem"}, None), "not a PEM private key"),
        (lambda d: ({KEY_ENV: "-----BEGIN"}, pem_file(d / "fleet.pem")), "two signing keys given"),
    ],
)
def test_a_bad_or_ambiguous_key_stops_start_up(tmp_path: Path, setup: Any, message: str) -> None:
    environ, path = setup(tmp_path)
    with pytest.raises(ConfigurationError, match=message):
        KeyStore(tmp_path / "keys", signing_key_file=path, environ=environ)


def test_one_key_per_instance_with_each_publishing_the_fleets_keys(
    tmp_path: Path, context: CallContext, default_policy: LoadedPolicy
) -> None:
    """Each instance has its own key; a fleet file gathered from their jwks.json is
    published by all, so a verifier holding any instance's key set accepts every answer."""
    fleet = tmp_path / "fleet-jwks.json"
    own = {name: KeyStore(tmp_path / name / "keys", environ={}) for name in ("a", "b", "c")}
    fleet.write_text(json.dumps({"keys": [key for store in own.values() for key in store.jwks()["keys"]]}))
    instances = {name: KeyStore(tmp_path / name / "keys", trusted_jwks=[fleet], environ={}) for name in ("a", "b", "c")}
    for name, store in instances.items():
        assert store.active.kid == own[name].active.kid  # each still signs with its own key
    for signer in instances.values():
        document = answer(signer, context, default_policy, "Signed somewhere in the fleet.")
        for publisher in instances.values():
            assert verify_document(document, published(publisher)).status is Status.VALID


def test_a_new_instances_key_is_published_without_restarting_the_others(tmp_path: Path) -> None:
    fleet = tmp_path / "fleet-jwks.json"
    first = KeyStore(tmp_path / "a" / "keys", environ={})
    fleet.write_text(json.dumps(first.jwks()))
    running = KeyStore(tmp_path / "a" / "keys", environ={TRUSTED_JWKS_ENV: str(fleet)})
    newcomer = KeyStore(tmp_path / "b" / "keys", environ={})
    assert newcomer.active.kid not in running.published
    fleet.write_text(json.dumps({"keys": [*first.jwks()["keys"], *newcomer.jwks()["keys"]]}))
    assert newcomer.active.kid in running.published
    fleet.write_text("{broken")  # a half-written file later on: keep what was read
    assert newcomer.active.kid in running.published


def test_a_trusted_file_must_be_a_public_key_set(tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text("[1, 2]")
    with pytest.raises(ConfigurationError, match="not a readable JWKS file"):
        KeyStore(tmp_path / "keys", trusted_jwks=[bad], environ={})
    with pytest.raises(ConfigurationError, match="trusted JWKS file unreadable"):
        KeyStore(tmp_path / "keys", trusted_jwks=[tmp_path / "missing.json"], environ={})
    leaked = tmp_path / "private.json"
    leaked.write_text(json.dumps({"keys": [{"kty": "OKP", "crv": "Ed25519", "x": "AA", "d": "BB", "kid": "k"}]}))
    with pytest.raises(ConfigurationError, match="private part"):
        KeyStore(tmp_path / "keys", trusted_jwks=[leaked], environ={})


def test_the_server_config_names_the_key_and_the_fleets_key_set(tmp_path: Path) -> None:
    shared = pem_file(tmp_path / "fleet.pem")
    config = ServerConfig.model_validate(
        {"attribution": {"signing_key_file": str(shared), "trusted_jwks": []}, "data_dir": str(tmp_path / "data")}
    )
    keys = KeyStore.from_settings(config.data_dir / "keys", config.attribution)
    assert keys.active.kid == KeyStore(tmp_path / "x", signing_key_file=shared, environ={}).active.kid
    assert ServerConfig().attribution == SigningSettings()


def test_attribution_verify_accepts_an_answer_from_another_instance(
    tmp_path: Path, context: CallContext, default_policy: LoadedPolicy
) -> None:
    fleet = tmp_path / "fleet-jwks.json"
    a, b = (KeyStore(tmp_path / name / "keys", environ={}) for name in ("a", "b"))
    fleet.write_text(json.dumps({"keys": [*a.jwks()["keys"], *b.jwks()["keys"]]}))
    publisher = KeyStore(tmp_path / "a" / "keys", trusted_jwks=[fleet], environ={})
    jwks_file = tmp_path / "jwks-from-a.json"
    publisher.write_jwks(jwks_file)
    document = tmp_path / "answer.json"
    document.write_text(json.dumps(answer(b, context, default_policy, "Signed by instance b.")))
    environment = {k: v for k, v in os.environ.items() if k not in (KEY_ENV, KEY_FILE_ENV, TRUSTED_JWKS_ENV)}
    result = subprocess.run(
        [sys.executable, "-m", "guardrail.cli", "attribution", "verify", str(document), "--jwks", str(jwks_file)],
        capture_output=True,
        text=True,
        timeout=60,
        env=environment,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "status: valid" in result.stdout
