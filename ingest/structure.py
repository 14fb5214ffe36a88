"""Recover the sections of a cleaned document, and for the IREK its goal tree.

Strategies, chosen by `structure` in sources.yaml:
- numbered-outline: a PDF whose numbered headings were recovered from the layout (ingest.pdf_outline);
- headings: Markdown-style '#' headings (Markdown and HTML);
- irek-goals: plain text with short heading lines and the IREK goal codes 1 .. 4.3.3;
- auto: whichever of the above finds something, else heading-like lines of plain text.
"""

from __future__ import annotations

import re
from dataclasses import replace

from assistant.core.model import CleanDocument, Goal, LoadedDocument, Section

_GOAL_LINE = re.compile(r"^(?P<code>[1-9]\.\d{1,2}(?:\.\d{1,2})?)\s*(?:[–-]\s*)?(?P<title>\S.*)$")
_MD_HEADING = re.compile(r"^(#{1,6})\s+(?P<title>.+?)\s*#*$")
_NUMBER_PREFIX = re.compile(r"^(?P<number>\d{1,2}(?:\.\d{1,2})*)\.?\s+(?P<title>\S.*)$")
_VISIBLE_NUMBER = re.compile(r"^(?:Anhang\s+\d+|\d{1,2}(?:\.\d{1,2})*\.?)\s+")
_NOT_HEADING = re.compile(r"^(?:•|-|−|–|\(|Abb\.|Tab\.|©|\d)")


_SUSPENDED = r"(?:und|oder|bzw\.?|sowie|&)"


def tidy_title(title: str) -> str:
    """Repair a heading assembled from PDF fragments: "Industrie-und" -> "Industrie- und" (suspended compound),
    "wirtschafts- naher" -> "wirtschaftsnaher" (a word wrapped inside the heading)."""
    title = re.sub(rf"(\w)-\s*({_SUSPENDED})(?=\s)", r"\1- \2", title)
    title = re.sub(rf"([a-zäöüß])- (?!{_SUSPENDED}\s)([a-zäöüß])", r"\1\2", title)
    return re.sub(r"\s+", " ", title).strip()


def _squash(text: str) -> str:
    return re.sub(r"[\s\-‐]+", "", text).lower()


def _line_spans(text: str) -> list[tuple[int, int]]:
    spans, start = [], 0
    for line in text.split("\n"):
        spans.append((start, start + len(line)))
        start += len(line) + 1
    return spans


def _close(sections: list[Section], end: int) -> list[Section]:
    """Each section ends where the next begins; the last ends at `end`."""
    closed = []
    for index, section in enumerate(sections):
        stop = sections[index + 1].start if index + 1 < len(sections) else end
        if stop > section.start:
            closed.append(replace(section, end=stop))
    return closed


def _preamble(sections: list[Section], text: str) -> list[Section]:
    """Text before the first heading becomes an unnumbered section of its own."""
    if sections and sections[0].start > 0 and text[: sections[0].start].strip():
        return [Section("", "Einleitung", 0, sections[0].start)] + sections
    if not sections and text.strip():
        return [Section("", "", 0, len(text))]
    return sections


def outline_sections(doc: CleanDocument, outline: list) -> list[Section]:
    """Place recovered PDF headings in the cleaned text, in order, on their page (or the next)."""
    sections: list[Section] = []
    text = doc.text
    spans = _line_spans(text)
    line_index = 0
    for heading in outline:
        first = doc.page_starts[min(heading.page - 1, len(doc.page_starts) - 1)]
        last = doc.page_starts[heading.page + 1] if heading.page + 1 < len(doc.page_starts) else len(text)
        key = _squash(heading.title)[:30]
        for index in range(line_index, len(spans)):
            start, end = spans[index]
            if end < first:
                continue
            if start > last:
                break
            line = _VISIBLE_NUMBER.sub("", text[start : start + 300])
            if _squash(line).startswith(key):
                sections.append(Section(heading.number, tidy_title(heading.title), start, start))
                line_index = index + 1
                break
    return _close(_preamble(sections, text), len(text))


def markdown_sections(text: str) -> list[Section]:
    sections = []
    for start, end in _line_spans(text):
        match = _MD_HEADING.match(text[start:end])
        if match:
            title = match.group("title")
            numbered = _NUMBER_PREFIX.match(title)
            number, title = (numbered.group("number"), numbered.group("title")) if numbered else ("", title)
            sections.append(Section(number, title, start, start))
    return _close(_preamble(sections, text), len(text))


def _is_heading_line(line: str, next_line: str, full_length: float) -> bool:
    line = line.strip()
    return (
        3 <= len(line) <= 0.7 * full_length
        and line[0].isupper()
        and not _NOT_HEADING.match(line)
        and not re.search(r"[.,:;!?]$", line)
        and len(next_line.strip()) >= 0.7 * full_length
    )


def plain_text_headings(text: str) -> list[Section]:
    lines = text.split("\n")
    lengths = sorted(len(line) for line in lines if len(line) > 20)
    full = lengths[len(lengths) * 3 // 4] if lengths else 80
    spans = _line_spans(text)
    sections = []
    for index, (start, end) in enumerate(spans):
        following = next((lines[j] for j in range(index + 1, len(lines)) if lines[j].strip()), "")
        if _is_heading_line(lines[index], following, full):
            sections.append(Section("", lines[index].strip(), start, start))
    return sections


def irek_structure(doc: CleanDocument) -> tuple[list[Section], list[Goal]]:
    """Headings plus one section per Leitziel and Handlungsziel; corridors from the goal codes."""
    text = doc.text
    headings = plain_text_headings(text)
    goal_sections: list[Section] = []
    for start, end in _line_spans(text):
        match = _GOAL_LINE.match(text[start:end])
        if match:
            goal_sections.append(Section(match.group("code"), match.group("title").strip(), start, start, goal_code=match.group("code")))
    if not goal_sections:
        return _close(_preamble(headings, text), len(text)), []

    # A heading placed between goal entries ("Leitziele Handlungsziele" is not one) ends a goal list.
    all_sections = sorted(headings + goal_sections, key=lambda s: s.start)
    closed = _close(_preamble(all_sections, text), len(text))

    # Corridor of every section: the corridor intro heading is the last heading before the corridor's first goal.
    bullets = [line.lstrip("• ").strip() for line in text.split("\n") if line.startswith("•")]
    corridor_titles: dict[str, str] = {}
    corridor_intro: dict[str, Section] = {}
    result: list[Section] = []
    last_heading: int | None = None  # index in `result`
    for section in closed:
        if section.goal_code:
            corridor = section.goal_code.split(".")[0]
            if corridor not in corridor_titles and last_heading is not None:
                heading = result[last_heading]
                corridor_titles[corridor] = next((b for b in bullets if heading.title.startswith(b)), heading.title)
                result[last_heading] = replace(heading, corridor=corridor)
                corridor_intro[corridor] = result[last_heading]
            result.append(replace(section, corridor=corridor, end=_goal_end(text, section)))
        else:
            last_heading = len(result)
            result.append(section)
    goals = _goal_tree(result, corridor_titles, corridor_intro, text)
    return result, goals


def _goal_end(text: str, section: Section) -> int:
    """A goal entry ends at its blank line: what follows (a table header, debris) is not part of it."""
    blank = text.find("\n\n", section.start, section.end)
    return section.end if blank == -1 else blank


def _goal_tree(sections: list[Section], corridor_titles: dict[str, str], intros: dict[str, Section], text: str) -> list[Goal]:
    goals: list[Goal] = []
    for code in sorted(corridor_titles, key=int):
        intro = intros[code]
        body = text[intro.start : intro.end].split("\n", 1)[-1].strip()
        body = body.split("Leitziele Handlungsziele")[0].strip()
        goals.append(Goal(code, corridor_titles[code], "corridor", description=body))
    for section in sections:
        if not section.goal_code:
            continue
        title = re.sub(r"\s+", " ", text[section.start : section.end].split(" ", 1)[-1]).strip()
        title = re.sub(r"^[–-]\s*", "", title)
        parts = section.goal_code.split(".")
        level = "leitziel" if len(parts) == 2 else "handlungsziel"
        parent = parts[0] if level == "leitziel" else ".".join(parts[:2])
        goals.append(Goal(section.goal_code, title, level, parent=parent, corridor=parts[0]))
    return goals


def place_footnotes(sections: list[Section], footnotes: list) -> list[Section]:
    """Each footnote (ingest.prepare puts it where the section of its marker ends) becomes a section of its own, numbered like
    the section in which its marker stands; the section it interrupts goes on after it."""
    result = list(sections)
    for note in footnotes:
        index = next((i for i, s in enumerate(result) if s.start <= note.start < s.end), None)
        if index is None:
            continue
        container = result[index]
        at = note.marker if note.marker is not None else note.start
        owner = next((s for s in result if s.start <= at < s.end and not s.footnote), container)
        pieces = [replace(container, end=note.start),
                  Section(owner.number, f"Fußnote {note.number}", note.start, note.end, owner.goal_code,
                          owner.corridor, footnote=note.number),
                  replace(container, start=note.end)]
        result[index : index + 1] = [p for p in pieces if p.end > p.start]
    return result


def merge_heading_only(text: str, sections: list[Section]) -> list[Section]:
    """A numbered section that holds only its heading (and at most a lead-in ending in a colon) opens its first
    subsection: that section starts at the heading instead, so no passage is a bare heading. The emptied section
    stays in the list, without text, so that its title still names the outline."""
    result = list(sections)
    for index in range(len(result) - 2, -1, -1):
        section = result[index]
        following = next((j for j in range(index + 1, len(result)) if result[j].end > result[j].start), None)
        if following is None:
            continue
        child = result[following]
        if (section.goal_code or section.footnote or child.footnote or not section.number
                or not child.number.startswith(section.number + ".") or section.end != child.start):
            continue
        if _heading_only(text[section.start : section.end], section):
            result[following] = replace(child, start=section.start)
            for j in range(index, following):
                result[j] = replace(result[j], start=section.start, end=section.start)
    return result


def _heading_only(text: str, section: Section) -> bool:
    rest = _squash(text)
    for prefix in (_squash(section.number) + ".", _squash(section.number), _squash(section.title)):
        if rest.startswith(prefix):
            rest = rest[len(prefix) :]
    return not rest or (rest.endswith(":") and len(rest) <= 120)


def document_structure(doc: CleanDocument, loaded: LoadedDocument) -> tuple[list[Section], list[Goal]]:
    sections, goals = _sections(doc, loaded)
    sections = place_footnotes(sections, doc.footnotes)
    return merge_heading_only(doc.text, sections), goals


def _sections(doc: CleanDocument, loaded: LoadedDocument) -> tuple[list[Section], list[Goal]]:
    strategy = doc.source.structure
    if strategy == "irek-goals":
        return irek_structure(doc)
    if loaded.outline and strategy in {"numbered-outline", "auto"}:
        return outline_sections(doc, loaded.outline), []
    if strategy in {"headings", "auto"}:
        sections = markdown_sections(doc.text)
        if len(sections) > 1 or strategy == "headings":
            return sections, []
    return _close(_preamble(plain_text_headings(doc.text), doc.text), len(doc.text)), []
