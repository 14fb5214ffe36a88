"""Late interaction: MaxSim over stored token vectors, the second stage over the first stage's best only, and a
retriever that uses it on a small real index built with token vectors."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest
from helpers.corpus import write_small_corpus

from assistant.core.settings import Settings
from assistant.index.store import IndexUnavailable
from assistant.index.tokens import TokenVectors
from assistant.retrieval.late import LATE_DEPTH, late_scores, maxsim
from assistant.retrieval.retriever import Retriever
from ingest.build import build_index


def _unit(*rows: list[float]) -> np.ndarray:
    matrix = np.array(rows, np.float32)
    return matrix / np.linalg.norm(matrix, axis=1, keepdims=True)


def _store(*passages: np.ndarray) -> TokenVectors:
    offsets = np.concatenate([[0], np.cumsum([len(p) for p in passages])]).astype(np.int64)
    return TokenVectors(np.concatenate(passages).astype(np.float32), offsets)


def test_maxsim_is_the_mean_of_each_query_tokens_best_match():
    query = _unit([1, 0, 0], [0, 1, 0])
    store = _store(_unit([1, 0, 0], [0, 0, 1]), _unit([1, 1, 0]), np.zeros((0, 3), np.float32))
    scores = maxsim(query, store, np.array([0, 1, 2]))
    assert scores[0] == pytest.approx(0.5)  # first token matched exactly, second not at all
    assert scores[1] == pytest.approx(np.sqrt(0.5))  # both half-way
    assert np.isnan(scores[2])  # no token vectors (a keyword-only passage)


def test_only_the_first_stages_best_are_scored_and_a_passage_without_tokens_stays_neutral():
    rng = np.random.default_rng(0)
    passages = [_unit(*rng.standard_normal((4, 8))) for _ in range(LATE_DEPTH + 10)]
    passages[3] = np.zeros((0, 8), np.float32)
    first_stage = np.linspace(1.0, 0.0, len(passages))  # passage 0 best
    first_stage[5] = -np.inf  # filtered out
    scores = late_scores(_unit(*rng.standard_normal((3, 8))), _store(*passages), first_stage)
    candidates = [i for i in range(LATE_DEPTH + 1) if i != 5]
    assert not scores[[i for i in range(len(passages)) if i not in candidates]].any()
    scored = [i for i in candidates if i != 3]
    assert scores[scored].min() == 0.0 and scores[scored].max() == 1.0
    assert scores[3] == pytest.approx(scores[scored].mean())


@pytest.fixture(scope="module")
def late_index(tmp_path_factory, e5):
    root = tmp_path_factory.mktemp("late")
    settings = Settings(corpus_dir=write_small_corpus(root / "corpus"), index_dir=root / "index", late_interaction=True)
    build_index(settings, e5)
    return settings


def test_the_second_stage_reorders_the_first_stages_best_only(late_index):
    retriever = Retriever.open(late_index)
    parts = retriever.score_parts("kostenlose Beratung für Start-ups zur E-Mobilität")
    first = parts.fuse(replace(retriever.weights, late_interaction=0.0))
    best = {i for i in np.argsort(-first, kind="stable")[:LATE_DEPTH] if np.isfinite(first[i])}
    assert set(np.flatnonzero(parts.late)) <= best and parts.late.max() == 1.0
    assert parts.query_tokens.shape[1] == 384 and "late" in parts.timings_ms
    assert retriever.search("kostenlose Beratung für Start-ups zur E-Mobilität", k=3).hits


def test_late_interaction_on_an_index_without_token_vectors_asks_for_an_ingest(late_index, tmp_path, e5):
    plain = Settings(corpus_dir=late_index.corpus_dir, index_dir=tmp_path / "index")
    build_index(plain, e5)
    with pytest.raises(IndexUnavailable, match="irek ingest"):
        Retriever.open(Settings(corpus_dir=plain.corpus_dir, index_dir=plain.index_dir, late_interaction=True))
