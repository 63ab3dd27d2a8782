"""Normalise text for detection without losing the way back to the original.

Full-width digits and letters (``９１２３``), ideographic spaces and invisible
characters (zero-width spaces, joiners, bidi controls, soft hyphens, tag characters,
variation selectors) hide identifiers from patterns and models. Detection therefore
runs on an NFKC-normalised copy with invisible characters removed, and every character
of that copy remembers which characters of the original it came from, so findings are
reported, and redacted, at offsets in the text the caller gave.

A space is also put between a Chinese character and an adjacent ASCII letter or digit
(``電話91234567``): written Chinese has no spaces, and without one, ``\\b`` in
Presidio's patterns and spaCy's tokenizer would see one long word.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

# Every Unicode "format" character (category Cf: zero-width and bidi controls, soft
# hyphen, tag characters, ...), plus variation selectors and Hangul fillers, which are
# not Cf but render as nothing. One character class keeps the common path a single
# regex search; a test checks it against unicodedata.
_INVISIBLE = re.compile(
    "[\u00ad\u0600-\u0605\u061c\u06dd\u070f\u0890\u0891\u08e2\u115f\u1160\u180e"
    "\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\u3164\ufe00-\ufe0f"
    "\ufeff\uffa0\ufff9-\ufffb\U000110bd\U000110cd\U00013430-\U0001343f"
    "\U0001bca0-\U0001bca3\U0001d173-\U0001d17a\U000e0001\U000e0020-\U000e007f"
    "\U000e0100-\U000e01ef]"
)
_HAN_CLASS = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_HAN = re.compile(f"[{_HAN_CLASS}]")
_HAN_BESIDE_ALNUM = re.compile(f"[{_HAN_CLASS}][A-Za-z0-9]|[A-Za-z0-9][{_HAN_CLASS}]")


@dataclass(frozen=True, slots=True)
class NormalizedText:
    """A normalised text and, unless it equals the original, its offset map.

    ``starts[i]``/``ends[i]`` are the original offsets of the character(s) that
    normalised character ``i`` came from; an inserted space maps to an empty span.
    """

    original: str
    text: str
    starts: tuple[int, ...] | None = None
    ends: tuple[int, ...] | None = None

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """Original offsets of the normalised span ``[start, end)``."""
        if self.starts is None or self.ends is None:
            return start, end
        if start >= end:
            position = self.starts[start] if start < len(self.starts) else len(self.original)
            return position, position
        return self.starts[start], self.ends[end - 1]


def normalize(text: str) -> NormalizedText:
    """NFKC-normalise ``text`` and drop invisible characters, keeping an offset map."""
    if text.isascii():
        # ASCII is NFKC-stable and has no format characters: nothing to map.
        return NormalizedText(text, text)
    if (
        unicodedata.is_normalized("NFKC", text)
        and _INVISIBLE.search(text) is None
        and _HAN_BESIDE_ALNUM.search(text) is None
    ):
        return NormalizedText(text, text)
    pieces: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    previous = ""
    for index, char in enumerate(text):
        if _INVISIBLE.match(char):
            continue
        folded = unicodedata.normalize("NFKC", char)
        if not folded:
            continue
        if previous and _needs_space(previous, folded[0]):
            pieces.append(" ")
            starts.append(index)
            ends.append(index)
        pieces.append(folded)
        starts.extend([index] * len(folded))
        ends.extend([index + 1] * len(folded))
        previous = folded[-1]
    return NormalizedText(text, "".join(pieces), tuple(starts), tuple(ends))


def _needs_space(before: str, after: str) -> bool:
    """A Chinese character meets an ASCII letter or digit, in either order."""
    if after.isascii():
        return after.isalnum() and _HAN.match(before) is not None
    return before.isascii() and before.isalnum() and _HAN.match(after) is not None
