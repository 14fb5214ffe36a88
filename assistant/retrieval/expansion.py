"""Glossary-based query expansion for the keyword side of retrieval.

Applicants write "Firmenwagen", "Liefervertrag" or "Grundstückskauf"; the GRW-Koordinierungsrahmen says
"Fahrzeuge, die im Straßenverkehr zugelassen sind", "Lieferungs- oder Leistungsvertrag" and "Grunderwerb". The
glossary (assistant/knowledge/query_glossary.yaml) maps such everyday wording to the statute's wording; this module
has one job: given a query, return the statute terms to add. Matching is on the same folded Snowball stems that the
keyword index uses, so inflected forms match ("Firmenwagens", "Lieferverträge"); a trigger may have several words
(matched in order, with a few other words allowed in between), and a word ending in "*" matches every stem that
starts with it ("Logistik*" matches "Logistikunternehmen").

The glossary is read once per process. Only the keyword side uses the expansion; the dense side sees the query as
written.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Annotated

from pydantic import ConfigDict, Field, PrivateAttr, StringConstraints, model_validator

from assistant.core.curated import Curated, CuratedDataError, DataPathError, load_once
from assistant.core.paths import KNOWLEDGE_DIR
from assistant.text.analysis import stems

GLOSSARY_FILE = KNOWLEDGE_DIR / "query_glossary.yaml"

# BM25 weight of the added statute terms relative to the query's own terms. Chosen on the dev split (see
# docs/retrieval.md): GRW MRR@10 rises from 0.3 to 0.7 and stays flat up to 1.0; the lowest weight on that plateau
# keeps the user's own words counting most.
EXPANSION_WEIGHT = 0.7

# How many other (non-stopword) words may stand between two words of a multi-word trigger.
MAX_GAP = 3

# A prefix trigger shorter than this would match too much ("Bau*" would match "Bauer" and "Baum").
MIN_PREFIX_STEM = 4


class GlossaryError(CuratedDataError):
    """query_glossary.yaml is not valid; the message (German) names the entry."""


@dataclass(frozen=True)
class TriggerWord:
    stem: str
    prefix: bool  # the trigger word ended in "*": matches any stem that starts with `stem`

    def matches(self, stem: str) -> bool:
        return stem.startswith(self.stem) if self.prefix else stem == self.stem


Word = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
Words = tuple[Word, ...]


class GlossaryEntry(Curated):
    """Everyday wording (triggers) and the wording of the GRW text (and, where given, the IREK text) it stands for."""

    model_config = ConfigDict(frozen=True)

    id: Word
    triggers: Words = Field(alias="everyday", min_length=1)
    grw: Words = ()
    irek: Words = ()
    _patterns: tuple[tuple[TriggerWord, ...], ...] = PrivateAttr(default=())

    @model_validator(mode="after")
    def _read_triggers(self) -> GlossaryEntry:
        if not self.grw and not self.irek:
            raise ValueError("es fehlt die Wortwahl der Dokumente (grw oder irek)")
        self._patterns = tuple(_pattern(trigger, n) for n, trigger in enumerate(self.triggers))
        return self

    @property
    def patterns(self) -> tuple[tuple[TriggerWord, ...], ...]:
        return self._patterns

    @property
    def targets(self) -> tuple[str, ...]:
        return self.grw + self.irek

    def matches(self, query_stems: list[str]) -> bool:
        return any(_occurs(pattern, query_stems) for pattern in self.patterns)


class Glossary(Curated):
    version: int = 1
    entries: tuple[GlossaryEntry, ...]

    @model_validator(mode="after")
    def _unique_ids(self) -> Glossary:
        ids = [e.id for e in self.entries]
        duplicates = sorted({i for i in ids if ids.count(i) > 1})
        if duplicates:
            raise DataPathError(("entries",), f"doppelte Ids {', '.join(duplicates)}")
        return self

    def matching_entries(self, query: str) -> list[GlossaryEntry]:
        query_stems = stems(query)
        return [entry for entry in self.entries if entry.matches(query_stems)]

    def expand(self, query: str) -> list[str]:
        """The statute terms to add for this query, each once, in glossary order; [] when nothing matches."""
        return list(dict.fromkeys(t for entry in self.matching_entries(query) for t in entry.targets))


def expansion_terms(query: str) -> list[str]:
    """The statute terms the default glossary adds to `query` (see Glossary.expand)."""
    return list(_default_expansion(query))


@lru_cache(maxsize=256)
def _default_expansion(query: str) -> tuple[str, ...]:
    # (an answer asks for the same text's terms up to three times: scope, search and the lead quote)
    return tuple(load_glossary().expand(query))


def load_glossary(path: Path = GLOSSARY_FILE) -> Glossary:
    """The glossary at `path`, parsed and checked once per process."""
    return load_once(path, Glossary, error=GlossaryError)


def _pattern(trigger: str, number: int) -> tuple[TriggerWord, ...]:
    """A trigger as a sequence of stems; stopwords drop out, as they do in the query."""
    where = ("everyday", number)
    words: list[TriggerWord] = []
    for word in trigger.split():
        prefix = word.endswith("*")
        word_stems = stems(word.rstrip("*"))
        for i, stem in enumerate(word_stems):
            is_prefix = prefix and i == len(word_stems) - 1
            if is_prefix and len(stem) < MIN_PREFIX_STEM:
                raise DataPathError(where, f"„{trigger}“ – ein Präfix mit * braucht mindestens {MIN_PREFIX_STEM} Zeichen")
            words.append(TriggerWord(stem, is_prefix))
    if not words:
        raise DataPathError(where, f"„{trigger}“ besteht nur aus Füllwörtern")
    if len(trigger.split()) > 1 and len(words) < 2:
        # "Strom selbst" would shrink to "Strom" ("selbst" is a stopword) and match far too much.
        raise DataPathError(where, f"„{trigger}“ behält nach Entfernen der Füllwörter nur ein Wort")
    return tuple(words)


def _occurs(pattern: tuple[TriggerWord, ...], query_stems: list[str]) -> bool:
    """Whether the pattern's words occur in this order, with at most MAX_GAP other words between two of them."""
    first = pattern[0]
    if not first.prefix and first.stem not in query_stems:  # most patterns fail on their first word: one scan in C
        return False
    for start, stem in enumerate(query_stems):
        if pattern[0].matches(stem) and _rest_follows(pattern[1:], query_stems, start + 1):
            return True
    return False


def _rest_follows(rest: tuple[TriggerWord, ...], query_stems: list[str], position: int) -> bool:
    if not rest:
        return True
    for i in range(position, min(position + MAX_GAP + 1, len(query_stems))):
        if rest[0].matches(query_stems[i]) and _rest_follows(rest[1:], query_stems, i + 1):
            return True
    return False
