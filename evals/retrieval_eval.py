"""Retrieval metrics on the BEIR-like development queries (evals/retrieval/queries.jsonl).

A query's labels name what answers it: "irek:2.3.1" is the passage of that Handlungsziel, "grw:3.2" any passage of
section 3.2 or its subsections. Metrics per query family: hit@1, hit@5, MRR@10, nDCG@10 (binary relevance).
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from assistant.core.model import Passage

QUERIES_FILE = Path(__file__).resolve().parent / "retrieval" / "queries.jsonl"


@dataclass(frozen=True)
class LabelledQuery:
    id: str
    family: str
    split: str
    query: str
    relevant: tuple[str, ...]


def load_queries(path: Path = QUERIES_FILE, split: str | None = None) -> list[LabelledQuery]:
    queries = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            data = json.loads(line)
            queries.append(LabelledQuery(data["id"], data["family"], data["split"], data["query"], tuple(data["relevant"])))
    return [q for q in queries if split in (None, "all") or q.split == split]


def is_relevant(passage: Passage, labels: Iterable[str]) -> bool:
    for label in labels:
        document, _, code = label.partition(":")
        if passage.document != document:
            continue
        if passage.goal_code:
            if passage.goal_code == code:
                return True
        elif passage.section_number == code or passage.section_number.startswith(code + "."):
            return True
        elif not passage.section_number and passage.section_title == code:  # an unnumbered section, by its title
            return True
    return False


def ranking_metrics(ranked: list[Passage], labels: tuple[str, ...], relevant_total: int) -> dict[str, float]:
    flags = [is_relevant(p, labels) for p in ranked[:10]]
    first = next((rank for rank, flag in enumerate(flags, start=1) if flag), None)
    dcg = sum(1.0 / math.log2(rank + 1) for rank, flag in enumerate(flags, start=1) if flag)
    ideal = sum(1.0 / math.log2(rank + 1) for rank in range(1, min(relevant_total, 10) + 1))
    return {
        "hit@1": float(first == 1),
        "hit@3": float(first is not None and first <= 3),
        "hit@5": float(first is not None and first <= 5),
        "mrr@10": 1.0 / first if first else 0.0,
        "ndcg@10": dcg / ideal if ideal else 0.0,
    }


def evaluate(queries: list[LabelledQuery], passages: list[Passage],
             rank: Callable[[str], list[Passage]]) -> dict[str, dict[str, float]]:
    """Mean metrics per family (and 'all') for a ranking function query -> passages, best first."""
    per_family: dict[str, list[dict[str, float]]] = {}
    for query in queries:
        total = sum(is_relevant(p, query.relevant) for p in passages)
        metrics = ranking_metrics(rank(query.query), query.relevant, total)
        per_family.setdefault(query.family, []).append(metrics)
        per_family.setdefault("all", []).append(metrics)
    return {
        family: {key: sum(m[key] for m in rows) / len(rows) for key in rows[0]} | {"queries": len(rows)}
        for family, rows in per_family.items()
    }
