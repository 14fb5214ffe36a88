"""The export for a German office: DOCX on A4 in German (checked by opening it in LibreOffice headless and reading the
PDF's pages), nothing written twice, no control characters; Markdown keeps HTML as text."""

from __future__ import annotations

import io
import shutil
import subprocess
import zipfile
from datetime import date

import pytest
from docx import Document
from pypdf import PdfReader

from assistant.export.writer import build_document, export, to_markdown

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
A4_PT = (595.3, 841.9)  # 210 × 297 mm in PostScript points
CONVERT_LIMIT_S = 240  # a generous bound against a hang of LibreOffice, not a speed goal

CONDITION = ("Der Antrag muss vor Beginn der Arbeiten gestellt werden. Als Beginn gilt schon der erste verbindliche "
             "Liefer- oder Leistungsvertrag.")
DE_MINIMIS = "Reine Modernisierung des Produktionsprozesses ist bei KMU nur bis zum De-minimis-Höchstbetrag förderfähig."
SUMMARY = ("Passendes Ziel: Handlungsziel 2.2.4 [1]. Förderweg: Niedersachsen Invest GRW, für kleine Unternehmen bis "
           "20 Prozent [2]. Nächster Schritt: den Antrag vor der Bestellung bei der NBank stellen.")
ANSWER = {
    "question": "Tischlerei\x0c in Melle <script>alert(1)</script>: neue CNC-Maschine\x00?",
    "summary": SUMMARY,
    "answer": (f"{SUMMARY}\n\nIhr Vorhaben passt am besten zum Handlungsziel 2.2.4 „Zugang zu Förderprogrammen für "
               "Handwerk und Mittelstand vereinfachen“ [1].\n\nMögliche Förderwege:\n- **GRW: Investitionen der "
               f"gewerblichen Wirtschaft (Niedersachsen Invest GRW)**: Förderung bis 20 Prozent [2]. Wichtig: {CONDITION} "
               f"{DE_MINIMIS} [3]\n\nNächster Schritt: Antrag vor dem ersten Auftrag bei der NBank stellen.\n\n"
               "Für eine genauere Einschätzung fehlt mir noch: Wie viele Beschäftigte hat Ihr Unternehmen?"),
    "abstained": False,
    "intent": "project",
    "goals": [{"code": "2.2.4", "title": "Zugang zu Förderprogrammen für Handwerk und Mittelstand vereinfachen",
               "leitziel": {"code": "2.2", "title": "Innovationsförderung und Technologietransfer stärken"},
               "corridor": {"code": "2", "title": "Zukunftsthemen und Innovation"}, "score": 0.82, "citations": [1]}],
    "funding_paths": [{"id": "grw-gewerbe", "name": "GRW: Investitionen der gewerblichen Wirtschaft (Niedersachsen Invest GRW)",
                       "max_rate": "bis 20 % für kleine Unternehmen", "applicants": "Gewerbliche Unternehmen.",
                       "conditions": [CONDITION, DE_MINIMIS], "blocked": False, "reasons": [],
                       "where_to_apply": "NBank", "next_steps": ["Antrag vor dem ersten Auftrag bei der NBank stellen."],
                       "citations": [2, 3]}],
    "citations": [
        {"n": 1, "document": "irek", "title": "IREK Landkreis Osnabrück", "page": None, "section": "2.2.4",
         "quote": "2.2.4 Zugang zu Förderprogrammen für Handwerk und Mittelstand vereinfachen", "chunk_id": "irek:2.2.4"},
        {"n": 2, "document": "grw", "title": "GRW-Koordinierungsrahmen 2026", "page": 23, "page_label": "22",
         "section": "2.4", "quote": "bis zu 20 Prozent der förderfähigen Kosten", "chunk_id": "grw:2.4"},
        {"n": 3, "document": "grw", "title": "GRW-Koordinierungsrahmen 2026", "page": 9, "page_label": "8",
         "section": "2.2.1", "quote": "vor Beginn des Vorhabens", "chunk_id": "grw:2.2.1"},
    ],
}
TITLE = "Projektskizze:\x07 Tischlerei – Bezug zum IREK"


def flat(text: str) -> str:
    return " ".join(text.split())


def test_nothing_is_written_twice_and_control_characters_are_gone():
    document = build_document(TITLE, [ANSWER], today=date(2026, 11, 28))
    text = flat(" ".join([document.title, *(block.text for block in document.blocks)]))
    assert not any(ord(ch) < 32 for block in document.blocks for ch in block.text)
    assert document.title == "Projektskizze: Tischlerei – Bezug zum IREK"
    assert text.count(CONDITION) == 1 and text.count(DE_MINIMIS) == 1  # in the path section only, not in the prose
    assert text.count(SUMMARY.split(" [")[0]) == 1  # the summary once, as "Ergebnis in Kürze"
    assert text.count("„Zugang zu Förderprogrammen für Handwerk und Mittelstand vereinfachen“") == 1
    assert text.count("Antrag vor dem ersten Auftrag bei der NBank stellen.") == 1
    for citation in ANSWER["citations"]:
        assert text.count(f"„{citation['quote']}“") == 1  # quoted in the text or in the list, never both
    assert "Wie viele Beschäftigte hat Ihr Unternehmen?" in text  # what the sections do not say stays
    headings = [block.text for block in document.blocks if block.kind in ("h2", "h3")]
    assert headings[:2] == ["Vorhaben", "Ergebnis in Kürze"]


def test_markdown_keeps_html_as_text():
    markdown = to_markdown(build_document("Titel <b>fett</b>", [ANSWER]))
    assert "<script>" not in markdown and "<b>" not in markdown
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in markdown
    assert markdown.startswith("# Titel &lt;b&gt;fett&lt;/b&gt;\n")


def test_docx_is_german_and_a4_in_its_xml():
    content = export("docx", TITLE, [ANSWER])
    document = Document(io.BytesIO(content))
    section = document.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    assert document.core_properties.language == "de-DE"
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        styles = archive.read("word/styles.xml").decode("utf-8")
    assert 'w:lang w:val="de-DE"' in styles and "en-US" not in styles
    assert [p.style.name for p in document.paragraphs][:1] == ["Title"]  # the styles are kept


@pytest.mark.integration  # starts LibreOffice
def test_docx_opens_in_libreoffice_as_a4_german_pages(tmp_path):
    if not SOFFICE:
        pytest.skip("Kein LibreOffice (soffice); scripts/test installiert das Debian-Paket libreoffice-writer-nogui.")
    source = tmp_path / "entwurf.docx"
    source.write_bytes(export("docx", TITLE, [ANSWER, ANSWER]))
    profile = tmp_path / "lo-profile"
    subprocess.run([SOFFICE, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--norestore",
                    "--convert-to", "pdf", "--outdir", str(tmp_path), str(source)],
                   check=True, capture_output=True, timeout=CONVERT_LIMIT_S)
    reader = PdfReader(str(tmp_path / "entwurf.pdf"))
    assert len(reader.pages) >= 2
    for page in reader.pages:
        width, height = float(page.mediabox.width), float(page.mediabox.height)
        assert abs(width - A4_PT[0]) < 2 and abs(height - A4_PT[1]) < 2, (width, height)  # A4, not US Letter
    text = flat(" ".join(page.extract_text() for page in reader.pages))
    assert "Projektskizze: Tischlerei – Bezug zum IREK" in text
    assert "Ergebnis in Kürze" in text and "Quellen" in text
    assert text.count(flat(DE_MINIMIS)[:60]) == 2  # once per answer: the two answers, nothing doubled


def test_title_with_only_control_characters_falls_back():
    assert build_document("\x00\x07", [ANSWER]).title == "Förderantrag – Abschnitt IREK-Bezug"


def test_unknown_format_is_refused():
    with pytest.raises(ValueError, match="Unbekanntes Format"):
        export("pdf", "T", [ANSWER])


def test_a_path_the_main_activity_decides_is_exported_as_such():
    """A path closed only if the excluded line is the main one ("undecided") is not written as "nicht möglich"."""
    reason = ("Ist „Möbelhaus“ (WZ 47.55) die Haupttätigkeit, steht der Betrieb auf der Liste nicht förderfähiger "
              "Wirtschaftszweige. Liegt der Schwerpunkt der Betriebsstätte dagegen bei WZ 31.00, steht sie nicht auf "
              "der Liste.")
    answer = {**ANSWER, "funding_paths": [{**ANSWER["funding_paths"][0], "blocked": True, "undecided": True,
                                           "reasons": [reason]}]}
    text = flat(" ".join(block.text for block in build_document(TITLE, [answer]).blocks))
    assert "Niedersachsen Invest GRW)**: hängt von der Haupttätigkeit ab. Ist „Möbelhaus“" in text, text
    assert "nicht möglich" not in text
    blocked = {**answer, "funding_paths": [{**answer["funding_paths"][0], "undecided": False}]}
    assert "voraussichtlich nicht möglich" in " ".join(b.text for b in build_document(TITLE, [blocked]).blocks)
