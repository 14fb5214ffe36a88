"""Chunking along the structure: no passage crosses a section border, offsets are exact, sizes bounded."""

from __future__ import annotations

from ingest.chunking import chunk_id, make_passages, section_spans
from assistant.core.model import CleanDocument, Goal, Section, Source

SOURCE = Source(id="doc", title="Richtlinie", path="r.pdf", short_title="RL")


def _doc(text: str, page_starts=None) -> CleanDocument:
    return CleanDocument(SOURCE, text, page_starts or [0], page_starts is not None, "hash")


def test_passages_never_cross_a_section_border_and_offsets_are_exact():
    para = "Die Förderung setzt voraus, dass das Vorhaben zusätzliche Dauerarbeitsplätze schafft. " * 4
    text = f"1 Grundlagen\n\n{para}\n\n{para}\n\n2 Verfahren\n\n{para}\n\n{para}\n\n{para}"
    second = text.index("2 Verfahren")
    sections = [Section("1", "Grundlagen", 0, second), Section("2", "Verfahren", second, len(text))]
    doc = _doc(text, page_starts=[0, text.index(para, second)])
    passages = make_passages(doc, sections, [], max_chars=500, min_chars=100)
    assert len(passages) >= 4
    for passage in passages:
        section = next(s for s in sections if s.number == passage.section_number)
        assert section.start <= passage.start < passage.end <= section.end
        assert passage.text == text[passage.start:passage.end]
        assert len(passage.text) <= 500
        assert passage.document == "doc" and passage.document_title == "RL"
    assert {p.section_number for p in passages} == {"1", "2"}
    assert passages[-1].page_start == 2 and passages[0].page_start == 1


def test_long_paragraph_is_split_at_sentences():
    sentence = "Zuwendungen werden als nicht rückzahlbare Zuschüsse gewährt. "
    text = sentence * 40
    spans = section_spans(text, Section("1", "X", 0, len(text)), max_chars=300, min_chars=50)
    assert len(spans) > 5
    for a, b in spans:
        assert b - a <= 300 * 1.25
        assert text[a:b].endswith(".")  # cut at a sentence end, never inside a word


def test_heading_only_section_yields_no_passage_but_goals_always_do():
    text = "2.4 Förderfähige Investitionsvorhaben\n\n1.1 – Regionale Leitbranchen stärken"
    cut = text.index("1.1")
    sections = [Section("2.4", "Förderfähige Investitionsvorhaben", 0, cut),
                Section("1.1", "Regionale Leitbranchen stärken", cut, len(text), goal_code="1.1", corridor="1")]
    goals = [Goal("1", "Regionale Leitbranchen", "corridor"),
             Goal("1.1", "Regionale Leitbranchen stärken", "leitziel", parent="1", corridor="1")]
    passages = make_passages(_doc(text), sections, goals, max_chars=500, min_chars=0)
    assert [p.goal_code for p in passages] == ["1.1"]
    goal = passages[0]
    assert (goal.section_number, goal.section_title, goal.corridor, goal.leitziel) == (
        "1.1", "Regionale Leitbranchen stärken", "1", "1.1")
    context, body = goal.search_text.split("\n", 1)
    assert context.startswith("Regionale Leitbranchen")  # corridor context for the embedder
    assert body == goal.text


def test_chunk_ids_are_stable_and_change_with_the_text():
    section = Section("3.4.2", "Budget", 0, 10)
    assert chunk_id("grw", section, "Text A", 0) == chunk_id("grw", section, "Text A", 0)
    assert chunk_id("grw", section, "Text A", 0) != chunk_id("grw", section, "Text B", 0)
    assert chunk_id("grw", section, "Text A", 0).startswith("grw:3.4.2:0:")


def test_search_text_carries_the_section_heading_where_the_passage_lacks_it():
    text = "Absatz ohne Überschrift über Zuschüsse und Darlehen."
    passages = make_passages(_doc(text), [Section("2.5.6", "Darlehen", 0, len(text))], [], max_chars=500, min_chars=0)
    assert passages[0].search_text == f"2.5.6 Darlehen\n{text}"
    assert passages[0].text == text


def test_register_passage_embeds_only_its_opening_at_a_word_boundary():
    from dataclasses import replace

    from assistant.core.model import Passage

    text = "Anhang 5 Regionalfördergebiet " + " ".join(f"Ort{n}, Landkreis D 20/10 Prozent" for n in range(40))
    register = Passage(chunk_id="x", document="grw", document_title="GRW", text=text, start=0, end=len(text),
                       page_start=1, page_end=1, section_number="Anhang 5", section_title="", search_text=text,
                       dense_chars=200)
    assert text.startswith(register.embedding_text) and len(register.embedding_text) <= 200
    assert text[len(register.embedding_text)] == " "  # cut between words
    assert register.keyword_text == text  # the keyword side reads the whole list
    assert replace(register, dense_chars=0).embedding_text == text


def test_a_register_row_longer_than_a_passage_stays_whole():
    row = "Berlin: Berlin, davon: " + ", ".join(f"Zelle {n:04d}" for n in range(150)) + "; Art des Fördergebiets: C"
    text = "Kurze Zeile; Art des Fördergebiets: D\n\n" + row + "\n\nNoch eine; Art des Fördergebiets: D"
    section = Section("Anhang 5", "Register", 0, len(text))
    spans = section_spans(text, section, max_chars=200, min_chars=50, whole_rows=True)
    assert any(text[a:b] == row for a, b in spans)
    assert all("Art des Fördergebiets" in text[a:b] for a, b in spans)
    assert not any(text[a:b] == row for a, b in section_spans(text, section, max_chars=200, min_chars=50))
