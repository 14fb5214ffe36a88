"""Funding rules as data: assistant/knowledge/funding_paths.yaml, read and validated once per process.

`FundingKnowledge.load()` reads the YAML into the pydantic models below (unknown keys are an error, see
assistant.core.curated) once per process. The models hold every rule the code applies: the funding paths with their
rates, conditions and sub-measures, the excluded sectors and their exceptions, the company-size limits, the usual
paths per applicant type and the project types that IREK Leitziele hint at; each rule with its source.
"""

from __future__ import annotations

import re
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, ConfigDict, Field, field_validator, model_validator
from typing_extensions import TypedDict

from assistant.core.curated import (
    Curated,
    CuratedDataError,
    DataPathError,
    Regex,
    compiled,
    load_once,
    valid_regex,
    validate,
)
from assistant.core.paths import KNOWLEDGE_DIR

KNOWLEDGE_FILE = KNOWLEDGE_DIR / "funding_paths.yaml"
TRADES_FILE = KNOWLEDGE_DIR / "trades.yaml"

CompanySize = Literal["small", "medium", "large"]
Text = Annotated[str, Field(min_length=1)]  # a text that must not be empty


class FundingDataError(CuratedDataError):
    """funding_paths.yaml is not valid; the message names the place."""


# -- WZ 2025 ------------------------------------------------------------------------------------------------------

@lru_cache(maxsize=1)
def _wz2025() -> Any:
    from wz_code import (
        WZ,  # imported on first use: the classification data is about 300 kB of Python
    )

    return WZ(version="2025")


def wz_exists(code: str) -> bool:
    """Whether `code` (a section letter, division, group, class or sub-class) is a code of WZ 2025."""
    return _wz2025().exists(code)


@lru_cache(maxsize=4096)
def wz_title(code: str) -> str:
    """The German title of a WZ 2025 code ("55.10" -> "Hotels, Gasthöfe und Pensionen"); "" for an unknown code."""
    return _wz2025().get(code).title if wz_exists(code) else ""


@lru_cache(maxsize=4096)
def wz_lineage(code: str) -> tuple[str, ...]:
    """The code and all its ancestors up to the section letter ("46.21" -> ("46.21", "46.2", "46", "G"))."""
    if not wz_exists(code):
        return ()
    node = _wz2025().get(code)
    return (node.code, *(a.code for a in node.ancestors))


def wz_within(code: str, scope: str) -> bool:
    """Whether `code` lies within `scope` (the same code or one of its ancestors)."""
    return scope in wz_lineage(code)


def _known_wz_codes(codes: list[str]) -> list[str]:
    unknown = [c for c in codes if not wz_exists(c)]
    if unknown:
        raise ValueError(f"„{unknown[0]}“ ist kein Code der WZ 2025")
    return codes


WzCodes = Annotated[list[str], AfterValidator(_known_wz_codes)]  # codes of WZ 2025, checked when read


class Source(Curated):
    model_config = ConfigDict(frozen=True)

    document: Text
    section: Text
    page: int | None  # required; null for documents without pages
    quote: Text

    def to_dict(self) -> dict[str, Any]:
        return self.model_dump()


class Triggers(TypedDict, total=False):
    """The facts of the profile that make a condition apply (all must hold)."""

    __pydantic_config__ = ConfigDict(extra="forbid")  # type: ignore[misc]
    already_started: bool
    applicant_type: str
    applicant_types: list[str]  # the applicant is one of these
    company_size: CompanySize
    sector_excluded: bool
    university_or_society: bool  # part of a Hochschule or a publicly funded research society
    base_funding_over_limit: bool  # over 20 % public institutional funding (KR Nr. 3.2.2.8 (2) c)
    users_excluded: bool  # a site or centre is meant for businesses whose main activity is excluded (Nr. 2.7.1)
    users_in_part_excluded: bool  # ... is to serve businesses of excluded sectors named by trade, and others too
    tailored_to_one: bool  # a site developed for one firm named in advance (Nr. 3.2.1.11 (3), "nach Maß")
    one_firm_reason: bool  # one firm is named as the reason for the measure: whether it serves that firm alone is open
    mostly_local_use: bool  # a public facility used mostly by locals, schools or clubs (Nr. 3.2.2.5 (1))
    project_type: str  # the project is of this type ...
    unless_project_types: list[str]  # ... and of none of these (e.g. a replacement that is no extension)
    cost_item: str  # the question names this cost item (cost_items), e.g. a delivery van
    unless_cost_item: str  # ... does not name this one (the general rule beside one of its own for that item)
    # the question mentions what this bounded regular expression finds: a part of the project a rule is about, which is
    # no cost item of its own (a heat pump; a plant that makes electricity, for the EEG)
    mentions: str
    in_difficulty: bool  # an undertaking in difficulty (KR Nr. 1.5 (6)), e.g. in insolvency proceedings
    linked_enterprise: bool  # the company belongs to a group: partner and linked enterprises count in (Nr. 2.1.5 (4))
    split_company: bool  # a Betriebsaufspaltung: owning and operating company apply together (Nr. 2.2.2 (1))
    size_at_grant: bool  # the headcount given is the one expected at the grant (KR Nr. 1.5 (3))
    agri_processing: bool  # the business processes or markets agricultural products (KR Nr. 2.7.2 (1))
    wz_within: list[str]  # the main activity lies within one of these WZ 2025 codes (e.g. "71.1": Ingenieurbüros)
    asked: bool  # the question asks for the rule in the words of its `asked_by`: a rule shown only where asked
    started_in_part: bool  # the works began for a part of the project only (ProjectProfile.started_in_part)
    several_municipalities: bool  # the text names two or more municipalities (ProjectProfile.several_municipalities)


class RateScope(TypedDict, total=False):
    """What a rate applies to. Only company_size and project_type are read from the profile; the other keys name
    facts the assistant does not ask, so such a rate is shown as possible."""

    __pydantic_config__ = ConfigDict(extra="forbid")  # type: ignore[misc]
    company_size: CompanySize
    project_type: str
    applicant_types: list[str]
    measure: str
    fits_regional_strategy: bool
    plus_one_of: list[str]
    investment_not_basic_service: bool
    transformation_or_skills: bool


class Rate(Curated):
    model_config = ConfigDict(frozen=True)

    applies_to: RateScope = Field(default_factory=dict)
    rate: Text
    label: str = ""
    # the part of a project the row is for, in a word or two, where a project may have several parts each with a row
    # of its own (a heat pump and heat recovery: "erneuerbare Eigenversorgung", "Energieeffizienz")
    part: str = ""
    # The row's kind is a plant of its own (a PV plant for the firm's own power): beside parts of other kinds (new
    # electric ovens) its rate holds for its own part only, never for the whole project.
    own_plant: bool = False
    percent: float | None = None  # the rate as a number, when the row is one rate ("20 %" -> 20)
    percent_by_size: dict[CompanySize, float] = {}  # when the row states a rate per company size
    # the lower base rate of an electricity storage charged by the row's plant (KR Nr. 2.4.3.3: 30 % beside 45 %),
    # raised for small and medium companies by the same points as the row
    storage_percent: float | None = None
    # The most the grant may be, as the source states it (its quote holds the figure): "höchstens 200.000 Euro".
    cap: str = ""
    cap_eur: float | None = None  # the same in euros, for an own calculation
    cap_yearly: bool = False  # the cap holds for each year ("höchstens 500.000 Euro pro Jahr"), not for the project
    # For a row per company size that raises a base rate by points for small and medium companies: the rule of the
    # raise (its quote holds the points); the base rate is the row's rate for large companies.
    bonus_source: Source | None = None
    source: Source


class CostLimit(Curated):
    """A limit a rule sets on one cost item, applied to the asker's own figures (KR Nr. 5 (4), (5): land for a business
    park is eligible up to 25 % of the whole measure's costs, and only if acquired on 1 July 2025 or later). The
    condition's quote states the figure."""

    model_config = ConfigDict(frozen=True)

    cost_item: Text
    max_share_percent: float | None = Field(default=None, gt=0, le=100)
    not_before: date | None = None


class NamedCase(Curated):
    """One of the things a rule lists, as a question names it (`pattern`, a regular expression, case-insensitive), and
    its name in the rule said for the things named alone (`Condition.case_text`): the bottom line then need not repeat
    the whole list."""

    model_config = ConfigDict(frozen=True)

    pattern: Regex
    name: Text


class Condition(Curated):
    model_config = ConfigDict(frozen=True)

    id: Text
    text: Text
    # blocks: the path is closed to this applicant or project; excludes: the cost item the question names is not
    # eligible on this path (the path itself stays open); matters: a condition to know.
    effect: Literal["blocks", "excludes", "matters"]
    source: Source
    triggers: Triggers = Field(default_factory=dict)
    # A rule that holds for every project of the path except those of these kinds (the extra costs of Nr. 2.4.3.1 and
    # 2.4.3.2, not for the renewable self-supply of Nr. 2.4.3.3, whose whole costs are eligible): no trigger, so it
    # stays a general rule where the kind is not known.
    not_for: list[str] = []
    question: str | None = None
    # The least share of the eligible costs the applicant must bring without public money (Nr. 2.5.4: 25), where the
    # condition is such a rule and its quote holds the figure: for an own calculation.
    minimum_share_percent: float | None = None
    # The most investment cost that can be funded per permanent job the project creates (Nr. 2.6.2 (4): 1.000.000
    # Euro), where the condition is such a rule and its quote holds the figure: for an own calculation.
    per_new_job_eur: float | None = None
    # ... and per permanent job it secures (Nr. 2.6.2 (4): 750.000 Euro), likewise held in its quote
    per_secured_job_eur: float | None = None
    # Where the rule defines its own term, for a question of what the term means ("Ab wann zählt ein Projekt als
    # begonnen?": the definition of the start of works, Nr. 2.2.1 (3)).
    definition_source: Source | None = None
    # The part of a project the condition is about, where the path's rate does not hold for that part ("die
    # Modernisierung des Bestands"): a sum for a project of that part and another is not all at the path's rate.
    part_not_at_rate: str = ""
    # What the rule deducts from the eligible costs where it applies ("die Erlöse aus dem Verkauf der bisherigen
    # Betriebsstätte", Nr. 2.6.2 (3)): a sum computed before the deduction says so.
    deducted: str = ""
    # The cost item whose sum the asker may give for what the rule deducts (the old site's sale price): deducted from
    # the asker's sum before a grant is computed.
    deducted_item: str = ""
    # A limit on a cost item the rule sets, checked against the sums and dates the asker gives.
    limit: CostLimit | None = None
    # The last day the rule lets a grant be made on the path (Nr. 3.6: 31 December 2026): said in the bottom line,
    # and after it the path is closed.
    deadline: date | None = None
    # The rule says who decides on the projects (a steering group, a Local Action Group): the answer to "wer
    # entscheidet?"
    who_decides: bool = False
    # Where the rule lists several things: the rule for those a question names ("{}" in `case_text` takes their
    # names), for the bottom line.
    cases: list[NamedCase] = []
    case_text: str = ""
    # The words in which a question asks for this rule (a regular expression, case-insensitive), written from the
    # rule's own text: "Schaffen wir die Frist noch, wenn der Lieferant pleite ist?" asks for the extension of the
    # Durchführungszeitraum (Nr. 2.8.2.1 (2)). The rule is then quoted for the path the asker's kind leads to
    # (`ruling_sources`), and listed among that path's conditions only where asked.
    asked_by: Regex | None = None
    # The rule funds the share of the costs that falls to the commercial users (Nr. 3.2.2.3 (3)): where the asker
    # gives that share (ProjectProfile.commercial_share_percent), a grant is computed on it.
    commercial_share: bool = False
    # A cost note that admits its item and sets it no limit of its own (a building bought for a centre, a business
    # park's environmental measures): a sum that holds the item is computed whole, with no word of "eigene Grenzen".
    no_own_limit: bool = False
    # A cost note whose item's limits the answer does not compute (a business park's land: a share of the whole, a
    # date of purchase): a sum of the parts the asker lists leaves the item out and says so.
    not_in_sum: bool = False
    # What to do next where the rule applies, ahead of the path's own first step (a takeover: apply before the purchase
    # of the assets, which is its start of works). The project's own advice, cited to no quote: no figures in it.
    next_step: str = ""
    # The rule decides what can be funded of the kind of project that triggers it (a takeover: the assets of a site
    # that closes, not shares): its first sentence joins the bottom line of such a project.
    decides_kind: bool = False
    # Where the project is of the rule's kind alone, the rule leads the bottom line, before the path's rate (a takeover
    # asked about with no investment named: that the takeover itself is no initial investment comes first).
    before_rate: bool = False
    # The rule decides whether the project is in at all, on a fact the question leaves open (one firm named as the
    # reason for a public measure: "nach Maß"?): it joins the bottom line even beside a sum computed.
    in_at_all: bool = False

    def reason_for(self, question: str) -> str:
        """The rule's text for the things of its list the question names; its whole text where it names none."""
        names = [case.name for case in self.cases if affirmed(case.pattern, question)]
        if not names or not self.case_text:
            return self.text
        return self.case_text.format(" oder ".join(names) if len(names) < 3
                                     else ", ".join(names[:-1]) + " oder " + names[-1])


class SizeChoice(Curated):
    """A sub-measure that stands in for its path for one company size (De-minimis for a large company), unless the
    sister sub-measure `unless_sub_measure_fits` fits the project."""

    company_size: CompanySize
    unless_sub_measure_fits: str | None = None
    source: Source


class WageCosts(Curated):
    """Wage-cost grants of a path (KR Nr. 2.6.3): the eligible costs are the wage costs of the persons hired for the
    investment over `years` years."""

    model_config = ConfigDict(frozen=True)

    years: int = Field(gt=0)
    source: Source


class Threshold(Curated):
    """A least increase a rule sets (KR Nr. 2.3 (2)), in per cent, with a lower one for SMEs until a day."""

    model_config = ConfigDict(frozen=True)

    percent: float = Field(gt=0)
    source: Source
    sme_percent: float = Field(gt=0)
    sme_until: date
    sme_source: Source


class RegionalEffect(Curated):
    """The significant regional effects an investment must promise (KR Nr. 2.3 (2)), as far as a question's figures
    can test them: the investment per year above the average depreciation of the last three years (a), more permanent
    jobs (b). Productivity (c) and the cases of Nr. 2.3 (3) need facts no question gives in figures."""

    model_config = ConfigDict(frozen=True)

    over_depreciation: Threshold
    more_jobs: Threshold


class FundingPath(Curated):
    id: Text
    name: Text
    summary: str = ""
    applicant_types: list[str] = []
    project_types: list[str] = []
    applicants: str = ""
    max_rate: str = ""
    source: Source | None = None
    rates: list[Rate] = []
    # a sub-measure whose rate is not the path's (the KR names none of its own, or one of another kind: "bis 100 % der
    # Finanzierungslücke"): the path's rates do not hold for it, and no sum is computed from them
    own_rate_only: bool = False
    conditions: list[Condition] = []
    where_to_apply: str = ""
    next_steps: list[str] = []
    sub_measures: list[FundingPath] = []
    municipalities: list[str] = []
    budget: str = ""
    chosen_for: SizeChoice | None = None
    umbrella: bool = False  # the path itself is no measure: offered only through a sub-measure that fits the project
    chosen_when: Triggers = Field(default_factory=dict)  # a sub-measure that stands in for its path for such a project
    # A sub-measure that is an investment of its own beside the path's (KR Nr. 2.4.3: a PV system for own use beside a
    # new hall): a project naming both is two measures, each with its own rate and its own costs.
    separate_measure: bool = False
    # One rate for the whole investment: the sums of its parts that a question lists add up to the eligible costs,
    # less the parts the path's rules exclude (a truck, Bauzeitzinsen; KR Nr. 2.6.2)
    costs_add_up: bool = False
    # A grant may instead be computed on the wage costs of the jobs the investment creates (KR Nr. 2.6.3)
    wage_costs: WageCosts | None = None
    # What the significant regional effects of an investment need in figures (KR Nr. 2.3 (2))
    regional_effect: RegionalEffect | None = None
    # A project of one of these types is not offered this path, whatever else it names: a firm's own investment in
    # buildings and equipment has a path of its own (the GRW investment aid), not a regional project budget
    not_with_project_types: list[str] = []

    @model_validator(mode="after")
    def _sub_measures_belong_here(self) -> FundingPath:
        ids = {sub.id for sub in self.sub_measures}
        for n, sub in enumerate(self.sub_measures):
            if not sub.id.startswith(self.id + "/"):
                raise DataPathError(("sub_measures", n, "id"), f"Id muss mit „{self.id}/“ beginnen")
            other = sub.chosen_for.unless_sub_measure_fits if sub.chosen_for else None
            if other is not None and other not in ids:
                raise DataPathError(("sub_measures", n, "chosen_for", "unless_sub_measure_fits"),
                                    f"keine Teilmaßnahme „{other}“ von „{self.id}“")
        return self

    def pass_on(self) -> None:
        """Sub-measures take what they do not state from this path (the summary only when the key is absent)."""
        for sub in self.sub_measures:
            if "summary" not in sub.model_fields_set:
                sub.summary = self.summary
            for name in ("applicant_types", "project_types", "applicants", "max_rate", "source", "where_to_apply",
                         "next_steps"):
                if not getattr(sub, name):
                    setattr(sub, name, getattr(self, name))
            sub.pass_on()

    def walk(self, where: tuple[str | int, ...]) -> list[tuple[tuple[str | int, ...], FundingPath]]:
        """This path and its sub-measures at any depth, each with its key path in the file."""
        found = [(where, self)]
        for n, sub in enumerate(self.sub_measures):
            found += sub.walk((*where, "sub_measures", n))
        return found


class SectorException(Curated):
    """When a text also mentions this (regular expression, case-insensitive) or names a trade of one of the WZ codes
    `wz`, the sector is not excluded (gastronomy together with lodging, KR Nr. 2.7.1)."""

    pattern: Annotated[Text, AfterValidator(valid_regex)]
    wz: WzCodes = []
    # The least share of turnover (per cent) the combination must make with its own lodging guests: where the text
    # states a smaller one, the exception does not hold, and a business of the codes `wz` is one of this line
    min_share_percent: float | None = None
    source: Source

    def matches(self, text: str, named_codes: tuple[str, ...] = (), share: float | None = None) -> bool:
        if self.below_share(share):
            return False
        if any(wz_within(code, scope) for code in named_codes for scope in self.wz):
            return True
        return affirmed(self.pattern, text)

    def below_share(self, share: float | None) -> bool:
        return self.min_share_percent is not None and share is not None and share < self.min_share_percent


# Curated patterns are matched against at most this much text (they are plain alternations, so this bounds the time).
_PATTERN_TEXT_LIMIT = 20_000
# A word that denies what follows it within two words of the same clause: "ohne Übernachtung", "keine eigenen
# Gästezimmer", "nicht touristisch"; not "kein Problem. Unser Hotel".
_NEGATED = re.compile(r"\b(ohne|kein\w{0,2}|nicht|keinerlei)\s+([^\s.,;:!?]+\s+){0,2}$", re.IGNORECASE)


def denied(before: str) -> bool:
    """Whether the text before a word denies it ("ohne Übernachtung", "kein Hotel", "keine eigenen Gästezimmer")."""
    return bool(_NEGATED.search(before[-40:]))


def affirmed(pattern: str, text: str) -> bool:
    """Whether the text says what `pattern` finds, not merely its negation: "Restaurant ohne Übernachtung" does not
    say that the restaurant offers lodging."""
    text = text[:_PATTERN_TEXT_LIMIT]
    return any(not denied(text[:m.start()]) for m in compiled(pattern).finditer(text))


class WzException(Curated):
    """WZ codes inside an excluded sector that the KR names as not excluded; with `only_with` (a regular expression)
    only when the text also says so (e.g. "soweit überwiegend dem Tourismus")."""

    model_config = ConfigDict(frozen=True)

    wz: Annotated[WzCodes, Field(min_length=1)]
    text: Text
    only_with: Regex | None = None
    # words that say the exception's condition fails ("vor allem Einheimische"): with them set, a text silent on the
    # condition keeps the exception open (the answer says "möglich, soweit …") instead of excluding the business
    unless: Regex | None = None
    source: Source

    def holds(self, code: str, text: str) -> bool:
        if not any(wz_within(code, scope) for scope in self.wz):
            return False
        if self.only_with is None or affirmed(self.only_with, text):
            return True
        return self.unless is not None and not re.search(self.unless, text, re.IGNORECASE)


class ExcludedSector(Curated):
    """A line of the list of excluded sectors (KR Nr. 2.7.1): the WZ 2025 codes it covers, the exceptions it names."""

    model_config = ConfigDict(frozen=True)

    code: Text
    label: Text
    wz: Annotated[WzCodes, Field(min_length=1)]
    exceptions: str = ""
    except_wz: list[WzException] = []
    not_excluded_with: SectorException | None = None
    # for a business of this line that says it processes agricultural products: what then decides (line A only)
    if_processing: str = ""
    # codes next to the line whose place the KR leaves to a definition it does not reproduce ("C 24 …, soweit
    # Stahlindustrie" by Art. 2 Nr. 43 AGVO: foundries, non-ferrous metals): not excluded as read here, but open
    doubtful_wz: WzCodes = []
    doubtful: str = ""
    source: Source

    def covers(self, code: str) -> bool:
        return any(wz_within(code, scope) for scope in self.wz)

    def names_exception(self, code: str) -> bool:
        """Whether `code` is one of the exceptions the line names by code ("außer 38.21 und 39"), whatever the
        condition of the exception."""
        return any(wz_within(code, scope) for exception in self.except_wz for scope in exception.wz)

    def leaves_open(self, code: str) -> bool:
        """Whether the line leaves it open if `code` is covered (a code next to it, not one it covers)."""
        return not self.covers(code) and any(wz_within(code, scope) for scope in self.doubtful_wz)

    def exception_for(self, code: str, text: str, named_codes: tuple[str, ...] = (),
                      share: float | None = None) -> WzException | SectorException | None:
        """The exception that takes `code` out of this sector for this text, if any (`share`: the share of turnover
        with own lodging guests the text states)."""
        for exception in self.except_wz:
            if exception.holds(code, text):
                return exception
        if self.not_excluded_with and self.not_excluded_with.matches(text, named_codes, share):
            return self.not_excluded_with
        return None


class SizeLimit(Curated):
    """A company with fewer than `employees_below` employees has this size; the last size has no limit."""

    size: CompanySize
    employees_below: int | None = None
    turnover_max_eur: float | None = None  # "Jahresumsatz oder Jahresbilanzsumme": both must be exceeded
    balance_max_eur: float | None = None
    source: Source
    money_source: Source | None = None  # the rule of the money limits

    def money_exceeded(self, turnover: float | None, balance: float | None) -> bool:
        """Whether both turnover and balance sheet total are given and both exceed their limits."""
        if turnover is None or balance is None or self.turnover_max_eur is None or self.balance_max_eur is None:
            return False
        return turnover > self.turnover_max_eur and balance > self.balance_max_eur

    def money_may_exceed(self, turnover: float | None, balance: float | None) -> bool:
        """Whether the one figure given exceeds its limit while the other is not given: the size is open."""
        over = [given > limit for given, limit in ((turnover, self.turnover_max_eur), (balance, self.balance_max_eur))
                if given is not None and limit is not None]
        return len(over) == 1 and over[0]


class LeitzielHint(Curated):
    leitziel: Text
    project_types: list[str] = Field(min_length=1)
    source: Source


class Region(Curated):
    name: str = ""
    grw_area: str = ""
    note: str = ""
    source: Source
    # the list of all GRW areas (KR Anhang 5): a place it does not name is no GRW area, and `outside` says so
    # ("{place}" stands for the place)
    areas_source: Source | None = None
    outside: str = ""


_PLACEHOLDER = re.compile(r"\{([a-z_]+)\}")  # a named part of a pattern ("{vehicle}"), not a count ("{0,3}")


def _with_words(pattern: str, words: dict[str, str]) -> str:
    """The pattern with each named part it uses put in (`CostItem.words`); an unknown name stays as it is."""
    return _PLACEHOLDER.sub(lambda found: words.get(found.group(1), found.group()), pattern)


class CostItem(Curated):
    """A kind of cost a question can name ("zwei Lieferwagen"): read from the latest question by `pattern` (a regular
    expression, case-insensitive). Whether a path admits it is a condition of that path (trigger `cost_item`) with the
    rule's source; the item itself is vocabulary and has none."""

    id: Text
    label: Text
    pattern: Regex
    # The asker's own figures for the item, where a rule limits it (land for a business park, KR Nr. 5): a sum stands
    # for it when its clause holds `pattern` or these words ("davon 1 Mio für das Grundstück"); a date is when it was
    # or will be acquired when its sentence holds `acquired` ("Das Grundstück haben wir im März 2025 gekauft").
    sum_words: Regex | None = None
    acquired: Regex | None = None
    # Where the item's words name something other than a cost of the asker's: what a thing built serves ("ein
    # Parkplatz für Busse und PKW"), what the asker's business makes, repairs or sells ("wir bauen Sonderfahrzeuge"):
    # such phrases (each a regular expression) are read past
    served: list[Regex] = []
    # Parts of the `served` patterns written once: "{vehicle}" in a pattern stands for words["vehicle"] (a word may use
    # one named before it)
    words: dict[str, Regex] = {}
    # Whether the KR leaves open if the item counts at all (used goods from a relative's firm): a grant computed with
    # its sum says what it would be without it
    unsettled: bool = False

    @model_validator(mode="after")
    def _words_put_in(self) -> CostItem:
        words: dict[str, str] = {}
        for name, part in self.words.items():
            words[name] = _with_words(part, words)
        for n, phrase in enumerate(self.served):
            self.served[n] = _with_words(phrase, words)
            if (unknown := _PLACEHOLDER.search(self.served[n])) is not None:
                raise DataPathError(("served", n), f"unbekanntes Wort „{unknown.group(1)}“ (nicht unter words)")
            try:
                re.compile(self.served[n])
            except re.error as problem:
                raise DataPathError(("served", n), f"kein gültiger regulärer Ausdruck ({problem})") from None
        return self

    def _read(self, text: str) -> str:
        text = text[:_PATTERN_TEXT_LIMIT]
        for phrase in self.served:
            text = compiled(phrase).sub(" ", text)
        return text

    def named_in(self, text: str) -> bool:
        return compiled(self.pattern).search(self._read(text)) is not None

    def names_sum(self, clause: str) -> bool:
        """Whether a clause with a sum in it names the sum as this item's."""
        return self.named_in(clause) or bool(self.sum_words) and re.search(
            self.sum_words, self._read(clause), re.IGNORECASE) is not None  # type: ignore[arg-type]

    def acquired_in(self, sentence: str) -> tuple[int, int] | None:
        """Where a sentence says that the item was or will be acquired (start, end), if it does."""
        found = re.search(self.acquired, sentence[:_PATTERN_TEXT_LIMIT], re.IGNORECASE) if self.acquired else None
        return found.span() if found else None


class PassagePaths(Curated):
    sections: dict[str, str] = {}  # GRW section-number prefix -> path id
    documents: dict[str, str] = {}  # document id -> path id


class CitedNote(Curated):
    """A sentence of the project's own, with "{0}", "{1}", … for the citations of its sources, in order."""

    text: Text
    sources: list[Source]


class FundingKnowledge(Curated):
    version: int = 1
    region: Region | None = None
    applicant_types: list[str]
    project_types: list[str]
    company_sizes: list[SizeLimit]
    part_time_posts: Source | None = None  # how a part-time post counts (KR Fn. 11)
    goal_opens_no_path: CitedNote | None = None  # a goal of the IREK beside a GRW path the facts close
    default_paths: dict[str, list[str]]  # applicant type (or "unknown") -> usual paths, best first
    leitziel_hints: list[LeitzielHint]
    passage_paths: PassagePaths = PassagePaths()
    paths: list[FundingPath]
    excluded_sectors: list[ExcludedSector] = []
    cost_items: list[CostItem] = []

    @classmethod
    def load(cls, path: Path = KNOWLEDGE_FILE) -> FundingKnowledge:
        return load_once(path, cls, error=FundingDataError)

    @classmethod
    def parse(cls, data: Any, label: str = KNOWLEDGE_FILE.name) -> FundingKnowledge:
        return validate(data, cls, label=label, error=FundingDataError)

    @model_validator(mode="after")
    def _consistent(self) -> FundingKnowledge:
        vocab = {"applicant_types": set(self.applicant_types), "project_types": set(self.project_types)}
        walked = [item for n, top in enumerate(self.paths) for item in top.walk(("paths", n))]
        for where, path in walked:
            for key, known in vocab.items():
                values = getattr(path, key) + (path.not_with_project_types if key == "project_types" else [])
                unknown = [v for v in values if v not in known]
                if unknown:
                    raise DataPathError((*where, key), f"unbekannter Wert „{unknown[0]}“ (nicht in der Liste {key})")
        for n, top in enumerate(self.paths):
            if top.source is None and not top.sub_measures:
                raise DataPathError(("paths", n), "es fehlt „source“")
            top.pass_on()
        ids = [path.id for _, path in walked]
        duplicates = sorted({i for i in ids if ids.count(i) > 1})
        if duplicates:
            raise DataPathError(("paths",), f"doppelte Ids {', '.join(duplicates)}")
        for table in ("sections", "documents"):
            for key, target in getattr(self.passage_paths, table).items():
                if target not in ids:
                    raise DataPathError(("passage_paths", table, key), f"unbekannter Pfad „{target}“")
        self._check_rules(vocab, {p.id for p in self.paths})
        items = {item.id for item in self.cost_items}
        for where, path in walked:
            for n, condition in enumerate(path.conditions):
                item = condition.triggers.get("cost_item")
                if item is not None and item not in items:
                    raise DataPathError((*where, "conditions", n, "triggers", "cost_item"),
                                        f"unbekannter Wert „{item}“ (nicht in der Liste cost_items)")
                unknown = [t for t in condition.not_for if t not in vocab["project_types"]]
                if unknown:
                    raise DataPathError((*where, "conditions", n, "not_for"),
                                        f"unbekannter Wert „{unknown[0]}“ (nicht in der Liste project_types)")
                if condition.limit is not None and condition.limit.cost_item not in items:
                    raise DataPathError((*where, "conditions", n, "limit", "cost_item"),
                                        f"unbekannter Wert „{condition.limit.cost_item}“ (nicht in der Liste cost_items)")
        return self

    def _check_rules(self, vocab: dict[str, set[str]], top_ids: set[str]) -> None:
        sizes = [limit.size for limit in self.company_sizes]
        if len(set(sizes)) != len(sizes) or not sizes or self.company_sizes[-1].employees_below is not None \
                or any(limit.employees_below is None for limit in self.company_sizes[:-1]):
            raise DataPathError(("company_sizes",), "jede Größe einmal; alle außer der letzten mit employees_below")
        limits = [limit.employees_below for limit in self.company_sizes[:-1]]
        if limits != sorted(set(limits)):
            raise DataPathError(("company_sizes",), "employees_below muss von Größe zu Größe steigen")
        if "unknown" not in self.default_paths:
            raise DataPathError(("default_paths",), "es fehlt „unknown“ (Antragstellende nicht bekannt)")
        for applicant, path_ids in self.default_paths.items():
            if applicant != "unknown" and applicant not in vocab["applicant_types"]:
                raise DataPathError(("default_paths", applicant), "unbekannte Art der Antragstellenden")
            unknown = [p for p in path_ids if p not in top_ids]
            if unknown:
                raise DataPathError(("default_paths", applicant), f"unbekannter Pfad „{unknown[0]}“")
        codes = [hint.leitziel for hint in self.leitziel_hints]
        for n, hint in enumerate(self.leitziel_hints):
            if codes.count(hint.leitziel) > 1:
                raise DataPathError(("leitziel_hints", n, "leitziel"), f"Leitziel „{hint.leitziel}“ steht doppelt")
            unknown = [t for t in hint.project_types if t not in vocab["project_types"]]
            if unknown:
                raise DataPathError(("leitziel_hints", n, "project_types"), f"unbekannter Wert „{unknown[0]}“")

    # -- reading the rules -----------------------------------------------------------------------------------------

    def company_size(self, employees: int, turnover: float | None = None, balance: float | None = None) -> str:
        """The size of a company with this many employees (the first size whose limit it stays below), unless its
        turnover and balance sheet total both exceed that size's money limits (KR Nr. 2.1.5)."""
        return next(limit.size for limit in self.company_sizes
                    if limit.employees_below is None or employees < limit.employees_below
                    and not limit.money_exceeded(turnover, balance))

    def possible_sizes(self, employees: float, turnover: float | None = None, balance: float | None = None) -> list[str]:
        """The sizes a company may have by the figures given: from the size its headcount makes, on to the next while
        one money figure exceeds a size's limit and the other is not given (35 employees and 18 Mio € turnover, no
        balance sheet total: small if the balance sheet total stays within 10 Mio €, else medium; KR Nr. 2.1.5)."""
        sizes = []
        for limit in self.company_sizes:
            if limit.employees_below is not None and employees >= limit.employees_below \
                    or limit.money_exceeded(turnover, balance):
                continue
            sizes.append(limit.size)
            if not limit.money_may_exceed(turnover, balance):
                break
        return sizes

    def usual_paths(self, applicant_type: str | None) -> list[str]:
        """The usual paths for this applicant type, best first, when nothing about the project type is known."""
        return self.default_paths.get(applicant_type or "unknown", self.default_paths["unknown"])

    def hinted_project_types(self, leitziel: str) -> list[str]:
        """The project types an IREK Leitziel ("2.3") hints at; [] for a Leitziel without hints."""
        return next((hint.project_types for hint in self.leitziel_hints if hint.leitziel == leitziel), [])

    def path_for_passage(self, document: str, section_number: str) -> str | None:
        """The path whose rules a passage states: by its document, or by the longest GRW section prefix."""
        documents, sections = self.passage_paths.documents, self.passage_paths.sections
        if document in documents:
            return documents[document]
        if document != "grw" or not section_number or section_number.startswith("Anhang"):
            return None
        matches = [p for p in sections if section_number == p or section_number.startswith(p + ".")]
        return sections[max(matches, key=len)] if matches else None

    def place_names(self) -> list[str]:
        """Every municipality the data names (LEADER regions), for telling place names from topic words."""
        return sorted({m for path in self.all_paths() for m in path.municipalities})

    def all_paths(self) -> list[FundingPath]:
        return [p for top in self.paths for p in (top, *top.sub_measures)]

    def get(self, path_id: str) -> FundingPath | None:
        return next((p for p in self.all_paths() if p.id == path_id), None)

    def cost_item_labels(self) -> dict[str, str]:
        """Every cost item's label by its id."""
        return {item.id: item.label for item in self.cost_items}

    def cost_items_in(self, text: str, before: str = "") -> list[str]:
        """The ids of the cost items `text` names, in the order of the data; with the turn `before` it, also those
        whose words it completes ("gebrauchte Maschine kaufen?" – "die kommt aber aus der Firma von meinem Bruder")."""
        joined = f"{before}\n{text}"[-_PATTERN_TEXT_LIMIT:] if before else ""
        offset = len(joined) - len(text)
        return [item.id for item in self.cost_items if item.named_in(text) or joined and not item.served and any(
            m.end() > offset for m in compiled(item.pattern).finditer(joined))]

    def excluded_sector(self, code: str) -> ExcludedSector | None:
        return next((s for s in self.excluded_sectors if s.code == code), None)

    def exclusion(self, wz: str, text: str = "", named_codes: tuple[str, ...] = (),
                  lodging_share: float | None = None) -> ExcludedSector | None:
        """The line of KR Nr. 2.7.1 that excludes a main activity with WZ 2025 code `wz` (None if it is not excluded,
        also when one of the exceptions the line names applies to this text). `lodging_share`: the share of turnover
        with own lodging guests the text states; below the least share of gastronomy's exception, an inn that lodges
        guests is gastronomy (I 56)."""
        for sector in self.excluded_sectors:
            if sector.covers(wz):
                return None if sector.exception_for(wz, text, named_codes, lodging_share) else sector
            exception = sector.not_excluded_with
            if exception and exception.below_share(lodging_share) and any(wz_within(wz, s) for s in exception.wz):
                return sector
        return None

    def doubt_for_wz(self, wz: str) -> ExcludedSector | None:
        """The line of KR Nr. 2.7.1 that leaves it open whether `wz` is excluded (a foundry beside "Stahlindustrie")."""
        return next((s for s in self.excluded_sectors if s.leaves_open(wz)), None)

    def sector_for_wz(self, wz: str) -> ExcludedSector | None:
        """The line of KR Nr. 2.7.1 whose codes cover `wz`, whether or not an exception takes it out."""
        return next((s for s in self.excluded_sectors if s.covers(wz)), None)

    def all_sources(self) -> list[tuple[str, Source]]:
        """Every source in the file with a label of where it stands (for the source check)."""
        found: list[tuple[str, Source]] = []
        if self.region:
            found.append(("region", self.region.source))
        found += [(f"Unternehmensgröße {limit.size}", limit.source) for limit in self.company_sizes]
        found += [(f"Unternehmensgröße {limit.size} Umsatz/Bilanz", limit.money_source)
                  for limit in self.company_sizes if limit.money_source]
        found += [(f"Leitziel {hint.leitziel}", hint.source) for hint in self.leitziel_hints]
        found += [("goal_opens_no_path", source) for source in (self.goal_opens_no_path.sources
                                                                  if self.goal_opens_no_path else [])]
        for path in self.all_paths():
            if path.source:
                found.append((path.id, path.source))
            if path.chosen_for:
                found.append((f"{path.id} gewählt für {path.chosen_for.company_size}", path.chosen_for.source))
            found += [(f"{path.id} Satz {r.rate}", r.source) for r in path.rates]
            found += [(f"{path.id} Satz {r.rate} Zuschlag", r.bonus_source) for r in path.rates if r.bonus_source]
            found += [(f"{path.id} Bedingung {c.id}", c.source) for c in path.conditions]
            found += [(f"{path.id} Bedingung {c.id} Begriff", c.definition_source) for c in path.conditions if c.definition_source]
            if path.regional_effect:
                found += [(f"{path.id} Regionaleffekt {name}", source) for name, threshold in
                          (("Abschreibungen", path.regional_effect.over_depreciation),
                           ("Arbeitsplätze", path.regional_effect.more_jobs))
                          for source in (threshold.source, threshold.sme_source)]
        for sector in self.excluded_sectors:
            found.append((f"Wirtschaftszweig {sector.code}", sector.source))
            if sector.not_excluded_with:
                found.append((f"Wirtschaftszweig {sector.code} Ausnahme", sector.not_excluded_with.source))
            found += [(f"Wirtschaftszweig {sector.code} Ausnahme {', '.join(e.wz)}", e.source) for e in sector.except_wz]
        return found


# -- the trade lexicon (assistant/knowledge/trades.yaml) -------------------------------------------------------------

class Trade(Curated):
    """An everyday name of a trade or business type and the WZ 2025 code of the main activity it usually means."""

    model_config = ConfigDict(frozen=True)

    term: Text
    variants: list[Text] = []
    wz: Text
    also: list[str] = []
    # a name usually said of a party the asker deals with ("für meine Bank", "unser Steuerberater sagt"): the asker's
    # own trade only where they say they are one ("Wir sind eine Sparkasse", "als Steuerkanzlei")
    declared_only: bool = False
    # a name that also names the works of developing a site (roads, sewers, pipes, cables, demolition, remediation) or
    # its supply (energy, heat, water): where a municipality or a club asks, part of its measure, not a business the
    # site is for
    site_works: bool = False
    # a name of how the asker is organised, not of what it does ("als gemeinnütziger Verein", "Stiftung"): a business it
    # says it runs beside it ("… betreiben ne Jugendherberge") is its trade
    body_form: bool = False

    @field_validator("wz")
    @classmethod
    def _wz_code(cls, code: str) -> str:
        return _known_wz_codes([code])[0]

    @field_validator("also")
    @classmethod
    def _also_codes(cls, codes: list[str]) -> list[str]:
        return _known_wz_codes(codes)

    @property
    def name(self) -> str:
        return self.term.rstrip("=")

    def stems(self) -> list[str]:
        return [self.term.lower(), *(v.lower() for v in self.variants)]


class AgriculturalProcessing(Curated):
    """What makes a business one that processes or markets agricultural products (KR Nr. 2.7.2 (1)): the WZ codes of
    such main activities, and the words of a text that says it processes them (a verb and a product)."""

    model_config = ConfigDict(frozen=True)

    wz: Annotated[WzCodes, Field(min_length=1)]
    products: list[Text] = Field(min_length=1)
    verbs: list[Text] = Field(min_length=1)

    def covers(self, code: str | None) -> bool:
        return code is not None and any(wz_within(code, scope) for scope in self.wz)


class Activity(Curated):
    """What a business does, as people say it ("wir reparieren Autos"): the beginnings of a verb (or its noun) and of
    its objects, and the trade of the lexicon whose main activity that is. No objects: the verb alone says it."""

    model_config = ConfigDict(frozen=True)

    trade: Text
    verbs: list[Text] = Field(min_length=1)
    objects: list[Text] = []


class TradeLexicon(Curated):
    version: int = 1
    agricultural_processing: AgriculturalProcessing
    trades: list[Trade] = Field(min_length=1)
    # verbs that, with a wish or plan in the same sentence, describe the asker's project, not their trade
    project_verbs: list[Text] = []
    activities: list[Activity] = []

    @model_validator(mode="after")
    def _stems_once(self) -> TradeLexicon:
        seen: dict[str, int] = {}
        for n, trade in enumerate(self.trades):
            for stem in trade.stems():
                key = stem.rstrip("=")
                if key in seen and seen[key] != n:
                    raise DataPathError(("trades", n), f"der Stamm „{key}“ steht schon bei trades[{seen[key]}]")
                seen[key] = n
        return self

    @model_validator(mode="after")
    def _activities_of_known_trades(self) -> TradeLexicon:
        names = {trade.name for trade in self.trades}
        for n, activity in enumerate(self.activities):
            if activity.trade not in names:
                raise DataPathError(("activities", n, "trade"), f"„{activity.trade}“ steht nicht unter trades")
        return self

    def trade_named(self, name: str) -> Trade:
        return next(trade for trade in self.trades if trade.name == name)

    @classmethod
    def load(cls, path: Path = TRADES_FILE) -> TradeLexicon:
        return load_once(path, cls, error=FundingDataError)

    @classmethod
    def parse(cls, data: Any, label: str = TRADES_FILE.name) -> TradeLexicon:
        return validate(data, cls, label=label, error=FundingDataError)
