"""The passages' token vectors for late interaction (assistant/retrieval/late.py), stored with a build:

  late/tokens.npy    float16, one L2-normalised row per content token of every passage's embedded text, in passage
                     order (the passages' rows follow one another)
  late/offsets.npy   int64, len(passages) + 1: passage i owns rows offsets[i]:offsets[i + 1] (none for a passage
                     without a vector)

Written by the ingest when IREK_LATE_INTERACTION is on; float16 halves the size (49.3 MB for the KR, the IREK and the
summaries: 64,132 tokens of 384 dimensions, 2026-11-28).
"""

from __future__ import annotations

from pathlib import Path

import numpy as np

LATE_DIR = "late"


def write_token_vectors(directory: Path, per_passage: list[np.ndarray], dimensions: int) -> None:
    directory.mkdir()
    counts = [len(tokens) for tokens in per_passage]
    offsets = np.concatenate([[0], np.cumsum(counts)]).astype(np.int64)
    rows = [tokens for tokens in per_passage if len(tokens)]
    matrix = np.concatenate(rows).astype(np.float16) if rows else np.zeros((0, dimensions), np.float16)
    np.save(directory / "tokens.npy", matrix)
    np.save(directory / "offsets.npy", offsets)


class TokenVectors:
    """A build's token vectors, read once and held in memory as float32 (twice the file's size: numpy's products
    with float16 rows cost 4-5 times as long, most of it converting them)."""

    def __init__(self, tokens: np.ndarray, offsets: np.ndarray) -> None:
        self.tokens, self.offsets = tokens, offsets

    @classmethod
    def load(cls, build_path: Path, passages: int) -> "TokenVectors | None":
        """None where the build has none, or none that fit its passages."""
        directory = build_path / LATE_DIR
        if not (directory / "tokens.npy").is_file() or not (directory / "offsets.npy").is_file():
            return None
        tokens, offsets = np.load(directory / "tokens.npy"), np.load(directory / "offsets.npy")
        if len(offsets) != passages + 1 or int(offsets[-1]) != len(tokens):
            return None
        return cls(tokens.astype(np.float32), offsets)

    def of(self, row: int) -> np.ndarray:
        return self.tokens[self.offsets[row]:self.offsets[row + 1]]

    @property
    def nbytes(self) -> int:
        return int(self.tokens.nbytes + self.offsets.nbytes)
