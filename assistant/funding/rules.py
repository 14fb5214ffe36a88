"""The funding rules applied to a project profile.

`assess(profile, goals, knowledge)` lists the funding paths that fit the applicant and the project, best fit first, with
the rate for this applicant, the conditions (each with its source), whether a condition blocks the path, where to
apply, next steps, and the questions to ask when a deciding fact is unknown. Blocked paths stay in the list after the
open ones, so that the answer can explain them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from assistant.funding.knowledge import Condition, FundingKnowledge, FundingPath, Rate, Source
from assistant.funding.profile import SAMTGEMEINDE_OF, ProjectProfile
from assistant.goals.matching import GoalMatch

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



def describe(knowledge: FundingKnowledge, path_id: str, profile: ProjectProfile) -> PathAssessment | None:
    """One path as it applies to `profile`, whether or not the profile asked for it (questions of fact)."""
    top = knowledge.get(path_id.split("/")[0])
    return _assess_path(top, profile, set(profile.project_types)) if top else None


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
        if not sub.project_types or sub.project_types == top.project_types or sub.chosen_for:
            continue  # a sub-measure chosen for a company size (De-minimis for large companies) is chosen below
        if profile.applicant_type and profile.applicant_type not in sub.applicant_types:
            continue
        matched = len(wanted & set(sub.project_types))
        key = (matched, matched / len(sub.project_types))
        if matched and key > best_key:
            best, best_key = sub, key
    # The sub-measure that stands in for the path for this company size (a large company's business investment:
    # De-minimis only, Anhang 5), unless the sub-measure open to every size fits the project (funding_paths.yaml).
    if best is top and profile.company_size is not None:
        for sub in top.sub_measures:
            rule = sub.chosen_for
            if rule and rule.company_size == profile.company_size \
                    and not wanted & _project_types_of(top, rule.unless_sub_measure_fits):
                return sub
    return best


def _project_types_of(top: FundingPath, sub_id: str | None) -> set[str]:
    return next((set(s.project_types) for s in top.sub_measures if s.id == sub_id), set())


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
    if chosen.chosen_for:  # e.g. large company: the size rate of the path plus the De-minimis rule
        size = chosen.chosen_for.company_size
        size_rate = next((r for r in parent.rates if r.applies_to.get("company_size") == size), None)
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


def _goal_hints(goals: list[GoalMatch] | None, knowledge: FundingKnowledge) -> set[str]:
    """Project types that the Leitziele of the best three goals hint at (leitziel_hints in funding_paths.yaml)."""
    hints: set[str] = set()
    for goal in (goals or [])[:3]:
        code = goal.code if hasattr(goal, "code") else str(goal)
        hints |= set(knowledge.hinted_project_types(".".join(code.split(".")[:2])))
    return hints


def assess(profile: ProjectProfile, goals: list[GoalMatch] | None, knowledge: FundingKnowledge) -> FundingAssessment:
    wanted = set(profile.project_types)
    hints = _goal_hints(goals, knowledge) - wanted
    defaults = knowledge.usual_paths(profile.applicant_type)
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
