"""Compare training settings on the dev split, rules included, without writing weights.

    python training/experiment.py --public training/public --c 1 2 4 --balance 0.3 0.5

For each setting: trains in memory as train_threat_classifier.py does, scores the
``dev`` families (and the benign items of tests/checks/data, another set of
look-alikes), adds what the rule checks of the default policy refuse anyway (the
classifier works beside them), and prints, at the common threshold that keeps benign
refusals within ``--max-fp``, recall per category and language. Never reads ``test``.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from collections import defaultdict
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus import Item, load_corpus
from train_threat_classifier import dev_scores, held_out_benign, train_weights, training_set, write
from tuning import corroborated, corroboration_floor, refusals, rule_blocks, tune

from guardrail.threats.model import ThreatModel


def evaluate(
    scores: np.ndarray, rules: np.ndarray, dev: list[Item], categories: list[str], max_fp: float, verbose: bool
) -> str:
    benign = np.array([not item.attack for item in dev])
    top = scores.max(axis=1)
    threshold = 0.95
    for candidate in np.arange(0.2, 0.96, 0.01):
        refused = rules | (top >= candidate)
        if (refused[benign]).mean() <= max_fp:
            threshold = float(round(candidate, 2))
            break
    refused = rules | (top >= threshold)
    table: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for item, hit in zip(dev, refused, strict=True):
        keys = [item.category, f"lang:{item.lang}"] if item.attack else [f"benign:{item.looks_like or 'none'}"]
        for key in keys:
            table[key][0] += int(hit)
            table[key][1] += 1
    attacks = ~benign
    curve = []
    for candidate in (0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9):
        hits = rules | (top >= candidate)
        curve.append(f"{candidate:.1f}:{hits[attacks].mean():.0%}/{hits[benign].mean():.1%}")
    line = (
        "curve " + " ".join(curve) + "\n   " + f"threshold {threshold:.2f}: attacks {refused[attacks].mean():.1%} "
        f"(rules alone {rules[attacks].mean():.1%}), benign refused {refused[benign].mean():.1%} "
        f"of {benign.sum()}"
    )
    if verbose:
        line += "\n" + "\n".join(f"   {k:<26} {v[0]:>4}/{v[1]:<4} {v[0] / v[1]:.0%}" for k, v in sorted(table.items()))
    return line


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--public", type=Path)
    parser.add_argument("--c", type=float, nargs="+", default=[2.0])
    parser.add_argument("--balance", type=float, nargs="+", default=[0.5])
    parser.add_argument("--max-fp", type=float, default=0.02)
    parser.add_argument("--no-augment", action="store_true")
    parser.add_argument("--verbose", action="store_true")
    parser.add_argument("--nb", action="store_true")
    parser.add_argument("--dropout", type=int, default=5)
    parser.add_argument("--public-weight", type=float, nargs="+", default=[0.5])
    args = parser.parse_args()
    corpus = load_corpus()
    train = training_set(corpus, args.public, augmented=not args.no_augment, dropout_copies=args.dropout)
    dev = [item for item in corpus if item.split == "dev"] + held_out_benign()
    raw_rules, floor = rule_blocks(dev), corroboration_floor()
    for c, balance, weight in [(c, b, w) for c in args.c for b in args.balance for w in args.public_weight]:
        if True:
            coef, bias, categories = train_weights(train, c, balance, args.nb, weight)
            with tempfile.TemporaryDirectory() as folder:
                path = Path(folder) / "m.npz"
                write(path, coef, bias, categories, "experiment", "-")
                model = ThreatModel.load(path)
            scores = dev_scores(model, dev)
            rules = corroborated(raw_rules, scores, floor)
            print(
                f"C={c} balance={balance} public={weight}: "
                f"{evaluate(scores, rules, dev, categories, args.max_fp, args.verbose)}",
                flush=True,
            )
            thresholds = tune(scores, rules, dev, categories, args.max_fp)
            benign = np.array([not item.attack for item in dev])
            hit = refusals(scores, rules, categories, thresholds)
            print(
                f"   tuned: attacks {hit[~benign].mean():.1%}, benign refused {hit[benign].mean():.1%}: "
                + json.dumps(thresholds),
                flush=True,
            )


if __name__ == "__main__":
    main()
