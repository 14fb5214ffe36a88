"""Recovering numbered headings whose numbers are list numbering (not in the extracted text)."""

from __future__ import annotations

from helpers.pdfs import Line, Page, write_pdf
from ingest.loaders import load_document
from assistant.core.model import Source
from ingest.pdf_outline import Heading


def _gap_heading(title: str, number_width_em: float, y: float, size: float = 12) -> list[Line]:
    """A heading as Word draws an automatic number: an invisible number, a blank at the number's width, the title."""
    return [Line(" ", x=72 + number_width_em * size, y=y, size=size, bold=True),
            Line(title, x=72 + number_width_em * size + 18, y=y, size=size, bold=True)]


def test_generated_pdf_numbers_are_recovered_from_the_gap(tmp_path):
    body = "Die Förderung dient dem Ausbau der regionalen Wirtschaftsstruktur im ganzen Land Niedersachsen."
    page1 = Page([
        Line("1.", x=72, y=760, size=14, bold=True), Line("Grundlagen", x=100, y=760, size=14, bold=True),
        *_gap_heading("Ziele der Förderung", 1.25, 730),  # "1.1"
        Line(body, y=710), Line(body, y=696),
        *_gap_heading("Fördergebiet", 1.25, 670),  # "1.2"
        Line(body, y=650),
        *_gap_heading("Sonderregeln für Grenzregionen", 2.0, 620),  # "1.2.1"
        Line(body, y=600),
        Line("Ein fetter Satz mitten im Text ist keine Überschrift.", y=580, size=12, bold=True),
        Line(body, y=560),
    ])
    page2 = Page([
        Line("2.", x=72, y=760, size=14, bold=True), Line("Verfahren", x=100, y=760, size=14, bold=True),
        *_gap_heading("Antragstellung", 1.25, 730),  # "2.1"
        Line(body, y=710),
        Line("Anhang 1 Muster eines Antrags", x=72, y=680, size=12, bold=True),
        Line(body, y=660),
    ])
    write_pdf(tmp_path / "richtlinie.pdf", [page1, page2])
    loaded = load_document(Source(id="r", title="Richtlinie", path="richtlinie.pdf", structure="numbered-outline"), tmp_path)
    assert loaded.outline == [
        Heading("1", "Grundlagen", 1),
        Heading("1.1", "Ziele der Förderung", 1),
        Heading("1.2", "Fördergebiet", 1),
        Heading("1.2.1", "Sonderregeln für Grenzregionen", 1),
        Heading("2", "Verfahren", 2),
        Heading("2.1", "Antragstellung", 2),
        Heading("Anhang 1", "Muster eines Antrags", 2),
    ]
    # the numbers really are absent from the extracted text
    assert "1.1" not in loaded.pages[0] and "Ziele der Förderung" in loaded.pages[0]


def test_grw_outline_numbers_titles_and_pages(grw_loaded):
    outline = {h.number: h for h in grw_loaded.outline}
    expected = {
        "1": ("Grundlagen", 6),
        "2.4.3.1": ("Investitionsvorhaben mit besonderen Umweltschutzeffekten", 12),
        "2.7.1": ("Ausschluss von der Förderung", 18),
        "3.2.1.1": ("Fördersätze", 22),
        "3.4.1": ("Erstellung regionaler Entwicklungskonzepte", 32),
        "3.4.2": ("Umsetzung regionaler Entwicklungskonzepte über ein eigenes Budget", 33),
        "3.5.2": ("Innovationscluster", 34),
        "10.2.3": ("Wissenschaftliche Begleitung der GRW", 47),
        "Anhang 1": ("Garantieerklärung", 48),
        "Anhang 5": (None, 87),
    }
    for number, (title, page) in expected.items():
        assert number in outline, number
        if title is not None:
            assert outline[number].title == title
        assert outline[number].page == page, number


def test_grw_outline_is_complete_and_sequential(grw_loaded):
    numbers = [h.number for h in grw_loaded.outline]
    assert len(numbers) == len(set(numbers)), "no number twice"
    top = [n for n in numbers if "." not in n and not n.startswith("Anhang")]
    assert top == [str(i) for i in range(1, 11)]
    assert [n for n in numbers if n.startswith("Anhang")] == [f"Anhang {i}" for i in range(1, 6)]
    # every numbered heading follows its predecessor: next sibling on some level or first child
    previous: list[int] = []
    for number in numbers:
        if number.startswith("Anhang"):
            break
        parts = [int(p) for p in number.split(".")]
        allowed = [previous + [1]] + [previous[: d - 1] + [previous[d - 1] + 1] for d in range(1, len(previous) + 1)]
        assert parts in allowed, (previous, parts)
        previous = parts
    pages = [h.page for h in grw_loaded.outline]
    assert pages == sorted(pages)
    # the sub-sections of 2.4.3 and 3.2.1 are all there
    assert {"2.4.3.1", "2.4.3.2", "2.4.3.3"} <= set(numbers)
    assert {f"3.2.1.{i}" for i in range(1, 12)} <= set(numbers)
    assert {f"3.2.2.{i}" for i in range(1, 10)} <= set(numbers)
