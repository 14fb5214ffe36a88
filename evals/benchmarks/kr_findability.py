"""How findable the Koordinierungsrahmen is, in applicants' words: BM25 alone, dense alone and the hybrid, each on an
index built without and with the section register (corpus/section_register.yaml), on the team's queries
(evals/retrieval/queries.jsonl, goal and GRW families) and on the GRW questions written blind by outsiders
(evals/retrieval/outsider_grw.jsonl), dev and held-out apart. Prints hit@1, hit@3, hit@5, MRR@10 and the p95
latency per query (median of three fresh runs each). Not a test: it prints figures.

    python -m evals.benchmarks.kr_findability [--markdown]

Both indexes are built from corpus/ into temporary folders (about a minute each on two cores).
"""

from __future__ import annotations

import argparse
import tempfile
from collections.abc import Callable
from pathlib import Path

import numpy as np

from assistant.core.model import Passage
from assistant.core.settings import Settings, get_settings
from assistant.embedding.embedders import create_embeddings
from assistant.retrieval.retriever import FusionWeights, Retriever
from evals.benchmarks.retrieval_benchmark import WARM_UP, _timed, hybrid
from evals.retrieval_eval import QUERIES_FILE, evaluate, load_queries
from ingest.build import build_index

OUTSIDER_FILE = QUERIES_FILE.parent / "outsider_grw.jsonl"


def build(corpus: Path, register: bool, workdir: Path) -> Settings:
    """An index of `corpus`, with or without the section register (IREK_SECTION_REGISTER)."""
    name = "with" if register else "without"
    settings = get_settings().model_copy(update={"corpus_dir": corpus, "index_dir": workdir / name / "index",
                                                 "section_register": register})
    report = build_index(settings, create_embeddings(settings))
    if not report.switched:
        raise SystemExit(f"Index ohne Erfolg gebaut: {report.failures}")
    return settings


def systems(retriever: Retriever, hybrid_only: bool = False) -> dict[str, Callable[[str], list[Passage]]]:
    tuned = retriever.weights
    if hybrid_only:
        return {"hybrid": hybrid(retriever, tuned)}
    return {
        "BM25": hybrid(retriever, FusionWeights(dense=0.0, keyword=1.0, ngram_share=tuned.ngram_share,
                                                exact_bonus=0.0, acronym_bonus=0.0)),
        "dense": hybrid(retriever, FusionWeights(dense=1.0, keyword=0.0, exact_bonus=0.0, acronym_bonus=0.0)),
        "hybrid": hybrid(retriever, tuned),
    }


def measure(settings: Settings, label: str, hybrid_only: bool = False) -> list[list[str]]:
    retriever = Retriever.open(settings)
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
                rows.append([f"{name} ({label})", set_name, split, str(m["queries"]), f"{m['hit@1']:.3f}",
                             f"{m['hit@3']:.3f}", f"{m['hit@5']:.3f}", f"{m['mrr@10']:.3f}",
                             f"{float(np.percentile(latencies, 95)):.1f}"])
    return rows


def table(rows: list[list[str]], markdown: bool) -> str:
    header = ["System (Index)", "Fragen", "Split", "n", "hit@1", "hit@3", "hit@5", "MRR@10", "p95 ms"]
    if markdown:
        return "\n".join(["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
                         + ["| " + " | ".join(r) + " |" for r in rows])
    widths = [max(len(r[i]) for r in [header, *rows]) for i in range(len(header))]
    return "\n".join("  ".join(c.ljust(w) for c, w in zip(r, widths)) for r in [header, *rows])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--markdown", action="store_true")
    parser.add_argument("--corpus", type=Path, default=None)
    parser.add_argument("--hybrid-only", action="store_true", help="only the hybrid (a third of the time)")
    args = parser.parse_args()
    corpus = args.corpus or get_settings().corpus_dir
    with tempfile.TemporaryDirectory(prefix="irek-findability-") as tmp:
        rows = []
        for register, label in ((False, "ohne Register"), (True, "mit Register")):
            rows += measure(build(corpus, register, Path(tmp)), label, args.hybrid_only)
        print(table(rows, args.markdown))


if __name__ == "__main__":
    main()
