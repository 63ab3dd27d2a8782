"""JSON read the way a verifier must: one meaning per document, or a refusal.

Python's ``json`` keeps the last of two equal keys, accepts ``NaN`` and lone
surrogate escapes (``"\\ud800"``), and overflows the stack on deep nesting. A
document a verifier reads must not mean one thing to it and another to the person
reading it, so each of these is :class:`MalformedDocument` with a plain reason.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

from guardrail.errors import InputError

MAX_DEPTH = 64


class MalformedDocument(InputError, ValueError):
    """A document that cannot be read with a single meaning."""


def loads(text: str | bytes) -> Any:
    """Parse ``text``; duplicate keys, NaN/Infinity, lone surrogates and nesting deeper
    than :data:`MAX_DEPTH` are refused."""
    try:
        value = json.loads(text, object_pairs_hook=_unique, parse_constant=_no_constant)
    except MalformedDocument:
        raise
    except json.JSONDecodeError as error:
        raise MalformedDocument(f"not JSON: {error.msg} at line {error.lineno} column {error.colno}") from None
    except RecursionError:
        raise MalformedDocument(f"nested deeper than {MAX_DEPTH} levels") from None
    except (ValueError, UnicodeDecodeError) as error:  # e.g. integers past Python's digit limit
        raise MalformedDocument(f"not JSON: {type(error).__name__}") from None
    _check(value, 0)
    return value


def _unique(pairs: Iterable[tuple[str, Any]]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in pairs:
        if key in out:
            raise MalformedDocument(f"duplicate key {key!r}: a reader could see either value")
        out[key] = value
    return out


def _no_constant(name: str) -> Any:
    raise MalformedDocument(f"{name} is not a JSON number")


def _check(value: Any, depth: int) -> None:
    if depth > MAX_DEPTH:
        raise MalformedDocument(f"nested deeper than {MAX_DEPTH} levels")
    if isinstance(value, str):
        _text(value)
    elif isinstance(value, dict):
        for key, item in value.items():
            _text(key)
            _check(item, depth + 1)
    elif isinstance(value, list):
        for item in value:
            _check(item, depth + 1)


def _text(value: str) -> None:
    try:
        value.encode("utf-8")
    except UnicodeEncodeError as error:
        raise MalformedDocument(f"lone surrogate U+{ord(value[error.start]):04X} (not Unicode text)") from None
