"""Tables of a PDF page, found by the position of their text: rows rewritten so that each carries its headers.

Text extraction reads a table cell by cell ("Bayern 1,59", "D 20/10 Prozent/ De-minimis-Höchstbetrag"), so a
quoted row loses what its figures mean. Here the page's fragments are grouped into blocks (runs of text that
flow down one column), blocks side by side into rows, and consecutive rows whose cells stand in the same
columns into a table. A table is rewritten when it has something to add to its rows:

- a header row (all bold) above it: each row becomes "Header 1: cell 1; Header 2: cell 2";
- no header, but a lead-in ending in a colon right before it ("c) D-Fördergebiete:"): each row becomes
  "lead-in cell 1 cell 2", and the lead-in, now carried by every row, is not repeated on its own.

Rows are separated by blank lines, so that passages never cut a row. Lists ("a) ...", "(1) ...", "C 24 ...")
are no tables: a row whose first cell is a list label ends a table. A table that goes on at the top of the next
page without a header of its own keeps the header of the page before (`TableState`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ingest.pdf_footnotes import Edit, anchor_before, apply_edits, find_footnotes
from ingest.pdf_outline import _Fragment

_SAME_LINE = 2.0  # points between baselines of one line
_CELL_GAP = 12.0  # a horizontal jump wider than this (about three spaces) starts a new cell
_COLUMN_SLACK = 10.0
_LIST_LABEL = re.compile(
    r"^(?:\(?\d{1,2}[a-z]?\)|[a-z]{1,2}\)|[•\-−–\uf0a7\uf06f\uf0a8]|\d{1,2}\.|[A-Z](?:\s\d{1,2}(?:\.\d{1,2})?)?)$"
)


@dataclass
class _Block:
    fragments: list[_Fragment]
    x0: float
    right: float

    @property
    def top(self) -> float:
        return max(f.y + 0.75 * f.size for f in self.fragments)

    @property
    def bottom(self) -> float:
        return min(f.y - 0.25 * f.size for f in self.fragments)

    @property
    def bold(self) -> bool:
        return all(f.bold for f in self.fragments if f.text.strip())


@dataclass
class _Cell:
    blocks: list[_Block]

    @property
    def x0(self) -> float:
        return min(b.x0 for b in self.blocks)

    @property
    def right(self) -> float:
        return max(b.right for b in self.blocks)

    def text(self) -> str:
        lines: list[tuple[float, float, str]] = []
        for block in self.blocks:
            for fragment in block.fragments:
                if lines and abs(lines[-1][0] - fragment.y) < _SAME_LINE:
                    y, x, text = lines[-1]
                    lines[-1] = (y, x, text + fragment.text)
                else:
                    lines.append((fragment.y, fragment.x, fragment.text))
        lines.sort(key=lambda line: (-round(line[0], 0), line[1]))
        joined = " ".join(re.sub(r"\s+", " ", line[2]).strip() for line in lines)
        return _dehyphenate(joined)


def _dehyphenate(text: str) -> str:
    """Words wrapped inside a cell: "Regionalbei- hilfeleitlinien" -> "Regionalbeihilfeleitlinien";
    "De- minimis" and "Berlin- Mitte" (upper case or a real compound) keep their hyphen, without the space."""
    text = re.sub(r"(?<=[a-zäöüß])- (?=[a-zäöüß])", "", text)
    text = re.sub(r"/ (?=\w)", "/", text)
    return re.sub(r"(?<=\w)- (?=\w)", "-", text).strip()


@dataclass
class _Row:
    cells: list[_Cell]
    top: float
    bottom: float

    @property
    def bold(self) -> bool:
        return all(block.bold for cell in self.cells for block in cell.blocks)

    def text(self, separator: str = " ") -> str:
        return separator.join(cell.text() for cell in self.cells)

    def fragments(self) -> list[_Fragment]:
        return [f for cell in self.cells for block in cell.blocks for f in block.fragments]


@dataclass
class TableState:
    """What a table at the top of the next page may go on with: the header of the last table on this page."""

    header: list[str] | None = None
    columns: list[tuple[float, float]] = field(default_factory=list)
    last: list[str] = field(default_factory=list)  # the cells of its last row, which a broken row goes on with


@dataclass
class TableCut:
    edits: list[Edit]
    rows: int  # table rows rewritten on this page


def _visible(fragment: _Fragment) -> bool:
    return bool(fragment.text.strip())


def _end(fragments: list[_Fragment], index: int) -> float:
    """Where a fragment's text ends: at the white space that follows it on its line, else estimated."""
    fragment = fragments[index]
    following = fragments[index + 1] if index + 1 < len(fragments) else None
    if following is not None and not _visible(following) and abs(following.y - fragment.y) < _SAME_LINE:
        return following.x
    return fragment.x + (0.52 if fragment.bold else 0.45) * fragment.size * len(fragment.text.rstrip())


def _blocks(fragments: list[_Fragment]) -> list[_Block]:
    """Runs of fragments in stream order that read on along one line, or down one column at line spacing."""
    blocks: list[_Block] = []
    last: _Fragment | None = None
    line_end = 0.0  # where the text of the block's last line ends
    for index, fragment in enumerate(fragments):
        if not _visible(fragment):
            continue
        end = _end(fragments, index)
        current = blocks[-1] if blocks else None
        if current is not None and last is not None:
            same_line = abs(fragment.y - last.y) < _SAME_LINE
            drop = last.y - fragment.y
            wrapped = _SAME_LINE <= drop < 1.4 * max(fragment.size, last.size) and abs(fragment.x - current.x0) <= 8
            if (same_line and fragment.x >= last.x and fragment.x - line_end <= _CELL_GAP) or wrapped:
                current.fragments.append(fragment)
                current.right = max(current.right, end)
                line_end = end if wrapped else max(line_end, end)
                last = fragment
                continue
        blocks.append(_Block([fragment], fragment.x, end))
        line_end = end
        last = fragment
    return blocks


def _rows(blocks: list[_Block]) -> list[_Row]:
    """Blocks that stand side by side (their heights overlap) form a row; blocks of a row that overlap
    horizontally are one cell (a centred cell wraps into lines that start at different places).

    Tables are read cell by cell, so a cell to the right may come after a first cell of several paragraphs and
    stand beside any of them (vertically centred): the rows it reaches back to become one."""
    rows: list[_Row] = []
    for block in blocks:
        if not rows:
            rows.append(_Row([_Cell([block])], block.top, block.bottom))
            continue
        row = rows[-1]
        cell = next((c for c in row.cells if block.x0 <= c.right + 2 and block.right >= c.x0 - 2), None)
        beside = block.bottom < row.top and block.top > row.bottom
        # a cell further right that is centred over two lines may reach a little above a one-line first cell
        slack = 0.3 * block.fragments[0].size
        if not beside and block.x0 > max(c.right for c in row.cells):
            beside = block.bottom < row.top + slack and block.top > row.bottom - slack
        # a bold heading cell wraps into centred lines that start at different places: still the same row
        wrapped_header = (cell is not None and row.bold and block.bold and len(row.cells) > 1
                          and 0 <= row.bottom - block.top < 0.5 * block.fragments[0].size)
        if not (beside or wrapped_header):
            reached = [i for i in range(len(rows) - 1, max(-1, len(rows) - 40), -1)
                       if block.bottom < rows[i].top and block.top > rows[i].bottom
                       and block.x0 > max(c.right for c in rows[i].cells) - 2]
            if not reached or block.top <= rows[-1].top:
                rows.append(_Row([_Cell([block])], block.top, block.bottom))
                continue
            first = min(reached)
            x0 = rows[first].cells[0].x0
            while (first > 0 and len(rows[first - 1].cells) == 1 and not rows[first - 1].bold
                   and abs(rows[first - 1].cells[0].x0 - x0) <= 2):
                first -= 1  # the paragraphs of a first cell above the ones the block stands beside
            merged = rows[first]
            for other in rows[first + 1 :]:
                for other_cell in other.cells:
                    _add(merged, other_cell.blocks)
            rows[first:] = [merged]
            row = merged
        _add(row, [block])
    return rows


def _add(row: _Row, blocks: list[_Block]) -> None:
    for block in blocks:
        cell = next((c for c in row.cells if block.x0 <= c.right + 2 and block.right >= c.x0 - 2), None)
        if cell is not None:
            cell.blocks.append(block)
        else:
            row.cells.append(_Cell([block]))
            row.cells.sort(key=lambda c: c.x0)
        row.top, row.bottom = max(row.top, block.top), min(row.bottom, block.bottom)


def _aligned(row: _Row, columns: list[tuple[float, float]]) -> bool:
    if len(row.cells) != len(columns):
        return False
    return all(cell.x0 <= right + _COLUMN_SLACK and cell.right >= x0 - _COLUMN_SLACK
               for cell, (x0, right) in zip(row.cells, columns))


def _heads(row: _Row, columns: list[tuple[float, float]]) -> bool:
    """Whether a row's cells stand over the given columns, one each (a heading may be centred over its column)."""
    if len(row.cells) != len(columns) or _is_list_row(row):
        return False
    for i, cell in enumerate(row.cells):
        low = columns[i - 1][1] if i > 0 else float("-inf")
        high = columns[i + 1][0] if i + 1 < len(columns) else float("inf")
        if not low - _COLUMN_SLACK <= (cell.x0 + cell.right) / 2 <= high + _COLUMN_SLACK:
            return False
    return True


def _first_column_only(row: _Row, columns: list[tuple[float, float]]) -> bool:
    return (len(row.cells) == 1 and not row.bold and not _is_list_row(row)
            and abs(row.cells[0].x0 - columns[0][0]) <= _COLUMN_SLACK)


def _is_list_row(row: _Row) -> bool:
    """A row of a list: its first cell, or the first words of it, are a list label ("a)", "(1)", "C 24")."""
    first = row.cells[0]
    opening = next(f.text.strip() for b in first.blocks for f in b.fragments if f.text.strip())
    return bool(_LIST_LABEL.match(first.text()) or _LIST_LABEL.match(opening))


def _columns(rows: list[_Row]) -> list[tuple[float, float]]:
    """The x-range of each column over the rows that have all cells (a broken row may have only its first)."""
    width = max(len(r.cells) for r in rows)
    full = [r for r in rows if len(r.cells) == width]
    return [(min(r.cells[i].x0 for r in full), max(r.cells[i].right for r in full)) for i in range(width)]


def _span(text: str, fragments: list[_Fragment]) -> tuple[int, int]:
    return min(f.start for f in fragments), max(f.start + len(f.text) for f in fragments)


def find_tables(text: str, fragments: list[_Fragment], state: TableState | None = None,
                exclude: set[int] = frozenset()) -> tuple[TableCut, TableState]:
    """The rewritten tables of one page as edits of its text, and what the next page may continue."""
    state = state or TableState()
    body = [f for i, f in enumerate(fragments) if i not in exclude]
    if not body or any(f.start < 0 for f in body):
        return TableCut([], 0), TableState()
    rows = _rows(_blocks(body))
    edits: list[Edit] = []
    count = 0
    next_state = TableState()
    index = 0
    while index < len(rows):
        row = rows[index]
        if len(row.cells) < 2 or _is_list_row(row) or row.bold:
            index += 1
            continue
        run = [row]
        columns = _columns(run)
        while index + len(run) < len(rows):
            candidate = rows[index + len(run)]
            if not _aligned(candidate, columns) or _is_list_row(candidate) or candidate.bold:
                break
            run.append(candidate)
            columns = _columns(run)
        # a bold last row in the same columns: the total ("Gesamt 100,00"), kept where the table has a header
        after = rows[index + len(run)] if index + len(run) < len(rows) else None
        beyond = rows[index + len(run) + 1] if index + len(run) + 1 < len(rows) else None
        heads_next = beyond is not None and not beyond.bold and _aligned(beyond, columns)  # the next table's header
        total = (after if after is not None and after.bold and _aligned(after, columns) and not _is_list_row(after)
                 and not heads_next else None)
        # a row broken by the page end: its first cell goes on alone at the bottom of this page
        tail = rows[index + len(run) :]
        if tail and all(_first_column_only(r, columns) for r in tail):
            run += tail
        header: list[str] | None = None
        data = run
        continued = False
        above = rows[index - 1] if index > 0 else None
        if above is not None and above.bold and _heads(above, columns):
            header, run = [c.text() for c in above.cells], [above] + run
        elif state.header and not edits and len(state.header) == len(columns) and _aligned(row, state.columns):
            # the table of the page before goes on: above it only the page number and the rest of a broken row
            head = [r for r in rows[:index] if len(r.text()) > 4]
            if all(_first_column_only(r, columns) for r in head) and (not head or rows.index(head[0]) == index - len(head)):
                header, run, data = state.header, head + run, head + run
                index -= len(head)
                continued = True
        if header is not None and total is not None:
            run, data = run + [total], data + [total]
        lead_row = above
        lead = lead_row.text() if lead_row is not None and header is None else ""
        following = next(i for i, r in enumerate(rows) if r is data[-1]) + 1
        if sum(len(r.cells) > 1 for r in data) < (1 if continued else 2) or (header is None and not lead.endswith(":")):
            index = following
            continue
        if header is not None:
            cells = _carry_on([[c.text() for c in r.cells] for r in data], len(header), state.last if continued else [])
            lines = ["; ".join(f"{h}: {c}" if h else c for h, c in zip(header, texts)) for texts in cells]
            covered = [f for r in run for f in r.fragments()]
            next_state = TableState(header, _columns(data), cells[-1])
        else:
            lines = [f"{lead} {r.text()}" for r in data]
            covered = lead_row.fragments() + [f for r in data for f in r.fragments()]
            next_state = TableState()
        start, end = _span(text, covered)
        edits.append(Edit(start, end, "\n\n" + "\n\n".join(lines) + "\n\n"))
        count += len(lines)
        index = following
    if rows and next_state.header is not None:
        last_table_end = max(e.end for e in edits)
        if any(f.start >= last_table_end and _visible(f) for f in body):
            next_state = TableState()  # text follows the table on this page: the next page starts afresh
    return TableCut(edits, count), next_state


def _carry_on(rows: list[list[str]], width: int, before: list[str]) -> list[list[str]]:
    """Rows whose first cell goes on alone (on the next page, or in a paragraph of its own) carry the other cells of
    the row they continue, and name it: "Düren, Kreis, davon (Fortsetzung): Arnoldsweiler, …; Art des
    Fördergebiets: D; …". `before`: the last row of the page before, for a row broken by the page end."""
    out: list[list[str]] = []
    for texts in rows:
        previous = out[-1] if out else before
        if len(texts) == 1 < width and len(previous) == width:
            name = previous[0].split(":", 1)[0].removesuffix(" (Fortsetzung)").strip()
            texts = [f"{name} (Fortsetzung): {texts[0]}", *previous[1:]]
        out.append(texts)
    return out


def split_page(text: str, fragments: list[_Fragment], state: TableState | None = None
               ) -> tuple[str, list[tuple[str, str, str]], TableState]:
    """A page's body text (footnotes and their markers cut out, tables rewritten row by row), its footnotes as
    (number, text, the body text just before its first marker), and the table state for the next page."""
    cut = find_footnotes(text, fragments)
    tables, state = find_tables(text, fragments, state, exclude=cut.zone)
    firsts = [min(note.markers) for note in cut.footnotes]
    body, moved = apply_edits(text, cut.edits + tables.edits, firsts)
    return body, [(note.number, note.text, anchor_before(body, at)) for note, at in zip(cut.footnotes, moved)], state
