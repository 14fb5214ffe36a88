"""Read the facts that decide a funding path from a German question or project description.

Deterministic rules only (word lists and regular expressions); no model. Explicit structured fields override what is
read from the text; earlier user turns of a conversation contribute facts, and the latest statement wins.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field, fields
from typing import get_args

from assistant.funding.knowledge import CompanySize, ExcludedSector, FundingKnowledge

APPLICANT_TYPES = ("company", "municipality", "association", "research")
COMPANY_SIZES: tuple[str, ...] = get_args(CompanySize)  # ("small", "medium", "large")


@dataclass
class ProjectProfile:
    applicant_type: str | None = None  # company | municipality | association | research
    company_size: str | None = None  # small | medium | large
    sector: str | None = None  # free text, e.g. "Maschinenbau" or the label of an excluded sector
    excluded_sector: str | None = None  # code of the matched excluded_sectors entry ("H", "I 56", ...)
    project_types: list[str] = field(default_factory=list)  # vocabulary of funding_paths.yaml
    already_started: bool | None = None
    municipality: str | None = None  # canonical name in the Landkreis Osnabrück
    description: str = ""


# -- applicant ------------------------------------------------------------------------------------------------------
# Markers per applicant type; the earliest marker that is not about a partner ("mit der Hochschule") decides.
_APPLICANT_MARKERS: dict[str, str] = {
    "municipality": r"gemeinde|samtgemeinde|kommune|(?<![a-zäöüß])stadt\b(?!\s+und\s+landkreis)|stadtverwaltung|(?<!im )(?<!in )(?<!im südlichen )(?<!im nördlichen )landkreis\b(?!\s+osnabrück\s+(als|ist))"
                    r"|zweckverband|wirtschaftsförderung|bürgermeister|gemeinderat|\bkreis\b",
    "association": r"verein|e\.\s?v\.|förderverein|stiftung|gemeinnützig|bürgerinitiative|dorfgemeinschaft"
                   r"|handwerkskammer|\bihk\b|kammer\b|innung|heimatverein|sportverein",
    "research": r"hochschule|universität|\buni\b|fachhochschule|institut|forschungseinrichtung|forschungszentrum\b|fraunhofer",
    "company": r"unternehmen|firma|betrieb\b|betriebs|\bgmbh\b|\bag\b|\bkg\b|mitarbeit|beschäftigte|angestellte|\d+\s+leute"
               r"|hersteller|zulieferer|\w+bauer\b|\w+verarbeiter\b|spedition|hotel|pension\b|ferienwohnung|gasthof|konzern"
               r"|\bkmu\b|mittelständler|handwerksbetrieb|werkstatt\b|gießerei|molkerei|brauerei|bäckerei|start-?up\b|gründer(in)?\b"
               r"|unternehmer(in)?\b|\bladen\b|geschäft\b|händler|praxis\b|agentur|kanzlei|fabrik\b|werk\b|landwirt",
}
_PARTNER_CONTEXT = re.compile(r"(mit|an|von|bei)\s+(der|dem|den|einer|einem|einen|unserer|unserem|eine|ein)?\s*\S*\s*$")
_SELF_CONTEXT = re.compile(r"(wir sind|ich bin|ich habe|wir haben|unser|unsere|unserem|unseren|unserer|als)\s+(ein|eine|einen|einem|der|die|das)?\s*\S*\s*$")

# -- company size --------------------------------------------------------------------------------------------------
_HEADCOUNT = re.compile(
    r"(\d{1,3}(?:[.\s]\d{3})*|\d+)\s*(?:mitarbeiter\w*|mitarbeitende\w*|beschäftigte\w*|angestellte\w*|leute|köpfe"
    r"|personen|vollzeit\w*|fachkräfte\w*|menschen)",
    re.IGNORECASE,
)
_SIZE_WORDS = [
    ("small", r"kleinunternehmen|kleinstunternehmen|kleine[sn]?\s+(unternehmen|betrieb|firma|handwerksbetrieb)|kleiner\s+(betrieb|handwerksbetrieb)"),
    ("medium", r"mittlere[sn]?\s+(unternehmen|betrieb)|mittelgroße[sn]?\s+(unternehmen|betrieb)"),
    ("large", r"großunternehmen|große[sn]?\s+unternehmen|\bkonzern"),
]

# -- already started -------------------------------------------------------------------------------------------------
_NOT_STARTED = re.compile(
    r"noch\s+nicht\s+(begonnen|angefangen|gestartet|bestellt|beauftragt|vergeben)|noch\s+(nichts|keine\w*)\s+(bestellt|beauftragt|vergeben|aufträge)"
    r"|noch\s+keine\s+aufträge|bevor\s+wir\s+(anfangen|beginnen)|vor\s+baubeginn|\bplan(en|t)\b|\bgeplant\b|in\s+planung",
    re.IGNORECASE,
)
_STARTED = re.compile(
    r"(bereits|schon)\s+(mit(\s+\w+){1,6}\s+)?(begonnen|angefangen|gestartet|bestellt|beauftragt|vergeben|unterschrieben)"
    r"|(begonnen|angefangen)\s+haben|(bau|umbau|bauarbeiten|arbeiten)\s+(läuft|laufen)|\bim\s+bau\b|läuft\s+(bereits|schon)"
    r"|aufträge?\s+(sind|ist|wurden|wurde)\s+(bereits|schon)\s+vergeben|baubeginn\s+war|haben\s+(schon|bereits)\s+\w*\s*(bestellt|beauftragt)",
    re.IGNORECASE,
)

# -- project types (vocabulary of funding_paths.yaml) ---------------------------------------------------------------
PROJECT_TYPE_PATTERNS: dict[str, str] = {
    "industrial_site": r"gewerbegebiet|industriegebiet|gewerbefläche|gewerbeparzelle|gewerbegelände|industriegelände|gewerbepark|gewerbe\s+neu\s+entwickeln|flächen?\s+(für|fürs)\s+gewerbe|erschließ",
    "revitalisation": r"brachfläche|\w*brache\b|altlast|altstandort|revitalisier|ehemalige[nrs]?\s+(fabrik|ziegelei|kaserne|werk|betrieb)|steht\s+seit\s+jahren\s+leer|leerstehende[nrs]?\s+(fabrik|halle|gebäude)",
    "business_centre": r"gründerzentrum|gründungszentrum|technologiezentrum|innovationszentrum|inkubator|coworking|co-working|maker\s?space|gewerbezentrum|gründerhaus",
    "tourism_infrastructure": r"radweg|wanderweg|freizeitbad|besucherzentrum|kurpark|gradierwerk|badestelle|touristische\w*\s+infrastruktur|naturpfad|lehrpfad|ausflugsziel|tourist[- ]?info|salinenpark|promenade",
    "education_infrastructure": r"berufsbildende\w*\s+schule|\bbbs\b|lernwerkstatt|ausbildungsstätte|ausbildungszentrum|bildungszentrum|berufsschule|lehrwerkstatt",
    "energy_infrastructure": r"umspannwerk|wasserstoffleitung|wasserstoff-?kernnetz|stichleitung|wärmenetz|nahwärmenetz|stromnetz|energieautark|netzanschluss|energieinfrastruktur|quartiersspeicher",
    "harbour": r"\bhafen|binnenhafen|hafens\b",
    "research_infrastructure": r"forschungsinfrastruktur|forschungsgebäude|versuchsanlage|forschungslabor",
    "planning": r"planungsleistung|machbarkeitsstudie|planungsbüro|bauleitplanung|planungskosten",
    "regional_concept": r"entwicklungskonzept|\w*strategie\s+erarbeiten|konzept\s+(erarbeiten|erstellen)|\bstrategie\b",
    "implementation_budget": r"umsetzungsbudget|regionalmanage|regionalbudget",
    "cooperation_network": r"netzwerk|kooperationsplattform|verbund\b|allianz|stammtisch|\bkooperation\b|zusammenarbeit|an\s+einen\s+tisch",
    "innovation_cluster": r"innovationscluster|\bcluster\b",
    "location_attractiveness": r"daseinsvorsorge|standortattraktivität|welcome|willkommens|anwerbe|standortmarketing|standortportal|fachkräftegewinnung",
    "advice": r"beratung|berater\b|beraten\b",
    "training": r"schulung|weiterbildung|qualifizierung|fortbildung|schulen\b|vermitteln",
    "first_hire": r"hochschulabsolvent|absolvent|ersteinstellung|berufseinsteiger",
    "applied_rnd": r"forschung|forschen|prototyp|\bf\s?&\s?e\b|\bfue\b|entwicklungsprojekt|verfahren\s+\w*\s*entwickeln|neues\s+verfahren",
    "market_launch": r"markteinführung|markteintritt|auf\s+den\s+markt\s+bringen",
    "rural_development": r"\bdorf|dorfgemeinschaftshaus|dorfladen|ländliche[nr]?\s+raum|kulturtreff|jugendraum|mehrgenerationen|bürgerhaus|heimathaus",
    "innovation_project": r"innovationsprojekt|künstliche\w*\s+intelligenz|\bki\b|digitalisier|innovativ",
    "business_investment": r"\bhalle\b|neubau|erweiter|investition|investieren|betriebsstätte|\bwerk\b|fertigungslinie|produktionslinie|maschine|anlage\s+kaufen"
                           r"|abfüllanlage|lagerstandort|lagerhalle|filiale|montagehalle|fertigungshalle|zimmer|\bhotel|ferienwohnung|pension\b|ansiedl|neue[sn]?\s+standort",
    "modernisation": r"modernisier|umrüst|produktionsprozess",
    "energy_efficiency": r"energieeffizien|abwärme|energieverbrauch|wärmerückgewinnung|stromkosten\s+senken|effizienter",
    "renewable_self_supply": r"photovoltaik|\bpv\b|pv-anlage|solaranlage|eigenversorgung|eigenstrom|eigenbedarf|wärmepumpe|batteriespeicher|stromspeicher",
}
# Project types that only make sense for a business; a municipality's "Erweiterung" of a centre is not one.
_COMPANY_ONLY_TYPES = {"business_investment", "modernisation", "energy_efficiency", "renewable_self_supply", "first_hire", "market_launch"}

# Sectors that are named but not excluded (for the free-text field).
_SECTOR_WORDS = {
    r"maschinenbau\w*": "Maschinenbau", r"metallbau\w*|metallverarbeit\w*": "Metallverarbeitung",
    r"kunststoff\w*": "Kunststoffverarbeitung", r"landtechnik\w*|landmaschinen\w*": "Landtechnik",
    r"automobilzuliefer\w*|fahrzeugbau\w*|zulieferer": "Fahrzeugzulieferung", r"gießerei": "Gießerei",
    r"lebensmittel\w*|molkerei|käserei|fleischerei|bäckerei|brauerei": "Ernährungswirtschaft",
    r"hotel\w*|landhotel|pension\b|ferienwohnung\w*|beherbergung": "Beherbergung",
    r"software\w*|it-\w+|it-dienstleist\w*": "IT und Software", r"möbel\w*": "Möbelherstellung",
    r"elektronik\w*": "Elektronik", r"medizintechnik\w*": "Medizintechnik", r"handwerk\w*": "Handwerk",
    r"sondermaschinen\w*": "Maschinenbau", r"chemie\w*": "Chemie", r"druckerei": "Druckerei",
}

# Towns of the Landkreis Osnabrück -> canonical name (LEADER lists in funding_paths.yaml name Samtgemeinden).
MUNICIPALITIES: dict[str, str] = {
    "Melle": "Melle", "Bramsche": "Bramsche", "Georgsmarienhütte": "Georgsmarienhütte", "Quakenbrück": "Quakenbrück",
    "Bersenbrück": "Bersenbrück", "Fürstenau": "Fürstenau", "Artland": "Samtgemeinde Artland",
    "Neuenkirchen": "Neuenkirchen", "Badbergen": "Badbergen", "Menslage": "Menslage", "Nortrup": "Nortrup",
    "Alfhausen": "Alfhausen", "Ankum": "Ankum", "Eggermühlen": "Eggermühlen", "Gehrde": "Gehrde",
    "Kettenkamp": "Kettenkamp", "Rieste": "Rieste", "Berge": "Berge", "Bippen": "Bippen", "Merzen": "Merzen",
    "Voltlage": "Voltlage", "Belm": "Belm", "Bissendorf": "Bissendorf", "Hagen a.T.W.": "Hagen a.T.W.",
    "Hagen am Teutoburger Wald": "Hagen a.T.W.", "Hasbergen": "Hasbergen", "Wallenhorst": "Wallenhorst",
    "Bad Iburg": "Bad Iburg", "Bad Laer": "Bad Laer", "Bad Rothenfelde": "Bad Rothenfelde",
    "Dissen a.T.W.": "Dissen a.T.W.", "Dissen am Teutoburger Wald": "Dissen a.T.W.", "Dissen": "Dissen a.T.W.",
    "Glandorf": "Glandorf", "Hilter a.T.W.": "Hilter a.T.W.", "Hilter am Teutoburger Wald": "Hilter a.T.W.",
    "Hilter": "Hilter a.T.W.", "Bad Essen": "Bad Essen", "Bohmte": "Bohmte", "Ostercappeln": "Ostercappeln",
}
# Member towns of the Samtgemeinden (for finding the LEADER region).
SAMTGEMEINDE_OF: dict[str, str] = {
    **{t: "Samtgemeinde Artland" for t in ("Quakenbrück", "Badbergen", "Menslage", "Nortrup")},
    **{t: "Samtgemeinde Bersenbrück" for t in ("Bersenbrück", "Alfhausen", "Ankum", "Eggermühlen", "Gehrde", "Kettenkamp", "Rieste")},
    **{t: "Samtgemeinde Fürstenau" for t in ("Fürstenau", "Berge", "Bippen")},
    **{t: "Samtgemeinde Neuenkirchen" for t in ("Neuenkirchen", "Merzen", "Voltlage")},
}


def _first_marker(text: str) -> str | None:
    """The applicant type whose marker comes first; markers about partners count only if nothing else is found."""
    lowered = text.lower()
    best: tuple[int, int, str] | None = None  # (rank, position, type): rank 0 = self-description, 1 = plain, 2 = partner
    for kind, pattern in _APPLICANT_MARKERS.items():
        for match in re.finditer(pattern, lowered):
            before = lowered[max(0, match.start() - 40): match.start()]
            rank = 0 if _SELF_CONTEXT.search(before) else 2 if _PARTNER_CONTEXT.search(before) else 1
            candidate = (rank, match.start(), kind)
            if best is None or candidate < best:
                best = candidate
    return best[2] if best else None


def _company_size(text: str, knowledge: FundingKnowledge) -> str | None:
    """The size by the largest headcount in the text (limits from the rules), else by words such as „Konzern“."""
    counts = [int(re.sub(r"\D", "", m.group(1))) for m in _HEADCOUNT.finditer(text)]
    if counts:
        return knowledge.company_size(max(counts))
    lowered = text.lower()
    for size, pattern in _SIZE_WORDS:
        if re.search(pattern, lowered):
            return size
    return None


def _already_started(text: str) -> bool | None:
    if re.search(r"noch\s+nicht\s+(begonnen|angefangen|gestartet|bestellt|beauftragt|vergeben)|noch\s+(nichts|keine)", text, re.I):
        return False
    if _STARTED.search(text):
        return True
    if _NOT_STARTED.search(text):
        return False
    return None


def _excluded_sector(text: str, sectors: Sequence[ExcludedSector]) -> tuple[str, str] | None:
    """(code, label) of the first excluded sector whose keyword stands in the text as a word (with inflection),
    unless the text also names what the sector's exception admits (gastronomy together with lodging, Nr. 2.7.1)."""
    for sector in sectors:
        if sector.not_excluded_with and sector.not_excluded_with.matches(text):
            continue
        for keyword in sector.keywords:
            if re.search(rf"(?<![\wÄÖÜäöüß-]){re.escape(keyword)}(e|en|n|s|es|er|ern)?(?![\wÄÖÜäöüß])", text, re.IGNORECASE):
                return sector.code, sector.label
    return None


def _sector_word(text: str) -> str | None:
    lowered = text.lower()
    hits = [(m.start(), label) for pattern, label in _SECTOR_WORDS.items() if (m := re.search(pattern, lowered))]
    return min(hits)[1] if hits else None


def _municipality(text: str) -> str | None:
    hits = []
    for name, canonical in MUNICIPALITIES.items():
        match = re.search(rf"(?<![\wÄÖÜäöüß]){re.escape(name)}(?![\wÄÖÜäöüß])", text)
        if match:
            hits.append((match.start(), -len(name), canonical))
    return min(hits)[2] if hits else None


def _project_types(text: str, applicant_type: str | None) -> list[str]:
    lowered = text.lower()
    found = [kind for kind, pattern in PROJECT_TYPE_PATTERNS.items() if re.search(pattern, lowered)]
    if applicant_type in ("municipality", "association", "research"):
        found = [kind for kind in found if kind not in _COMPANY_ONLY_TYPES]
    if "revitalisation" in found and "industrial_site" not in found and re.search(r"gewerbe|industrie", lowered):
        found.append("industrial_site")
    return found


def _extract_one(text: str, knowledge: FundingKnowledge) -> ProjectProfile:
    applicant = _first_marker(text)
    excluded = _excluded_sector(text, knowledge.excluded_sectors) if applicant in ("company", None) else None
    if excluded and applicant is None:
        applicant = "company"
    return ProjectProfile(
        applicant_type=applicant,
        company_size=_company_size(text, knowledge) if applicant in ("company", None) else None,
        sector=excluded[1] if excluded else _sector_word(text),
        excluded_sector=excluded[0] if excluded else None,
        project_types=_project_types(text, applicant),
        already_started=_already_started(text),
        municipality=_municipality(text),
        description=text,
    )


def _validated(structured: dict) -> dict:
    known = {f.name for f in fields(ProjectProfile)}
    unknown = set(structured) - known
    if unknown:
        raise ValueError(f"Unbekannte Angaben zum Vorhaben: {', '.join(sorted(unknown))}.")
    if structured.get("applicant_type") not in (None, *APPLICANT_TYPES):
        raise ValueError(f"Unbekannte Art der Antragstellenden: „{structured['applicant_type']}“.")
    if structured.get("company_size") not in (None, *COMPANY_SIZES):
        raise ValueError(f"Unbekannte Unternehmensgröße: „{structured['company_size']}“.")
    return structured


def extract_profile(text: str, history: list[dict] | None = None, structured: dict | None = None, *,
                    knowledge: FundingKnowledge) -> ProjectProfile:
    """Facts from earlier user turns, then from `text` (later statements win), then explicit `structured` fields;
    excluded sectors and company-size limits are those of `knowledge` (the rules the caller answers with)."""
    turns = [t.get("content", "") for t in history or [] if t.get("role") == "user" and t.get("content")]
    profile = ProjectProfile(description=text or "")
    project_types: list[str] = []
    for turn in [*turns, text or ""]:
        found = _extract_one(turn, knowledge)
        for name in ("applicant_type", "company_size", "sector", "excluded_sector", "already_started", "municipality"):
            value = getattr(found, name)
            if value is not None:
                setattr(profile, name, value)
        if found.excluded_sector is None and found.sector is not None:
            profile.excluded_sector = None  # a later, non-excluded main activity replaces an earlier one
        project_types = found.project_types + [p for p in project_types if p not in found.project_types]
    if profile.applicant_type not in ("company", None):
        project_types = [p for p in project_types if p not in _COMPANY_ONLY_TYPES]
        profile.company_size = None
    profile.project_types = project_types
    for name, value in _validated(dict(structured or {})).items():
        setattr(profile, name, list(value) if name == "project_types" else value)
    return profile
