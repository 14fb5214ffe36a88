"""Cut sections into passages: never across a section border, paragraphs kept whole where they fit."""

from __future__ import annotations

import hashlib
import re

from assistant.core.model import CleanDocument, Goal, Passage, Section

_PARAGRAPH_BREAK = re.compile(r"\n(?:\s*\n)*|\n(?=\(\d+[a-z]?\)\s)")
_SENTENCE_BREAK = re.compile(r"(?<=[.!?;:])\s+(?=[A-ZÄÖÜ(„\"])")


def _pieces(text: str, start: int, end: int, pattern: re.Pattern[str]) -> list[tuple[int, int]]:
    """Split [start, end) at `pattern`, returning non-empty spans with surrounding whitespace trimmed."""
    spans, cursor = [], start
    for match in pattern.finditer(text, start, end):
        spans.append((cursor, match.start()))
        cursor = match.end()
    spans.append((cursor, end))
    return [_trim(text, a, b) for a, b in spans if text[a:b].strip()]


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _hard_split(text: str, start: int, end: int, max_chars: int) -> list[tuple[int, int]]:
    """A paragraph longer than max_chars: split at sentence ends, at word breaks as a last resort."""
    spans = []
    for a, b in _pieces(text, start, end, _SENTENCE_BREAK):
        while b - a > max_chars:
            cut = text.rfind(" ", a, a + max_chars)
            cut = cut if cut > a else a + max_chars
            spans.append(_trim(text, a, cut))
            a = cut
        spans.append(_trim(text, a, b))
    return [s for s in spans if s[1] > s[0]]


def section_spans(text: str, section: Section, max_chars: int, min_chars: int,
                  whole_rows: bool = False) -> list[tuple[int, int]]:
    """Greedy packing of paragraphs into spans of at most max_chars; a small tail joins its predecessor.

    `whole_rows` (registers, whose rows are paragraphs that carry their headers at their end): a row longer than
    max_chars stays one passage, so that no passage holds a piece of a row without its area type and rates."""
    units: list[tuple[int, int]] = []
    for a, b in _pieces(text, section.start, section.end, _PARAGRAPH_BREAK):
        units.extend([(a, b)] if b - a <= max_chars or whole_rows else _hard_split(text, a, b, max_chars))
    spans: list[tuple[int, int]] = []
    for a, b in units:
        if spans and b - spans[-1][0] <= max_chars:
            spans[-1] = (spans[-1][0], b)
        else:
            spans.append((a, b))
    if len(spans) > 1 and spans[-1][1] - spans[-1][0] < min_chars and spans[-1][1] - spans[-2][0] <= max_chars * 1.25:
        spans[-2:] = [(spans[-2][0], spans[-1][1])]
    return spans


def _ancestor_numbers(number: str) -> list[str]:
    """"3.2.1.3" -> ["3", "3.2", "3.2.1"]; annexes and unnumbered sections have none."""
    parts = number.split(".") if number and number[0].isdigit() else []
    return [".".join(parts[:i]) for i in range(1, len(parts))]


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text).lower()


def chunk_id(document: str, section: Section, text: str, ordinal: int) -> str:
    """Stable across rebuilds while the passage is unchanged: document, section and a digest of the text."""
    digest = hashlib.sha1(text.encode("utf-8")).hexdigest()[:10]
    anchor = re.sub(r"[^0-9A-Za-z.]+", "-", section.goal_code or section.number or "s").strip("-") or "s"
    if section.footnote:
        anchor += f"-fn{section.footnote}"
    return f"{document}:{anchor}:{ordinal}:{digest}"


# A register passage (a list of places with their aid rates) is embedded by its heading and opening, about 48 e5
# tokens: enough for the dense side to know what kind of list it is; the names themselves are found by keywords.
REGISTER_EMBEDDED_CHARS = 200


def make_passages(
    doc: CleanDocument, sections: list[Section], goals: list[Goal], *, max_chars: int, min_chars: int
) -> list[Passage]:
    goal_by_code = {goal.code: goal for goal in goals}
    titles = {section.number: section.title for section in sections if section.number and not section.footnote}
    note_pages = {span.start: span.page for span in doc.footnotes if span.page}  # a footnote may stand a page later
    passages: list[Passage] = []
    for section in sections:
        ancestors = _ancestor_numbers(section.number) if not section.goal_code else []
        if section.footnote and section.number:
            ancestors.append(section.number)  # a footnote's context is the section its marker stands in, too
        outline_context = " – ".join(titles[n] for n in ancestors if n in titles)
        register = doc.source.is_register(section.number, section.title)
        spans = section_spans(doc.text, section, max_chars, min_chars, whole_rows=register and not section.footnote)
        for ordinal, (start, end) in enumerate(spans):
            text = doc.text[start:end]
            if not section.goal_code and _squash(text) in {_squash(section.label), _squash(section.title)}:
                continue  # a heading with no text of its own carries nothing to cite
            goal = goal_by_code.get(section.goal_code)
            page = note_pages.get(section.start) if section.footnote else None
            leitziel = goal.parent if goal and goal.level == "handlungsziel" else (goal.code if goal else "")
            passage = Passage(
                chunk_id=chunk_id(doc.source.id, section, text, ordinal),
                document=doc.source.id,
                document_title=doc.source.label,
                text=text,
                start=start,
                end=end,
                page_start=page or doc.page_at(start),
                page_end=page or doc.page_at(max(start, end - 1)),
                section_number=section.number,
                section_title=section.title if not goal else goal.title,
                goal_code=section.goal_code,
                corridor=section.corridor,
                leitziel=leitziel,
                kind=doc.source.kind,
                page_label=doc.label_at(start) if page is None else doc.label_of(page),
                outline_context=outline_context,
                dense=not doc.source.is_keyword_only(section.number, section.title),
                dense_chars=REGISTER_EMBEDDED_CHARS if register else 0,
                footnote=section.footnote,
            )
            passage.search_text = search_text(passage, goal_by_code)
            passages.append(passage)
    return passages


def search_text(passage: Passage, goals: dict[str, Goal]) -> str:
    """The passage with its heading context, which is what gets embedded and keyword-indexed.

    The context is kept short (every token costs embedding time): the section heading, for goals the titles of
    corridor and Leitziel, and the document title only where there is no heading.
    """
    context: list[str] = []
    if passage.goal_code:
        goal = goals[passage.goal_code]
        enclosing = {goal.corridor: goals.get(goal.corridor), goal.parent: goals.get(goal.parent)}
        context += [c.title for code, c in enclosing.items() if c is not None and code != goal.code]
    elif passage.section_title and not passage.text.startswith(passage.section_title[:20]):
        context.append(f"{passage.section_number} {passage.section_title}".strip())
    elif not passage.section_title:
        context.append(passage.document_title)
    prefix = " – ".join(context)
    return f"{prefix}\n{passage.text}" if prefix else passage.text
