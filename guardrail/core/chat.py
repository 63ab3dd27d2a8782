"""Every piece of text in an OpenAI-style chat request, found and replaced in one walk.

Peers miss text in tool messages, content-part lists, tool-call arguments and request
parameters. The walk here is driven by one table of the API's fields
(:mod:`guardrail.core.openai_fields`), so that a check can first collect every text,
analyse them together, then put results back:

- messages: ``content`` as a string or a list of parts (text, refusal; an image URL
  or a file name is text too), ``refusal``, ``name``, tool-call ids and function names
  (kept within OpenAI's ``[A-Za-z0-9_-]{1,64}``), and tool-call arguments, whose keys
  and string leaves are visited one by one and re-serialised so they stay valid JSON;
- request parameters (:attr:`Payload.params`): tool and function definitions with
  their JSON schemas, response formats, ``stop``, ``user``, ``metadata`` and the rest.

The same table validates a request before any check runs (:func:`validate_request`):
a field it does not know, or a value of the wrong kind, is refused rather than
forwarded unread. Messages are never mutated: a changed message is a shallow copy.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from guardrail.core.openai_fields import ALL_PARAMS, CHAT_PARAMS, MESSAGES, params_shape
from guardrail.core.shapes import (
    Obj,
    Role,
    Shape,
    ShapeError,
    SlotKind,
    TextSlot,
    Validation,
    Visit,
    Walk,
    texts_in,
    validate,
)
from guardrail.core.verdict import Payload

Message = Mapping[str, Any]
Rewrite = Visit

__all__ = [
    "Message",
    "Rewrite",
    "ShapeError",
    "SlotKind",
    "TextSlot",
    "collect_texts",
    "map_texts",
    "payload_texts",
    "replace_payload_texts",
    "replace_texts",
    "validate_request",
]

_LENIENT_PARAMS = Role("user", Obj(ALL_PARAMS))


def collect_texts(messages: Sequence[Message]) -> list[TextSlot]:
    """All texts in ``messages``, in walk order."""
    return texts_in(MESSAGES, list(messages), "messages")


def map_texts(messages: Sequence[Message], rewrite: Rewrite) -> list[Message]:
    """Apply ``rewrite`` to every text; unchanged messages are returned as they were."""
    result: list[Message] = MESSAGES.map(list(messages), "messages", Walk(rewrite))
    return result


def replace_texts(messages: Sequence[Message], new_texts: Sequence[str]) -> list[Message]:
    """``messages`` with the i-th text of :func:`collect_texts` replaced by ``new_texts[i]``."""
    remaining = iter(new_texts)
    return map_texts(messages, lambda _slot: next(remaining))


def payload_texts(payload: Payload) -> list[TextSlot]:
    """Every text of a payload: its messages', then its parameters'."""
    slots = collect_texts(payload.messages)
    if payload.params:
        slots += texts_in(_LENIENT_PARAMS, payload.params)
    return slots


def replace_payload_texts(payload: Payload, new_texts: Sequence[str]) -> Payload:
    """``payload`` with the i-th text of :func:`payload_texts` replaced by ``new_texts[i]``."""
    remaining = iter(new_texts)
    walk = Walk(lambda _slot: next(remaining))
    messages = tuple(MESSAGES.map(list(payload.messages), "messages", walk))
    params = _LENIENT_PARAMS.map(payload.params, "", walk) if payload.params else payload.params
    return Payload(payload.stage, messages, params)


def validate_request(
    messages: Sequence[Message],
    params: Mapping[str, Any] | None = None,
    *,
    table: Mapping[str, Shape] = CHAT_PARAMS,
    passthrough: Iterable[str] = (),
) -> Validation:
    """Raise :class:`ShapeError` for the first field of the request that the table does
    not allow; else report the parts no check can read (images, audio, files)."""
    found = validate(MESSAGES, list(messages), "messages")
    if params:
        found.binaries += validate(params_shape(table, set(passthrough)), params).binaries
    return found
