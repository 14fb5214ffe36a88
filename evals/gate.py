"""CI quality gate: run every development set with the bounds recorded in evals/gate.yaml.

Bounds start at what the assistant reaches now and only go up. For latency metrics a bound is an upper limit.
A set may also name a stored baseline run: then the listed metrics must not be *significantly* worse than in that
run (one-sided exact McNemar over the shared cases, or a paired randomisation test for the ratio metrics; `alpha`
defaults to 0.05).

    python -m evals.gate                       # run the gate
    python -m evals.gate --record-baselines    # run it, then store each run as the set's new baseline
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import yaml

GATE_FILE = Path(__file__).resolve().parent / "gate.yaml"
PROJECT_ROOT = GATE_FILE.parents[1]
# What a baseline keeps of a run: enough for the paired tests and the provenance warnings, not the answer texts.
BASELINE_CASE_KEYS = ("id", "passed", "checks", "ratios", "tags")


def command_for(entry: dict[str, Any], report: str) -> list[str]:
    """The eval run of one gate entry, on this checkout's own code (not whatever an `irek` script imports)."""
    command = [sys.executable, "-m", "assistant.cli", "eval", "run", entry["file"], "--json", report]
    for metric, bound in (entry.get("bounds") or {}).items():
        command += ["--fail-under", f"{metric}={bound}"]
    baseline = entry.get("baseline")
    if baseline and (PROJECT_ROOT / baseline["run"]).is_file():
        command += ["--baseline", baseline["run"], "--alpha", str(baseline.get("alpha", 0.05))]
        for metric in baseline.get("not_worse") or []:
            command += ["--not-worse", metric]
    return command


def compact(run: dict[str, Any]) -> dict[str, Any]:
    """A run reduced to what a baseline needs."""
    kept = {k: run[k] for k in ("set", "version", "run_at", "metrics", "intervals", "cases_passed", "meta") if k in run}
    return kept | {"cases": [{k: c[k] for k in BASELINE_CASE_KEYS if k in c} for c in run["cases"]]}


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    record = "--record-baselines" in argv
    gate = yaml.safe_load(GATE_FILE.read_text(encoding="utf-8"))
    status = 0
    for entry in gate["sets"]:
        report = f"reports/gate-{Path(entry['file']).stem}.json"
        command = command_for(entry, report)
        baseline = entry.get("baseline")
        if baseline and "--baseline" not in command:
            print(f"Hinweis: Basislauf {baseline['run']} fehlt; nur die festen Schranken gelten.", flush=True)
        print("$ " + " ".join(command), flush=True)
        code = subprocess.call(command)
        status |= code
        if record and baseline and code == 0 and Path(report).is_file():  # a baseline only from a run that passed
            target = PROJECT_ROOT / baseline["run"]
            target.parent.mkdir(parents=True, exist_ok=True)
            run = json.loads(Path(report).read_text(encoding="utf-8"))
            target.write_text(json.dumps(compact(run), ensure_ascii=False, indent=0) + "\n", encoding="utf-8")
            print(f"Basislauf gespeichert: {baseline['run']}", flush=True)
    return status


if __name__ == "__main__":
    raise SystemExit(main())
