"""Rank the 55 IREK Handlungsziele for a question or a project description.

Signals per goal, all from what the Retriever has already loaded (nothing is loaded per query):
- dense: cosine similarity of the query to the goal passage (its search text carries the team-written goal profile),
  computed against the index's stored passage vectors, so every goal gets a similarity, not only the top candidates;
- keyword: the Retriever's BM25 views (stems and compound n-grams) of the goal passage;
- leitziel / corridor: the same signals of the Leitziel passage and of the corridor introduction, propagated to
  their goals as extra evidence;
- exact: a goal named in the query ("Handlungsziel 3.4.2") comes first.

The weights are chosen on the development split only (evals/benchmarks/goal_matching_report.py --tune) and are
recorded with their figures in assistant/knowledge/goal_matching_weights.json.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import asdict, dataclass, fields, replace
from pathlib import Path

import numpy as np

from assistant.core.paths import TUNED_DIR, TunedValuesMissing
from assistant.index.catalogue import GoalCatalogue
from assistant.retrieval.retriever import Retriever, ScoreParts
from assistant.core.settings import Settings
from assistant.core.model import Passage

WEIGHTS_FILE = TUNED_DIR / "goal_matching_weights.json"


@dataclass(frozen=True)
class GoalMatchWeights:
    """The values in use are the tuned ones (`load_goal_weights`); these defaults are only the tuning starting point."""

    dense: float = 0.7
    keyword: float = 0.3
    ngram_share: float = 0.25  # share of the compound n-gram BM25 inside the keyword side
    leitziel: float = 0.0  # evidence of the goal's Leitziel passage
    corridor: float = 0.05  # evidence of the corridor introduction
    exact_bonus: float = 1.0
    sector_bonus: float = 0.15  # added to the goals that name the applicant's sector (assistant/goals/sectors.py)
    # instead of sector_bonus where the project is the firm's own investment in its business (a new hall, machines,
    # a modernisation): the goals of its sector are what such a project serves
    investment_sector_bonus: float = 0.15
    # a goal after the first is kept only where its score is at least this share of the first's: far below it, it is
    # one the project does not serve as well, whatever words they share (0: every goal up to k)
    min_share_of_first: float = 0.0


def load_goal_weights(path: Path = WEIGHTS_FILE) -> GoalMatchWeights:
    """The tuned weights (evals/benchmarks/goal_matching_report.py --write); a missing file is an error."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))["weights"]
    except (OSError, ValueError, KeyError) as error:
        raise TunedValuesMissing(path, error) from None
    known = {f.name for f in fields(GoalMatchWeights)}
    return GoalMatchWeights(**{k: v for k, v in data.items() if k in known})


@dataclass(frozen=True)
class GoalRef:
    code: str
    title: str


@dataclass
class GoalMatch:
    code: str
    title: str
    leitziel: GoalRef
    corridor: GoalRef
    score: float  # 0..1, relative to the other goals of the same query
    passage: Passage  # the IREK goal passage to cite
    served: bool = True  # False: one of the goals the project cannot serve (`rank`'s not_served), ranked after all

    def to_dict(self) -> dict:
        return {"code": self.code, "title": self.title, "leitziel": asdict(self.leitziel),
                "corridor": asdict(self.corridor), "score": self.score, "chunk_id": self.passage.chunk_id}


@dataclass
class GoalSignals:
    """Raw signals of one query for the goals, their Leitziele and corridors (arrays aligned with the goals)."""

    dense: np.ndarray
    words: np.ndarray
    ngrams: np.ndarray
    leitziel_dense: np.ndarray
    leitziel_words: np.ndarray
    leitziel_ngrams: np.ndarray
    corridor_dense: np.ndarray
    exact: np.ndarray


def _minmax(values: np.ndarray) -> np.ndarray:
    low, high = float(values.min()), float(values.max())
    if high - low < 1e-9:
        return np.zeros_like(values)
    return (values - low) / (high - low)


class GoalMatcher:
    def __init__(self, retriever: Retriever, weights: GoalMatchWeights | None = None) -> None:
        self.retriever = retriever
        self.weights = weights or load_goal_weights()
        self.catalogue = GoalCatalogue.from_snapshot(retriever.snapshot)
        passages = retriever.passages
        irek = [i for i, p in enumerate(passages) if p.document == "irek"]
        by_goal = {passages[i].goal_code: i for i in irek if passages[i].goal_code}
        self.goals = [g for g in self.catalogue.handlungsziele if g.code in by_goal]
        if not self.goals:
            raise ValueError("Der Index enthält keine Handlungsziele des IREK.")
        self._goal_rows = np.array([by_goal[g.code] for g in self.goals])
        self._index = {g.code: n for n, g in enumerate(self.goals)}
        self._leitziel_rows = np.array([by_goal.get(g.parent, by_goal[g.code]) for g in self.goals])
        self._has_leitziel = np.array([g.parent in by_goal for g in self.goals])
        # Corridor introductions: IREK passages outside any goal that belong to the corridor (by field or heading).
        corridor_rows: dict[str, list[int]] = {}
        for corridor in self.catalogue.corridors:
            corridor_rows[corridor.code] = [
                i for i in irek if not passages[i].goal_code
                and (passages[i].corridor == corridor.code or passages[i].section_title.startswith(corridor.title))
            ]
        self._corridor_rows = [corridor_rows.get(g.corridor) or [int(self._goal_rows[n])] for n, g in enumerate(self.goals)]
        # The stored passage vectors (unit length), loaded once; the dense side needs only these rows.
        needed = sorted({int(i) for i in self._goal_rows} | {int(i) for i in self._leitziel_rows}
                        | {i for rows in self._corridor_rows for i in rows})
        matrix = retriever.snapshot.embeddings
        self._vectors = {i: np.asarray(matrix[i], dtype=np.float32) for i in needed}
        self._goal_matrix = np.stack([self._vectors[int(i)] for i in self._goal_rows])
        self._leitziel_matrix = np.stack([self._vectors[int(i)] for i in self._leitziel_rows])

    @classmethod
    def open(cls, settings: Settings, weights: GoalMatchWeights | None = None) -> "GoalMatcher":
        return cls(Retriever.open(settings), weights)

    def signals(self, query: str | ScoreParts, keyword_query: str | None = None) -> GoalSignals:
        """The goals' signals for a query, from the retriever's parts (an answer passes the parts it searched with);
        `keyword_query`: the words the keyword side reads instead of the parts' (the question without its place
        names, which tell where a project is, not what it is about)."""
        parts = query if isinstance(query, ScoreParts) else self.retriever.score_parts(query)
        if keyword_query is not None and keyword_query.strip() and keyword_query != parts.query:
            views = self.retriever.keyword_views(keyword_query)[0]
            parts = replace(parts, words=views["words"], ngrams=views["ngrams"])
        vector = parts.vector
        corridor_dense = {}
        for rows in self._corridor_rows:
            key = tuple(rows)
            if key not in corridor_dense:
                corridor_dense[key] = max(float(self._vectors[i] @ vector) for i in rows)
        exact = parts.exact
        return GoalSignals(
            dense=self._goal_matrix @ vector,
            words=parts.words[self._goal_rows], ngrams=parts.ngrams[self._goal_rows],
            leitziel_dense=self._leitziel_matrix @ vector,
            leitziel_words=parts.words[self._leitziel_rows], leitziel_ngrams=parts.ngrams[self._leitziel_rows],
            corridor_dense=np.array([corridor_dense[tuple(rows)] for rows in self._corridor_rows], dtype=np.float32),
            # A named goal counts fully; a named Leitziel lifts its goals by half.
            exact=np.maximum(exact[self._goal_rows].astype(np.float32), 0.5 * (exact[self._leitziel_rows] & self._has_leitziel)),
        )

    @staticmethod
    def combine(s: GoalSignals, w: GoalMatchWeights) -> np.ndarray:
        """Fused score per goal in 0..1 (exact references lift a goal to the top)."""
        keyword = (1.0 - w.ngram_share) * s.words + w.ngram_share * s.ngrams
        top_keyword = float(keyword.max())
        leitziel_keyword = (1.0 - w.ngram_share) * s.leitziel_words + w.ngram_share * s.leitziel_ngrams
        leitziel_keyword = np.clip(leitziel_keyword / top_keyword, 0, 1) if top_keyword > 0 else leitziel_keyword * 0
        fused = (w.dense * _minmax(s.dense) + w.keyword * _minmax(keyword)
                 + w.leitziel * (0.5 * _minmax(s.leitziel_dense) + 0.5 * leitziel_keyword)
                 + w.corridor * _minmax(s.corridor_dense))
        total = w.dense + w.keyword + w.leitziel + w.corridor
        fused = fused / total if total > 0 else fused
        return np.clip(fused + w.exact_bonus * s.exact, 0.0, 1.0 + w.exact_bonus)

    def shown(self, matches: list[GoalMatch]) -> list[GoalMatch]:
        """The goals of a ranking that an answer shows: the first, and each further one whose score is at least
        `min_share_of_first` of the first's; after a goal the project serves, none it cannot serve (a firm's new hall
        that serves its sector's goal does not fill the places after it with a public body's task)."""
        if not matches:
            return matches
        least = self.weights.min_share_of_first * matches[0].score
        return matches[:1] + [m for m in matches[1:] if m.score >= least and (m.served or not matches[0].served)]

    def rank(self, query: str | ScoreParts, k: int = 5, favoured: Sequence[str] = (),
             own_investment: bool = False, keyword_query: str | None = None,
             not_served: Sequence[str] = (), secondary: Sequence[str] = ()) -> list[GoalMatch]:
        """The best `k` goals; `favoured` goals (those naming the applicant's sector, best first) get the sector
        bonus, the first in full and each further one a little less; for the firm's own investment in its business
        (`own_investment`) the larger investment bonus. `secondary` goals (those of a sector the trade's name may also
        mean) get the least share of it. `not_served`: goals the project cannot serve (a public body's
        task, for a firm's own investment), ranked after all others unless the query names them. `keyword_query`: as
        for `signals`."""
        signals = self.signals(query, keyword_query)
        scores = self.combine(signals, self.weights)
        bonus = self.weights.investment_sector_bonus if own_investment else self.weights.sector_bonus
        for rank_, code in enumerate(favoured):
            index = self._index.get(code)
            if index is not None:
                scores[index] += bonus * (1.0 - 0.2 * min(rank_, 3))
        for code in secondary:
            index = self._index.get(code)
            if index is not None and code not in favoured:
                scores[index] += bonus * (1.0 - 0.2 * 3)
        last = np.zeros(len(scores), dtype=bool)
        for code in not_served:
            index = self._index.get(code)
            if index is not None and not signals.exact[index]:
                last[index] = True
        order = np.lexsort((-scores, last))[: max(0, k)]  # (the last key sorts first: the goals served, then score)
        matches = []
        for n in order:
            goal = self.goals[int(n)]
            leitziel = self.catalogue.get(goal.parent)
            corridor = self.catalogue.get(goal.corridor)
            matches.append(GoalMatch(
                code=goal.code, title=goal.title,
                leitziel=GoalRef(goal.parent, leitziel.title if leitziel else ""),
                corridor=GoalRef(goal.corridor, corridor.title if corridor else ""),
                score=round(min(1.0, float(scores[n])), 2),
                passage=self.retriever.passages[int(self._goal_rows[n])], served=not last[n],
            ))
        return matches
