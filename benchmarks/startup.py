"""Start-up time: ``guardrail serve`` until it answers, ``guardrail scan`` of one line.

    .venv/bin/python benchmarks/startup.py [--runs 3] [--json]

Each figure is a fresh process, as a user starts it; the first run of each warms the
file cache and is left out (``warm`` means the second and later runs). ``serve`` is
timed from the process start to the first 200 from ``/health/ready`` (the moment its
``ready`` line appears), ``scan`` from the start to its exit with one redacted line
written. Wall time depends on what else the machine runs, so the process's own CPU
time (user + system, read from /proc for ``serve``) is reported beside it.

Goals on a 2-core machine: ``serve`` ready in under 8 s, ``scan`` of one line under 4 s.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

GUARDRAIL = str(Path(sys.executable).parent / "guardrail")
LINE = "Call Chan Tai Man on 9123 4567, HKID A123456(3)\n"  # synthetic
TICKS = os.sysconf("SC_CLK_TCK")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def cpu_seconds(pid: int) -> float:
    """User + system CPU of a running process (Linux /proc), children included."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return sum(int(value) for value in fields[11:15]) / TICKS


def serve_once(folder: Path) -> tuple[float, float]:
    """Seconds from start to the first 200 from /health/ready, and CPU seconds used by then."""
    port = free_port()
    started = time.perf_counter()
    process = subprocess.Popen(
        [GUARDRAIL, "serve", "--port", str(port)], cwd=folder, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    try:
        while True:
            if process.poll() is not None:
                raise RuntimeError("guardrail serve exited before it was ready")
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/health/ready", timeout=2) as answer:
                    if answer.status == 200:
                        return time.perf_counter() - started, cpu_seconds(process.pid)
            except OSError:
                time.sleep(0.05)
    finally:
        process.terminate()
        process.wait(timeout=30)


def scan_once(folder: Path) -> tuple[float, float]:
    """Seconds for ``guardrail scan`` of one line on stdin, and the CPU seconds it used."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    result = subprocess.run(
        [GUARDRAIL, "scan"], cwd=folder, input=LINE, capture_output=True, text=True, check=True, timeout=300
    )
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if "Chan Tai Man" in result.stdout:
        raise RuntimeError("scan did not redact the line")
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=3, help="warm runs of each (after one cold run)")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args()
    figures: dict[str, dict[str, float | list[float]]] = {}
    with tempfile.TemporaryDirectory(prefix="guardrail-startup-") as name:
        folder = Path(name)
        for label, once in (("scan_one_line", scan_once), ("serve_ready", serve_once)):
            runs = [once(folder) for _ in range(args.runs + 1)]
            cold, warm = runs[0], runs[1:]
            figures[label] = {
                "cold_s": round(cold[0], 2),
                "warm_median_s": round(statistics.median(w for w, _ in warm), 2),
                "warm_runs_s": [round(w, 2) for w, _ in warm],
                "warm_cpu_median_s": round(statistics.median(c for _, c in warm), 2),
            }
    load = os.getloadavg()[0]
    if args.json:
        print(json.dumps({"load_average_1m": round(load, 1), "cpus": os.cpu_count(), **figures}, indent=2))
        return
    print(f"{os.cpu_count()} CPUs, load average {load:.1f}")
    for label, figure in figures.items():
        print(
            f"{label:14} warm median {figure['warm_median_s']:.2f} s (runs {figure['warm_runs_s']}), "
            f"CPU {figure['warm_cpu_median_s']:.2f} s; cold {figure['cold_s']:.2f} s"
        )


if __name__ == "__main__":
    main()
