"""A second embedder for tests: another identity and dimension, deterministic and instant."""

from __future__ import annotations

import numpy as np

from assistant.embedding.embedders import IdentifiedEmbeddings


class LetterCountEmbeddings(IdentifiedEmbeddings):
    """8-dimensional vectors of letter counts, normalised: enough to tell documents apart."""

    identity = "test/letter-count-8"

    def embed_documents(self, texts):  # noqa: ANN001, ANN201
        rows = [np.array([t.count(c) + 1.0 for c in "aeinrstu"], dtype=np.float32) for t in texts]
        return [(v / np.linalg.norm(v)).tolist() for v in rows]

    def embed_query(self, text):  # noqa: ANN001, ANN201
        return self.embed_documents([text])[0]
