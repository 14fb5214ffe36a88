"""The section register (corpus/section_register.yaml): every numbered KR section and annex, every heading of the four
summaries and every IREK chapter outside the goal tables has an entry; entries become the register text of their
sections' passages (a found-by signal of its own), never their search text nor what is quoted; a misspelt key is a
German error."""

from __future__ import annotations

import re
from dataclasses import replace

import pytest

from helpers.corpus import REAL_CORPUS
from ingest.enrichment import GoalProfiles
from ingest.register import REGISTER_FILE, RegisterError, SectionRegister, register_items

from assistant.core.model import Passage


@pytest.fixture(scope="module")
def register() -> SectionRegister:
    return SectionRegister.load(REAL_CORPUS)


@pytest.fixture(scope="module")
def indexed(prepared_snapshot, register) -> list[Passage]:
    """The real corpus's passages as ingest prepares them, enriched by the register as a build does (copies: the
    session's snapshot stays as it is)."""
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


@pytest.mark.parametrize("document", ["leader-os", "zukunftsregion-os", "ris3-nds", "weser-ems", "irek"])
def test_every_section_of_the_summaries_and_the_irek_outside_the_goals_has_an_entry(register, indexed, document):
    sections = {p.section_number or p.section_title.strip() for p in indexed
                if p.document == document and not p.goal_code and not p.footnote}
    keys = {e.section for e in register.documents[document]}
    assert sections and sections - keys == set(), f"{document}: Abschnitte ohne Registereintrag: {sections - keys}"


def test_every_entry_reaches_the_register_text_of_a_passage_and_never_its_search_text(register, indexed):
    """Each entry stands in the register text of at least one indexed passage (heading-only sections: the first
    passage below the heading); no search text holds register words, no footnote has a register text."""
    missing = [(doc, e.section) for doc, entries in register.documents.items() for e in entries
               if not any(p.document == doc and e.text() in p.register_text for p in indexed)]
    assert not missing
    assert not any("Register:" in p.search_text or p.register_text and p.register_text in p.search_text
                   for p in indexed)
    assert not any(p.register_text for p in indexed if p.footnote)


def test_register_items_number_the_distinct_texts_and_embed_each_line(register, indexed):
    texts, lines = register_items(indexed)
    assert len(texts) == len(set(texts)) == len({p.register_text for p in indexed if p.register_text})
    entry = next(e for e in register.documents["grw"] if e.section == "2.7.1")
    number = next(n for n, text in enumerate(texts) if entry.text() in text)
    embedded = {line for n, line in lines if n == number}
    assert set(entry.phrases) <= embedded and f"{entry.title}: " + ", ".join(entry.terms) in embedded


def test_every_entry_has_three_to_six_phrases_and_terms(register):
    for doc, entries in register.documents.items():
        for entry in entries:
            assert 3 <= len(entry.phrases) <= 6, (doc, entry.section)
            assert entry.terms, (doc, entry.section)


def test_no_term_is_a_bare_document_name(register):
    # "IREK" as a term of one chapter found that chapter for every question naming the IREK ("Welche Leitbranchen nennt
    # das IREK?" found "Anlass, Zielsetzung und Bedeutung des IREKs"): a term says what a section is about. The two
    # documents most questions name; a summary's own programme ("LEADER") is named only by those who ask about it.
    names = {"irek", "grw", "kr", "koordinierungsrahmen", "irek landkreis osnabrück"}
    for doc, entries in register.documents.items():
        for entry in entries:
            assert not names & {t.strip().lower() for t in entry.terms}, (doc, entry.section)


def test_the_register_becomes_the_register_text_never_the_searched_or_quoted_text(register):
    passage = Passage(chunk_id="grw-x", document="grw", document_title="GRW", text="Ausschluss von der Förderung.",
                      start=0, end=10, page_start=19, page_end=19, section_number="2.7.1", section_title="Ausschluss von der Förderung",
                      search_text="Ausschluss von der Förderung.")
    register.enrich([passage])
    assert passage.text == passage.search_text == "Ausschluss von der Förderung."
    entry = next(e for e in register.documents["grw"] if e.section == "2.7.1")
    assert passage.register_text.endswith(entry.text()) and entry.phrases[0] in passage.register_text.split("\n")
    assert "register_text" not in passage.metadata()  # not stored with the vectors either
    goal = replace(passage, chunk_id="irek-x", document="irek", goal_code="1.1.1", search_text="Ziel")
    register.enrich([goal])
    assert goal.register_text == "" and goal.search_text == "Ziel"  # goal passages have their goal profiles instead


def test_a_goal_passage_carries_its_profile_as_register_text():
    profiles = GoalProfiles.load(REAL_CORPUS)
    code, profile = next(iter(profiles.by_code.items()))
    goal = Passage(chunk_id="irek-x", document="irek", document_title="IREK", text="Ziel", start=0, end=4,
                   page_start=None, page_end=None, section_number="", section_title=profile.title, goal_code=code,
                   search_text="Ziel")
    profiles.enrich_register([goal])
    lines = goal.register_text.split("\n")
    assert lines[0] == profile.title and " ".join(profile.summary.split()) in lines
    assert goal.search_text == "Ziel"


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
    assert overview.text() in first.register_text and overview.text() not in second.register_text


def test_no_register_file_enriches_nothing(tmp_path):
    assert SectionRegister.load(tmp_path).documents == {}
