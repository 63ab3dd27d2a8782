"""What signing and verifying an attribution manifest costs per answer.

    python benchmarks/attribution_cost.py [--answers 2000]

Signs manifests over varied ~1 KB answers (hash, manifest, Ed25519 JWS) and verifies
them (parse, key lookup, signature, content hash), one at a time.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from redaction_latency import prompts

from guardrail.attribution import (
    Attributor,
    ChoiceContent,
    Generator,
    KeyStore,
    Labels,
    load_jwks,
    verify,
)
from guardrail.core import CallContext
from guardrail.policy import load_policy


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--answers", type=int, default=2000)
    args = parser.parse_args()
    policy = load_policy()
    keys = KeyStore(Path(tempfile.mkdtemp()) / "keys")
    jwks = load_jwks(json.dumps(keys.jwks()))
    attributor = Attributor(keys.active, "benchmark")
    texts = (prompts() * (args.answers // 100 + 1))[: args.answers]
    sign_ms, verify_ms = [], []
    for text in texts:
        context = CallContext(policy=policy.ref, use_case="general", risk_tier=policy.policy.use_cases["general"].tier)
        labels = Labels.for_call(policy.policy.attribution, context)
        content = [ChoiceContent(0, labels.apply(text))]
        started = time.perf_counter()
        attribution = attributor.attribute(context, labels, Generator("openai", "gpt-x"), content,
                                           {"input": {"PERSON": 1}, "output": {}})
        signed = time.perf_counter()
        result = verify(attribution.as_field(), content, jwks)
        verified = time.perf_counter()
        assert result.valid
        sign_ms.append((signed - started) * 1000)
        verify_ms.append((verified - signed) * 1000)
    for label, values in (("sign", sign_ms), ("verify", verify_ms)):
        print(f"{label:7} median {statistics.median(values):.3f} ms  p99 {statistics.quantiles(values, n=100)[98]:.3f} ms")
    print(f"sign + verify median {statistics.median(s + v for s, v in zip(sign_ms, verify_ms, strict=True)):.3f} ms"
          " (bar: under 1 ms)")


if __name__ == "__main__":
    main()
