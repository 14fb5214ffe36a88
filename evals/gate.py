"""CI quality gate: run every development set with the bounds recorded in evals/gate.yaml.

Bounds start at what the assistant reaches now and only go up. For latency metrics a bound is an upper limit.

    python -m evals.gate
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import yaml

GATE_FILE = Path(__file__).resolve().parent / "gate.yaml"


def main() -> int:
    gate = yaml.safe_load(GATE_FILE.read_text(encoding="utf-8"))
    status = 0
    for entry in gate["sets"]:
        command = [sys.executable, "-m", "assistant.cli", "eval", "run", entry["file"], "--json", f"reports/gate-{Path(entry['file']).stem}.json"]
        for metric, bound in entry["bounds"].items():
            command += ["--fail-under", f"{metric}={bound}"]
        print("$ " + " ".join(command), flush=True)
        status |= subprocess.call(command)
    return status


if __name__ == "__main__":
    raise SystemExit(main())
