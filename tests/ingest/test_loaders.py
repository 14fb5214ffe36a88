"""Loading documents: generated PDFs round-trip with umlauts; every kind of bad input fails with one clear
German reason that names the file."""

from __future__ import annotations

from pathlib import Path

import pytest

from helpers.pdfs import (
    SAMPLE_PAGES, write_encrypted_pdf, write_image_only_pdf, write_pdf, write_truncated_pdf,
)
from ingest.loaders import DocumentError, file_hash, html_to_text, load_document
from assistant.core.model import Source


def _source(path: str, **extra) -> Source:
    return Source(id="doc", title="Testdokument", path=path, **extra)


def test_generated_pdf_loads_with_pages_and_umlauts(tmp_path):
    write_pdf(tmp_path / "leitfaden.pdf", SAMPLE_PAGES)
    loaded = load_document(_source("leitfaden.pdf"), tmp_path)
    assert loaded.has_pages and len(loaded.pages) == 2
    assert "Die Gemeinde fördert die Revitalisierung von Brachflächen" in loaded.pages[0]
    assert "höchstens 200.000 €" in loaded.pages[0]
    assert "„Wirtschaftsförderung“" in loaded.pages[0]
    assert "Über die Förderung entscheidet der Kreisausschuss – jeweils im März" in loaded.pages[1]
    assert loaded.content_hash == file_hash(tmp_path / "leitfaden.pdf")


def test_text_and_markdown_load_as_one_page(tmp_path):
    (tmp_path / "a.md").write_text("# Titel\n\nGrüße aus Osnabrück.\n", encoding="utf-8")
    (tmp_path / "b.txt").write_bytes("\ufeffBOM am Anfang: Übergänge.".encode("utf-8"))
    md = load_document(_source("a.md"), tmp_path)
    txt = load_document(_source("b.txt"), tmp_path)
    assert md.pages == ["# Titel\n\nGrüße aus Osnabrück.\n"] and not md.has_pages
    assert txt.pages == ["BOM am Anfang: Übergänge."]


def test_html_becomes_text_with_markdown_headings(tmp_path):
    html = ("<html><head><style>p{}</style><script>var x=1;</script></head><body><nav>Menü</nav>"
            "<h1>Förderung</h1><p>Zuschüsse für <b>KMU</b>.</p><ul><li>Beratung</li><li>Darlehen</li></ul></body></html>")
    text = html_to_text(html)
    assert text.startswith("# Förderung")
    assert "Zuschüsse für KMU." in text
    assert "• Beratung" in text and "• Darlehen" in text
    assert "Menü" not in text and "var x" not in text


def _reason(path: Path, corpus: Path) -> DocumentError:
    with pytest.raises(DocumentError) as caught:
        load_document(_source(path.name), corpus)
    error = caught.value
    assert error.path == path
    assert str(path) in str(error) and error.reason in str(error)
    return error


def test_encrypted_pdf(tmp_path):
    error = _reason(write_encrypted_pdf(tmp_path / "geheim.pdf", SAMPLE_PAGES), tmp_path)
    assert "verschlüsselt" in error.reason


def test_truncated_pdf(tmp_path):
    error = _reason(write_truncated_pdf(tmp_path / "halb.pdf", SAMPLE_PAGES), tmp_path)
    assert "beschädigt oder unvollständig" in error.reason


def test_zero_byte_pdf(tmp_path):
    path = tmp_path / "leer.pdf"
    path.write_bytes(b"")
    error = _reason(path, tmp_path)
    assert "leer (0 Byte)" in error.reason


def test_image_only_pdf(tmp_path):
    error = _reason(write_image_only_pdf(tmp_path / "scan.pdf"), tmp_path)
    assert "keine Textebene" in error.reason


def test_pdf_with_text_layer_but_blank_pages_still_loads(tmp_path):
    write_pdf(tmp_path / "teils.pdf", SAMPLE_PAGES, blank_pages=2)
    loaded = load_document(_source("teils.pdf"), tmp_path)
    assert len(loaded.pages) == 4 and loaded.pages[2].strip() == ""


@pytest.mark.parametrize("name", ["bericht.docx", "tabelle.xlsx", "ohne_endung"])
def test_unknown_file_type(tmp_path, name):
    path = tmp_path / name
    path.write_bytes(b"PK\x03\x04 kein Text")
    error = _reason(path, tmp_path)
    assert "unbekannter Dateityp" in error.reason
    assert (Path(name).suffix or "(ohne Endung)") in error.reason


def test_latin1_text_is_rejected_with_position(tmp_path):
    path = tmp_path / "alt.txt"
    path.write_bytes("Förderung für Gewerbeflächen".encode("latin-1"))
    error = _reason(path, tmp_path)
    assert "nicht UTF-8" in error.reason
    assert "Position 1" in error.reason  # the "ö" is the second byte


def test_missing_and_whitespace_only_files(tmp_path):
    error = _reason(tmp_path / "fehlt.md", tmp_path)
    assert "nicht gefunden" in error.reason
    (tmp_path / "leer.md").write_text("   \n\n ", encoding="utf-8")
    error = _reason(tmp_path / "leer.md", tmp_path)
    assert "keinen Text" in error.reason
