"""The section register as a found-by signal of its own.

Every passage of a section carries its section's register entries (`Passage.register_text`, written by the ingest
from corpus/section_register.yaml: phrases in applicants' words and the statute's terms). Retrieval scores the
register apart from the passage, so that the passage's own words keep their weight (joined into the passage's
search text, the register lifted the GRW questions but cost the goal queries; docs/retrieval.md):

- keyword: BM25 over the distinct register texts (one document per section's entries, so a section with many
  passages does not make its own words common), in the same two views as the passages (stems, compound n-grams;
  index: register/keyword/);
- dense: the question's e5 vector against one vector per phrase (index: register/vectors.npy); a text scores its
  best phrase, and only the `DENSE_TEXTS` best texts count, scaled so that the best is 1 and the next one after
  them 0.

A passage gets the scores of its register text; passages without one get 0. Fusion weighs the two with weights of
their own (FusionWeights.register_keyword, register_dense).
"""

from __future__ import annotations

import json
from pathlib import Path

import bm25s
import numpy as np

from assistant.core.model import Passage
from assistant.index.store import REGISTER_DIR
from assistant.text.analysis import KEYWORD_VIEWS

DENSE_TEXTS = 12  # register texts whose best phrase counts on the dense side (3, 5, 8, 12 tried on dev: 12 best)


def register_terms(passages: list[Passage]) -> list[str]:
    """The terms of the passages' register entries, one text per entry: the part after the title of each entry's
    closing line ("Beginn des Vorhabens: Beginn der Arbeiten, Vorhabenbeginn, …"; `Entry.text` in ingest/register.py);
    the phrases in applicants' words are left out."""
    texts = dict.fromkeys(p.register_text for p in passages if p.register_text)
    return [line.rpartition(": ")[2] for text in texts for line in text.split("\n") if ": " in line]


def _minmax(values: np.ndarray) -> np.ndarray:
    high = float(values.max(initial=0.0))
    return values / high if high > 0 else values


class RegisterSignal:
    """Loaded once per index; `scores` keeps nothing between queries."""

    def __init__(self, passages: list[Passage], build_path: Path) -> None:
        texts = list(dict.fromkeys(p.register_text for p in passages if p.register_text))
        number = {text: n for n, text in enumerate(texts)}
        self.rows = np.array([number.get(p.register_text, -1) for p in passages], dtype=np.int64)
        self.size = len(texts)
        directory = build_path / REGISTER_DIR
        self._keyword = {}
        if texts and all((directory / "keyword" / name).is_dir() for name in KEYWORD_VIEWS):
            # written by the ingest over the distinct texts in the same order; loaded, never built here
            self._keyword = {name: (bm25s.BM25.load(str(directory / "keyword" / name), show_progress=False), analyse)
                             for name, analyse in KEYWORD_VIEWS.items()}
        self._phrase_text = np.zeros(0, dtype=np.int64)
        self._vectors = np.zeros((0, 0), dtype=np.float32)
        if texts and (directory / "phrases.json").is_file():
            phrases = json.loads((directory / "phrases.json").read_text(encoding="utf-8"))
            vectors = np.load(directory / "vectors.npy")
            if len(phrases) == len(vectors) and all(0 <= n < self.size for n, _ in phrases):
                self._phrase_text = np.array([n for n, _ in phrases], dtype=np.int64)
                self._vectors = vectors.astype(np.float32)

    def __bool__(self) -> bool:
        return self.size > 0

    def keyword(self, query: str, added: str = "", added_weight: float = 0.0) -> dict[str, np.ndarray]:
        """BM25 of the query over the register texts per keyword view, scaled to the best text (1) and spread to
        the passages. Words the query glossary adds count with `added_weight`."""
        views = {}
        for name, (index, analyse) in self._keyword.items():
            own = [t for t in analyse(query) if t in index.vocab_dict]
            extra = [t for t in dict.fromkeys(analyse(added)) if t in index.vocab_dict and t not in set(own)]
            scores = np.zeros(self.size, np.float32)
            if own:
                scores += np.asarray(index.get_scores(own), np.float32)
            if extra:
                scores += added_weight * np.asarray(index.get_scores(extra), np.float32)
            views[name] = self._spread(_minmax(scores))
        return views

    def dense(self, vector: np.ndarray) -> np.ndarray:
        """Cosine of the question to each phrase; per text its best phrase; the best `DENSE_TEXTS` texts scaled
        from the next one (0) to the best (1)."""
        if not len(self._vectors):
            return np.zeros(len(self.rows), np.float32)
        cosine = self._vectors @ np.asarray(vector, np.float32)
        best = np.full(self.size, -1.0, np.float32)
        np.maximum.at(best, self._phrase_text, cosine)
        order = np.sort(best)[::-1]
        floor = float(order[DENSE_TEXTS]) if self.size > DENSE_TEXTS else float(order[-1]) - 1e-6
        scaled = np.clip((best - floor) / max(float(order[0]) - floor, 1e-9), 0.0, None)
        return self._spread(scaled.astype(np.float32))

    def _spread(self, per_text: np.ndarray) -> np.ndarray:
        out = np.zeros(len(self.rows), np.float32)
        has = self.rows >= 0
        out[has] = per_text[self.rows[has]]
        return out
