"""Hashed n-gram features of a folded text: stateless, so only weights ship.

Three kinds of n-gram, each hashed (CRC-32, the same on every machine and Python
version) into one space of ``DIMENSIONS`` slots with a sign bit, as scikit-learn's
``HashingVectorizer`` does:

- words and word pairs of Latin text (``w:``, ``b:``): what the request asks for;
- character 3- to 5-grams inside each Latin word, padded (``c:``): a misspelt or
  inflected word still shares most of them with the word it comes from;
- Chinese characters, and runs of 2 and 3 of them (``h:``): Chinese has no spaces,
  and its words are one to three characters long;
- runs of two or more symbols (``s:``), for chat-template markers such as ``<|``.

Counts are damped (``1 + log n``) and the vector scaled to unit length, so a long
text is not more suspicious for being long; a text of a few words is scaled as if it
were longer (``NORM_FLOOR``), so that one word cannot carry a verdict alone.

The floor is lower for Chinese (``HAN_FLOOR_RATIO``): a Chinese sentence has fewer
n-grams than the same sentence in English (a character gives three, a Latin word a dozen),
so with one floor for both a short Chinese question was scaled down where its English
twin was not, and scored lower for the same request. The ratio is the median of the two
norms over the public CatQA questions trained on, each asked in both languages (143
pairs: 0.58). A text mixing both scripts gets a floor between, by its share of Chinese
n-grams. A weights file records the ratio it was trained with (files from before it
have none, and were trained with one floor: 1.0), so each model is scored with its own.
"""

from __future__ import annotations

import itertools
import math
import re
import zlib
from collections.abc import Iterator, Sequence
from functools import lru_cache

import numpy as np
import numpy.typing as npt

from guardrail.threats.fold import HAN

DIMENSIONS = 1 << 20
_MASK = DIMENSIONS - 1
_SIGN_BIT = 1 << 31
NORM_FLOOR = 10.0  # about the norm of a fifteen-word sentence's features
HAN_FLOOR_RATIO = 0.58  # a Chinese sentence's norm over its English twin's (module docstring)

_TOKEN = re.compile(f"[a-z0-9]+(?:['_][a-z0-9]+)*|[{HAN}]+|[<>|\\[\\]{{}}#=*`~]{{2,}}")
_CHAR_SIZES = (3, 4, 5)
_HAN_SIZES = (1, 2, 3)


def _word_grams(token: str) -> list[str]:
    """A Latin word's own n-grams: the word and its padded character 3- to 5-grams."""
    padded = f" {token} "
    return ["w:" + token, *("c:" + padded[i : i + size] for size in _CHAR_SIZES for i in range(len(padded) - size + 1))]


def _han_grams(token: str) -> list[str]:
    """A run of Chinese characters' 1- to 3-grams."""
    return ["h:" + token[i : i + size] for size in _HAN_SIZES for i in range(len(token) - size + 1)]


def _pieces(folded: str) -> Iterator[tuple[str, str]]:
    """The text's tokens in order, as ("word", token), ("han", token) or ("gram", gram)
    for the n-grams that depend on a token's neighbour (word pairs) or stand alone
    (symbol runs)."""
    previous = ""
    for token in _TOKEN.findall(folded):
        first = token[0]
        if first.isascii() and first.isalnum():
            if previous:
                yield "gram", f"b:{previous} {token}"
            yield "word", token
            previous = token
        elif first.isascii():
            yield "gram", "s:" + token
            previous = ""
        else:
            yield "han", token
            previous = ""


def grams(folded: str) -> list[str]:
    """The n-grams of a folded text, with their kind as a prefix."""
    out: list[str] = []
    for kind, piece in _pieces(folded):
        out.extend(_word_grams(piece) if kind == "word" else _han_grams(piece) if kind == "han" else (piece,))
    return out


def _code(gram: str) -> int:
    return zlib.crc32(gram.encode("utf-8"))


# A word's own n-grams are the same wherever it stands, and a text's windows overlap, so
# each window would hash most of its words again: cached, a 1 KB prompt's fourteen windows
# cost about 40% less. (16,384 words of about fifteen codes each: a few MB.)
@lru_cache(maxsize=1 << 14)
def _word_codes(token: str) -> tuple[int, ...]:
    return tuple(map(_code, _word_grams(token)))


@lru_cache(maxsize=1 << 14)
def _han_codes(token: str) -> tuple[int, ...]:
    return tuple(map(_code, _han_grams(token)))


def gram_codes(folded: str) -> list[int]:
    """The CRC-32 of each of :func:`grams`, each word's own n-grams from a cache."""
    return _gram_codes(folded)[0]


def _gram_codes(folded: str) -> tuple[list[int], int]:
    """:func:`gram_codes`, and how many of them are Chinese n-grams."""
    codes: list[int] = []
    han = 0
    for kind, piece in _pieces(folded):
        if kind == "word":
            codes.extend(_word_codes(piece))
        elif kind == "han":
            han_codes = _han_codes(piece)
            codes.extend(han_codes)
            han += len(han_codes)
        else:
            codes.append(_code(piece))
    return codes, han


def norm_floor(han_share: float, han_floor_ratio: float = HAN_FLOOR_RATIO) -> float:
    """The floor of a text whose n-grams are ``han_share`` Chinese (module docstring)."""
    return NORM_FLOOR * (1.0 - han_share * (1.0 - han_floor_ratio))


# 1 + log n for the counts a window's n-grams reach, computed once with ``math.log``
# (NumPy's own log may differ in the last bit, and a weight file sits on these values).
_DAMPED = np.array([0.0] + [1.0 + math.log(n) for n in range(1, 4096)], dtype=np.float64)


def _damped(sums: npt.NDArray[np.int64]) -> npt.NDArray[np.float32]:
    """``1 + log |n|`` with each count's sign, as float32, from the table where it reaches."""
    magnitudes = np.abs(sums)
    if not len(magnitudes) or int(magnitudes.max()) < len(_DAMPED):
        return np.copysign(_DAMPED[magnitudes], sums).astype(np.float32)
    # a word repeated thousands of times in one window
    return np.array([math.copysign(1.0 + math.log(abs(n)), n) for n in sums.tolist()], dtype=np.float32)


def vectorize(
    folded: str, han_floor_ratio: float = HAN_FLOOR_RATIO
) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.float32]]:
    """Sorted feature indices and their values (unit length) for a folded text, summed
    slot by slot in NumPy: a prompt is scored in a dozen windows, each of some hundreds
    of n-grams."""
    code_list, han = _gram_codes(folded)
    codes = np.fromiter(code_list, dtype=np.int64)
    signs = np.where(codes & _SIGN_BIT, -1, 1)
    indices, slot = np.unique(codes & _MASK, return_inverse=True)
    sums = np.bincount(slot, weights=signs, minlength=len(indices)).astype(np.int64)
    kept = sums != 0
    indices, sums = indices[kept], sums[kept]
    if not len(indices):
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.float32)
    values = _damped(sums)
    values /= np.float32(max(float(np.linalg.norm(values)), norm_floor(han / len(codes), han_floor_ratio)))
    return indices, values


def vectorize_many(
    folded_texts: Sequence[str], han_floor_ratio: float = HAN_FLOOR_RATIO
) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.int64], npt.NDArray[np.float32]]:
    """:func:`vectorize` of several texts at once: for each feature, the text it belongs
    to (sorted), its index and its value. A prompt's dozen windows then cost one pass of
    NumPy instead of a dozen, each of which paid NumPy's fixed cost per call several
    times over. Values agree with :func:`vectorize`'s to float32 rounding."""
    parts = [_gram_codes(text) for text in folded_texts]
    lengths = np.fromiter((len(codes) for codes, _ in parts), dtype=np.int64, count=len(parts))
    total = int(lengths.sum())
    if not total:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.float32)
    codes = np.fromiter(itertools.chain.from_iterable(codes for codes, _ in parts), dtype=np.int64, count=total)
    owners = np.repeat(np.arange(len(parts), dtype=np.int64), lengths)
    signs = np.where(codes & _SIGN_BIT, -1, 1)
    keys, slot = np.unique(owners * DIMENSIONS + (codes & _MASK), return_inverse=True)
    sums = np.bincount(slot, weights=signs, minlength=len(keys)).astype(np.int64)
    kept = sums != 0
    keys, sums = keys[kept], sums[kept]
    values = _damped(sums)
    rows = keys // DIMENSIONS
    norms = np.sqrt(np.bincount(rows, weights=values.astype(np.float64) ** 2, minlength=len(parts)))
    shares = np.array([han / len(codes) if codes else 0.0 for codes, han in parts], dtype=np.float64)
    floors = NORM_FLOOR * (1.0 - shares * (1.0 - han_floor_ratio))
    values /= np.maximum(norms, floors).astype(np.float32)[rows]
    return rows, keys & _MASK, values
