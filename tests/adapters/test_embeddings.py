"""Embeddings end to end on the embedded default: the demo model's vectors, offline,
as floats or base64 (the openai SDK's default), computed from the redacted text."""

from __future__ import annotations

import base64
import struct
from collections.abc import Iterator
from pathlib import Path

import openai
import pytest

from guardrail.adapters.litellm_demo import demo_vector
from guardrail.adapters.proxy.app import Proxy, create_app
from guardrail.adapters.proxy.config import ServerConfig
from guardrail.runtime import Guard
from guardrail.testing import BackgroundServer

TEXT = "Call Chan Tai Man on 9123 4567"


@pytest.fixture(scope="module")
def embedded(default_guard: Guard, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    proxy = Proxy(
        ServerConfig(data_dir=Path(tmp_path_factory.mktemp("embedded"))), guards={"hk-genai-2025": default_guard}
    )
    with BackgroundServer(create_app(proxy)) as server:
        yield server.url


def test_the_demo_model_embeds_the_redacted_text_offline(embedded: str) -> None:
    client = openai.OpenAI(base_url=f"{embedded}/v1", api_key="unused", max_retries=0)
    as_floats = client.embeddings.create(model="guardrail-demo", input=[TEXT, "hello"], encoding_format="float")
    assert [item.embedding for item in as_floats.data][1] == pytest.approx(demo_vector("hello"))
    assert as_floats.data[0].embedding == pytest.approx(demo_vector("Call <PERSON> on <PHONE_NUMBER>"))
    default = client.embeddings.create(model="guardrail-demo", input=TEXT)  # the SDK asks for base64
    assert default.data[0].embedding == pytest.approx(as_floats.data[0].embedding, abs=1e-6)


def test_base64_vectors_are_little_endian_float32() -> None:
    from guardrail.adapters.upstream import _base64_vectors

    encoded = _base64_vectors({"data": [{"index": 0, "embedding": [0.5, -1.0]}]})["data"][0]["embedding"]
    assert struct.unpack("<2f", base64.b64decode(encoded)) == (0.5, -1.0)
