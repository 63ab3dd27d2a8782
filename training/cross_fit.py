"""The final fit: train on the dev split too, with thresholds from out-of-fold scores.

Dev's families are written by other people in other styles than train's, and every
family the model learns from widens what it recognises; holding dev out of the shipped
weights only to pick ten thresholds wastes them. So, once settings are chosen on dev
with train-only models (``experiment.py``), the shipped model trains on train and dev,
and its thresholds come from dev scored out of fold: dev's families are dealt into
``k`` folds, a model trained on train plus the other folds scores each fold, and the
thresholds are tuned on those scores. Each fold model learns from a little less than the
shipped one, so the thresholds it yields are, if anything, cautious. Folds are whole
families, as the splits are, so a family's near-duplicates never score each other.
The test split stays out of all of it.
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from pathlib import Path

import numpy as np
from corpus import Item

from guardrail.threats.model import ThreatModel

# Trains a model on the given dev items (train's are added by the caller) and writes it to the path.
Fit = Callable[[list[Item], Path], None]


def family_folds(dev: list[Item], k: int) -> list[set[str]]:
    """Dev's families dealt into ``k`` folds, largest first, each to the fold with fewest
    items so far: folds of similar size, the same for the same corpus."""
    sizes: dict[str, int] = {}
    for item in dev:
        sizes[item.family] = sizes.get(item.family, 0) + 1
    folds: list[set[str]] = [set() for _ in range(k)]
    totals = [0] * k
    for family, size in sorted(sizes.items(), key=lambda pair: (-pair[1], pair[0])):
        smallest = totals.index(min(totals))
        folds[smallest].add(family)
        totals[smallest] += size
    return folds


def out_of_fold_scores(
    dev: list[Item], k: int, fit: Fit, score: Callable[[ThreatModel, list[Item]], np.ndarray]
) -> np.ndarray:
    """Each dev item's scores from the model that did not see its family."""
    rows: np.ndarray | None = None
    for number, families in enumerate(family_folds(dev, k), start=1):
        held = [index for index, item in enumerate(dev) if item.family in families]
        seen = [item for item in dev if item.family not in families]
        print(f"fold {number}/{k}: {len(held)} dev items held out, {len(seen)} trained on", flush=True)
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "fold.npz"
            fit(seen, path)
            scores = score(ThreatModel.load(path), [dev[index] for index in held])
        if rows is None:
            rows = np.zeros((len(dev), scores.shape[1]), dtype=np.float32)
        rows[held] = scores
    assert rows is not None, "dev is empty"
    return rows
