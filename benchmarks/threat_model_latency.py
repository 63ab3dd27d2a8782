"""Threat-model latency per ~1 KB prompt, for several weights files side by side.

    python benchmarks/threat_model_latency.py [MODEL ...] [--rounds N]

Each MODEL is ``builtin``, ``builtin-dense`` or a ``.npz`` path (default: ``builtin``).
``ThreatModel.score`` is timed as the check calls it (600-character windows, 150
overlapping), interleaved model by model on each prompt in one process, so that a
noisy neighbour slows all of them alike. Prompts are runs of consecutive dev items of
the threat corpus cut at 1 KB, each different, so no cache flatters a model.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "training"))

from corpus import load_corpus

from guardrail.threats.model import ThreatModel, load_model


def prompts(count: int, size: int = 1024) -> list[str]:
    """``count`` prompts of ``size`` bytes, each a different run of dev items."""
    texts = [item.text for item in load_corpus() if item.split == "dev"]
    out = []
    for start in range(0, len(texts), max(1, len(texts) // count)):
        chunk, i = "", start
        while len(chunk.encode()) < size:
            chunk += texts[i % len(texts)] + "\n"
            i += 1
        out.append(chunk.encode()[:size].decode(errors="ignore"))
    return out[:count]


def timed(model: ThreatModel, text: str) -> float:
    started = time.perf_counter()
    model.score(text, budget_ms=60_000)
    return (time.perf_counter() - started) * 1000.0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("models", nargs="*", default=["builtin"])
    parser.add_argument("--prompts", type=int, default=300)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    models = {source: load_model(source) for source in args.models}
    texts = prompts(args.prompts)
    for text in texts[:20]:  # warm up every path and the featuriser's caches alike
        for model in models.values():
            model.score(text)
    samples: dict[str, list[float]] = {source: [] for source in models}
    for _ in range(args.rounds):
        for text in texts:
            for source, model in models.items():
                samples[source].append(timed(model, text))
    print(f"{len(texts)} prompts of ~1 KB x {args.rounds} rounds")
    print(f"{'model':<40}{'median ms':>10}{'p95 ms':>9}")
    for source, values in samples.items():
        values.sort()
        print(f"{models[source].ref[:38]:<40}{statistics.median(values):>10.2f}{values[int(len(values) * 0.95)]:>9.2f}")


if __name__ == "__main__":
    main()
