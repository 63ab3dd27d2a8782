"""An offline demo model served through LiteLLM: ``guardrail-demo/echo``.

It needs no API key and no network, and answers by quoting what it received, so a
first run shows exactly what left the proxy after redaction. Asked for embeddings, it
returns a small deterministic vector per input (a hash of the text it received, so the
same redacted text always gets the same vector). It is registered as a
LiteLLM custom provider, so the demo goes through LiteLLM's Router like any
real upstream (retries, timeouts and streaming included).
"""

from __future__ import annotations

import hashlib
import math
import time
from collections.abc import AsyncIterator, Iterator
from typing import Any

import litellm
from litellm.llms.custom_llm import CustomLLM
from litellm.types.utils import GenericStreamingChunk

PROVIDER = "guardrail-demo"
_PIECE = 12


def demo_answer(messages: list[dict[str, Any]]) -> str:
    """The demo's reply: the last user message exactly as the model received it."""
    for message in reversed(messages):
        if message.get("role") == "user":
            content = message.get("content")
            if isinstance(content, list):
                content = " ".join(str(part.get("text", "")) for part in content if isinstance(part, dict))
            return f"[guardrail demo model, offline] I received: {content}"
    return "[guardrail demo model, offline] I received no user message."


class EchoModel(CustomLLM):
    """LiteLLM custom provider answering with :func:`demo_answer`."""

    def completion(self, *args: Any, **kwargs: Any) -> litellm.ModelResponse:
        return _response(kwargs["model"], kwargs["messages"])

    async def acompletion(self, *args: Any, **kwargs: Any) -> litellm.ModelResponse:
        return _response(kwargs["model"], kwargs["messages"])

    def streaming(self, *args: Any, **kwargs: Any) -> Iterator[GenericStreamingChunk]:
        yield from _chunks(demo_answer(kwargs["messages"]))

    # LiteLLM declares a coroutine returning an iterator but iterates the call itself,
    # so an async generator is what works.
    async def astreaming(  # type: ignore[override]
        self, *args: Any, **kwargs: Any
    ) -> AsyncIterator[GenericStreamingChunk]:
        for chunk in _chunks(demo_answer(kwargs["messages"])):
            yield chunk

    def embedding(
        self, model: str, input: list[Any], model_response: litellm.EmbeddingResponse, *args: Any, **kwargs: Any
    ) -> litellm.EmbeddingResponse:
        return _embeddings(model, input, model_response)

    async def aembedding(
        self,
        model: str,
        input: list[Any],
        model_response: litellm.EmbeddingResponse,
        *args: Any,
        **kwargs: Any,
    ) -> litellm.EmbeddingResponse:
        return _embeddings(model, input, model_response)


EMBEDDING_DIMENSIONS = 16


def demo_vector(text: str) -> list[float]:
    """A unit vector drawn from the text's hash: deterministic, offline, meaningless."""
    digest = hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=EMBEDDING_DIMENSIONS).digest()
    raw = [byte / 127.5 - 1.0 for byte in digest]
    norm = math.sqrt(sum(value * value for value in raw)) or 1.0
    return [round(value / norm, 6) for value in raw]


def _embeddings(model: str, inputs: list[Any], response: litellm.EmbeddingResponse) -> litellm.EmbeddingResponse:
    texts = [str(item) for item in (inputs if isinstance(inputs, list) else [inputs])]
    response.model = model
    response.data = [
        {"object": "embedding", "index": i, "embedding": demo_vector(text)} for i, text in enumerate(texts)
    ]
    response.usage = litellm.Usage(
        prompt_tokens=sum(len(text) // 4 for text in texts),
        completion_tokens=0,
        total_tokens=sum(len(text) // 4 for text in texts),
    )
    return response


# The one handler; LiteLLM's own proxy loads it by name from its config
# (``litellm_settings.custom_provider_map``, see examples/litellm_proxy/config.yaml).
echo_model = EchoModel()


def register() -> None:
    """Make ``guardrail-demo/<anything>`` resolvable by LiteLLM (idempotent)."""
    if not any(item.get("provider") == PROVIDER for item in litellm.custom_provider_map):
        litellm.custom_provider_map.append({"provider": PROVIDER, "custom_handler": echo_model})
        litellm.utils.custom_llm_setup()  # type: ignore[no-untyped-call]


def _response(model: str, messages: list[dict[str, Any]]) -> litellm.ModelResponse:
    text = demo_answer(messages)
    return litellm.ModelResponse(
        model=model,
        created=int(time.time()),
        choices=[{"index": 0, "message": {"role": "assistant", "content": text}, "finish_reason": "stop"}],
        usage={
            "prompt_tokens": len(str(messages)) // 4,
            "completion_tokens": len(text) // 4,
            "total_tokens": (len(str(messages)) + len(text)) // 4,
        },
    )


def _chunks(text: str) -> Iterator[GenericStreamingChunk]:
    pieces = [text[i : i + _PIECE] for i in range(0, len(text), _PIECE)] or [""]
    for number, piece in enumerate(pieces, start=1):
        last = number == len(pieces)
        yield GenericStreamingChunk(
            text=piece,
            is_finished=last,
            finish_reason="stop" if last else "",
            usage=None,
            index=0,
            tool_use=None,
        )
