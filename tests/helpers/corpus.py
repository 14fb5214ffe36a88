"""Where the real corpus lies, and how tests cut lines out of its raw texts."""

from __future__ import annotations

from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parents[2]
REAL_CORPUS = PROJECT_ROOT / "corpus"


def raw_lines(text: str, first: int, last: int) -> str:
    """Lines first..last (1-based, inclusive) of a text, joined with newlines, as they are in the file."""
    return "\n".join(text.split("\n")[first - 1 : last])


SMALL_SOURCES = """\
documents:
  - id: foerderung
    title: "Förderung im Landkreis"
    path: foerderung.md
    structure: headings
  - id: mobilitaet
    title: "Mobilität im ländlichen Raum"
    path: mobilitaet.txt
  - id: leitfaden
    title: "Förderleitfaden Gewerbegebiete"
    path: leitfaden.pdf
"""

FOERDERUNG_MD = """\
# Förderung im Landkreis

Der Landkreis unterstützt Unternehmen bei Investitionen in neue Arbeitsplätze.

## 1 Zuschüsse

Kleine Unternehmen erhalten Zuschüsse von bis zu 30 Prozent der förderfähigen Kosten.
Die Energie- und Mobilitätswende wird besonders berücksichtigt.

## 2 Beratung

Die Wirtschaftsförderung berät Start-ups kostenlos zu E-Mobilität und Digitalisierung.
"""

MOBILITAET_TXT = """\
Im ländlichen Raum fahren Busse selten. Rufbusse und Bürgerbusse schließen die Lücken im Fahrplan.
Pendlerinnen und Pendler nutzen zunehmend das Fahrrad und die Bahn für den Weg zur Arbeit.
"""


def write_small_corpus(directory: Path) -> Path:
    """Three short German documents (Markdown, text, PDF) plus sources.yaml."""
    from helpers.pdfs import SAMPLE_PAGES, write_pdf

    directory.mkdir(parents=True, exist_ok=True)
    (directory / "sources.yaml").write_text(SMALL_SOURCES, encoding="utf-8")
    (directory / "foerderung.md").write_text(FOERDERUNG_MD, encoding="utf-8")
    (directory / "mobilitaet.txt").write_text(MOBILITAET_TXT, encoding="utf-8")
    write_pdf(directory / "leitfaden.pdf", SAMPLE_PAGES)
    return directory
