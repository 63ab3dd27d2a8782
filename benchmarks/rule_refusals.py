"""What the default policy's rule checks alone refuse in the threat corpus, rule by rule.

    python benchmarks/rule_refusals.py [--split train --split dev] [--save FILE] [--compare FILE]

The rules (``prohibited-use`` and ``prompt-injection`` steps) give precise evidence,
the threat classifier recall; a rule that fires on a benign look-alike refuses it
whatever the classifier says, so each such refusal is listed here by rule id, with the
attacks the rules refuse alone. ``--save`` writes the refused item ids, and ``--compare``
prints what changed against such a file (attacks no longer refused, look-alikes now
let through), so a rule edit shows what it costs. The ``test`` split is refused here:
it is kept for the closing figures, never for tuning rules.
"""

from __future__ import annotations

import argparse
import json
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

from guardrail.runtime import Guard
from guardrail.testing.check_evaluation import _messages, load_corpus_split

CORPUS = Path(__file__).resolve().parent / "data" / "threats"
RULE_STEPS = frozenset({"prohibited-use", "prompt-injection"})


def rule_guard(policy: str = "hk-genai-2025") -> Guard:
    """The policy with only its rule steps, so a refusal is the rules' own."""
    guard = Guard.from_policy(policy, memory=(0, 0))
    guard.pipeline = guard.pipeline.subset(lambda step: step.name in RULE_STEPS)
    return guard


def fired_rules(guard: Guard, item: dict[str, Any]) -> list[str]:
    """Ids of the rules that refused ``item`` (empty when it went through)."""
    request = guard.guard_request(_messages(item), guard.context())
    if not request.blocked:
        return []
    rules = {f.rule for step in request.verdict.steps if step.verdict.blocked for f in step.verdict.findings}
    return sorted(rules) or ["?"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--split", action="append", choices=["train", "dev"], help="default: train and dev")
    parser.add_argument("--save", type=Path, help="write the refused item ids (JSON)")
    parser.add_argument("--compare", type=Path, help="a file written by --save, to diff against")
    parser.add_argument("--attacks", action="store_true", help="also list the attacks refused, by rule")
    args = parser.parse_args()
    splits = args.split or ["train", "dev"]
    guard = rule_guard()
    refused: dict[str, dict[str, Any]] = {}
    totals: Counter[str] = Counter()
    hits: Counter[str] = Counter()
    by_rule: dict[tuple[str, str], list[str]] = defaultdict(list)
    for split in splits:
        for ident, item in load_corpus_split(args.corpus, split):
            label = "attack" if item.get("label") == "attack" else "benign"
            totals[label] += 1
            rules = fired_rules(guard, item)
            if not rules:
                continue
            hits[label] += 1
            refused[ident] = {"label": label, "rules": rules}
            for rule in rules:
                by_rule[label, rule].append(ident)
    attacks, benign = totals["attack"], totals["benign"]
    print(
        f"rules alone on {'+'.join(splits)}: attacks refused {hits['attack']}/{attacks} "
        f"({hits['attack'] / max(1, attacks):.1%}), benign refused {hits['benign']}/{benign} "
        f"({hits['benign'] / max(1, benign):.1%})"
    )
    for label in ("benign", "attack") if args.attacks else ("benign",):
        print(f"{label} refused, by rule:")
        for (kind, rule), idents in sorted(by_rule.items(), key=lambda kv: (-len(kv[1]), kv[0])):
            if kind == label:
                print(f"  {rule} ({len(idents)}): {', '.join(idents)}")
    if args.compare:
        before: dict[str, dict[str, Any]] = json.loads(args.compare.read_text())
        for label in ("attack", "benign"):
            gone = sorted(i for i in set(before) - set(refused) if before[i]["label"] == label)
            new = sorted(i for i in set(refused) - set(before) if refused[i]["label"] == label)
            print(f"{label} no longer refused ({len(gone)}): " + (", ".join(gone) or "none"))
            shown = (f"{i} ({'/'.join(refused[i]['rules'])})" for i in new)
            print(f"{label} newly refused ({len(new)}): " + (", ".join(shown) or "none"))
    if args.save:
        args.save.write_text(json.dumps(refused, indent=1, sort_keys=True))


if __name__ == "__main__":
    main()
