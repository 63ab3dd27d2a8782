"""Where in a text each part of the threat model looks.

A long text is scored window by window, so that an instruction buried in the middle
of a long document counts as much as one on its own. Text hidden from a reader (tag
characters, base64, hex, rot13; see :mod:`guardrail.text.hidden`) is
decoded and scored as more windows, which point at where it was hidden.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import NamedTuple

import numpy as np
import numpy.typing as npt

from guardrail.text.hidden import uncover

PIECE_CHARS = 120
_SENTENCE_END = re.compile(r"[.!?。！？;；]+[\"')\]」』]*\s*|\n+")


@dataclass(frozen=True, slots=True)
class Window:
    """A piece of a text to score: where it sits in the original, and its text."""

    start: int
    end: int
    text: str
    layer: str = ""  # how it was hidden, for decoded text


class PartBest(NamedTuple):
    """What one part of the model found in a text: each category's highest score, the
    window that gave it, and rows of scores by window (at least the winning ones)."""

    scores: npt.NDArray[np.float32]
    found: list[Window | None]
    rows: dict[Window, npt.NDArray[np.float32]]


def windows(text: str, window_chars: int, overlap_chars: int) -> Iterator[Window]:
    """Overlapping windows over ``text``, its sentences grouped into short pieces (an
    instruction inside a long document is then scored nearly on its own, not diluted by
    the text around it), then its hidden texts, windowed the same way."""
    yield from _plain_windows(text, 0, window_chars, overlap_chars)
    if len(text) > PIECE_CHARS:
        yield from _sentence_pieces(text)
    for hidden in uncover(text):
        for window in _plain_windows(hidden.text, 0, window_chars, overlap_chars):
            yield Window(hidden.start, hidden.end, window.text, hidden.layer)


def _sentence_pieces(text: str, piece_chars: int = PIECE_CHARS) -> Iterator[Window]:
    """Runs of whole sentences of at most about ``piece_chars`` characters."""
    start = end = 0
    for match in _SENTENCE_END.finditer(text):
        if match.end() - start > piece_chars and end > start:
            yield Window(start, end, text[start:end])
            start = end
        end = match.end()
    if end > start:
        yield Window(start, end, text[start:end])
    if len(text) > end:
        yield from _plain_windows(text[end:], end, piece_chars, 0)


def _plain_windows(text: str, offset: int, window_chars: int, overlap_chars: int) -> Iterator[Window]:
    if len(text) <= window_chars:
        if text:
            yield Window(offset, offset + len(text), text)
        return
    step = max(1, window_chars - overlap_chars)
    start = 0
    while True:
        end = min(len(text), start + window_chars)
        yield Window(offset + start, offset + end, text[start:end])
        if end >= len(text):
            return
        start += step


def sentence_windows(text: str, piece_chars: int) -> Iterator[Window]:
    """``text`` whole when it is short, else runs of whole sentences of at most about
    ``piece_chars`` (a longer sentence cut plainly), without overlap; then its hidden
    texts, the same way. The dense part's windows: its cost grows with every character
    scored, so none is scored twice."""
    yield from _runs(text, piece_chars)
    for hidden in uncover(text):
        for window in _runs(hidden.text, piece_chars):
            yield Window(hidden.start, hidden.end, window.text, hidden.layer)


def _runs(text: str, piece_chars: int) -> Iterator[Window]:
    if len(text) <= piece_chars:
        if text:
            yield Window(0, len(text), text)
        return
    for piece in _sentence_pieces(text, piece_chars):
        if len(piece.text) > 2 * piece_chars:
            yield from _plain_windows(piece.text, piece.start, piece_chars, 0)
        else:
            yield piece
