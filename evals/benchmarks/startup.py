"""Start-up benchmark: a cold `irek ask` (a fresh process answering one question and ending) and `irek serve` until
it is ready (`/readyz` answers 200 on 127.0.0.1), each repeated, each also as a ratio against `python -c pass` (the
interpreter's own start on this machine, so that figures from machines of different speed compare). Prints wall
time (median, min, max) and peak resident memory (`irek ask`) or resident memory when ready (`irek serve`). Files
are in the page cache after the first repetition: "cold" means a new process, not a cold disk. Not a test.

    python -m evals.benchmarks.startup [--repetitions 5] [--question "..."]

The index of IREK_INDEX_DIR (default index/) must exist (`irek ingest`).
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

import httpx

from evals.benchmarks.api_load import free_port, rss_mib, stop_process

ROOT = Path(__file__).resolve().parents[2]
CLI = [sys.executable, "-c", "from assistant.cli import main; main()"]
QUESTION = "Wie hoch ist der Fördersatz für kleine Unternehmen in einem D-Fördergebiet?"
READY_LIMIT_S = 120


def _environment() -> dict[str, str]:
    return dict(os.environ, ANONYMIZED_TELEMETRY="False")


def _run(command: list[str]) -> tuple[float, float]:
    """Wall time and peak resident memory (MiB) of one process run to its end."""
    started = time.perf_counter()
    process = subprocess.Popen(command, cwd=ROOT, env=_environment(), stdout=subprocess.DEVNULL,
                               stderr=subprocess.PIPE)
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - started
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"{' '.join(command[-3:])} failed: {process.stderr.read().decode()[-2000:]}")
    process.stderr.close()
    return elapsed, usage.ru_maxrss / 1024


def _serve_until_ready() -> tuple[float, float]:
    """Seconds from starting `irek serve` until /readyz answers 200, and its resident memory then (MiB)."""
    port = free_port()
    started = time.perf_counter()
    process = subprocess.Popen([*CLI, "serve", "--host", "127.0.0.1", "--port", str(port)], cwd=ROOT,
                               env=_environment(), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        with httpx.Client(timeout=2) as client:
            while time.perf_counter() - started < READY_LIMIT_S:
                if process.poll() is not None:
                    raise SystemExit(f"irek serve ended with {process.returncode} before it was ready")
                try:
                    if client.get(f"http://127.0.0.1:{port}/readyz").status_code == 200:
                        return time.perf_counter() - started, rss_mib(process.pid)
                except httpx.HTTPError:
                    pass
                time.sleep(0.02)
        raise SystemExit(f"irek serve was not ready after {READY_LIMIT_S} s")
    finally:
        stop_process(process)


def _row(name: str, samples: list[tuple[float, float]], baseline: float) -> str:
    times = [t for t, _ in samples]
    median = statistics.median(times)
    memory = statistics.median(m for _, m in samples)
    return (f"| {name} | {len(times)} | {median:.2f} | {min(times):.2f} | {max(times):.2f} | "
            f"{median / baseline:.0f}× | {memory:.0f} |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repetitions", type=int, default=5)
    parser.add_argument("--question", default=QUESTION)
    args = parser.parse_args()

    baseline_samples = [_run([sys.executable, "-c", "pass"]) for _ in range(args.repetitions)]
    baseline = statistics.median(t for t, _ in baseline_samples)
    _run([*CLI, "ask", args.question])  # fills the page cache, not counted
    ask = [_run([*CLI, "ask", args.question]) for _ in range(args.repetitions)]
    serve = [_serve_until_ready() for _ in range(args.repetitions)]

    print(f"load average before/after: see `uptime`; python -c pass: median {baseline * 1000:.0f} ms")
    print("| what | runs | median s | min s | max s | median ÷ `python -c pass` | RSS MiB |")
    print("|---|---|---|---|---|---|---|")
    print(_row("`python -c pass`", baseline_samples, baseline))
    print(_row("`irek ask` (one question, cold process; peak RSS)", ask, baseline))
    print(_row("`irek serve` until `/readyz` 200 (RSS when ready)", serve, baseline))


if __name__ == "__main__":
    main()
