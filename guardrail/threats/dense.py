"""The threat model's dense part: a sentence encoder and a small network over its vectors.

The n-gram part learns words; this part learns meaning, so a request phrased in words
no training item used, or in another of the encoder's languages, still lands near the
items it means the same as (:mod:`.encoder`). Over each 512-dimension vector, one hidden
layer (ReLU) and one sigmoid per category, trained in ``training/train_threat_classifier.py``
over the pretrained encoder (a file may also carry fine-tuned encoder layers; then
those are used).

Its windows are runs of whole sentences (:func:`~.windows.sentence_windows`), scored in
batches; the budget is checked between batches, and running past it raises, so that
the check's ``on_error`` decides.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt

from guardrail.errors import GuardrailError
from guardrail.threats.encoder import LAYERS, Floats, SentenceEncoder, load_piece_table, pretrained_layers
from guardrail.threats.fold import fold
from guardrail.threats.windows import PartBest, Window, sentence_windows

DENSE_PREFIX = "dense_"  # the dense part's arrays in the weights file
HEAD = ("head_w1", "head_b1", "head_w2", "head_b2")
BATCH = 16  # windows embedded together between two budget checks


@dataclass(frozen=True, slots=True)
class DenseHead:
    """Scores texts for each category from their sentence vectors."""

    encoder: SentenceEncoder
    hidden_weights: Floats
    hidden_bias: Floats
    out_weights: Floats
    out_bias: Floats
    weight: float  # the dense part's share of a category's score
    piece_chars: int

    @classmethod
    def from_arrays(cls, arrays: dict[str, npt.NDArray[Any]], header: dict[str, Any]) -> DenseHead:
        """The head from a weights file's arrays (prefix removed) and its ``dense`` header."""
        tuned = [name for name in LAYERS if name in arrays]
        missing = [name for name in HEAD if name not in arrays] + (
            [name for name in LAYERS if name not in arrays] if tuned else []
        )
        if missing:
            raise ValueError(f"dense head arrays missing: {missing}")
        weight = float(header["weight"])
        if not 0.0 <= weight <= 1.0:
            raise ValueError(f"dense weight must be in [0, 1], got {weight}")
        floats = {name: np.asarray(value, dtype=np.float32) for name, value in arrays.items()}
        pieces = load_piece_table(str(header["table_sha256"]))
        # A head trained over the frozen encoder ships no encoder layers: the package's
        # own are used, covered by the same digest as its table.
        layers = {name: floats[name] for name in LAYERS} if tuned else pretrained_layers()[0]
        encoder = SentenceEncoder(pieces, layers, float(header["eps"]))
        return cls(
            encoder,
            floats["head_w1"],
            floats["head_b1"],
            floats["head_w2"],
            floats["head_b2"],
            weight,
            int(header["piece_chars"]),
        )

    @property
    def categories(self) -> int:
        return int(self.out_bias.shape[0])

    def probabilities(self, texts: list[str]) -> Floats:
        """One row of category probabilities per text (each text is one window)."""
        vectors = self.encoder.encode([fold(text) for text in texts])
        hidden = np.maximum(vectors @ self.hidden_weights + self.hidden_bias, 0.0)
        logits = hidden @ self.out_weights + self.out_bias
        result: Floats = 1.0 / (1.0 + np.exp(-logits))
        return result

    def best(self, text: str, deadline: float, over_budget: Callable[[int], GuardrailError]) -> PartBest:
        """Each category's highest probability over ``text``'s windows, that window, and
        every window's row (so that joining the parts need not score them again)."""
        best = np.zeros(self.categories, dtype=np.float32)
        found: list[Window | None] = [None] * self.categories
        rows: dict[Window, Floats] = {}
        pending = [window for window in sentence_windows(text, self.piece_chars) if window.text.strip()]
        for first in range(0, len(pending), BATCH):
            if time.perf_counter() > deadline:
                raise over_budget(pending[first].start)
            batch = pending[first : first + BATCH]
            for window, row in zip(batch, self.probabilities([w.text for w in batch]), strict=True):
                rows[window] = row
                for index in np.flatnonzero(row > best):
                    best[index] = row[index]
                    found[index] = window
        return PartBest(best, found, rows)

    def row_for(self, window: Window, rows: dict[Window, Floats]) -> Floats | None:
        """The encoder's row for a window of the other part, where it can be had without
        scoring: its own, or, for a window longer than its own, the highest of its own
        windows overlapping that one (the encoder reads a long window as a diluted
        average anyway). None: score it."""
        if window in rows:
            return rows[window]
        if len(window.text) <= self.piece_chars:
            return None
        overlapping = [
            row
            for own, row in rows.items()
            if own.layer == window.layer and own.start < window.end and window.start < own.end
        ]
        return np.max(overlapping, axis=0) if overlapping else None
