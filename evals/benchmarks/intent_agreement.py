"""How far two careful readers agree on a question's intent, beside how far the assistant agrees with the sets.

A second reader who saw neither the code nor the sets nor their labels labelled the questions of the two outsider
dev sets with the seven intents of contracts.md §2, from the definitions alone (evals/labels/intent-second-reader.jsonl,
written 2026-11-29). Agreement between the set's writer and that reader is the ceiling an intent metric can show
on such sets: where two people read a question differently, neither reading is an error of the assistant. Printed
per set and per intent (the writer's label), with the assistant's agreement with the writer on the same cases and
how often the assistant sides with the second reader where the two disagree. Dev splits only: the held-out labels
are never shown to a reader. Not a test: it prints figures.

    python -m evals.benchmarks.intent_agreement
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

from assistant.answer.pipeline import AnswerPipeline
from assistant.core.settings import get_settings
from evals.harness import load_set

LABELS_FILE = Path(__file__).resolve().parents[1] / "labels" / "intent-second-reader.jsonl"
SETS = ("outsider-dev", "outsider-c-dev")


def main() -> None:
    second = {row["id"]: row["intent"] for row in map(json.loads, LABELS_FILE.read_text(encoding="utf-8").splitlines())}
    pipeline = AnswerPipeline.open(get_settings())
    for name in SETS:
        cases = [c for c in load_set(LABELS_FILE.parents[1] / "sets" / f"{name}.yaml").cases
                 if "intent" in c.expect and c.id in second]
        system = {c.id: pipeline.answer(c.question, c.history).intent for c in cases}
        per: dict[str, Counter] = {}
        for case in cases:
            writer = case.expect["intent"]
            counts = per.setdefault(writer, Counter())
            counts["n"] += 1
            counts["readers"] += second[case.id] == writer
            counts["assistant"] += system[case.id] == writer
        disagreed = [c for c in cases if second[c.id] != c.expect["intent"]]
        with_second = sum(system[c.id] == second[c.id] for c in disagreed)
        n = len(cases)
        readers = sum(c["readers"] for c in per.values())
        assistant = sum(c["assistant"] for c in per.values())
        print(f"{name}: {n} Fälle; Schreiber und zweiter Leser einig {readers}/{n} = {readers / n:.3f}; "
              f"Assistent wie Schreiber {assistant}/{n} = {assistant / n:.3f}; wo die Leser uneins sind ({len(disagreed)}), "
              f"folgt der Assistent dem zweiten Leser {with_second}-mal")
        for intent, counts in sorted(per.items()):
            print(f"  {intent:12} n={counts['n']:3}  Leser einig {counts['readers'] / counts['n']:.3f}  "
                  f"Assistent wie Schreiber {counts['assistant'] / counts['n']:.3f}")


if __name__ == "__main__":
    main()
