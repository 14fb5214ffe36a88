"""The section register (corpus/section_register.yaml): every numbered KR section has an entry, entries enrich what
passages are found by and never what is quoted, and a misspelt key is a German error."""

from __future__ import annotations

import re
from dataclasses import replace

import pytest

from helpers.corpus import REAL_CORPUS
from ingest.register import REGISTER_FILE, RegisterError, SectionRegister

from assistant.core.model import Passage


@pytest.fixture(scope="module")
def register() -> SectionRegister:
    return SectionRegister.load(REAL_CORPUS)


@pytest.fixture(scope="module")
def indexed(prepared_snapshot, register) -> list[Passage]:
    """The real corpus's passages as ingest prepares them, enriched by the register as a build with
    IREK_SECTION_REGISTER=true does (copies: the session's snapshot stays as it is)."""
    passages = [replace(p) for p in prepared_snapshot.passages]
    for document in {p.document for p in passages}:
        register.enrich([p for p in passages if p.document == document])
    return passages


def test_every_numbered_section_and_annex_of_the_kr_has_an_entry(register, indexed):
    numbered = {p.section_number for p in indexed if p.document == "grw" and p.section_number
                and not p.section_number.startswith("Fn")}
    keys = {e.section for e in register.documents["grw"]}
    assert numbered - keys == set(), f"KR-Abschnitte ohne Registereintrag: {sorted(numbered - keys)}"
    assert {f"Anhang {n}" for n in range(1, 6)} <= keys


def test_every_entry_reaches_the_search_text_of_a_passage(register, indexed):
    """Each entry stands in the search text of at least one indexed passage (heading-only sections: the first
    passage below the heading)."""
    missing = [(doc, e.section) for doc, entries in register.documents.items() for e in entries
               if not any(p.document == doc and e.text() in p.search_text for p in indexed)]
    assert not missing


def test_every_entry_has_three_to_six_phrases_and_terms(register):
    for doc, entries in register.documents.items():
        for entry in entries:
            assert 3 <= len(entry.phrases) <= 6, (doc, entry.section)
            assert entry.terms, (doc, entry.section)


def test_the_register_enriches_the_search_text_never_the_quoted_text(register):
    passage = Passage(chunk_id="grw-x", document="grw", document_title="GRW", text="Ausschluss von der Förderung.",
                      start=0, end=10, page_start=19, page_end=19, section_number="2.7.1", section_title="Ausschluss von der Förderung",
                      search_text="Ausschluss von der Förderung.")
    register.enrich([passage])
    assert passage.text == "Ausschluss von der Förderung."
    assert passage.search_text.startswith("Ausschluss von der Förderung.\nRegister: ")
    goal = replace(passage, chunk_id="irek-x", document="irek", goal_code="1.1.1", search_text="Ziel")
    register.enrich([goal])
    assert goal.search_text == "Ziel"  # goal passages have their goal profiles instead


def test_a_misspelt_key_is_a_german_error_naming_file_and_key(tmp_path):
    (tmp_path / REGISTER_FILE).write_text(
        "version: 1\ndocuments:\n  grw:\n    - section: '2.7.1'\n      title: T\n      terms: [a]\n"
        "      phrase: [b]\n", encoding="utf-8")
    with pytest.raises(RegisterError, match=re.escape(REGISTER_FILE) + r".*phrase"):
        SectionRegister.load(tmp_path)


def test_a_heading_only_section_goes_to_the_first_passage_below_it(register):
    def passage(number: str, start: int) -> Passage:
        return Passage(chunk_id=f"grw-{number}", document="grw", document_title="GRW", text="Text.", start=start,
                       end=start + 5, page_start=1, page_end=1, section_number=number, section_title="T",
                       search_text="Text.")

    second, first = passage("2.5.2", 50), passage("2.5.1", 10)
    register.enrich([second, first])
    overview = next(e for e in register.documents["grw"] if e.section == "2.5")
    assert overview.text() in first.search_text and overview.text() not in second.search_text


def test_no_register_file_enriches_nothing(tmp_path):
    assert SectionRegister.load(tmp_path).documents == {}
