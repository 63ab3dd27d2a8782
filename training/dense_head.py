"""Train the threat model's dense part: the sentence encoder's upper layers and a head.

The encoder (``guardrail/threats/encoder.py``) is rebuilt here in PyTorch from the same
layers, starting from the pretrained ones (``pretrained_layers``), so its output at the
start equals the run-time NumPy encoder's. Training fits a head (one hidden layer, one
sigmoid per category) and, at a smaller learning rate, the encoder's layers above its
frozen piece-embedding table. Texts are folded and cut into pieces exactly as at run
time (``fold``, ``PieceTable.pieces``). The result is a dict of arrays, named as
``DenseHead.from_arrays`` reads them.

Deterministic: fixed seed, deterministic algorithms, one thread order of batches.
PyTorch is needed here only (``pip install -e ".[training]"``), never at run time.
"""

from __future__ import annotations

import random
from collections.abc import Sequence

import numpy as np
import torch
import torch.nn.functional as F
from torch import nn

from guardrail.threats.encoder import (
    BRANCH,
    LAYERS,
    ORDERS,
    PieceTable,
    load_piece_table,
    pretrained_layers,
    table_digest,
)
from guardrail.threats.fold import fold

TRAIN_PIECES = 192  # pieces per item in training; longer items are cut (run-time windows are short)
HIDDEN = 256


class TorchEncoder(nn.Module):
    """The run-time encoder's forward pass, with its layers as trainable parameters."""

    def __init__(self, pieces: PieceTable) -> None:
        super().__init__()
        layers, self.eps = pretrained_layers()
        self.layers = nn.ParameterDict({name: nn.Parameter(torch.tensor(layers[name])) for name in LAYERS})
        self.register_buffer("table", torch.tensor(pieces.table))
        self.register_buffer("scale", torch.tensor(pieces.scale))
        self.register_buffer("low", torch.tensor(pieces.low))

    def forward(self, ids: torch.Tensor, mask: torch.Tensor) -> torch.Tensor:
        w = self.layers
        chunk = ids % len(self.scale)
        embedded = self.table[ids].float() * self.scale[chunk][..., None] + self.low[chunk][..., None]
        projected = F.layer_norm(
            embedded @ w["proj"] + w["proj_b"], (3 * BRANCH,), w["ln_in_g"], w["ln_in_b"], self.eps
        )
        inside = mask[..., None]
        branches = [embedded]
        for index, (width, left) in enumerate(ORDERS):
            x = projected[..., index * BRANCH : (index + 1) * BRANCH] * inside
            hidden = self._convolve(x, width, left, w[f"w1_{width}"], w[f"b1_{width}"], inside) + x
            branches.append(self._convolve(hidden, width, left, w[f"w2_{width}"], w[f"b2_{width}"], inside) + hidden)
        features = torch.cat(branches, -1)
        features = F.layer_norm(features, (features.shape[-1],), w["ln_g"], w["ln_b"], self.eps) * inside
        counts = mask.sum(1, keepdim=True)
        pooled = (features.sum(1) @ w["pool_w"] + counts * w["pool_b"]) / counts.sqrt()
        first = F.relu(pooled @ w["d0"])
        middle = F.relu(pooled @ w["p1"] + first @ w["d1"])
        last = F.relu(middle @ w["d2"])
        out = torch.tanh(middle @ w["p3"] + last @ w["d3"])
        return out / out.norm(dim=-1, keepdim=True).clamp_min(self.eps**0.5)

    @staticmethod
    def _convolve(
        x: torch.Tensor, width: int, left: int, weight: torch.Tensor, bias: torch.Tensor, inside: torch.Tensor
    ) -> torch.Tensor:
        padded = F.pad(x, (0, 0, left, width - 1 - left))
        around = torch.cat([padded[:, k : k + x.shape[1]] for k in range(width)], -1)
        return F.relu(around @ weight + bias) * inside


def batch(pieces: PieceTable, texts: Sequence[str], limit: int) -> tuple[torch.Tensor, torch.Tensor]:
    """Piece ids (padded with 0) and a mask, for folded ``texts``."""
    rows = [pieces.pieces(fold(text))[:limit] for text in texts]
    width = max(len(row) for row in rows)
    ids = np.zeros((len(rows), width), dtype=np.int64)
    mask = np.zeros((len(rows), width), dtype=np.float32)
    for number, row in enumerate(rows):
        ids[number, : len(row)] = row
        mask[number, : len(row)] = 1.0
    return torch.tensor(ids), torch.tensor(mask)


def train_dense(
    texts: Sequence[str],
    targets: np.ndarray,
    sample_weights: np.ndarray,
    *,
    epochs: int,
    encoder_lr: float,
    head_lr: float = 1e-3,
    seed: int,
    batch_size: int = 32,
) -> dict[str, np.ndarray]:
    """The encoder's layers and the head, trained on ``texts`` against ``targets`` (one
    column per category, 0 or 1); ``encoder_lr`` 0 keeps the pretrained encoder."""
    torch.manual_seed(seed)
    torch.use_deterministic_algorithms(True)
    order = list(range(len(texts)))
    shuffle = random.Random(seed)
    pieces = load_piece_table(table_digest())
    encoder = TorchEncoder(pieces)
    head = nn.Sequential(nn.Linear(512, HIDDEN), nn.ReLU(), nn.Dropout(0.1), nn.Linear(HIDDEN, targets.shape[1]))
    groups: list[dict[str, object]] = [{"params": head.parameters(), "lr": head_lr}]
    if encoder_lr > 0:
        groups.append({"params": encoder.parameters(), "lr": encoder_lr})
    else:
        encoder.requires_grad_(False)
    optimiser = torch.optim.AdamW(groups, weight_decay=1e-4)  # type: ignore[arg-type]
    y = torch.tensor(targets, dtype=torch.float32)
    weight = torch.tensor(sample_weights, dtype=torch.float32)
    positives = y.sum(0)
    # Rare categories weigh more, by the square root of how rare they are.
    pos_weight = ((len(y) - positives) / positives.clamp_min(1)).sqrt()
    frozen = None
    if encoder_lr <= 0:  # the encoder's vectors never change: compute them once
        with torch.no_grad():
            encoder.eval()
            frozen = torch.cat(
                [encoder(*batch(pieces, texts[i : i + 64], TRAIN_PIECES)) for i in range(0, len(texts), 64)]
            )
    for _ in range(epochs):
        encoder.train()
        head.train()
        shuffle.shuffle(order)
        for first in range(0, len(order), batch_size):
            rows = order[first : first + batch_size]
            vectors = (
                frozen[rows] if frozen is not None else encoder(*batch(pieces, [texts[i] for i in rows], TRAIN_PIECES))
            )
            logits = head(vectors)
            loss = F.binary_cross_entropy_with_logits(logits, y[rows], pos_weight=pos_weight, reduction="none")
            loss = (loss.mean(1) * weight[rows]).mean()
            optimiser.zero_grad()
            loss.backward()
            optimiser.step()
    # A frozen encoder's layers are the package's own: only tuned ones are written.
    arrays = {name: value.detach().numpy().copy() for name, value in encoder.layers.items()} if frozen is None else {}
    arrays["head_w1"] = head[0].weight.detach().numpy().T.copy()
    arrays["head_b1"] = head[0].bias.detach().numpy().copy()
    arrays["head_w2"] = head[3].weight.detach().numpy().T.copy()
    arrays["head_b2"] = head[3].bias.detach().numpy().copy()
    return arrays
