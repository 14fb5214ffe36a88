"""One document from file to passages: load, clean, recover structure, chunk."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ingest.chunking import make_passages
from ingest.cleaning import clean_pages, page_labels
from ingest.loaders import load_document
from assistant.core.model import CleanDocument, Goal, LoadedDocument, Passage, Source, Section
from ingest.structure import document_structure


@dataclass
class PreparedDocument:
    clean: CleanDocument
    sections: list[Section]
    goals: list[Goal]
    passages: list[Passage]
    pages: int


def clean_document(loaded: LoadedDocument) -> CleanDocument:
    heading_lines = [heading.title for heading in loaded.outline]
    pages = clean_pages(loaded.pages, keep_lines=heading_lines)
    starts, parts, offset = [], [], 0
    for page in pages:
        starts.append(offset)
        parts.append(page)
        offset += len(page) + 2
    labels = page_labels(loaded.pages) if loaded.has_pages else []
    return CleanDocument(loaded.source, "\n\n".join(parts), starts, loaded.has_pages, loaded.content_hash, labels)


def prepare_document(source: Source, corpus_dir: Path, *, max_chars: int, min_chars: int) -> PreparedDocument:
    loaded = load_document(source, corpus_dir)
    clean = clean_document(loaded)
    sections, goals = document_structure(clean, loaded)
    passages = make_passages(clean, sections, goals, max_chars=max_chars, min_chars=min_chars)
    return PreparedDocument(clean, sections, goals, passages, len(loaded.pages))
