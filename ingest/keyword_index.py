"""Write the keyword indexes: BM25 over German stems, and BM25 over compound n-grams of long stems."""

from __future__ import annotations

from pathlib import Path

import bm25s

from assistant.text.analysis import KEYWORD_VIEWS


def build_keyword_indexes(directory: Path, texts: list[str]) -> None:
    directory.mkdir(parents=True, exist_ok=True)
    for name, analyse in KEYWORD_VIEWS.items():
        index = bm25s.BM25(k1=1.2, b=0.75)
        index.index([analyse(text) or ["∅"] for text in texts], show_progress=False)
        index.save(str(directory / name))
