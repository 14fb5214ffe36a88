"""evals.stats: the intervals and paired tests, against values computed by hand (formulas in the docstrings)."""

from __future__ import annotations

import math

import pytest

from evals.stats import bootstrap_ratio, mcnemar_exact, mcnemar_worse, paired_permutation, wilson


@pytest.mark.parametrize(("k", "n", "low", "high"), [
    # Wilson: (p + z²/2n ± z·sqrt(p(1-p)/n + z²/4n²)) / (1 + z²/n), z = 1.95996
    (5, 10, 0.2366, 0.7634),
    (0, 10, 0.0, 0.2775),
    (10, 10, 0.7225, 1.0),
    (66, 66, 0.9450, 1.0),
    (90, 97, 0.8584, 0.9646),
])
def test_wilson_interval_by_hand(k, n, low, high):
    got = wilson(k, n)
    assert got == pytest.approx((low, high), abs=1e-4)
    assert got[0] <= k / n <= got[1]


def test_wilson_without_cases_is_none():
    assert wilson(0, 0) is None


def test_one_case_moves_a_rate_less_than_the_interval_is_wide():
    """The issue's point: with 66 cases one case is 0.015, the 95 % interval around 0.9 is about 0.15 wide."""
    low, high = wilson(59, 66)
    assert high - low > 9 * (1 / 66)


@pytest.mark.parametrize(("gained", "lost", "p"), [
    (0, 0, 1.0),
    (0, 5, 2 / 32),          # 2 · P(X ≤ 0 | n=5) = 2/32
    (1, 9, 2 * 11 / 1024),   # 2 · (1 + 10) / 2^10
    (3, 3, 1.0),
    (2, 6, 2 * (1 + 8 + 28) / 256),
])
def test_mcnemar_exact_two_sided(gained, lost, p):
    assert mcnemar_exact(gained, lost) == pytest.approx(p)
    assert mcnemar_exact(lost, gained) == pytest.approx(p), "symmetric"


def test_mcnemar_one_sided_worse():
    assert mcnemar_worse(0, 5) == pytest.approx(1 / 32)        # P(X ≥ 5 | n=5)
    assert mcnemar_worse(5, 0) == 1.0                         # only gains: not worse
    assert mcnemar_worse(1, 9) == pytest.approx(11 / 1024)    # P(X ≥ 9 | n=10)
    assert mcnemar_worse(0, 0) == 1.0


def test_bootstrap_ratio_over_cases():
    assert bootstrap_ratio([(3, 3), (2, 2)]) == (1.0, 1.0)
    assert bootstrap_ratio([(0, 0)]) is None
    low, high = bootstrap_ratio([(1, 2)] * 10 + [(2, 2)] * 10)
    assert low < 0.75 < high and 0.5 <= low and high <= 1.0
    assert bootstrap_ratio([(1, 2)] * 10 + [(2, 2)] * 10) == (low, high), "seeded: the same run, the same interval"


def test_paired_permutation():
    same = [(2, 3), (1, 1), (0, 2), (4, 4)]
    assert paired_permutation(same, same) == pytest.approx(1.0)
    old = [(2, 2)] * 20
    new = [(0, 2)] * 20
    p = paired_permutation(old, new)
    assert p < 0.001
    assert paired_permutation(old, new, one_sided_worse=True) < 0.001
    assert paired_permutation(new, old, one_sided_worse=True) > 0.5, "better is not worse"
    assert paired_permutation([(0, 0)], [(1, 1)]) is None
    assert math.isclose(paired_permutation(old, new), p), "seeded"
