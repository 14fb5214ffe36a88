"""Which goals an answer shows after the first: the share of the first goal's score a further goal needs.

Answers every case of the development sets whose expect carries goals (never a held-out set) with the share switched
off, then counts for each share how many goals in places 2-3 it would leave out that no case expects, how many it
would leave out that one does, and in how many cases it would lose goal_hit@3. The share in use is
`min_share_of_first` in assistant/tuned/goal_matching_weights.json (`GoalMatcher.shown`).

    python -m evals.benchmarks.goal_share_report [--shares 0.5 0.6 0.7 0.8]
"""

from __future__ import annotations

import argparse
from dataclasses import dataclass, replace
from pathlib import Path

import yaml

from assistant.answer.pipeline import AnswerPipeline
from assistant.core.settings import get_settings

SETS_DIR = Path(__file__).resolve().parent.parent / "sets"
DEV_SETS = ("dev", "outsider-dev", "outsider-c-dev", "outsider-d-dev", "outsider-e-dev", "outsider-f-dev")
PLACES = 3  # the goals an answer shows at most, and goal_hit@3


@dataclass
class Ranked:
    expected: set[str]
    goals: list[tuple[str, float]]  # (code, score) of the answer's goals with the share switched off


def ranked_dev_cases(pipeline: AnswerPipeline) -> list[Ranked]:
    cases = []
    for name in DEV_SETS:
        for case in yaml.safe_load((SETS_DIR / f"{name}.yaml").read_text(encoding="utf-8"))["cases"]:
            expected = (case.get("expect") or {}).get("goals")
            if not expected:
                continue
            answer = pipeline.answer(case["question"], case.get("history") or [])
            cases.append(Ranked({str(g) for g in expected}, [(g.code, g.score) for g in answer.goals][:PLACES]))
    return cases


def sweep(cases: list[Ranked], share: float) -> dict[str, int]:
    """Goals in places 2-3 left out at `share` (expected by no case / by the case), and goal_hit@3 lost."""
    unexpected = expected = lost = 0
    for case in cases:
        if not case.goals:
            continue
        first = case.goals[0][1]
        left_out = [code for code, score in case.goals[1:] if score < share * first]
        unexpected += sum(code not in case.expected for code in left_out)
        expected += sum(code in case.expected for code in left_out)
        kept = [code for code, _ in case.goals if code not in left_out]
        lost += bool(case.expected & {c for c, _ in case.goals}) and not case.expected & set(kept)
    return {"unexpected": unexpected, "expected": expected, "hit3_lost": lost}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--shares", type=float, nargs="+", default=[0.5, 0.6, 0.7, 0.8])
    args = parser.parse_args()
    pipeline = AnswerPipeline.open(get_settings())
    in_use = pipeline.goal_matcher.weights.min_share_of_first
    pipeline.goal_matcher.weights = replace(pipeline.goal_matcher.weights, min_share_of_first=0.0)
    cases = ranked_dev_cases(pipeline)
    later = sum(max(0, len(c.goals) - 1) for c in cases)
    later_unexpected = sum(code not in c.expected for c in cases for code, _ in c.goals[1:])
    print(f"dev cases with expected goals: {len(cases)}; goals in places 2-{PLACES}: {later} "
          f"({later_unexpected} expected by no case); share in use: {in_use}")
    print("share  left out: unexpected  expected  goal_hit@3 lost")
    for share in args.shares:
        row = sweep(cases, share)
        print(f"{share:5.2f}  {row['unexpected']:20d}  {row['expected']:8d}  {row['hit3_lost']:15d}")


if __name__ == "__main__":
    main()
