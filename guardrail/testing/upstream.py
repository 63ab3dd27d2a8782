"""A small OpenAI-compatible upstream that records every body it receives.

The model name picks the behaviour, so one server serves every test:

- ``echo`` (or anything else): answers ``"You said: " + <last user text>``;
- ``echo-tool``: answers with a tool call whose arguments carry the last user text;
- ``error-500`` / ``error-429``: fails with that status;
- ``slow``: waits ``slow_seconds`` before answering (for timeouts);
- ``fixed:<text>``: answers ``<text>`` (for output checks);
- ``cut-stream``: streams the echo answer but stops without ``finish_reason`` or
  ``[DONE]``; ``empty-body`` / ``cut-body``: a 200 whose JSON body is empty or cut
  short (for untrue "completed" outcomes).

``stream: true`` is served as server-sent events in ``chunk_chars`` pieces, with
``chunk_delay`` seconds between them, followed by a usage chunk when asked for.
"""

from __future__ import annotations

import asyncio
import json
import time
from collections.abc import AsyncIterator
from typing import Any

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response, StreamingResponse
from starlette.routing import Route

from guardrail.testing.models import Recorder, answer_text, embedding, tool_call, usage


class RecordingUpstream(Recorder):
    """The upstream's state: what it received (bodies and headers), and how it streams."""

    def __init__(self, *, chunk_chars: int = 4, chunk_delay: float = 0.0, slow_seconds: float = 5.0):
        super().__init__(chunk_chars=chunk_chars, chunk_delay=chunk_delay, slow_seconds=slow_seconds)
        self.headers: list[dict[str, str]] = []
        self.app = Starlette(
            routes=[
                Route("/v1/chat/completions", self._chat, methods=["POST"]),
                Route("/v1/embeddings", self._embeddings, methods=["POST"]),
                Route("/v1/models", self._models, methods=["GET"]),
            ]
        )

    def _forget(self) -> None:
        self.headers.clear()

    async def _record(self, request: Request) -> dict[str, Any]:
        body: dict[str, Any] = json.loads(await request.body())
        with self._lock:
            self.received.append(body)
            self.headers.append(dict(request.headers))
        return body

    async def _chat(self, request: Request) -> Response:
        body = await self._record(request)
        model = str(body.get("model", "echo"))
        if model.startswith("error-"):
            status = int(model.removeprefix("error-"))
            return JSONResponse({"error": {"message": "upstream failure", "type": "server_error"}}, status)
        if model == "slow":
            await asyncio.sleep(self.slow_seconds)
        if model in ("empty-body", "cut-body"):
            cut = b"" if model == "empty-body" else b'{"id": "chatcmpl-upstream", "object": "chat.compl'
            return Response(cut, 200, media_type="application/json")
        text = answer_text(model, body.get("messages") or [])
        tool = model == "echo-tool"
        if body.get("stream"):
            include_usage = bool((body.get("stream_options") or {}).get("include_usage"))
            return StreamingResponse(self._stream(model, text, tool, include_usage), media_type="text/event-stream")
        message: dict[str, Any] = {"role": "assistant", "content": None if tool else text}
        if tool:
            message["tool_calls"] = [tool_call(text)]
        return JSONResponse(
            {
                "id": "chatcmpl-upstream",
                "object": "chat.completion",
                "created": int(time.time()),
                "model": model,
                "choices": [{"index": 0, "message": message, "finish_reason": "tool_calls" if tool else "stop"}],
                "usage": usage(body.get("messages") or [], text),
            }
        )

    async def _stream(self, model: str, text: str, tool: bool, include_usage: bool) -> AsyncIterator[str]:
        base = {
            "id": "chatcmpl-upstream",
            "object": "chat.completion.chunk",
            "created": int(time.time()),
            "model": model,
        }

        def event(delta: dict[str, Any], finish: str | None = None) -> str:
            chunk = {**base, "choices": [{"index": 0, "delta": delta, "finish_reason": finish}]}
            return f"data: {json.dumps(chunk, ensure_ascii=False)}\n\n"

        try:
            yield event({"role": "assistant", "content": ""})
            if tool:
                call = tool_call(text)
                arguments = call["function"]["arguments"]
                yield event(
                    {
                        "tool_calls": [
                            {
                                "index": 0,
                                "id": call["id"],
                                "type": "function",
                                "function": {"name": call["function"]["name"], "arguments": ""},
                            }
                        ]
                    }
                )
                for start in range(0, len(arguments), self.chunk_chars):
                    piece = arguments[start : start + self.chunk_chars]
                    yield event({"tool_calls": [{"index": 0, "function": {"arguments": piece}}]})
                    await asyncio.sleep(self.chunk_delay)
            else:
                for start in range(0, len(text), self.chunk_chars):
                    yield event({"content": text[start : start + self.chunk_chars]})
                    await asyncio.sleep(self.chunk_delay)
            if model == "cut-stream":
                return  # the connection ends: no finish_reason, no [DONE]
            yield event({}, "tool_calls" if tool else "stop")
            if include_usage:
                counts = {**base, "choices": [], "usage": usage([], text)}
                yield f"data: {json.dumps(counts)}\n\n"
            yield "data: [DONE]\n\n"
            self.streams_finished += 1
        except asyncio.CancelledError:
            self.streams_cancelled += 1
            raise

    async def _embeddings(self, request: Request) -> Response:
        body = await self._record(request)
        inputs = body.get("input")
        items = inputs if isinstance(inputs, list) else [inputs]
        data = [{"object": "embedding", "index": i, "embedding": embedding(str(item))} for i, item in enumerate(items)]
        counts = {"prompt_tokens": len(items), "total_tokens": len(items)}
        return JSONResponse({"object": "list", "data": data, "model": body.get("model"), "usage": counts})

    async def _models(self, request: Request) -> Response:
        return JSONResponse(
            {"object": "list", "data": [{"id": "echo", "object": "model", "created": 0, "owned_by": "test"}]}
        )


def main() -> None:
    """``python -m guardrail.testing.upstream --port 9000``: serve the test upstream."""
    import argparse

    import uvicorn

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=9000)
    args = parser.parse_args()
    uvicorn.run(RecordingUpstream().app, host=args.host, port=args.port, log_level="warning", access_log=False)


if __name__ == "__main__":
    main()
