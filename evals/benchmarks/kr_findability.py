"""How findable the Koordinierungsrahmen is, in applicants' words: four systems side by side on the index of
`irek ingest` (built with the section register, IREK_SECTION_REGISTER=true):

- BM25 alone (the passages' own words, stems and compound n-grams as weighted until 2026-11-28),
- dense alone (e5-small),
- the hybrid as it was until 2026-11-28 (dense 0.3, keyword 0.7, n-gram share 0.75; no register signal),
- the hybrid as tuned now (assistant/tuned/retrieval_weights.json: with the section register as a signal of its own),

on the team's queries (evals/retrieval/queries.jsonl, goal and GRW families) and on the GRW questions written blind by
outsiders (evals/retrieval/outsider_grw.jsonl), dev and held-out apart. Prints hit@1, hit@3, hit@5, MRR@10 and the
p95 latency per query (each query the median of three fresh runs, in-process, after warm-up). Not a test: it prints
figures.

    python -m evals.benchmarks.kr_findability [--markdown] [--hybrid-only]
"""

from __future__ import annotations

import argparse
import os
from collections.abc import Callable

import numpy as np

from assistant.core.model import Passage
from assistant.core.settings import get_settings
from assistant.retrieval.retriever import FusionWeights, Retriever
from evals.benchmarks.retrieval_benchmark import WARM_UP, _timed, hybrid
from evals.retrieval_eval import QUERIES_FILE, evaluate, load_queries

OUTSIDER_FILE = QUERIES_FILE.parent / "outsider_grw.jsonl"

# The fusion in use until 2026-11-28 (tuned on the team's dev queries, before the register was a signal of its own).
BEFORE = FusionWeights(dense=0.3, keyword=0.7, ngram_share=0.75, exact_bonus=1.0, acronym_bonus=0.0)


def systems(retriever: Retriever, hybrid_only: bool = False) -> dict[str, Callable[[str], list[Passage]]]:
    chosen = {"Hybrid bisher": hybrid(retriever, BEFORE), "Hybrid neu (mit Register)": hybrid(retriever, retriever.weights)}
    if hybrid_only:
        return chosen
    return {
        "BM25 allein": hybrid(retriever, FusionWeights(dense=0.0, keyword=1.0, ngram_share=BEFORE.ngram_share,
                                                       exact_bonus=0.0, acronym_bonus=0.0)),
        "Dense allein": hybrid(retriever, FusionWeights(dense=1.0, keyword=0.0, exact_bonus=0.0, acronym_bonus=0.0)),
    } | chosen


def measure(retriever: Retriever, hybrid_only: bool = False) -> list[list[str]]:
    sets = {
        "team goal": [q for q in load_queries() if q.family == "goal"],
        "team GRW": [q for q in load_queries() if q.family == "grw"],
        "outsider GRW": load_queries(OUTSIDER_FILE),
    }
    rows = []
    for name, rank in systems(retriever, hybrid_only).items():
        for query in WARM_UP:
            rank(query)
        for set_name, queries in sets.items():
            for split in ("dev", "heldout"):
                chosen = [q for q in queries if q.split == split]
                latencies: list[float] = []
                m = evaluate(chosen, retriever.passages, _timed(rank, latencies))["all"]
                rows.append([name, set_name, split, str(m["queries"]), f"{m['hit@1']:.3f}", f"{m['hit@3']:.3f}",
                             f"{m['hit@5']:.3f}", f"{m['mrr@10']:.3f}", f"{float(np.percentile(latencies, 95)):.1f}"])
    return rows


def table(rows: list[list[str]], markdown: bool) -> str:
    header = ["System", "Fragen", "Split", "n", "hit@1", "hit@3", "hit@5", "MRR@10", "p95 ms"]
    if markdown:
        return "\n".join(["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
                         + ["| " + " | ".join(r) + " |" for r in rows])
    widths = [max(len(r[i]) for r in [header, *rows]) for i in range(len(header))]
    return "\n".join("  ".join(c.ljust(w) for c, w in zip(r, widths)) for r in [header, *rows])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--markdown", action="store_true")
    parser.add_argument("--hybrid-only", action="store_true", help="only the two hybrids (half the time)")
    args = parser.parse_args()
    retriever = Retriever.open(get_settings())
    if not retriever.register:
        raise SystemExit("Der Index hat kein Sachregister: bitte `irek ingest` mit IREK_SECTION_REGISTER=true ausführen.")
    print(f"Index {retriever.snapshot.manifest['build_id']}, Gewichte {retriever.weights}, Last {os.getloadavg()}")
    print(table(measure(retriever, args.hybrid_only), args.markdown))


if __name__ == "__main__":
    main()
