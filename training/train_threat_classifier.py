"""Train the threat classifier's weights, reproducibly, and report dev figures.

    python training/train_threat_classifier.py [--public DIR] [--c 2.0] [--version V]
    python training/train_threat_classifier.py --hidden 64 [--epochs 4] --out FILE   # format 3

Trains one logistic regression per category (one-vs-rest, class-balanced) on the
``split: train`` families of ``benchmarks/data/threats`` (plus public data prepared
by ``prepare_public_data.py`` into ``--public``, if given; see training/README.md),
over the package's own hashed n-gram features, so training and run time share one
featuriser; then the dense part over the sentence encoder (``dense_head.py``). Writes
``guardrail/threats/data/threat-classifier.npz`` (the n-grams: the weights of the
feature slots training touched, quantised to int8 per category, with the model id,
version and a digest of the training data) and ``threat-classifier-dense.npz`` (the
same n-grams and the dense part's head). With ``--hidden``, a hidden layer over the
same n-grams and rows instead (``ngram_hidden.py``), written to one file of format 3.
Then scores the ``dev`` families
through the written file (windows and all, as the check does) and prints recall per
category and language and the benign items refused, for thresholds chosen here.
The ``test`` families are never read.

Deterministic: fixed seeds, a deterministic solver, items in file order.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import random
import re
import sys
import time
from collections import Counter, defaultdict
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import numpy as np
from scipy import sparse
from sklearn.linear_model import LogisticRegression

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from budget import choose_budget, shortfall
from corpus import Item, load_corpus, load_jsonl
from cross_fit import out_of_fold_scores
from documents import documents
from tuning import (
    corpus_look_alikes,
    corroborated,
    corroboration_floor,
    look_alikes,
    lower_harm,
    refusals,
    rule_blocks,
    tune,
)

from guardrail.threats.check import Category
from guardrail.threats.encoder import pretrained_layers, table_digest
from guardrail.threats.features import DIMENSIONS, vectorize
from guardrail.threats.fold import fold
from guardrail.threats.model import ThreatModel, save_hidden_weights, save_weights

CATEGORIES = tuple(str(category) for category in Category)  # the check's categories, in its order
MODEL_ID = "guardrail-threat-ngram"
DENSE_MODEL_ID = "guardrail-threat-ngram-use"
HIDDEN_MODEL_ID = "guardrail-threat-ngram-hidden"
PIECE_CHARS = 300  # the dense part's windows: runs of whole sentences up to this long
PUBLIC_WEIGHT = 0.5
OUT = ROOT / "guardrail" / "threats" / "data" / "threat-classifier.npz"  # n-grams alone (model: builtin)
DENSE_OUT = OUT.with_name("threat-classifier-dense.npz")  # the same n-grams and the dense part (builtin-dense)
HIDDEN_OUT = OUT.with_name("threat-classifier-hidden.npz")  # a hidden layer over the n-grams (builtin-hidden)
# The hidden layer's input folded into 2**18 slots: over the n-grams' 2**20 the file is
# 54 MB (every slot is touched), folded about a quarter of that.
HIDDEN_SLOTS = 1 << 18
SEED = 20261130
OOF = Path(__file__).resolve().parent / "public" / "out_of_fold.npz"  # the last --fit-dev's dev scores, for --retune
HIDDEN_OOF = OOF.with_name("out_of_fold-hidden.npz")  # the same for --fit-dev --hidden


def labels(item: Item) -> set[str]:
    """The categories an item is positive for: its own, and jailbreak when wrapped in one."""
    if not item.attack:
        return set()
    found = {item.category}
    if item.wrapped:
        found.add("jailbreak")
    return found & set(CATEGORIES)


def matrix(texts: list[str]) -> sparse.csr_matrix:
    rows, cols, vals = [], [], []
    for number, text in enumerate(texts):
        indices, values = vectorize(fold(text))
        rows.extend([number] * len(indices))
        cols.extend(indices.tolist())
        vals.extend(values.tolist())
    return sparse.csr_matrix((vals, (rows, cols)), shape=(len(texts), DIMENSIONS), dtype=np.float64)


def augment(train: list[Item], rng: random.Random) -> list[Item]:
    """Attacks again, inside ordinary text: a request is as harmful with chatter around it,
    and the check scores whole windows, where chatter dilutes the request's n-grams."""
    fillers = [item.text for item in train if not item.attack and len(item.text) < 300]
    if not fillers:
        return []
    extra = []
    for item in train:
        if item.attack and len(item.text) < 400:
            before, after = rng.choice(fillers), rng.choice(fillers)
            text = f"{before}\n\n{item.text}" if rng.random() < 0.5 else f"{item.text}\n\n{after}"
            extra.append(
                Item(
                    text,
                    item.label,
                    item.category,
                    item.lang,
                    item.family + "+mix",
                    item.split,
                    item.role,
                    item.wrapped,
                )
            )
    return extra


def dropout(train: list[Item], rng: random.Random, copies: int, rate: float) -> list[Item]:
    """Copies of each corpus item with some words (Chinese: characters) left out, so that
    no one n-gram carries an item: unseen phrasings share some words, rarely all."""
    extra = []
    for item in train:
        if item.family.startswith("public:"):
            continue
        for _ in range(copies):
            pieces = re.findall(r"\w+|\W+", item.text) if item.text.isascii() else list(item.text)
            kept = "".join(p for p in pieces if not p.strip() or rng.random() >= rate)
            extra.append(
                Item(
                    kept,
                    item.label,
                    item.category,
                    item.lang,
                    item.family + "+drop",
                    item.split,
                    item.role,
                    item.wrapped,
                    item.looks_like,
                )
            )
    return extra


def training_set(
    corpus: list[Item], public: Path | None, *, augmented: bool, dropout_copies: int, extra: Sequence[Item] = ()
) -> list[Item]:
    """The train split (and ``extra`` items: dev's, for the final fit), plus ordinary
    documents (``documents``), plus the prepared public data, plus the augmented and word-dropout copies, each drawn with the fixed
    seed: what both this script and experiments train on."""
    train = [item for item in corpus if item.split == "train"] + list(extra) + documents("dev", random.Random(SEED))
    if public:
        train += load_jsonl(sorted(public.glob("*.jsonl")))
    if augmented:
        train += augment(train, random.Random(SEED))
    if dropout_copies:
        train += dropout(train, random.Random(SEED), dropout_copies, 0.2)
    return train


def present_categories(train: list[Item]) -> list[str]:
    """The categories with enough positives to learn (five), in the check's order."""
    return [name for name in CATEGORIES if sum(name in labels(item) for item in train) >= 5]


def public_weights(train: list[Item], public_weight: float) -> np.ndarray:
    """Each row's weight: public data is plentiful and plain; the corpus's own items
    (look-alikes above all) should not be outvoted by it."""
    return np.array([public_weight if item.family.startswith("public:") else 1.0 for item in train])


def train_weights(
    train: list[Item], c: float, balance: float, nb: bool = False, public_weight: float = 0.5
) -> tuple[np.ndarray, np.ndarray, list[str]]:
    x = matrix([item.text for item in train])
    weights = public_weights(train, public_weight)
    present_x = abs(x).sign().tocsc()
    present = present_categories(train)
    coef = np.zeros((DIMENSIONS, len(present)), dtype=np.float64)
    bias = np.zeros(len(present), dtype=np.float64)

    def fit_one(column: int, name: str) -> None:
        y = np.array([name in labels(item) for item in train], dtype=np.int64)
        # Positives weigh (negatives / positives) ** balance: 1 is fully balanced, which
        # puts text unlike anything seen near 0.5; 0 leaves rare categories unlearnt.
        weight = (len(y) - y.sum()) / max(1, y.sum())
        model = LogisticRegression(
            C=c, class_weight={0: 1.0, 1: float(weight**balance)}, solver="liblinear", max_iter=2000, random_state=SEED
        )
        if nb:
            # NB-SVM (Wang & Manning 2012): features scaled by their log-count ratio
            # between positives and negatives; folded into the weights afterwards.
            p = 1.0 + np.asarray(present_x[y == 1].sum(axis=0)).ravel()
            q = 1.0 + np.asarray(present_x[y == 0].sum(axis=0)).ravel()
            r = np.log((p / p.sum()) / (q / q.sum()))
            model.fit(x @ sparse.diags(r), y, sample_weight=weights)
            coef[:, column] = model.coef_[0] * r
        else:
            model.fit(x, y, sample_weight=weights)
            coef[:, column] = model.coef_[0]
        bias[column] = model.intercept_[0]

    # One category's fit is independent of the others' and liblinear releases the GIL, so
    # they run side by side in threads over the one matrix: the same weights, in about
    # half the time on two cores.
    with ThreadPoolExecutor(max_workers=os.cpu_count() or 1) as pool:
        list(pool.map(fit_one, range(len(present)), present))
    return coef, bias, present


def train_hidden_layer(train: list[Item], args: argparse.Namespace, path: Path) -> list[str]:
    """The format-3 model: a hidden layer over the regressions' features and rows, with
    their class balance and row weights, written to ``path``; its categories."""
    from ngram_hidden import train_hidden  # PyTorch only when a hidden layer is trained

    start = time.perf_counter()
    x = matrix([item.text for item in train])
    print(f"features: {x.shape[0]} rows, {x.nnz} values, {time.perf_counter() - start:.0f} s", flush=True)
    categories = present_categories(train)
    targets = np.array([[name in labels(item) for name in categories] for item in train], dtype=np.float32)
    layers = train_hidden(
        x,
        targets,
        public_weights(train, args.public_weight),
        units=args.hidden,
        epochs=args.epochs,
        balance=args.balance,
        seed=SEED,
        slots=args.slots,
    )
    save_hidden_weights(
        path,
        layers.rows,
        layers.input_weights,
        layers.hidden_bias,
        layers.out_weights,
        layers.out_bias,
        categories,
        HIDDEN_MODEL_ID,
        args.version,
        slots=args.slots,
        training_data_sha256=data_digest(train),
        seed=SEED,
        epochs=args.epochs,
    )
    print(f"trained and written in {time.perf_counter() - start:.0f} s", flush=True)
    return categories


def write(
    path: Path,
    coef: np.ndarray,
    bias: np.ndarray,
    categories: list[str],
    version: str,
    digest: str,
    dense: dict[str, np.ndarray] | None = None,
    dense_weight: float = 0.5,
) -> None:
    dense_header = None
    if dense is not None:
        _, eps = pretrained_layers()
        dense_header = {"weight": dense_weight, "eps": eps, "piece_chars": PIECE_CHARS, "table_sha256": table_digest()}
    save_weights(
        path,
        coef,
        bias,
        categories,
        MODEL_ID if dense is None else DENSE_MODEL_ID,
        version,
        dense=dense,
        dense_header=dense_header,
        training_data_sha256=digest,
        seed=SEED,
    )


def dense_targets(train: list[Item], categories: list[str]) -> tuple[np.ndarray, np.ndarray]:
    """One 0/1 column per category, and each item's weight (public items weigh less)."""
    targets = np.array([[name in labels(item) for name in categories] for item in train], dtype=np.float32)
    weights = np.array([PUBLIC_WEIGHT if item.family.startswith("public:") else 1.0 for item in train])
    return targets, weights


def data_digest(items: list[Item]) -> str:
    digest = hashlib.sha256()
    for item in items:
        digest.update(json.dumps([item.text, sorted(labels(item))], ensure_ascii=False).encode())
    return digest.hexdigest()


def dev_scores(model: ThreatModel, items: list[Item]) -> np.ndarray:
    scores = np.zeros((len(items), len(model.categories)), dtype=np.float32)
    for row, item in enumerate(items):
        for column, found in enumerate(model.score(item.text, budget_ms=60_000)):
            scores[row, column] = found.score
    return scores


def dev_report(
    scores: np.ndarray, rules: np.ndarray, dev: list[Item], categories: list[str], thresholds: dict[str, float]
) -> str:
    """Recall per category and language, benign refused per look-alike kind, rules counted in."""
    hit = refusals(scores, rules, categories, thresholds)
    table: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for item, refused in zip(dev, hit, strict=True):
        keys = [item.category, f"lang:{item.lang}"] if item.attack else [f"benign:{item.looks_like or 'none'}"]
        for key in keys:
            table[key][0] += int(refused)
            table[key][1] += 1
    benign = np.array([not item.attack for item in dev])
    corpus = corpus_look_alikes(dev)
    lines = [
        (
            f"dev: attacks refused {hit[~benign].mean():.1%} (rules alone {rules[~benign].mean():.1%}), "
            f"corpus look-alikes refused {hit[corpus].mean():.1%} of {corpus.sum()} "
            f"(rules alone {rules[corpus].mean():.1%})"
        )
    ]
    lines += [f"  {key:<28} {v[0]:>4}/{v[1]:<4} {v[0] / v[1]:6.1%}" for key, v in sorted(table.items())]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--public", type=Path, help="folder of prepared public *.jsonl (train only)")
    parser.add_argument("--c", type=float, default=4.0, help="inverse regularisation strength")
    parser.add_argument("--balance", type=float, default=0.5, help="0 unweighted .. 1 class-balanced")
    parser.add_argument("--max-fp", type=float, default=0.03, help="benign refusals allowed on dev")
    parser.add_argument(
        "--target-fp",
        type=float,
        help="choose --max-fp by nested cross-validation on dev: the budget whose refusals in folds the "
        "thresholds were not tuned on fall least short of 90%% of attacks and this share of look-alikes (budget.py)",
    )
    parser.add_argument("--no-augment", action="store_true")
    parser.add_argument("--public-weight", type=float, default=0.5, help="weight of each public item")
    parser.add_argument("--dropout", type=int, default=5, help="copies of each corpus item with words left out")
    parser.add_argument("--dense-epochs", type=int, default=20, help="epochs of the dense part; 0: n-grams only")
    parser.add_argument(
        "--encoder-lr", type=float, default=0.0, help="learning rate of the encoder's layers; 0 freezes"
    )
    parser.add_argument("--dense-weight", type=float, default=0.5, help="the dense part's share of each score")
    parser.add_argument(
        "--hidden", type=int, default=0, metavar="H", help="train a hidden layer of H units over the n-grams instead"
    )
    parser.add_argument("--epochs", type=int, default=4, help="epochs of the hidden layer (--hidden)")
    parser.add_argument(
        "--slots", type=int, default=HIDDEN_SLOTS, help="feature slots the hidden layer's input is folded into"
    )
    parser.add_argument(
        "--tune-only", action="store_true", help="train nothing: score dev with --out as it is and tune thresholds"
    )
    parser.add_argument(
        "--fit-dev",
        type=int,
        default=0,
        metavar="K",
        help="the final fit: the model trained on train and dev, thresholds from K-fold out-of-fold dev scores",
    )
    parser.add_argument(
        "--retune",
        action="store_true",
        help="train nothing: tune thresholds again on the out-of-fold scores the last --fit-dev saved",
    )
    parser.add_argument(
        "--harm-offset",
        type=float,
        default=0.0,
        help="lower the harm categories' tuned thresholds by this much: dev's look-alikes are near-twins written "
        "to be confused, harder than what strangers write (the shipped 0.05 was chosen on blind holdouts, README)",
    )
    parser.add_argument("--version", default="2026.11.30-3")
    parser.add_argument(
        "--out", type=Path, help=f"the n-gram model (default {OUT.name}; with --hidden, {HIDDEN_OUT.name})"
    )
    parser.add_argument("--dense-out", type=Path, default=DENSE_OUT, help="the n-grams and the dense part")
    args = parser.parse_args()
    args.out = args.out or (HIDDEN_OUT if args.hidden else OUT)

    corpus = load_corpus()
    dev = [item for item in corpus if item.split == "dev"]
    if args.tune_only:
        for path in (args.out, args.dense_out):
            if path.exists():
                print(f"== {path.name}")
                report(ThreatModel.load(path), dev + held_out_benign(), args.max_fp)
        return
    if args.retune:
        oof = HIDDEN_OOF if args.hidden else OOF
        saved = np.load(oof)
        checks = held_out_benign()
        model = ThreatModel.load(args.out)
        if str(saved["digest"]) != data_digest(dev):
            raise SystemExit(f"{oof} was saved for another dev split: run --fit-dev again")
        scores = np.vstack([saved["scores"], dev_scores(model, checks)])
        report_scores(scores, dev + checks, list(model.categories), args.max_fp, args.target_fp, args.harm_offset)
        return
    if args.fit_dev:
        fit_with_dev(corpus, dev, args)
        return
    train = training_set(corpus, args.public, augmented=not args.no_augment, dropout_copies=args.dropout)
    counts = Counter(category for item in train for category in labels(item))
    print(f"train: {len(train)} items ({sum(not i.attack for i in train)} benign), positives {dict(counts)}")
    if args.hidden:
        categories = train_hidden_layer(train, args, args.out)
        print(f"wrote {args.out} ({args.out.stat().st_size // 1024} KB), categories {categories}")
        report(ThreatModel.load(args.out), dev + held_out_benign(), args.max_fp)
        return
    coef, bias, categories = train_weights(train, args.c, args.balance, public_weight=args.public_weight)
    dense = None
    if args.dense_epochs:
        from dense_head import train_dense  # PyTorch only when the dense part is trained

        # The dense part learns from the corpus and public data as written, without the
        # n-gram part's word-dropout copies (meaning, not words, is what it learns).
        plain = [item for item in train if not item.family.endswith("+drop")]
        targets, weights = dense_targets(plain, categories)
        dense = train_dense(
            [item.text for item in plain],
            targets,
            weights,
            epochs=args.dense_epochs,
            encoder_lr=args.encoder_lr,
            seed=SEED,
        )
    written = [args.out]
    write(args.out, coef, bias, categories, args.version, data_digest(train))
    if dense is not None:
        write(args.dense_out, coef, bias, categories, args.version, data_digest(train), dense, args.dense_weight)
        written.append(args.dense_out)
    for path in written:
        print(f"wrote {path} ({path.stat().st_size // 1024} KB), categories {categories}")
        if dev:
            report(ThreatModel.load(path), dev + held_out_benign(), args.max_fp)


def held_out_benign() -> list[Item]:
    """Benign texts no model trains on, scored beside dev: the look-alikes of
    tests/checks and the personal-data corpus's test documents."""
    return look_alikes() + documents("test", random.Random(SEED))


def fit_with_dev(corpus: list[Item], dev: list[Item], args: argparse.Namespace) -> None:
    """Train the shipped model (the regressions, or with ``--hidden`` the hidden layer) on
    train and dev; tune thresholds on dev scored out of fold (``cross_fit``) and on the
    look-alikes of tests/checks scored by the shipped model (no model trains on those).
    The dense file is left as it is."""

    def fit(extra: list[Item], path: Path) -> None:
        items = training_set(
            corpus, args.public, augmented=not args.no_augment, dropout_copies=args.dropout, extra=extra
        )
        if args.hidden:
            train_hidden_layer(items, args, path)
            return
        coef, bias, categories = train_weights(items, args.c, args.balance, public_weight=args.public_weight)
        write(path, coef, bias, categories, args.version, data_digest(items))

    scores = out_of_fold_scores(dev, args.fit_dev, fit, dev_scores)
    oof = HIDDEN_OOF if args.hidden else OOF
    oof.parent.mkdir(exist_ok=True)
    np.savez(oof, scores=scores, digest=np.array(data_digest(dev)))
    fit(dev, args.out)
    model = ThreatModel.load(args.out)
    print(f"wrote {args.out} ({args.out.stat().st_size // 1024} KB), trained on train and dev")
    checks = held_out_benign()
    report_scores(
        np.vstack([scores, dev_scores(model, checks)]),
        dev + checks,
        list(model.categories),
        args.max_fp,
        args.target_fp,
        args.harm_offset,
    )


def report(model: ThreatModel, dev: list[Item], max_fp: float) -> None:
    """Score ``dev`` through the weights file as the check does, tune one threshold per
    category, and print recall and refusals with them."""
    report_scores(dev_scores(model, dev), dev, list(model.categories), max_fp)


def report_scores(
    scores: np.ndarray,
    dev: list[Item],
    categories: list[str],
    max_fp: float,
    target_fp: float | None = None,
    harm_offset: float = 0.0,
) -> None:
    """Tune thresholds on ``scores`` (to ``max_fp``, or to the budget ``target_fp`` leads to)
    and print what they refuse; ``harm_offset`` lowers the harm categories' thresholds
    (not jailbreak's or injection's) by that much after tuning (see ``--harm-offset``)."""
    rules = corroborated(rule_blocks(dev), scores, corroboration_floor())
    if target_fp is not None:
        max_fp, rows = choose_budget(scores, rules, dev, categories, target_fp)
        for row in rows:
            print(
                f"budget {row.budget:.2%}: nested attacks refused {row.attacks:.1%}, look-alikes {row.look_alikes:.1%}, "
                f"shortfall {shortfall(row, target_fp):.2f}"
            )
        print(f"budget chosen for a {target_fp:.1%} target: {max_fp:.2%}")
    thresholds = tune(scores, rules, dev, categories, max_fp)
    if harm_offset:
        thresholds = lower_harm(scores, rules, dev, categories, thresholds, harm_offset)
    print(dev_report(scores, rules, dev, categories, thresholds))
    print("thresholds for the policy: " + json.dumps(thresholds))


if __name__ == "__main__":
    main()
