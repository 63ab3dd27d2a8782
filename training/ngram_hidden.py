"""Train a hidden layer over the hashed n-grams (the threat model's weights format 3).

The same features and rows as the logistic regressions (``train_threat_classifier.py``'s
``matrix``), into one hidden layer of ReLU units and one sigmoid per category; the
categories share the units, so what one learns of a request's words the others can use.
The input layer is an embedding bag over the feature slots, summed with each feature's
value as weight: the same sparse sum the run-time model computes
(``ThreatModel.probabilities_many``). Slots no training row has are left at zero and not
written; ``slots`` below the featuriser's folds each feature's slot modulo it, here and at
run time, so the file is a quarter of the size for 2**18.

Losses as the regressions': each category's positives weigh (negatives / positives) **
``balance``, each row its own weight (public items less). The embedding's gradients are
sparse (a batch touches a few hundred thousand of a million slots), so it takes
SparseAdam; the rest AdamW. Deterministic: fixed seed, deterministic algorithms, one
thread, batches in a seeded order. PyTorch is needed here only, never at run time.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

import numpy as np
import torch
from scipy import sparse
from torch import nn

BATCH = 512
LEARNING_RATE = 2e-3
DROPOUT = 0.2
INIT_STD = 0.1
WEIGHT_DECAY = 1e-4


@dataclass(frozen=True)
class HiddenWeights:
    """The trained layers, as ``save_hidden_weights`` writes them."""

    rows: np.ndarray  # the slots training touched
    input_weights: np.ndarray  # rows x units
    hidden_bias: np.ndarray
    out_weights: np.ndarray  # units x categories
    out_bias: np.ndarray


class NgramMlp(nn.Module):
    def __init__(self, slots: int, units: int, categories: int) -> None:
        super().__init__()
        self.inputs = nn.EmbeddingBag(slots, units, mode="sum", sparse=True)
        self.hidden_bias = nn.Parameter(torch.zeros(units))
        self.dropout = nn.Dropout(DROPOUT)
        self.out = nn.Linear(units, categories)

    def forward(self, indices: torch.Tensor, offsets: torch.Tensor, values: torch.Tensor) -> torch.Tensor:
        pre = self.inputs(indices, offsets, per_sample_weights=values) + self.hidden_bias
        return self.out(self.dropout(torch.relu(pre)))


def fold_slots(x: sparse.csr_matrix, slots: int) -> sparse.csr_matrix:
    """``x`` with each column folded modulo ``slots`` (values of columns that meet summed),
    as the run-time model folds a feature's slot."""
    if x.shape[1] == slots:
        return x
    coo = x.tocoo()
    folded = sparse.csr_matrix((coo.data, (coo.row, coo.col & (slots - 1))), shape=(x.shape[0], slots))
    folded.sum_duplicates()
    return folded


def _batch(x: sparse.csr_matrix, rows: np.ndarray) -> tuple[torch.Tensor, torch.Tensor, torch.Tensor]:
    part = x[rows]
    return (
        torch.from_numpy(part.indices.astype(np.int64)),
        torch.from_numpy(part.indptr[:-1].astype(np.int64)),
        torch.from_numpy(part.data.astype(np.float32)),
    )


def train_hidden(
    x: sparse.csr_matrix,
    targets: np.ndarray,
    weights: np.ndarray,
    *,
    units: int,
    epochs: int,
    balance: float,
    seed: int,
    slots: int,
) -> HiddenWeights:
    """The layers trained on ``x`` (rows x features) for ``targets`` (rows x categories,
    0/1), each row weighing ``weights``."""
    torch.manual_seed(seed)
    torch.use_deterministic_algorithms(True)
    torch.set_num_threads(1)
    x = fold_slots(x.astype(np.float32).tocsr(), slots)
    x.sort_indices()
    touched = np.unique(x.indices)
    model = NgramMlp(slots, units, targets.shape[1])
    with torch.no_grad():
        nn.init.normal_(model.inputs.weight, 0.0, INIT_STD)
        untouched = np.ones(slots, dtype=bool)
        untouched[touched] = False
        model.inputs.weight[torch.from_numpy(untouched)] = 0.0  # slots no row has add nothing
    sparse_step = torch.optim.SparseAdam(list(model.inputs.parameters()), lr=LEARNING_RATE)
    dense_step = torch.optim.AdamW(
        [model.hidden_bias, *model.out.parameters()], lr=LEARNING_RATE, weight_decay=WEIGHT_DECAY
    )
    y = torch.from_numpy(targets.astype(np.float32))
    w = torch.from_numpy(weights.astype(np.float32))
    positives = y.sum(dim=0)
    loss_of = nn.BCEWithLogitsLoss(
        pos_weight=((len(y) - positives) / positives.clamp(min=1)) ** balance, reduction="none"
    )
    order = np.random.default_rng(seed)
    start = time.perf_counter()
    for epoch in range(1, epochs + 1):
        model.train()
        total = 0.0
        permutation = order.permutation(x.shape[0])
        for first in range(0, x.shape[0], BATCH):
            rows = permutation[first : first + BATCH]
            loss = (loss_of(model(*_batch(x, rows)), y[rows]).mean(dim=1) * w[rows]).sum() / w[rows].sum()
            sparse_step.zero_grad()
            dense_step.zero_grad()
            loss.backward()
            sparse_step.step()
            dense_step.step()
            total += loss.item() * len(rows)
        print(
            f"hidden layer: epoch {epoch}/{epochs}, loss {total / x.shape[0]:.4f}, {time.perf_counter() - start:.0f} s",
            flush=True,
        )
    model.eval()
    with torch.no_grad():
        return HiddenWeights(
            rows=touched,
            input_weights=model.inputs.weight[torch.from_numpy(touched)].numpy().copy(),
            hidden_bias=model.hidden_bias.numpy().copy(),
            out_weights=model.out.weight.T.numpy().copy(),
            out_bias=model.out.bias.numpy().copy(),
        )
