"""Text hidden from a reader but not from a model: invisible tag characters and
encoded runs (base64, hex, rot13). Each is decoded so the injection rules can read it.

Decoding is bounded (candidates per text, bytes per candidate) so a hostile prompt
full of base64 costs little, and only decodings that are mostly printable text are
kept: random identifiers and hashes decode to noise and are dropped.
"""

from __future__ import annotations

import base64
import binascii
import codecs
import re
from collections.abc import Iterator
from dataclasses import dataclass

# U+E0020..U+E007E mirror printable ASCII; flag emoji use a few after U+1F3F4.
_TAGS = re.compile("[\U000e0020-\U000e007e]+")
_FLAG_BASE = "\U0001f3f4"
_BASE64 = re.compile(r"(?<![A-Za-z0-9+/=_-])[A-Za-z0-9+/_-]{16,}={0,2}(?![A-Za-z0-9+/=_-])")
_HEX = re.compile(r"(?<![0-9A-Fa-f])(?:[0-9A-Fa-f]{2}[ :]?){12,}(?![0-9A-Fa-f])")
_ROT13_HINT = re.compile(r"rot-? ?13|caesar|凱撒|凯撒", re.IGNORECASE)
_PRINTABLE = re.compile(r"[\w\s.,:;!?'\"()\-/@#&%$*+=<>\[\]{}|~^`\\，。！？：；「」『』（）、]")
MIN_TAG_RUN = 4
MAX_CANDIDATES = 16
MAX_CANDIDATE_CHARS = 8_000
MIN_PRINTABLE = 0.9


@dataclass(frozen=True, slots=True)
class Hidden:
    """A decoded text, how it was hidden, and where it sat in the original."""

    layer: str
    text: str
    start: int
    end: int


def uncover(text: str) -> Iterator[Hidden]:
    """Every hidden text in ``text`` worth reading, in order of appearance."""
    yield from _tag_runs(text)
    yield from _encoded(text)
    if _ROT13_HINT.search(text):
        yield Hidden("rot13", codecs.decode(text, "rot13"), 0, len(text))


def _tag_runs(text: str) -> Iterator[Hidden]:
    if text.isascii():
        return
    for match in _TAGS.finditer(text):
        if match.start() > 0 and text[match.start() - 1] == _FLAG_BASE:
            continue  # a subdivision flag (England, Scotland, Wales)
        if len(match.group()) >= MIN_TAG_RUN:
            decoded = "".join(chr(ord(char) - 0xE0000) for char in match.group())
            yield Hidden("tag_characters", decoded, match.start(), match.end())


def _encoded(text: str) -> Iterator[Hidden]:
    found = 0
    for pattern, decode, layer in ((_BASE64, _from_base64, "base64"), (_HEX, _from_hex, "hex")):
        for match in pattern.finditer(text):
            if found >= MAX_CANDIDATES:
                return
            candidate = match.group()[:MAX_CANDIDATE_CHARS]
            decoded = decode(candidate)
            if decoded is not None and _mostly_text(decoded):
                found += 1
                yield Hidden(layer, decoded, match.start(), match.end())


def _from_base64(candidate: str) -> str | None:
    padded = candidate + "=" * (-len(candidate.rstrip("=")) % 4)
    try:
        raw = base64.urlsafe_b64decode(padded) if "-" in candidate or "_" in candidate else base64.b64decode(padded)
        return raw.decode("utf-8")
    except (binascii.Error, ValueError):
        return None


def _from_hex(candidate: str) -> str | None:
    try:
        return bytes.fromhex(re.sub(r"[ :]", "", candidate)).decode("utf-8")
    except ValueError:
        return None


def _mostly_text(decoded: str) -> bool:
    if len(decoded) < 8:
        return False
    printable = len(_PRINTABLE.findall(decoded))
    return printable / len(decoded) >= MIN_PRINTABLE and any(char.isalpha() for char in decoded)
