"""Recover the numbered headings of a PDF whose section numbers are list numbering.

Word documents number their headings automatically; the numbers are drawn as glyphs that text extraction does
not return. What survives is the gap they leave: the heading title starts after a blank glyph whose position
is the width of the missing number. Numbering is sequential, so from the previous number only a few candidates
are possible (next sibling on some level, or first child); the measured width picks among them.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from pypdf import PageObject

# Advance widths of Times-like digits and the full stop, in em.
_DIGIT_EM = 0.5
_DOT_EM = 0.25
_TOP_LEVEL = re.compile(r"^(\d{1,2})\.$")
_ANNEX = re.compile(r"^(Anhang\s+\d+)\b")
_EXPLICIT_NUMBER = re.compile(r"^(\d{1,2}(?:\.\d{1,2}){1,4})\s+(\S.*)$")


@dataclass(frozen=True)
class Heading:
    """A recovered heading: its number ("3.4.2", "Anhang 5"), title and 1-based PDF page."""

    number: str
    title: str
    page: int

    @property
    def level(self) -> int:
        return 1 if self.number.startswith("Anhang") else self.number.count(".") + 1


@dataclass
class _Fragment:
    x: float
    y: float
    size: float
    bold: bool
    text: str
    start: int = -1  # offset of `text` in the page text; -1 where the offsets are unknown


@dataclass
class _RawHeading:
    page: int
    size: float
    gap_em: float | None  # width of the missing number in em; None for visible numbers
    visible_number: str | None
    lines: list[str]


def extract_page(page: PageObject) -> tuple[str, list[_Fragment]]:
    """The page's text and its positioned text fragments, from one extraction pass.

    pypdf reports every piece it adds to the page text to the visitor, in order, so the running length of the
    visited pieces is each fragment's offset in the text; where the pieces do not add up to the text, the
    offsets are unknown (-1) and nothing that needs them (footnotes, tables) is attempted."""
    fragments: list[_Fragment] = []
    offset = 0

    def visit(text, cm, tm, font_dict, font_size):  # noqa: ANN001 - pypdf visitor signature
        nonlocal offset
        start, offset = offset, offset + len(text or "")
        if font_dict is None or not text or text.strip("\n") == "":
            return
        x = tm[4] * cm[0] + cm[4]
        y = tm[5] * cm[3] + cm[5]
        name = str(font_dict.get("/BaseFont", ""))
        fragments.append(_Fragment(x, y, float(font_size) * abs(cm[0] or 1.0), "Bold" in name, text, start))

    text = page.extract_text(visitor_text=visit) or ""
    if offset != len(text) or any(text[f.start : f.start + len(f.text)] != f.text for f in fragments):
        for fragment in fragments:
            fragment.start = -1
    return text, fragments


def _lines(fragments: list[_Fragment]) -> list[list[_Fragment]]:
    lines: list[list[_Fragment]] = []
    for fragment in fragments:
        if lines and abs(lines[-1][0].y - fragment.y) < 1.5:
            lines[-1].append(fragment)
        else:
            lines.append([fragment])
    return lines


def _left_margin(pages_lines: list[list[list[_Fragment]]]) -> float:
    """The document's left text margin: where most lines start."""
    starts = [round(line[0].x) for lines in pages_lines for line in lines if any(f.text.strip() for f in line)]
    return float(Counter(starts).most_common(1)[0][0]) if starts else 0.0


def _join(fragments: list[_Fragment]) -> str:
    return re.sub(r"\s+", " ", "".join(f.text for f in fragments)).strip()


def _raw_headings(page_number: int, lines: list[list[_Fragment]], margin: float) -> list[_RawHeading]:
    """Bold lines at heading size whose visible fragments are all bold; wrapped titles are joined."""
    result: list[_RawHeading] = []
    previous_was_heading = False
    for line in lines:
        visible = [f for f in line if f.text.strip()]
        is_candidate = bool(visible) and all(f.bold for f in visible) and visible[0].size >= 10.5
        text = _join(line) if is_candidate else ""
        if not text or text.isdigit() or "...." in text:  # page numbers, table-of-contents entries
            previous_was_heading = False
            continue
        size = visible[0].size
        leading_blanks = [f for f in line if not f.text.strip() and f.x < visible[0].x - 1]
        top = _TOP_LEVEL.match(visible[0].text.strip())
        annex = _ANNEX.match(text)
        explicit = _EXPLICIT_NUMBER.match(text)
        if top and size >= 12:
            result.append(_RawHeading(page_number, size, None, top.group(0), [_join(line[1:])]))
        elif annex and size >= 12:
            result.append(_RawHeading(page_number, size, None, annex.group(1), [text[annex.end():].strip()]))
        elif explicit:
            result.append(_RawHeading(page_number, size, None, explicit.group(1), [explicit.group(2)]))
        elif leading_blanks:
            gap = (leading_blanks[0].x - margin) / size
            result.append(_RawHeading(page_number, size, gap, None, [text]))
        elif previous_was_heading and result and not _EXPLICIT_NUMBER.match(result[-1].visible_number or ""):
            result[-1].lines.append(text)  # wrapped heading continues on the next line
        else:
            previous_was_heading = False
            continue
        previous_was_heading = True
    return result


def _number_width_em(parts: list[int]) -> float:
    digits = sum(len(str(p)) for p in parts)
    return digits * _DIGIT_EM + (len(parts) - 1) * _DOT_EM


def _candidates(current: list[int]) -> list[list[int]]:
    options = [current + [1]]
    for depth in range(len(current), 1, -1):
        options.append(current[: depth - 1] + [current[depth - 1] + 1])
    return options


def recover_headings(pages_fragments: list[list[_Fragment]], *, max_gap_error_em: float = 0.2) -> list[Heading]:
    """Numbered headings of the whole document, in reading order, from the fragments of `extract_page`."""
    pages_lines = [_lines(fragments) for fragments in pages_fragments]
    margin = _left_margin(pages_lines)
    headings: list[Heading] = []
    current: list[int] = []
    annex_mode = False
    for page_number, lines in enumerate(pages_lines, start=1):
        for raw in _raw_headings(page_number, lines, margin):
            title = " ".join(raw.lines)
            number = raw.visible_number
            if number and number.startswith("Anhang"):
                annex_mode = True
                headings.append(Heading(number, title, page_number))
                continue
            if annex_mode:
                continue  # forms and lists in the annexes carry bold lines that are not numbered headings
            if number and number.endswith("."):
                top = int(number.rstrip("."))
                if top != (current[0] + 1 if current else 1):
                    continue  # a bold figure such as a date, not the next chapter
                current = [top]
            elif number:
                parts = [int(p) for p in number.split(".")]
                if parts not in _candidates(current):
                    continue
                current = parts
            elif current and raw.gap_em is not None:
                best = min(_candidates(current), key=lambda c: abs(_number_width_em(c) - raw.gap_em))
                if abs(_number_width_em(best) - raw.gap_em) > max_gap_error_em:
                    continue  # a bold line that is no numbered heading
                current = best
            else:
                continue
            headings.append(Heading(".".join(map(str, current)), title, page_number))
    return headings
