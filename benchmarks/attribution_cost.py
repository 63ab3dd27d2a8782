"""What signing and verifying an attribution manifest costs per answer.

    python benchmarks/attribution_cost.py [--answers 2000]

Signs manifests over varied ~1 KB answers (hash, manifest with its GB 45438 label and
C2PA claim, Ed25519 JWS), embeds each in its text as a C2PA text marker (as the high
tier does), and verifies them (parse, key lookup and thumbprint, signature, content
hash), one at a time. The bar, under 1 ms, is for what every answer pays: signing
plus embedding.
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
    Generator,
    KeyStore,
    Labels,
    from_response,
    load_jwks,
    verify,
    with_marker,
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
    sign_ms, embed_ms, verify_ms, cpu_ms = [], [], [], []
    use_case = "healthcare-diagnostics"  # high tier: label, notice and the embedded marker
    for text in texts:
        context = CallContext(policy=policy.ref, use_case=use_case, risk_tier=policy.policy.use_cases[use_case].tier)
        labels = Labels.for_call(policy.policy.attribution, context)
        response = {
            "choices": [
                {"index": 0, "finish_reason": "stop", "message": {"role": "assistant", "content": labels.apply(text)}}
            ]
        }
        started, cpu_started = time.perf_counter(), time.process_time()
        content = from_response(response)
        attribution = attributor.attribute(
            context, labels, Generator("openai", "gpt-x"), content, {"input": {"PERSON": 1}, "output": {}}
        )
        signed = time.perf_counter()
        marked = with_marker(response["choices"][0]["message"]["content"], attribution)
        embedded = time.perf_counter()
        cpu_ms.append((time.process_time() - cpu_started) * 1000)
        result = verify(attribution.as_field(), content, jwks)
        verified = time.perf_counter()
        assert result.valid and labels.embeds_marker and marked
        sign_ms.append((signed - started) * 1000)
        embed_ms.append((embedded - signed) * 1000)
        verify_ms.append((verified - embedded) * 1000)
    for label, values in (("sign", sign_ms), ("embed", embed_ms), ("verify", verify_ms)):
        print(
            f"{label:7} median {statistics.median(values):.3f} ms  p99 {statistics.quantiles(values, n=100)[98]:.3f} ms"
        )
    per_answer = [s + e for s, e in zip(sign_ms, embed_ms, strict=True)]
    print(
        f"sign + embed (per answer) median {statistics.median(per_answer):.3f} ms  "
        f"p99 {statistics.quantiles(per_answer, n=100)[98]:.3f} ms (bar: under 1 ms)"
    )
    print(
        f"sign + embed CPU time per answer, mean {statistics.fmean(cpu_ms):.3f} ms (what the process spent, "
        "whatever other processes did to the wall clock)"
    )
    print(
        f"manifest JWS {len(attribution.jws)} bytes, marker {len(marked) - len(response['choices'][0]['message']['content'])} characters"
    )


if __name__ == "__main__":
    main()
