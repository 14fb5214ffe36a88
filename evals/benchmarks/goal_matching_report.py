"""Goal matching: top-1/top-3 accuracy on dev and held-out, for both sources of labelled questions.

Sources: the goal family of evals/retrieval/queries.jsonl ("queries") and the cases of evals/sets/{dev,heldout}.yaml
whose expect carries goals ("set"; earlier user turns of a case's history are put in front of the question, as the
answer composer does). With --tune the weights are chosen by grid search on the dev split only (never on held-out);
--write records the chosen weights and all figures in assistant/tuned/goal_matching_weights.json.

    python -m evals.benchmarks.goal_matching_report [--tune] [--write]
"""

from __future__ import annotations

import argparse
import itertools
import json
from dataclasses import asdict, dataclass, replace
from pathlib import Path

import numpy as np
import yaml

from assistant.goals.matching import WEIGHTS_FILE, GoalMatcher, GoalMatchWeights, GoalSignals, load_goal_weights
from assistant.core.settings import get_settings
from evals.retrieval_eval import load_queries

SETS_DIR = Path(__file__).resolve().parent.parent / "sets"


@dataclass
class Labelled:
    source: str  # queries | set
    split: str  # dev | heldout
    text: str
    gold: tuple[str, ...]


def labelled_questions() -> list[Labelled]:
    items = [Labelled("queries", q.split, q.query, tuple(label.partition(":")[2] for label in q.relevant))
             for q in load_queries() if q.family == "goal"]
    for split in ("dev", "heldout"):
        cases = yaml.safe_load((SETS_DIR / f"{split}.yaml").read_text(encoding="utf-8"))["cases"]
        for case in cases:
            goals = (case.get("expect") or {}).get("goals")
            if goals:
                prior = " ".join(t["content"] for t in case.get("history") or [] if t.get("role") == "user")
                items.append(Labelled("set", split, f"{prior} {case['question']}".strip(), tuple(str(g) for g in goals)))
    return items


def accuracy(matcher: GoalMatcher, items: list[Labelled], signals: list[GoalSignals],
             weights: GoalMatchWeights) -> dict[str, dict[str, float]]:
    codes = [g.code for g in matcher.goals]
    figures: dict[str, dict[str, float]] = {}
    for source, split in itertools.product(("queries", "set"), ("dev", "heldout")):
        chosen = [(item, s) for item, s in zip(items, signals) if item.source == source and item.split == split]
        top1 = top3 = 0
        for item, s in chosen:
            order = np.argsort(-GoalMatcher.combine(s, weights), kind="stable")[:3]
            top = [codes[int(i)] for i in order]
            top1 += top[0] in item.gold
            top3 += any(code in item.gold for code in top)
        n = len(chosen) or 1
        figures[f"{source}/{split}"] = {"n": len(chosen), "top1": round(top1 / n, 4), "top3": round(top3 / n, 4)}
    return figures


def _objective(figures: dict[str, dict[str, float]]) -> float:
    dev = [figures["queries/dev"], figures["set/dev"]]
    return sum(f["top1"] for f in dev) / 2 + 0.5 * sum(f["top3"] for f in dev) / 2


def tune(matcher: GoalMatcher, items: list[Labelled], signals: list[GoalSignals]) -> GoalMatchWeights:
    dev_items = [(i, s) for i, s in zip(items, signals) if i.split == "dev"]
    its, sig = [i for i, _ in dev_items], [s for _, s in dev_items]
    base = load_goal_weights()  # the sector bonuses are not tuned here: they carry over as recorded
    best, best_value = base, -1.0
    grid = itertools.product([0.3, 0.4, 0.5, 0.6, 0.7, 0.8], [0.0, 0.25, 0.5, 0.75], [0.0, 0.05, 0.1, 0.2],
                             [0.0, 0.05, 0.1])
    for dense, ngram_share, leitziel, corridor in grid:
        weights = replace(base, dense=dense, keyword=round(1 - dense, 2), ngram_share=ngram_share,
                          leitziel=leitziel, corridor=corridor)
        value = _objective(accuracy(matcher, its, sig, weights))
        if value > best_value + 1e-9:
            best, best_value = weights, value
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--tune", action="store_true", help="choose the weights on the dev split")
    parser.add_argument("--write", action="store_true", help="record weights and figures (implies --tune)")
    args = parser.parse_args()

    matcher = GoalMatcher.open(get_settings())
    items = labelled_questions()
    signals = [matcher.signals(item.text) for item in items]
    weights = tune(matcher, items, signals) if args.tune or args.write else load_goal_weights()
    figures = accuracy(matcher, items, signals, weights)
    baselines = {
        "dense alone": accuracy(matcher, items, signals, GoalMatchWeights(dense=1, keyword=0, leitziel=0, corridor=0)),
        "keyword alone": accuracy(matcher, items, signals, GoalMatchWeights(dense=0, keyword=1, leitziel=0, corridor=0)),
    }
    report = {
        "objective": "mean top-1 + 0.5 * mean top-3 over the two dev sources (queries, set); held-out never used",
        "weights": asdict(weights),
        "figures": figures,
        "baselines": baselines,
    }
    print(json.dumps(report, indent=2, ensure_ascii=False))
    print("\nsource/split        n   top-1   top-3")
    for key, f in figures.items():
        print(f"{key:<16} {f['n']:>4}  {f['top1']:6.1%}  {f['top3']:6.1%}")
    if args.write:
        recorded = json.loads(WEIGHTS_FILE.read_text(encoding="utf-8")) if WEIGHTS_FILE.exists() else {}
        report |= {key: value for key, value in recorded.items() if key.endswith("_note")}  # why a weight is as it is
        WEIGHTS_FILE.write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        print(f"written: {WEIGHTS_FILE}")


if __name__ == "__main__":
    main()
