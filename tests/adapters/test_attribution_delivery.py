"""Every answer from the proxy and the wrapper carries a manifest that verifies.

The proxy's answers are fetched in-process (``Served``); the wrapper's through LiteLLM
from the recording upstream over HTTP."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import openai
import pytest

import guardrail
from guardrail.attribution import (
    Status,
    from_chunks,
    load_jwks,
    text_marker,
    verify,
    verify_document,
    verify_text,
)
from guardrail.attribution.manifest import FIELD, HEADER
from guardrail.policy.model import DEFAULT_LABEL, DEFAULT_NOTICE
from guardrail.runtime import Guard
from guardrail.testing import RecordingUpstream
from tests.adapters.conftest import ClientFactory, Served, run_cli

PROMPT = "I am Chan Tai Man, call me on 9123 4567."


def jwks(served: Served) -> dict[str, Any]:
    return load_jwks(served.http.get("/.well-known/jwks.json").text)


def api(served: Served) -> openai.OpenAI:
    return served.openai()


def test_plain_answer_carries_a_verifiable_manifest_in_body_and_header(default_client: Served) -> None:
    raw = api(default_client).chat.completions.with_raw_response.create(
        model="echo", messages=[{"role": "user", "content": PROMPT}]
    )
    answer = raw.parse()  # the SDK still parses the extended body
    document = answer.model_dump()
    assert FIELD in document
    result = verify_document(document, jwks(default_client))
    assert result.valid, result.explain()
    assert raw.headers[HEADER] == document[FIELD]["jws"]
    assert raw.headers["x-guardrail-ai-generated"] == "true"
    manifest = result.manifest
    assert manifest["generator"] == {"provider": "openai", "model": "echo"}
    assert manifest["redaction"]["input"] == {"PERSON": 1, "PHONE_NUMBER": 1}
    assert manifest["visible_label"] == "suffix" and answer.choices[0].message.content.endswith(DEFAULT_LABEL)
    assert "Chan Tai Man" not in json.dumps(manifest)


def test_streamed_answer_ends_with_a_manifest_over_the_concatenated_text(default_client: Served) -> None:
    stream = api(default_client).chat.completions.create(
        model="echo", messages=[{"role": "user", "content": PROMPT}], stream=True
    )
    chunks, text, attributions = [], "", []
    for chunk in stream:
        chunks.append(chunk.model_dump())
        if chunk.choices:
            text += chunk.choices[0].delta.content or ""
        elif (chunk.model_extra or {}).get(FIELD):
            attributions.append(chunk.model_extra[FIELD])
    assert len(attributions) == 1
    keyset = jwks(default_client)
    assert verify(attributions[0], from_chunks(chunks), keyset).valid
    assert verify(attributions[0], text, keyset).valid  # the text alone, as pasted
    assert not verify(attributions[0], text + "!", keyset).valid
    altered = from_chunks(chunks)
    altered[0].finish_reason = "length"
    assert not verify(attributions[0], altered, keyset).valid


def test_streamed_tool_calls_are_covered(round_trip_client: Served) -> None:
    stream = api(round_trip_client).chat.completions.create(
        model="echo-tool", messages=[{"role": "user", "content": PROMPT}], stream=True
    )
    arguments, name, attribution, chunks = "", "", None, []
    for chunk in stream:
        chunks.append(chunk.model_dump())
        if chunk.choices:
            for call in chunk.choices[0].delta.tool_calls or []:
                arguments += call.function.arguments or ""
                name += call.function.name or ""
        elif (chunk.model_extra or {}).get(FIELD):
            attribution = chunk.model_extra[FIELD]
    assert attribution is not None
    assert verify(attribution, from_chunks(chunks), jwks(round_trip_client)).valid
    (choice,) = from_chunks(chunks)
    assert choice.tool_calls == [(name, arguments)]
    renamed = json.loads(json.dumps(chunks).replace(name, name + "x"))
    assert not verify(attribution, from_chunks(renamed), jwks(round_trip_client)).valid


def test_high_tier_answers_are_labelled_and_flagged_for_review(round_trip_client: Served) -> None:
    answer = api(round_trip_client).chat.completions.create(
        model="echo",
        messages=[{"role": "user", "content": "Is this rash serious?"}],
        extra_body={"guardrail": {"use_case": "triage"}},
    )
    content = answer.choices[0].message.content
    visible = text_marker.strip(content)
    assert visible.startswith(DEFAULT_LABEL) and visible.endswith(DEFAULT_NOTICE)
    manifest = answer.model_dump()[FIELD]["manifest"]
    assert manifest["human_review_required"] is True and manifest["risk_tier"] == "high"
    assert manifest["text_marker"] is True
    keyset = jwks(round_trip_client)
    assert verify_document(answer.model_dump(), keyset).valid
    pasted = verify_text(content, keyset)  # the text alone, copied out of a chat window
    assert pasted.valid and pasted.manifest == manifest, pasted.explain()
    assert verify_text(content.replace("rash", "rush"), keyset).status is Status.CONTENT_MISMATCH


def test_high_tier_streams_carry_the_marker_in_the_final_chunk(round_trip_client: Served) -> None:
    stream = api(round_trip_client).chat.completions.create(
        model="echo",
        messages=[{"role": "user", "content": "Is this rash serious?"}],
        stream=True,
        extra_body={"guardrail": {"use_case": "triage"}},
    )
    chunks = [chunk.model_dump() for chunk in stream]
    texts = [c["choices"][0]["delta"].get("content") or "" for c in chunks if c["choices"]]
    with_marker = [i for i, t in enumerate(texts) if "\ufeff" in t]
    assert with_marker == [len(texts) - 1]  # only the final text chunk carries it
    finishing = [c for c in chunks if c["choices"]][-1]
    assert finishing["choices"][0]["finish_reason"] == "stop"
    keyset = jwks(round_trip_client)
    result = verify_text("".join(texts), keyset)
    assert result.valid and result.manifest["risk_tier"] == "high", result.explain()
    attribution = chunks[-1][FIELD]
    assert verify(attribution, from_chunks(chunks), keyset).valid


def test_low_tier_has_no_visible_label_but_still_says_ai_generated(round_trip_client: Served) -> None:
    answer = api(round_trip_client).chat.completions.create(model="echo", messages=[{"role": "user", "content": "hi"}])
    assert answer.choices[0].message.content == "You said: hi"
    manifest = answer.model_dump()[FIELD]["manifest"]
    assert manifest["ai_generated"] is True and manifest["visible_label"] == "none"


def test_the_cli_verifies_and_names_each_failure(default_client: Served, tmp_path: Path) -> None:
    document = (
        api(default_client)
        .chat.completions.create(model="echo", messages=[{"role": "user", "content": PROMPT}])
        .model_dump()
    )
    keys = tmp_path / "jwks.json"
    keys.write_text(default_client.http.get("/.well-known/jwks.json").text)

    def run(doc: Any, *extra: str, process: bool = False) -> subprocess.CompletedProcess[str]:
        """The command in this process; with ``process``, as its own process (once, for the exit code)."""
        path = tmp_path / "answer.json"
        path.write_text(doc if isinstance(doc, str) else json.dumps(doc))
        args = ["attribution", "verify", str(path), "--jwks", str(keys), *extra]
        if not process:
            return run_cli(*args)
        command = [sys.executable, "-m", "guardrail.cli", *args]
        return subprocess.run(command, check=False, capture_output=True, text=True, timeout=60)

    ok = run(document, process=True)
    assert ok.returncode == 0 and ok.stdout.startswith("status: valid") and "Not proven" in ok.stdout
    tampered = json.loads(json.dumps(document))
    tampered["choices"][0]["message"]["content"] = tampered["choices"][0]["message"]["content"].replace("You", "you", 1)
    edited = json.loads(json.dumps(document))
    edited[FIELD]["manifest"]["service_provider"] = "Someone Else"
    cases = {"content_mismatch": run(tampered), "manifest_mismatch": run(edited), "malformed": run("{oops")}
    for status, result in cases.items():
        assert result.returncode == 1 and result.stdout.startswith(f"status: {status}"), result.stdout
    text = tmp_path / "text.txt"
    text.write_text(document["choices"][0]["message"]["content"])
    manifest_only = tmp_path / "manifest.json"
    manifest_only.write_text(json.dumps(document[FIELD]))
    by_text = run_cli("attribution", "verify", str(manifest_only), "--text", str(text), "--jwks", str(keys))
    assert by_text.returncode == 0, by_text.stdout


def test_wrapper_results_carry_a_manifest(
    default_guard: Guard, upstream: tuple[RecordingUpstream, str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from guardrail.adapters.litellm_wrapper import default_attributor

    monkeypatch.setenv("GUARDRAIL_DATA_DIR", str(tmp_path))
    attributor = default_attributor()
    guard = Guard(default_guard.policy, attributor=attributor)
    _, url = upstream
    options = {"model": "openai/echo", "api_base": f"{url}/v1", "api_key": "k", "guard": guard}
    keyset = load_jwks((tmp_path / "jwks.json").read_text())
    answer = guardrail.completion(messages=[{"role": "user", "content": PROMPT}], **options)
    assert verify_document(answer.model_dump(), keyset).valid
    chunks = list(guardrail.completion(messages=[{"role": "user", "content": PROMPT}], stream=True, **options))
    closing = getattr(chunks[-1], FIELD)
    assert verify(closing, from_chunks([c.model_dump() for c in chunks if c.choices]), keyset).valid


def test_the_implicit_label_names_producer_and_propagator_from_the_config(make_client: ClientFactory) -> None:
    with make_client(service_provider="Example Services Ltd", content_propagator="Example Platform Ltd") as served:
        raw = served.http.post(
            "/v1/chat/completions",
            json={"model": "echo", "messages": [{"role": "user", "content": "hi"}]},
        )
    manifest = raw.json()[FIELD]["manifest"]
    assert manifest["aigc"]["ContentProducer"] == "Example Services Ltd"
    assert manifest["aigc"]["ContentPropagator"] == "Example Platform Ltd"
    assert manifest["aigc"]["ProduceID"] == manifest["request_id"] == raw.headers["x-guardrail-request-id"]
