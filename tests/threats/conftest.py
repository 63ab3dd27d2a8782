"""A toy threat model whose scores are known exactly, for testing the check's logic.

Its only weights sit on the features of a few made-up trigger words, so a text scores
high for a category exactly when it holds that category's word, whatever the real
model's weights are this week.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from guardrail.threats.features import DIMENSIONS, vectorize
from guardrail.threats.fold import fold
from guardrail.threats.model import ThreatModel, save_weights

CATEGORIES = ["jailbreak", "indirect_injection", "illegal_drugs", "discrimination"]
TRIGGERS = {
    "jailbreak": "zorblax",
    "indirect_injection": "quuxinject",
    "illegal_drugs": "snarfdrug",
    "discrimination": "blorpbias",
}


@pytest.fixture(scope="session")
def toy_weights(tmp_path_factory: pytest.TempPathFactory) -> Path:
    coef = np.zeros((DIMENSIONS, len(CATEGORIES)))
    for column, category in enumerate(CATEGORIES):
        indices, values = vectorize(fold(TRIGGERS[category]))
        coef[indices, column] = 40.0 * np.sign(values)
    path = tmp_path_factory.mktemp("toy") / "toy.npz"
    save_weights(path, coef, np.full(len(CATEGORIES), -6.0), CATEGORIES, "toy-model", "0.1")
    return path


@pytest.fixture(scope="session")
def toy_model(toy_weights: Path) -> ThreatModel:
    return ThreatModel.load(toy_weights)
