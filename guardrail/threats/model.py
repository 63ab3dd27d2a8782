"""The threat model: weights, and scoring a text in overlapping windows.

Weights are a plain ``.npz`` (no pickle: loading runs no code): the feature slots
that have a weight (``rows``), their weights per category, one bias per category,
the category names and a JSON header with the model's id and version. Each category
is an independent logistic regression (one-vs-rest), so a text can be both a
jailbreak and a drug request.

A model of format 2 also carries a dense head (:mod:`.dense`): a sentence encoder
and a small network over its vectors, which scores meaning where the n-grams score
words. Each part scores its own windows (:mod:`.windows`); then, where either part
scored a category highest, both score that window, and the category takes the best
average of the two (weighted as the file says).

A model of format 3 puts a hidden layer between the n-grams and the categories
(:mod:`.hidden`): its ``weights`` are then the input layer, summed the same way into the
units' pre-activations, kept in int8 in memory (a million slots by 64 units), and the
file may fold the feature slots into fewer (``slots``: an n-gram's slot modulo that).

A text longer than a window is scored window by window, and each category takes its
highest window: an instruction buried in the middle of a long document counts as much
as one on its own; decoded hidden text is scored too. Scoring stops with :class:`ScoringBudgetExceeded` when a text's windows take longer
than the budget, so that the check's ``on_error`` decides, never a silent skip.
"""

from __future__ import annotations

import hashlib
import json
import time
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any, Protocol

import numpy as np
import numpy.typing as npt

from guardrail.errors import GuardrailError
from guardrail.threats.dense import DENSE_PREFIX, DenseHead
from guardrail.threats.encoder import Floats
from guardrail.threats.features import DIMENSIONS, HAN_FLOOR_RATIO, vectorize_many
from guardrail.threats.fold import fold
from guardrail.threats.hidden import HIDDEN_ARRAYS, HiddenLayer, quantise
from guardrail.threats.windows import PartBest, Window, windows

BUILTIN = "builtin"  # the n-grams alone, one logistic regression per category
BUILTIN_DENSE = "builtin-dense"  # the same n-grams and the dense part: more recall, about 20 ms more per 1 KB
BUILTIN_HIDDEN = "builtin-hidden"  # a hidden layer over the n-grams: the default policy's (training/README.md)
WEIGHTS_FILE = "threat-classifier.npz"
BUILTIN_FILES = {
    BUILTIN: WEIGHTS_FILE,
    BUILTIN_DENSE: "threat-classifier-dense.npz",
    BUILTIN_HIDDEN: "threat-classifier-hidden.npz",
}
FORMAT = 2  # 1: n-grams only; 2: n-grams, and a dense head where the file has one
HIDDEN_FORMAT = 3  # a hidden layer over the n-grams (and a dense head where the file has one)
MAX_SCORE = 0.9999
# Where both parts of a category score below this, their own best windows are averaged
# (see ThreatModel._joint): no average of the two on one window can then reach it, and
# every threshold the default policy sets is above it.
JOINT_FLOOR = 0.5
# Windows scored together (ThreatModel.probabilities_many): a 1 KB prompt's all at once.
_BATCH_WINDOWS = 32
OverBudget = Callable[[int], GuardrailError]


class ScoringBudgetExceeded(GuardrailError):
    """A text's windows took longer to score than the check's budget allows."""


@dataclass(frozen=True, slots=True)
class CategoryScore:
    """A category's highest score in a text, and the span of the window that gave it."""

    category: str
    score: float
    start: int
    end: int


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
        dense: DenseHead | None = None,
        han_floor_ratio: float = HAN_FLOOR_RATIO,
        hidden: HiddenLayer | None = None,
        scale: npt.NDArray[np.float32] | None = None,
        slots: int = DIMENSIONS,
    ) -> None:
        """``weights`` (rows x columns) and ``bias`` feed the categories' logits, or with
        ``hidden`` its units' pre-activations; int8 ``weights`` come with one ``scale`` per
        column. ``slots`` below ``DIMENSIONS`` folds each feature's slot modulo it."""
        width = len(categories) if hidden is None else hidden.units
        if weights.shape != (len(rows), width) or bias.shape != (width,):
            raise ValueError("weights do not match their rows and categories (or hidden units)")
        if hidden is not None and hidden.out_weights.shape != (width, len(categories)):
            raise ValueError("the hidden layer does not score the same categories")
        if (scale is None) != (weights.dtype != np.int8) or (scale is not None and scale.shape != (width,)):
            raise ValueError("int8 weights need one scale per column, and only they do")
        if dense is not None and dense.categories != len(categories):
            raise ValueError("the dense head does not score the same categories")
        if not 0 < slots <= DIMENSIONS or slots & (slots - 1):
            raise ValueError(f"feature slots must be a power of two up to {DIMENSIONS}, got {slots}")
        if len(rows) and (int(rows.min()) < 0 or int(rows.max()) >= slots):
            raise ValueError("weight rows outside the feature space")
        self.rows = rows
        self.weights = weights
        self.scale = scale
        self.slots = slots
        # Each feature slot's row in ``weights`` (-1: none), 4 MB: a window's few hundred
        # features are looked up directly, where a binary search over 900,000 rows cost
        # twenty cache misses each.
        self._row_of = np.full(slots, -1, dtype=np.int32)
        self._row_of[rows] = np.arange(len(rows), dtype=np.int32)
        self.bias = bias
        self.hidden = hidden
        self.categories = categories
        self.model_id = model_id
        self.version = version
        self.dense = dense
        self.han_floor_ratio = han_floor_ratio  # the featuriser's, as the weights were trained

    @classmethod
    def load(cls, path: str | Path) -> ThreatModel:
        """Weights from a ``.npz`` written by ``training/train_threat_classifier.py``."""
        with np.load(path, allow_pickle=False) as data:
            header = json.loads(str(data["header"]))
            if header.get("format") not in (1, FORMAT, HIDDEN_FORMAT) or header.get("dimensions") != DIMENSIONS:
                raise ValueError(f"{path}: weights of another format ({header.get('format')})")
            if header["format"] == HIDDEN_FORMAT:
                return cls._load_hidden(path, data, header)
            weights = data["weights"].astype(np.float32) * data["scale"].astype(np.float32)
            dense = None
            if "dense" in header:
                arrays = {name[len(DENSE_PREFIX) :]: data[name] for name in data.files if name.startswith(DENSE_PREFIX)}
                dense = DenseHead.from_arrays(arrays, header["dense"])
            return cls(
                rows=data["rows"].astype(np.int64),
                weights=weights,
                bias=data["bias"].astype(np.float32),
                categories=tuple(str(name) for name in data["categories"]),
                model_id=str(header["model_id"]),
                version=str(header["version"]),
                dense=dense,
                # Files from before the ratio was recorded were trained with one floor.
                han_floor_ratio=float(header.get("han_floor_ratio", 1.0)),
            )

    @classmethod
    def _load_hidden(cls, path: str | Path, data: Any, header: dict[str, Any]) -> ThreatModel:
        """A format-3 file: the input layer stays int8 (a quarter of float32's memory), and
        every array must be there with the shape the header says, or the file is refused."""
        units = header.get("hidden")
        if not isinstance(units, int) or units <= 0:
            raise ValueError(f"{path}: format 3 needs a positive number of hidden units, got {units!r}")
        missing = [n for n in ("rows", "weights", "scale", "categories", *HIDDEN_ARRAYS) if n not in data.files]
        if missing:
            raise ValueError(f"{path}: hidden-layer weights without {missing}")
        categories = tuple(str(name) for name in data["categories"])
        rows, weights, scale = data["rows"], data["weights"], data["scale"]
        if weights.dtype != np.int8 or weights.shape != (len(rows), units) or scale.shape != (units,):
            raise ValueError(
                f"{path}: input layer of {weights.dtype} {weights.shape} and scale {scale.shape}, "
                f"expected int8 ({len(rows)}, {units}) and ({units},)"
            )
        try:
            hidden = HiddenLayer.from_arrays({name: data[name] for name in HIDDEN_ARRAYS}, units, len(categories))
            dense = None
            if "dense" in header:
                arrays = {name[len(DENSE_PREFIX) :]: data[name] for name in data.files if name.startswith(DENSE_PREFIX)}
                dense = DenseHead.from_arrays(arrays, header["dense"])
            return cls(
                rows=rows.astype(np.int64),
                weights=weights,
                bias=data["hidden_bias"].astype(np.float32),
                categories=categories,
                model_id=str(header["model_id"]),
                version=str(header["version"]),
                dense=dense,
                han_floor_ratio=float(header.get("han_floor_ratio", 1.0)),
                hidden=hidden,
                scale=scale.astype(np.float32),
                slots=int(header.get("slots", DIMENSIONS)),
            )
        except ValueError as error:
            raise ValueError(f"{path}: {error}") from error

    @property
    def ref(self) -> str:
        """``id@version``, as evidence names the model."""
        return f"{self.model_id}@{self.version}"

    def probabilities(self, folded: str) -> npt.NDArray[np.float32]:
        """Each category's probability for one folded text (no windows): the same path as
        a prompt's windows take, so a window scored again (:meth:`_joint`) scores the same."""
        row: npt.NDArray[np.float32] = self.probabilities_many([folded])[0]
        return row

    def probabilities_many(self, folded_texts: list[str]) -> npt.NDArray[np.float32]:
        """Each category's probability for several folded texts, one row each, in one pass."""
        rows, indices, values = vectorize_many(folded_texts, self.han_floor_ratio)
        sums = np.zeros((len(folded_texts), len(self.bias)), dtype=np.float32)
        # Folding is a mask: the layer is linear in the features, so slots that fold
        # together need not be merged before their rows are summed.
        positions = self._row_of[indices & (self.slots - 1)]
        known = positions >= 0
        if known.any():
            rows, contributions = rows[known], values[known, None] * self.weights[positions[known]]
            # Rows come sorted by text: each text's contributions are one run to sum.
            starts = np.flatnonzero(np.r_[True, rows[1:] != rows[:-1]])
            sums[rows[starts]] += np.add.reduceat(contributions, starts, axis=0)
        if self.scale is not None:
            sums *= self.scale
        logits = sums + self.bias
        if self.hidden is not None:
            logits = self.hidden.logits(logits)
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
        deadline = time.perf_counter() + budget_ms / 1000.0
        over = _over_budget(budget_ms)
        ngram = self._ngram_best(text, window_chars, overlap_chars, deadline, over)
        best, found = ngram.scores, ngram.found
        if self.dense is not None and text.strip():
            best, found = self._joint(self.dense, ngram, self.dense.best(text, deadline, over), deadline, over)
        spans = [(window.start, window.end) if window else (0, 0) for window in found]
        return tuple(
            CategoryScore(name, float(best[i]), spans[i][0], spans[i][1]) for i, name in enumerate(self.categories)
        )

    def _ngram_best(
        self, text: str, window_chars: int, overlap_chars: int, deadline: float, over: OverBudget
    ) -> PartBest:
        best = np.zeros(len(self.categories), dtype=np.float32)
        found: list[Window | None] = [None] * len(self.categories)
        rows: dict[Window, Floats] = {}
        batch: list[tuple[Window, str]] = []

        def score_batch() -> None:
            for (window, _), probabilities in zip(batch, self.probabilities_many([f for _, f in batch]), strict=True):
                for index in np.flatnonzero(probabilities > best):
                    best[index] = probabilities[index]
                    found[index] = window
                    rows[window] = probabilities
            batch.clear()

        for window in windows(text, window_chars, overlap_chars):
            if time.perf_counter() > deadline:
                raise over(window.start)
            folded = fold(window.text)
            if folded.strip():
                batch.append((window, folded))
            if len(batch) == _BATCH_WINDOWS:
                score_batch()  # a long text's windows in batches, so the budget is still watched
        if batch:
            score_batch()
        return PartBest(best, found, rows)

    def _joint(
        self, head: DenseHead, ngram: PartBest, dense: PartBest, deadline: float, over: OverBudget
    ) -> tuple[Floats, list[Window | None]]:
        """Both parts scored on the same windows: where either part scored a category
        highest, the other scores that window too, and the category takes the best
        weighted average. (Averaging each part's own best window instead halves a
        sentence buried in a long document: the n-grams see it in a short piece, the
        encoder in a longer run where it is diluted.) Below ``JOINT_FLOOR`` in both parts
        the independent average is kept."""
        share = head.weight
        best = np.minimum((1 - share) * ngram.scores + share * dense.scores, MAX_SCORE).astype(np.float32)
        found = [
            d if share * dense.scores[i] > (1 - share) * ngram.scores[i] else n
            for i, (n, d) in enumerate(zip(ngram.found, dense.found, strict=True))
        ]
        joined = np.flatnonzero(np.maximum(ngram.scores, dense.scores) >= JOINT_FLOOR)
        shared = list(dict.fromkeys(w for i in joined for w in (ngram.found[i], dense.found[i]) if w is not None))
        if not shared:
            return best, found
        if time.perf_counter() > deadline:
            raise over(shared[0].start)
        dense_rows = {w: row for w in shared if (row := head.row_for(w, dense.rows)) is not None}
        unscored = [w for w in shared if w not in dense_rows]
        if unscored:
            dense_rows.update(zip(unscored, head.probabilities([w.text for w in unscored]), strict=True))
        mixed = np.stack(
            [
                (1 - share) * (ngram.rows[w] if w in ngram.rows else self.probabilities(fold(w.text)))
                + share * dense_rows[w]
                for w in shared
            ]
        )
        mixed = np.minimum(mixed, MAX_SCORE)
        for index in joined:
            top = int(mixed[:, index].argmax())
            best[index], found[index] = mixed[top, index], shared[top]
        return best, found


def _over_budget(budget_ms: float) -> OverBudget:
    """The error for running out of ``budget_ms`` at an offset, for either part to raise."""
    return lambda offset: ScoringBudgetExceeded(f"over {budget_ms:.0f} ms at offset {offset}")


def save_weights(
    path: Path,
    coef: npt.NDArray[np.floating[Any]],
    bias: npt.NDArray[np.floating[Any]],
    categories: list[str],
    model_id: str,
    version: str,
    dense: dict[str, npt.NDArray[np.floating[Any]]] | None = None,
    dense_header: dict[str, Any] | None = None,
    **header: Any,
) -> None:
    """Write ``coef`` (``DIMENSIONS`` x categories) as :meth:`ThreatModel.load` reads it:
    only the rows with a weight, quantised to int8 with one scale per category; and the
    dense head's arrays (float16) and settings, when given."""
    used = np.flatnonzero(np.abs(coef).max(axis=1) > 1e-6)
    quantised, scale = quantise(coef[used])
    meta = {
        "han_floor_ratio": HAN_FLOOR_RATIO,
        **header,
        "format": FORMAT,
        "dimensions": DIMENSIONS,
        "model_id": model_id,
        "version": version,
    }
    if dense is not None:
        meta["dense"] = dense_header or {}
    extra: dict[str, Any] = {
        f"{DENSE_PREFIX}{name}": np.asarray(value, dtype=np.float16) for name, value in (dense or {}).items()
    }
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as out:
        np.savez_compressed(
            out,
            **extra,
            rows=used.astype(np.uint32),
            weights=quantised,
            scale=scale,
            bias=np.asarray(bias, dtype=np.float32),
            categories=np.array(categories),
            header=np.array(json.dumps(meta, sort_keys=True)),
        )


def save_hidden_weights(
    path: Path,
    rows: npt.NDArray[np.integer[Any]],
    input_weights: npt.NDArray[np.floating[Any]],
    hidden_bias: npt.NDArray[np.floating[Any]],
    out_weights: npt.NDArray[np.floating[Any]],
    out_bias: npt.NDArray[np.floating[Any]],
    categories: list[str],
    model_id: str,
    version: str,
    slots: int = DIMENSIONS,
    **header: Any,
) -> None:
    """Write a format-3 file: the input layer's ``rows`` (the slots training touched) and
    their weights (rows x units) quantised to int8 with one scale per unit, the units'
    biases, and the output layer (float32: a few thousand numbers)."""
    quantised, scale = quantise(input_weights)
    meta = {
        "han_floor_ratio": HAN_FLOOR_RATIO,
        **header,
        "format": HIDDEN_FORMAT,
        "dimensions": DIMENSIONS,
        "hidden": int(input_weights.shape[1]),
        "model_id": model_id,
        "version": version,
    }
    if slots != DIMENSIONS:
        meta["slots"] = slots
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as out:
        np.savez_compressed(
            out,
            rows=np.asarray(rows, dtype=np.uint32),
            weights=quantised,
            scale=scale,
            hidden_bias=np.asarray(hidden_bias, dtype=np.float32),
            out_weights=np.asarray(out_weights, dtype=np.float32),
            out_bias=np.asarray(out_bias, dtype=np.float32),
            categories=np.array(categories),
            header=np.array(json.dumps(meta, sort_keys=True)),
        )


class Windowing(Protocol):
    """How a check reads a text through the model (its settings carry these)."""

    window_chars: int
    overlap_chars: int
    budget_ms: float


def scorer(model: ThreatModel, windowing: Windowing) -> Callable[[str], tuple[CategoryScore, ...]]:
    """``model.score`` with a check's windows and budget."""

    def score(text: str) -> tuple[CategoryScore, ...]:
        return model.score(
            text,
            window_chars=windowing.window_chars,
            overlap_chars=windowing.overlap_chars,
            budget_ms=windowing.budget_ms,
        )

    return score


def scores_memo_key(model: ThreatModel, windowing: Windowing) -> str:
    """The key of the memo every check reading ``model`` through the same windows shares,
    so that a text is scored once per call whichever asks first."""
    return f"threat-scores:{model.ref}:{windowing.window_chars}:{windowing.overlap_chars}"


def load_model(source: str = BUILTIN) -> ThreatModel:
    """The model at ``source`` (a ``.npz`` path, ``builtin`` or ``builtin-dense``), loaded
    once per process."""
    return _load(source)


@lru_cache(maxsize=4)
def _load(source: str) -> ThreatModel:
    if source in BUILTIN_FILES:
        with resources.as_file(resources.files("guardrail.threats") / "data" / BUILTIN_FILES[source]) as path:
            return ThreatModel.load(path)
    return ThreatModel.load(Path(source))


def weights_digest(source: str = BUILTIN) -> str:
    """SHA-256 of the weights file at ``source``."""
    return _digest(source)


@lru_cache(maxsize=4)
def _digest(source: str) -> str:
    if source in BUILTIN_FILES:
        data = (resources.files("guardrail.threats") / "data" / BUILTIN_FILES[source]).read_bytes()
    else:
        data = Path(source).read_bytes()
    return hashlib.sha256(data).hexdigest()
