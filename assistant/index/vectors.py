"""Chroma, on disk by default or as a server by URL: one code path, one setting (IREK_CHROMA_URL).

Collections are created and opened with `embedding_function=None`: vectors always come from the project's own
embedder, so Chroma never instantiates its downloading default embedding function.
"""

from __future__ import annotations

import os
from pathlib import Path
from urllib.parse import urlparse

os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")

import chromadb  # noqa: E402
from chromadb.config import Settings as ChromaSettings  # noqa: E402



def _chroma_settings() -> ChromaSettings:
    """A fresh settings object per client: chromadb's HttpClient rewrites the one it is given in place."""
    return ChromaSettings(anonymized_telemetry=False, allow_reset=False)

ADD_BATCH = 1000


def chroma_client(chroma_url: str, local_path: Path | None):
    """An HTTP client for a Chroma server, or a persistent client on disk."""
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
