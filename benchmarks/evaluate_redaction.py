"""Recall per entity type and language, and decoys kept, on a labelled corpus.

    python benchmarks/evaluate_redaction.py [CORPUS.jsonl] [--policy NAME|FILE] [--show-leaks]

The corpus defaults to ../shared/data/pii_dev.jsonl; the rules are those of its README.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from guardrail.pii.check import personal_data_redactor
from guardrail.pii.evaluation import STRUCTURED, score_corpus
from guardrail.policy import load_policy

DEFAULT_CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "pii_dev.jsonl"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("corpus", nargs="?", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--policy", default="hk-genai-2025")
    parser.add_argument("--show-leaks", action="store_true", help="print ids and types (never values) of leaks")
    args = parser.parse_args()
    rows = [json.loads(line) for line in args.corpus.read_text(encoding="utf-8").splitlines() if line.strip()]
    redactor = personal_data_redactor(load_policy(args.policy))

    def redact(text: str) -> str:
        return redactor.redact(text).text

    by_type = score_corpus(rows, redact)
    by_lang = score_corpus(rows, redact, by="lang")
    print(f"corpus: {args.corpus} ({len(rows)} prompts), policy: {args.policy}")
    print(f"{'type':<16}{'planted':>8}{'removed':>9}{'rate':>9}")
    for key in sorted(by_lang.planted):
        print(f"{key:<16}{by_lang.planted[key]:>8}{by_lang.removed[key]:>9}{by_lang.rate([key]):>9.1%}")
    print("-" * 42)
    print(f"structured identifiers ({', '.join(STRUCTURED)}): {by_type.rate(STRUCTURED):.1%}")
    print(f"names:     {by_type.rate(['PERSON']):.1%}")
    print(f"addresses: {by_type.rate(['ADDRESS']):.1%}")
    print(f"decoys kept: {by_type.decoys_kept}/{by_type.decoys} = {by_type.decoy_rate:.1%}")
    if args.show_leaks:
        for row_id, kind, lang in by_type.leaks:
            print(f"leak: {row_id} {kind} {lang}")
        for row_id in by_type.lost_decoys:
            print(f"decoy lost: {row_id}")


if __name__ == "__main__":
    main()
