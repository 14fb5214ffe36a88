"""Funding rules as data (assistant/knowledge/funding_paths.yaml) and their application to a project profile.

`FundingKnowledge.load()` reads and validates the YAML once per process. `assess(profile, goals)` lists the funding
paths that fit the applicant and the project, best fit first, with the rate for this applicant, the conditions (each
with its source), whether a condition blocks the path, where to apply, next steps, and the questions to ask when a
deciding fact is unknown. Blocked paths stay in the list after the open ones, so that the answer can explain them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml

from assistant.profile_extraction import SAMTGEMEINDE_OF, ProjectProfile

if TYPE_CHECKING:
    from assistant.goal_matching import GoalMatch

KNOWLEDGE_FILE = Path(__file__).resolve().parent / "knowledge" / "funding_paths.yaml"

_TOP_KEYS = {"version", "region", "applicant_types", "project_types", "paths", "excluded_sectors"}
_PATH_KEYS = {"id", "name", "summary", "applicant_types", "project_types", "applicants", "max_rate", "source", "rates",
              "conditions", "where_to_apply", "next_steps", "sub_measures", "municipalities", "budget"}
_RATE_KEYS = {"applies_to", "rate", "label", "source"}
_CONDITION_KEYS = {"id", "text", "triggers", "effect", "question", "source"}
_SOURCE_KEYS = {"document", "section", "page", "quote"}
_SECTOR_KEYS = {"code", "label", "keywords", "exceptions", "source"}
_REGION_KEYS = {"name", "grw_area", "note", "source"}
_TRIGGER_KEYS = {"already_started", "applicant_type", "company_size", "sector_excluded"}

# The German questions for deciding facts, asked once each, in this order.
FACT_QUESTIONS: dict[str, str] = {
    "applicant_type": "Wer soll den Antrag stellen: ein Unternehmen, eine Kommune, ein Verein bzw. eine gemeinnützige "
                      "Einrichtung oder eine Forschungseinrichtung?",
    "already_started": "Ist mit dem Vorhaben bereits begonnen worden, zum Beispiel durch einen verbindlichen Auftrag, "
                       "eine Bestellung oder den Baubeginn?",
    "company_size": "Wie viele Beschäftigte hat Ihr Unternehmen und wie hoch ist der Jahresumsatz?",
    "sector_excluded": "Was ist die Haupttätigkeit Ihres Betriebs (Branche bzw. WZ-Code)?",
    "project_types": "Was genau soll gefördert werden, zum Beispiel ein Bau, Maschinen, eine Beratung, ein "
                     "Forschungsprojekt oder die Erschließung einer Fläche?",
    "municipality": "In welcher Gemeinde des Landkreises soll das Projekt umgesetzt werden?",
}

# Where nothing about the project type is known, the applicant type suggests the usual paths (best first).
_DEFAULT_PATHS: dict[str | None, list[str]] = {
    "company": ["grw-gewerbe", "grw-innovation", "zukunftsregion", "leader"],
    "municipality": ["grw-infrastruktur", "grw-nichtinvestiv", "leader", "zukunftsregion"],
    "association": ["leader", "grw-nichtinvestiv", "grw-infrastruktur", "zukunftsregion"],
    "research": ["grw-innovation", "zukunftsregion", "grw-nichtinvestiv", "grw-infrastruktur"],
    None: ["grw-gewerbe", "grw-infrastruktur", "grw-innovation", "leader"],
}
# IREK Leitziele hint at project types (weaker evidence than the words of the question).
_LEITZIEL_HINTS: dict[str, list[str]] = {
    "1.1": ["business_investment", "energy_efficiency"], "1.2": ["cooperation_network"], "1.3": ["cooperation_network"],
    "2.1": ["training", "location_attractiveness", "first_hire"], "2.2": ["applied_rnd", "innovation_project", "business_centre"],
    "2.3": ["renewable_self_supply", "energy_infrastructure", "energy_efficiency"], "2.4": ["advice", "training", "innovation_project"],
    "2.5": ["planning", "regional_concept"], "3.1": ["industrial_site", "revitalisation"], "3.2": ["location_attractiveness"],
    "3.3": ["energy_infrastructure", "business_centre", "education_infrastructure"], "3.4": ["energy_infrastructure"],
    "4.1": ["location_attractiveness", "rural_development"], "4.2": ["location_attractiveness", "rural_development"],
    "4.3": ["tourism_infrastructure", "business_investment"],
}


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


@dataclass
class ConditionAssessment:
    id: str
    text: str
    effect: str
    source: Source
    applies: bool | None  # True: the profile triggers it; False: it does not; None: the deciding fact is unknown

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "text": self.text, "effect": self.effect, "applies": self.applies,
                "source": self.source.to_dict()}


@dataclass
class PathAssessment:
    id: str
    name: str
    max_rate: str
    applicants: str
    conditions: list[ConditionAssessment]
    blocked: bool
    reasons: list[str]  # why the path is blocked (German)
    where_to_apply: str
    next_steps: list[str]
    sources: list[Source]  # rate and path sources first, then the conditions' sources
    fit: float = 0.0
    fit_reasons: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "name": self.name, "max_rate": self.max_rate, "applicants": self.applicants,
                "conditions": [c.to_dict() for c in self.conditions], "blocked": self.blocked, "reasons": self.reasons,
                "where_to_apply": self.where_to_apply, "next_steps": self.next_steps,
                "sources": [s.to_dict() for s in self.sources]}


@dataclass
class FundingAssessment:
    paths: list[PathAssessment]
    missing_facts: list[str]

    def to_dict(self) -> dict[str, Any]:
        return {"paths": [p.to_dict() for p in self.paths], "missing_facts": self.missing_facts}


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
        return cls(paths, sectors, list(data["applicant_types"]), list(data["project_types"]),
                   _source(region.get("source"), "region") if region else None)

    def describe(self, path_id: str, profile: ProjectProfile) -> "PathAssessment | None":
        """One path as it applies to `profile`, whether or not the profile asked for it (questions of fact)."""
        top = self.get(path_id.split("/")[0])
        return _assess_path(top, profile, set(profile.project_types)) if top else None

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

    def assess(self, profile: ProjectProfile, goals: list["GoalMatch"] | None = None) -> "FundingAssessment":
        return assess(profile, goals, self)


@lru_cache(maxsize=4)
def _load_cached(path: Path) -> FundingKnowledge:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as error:
        raise FundingDataError(f"{path.name} kann nicht gelesen werden: {error}") from None
    return FundingKnowledge.parse(data)


# -- assessment ---------------------------------------------------------------------------------------------------

def _fact(profile: ProjectProfile, key: str) -> Any:
    if key == "sector_excluded":
        if profile.excluded_sector is not None:
            return True
        return False if profile.sector is not None else None
    return getattr(profile, key)


def _applies(condition: Condition, profile: ProjectProfile) -> bool | None:
    """Whether the profile triggers the condition; None when a deciding fact is unknown."""
    if not condition.triggers:
        return None
    results = []
    for key, wanted in condition.triggers.items():
        value = _fact(profile, key)
        results.append(None if value is None else value == wanted)
    if any(r is False for r in results):
        return False
    return True if all(r is True for r in results) else None


def _rate_matches(rate: Rate, profile: ProjectProfile) -> bool | None:
    """True: applies to this profile; False: does not; None: depends on facts that are not part of the profile."""
    result: bool | None = True
    for key, wanted in rate.applies_to.items():
        if key == "company_size":
            if profile.company_size is None:
                return None
            result = result and profile.company_size == wanted
        elif key == "project_type":
            result = result and wanted in profile.project_types
        else:
            return None
    return result


def _with_bis(rate: str) -> str:
    return f"bis {rate}" if rate[:1].isdigit() else rate


def _merged_conditions(parent: FundingPath, chosen: FundingPath) -> list[Condition]:
    if chosen is parent:
        return list(parent.conditions)
    own = {c.id for c in chosen.conditions}
    return list(chosen.conditions) + [c for c in parent.conditions if c.id not in own]


def _choose_sub_measure(top: FundingPath, profile: ProjectProfile, wanted: set[str]) -> FundingPath:
    """The sub-measure that fits the project (or the LEADER region of the municipality); else the path itself."""
    if profile.municipality:
        names = {profile.municipality, SAMTGEMEINDE_OF.get(profile.municipality, "")}
        for sub in top.sub_measures:
            if names & set(sub.municipalities):
                return sub
    best, best_key = top, (0, 0.0)
    for sub in top.sub_measures:
        if not sub.project_types or sub.project_types == top.project_types or sub.id.endswith("/de-minimis"):
            continue  # De-minimis is the fallback for large companies, chosen below
        if profile.applicant_type and profile.applicant_type not in sub.applicant_types:
            continue
        matched = len(wanted & set(sub.project_types))
        key = (matched, matched / len(sub.project_types))
        if matched and key > best_key:
            best, best_key = sub, key
    # A large company's business investment is funded only up to the De-minimis ceiling (Anhang 5, Nr. 2.5.1).
    if best is top and top.id == "grw-gewerbe" and profile.company_size == "large" \
            and not wanted & {"energy_efficiency", "renewable_self_supply"}:
        best = next((s for s in top.sub_measures if s.id.endswith("/de-minimis")), top)
    return best


def _max_rate(parent: FundingPath, chosen: FundingPath, profile: ProjectProfile) -> tuple[str, list[Source]]:
    rates = chosen.rates or parent.rates
    sources: list[Source] = []
    for kind in ("company_size", "project_type"):
        for rate in rates:
            if kind in rate.applies_to and _rate_matches(rate, profile):
                sources.append(rate.source)
                if chosen is not parent and chosen.source:
                    sources.append(chosen.source)
                return _with_bis(rate.rate), sources
    if chosen.id.endswith("/de-minimis"):  # large company: the size rate of the path plus the De-minimis rule
        size_rate = next((r for r in parent.rates if r.applies_to.get("company_size") == "large"), None)
        if size_rate:
            return size_rate.rate, [size_rate.source] + ([chosen.source] if chosen.source else [])
    sources = [r.source for r in rates if _rate_matches(r, profile) is not False]
    if chosen.source:
        sources.append(chosen.source)
    return chosen.max_rate or parent.max_rate, sources


def _assess_path(top: FundingPath, profile: ProjectProfile, wanted: set[str]) -> PathAssessment:
    chosen = _choose_sub_measure(top, profile, wanted)
    max_rate, rate_sources = _max_rate(top, chosen, profile)
    conditions = []
    for condition in _merged_conditions(top, chosen):
        applies = _applies(condition, profile)
        if applies is False and condition.effect == "matters":
            continue  # e.g. the rules for large companies, for a small one
        conditions.append(ConditionAssessment(condition.id, condition.text, condition.effect, condition.source, applies))
    blocking = [c for c in conditions if c.effect == "blocks" and c.applies]
    reasons = [c.text for c in blocking]
    if profile.excluded_sector and any(c.id.startswith("ausgeschlossen") or "nicht-ausgeschlossen" in c.id for c in blocking):
        reasons = [f"Die Haupttätigkeit „{profile.sector}“ (Abschnitt {profile.excluded_sector}) steht auf der Liste nicht "
                   f"förderfähiger Wirtschaftszweige (Nr. 2.7.1)."] + reasons
    conditions.sort(key=lambda c: (not (c.effect == "blocks" and c.applies), c.effect != "blocks"))
    sources: list[Source] = []
    for source in [*rate_sources, *([top.source] if top.source else []), *(c.source for c in conditions)]:
        if source not in sources:
            sources.append(source)
    return PathAssessment(
        id=chosen.id, name=chosen.name if chosen is top else f"{top.name} – {chosen.name}", max_rate=max_rate,
        applicants=chosen.applicants, conditions=conditions, blocked=bool(blocking), reasons=reasons,
        where_to_apply=chosen.where_to_apply, next_steps=list(chosen.next_steps), sources=sources,
    )


def _goal_hints(goals: list["GoalMatch"] | None) -> set[str]:
    hints: set[str] = set()
    for goal in (goals or [])[:3]:
        code = goal.code if hasattr(goal, "code") else str(goal)
        hints |= set(_LEITZIEL_HINTS.get(".".join(code.split(".")[:2]), []))
    return hints


def assess(profile: ProjectProfile, goals: list["GoalMatch"] | None = None,
           knowledge: FundingKnowledge | None = None) -> FundingAssessment:
    knowledge = knowledge or FundingKnowledge.load()
    wanted = set(profile.project_types)
    hints = _goal_hints(goals) - wanted
    defaults = _DEFAULT_PATHS.get(profile.applicant_type, _DEFAULT_PATHS[None])
    candidates: list[PathAssessment] = []
    for top in knowledge.paths:
        types = set(top.project_types) | {t for s in top.sub_measures for t in s.project_types}
        applicant_fits = profile.applicant_type is None or profile.applicant_type in top.applicant_types
        matched, hinted = wanted & types, hints & types
        fit, why = 0.0, []
        if matched:
            fit += 3.0 * len(matched)
            why.append("Die Art des Vorhabens passt.")
        if hinted:
            fit += 1.0
            why.append("Das passende IREK-Ziel deutet auf diesen Förderweg.")
        if not wanted and top.id in defaults:
            fit += 1.0 - 0.2 * defaults.index(top.id)
            why.append("Üblicher Förderweg für diese Antragstellenden.")
        if fit <= 0:
            continue
        assessment = _assess_path(top, profile, wanted)
        if not applicant_fits:
            # Listed only when the data names a condition that explains why this applicant cannot apply.
            if not (matched and assessment.blocked and any("applicant_type" in c.id or c.applies for c in assessment.conditions if c.effect == "blocks")):
                continue
        assessment.fit, assessment.fit_reasons = round(fit, 2), why
        candidates.append(assessment)
    open_paths = sorted((p for p in candidates if not p.blocked), key=lambda p: -p.fit)
    blocked = sorted((p for p in candidates if p.blocked), key=lambda p: -p.fit)
    if not open_paths and blocked and profile.already_started is not True:
        # Everything that fits is blocked by who applies (sector, applicant type): show what remains open.
        for path_id in defaults:
            top = knowledge.get(path_id)
            if top is None or any(p.id.split("/")[0] == path_id for p in candidates):
                continue
            if profile.applicant_type and profile.applicant_type not in top.applicant_types:
                continue
            alternative = _assess_path(top, profile, set())
            if not alternative.blocked:
                alternative.fit, alternative.fit_reasons = 0.5, ["Möglicher anderer Weg, weil die passenden Förderwege ausgeschlossen sind."]
                open_paths.append(alternative)
    paths = open_paths + blocked
    return FundingAssessment(paths, _missing_facts(profile, paths, knowledge))


def _missing_facts(profile: ProjectProfile, paths: list[PathAssessment], knowledge: FundingKnowledge) -> list[str]:
    needed: set[str] = set()
    if profile.applicant_type is None:
        needed.add("applicant_type")
    if not profile.project_types:
        needed.add("project_types")
    for assessment in paths:
        if assessment.blocked:
            continue
        path = knowledge.get(assessment.id)
        top = knowledge.get(assessment.id.split("/")[0])
        conditions = _merged_conditions(top, path) if path and top else []
        for condition in conditions:
            if condition.effect == "blocks" or "company_size" in condition.triggers:
                if _applies(condition, profile) is None:
                    needed |= {k for k in condition.triggers if _fact(profile, k) is None}
        rates = (path.rates if path else []) or (top.rates if top else [])
        if profile.applicant_type in ("company", None) and profile.company_size is None \
                and any("company_size" in r.applies_to for r in rates):
            needed.add("company_size")
        if top and top.id == "leader" and profile.municipality is None:
            needed.add("municipality")
    if profile.applicant_type not in ("company", None):
        needed -= {"company_size", "sector_excluded"}
    return [question for key, question in FACT_QUESTIONS.items() if key in needed]
