"""The labelled development corpus through the Responses and Messages APIs, each prompt
in another field (input, instructions, a tool output; a user turn, the system prompt, a
tool result, a text document), plain and streamed: no structured identifier reaches the
model, and every answer verifies."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from typing import Any

import httpx
import pytest

from guardrail.attribution import verify_document
from guardrail.attribution.manifest import FIELD
from guardrail.runtime import Guard
from guardrail.testing.fake_upstream import FakeUpstream
from tests.adapters.api_proxy import fake_proxy, jwks

STRUCTURED = {"HKID", "PHONE", "EMAIL", "CARD", "PASSPORT", "IP"}
CALL = {"type": "function_call", "call_id": "call_1", "name": "lookup", "arguments": "{}"}


@pytest.fixture(scope="module")
def served(default_guard: Guard, tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, FakeUpstream]]:
    with fake_proxy({"hk-genai-2025": default_guard}, "hk-genai-2025", tmp_path_factory.mktemp("corpus")) as (
        url,
        fake,
    ):
        yield url, fake


RESPONSES: list[Callable[[str], dict[str, Any]]] = [
    lambda text: {"input": text},
    lambda text: {"instructions": text, "input": "Go ahead."},
    lambda text: {"input": [{"role": "user", "content": "Look it up."}, CALL, _output(text)]},
    lambda text: {"input": [{"role": "user", "content": [{"type": "input_text", "text": text}]}]},
]
MESSAGES: list[Callable[[str], dict[str, Any]]] = [
    lambda text: {"messages": [{"role": "user", "content": text}]},
    lambda text: {"system": text, "messages": [{"role": "user", "content": "Go ahead."}]},
    lambda text: {
        "messages": [
            {"role": "user", "content": "Look it up."},
            {"role": "assistant", "content": [{"type": "tool_use", "id": "toolu_1", "name": "lookup", "input": {}}]},
            {"role": "user", "content": [{"type": "tool_result", "tool_use_id": "toolu_1", "content": text}]},
        ]
    },
    lambda text: {
        "messages": [
            {
                "role": "user",
                "content": [
                    {"type": "document", "source": {"type": "text", "media_type": "text/plain", "data": text}},
                    {"type": "text", "text": "Summarise it."},
                ],
            }
        ]
    },
]


def _output(text: str) -> dict[str, Any]:
    return {"type": "function_call_output", "call_id": "call_1", "output": text}


def _document(response: httpx.Response, stream: bool, path: str) -> dict[str, Any]:
    """The answer as a client keeps it."""
    if not stream:
        return dict(response.json())
    events = [json.loads(line[6:]) for line in response.text.split("\n") if line.startswith("data: ")]
    if path == "/v1/responses":
        return dict(events[-1]["response"])
    text = "".join(
        e["delta"]["text"] for e in events if e["type"] == "content_block_delta" and e["delta"]["type"] == "text_delta"
    )
    stop = next(e["delta"]["stop_reason"] for e in events if e["type"] == "message_delta")
    content = [{"type": "text", "text": text}] if text else []
    return {"type": "message", "content": content, "stop_reason": stop, FIELD: events[-1][FIELD]}


@pytest.mark.parametrize(
    ("path", "shapes", "base"),
    [("/v1/responses", RESPONSES, {}), ("/v1/messages", MESSAGES, {"max_tokens": 300})],
    ids=["responses", "messages"],
)
def test_no_identifier_from_the_corpus_reaches_the_model_and_every_answer_verifies(
    served: tuple[str, FakeUpstream],
    dev_corpus: list[dict[str, Any]],
    path: str,
    shapes: list[Callable[[str], dict[str, Any]]],
    base: dict[str, Any],
) -> None:
    url, fake = served
    rows = dev_corpus[::5]
    keys = jwks(url)
    fake.reset()
    with httpx.Client(base_url=url, timeout=60) as client:
        for number, row in enumerate(rows):
            stream = number % 2 == 1
            body = {"model": "echo", "stream": stream, **base, **shapes[number % len(shapes)](row["text"])}
            response = client.post(path, json=body)
            assert response.status_code == 200, (row["id"], response.text)
            result = verify_document(_document(response, stream, path), keys)
            assert result.valid, (row["id"], result.explain())
    planted = [p["value"] for row in rows for p in row["pii"] if p["type"] in STRUCTURED]
    received = fake.received_text()
    assert len(fake.received) == len(rows) and len(planted) > 30
    assert [value for value in planted if value in received] == []
