"""Every Responses and Messages answer verifies, plain and streamed, under tiers that
label it before, after, or not at all, and with ``guardrail attribution verify`` itself;
a changed answer does not."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import anthropic
import openai
import pytest

from guardrail.attribution import Status, verify_document
from guardrail.attribution.manifest import FIELD
from guardrail.runtime import Guard
from tests.adapters.api_proxy import PROMPT, fake_proxy, jwks

USE_CASES = ["creative", "general", "healthcare-diagnostics"]  # low, limited and high tiers


@pytest.fixture(scope="module")
def url(default_guard: Guard, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with fake_proxy({"hk-genai-2025": default_guard}, "hk-genai-2025", tmp_path_factory.mktemp("attributed")) as (
        base,
        _,
    ):
        yield base


def responses_answer(url: str, use_case: str, stream: bool, model: str = "echo") -> dict[str, Any]:
    api = openai.OpenAI(base_url=f"{url}/v1", api_key="unused", max_retries=0)
    headers = {"x-guardrail-use-case": use_case}
    if not stream:
        return api.responses.create(model=model, input=PROMPT, extra_headers=headers).model_dump()
    events = list(api.responses.create(model=model, input=PROMPT, extra_headers=headers, stream=True))
    assert events[-1].type == "response.completed"
    return events[-1].response.model_dump()  # type: ignore[union-attr]


def messages_answer(url: str, use_case: str, stream: bool, model: str = "echo") -> dict[str, Any]:
    api = anthropic.Anthropic(base_url=url, api_key="unused", max_retries=0)
    ask: dict[str, Any] = {
        "model": model,
        "max_tokens": 200,
        "messages": [{"role": "user", "content": PROMPT}],
        "extra_headers": {"x-guardrail-use-case": use_case},
    }
    if not stream:
        return api.messages.create(**ask).model_dump()
    events = list(api.messages.create(**ask, stream=True))
    # What a client keeps from a stream: the message its events build, and the manifest on message_stop.
    text = "".join(e.delta.text for e in events if e.type == "content_block_delta" and e.delta.type == "text_delta")
    calls = [e.content_block for e in events if e.type == "content_block_start" and e.content_block.type == "tool_use"]
    inputs = [
        json.loads(e.delta.partial_json)
        for e in events
        if e.type == "content_block_delta" and e.delta.type == "input_json_delta"
    ]
    content: list[dict[str, Any]] = [{"type": "text", "text": text}] if text else []
    content += [
        {"type": "tool_use", "id": c.id, "name": c.name, "input": i} for c, i in zip(calls, inputs, strict=True)
    ]  # type: ignore[union-attr]
    stop = next(e.delta.stop_reason for e in events if e.type == "message_delta")
    return {"type": "message", "content": content, "stop_reason": stop, FIELD: (events[-1].model_extra or {})[FIELD]}


@pytest.mark.parametrize("stream", [False, True], ids=["plain", "stream"])
@pytest.mark.parametrize("use_case", USE_CASES)
@pytest.mark.parametrize("api", [responses_answer, messages_answer], ids=["responses", "messages"])
def test_every_answer_verifies_and_a_changed_one_does_not(url: str, api: Any, use_case: str, stream: bool) -> None:
    keys = jwks(url)
    for model in ("echo", "echo-tool"):
        document = api(url, use_case, stream, model)
        result = verify_document(document, keys)
        assert result.valid, (model, result.explain())
        assert result.manifest["use_case"] == use_case
        tampered = json.loads(json.dumps(document).replace("You said", "You sang"))
        assert verify_document(tampered, keys).status is Status.CONTENT_MISMATCH


def test_the_command_line_verifies_saved_answers(url: str, tmp_path: Path) -> None:
    (tmp_path / "jwks.json").write_text(json.dumps({"keys": list(jwks(url).values())}))
    for name, document in {
        "response.json": responses_answer(url, "general", stream=True),
        "message.json": messages_answer(url, "healthcare-diagnostics", stream=False),
    }.items():
        (tmp_path / name).write_text(json.dumps(document, ensure_ascii=False))
        result = subprocess.run(
            [
                sys.executable,
                "-m",
                "guardrail.cli",
                "attribution",
                "verify",
                str(tmp_path / name),
                "--jwks",
                str(tmp_path / "jwks.json"),
            ],
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
        assert result.returncode == 0 and "status: valid" in result.stdout, result.stdout + result.stderr


@pytest.mark.parametrize("stream", [False, True], ids=["plain", "stream"])
def test_litellm_as_a_client_of_the_responses_api_keeps_a_verifiable_answer(url: str, stream: bool) -> None:
    import litellm

    answer = litellm.responses(
        model="openai/echo", input=PROMPT, api_base=f"{url}/v1", api_key="unused", stream=stream, max_retries=0
    )
    if stream:
        events = list(answer)  # type: ignore[arg-type]
        assert events[-1].type == "response.completed"  # a str enum
        document = events[-1].response.model_dump()  # type: ignore[union-attr]
    else:
        document = answer.model_dump()  # type: ignore[union-attr]
    result = verify_document(document, jwks(url))
    assert result.valid, result.explain()


def test_litellm_as_a_client_of_chat_completions_keeps_a_streamed_manifest(url: str) -> None:
    """LiteLLM drops the closing chunk without choices; the manifest also rides in the
    delta of the last chunk with choices, which it keeps."""
    import litellm

    from guardrail.attribution import from_chunks, verify

    stream = litellm.completion(
        model="openai/echo",
        messages=[{"role": "user", "content": PROMPT}],
        api_base=f"{url}/v1",
        api_key="unused",
        stream=True,
        max_retries=0,
    )
    chunks = [chunk.model_dump() for chunk in stream]
    found = [c["choices"][0]["delta"][FIELD] for c in chunks if c["choices"] and c["choices"][0]["delta"].get(FIELD)]
    assert len(found) == 1
    text = "".join(c["choices"][0]["delta"].get("content") or "" for c in chunks if c["choices"])
    keys = jwks(url)
    assert verify(found[0], text, keys).valid  # the text as the client assembled it
    assert verify(found[0], from_chunks(chunks), keys).valid  # every chunk, as LiteLLM yields them
