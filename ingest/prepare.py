"""One document from file to passages: load, clean, recover structure, chunk."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ingest.chunking import make_passages
from ingest.cleaning import clean_page, clean_pages, find_anchor, page_labels
from ingest.loaders import load_document
from assistant.core.model import CleanDocument, FootnoteSpan, Goal, LoadedDocument, Passage, Source, Section
from ingest.structure import document_structure


@dataclass
class PreparedDocument:
    clean: CleanDocument
    sections: list[Section]
    goals: list[Goal]
    passages: list[Passage]
    pages: int


def clean_document(loaded: LoadedDocument) -> CleanDocument:
    """The cleaned text of all pages; a page's footnotes (cut out of its body by the loader) follow its body, one
    paragraph each, and are recorded with the place of their marker."""
    heading_lines = [heading.title for heading in loaded.outline]
    pages = clean_pages(loaded.pages, keep_lines=heading_lines)
    starts, parts, spans, offset = [], [], [], 0
    for number, page in enumerate(pages, start=1):
        starts.append(offset)
        for note in (n for n in loaded.footnotes if n.page == number):
            text = clean_page(note.text)
            if not text:
                continue
            marker = find_anchor(note.anchor, pages[number - 1])
            if marker is None and len(note.anchor.strip()) < 40:
                marker = 0  # the marker stands in the first words of the page
            page += "\n\n" if page else ""
            spans.append(FootnoteSpan(note.number, offset + len(page), offset + len(page) + len(text),
                                      None if marker is None else offset + marker))
            page += text
        parts.append(page)
        offset += len(page) + 2
    labels = page_labels(loaded.pages) if loaded.has_pages else []
    return CleanDocument(loaded.source, "\n\n".join(parts), starts, loaded.has_pages, loaded.content_hash, labels, spans)


def prepare_document(source: Source, corpus_dir: Path, *, max_chars: int, min_chars: int) -> PreparedDocument:
    loaded = load_document(source, corpus_dir)
    clean = clean_document(loaded)
    sections, goals = document_structure(clean, loaded)
    passages = make_passages(clean, sections, goals, max_chars=max_chars, min_chars=min_chars)
    return PreparedDocument(clean, sections, goals, passages, len(loaded.pages))
