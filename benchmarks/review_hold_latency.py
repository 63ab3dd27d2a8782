"""What holding an answer for human review costs: a held call beside a released one.

    python benchmarks/review_hold_latency.py [--calls 300]

In-process (the proxy's ASGI app over Starlette's test client, the fake upstream at
the model seam, no sockets), under the test policy ``review-hold``: the same short
request to a ``flag`` use case (released at once) and to a ``hold`` use case (signed,
sealed with AES-GCM into ``reviews.sqlite3``, answered 202), taking turns call by call
so a busy moment of the machine falls on both alike. Then each held answer's approval
(compare-and-set, the audit entry) and its fetch (opening the seal, the release entry).
Medians and 95th percentiles in milliseconds.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import httpx
from starlette.testclient import TestClient

from guardrail.adapters.proxy.app import Proxy, create_app
from guardrail.adapters.proxy.config import ServerConfig
from guardrail.runtime import Guard
from guardrail.testing import FakeUpstream

POLICY = str(Path(__file__).resolve().parents[1] / "tests" / "adapters" / "policies" / "review-hold.yaml")
ASK = "Call me on 6123 9876: should I move my savings into the fund?"


def timed(send: Callable[[], httpx.Response], status: int, into: list[float]) -> httpx.Response:
    """``send()``, its time appended to ``into``; it must answer ``status``."""
    started = time.perf_counter()
    response = send()
    into.append((time.perf_counter() - started) * 1000)
    assert response.status_code == status, response.text
    return response


def summary(name: str, values: list[float]) -> str:
    values = sorted(values)
    p95 = values[max(0, round(len(values) * 0.95) - 1)]
    return f"{name:<22} median {statistics.median(values):7.2f} ms   p95 {p95:7.2f} ms   (n={len(values)})"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--calls", type=int, default=300)
    calls = parser.parse_args().calls
    with tempfile.TemporaryDirectory() as folder:
        config = ServerConfig(
            data_dir=Path(folder),
            policy=POLICY,
            keys=[{"key": "k-app", "tenant": "bank", "use_case": "advice", "allowed_use_cases": ["advice", "chat"]}],
            reviewers=[{"id": "alice", "key": "r-alice"}, {"id": "bob", "key": "r-bob"}],
            model_list=[{"model_name": "echo", "litellm_params": {"model": "openai/echo"}}],
        )
        proxy = Proxy(config, guards={POLICY: Guard.from_policy(POLICY)}, upstream=FakeUpstream(["echo"]))  # type: ignore[arg-type]  # the fake fits the seam
        app, client, reviewer = (
            create_app(proxy),
            {"authorization": "Bearer k-app"},
            {"authorization": "Bearer r-alice"},
        )
        body = {"model": "echo", "messages": [{"role": "user", "content": ASK}]}
        released: list[float] = []
        held: list[float] = []
        approve: list[float] = []
        fetch: list[float] = []
        ids: list[str] = []
        with TestClient(app) as http:

            def ask(use_case: str) -> httpx.Response:
                headers = {**client, "x-guardrail-use-case": use_case}
                return http.post("/v1/chat/completions", json=body, headers=headers)

            for _ in range(20):  # warm up both paths
                ask("chat")
            for _ in range(calls):
                timed(lambda: ask("chat"), 200, released)
                ids.append(timed(lambda: ask("advice"), 202, held).json()["id"])

            def release(review_id: str) -> None:
                path = f"/v1/reviews/{review_id}"
                timed(lambda: http.post(f"{path}/approve", headers=reviewer), 200, approve)
                timed(lambda: http.get(path, headers=client), 200, fetch)

            for review_id in ids:
                release(review_id)
    for name, values in (
        ("released (flag)", released),
        ("held (202)", held),
        ("approve", approve),
        ("fetch approved", fetch),
    ):
        print(summary(name, values))
    print(f"holding adds {statistics.median(held) - statistics.median(released):.2f} ms at the median")


if __name__ == "__main__":
    main()
