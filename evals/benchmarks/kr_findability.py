"""How findable the Koordinierungsrahmen is, in applicants' words: systems side by side on the index of `irek ingest`
(built with the section register, IREK_SECTION_REGISTER=true):

- BM25 alone (the passages' own words, stems and compound n-grams as weighted until 2026-11-28),
- dense alone (e5-small),
- the hybrid as it was until 2026-11-28 (dense 0.3, keyword 0.7, n-gram share 0.75; no register signal),
- the hybrid as tuned now (assistant/tuned/retrieval_weights.json: with the section register as a signal of its own,
  the bonus for the documents a question names, for a question of fact a lower rank for the IREK, which states no
  funding rules, a section's further passages behind other sections, and a bonus for the passages the question's
  facts point to: the ranking of the answer pipeline, `AnswerPipeline.ranking_parts`),
- that hybrid with a second stage over its top 30: a logistic regression over the signals of each candidate,
  trained on the dev queries of all sets only (a trial: not part of the retriever),

on the team's queries (evals/retrieval/queries.jsonl, goal and GRW families) and on the GRW questions written blind by
outsiders (evals/retrieval/outsider_grw.jsonl and, since 2026-11-29, outsider_grw_c.jsonl to outsider_grw_f.jsonl),
dev and held-out apart.
Prints hit@1, hit@3, hit@5, MRR@10 and the p95 latency per query. Every system ranks the same signals, computed once
per query as the answer pipeline computes them (its analysis of the question: intent and facts, then
`Retriever.score_parts`), so the latency of a query is measured once for all systems: the median of three fresh runs
of that analysis, the signals and the ranking, in-process, after warm-up (the second stage adds its own time on
top). Not a test: it prints figures.

    python -m evals.benchmarks.kr_findability [--markdown]
"""

from __future__ import annotations

import argparse
import os
import statistics
import time

import numpy as np
from sklearn.linear_model import LogisticRegression

from assistant.answer.pipeline import AnswerPipeline
from assistant.core.settings import get_settings
from assistant.retrieval.retriever import FusionWeights, Retriever, ScoreParts
from evals.benchmarks.retrieval_benchmark import REPEATS, WARM_UP
from evals.benchmarks.tune_fusion import OUTSIDER_C_FILE, OUTSIDER_D_FILE, OUTSIDER_E_FILE, OUTSIDER_F_FILE, OUTSIDER_FILE, question_parts
from evals.retrieval_eval import (
    LabelledQuery,
    is_relevant,
    load_queries,
    ranking_metrics,
)

# The fusion in use until 2026-11-28 (tuned on the team's dev queries, before the register was a signal of its own).
BEFORE = FusionWeights(dense=0.3, keyword=0.7, ngram_share=0.75, exact_bonus=1.0, acronym_bonus=0.0)


RERANK_DEPTH = 30
RERANK_C = 1.0  # inverse regularisation of the second stage: scikit-learn's default, not tuned (a trial)


def systems(retriever: Retriever) -> dict[str, FusionWeights]:
    return {
        "BM25 allein": FusionWeights(dense=0.0, keyword=1.0, ngram_share=BEFORE.ngram_share, exact_bonus=0.0,
                                     acronym_bonus=0.0),
        "Dense allein": FusionWeights(dense=1.0, keyword=0.0, exact_bonus=0.0, acronym_bonus=0.0),
        "Hybrid bisher": BEFORE,
        "Hybrid neu (mit Register)": retriever.weights,
    }


def candidates(parts: ScoreParts, weights: FusionWeights) -> tuple[np.ndarray, np.ndarray]:
    """The top RERANK_DEPTH of the hybrid and each candidate's signals, the hybrid's own score first."""
    fused = parts.fuse(weights)
    top = np.argsort(-fused, kind="stable")[:RERANK_DEPTH]
    zeros = np.zeros_like(fused)
    register = [a if a is not None else zeros for a in (parts.register_words, parts.register_ngrams, parts.register_dense)]
    features = np.stack([fused, parts.dense_normalised(), parts.dense, parts.words, parts.ngrams, *register,
                         parts.exact.astype(np.float32), parts.acronyms], axis=1)[top]
    ranks = np.log1p(np.arange(len(top)))[:, None]
    return top, np.hstack([features, ranks])


def measure(pipeline: AnswerPipeline) -> list[list[str]]:
    retriever = pipeline.retriever
    sets = {
        "team goal": [q for q in load_queries() if q.family == "goal"],
        "team GRW": [q for q in load_queries() if q.family == "grw"],
        "outsider GRW": load_queries(OUTSIDER_FILE),
        "outsider GRW C": load_queries(OUTSIDER_C_FILE),
        "outsider GRW D": load_queries(OUTSIDER_D_FILE),
        "outsider GRW E": load_queries(OUTSIDER_E_FILE),
        "outsider GRW F": load_queries(OUTSIDER_F_FILE),
    }
    chosen = systems(retriever)
    for query in WARM_UP:
        retriever.search(query)
    parts: dict[str, ScoreParts] = {}
    latency: dict[str, float] = {}
    for query in [q for queries in sets.values() for q in queries]:
        runs = []
        for _ in range(REPEATS):  # every run computes afresh: the retriever keeps nothing between queries
            started = time.perf_counter()
            parts[query.id] = question_parts(pipeline, query.query)
            retriever.ranked(parts[query.id], k=10)
            runs.append((time.perf_counter() - started) * 1000)
        latency[query.id] = statistics.median(runs)

    def relevant(query: LabelledQuery, rows) -> np.ndarray:
        return np.array([is_relevant(retriever.passages[i], query.relevant) for i in rows])

    # the second stage, trained on every dev query of the three sets
    dev = [q for queries in sets.values() for q in queries if q.split == "dev"]
    train = [candidates(parts[q.id], retriever.weights) for q in dev]
    model = LogisticRegression(C=RERANK_C, max_iter=5000, class_weight="balanced").fit(
        np.vstack([x for _, x in train]), np.concatenate([relevant(q, top) for q, (top, _) in zip(dev, train)]))
    rerank_ms: dict[str, float] = {}

    def reranked(query: LabelledQuery) -> list[int]:
        started = time.perf_counter()
        top, features = candidates(parts[query.id], retriever.weights)
        order = top[np.argsort(-model.decision_function(features), kind="stable")]
        rerank_ms[query.id] = (time.perf_counter() - started) * 1000
        return list(order[:10])

    rankers = {name: (lambda q, w=w: parts[q.id].order(w, 10)[0]) for name, w in chosen.items()}
    rankers[f"Hybrid neu + LR über Top {RERANK_DEPTH}"] = reranked
    rows = []
    for name, rank in rankers.items():
        for set_name, queries in sets.items():
            for split in ("dev", "heldout"):
                picked = [q for q in queries if q.split == split]
                metrics = []
                for q in picked:
                    order = rank(q)
                    total = sum(is_relevant(p, q.relevant) for p in retriever.passages)
                    metrics.append(ranking_metrics([retriever.passages[i] for i in order], q.relevant, total))
                m = {k: float(np.mean([x[k] for x in metrics])) for k in metrics[0]}
                extra = [rerank_ms.get(q.id, 0.0) for q in picked]
                p95 = float(np.percentile([latency[q.id] + e for q, e in zip(picked, extra)], 95))
                rows.append([name, set_name, split, str(len(picked)), f"{m['hit@1']:.3f}", f"{m['hit@3']:.3f}",
                             f"{m['hit@5']:.3f}", f"{m['mrr@10']:.3f}", f"{p95:.1f}"])
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
    args = parser.parse_args()
    pipeline = AnswerPipeline.open(get_settings())
    retriever = pipeline.retriever
    if not retriever.register:
        raise SystemExit("Der Index hat kein Sachregister: bitte `irek ingest` mit IREK_SECTION_REGISTER=true ausführen.")
    print(f"Index {retriever.snapshot.manifest['build_id']}, Gewichte {retriever.weights}, Last {os.getloadavg()}")
    print(table(measure(pipeline), args.markdown))
    print(f"Last danach {os.getloadavg()}")


if __name__ == "__main__":
    main()
