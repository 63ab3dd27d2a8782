"""The Responses and Messages APIs end to end through LiteLLM's Router and a recording
upstream on 127.0.0.1 (the real path: LiteLLM's own chunk shapes, tool-call deltas and
usage), with the official SDKs: answers restored and verifiable, plain and streamed,
text and tool calls, and nothing personal reaching the upstream."""

from __future__ import annotations

import json
from typing import Any

import anthropic
import openai
import pytest

from guardrail.attribution import verify_document
from guardrail.attribution.manifest import FIELD
from guardrail.testing import RecordingUpstream
from tests.adapters.api_proxy import PERSON, PHONE, PROMPT, jwks

TOOL = {"type": "function", "name": "save_note", "parameters": {"type": "object", "properties": {}}}
ANTHROPIC_TOOL = {"name": "save_note", "input_schema": {"type": "object", "properties": {}}}


@pytest.mark.parametrize("model", ["echo", "echo-tool"])
@pytest.mark.parametrize("stream", [False, True], ids=["plain", "stream"])
def test_responses_through_the_router(
    round_trip_proxy: str, upstream: tuple[RecordingUpstream, str], model: str, stream: bool
) -> None:
    recorder, _ = upstream
    recorder.reset()
    api = openai.OpenAI(base_url=f"{round_trip_proxy}/v1", api_key="unused", max_retries=0)
    ask: dict[str, Any] = {"model": model, "input": PROMPT, "tools": [TOOL]}
    if stream:
        events = list(api.responses.create(**ask, stream=True))
        assert events[-1].type == "response.completed"
        response = events[-1].response  # type: ignore[union-attr]
    else:
        response = api.responses.create(**ask)
    document = response.model_dump()
    assert verify_document(document, jwks(round_trip_proxy)).valid
    if model == "echo":
        assert response.output_text == f"You said: {PROMPT}"
    else:
        assert json.loads(response.output[-1].arguments)["note"] == f"You said: {PROMPT}"  # type: ignore[union-attr]
    received = recorder.received_text()
    assert PERSON not in received and PHONE not in received and len(recorder.received) == 1


@pytest.mark.parametrize("model", ["echo", "echo-tool"])
@pytest.mark.parametrize("stream", [False, True], ids=["plain", "stream"])
def test_messages_through_the_router(
    round_trip_proxy: str, upstream: tuple[RecordingUpstream, str], model: str, stream: bool
) -> None:
    recorder, _ = upstream
    recorder.reset()
    api = anthropic.Anthropic(base_url=round_trip_proxy, api_key="unused", max_retries=0)
    ask: dict[str, Any] = {
        "model": model,
        "max_tokens": 300,
        "tools": [ANTHROPIC_TOOL],
        "messages": [{"role": "user", "content": PROMPT}],
    }
    if stream:
        events = list(api.messages.create(**ask, stream=True))
        text = "".join(e.delta.text for e in events if e.type == "content_block_delta" and e.delta.type == "text_delta")
        starts = [
            e.content_block for e in events if e.type == "content_block_start" and e.content_block.type == "tool_use"
        ]
        inputs = [
            json.loads(e.delta.partial_json)
            for e in events
            if e.type == "content_block_delta" and e.delta.type == "input_json_delta"
        ]
        content: list[dict[str, Any]] = [{"type": "text", "text": text}] if text else []
        content += [
            {"type": "tool_use", "id": s.id, "name": s.name, "input": i}  # type: ignore[union-attr]
            for s, i in zip(starts, inputs, strict=True)
        ]
        stop = next(e.delta.stop_reason for e in events if e.type == "message_delta")
        document = {"type": "message", "content": content, "stop_reason": stop, FIELD: events[-1].model_extra[FIELD]}  # type: ignore[index]
    else:
        document = api.messages.create(**ask).model_dump()
    assert verify_document(document, jwks(round_trip_proxy)).valid
    blocks = document["content"]
    if model == "echo":
        assert blocks[0]["text"] == f"You said: {PROMPT}"
    else:
        assert blocks[-1]["input"]["note"] == f"You said: {PROMPT}" and document["stop_reason"] == "tool_use"
    received = recorder.received_text()
    assert PERSON not in received and PHONE not in received and len(recorder.received) == 1
