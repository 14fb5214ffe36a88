"""Counts of a graded review (evals/graded/README.md): per grades file, how many answers a grader found `richtig`,
`teilweise`, `falsch` or `schädlich`; for a blind A/B file, per version (its map says which label was which commit)
and which version served the asker better. Only counts are printed, never an item or a reason: the held-out grades
stay unread.

    python -m evals.benchmarks.graded_review [--dir evals/graded/grades]
"""

from __future__ import annotations

import argparse
import json
from collections import Counter
from pathlib import Path

GRADES = ("richtig", "teilweise", "falsch", "schädlich")
DEFAULT_DIR = Path(__file__).resolve().parents[1] / "graded" / "grades"


def _rows(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def single_counts(rows: list[dict]) -> Counter:
    """Grades of a file with one answer per item."""
    return Counter(row["grade"] for row in rows)


def ab_counts(rows: list[dict], mapping: dict[str, dict[str, str]]) -> tuple[dict[str, Counter], Counter]:
    """Grades per version and the version found better (or "gleich"), by the map of each item's labels."""
    per_version: dict[str, Counter] = {}
    better: Counter = Counter()
    for row in rows:
        labels = mapping[row["id"]]
        for label, version in labels.items():
            per_version.setdefault(version, Counter())[row[label]["grade"]] += 1
        choice = row.get("better", "gleich")
        better[labels.get(choice, "gleich")] += 1
    return per_version, better


def _line(counts: Counter) -> str:
    return " | ".join(f"{grade} {counts.get(grade, 0)}" for grade in GRADES) + f" | n {sum(counts.values())}"


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--dir", type=Path, default=DEFAULT_DIR)
    args = parser.parse_args(argv)
    for path in sorted(args.dir.glob("*.jsonl")):
        map_file = path.with_suffix(".map.json")
        if map_file.exists():
            per_version, better = ab_counts(_rows(path), json.loads(map_file.read_text(encoding="utf-8")))
            for version, counts in sorted(per_version.items(), key=lambda item: item[0] != "start"):
                print(f"{path.stem} [{version}]: {_line(counts)}")
            print(f"{path.stem} besser: " + ", ".join(f"{k} {v}" for k, v in sorted(better.items())))
        else:
            print(f"{path.stem}: {_line(single_counts(_rows(path)))}")


if __name__ == "__main__":
    main()
