"""Cleaning rules, each held against real lines of the IREK text file and of the GRW PDF (pypdf extraction)."""

from __future__ import annotations

import re

import pytest

from helpers.corpus import raw_lines
from ingest.cleaning import (
    clean_page,
    clean_pages,
    drop_footnote_markers,
    drop_letter_debris,
    drop_table_of_contents,
    join_split_sentence_across_pages,
    join_split_word_across_pages,
    normalise_whitespace,
    repair_hyphenation,
    replace_private_glyphs,
    strip_running_lines,
)


def grw_page(grw_loaded, pdf_page: int) -> str:
    return grw_loaded.pages[pdf_page - 1]


# --- line-break hyphenation -------------------------------------------------------------------------------

@pytest.mark.parametrize(
    ("first", "last", "expected"),
    [
        (4, 5, "Sie verbindet starke Betriebe, leistungsfähiges Handwerk, Forschung und eine hohe Lebensqualität."),
        (9, 11, "Auch geopolitische Spannungen und unsichere Märkte wirken bis in den Alltag von Kommunen und Unternehmen"),
        (37, 38, "steht vor tiefgreifenden wirtschaftlichen, gesellschaftlichen und infrastrukturellen Transformationsprozessen."),
        (337, 338, "3.1.5 Entwicklung bezahlbarer, erweiterbarer Gewerbeflächen für KMU und Handwerk"),
        (423, 424, "Gemeinsamen Medizinstudiengang/Gesundheitscampus von Stadt und Landkreis aufbauen"),  # "Gesundheits- \ncampus"
        (371, 372, "Energieinfrastrukturen (insb. Strom- und Wasserstoffnetz) ausbauen"),
        (76, 77, "„Nordwesten.Stark.Klimaneutral“ sowie der Innovationsstrategie"),  # a conjunction split itself
    ],
)
def test_irek_line_end_hyphenation_is_joined(irek_raw, first, last, expected):
    repaired = re.sub(r"\s+", " ", repair_hyphenation(raw_lines(irek_raw, first, last)))
    assert expected in repaired


@pytest.mark.parametrize(
    ("first", "last", "kept"),
    [
        (8, 9, "Energie- und Mobilitätswende"),  # suspended compound split before the line end
        (38, 39, "Energie- und Mobilitätswende"),  # suspended compound inside a line
        (219, 220, "Gründungs- und Start-up-Ökosystem"),
        (382, 383, "Hafen- und Bahnanschluss-Strategie"),
        (420, 421, "Know-how-Transfer"),
        (192, 194, "Relevante Branchen- und Technologienetzwerke auf- und ausbauen"),  # "Branchen- \nund" + "netz-\nwerke"
        (182, 184, "Agrar- & Landmaschinentechnik sowie Ernährungswirtschaft & Lebensmitteltechnologie"),
    ],
)
def test_irek_real_hyphens_are_kept(irek_raw, first, last, kept):
    repaired = re.sub(r"\s+", " ", repair_hyphenation(raw_lines(irek_raw, first, last)))
    assert kept in repaired


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Bahnanschluss-\nStrategie zwischen Stadt", "Bahnanschluss-Strategie zwischen Stadt"),
        ("Förderung der E-\nMobilität im Landkreis", "Förderung der E-Mobilität im Landkreis"),
        ("ein wachsendes Start-\nup-Ökosystem", "ein wachsendes Start-up-Ökosystem"),
        ("Energie-\nund Mobilitätswende", "Energie- und Mobilitätswende"),
        ("Hafen-\nund Bahnanschluss-Strategie", "Hafen- und Bahnanschluss-Strategie"),
        ("Förderperiode 2021-\n2027", "Förderperiode 2021-2027"),
    ],
)
def test_real_hyphen_at_a_line_end_survives(text, expected):
    assert repair_hyphenation(text) == expected


@pytest.mark.parametrize(
    ("pdf_page", "expected", "broken"),
    [
        (9, "im Sinne des § 15 des Einkommensteuergesetzes (EStG)", "Einkommen-\nsteuergesetzes"),
        (41, "Produktionsverfahren, Prozessinnovationen und Organisationsinnovationen", "Prozess-\ninnovationen"),
        (15, "Höchstbetrag für De-minimis-Beihilfen innerhalb von drei Jahren", "De-\nminimis"),
    ],
)
def test_grw_hyphenation_on_real_pages(grw_loaded, pdf_page, expected, broken):
    raw = grw_page(grw_loaded, pdf_page)
    assert broken in re.sub(r"[ \t]+\n", "\n", raw), "the raw extraction really has the line-end hyphen"
    cleaned = re.sub(r"\s+", " ", clean_page(raw))
    assert expected in cleaned


def test_de_minimis_is_never_glued(grw_prepared):
    text = grw_prepared.clean.text
    assert "Deminimis" not in text
    assert text.count("De-minimis") >= 10


# --- glyphs ------------------------------------------------------------------------------------------------

def test_private_use_bullets_become_plain_bullets(irek_raw):
    raw = raw_lines(irek_raw, 50, 59)
    assert "\uf0a7" in raw
    cleaned = replace_private_glyphs(raw)
    assert "\uf0a7" not in cleaned
    assert "• die Zukunftsfähigkeit des Landkreises zu sichern," in cleaned
    assert "• strukturwirksame Projekte gezielt zu ermöglichen," in cleaned


def test_no_private_use_character_survives_in_cleaned_documents(irek_prepared, grw_prepared):
    for prepared in (irek_prepared, grw_prepared):
        assert not re.search("[\ue000-\uf8ff]", prepared.clean.text), prepared.clean.source.id
    assert "• Regionale Leitbranchen" in irek_prepared.clean.text


# --- running headers, footers, page numbers -----------------------------------------------------------------

def test_grw_bare_page_numbers_are_dropped(grw_loaded):
    # the GRW prints its page number (PDF page - 1) as the first line of every page
    raw = grw_page(grw_loaded, 33)
    assert raw.split("\n")[0].strip() == "32"
    cleaned = clean_pages(grw_loaded.pages)
    for number in (10, 33, 47):
        first_line = cleaned[number - 1].split("\n")[0].strip()
        assert first_line != str(number - 1), (number, first_line)
    assert not any(re.fullmatch(r"\s*\d{1,3}\s*", page.split("\n")[0]) for page in cleaned[1:48])


def test_repeated_headers_and_footers_are_dropped_but_body_stays():
    topics = ["Fördergebiete", "Zuschüsse", "Bürgschaften", "Darlehen", "Evaluation"]
    pages = [
        f"Koordinierungsrahmen GRW 2026\n{topic} werden im Folgenden beschrieben.\n"
        f"Erster Absatz zu {topic.lower()}.\nZweiter Absatz.\nDritter Absatz.\nVierter Absatz.\n"
        f"Schluss zu {topic}.\nBMWE – Stand 30.12.2025\nSeite {n} von 5"
        for n, topic in enumerate(topics, start=1)
    ]
    cleaned = strip_running_lines(pages)
    for n, (topic, page) in enumerate(zip(topics, cleaned), start=1):
        assert "Koordinierungsrahmen GRW 2026" not in page
        assert "BMWE – Stand" not in page
        assert f"Seite {n} von 5" not in page
        assert f"{topic} werden im Folgenden beschrieben." in page
        assert f"Schluss zu {topic}." in page


def test_a_line_repeated_only_in_the_body_is_not_a_header():
    pages = [f"Überschrift {n}\nEinleitung\nFörderfähig sind Investitionen.\nAbsatz {n}\nMehr Text {n}\nEnde {n}"
             for n in range(6)]
    cleaned = strip_running_lines(pages, edge_lines=2)
    assert all("Förderfähig sind Investitionen." in page for page in cleaned)


# --- rotated caption debris ------------------------------------------------------------------------------------

def test_irek_rotated_caption_letters_are_removed(irek_raw):
    raw = raw_lines(irek_raw, 143, 176)  # "R / e / g / io / n / a / le / L / e / it ..." then Leitziel 1.1
    cleaned = drop_letter_debris(raw)
    lines = [line.strip() for line in cleaned.split("\n") if line.strip()]
    assert lines == [
        "Leitziele Handlungsziele",
        "1.1 – Regionale Leitbran-",
        "chen stärken",
        "1.1.1 Transformationsprozesse und Resilienz regionaler",
    ]


def test_no_letter_debris_left_in_cleaned_irek(irek_prepared):
    text = irek_prepared.clean.text
    short_runs = re.findall(r"(?:^\S{1,3}\n+){3,}", text, flags=re.MULTILINE)
    assert short_runs == []
    assert "R\ne\n" not in text
    assert "1.1 – Regionale Leitbranchen stärken" in text


def test_short_list_items_are_not_debris():
    text = "Stufen:\n•\n1\n2\n3\nEnde der Liste"
    assert drop_letter_debris(text) == text


# --- footnotes, table of contents, whitespace ------------------------------------------------------------------

def test_text_rule_removes_footnote_marker_glued_to_word():
    # plain text with its footnotes at the page end (as pypdf extracts a page of the GRW PDF without layout)
    raw = ("P Öffentliche Verwaltung, Verteidigung51; Sozialversicherung\nQ Erziehung und Unterricht\n \n"
           "51  Umfasst nicht die Rüstungsindustrie, die im Abschnitt C (Verarbeitendes Gewerbe) verortet ist.")
    cleaned = clean_page(raw)
    assert "Öffentliche Verwaltung, Verteidigung; Sozialversicherung" in cleaned
    assert "Verteidigung51" not in cleaned
    assert "Umfasst nicht die Rüstungsindustrie" in cleaned  # the text rule keeps the footnote itself


def test_grw_loader_cuts_footnote_and_marker_out_of_the_page(grw_loaded):
    page = grw_page(grw_loaded, 19)
    assert "Öffentliche Verwaltung, Verteidigung; Sozialversicherung" in page
    assert "Verteidigung51" not in page and "Umfasst nicht die Rüstungsindustrie" not in page
    note = next(n for n in grw_loaded.footnotes if n.number == "51")
    assert note.page == 19 and note.text.startswith("Umfasst nicht die Rüstungsindustrie")
    assert note.anchor.endswith("Öffentliche Verwaltung, Verteidigung")


def test_footnote_markers_need_a_footnote_on_the_page():
    text = "Artikel 107 AEUV gilt. Summe 2022 bis 2027."
    assert drop_footnote_markers(text) == text


def test_grw_table_of_contents_dot_leaders_are_dropped(grw_loaded):
    raw = grw_page(grw_loaded, 3)
    assert "Präambel  ......" in raw
    cleaned = clean_page(raw)
    assert "....." not in cleaned
    assert not re.search(r"^Präambel\b", cleaned, flags=re.MULTILINE)
    assert not re.search(r"^Förderverfahren\b", cleaned, flags=re.MULTILINE)


def test_toc_lines_go_but_ordinary_numbers_stay():
    text = "Förderhöchstsätze ................................. 13\nDie Förderung beträgt 13 Prozent."
    assert drop_table_of_contents(text).strip() == "Die Förderung beträgt 13 Prozent."


def test_normalise_whitespace():
    text = "  Förder-\u00a0mittel \t und\u2002Zuschüsse  \r\n\r\n\r\n\r\nNächster   Absatz \n  Zeile  "
    assert normalise_whitespace(text) == "Förder- mittel und Zuschüsse\n\nNächster Absatz\nZeile"


def test_irek_paragraph_lines_are_rejoined_and_paragraphs_kept(irek_prepared):
    text = irek_prepared.clean.text
    assert ("Der Landkreis Osnabrück hat gute Voraussetzungen, um auch in bewegten Zeiten Kurs zu halten und "
            "Neues zu wagen. Unsere Region ist wirtschaftlich breit aufgestellt.") in text
    assert "  " not in text
    assert "\n\n\n" not in text
    assert not re.search(r"[ \t]\n|\n[ \t]", text)


def test_word_split_across_pages_is_joined():
    pages = ["Die Förderung der Gewerbe-", "gebiete ist Aufgabe der Länder."]
    assert join_split_word_across_pages(pages) == ["Die Förderung der Gewerbegebiete", "ist Aufgabe der Länder."]
    kept = ["Die Energie-", "und Mobilitätswende"]
    assert join_split_word_across_pages(kept) == kept


def test_a_sentence_broken_off_at_a_page_end_goes_on_on_that_page():
    """KR Nr. 3.2.2.4 (5), pages 26/27: the rest of the sentence moves back, so no passage or quote ends inside it."""
    pages = ["(5) … für bis zu fünf Jahre, aber nicht länger als acht Jahre, bei kleinen, innovativen",
             "Unternehmen zehn Jahre, bereit. Eine Verlängerung der maximalen Nutzungsdauer darf nur ausnahmsweise "
             "erfolgen."]
    assert join_split_sentence_across_pages(pages) == [
        "(5) … für bis zu fünf Jahre, aber nicht länger als acht Jahre, bei kleinen, innovativen Unternehmen zehn "
        "Jahre, bereit.", "Eine Verlängerung der maximalen Nutzungsdauer darf nur ausnahmsweise erfolgen."]


@pytest.mark.parametrize("pages", [
    # a page that ends with a noun (a table row, a heading) is left as it is
    ["Niedersachsen: Landkreis Osnabrück; Art des Fördergebiets: D; 20/10 Prozent/De-minimis-Höchstbetrag",
     "Thüringen: Saale-Orla-Kreis; Art des Fördergebiets: C."],
    # the next page opens a numbered paragraph or a list item of its own
    ["a) die Gemeinden und", "(2) Die Förderung beträgt bis zu 60 Prozent."],
    ["ein Satz, der offen endet und", "b) weiter geht."],
    # a sentence whose end is found only far down is no rest of one
    ["der Antrag und", "x " * 150 + "Ende."],
])
def test_a_page_end_that_breaks_off_no_sentence_is_left(pages):
    assert join_split_sentence_across_pages(pages) == pages
