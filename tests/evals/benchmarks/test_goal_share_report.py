"""The share sweep of evals/benchmarks/goal_share_report.py, on hand-made rankings."""

from __future__ import annotations

from evals.benchmarks.goal_share_report import Ranked, sweep


def test_goals_below_the_share_are_counted_by_whether_a_case_expects_them_and_a_lost_hit_is_counted_once():
    cases = [
        Ranked({"3.3.1"}, [("3.3.1", 1.0), ("2.4.3", 0.5), ("4.1.3", 0.55)]),  # two unexpected below 0.6
        Ranked({"1.1.5"}, [("1.1.1", 1.0), ("1.1.5", 0.58), ("2.4.3", 0.9)]),  # the only hit below 0.6: lost
        Ranked({"4.3.3"}, [("4.3.3", 0.7), ("4.3.1", 0.69)]),  # near the first: nothing left out
        Ranked({"2.1.3"}, []),  # no goals
    ]
    assert sweep(cases, 0.6) == {"unexpected": 2, "expected": 1, "hit3_lost": 1}
    assert sweep(cases, 0.5) == {"unexpected": 0, "expected": 0, "hit3_lost": 0}
    assert sweep(cases, 0.0) == {"unexpected": 0, "expected": 0, "hit3_lost": 0}
