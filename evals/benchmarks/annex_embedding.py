"""Annex benchmark: how the GRW annexes are embedded, compared on the development queries (all 268).

Treatments of the annex passages (every other passage keeps the vector of the current index):
whole, cut to their opening (200 characters), keyword-only (no vector), and the configured one from
corpus/sources.yaml (Anhang 1-4 keyword-only, Anhang 5 by its opening), plus Anhang 5 whole. The annex vectors are
computed here and swapped in memory; the dense side takes the top candidates by cosine as Chroma would, and the
fusion, the keyword side and the metrics are those of the retriever and the retrieval benchmark. Prints a table; not
a test.

    python -m evals.benchmarks.annex_embedding
"""

from __future__ import annotations

from dataclasses import replace

import numpy as np

from assistant.retrieval.retriever import Retriever
from assistant.core.settings import get_settings
from evals.retrieval_eval import evaluate, load_queries
from ingest.chunking import REGISTER_EMBEDDED_CHARS
from assistant.core.model import Passage


def _opening(passage: Passage) -> str:
    return replace(passage, dense_chars=REGISTER_EMBEDDED_CHARS).embedding_text


def treatments(retriever: Retriever) -> dict[str, tuple[np.ndarray, int]]:
    """Name -> (passage vectors, tokens embedded in all)."""
    passages, embeddings = retriever.passages, retriever.embeddings
    configured = np.asarray(retriever.snapshot.embeddings, dtype=np.float32)
    annex = [i for i, p in enumerate(passages) if p.document == "grw" and p.section_number.startswith("Anhang")]
    register = [i for i in annex if passages[i].section_number == "Anhang 5"]
    whole = dict(zip(annex, embeddings.embed_passages([passages[i].search_text for i in annex])))
    opening = dict(zip(annex, embeddings.embed_passages([_opening(passages[i]) for i in annex])))
    other_tokens = sum(embeddings.count_tokens(p.embedding_text) for i, p in enumerate(passages)
                       if i not in whole and p.dense)
    whole_tokens = {i: embeddings.count_tokens(passages[i].search_text) for i in annex}
    opening_tokens = {i: embeddings.count_tokens(_opening(passages[i])) for i in annex}

    def variant(rows: dict[int, np.ndarray | None], tokens: int) -> tuple[np.ndarray, int]:
        vectors = configured.copy()
        for i in annex:
            vectors[i] = rows.get(i, np.zeros(vectors.shape[1], np.float32))
        return vectors, other_tokens + tokens

    return {
        "alle Anhänge ganz": variant(whole, sum(whole_tokens.values())),
        "alle Anhänge nur Anfang": variant(opening, sum(opening_tokens.values())),
        "alle Anhänge nur Stichwörter": variant({}, 0),
        "1-4 Stichwörter, 5 Anfang (eingestellt)": variant({i: opening[i] for i in register},
                                                           sum(opening_tokens[i] for i in register)),
        "1-4 Stichwörter, 5 ganz": variant({i: whole[i] for i in register}, sum(whole_tokens[i] for i in register)),
    }


def ranker(retriever: Retriever, vectors: np.ndarray):  # noqa: ANN201
    weights = retriever.weights
    passages = retriever.passages

    def rank(query: str) -> list[Passage]:
        parts = retriever.score_parts(query)
        similarity = vectors @ retriever.query_vector(query)
        similarity[~vectors.any(axis=1)] = -np.inf  # passages without a vector are not candidates
        dense = np.zeros(len(passages), np.float32)
        top = np.argsort(-similarity)[: weights.dense_candidates]
        top = top[np.isfinite(similarity[top])]
        dense[top] = similarity[top]
        swapped = replace(parts, dense=dense)
        return [passages[i] for i in np.argsort(-swapped.fuse(weights), kind="stable")[:10]]

    return rank


def main() -> None:
    retriever = Retriever.open(get_settings())
    queries = load_queries()
    held_out = [q for q in queries if q.split == "heldout"]
    print(f"{'Anhänge':<42} {'Tokens':>7} {'goal hit@5':>10} {'goal MRR':>9} {'grw hit@5':>10} {'grw MRR':>8} "
          f"{'grw MRR held-out':>17}")
    for name, (vectors, tokens) in treatments(retriever).items():
        rank = ranker(retriever, vectors)
        every, held = evaluate(queries, retriever.passages, rank), evaluate(held_out, retriever.passages, rank)
        print(f"{name:<42} {tokens:>7} {every['goal']['hit@5']:>10.3f} {every['goal']['mrr@10']:>9.3f} "
              f"{every['grw']['hit@5']:>10.3f} {every['grw']['mrr@10']:>8.3f} {held['grw']['mrr@10']:>17.3f}")


if __name__ == "__main__":
    main()
