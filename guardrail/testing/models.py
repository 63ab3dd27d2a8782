"""What the test models answer, shared by both test upstreams.

The HTTP :class:`~guardrail.testing.upstream.RecordingUpstream` and the in-process
:class:`~guardrail.testing.fake_upstream.FakeUpstream` must answer alike, so that a test
moved from one to the other still asserts the same text. The model name picks the
answer: ``fixed:<text>`` answers ``<text>``, ``echo-tool`` a tool call carrying the last
user text, anything else ``"You said: " + <last user text>``.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Sequence
from typing import Any


class Recorder:
    """What both test upstreams keep alike: how they stream, what they received, and
    how their streams ended. Safe to share between an app's thread and the test's."""

    def __init__(self, *, chunk_chars: int, chunk_delay: float, slow_seconds: float) -> None:
        self.chunk_chars = chunk_chars
        self.chunk_delay = chunk_delay
        self.slow_seconds = slow_seconds
        self.received: list[dict[str, Any]] = []
        self.streams_finished = 0
        self.streams_cancelled = 0
        self._lock = threading.Lock()

    def received_text(self) -> str:
        """Everything received so far, as one JSON text, for leak assertions."""
        with self._lock:
            return json.dumps(self.received, ensure_ascii=False)

    def reset(self) -> None:
        """Forget what was received, and whatever else :meth:`_forget` names."""
        with self._lock:
            self.received.clear()
            self._forget()

    def _forget(self) -> None:
        """What else :meth:`reset` clears (called holding the lock)."""


def answer_text(model: str, messages: Sequence[Any]) -> str:
    """The text ``model`` answers to ``messages`` (a tool call's ``note`` for ``echo-tool``)."""
    if model.startswith("fixed:"):
        return model.removeprefix("fixed:")
    return "You said: " + last_user_text(messages)


def last_user_text(messages: Sequence[Any]) -> str:
    """The last user message's text; the text parts of a multi-part one joined by spaces."""
    for message in reversed(messages):
        if isinstance(message, dict) and message.get("role") == "user":
            content = message.get("content")
            if isinstance(content, list):
                return " ".join(str(part.get("text", "")) for part in content if isinstance(part, dict))
            return str(content or "")
    return ""


def tool_call(text: str) -> dict[str, Any]:
    """``echo-tool``'s one tool call: ``save_note`` with ``text`` in its JSON arguments."""
    arguments = json.dumps({"note": text, "priority": 1}, ensure_ascii=False)
    return {"id": "call_1", "type": "function", "function": {"name": "save_note", "arguments": arguments}}


def usage(messages: Sequence[Any], text: str) -> dict[str, int]:
    """Token counts of about four characters a token: enough for tests that read usage."""
    prompt = len(json.dumps(list(messages))) // 4
    completion = max(1, len(text) // 4)
    return {"prompt_tokens": prompt, "completion_tokens": completion, "total_tokens": prompt + completion}


def embedding(text: str) -> list[float]:
    """A three-number vector whose first number is the text's length (what tests check)."""
    return [float(len(text)), 0.5, 0.25]
