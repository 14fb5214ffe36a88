"""Clean German text extracted from PDFs: hyphenation, glyphs, headers and footers, rotated-caption debris,
hard line breaks inside paragraphs, whitespace.

Every function takes and returns plain text; `clean_pages` applies them in order to the pages of a document.
"""

from __future__ import annotations

import re
import statistics
from collections import Counter
from collections.abc import Iterable

# Words after a line-end hyphen that show a real hyphen: a suspended compound ("Energie- und Mobilitätswende")
# or an English particle ("Start-up", "Know-how").
_KEEP_HYPHEN_BEFORE = {
    "und", "oder", "bzw", "sowie", "als", "bis", "noch", "wie", "&",
    "up", "in", "out", "how", "to", "on", "off", "down", "over", "minimis",
}
_CONJUNCTIONS = {"und", "oder", "bzw", "bzw.", "sowie", "als", "bis", "noch", "wie", "&"}
_WORD_CHARS = r"A-Za-zÄÖÜäöüß"
_LINE_END_HYPHEN = re.compile(
    rf"(?P<head>[{_WORD_CHARS}0-9]+)-[ \t]*\n(?:[ \t]*\n)?[ \t]*(?P<tail>[&]|[{_WORD_CHARS}0-9][{_WORD_CHARS}0-9.]*)"
)
_PRIVATE_USE = re.compile("[\ue000-\uf8ff]")
_BARE_PAGE_NUMBER = re.compile(r"^\s*(?:Seite\s+)?\d{1,4}(?:\s*(?:/|von)\s*\d{1,4})?\s*$")
_DOT_LEADER = re.compile(r"\s*\.{4,}\s*")
_BLOCK_START = re.compile(
    r"^\s*(?:\(\d+[a-z]?\)|[a-z]{1,2}\)|[•\-−–]\s|\d{1,2}(?:\.\d{1,2}){1,3}\s|\d{1,3}\s{2,}\S|Anhang\s+\d|Abb\.|©)"
)
_NUMBERED_ITEM = re.compile(r"^\d{1,2}(?:\.\d{1,2}){1,3}\s")
_CAPTION = re.compile(r"^(?:Abb\.|Tab\.|Abbildung|Tabelle|©)")
_SENTENCE_END = re.compile(r"[.:;!?]\s*$")


def repair_hyphenation(text: str) -> str:
    """Join words split at a line end ("leis-\\ntungsfähiges"), keep real hyphens ("Energie- und", "E-Mobilität")."""

    def join(match: re.Match[str]) -> str:
        head, tail = match.group("head"), match.group("tail")
        if (head + tail).lower() in _CONJUNCTIONS:
            return head + tail  # a conjunction split itself: "so-\nwie" is "sowie"
        if tail.rstrip(".").lower() in _KEEP_HYPHEN_BEFORE:
            spacer = " " if tail.lower() in _CONJUNCTIONS else ""
            return f"{head}-{spacer}{tail}"
        if tail[0].isupper() or tail[0].isdigit() or head[-1].isdigit():
            return f"{head}-{tail}"  # hyphenated compound: "Bahnanschluss-Strategie", "E-Mobilität", "2022-2027"
        return head + tail

    return _LINE_END_HYPHEN.sub(join, text)


def replace_private_glyphs(text: str) -> str:
    """Symbol-font bullets (U+F0A7 and the rest of the private-use area) become plain bullets."""
    return _PRIVATE_USE.sub("•", text)


def drop_letter_debris(text: str, *, min_run: int = 4, max_chars: int = 3) -> str:
    """Remove runs of lines that hold one to three letters each: a rotated table caption extracted letter by letter."""
    lines = text.split("\n")
    keep = [True] * len(lines)
    run: list[int] = []

    def close_run() -> None:
        if len(run) >= min_run:
            for index in run:
                keep[index] = False
        run.clear()

    for index, line in enumerate(lines):
        stripped = line.strip()
        if not stripped:
            if run:
                run.append(index)  # blank lines inside the run go with it
            continue
        if len(stripped) <= max_chars and not stripped.isdigit() and stripped not in {"•", "−", "-"}:
            run.append(index)
        else:
            while run and not lines[run[-1]].strip():
                run.pop()
            close_run()
    close_run()
    return "\n".join(line for line, kept in zip(lines, keep) if kept)


def strip_running_lines(pages: list[str], *, min_share: float = 0.5, edge_lines: int = 3) -> list[str]:
    """Drop bare page numbers and headers/footers that repeat at the top or bottom of many pages."""
    def edges(page: str) -> list[str]:
        lines = [line.strip() for line in page.split("\n") if line.strip()]
        return lines[:edge_lines] + lines[-edge_lines:]

    counts: Counter[str] = Counter()
    for page in pages:
        counts.update({_normalise_running(line) for line in edges(page)})
    threshold = max(3, int(len(pages) * min_share))
    running = {line for line, count in counts.items() if count >= threshold and len(pages) >= 3}

    cleaned = []
    for page in pages:
        lines = page.split("\n")
        visible = [i for i, line in enumerate(lines) if line.strip()]
        edge_indices = set(visible[:edge_lines] + visible[-edge_lines:])
        cleaned.append("\n".join(
            line for i, line in enumerate(lines)
            if not (i in edge_indices and (_BARE_PAGE_NUMBER.match(line) or _normalise_running(line.strip()) in running))
        ))
    return cleaned


def page_labels(pages: list[str], *, edge_lines: int = 2) -> list[str | None]:
    """The printed page number of each page: a bare number among its first or last lines."""
    labels: list[str | None] = []
    for page in pages:
        lines = [line.strip() for line in page.split("\n") if line.strip()]
        edges = lines[:edge_lines] + lines[-edge_lines:]
        labels.append(next((line for line in edges if re.fullmatch(r"\d{1,4}", line)), None))
    return labels


def _normalise_running(line: str) -> str:
    return re.sub(r"\d+", "#", line)


def reflow(text: str, *, keep_lines: Iterable[str] = ()) -> str:
    """Join hard line breaks inside paragraphs.

    A break is kept after a short line (a heading, a table row, the end of a paragraph), after a sentence end
    followed by an upper-case line, before a list or paragraph marker, and before any line in `keep_lines`
    (known headings).
    """
    lines = text.split("\n")
    lengths = [len(line.rstrip()) for line in lines if len(line.strip()) > 20]
    full = statistics.median(lengths) if lengths else 80
    protected = [_squash(line) for line in keep_lines if line.strip()]
    out: list[str] = []
    in_numbered_item = False  # a numbered entry ("2.3 – Energiewende als") runs on until a blank line
    for index, line in enumerate(lines):
        out.append(line.rstrip())
        if index + 1 >= len(lines):
            break
        nxt = lines[index + 1].strip()
        current = line.strip()
        if _NUMBERED_ITEM.match(current):
            in_numbered_item = True
        if not current or not nxt:
            in_numbered_item = False
            out.append("\n")
            continue
        starts_lower = nxt[0].islower()
        is_full = len(line.rstrip()) >= 0.5 * full
        protected_next = any(_squash(nxt).startswith(p) for p in protected)
        if protected_next or _BLOCK_START.match(nxt) or _CAPTION.match(current):
            in_numbered_item = False
            out.append("\n")
        elif starts_lower or in_numbered_item or (is_full and not _SENTENCE_END.search(current)):
            out.append(" ")
        else:
            out.append("\n")
    return "".join(out)


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text)[:40]


_TOC_LINE = re.compile(r".*\S\s*\.{4,}\s*\d{1,4}\s*")


def drop_table_of_contents(text: str) -> str:
    """Table-of-contents entries ("Förderhöchstsätze ........ 13") are navigation, not content: the recovered
    section numbers and pages replace them. An entry wrapped over two lines goes whole."""
    lines = text.split("\n")
    drop = [bool(_TOC_LINE.fullmatch(line)) for line in lines]
    for i in range(1, len(lines) - 1):
        if drop[i] or not drop[i - 1] or _SENTENCE_END.search(lines[i]):
            continue
        following = lines[i + 1 : i + 3]
        if any(_TOC_LINE.fullmatch(line) for line in following):  # an entry wrapped over up to three lines
            drop[i] = True
    return "\n".join(line for line, dropped in zip(lines, drop) if not dropped)


def normalise_whitespace(text: str) -> str:
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u00a0", " ").replace("\t", " ")
    text = _DOT_LEADER.sub(" … ", text)
    text = re.sub(r"[ \u2000-\u200b]+", " ", text)
    text = re.sub(r" *\n *", "\n", text)
    text = re.sub(r"\n{3,}", "\n\n", text)
    return text.strip()


_FOOTNOTE_LINE = re.compile(r"^\s*(\d{1,3})\s{2,}\S", re.MULTILINE)


def drop_footnote_markers(text: str) -> str:
    """Superscript footnote numbers glued to a word ("Verteidigung51;") go; the footnotes themselves stay."""
    numbers = sorted({m.group(1) for m in _FOOTNOTE_LINE.finditer(text)}, key=len, reverse=True)
    if not numbers:
        return text
    pattern = re.compile(rf"(?<=[{_WORD_CHARS}\)“\"])(?:{'|'.join(numbers)})(?=[\s,.;:)]|$)")
    return pattern.sub("", text)


def clean_page(text: str, *, keep_lines: Iterable[str] = ()) -> str:
    text = drop_table_of_contents(text)
    text = drop_footnote_markers(text)
    text = replace_private_glyphs(text)
    text = drop_letter_debris(text)
    text = repair_hyphenation(text)
    text = reflow(text, keep_lines=keep_lines)
    return normalise_whitespace(text)


def join_split_word_across_pages(pages: list[str]) -> list[str]:
    """A word hyphenated at the end of a page continues on the next: move its tail back."""
    pages = list(pages)
    for i in range(len(pages) - 1):
        end = re.search(rf"([{_WORD_CHARS}]+)-$", pages[i])
        start = re.match(rf"([a-zäöüß][{_WORD_CHARS}]*[,.;:]?)\s*", pages[i + 1])
        if end and start and start.group(1).rstrip(",.;:").lower() not in _KEEP_HYPHEN_BEFORE:
            pages[i] = pages[i][: end.end() - 1] + start.group(1)
            pages[i + 1] = pages[i + 1][start.end():]
    return pages


# A page that ends inside a sentence: its last word is a lower-case one, with no mark that ends or breaks off a
# sentence, a list item or a heading ("… für bis zu fünf Jahre, aber nicht länger als acht Jahre, bei kleinen,
# innovativen")
_OPEN_END = re.compile(rf"(?<![{_WORD_CHARS}])[a-zäöüß][{_WORD_CHARS}]*,?$")
# The rest of that sentence at the top of the next page: up to its end, short, in one paragraph, and no heading, numbered
# paragraph or list item of its own ("Unternehmen zehn Jahre, bereit.")
_REST_OF_SENTENCE = re.compile(r"(?!\(?\d|[a-z]\)\s)[^\n]{1,200}?[.!?](?=\s|$)")


def join_split_sentence_across_pages(pages: list[str]) -> list[str]:
    """A sentence broken off at the end of a page goes on at the top of the next: move its rest back, so that no
    passage ends, and no quote is cut, in the middle of it."""
    pages = list(pages)
    for i in range(len(pages) - 1):
        rest = _REST_OF_SENTENCE.match(pages[i + 1])
        if _OPEN_END.search(pages[i]) and rest:
            pages[i] = f"{pages[i]} {rest.group()}"
            pages[i + 1] = pages[i + 1][rest.end():].lstrip()
    return pages


def clean_pages(pages: list[str], *, keep_lines: Iterable[str] = ()) -> list[str]:
    """Clean every page of a document; page boundaries are kept so that passages know their pages."""
    keep = list(keep_lines)
    stripped = strip_running_lines(pages)
    return join_split_sentence_across_pages(
        join_split_word_across_pages([clean_page(page, keep_lines=keep) for page in stripped]))


_SQUASHED_AWAY = re.compile(r"[\s\-\u00ad•]")


def find_anchor(anchor: str, text: str, *, min_chars: int = 12) -> int | None:
    """The offset in cleaned `text` right after the raw `anchor` (text that stood before a footnote marker), found
    whatever the cleaning did to white space, line-end hyphens and bullets; None where it is not there."""
    squashed_anchor = _SQUASHED_AWAY.sub("", replace_private_glyphs(anchor))
    kept = [i for i, char in enumerate(text) if not _SQUASHED_AWAY.match(char)]
    squashed = "".join(text[i] for i in kept)
    for size in (40, 24, min_chars):
        key = squashed_anchor[-size:]
        if len(key) < min(size, min_chars):
            continue
        found = squashed.find(key)
        if found >= 0:
            return kept[found + len(key) - 1] + 1
    return None
