"""The Koordinierungsrahmen read by its layout: footnotes apart from the body and citable on their own, tables
rewritten row by row with their headers, and no passage that is a bare heading. Held against the real PDF."""

from __future__ import annotations

import re
from collections import Counter

import pytest

from assistant.core.model import FootnoteSpan, Section
from assistant.text.citations import german_citation
from ingest.structure import merge_heading_only, place_footnotes

# Footnote bodies as the PDF prints them at the bottom of their page (number: opening words, PDF page).
KNOWN_FOOTNOTES = {
    "32": ("Siehe auch Liste der Fördergebiete und Regionalfördergebietskarte 2022-2027 im Anhang 5.", 14),
    "39": ("Die Einzelnotifizierungspflicht, die sich aus Artikel 4 Absatz 1 AGVO ergibt", 15),
    "50": ("Kriterien hochwertiger Beschäftigung können sich zum Beispiel aus einer überdurchschnittlichen", 18),
    "51": ("Umfasst nicht die Rüstungsindustrie, die im Abschnitt C (Verarbeitendes Gewerbe) verortet ist.", 19),
    "70": ("Vgl. hierzu die De-minimis-Verordnung, welche den Höchstbetrag und Zeitraum festlegt.", 34),
}


def _squash(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def _body(prepared):
    return [p for p in prepared.passages if not p.footnote]


def _footnote(prepared, number, page):
    return [p for p in prepared.passages if p.footnote == number and p.page_start == page]


# --- footnotes -----------------------------------------------------------------------------------------------

def test_every_footnote_of_the_kr_is_found(grw_loaded):
    numbers = [(n.page, n.number) for n in grw_loaded.footnotes]
    main = [int(number) for page, number in numbers if page < 48]
    annexes = [int(number) for page, number in numbers if page >= 48]
    assert main == list(range(1, 76))  # the body's footnotes 1-75, in order
    assert annexes == list(range(1, 35))  # the application forms count again from 1
    assert all(not re.match(r"^\d", n.text) for n in grw_loaded.footnotes)


@pytest.mark.parametrize("number", sorted(KNOWN_FOOTNOTES))
def test_no_footnote_is_glued_into_the_body(grw_prepared, number):
    opening, page = KNOWN_FOOTNOTES[number]
    assert not [p.chunk_id for p in _body(grw_prepared) if opening[:60] in _squash(p.text)]
    notes = _footnote(grw_prepared, number, page)
    assert len(notes) == 1 and _squash(notes[0].text).startswith(opening)
    assert notes[0].section_title == f"Fußnote {number}"


def test_the_list_of_2_7_1_starts_with_its_own_words(grw_prepared):
    passages = [p for p in _body(grw_prepared) if p.section_number == "2.7.1"]
    listing = next(p for p in passages if "Handel (außer 46.2" in p.text or "H Verkehr" in p.text)
    assert not re.search(r"(?m)^50\b", listing.text)
    assert "Kriterien hochwertiger Beschäftigung können" not in " ".join(p.text for p in passages)


def test_markers_leave_the_numbers_they_were_glued_to(grw_prepared):
    text = grw_prepared.clean.text
    assert "Nummer 1.232" not in text
    assert "In den Fördergebieten gemäß Nummer 1.2 darf die Beihilfeintensität" in _squash(text)
    assert "Betriebsstätten von kleinen Unternehmen 20 Prozent" in text  # not "Unternehmen38, 39 20 Prozent"
    assert "Unternehmen38" not in text and "Verteidigung51" not in text
    assert "Kriterien hochwertiger Beschäftigung entsprechen." in _squash(text)  # "Beschäftigung50 entsprechen"


def test_a_footnote_belongs_to_the_section_and_page_of_its_marker(grw_prepared):
    (fn70,) = _footnote(grw_prepared, "70", 34)
    assert fn70.section_number == "3.5.1"  # its marker stands in Nr. 3.5.1 on that page
    assert fn70.page_start == fn70.page_end == 34
    citation = german_citation(fn70)
    assert citation == f"GRW-Koordinierungsrahmen 2026, Nr. {fn70.section_number}, Fn. 70, S. {fn70.page_label}"
    (fn50,) = _footnote(grw_prepared, "50", 18)
    assert fn50.section_number == "2.6.3"  # marker in "Lohnkostenbezogene Zuschüsse", not in 2.7.1 below it


def test_footnotes_stand_on_their_page_or_the_next_with_their_marker_and_page(grw_prepared):
    clean = grw_prepared.clean
    assert len(clean.footnotes) == 109
    assert all(span.marker is not None for span in clean.footnotes)
    for span in clean.footnotes:
        assert clean.page_at(span.marker) == span.page
        assert span.marker < span.start
        assert clean.page_at(span.start) in {span.page, span.page + 1}


def test_a_page_ending_inside_a_sentence_keeps_its_footnotes_until_the_sentence_ends(grw_prepared):
    """Nr. 2.2.3 (2) runs from page 9 onto page 10 ("… in ein | Fördergebiet der GRW dienen"); the footnotes of
    page 9 stand after that section, so that the sentence stays in one passage, and are still cited to page 9. The
    page break inside the sentence is a line break, not a paragraph's end."""
    sentence = "aus einem Nichtfördergebiet in ein\nFördergebiet der GRW dienen"
    assert sentence in grw_prepared.clean.text
    assert any(sentence in p.text for p in grw_prepared.passages)
    notes = [p for p in grw_prepared.passages if p.footnote in {"13", "14", "15"} and p.page_start == 9]
    assert len(notes) == 3 and all(p.page_end == 9 for p in notes)
    # Nr. 2.7.1's list of sectors runs from page 18 (… G) onto page 19 (H …) with nothing between; the footnote of
    # page 18, whose marker stands in Nr. 2.6.3, ends that section before the heading of Nr. 2.7
    text = grw_prepared.clean.text
    assert "G Handel (außer 46.2 bis 46.6 sowie 46.8 und 46.9)\nH Verkehr" in text
    fn50 = next(s for s in grw_prepared.clean.footnotes if s.number == "50" and s.page == 18)
    assert fn50.start < text.index("Ausschluss von der Förderung", fn50.marker)
    assert _footnote(grw_prepared, "50", 18)[0].section_number == "2.6.3"


def test_footnotes_stand_at_the_end_of_the_section_of_their_marker(grw_prepared):
    """Where their page or the next has a heading after the marker, footnotes do not cut the body of a section in
    two: of the KR's numbered sections only 3.2.2.5 (three pages without a heading) and the two application forms
    are still cut by a page's footnotes (19 sections before)."""
    text = grw_prepared.clean.text
    pieces = Counter((s.number, s.title) for s in grw_prepared.sections if not s.footnote and text[s.start:s.end].strip())
    assert sorted(number for (number, _), n in pieces.items() if n > 1) == ["3.2.2.5", "Anhang 2", "Anhang 3"]


def test_irek_text_file_has_no_footnotes_and_keeps_its_text(irek_prepared):
    assert irek_prepared.clean.footnotes == []
    assert not any(p.footnote for p in irek_prepared.passages)
    assert "Der Landkreis Osnabrück hat gute Voraussetzungen" in irek_prepared.clean.text


# --- tables ----------------------------------------------------------------------------------------------------

RATES = [
    ("a) C-Fördergebiete mit einem Pro-Kopf-BIP von höchstens 100 Prozent", [("kleinen", 35), ("mittleren", 25), ("großen", 15)], 14),
    ("b) C-Fördergebiete mit einem Pro-Kopf-BIP von mehr als 100 Prozent", [("kleinen", 30), ("mittleren", 20), ("großen", 10)], 14),
    ("c) D-Fördergebiete:", [("kleinen", 20), ("mittleren", 10)], 15),
]


@pytest.mark.parametrize("area, rows, page", RATES)
def test_each_rate_row_of_2_5_1_names_its_area(grw_prepared, area, rows, page):
    passages = [p for p in _body(grw_prepared) if p.section_number == "2.5.1"]
    lines = [line for p in passages for line in p.text.split("\n") if "Betriebsstätten von" in line]
    assert len(lines) == 8 and all("Fördergebiete" in line for line in lines)
    for size, rate in rows:
        row = next(line for line in lines if line.startswith(area) and f"von {size} Unternehmen" in line)
        assert row.endswith(f"Betriebsstätten von {size} Unternehmen {rate} Prozent"), row
        holder = next(p for p in passages if row in p.text)
        assert holder.page_start <= page <= holder.page_end


def test_fund_shares_carry_their_column_headers(grw_prepared):
    text = grw_prepared.clean.text
    assert "Land: Niedersachsen; Mittelquote (in Prozent): 6,08" in text
    assert "Land: Thüringen; Gewährleistungen (in Millionen Euro): 200" in text
    holder = next(p for p in grw_prepared.passages if "Land: Niedersachsen; Mittelquote" in p.text)
    assert (holder.section_number, holder.page_start) == ("8.1", 43)


def test_register_of_aid_areas_rows_carry_land_and_category(grw_prepared):
    passages = [p for p in _body(grw_prepared) if p.section_number == "Anhang 5"]
    rows = [line for p in passages for line in p.text.split("\n") if "; Art des Fördergebiets: " in line]
    assert len(rows) >= 200
    lands = {row.split(":", 1)[0] for row in rows}
    assert {"Bayern", "Berlin", "Brandenburg", "Niedersachsen", "Nordrhein-Westfalen", "Thüringen"} <= lands
    assert all(re.search(r"; Art des Fördergebiets: [CD]; Maximaler Fördersatz [^:]*: \d", row) for row in rows)
    hof = next(row for row in rows if row.startswith("Bayern: Hof, Landkreis;"))
    assert hof.endswith("Art des Fördergebiets: C; Maximaler Fördersatz 01.01.22 bis 31.12.27 "
                        "(kleine/mittlere/große Unternehmen): 45/35/25 Prozent")


@pytest.mark.parametrize("continued, name, category", [
    ("Arnoldsweiler, Birgel", "Nordrhein-Westfalen: Düren, Kreis, davon (Fortsetzung)", "D"),  # PDF page 94
    ("Allende-Straße, Ernst-Enge-Straße", "Sachsen: Chemnitz, Kreisfreie Stadt, davon (Fortsetzung)", "D"),  # page 98
])
def test_a_register_row_broken_by_the_page_end_goes_on_with_its_name_category_and_rates(grw_prepared, continued,
                                                                                         name, category):
    rows = [row for p in _body(grw_prepared) if p.section_number == "Anhang 5" for row in p.text.split("\n\n")]
    row = next(row for row in rows if continued in row.split(": ", 2)[-1][:60])
    assert row.startswith(f"{name}: {continued}")
    assert re.search(rf"; Art des Fördergebiets: {category}; Maximaler Fördersatz [^:]*: 20/10 Prozent", row), row


def test_every_passage_of_the_register_of_aid_areas_holds_whole_rows(grw_prepared):
    """A row longer than a passage (Berlin's traffic cells, Rostock's streets) stays whole: no passage holds a piece
    of a row without its area type and rates."""
    passages = [p for p in _body(grw_prepared) if p.section_number == "Anhang 5"]
    opening = passages[0].text.split("\n\n", 1)[0]
    assert opening.startswith("Anhang 5 Regionalfördergebiet")
    rows = [row for p in passages for row in p.text.split("\n\n") if row != opening]
    assert rows and all(re.search(r"; Art des Fördergebiets: [CD]; Maximaler Fördersatz [^:]*: \d", row) for row in rows)
    berlin = [row for row in rows if row.startswith("Berlin: Berlin, davon folgende Verkehrszellen")]
    assert len(berlin) == 2 and max(len(row) for row in berlin) > 800  # longer than a passage, and whole


def test_no_passage_that_can_be_quoted_holds_a_footnote_marker(grw_prepared):
    """A marker glued to a word or number ("Unternehmen38", "Nummer 1.232") would be quoted as if it were text."""
    glued = [(p.section_number, m.group()) for p in _body(grw_prepared)
             for m in re.finditer(r"\b[A-Za-zÄÖÜäöüß]{3,}\d{1,3}(?:,\s?\d{1,3})*(?=[\s,.;:)])", p.text)]
    assert glued == []


# --- no bare headings ------------------------------------------------------------------------------------------

def test_no_passage_is_a_bare_heading(grw_prepared):
    headings = {_squash(f"{s.number}. {s.title}").lower() for s in grw_prepared.sections if s.number}
    headings |= {_squash(f"{s.number} {s.title}").lower() for s in grw_prepared.sections}
    headings |= {_squash(s.title).lower() for s in grw_prepared.sections}
    bare = [p.chunk_id for p in grw_prepared.passages if _squash(p.text).lower() in headings]
    assert bare == []
    first = {}
    for p in grw_prepared.passages:
        first.setdefault(p.section_number, p)
    assert first["1.1"].text.startswith("1. Grundlagen\nZiele")
    assert first["8.1"].text.startswith("8. Verteilung der Bundesmittel auf die Länder\nZuschüsse")
    assert first["3.2.2.1"].text.startswith("Förderfähige Infrastrukturmaßnahmen\nFolgende Maßnahmen")
    assert not {"1", "2", "3", "3.2.2", "8", "9", "10"} & {p.section_number for p in grw_prepared.passages}


def test_heading_only_section_opens_its_first_subsection():
    text = "1. Grundlagen\nZiele\nDer Text der Ziele.\nFördergebiet\nDer Text."
    sections = [Section("1", "Grundlagen", 0, 14), Section("1.1", "Ziele", 14, 40), Section("1.2", "Fördergebiet", 40, 62)]
    merged = merge_heading_only(text, sections)
    assert [(s.number, s.start, s.end) for s in merged] == [("1", 0, 0), ("1.1", 0, 40), ("1.2", 40, 62)]
    with_text = [Section("1", "Grundlagen", 0, 30), Section("1.1", "Ziele", 30, 62)]
    assert merge_heading_only("1. Grundlagen\nEin eigener Satz." + " " * 13 + "Ziele ...", with_text) == with_text


def test_footnote_section_is_numbered_like_the_section_of_its_marker():
    sections = [Section("2.1", "A", 0, 50), Section("2.2", "B", 50, 200)]
    placed = place_footnotes(sections, [FootnoteSpan("7", 150, 180, marker=20)])
    assert [(s.number, s.title, s.start, s.end, s.footnote) for s in placed] == [
        ("2.1", "A", 0, 50, ""), ("2.2", "B", 50, 150, ""), ("2.1", "Fußnote 7", 150, 180, "7"),
        ("2.2", "B", 180, 200, "")]
