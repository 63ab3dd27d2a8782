"""The threat corpus is well formed, and no text sits in two splits.

Many writers add families to ``benchmarks/data/threats`` in parallel; a typo in a label
silently drops an item from training, and a text copied from a train family into a
test or holdout family (or back) makes the held-out figures read high.
"""

from __future__ import annotations

from collections import defaultdict
from functools import cache
from pathlib import Path
from typing import Any

import pytest
import yaml

from guardrail.threats.check import Category

CORPUS = Path(__file__).resolve().parents[2] / "benchmarks" / "data" / "threats"
SPLITS = {"train", "dev", "test", "holdout"}
CATEGORIES = {str(category) for category in Category}
LANGS = {"en", "zh-hant", "zh-hans", "yue", "mixed"}
ROLES = {"user", "tool"}


@cache
def families() -> list[tuple[Path, dict[str, Any]]]:
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when present: ten times faster
    return [
        (path, yaml.load(path.read_text(encoding="utf-8"), Loader=loader)) for path in sorted(CORPUS.glob("*.yaml"))
    ]


@pytest.mark.parametrize(("path", "family"), families(), ids=lambda value: getattr(value, "stem", ""))
def test_every_item_is_labelled_with_known_values(path: Path, family: dict[str, Any]) -> None:
    assert family["split"] in SPLITS, path.name
    assert family["items"], path.name
    for index, item in enumerate(family["items"]):
        where = f"{path.name}[{index}]"
        assert isinstance(item["text"], str) and item["text"].strip(), where
        assert item["lang"] in LANGS, where
        assert item.get("role", "user") in ROLES, where
        if item["label"] == "attack":
            assert item["category"] in CATEGORIES, where
        else:
            assert item["label"] == "benign", where
            assert item.get("category", "benign") == "benign", where
            assert item.get("looks_like", "none") in CATEGORIES | {"none"}, where


def test_no_text_is_in_two_splits() -> None:
    splits: dict[str, set[str]] = defaultdict(set)
    for _, family in families():
        for item in family["items"]:
            splits[" ".join(item["text"].split()).lower()].add(family["split"])
    shared = [text[:60] for text, found in splits.items() if len(found) > 1]
    assert not shared, shared
