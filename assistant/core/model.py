"""The data that flows through the pipeline: sources, loaded documents, sections, passages, goals."""

from __future__ import annotations

import bisect
from dataclasses import asdict, dataclass, field
from typing import Any

from assistant.core.curated import Regex


@dataclass(frozen=True)
class ChapterFact:
    """A sentence of a document's chapter that answers what a question asks in the words of `asked_by` ("Welche
    Leitbranchen nennt das IREK?": the sentence that lists them, which the word "Leitbranchen" is not in): the section
    (number, or title of an unnumbered section) and the sentence's verbatim opening. Ranked and quoted as a rule the
    question points to, as a document's definition is."""

    section: str
    asked_by: Regex
    quote: str


@dataclass(frozen=True)
class Source:
    """One entry of corpus/sources.yaml."""

    id: str
    title: str
    path: str
    kind: str = "official"
    short_title: str = ""
    publisher: str = ""
    version: str = ""
    url: str = ""
    structure: str = "auto"
    sources: tuple[str, ...] = ()
    # Sections whose passages are found by keywords and references only (forms, lists of sources): no dense vector.
    # Each entry is a section-number prefix ("Anhang 2", "7.3") or the exact title of an unnumbered section ("Quellen").
    keyword_only_sections: tuple[str, ...] = ()
    # Sections that are registers (long lists of names), named the same way: embedded by their opening only.
    register_sections: tuple[str, ...] = ()
    # What a question calls the document ("GRW", "Koordinierungsrahmen"): a question that names it prefers its
    # passages (FusionWeights.document_bonus). Whole words, any case.
    names: tuple[str, ...] = ()
    # Other ways a question calls the document, as regular expressions (any case, whole words): "Regionalkonzept",
    # "Entwicklungskonzept des Landkreises". They count as names, and the answer pipeline reads such a phrase as the
    # document's first name ("Was steht im Regionalkonzept vom Landkreis?" asks what the IREK says).
    aliases: tuple[Regex, ...] = ()
    # False for a document that states no funding rules (the IREK, a concept of goals): a question of fact (intent
    # rule, eligibility, amount or procedure) ranks its passages lower (FusionWeights.fact_share_ruleless).
    states_rules: bool = True
    # The document's own sentence on what it is, for a question of what it is ("Was ist die Zukunftsregion?"): the
    # section (number, or title of an unnumbered section) and the sentence's verbatim opening. It leads such an answer.
    defined_in: str = ""
    definition: str = ""
    # Sentences of its chapters that answer a question asked in other words than their own (ChapterFact).
    facts: tuple[ChapterFact, ...] = ()

    def is_keyword_only(self, section_number: str, section_title: str = "") -> bool:
        return _names_section(self.keyword_only_sections, section_number, section_title)

    def is_register(self, section_number: str, section_title: str = "") -> bool:
        return _names_section(self.register_sections, section_number, section_title)

    @property
    def label(self) -> str:
        return self.short_title or self.title


def _names_section(entries: tuple[str, ...], number: str, title: str) -> bool:
    if number:
        return any(number.startswith(entry) for entry in entries if entry)
    return bool(title) and title.strip() in entries


@dataclass
class LoadedDocument:
    """A document after loading: raw text per page (1 page for formats without pages)."""

    source: Source
    pages: list[str]
    has_pages: bool
    content_hash: str
    outline: list[Any] = field(default_factory=list)  # ingest.pdf_outline.Heading for PDFs with numbered headings
    footnotes: list[Footnote] = field(default_factory=list)  # footnotes cut out of `pages` (PDFs)


@dataclass(frozen=True)
class Footnote:
    """A footnote cut out of a PDF page: its number, its page, its raw text, and the body text just before its
    marker on that page (the marker itself is removed from the page), by which the cleaned text finds it again."""

    number: str
    page: int  # 1-based
    text: str
    anchor: str = ""


@dataclass(frozen=True)
class FootnoteSpan:
    """Where a footnote stands in a cleaned document: its text [start, end), and the offset of its marker in the body
    text (None where the marker could not be placed). It stands where the section of its marker ends, on its page or
    the next (ingest.prepare.clean_document); `page` is the page that prints it."""

    number: str
    start: int
    end: int
    marker: int | None = None
    page: int | None = None


def page_for_offset(page_starts: list[int], offset: int) -> int:
    """The 1-based page on which a text offset lies, given the offsets where pages start."""
    return max(1, bisect.bisect_right(page_starts, offset))


@dataclass
class CleanDocument:
    """The cleaned text of a document, with the offsets where each page starts."""

    source: Source
    text: str
    page_starts: list[int]  # offset of page 1, 2, ... in `text`; [0] for documents without pages
    has_pages: bool
    content_hash: str
    page_labels: list[str | None] = field(default_factory=list)  # printed page numbers, where the pages show one
    footnotes: list[FootnoteSpan] = field(default_factory=list)

    def page_at(self, offset: int) -> int | None:
        return page_for_offset(self.page_starts, offset) if self.has_pages else None

    def label_at(self, offset: int) -> str:
        return self.label_of(self.page_at(offset))

    def label_of(self, page: int | None) -> str:
        if page is None or page > len(self.page_labels):
            return ""
        return self.page_labels[page - 1] or ""


@dataclass(frozen=True)
class Section:
    """A stretch of a document under one heading."""

    number: str  # "3.4.2", "2.3.1", "Anhang 5"; "" where a heading has no number
    title: str
    start: int
    end: int
    goal_code: str = ""  # IREK Leitziel or Handlungsziel code where the section is a goal
    corridor: str = ""  # IREK corridor code "1".."4" for passages inside a corridor
    footnote: str = ""  # the footnote's number where the section is one footnote (number: the section it belongs to)

    @property
    def label(self) -> str:
        return f"{self.number} {self.title}".strip()


@dataclass
class Passage:
    """A citable chunk: never crosses a section border; `text` == document text[start:end]."""

    chunk_id: str
    document: str
    document_title: str
    text: str
    start: int
    end: int
    page_start: int | None
    page_end: int | None
    section_number: str
    section_title: str
    goal_code: str = ""
    corridor: str = ""
    leitziel: str = ""
    kind: str = "official"
    page_label: str = ""  # the printed page number at page_start ("32" on PDF page 33), where there is one
    search_text: str = ""  # what is embedded and keyword-indexed: text plus its heading context
    outline_context: str = ""  # titles of the enclosing sections, for the keyword side only (costs no embedding)
    dense: bool = True  # False: keyword side only (no vector in the collection); see Source.keyword_only_sections
    dense_chars: int = 0  # > 0: only this many leading characters are embedded (registers); 0 = the whole search text
    footnote: str = ""  # the footnote's number ("70") where the passage is a footnote of its section
    # The section register's words for the passage's section (corpus/section_register.yaml): a found-by signal of
    # its own on the retrieval side (assistant/retrieval/register.py), never embedded with the passage nor quoted.
    register_text: str = ""

    @property
    def embedding_text(self) -> str:
        """What the dense side embeds: the search text, or for a register its opening cut at a word boundary."""
        if not self.dense_chars or len(self.search_text) <= self.dense_chars:
            return self.search_text
        cut = self.search_text[: self.dense_chars]
        return cut[: cut.rfind(" ")] if " " in cut else cut

    @property
    def keyword_text(self) -> str:
        return f"{self.outline_context}\n{self.search_text}" if self.outline_context else self.search_text

    def metadata(self) -> dict[str, Any]:
        """Flat metadata for the vector store (no None values: Chroma rejects them)."""
        data = asdict(self)
        data.pop("text")
        data.pop("search_text")
        data.pop("outline_context")
        data.pop("dense")
        data.pop("dense_chars")
        data.pop("register_text")
        data["page_start"] = self.page_start or 0
        data["page_end"] = self.page_end or 0
        return data


@dataclass(frozen=True)
class Goal:
    """An entry of the IREK goal tree."""

    code: str
    title: str
    level: str  # corridor | leitziel | handlungsziel
    parent: str = ""
    corridor: str = ""
    description: str = ""  # for corridors: the corridor's introductory text

    def to_dict(self) -> dict[str, str]:
        return asdict(self)
