"""The section register (corpus/section_register.yaml): for every section, the words applicants use for it.

Like the goal profiles, the register is added only to what a section's passages are found by (their search text:
keyword-indexed and embedded), never to the text that is shown and quoted.
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
        return "Register: " + "; ".join(self.phrases) + "\nBegriffe: " + ", ".join(self.terms)


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
        """Adds each entry to the passages of its section; an entry of a heading-only section (no passage of its own,
        e.g. "2.5" above 2.5.1–2.5.8) goes to the first passage below it, where the heading stands."""
        own: dict[str, list[Entry]] = {}
        for passage in passages:
            entry = self.entry_for(passage)
            if entry is not None:
                own.setdefault(passage.chunk_id, []).append(entry)
        numbered = {p.section_number for p in passages if p.section_number}
        for document in {p.document for p in passages}:
            for entry in self.documents.get(document, []):
                if entry.section in numbered or not entry.section[:1].isdigit():
                    continue
                below = [p for p in passages if p.document == document and not p.goal_code
                         and p.section_number.startswith(entry.section + ".")]
                if below:
                    first = min(below, key=lambda p: p.start)
                    own.setdefault(first.chunk_id, []).insert(0, entry)
        for passage in passages:
            for entry in own.get(passage.chunk_id, []):
                passage.search_text = f"{passage.search_text}\n{entry.text()}"
