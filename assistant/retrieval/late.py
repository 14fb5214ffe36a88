"""Late interaction: a second stage over the hybrid's best `LATE_DEPTH` passages that compares the query token by
token with each candidate (ColBERT's MaxSim on e5-small's last hidden states, which e5 otherwise mean-pools).

The passages' token vectors are computed by the ingest and stored with the build (assistant/index/tokens.py); the
query's come from the same forward pass as its vector. A candidate's score is the mean over the query's tokens of
the best cosine among the passage's tokens. Scores are scaled over the candidates (best 1, worst 0); a candidate
without token vectors (a keyword-only passage) gets the candidates' mean, so that it is neither lifted nor pushed
down. Fusion adds them with FusionWeights.late_interaction (0 = off).
"""

from __future__ import annotations

import numpy as np

from assistant.index.tokens import TokenVectors

LATE_DEPTH = 30  # candidates of the first stage that are compared token by token


def maxsim(query_tokens: np.ndarray, store: TokenVectors, rows: np.ndarray) -> np.ndarray:
    """Mean over the query's tokens of the best cosine among each row's passage tokens; NaN for a passage without
    token vectors. One small product per passage: gathering the candidates' rows into one matrix first took 3-4
    times as long."""
    scores = np.full(len(rows), np.nan, np.float32)
    if not len(query_tokens):
        return scores
    transposed = np.ascontiguousarray(np.asarray(query_tokens, np.float32).T)
    for k, row in enumerate(rows):
        tokens = store.of(int(row))
        if len(tokens):
            scores[k] = float((tokens @ transposed).max(axis=0).mean())
    return scores


def late_scores(query_tokens: np.ndarray, store: TokenVectors, first_stage: np.ndarray) -> np.ndarray:
    """Over all passages: the scaled MaxSim of the first stage's best `LATE_DEPTH` (finite scores only), 0 elsewhere."""
    out = np.zeros(len(first_stage), np.float32)
    order = np.argsort(-first_stage, kind="stable")[:LATE_DEPTH]
    candidates = order[np.isfinite(first_stage[order])]
    raw = maxsim(query_tokens, store, candidates)
    known = np.isfinite(raw)
    if not known.any():
        return out
    low, high = float(raw[known].min()), float(raw[known].max())
    scaled = (raw - low) / (high - low) if high - low > 1e-9 else np.where(known, 1.0, np.nan)
    out[candidates] = np.where(known, scaled, float(np.mean(scaled[known])))
    return out
