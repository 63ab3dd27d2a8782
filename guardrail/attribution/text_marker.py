"""A signed manifest carried inside the answer text, as C2PA embeds one in plain text.

C2PA 2.x ("Embedding manifests into unstructured text") appends to the text a
U+FEFF followed by a run of variation selectors, one per byte (0-15 as U+FE00-U+FE0F,
16-255 as U+E0100-U+E01EF), of ``C2PATXT\\0`` | version (1) | length (4 bytes, big
endian) | payload. Browsers and chat windows render none of it, and it survives copy
and paste as long as the text is copied whole.

The payload here is our JWS (compact serialisation, ASCII), not a JUMBF manifest
store: C2PA's store needs an X.509 signing certificate the service provider rarely
has. The frame is C2PA's, so C2PA text tools find and strip it; the signature is
checked by ``guardrail attribution verify`` or any JOSE library.

Decoding uses the reference implementation, ``c2pa-text`` (MIT); encoding is done
here with one ``str.translate`` because the reference encoder's per-byte loop costs
half a millisecond on a 2 KB manifest, half the per-answer budget.
"""

from __future__ import annotations

import struct
import unicodedata

import c2pa_text  # type: ignore[import-untyped]

from guardrail.errors import InputError

_TABLE = {byte: chr(0xFE00 + byte) if byte < 16 else chr(0xE0100 + byte - 16) for byte in range(256)}
_HEADER = struct.Struct("!8sBI")


class MarkerError(InputError, ValueError):
    """A marker that cannot be read (truncated, more than one, not a JWS)."""


def encode(jws: str) -> str:
    """The invisible marker carrying ``jws``, to append to an answer's text."""
    payload = jws.encode("ascii")
    raw = _HEADER.pack(c2pa_text.MAGIC, c2pa_text.VERSION, len(payload)) + payload
    return str(c2pa_text.ZWNBSP) + raw.decode("latin-1").translate(_TABLE)


def strip(text: str) -> str:
    """``text`` without any marker (the content a manifest's hash covers)."""
    if c2pa_text.ZWNBSP not in text:
        return text
    return str(c2pa_text._WRAPPER_RE.sub("", text))


def extract(text: str) -> tuple[str | None, str]:
    """The JWS of the one marker in ``text`` (``None`` without one), and the text
    without it, NFC-normalised."""
    if c2pa_text.ZWNBSP not in text:
        return None, unicodedata.normalize("NFC", text)
    try:
        payload, clean = c2pa_text.extract_manifest(text)
    except ValueError as error:  # more than one wrapper
        raise MarkerError(str(error)) from None
    if payload is None:
        if c2pa_text._WRAPPER_RE.search(text):
            raise MarkerError("a C2PA text marker is present but cannot be decoded (truncated or altered)")
        return None, clean
    try:
        return payload.decode("ascii"), clean
    except UnicodeDecodeError:
        raise MarkerError("the C2PA text marker does not carry a guardrail JWS") from None
