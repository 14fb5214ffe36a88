"""The graded review: its sets keep the split they were given before any answer, and its counts read each blind A/B
label as the version its map names."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from evals.benchmarks.graded_review import ab_counts, single_counts

GRADED = Path(__file__).resolve().parents[3] / "evals" / "graded"


SETS = sorted(path.name.removesuffix("-dev.jsonl") for path in GRADED.glob("*-dev.jsonl"))
# 80 questions a set, but for a set on one topic (BJ: the procedure of applying, 40)
SIZES = {"bj": 40}


@pytest.mark.parametrize("name", SETS)
def test_each_graded_set_is_split_by_the_hash_of_its_ids_and_holds_a_reference_for_every_question(name):
    dev = [json.loads(line) for line in (GRADED / f"{name}-dev.jsonl").read_text(encoding="utf-8").splitlines()]
    held_out = [json.loads(line) for line in (GRADED / f"{name}-heldout.jsonl").read_text(encoding="utf-8").splitlines()]
    assert len(dev) + len(held_out) == SIZES.get(name, 80)
    for item in dev + held_out:
        even = int(hashlib.sha256(item["id"].encode()).hexdigest(), 16) % 2 == 0
        assert even is (item in dev), item["id"]
        assert item["question"].strip() and item["reference"].strip()


def test_blind_labels_are_counted_as_the_versions_their_map_names():
    rows = [{"id": "x-1", "A": {"grade": "richtig"}, "B": {"grade": "falsch"}, "better": "A"},
            {"id": "x-2", "A": {"grade": "schädlich"}, "B": {"grade": "teilweise"}, "better": "gleich"}]
    mapping = {"x-1": {"A": "end", "B": "start"}, "x-2": {"A": "start", "B": "end"}}
    per_version, better = ab_counts(rows, mapping)
    assert per_version["end"] == {"richtig": 1, "teilweise": 1}
    assert per_version["start"] == {"falsch": 1, "schädlich": 1}
    assert better == {"end": 1, "gleich": 1}
    assert single_counts([{"grade": "falsch"}, {"grade": "falsch"}]) == {"falsch": 2}


def test_every_stored_ab_grade_file_has_its_map_and_every_item_both_grades():
    # (an A/B file by its rows, not its name: set AB's own grades begin with "ab-" too)
    paths = [path for path in sorted((GRADED / "grades").glob("*.jsonl"))
             if "A" in json.loads(path.read_text(encoding="utf-8").splitlines()[0])]
    assert paths, "no blind A/B grades stored"
    for path in paths:
        mapping = json.loads(path.with_suffix(".map.json").read_text(encoding="utf-8"))
        rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
        assert {row["id"] for row in rows} == set(mapping)
        assert all({row["A"]["grade"], row["B"]["grade"]} <= {"richtig", "teilweise", "falsch", "schädlich"}
                   for row in rows)
