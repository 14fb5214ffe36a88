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

import yaml

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


class GlossaryError(ValueError):
    """query_glossary.yaml is not valid; the message (German) names the entry."""


@dataclass(frozen=True)
class TriggerWord:
    stem: str
    prefix: bool  # the trigger word ended in "*": matches any stem that starts with `stem`

    def matches(self, stem: str) -> bool:
        return stem.startswith(self.stem) if self.prefix else stem == self.stem


@dataclass(frozen=True)
class GlossaryEntry:
    """Everyday wording (triggers) and the wording of the GRW text (and, where given, the IREK text) it stands for."""

    id: str
    triggers: tuple[str, ...]
    grw: tuple[str, ...]
    irek: tuple[str, ...]
    patterns: tuple[tuple[TriggerWord, ...], ...]

    @property
    def targets(self) -> tuple[str, ...]:
        return self.grw + self.irek

    def matches(self, query_stems: list[str]) -> bool:
        return any(_occurs(pattern, query_stems) for pattern in self.patterns)


@dataclass(frozen=True)
class Glossary:
    entries: tuple[GlossaryEntry, ...]

    def matching_entries(self, query: str) -> list[GlossaryEntry]:
        query_stems = stems(query)
        return [entry for entry in self.entries if entry.matches(query_stems)]

    def expand(self, query: str) -> list[str]:
        """The statute terms to add for this query, each once, in glossary order; [] when nothing matches."""
        return list(dict.fromkeys(t for entry in self.matching_entries(query) for t in entry.targets))


def expansion_terms(query: str) -> list[str]:
    """The statute terms the default glossary adds to `query` (see Glossary.expand)."""
    return load_glossary().expand(query)


def load_glossary(path: Path = GLOSSARY_FILE) -> Glossary:
    """The glossary at `path`, parsed and checked once per process."""
    return _load_cached(Path(path).resolve())


@lru_cache(maxsize=4)
def _load_cached(path: Path) -> Glossary:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as error:
        raise GlossaryError(f"Das Suchglossar „{path.name}“ ist nicht lesbar: {error}") from error
    if not isinstance(data, dict) or not isinstance(data.get("entries"), list):
        raise GlossaryError(f"{path.name}: es fehlt die Liste „entries“.")
    entries = tuple(_entry(raw, i) for i, raw in enumerate(data["entries"], start=1))
    ids = [e.id for e in entries]
    duplicates = {i for i in ids if ids.count(i) > 1}
    if duplicates:
        raise GlossaryError(f"{path.name}: doppelte Ids {', '.join(sorted(duplicates))}.")
    return Glossary(entries)


def _entry(raw: object, number: int) -> GlossaryEntry:
    where = f"query_glossary.yaml, Eintrag {number}"
    if not isinstance(raw, dict):
        raise GlossaryError(f"{where}: Eintrag ist kein Objekt.")
    unknown = set(raw) - {"id", "everyday", "grw", "irek"}
    if unknown:
        raise GlossaryError(f"{where}: unbekannte Schlüssel {', '.join(sorted(unknown))}.")
    entry_id = str(raw.get("id") or "").strip()
    if not entry_id:
        raise GlossaryError(f"{where}: es fehlt die Id.")
    where = f"query_glossary.yaml, Eintrag „{entry_id}“"
    triggers = _strings(raw.get("everyday"), where, "everyday")
    grw = _strings(raw.get("grw", []), where, "grw", required=False)
    irek = _strings(raw.get("irek", []), where, "irek", required=False)
    if not grw and not irek:
        raise GlossaryError(f"{where}: es fehlt die Wortwahl der Dokumente (grw oder irek).")
    patterns = tuple(_pattern(trigger, where) for trigger in triggers)
    return GlossaryEntry(entry_id, triggers, grw, irek, patterns)


def _strings(value: object, where: str, key: str, required: bool = True) -> tuple[str, ...]:
    if value is None or value == []:
        if required:
            raise GlossaryError(f"{where}: „{key}“ fehlt oder ist leer.")
        return ()
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise GlossaryError(f"{where}: „{key}“ muss eine Liste nicht leerer Texte sein.")
    return tuple(v.strip() for v in value)


def _pattern(trigger: str, where: str) -> tuple[TriggerWord, ...]:
    """A trigger as a sequence of stems; stopwords drop out, as they do in the query."""
    words: list[TriggerWord] = []
    for word in trigger.split():
        prefix = word.endswith("*")
        word_stems = stems(word.rstrip("*"))
        for i, stem in enumerate(word_stems):
            is_prefix = prefix and i == len(word_stems) - 1
            if is_prefix and len(stem) < MIN_PREFIX_STEM:
                raise GlossaryError(f"{where}: „{trigger}“ – ein Präfix mit * braucht mindestens {MIN_PREFIX_STEM} Zeichen.")
            words.append(TriggerWord(stem, is_prefix))
    if not words:
        raise GlossaryError(f"{where}: „{trigger}“ besteht nur aus Füllwörtern.")
    if len(trigger.split()) > 1 and len(words) < 2:
        # "Strom selbst" would shrink to "Strom" ("selbst" is a stopword) and match far too much.
        raise GlossaryError(f"{where}: „{trigger}“ behält nach Entfernen der Füllwörter nur ein Wort.")
    return tuple(words)


def _occurs(pattern: tuple[TriggerWord, ...], query_stems: list[str]) -> bool:
    """Whether the pattern's words occur in this order, with at most MAX_GAP other words between two of them."""
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
