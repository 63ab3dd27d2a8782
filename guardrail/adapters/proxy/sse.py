"""Server-sent events in the shape OpenAI's streaming clients parse."""

from __future__ import annotations

import json
from typing import Any


def event(chunk: dict[str, Any]) -> str:
    return f"data: {json.dumps(chunk, ensure_ascii=False, separators=(',', ':'))}\n\n"


def error_event(body: dict[str, Any]) -> str:
    """An error in a stream that has already started: OpenAI's SDK raises on it."""
    return event(body)
