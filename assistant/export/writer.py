"""Answers as a section for a funding application: Markdown or DOCX (python-docx).

Input is what the assistant returned (contracts.md §2) plus the question. The export holds, per answer, the bottom line
(`summary`), the goal fit with verbatim quotes, the funding paths with rate, applicants and conditions, what the
answer's text says beyond these, and at the end one numbered list of sources with full German citations (document,
section, page) valid across all answers. Nothing is written twice: a quote given in the text is not repeated in the
list. The DOCX is A4 and German (de-DE) for a German office; Markdown keeps HTML as text.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Callable, Iterable

from assistant.core.answer import bottom_line, details_of
from assistant.core.model import Passage
from assistant.text.citations import citation_from_fields, german_citation

PassageLookup = Callable[[str], "Passage | None"]

_NUMBER = re.compile(r"\[(\d+)\]")
_BOLD = re.compile(r"\*\*(.{1,500}?)\*\*")  # bounded: many unclosed "**" in one line cost linear time
# C0/C1 control characters other than tab and line breaks: invalid in DOCX's XML, invisible noise in Markdown
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
LANGUAGE = "de-DE"


@dataclass
class Block:
    kind: str  # title | h2 | h3 | p | quote | bullet
    text: str


@dataclass
class Source:
    n: int
    citation: str
    quote: str


@dataclass
class ExportDocument:
    title: str
    blocks: list[Block] = field(default_factory=list)

    def add(self, kind: str, text: str) -> None:
        self.blocks.append(Block(kind, clean(text)))


def clean(text: str) -> str:
    """The text without control characters (a pasted form feed or NUL would make the DOCX unreadable)."""
    return _CONTROL.sub("", str(text))


def full_citation(citation: dict[str, Any], passage: Passage | None = None) -> str:
    """"GRW-Koordinierungsrahmen 2026, Nr. 3.4.2 „Regionalmanagement“, S. 32" — document, section, page."""
    if passage is not None:
        return german_citation(passage, with_title=True)
    return citation_from_fields(str(citation.get("title") or citation.get("document") or ""), citation.get("section"),
                                citation.get("page_label") or citation.get("page"))


class _Sources:
    """One numbering of the sources across all answers; the same passage and quote keep one number."""

    def __init__(self, passage_for: PassageLookup | None) -> None:
        self.passage_for = passage_for
        self.items: list[Source] = []
        self._keys: dict[tuple[str, str], int] = {}

    def number(self, citation: dict[str, Any]) -> int:
        quote = str(citation.get("quote") or "").strip()
        key = (str(citation.get("chunk_id") or f"{citation.get('document')}|{citation.get('section')}"), quote)
        if key not in self._keys:
            passage = self.passage_for(citation["chunk_id"]) if self.passage_for and citation.get("chunk_id") else None
            self.items.append(Source(len(self.items) + 1, full_citation(citation, passage), quote))
            self._keys[key] = len(self.items)
        return self._keys[key]


def _refs(numbers: Iterable[int], mapping: dict[int, int]) -> str:
    mapped = sorted({mapping[n] for n in numbers if n in mapping})
    return (" " + ", ".join(f"[{n}]" for n in mapped)) if mapped else ""


def _quotes(document: ExportDocument, numbers: Iterable[int], by_local: dict[int, dict[str, Any]],
            mapping: dict[int, int]) -> None:
    for n in sorted(set(numbers)):
        citation = by_local.get(n)
        quote = f"„{str(citation['quote']).strip()}“" if citation and citation.get("quote") else ""
        if quote and not any(quote in block.text for block in document.blocks):
            document.add("quote", f"{quote} [{mapping[n]}]")


def build_document(title: str, answers: list[dict[str, Any]], passage_for: PassageLookup | None = None,
                   documents: dict[str, dict[str, Any]] | None = None, today: date | None = None) -> ExportDocument:
    """The export as blocks; `passage_for` (chunk id -> indexed passage) makes citations exact where it is given."""
    doc = ExportDocument(clean(title).strip() or "Förderantrag – Abschnitt IREK-Bezug")
    sources = _Sources(passage_for)
    doc.add("p", f"Erstellt mit dem IREK-Assistenten am {(today or date.today()).strftime('%d.%m.%Y')}. Alle Zitate "
                 "stehen wörtlich in den angegebenen Quellen; Zahlen in eckigen Klammern verweisen auf das "
                 "Quellenverzeichnis am Ende.")
    for index, item in enumerate(answers, start=1):
        citations = [c for c in item.get("citations") or [] if isinstance(c, dict) and "n" in c]
        by_local = {int(c["n"]): c for c in citations}
        mapping = {int(c["n"]): sources.number(c) for c in citations}
        question = str(item.get("question") or "").strip()
        doc.add("h2", f"{index}. Vorhaben" if len(answers) > 1 else "Vorhaben")
        if question:
            doc.add("p", question)
        if item.get("abstained"):
            doc.add("p", "Der Assistent hat dazu keine Grundlage in den hinterlegten Dokumenten gefunden: "
                         + str(item.get("answer") or "").strip())
            continue

        def renumber(text: str, mapping: dict[int, int] = mapping) -> str:
            return _NUMBER.sub(lambda m: f"[{mapping.get(int(m.group(1)), m.group(1))}]", text)

        summary = bottom_line(item)
        if summary:
            doc.add("h3", "Ergebnis in Kürze")
            doc.add("p", renumber(summary))

        doc.add("h3", "Beitrag zu den Zielen des IREK Landkreis Osnabrück")
        goals = [g for g in item.get("goals") or [] if isinstance(g, dict)]
        if not goals:
            doc.add("p", "Der Assistent hat dem Vorhaben kein Handlungsziel des IREK zugeordnet.")
        for goal in goals[:3]:
            leitziel, corridor = goal.get("leitziel") or {}, goal.get("corridor") or {}
            context = []
            if leitziel.get("code"):
                context.append(f"Leitziel {leitziel['code']} „{leitziel.get('title', '')}“")
            if corridor.get("code"):
                context.append(f"Themenkorridor {corridor['code']} „{corridor.get('title', '')}“")
            kind = "Handlungsziel" if str(goal.get("code", "")).count(".") == 2 else "Ziel"
            text = f"**{kind} {goal.get('code', '')} „{goal.get('title', '')}“**"
            if context:
                text += " (" + ", ".join(context) + ")"
            doc.add("bullet", text + _refs(goal.get("citations") or [], mapping))
            _quotes(doc, goal.get("citations") or [], by_local, mapping)

        doc.add("h3", "Förderweg")
        paths = [p for p in item.get("funding_paths") or [] if isinstance(p, dict)]
        if not paths:
            doc.add("p", "Der Assistent hat keinen Förderweg genannt.")
        for path in sorted(paths, key=lambda p: bool(p.get("blocked"))):
            name = f"**{path.get('name') or path.get('id')}**"
            if path.get("blocked"):
                reasons = " ".join(str(r) for r in path.get("reasons") or [])
                verdict = "hängt von der Haupttätigkeit ab" if path.get("undecided") else "voraussichtlich nicht möglich"
                doc.add("p", f"{name}: {verdict}. {reasons}".strip()
                             + _refs(path.get("citations") or [], mapping))
                continue
            doc.add("p", name + (f" – Förderung {path['max_rate']}" if path.get("max_rate") else "")
                    + _refs(path.get("citations") or [], mapping))
            if path.get("applicants"):
                doc.add("bullet", f"Antragsberechtigt: {path['applicants']}")
            for condition in path.get("conditions") or []:
                doc.add("bullet", f"Bedingung: {condition}")
            if path.get("where_to_apply"):
                doc.add("bullet", f"Antrag: {path['where_to_apply']}")
            for step in path.get("next_steps") or []:
                doc.add("bullet", f"Nächster Schritt: {step}")
            _quotes(doc, path.get("citations") or [], by_local, mapping)

        more = details_of(item)
        if more:
            doc.add("h3", "Weitere Hinweise des IREK-Assistenten")
            for paragraph in more:
                for line in renumber(paragraph).splitlines():
                    line = line.strip()
                    if line:
                        doc.add("bullet" if line.startswith(("- ", "• ")) else "p", line.lstrip("-• ").strip())

    doc.add("h2", "Quellen")
    if not sources.items:
        doc.add("p", "Keine Quellen.")
    for source in sources.items:
        # a quote that stands in the text already is not repeated
        written = " ".join(block.text for block in doc.blocks)
        quote = f": „{source.quote}“" if source.quote and f"„{source.quote}“" not in written else ""
        doc.add("p", f"[{source.n}] {source.citation}{quote}")
    used = {c.get("document") for a in answers for c in a.get("citations") or [] if isinstance(c, dict)}
    listed = [(doc_id, info) for doc_id, info in (documents or {}).items() if doc_id in used]
    if listed:
        doc.add("h3", "Verwendete Dokumente")
        for doc_id, info in listed:
            details = ", ".join(str(x) for x in (info.get("publisher"), info.get("version"), info.get("url")) if x)
            kind = " (Zusammenfassung des Projekts, kein Originaltext)" if info.get("kind") == "summary" else ""
            doc.add("bullet", f"{info.get('title', doc_id)}{kind}" + (f" – {details}" if details else ""))
    return doc


# -- rendering ---------------------------------------------------------------------------------------------------------

def escape_markdown(text: str) -> str:
    """Text for Markdown with HTML kept as text: a question with "<script>" shows as written, never as markup."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def to_markdown(document: ExportDocument) -> str:
    prefix = {"title": "# ", "h2": "## ", "h3": "### ", "p": "", "quote": "> ", "bullet": "- "}
    lines: list[str] = [f"# {escape_markdown(document.title)}", ""]
    previous = "title"
    for block in document.blocks:
        text = escape_markdown(block.text.replace("\n", " "))
        if not (block.kind == previous and block.kind in ("bullet",)) and lines and lines[-1] != "":
            lines.append("")
        lines.append(prefix[block.kind] + text)
        previous = block.kind
    return "\n".join(lines).rstrip() + "\n"


def _add_runs(paragraph, text: str) -> None:  # noqa: ANN001 - python-docx paragraph
    position = 0
    for match in _BOLD.finditer(text):
        if match.start() > position:
            paragraph.add_run(text[position:match.start()])
        paragraph.add_run(match.group(1)).bold = True
        position = match.end()
    if position < len(text):
        paragraph.add_run(text[position:])


def _german_office(out) -> None:  # noqa: ANN001 - python-docx document
    """A4 with 2.5 cm margins, and German (de-DE) as the language of the document defaults and of every style that
    names one, so that Word and LibreOffice check the spelling in German."""
    from docx.oxml.ns import qn
    from docx.shared import Mm

    for section in out.sections:
        section.page_width, section.page_height = Mm(210), Mm(297)
        section.left_margin = section.right_margin = Mm(25)
        section.top_margin = section.bottom_margin = Mm(25)
    styles = out.styles.element
    defaults = styles.find(qn("w:docDefaults"))
    run_defaults = defaults.find(qn("w:rPrDefault")) if defaults is not None else None
    properties = run_defaults.find(qn("w:rPr")) if run_defaults is not None else None
    if properties is not None and properties.find(qn("w:lang")) is None:
        properties.append(properties.makeelement(qn("w:lang"), {}))
    for lang in styles.iter(qn("w:lang")):
        lang.set(qn("w:val"), LANGUAGE)
        lang.set(qn("w:eastAsia"), LANGUAGE)


def to_docx(document: ExportDocument) -> bytes:
    from docx import Document

    out = Document()
    _german_office(out)
    out.core_properties.title = document.title
    out.core_properties.author = "IREK-Assistent"
    out.core_properties.language = LANGUAGE
    out.add_heading(document.title, level=0)
    for block in document.blocks:
        if block.kind in ("h2", "h3"):
            out.add_heading(_BOLD.sub(r"\1", block.text), level=1 if block.kind == "h2" else 2)
        elif block.kind == "bullet":
            _add_runs(out.add_paragraph(style="List Bullet"), block.text)
        elif block.kind == "quote":
            _add_runs(out.add_paragraph(style="Quote"), block.text)
        else:
            _add_runs(out.add_paragraph(), block.text)
    buffer = io.BytesIO()
    out.save(buffer)
    return buffer.getvalue()


def export(fmt: str, title: str, answers: list[dict[str, Any]], passage_for: PassageLookup | None = None,
           documents: dict[str, dict[str, Any]] | None = None) -> bytes:
    document = build_document(title, answers, passage_for, documents)
    if fmt == "md":
        return to_markdown(document).encode("utf-8")
    if fmt == "docx":
        return to_docx(document)
    raise ValueError(f"Unbekanntes Format „{fmt}“ (erlaubt: md, docx).")
