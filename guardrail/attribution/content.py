"""What a manifest's content hash covers, computed the same way everywhere.

The hashed content of a chat answer is, per choice in index order, its text (NFC
normalised, labels included) and its tool calls (name and arguments, NFC). It is
serialised as canonical JSON, so the proxy (plain or streamed), the wrapper and a
verifier holding only the text all get the same bytes:

    [{"index": 0, "text": "...", "tool_calls": [{"name": "...", "arguments": "..."}]}]
"""

from __future__ import annotations

import hashlib
import json
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any


@dataclass
class ChoiceContent:
    """One choice's answer: its text and tool calls."""

    index: int
    text: str = ""
    tool_calls: list[tuple[str, str]] = field(default_factory=list)


def canonical(choices: Sequence[ChoiceContent]) -> bytes:
    items = [
        {
            "index": choice.index,
            "text": _nfc(choice.text),
            "tool_calls": [{"name": _nfc(n), "arguments": _nfc(a)} for n, a in choice.tool_calls],
        }
        for choice in sorted(choices, key=lambda c: c.index)
    ]
    return json.dumps(items, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode("utf-8")


def content_hash(choices: Sequence[ChoiceContent]) -> str:
    return "sha256:" + hashlib.sha256(canonical(choices)).hexdigest()


def text_hash(text: str) -> str:
    """The hash of an answer that is one choice of plain text (``verify --text``)."""
    return content_hash([ChoiceContent(0, text)])


def from_response(response: Mapping[str, Any]) -> list[ChoiceContent]:
    """The hashed content of a chat completion (as JSON)."""
    out = []
    for position, choice in enumerate(response.get("choices") or []):
        message = choice.get("message") or {}
        out.append(
            ChoiceContent(
                int(choice.get("index", position)),
                message_text(message.get("content")),
                [
                    (str((call.get("function") or {}).get("name") or ""),
                     str((call.get("function") or {}).get("arguments") or ""))
                    for call in message.get("tool_calls") or []
                ],
            )
        )
    return out


def message_text(content: Any) -> str:
    """A message's text, whether a string or a list of text parts."""
    if isinstance(content, str):
        return content
    if isinstance(content, list):
        return "".join(str(part.get("text", "")) for part in content if isinstance(part, Mapping))
    return ""


def _nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)
