"""Dense search over a build's vectors: exactly in numpy from the build's own `embeddings.npy`, or through Chroma (on
disk by default or as a server by URL: one code path, one setting, IREK_CHROMA_URL).

Chroma is imported only where it is used (building, or searching with `IREK_DENSE_SEARCH=chroma` or a Chroma
server): a one-off `irek ask` and a starting server skip its import and client start-up. Collections are created and
opened with `embedding_function=None`: vectors always come from the project's own embedder, so Chroma never
instantiates its downloading default embedding function.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING, Protocol
from urllib.parse import urlparse

import numpy as np

os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")

if TYPE_CHECKING:
    from chromadb.config import Settings as ChromaSettings


def _chroma_settings() -> "ChromaSettings":
    """A fresh settings object per client: chromadb's HttpClient rewrites the one it is given in place."""
    from chromadb.config import Settings as ChromaSettings

    return ChromaSettings(anonymized_telemetry=False, allow_reset=False)

ADD_BATCH = 1000


def chroma_client(chroma_url: str, local_path: Path | None):
    """An HTTP client for a Chroma server, or a persistent client on disk."""
    import chromadb

    if chroma_url:
        parsed = urlparse(chroma_url)
        return chromadb.HttpClient(
            host=parsed.hostname or "localhost",
            port=parsed.port or (443 if parsed.scheme == "https" else 8000),
            ssl=parsed.scheme == "https",
            settings=_chroma_settings(),
        )
    if local_path is None:
        raise ValueError("local_path is required without a Chroma server")
    return chromadb.PersistentClient(path=str(local_path), settings=_chroma_settings())


def create_collection(client, name: str, embedder: str):
    return client.create_collection(
        name=name,
        embedding_function=None,
        configuration={"hnsw": {"space": "cosine"}},
        metadata={"embedder": embedder},
    )


def open_collection(client, name: str):
    return client.get_collection(name=name, embedding_function=None)


def add_passages(collection, ids: list[str], vectors, documents: list[str], metadatas: list[dict]) -> None:
    for start in range(0, len(ids), ADD_BATCH):
        stop = start + ADD_BATCH
        collection.add(
            ids=ids[start:stop], embeddings=vectors[start:stop], documents=documents[start:stop],
            metadatas=metadatas[start:stop],
        )


# -- searching ---------------------------------------------------------------------------------------------------------

class DenseSearch(Protocol):
    def top(self, vector: np.ndarray, n: int, rows: np.ndarray) -> list[tuple[int, float]]:
        """The n passages (rows of the build) among `rows` (a boolean mask) most similar to `vector`, with their
        cosine similarity."""


class ExactVectors:
    """Cosine similarity against every stored vector, in numpy: the build's `embeddings.npy` holds the same vectors
    as its Chroma collection (zero rows for passages without one). Exact where Chroma's HNSW graph approximates; for
    a few thousand passages one matrix-vector product takes well under a millisecond."""

    def __init__(self, matrix: np.ndarray) -> None:
        norms = np.linalg.norm(matrix, axis=1, keepdims=True)
        self._unit = np.divide(matrix, norms, out=np.zeros_like(matrix, dtype=np.float32), where=norms > 0)

    def top(self, vector: np.ndarray, n: int, rows: np.ndarray) -> list[tuple[int, float]]:
        candidates = np.flatnonzero(rows)
        if n <= 0 or candidates.size == 0:
            return []
        query = np.asarray(vector, dtype=np.float32)
        query = query / (np.linalg.norm(query) or 1.0)
        similarity = self._unit[candidates] @ query
        n = min(n, candidates.size)
        best = np.argpartition(-similarity, n - 1)[:n]
        best = best[np.argsort(-similarity[best], kind="stable")]
        return [(int(candidates[i]), float(similarity[i])) for i in best]


class ChromaVectors:
    """The build's Chroma collection (on disk or on a server), filtered to the allowed passages by chunk id."""

    def __init__(self, collection, chunk_ids: list[str], dense_rows: np.ndarray) -> None:  # noqa: ANN001 - Collection
        self.collection = collection
        self._chunk_ids = chunk_ids
        self._dense_rows = dense_rows
        self._rows = {chunk_id: row for row, chunk_id in enumerate(chunk_ids)}

    def top(self, vector: np.ndarray, n: int, rows: np.ndarray) -> list[tuple[int, float]]:
        if n <= 0 or not rows.any():
            return []
        result = self.collection.query(
            query_embeddings=[np.asarray(vector, dtype=np.float32)], n_results=n, where=self._where(rows),
            include=["distances"],
        )
        return [(self._rows[chunk_id], 1.0 - float(distance))
                for chunk_id, distance in zip(result["ids"][0], result["distances"][0]) if chunk_id in self._rows]

    def _where(self, rows: np.ndarray) -> dict | None:
        """The allowed passages themselves, so that every one can be a candidate (none: every passage with a vector)."""
        if np.array_equal(rows, self._dense_rows):
            return None
        return {"chunk_id": {"$in": [self._chunk_ids[i] for i in np.flatnonzero(rows)]}}


def open_dense_search(mode: str, chroma_url: str, build_path: Path, collection: str, chunk_ids: list[str],
                      dense_rows: np.ndarray, matrix: np.ndarray) -> DenseSearch:
    """`exact` (numpy over the build's embeddings.npy, `matrix`), `chroma` (the build's collection), or `auto`:
    Chroma when the build's vectors live on a Chroma server, exact otherwise."""
    if mode == "auto":
        mode = "chroma" if chroma_url else "exact"
    if mode == "exact":
        return ExactVectors(matrix)
    client = chroma_client(chroma_url, build_path / "chroma")
    return ChromaVectors(open_collection(client, collection), chunk_ids, dense_rows)
