"""The verifier, attacked: forged key ids, ambiguous JSON, terminal escapes, edited fields."""

from __future__ import annotations

import copy
import json
import subprocess
import unicodedata
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

from guardrail.attribution import (
    Attributor,
    ChoiceContent,
    Generator,
    KeyStore,
    Labels,
    Status,
    from_response,
    load_jwks,
    verify,
    verify_document,
    with_marker,
)
from guardrail.attribution import jws as jose
from guardrail.attribution.content import content_hash_v1
from guardrail.attribution.manifest import FIELD, SCHEMA_V1
from guardrail.attribution.verify import read
from guardrail.core import CallContext
from guardrail.policy import LoadedPolicy
from guardrail.testing import BackgroundServer
from tests.cli_runner import run_cli

ANSI = "\x1b[2J\x1b[H\x1b[32mstatus: valid\x1b[0m\n\u009b31m\u202e"


def rich_response() -> dict[str, Any]:
    """An answer using every field a user could rely on, over two choices."""
    return {
        "id": "c1",
        "object": "chat.completion",
        "model": "gpt-test",
        "choices": [
            {
                "index": 0,
                "finish_reason": "tool_calls",
                "logprobs": None,
                "message": {
                    "role": "assistant",
                    "content": "Café: see the source.",
                    "refusal": None,
                    "annotations": [
                        {
                            "type": "url_citation",
                            "url_citation": {
                                "url": "https://example.org/a",
                                "title": "A",
                                "start_index": 0,
                                "end_index": 4,
                            },
                        }
                    ],
                    "audio": {"id": "au_1", "data": "UklGRg==", "transcript": "Cafe", "expires_at": 1700000000},
                    "tool_calls": [
                        {
                            "id": "call_1",
                            "type": "function",
                            "function": {"name": "lookup", "arguments": '{"q": "fare"}'},
                        }
                    ],
                },
            },
            {
                "index": 1,
                "finish_reason": "stop",
                "message": {
                    "role": "assistant",
                    "refusal": "I can't help with that.",
                    "content": [
                        {"type": "text", "text": "Part one."},
                        {"type": "image_url", "image_url": {"url": "https://example.org/i.png"}},
                    ],
                },
            },
        ],
    }


def sign(
    keys: KeyStore, context: CallContext, policy: LoadedPolicy, response: dict[str, Any], model: str = "gpt-test-2025"
) -> dict[str, Any]:
    labels = Labels.for_call(policy.policy.attribution, context)
    attribution = Attributor(keys.active, "Example Services Ltd").attribute(
        context, labels, Generator("openai", model), from_response(response), {"input": {}, "output": {}}
    )
    return {**response, FIELD: attribution.as_field()}


def keyset(keys: KeyStore) -> dict[str, Any]:
    return load_jwks(json.dumps(keys.jwks()))


@pytest.fixture
def keys(tmp_path: Path) -> KeyStore:
    return KeyStore(tmp_path / "keys")


def test_a_key_filed_under_another_keys_id_is_refused(
    keys: KeyStore, tmp_path: Path, context: CallContext, default_policy: LoadedPolicy
) -> None:
    """An attacker signs with their own key under our key id and hands out a key set
    that files their key under our id: it must not verify as ours."""
    ours = keys.active.kid
    attacker = KeyStore(tmp_path / "attacker").active
    document = sign(keys, context, default_policy, rich_response())
    manifest = document[FIELD]["manifest"]
    forged = jose.sign(manifest, attacker.private, ours)
    forged_set = {ours: {**attacker.jwk, "kid": ours}}
    result = verify_document({**document, FIELD: {"manifest": manifest, "jws": forged}}, forged_set)
    assert result.status is Status.KEY_ID_MISMATCH, result.explain()
    assert "thumbprint" in result.detail


def test_a_manifest_naming_another_key_than_its_signer_is_refused(
    keys: KeyStore, context: CallContext, default_policy: LoadedPolicy
) -> None:
    document = sign(keys, context, default_policy, rich_response())
    manifest = {**document[FIELD]["manifest"], "key_id": "someone-elses-key"}
    token = jose.sign(manifest, keys.active.private, keys.active.kid)
    result = verify_document({**document, FIELD: {"manifest": manifest, "jws": token}}, keyset(keys))
    assert result.status is Status.KEY_ID_MISMATCH


def test_a_swapped_key_set_is_an_unknown_key(
    keys: KeyStore, tmp_path: Path, context: CallContext, default_policy: LoadedPolicy
) -> None:
    document = sign(keys, context, default_policy, rich_response())
    assert verify_document(document, keyset(KeyStore(tmp_path / "other"))).status is Status.UNKNOWN_KEY


def test_answers_signed_as_version_1_still_verify(keys: KeyStore, context: CallContext) -> None:
    text = "An answer signed before version 2."
    manifest = {
        "schema": SCHEMA_V1,
        "id": "urn:uuid:1",
        "key_id": keys.active.kid,
        "content": {"hash": content_hash_v1([ChoiceContent(0, text)]), "normalization": "NFC"},
    }
    attribution = {"manifest": manifest, "jws": jose.sign(manifest, keys.active.private, keys.active.kid)}
    response = {"choices": [{"index": 0, "finish_reason": "stop", "message": {"role": "assistant", "content": text}}]}
    assert verify_document({**response, FIELD: attribution}, keyset(keys)).valid
    assert verify(attribution, text, keyset(keys)).valid
    assert verify(attribution, text + ".", keyset(keys)).status is Status.CONTENT_MISMATCH


@pytest.mark.parametrize(
    ("raw", "reason"),
    [
        ('{"choices": [], "choices": [{"index": 0}]}', "duplicate key"),
        ('{"a": "\\ud800"}', "lone surrogate"),
        ('{"a": NaN}', "NaN"),
        ('{"a": ' + "[" * 100 + "]" * 100 + "}", "nested deeper"),
        ('{"a": ' + "[" * 100_000 + "]" * 100_000 + "}", "nested deeper"),
        ('{"a": 1', "not JSON"),
    ],
)
def test_ambiguous_json_is_malformed_with_a_reason(raw: str, reason: str) -> None:
    from guardrail.attribution.strict_json import MalformedDocument

    with pytest.raises(MalformedDocument, match=reason):
        read(raw)


def test_a_duplicated_content_key_does_not_verify_on_the_last_one(
    keys: KeyStore, context: CallContext, default_policy: LoadedPolicy, tmp_path: Path
) -> None:
    document = sign(keys, context, default_policy, rich_response())
    original = json.dumps(document["choices"][0]["message"]["content"])
    raw = json.dumps(document).replace(f'"content": {original}', f'"content": "Forged.", "content": {original}', 1)
    result = cli(tmp_path, raw, keys)
    assert result.returncode == 1 and result.stdout.startswith("status: malformed") and "duplicate key" in result.stdout


@pytest.mark.parametrize(
    "shape",
    [
        {"choices": "not a list"},
        {"choices": [1, 2]},
        {"choices": [{"index": "0", "message": {}}]},
        {"choices": [{"index": 0, "message": {"content": "\ud800"}}]},
    ],
)
def test_odd_shapes_are_malformed_never_a_traceback(
    keys: KeyStore, context: CallContext, default_policy: LoadedPolicy, shape: dict[str, Any]
) -> None:
    document = sign(keys, context, default_policy, rich_response())
    result = verify_document({**document, **shape}, keyset(keys))
    assert result.status is Status.MALFORMED and result.detail


def cli(
    tmp_path: Path, document: str, keys: KeyStore | None, *extra: str, cwd: Path | None = None, stdin: str | None = None
) -> subprocess.CompletedProcess[str]:
    path = tmp_path / "answer.json"
    path.write_text(document, encoding="utf-8")
    arguments = []
    if keys is not None:
        keys_file = tmp_path / "jwks.json"
        keys_file.write_text(json.dumps(keys.jwks()))
        arguments = ["--jwks", str(keys_file)]
    target = "-" if stdin is not None else str(path)
    return run_cli("attribution", "verify", target, *arguments, *extra, cwd=cwd, stdin=stdin)


def test_nothing_printed_can_drive_the_terminal(
    keys: KeyStore, context: CallContext, default_policy: LoadedPolicy, tmp_path: Path
) -> None:
    """An upstream's model string and a tampered field carry ANSI and bidi controls;
    neither reaches the terminal, in text or JSON output, valid or not."""
    document = sign(keys, context, default_policy, rich_response(), model=f"gpt{ANSI}")
    tampered = copy.deepcopy(document)
    tampered[FIELD]["manifest"]["service_provider"] = f"Evil{ANSI}"
    tampered["choices"][0]["message"]["content"] = f"Changed{ANSI}"
    for doc, code in ((document, 0), (tampered, 1)):
        for extra in ((), ("--json",)):
            result = cli(tmp_path, json.dumps(doc, ensure_ascii=False), keys, *extra)
            assert result.returncode == code, result.stdout + result.stderr
            printed = result.stdout + result.stderr
            assert not any(unicodedata.category(ch) in ("Cc", "Cf") and ch != "\n" for ch in printed)
            if extra:
                assert json.loads(result.stdout)["status"] == ("valid" if code == 0 else "manifest_mismatch")
            else:
                lines = result.stdout.splitlines()
                assert lines[0] == f"status: {'valid' if code == 0 else 'manifest_mismatch'}"
                assert not any(line.startswith("status:") for line in lines[1:])
    assert "\\u001b[2J" in cli(tmp_path, json.dumps(document), keys).stdout


def test_no_key_set_is_trusted_implicitly(
    keys: KeyStore, context: CallContext, default_policy: LoadedPolicy, tmp_path: Path
) -> None:
    planted = tmp_path / ".guardrail"
    planted.mkdir()
    (planted / "jwks.json").write_text(json.dumps(keys.jwks()))
    document = sign(keys, context, default_policy, rich_response())
    result = cli(tmp_path, json.dumps(document), None, cwd=tmp_path)
    assert result.returncode == 2 and "--jwks FILE" in result.stderr and "--jwks-url" in result.stderr
    ok = cli(tmp_path, json.dumps(document), keys)
    assert ok.returncode == 0 and "Keys: from" in ok.stdout


def test_keys_fetched_from_the_providers_well_known_url(
    keys: KeyStore, context: CallContext, default_policy: LoadedPolicy, tmp_path: Path
) -> None:
    served: list[str] = []

    async def jwks(request: Request) -> JSONResponse:
        served.append(request.url.path)
        return JSONResponse(keys.jwks())

    document = json.dumps(sign(keys, context, default_policy, rich_response()))
    with BackgroundServer(Starlette(routes=[Route("/.well-known/jwks.json", jwks)])) as server:
        result = cli(tmp_path, document, None, "--jwks-url", server.url)
    assert result.returncode == 0, result.stdout + result.stderr
    assert served == ["/.well-known/jwks.json"]
    assert "fetched from" in result.stdout and "trusts whoever controls that address" in result.stdout
    insecure = cli(tmp_path, document, None, "--jwks-url", "http://provider.example")
    assert insecure.returncode == 2 and "https" in insecure.stderr


def test_plain_text_with_its_marker_verifies_from_a_file_or_stdin(
    keys: KeyStore, context: CallContext, default_policy: LoadedPolicy, tmp_path: Path
) -> None:
    response = {
        "choices": [
            {
                "index": 0,
                "finish_reason": "stop",
                "message": {"role": "assistant", "content": "Take the MTR to Admiralty, then walk ten minutes."},
            }
        ]
    }
    document = sign(keys, context, default_policy, response)
    attribution = document[FIELD]
    from guardrail.attribution import Attribution

    pasted = "Copied: " * 0 + with_marker(
        response["choices"][0]["message"]["content"], Attribution(attribution["manifest"], attribution["jws"])
    )
    assert cli(tmp_path, pasted, keys).returncode == 0
    assert cli(tmp_path, "", keys, stdin=pasted).returncode == 0
    changed = cli(tmp_path, pasted.replace("ten", "five"), keys)
    assert changed.returncode == 1 and changed.stdout.startswith("status: content_mismatch")
    labelled = "[AI-generated content] " + pasted  # a label in brackets is text, not JSON
    assert cli(tmp_path, labelled, keys).stdout.startswith("status: content_mismatch")
    bare = cli(tmp_path, "Take the MTR to Admiralty.", keys)
    assert bare.returncode == 1 and "no C2PA text marker" in bare.stdout


# Every covered value of the rich answer, by path, for the property test below.
def _leaves(value: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    if isinstance(value, dict):
        return [p for key, item in value.items() for p in _leaves(item, (*path, key))]
    if isinstance(value, list):
        return [p for i, item in enumerate(value) for p in _leaves(item, (*path, i))]
    return [path] if value not in (None, "") and path[-1] != "logprobs" else []


LEAVES = [("choices", *p) for p in _leaves(rich_response()["choices"])]


def _get(document: Any, path: tuple[Any, ...]) -> Any:
    for step in path:
        document = document[step]
    return document


def _set(document: Any, path: tuple[Any, ...], value: Any) -> None:
    _get(document, path[:-1])[path[-1]] = value


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(path=st.sampled_from(LEAVES), data=st.data())
def test_any_single_change_to_any_covered_field_fails(
    keys: KeyStore, context: CallContext, default_policy: LoadedPolicy, path: tuple[Any, ...], data: st.DataObject
) -> None:
    document = sign(keys, context, default_policy, rich_response())
    original = _get(document, path)
    if isinstance(original, bool) or not isinstance(original, str | int):
        replacement: Any = data.draw(st.text(min_size=1))
    elif isinstance(original, int):
        replacement = data.draw(st.integers().filter(lambda n: n != original) | st.text(min_size=1))
    else:
        replacement = data.draw(
            st.text().filter(lambda t: unicodedata.normalize("NFC", t) != unicodedata.normalize("NFC", original))
            | st.none()
            | st.integers()
        )
    _set(document, path, replacement)
    result = verify_document(document, keyset(keys))
    assert not result.valid, (path, replacement)


@pytest.mark.parametrize("edit", ["drop_choice", "drop_field", "add_field", "add_tool_call", "reorder_parts"])
def test_adding_or_removing_covered_fields_fails(
    keys: KeyStore, context: CallContext, default_policy: LoadedPolicy, edit: str
) -> None:
    document = sign(keys, context, default_policy, rich_response())
    message = document["choices"][0]["message"]
    if edit == "drop_choice":
        document["choices"].pop()
    elif edit == "drop_field":
        del message["annotations"]
    elif edit == "add_field":
        message["reasoning"] = "I was told to say this."
    elif edit == "add_tool_call":
        message["tool_calls"].append(
            {"id": "call_2", "type": "function", "function": {"name": "pay", "arguments": "{}"}}
        )
    else:
        document["choices"][1]["message"]["content"].reverse()
    assert verify_document(document, keyset(keys)).status is Status.CONTENT_MISMATCH


def test_sdk_nulls_and_uncovered_fields_do_not_matter(
    keys: KeyStore, context: CallContext, default_policy: LoadedPolicy
) -> None:
    """What an SDK adds (explicit nulls) or what is not covered (usage, logprobs) leaves
    a valid answer valid: the hash is over meaning, not one serialisation."""
    document = sign(keys, context, default_policy, rich_response())
    document["choices"][0]["message"]["function_call"] = None
    document["choices"][0]["logprobs"] = {"content": []}
    document["usage"] = {"total_tokens": 12}
    assert verify_document(document, keyset(keys)).valid


def test_the_page_command_writes_the_verification_page() -> None:
    from guardrail.attribution.page import verify_page

    result = run_cli("attribution", "page")
    assert result.returncode == 0 and result.stdout == verify_page() and "crypto.subtle.verify" in result.stdout
