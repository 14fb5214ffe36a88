"""The funding rules applied to a project profile.

`assess(profile, goals, knowledge)` lists the funding paths that fit the applicant and the project, best fit first, with
the rate for this applicant, the conditions (each with its source), whether a condition blocks the path, where to
apply, next steps, and the questions to ask when a deciding fact is unknown. Blocked paths stay in the list after the
open ones, so that the answer can explain them; each reason cites its rule.

No padding: the project types the question names decide which paths are offered; the IREK goals' hints only count
when the question names none, and then only through a measure the applicant may carry (Träger rules).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any

from assistant.core.curated import compiled
from assistant.funding.knowledge import (Condition, ExcludedSector, FundingKnowledge, FundingPath, Rate, RegionalEffect,
                                         Source, WageCosts, wz_title, wz_within)
from assistant.funding.profile import (NAMES_GASTRONOMY, SAMTGEMEINDE_OF, ProjectProfile, holds_part_time, is_founding,
                                       replacement_open, says_main_line)
from assistant.goals.matching import GoalMatch

WAGE_COSTS_ASKED = "Der gefragte lohnkostenbezogene Zuschuss gehört zu diesem Förderweg."
TYPE_FITS = "Die Art des Vorhabens passt."  # the fit reason of a path whose measures name the project's type
USUAL_FOR_ASKER = "Üblicher Förderweg für diese Antragstellenden."  # the fit reason of a path usual for the asker

# The German questions for deciding facts, asked once each, in this order.
FACT_QUESTIONS: dict[str, str] = {
    "applicant_type": "Wer soll den Antrag stellen: ein Unternehmen, eine Kommune, ein Verein bzw. eine gemeinnützige "
                      "Einrichtung oder eine Forschungseinrichtung?",
    "already_started": "Ist mit dem Vorhaben bereits begonnen worden, zum Beispiel durch einen verbindlichen Auftrag, "
                       "eine Bestellung oder den Baubeginn?",
    "replacement": "Ersetzt die neue Anlage eine vorhandene, oder kommt sie hinzu (mehr Kapazität, ein neues Produkt)? "
                   "Der bloße Ersatz vorhandener Anlagen ist nicht förderfähig (Nr. 2.6.2).",
    "company_size": "Wie viele Beschäftigte hat Ihr Unternehmen und wie hoch ist der Jahresumsatz?",
    # where the headcount and the turnover leave the size open (KR Nr. 2.1.5: turnover or balance sheet total)
    "balance_sheet": "Wie hoch ist die Jahresbilanzsumme Ihres Unternehmens? Mit ihr entscheidet sich, ob es als "
                     "kleines oder mittleres Unternehmen gilt (Nr. 2.1.5).",
    # part-time staff or apprentices among the headcount: the size is reckoned in annual work units (Anhang I AGVO)
    # (where the figures leave it between a medium and a large firm: "180 MA, 95 mio umsatz")
    "balance_sheet_large": "Wie hoch ist die Jahresbilanzsumme Ihres Unternehmens? Mit ihr entscheidet sich, ob es als "
                           "mittleres oder großes Unternehmen gilt (Nr. 2.1.5); ein großes bekommt für eine Erweiterung "
                           "nur eine Förderung bis zum De-minimis-Höchstbetrag (Nr. 2.4.2).",
    "work_units": "Wie viele Vollzeitstellen ergeben Ihre Beschäftigten, wenn Teilzeitkräfte anteilig gezählt werden? "
                  "Danach richtet sich, ob das Unternehmen als kleines oder mittleres gilt (Nr. 2.1.5).",
    "turnover": "Wie hoch ist der Jahresumsatz Ihres Unternehmens? Mit ihm entscheidet sich, ob es als kleines oder "
                "mittleres Unternehmen gilt (Nr. 2.1.5).",
    # a medium firm by its headcount alone: over both money limits it is a large one (Nr. 2.1.5), which gets only the
    # De-minimis maximum for an extension (Nr. 2.4.2)
    "turnover_large": "Wie hoch sind Jahresumsatz und Jahresbilanzsumme Ihres Unternehmens? Liegen beide über den "
                      "Grenzen mittlerer Unternehmen (Nr. 2.1.5), gilt es als großes Unternehmen und bekommt für eine "
                      "Erweiterung nur eine Förderung bis zum De-minimis-Höchstbetrag (Nr. 2.4.2).",
    # a company of a group: its partner and linked enterprises count in for the size (Nr. 2.1.5 (4))
    "group": "Wie viele Beschäftigte und welchen Umsatz haben die Unternehmen, mit denen Ihr Unternehmen über "
             "Beteiligungen verbunden ist, und wie hoch sind die Anteile? Sie zählen für die Unternehmensgröße mit "
             "(Nr. 2.1.5).",
    "sector_excluded": "Was ist die Haupttätigkeit Ihres Betriebs (Branche bzw. WZ-Code)?",
    "project_types": "Was genau soll gefördert werden, zum Beispiel ein Bau, Maschinen, eine Beratung, ein "
                     "Forschungsprojekt oder die Erschließung einer Fläche?",
    "municipality": "In welcher Gemeinde des Landkreises soll das Projekt umgesetzt werden?",
    "university_or_society": "Ist die Forschungseinrichtung rechtlich selbständig, oder gehört sie zu einer Hochschule "
                             "bzw. einer grundfinanzierten Forschungsgesellschaft?",
}
# A share in the asker's firm told with the other firm's staff or turnover in the same sentence, or the group's figures
# as a whole ("gehört zu 60 % der Firma meiner Frau, die hat 70 Angestellte", "konzernweit ca 600 Leute")
_STAFF_OR_TURNOVER = r"\b\d[\d.,]*\s{0,2}(ma\b|mitarbeiter\w{0,3}|angestellte\w{0,2}|beschäftigte\w{0,2}|leute\b|köpfe\b|mio\b|millionen\b)"
_PARTNER_FIGURES = re.compile(r"\d{1,3}\s{0,2}(%|prozent)[^.?!]{0,100}?" + _STAFF_OR_TURNOVER
                              + r"|\b(zusammen|konzernweit|gruppenweit|insgesamt)\b[^.?!]{0,40}?" + _STAFF_OR_TURNOVER,
                              re.IGNORECASE)
# The conditions on the main activity that the answer words by kind: the exclusion of Nr. 2.7.1, an exception of its
# list that keeps the activity in, and a trade name that also often means an excluded code.
SECTOR_EXCLUSION = "ausgeschlossener-wirtschaftszweig"  # the condition of Nr. 2.7.1 on the main activity
# A main activity within an excluded section that the list excepts (wholesale 46.2 to 46.6 within G)
SECTOR_EXCEPTION = "ausnahme-wirtschaftszweig"
GASTRONOMY_WITH_LODGING = "gastronomie-mit-beherbergung"  # a lodging business's restaurant, in by its guests' share
# A trade name that also often means an excluded code (a bakery that mostly sells: 47.24): its main activity decides
MAIN_ACTIVITY = "haupttaetigkeit-abgrenzung"
SECTOR_DOUBT = "wirtschaftszweig-offen"  # a code beside a line of Nr. 2.7.1 whose reach the KR leaves to the AGVO
START_OF_WORKS = "antrag-vor-beginn"  # the condition that the application precedes the start of works
PART_BEGUN = "teilweise-begonnen"  # the condition on a project whose works began for a part only
GRANT_TIME = "groesse-bei-gewaehrung"  # the size at the grant decides the rate (Nr. 1.5 (3)), for a size stated for it
AGRI_PROCESSING = "verarbeitung-agrarerzeugnisse"  # the restriction of Nr. 2.7.2 (1), for a business that processes
# The programmes a question names, by the path their name leads to ("über LEADER", "Niedersachsen Invest GRW")
_NAMED_PATHS = [(re.compile(r"\bgrw\b|gemeinschaftsaufgabe|invest\s{0,2}grw", re.IGNORECASE), "grw-gewerbe"),
                (re.compile(r"\bleader\b", re.IGNORECASE), "leader"),
                (re.compile(r"zukunftsregion", re.IGNORECASE), "zukunftsregion")]


# The GRW's infrastructure funding named as such ("Können wir GRW-Infrastrukturförderung beantragen?"), also with
# hyphens and without the programme's name ("über diese tourismus-infrastruktur-förderung"): in the documents, the
# funding of infrastructure by that name is the GRW's (KR Nr. 3)
_NAMES_INFRASTRUCTURE = re.compile(r"infrastruktur-?(förderung|förder\w{0,6}|mittel|maßnahme|tatbestand)\w{0,2}\b"
                                   r"|\bwirtschaftsnahe\w{0,2}\s{1,3}(kommunale\w{0,2}\s{1,3})?infrastruktur", re.IGNORECASE)


def named_paths(text: str, applicant_type: str | None = None) -> list[str]:
    """The path ids of the programmes `text` names, in the order above; the GRW of a municipality or an association,
    or the GRW's infrastructure funding named as such, is its infrastructure funding (KR Nr. 3), not the investment
    aid for firms."""
    found = [path for pattern, path in _NAMED_PATHS if pattern.search(text)]
    infrastructure = _NAMES_INFRASTRUCTURE.search(text)
    if applicant_type in ("municipality", "association") or infrastructure:
        found = ["grw-infrastruktur" if path == "grw-gewerbe" else path for path in found]
    return found if not infrastructure or "grw-infrastruktur" in found else ["grw-infrastruktur", *found]


def programme(path_id: str) -> str:
    """The programme a path belongs to: "grw" for every GRW path, else the path's own top id ("leader/nol" → "leader")."""
    top = path_id.split("/")[0]
    return "grw" if top.startswith("grw") else top


# a question of when the works may start, against the application or the approval
_START = r"(anfangen|beginnen|loslegen|starten|bauen|baubeginn|bestellen|beauftragen|unterschreiben|vergeben)"
_APPLICATION = r"(antrag\w{0,5}|antragstellung|bescheid\w{0,2}|bewilligung\w{0,2}|zusage|förderzusage)"
# A question for the amount in a project's description: "Mit wie viel Zuschuss kann er rechnen?", "Rechnen Sie mir den
# maximalen Zuschuss aus."
ASKS_HOW_MUCH = re.compile(r"\b(wie\s{1,3}hoch|wie\s{1,3}viel|wieviel|mit\s{1,3}wie\s{1,3}viel|welche[mnr]?\s{1,3}(fördersatz|satz|quote)"
                           r"|fördersatz|förderquote|(aus|be)?rechne\w{0,2}\b[^.?!]{0,60}\b(zuschuss|förderung|betrag)"
                           r"|(maximale[nr]?|max\.|höchstmögliche[nr]?)\s{0,3}(zuschuss|förderung|betrag)|was\s{1,3}(ist|wäre|wär|ist\s{1,3}da|wäre\s{1,3}da)\s{1,3}(\S{1,30}\s{1,3}){0,4}drin\b"
                           # "was käme da raus?", "was kommt dabei rum?"
                           r"|was\s{1,3}(käme|kommt|würde)\s{1,3}((da|dabei|denn)\s{1,3})?(raus|heraus|rum|herum)\b"
                           # "was heißt das konkret in euro?", "bitte in euro"
                           r"|\b(konkret|bitte|das)\s{1,3}in\s{1,3}euro\b"
                           # a sum of grant asked to be confirmed: "Also 1,2 Mio Zuschuss?", "sind das dann 80k Förderung?"
                           r"|\b\d[\d.,]*\s{0,2}(mio\.?|millionen|k|tsd\.?|tausend)?\s{0,2}(€|euro)?\s{0,3}"
                           r"(zuschuss|förderung|fördergeld|förderbetrag|grw)\s{0,3}\?)",
                           re.IGNORECASE)
# A question of what counts as the start ("Ab wann zählt ein Projekt als begonnen?", "Was gilt als Vorhabenbeginn?")
ASKS_WHAT_IS_A_START = re.compile(
    r"\b(ab\s{1,3})?wann\s{1,3}(gilt|zählt|ist)\b[^.?!]{0,60}\b(begonnen|angefangen|gestartet|beginn\w{0,2})\b"
    r"|\b(was|welche\w{0,2})\b[^.?!]{0,30}\b(gilt|gelten|zählt|zählen)\s{1,3}als\s{1,3}['„\"]?(vorhaben)?(beginn|begonnen|start)"
    r"|\bbeginn\w{0,2}\s{1,3}der\s{1,3}arbeiten\b|\bvorhabenbeginn\w{0,2}\b|\bbaubeginn\s{1,3}im\s{1,3}sinne", re.IGNORECASE)
ASKS_WHEN_TO_START = re.compile(rf"\b{_START}\b[^.?!]{{0,80}}\b{_APPLICATION}\b|\b{_APPLICATION}\b[^.?!]{{0,80}}\b{_START}\b"
                                # "Dürfen wir die Büros schon beauftragen?": whether one may begin already
                                rf"|\b(dürfen|darf|können|kann)\s{{1,3}}(wir|ich|man)\b[^.?!]{{0,60}}\b(schon|bereits|vorab)"
                                rf"\s{{1,3}}(\S{{1,25}}\s{{1,3}}){{0,2}}{_START}\b", re.IGNORECASE)
# Trigger keys of the data -> the fact of the profile they ask about.
_TRIGGER_FACTS = {"applicant_types": "applicant_type", "project_type": "project_types", "unless_project_types": "project_types"}


@dataclass
class ConditionAssessment:
    id: str
    text: str
    effect: str
    source: Source
    applies: bool | None  # True: the profile triggers it; False: it does not; None: the deciding fact is unknown
    cost_item: str = ""  # the cost item the condition is about (funding_paths.yaml cost_items), if any
    question: str = ""  # the question that decides it, where the asker can answer one (funding_paths.yaml)
    minimum_share_percent: float | None = None  # the least own share of the eligible costs it sets (Nr. 2.5.4)
    # triggered by who applies alone ("Träger können nur … sein"): it says the path is not the asker's, nothing of
    # the project
    by_applicant_type: bool = False
    # triggered by the kind of project alone (a replacement, a cost item), not by who asks or what they are
    by_project_kind: bool = False
    decides_kind: bool = False  # the rule decides what of the kind of project can be funded (funding_paths.yaml)
    before_rate: bool = False  # and leads, before the rate, where the project is of that kind alone (funding_paths.yaml)
    in_at_all: bool = False  # it decides whether the project is in at all: said beside a sum too (funding_paths.yaml)
    part_not_at_rate: str = ""  # the part of the project the path's rate does not hold for (funding_paths.yaml)
    general: bool = False  # no fact triggers it: a rule for every project on the path (own share, binding period)
    deadline: date | None = None  # the last day a grant can be made on the path (funding_paths.yaml)
    who_decides: bool = False  # the rule says who decides on the projects (funding_paths.yaml)
    per_new_job_eur: float | None = None  # the most eligible cost per permanent job created (Nr. 2.6.2 (4))
    deducted: str = ""  # what the rule deducts from the eligible costs (Nr. 2.6.2 (3): the old site's sale)
    # the rule funds the commercial users' share of the costs (Nr. 3.2.2.3 (3)): computed on the share the asker gives
    commercial_share: bool = False
    no_own_limit: bool = False  # a cost note that admits its item with no limit of its own (funding_paths.yaml)
    not_in_sum: bool = False  # a cost note whose item a sum of listed parts leaves out (funding_paths.yaml)
    next_step: str = ""  # what to do next where it applies (funding_paths.yaml)
    asked: bool = False  # a rule shown where the question asks for it in its own words (triggers: asked)
    # the question asks for the rule in the words of its `asked_by`, whatever its triggers ("Sind wir überhaupt
    # antragsberechtigt?" beside a training centre: who may carry one, Nr. 3.2.2.6 (10))
    named: bool = False
    deducted_item: str = ""  # the cost item whose sum the asker gives for what the rule deducts (funding_paths.yaml)
    per_secured_job_eur: float | None = None  # the most eligible cost per permanent job secured (Nr. 2.6.2 (4))
    on_start: bool = False  # triggered by works already begun (a rule on when to start)

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "text": self.text, "effect": self.effect, "applies": self.applies,
                "source": self.source.to_dict()}


@dataclass
class LimitCheck:
    """A rule's limit on a cost item, held against the asker's own figures (KR Nr. 5 (4), (5): land for a business
    park at most 25 % of the whole measure's costs, and not acquired before 1 July 2025)."""

    condition_id: str
    cost_item: str  # the cost item's id ("land")
    label: str  # its label ("Grunderwerb")
    source: Source
    kept: bool | None  # True: the asker's figures keep the limit; False: they break it; None: a figure is missing
    item_sum: float | None = None  # the asker's sum for the item
    total: float | None = None  # the whole measure's costs the sum is part of, where the text says it is
    max_share_percent: float | None = None
    not_before: date | None = None
    acquired: str = ""  # when the asker says the item was or will be acquired ("2025-03")
    question: str = ""  # the question that decides it where a figure is missing (funding_paths.yaml)
    in_part: bool = False  # the date holds for a part of the item only ("einen Teil der Flächen …")

    @property
    def allowed(self) -> float | None:
        """The most of the item's sum that is eligible: none where it was acquired too early, the share of the total
        where it exceeds that, else all of it; None where the sum or the total is not known."""
        if self.item_sum is None:
            return None
        if self.not_before is not None:
            return None if self.in_part else 0.0 if self.kept is False else self.item_sum
        if self.max_share_percent is None or self.total is None:
            return None
        return min(self.item_sum, self.total * self.max_share_percent / 100)


@dataclass(frozen=True)
class PartRate:
    """The rate of one part of a project for this applicant (`Rate.part`), with the base rate and the rule of its raise
    where the row raises a base rate for small and medium companies."""

    part: str
    rate_for: str  # the project type of the part ("energy_efficiency")
    percent: float
    source: Source
    base_rate: float | None = None
    bonus_source: Source | None = None


def _closed_by_main_activity(blocking: list[ConditionAssessment], conditions: list[ConditionAssessment]) -> bool:
    """Whether a path is closed only by the list of excluded sectors, for a business that names a second line of its
    own the list does not name ("Café mit eigener Rösterei"): which line is the main one decides."""
    return bool(blocking) and all(c.id == SECTOR_EXCLUSION for c in blocking) and any(
        c.id == MAIN_ACTIVITY and c.applies is None for c in conditions)


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
    # The rate in percent for this applicant in the D-Fördergebiet when the facts decide it (small company 20), with the
    # source of that rate row; None when it depends on facts not known or the path has no single rate.
    applicant_rate: float | None = None
    applicant_rate_source: Source | None = None
    applicant_cap: str = ""  # the most the grant may be at that rate, as its source states it ("höchstens 200.000 €")
    applicant_cap_eur: float | None = None
    applicant_cap_yearly: bool = False  # the cap holds for each year of the project
    # A rate raised for small and medium companies (base rate plus points, KR Nr. 2.4.3): the base rate and the rule of
    # the raise, so that the text can state both figures as their sources do.
    applicant_base_rate: float | None = None
    applicant_bonus_source: Source | None = None
    reason_sources: list[Source] = field(default_factory=list)  # the rule each reason cites, in the same order
    # The first reason in one short sentence without its reference, for the bottom line ("" when not blocked).
    because: str = ""
    measure_source: Source | None = None  # the rule of the measure itself (KR Nr. 3.2.2.5 for tourism infrastructure)
    # The path of the other part of the same project, where the project is two measures of one path (a new hall and a
    # PV system for own use): the rates then hold each for its part, and no rate holds for the whole sum.
    part_beside: str | None = None
    rate_label: str = ""  # what the applicant's rate row is for ("Erneuerbare Energie für den … Eigenbedarf …")
    rate_for: str = ""  # the project type the applicant's rate row holds for, where it holds for one ("renewable_self_supply")
    storage_rate: float | None = None  # the applicant's rate for an electricity storage beside the row's plant
    programme_wide: bool = False  # the reason rules out the whole programme there, not this path (no GRW area)
    costs_add_up: bool = False  # the path's measure has one rate for all the parts of an investment
    wage_costs: WageCosts | None = None  # how a wage-cost grant is computed on this path (KR Nr. 2.6.3)
    # Where the facts decide no rate: the rates of the rows that may still apply, each with the company size it is for
    # ("" where the row is for none); a sum is then computed at each ("small 20 %, medium 10 %"; "60 %, raised 90 %").
    possible_rates: list[tuple[float, str]] = field(default_factory=list)
    # Where the project has several parts and the path a rate row for each (a heat pump and heat recovery: Nr. 2.4.3.3
    # and 2.4.3.2), and the facts decide each: the rate of every part, the first being the applicant's rate above.
    part_rates: list[PartRate] = field(default_factory=list)
    # The limits of the path's rules on a cost item the asker gives figures for (land for a business park, Nr. 5).
    limits: list[LimitCheck] = field(default_factory=list)
    regional_effect: RegionalEffect | None = None  # what its investments' regional effects need in figures (Nr. 2.3)
    # The applicant's rate is that of a plant of its own in a project with parts of other kinds (the PV plant beside new
    # electric ovens): it holds for that part only (`Rate.own_plant`)
    rate_part_only: bool = False

    @property
    def excluded_costs(self) -> list[ConditionAssessment]:
        """The conditions saying that a cost item the question names is not eligible on this path."""
        return [c for c in self.conditions if c.effect == "excludes" and c.applies]

    @property
    def cost_notes(self) -> list[ConditionAssessment]:
        """What the path's rules say about a cost item the question names, where they admit it (leasing, land)."""
        return [c for c in self.conditions if c.cost_item and c.effect == "matters" and c.applies]

    @property
    def blocking(self) -> list[ConditionAssessment]:
        """The conditions that a fact of the asker makes close the path."""
        return [c for c in self.conditions if c.effect == "blocks" and c.applies]

    @property
    def not_the_askers(self) -> bool:
        """Whether only who applies rules the path out (a firm as the Träger of a vocational school): the project may
        still fit another path."""
        blocking = self.blocking
        return bool(blocking) and all(c.by_applicant_type for c in blocking) and not self.excluded_costs

    @property
    def closed_by_kind(self) -> bool:
        """Whether only the kind of project rules the path out (a replacement, a cost item), not a fact of who asks
        (a university turned away from the research infrastructure of Nr. 3.2.2.8)."""
        blocking = self.blocking
        return bool(blocking) and all(c.by_project_kind for c in blocking)

    @property
    def main_activity_decides(self) -> bool:
        """Whether which of its lines is the business's main one decides the path (`_closed_by_main_activity`)."""
        return _closed_by_main_activity(self.blocking, self.conditions)

    @property
    def ruled_out(self) -> bool:
        """Whether a fact of the asker rules the path, or the cost item asked about, out."""
        return bool(self.excluded_costs) or self.blocked and (self.programme_wide or bool(self.blocking))

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "name": self.name, "max_rate": self.max_rate, "applicants": self.applicants,
                "conditions": [c.to_dict() for c in self.conditions], "blocked": self.blocked, "reasons": self.reasons,
                "reason_sources": [s.to_dict() for s in self.reason_sources],
                "applicant_rate": self.applicant_rate,
                "applicant_rate_source": self.applicant_rate_source.to_dict() if self.applicant_rate_source else None,
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
    return _assess_path(top, profile, set(profile.project_types), knowledge) if top else None


# -- assessment ---------------------------------------------------------------------------------------------------

def _fact(profile: ProjectProfile, key: str) -> Any:
    if key == "already_started":
        # (works begun for a part only close the path to that part, said by its own condition, not to the rest)
        return False if profile.started_in_part else profile.started_or_would_start
    if key == "sector_excluded":
        if profile.excluded_sector is not None:
            return True
        # (a firm that says it processes agricultural products, "wir verarbeiten Gemüse", names its activity: food
        # processing, C 10, which the list does not name)
        known = profile.wz_code is not None or profile.sector is not None or profile.agri_processing
        return False if known else None
    return getattr(profile, _TRIGGER_FACTS.get(key, key))


def _applies(condition: Condition, profile: ProjectProfile) -> bool | None:
    """Whether the profile triggers the condition; None when a deciding fact is unknown. A rule triggered by being
    asked for (`asked: true`) applies where the question asks for it in the words of its `asked_by`."""
    if "asked" not in condition.triggers:
        return _triggered(condition.triggers, profile)
    others = _facts_beside_asked(condition)
    return _asked(condition, profile) and (_triggered(others, profile) if others else True)


def _facts_beside_asked(condition: Condition) -> dict[str, Any]:
    """The triggers of a condition other than being asked for."""
    return {key: value for key, value in condition.triggers.items() if key != "asked"}


def _asked(condition: Condition, profile: ProjectProfile) -> bool:
    """Whether the question asks for the condition's rule in the words of its `asked_by`."""
    return asked_in(condition, profile.description)


def asked_in(condition: Condition, text: str) -> bool:
    """Whether a text asks for the condition's rule in the words of its `asked_by`."""
    return bool(condition.asked_by and compiled(condition.asked_by).search(text[:20_000]))


def _named(condition: Condition, profile: ProjectProfile) -> bool:
    """Whether the question names the condition's rule in its own words: asked for in the words of its `asked_by`, and
    (for a rule shown where asked) not of a case the asker's facts rule out (several municipalities' rate, asked by
    one)."""
    if not _asked(condition, profile):
        return False
    others = _facts_beside_asked(condition)
    return "asked" not in condition.triggers or not others or _triggered(others, profile) is not False


_KIND_TRIGGERS = {"project_type", "unless_project_types", "cost_item", "unless_cost_item", "mentions"}


def _triggered(triggers: Any, profile: ProjectProfile) -> bool | None:
    """Whether the profile has all the facts `triggers` names; None when a deciding fact is unknown."""
    if not triggers:
        return None
    results = []
    for key, wanted in triggers.items():
        if key == "unless_project_types":
            if "project_type" not in triggers:  # alone: holds unless the project is of one of these types
                results.append(not set(profile.project_types) & set(wanted))
            continue
        if key == "project_type":
            types = set(profile.project_types)
            unless = set(triggers.get("unless_project_types", []))
            results.append(None if not types else wanted in types and not types & unless)
        elif key == "applicant_types":
            results.append(None if profile.applicant_type is None else profile.applicant_type in wanted)
        elif key == "cost_item":
            results.append(wanted in profile.cost_items)  # a cost item the question does not name is not asked about
        elif key == "unless_cost_item":
            results.append(wanted not in profile.cost_items)  # the general rule beside one for that item
        elif key == "mentions":
            results.append(bool(re.search(wanted, profile.description[:20_000], re.IGNORECASE)))
        elif key == "wz_within":
            results.append(None if profile.wz_code is None
                           else any(wz_within(profile.wz_code, scope) for scope in wanted))
        else:
            value = _fact(profile, key)
            results.append(None if value is None else value == wanted)
    if any(r is False for r in results):
        return False
    return True if all(r is True for r in results) else None


def _unknown_facts(condition: Condition, profile: ProjectProfile) -> set[str]:
    """The facts of the profile (FACT_QUESTIONS keys) that would decide the condition and are not known."""
    keys = {_TRIGGER_FACTS.get(key, key) for key in condition.triggers}
    return {key for key in keys if key in FACT_QUESTIONS and _fact(profile, key) in (None, [])}


def _rate_matches(rate: Rate, profile: ProjectProfile) -> bool | None:
    """True: applies to this profile; False: does not; None: depends on facts that are not part of the profile."""
    result: bool | None = True
    for key, wanted in rate.applies_to.items():
        if key == "company_size":
            if profile.company_size is None:
                if profile.size_between and wanted not in profile.size_between:
                    return False  # a size the figures rule out (not small or medium: large)
                return None
            result = result and profile.company_size == wanted
        elif key == "project_type":
            result = result and wanted in profile.project_types
        elif key == "applicant_types":
            if profile.applicant_type is None:
                return None
            result = result and profile.applicant_type in wanted
        else:
            return None
    return result


# A condition with one of these triggers is about one kind of project or applicant: shown only where it applies.
_PROJECT_SPECIFIC = {"project_type", "mentions", "applicant_types", "university_or_society", "base_funding_over_limit",
                     "users_excluded", "users_in_part_excluded", "cost_item", "in_difficulty", "agri_processing", "mostly_local_use",
                     "linked_enterprise", "asked", "started_in_part", "several_municipalities"}
_PROFILE_SCOPES = ("company_size", "project_type", "applicant_types")  # scope keys the profile can decide


def _part_rows(rates: list[Rate], profile: ProjectProfile) -> list[Rate]:
    """The rows of a project of several parts each with a row of its own (`Rate.part`: a heat pump and heat recovery),
    where the facts decide each part's rate; [] unless there are two or more."""
    decided = [r for r in rates if _rate_matches(r, profile) is True]
    if len(decided) < 2 or any(not r.part or set(r.applies_to) != {"project_type"} for r in decided) \
            or any(r.percent is None and profile.company_size not in r.percent_by_size for r in decided):
        return []
    return decided


def _row_percent(row: Rate, profile: ProjectProfile) -> float:
    return row.percent if row.percent is not None else row.percent_by_size[profile.company_size]  # type: ignore[index]


def _base_rate(row: Rate) -> float | None:
    """The base rate a row raises for small and medium companies (its rate for large ones), where it raises one."""
    return row.percent_by_size.get("large") if row.bonus_source else None


def _applicant_rate(rates: list[Rate], profile: ProjectProfile) -> Rate | None:
    """The rate row for this applicant when the facts decide it: the one row that applies, where no other row might (a
    regular 60 % next to a possible 90 % decides nothing), unless the row is specific to this applicant."""
    decided = [r for r in rates if _rate_matches(r, profile) is True]
    possible = [r for r in rates if _rate_matches(r, profile) is None]
    if len(decided) != 1:
        return None
    rate = decided[0]
    if possible and not any(key in rate.applies_to for key in _PROFILE_SCOPES):
        return None
    return rate if rate.percent is not None or profile.company_size in rate.percent_by_size else None


_SIZES = ("small", "medium", "large")


def _possible_rates(rates: list[Rate], profile: ProjectProfile) -> list[tuple[float, str]]:
    """The rates of the rows that the facts do not rule out, with the size each is for (smallest size first, else
    lowest rate first); only where there are two or more of them (one row that may apply is no choice of rates)."""
    rows = sorted({(r.percent, r.applies_to.get("company_size", "")) for r in rates
                   if r.percent is not None and _rate_matches(r, profile) is not False},
                  key=lambda row: (_SIZES.index(row[1]) if row[1] in _SIZES else 0, row[0]))
    return rows if len(rows) >= 2 else []


def _storage_rate(row: Rate | None, rate: float | None) -> float | None:
    """The storage's rate for this applicant: its base rate raised by the points the applicant's row is raised by."""
    if row is None or row.storage_percent is None or rate is None:
        return None
    return row.storage_percent + rate - row.percent_by_size.get("large", rate)


def _with_bis(rate: str) -> str:
    return f"bis {rate}" if rate[:1].isdigit() else rate


def _merged_conditions(parent: FundingPath, chosen: FundingPath) -> list[Condition]:
    if chosen is parent:
        return list(parent.conditions)
    own = {c.id for c in chosen.conditions}
    return list(chosen.conditions) + [c for c in parent.conditions if c.id not in own]


# Project types that prepare another project named with them (KR Nr. 3.3 Planungs- und Beratungsleistungen).
_PREPARATORY = {"planning"}


def _choose_sub_measure(top: FundingPath, profile: ProjectProfile, wanted: set[str]) -> FundingPath:
    """The sub-measure that fits the project (or the LEADER region of the municipality); else the path itself. A
    sub-measure that fits the project but not the applicant is chosen when one of its own conditions says why (the
    research infrastructure of a municipality), so that its own rules, not the path's general ones, answer."""
    if profile.municipality:
        names = {profile.municipality, SAMTGEMEINDE_OF.get(profile.municipality, "")}
        for sub in top.sub_measures:
            if names & set(sub.municipalities):
                return sub
    for sub in top.sub_measures:
        if _triggered(sub.chosen_when, profile):
            return sub  # e.g. a pure modernisation: De-minimis only (funding_paths.yaml)
    best, best_key = top, (0, False, 0.0)
    for sub in top.sub_measures:
        if not sub.project_types or sub.project_types == top.project_types or sub.chosen_for:
            continue  # a sub-measure chosen for a company size (De-minimis for large companies) is chosen below
        if profile.applicant_type and profile.applicant_type not in sub.applicant_types:
            continue
        matched = len(wanted & set(sub.project_types))
        # a study or plan for a project is the project asked about ("eine Machbarkeitsstudie für ein Gewerbegebiet"):
        # its own measure wins a tie over the measure of what it plans
        key = (matched, bool(wanted & set(sub.project_types) & _PREPARATORY), matched / len(sub.project_types))
        if matched and key > best_key:
            best, best_key = sub, key
    if best is top and profile.applicant_type:
        for sub in top.sub_measures:
            if sub.project_types and sub.project_types != top.project_types and wanted & set(sub.project_types) \
                    and profile.applicant_type not in sub.applicant_types \
                    and any(c.effect == "blocks" and _applies(c, profile) for c in sub.conditions):
                return sub
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


def _path_rates(parent: FundingPath | None, chosen: FundingPath | None) -> list[Rate]:
    """The rate rows that hold for a chosen measure: its own, else its path's (not for a measure with a rate of its
    own kind, `own_rate_only`)."""
    if chosen is not None and (chosen.rates or chosen.own_rate_only):
        return chosen.rates
    return parent.rates if parent is not None else []


def _max_rate(parent: FundingPath, chosen: FundingPath, profile: ProjectProfile) -> tuple[str, list[Source]]:
    rates = _path_rates(parent, chosen)
    sources: list[Source] = []
    for kind in _PROFILE_SCOPES:
        for rate in rates:
            if kind in rate.applies_to and _rate_matches(rate, profile):
                sources.append(rate.source)
                if chosen is not parent and chosen.source:
                    sources.append(chosen.source)
                return _with_bis(rate.rate), sources
    if chosen.chosen_for and chosen.chosen_for.company_size == profile.company_size:
        # e.g. large company: the size rate of the path plus the De-minimis rule
        size = chosen.chosen_for.company_size
        size_rate = next((r for r in parent.rates if r.applies_to.get("company_size") == size), None)
        if size_rate:
            return size_rate.rate, [size_rate.source] + ([chosen.source] if chosen.source else [])
    sources = [r.source for r in rates if _rate_matches(r, profile) is not False]
    if chosen.source:
        sources.append(chosen.source)
    return chosen.max_rate or parent.max_rate, sources


def cite(source: Source) -> str:
    """A short German reference to a rule: „GRW-Koordinierungsrahmen Nr. 2.7.1“."""
    if source.document == "grw":
        where = source.section if source.section.startswith("Anhang") else f"Nr. {source.section}"
        return f"GRW-Koordinierungsrahmen {where}"
    return f"{_DOCUMENT_NAMES.get(source.document, source.document)}, Abschnitt „{source.section}“"


_DOCUMENT_NAMES = {"leader-os": "Zusammenfassung LEADER Landkreis Osnabrück",
                   "zukunftsregion-os": "Zusammenfassung Zukunftsregion Osnabrück", "irek": "IREK"}


def _sector_conditions(profile: ProjectProfile, knowledge: FundingKnowledge | None) -> list[ConditionAssessment]:
    """For a path closed to excluded sectors: the exception that keeps this main activity in (Logistikdienstleistungen
    52.25, gastronomy with lodging), and the codes the trade name also often means that are excluded (Bautischlerei)."""
    if knowledge is None or profile.wz_code is None or profile.excluded_sector is not None \
            or profile.applicant_type not in ("company", None):
        return []  # (the list is one of firms' main activities: a university is no firm that an exception keeps in)
    found = []
    line = knowledge.sector_for_wz(profile.wz_code)
    if line is not None:
        exception = line.exception_for(profile.wz_code, profile.description)
        text = getattr(exception, "text", "") or line.exceptions
        # an exception that holds only as far as a fact the text does not settle (services mostly for tourists, KR
        # Nr. 2.7.1 S 93.2 and T 96.23; gastronomy whose own lodging guests make at least a quarter of the turnover,
        # where no share is given) decides whether the business is in at all: it joins the bottom line
        conditional = getattr(exception, "only_with", None) is not None or (
            getattr(exception, "min_share_percent", None) is not None and profile.lodging_share_percent is None)
        found.append(ConditionAssessment(
            SECTOR_EXCEPTION, f"„{profile.sector}“ (WZ {profile.wz_code}) fällt unter eine Ausnahme der Liste "
            f"nicht förderfähiger Wirtschaftszweige: {text}", "matters", (exception or line).source, True,
            decides_kind=conditional))
    doubt = knowledge.doubt_for_wz(profile.wz_code)
    if doubt is not None:
        # "Fallen wir als Gießerei unter den Stahl-Ausschluss?": not excluded as read here, but open; it decides
        # whether the business is in at all, so it joins the bottom line
        found.append(ConditionAssessment(
            SECTOR_DOUBT, f"„{profile.sector}“ (WZ {profile.wz_code}): {doubt.doubtful}", "matters", doubt.source,
            True, decides_kind=True))
    # a lodging business that states its guests' share of turnover ("Restaurant macht ca 40 % vom Umsatz, Rest
    # Übernachtung"): whether its restaurant is in (gastronomy with lodging, at least the least share of Nr. 2.7.1)
    share = profile.lodging_share_percent
    for sector in knowledge.excluded_sectors if share is not None and line is None else []:
        with_lodging = sector.not_excluded_with
        if with_lodging and with_lodging.min_share_percent is not None and share >= with_lodging.min_share_percent \
                and any(wz_within(profile.wz_code, scope) for scope in with_lodging.wz):
            # (a share said of the guests or the rooms is the asker's; the rest beside the restaurant's share is only
            # read as lodging, and said so: "Restaurant macht ca. 55 % vom Umsatz")
            because = (f"weil nach Ihren Angaben mit den eigenen Übernachtungsgästen mindestens "
                       f"{with_lodging.min_share_percent:g} % der Umsätze erzielt werden"
                       if profile.lodging_share_of_guests is not None else
                       f"soweit der Umsatz neben dem Restaurant aus den Übernachtungen stammt: Mit den eigenen "
                       f"Übernachtungsgästen müssen mindestens {with_lodging.min_share_percent:g} % der Umsätze "
                       f"erzielt werden")
            found.append(ConditionAssessment(
                GASTRONOMY_WITH_LODGING, f"Die Gastronomie des Hauses ({sector.code}) ist in Kombination mit der "
                f"Beherbergung förderfähig, {because}.", "matters", with_lodging.source,
                True))
    # a lodging business that names its restaurant without that share ("Hotel + Restaurant, das Restaurant hat viele
    # externe Gäste"): the rule that decides whether the restaurant is in
    for sector in knowledge.excluded_sectors if share is None and line is None \
            and NAMES_GASTRONOMY.search(profile.description) else []:
        with_lodging = sector.not_excluded_with
        if with_lodging and with_lodging.min_share_percent is not None \
                and any(wz_within(profile.wz_code, scope) for scope in with_lodging.wz):
            found.append(ConditionAssessment(
                GASTRONOMY_WITH_LODGING, f"Die Gastronomie des Hauses ({sector.code}) ist nur in Kombination mit der "
                f"Beherbergung förderfähig, und nur wenn mit den eigenen Übernachtungsgästen mindestens "
                f"{with_lodging.min_share_percent:g} % der Umsätze erzielt werden; Umsätze mit Gästen von außen zählen "
                f"dafür nicht.", "matters", with_lodging.source, True,
                question="Welcher Anteil der Umsätze wird mit den eigenen Übernachtungsgästen erzielt?",
                # (it decides whether the restaurant's part is in at all: it joins the bottom line)
                decides_kind=True))
    # (with the asker's words, which may bring an exception of the line in: a leisure park mostly for tourists, 93.2)
    excluded_alternatives = [
        (code, knowledge.exclusion(code, profile.description, lodging_share=profile.lodging_share_percent))
        for code in profile.wz_alternatives]
    excluded_alternatives = [(code, line) for code, line in excluded_alternatives if line is not None]
    if excluded_alternatives:
        names = ", ".join(f"{code} {wz_title(code)}" for code, _ in excluded_alternatives)
        found.append(ConditionAssessment(
            MAIN_ACTIVITY, f"Maßgeblich ist die Haupttätigkeit der Betriebsstätte: „{profile.sector}“ wird "
            f"hier als WZ {profile.wz_code} ({profile.wz_title}) gelesen. Liegt der Schwerpunkt bei WZ {names}, ist der "
            f"Betrieb von der Förderung ausgeschlossen.", "matters", excluded_alternatives[0][1].source, None,
            # (what decides it, where the text does not say what each line brings in)
            question="" if says_main_line(profile.description or "") else _main_activity_question(
                profile, [code for code, _ in excluded_alternatives])))
    return found


def _main_activity_question(profile: ProjectProfile, others: list[str]) -> str:
    """What decides the main activity, asked in the lines of the business itself ("Was bringt in Ihrer Betriebsstätte
    den größten Teil des Umsatzes: Güterbeförderung im Straßenverkehr oder Lagerei?"), not in another trade's words."""
    lines = [_first_part(wz_title(code)) for code in [profile.wz_code or "", *others] if code and wz_title(code)]
    lines = list(dict.fromkeys(line for line in lines if line))
    if len(lines) < 2:
        return "Welcher Teil Ihres Betriebs bringt den größten Teil des Umsatzes?"
    return f"Was bringt in Ihrer Betriebsstätte den größten Teil des Umsatzes: {', '.join(lines[:-1])} oder {lines[-1]}?"
_OPEN_SECOND_LINE = "Liegt der Schwerpunkt der Betriebsstätte dagegen bei WZ {codes}, steht sie nicht auf der Liste."


def _open_second_lines(profile: ProjectProfile, line: ExcludedSector | None,
                       knowledge: FundingKnowledge | None) -> list[str]:
    """For a business whose main activity as read is excluded but that names a second line of its own which the list
    does not name ("Café mit eigener Rösterei", "Hofladen … mit Ferienwohnungen"), where the text does not say which
    line brings in most: those codes, since the main activity decides (Nr. 2.7.1). Not a code the main line's own
    exceptions name, unless the text names that line of the business itself: otherwise its "Ausnahmen"
    says it already."""
    if knowledge is None or says_main_line(profile.description or ""):
        return []
    return [code for code in profile.wz_alternatives
            if knowledge.exclusion(code, profile.description, lodging_share=profile.lodging_share_percent) is None
            and knowledge.doubt_for_wz(code) is None
            and (code in profile.named_lines or not (line and line.names_exception(code)))]


def _titled(codes: list[str], short: bool = False) -> str:
    """"10.83 Verarbeitung von Kaffee und Tee, Herstellung von Kaffee-Ersatz", each title to its first comma where
    `short` (for the bottom line)."""
    return ", ".join(f"{code} {_first_part(wz_title(code)) if short else wz_title(code)}" for code in codes)


def _first_part(title: str) -> str:
    """A WZ title to its first comma that ends a part, not one after a word cut short ("Forschung und Entwicklung im
    Bereich Natur-, Ingenieur-, Agrarwissenschaften und Medizin" stays whole)."""
    return re.split(r"(?<!-),", title, maxsplit=1)[0]


_OLD_SITE_SALE = "old_site_sale"  # the cost item of a relocation's deduction (funding_paths.yaml cost_items)
# The asker rents its present premises ("sitzen zur Miete", "die jetzige Halle ist nur gemietet"); not the new
# ones ("die neue Halle wird gemietet")
_RENTED_NOW = re.compile(r"\b(sitzen|sind|bin|sitze|wohnen|arbeiten)\s{1,3}(\S{1,20}\s{1,3}){0,3}zur\s{1,3}miete\b"
                         r"|\b(jetzige|bisherige|aktuelle|alte|heutige)\w{0,2}\s{1,3}\S{1,25}\s{1,3}(ist|sind)\s{1,3}(nur\s{1,3})?"
                         r"(an)?gemietet\b|\b(sind|bin)\s{1,3}(dort\s{1,3}|bisher\s{1,3}|nur\s{1,3})?mieter\b", re.IGNORECASE)


def _assess_path(top: FundingPath, profile: ProjectProfile, wanted: set[str],
                 knowledge: FundingKnowledge | None = None) -> PathAssessment:
    chosen = _choose_sub_measure(top, profile, wanted)
    max_rate, rate_sources = _max_rate(top, chosen, profile)
    merged = _merged_conditions(top, chosen)
    conditions = []
    today = date.today()
    for condition in merged:
        if condition.deadline is not None and today > condition.deadline:
            # the rule's time is over: the path is closed to every project
            conditions.append(ConditionAssessment(condition.id, f"Nicht mehr möglich: {condition.text}", "blocks",
                                                  condition.source, True, deadline=condition.deadline))
            continue
        if set(condition.not_for) & set(profile.project_types):
            continue  # a rule of the path that does not hold for this kind of project
        applies = _applies(condition, profile)
        if applies is False and condition.effect == "matters":
            continue  # e.g. the rules for large companies, for a small one
        if applies is not True and _PROJECT_SPECIFIC & set(condition.triggers):
            continue  # a rule for one kind of project or applicant: the broadband rule is no condition of a cycle path
        if condition.deducted_item == _OLD_SITE_SALE and _RENTED_NOW.search(profile.description or ""):
            continue  # "sitzen zur Miete in Wallenhorst": no site of its own to sell on a relocation (Nr. 2.6.2 (3))
        # (by name: a field added to the dataclass cannot shift the others)
        conditions.append(ConditionAssessment(
            condition.id, condition.text, condition.effect, condition.source, applies,
            # (a rule asked for in its own words is the answer to that ask, not a note on the item it holds for: the
            # surplus where the land's purchase is funded too)
            cost_item="" if condition.triggers.get("asked") else condition.triggers.get("cost_item", ""),
            question=condition.question or "",
            minimum_share_percent=condition.minimum_share_percent,
            by_applicant_type=set(condition.triggers) == {"applicant_type"},
            by_project_kind=bool(condition.triggers) and set(condition.triggers) <= _KIND_TRIGGERS,
            decides_kind=condition.decides_kind,
            before_rate=condition.before_rate and set(profile.project_types) == {condition.triggers.get("project_type")},
            in_at_all=condition.in_at_all,
            part_not_at_rate=condition.part_not_at_rate, general=not condition.triggers, deadline=condition.deadline,
            who_decides=condition.who_decides, per_new_job_eur=condition.per_new_job_eur, deducted=condition.deducted,
            commercial_share=condition.commercial_share, no_own_limit=condition.no_own_limit,
            not_in_sum=condition.not_in_sum,
            next_step=condition.next_step, asked="asked" in condition.triggers, named=_named(condition, profile),
            deducted_item=condition.deducted_item, per_secured_job_eur=condition.per_secured_job_eur,
            on_start=bool(condition.triggers.get("already_started"))))
    # (a path closed to excluded sectors: not one whose rule only names an excluded sector's firm as a site's user)
    if any("sector_excluded" in c.triggers and c.effect == "blocks" for c in merged):
        conditions += _sector_conditions(profile, knowledge)
    # What the rules do not fund at all ("Breitband … kein Fördertatbestand") is said before who may carry it or when
    # it started: it decides whatever the applicant's facts
    by_project = {c.id for c in merged if "project_type" in c.triggers}
    conditions.sort(key=lambda c: c.id not in by_project)
    blocking = [c for c in conditions if c.effect == "blocks" and c.applies]
    # (a rule asked for that closes the path says what the open form of the same sentence only weighs: the study that
    # is the project has begun with its order, not "its funding is doubtful")
    closed_by = {c.source.quote for c in blocking if c.asked}
    conditions = [c for c in conditions if not (c.asked and c.effect == "matters" and c.source.quote in closed_by)]
    reasons = [f"{c.text} ({cite(c.source)})" for c in blocking]
    reason_sources = [c.source for c in blocking]
    # the first rule's text, or where it lists several things those the question names ("… nennt keine Kitas"); an
    # expired deadline keeps its own text ("Nicht mehr möglich: …")
    listing = next((m for m in merged if blocking and m.id == blocking[0].id and m.cases), None)
    because = "" if not blocking else short_reason(listing.reason_for(profile.description) if listing
                                                   else blocking[0].text)
    sector_blocks = next((c for c in blocking if "sector_excluded" in
                          next((m.triggers for m in merged if m.id == c.id), {})), None)
    if profile.excluded_sector and sector_blocks:
        line = knowledge.excluded_sector(profile.excluded_sector) if knowledge else None
        what = f"WZ {profile.wz_code} {profile.wz_title}, " if profile.wz_code else ""
        listed = f"„{line.code} {line.label}“" if line else f"Abschnitt {profile.excluded_sector}"
        open_lines = _open_second_lines(profile, line, knowledge)
        # (where a second line of the business may be the main one, the first is not said to be it)
        lead = (f"Ist „{profile.sector}“ ({what}{listed}) die Haupttätigkeit, steht der Betrieb auf der Liste nicht "
                f"förderfähiger Wirtschaftszweige." if open_lines else
                f"Die Haupttätigkeit „{profile.sector}“ ({what}{listed}) steht auf der Liste nicht förderfähiger "
                f"Wirtschaftszweige.")
        if line and (line.except_wz or line.not_excluded_with):
            lead += f" Ausnahmen: {line.exceptions}"
        if line and line.if_processing and profile.agri_processing:
            lead += f" {line.if_processing}"
        source = line.source if line else sector_blocks.source
        if open_lines:
            other_line = _OPEN_SECOND_LINE.format(codes=_titled(open_lines))
            lead += f" {other_line}"
            conditions.append(ConditionAssessment(
                MAIN_ACTIVITY, f"Maßgeblich ist die Haupttätigkeit der Betriebsstätte. {other_line}", "matters",
                source, None, question=_main_activity_question(profile, open_lines)))
        reasons = [f"{lead} ({cite(source)})"] + reasons
        reason_sources = [source] + reason_sources
        code = f" (WZ {profile.wz_code})" if profile.wz_code else ""
        because = (f"Ist „{profile.sector}“{code} die Haupttätigkeit, ist der Betrieb{numbered_rule(source)} "
                   f"ausgeschlossen ({listed}); liegt der Schwerpunkt bei WZ {_titled(open_lines, short=True)}, nicht."
                   if open_lines else
                   f"Die Haupttätigkeit „{profile.sector}“{code} steht auf der Liste nicht förderfähiger "
                   f"Wirtschaftszweige{numbered_rule(source)} ({listed}).")
        minimum = line.not_excluded_with.min_share_percent if line and line.not_excluded_with else None
        if line and profile.wz_code and not line.covers(profile.wz_code) and minimum is not None \
                and profile.lodging_share_percent is not None:
            # a lodging business whose own guests make less than the share of the exception: gastronomy (I 56)
            because = (f"Mit unter {minimum:g} % der Umsätze aus den eigenen Übernachtungsgästen gilt der Betrieb als "
                       f"Gastronomie ({listed}), die{numbered_rule(source)} ausgeschlossen ist.")
            # (a share said of the rooms, or the rest of the restaurant's, leaves out what the guests spend in the
            # restaurant, which counts too)
            counted = "" if profile.lodging_share_of_guests else \
                " Dazu zählt auch, was Ihre Übernachtungsgäste im Restaurant verzehren."
            reasons[0] = (f"{because} Mit Beherbergung ist Gastronomie erst förderfähig, wenn mindestens {minimum:g} % "
                          f"der Umsätze mit den eigenen Übernachtungsgästen erzielt werden.{counted} ({cite(source)})")
    conditions.sort(key=lambda c: (not (c.effect == "blocks" and c.applies), c.effect != "blocks"))
    sources: list[Source] = []
    for source in [*rate_sources, *([top.source] if top.source else []), *(c.source for c in conditions)]:
        if source not in sources:
            sources.append(source)
    stands_in = chosen.chosen_for and chosen.chosen_for.company_size == profile.company_size
    rates = _path_rates(top, chosen)
    # (no rate of the asker's own on a closed path; but one the main activity decides keeps the rate for the case that
    # the line not excluded is the main one: "Küchenstudio mit eigener Tischlerei")
    decidable = [] if blocking and not _closed_by_main_activity(blocking, conditions) or stands_in else rates
    parts = _part_rows(decidable, profile)
    row = parts[0] if parts else _applicant_rate(decidable, profile)
    rate = None if row is None else _row_percent(row, profile)
    return PathAssessment(
        id=chosen.id, name=chosen.name if chosen is top else f"{top.name} – {chosen.name}", max_rate=max_rate,
        applicants=chosen.applicants, conditions=conditions, blocked=bool(blocking), reasons=reasons,
        where_to_apply=chosen.where_to_apply, next_steps=list(chosen.next_steps), sources=sources,
        applicant_rate=rate, applicant_rate_source=row.source if row else None, reason_sources=reason_sources,
        because=because, applicant_cap=row.cap if row else "", applicant_cap_eur=row.cap_eur if row else None,
        applicant_cap_yearly=bool(row and row.cap_yearly), costs_add_up=chosen.costs_add_up,
        rate_label=row.label if row else "",
        rate_for=row.applies_to.get("project_type", "") if row else "",
        storage_rate=_storage_rate(row, rate),
        applicant_base_rate=_base_rate(row) if row else None,
        applicant_bonus_source=row.bonus_source if row else None, measure_source=chosen.source,
        # the wage-cost grant is one for the investments of Nr. 2.4.1 and 2.4.2, not for a transformation measure
        wage_costs=top.wage_costs if chosen is top else chosen.wage_costs,
        possible_rates=[] if blocking or row is not None else _possible_rates(rates, profile),
        part_rates=[PartRate(r.part, r.applies_to["project_type"], _row_percent(r, profile), r.source, _base_rate(r),
                             r.bonus_source) for r in parts],
        limits=_limit_checks(merged, profile, knowledge),
        regional_effect=chosen.regional_effect or top.regional_effect,  # (Nr. 2.3 holds for every investment)
        rate_part_only=bool(row and row.own_plant and set(profile.project_types) - set(chosen.project_types)),
    )


def _acquired_before(when: str, limit: date) -> bool | None:
    """Whether a date the asker gives ("2025-03-14", "2025-03", "2025") lies before `limit`; None where it may or may
    not (the year of the limit alone, or its month where the limit is not the month's first day)."""
    parts = [int(p) for p in when.split("-")]
    for given, wanted in zip(parts, (limit.year, limit.month, limit.day), strict=False):
        if given != wanted:
            return given < wanted
    if len(parts) == 3 or len(parts) == 2 and limit.day == 1:
        return False  # the same day, or a month that begins with the limit
    return None


def _limit_checks(conditions: list[Condition], profile: ProjectProfile,
                  knowledge: FundingKnowledge | None) -> list[LimitCheck]:
    """The limits of `conditions` on a cost item the asker gives a sum or a date for."""
    labels = knowledge.cost_item_labels() if knowledge else {}
    checks = []
    for condition in conditions:
        limit = condition.limit
        if limit is None or not (limit.cost_item in profile.item_sums or limit.cost_item in profile.item_dates):
            continue
        item_sum = profile.item_sums.get(limit.cost_item)
        label = labels.get(limit.cost_item, limit.cost_item)
        # the whole the item's sum is part of: the listed parts added up, or a sum said to hold it
        parts = sum(value for _, value in profile.cost_parts)
        total = parts if parts else profile.investment_eur if item_sum and profile.investment_eur and (
            profile.investment_eur == item_sum or profile.sum_holds_items) else None
        if limit.not_before is not None:
            when = profile.item_dates.get(limit.cost_item, "")
            before = _acquired_before(when, limit.not_before) if when else None
            checks.append(LimitCheck(condition.id, limit.cost_item, label, condition.source,
                                     None if before is None else not before,
                                     item_sum, total, not_before=limit.not_before, acquired=when,
                                     question=condition.question or "",
                                     in_part=limit.cost_item in profile.items_in_part))
        if limit.max_share_percent is not None and (item_sum is not None or limit.cost_item in profile.item_dates):
            kept = None if total is None or item_sum is None else item_sum <= total * limit.max_share_percent / 100
            checks.append(LimitCheck(condition.id, limit.cost_item, label, condition.source, kept, item_sum, total,
                                     max_share_percent=limit.max_share_percent, question=condition.question or ""))
    return checks


_SENTENCE_END = re.compile(r"(?<=[a-zäöüß)\]“]{2})\.\s{1,3}(?=[A-ZÄÖÜ])")


def numbered_rule(source: Source | None) -> str:
    """The number of the rule a verdict rests on, for those who quote it: " nach Nr. 2.7.1" ("" for an annex or a
    document without numbered sections)."""
    return f" nach Nr. {source.section}" if source and source.section[:1].isdigit() else ""


def short_reason(text: str, limit: int = 200) -> str:
    """A rule's text for the bottom line: its first sentence ("z. B." and "Nr." end none), and the second too when both
    fit in `limit` characters ("Der Antrag muss vor Beginn … gestellt werden. Als Beginn gilt schon …")."""
    ends = [m.start() + 1 for m in _SENTENCE_END.finditer(text)] + [len(text)]
    fitting = [end for end in ends[:2] if end <= limit]
    return text[: fitting[-1] if fitting else ends[0]].strip()


def _goal_hints(goals: list[GoalMatch] | None, knowledge: FundingKnowledge) -> set[str]:
    """Project types that the Leitziele of the best three goals hint at (leitziel_hints in funding_paths.yaml)."""
    hints: set[str] = set()
    for goal in (goals or [])[:3]:
        code = goal.code if hasattr(goal, "code") else str(goal)
        hints |= set(knowledge.hinted_project_types(".".join(code.split(".")[:2])))
    return hints


def assess(profile: ProjectProfile, goals: list[GoalMatch] | None, knowledge: FundingKnowledge) -> FundingAssessment:
    wanted = set(profile.project_types)
    known_types = {t for top in knowledge.paths for t in (*top.project_types, *(t for s in top.sub_measures for t in s.project_types))}
    # The IREK goals' hints count only when the question names no project type that a path knows.
    hints = set() if wanted & known_types else _goal_hints(goals, knowledge) - wanted
    defaults = knowledge.usual_paths(profile.applicant_type)
    candidates: list[PathAssessment] = []
    for top in knowledge.paths:
        if wanted & set(top.not_with_project_types):
            continue
        types = set(top.project_types) | {t for s in top.sub_measures for t in s.project_types}
        matched, hinted = wanted & types, hints & types
        applicant_fits = profile.applicant_type is None or profile.applicant_type in top.applicant_types or any(
            profile.applicant_type in s.applicant_types for s in top.sub_measures if matched & set(s.project_types))
        usual = not wanted and top.id in defaults
        fit, why = 0.0, []
        if matched:
            fit += 3.0 * len(matched)
            why.append(TYPE_FITS)
        if hinted:
            fit += 1.0
            why.append("Das passende IREK-Ziel deutet auf diesen Förderweg.")
        if usual:
            fit += 1.0 - 0.2 * defaults.index(top.id)
            why.append(USUAL_FOR_ASKER)
        # the wage-cost grant asked for ("… statt investitionszuschuss auch lohnkosten fördern lassen?") is one of the
        # path whose data say how it is computed (KR Nr. 2.6.3), whatever the IREK goals hint at; not the staff costs
        # of a kind of project a path knows ("ein Netzwerk … sind Personalkosten drin?")
        wages = bool(profile.wage_costs and top.wage_costs) and not wanted & known_types
        if wages:
            fit += 2.0
            why.append(WAGE_COSTS_ASKED)
        if fit <= 0:
            continue
        # The sub-measure follows the named project types; for a path reached by the IREK hints alone, or an umbrella
        # path that is usual for the applicant, it follows the hints.
        assessment = _assess_path(top, profile, wanted if matched or (usual and not top.umbrella) else hinted, knowledge)
        if not matched and not usual and not wages and not _hint_may_offer(top, assessment, profile, knowledge):
            continue
        if not applicant_fits:
            # Listed only when the data names a condition that explains why this applicant cannot apply.
            if not (matched and assessment.blocked and any("applicant_type" in c.id or c.applies for c in assessment.conditions if c.effect == "blocks")):
                continue
        if top.id == "grw-infrastruktur" and matched and _NAMES_INFRASTRUCTURE.search(profile.description or ""):
            # "Können wir GRW-Infrastrukturförderung beantragen?": the funding asked for by name answers first (for a
            # firm, that it cannot be the Träger), before the investment aid it did not ask about
            fit += 1.0
        assessment.fit, assessment.fit_reasons = round(fit, 2), why
        # the path's own investment leads and the measure beside it follows, both of the same fit; or the measure
        # chosen leads and one of its own that the project names beside it follows (a site and its energy network)
        beside, leads = _measure_beside(top, assessment, matched)
        other = _assess_path(top, profile, beside, knowledge) if beside else None
        if other is not None and not leads and (other.id == assessment.id
                                                or not beside & _project_types_of(top, other.id)):
            other = None
        if other is None:
            candidates.append(assessment)
            continue
        other.fit, other.fit_reasons, other.part_beside = assessment.fit if leads else round(fit - 0.01, 2), why, \
            assessment.id
        # (a measure beside one that is closed stands alone: an old machine replaced by one that saves energy is a
        # transformation project, with no investment of its own beside it)
        assessment.part_beside = None if other.blocked and not assessment.blocked else other.id
        candidates += [other, assessment] if leads else [assessment, other]
    open_paths = sorted((p for p in candidates if not p.blocked), key=lambda p: -p.fit)
    blocked = sorted((p for p in candidates if p.blocked), key=lambda p: -p.fit)
    paths = open_paths + blocked
    return FundingAssessment(paths, _missing_facts(profile, paths, knowledge))


def outside_areas(path: PathAssessment, place: str, knowledge: FundingKnowledge) -> PathAssessment:
    """A GRW path for an asker in a place that the list of GRW areas (KR Anhang 5) does not name: blocked, with that
    reason (the Landkreis's own rates do not hold there)."""
    region = knowledge.region
    if region is None or region.areas_source is None or not region.outside:
        return path
    reason = region.outside.replace("{place}", place)
    return replace(path, blocked=True, reasons=[f"{reason} ({cite(region.areas_source)})"],
                   reason_sources=[region.areas_source], because=short_reason(reason), applicant_rate=None,
                   applicant_rate_source=None, part_beside=None, programme_wide=True)


def _measure_beside(top: FundingPath, assessment: PathAssessment, matched: set[str]) -> tuple[set[str], bool]:
    """The project types of `matched` that the chosen sub-measure does not cover, where that sub-measure is an
    investment of its own beside the path's (`separate_measure`) and the path funds them itself: "neue Halle plus PV
    für den Eigenverbrauch" is a business investment (Nr. 2.4.1) and a PV system (Nr. 2.4.3.3); with whether that
    investment leads. Else the types of a measure of its own that the project names beside the sub-measure chosen,
    which leads ("ein neues Gewerbegebiet … ein Nahwärmenetz fürs ganze Gebiet": the site, Nr. 3.2.2.1, and the
    energy network beside it, Nr. 4)."""
    sub = next((s for s in top.sub_measures if s.id == assessment.id and s.separate_measure), None)
    if sub is None:
        # (not beside a plan or study, which is the project asked about: "eine Machbarkeitsstudie für ein
        # energieautarkes Gewerbegebiet")
        chosen = next((s for s in top.sub_measures if s.id == assessment.id), None)
        rest = matched - set(chosen.project_types) if chosen is not None and not (
            set(chosen.project_types) & _PREPARATORY) else set()
        return next((rest & set(s.project_types) for s in top.sub_measures
                     if s.separate_measure and s is not chosen and rest & set(s.project_types)), set()), False
    return (matched - set(sub.project_types)) & set(top.project_types), True


def _hint_may_offer(top: FundingPath, assessment: PathAssessment, profile: ProjectProfile,
                    knowledge: FundingKnowledge) -> bool:
    """A path that only an IREK goal hints at is offered through a measure that the applicant may carry, open, and
    never as an umbrella path without a measure (no padding)."""
    chosen = knowledge.get(assessment.id)
    if assessment.blocked or chosen is None or (top.umbrella and chosen is top):
        return False
    return profile.applicant_type is None or profile.applicant_type in chosen.applicant_types


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
                    needed |= _unknown_facts(condition, profile)
        rates = _path_rates(top, path)
        if profile.applicant_type in ("company", None) and profile.company_size is None \
                and any("company_size" in r.applies_to for r in rates):
            needed.add("company_size")
        if top and top.id == "leader" and profile.municipality is None:
            needed.add("municipality")
    if profile.start_reserved:
        needed.discard("already_started")  # (a contract signed with a right to withdraw: told, and left open by the KR)
    firms_path = any(a.id.split("/")[0] == "grw-gewerbe" and not a.blocked for a in paths)
    description = profile.description or ""
    by_headcount_alone = firms_path and profile.employees is not None and profile.turnover_eur is None \
        and profile.balance_sheet_eur is None and not profile.size_between
    if by_headcount_alone and profile.company_size == "small" and not _SAYS_SMALL.search(description) \
            and not is_founding(description):
        # small by its headcount alone: a turnover and a balance sheet total both over the small firm's limit make it
        # a medium one, with half the rate (Nr. 2.1.5, 2.5.1)
        needed.add("turnover")
    if by_headcount_alone and profile.company_size == "medium" and not profile.linked_enterprise:
        # medium by its headcount alone: over both of the medium firm's limits it is a large one, with no rate for an
        # extension (Nr. 2.1.5, 2.4.2)
        needed.add("turnover_large")
    if firms_path and replacement_open(description, profile.project_types):
        needed.add("replacement")  # "neuer Ofen": an addition can be funded, a like-for-like replacement cannot
    if profile.applicant_type not in ("company", None):
        needed -= {"company_size", "sector_excluded", "replacement"}
    if profile.applicant_type == "private":
        needed.discard("project_types")  # a private household: whatever the project, the GRW is not its way
    if profile.applicant_type == "company" and profile.excluded_sector is not None and not firms_path:
        needed.discard("project_types")  # a firm of an excluded sector: whatever it invests in, the "no" stands
    if "company_size" in needed and profile.size_between:  # the figure not given decides, not the headcount
        missing = "group" if profile.linked_enterprise else "work_units" \
            if profile.employees and holds_part_time(profile.description or "") else \
            ("turnover_large" if profile.size_between[0] == "medium" else "turnover") \
            if profile.turnover_eur is None else "balance_sheet_large" if profile.size_between[0] == "medium" \
            else "balance_sheet"
        # (the share and the partner's staff told already: "gehört zu 60 % der Firma meiner Frau, die hat 70 Angestellte")
        given = missing == "group" and _PARTNER_FIGURES.search(profile.description or "")
        needed = (needed - {"company_size"}) | (set() if given else {missing})
    # a figure of the asker's cost item that a limit needs ("davon 1 Mio Grundstück": bought when?)
    limits = [c.question for p in paths if not p.blocked for c in p.limits if c.kept is None and c.question]
    # what decides the main activity where the trade's name also often means an excluded code (Tischlerei or
    # Bautischlerei): the line that brings in most
    # (also where it decides whether the business is excluded at all: "Café mit eigener Rösterei")
    # (it decides whether the path is open at all, as who applies and whether works have begun do: asked before the
    # size, which decides only the rate)
    main = [c.question for p in paths if not p.blocked or p.main_activity_decides for c in p.conditions
            if c.id == MAIN_ACTIVITY and c.question]
    # what a rule deducts from the costs where the asker gives no figure for it (a relocation's sale of the old site)
    limits += [c.question for p in paths if not p.blocked for c in p.conditions
               if c.deducted and c.applies and c.question and c.deducted_item not in profile.item_sums]
    facts = [(key, question) for key, question in FACT_QUESTIONS.items() if key in needed]
    opening = [question for key, question in facts if key in _OPENS_THE_PATH]
    others = [question for key, question in facts if key not in _OPENS_THE_PATH]
    # (unless the asker asks about the size itself, "ist das jetzt noch klein?": what decides it comes first)
    middle = others + main if ASKS_SIZE.search(profile.description or "") else main + others
    return list(dict.fromkeys(opening + middle + limits))


# A question of the asker's size class: "sind wir dann kleines oder mittleres unternehmen?", "zählen wir als KMU?",
# "ist das jetzt noch klein?", "sind wir noch ein mittleres?"; or whether the rate of a size holds after a figure
# corrected ("umsatz war eher 12,5 mio. bleibts bei 20 %?")
ASKS_SIZE = re.compile(r"\b(kleine[sn]?|mittlere[sn]?|große[sn]?)\s{1,3}(oder\s{1,3}(ein\s{1,3})?(kleine[sn]?|mittlere[sn]?"
                       r"|große[sn]?)\s{1,3})?unternehmen\b[^.!]{0,40}\?|größenklasse|unternehmensgröße\b[^.!]{0,40}\?"
                       r"|\b(zählen|gelten|sind)\s{1,3}wir\s{1,3}(dann\s{1,3}|noch\s{1,3}|überhaupt\s{1,3}|nun\s{1,3}|jetzt\s{1,3}"
                       r"|eigentlich\s{1,3}|denn\s{1,3}|also\s{1,3})*(als\s{1,3})?"
                       r"(ein\s{1,3})?(kmu|klein\w{0,3}|mittler\w{0,3}|groß\w{0,3})\b"
                       r"|\b(noch|dann|als|wir)\s{1,3}(ein\w{0,2}\s{1,3})?(klein|mittel|mittl|kmu|groß)\w{0,8}\b[^.!]{0,40}\?"
                       r"|\bkmu\b[^.!]{0,20}\?"
                       r"|\bbleibt\S{0,2}\s{1,3}(es\s{1,3})?(dann\s{1,3})?(trotzdem\s{1,3})?bei\s{1,3}(den\s{1,3})?"
                       r"\d{1,2}\s{0,2}(%|prozent)|\b(gilt|gelten)\s{1,3}(dann\s{1,3})?(noch|weiter\w{0,2}|trotzdem)"
                       r"\s{1,3}(die\s{1,3})?\d{1,2}\s{0,2}(%|prozent)", re.IGNORECASE)
# The facts asked for that decide whether a path is open at all, asked before the main activity
_OPENS_THE_PATH = {"applicant_type", "already_started"}
# The asker says the firm is small ("als kleiner Betrieb", "wir sind ein kleines Unternehmen"): not asked again
_SAYS_SMALL = re.compile(r"\bklein(e|er|es|en|em)?\s{1,3}(handwerks|familien)?(betrieb|unternehmen|firma|mittelständler|gmbh)"
                         r"|\bkleinunternehm|\bkleinbetrieb", re.IGNORECASE)
_ASKED_RULES = 3  # the most rules of a path a question is taken to ask for in their own words (`asked_rules`)
# A question about a firm's investment, asked by whoever ("… bei gewerblichen Investitionen?" for a Kreistag paper)
_FIRMS_INVESTMENT = re.compile(r"\bgewerbliche[nr]?\s{1,3}(investition|vorhaben|unternehmen|betrieb)", re.IGNORECASE)


def asked_rules(profile: ProjectProfile, knowledge: FundingKnowledge, programme_id: str = "") -> list[Source]:
    """The rules the question asks for in their own words (`Condition.asked_by`), of one programme's paths or of all:
    a sub-measure's rule before its programme's ("alle Grundstücke verkauft" asks for the shortening of a business
    park's binding period before the period itself); at most `_ASKED_RULES`, each once."""
    # (a sub-measure's rule only where the asker's project is of its kind, or of no kind named: who may carry a
    # training centre is no answer for a business park)
    kinds = set(profile.project_types)
    paths = sorted((p for p in knowledge.all_paths() if (not programme_id or p.id.split("/")[0] == programme_id)
                    and ("/" not in p.id or not kinds or kinds & set(p.project_types))),
                   key=lambda p: "/" not in p.id)
    # (nor one for a cost item the question does not name, or one beside it for the item it names: the surplus of Nr.
    # 5 (6) only where the land's purchase is funded too, that of Nr. 3.2.2.1 (6) else; nor one for a case the
    # asker's facts rule out, `_named`; a fact not known does not keep it out)
    asked = [c.source for path in paths for c in path.conditions if _named(c, profile)
             and _triggered({k: v for k, v in c.triggers.items() if k in ("cost_item", "unless_cost_item")},
                            profile) is not False]
    return list({(s.section, s.quote): s for s in asked}.values())[:_ASKED_RULES]


def ruling_sources(profile: ProjectProfile, intent: str, knowledge: FundingKnowledge,
                   by_facts: FundingAssessment | None = None) -> list[Source]:
    """The rules the asker's facts point to, whatever words the question uses: for a named trade the line of the
    exclusion list of KR Nr. 2.7.1 that excludes it, or the list itself; for a cost item the question names, the open
    path's rule on it; for a question of the amount, the rate of that path (the open path the facts lead to, from
    `by_facts`: `assess(profile, [], knowledge)` where the caller has it, else assessed here once). The retriever ranks
    their passages higher (FusionWeights.implied_bonus)."""
    sources: list[Source] = []
    asks_amount = intent == "amount" or intent == "project" and bool(ASKS_HOW_MUCH.search(profile.description))
    lead = next((p for p in (by_facts or assess(profile, [], knowledge)).paths if not p.blocked), None) \
        if profile.facts_given and (profile.cost_items or asks_amount) else None
    if profile.wz_code and not profile.grant_received:
        # (not for a grant already received, whose trade was judged then: "hat 2024 GRW bekommen … zurückzahlen?")
        line = knowledge.excluded_sector(profile.excluded_sector) if profile.excluded_sector else None
        exclusion = next((c for path in knowledge.all_paths() for c in path.conditions if c.id == SECTOR_EXCLUSION), None)
        if line is not None:
            sources.append(line.source)
        elif exclusion is not None and not profile.cost_items:
            # (the list as a whole, for a trade it does not exclude; not where the question names a cost item, whose
            # rule it asks about: "und wenn das Nachbargrundstück dazukommt?")
            sources.append(exclusion.source)
    for fact in ("linked_enterprise", "split_company"):
        # a company of a group: the rule that counts its partners in for the size; a Betriebsaufspaltung: the rule on
        # who applies
        if getattr(profile, fact):
            sources += [c.source for path in knowledge.all_paths() for c in path.conditions if fact in c.triggers][:1]
    defines = bool(ASKS_WHAT_IS_A_START.search(profile.description))
    # the GRW path the asker's kind leads to: a municipality's infrastructure, else a firm's investment
    infrastructure = next((path for path in knowledge.paths if path.id == "grw-infrastruktur"), None)
    municipal = infrastructure is not None and not _FIRMS_INVESTMENT.search(profile.description) and (
        profile.applicant_type in ("municipality", "association") or profile.applicant_type is None
        and (bool(set(profile.project_types) & set(infrastructure.project_types))
             or "infrastruktur" in profile.description.lower()))
    path_id = "grw-infrastruktur" if municipal else "grw-gewerbe"
    # (a network, a regional concept or a budget of the non-investive measures: their rules, "wer darf da Träger sein?"
    # for a network is Nr. 3.5.1 (5))
    measures = next((path for path in knowledge.paths if path.id == "grw-nichtinvestiv"), None)
    kinds = set(profile.project_types)
    if measures is not None and kinds & {t for s in (measures, *measures.sub_measures) for t in s.project_types} \
            and not (infrastructure is not None and kinds & set(infrastructure.project_types)):
        path_id = measures.id
    # the rules of that path the question asks for in their own words (`asked_by`): "wie lange sind wir gebunden?" is
    # the binding period (Nr. 2.2.6 for a firm's assets and jobs, Nr. 3.2.1.8 for an infrastructure), "und wenn wir
    # alle Grundstücke verkauft haben?" its shortening
    # (a sub-measure's rule before its programme's: "alle Grundstücke verkauft" asks for the shortening of a business
    # park's binding period before the period itself)
    sources += asked_rules(profile, knowledge, path_id)
    if profile.cost_items and lead is not None:
        # a cost item the question names ("eine CNC-Maschine leasen"): the rule on it of the path the facts lead to
        # (Nr. 2.6.2 (1) d aa for a firm's leased machine, Nr. 5 for the land of a business park)
        sources += [c.source for c in lead.conditions if c.cost_item and c.applies][:1]
    if profile.started_or_would_start or profile.started_in_part or defines \
            or ASKS_WHEN_TO_START.search(profile.description):
        # works begun ("Die Bagger rollen schon"), or a question of when they may begin ("Darf ich nach Abgabe des
        # Antrags schon anfangen zu bauen?"): the rule on the start of works of the path the asker's kind leads to
        # (Nr. 2.2.1 for a firm, Nr. 3.2.1.11 for a municipality's infrastructure)
        start = next((c for path in knowledge.paths if path.id == path_id for c in path.conditions
                      if c.id == START_OF_WORKS), None)
        if start is not None and defines and start.definition_source is not None:
            sources.append(start.definition_source)  # what the start is, before the rule that the application precedes it
        sources += [start.source] if start is not None else []
    if asks_amount and lead is not None and lead.sources:  # "…, investiert 1,2 Mio €. Mit wie viel Zuschuss …?"
        sources.append(lead.sources[0])
    return sources
