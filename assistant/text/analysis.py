"""German analysis for the keyword index: words, stems, stopwords, codes, and compound n-grams.

The same functions analyse passages at ingest time and queries at search time.
"""

from __future__ import annotations

import re
from functools import lru_cache

import logging

import Stemmer
from bm25s.stopwords import STOPWORDS_GERMAN

logging.getLogger("bm25s").setLevel(logging.WARNING)  # bm25s sets its own logger to DEBUG on import

# Section numbers and goal codes ("2.7.1", "3.2.1.1") stay whole; words may carry inner hyphens.
_TOKEN = re.compile(r"\d+(?:\.\d+)+|[A-Za-zÄÖÜäöüß0-9]+")
_STOPWORDS = frozenset(STOPWORDS_GERMAN) | {"bzw", "z", "b", "ca", "inkl", "sowie", "gem", "nr", "nummer"}
NGRAM_SIZE = 4
NGRAM_MIN_WORD = 8


@lru_cache(maxsize=1)
def _stemmer() -> Stemmer.Stemmer:
    return Stemmer.Stemmer("german")


def _fold(word: str) -> str:
    return word.lower().replace("ä", "a").replace("ö", "o").replace("ü", "u").replace("ß", "ss")


def words(text: str) -> list[str]:
    """Lower-cased words and codes without stopwords."""
    return [t for t in (m.group(0).lower() for m in _TOKEN.finditer(text)) if t not in _STOPWORDS]


def stems(text: str) -> list[str]:
    """Snowball German stems (umlauts folded); codes and numbers unchanged."""
    tokens = words(text)
    plain = [t for t in tokens if not t[0].isdigit()]
    stemmed = iter(_stemmer().stemWords(plain))
    return [t if t[0].isdigit() else _fold(next(stemmed)) for t in tokens]


def compound_ngrams(text: str, size: int = NGRAM_SIZE) -> list[str]:
    """Character n-grams of long stems, so that "Gewerbeflächenrevitalisierung" meets "Revitalisierung von
    Gewerbeflächen" without a dictionary-based compound splitter."""
    grams: list[str] = []
    for stem in stems(text):
        if len(stem) >= NGRAM_MIN_WORD and not stem[0].isdigit():
            grams.extend(stem[i : i + size] for i in range(len(stem) - size + 1))
    return grams


@lru_cache(maxsize=65536)
def terms(text: str) -> frozenset[str]:
    """The stems and compound n-grams of a text, as a set: what a quote shares with a query. Cached, since the
    sentences of the passages recur from question to question."""
    return frozenset(stems(text)) | frozenset(compound_ngrams(text))


# The keyword indexes of a build, each with the analysis that fills it (for passages and queries alike).
KEYWORD_VIEWS = {"words": stems, "ngrams": compound_ngrams}
