"""A Llama Guard-style safety model on an OpenAI-compatible endpoint, for tests.

It answers as Llama Guard 3 does (``safe``, or ``unsafe`` and a line of codes) by
looking for marker words in the turn it is asked to judge: ``verdicts`` maps each
marker to the codes it answers. It reads both prompts the ``safety_model`` check
sends: the check's own Llama Guard prompt in one user message (it judges the last
``User:`` or ``Agent:`` turn inside the conversation markers, as the task line says),
or the turns as chat messages (it judges the last message, as a server's chat
template would have it judged).

Models: ``llama-guard`` (or any name) judges; ``garbage`` answers text in no format;
``slow`` waits ``slow_seconds`` first. Every request body is kept in ``received``.
"""

from __future__ import annotations

import asyncio
import json
import re
import time
from collections.abc import Mapping
from typing import Any

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from guardrail.testing.models import Recorder, usage

_CONVERSATION = re.compile(r"<BEGIN CONVERSATION>\n\n(.*)\n\n<END CONVERSATION>", re.DOTALL)
_SIDE = re.compile(r"unsafe content in '(User|Agent)' messages")


class LlamaGuardUpstream(Recorder):
    """The upstream's state and app; see the module docstring."""

    def __init__(self, verdicts: Mapping[str, str], *, slow_seconds: float = 2.0) -> None:
        super().__init__(chunk_chars=4, chunk_delay=0.0, slow_seconds=slow_seconds)
        self.verdicts = dict(verdicts)
        self.app = Starlette(routes=[Route("/v1/chat/completions", self._chat, methods=["POST"])])

    def judged_turn(self, messages: list[dict[str, Any]]) -> str:
        """The text the model is asked about."""
        last = str(messages[-1].get("content") or "") if messages else ""
        inside = _CONVERSATION.search(last)
        side = _SIDE.search(last)
        if inside is None or side is None:
            return last
        prefix = f"{side.group(1)}: "
        turns = [turn for turn in inside.group(1).split("\n\n") if turn.startswith(prefix)]
        return turns[-1].removeprefix(prefix) if turns else ""

    def reply(self, model: str, messages: list[dict[str, Any]]) -> str:
        if model == "garbage":
            return "The conversation looks fine to me, mostly."
        text = self.judged_turn(messages)
        codes = [codes for marker, codes in self.verdicts.items() if marker in text]
        return f"unsafe\n{','.join(codes)}" if codes else "safe"

    async def _chat(self, request: Request) -> Response:
        body: dict[str, Any] = json.loads(await request.body())
        with self._lock:
            self.received.append(body)
        model = str(body.get("model", "llama-guard"))
        if model == "slow":
            await asyncio.sleep(self.slow_seconds)
        messages = body.get("messages") or []
        text = self.reply(model, messages)
        return JSONResponse(
            {
                "id": "chatcmpl-guard",
                "object": "chat.completion",
                "created": int(time.time()),
                "model": model,
                "choices": [{"index": 0, "message": {"role": "assistant", "content": text}, "finish_reason": "stop"}],
                "usage": usage(messages, text),
            }
        )
