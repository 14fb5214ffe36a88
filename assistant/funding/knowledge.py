"""Funding rules as data: assistant/knowledge/funding_paths.yaml, read and validated once per process.

`FundingKnowledge.load()` reads and validates the YAML once per process. `assess(profile, goals)` lists the funding
paths that fit the applicant and the project, best fit first, with the rate for this applicant, the conditions (each
with its source), whether a condition blocks the path, where to apply, next steps, and the questions to ask when a
deciding fact is unknown. Blocked paths stay in the list after the open ones, so that the answer can explain them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from assistant.core.paths import KNOWLEDGE_DIR


KNOWLEDGE_FILE = KNOWLEDGE_DIR / "funding_paths.yaml"

_TOP_KEYS = {"version", "region", "applicant_types", "project_types", "paths", "excluded_sectors", "passage_paths"}
_PATH_KEYS = {"id", "name", "summary", "applicant_types", "project_types", "applicants", "max_rate", "source", "rates",
              "conditions", "where_to_apply", "next_steps", "sub_measures", "municipalities", "budget"}
_RATE_KEYS = {"applies_to", "rate", "label", "source"}
_CONDITION_KEYS = {"id", "text", "triggers", "effect", "question", "source"}
_SOURCE_KEYS = {"document", "section", "page", "quote"}
_SECTOR_KEYS = {"code", "label", "keywords", "exceptions", "source"}
_REGION_KEYS = {"name", "grw_area", "note", "source"}
_TRIGGER_KEYS = {"already_started", "applicant_type", "company_size", "sector_excluded"}

class FundingDataError(ValueError):
    """funding_paths.yaml is not valid; the message names the place."""


@dataclass(frozen=True)
class Source:
    document: str
    section: str
    page: int | None
    quote: str

    def to_dict(self) -> dict[str, Any]:
        return {"document": self.document, "section": self.section, "page": self.page, "quote": self.quote}


@dataclass(frozen=True)
class Rate:
    applies_to: dict[str, Any]
    rate: str
    label: str
    source: Source


@dataclass(frozen=True)
class Condition:
    id: str
    text: str
    effect: str  # blocks | matters
    source: Source
    triggers: dict[str, Any] = field(default_factory=dict)
    question: str | None = None


@dataclass
class FundingPath:
    id: str
    name: str
    summary: str
    applicant_types: list[str]
    project_types: list[str]
    applicants: str
    max_rate: str
    source: Source | None
    rates: list[Rate]
    conditions: list[Condition]
    where_to_apply: str
    next_steps: list[str]
    sub_measures: list["FundingPath"] = field(default_factory=list)
    municipalities: list[str] = field(default_factory=list)
    budget: str = ""


@dataclass(frozen=True)
class ExcludedSector:
    code: str
    label: str
    keywords: tuple[str, ...]
    exceptions: str
    source: Source


# -- loading and validation ----------------------------------------------------------------------------------------

def _check_keys(data: Any, allowed: set[str], where: str, required: set[str] = frozenset()) -> dict:
    if not isinstance(data, dict):
        raise FundingDataError(f"funding_paths.yaml, {where}: Eintrag ist kein Objekt.")
    unknown = set(data) - allowed
    if unknown:
        raise FundingDataError(f"funding_paths.yaml, {where}: unbekannte Schlüssel {', '.join(sorted(unknown))}.")
    missing = set(required) - {k for k, v in data.items() if v not in (None, "")}
    if missing:
        raise FundingDataError(f"funding_paths.yaml, {where}: es fehlt {', '.join(sorted(missing))}.")
    return data


def _source(data: Any, where: str) -> Source:
    if data is None:
        raise FundingDataError(f"funding_paths.yaml, {where}: Quelle (source) fehlt.")
    data = _check_keys(data, _SOURCE_KEYS, f"{where}, source", {"document", "section", "quote"})
    if "page" not in data:
        raise FundingDataError(f"funding_paths.yaml, {where}, source: es fehlt page (null für Dokumente ohne Seiten).")
    return Source(str(data["document"]), str(data["section"]), data["page"], str(data["quote"]))


def _path(data: Any, where: str, parent: FundingPath | None, vocab: dict[str, set[str]]) -> FundingPath:
    data = _check_keys(data, _PATH_KEYS, where, {"id", "name"})
    where = f"{where} ({data['id']})"
    if parent is None and "sub_measures" not in data and not data.get("source"):
        raise FundingDataError(f"funding_paths.yaml, {where}: Quelle (source) fehlt.")
    if parent is not None and not str(data["id"]).startswith(parent.id + "/"):
        raise FundingDataError(f"funding_paths.yaml, {where}: Id muss mit „{parent.id}/“ beginnen.")
    for key in ("applicant_types", "project_types"):
        unknown = set(data.get(key) or []) - vocab[key]
        if unknown:
            raise FundingDataError(f"funding_paths.yaml, {where}: unbekannte {key} {', '.join(sorted(unknown))}.")
    conditions = []
    for n, item in enumerate(data.get("conditions") or []):
        c = _check_keys(item, _CONDITION_KEYS, f"{where}, Bedingung {n + 1}", {"id", "text", "effect"})
        if c["effect"] not in ("blocks", "matters"):
            raise FundingDataError(f"funding_paths.yaml, {where}, Bedingung {c['id']}: effect muss blocks oder matters sein.")
        unknown = set(c.get("triggers") or {}) - _TRIGGER_KEYS
        if unknown:
            raise FundingDataError(f"funding_paths.yaml, {where}, Bedingung {c['id']}: unbekannte Auslöser {', '.join(sorted(unknown))}.")
        conditions.append(Condition(c["id"], c["text"], c["effect"], _source(c.get("source"), f"{where}, Bedingung {c['id']}"),
                                    dict(c.get("triggers") or {}), c.get("question")))
    rates = []
    for n, item in enumerate(data.get("rates") or []):
        r = _check_keys(item, _RATE_KEYS, f"{where}, Satz {n + 1}", {"rate"})
        rates.append(Rate(dict(r.get("applies_to") or {}), str(r["rate"]), r.get("label", ""), _source(r.get("source"), f"{where}, Satz {n + 1}")))
    path = FundingPath(
        id=data["id"], name=data["name"], summary=data.get("summary", parent.summary if parent else ""),
        applicant_types=list(data.get("applicant_types") or (parent.applicant_types if parent else [])),
        project_types=list(data.get("project_types") or (parent.project_types if parent else [])),
        applicants=data.get("applicants") or (parent.applicants if parent else ""),
        max_rate=data.get("max_rate") or (parent.max_rate if parent else ""),
        source=_source(data["source"], where) if data.get("source") is not None else (parent.source if parent else None),
        rates=rates, conditions=conditions,
        where_to_apply=data.get("where_to_apply") or (parent.where_to_apply if parent else ""),
        next_steps=list(data.get("next_steps") or (parent.next_steps if parent else [])),
        municipalities=list(data.get("municipalities") or []), budget=str(data.get("budget") or ""),
    )
    path.sub_measures = [_path(s, f"{where}, Teilmaßnahme {n + 1}", path, vocab) for n, s in enumerate(data.get("sub_measures") or [])]
    return path


@dataclass
class FundingKnowledge:
    paths: list[FundingPath]
    excluded_sectors: list[ExcludedSector]
    applicant_types: list[str]
    project_types: list[str]
    region_source: Source | None = None
    section_paths: dict[str, str] = field(default_factory=dict)  # GRW section-number prefix -> path id
    document_paths: dict[str, str] = field(default_factory=dict)  # document id -> path id

    @classmethod
    def load(cls, path: Path = KNOWLEDGE_FILE) -> "FundingKnowledge":
        return _load_cached(Path(path).resolve())

    @classmethod
    def parse(cls, data: Any) -> "FundingKnowledge":
        data = _check_keys(data, _TOP_KEYS, "oberste Ebene", {"paths", "applicant_types", "project_types"})
        vocab = {"applicant_types": set(data["applicant_types"]), "project_types": set(data["project_types"])}
        region = _check_keys(data["region"], _REGION_KEYS, "region") if data.get("region") else None
        paths = [_path(p, f"Pfad {n + 1}", None, vocab) for n, p in enumerate(data["paths"])]
        ids = [p.id for top in paths for p in (top, *top.sub_measures)]
        duplicates = {i for i in ids if ids.count(i) > 1}
        if duplicates:
            raise FundingDataError(f"funding_paths.yaml: doppelte Ids {', '.join(sorted(duplicates))}.")
        sectors = []
        for n, item in enumerate(data.get("excluded_sectors") or []):
            s = _check_keys(item, _SECTOR_KEYS, f"Ausgeschlossener Wirtschaftszweig {n + 1}", {"code", "label", "keywords"})
            sectors.append(ExcludedSector(str(s["code"]), s["label"], tuple(s["keywords"]), s.get("exceptions", ""),
                                          _source(s.get("source"), f"Wirtschaftszweig {s['code']}")))
        passage_paths = _check_keys(data.get("passage_paths") or {}, {"sections", "documents"}, "passage_paths")
        targets = {str(v) for table in passage_paths.values() for v in (table or {}).values()}
        unknown = targets - set(ids)
        if unknown:
            raise FundingDataError(f"funding_paths.yaml, passage_paths: unbekannte Pfade {', '.join(sorted(unknown))}.")
        return cls(paths, sectors, list(data["applicant_types"]), list(data["project_types"]),
                   _source(region.get("source"), "region") if region else None,
                   {str(k): str(v) for k, v in (passage_paths.get("sections") or {}).items()},
                   {str(k): str(v) for k, v in (passage_paths.get("documents") or {}).items()})

    def path_for_passage(self, document: str, section_number: str) -> str | None:
        """The path whose rules a passage states: by its document, or by the longest GRW section prefix."""
        if document in self.document_paths:
            return self.document_paths[document]
        if document != "grw" or not section_number or section_number.startswith("Anhang"):
            return None
        matches = [p for p in self.section_paths if section_number == p or section_number.startswith(p + ".")]
        return self.section_paths[max(matches, key=len)] if matches else None

    def place_names(self) -> list[str]:
        """Every municipality the data names (LEADER regions), for telling place names from topic words."""
        return sorted({m for path in self.all_paths() for m in path.municipalities})

    def all_paths(self) -> list[FundingPath]:
        return [p for top in self.paths for p in (top, *top.sub_measures)]

    def get(self, path_id: str) -> FundingPath | None:
        return next((p for p in self.all_paths() if p.id == path_id), None)

    def excluded_sector(self, code: str) -> ExcludedSector | None:
        return next((s for s in self.excluded_sectors if s.code == code), None)

    def all_sources(self) -> list[tuple[str, Source]]:
        """Every source in the file with a label of where it stands (for the source check)."""
        found: list[tuple[str, Source]] = []
        if self.region_source:
            found.append(("region", self.region_source))
        for path in self.all_paths():
            if path.source:
                found.append((path.id, path.source))
            found += [(f"{path.id} Satz {r.rate}", r.source) for r in path.rates]
            found += [(f"{path.id} Bedingung {c.id}", c.source) for c in path.conditions]
        found += [(f"Wirtschaftszweig {s.code}", s.source) for s in self.excluded_sectors]
        return found

@lru_cache(maxsize=4)
def _load_cached(path: Path) -> FundingKnowledge:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as error:
        raise FundingDataError(f"{path.name} kann nicht gelesen werden: {error}") from None
    return FundingKnowledge.parse(data)
