"""One document from file to passages: load, clean, recover structure, chunk."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from ingest.chunking import make_passages
from ingest.cleaning import clean_page, clean_pages, find_anchor, page_labels
from ingest.loaders import load_document
from assistant.core.model import CleanDocument, FootnoteSpan, Goal, LoadedDocument, Passage, Source, Section
from ingest.structure import document_structure
from assistant.text.citations import dot_ends_sentence


@dataclass
class PreparedDocument:
    clean: CleanDocument
    sections: list[Section]
    goals: list[Goal]
    passages: list[Passage]
    pages: int


@dataclass
class _Note:
    """A footnote on its way into the cleaned text: its marker first as an offset in its page, then in the document."""

    number: str
    page: int
    text: str
    marker: int | None


# A page's text ends its sentence; a sentence ends at a line's end (an abbreviation's dot ends none: "bzw.\n").
_ENDS_SENTENCE = re.compile(r"[.!?][\"“”)]?\s*$")
_STOP_AT_LINE_END = re.compile(r"[.!?](?=[ \t]*(?:\n|$))")
_LIST_ITEM = re.compile(r"\s*(?:[a-z]{1,2}\)|[•\-−–])\s")
_NUMBERED_PARAGRAPH = re.compile(r"\s*\(\d{1,2}[a-z]?\)\s")
_HEADING_NUMBER = re.compile(r"^\d{1,2}(?:\.\d{1,2}){0,4}\.?[ \t]+")


def _heading_starts(page: str, headings: set[str]) -> list[int]:
    """Where the text before each run of heading lines of the page ends ("2. Förderung der gewerblichen Wirtschaft"
    and "Begriffsbestimmungen" below it open one section: nothing goes between them)."""
    starts, after_heading = [], False
    for line in re.finditer(r"(?m)^[ \t]*(.*?)[ \t]*$", page):
        if not line.group(1):
            continue
        heading = _HEADING_NUMBER.sub("", line.group(1)) in headings  # "2. Förderung der gewerblichen Wirtschaft"
        if heading and not after_heading:
            starts.append(len(page[: line.start()].rstrip()))
        after_heading = heading
    return starts


def _place_for_waiting(page: str, heading_starts: list[int]) -> int:
    """Where footnotes that wait from the page before go: before the page's first heading, which ends the section
    they belong to, else before the first numbered paragraph after a sentence end, else after the first sentence end
    that no list item follows, else after the first sentence end, else at the page's end."""
    if heading_starts:
        return heading_starts[0]
    ends = [m.end() for m in _STOP_AT_LINE_END.finditer(page) if dot_ends_sentence(page[: m.end()])]
    return next((end for end in ends if _NUMBERED_PARAGRAPH.match(page, end)),
                next((end for end in ends if not _LIST_ITEM.match(page, end)), ends[0] if ends else len(page)))


def clean_document(loaded: LoadedDocument) -> CleanDocument:
    """The cleaned text of all pages; a page's footnotes (cut out of its body by the loader) are recorded with the
    place of their marker and stand as paragraphs of their own where the section of their marker ends: before the
    next heading on their page or on the next page. Where neither page has one, they follow their page's body, or,
    where that page ends inside a sentence, that sentence's end on the next page. A page break inside a sentence is a
    line break. So no footnote cuts a sentence or, where headings allow, a section in two."""
    heading_lines = [heading.title for heading in loaded.outline]
    pages = clean_pages(loaded.pages, keep_lines=heading_lines)
    headings = {line.strip() for line in heading_lines}
    heading_starts = [_heading_starts(page, headings) for page in pages]
    starts, parts, spans, offset = [], [], [], 0
    waiting: list[_Note] = []  # footnotes of the page before, placed on this one
    for number, page in enumerate(pages, start=1):
        starts.append(offset)
        last = number == len(pages)
        blocks: dict[int, list[_Note]] = {}  # where in the page which notes go
        if waiting:
            blocks[_place_for_waiting(page, heading_starts[number - 1])] = waiting
        waiting = []
        runs_on = not last and bool(page.strip()) and not _ENDS_SENTENCE.search(page)
        on_page = heading_starts[number - 1]
        carry = not last and (runs_on or bool(heading_starts[number]))
        own = []
        for note in (n for n in loaded.footnotes if n.page == number):
            text = clean_page(note.text)
            if not text:
                continue
            marker = find_anchor(note.anchor, page)
            if marker is None and len(note.anchor.strip()) < 40:
                marker = 0  # the marker stands in the first words of the page
            own.append(item := _Note(note.number, number, text, marker))
            at = next((h for h in on_page if marker is not None and h >= marker), None)
            if at is not None:
                blocks.setdefault(at, []).append(item)
            elif carry:
                waiting.append(item)
            else:
                blocks.setdefault(len(page), []).append(item)
        text, placed, moved = _with_notes(page, sorted(blocks.items()))
        for note in own:
            note.marker = None if note.marker is None else offset + moved(note.marker)
        spans += [FootnoteSpan(note.number, offset + a, offset + b, note.marker, note.page) for note, a, b in placed]
        # a page break inside a sentence is a line break, not a paragraph's end
        parts.append(text + ("" if last else "\n" if runs_on else "\n\n"))
        offset += len(parts[-1])
    labels = page_labels(loaded.pages) if loaded.has_pages else []
    return CleanDocument(loaded.source, "".join(parts), starts, loaded.has_pages, loaded.content_hash, labels, spans)


def _with_notes(page: str, blocks: list[tuple[int, list[_Note]]]
                ) -> tuple[str, list[tuple[_Note, int, int]], Callable[[int], int]]:
    """The page with each block of footnotes put in at its offset, one paragraph each; where each note stands in
    the new text; and where an offset of the old page text lands in the new one."""
    text, cursor, placed, shifts = "", 0, [], []
    for at, notes in blocks:
        text += page[cursor:at]
        for note in notes:
            text += "\n\n" if text else ""
            placed.append((note, len(text), len(text) + len(note.text)))
            text += note.text
        cursor = at
        while cursor < len(page) and page[cursor].isspace():
            cursor += 1
        text += "\n\n" if cursor < len(page) else ""
        shifts.append((at, len(text) - cursor))
    text += page[cursor:]

    def moved(position: int) -> int:
        return position + next((shift for at, shift in reversed(shifts) if position > at), 0)

    return text, placed, moved


def prepare_document(source: Source, corpus_dir: Path, *, max_chars: int, min_chars: int) -> PreparedDocument:
    loaded = load_document(source, corpus_dir)
    clean = clean_document(loaded)
    sections, goals = document_structure(clean, loaded)
    passages = make_passages(clean, sections, goals, max_chars=max_chars, min_chars=min_chars)
    return PreparedDocument(clean, sections, goals, passages, len(loaded.pages))
