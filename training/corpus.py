"""Reading the threat corpus (``benchmarks/data/threats``) and prepared public data.

The corpus is one YAML file per family, each with its split (see the corpus's
README in ``benchmarks/data/threats``). Public data, where used, is prepared by
``training/prepare_public_data.py`` into JSON Lines files of the same items
(``text``, ``label``, ``category``, ``lang``) and only ever joins the train split.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

import yaml

CORPUS = Path(__file__).resolve().parents[1] / "benchmarks" / "data" / "threats"


@dataclass(frozen=True, slots=True)
class Item:
    """One labelled text."""

    text: str
    label: str  # attack | benign
    category: str  # the attack's category, or "benign"
    lang: str
    family: str
    split: str
    role: str = "user"
    wrapped: bool = False
    looks_like: str = ""

    @property
    def attack(self) -> bool:
        return self.label == "attack"


def load_corpus(folder: Path = CORPUS) -> list[Item]:
    """Every item of every family file in ``folder``, files in name order."""
    items: list[Item] = []
    for path in sorted(folder.glob("*.yaml")):
        items.extend(load_family(path))
    return items


def load_family(path: Path) -> Iterator[Item]:
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    family = str(data.get("family") or path.stem)
    split = str(data.get("split") or "train")
    for raw in data.get("items") or []:
        if not isinstance(raw, dict) or not isinstance(raw.get("text"), str):
            continue
        yield Item(
            text=raw["text"],
            label=str(raw.get("label", "")),
            category=str(raw.get("category", "benign")),
            lang=str(raw.get("lang", "en")),
            family=family,
            split=split,
            role=str(raw.get("role", "user")),
            wrapped=bool(raw.get("wrapped", False)),
            looks_like=str(raw.get("looks_like", "")),
        )


def load_jsonl(paths: Iterable[Path], family_prefix: str = "public") -> list[Item]:
    """Prepared public items (train split only)."""
    items: list[Item] = []
    for path in paths:
        with path.open(encoding="utf-8") as lines:
            for line in lines:
                row = json.loads(line)
                items.append(
                    Item(
                        text=row["text"],
                        label=row["label"],
                        category=row.get("category", "benign"),
                        lang=row.get("lang", "en"),
                        family=f"{family_prefix}:{path.stem}",
                        split="train",
                        role=row.get("role", "user"),
                        wrapped=bool(row.get("wrapped", False)),
                    )
                )
    return items
