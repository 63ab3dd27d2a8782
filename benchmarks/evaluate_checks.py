"""Detection and false-positive rates of the policy's checks on the labelled sets.

    python benchmarks/evaluate_checks.py [--policy NAME|FILE] [SET.yaml ...]

Defaults to every set in tests/checks/data. Each item goes through the policy's input
stage as the proxy would run it: an attack counts as caught when the call is refused
(for secrets: when the secret is gone from what would go upstream), a benign item as a
false positive when it is refused. Also prints the time the rule-based checks take per
prompt.
"""

from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path

from guardrail.runtime import Guard
from guardrail.testing.check_evaluation import evaluate, load_set, summary

DATA = Path(__file__).resolve().parents[1] / "tests" / "checks" / "data"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("sets", nargs="*", type=Path)
    parser.add_argument("--policy", default="hk-genai-2025")
    args = parser.parse_args()
    guard = Guard.from_policy(args.policy)
    for path in args.sets or sorted(DATA.glob("*.yaml")):
        print(summary(path.stem, evaluate(guard, path, secrets=path.stem == "secrets")))
    timed = guard.pipeline.subset(lambda step: step.name in {"prohibited-use", "prompt-injection", "secrets"})
    texts = [item["text"] for path in sorted(DATA.glob("*.yaml")) for items in load_set(path).values()
             for item in items]
    from guardrail.core import Payload, Stage

    context = guard.context()
    costs = []
    for text in texts * 3:
        started = time.perf_counter()
        timed(Payload(Stage.INPUT, ({"role": "user", "content": text},)), context)
        costs.append((time.perf_counter() - started) * 1000)
    print(f"rule-based checks (prohibited use, injection, secrets): median {statistics.median(costs):.3f} ms, "
          f"p95 {statistics.quantiles(costs, n=20)[-1]:.3f} ms per prompt ({len(texts)} prompts x 3)")


if __name__ == "__main__":
    main()
