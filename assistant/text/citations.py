"""Numbered citations whose quotes stand verbatim in the cited passage."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import Any

from assistant.text.asked import asks
from assistant.text.analysis import stems, terms
from assistant.core.answer import AnswerCitation
from assistant.core.model import Passage

# A sentence ends at . ! ? before white space and an upper-case letter or an opening quote; not after a number
# ("31. Dezember", "Nr. 2. Absatz") or a common abbreviation ("z. B.", "Abs.", "Mio."). A line break ends a sentence
# only where the line before ends in punctuation or the next begins a numbered paragraph, a list item or a letter item
# ("(2)", "•", "b)"), or where the line before is short (a heading): the PDF breaks full lines inside sentences
# ("für die Ermittlung der\nBeihilfeintensität").
_BOUNDARY = re.compile(r"(?<=[.!?])[ \t]{1,20}(?=[A-ZÄÖÜ„\"(•−–])|(?<=[.!?:;])[ \t]{0,20}\n{1,20}|\n{2,20}"
                       r"|\n{1,20}(?=[ \t]{0,8}(?:\(\d{1,2}[a-z]?\)|[•\-−–]\s|[a-z]{1,2}\)\s|\d{1,2}\.\s|#))"
                       r"|\n(?=[A-ZÄÖÜ])")
_HEADING_LINE = 60  # a line shorter than this, without final punctuation, before a capital: a heading
_NO_END_BEFORE_DOT = re.compile(
    r"(?:\b(?:z|B|Nr|Abs|bzw|ggf|u|a|S|vgl|d|h|i|V|v|m|Art|lit|ca|inkl|Mio|Mrd|Tsd|gem|Buchst|Ziff|Fn|bspw|sog|usw|evtl|"
    r"Nds|Erl|MB|MBl|BGBl|GVBl|ABl|Bek|RdErl|Gem|Str|Tel|St|Dr|Prof|Vgl|Ggf|insb|insbes|einschl|zzgl|bzgl|ff|Abb|"
    r"Tab|Kap)|(?<!\d)\d{1,2})\.$"
)


def dot_ends_sentence(text: str) -> bool:
    """Whether the final dot of `text` ends a sentence: not after an abbreviation ("bzw.") or a day number."""
    return not _NO_END_BEFORE_DOT.search(text)


def split_sentences(text: str) -> list[str]:
    """The sentences (and list items) of a text, each a verbatim slice of it."""
    sentences, start = [], 0
    for match in _BOUNDARY.finditer(text):
        if match.group(0) == "\n" and not text[max(0, match.start() - 1) : match.start()] in ".!?:;":
            line_start = text.rfind("\n", 0, match.start()) + 1
            last_word = text[line_start : match.start()].rsplit(" ", 1)[-1]
            if match.start() - line_start >= _HEADING_LINE and (last_word[:1].islower() or last_word[-1:] in ",-"):
                continue  # a full line of running text broken before a noun ("die Ermittlung der\nBeihilfe…")
        if "\n" in match.group(0) or dot_ends_sentence(text[start : match.start()]):
            sentences.append(text[start : match.start()])
            start = match.end()
    sentences.append(text[start:])
    return [s.strip() for s in sentences if s.strip()]


MAX_QUOTE_CHARS = 320
# The longest a quote may run: a very long sentence is cut at a clause boundary before it; a lead with the list it runs
# on into may run to it, as a list cut off misleads ("… mindestens eine der folgenden Voraussetzungen …" without its c)
LONGEST_QUOTE_CHARS = 3 * MAX_QUOTE_CHARS


@dataclass
class Citation:
    n: int
    passage: Passage
    quote: str
    page: int | None = None  # the PDF page on which the quote stands (a passage may span two)
    page_label: str = ""
    def to_answer(self) -> AnswerCitation:
        p = self.passage
        section = f"{p.goal_code or p.section_number} {p.section_title}".strip() if (p.goal_code or p.section_number or p.section_title) else None
        page = self.page if self.page is not None else p.page_start
        label = self.page_label or p.page_label or None
        return AnswerCitation(self.n, p.document, p.document_title, page, label, section, self.quote, p.chunk_id,
                              citation_on_page(p, page, label))

    def to_dict(self) -> dict[str, Any]:
        return self.to_answer().to_dict()


def find_verbatim(passage_text: str, quote: str) -> str | None:
    """The passage's own wording of `quote`, where they differ only in white space (line breaks, spaces)."""
    words = quote.split()
    if not words:
        return None
    pattern = r"\s+".join(re.escape(w) for w in words)
    match = re.search(pattern, passage_text)
    return match.group(0) if match else None


def german_citation(passage: Passage, *, with_title: bool = False) -> str:
    """The one German citation string: "GRW-Koordinierungsrahmen 2026, Nr. 3.4.2, S. 32" (printed page where the
    document has page numbers; a footnote adds its number: "Nr. 3.5.1, Fn. 70, S. 33"); `with_title` adds the section title ("Nr. 3.4.2 „Regionalmanagement“") for an
    application's list of sources. The CLI, the API (and through it the page) and the export all use it."""
    parts = [passage.document_title]
    if passage.goal_code:
        kind = "Handlungsziel" if passage.goal_code.count(".") == 2 else "Leitziel"
        parts.append(f"{kind} {passage.goal_code}")
    elif passage.section_number:
        number = passage.section_number
        parts.append(number if number.startswith("Anhang") else f"Nr. {number}")
    elif passage.section_title and not passage.footnote:
        parts.append(f"{'Abschnitt ' if with_title else ''}„{passage.section_title.strip()}“")
    if (with_title and (passage.goal_code or passage.section_number) and passage.section_title.strip()
            and not passage.footnote):
        parts[-1] += f" „{passage.section_title.strip()}“"
    if passage.footnote:
        parts.append(f"Fn. {passage.footnote}")
    if passage.page_start:
        label = passage.page_label or str(passage.page_start)
        parts.append(f"S. {label}")
    text = ", ".join(parts)
    if with_title and passage.kind == "summary":
        text += " (Zusammenfassung des Projekts, kein Originaltext)"
    return text


def citation_on_page(passage: Passage, page: int | None, label: str | None) -> str:
    """`german_citation` of a quote that stands on `page` (printed `label`) of its passage, which may span two."""
    return german_citation(replace(passage, page_start=page, page_label=label or "") if page else passage)


def citation_from_fields(title: str, section: str | None, page: int | str | None) -> str:
    """The citation string where only an answer's citation fields are known (no indexed passage at hand)."""
    parts = [title or "Unbekanntes Dokument"]
    if section:
        parts.append(f"Abschnitt {section}")
    if page:
        parts.append(f"S. {page}")
    return ", ".join(parts)


# What a question of fact may prefer in a sentence: any figure (dates, deadlines, numbers), or an amount.
FIGURE = re.compile(r"\d")
# "20 Prozent", "200.000 Euro", and "1 Million Euro", "43 Millionen Euro", "1,5 Mio. €"; bounded runs: linear on long
# digit runs.
AMOUNT = re.compile(r"\d[\d.,]{0,30}\s{0,5}(?:(?:Million(?:en)?|Milliarde(?:n)?|Mio\.|Mrd\.|Tsd\.)\s{0,3})?"
                    r"(?:Prozent|%|Euro|€)"
                    # a table cell under its unit: "Mittelquote (in Prozent): 6,08"
                    r"|\((?:in\s{1,3})?(?:Prozent|%|(?:Millionen|Mio\.|Tsd\.)?\s{0,3}Euro|€)\):\s{0,3}\d")
# A span of time: what "wie lange" asks for ("15 Jahren", "fünf Jahre", "36 Monaten"), not a date.
SPAN = re.compile(r"\d{1,3}\s{1,3}(?:Jahr|Monat|Woche|Tag)|\b(?:ein|eine[mn]?|zwei|drei|vier|fünf|sechs|sieben|acht|neun|zehn"
                  r"|zwölf|fünfzehn|zwanzig)\s{1,3}(?:Jahr|Monat|Woche)")
# A span of time or a date: what "bis wann" or a question of a deadline asks for.
DURATION = re.compile(r"\d{1,3}\s{1,3}(?:Jahr|Monat|Woche|Tag)|\b(?:ein|eine[mn]?|zwei|drei|vier|fünf|sechs|sieben|acht|neun|zehn"
                      r"|zwölf|fünfzehn|zwanzig)\s{1,3}(?:Jahr|Monat|Woche)|\d{1,2}\.\s{0,3}(?:Januar|Februar|März|April|Mai"
                      r"|Juni|Juli|August|September|Oktober|November|Dezember)\s{1,3}\d{4}|\d{1,2}\.\d{1,2}\.\d{4}")


# A row of the WZ classification as KR Nr. 2.7.1 lists it: a section letter, perhaps a division, and its title.
_CLASSIFICATION_ROW = re.compile(r"[A-V](?:[ \t]\d{2}(?:\.\d{1,2})?)?[ \t][A-ZÄÖÜ]")


def informative(sentence: str) -> bool:
    """A sentence that can stand on its own as a quote: not a table header ("K 61 Telekommunikation") or a row of a
    classification list, not a list of names ("Landkreis Emsland, Landkreis Leer, …"), not a bare heading. A stated
    amount always is."""
    if "http" in sentence or "www." in sentence:
        return False  # a list of sources says nothing on the question
    if AMOUNT.search(sentence):
        return True
    words = sentence.split()
    if len(words) < 5:
        return False
    if _CLASSIFICATION_ROW.match(sentence) and not sentence.rstrip().endswith("."):
        return False  # rows of a classification list ("L Erbringung von Finanz- … M Grundstücks- und Wohnungswesen")
    lower = sum(1 for w in words if w[:1].islower())
    return lower >= 0.2 * len(words) and sentence.count(",") <= 0.35 * len(words)


def best_sentence(passage: Passage, query: str, *, prefer: re.Pattern[str] | None = None,
                  favour: re.Pattern[str] | None = None, require: re.Pattern[str] | None = None) -> str:
    """The sentence of `scored_sentence`, without its score."""
    return scored_sentence(passage, query, prefer=prefer, favour=favour, require=require)[0]


def scored_sentence(passage: Passage, query: str, *, prefer: re.Pattern[str] | None = None,
                    favour: re.Pattern[str] | None = None,
                    require: re.Pattern[str] | None = None) -> tuple[str, float]:
    """The passage sentence (or list item) that shares most stems with the query, verbatim and whole. A sentence
    matching `prefer` gets half a stem more, one matching `favour` a whole stem (the Osnabrück row of a rates table).
    Headings, table headers and lists of names are passed over while the passage has a sentence that says something;
    long sentences lose a little. A sentence that runs on into a list ("… sind nach Fertigstellung\na) bei
    Baumaßnahmen … 15 Jahren und\nb) …") is weighed together with its list, and a lead that opens a list ("… drei
    Hauptziele:") gets half a stem more: its list is what it says; a list item that is the middle of a sentence ("a) bei
    Baumaßnahmen …") loses a little against the whole sentence. With `require`, only a sentence matching it (an
    amount, a span of time) may be the quote, and sharing no stem with the query (nor the query one with the passage's
    title) it is none: then the result is "". The score is the number of stems (and compound n-grams) the quote shares
    with the query, with the bonuses and penalties above."""
    wanted = terms(query)
    title = passage.section_title.strip()
    best, best_score = None, float("-inf")
    # the query names what the passage's title is about ("die Bindung" of "Bindungsfrist"): a figure of it answers
    about_title = bool(require) and any(q in t for q in stems(query) if len(q) >= 5 for t in stems(title))
    headings = passage.text[:_heading_block_end(passage.text)]
    for sentence in _candidates(passage.text):
        if len(sentence) < 15 or sentence.startswith("#") or sentence.strip() == title or _NUMBERED_HEADING.match(sentence):
            continue  # fragments and headings (Markdown, numbered, the passage's own title) say nothing on their own
        if headings and sentence in headings:
            continue  # (nor the headings the passage opens with: "Förderhöchstsätze, Beihilfeintensität und …")
        if require and not require.search(_without_references(sentence)):
            continue
        overlap = len(wanted & terms(sentence))
        if require and not overlap and not about_title:
            continue
        opens_list = sentence.endswith(":") and _with_following_list(passage.text, sentence) != sentence
        fragment = bool(_FRAGMENT_ITEM.match(sentence))  # "a) bei Baumaßnahmen …": the middle of a sentence
        score = (overlap + (0.5 if prefer and prefer.search(_without_references(sentence)) else 0.0)
                 + (0.5 if opens_list else 0.0) - (0.3 if fragment else 0.0)
                 + (1.0 if favour and favour.search(sentence) else 0.0)
                 - (0.0 if informative(sentence) else 100.0)
                 - len(sentence) / 2000 - max(0, len(sentence) - _limit(sentence)) / 150)
        if score > best_score:
            best, best_score = sentence, score
    if require and best is None:
        return "", float("-inf")
    quote = best or passage.text.strip()
    # (an item of a list of things that answers, ending in a comma, is whole where the question asks one thing: "b)
    # Lehr-, Erlebnis- und Naturpfade …," for a moor trail, not the list's toilets and ski trails up to o); a question
    # of several asks may be answered by several items: "(4) Nicht förderfähig sind: … d) Eigenleistungen … h)
    # Umsatzsteuer …" for a building yard's work and the VAT)
    if _RUNS_ON.search(quote) and not (quote.endswith(",") and _ITEM_START.match(quote) and len(asks(query)) < 2):
        return completed(passage.text, quote), best_score
    if len(quote) > LONGEST_QUOTE_CHARS:
        # Only a very long sentence is shortened, and then at a clause boundary ("; "), never inside a clause.
        cut = quote.rfind("; ", 0, LONGEST_QUOTE_CHARS)
        quote = quote[: cut + 1] if cut > 40 else quote
    return quote, best_score


def with_list_lead(passage_text: str, quote: str) -> str:
    """A quote of list items ("d) Eigenleistungen des Zuwendungsempfängers …, … i) Richtfest …") with the lead that
    opens their list and the items before them ("(4) Nicht förderfähig sind: a) … d) …"), verbatim, where the lead
    stands right above the list and the whole is within LONGEST_QUOTE_CHARS: items alone read as what they are not
    (costs that are not eligible as costs that are). Else `quote`."""
    if not _ITEM_START.match(quote):
        return quote  # (a row of a classification list, "F Baugewerbe", stands for itself)
    start = passage_text.find(quote)
    if start <= 0:
        return quote
    lines_before = passage_text[:start].rstrip("\n").split("\n")
    at = start
    for line in reversed(lines_before):
        at -= len(line) + 1
        if _ITEM_START.match(line):
            continue  # an item before the quote's: part of the same list
        if line.rstrip().endswith(":"):
            whole = passage_text[at: start + len(quote)].strip()
            return whole if len(whole) <= LONGEST_QUOTE_CHARS else quote
        return quote  # the list has no lead right above it
    return quote


# A line that ends as no heading does (a sentence, a clause, a list's lead), or opens as a paragraph or list item does
_NO_HEADING_LINE = re.compile(r"[.,;:!?]\s*$|^\s*(\(\d{1,2}\)|[a-z]{1,2}\)|[•\-−–])")


def _heading_block_end(text: str) -> int:
    """Where the headings a passage opens with end ("Ausbau der wirtschaftsnahen Infrastruktur\nGrundsätze der
    Förderung\nFördersätze\n…"): the start of its first line that is no heading; 0 where the first line is none, or
    where every line would be one (a passage of a list, a table)."""
    end = 0
    lines = text.split("\n")
    for line in lines[:-1]:
        if not line.strip() or _NO_HEADING_LINE.search(line) or len(line) > 120:
            return end
        end += len(line) + 1
    return 0


# A sentence cut inside a phrase, at a preposition or an article before its list ("(1) Förderfähig sind Investitionen
# in\na) …") or before the rest of its line
_CUT_INSIDE = re.compile(r"\b(in|im|an|am|auf|aus|bei|beim|bis|durch|für|gemäß|mit|nach|über|um|unter|von|vom|vor|zu|zum"
                         r"|zur|den|dem|des|ein|eine|einer|eines|einem)$")
# A quote that runs on into what follows it: a list's opening, a sentence cut at "… oder" before its next item, or one
# cut inside a phrase
_RUNS_ON = re.compile(rf"[:,]$|\b(die|der|das|dass|wenn|sind|ist|oder|und|sowie|entweder)$|{_CUT_INSIDE.pattern}")


def runs_on(quote: str) -> bool:
    """Whether a quote runs on into what follows it: a list's opening, a sentence cut at "… oder" before its next item,
    or one cut inside a phrase ("… zum Erwerb der Vermögenswerte einer")."""
    return bool(_RUNS_ON.search(quote))


def completed(passage_text: str, quote: str) -> str:
    """`quote` with the list items it runs on into ("… ist entweder a) … oder b) … oder" and its c) and d)), verbatim
    as they stand in the passage; else `quote`."""
    return _with_following_list(passage_text, quote) if _RUNS_ON.search(quote) else quote


# Where a quote ends a list item or a table row: the next line opens the next item ("F Baugewerbe\nG Handel …", "… oder\n
# b) der Beginn …"); a section number that a line break cut from its word ("nach Nummer\n3.2.2.1") opens none
_NEXT_ITEM = re.compile(r"[ \t]{0,20}\n[ \t]{0,40}(?:[•\-−–]|[a-z]{1,2}\)|\d{1,2}\.\s|\(\d{1,2}[a-z]?\)"
                        r"|[A-V](?:[ \t]\d{2}(?:\.\d{1,2})?)?[ \t](?=[A-ZÄÖÜ]))")


def to_sentence_end(passage_text: str, quote: str, limit: int = MAX_QUOTE_CHARS + 200) -> str:
    """`quote` run on to the end of its sentence, verbatim as it stands in the passage, where a curated quote stops
    inside it ("Es werden nur Vorhaben gefördert, für die vor Beginn der Arbeiten für das Investitionsvorhaben" without
    "bei einer … Stelle ein schriftlicher Antrag … gestellt wurde."): a quote is whole. A quote that ends a list item,
    a table row or a paragraph stays; so does one whose sentence would run past `limit`."""
    start = passage_text.find(quote)
    if start < 0 or quote.rstrip().endswith((".", "!", "?", ";", ":")):
        return quote
    end = start + len(quote)
    rest = passage_text[end:]
    if not rest.strip() or "\n\n" in rest[: len(rest) - len(rest.lstrip())] \
            or _NEXT_ITEM.match(rest[1:] if rest[:1] in ",;" else rest):
        return quote  # (an item's end: "… verursacht wurden" before ",\nb) …")
    # the sentences from the start of the line the quote ends on: whether a line break ends a sentence depends on the
    # whole line ("… der Vermögenswerte einer\nBetriebsstätte, …": a full line runs on)
    line_start = passage_text.rfind("\n", 0, end) + 1
    whole_end, at = None, line_start
    for sentence in split_sentences(passage_text[line_start:]):
        at = passage_text.find(sentence, at) + len(sentence)
        if at >= end - (len(quote) - len(quote.rstrip())):
            # (a quote that ends its sentence stays as it is)
            whole_end = at if at > end and sentence.endswith((".", "!", "?", ";", ":")) else None
            break
    if whole_end is None:
        return quote
    return passage_text[start:whole_end] if whole_end - start <= limit else quote


# A line's mark before its text: "(1) ", "a) ", "aa) ", "2.1 – ", "8.6 ", "➔ ", "Anhang 5 "
_MARK_ONLY = re.compile(r"[ \t]{0,8}(\(\d{1,2}[a-z]?\)|[a-z]{1,3}\)|\d{1,2}(\.\d{1,2}){0,4}\.?([ \t]{1,3}[–-])?|➔|Anhang[ \t]{1,3}\d{1,2})?[ \t]{0,8}")


def from_sentence_start(passage_text: str, quote: str, limit: int = MAX_QUOTE_CHARS + 200) -> str:
    """`quote` with the start of its sentence, verbatim as it stands in the same paragraph, where a curated quote begins
    inside it ("90 Prozent fördern, wenn …" without "Das Land kann mit bis zu"); else `quote`."""
    start = passage_text.find(quote)
    before = passage_text[:start].rstrip(" \t")
    if start <= 0 or not before or before[-1] in ".!?:;\n" or _NEW_PARAGRAPH.match(quote) \
            or _LIST_START.match(quote) \
            or _MARK_ONLY.fullmatch(passage_text[passage_text.rfind("\n", 0, start) + 1: start]):
        return quote  # the quote opens its paragraph, list item or row (after its mark: "(1) ", "a) ", "2.1 – ")
    earlier = split_sentences(passage_text[:start])
    if not earlier:
        return quote
    at = passage_text.rfind(earlier[-1], 0, start)
    if at < 0 or "\n" in passage_text[at:start] or start + len(quote) - at > limit:
        return quote  # (not back across a line: a list item's lead belongs to the item before)
    return passage_text[at:start + len(quote)]


@lru_cache(maxsize=4096)
def whole_quote(passage_text: str, quote: str) -> str:
    """A curated quote made whole: from the start of its sentence to its end (`from_sentence_start`, `to_sentence_end`),
    a list item with its list's lead (`with_list_lead`).
    Remembered: an answer resolves the same few curated quotes many times, each splitting its passage into sentences."""
    whole = with_list_lead(passage_text, to_sentence_end(passage_text, from_sentence_start(passage_text, quote)))
    return _with_following_list(passage_text, whole) if _CUT_INSIDE.search(whole) else whole


# A list item that goes on with the sentence before it ("… nach Fertigstellung\na) bei Baumaßnahmen …").
_FRAGMENT_ITEM = re.compile(r"[a-z]{1,2}\)[ \t]{1,5}[a-zäöüß]")
# A sentence that goes on from the one before it: it opens with a word pointing back ("Es greift …", "Dies gilt …"),
# has one early on ("Der Landkreis sollte dabei …", "Als einer der ersten Landkreise … setzt er damit …"), or refers to
# the sentence before by number ("… genügt … das Übersteigen gemäß Satz 1 um mindestens 25 Prozent").
_POINTS_BACK = re.compile(r"(?:Es|Er|Sie|Dies|Diese[mnrs]?|Das gilt|Gleiches|Dasselbe|Dabei|Damit|Dazu|Dafür|Hierzu|"
                          r"Hierbei|Hierfür|Darüber hinaus|Abweichend|Ausgenommen)\b")
_POINTS_BACK_EARLY = re.compile(r"(?<!, )\b(?:dabei|damit|dafür|hierzu|hierbei|hierfür|dazu|davon)\b")
_REFERS_TO_SENTENCE = re.compile(r"\bSatz\s{1,3}\d\b")
_NEW_PARAGRAPH = re.compile(r"\(\d{1,2}[a-z]?\)|[•\-−–]\s|[a-z]{1,2}\)\s|\d{1,2}\.\s|#")


def continuation(passage_text: str, quote: str) -> str:
    """The sentence right after `quote` in the same paragraph when it goes on from it (it points back to it, or
    refers to it by number), else "". A sentence cut from its continuation often echoes the question and leaves the
    answer out: "Gleichzeitig ist das IREK eng mit … Strategien verzahnt." without "Es greift die Ziele … der
    LEADER-Entwicklungskonzepte … sowie der Innovationsstrategie RIS3 Niedersachsen auf …"."""
    start = passage_text.find(quote)
    if start < 0:
        return ""
    end = start + len(quote)
    rest = passage_text[end:]
    gap = len(rest) - len(rest.lstrip())
    if "\n\n" in rest[:gap] or not rest.strip():
        return ""  # the paragraph ends here
    following = split_sentences(rest)
    if not following:
        return ""
    nxt = following[0]
    if _GOES_ON_PARAGRAPH.match(nxt):
        # a numbered paragraph that goes on from the one quoted ("(2) Zudem ist zu prüfen, ob" and its list)
        whole = _with_following_list(passage_text, nxt)
        return whole if whole != nxt or nxt.endswith((".", "!", "?")) else ""
    if _NEW_PARAGRAPH.match(nxt) or not nxt.endswith((".", "!", "?")):
        return ""  # a new numbered paragraph or list item, or a heading
    # (or names what it said by a demonstrative early: "Spätestens nach Ablauf dieser Übergangsfrist …", as
    # `with_antecedent` reads the sentence before)
    if _POINTS_BACK.match(nxt) or _POINTS_BACK_EARLY.search(nxt[:80]) or _REFERS_TO_SENTENCE.search(nxt) \
            or (back := _POINTS_BACK_INSIDE.search(nxt[:60])) and not _THE_TEXT_ITSELF.match(nxt, back.end() - 1):
        return nxt
    return ""


# A numbered paragraph that opens by going on from the one before: "(2) Zudem ist zu prüfen, ob", "(3) Außerdem …"
_GOES_ON_PARAGRAPH = re.compile(r"\(\d{1,2}\)\s{1,3}(Zudem|Außerdem|Ferner|Darüber hinaus|Des Weiteren|Weiterhin)\b")
_POINTS_BACK_INSIDE = re.compile(r"\b(?:dieser|diesen|diesem|dieses|diese)\s{1,3}[A-ZÄÖÜ]")
# what "dieser …" names when it is the text itself, not the sentence before ("nach dieser Nummer", "dieser Richtlinie")
_THE_TEXT_ITSELF = re.compile(r"(?:Nummer|Ziffer|Richtlinie|Vorschrift|Regelung|Koordinierungsrahmen|Rahmenplan)\b")


def with_antecedent(passage_text: str, quote: str, limit: int = MAX_QUOTE_CHARS + 200) -> str:
    """The sentence before `quote` and `quote`, verbatim as they stand in the same paragraph, where `quote` points
    back to it ("Spätestens nach Ablauf dieser Übergangsfrist …" needs the sentence that names the date), while within
    `limit`; else `quote`."""
    start = passage_text.find(quote)
    if start <= 0 or not (_POINTS_BACK.match(quote) or _POINTS_BACK_INSIDE.search(quote[:80])):
        return quote
    if _NEW_PARAGRAPH.match(quote):
        return quote  # the quote opens a numbered item
    earlier = split_sentences(passage_text[:start])
    if not earlier:
        return quote
    previous = earlier[-1]
    at = passage_text.rfind(previous, 0, start)
    if at < 0 or "\n\n" in passage_text[at:start] or not previous.endswith((".", "!", "?", ":")):
        return quote  # no sentence before it in the same paragraph
    joined = passage_text[at:start + len(quote)]
    return joined if len(joined) <= limit else quote


def with_continuation(passage_text: str, quote: str, limit: int = MAX_QUOTE_CHARS + 200) -> str:
    """`quote` and the sentence that goes on from it, verbatim as they stand in the passage, while within `limit`."""
    nxt = continuation(passage_text, quote)
    if not nxt:
        return quote
    start = passage_text.find(quote)
    end = passage_text.find(nxt, start + len(quote)) + len(nxt)
    joined = passage_text[start:end]
    return joined if len(joined) <= limit else quote


# How long the whole wording of a rule may run that someone asks for to quote it ("den genauen Wortlaut … für die
# Ratsvorlage"): a numbered paragraph with its list, or a short section's whole text
WHOLE_PARAGRAPH_CHARS = 1200
_PARAGRAPH_MARK = re.compile(r"^[ \t]{0,8}\(\d{1,2}[a-z]?\)[ \t]", re.MULTILINE)


def _body_start(text: str) -> int:
    """Where a passage's text begins after the heading lines it opens with ("Ausbau der wirtschaftsnahen
    Infrastruktur\nGrundsätze der Förderung\nFördersätze\nDie Förderung beträgt …")."""
    at = 0
    for line in text.split("\n")[:-1]:
        words = line.strip()
        if words and (len(words) >= _HEADING_LINE or words[-1] in ".!?:;,"):
            break
        at += len(line) + 1
    return at


def _paragraph_span(text: str, start: int, end: int) -> tuple[int, int]:
    """The span of the numbered paragraph ("(3) …" up to "(4)") or, where the text numbers none, of the block between
    blank lines after the heading lines, that holds text[start:end]."""
    marks = [m.start() for m in _PARAGRAPH_MARK.finditer(text)]
    begin = max([m for m in marks if m <= start], default=_body_start(text))
    blank = text.rfind("\n\n", begin, start)
    begin = blank + 2 if blank >= 0 else begin
    stop = min([m for m in marks if m >= end], default=len(text))
    blank = text.find("\n\n", end, stop)
    return begin, blank if blank >= 0 else stop


# A paragraph that reads only with those before it in its section: "die nicht die oben angegebenen Voraussetzungen für
# KMU erfüllen", "die in den Absätzen 1 und 2 genannten"
_POINTS_TO_EARLIER_PARAGRAPHS = re.compile(
    r"\b(?:oben\s{1,3}(?:angegeben|genannt|aufgeführt|bezeichnet)\w*|vorstehend\w*|in\s{1,3}den\s{1,3}Absätzen"
    r"\s{1,3}\d)", re.IGNORECASE)


def whole_paragraph(passage_text: str, quote: str, more: Callable[[str], bool] | None = None,
                    limit: int = WHOLE_PARAGRAPH_CHARS) -> str:
    """The whole numbered paragraph that holds `quote`, with its list items, verbatim as it stands in the passage, and
    the paragraphs after it in the passage for which `more` holds (the rest of what the question asks for: "ab wann …,
    bis wann … und gibt es eine Obergrenze?" stands in Nr. 5 (3) to (5)), while within `limit`; else `quote`. Whoever
    asks for the wording of a rule to quote it needs all of it, not its first sentence."""
    start = passage_text.find(quote)
    if start < 0:
        return quote
    begin, stop = _paragraph_span(passage_text, start, start + len(quote))
    if begin > start or stop - begin > limit:
        return quote  # a quote within the heading lines, or a paragraph too long to quote whole
    first = _PARAGRAPH_MARK.search(passage_text)
    if first is not None and first.start() < begin and _POINTS_TO_EARLIER_PARAGRAPHS.search(passage_text[begin:stop]) \
            and stop - first.start() <= limit:
        begin = first.start()  # "(3) Großunternehmen sind Unternehmen, die nicht die oben angegebenen Voraussetzungen
        # … erfüllen." says nothing without (1) and (2)
    while more is not None and stop < len(passage_text.rstrip()):
        at = stop + len(passage_text[stop:]) - len(passage_text[stop:].lstrip())
        following, after = _paragraph_span(passage_text, at, at + 1)
        if after - begin > limit or not more(passage_text[following:after]):
            break
        stop = after
    return passage_text[begin:stop].strip()


def numbered_paragraphs(passage_text: str, first: int, last: int, limit: int = WHOLE_PARAGRAPH_CHARS) -> str:
    """The paragraphs "(first)" to "(last)" of a passage, verbatim, where it holds "(first)" and the span is within
    `limit` ("Nr. 5 Abs. 3 bis 5"); up to the passage's end where it holds no "(last + 1)"; else ""."""
    marks = {int(m.group(1)): m.start() for m in re.finditer(r"^[ \t]{0,8}\((\d{1,2})\)[ \t]", passage_text, re.MULTILINE)}
    if first not in marks:
        return ""
    stop = min([at for n, at in marks.items() if n > last] + [len(passage_text)])
    span = passage_text[marks[first]:stop].strip()
    return span if len(span) <= limit else ""


def opening_paragraph(passage_text: str, limit: int = WHOLE_PARAGRAPH_CHARS) -> str:
    """The text a passage opens with up to its first numbered paragraph or blank line, where it goes on from the
    passage before (no heading, paragraph number or list item of its own: the rest of Nr. 2.2.1 (3), "Der früheste
    der vorgenannten Zeitpunkte ist maßgebend. Der Kauf von Grundstücken …"), within `limit`; else ""."""
    text = passage_text.lstrip()
    if not text or _body_start(text) or _NEW_PARAGRAPH.match(text) or not text[:1].isupper():
        return ""
    stop = min([m.start() for m in _PARAGRAPH_MARK.finditer(text) if m.start() > 0] + [len(text)])
    blank = text.find("\n\n", 0, stop)
    opening = text[:blank if blank >= 0 else stop].strip()
    return opening if len(opening) <= limit and opening.endswith((".", "!", "?")) else ""


# A numbered heading: "8. Verteilung der Bundesmittel auf die Länder", "3.2.1.8 Bindungsfrist" (one short line, no
# final punctuation).
_NUMBERED_HEADING = re.compile(r"\d{1,2}(?:\.\d{1,2}){0,4}\.?[ \t]{1,5}[A-ZÄÖÜ][^\n.!?:;]{0,220}$")
# Section numbers and references are no figure a question asks for ("gemäß Nummer 3.2.2.1").
_REFERENCE = re.compile(r"(?:Nummer|Nr\.|Artikel|Art\.|Absatz|Abs\.|Anhang|Fußnote)\s{0,3}\d{1,4}(?:\.\d{1,2}){0,4}[a-z]?"
                        r"|(?<![\d.])\d{1,2}(?:\.\d{1,2}){2,3}(?![\d.])")


def _without_references(sentence: str) -> str:
    return _REFERENCE.sub(" ", sentence)


def _limit(sentence: str) -> int:
    """A lead with its list may be as long as `_with_following_list` makes it."""
    return LONGEST_QUOTE_CHARS if "\n" in sentence else MAX_QUOTE_CHARS


def whole_sentence(passage_text: str, sentence: str) -> str:
    """For a list item that is the middle of a sentence ("a) bei Baumaßnahmen … 15 Jahren und"): the sentence it
    belongs to, with its list, verbatim ("Träger … sind … nach Fertigstellung a) … b) … gebunden."); else `sentence`."""
    if not _FRAGMENT_ITEM.match(sentence):
        return sentence
    return next((c for c in _candidates(passage_text) if sentence in c and c != sentence), sentence)


def _candidates(text: str) -> list[str]:
    """The sentences of a text, and every sentence that runs on into a list (no final full stop) with its list."""
    sentences = split_sentences(text)
    found = []
    for sentence in sentences:
        found.append(sentence)
        if not sentence.endswith((".", "!", "?", ":", ",")) and not _LIST_START.match(sentence):
            merged = _with_following_list(text, sentence)
            if merged != sentence:
                found.append(merged)
    return found


# Where a quote stands: (PDF page, printed page label) for a passage and a quote inside it.
Locator = Callable[[Passage, str], tuple[int | None, str]]


# A list item on its own line: a bullet, "a)", "1." or a row of a classification list ("F Baugewerbe", "C 24 Metall…").
_ITEM_MARK = r"(?:[•\-−–]|[a-z]{1,2}\)|\d{1,2}\.)"  # a bulleted, lettered or numbered item
_LIST_MARK = rf"(?:{_ITEM_MARK}|[A-V](?:[ \t]\d{{2}}(?:\.\d{{1,2}})?)?[ \t](?=[A-ZÄÖÜ]))"  # or a classification row
_LIST_ITEM = re.compile(rf"\n{{1,5}}[ \t]{{0,40}}{_LIST_MARK}[^\n]*")  # bounded runs
_LIST_START = re.compile(rf"[ \t]{{0,40}}{_LIST_MARK}")
_ITEM_START = re.compile(rf"[ \t]{{0,40}}{_ITEM_MARK}[ \t]")


def opens_list_item(text: str) -> bool:
    """Whether a text opens with an item of a list: a bullet, "a)", "1." or a row of a classification list."""
    return bool(_LIST_START.match(text))


_LINE = re.compile(r"\n[^\n]+")


def _runs_on_line(line: str) -> bool:
    """A list item's full line ("a) …", "• …") that the PDF broke inside its sentence: long, not ending a clause or a
    sentence (an abbreviation's dot ends none: "… Nutzungs- bzw.")."""
    line = line.rstrip()
    return (len(line) >= _HEADING_LINE and bool(_ITEM_START.match(line))
            and not line.endswith((",", ";", ":", "!", "?"))
            and (not line.endswith(".") or not dot_ends_sentence(line)))


def _with_following_list(text: str, lead: str) -> str:
    """"Diese Themenkorridore sind:" or "Ziel des IREKs ist es," says nothing without its list: quote the lead and the
    list items after it."""
    start = text.find(lead)
    if start < 0:
        return lead
    end = start + len(lead)
    while True:
        match = _LIST_ITEM.match(text, end)
        if match is None and _runs_on_line(text[text.rfind("\n", 0, end) + 1: end]):
            match = _LINE.match(text, end)  # an item's line broken by the PDF ("… Nutzungs- bzw.\nLeasing…")
        if match is None or match.end() - start > LONGEST_QUOTE_CHARS or match.end() == end:
            break
        end = match.end()
    if end == start + len(lead):
        return lead
    # the last item with the rest of its sentence where a line break cut it ("c) … der Vermögenswerte einer\n
    # Betriebsstätte, die geschlossen wurde …")
    return to_sentence_end(text, text[start:end], limit=LONGEST_QUOTE_CHARS)


@dataclass
class CitationList:
    """Collects citations in the order they are first used; one number per passage and quote."""

    items: list[Citation] = field(default_factory=list)
    locate: Locator | None = None

    def cite(self, passage: Passage, quote: str) -> int:
        for item in self.items:
            if item.passage.chunk_id == passage.chunk_id and item.quote == quote:
                return item.n
        page, label = self.locate(passage, quote) if self.locate else (passage.page_start, passage.page_label)
        self.items.append(Citation(len(self.items) + 1, passage, quote, page, label))
        return len(self.items)

    def to_list(self) -> list[dict[str, Any]]:
        return [c.to_dict() for c in self.items]

    def to_answer(self) -> list[AnswerCitation]:
        return [c.to_answer() for c in self.items]
