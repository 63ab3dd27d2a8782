"""Shapes: a small table language for the fields of a request, and one walker over it.

A request field is either text a check can read (and rewrite), or something that holds
no text (numbers, flags, fixed enum values), or something no check can read (an image,
audio, a file's bytes). A table of shapes says which is which, field by field, and one
walk over it serves three purposes:

- *validation* (``strict``): a field the table does not know, or a value of the wrong
  kind, raises :class:`ShapeError` naming its location, so the request is refused
  instead of forwarded unread;
- *collection*: every text is handed to ``visit`` as a :class:`TextSlot`;
- *rewriting*: ``visit`` returns the new text and the walk rebuilds only what changed
  (unchanged containers are returned as the same objects), keeping JSON valid.

A lenient walk (for answers coming back from a model, whose fields vary by provider)
never raises: an unknown field is walked as generic JSON, so its strings are still
visited, and a value of an unexpected kind is left alone.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from guardrail.errors import RequestError


class SlotKind(StrEnum):
    """What kind of field a text came from; rewriting rules differ per kind."""

    CONTENT = "content"  # message text: free to rewrite
    NAME = "name"  # an identifier (name, tool-call id): rewritten within OpenAI's name charset
    ARGUMENT = "argument"  # a string leaf of a JSON document (tool-call arguments)
    FIELD = "field"  # text in a request parameter (tool description, stop, user, metadata)
    KEY = "key"  # an object key in free-form JSON (schemas, arguments, metadata)


@dataclass(frozen=True, slots=True)
class TextSlot:
    """One text in the request and where it lives; ``role`` is the role of the message
    it is in, or the role the field table gives a request parameter."""

    location: str
    text: str
    kind: SlotKind
    role: str = ""


Visit = Callable[[TextSlot], str]
Binaries = Callable[[str, str], None]  # (location, what) of a part no check can read


class ShapeError(RequestError, ValueError):
    """A field the table does not allow, or a value of the wrong kind, at ``location``
    (also its ``param``).

    ``code`` is ``unknown_parameter`` for a field the table does not know and
    ``invalid_request`` for a missing field or a value of the wrong kind. The message
    names the field and the expected kind, never the value.
    """

    def __init__(self, location: str, message: str, *, code: str = "invalid_request") -> None:
        self.location = location
        super().__init__(f"{location}: {message}" if location else message, code=code, param=location or None)


@dataclass(slots=True)
class Walk:
    """One walk's settings: what to call on texts and binaries, and how strict to be."""

    visit: Visit
    strict: bool = False
    role: str = ""
    binaries: Binaries | None = None

    def fail(self, location: str, message: str, *, code: str = "invalid_request") -> None:
        if self.strict:
            raise ShapeError(location, message, code=code)

    def text(self, location: str, text: str, kind: SlotKind) -> str:
        return self.visit(TextSlot(location, text, kind, self.role))


class Shape:
    """A field's shape. ``map`` returns the value with its texts rewritten (the same
    object when nothing changed); ``fits`` is a cheap type test used to pick among
    alternatives."""

    def map(self, value: Any, where: str, walk: Walk) -> Any:
        raise NotImplementedError

    def fits(self, value: Any) -> bool:
        return True

    def describe(self) -> str:
        return type(self).__name__.lower()


_NAME_DISALLOWED = re.compile(r"[^A-Za-z0-9_-]")


def safe_name(name: str) -> str:
    """Keep a rewritten identifier inside the character set OpenAI accepts for names."""
    return _NAME_DISALLOWED.sub("_", name)[:64] or "_"


@dataclass(frozen=True)
class Text(Shape):
    """A string whose text is checked."""

    kind: SlotKind = SlotKind.CONTENT

    def map(self, value: Any, where: str, walk: Walk) -> Any:
        if _unfit(value, str, where, walk, "a string"):
            return value
        new = walk.text(where, value, self.kind)
        if self.kind is SlotKind.NAME and new != value:
            return safe_name(new)
        return new

    def fits(self, value: Any) -> bool:
        return isinstance(value, str)

    def describe(self) -> str:
        return "a string"


@dataclass(frozen=True)
class Enum(Shape):
    """One of a few fixed strings: holds no text of the caller's."""

    values: frozenset[str]

    @classmethod
    def of(cls, *values: str) -> Enum:
        return cls(frozenset(values))

    def map(self, value: Any, where: str, walk: Walk) -> Any:
        if value is not None and value not in self.values:
            walk.fail(where, f"expected one of {', '.join(sorted(self.values))}")
        return value

    def fits(self, value: Any) -> bool:
        return isinstance(value, str)

    def describe(self) -> str:
        return f"one of {', '.join(sorted(self.values))}"


@dataclass(frozen=True)
class Scalar(Shape):
    """A number or a flag (``bool`` is not taken for a number, nor a number for a flag)."""

    types: tuple[type, ...]

    def map(self, value: Any, where: str, walk: Walk) -> Any:
        if value is None:
            return None
        if isinstance(value, bool) != (bool in self.types) or not isinstance(value, self.types):
            walk.fail(where, f"expected {self.describe()}")
        return value

    def fits(self, value: Any) -> bool:
        return isinstance(value, self.types) and isinstance(value, bool) == (bool in self.types)

    def describe(self) -> str:
        return " or ".join("a boolean" if t is bool else "an integer" if t is int else "a number" for t in self.types)


@dataclass(frozen=True)
class Binary(Shape):
    """Content no check can read (image, audio or file bytes): reported, never visited."""

    what: str

    def map(self, value: Any, where: str, walk: Walk) -> Any:
        if not _unfit(value, str, where, walk, "a string") and walk.binaries is not None:
            walk.binaries(where, self.what)
        return value

    def fits(self, value: Any) -> bool:
        return isinstance(value, str)


@dataclass(frozen=True)
class Url(Shape):
    """A URL: a ``data:`` URL is binary content; any other URL is text (its path and
    query string can carry personal data)."""

    what: str

    def map(self, value: Any, where: str, walk: Walk) -> Any:
        if isinstance(value, str) and value[:5].lower() == "data:":
            return Binary(self.what).map(value, where, walk)
        return Text(SlotKind.FIELD).map(value, where, walk)

    def fits(self, value: Any) -> bool:
        return isinstance(value, str)


@dataclass(frozen=True)
class Obj(Shape):
    """An object with known fields; ``required`` fields must be present (not null)."""

    fields: Mapping[str, Shape]
    required: tuple[str, ...] = ()

    def map(self, value: Any, where: str, walk: Walk) -> Any:
        if _unfit(value, Mapping, where, walk, "an object"):
            return value
        for name in self.required:
            if value.get(name) is None:
                walk.fail(_join(where, name), "is required")
        changes: dict[str, Any] = {}
        for name, item in value.items():
            shape = self.fields.get(name)
            if shape is None:
                walk.fail(_join(where, name), "is not a field guardrail can check", code="unknown_parameter")
                shape = ANY_JSON
            new = shape.map(item, _join(where, name), walk)
            if new is not item:
                changes[name] = new
        return {**value, **changes} if changes else value

    def fits(self, value: Any) -> bool:
        return isinstance(value, Mapping)


@dataclass(frozen=True)
class Tagged(Shape):
    """An object whose ``tag`` field (``type``) says which of ``variants`` it is."""

    tag: str
    variants: Mapping[str, Shape]
    default: str | None = None  # the variant of an object with no tag

    def map(self, value: Any, where: str, walk: Walk) -> Any:
        if _unfit(value, Mapping, where, walk, "an object"):
            return value
        kind = value.get(self.tag, self.default)
        shape = self.variants.get(kind) if isinstance(kind, str) else None
        if shape is None:
            walk.fail(_join(where, self.tag), f"expected one of {', '.join(sorted(self.variants))}")
            return ANY_JSON.map(value, where, walk)
        return shape.map(value, where, walk)

    def fits(self, value: Any) -> bool:
        return isinstance(value, Mapping)


@dataclass(frozen=True)
class ListOf(Shape):
    """A list of items of one shape."""

    item: Shape

    def map(self, value: Any, where: str, walk: Walk) -> Any:
        if _unfit(value, list, where, walk, "a list"):
            return value
        result: list[Any] | None = None
        for i, entry in enumerate(value):
            new = self.item.map(entry, f"{where}[{i}]", walk)
            if new is not entry:
                if result is None:
                    result = list(value)
                result[i] = new
        return value if result is None else result

    def fits(self, value: Any) -> bool:
        return isinstance(value, list)


@dataclass(frozen=True)
class Either(Shape):
    """The first alternative whose type fits; none fitting is a wrong kind."""

    options: tuple[Shape, ...]

    @classmethod
    def of(cls, *options: Shape) -> Either:
        return cls(tuple(options))

    def map(self, value: Any, where: str, walk: Walk) -> Any:
        if value is None:
            return None
        for option in self.options:
            if option.fits(value):
                return option.map(value, where, walk)
        walk.fail(where, "expected " + " or ".join(option.describe() for option in self.options))
        return ANY_JSON.map(value, where, walk)

    def fits(self, value: Any) -> bool:
        return any(option.fits(value) for option in self.options)


@dataclass(frozen=True)
class Role(Shape):
    """Gives the texts under it a role (request parameters belong to no message)."""

    role: str
    shape: Shape

    def map(self, value: Any, where: str, walk: Walk) -> Any:
        outer, walk.role = walk.role, self.role
        try:
            return self.shape.map(value, where, walk)
        finally:
            walk.role = outer

    def fits(self, value: Any) -> bool:
        return self.shape.fits(value)


@dataclass(frozen=True)
class Keys(Shape):
    """An object with free-form keys (metadata, ``logit_bias``): each key is checked as
    text (a rewritten key renames the entry) or must match ``key_pattern``."""

    value: Shape
    key_pattern: re.Pattern[str] | None = None

    def map(self, value: Any, where: str, walk: Walk) -> Any:
        if _unfit(value, Mapping, where, walk, "an object"):
            return value
        return _map_object(value, where, walk, lambda _key: self.value, self.key_pattern)

    def fits(self, value: Any) -> bool:
        return isinstance(value, Mapping)


@dataclass(frozen=True)
class AnyJson(Shape):
    """Free-form JSON (a JSON schema, a passthrough parameter): every key and every
    string leaf is text."""

    kind: SlotKind = SlotKind.FIELD

    def map(self, value: Any, where: str, walk: Walk) -> Any:
        if isinstance(value, str):
            return walk.text(where, value, self.kind)
        if isinstance(value, list):
            return ListOf(self).map(value, where, walk)
        if isinstance(value, Mapping):
            return _map_object(value, where, walk, lambda _key: self, None)
        return value


@dataclass(frozen=True)
class JsonText(Shape):
    """A JSON document held in a string (tool-call arguments): its keys and string
    leaves are visited one by one and the document re-serialised, so it stays valid
    JSON. A string that is not JSON (a cut-off stream, say) is visited whole; an
    object sent where the string belongs is walked as it is."""

    def map(self, value: Any, where: str, walk: Walk) -> Any:
        if value is None:
            return None
        if not isinstance(value, str):
            if isinstance(value, Mapping | list):
                return _ARGUMENTS.map(value, where + "$", walk)
            walk.fail(where, "expected a string")
            return value
        return map_json_strings(value, where, walk)

    def fits(self, value: Any) -> bool:
        return isinstance(value, str | Mapping | list)


def _unfit(value: Any, kind: type | tuple[type, ...], where: str, walk: Walk, expected: str) -> bool:
    """Whether the caller should leave ``value`` as it is: null (no text in it), or of
    the wrong kind (which a strict walk refuses here)."""
    if value is None:
        return True
    if isinstance(value, kind):
        return False
    walk.fail(where, f"expected {expected}")
    return True


_ARGUMENTS = AnyJson(SlotKind.ARGUMENT)
ANY_JSON = AnyJson()


def map_json_strings(document: str, where: str, walk: Walk) -> str:
    """Rewrite the keys and string leaves of a JSON document, keeping it valid JSON."""
    try:
        parsed = json.loads(document)
    except ValueError:
        return walk.text(where, document, SlotKind.ARGUMENT)
    if isinstance(parsed, str):
        new = walk.text(where + "$", parsed, SlotKind.ARGUMENT)
        return document if new == parsed else json.dumps(new, ensure_ascii=False)
    rewritten = _ARGUMENTS.map(parsed, where + "$", walk)
    return document if rewritten is parsed else json.dumps(rewritten, ensure_ascii=False)


def _map_object(
    value: Mapping[str, Any],
    where: str,
    walk: Walk,
    shape_of: Callable[[str], Shape],
    key_pattern: re.Pattern[str] | None,
) -> Mapping[str, Any]:
    """An object with free-form keys. A key a check rewrites renames its entry; two keys
    rewritten alike keep both entries (``<PERSON>``, ``<PERSON>_2``)."""
    result: dict[str, Any] = {}
    changed = False
    for key, item in value.items():
        location = _join(where, key)
        if key_pattern is not None:
            if not key_pattern.fullmatch(key):
                walk.fail(location, "is not a valid key here")
            new_key = key
        else:
            new_key = walk.text(location + "#key", key, SlotKind.KEY)
        new_item = shape_of(key).map(item, location, walk)
        if new_key != key:
            new_key = _unique(new_key, result)
        changed |= new_key != key or new_item is not item
        result[new_key] = new_item
    return result if changed else value


def _unique(key: str, taken: Mapping[str, Any]) -> str:
    candidate, n = key, 1
    while candidate in taken:
        n += 1
        candidate = f"{key}_{n}"
    return candidate


def _join(where: str, name: str) -> str:
    return f"{where}.{name}" if where else name


def texts_in(shape: Shape, value: Any, where: str = "") -> list[TextSlot]:
    """Every text under ``value`` (a lenient walk)."""
    found: list[TextSlot] = []

    def record(slot: TextSlot) -> str:
        found.append(slot)
        return slot.text

    shape.map(value, where, Walk(record))
    return found


@dataclass
class Validation:
    """What a strict walk found besides texts: parts no check can read."""

    binaries: list[tuple[str, str]] = field(default_factory=list)


def validate(shape: Shape, value: Any, where: str = "") -> Validation:
    """Raise :class:`ShapeError` for the first field ``shape`` does not allow; else say
    which binary parts the value holds."""
    result = Validation()
    shape.map(
        value,
        where,
        Walk(
            lambda slot: slot.text,
            strict=True,
            binaries=lambda location, what: result.binaries.append((location, what)),
        ),
    )
    return result
