"""Hybrid retrieval: German BM25 (stems + compound n-grams) and dense e5 vectors from Chroma, fused by weight,
with exact references (goal codes, section numbers, acronyms) put first.

Everything heavy (keyword indexes, Chroma collection, embedding model) is loaded once per process.
"""

from __future__ import annotations

import json
import re
import threading
import time
import unicodedata
from collections import OrderedDict
from dataclasses import dataclass, field, replace
from functools import cached_property
from pathlib import Path

import bm25s
import numpy as np

from assistant.core.paths import TUNED_DIR, TunedValuesMissing
from assistant.embedding.embedders import IdentifiedEmbeddings, shared_embeddings
from assistant.index.store import IndexSnapshot, IndexUnavailable
from assistant.retrieval.expansion import EXPANSION_WEIGHT, expansion_terms
from assistant.retrieval.register import RegisterSignal
from assistant.core.settings import Settings
from assistant.text.analysis import KEYWORD_VIEWS, stems
from assistant.text.asked import ASKS_WORDING, asks_what_is
from assistant.index.vectors import open_dense_search
from assistant.core.errors import QueryError
from assistant.core.model import Passage
from assistant.text.citations import german_citation
from assistant.text.figures import figures

MAX_QUERY_CHARS = 2000
# Query vectors kept, most recent first: one answer embeds the same text more than once (a message with several
# questions: the whole text, each question to judge it and again to answer it; a follow-up, its earlier turn)
QUERY_VECTORS_KEPT = 256
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
_CODE = re.compile(r"(?<![\d.])(\d{1,2}(?:\.\d{1,2}){1,3})(?![\d.]*\d)")
_ANNEX = re.compile(r"\bAnhang\s+(\d{1,2})\b", re.IGNORECASE)
_GOAL_WORDS = r"handlungsziel|leitziel|ziel"
_SECTION_WORDS = r"\bnr\.?|\bnummer|\bziffer|\babschnitt"
_GOAL_CONTEXT = re.compile(rf"({_GOAL_WORDS}|irek)", re.IGNORECASE)
_SECTION_CONTEXT = re.compile(rf"({_SECTION_WORDS}|\bgrw|koordinierungsrahmen)", re.IGNORECASE)
# the words right before a number that say what it numbers ("Handlungsziel 3.4.2", "KR Nr. 3.4.2")
_GOAL_BEFORE = re.compile(rf"\b({_GOAL_WORDS})\w{{0,3}}\W{{0,3}}$", re.IGNORECASE)
_SECTION_BEFORE = re.compile(rf"({_SECTION_WORDS}|\bkr)\W{{0,3}}$", re.IGNORECASE)
_CONTEXT_REACH = 20
_KR_NAMED = re.compile(r"\bkr\b|§|\bagvo\b|\banhang\b", re.IGNORECASE)
# A question for where a figure stands, or where it comes from ("woher kommt die 90 %", "wo steht das mit den 25 %",
# "Fundstelle für die 8,25 Mio", "Quelle der 30 Monate")
ASKS_SOURCE = re.compile(r"\bwoher\b|\bwo\s{1,3}(genau\s{1,3})?(steht|stehen|findet|finde|kommt|kommen|ist)\b|\bfundstelle"
                          r"|\bquelle\b|\bbeleg\w{0,2}\b|\bin\s{1,3}welche[rmn]?\s{1,3}(nummer|nr|abschnitt|absatz|ziffer)\b",
                          re.IGNORECASE)
_FIGURE_HOLDERS = 4  # more passages that hold the figures asked tell nothing about where they come from


def _holds_figures(asked: set[str], held: set[str]) -> bool:
    """Whether every figure asked stands among those held; a year also as the year of a date held."""
    years = {f.rsplit(".", 1)[-1] for f in held if f.count(".") == 2}
    return all(f in held or len(f) == 4 and f in years for f in asked)
# "Artikel 26a AGVO", "Art. 48 AGVO", "Artikel 38/48 AGVO", "Art. 107 Abs. 3 AEUV": article numbers and the act.
_ARTICLE = re.compile(
    r"\bArt(?:ikel|\.)?\s*(\d{1,3}[a-z]?(?:\s*(?:/|,|und|oder|bzw\.?)\s*\d{1,3}[a-z]?)*)(?![\d])"
    r"(?:[^;\n]{0,40}?\b([A-ZÄÖÜ][A-Za-zÄÖÜäöü]*[A-ZÄÖÜ][A-Za-zÄÖÜäöü-]*))?"
)
_ARTICLE_NUMBER = re.compile(r"\d{1,3}[a-z]?")
# "Fn. 70", "Fußnote 70", "Fussnote 70", "Fn 70"
_FOOTNOTE = re.compile(r"\b(?:Fn\.?|Fu(?:ß|ss)noten?)\s*(\d{1,3})\b", re.IGNORECASE)
MAX_MEMO_ACRONYMS = 4096
_ACRONYM = re.compile(r"\b(?:[A-ZÄÖÜ]{2,}[0-9]*|[A-Z][a-z]?[A-Z][A-Za-z0-9]+|RIS3)\b")


@dataclass(frozen=True)
class FusionWeights:
    """How the sides are combined. The values in use are the tuned ones (`load_weights`, chosen on the development
    queries; docs/retrieval.md has the figures); these defaults are only the tuning benchmark's starting point."""

    dense: float = 0.6
    keyword: float = 0.4
    ngram_share: float = 0.5  # share of the compound n-gram BM25 inside the keyword side
    # added for a passage named by an exact reference in the query, as a share of all other weights together (1.0:
    # as much as a passage first on every other signal gets, so that the named passage comes first)
    exact_bonus: float = 1.0
    acronym_bonus: float = 0.15  # added per rare acronym of the query that the passage contains
    dense_candidates: int = 60
    # the section register, scored apart from the passage (assistant/retrieval/register.py); 0 = not used
    register_keyword: float = 0.0  # BM25 over the register texts (stems and n-grams, mixed by ngram_share)
    register_dense: float = 0.0  # the question's vector against the register's phrases
    # added for the passages of a document that the query names (Source.names: "GRW", "LEADER"), as a share of all
    # other weights together
    document_bonus: float = 0.0
    # for a question of fact (ScoreParts.of_fact: rule, eligibility, amount, procedure), the share of their fused score
    # that passages of documents stating no funding rules keep (Source.states_rules; 1.0 = no change)
    fact_share_ruleless: float = 1.0
    # the share of its fused score that the n-th passage of a section keeps behind passages of the same section
    # ranked before it (share ** (n - 1); 1.0 = no change): the first results show different sections, and a
    # section's further passages follow
    section_repeat_share: float = 1.0
    # added for the passages that the question's facts point to (ScoreParts.implied: the line of the exclusion list on
    # the asker's trade, the rate of the path their facts lead to), as a share of all other weights together
    implied_bonus: float = 0.0


@dataclass(frozen=True)
class SearchFilters:
    document: str | None = None
    section: str | None = None  # section-number prefix: "3.4" matches 3.4, 3.4.1, 3.4.2
    corridor: str | None = None
    leitziel: str | None = None


@dataclass
class SearchHit:
    passage: Passage
    score: float
    dense: float = 0.0
    keyword: float = 0.0
    exact: bool = False

    @property
    def citation(self) -> str:
        return german_citation(self.passage)


@dataclass
class SearchResult:
    hits: list[SearchHit]
    timings_ms: dict[str, float] = field(default_factory=dict)


def normalise_query(query: str) -> str:
    if query is None or not str(query).strip():
        raise QueryError("Bitte eine Frage oder einen Suchbegriff eingeben.")
    text = unicodedata.normalize("NFC", _CONTROL.sub(" ", str(query)))
    text = re.sub(r"\s+", " ", text).strip()
    if not text:
        raise QueryError("Bitte eine Frage oder einen Suchbegriff eingeben.")
    return text[:MAX_QUERY_CHARS]


def _minmax(values: np.ndarray) -> np.ndarray:
    if values.size == 0:
        return values
    low, high = float(values.min()), float(values.max())
    if high - low < 1e-9:
        return np.where(values > 0, 1.0, 0.0)
    return (values - low) / (high - low)


# The words before a document's name that make it the one the query asks ("laut Koordinierungsrahmen", "was verlangt
# der KR", "was sagt die RIS3 dazu")
_ASKED_OF = (r"\b(?:laut|gemäß|nach\s{1,3}(?:dem|der)|verlangt|verlangen|fordert|fordern|sagt|sagen|regelt|regeln|schreibt"
             r"|sieht|nennt|definiert)\s{1,3}(?:(?:denn|eigentlich|genau|da)\s{1,3})?(?:(?:der|die|das|dem|den)\s{1,3})?")


class Retriever:
    def __init__(self, settings: Settings, snapshot: IndexSnapshot, embeddings: IdentifiedEmbeddings,
                 weights: FusionWeights | None = None) -> None:
        if snapshot.embedder != embeddings.identity:
            raise IndexUnavailable(
                f"Der Index wurde mit „{snapshot.embedder}“ gebaut, eingestellt ist „{embeddings.identity}“. "
                "Bitte `irek ingest` ausführen."
            )
        self.settings = settings
        self.snapshot = snapshot
        self.embeddings = embeddings
        self.weights = weights or load_weights()
        self.passages = snapshot.passages
        self._keyword = {name: bm25s.BM25.load(str(snapshot.path / "keyword" / name), show_progress=False)
                         for name in KEYWORD_VIEWS}
        self._section_numbers = {p.section_number for p in self.passages if p.section_number and not p.footnote}
        self._opened_by = _heading_holders(self.passages)
        self._titles = _title_parts(self.passages)
        self._goal_codes = {p.goal_code for p in self.passages if p.goal_code}
        # the sections numbered as an outline, not a goal's code ("3.3.1" is an IREK goal only)
        self._kr_sections = {p.section_number for p in self.passages
                             if p.section_number and not p.footnote and not p.goal_code}
        self._documents = {p.document for p in self.passages}
        self._document_rows = {doc: np.array([p.document == doc for p in self.passages]) for doc in self._documents}
        self._document_names: list[tuple[re.Pattern[str], str]] = []  # (a name, the document it names)
        self._document_aliases: list[tuple[re.Pattern[str], str]] = []  # (another way of naming, the name it stands for)
        self._document_sources: list[tuple[re.Pattern[str], str]] = []  # (a name as what is asked of, the document)
        # (its names as one pattern, the document, the section and opening of its sentence on what it is)
        self._definitions: list[tuple[str, str, str, str]] = []
        # (the words that ask for it, the document, the section and opening of a chapter's sentence that answers)
        self._facts: list[tuple[re.Pattern[str], str, str, str]] = []
        for doc, info in snapshot.manifest.get("documents", {}).items():
            source = info.get("source", {})
            if doc not in self._documents:
                continue
            names = source.get("names", [])
            aliases = [re.compile(rf"(?<!\w)(?:{alias})(?!\w)", re.IGNORECASE) for alias in source.get("aliases", [])]
            self._document_names += [(re.compile(rf"(?<!\w){re.escape(name)}(?!\w)", re.IGNORECASE), doc)
                                     for name in names] + [(alias, doc) for alias in aliases]
            self._document_aliases += [(alias, names[0]) for alias in aliases if names]
            self._document_sources += [(re.compile(_ASKED_OF + rf"(?<!\w)(?:{re.escape(name)})(?!\w)", re.IGNORECASE), doc)
                                       for name in names]
            if source.get("definition") and names:  # (names and aliases as one alternation, for `definitions_asked`)
                spelled = "|".join([re.escape(name) for name in names] + list(source.get("aliases", [])))
                self._definitions.append((spelled, doc, source.get("defined_in", ""), source["definition"]))
            self._facts += [(re.compile(fact["asked_by"], re.IGNORECASE), doc, fact["section"], fact["quote"])
                            for fact in source.get("facts", [])]
        ruleless = {doc for doc, info in snapshot.manifest.get("documents", {}).items()
                    if info.get("source", {}).get("states_rules", True) is False}
        self._ruleless_rows = np.array([p.document in ruleless for p in self.passages], dtype=bool)
        section_ids: dict[tuple[str, str, str], int] = {}
        self._sections = np.array([section_ids.setdefault(
            (p.document, p.goal_code or p.section_number or p.section_title, p.footnote), len(section_ids))
            for p in self.passages], dtype=np.int32)
        self._dense_rows = np.array([p.dense for p in self.passages], dtype=bool)  # passages in the collection
        self._body_rows = np.array([not p.footnote for p in self.passages], dtype=bool)
        chroma = snapshot.manifest["chroma"]
        self.vectors = open_dense_search(
            settings.dense_search, chroma.get("url") or settings.chroma_url, snapshot.path, chroma["collection"],
            [p.chunk_id for p in self.passages], self._dense_rows, snapshot.embeddings,
        )
        self.register = RegisterSignal(self.passages, snapshot.path)
        self._acronym_rows: dict[str, np.ndarray | None] = {}  # acronym -> its telling passages (None: too common)
        self._query_vectors: OrderedDict[str, np.ndarray] = OrderedDict()
        self._document_stems: dict[str, frozenset[str]] = {}
        self._query_vectors_lock = threading.Lock()

    @classmethod
    def open(cls, settings: Settings, weights: FusionWeights | None = None) -> "Retriever":
        snapshot = IndexSnapshot.open(settings.index_dir)
        return cls(settings, snapshot, shared_embeddings(settings), weights)

    # -- sides ---------------------------------------------------------------------------------------------------

    def keyword_views(self, query: str, added: str | None = None) -> tuple[dict[str, np.ndarray], float]:
        """BM25 per keyword view, min-max normalised per query (all zeros where no query term is indexed), and the
        highest raw BM25 of the query's own stems in the body text (how strongly the corpus knows these words; a
        footnote, a line or two, would score high on any one word it shares). The statute wording
        that the query glossary adds (assistant/retrieval/expansion.py) counts with EXPANSION_WEIGHT."""
        views, raw_max = {}, 0.0
        added = " ; ".join(expansion_terms(query)) if added is None else added
        for name, analyse in KEYWORD_VIEWS.items():
            index = self._keyword[name]
            tokens = [t for t in analyse(query) if t in index.vocab_dict]
            own = set(tokens)
            extra = [t for t in dict.fromkeys(analyse(added)) if t in index.vocab_dict and t not in own]
            scores = self._bm25(index, tokens)
            if name == "words":  # footnotes are short notes on the body text: not evidence that the corpus knows a topic
                raw_max = float(np.max(scores[self._body_rows], initial=0.0))
            views[name] = _minmax(scores + EXPANSION_WEIGHT * self._bm25(index, extra))
        return views, raw_max

    def _bm25(self, index: bm25s.BM25, tokens: list[str]) -> np.ndarray:
        if not tokens:
            return np.zeros(len(self.passages), np.float32)
        return np.asarray(index.get_scores(tokens), dtype=np.float32)

    def query_vector(self, query: str) -> np.ndarray:
        """The query's dense vector (read-only): embedded once, then taken from the last QUERY_VECTORS_KEPT."""
        query = query[:MAX_QUERY_CHARS]
        with self._query_vectors_lock:
            vector = self._query_vectors.get(query)
            if vector is not None:
                self._query_vectors.move_to_end(query)
                return vector
        vector = np.array(self.embeddings.embed_query_vector(query), dtype=np.float32)
        vector.setflags(write=False)
        with self._query_vectors_lock:
            self._query_vectors[query] = vector
            while len(self._query_vectors) > QUERY_VECTORS_KEPT:
                self._query_vectors.popitem(last=False)
        return vector

    def dense_scores(self, vector: np.ndarray, allowed: np.ndarray) -> np.ndarray:
        """Cosine similarity for the best candidates (exactly in numpy, or from Chroma); 0 for the rest."""
        rows = allowed & self._dense_rows
        n = int(min(self.weights.dense_candidates, rows.sum()))
        scores = np.zeros(len(self.passages), dtype=np.float32)
        for row, similarity in self.vectors.top(vector, n, rows):
            scores[row] = similarity
        return scores

    @cached_property
    def known_stems(self) -> frozenset[str]:
        return frozenset(self._keyword["words"].vocab_dict)

    @cached_property
    def passages_per_stem(self) -> dict[str, int]:
        """How many passages hold each stem of their text (counted once; `AnswerPipeline.warm_up` does it)."""
        counts: dict[str, int] = {}
        for passage in self.passages:
            for stem in set(stems(passage.text)):
                counts[stem] = counts.get(stem, 0) + 1
        return counts

    def document_stems(self, document: str) -> frozenset[str]:
        """The stems of a document's own text (its passages, not what they are found by: no register or goal profile),
        computed once per document."""
        found = self._document_stems.get(document)
        if found is None:
            found = frozenset(s for p in self.passages if p.document == document for s in stems(p.text))
            self._document_stems[document] = found
        return found

    def rare_stems(self, text: str, share: float) -> frozenset[str]:
        """The stems of `text` that at most `share` of the passages hold ("Spedition", "Softwareentwicklung"; not "GRW",
        "förderfähig", "Unternehmen")."""
        limit = max(1, int(share * len(self.passages)))
        return frozenset(s for s in stems(text) if self.passages_per_stem.get(s, 0) <= limit)

    # -- filters and exact references ------------------------------------------------------------------------

    def allowed_mask(self, filters: SearchFilters | None) -> np.ndarray:
        mask = np.ones(len(self.passages), dtype=bool)
        if not filters:
            return mask
        if filters.document:
            if filters.document not in self._documents:
                raise QueryError(
                    f"Unbekanntes Dokument „{filters.document}“. Bekannt sind: {', '.join(sorted(self._documents))}."
                )
            mask &= np.array([p.document == filters.document for p in self.passages])
        if filters.section:
            prefix = filters.section.strip().removeprefix("Nr.").strip()
            mask &= np.array([p.section_number == prefix or p.section_number.startswith(prefix + ".")
                              or p.goal_code == prefix or p.goal_code.startswith(prefix + ".") for p in self.passages])
            if not mask.any():
                raise QueryError(f"Einen Abschnitt „{filters.section}“ gibt es in den gewählten Dokumenten nicht.")
        if filters.corridor:
            if filters.corridor not in {"1", "2", "3", "4"}:
                raise QueryError(f"Unbekannter Themenkorridor „{filters.corridor}“ (1 bis 4).")
            mask &= np.array([p.corridor == filters.corridor for p in self.passages])
        if filters.leitziel:
            mask &= np.array([p.leitziel == filters.leitziel or p.goal_code == filters.leitziel for p in self.passages])
            if not mask.any():
                raise QueryError(f"Ein Leitziel „{filters.leitziel}“ gibt es im IREK nicht.")
        return mask

    def exact_references(self, query: str) -> np.ndarray:
        """Passages that the query names: "Handlungsziel 3.4.2", "Nr. 2.7.1", "Nummer 3.2.1.1", "Anhang 5", an
        article of an act ("Artikel 26a AGVO", "Art. 38/48 AGVO": the passages that cite it) and a footnote
        ("Fn. 70", "Fußnote 70"). A section without text of its own (its heading opens its first subsection) is
        named by the passage that holds its heading."""
        named = np.zeros(len(self.passages), dtype=bool)
        goal_words, section_words = bool(_GOAL_CONTEXT.search(query)), bool(_SECTION_CONTEXT.search(query))
        for match in _CODE.finditer(query):
            code = match.group(1)
            # the words right before a number say what it numbers ("das IREK-Umsetzungsbudget nach KR Nr. 3.4.2" is a
            # section of the KR, not the IREK's goal 3.4.2); else the words of the whole question do
            before = query[max(0, match.start() - _CONTEXT_REACH): match.start()]
            near_goal, near_section = bool(_GOAL_BEFORE.search(before)), bool(_SECTION_BEFORE.search(before))
            goal_context = near_goal or not near_section and goal_words
            section_context = near_section or not near_goal and section_words
            if code in self._opened_by and (section_context or (not goal_context and code not in self._goal_codes)):
                named[self._opened_by[code]] = True
            wants_goal = code in self._goal_codes and (goal_context or not section_context)
            wants_section = code in self._section_numbers and (section_context or not goal_context)
            for i, p in enumerate(self.passages):
                if (wants_goal and p.goal_code == code) or (
                        wants_section and p.section_number == code and not p.goal_code and not p.footnote):
                    named[i] = True
        for number in _ANNEX.findall(query):
            named |= np.array([p.section_number == f"Anhang {number}" and not p.footnote for p in self.passages])
        for numbers, act in _ARTICLE.findall(query):
            for number in _ARTICLE_NUMBER.findall(numbers):
                pattern = _article_pattern(number, act)
                named |= np.array([bool(pattern.search(p.text)) for p in self.passages])
        for number in _FOOTNOTE.findall(query):
            named[self._footnotes_named(query, number)] = True
        if ASKS_WORDING.search(query):
            # a section named by its title where its wording is asked ("Wortlaut Eigenbeitrag …, Nr. + Seite?": 2.5.4,
            # not 2.5.1 under the chapter heading that holds the word)
            for title, rows in self._titles:
                if title.search(query):
                    named[rows] = True
        named[self._holding_figures_asked(query)] = True
        return named

    def _holding_figures_asked(self, query: str) -> list[int]:
        """For a question for where a figure stands ("woher genau kommt die 90 % bis 2028?", "wo steht die 8,25
        Millionen Euro Schwelle?"): the passages that hold every figure it names (a year also inside a date, "2028" in
        "31. Dezember 2028"), where few enough do to tell; else none."""
        if not ASKS_SOURCE.search(query):
            return []
        asked = set(figures(query))
        if not asked:
            return []
        rows = [i for i, p in enumerate(self.passages) if _holds_figures(asked, set(figures(p.text)))]
        return rows if len(rows) <= _FIGURE_HOLDERS else []

    def _footnotes_named(self, query: str, number: str) -> list[int]:
        """Footnote `number`: numbers count afresh in each document and in the KR's annexes (the application forms
        number theirs from 1 again). An annex or section the query names decides; otherwise the footnotes of the
        documents' main text are meant."""
        rows = [i for i, p in enumerate(self.passages) if p.footnote == number]
        annexes = {f"Anhang {n}" for n in _ANNEX.findall(query)}
        codes = [c for c in _CODE.findall(query) if c in self._section_numbers]
        if annexes:
            return [i for i in rows if self.passages[i].section_number in annexes]
        if codes:
            return [i for i in rows if any(self.passages[i].section_number == c
                                           or self.passages[i].section_number.startswith(c + ".") for c in codes)]
        main = [i for i in rows if not self.passages[i].section_number.startswith("Anhang")]
        return main or rows

    def with_goal_names(self, text: str) -> str:
        """`text` with a bare number of three levels that only the IREK's goals have called a Handlungsziel ("was
        steht in 3.3.1 genau drin?": the KR has no Nr. 3.3.1); a number the KR's sections have too keeps its reading
        by the words around it (`exact_references`)."""
        # (a number both have, in a question that names neither a goal nor a section nor a document, is the goal's:
        # "was genau steht bei 2.4.2?" asks the assistant of the IREK's goals for its goal)
        unnamed = not (_GOAL_CONTEXT.search(text) or _SECTION_CONTEXT.search(text) or _KR_NAMED.search(text))

        def named(match: re.Match[str]) -> str:
            code, before = match.group(1), text[max(0, match.start() - _CONTEXT_REACH): match.start()]
            if code.count(".") != 2 or code not in self._goal_codes or code in self._kr_sections and not unnamed \
                    or _GOAL_BEFORE.search(before) or _SECTION_BEFORE.search(before):
                return match.group(0)
            return f"Handlungsziel {code}"
        return _CODE.sub(named, text)

    def with_plain_names(self, text: str) -> str:
        """`text` with each document named by its first name ("Was steht im Regionalkonzept vom Landkreis?" -> "Was
        steht im IREK?"), so that whatever reads the question knows which document it asks about."""
        for pattern, name in self._document_aliases:
            text = pattern.sub(name, text)
        return text

    def documents_named(self, query: str) -> np.ndarray:
        """The passages of every document that the query calls by one of its names ("Gibt es dafür GRW?"); of a query
        that names a document as the one it asks ("Ich schreibe über das IREK. Welche Bestandteile verlangt der
        Koordinierungsrahmen von so einem Konzept?"), that document's alone."""
        named = np.zeros(len(self.passages), dtype=bool)
        asked = {doc for pattern, doc in self._document_sources if pattern.search(query)}
        for pattern, doc in self._document_names:
            if pattern.search(query) and (not asked or doc in asked):
                named |= self._document_rows[doc]
        return named

    def definitions_asked(self, text: str) -> list[tuple[str, str, str]]:
        """For a question of what a document is ("Und was genau ist diese Zukunftsregion?"): the document, and the
        section and verbatim opening of its own sentence on what it is (`Source.definition`)."""
        return [(doc, section, opening) for spelled, doc, section, opening in self._definitions
                if asks_what_is(text, spelled)]

    def facts_asked(self, text: str) -> list[tuple[str, str, str]]:
        """For a question asked in the words of a chapter fact (`ChapterFact.asked_by`: "Was sind die Leitbranchen?"):
        the document, and the section and verbatim opening of the chapter's sentence that answers it."""
        return [(doc, section, quote) for asked_by, doc, section, quote in self._facts if asked_by.search(text)]

    def rows_quoting(self, references: list[tuple[str, str, str]]) -> np.ndarray:
        """The passages that hold each (document, section, quote): the passage of the section that holds the quote's
        opening, else every body passage of the section."""
        rows = np.zeros(len(self.passages), dtype=bool)
        for document, section, quote in references:
            # (a section by its number; an unnumbered one, as in the summaries, by its title)
            of_section = np.array([p.document == document and not p.footnote and (
                p.section_number == section or not p.section_number and p.section_title == section)
                for p in self.passages], dtype=bool)
            quoting = of_section & np.array([quote[:60] in p.text for p in self.passages], dtype=bool)
            rows |= quoting if quoting.any() else of_section
        return rows

    def acronym_matches(self, query: str) -> np.ndarray:
        counts = np.zeros(len(self.passages), dtype=np.float32)
        for acronym in set(_ACRONYM.findall(query)):
            rows = self._acronym_rows.get(acronym, False)
            if rows is False:  # a scan of every passage: once per acronym (a bounded memo; queries bring any string)
                pattern = re.compile(rf"\b{re.escape(acronym)}\b")
                hits = np.flatnonzero([bool(pattern.search(p.text)) for p in self.passages])
                rows = hits if 0 < len(hits) <= max(3, len(self.passages) // 5) else None  # rare enough to be telling
                if len(self._acronym_rows) >= MAX_MEMO_ACRONYMS:
                    self._acronym_rows.clear()
                self._acronym_rows[acronym] = rows
            if rows is not None:
                counts[rows] += 1
        return counts

    # -- fusion ----------------------------------------------------------------------------------------------------

    def score_parts(self, query: str, filters: SearchFilters | None = None) -> "ScoreParts":
        """All signals of a query over all passages, computed once: an answer checks scope, searches and ranks goals
        with the same parts. Nothing is kept between calls, so concurrent requests share no mutable state."""
        query = normalise_query(query)
        started = time.perf_counter()
        allowed = self.allowed_mask(filters)
        added = " ; ".join(expansion_terms(query))  # the statute wording of the query glossary
        views, raw_max = self.keyword_views(query, added)
        exact, acronyms = self.exact_references(query), self.acronym_matches(query)
        named_documents = self.documents_named(query)
        after_keyword = time.perf_counter()
        vector = self.query_vector(query)
        dense = self.dense_scores(vector, allowed)
        after_dense = time.perf_counter()
        register = self.register.keyword(query, added, EXPANSION_WEIGHT) if self.register else {}
        register_dense = self.register.dense(vector) if self.register else None
        after_register = time.perf_counter()
        return ScoreParts(
            query=query, vector=vector, keyword_raw_max=raw_max,
            words=views["words"], ngrams=views["ngrams"], dense=dense, exact=exact, acronyms=acronyms, allowed=allowed,
            register_words=register.get("words"), register_ngrams=register.get("ngrams"), register_dense=register_dense,
            named_documents=named_documents, ruleless=self._ruleless_rows, sections=self._sections,
            timings_ms={"keyword": (after_keyword - started) * 1000, "dense": (after_dense - after_keyword) * 1000,
                        "register": (after_register - after_dense) * 1000},
        )

    def search(self, query: str, k: int = 5, filters: SearchFilters | None = None,
               weights: FusionWeights | None = None) -> SearchResult:
        if not 1 <= k <= 100:
            raise QueryError("k muss zwischen 1 und 100 liegen.")
        return self.ranked(self.score_parts(query, filters), k, weights)

    def ranked(self, parts: "ScoreParts", k: int = 5, weights: FusionWeights | None = None) -> SearchResult:
        """The best `k` passages of already computed signals."""
        started = time.perf_counter()
        order, scores = parts.order(weights or self.weights, k)
        keyword = parts.keyword(weights or self.weights)
        hits = [SearchHit(self.passages[i], float(score), float(parts.dense[i]), float(keyword[i]), bool(parts.exact[i]))
                for i, score in zip(order, scores)]
        ranking = (time.perf_counter() - started) * 1000
        return SearchResult(hits, parts.timings_ms | {"total": sum(parts.timings_ms.values()) + ranking})


def _article_pattern(number: str, act: str) -> re.Pattern[str]:
    """A citation of article `number` (of `act`, where the query names one) in a passage: "Artikel 48 AGVO",
    "Art. 48 Abs. 1 AGVO", "Artikel 2 Nummer 18 AGVO"; not "Artikel 48a" for 48, nor "Artikel 148"."""
    head = rf"\bArt(?:ikel|\.)\s*{re.escape(number)}(?![\da-z])"
    return re.compile(head + (rf"[^;\n]{{0,60}}?\b{re.escape(act)}\b" if act else ""))


# The shortest part of a section's title that names it where its wording is asked (not "Allgemeines"-like stubs)
_TITLE_PART_CHARS = 8
_TITLE_PART_MIN_SPREAD = 10  # passages that may hold a title's part that names a section (at least; 1/70 of them)


def _title_parts(passages: list[Passage]) -> list[tuple[re.Pattern[str], list[int]]]:
    """Each part of a numbered section's title ("Kleine und mittlere Unternehmen, Großunternehmen": both halves) as a
    whole-word pattern, with the body passages of the sections so titled."""
    rows: dict[str, list[int]] = {}
    for i, p in enumerate(passages):
        if p.section_number and not p.goal_code and not p.footnote:
            for part in re.split(r"\s*[,;]\s*", re.sub(r"\d+$", "", p.section_title).strip()):
                if len(part) >= _TITLE_PART_CHARS:
                    rows.setdefault(part.lower(), []).append(i)
    patterns = [(re.compile(rf"(?<![\w-]){re.escape(part)}(?![\w-])", re.IGNORECASE), found) for part, found in rows.items()]
    # (a part that many passages hold names no one section: "Voraussetzungen", "Betriebsstätte", "Antragstellung")
    most = max(_TITLE_PART_MIN_SPREAD, len(passages) // 70)
    return [(pattern, found) for pattern, found in patterns
            if sum(1 for p in passages if pattern.search(p.text)) <= most]


def _heading_holders(passages: list[Passage]) -> dict[str, int]:
    """Sections without passages of their own (their heading opens their first subsection): the passage that
    holds the heading, i.e. the first passage of the section's first subsection. (IREK goal codes look like
    section numbers but are no sections of an outline.)"""
    numbers = {p.section_number for p in passages if p.section_number and not p.goal_code and not p.footnote}
    holders: dict[str, int] = {}
    for i, p in enumerate(passages):
        if p.goal_code or p.footnote or not p.section_number or not p.section_number[0].isdigit():
            continue
        parts = p.section_number.split(".")
        for depth in range(1, len(parts)):
            prefix = ".".join(parts[:depth])
            if prefix not in numbers and prefix not in holders:
                holders[prefix] = i
    return holders


@dataclass
class ScoreParts:
    """Every signal for one query over all passages; fusion is arithmetic on these arrays."""

    query: str  # the normalised query
    vector: np.ndarray  # its embedding
    keyword_raw_max: float  # highest raw BM25 of its own stems
    words: np.ndarray
    ngrams: np.ndarray
    dense: np.ndarray  # raw cosine similarity of the dense candidates, 0 elsewhere
    exact: np.ndarray
    acronyms: np.ndarray
    allowed: np.ndarray
    register_words: np.ndarray | None = None  # the section register's signals (None: the index has no register)
    register_ngrams: np.ndarray | None = None
    register_dense: np.ndarray | None = None
    named_documents: np.ndarray | None = None  # passages of the documents the query names
    ruleless: np.ndarray | None = None  # passages of documents that state no funding rules (Source.states_rules)
    # a question of fact (intent rule, eligibility, amount, procedure), set by the caller that knows the intent
    # (`as_fact_question`); such a question ranks the passages of documents without rules lower
    of_fact: bool = False
    sections: np.ndarray | None = None  # the section of each passage, as a number (FusionWeights.section_repeat_share)
    # the passages the question's facts point to, set by the caller that read the facts (`with_implied`)
    implied: np.ndarray | None = None
    timings_ms: dict[str, float] = field(default_factory=dict)

    def keyword(self, w: FusionWeights) -> np.ndarray:
        return (1.0 - w.ngram_share) * self.words + w.ngram_share * self.ngrams

    def register(self, w: FusionWeights) -> np.ndarray:
        """The register's contribution to the fused score."""
        total = np.zeros_like(self.words)
        if w.register_keyword and self.register_words is not None:
            total += w.register_keyword * ((1.0 - w.ngram_share) * self.register_words
                                           + w.ngram_share * self.register_ngrams)
        if w.register_dense and self.register_dense is not None:
            total += w.register_dense * self.register_dense
        return total

    def dense_normalised(self) -> np.ndarray:
        dense = np.zeros_like(self.dense)
        candidates = self.dense > 0
        if candidates.any():
            dense[candidates] = _minmax(self.dense[candidates])
        return dense

    def fuse(self, w: FusionWeights) -> np.ndarray:
        others = w.dense + w.keyword + w.register_keyword + w.register_dense
        fused = (w.dense * self.dense_normalised() + w.keyword * self.keyword(w) + self.register(w)
                 + w.exact_bonus * others * self.exact + w.acronym_bonus * self.acronyms)
        if w.document_bonus and self.named_documents is not None:
            fused = fused + w.document_bonus * others * self.named_documents
        if w.implied_bonus and self.implied is not None:
            fused = fused + w.implied_bonus * others * self.implied
        if self.of_fact and w.fact_share_ruleless != 1.0 and self.ruleless is not None:
            fused = np.where(self.ruleless, fused * w.fact_share_ruleless, fused)
        fused[~self.allowed] = -np.inf
        return fused

    def order(self, w: FusionWeights, k: int) -> tuple[list[int], list[float]]:
        """The best `k` passages (indexes) and their scores: fused, then a section's further passages lowered by
        `section_repeat_share` per passage of the same section before them."""
        fused = self.fuse(w)
        depth = k if w.section_repeat_share == 1.0 or self.sections is None else max(k, REPEAT_DEPTH)
        ranked_all = np.argsort(-fused, kind="stable")
        if depth > k:
            # the candidates hold at most REPEAT_CAP passages of one section, whose later ones the repeats lower below
            # any other section's anyway: a question naming "Anhang 5 und … 2.5.1" finds 2.5.1 after the 77 rows of
            # the annex that it names too
            top, per_section = [], {}
            for i in ranked_all:
                if len(top) == depth or not (np.isfinite(fused[i]) and fused[i] > 0):
                    break
                section = int(self.sections[i])
                if per_section.get(section, 0) < REPEAT_CAP:
                    per_section[section] = per_section.get(section, 0) + 1
                    top.append(int(i))
        else:
            top = [i for i in ranked_all[:depth] if np.isfinite(fused[i]) and fused[i] > 0]
        scores = [float(fused[i]) for i in top]
        if depth > k:
            seen: dict[int, int] = {}
            for n, i in enumerate(top):
                repeats = seen.get(int(self.sections[i]), 0)
                seen[int(self.sections[i])] = repeats + 1
                scores[n] *= w.section_repeat_share ** repeats
            ranked = sorted(range(len(top)), key=lambda n: -scores[n])  # stable: ties keep the fused order
            top, scores = [top[n] for n in ranked], [scores[n] for n in ranked]
        return top[:k], scores[:k]

    def with_implied(self, rows: np.ndarray | None) -> "ScoreParts":
        """The same signals, with the passages the question's facts point to."""
        return self if rows is None or not rows.any() else replace(self, implied=rows)

    def as_fact_question(self, of_fact: bool = True) -> "ScoreParts":
        """The same signals, ranked as a question of fact (or not)."""
        return self if of_fact == self.of_fact else replace(self, of_fact=of_fact)


REPEAT_DEPTH = 60  # passages re-ranked for the sections' repeats (the dense side's candidates are as many)
REPEAT_CAP = 10  # passages of one section among them
WEIGHTS_FILE = TUNED_DIR / "retrieval_weights.json"


def load_weights(path: Path = WEIGHTS_FILE) -> FusionWeights:
    """The tuned weights, as recorded by evals/benchmarks/tune_fusion.py; a missing file is an error."""
    try:
        return FusionWeights(**json.loads(path.read_text(encoding="utf-8"))["weights"])
    except (OSError, ValueError, KeyError, TypeError) as error:
        raise TunedValuesMissing(path, error) from None
