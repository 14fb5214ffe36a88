"""Choose the fusion weights on the development split of the retrieval queries (never on the held-out split).

Every signal of every query is computed once; the grid search is arithmetic on those arrays. The objective is the
mean of MRR@10 over four query sets, each counting the same whatever its size: the team's goal queries, the team's
GRW questions, and the two sets of GRW questions written blind by outsiders (evals/retrieval/outsider_grw.jsonl and
outsider_grw_c.jsonl), dev split only. First the two sides and the n-gram share are chosen (without the register);
then, with them, the dense/keyword balance and the weights of the section register (assistant/retrieval/register.py),
under the condition that the goal queries lose nothing against the first choice. Then, under the same condition, the
bonus for the passages of a document that the question names ("GRW", "LEADER": Source.names in corpus/sources.yaml);
the share of their score that a question of fact leaves to the passages of documents stating no rules (the IREK;
Source.states_rules; the question's intent as the answer pipeline's router judges it); the share a
section's further passages keep behind the first of the same section (the mildest share within REPEAT_TOLERANCE of
the best); and last the bonus for the passages that the question's facts point to (the exclusion list's line on the
asker's trade, the rate of the path their facts lead to: `AnswerPipeline.ranking_parts`). The chosen weights and the
figures that justified them are written to assistant/tuned/retrieval_weights.json. (A late-interaction second stage
was tuned here too and left out: docs/retrieval.md, "Late interaction".)

    python -m evals.benchmarks.tune_fusion [--write]
"""

from __future__ import annotations

import argparse
import itertools
import json
from dataclasses import asdict, replace

import numpy as np

from assistant.answer.pipeline import AnswerPipeline
from assistant.core.answer import Answer
from assistant.core.settings import get_settings
from assistant.retrieval.retriever import WEIGHTS_FILE, FusionWeights, ScoreParts
from evals.retrieval_eval import QUERIES_FILE, is_relevant, load_queries, ranking_metrics

OUTSIDER_FILE = QUERIES_FILE.parent / "outsider_grw.jsonl"
OUTSIDER_C_FILE = QUERIES_FILE.parent / "outsider_grw_c.jsonl"  # a second blind set, written 2026-11-29
OUTSIDER_D_FILE = QUERIES_FILE.parent / "outsider_grw_d.jsonl"  # a third, measured only (not in the tuning)
OUTSIDER_E_FILE = QUERIES_FILE.parent / "outsider_grw_e.jsonl"  # a fourth, measured only (not in the tuning)
OUTSIDER_F_FILE = QUERIES_FILE.parent / "outsider_grw_f.jsonl"  # a fifth, measured only (not in the tuning)
REPEAT_TOLERANCE = 0.001  # of the objective: a milder share for a section's repeats that costs no more is preferred


def _objective(scores: dict[str, dict[str, float]]) -> float:
    return float(np.mean([family["mrr@10"] for family in scores.values()]))


def evaluate_weights(parts, queries, passages, relevant_totals, weights: FusionWeights) -> dict[str, dict[str, float]]:  # noqa: ANN001
    rows: dict[str, list[dict[str, float]]] = {}
    for query, part, total in zip(queries, parts, relevant_totals):
        top = part.order(weights, 10)[0]
        metrics = ranking_metrics([passages[i] for i in top], query.relevant, total)
        rows.setdefault(query.family, []).append(metrics)
    return {f: {k: float(np.mean([r[k] for r in rs])) for k in rs[0]} for f, rs in rows.items()}


def question_parts(pipeline: AnswerPipeline, query: str) -> ScoreParts:
    """A query's signals as the answer pipeline ranks them: marked as a question of fact where its router judges it
    one, with the passages its facts point to (`AnswerPipeline.ranking_parts`); a question the pipeline refuses
    before retrieval is ranked by its plain signals."""
    question = pipeline.analyse(query)
    return pipeline.retriever.score_parts(query) if isinstance(question, Answer) else pipeline.ranking_parts(question)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--write", action="store_true", help="write the chosen weights")
    args = parser.parse_args()

    pipeline = AnswerPipeline.open(get_settings())
    retriever = pipeline.retriever
    queries = (load_queries(split="dev") + [replace(q, family="outsider grw") for q in load_queries(OUTSIDER_FILE, "dev")]
               + [replace(q, family="outsider grw c") for q in load_queries(OUTSIDER_C_FILE, "dev")])
    passages = retriever.passages
    parts = [question_parts(pipeline, q.query) for q in queries]
    totals = [sum(is_relevant(p, q.relevant) for p in passages) for q in queries]

    def score(weights: FusionWeights) -> dict[str, dict[str, float]]:
        return evaluate_weights(parts, queries, passages, totals, weights)

    base = FusionWeights()
    sides = {
        "dense alone": score(FusionWeights(dense=1, keyword=0, exact_bonus=0, acronym_bonus=0)),
        "bm25 words alone": score(FusionWeights(dense=0, keyword=1, ngram_share=0, exact_bonus=0, acronym_bonus=0)),
        "bm25 words+ngrams (0.5)": score(FusionWeights(dense=0, keyword=1, ngram_share=0.5, exact_bonus=0, acronym_bonus=0)),
        "equal-weight fusion (0.5/0.5)": score(FusionWeights(dense=0.5, keyword=0.5, ngram_share=0.5)),
    }
    best, best_value = base, -1.0
    grid = itertools.product([0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9], [0.0, 0.25, 0.5, 0.75], [0.0, 0.1, 0.2])
    for dense, ngram_share, acronym in grid:
        weights = replace(base, dense=dense, keyword=round(1 - dense, 2), ngram_share=ngram_share, acronym_bonus=acronym)
        value = _objective(score(weights))
        if value > best_value + 1e-9:
            best, best_value = weights, value
    without_register = best
    goal_floor = score(best)["goal"]["mrr@10"]
    for dense, register_keyword, register_dense in itertools.product(
            [0.2, 0.3, 0.4, 0.5], [0.0, 0.1, 0.2, 0.3, 0.4], [0.0, 0.2, 0.3, 0.4, 0.5, 0.6]):
        weights = replace(without_register, dense=dense, keyword=round(1 - dense, 2),
                          register_keyword=register_keyword, register_dense=register_dense)
        scores = score(weights)
        if scores["goal"]["mrr@10"] >= goal_floor - 1e-9 and _objective(scores) > best_value + 1e-9:
            best, best_value = weights, _objective(scores)
    sides["without the register"] = score(without_register)
    def one_weight(name: str, values: list[float], tolerance: float = 0.0, prefer=lambda picks: picks[0]) -> dict:  # noqa: ANN001
        """Each value of the weight `name` on the choice so far; the best under the goal condition is kept where it
        beats the choice so far (among the values within `tolerance` of the best, the one `prefer` picks)."""
        nonlocal best, best_value
        before = best
        tried = {str(v): score(replace(before, **{name: v})) for v in values}
        allowed = [v for v in values if tried[str(v)]["goal"]["mrr@10"] >= goal_floor - 1e-9]
        top = max((_objective(tried[str(v)]) for v in allowed), default=best_value)
        if top > best_value + 1e-9:
            pick = prefer([v for v in allowed if _objective(tried[str(v)]) >= top - tolerance - 1e-12])
            best, best_value = replace(before, **{name: pick}), _objective(tried[str(pick)])
        return tried

    sides["without the document bonus"] = score(best)
    named_tried = one_weight("document_bonus", [0.05, 0.1, 0.15, 0.2, 0.3, 0.5])
    sides["without the share for documents without rules"] = score(best)
    share_tried = one_weight("fact_share_ruleless", [0.9, 0.8, 0.7, 0.6, 0.5])
    sides["without lowering a section's repeats"] = score(best)
    # the mildest share within REPEAT_TOLERANCE of the best: an answer quotes passages of one section together (a
    # paragraph and the one with its amount, a table's rows), so they are pushed apart no more than needed
    repeat_tried = one_weight("section_repeat_share", [0.9, 0.8, 0.7, 0.5, 0.3, 0.0], REPEAT_TOLERANCE, max)
    sides["without the bonus for the passages the facts point to"] = score(best)
    implied_tried = one_weight("implied_bonus", [0.05, 0.1, 0.2, 0.3, 0.5])
    chosen = score(best)
    report = {
        "objective": "mean of MRR@10 over team goal, team grw and both outsider grw sets, dev split only; "
                     "register weights, the document bonus, the share for documents without rules, the share for "
                     "a section's repeats and the bonus for the passages the facts point to only where goal MRR@10 is "
                     "not below the choice without the register",
        "queries": {family: sum(q.family == family for q in queries)
                    for family in ("goal", "grw", "outsider grw", "outsider grw c")},
        "weights": asdict(best),
        "dev_figures": {"chosen": chosen} | sides | {f"document bonus {w}": v for w, v in named_tried.items()}
                       | {f"fact share for documents without rules {w}": v for w, v in share_tried.items()}
                       | {f"section repeat share {w}": v for w, v in repeat_tried.items()}
                       | {f"implied bonus {w}": v for w, v in implied_tried.items()},
    }
    print(json.dumps(report, indent=2, ensure_ascii=False))
    if args.write:
        WEIGHTS_FILE.write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        print(f"written: {WEIGHTS_FILE}")


if __name__ == "__main__":
    main()
