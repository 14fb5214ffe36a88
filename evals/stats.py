"""Uncertainty of evaluation figures: 95 % intervals and paired tests between two runs of the same set.

- A rate that is a share of cases (goal_hit@3, document_hit, ...) is a binomial proportion: Wilson score interval.
- A rate over citations or figures (citation_validity, figure_traceability) is a ratio of sums whose units cluster in
  cases: percentile bootstrap over cases (the cases are resampled, not the citations).
- Two runs compared on the cases both hold: exact McNemar test (a two-sided binomial test on the cases that flipped)
  for every metric with a pass/fail per case; for the ratio metrics a paired randomisation test (old and new swapped
  per case at random). Both are exact or seeded, so the same two runs always give the same p-value.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np

Z95 = 1.959963984540054
BOOTSTRAP_SAMPLES = 2000
PERMUTATION_SAMPLES = 5000
SEED = 20261128  # fixed: an interval or p-value must not move between two reports of the same run


def wilson(k: int, n: int, z: float = Z95) -> tuple[float, float] | None:
    """Wilson score interval of k successes in n trials (None without trials)."""
    if n <= 0:
        return None
    p = k / n
    denominator = 1 + z * z / n
    centre = (p + z * z / (2 * n)) / denominator
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / denominator
    low, high = max(0.0, centre - half), min(1.0, centre + half)
    return (0.0 if k == 0 else low), (1.0 if k == n else high)


def bootstrap_ratio(units: Sequence[tuple[int, int]], samples: int = BOOTSTRAP_SAMPLES,
                    seed: int = SEED) -> tuple[float, float] | None:
    """95 % percentile interval of sum(k) / sum(n) with the cases (k_i, n_i) resampled; None when sum(n) is 0."""
    data = np.array([u for u in units if u[1] > 0], dtype=float).reshape(-1, 2)
    if not len(data):
        return None
    rng = np.random.default_rng(seed)
    picks = rng.integers(0, len(data), size=(samples, len(data)))
    ratios = data[picks, 0].sum(axis=1) / data[picks, 1].sum(axis=1)
    low, high = np.percentile(ratios, [2.5, 97.5])
    return float(low), float(high)


def binomial_tail(k: int, n: int) -> float:
    """P(X <= k) for X ~ Binomial(n, 1/2), exactly."""
    return sum(math.comb(n, i) for i in range(0, k + 1)) / 2 ** n


def mcnemar_exact(gained: int, lost: int) -> float:
    """Two-sided exact McNemar p-value from the discordant pairs: fail→pass (gained) and pass→fail (lost)."""
    n = gained + lost
    if n == 0:
        return 1.0
    return min(1.0, 2 * binomial_tail(min(gained, lost), n))


def mcnemar_worse(gained: int, lost: int) -> float:
    """One-sided exact McNemar p-value for "the new run is worse" (more pass→fail than fail→pass flips)."""
    n = gained + lost
    if n == 0:
        return 1.0
    return 1.0 - binomial_tail(lost - 1, n) if lost > 0 else 1.0


def paired_permutation(old: Sequence[tuple[int, int]], new: Sequence[tuple[int, int]], *, one_sided_worse: bool = False,
                       samples: int = PERMUTATION_SAMPLES, seed: int = SEED) -> float | None:
    """p-value of a paired randomisation test on the ratio sum(k)/sum(n), cases paired by position.

    Two-sided by default; `one_sided_worse` tests whether the new ratio is lower. None when either side has no units.
    """
    a = np.array(old, dtype=float).reshape(-1, 2)
    b = np.array(new, dtype=float).reshape(-1, 2)
    if not len(a) or a[:, 1].sum() == 0 or b[:, 1].sum() == 0:
        return None

    def difference(x: np.ndarray, y: np.ndarray) -> np.ndarray:
        return y[..., 0].sum(-1) / np.maximum(y[..., 1].sum(-1), 1e-12) - x[..., 0].sum(-1) / np.maximum(x[..., 1].sum(-1), 1e-12)

    observed = float(difference(a, b))
    rng = np.random.default_rng(seed)
    swap = rng.random((samples, len(a))) < 0.5
    x = np.where(swap[..., None], b, a)
    y = np.where(swap[..., None], a, b)
    stats = difference(x, y)
    if one_sided_worse:
        extreme = np.count_nonzero(stats <= observed + 1e-12)
    else:
        extreme = np.count_nonzero(np.abs(stats) >= abs(observed) - 1e-12)
    return float((extreme + 1) / (samples + 1))
