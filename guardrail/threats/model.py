"""The threat model: weights, and scoring a text in overlapping windows.

Weights are a plain ``.npz`` (no pickle: loading runs no code): the feature slots
that have a weight (``rows``), their weights per category, one bias per category,
the category names and a JSON header with the model's id and version. Each category
is an independent logistic regression (one-vs-rest), so a text can be both a
jailbreak and a drug request.

A text longer than a window is scored window by window, windows overlapping so that
a sentence cut by one is whole in the next, and each category takes its highest
window: an instruction buried in the middle of a long document counts as much as
one on its own. Text hidden from a reader (tag characters, base64, hex, rot13; see
:mod:`guardrail.system_security.hidden`) is decoded and scored as more windows.
Scoring stops with :class:`ScoringBudgetExceeded` when a text's windows take longer
than the budget, so that the check's ``on_error`` decides, never a silent skip.
"""

from __future__ import annotations

import hashlib
import json
import re
import time
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from guardrail.errors import GuardrailError
from guardrail.system_security.hidden import uncover
from guardrail.threats.features import DIMENSIONS, vectorize
from guardrail.threats.fold import fold

BUILTIN = "builtin"
WEIGHTS_FILE = "threat-classifier.npz"
FORMAT = 1
MAX_SCORE = 0.9999
PIECE_CHARS = 120
_SENTENCE_END = re.compile(r"[.!?。！？;；]+[\"')\]」』]*\s*|\n+")


class ScoringBudgetExceeded(GuardrailError):
    """A text's windows took longer to score than the check's budget allows."""


@dataclass(frozen=True, slots=True)
class CategoryScore:
    """A category's highest score in a text, and the span of the window that gave it."""

    category: str
    score: float
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Window:
    """A piece of a text to score: where it sits in the original, and its text."""

    start: int
    end: int
    text: str
    layer: str = ""  # how it was hidden, for decoded text


class ThreatModel:
    """Scores texts for each category; immutable and thread-safe after loading."""

    def __init__(
        self,
        rows: npt.NDArray[np.int64],
        weights: npt.NDArray[np.float32],
        bias: npt.NDArray[np.float32],
        categories: tuple[str, ...],
        model_id: str,
        version: str,
    ) -> None:
        if weights.shape != (len(rows), len(categories)) or bias.shape != (len(categories),):
            raise ValueError("weights do not match their rows and categories")
        self.rows = rows
        self.weights = weights
        self.bias = bias
        self.categories = categories
        self.model_id = model_id
        self.version = version

    @classmethod
    def load(cls, path: str | Path) -> ThreatModel:
        """Weights from a ``.npz`` written by ``training/train_threat_classifier.py``."""
        with np.load(path, allow_pickle=False) as data:
            header = json.loads(str(data["header"]))
            if header.get("format") != FORMAT or header.get("dimensions") != DIMENSIONS:
                raise ValueError(f"{path}: weights of another format ({header.get('format')})")
            weights = data["weights"].astype(np.float32) * data["scale"].astype(np.float32)
            return cls(
                rows=data["rows"].astype(np.int64),
                weights=weights,
                bias=data["bias"].astype(np.float32),
                categories=tuple(str(name) for name in data["categories"]),
                model_id=str(header["model_id"]),
                version=str(header["version"]),
            )

    @property
    def ref(self) -> str:
        """``id@version``, as evidence names the model."""
        return f"{self.model_id}@{self.version}"

    def probabilities(self, folded: str) -> npt.NDArray[np.float32]:
        """Each category's probability for one folded text (no windows)."""
        indices, values = vectorize(folded)
        logits = self.bias.copy()
        if len(indices):
            positions = np.searchsorted(self.rows, indices)
            positions[positions >= len(self.rows)] = 0
            known = self.rows[positions] == indices
            if known.any():
                logits += values[known] @ self.weights[positions[known]]
        # Capped below 1: a threshold of 1.0 in a policy then means "never", as it reads.
        result: npt.NDArray[np.float32] = np.minimum(1.0 / (1.0 + np.exp(-logits)), MAX_SCORE)
        return result

    def score(
        self, text: str, *, window_chars: int = 600, overlap_chars: int = 150, budget_ms: float = 1000.0
    ) -> tuple[CategoryScore, ...]:
        """Each category's highest score over ``text``'s windows; an empty text scores 0.
        (The check remembers scores per tenant in its memo; the model keeps nothing.)"""
        return self._score(text, window_chars, overlap_chars, budget_ms)

    def _score(self, text: str, window_chars: int, overlap_chars: int, budget_ms: float) -> tuple[CategoryScore, ...]:
        best = np.zeros(len(self.categories), dtype=np.float32)
        spans = [(0, 0)] * len(self.categories)
        deadline = time.perf_counter() + budget_ms / 1000.0
        for window in windows(text, window_chars, overlap_chars):
            if time.perf_counter() > deadline:
                raise ScoringBudgetExceeded(f"over {budget_ms:.0f} ms at offset {window.start}")
            folded = fold(window.text)
            if not folded.strip():
                continue
            probabilities = self.probabilities(folded)
            for index in np.flatnonzero(probabilities > best):
                best[index] = probabilities[index]
                spans[index] = (window.start, window.end)
        return tuple(
            CategoryScore(name, float(best[i]), spans[i][0], spans[i][1]) for i, name in enumerate(self.categories)
        )


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


def _sentence_pieces(text: str) -> Iterator[Window]:
    """Runs of whole sentences of at most about ``PIECE_CHARS`` characters."""
    start = end = 0
    for match in _SENTENCE_END.finditer(text):
        if match.end() - start > PIECE_CHARS and end > start:
            yield Window(start, end, text[start:end])
            start = end
        end = match.end()
    if end > start:
        yield Window(start, end, text[start:end])
    if len(text) > end:
        yield from _plain_windows(text[end:], end, PIECE_CHARS, 0)


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


def save_weights(
    path: Path,
    coef: npt.NDArray[np.floating[Any]],
    bias: npt.NDArray[np.floating[Any]],
    categories: list[str],
    model_id: str,
    version: str,
    **header: Any,
) -> None:
    """Write ``coef`` (``DIMENSIONS`` x categories) as :meth:`ThreatModel.load` reads it:
    only the rows with a weight, quantised to int8 with one scale per category."""
    used = np.flatnonzero(np.abs(coef).max(axis=1) > 1e-6)
    kept = coef[used]
    scale = np.maximum(np.abs(kept).max(axis=0, initial=0.0), 1e-12) / 127.0
    quantised = np.clip(np.rint(kept / scale), -127, 127).astype(np.int8)
    meta = {**header, "format": FORMAT, "dimensions": DIMENSIONS, "model_id": model_id, "version": version}
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as out:
        np.savez_compressed(
            out,
            rows=used.astype(np.uint32),
            weights=quantised,
            scale=scale.astype(np.float32),
            bias=np.asarray(bias, dtype=np.float32),
            categories=np.array(categories),
            header=np.array(json.dumps(meta, sort_keys=True)),
        )


def load_model(source: str = BUILTIN) -> ThreatModel:
    """The model at ``source`` (a ``.npz`` path, or ``builtin``), loaded once per process."""
    return _load(source)


@lru_cache(maxsize=4)
def _load(source: str) -> ThreatModel:
    if source == BUILTIN:
        with resources.as_file(resources.files("guardrail.threats") / "data" / WEIGHTS_FILE) as path:
            return ThreatModel.load(path)
    return ThreatModel.load(Path(source))


def weights_digest(source: str = BUILTIN) -> str:
    """SHA-256 of the weights file at ``source``."""
    return _digest(source)


@lru_cache(maxsize=4)
def _digest(source: str) -> str:
    if source == BUILTIN:
        data = (resources.files("guardrail.threats") / "data" / WEIGHTS_FILE).read_bytes()
    else:
        data = Path(source).read_bytes()
    return hashlib.sha256(data).hexdigest()
