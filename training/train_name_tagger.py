"""Trains the name tagger (``guardrail/pii/data/name-tagger.npz``) on the free-text corpus.

    python training/train_name_tagger.py [--hold-out dev61,dev62] [--c 1.0] [--threshold 0.6]
        [--version V] [--out FILE]

Reads ``benchmarks/data/pii_free/corpus.jsonl`` (rebuild it first with
``benchmarks/data/pii_free/build.py``), ``split: dev`` rows only: the ``test`` half is
never trained on, so ``benchmarks/evaluate_redaction.py --split test`` stays a held-out
figure. Every token is labelled by whether a planted PERSON span overlaps it (decoys
and every other token are negatives) and described by
:mod:`guardrail.pii.name_tagger_features`; one logistic regression (liblinear, L2,
fixed seed, rows in corpus order) learns a weight per hashed feature slot. The file
keeps the slots training touched (float16), the bias, the decision threshold, the
model id and version, and the SHA-256 of the training rows.

``--hold-out`` leaves whole parts out of training (by their ``part``), so the redactor
with the written weights can be scored on text the tagger never saw
(``evaluate_redaction.py`` on those parts); the shipped file trains on all of dev.
"""

from __future__ import annotations

import argparse
import hashlib
import json
from pathlib import Path

import numpy as np
import scipy.sparse as sp
from sklearn.linear_model import LogisticRegression

from guardrail.pii.name_tagger_features import BITS, features, tokens
from guardrail.pii.recognizers.name_tagger import FORMAT

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "benchmarks" / "data" / "pii_free" / "corpus.jsonl"
OUT = ROOT / "guardrail" / "pii" / "data" / "name-tagger.npz"
MODEL_ID = "guardrail-name-tagger"
SEED = 20261201


def labelled_rows(rows: list[dict[str, object]]) -> tuple[sp.csr_matrix, np.ndarray]:
    """The feature matrix and labels of every token of ``rows``."""
    indices: list[int] = []
    pointers = [0]
    labels: list[int] = []
    for row in rows:
        text = str(row["text"])
        names = [(int(p["start"]), int(p["end"])) for p in row["pii"] if p["type"] == "PERSON"]  # type: ignore[attr-defined]
        toks = tokens(text)
        for token, slots in zip(toks, features(text, toks), strict=True):
            indices.extend(slots)
            pointers.append(len(indices))
            labels.append(int(any(token.start < end and start < token.end for start, end in names)))
    data = np.ones(len(indices), dtype=np.float32)
    matrix = sp.csr_matrix((data, np.array(indices), np.array(pointers)), shape=(len(labels), BITS))
    matrix.sum_duplicates()  # a slot twice in a token counts twice, as run time sums it
    return matrix, np.array(labels)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--hold-out", default="", help="comma-separated parts left out of training")
    parser.add_argument("--c", type=float, default=1.0, help="inverse regularisation strength")
    parser.add_argument("--threshold", type=float, default=0.6, help="a run's lowest token probability that counts")
    parser.add_argument(
        "--strict-threshold", type=float, default=0.9, help="the same for runs the name lists know no name in"
    )
    parser.add_argument("--version", default="2026.12.03-3")
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args()
    held = {part for part in args.hold_out.split(",") if part}
    lines = args.corpus.read_text(encoding="utf-8").splitlines()
    rows = [json.loads(line) for line in lines if line.strip()]
    train = [row for row in rows if row["split"] == "dev" and row.get("part", "base") not in held]
    digest = hashlib.sha256("\n".join(json.dumps(row, ensure_ascii=False) for row in train).encode()).hexdigest()
    matrix, labels = labelled_rows(train)
    print(f"training on {len(train)} documents, {matrix.shape[0]} tokens, {int(labels.sum())} in names")
    model = LogisticRegression(C=args.c, solver="liblinear", max_iter=500, random_state=SEED)
    model.fit(matrix, labels)
    weights = model.coef_[0]
    slots = np.flatnonzero(weights).astype(np.int32)
    header = {
        "format": FORMAT,
        "bits": BITS,
        "bias": float(model.intercept_[0]),
        "threshold": args.threshold,
        "strict_threshold": args.strict_threshold,
        "model_id": MODEL_ID,
        "version": args.version,
        "seed": SEED,
        "c": args.c,
        "held_out_parts": sorted(held),
        "training_rows_sha256": digest,
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    np.savez_compressed(
        args.out, header=np.array(json.dumps(header)), slots=slots, weights=weights[slots].astype(np.float16)
    )
    print(f"wrote {args.out}: {len(slots)} slots, thresholds {args.threshold} / {args.strict_threshold}")


if __name__ == "__main__":
    main()
