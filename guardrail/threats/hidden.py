"""An optional hidden layer between the n-grams and the categories (weights format 3).

A logistic regression per category adds its n-grams' evidence: the words of a benign
context subtract from a harmful request's score, and a plain harmful question in words
no item used scores low. A hidden layer (ReLU) over the same hashed features lets the
categories share what the n-grams learn, and recognised such questions better at the
same over-refusal (training/README.md, "A hidden layer over the same n-grams").

The input layer is stored as the n-gram weights are (``rows``, ``weights`` in int8 with
one ``scale`` per column, a column being a hidden unit here) with the units' biases in
``hidden_bias``, so the units' pre-activations are summed as the categories' logits are
without a hidden layer; this module holds the output layer over the units' activations.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt

HIDDEN_ARRAYS = ("hidden_bias", "out_weights", "out_bias")  # besides rows, weights and scale

Floats = npt.NDArray[np.float32]


@dataclass(frozen=True, slots=True)
class HiddenLayer:
    """The output layer over the hidden units' activations."""

    out_weights: Floats  # units x categories
    out_bias: Floats

    @classmethod
    def from_arrays(cls, arrays: dict[str, npt.NDArray[Any]], units: int, categories: int) -> HiddenLayer:
        """The layer from a weights file's arrays, refused unless each is there with the
        shape the header's ``hidden`` and the categories give it."""
        missing = [name for name in HIDDEN_ARRAYS if name not in arrays]
        if missing:
            raise ValueError(f"hidden layer arrays missing: {missing}")
        expected = {"hidden_bias": (units,), "out_weights": (units, categories), "out_bias": (categories,)}
        for name, shape in expected.items():
            if arrays[name].shape != shape:
                raise ValueError(f"hidden layer array {name} has shape {arrays[name].shape}, expected {shape}")
        return cls(
            np.asarray(arrays["out_weights"], dtype=np.float32), np.asarray(arrays["out_bias"], dtype=np.float32)
        )

    @property
    def units(self) -> int:
        return int(self.out_weights.shape[0])

    def logits(self, pre: Floats) -> Floats:
        """Each category's logit from the units' pre-activations (texts x units, biases in)."""
        result: Floats = np.maximum(pre, 0.0) @ self.out_weights + self.out_bias
        return result


def quantise(kept: npt.NDArray[np.floating[Any]]) -> tuple[npt.NDArray[np.int8], Floats]:
    """``kept`` as int8 with one scale per column, its largest magnitude at 127."""
    scale = np.maximum(np.abs(kept).max(axis=0, initial=0.0), 1e-12) / 127.0
    quantised = np.clip(np.rint(kept / scale), -127, 127).astype(np.int8)
    return quantised, scale.astype(np.float32)
