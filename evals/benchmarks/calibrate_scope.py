"""Calibrate the out-of-scope thresholds on the dev set (never on the held-out set).

For every dev case the two scope signals of the question are computed (highest dense cosine, highest raw BM25);
together with the rule that an
in-scope question names at least one topic word of the corpus, the thresholds that refuse the most expected refusals while refusing the fewest answerable questions are chosen:
false refusals cost three times as much as missed refusals. Steering attempts are left out: a rule catches them.

    python -m evals.benchmarks.calibrate_scope [--write]
"""

from __future__ import annotations

import argparse
import itertools
import json
from pathlib import Path

import numpy as np
import yaml

from assistant.answer.pipeline import AnswerPipeline
from assistant.answer.scope import THRESHOLDS_FILE, ScopeThresholds
from assistant.answer.guardrails import is_steering_attempt
from assistant.core.settings import get_settings

DEV_SET = Path(__file__).resolve().parents[1] / "sets" / "dev.yaml"


def _refuses(dense: float, keyword: float, domain: bool, dense_t: float, keyword_t: float) -> bool:
    """The rule of Scope.in_scope, negated (single-turn questions)."""
    return not ((dense >= dense_t or keyword >= keyword_t) and domain)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--write", action="store_true")
    args = parser.parse_args()
    scope = AnswerPipeline.open(get_settings()).scope
    cases = yaml.safe_load(DEV_SET.read_text(encoding="utf-8"))["cases"]
    rows = []
    for case in cases:
        if case.get("history") or is_steering_attempt(case["question"]):
            continue
        dense, keyword = scope.signals(case["question"])
        rows.append((case["id"], bool(case.get("expect", {}).get("abstain", False)), dense, keyword,
                     scope.has_domain_term(case["question"])))
    best = None
    for dense_t, keyword_t in itertools.product(np.arange(0.76, 0.90, 0.005), np.arange(0.0, 20.0, 0.5)):
        false_refusals = sum(1 for _, abstain, d, k, dom in rows if not abstain and _refuses(d, k, dom, dense_t, keyword_t))
        missed = sum(1 for _, abstain, d, k, dom in rows if abstain and not _refuses(d, k, dom, dense_t, keyword_t))
        cost = 3 * false_refusals + missed
        if best is None or cost < best[0]:
            best = (cost, round(float(dense_t), 3), float(keyword_t), false_refusals, missed)
    cost, dense_t, keyword_t, false_refusals, missed = best
    refusals = sum(1 for _, abstain, *_ in rows if abstain)
    report = {
        "calibrated_on": "evals/sets/dev.yaml (single-turn, non-steering cases)",
        "thresholds": {"dense": dense_t, "keyword": keyword_t,
                       "router_refusal": ScopeThresholds.load().router_refusal},  # kept as it was
        "figures": {"cases": len(rows), "expected_refusals": refusals, "false_refusals": false_refusals,
                    "missed_refusals": missed},
    }
    for case_id, abstain, d, k, dom in sorted(rows, key=lambda r: r[2]):
        flag = "REFUSE" if _refuses(d, k, dom, dense_t, keyword_t) else "answer"
        print(f"{case_id:<28} expect_abstain={abstain!s:<5} dense={d:.3f} bm25={k:6.2f} domain={dom!s:<5} -> {flag}")
    print(json.dumps(report, indent=2, ensure_ascii=False))
    if args.write:
        THRESHOLDS_FILE.write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
