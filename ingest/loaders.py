"""Load documents of the supported formats; every failure becomes a DocumentError with a German reason."""

from __future__ import annotations

import hashlib
import logging
import re
from html.parser import HTMLParser
from pathlib import Path

from assistant.core.model import Footnote, LoadedDocument, Source

logger = logging.getLogger(__name__)
logging.getLogger("pypdf").setLevel(logging.ERROR)

SUPPORTED_SUFFIXES = {".pdf", ".txt", ".md", ".markdown", ".html", ".htm"}


class DocumentError(Exception):
    """A document that cannot be indexed; the message names the reason in German."""

    def __init__(self, path: Path, reason: str):
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason


def file_hash(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def load_document(source: Source, corpus_dir: Path) -> LoadedDocument:
    path = corpus_dir / source.path
    if not path.is_file():
        raise DocumentError(path, "Datei nicht gefunden")
    if path.stat().st_size == 0:
        raise DocumentError(path, "die Datei ist leer (0 Byte)")
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:
        raise DocumentError(
            path, f"unbekannter Dateityp „{suffix or '(ohne Endung)'}“ (unterstützt: PDF, TXT, Markdown, HTML)"
        )
    content_hash = file_hash(path)
    if suffix == ".pdf":
        return _load_pdf(source, path, content_hash)
    text = _read_utf8(path)
    if suffix in {".html", ".htm"}:
        text = html_to_text(text)
    if not text.strip():
        raise DocumentError(path, "die Datei enthält keinen Text")
    return LoadedDocument(source, [text], has_pages=False, content_hash=content_hash)


def _read_utf8(path: Path) -> str:
    try:
        return path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise DocumentError(
            path, f"der Text ist nicht UTF-8-kodiert (ungültiges Byte an Position {error.start}); bitte als UTF-8 speichern"
        ) from None


def _load_pdf(source: Source, path: Path, content_hash: str) -> LoadedDocument:
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    from ingest.pdf_tables import TableState, split_page
    from ingest.pdf_outline import extract_page, recover_headings

    try:
        reader = PdfReader(path, strict=False)
        if reader.is_encrypted:
            try:
                if not reader.decrypt(""):
                    raise DocumentError(path, "die PDF-Datei ist verschlüsselt (passwortgeschützt)")
            except DocumentError:
                raise
            except Exception:
                raise DocumentError(path, "die PDF-Datei ist verschlüsselt (passwortgeschützt)") from None
        extracted = [extract_page(page) for page in reader.pages]
        pages, footnotes, tables = [], [], TableState()
        for number, (text, fragments) in enumerate(extracted, start=1):
            body, notes, tables = split_page(text, fragments, tables)
            pages.append(body)
            footnotes += [Footnote(n, number, note, anchor) for n, note, anchor in notes]
    except DocumentError:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError, OSError, IndexError, AttributeError) as error:
        raise DocumentError(path, f"die PDF-Datei ist beschädigt oder unvollständig ({type(error).__name__})") from None
    if not pages:
        raise DocumentError(path, "die PDF-Datei hat keine Seiten")
    if sum(len(re.sub(r"\s+", "", p)) for p in pages) < 40:
        raise DocumentError(path, "die PDF-Datei hat keine Textebene (nur Bilder/Scan); bitte eine durchsuchbare PDF verwenden")
    outline = []
    if source.structure in {"numbered-outline", "auto"}:
        try:
            outline = recover_headings([fragments for _, fragments in extracted])
        except Exception:  # structure is a bonus: a PDF whose headings cannot be read is still indexed by page
            logger.warning("Überschriften von %s konnten nicht gelesen werden", path, exc_info=True)
    return LoadedDocument(source, pages, has_pages=True, content_hash=content_hash, outline=outline, footnotes=footnotes)


class _HTMLText(HTMLParser):
    _BLOCKS = {"p", "div", "li", "br", "tr", "section", "article", "header", "footer", "table", "ul", "ol"}
    _HEADINGS = {"h1": "#", "h2": "##", "h3": "###", "h4": "####", "h5": "#####", "h6": "######"}
    _SKIP = {"script", "style", "nav", "noscript", "template"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skip_depth = 0

    def handle_starttag(self, tag: str, attrs) -> None:  # noqa: ANN001
        if tag in self._SKIP:
            self._skip_depth += 1
        elif tag in self._HEADINGS:
            self.parts.append(f"\n\n{self._HEADINGS[tag]} ")
        elif tag in self._BLOCKS:
            self.parts.append("\n\n" if tag != "br" else "\n")
        if tag == "li":
            self.parts.append("• ")

    def handle_endtag(self, tag: str) -> None:
        if tag in self._SKIP:
            self._skip_depth = max(0, self._skip_depth - 1)
        elif tag in self._HEADINGS:
            self.parts.append("\n\n")

    def handle_data(self, data: str) -> None:
        if not self._skip_depth:
            self.parts.append(re.sub(r"\s+", " ", data))


def html_to_text(html: str) -> str:
    """HTML to text with Markdown-style headings, so that HTML and Markdown share one structure parser."""
    parser = _HTMLText()
    parser.feed(html)
    parser.close()
    return re.sub(r"\n{3,}", "\n\n", "".join(parser.parts)).strip()
