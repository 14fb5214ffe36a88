"""Figures in an answer and where they stand: every number in an answer's text (rates, amounts, dates, years, counts)
must stand in a quote cited in the same paragraph (contracts.md §3, `figure_traceability`).

The extractive composer checks its own text with it, the LLM composer rejects output that fails it, and the eval
harness measures it. One exception is written into the text itself: a sentence that opens with one of `OWN_MARKERS`
is marked as not from the documents, so its figures are not counted: arithmetic on the asker's own sum and a cited
rate ("Rechenbeispiel (eigene Rechnung, keine Zusage): …"), a count of goals listed from the IREK ("Eigene Zählung
nach dem IREK: …"), or a fact the documents do not state ("Nicht aus den hinterlegten Dokumenten: …").
"""

from __future__ import annotations

import re
from collections.abc import Mapping

# A number: a rate, an amount, a date, a year or a count ("20 Prozent", "200.000 €", "31.12.2026", "55"). Bounded
# repetition only (linear time on any input).
NUMBER = re.compile(r"(?<![\w.,/-])(?:\d{1,2}\.\d{1,2}\.\d{2,4}|\d{1,3}(?:\.\d{3}){1,6}(?:,\d{1,6})?|\d{1,15}(?:,\d{1,6})?)"
                    r"(?![\w.,]?\d)")
# What is not a figure: citation markers, goal codes and section numbers ("[2]", "2.3.1", "Nr. 2.5.1").
NOT_FIGURES = re.compile(r"\[\d{1,3}(?:\s{0,2}[,;–-]\s{0,2}\d{1,3}){0,20}\]|(?<![\d.])\d{1,2}(?:\.\d{1,2}){1,3}(?![\d.])"
                         r"|(?:Nr\.|Nummer|Anhang|Artikel|Art\.|Leitziel|Handlungsziel|Themenkorridor|Korridor|Fn\.|"
                         r"Fußnote|Abs\.|Absatz|Satz|S\.)\s{0,3}\d{1,4}[a-z]?"
                         # classification codes (WZ 2025): "Abschnitt C 24", "WZ 25.62", "(C 24)"
                         r"|(?:Abschnitt|WZ(?:\s2025)?|Klasse|Gruppe|Abteilung|Unterklasse)\s{1,3}[A-U]?\s{0,2}\d{1,2}"
                         r"(?:\.\d{1,2}){0,2}|\b[A-U]\s\d{2}(?:\.\d{1,2}){0,2}\b")
CITATION_NUMBER = re.compile(r"\[(\d{1,3})\]")

OWN_CALCULATION = "Rechenbeispiel (eigene Rechnung, keine Zusage):"
OWN_COUNT = "Eigene Zählung nach dem IREK:"
# a fact the documents do not state, from the sources of the project's fact sheets, marked as such (issue 12: "marked as
# not from the corpus"), e.g. the euro amount of the De-minimis ceiling
NOT_FROM_CORPUS = "Nicht aus den hinterlegten Dokumenten:"
OWN_MARKERS = (OWN_CALCULATION, OWN_COUNT, NOT_FROM_CORPUS)
_SENTENCE_END = re.compile(r"(?<=[.!?])\s{1,5}(?=[A-ZÄÖÜ])")


_MONTHS = ("Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September", "Oktober", "November",
           "Dezember")
_LONG_DATE = re.compile(r"\b(\d{1,2})\.\s{1,3}(" + "|".join(_MONTHS) + r")\s{1,3}(\d{4})\b")


def _short_dates(text: str) -> str:
    """"31. Dezember 2028" → "31.12.2028": one date, however it is written, is one figure."""
    return _LONG_DATE.sub(lambda m: f"{int(m.group(1)):02d}.{_MONTHS.index(m.group(2)) + 1:02d}.{m.group(3)}", text)


def figures(text: str) -> list[str]:
    """The figures of a text, citation markers, goal codes and section numbers left out; dates in one form."""
    return NUMBER.findall(NOT_FIGURES.sub(" ", _short_dates(text)))


def _counted(paragraph: str) -> str:
    """The paragraph without its sentences of own calculation."""
    return " ".join(s for s in _SENTENCE_END.split(paragraph) if not s.lstrip("- ").startswith(OWN_MARKERS))


def checked(text: str, quotes: Mapping[int, str]) -> list[tuple[str, bool]]:
    """Per counted figure of `text`: the figure, and whether it stands in a quote cited in its own paragraph
    (`quotes`: citation number → quote)."""
    results: list[tuple[str, bool]] = []
    for paragraph in text.split("\n\n"):
        cited = " ".join(quotes.get(int(n), "") for n in CITATION_NUMBER.findall(paragraph))
        in_quotes = set(figures(cited))
        results.extend((f, f in in_quotes) for f in figures(_counted(paragraph)))
    return results


def untraceable(text: str, quotes: Mapping[int, str]) -> list[str]:
    """The figures of `text` that stand in no quote cited in their own paragraph."""
    return [f for f, ok in checked(text, quotes) if not ok]
