"""Citations: verbatim quotes, German sentence splitting, best sentence of a passage, the German citation string,
page of a quote."""

from __future__ import annotations

import pytest

from assistant.text.citations import (
    AMOUNT, DURATION, FIGURE, Citation, CitationList, best_sentence, continuation, find_verbatim, german_citation,
    numbered_paragraphs, opening_paragraph, split_sentences, whole_paragraph, with_continuation, with_list_lead,
)
from assistant.core.model import Passage


def _passage(text: str, **extra) -> Passage:
    data = dict(chunk_id="test-1", document="grw", document_title="GRW-Koordinierungsrahmen 2026", text=text,
                start=0, end=len(text), page_start=22, page_end=22, section_number="3.2.1.1", section_title="Fördersätze")
    data.update(extra)
    return Passage(**data)


# -- find_verbatim -------------------------------------------------------------------------------------------------

def test_find_verbatim_across_line_breaks_returns_the_passage_wording():
    text = "(1) Die Förderung beträgt\ngrundsätzlich bis zu 60  Prozent der\r\nförderfähigen Kosten."
    found = find_verbatim(text, "beträgt grundsätzlich bis zu 60 Prozent der förderfähigen Kosten")
    assert found == "beträgt\ngrundsätzlich bis zu 60  Prozent der\r\nförderfähigen Kosten"
    assert found in text


def test_find_verbatim_quote_with_its_own_line_breaks_and_regex_characters():
    text = "(6) Die Umsetzung eines regionalen Entwicklungskonzepts kann mit bis zu 75 Prozent (max. 500.000 Euro) gefördert werden."
    found = find_verbatim(text, "(6) Die Umsetzung eines\nregionalen Entwicklungskonzepts kann mit bis zu 75 Prozent (max. 500.000 Euro)")
    assert found is not None and found in text and found.startswith("(6)") and found.endswith("Euro)")


def test_find_verbatim_is_none_when_the_words_differ():
    text = "Die Förderung beträgt grundsätzlich bis zu 60 Prozent der förderfähigen Kosten."
    assert find_verbatim(text, "Die Förderung beträgt bis zu 90 Prozent") is None
    assert find_verbatim(text, "die förderung beträgt") is None  # case matters: a quote is verbatim
    assert find_verbatim(text, "") is None
    assert find_verbatim(text, "   \n ") is None


# -- split_sentences ---------------------------------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "Die Übergangsfrist endet am 31. Dezember 2026 für alle Länder.",
    "Förderfähig sind z. B. Straßen, Leitungen und Baunebenkosten.",
    "Die Voraussetzung steht in Nr. 2. Absatz 3 gilt entsprechend.",
    "Der Landkreis erhielt insgesamt 3.226.816,95 Euro aus dem Programm.",
    "Gemäß Abs. 3 gilt das auch für Gemeindeverbände.",
    "Das kostet ca. 5 Mio. Euro im Jahr.",
    "Die Fassung vom 1. Januar 2026 gilt bis zum 31.12.2028 weiter.",
    # an abbreviation before a capitalised word (an IREK goal's title)
    "3.3.3 Energieinfrastrukturen (insb. Strom- und Wasserstoffnetz) ausbauen",
    "Vgl. Nummer 2.2.1 und Ggf. Anhang 2.",
])
def test_split_sentences_keeps_dates_abbreviations_and_numbers_together(text):
    assert split_sentences(text) == [text]


def test_split_sentences_splits_normal_sentences():
    text = "Das ist ein Satz. Das ist noch einer! Ist das eine Frage? Ja, das ist sie."
    assert split_sentences(text) == ["Das ist ein Satz.", "Das ist noch einer!", "Ist das eine Frage?", "Ja, das ist sie."]


def test_split_sentences_in_a_mixed_german_passage():
    text = ("Die Frist endet am 31. Dezember 2028. Danach gilt z. B. die neue Regel nach Nr. 2. Absatz 1 des Rahmens. "
            "Gefördert wurden 3.226.816,95 Euro. Weitere Mittel folgen.")
    assert split_sentences(text) == [
        "Die Frist endet am 31. Dezember 2028.",
        "Danach gilt z. B. die neue Regel nach Nr. 2. Absatz 1 des Rahmens.",
        "Gefördert wurden 3.226.816,95 Euro.",
        "Weitere Mittel folgen.",
    ]


def test_split_sentences_at_line_breaks_and_without_empty_pieces():
    assert split_sentences("Überschrift ohne Punkt\nErster Satz. Zweiter Satz.\n\n") == [
        "Überschrift ohne Punkt", "Erster Satz.", "Zweiter Satz."]
    assert split_sentences("   ") == []


# -- best_sentence -------------------------------------------------------------------------------------------------

def test_best_sentence_is_verbatim_and_picks_the_matching_sentence():
    text = ("(1) Als Träger werden vorzugsweise Gemeinden und Gemeindeverbände gefördert.\n"
            "(2) Die Förderung beträgt grundsätzlich bis zu 60 Prozent der förderfähigen Kosten. "
            "Die Länder können bis zu 90 Prozent fördern, wenn sich die Maßnahme in eine regionale Entwicklungsstrategie einfügt.")
    passage = _passage(text)
    quote = best_sentence(passage, "Wie hoch ist die Förderung in Prozent der förderfähigen Kosten?", prefer=FIGURE)
    assert quote in text
    assert "Prozent" in quote
    trager = best_sentence(passage, "Wer kann Träger sein? Gemeinden oder Gemeindeverbände?")
    assert trager == "(1) Als Träger werden vorzugsweise Gemeinden und Gemeindeverbände gefördert."


def test_best_sentence_prefers_an_amount_when_asked_and_never_quotes_the_bare_heading():
    text = ("Ausschluss der Förderung\n"
            "(1) Die Förderung der Umsetzung richtet sich nach Nummer 3.4.1.\n"
            "(2) Die Förderung der Umsetzung beträgt für Landkreise, Städte und Gemeinden bis zu 75 Prozent der Kosten.")
    passage = _passage(text, section_title="Ausschluss der Förderung")
    question = "Wie hoch ist die Förderung der Umsetzung?"
    assert best_sentence(passage, question, prefer=FIGURE).startswith("(1)")  # "3.4.1" is a figure ...
    assert best_sentence(passage, question, prefer=AMOUNT).startswith("(2)")  # ... but not an amount
    assert best_sentence(passage, "Ausschluss der Förderung") != "Ausschluss der Förderung"


def test_best_sentence_is_whole_and_cut_only_at_a_clause_boundary_when_very_long():
    long_sentence = "Förderfähig sind " + ", ".join(f"Maßnahme Nummer {n} im Gewerbegebiet" for n in range(12)) + "."
    assert best_sentence(_passage(long_sentence), "Gewerbegebiet Maßnahme") == long_sentence, "whole, not cut mid-clause"
    clauses = "; ".join(f"Maßnahme Nummer {n} im Gewerbegebiet wird gefördert" for n in range(40)) + "."
    quote = best_sentence(_passage(clauses), "Gewerbegebiet Maßnahme")
    assert clauses.startswith(quote) and quote.endswith(";") and len(quote) <= 960


def test_a_line_break_inside_a_sentence_does_not_end_it():
    text = ("(3) Maßgeblich für die Beurteilung der Förderfähigkeit eines Vorhabens sowie für die Ermittlung der\n"
            "Beihilfeintensität ist der Zeitpunkt der Gewährung.\nÜberschrift\nNächster Satz steht hier.")
    assert split_sentences(text) == [
        "(3) Maßgeblich für die Beurteilung der Förderfähigkeit eines Vorhabens sowie für die Ermittlung der\n"
        "Beihilfeintensität ist der Zeitpunkt der Gewährung.", "Überschrift", "Nächster Satz steht hier."]


def test_table_headers_and_lists_of_names_are_not_quoted_while_a_sentence_says_something():
    passage = _passage("K 61 Telekommunikation\nLandkreis Emsland, Landkreis Leer, Landkreis Vechta, Stadt Emden\n"
                       "Unternehmen der Telekommunikation sind von der Förderung ausgeschlossen.")
    assert best_sentence(passage, "Telekommunikation Landkreis") == (
        "Unternehmen der Telekommunikation sind von der Förderung ausgeschlossen.")


BINDING = ("Bindungsfrist\nTräger und ggf. Betreiber der Infrastrukturmaßnahme sind an die Erfüllung der im "
           "Koordinierungsrahmen genannten Voraussetzungen nach Fertigstellung\na) bei Baumaßnahmen für eine Dauer von "
           "mindestens 15 Jahren und\nb) bei Ausstattung für eine Dauer von mindestens 5 Jahren gebunden.\nBei "
           "Baumaßnahmen gemäß Nummer 3.2.2.1 (Industrie- und Gewerbegelände) kann die Bindungsfrist verkürzt werden, "
           "wenn der Träger die Flächen vollständig veräußert hat.")


def test_a_sentence_that_runs_on_into_its_list_is_quoted_with_it_and_a_section_number_is_no_figure():
    passage = _passage(BINDING, section_number="3.2.1.8", section_title="Bindungsfrist")
    quote = best_sentence(passage, "Wie lange sind Träger bei Baumaßnahmen gebunden?", prefer=DURATION)
    assert quote.startswith("Träger und ggf. Betreiber") and quote.endswith("5 Jahren gebunden.")
    assert "15 Jahren" in quote and quote in BINDING
    # "Nummer 3.2.2.1" is a reference, not the figure a question asks for.
    assert best_sentence(passage, "Bindungsfrist Baumaßnahmen verkürzt?", prefer=FIGURE).startswith("Bei Baumaßnahmen")
    assert DURATION.search("für eine Dauer von mindestens fünf Jahren") and not DURATION.search("Nummer 3.2.2.1")


def test_a_lead_ending_in_a_colon_is_quoted_with_the_rows_of_its_classification_list():
    text = ("Von der Förderung sind insbesondere Unternehmen ausgeschlossen, deren Haupttätigkeit in folgende Abschnitte "
            "fällt (Liste nicht förderfähiger Wirtschaftszweige):\nA Land- und Forstwirtschaft, Fischerei\nC 24 "
            "Metallerzeugung, soweit „Stahlindustrie“\nF Baugewerbe\nG Handel (außer 46.2 bis 46.6)")
    quote = best_sentence(_passage(text, section_number="2.7.1", section_title="Ausschluss"),
                          "Welche Branchen sind von der Förderung ausgeschlossen?")
    assert quote == text


def test_a_lead_that_opens_a_list_wins_over_a_sentence_with_the_same_words_and_is_quoted_with_its_list():
    text = ("(1) Bund und Länder verfolgen mit der GRW in den strukturschwachen Regionen drei Hauptziele:\n"
            "− Beschäftigung und Einkommen sichern und schaffen;\n− Standortnachteile ausgleichen;\n"
            "− Transformationsprozesse beschleunigen.\n"
            "(2) Jedes geförderte Vorhaben der GRW muss die auf die Hauptziele bezogenen Voraussetzungen erfüllen.")
    quote = best_sentence(_passage(text, section_number="1.1", section_title="Ziele"), "Hauptziele der GRW?")
    assert quote.startswith("(1) Bund und Länder") and "Standortnachteile ausgleichen" in quote and quote in text


def test_a_span_of_time_is_required_from_the_passage_and_a_sentence_fragment_loses_to_the_whole_sentence():
    passage = _passage(BINDING, section_number="3.2.1.8", section_title="Bindungsfrist")
    # the query shares no stem with the sentence ("Bindung" / "gebunden"), but names what the title is about
    quote = best_sentence(passage, "und wie lange gilt die Bindung dann?", prefer=DURATION, require=DURATION)
    assert quote.startswith("Träger und ggf. Betreiber") and "15 Jahren" in quote
    assert best_sentence(passage, "Wie hoch ist der Zuschuss?", require=AMOUNT) == ""  # no amount stands in it
    assert best_sentence(_passage("Die Frist beträgt 15 Jahre.", section_title="Sonstiges"), "Was gilt für Hotels?",
                         require=DURATION) == "", "a figure about nothing asked is no answer"


def test_amounts_in_millions_are_amounts():
    assert AMOUNT.search("kann bis zu 1 Million Euro pro Förderfall betragen")
    assert AMOUNT.search("höchstens 43 Millionen Euro") and AMOUNT.search("bis 1,5 Mio. € je Vorhaben")
    assert not AMOUNT.search("1 Million Einwohner")


def test_the_sentence_that_goes_on_from_a_quote_is_found_in_its_paragraph_only():
    text = ("Gleichzeitig ist das IREK eng mit bestehenden Strategien verzahnt. Es greift die Ziele der "
            "LEADER-Entwicklungskonzepte und der Innovationsstrategie RIS3 auf. Doppelstrukturen werden vermieden.\n\n"
            "Der Landkreis geht voran. Als einer der ersten Landkreise setzt er damit einen Maßstab.\n\n"
            "Der Investitionsbetrag übersteigt die Abschreibungen um mindestens 50 Prozent. Für kleine Unternehmen "
            "genügt das Übersteigen gemäß Satz 1 um mindestens 25 Prozent.\n\n"
            "Die Frist beträgt drei Jahre.\n\nEs folgt ein neuer Absatz.\n"
            "(1) Der Antrag ist schriftlich zu stellen.\n(2) Er ist bei der NBank einzureichen.")
    assert "RIS3" in continuation(text, "Gleichzeitig ist das IREK eng mit bestehenden Strategien verzahnt.")
    assert continuation(text, "Es greift die Ziele der LEADER-Entwicklungskonzepte und der Innovationsstrategie "
                              "RIS3 auf.") == "", "a sentence that points back to nothing stays apart"
    assert continuation(text, "Der Landkreis geht voran.").startswith("Als einer der ersten")
    assert "25 Prozent" in continuation(text, "Der Investitionsbetrag übersteigt die Abschreibungen um mindestens 50 "
                                              "Prozent.")
    assert continuation(text, "Die Frist beträgt drei Jahre.") == "", "not across a paragraph"
    assert continuation(text, "(1) Der Antrag ist schriftlich zu stellen.") == "", "not into the next numbered paragraph"
    joined = with_continuation(text, "Der Landkreis geht voran.")
    assert joined == "Der Landkreis geht voran. Als einer der ersten Landkreise setzt er damit einen Maßstab."
    assert with_continuation(text, "Der Landkreis geht voran.", limit=40) == "Der Landkreis geht voran."


def test_a_numbered_heading_is_never_the_quote():
    text = "8. Verteilung der Bundesmittel auf die Länder\nLand: Niedersachsen; Mittelquote (in Prozent): 6,08"
    quote = best_sentence(_passage(text, section_number="8.1", section_title="Mittel"),
                          "Verteilung der Bundesmittel auf die Länder Niedersachsen", prefer=AMOUNT)
    assert quote == "Land: Niedersachsen; Mittelquote (in Prozent): 6,08"


def test_best_sentence_on_real_passages_is_verbatim(prepared_snapshot):
    checked = 0
    for passage in prepared_snapshot.passages[::7]:
        quote = best_sentence(passage, "Förderung Gewerbegebiet Fördersatz Prozent Antrag", prefer=FIGURE)
        assert quote and quote in passage.text, passage.chunk_id
        checked += 1
    assert checked > 20


# -- the German citation string ------------------------------------------------------------------------------------

def test_german_citation_of_grw_sections_annexes_and_printed_pages():
    rates = _passage("x", page_start=33, page_end=33, page_label="32", section_number="3.4.2",
                     section_title="Umsetzung regionaler Entwicklungskonzepte über ein eigenes Budget")
    assert german_citation(rates) == "GRW-Koordinierungsrahmen 2026, Nr. 3.4.2, S. 32"  # the printed page, not the PDF's
    assert german_citation(rates, with_title=True) == (
        "GRW-Koordinierungsrahmen 2026, Nr. 3.4.2 „Umsetzung regionaler Entwicklungskonzepte über ein eigenes Budget“, S. 32")
    assert german_citation(_passage("x")) == "GRW-Koordinierungsrahmen 2026, Nr. 3.2.1.1, S. 22"  # no printed number
    annex = _passage("x", section_number="Anhang 5", section_title="Fördergebiete", page_start=41, page_label="40")
    assert german_citation(annex) == "GRW-Koordinierungsrahmen 2026, Anhang 5, S. 40"


def test_german_citation_of_irek_goals_and_unnumbered_sections():
    def irek(**fields) -> Passage:  # noqa: ANN003
        return _passage("x", document="irek", document_title="IREK Landkreis Osnabrück", page_start=None,
                        page_end=None, section_number="", **fields)

    assert german_citation(irek(goal_code="3.1.1", section_title="Gewerbeflächen")) == \
        "IREK Landkreis Osnabrück, Handlungsziel 3.1.1"
    assert german_citation(irek(goal_code="2.1", section_title="Fachkräfte")) == "IREK Landkreis Osnabrück, Leitziel 2.1"
    assert german_citation(irek(section_title=" Quellen ")) == "IREK Landkreis Osnabrück, „Quellen“"
    assert german_citation(irek(section_title="Quellen"), with_title=True) == "IREK Landkreis Osnabrück, Abschnitt „Quellen“"
    summary = _passage("x", document="leader-os", document_title="LEADER Osnabrücker Land", page_start=None,
                       page_end=None, section_number="", section_title="Förderung", kind="summary")
    assert german_citation(summary) == "LEADER Osnabrücker Land, „Förderung“"
    assert german_citation(summary, with_title=True) == (
        "LEADER Osnabrücker Land, Abschnitt „Förderung“ (Zusammenfassung des Projekts, kein Originaltext)")


# -- citation list and page ----------------------------------------------------------------------------------------

def test_citation_list_numbers_in_order_of_first_use():
    a, b = _passage("Satz A. Satz B.", chunk_id="a"), _passage("Satz C.", chunk_id="b")
    cites = CitationList()
    assert cites.cite(a, "Satz A.") == 1
    assert cites.cite(b, "Satz C.") == 2
    assert cites.cite(a, "Satz A.") == 1
    assert cites.cite(a, "Satz B.") == 3
    assert [c["n"] for c in cites.to_list()] == [1, 2, 3]
    first = cites.to_list()[0]
    assert first["document"] == "grw" and first["quote"] == "Satz A." and first["chunk_id"] == "a"
    assert first["page"] == 22 and first["section"].startswith("3.2.1.1")


def test_irek_citation_has_no_page():
    passage = _passage("Das IREK bündelt Entwicklungsfragen.", document="irek", page_start=None, page_end=None,
                       section_number="", goal_code="1.1.4", section_title="Logistikbranche stärken")
    data = Citation(1, passage, "Das IREK bündelt Entwicklungsfragen.").to_dict()
    assert data["page"] is None and data["document"] == "irek"


def test_page_of_a_quote_on_the_second_page_of_a_passage(prepared_snapshot):
    snapshot = prepared_snapshot
    spanning = [p for p in snapshot.passages if p.document == "grw" and p.page_start and p.page_end and p.page_end > p.page_start]
    assert spanning, "the GRW index has passages across a page break"
    checked = 0
    for passage in spanning:
        document = snapshot.document("grw")
        for sentence in split_sentences(passage.text):
            offset = passage.start + passage.text.find(sentence)
            if len(sentence) >= 20 and document.page_at(offset) == passage.page_end:
                cites = CitationList(locate=snapshot.locate)
                cites.cite(passage, sentence)
                assert cites.items[0].to_dict()["page"] == passage.page_end, (passage.chunk_id, sentence)
                checked += 1
                break
    assert checked


def test_a_row_of_the_classification_list_and_a_long_numbered_heading_are_no_quote_on_their_own():
    text = ("7. Beteiligung mit GRW-Mitteln an Ländermaßnahmen zur Stärkung der Wettbewerbsfähigkeit und Innovationskraft "
            "einschließlich Digitalisierung und ökologische Nachhaltigkeit sowie Bürgschaften\n"
            "L Erbringung von Finanz- und Versicherungsdienstleistungen M Grundstücks- und Wohnungswesen\n"
            "Die Länder können Fachprogramme zur Stärkung der Innovationskraft von KMU mit GRW-Mitteln verstärken.")
    quote = best_sentence(_passage(text, section_number="7.1.1", section_title="Voraussetzungen"),
                          "Beteiligung der GRW an Ländermaßnahmen für Finanz- und Versicherungsdienstleistungen von KMU")
    assert quote.startswith("Die Länder können Fachprogramme")


def test_a_quote_that_points_back_comes_with_the_sentence_it_points_to():
    from assistant.text.citations import with_antecedent
    text = ("(3) Die Länder können bis zum 31. Dezember 2026 Vorhaben nach dem alten Rahmen bewilligen. Spätestens nach "
            "Ablauf dieser Übergangsfrist erfolgen Bewilligungen ausschließlich nach dem neuen.\n\n(4) Anderes.")
    quote = "Spätestens nach Ablauf dieser Übergangsfrist erfolgen Bewilligungen ausschließlich nach dem neuen."
    assert with_antecedent(text, quote).startswith("(3) Die Länder können bis zum 31. Dezember 2026")
    assert with_antecedent(text, "(4) Anderes.") == "(4) Anderes."
    plain = "Förderfähig sind Investitionen in Gebäude."
    assert with_antecedent("Erster Satz. " + plain, plain) == plain


def test_a_sentence_cut_before_the_next_item_of_its_list_is_completed_with_the_list():
    """"… ist entweder a) … oder b) … oder" runs on into c) and d): the quote is whole only with them."""
    from assistant.text.citations import completed
    text = ("(3) Beginn der Arbeiten ist entweder\na) der Abschluss eines Vertrages oder\nb) der Beginn der Bauarbeiten oder\n"
            "c) die erste Bestellung von Ausrüstung oder\nd) eine andere Verpflichtung.\n(4) Planung gilt nicht als Beginn.")
    cut = "(3) Beginn der Arbeiten ist entweder\na) der Abschluss eines Vertrages oder\nb) der Beginn der Bauarbeiten oder"
    assert completed(text, cut).endswith("d) eine andere Verpflichtung.")
    assert completed(text, "(4) Planung gilt nicht als Beginn.") == "(4) Planung gilt nicht als Beginn."


def test_a_quote_that_stops_inside_its_sentence_runs_on_to_the_sentence_end_but_a_list_item_or_row_stays():
    """A curated quote is whole: "… vor Beginn der Arbeiten für das Investitionsvorhaben" goes on to "… gestellt
    wurde."; a row of a list ("F Baugewerbe"), a paragraph's last words and a sentence past the limit stay as they are."""
    from assistant.text.citations import to_sentence_end
    text = ("(2) Es werden nur Vorhaben gefördert, für die vor Beginn der Arbeiten für das Investitionsvorhaben bei einer "
            "zuständigen Stelle ein schriftlicher Antrag gestellt wurde. (3) Beginn ist der Vertrag.\n\n"
            "F Baugewerbe\nG Handel\n\nD-Fördergebiete: kleine Unternehmen 20 Prozent\n\nDer Grunderwerb darf 25 Prozent "
            "der Kosten nach Nummer\n3.2.2.1 nicht übersteigen.")
    cut = "Es werden nur Vorhaben gefördert, für die vor Beginn der Arbeiten für das Investitionsvorhaben"
    assert to_sentence_end(text, cut).endswith("ein schriftlicher Antrag gestellt wurde.")
    assert to_sentence_end(text, "F Baugewerbe") == "F Baugewerbe"
    assert to_sentence_end(text, "kleine Unternehmen 20 Prozent") == "kleine Unternehmen 20 Prozent"
    # a section number a line break cut from its word opens no list item
    assert to_sentence_end(text, "Der Grunderwerb darf 25 Prozent der Kosten nach Nummer").endswith("nicht übersteigen.")
    assert to_sentence_end(text, cut, limit=len(cut) + 20) == cut
    assert to_sentence_end(text, "Beginn ist der Vertrag.") == "Beginn ist der Vertrag."


def test_a_quote_that_begins_inside_its_sentence_gets_its_start_but_not_across_a_line_or_past_a_mark():
    from assistant.text.citations import from_sentence_start, whole_quote
    text = ("(1) Die Förderung beträgt bis zu 60 Prozent. Das Land kann mit bis zu 90 Prozent fördern, wenn sich das "
            "Vorhaben einfügt.\n(2) Der Träger beteiligt sich.\nb) soweit Ziele nicht erreicht wurden,")
    assert from_sentence_start(text, "90 Prozent fördern, wenn") == "Das Land kann mit bis zu 90 Prozent fördern, wenn"
    assert whole_quote(text, "90 Prozent fördern, wenn") == \
        "Das Land kann mit bis zu 90 Prozent fördern, wenn sich das Vorhaben einfügt."
    # a quote that opens its numbered paragraph or its list item after the mark stays
    assert from_sentence_start(text, "Der Träger beteiligt sich.") == "Der Träger beteiligt sich."
    assert from_sentence_start(text, "soweit Ziele nicht erreicht wurden,") == "soweit Ziele nicht erreicht wurden,"


def test_a_list_item_within_a_sentence_is_given_with_the_sentence_it_belongs_to():
    from assistant.text.citations import whole_sentence
    text = ("Träger und Betreiber sind an die Voraussetzungen nach Fertigstellung\na) bei Baumaßnahmen für eine Dauer von "
            "mindestens 15 Jahren und\nb) bei Ausstattung für eine Dauer von mindestens 5 Jahren gebunden.")
    item = "a) bei Baumaßnahmen für eine Dauer von mindestens 15 Jahren und"
    assert whole_sentence(text, item).startswith("Träger und Betreiber sind")
    assert whole_sentence(text, item).endswith("5 Jahren gebunden.")
    assert whole_sentence(text, "Ein Satz für sich.") == "Ein Satz für sich."


def test_a_gazette_abbreviation_ends_no_sentence():
    """"(Erl. d. MB v. 3.8.2022, Nds. MBl. S. 1090 …)": a quote is never cut after "MBl."."""
    text = ('Das Land fördert mit der Richtlinie (Erl. d. MB v. 3.8.2022, Nds. MBl. S. 1090) regionale '
            'Zusammenschlüsse. Die Mittel kommen aus dem EFRE.')
    assert split_sentences(text)[0].endswith("regionale Zusammenschlüsse.")


def test_a_sentence_that_names_the_one_before_by_a_demonstrative_goes_on_from_it_but_not_one_naming_the_text():
    text = ("(3) Die Länder können bis zum 31. Dezember 2026 nach dem alten Rahmen bewilligen. Spätestens nach Ablauf "
            "dieser Übergangsfrist gilt nur der neue.\n\nGefördert werden Netze. Nicht nach dieser Nummer förderfähig "
            "sind Speicher.")
    assert continuation(text, "(3) Die Länder können bis zum 31. Dezember 2026 nach dem alten Rahmen bewilligen.") \
        == "Spätestens nach Ablauf dieser Übergangsfrist gilt nur der neue."
    assert continuation(text, "Gefördert werden Netze.") == "", "'dieser Nummer' is the section, not the sentence"


def test_a_numbered_paragraph_that_goes_on_from_the_quote_continues_it_with_its_list():
    """KR Nr. 2.2.4: "(2) Zudem ist zu prüfen, ob a) … b) …" goes on from (1); a paragraph that opens anew does not."""
    text = ("(1) Die Bewilligungsbehörde entscheidet über die Förderfähigkeit von Investitionsvorhaben.\n"
            "(2) Zudem ist zu prüfen, ob\na) die Ziele der Raumordnung beachtet worden sind,\n"
            "b) das Vorhaben von den zuständigen Behörden gebilligt worden ist.")
    following = continuation(text, "(1) Die Bewilligungsbehörde entscheidet über die Förderfähigkeit von "
                                   "Investitionsvorhaben.")
    assert following.startswith("(2) Zudem ist zu prüfen, ob") and following.endswith("gebilligt worden ist.")
    other = text.replace("(2) Zudem ist", "(2) Es ist")
    assert continuation(other, "(1) Die Bewilligungsbehörde entscheidet über die Förderfähigkeit von "
                               "Investitionsvorhaben.") == ""


# -- the whole wording of a rule, for those who quote it ---------------------------------------------------------------

_RATES = ("Ausbau der wirtschaftsnahen Infrastruktur\nGrundsätze der Förderung\nFördersätze\n"
          "Die Förderung beträgt grundsätzlich bis zu 60 Prozent der förderfähigen Kosten. Das Land kann mit bis zu 90 "
          "Prozent fördern, wenn mindestens eine der folgenden Voraussetzungen erfüllt ist:\n"
          "a) die Maßnahme wird im Rahmen einer interkommunalen Kooperation durchgeführt,\n"
          "b) die Maßnahme leistet in besonderer Weise einen Beitrag zur Fachkräftesicherung.\n"
          "Das Vorliegen der Voraussetzungen nach Satz 2 ist schriftlich zu begründen.")
_LAND = ("(3) Abweichend von Nummer 3.2.1.11 können Kosten für den Grunderwerb befristet bis zum 31. Dezember 2028 "
         "gefördert werden. Dies gilt nicht als Beginn der Arbeiten.\n"
         "(4) Die Kosten für den Grunderwerb dürfen 25 Prozent der Kosten der gesamten Maßnahme nach Nummer\n"
         "3.2.2.1 nicht übersteigen.\n(5) Der Grunderwerb darf nicht vor dem 1. Juli 2025 erfolgt sein.\n"
         "(6) Vermarktungsüberschüsse sind abzuführen.")


def test_the_whole_paragraph_of_a_quote_holds_its_list_and_last_sentence_but_not_the_headings():
    whole = whole_paragraph(_RATES, "Die Förderung beträgt grundsätzlich bis zu 60 Prozent der förderfähigen Kosten.")
    assert whole.startswith("Die Förderung beträgt") and whole.endswith("schriftlich zu begründen.")
    assert "b) die Maßnahme leistet" in whole and whole in _RATES


def test_the_whole_paragraph_ends_at_the_next_number_and_takes_the_next_ones_only_where_asked_and_within_the_limit():
    lead = "(3) Abweichend von Nummer 3.2.1.11 können Kosten für den Grunderwerb befristet bis zum 31. Dezember 2028 " \
           "gefördert werden."
    assert whole_paragraph(_LAND, lead).endswith("Dies gilt nicht als Beginn der Arbeiten.")
    on_land = whole_paragraph(_LAND, lead, more=lambda paragraph: "Grunderwerb" in paragraph)
    assert on_land.startswith("(3)") and on_land.endswith("(5) Der Grunderwerb darf nicht vor dem 1. Juli 2025 erfolgt "
                                                          "sein."), "(6) names no land"
    assert whole_paragraph(_LAND, lead, more=lambda paragraph: True, limit=200).endswith("Beginn der Arbeiten."), \
        "paragraphs beyond the limit are left out"
    assert whole_paragraph(_LAND, lead, limit=100) == lead, "a paragraph too long to quote whole leaves the quote"
    assert whole_paragraph(_LAND, "nicht vorhanden") == "nicht vorhanden"


_SIZES = ("Kleine und mittlere Unternehmen, Großunternehmen\n(1) Mittlere Unternehmen sind Unternehmen, die\n"
          "a) weniger als 250 Personen beschäftigen und\nb) einen Jahresumsatz von höchstens 50 Millionen Euro erzielen.\n"
          "(2) Kleine Unternehmen sind Unternehmen, die\na) weniger als 50 Personen beschäftigen und\nb) einen "
          "Jahresumsatz von höchstens 10 Millionen Euro haben.\n(3) Großunternehmen sind Unternehmen, die nicht die oben "
          "angegebenen Voraussetzungen für KMU erfüllen.")


def test_a_paragraph_that_points_back_to_those_above_it_is_quoted_with_them_within_the_limit():
    lead = "(3) Großunternehmen sind Unternehmen, die nicht die oben angegebenen Voraussetzungen für KMU erfüllen."
    whole = whole_paragraph(_SIZES, lead)
    assert whole.startswith("(1) Mittlere Unternehmen") and whole.endswith(lead), "the conditions it points to"
    assert whole_paragraph(_SIZES, lead, limit=150) == lead, "not beyond the limit"
    own = "(2) Kleine Unternehmen sind Unternehmen, die"
    assert whole_paragraph(_SIZES, own).startswith("(2)"), "a paragraph that stands on its own starts at itself"


def test_a_passage_that_goes_on_from_the_one_before_opens_with_the_rest_of_its_paragraph():
    rest = opening_paragraph("Der früheste der vorgenannten Zeitpunkte ist maßgebend. Der Kauf von Grundstücken gilt "
                             "nicht als Beginn der Arbeiten.\n(4) Die Förderung wird …")
    assert rest == "Der früheste der vorgenannten Zeitpunkte ist maßgebend. Der Kauf von Grundstücken gilt nicht als " \
                   "Beginn der Arbeiten."
    assert opening_paragraph("(6) Soweit die Ausgaben für den Grunderwerb gefördert werden, gilt …") == ""
    assert opening_paragraph("Antragstellung\n(1) Die GRW-Mittel werden …") == "", "a heading opens a section"


def test_the_paragraphs_named_by_their_numbers_are_quoted_from_the_first_to_the_last():
    assert numbered_paragraphs(_LAND, 4, 5) == ("(4) Die Kosten für den Grunderwerb dürfen 25 Prozent der Kosten der "
                                                "gesamten Maßnahme nach Nummer\n3.2.2.1 nicht übersteigen.\n(5) Der "
                                                "Grunderwerb darf nicht vor dem 1. Juli 2025 erfolgt sein.")
    assert numbered_paragraphs(_LAND, 6, 9) == "(6) Vermarktungsüberschüsse sind abzuführen."  # to the passage's end
    assert numbered_paragraphs(_LAND, 2, 3) == "", "a passage that does not hold the first is not the one"
    assert numbered_paragraphs(_LAND, 3, 6, limit=100) == ""


def test_list_items_are_quoted_with_the_lead_of_their_list():
    """"d) Eigenleistungen …" alone reads as an eligible cost; with "(4) Nicht förderfähig sind:" and the items before
    it, verbatim, it says what the rule says. A list with no lead right above it, or too long, stays as it is."""
    text = ("(3) Förderfähig sind Erschließungskosten.\n(4) Nicht förderfähig sind :\na) Kosten der Bauleitplanung,\n"
            "b) Hausanschlusskosten,\nc) Eigenleistungen des Zuwendungsempfängers,\nd) Finanzierungskosten.")
    quote = "c) Eigenleistungen des Zuwendungsempfängers,\nd) Finanzierungskosten."
    assert with_list_lead(text, quote) == text[text.index("(4)"):]
    assert with_list_lead(text, "(3) Förderfähig sind Erschließungskosten.") == "(3) Förderfähig sind Erschließungskosten."
    no_lead = "Vorab.\na) erstens,\nb) zweitens."
    assert with_list_lead(no_lead, "b) zweitens.") == "b) zweitens."
    long_list = "Nicht förderfähig sind:\n" + "".join(f"{c}) {'x' * 200},\n" for c in "abcdefg") + "h) Ende."
    assert with_list_lead(long_list, "h) Ende.") == "h) Ende."


def test_a_quote_cut_at_a_line_break_inside_its_sentence_runs_on_but_an_item_before_the_next_one_stays():
    """Whether a line break ends a sentence depends on the whole line it ends: "… der Vermögenswerte einer" closes a
    full line of running text, so the quote goes on to "… geschlossen worden wäre."; an item that ends before
    ",\nb) …" is whole as it is."""
    from assistant.text.citations import to_sentence_end
    text = ("c) die Anschaffungskosten gebrauchter Wirtschaftsgüter, es sei denn, es handelt sich um den Erwerb durch "
            "ein kleines oder mittleres Unternehmen oder um Investitionen zum Erwerb der Vermögenswerte einer\n"
            "Betriebsstätte, die geschlossen wurde oder ohne diesen Erwerb geschlossen worden wäre. Förderfähig sind "
            "nur gebrauchte Wirtschaftsgüter.\n(2) Verlängert werden kann, insbesondere wenn\n"
            "a) Liefer- oder Leistungsverzögerungen ausschließlich durch Dritte verursacht wurden,\n"
            "b) Genehmigungsverfahren verzögert wurden.")
    cut = "es handelt sich um den Erwerb durch ein kleines oder mittleres Unternehmen"
    assert to_sentence_end(text, cut).endswith("ohne diesen Erwerb geschlossen worden wäre.")
    item = "a) Liefer- oder Leistungsverzögerungen ausschließlich durch Dritte verursacht wurden"
    assert to_sentence_end(text, item) == item
    assert to_sentence_end(text, "Förderfähig sind nur gebrauchte Wirtschaftsgüter.") == \
        "Förderfähig sind nur gebrauchte Wirtschaftsgüter."


def test_a_quote_cut_inside_a_phrase_runs_on_into_its_list_with_the_items_lines_the_pdf_broke():
    """"(1) Förderfähig sind Investitionen in" says nothing without its items; an item whose full line the PDF broke
    after an abbreviation ("… Nutzungs- bzw.\nLeasingvereinbarung …,") is quoted with the rest of its line. A list
    item that ends in "oder" before the next one stays an item."""
    from assistant.text.citations import whole_quote
    ports = ("Häfen\n(1) Förderfähig sind Investitionen in\na) die Errichtung, den Ersatz oder die Modernisierung von "
             "Hafeninfrastrukturen in See- und Binnenhäfen;\nb) die Ausbaggerung in See- und Binnenhäfen.\n(2) Weiteres.")
    assert whole_quote(ports, "(1) Förderfähig sind Investitionen in") == \
        ports[ports.index("(1)"):ports.index("\n(2)")]
    form = ("8.5 Folgende Tatsachen sind subventionserheblich:\na) Angaben zum Antragsteller (Ziffer 1.2) ggf. Angaben "
            "in der vorzulegenden Nutzungs- bzw.\nLeasingvereinbarung (siehe Erläuterungen zu Ziffer 1.2),\n"
            "b) Rechtsform (Ziffer 1.2),\nc) Vorförderungen der Betriebsstätte (Ziffer 1.4).")
    lead = "8.5 Folgende Tatsachen sind subventionserheblich:"
    from assistant.text.citations import completed
    assert completed(form, lead) == form
    start = ("(3) Beginn der Arbeiten ist entweder\na) der Abschluss eines Liefer- oder Leistungsvertrages oder\n"
             "b) der Beginn der Bauarbeiten.")
    item = "a) der Abschluss eines Liefer- oder Leistungsvertrages oder"
    assert whole_quote(start, item) == item


def test_a_list_item_that_answers_one_ask_is_quoted_alone_and_with_its_list_for_several_asks():
    """An item of a list of things, ending in a comma, answers a question of one ask on its own ("b) Lehr-,
    Erlebnis- und Naturpfade …," for a moor trail, not the toilets and ski trails after it); a question of several
    asks may be answered by several items, so the list runs on."""
    text = ("(6) Zu den nicht einnahmeschaffenden Maßnahmen gehören beispielsweise:\na) Radwege,\n"
            "b) Lehr-, Erlebnis- und Naturpfade einschließlich Beobachtungsständen in Schutzgebieten,\n"
            "c) öffentliche Toiletten,\nd) Skiloipen.")
    passage = _passage(text, section_number="3.2.2.5", section_title="Tourismus")
    item = "b) Lehr-, Erlebnis- und Naturpfade einschließlich Beobachtungsständen in Schutzgebieten,"
    one = best_sentence(passage, "Moorlehrpfad mit Beobachtungsständen in Schutzgebieten förderfähig?")
    assert one.startswith(item) and "Skiloipen" not in one
    several = best_sentence(passage, "Sind Naturpfade mit Beobachtungsständen förderfähig? Und Skiloipen?")
    assert several.startswith(item) and several.endswith("d) Skiloipen.")


def test_a_quote_on_the_second_page_of_its_passage_is_cited_to_that_page():
    """The answer's text and its list of citations name the page a quote stands on (`citation_on_page`), not the first
    page of a passage over two."""
    from assistant.text.citations import citation_on_page
    passage = _passage("(7) Bei einer Verlängerung …\n(8) Maßnahmen …", section_number="3.4.2", page_start=32,
                       page_end=33, page_label="32")
    assert citation_on_page(passage, 33, "33") == "GRW-Koordinierungsrahmen 2026, Nr. 3.4.2, S. 33"
    assert citation_on_page(passage, None, None) == german_citation(passage) == \
        "GRW-Koordinierungsrahmen 2026, Nr. 3.4.2, S. 32"
    cites = CitationList(locate=lambda p, quote: (33, "33"))
    cites.cite(passage, "(8) Maßnahmen …")
    assert cites.to_answer()[0].citation.endswith("S. 33")
