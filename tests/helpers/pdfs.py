"""Write small but valid PDFs from raw PDF syntax, so that tests need no PDF library to create their input.

Text uses the standard Type1 fonts Helvetica / Helvetica-Bold with WinAnsiEncoding (cp1252), so German
umlauts, „quotes“, en dashes and € survive extraction by pypdf. The cross-reference table carries the real
byte offsets of every object.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

PAGE_WIDTH = 595
PAGE_HEIGHT = 842
LEFT = 72.0
TOP = 770.0


@dataclass
class Line:
    """One line of text at an explicit position (x, y), in font size `size`, bold or regular."""

    text: str
    x: float = LEFT
    y: float | None = None  # None: below the previous line
    size: float = 11.0
    bold: bool = False


@dataclass
class Page:
    lines: list[Line | str] = field(default_factory=list)


def _escape(text: str) -> bytes:
    raw = text.encode("cp1252")
    return raw.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)")


def _content(page: Page | list[str]) -> bytes:
    lines = page.lines if isinstance(page, Page) else page
    out = [b"BT"]
    y = TOP
    for item in lines:
        line = Line(item) if isinstance(item, str) else item
        y = line.y if line.y is not None else y
        font = b"/F2" if line.bold else b"/F1"
        out.append(font + b" %g Tf" % line.size)
        out.append(b"1 0 0 1 %g %g Tm" % (line.x, y))
        out.append(b"(" + _escape(line.text) + b") Tj")
        y -= line.size * 1.4
    out.append(b"ET")
    return b"\n".join(out) + b"\n"


def pdf_bytes(pages: list[Page | list[str]], *, blank_pages: int = 0) -> bytes:
    """A PDF with one page per entry of `pages` (lists of text lines), plus `blank_pages` pages without text."""
    objects: list[bytes] = []  # object n is objects[n-1]

    def add(body: bytes) -> int:
        objects.append(body)
        return len(objects)

    catalog = add(b"")  # filled in below
    pages_obj = add(b"")
    font = add(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>")
    bold = add(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding >>")
    kids = []
    for page in list(pages) + [[] for _ in range(blank_pages)]:
        stream = _content(page) if page else b""
        content = add(b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"endstream")
        kids.append(add(
            b"<< /Type /Page /Parent %d 0 R /MediaBox [0 0 %d %d] /Resources << /Font << /F1 %d 0 R /F2 %d 0 R >> >> "
            b"/Contents %d 0 R >>" % (pages_obj, PAGE_WIDTH, PAGE_HEIGHT, font, bold, content)
        ))
    objects[catalog - 1] = b"<< /Type /Catalog /Pages %d 0 R >>" % pages_obj
    objects[pages_obj - 1] = b"<< /Type /Pages /Kids [%s] /Count %d >>" % (
        b" ".join(b"%d 0 R" % k for k in kids), len(kids))

    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += b"trailer\n<< /Size %d /Root %d 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, catalog, xref)
    return bytes(out)


def write_pdf(path: Path, pages: list[Page | list[str]], *, blank_pages: int = 0) -> Path:
    path.write_bytes(pdf_bytes(pages, blank_pages=blank_pages))
    return path


def write_encrypted_pdf(path: Path, pages: list[Page | list[str]], *, user_password: str = "geheim") -> Path:
    """The same PDF, encrypted with a user password (pypdf cannot open it without the password)."""
    import io

    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(pdf_bytes(pages))))
    writer.encrypt(user_password=user_password, owner_password="owner", algorithm="RC4-128")
    with path.open("wb") as handle:
        writer.write(handle)
    return path


def write_truncated_pdf(path: Path, pages: list[Page | list[str]]) -> Path:
    """The first half of the bytes of a valid PDF: no xref, no trailer, objects cut off."""
    data = pdf_bytes(pages)
    path.write_bytes(data[: len(data) // 2])
    return path


def write_image_only_pdf(path: Path, pages: int = 3) -> Path:
    """A PDF whose pages carry no text layer at all (like a scan without OCR)."""
    from pypdf import PdfWriter

    writer = PdfWriter()
    for _ in range(pages):
        writer.add_blank_page(width=PAGE_WIDTH, height=PAGE_HEIGHT)
    with path.open("wb") as handle:
        writer.write(handle)
    return path


# A small German document, two pages, with umlauts, quotes and a euro sign.
SAMPLE_PAGES = [
    [
        "Förderleitfaden Gewerbegebiete",
        "Die Gemeinde fördert die Revitalisierung von Brachflächen für kleine und mittlere Unternehmen.",
        "Zuschüsse betragen bis zu 45 Prozent der förderfähigen Kosten, höchstens 200.000 €.",
        "Anträge sind vor Beginn der Maßnahme bei der „Wirtschaftsförderung“ einzureichen.",
    ],
    [
        "Nachweise und Fristen",
        "Der Verwendungsnachweis ist innerhalb von sechs Monaten nach Abschluss vorzulegen.",
        "Über die Förderung entscheidet der Kreisausschuss – jeweils im März und im September.",
    ],
]
