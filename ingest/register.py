"""The section register (corpus/section_register.yaml): for every section, the words applicants use for it.

The register is a found-by signal of its own: each passage of a section carries its section's entries in
`register_text`, which retrieval scores apart from the passage (assistant/retrieval/register.py: BM25 over the
entries, and the question's e5 vector against each phrase's). It never joins the passage's search text (joined in,
it lifted the GRW questions but cost the goal queries, docs/retrieval.md) and is never shown or quoted.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from pydantic import Field

from assistant.core.curated import Curated, CuratedDataError, load
from assistant.core.model import Passage

REGISTER_FILE = "section_register.yaml"


class RegisterError(CuratedDataError):
    """The register file is not valid; the German message names the file and the key."""


class Entry(Curated):
    section: str = Field(min_length=1)  # a section number ("2.7.1", "Anhang 5") or an exact heading
    title: str
    terms: list[str] = Field(min_length=1)
    phrases: list[str] = Field(min_length=1)

    def text(self) -> str:
        """The entry as a register text: one line per phrase, and the title with the terms (the dense side embeds
        each line on its own)."""
        return "\n".join([*self.phrases, f"{self.title}: " + ", ".join(self.terms)])


class RegisterFile(Curated):
    version: int
    documents: dict[str, list[Entry]]


class SectionRegister:
    def __init__(self, documents: dict[str, list[Entry]] | None = None, content_hash: str = "") -> None:
        self.documents = documents or {}
        self.content_hash = content_hash

    @classmethod
    def load(cls, corpus_dir: Path) -> "SectionRegister":
        path = corpus_dir / REGISTER_FILE
        if not path.is_file():
            return cls()
        data = load(path, RegisterFile, label=str(path), error=RegisterError)
        return cls(data.documents, hashlib.sha256(path.read_bytes()).hexdigest())

    def entry_for(self, passage: Passage) -> Entry | None:
        """The entry of a passage's own section: by number where it has one, else by its exact heading. Goal passages
        of the IREK have their goal profiles instead."""
        if passage.goal_code:
            return None
        key = passage.section_number or passage.section_title.strip()
        return next((e for e in self.documents.get(passage.document, []) if e.section == key), None)

    def enrich(self, passages: list[Passage]) -> None:
        """Gives each passage its section's entries (`register_text`); an entry of a heading-only section (no passage
        of its own, e.g. "2.5" above 2.5.1–2.5.8) goes to the first passage below it, where the heading stands.
        Footnotes have none: the entry describes the section's own text."""
        own: dict[str, list[Entry]] = {}
        for passage in passages:
            entry = self.entry_for(passage) if not passage.footnote else None
            if entry is not None:
                own.setdefault(passage.chunk_id, []).append(entry)
        numbered = {p.section_number for p in passages if p.section_number}
        for document in {p.document for p in passages}:
            for entry in self.documents.get(document, []):
                if entry.section in numbered or not entry.section[:1].isdigit():
                    continue
                below = [p for p in passages if p.document == document and not p.goal_code and not p.footnote
                         and p.section_number.startswith(entry.section + ".")]
                if below:
                    first = min(below, key=lambda p: p.start)
                    own.setdefault(first.chunk_id, []).insert(0, entry)
        for passage in passages:
            passage.register_text = "\n".join(entry.text() for entry in own.get(passage.chunk_id, []))


def register_items(passages: list[Passage]) -> tuple[list[str], list[tuple[int, str]]]:
    """The distinct register texts of the passages, in passage order (retrieval numbers them the same way), and the
    lines to embed as (text number, line)."""
    texts = list(dict.fromkeys(p.register_text for p in passages if p.register_text))
    return texts, [(n, line) for n, text in enumerate(texts) for line in text.split("\n") if line.strip()]
