"""Recall per entity type and language, and decoys kept, on a labelled corpus.

    python benchmarks/evaluate_redaction.py [CORPUS.jsonl] [--policy NAME|FILE]
        [--split dev|test|all] [--show-leaks]

The corpus defaults to the project's own span-labelled free-text corpus
(benchmarks/data/pii_free/corpus.jsonl), scored on the redactor's findings: per type and language, values planted, removed,
fully covered, findings made and findings that overlap no planted value (precision),
and per language the decoys a finding touched. Leaks are printed by id, type,
language and genre, never by value. A templated corpus whose rows list values without
offsets (the team's older regression set) is scored on the redacted text alone.
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from guardrail.pii.check import personal_data_redactor
from guardrail.pii.evaluation import (
    ALL,
    STRUCTURED,
    Found,
    Tally,
    score_corpus,
    score_spans,
    span_labelled,
)
from guardrail.pii.redactor import Redactor
from guardrail.policy import load_policy

DEFAULT_CORPUS = Path(__file__).resolve().parent / "data" / "pii_free" / "corpus.jsonl"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("corpus", nargs="?", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--policy", default="hk-genai-2025")
    parser.add_argument(
        "--split",
        choices=["dev", "test", "all"],
        default="all",
        help="rows of this split only (span-labelled corpora)",
    )
    parser.add_argument(
        "--show-leaks",
        action="store_true",
        help="print id, type, language and genre (never values) of leaks and damaged decoys",
    )
    args = parser.parse_args()
    rows = [json.loads(line) for line in args.corpus.read_text(encoding="utf-8").splitlines() if line.strip()]
    if args.split != "all":
        if not all("split" in row for row in rows):
            parser.error(f"{args.corpus} has no 'split' field; use --split all")
        rows = [row for row in rows if row["split"] == args.split]
    if not rows:
        parser.error(f"no rows in {args.corpus} for --split {args.split}")
    redactor = personal_data_redactor(load_policy(args.policy))
    print(f"corpus: {args.corpus} ({len(rows)} documents, split {args.split}), policy: {args.policy}")
    if span_labelled(rows):
        _report_spans(rows, redactor, args.show_leaks)
    else:
        _report_values(rows, redactor, args.show_leaks)


def _report_values(rows: list[dict[str, Any]], redactor: Redactor, show_leaks: bool) -> None:
    def redact(text: str) -> str:
        return redactor.redact(text).text

    by_type = score_corpus(rows, redact)
    by_lang = score_corpus(rows, redact, by="lang")
    print(f"{'type':<16}{'planted':>8}{'removed':>9}{'rate':>9}")
    for key in sorted(by_lang.planted):
        print(f"{key:<16}{by_lang.planted[key]:>8}{by_lang.removed[key]:>9}{by_lang.rate([key]):>9.1%}")
    print("-" * 42)
    print(f"structured identifiers ({', '.join(STRUCTURED)}): {by_type.rate(STRUCTURED):.1%}")
    print(f"names:     {by_type.rate(['PERSON']):.1%}")
    print(f"addresses: {by_type.rate(['ADDRESS']):.1%}")
    print(f"decoys kept: {by_type.decoys_kept}/{by_type.decoys} = {by_type.decoy_rate:.1%}")
    if show_leaks:
        for row_id, kind, lang in by_type.leaks:
            print(f"leak: {row_id} {kind} {lang}")
        for row_id in by_type.lost_decoys:
            print(f"decoy lost: {row_id}")


def _report_spans(rows: list[dict[str, Any]], redactor: Redactor, show_leaks: bool) -> None:
    def analyse(text: str) -> tuple[str, Iterable[Found]]:
        redaction = redactor.redact(text)
        return redaction.text, [Found(d.entity_type, d.start, d.end) for d in redaction.detections]

    score = score_spans(rows, analyse)
    header = (
        f"{'type/lang':<18}{'planted':>8}{'removed':>9}{'rate':>8}{'covered':>9}{'rate':>8}"
        f"{'findings':>10}{'unmatched':>11}{'precision':>11}"
    )
    print(header)
    for kind, lang in sorted(score.tallies):
        _line(f"{kind}/{lang}", score.tallies[(kind, lang)])
    print("-" * len(header))
    for lang in score.languages():
        _line(f"{ALL}/{lang}", score.total(lang), (score.damaged[lang], score.decoys[lang]))
    _line(f"{ALL}/{ALL}", score.total(), (sum(score.damaged.values()), sum(score.decoys.values())))
    structured = score.total(kinds=STRUCTURED + ("IBAN", "BR"))
    print(f"structured identifiers removed: {structured.removed}/{structured.planted} = {structured.removed_rate:.1%}")
    for kind, label in (("PERSON", "names"), ("ADDRESS", "addresses")):
        tally = score.total(kinds=[kind])
        print(f"{label + ' removed:':<31}{tally.removed}/{tally.planted} = {tally.removed_rate:.1%}")
    if show_leaks:
        for miss in score.misses:
            print(f"leak: {miss.id} {miss.type} {miss.lang} {miss.genre} ({miss.reason})")
        for row_id, lang, genre in score.damaged_in:
            print(f"decoy damaged: {row_id} {lang} {genre}")


def _line(label: str, tally: Tally, decoys: tuple[int, int] | None = None) -> None:
    planted = (
        f"{tally.planted:>8}{tally.removed:>9}{tally.removed_rate:>8.1%}{tally.covered:>9}{tally.covered_rate:>8.1%}"
    )
    if not tally.planted:
        planted = f"{0:>8}{'':>9}{'':>8}{'':>9}{'':>8}"
    unmatched = f"{tally.unmatched} ({tally.unmatched / tally.findings:.0%})" if tally.findings else "0"
    line = f"{label:<18}{planted}{tally.findings:>10}{unmatched:>11}{tally.precision:>11.1%}"
    if decoys is not None:
        line += f"   decoys damaged {decoys[0]}/{decoys[1]}"
    print(line)


if __name__ == "__main__":
    main()
