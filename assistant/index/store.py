"""The on-disk index: layout, reading, and the atomic switch between builds.

index_dir/
  current -> builds/<build_id>      symlink, replaced atomically when a build has succeeded
  builds/<build_id>/
    manifest.json                  documents (hash, pages, passages), embedder, build time
    passages.jsonl                 every passage with its metadata, in index order
    embeddings.npy                 float32 vectors in passage order (reused by incremental builds)
    goals.json                     the IREK goal catalogue
    documents/<id>.json            cleaned text and page offsets of each document (source view, quote checks)
    keyword/words, keyword/ngrams  bm25s indexes over German stems and compound n-grams
    register/phrases.json          the section register's phrases as [text number, phrase] (texts: the distinct
    register/vectors.npy           register texts of the passages, in passage order) and one vector per phrase
    register/keyword/words, ngrams bm25s indexes over those distinct register texts
    chroma/                        the Chroma store (when no Chroma server is configured)
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

import numpy as np

from assistant.core.model import Passage, page_for_offset

INDEX_FORMAT = 1
# Bump when cleaning, structure or chunking change what a document turns into.
PIPELINE_VERSION = "2026-11-28.3"  # register texts of their own; register rows whole and carried over page ends
CURRENT_LINK = "current"
BUILDS_DIR = "builds"
REGISTER_DIR = "register"


class IndexUnavailable(RuntimeError):
    """No usable index; the message tells the user what to do, in German."""


def missing_index_message(index_dir: Path) -> str:
    return f"Kein nutzbarer Index in „{index_dir}“. Bitte zuerst `irek ingest` ausführen."


def current_build(index_dir: Path) -> Path | None:
    link = index_dir / CURRENT_LINK
    if not link.exists():
        return None
    return link.resolve()


def switch_current(index_dir: Path, build_dir: Path) -> None:
    """Point `current` at build_dir in one atomic rename; readers see either the old or the new build."""
    temporary = index_dir / f".{CURRENT_LINK}.{os.getpid()}"
    if temporary.is_symlink() or temporary.exists():
        temporary.unlink()
    temporary.symlink_to(build_dir.relative_to(index_dir))
    os.replace(temporary, index_dir / CURRENT_LINK)


@dataclass
class IndexedDocument:
    id: str
    text: str
    page_starts: list[int]
    has_pages: bool
    page_labels: list[str | None] = field(default_factory=list)

    def page_at(self, offset: int) -> int | None:
        return page_for_offset(self.page_starts, offset) if self.has_pages else None


@dataclass
class IndexSnapshot:
    """One built index, read from disk. Heavy parts (keyword indexes, Chroma) load on first use."""

    path: Path
    manifest: dict[str, Any]
    passages: list[Passage]
    goals: dict[str, Any]
    _documents: dict[str, IndexedDocument] = field(default_factory=dict)

    @classmethod
    def open(cls, index_dir: Path) -> "IndexSnapshot":
        build = current_build(index_dir)
        if build is None or not (build / "manifest.json").is_file():
            raise IndexUnavailable(missing_index_message(index_dir))
        try:
            manifest = json.loads((build / "manifest.json").read_text(encoding="utf-8"))
            if manifest.get("format") != INDEX_FORMAT:
                raise IndexUnavailable(
                    f"Der Index in „{index_dir}“ hat ein veraltetes Format. Bitte `irek ingest --rebuild` ausführen."
                )
            passages = [Passage(**json.loads(line)) for line in (build / "passages.jsonl").read_text(encoding="utf-8").splitlines() if line]
            goals = json.loads((build / "goals.json").read_text(encoding="utf-8"))
        except IndexUnavailable:
            raise
        except (OSError, ValueError, TypeError) as error:
            raise IndexUnavailable(
                f"Der Index in „{index_dir}“ ist unvollständig oder beschädigt ({type(error).__name__}). "
                "Bitte `irek ingest --rebuild` ausführen."
            ) from None
        return cls(build, manifest, passages, goals)

    @property
    def embedder(self) -> str:
        return self.manifest["embedder"]

    @cached_property
    def embeddings(self) -> np.ndarray:
        return np.load(self.path / "embeddings.npy")

    @cached_property
    def by_chunk_id(self) -> dict[str, int]:
        """chunk id -> row of the passage (and of its vector in embeddings.npy)."""
        return {p.chunk_id: i for i, p in enumerate(self.passages)}

    def passage(self, chunk_id: str) -> Passage | None:
        row = self.by_chunk_id.get(chunk_id)
        return None if row is None else self.passages[row]

    def document(self, doc_id: str) -> IndexedDocument:
        if doc_id not in self._documents:
            data = json.loads((self.path / "documents" / f"{doc_id}.json").read_text(encoding="utf-8"))
            self._documents[doc_id] = IndexedDocument(doc_id, data["text"], data["page_starts"], data["has_pages"],
                                                      data.get("page_labels", []))
        return self._documents[doc_id]

    def locate(self, passage: Passage, quote: str) -> tuple[int | None, str]:
        """The PDF page and printed page label where `quote` stands inside `passage`."""
        offset = passage.text.find(quote)
        if offset < 0 or passage.page_start is None or passage.page_start == passage.page_end:
            return passage.page_start, passage.page_label
        document = self.document(passage.document)
        page = document.page_at(passage.start + offset)
        labels = document.page_labels
        label = labels[page - 1] if page and page <= len(labels) and labels[page - 1] else ""
        return page, label

    def documents_summary(self) -> list[dict[str, Any]]:
        return [dict(id=doc_id, **info) for doc_id, info in self.manifest["documents"].items()]
