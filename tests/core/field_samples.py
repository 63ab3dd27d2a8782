"""Requests built from the field table itself: every text field filled with a planted
value, so that tests enumerate the table instead of a hand-picked list of fields."""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from guardrail.core.openai_fields import CHAT_PARAMS, MESSAGE_BY_ROLE
from guardrail.core.shapes import (
    AnyJson,
    Binary,
    Either,
    Enum,
    JsonText,
    Keys,
    ListOf,
    Obj,
    Role,
    Scalar,
    Shape,
    Tagged,
    Text,
    Url,
)

# Synthetic identifiers of kinds every policy removes: an HKID with a valid check
# digit, a Hong Kong mobile number and an e-mail address.
PLANTED = ("A123456(3)", "+852 9123 4567", "chan.taiman@example.com")
PLANTED_TEXT = "Customer A123456(3), call +852 9123 4567 or chan.taiman@example.com"


@dataclass(frozen=True)
class Sample:
    """One value of a shape with ``PLANTED_TEXT`` in every text leaf; ``texts`` counts them."""

    value: Any
    texts: int
    binaries: int = 0


def samples(shape: Shape, *, binary: bool = False) -> Iterator[Sample]:
    """Values of ``shape``: one per alternative (tag, option), each with every optional
    field present. With ``binary``, parts no check can read are filled in too."""
    if isinstance(shape, Role):
        yield from samples(shape.shape, binary=binary)
    elif isinstance(shape, Text):
        yield Sample(PLANTED_TEXT, 1)
    elif isinstance(shape, Url):
        yield Sample(f"https://files.example.com/scan?note={PLANTED_TEXT}", 1)
        if binary:
            yield Sample("data:image/png;base64,iVBORw0KGgo=", 0, 1)
    elif isinstance(shape, Binary):
        if binary:
            yield Sample("UklGRiQAAABXQVZF", 0, 1)
    elif isinstance(shape, Enum):
        yield Sample(min(shape.values), 0)
    elif isinstance(shape, Scalar):
        yield Sample({bool: True, int: 1, float: 0.5}[shape.types[-1]], 0)
    elif isinstance(shape, JsonText):
        yield Sample(json.dumps({PLANTED_TEXT: PLANTED_TEXT}), 2)
        yield Sample({PLANTED_TEXT: [PLANTED_TEXT]}, 2)  # arguments sent as an object
    elif isinstance(shape, AnyJson):
        yield Sample(
            {"type": "object", "properties": {PLANTED_TEXT: {"description": PLANTED_TEXT, "enum": [PLANTED_TEXT]}}}, 3
        )
    elif isinstance(shape, Keys):
        inner = next(samples(shape.value, binary=binary), None)
        if inner is not None:
            key = "42" if shape.key_pattern is not None else PLANTED_TEXT
            yield Sample({key: inner.value}, inner.texts + (shape.key_pattern is None))
    elif isinstance(shape, ListOf):
        for item in samples(shape.item, binary=binary):
            yield Sample([item.value], item.texts, item.binaries)
    elif isinstance(shape, Either):
        for option in shape.options:
            yield from samples(option, binary=binary)
    elif isinstance(shape, Tagged):
        for tag, variant in shape.variants.items():
            for sample in samples(variant, binary=binary):
                yield Sample({**sample.value, shape.tag: tag}, sample.texts, sample.binaries)
    elif isinstance(shape, Obj):
        yield from _objects(shape, binary=binary)
    else:
        raise TypeError(f"no sampler for {shape!r}")


def _objects(shape: Obj, *, binary: bool) -> Iterator[Sample]:
    """An object with every field filled; one object per alternative of each field."""
    firsts = {name: list(samples(field, binary=binary)) for name, field in shape.fields.items()}
    if any(not firsts[name] for name in shape.required):
        return  # a required part that is only bytes: sampled with ``binary`` alone
    base = {name: options[0] for name, options in firsts.items() if options}
    yield _merged(base)
    for name, options in firsts.items():
        for option in options[1:]:
            yield _merged({**base, name: option})


def _merged(fields: Mapping[str, Sample]) -> Sample:
    return Sample(
        {name: sample.value for name, sample in fields.items()},
        sum(sample.texts for sample in fields.values()),
        sum(sample.binaries for sample in fields.values()),
    )


def message_samples(*, binary: bool = False) -> Iterator[tuple[str, Sample]]:
    """A message of each role, with each alternative of its fields."""
    for role, shape in MESSAGE_BY_ROLE.items():
        for sample in samples(shape, binary=binary):
            yield role, Sample({**sample.value, "role": role}, sample.texts, sample.binaries)


def param_samples(*, binary: bool = False) -> Iterator[tuple[str, Sample]]:
    """Each top-level chat parameter, with each of its alternatives."""
    for name, shape in CHAT_PARAMS.items():
        for sample in samples(shape, binary=binary):
            yield name, sample
