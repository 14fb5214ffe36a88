"""Read the facts that decide a funding path from a German question or project description.

Deterministic rules only (a trade lexicon, word lists and regular expressions); no model. Explicit structured fields
override what is read from the text; earlier user turns of a conversation contribute facts, and the latest statement
wins.

Every regular expression over user text here runs in linear time: quantifiers are bounded, and no repetition is nested
inside an unbounded one (tests/assistant/funding/test_profile.py feeds 20,000 characters of digits, spaces, umlauts and
punctuation). The trade lexicon (assistant/knowledge/trades.yaml) is matched word by word without regular expressions.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field, fields
from typing import get_args

from assistant.funding.knowledge import CompanySize, FundingKnowledge, Trade, TradeLexicon, denied, wz_title, wz_within
from assistant.text.analysis import stems

APPLICANT_TYPES = ("company", "municipality", "association", "research", "private")
COMPANY_SIZES: tuple[str, ...] = get_args(CompanySize)  # ("small", "medium", "large")


@dataclass
class ProjectProfile:
    applicant_type: str | None = None  # company | municipality | association | research
    company_size: str | None = None  # small | medium | large
    sector: str | None = None  # the trade as named, e.g. "Metallbau" (trades.yaml), or a sector given by the caller
    excluded_sector: str | None = None  # code of the excluded_sectors line that excludes it ("H", "I 56", ...)
    project_types: list[str] = field(default_factory=list)  # vocabulary of funding_paths.yaml
    already_started: bool | None = None
    # a contract or order signed with a right to withdraw or under the reserve of the grant: whether that is the start,
    # the KR does not say, so it is not asked again (the rule answer `angebote-und-vorbehalt` says so)
    start_reserved: bool | None = None
    municipality: str | None = None  # canonical name in the Landkreis Osnabrück (the first one named)
    description: str = ""
    observer: bool = False  # the asker writes or studies about the subject (a journalist, a thesis), no applicant
    employees: int | None = None  # headcount as given
    turnover_eur: float | None = None  # annual turnover as given
    balance_sheet_eur: float | None = None  # balance sheet total as given
    investment_eur: float | None = None  # the (eligible) cost sum the user gives
    municipalities: list[str] = field(default_factory=list)  # every municipality named, in order
    wz_code: str | None = None  # WZ 2025 code of the main activity (trades.yaml)
    wz_title: str | None = None  # its title in WZ 2025
    wz_alternatives: list[str] = field(default_factory=list)  # other codes the trade name often means
    university_or_society: bool | None = None  # part of a Hochschule or a publicly funded research society
    # more than 20 % of a research body's budget is public institutional funding (KR Nr. 3.2.2.8 (2) c), as stated
    base_funding_over_limit: bool | None = None
    users_excluded: bool | None = None  # a municipal site or centre meant only for businesses of excluded sectors
    # the businesses named by trade as its users are of excluded sectors, and others are to use it too ("anfangs v. a.
    # eine Spedition, später weitere Betriebe"): whether it serves mainly non-excluded ones is open
    users_in_part_excluded: bool | None = None
    tailored_to_one: bool | None = None  # a site developed for one firm named in advance (KR Nr. 3.2.1.11 (3))
    # the measure is said to be needed because one firm wants something ("muss erweitert werden, weil … ein
    # Lebensmittelbetrieb deutlich mehr Abwasser einleiten will"): whether it serves that firm alone is open
    one_firm_reason: bool | None = None
    # a public facility used mostly by locals, schools or clubs rather than tourists (KR Nr. 3.2.2.5 (1): tourism
    # infrastructure must serve tourism mostly and be used by tourists)
    mostly_local_use: bool | None = None
    cost_items: list[str] = field(default_factory=list)  # cost items the latest question names (funding_paths.yaml)
    in_difficulty: bool | None = None  # insolvency proceedings or financial difficulty (KR Nr. 1.5 (6))
    # The asker would start the works before applying ("Reicht es, den Antrag nach der Bestellung zu stellen?").
    starts_before_application: bool | None = None
    # The headcount given is the one expected when the grant is made ("wenn wir bis zur Bewilligung auf 55 Leute
    # gewachsen sind"): the time that decides the size and the rate (KR Nr. 1.5 (3)).
    size_at_grant: bool | None = None
    # The sums of a list of the investment's parts ("Halle 1,6 Mio, neue Maschinen 700k, 2 Firmen-Lkw 240k"), each with
    # the words that name it; empty where the text names one sum
    cost_parts: list[tuple[str, float]] = field(default_factory=list)
    # The business processes or markets agricultural products (KR Nr. 2.7.2 (1)): by its trade (a dairy, a
    # slaughterhouse), or as the text says it ("wir verarbeiten Kartoffeln von Bauern zu Pommes").
    agri_processing: bool | None = None
    # A wage-cost grant (KR Nr. 2.6.3) is asked about; with the jobs the investment creates and their yearly wage costs
    # (per job, or for all of them) where the text gives them ("8 neue Arbeitsplätze, je 55.000 Euro im Jahr").
    wage_costs: bool | None = None
    new_jobs: int | None = None
    wage_per_job_eur: float | None = None
    wage_total_eur: float | None = None
    # The share of turnover made with the business's own lodging guests, where the text states it ("übernachtungsgäste
    # machen vllt 15%"): gastronomy with lodging is eligible only from a share the list of KR Nr. 2.7.1 sets
    lodging_share_percent: float | None = None
    # The share is said of the guests ("Übernachtungsgäste machen 15 %"), not of the rooms ("die Zimmer bringen 24 %")
    # or left as the rest of the restaurant's: only the guests' share holds what they spend in the restaurant too
    lodging_share_of_guests: bool | None = None
    # The sum for an electricity storage, which has a lower rate than the plant that charges it (KR Nr. 2.4.3.3):
    # a part of the whole ("zusammen ~900k, davon Speicher 250k") or one of the listed parts ("PV 900k, Speicher 300k")
    storage_eur: float | None = None
    # The sizes the company may have where the headcount and one money figure leave it open (35 employees, 18 Mio €
    # turnover, no balance sheet total: small or medium, KR Nr. 2.1.5); company_size is then None
    size_between: list[str] = field(default_factory=list)
    # the headcount in full-time posts, where the text counts its part-time staff with their hours (KR Fn. 11)
    work_units: float | None = None
    # The company belongs to a group or has a holding in it ("gehört zu 40 % einer Holding", "Tochter eines
    # Konzerns"): partner and linked enterprises count in for its size (KR Nr. 2.1.5 (4), Anhang I AGVO)
    linked_enterprise: bool | None = None
    # The staff of another firm of the group, named with its own headcount ("die Holding hat noch einen
    # Fensterbaubetrieb mit 240 Leuten"): not the asker's headcount, but counted in with it (Nr. 2.1.5 (4))
    linked_employees: int | None = None
    # The asker's own figures for a cost item a rule limits (funding_paths.yaml cost_items with `sum_words` or
    # `acquired`): its sum ("davon 1 Mio für den Grundstückskauf") and when it was or will be acquired, as "2025-03-14",
    # "2025-03" or "2025" ("Das Grundstück haben wir im März 2025 gekauft").
    item_sums: dict[str, float] = field(default_factory=dict)
    item_dates: dict[str, str] = field(default_factory=dict)
    # the items whose date holds for a part only ("einen Teil der Flächen haben wir im März 2025 gekauft, den Rest …")
    items_in_part: list[str] = field(default_factory=list)
    # The turn that gave `investment_eur` says the sum holds other costs or is the whole ("ca. 3 Mio inkl. Grundstück",
    # "Gesamtkosten 8 Mio"): an item's sum said then or later is part of it (True); an item named with its own sum comes
    # on top of it ("und wenn das Nachbargrundstück für ca 250k dazukommt?": False)
    sum_holds_items: bool | None = None
    # A sum said with its VAT ("2 mio brutto", "750.000 inkl. mwst"): a grant computed from it is more than one from
    # the net costs (None: the turn gave no sum)
    sum_with_vat: bool | None = None
    # A Betriebsaufspaltung: one company owns the site, another runs the business there ("Grundstück und Halle gehören
    # einer Besitz-GbR, die Betriebs-GmbH mietet das"): both apply together (KR Nr. 2.2.2 (1))
    split_company: bool | None = None
    # The works began for a part of the project only: the clause saying so names what was ordered or begun, and the
    # text names a further thing it does not ("die Öfen hab ich schon bestellt … und wollen PV aufs Dach"). The begun
    # part cannot be funded (KR Nr. 2.2.1); the rules read the rest as not begun, which the NBank may take as a project
    # of its own.
    started_in_part: bool | None = None
    # The share of an infrastructure's use that falls to businesses, as the asker gives it ("die Betriebe machen ca
    # 70 % der Schmutzfracht", "Gewerbeanteil 60 %"): a rule that funds that share (KR Nr. 3.2.2.3 (3)) is computed on it
    commercial_share_percent: float | None = None
    # The share of a firm's building it lets to others, as the asker gives it ("70 % nutzen wir selbst, 30 % vermieten
    # wir an eine Spedition", "die Hälfte vermieten wir"): letting is no activity the GRW funds (KR Nr. 2.7.1 M), so a
    # firm's grant is computed on the rest
    let_share_percent: float | None = None
    # The share of the building the owners live in or use privately ("oben drin die Wohnung für uns als Familie (ca. 20 %
    # der Fläche)"): no business asset of the Betriebsstätte, so a firm's grant is computed on the rest
    private_share_percent: float | None = None
    # Aid from another programme that the project already gets or has been granted, as a share of its costs ("wir
    # kriegen schon 15 % aus einem anderen Förderprogramm", "30 % vom Land sind bewilligt"): the ceiling holds for both
    # together (KR Nr. 2.5.3), so a grant is what is left of the rate
    other_aid_percent: float | None = None
    # the same as a sum ("für den spielplatz haben wir schon 60.000 € LEADER bewilligt"); a loan's sum is no such aid
    # (its value is the interest saved, Nr. 2.5.6)
    other_aid_eur: float | None = None
    # codes of lines of the business the text names beside an excluded main activity that its line of Nr. 2.7.1
    # excepts (38.21 beside 38.11): which one the site mainly does is open, though the exception is the line's own
    named_lines: list[str] = field(default_factory=list)
    # the share of the business the text gives the trade read as the main one, where it gives it that alone ("ca 40 %
    # vom Umsatz ist Karosseriebau"): under half, a trade named before stays the main activity
    sector_share_percent: float | None = None
    # The text says a grant was already received and asks what follows from it (paying back, binding, selling, jobs
    # lost): the project it names is the funded one, no new project (KR Nr. 2.2.6, 2.8)
    grant_received: bool | None = None
    # The firm's average yearly depreciation of the last years ("Abschreibungen im Schnitt ca. 800k"), and the years
    # its investment is spread over ("1,5 Mio über 2 Jahre"): what the regional effect of KR Nr. 2.3 (2) a measures
    depreciation_eur: float | None = None
    investment_years: int | None = None
    # The permanent jobs the project secures, as the asker counts them ("90 bestehende Stellen, die werden durch die
    # Linie auch gesichert"): KR Nr. 2.6.2 (4) limits the eligible costs per job created or per job secured
    secured_jobs: int | None = None

    @property
    def started_or_would_start(self) -> bool | None:
        """Whether the works began, or would begin, before the application (KR Nr. 2.2.1): True if either is said."""
        if self.already_started or self.starts_before_application:
            return True
        return self.already_started

    @property
    def several_municipalities(self) -> bool:
        """Whether the text names two or more municipalities of the Landkreis (a joint measure, KR Nr. 3.2.1.1 a)."""
        return len(set(self.municipalities)) >= 2

    @property
    def facts_given(self) -> bool:
        """Whether the asker gave a fact that a funding rule decides on (who applies, what, how big, started, which
        cost item)."""
        return bool(self.applicant_type or self.project_types or self.company_size or self.cost_items
                    or self.started_or_would_start or self.in_difficulty)


# -- the text, once ----------------------------------------------------------------------------------------------------
_WORD = re.compile(r"[^\W_][\w&+\-]{0,59}")  # a word of at most 60 characters (longer runs become several words)


@dataclass
class _Word:
    text: str  # lower case
    start: int  # position in the text
    capitalised: bool


def _words(text: str) -> list[_Word]:
    return [_Word(m.group().lower(), m.start(), m.group()[:1].isupper()) for m in _WORD.finditer(text)]


# -- applicant ------------------------------------------------------------------------------------------------------
# Markers per applicant type; the earliest marker that is not about a partner ("mit der Hochschule") decides. Every
# alternative is a literal word or a bounded pattern.
_APPLICANT_MARKERS: dict[str, re.Pattern[str]] = {kind: re.compile(pattern) for kind, pattern in {
    "municipality": r"gemeinde|samtgemeinde|kommune|(?<![a-zäöüß])stadt\b(?!\s{1,3}und\s{1,3}landkreis|\))"
                    r"|stadtverwaltung"
                    r"|(?<!im )(?<!in )(?<!dem )(?<!den )(?<!im südlichen )(?<!im nördlichen )(?<!\()(?<!vom )"
                    r"landkreis\b(?!\s{1,3}osnabrück\s{1,3}(als|ist))"
                    r"|zweckverband|wirtschaftsförderung|bürgermeister|gemeinderat|\bkreis\b"
                    # a municipality's climate protection management (its Klimaschutzmanager, -managerin)
                    r"|klimaschutzmanage\w{0,6}"
                    # (not where a place lies, "Lohne (Landkreis Vechta)", "im Hafen (Stadt)", nor who gives: "Geld vom
                    # Landkreis", nor where one moves to: "für den Umzug in den Landkreis")
                    # a spa town speaking for itself, the public body that runs a school
                    r"|(?<!im )(?<!in )(?<!dem )kurort\b|kurverwaltung|schulträger|berufsbildende\w{0,2}\s{1,3}schule|\bbbs\b"
                    # who speaks of "our" estate or changes a land-use plan is the municipality
                    r"|unser\w{0,2}\s{1,3}([a-zäöüß]{2,15}\s{1,3})?(gewerbe|industrie)gebiet\w{0,2}|b-plan|bebauungsplan"
                    # who develops land for businesses ("wir würden die Fläche genau für die erschließen"): under the
                    # BauGB (§ 123) the municipality's task
                    # (the words between within the sentence: "wir wollen in Hasbergen ein neues Gewerbegebiet (ca.
                    # 12 ha) erschließen")
                    r"|\bwir\s{1,3}(würden|wollen|werden|möchten|planen|müssten|sollen|könnten)?\s{0,3}"
                    r"((?:[^\s!?]{0,19}[^\s.!?]|\(?ca\.)\s{1,3}){0,10}erschließen\b"
                    # what only a municipality calls its own: "unseren Kurpark", "unser Freibad", "unsere Kläranlage"
                    r"|unser\w{0,2}\s{1,3}(kurpark|kurhaus|freibad|hallenbad|kläranlage|rathaus|stadthalle|bauhof"
                    r"|gemeindegebiet|stadtgebiet|ortskern|ortsmitte|feuerwehr)"
                    # its offices and bodies, its abbreviation, and what only municipalities do together
                    r"|\bsg\b|bauamt|kämmerei|ordnungsamt|stadtbauamt|fachbereich\s{1,3}(planen|planung|bauen|wirtschaft)"
                    r"|\bortsrat|kreistag|stadtrat|ratsbeschluss|interkommunal"
                    # the other bodies of a municipality or a district under the NKomVG (Kreisausschuss, Hauptausschuss)
                    r"|kreisausschuss|hauptausschuss|verwaltungsausschuss|kreisverwaltung"
                    # the house the asker writes from ("Kurze Frage aus dem Kreishaus: wir planen …")
                    r"|\baus\s{1,3}(dem\s{1,3}|unserem\s{1,3})?(kreishaus|rathaus)\b"
                    # what only a public administration offers its citizens ("die Digitalisierung unserer Verwaltung
                    # (E-Akte, Bürgerportal)")
                    r"|bürgerportal|bürgerbüro|bürgerservice|\bozg\b|onlinezugangsgesetz"
                    # who implements the district's own concept is the district ("für die IREK-Umsetzung …")
                    r"|irek-umsetzung|umsetzung\s{1,3}(des|vom|unseres)\s{1,3}irek",
    "association": r"verein\b|vereins|e\.\s?v\.|förderverein|stiftung|gemeinnützig|bürgerinitiative|dorfgemeinschaft"
                   r"|handwerkskammer|\bihk\b|\bhwk\b|\bkammer\b|\binnung|heimatverein|sportverein|\bggmbh\b"
                   # an association of members ("uns als Verband", Tourismusverband, Bauernverband), not the public
                   # bodies named so (Zweckverband, Gemeindeverband, Wasser- and Landschaftsverband)
                   r"|(?<!zweck)(?<!gemeinde)(?<!wasser)(?<!landschafts)(?<!unterhaltungs)verband\b|\bverbände\b"
                   # the bodies of the crafts that run training across firms (KR Nr. 3.2.2.6 (2): Kammern, Innungen)
                   r"|kreishandwerkerschaft|unser\w{0,2}\s{1,3}überbetriebliche\w{0,2}\s{1,3}\w{0,20}(ausbildungs|bildungs)",
    # a private person, as they say so or name their own home ("auf mein Einfamilienhaus PV"): a private household,
    # which the list of excluded sectors names (KR Nr. 2.7.1, U)
    "private": r"\b(bin|sind)\s{1,3}(hier\s{1,3}|nur\s{1,3}|als\s{1,3})?privat(person\w{0,2}|leute|mann)?\b"
               r"(?!\s{1,3}(versichert|krankenversichert))|\bals\s{1,3}privat(person|mann|frau|leute)\b|\bprivatperson"
               r"|\bprivathaushalt|\b(mein|meine|meinem|meinen|unser|unsere|unserem|unseren)\s{1,3}(privat\w{0,3}\s{1,3})?"
               r"(einfamilienhaus|eigenheim|wohnhaus|privathaus|reihenhaus|doppelhaushälfte|eigentumswohnung)\w{0,2}\b",
    "research": r"hochschule|universität|\buni\b|fachhochschule|institut(e|s|en)?\b|forschungseinrichtung|forschungszentrum\b"
                r"|fraunhofer|forschungs-?gmbh|forschungsgesellschaft",
    "company": r"unternehmen|firma|betrieb\b|betriebs|\bgmbh\b|\bag\b|\bkg\b|mitarbeit|beschäftigte|angestellte"
               r"|\d{1,6}\s{1,3}(neue\s{1,3})?leute|\d{1,6}\s{1,3}ma\b|hersteller|zulieferer|[a-zäöüß]{1,30}bauer\b|[a-zäöüß]{1,30}verarbeiter\b"
               # (a word that ends in a hyphen is the first part of a compound: "Gründer- und Innovationszentrum")
               r"|konzern|\bkmu\b|mittelständler|handwerksbetrieb|\bwerkstatt\b|start-?up\b|gründer(in)?\b(?!-)"
               # (a firm's plant: "wir haben noch ein zweitwerk im landkreis harz")
               r"|\b(zweit|zweig)?werk(e|s)?\b"
               r"|(neu|existenz|firmen|unternehmens)gründung"
               # what only a firm states of itself: its capital and accounts
               r"|eigenkapital|stammkapital|bilanzsumme|jahresabschl\w{0,4}"
               # (not a body's legal standing: "ein gemeinnütziges, rechtlich selbständiges Institut")
               r"|unternehmer(in)?\b|händler|praxis\b|agentur|(?<!lern)(?<!modell)fabrik\b|\bwerk\b|(?<!rechtlich\s)selbs?tständig|inhaber",
}.items()}
# A company owned by a municipality, as it names itself
_MUNICIPAL_COMPANY = re.compile(r"\b(100|hundert)\s{0,2}(%|prozent)\s{1,3}(städtisch|kommunal"
                                r"|(der\s{1,3})?(stadt|gemeinde|samtgemeinde|kommune|landkreis))"
                                # also as a compound's head: "städtische Entwicklungsgesellschaft"
                                r"|\bstädtische[nrs]?\s{1,3}[a-zäöüß]{0,20}(gesellschaft|tochter\w{0,12}|gmbh|betrieb\w{0,2})"
                                r"|\bkommunale[nrs]?\s{1,3}[a-zäöüß]{0,20}(gesellschaft|tochter\w{0,12}|gmbh|unternehmen"
                                r"|betrieb\w{0,2})"
                                # ("unsere gemeindliche Bäder-GmbH", "die kreiseigene Wirtschaftsförderungsgesellschaft")
                                r"|\b(gemeindlich|stadteigen|gemeindeeigen|kreiseigen)e[nrs]?\s{1,3}[a-zäöüß-]{0,20}"
                                r"(gesellschaft|tochter\w{0,12}|gmbh|unternehmen|betrieb\w{0,2})"
                                r"|\b(stadt|gemeinde)werke\b|\beigenbetrieb\w{0,2}\b|\bkurbetrieb\w{0,12}")
# A firm that wants to settle with the asker ("Ein Lebensmittelbetrieb will sich bei uns ansiedeln"): the asker's
# prospect, not the asker
_SETTLES = re.compile(r"(?:[^.!?]|\.(?=\s?\d)){0,40}\bsich\b[^.!?]{0,40}\b(ansiedeln|anzusiedeln|ansiedelt|niederlassen|niederzulassen"
                      r"|niederlässt)\b")
# A part added to what the asker has ("(die zimmer renovieren und) ne sauna anbauen", "eine Bäckerei einbauen"): the
# project's object, not the asker's trade (a new one the asker will run is built, "ein Hotel bauen")
_ADDED_PART = re.compile(r"\s{1,3}((an|ein|dazu)bauen|(an|ein|dazu)zubauen|(an|ein|dazu)gebaut|ergänzen)\b", re.IGNORECASE)
# A firm that wants part of the land the asker develops: "(ein großer logistiker) will 8 ha davon", "… möchte 3 Hektar
# der Fläche kaufen"
_TAKES_PART_OF_SITE = re.compile(r"\s{1,3}(will|möchte|würde|wollen|möchten|würden)\s{1,3}(gern\s{1,3}|gerne\s{1,3})?"
                                 r"(\S{1,20}\s{1,3}){0,2}?(\d{1,3}([.,]\d{1,2})?\s{0,2}(ha|hektar)\b|davon\b"
                                 r"|(einen\s{1,3})?teil\s{1,3}(davon|der|des)\b|(der|die)\s{1,3}(fläche|flächen|grundstücke)\b)",
                                 re.IGNORECASE)
# A person named with their organisation ("nen kollege aus der innung", "ein Berater von der IHK")
_PERSON_OF = re.compile(r"\b(kollege|kollegin|bekannte[rn]?|berater\w{0,2}|freund\w{0,2}|nachbar\w{0,2}|jemand"
                        r"|mitarbeiter\w{0,2}|sachbearbeiter\w{0,2}|herr|frau|ansprechpartner\w{0,2})\s{1,3}(aus|von|bei)"
                        r"\s{1,3}((der|dem|den|einer|einem|unserer|unserem)\s{1,3})?$", re.IGNORECASE)
# A prospect named before its trade ("Ein Interessent wäre übrigens ein Stahlverarbeiter", "als Pächter ist eine
# Bäckerei im Gespräch"): who would buy, rent or run the asker's site or building
# (not an investor: "Ein privater Investor will bei uns ein Hotel bauen" names the investment's own business)
_PROSPECT_BEFORE = re.compile(r"\b(\w{0,12}interessent\w{0,3}|mieter\w{0,2}|pächter\w{0,2}|käufer\w{0,2})\b[^.!?]{0,45}$",
                              re.IGNORECASE)
# Another party that opens its own sentence with what it wants: "Ein großer Lebensmittelkonzern aus der Nachbarschaft
# will die Hälfte der Fläche mieten", "Eine Firma würde gern …" (the asker does not speak of themselves so)
_THIRD_PARTY_BEFORE = re.compile(r"(^\s{0,3}|[.!?:;]\s{0,3})((und|aber|auch|dann|zudem)\s{1,3})?(ein|eine)\s{1,3}"
                                 r"(\S{1,30}\s{1,3}){0,2}\S{0,30}$")
_THIRD_PARTY_WANTS = re.compile(r"\S{0,30}(\s{1,3}\S{1,30}){0,5}?\s{1,3}(will|möchte|würde|wollen|möchten|würden|plant|"
                                r"soll)\b")
# Words that open a clause of reason or condition: a firm named right after them is why the asker acts, not the asker
_BECAUSE = {"weil", "da", "denn", "damit", "wenn", "falls", "sonst"}
# Firms counted ("3 KMU", "mehrere Unternehmen", "drei regionale KMU"): several partners, not the one who asks
_SEVERAL_BEFORE = re.compile(r"\b([2-9]|\d{2,3}|zwei|drei|vier|fünf|sechs|sieben|acht|neun|zehn|mehrere[n]?|einige[n]?"
                             r"|viele[n]?)\s{1,3}([a-zäöüß-]{2,20}\s{1,3})?$")
# Right after a firm named with an indefinite article, the asker's place: "eine Spedition bei uns", "ein Betrieb hier
# im Ort" (a firm the asker hosts)
_AT_THE_ASKERS = re.compile(r"\s{1,3}(hier\s{1,3})?(bei\s{1,3}uns|in\s{1,3}unserem\s{1,3}(ort|gewerbegebiet|gebiet)|hier\s{1,3}im\s{1,3}ort)\b",
                            re.IGNORECASE)
# A place one goes to, not a party: "umziehen nach Osnabrück Stadt", "Richtung Stadt"
_DESTINATION_BEFORE = re.compile(r"\b(nach|richtung)\s{1,3}(\S{1,30}\s{1,3})?$")
# What kind of GRW area a district or town is (KR Anhang 5: "wo steht, dass der Landkreis D-Gebiet ist", "ob der Kreis
# ganz Fördergebiet ist"): said of a place, not of the asker
_AREA_KIND_AFTER = re.compile(r"(\s{1,3}[^\s.?!,;]{1,25}){0,3}?\s{1,3}(ein|eine|im|in|als|zum)?\s{0,3}"
                              r"([a-d]-?\s{0,2}(förder)?|förder|regionalförder)gebiet\w{0,2}\b")
# A body asked about as the place to apply ("landkreis? ihk?", "beim landkreis oder beim land?"): a bare name, or one
# after "bei"/"an", that a question mark or "oder" closes; not the asker
_OFFICE_ASKED_BEFORE = re.compile(r"(^|\b(bei|beim|bei\s{1,3}der|bei\s{1,3}dem|an\s{1,3}den|an\s{1,3}die"
                                  r"|an\s{1,3}das|zum|zur))\s{0,3}$")
_OFFICE_ASKED_AFTER = re.compile(r"\s{0,3}(\?|oder\b)")


def _office_asked(text: str, start: int, end: int) -> bool:
    """Whether the name at `start`:`end` is a body asked about as the place to apply (`_OFFICE_ASKED_BEFORE`)."""
    before = text[max(0, start - 40): start].lower()
    before = before[max((m.end() for m in _SENTENCE_END.finditer(before)), default=0):]
    return bool(_OFFICE_ASKED_BEFORE.search(before) and _OFFICE_ASKED_AFTER.match(text, end))


# (names in brackets after the partner: "an Handwerksbetriebe (Dachdecker, …)")
_PARTNER_CONTEXT = re.compile(r"(mit|an|von|bei|für)\s{1,3}(der|dem|den|die|das|einer|einem|einen|unserer|unserem|eine|ein"
                              # (or a count of them: "mit drei landtechnik-kmu", "mit 2 firmen")
                              r"|zwei|drei|vier|fünf|sechs|mehreren|einigen|\d{1,2})?\s{0,3}\S{0,30}\s{0,3}\(?$")
# The body named as who is to run what the asker builds: "betreiben soll ihn die Museums-GmbH", "Betreiber wäre eine
# GmbH", "betrieben von einem Verein": an operator, not the asker
_OPERATOR_CONTEXT = re.compile(r"(\b(betreiben|betreibt|führen|führt|bewirtschaften|bewirtschaftet)\s{1,3}(soll|sollen|wird|werden"
                               r"|würde|würden|könnte|könnten)\s{1,3}(ihn|sie|es|das|den|die|dies)\s{1,3}"
                               r"|\bbetreiber\w{0,2}\s{1,3}(ist|wäre|wird|würde|soll|sind)\s{1,3}(dann\s{1,3})?"
                               r"|\b(betrieben|bewirtschaftet|geführt)\s{1,3}(von|durch)\s{1,3})"
                               r"(der|die|das|den|dem|eine|ein|einer|einem|einen|unsere[rmn]?)?\s{0,3}\S{0,30}$")
_OPERATOR_NAMED = re.compile(_OPERATOR_CONTEXT.pattern.removesuffix("$") + r"\b", re.IGNORECASE)
# (and the body named as the measure's Träger: "Träger wäre die Kreishandwerkerschaft", "Antragsteller ist die Stadt")
_SELF_CONTEXT = re.compile(r"\b(wir sind|ich bin|ich habe|wir haben|unser|unsere|unserem|unseren|unserer|als|betreiben|führen"
                           r"|(träger|antragsteller\w{0,2})\s{1,3}(wäre|ist|sind|wird|würde|soll)(\s{1,3}(dann|hier))?)"
                           # (a legal form in brackets after the name: "wir sind ein kita-träger (e.v.)")
                           r"\s{1,3}(ein|eine|einen|einem|der|die|das)?\s{0,3}\S{0,30}\s{0,3}\(?$")
# The share of public institutional funding a research body states: "Grundfinanzierung vom Land ca. 35 %", "zu 60 %
# grundfinanziert"
_BASE_FUNDING = re.compile(r"(?:grundfinanzierung|grundförderung|institutionelle\w{0,2}\s{1,3}förderung|grundfinanziert)"
                           r"[^;!?%]{0,50}?(\d{1,3}(?:,\d)?)\s{0,2}(?:%|prozent)"
                           r"|(\d{1,3}(?:,\d)?)\s{0,2}(?:%|prozent)[^;!?%]{0,30}?(?:grundfinanzierung|grundförderung"
                           r"|institutionelle\w{0,2}\s{1,3}förderung|grundfinanziert)")
_UNIVERSITY = re.compile(r"hochschul\w{0,12}|universität|\buni\b|fachhochschule|\b(hs|fh)\b|fraunhofer|max-planck"
                         r"|helmholtz|leibniz")
# a body that says it is not part of one: "nicht Teil einer Hochschule", "keine Hochschule", "unabhängig von der Uni"
_NOT_PART_OF = re.compile(r"\b(nicht|kein)\w{0,2}\s{1,3}(\w{1,12}\s{1,3}){0,2}(teil|bestandteil|einrichtung)?\s{0,3}"
                          r"(einer|eine[rs]?|der|von|an)?\s{0,3}$|unabhängig\s{1,3}(von|vo[nm])\s{1,3}(der|einer)?\s{0,3}$")
# a unit of a university says it belongs to it: "Institut an der HS Osnabrück", "Lehrstuhl der Universität"
_PART_OF = re.compile(r"(institut|lehrstuhl|fachbereich|fakultät|fachgebiet|labor|arbeitsgruppe|forschungsgruppe|zentrum)"
                      r"\w{0,3}\s{1,3}(an|der|an\s{1,3}der|am)\s{1,3}(der\s{1,3})?$")

# -- trades: context of a hit (the words before it) --------------------------------------------------------------------
_SELF_WORDS = {"wir", "ich", "unser", "unsere", "unseren", "unserem", "unserer", "unseres", "als", "betreiben", "betreibe",
               "führen", "führe", "sind", "bin", "mein", "meine", "meinen", "meinem", "meiner"}
_PARTNER_WORDS = {"für", "mit", "von", "bei", "an", "beliefern", "beliefert", "kunden", "kunde", "partner", "wie", "vom", "zum",
                  "zur", "gegenüber", "neben", "zwischen", "andere", "anderen", "viele", "benachbarte", "benachbarten"}
# A firm founded for a business, right before its name: the asker's own ("GmbH gegründet für nen Solarpark")
_FOUNDED_FOR = re.compile(r"\b(gegründet|gründen|gründe|gründet)\s{1,3}für\s{1,3}(\w{1,6}\s{1,3})?$", re.IGNORECASE)
# Words of funding before "für": the trade after it is the one asked about, not a partner ("Zuschuss für Bäckereien")
_FUNDING_WORDS = ("förder", "grw", "zuschuss", "zuschüsse", "fördermittel", "gilt", "gelten", "gibt")
_OBJECT_WORDS = {"neue", "neuen", "neues", "neuer", "eigene", "eigenen", "eigenes"}
# A trade after an article and before one of these words is a party the asker commissions ("den Architekten beauftragt")
_ARTICLES = {"der", "die", "das", "den", "dem", "ein", "eine", "einen", "einem"}
_COMMISSIONED = {"beauftragt", "beauftragen", "beauftragte", "engagiert", "engagieren", "eingeschaltet", "einschalten",
                 "hinzugezogen", "hinzuziehen", "angefragt", "angefordert"}
# What only a contractor does for the asker: pushes for the order, lags behind, delays ("Der Bauunternehmer drängelt",
# "unser Bauunternehmen hängt schon jetzt hinterher"); not what a firm of the asker's does too ("liefert")
_CONTRACTOR_DOES = {"drängelt", "drängt", "hinterher", "verzögert", "verspätet", "verzug"}
# The asker as "ich" right before a trade named, in its clause ("darf ich als Steuerberaterin", "ich bin Steuerberater";
# not "wir", in which an adviser may write as the client)
_SAID_OF_SELF = re.compile(r"\bich\b[^.?!,;:()]{0,15}$", re.IGNORECASE)
# The words that hand over from an adviser to the client asked about (the client's facts follow them)
_PROXY = re.compile(r"\b(?:mein\w{0,2}|unser\w{0,2}|eine[nmr]?|de[nmr])?\s{0,3}(?:mandant\w{0,2}|mandantin|mitgliedsfirma|"
                    r"mitgliedsbetrieb\w{0,2}|mitgliedsunternehmen|klient\w{0,2})\b"
                    r"|\bberate\w?\b[^.:;!?]{0,40}?\b(?:einen|eine|ein)\b"
                    # "für ein Gespräch mit einem Stahlunternehmen bei uns": a firm the asker meets on its behalf
                    r"|\b(?:gespräch|beratungsgespräch|termin|treffen)\w{0,2}\s{1,3}mit\s{1,3}(?:einem|einer)\b"
                    # "Frage für einen Kunden: Spedition …", "mein Kunde ist ne Druckerei", "im Auftrag einer Firma"
                    # (one client: "für unsere Kunden produzieren wir" names the asker's customers)
                    r"|\bfür\s{1,3}(?:einen|eine|meinen|meine)\s{1,3}(?:kunden|kundin|auftraggeber\w{0,2})\b"
                    r"|\b(?:mein|meine)\s{1,3}(?:kunde|kundin|auftraggeber\w{0,2})\b|\bim\s{1,3}auftrag\s{1,3}(?:eines|einer)\b"
                    # "bin solarteur … ein kunde (kunststoffverarbeiter, 30 ma) will pv aufs hallendach"
                    r"|\b(?:ein|eine|unser|unsere)\s{1,3}(?:kunde|kundin)\b(?=\s{0,3}(?:\(|:|,|will\b|möchte\b|plant\b|fragt\b))"
                    # "IHK-Förderberatung: Kunde ist Maschinenbauer …", "unser Kunde wäre eine Spedition"
                    r"|\b(?:kunde|kundin|auftraggeber\w{0,2})\s{1,3}(?:ist|wäre|sind)\b"
                    # "Kunde von mir: Elektroinstallateur, 12 MA …"
                    r"|\b(?:kunde|kundin|mandant|mandantin|klient|klientin)\s{1,3}von\s{1,3}(?:mir|uns)\b"
                    # "Für eine Vorlage im Kreisausschuss: Können Großunternehmen …": staff writing a paper for a
                    # body about firms; who applies is who the question is about (not: "… was bringt das
                    # Umsetzungsbudget?", the district's own)
                    r"|\bfür\s{1,3}(?:eine|die|unsere|meine)\s{1,3}(?:beschluss|sitzungs|rats|kreistags|ausschuss)?vorlage\w{0,2}\b"
                    r"[^:.?!]{0,60}:(?=[^?]{0,80}\b(?:\w{0,12}unternehmen|firmen|betriebe|kmu|mittelständler)\b)",
                    re.IGNORECASE)
# A body that runs a business ("Unser Verein betreibt eine Jugendherberge", "als Genossenschaft führen wir den Laden")
_RUNS = re.compile(r"\b(betreib\w{0,3}|führ(e|en|t)|unterhält|unterhalten)\b", re.IGNORECASE)
# The first WZ division of public administration, education, health and social work, culture, sport and clubs (WZ
# sections O to S): a club that runs such a thing is no business applying as a firm
_PUBLIC_SERVICE_DIVISIONS = 84
# A trade that was, not one that is: "ehem. Gießereigelände", "die frühere Ziegelei" (the site's past use)
_FORMER_WORDS = {"ehem", "ehemals", "ehemalige", "ehemaligen", "ehemaliger", "ehemaliges", "frühere", "früheren", "früherer",
                 "früheres", "einstige", "einstigen", "einstiger", "einstiges", "stillgelegte", "stillgelegten",
                 "stillgelegter", "stillgelegtes",
                 # a building standing empty ("ein leerstehendes Kaufhaus kaufen"): the object, not the asker
                 "leerstehende", "leerstehenden", "leerstehender", "leerstehendes", "brachliegende", "brachliegenden",
                 "brachliegendes", "verlassene", "verlassenen", "verlassenes"}
# An applicant marker after one of them names the site, not the asker: "(ehem. Textilfabrik)", "die frühere Fabrik"
_FORMER_BEFORE = re.compile(r"\b(" + "|".join(sorted(_FORMER_WORDS, key=len, reverse=True)) + r")\.?\s{0,3}\S{0,30}$")
# Words that list a part of the costs ("inkl. Abriss und Bodensanierung", "samt Montage")
_COST_PART_WORDS = {"inkl", "inklusive", "einschließlich", "einschl", "samt", "zzgl", "zuzüglich"}
# The rest of an adjective made of "Betriebs-": of firms in general ("betriebsnahe Kita", "betriebsübergreifend")
_OF_FIRMS = re.compile(r"(nah|intern|übergreifend|wirtschaftlich)")
# The rest of a word after a trade that makes it a site ("Ziegeleibrache", "Molkereigelände", "Brauereiareal")
_SITE_OF_TRADE = re.compile(r"(brache|brachfläche|gelände|areal|grundstück)")
# The rest of a word after a trade that makes it a line or a growth of the works ("Spritzguss-Erweiterung",
# "Backwarenproduktion"): the asker's own, whatever word stands before it
_LINE_OF_TRADE = re.compile(r"-?(erweiterung|ausbau|sparte|abteilung|fertigung|produktion|bereich)")
# The rest of a word after goods that makes it the trade in them ("Landtechnik-Vertrieb")
_SALES_OF_GOODS = re.compile(r"-?(vertrieb|verkauf)(s|e|es)?")
# A trade's works ordered or offered, not who the asker is ("der Rohbau-Auftrag ist unterschrieben", "das
# Elektroangebot liegt vor")
_WORKS_OF_TRADE = re.compile(r"-?(auftrag|aufträge|vertrag|verträge|angebot|rechnung|gewerk)")
# A trade run by another party, said in a clause right after it ("ein Café …, das ein Pächter betreibt", "eine Kantine,
# die ein Caterer führt")
_RUN_BY_ANOTHER = re.compile(r"[^.!?]{0,40}?,\s{0,3}(das|die|den|der|welche[rs]?)\s{1,3}(ein|eine|einer|unser\w{0,2}|der|die)?"
                             r"\s{0,3}(\S{1,20}\s{1,3})?(pächter|betreiber|mieter|caterer|dritte|externe[rn]?|privat\w{0,3})\w{0,3}"
                             r"\s{1,3}(\S{1,20}\s{1,3}){0,2}(betreibt|betreiben|führt|führen|bewirtschaftet|übernimmt)\b",
                             re.IGNORECASE)
# A trade let to another party, said right after it ("dürfen wir das Café an einen privaten Pächter geben?", "die
# Gastronomie wollen wir verpachten"; letting a hall to firms, "an Fremdfirmen vermieten", is a trade of its own):
# a tenant's business in the asker's building
_LET_TO_ANOTHER = re.compile(r"\s{1,3}((an|einem|einer)\s{1,3}(\S{1,20}\s{1,3}){0,2}(pächter|betreiber|caterer|dritte|gastronom)\w{0,3}"
                             r"\s{1,3}(\S{1,20}\s{1,3})?(geben|vergeben|abgeben|überlassen|verpachten|vermieten)"
                             r"|((wollen|würden|möchten|sollen|werden|soll|wird|könnten)\s{1,3}((wir|sie)\s{1,3})?)?"
                             r"(\S{1,20}\s{1,3})?(verpachten|verpachtet)\b)", re.IGNORECASE)


def _run_by_another(text: str, end: int) -> bool:
    """Whether the words right after a trade named (ending at `end`) say another party runs it or has it let
    (`_RUN_BY_ANOTHER`, `_LET_TO_ANOTHER`)."""
    return bool(_RUN_BY_ANOTHER.match(text, end) or _LET_TO_ANOTHER.match(text, end))


# An old building of a trade, where its sentence says it stands empty or is pulled down ("steht ne alte molkerei
# leer", "ein altes Kaufhaus steht leer"): a past use, as after `_FORMER_WORDS`; not "die alte Bäckerei übernehmen",
# which may name a business that goes on
_OLD = re.compile(r"alt(e|er|en|em|es)?")
# What a site bears from its past, before the uses named in brackets: "Altlasten (Tankstelle, Werkstatt)"
_SITE_PAST = {"altlasten", "altlast", "kontamination", "kontaminationen", "verunreinigung", "verunreinigungen",
              "vornutzung", "vornutzungen", "bodenbelastungen", "belastungen"}
_SITE_PAST_BEFORE = re.compile(r"\b(" + "|".join(sorted(_SITE_PAST)) + r")\w{0,10}\s{0,3}\([^)]{0,40}$")
_EMPTY_SITE = re.compile(r"\bleer\b|leerstand|leerstehend|\bbrach|abriss|abreiß|abzureißen|verfall", re.IGNORECASE)
# Words that set another party against the asker: "wir oder die Leasingfirma", "wir statt der Bank"
_CONTRAST_WORDS = {"oder", "bzw", "statt", "anstatt", "sondern"}
# Prepositions between "wir" and a trade named: the trade is what the asker deals with ("wir bei der Vermietung",
# "wir mit dem Autohaus"), not what they are ("wir als Bäckerei", "wir in der Tischlerei" name the asker)
_PREPOSITIONS = {"bei", "beim", "mit", "an", "am", "von", "vom", "für", "zu", "zur", "zum", "nach", "über", "auf", "aus"}
# The asker's owner, not the asker: "wir gehören zu 70 % einer Holding", "Tochter eines Energieversorgers"
_OWNER_WORDS = {"gehören", "gehört", "gehöre", "gehörten", "gehörte", "tochter", "tochterfirma", "tochtergesellschaft",
                "tochterunternehmen", "mutter", "muttergesellschaft", "mutterkonzern", "mutterunternehmen", "gesellschafter",
                "eigentümer", "anteile", "beteiligt"}
_SHARE_SAID = re.compile(r"\bzu\s{1,3}\d{1,3}\s{0,2}(%|prozent)", re.IGNORECASE)
# The words after an owner: "eine Holding hält 70 % der Anteile an unserer GmbH"
_HOLDS_SHARES = {"anteile", "anteilen", "geschäftsanteile", "beteiligt", "beteiligung"}
# A place named by the trade it lies at ("am Eingang des Naturparks", "in der Nähe des Freibads", "auf dem Gelände der
# Brauerei"): where the project stands, not who asks
_PLACE_BY_TRADE_BEFORE = re.compile(r"\b(eingang|rand|nähe|zufahrt|einfahrt|umgebung|gelände|areal|parkplatz)\w{0,2}\s{1,3}"
                                    r"(des|der|eines|einer|vom|zum|zur|von\s{1,3}der|von\s{1,3}dem)\s{1,3}(\S{1,20}\s{1,3})?$",
                                    re.IGNORECASE)
# A trade compounded with a site ("Ziegelei-Brache", "Gießereigelände") names the use a piece of land has or had
_SITE_COMPOUND = re.compile(r"\w-?(brache|brachfläche|gelände|areal|grundstück)\w{0,2}$")
# Words that may stand before a trade that opens the text ("Moin, kleine Druckerei …"): the asker's own trade.
_OPENING_WORDS = {"moin", "hallo", "hi", "servus", "guten", "tag", "kleine", "kleiner", "kleines", "große", "großer",
                  "großes", "mittelständische", "mittelständischer", "mittelständisches", "familiengeführte",
                  "familiengeführter", "familiengeführtes", "traditionelle", "traditioneller", "traditionelles"}
_ENDINGS = ("", "s", "n", "e", "en", "er", "es", "ern", "ns", "in", "innen")

# -- company size ----------------------------------------------------------------------------------------------------
_NUMBER = r"(?<![\d.,])(\d{1,3}(?:\.\d{3}){1,2}|\d{1,6})(?![\d.,]\d)"
_NUMBER_WORDS = {
    "zwei": 2, "drei": 3, "vier": 4, "fünf": 5, "sechs": 6, "sieben": 7, "acht": 8, "neun": 9, "zehn": 10, "elf": 11,
    "zwölf": 12, "fünfzehn": 15, "zwanzig": 20, "fünfundzwanzig": 25, "dreißig": 30, "vierzig": 40, "fünfzig": 50,
    "sechzig": 60, "siebzig": 70, "achtzig": 80, "neunzig": 90, "hundert": 100, "einhundert": 100, "zweihundert": 200,
    "dreihundert": 300, "tausend": 1000, "eintausend": 1000,
}
_PEOPLE = (r"(?:ma\b|mitarbeit\w{0,8}|beschäftigt\w{0,4}|angestellt\w{0,4}|leute\w{0,2}|köpfe\b|personen\b|vollzeit\w{0,10}"
           # (part-time heads count as heads: "Bin alleine mit 5 Teilzeitkräften")
           r"|teilzeit\w{0,10}|aushilf\w{0,4}|saisonkräft\w{0,3}|minijobber\w{0,3}"
           r"|fachkräft\w{0,3}|menschen\b|kolleg\w{0,6}|festangestellt\w{0,4}|arbeitnehmer\w{0,6}|fte\b|vzä\b|mann\b"
           # (the staff by their trade, also as a compound: "dentallabor, 11 techniker", "18 Zahntechniker", "60 LKW,
           # 90 fahrer", "12 Berufskraftfahrer")
           r"|[a-zäöüß]{0,12}-?(?:techniker\w{0,4}|monteur\w{0,3}|fahrer\w{0,4}|mechaniker\w{0,4}|mechatroniker\w{0,4})"
           r"|gesellen\b"
           r"|facharbeiter\w{0,4}|pflegekräft\w{0,3}|ingenieur\w{0,4}|entwickler\w{0,4}|programmierer\w{0,4})")
_HEADCOUNT = re.compile(
    rf"{_NUMBER}\s{{0,3}}\+?\s{{0,2}}(?:([a-zäöüß]{{2,20}})\s{{1,3}})?{_PEOPLE}"
    rf"|\b({'|'.join(_NUMBER_WORDS)})\s{{1,3}}(?:([a-zäöüß]{{2,20}})\s{{1,3}})?{_PEOPLE}",
    re.IGNORECASE)
# "(sind klein, <50 MA)", "unter 250 Beschäftigte", "weniger als 10 Leute", "knapp 50 Angestellte", "fast 250 Leute": a
# bound the headcount stays below
_BELOW = re.compile(r"(<|\bunter|\bweniger\s{1,3}als|\bknapp|\bfast|\bbeinahe)\s{0,3}$", re.IGNORECASE)
# "und wenn wir 45 statt 60 MA hätten": the count that replaces the one named after it
_INSTEAD_OF = re.compile(r"(\d{1,3}(?:\.\d{3})*)\s{1,3}(?:statt|anstatt|anstelle\s{1,3}von|und\s{1,3}nicht)\s{1,3}$", re.IGNORECASE)
_HEADCOUNT_AFTER = re.compile(
    r"(?:mitarbeiter(?:zahl|anzahl|innen)?|beschäftigte(?:nzahl)?|belegschaft|team|ma)\s{0,3}(?:von|:|=|mit|aus|umfasst)?"
    rf"\s{{0,3}}(?:rund|ca\.?|circa|etwa|knapp|über|gut)?\s{{0,3}}{_NUMBER}(?!\s{{0,2}}(?:%|prozent|euro|€|jahr|m²|qm|mio|tsd))",
    re.IGNORECASE)
_HEADCOUNT_COMPOUND = re.compile(rf"{_NUMBER}\s{{0,2}}-?\s{{0,2}}köpfig\w{{0,3}}", re.IGNORECASE)
# "mit der Schwesterfirma sind wir eher 55.", "wir sind jetzt 48, nicht 30", also with "wir" left out ("… gegründet,
# sind jetzt 3."): a bare number that a firm says it is (no word after it: "wir sind 2 Gemeinden" is not a headcount,
# nor a sum or a share)
_WE_ARE_COUNT = re.compile(r"(?:\bwir\s{1,3}sind|\bsind\s{1,3}wir|(?:^|[,;]|\bund)\s{0,3}sind)(?:\s{1,3}(?:dann|eher|jetzt|also|nur|doch|zusammen|insgesamt"
                           rf"|eigentlich|mittlerweile|inzwischen|ca\.?|rund|etwa|knapp|gut|über)){{0,3}}\s{{1,3}}{_NUMBER}"
                           r"(?=\s{0,3}(?:[.,;!?)]|$|nicht\b|statt\b))", re.IGNORECASE)
# "wir sind zu dritt", "sind jetzt zu fünft": the count of a small team in the ordinal words of German
_WE_ARE_ORDINAL = re.compile(r"(?:\bwir\s{1,3}sind|\bsind\s{1,3}wir)(?:\s{1,3}(?:dann|eher|jetzt|also|nur|doch|zurzeit|"
                             r"derzeit|aktuell|noch|mittlerweile|inzwischen)){0,3}\s{1,3}zu\s{1,3}(zweit|dritt|viert|fünft|"
                             r"sechst|siebt|acht|neunt|zehnt)\b", re.IGNORECASE)
_ORDINAL_COUNT = {"zweit": 2, "dritt": 3, "viert": 4, "fünft": 5, "sechst": 6, "siebt": 7, "acht": 8, "neunt": 9,
                  "zehnt": 10}
_FUTURE_COUNT = {"neue", "neuen", "zusätzliche", "zusätzlichen", "weitere", "weiteren", "künftig", "später"}
_HIRED_AFTER = re.compile(r"\s{0,3}(mehr\b|zusätzlich\b|dazu\b|neu\s{1,3})?\s{0,3}(ein\w{0,2}\s{1,3})?"
                          r"(einstellen|einzustellen|eingestellt|anstellen|anzustellen|dazuholen|dazunehmen|schaffen)\b",
                          re.IGNORECASE)
_FUTURE_BEFORE = re.compile(r"(auf|um|bis\s{1,3}zu|weitere|zusätzlich\w{0,2}|neue\w{0,2}|einstellen)\s{1,3}(rund|ca\.?|etwa)?\s{0,3}$")
_SIZE_WORDS = [
    # (also in the plural and the comparative: "kleine Firmen", "kleinere Betriebe")
    ("small", re.compile(r"kleinunternehmen|kleinstunternehmen|klein(er)?e[rsn]?\s{1,3}(unternehmen|betrieb|firm(a|en)\b"
                         r"|handwerksbetrieb)|kleinbetrieb|ein-?mann-?betrieb|solo-?selbst")),
    ("medium", re.compile(r"(mittlere|mittelgroße)[rsn]?\s{1,3}(unternehmen|betrieb|firm(a|en)\b)")),
    ("large", re.compile(r"großunternehmen|große[rsn]?\s{1,3}(unternehmen|firm(a|en)\b)|\bkonzern")),
]

# -- amounts in euros --------------------------------------------------------------------------------------------------
# (thousands grouped by a space count only with their currency: "750 000 €", "€ 1 200 000"; a price's ",-" is its
# currency: "Maschine 500.000,-")
_SPACED = r"\d{1,3}(?:[ \u00a0\u202f]\d{3}){1,3}(?=\s{0,2}(?:€|euro\b|eur\b))"
_AMOUNT = re.compile(
    rf"(?<![\d.,])(?<!\d\s)({_SPACED}|\d{{1,3}}(?:\.\d{{3}}){{1,3}}|\d{{1,9}})(?:[.,](\d{{1,2}})(?!\d))?(\s{{0,2}},-{{1,2}})?\s{{0,2}}"
    r"(mio\b\.?|millionen\b|million\b|mrd\b\.?|milliarden\b|tsd\b\.?|tausend\b|t€|teur\b|t\s?eur\b|k€|k\b)?\s{0,2}(€|euro\b|eur\b)?",
    re.IGNORECASE)
_AMOUNT_CURRENCY_FIRST = re.compile(r"(?:€|eur\b|euro\b)\s{0,2}(\d{1,3}(?:[ \u00a0\u202f]\d{3}){1,3}(?![\d.,])"
                                    r"|\d{1,3}(?:\.\d{3}){1,3}|\d{1,9})(?![\d.,]\d)", re.IGNORECASE)
_AMOUNT_WORDS = re.compile(
    r"\b(eine?|einer|zwei|drei|vier|fünf|anderthalb|eineinhalb|zweieinhalb)\s{1,3}(halbe\s{1,3})?(million|millionen|mio\b)",
    re.IGNORECASE)
_WORD_FACTOR = {"ein": 1, "eine": 1, "einer": 1, "zwei": 2, "drei": 3, "vier": 4, "fünf": 5, "anderthalb": 1.5,
                "eineinhalb": 1.5, "zweieinhalb": 2.5}
_MULTIPLIER = {"mio": 1e6, "million": 1e6, "millionen": 1e6, "mrd": 1e9, "milliarden": 1e9, "tsd": 1e3, "tausend": 1e3,
               "t€": 1e3, "teur": 1e3, "k€": 1e3, "k": 1e3}
_TURNOVER_CONTEXT = re.compile(r"umsatz|umsätze|umsätzen|jahresumsatz|erlöse|umgesetzt", re.IGNORECASE)
_BALANCE_CONTEXT = re.compile(r"bilanzsumme|bilanz\b", re.IGNORECASE)
# a sum named as a cap ("die 500k-Grenze", "der 200.000-€-Deckel")
_LIMIT_AFTER = re.compile(r"\s{0,2}(-\s{0,2}|€-|euro-)?(grenze|obergrenze|deckel|höchstbetrag|limit|kappung)", re.IGNORECASE)
# The other Länder, by name or as people shorten them (KR Anhang 5 lists the areas of each): a site there is funded
# by that Land's body
_OTHER_LAND = (r"(bremen|bremerhaven|hamburg|berlin|nrw|nordrhein-?\s?westfalen|hessen|bayern|sachsen|sachsen-anhalt|"
               r"thüringen|brandenburg|schleswig-?\s?holstein|mecklenburg-?\s?vorpommern|mv|rheinland-?\s?pfalz|rlp|"
               r"saarland|baden-?\s?württemberg|bw|anderen\s{1,3}bundesland)")
# ... named right before a sum ("in Lengerich (NRW) für ca 2 Mio", "in Bremen 500k") or right after it ("500k für das
# Werk in Bremen"), with no other part of the list between
_LAND_BEFORE_SUM = re.compile(r"\b(in|im|nach)\s{1,3}([\w-]{2,30}\s{0,3}\(\s{0,2})?" + _OTHER_LAND
                              + r"\b\)?(?:(?!\bund\b|\bsowie\b|\bplus\b|[,;+])[^.!?]){0,40}$", re.IGNORECASE)
_LAND_AFTER_SUM = re.compile(r"(?:(?!\bund\b|\bsowie\b|\bplus\b|[,;+])[^.!?]){0,50}?\b(in|im|nach)\s{1,3}"
                             r"([\w-]{2,30}\s{0,3}\(\s{0,2})?" + _OTHER_LAND + r"\b", re.IGNORECASE)


def _in_another_land(text: str, start: int, end: int) -> bool:
    """Whether the sum at text[start:end] is said of a site in another Land."""
    return bool(_LAND_BEFORE_SUM.search(text[max(0, start - 80): start]) or _LAND_AFTER_SUM.match(text, end))


# a sum said to be the grant received ("wenn ich 40k grw bekomme", "40.000 € Zuschuss erhalten")
_GRANT_RECEIVED_AFTER = re.compile(r"\s{0,3}(€|eur\b|euro\b)?\s{0,3}(an\s{1,3})?(grw|zuschuss|zuschüsse|förderung|fördergeld"
                                   r"|fördermittel)\w{0,3}(\s{1,3}[\w-]{1,20}){0,2}?\s{1,3}(bekomm|erhalt|erhält|krieg|bewilligt"
                                   r"|ausgezahlt)\w{0,4}\b", re.IGNORECASE)
_NOT_COSTS_CONTEXT = re.compile(r"zuschuss|förderung\s{1,3}(von|in\s{1,3}höhe)|fördersumme|förderbetrag|bilanzsumme|gewinn"
                                r"|darlehen|kredit|eigenkapital|eigenanteil"
                                # (a grant promised by another programme: "schon eine Zusage über 40k aus einem
                                # Digitalisierungsprogramm")
                                r"|(zusage|bewilligung|förderzusage)\s{1,3}(über|von|in\s{1,3}höhe\s{1,3}von|für)\s{0,3}"
                                r"(ca\.?|rund|etwa)?\s{0,3}$", re.IGNORECASE)
# The firm's depreciation, and the years an investment is spread over (KR Nr. 2.3 (2) a)
_DEPRECIATION = re.compile(r"(abschreibung\w{0,2}|\bafa)\b(?:[^.;?!€]|(?<=ca)\.|(?<=rd)\.){0,60}$", re.IGNORECASE)
# ... or named right after the sum ("ca 180.000 € abschreibungen pro jahr", "200k AfA im Schnitt")
_DEPRECIATION_AFTER = re.compile(r"\s{0,3}(€|eur\b|euro\b)?\s{0,3}(an\s{1,3}|jährliche\w{0,2}\s{1,3}|durchschnittliche\w{0,2}"
                                 r"\s{1,3})?(abschreibung\w{0,2}|afa)\b", re.IGNORECASE)
_OVER_YEARS = re.compile(r"\b(über|auf|verteilt\s{1,3}auf)\s{1,3}(\d|zwei|drei|vier|fünf)\s{1,3}jahre?\b", re.IGNORECASE)
# (not the sum of a balance sheet: "bilanzsumme liegt bei 6 mio")
_COST_CONTEXT = re.compile(r"kosten|kostet|invest|ausgaben|volumen|(?<!bilanz)summe|teuer|preis|budget", re.IGNORECASE)
# Words of investing right before a bare sum with thousands points: "investieren 800.000", "Kosten ca. 450.000"
_BARE_SUM_BEFORE = re.compile(r"(" + _COST_CONTEXT.pattern + r")\w{0,6}"
                              r"\s{1,3}(von\s{1,3}|ca\.?\s{0,3}|rund\s{1,3}|etwa\s{1,3}|insgesamt\s{1,3}|:\s{0,3})?$", re.IGNORECASE)
# An estimate of a bare sum with nothing counted after it ("maschine rund 120.000, …", not "rund 120.000 Einwohner")
_BARE_SUM_ALONE = re.compile(r"\b(ca\.?|rund|etwa|circa|knapp|für)\s{0,3}$", re.IGNORECASE)
# (also a bracket closed before the full stop: "neue CNC-Fertigung (knapp 200.000).")
_BARE_SUM_ENDS = re.compile(r"\s{0,3}((\)[.,;!?]?|[.,;!?])(\s|$)|$|\s{1,3}(und|plus|sowie)\b)", re.IGNORECASE)
# ... or one a plan or an outlay is said of, with what it is for after it ("wir planen 240.000 für fräsmaschine …")
_BARE_SUM_PLANNED = re.compile(r"\b(plane[n]?|planen\s{1,3}(mit|ca\.?|rund|etwa)|rechnen\s{1,3}mit|veranschlag\w{0,3}|"
                               r"ausgeben|stecken|brauchen|benötigen)\s{1,3}(ca\.?\s{0,3}|rund\s{1,3}|etwa\s{1,3}|knapp\s{1,3})?$",
                               re.IGNORECASE)
# The words for the VAT ("inkl. mwst", "zzgl. USt", "mit Umsatzsteuer")
_VAT_WORDS = r"(mwst|ust|umsatzsteuer|mehrwertsteuer)"
# ... or one said net or gross ("umbau gut 300.000 netto"): a sum of money
_BARE_SUM_NET = re.compile(r"\s{0,3}(€\s{0,2})?(netto|brutto|zzgl\.?|zuzüglich|(inkl\.?|inklusive|plus)\s{0,3}" + _VAT_WORDS
                           + r")\b", re.IGNORECASE)
_BARE_SUM_FOR = re.compile(r"\s{0,3}(€\s{0,2})?für\s{1,3}(\S{1,20}\s{1,3})?[a-zäöüß]", re.IGNORECASE)
# ... or one said to hold a cost ("kaufen, 700.000 inkl. grundstück"): only a price holds another
_BARE_SUM_HOLDS = re.compile(r"\s{0,3}(€\s{0,2})?(inkl\.?|inklusive|einschließlich|samt)\s{1,3}(de[rsmn]\s{1,3}|das\s{1,3})?"
                             r"(?!" + _VAT_WORDS + r")[a-zäöüß]", re.IGNORECASE)
# "Wie hoch wäre der Zuschuss bei 1,2 Mio?": the sum right after "bei" is what the grant is computed from.
# ("bei geplanten 400.000 €/Jahr Kosten")
_BASE_BEFORE = re.compile(r"\bbei\s{1,3}(?:ca\.?|rund|etwa|knapp|insgesamt)?\s{0,3}"
                          r"(?:(?:geplanten|veranschlagten|geschätzten|erwarteten|kalkulierten)\s{1,3})?$", re.IGNORECASE)
# the word after a sum that names it a cost, perhaps after its period ("400.000 €/Jahr Kosten", "90k im Jahr Ausgaben")
_COST_AFTER = re.compile(r"\s{0,3}(€|euro|eur)?\s{0,3}(?:(?:/|pro\s|im\s|je\s)\s{0,2}(?:jahr|monat)\s{1,3}|jährlich\w{0,2}\s{1,3})?"
                         r"(invest|investition|investitionen|investitionsvolumen|kosten|ausgaben)\b", re.IGNORECASE)
# A price per use, charged or paid, not a cost of the project: "8 € Eintritt", "25 Euro pro Nacht", "Miete 9 €/qm",
# "4 € am Tag"
_PRICE_AFTER = re.compile(r"\s{0,3}(€|euro|eur)?\s{0,3}(eintritt\w{0,4}|gebühr\w{0,2}|(pro|je|/)\s{0,2}(person|nacht|stunde|"
                          r"kopf|besucher\w{0,2}|gast|tag|qm|m²|quadratmeter|monat|ticket|karte)\b|am\s{1,3}tag\b)",
                          re.IGNORECASE)
_PRICE_BEFORE = re.compile(r"\b(eintritt\w{0,4}|eintrittspreis\w{0,2}|ticketpreis\w{0,2}|miete|pacht|gebühr\w{0,2})"
                           r"\s{0,3}(von|in\s{1,3}höhe\s{1,3}von|:|=)?\s{0,3}(ca\.?|etwa|rund)?\s{0,3}$", re.IGNORECASE)
_NAME_AFTER = re.compile(r"\s{0,3}(€|euro|eur)?\s{0,3}(jahres)?(umsatz|umsätze|bilanzsumme|bilanz)\b", re.IGNORECASE)
# After a word that names a sum, what makes it the subject of a clause of its own ("umsatz liegt bei …")
_OPENS_ITS_OWN = re.compile(r"\s{0,3}(liegt|lag|liegen|lagen|beträgt|betrug|ist|war|von|bei|ca\b|rund|etwa|knapp|:)",
                            re.IGNORECASE)
TOTAL_WORDS = re.compile(r"insgesamt|gesamt|zusammen|summe|volumen", re.IGNORECASE)  # a sum said to be the whole
# the sum of several of one item in brackets after it, not the whole ("zwei Faserlaser (zusammen 700k)")
_ITEMS_TOGETHER = re.compile(r"\(\s{0,2}(zusammen|insgesamt)\s{0,3}(ca\.?\s{0,2}|rund\s{1,3}|etwa\s{1,3})?$", re.IGNORECASE)

# -- already started ---------------------------------------------------------------------------------------------------
_CLAUSES = re.compile(r"[^,.;:!?\n]{1,400}")
# Abbreviations whose dot ends no clause ("für ca. 120k bestellt", "Gesamtkosten rd. 2 Mio"), for every split of a
# text into clauses; each of fixed width (they also stand in lookbehinds)
_ABBREVIATIONS = ("ca", "rd", "nr", "bzw", "vgl", "zzgl", "inkl", "mio", "tsd", "mrd", "ggf", "evtl", "ggü", "bzgl", "etc",
                  "usw", "vsl", "voraussichtl", r"z\.b", r"i\.d\.r", r"u\.a", r"d\.h")
# (replaced by a space of the same length, so that positions stay)
_ABBREVIATION = re.compile(rf"\b({'|'.join(_ABBREVIATIONS)})\.", re.IGNORECASE)
# The dot of a day or a month in a date ("am 15. januar unterschrieben", "am 15.01.2026 bestellt") ends no clause either
_DATE_DOT = re.compile(r"(?<!\d)\d{1,2}\.(?=\s{0,2}(\d{1,2}\.|(19|20)\d\d\b"
                       r"|(jan|feb|mär|apr|mai|jun|jul|aug|sep|okt|nov|dez)[a-zä]{0,6}\b))", re.IGNORECASE)


def _abbreviation_dots_out(text: str) -> str:
    """The text with the dot of each abbreviation or date a space ("für ca. 120k bestellt", "am 15. januar
    unterschrieben" are one clause each), positions kept."""
    return _DATE_DOT.sub(lambda m: m.group()[:-1] + " ", _ABBREVIATION.sub(lambda m: m.group()[:-1] + " ", text))

_NOT_STARTED = re.compile(
    r"noch\s{1,3}(nicht|nichts|nix|keine[nmrs]?|kein)\b|vor\s{1,3}(dem\s{1,3})?(baubeginn|beginn|start)\b|bevor\s{1,3}wir"
    r"|erst\s{1,3}nach\s{1,3}(der\s{1,3})?bewilligung|nicht\s{1,3}(begonnen|angefangen|gestartet|bestellt|beauftragt|vergeben"
    r"|unterschrieben|unterzeichnet)",
    re.IGNORECASE)
_PLANNED = re.compile(r"\bplan(en|t|e)\b|\bgeplant\b|in\s{1,3}planung|planungsphase|ideenphase|überlegen|überlegung", re.IGNORECASE)
_STARTED_PLAIN = re.compile(
    r"spatenstich\s{1,3}(war|ist|erfolgt|hatten|haben|gemacht)|spatenstich\b[^,.;:!?]{0,40}\b(gehabt|gefeiert|gemacht|erfolgt)\b"
    r"|bagger\s{1,3}(rollen|rollt|sind|stehen|läuft|laufen|arbeitet|arbeiten|ist\s{1,3}(schon\s{1,3})?da)|\bim\s{1,3}bau\b"
    r"|(bau|umbau|neubau|bauarbeiten|arbeiten|abriss|montage|baustelle)\s{1,3}(läuft|laufen|hat\s{1,3}begonnen|haben\s{1,3}begonnen)"
    r"|baubeginn\s{1,3}war|(bereits|schon)\s{1,3}(im\s{1,3}bau|gebaut|errichtet|in\s{1,3}betrieb)"
    r"|(begonnen|angefangen)\s{1,3}(haben|hat)"
    r"|\b(wird|werden)\s{1,3}(gerade|bereits|schon|momentan|derzeit|aktuell)\s{1,3}"
    r"(gebaut|errichtet|umgebaut|montiert)\b",
    re.IGNORECASE)
# What can only follow a start of works (KR Nr. 2.2.1: the first binding order or the start of building): a deposit paid
# on the order, its confirmation received, a foundation poured, the new equipment delivered or installed ("Anzahlung auf
# die Maschine geleistet", "die Auftragsbestätigung ist da", "die Bodenplatte wurde gegossen", "die Anlage ist schon
# geliefert"); not a hall that stands, which may be the old one
_WORKS_DONE = re.compile(
    r"\banzahlung\w{0,2}\b[^,.;:!?]{0,40}\b(geleistet|bezahlt|überwiesen|gezahlt|geflossen)\b|\bangezahlt\b"
    r"|\bauftragsbestätigung\w{0,2}\b[^,.;:!?]{0,40}\b(bekommen|erhalten|geschickt|liegt\s{1,3}(uns\s{1,3})?vor|ist\s{1,3}da)\b"
    r"|\b(fundament\w{0,2}|bodenplatte\w{0,2}|rohbau)\b[^,.;:!?]{0,30}\b(gegossen|betoniert|fertig|steht)\b"
    r"|\b(maschine|anlage|linie|roboter|ofen|öfen)\w{0,2}\b[^,.;:!?]{0,30}\b(schon|bereits)\s{1,3}(geliefert|montiert"
    r"|aufgebaut|installiert)\b|\b(schon|bereits)\s{1,3}geliefert\b", re.IGNORECASE)
# "… läuft schon": a start when what runs is the work, not its preparation ("Planer und Bauantrag laufen schon")
_RUNNING = re.compile(r"(läuft|laufen)\s{1,3}(bereits|schon|seit)", re.IGNORECASE)
_PARTICIPLE = re.compile(r"\b(begonnen|angefangen|gestartet|bestellt|beauftragt|vergeben|unterschrieben|unterzeichnet"
                         r"|abgeschlossen|erteilt|gekauft|angeschafft|geordert)\b", re.IGNORECASE)
_RESERVED = re.compile(r"\b(rücktrittsrecht\w{0,2}|rücktrittsklausel\w{0,2}|widerrufsrecht\w{0,2}|vorbehaltsklausel\w{0,2}"
                       r"|aufschiebend\w{0,2}\s{1,3}bedingt\w{0,2}|unter\s{1,3}(dem\s{1,3})?vorbehalt)\b", re.IGNORECASE)
_CONTRACT_PARTICIPLE = re.compile(r"\b(unterschrieben|unterzeichnet|erteilt|vergeben|beauftragt|bestellt|geordert)\b", re.IGNORECASE)
_CONTRACT_NOUN = re.compile(r"vertrag|verträge|(?<!be)auftrag|aufträge|bestellung|maschine|anlage|bau\b|bauleistung|gewerk|firma"
                            r"|angebot|liefer", re.IGNORECASE)
_AUXILIARY = re.compile(r"\b(haben|hat|habe|hatten|hatte|ist|sind|war|waren|wurde|wurden|bereits|schon|inzwischen"
                        r"|mittlerweile|gestern|letzte\w{0,2}|vorige\w{0,2})\b", re.IGNORECASE)
_FUTURE = re.compile(r"\b(werden|wird|soll\w{0,2}|woll\w{0,3}|will|willst|möcht\w{0,2}|plan\w{0,3}|geplant|demnächst|bald|nächst\w{0,2}"
                     r"|vorhab\w{0,2}|müssen|muss|würde\w{0,1}|können|kann|dürfen|darf|zählt|gilt)\b", re.IGNORECASE)
_ORDER_TO_COME = re.compile(r"\b(bestellen|beauftragen|unterschreiben|unterzeichnen|vergeben|in\s{1,3}auftrag\s{1,3}geben"
                            r"|anfangen|beginnen|starten)\b", re.IGNORECASE)
# Applying only after a start of the works (KR Nr. 2.2.1 (3)): "den Antrag nach der Bestellung stellen", "erst bestellen
# und dann den Antrag", "nachträglich beantragen".
_START_EVENT = (r"(bestellung|auftrag|auftragsvergabe|auftragserteilung|vergabe|vertragsabschluss"
                r"|vertragsunterzeichnung|unterschrift|baubeginn|kauf|spatenstich|lieferung)")
_APPLY_AFTER_START = re.compile(
    rf"antrag\w{{0,3}}\s{{1,3}}(\S{{1,20}}\s{{1,3}}){{0,3}}(erst\s{{1,3}}|auch\s{{1,3}}|noch\s{{1,3}})?"
    rf"nach\s{{1,3}}(der|dem|den)\s{{1,3}}{_START_EVENT}"
    rf"|nach\s{{1,3}}(der|dem)\s{{1,3}}{_START_EVENT}\s{{1,3}}(\S{{1,20}}\s{{1,3}}){{0,3}}(den\s{{1,3}})?antrag"
    r"|(erst|zuerst)\s{1,3}(bestellen|beauftragen|unterschreiben|kaufen|bauen|anfangen)\s{1,3}(\S{1,20}\s{1,3}){0,3}"
    r"(und\s{1,3})?(dann|danach|später)\b|nachträglich\w{0,2}\s{1,3}(\S{1,20}\s{1,3}){0,2}(beantrag|antrag|förder)",
    re.IGNORECASE)
# An undertaking in difficulty (KR Nr. 1.5 (6), Art. 2 Nr. 18 AGVO) as people say it: insolvency, over-indebtedness, or
# half of its capital lost through losses ("das Eigenkapital ist zur Hälfte aufgezehrt", "negatives Eigenkapital"); not
# when the clause denies it ("keine Insolvenz")
_CAPITAL = r"(eigen|stamm|grund)kapital\w{0,3}"
_LOST = r"(aufgezehrt|aufgebraucht|verloren|weg|vernichtet|verbraucht|aufgefressen)"
_IN_DIFFICULTY = re.compile(r"insolvenz\w{0,12}|zahlungsunfähig\w{0,3}|überschuldet|überschuldung|schutzschirmverfahren"
                            r"|in\s{1,3}(finanziellen\s{1,3}|wirtschaftlichen\s{1,3})?schwierigkeiten"
                            rf"|{_CAPITAL}[^.!?]{{0,50}}\bhälfte\b[^.!?]{{0,30}}\b{_LOST}"
                            rf"|\bhälfte\s{{1,3}}(des|unseres|vom)\s{{1,3}}{_CAPITAL}[^.!?]{{0,30}}\b{_LOST}"
                            rf"|negative\w{{0,2}}\s{{1,3}}eigenkapital|{_CAPITAL}\s{{1,3}}(ist\s{{1,3}})?(komplett|ganz|völlig|fast)"
                            rf"\s{{1,3}}{_LOST}|rettungsbeihilfe|umstrukturierungsbeihilfe", re.IGNORECASE)
_DENIED = re.compile(r"\b(kein|keine|keinen|nicht|ohne)\b[^,.;]{0,30}$", re.IGNORECASE)
# an insolvency of another firm the asker deals with, not the asker's: what is bought from its estate ("eine gebrauchte
# Fräse aus der Insolvenzmasse einer Werft", "vom Insolvenzverwalter"), a firm named insolvent after an article ("von
# einer insolventen Werft"), one's supplier's or customer's ("die Insolvenz unseres Lieferanten")
_OTHERS_INSOLVENCY = re.compile(r"insolvenz(masse|verwalt\w{0,6})", re.IGNORECASE)
_OF_ANOTHER_BEFORE = re.compile(r"\b(aus\s{1,3}(der|einer|einem)|von\s{1,3}(einer|einem)|vom|beim|eines|einer)\s{1,3}$",
                                re.IGNORECASE)
_OF_ANOTHER_AFTER = re.compile(r"\s{1,3}(unseres|unserer|eines|einer|des|der)\s{1,3}(haupt)?(lieferant|kund|zuliefer|abnehmer"
                               r"|wettbewerb|konkurrent|verkäufer|vermieter|nachbar|partner)", re.IGNORECASE)
# A maker of goods that the trade lexicon has no name for ("Dämmstoffhersteller", "Kerzenfabrik", "Hersteller von
# Dämmplatten"): WZ 2025 section C, Verarbeitendes Gewerbe ("Herstellung von Waren"), of which KR Nr. 2.7.1 lists only
# the steel industry (C 24, with names of its own in trades.yaml). Standing alone, "Fabrik" and "Manufaktur" name a
# building or a style, so they count only as the end of a compound.
_MAKER = re.compile(r"\b(?:([a-zäöüß]{3,40}?)(?:hersteller(?:in)?|fabrik|manufaktur)|hersteller(?:in)?\s{1,3}(?:von|für)"
                    r"\s{1,3}([a-zäöüß]{3,40}))\b")
# What is made but is no good of section C: software and media (section J), energy (D), and the products of farming,
# whose processing the lexicon's own rules read (KR Nr. 2.7.2 (1))
_NOT_GOODS = ("software", "app", "spiele", "film", "musik", "medien", "content", "strom", "energie", "wärme", "biogas",
              "wasserstoff", "wohn", "stahl", "roheisen")
# a maker the asker deals with: "beim Dämmstoffhersteller bestellt", "vom Kerzenhersteller"
_FROM_THE_MAKER = re.compile(r"\b(beim|vom|zum)\s{1,3}$")
# Large-scale retail as the user of a site (KR Nr. 3.2.1.11 (1)), as people name it
_LARGE_RETAIL = re.compile(r"großflächig\w{0,3}\s{1,3}(einzelhandel\w{0,2}|märkte|markt|handel)|fachmarktzentr\w{0,3}"
                           r"|einkaufszentr\w{0,3}|shopping-?cent\w{0,3}|outlet-?cent\w{0,3}|factory-?outlet")
# A facility used mostly by locals ("nutzen das Bad zu 80 % Einheimische und Schulen", "vor allem Vereine und Schulen"):
# a share over half, or words for "mostly", before those who use it
_LOCAL_USERS = (r"(einheimische\w{0,2}|anwohner\w{0,3}|bürger\w{0,5}|schulen|schüler\w{0,3}|vereine\w{0,2}"
                r"|ortsansässige\w{0,2})")
_MOSTLY_LOCAL = re.compile(r"\b([5-9]\d|100)\s{0,2}(%|prozent)\s{1,3}(\S{1,20}\s{1,3}){0,2}" + _LOCAL_USERS
                           + r"|\b(überwiegend|hauptsächlich|vor\s{1,3}allem|fast\s{1,3}nur|meist|größtenteils)\s{1,3}"
                           r"(\S{1,20}\s{1,3}){0,2}(von\s{1,3})?" + _LOCAL_USERS)
# The users named as locals only ("Genutzt wird es von Schulen, Vereinen und Bürgern"), where their sentence names no
# tourists
_USED_BY_LOCALS = re.compile(r"\b(genutzt|besucht|gebraucht)\s{1,3}(wird|werden)\s{1,3}(\S{1,20}\s{1,3}){0,2}(von\s{1,3})?"
                             r"(den\s{1,3})?" + _LOCAL_USERS + r"|\b(nutzen|besuchen)\s{1,3}(es|das\s{1,3}\w+|ihn|sie)\s{1,3}"
                             r"(\S{1,20}\s{1,3}){0,2}" + _LOCAL_USERS)
# A term quoted to ask what it means ("Was versteht der KR unter 'Erschließung nach Maß'?", "Was ist 'Erschließung
# nach Maß'?"): asked about, no fact of the project (not a name quoted: "unser Projekt 'Gewerbepark Nord'")
_QUOTED_TERM = re.compile(r"\b(unter|ist|sind|heißt|bedeutet|meint|begriff|sogenannte[nr]?|mit)\s{1,3}"
                          r"['\"„“‚‘][^'\"„“”‚‘’\n]{1,60}['\"“”‘’]", re.IGNORECASE)
# One firm named as the reason for a public measure ("weil im Gewerbegebiet ein Lebensmittelbetrieb deutlich mehr Abwasser
# einleiten will", "da eine Spedition bei uns erweitern möchte"): that it serves that firm alone is possible, not said
_ONE_FIRM_REASON = re.compile(r"\b(weil|da|denn|wegen)\s{1,3}(\S{1,25}\s{1,3}){0,4}?(ein|eine|einer|eines|unser\w{0,2})\s{1,3}"
                              r"(\S{1,25}\s{1,3})?\S{0,25}(betrieb|firma|unternehmen|investor|hersteller|spedition|werk)\w{0,2}\b"
                              r"[^.?!]{0,80}\b(will|möchte|wollen|plant|braucht|benötigt|erweitert|ansiedeln|einleiten)\b")
# A site developed for one firm known in advance (KR Nr. 3.2.1.11 (3): "Erschließung nach Maß")
_TAILORED = re.compile(r"nach\s{1,3}maß|passgenau|maßgeschneidert|zugeschnitten\s{1,3}auf"
                       r"|auf\s{1,3}(eine[nm]?|ein|den|die|das)\s{1,3}\S{1,30}\s{1,3}zugeschnitten"
                       r"|(genau\s{1,3})?nach\s{1,3}(seinen|ihren|dessen|deren)\s{1,3}(vorgaben|wünschen|anforderungen|bedürfnissen)"
                       r"|für\s{1,3}(genau|nur)\s{1,3}(eine[nm]?|ein)\s{1,3}(firma|unternehmen|betrieb|investor)"
                       r"|(genau|nur)\s{1,3}für\s{1,3}(eine[nm]?|ein)\s{1,3}(firma|unternehmen|betrieb|investor)"
                       # "eigentlich nur für die Erweiterung von einer Firma gedacht"
                       r"|(genau|nur)\s{1,3}für\s{1,3}(die|den|das)\s{1,3}\S{1,25}\s{1,3}(von\s{1,3})?(eine[nmrs]?|ein)"
                       r"\s{1,3}(einzige\w{0,2}\s{1,3})?(firma|unternehmen|betrieb|investor)"
                       r"|für\s{1,3}(ein|eine[nm]?)\s{1,3}(einzige[nms]?|bestimmte[nms]?)\s{1,3}(firma|unternehmen|betrieb|investor)"
                       # "speziell für die Erweiterung unseres größten Arbeitgebers", "ein Investor will das ganze Gebiet",
                       # "das ganze Gebiet geht an einen Investor"
                       r"|speziell\s{1,3}für\s{1,3}(\S{1,25}\s{1,3}){0,4}(arbeitgeber|unternehmen|firma|betrieb|investor)"
                       # "brauchen wir das vor allem, weil eine Spedition bei uns erweitern will": one firm's need
                       r"|(vor\s{1,3}allem|hauptsächlich|eigentlich\s{1,3}nur|im\s{1,3}grunde\s{1,3}nur),?\s{1,3}(weil|wegen|für)\s{1,3}"
                       r"(eine[nmrs]?|ein|unsere[nmrs]?|unser)\s{1,3}(\S{1,25}\s{1,3})?\S{1,30}\s{1,3}(bei\s{1,3}uns\s{1,3})?"
                       r"(\S{1,25}\s{1,3}){0,2}(erweitern|ansiedeln|bauen|wachsen|bleiben)"
                       # "ein Logistikunternehmen, das schon angefragt und quasi mitgeplant hat (Zufahrt, Hallenzuschnitt)"
                       r"|(investor|firma|unternehmen|betrieb|interessent)\w{0,3}\b[^.?!]{0,80}\bmit\s{0,2}(ge)?plan(t|en|ung)\b"
                       r"|\b(investor|firma|unternehmen|betrieb)\w{0,2}\b[^.?!]{0,40}\b(ganze[nrs]?|gesamte[nrs]?|komplette[nrs]?)"
                       r"\s{1,3}(\S{1,15}\s{1,3})?(gebiet|fläche|gewerbegebiet|areal)"
                       r"|\b(ganze[nrs]?|gesamte[nrs]?|komplette[nrs]?)\s{1,3}(\S{1,15}\s{1,3})?(gebiet|fläche|bereich|gewerbegebiet|areal)"
                       r"\b[^.?!]{0,40}\b(eine[nmr]?|ein|einzige[nmr]?)\s{1,3}(investor|firma|unternehmen|betrieb|käufer)"
                       # "Ein Investor braucht 8 ha. Können wir dafür extra ein Gewerbegebiet erschließen?"
                       r"|\b(investor|firma|unternehmen|betrieb)\w{0,2}\b[^?]{0,160}\b(dafür|für\s{1,3}(ihn|sie|diese[nmrs]?"
                       r"\s{1,3}\w+|den\s{1,3}investor))\s{1,3}(extra|eigens|speziell)\b"
                       r"|\b(extra|eigens)\s{1,3}für\s{1,3}(de[nm]|die|diese[nmrs]?|eine[nmr]?|ein)\s{1,3}(investor|firma|unternehmen"
                       r"|betrieb)"
                       # "kaufen, erschließen und an genau diese Firma weiterverkaufen": the site sold to one firm
                       r"|\b(an|für)\s{1,3}(genau\s{1,3})?(diese[nmrs]?|die(se)?\s{1,3}eine)\s{1,3}"
                       r"(firma|unternehmen|betrieb|investor)\w{0,2}\s{1,3}(\S{1,25}\s{1,3}){0,2}"
                       r"(weiter)?(verkauf|veräußer|verpacht|vermiet|überlass)\w{0,4}\b")
# A clause that opens with its verb asks ("Sind wir damit schon angefangen?", "Zählt die Bestellung als Beginn?",
# "und haben wir mit dem kauf schon 'angefangen'?")
_VERB_FIRST = re.compile(r"\s{0,3}((und|oder|aber|also|dann|denn)\s{1,3})?"
                         r"(sind|ist|bin|haben|hat|habe|gilt|gelten|zählt|zählen|wäre|wären|war|waren|darf|dürfen"
                         r"|kann|können|muss|müssen|würde|würden)\b", re.IGNORECASE)
# What KR Nr. 2.2.1 (3) says is no start of the works ("Der Kauf von Grundstücken und Vorarbeiten wie die Einholung von
# Genehmigungen und die Erstellung vorläufiger Durchführbarkeitsstudien", for building "Planung und Bodenuntersuchung"),
# in the words people use for land, permits and planning
_NO_START_BY_KR = re.compile(r"grundstück|grunderwerb|\b(acker|gewerbe|industrie|teil|erweiterungs|bau|wiesen)?fläche"
                             r"|\backer(land)?\b|flurstück|gelände|\bareal|bauland|brache|baugenehmigung|genehmigung"
                             r"|bauantrag|bauvoranfrage|planung|planer|architekt|gutachten|machbarkeitsstudie|studie\b"
                             r"|bodenuntersuchung|bodengutachten|ingenieurbüro|vermess"
                             r"|angebote?\s{1,3}(eingeholt|liegen|angefragt)", re.IGNORECASE)
# A contract for buying land ("der Kaufvertrag für die Fläche", "Notarvertrag fürs Grundstück"): the contract noun of a
# purchase of land, which is no start of works
_LAND_CONTRACT = re.compile(r"\b(grundstücks|flächen)?(kauf|notar)vertr(a|ä)g\w{0,3}\b(?=[^,.;:!?]{0,60}\b(grundstück|grunderwerb"
                            r"|fläche|gelände|areal|bauland|acker|parzelle))|\bgrundstücks(kauf)?vertr(a|ä)g\w{0,3}\b",
                            re.IGNORECASE)
_LAND_NOUN = r"\b(?:grundstück|fläche|gelände|areal|bauland|parzelle|acker)\w{0,3}"  # a piece of land, by its word
# (the land named before: "die fläche … im märz 2025 gekauft (notarvertrag)"): the contract word
_LAND_BEFORE_CONTRACT = re.compile(_LAND_NOUN + r"\b[^,.;:!?]{0,80}?\b((?:kauf|notar)vertr(?:a|ä)g\w{0,3})\b",
                                   re.IGNORECASE)
# (what the land is for: "das grundstück für den neubau haben wir schon gekauft" names no building contract)
_LAND_FOR = re.compile(_LAND_NOUN + r"\s{1,3}(für\s{1,3}(?:den|die|das|unser\w{0,2}|ein\w{0,2})\s{1,3}"
                       r"(?:neue\w{0,2}\s{1,3})?\S{1,25})", re.IGNORECASE)


def _blanked(pattern: re.Pattern[str], clause: str) -> str:
    """The clause with the first group of each match of `pattern` blanked."""
    for match in reversed(list(pattern.finditer(clause))):
        clause = clause[:match.start(1)] + " " + clause[match.end(1):]
    return clause


def _without_land_contracts(clause: str) -> str:
    """The clause with each contract for buying land, and what the land is for, blanked (`_LAND_CONTRACT`,
    `_LAND_BEFORE_CONTRACT`, `_LAND_FOR`)."""
    return _blanked(_LAND_BEFORE_CONTRACT, _LAND_CONTRACT.sub(" ", _blanked(_LAND_FOR, clause)))

# -- project types (vocabulary of funding_paths.yaml) ---------------------------------------------------------------
# A study of the sites: "eine Studie zu einem gemeinsamen Gewerbeflächenpool", "Machbarkeitsstudie über neue Gewerbeflächen"
_STUDY_OF_SITES = re.compile(r"\b\w{0,20}(studie|gutachten|analyse|konzept)\w{0,2}\s{1,3}(zu[mr]?|über|für)\s{1,3}"
                             r"(\S{1,25}\s{1,3}){0,3}\w{0,20}(gewerbefläche|gewerbegebiet|industriegebiet|flächenpool)")
# A plot bought in an estate: "wir kaufen 8000 qm im gewerbegebiet", "ein Grundstück im Industriegebiet erworben"
_PLOT_IN_ESTATE = re.compile(r"\b(kauf|kaufen|kaufe|gekauft|erwerb|erwerben|erworben|grundstück\w{0,3}|qm|m²|m2|hektar|ha)\b"
                             r"[^.?!]{0,40}\b(im|in\s{1,3}dem|ins)\s{1,3}(neuen\s{1,3})?(gewerbegebiet|industriegebiet|gewerbepark)")
# A filling or charging station (for hydrogen, gas or electricity), which no measure of the KR names
_FUEL_STATION = re.compile(r"tankstelle|lades(ä|a)ule|ladepark|ladestation|ladeinfrastruktur|ladehub|schnellladepunkt")
# Developing a site (KR Nr. 3.2.2.1), not only naming one as a place: "ein neues Gewerbegebiet erschließen".
_DEVELOPS_SITE = re.compile(r"erschließ|baureif|(neue[snm]?|interkommunale[snm]?|kleine[snm]?)\s{1,3}(gewerbe|industrie)(gebiet|park)"
                            r"|(gewerbe|industrie)(gebiet|park)\w{0,2}\s{1,3}(draus\s{1,3}|daraus\s{1,3})?"
                            r"(entwickeln|ausweisen|erweitern|anlegen|planen|machen|schaffen)")
# Club houses, village halls and sports grounds: a project of rural development (LEADER) and one that KR Nr. 3.2.2 lists
# no measure for
_CLUB_AND_VILLAGE_HALLS = (r"dorfgemeinschaftshaus|bürgerhaus|heimathaus|vereinsheim|sportheim|clubhaus|klubhaus|vereinshaus"
                           r"|schützenhaus|sportplatz|sportplätze|kunstrasen\w{0,6}|sporthalle|sportstätte|turnhalle")
# A farm's second line beside farming: selling, processing, a café, holidays on the farm (rural development, LEADER;
# and the farm's own investment)
_FARM_SECOND_LINE = (r"hofladen|hofläden|hofcaf[ée]|bauernhofcaf[ée]|hofkäserei|hofmolkerei|hofmetzgerei"
                     r"|direktvermarktung|ferien\s{1,3}auf\s{1,3}dem\s{1,3}(bauern)?hof")
# What only a firm builds or buys for its own production: an investment of a firm, also where no asker is named
# ("Planen für 2027 eine neue Fertigungshalle")
_PLANT_WORDS = (r"(fertigungs|produktions|montage)halle|produktionslinie|fertigungslinie|abfüllanlage|maschine(?!nbau)"
                r"|\bcnc\b|bearbeitungszentr|industrieroboter")

# A new site set up (KR Nr. 2.4.1 (1) a, "Errichtung einer neuen Betriebsstätte"): "ein zweites Büro aufmachen", "eine
# Niederlassung in Melle eröffnen", "neues Zweigwerk"
_SITE_NOUNS = (r"(büro|niederlassung|zweigniederlassung|zweigstelle|zweigwerk|filiale|standort|betriebsstätte"
               r"|produktionsstätte|dependance)")
_NEW_SITE = (rf"(zweite[nrs]?|neue[nrs]?|weitere[nrs]?)\s{{1,3}}{_SITE_NOUNS}\w{{0,3}}\b"
             rf"|{_SITE_NOUNS}\w{{0,3}}\s{{1,3}}(in\s{{1,3}}[\w-]{{2,30}}\s{{1,3}})?(aufmachen|eröffnen|gründen|aufbauen"
             r"|errichten)\b"
             # (the verb split: "Wir machen eine Zweigstelle in Quakenbrück auf")
             rf"|\bmach\w{{0,3}}\s{{1,3}}(\S{{1,20}}\s{{1,3}}){{0,2}}{_SITE_NOUNS}\w{{0,3}}\s{{1,3}}(in\s{{1,3}}[\w-]{{2,30}}\s{{1,3}})?"
             r"auf\b")
PROJECT_TYPE_PATTERNS: dict[str, str] = {
    "industrial_site": r"gewerbegebiet|industriegebiet|gewerbefläche|gewerbeparzelle|gewerbegelände|industriegelände|gewerbepark"
                       r"|gewerbe\s{1,3}neu\s{1,3}entwickeln|flächen?\s{1,3}(für|fürs)\s{1,3}gewerbe|erschließ"
                       # the planning abbreviations of the BauNVO: GE Gewerbegebiet, GI Industriegebiet
                       r"|\b(ge|gi)\b(?!-)",
    "revitalisation": r"brachfläche|[a-zäöüß]{0,30}brache\b|altlast|altstandort|revitalisier"
                      r"|ehemalige[nrs]?\s{1,3}(fabrik|ziegelei|kaserne|werk|betrieb)|steht\s{1,3}seit\s{1,3}jahren\s{1,3}leer"
                      r"|leerstehende[nrs]?\s{1,3}(fabrik|halle|gebäude)"
                      # (a works left empty or gone, by the kind of works: "Umbau der seit 2019 leerstehenden Molkerei")
                      r"|(leerstehende[nrs]?|ehemalige[nrs]?|stillgelegte[nrs]?|alte[nrs]?)\s{1,3}(molkerei|brauerei"
                      r"|ziegelei|weberei|spinnerei|gießerei|schlachthof\w{0,2}|sägewerk\w{0,2}|zuckerfabrik|textilfabrik)",
    # KR Nr. 3.2.2.2: a business's connection to the road, rail, water and energy networks
    "business_connection": r"anbindung\s{1,3}(eines|einzelner|einzelnen|von|des|der|unseres|unserer)?\s{0,3}(\S{1,25}\s{1,3}){0,2}"
                           r"(betrieb|gewerbebetrieb|unternehmen|firma|werk)"
                           r"|zufahrt\s{1,3}(für|zu|zum)\s{1,3}(\S{1,25}\s{1,3}){0,2}(betrieb|unternehmen|firma|werk)"
                           r"|gleisanschluss|anschlussgleis"
                           # KR Nr. 3.2.2.2 (1) c, d: water, wastewater and energy lines (Strom, Gas, Fernwärme) to firms
                           r"|(wärmenetz|fernwärme\w{0,6}|nahwärme\w{0,6}|gasleitung|stromleitung|wasserleitung"
                           r"|abwasserleitung)\w{0,2}\b[^.?!]{0,60}\b(gewerbebetrieb\w{0,2}|betriebe|unternehmen|firmen"
                           r"|gewerbegebiet\w{0,2})\b",
    # KR Nr. 3.2.2.3: plants for mainly commercial wastewater
    "wastewater": r"abwasseranlage|kläranlage|abwasserreinigung|abwasserbehandlung|industrieabwasser|abwasserbeseitigung"
                  r"|gewerbliche[sn]?\s{1,3}abwasser",
    # (the kinds of Gewerbezentren KR Nr. 3.2.2.4 (1) lists: "Forschungs-, Telematik-, Technologie-, Gründerzentren bzw.
    # -parks, Maker Spaces Fabrication bzw. Innovation Labs, Inkubatoren"; not a "Forschungszentrum", which names a
    # research body as often)
    "business_centre": r"gründerzentrum|gründungszentrum|technologiezentrum|innovationszentrum|inkubator|coworking|co-working"
                       r"|maker\s?space|gewerbezentrum|gewerbehof|handwerkerhof|handwerkerzentrum|gründerhaus|telematikzentrum|(technologie|gründer|gründungs|innovations)park"
                       # (a lab for transfer to firms: the Innovation Labs of KR Nr. 3.2.2.4 (1))
                       r"|innovation\s?labs?\b|fab\s?labs?\b|transfer-?\s?labs?\b|transferlabor\w{0,2}",
    # A cycle path for the way to work (IREK 3.2.3): no measure of its own in the KR (Nr. 3.2.2 lists cycle paths only
    # in a site's connection, Nr. 3.2.2.1, and as tourism infrastructure, Nr. 3.2.2.5)
    # a bus or shuttle service for the way to work ("Bürgerbus … eine Linie zum Gewerbegebiet für Schichtarbeiter")
    # (and a shared vehicle system or its stations, "ein Bikesharing … Stationen am Bahnhof und an den Gewerbegebieten")
    "commuter_transport": r"bürgerbus\w{0,6}|rufbus\w{0,3}|werksbus\w{0,3}|pendlerbus\w{0,3}|shuttle\w{0,4}|buslinie\w{0,2}"
                          # (not a firm's rental business, "E-Bike-Verleih in Bad Essen", which is a trade)
                          r"|busverbindung\w{0,2}|kleinbus\w{0,3}|bike-?\s?sharing|car-?\s?sharing"
                          r"|mobilitätsstation\w{0,2}|mobilstation\w{0,2}",
    "commuter_cycle_path": r"radschnellweg|pendler\w{0,3}[-\s]{0,3}(rad|fahrrad)|(rad|fahrrad)[-\s]{0,3}pendl"
                           r"|\b(fahr)?rad(weg|wege|verbindung|verkehrsanbindung|anbindung)\w{0,2}\b[^.?!]{0,100}"
                           r"\b(arbeitsplätze|arbeitsplatz|arbeit\b|zur\s{1,3}arbeit|schicht\w{0,6}|azubis|beschäftigt\w{0,3}"
                           r"|mitarbeit\w{0,6}|berufsverkehr|gewerbegebiet\w{0,2}|industriegebiet\w{0,2}|gewerbepark\w{0,2}|industriepark\w{0,2}"
                           r"|bahnhof)",
    # KR Nr. 3.2.2.5 (6) and (8), item by item, and the usual words for them
    "tourism_infrastructure": r"radweg|wanderweg|reitweg|rundweg|radroute|freizeitbad|erlebnisbad|besucherzentrum|kurpark"
                              r"|gradierwerk|badestelle|touristische[a-z]{0,2}\s{1,3}infrastruktur|tourismus-?infrastruktur"
                              r"|naturpfad|lehrpfad|erlebnispfad|ausflugsziel|tourist[- ]?info|salinenpark|promenade"
                              r"|seebrücke|loipe"
                              # (KR Nr. 3.2.2.5 (6) c: free car parks and rest areas, of visitors: "einen neuen
                              # Besucherparkplatz am Museum")
                              r"|(besucher|touristen|gäste|wanderer|wander|ausflugs|ausflügler|reisebus|wohnmobil)"
                              r"\w{0,2}-?(parkpl[aä]tz|stellpl[aä]tz)|(?<!wasserwander)rastpl[aä]tz|park-\s{0,2}(und|/)\s{0,2}rastpl"
                              # (KR Nr. 3.2.2.5 (8) e: baths used mainly by tourists, where the text speaks of them,
                              # by any of their names: "viele kurgäste und urlauber nutzen es auch")
                              r"|(hallen|schwimm|kombi|frei)bad\w{0,2}\b[\s\S]{0,300}(touris|urlauber|kurgäst|feriengäst"
                              r"|übernachtungsgäst)"
                              r"|(touris|urlauber|kurgäst|feriengäst|übernachtungsgäst)[\s\S]{0,300}(hallen|schwimm|kombi|frei)bad"
                              r"|haus\s{1,3}des\s{1,3}gastes|bootsanleger|bootsanlegestelle|wasserwanderrastplatz|schwimmsteg|steganlage"
                              # (items j-l in the words for them: a jetty, a bathing lake or beach)
                              r"|bootssteg|badesteg|anlegesteg|badesee|badestrand"
                              r"|naturbühne|wassertretanlage|kneippanlage|kurhaus|thermalbad|solebad|heilwasser"
                              # (KR Nr. 3.2.2.5 (6) b, c, e: nature and adventure trails, information centres, rest
                              # areas: "ein Besucher- und Infozentrum am Baumwipfelpfad")
                              r"|informationszentr\w{0,3}|infozentr\w{0,3}|besucher-\s{0,2}und\s{1,3}info\w{0,12}"
                              r"|besucher-\s{0,2}und\s{1,3}[a-zäöüß]{0,20}zentr\w{0,3}"
                              r"|baumwipfelpfad|wipfelpfad|barfu(ß|ss)pfad|themenpfad|sinnespfad|rastplatz|rastplätze"
                              # (KR Nr. 3.2.2.5 (6) c, d, e: rest areas of cyclists, public toilets, information points:
                              # "den alten Bahnhof als Radler-Treff mit Infopunkt und kostenlosen Toiletten")
                              r"|radler-?treff|radfahrer-?treff|radler-?rast\w{0,6}|(öffentlich|kostenlos|unentgeltlich)\w{0,2}"
                              r"\s{1,3}(wc|toilette)\w{0,3}|toilettenanlage\w{0,2}|info-?punkt\w{0,2}|informationspunkt\w{0,2}"
                              # what tourists use (KR Nr. 3.2.2.5 (1): "touristisch genutzt"), by the words for them
                              r"|für\s{1,3}(die\s{1,3})?(touristen|urlauber|feriengäste|tagesgäste|ausflügler|wanderer"
                              r"|radtouristen|radwanderer|besucher(innen)?\s{1,3}der\s{1,3}region)|touristisch\s{1,3}genutzt",
    "education_infrastructure": r"berufsbildende[a-z]{0,2}\s{1,3}schule|\bbbs\b|lernwerkstatt|ausbildungsstätte|ausbildungszentrum"
                                # (KR Nr. 3.2.2.6: a school's workshop that firms' apprentices share, "Lernortkooperation")
                                r"|bildungszentrum|berufsschule|lehrwerkstatt|lernfabrik|lernortkooperation"
                                # (the words of Nr. 3.2.2.6 (1): "Einrichtungen der beruflichen Ausbildung, Fortbildung
                                # und Umschulung", as their buildings are called)
                                r"|(fort|weiter)bildungs(zentrum|zentren|stätte|einrichtung)|umschulungs(zentrum|zentren|stätte|einrichtung)"
                                r"|schulungs(zentrum|zentren|stätte|gebäude)|bildungsstätte"
                                # (the kinds Nr. 3.2.2.6 (4) lists: b) state-recognised institutions, c) supplementary
                                # "überbetriebliche Berufsausbildung" of the chambers and guilds, d) preparatory and
                                # accompanying courses; (5) c) boarding houses)
                                r"|staatlich\s{1,3}anerkannte\w{0,2}\s{1,3}bildungseinrichtung\w{0,2}"
                                r"|überbetriebliche\w{0,2}\s{1,3}((berufs)?ausbildung\w{0,6}|(lehr|ausbildungs)?werkstatt\w{0,3}"
                                r"|bildungs\w{0,10})|ausbildungswerkstatt\w{0,3}|berufsvorbereitend\w{0,3}"
                                r"|berufsbegleitend\w{0,3}\s{1,3}(aus|fort|weiter)?bildung\w{0,6}|internat\b",
    "energy_infrastructure": r"umspannwerk|wasserstoffleitung|wasserstoff-?kernnetz|stichleitung|wärmenetz|nahwärmenetz|stromnetz"
                             r"|energieautark|netzanschluss|energieinfrastruktur|quartiersspeicher",
    # a plant that generates power or heat for the grid, as a public body builds one ("die Gemeinde will einen
    # Solarpark neben dem Gewerbegebiet"): no measure of Nr. 3.2.2, nor an energy infrastructure of Nr. 4 (a firm's
    # plant for its own use is `renewable_self_supply`; a firm that sells the power is of the sector D)
    "energy_generation": r"solarpark|windpark|windr(a|ä)d\w{0,3}|windenergieanlage\w{0,2}|windkraftanlage\w{0,2}"
                         r"|freiflächen-?(pv|photovoltaik|solar)\w{0,8}|agri-?pv|biogasanlage\w{0,2}"
                         r"|wasserkraftwerk\w{0,2}|bürgerwind\w{0,6}|bürgersolar\w{0,6}",
    # (KR Nr. 3.2.2.7: an inland port, and the usual words for a small one at the canal)
    "harbour": r"\bhafen|binnenhafen|hafens\b|umschlagstelle\w{0,2}|umschlagplatz\w{0,3}|schiffsanleger\w{0,2}"
               r"|\banleger\b|kaianlage\w{0,2}|kaimauer\w{0,2}",
    # KR Nr. 6 (Art. 26a AGVO): a facility where others test and try out ("ein Versuchsfeld, offen für Firmen zum
    # Testen ihrer Prototypen", "KMU sollen dort Automatisierung ausprobieren können"; not a training centre's
    # "Lernfabrik" as such)
    "test_infrastructure": r"erprobungs\w{0,6}|versuchsinfrastruktur\w{0,2}|versuchsfeld\w{0,2}|testfeld\w{0,2}|testzentr\w{0,3}"
                           r"|testgelände|teststrecke|prüffeld|reallabor\w{0,2}|demonstrationszentr\w{0,3}"
                           r"|(zum|für\s{1,3}das|für\s{1,3}ihr)\s{1,3}(testen|erproben|ausprobieren)\b"
                           r"|\b(testen|erproben|ausprobieren)\s{1,3}(können|lassen)\b|\bausprobieren\s{1,3}können\b",
    "research_infrastructure": r"forschungsinfrastruktur|forschungsgebäude|versuchsanlage|forschungslabor|technikum|testfeld"
                               r"|reallabor|laborgebäude|labor\w{0,3}\s{1,3}(aufbauen|bauen|einrichten|errichten)"
                               r"|neue[sn]?\s{1,3}labor|labor\s{1,3}für|forschungseinrichtung\w{0,2}\s{1,3}(bauen|errichten)",
    # (not the Bauleitplanung: its costs are excluded on every path of KR Nr. 3, so it names no measure of Nr. 3.3)
    # (not the office a cost estimate comes from: "Gesamtkosten lt. Planungsbüro 6 Mio")
    # (also in the KR's own words, Nr. 3.3: "Planungs- und Beratungsleistungen")
    "planning": r"planungsleistung|planungs-\s{0,2}(und|oder|bzw\.?)\s{1,3}beratungsleistung|machbarkeitsstudie|(?<!laut )(?<!lt\. )(?<!lt )(?<!vom )planungsbüro|planungskosten"
                r"|erschließungsplanung"
                r"|ingenieurplanung|entwurfsplanung|fachplanung|externe\w{0,2}\s{1,3}planung|verkehrsgutachten",
    # (the IREK is one: "irek fortschreibung durch externes büro", "das IREK überarbeiten lassen")
    "regional_concept": r"entwicklungskonzept|[a-zäöüß]{0,30}strategie\s{1,3}erarbeiten|konzept\s{1,3}(erarbeiten|erstellen)|\bstrategie\b"
                        r"|(fortschreib|aktualisier|überarbeit|neuauflage)\w{0,4}\s{1,3}(\S{1,25}\s{1,3}){0,2}(irek|konzept\w{0,2})\b"
                        r"|\b(irek|konzept\w{0,2})(-|\s{1,3}(\S{1,25}\s{1,3}){0,2})(fortschreib|aktualisier|überarbeit)",
    # KR Nr. 3.4.2: "die Umsetzung … regionaler Entwicklungskonzepte … über ein eigenes Budget"
    # (and its fields, Nr. 3.4.2 (2): regional marketing and the region's skilled workers, "eine gemeinsame Standort-
    # und Fachkräftemarketingkampagne mit der Stadt")
    "implementation_budget": r"umsetzungsbudget|regionalmanage|regionalbudget|eigene[snm]?\s{1,3}budget"
                             # (marketing the region as a location: "Regionalmarketing" is a field of Nr. 3.4.2 (2))
                             r"|regionalmarketing|standortmarketing|fachkräftemarketing|[a-zäöüß]{0,30}marketingkampagne"
                             # (the sites of the region marketed together: "eine Vermarktungskampagne für freie
                             # Gewerbeflächen (Expo Real, Website, Flächenportal)")
                             r"|[a-zäöüß]{0,30}(vermarktungs|werbe|image)kampagne|flächenmarketing|gewerbeflächenmarketing"
                             # (a campaign for the region's skilled workers, the field "Verbesserung der regionalen
                             # Fachkräftesituation": "Kampagne 'Arbeiten im Osnabrücker Land' (…, Jobmessen, Welcome-
                             # Service für int. Fachkräfte)")
                             r"|(fachkräfte|arbeitgeber|standort)\w{0,6}kampagne|kampagne[^?!]{0,160}\b(fachkräft|arbeitskräft)"
                             # (or as an offensive, or a brand of the region's employers: "eine dreijährige
                             # Fachkräfte-Offensive – Arbeitgebermarke 'Osnabrücker Land', Messeauftritte")
                             r"|(fachkräfte|arbeitgeber)-?\s?(offensive|initiative)|arbeitgebermarke|standortmarke|regionalmarke"
                             # ("zusammen Fachkräfte werben – Kampagne, Karriereportal, Willkommensservice")
                             r"|\b(fachkräft|arbeitskräft)\w{0,6}\s{1,3}(\S{1,20}\s{1,3}){0,2}(an)?(werben|gewinnen)\b[^.?!]{0,40}\bkampagne"
                             r"|umsetz\w{0,4}\s{1,3}(\S{1,25}\s{1,3}){0,3}(regionale[snm]?\s{1,3})?entwicklungskonzept"
                             r"|umsetz\w{0,4}\s{1,3}(des|vom|unseres)\s{1,3}(irek|konzepts?)\b",  # the IREK is one (Nr. 3.4.1)
    # (the management of a cluster, its staff and events, is network management too, Nr. 3.5.1 (3): "ein richtiges
    # clustermanagement aufbauen (1,5 stellen, veranstaltungen, gemeinsame messeauftritte)")
    "cooperation_network": r"netzwerk|kooperationsplattform|verbund\b|allianz|stammtisch|\bkooperation\b|zusammenarbeit"
                           r"|cluster-?management"
                           r"|an\s{1,3}einen\s{1,3}tisch",
    "innovation_cluster": r"innovationscluster|\bcluster\b|cluster-?management|clusterinitiative",
    "location_attractiveness": r"daseinsvorsorge|standortattraktivität|welcome|willkommens|anwerbe"
                               r"|standortportal|fachkräftegewinnung",
    # (the verb in every person: "jemand, der uns berät und die Leute schult")
    # (not a paper or a meeting of advice: "für eine Beratungsnotiz", "im Beratungsgespräch bei der NBank")
    "advice": r"(?<!steuer)(?<!rechts)beratung(?!s?(notiz|vermerk|gespräch|termin|unterlage|vorlage|protokoll|papier))"
              # (not the asker's own adviser, who helps with the application: "kann das mein berater für mich machen?")
              r"|(?<!steuer)(?<!rechts)(?<!mein )(?<!unser )(?<!unsere )berater\b|beraten\b|\bberät\b",
    # (the verb "schulen", not the noun: "genutzt von Schulen, Vereinen")
    "training": r"schulung|weiterbildung|qualifizierung|fortbildung|\bschult\b|\bgeschult\b|vermitteln"
                r"|\bzu\s{1,3}schulen\b|schulen\s{1,3}(lassen|wollen|möchten|müssen)\b"
                r"|(mitarbeit\w{0,6}|personal|beschäftigte\w?|team|leute|azubis|fachkräfte|belegschaft)\s{1,3}"
                r"(\S{1,20}\s{1,3}){0,2}schulen\b",
    # KR Nr. 7.1.1.3: the first hire of a person with a degree or a comparable qualification (Berufsakademie,
    # Aufstiegsfortbildung), as people write it ("zum ersten Mal einen Ingenieur mit Bachelor einstellen")
    "first_hire": r"hochschulabsolvent|absolvent|ersteinstellung|berufseinsteiger|hochschulabschluss|studienabschluss"
                  r"|berufsakademie|aufstiegsfortbildung"
                  r"|(erstmal\w{0,2}|zum\s{1,3}ersten\s{1,3}mal)\s{1,3}(\S{1,30}\s{1,3}){0,8}(einstell|anstell)"
                  r"|(bachelor|master|diplom|akademiker\w{0,2}|studierte[nr]?)\s{1,3}(\S{1,30}\s{1,3}){0,4}(einstell|anstell)"
                  r"|(einstell|anstell)\w{0,3}\s{1,3}(\S{1,30}\s{1,3}){0,4}(mit\s{1,3})?(bachelor|master|diplom|studium)",
    "applied_rnd": r"forschung(?!s?(gebäude|infrastruktur|labor|zentrum|einrichtung|bau|institut))|forschen|prototyp|\bf\s?&\s?e\b|\bfue\b|entwicklungsprojekt|verfahren\s{1,3}([a-zäöüß]{1,30}\s{1,3})?entwickeln"
                   r"|neues\s{1,3}verfahren",
    "market_launch": r"markteinführung|markteintritt|auf\s{1,3}den\s{1,3}markt\s{1,3}bringen",
    "rural_development": r"\bdorf|dorfladen|ländliche[nr]?\s{1,3}raum|kulturtreff|jugendraum|mehrgenerationen"
                         rf"|{_CLUB_AND_VILLAGE_HALLS}|umkleide(gebäude|räume|raum|trakt|haus|kabinen)|dorfplatz|spielplatz|dorfgemeinschaft"
                         # a village's own mobility, run by its citizens
                         r"|bürgerbus\w{0,6}|dorfauto|mitfahrbank"
                         rf"|{_FARM_SECOND_LINE}",
    # Public facilities that KR Nr. 3.2.2 lists no measure for: sports grounds, club houses, village halls, Kitas and
    # general schools, housing, doctors' practices, fire stations, town halls
    "community_facility": rf"{_CLUB_AND_VILLAGE_HALLS}"
                          r"|kitas?\b|kindergarten|kindertagesstätte|krippe\b|grundschule|oberschule|gymnasium|gesamtschule"
                          r"|wohnungsbau|mietwohnung\w{0,2}|sozialwohnung\w{0,2}|wohnungen\s{1,3}(bauen|errichten|schaffen)"
                          r"|ärztehaus|arztpraxis|\bmvz\b|feuerwehrhaus|feuerwache|gerätehaus|rathaus|friedhof|spielplatz"
                          # care and meeting places of the community
                          r"|tagespflege|pflegeheim|seniorenheim|altenheim|seniorentreff|begegnungsstätte|bürgerhaus"
                          r"|gemeindehaus|mehrgenerationenhaus|jugendzentrum|jugendtreff|offene[nr]?\s{1,3}treff"
                          # public squares and town centres redesigned, and a market hall on them
                          r"|marktplatz|dorfplatz|platzgestaltung|markthalle|(ortskern|ortsmitte|innenstadt)\w{0,2}\s{1,3}"
                          r"(\S{1,20}\s{1,3})?(neu\s{1,3})?(gestalt|aufwert|beleb|umgestalt)"
                          # a public bath (a tourism facility only where it serves mainly tourism, Nr. 3.2.2.5 (8) e:
                          # then tourism_infrastructure is read as well, which the rule on community places leaves be)
                          r"|(hallen|schwimm|kombi|frei)bad\w{0,2}\b",
    "innovation_project": r"innovationsprojekt|künstliche[a-z]{0,2}\s{1,3}intelligenz|\bki\b|digitalisier|innovativ",
    "business_investment": r"[a-zäöüß]{0,20}halle\b|[a-zäöüß]{0,20}hallen\b|neubau|(neue[nrs]?|zweite[nrs]?|ein|eine[nm]?)\s{1,3}[a-zäöüß-]{2,30}\s{1,3}(zu\s{1,3})?(bauen|errichten)"
                           # (a second one of the firm's rooms or lines, which widens what it has: "zweiter serverraum")
                           r"|\bzweite[nrs]?\s{1,3}[a-zäöüß-]{0,30}(raum|räume|halle|linie|anlage|werk|standort|saal)\b"
                           # ("ein eigenes Bürogebäude zu bauen": the building the asker's firm will own)
                           r"|\b(ein|eine[nm]?)\s{1,3}eigene[nmrs]?\s{1,3}[a-zäöüß-]{2,30}\s{1,3}(zu\s{1,3})?(bauen|errichten)"
                           # (with more named before the verb: "ein neues Lager + Ausstellung (auch für Privatkunden) bauen";
                           # "Investitionskosten" are a cost of any measure, a cluster's, a site's)
                           r"|\bneue[nrs]?\s{1,3}[a-zäöüß-]{2,30}(\s{1,3}[^\s.?!]{1,30}){1,6}\s{1,3}(bauen|errichten)\b|erweiter|vergrößer|investition(?!skosten)|investieren|betriebsstätte|\bwerk\b"
                           # (investing in everyday words: "150.000 € in neue Server und Lizenzen stecken")
                           r"|\bin\s{1,3}[^.?!]{3,80}\b(rein)?stecken\b"
                           # (a new plant set about: "Dann würden wir die neue Mahl- und Mischanlage (ca 700k) angehen")
                           r"|\bneue[nrs]?\s{1,3}([a-zäöüß]{2,20}-\s{1,3}(und|oder)\s{1,3})?[a-zäöüß-]{0,25}"
                           r"(anlage|linie)\w{0,2}\b[^.!?]{0,40}\b(angehen|anpacken|umsetzen|realisieren)\b"
                           # (a business opened: "will ne fahrradwerkstatt mit bisschen verkauf aufmachen", "eine
                           # zweite Praxis eröffnen")
                           r"|\b(eine?[nm]?|ne|nen|zweite[nr]?|eigene[nrs]?|neue[nrs]?)\s{1,3}"
                           r"(?!(konto|verfahren|insolvenz\w{0,12}|frage|antrag|gespräch|diskussion)\b)[\w-]{3,30}[^.!?]{0,60}"
                           r"\b(aufmachen|aufzumachen|eröffnen|zu\s{1,3}eröffnen)\b"
                           rf"|{_PLANT_WORDS}|roboterzelle"
                           # (a count of new things named with no verb: "2 neue hebebühnen", not of people or products)
                           r"|\b(\d{1,3}|zwei|drei|vier|fünf|sechs|acht|zehn)\s{1,3}neue\s{1,3}"
                           r"(?!(mitarbeit|arbeitsplätz|arbeitsplatz|stelle|leute|azubi|auszubild|kolleg|fachkr"
                           r"|beschäftig|kunde|produkt|dienstleist|märkte|markt|standort|filiale|mitglied|partner"
                           r"|betrieb|firm|unternehm|projekt|idee|gewerbe))[a-zäöüß-]{4,30}"
                           # KR Nr. 2.4.1 (1): an asset the asker wants, needs or plans, named with no verb of buying
                           # or building ("wir wollen ne zweite trockenkammer und ne neue bandsäge", "überlegen ne neue
                           # umlaufanlage für elementdecken"; not people, not plans on paper)
                           r"|\b(wollen|möchten|brauchen|benötigen|bräuchten|planen|überlegen)\b[^.?!]{0,40}?"
                           r"\b(ne|eine[nm]?|einen)\s{1,3}(neue[nrs]?|zweite[nrs]?|weitere[nrs]?|zusätzliche[nrs]?"
                           r"|größere[nrs]?)\s{1,3}(?!(mitarbeit|arbeitskr|arbeitspl|stelle|halbe|volle|teilzeit|vollzeit"
                           r"|personal|leute|azubi|auszubild|kolleg"
                           r"|fachkr|beschäftig|kunde|märkte|markt|mitglied|partner|firm|unternehm|projekt|idee|förder"
                           r"|antrag|strategie|konzept|chance|richtung|lösung|frage|info|website|webseite|homepage|marke"
                           r"|geschäftsführ|gesellschaft|kooperation|netzwerk|studie|beratung|kampagne))[a-zäöüß-]{4,30}"
                           # (new rooms or buildings named with no verb: "neue reiferäume (ca 1,2 mio) und PV")
                           r"|\bneue[nrs]?\s{1,3}[a-zäöüß-]{0,25}(räume|gebäude|werkstatt|werkstätten|produktionsstätte|lager)\b"
                           r"(?![^.!?]{0,30}\b(an)?(zu)?miete)"
                           r"|anlage\s{1,3}kaufen|lagerstandort|lagerhalle|hochregallager|zentrallager|logistikzentrum"
                           # (equipment bought, in the words of buying it: "ein CAD/CAM-Fräszentrum + 3D-Drucker
                           # anzuschaffen", "die Anschaffung einer Presse"; not "Anschaffungskosten")
                           r"|\b(anschaff\w{0,4}|anzuschaffen|beschaffen|zu\s{1,3}beschaffen)\b"
                           # (a new branch, not the ones the business has: "Backstube + 3 Filialen")
                           r"|distributionszentrum|(neue[nrs]?|weitere[nrs]?|zusätzliche[nrs]?)\s{1,3}filiale"
                           r"|filiale\w{0,2}\s{1,3}(\S{1,25}\s{1,3}){0,3}(eröffnen|aufmachen|bauen|errichten)"
                           # a new or own building or wing ("plant neuen OP-Trakt", "ziehen in ein eigenes Bürogebäude")
                           r"|\b(neue[nrs]?|eigene[nrs]?)\s{1,3}[a-zäöüß-]{0,20}(trakt|flügel|gebäude|gebäudeteil)\b"
                           r"|zimmer|\bhotel|ferienwohnung|pension\b|ansiedl|neue[sn]?\s{1,3}standort|\banbau|kapazität"
                           r"|\d{1,4}\s{1,3}(neue|zusätzliche|weitere)\s{1,3}(stellplätze|betten|plätze|parzellen|mobilheime|hütten)"
                           r"|zweite[nrs]?\s{1,3}(standort|filiale|niederlassung|betriebsstätte|werk)"
                           # KR Nr. 2.4.1 (1) a: setting up a new site ("ein zweites Büro in Bramsche aufmachen")
                           rf"|{_NEW_SITE}"
                           # KR Nr. 2.4.1 (1) b, c: a new line, or products the site has not made before
                           r"|(neue[nrs]?|zusätzliche[nrs]?|weitere[nrs]?|zweite[nrs]?)\s{1,3}[a-zäöüß-]{0,20}linie\b"
                           # (a line or plant built beside what the site has: "ne pelletlinie für unsere späne dazubauen")
                           r"|\b(dazu|hinzu)\s{0,2}(zu)?bauen\b|\b(dazu|hinzu)gebaut\b"
                           # something new for a sum: "neue Attraktion für 2 Mio geplant" (not people: wages)
                           r"|\bneue[nrs]?\s{1,3}(?!stellen|mitarbeit|leute|arbeitsplätze|jobs|fachkräfte|azubi|kollegen)"
                           r"[a-zäöüß-]{3,30}\s{1,3}(für|über|zu|um)\s{1,3}(ca\.?\s{1,3}|rund\s{1,3}|etwa\s{1,3})?\d"
                           # (or with more named before the sum: "neue Bandsäge + Trockenkammer ca 1,1 mio")
                           r"|\bneue[nrs]?\s{1,3}(?!stellen|mitarbeit|leute|arbeitsplätze|jobs|fachkräfte|azubi|kollegen)"
                           r"[a-zäöüß-]{3,30}(\s{1,3}(\+|und|&)\s{1,3}[a-zäöüß-]{3,30})\s{1,3}(für\s{1,3})?(ca\.?|rund|etwa)"
                           r"\s{0,3}\d"
                           r"|bisher\s{1,3}(noch\s{1,3})?nicht\s{1,3}(hergestellt|produziert|gefertigt)|neue[ns]?\s{1,3}produkt"
                           # ("was wir bisher gar nicht machen", "bisher keine Brote herstellen")
                           r"|bisher\s{1,3}(noch\s{1,3}|gar\s{1,3})?(nicht|kein\w{0,2})\s{1,3}(\S{1,25}\s{1,3}){0,3}"
                           r"(herstell|produzier|fertig|mach|anbiet)\w{0,3}\b"
                           # KR Nr. 2.4.1 (1): acquiring assets for the site ("einen neuen Kran kaufen", "zwei neue
                           # Backöfen bestellt"; a firm or its shares bought is a takeover or a share deal)
                           r"|\b(neue[nrs]?|weitere[nrs]?|zusätzliche[nrs]?|zweite[nrs]?)\s{1,3}(?!(firma|betrieb|unternehmen"
                           r"|anteile|gesellschaft)\w{0,2}\b)[\w-]{2,30}\s{1,3}(zu\s{1,3})?(kaufen|anschaffen|beschaffen|erwerben|bestellen"
                           r"|bestellt|gekauft|angeschafft)\b"
                           # (a new asset the business needs: "brauchen ne neue großküche", "benötigen eine neue
                           # Kühlanlage"; not people: "brauchen neue Leute")
                           r"|\b(brauch|benötig)\w{0,3}\s{1,3}(\S{1,20}\s{1,3}){0,2}(eine?[nm]?\s{1,3}|ne\s{1,3}|nen\s{1,3})?"
                           r"(neue[nrs]?|zweite[nrs]?|weitere[nrs]?|zusätzliche[nrs]?|größere[nrs]?)\s{1,3}"
                           r"(?!(stellen|mitarbeit\w{0,6}|leute|arbeitskräfte|fachkräfte|azubis?|auszubildende\w?|kollegen|kunden"
                           r"|aufträge|ideen|impulse|räume\s{1,3}zu\s{1,3}mieten)\b)[\w-]{3,30}\b"
                           # KR Nr. 2.4.1 (1): building a new site or extending one, said verb first ("wir bauen eine
                           # neue Backstube", "Büroetage ausbauen"), and setting up a business of one's own
                           r"|\b(bauen|errichten|eröffnen)\s{1,3}(eine[nm]?|ein|neue[nrs]?|zweite[nrs]?)\b|\bausbau(en)?\b"
                           # (a separable verb with its prefix at the clause's end: "wir bauen an", "wir stocken das
                           # Bürogebäude um ein Geschoss auf")
                           r"|\bbau(en|t|e)\s{1,3}(\S{1,25}\s{1,3}){0,4}(aus|an)\b(?![a-zäöüß])"
                           r"|\bstock(en|t|e)\s{1,3}(\S{1,25}\s{1,3}){0,6}auf\b(?![a-zäöüß])|\baufstock"
                           # a new building, or new things set up ("neues Sanitärgebäude und 15 Mobilheime aufstellen")
                           r"|\bneue[sn]?\s{1,3}[\w-]{0,25}gebäude\b"
                           r"|\b(neue[nrs]?|weitere[nrs]?|zusätzliche[nrs]?)\s{1,3}[\w-]{2,30}\s{1,3}(\S{1,25}\s{1,3}){0,5}"
                           r"(aufstellen|aufbauen)\b"
                           r"|(mach\w{0,2}|machen)\s{1,3}(mich|uns)\s{1,3}selbst\w{0,3}ndig|existenzgründung"
                           r"|(betrieb|firma|unternehmen|geschäft)\s{1,3}(gründen|eröffnen)"
                           # a business of one's own, by its kind: "ne kleine craftbeer-brauerei gründen", "gründe grad
                           # mit 2 kollegen ne softwarefirma" (a club, a network or a foundation is no business)
                           r"|\b(eine[nm]?|ne|nen)\s{1,3}([\w-]{1,30}\s{1,3}){0,2}(?!verein|netzwerk|genossenschaft|stiftung"
                           r"|initiative|arbeitskreis|cluster|förderverein)[\w-]{3,30}\s{1,3}(zu\s{1,3})?gründen\b"
                           r"|\bgründe[nt]?\s{1,3}(\S{1,20}\s{1,3}){0,5}(ne|eine?n?)\s{1,3}[\w-]{0,30}(firma|betrieb|unternehmen"
                           r"|gmbh|werkstatt|manufaktur|brauerei|bäckerei|praxis|agentur|büro)\b",
    "modernisation": r"modernisier|umrüst|umstell(en|t|ung)\b|produktionsprozess|renovier|(?<!rund)erneuer(n|t|ung)\b"
                     r"|auf\s{1,3}den\s{1,3}neuesten\s{1,3}stand"
                     # what stands has to be made new: "die sanitärtrakte … müssen komplett neu"
                     r"|\b(muss|müssen|sollen|soll)\s{1,3}(\S{1,12}\s{1,3})?(komplett|ganz|völlig|rundum|grundlegend)\s{1,3}neu\b"
                     # something new in every room there is: "in allen zimmern neue bäder", "neue Fenster für alle Räume"
                     r"|\b(in|für)\s{1,3}(alle|allen|sämtliche[n]?|die\s{1,3}bestehenden|den\s{1,3}bestehenden)\s{1,3}(\d{1,4}\s{1,3})?"
                     r"(zimmer\w{0,2}|räume\w{0,2}|wohnungen|bäder\w{0,2}|hallen|filialen|gebäude\w{0,2})\b[^.?!]{0,30}\bneue"
                     r"|\bneue[nrs]?\s{1,3}[\w-]{2,30}\s{1,3}(in|für)\s{1,3}(alle|allen|sämtliche[n]?|die\s{1,3}bestehenden"
                     r"|den\s{1,3}bestehenden)\s{1,3}(\d{1,4}\s{1,3})?(zimmer\w{0,2}|räume\w{0,2}|wohnungen|hallen|filialen"
                     r"|gebäude\w{0,2})\b"
                     # (not the soil or the contaminated land of a site: "Abriss und Bodensanierung")
                     r"|(?<!boden)(?<!altlasten)(?<!flächen)sanier(en|t|ung)\b",
    "replacement": r"\bersatzinvestition|\bersatzbeschaffung|\bersatz\s{1,3}(für|der|des|unserer|unseres)\b"
                   r"|(alte[nrs]?|defekte[nrs]?|kaputte[nrs]?|ausgediente[nrs]?|verschlissene[nrs]?|bisherige[nrs]?)\s{1,3}"
                   r"[a-zäöüß-]{2,30}(\s{1,3}[a-zäöüß-]{1,30}){0,5}\s{1,3}(ersetzen|austauschen|erneuern)"
                   r"|durch\s{1,3}(eine[nrs]?|ein)\s{1,3}([a-zäöüß-]{1,30}\s{1,3}){0,2}ersetz"
                   # "unser etagenofen ist 25 jahre alt, wir wollen nen neuen elektro-ofen"
                   r"|\b(ist|sind)\s{1,3}([a-zäöüß]{1,12}\s{1,3}){0,2}\d{1,3}\s{1,3}jahre\s{1,3}alt\b[^.?!]{0,60}?\bne(ue)?[nrs]?\s"
                   r"|\b(ersetzen|austauschen|tauschen)\s{1,3}(die|den|das|unsere[nrs]?)\s{1,3}(alte|defekte|bisherige|kaputte)"
                   r"|austausch\s{1,3}(der|des|unserer|unseres)\s{1,3}(alten|bestehenden|defekten)|eins\s{0,2}zu\s{0,2}eins|\b1\s?:\s?1\b"
                   r"|gleichwertige[nrs]?\s{1,3}(neue|maschine|anlage)|\bneue[nrs]?\s{1,3}gleichwertige"
                   r"|ersetzt\s{1,3}werden|ersetzen\s{1,3}müssen"
                   # "eine neue CNC-Maschine, die eine alte ersetzt"
                   r"|\b(die|der|das|welche[rs]?)\s{1,3}(eine[nrs]?|unsere[nrs]?|die|den|das)?\s{0,3}(alte|bisherige|vorhandene"
                   r"|defekte|kaputte)\w{0,3}\s{1,3}([a-zäöüß-]{1,30}\s{1,3})?ersetz"
                   # "unsere alte cnc-fräse is durch": worn out, and a new one bought in its place
                   r"|\balte[nrs]?\s{1,3}([^\s.!?]{1,30}\s{1,3}){1,4}(ist|is)\s{1,3}(durch|hinüber|verschlissen|kaputt|defekt)\b"
                   # the old one said to go beside the new one: "neue Formanlage geplant, die alte ist 30 Jahre alt",
                   # "neue digitaldruckmaschine, die alte offset fliegt raus", "die alte presse wird verschrottet" (not the old hall
                   # sold in a move: "die alte Halle wird verkauft")
                   r"|\bne(ue)?[nrs]?\s[^.?!]{0,80}\b(die|der|das|unsere[nrs]?)\s{1,3}alte[nrs]?\s{1,3}([a-zäöüß-]{2,30}\s{1,3})?"
                   r"(ist|sind)\s{1,3}([a-zäöüß]{1,12}\s{1,3}){0,2}\d{1,3}\s{1,3}jahre\s{1,3}alt\b"
                   r"|\b(die|der|das|unsere[nrs]?)\s{1,3}alte[nrs]?\s{1,3}([a-zäöüß-]{2,30}\s{1,3})?(fliegt|fliegen|kommt|kommen|geht"
                   r"|gehen|muss|müssen)\s{1,3}(raus|weg)\b|\balte[nrs]?\s{1,3}([a-zäöüß-]{2,30}\s{1,3})?(wird|werden)\s{1,3}"
                   r"(verschrottet|ausgemustert|abgebaut)\b"
                   # "wir ersetzen die durch eine neue"
                   r"|\b(ersetzen|ersetzt|tauschen|austauschen)\s{1,3}(sie|ihn|es|die|den|das|diese[nrs]?)\s{1,3}durch\s{1,3}"
                   r"(eine[nrs]?\s{1,3}|ein\s{1,3})?neue"
                   r"|(gleiche[nr]?|dieselben?|selben?)\s{1,3}(modell\w{0,2}|maschine\w{0,2}|anlage\w{0,2}|gerät\w{0,2}|typ\w{0,2})"
                   r"\s{1,3}(\S{1,20}\s{1,3}){0,2}neu\b|(kaputt|defekt)\w{0,3}\b[^.!?]{0,60}\bneu\s{1,3}(kaufen|anschaffen|beschaffen|bestellen)"
                   r"|(wird|werden)\s{1,3}(\S{1,20}\s{1,3}){0,2}(ersetzt|ausgetauscht)\b"
                   # a new one of a thing whose old one goes: "ein neues Sanitärhaus … Das alte Sanitärhaus reißen wir
                   # ab" (the same noun both times)
                   r"|\bneue[snm]?\s{1,3}(?P<thing>[a-zäöüß-]{4,30})\b[^!?]{0,160}?\balte[nrs]?\s{1,3}(?P=thing)\w{0,2}\b"
                   r"[^.!?]{0,40}?"
                   r"\b(abreiß\w{0,2}|abgerissen|reißen|abbau\w{0,2}|abgebaut|verschrott\w{0,3}|ersetz\w{0,2}|weg|raus)\b",
    # a switch of the energy source of a plant ("von Gas auf Strom", "auf Elektro-Etagenöfen umstellen"): it may be a
    # transformation project (KR Nr. 2.4.3.1, 2.4.3.2) rather than a modernisation; it selects no path of its own
    "fuel_switch": r"\b(von|vom)\s{1,3}(erd|heiz)?(gas|öl|diesel|kohle)\w{0,6}\s{1,3}(\S{1,25}\s{1,3}){0,3}(auf|zu)\s{1,3}"
                   r"(strom|elektr|wärmepump|wasserstoff|biomasse|holz|pellet)"
                   r"|\bauf\s{1,3}(elektro|elektrisch|strom|wasserstoff|wärmepump)[\w-]{0,24}\s{1,3}(\S{1,25}\s{1,3}){0,2}"
                   r"(umstellen|umgestellt|umstellung|umrüsten|umgerüstet|wechseln|umsteigen)"
                   # (also the short "E-" for electric: "Gas-Etagenöfen durch neue E-Öfen ersetzen")
                   r"|\b(erd)?(gas|öl)[\w-]{0,14}\s{1,3}(\S{1,25}\s{1,3}){0,3}(durch|gegen)\s{1,3}(\S{1,25}\s{1,3}){0,2}(elektr|strom|wärmepump|e-[a-zäöüß])"
                   r"|\belektr\w{0,10}\s{1,3}statt\s{1,3}(erd)?(gas|öl)|\bweg\s{1,3}vom?\s{1,3}(erd|heiz)?(gas|öl)\b|dekarbonis"
                   # "unser alter gasofen ist durch, wir wollen 2 neue elektro-etagenöfen": a fossil unit, new electric
                   # ones in its place
                   r"|\b(erd)?(gas|öl)-?(ofen|öfen|heizung|kessel|brenner|herd|therme|feuerung)\w{0,2}\b[^.!?]{0,60}?"
                   r"\bneue[nrs]?\s{1,3}(\S{1,20}\s{1,3})?(elektr|strom|wärmepump)"
                   # (the new electric ones first: "2 neue elektro-backöfen, die ersetzen unsere alten gasöfen")
                   r"|\b(elektr|strom|wärmepump|e-[a-zäöüß])[\w-]{0,24}[^.!?]{0,60}\b(ersetz\w{0,3}|austausch\w{0,4})\b"
                   r"[^.!?]{0,40}\b(erd)?(gas|öl)(-|\w{0,12}\b)",
    "relocation": r"verlager|\bumzug\b|umziehen|umzieh|zieh(en|t|e)\s{1,3}(\S{1,30}\s{1,3}){0,6}um\b|standortwechsel"
                  r"|an\s{1,3}einen\s{1,3}neuen\s{1,3}standort\s{1,3}(ziehen|gehen|verlegen)|verlegen\s{1,3}(unseren|den)\s{1,3}(betrieb|standort|sitz)"
                  # the old site sold for the new one ("die alte Halle im Ort würden wir dann verkaufen")
                  r"|\b(alte[nrs]?|bisherige[nrs]?)\s{1,3}(halle|betriebsstätte|standort|betriebsgelände|firmengelände|werk|gebäude"
                  r"|grundstück)\b[^.!?]{0,40}\b(verkauf|aufgeb|aufgegeben|abgeb|schließ|geben\s{1,3}(\S{1,20}\s{1,3}){0,2}auf\b)"
                  # the firm moving from one place to another, or into a new building ("wir ziehen von Osnabrück nach
                  # Bramsche", "unser Betrieb zieht in ein neues Gebäude")
                  r"|\bzieh\w{0,3}\s{1,3}(\S{1,30}\s{1,3}){0,3}?von\s{1,3}[\wäöüß.-]{2,30}(\s{1,3}[\wäöüß.-]{2,30})?\s{1,3}nach\s{1,3}\w"
                  r"|\bzieh\w{0,3}\s{1,3}(mit\s{1,3}\S{1,30}\s{1,3})?in\s{1,3}(ein|eine|einen)\s{1,3}neue[snm]?\s{1,3}(gebäude"
                  r"|halle|standort|gewerbegebiet|betriebsgebäude|firmengebäude|werk)",
    # KR Nr. 2.4.1 (1): buying shares of a company is no initial investment
    "share_deal": r"(übernahme|kauf|erwerb|übertragung|übernimmt|übernehmen|kauft|kaufen|erwirbt|erwerben)\s{1,3}"
                  r"(der|die|von|aller|alle|sämtlicher|sämtliche)?\s{0,3}(\w{1,20}\s{1,3})?"
                  r"(gmbh-|geschäfts|gesellschafts|gesellschafter|unternehmens|firmen|kg-)?anteile"
                  r"|(gmbh-|geschäfts|gesellschafts|gesellschafter|unternehmens|firmen|kg-)?anteile\w{0,2}\s{1,3}(\S{1,25}\s{1,3}){0,4}"
                  r"(übernimmt|übernehmen|übernommen|kaufen|kauft|gekauft|erwerben|erwirbt|erworben|abkaufen|übertragen|überträgt)\b"
                  r"|share\s?-?deal|anteilskauf|anteilserwerb",
    "takeover": r"betriebsübernahme|unternehmensnachfolge|betriebsnachfolge|nachfolgeregelung|firmenübernahme"
                r"|übernahme\s{1,3}(eines|einer|des|der)\s{1,3}([a-zäöüß]{1,20}\s{1,3})?(betrieb|firma|unternehmen|werk|standort)"
                # (not the seller of a thing bought: "eine gebrauchte halle von einem anderen betrieb kaufen")
                r"|(?<!\bvon einem )(?<!\bvon einem anderen )(?<!\bvon einer )(?<!\bvon einer anderen )(?<!\bvom )"
                r"(betrieb|firma|unternehmen|werk|standort)\w{0,3}\s{1,3}(übernehmen|kaufen|erwerben)"
                # "die Betriebsstätte samt Maschinen zu übernehmen"
                r"|betriebsstätte\w{0,2}\s{1,3}(\S{1,25}\s{1,3}){0,3}(zu\s{1,3})?(übernehmen|kaufen|erwerben)"
                # (in any person, and a business named by its "-erei": "ich übernehme die Tischlerei meines Chefs")
                r"|(übernehm\w{0,2}|übernimmt|kauf\w{0,2}|erwerb\w{0,2}|erwirbt)\s{1,3}(einen|eine|den|die|das|seinen|seine"
                r"|ihren|ihre)\s{1,3}([a-zäöüß]{1,20}\s{1,3})?(betrieb|firma|unternehmen|werk|[a-zäöüß]{2,20}erei)(?![\w-])"
                r"|geschäftsanteile|gesellschaftsanteile|anteile\s{1,3}(kauf|übernehm|erwerb)\w{0,2}|share\s?deal|stillgelegt"
                # a site bought from an estate in insolvency, not one used machine ("eine gebrauchte Fräse aus der
                # Insolvenzmasse einer Werft": a used asset, Nr. 2.6.2)
                r"|(betrieb|halle|werk|standort|betriebsstätte|firma|unternehmen|gebäude|produktion)\w{0,3}\b[^.?!]{0,80}"
                r"insolvenzmasse|insolvenzmasse[^.?!]{0,80}\b(betrieb|halle|werk|standort|betriebsstätte|firma|unternehmen"
                r"|gebäude|produktion)"
                # the assets of an insolvent firm bought ("ein Lohnfertiger … ist insolvent, wir könnten die Maschinen
                # und die Halle übernehmen")
                r"|insolven\w{0,4}\b[^?!]{0,120}\b(übernehmen|übernommen|kaufen|erwerben|abkaufen)\b"
                # KR Nr. 2.4.1 (1) e: a site that would close without the purchase ("würde die Schlosserei sonst
                # zumachen"), and the takeover named as such ("wird so eine Übernahme gefördert?"; not of costs)
                r"|\b(sonst|ansonsten|andernfalls)\s{1,3}(\S{1,20}\s{1,3}){0,3}(zumachen|zugemacht|schließen|geschlossen"
                r"|dichtmachen|dichtgemacht|aufgeben|aufgegeben)\b"
                r"|\b(eine|so\s{1,3}eine|diese|unsere|meine|für\s{1,3}die|zur|bei\s{1,3}der)\s{1,3}übernahme\b"
                r"(?!\s{1,3}(der|von|des)\s{1,3}(kosten|miete|gebühr|zinsen|haftung|bürgschaft))"
                # a business handed over to the asker ("mein vater will mir die schreinerei übergeben")
                r"|\b(mir|uns|an\s{1,3}mich|an\s{1,3}uns)\s{1,3}(\S{1,25}\s{1,3}){0,3}(übergeben|übertragen|überschreiben|vererben)\b"
                # a site that closes and is carried on by the buyer (KR Nr. 2.4.1 (1) e): "macht zum Jahresende dicht
                # … den Standort weiterführen"
                r"|(standort|betrieb|werk|produktion)\w{0,3}\s{1,3}(weiterführen|fortführen|weiterzuführen|fortzuführen)"
                # the assets bought as such ("asset deal"), and a site that closes without the buyer ("chef sagt ohne
                # mich macht er zu")
                r"|asset\s?-?deal|\bohne\s{1,3}(mich|uns)\s{1,3}(\S{1,20}\s{1,3}){0,3}(macht|schließt|gibt)\s{1,3}"
                r"(\S{1,20}\s{1,3}){0,4}(zu|dicht|auf)\b",
    "broadband": r"breitband|glasfaser|\bftt[hb]\b|gigabit|schnelle[a-z]{0,2}\s{1,3}internet|internetanbindung|mobilfunkmast|funkmast"
                 r"|\b5g\b",
    # KR Nr. 2.4.3.1: beyond the Union's and the national standards of environmental protection (Art. 36 AGVO)
    "environmental_protection": r"umweltschutz|über\s{1,3}(die\s{1,3})?(gesetzliche[n]?\s{1,3}|nationalen?\s{1,3}|eu-?\s{0,3})?"
                                r"(umwelt)?(norm|vorgabe|standard|grenzwert)\w{0,3}\s{1,3}hinaus|umweltschutzniveau"
                                r"|emissions?(minderung|reduzierung|senkung)|emissionen\s{1,3}(senken|mindern|reduzieren|verringern)"
                                r"|abluftreinigung|abgasreinigung|schadstoff\w{0,10}\s{1,3}(senken|mindern|reduzieren|verringern)",
    "energy_efficiency": r"energieeffizien|abwärme|energieverbrauch|wärmerückgewinnung|stromkosten\s{1,3}senken|effizienter",
    # the energy of a building: its shell insulated or renewed (KR Nr. 2.4.3.2 (1) funds only efficiency gains "durch
    # nicht gebäudebezogene" investments)
    "building_energy": r"\bdämm(en|ung|t)\b|wärmedämm|dachdämm|fassadendämm|gebäudehülle|gebäudedämm"
                       r"|energetisch\w{0,2}\s{1,3}(\S{1,20}\s{1,3}){0,2}(sanier|ertüchtig|modernisier|erneuer|katastroph)"
                       r"|(halle|gebäude|dach|fassade)\w{0,2}\s{1,3}(\S{1,20}\s{1,3}){0,2}(isolier|dämm)",
    # KR Nr. 2.4.3.3 (2): producing renewable hydrogen is no eligible investment
    "hydrogen_production": r"elektrolyseur|elektrolyseanlage|\bh2-?(erzeugung|produktion|anlage)"
                           r"|wasserstoff\w{0,6}\s{1,3}(\S{1,20}\s{1,3}){0,2}(erzeug|produzier|herstell)"
                           r"|(erzeug|produzier|herstell)\w{0,6}\s{1,3}(\S{1,20}\s{1,3}){0,2}(grünen\s{1,3}|erneuerbaren\s{1,3})?wasserstoff",
    "renewable_self_supply": r"photovoltaik|\bpv\b|pv-anlage|solaranlage|eigenversorgung|eigenstrom|eigenbedarf|wärmepumpe"
                             r"|batteriespeicher|stromspeicher",
}
_PROJECT_TYPE_RES = {kind: re.compile(pattern) for kind, pattern in PROJECT_TYPE_PATTERNS.items()}
# An investment that builds or extends (KR Nr. 2.4.1 a-d): this keeps business_investment next to a modernisation or a
# replacement named in the same text; a bare "Maschine" or "Hotel" does not.
_BUILDS_OR_EXTENDS = re.compile(
    r"neubau|neue[nrs]?\s{1,3}(produktionshalle|halle|werk|werkhalle|betriebsstätte|standort|fertigungslinie|produktionslinie"
    r"|lagerhalle|filiale|gebäude|linie|laden|ladenlokal|werkstatt|büro|bürogebäude|praxis)\b|erweiter|\banbau|anbauen|kapazität|ansiedl|errichten|errichtung|diversifi"
    r"|neue[ns]?\s{1,3}produkt|zweite[ns]?\s{1,3}(werk|standort|halle)|(halle|werk|gebäude|hotel)\s{1,3}(neu\s{1,3})?bauen"
    r"|zusätzliche[nrs]?\s{1,3}(halle|linie|maschine|zimmer|kapazität)|aufstock|ausbau\w{0,3}\s{1,3}(der|des|unserer|unseres)"
    # more places to let: "40 neue Stellplätze", "12 zusätzliche Zimmer"
    r"|\d{1,4}\s{1,3}(neue|zusätzliche|weitere)\s{1,3}(stellplätze|zimmer|betten|plätze|parzellen|ferienwohnungen|ferienhäuser"
    r"|mobilheime|hütten|apartments)"
    r"|(grundlegend|komplett|vollständig)\w{0,2}\s{1,3}(umstell|änder|neu)|gesamten\s{1,3}produktionsprozess"
    rf"|{_NEW_SITE}")
# A plant item a firm buys new ("neuer Ofen", "eine neue CNC-Fräse", "neue Maschinen kaufen"): with no word of building,
# extending or replacing, whether it replaces one the firm has (Nr. 2.6.2: no Ersatzbeschaffung) is open
_NEW_PLANT = re.compile(r"\bne(ue)?[nrs]?\s{1,3}([a-zäöüß-]{1,20}\s{1,3})?[a-zäöüß-]{0,25}(ofen|öfen|maschine\w{0,2}|anlage\w{0,2}"
                        r"|säge|fräse|presse|drehbank|roboter|backstraße|kessel|lackierkabine"
                        # (machine tools by their names: "2 neue CNC-Bearbeitungszentren", "ein neuer Faserlaser")
                        r"|zentrum|zentren|laser|stanze|kantbank|drucker|automat|automaten)\b", re.IGNORECASE)


def replacement_open(text: str, project_types: list[str]) -> bool:
    """Whether a firm's investment is a new plant item of which the text does not say whether it replaces one or adds
    to what the firm has ("bäckerei, neuer ofen, gibts da was?"): only an addition, not a like-for-like replacement,
    can be funded (KR Nr. 2.4.1, 2.6.2 (2) a)."""
    lowered = _SAME_CAPACITY.sub(" ", text.lower())
    return (not project_types or "business_investment" in project_types) \
        and not {"replacement", "modernisation", "relocation", "takeover", "share_deal"} & set(project_types) \
        and bool(_NEW_PLANT.search(lowered)) and not _BUILDS_OR_EXTENDS.search(lowered) and not _ADDS.search(lowered)


# What an addition says of itself beside a new plant item ("ne zweite linie … was wir bisher gar nicht machen", "die GbR
# baut einen Hallenanbau")
_ADDS = re.compile(r"anbau|linie\b|zusätzlich|\bzweite[nrs]?\b|\bweitere[nrs]?\b|\bbisher\s{1,3}(gar\s{1,3})?(nicht|kein)"
                   r"|\bmehr\s{1,3}(aufträge|kapazität|produktion|stück|output)")


# KR Nr. 2.4.1 (1) d: "grundlegende Änderung des Gesamtproduktionsverfahrens", as people say it. Bounded.
_CHANGES_PROCESS = re.compile(
    r"(grundlegend|komplett|vollständig|völlig|ganz)\w{0,2}\s{1,3}(neu\w{0,2}|geändert\w{0,2}|umgestellt\w{0,2}|andere[nrs]?)"
    r"\s{1,3}(\S{1,25}\s{1,3}){0,2}(produktionsprozess|produktionsverfahren|fertigungsprozess|fertigungsverfahren)"
    r"|(gesamte[nrs]?|ganze[nrs]?)\s{1,3}(produktionsprozess|produktionsverfahren|fertigung|produktion)\w{0,2}\s{1,3}"
    r"(\S{1,25}\s{1,3}){0,4}(umstell|umgestellt|änder|geändert|umbau|umgebaut)"
    r"|(produktionsprozess|produktionsverfahren|gesamtproduktionsverfahren)\w{0,2}\s{1,3}(\S{1,25}\s{1,3}){0,3}"
    r"grundlegend\w{0,2}\s{1,3}(ändern|umstellen|erneuern)"
    # (the whole making switched to another way: "wir wollen auf digitale fertigung umstellen")
    r"|\bauf\s{1,3}(\S{1,25}\s{1,3}){0,2}(fertigung|produktion|herstellung)\s{1,3}(\S{1,15}\s{1,3})?(umstellen|umzustellen|umgestellt)"
    # the verb before, its particle after: "wir stellen die komplette Fertigung von halb- auf vollautomatisch um"
    r"|\bstell\w{0,3}\s{1,3}(die|unsere|den|das|unseren)\s{1,3}(gesamte|ganze|komplette)[nrs]?\s{1,3}(produktion|fertigung"
    r"|herstellung|produktionsprozess|fertigungsprozess)\w{0,3}\s{1,3}(\S{1,25}\s{1,3}){0,6}um\b"
    # the whole of production automated: "die komplette Fertigung automatisieren"
    r"|(gesamte|ganze|komplette)[nrs]?\s{1,3}(produktion|fertigung|herstellung)\w{0,3}\s{1,3}(\S{1,25}\s{1,3}){0,3}"
    r"(automatisier|umstell|umgestellt|umbau|umgebaut)"
    # the whole of the work moved to another way of making ("wir wollen komplett auf digital umstellen (Scan, Fräse,
    # 3D-Drucker)", "ganz auf CNC umrüsten"); not a fuel or a lamp ("komplett auf LED umstellen": no way of making)
    r"|(komplett|vollständig|völlig|ganz)\s{1,3}auf\s{1,3}(digital\w{0,6}|cnc|vollautomat\w{0,6}|automat\w{0,6}|roboter\w{0,6}"
    r"|3d-?\w{0,8}|industrie\s{0,2}4\.0)\s{1,3}(\S{1,25}\s{1,3}){0,2}?(umstell|umgestellt|umrüst|umgerüstet)")
# A path for visitors: tourism infrastructure (KR Nr. 3.2.2.5), whoever else rides it
_FOR_TOURISTS = re.compile(r"touris\w{0,6}|urlaub\w{0,3}|feriengäst\w{0,2}|ausflüg\w{0,3}|ausflug\w{0,3}|radtour\w{0,2}|freizeit")
# The measures of KR Nr. 2.4.3 (open to firms of any size), and the generic words for any firm's investment
_TRANSFORMATION = {"environmental_protection", "energy_efficiency", "renewable_self_supply"}
# A coworking room as a part of another house: "mit Coworking-Bereich", "mit einer kleinen Co-Working-Ecke"
_COWORKING_PART = re.compile(r"\bmit\s{1,3}(einem\s{1,3}|einer\s{1,3}|kleine[mnr]?\s{1,3}|eigene[mnr]?\s{1,3}){0,2}(co-?working)"
                             r"[\w-]{0,3}(bereich|ecke|raum|räumen|plätzen|platz|fläche|arbeitsplätzen)")
# Efficiency of a plant or a process, not of a building: "Abwärme der Öfen nutzen", "Druckluftanlage erneuern"
_PLANT_EFFICIENCY = re.compile(r"abwärme|wärmerückgewinnung|druckluft|\banlage|maschine|prozess|öfen|\bofen")
_GENERIC_INVESTMENT = re.compile(r"[a-zäöüß]{0,30}investition\w{0,3}|investier\w{0,4}")
# The party something is taken over from: "von unserer Schwester(firma)", "vom alten Betrieb"
_FROM_A_PARTY = re.compile(r"\b(von\s{1,3}(unserer|unserem|der|dem|einer|einem|seiner|ihrer)|vom)\s{1,3}\w*$")
# Building or equipping a facility (not only naming it as a partner)
_BUILDS_OR_EQUIPS = re.compile(r"\b(bau\w{0,4}|neubau\w{0,2}|ausbau\w{0,2}|anbau\w{0,2}|umbau\w{0,2}|erweiter\w{0,5}"
                               r"|errichte\w{0,2}|sanier\w{0,5}|ausstatt\w{0,4}|ausstattung|werkstatt|gebäude\w{0,2})\b")
# A firm building or buying something of its own ("nen neuen Laden", "30 neue Kanus anschaffen", "Steg bauen")
_FIRM_BUILDS_OR_BUYS = re.compile(r"\b(wir|ich)\b[^.!?]{0,80}\b(neue[nmrs]?\s{1,3}\w|anschaff\w{0,4}|kaufen|bauen|errichten"
                                  r"|erweitern|umbauen)", re.IGNORECASE)
# Where a firm is ("wir sitzen seit 30 Jahren im Hafen", "ansässig am Hafen"): a place named after it is no project
_SITS_AT = re.compile(r"\b(sitzen|sitzt|sitze|ansässig|liegen|liegt|befinden\s{1,3}uns|befindet\s{1,3}sich|sind)\b"
                      r"[^,.;:!?]{0,40}\b(im|am)\s{1,3}([a-zäöüß]{2,20}\s{1,3})?$")
# What only public bodies or clubs carry (KR Nr. 3.2.2)
_PUBLIC_FACILITIES = {"tourism_infrastructure", "industrial_site", "revitalisation", "business_centre",
                      "education_infrastructure", "wastewater", "harbour", "commuter_cycle_path", "commuter_transport",
                      "community_facility", "test_infrastructure"}
# Project types that only make sense for a business; a municipality's "Erweiterung" of a centre is not one.
# who speaks of their own: "wir wollen unsere alten Öfen …"
_WE_ACT = re.compile(r"\b(wir|ich)\s{1,3}(würden|wollen|möchten|planen|werden|will|möchte|würde|plane)\b"
                     r"|\b(würden|wollen|möchten|planen|werden|will|möchte|würde|plane)\s{1,3}(wir|ich)\b")
_SPEAKS_FOR_ITSELF = re.compile(r"\b(wir|ich)\b[^.!?]{0,80}\b(unser\w{0,2}|mein\w{0,2})\b")
_OWN_PLANT = re.compile(_PLANT_WORDS)
_COMPANY_ONLY_TYPES = {"business_investment", "modernisation", "replacement", "relocation", "takeover", "share_deal",
                       "environmental_protection", "energy_efficiency", "building_energy", "renewable_self_supply",
                       "first_hire",
                       "market_launch"}
# The kinds of a firm's investment in its own business (its plant, buildings, energy, staff, products): no project of
# a public body's task (sector_goals.yaml `public_tasks`)
FIRMS_OWN_KINDS = frozenset(_COMPANY_ONLY_TYPES | {"fuel_switch", "process_change"})
# The kind of a business investment: a later statement of one replaces the earlier ones ("nur eine Ersatzinvestition").
INVESTMENT_KINDS = {"business_investment", "modernisation", "replacement"}  # a firm's own investment (KR Nr. 2.4.1)
REPLACEMENT_PART = "replacement_part"  # the cost item of a part that replaces what is there (funding_paths.yaml)

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
# Usual short forms and spellings without umlauts.
_MUNICIPALITY_SPELLINGS: dict[str, str] = {
    "GMHütte": "Georgsmarienhütte", "GM-Hütte": "Georgsmarienhütte", "GMHuette": "Georgsmarienhütte",
    "Hagen aTW": "Hagen a.T.W.", "Dissen aTW": "Dissen a.T.W.", "Hilter aTW": "Hilter a.T.W.",
    **{name.replace("ü", "ue").replace("ö", "oe").replace("ä", "ae"): canonical
       for name, canonical in MUNICIPALITIES.items() if any(c in name for c in "üöä")},
}
# Member towns of the Samtgemeinden (for finding the LEADER region).
SAMTGEMEINDE_OF: dict[str, str] = {
    **{t: "Samtgemeinde Artland" for t in ("Quakenbrück", "Badbergen", "Menslage", "Nortrup")},
    **{t: "Samtgemeinde Bersenbrück" for t in ("Bersenbrück", "Alfhausen", "Ankum", "Eggermühlen", "Gehrde", "Kettenkamp", "Rieste")},
    **{t: "Samtgemeinde Fürstenau" for t in ("Fürstenau", "Berge", "Bippen")},
    **{t: "Samtgemeinde Neuenkirchen" for t in ("Neuenkirchen", "Merzen", "Voltlage")},
}


def _name_pattern(names: list[str], flags: int) -> re.Pattern[str]:
    alternatives = "|".join(re.escape(n).replace(r"\ ", r"\s{1,3}") for n in sorted(names, key=len, reverse=True))
    return re.compile(rf"(?<![\wÄÖÜäöüß])(?:{alternatives})(?![\wÄÖÜäöüß])", flags)


# The adjective of a place, as in "die Bramscher Innenstadt", "ein Meller Betrieb": the name with "-er" ("-r" after an
# "e"); not for the names with "a.T.W."
_DEMONYMS: dict[str, str] = {(name + "r" if name.endswith("e") else name + "er"): canonical
                             for name, canonical in MUNICIPALITIES.items() if "." not in name and " am " not in name}
_ALL_SPELLINGS = {**MUNICIPALITIES, **_MUNICIPALITY_SPELLINGS, **_DEMONYMS}
# Names are found in any case ("quakenbrück", "melle und bissendorf"); one that is also a common word only after "in",
# "aus", "Gemeinde" ...
_COMMON_WORD_TOWNS = {"berge", "berger", "riester"}
_TOWNS = _name_pattern(list(_ALL_SPELLINGS), re.IGNORECASE)
_TOWN_LOOKUP = {re.sub(r"\s+", " ", n.lower()): canonical for n, canonical in _ALL_SPELLINGS.items()}
_PLACE_BEFORE = re.compile(r"(\bin|\baus|\bnach|\bbei|\bvon|gemeinde|\bstadt|,)\s{1,3}$", re.IGNORECASE)
_FUZZY_TOWNS = sorted({n.lower() for n in MUNICIPALITIES if " " not in n and len(n) >= 6})


# The words that name where a project is rather than what it is: the district, its towns (with their adjectives) and
# "Stadt"/"Kreis" on their own. IREK goals that speak of "Stadt und Landkreis" (a joint medical campus, a joint
# business development) are no closer to a project for saying where it stands (`without_places`).
_PLACE_WORDS = re.compile(r"(?<![\wÄÖÜäöüß])(?:landkreis(?:es)?|kreis(?:es)?|lk|stadt|osnabrück(?:er|s)?|os)(?![\wÄÖÜäöüß])",
                          re.IGNORECASE)


def without_places(text: str) -> str:
    """`text` without the names of places in the district ("in Melle", "osnabrück-stadt", "im Landkreis")."""
    return re.sub(r"\s{2,}", " ", _PLACE_WORDS.sub(" ", _TOWNS.sub(" ", text))).strip()


# The share of turnover with the business's own lodging guests, as people state it: "übernachtungsgäste machen vllt
# 15%", "nur 10 % vom umsatz kommen aus den zimmern", "hotelgäste bringen ca. 20 prozent". Bounded.
_LODGING = r"(?:übernachtung\w{0,4}|hotelgäst\w{0,2}|übernachtungsgäst\w{0,2}|beherbergung\w{0,2}|zimmern?\b|gästezimmer\w{0,2})"
_OF_GUESTS = re.compile(r"gäst")  # the lodging share said of the guests ("Übernachtungsgäste", "Hotelgäste")
# ("die übernachtungsgäste machen bei uns eher so 15% vom umsatz": up to six words between, within the clause)
_LODGING_SHARE = re.compile(rf"{_LODGING}\s{{1,3}}(?:[^\s,;]{{1,20}}\s{{1,3}}){{0,6}}?(\d{{1,2}}(?:,\d)?)\s{{0,2}}(?:%|prozent)"
                            # (not across a comma: "Restaurant macht ca. 55 % vom Umsatz, Hotelgäste essen auch da")
                            rf"|(\d{{1,2}}(?:,\d)?)\s{{0,2}}(?:%|prozent)\s{{1,3}}(?:[^\s,;]{{1,20}}\s{{1,3}}){{0,5}}?{_LODGING}")


# A sum said of an electricity storage in the same clause: "davon Speicher 250k", "Batteriespeicher ca. 120.000 €",
# "nen batteriespeicher (400k)"
_STORAGE_BEFORE = re.compile(r"speicher\w{0,4}\s{0,3}(?::|=|ca\.?|rund|etwa|für|von|mit|allein|alleine)?\s{0,3}\(?"
                             r"\s{0,3}(?:ca\.?|rund|etwa)?\s{0,3}~?$", re.IGNORECASE)


def _storage_sum(text: str) -> float | None:
    for start, end, value in _amounts(text):
        if _STORAGE_BEFORE.search(text[max(0, start - 40): start]) or _STORAGE_AFTER.match(text, end):
            return value
    return None


# the words after a sum that say what it is for ("620k für pv"): a sum named by them
_NAMED_FOR = r"\s{0,3}(?:€|eur\b|euro\b)?\s{0,3}(?:für|fürs)\s{1,3}(?:(?:den|die|das|eine[nm]?|ein|unsere[nmr]?|neue[nmrs]?|gebrauchte[nmrs]?)\s{1,3})*"
# ... a storage's: "180k für speicher", "150.000 € für den Batteriespeicher"
# (or right after it: "davon 250k speicher")
_STORAGE_AFTER = re.compile(r"(?:" + _NAMED_FOR + r"|\s{0,3}(?:€|eur\b|euro\b)?\s{0,3})(?<![\w-])[\w-]{0,20}speicher\b", re.IGNORECASE)


# The share of the restaurant or bar instead ("Restaurant macht ca 40% vom Umsatz, Rest Übernachtung"): lodging is the
# rest
_GASTRO = r"(?:restaurant|gastronomie|gastro|küche|café|cafe|\bbar\b|ausschank|kneipe)"
# A lodging business's restaurant as people name it ("Hotel + Restaurant"); not its kitchen, which `_GASTRO` counts for
# a share of turnover ("Küche macht 40 %")
NAMES_GASTRONOMY = re.compile(r"restaurant|gastronomie|\bgastro\b|speiselokal|café|\bcafe\b|\bbar\b|biergarten|kneipe"
                              r"|ausschank", re.IGNORECASE)  # a lodging business's restaurant, as people name it
_GASTRO_SHARE = re.compile(rf"{_GASTRO}\w{{0,4}}\s{{1,3}}(?:\S{{1,20}}\s{{1,3}}){{0,4}}?(\d{{1,2}}(?:,\d)?)\s{{0,2}}(?:%|prozent)"
                           # "ca 85% aus restaurant und feiern, der rest übernachtungen"
                           # ("ca 80 % vom umsatz kommt aus restaurant und feiern")
                           rf"|(\d{{1,2}}(?:,\d)?)\s{{0,2}}(?:%|prozent)\s{{1,3}}(?:(?:vom|des|der)\s{{1,3}}umsatz\w{{0,2}}\s{{1,3}}"
                           rf"(?:kommt|kommen|stammt|stammen|entfällt|entfallen|machen|macht)?\s{{0,3}})?"
                           rf"(?:aus|vom|von|für|durch|mit|auf)\s{{1,3}}(?:de[mnr]|das|die)?\s{{0,3}}{_GASTRO}")


def _gap(text: str, at: int, pattern: str) -> int:
    """How far the nearest word of `pattern` within 60 characters stands from position `at` (999: none)."""
    window = text[max(0, at - 60): at + 60]
    return min((abs(m.start() - min(60, at)) for m in re.finditer(pattern, window)), default=999)


# the restaurant's own guests as what a share is of ("im Restaurant sind … 20 % Übernachtungsgäste")
_WITHIN_RESTAURANT = re.compile(r"\b(im\s{1,3}(restaurant|lokal|gasthaus|saal)|in\s{1,3}der\s{1,3}(gastronomie|gaststätte)"
                                r"|von\s{1,3}den\s{1,3}(restaurant|essens)?gäst\w{0,2})\b[^.!?]{0,30}$")


def _lodging_share(lowered: str) -> tuple[float | None, bool | None]:
    """The share of turnover with own lodging guests (per cent) where the text states one ("15,5 %" is 15.5), or the
    rest of the share it states for its restaurant; and whether it is said of the guests (True), of the rooms or as
    the rest named as lodging (False), or only read as the rest (None)."""
    match = _LODGING_SHARE.search(lowered)
    gastro = _GASTRO_SHARE.search(lowered)
    number = next((n for n in range(1, 3) if match and match.group(n)), 0)
    said = next((n for n in range(1, 3) if gastro and gastro.group(n)), 0)  # the group of the restaurant's number
    if gastro and match and match.start(number) == gastro.start(said):
        # one number for both: it belongs to the word nearer to it ("Restaurant macht ca 40 %, Rest Übernachtung";
        # "Restaurant mit Gästezimmern, 30 % vom Umsatz")
        at = gastro.start(said)
        gastro = gastro if _gap(lowered, at, _GASTRO) < _gap(lowered, at, _LODGING) else None
    if gastro and (not match or match.start(number) == gastro.start(said)):  # the number said of the restaurant
        # (the rest said to be lodging, "Rest Übernachtung", or only read so: None, "Restaurant macht ca. 55 %")
        rest_said = re.search(rf"\brest\w{{0,2}}\b[^.?!]{{0,20}}{_LODGING}", lowered)
        return 100.0 - float(gastro.group(said).replace(",", ".")), (False if rest_said else None)
    if not match:
        return None, None
    before = lowered[max(0, match.start() - 40): match.start()]
    if _WITHIN_RESTAURANT.search(before) and not _TURNOVER_CONTEXT.search(lowered[match.start(): match.end() + 30]):
        return None, None  # "im Restaurant sind vllt 20 % Übernachtungsgäste": a share of its guests, not of turnover
    return float(match.group(number).replace(",", ".")), bool(_OF_GUESTS.search(match.group()))


# -- applicant --------------------------------------------------------------------------------------------------------

def _applicant_candidates(lowered: str) -> list[tuple[float, int, str]]:
    """(rank, position, type) of every applicant marker; rank 0 = self-description, 1 = plain, 2 = about a partner."""
    found = []
    for kind, pattern in _APPLICANT_MARKERS.items():
        for match in pattern.finditer(lowered):
            if match.group() == "gemeinnützig" and _APPLICANT_MARKERS["research"].search(lowered, match.end(),
                                                                                       match.end() + 40):
                continue  # "ein gemeinnütziges Forschungsinstitut": a research body that is non-profit, no Verein
            before = lowered[max(0, match.start() - 40): match.start()]
            # (within its own sentence: "… mit Altlasten. Stadt will …" names no partner by the sentence before)
            before = before[max((m.end() for m in _SENTENCE_END.finditer(before)), default=0):]
            if kind == "municipality" and (_DESTINATION_BEFORE.search(before)
                                           or _AREA_KIND_AFTER.match(lowered, match.end())):
                continue  # "umziehen nach Osnabrück Stadt": a place one goes to, no party at all; nor is a place
                # whose kind of area is asked ("dass der Landkreis D-Gebiet ist")
            if _office_asked(lowered, match.start(), match.end()):
                continue  # "wo stell ich den antrag? landkreis?", "beim landkreis oder beim land?": an office asked
                # about
            # "Wir (Stadt Quakenbrück) wollen unser Freibad …": the body the asker says they are, or what they call
            # their own, describes the asker
            own = match.group().startswith("unser") or re.search(r"\bwir\s{0,2}\($", before)
            rank = 0 if own or _SELF_CONTEXT.search(before) else 2 if _PARTNER_CONTEXT.search(before) \
                or _SETTLES.match(lowered, match.end()) or _THIRD_PARTY_BEFORE.search(before) \
                and _THIRD_PARTY_WANTS.match(lowered, match.end()) \
                or _FORMER_BEFORE.search(before) or _PROSPECT_BEFORE.search(before) \
                or _OPERATOR_CONTEXT.search(before) else 1
            if _PERSON_OF.search(before):
                continue  # "nen kollege aus der innung meinte …": a person's organisation says nothing of who asks
            if _SITE_PAST_BEFORE.search(before):
                continue  # "Altlasten (Tankstelle, Werkstatt)": what the site was used for says nothing of who asks
            if "umsetzung" in match.group():  # "für die IREK-Umsetzung planen wir …": a purpose, not a partner
                rank = min(rank, 1)
            if kind == "company" and match.group() == "betriebs" and not own and not _SELF_CONTEXT.search(before) \
                    and (_SITE_OF_TRADE.match(lowered, match.end()) or _OF_FIRMS.match(lowered, match.end())):
                continue  # "altes Betriebsgelände", "eine betriebsnahe Kita": a site, or a word of firms in general,
                # which says nothing of who asks ("unser Betriebsgelände" does)
            if kind == "company" and match.group() in ("werkstatt", "praxis") and _PART_OF_BUILDING.search(before):
                continue  # "ein Gründerzentrum mit Coworking und Werkstatt": a room of what is built, not who asks
            if kind == "company" and _INDEFINITE_BEFORE.search(before) \
                    and _COMMISSIONED & set(re.findall(r"\w+", lowered[match.end(): match.end() + 80])[:6]):
                continue  # "dürfen wir eine Agentur beauftragen": a contractor the asker hires, not the asker
            if kind == "company" and match.group() in ("kmu", "unternehmen") and _SEVERAL_BEFORE.search(before):
                rank = max(rank, 2)  # "Wir haben 3 KMU aus dem Landkreis für ein FuE-Projekt": the partners counted
            found.append((rank, match.start(), kind))
    return found


# A firm the asker hires (one of _COMMISSIONED within the next words): "eine Agentur beauftragen", "einen Dienstleister
# engagieren"
_INDEFINITE_BEFORE = re.compile(r"\b(ein|eine|einen|einer|externe[snm]?)\s{1,3}(\S{1,25}\s{1,3})?$")


# What a building is built with, right before a room of it: "ein Gründerzentrum mit Coworking und Werkstatt",
# "samt Werkstatt"
_PART_OF_BUILDING = re.compile(r"\b(mit|samt|inkl\.?|inklusive|plus)\s{1,3}(ein\w{0,3}\s{1,3})?([a-zäöüß-]{2,25},?\s{1,3}"
                               r"((und|sowie|oder)\s{1,3})?(ein\w{0,3}\s{1,3})?){0,3}$")


# Kitas and day care for children: who calls themselves their "Träger" is a body that runs them (a Verein, a church, a
# welfare association), unless a firm's legal form is named
_CARE_BODIES = {"85.10", "88.91"}
_CARRIER = re.compile(r"\bträger\w{0,2}\b")
_LEGAL_FORM = re.compile(r"\bgmbh\b(?!\s{0,2}&)|\b(ag|kg|ohg|ug)\b")


# A public service named as the municipality's own: "Stadtbibliothek", "Gemeindebücherei", "Kreismusikschule", "das
# städtische Museum" (services the Gemeinden and Landkreise run: education, health and care, culture, libraries, sport;
# not a firm whose name holds a town, "Stadtbäckerei")
_PUBLIC_SERVICE_CODES = ("84", "85", "86", "87", "88", "90", "91", "93")
_MUNICIPAL_PREFIX = re.compile(r"(stadt|gemeinde|kreis|samtgemeinde)(?!werk)[a-zäöüß]{3}")
_MUNICIPAL_ADJECTIVE = re.compile(r"\b(städtisch|gemeindlich|kommunal|kreiseigen)\w{0,3}\s{1,3}(\S{1,20}\s{1,3})?$")


def _trade_applicant(trade: Trade, non_profit: bool = False) -> str:
    """The applicant type a trade stands for (a Verein, a Hochschule, an authority or a public school, otherwise a
    company); research and development said to be non-profit ("eine gemeinnützige Forschungs-GmbH") is a research
    institution (KR Nr. 3.2.2.8 (2)), not a firm."""
    code = trade.wz
    if code.startswith(("94.", "93.12")):
        return "association"
    if code.startswith("85.40") or code.startswith("72.") and non_profit:
        return "research"
    if code.startswith(("84.", "85.20", "85.31")):
        # (general schools, whose Träger in Niedersachsen are the Gemeinden and Landkreise: "unsere Grundschule")
        return "municipality"
    return "company"


# -- trades ---------------------------------------------------------------------------------------------------------

@dataclass
class _TradeIndex:
    """The stems of the lexicon, by how they match a word."""

    open_stems: dict[str, Trade]  # match a word that begins or (as a compound) ends with them
    exact_stems: dict[str, Trade]  # match a whole word only
    phrases: list[tuple[str, Trade]]  # several words
    lengths: list[int]  # of the open stems, longest first
    fuzzy: dict[str, list[str]]  # open single-word stems of 7+ letters by first letter (for typos)
    close: dict[str, str | None] = field(default_factory=dict)  # word -> its close stem (a bounded memo)

    def close_stem(self, word: str) -> str | None:
        """The stem a misspelt word stands for, if one is close enough. Comparing a word with every stem of its
        letter is the dearest step of reading a question, and the same words come back in question after
        question: each is compared once (the memo starts afresh when full; questions bring any words)."""
        stem = self.close.get(word, "")
        if stem == "":
            found = difflib.get_close_matches(word, self.fuzzy.get(word[0], []), n=1, cutoff=0.88)
            stem = found[0] if found else None
            if len(self.close) >= MAX_MEMO_WORDS:
                self.close.clear()
            self.close[word] = stem
        return stem


MAX_MEMO_WORDS = 20_000
_TRADE_INDEXES: dict[int, tuple[TradeLexicon, _TradeIndex]] = {}


def _trade_index(lexicon: TradeLexicon) -> _TradeIndex:
    cached = _TRADE_INDEXES.get(id(lexicon))
    if cached is None or cached[0] is not lexicon:
        cached = _TRADE_INDEXES[id(lexicon)] = (lexicon, _build_trade_index(lexicon))
    return cached[1]


_AGENT_STEM = 9  # the shortest "-ung" stem whose agent noun is read as the same trade ("verpackung" is none)


def _build_trade_index(lexicon: TradeLexicon) -> _TradeIndex:
    open_stems: dict[str, Trade] = {}
    exact: dict[str, Trade] = {}
    phrases: list[tuple[str, Trade]] = []
    for trade in lexicon.trades:
        for stem in trade.stems():
            if " " in stem:
                phrases.append((stem.rstrip("="), trade))
            elif stem.endswith("=") or len(stem) < 5:
                exact[stem.rstrip("=")] = trade
            else:
                open_stems[stem] = trade
    # a stem written with a hyphen, also as people write it without one ("Software-Startup" -> "Softwarestartup")
    # and as two words ("Kfz werkstatt")
    for stem, trade in list(open_stems.items()):
        if "-" in stem:
            open_stems.setdefault(stem.replace("-", ""), trade)
            if all(len(part) >= 2 for part in stem.split("-")):
                phrases.append((stem.replace("-", " "), trade))
    # the one who does what an "-ung" name of a trade says, named by its agent noun: Lohnfertigung -> Lohnfertiger,
    # Gebäudereinigung -> Gebäudereiniger, Unternehmensberatung -> Unternehmensberater (where no entry has it)
    for stem, trade in list(open_stems.items()):
        if stem.endswith("ung") and len(stem) >= _AGENT_STEM and stem.isalpha():
            open_stems.setdefault(stem[:-3] + "er", trade)
    fuzzy: dict[str, list[str]] = {}
    for stem in open_stems:
        if len(stem) >= 7 and stem.isalpha():
            fuzzy.setdefault(stem[0], []).append(stem)
    return _TradeIndex(open_stems, exact, phrases, sorted({len(s) for s in open_stems}, reverse=True), fuzzy)


# The plurals that umlaut the last part of a business's name ("Supermärkte", "Autohäuser", "Hofläden", "Gasthöfe",
# "Werkstätten", "Freibäder", "Biergärten", "Reitställe", "Festsäle"), with the dative's "n": the singular's last part
_UMLAUT_PLURALS = {"märkte": "markt", "häuser": "haus", "läden": "laden", "höfe": "hof", "werkstätten": "werkstatt",
                   "bäder": "bad", "gärten": "garten", "ställe": "stall", "säle": "saal"}


def _singular_of(word: str) -> str | None:
    """The singular of a business's name whose plural umlauts its last part ("supermärkte" → "supermarkt",
    "autohäusern" → "autohaus"), or None."""
    for plural, singular in _UMLAUT_PLURALS.items():
        stem = word[:-1] if word.endswith(f"{plural}n") and not plural.endswith("n") else word
        if stem.endswith(plural):
            return stem[: len(stem) - len(plural)] + singular
    return None


def _match_word(word: str, index: _TradeIndex) -> tuple[int, Trade] | None:
    """(matched length, trade) for the stem that matches this word: the whole word or the longest last part of the
    compound (with an inflection ending); the longest first part only where no last part matches, as the last part of
    a German compound says what it is (a Brauerei|gasthof is an inn)."""
    # (the plural of the lexicon's "-firma" is no ending added to it: "Logistikfirmen" is read as "Logistikfirma")
    word = word[:-2] + "a" if word.endswith("firmen") else word
    best: tuple[int, Trade] | None = None
    for ending in _ENDINGS:
        if ending and not word.endswith(ending):
            continue
        base = word[: len(word) - len(ending)] if ending else word
        trade = index.exact_stems.get(base)
        if trade and (best is None or len(base) > best[0]):
            best = (len(base), trade)
        for length in index.lengths:  # the compound's last part: Land|hotel, Groß|bäckerei
            if length <= len(base) and (best is None or length > best[0]):
                trade = index.open_stems.get(base[-length:])
                if trade:
                    best = (length, trade)
                    break
    if best is None and (singular := _singular_of(word)) is not None:
        return _match_word(singular, index)  # a plural with an umlaut: "Supermärkte", "Autohäuser", "Hofläden"
    if best is not None:
        return best
    for length in index.lengths:  # the compound's first part: Metallbau|betrieb
        trade = index.open_stems.get(word[:length]) if length <= len(word) else None
        if trade:
            return length, trade
    return None


# The words by which askers say what they are ("wir sind eine Sparkasse", "als Steuerkanzlei")
_DECLARED = {"sind", "bin", "als", "betreiben", "betreibe", "führen", "führe"}
# between the asker's trade and the "mit" of a second line, where words stand between: its place ("brauerei in melle
# mit …")
_OWN_TRADE_TO_MIT = re.compile(r"\s{1,3}(?:in|aus|bei)\s{1,3}[\w-]{2,30}\s{1,3}", re.IGNORECASE)
SECOND_LINE = 1.9  # the rank of a trade named after the asker's own with "mit": theirs too, never the first
DECLARED = -0.5  # the rank of a trade the asker says they are ("wir sind ein Landwirt", "als Landwirt")
# Where a verb opens a question: the text's start, after a colon or a sentence's end, after "und"/"oder"
_CLAUSE_START = re.compile(r"(^|[:.?!;]|\bund|\boder)\s{0,3}$", re.IGNORECASE)
_COUNTS_AS = {"sind", "bin", "gelten", "gelte", "gilt", "zählen", "zähle", "zählt", "wären", "wäre", "ist"}  # verb
# first: a question
_MAIN_ACTIVITY_WORDS = (r"vor\s{1,3}allem|hauptsächlich|überwiegend|größtenteils|vorwiegend|schwerpunktmäßig"
                        r"|in\s{1,3}erster\s{1,3}linie|zum\s{1,3}größten\s{1,3}teil|primär")
# Words that name the main activity right before it: "vor allem Innenausbau", "hauptsächlich Fenstermontage"
_MAIN_ACTIVITY = re.compile(rf"\b({_MAIN_ACTIVITY_WORDS})\s{{1,3}}$", re.IGNORECASE)
# and anywhere in a text: "machen hauptsächlich Möbel in eigener Werkstatt", "unsere Haupttätigkeit ist …"
_MAIN_ACTIVITY_SAID = re.compile(rf"\b({_MAIN_ACTIVITY_WORDS}|haupttätigkeit)\b", re.IGNORECASE)
# A shop of the business's own ("verkaufen aber auch im eigenen Laden", "Manufaktur mit Laden", "unser Ladengeschäft")
_OWN_SHOP = re.compile(r"\b(verkauf\w{0,4}|vertreib\w{0,4})\b[^.?!]{0,40}\b(im|in\s{1,3}(unserem|einem))\s{1,3}(eigenen\s{1,3})?"
                       r"(laden|ladengeschäft|ladenlokal|geschäft|shop|verkaufsraum)\b|\b(eigene[nmr]?|mit|unser\w{0,2})"
                       r"\s{1,3}(laden|ladengeschäft|ladenlokal|verkaufsladen|werksladen)\b", re.IGNORECASE)


def _makes_goods(code: str | None) -> bool:
    """Whether a WZ code is of manufacturing (section C, divisions 10 to 33)."""
    return code == "C" or bool(code) and code[:2].isdigit() and 10 <= int(code[:2]) <= 33


def _opens_text(words: list[_Word], i: int) -> bool:
    """The text opens with word i, telegram style: "Landmaschinenhersteller aus dem Artland, 400 MA …"."""
    return i <= 3 and all(w.text in _OPENING_WORDS for w in words[:i])


# A question that opens by asking about a trade ("und wie ist das mit dem Stahlwerk …?"); inside a longer text the
# trade may be another party's, and the question is answered on its own (answer.questions)
_ASKED_ABOUT = re.compile(r"^\W{0,3}((und|aber)\s{1,3})?(wie|was)\s{1,3}(ist|sieht|steht)\s{1,3}((es|das)\s{1,3})?"
                          r"((denn|dann|aus)\s{1,3})?mit\s{1,3}((der|dem|den|einer|einem)\s{1,3})?$", re.IGNORECASE)


# the verb of building or buying a thing, later in its clause ("Kühlhaus und Zerlegung erweitern", "ein Hotel bauen")
# what an asker does with their business as a whole ("wir wollen mit der Backstube … umziehen")
_WE_WITH = re.compile(r"\b(wir|ich)\b[^.?!,;:]{0,30}\bmit\s{1,3}(der|dem|unsere[mr]?|meine[mr]?)\s{1,3}$", re.IGNORECASE)
_MOVED_WITH = re.compile(r"[^.!?,;:]{0,60}?\b(umziehen|umzuziehen|ziehen|verlagern|verlegen|umsiedeln)\b", re.IGNORECASE)
_BUILT_AFTER = re.compile(r"[^.!?,;:]{0,60}?\b(bauen|erweitern|errichten|anschaffen|kaufen|vergrößern|modernisieren"
                          r"|ausbauen|anbauen|umbauen|neubauen|sanieren|erneuern|ersetzen)\b", re.IGNORECASE)


# Things the asker acquires or uses that belong to another, named with their owner in the genitive ("ein Patent der
# Hochschule", "das Gelände der Molkerei", "eine Ausgründung der Universität"): the owner is not the asker
_HELD_BY_OTHERS = {"patent", "patente", "patents", "lizenz", "lizenzen", "grundstück", "grundstücks", "gelände", "geländes",
                   "gebäude", "gebäudes", "halle", "hallen", "räume", "räumen", "fläche", "flächen", "technologie",
                   "ausgründung", "spin-off", "know-how", "labor", "labore", "rechte", "marke"}


# A trade's name that says the firm makes the goods ("Kältetechnik-Hersteller", "Möbelfabrik")
_MAKER_WORD = re.compile(r"[\w-]{0,40}(hersteller\w{0,2}|herstellung|fabrik\w{0,2}|produzent\w{0,2})\b")


def _trade_rank(words: list[_Word], i: int, text: str, trade: Trade) -> float:
    """Lower ranks first: the trade the asker says they are ("wir sind eine Tischlerei"), the asker's own ("unsere
    Tischlerei", or the trade the text opens with), any trade named, the object of the project ("für eine Bäckerei"),
    a partner's trade ("Kunden aus der Logistik"), last a trade denied ("kein Hotel"); among equals the first named. A
    name usually said of a party one deals with (`declared_only`: "für meine Bank") is the asker's only where they say
    they are one."""
    before = [w.text for w in words[max(0, i - 3): i]]
    if trade.declared_only and not _opens_text(words, i) and not _DECLARED & set(before):
        return 2.0  # "für meine Bank": the bank that finances, not the asker
    if denied(text[:words[i].start]):
        return 3.0
    if _office_asked(text, words[i].start, words[i].start + len(words[i].text)):
        return 2.0  # "wo stell ich den antrag? landkreis? ihk?": a body asked about, not the asker
    if any(w in _FORMER_WORDS for w in before[-2:]) \
            or before and _OLD.fullmatch(before[-1]) and _EMPTY_SITE.search(_sentence_around(text, words[i].start)):
        return 2.0
    if _run_by_another(text, words[i].start + len(words[i].text)):
        return 2.0  # "ein kleines Café, das ein Pächter betreibt": a tenant's business in the asker's building
    if _SITE_COMPOUND.search(words[i].text) \
            or _PLACE_BY_TRADE_BEFORE.search(text, max(0, words[i].start - 50), words[i].start):
        return 2.0  # a site, not the asker
    if _COST_PART_WORDS & {w.lower() for w in before}:
        return 2.0  # "2,4 Mio inkl. Abriss und Bodensanierung": a part of the costs, not the asker's trade
    if len(before) >= 2 and before[-1].lower() in ("der", "des") and before[-2].lower().rstrip(",") in _HELD_BY_OTHERS:
        return 2.0  # "eine Lizenz auf ein Patent der Hochschule": whose the thing is that the asker acquires
    if _ADDED_PART.match(text, words[i].start + len(words[i].text)):
        return 2.0  # "ne sauna anbauen": a part the project adds, not the asker's trade
    if _SETTLES.match(text, words[i].start + len(words[i].text)) \
            or _TAKES_PART_OF_SITE.match(text, words[i].start + len(words[i].text)):
        return 2.0  # "Ein Lebensmittelbetrieb will sich bei uns ansiedeln", "ein großer logistiker will 8 ha davon":
        # the asker's prospect
    if _PERSON_OF.search(text, max(0, words[i].start - 60), words[i].start):
        return 2.0  # "nen kollege aus der innung meinte …": the organisation of a person the asker quotes
    if _PROSPECT_BEFORE.search(text, max(0, words[i].start - 60), words[i].start):
        return 2.0  # "Ein Interessent wäre übrigens ein Stahlverarbeiter": who would buy, rent or run it, not the asker
    if len(before) >= 2 and before[-1] in ("ein", "eine", "einen", "einem", "einer") and before[-2] in _BECAUSE \
            and _AT_THE_ASKERS.match(text, words[i].start + len(words[i].text)):
        # "(wir brauchen die Zufahrt,) weil eine Spedition bei uns stark erweitern will": the firm at the asker's place
        # is the reason for the asker's own project, not the asker (as in "Eine Spedition bei uns will … bauen", where
        # the firm's project is the question)
        return 2.0
    # (up to seven words back where a share is said between: "gehört das Hotel zu 60 % einer Holding"; not "hab
    # gehört, das Land will grad kleine Bäckereien unterstützen")
    if any(words[j].text in _OWNER_WORDS and (i - j <= 5 or _SHARE_SAID.search(text[words[j].start: words[i].start]))
           for j in range(max(0, i - 7), i)) \
            or not _SELF_WORDS & set(before) and any(w.text in _HOLDS_SHARES for w in words[i + 1: i + 7]):
        return 2.0  # the firm the asker belongs to ("eine Holding hält 70 % der Anteile")
    if before and before[-1] in _ARTICLES | _SELF_WORDS and any(w.text.lower() in _CONTRACTOR_DOES
                                                                 for w in words[i + 1: i + 6]):
        return 2.0  # "der Bauunternehmer drängelt": the asker's contractor
    if before and before[-1] in _ARTICLES and any(w.text in _COMMISSIONED for w in words[i + 1: i + 7]):
        return 2.0  # "(dürfen wir) die Planungsbüros … schon beauftragen", "das Ingenieurbüro … beauftragt"
    if [w.text.lower() for w in words[i + 1: i + 3]] in (["soll", "für"], ["sollen", "für"]):
        return 2.0  # "Ingenieurbüro soll für ein neues Gewerbegebiet … machen": the one commissioned
    if _MAIN_ACTIVITY.search(text[max(0, words[i].start - 40): words[i].start]):
        return DECLARED  # "wir machen vor allem Innenausbau": the main activity, as said (KR Nr. 2.7.1 asks for it)
    if len(before) == 3 and before[0] in _COUNTS_AS and before[1] in ("wir", "ich", "das", "es", "man") \
            and before[2] == "als":
        # "sind wir als Entsorger nicht eh raus?", "oder zählt das als Werft?": the kind the asker asks to count as,
        # not what they do
        return 1.0
    own = [n for n, w in enumerate(before) if w in _SELF_WORDS]
    if own and before[own[-1]] in ("sind", "bin") and not {"wir", "ich"} & {w.lower() for w in before} \
            and _CLAUSE_START.search(text[:words[i - len(before) + own[-1]].start]):
        return 1.0  # "Bitte mit Fundstelle: sind Altlastensanierung und Abriss förderfähig?": a question of the trade
    at_verb = i - len(before) + own[-1] if own else 0
    if own and before[own[-1]] in ("sind", "bin") and not {"wir", "ich"} & {w.lower() for w in before} \
            and not (at_verb > 0 and words[at_verb - 1].text.lower() in ("wir", "ich")):
        return 1.0  # "hauptgrund sind zwei große Lebensmittelbetriebe": what others are, not what the asker is
    if before and before[-1].lower().startswith(tuple(_SITE_PAST)) and "(" in text[words[i - 1].start: words[i].start]:
        # "vermuten wir Altlasten (Tankstelle, Werkstatt)", "Altlastenverdacht (Tankstelle, Schießstand)": what the
        # site was used for, not the asker
        return 2.0
    if own and any(w in _CONTRAST_WORDS for w in before[own[-1] + 1:]):
        return 2.0  # "wir oder die Leasingfirma": the other party
    if _WE_WITH.search(text, max(0, words[i].start - 50), words[i].start) \
            and _MOVED_WITH.match(text, words[i].start + len(words[i].text)):
        return 0.0  # "wir wollen mit der backstube von bissendorf … nach melle umziehen": the business the asker moves
    if own and before[own[-1]] in ("wir", "ich") and any(w in _PREPOSITIONS for w in before[own[-1] + 1:]):
        return 1.5  # "was müssen wir bei der Vermietung beachten": what the asker does or deals with, not what they are
    if own and before[own[-1]] in ("wir", "ich") and any(_WISH_OR_PLAN.match(w) for w in before[own[-1] + 1:]) \
            and _BUILT_AFTER.match(text, words[i].start + len(words[i].text)):
        return 1.5  # "Wir wollen Kühlhaus und Zerlegung erweitern": what the project builds, not what the asker is
    if own:
        # "Hofladen erweitern, wir sind ein Landwirt": a trade the asker says they are comes before one the text
        # opens with or the asker only runs
        return DECLARED if _DECLARED & set(before[own[-1]:]) else 0.0
    if _opens_text(words, i):
        return 0.0
    if _FOUNDED_FOR.search(text[max(0, words[i].start - 40): words[i].start]):
        return 0.0  # "(haben ne GmbH) gegründet für nen Solarpark": the business the firm was founded for
    if before and before[-1] == "für" and any(w.text.startswith(_FUNDING_WORDS) for w in words[max(0, i - 5): i - 1]):
        return 1.0  # "gilt die GRW-Förderung auch für Sicherheitsdienste?": the trade asked about
    if _ASKED_ABOUT.search(text[:words[i].start]):
        return 1.0  # "und wie ist das mit dem Stahlwerk in Georgsmarienhütte?": the trade asked about, no partner
    if before and before[-1].lower() in ("uns", "mich"):
        return 0.0  # "wieviel % gibts für uns (kältetechnik-hersteller aus hilter …)": the asker, in apposition
    if before and (before[-1] in _PARTNER_WORDS or (len(before) > 1 and before[-2] in _PARTNER_WORDS)):
        return 2.0
    head = _list_head(words, i, text)
    lead = [w.text for w in words[max(0, head - 2): head]]
    funded = lead[-1:] == ["für"] and any(w.text.startswith(_FUNDING_WORDS) for w in words[max(0, head - 5): head - 1])
    if head < i and lead and lead[-1] in _PARTNER_WORDS and not funded:
        return 2.0  # "wir kochen Mittagessen für Schulen und Kitas": the last of a list of partners is one too
    if any(w in _OBJECT_WORDS for w in before[-2:]):
        return 1.5
    return 1.0


def _list_head(words: list[_Word], i: int, text: str) -> int:
    """The first item of the list the word at `i` ends ("Schulen" of "für Schulen, Horte und Kitas"): back over the
    items joined by a comma or a list word; `i` itself where it ends none."""
    head = i
    for _ in range(_LIST_REACH):
        if head >= 2 and words[head - 1].text.lower() in _LIST_WORDS:
            head -= 2
        elif head >= 1 and "," in text[words[head - 1].start + len(words[head - 1].text): words[head].start]:
            head -= 1
        else:
            break
    return head


_LIST_REACH = 4  # the items a list of partners reaches back over (`_list_head`)


# An adjective made of a trade's stem ("landwirtschaftlich", "gastronomisch") names the asker's trade only before a
# word for a business ("landwirtschaftlicher Betrieb"); before anything else it describes goods or a field.
_ADJECTIVE_ENDING = re.compile(r"(lich|isch)(e|en|er|es|em)?")
_BUSINESS_NOUNS = ("betrieb", "unternehm", "hof", "firma", "gewerbe", "familienbetrieb")


# between "mit" and a second line of the asker's business ("mit eigener Rösterei", "mit angeschlossenem Hofladen")
_OWN_LINE_ADJECTIVE = re.compile(r"(eigen|angeschlossen|integriert|kleine?|zugehörig|hauseigen)(e|er|em|en|es)?")
_LIST_WORDS = {"und", "oder", "sowie", "bzw", "&"}  # the words that join the last item of a list
_LIST_GAP = re.compile(r"\s{0,3}(,|und|oder|/|&)\s{0,3}")  # between two items of a list of trades


def trades_named(text: str) -> list[str]:
    """The WZ codes of every trade the text names, the asker's and any other ("Gießerei … für Landmaschinen",
    "Landwirt … Ferienwohnungen in der alten Scheune"), best first."""
    lexicon = TradeLexicon.load()
    return list(dict.fromkeys(t.wz for _, _, t in sorted(_trades(text, _words(text), lexicon, activities=False))))


def _trades(text: str, words: list[_Word], lexicon: TradeLexicon,
            activities: bool = True) -> list[tuple[float, int, Trade]]:
    """(rank, position, trade) of every trade named, and (with `activities`) of every activity described; with no
    exact hit, close misspellings of long stems count."""
    index = _trade_index(lexicon)
    hits: list[tuple[float, int, int, Trade]] = []
    matched_at: set[int] = set()
    let: set[str] = set()  # the trades said to be run by or let to another party, at any of their mentions
    for i, word in enumerate(words[:3000]):
        found = _match_word(word.text, index)
        if found is None and "-" in word.text:  # "Elektro-Handwerk" as "Elektrohandwerk"
            found = _match_word(word.text.replace("-", ""), index)
        if found is None and i + 1 < len(words) and words[i + 1].start == word.start + len(word.text) + 1:
            # a compound written as two words ("tattoo studio", "Kosmetik Studio"): a stem that reaches into the first
            joined = _match_word((word.text + words[i + 1].text).lower(), index)
            found = (len(word.text), joined[1]) if joined and joined[0] > len(words[i + 1].text) else None
        if found and _ADJECTIVE_ENDING.fullmatch(word.text[found[0]:]) and word.text[:found[0]] in index.open_stems \
                and not (i + 1 < len(words) and words[i + 1].text.startswith(_BUSINESS_NOUNS)):
            found = None  # "landwirtschaftliche Erzeugnisse": what is made or bought, not who the asker is
        if found and _SITE_OF_TRADE.match(word.text[found[0]:].lower()):
            found = None  # "die alte Ziegeleibrache", "das Molkereigelände": a site, the trade's past use
        if found and _WORKS_OF_TRADE.match(word.text[found[0]:].lower()):
            found = None  # "der Rohbau-Auftrag": works ordered from the trade
        if found and _SALES_OF_GOODS.fullmatch(word.text[found[0]:].lower()):
            # "Landtechnik-Vertrieb": the trade in the goods ("Landtechnikhandel", 46.61), where the lexicon has it
            sold = _match_word(word.text[:found[0]].lower().rstrip("-") + "handel", index)
            found = (found[0], sold[1]) if sold else found
        if found:
            rank = _trade_rank(words, i, text, found[1])
            if rank > 1.0 and _LINE_OF_TRADE.fullmatch(word.text[found[0]:].lower()):
                rank = 1.0  # "(70 % nutzen wir selbst) für die Spritzguss-Erweiterung": a line of the asker's works
            between = 1 + (i >= 3 and _OWN_LINE_ADJECTIVE.fullmatch(words[i - 1].text.lower()) is not None)
            # (the own trade right before "mit", or with its place between in one clause: "brauerei in melle mit
            # eigener gaststätte")
            own_before = next((j for j in range(i - between - 1, max(-1, i - between - 4), -1) if j in matched_at), None)
            if i > between and words[i - between].text == "mit" and own_before is not None and rank == 2.0 \
                    and hits[-1][0] < 2.0 and (own_before == i - between - 1 or _OWN_TRADE_TO_MIT.fullmatch(
                        text[words[own_before].start + len(words[own_before].text): words[i - between].start])):
                # "Kaffeerösterei mit Café", "Café mit eigener Rösterei": a second line of the asker's own business
                # (not of another's: "ein kleiner Kiosk mit Bootsverleih, den ein Pächter betreiben soll")
                rank = SECOND_LINE
            # (the trade named before it in a list, also across its "und": "an Landwirte und Lohnunternehmer")
            before = i - 1 if i >= 2 and words[i - 1].text.lower() in _LIST_WORDS and i - 2 in matched_at else i
            if hits and rank <= 1.0 and "auch" in {w.text.lower() for w in words[max(0, i - 2): i]}:
                rank = SECOND_LINE  # "Fleischerei …, wir machen auch Partyservice": a further line of the business
            listed = hits[-1] if hits and before - 1 in matched_at else None
            gap = text[words[before - 1].start + len(words[before - 1].text): word.start] if before else ""
            if listed is not None and listed[0] >= 2.0 and _LIST_GAP.fullmatch(gap):
                rank = listed[0]  # "an Handwerksbetriebe (Dachdecker, Elektriker, Tischler)": the list's rank
            matched_at.add(i)
            if _run_by_another(text, word.start + len(word.text)):
                let.add(found[1].name)
            hits.append((rank, word.start, -found[0], found[1]))
    if index.phrases:
        joined, starts, offset = [], [], 0
        for word in words[:3000]:
            starts.append((offset, word.start))
            joined.append(word.text)
            offset += len(word.text) + 1
        flat = " ".join(joined)
        for phrase, trade in index.phrases:
            at = flat.find(phrase)
            while at != -1:
                if at == 0 or flat[at - 1] == " ":
                    i = next(n for n, (o, _) in enumerate(starts) if o >= at)
                    hits.append((_trade_rank(words, i, text, trade), starts[i][1], -len(phrase), trade))
                    break
                at = flat.find(phrase, at + 1)
    # ("nur ein kleines Café ist angedacht … dürfen wir das Café an einen Pächter geben?": the tenant's at each mention)
    hits = [(max(rank, 2.0), *rest) if rest[-1].name in let else (rank, *rest) for rank, *rest in hits]
    # a trade named as what the asker's business serves is no trade of theirs ("wir vermitteln Ferienwohnungen"); an
    # activity described comes after the asker's trades that the text names ("wir machen Events und Catering")
    described = _activity_hits(text, words, lexicon) if activities else []
    served = {(served, trade.name) for rank, _, _, trade, served in described if rank == ACTIVITY_OWN}
    hits = [hit for hit in hits if not any(at == hit[1] and name != hit[3].name for at, name in served)]
    # (a trade that is what the project builds, rank 1.5, is none of the asker's: "Wir schlachten Schweine … wollen ein
    # neues Kühlhaus bauen")
    named = min((hit[0] for hit in hits if hit[0] < 1.5), default=None)
    hits.extend((rank if named is None else max(rank, named + ACTIVITY_OWN), start, length, trade)
                for rank, start, length, trade, _ in described)
    if not hits:
        candidates = [(i, w) for i, w in enumerate(words[:400]) if w.capitalised and len(w.text) >= 7 and w.text.isalpha()]
        for i, word in candidates[:60]:
            close = index.close_stem(word.text)
            if close:
                trade = index.open_stems[close]
                hits.append((_trade_rank(words, i, text, trade), word.start, -len(close), trade))
    return [(rank, start, trade) for rank, start, _, trade in sorted(hits, key=lambda h: (h[0], h[1], h[2]))]


# -- what the asker's business does, in a verb and its object (trades.yaml `activities`) ---------------------------------

ACTIVITY_OWN = 0.25  # the rank of an activity the asker says they do: after a trade they name, before any other
ACTIVITY_ASKED = 1.25  # the rank of an activity asked about ("Firmen, die Autos reparieren"): after a trade named
_VERB_ENDINGS = ("", "e", "en", "n", "t", "et", "st", "te", "ten", "ung", "ungen", "er", "ern", "end")
_ACTIVITY_WINDOW = 6  # words between a verb and its object
# the object is the asker's own or one thing of a project: "unsere Fahrzeuge", "eine neue Halle", "das Dach"
_NOT_A_TRADE_OBJECT = {"unser", "unsere", "unseren", "unserem", "unserer", "unseres", "mein", "meine", "meinen",
                       "meinem", "meiner", "eigene", "eigenen", "eigener", "eigenes", "alle", "sämtliche", "diese",
                       "diesen", "dieses", "dieser"}
# one thing built or fitted: "eine neue Halle bauen", "ein neues Dach decken" (a product developed or a thing rented
# out is said so too: "wir entwickeln eine Software")
_ONE_THING = {"ein", "eine", "einen", "einem", "einer", "eines", "neue", "neuen", "neues", "neuer", "alte", "alten",
              "altes", "alter"}
_DEFINITE = {"der", "die", "das", "den", "dem", "des"}
_NEGATION = {"kein", "keine", "keinen", "keinem", "keiner", "nicht", "nie"}
_BOUGHT_IN = {"lassen", "lässt", "läßt", "ließen", "beauftragen", "beauftragt"}
# done for the asker's own business, not for customers: "wir fahren alles selbst aus", "Buchhaltung machen wir intern"
# the verb of making goods that "selbst" does not make work for the firm itself ("Teile, die wir selbst fertigen" does)
_MAKES = ("bau",)
_FOR_ITSELF = {"selbst", "selber", "intern", "eigenregie", "inhouse"}
# a wish or a plan: with a verb of building or fitting, the sentence describes the asker's project
_WISH_OR_PLAN = re.compile(r"\b(woll|will|möcht|plan|vorhab|beabsichtig|soll|würde|überleg|müss|muss)", re.IGNORECASE)
_ASKER_WORDS = {"wir", "ich", "uns", "unser", "unsere", "unseren", "unserem", "unserer", "unseres", "mein", "meine",
                "meinen", "meinem", "meiner"}


def _stem_form(word: str, stems: tuple[str, ...], endings: tuple[str, ...]) -> bool:
    return any(word.startswith(stem) and word[len(stem):] in endings for stem in stems)


def _names_object(word: str, stem: str) -> bool:
    """The word is the object, inflected ("autos", "fahrzeuge") or as the last part of a compound
    ("kundenfahrzeuge", "oldtimer-autos")."""
    for ending in _ENDINGS:
        if ending and not word.endswith(ending):
            continue
        base = word[: len(word) - len(ending)] if ending else word
        if base == stem or len(stem) >= 4 and base.endswith(stem) and len(base) - len(stem) >= 3:
            return True
    return False


def _sentences_of(text: str, words: list[_Word], lexicon: TradeLexicon | None = None) -> list[int]:
    """The number of the sentence each word stands in; with `lexicon`, of its clause: a sentence cut at commas and
    colons too, except before a verb of the lexicon's activities that goes on a list of them ("wir bauen, warten und
    reparieren Maschinen")."""
    numbers, number = [], 0
    for n, word in enumerate(words):
        between = text[words[n - 1].start + len(words[n - 1].text): word.start] if n else ""
        if re.search(r"[.!?;]", between) or lexicon is not None and re.search(r"[,:]", between) \
                and not _activity_verb(word.text, lexicon):
            number += 1
        numbers.append(number)
    return numbers


# "warten" that means to wait: before "auf", "bis", "bevor", or after a modal verb ("muss ich … warten")
_WAITS = re.compile(r"wart\w{0,3}\s{1,3}((\S{1,25}\s{1,3}){0,3}(auf|bis|bevor|ab)\b|[^.!?]{0,40}\b(bevor|bis)\b)"
                    r"|warten\s{0,3}[,?.!]", re.IGNORECASE)
_AUXILIARIES = {"habe", "haben", "hat", "hatte", "hatten", "hätten", "ist", "sind", "war", "waren", "wurde", "wurden",
                "worden", "wird", "werden"}


def _participle(text: str, words: list[_Word], sentence: list[int], i: int) -> bool:
    """Word i is a past participle ("verkauft", "repariert"): a "-t" form after or before an auxiliary, at the end of
    its clause ("wir haben Autos repariert", "… verkauft haben"); "berät", "unser Betrieb repariert Autos" are none."""
    word = words[i].text
    if not word.endswith("t") or word.endswith("st") or "ä" in word:
        return False
    following = words[i + 1].text if i + 1 < len(words) and sentence[i + 1] == sentence[i] else ""
    if following in _AUXILIARIES:
        return True
    ends_clause = not following or bool(re.match(r"\s*[,;:.!?)]", text[words[i].start + len(word):]))
    return ends_clause and any(words[j].text in _AUXILIARIES for j in range(i) if sentence[j] == sentence[i])


_ACTIVITY_VERBS: dict[int, tuple[TradeLexicon, dict[str, list[tuple[str, int]]]]] = {}


def _activity_verbs(lexicon: TradeLexicon) -> dict[str, list[tuple[str, int]]]:
    """The verb stems of the lexicon's activities by their first three letters: (stem, number of the activity)."""
    cached = _ACTIVITY_VERBS.get(id(lexicon))
    if cached is None or cached[0] is not lexicon:
        index: dict[str, list[tuple[str, int]]] = {}
        for n, activity in enumerate(lexicon.activities):
            for stem in activity.verbs:
                index.setdefault(stem[:3], []).append((stem, n))
        cached = _ACTIVITY_VERBS[id(lexicon)] = (lexicon, index)
    return cached[1]


def _activity_verb(word: str, lexicon: TradeLexicon) -> bool:
    """Whether a word is the verb (or its noun) of an activity of the lexicon."""
    return any(_stem_form(word, (stem,), _VERB_ENDINGS) for stem, _ in _activity_verbs(lexicon).get(word[:3], ()))


# The particles a separable verb leaves at its clause's end ("wir stellen Möbel her", "wir bauen Spargel an", "wir
# bereiten Kunststoffe auf"): the verb is read with its particle before it ("herstellen", "anbauen", "aufbereiten")
_PARTICLES = {"her", "an", "auf", "aus", "ein", "ab", "um"}


def _with_particle(words: list[_Word], clause: list[int], i: int) -> str:
    """The word at `i`, with the particle of a separable verb before it where the particle closes the word's clause
    within the activity window ("stellen … her" → "herstellen"); else the word."""
    for j in range(i + 1, min(len(words), i + _ACTIVITY_WINDOW + 2)):
        if clause[j] != clause[i]:
            break
        closes = j + 1 == len(words) or clause[j + 1] != clause[j] or words[j + 1].text in ("und", "oder", "sowie")
        if words[j].text in _PARTICLES and closes:
            return words[j].text + words[i].text
    return words[i].text


def _activity_hits(text: str, words: list[_Word],
                   lexicon: TradeLexicon) -> list[tuple[float, int, int, Trade, int]]:
    """(rank, position, 0, trade, position of the object) of every activity a sentence says a business does: a verb
    of the lexicon's `activities` and one of its objects near it ("wir reparieren und warten Autos aller Marken"). Not
    where the object is the asker's own or one thing of a project, the sentence denies it, the work is bought in or
    done for the firm itself ("reparieren lassen", "selbst"), the verb is a participle of one event or "warten" means
    to wait, or a verb of building or fitting stands beside a wish or plan ("wir wollen PV-Anlagen auf unsere Dächer
    bauen")."""
    if not lexicon.activities:
        return []
    project_verbs = tuple(lexicon.project_verbs)
    by_prefix = _activity_verbs(lexicon)
    sentence = _sentences_of(text, words)
    clause = _sentences_of(text, words, lexicon)
    members: dict[int, list[int]] = {}
    for j, number in enumerate(sentence):
        members.setdefault(number, []).append(j)
    hits = []
    found: set[int] = set()  # one hit per activity, at its first verb
    for i, word in enumerate(words[:600]):
        verb = _with_particle(words, clause, i)
        candidates = sorted({n for stem, n in by_prefix.get(verb[:3], ())
                             if n not in found and _stem_form(verb, (stem,), _VERB_ENDINGS)})
        for n in candidates:
            activity = lexicon.activities[n]
            # (its object in its own clause: "mit dem bau der neuen halle angefangen, die maschinen sind …" builds no
            # machines)
            same = [j for j in range(max(0, i - _ACTIVITY_WINDOW), min(len(words), i + _ACTIVITY_WINDOW + 1))
                    if clause[j] == clause[i]]
            whole = members[sentence[i]]
            said = {words[j].text for j in whole}
            # (what another clause of the sentence denies or does for itself is not this verb's: "wir bauen selber
            # nix, ca 75% vom umsatz ist verkauf von … traktoren")
            in_clause = {words[j].text for j in whole if clause[j] == clause[i]}
            if in_clause & _BOUGHT_IN or in_clause & _NEGATION \
                    or in_clause & _FOR_ITSELF and not _stem_form(word.text, _MAKES, _VERB_ENDINGS):
                continue  # (goods made "selbst" are the maker's trade: "Wir bauen Lastenräder selbst")
            if _participle(text, words, sentence, i):
                continue  # "wenn wir alle Grundstücke verkauft haben": one event, not the trade
            if word.text.startswith("wart") and _WAITS.match(text, word.start):
                continue  # "auf die Bewilligung warten, bevor ich die Maschinen bestelle": to wait, not to service
            # (the verb as written or with its particle: "bauen … aus", "setzen … ein")
            builds = any(_stem_form(form, project_verbs, _VERB_ENDINGS) for form in (word.text, verb))
            if builds and (
                    any(_WISH_OR_PLAN.match(words[j].text) for j in whole if j < i)
                    or i + 1 < len(words) and sentence[i + 1] == sentence[i] and _WISH_OR_PLAN.match(words[i + 1].text)):
                continue  # "wir wollen … bauen", "… installieren möchten"; not "wir bauen Dächer und wollen …"
            if builds and not said & _ASKER_WORDS:
                continue  # "dach dämmen, neue tore, led": a list of the project's measures, said by no one who does it
            at = None
            if not activity.objects:
                at = i
            for j in same:
                if at is not None:
                    break
                if j == i:
                    continue
                before = [words[k].text for k in (j - 2, j - 1) if k >= 0 and sentence[k] == sentence[j] and k != i]
                if set(before) & _NOT_A_TRADE_OBJECT or builds and set(before) & _ONE_THING:
                    continue
                if before and before[-1] in _DEFINITE and j - 1 > 0 \
                        and "," not in text[words[j - 2].start + len(words[j - 2].text): words[j - 1].start]:
                    continue  # "das Dach", "die Waren": the asker's own; "eine Firma, die Autos repariert" is no article
                for stem in activity.objects:
                    if " " in stem:
                        phrase = stem.split()
                        if [w.text for w in words[j: j + len(phrase)]] == phrase:
                            at = j
                    elif _names_object(words[j].text, stem):
                        at = j
                    if at is not None:
                        break
            if at is None:
                continue
            first = min(whole)
            own = bool(said & _ASKER_WORDS) or sentence[i] == 0 and i - first <= 1
            hits.append((ACTIVITY_OWN if own else ACTIVITY_ASKED, word.start, 0, lexicon.trade_named(activity.trade),
                         words[at].start))
            found.add(n)
    return hits


# -- processing of agricultural products (KR Nr. 2.7.2 (1)) -------------------------------------------------------------

def _processes_agricultural_products(text: str, lexicon: TradeLexicon) -> bool:
    """Whether one sentence of the text names a verb of processing and an agricultural product (trades.yaml
    `agricultural_processing`): "wir verarbeiten Kartoffeln von Bauern zu Pommes", "wir schlachten Geflügel"."""
    rules = lexicon.agricultural_processing
    verbs, products = tuple(rules.verbs), tuple(p for p in rules.products if " " not in p)
    phrases = [p for p in rules.products if " " in p]
    for sentence in re.split(r"[.!?;]\s", text.lower()):
        found = [w.text for w in _words(sentence)]
        if any(w.startswith(verbs) for w in found) and (any(w.startswith(products) for w in found)
                                                        or any(p in sentence for p in phrases)):
            return True
    return False


# -- numbers --------------------------------------------------------------------------------------------------------

def _int(digits: str) -> int:
    return int(re.sub(r"[.\s]", "", digits))


# The time of the grant named as the time a count is for ("bis zur Bewilligung", "bei Erteilung des Bescheids"): the
# time whose facts decide the eligibility and the rate (KR Nr. 1.5 (3)).
# Staff hired soon, whatever the project ("wir stellen bald 3 ein", "demnächst kommen 2 Leute dazu"); jobs the project
# creates ("dadurch sollen 4-5 neue Stellen entstehen") come after the grant
_HIRED_SOON = re.compile(r"\b(bald|demnächst|gerade|zeitnah|in\s{1,3}kürze|nächste[nr]?\s{1,3}(monat|woche|quartal))\b"
                         r"[^.?!]{0,40}\b(ein|an|dazu|hinzu)\b|\b(stellen|stelle)\s{1,3}(\w{1,12}\s{1,3}){0,2}(bald|demnächst|"
                         r"gerade|zeitnah)\b", re.IGNORECASE)
_AT_GRANT = re.compile(r"\b(bis\s{1,3}zu[rm]|bei\s{1,3}(der\s{1,3})?|zu[rm]\s{1,3}(zeitpunkt\s{1,3}der\s{1,3})?|vor\s{1,3}der)"
                       r"\s{0,3}(bewilligung|gewährung|förderzusage|zusage|erteilung|bescheid\w{0,2}|zuwendungsbescheid\w{0,2})\b",
                       re.IGNORECASE)
_GROWN_TO = re.compile(r"\bauf\s{1,3}(rund|ca\.?|etwa)?\s{0,3}$")
# "von 40 auf 48 Mitarbeiter", "von 40 Beschäftigten auf 48": the staff now, and the staff after the project
_GROWTH = re.compile(rf"\bvon\s{{1,3}}(?:rund\s|ca\.?\s?|etwa\s|derzeit\s|heute\s)?\s{{0,2}}{_NUMBER}\s{{1,3}}({_PEOPLE}\s{{1,3}})?"
                     rf"auf\s{{1,3}}(?:rund\s|ca\.?\s?|etwa\s)?\s{{0,2}}{_NUMBER}(\s{{0,3}}{_PEOPLE})?", re.IGNORECASE)


def _count(word: str) -> int:
    """A count written in digits or as a word ("8", "acht")."""
    return _int(word) if word[0].isdigit() else _NUMBER_WORDS[word.lower()]


def _count_of(match: re.Match[str]) -> int:
    """The number of a `_HEADCOUNT` match, in digits or in words."""
    return _int(match.group(1)) if match.group(1) else _NUMBER_WORDS[match.group(3).lower()]


# No staff yet, said by a founder or a one-person business ("obwohl noch keine mitarbeiter", "ohne Angestellte")
_NO_STAFF_YET = re.compile(r"\b(noch\s{1,3}keine|ohne|bisher\s{1,3}keine|habe\s{1,3}keine|haben\s{1,3}keine)\s{1,3}"
                           r"(mitarbeiter\w{0,3}|angestellte\w{0,2}|beschäftigte\w{0,2}|ma)\b", re.IGNORECASE)


def _employees(text: str) -> tuple[int | None, bool, int | None]:
    """The headcount the text gives, whether it is the one expected at the grant, and the staff to be hired. Counts of
    new or future staff ("30 neue Mitarbeiter", "3 neue Leute einstellen", "auf 60 wachsen") are no headcount: the
    size of a firm (KR Nr. 2.1.5) is its staff now, and those say only how many come; but a count grown to by the
    grant ("wenn wir bis zur Bewilligung auf 55 Leute gewachsen sind") is the one that decides (KR Nr. 1.5 (3))."""
    current: list[int] = []
    at_grant: list[int] = []
    coming: list[int] = []
    grant_ends = [m.end() for m in _AT_GRANT.finditer(text)]
    hires = list(_NEW_JOBS.finditer(text))
    for match in _HEADCOUNT.finditer(text):
        count, adjective = _count_of(match), (match.group(2) or match.group(4) or "").lower()
        before = text[max(0, match.start() - 30): match.start()].lower()
        if _of_other_firm(text, match):
            continue  # "die hat noch einen Fensterbaubetrieb mit 240 Leuten": another firm's staff (`_linked_staff`)
        if _of_other_site(text, match):
            continue  # another site's staff (`_site_staff`)
        if instead := _INSTEAD_OF.search(before):  # "45 statt 60 MA": the first number is the one meant
            count = _int(instead.group(1))
        elif _BELOW.search(before):  # "<50 MA", "unter 50 Beschäftigte": at most one fewer
            count -= 1
        # ("wir stellen 4 Leute ein": a count within the new jobs said)
        hired = any(m.start() <= match.start() < m.end() for m in hires)
        if adjective in _FUTURE_COUNT or _HIRED_AFTER.match(text[match.end(): match.end() + 40]) or hired:
            coming.append(count)  # "30 neue Mitarbeiter", "und 6 Leute einstellen": those who come, not the staff now
            continue
        if any(0 <= match.start() - end <= 40 for end in grant_ends):
            at_grant.append(count)  # "wenn wir bei der Bewilligung 60 Beschäftigte haben"
        elif not _FUTURE_BEFORE.search(before):
            current.append(count)
        elif grant_ends and _GROWN_TO.search(before):
            at_grant.append(count)  # "bis zur Bewilligung auf 55 Leute gewachsen"
    coming += [_count(next(g for g in m.groups() if g)) for m in hires]  # "8 neue Arbeitsplätze"
    for match in _GROWTH.finditer(text):  # "von 40 auf 48 Mitarbeiter": 40 now, 8 to come
        now, then = _int(match.group(1)), _int(match.group(3))
        if then > now and (match.group(2) or match.group(4)):
            current.append(now)
            coming.append(then - now)
    hired = max(coming) if coming else None
    if not current and not at_grant and _NO_STAFF_YET.search(text):
        return 0, False, hired  # "kann ich als startup grw kriegen obwohl noch keine mitarbeiter??"
    if at_grant:
        return max(at_grant), True, hired
    if (full_time := _full_time_equivalents(text)) is not None:
        return full_time, False, hired  # "56 Köpfe, aber Vollzeit gerechnet eher 44": the 44
    for pattern in (_HEADCOUNT_AFTER, _HEADCOUNT_COMPOUND, _WE_ARE_COUNT):
        current += [_int(m.group(1)) for m in pattern.finditer(text)]
    current += [_ORDINAL_COUNT[m.group(1).lower()] for m in _WE_ARE_ORDINAL.finditer(text)]
    # (a text that counts another site only: its staff, which a conversation adds to the firm's said before; beside
    # the firm's own count, which may hold them, "Familienunternehmen mit 40 MA und noch einen Standort mit 20 MA", that)
    return (max(current) if current else _site_staff(text)), False, hired


# A count of full-time equivalents, which decides the size over a count of heads (KR Nr. 2.1.5 with Anhang I AGVO:
# staff in annual work units, part-time as fractions): "vollzeit gerechnet eher 44", "umgerechnet auf Vollzeit ca. 38",
# "44 VZÄ", "38 Vollzeitstellen"
# (not "12 Vollzeitkräfte und 8 in Teilzeit": those are some of the heads)
_FTE_NOUN = r"(?:vollzeitäquivalent\w{0,2}|vzä\b|fte\b|jae\b|jahresarbeitseinheit\w{0,2})"
_FTE_BEFORE = re.compile(rf"(?:vollzeit\s{{0,3}}(?:gerechnet|umgerechnet|betrachtet)\b|in\s{{1,3}}vollzeit\w{{0,6}}\s{{1,3}}"
                         rf"(?:gerechnet|umgerechnet)\b|\bumgerechnet(?:\s{{1,3}}(?:auf|in)\s{{1,3}}vollzeit\w{{0,10}})?"
                         rf"|{_FTE_NOUN}\s{{0,3}}:?)\s{{0,3}}(?:(?:sind\s{{1,3}}(?:es|wir)|eher|ca\.?|rund|etwa|knapp|gut|nur"
                         rf"|also|noch)\s{{1,3}}){{0,3}}{_NUMBER}", re.IGNORECASE)
_FTE_AFTER = re.compile(rf"{_NUMBER}\s{{0,3}}{_FTE_NOUN}", re.IGNORECASE)


def _full_time_equivalents(text: str) -> int | None:
    """The staff the text counts in full-time equivalents (`_FTE_BEFORE`, `_FTE_AFTER`), else None."""
    counts = [_int(m.group(1)) for pattern in (_FTE_BEFORE, _FTE_AFTER) for m in pattern.finditer(text)]
    return max(counts) if counts else None


# Another firm of the group named with its headcount: "(die Holding) hat noch einen Fensterbaubetrieb mit 240 Leuten",
# "unsere Schwesterfirma mit 80 MA" (not the asker's own firm, "ein Familienunternehmen mit 40 MA", nor a second site
# of it, "noch einen Standort mit 20 MA")
_OTHER_FIRM_WITH = re.compile(r"\b(noch|auch|außerdem|weitere[nmrs]?|zweite[nmrs]?|schwester\w{0,8}|tochter\w{0,8}"
                              r"|mutter\w{0,8}|partner\w{0,8})\b[^.,;!?]{0,40}(betrieb|firma|unternehmen|gmbh|werk"
                              r"|gesellschaft|konzern)\w{0,4}\s{1,3}mit\s{1,3}(rund|ca\.?|etwa|knapp|über)?\s{0,3}$",
                              re.IGNORECASE)


# A firm that holds shares in the asker's, named with its headcount right before: "eine holländische Firma (ca. 400
# Leute) hält 40 % an uns", "ein Investor mit 120 MA ist mit 30 % an uns beteiligt"
_HOLDER_AFTER = re.compile(r"[^.?!]{0,12}?\b(hält|halten|besitzt|besitzen|hat|haben|ist|sind)\b[^.?!]{0,40}?"
                           r"\b\d{1,3}(,\d{1,2})?\s{0,2}(%|prozent)[^.?!]{0,30}?\ban\s{1,3}(uns|unsere[rmn]?)\b", re.IGNORECASE)
# The share one firm holds in the asker's ("hält 40 % an uns", "gehört zu 40 % einer Holding", "40 % der Anteile")
_HELD_SHARE = re.compile(r"\b(?P<share>\d{1,3})(,\d{1,2})?\s{0,2}(%|prozent)\s{1,3}(der\s{1,3}(geschäfts)?anteile\b|an\s{1,3}(uns|unsere[rmn]?)\b"
                         r"|(von\s{1,3}uns|unserer\s{1,3}(firma|gmbh|anteile))\s{1,3}gehör)"
                         r"|\bgehör\w{0,3}\s{1,3}(\w{1,12}\s{1,3}){0,2}?zu\s{1,3}(?P<of>\d{1,3})(,\d{1,2})?\s{0,2}(%|prozent)", re.IGNORECASE)


def _of_other_firm(text: str, match: re.Match[str]) -> bool:
    """Whether a headcount is that of another firm of the group (`_OTHER_FIRM_WITH`) or of a firm that holds shares in
    the asker's (`_HOLDER_AFTER`)."""
    return bool(_OTHER_FIRM_WITH.search(text[max(0, match.start() - 80): match.start()])
                or _HOLDER_AFTER.match(text, match.end()))


def _minority_holding(text: str) -> bool:
    """Whether every share the text says another firm holds in the asker's is at most half: a partner enterprise,
    whose figures Anhang I AGVO counts in only in part, not a linked one counted in whole (KR Nr. 2.1.5 (4))."""
    shares = [int(m.group("share") or m.group("of")) for m in _HELD_SHARE.finditer(text)]
    return bool(shares) and max(shares) <= 50


def _linked_staff(text: str) -> int | None:
    """The staff of the other firms of the group that the text names with their headcount (`_of_other_firm`)."""
    counts = [_count_of(m) for m in _HEADCOUNT.finditer(text) if _of_other_firm(text, m)]
    return sum(counts) if counts else None


# Another site of the asker's own firm named with its headcount ("nen zweiten standort in löningen mit 25 leuten",
# "noch eine Filiale mit 8 MA"): its staff belong to the firm's (KR Nr. 2.1.5: the enterprise, not the establishment)
_OTHER_SITE_BEFORE = re.compile(r"\b(noch|zweite[nrs]?|weitere[nrs]?|andere[nrs]?|dritte[nrs]?)\s{1,3}(eine[nmr]?\s{1,3})?"
                                r"(standort|betriebsstätte|filiale|niederlassung)\w{0,2}\b[^.?!]{0,60}\bmit\s{1,3}"
                                r"(rund|ca\.?|etwa|knapp)?\s{0,3}$", re.IGNORECASE)


def _of_other_site(text: str, match: re.Match[str]) -> bool:
    return bool(_OTHER_SITE_BEFORE.search(text[max(0, match.start() - 80): match.start()]))


def _site_staff(text: str) -> int | None:
    """The staff of the other sites of the asker's firm that the text names with their headcount, else None."""
    counts = [_count_of(m) for m in _HEADCOUNT.finditer(text) if _of_other_site(text, m)]
    return sum(counts) if counts else None


# Staff counted in part, among a headcount: "davon 12 Teilzeit und 6 Azubis", "8 Teilzeitkräfte", "3 Minijobber", "22 davon
# teilzeit"
_PART_STAFF = re.compile(r"\b(\d{1,4})\s{0,3}(?:davon\s{1,3})?(?:(?:in\s{1,3})?teilzeit\w{0,8}|azubis?\b|auszubildende\w{0,2}|lehrlinge?\b"
                         r"|minijobber\w{0,2}|aushilfe\w{0,2}|werkstudent\w{0,4}|teilzeitkräfte)", re.IGNORECASE)


def part_counted(text: str) -> int:
    """How many of the staff the text says work part-time or are apprentices, mini-jobbers or temps (0 if none)."""
    return sum(_int(m.group(1)) for m in _PART_STAFF.finditer(text[:20_000]))


# A headcount said to hold part-time staff, temps or apprentices whose number is not given: "eher 60 leute, wenn man die
# teilzeitkräfte und aushilfen mitzählt", "inkl. Minijobber", "mit allen Aushilfen"
_PART_WORDS = r"(?:teilzeit\w{0,8}|aushilf\w{0,4}|minijobber\w{0,3}|azubis?|auszubildende\w{0,2}|saisonkräft\w{0,3})"
# The words that count something into a headcount ("… mitzählt", "mitgerechnet", "die filialen eingerechnet")
_COUNTED_IN_WORDS = (r"(?:mit\s?(?:ge)?zählt|mitzählen|mit\s?(?:ge)?rechnet|dazu\s?(?:ge)?zählt|dazu\s?(?:ge)?rechnet"
                     r"|eingerechnet|eingeschlossen)")
_PART_INCLUDED = re.compile(rf"\b(?:mit|inkl\.?|inklusive|einschließlich|samt|plus)\s{{1,3}}(?:den\s{{1,3}}|allen\s{{1,3}})?"
                            rf"(?:ganzen\s{{1,3}}|unseren\s{{1,3}})?{_PART_WORDS}"
                            rf"|\b{_PART_WORDS}\b[^.?!]{{0,40}}\b{_COUNTED_IN_WORDS}"
                            # (a part of the headcount said to work part-time, with no number: "55 leute, aber viele
                            # davon teilzeit", "davon einige in Teilzeit", "die Hälfte arbeitet Teilzeit")
                            rf"|\b(?:viele|einige|etliche|manche|mehrere|ein\s{{1,3}}paar|ein\s{{1,3}}(?:großer\s{{1,3}})?teil"
                            rf"|die\s{{1,3}}hälfte|die\s{{1,3}}meisten)\s{{1,3}}(?:davon\s{{1,3}}|von\s{{1,3}}(?:denen|ihnen)\s{{1,3}})?"
                            rf"(?:sind\s{{1,3}}|arbeite[nt]\s{{1,3}}|in\s{{1,3}}|auf\s{{1,3}})?(?:in\s{{1,3}})?{_PART_WORDS}"
                            rf"|\bdavon\s{{1,3}}(?:viele|einige|etliche|manche|mehrere|ein\s{{1,3}}paar|die\s{{1,3}}meisten)\s{{1,3}}"
                            rf"(?:in\s{{1,3}})?{_PART_WORDS}",
                            re.IGNORECASE)


# The hours of the part-time staff and of a full-time post, where the text gives both ("22 davon teilzeit mit 20 std/woche
# (vollzeit 40)", "12 Teilzeitkräfte à 30 Stunden, Vollzeit sind 39 Stunden"), or part-time as half a post ("halbtags")
_PART_HOURS = re.compile(r"\bteilzeit\w{0,8}\s{0,3}(?:mit|à|a|zu|je|von|über|,)?\s{0,3}(?:je\s{1,3})?(?:ca\.?\s{0,2}|etwa\s{1,3})?"
                         r"(?P<hours>\d{1,2}(?:,5)?)\s{0,2}(?:std|stunden|h|wochenstunden)\b", re.IGNORECASE)
_FULL_HOURS = re.compile(r"\bvollzeit\w{0,6}\s{0,3}(?:=|:|sind|ist|mit|hat|bei|entspricht|von)?\s{0,3}(?P<hours>\d{2}(?:,5)?)"
                         r"\s{0,2}(?:std|stunden|h|wochenstunden)?\b", re.IGNORECASE)
_HALF_POSTS = re.compile(r"\bteilzeit\w{0,8}\s{0,3}(?:\(?\s{0,2})?(?:halbtags|halbe\s{1,3}stellen?|50\s{0,2}(?:%|prozent))"
                         r"|\b(?:halbtags|auf\s{1,3}halben\s{1,3}stellen)\b", re.IGNORECASE)


def part_time_share(text: str) -> float | None:
    """The share of a full-time post that the text's part-time staff work (20 of 40 hours: 0.5), where it says both
    (or "halbtags"); else None. Only part-time words, never apprentices or temps, and only one rate of hours."""
    text = text[:20_000]
    if _HALF_POSTS.search(text):
        return 0.5
    parts = {_float(m.group("hours")) for m in _PART_HOURS.finditer(text)}
    full = {_float(m.group("hours")) for m in _FULL_HOURS.finditer(text)}
    if len(parts) != 1 or len(full) != 1:
        return None
    share = next(iter(parts)) / next(iter(full))
    return share if 0 < share < 1 else None


def _float(number: str) -> float:
    return float(number.replace(",", "."))


def work_units(text: str, employees: int | None) -> float | None:
    """The headcount in full-time posts where the text counts its part-time staff and their hours ("58 köpfe, aber 22
    davon teilzeit mit 20 std/woche (vollzeit 40)": 36 + 22 × 0.5 = 47), as the KR reckons posts (Fn. 11 to Nr. 2.1.4);
    None where it does not say enough, or where apprentices, temps or mini-jobbers are among those counted in part."""
    if employees is None:
        return None
    text = text[:20_000]
    counted = list(_PART_STAFF.finditer(text))
    if not counted or any("teilzeit" not in m.group(0).lower() for m in counted):
        return None
    part = sum(_int(m.group(1)) for m in counted)
    share = part_time_share(text)
    if share is None or not 0 < part < employees:
        return None
    return employees - part + part * share


def holds_part_time(text: str) -> bool:
    """Whether the headcount of the text holds part-time staff, temps or apprentices (counted or not), so that the
    size, reckoned in annual work units, may be smaller than the headcount's."""
    return part_counted(text) > 0 or _PART_INCLUDED.search(text[:20_000]) is not None


def _company_size(text: str, employees: int | None, knowledge: FundingKnowledge) -> str | None:
    """The size by the headcount (limits from the rules), else by words such as „Konzern“."""
    if employees is not None:
        return knowledge.company_size(employees)
    lowered = text.lower()
    if _SIZES_LISTED.search(lowered):
        return None  # "für kleine, mittlere und große Unternehmen": every size asked about, none the asker's
    for size, pattern in _SIZE_WORDS:
        if pattern.search(lowered):
            return size
    short = _SHORT_SIZE.fullmatch(lowered.strip(" ?!.")) if len(lowered) <= 40 else None
    return _SHORT_SIZES[short.group(1)] if short else None


# Sizes named together ("kleine, mittlere und große Unternehmen", "KMU und Großunternehmen")
_SIZES_LISTED = re.compile(r"\b(kleine|mittlere|große|kmu)[nrs]?\s{0,3}(,|und|oder|/|bzw\.?)\s{0,3}(\S{1,12}\s{0,3}(,|und|oder|/)\s{0,3})?"
                           r"(kleine|mittlere|große|großunternehmen)")
# A short follow-up that names only the size ("und für mittlere?", "Und für Großunternehmen?").
_SHORT_SIZE = re.compile(r"(?:und\s{1,3})?(?:was\s{1,3}ist\s{1,3}mit\s{1,3}|für\s{1,3})?(?:die\s{1,3}|den\s{1,3})?"
                         r"(kleine|mittlere|große)(?:n|s)?(?:\s{1,3}(?:firmen|betriebe))?")
_SHORT_SIZES = {"kleine": "small", "mittlere": "medium", "große": "large"}


def _amounts(text: str) -> list[tuple[int, int, float]]:
    """(start, end, euros) of every amount of money in the text."""
    found = []
    for match in _AMOUNT.finditer(text):
        digits, decimals, price_dash, unit, currency = match.groups()
        if not unit and not currency and not price_dash and not (
                "." in digits and not decimals and (_BARE_SUM_BEFORE.search(text[max(0, match.start() - 30): match.start()])
                                                    or _BARE_SUM_ALONE.search(text[max(0, match.start() - 10): match.start()])
                                                    and _BARE_SUM_ENDS.match(text, match.end())
                                                    or _BARE_SUM_PLANNED.search(text[max(0, match.start() - 30): match.start()])
                                                    and _BARE_SUM_FOR.match(text, match.end())
                                                    or _BARE_SUM_NET.match(text, match.end())
                                                    or _BARE_SUM_HOLDS.match(text, match.end()))):
            continue  # (a bare "800.000" counts only right after words of investing: "investieren 800.000 in …", or
            # as an estimate that no word of what it counts follows: "ne neue poliermaschine rund 120.000.")
        value = float(_int(digits)) + (float("0." + decimals) if decimals else 0.0)
        if unit:
            value *= _MULTIPLIER[unit.lower().replace(".", "").replace(" ", "")]
        found.append((match.start(), match.end(), value))
    covered = {start for start, _, _ in found}
    for match in _AMOUNT_CURRENCY_FIRST.finditer(text):
        if match.start(1) not in covered:
            found.append((match.start(), match.end(), float(_int(match.group(1)))))
    for match in _AMOUNT_WORDS.finditer(text):
        factor = _WORD_FACTOR[match.group(1).lower()]
        found.append((match.start(), match.end(), (0.5 if match.group(2) else factor) * 1e6))
    return sorted(found)


# A sum of grant the asker asks to be confirmed ("Also 1,2 Mio Zuschuss?", "sind das dann 80k Förderung?")
_GRANT_ASKED = re.compile(r"\s{0,3}(€|euro)?\s{0,3}(zuschuss|förderung|fördergeld|förderbetrag)\s{0,3}\?", re.IGNORECASE)


def asked_grant_eur(text: str) -> float | None:
    """The grant in euros the text asks to be confirmed, if it names one right before "Zuschuss?" or "Förderung?"."""
    return next((value for _, end, value in reversed(_amounts(text)) if _GRANT_ASKED.match(text, end)), None)


# Where a clause or a sentence ends, also in lower-case writing ("ca 4,5 mio umsatz. wollen ne neue halle"), but not
# after an abbreviation ("ca. 900k", "Nr. 2.6.2")
_SENTENCE_OR_CLAUSE = re.compile(r"[,;]|" + "".join(rf"(?<!\b{a})" for a in _ABBREVIATIONS) + r"[.!?]\s", re.IGNORECASE)
# The words that join two parts of one list of costs
_JOINS_PARTS = r"(,|\+|plus|und|sowie|;)"
# what a sum is for, named after it (`_NAMED_FOR`), and what joins two such parts ("620k für pv, 180k für speicher")
_FOR_WHAT = re.compile(_NAMED_FOR + r"([a-zäöüß][\w-]{1,30})", re.IGNORECASE)
_LIST_JOINT = re.compile(r"\s{0,3}" + _JOINS_PARTS + r"\s{0,3}(ca\.?|rund|etwa|nochmal|noch)?\s{0,3}", re.IGNORECASE)
# What stands between two parts of one list of costs: "(ca 900k) plus 2 CNC-Maschinen (", ", neue Maschinen "
# (a sum per year of each part counts as written: "Regionalmanager (180k/Jahr) plus Projektmittel (520k/Jahr)")
# (and the particle of a verb split around the sum: "wir kaufen sie ihr für 450k ab, dazu umbau ca 200k")
_PART_GAP = re.compile(r"\s{0,3}(/\s{0,2}(jahr\b|a\b|p\.\s{0,2}a\.)|\s(pro|im|je)\s{1,3}jahr\b)?\s{0,3}\)?\s{0,3}"
                       r"((ab|an|auf|aus|ein|zu|bei|dazu)(?=\s{0,3}[,;+]))?\s{0,3}"
                       # (how the part is paid, said after its sum: "CNC-Bearbeitungszentrum 600k über Leasing, …")
                       r"((über|per|via|auf|im|als)\s{1,3}(leasing|mietkauf|miete|kredit|darlehen|raten)\w{0,2}(?=\s{0,3}[,;+]))?"
                       r"\s{0,3}" + _JOINS_PARTS + r"\s{1,3}[^.!?:€]{2,90}$", re.IGNORECASE)


# A remark in brackets right after a sum, on that sum ("380k inkl grundstück)" after "kaufen ("); also the remark's
# closing bracket alone
_BRACKET_REMARK = r"\s{0,3}(\(?[^()]{1,40}\))?"
# A headcount that counts a line of the business in ("wenn man die gaststätten mitzählt", "die filialen eingerechnet")
_COUNTED_IN = re.compile(rf"\b{_COUNTED_IN_WORDS}\b", re.IGNORECASE)
# A sum said with its VAT: "inkl. mwst", "mit Umsatzsteuer", "2 mio brutto" (not a wage: "55k AG-brutto im jahr")
_WITH_VAT = re.compile(r"\b(inkl\.?|inklusive|incl\.?|einschließlich|mit)\s{0,3}(der\s{1,3})?" + _VAT_WORDS + r"\b"
                       r"|(\d|\bk|\bmio\.?|€|\beuro)\s{0,3}brutto\b(?!\s{0,3}(im|pro|je|/)\s{0,3}(jahr|monat|woche|stunde|std)\b)",
                       re.IGNORECASE)
# A remark right after a sum on its VAT, on that sum alone ("750.000 inkl. mwst, dazu hallenerweiterung 480k netto")
_VAT_REMARK = re.compile(r"\A\s{0,3}\(?\s{0,3}((inkl\.?|inklusive|incl\.?|zzgl\.?|zuzüglich|ohne|mit)\s{0,3}"
                         + _VAT_WORDS + r"\b\.?|netto\b\.?|brutto\b\.?)\s{0,3}\)?", re.IGNORECASE)
# What stands between a part and a last one named after its sum: a joint, after a remark in brackets on the part
_BARE_JOINT = re.compile(_BRACKET_REMARK + r"\s{0,3}(,|\+|plus|und|sowie|;)\s{0,3}(ca\.?|rund|etwa)?\s{0,3}",
                         re.IGNORECASE)
# The words between a sum and a part of it named next: ", davon grundstück " (a part within, not one more)
_WITHIN_BEFORE = re.compile(r"\s{0,3}[,;(]?\s{0,3}(davon|darin|darunter)\s{1,3}[^.!?:€,;]{0,40}$"
                            # (or in brackets after what the sum holds: "700.000 inkl. grundstück (grundstück ca 150k)")
                            r"|\s{0,3}(inkl\.?|inklusive|einschließlich|samt)\s{1,3}[^.!?€()]{1,40}\(\s{0,3}[^.!?:€,;()]{0,40}$",
                            re.IGNORECASE)
# A sum said to hold another cost ("Gesamtkosten 8 Mio inkl. Grunderwerb", "2 Mio, davon 300k für den Austausch")
SUM_HOLDS_OTHER = re.compile(r"\b(davon|darin|darunter|inkl\.?|inklusive|einschließlich|samt)\b", re.IGNORECASE)


_ADDED_SUM = re.compile(r"\s{0,3}(\+|plus)\s{0,3}(ca\.?\s{0,3}|rund\s{1,3}|nochmal\s{1,3}|noch\s{1,3})?"
                        # "… für ca 1,1 Mio übernehmen und dann nochmal 400k reinstecken", also after a remark in
                        # brackets on the sum before and with a few words before "nochmal" ("kaufen (380k inkl
                        # grundstück) und wolln da nochmal ca 250k reinstecken")
                        r"|" + _BRACKET_REMARK + r"\s{0,3}([a-zäöüß]{3,20}\s{1,3})?und\s{1,3}([a-zäöüß]{2,12}\s{1,3}){0,3}?"
                        r"(dann\s{1,3}|danach\s{1,3})?(nochmal|noch\s{1,3}mal"
                        r"|noch\s{1,3}einmal|zusätzlich)\s{1,3}(ca\.?\s{0,3}|rund\s{1,3})?"
                        # "… für 900.000 € kaufen und dann für 400k anbauen": a second sum with its own verb after it
                        r"|\s{0,3}[a-zäöüß]{3,20}\s{1,3}und\s{1,3}(dann\s{1,3}|danach\s{1,3}|anschließend\s{1,3})?"
                        r"(noch\s{1,3})?für\s{1,3}(ca\.?\s{0,3}|rund\s{1,3}|weitere\s{1,3})?", re.IGNORECASE)
# Between a part named after its sum and the next sum: further items of the same part, then the joint ("240.000 für
# fräsmaschine, drucker etc. + 40k für …")
_MORE_ITEMS = re.compile(r"(?:\s{0,3}[,/]\s{0,3}[a-zäöüß][\w-]{1,30}(?:\s{1,3}[a-zäöüß][\w-]{1,30}){0,2})*"
                         r"(?:\s{1,3}(?:etc|usw)\s?)?" + _LIST_JOINT.pattern, re.IGNORECASE)
_WORDS_AFTER = re.compile(r"\s{0,3}(?:€|eur|euro)?\s{0,3}([a-zäöüß][\w-]{1,30}(?:\s{1,3}[a-zäöüß][\w-]{1,30})?)",
                          re.IGNORECASE)


# A sum in the next sentence said to come on top of the one before, with the words that name it ("… für 450k
# erweitern. Außerdem eine CNC-Maschine für 80k", "Halle 1,2 Mio. Und noch ne neue Maschine für 80k"), not a sum spent
# before ("Außerdem haben wir letztes Jahr 200k investiert")
_NEXT_SENTENCE_ADDS = re.compile(r"\A\s{0,3}(?:€|eur\b|euro\b)?(?:[^.!?€]{0,50}[.!?])?\s{0,3}"
                                 r"(?![^.!?€]{0,120}\b(?:haben|hatten|hat|wurden?|bereits|schon|letzte[ns]?\s{1,3}jahr"
                                 r"|vorjahr|vor\s{1,3}\w+\s{1,3}jahren)\b)"
                                 r"(?:und\s{1,3})?(?:[a-zäöüß]{2,15}\s{1,3}){0,4}?(?:außerdem|zusätzlich|dazu|ferner"
                                 r"|weiterhin|daneben|des\s{1,3}weiteren|noch|plus|sowie)\b[^.!?€:]{2,90}\Z", re.IGNORECASE)
# The words that open a part's label without naming it: who wants it and how it is added ("Wir wollen unsere Halle",
# "Außerdem brauchen wir noch eine CNC-Maschine")
_LABEL_OPENING = re.compile(r"^(?:(?:und|dazu|außerdem|zusätzlich|dann|ferner|weiterhin|daneben|plus|sowie)\s{1,3})*"
                            r"(?:(?:wir|ich)\s{1,3}(?:wollen|wolln|möchten|planen|brauchen|müssen|würden|werden)\s{1,3}"
                            r"|(?:brauchen|wollen|möchten|planen|kaufen|müssen)\s{1,3}(?:wir|ich)\s{1,3}"
                            r"|(?:wollen|wolln|möchten|planen|kommt|kommen)\s{1,3})?"
                            r"(?:(?:noch|auch|gerne|gern|direkt|gleich|sofort|dann)\s{1,3})*(?:unsere?[nm]?\s{1,3})?", re.IGNORECASE)


def _part_label(text: str, start: int) -> str:
    """The words that name the sum at `start`, from the words before it in its clause ("Erweiterung der Werkstatt"
    of "Erweiterung der Werkstatt 450.000 €"); "" where none do."""
    # (a comma before the sum ends its words: "PV aufs Dach für Eigenverbrauch, ca. 400k")
    # (nor a word saying the sum is for several of the item: "zwei Faserlaser (zusammen 700k)")
    # (nor words that only add it: "… übernehmen und dann nochmal 400k reinstecken")
    begin = max(0, start - 45)
    window = text[begin: start] if begin == 0 or not text[begin - 1].isalnum() else \
        re.sub(r"^\S*\s?", "", text[begin: start])  # (not a word cut at the window's start: "r Halle")
    raw = re.sub(r"(?:[\s(~,]*\b(ca\.?|rund|etwa|gut|knapp|für|von|je|zusammen|insgesamt|dann|nochmal|noch|zusätzlich))*[\s(~,]*$",
                 "", window, flags=re.IGNORECASE)
    # (a remark in brackets right before the sum is not its name: "die halle (asset deal), ca 450k"; but one on the
    # sum before is: "Grundstück 120k (noch nicht gekauft), 80k Hebebühnen")
    remark = re.search(r"\s{0,3}\([^()]{1,30}\)[\s,]*$", raw)
    raw = raw[:remark.start()] if remark and not re.search(r"\d", raw[:remark.start()]) else raw
    label = re.split(r"[,;+()–]|\bplus\b|\bund\b|\bsowie\b|:", _SENTENCE_OR_CLAUSE.split(raw)[-1])[-1].strip()
    label = _LABEL_OPENING.sub("", label)  # ", dazu neue öfen", "Außerdem brauchen wir noch eine CNC-Maschine"
    return label


def _cost_parts(text: str, investments: list[tuple[int, int, float]]) -> list[tuple[str, float]]:
    """The investment sums that form one list of parts (each after the words that name it, joined by ",", "+", "plus",
    "und", or each before them: "620k für pv, 180k für speicher"), with those words; [] where there are fewer than two
    such parts."""
    named_after = [_FOR_WHAT.match(text, end) for _, end, _ in investments]
    if len(investments) >= 2 and all(named_after) and all(
            _MORE_ITEMS.fullmatch(_abbreviation_dots_out(text[after.end(): following[0]]))  # type: ignore[union-attr]
            for after, following in zip(named_after, investments[1:])):
        return [(after.group(1), value) for after, (_, _, value) in zip(named_after, investments)]  # type: ignore[union-attr]
    parts: list[tuple[str, float]] = []
    for n, (start, end, value) in enumerate(investments):
        label = _part_label(text, start)
        # (the dot of "ca." ends no sentence: "PV (ca. 420 k€) und einen Batteriespeicher (ca. 150 k€)")
        # (a remark on the VAT of the sum before is no list's break: "750.000 inkl. mwst, dazu hallenerweiterung 480k")
        gap = _VAT_REMARK.sub("", _abbreviation_dots_out(text[investments[n - 1][1]: start]), count=1) if n else ""
        # (or a last part named after its sum, past a remark on the part before: "Grundstück dafür 120k (noch nicht
        # gekauft), 80k Hebebühnen und Prüfstand")
        bare = n == len(investments) - 1 and not label and bool(_BARE_JOINT.fullmatch(gap))
        if n and not label and (_ADDED_SUM.fullmatch(gap) or bare):
            # a sum added to the one before, named by the words after it ("Kaufpreis ca 900k plus 400k neu")
            named_after = _WORDS_AFTER.match(text, end)
            label = re.sub(r"\s{1,3}(und|oder|sowie|plus)$", "", named_after.group(1)) if named_after else ""
        if n and _WITHIN_BEFORE.match(gap) and parts and value < parts[-1][1]:
            continue  # a part of the sum before ("kaufpreis 1,6 mio, davon grundstück 300k"), not one more
        # (a remark in brackets on the sum before is not one on this sum: "(380k inkl grundstück) und … nochmal 250k")
        if n and (not (_PART_GAP.match(gap) or _ADDED_SUM.fullmatch(gap) or bare or _NEXT_SENTENCE_ADDS.match(gap))
                  or SUM_HOLDS_OTHER.search(re.sub("^" + _BRACKET_REMARK, "", gap))):
            return []  # not one list: a sum of another sentence or clause, or one within the sum before ("davon")
        parts.append((label, value))
    return parts if len(parts) >= 2 and all(label for label, _ in parts) else []


def _depreciation(text: str) -> tuple[float | None, int | None]:
    """The yearly depreciation the text gives for the firm ("abschreibungen lagen die letzten 3 jahre im schnitt bei ca
    800k") and the years its investment is spread over ("wir investieren 1,5 mio über 2 jahre"), each where given."""
    depreciation = next((value for start, end, value in _amounts(text)
                         if _DEPRECIATION.search(text[max(0, start - 70): start])
                         or _DEPRECIATION_AFTER.match(text, end)), None)
    years = _OVER_YEARS.search(text)
    count = None
    if years:
        word = years.group(2).lower()
        count = int(word) if word.isdigit() else _NUMBER_WORDS.get(word)
    return depreciation, count


# Other businesses named as users of a site beside those named by trade ("später hoffentlich weitere Betriebe", "auch
# für andere Firmen")
_OTHER_USERS = re.compile(r"\b(weitere|andere|sonstige|mehrere|übrige|zusätzliche)n?\s{1,3}(betriebe|firmen|unternehmen|nutzer"
                          r"|gewerbetreibende|gewerbebetriebe)\b|\bauch\s{1,3}(für\s{1,3})?andere\b", re.IGNORECASE)


_MAINLY_FOR = re.compile(r"\b(vor\s{1,3}allem|v\.\s{0,2}a\.|hauptsächlich|überwiegend|in\s{1,3}erster\s{1,3}linie|primär"
                         r"|vorrangig)\s{1,3}für\b", re.IGNORECASE)


def _money(text: str) -> tuple[float | None, float | None, float | None, list[tuple[str, float]]]:
    """(investment, turnover, balance sheet total, parts) in euros: the cost sum the text gives (the total if one is
    called so, else the largest), the annual turnover, the balance sheet total, and the parts where the text lists
    them each with its sum; grants asked for and loans are not costs."""
    investments: list[tuple[int, int, float]] = []  # (start, end, euros) of each sum named as a cost
    totals: list[float] = []
    turnover, balance = None, None
    previous_end = 0
    for start, end, value in _amounts(text):
        # the words before it in the same clause and sentence, back to the previous amount, and the words right after it
        before = _SENTENCE_OR_CLAUSE.split(text[max(previous_end, start - 45): start])[-1]
        after = re.split(r"[,;.]", text[end: end + 15])[0]
        # a word right after the sum that names it ("2,5 Mio € Jahresumsatz und … für 400.000 €") names no later sum
        named = _COST_AFTER.match(after) or _NAME_AFTER.match(after)
        if named and _OPENS_ITS_OWN.match(text, end + named.end()):
            named = None  # "kosten 2,4 mio. umsatz liegt bei 1,9 mio": the word opens a clause of the next sum
        previous_end = end + (named.end() if named else 0)
        turnover_words = [m.end() for m in _TURNOVER_CONTEXT.finditer(before)]
        cost_words = [m.end() for m in _COST_CONTEXT.finditer(before)]
        if _is_wage(text, start, end):
            continue  # "je 55.000 Euro Bruttolohn", "Lohnkosten von 400.000 € im Jahr": wages, not investment costs
        if _DEPRECIATION.search(before) or _DEPRECIATION_AFTER.match(text, end):
            continue  # "Abschreibungen lagen im Schnitt bei ca 800k": the firm's depreciation (_depreciation), no cost
        if _LIMIT_AFTER.match(after):
            continue  # "bleibt die 500k-Grenze?": a rule's cap, no cost of the asker's
        if _GRANT_RECEIVED_AFTER.match(text, end):
            continue  # "wenn ich 40k grw bekomme": the grant itself, no cost
        if _in_another_land(text, start, end):
            continue  # "ein Zweigwerk in Lengerich (NRW) für ca 2 Mio": a site another Land's body funds (KR Anhang 2,
            # Erläuterung 1.1), no cost of the project in the Landkreis
        if _PRICE_AFTER.match(text, end) or _PRICE_BEFORE.search(before):
            continue  # "8 € Eintritt", "Miete von 12 € pro qm": a price the asker charges or pays, no cost
        # (not a sum the word right before names: "Umsatz ca 14 Mio. Investition 1,2 Mio", where the dot of "Mio."
        # ends the sentence)
        named_before = not cost_words and bool(_TURNOVER_CONTEXT.search(before[-20:])
                                               or _BALANCE_CONTEXT.search(before[-20:]))
        if _COST_AFTER.match(after) and not named_before:
            # "15 Mio Umsatz und 2,5 Mio Invest": the word right after the sum names it
            investments.append((start, end, value))
        elif _BALANCE_CONTEXT.search(before[-25:]) or not cost_words and (
                _BALANCE_CONTEXT.search(after) or _BALANCE_CONTEXT.search(before[-40:])):
            # ("bilanzsumme liegt aber nur bei ca 6 mio": the word and its verb before the sum)
            balance = value
        elif (turnover_words and (not cost_words or turnover_words[-1] > cost_words[-1])) \
                or (not cost_words and _TURNOVER_CONTEXT.search(after)):
            turnover = value
        elif _BASE_BEFORE.search(before) or not _NOT_COSTS_CONTEXT.search(before):
            if TOTAL_WORDS.search(before) and not _ITEMS_TOGETHER.search(before):
                totals.append(value)
            else:
                investments.append((start, end, value))
    investment = max(totals) if totals else max(v for _, _, v in investments) if investments else None
    return investment, turnover, balance, ([] if totals else _cost_parts(text, investments))


# An item's sum that comes on top of the whole ("… dazukommt", "zusätzlich", "kommt noch … dazu")
_COMES_ON_TOP = re.compile(r"\b(dazu|hinzu)\s{0,3}(kommt|kommen|käme|kämen)\b|\bzusätzlich\b|\bkommt\s{1,3}noch\b"
                           r"|\bobendrauf\b|\bon\s{1,3}top\b", re.IGNORECASE)


# A later turn that puts its sums on top of the one said before ("Was ich vergessen hab: dazu kommen noch …", "außerdem
# brauchen wir noch einen Stapler für 60k"), not one that changes it ("und wenn es doch 400k werden?")
_ON_TOP_OF_BEFORE = re.compile(_COMES_ON_TOP.pattern + r"|\baußerdem\b[^.?!]{0,60}\bnoch\b|\bauch\s{1,3}noch\b"
                               r"|\bvergessen\b", re.IGNORECASE)


# A turn that changes the plan said before rather than adding to it ("Planänderung: … doch kleiner", "statt der Halle",
# "die halle kostet jetzt 1,1 mio")
_REVISES = re.compile(r"\b(doch|statt|stattdessen|anstatt|jetzt|nun|nur\s{1,3}noch|geändert|änderung|planänderung"
                      r"|korrektur|korrigier\w{0,4}|neue\s{1,3}zahlen|neu\s{1,3}gerechnet|umgeplant)\b", re.IGNORECASE)


def _said_label(turns: list[str], value: float) -> str:
    """The words that name a sum of `value` where one of the turns gives it; "" where none does."""
    return next((label for turn in reversed(turns) for start, _, amount in _amounts(turn)
                 if amount == value and (label := _part_label(turn, start))), "")


# -- a cost item's own figures (KR Nr. 5: land for a business park) -------------------------------------------------
_WORDED = re.compile(r"[a-zäöüß]{4,}", re.IGNORECASE)  # a clause with words, not a sum with "ca." or "€" alone
_HOLDS = re.compile(r"\W{0,3}\s{0,3}(?:€|eur|euro)?\s{0,3}(?:inkl\b|inklusive|einschließlich|samt|mit)", re.IGNORECASE)
# a sum whose parts follow: ", davon grundstück 300k"
_PARTS_FOLLOW = re.compile(r"\s{0,3}(?:€|eur|euro)?\s{0,3}[,;(]?\s{0,3}(?:davon|darin|darunter)\b", re.IGNORECASE)
_JOINED = re.compile(r"[:()]|\bund\b|\bsowie\b|\bplus\b", re.IGNORECASE)  # within a clause, what joins two things
# a sentence: up to ".", "!" or "?" before a space or the end ("am 14.08.2025 erworben." is one; not after a month's
# abbreviation, "im Sept. 2025 gekauft", or "ca.")
_SENTENCE_SPLIT = re.compile(r"[!?]|(?<!\bjan)(?<!\bfeb)(?<!\bmär)(?<!\bapr)(?<!\bjun)(?<!\bjul)(?<!\baug)(?<!\bsep)"
                             r"(?<!\bsept)(?<!\bokt)(?<!\bnov)(?<!\bdez)(?<!\bca)\.(?=\s|$)", re.IGNORECASE)
_MONTH_WORDS = {"jan": 1, "feb": 2, "mär": 3, "mae": 3, "apr": 4, "mai": 5, "jun": 6, "jul": 7, "aug": 8, "sep": 9,
                "okt": 10, "nov": 11, "dez": 12}
# A date as people write it: "14.03.2025", "03/2025", "im März 2025", "Mai 25", or a year alone ("2024"), not one that
# is an amount or a count ("2025 m²", "2000 €")
_DATE = re.compile(
    r"(?<![\d.,])(?:(\d{1,2})\.\s?(\d{1,2})\.\s?(20\d{2}|\d{2})(?![\d]|[.,]\d)"
    r"|(\d{1,2})\s?/\s?(20\d{2})(?!\d)"
    r"|\b(jan|feb|mär|maer|apr|mai|jun|jul|aug|sep|okt|nov|dez)[a-zä]{0,6}\.?\s{1,3}'?(20\d{2}|\d{2})(?![\d]|[.,]\d)"
    # a season or part of a year whose months all lie on one side of a month's first ("im Herbst 2025": September to
    # November); not summer, winter or "Mitte", which straddle the year's middle or its turn
    r"|\b(frühjahr|frühling|herbst|anfang|ende)\s{1,3}(20\d{2})(?!\d)"
    r"|(20\d{2})(?![\d]|[.,]\d)(?!\s{0,2}(?:€|eur|euro|m²|qm|m2|mio|tsd|k\b|ha\b|prozent|%|mitarb|ma\b)))", re.IGNORECASE)
# the month a season or part of a year stands for, where all its months lie on one side of the year's middle
_SEASON_MONTH = {"frühjahr": 4, "frühling": 4, "herbst": 10, "anfang": 2, "ende": 11}


_DATE_REACH = 40  # characters around the words of buying within which a date is the date of buying
# the words before a year that names the edition of a rule, not a date ("im KR 2026", "Koordinierungsrahmen ab 2026")
_EDITION_BEFORE = re.compile(r"\b(kr|koordinierungsrahmen\w{0,2}|rahmenplan\w{0,2}|richtlinie\w{0,2}|fassung|version|stand)"
                             r"\s{0,3}(ab\s{1,3}(dem\s{1,3})?|vom\s{1,3}|von\s{1,3})?(1\.\s{0,2}1\.\s{0,2})?$", re.IGNORECASE)


def _date_of(match: re.Match[str]) -> str | None:
    """The date a `_DATE` match stands for ("2025-03-14", "2025-03", "2025"); None for a day or month out of range."""
    day, month, year, month2, year2, name, year3, season, year5, year4 = match.groups()
    if year4:
        return year4
    if season:
        return f"{year5}-{_SEASON_MONTH[season.lower()]:02d}"
    if name:
        return f"{_full_year(year3)}-{_MONTH_WORDS[name.lower()[:3].replace('mae', 'mär')]:02d}"
    if month2:
        return f"{year2}-{int(month2):02d}" if 1 <= int(month2) <= 12 else None
    if not (1 <= int(month) <= 12 and 1 <= int(day) <= 31):
        return None
    return f"{_full_year(year)}-{int(month):02d}-{int(day):02d}"


def _full_year(year: str) -> str:
    """"2025", "25" or "'25" as "2025"."""
    digits = year.lstrip("'")
    return digits if len(digits) == 4 else "20" + digits


_IN_PART = re.compile(r"\b(teil|teile|teils|teilweise|rest|restlichen?|übrigen)\b", re.IGNORECASE)


def _item_figures(text: str, knowledge: FundingKnowledge) -> tuple[dict[str, float], dict[str, str], list[str]]:
    """The sums and dates the text gives for cost items that a rule limits: a sum whose clause names the item, and the
    first date of a sentence that says the item was or will be acquired near it; and the items whose date holds for a
    part of them only."""
    sums: dict[str, float] = {}
    dates: dict[str, str] = {}
    in_part: list[str] = []
    items = [item for item in knowledge.cost_items if item.sum_words or item.acquired]
    if not items:
        return sums, dates, in_part
    previous_end = 0
    for start, end, value in _amounts(text):
        # the words of its own clause, back to the previous sum ("Gesamtkosten 4,2 Mio inkl. 1,6 Mio Grundstück")
        clauses = _SENTENCE_OR_CLAUSE.split(text[max(previous_end, start - 120): start])
        before = _JOINED.split(clauses[-1])[-1]
        previous_end = end
        after = _JOINED.split(_SENTENCE_OR_CLAUSE.split(text[end: end + 60])[0])[0]
        if len(clauses) > 1 and not _WORDED.search(before) and not _WORDED.search(after) \
                and text[start - len(clauses[-1]) - 1: start - len(clauses[-1])] == ",":
            # a sum alone after a comma is said of the clause before it ("das Grundstück haben wir im März 2025
            # gekauft, 900k")
            before = _JOINED.split(clauses[-2])[-1]
        if TOTAL_WORDS.search(before) or _HOLDS.match(after) or _PARTS_FOLLOW.match(text, end):
            continue  # the whole, with the item in it ("Gesamtkosten 8 Mio inkl. Grunderwerb", "kaufpreis 1,6 mio,
            # davon grundstück 300k")
        sentence = _SENTENCE_SPLIT.split(text[max(0, start - 200): start])[-1] + text[start: end + 60]
        for item in items:
            # (an item named only as what a thing built serves is none of the costs: "ein Besucherparkplatz für Busse
            # und PKW …, ca. 800.000 €")
            if item.id not in sums and item.names_sum(f"{before} … {after}") \
                    and not (item.served and not item.names_sum(sentence)):
                sums[item.id] = value
    for sentence in _SENTENCE_SPLIT.split(text):
        for item in items:
            said = item.acquired_in(sentence) if item.id not in dates else None
            if said is None:
                continue
            amounts = [(a, b) for a, b, _ in _amounts(sentence)]
            parts = bool(_IN_PART.search(sentence))
            found: list[str] = []
            for match in _DATE.finditer(sentence):
                if any(a <= match.start() < b for a, b in amounts) \
                        or not said[0] - _DATE_REACH <= match.start() <= said[1] + _DATE_REACH \
                        or _EDITION_BEFORE.search(sentence[max(0, match.start() - 30): match.start()]):
                    continue  # a sum, the date of something else ("…, Baubeginn 2027"), or a rule's edition ("KR 2026")
                when = _date_of(match)
                if when:
                    found.append(when)
                    if not parts:
                        break
            if found:
                # of the parts acquired at different times, the earliest decides whether a part is too early ("ein
                # Teil im September 2025 gekauft, ein Teil im März 2025"); ISO dates compare as strings
                dates[item.id] = min(found)
                in_part += [item.id] if parts else []
    return sums, dates, in_part


# -- wage costs (KR Nr. 2.6.3) ---------------------------------------------------------------------------------------
_WAGE_WORDS = (r"((brutto)?(lohn(?!t\b|end)|löhne|gehalt|gehälter|personalkost|personalaufw|personalausgab|arbeitgeberbrutto"
               r"|arbeitgeberkost|jahresgehalt|jahreslohn|jahresbrutto|ag-brutto|monatsbrutto|durchschnittsgehalt"
               r"|durchschnittslohn|bruttoentgelt|arbeitsentgelt)[\wäöüß]{0,12}"
               r"|brutto\s{1,3}((im|pro|je)\s{1,3}(monat|jahr)|monatlich|jährlich)|monatlich\s{1,3}brutto)")
# "pro Jahr und Stelle", "je Kopf", "im Monat": what a wage is counted per, between the wage word and the sum
_PER_UNIT = (r"(\s{1,3}(pro|je|im)\s{1,3}(jahr|monat|kopf|stelle|arbeitsplatz|person|mitarbeit\w{0,6})"
             r"(\s{1,3}und\s{1,3}(jahr|monat|kopf|stelle|arbeitsplatz|person|mitarbeit\w{0,6}))?)?")
# the wage word right after the sum ("55.000 Euro Bruttolohn", "4.000 € brutto im Monat"), or at most three words
# before it in its clause besides what it is counted per ("Lohnkosten von insgesamt 300.000 €", "Lohnsumme pro Jahr
# und Stelle ca. 50.000 €")
_WAGE_AFTER = re.compile(rf"\s{{0,3}}(€|euro|eur)?\s{{0,3}}(im\s{{1,3}}jahr\s{{1,3}}|jährlich\s{{1,3}}|pro\s{{1,3}}jahr\s{{1,3}})?"
                         rf"{_WAGE_WORDS}\b", re.IGNORECASE)
_WAGE_BEFORE = re.compile(rf"\b{_WAGE_WORDS}{_PER_UNIT}(\s{{1,3}}[\wäöüß.:=]{{1,15}}){{0,3}}\s{{0,3}}$", re.IGNORECASE)
# "Lohnkostenzuschuss", "lohnkostenbezogene Förderung", "Zuschuss zu den Lohnkosten"
_WAGE_GRANT = re.compile(r"lohnkosten\w{0,3}(zuschuss|förder|bezogen)|lohnzuschuss|personalkostenzuschuss"
                         r"|(zuschuss|zuschüsse|förderung|fördern|gefördert|bezuschusst)\W{1,3}(\w+\W{1,3}){0,3}(lohn|personal)kosten"
                         r"|(lohn|personal)kosten\W{1,3}(\w+\W{1,3}){0,3}(zuschuss|zuschüsse|förder|gefördert|bezuschusst)"
                         # "und wenn wir statt der Investitionskosten lieber die Lohnkosten nehmen?" (Nr. 2.6.1's choice)
                         r"|\b(statt|anstatt|lieber)\b[^.?!]{0,40}\b(lohn|personal)kosten"
                         r"|(lohn|personal)kosten\s{1,3}(nehmen|ansetzen|wählen|zugrunde)",
                         re.IGNORECASE)
# New jobs, as people count them: "8 neue Arbeitsplätze", "drei zusätzliche Stellen", "wir schaffen 5 Arbeitsplätze",
# "es entstehen 12 Arbeitsplätze" (new people, "6 neue MA", are read with the headcount: _HEADCOUNT, _FUTURE_COUNT)
_JOB_COUNT = rf"(\d{{1,4}}|{'|'.join(_NUMBER_WORDS)})"
_JOBS = r"(?:dauer)?(?:arbeitsplätze|stellen|jobs)\b"
# Jobs the project secures: "90 bestehende Stellen, die werden durch die Linie auch gesichert", "sichert 120
# Arbeitsplätze", "damit erhalten wir 40 Jobs"
_SECURED_JOBS = re.compile(rf"\b{_JOB_COUNT}\s{{1,3}}(?:(?:bestehende|vorhandene|bisherige)n?\s{{1,3}})?(?:{_JOBS}|mitarbeiter\w{{0,4}}\b"
                           rf"|leute\b|ma\b)[^.?!]{{0,60}}?\b(?:gesichert|sichern|gehalten|erhalten)\b"
                           rf"|\b(?:sichert|sichern|erhält|erhalten|hält|halten)\s{{1,3}}(?:\w{{1,12}}\s{{1,3}}){{0,2}}{_JOB_COUNT}\s{{1,3}}"
                           rf"(?:(?:bestehende|vorhandene)n?\s{{1,3}})?{_JOBS}", re.IGNORECASE)
_NEW_JOBS = re.compile(rf"\b{_JOB_COUNT}\s{{1,3}}(?:neuen?|zusätzlichen?|weiteren?)\s{{1,3}}{_JOBS}"
                       rf"|\b{_JOB_COUNT}\s{{1,3}}{_JOBS}\s{{1,3}}(?:\w{{1,12}}\s{{1,3}}){{0,2}}(?:neu\s{{1,3}})?(?:schaffen|entstehen)"
                       rf"|\b(?:schaffen|entstehen)\s{{1,3}}(?:\w{{1,12}}\s{{1,3}})?{_JOB_COUNT}\s{{1,3}}(?:neue\s{{1,3}})?{_JOBS}"
                       # "6 neue Entwickler einstellen", "zwei Monteure einstellen": people of any trade hired
                       rf"|\b{_JOB_COUNT}\s{{1,3}}(?:(?:neuen?|zusätzlichen?|weiteren?)\s{{1,3}})?[a-zäöüß-]{{3,25}}\s{{1,3}}"
                       rf"(?:ein|an)(?:stellen|zustellen)\b"
                       # "wir stellen 4 Leute ein", "stellen nächstes Jahr 3 neue Monteure ein"
                       rf"|\bstellen\s{{1,3}}(?:\w{{1,12}}\s{{1,3}}){{0,2}}{_JOB_COUNT}\s{{1,3}}"
                       rf"(?:(?:neuen?|zusätzlichen?|weiteren?)\s{{1,3}})?[a-zäöüß-]{{3,25}}\s{{1,3}}(?:ein|an)\b"
                       # (the people left out: "wir stellen bald 3 ein", "stellen noch 2 weitere ein")
                       rf"|\bstellen\s{{1,3}}(?:\w{{1,12}}\s{{1,3}}){{0,2}}{_JOB_COUNT}\s{{1,3}}(?:(?:neue|weitere|zusätzliche)\s{{1,3}})?(?:ein|an)\b",
                       re.IGNORECASE)
_PER_JOB = re.compile(r"(\bje|\bpro|\bjeweils|à|á|@)\s{1,3}"
                      r"((jahr|monat)\s{1,3}und\s{1,3})?(arbeitsplatz|stelle|person|kopf|mitarbeit\w{0,6}|beschäftigte\w?)?"
                      r"(\s{1,3}und\s{1,3}(jahr|monat))?\s{0,3}(rund|ca\.?|etwa)?\s{0,3}$", re.IGNORECASE)
_PER_JOB_AFTER = re.compile(r"\s{0,3}(€|euro|eur)?\s{0,3}(brutto\s{1,3})?(je|pro)\s{1,3}((jahr|monat)\s{1,3}und\s{1,3})?"
                            r"(arbeitsplatz|stelle|person|kopf|mitarbeit\w{0,6})", re.IGNORECASE)
# a wage per month: "4.000 € brutto im Monat", "3.500 € brutto monatlich", "Monatsbrutto 4.000 €", "pro Monat und Stelle"
_PER_MONTH = re.compile(r"\s{0,3}(€|euro|eur)?\s{0,3}(brutto\s{1,3})?((im|pro|je|/)\s{0,3}monat|monatlich)", re.IGNORECASE)
_AVERAGE = re.compile(r"durchschnitt|\bim\s{1,3}schnitt\b", re.IGNORECASE)  # an average wage is one job's
_MONTH_BEFORE = re.compile(r"(monatsbrutto|monatslohn|monatsgehalt|monatlich|\b(im|pro|je)\s{1,3}monat)[\w\s.:=]{0,40}$",
                           re.IGNORECASE)


# a sum for each of the jobs just named: "3 neue Stellen je 40k", "8 Arbeitsplätze à 55.000 €"
_EACH_JOB_BEFORE = re.compile(r"(arbeitsplätze|stellen|jobs|mitarbeite\w{0,4}|ma|leute|fachkräfte)"
                              r"(\s{1,3}(ein|an)\s{0,3},?)?\s{1,3}(mit\s{1,3})?"  # ("wir stellen 4 Leute ein, je …")
                              r"(je|jeweils|à|á|@|zu\s{1,3}je)\s{1,3}(rund|ca\.?|etwa)?\s{0,3}$", re.IGNORECASE)


def _is_wage(text: str, start: int, end: int) -> bool:
    """Whether the sum at text[start:end] is a wage: a wage word right after it, or at most three words before it
    besides what it is counted per, or a sum for each of the jobs just named."""
    before = text[max(0, start - 60): start]
    return bool(_WAGE_AFTER.match(text[end: end + 40]) or _WAGE_BEFORE.search(before[-40:])
                or _EACH_JOB_BEFORE.search(before))


def _wages(text: str) -> tuple[bool | None, float | None, float | None]:
    """(asked, yearly wage costs per job, yearly wage costs of all) for a wage-cost grant (KR Nr. 2.6.3): whether one is
    asked about, and the wages the text gives (also in a turn that does not name the grant again); a monthly wage
    counts twelve times."""
    per_job = total = None
    for start, end, value in _amounts(text):
        if not _is_wage(text, start, end):
            continue
        before, after = text[max(0, start - 40): start], text[end: end + 40]
        yearly = value * 12 if _PER_MONTH.match(after) or _MONTH_BEFORE.search(before) else value
        if _PER_JOB.search(before) or _PER_JOB_AFTER.match(after) or _AVERAGE.search(before):
            per_job = per_job or yearly
        else:
            total = total or yearly
    return (True if _WAGE_GRANT.search(text) else None), per_job, total


# -- already started ----------------------------------------------------------------------------------------------------

def _already_started(text: str) -> bool | None:
    """True when a clause says the works began (a signed contract, an order, ground-breaking; KR Nr. 2.2.1: the earliest
    counts); False when the text says they have not, or names only what does not count as a start (land, permits,
    planning); None when it says nothing."""
    not_started = planned = False
    text = _abbreviation_dots_out(text)
    # a contract or order signed with a right to withdraw or under the reserve of the grant: whether it is the start
    # of works, the KR does not say (the rule answer `angebote-und-vorbehalt` says so); nothing is read from it
    reserved = bool(_RESERVED.search(text))
    for match in _CLAUSES.finditer(text):
        clause = match.group()
        if text[match.end():match.end() + 1] == "?" and _VERB_FIRST.match(clause):
            continue  # a question whether something counts as a start ("Sind wir damit schon 'angefangen'?")
        if _NOT_STARTED.search(clause):
            not_started = True
            continue
        if _STARTED_PLAIN.search(clause):
            return True
        running = _RUNNING.search(clause)
        if running:
            subject = clause[:running.start()]
            if _NO_START_BY_KR.search(subject) and not _CONTRACT_NOUN.search(subject):
                not_started = True
                continue
            return True
        future = _FUTURE.search(clause)
        if _WORKS_DONE.search(clause) and not future:
            return True
        if reserved and _CONTRACT_PARTICIPLE.search(clause) and not future:
            continue
        if _CONTRACT_PARTICIPLE.search(clause) and _CONTRACT_NOUN.search(clause) and not future:
            if (_LAND_CONTRACT.search(clause) or _LAND_BEFORE_CONTRACT.search(clause)) \
                    and not _CONTRACT_NOUN.search(_without_land_contracts(clause)):
                not_started = True  # "der Kaufvertrag für die Fläche wurde schon unterschrieben": buying land is no
                continue  # start of works (KR Nr. 2.2.1 (3), Nr. 3.1.2 (2) with Fn. 56)
            return True
        if _PARTICIPLE.search(clause) and _AUXILIARY.search(clause) and not future:
            if _NO_START_BY_KR.search(clause) and not _CONTRACT_NOUN.search(_without_land_contracts(clause)):
                not_started = True
                continue
            return True
        planned = planned or bool(_PLANNED.search(clause)) or bool(future and _ORDER_TO_COME.search(clause))
    return False if not_started or planned else None


def _started_in_part(text: str) -> bool | None:
    """True where the clauses that say the works began name what was ordered or begun, and another clause names a
    further thing of the project that they do not ("die Öfen hab ich schon bestellt … und wollen PV aufs Dach";
    "Laserschneidanlage bestellt … Die Halle dafür bauen wir erst nächstes Jahr"): the start holds for that part, and
    whether the rest is a project of its own is for the NBank to judge (KR Nr. 2.2.1). None otherwise."""
    begun: set[str] = set()
    others: set[str] = set()
    for match in _CLAUSES.finditer(_abbreviation_dots_out(text)):
        clause = match.group()
        named = {m.group().lower() for m in _PROJECT_OBJECT.finditer(clause)}
        if _already_started(clause):
            if not named:
                return None  # a contract of no named thing ("Bauvertrag unterschrieben") begins the whole
            begun |= named
        else:
            others |= named
    further = {o for o in others if not any(o.endswith(b) or b.endswith(o) for b in begun)}
    return True if begun and further else None


_LET = r"(vermiet|untervermiet|verpacht|weitervermiet)\w{0,4}"
_LET_SHARE = re.compile(r"\b(\d{1,2}(?:,\d)?)\s{0,2}(?:%|prozent\b)[^?.!;%]{0,60}?\b" + _LET
                        + r"|\b" + _LET + r"\b[^?.!;]{0,40}?\b(\d{1,2}(?:,\d)?)\s{0,2}(?:%|prozent\b)"
                        r"|\b(die\s{1,3}hälfte|ein\s{1,3}drittel|ein\s{1,3}viertel|zwei\s{1,3}drittel)\b[^?.!;]{0,40}?\b" + _LET,
                        re.IGNORECASE)
_FRACTIONS = {"die hälfte": 50.0, "ein drittel": 100 / 3, "ein viertel": 25.0, "zwei drittel": 200 / 3}


def _let_share(text: str) -> float | None:
    """The percentage of the building the text says the asker lets to others (`_LET_SHARE`); None where it says none."""
    match = _LET_SHARE.search(text[:20_000])
    if match is None:
        return None
    if match.group(5):
        return _FRACTIONS[" ".join(match.group(5).lower().split())]
    value = float((match.group(1) or match.group(4)).replace(",", "."))
    return value if 0 < value < 100 else None


# The owners' own flat or private use in the building, with its share ("die Wohnung für uns als Familie (ca. 20 % der
# Fläche)", "20 % nutzen wir privat")
_PRIVATE = (r"(privatwohnung|betriebsleiterwohnung|inhaberwohnung|wohnung\s{1,3}für\s{1,3}(uns|mich|die\s{1,3}familie)"
            r"|(unsere|meine)\s{1,3}(eigene\s{1,3})?wohnung|privat\s{0,3}(genutzt|nutzen|wohnen)\w{0,2}|wohnen\s{1,3}wir"
            r"|(nutzen|nutzt|bewohnen)\s{1,3}(wir|ich)\s{1,3}(selbst\s{1,3})?privat)")
# (an abbreviation's dot between, "(ca. 20 % der Fläche)", is no sentence's end)
_PRIVATE_SHARE = re.compile(r"\b" + _PRIVATE + r"(?:[^?.!;%]|(?<=\bca)\.){0,60}?\b(\d{1,2}(?:,\d)?)\s{0,2}(?:%|prozent\b)"
                            r"|\b(\d{1,2}(?:,\d)?)\s{0,2}(?:%|prozent\b)[^?.!;%]{0,30}?\b" + _PRIVATE, re.IGNORECASE)


def _private_share(text: str) -> float | None:
    """The percentage of the building the text says the owners use privately (`_PRIVATE_SHARE`); None where it says
    none."""
    return _share_said(_PRIVATE_SHARE, text)


def _share_said(pattern: re.Pattern[str], text: str) -> float | None:
    """The first percentage `pattern` finds in the text (its first group that is a figure), where between 0 and 100."""
    match = pattern.search(text[:20_000])
    if match is None:
        return None
    value = float(next(g for g in match.groups() if g is not None and re.fullmatch(r"\d{1,3}(,\d)?", g))
                  .replace(",", "."))
    return value if 0 < value < 100 else None


def _commercial_share(text: str) -> float | None:
    """The percentage of an infrastructure's use that the text gives to businesses (`_COMMERCIAL_SHARE`); None where it
    gives none."""
    return _share_said(_COMMERCIAL_SHARE, text)


def _other_aid(text: str) -> float | None:
    """The percentage of the project's costs that the text says another programme already gives or has granted
    (`_OTHER_AID`); None where it says none."""
    for match in [*_OTHER_AID.finditer(text[:20_000]), *_OTHER_AID_FIRST.finditer(text[:20_000])]:
        sentence = _sentence_around(text, match.start())
        if _AID_HELD.search(sentence):
            value = float(next(g for g in match.groups() if g).replace(",", "."))
            return value if 0 < value < 100 else None
    return None


def _other_aid_eur(text: str) -> float | None:
    """The sum that the text says another programme already gives or has granted (`_AID_AFTER_SUM`,
    `_AID_BEFORE_SUM`, in a sentence that says it is held); None where it says none."""
    for start, end, euros in _amounts(text[:20_000])[:_MAX_AID_SUMS]:
        before = text[max(0, start - 50): start]
        source_named = _AID_AFTER_SUM.match(text, end) or _AID_BEFORE_SUM.search(before)
        grant_named = _GRANT_BEFORE_SUM.search(before) or _GRANT_AFTER_SUM.match(text, end)
        if not (source_named or grant_named):
            continue
        sentence = _sentence_around(text, start)
        if (source_named or _AID_SOURCE.search(sentence)) and _AID_HELD.search(sentence):
            return euros
    return None


_MAX_AID_SUMS = 50  # the sums of a text looked at (each may read its sentence)
# The grants of other programmes a sum is said of ("60.000 € LEADER", "50k vom Land", "ein LEADER-Zuschuss von
# 60.000 €"): not a loan (KfW), whose sum is not its aid
_AID_SOURCES = (r"(?:leader|efre|eler|zukunftsregion|stadt|gemeinde|samtgemeinde|kommune|landkreis|land(?:es\w{0,12})?"
                r"|bund(?:es\w{0,12})?|\S{0,25}programm\w{0,2}|andere\w{0,2}\s{1,3}(?:förder\w{0,8}|programm\w{0,2}"
                r"|zuschüsse\w{0,2}))")
_AID_AFTER_SUM = re.compile(r"\s{0,3}(?:zuschuss\w{0,2}\s{1,3}|förderung\s{1,3}|fördermittel\w{0,2}\s{1,3})?"
                            r"(?:(?:aus|von|vom|über|durch)\s{1,3})?(?:(?:de[mnr]|ne[mnr]?|eine[mnr]?|ei[mn])\s{1,3})?"
                            + _AID_SOURCES + r"(?![\w-]*(?:kredit|darlehen))\b", re.IGNORECASE)
# ("vom Land haben wir schon einen Zuschuss von 50.000 € bewilligt": the grant before the sum, its source elsewhere in
# the sentence)
_GRANT_BEFORE_SUM = re.compile(r"\b(?:zuschuss|förderung|fördermittel|zuwendung|zusage|förderzusage|bewilligung)\w{0,2}"
                               r"\s{1,3}(?:von|über|in\s{1,3}höhe"
                               r"\s{1,3}von)\s{1,3}(?:ca\.?\s{1,3}|rund\s{1,3})?$", re.IGNORECASE)
_GRANT_AFTER_SUM = re.compile(r"\s{0,3}(?:€|euro)?\s{0,3}(?:zuschuss|förderung|fördermittel|zuwendung)", re.IGNORECASE)
_AID_SOURCE = re.compile(r"\b(?:die|der|unsere?)\s{1,3}(?:stadt|gemeinde|samtgemeinde|kommune|landkreis|kreis)\b|"
                         r"\b(?:aus|von|vom|über|durch)\s{1,3}(?:(?:de[mnr]|ne[mnr]?|eine[mnr]?|ei[mn])\s{1,3})?"
                         + _AID_SOURCES + r"\b|\b(?:leader|efre|eler|zukunftsregion)\b", re.IGNORECASE)
_AID_BEFORE_SUM = re.compile(r"\b" + _AID_SOURCES + r"[-\s]{0,2}(?:zuschuss|förderung|mittel|fördermittel)?\s{1,3}"
                             r"(?:von|über|in\s{1,3}höhe\s{1,3}von)\s{1,3}(?:ca\.?\s{1,3}|rund\s{1,3})?$", re.IGNORECASE)


# A share of the costs from another source of public money: "15% aus nem anderen Förderprogramm", "30 % Zuschuss vom
# Land", "15 % von der KfW" (not the GRW itself, nor "20 % von 500k")
_OTHER_AID = re.compile(
    r"(?<![\d,])(\d{1,2}(?:,\d)?)\s?(?:%|prozent)\s{1,3}(?:zuschuss\w{0,2}\s{1,3}|förderung\s{1,3}|fördermittel\w{0,2}\s{1,3})?"
    r"(?:aus|von|vom|über|durch)\s{1,3}(?:(?:de[mnr]|ne[mnr]?|eine[mnr]?|ei[mn])\s{1,3})?"
    r"(?:andere\w{0,2}\s{1,3}\S{2,25}|\S{0,15}programm\w{0,2}\b|kfw\b|bafa\b|efre\b|eler\b|leader\b|zukunftsregion\b"
    r"|land(?:es\w{0,12})?\b|bund(?:es\w{0,12})?\b)", re.IGNORECASE)
# the source first: "Vom Land sind 15 % Zuschuss bereits bewilligt", "aus einem anderen Programm kriegen wir schon 10 %"
_OTHER_AID_FIRST = re.compile(
    r"\b(?:aus|von|vom|über)\s{1,3}(?:(?:de[mnr]|ne[mnr]?|eine[mnr]?|ei[mn])\s{1,3})?"
    r"(?:andere\w{0,2}\s{1,3}\S{2,25}|\S{0,15}programm\w{0,2}|kfw|bafa|efre|eler|leader|zukunftsregion"
    r"|land(?:es\w{0,12})?|bund(?:es\w{0,12})?)\b[^.?!%]{0,40}?(?<![\d,])(\d{1,2}(?:,\d)?)\s?(?:%|prozent)", re.IGNORECASE)
# that the aid is held, not asked for: "schon", "bereits", "bewilligt", "zugesagt", "erhalten"
_AID_HELD = re.compile(r"\b(schon|bereits|bewilligt|zugesagt|zusage|erhalten|bescheid)\b")


# A share of the use that falls to businesses: "(die Betriebe) machen ca 70 % der Schmutzfracht", "Gewerbeanteil ca.
# 60 %", "gewerbliche Nutzer 65 Prozent", "70 % davon gewerblich"
_COMMERCIAL_SHARE = re.compile(
    r"(?:betrieb\w{0,3}|firmen|unternehmen|gewerbe\w{0,8}|industrie\w{0,3})\b[^.?!]{0,60}?\b(\d{1,2}(?:,\d)?)\s?"
    r"(?:%|prozent)\s{1,3}(?:der|des|vom|an\s{1,3}der)\s{1,3}(?:schmutzfracht|abwasser\w{0,6}|fracht|belastung"
    r"|kapazität|einleitung\w{0,2}|nutzung|auslastung|menge)"
    r"|(?:gewerbeanteil|gewerblicher?\s{1,3}(?:anteil|nutzer\w{0,2}|nutzung))\s{0,3}(?:von|bei|mit|:)?\s{0,3}"
    r"(?:ca\.?|rund|etwa)?\s{0,3}(\d{1,2}(?:,\d)?)\s?(?:%|prozent)"
    r"|\b(\d{1,2}(?:,\d)?)\s?(?:%|prozent)\s{1,3}(?:davon\s{1,3})?(?:gewerblich|von\s{1,3}(?:den\s{1,3})?"
    r"(?:betrieben|firmen|gewerbe))"
    # "ca. 70 % der Schmutzfracht kommt von den Betrieben"
    r"|\b(\d{1,2}(?:,\d)?)\s?(?:%|prozent)\s{1,3}(?:der|des)\s{1,3}(?:schmutzfracht|abwasser\w{0,6}|fracht|belastung"
    r"|einleitung\w{0,2}|menge)\s{1,3}(?:kommt|kommen|stammt|stammen)\s{1,3}(?:\S{1,12}\s{1,3})?(?:von|aus)\s{1,3}"
    r"(?:den\s{1,3})?(?:betrieb\w{0,3}|firmen|unternehmen|gewerbe\w{0,8}|industrie\w{0,3})",
    re.IGNORECASE)


# The things a firm's project buys or builds, as a clause names them: a start that names one of them holds for it
_PROJECT_OBJECT = re.compile(
    r"\b\w{0,20}(halle|hallen|gebäude|neubau|anbau|umbau|ausbau|werkstatt|backstube|lager|maschine|maschinen|anlage|"
    r"anlagen|ofen|öfen|photovoltaik|solaranlage|fahrzeug|fahrzeuge|roboter|linie|fräse|presse|kran|küche|zimmer|"
    r"software|server)\b"
    r"|\bpv\b", re.IGNORECASE)


# A firm being founded: its new jobs are all its staff
_FOUNDING = re.compile(r"(neu|existenz|firmen|unternehmens)gründung|\bgründen\b|\b(neu|frisch|gerade)\s{1,3}gegründet"
                       # ("Gründe gerade eine GmbH", "ich gründe mit zwei Kollegen"; not "die Gründe für …")
                       r"|\bgründe\s{1,3}(gerade|grad|jetzt|bald|eine?[nm]?|meine?[nm]?|mit|zusammen)\b"
                       r"|\bvor\s{1,3}\S{1,10}\s{1,3}(tag|woche|monat)\w{0,3}\b[^.!?]{0,40}\bgegründet|start-?up\b")
# A private person who founds, opens or starts a business of their own ("möchte … ein Café gründen", "mache mich
# selbstständig", "will einen Laden eröffnen")
_STARTS_A_BUSINESS = re.compile(rf"{_FOUNDING.pattern}|\bselbstst?ändig\w{{0,4}}\b|\beröffn\w{{0,4}}\b", re.IGNORECASE)


def is_founding(text: str) -> bool:
    """Whether the text speaks of a firm being founded ("gründe grad mit 2 kollegen ne softwarefirma"): it has no
    turnover or balance sheet yet."""
    return bool(_FOUNDING.search(text.lower()))


# What a new firm gets to set up its site ("brauchen rechner, kamerasysteme und eine testanlage"): KR Nr. 2.4.1 (1) a
# (or names the plant it starts with and its sum: "erste anlagen ca 300k")
_SETS_UP = re.compile(r"\b(brauch|benötig|anschaff|kauf|invest|ausstatt|einricht)\w{0,6}\b")
_FIRST_PLANT = re.compile(r"\b(erste[nr]?|neue[nr]?)\s{1,3}(anlage|anlagen|maschine|maschinen|ausstattung|geräte)\b")
# A company that belongs to a group or that another holds shares in: "gehört zu 40 % einer Holding", "Tochter eines
# Konzerns", "Teil einer Unternehmensgruppe", "die Muttergesellschaft hält 60 %"
_LINKED = re.compile(r"\bholding\w{0,3}|tochter(gesellschaft|unternehmen|firma)?\s{1,3}(eine[rs]|de[rs]|von)\b"
                     r"|mutter(gesellschaft|konzern|unternehmen|firma)\w{0,2}|(unternehmens|firmen)gruppe\w{0,2}"
                     # (also with a particle between: "gehört aber zu 100 % zu einer gruppe")
                     r"|\bgehör\w{0,3}\s{1,3}((aber|auch|ja|jedoch|allerdings|übrigens|eigentlich)\s{1,3})?(zu\s{1,3})?"
                     r"\d{1,3}\s{0,2}(%|prozent)|\b\d{1,3}\s{0,2}(%|prozent)\s{1,3}"
                     r"(der\s{1,3})?(geschäfts)?anteile|\bbeteiligt\s{1,3}(ist|sind|mit)|konzernzugehörig\w{0,3}"
                     r"|verbundene\w{0,2}\s{1,3}unternehmen|partnerunternehmen"
                     # ("30% von uns gehören einer großen gruppe", "wir gehören zu einem Konzern")
                     r"|\b\d{1,3}\s{0,2}(%|prozent)\s{1,3}(von\s{1,3}uns|unserer\s{1,3}(firma|gmbh|anteile))\s{1,3}gehör\w{0,3}"
                     # ("eine Firma hält 40 % an uns", "ist mit 30 % an uns beteiligt")
                     r"|\b\d{1,3}\s{0,2}(%|prozent)\s{1,3}an\s{1,3}(uns|unsere[rmn]?)\b"
                     r"|\bgehör\w{0,3}\s{1,3}(zu\s{1,3})?(einer|einem)\s{1,3}([a-zäöüß-]{1,20}\s{1,3}){0,2}(gruppe|konzern)\b",
                     re.IGNORECASE)


# A Betriebsaufspaltung by its name, or the owning and the operating company named together
_SPLIT_NAMED = re.compile(r"betriebsaufspaltung", re.IGNORECASE)
_OWNING_COMPANY = re.compile(r"\bbesitz\s{0,2}-?\s{0,2}(gesellschaft|gbr|gmbh|kg|ohg|firma|unternehmen)\b"
                             r"|\bbesitzgesellschaft\b|\bbesitz-\s{1,3}und\s{1,3}betriebsgesellschaft", re.IGNORECASE)
_OPERATING_COMPANY = re.compile(r"\bbetriebs\s{0,2}-?\s{0,2}(gesellschaft|gmbh|kg|ohg|firma)\b|\bbetriebsgesellschaft\b",
                                re.IGNORECASE)


# The owner's other company, or the owner privately, lets the building to the operating firm ("Der GF-Gesellschafter baut
# über seine GbR eine Halle … und vermietet sie an seine GmbH"): the usual form of a Betriebsaufspaltung
_LETS_TO_OWN_FIRM = re.compile(r"\b(gbr|privat\w{0,2}|gesellschafter\w{0,2}|eigentümer\w{0,2}|inhaber\w{0,2})\b[^?!]{0,140}"
                               r"\b(vermiet|verpacht|überlass)\w{0,4}\b[^.?!]{0,40}\ban\s{1,3}(seine|ihre|unsere|meine|die|den|das)"
                               r"\s{1,3}(eigene\w?\s{1,3})?(gmbh|firma|betrieb\w{0,2}|kg|ug|ag|betriebsgesellschaft)\b",
                               re.IGNORECASE)


def _split_company(text: str) -> bool | None:
    """True where the text names a Betriebsaufspaltung, or an owning and an operating company of one business, or the
    owner's other company letting the building to the operating firm."""
    text = text[:20_000]
    return True if _SPLIT_NAMED.search(text) or _OWNING_COMPANY.search(text) and _OPERATING_COMPANY.search(text) \
        or _LETS_TO_OWN_FIRM.search(text) else None


def _linked_enterprise(text: str) -> bool | None:
    """True where the text says the company belongs to a group or that another holds shares in it; None otherwise."""
    for match in _LINKED.finditer(text[:20_000]):
        if not _DENIED.search(text[max(0, match.start() - 40): match.start()]):
            return True
    return None


def _in_difficulty(text: str) -> bool | None:
    """True when the text says the business is in insolvency proceedings or financial difficulty; None otherwise."""
    for match in _IN_DIFFICULTY.finditer(text[:20_000]):
        before = text[max(0, match.start() - 40): match.start()]
        if _DENIED.search(before) or _OTHERS_INSOLVENCY.match(match.group()) or (
                match.group().lower().startswith("insolven") and (_OF_ANOTHER_BEFORE.search(before)
                                                                 or _OF_ANOTHER_AFTER.match(text, match.end()))):
            continue
        return True
    return None


# -- places -----------------------------------------------------------------------------------------------------------

# A municipality of the Landkreis as the one who acts: at the opening of a sentence, perhaps with another, before a verb
# of planning ("Melle plant …", "Badbergen und Quakenbrück wollen …"), or introducing itself as one introduces oneself
# on the phone ("bad essen hier (tourismus)."), perhaps after a greeting ("Moin, Melle plant …")
_TOWN_NAMES = "|".join(sorted((re.escape(n) for n in [*MUNICIPALITIES, *_MUNICIPALITY_SPELLINGS]), key=len, reverse=True))
_TOWNS_ACTING = re.compile(
    rf"(?:^|[.!?]\s{{1,3}})(?:(?:moin|hallo|hi|servus|guten\s{{1,3}}tag)\W{{0,3}}\s{{1,3}})?(?:{_TOWN_NAMES})"
    rf"(?:\s{{1,3}}(?:und|&)\s{{1,3}}(?:{_TOWN_NAMES}))?\s{{1,3}}"
    r"(?:(?:plant|planen|will|wollen|möchte|möchten|überlegt|überlegen|prüft|prüfen|beabsichtigt|beabsichtigen|"
    r"entwickelt|entwickeln|erschließt|erschließen)\b|hier\s{0,3}(?:\([^)]{1,40}\))?\s{0,3}[.:,!-])"
    # the towns the asker says they are, opening a sentence, before what they plan: "wir (bad essen, bohmte,
    # ostercappeln) wollen …" (not where a firm's sites are: "Zwei Fitnessstudios haben wir (Bad Essen und Bohmte)")
    rf"|(?:^|[.!?]\s{{1,3}})wir\s{{0,2}}\(\s{{0,2}}(?:{_TOWN_NAMES})(?:\s{{0,2}}(?:,|und|&|\+|/)\s{{0,2}}(?:{_TOWN_NAMES})){{0,9}}"
    r"\s{0,2}\)\s{0,3}(?:wollen|planen|möchten|überlegen|würden|beabsichtigen|prüfen)\b",
    re.IGNORECASE)


# A municipal body as the subject that acts ("Die Stadt würde das gern kaufen, abreißen, sanieren"), or named as the
# measure's carrier ("Träger Stadt", "Träger wäre die Gemeinde"): the asker's own body, before a firm named as owner,
# user or tenant of the object
_BODY_ACTING = re.compile(r"\b(die|unsere)\s{1,3}(stadt|gemeinde|samtgemeinde|kommune)(\s{1,3}[A-ZÄÖÜ][\w.-]{1,30}){0,2}"
                          r"\s{1,3}(würde|würden|will|möchte|plant|überlegt|prüft|beabsichtigt|soll|könnte|wird)\b"
                          r"|\bträger\w{0,2}\s{0,3}:?\s{1,3}(ist\s{1,3}|wäre\s{1,3}|wird\s{1,3}|soll\s{1,3})?(die\s{1,3}|der\s{1,3})?"
                          r"(stadt|gemeinde|samtgemeinde|kommune|landkreis)\b"
                          # "wir würden das Nachbargrundstück kaufen, erschließen und … weiterverkaufen": who develops
                          # land for firms is a public body (the Träger of Nr. 3.2.1.3)
                          r"|\bwir\s{1,3}(würden|wollen|möchten|könnten|werden|planen|müssten)\b[^.?!]{0,100}\berschließen\b"
                          r"[^.?!]{0,80}\b(weiter)?(verkaufen|veräußern|vermarkten)\b", re.IGNORECASE)


def municipalities_named(text: str) -> list[str]:
    """Every municipality of the Landkreis the text names, in order (as the profile reads them)."""
    return _municipalities(text, _words(text))


def _municipalities(text: str, words: list[_Word]) -> list[str]:
    """Every municipality of the Landkreis named, in order (also without umlauts, in lower case, or misspelt)."""
    hits = [(m.start(), _TOWN_LOOKUP[re.sub(r"\s+", " ", m.group().lower())])
            for m in _TOWNS.finditer(text)
            if m.group().lower() not in _COMMON_WORD_TOWNS
            or _PLACE_BEFORE.search(text[max(0, m.start() - 14): m.start()])]
    covered = {start for start, _ in hits}
    for word in words[:400]:
        if word.capitalised and len(word.text) >= 6 and word.start not in covered and word.text.isalpha():
            close = difflib.get_close_matches(word.text, _FUZZY_TOWNS, n=1, cutoff=0.86)
            if close:
                hits.append((word.start, _TOWN_LOOKUP[close[0]]))
    names: list[str] = []
    for _, name in sorted(hits):
        if name not in names:
            names.append(name)
    return names


# -- project types ----------------------------------------------------------------------------------------------------

# Buying equipment: "neue Prüfstände kaufen", "Geräte anschaffen", "die Laborausstattung erneuern"
_EQUIPS = re.compile(r"anschaff|\bkaufen\b|\bkauf\b|gerät|ausstattung|prüfstand|prüfstände|messtechnik|großgerät")


# A grant already received, asked about for what follows from it (KR Nr. 2.2.6, 2.8, 3.2.1.8): a funded thing, a
# Bescheid or a grant got (`_RECEIVED`), a duty or a change of it (`_DUTY`), and no new plan (`_NEW_PLAN`). Such a
# question is one of a rule (the pipeline routes it so); checked against blind-written examples
# (intent_rule_examples.jsonl, tests/assistant/funding/test_profile.py).
_RECEIVED = (r"(\bgeförderte[nmrs]?\b|\b(wurde|wurden|worden|ist|sind)\b[^.?!]{0,60}\bgefördert\b(?!\s{1,3}werden)"
             r"|\bbezuschusst\b|\bbewilligt\b|\b(zuwendungs|förder|bewilligungs)?bescheid\b"
             r"|\b(haben|hatten|hat|habe)\b[^.?!]{0,60}\b(grw|zuschuss|förderung|fördermittel|grw-\w{2,12})\b[^.?!]{0,60}"
             r"\b(bekommen|erhalten)\b"
             r"|\bgabs\b[^.?!]{0,40}\b(grw|zuschuss|förderung)"
             r"|\b(haben|hatten|hat|habe)\s{1,3}(\w+\s{1,3}){0,3}(bekommen|erhalten)\b[^.?!]{0,40}\b(grw|zuschuss|förderung)\w{0,6}\b)")
_DUTY = (r"(rückforder|zurückzahl|zurückzuzahlen|zurück\s{1,3}zahlen|zweckbindung|bindungsfrist|gebunden|\bdroht|\bverkauf"
         r"|vermiet|umwidm|umnutz|nutzungsänder|schließen|dichtmach|stilleg|verlager|abbau|gekündigt|kündig|wegfall|\bweg\b"
         r"|nicht\s{1,3}besetz|wie\s{1,3}lange\s{1,3}(muss|müssen)|behalten|\bfrist\b|36\s{0,2}monate|schaden|abgebrochen)")
_NEW_PLAN = (r"(\b((jetzt|nun)\s{1,3}(planen|wollen|möchten|will)|(will|wollen|möchte|möchten|planen|plant)\s{1,3}(jetzt|nun))"
             r"\b[^.?!]{0,80}\b(kaufen|anschaffen|bauen|errichten|erweitern|investieren|beantragen)\b|\bnochmal\b|\berneut\b"
             r"|förderfähig\w{0,2}\s*\??\s*$|\bneue[nrs]?\s{1,3}\w+\s{1,3}(kaufen|anschaffen|bauen)\b|\berweitern\b)")
DUTIES_OF_A_GRANT = re.compile(rf"^(?=[\s\S]*{_RECEIVED})(?=[\s\S]*{_DUTY})(?![\s\S]*{_NEW_PLAN})", re.IGNORECASE)
# (the tangible assets of KR Nr. 2.4.1: buildings and their conversion, machines, vehicles, equipment and IT: "Wir
# kaufen ein altes Bürogebäude und bauen es um, dazu Server und Arbeitsplätze")
_BOUGHT_GOODS = (r"(maschine\w{0,2}|bagger|lkw|fahrzeug\w{0,2}|stapler|kran\w{0,2}|anlage\w{0,2}|bauhof|gerät\w{0,2}"
                 r"|werkzeug\w{0,2}|[a-zäöüß]{0,20}(gebäude|immobilie)\w{0,2}|server\w{0,2}|hardware|rechner\w{0,2}"
                 r"|[a-zäöüß]{0,20}fräse[n]?|[a-zäöüß]{0,12}drucker[n]?|roboter\w{0,2}|scanner[n]?|[a-zäöüß]{0,12}technik"
                 r"|[a-zäöüß]{0,12}ausstattung)")
# (the goods before the verb too: "wollen CAD/CAM fräse und 3D drucker für ca 250k anschaffen")
# (or new goods wanted with no verb of buying: "wir wollen 3D drucker + neue fräse, ca 180.000", "neue zuschnitt- und
# nähanlage für 700k")
_FIRM_BUYS = re.compile(_SETS_UP.pattern + r"[^.?!]{0,80}\b" + _BOUGHT_GOODS + r"\b"
                        r"|\b" + _BOUGHT_GOODS + r"\b[^.?!]{0,60}\b(anschaff|beschaff|kauf)\w{0,4}\b"
                        r"|\b(woll|möcht)\w{0,3}\b[^.?!]{0,40}\bneue[nmrs]?\s{1,3}(\S{1,20}\s{1,3})?"
                        + _BOUGHT_GOODS + r"\b"
                        # (or with their sum: "neue zuschnitt- und nähanlage für 700k")
                        r"|\bneue[nmrs]?\s{1,3}(\S{1,25}\s{1,3}){0,3}[a-zäöüß]{0,20}" + _BOUGHT_GOODS
                        + r"\b[^.?!]{0,20}\bfür\s{1,3}(ca\.?\s{0,3}|rund\s{1,3}|etwa\s{1,3})?\d")
_LAB = re.compile(r"\b[\w-]{0,30}labor(s|e|en)?\b")  # a lab, by any name ("agrar-robotik-labor", "laborneubau": no)
# The capacity said to stay as it is (KR Nr. 2.4.1 (1) b: an extension adds capacity): "Kapazität bleibt gleich",
# "gleiche Kapazität", "keine zusätzliche Kapazität", "mehr Zimmer gibts danach nicht", "ohne Erweiterung". Bounded.
_SAME_CAPACITY = re.compile(
    r"(kapazität\w{0,3}|ausbringung|stückzahl\w{0,2}|leistung|zimmerzahl|zahl\s{1,3}der\s{1,3}(zimmer|plätze|betten))"
    r"\s{1,3}(bleib\w{0,2}|ändert\s{1,3}sich\s{1,3}nicht|steigt\s{1,3}nicht|wird\s{1,3}nicht\s{1,3}(erhöht|größer))"
    r"(\s{1,3}(gleich|unverändert|dieselbe|die\s{1,3}gleiche|wie\s{1,3}bisher|so))?"
    r"|(gleiche|selbe|dieselbe|unveränderte)[nr]?\s{1,3}(kapazität|ausbringung|stückzahl|leistung|zimmerzahl)"
    r"|(keine|nicht|nicht\s{1,3}mehr)\s{1,3}(mehr\s{1,3}|zusätzliche\s{1,3}|höhere\s{1,3}|größere\s{1,3})?"
    r"(kapazität|ausbringung|erweiterung)\w{0,3}"
    r"|ohne\s{1,3}(kapazitäts)?erweiterung|ohne\s{1,3}mehr\s{1,3}kapazität"
    r"|(mehr|zusätzliche)\s{1,3}(zimmer|betten|plätze|kapazität)\s{1,3}(gibt'?s|gibt\s{1,3}es|wird\s{1,3}es|werden\s{1,3}es)"
    r"\s{1,3}(danach\s{1,3}|dann\s{1,3}|dadurch\s{1,3})?(nicht|keine)", re.IGNORECASE)
# What a project is instead of ("statt dem Anbau erstmal nur die Zimmer renovieren"): not the project (a source of
# energy replaced, "Elektro statt Gas", is what a switch of it says)
_INSTEAD_OF_PROJECT = re.compile(r"\b(an)?statt\s{1,3}(de[mnrs]|die|das|eine[mnrs]?|ein|unsere[mnrs]?)?\s{0,3}"
                                 r"(?!(erd)?(gas|öl|diesel|kohle))[a-zäöüß][\w-]{1,29}"
                                 # the kind the asker asks it may count as ("oder zählt das als Ersatzinvestition?"):
                                 # a question, not what the project is
                                 r"|\b(zählt|zählen|gilt|gelten|wäre|wären|ist)\s{1,3}(das|es|dies|sie|die)\s{1,3}"
                                 r"(\S{1,15}\s{1,3}){0,2}als\s{1,3}(eine[nr]?\s{1,3})?(reine[nr]?\s{1,3})?"
                                 r"(ersatz\w{0,12}|modernisierung\w{0,2})"
                                 # an adviser who says something ("mein Berater meint …", "laut unserem Berater"): who
                                 # speaks, not advice bought as the project (KR Nr. 7.1.1.1)
                                 r"|\b(mein|meine|unser|unsere)\s{1,3}(\S{1,20}\s{1,3})?berater(in)?\s{1,3}(meint|meinte|sagt|sagte"
                                 r"|hat\s{1,3}gesagt|behauptet|empfiehlt|rät|glaubt)\b"
                                 r"|\blaut\s{1,3}(meinem|meiner|unserem|unserer)?\s{0,3}(\S{1,20}\s{1,3})?berater(in)?\b"
                                 # where the asker heard something ("hab auf nem Netzwerktreffen gehört …"), not what
                                 # the project is
                                 r"|\b(auf|bei|in)\s{1,3}(\S{1,8}\s{1,3})?\S{0,25}(treffen|veranstaltung|abend|stammtisch"
                                 r"|webinar|tagung|messe|konferenz)\s{1,3}(\S{1,20}\s{1,3}){0,2}(gehört|erfahren|erzählt"
                                 r"|gesagt|aufgeschnappt)\b")
# One thing replaced by one of another kind: "die Offsetmaschine durch Digitaldruck ersetzen" (not "durch eine neue",
# "durch eine gleichwertige"): the plant renewed with other technique, a modernisation (KR Nr. 2.4.1 (2))
_OTHER_KIND = re.compile(r"\b([a-zäöüß-]{4,30})\s{1,3}durch\s{1,3}(?!(eine[nrs]?|ein|neue[nrs]?|gleich\w*|baugleich\w*"
                         r"|identisch\w*|dieselbe[n]?|die\s{1,3}gleiche[n]?)\b)([a-zäöüß-]{4,30})\s{1,3}"
                         r"(ersetzen|ersetzt|austauschen|tauschen|ablösen)\b")


# Who a community facility serves, where it is the staff of firms: "für ihre Leute", "für Schichtarbeiter",
# "betriebsnah", "Betriebs-Kita"
_FOR_WORKFORCE = re.compile(r"betriebsnah\w{0,3}|betriebs-?kita|firmen-?kita|schicht(dienst|arbeit|betrieb)\w{0,3}|randzeiten"
                            r"|für\s{1,3}(ihre|unsere|deren|die)\s{1,3}(leute|mitarbeit\w{0,6}|beschäftigten|angestellten"
                            r"|fachkräfte|belegschaft)"
                            # "für die Kinder der Beschäftigten", "Kinder von Mitarbeitenden der Firmen im Gebiet"
                            r"|kinder\s{1,3}(der|von|unserer|ihrer|deren)\s{1,3}(\w+\s{1,3})?(beschäftigten|mitarbeit\w{0,6}"
                            r"|angestellten|belegschaft|arbeitnehmer\w{0,6}|fachkräfte|schichtarbeiter\w{0,6})")


# Facilities of regional Daseinsvorsorge among the community facilities (KR Nr. 1.4, Nr. 3.6 (1)): childcare, care
# and medical care
_BASIC_SERVICES = re.compile(r"\bkitas?\b|kindergarten|kindertagesstätte|krippe\b|tagespflege|pflegeheim|seniorenheim"
                             r"|altenheim|ärztehaus|arztpraxis|\bmvz\b")


def kinds_of_part(label: str) -> list[str]:
    """The kinds of project a part of a firm's investment names ("effizientere Kälteanlage": energy efficiency)."""
    return _project_types(label, "company")


# A new thing with its price in one sentence ("neues sudhaus …, zusammen knapp 1 mio", "neue cnc für ca 250k"): a firm's
# investment where the text names no other kind of project
# A place named as where the project stands ("nahe dem Hafen", "direkt am Hafen", "in der Nähe des Hafens")
_NEAR_BEFORE = re.compile(r"\b(nahe|neben|nähe|beim|am|bei)\s{1,3}(de[mnrs]\s{1,3})?(alten\s{1,3}|neuen\s{1,3})?$"
                          r"|\b(direkt|gleich|unmittelbar)\s{1,3}(am|an|neben|beim)\s{1,3}(de[mnrs]\s{1,3})?$")
# (or a second one, priced: "plan: zweiter röster ca 280k")
_PRICED_NEW = re.compile(r"\b(neue|zweite)[nrs]?\s{1,3}[a-zäöüß-]{3,30}\b[^.?!]{0,60}?\b\d[\d.,]{0,10}\s{0,2}"
                         r"(mio\b|millionen|mill\b|k\b|k€|tsd|tausend|€|euro)")


def _project_types(text: str, applicant_type: str | None) -> list[str]:
    lowered = _INSTEAD_OF_PROJECT.sub(" ", _QUOTED_TERM.sub(" ", text.lower()))
    same_capacity = bool(_SAME_CAPACITY.search(lowered))
    lowered = _SAME_CAPACITY.sub(" ", lowered)  # the capacity that stays names no extension
    found = [kind for kind, pattern in _PROJECT_TYPE_RES.items() if pattern.search(lowered)]
    if not found and _PRICED_NEW.search(lowered):
        found = ["business_investment"]  # "neues sudhaus + größerer schankraum, zusammen knapp 1 mio": no other kind
    if same_capacity and ("business_investment" in found or not found) \
            and not {"modernisation", "replacement", "fuel_switch"} \
            & set(found) and not _TRANSFORMATION & set(found) and _NEW_PLANT.search(lowered) \
            and not _BUILDS_OR_EXTENDS.search(lowered) and not _ADDS.search(lowered):
        # a new machine with the capacity as before and nothing added: like for like (KR Nr. 2.6.2 (2) a)
        found.append("replacement")
    if _CHANGES_PROCESS.search(lowered):
        # a fundamental change of the whole production process is an investment of its own (KR Nr. 2.4.1 (1) d),
        # not a modernisation
        found = [kind for kind in found if kind != "modernisation"]
        found += [] if "business_investment" in found else ["business_investment"]
        found.append("process_change")
    if "business_investment" in found and {"modernisation", "replacement"} & set(found) \
            and not _BUILDS_OR_EXTENDS.search(lowered):
        found.remove("business_investment")  # "die alte Maschine ersetzen" is a replacement, not an extension
    if "business_investment" in found and _TRANSFORMATION & set(found) \
            and not _PROJECT_TYPE_RES["business_investment"].search(_GENERIC_INVESTMENT.sub(" ", lowered)):
        # "Umweltschutzinvestition über Norm hinaus": the word "Investition" names the transformation measure's own
        # investment (KR Nr. 2.4.3), not a second one beside it (Nr. 2.4.1)
        found.remove("business_investment")
    other_kind = _OTHER_KIND.search(lowered)
    if other_kind and other_kind.group(1)[-5:] != other_kind.group(3)[-5:] and "fuel_switch" not in found \
            and not _TRANSFORMATION & set(found):  # (one that saves energy is the measure of Nr. 2.4.3 instead)
        # another technique in the old one's place is no like-for-like replacement, and no new plant unless the
        # project builds or extends too
        found = [kind for kind in found if kind != "replacement"
                 and (kind != "business_investment" or _BUILDS_OR_EXTENDS.search(lowered))]
        found += [] if "modernisation" in found else ["modernisation"]
    if "building_energy" in found:
        # the shell of a building that stands: a modernisation of what is there (KR Nr. 2.4.1 (2)), not a new hall,
        # and no efficiency project of Nr. 2.4.3.2 unless the text names a plant or a process too
        found = [kind for kind in found if kind != "energy_efficiency" or _PLANT_EFFICIENCY.search(lowered)]
        if not _BUILDS_OR_EXTENDS.search(lowered):
            found = [kind for kind in found if kind != "business_investment"]
        found += [] if INVESTMENT_KINDS & set(found) else ["modernisation"]
    if "modernisation" in found and {"energy_efficiency", "environmental_protection"} & set(found):
        # a modernisation that saves energy or protects the environment is that project (KR Nr. 2.4.3.1/2.4.3.2,
        # open to firms of any size), not a modernisation of the production process (Nr. 2.4.1 (2))
        found.remove("modernisation")
    if "fuel_switch" in found:
        # another source of energy is no like-for-like replacement: the plant is renewed and improved, a modernisation
        # (KR Nr. 2.4.1 (2)) unless the project builds or extends or is a transformation project of its own (Nr. 2.4.3)
        found = [kind for kind in found if kind != "replacement"]
        if not {"business_investment", "modernisation"} & set(found) and not _TRANSFORMATION & set(found):
            found.append("modernisation")
    if "replacement" in found and "modernisation" in found and not re.search(r"modernisier|umrüst", lowered):
        found.remove("modernisation")  # "erneuern" names the replacement
    if applicant_type in ("company", None, "private"):
        found = [kind for kind in found if kind != "energy_generation"]  # a firm's plant: its trade or its own use
    if applicant_type in ("company", None) and "business_investment" not in found and _FOUNDING.search(lowered) \
            and (_SETS_UP.search(lowered) or _FIRST_PLANT.search(lowered)):
        found.append("business_investment")  # a new firm equipping itself sets up a site (KR Nr. 2.4.1 (1) a)
    if applicant_type == "company" and not found and _FIRM_BUYS.search(_abbreviation_dots_out(lowered)):
        # a firm that needs or buys machines, vehicles or a yard and names no other kind of project invests in its
        # business ("Wir brauchen nen neuen Bauhof + 2 Bagger + 3 LKW"), KR Nr. 2.4.1
        found.append("business_investment")
    if applicant_type == "company" and not found and _BUILDS_OR_EXTENDS.search(lowered):
        # a firm that names a new site or building of its own and no other kind of project ("neuer laden mit
        # werkstatt", "zweiter standort"): an investment that sets up or extends a site (KR Nr. 2.4.1 (1) a, b)
        found.append("business_investment")
    if applicant_type == "company" and not INVESTMENT_KINDS & set(found) and re.search(_FARM_SECOND_LINE, lowered):
        # a farm's shop, café or dairy is its own investment too (KR Nr. 2.4.1): the GRW's "no" for the farm stands
        # beside LEADER ("Milchviehbetrieb … Hofladen mit Käserei-Ecke aufmachen")
        found.append("business_investment")
    if applicant_type == "company" and found and set(found) <= {"tourism_infrastructure"} \
            and _FIRM_BUILDS_OR_BUYS.search(lowered):
        # a firm that builds or buys for its own tourist business ("E-Bike-Verleih … für Touristen: wir wollen nen
        # neuen Laden"): its investment (Nr. 2.4.1), whatever the tourists; public tourism facilities are the
        # municipalities' (Nr. 3.2.2.5)
        found.append("business_investment")
    if "business_centre" in found and {"community_facility", "rural_development"} & set(found) \
            and _COWORKING_PART.search(lowered) and not re.search(r"gründerzentrum|technologiezentrum|inkubator", lowered):
        # "ein Dorfgemeinschaftshaus mit Coworking-Bereich": a room of the village's house, not a centre whose space
        # serves mainly firms (KR Nr. 3.2.2.4 (1))
        found.remove("business_centre")
    if "implementation_budget" in found and "planning" in found:
        # the budget that implements a development concept pays its feasibility studies too (KR Nr. 3.4.2 (3)): "2
        # Regionalmanager + Budget für Machbarkeitsstudien" is that budget, not planning for an infrastructure
        found.remove("planning")
    if applicant_type == "research" and "research_infrastructure" not in found \
            and ({"business_investment", "modernisation", "replacement"} & set(found) or _EQUIPS.search(lowered)
                 or _LAB.search(lowered)):
        # what a research institution builds or buys for itself (a Technikum, test rigs, lab devices, a lab: "ein
        # Agrar-Robotik-Labor") is research infrastructure (KR Nr. 3.2.2.8, 3.2.2.9), not a firm's investment
        found.append("research_infrastructure")
    if "harbour" in found and all(_SITS_AT.search(lowered[max(0, m.start() - 60): m.start()])
                                  for m in _PROJECT_TYPE_RES["harbour"].finditer(lowered)):
        # "wir sitzen seit 30 jahren im osnabrücker hafen": where the asker's firm is, not a port it builds
        found.remove("harbour")
    if applicant_type in ("municipality", "association", "research") or applicant_type is None \
            and set(found) & _PUBLIC_FACILITIES and "relocation" not in found:
        # (not where the asker moves: "wir … kaufen ein grundstück im gewerbegebiet bersenbrück und ziehen komplett
        # um" is a firm's relocation, whoever the text does not name)
        # (with no asker named, neither a firm nor a trade, the modernisation of a Kurpark is one of public tourism
        # infrastructure, not a firm's)
        found = [kind for kind in found if kind not in _COMPANY_ONLY_TYPES]
    if applicant_type == "company" and "test_infrastructure" in found:
        # a firm's own test field is an investment in its business (Nr. 2.4.1); Nr. 6 is for facilities others test in
        found = [kind for kind in found if kind != "test_infrastructure"]
        found += [] if "business_investment" in found else ["business_investment"]
    if applicant_type == "company" and "research_infrastructure" in found \
            and not re.search(r"forschungsinfrastruktur|forschungseinrichtung|forschungsgebäude", lowered):
        # a firm's own lab or test plant is an investment in its business (Nr. 2.4.1), not the research
        # infrastructure of a research institution (Nr. 3.2.2.8)
        found = [kind for kind in found if kind != "research_infrastructure"]
        found += [] if "business_investment" in found else ["business_investment"]
    if "revitalisation" in found and "industrial_site" not in found and re.search(r"gewerbe|industrie", lowered):
        found.append("industrial_site")
    if "implementation_budget" in found and "regional_concept" in found and re.search(r"umsetz|budget", lowered) \
            and not re.search(r"(erstell|erarbeit|schreib|aufstell)\w{0,4}\s{1,3}(\S{1,25}\s{1,3}){0,3}\w*konzept", lowered):
        found.remove("regional_concept")  # the concept is what the budget implements, not what is to be written
    if (applicant_type == "company" or {"business_connection", "harbour", "relocation"} & set(found)) \
            and "industrial_site" in found and not _DEVELOPS_SITE.search(lowered):
        # a firm's plant "direkt neben dem Gewerbegebiet", "eine neue Backstube im Gewerbegebiet": the estate is where,
        # not what it builds (nor where the firms sit that a town links to the railway: "In unserem Gewerbegebiet
        # sitzen 3 Betriebe, die gern an die Bahn wollen … ein Anschlussgleis", Nr. 3.2.2.2; "zwei betriebe aus dem
        # gewerbegebiet würden den anleger nutzen", Nr. 3.2.2.7)
        found.remove("industrial_site")
    if "industrial_site" in found and _PLOT_IN_ESTATE.search(lowered) and not _DEVELOPS_SITE.search(lowered):
        # "wir kaufen 8000 qm im gewerbegebiet bad essen für den neubau": a plot bought in an estate for a building of
        # one's own is a firm's investment (its land, Nr. 2.6.2 (1) f), not the estate's development (a town buys land
        # "für" an estate, and develops it)
        found.remove("industrial_site")
        found += [] if "business_investment" in found else ["business_investment"]
    if "innovation_cluster" in found and "cooperation_network" in found and re.search(r"innovationscluster", lowered) \
            and not _PROJECT_TYPE_RES["cooperation_network"].search(re.sub(r"cluster-?management", " ", lowered)):
        # "ein Innovationscluster aufbauen: gemeinsame Versuchshalle plus Clustermanagement": the cluster named is the
        # measure (Nr. 3.5.2), its management a part of it
        found.remove("cooperation_network")
    if "industrial_site" in found and _STUDY_OF_SITES.search(lowered) and not _DEVELOPS_SITE.search(lowered):
        # "eine Studie zu einem gemeinsamen Gewerbeflächenpool machen lassen": the sites are what the study is about,
        # not developed; the study is a planning or advisory service (Nr. 3.3)
        found.remove("industrial_site")
        found += [] if "planning" in found else ["planning"]
    if "implementation_budget" in found and "industrial_site" in found and not _DEVELOPS_SITE.search(lowered):
        # "eine Vermarktungskampagne für freie Gewerbeflächen": the sites are what is marketed, not developed
        found.remove("industrial_site")
    if "commuter_transport" in found and not _FOR_TOURISTS.search(lowered):
        # "eine Linie zum Gewerbegebiet, damit Schichtarbeiter ohne Auto hinkommen": the estate is where it goes
        found = [kind for kind in found if kind != "industrial_site" or _DEVELOPS_SITE.search(lowered)]
    if "commuter_cycle_path" in found and not _FOR_TOURISTS.search(lowered):
        # "ein Radweg zum Gewerbegebiet, damit Azubis ohne Auto hinkommen": the estate is where it leads, and it is
        # no tourism infrastructure
        found = [kind for kind in found if kind != "tourism_infrastructure"
                 and (kind != "industrial_site" or _DEVELOPS_SITE.search(lowered))]
    elif "commuter_cycle_path" in found:
        found.remove("commuter_cycle_path")  # a cycle path mainly for visitors is tourism infrastructure
    if "harbour" in found and all(_NEAR_BEFORE.search(lowered[max(0, m.start() - 25): m.start()])
                                  for m in _PROJECT_TYPE_RES["harbour"].finditer(lowered)):
        # "eine Veranstaltungshalle nahe dem Hafen": where the project stands, not a port's facility
        found.remove("harbour")
    if "takeover" in found and all(_FROM_A_PARTY.search(lowered[max(0, m.start() - 30): m.start()])
                                   for m in _PROJECT_TYPE_RES["takeover"].finditer(lowered)):
        # "eine gebrauchte Maschine, die wir von unserer Schwesterfirma übernehmen": a thing taken over from a firm,
        # not the firm
        found.remove("takeover")
    if {"cooperation_network", "education_infrastructure"} <= set(found) and not _BUILDS_OR_EQUIPS.search(lowered):
        # "ein Netzwerk aufbauen: 8 Betriebe + IHK + Berufsschule": the school is a partner of the network, not a
        # building of it
        found.remove("education_infrastructure")
    if "community_facility" in found and _FOR_WORKFORCE.search(lowered):
        # a Kita or day care for the staff of the firms around ("mehrere Betriebe fragen nach Betreuungsplätzen für
        # ihre Leute (Schichtdienst)"): Daseinsvorsorge with a link to the economy (KR Nr. 3.6 (1), (3))
        found.append("workforce_facility")
    elif "community_facility" in found and _BASIC_SERVICES.search(lowered):
        # a facility of regional Daseinsvorsorge (childcare, care, a doctors' house), which Nr. 3.2.2 lists no measure
        # for: Nr. 3.6 is the one GRW measure that names Daseinsvorsorge (a club house or a town hall is none); one
        # of the two kinds is enough to lead there
        found.append("basic_services")
    if ({"broadband", "community_facility", "wastewater", "business_centre", "research_infrastructure"} & set(found)
            or _FUEL_STATION.search(lowered)) and "industrial_site" in found and not _DEVELOPS_SITE.search(lowered):
        # "Glasfaser im Gewerbegebiet", "eine Kita direkt am Gewerbegebiet", "die Kläranlage, vor allem wegen der
        # Betriebe im Gewerbegebiet", "ein Transfer-Lab, Standort evtl. Gewerbegebiet Wallenhorst", "eine öffentliche
        # H2-Tankstelle am Gewerbegebiet": the site is where, or whose, not what is built
        found.remove("industrial_site")
    return found


# -- one text ---------------------------------------------------------------------------------------------------------

_MAIN_SHARE = 50  # percent of the business a line must exceed to be the main activity by its share alone
_LINES_APART = 60  # characters between two lines of one business named together
# A business that shares its work between two trades ("ca hälfte elektroinstallation auf baustellen und hälfte
# schaltschrankbau", "teils Landwirtschaft, teils Lohnunternehmen", "60 % Fertigung"): which is the main activity, the
# line of KR Nr. 2.7.1 asks, is open
_SHARED_WORK = re.compile(r"hälfte|\bhalb\b|\bteils\b|zum\s{1,3}teil\b|\b\d{1,2}\s{0,2}(%|prozent\b)", re.IGNORECASE)


def _split_activity(trades: list[tuple[float, int, Trade]], lowered: str, knowledge: FundingKnowledge,
                    text: str) -> list[tuple[float, int, Trade]]:
    """The asker's trades with, where the work is shared between two of them (`_SHARED_WORK` between their names),
    one that the exclusion list does not name first: the other stays an alternative main activity (wz_alternatives),
    whose exclusion the answer names as depending on the main activity, instead of a "no" for the whole business."""
    own = [hit for hit in trades if hit[0] < 2.0]
    codes = list(dict.fromkeys(hit[2].wz for hit in own))
    if len(codes) < 2:
        return trades
    first, last = min(hit[1] for hit in own), max(hit[1] for hit in own)
    if not _SHARED_WORK.search(lowered[max(0, first - 40): last + 60]):
        return trades
    open_ = next((hit for hit in own if knowledge.exclusion(hit[2].wz, text) is None), None)
    if open_ is None or open_ is trades[0]:
        return trades
    return [(SECOND_LINE if hit[2].wz != open_[2].wz else hit[0], hit[1], hit[2]) if hit is not open_ else hit
            for hit in [open_] + [h for h in trades if h is not open_]]


# -- a firm of its own for the project ------------------------------------------------------------------------------
# Who makes the investment applies (KR Nr. 2.2.2 (1)), and the exclusion list asks for the applicant's main activity
# (Nr. 2.7.1): a business set up as a firm of its own ("wir haben nen milchviehbetrieb … und wollen ne hofkäserei
# aufmachen, als eigene gmbh") applies with the trade it is set up for, not the asker's present one.
_OWN_FIRM = re.compile(r"\b(?:als|in|über|mit)\s{1,3}(?:einer?\s{1,3}|einen\s{1,3})?(?:eigene[nrm]?|neue[nrm]?|separate[nrm]?)"
                       r"\s{1,3}(?:gmbh|ug|firma|gesellschaft|betriebsgesellschaft|kg)\b"
                       r"|\b(?:eigene|neue|separate)\s{1,3}(?:gmbh|ug|firma|gesellschaft)\s{1,3}(?:zu\s{1,3})?(?:gründen|aufmachen)"
                       r"|\b(?:gründen|gründet|gründe)\s{1,3}(?:dafür\s{1,3})?(?:eine|einen)\s{1,3}(?:eigene|neue|separate)\s{1,3}"
                       r"(?:gmbh|ug|firma|gesellschaft)\b"
                       # ("ne hofkäserei aufmachen, evtl eigene GmbH dafür": for the business just named)
                       r"|\b(?:eigene|separate)\s{1,3}(?:gmbh|ug|firma|gesellschaft)\s{1,3}dafür\b"
                       # (a business of its own founded by its trade's name, the trade right after: "mit 2 nachbarn ne
                       # eigene kleine geflügel-verarbeitung gründen")
                       r"|\b(?:eine?|ne|einen)\s{1,3}(?:eigene[nr]?|neue[nr]?)\s{1,3}(?:kleine[nr]?\s{1,3})?"
                       r"(?=[\w-]{3,40}\s{1,3}(?:gründen|gründet|gründe)\b)")

_NEW_FIRM_TRADE_AFTER = 25  # characters between the new firm and the trade it is for ("… GmbH für eine Werkstatt")


def _new_firm_first(trades: list[tuple[float, int, Trade]], named: list[tuple[float, int, Trade]],
                    lowered: str) -> list[tuple[float, int, Trade]]:
    """The asker's trades with the one a firm of its own is set up for first: of the trades named, one named right
    after the words that set it up ("gründen eine neue GmbH für eine Kfz-Werkstatt", where the trade reads as another
    party's), else the one named last before them in their sentence."""
    own = _OWN_FIRM.search(lowered)
    if own is None or not trades or len({hit[2].wz for hit in named}) < 2:
        return trades
    after = [hit for hit in named if 0 <= hit[1] - own.end() <= _NEW_FIRM_TRADE_AFTER]
    before = [hit for hit in named if hit[1] < own.start() and not _SENTENCE_END.search(lowered, hit[1], own.start())]
    new = min(after, key=lambda hit: hit[1]) if after else max(before, key=lambda hit: hit[1]) if before else None
    return trades if new is None else [new] + [hit for hit in trades if hit is not new]


# -- the main activity from the shares the text gives ("60 % Umsatz mit Lkw-Transporten, 40 % Kontraktlogistik") ----
# KR Nr. 2.7.1 asks for the main activity; where the asker names what each line of the business brings in, the line
# with the largest share is the main one, whatever its place in the text.
_SHARE = re.compile(r"(?<![\d,.])(\d{1,2}|100)\s{0,2}(?:%|prozent\b)", re.IGNORECASE)
_SHARE_LIST = re.compile(r"(?<![\d,.])(\d{1,2})\s?/\s?(\d{1,2})(?:\s?/\s?(\d{1,2}))?"
                         r"(?![\d/.,]|\s{0,2}(?:%|prozent))")
# between a share and the line it names: "60 % [des Umsatzes mit] Lkw-Transporten", "40 % Kontraktlogistik"
_SHARE_BRIDGE = re.compile(r"\s{0,3}(?:(?:vom|von|des|der|dem|unseres|unserem|unserer|gesamt\w{0,3}|umsatz\w{0,3}|umsätze"
                           r"|geschäft\w{0,3}|entf\w{0,5}|auf|mit|aus|durch|im|in|über|ca\.?|etwa|rund|macht|machen|ist"
                           r"|sind|kommt|kommen)\s{1,3}){0,4}")
# after a share that belongs to the line named before it: "(ca 40 % vom Umsatz)", "Kontraktlogistik 40 %,"
_SHARE_CLOSES = re.compile(r"\s{0,3}(?:(?:vom|von|des|unseres|gesamt\w{0,3}|umsatz\w{0,3}|umsätze)\s{0,3}){0,3}"
                           r"(?:[),;.!?]|und\b|$)")
# a lone share is a line's only where one of these says so
_SHARE_OF_BUSINESS = re.compile(r"umsatz|umsätze|anteil|erlös|geschäft")
_SHARE_WINDOW = 80  # characters between a share closing its clause and the line named before it
# the end of a sentence (not the dot of "ca.", "Mio.", "bzw.", "inkl.", "z. B." or of a number; not `_ABBREVIATIONS`,
# whose "usw." and "etc." often end one: "Türen, Fenster usw. Geplant ist …")
_SENTENCE_END = re.compile(r"(?<!\bca)(?<!\bmio)(?<!\bbzw)(?<!\binkl)(?<!\bevtl)(?<!\bz)(?<!\bb)(?<!\bv\.a)(?<!\behem)(?<!\d)"
                           r"[.!?](?=\s|$)")


def _sentence_start(lowered: str, pos: int) -> int:
    return max((m.end() for m in _SENTENCE_END.finditer(lowered, 0, pos)), default=0)


def _sentence_around(text: str, pos: int) -> str:
    """The sentence of `text` that position `pos` stands in."""
    lowered = text.lower()
    end = _SENTENCE_END.search(lowered, pos)
    return lowered[_sentence_start(lowered, pos): end.start() if end else len(lowered)]


def _shares(text: str, hits: list[tuple[float, int, Trade]]) -> dict[str, float]:
    """WZ code -> the share of the business the text gives for that line: a percentage next to the trade or the
    activity it names, or a list of shares ("(60/40)") after as many lines of the business named in that sentence.
    Shares of anything else ("60 % unserer Kunden") are no shares of a line. (Not "der Rest ist Montage beim Kunden:
    Innenausbau, Türen, Fenster": the words after "Rest" may list the parts of one line, not name another.)"""
    lowered = text.lower()
    at = sorted(((start, trade) for rank, start, trade in hits if rank < 3.0), key=lambda hit: hit[0])
    ends = {start: (m.end() if (m := _WORD.match(lowered, start)) else start) for start, _ in at}
    found: dict[str, float] = {}

    def give(code: str, share: float) -> None:
        found[code] = found.get(code, 0.0) + share

    for m in _SHARE.finditer(lowered):
        share = float(m.group(1))
        bridge = _SHARE_BRIDGE.match(lowered, m.end())
        after = next(((s, t) for s, t in at if s == bridge.end()), None)
        if after is not None:
            give(after[1].wz, share)  # "60 % Umsatz mit Lkw-Transporten"
            continue
        if not _SHARE_CLOSES.match(lowered, m.end()):
            continue  # "60 % unserer Kunden", "20 % Zuschuss": a share of something else
        clause_start = _sentence_start(lowered, m.start())
        end = _SENTENCE_END.search(lowered, m.end())
        sentence = lowered[clause_start: end.start() if end else len(lowered)]
        if not _SHARE_OF_BUSINESS.search(sentence) and len(_SHARE.findall(sentence)) < 2:
            continue  # "gibt's dafür die 90 %?": a rate, not a line's share of the business
        before = [(s, t) for s, t in at if clause_start <= s < m.start() and m.start() - ends[s] <= _SHARE_WINDOW
                  and not _SHARE.search(lowered, ends[s], m.start())]
        if before:
            give(before[-1][1].wz, share)  # "Werkstatt (ca 40 % vom Umsatz)", "Kontraktlogistik 40 %"
    for m in _SHARE_LIST.finditer(lowered):
        shares = [float(g) for g in m.groups() if g]
        clause_start = _sentence_start(lowered, m.start())
        codes = list(dict.fromkeys(t.wz for s, t in at if clause_start <= s < m.start()))
        if len(codes) == len(shares) and sum(shares) == 100 and not found:
            for code, share in zip(codes, shares):
                give(code, share)
    return {code: share for code, share in found.items() if share <= 100}


def says_main_line(text: str) -> bool:
    """Whether the text says what the lines of the business bring in ("60 % Umsatz mit …", "(60/40)", "halbe
    halbe") or which is the main one ("machen hauptsächlich Möbel in eigener Werkstatt"): the main activity is then
    not asked for."""
    lowered = text.lower()
    return bool(_SHARE_LIST.search(lowered) or _SHARE.search(lowered) and _SHARE_OF_BUSINESS.search(lowered)
                or re.search(r"\bhalbe\s{1,3}halbe\b|je\s{1,3}zur\s{1,3}hälfte", lowered)
                or _MAIN_ACTIVITY_SAID.search(lowered))


def _main_by_shares(trades: list[tuple[float, int, Trade]], named: list[tuple[float, int, Trade]],
                    shares: dict[str, float]) -> list[tuple[float, int, Trade]] | None:
    """The asker's trades with the line of the largest share first and the others as second lines; None where the
    shares decide nothing (none given, a tie, or only lodging and gastronomy, whose own rule weighs their shares)."""
    if not shares or sum(shares.values()) > 100:
        return None
    own_codes = list(dict.fromkeys(t.wz for _, _, t in trades))
    if len(shares) == 1:
        (code, share), = shares.items()
        # (not a code of the trade's own alternatives, "Tischlerei … 40 % vom Umsatz, der Rest ist Montage beim Kunden:
        # Türen, Fenster einbauen": which of the two the business mainly does stays the question the answer asks)
        own = next((t for _, _, t in [*trades, *named] if t.wz == code), None)
        others = [c for c in own_codes if c != code and not (own is not None and c in own.also)]
        if share > _MAIN_SHARE:
            main = code
        elif len(others) == 1 and code in own_codes:
            main = others[0]  # "Bäckerei … Café-Verzehr macht ca. 25 % vom Umsatz": the other line is the main one
        else:
            return None
    else:
        ranked = sorted(shares.items(), key=lambda kv: -kv[1])
        if ranked[0][1] == ranked[1][1]:
            return None
        main = ranked[0][0]
    if all(wz_within(code, "55") or wz_within(code, "56") for code in {main, *shares}):
        return None
    first = next((hit for hit in trades if hit[2].wz == main), None) \
        or next((hit for hit in named if hit[2].wz == main), None)
    if first is None:
        return None
    return [(min(first[0], trades[0][0]), first[1], first[2])] + [
        (SECOND_LINE if hit[2].wz != main else hit[0], hit[1], hit[2]) for hit in trades if hit is not first]


def _good_of_section_c(product: str, lexicon: TradeLexicon) -> bool:
    """Whether a product named (its word, lower case) is a good whose making is section C: not one of `_NOT_GOODS`,
    nor a product of farming, whose processing the lexicon's own rules read (KR Nr. 2.7.2 (1))."""
    farming = tuple(p for p in lexicon.agricultural_processing.products if " " not in p)
    return not product.startswith(_NOT_GOODS + farming)


def _maker_of_goods(text: str, lowered: str, lexicon: TradeLexicon) -> str | None:
    """The asker's own name as a maker of goods the lexicon does not know (`_MAKER`), as written; None where the
    product is no good of section C or the maker is another party ("beim Dämmstoffhersteller bestellt")."""
    for match in _MAKER.finditer(lowered):
        product = match.group(1) or match.group(2)
        before = lowered[max(0, match.start() - 40): match.start()]
        if not _good_of_section_c(product, lexicon) or _FROM_THE_MAKER.search(before) or (
                _PARTNER_CONTEXT.search(before) and not _SELF_CONTEXT.search(before)):
            continue
        return text[match.start(): match.end()]
    return None


# The larger share of the business said to be goods the asker makes, by the verb: "70 % vom Umsatz machen wir mit
# Schaltschränken, die wir in unserer Werkstatt bauen" (KR Nr. 2.7.1: the main activity decides; making goods is
# section C, which the list does not exclude)
_MADE_SHARE = re.compile(r"(?<![\d,.])(\d{1,2}|100)\s{0,2}(?:%|prozent\b)[^.!?;]{0,60}?(?:\b(?:mit|aus|durch)\s{1,3}|\s)"
                         r"(?:unsere[nmr]?\s{1,3}|de[nmr]\s{1,3}|die\s{1,3})?([a-zäöüß-]{3,40})\s{0,2},?\s{1,3}"
                         r"(?:die|den|das)\s{1,3}wir\s{1,3}(?:\S{1,25}\s{1,3}){0,5}?(?:selbst\s{1,3}|selber\s{1,3})?"
                         r"(?:bauen|herstellen|fertigen|produzieren|montieren)\b")


def _main_made(text: str, lowered: str, lexicon: TradeLexicon) -> str | None:
    """The goods the asker makes, said to bring in more than half of the business (`_MADE_SHARE`, as written), where
    they are goods of section C; None otherwise."""
    for made in _MADE_SHARE.finditer(lowered):
        if float(made.group(1)) > 50 and _good_of_section_c(made.group(2), lexicon):
            return text[made.start(2): made.end(2)]
    return None


def _extract_one(text: str, knowledge: FundingKnowledge, lexicon: TradeLexicon,
                 activities: bool = True, asker: str | None = None) -> tuple[ProjectProfile, str | None]:
    """The facts of one turn, and how it tells who asks: "declared", "trade", "said" (see `told`), or None. `asker`:
    what an earlier turn said the asker is, which a turn that only names a trade or a firm does not change."""
    # An adviser asking for a client ("Steuerberater hier, mein Mandant (Bäckerei, 12 MA) …", "IHK-Beratung für eine
    # Mitgliedsfirma: Maschinenbauer …"): who applies and what for is read from what is said of the client, not from
    # the adviser's own trade, body or "Beratung".
    proxy = _PROXY.search(text)
    full, text = text, (text[proxy.end():] if proxy and len(text) - proxy.end() >= 10 else text)
    lowered = text.lower()
    words = _words(text)
    # A trade named only as a customer or partner ("Sensoren für die Landwirtschaft") is not the applicant's sector.
    named = [hit for hit in _trades(text, words, lexicon, activities) if hit[0] < 3.0]  # every trade but one denied
    if proxy:
        # (the adviser's own trade, said of themselves after the client is named: "Fragen für einen Mandanten: darf
        # ich als Steuerberaterin den Antrag stellen?")
        named = [hit for hit in named if not _SAID_OF_SELF.search(text, max(0, hit[1] - 20), hit[1])]
    trades = [hit for hit in named if hit[0] < 2.0]
    # advice named as what is bought ("Unsere Mandanten fragen nach geförderter Unternehmensberatung"): the project's
    # service (Nr. 7.1.1.1), not the asker's business, unless the asker says it is theirs ("Wir sind eine
    # Unternehmensberatung"; an activity the text describes, "wir beraten Mittelständler", stands at its verb)
    trades = [hit for hit in trades if hit[0] <= 0.0
              or not _PROJECT_TYPE_RES["advice"].search(lowered[hit[1]: hit[1] + 60].split(maxsplit=1)[0])
              or _activity_verb(_WORD.match(lowered, hit[1]).group(), lexicon)]
    candidates = _applicant_candidates(lowered)
    said = list(candidates)  # who the text says asks, before any trade named
    if acting := _TOWNS_ACTING.search(text) or _BODY_ACTING.search(text):
        # "Badbergen und Quakenbrück planen zusammen ein Industriegebiet", "Die Stadt würde das gern kaufen"
        candidates.append((0.5, acting.start(), "municipality"))
    if trades:
        rank, start, trade = trades[0]
        kind = _trade_applicant(trade, "gemeinnützig" in lowered)
        if kind == "company" and trade.wz in _CARE_BODIES and _CARRIER.search(lowered) \
                and not _LEGAL_FORM.search(lowered):
            kind = "association"  # "Wir sind Träger von vier Kitas": a body that runs them, as a rule not for profit
        if kind == "company" and any(r <= 0 and k == "association" for r, _, k in candidates):
            kind = "association"  # "Wir sind ein e.V. und betreiben 3 Kitas": the non-profit body runs the trade
        if kind == "company" and trade.wz.startswith(_PUBLIC_SERVICE_CODES) and (
                _MUNICIPAL_PREFIX.match(lowered, start) or _MUNICIPAL_ADJECTIVE.search(lowered, max(0, start - 25), start)):
            kind = "municipality"  # "in der Stadtbibliothek", "das städtische Museum": a municipality's institution
        trade_candidate = (rank, start, kind)
        candidates.append(trade_candidate)
    applicant = min(candidates)[2] if candidates else None
    # how the turn tells who asks: they say what they are ("als Samtgemeinde", "wir sind eine Tischlerei"), or only a
    # trade is named ("und ein Logistiker will die halbe Fläche"), or a body is said to act ("wenn die Stadt erschließt")
    # (or only a party beside the asker is named: "betreiben soll ihn die Museums-GmbH")
    told = None if not candidates else "declared" if min(candidates)[0] <= 0 \
        else "trade" if trades and min(candidates) == trade_candidate \
        else "partner" if min(candidates)[0] >= 2 else "said"
    # "Als Samtgemeinde planen wir …", then "und ein Logistiker will die halbe Fläche": the trade is the site's user,
    # the asker stays the body they said they are
    # (a firm's later "wenn die Stadt das Gebiet erschließt, kann die GRW kriegen?" asks about the town's measure)
    as_asker = asker is not None and (told == "trade" or told == "said" and asker != "company") \
        and applicant not in (None, asker)
    applicant = asker if as_asker else applicant
    owned = _MUNICIPAL_COMPANY.search(lowered)
    # (a trade the asker calls their own decides, unless it is that company: "Stadt Melle + unsere Stadtwerke")
    if applicant in ("company", None) and owned and not (trades and trades[0][0] <= 0.0
                                                         and not owned.start() <= trades[0][1] < owned.end()) \
            and not _PARTNER_CONTEXT.search(lowered[max(0, owned.start() - 40): owned.start()]):
        # a company the municipality owns (Stadtwerke, a Kurbetriebsgesellschaft "100 % städtisch", an Eigenbetrieb)
        # speaks for its municipality, which may carry an infrastructure measure itself (KR Nr. 3.2.1.3)
        applicant = "municipality"
    if applicant == "private" and _STARTS_A_BUSINESS.search(lowered):
        # "Ich bin Privatperson und möchte … ein Café mit Rösterei gründen": who founds a business applies as its firm
        # (KR Nr. 2.2.2: who makes the business investment); the private household is only what they are now
        applicant = "company"
    profile = ProjectProfile(applicant_type=applicant, description=full)
    shares = _shares(text, named) if trades else {}
    by_shares = _main_by_shares(trades, named, shares) if trades else None
    trades = _new_firm_first(by_shares or _split_activity(trades, lowered, knowledge, text), named, lowered)
    if len(trades) > 1 and trades[0][2].body_form:
        # "wir betreiben als gemeinnütziger verein ne jugendherberge", "Unser Verein betreibt eine Jugendherberge": the
        # club's form, said of the asker, says who asks, the hostel it runs what it does (not a party beside it: a trade
        # told of another; nor a club named as a user, "Räume für Vereine", or in a building's name,
        # "Dorfgemeinschaftshaus")
        body = trades[0][1]
        run = [t for t in trades if not t[2].body_form and t[0] < 2 and (trades[0][0] < 0 or _RUNS.search(
            lowered, max(0, min(body, t[1]) - 25), max(body, t[1])))]
        trades = run[:1] + [t for t in trades if t not in run[:1]]
        if run and profile.applicant_type == "association" and not run[0][2].site_works \
                and int(run[0][2].wz[:2]) < _PUBLIC_SERVICE_DIVISIONS:
            # and it applies as the firm it is where that is a business (lodging, a shop, a workshop): the KR's
            # application names the Verein among a firm's legal forms (Anhang 2, Erläuterung zu Nr. 1.2); a club that
            # runs Kitas, a school or a museum stays the body it is
            profile.applicant_type = applicant = "company"
    made = _main_made(text, lowered, lexicon) if applicant in ("company", None) and not as_asker else None
    if made is not None:  # the goods the asker makes lead; the trades named are lines beside them
        profile.sector, profile.wz_code, profile.wz_title = made, "C", wz_title("C")
        profile.wz_alternatives = list(dict.fromkeys(t.wz for _, _, t in trades))
    elif trades and not as_asker:
        trade = trades[0][2]
        profile.sector, profile.wz_code = trade.name, trade.wz
        profile.wz_title, profile.wz_alternatives = wz_title(trade.wz), list(trade.also)
        if _MAKER_WORD.match(lowered, trades[0][1]):
            # "Kältetechnik-Hersteller": the name says the firm makes the goods (WZ section C, divisions 10 to 33), not
            # that it installs or sells them (43.22)
            profile.wz_alternatives = [c for c in profile.wz_alternatives if _makes_goods(c)]
        profile.sector_share_percent = shares.get(trade.wz) if len(shares) == 1 else None
        # a second line of the business named with it ("Kaffeerösterei mit Café"): its code may be the main activity
        profile.wz_alternatives = list(dict.fromkeys(profile.wz_alternatives + [
            t.wz for rank, _, t in trades[1:] if rank == SECOND_LINE and t.wz != trade.wz]))
        if applicant in ("company", None):
            profile.lodging_share_percent, profile.lodging_share_of_guests = _lodging_share(lowered)
            excluded = knowledge.exclusion(trade.wz, text, tuple(t.wz for _, _, t in trades),
                                           lodging_share=profile.lodging_share_percent)
            profile.excluded_sector = excluded.code if excluded else None
            # a line of the business named right beside the excluded one that the same line of Nr. 2.7.1 excepts
            # ("Containerdienst, dazu eine Sortieranlage": 38.11 and 38.21; "Spedition + Kontraktlogistik": 52.26.1
            # and 52.25): which of the two the site mainly does decides
            profile.named_lines = [
                t.wz for rank, at, t in trades[1:] if excluded is not None and rank < 2.0 and t.wz != trade.wz
                and abs(at - trades[0][1]) <= _LINES_APART and excluded.names_exception(t.wz)]
            profile.wz_alternatives = list(dict.fromkeys(profile.wz_alternatives + profile.named_lines))
    elif applicant in ("company", None) and (maker := _maker_of_goods(text, lowered, lexicon)):
        profile.sector, profile.wz_code, profile.wz_title = maker, "C", wz_title("C")
    if applicant in ("company", None) and not as_asker and _makes_goods(profile.wz_code) \
            and not any(code.startswith("47") for code in profile.wz_alternatives) and _OWN_SHOP.search(lowered):
        # a maker that also sells in a shop of its own ("bauen Lastenräder selbst, verkaufen aber auch im eigenen
        # Laden"): retail (WZ 47, excluded by Nr. 2.7.1) may be the site's main activity
        profile.wz_alternatives = [*profile.wz_alternatives, "47"]
    # the businesses a site is for, also named as such ("ein Gewerbegebiet für Handwerk, Metallbau und Logistik")
    # (not the asker's own body, nor the works of the measure: "den Auftrag für den Straßenbau vergeben", nor the
    # letting of the premises, which is how the Träger runs them: "was müssen wir bei der Vermietung beachten", Nr.
    # 3.2.1.5)
    # (nor a past use of the site: "Altlastenverdacht (Tankstelle, Schießstand)", "die ehemalige Ziegelei")
    # (a past use named once stays past where it is named again: "eine ehemalige Kiesgrube … zählt so eine Kiesgrube
    # als Brachfläche?")
    past = {t.wz for _, at, t in named if _SITE_PAST_BEFORE.search(lowered[max(0, at - 60): at])
            or _FORMER_BEFORE.search(lowered[max(0, at - 40): at])}
    users = {t.wz for _, at, t in named
             if _trade_applicant(t) == "company" and not t.site_works and not t.wz.startswith("68") and t.wz not in past}
    if applicant in ("municipality", "association") and users and not as_asker:
        # (a later turn's firm, "ein Logistiker will die halbe Fläche", is one user among others, not what the site is
        # for)
        # The businesses a site or centre is meant for (KR Nr. 3.2.2.1: vorrangig not of an excluded sector); the
        # Wirtschaftsförderung that asks for its town is none of them.
        # (where other businesses are to use it too, "anfangs v. a. eine Spedition, später weitere Betriebe", whether
        # it serves mainly those of excluded sectors is open)
        excluded_only = all(knowledge.exclusion(code, text) is not None for code in users)
        # (not where the site is said to be mainly for them: "vor allem für Logistik, aber auch andere Betriebe")
        profile.users_in_part_excluded = True if excluded_only and _OTHER_USERS.search(lowered) \
            and not _MAINLY_FOR.search(lowered) else None
        profile.users_excluded = None if profile.users_in_part_excluded else excluded_only
    if applicant in ("municipality", "association") and _LARGE_RETAIL.search(lowered):
        profile.users_excluded = True  # KR Nr. 3.2.1.11 (1): no measures in favour of large-scale retail
    if applicant in ("municipality", "association", None) and _TAILORED.search(_QUOTED_TERM.sub(" ", lowered)):
        profile.tailored_to_one = True
    elif applicant in ("municipality", "association", None) and _ONE_FIRM_REASON.search(lowered) \
            and not _OTHER_USERS.search(lowered):
        profile.one_firm_reason = True
    if applicant in ("municipality", "association", None) and (_MOSTLY_LOCAL.search(lowered) or any(
            not _FOR_TOURISTS.search(_sentence_around(lowered, m.start())) for m in _USED_BY_LOCALS.finditer(lowered))):
        profile.mostly_local_use = True
    if applicant == "research":
        # (not where the text denies it: "nicht Teil einer Hochschule")
        mentions = [m for m in _UNIVERSITY.finditer(lowered)
                    if not _NOT_PART_OF.search(before := lowered[max(0, m.start() - 40): m.start()])
                    and (not _PARTNER_CONTEXT.search(before) or _PART_OF.search(before))]
        profile.university_or_society = bool(mentions)
        share = _BASE_FUNDING.search(lowered)
        if share:
            profile.base_funding_over_limit = float(next(g for g in share.groups() if g).replace(",", ".")) > 20
    if applicant in ("company", None):
        processor = lexicon.agricultural_processing.covers(profile.wz_code)
        if processor or profile.excluded_sector == "A" or profile.wz_code is None:
            # a dairy, or a farm or a business of unknown trade that says it processes (a machine builder "für
            # Fleischverarbeiter" is none)
            profile.agri_processing = True if processor or _processes_agricultural_products(text, lexicon) \
                else None
        profile.employees, at_grant, profile.new_jobs = _employees(text)
        profile.linked_employees = _linked_staff(text)
        if profile.linked_employees is not None:
            profile.linked_enterprise = True
        if secured := _SECURED_JOBS.search(text):
            profile.secured_jobs = _count(next(g for g in secured.groups() if g))
        if profile.employees is None and profile.new_jobs and _FOUNDING.search(lowered):
            profile.employees = profile.new_jobs  # a new firm's staff are its new jobs ("Neugründung …, 3 neue Stellen")
        profile.size_at_grant = True if at_grant else None
        profile.company_size = _company_size(text, profile.employees, knowledge)
        if not at_grant and profile.employees is not None and profile.new_jobs and profile.company_size is not None \
                and _HIRED_SOON.search(text):
            # "aktuell 49 Leute, wir stellen bald 3 ein": hires that cross the size's headcount limit make the size at
            # the grant open between the two (KR Nr. 1.5 (3): the time of the grant decides)
            later = knowledge.company_size(profile.employees + profile.new_jobs)
            if later != profile.company_size and not _SECURED_JOBS.search(text):
                sizes = [limit.size for limit in knowledge.company_sizes]
                profile.size_at_grant = True
                profile.size_between = sizes[sizes.index(profile.company_size): sizes.index(later) + 1]
                profile.company_size = None
    profile.investment_eur, profile.turnover_eur, profile.balance_sheet_eur, profile.cost_parts = _money(text)
    profile.depreciation_eur, profile.investment_years = _depreciation(text)
    profile.sum_holds_items = True if profile.investment_eur and (SUM_HOLDS_OTHER.search(text)
                                                                  or TOTAL_WORDS.search(text)) else None
    profile.sum_with_vat = bool(_WITH_VAT.search(text)) if profile.investment_eur else None
    profile.storage_eur = _storage_sum(text)
    profile.item_sums, profile.item_dates, profile.items_in_part = _item_figures(text, knowledge)
    for label, value in profile.cost_parts:
        # a list of parts pairs each with its own sum: "Erschließung 2,4 Mio + Grunderwerb 600k" gives the land 600k,
        # not the sum before its word
        for item in knowledge.cost_items:
            if item.id in profile.item_sums and item.named_in(label):
                profile.item_sums[item.id] = value
    if profile.sum_holds_items is None and profile.item_sums and _COMES_ON_TOP.search(text):
        profile.sum_holds_items = False
    if applicant in ("company", None):
        profile.wage_costs, profile.wage_per_job_eur, profile.wage_total_eur = _wages(text)
    profile.project_types = _project_types(text, applicant)
    if applicant in ("company", "research") and min(candidates)[0] >= 2 \
            and set(profile.project_types) & _PUBLIC_FACILITIES:
        # firms named only as those a public site is for ("Gewerbeflächen für Handwerk/KMU anbieten"), or a research
        # body named only as a partner ("Wir überlegen mit der Hochschule ein Transfer-Lab …"), are not the asker: who
        # carries the measure is not said (a chamber or guild named as co-carrier is of the asker's kind: "träger
        # wären wir zusammen mit den innungen")
        profile.applicant_type = None
        profile.project_types = _project_types(text, None)
    elif applicant == "company" and set(profile.project_types) & _PUBLIC_FACILITIES \
            and any(r < 2 for r, _, _ in trades) and all(t.site_works and 0 < r for r, _, t in trades if r < 2) \
            and all(r >= 2 or kind != "company" for r, _, kind in said):
        # the works of a public site named as its trade ("eine Industriebrache mit Altlasten … revitalisieren: sind
        # Altlastensanierung und Abriss förderfähig?"): what is done there, not who asks, which is not said or is a
        # public body ("die Aufstellung des B-Plans"; a prospect named beside them, "Ein Interessent wäre ein
        # Stahlverarbeiter", is not the asker either)
        profile.applicant_type = min((c for c in said if c[0] < 2), default=(0, 0, None))[2]
        profile.sector = profile.wz_code = profile.wz_title = profile.excluded_sector = None
        profile.wz_alternatives, profile.named_lines = [], []
        profile.project_types = _project_types(text, None)
    if profile.applicant_type is None and profile.project_types \
            and set(profile.project_types) <= _COMPANY_ONLY_TYPES | {"fuel_switch"} \
            and (_SPEAKS_FOR_ITSELF.search(lowered) or _OWN_PLANT.search(lowered)
                 or "relocation" in profile.project_types and re.search(r"\b(wir|ich)\b", lowered)):
        # "wir wollen unsere alten Gasbacköfen durch Elektroöfen ersetzen": only a firm replaces, modernises or
        # extends its own plant (KR Nr. 2.4.1); who says "wir … unsere" of it, or plans a production hall, is that
        # firm (as is who says "wir" of a move: "Bekommen wir für den Umzug in den Landkreis GRW-Förderung?")
        profile.applicant_type = "company"
    elif profile.applicant_type is None and profile.company_size is not None and not profile.project_types \
            and _WE_ACT.search(lowered):
        # "… 35 % Zuschuss für kleine Firmen. Stimmt das? Dann würden wir die neue Anlage angehen": who plans beside a
        # firm's size and names no public measure speaks as a firm (only firms have a size class, KR Nr. 2.1.5)
        profile.applicant_type = "company"
    profile.grant_received = True if DUTIES_OF_A_GRANT.search(text[:20_000]) else None
    if profile.grant_received:
        # "wir haben 2022 GRW für eine Spritzgießanlage bekommen … Droht Rückforderung?": the firm's investment named is
        # the one funded; the question asks for the duties that follow its grant (KR Nr. 2.2.6, 2.8), not whether a
        # new one (a replacement) can be funded (a funded site's kind stays: its binding is that of Nr. 3.2.1.8)
        profile.project_types = [t for t in profile.project_types if t not in _COMPANY_ONLY_TYPES]
    profile.already_started = _already_started(full)
    profile.start_reserved = True if profile.already_started is None and _RESERVED.search(full) \
        and _CONTRACT_PARTICIPLE.search(full) else None
    profile.started_in_part = _started_in_part(full) if profile.already_started else None
    profile.commercial_share_percent = _commercial_share(full)
    profile.let_share_percent = _let_share(full)
    profile.private_share_percent = _private_share(full)
    profile.other_aid_percent = _other_aid(full)
    profile.other_aid_eur = None if profile.other_aid_percent else _other_aid_eur(full)
    profile.in_difficulty = _in_difficulty(full)
    profile.linked_enterprise = _linked_enterprise(full) if applicant in ("company", None) else None
    profile.split_company = _split_company(full) if applicant in ("company", None) else None
    profile.municipalities = _municipalities(full, words if text is full else _words(full))
    profile.municipality = profile.municipalities[0] if profile.municipalities else None
    return profile, told


# -- structured fields ------------------------------------------------------------------------------------------------

def _validated(structured: dict) -> dict:
    known = {f.name for f in fields(ProjectProfile)}
    unknown = set(structured) - known
    if unknown:
        raise ValueError(f"Unbekannte Angaben zum Vorhaben: {', '.join(sorted(unknown))}.")
    if structured.get("applicant_type") not in (None, *APPLICANT_TYPES):
        raise ValueError(f"Unbekannte Art der Antragstellenden: „{structured['applicant_type']}“.")
    if structured.get("company_size") not in (None, *COMPANY_SIZES):
        raise ValueError(f"Unbekannte Unternehmensgröße: „{structured['company_size']}“.")
    employees = structured.get("employees")
    if employees is not None and (isinstance(employees, bool) or not isinstance(employees, int) or employees < 0):
        raise ValueError("Die Zahl der Beschäftigten muss eine ganze Zahl ab 0 sein.")
    for name in ("turnover_eur", "investment_eur"):
        value = structured.get(name)
        if value is not None and (isinstance(value, bool) or not isinstance(value, (int, float)) or value < 0):
            raise ValueError(f"Der Betrag „{name}“ muss eine Zahl ab 0 sein.")
    return structured


_SECTOR_FIELDS = ("sector", "excluded_sector", "wz_code", "wz_title", "wz_alternatives", "named_lines",
                  "sector_share_percent", "lodging_share_percent", "lodging_share_of_guests")
# A part of the costs taken back ("die halle kaufen wir jetzt doch nicht", "die Maschinen fallen weg")
_TAKEN_BACK = (r"[^.?!]{0,50}\b(doch\s{1,3}nicht|nicht\s{1,3}mehr|fällt\s{1,3}weg|fallen\s{1,3}weg|entfällt|entfallen"
               r"|streichen\s{1,3}wir|gestrichen|lassen\s{1,3}wir\s{1,3}weg"
               # (rented instead of bought: "und wenn wir das gebäude nur mieten statt kaufen?")
               r"|(mieten|pachten|anmieten)\s{1,3}statt\s{1,3}(zu\s{1,3})?(kaufen|bauen|erwerben))\b")
_PART_WORD = re.compile(r"[a-zäöüß]{4,}")
_NOT_PART_WORDS = {"kaufen", "neue", "neuen", "neues", "plan", "bauen", "dafür", "noch", "ca", "rund", "etwa"}


def _drops(text: str, label: str) -> bool:
    """Whether the text takes back the part of the costs `label` names, by a noun of it or by the last part of that
    noun ("das gebäude … mieten statt kaufen" of "ein kleines bürogebäude kaufen")."""
    nouns = [w for w in _PART_WORD.findall(label.lower()) if w not in _NOT_PART_WORDS]
    said = {m.group(1).lower() for m in re.finditer(rf"\b([a-zäöüß]{{4,}})(?=\w{{0,3}}\b{_TAKEN_BACK})", text[:20_000],
                                                    re.IGNORECASE)} - _NOT_PART_WORDS
    # (a word said may carry an ending of up to three letters: "hallen" of "halle", "gebäudes" of "bürogebäude")
    stems = {word[:len(word) - cut] for word in said for cut in range(4) if len(word) - cut >= 4}
    return any(noun == stem or len(stem) >= 5 and noun.endswith(stem) for noun in nouns for stem in stems)


_SINGLE_FIELDS = ("applicant_type", "already_started", "start_reserved", "employees", "linked_employees", "turnover_eur",
                  "balance_sheet_eur", "investment_eur", "university_or_society", "base_funding_over_limit",
                  "users_excluded", "users_in_part_excluded", "tailored_to_one", "one_firm_reason", "mostly_local_use", "in_difficulty", "linked_enterprise", "split_company",
                  "size_at_grant", "started_in_part", "commercial_share_percent", "let_share_percent",
                  "private_share_percent", "other_aid_percent", "other_aid_eur",
                  "grant_received",
                  "agri_processing", "wage_costs", "new_jobs", "wage_per_job_eur", "wage_total_eur",
                  "depreciation_eur", "investment_years", "secured_jobs", "sum_with_vat")


# (also the asker's own: "und unser Kiosk mit Imbiss am Platz?" after a campsite is a part of it)
_REFERRING_WORDS = {"der", "die", "das", "den", "dem", "im", "beim", "vom", "zum", "ins",
                    "unser", "unsere", "unseren", "unserem", "unserer", "unseres"}


# A later turn that says which part of the business is its main one ("bei dem Landgasthof ist das Restaurant das
# Hauptgeschäft"): that part is the main activity (KR Nr. 2.7.1), though named with an article
_MAIN_PART = re.compile(r"\b(hauptgeschäft|haupttätigkeit|hauptumsatz|kerngeschäft|hauptstandbein|schwerpunkt)\b",
                        re.IGNORECASE)


_FIRST_PERSON = re.compile(r"\b(wir|uns|unser\w{0,2}|ich|mein\w{0,2})\b", re.IGNORECASE)


def _refers_back(turn: str, lexicon: TradeLexicon) -> bool:
    """Whether a later turn names its trade as one spoken of already ("Das Restaurant …", "im Hofladen", "unser
    Kiosk"): with a definite article or the asker's own, a part of the business described before, not a new main
    activity ("und wenn wir ein Restaurant wären?"), nor the part it says is the main one."""
    if _MAIN_PART.search(turn):
        return False
    words = _words(turn)
    named = _trades(turn, words, lexicon)
    if not named:
        return False
    at = next(n for n, w in enumerate(words) if w.start == named[0][1])
    # (a trade named by what it does, "die an fremdfirmen vermieten", is no noun after an article)
    return at > 0 and words[at - 1].text in _REFERRING_WORDS and words[at].text.lower() not in ("an", "für", "von")


# A size the asker asks about as if it were theirs ("und wieviel wärs, wenn er mittleres Unternehmen wäre?", "wäre das
# als großes Unternehmen anders?"): a second estimate, not the asker's size
_IF_SIZE = re.compile(r"\b(wenn|falls)\b[^?.]{0,40}\b(?P<size>klein|mittler|groß)\w{0,3}\s{1,3}(unternehmen|firma|betrieb)"
                      r"\w{0,2}\b[^?.]{0,20}\b(wäre|wären|wär|sei)\b"
                      r"|\b(wäre|wären|wär|wärs|wäre's)\b[^?.]{0,40}\bals\s{1,3}(?P<as_size>klein|mittler|groß)\w{0,3}\s{1,3}"
                      r"(unternehmen|firma|betrieb)", re.IGNORECASE)
_SIZE_STEMS = {"klein": "small", "mittler": "medium", "groß": "large"}


def hypothetical_size(text: str) -> str | None:
    """The company size a question asks about as a supposition ("… und wenn er ein mittleres Unternehmen wäre?")."""
    match = _IF_SIZE.search(text)
    return _SIZE_STEMS[(match.group("size") or match.group("as_size")).lower()] if match else None


# Figures said of the group as a whole ("zusammen sind wir ca 70 Leute und 9 Mio Umsatz", "insgesamt 300 MA mit der
# Tochter"): partners and linked enterprises are counted in already (KR Nr. 2.1.5 (4)), the size follows from them
_GROUP_FIGURES = re.compile(r"\b(zusammen|insgesamt|gemeinsam|konzernweit|gruppenweit|mit\s{1,3}(der|dem|unserer|unserem)\s{1,3}"
                            r"(beteiligung|tochter\w{0,8}|schwester\w{0,8}|mutter\w{0,8}|holding|gruppe))\b[^.?!]{0,40}\d"
                            r"|\d[^.?!]{0,40}\b(zusammen|insgesamt)\b", re.IGNORECASE)


_ADMINISTRATION = "84"  # the WZ 2025 division of public administration
# An asker who says they write or study about the subject, not for a project of their own
_OBSERVER = re.compile(r"\b(journalist(in)?|redakteur(in)?|reporter(in)?|presseanfrage|recherchiere|recherchieren\s{1,3}(zu[mr]?|über)"
                       r"|(meine|meiner|unsere|unserer)\s{1,3}"
                       r"(ba|ma|bachelorarbeit|masterarbeit|hausarbeit|seminararbeit|abschlussarbeit|dissertation"
                       r"|doktorarbeit)|für\s{1,3}(einen|meinen|unseren)\s{1,3}(artikel|bericht|zeitungsartikel|beitrag))\b",
                       re.IGNORECASE)
# ... unless they also say what they plan themselves ("Journalistin, und wir wollen selbst ein Café eröffnen")
OWN_PLAN = re.compile(r"\b(wir|ich)\s{1,3}(\S{1,12}\s{1,3})?(wollen|will|möchten|möchte|planen|plane|bauen|baue|investieren"
                       r"|gründen|gründe|brauchen|brauche)\b|\b(unser|unsere|unseren|unserem|mein|meine|meinen|meinem)\s{1,3}"
                       r"(betrieb|firma|unternehmen|projekt|vorhaben|hof|laden|hotel|werkstatt)\b", re.IGNORECASE)


def extract_profile(text: str, history: list[dict] | None = None, structured: dict | None = None, *,
                    knowledge: FundingKnowledge) -> ProjectProfile:
    """Facts from earlier user turns, then from `text` (later statements win), then explicit `structured` fields;
    excluded sectors and company-size limits are those of `knowledge` (the rules the caller answers with)."""
    lexicon = TradeLexicon.load()
    turns = [t.get("content", "") for t in history or [] if t.get("role") == "user" and t.get("content")]
    profile = ProjectProfile(description=text or "")
    project_types: list[str] = []
    group_figures = False  # the latest headcount is the group's, partners and linked enterprises counted in
    declared = False  # an earlier turn said what the asker is
    for turn in [*turns, text or ""]:
        # (what a later turn says the business does besides, "und wenn ich oben Gästezimmer vermiete?", adds to the
        # trade named before; it replaces it only by a trade named)
        found, told = _extract_one(str(turn), knowledge, lexicon, activities=profile.sector is None,
                                   asker=profile.applicant_type if declared else None)
        if profile.sector is not None and found.sector is None and _SHARE.search(str(turn)):
            # ... or by an activity the turn says makes most of the turnover: the main activity, which decides (KR Nr.
            # 2.7.1): "wir bauen selber nix, ca 75% vom umsatz ist verkauf von … traktoren" after "Landtechnik-Betrieb"
            # (read again only where the turn gives a share at all)
            doing, done_told = _extract_one(str(turn), knowledge, lexicon, activities=True,
                                            asker=profile.applicant_type if declared else None)
            if doing.sector is not None and (doing.sector_share_percent or 0) >= _MAIN_SHARE:
                found, told = doing, done_told
        # (a public body said to act by the asker, "wir wollen … ein Gewerbegebiet erschließen", is the asker as well;
        # not a town only named, "ein Betrieb aus der Stadt Osnabrück")
        declared = declared or told == "declared" or told == "said" and found.applicant_type in (
            "municipality", "association") and bool(_FIRST_PERSON.search(str(turn)))
        if found.employees is not None:
            group_figures = bool(_GROUP_FIGURES.search(str(turn)))
        if found.investment_eur is not None and profile.investment_eur is not None \
                and found.investment_eur in (*found.item_sums.values(), *profile.item_sums.values()):
            # "das grundstück haben wir schon gekauft, 900k" after "ca. 3 Mio inkl. Grundstück": the item's own sum,
            # within the whole said before, not a new whole (and the sum an earlier turn gave the item: "2 Mio inkl.
            # 250k Grundstück", then "das grundstück für den neubau haben wir schon gekauft (250k)")
            found.investment_eur = None
        if found.employees is not None and profile.employees is not None and found.employees == _site_staff(str(turn)):
            # "noch was: wir haben nen zweiten standort in löningen mit 25 leuten": a turn that counts another site
            # only adds its staff to the firm's said before (KR Nr. 2.1.5: the enterprise, not the establishment)
            found.employees += profile.employees
            found.company_size = knowledge.company_size(found.employees)
        if profile.applicant_type is not None and told == "partner":
            found.applicant_type = None  # a later turn that names only another party keeps who asks
        if profile.applicant_type is not None and _OPERATOR_NAMED.search(str(turn)):
            # one that names who is to run what the asker builds ("betreiben soll ihn die Museums-GmbH") keeps who asks
            # and their trade
            found.applicant_type = found.sector = None
        if found.investment_eur is not None and profile.investment_eur is not None \
                and _ON_TOP_OF_BEFORE.search(str(turn)) and not _REVISES.search(str(turn)):
            # "dazu kommen noch 2 Transporter (90k) und eine CAM-Lizenz für 45k" after "neue 5-Achs-Fräse 350k": parts
            # on top of the sum said before, not a new whole; unless the turn names again an item said before ("halle
            # 700k und auch noch 2 kräne" after "neue Halle für 900k": the plan anew)
            before = profile.cost_parts or [(_said_label(turns, profile.investment_eur), profile.investment_eur)]
            added = found.cost_parts or [(_said_label([str(turn)], found.investment_eur), found.investment_eur)]
            named_before = {s for label, _ in before for s in stems(label) if len(s) >= 4}
            if all(label for label, _ in before + added) \
                    and not any(named_before & set(stems(label)) for label, _ in added):
                found.cost_parts = before + added
                found.investment_eur = max(value for _, value in found.cost_parts)
        for name in _SINGLE_FIELDS:
            if getattr(found, name) is not None:
                setattr(profile, name, getattr(found, name))
        if found.employees is not None or found.company_size is not None:
            profile.company_size = found.company_size  # the latest size statement wins ("und mit 300 Mitarbeitern?")
            profile.size_between = list(found.size_between)  # (open between two sizes by the hires to come)
        if found.sector is not None and profile.sector is not None and _refers_back(str(turn), lexicon):
            found.sector = None  # "Das Restaurant hat viele externe Gäste" after "Hotel mit Restaurant": a part of it
            if found.lodging_share_percent is not None:
                # "… die Hotelgäste bringen vielleicht 15 %": the shares of the business said before, and the
                # exclusion they decide (KR Nr. 2.7.1: gastronomy with less than a quarter from its own guests)
                profile.lodging_share_percent = found.lodging_share_percent
                profile.lodging_share_of_guests = found.lodging_share_of_guests
                profile.excluded_sector = found.excluded_sector
        counted_in = found.employees is not None and bool(_COUNTED_IN.search(str(turn)))
        if found.sector is not None and profile.sector is not None and found.wz_code != profile.wz_code and (
                counted_in or found.sector_share_percent is not None and found.sector_share_percent < _MAIN_SHARE):
            # "ca 40 % vom Umsatz ist Karosseriebau" after "Kfz-Werkstatt mit Gebrauchtwagenhandel": a line beside the
            # main activity named before, which stays (Nr. 2.7.1: the main activity decides); so is one whose staff a
            # later headcount counts in ("wir sind doch 60 leute wenn man unsere zwei brauhaus-gaststätten mitzählt"
            # after a brewery: the firm's size is the whole's)
            profile.wz_alternatives = list(dict.fromkeys([*profile.wz_alternatives, found.wz_code]))
        elif found.sector is not None:  # a later main activity replaces an earlier one, with its code and exclusion
            for name in _SECTOR_FIELDS:
                setattr(profile, name, getattr(found, name))
            profile.agri_processing = found.agri_processing
        if found.municipalities:
            profile.municipalities, profile.municipality = found.municipalities, found.municipality
        if found.investment_eur is not None:  # the parts belong to the sum they make up, and what it holds
            profile.cost_parts, profile.storage_eur = found.cost_parts, found.storage_eur
            profile.sum_holds_items = found.sum_holds_items
        elif dropped := [part for part in profile.cost_parts if _drops(str(turn), part[0])]:
            # "die halle kaufen wir jetzt doch nicht, wir mieten sie": a part said before that the turn takes back;
            # the rest is the investment
            kept = [part for part in profile.cost_parts if part not in dropped]
            profile.investment_eur = sum(value for _, value in kept) or None
            profile.cost_parts = kept if len(kept) > 1 else []
        elif found.sum_holds_items is False:  # an item that comes on top of the sum said before
            profile.sum_holds_items = False
        profile.item_sums |= found.item_sums  # a later sum or date for the same item replaces the earlier one
        profile.items_in_part = [i for i in profile.items_in_part if i not in found.item_dates] + found.items_in_part
        profile.item_dates |= found.item_dates
        stated_kinds = INVESTMENT_KINDS & set(found.project_types)
        if stated_kinds:
            project_types = [p for p in project_types if p not in INVESTMENT_KINDS]
        project_types = found.project_types + [p for p in project_types if p not in found.project_types]
    if profile.employees is not None and profile.turnover_eur is not None and profile.balance_sheet_eur is not None:
        # KR Nr. 2.1.5: a headcount under a limit does not make the size when turnover and balance both exceed its own
        profile.company_size = knowledge.company_size(profile.employees, profile.turnover_eur,
                                                      profile.balance_sheet_eur)
    group_staff = (profile.employees or 0) + (profile.linked_employees or 0)
    # (a partner holding at most half counts in only in part: the group's staff in whole do not decide)
    if profile.linked_employees is not None and knowledge.company_size(group_staff) == "large" \
            and not any(_minority_holding(str(turn)) for turn in [*turns, text or ""]):
        # the group's staff over the limit make it a large enterprise whatever its money figures (Nr. 2.1.5 (4),
        # Anhang I AGVO: a linked enterprise's staff count in in full)
        profile.company_size, profile.size_between = "large", []
    elif profile.linked_enterprise and profile.company_size not in (None, "large") and not group_figures:
        # the group's staff and figures count in (Nr. 2.1.5 (4)): the own figures give the least size it may have
        sizes = [limit.size for limit in knowledge.company_sizes]
        profile.company_size, profile.size_between = None, sizes[sizes.index(profile.company_size):]
    elif profile.employees is not None and profile.company_size is not None:
        # one money figure over the headcount's size limit, the other not given: the size is open between those sizes
        sizes = knowledge.possible_sizes(profile.employees, profile.turnover_eur, profile.balance_sheet_eur)
        # part-time staff and apprentices among the headcount ("55 Beschäftigte, davon 12 Teilzeit und 6 Azubis"): the
        # size is reckoned in annual work units (Nr. 2.1.5, Anhang I AGVO; part-time in proportion, Fn. 11), so it may
        # be as low as the size of the headcount without them
        part = part_counted(text or "")
        if (units := work_units(text or "", profile.employees)) is not None:
            # (their hours given: the size is that of the posts they make, "36 + 22 × 0,5 = 47": small)
            profile.work_units = units
            sizes = knowledge.possible_sizes(units, profile.turnover_eur, profile.balance_sheet_eur)
            profile.company_size = sizes[0]
        elif holds_part_time(text or "") and part < profile.employees:
            # (where their number is not given, the headcount may stand for any smaller count of work units)
            least = knowledge.possible_sizes(profile.employees - part if part else 1, profile.turnover_eur,
                                             profile.balance_sheet_eur)
            sizes = list(dict.fromkeys(least + sizes)) if least[0] != sizes[0] else sizes
        if len(sizes) > 1:
            profile.company_size, profile.size_between = None, sizes
    if profile.applicant_type not in ("company", None):
        project_types = [p for p in project_types if p not in _COMPANY_ONLY_TYPES]
        profile.company_size = profile.employees = None
    if profile.applicant_type != "research":
        profile.university_or_society = profile.base_funding_over_limit = None
    if profile.applicant_type not in ("municipality", "association"):
        profile.users_excluded = profile.users_in_part_excluded = None
    if profile.applicant_type not in ("municipality", "association", None):
        profile.tailored_to_one = profile.one_firm_reason = profile.mostly_local_use = None
    elif profile.one_firm_reason is None:
        # (a fact of the text: it names one firm as the reason for the measure, or it does not; the rule that asks
        # whether the measure is for that firm alone is shown only where it does)
        profile.one_firm_reason = False
    profile.project_types = project_types
    profile.cost_items = knowledge.cost_items_in(text or "", turns[-1] if turns else "")
    if {"business_investment", "replacement"} <= set(project_types) and REPLACEMENT_PART not in profile.cost_items:
        # an extension with a part that replaces what is there ("40 neue Stellplätze + ein neues Sanitärhaus … das alte
        # reißen wir ab"): that part is a replacement (KR Nr. 2.6.2 (2) a), the rest at the rate
        profile.cost_items = [*profile.cost_items, REPLACEMENT_PART]
    profile.starts_before_application = True if _APPLY_AFTER_START.search(text or "") else None
    if _OBSERVER.search(text or "") and not OWN_PLAN.search(text or ""):
        # who writes or studies about the subject asks as no applicant: "Journalistin hier, schreibe über
        # Wirtschaftsförderung im Landkreis", "für meine BA: welche hauptziele hat die GRW …"; a trade they ask about
        # stays the subject, asked of as for a firm of it ("werden Speditionen auch gefördert?"), the public
        # administration they write about (WZ 84) is none
        profile.observer = True
        if profile.wz_code is None or profile.wz_code.startswith(_ADMINISTRATION):
            profile.applicant_type = profile.sector = profile.wz_code = profile.wz_title = None
    given = _validated(dict(structured or {}))
    for name, value in given.items():
        setattr(profile, name, list(value) if name in ("project_types", "municipalities", "wz_alternatives",
                                                       "named_lines") else value)
    if "employees" in given and "company_size" not in given and given["employees"] is not None:
        profile.company_size = knowledge.company_size(given["employees"])
    if "lodging_share_percent" in given and "lodging_share_of_guests" not in given:
        # a share given as a field is the share with the guests (the field's meaning), not the rooms'
        profile.lodging_share_of_guests = True if given["lodging_share_percent"] is not None else None
    if "municipality" in given and "municipalities" not in given:
        profile.municipalities = [given["municipality"]] if given["municipality"] else []
    if given.get("sector") and "wz_code" not in given:
        # A sector named by the caller ("Maschinenbau") is read with the lexicon: its WZ code replaces the text's.
        named = _trades(given["sector"], _words(given["sector"]), lexicon)
        trade = named[0][2] if named else None
        profile.wz_code, profile.wz_title = (trade.wz, wz_title(trade.wz)) if trade else (None, None)
        profile.wz_alternatives, profile.named_lines = (list(trade.also) if trade else []), []
        if "excluded_sector" not in given:
            excluded = knowledge.exclusion(trade.wz, given["sector"]) if trade else None
            profile.excluded_sector = excluded.code if excluded else None
    if "wz_code" in given and "agri_processing" not in given:
        profile.agri_processing = True if lexicon.agricultural_processing.covers(given["wz_code"]) else None
    if "wz_code" in given and "excluded_sector" not in given and given["wz_code"]:
        excluded = knowledge.exclusion(given["wz_code"], profile.description)
        profile.excluded_sector = excluded.code if excluded else None
        profile.wz_title = profile.wz_title if "wz_title" in given else wz_title(given["wz_code"])
    return profile
