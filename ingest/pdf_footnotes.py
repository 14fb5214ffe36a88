"""Footnotes of a PDF page, found by their layout: cut out of the body text, kept apart, their markers removed.

A footnote sits at the bottom of its page: its number is a superscript (a fragment in a much smaller font) at
the left text margin, its text follows in a smaller font than the body. The same number stands as a superscript
marker somewhere above in the body ("Nummer 1.2³²" extracts as "Nummer 1.232"). A number counts as a footnote
only where both are found on the page; then the footnote area (everything from the first footnote down) leaves
the body text, and the marker leaves the sentence that carries it.

Everything works on offsets into pypdf's page text (`_Fragment.start`), so the rest of the page text stays
exactly as extracted and the cleaning rules apply to it as before.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from ingest.pdf_outline import _Fragment

# A superscript is at most this share of the body font size (6.5 or 7 pt markers against a 10.6 pt body).
_SUPERSCRIPT_SHARE = 0.75
_MARKER_TEXT = re.compile(r"^[\d\s,]*$")
_NUMBER = re.compile(r"\d{1,3}")
_ANCHOR_CHARS = 80


@dataclass(frozen=True)
class Edit:
    """Replace page text [start, end) with `replacement` ("" removes it)."""

    start: int
    end: int
    replacement: str = ""


@dataclass
class PageFootnote:
    number: str
    text: str
    markers: list[int] = field(default_factory=list)  # offsets of the marker in the raw page text


@dataclass
class FootnoteCut:
    footnotes: list[PageFootnote]
    edits: list[Edit]  # the footnote area and the markers, as removals
    zone: set[int]  # ids of the fragments that are footnote text or markers (not body)


def body_size(fragments: list[_Fragment]) -> float:
    """The font size most of the page's characters are set in."""
    sizes: Counter[float] = Counter()
    for fragment in fragments:
        sizes[round(fragment.size, 1)] += len(fragment.text.strip())
    return sizes.most_common(1)[0][0] if sizes else 0.0


def _visible(fragment: _Fragment) -> bool:
    return bool(fragment.text.strip())


def find_footnotes(text: str, fragments: list[_Fragment]) -> FootnoteCut:
    """The footnotes of one page and the edits that take them (and their markers) out of the page text."""
    none = FootnoteCut([], [], set())
    if not fragments or any(f.start < 0 for f in fragments):
        return none
    size = body_size(fragments)
    small = [i for i, f in enumerate(fragments)
             if _MARKER_TEXT.match(f.text) and (f.size < size or f.text.strip())
             and f.size <= _SUPERSCRIPT_SHARE * _line_size(fragments, f, size)]
    if not small:
        return none
    margin = min(f.x for f in fragments if _visible(f) and f.size > _SUPERSCRIPT_SHARE * size)

    starts: dict[str, int] = {}  # number -> fragment index of the footnote's own number
    markers: dict[str, list[int]] = {}  # number -> fragment indices of the superscripts in the body
    for i in small:
        number = fragments[i].text.strip()
        if not number.isdigit():
            continue
        follower = next((f for f in fragments[i + 1 :] if _visible(f)), None)
        at_margin = fragments[i].x <= margin + 3
        if at_margin and follower is not None and follower.size > fragments[i].size / _SUPERSCRIPT_SHARE * 0.9:
            starts.setdefault(number, i)
        else:
            markers.setdefault(number, []).append(i)
    numbers = [n for n in starts if n in markers and all(fragments[m].y > fragments[starts[n]].y for m in markers[n])]
    if not numbers:
        return none

    first = min(starts[n] for n in numbers)
    top = max(fragments[starts[n]].y for n in numbers)
    zone = {i for i in range(first, len(fragments)) if fragments[i].y <= top + 1}
    order = sorted(numbers, key=lambda n: starts[n])
    footnotes = []
    for k, number in enumerate(order):
        stop = starts[order[k + 1]] if k + 1 < len(order) else len(fragments)
        own = [i for i in range(starts[number] + 1, stop) if i in zone]
        body = "\n".join(text[a:b] for a, b in _spans(fragments, own, text, to_end=False))
        footnotes.append(PageFootnote(number, body.strip(), [fragments[m].start for m in markers[number]]))

    edits = [Edit(a, b) for a, b in _spans(fragments, sorted(zone), text)]
    found = set(numbers)
    for run in _marker_runs(fragments, small, zone):
        if set(_NUMBER.findall("".join(fragments[i].text for i in run))) <= found:
            edits.append(Edit(fragments[run[0]].start, fragments[run[-1]].start + len(fragments[run[-1]].text)))
            zone.update(run)
    return FootnoteCut(footnotes, edits, zone)


def _line_size(fragments: list[_Fragment], fragment: _Fragment, default: float) -> float:
    """The largest text size on the fragment's line (a superscript is raised by a few points)."""
    near = [f.size for f in fragments if abs(f.y - fragment.y) <= 5 and _visible(f) and not _MARKER_TEXT.match(f.text)]
    return max(near, default=default)


def _marker_runs(fragments: list[_Fragment], small: list[int], zone: set[int]) -> list[list[int]]:
    """Consecutive superscript fragments in the body ("38", ", ", "39") that hold at least one number."""
    runs: list[list[int]] = []
    for i in small:
        if i in zone:
            continue
        if runs and runs[-1][-1] == i - 1:
            runs[-1].append(i)
        else:
            runs.append([i])
    return [run for run in runs if _NUMBER.search("".join(fragments[i].text for i in run))]


def _spans(fragments: list[_Fragment], indices: list[int], text: str, *, to_end: bool = True) -> list[tuple[int, int]]:
    """Text spans covered by the given fragments; spans separated only by white space are joined."""
    spans: list[tuple[int, int]] = []
    for i in indices:
        a, b = fragments[i].start, fragments[i].start + len(fragments[i].text)
        if spans and not text[spans[-1][1] : a].strip():
            spans[-1] = (spans[-1][0], max(spans[-1][1], b))
        else:
            spans.append((a, b))
    if to_end and spans and not text[spans[-1][1] :].strip():
        spans[-1] = (spans[-1][0], len(text))
    return spans


def apply_edits(text: str, edits: list[Edit], positions: list[int] = ()) -> tuple[str, list[int]]:
    """The text with the edits applied (an edit overlapping an earlier, wider one is dropped), and where each of
    `positions` (offsets in the old text) lands in the new one."""
    kept: list[Edit] = []
    for edit in sorted(edits, key=lambda e: (e.start, -e.end)):
        if kept and edit.start < kept[-1].end:
            continue
        kept.append(edit)
    parts, cursor, length = [], 0, 0
    placed: list[tuple[Edit, int]] = []  # each kept edit with where its replacement starts in the new text
    for edit in kept:
        parts.append(text[cursor : edit.start])
        length += edit.start - cursor
        placed.append((edit, length))
        parts.append(edit.replacement)
        length += len(edit.replacement)
        cursor = edit.end
    parts.append(text[cursor:])

    def moved(position: int) -> int:
        result = position
        for edit, new_start in placed:
            if position < edit.start:
                break
            if position < edit.end:
                return new_start
            result = new_start + len(edit.replacement) + (position - edit.end)
        return result

    return "".join(parts), [moved(p) for p in positions]


def anchor_before(text: str, position: int) -> str:
    """The text just before `position`, by which the marker's place is found again after cleaning."""
    return text[max(0, position - _ANCHOR_CHARS) : position]
