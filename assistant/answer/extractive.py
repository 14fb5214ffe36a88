"""The extractive composer: the answer written from the findings without any language model.

Every answer opens with its bottom line (`summary`, at most 400 characters, one to three sentences with citation
numbers), and the details follow: for a project the fitting goals, at most two open funding paths (a path the facts
rule out only as "nicht möglich, weil …"), an own calculation where the asker gave a sum, and at most two questions
for facts that decide something; for a question of fact the sentence that answers it, quoted whole. Conditions stay in
`funding_paths[]` and are not repeated in the prose. Every statement carries a numbered citation whose quote stands
verbatim in the cited passage, and every figure of the text stands in a quote cited in its paragraph: a sentence whose
figure no quote holds is left out (own calculations are marked as such, see assistant/text/figures.py).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import replace
from datetime import date

from assistant.answer.careful import CarefulCases, RuleAnswer
from assistant.answer.findings import Findings
from assistant.answer.scope import REFUSAL_OUT_OF_SCOPE
from assistant.core.answer import Answer, AnswerGoal, AnswerPath, GoalRef
from assistant.core.model import Goal, Passage
from assistant.funding.knowledge import CostItem, FundingKnowledge, Source, Threshold
from assistant.funding.profile import (FIRMS_OWN_KINDS, ProjectProfile, asked_grant_eur, extract_profile, kinds_of_part,
                                       municipalities_named, without_places)
from assistant.funding.rules import (AGRI_PROCESSING, ASKS_HOW_MUCH, ASKS_SIZE, ASKS_WHAT_IS_A_START,
                                     GASTRONOMY_WITH_LODGING, GRANT_TIME, MAIN_ACTIVITY, PART_BEGUN, SECTOR_DOUBT,
                                     SECTOR_EXCEPTION, SECTOR_EXCLUSION, TYPE_FITS, USUAL_FOR_ASKER, ConditionAssessment,
                                     FundingAssessment, PathAssessment, asked_in, named_paths, numbered_rule,
                                     programme, short_reason)
from assistant.goals.lists import ASKS_WHOLE, HANDLUNGSZIEL_CODE, MOST_ASKED, TITLE_WORDS, GoalList, topic_words
from assistant.goals.matching import GoalMatch
from assistant.retrieval.expansion import expansion_terms
from assistant.retrieval.retriever import ASKS_SOURCE, SearchHit
from assistant.text.citations import (AMOUNT, DURATION, FIGURE, MAX_QUOTE_CHARS, SPAN, CitationList, Locator,
                                      best_sentence, citation_on_page, completed, continuation, find_verbatim,
                                      german_citation, informative, numbered_paragraphs, opening_paragraph, opens_list_item,
                                      scored_sentence, runs_on, split_sentences, whole_paragraph, whole_quote, whole_sentence,
                                      with_antecedent, with_list_lead,
                                      with_continuation)
from assistant.text.analysis import stems
from assistant.text.asked import ASKS_NEXT_STEP, PART_MARK, asks, numbers_questions
from assistant.text.asked import ASKS_WORDING as ASKS_TEXT_OF_RULE
from assistant.text.figures import CITATION_NUMBER, OWN_CALCULATION, OWN_COUNT, figures, untraceable

IREK_QUESTION = re.compile(r"\b(irek|handlungsziel\w{0,2}|leitziel\w{0,2}|themenkorridor\w{0,2}|korridor\w{0,2}|ziel(e|en)?"
                           r"|konzept\w{0,2})\b", re.IGNORECASE)
# a question that names the IREK's goals ("Welche Ziele …", "Handlungsziele zum Tourismus"), not only the concept
_GOALS_NAMED = re.compile(r"\b(handlungsziel\w{0,2}|leitziel\w{0,2}|themenkorridor\w{0,2}|korridor\w{0,2}|ziel(e|en)?)\b",
                          re.IGNORECASE)
# which goal fits a subject ("welches IREK-Ziel passt für Wasserstoff?", "zu welchem Handlungsziel gehört …")
_ASKS_GOAL_FITTING = re.compile(
    r"\b(welche[sr]?|welchen|welchem)\s{1,3}(irek-?\s{0,2})?(handlungs|leit)?ziel\w{0,2}\b[^?.]{0,40}\b(passt|passen|gehört|gehören"
    r"|trifft|betrifft|betreffen|zuzuordnen|zuordnen|zugeordnet|einzuordnen|einordnen|fällt|fallen)"
    r"|\b(passt|passen|gehört|gehören|fällt|fallen)\b[^?.]{0,40}\b(welche[sr]?|welchen|welchem)\s{1,3}(irek-?\s{0,2})?"
    r"(handlungs|leit)?ziel", re.IGNORECASE)
_ASKS_LEITZIEL = re.compile(r"\b(welche[sr]?|welchen|welchem)\s{1,3}leitziel", re.IGNORECASE)
# what the IREK says on a topic ("steht im irek was zu kitas?", "Was sagt das IREK über Wasserstoff?")
# (a preposition that opens a relative clause asks for no topic: "gibt es darin Leitprojekte, über die wir berichten
# könnten?")
_TOPIC_ASKED = re.compile(r"\b(steht|stehen|sagt|sagen|gibt|enthält|findet|finde|nennt|erwähnt|vorgesehen|thema)\b"
                          r"[^?.]{0,60}\b(zu|zum|zur|über|für)\b(?!\s{1,3}(die|den|das|der|dem|welche\w{0,2})\s{1,3}"
                          r"(wir|ich|man|sie|er|es)\b)", re.IGNORECASE)
MAX_SUMMARY_CHARS = 400
# The bottom lines that offer a path: "Möglich: GRW …", "Voraussichtlich ja: …", "Förderweg: …"
PATH_VERDICT = re.compile(r"(Möglich|Voraussichtlich ja|Förderweg): ")
MAX_LISTED = 20  # goals a list answer writes out one by one
# a question for where or with whom an application is made
# A question for a definition: "die genaue Definition von 'Beginn der Arbeiten'", "was genau zählt als Beginn?", "wann
# gilt ein Vorhaben als begonnen?"
_ASKS_DEFINITION = re.compile(r"\bdefinition|\bdefiniert|\bwas\s{1,3}(genau\s{1,3})?(ist|gilt|zählt|bedeutet)\b[^.?!]{0,40}"
                              r"\b(vorhaben)?beginn|\bwann\s{1,3}(gilt|zählt|ist)\b[^.?!]{0,60}\b(begonnen|beginn)", re.IGNORECASE)
# (not where a rule stands: "wo steht, dass …", "wo finde ich die Fußnote")
_ASKS_WHERE = re.compile(r"\b(wo(?!\s{1,3}(genau\s{1,3})?(steht|stehen|stünde|finde\w{0,2}|im\b))|wohin|bei wem|an wen|welche stelle"
                         r"|welcher stelle|zuständig\w*)\b", re.IGNORECASE)
_ASKS_AMOUNT = re.compile(r"\b(wie hoch|wie viel|wieviel|welche[mnr]? satz|fördersatz|fördersätze|förderquote|"
                          r"höchstbetrag|höchstens|betrag|prozent|zuschuss)", re.IGNORECASE)
_ASKS_SPAN = re.compile(r"\b(wie lange|wie viele (jahre|monate|wochen)|wieviele (jahre|monate|wochen)|dauer|laufzeit|"
                        r"gebunden|bindung)", re.IGNORECASE)  # a span, not a date
# a date, or a span ("ab wann zählt es als begonnen?" asks what counts, not a date)
_ASKS_DURATION = re.compile(r"\b(bis wann|ab wann(?!\s{1,3}(zählt|gilt|ist)\b)|frist|zeitraum|stichtag|befristet)",
                            re.IGNORECASE)
# A firm that says it is an SME without its figures ("Mandant (KMU, Spritzguss)", "wir als Mittelständler")
_SAYS_SME = re.compile(r"\bkmu\b|mittelständ\w{0,6}|\bkleine[sn]?\s{1,3}(oder|bzw\.?|und)\s{1,3}mittlere[sn]?\b", re.IGNORECASE)
# The GRW area of Landkreis Osnabrück: rows of a rates table for it come first.
_OSNABRUECK_AREA = re.compile(r"\bD-Fördergebiet|Osnabrück")
# The other kinds of GRW area (Nr. 2.5.1): their rows apply in Osnabrück only if the asker names such a place.
# The condition of funding_paths.yaml that checks the exclusion list of Nr. 2.7.1 against the asker's sector.
_OTHER_AREA = re.compile(r"\b[A-C]-Fördergebiet")
_SIZE_LABEL = {"small": "ein kleines Unternehmen", "medium": "ein mittleres Unternehmen",
               "large": "ein großes Unternehmen"}
_SOURCE_LISTS = {"quellen", "quellenverzeichnis", "literatur", "literaturverzeichnis"}
_LEVEL_PLURAL = {"corridor": "Themenkorridore", "leitziel": "Leitziele", "handlungsziel": "Handlungsziele"}


# -- small pieces ---------------------------------------------------------------------------------------------------

def _short(text: str, limit: int) -> str:
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text.rfind(" ", 0, limit - 1)
    return text[: cut if cut > 10 else limit - 1].rstrip(",;:–- ") + " …"


def _short_name(name: str) -> str:
    """"GRW: Wirtschaftsnahe kommunale Infrastruktur – Erschließung …" → "GRW: Wirtschaftsnahe kommunale Infrastruktur"."""
    short = re.split(r" – | \(", name, maxsplit=1)[0]
    if len(short) > 70 and ": " in short[10:]:
        short = short[: 10 + short[10:].index(": ")]
    return _short(short, 90)


def _measure_name(path: PathAssessment) -> str:
    """The path's short name; a measure of an umbrella path by its own name ("GRW: Innovationscluster"), of which the
    umbrella's name says little."""
    parent = FundingKnowledge.load().get(path.id.split("/")[0]) if "/" in path.id else None
    if parent is not None and parent.umbrella and " – " in path.name:
        return _short_name(f"{parent.name.split(':')[0]}: {path.name.split(' – ', 1)[1]}")
    return _short_name(path.name)


def _label(citation: str) -> str:
    """The citation as named in the text, without the year of the document's title (a figure no quote holds):
    "GRW-Koordinierungsrahmen, Nr. 2.7.1, S. 17"."""
    return re.sub(r"(?<=\D) (19|20)\d\d\b", "", citation, count=1)


def _first_line(passage: Passage) -> str:
    return next((line.strip() for line in passage.text.splitlines() if line.strip()), passage.text.strip())


def _where(path: PathAssessment) -> str:
    """"NBank (Investitions- und Förderbank Niedersachsen), Günther-Wagner-Allee 12–16, …" → "NBank"."""
    return re.split(r" \(|, |; ", path.where_to_apply, maxsplit=1)[0].rstrip(".") if path.where_to_apply else ""


def _resolve_source(source: Source, passages: list[Passage]) -> tuple[Passage, str] | None:
    """The indexed passage a funding rule's source points at, and the quote in the passage's own wording."""
    for passage in passages:
        if passage.document != source.document:
            continue
        if source.section and source.section not in (passage.section_number, passage.section_title, passage.goal_code):
            continue
        quote = find_verbatim(passage.text, source.quote) if source.quote else None
        if quote:
            return passage, whole_quote(passage.text, quote)
    return None


# A stem of the question is telling when at most this share of the corpus's passages holds it (Retriever.rare_stems).
TELLING_SHARE = 0.02
ASKED_SHARE = 0.05  # a word of a question asked beside a project tells it where at most this share of passages hold it
# ... and where it is a word of substance: a stem of at least MIN_TELLING_STEM letters, or one that at most
# FEW_PASSAGES passages hold ("EEG", "Miete"). Shorter stems are mostly the question's verbs and small words ("gilt",
# "soll", "beim", "grund" of "Gründer"), which a sentence on something else holds as well: over the dev answers of sets
# G–AG, 13 of the 21 quotes that answered another question by one shared stem had a shorter, commoner one, and none of
# the 16 that answered the question.
MIN_TELLING_STEM = 7
FEW_PASSAGES = 3


class _Writer:
    """Citations and the sources of one answer."""

    def __init__(self, passages: list[Passage], locate: Locator | None, asked: frozenset[str] = frozenset(),
                 project: bool = False) -> None:
        self.passages = passages
        self.cites = CitationList(locate=locate)
        self.said: set[str] = set()  # conditions the bottom line states already: the details do not repeat them
        self.asked = asked  # the rare stems of a question asked beside a project ("… oder zählt das als Ersatz?")
        # an answer on a project or its eligibility: a rule its question asks for in its own words is said whether it
        # applies or not ("Wir wollen … erweitern. Sind wir überhaupt antragsberechtigt?"); a question of a rule quotes
        # the rule
        self.project = project
        # the Land of a site the question weighs outside Niedersachsen ("… lieber in Spenge im Kreis Herford bauen?"):
        # its applications go to that Land's office, not to the NBank (KR Anhang 2)
        self.elsewhere = ""

    def cite_source(self, source: Source | None) -> str:
        resolved = _resolve_source(source, self.passages) if source else None
        return f" [{self.cites.cite(*resolved)}]" if resolved else ""

    def source_quote(self, source: Source | None) -> str:
        resolved = _resolve_source(source, self.passages) if source else None
        return resolved[1] if resolved else ""

    def cite(self, passage: Passage, quote: str) -> int:
        return self.cites.cite(passage, quote)

    def label(self, passage: Passage, quote: str) -> str:
        """The citation of `quote` as named in the text, with the page it stands on (a passage may span two)."""
        if self.cites.locate is None or passage.page_start == passage.page_end:
            return _label(german_citation(passage))
        return _label(citation_on_page(passage, *self.cites.locate(passage, quote)))

    def quotes(self) -> dict[int, str]:
        return {c.n: c.quote for c in self.cites.items}


# -- funding paths --------------------------------------------------------------------------------------------------

def _applicant_rate(path: PathAssessment) -> tuple[float, Source] | None:
    rate, source = path.applicant_rate, path.applicant_rate_source
    return (float(rate), source) if rate is not None and source is not None else None


def _percent(value: float) -> str:
    return f"{value:g}".replace(".", ",")


PER_PART = "je Teil"  # the words before the rates of a project's parts


def _rate_phrase(path: PathAssessment, w: _Writer, profile) -> str:  # noqa: ANN001
    """The rate for this applicant where the facts decide it ("für ein kleines Unternehmen bis zu 20 Prozent [2]"),
    else the path's rate as its source states it; empty when no quote carries the figures."""
    if len(path.part_rates) >= 2 and profile is not None:
        # a rate for each part ("für ein kleines Unternehmen je Teil: Energieeffizienz bis zu 30 Prozent zuzüglich 20
        # Prozentpunkte (Nr. 2.4.3.2) [2] [3]; erneuerbare Eigenversorgung …"): no one rate holds for the whole
        phrases = [_rate_phrase(replace(path, applicant_rate=part.percent, applicant_rate_source=part.source,
                                        applicant_base_rate=part.base_rate, applicant_bonus_source=part.bonus_source,
                                        applicant_cap="", part_rates=[]), w, None) for part in path.part_rates]
        if all(phrases):
            who = _SIZE_LABEL.get(profile.company_size or "", "")
            return f"{f'für {who} ' if who else ''}{PER_PART}: " + "; ".join(
                f"{part.part} {phrase}" for part, phrase in zip(path.part_rates, phrases))
    own = _applicant_rate(path)
    if own:
        rate, source = own
        # the size only where the path's rates differ by it (not "für ein großes Unternehmen bis zu 40 Prozent" on a
        # path with one rate for all)
        known = FundingKnowledge.load().get(path.id)
        by_size = known is None or any("company_size" in r.applies_to or r.percent_by_size for r in known.rates)
        who = _SIZE_LABEL.get((profile.company_size if profile and by_size else None) or "", "")
        ref, rule = w.cite_source(source), numbered_rule(source)  # the rate's own rule, for those who quote it
        cap = f", {path.applicant_cap}" if path.applicant_cap else ""
        base, bonus_ref = path.applicant_base_rate, w.cite_source(path.applicant_bonus_source)
        if ref and base is not None and rate > base and bonus_ref:
            # "45 Prozent zuzüglich 10 Prozentpunkte": the figures as the rules state them, not a sum no quote holds
            return (f"{f'für {who} ' if who else ''}bis zu {_percent(base)} Prozent zuzüglich "
                    f"{_percent(rate - base)} Prozentpunkte{rule}{ref}{bonus_ref}")
        # a rate for all ("höchstens 40 %") is no rate decided for the asker's own project
        return f"{f'für {who} ' if who else ''}bis zu {_percent(rate)} Prozent{cap}{rule}{ref}" if ref else ""
    rate = re.sub(r"(\d)\s?%", r"\1 Prozent", path.max_rate)
    # The rate as the path states it, cited to the fewest of its sources whose quotes hold all its figures; where no
    # four of them do, its first rate alone ("bis 60 Prozent"), cited to the first source that holds it.
    quoted = [(source, w.source_quote(source)) for source in path.sources[:4]]
    quoted = [(source, quote) for source, quote in quoted if quote]
    for count in range(1, len(quoted) + 1):
        chosen = quoted[:count]
        if not untraceable(rate + " [1]", {1: " ".join(q for _, q in chosen)}):
            return rate + "".join(w.cite_source(source) for source, _ in chosen)
    first = re.split(r";|,", rate, maxsplit=1)[0].strip()
    # (a parenthesis the cut leaves open is closed: "nach dem REK der Region (Richtlinie: bis 80 Prozent)")
    first += ")" * max(0, first.count("(") - first.count(")"))
    for source in path.sources:
        quote = w.source_quote(source)
        if first != rate and quote and not untraceable(first + " [1]", {1: quote}):
            return first + w.cite_source(source)
    return ""


def _short_rate(rate: str, limit: int = 120) -> str:
    """A path's rate for the bottom line: each of its (at most two) rates without its conditions ("bis 60 Prozent; bis
    31.12.2028 bis 90 Prozent [2] [3]"), or the first alone where that is still too long; the whole rule follows in
    the path's line."""
    if len(rate) <= limit:
        return rate
    refs = "".join(re.findall(r" \[\d{1,3}\]", rate))
    bare = re.sub(r" \[\d{1,3}\]", "", rate)
    parts = []
    for i, part in enumerate(bare.split(";")[:2]):
        cut = re.search(r", wenn|, sofern|, soweit| \(", part)
        # a higher rate that holds only under its conditions says so ("bis 60 Prozent; bis 90 Prozent unter
        # Bedingungen"): two bare rates side by side read as a choice
        conditional = i > 0 and cut is not None and cut.group() != " ("
        parts.append(part[:cut.start() if cut else len(part)].strip() + (" unter Bedingungen" if conditional else ""))
    short = "; ".join(parts)
    # (the rates of a project's parts stay together: one part's rate alone would read as the whole project's)
    return (short if len(short) <= limit or PER_PART in short else parts[0]) + refs


def _with_rule(text: str, source: Source | None) -> str:
    """A rule's text with its number for those who quote it ("… gestellt werden (Nr. 2.2.1)."), unless it names it."""
    rule = numbered_rule(source).removeprefix(" nach ")
    if not rule or rule in text or rule.replace("Nr.", "Nummer") in text:
        return text
    bare = text.rstrip()
    return f"{bare[:-1]} ({rule})." if bare.endswith(".") else f"{bare} ({rule})"


# A rule of a cost item that says what of it counts among the eligible costs
_ON_ELIGIBLE_COSTS = re.compile(r"förderfähigen\s{1,3}Kosten", re.IGNORECASE)
# The asker speaking of their own project ("Wir wollen ein Ärztehaus bauen"), not of a kind of project in general
_ASKERS_OWN = re.compile(r"\b(wir|uns|unse?r\w{0,2}|ich|mein\w{0,2})\b", re.IGNORECASE)


def asks_for_passage(text: str) -> bool:
    """Whether a question asks for a passage by its wording or by where it stands ("… und die stelle im KR, wo steht
    dass …")."""
    return bool(ASKS_TEXT_OF_RULE.search(text) or ASKS_SOURCE.search(text))


# A question which of the items it lists are eligible costs ("was zählt eigentlich zu den förderfähigen kosten?
# konkret: …", "welche davon sind förderfähig?")
_ASKS_WHICH_COSTS = re.compile(r"\b(was|welche\w{0,2})\b[^?]{0,40}\b(förderfähige\w{0,2}\s{1,3}kosten|zuwendungsfähig\w{0,3}"
                               r"|förderfähig|förderbar)\b|\b(welche|was)\s{1,3}davon\b", re.IGNORECASE)


_MAX_NAMED_BESIDE = 2  # further rules a question names beside one its bottom line said, shown in the path's line


def _decisive(path: PathAssessment, w: _Writer) -> str:
    """The conditions to show in the prose: one that blocks the path; else the one the asker's question asks about (a
    condition their facts trigger whose text holds a rare word of the question beside their project: "… oder zählt das
    als Ersatz?"), whole, and beside it one more: before one whose deciding fact is only not yet known (the start of
    works, common to all GRW paths), whether the trade's main activity is the one that is not excluded or the
    exception of the list that keeps it in (wholesale within G), or the deciding condition of the measure's own rule
    (the regional tourism concept of Nr. 3.2.2.5: a question of its own in funding_paths.yaml; the consent of the
    Unterausschuss that Nr. 4 requires: who decides)."""
    blocking = next((c for c in path.conditions if c.effect == "blocks" and c.applies is not False), None)
    own_rule = path.measure_source if "/" in path.id else None  # a sub-measure's own section
    asked = _asked_condition(path, w)
    # the further rules the question names in its own words, where the bottom line said one of them already ("Darf
    # später eine private Betreiberfirma das Zentrum führen? Und welche Regeln gelten dann für die Mieter?": each part
    # its rule; at most _MAX_NAMED_BESIDE)
    # (not a second rule on who may apply: the measure's own, said, answers that part)
    beside = [c for c in _named_conditions(path)
              if c.id not in w.said and not c.by_applicant_type][:_MAX_NAMED_BESIDE] \
        if w.project and asked is None and any(c.named and c.id in w.said for c in path.conditions) else []
    # one said gives way to the next, as does a rule asked for in its own words that a quote of the answer states
    cited = " ".join(w.quotes().values())
    others = [c for c in path.conditions if c.id not in w.said and c is not asked and c not in beside
              and not (c.asked and c.source is not None and c.source.quote[:60] in cited)]
    own = [c for c in others if c.effect == "matters" and own_rule is not None
           and (c.source.document, c.source.section) == (own_rule.document, own_rule.section)]
    # the main activity first: where the trade's name may mean an excluded activity, that is the risk to know, more
    # than the exception its usual reading falls under ("Logistikunternehmen": 52.25, or 52.10 Lagerei)
    # then a rule the asker's own facts make one to know (a large firm: transformation projects are open to any size)
    deciding = next((c for c in others if c.id == MAIN_ACTIVITY), None) or next(
        (c for c in others if c.deadline is not None), None) or next(  # grants that end on a day (Nr. 3.6)
        (c for c in others if c.id in (SECTOR_EXCEPTION, GASTRONOMY_WITH_LODGING)), None) or next(
        (c for c in others if c.effect == "matters" and c.applies is True and not c.cost_item), None) or next(
        (c for c in own if (c.question or c.who_decides) and c.applies is not False), None) or next(
        # (else a rule of the measure's own section that holds for every project of it: "eine unternehmensspezifische
        # Ausbildung ist nicht förderfähig" of a training centre, Nr. 3.2.2.6 (3))
        (c for c in own if c.general), None)
    shown = [blocking] if blocking is not None and (blocking.applies or deciding is None and asked is None) else \
        [c for c in (asked, *beside, deciding) if c is not None]

    def text(c: ConditionAssessment) -> str:
        # of each its first sentences only (the whole condition stands in funding_paths[]), of the one asked about
        # all; of the main activity, what excludes
        if c.deadline is not None:  # its first clause: the evaluation that may extend it has a date no quote holds
            return _until(c)
        if c.asked or c.named:  # a rule asked for in its own words: whole
            return c.text
        return _main_activity_caveat(c) if c.id == MAIN_ACTIVITY else short_reason(c.text, 600 if c is asked else 220)

    return "".join(f" Wichtig: {_with_rule(text(c), c.source)}{w.cite_source(c.source)}" for c in shown)


def _asked_condition(path: PathAssessment, w: _Writer, words: frozenset[str] | set[str] | None = None,
                     least: int = 1, own_facts_only: bool = False) -> ConditionAssessment | None:
    """The condition of a path that the question beside the project asks about ("… oder zählt das als Ersatz?"): one
    the asker's facts trigger, not said in the bottom line, whose text holds `least` words of that question (`words`:
    those of a question of fact, else the writer's rare ones) (a cost item's rule has its own place: the cost notes,
    or the answer to a further question on it); with `own_facts_only`, only a rule of the kind one of the asker's own
    facts triggers (not a rule for every project, nor one on the trade)."""
    words = w.asked if words is None else words
    named = _named_condition(path, w) if w.project and not own_facts_only else None
    if named is not None:  # asked for in its own words ("Sind wir überhaupt antragsberechtigt?"), whether it
        return named  # applies or not: its rule is the answer
    return next((c for c in path.conditions if c.id not in w.said and c.applies is True and not c.cost_item
                 and (not own_facts_only or not c.general and c.effect == "matters" and c.id not in _ON_THE_TRADE)
                 and len(words & set(stems(c.text))) >= least), None)


def _further_named(path: PathAssessment, w: _Writer) -> ConditionAssessment | None:
    """A rule of a path ruled out that the question names in its own words and that matters for the asker, not said
    yet; None where none."""
    return next((c for c in _named_conditions(path) if c.applies and c.effect == "matters" and c.id not in w.said),
                None)


def _named_condition(path: PathAssessment, w: _Writer) -> ConditionAssessment | None:
    """The condition of a path that the question names in its own words (`asked_by`), not a cost item's; None where
    none, or where one of them is said already (the question is answered)."""
    if any(c.named and c.id in w.said for c in path.conditions):
        return None
    return next(iter(_named_conditions(path)), None)


def _named_conditions(path: PathAssessment) -> list[ConditionAssessment]:
    """The conditions of a path that the question names in its own words, not a cost item's, the first to say first:
    a sub-measure's own rule before its programme's (a training centre's carriers, Nr. 3.2.2.6 (10), before Nr.
    3.2.1.3), a rule for the asker's kind before one for another kind (a Hochschule's before a firm's)."""
    own = path.measure_source.section if path.measure_source is not None else ""
    # (not one whose sentence an excluded cost item's rule says: "nur zusätzliches Personal" beside "Nicht
    # förderfähig: das vorhandene Personal", both of Nr. 3.4.2 (4))
    excluded = {c.source.quote for c in path.conditions if c.cost_item and c.applies and c.effect == "excludes"}
    return sorted((c for c in path.conditions if c.named and not c.cost_item and c.source.quote not in excluded),
                  key=lambda c: (c.source.section != own, c.applies is False))


def _fact_rule_asked(found: Findings, lead: PathAssessment, w: _Writer) -> ConditionAssessment | None:
    """A rule of the path that one of the asker's own facts triggers (a Betriebsaufspaltung, a firm of a group), where
    the question beside the project asks about it in common words ("Wer muss den GRW-Antrag stellen?": both companies
    apply together, Nr. 2.2.2); None where none."""
    ask, _ = asked_beside(found.question)
    # (its common words too, two of them at least: the rule is the asker's own, not found by search; a word of funding
    # alone, "Wie viel Förderung ist realistisch?", asks for no rule)
    return _asked_condition(lead, w, set(stems(ask)) - {"grw"}, least=2, own_facts_only=True)


def _exception_words(condition: ConditionAssessment) -> str:
    """A condition's text; of the exception that keeps a trade in, the exception's own words after the trade's name
    ("Day Spas, Saunas und Dampfbäder (WZ 96.23) sind nicht ausgeschlossen, soweit …")."""
    return condition.text.split(": ", 1)[-1] if condition.id in _TRADE_IN_IF else condition.text


def _main_activity_caveat(condition: ConditionAssessment) -> str:
    """The sentence of the main-activity condition that says what would exclude ("Liegt der Schwerpunkt bei WZ 47.24
    …, ist der Betrieb von der Förderung ausgeschlossen.")."""
    at = condition.text.find("Liegt ")
    return condition.text[at:] if at >= 0 else condition.text


_RATE_BY_RULE = re.compile(r"\bnach Nr\. \d")  # a rate said with its rule ("bis zu 20 Prozent nach Nr. 2.5.1")


def _path_line(path: PathAssessment, w: _Writer, profile, said: set[str] = frozenset()) -> tuple[str, list[int]]:  # noqa: ANN001
    # one of two measures of the same path is named by its own measure too ("… – Besondere Transformationsvorhaben")
    measure = path.name.split(" – ", 1)[1].split(":")[0] if path.part_beside and " – " in path.name else ""
    name = f"**{_measure_name(path)}{' – ' + measure if measure else ''}**"
    rule = numbered_rule(path.measure_source).removeprefix(" nach ")
    if path.blocked:
        # a reason said for a path before is not written out again
        refs = w.cite_source(_reason_source(path))
        reason = " ".join(path.reasons[:1])
        if INSTEAD_SAID in w.said and (source := re.search(r" \([^()]{1,80}\)$", reason)):
            reason = f"{split_sentences(reason)[0].strip()}{source.group(0)}"  # what is fundable instead was said
        why = "aus demselben Grund" if reason in said else reason
        verdict = "hängt von der Haupttätigkeit ab" if path.main_activity_decides else "nicht möglich"
        text = f"{name}: {verdict} – {why}{refs}"
    else:
        rate = _rate_phrase(path, w, profile)
        # the measure's own rule, to look it up (not beside the rates of a project's parts, each with its own rule, nor
        # beside a rate said with the rule it stands in: "bis zu 45 Prozent zuzüglich 10 Prozentpunkte nach Nr. 2.4.3.3"
        # is no rate of Nr. 2.4.3.1)
        named = f"{name} ({rule})" if rule and rule not in rate and PER_PART not in rate \
            and not _RATE_BY_RULE.search(rate) else name
        text = named + (f": {rate}." if rate else ".")
        text += _decisive(path, w)
        where = _where(path)
        if where:
            text += f" Antrag: {where}."
    return text, [int(n) for n in re.findall(r"\[(\d{1,3})\]", text)]


# How each line of a list of paths opens: the item mark and the path's name in bold (`_path_line`)
PATH_LINE = "- **"


def _paths_block(heading: str, shown: list[PathAssessment], w: _Writer, profile) -> tuple[str, list[AnswerPath]]:  # noqa: ANN001
    """The paths as a list under `heading`, and their structured form."""
    lines, paths, reasons = [], [], set()
    for path in shown:
        line, numbers = _path_line(path, w, profile, said=reasons)
        reasons |= set(path.reasons[:1]) if path.blocked else set()
        lines.append(f"- {line}")
        paths.append(_answer_path(path, numbers))
    return (f"{heading}:\n" + "\n".join(lines) if lines else ""), paths


def _answer_path(path: PathAssessment, numbers: list[int]) -> AnswerPath:
    return AnswerPath(path.id, path.name, path.max_rate, path.applicants, [c.text for c in path.conditions],
                      path.blocked, list(path.reasons), path.where_to_apply, list(path.next_steps), sorted(set(numbers)),
                      undecided=path.blocked and path.main_activity_decides)


def _paths_to_show(assessment: FundingAssessment, limit: int = 2, asked_for: frozenset[str] = frozenset(),
                   fitting_only: bool = False) -> list[PathAssessment]:
    """At most two open paths, and a path that a fact of the asker rules out (that is news they need; not one that is
    only not theirs to apply for, beside open ones). Beside a path a fact of the asker rules out, an open path is shown
    only where its measures name the kind of project or the asker names its programme (`asked_for`), unless the asker
    asks for any other way (`fitting_only` False): one only usual for the asker (LEADER to an excluded firm's
    warehouse, the Zukunftsregion to a fashion shop's refit) is no way out."""
    open_paths = [p for p in assessment.paths if not p.blocked][:limit]
    ruled_out = [p for p in assessment.paths if p.blocked and p.ruled_out and not p.not_the_askers]
    if ruled_out and fitting_only:
        open_paths = [p for p in open_paths if TYPE_FITS in p.fit_reasons or programme(p.id) in asked_for]
    blocked_by_fact = [p for p in assessment.paths if p.blocked and p.ruled_out
                       and not (p.not_the_askers and open_paths)]
    return open_paths + blocked_by_fact[:1] or assessment.paths[:1]


def _usual_only(path: PathAssessment, profile: ProjectProfile | None) -> bool:
    """Whether the path is offered to a public body or a club only as the usual one for it, with no sign that the
    project is of a kind the path's measures name (a firm's investment is what its usual path funds, whatever it is)."""
    return USUAL_FOR_ASKER in path.fit_reasons and TYPE_FITS not in path.fit_reasons and not path.blocked \
        and profile is not None and profile.applicant_type not in ("company", None)


def _closed_by_who_applies(path: PathAssessment) -> bool:
    """Whether who applies is among what closes the path (a firm as the Träger of a municipal site)."""
    return any(c.by_applicant_type for c in path.blocking)


def _lead_path(assessment: FundingAssessment | None) -> PathAssessment | None:
    """The path the bottom line speaks of: the best open one, unless a path that fits at least as well is ruled out by
    a fact of the asker, or excludes the cost item asked about (one that only is not the asker's to apply for leads
    where it fits better)."""
    if not assessment or not assessment.paths:
        return None
    open_paths = [p for p in assessment.paths if not p.blocked]
    # (not a path closed both by who applies and by something else where a path of its programme is open to the
    # asker: a camp site's playground, no measure of the municipal infrastructure and no firm's to carry, beside the
    # firm's own GRW path; the best fitting first, a path the asker names raised above the others, and of equal fit
    # one that who applies does not close: a care home's "no" is its sector's on the innovation path, not the
    # municipal infrastructure's)
    ruled_out = sorted((p for p in assessment.paths if p.ruled_out and not (
        _closed_by_who_applies(p) and not p.not_the_askers
        and any(programme(o.id) == programme(p.id) for o in open_paths))),
        key=lambda p: (-p.fit, _closed_by_who_applies(p)))
    if ruled_out and open_paths and open_paths[0].id.split("/")[0] == ruled_out[0].id.split("/")[0] \
            and TYPE_FITS in open_paths[0].fit_reasons and open_paths[0].fit >= ruled_out[0].fit \
            and ruled_out[0].closed_by_kind:
        # a measure of the same path made for the kind of project stays open (an old machine replaced by one that saves
        # energy beyond the norms: no general investment, but a transformation project); not where a fact of who asks
        # closes the other (a university and the research infrastructure of Nr. 3.2.2.8: that "no", then the test
        # facility of Nr. 6 beside it)
        return open_paths[0]
    if ruled_out and (not open_paths or ruled_out[0].fit > open_paths[0].fit
                      or ruled_out[0].fit == open_paths[0].fit and not ruled_out[0].not_the_askers
                      # the asker's usual path closed by their facts, where no open path is for the kind of project
                      # (a fashion shop's "umbauen": the GRW's "no" for retail, not LEADER by an IREK goal's hint)
                      or USUAL_FOR_ASKER in ruled_out[0].fit_reasons and not ruled_out[0].not_the_askers
                      and TYPE_FITS not in open_paths[0].fit_reasons):
        return ruled_out[0]
    return open_paths[0] if open_paths else assessment.paths[0]


def _beside(found: Findings, lead: PathAssessment | None, w: _Writer) -> str:
    """For a project of two measures of one path (a new hall and a PV system for own use, KR Nr. 2.4.1 and 2.4.3): the
    rate of the other measure, and that each rate holds only for the costs of its own part."""
    other = _other_measure(found, lead)
    if other is None and lead is not None and not lead.blocked and _part_rate_only(lead, found.profile):
        # the rate of a plant of its own, beside parts of other kinds that no other measure here funds (the PV plant
        # beside new electric ovens): said to hold for that part only (not where the parts have sums: the grant of
        # the plant's part, computed, says so)
        what = re.sub(r"\s\([^()]{1,40}\)$", "", lead.rate_label)
        return f"Dieser Satz gilt nur für die Kosten des Teils „{what}“, nicht für die übrigen Teile des Vorhabens."
    rate = _short_rate(_rate_phrase(other, w, found.profile)) if other else ""
    if not rate:
        return ""
    if PER_PART in rate:  # the other measure's parts, each at its own rate
        return f"Für die Kosten der übrigen Teile gelten eigene Sätze, {rate}."
    what = re.sub(r"\s\([^()]{1,40}\)$", "", other.rate_label) or _short_name(other.name.split(" – ")[-1])
    return f"Nur für die Kosten des Teils „{what}“ gilt ein eigener Satz: {rate}."


# The sentence of a rule that rules a project out which says what could be funded instead ("Förderfähig wäre …"), and
# the mark that the bottom line has said it
INSTEAD_SAID = "instead-said"
_INSTEAD = re.compile(r"^(Förderfähig wäre|Möglich wäre|Gefördert werden könnte)\b")


def _instead(path: PathAssessment, w: _Writer) -> str:
    """What the rule that rules the path out says could be funded instead, where it says so (a replacement: an
    extension, a modernisation up to the De-minimis ceiling, an energy-saving transformation); the path's line then
    gives only the rule's first sentence (`_path_line`)."""
    if not path.blocked:
        return ""
    rule = next((c for c in path.conditions if c.effect == "blocks" and c.applies), None)
    said = next((s.strip() for s in split_sentences(rule.text)[1:] if _INSTEAD.match(s.strip())), "") if rule else ""
    if said:
        w.said |= {INSTEAD_SAID}
    return said


def _no(path: PathAssessment, w: _Writer) -> str:
    """The bottom line of a path that a fact of the asker rules out, or of a cost item it excludes: "Nein – …" with
    the rule that says so cited."""
    if path.blocked:
        because = path.because or short_reason(re.sub(r" \([^()]{1,80}\)$", "", path.reasons[0]))
        source = _reason_source(path)
        whom = f"{programme(path.id).upper()}-Förderung" if path.programme_wide else f"über {_measure_name(path)}"
        if path.not_the_askers:
            # only who applies rules it out (a farmer's heat network for firms): the measure itself may be funded with
            # another Träger, which the rule's next sentence names ("Träger sind vorzugsweise Gemeinden …")
            rule = next(c for c in path.conditions if c.effect == "blocks" and c.applies)
            others = split_sentences(rule.text)[1:2]
            who = f" {short_reason(others[0].strip(), 200)}" if others else ""
            said = f"Nicht mit Ihnen als Antragsteller – {whom}: {because.rstrip('.')}.{who}"
            return _cited(_with_rule(said.rstrip(".") + ".", source), w.cite_source(source))
        if path.main_activity_decides:  # `because` says both ways
            return _cited(f"Das hängt von der Haupttätigkeit ab – {whom}: {because}", w.cite_source(source))
        no = _cited(f"Nein – {'keine ' if path.programme_wide else ''}{whom}"
                    f"{'' if path.programme_wide else ' nicht förderfähig'}: {_with_rule(because, source)}",
                    w.cite_source(source))
        # a second fact of the asker that rules the path out by another rule (works already started beside a
        # replacement): said too, as it rules out whatever else the project holds
        blocking = path.blocking
        second = next((c for c in blocking[1:] if c.source != source and c.id != SECTOR_EXCLUSION), None) \
            if blocking and not path.programme_wide else None
        if second is not None and w.source_quote(second.source):
            w.said |= {second.id}
            no += " " + _cited(f"Außerdem: {_with_rule(short_reason(second.text, 260), second.source)}",
                               w.cite_source(second.source))
        return no
    excluded = path.excluded_costs[0]
    # another cost item the question names that the path admits under its own rule ("gebrauchte Maschinen und einen
    # neuen Transporter"): that rule beside the "no"
    other = next((c for c in path.cost_notes if c.cost_item != excluded.cost_item), None)
    return _cited(f"Nein – {short_reason(excluded.text, 260)}", w.cite_source(excluded.source)) + (
        f" {_cited(short_reason(other.text, 260), w.cite_source(other.source))}" if other else "")


def _reason_source(path: PathAssessment) -> Source | None:
    """The rule that rules a blocked path out: the source of its first reason, else of its first blocking condition."""
    blocking = [c.source for c in path.blocking]
    return (path.reason_sources or blocking or [None])[0]


def _cited(sentence: str, ref: str) -> str:
    """The sentence with its reference before the closing full stop: "… steht auf der Liste [3]."."""
    return f"{sentence[:-1]}{ref}." if sentence.endswith(".") else sentence + ref


_ON_THE_TRADE = {SECTOR_EXCLUSION, SECTOR_EXCEPTION, MAIN_ACTIVITY, SECTOR_DOUBT}  # on the asker's main activity
# those that say whether the trade is in at all: the exception that keeps it in, the reach the KR leaves open
_TRADE_IN_IF = {SECTOR_EXCEPTION, SECTOR_DOUBT}
_ASKED_RULE_CHARS = 260  # a rule asked about beside a project leads only where it fits beside the path's rate


def _fitted(pieces: list[tuple[float, str]], limit: int = MAX_SUMMARY_CHARS) -> tuple[str, list[str]]:
    """The summary of `pieces` ((rank, sentence), in reading order): the sentences of the lowest rank are left out
    first until the rest fits `limit`; what is left out is returned to go into the details."""
    def sentence(text: str) -> str:
        return text if text.endswith((".", "?", "!", "]")) else text + "."

    kept = [(rank, sentence(text)) for rank, text in pieces if text]
    left_out: list[str] = []
    while len(" ".join(t for _, t in kept)) > limit and len(kept) > 1:
        worst = max(range(len(kept)), key=lambda i: (kept[i][0], i))
        left_out.insert(0, kept.pop(worst)[1])
    return " ".join(t for _, t in kept), left_out


def _together(left_out: list[str], group: list[str]) -> list[str]:
    """The sentences left out of the bottom line, those of `group` that were left out in one paragraph (a path's
    caveats, a calculation and what it rests on stay together)."""
    ours = [s for s in left_out if s.rstrip(".") in {g.rstrip(".") for g in group}]
    if len(ours) < 2:
        return left_out
    at = left_out.index(ours[0])
    rest = [s for s in left_out if s not in ours]
    return rest[:at] + [" ".join(ours)] + rest[at:]


_SINGLE_RATE = re.compile(r"bis (?:zu )?(\d{1,2}) ?(?:%|Prozent)")


def _excluded_items(path: PathAssessment) -> list[CostItem]:
    """The cost items the question names that the path's rules exclude (a truck, a Bebauungsplan)."""
    excluded = {c.cost_item for c in path.excluded_costs}
    return [item for item in FundingKnowledge.load().cost_items if item.id in excluded]


def _checks_sectors(path: PathAssessment) -> bool:
    """Whether the path's rules exclude the sectors of KR Nr. 2.7.1 (one of its conditions, its own or those it takes
    from the path it belongs to, is triggered by an excluded sector)."""
    parts = path.id.split("/")
    defined = [FundingKnowledge.load().get("/".join(parts[:n])) for n in range(1, len(parts) + 1)]
    return any("sector_excluded" in c.triggers for p in defined if p is not None for c in p.conditions)


def _for_excluded_trade(label: str, profile) -> bool:  # noqa: ANN001
    """Whether a part of the costs is for a line of business that KR Nr. 2.7.1 excludes, beside the firm's own
    main activity (a bakery's "umbau der cafés": gastronomy, I 56, where no lodging comes with it). The part is read
    as a profile of its own, not by every trade it names: "Lizenz auf ein Patent der Hochschule" names a partner."""
    knowledge = FundingKnowledge.load()
    part = extract_profile(label, knowledge=knowledge)
    if not part.wz_code or part.wz_code in (profile.wz_code, *profile.wz_alternatives):
        return False
    own = tuple(code for code in (profile.wz_code, *profile.wz_alternatives) if code)
    return knowledge.exclusion(part.wz_code, profile.description, named_codes=own) is not None


def _part_rate_only(path: PathAssessment | None, profile) -> bool:  # noqa: ANN001
    """Whether the path's rate holds for one part of the project only (`rate_part_only`: the PV plant beside new ovens)
    and the asker gives no sums per part, whose own computed grants would say so: then no grant of the whole sum."""
    return path is not None and path.rate_part_only and not (profile is not None and len(profile.cost_parts) >= 2)


def _eligible_sum(path: PathAssessment | None, profile) -> tuple[float | None, str]:  # noqa: ANN001
    """The sum to compute a grant or an own share from, and how it was made: the sum the asker gave, or, on a path with
    one rate for a whole investment, the parts the asker lists added up, less those the path's rules exclude ("Halle
    1,6 Mio, neue Maschinen 700k, 2 Firmen-Lkw 240k": the truck is no eligible cost, KR Nr. 2.6.2)."""
    amount = profile.investment_eur if profile else None
    if _part_rate_only(path, profile):
        return None, ""  # the rate of one plant computes no grant of the whole sum (the PV plant's beside new ovens)
    if amount and path is not None and len(profile.cost_parts) < 2:
        # a part the path's rules exclude, named with its sum within the whole ("1,5 Mio, davon ersetzen ca. 400k
        # zwei alte Maschinen": the replacement is no eligible cost, Nr. 2.6.2 (2) a)
        parts = [(item.label, profile.item_sums[item.id]) for item in _excluded_items(path)
                 if 0 < profile.item_sums.get(item.id, 0) < amount]
        if parts and sum(value for _, value in parts) < amount:  # (each of them: the used press and the van)
            left = " und ".join(f"{_euro(value)} für „{label}“" for label, value in parts)
            return amount - sum(value for _, value in parts), f" (ohne {left}, die nicht förderfähig sind)"
    if amount and path is not None and profile.sum_holds_items is False and len(profile.cost_parts) < 2:
        # an item the path admits, with a sum of its own that comes on top of the whole ("und wenn das
        # Nachbargrundstück für ca 250k dazukommt?" after a hall of 1,6 Mio): both together (parts listed with their
        # sums are added up below, less those excluded: "dazu kommen noch 2 Transporter (90k) und eine Lizenz für 45k")
        labels = FundingKnowledge.load().cost_item_labels()
        added = list({c.cost_item: (labels.get(c.cost_item, c.cost_item), profile.item_sums[c.cost_item])
                      for c in path.cost_notes if profile.item_sums.get(c.cost_item)}.values())
        if added:
            listed = " und ".join(f"{_euro(value)} für „{label}“" for label, value in added)
            return amount + sum(value for _, value in added), f" ({_euro(amount)} und {listed})"
    if not amount or path is None or not path.costs_add_up or len(profile.cost_parts) < 2:
        return amount, ""
    excluded = _excluded_items(path)
    # (by its name, or as the part whose sum the excluded item was given: "40k für einen gebrauchten scanner von unserem
    # schwesterlabor", the used goods of a linked firm)
    item_sums = {profile.item_sums[i.id] for i in excluded if profile.item_sums.get(i.id)}
    sectors = _checks_sectors(path)
    left_out = [label for label, value in profile.cost_parts
                if any(i.named_in(label) for i in excluded) or value in item_sums
                or sectors and _for_excluded_trade(label, profile)]
    # (an item whose limits are not computed: a business park's land, at most a quarter of the whole and not bought
    # before 1 July 2025, Nr. 5)
    items = {i.id: i for i in FundingKnowledge.load().cost_items}
    limited = [label for label, _ in profile.cost_parts if label not in left_out and any(
        c.not_in_sum and c.cost_item in items and items[c.cost_item].named_in(label) for c in path.cost_notes)]
    total = sum(value for label, value in profile.cost_parts if label not in left_out + limited)
    without = f" ohne {' und '.join(f'„{label}“' for label in left_out)}, die nicht förderfähig sind" if left_out else ""
    without += f"{',' if without else ''} ohne {' und '.join(f'„{label}“' for label in limited)}, für den eigene " \
        "Grenzen gelten" if limited else ""
    return total, f" (Summe der genannten Teile{without})"


# Kinds of investment with a rule of their own (KR Nr. 2.4.1, 2.4.3, 2.6.2): a rate for one of them holds for no other
_OWN_KIND_PARTS = {"business_investment", "modernisation", "replacement", "fuel_switch", "energy_efficiency",
                   "environmental_protection", "renewable_self_supply"}
_STORAGE = re.compile(r"speicher", re.IGNORECASE)


def _inside(what: list[str], how: str) -> str:
    """A sentence saying that the costs of `what` are in the sum computed and are not eligible, or not at its rate."""
    return (f" Die Kosten für {' und '.join(what)} sind darin noch enthalten {how}; um ihren Anteil verringert sich "
            f"der Zuschuss.") if what else ""


def _if_inside(what: list[str]) -> str:
    """A sentence saying that the costs of `what`, named beside a sum that was not split, are not eligible where the sum
    holds them ("ca 600k. Sanitärhaus ersetzt das alte"; "… ca 120k und den B-Plan (nochmal 40k)": whether it does is
    not said)."""
    return (f" Soweit die Summe Kosten für {' und '.join(what)} enthält, sind diese nicht förderfähig; um ihren "
            f"Anteil verringert sich der Zuschuss.") if what else ""


def _storage_sums(profile, amount: float) -> tuple[float, float] | None:  # noqa: ANN001
    """(plant, storage) sums: the whole is the listed parts added up ("PV 900k, Speicher 300k"), else the sum given
    ("zusammen 900k, davon Speicher 250k"), and the plant the rest of it; None where the storage has no sum."""
    whole = sum(value for _, value in profile.cost_parts) or amount
    storage = profile.storage_eur
    return (whole - storage, storage) if storage and storage < whole else None


# Where each part of a project has a rate of its own and the asker gives no sum per part
_NO_SUM_FOR_PARTS = "Eine Rechnung über die ganze Summe entfällt: Die Sätze gelten je Teil, und die Kosten je Teil fehlen noch."


def _other_measure(found: Findings, lead: PathAssessment | None) -> PathAssessment | None:
    """For a project of two measures of one path (a new hall and a PV system for own use, KR Nr. 2.4.1 and 2.4.3): the
    other measure, where it is open."""
    return next((p for p in (found.funding.paths if found.funding else []) if lead is not None and lead.part_beside
                 and p.id == lead.part_beside and not p.blocked), None)


def _per_measure(path: PathAssessment, other: PathAssessment | None, profile) -> str:  # noqa: ANN001
    """For a project of two measures whose parts the asker lists each with its sum ("Neue Produktionslinie 2 Mio plus
    effizientere Kälteanlage 600k"): the grant of each part at its measure's rate, and both together; "" where a part
    names neither measure's kind or a measure's rate is not decided."""
    if other is None or profile is None or len(profile.cost_parts) < 2:
        return ""
    rates = {m.id: _applicant_rate(m) for m in (path, other)}
    if not all(rates.values()):
        return ""
    lines, total = [], 0.0
    # (a part the measures' rules exclude is left out, as from a single rate's sum: "4 neue kühl-lkw ca 600k" beside a
    # cold store and PV, Nr. 2.6.2 (2) b)
    excluded = _excluded_items(path) + _excluded_items(other)
    left_out = [label for label, _ in profile.cost_parts if any(i.named_in(label) for i in excluded)]
    for label, value in profile.cost_parts:
        if label in left_out:
            continue
        kinds = set(kinds_of_part(label))
        measure = other if other.rate_for in kinds else path if kinds - {other.rate_for} else None
        if measure is None:
            return ""
        rate = rates[measure.id][0]  # type: ignore[index]
        grant = value * rate / 100
        total += grant
        # (the extra costs only, for an efficiency or environmental measure: Nr. 2.4.3.1 (3), 2.4.3.2 (2))
        rule = numbered_rule(measure.applicant_rate_source).removeprefix(" nach ")
        extra = f" (sofern die Summe nur Mehrkosten sind{f', {rule}' if rule else ''})" \
            if measure.rate_for in _EXTRA_COSTS_ONLY else ""
        verb = "" if lines else " ergeben"
        lines.append(f"{_percent(rate)} Prozent von {_euro(value)} für „{label}“{verb} bis zu {_euro(grant)}{extra}")
    without = f" „{'“ und „'.join(left_out)}“ {'ist' if len(left_out) == 1 else 'sind'} nicht förderfähig." \
        if left_out else ""
    if len(lines) < 2:
        return ""  # (one part left: no sum of parts to give)
    return (f"{OWN_CALCULATION} {', '.join(lines)}; zusammen bis zu {_euro(total)}.{without} Wie hoch der Zuschuss "
            f"tatsächlich ist, entscheidet die NBank.")


# The investment aid's measure up to the De-minimis maximum (a large firm's, Nr. 2.5.1 (2)), and the rule answer
# (careful.yaml) on what that maximum is in euros
_DE_MINIMIS_MEASURE = "grw-gewerbe/de-minimis"
_DE_MINIMIS_AMOUNT = "de-minimis-betrag"


_ASKS_WORTH = re.compile(r"\blohnt\s{1,3}(sich|das|es)\b", re.IGNORECASE)  # "lohnt das bei der summe?"


def _without_unsettled(path: PathAssessment, profile, rate: float, amount: float) -> str:  # noqa: ANN001
    """The grant without a cost item in the sum whose eligibility the KR leaves open (a hall bought from the owner's
    wife, Nr. 2.6.2 (2) c), where the asker gives its sum, as the end of the calculation's sentence; "" otherwise."""
    if profile is None:
        return ""
    items = {item.id: item for item in FundingKnowledge.load().cost_items if item.unsettled}
    open_items = [(items[c.cost_item].label, profile.item_sums[c.cost_item]) for c in path.cost_notes
                  if c.cost_item in items and 0 < profile.item_sums.get(c.cost_item, 0) < amount]
    if not open_items:
        return ""
    label, value = open_items[0]
    rest = amount - value
    return (f"; ohne „{label}“ ({_euro(value)}), dessen Förderfähigkeit offen ist, sind es {_percent(rate)} Prozent "
            f"von {_euro(rest)}, also bis zu {_euro(rest * rate / 100)}")


def _calculation(path: PathAssessment | None, profile, other: PathAssessment | None = None) -> str:  # noqa: ANN001
    """The maximum grant for the sum the asker gave, marked as an own calculation; for a project of two measures with
    rates of their own (a hall and a PV system; `other`: the second measure), whose sum no single rate holds for, the
    grant of each part the asker lists with its sum, else none."""
    if profile is not None and profile.started_in_part:
        return ""  # the sum given may be that of the part already ordered, which no grant holds for
    if path is not None and path.blocked and path.main_activity_decides and path.applicant_rate is not None \
            and profile is not None and ASKS_HOW_MUCH.search(profile.description):
        # "Küchenstudio mit eigener Tischlerei … CNC-Fertigung (knapp 200.000). Wie viel ist realistisch?": where the
        # main activity decides, the sum for the case that it is the one not excluded
        computed = _calculation(replace(path, blocked=False), profile, other)
        return computed.replace(OWN_CALCULATION, f"{OWN_CALCULATION} Falls der Schwerpunkt nicht ausgeschlossen ist:", 1)
    amount, basis = _eligible_sum(path, profile)
    amount, basis = _commercial_part(path, profile, amount, basis)
    amount, basis = _own_use_part(path, profile, amount, basis)
    amount, basis = _deducted_sum(path, profile, amount, basis)
    amount, basis, limited_by_figures = _limited_sum(path, amount, basis)
    if amount and path is not None and (capped := _job_cap(path, profile, amount)):
        amount, basis = capped  # "Invest ca 4,2 Mio, am Anfang nur 3 neue Vollzeitstellen"
    if amount and path is not None and path.part_beside and not path.blocked:
        return _per_measure(path, other, profile) or _NO_SUM_FOR_PARTS
    own = _applicant_rate(path) if path and not path.blocked else None
    single = _SINGLE_RATE.fullmatch(path.max_rate.strip()) if path and not path.blocked and not own else None
    rate = own[0] if own else float(single.group(1)) if single else None  # a path with one rate for all ("bis 75 %")
    if profile is not None and profile.wage_costs and path is not None and path.wage_costs and not path.blocked:
        return _wage_calculation(path, profile, rate)
    # the rates the facts leave open, where the path's line states them all (its quotes hold every figure of its rate;
    # else it shows its first rate alone, and only that one may be computed); none where the trade's usual main
    # activity may be excluded ("Logistikdienstleister: 52.25 or 52.10"), as no rate may hold at all; unless the
    # question asks for the money or names the rates ("krieg ich jetzt 20 oder 10 %? und lohnt das bei der summe?"),
    # where the answer says the exclusion beside the sums
    whole = path is not None and not untraceable(re.sub(r"(\d)\s?%", r"\1 Prozent", path.max_rate) + " [1]",
                                                 {1: " ".join(s.quote for s in path.sources[:4])})
    description = profile.description if profile is not None else ""
    asked = bool(ASKS_HOW_MUCH.search(description) or _RATE_FIGURE.search(description) or _ASKS_WORTH.search(description))
    doubtful = path is not None and any(c.id == MAIN_ACTIVITY for c in path.conditions) \
        and (not asked or profile.excluded_sector is not None)
    open_rates = path.possible_rates if whole and not path.blocked and not doubtful else []
    if amount and rate is None and len(open_rates) >= 2:
        # a cost item inside the sum whose own rule limits it (land for a business park: at most a quarter of the
        # costs, and only if bought after 1 July 2025) is named, with the rule that limits it
        labels = FundingKnowledge.load().cost_item_labels()
        inside = profile is not None and profile.sum_holds_items
        limited = [c for c in path.cost_notes if inside and c.cost_item in labels and not c.no_own_limit
                   and not limited_by_figures][:1]
        # and a cost item the path excludes, named beside a sum that was not split ("… ca 600k. Sanitärhaus ersetzt
        # das alte"): whether the sum holds it is left open
        within = [] if basis else [i.label for i in _excluded_items(path)]
        other_aid = _other_aid_left(path, profile, open_rates, amount)
        return _calculation_per_rate(open_rates, amount, basis, other_aid, _gross(profile)) + "".join(
            f" Die Kosten für „{labels[c.cost_item]}“ sind darin enthalten; für sie gelten eigene Grenzen "
            f"({numbered_rule(c.source).removeprefix(' nach ')})." for c in limited) + _if_inside(within) \
            + _deductions(path, profile)
    if not amount or rate is None:
        return ""
    extra = profile.item_sums.get(EXTRA_COSTS) if profile is not None and path.rate_for in _EXTRA_COSTS_ONLY else None
    # (the extra costs the asker names are the part the rate holds for: "alte Maschinen durch vollelektrische ersetzen …
    # Mehrkosten 800k")
    others = (set(profile.project_types) & _OWN_KIND_PARTS) - {path.rate_for} \
        if profile and path.rate_for and not (extra and extra < amount) else set()
    if others and len(path.part_rates) >= 2:  # a heat pump and heat recovery: each part at its own rate
        return _NO_SUM_FOR_PARTS
    if others:  # gas ovens replaced by electric ones, and PV for them: the PV's rate is not the ovens'
        # (where the asker lists the parts with their sums, the part the rate holds for is computed: "E-Backofen
        # (180 k€) und PV aufs Dach (60 k€)")
        own_parts = [(label, value) for label, value in (profile.cost_parts if len(profile.cost_parts) >= 2 else [])
                     if path.rate_for in kinds_of_part(label)]
        if len(own_parts) == 1:
            label, value = own_parts[0]
            return (f"{OWN_CALCULATION} {_percent(rate)} Prozent von {_euro(value)} für „{label}“ ergeben bis zu "
                    f"{_euro(value * rate / 100)}. Für die übrigen Teile des Vorhabens gilt dieser Satz nicht; für sie "
                    f"gelten andere Regeln. Wie hoch der Zuschuss tatsächlich ist, entscheidet die NBank.")
        return (f"Eine Rechnung über die ganze Summe entfällt: Der Satz gilt nur für den Teil „{path.rate_label}“; für "
                f"die übrigen Teile des Vorhabens gelten andere Regeln, und die Kosten je Teil fehlen noch.")
    storage = path.storage_rate if profile is not None and _STORAGE.search(profile.description) else None
    sums = _storage_sums(profile, amount) if storage is not None else None
    if sums is not None:  # "PV 900k, Speicher 300k" or "zusammen 900k, davon Speicher 250k"
        plant_sum, storage_sum = sums
        plant, stored = plant_sum * rate / 100, storage_sum * storage / 100
        return (f"{OWN_CALCULATION} {_percent(rate)} Prozent von {_euro(plant_sum)} für die Erzeugungsanlage ergeben "
                f"bis zu {_euro(plant)}, {_percent(storage)} Prozent von {_euro(storage_sum)} für den Stromspeicher bis "
                f"zu {_euro(stored)}, zusammen bis zu {_euro(plant + stored)}. Wie hoch der Zuschuss tatsächlich ist, "
                f"entscheidet die NBank.")
    if extra and extra < amount:  # "Gesamtinvest 400.000 €, Mehrkosten ggü. einer Standardlösung 250.000 €"
        amount, basis = extra, ""
    grant = amount * rate / 100
    capped = path.applicant_cap_eur is not None and grant > path.applicant_cap_eur
    if capped and path.applicant_cap_yearly:  # a sum for several years may stay within a cap for each year
        result = f"bis zu {_euro(grant)}, je Jahr aber höchstens {_euro(path.applicant_cap_eur)} (Höchstbetrag)"
    elif capped:
        result = f"höchstens {_euro(path.applicant_cap_eur)} (Höchstbetrag; rechnerisch wären es {_euro(grant)})"
    else:
        result = f"bis zu {_euro(grant)}"
    # a cost item the path excludes, named in a sum that was not split ("ca. 80.000 €. B-Plan macht das Planungsbüro
    # gleich mit"): the grant is less by its share
    within = [] if basis else [i.label for i in _excluded_items(path)]
    less = _if_inside(within)
    if profile is not None and "business_investment" in profile.project_types:
        # "um 10 Zimmer erweitert, dazu die alten Zimmer renovieren": the extension at the rate, the renovation not
        less += _inside([c.part_not_at_rate for c in path.conditions if c.part_not_at_rate and c.applies],
                        "und nicht zu diesem Satz förderfähig")
    if storage is not None:
        less += _inside(["den Stromspeicher"], "und nur zu einem niedrigeren Satz förderfähig")
    less += _deductions(path, profile)
    costs, decides = " förderfähigen Kosten", " Wie hoch der Zuschuss tatsächlich ist, entscheidet die NBank."
    costs = " Mehrkosten" if extra and extra == amount else costs
    if path.rate_for in _EXTRA_COSTS_ONLY and not extra \
            and not (profile is not None and EXTRA_COSTS in profile.cost_items):
        # Nr. 2.4.3.1 (3), 2.4.3.2 (2): the extra costs, not the whole investment (unless the sum is said to be them),
        # in words short enough for the bottom line beside the rate
        rule = numbered_rule(path.applicant_rate_source).removeprefix(" nach ")
        result += (f", sofern die Summe nur Mehrkosten gegenüber einer Vergleichsinvestition sind"
                   f"{f' ({rule})' if rule else ''}")
        costs, decides = "", " Es entscheidet die NBank."
    # (with costs still inside that the rate does not hold for, or a deduction still to come, the sum is the most
    # before them, and said so)
    before = " vor Abzügen" if less and result == f"bis zu {_euro(grant)}" else ""
    result = f"höchstens {result.removeprefix('bis zu ')}" if before else result
    other = _other_aid_left(path, profile, [(rate, None)], amount)
    return (f"{OWN_CALCULATION} {_percent(rate)} Prozent von {_euro(amount)}{costs}{basis} ergeben {result}{before}"
            f"{other}{_without_unsettled(path, profile, rate, amount)}.{less}{_gross(profile)}{decides}")


def _gross(profile) -> str:  # noqa: ANN001
    """For a sum said with its VAT: the grant from the net costs, which the VAT note advises to reckon with, is less."""
    return " Die genannte Summe enthält die Umsatzsteuer; mit den Nettokosten gerechnet ergibt sich entsprechend " \
           "weniger." if profile is not None and profile.sum_with_vat else ""


def _other_aid_left(path: PathAssessment, profile, rates: list[tuple[float, str | None]],  # noqa: ANN001
                    amount: float) -> str:
    """Aid from another programme that the asker already gets (`ProjectProfile.other_aid_percent`): on a firm's
    investment, the ceiling holds for both together (KR Nr. 2.5.3), so what is left of each rate, as the end of the
    calculation's sentence (a sentence of its own would not be marked as own arithmetic)."""
    other = profile.other_aid_percent if profile is not None else None
    other_eur = profile.other_aid_eur if profile is not None and not other else None
    if not (other or other_eur and other_eur < amount) or not path.id.startswith("grw-gewerbe"):
        return ""

    def left(rate: float) -> str:
        if other_eur:  # (a sum granted: what is left of the grant the rate gives)
            rest_eur = amount * rate / 100 - other_eur
            return f"bis zu {_euro(rest_eur)}" if rest_eur > 0 else "nichts"
        rest = rate - other
        return f"bis zu {_percent(rest)} Prozent, also bis zu {_euro(amount * rest / 100)}" if rest > 0 else "nichts"

    each = ", ".join(f"für {_SIZE_LABEL[size]} {left(rate)}" if size else left(rate) for rate, size in rates)
    said = f"{_euro(other_eur)}" if other_eur else f"{_percent(other)} Prozent"
    return (f"; mit den {said} aus der anderen Förderung zusammen gilt der Höchstsatz aber für "
            f"beide (Nr. 2.5.3): Soweit beide dieselben Kosten fördern, bleiben {each}")


def _job_cap(path: PathAssessment, profile, amount: float) -> tuple[float, str] | None:  # noqa: ANN001
    """KR Nr. 2.6.2 (4): an investment of Nr. 2.4.1 is funded only up to a sum per permanent job it creates, or per
    job it secures. Where the asker gives the new jobs and a sum above that, the sum to compute from, with words saying
    so; where they also count the jobs it secures, the larger of the two limits (the rule names both, the NBank decides
    which holds); where they give no new jobs, the limit of the staff's jobs if the project secures them; else None."""
    rule = next((c for c in path.conditions if c.per_new_job_eur), None)
    jobs = profile.new_jobs if profile is not None else None
    staff = profile.employees if profile is not None and not profile.secured_jobs else None
    if rule is not None and not jobs and staff and rule.per_secured_job_eur \
            and path.rate_for in ("", "business_investment") and amount > staff * rule.per_secured_job_eur:
        # no new jobs given, and more per job of the staff than the limit for a secured one: the most the staff's
        # jobs bear, if the project secures them ("4 Leute …, vollautomatische Fertigung für 3,6 Mio")
        cap = staff * rule.per_secured_job_eur
        return cap, (f" (höchstens {_euro(rule.per_secured_job_eur)} je gesichertem Dauerarbeitsplatz"
                     f"{numbered_rule(rule.source)}: sichert das Vorhaben die {staff} bestehenden Stellen, "
                     f"{_euro(cap)} statt {_euro(amount)}; jede neue Stelle trägt bis zu "
                     f"{_euro(rule.per_new_job_eur)} mehr)")
    if rule is None or not jobs or path.rate_for not in ("", "business_investment") \
            or amount <= jobs * rule.per_new_job_eur:
        return None
    cap = jobs * rule.per_new_job_eur
    per_secured = rule.per_secured_job_eur or 0.0
    secured = profile.secured_jobs or 0
    if secured * per_secured > cap:
        if amount <= secured * per_secured:  # the jobs secured bear the whole sum, the new ones would not
            return amount, (f" (mit {secured} gesicherten Stellen zu höchstens {_euro(per_secured)} je Stelle"
                            f"{numbered_rule(rule.source)} ganz, mit {jobs} neuen Stellen nur bis {_euro(cap)})")
        cap = secured * per_secured
        return cap, (f" (höchstens {_euro(per_secured)} je gesichertem Dauerarbeitsplatz"
                     f"{numbered_rule(rule.source)}: bei {secured} gesicherten Stellen {_euro(cap)} statt "
                     f"{_euro(amount)})")
    return cap, (f" (höchstens {_euro(rule.per_new_job_eur)} je neuem Dauerarbeitsplatz{numbered_rule(rule.source)}: "
                 f"bei {jobs} neuen Stellen {_euro(cap)} statt {_euro(amount)})")


# Kinds of project whose rate holds for the extra costs only (Nr. 2.4.3.1 (3), 2.4.3.2 (2)); for own renewable supply
# the whole investment counts (Nr. 2.4.3.3)
_EXTRA_COSTS_ONLY = {"environmental_protection", "energy_efficiency"}
EXTRA_COSTS = "extra_costs"  # the cost item of a sum named as the extra costs (funding_paths.yaml cost_items)


_MONTH_NAMES = ("Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September", "Oktober",
                "November", "Dezember")


def _limits_said(path: PathAssessment | None, w: _Writer) -> str:
    """The limits of the path's rules on a cost item held against the asker's own figures, each with its rule cited:
    land acquired before the date the rule sets is not eligible (where only a part was, that part), land acquired on
    or after it is; land beyond its share of the costs only up to that share (KR Nr. 5 (4), (5)). Beside a date, the
    share is named too where the figures leave it open. The sums follow in the calculation."""
    if path is None or path.blocked:
        return ""
    said = []
    dated = next((c for c in path.limits if c.kept is not None and c.not_before is not None), None)
    if dated is not None:
        rule = numbered_rule(dated.source).removeprefix(" nach ")
        rule = f" ({rule})" if rule else ""
        when = dated.not_before
        day = f"{when.day}. {_MONTH_NAMES[when.month - 1]} {when.year}"  # type: ignore[union-attr]
        if dated.kept:
            said.append(_cited(f"„{dated.label}“ ist hier förderfähig: Er darf nicht vor dem {day} erfolgt sein{rule}, "
                               f"nach Ihren Angaben war er danach.", w.cite_source(dated.source)))
        elif dated.in_part:  # "einen Teil der Flächen im März 2025 gekauft, den Rest 2026"
            said.append(_cited(f"„{dated.label}“ ist hier nur förderfähig, soweit er nicht vor dem {day} erfolgt ist"
                               f"{rule}; nach Ihren Angaben war ein Teil früher.", w.cite_source(dated.source)))
        else:
            said.append(_cited(f"Nicht förderfähig ist hier „{dated.label}“: Er darf nicht vor dem {day} erfolgt sein"
                               f"{rule}, nach Ihren Angaben war er früher.", w.cite_source(dated.source)))
    open_date = dated is None or dated.kept or dated.in_part  # a share matters only for land that may be eligible
    # (and where only a part of the land was acquired early, the share beside it, whatever the figures: the rest is
    # eligible within it)
    share = next((c for c in path.limits if c.max_share_percent is not None
                  and (c.kept is False or c.kept is None and dated is not None and open_date
                       or c.kept and dated is not None and dated.in_part)), None)
    if share is not None and open_date:
        rule = numbered_rule(share.source).removeprefix(" nach ")
        # (in the rule's own words where it names a quarter: "ein Viertel der förderfähigen Kosten", Nr. 3.2.2.1)
        part = "ein Viertel" if share.max_share_percent == 25 and "Viertel" in share.source.quote \
            else f"{_percent(share.max_share_percent)} Prozent"  # type: ignore[arg-type]
        most = f"höchstens {part} der Kosten der gesamten Maßnahme{f' ({rule})' if rule else ''}"
        if share.kept is False:  # beside the date it was acquired on: the same item, "er"
            told = f"Er ist aber nur bis {most} förderfähig" if said else \
                f"„{share.label}“ ist hier nur zum Teil förderfähig: {most}"
            said.append(_cited(f"{told}; nach Ihren Angaben ist es mehr.", w.cite_source(share.source)))
        else:
            said.append(_cited(f"Zudem gilt für ihn: {most}.", w.cite_source(share.source)))
    return " ".join(said)


def _limited_sum(path: PathAssessment | None, amount: float | None, basis: str) -> tuple[float | None, str, bool]:
    """The sum to compute a grant from, less what a limit of the path's rules leaves out of the asker's cost item (land
    acquired too early: all of it; beyond its share: the rest), with words saying so; and whether a limit was applied
    (the item's sum is part of the whole the asker gives)."""
    if not amount or path is None:
        return amount, basis, False
    applied = [c for c in path.limits if c.kept is False and c.total is not None and c.allowed is not None
               and c.item_sum is not None]
    if not applied:
        return amount, basis, False
    check = min(applied, key=lambda c: c.allowed)  # type: ignore[arg-type, return-value]
    allowed, item_sum = check.allowed or 0.0, check.item_sum or 0.0
    if allowed:
        words = (f" (darin „{check.label}“ nur bis {_euro(allowed)}: {_percent(check.max_share_percent or 0)} Prozent "
                 f"von {_euro(check.total or 0)}, statt {_euro(item_sum)})")
    else:
        words = f" (ohne {_euro(item_sum)} für „{check.label}“, die nicht förderfähig sind)"
    return (check.total or amount) - (item_sum - allowed), words, True


def _commercial_part(path: PathAssessment | None, profile, amount: float | None,  # noqa: ANN001
                     basis: str) -> tuple[float | None, str]:
    """The sum of the commercial users' share, where the path's rule funds that share (Nr. 3.2.2.3 (3)) and the asker
    gives it ("die Betriebe machen ca 70 % der Schmutzfracht"), with words saying so; else the sum as it is."""
    if not amount or path is None or profile is None or not profile.commercial_share_percent \
            or not any(c.commercial_share and c.applies for c in path.conditions):
        return amount, basis
    share = profile.commercial_share_percent
    return amount * share / 100, (f" (der Anteil der gewerblichen Nutzer nach Ihren Angaben: {_percent(share)} Prozent "
                                  f"von {_euro(amount)})")


def _own_use_part(path: PathAssessment | None, profile, amount: float | None,  # noqa: ANN001
                  basis: str) -> tuple[float | None, str]:
    """A firm's sum without the share of its building it lets to others ("30 % vermieten wir an eine Spedition"):
    letting is no activity the GRW funds (KR Nr. 2.7.1 M), so the grant is computed on the firm's own use; nor without
    the owners' private share ("die Wohnung für uns als Familie (ca. 20 % der Fläche)"), no asset of the business."""
    let, private = (profile.let_share_percent or 0, profile.private_share_percent or 0) if profile is not None \
        else (0, 0)
    if not amount or path is None or profile is None or not (let or private) or not 0 < let + private < 100 \
            or profile.applicant_type not in ("company", None) or programme(path.id) != "grw":
        return amount, basis
    own = 100 - let - private
    left_out = " und ".join(part for part, share in (("der vermietete", let), ("der privat genutzte", private)) if share)
    return amount * own / 100, (f" (Ihr betrieblich genutzter Anteil nach Ihren Angaben: {_percent(own)} Prozent von "
                                f"{_euro(amount)}; {left_out} Teil ist nicht förderfähig)")


def _deducted_sum(path: PathAssessment | None, profile, amount: float | None,  # noqa: ANN001
                  basis: str) -> tuple[float | None, str]:
    """The asker's sum less what a rule that applies deducts, where the asker gives its sum (a relocation: "das alte
    Gebäude verkaufen wir für ca 2 mio", Nr. 2.6.2 (3))."""
    deducted = _given_deduction(path, profile, amount)
    if deducted is None:
        return amount, basis
    condition, value = deducted
    label = FundingKnowledge.load().cost_item_labels()[condition.deducted_item]
    return amount - value, (f" ({_euro(amount)} abzüglich {_euro(value)} {label}"  # type: ignore[operator]
                            f"{numbered_rule(condition.source)})")


def _given_deduction(path: PathAssessment | None, profile, amount: float | None  # noqa: ANN001
                     ) -> tuple[ConditionAssessment, float] | None:
    """The rule that applies and deducts an item whose sum the asker gives below their sum, with that sum."""
    if not amount or path is None or profile is None:
        return None
    return next(((c, value) for c in path.conditions if c.deducted_item and c.applies
                 and 0 < (value := profile.item_sums.get(c.deducted_item, 0)) < amount), None)


def _deductions(path: PathAssessment, profile) -> str:  # noqa: ANN001
    """What a rule deducts from the costs, not yet deducted from the asker's sum: a relocation's sale of the old site
    (Nr. 2.6.2 (3)) where the asker gives no price, a wastewater plant's share of non-commercial users (Nr. 3.2.2.3
    (3)) where the asker gives no share of the commercial users."""
    shared = profile is not None and bool(profile.commercial_share_percent)
    given = _given_deduction(path, profile, profile.investment_eur if profile else None)
    return "".join(f" Von den förderfähigen Kosten abzuziehen sind noch {c.deducted}{numbered_rule(c.source)}; der "
                   f"Zuschuss verringert sich entsprechend." for c in path.conditions
                   if c.deducted and c.applies and not (c.commercial_share and shared)
                   and not (given and given[0] is c))


def _calculation_per_rate(rates: list[tuple[float, str]], amount: float, basis: str = "", other_aid: str = "",
                          note: str = "") -> str:
    """The grant at each rate that may apply, where the facts decide none: per company size ("für ein kleines
    Unternehmen 20 Prozent …, für ein mittleres 10 Prozent …") or the regular and the raised rate (60 and 90 %)."""
    if all(size for _, size in rates):
        parts = [f"für {_SIZE_LABEL[size]} {_percent(rate)} Prozent, also bis zu {_euro(amount * rate / 100)}"
                 for rate, size in rates]
        which = "Welcher Satz gilt, hängt von der Größe des Unternehmens ab"
    else:
        (low, _), *raised = rates
        parts = [f"{_percent(low)} Prozent, also bis zu {_euro(amount * low / 100)}"]
        parts += [f"mit dem erhöhten Satz von {_percent(rate)} Prozent bis zu {_euro(amount * rate / 100)}"
                  for rate, _ in raised]
        which = "Ob der erhöhte Satz gilt, hängt von den Voraussetzungen oben ab"
    return (f"{OWN_CALCULATION} Bei {_euro(amount)} förderfähigen Kosten{basis} ergeben {', '.join(parts)}{other_aid}."
            f"{note} {which}; wie hoch der Zuschuss tatsächlich ist, entscheidet die NBank.")


def _regional_effect(path: PathAssessment | None, profile: ProjectProfile | None, w: _Writer) -> str:
    """For a firm's investment whose question gives the firm's yearly depreciation: whether the investment per year
    exceeds it by the share Nr. 2.3 (2) a sets (the lower share for an SME, for grants until its day), and, with the
    new jobs and the staff given, whether the jobs grow by the share of (b); an own calculation, each share cited.
    Where (a) is not reached, the other ways to the regional effect follow. "" without the depreciation."""
    if path is None or path.blocked or path.regional_effect is None or profile is None \
            or not profile.depreciation_eur:
        return ""

    def share(threshold: Threshold) -> tuple[float, str]:
        sme = (profile.company_size in ("small", "medium")
               or profile.company_size is None and bool(_SAYS_SME.search(profile.description or ""))) \
            and date.today() <= threshold.sme_until
        return (threshold.sme_percent, w.cite_source(threshold.sme_source)) if sme else \
            (threshold.percent, w.cite_source(threshold.source))

    least, cited = share(path.regional_effect.over_depreciation)
    needed = profile.depreciation_eur * (1 + least / 100)
    if not profile.investment_eur:
        jobs, jobs_cited = share(path.regional_effect.more_jobs)
        # "… ca 180.000 € Abschreibungen pro Jahr. Wie hoch muss die Investition mindestens sein?": the least sum
        return (f"{OWN_CALCULATION} Für die regionalwirtschaftlichen Effekte (Nr. 2.3) muss die Investition im Jahr die "
                f"durchschnittlichen Abschreibungen von {_euro(profile.depreciation_eur)} um mindestens "
                f"{_percent(least)} Prozent übersteigen, also mindestens {_euro(needed)} im Jahr betragen{cited}. "
                f"Sonst genügen mindestens {_percent(jobs)} Prozent mehr Dauerarbeitsplätze{jobs_cited} oder eine "
                f"deutlich höhere Arbeitsproduktivität.")
    years = profile.investment_years or 1
    yearly = profile.investment_eur / years
    spread = f"{_euro(profile.investment_eur)} über {years} Jahre sind {_euro(yearly)} im Jahr" if years > 1 else \
        f"die Investition ist {_euro(yearly)}"
    reached = yearly >= needed
    said = (f"{OWN_CALCULATION} Für die regionalwirtschaftlichen Effekte (Nr. 2.3): {spread}; nötig sind mindestens "
            f"{_percent(least)} Prozent über den durchschnittlichen Abschreibungen von {_euro(profile.depreciation_eur)}, "
            f"also {_euro(needed)} im Jahr{cited}, "
            + ("das ist erreicht." if reached else "das wird nicht erreicht"))
    if reached:
        return said
    jobs, jobs_cited = share(path.regional_effect.more_jobs)
    if profile.new_jobs and profile.employees:  # (one sentence: its figures are the own calculation's)
        grown = 100 * profile.new_jobs / profile.employees
        return said + (f"; mit {profile.new_jobs} neuen von {profile.employees} Dauerarbeitsplätzen wären es "
                       f"{_percent(round(grown, 1))} Prozent mehr, nötig sind {_percent(jobs)} Prozent{jobs_cited}.")
    return said + (f". Dann müssen die Dauerarbeitsplätze um mindestens {_percent(jobs)} Prozent steigen{jobs_cited} "
                   f"oder die Arbeitsproduktivität deutlich wachsen.")


def _wage_calculation(path: PathAssessment, profile, rate: float | None) -> str:  # noqa: ANN001
    """A wage-cost grant (KR Nr. 2.6.3) for the jobs and wages the asker gives: the wage costs of the new jobs over the
    rule's years, at the asker's rate where their size decides it; instead of a grant on the investment costs (Nr.
    2.6.1), so never computed on that sum, nor as a rate of one year's wage of one job. What is missing for it where
    the question does not give it."""
    rule = path.wage_costs
    yearly = profile.wage_total_eur or (profile.wage_per_job_eur * profile.new_jobs
                                         if profile.wage_per_job_eur and profile.new_jobs else None)
    if yearly is None:
        missing = [what for what, given in (("die Zahl der neuen Arbeitsplätze", profile.new_jobs),
                                            ("die Lohnkosten je neuer Stelle im Jahr", profile.wage_per_job_eur)) if not given]
        return f"Für eine Rechnung des lohnkostenbezogenen Zuschusses (Nr. 2.6.3) fehlen noch {' und '.join(missing)}."
    eligible = yearly * rule.years
    counted = (f"{_euro(yearly)} im Jahr × {rule.years} Jahre" if profile.wage_total_eur else
               f"{profile.new_jobs} Stellen × {_euro(profile.wage_per_job_eur)} × {rule.years} Jahre")
    result = (f"davon {_percent(rate)} Prozent = bis zu {_euro(eligible * rate / 100)}" if rate is not None
              else "den Satz bestimmt die Unternehmensgröße")
    return (f"{OWN_CALCULATION} Lohnkosten der neuen Stellen für {rule.years} Jahre (Nr. 2.6.3): {counted} = "
            f"{_euro(eligible)}; {result}. Statt eines Zuschusses auf die Investitionskosten (Nr. 2.6.1); entscheiden "
            f"wird die NBank.")


# A question of what the applicant must bring in themselves
_ASKS_OWN_SHARE = re.compile(r"\b(eigenanteil\w{0,2}|eigenbeitrag\w{0,2}|eigenmittel\w{0,2}|eigenkapital\w{0,2}"
                             r"|(selbst|selber)\s{1,3}(aufbringen|zahlen|tragen|finanzieren|stemmen|beisteuern)"
                             # "Was bleibt bei uns hängen, wenn wir 60 % bekommen?"
                             r"|hängen\s{1,3}bleibt|bleibt\b[^.?!]{0,30}\bhängen)\b",
                             re.IGNORECASE)


# A question of the costs a grant of the asker's sum needs: the sum is the grant, not the costs ("wenn wir das
# Umsetzungsbudget voll ausschöpfen wollen (500k/jahr), wie hoch müssen die gesamtkosten sein?", "welche Kosten
# brauchen wir, um 200.000 € Zuschuss zu bekommen?")
_ASKS_COSTS_FOR_GRANT = re.compile(r"\b(aus(zu)?schöpf\w{0,4}"
                                   r"|wie\s{1,3}(hoch|viel\w{0,2})\s{1,3}(müssen|muss|sollten|sollen)\b[^.?!]{0,30}\bkosten"
                                   r"|(welche|wie\s{1,3}hohe)\s{1,3}(gesamt|projekt|investitions)?kosten\b[^.?!]{0,40}"
                                   r"\b(brauch\w{0,2}|nötig|notwendig|erforderlich)"
                                   r"|um\b[^.?!]{0,40}\b(zuschuss|förderung|fördergeld\w{0,2})\s{1,3}zu\s{1,3}"
                                   r"(bekommen|erhalten|kriegen|erreichen))", re.IGNORECASE)


def _costs_for_grant(lead: PathAssessment | None, found: Findings) -> str:
    """For a question of the costs a grant of the asker's sum needs: the eligible costs at the rate of the path that
    leads, and what is left to finance of them, as an own calculation; "" where the question asks no such thing or the
    path has no rate for the asker."""
    amount = found.profile.investment_eur if found.profile else None
    if not amount or lead is None or lead.blocked or not lead.applicant_rate or lead.applicant_rate >= 100 \
            or lead.rate_part_only or not _ASKS_COSTS_FOR_GRANT.search(found.question):
        return ""
    rate = lead.applicant_rate
    costs = amount * 100 / rate
    return (f"{OWN_CALCULATION} Für einen Zuschuss von {_euro(amount)} sind bei {_percent(rate)} Prozent förderfähige "
            f"Kosten von rund {_euro(costs)} nötig; davon bleiben rund {_euro(costs - amount)} selbst zu finanzieren. "
            f"Wie hoch der Zuschuss tatsächlich ist, entscheidet die NBank.")


# A loan named for the own share ("über unser Darlehen", "mit einem KfW-Kredit", "Fremdkapital")
_ASKS_LOAN = re.compile(r"\w{0,12}(darlehen|kredit\w{0,2}|fremdmittel\w{0,2}|fremdkapital)\b", re.IGNORECASE)


def _own_share(found: Findings, w: _Writer) -> tuple[str, bool]:
    """For a question of the own share with a sum: what is left to finance after the grant (at each rate the asker
    assumes, else at the rate their facts give on the path that leads), and the least share a path's rule sets
    (Nr. 2.5.4), computed as an own calculation with the rule cited; "" where the question gives no sum, or neither a
    rate nor a rule on the least share is known. Where the sum is the grant the asker wants, the costs it needs. The
    flag says whether the text computes the grant itself (else a calculation of the grant may stand beside it)."""
    lead = _lead_path(found.funding)
    if inverse := _costs_for_grant(lead, found):
        return inverse, True
    amount, basis = _eligible_sum(lead, found.profile)
    if not amount or not _ASKS_OWN_SHARE.search(found.question):
        return "", False
    least = ""
    # the least share of the path the sum is for (Nr. 2.5.4 binds a firm's investment, not a municipality's budget)
    rule = next((c for c in lead.conditions if c.minimum_share_percent), None) if lead is not None else None
    ref = w.cite_source(rule.source) if rule else ""
    if rule and ref:
        share = rule.minimum_share_percent
        # (asked whether a loan may bring it: "darf der Eigenanteil komplett über unser Darlehen laufen?": what the
        # rule's text says counts, after its colon)
        counts = rule.text.partition(": ")[2].rstrip(".")
        loan = f". {counts[:1].upper()}{counts[1:]}{ref}" if counts and _ASKS_LOAN.search(found.question) else ""
        least = (f"mindestens {_percent(share)} Prozent von {_euro(amount)} förderfähigen Kosten, also "
                 f"{_euro(amount * share / 100)}, müssen ohne öffentliche Förderung aufgebracht werden"
                 f"{numbered_rule(rule.source)}{ref}{loan}")
    # "Wenn wir 1 Mio investieren und 20 % bekommen, wie viel müssen wir selbst finanzieren?" (each rate the asker
    # assumes: "wenn wir 60 % bzw. 90 % bekommen"), else the rate of the lead path ("Bäckerei mit 35 Leuten … 1,5 Mio €.
    # Wie viel muss ich selbst stemmen?")
    rates = _assumed_rates(found.question)[:2] or (
        [lead.applicant_rate] if lead is not None and not lead.blocked and lead.applicant_rate is not None else [])
    rests = [f"bei {_percent(rate)} Prozent Zuschuss ({_euro(amount * rate / 100)}) bleiben "
             f"{_euro(amount - amount * rate / 100)} selbst zu finanzieren" for rate in rates if 0 < rate < 100]
    if rests:
        return (f"{OWN_CALCULATION} Von {_euro(amount)} förderfähigen Kosten{basis}: {'; '.join(rests)}"
                + (f"; {least}." if least else ".")), True
    if least:
        least = least.replace(" förderfähigen Kosten,", f" förderfähigen Kosten{basis},", 1)
        return f"{OWN_CALCULATION} {least[0].upper()}{least[1:]}.", False
    return "", False


# a rate the asker assumes for the grant: "und 20 % bekommen", "bei 20 Prozent Förderung", "wenn wir 60 % bzw. 90 %
# bekommen"; not a share named for something else ("gibt es da wie bei firmen die 25 %?": the own contribution)
_GIVEN_RATE = re.compile(r"\b(\d{1,2}(?:,\d{1,2})?)\s{0,2}(?:%|prozent)", re.IGNORECASE)
_GRANT_AFTER = re.compile(r"(\s{1,3}(bzw\.?|oder|und|/|-)?\s{0,3}\d{1,2}(,\d{1,2})?\s{0,2}(%|prozent))?"
                          r"(\s{1,3}[^\s.?!,;]{1,20}){0,2}?\s{1,3}(bekommen|bekommt|kriegen|kriegt|erhalten|zuschuss|förderung|gefördert|fördersatz"
                          r"|förderquote)\b", re.IGNORECASE)
_GRANT_BEFORE = re.compile(r"\b(bei|mit|von|zuschuss|förderung|fördersatz|förderquote)\s{1,3}(je(weils)?\s{1,3})?$",
                           re.IGNORECASE)


def _assumed_rates(question: str) -> list[float]:
    """The rates of grant the asker assumes, in the order written."""
    return [float(m.group(1).replace(",", ".")) for m in _GIVEN_RATE.finditer(question)
            if _GRANT_AFTER.match(question, m.end()) or _GRANT_BEFORE.search(question, 0, m.start())]


def _euro(value: float) -> str:
    return f"{value:,.0f} €".replace(",", ".")


def _answer_goal(goal: GoalMatch, w: _Writer) -> AnswerGoal:
    return AnswerGoal(goal.code, goal.title, GoalRef(goal.leitziel.code, goal.leitziel.title),
                      GoalRef(goal.corridor.code, goal.corridor.title), goal.score, goal.passage.chunk_id,
                      [c.n for c in w.cites.items if c.passage.chunk_id == goal.passage.chunk_id])


def _goal_ref(goal: GoalMatch, w: _Writer, limit: int = 90) -> str:
    n = w.cite(goal.passage, _first_line(goal.passage))
    return f"{goal.code} „{_short(goal.title, limit)}“ [{n}]"


# -- a question asked beside a project ----------------------------------------------------------------------------------

# A question of the text: a sentence that ends in "?", or one that opens as a question does ("kann man …", "wie lange …")
_OPENS_AS_QUESTION = re.compile(r"(?:\d\)\s{0,3}|und\s{1,3}|oder\s{1,3})?(?:wie|was|wer|wo|wann|warum|weshalb|welche\w{0,2}|ob"
                                r"|kann|können|darf|dürfen|gibt|gibts|gilt|gelten|ist|sind|zählt|zählen|muss|müssen|reicht"
                                r"|braucht|brauchen|werden|wird|bekommen|bekommt|geht|gehen|lohnt)\b", re.IGNORECASE)
_QUESTION_UNITS = re.compile(r"(?<=[?])\s{0,5}|\s{1,5}(?=\d\)\s)|(?<=[.!;:])\s{1,5}(?=\S)|\s[–-]\s")
# What every project question asks in some words, and what the project answer states anyway (the path, its rate, the
# IREK goal, where to apply): a question of nothing else asks nothing beside the project.
_GENERIC_ASK = set(stems(
    # (pronominal adverbs point back to what the question names: "Gibt es dafür GRW?")
    "dafür damit dazu davon darauf darüber dabei dadurch dagegen danach daran darin daraus darunter davor hierfür "
    "hierzu hiervon wofür womit wozu wovon worauf "
    "ist das förderfähig förderbar möglich machbar zulässig geht gehen ginge das sowas so was da über die mit GRW LEADER "
    "Zukunftsregion IREK gibt es gibts da was etwas Förderung Förderungen Fördermittel Fördergeld Geld Zuschuss "
    "Zuschüsse Förderprogramm Programm Topf Unterstützung welche welcher passt passen hinein rein irgendwo wie viel "
    "wieviel hoch Höhe Prozent Euro Fördersatz Förderquote Quote Satz bekommen bekommt kriegen erhalten erhält "
    "beantragen Antrag stellen fördern gefördert lassen kann können man wir ich uns unser unsere was ist drin dafür "
    "davon dazu zahlt bezahlt übernimmt Beihilfe maximal max insgesamt überhaupt eigentlich denn noch auch jetzt bitte "
    "Frage Fragen kurze Landkreis Osnabrück infrage frage kommt kommen in Betracht Richtung Option Optionen Möglichkeit "
    "Möglichkeiten Wege Weg sinnvoll Tipp Tipps Idee wäre wären würde würden hätte hätten muss müssen beachten "
    "berücksichtigen klären vorher Voraussetzungen Bedingungen Ziel Ziele Handlungsziel Handlungsziele Leitziel "
    "Leitziele Korridor Themenkorridor Konzept Entwicklungskonzept Regionalentwicklungskonzept befasst betrifft "
    "spricht passend zusätzlich zusätzliche nehmen nutzen Anspruch Niedersachsen Land Bund gelesen gehört"))


def asked_beside(question: str) -> tuple[str, set[str]]:
    """The questions a project's description asks beside what every project question asks ("Geht das mit GRW, auch
    der Kauf? Und gibt es Vorgaben für die Mieter?" → "auch der Kauf", "Vorgaben für die Mieter"), as text and as the
    stems that tell them; ("", set()) when it asks nothing else. The caller keeps the stems that few passages hold."""
    units = [u.strip() for u in _QUESTION_UNITS.split(question) if u and u.strip()]
    asks = [u for u in units if u.endswith("?") or _OPENS_AS_QUESTION.match(u)]
    return " ".join(asks), {stem for ask in asks for stem in _own_words(ask)}


def _own_words(text: str) -> set[str]:
    """The stems of a text beyond the words every question asks with (`_GENERIC_ASK`), numbers left out."""
    return {stem for stem in stems(text) if stem not in _GENERIC_ASK and len(stem) >= 3 and not stem[0].isdigit()}


def _telling_sentence(holders: list[Passage], telling: set[str] | frozenset[str],
                      context: str) -> tuple[Passage, str, float] | None:
    """The whole sentence of `holders` (a section's passages, the found one first) that holds most of the `telling`
    stems of a question, ties broken by the stems it shares with `context` (the whole question) and by the found
    passage; None where no sentence that can stand on its own holds one. A heading, a list's lead-in or its item says
    nothing on its own."""
    best: tuple[Passage, str, float] | None = None
    wanted = set(stems(context))
    for n, holder in enumerate(holders):
        for sentence in split_sentences(holder.text):
            shared = telling & set(stems(sentence))
            if not shared or not informative(sentence) or len(sentence) < 25 or not sentence.endswith((".", "!")):
                continue
            score = (len(shared) + 0.1 * len(wanted & set(stems(sentence))) + (0.2 if n == 0 else 0.0)
                     - len(sentence) / 4000)
            if best is None or score > best[2]:
                best = (holder, sentence, score)
    return best


_IMPLIED_WORDS = 1.5  # what the sentence of a rule the asker's facts point to counts for in `_asked_rule`
_IMPLIED_CHARS = 300  # ... where it is no longer (a list, such as that of excluded sectors, answers no ask of its own)


def _sibling_sections(lead: PathAssessment | None) -> set[tuple[str, str]]:
    """The sections of the other measures of an open lead path's programme (Nr. 3.5.2 beside Nr. 3.5.1), not its own."""
    if lead is None or lead.blocked or "/" not in lead.id:
        return set()
    knowledge = FundingKnowledge.load()
    own = knowledge.get(lead.id)
    own_section = (own.source.document, own.source.section) if own is not None and own.source else None
    return {(p.source.document, p.source.section) for p in knowledge.all_paths()
            if p.id != lead.id and p.id.startswith(lead.id.split("/")[0] + "/") and p.source} - {own_section}


def _asked_rule(found: Findings, w: _Writer) -> str:
    """For a project whose description also asks a question of a rule ("… kann man statt auf die Investition auch auf
    die Personalkosten Förderung bekommen?"): the sentence of the best passages of the rules that answers it, quoted
    with its source (or the sentence of a rule the asker's facts point to, `_IMPLIED_WORDS`); "" where the question
    asks nothing beside the project, or no sentence holds a word of its ask."""
    ask, telling = found.asked
    lead = _lead_path(found.funding)
    if not ask or lead is not None and not lead.blocked and (
            _asked_condition(lead, w)
            or any(c.id in w.said and (c.asked or telling & set(stems(c.text))) for c in lead.conditions)):
        return ""  # the lead path's line, or the bottom line, states the rule asked about (`_decisive`)
    best: tuple[float, Passage, str] | None = None
    others = _sibling_sections(lead)
    for rank, hit in enumerate(found.hits[:4]):
        if hit.passage.document == "irek" or _preamble(hit.passage):
            continue  # the IREK's goals stand in the answer already; its text states no rule
        if (hit.passage.document, hit.passage.section_number) in others:
            continue  # a rule of another measure of the lead's programme (an innovation cluster's ten years beside
            # a network's "wie lange"): it answers for that measure, not for the asker's
        told = _telling_sentence(_section_passages(hit.passage, w.passages) + _footnotes(hit.passage, w.passages),
                                 telling, found.question)
        # (the sentence of a rule the asker's facts point to, where the section holds one, counts as much as one that
        # holds one and a half of the ask's words: "Wer muss den Antrag stellen?" of a Betriebsaufspaltung is answered
        # by its own sentence of Nr. 2.2.2, not by the section's first, which holds "wer")
        ruled = _implied_sentence(found, hit, w)
        if ruled is not None and len(ruled[1]) <= _IMPLIED_CHARS and (told is None or told[2] < _IMPLIED_WORDS):
            told = (ruled[0].passage, ruled[1], _IMPLIED_WORDS)
        if told is not None and (best is None or told[2] - 0.25 * rank > best[0]):
            best = (told[2] - 0.25 * rank, told[0], told[1])
    if best is None:
        return ""
    _, holder, quote = best
    quote = with_continuation(holder.text, with_antecedent(holder.text, quote))
    if any(quote in q or q in quote for q in w.quotes().values()):
        return ""
    if (said := _asked_rule_said(found, quote)) and len(said) <= _ASKED_RULE_CHARS:
        # a rule asked for in its own words, in the words that apply it ("… für eine Maßnahme, die selbst nicht
        # förderfähig ist, also auch nicht ihre Planung"), its sentence cited
        return f"Zu Ihrer Frage: {_with_rule(said, None)} [{w.cite(holder, quote)}]"
    return f"Zu Ihrer Frage ({w.label(holder, quote)}): „{quote}“ [{w.cite(holder, quote)}]"


# -- the kinds of answer -----------------------------------------------------------------------------------------------

# A question for another way to funding than the one asked about or ruled out: "was wäre die alternative?", "oder was
# anderes?", "gibt es sonst etwas?", "welche anderen Möglichkeiten", "wohin sonst", "was geht da sonst, wenn nicht GRW?"
# (not "alternative Proteine")
ASKS_OTHER_WAY = re.compile(r"\b(die|eine|welche|als|keine)\s{1,3}alternative\w{0,1}\b|\balternativen?\s{0,2}[?.!]"
                             r"|\balternativ\s{1,3}(dazu|zu)\b|\b(oder|sonst)\s{1,3}(was|etwas)\s{1,3}anderes\b"
                             r"|\bgibt\s{1,3}es\s{1,3}sonst\b"
                             r"|\bandere\w{0,2}\s{1,3}(möglichkeit|förder|weg|programm|töpfe|topf)\w{0,6}|\bwohin\s{1,3}sonst\b"
                             r"|\bwas\s{1,3}(geht|gibt\w{0,2})\s{1,3}((es|da|denn)\s{1,3})?sonst\b"
                             r"|\bwenn\s{1,3}nicht\s{1,3}(über\s{1,3})?(die\s{1,3})?(grw|leader|zukunftsregion)\b"
                             # "geht da was?", "geht da noch was?": any way at all
                             r"|\bgeht\s{1,3}(da|denn|dann)\s{1,3}(noch\s{1,3}|überhaupt\s{1,3})?(was|etwas)\b",
                             re.IGNORECASE)


# Funding asked for in general, with no programme named: "gibts da förderung vom landkreis oder so", "Gibts da
# Investförderung?"
ASKS_ANY_FUNDING = re.compile(r"\b(gibt\w{0,2}|gibt's|bekomm\w{0,3}|krieg\w{0,3})\b[^?.!]{0,30}\b(irgendeine\w?\s{1,3})?"
                               r"(förderung|fördergeld\w{0,2}|fördermittel|zuschuss|zuschüsse|investförderung"
                               r"|investitionsförderung)\b", re.IGNORECASE)


_BEFORE_START = re.compile(r"vor\s{1,3}(dem\s{1,3})?Beginn|vor\s{1,3}dem\s{1,3}ersten", re.IGNORECASE)  # when to apply


def _until(condition: ConditionAssessment) -> str:
    """A deadline's first clause ("Vorhaben können nur bis 31.12.2026 bewilligt werden."): the evaluation that may
    extend it has a date no quote holds."""
    return short_reason(condition.text, 200).split(";")[0].rstrip(".") + "."


def _deadline_said(path: PathAssessment, w: _Writer) -> tuple[str, str]:
    """The path's rule that its grants end soon, cited ("Wichtig: Vorhaben können nur bis 31.12.2026 bewilligt werden
    (Nr. 3.6) [4]."), and its id; ("", "") where it has none. (A citation the text then does not use is dropped by
    `renumbered`.)"""
    ending = next((c for c in path.conditions if c.deadline is not None), None)
    if ending is None:
        return "", ""
    return _cited(f"Wichtig: {_with_rule(_until(ending), ending.source)}", w.cite_source(ending.source)), ending.id


# A question whether the asker's trade is excluded ("sind wir als Entsorger nicht eh raus?", "Medien sind raus?", "sind
# IT-Firmen überhaupt GRW-fähig?")
_ASKS_EXCLUDED = re.compile(r"\b(raus|ausgeschlossen|negativliste|nicht\s{1,3}förderfähig\w{0,2}\s{1,3}(branche|wirtschaftszweig)"
                            r"|überhaupt\s{1,3}(grw-?)?(förderfähig|fähig|förderbar|fördern))\b"
                            r"|ausschluss\b"  # ("Fällt man als Gießerei unter den Stahl-Ausschluss?")
                            r"|\büberhaupt\s{1,3}grw-?fähig"
                            # "Sind IT-Firmen überhaupt drin?", "sind Handwerker auch dabei?"
                            r"|\b(sind|ist|seid|gehören|gehört)\s{1,3}(\S{1,25}\s{1,3}){0,3}(überhaupt|auch)\s{1,3}(drin|dabei)\b",
                            re.IGNORECASE)


# "was kommt bei 10 % raus": what a sum comes to, not whether the trade is out
_COMES_OUT_BEFORE = re.compile(r"\bkomm\w{0,3}\b[^.?!]{0,40}$", re.IGNORECASE)


def _asks_excluded(question: str) -> bool:
    return any(m.group() != "raus" or not _COMES_OUT_BEFORE.search(question, 0, m.start())
               for m in _ASKS_EXCLUDED.finditer(question))


def _trade_listed(found: Findings, lead: PathAssessment, w: _Writer) -> str:
    """For a question whether the asker's trade is excluded, on an open path closed to excluded sectors: the exception
    of the list that keeps it in, or that it is not on the list (KR Nr. 2.7.1), cited; "" otherwise."""
    profile = found.profile
    if profile is None or not profile.wz_code or not _asks_excluded(found.question):
        return ""
    exception = next((c for c in lead.conditions if c.id in _TRADE_IN_IF and c.applies), None)
    if exception is not None:
        w.said |= {exception.id}
        return _cited(_with_rule(exception.text, exception.source), w.cite_source(exception.source))
    exclusion = next((c for c in lead.conditions if c.id == SECTOR_EXCLUSION and c.applies is False), None)
    if exclusion is None:
        return ""
    return _cited(f"Die Haupttätigkeit „{profile.sector}“ (WZ {profile.wz_code}) steht nicht auf der Liste nicht "
                  f"förderfähiger Wirtschaftszweige{numbered_rule(exclusion.source)}.", w.cite_source(exclusion.source))


def _possible(path: PathAssessment, w: _Writer, profile: ProjectProfile | None) -> list[str]:
    """The open path beside a "no", as sentences, the path with its rate first: "Möglich ist: LEADER, höchstens 65
    Prozent [3]." A measure whose grants end on a day (a model project, Nr. 3.6) is named as such, with that day and
    the next rule every project of it keeps: the consent it needs before a grant, else the regional development
    concept it needs."""
    rate = _short_rate(_rate_phrase(path, w, profile), 60)
    ending = next((c for c in path.conditions if c.deadline is not None), None)
    # (a rule of the path on works begun, where the asker's have: "Mit dem Vorhaben sollte erst nach der Bewilligung
    # begonnen werden" of LEADER, beside a contract already signed; nothing more sure than the rule may be said)
    begun = next((c for c in path.conditions if c.applies and c.on_start and c.effect != "blocks"), None)
    if begun is not None:
        w.said |= {begun.id}
        return [f"Allenfalls denkbar wäre: {_measure_name(path)}" + (f", {rate}." if rate else "."),
                _cited(f"Aber: {begun.text}", w.cite_source(begun.source))]
    if ending is None:
        return [f"Möglich ist: {_measure_name(path)}" + (f", {rate}." if rate else ".")]
    measure = path.name.split(" – ", 1)[1] if " – " in path.name else _short_name(path.name)
    rule = numbered_rule(path.measure_source or ending.source).removeprefix(" nach ")
    # (the consent the rule requires before a grant, where it names one, and the next general condition: for Nr. 3.6
    # the regional development concept)
    kept = [ending] + sorted((c for c in path.conditions if c.effect == "matters" and c.general and c is not ending),
                             key=lambda c: not c.who_decides)[:2]
    w.said |= {c.id for c in kept}
    said = [_until(c) if c is ending else short_reason(c.text, 200) for c in kept]
    return [f"Möglich ist allenfalls: {measure}{f' ({rule})' if rule else ''}" + (f", {rate}." if rate else ".")] \
        + [_cited(s, w.cite_source(c.source)) for s, c in zip(said, kept)]


def _open_beside(paths: list[PathAssessment], named: set[str] | frozenset[str]) -> PathAssessment | None:
    """The open path to offer beside a "no": the first of a programme the question names ("Ist sowas mit GRW machbar,
    oder ist das eher LEADER?"), else the first open one."""
    open_paths = [p for p in paths if not p.blocked]
    return next((p for p in open_paths if programme(p.id) in named), None) or next(iter(open_paths), None)


# The asker points to the IREK or one of its goals ("Das IREK sagt doch Logistik stärken", "Handlungsziel 1.1.4")
_POINTS_TO_IREK = re.compile(r"\b(irek\w{0,2}|handlungsziel\w{0,2}|entwicklungskonzept\w{0,2})\b", re.IGNORECASE)


def _goal_opens_no_path(found: Findings, lead: PathAssessment, w: _Writer) -> str:
    """Beside a GRW path the list of excluded sectors closes for the asker's trade, where the asker points to the IREK
    ("Das IREK sagt doch Logistik stärken"): that its goal does not open the path (funding_paths.yaml
    `goal_opens_no_path`), naming the goal the asker names, else the first one shown."""
    note = FundingKnowledge.load().goal_opens_no_path
    by_sector = any(c.id == SECTOR_EXCLUSION for c in lead.blocking)  # (the firm's own trade closes it)
    if note is None or not by_sector or not _POINTS_TO_IREK.search(found.question):
        return ""
    named = HANDLUNGSZIEL_CODE.search(found.question)
    code = named.group(1) if named else found.goals[0].code if found.goals else ""
    cites = [w.cite_source(source) for source in note.sources]
    if not all(cites):
        return ""
    return note.text.format(*cites, goal=f"Handlungsziel {code}" if code else "Ein Ziel des IREK")


def _chosen_by(path: PathAssessment, w: _Writer, limit: int = 200) -> str:
    """The path's rule on who decides on its projects, cited ("Das Projekt muss von der Lokalen Aktionsgruppe …
    ausgewählt werden [4]."): beside a "no", an open path is no promise; "" where its data name no one."""
    rule = next((c for c in path.conditions if c.who_decides and c.id not in w.said), None)
    if rule is None or not w.source_quote(rule.source):
        return ""
    w.said.add(rule.id)
    return _cited(short_reason(rule.text, limit), w.cite_source(rule.source))


def _project(found: Findings, w: _Writer) -> tuple[str, list[str], list[AnswerPath]]:
    details: list[str] = []
    pieces: list[tuple[float, str]] = []  # (rank, sentence) of the bottom line: rank 0 is kept longest
    lead = _lead_path(found.funding)
    asks_amount = bool(ASKS_HOW_MUCH.search(found.question))
    # the programmes the asker names, and whether the kind of project is known: another path than the lead is offered
    # beside a "no" only where its measures name that kind or the asker names it (not one only usual for the asker)
    asked_for = frozenset(programme(i) for i in named_paths(found.question))
    # (where the asker asks for another way, "und was wäre die alternative?", every open path is one; so it is where
    # the asker asks for any funding and names no programme, "gibts da förderung vom landkreis oder so?")
    fitting_only = not ASKS_OTHER_WAY.search(found.question) \
        and not (not asked_for and ASKS_ANY_FUNDING.search(found.question))
    kind_known = bool(found.profile and found.profile.project_types) and fitting_only
    together: list[list[str]] = []  # sentences of the bottom line that stay together where they are left out of it
    # a firm's rate asked for a site in another district ("… oder das neue Werk lieber in Spenge im Kreis Herford
    # bauen?"): that place's row of the list of GRW areas (the rates of firms) leads, unless the lead path's "no"
    # says that place has none
    # (also of an asker who names no kind, where two sites are weighed: "wir überlegen den neubau entweder in
    # fürstenau oder in freren (emsland)")
    if found.profile is not None and (found.profile.applicant_type == "company" or found.profile.applicant_type is None
                                      and _WEIGHS_SITES.search(found.question)) \
            and not (lead is not None and lead.blocked) and (district := _other_district(found, w)):
        pieces.append((0, district))
    if lead is not None and lead.blocked:
        pieces.append((0, _no(lead, w)))
        # whichever line is the main one, a cost item the question names that the path never funds (a haulier's
        # lorries, Nr. 2.6.2 (2) b): said, as it stays out either way
        # (and, as the path may be open, its rules the question asks for in their own words: "Der Betrieb hat 2022
        # schon mal GRW für eine Halle bekommen")
        if lead.main_activity_decides:
            for excluded in lead.excluded_costs[:1]:
                said = _with_rule(short_reason(excluded.text, 260), excluded.source)
                pieces.append((0.6, _cited(f"In jedem Fall: {said}", w.cite_source(excluded.source))))
            for asked in [c for c in lead.conditions
                          if c.asked and c.applies and c.effect == "matters" and c.id not in w.said][:2]:
                w.said.add(asked.id)
                pieces.append((2.6, _cited(_with_rule(short_reason(asked.text, 260), asked.source),
                                           w.cite_source(asked.source))))
        pieces += [(0.4, instead)] if (instead := _instead(lead, w)) else []
        pieces += [(0.5, home)] if (home := _home_instead(found, lead, w)) else []
        # a further rule of the section that says "no", named by the project in its own words, in the details (a
        # clinic's guest house: lodging is not on the list, a firm of its own may be funded, Nr. 2.7.1); a rule of
        # another section the question asks for is answered as such (`_asked_rule`)
        ruling = _reason_source(lead)
        details += [_condition_said(further, w)] if (further := _further_named(lead, w)) and ruling is not None \
            and further.source.section == ruling.section else []
    pieces += [(0.45, moved)] if (moved := _moved_within(found, lead, w)) else []
    if found.goals:
        # (before a calculation where the question asks for the goal too: "Was ist da drin und passt das zum IREK?")
        # (not before the way that is open beside a "no")
        rank = 1.4 if IREK_QUESTION.search(asked_beside(found.question)[0]) and not (lead and lead.blocked) else 2
        goal_piece = (rank, f"Passendes IREK-Ziel: Handlungsziel {_goal_ref(found.goals[0], w, 80)}.")
        pieces.append(goal_piece)
        others = [_goal_ref(g, w) for g in found.goals[1:3]]
        if others:
            details.append("Ebenfalls passend im IREK: " + "; ".join(others) + ".")
    if lead is not None and lead.blocked and (no_claim := _goal_opens_no_path(found, lead, w)):
        pieces.append((2.05 if found.goals else 0.45, no_claim))  # (after the goal it names)
    if lead is not None:
        if lead.blocked:
            shown = _paths_to_show(found.funding, len(found.funding.paths), asked_for, fitting_only)
            # (a measure of the same programme made for the kind of project first, where the question names that
            # programme: "kann das über die grw laufen? … oder eher leader?" for a Kita gets the GRW's Nr. 3.6)
            own_kind = next((p for p in shown if not p.blocked and kind_known and programme(p.id) == programme(lead.id)
                             and programme(lead.id) in asked_for and TYPE_FITS in p.fit_reasons), None)
            beside = _open_beside(shown, asked_for - {programme(lead.id)})
            alternative = own_kind or beside
            if alternative:
                # kept before the goal where the asker asks for another way or names its programme beside the lead's
                # ("irek? grw? leader?"), or where it is of the same programme and its measures name the kind of
                # project (the GRW's Nr. 3.6 beside its "no" for a Kita); its caveats are left out of the bottom line
                # first
                same = kind_known and programme(alternative.id) == programme(lead.id)
                named = programme(alternative.id) in asked_for - {programme(lead.id)}
                rank = 1.5 if ASKS_OTHER_WAY.search(found.question) or same or named else 3
                possible = _possible(alternative, w, found.profile)  # the path, then its caveats
                pieces += [(rank + 0.1 * i, said) for i, said in enumerate(possible)]
                # (who picks its projects after the goal: left out of the bottom line first)
                chosen = _chosen_by(alternative, w) if len(possible) == 1 else ""
                pieces += [(max(rank, 2) + 0.5, chosen)] if chosen else []
                together.append(possible + [chosen] if chosen else possible)
            if own_kind is not None and beside is not None and programme(beside.id) in asked_for - {programme(lead.id)}:
                # (and the other programme the question names, after it: "… oder eher leader?")
                pieces.append((1.55, _possible(beside, w, found.profile)[0]))
        else:
            rate = _short_rate(_rate_phrase(lead, w, found.profile))
            # that the trade's usual main activity may be excluded stays in the bottom line: before the path where
            # the trade is in only by an exception of an excluded section ("Logistikfirma": 52.25 is in, 52.10 and
            # 52.24 are not), else after it (a Metallbau firm that may be a Bauschlosserei); after a calculation that
            # is asked for
            main = _main_activity_note(lead, w)
            first = main and not asks_amount and any(c.id == SECTOR_EXCEPTION for c in lead.conditions)
            pieces += [(0.9, main)] if first else []
            # a path only usual for the asker, where nothing says what kind of project it is, is no verdict (a town's
            # "Leerstandsmanagement" is no infrastructure because towns usually build some)
            lead_in = "Förderweg" if not _usual_only(lead, found.profile) else \
                "Welche Maßnahme passt, hängt von der Art des Vorhabens ab; üblich für Antragstellende wie Sie ist"
            # a part already ordered or begun: that it is out, and what the rest needs, before the path
            begun = next((c for c in lead.conditions if c.id == PART_BEGUN and c.applies), None)
            if begun is not None:
                w.said |= {begun.id}
                pieces.append((0.3, _cited(_with_rule(begun.text, begun.source), w.cite_source(begun.source))))
            # "hab gelesen Dienstleister sind raus?", "sind IT-Firmen überhaupt GRW-fähig?": whether the trade is on
            # the list of excluded sectors (or in by an exception of it) leads
            if listed := _trade_listed(found, lead, w):
                pieces.insert(0, (0.5, listed))
            # "… 10%?" where the asker's size gives another rate: not that one, and why
            pieces[:0] = [(0.2, denied)] if (denied := _named_rate_verdict(found, lead, w)) else []
            pieces.append((1, f"{lead_in}: {_measure_name(lead)}" + (f", {rate}." if rate else ".")))
            pieces.append((1.2, _beside(found, lead, w)))
            pieces += [(1.15, own)] if (own := _applicant_admitted(found, lead, w)) else []
            # a path whose grants end soon (Nr. 3.6: until 31 December 2026) says so beside its rate
            ending, ending_id = _deadline_said(lead, w)
            w.said |= {ending_id} if ending else set()
            pieces += [(1.25, ending)] if ending else []
            pieces.append((1.3, _grant_time(lead, w)))
            pieces += [] if first else [(1.6 if asks_amount else 1.4, main)]
            pieces += [(0.6, limits)] if (limits := _limits_said(lead, w)) else []
            # the rule on a cost item the question names that the path admits ("und wenn wir die Halle leasen?"),
            # unless its figures were held against it just now; after the goal where the question asks about the
            # whole project, not the item ("PV plus Batteriespeicher … Wie viel Förderung ist realistisch?")
            held = {check.cost_item for check in lead.limits}
            notes = [c for c in lead.cost_notes if not limits or c.cost_item not in held]
            summed = found.profile is not None and bool(found.profile.investment_eur)
            if summed:
                # with a sum to compute from, the rule on what of it counts first (a rented building's costs: the
                # lease's term and the landlord's liability, before who may apply)
                notes.sort(key=lambda c: not _ON_ELIGIBLE_COSTS.search(c.text))
            # (two items of different kinds in one sum, each with its rule: a leased press and a software licence; or
            # up to three where the question lists the items and asks which are eligible costs, "was zählt zu den
            # förderfähigen kosten? konkret: …, eine maschine die wir leasen wollen und eine gebrauchte anlage")
            limit = 3 if _ASKS_WHICH_COSTS.search(found.question) else 2 if summed else 1
            firsts: list[ConditionAssessment] = []  # (each item's first rule)
            for note in notes:
                firsts += [] if any(note.cost_item == c.cost_item for c in firsts) else [note]
            shown = firsts[:limit]
            first_ask = (asks(found.question) or [found.question])[0]
            for note in shown:
                # (before the path where the question asks first whether the item goes in with the rest: that is
                # the answer, "Kann das mit in unseren GRW-Antrag für die Erschließung rein?")
                rank = (0.8 if _TAKEN_IN.search(first_ask) else 1.1) if _item_asked(found.question, note.cost_item) \
                    else 2.5
                pieces.append((rank, _cited(short_reason(note.text, 260), w.cite_source(note.source))))
            # a rule of the path that the question beside the project asks about ("… und können wir zusätzlich
            # EEG-Vergütung nehmen?") answers it in the bottom line (its path's line then does not repeat it)
            # (one that does not fit beside the path stays whole in the path's line)
            # (not the rule on the trade: the question names the trade whatever it asks)
            # (else, beside no calculation asked for, the rule that decides what of the asker's kind of project can be
            # funded: a takeover's)
            ruling = _asked_condition(lead, w) or _fact_rule_asked(found, lead, w) or next(
                (c for c in lead.conditions if c.decides_kind and c.applies and c.id not in w.said
                 and (not asks_amount or c.id in _TRADE_IN_IF or c.in_at_all)), None)  # (whether it is in at all)
            # (the least own share asked for with a sum is computed below, its rule cited there)
            computed = ruling is not None and bool(ruling.minimum_share_percent) and found.profile is not None \
                and bool(found.profile.investment_eur) and bool(_ASKS_OWN_SHARE.search(found.question))
            on_trade = ruling is not None and ruling.id in _ON_THE_TRADE and not ruling.decides_kind
            # (of the exception that keeps the trade in, its own words: "Gastronomie ist förderfähig in Kombination …")
            said = _with_rule(short_reason(_exception_words(ruling), 260), ruling.source) \
                if ruling is not None and not on_trade and not computed else ""
            w.said |= {ruling.id} if computed else set()  # (nor repeated in the path's line)
            if said and len(said) <= _ASKED_RULE_CHARS:
                w.said |= {ruling.id}
                # (whether the trade is in at all is the last thing a bottom line too long for all gives up:
                # "Gastronomie ist förderfähig in Kombination mit Beherbergung, wenn …")
                pieces.append((0.95 if ruling.id in _TRADE_IN_IF or ruling.before_rate or ruling.in_at_all else 1.1,
                               _cited(said, w.cite_source(ruling.source))))
            # (a cost the measure beside the lead leaves out too: the storage beside a site's energy network)
            beside = _other_measure(found, lead)
            if excluded := next(iter(lead.excluded_costs or (beside.excluded_costs if beside else [])), None):
                pieces.append((0, _cited(f"Nicht förderfähig: {short_reason(excluded.text, 260)}",
                                         w.cite_source(excluded.source))))
            if steps := _steps(lead):
                pieces.append((4, f"Nächster Schritt: {_short(steps[0], 140)}"))
    # where the own share's sums hold the grant, no second calculation beside it (nor one on a sum that is the grant
    # wanted, not the costs)
    share, granted = _own_share(found, w)
    calculation = "" if granted or lead is not None and _usual_only(lead, found.profile) \
        or _ASKS_COSTS_FOR_GRANT.search(found.question) \
        else _calculation(lead, found.profile, _other_measure(found, lead))
    if calculation and asks_amount:
        # "Rechnen Sie mir bitte den maximalen Zuschuss aus.": the sum is the bottom line, after the path's rate
        # (its sums first; which rate holds and that the NBank decides are left out of the bottom line first)
        at = next((i + 1 for i, (rank, _) in enumerate(pieces) if rank == 1), len(pieces))
        sums, *caveats = _pieces(calculation)
        pieces[at:at] = [(1.5, sums)] + ([(1.7, " ".join(caveats))] if caveats else [])
        together.append([sums, " ".join(caveats)])
        calculation = ""
    elif asks_amount and lead is not None and not lead.blocked and lead.id == _DE_MINIMIS_MEASURE \
            and (amount_rule := next((r for r in CarefulCases.load().rule_answers if r.id == _DE_MINIMIS_AMOUNT), None)):
        # "Mit wieviel GRW können wir rechnen?" of a large firm, whose grant is capped at the De-minimis maximum: what
        # that is in euros (the KR names no amount; the regulation's, marked as not from the documents), after the
        # goal and the next step
        pieces.append((4.5, _rule_said(amount_rule, w)))
    if share:  # "… und wie viel muss ich selbst stemmen?": asked, so it leads (its sums name the path's rate)
        pieces.append((0.95, share))
    pieces += [(1.55, supposed)] if (supposed := _if_size(found, w)) else []
    # "58 köpfe, 22 davon teilzeit … sind wir jetzt klein oder mittel?": the size the figures make leads, before a
    # rule on how staff count
    # (not beside a "no" of the lead path, nor a second time after the rate the asker named: "als kleines unternehmen
    # müssten wir ja 20% kriegen oder?")
    pieces += [(0.45, sized)] if lead is not None and not lead.blocked and not any(
        _SIZE_TOLD in text for _, text in pieces) and (sized := _size_verdict(found, w, in_project=True)) else []
    # "… Abschreibungen im Schnitt 800k … reicht das?": the regional effect the figures show (Nr. 2.3 (2))
    pieces += [(1.45, effect)] if (effect := _regional_effect(lead, found.profile, w)) else []
    # a rule the project's text asks about that the KR answers in a sentence of its own ("Bauantrag ist gestellt,
    # Bodengutachten liegt vor. Ist das schon Vorhabenbeginn?"): that answer leads, where it states the rules of the
    # project's path (a municipality's site has its own, Nr. 3.1.2, found by `_asked_rule`)
    # (for a firm that names no project of a kind a path is for, whatever path is only usual for it does not choose:
    # "Zählen Teilzeitkräfte und Azubis mit? Wir sind 18 Leute und wollen …" is asked of the firms' rules)
    usual_only = lead is not None and found.profile is not None and found.profile.applicant_type == "company" \
        and TYPE_FITS not in lead.fit_reasons
    ruled, rule = _rule_answer(found, w, None if usual_only else lead)
    # (after the path's rate where the question asks how much too: "Was fördert GRW und mit wie viel? Dürfen wir die
    # Büros schon beauftragen?")
    # (after the verdict on the path where only a later question asks for the rule: "Gibts für IT-Firmen überhaupt GRW?
    # Und kann man statt aufs Gebäude auch auf die Gehälter fördern lassen?")
    later = bool(ruled) and rule.programme != "irek" and lead is not None and not lead.blocked \
        and len(units := asks(found.question)) > 1 and CarefulCases.load().rule_answer(units[0]) is None
    pieces[:0] = [(1.2 if asks_amount and not rule.leads or later else 0.5, ruled)] if ruled else []
    if rule is not None and rule.programme == "irek" and found.goals:
        # what the IREK is, asked beside whether the project fits it: the fitting goal answers the second part and
        # keeps its place before the path ("was ist dieses IREK? und passt da unser Vorhaben rein?")
        pieces = [(min(rank, 0.9), text) if (rank, text) == goal_piece else (rank, text) for rank, text in pieces]
    # "… und wie lange?": the span the lead path's rules state, where no rule answer of the KR states one already
    pieces += [(1.05, span)] if not ruled and (span := _span_rule(found, lead, w)) else []
    pieces += [(1.06, decides)] if (decides := _who_decides(found, lead, w)) else []
    summary, left_out = _fitted(pieces)
    for group in together:
        left_out = _together(left_out, group)
    details = [s for s in left_out if not s.startswith("Nächster Schritt")] + details
    # (no rule is asked about where the place has no GRW at all: "gelten eure 20 % auch im Emsland?")
    duties = _duties(found, lead, w)  # "… und was müssen wir erfüllen?"
    asked = "" if ruled or duties or share or lead is not None and lead.programme_wide else _asked_rule(found, w)
    details = ([asked] if asked else []) + ([duties] if duties else []) + details
    shown = _paths_to_show(found.funding, asked_for=asked_for, fitting_only=fitting_only) \
        if found.funding and found.funding.paths else []
    block, paths = _paths_block("Förderwege", shown, w, found.profile)
    # the next step left out of the bottom line stays where the paths' lines do not say when to apply either
    step = next((s for s in left_out if s.startswith("Nächster Schritt")), "")
    # (one of a rule the project's facts trigger always: a takeover starts with the purchase, not with an order)
    details += [step] if step and (not _BEFORE_START.search(block + summary) or lead is not None and any(
        c.next_step and c.applies for c in lead.conditions)) else []
    # "was muss ich jetzt als nächstes machen …? reihenfolge bitte": the steps after the first, before the paths
    details += [further] if (step or "Nächster Schritt" in summary) and (
        further := _further_steps(found, lead)) else []
    details += [block] if block else []
    if calculation:
        details.append(calculation)
    # no question for facts where the place alone rules out every path (no GRW area), or a fact of the asker rules out
    # every path offered (works already started): none of them would change that
    nowhere = bool(found.funding and found.funding.paths) and all(
        p.blocked and (p.programme_wide or p.ruled_out) and not p.main_activity_decides for p in found.funding.paths)
    missing = found.funding.missing_facts[:2] if found.funding and not nowhere else []
    if missing:
        details.append("Noch offen: " + " ".join(missing))
    return summary, details, paths


def _if_size(found: Findings, w: _Writer) -> str:
    """For a size asked about as a supposition ("… und wenn er ein mittleres Unternehmen wäre?"): the lead path's rate
    for that size, cited, and the grant for the sum given; "" otherwise."""
    if found.if_size is None:
        return ""
    size, profile, path = found.if_size
    label = _SIZE_LABEL[size]
    if path.blocked:
        return f"Für {label}: {_no(path, w)}"
    rate = _short_rate(_rate_phrase(path, w, profile)).replace(f"für {label} ", "")
    if not rate:
        return ""
    # (the caveat that the NBank decides stands with the first calculation already)
    calculation = _calculation(path, profile).replace(" Wie hoch der Zuschuss tatsächlich ist, entscheidet die NBank.", "")
    return f"Für {label} gälte: {rate}." + (f" {calculation}" if calculation else "")


# A question for what a project must fulfil or keep to ("was müssen wir erfüllen?", "welche Auflagen kommen auf uns
# zu?", "worauf müssen wir achten?")
_ASKS_DUTIES = re.compile(r"\b(was|welche\w{0,2}|worauf)\b[^?.!]{0,50}\b(erfüllen|einhalten|beachten|achten|zukommen"
                          r"|voraussetzung\w{0,2}|auflage\w{0,2}|pflicht\w{0,2}|anforderung\w{0,2})\b"
                          r"|\b(voraussetzungen|auflagen|förderbedingungen|pflichten)\b", re.IGNORECASE)
MAX_DUTIES = 5


def _duties(found: Findings, path: PathAssessment | None, w: _Writer) -> str:
    """For a question of what a project must fulfil or keep to: the rules that hold for every project on its open path
    (its conditions no fact triggers: the effect on the regional economy, the own contribution, how long the
    investment is bound), each in its first sentence with its rule cited; those the answer says already are left out.
    "" for any other question."""
    if path is None or path.blocked or not _ASKS_DUTIES.search(found.question):
        return ""
    general = [(c, short_reason(c.text, 220)) for c in path.conditions
               if c.effect == "matters" and c.general and c.id not in w.said]
    # each only where its quote holds the figures it states ("15 Jahre", "25 %")
    general = [(c, said) for c, said in general
               if not untraceable(f"{said} [1]", {1: w.source_quote(c.source)})][:MAX_DUTIES]
    lines = [f"- {_with_rule(said, c.source)}{w.cite_source(c.source)}" for c, said in general]
    w.said |= {c.id for c, _ in general}
    return "Voraussetzungen und Pflichten (Auswahl):\n" + "\n".join(lines) if lines else ""


def _chapters(path: PathAssessment | None) -> set[str]:
    """The chapters of the KR whose rules a path's rate, measure and conditions cite ("2" for a firm's investment,
    "3", "4" and "5" for a municipality's infrastructure)."""
    if path is None:
        return set()
    sources = [*path.sources, *path.reason_sources, *(c.source for c in path.conditions)]
    return {s.section.split(".")[0].strip() for s in sources if s is not None and s.document == "grw" and s.section}


def _fact_quotes(found: Findings, w: _Writer, after_verdict: bool = False,
                 answered: RuleAnswer | None = None, chapters: set[str] = frozenset(),
                 no_rates_of: PathAssessment | None = None) -> list[tuple[str, str]]:
    """(citation label, quote with its number) of the best sentences of the best passages: the answering sentence of
    the first passage, and a second one from another passage when it adds something. A goal's title states no rule,
    amount or procedure: for a question that is not about the IREK, a sentence of the next passages leads; a question
    for an amount or a span of time is led by the first sentence that states one. After a verdict on the asker's
    facts, which cites its own rule, a passage is quoted only where it holds a telling word of the question (the
    trade, the object): "Ist eine Spedition förderfähig?" is answered by the list of excluded sectors, not followed by
    whatever rule on research institutes the words "förderfähig" and "GRW" found. Beside a "no" on a path
    (`no_rates_of`), none of its rates is quoted: it would read as the asker's."""
    wanted = _wanted_figure(found)
    asked_rates = set(_RATE_FIGURE.findall(found.question))  # "sind die 90 % dann weg?"
    words = {s for s in found.telling if not s.isdigit()}
    careful = CarefulCases.load()
    asked_places = set(careful.places_named(found.search_text))
    quoted, by_place, by_rule = [], False, False
    follows: tuple[SearchHit, str] | None = None  # a rule asked for in its own words, after the definition that leads
    # for a kind of project the paths are decided by the asker's facts: a summary's passage on a programme they do not
    # lead to ("LEADER: Bagatellgrenze 500 Euro" beside a firm's new hall) answers nothing asked
    shown = {programme(p.id) for p in found.funding.paths} \
        if found.funding and found.funding.paths and found.profile and found.profile.project_types else None
    knowledge = FundingKnowledge.load()
    irek_asked = bool(_IN_THE_IREK.search(found.question))  # "Gibt es im IREK einen Satz …?"
    blocked_rates = {(s.document, s.section) for s in no_rates_of.sources[:3] if _RATE_FIGURE.search(s.quote)} \
        if no_rates_of is not None else set()
    for hit in _asked_rule_first(found, w):
        if hit.passage.section_title.strip().lower() in _SOURCE_LISTS or _preamble(hit.passage):
            continue  # a summary's list of its sources, or its preamble on what kind of text it is
        stated = knowledge.path_for_passage(hit.passage.document, hit.passage.section_number) \
            if shown is not None and hit.passage.document not in ("grw", "irek") else None
        if stated and programme(stated) not in shown:
            continue
        if after_verdict and not found.telling & set(stems(hit.passage.text)):
            continue
        if chapters and hit.passage.document == "grw" and hit.passage.section_number[:1].isdigit() \
                and hit.passage.section_number.split(".")[0] not in chapters:
            continue  # after the verdict on the asker's path, a rule of another measure (a port's "Lagerhäuser" beside
            # a firm's new "Lager") speaks of something else
        if (chapters or irek_asked) and hit.passage.kind == "summary" and not _names_summary(hit.passage, found.question):
            continue  # nor, beside a verdict on a GRW path or where the question asks what the IREK says, a summary of
            # another strategy the question does not name (the Weser-Ems summary's note on what is not verified beside
            # a brewery's corrected main activity; its sentence on strategies for "Gibt es im IREK einen Satz, …?")
        if not quoted and _unnamed_form_part(hit.passage, found.question) and _ASKS_TEXT.search(found.question) \
                and not _ASKS_FORM.search(found.question):
            continue  # a part of the KR's forms (Anhang 1–4) is no rule's wording (its table of site data below "wo
            # steht das mit den 90 % bei infrastruktur? … wortlaut"); it may answer another question, the NBank's
            # address in Anhang 2 one for where to apply
        if not quoted:  # the lead: the best sentence of the first passage's whole section
            first, quote = _lead_of_section(hit, found.search_text, wanted, w.passages, found.question)
            # (where that sentence holds no telling word of the question, the one the statute's terms for its
            # everyday words find, where it holds one of them, also in a compound: "Homeoffice" asks for the sentence
            # on "Telearbeitsplätze", not the section's first)
            statute = _lead_of_section(hit, " ".join([found.search_text, *expansion_terms(found.search_text)]),
                                       wanted, w.passages) \
                if found.statute and not found.telling & set(stems(quote)) else None
            hit, quote = statute if statute and any(s.startswith(term) for s in stems(statute[1])
                                                    for term in found.statute) else (first, quote)
            # a question that names a municipality of the Landkreis asks about it: the sentence of the section that
            # names it leads ("Wallenhorst gehört zu welcher LEADER-Region?")
            section = _section_passages(hit.passage, w.passages)
            named = _named_places(found, section, careful)
            placed = next(((holder, s) for holder in section
                           if named and (s := best_sentence(holder, found.search_text, prefer=wanted, require=named))),
                          None)
            if placed and not named.search(quote):
                hit, quote = (hit if placed[0] is hit.passage else replace(hit, passage=placed[0])), placed[1]
            by_place = bool(placed)
            # (a sentence that holds the figure whose source is asked stays the lead: a rule asked for in its own words
            # follows it, one the facts point to is left)
            by_figure = _holds_figure_asked(found.question, quote)
            # the rule the question asks for in its own words, else one its facts point to, where the section holds it
            # (only the first stays the lead where the question asks for a figure)
            asked = _implied_sentence(found, hit, w, found.asked_rules) if not by_place else None
            defines = bool(_ASKS_DEFINITION.search(found.question))
            others = [s for s in found.implied if s not in found.asked_rules]
            implied = _implied_sentence(found, hit, w, others) \
                if not by_place and not by_figure and (asked is None or defines) else None
            if asked and by_figure:
                follows, asked = asked, None
            elif asked and implied and defines:
                # "Was ist Beginn der Arbeiten? Zählt der Grunderwerb schon?": the definition leads, the rule asked
                # for in its own words follows it (Fn. 56: the purchase of land is no start)
                follows, asked = asked, None
            ruled = asked or implied
            if ruled is not None:
                (hit, quote), by_rule = ruled, asked is not None or follows is not None
            if asked is not None and follows is None:
                # a second rule asked for in its own words that the lead's section states follows it ("wer darf da
                # Träger sein? … und müssen die Firmen selber was zahlen?": Nr. 3.5.1 (5), then (7))
                rest = [s for s in found.asked_rules if s.quote[:60] not in quote]
                follows = _implied_sentence(found, hit, w, rest) if rest else None
        else:
            # (after the lead, only a rule the question asks for in its own words: a rule its facts point to, such as
            # the list of excluded sectors, is quoted by the line that names the asker's trade)
            ruled = _implied_sentence(found, hit, w, found.asked_rules)
            not_eligible = _not_eligible_sentence(hit, found.search_text, wanted, w.passages) if ruled is None else None
            if not_eligible is not None:
                hit, quote = not_eligible  # a section found after the lead: its sentence on what is not eligible
            else:
                quote = ruled[1] if ruled is not None and ruled[0].passage is hit.passage else \
                    best_sentence(hit.passage, found.search_text, prefer=wanted, favour=_OSNABRUECK_AREA)
                if ruled is None and not hit.exact and not _ASKS_TEXT.search(found.question) \
                        and not _holds_telling(found, quote) \
                        and not (wanted is not FIGURE and wanted.search(quote)) \
                        and not asked_rates & set(_RATE_FIGURE.findall(quote)) \
                        and _heading_names(hit.passage, found.question) < 2:
                    continue  # beside the lead, a sentence that holds none of the question's telling words, nor the
                    # span or sum it asks for ("wie lang ist die Frist überhaupt?": 36 months), nor a rate it names
                    # ("Reicht es für die 90 %, …?"), nor of a section whose heading names two of its words (as
                    # `_heading_first` reads it), answers nothing asked ("… bleibts bei 20 %?" is not followed by
                    # the KR's introduction); where the wording is asked for, the passages found are quoted as before
            if hit.exact and ruled is None and _OTHER_AREA.search(quote) and _names_section(found.question, hit.passage):
                # a section the question names beside another ("… aus dem Anhang 5 und die passende Stelle aus
                # 2.5.1"): its sentence on the Landkreis's kind of area, from whichever of its passages holds one
                placed = next(((holder, own) for holder in _section_passages(hit.passage, w.passages)
                               if (own := best_sentence(holder, found.search_text, prefer=wanted,
                                                        require=_OSNABRUECK_AREA))), None)
                if placed is not None:
                    hit, quote = (hit if placed[0] is hit.passage else replace(hit, passage=placed[0])), placed[1]
        if (hit.passage.document, hit.passage.section_number) in blocked_rates and _RATE_FIGURE.search(quote):
            continue  # "Logistikfirma … Wieviel Zuschuss?": not the 20 % of small firms after the "no"
        if after_verdict and not _holds_asked(hit.passage.text, quote, words, asked_rates):
            continue  # (a sentence of such a passage that holds none of its words, nor a rate the question names: the
            # passage's rule on intangible assets beside the verdict on a leased machine; a year is no such word)
        if _BARE.fullmatch(quote.strip()) or _FORM_BLANK.search(quote) or _CUT_AT_DAY.search(quote) \
                or _CUT_AT_ITEM.search(quote) \
                or quoted and not hit.passage.goal_code and not informative(quote) \
                or _unfit_form_quote(found, hit.passage, quote, lead=not quoted):
            continue  # a heading or a fragment of a form ("In Niedersachsen", "• ______ (Art des Vorhabens …)"), a
            # sentence cut at a date's day or at the next item's number, or beside the lead a title page or a table
            # header („Wirtschaftsstruktur“ Koordinierungsrahmen der Gemeinschaftsaufgabe ab 1. Januar 2026): it states
            # nothing; nor does a form's field or a sentence of a form the question does not ask about
        if set(careful.places_named(quote)) - asked_places and not (by_place and not quoted):
            continue  # a row about another district (Anhang 5) answers no question about Osnabrück (the row chosen
            # for the place asked about may name its city: "… NBank, …, 30177 Hannover")
        if _OTHER_AREA.search(quote) and not _OSNABRUECK_AREA.search(quote) and not asked_places \
                and not _OTHER_AREA.search(found.search_text):
            continue  # a rate of a C area, quoted to someone in the D area, reads as theirs
        quoted.append((hit, with_list_lead(hit.passage.text, quote)))  # (items with their list's lead)
        if follows is not None and len(quoted) == 1:
            quoted.append(follows)
    if wanted is FIGURE:  # a question for an amount or a span of time is led by the sentence that states one
        quoted = _heading_first(quoted, found.search_text)
    if found.intent != "irek":
        titles = [(hit, quote) for hit, quote in quoted if hit.passage.goal_code and quote == _first_line(hit.passage)]
        quoted = [pair for pair in quoted if pair not in titles] + titles
    if wanted is not FIGURE and quoted and not wanted.search(quoted[0][1]) and not by_place and not by_rule:
        # the figure asked for: first from the best passage's section (its "bis zu 1 Million Euro pro Förderfall"),
        # then from the next passages: a span of time from their text in their order (a span answers only the rule it
        # stands in: "wie lange gebunden" is 3.2.1.8's "15 Jahren"), an amount only from the sentence already chosen
        # there (amounts stand in many rules, for many things); not before the rule the question points to ("diese 15
        # Jahre Bindung – wenn wir alle Grundstücke verkauft haben, sind wir dann raus?" is answered by the shortening
        # of the binding period, not by its 15 years)
        moved = False
        for rank, (hit, _) in enumerate(quoted if wanted is not AMOUNT else quoted[:1]):
            own, holder = "", hit.passage
            for holder in _section_passages(hit.passage, w.passages) if rank == 0 else [hit.passage]:
                own = best_sentence(holder, found.search_text, prefer=wanted, favour=_OSNABRUECK_AREA, require=wanted)
                if own and not _OTHER_AREA.search(own):
                    break
            if own and not _OTHER_AREA.search(own):
                found_pair = (hit if holder is hit.passage else replace(hit, passage=holder), own)
                quoted = [found_pair] + [pair for n, pair in enumerate(quoted) if n != rank]
                moved = True
                break
        if not moved:
            with_figure = [pair for pair in quoted[1:] if wanted.search(pair[1])]
            quoted = with_figure[:1] + [p for p in quoted if p not in with_figure[:1]]
    if quoted and _about_other_area(with_antecedent(quoted[0][0].passage.text, quoted[0][1]), quoted[0][1]) \
            and not asked_places and not _OTHER_AREA.search(found.search_text):
        quoted.pop(0)  # a sentence that points back to a rate of another kind of area ("Er wird dadurch bestimmt, …"
        # after "In C-Fördergebieten, die an ein A-Fördergebiet angrenzen, …") is about that area
    # a rule's text asked for to quote it: the lead's whole paragraph, with the paragraphs after it that hold a telling
    # word of the question, and where the passage cuts the paragraph off, its rest from the section's next passage
    # (of the KR, whose rules stand in numbered paragraphs; not of the IREK's prose, where "einen Satz" is asked for)
    wording = bool(quoted) and bool(_ASKS_TEXT.search(found.question)) and quoted[0][0].passage.document == "grw"
    if wording:
        hit, quote = quoted[0]
        quoted[0] = _paragraphs_named(found, hit, w) or \
            (hit, whole_paragraph(hit.passage.text, quote,
                                  more=lambda paragraph: bool(found.telling & set(stems(paragraph)))))
    elif quoted:
        # the lead quote with the sentence that goes on from it: whole when both fit the bottom line, else the second
        # follows as a quote of its own
        hit, quote = quoted[0]
        earlier = with_antecedent(hit.passage.text, quote)  # "… dieser Übergangsfrist …": the sentence naming it
        if earlier != quote and len(_label(hit.citation)) + len(earlier) + 10 <= MAX_SUMMARY_CHARS:
            quoted[0] = (hit, quote := earlier)
        joined = with_continuation(hit.passage.text, quote)
        if joined != quote and len(_label(hit.citation)) + len(joined) + 10 <= MAX_SUMMARY_CHARS:
            quoted[0] = (hit, joined)
        elif following := continuation(hit.passage.text, quote):
            quoted.insert(1, (hit, following))
    chosen, seen = [], set()
    # (below a rule answer, `answered`, a sentence the answer cites already is not quoted again, nor with no more than
    # its paragraph's number; a longer one that holds it is: its whole wording, for those who quote it; it keeps its
    # place, so that no weaker passage is quoted instead)
    cited = [q for q in w.quotes().values() if len(q) >= 40] if answered is not None else []
    skipped = 0
    for hit, quote in quoted:
        if quote in seen or any(quote in q for q in seen):
            continue  # (nor a sentence of a list quoted whole already: "(3) Großunternehmen sind …" after 2.1.5)
        if any(quote in q or q in quote and len(quote) - len(q) < 12 for q in cited) \
                or answered is not None and not _within_rule(hit.passage, answered, _adds_asked(found, quote, answered)):
            skipped += 1
            if len(chosen) + skipped >= 2:
                break
            continue
        seen.add(quote)
        said = f"„{quote}“ [{w.cite(hit.passage, quote)}]"
        # a list the passage's end cuts off goes on from the section's next passage, quoted with its own citation:
        # the lead's list, or any where the question asks for a whole list ("Was prüft die Bewilligungsstelle …
        # alles?"), not the rest of a list of exceptions beside the answer
        # (not the items after one that answers, where the quote opens with its item: "b) Lehr-, Erlebnis- und
        # Naturpfade …" for a moor trail, not "d) öffentliche Toiletten … o) Wassertretanlagen")
        rest = _list_goes_on(hit, quote, w.passages) if not chosen and not _LIST_ITEM_OPENS.match(quote) \
            or _ASKS_WHOLE_LIST.search(found.question) else None
        rest = rest or (_paragraph_goes_on(hit, quote, w.passages) if wording and not chosen else None) \
            or _sentence_goes_on(hit, quote, w.passages)
        if rest is not None and rest[1] not in seen:
            seen.add(rest[1])
            said += f" – weiter: „{rest[1]}“ [{w.cite(rest[0].passage, rest[1])}]"
        elif rest is None and not chosen and _LIST_AS_SUCH.search(found.question):
            # the list of excluded sectors asked for as a list runs on over the section's next passages (A–G, H–M,
            # N–V): all of it, each part with its own citation
            more = [(h, q) for h, q in _sectors_go_on(hit, quote, w.passages) if q not in seen]
            seen.update(q for _, q in more)
            if more:
                said += " – weiter: " + " ".join(f"„{q}“ [{w.cite(h.passage, q)}]" for h, q in more)
        chosen.append((w.label(hit.passage, quote), said))
        if len(chosen) + skipped >= 2:
            break
    return chosen


def _holds_telling(found: Findings, quote: str) -> bool:
    """Whether a quote names a thing the question names: one of its nouns (capitalised in the documents' text) is a word
    of the question beyond those every question asks with ("Betriebsstätte", "Jahre"), or, for a telling word of six
    letters or more (or the statute's term for one), a compound of it ("abschreib" in "Abschreibungen", "strategi" in
    "Regionalstrategie"; not "schaff" in "Geschaffene"). A year or a number is none, nor a verb or an adverb the
    question happens to share ("bleibt")."""
    nouns = set(stems(" ".join(re.findall(r"\b[A-ZÄÖÜ][\w-]*", quote))))
    return bool(nouns & (_own_words(found.question) | found.telling | found.statute)) or any(
        len(t) >= 6 and len(s) - len(t) >= 3 and (s.startswith(t) or s.endswith(t))
        for s in nouns for t in found.telling | found.statute if not t[0].isdigit())


def _unnamed_form_part(passage: Passage, question: str) -> bool:
    """Whether a passage is a part of the KR's forms (Anhang 1–4, kept out of the dense index) that the question does
    not name."""
    return not passage.dense and passage.section_number.lower() not in question.lower()


def _unfit_form_quote(found: Findings, passage: Passage, quote: str, lead: bool) -> bool:
    """Whether a quote of the KR's forms (Anhang 1–4, kept out of the dense index) answers nothing asked: a field
    ("Bank: … BIC: … IBAN: …", "ja nein", "• über 50 Mio. €"), an office of another Land in the lists of where to apply
    (the Hessian Regierungspräsidien beside "wo stell ich den antrag?"), or a sentence of a form the question does not
    name that holds no telling word of it (as the lead, of a question neither about the form nor about where to apply
    or whom to contact: the applicant's declaration on fraud beside "was ist da an GRW drin?", not the NBank's address
    in Anhang 2 beside "wo stell ich den antrag?" or "Welche Adresse hat die Stelle …?")."""
    if passage.dense:
        return False
    office = _OTHER_LANDS_OFFICE.search(quote)
    if _FORM_FIELD.search(quote) or office and office.group().lower() not in found.question.lower():
        return True
    telling = any(s.startswith(t) for s in stems(quote) for t in found.telling if len(t) >= 4)
    asks_form = any(p.search(found.question) for p in (_ASKS_FORM, _ASKS_WHERE, _ASKS_CONTACT))
    return _unnamed_form_part(passage, found.question) and not telling and not (lead and asks_form)


def _names_section(question: str, passage: Passage) -> bool:
    """Whether the question names the passage's numbered section ("die passende Stelle aus 2.5.1")."""
    number = passage.section_number
    return bool(number) and number[:1].isdigit() and bool(
        re.search(rf"(?<![\d.]){re.escape(number)}(?![\d.]*\d)", question))


def _adds_asked(found: Findings, quote: str, rule: RuleAnswer) -> bool:
    """Whether a quote holds a rare word of the question that the rule answer does not: it answers another part of
    the question ("Wo stell ich den Antrag? … gibts ein bestimmtes Formular?": „Anträge sind auf amtlichem Formular
    zu stellen.“ beside the answer on where)."""
    return bool(found.telling & set(stems(quote)) - set(stems(rule.summary)))


def _within_rule(passage: Passage, rule: RuleAnswer, adds_asked: bool = False) -> bool:
    """Whether a passage may be quoted below a rule answer: not a rule of another path than the answer's (a rule for
    municipal infrastructure below one on a firm's investment), nor a part of a form (Anhang 1–4, found by its words)
    other than those the answer cites; below a rule of one path, of a document the answer cites only the sections it
    cites, or a sentence that answers another part of the question (`adds_asked`)."""
    cited = (passage.document, passage.section_number) in {(s.document, s.section) for s in rule.sources}
    if not rule.path:
        return passage.dense or cited
    stated = FundingKnowledge.load().path_for_passage(passage.document, passage.section_number)
    if stated is not None and not rule.shares_top(stated):
        return False
    # a rule of one path: of a document it cites, only its sections; the other rules the question's words found do
    # not belong to it (a lessor's joint liability below the binding of funded assets); nor does a passage of another
    # document that answers no other part of the question (the Weser-Ems summary's words on the Landkreis below its
    # rates); nor the KR's unnumbered introduction, which states no rule (its "seit Januar 2026" beside "… wollen die
    # Anlage 2026 verkaufen … Droht Rückforderung?")
    return cited or adds_asked and passage.dense and bool(passage.section_number)


_ASKS_WHOLE_LIST = re.compile(r"\bwas\b[^.?!]{0,100}\balles\b|\bwelche\b[^.?!]{0,40}\b(alle|sämtliche)\b", re.IGNORECASE)
_LIST_ITEM = re.compile(r"[a-z]{1,2}\)\s")  # "b) andere durch Gesetz …", "aa) den in den Bauleitplänen …"
_LIST_GOES_ON = re.compile(r"(?:[,;:]|\bund|\boder|\bsowie)\s*$")  # (":" a list's lead, its items to come)


def _body_after(passage: Passage, passages: list[Passage]) -> Iterator[Passage]:
    """The passages that follow this one in its document (`passages` are in the documents' order), footnotes left
    out, lazily."""
    at = next((n for n, p in enumerate(passages) if p.chunk_id == passage.chunk_id), None)
    return iter(()) if at is None else (p for p in passages[at + 1:] if p.document == passage.document and not p.footnote)


def _next_in_section(passage: Passage, quote: str, passages: list[Passage]) -> Passage | None:
    """The section's next passage, where the quote ends its passage (what the passage's end cuts off goes on there);
    None where the quote does not end it or the section ends with it."""
    if not passage.text.rstrip().endswith(quote.rstrip()):
        return None
    following = next(_body_after(passage, passages), None)
    return following if following is not None and following.section_number == passage.section_number else None


def _list_goes_on(hit: SearchHit, quote: str, passages: list[Passage]) -> tuple[SearchHit, str] | None:
    """The next items of a list that the end of the quote's passage cuts off ("… können … nur sein: a)
    Gebietskörperschaften …,"; Nr. 2.2.4 (2) "b) … gebilligt worden ist,"), from the section's next passage up to the
    item that ends the list's sentence, whole items within twice a quote's length; None where the list ends in its
    passage."""
    following = _next_in_section(hit.passage, quote, passages) if _LIST_GOES_ON.search(quote) else None
    if following is None or not _LIST_ITEM.match(following.text):
        return None
    lines: list[str] = []
    for line in following.text.split("\n"):
        if len("\n".join(lines + [line])) > 2 * MAX_QUOTE_CHARS:
            break
        lines.append(line)
        if line.rstrip().endswith((".", "!", "?")):
            break
    while lines and not lines[-1].rstrip().endswith((".", "!", "?", ",", ";")):
        lines.pop()  # (an item's opening whose text the limit leaves out: "d) das Investitionsvorhaben")
    items = "\n".join(lines).strip()
    return (replace(hit, passage=following), items) if items else None


def _sentence_goes_on(hit: SearchHit, quote: str, passages: list[Passage]) -> tuple[SearchHit, str] | None:
    """The rest of the sentence that the end of the quote's passage cuts off inside ("c) … zum Erwerb der
    Vermögenswerte einer" – "Betriebsstätte, die geschlossen wurde …"): the first sentence of the section's next
    passage, within a quote's length; None where the quote does not run on (`runs_on`), its passage goes on, or a
    list's next item follows."""
    following = _next_in_section(hit.passage, quote, passages) if runs_on(quote.rstrip()) else None
    if following is None or opens_list_item(following.text):
        return None  # (a list's next item, bulleted or lettered, goes on the list, not the sentence)
    rest = next(iter(split_sentences(following.text)), "").strip()
    return (replace(hit, passage=following), rest) if rest and len(rest) <= MAX_QUOTE_CHARS else None


# A line of a list of WZ sections (Nr. 2.7.1): the section's letter, perhaps a division, and its name ("H Verkehr …",
# "K 61 Telekommunikation", "I 55.4 Vermittlungstätigkeiten …")
_WZ_LINE = re.compile(r"[A-V](?:[ \t]\d{2}(?:\.\d{1,2})?)?[ \t][A-ZÄÖÜ]")
# A question for a list as such: "die komplette Liste", "welche Branchen sind ausgeschlossen?", "alle Ausschlüsse"
_LIST_AS_SUCH = re.compile(r"\b(liste|aufzählung|komplett\w*|vollständig\w*|alle|sämtliche)\b"
                           r"|\bwelche\s{1,3}(branchen|wirtschaftszweige|sektoren|wirtschaftsbereiche)\b", re.IGNORECASE)


def _sectors_go_on(hit: SearchHit, quote: str, passages: list[Passage]) -> list[tuple[SearchHit, str]]:
    """The rest of a list of WZ sections that the quote's passage ends in: each next passage of the section, whole,
    while it opens with such a line (the excluded sectors of Nr. 2.7.1 stand in three passages: A–G, H–M, N–V)."""
    passage = hit.passage
    if not passage.text.rstrip().endswith(quote.rstrip()) or not _WZ_LINE.match(quote.rstrip().rsplit("\n", 1)[-1]):
        return []
    rest: list[tuple[SearchHit, str]] = []
    for following in _body_after(passage, passages):
        if following.section_number != passage.section_number or not _WZ_LINE.match(following.text):
            break
        rest.append((replace(hit, passage=following), following.text.strip()))
    return rest


# The paragraphs of a section a question names: "abs 3 bis 5", "Absatz 2", "Abs. 4"
_PARAGRAPHS_NAMED = re.compile(r"\babs(?:atz|\.)?\s{0,2}(\d{1,2})(?:\s{0,3}(?:bis|-|–|und)\s{0,3}(\d{1,2}))?\b", re.IGNORECASE)


def _paragraphs_named(found: Findings, hit: SearchHit, w: _Writer) -> tuple[SearchHit, str] | None:
    """For a wording asked for by its paragraphs ("wortlaut … (nr 5), abs 3 bis 5"): those paragraphs of the lead's
    section, from the passage that holds the first of them; None where the question names none or the section holds
    no such paragraph."""
    named = _PARAGRAPHS_NAMED.search(found.question)
    if named is None:
        return None
    first, last = int(named.group(1)), int(named.group(2) or named.group(1))
    for holder in _section_passages(hit.passage, w.passages):
        if span := numbered_paragraphs(holder.text, first, max(first, last)):
            return (hit if holder is hit.passage else replace(hit, passage=holder)), span
    return None


def _about_other_area(earlier: str, quote: str) -> bool:
    """Whether the sentence a quote points back to (`earlier` holds both) names another kind of GRW area than the
    Landkreis's, which the quote does not name itself."""
    return earlier != quote and bool(_OTHER_AREA.search(earlier)) and not _OTHER_AREA.search(quote) \
        and not _OSNABRUECK_AREA.search(earlier)


def _paragraph_goes_on(hit: SearchHit, quote: str, passages: list[Passage]) -> tuple[SearchHit, str] | None:
    """The rest of a paragraph that the end of the quote's passage cuts off, from the section's next passage (Nr. 2.2.1
    (3): after its items a) to d), "Der früheste der vorgenannten Zeitpunkte ist maßgebend. Der Kauf von Grundstücken
    …"); None where the paragraph ends in its passage."""
    following = _next_in_section(hit.passage, quote, passages)
    if following is None:
        return None
    rest = opening_paragraph(following.text)
    return (replace(hit, passage=following), rest) if rest else None


# A quote of at most three words and no figure ("In Niedersachsen", "Bildungseinrichtungen"): no sentence that answers
# (not `informative`, which also passes over the NBank's address row that answers "Wo stelle ich den Antrag?")
_BARE = re.compile(r"[^\d\s]+(\s+[^\d\s]+){0,2}[.:]?")
def _holds_asked(text: str, quote: str, words: set[str], rates: set[str]) -> bool:
    """Whether a quote, whole and with the sentence that leads into it where it is a list item, holds one of the
    question's `words` (stems) or one of the `rates` it names."""
    whole = with_antecedent(text, completed(text, whole_sentence(text, quote)))
    return bool(words & set(stems(whole)) or rates & set(_RATE_FIGURE.findall(whole)))


def _asked_rule_said(found: Findings, quote: str) -> str:
    """The text (funding_paths.yaml) of the rule the question asks for in its own words whose source the quote holds;
    "" where it holds none."""
    plain = " ".join(quote.split())
    for source in found.asked_rules:
        if " ".join(source.quote.split())[:60] in plain:
            return next((c.text for path in FundingKnowledge.load().all_paths() for c in path.conditions
                         if c.source == source), "")
    return ""


def _excluded_named(found: Findings, w: _Writer, lead: PathAssessment | None, said: str) -> list[str]:
    """For a question of fact, the rules of the lead path that exclude a cost the question names, in the words of their
    data (funding_paths.yaml), cited, where the answer says them nowhere yet: "… können wir die zwei Kolleginnen, die
    jetzt schon IREK-Themen betreuen, da mit abrechnen?" beside the rule on the budget's extension."""
    # (of the path of the asker who says who they are: the land rule of infrastructure is none for a firm's client)
    if lead is None or lead.blocked or found.profile is None or found.profile.applicant_type is None:
        return []
    quoted = [" ".join(c.quote.split()) for c in w.cites.items]
    return [_cited(_with_rule(c.text, c.source), w.cite_source(c.source)) for c in lead.excluded_costs[:1]
            if c.source and c.text[:60] not in said
            and not any(" ".join(c.source.quote.split())[:60] in q for q in quoted)]


def _asked_rule_first(found: Findings, w: _Writer) -> list[SearchHit]:
    """The first four passages found, the first of them whose section holds a rule the question asks for in its own
    words (Findings.asked_rules) leading: "Schaffen wir die Frist noch, wenn der Hallenbauer pleite ist?" is answered
    by the extension of Nr. 2.8.2.1 (2), which the search ranked below the 36 months of Nr. 2.2.5."""
    hits = found.hits[:4]
    for n, hit in enumerate(hits):
        section = _section_passages(hit.passage, w.passages)
        if any(_resolve_source(source, section) for source in found.asked_rules):
            return [hit] + hits[:n] + hits[n + 1:]
    return hits


# A question about what an application form asks for ("Was muss ich im Antrag alles angeben?", "Anhang 3",
# "Vordruck")
_ASKS_FORM = re.compile(r"\b(antrags)?(formular|vordruck)\w*|\banhang\s{0,2}[1-4]\b|\b(angeben|eintragen|ausfüllen)\b",
                        re.IGNORECASE)
_FORM_BLANK = re.compile(r"_{5,}")  # the line of a form to be filled in
# An office of another Land in the forms' lists of where to apply (Anhang 2, 3: "Für sonstige Vorhaben: über die
# Regierungspräsidien Kassel, Darmstadt und Gießen an:"): the Landkreis applies in Niedersachsen
_OTHER_LANDS_OFFICE = re.compile(r"\b(Baden-Württemberg|Bayern|Berlin|Brandenburg|Bremen|Bremerhaven|Hamburg|Hessen"
                                 r"|Mecklenburg-Vorpommern|Nordrhein-Westfalen|Rheinland-Pfalz|Saarland|Sachsen-Anhalt"
                                 r"|Sachsen|Schleswig-Holstein|Thüringen|Regierungspräsidi\w{1,3}|Bezirksregierung\w{0,2}"
                                 r"|Senatsverwaltung\w{0,2})\b")
_ASKS_CONTACT = re.compile(r"\b(adresse\w{0,2}|anschrift\w{0,2}|kontakt\w{0,6}|telefon\w{0,6}|e-?mail)\b", re.IGNORECASE)
# A field of a form, not a sentence (Anhang 1–4): blanks to fill in ("Bank: … BIC: … IBAN: …", "……"), boxes to tick
# ("… gewährt? ja nein"), one band of a choice ("• über 50 Mio. €"), the heading of the form's notes ("Erläuterungen zu
# den Ziffern im Antragsformular")
_FORM_FIELD = re.compile(r"…[^…]{0,40}…|\.{5,}|\bja\s{1,3}nein\b|^\W{0,3}•"
                         r"|^\W{0,3}Erläuterungen\s{1,3}zu\s{1,3}den\s{1,3}Ziffern", re.IGNORECASE)
_RATE_FIGURE = re.compile(r"\b(\d{1,3})\s?(?:%|Prozent)", re.IGNORECASE)  # a rate ("90 %", "bis zu 90 Prozent")


# A figure named as the one whose source is asked: "woher genau kommt die 500.000 € pro jahr?", "wo steht das mit den
# 25 %?", "Fundstelle für die 8,25 Mio" (not "… im 4. Jahr? Bitte mit Fundstelle.")
_SOURCE_OF_FIGURE = re.compile(rf"(?:{ASKS_SOURCE.pattern})[^.?!]{{0,40}}\d", re.IGNORECASE)


SAME_PASSAGE_BONUS = 1.0  # stems a sentence of the found passage itself is worth more than one of its section's others
# A question for what is NOT eligible ("welche Kosten sind … NICHT förderfähig?", "was wird nicht gefördert?") is
# answered by the sentence of the section that says what is not, not by its sentence on what is ("(4) Nicht
# förderfähig sind: a) Kosten der Bauleitplanung …" of Nr. 3.2.2.1 before its "(1) Förderfähig sind die Erschließung …"):
# where the section has one, it leads. (Only where said of the thing asked: "der nicht förderfähigen Wirtschaftszweige"
# asks for the list of sectors, not for a section's costs that are not eligible.)
_NOT_ELIGIBLE = re.compile(r"\bnicht\s{1,3}(förderfähig|gefördert|förderbar|zuwendungsfähig)(?![\w-])|\bausgeschlossen\b",
                           re.IGNORECASE)  # in the question and in the sentence that answers it


# A sentence a passage's end cut at a date's day ("Der neue Koordinierungsrahmen ab 2026 wurde am 30."): no whole quote
_CUT_AT_DAY = re.compile(r"\b(am|vom|bis\s{1,3}zum|zum|ab|seit)\s{1,3}\d{1,2}\.$")
# A quote that ends with the number of the next item on a line of its own ("… Wirtschaftsförderung\n\n1. Allgemeines
# \n1.1"): headings run into the next section's number, no sentence
_CUT_AT_ITEM = re.compile(r"\n\s*\d{1,2}(\.\d{1,2}){1,3}\s*$")


_LAND = set(stems("Niedersachsen"))
# A question of what the IREK itself says ("Gibt es im IREK einen Satz …", "steht im IREK was zu …", "laut IREK")
_IN_THE_IREK = re.compile(r"\b(im|ins|aus\s{1,3}dem|laut|nach\s{1,3}dem)\s{1,3}irek\b", re.IGNORECASE)


def _names_summary(passage: Passage, question: str) -> bool:
    """Whether a question names the strategy or programme a summary's passage is of, by a word of its title that is
    no place ("Weser-Ems", "LEADER", "Zukunftsregion", "RIS3")."""
    return bool(set(stems(without_places(passage.document_title))) - _LAND & set(stems(question)))


def _preamble(passage: Passage) -> bool:
    """A project summary's opening under its title ("# Zukunftsregion … Zusammenfassung des Projekts …, kein
    Originaltext. Stand …"), or a document's title page before its first numbered section (the KR's „Koordinierungsrahmen
    der Gemeinschaftsaufgabe … ab 1. Januar 2026“): it says what the text is, and answers no question."""
    return passage.kind == "summary" and passage.text.lstrip().startswith("# ") \
        or passage.page_start == 1 and not passage.section_number


def _implied_sentence(found: Findings, hit: SearchHit, w: _Writer,
                      sources: list[Source] | None = None) -> tuple[SearchHit, str] | None:
    """The sentence of an implied rule (Findings.implied) that stands in the hit's section, with its passage: "Darf
    ich nach dem Antrag schon anfangen zu bauen?" is answered by the start-of-works sentence of Nr. 2.2.1, which its
    words ("anfangen", "bauen") do not share."""
    section = _section_passages(hit.passage, w.passages, footnotes=True)
    cited = " ".join(w.quotes().values())
    for source in found.implied if sources is None else sources:
        resolved = _resolve_source(source, section)
        if resolved is None or resolved[1][:60] in cited:
            continue  # a rule the bottom line already quotes (the rate of an amount question's verdict)
        holder, fragment = resolved
        sentence = next((s for s in split_sentences(holder.text) if fragment[:60] in s), None)
        if sentence and informative(sentence):
            # (a list item within a sentence is quoted with the sentence: "Träger … sind … a) … 15 Jahren …")
            whole = completed(holder.text, whole_sentence(holder.text, sentence))
            if not continuation(holder.text, whole):
                # (a sentence that ends one passage and stands in the next too, with the sentence that goes on from
                # it: "… ab 1. Januar 2024 bewilligen. Spätestens nach Ablauf dieser Übergangsfrist …")
                holder = next((p for p in section if whole in p.text and continuation(p.text, whole)), holder)
            return (hit if holder is hit.passage else replace(hit, passage=holder)), whole
    return None


OWN_LAND = "Niedersachsen"


def _named_places(found: Findings, section: list[Passage], careful: CarefulCases) -> re.Pattern[str] | None:
    """The places the question itself names that a section may hold a sentence on, as one pattern (whole words), or
    None: the municipalities of the Landkreis; and Niedersachsen, in a section that goes through the Länder (the
    offices that take applications, the shares of the funds)."""
    asked = found.question.lower()
    names = [n for n in (found.profile.municipalities if found.profile else []) if n.lower() in asked]
    if OWN_LAND.lower() in asked and careful.places_named(" ".join(p.text for p in section)):
        names.append(OWN_LAND)
    return re.compile(r"\b(" + "|".join(re.escape(n) for n in names) + r")\b") if names else None


def _not_eligible_sentence(hit: SearchHit, query: str, wanted: re.Pattern[str],
                           passages: list[Passage]) -> tuple[SearchHit, str] | None:
    """For a question for what is not eligible, the hit and the sentence of its section that says what is not (the
    found passage's own first), else None."""
    if not _NOT_ELIGIBLE.search(query):
        return None
    best = None
    for holder in _section_passages(hit.passage, passages):
        quote, score = scored_sentence(holder, query, prefer=wanted, require=_NOT_ELIGIBLE)
        score += SAME_PASSAGE_BONUS if holder is hit.passage else 0.0
        if quote and (best is None or score > best[2]):
            best = (holder, quote, score)
    if best is None:
        return None
    return (hit if best[0] is hit.passage else replace(hit, passage=best[0])), best[1]


def _figure_asked(question: str) -> re.Pattern[str] | None:
    """For a question for where a figure stands ("woher genau kommt die 90 %?"): a pattern for the figures it names."""
    # (not where its wording is asked for: the whole paragraph is quoted then, "den genauen Wortlaut … (60/90 %)")
    asked = set(figures(question)) if _SOURCE_OF_FIGURE.search(question) and not ASKS_WORDING.search(question) \
        else set()
    return re.compile("|".join(rf"(?<![\d,.]){re.escape(f)}(?![\d,])" for f in sorted(asked))) if asked else None


def _holds_figure_asked(question: str, quote: str) -> bool:
    holding = _figure_asked(question)
    return holding is not None and bool(holding.search(quote))


def _lead_of_section(hit: SearchHit, query: str, wanted: re.Pattern[str], passages: list[Passage],
                     question: str = "") -> tuple[SearchHit, str]:
    """The hit and its sentence that best answers the query, from the hit's passage or another passage of its section
    (ranking shows a section once in its first places: "Wer darf Träger einer Bildungseinrichtung sein?" finds 3.2.2.6
    by its list of institutions, and the sentence on the Träger stands in the section's next passage)."""
    not_eligible = _not_eligible_sentence(hit, query, wanted, passages)
    if not_eligible is not None:
        return not_eligible
    # "woher genau kommt die 90 %?": the sentence that holds the figure asked, not the section's first ("grundsätzlich
    # bis zu 60 Prozent"), where the passage has one
    holding = _figure_asked(question)
    if holding is not None:
        quote, _ = scored_sentence(hit.passage, query, prefer=wanted, require=holding)
        if quote:
            return hit, quote
    best = None
    for holder in _section_passages(hit.passage, passages):
        quote, score = scored_sentence(holder, query, prefer=wanted, favour=_OSNABRUECK_AREA)
        if holder is hit.passage and score < 0:
            break  # the passage is a table or a list of names, which the search found by its rows: one of them answers
        score += SAME_PASSAGE_BONUS if holder is hit.passage else 0.0
        if quote and (best is None or score > best[2]):
            best = (holder, quote, score)
    if best is None or best[0] is hit.passage:
        return hit, best[1] if best else best_sentence(hit.passage, query, prefer=wanted, favour=_OSNABRUECK_AREA)
    return replace(hit, passage=best[0]), best[1]


def _footnotes(passage: Passage, passages: list[Passage]) -> list[Passage]:
    """The footnotes of a numbered section, which often say what its rule does not mean ("Vorarbeiten wie … gelten
    nicht als Beginn der Arbeiten", Fn. 56 of Nr. 3.1.2)."""
    if not passage.section_number or passage.footnote:
        return []
    return [p for p in passages if p.footnote and p.document == passage.document
            and p.section_number == passage.section_number]


def _section_passages(passage: Passage, passages: list[Passage], footnotes: bool = False) -> list[Passage]:
    """The passage, then the other passages of its section in the document's order (the rows of a rates table, the
    paragraph "(6)" with the amount of the section whose paragraph "(1)" was found); its footnotes too where
    `footnotes` (for a rule's own sentence, found by its words: Fn. 56 of Nr. 3.1.2 on what is no start of works)."""
    section = passage.section_number or passage.section_title  # a summary's sections have titles only
    if not section or passage.goal_code or passage.footnote:
        return [passage]
    return [passage] + [p for p in passages if p.document == passage.document and p.chunk_id != passage.chunk_id
                        and (p.section_number or p.section_title) == section and (footnotes or not p.footnote)]


def _heading_first(quoted: list[tuple[SearchHit, str]], question: str) -> list[tuple[SearchHit, str]]:
    """A passage among the next two whose heading names at least two of the question's words leads, where the first
    passage's heading names none of them and its quote at most one, and it is no IREK goal (matched by its code or
    title): "Was ist nach GRW ein kleines Unternehmen?" is answered by Nr. 2.1.5 „Kleine und mittlere Unternehmen,
    Großunternehmen", not by the introduction that the search ranked first. Whole stems only, no n-grams."""
    if len(quoted) < 2 or quoted[0][0].passage.goal_code:
        return quoted
    first, quote = quoted[0]
    if _heading_names(first.passage, question) or len(set(stems(question)) & set(stems(quote))) > 1:
        return quoted
    for pair in quoted[1:3]:
        if not pair[0].passage.goal_code and _heading_names(pair[0].passage, question) >= 2:
            return [pair] + [other for other in quoted if other is not pair]
    return quoted


def _heading_names(passage: Passage, question: str) -> int:
    """How many of the question's words (whole stems) the passage's section heading names."""
    return len(set(stems(question)) & set(stems(passage.section_title)))


def _wanted_figure(found: Findings) -> re.Pattern[str]:
    """What the sentences that answer the question hold: an amount, a span of time or a date, else any figure."""
    if found.intent == "amount" or _ASKS_AMOUNT.search(found.search_text):
        return AMOUNT
    if _ASKS_SPAN.search(found.question):
        return SPAN
    if _ASKS_DURATION.search(found.question):
        return DURATION
    return FIGURE


def _verdict(found: Findings, w: _Writer) -> str:
    """For an eligibility or amount question with facts of the asker: what the rules say for them (and for a project of
    two measures, the rate of the other)."""
    verdict = _verdict_of_lead(found, w)
    lead = _lead_path(found.funding)
    beside = _beside(found, lead, w) if verdict else ""
    part = _excluded_part(lead, found.profile) if verdict and lead is not None else None
    excluded = _cited(f"Nicht förderfähig: {short_reason(part.text, 260)}", w.cite_source(part.source)) if part else ""
    return " ".join(p for p in (verdict, excluded, beside, _grant_time(lead, w) if verdict else "") if p)


def _said_once(lead: PathAssessment | None, condition_id: str, w: _Writer,
               applying: bool = False) -> ConditionAssessment | None:
    """The lead path's condition `condition_id` (with `applying`, only where the asker's facts trigger it), the first
    time it is said (the path's line then does not repeat it); None where it is not the lead's or was said."""
    condition = next((c for c in lead.conditions if c.id == condition_id and (c.applies or not applying)), None) \
        if lead is not None and condition_id not in w.said else None
    if condition is not None:
        w.said |= {condition_id}
    return condition


def _main_activity_note(lead: PathAssessment, w: _Writer) -> str:
    """For a trade whose name often means an excluded code too ("Logistikunternehmen": 49.41, 52.10; "Kaffeerösterei
    mit Café": 56.11.4): that this main activity would exclude the firm, in the bottom line beside the path it leads
    to."""
    main = _said_once(lead, MAIN_ACTIVITY, w)
    return _cited(f"Wichtig: {_with_rule(_main_activity_caveat(main), main.source)}", w.cite_source(main.source)) \
        if main else ""


def _restricted(lead: PathAssessment | None, w: _Writer) -> str:
    """The restriction of Nr. 2.7.2 for a business that processes agricultural products, its first sentence for the
    bottom line ("… ist förderfähig, aber eingeschränkt (Nr. 2.7.2)."); its whole text stays with the path."""
    rule = next((c for c in lead.conditions if c.id == AGRI_PROCESSING and c.applies), None) if lead else None
    return _cited(f"Wichtig: {short_reason(rule.text, 0)}", w.cite_source(rule.source)) if rule else ""


# How long what is funded stays bound to its purpose (Nr. 2.2.6, 3.2.1.8), asked or stated
_BINDING = re.compile(r"bindung|gebunden|verbleib|zweckbind|behalten|besetzt", re.IGNORECASE)


def _span_rule(found: Findings, lead: PathAssessment | None, w: _Writer) -> str:
    """For a project's question of how long ("wie lange?", "Laufzeit?"): the rule of the lead path that states a span
    (a network's start-up phase of three years, an innovation cluster's ten), cited where its quote holds the span;
    "" for any other question, or where the path states none. (A question of fact is answered by the sentence that
    states the span already.)"""
    if lead is None or lead.blocked or not _ASKS_SPAN.search(found.question):
        return ""
    binding_asked = bool(_BINDING.search(found.question))
    for c in lead.conditions:
        quote = w.source_quote(c.source)
        if c.id in w.said or c.effect != "matters" or not quote or bool(_BINDING.search(c.text)) != binding_asked:
            continue  # how long a grant runs is not how long its assets stay bound, unless that is asked
        whole = short_reason(c.text, 220)
        # the sentence, else its first clause, where the quote holds its figures ("Der Umsetzungszeitraum beträgt
        # höchstens drei Jahre" of "…, dann mit um mindestens 10 Prozentpunkte … sinkendem Satz")
        for said in (whole, re.split(r",|;| und kann ", whole)[0].rstrip(".") + "."):
            if SPAN.search(said) and not untraceable(f"{said} [1]", {1: quote}):
                w.said |= {c.id}
                return _cited(_with_rule(said, c.source), w.cite_source(c.source))
    return ""


# "Wer entscheidet da?", "wer wählt die Projekte aus?", "wer bewilligt das?"
_ASKS_WHO_DECIDES = re.compile(r"\bwer\s{1,3}(entscheidet|wählt|bewilligt|sucht\s{1,3}\S{1,20}\s{1,3}aus|vergibt)",
                               re.IGNORECASE)


def _who_decides(found: Findings, lead: PathAssessment | None, w: _Writer) -> str:
    """For "Wer entscheidet da?": the rule of the lead path that says who decides on the projects, cited; "" where the
    question asks no such thing or the path states none."""
    if lead is None or lead.blocked or not _ASKS_WHO_DECIDES.search(found.question):
        return ""
    return _chosen_by(lead, w, 260)


_NON_PROFIT_BODY = re.compile(r"verein|gemeinnützig|stiftung|\be\.\s?v\b", re.IGNORECASE)  # a body that says it is one
_NON_PROFIT = re.compile(rf"{_NON_PROFIT_BODY.pattern}|träger", re.IGNORECASE)  # or asks as a Träger


def _applicant_admitted(found: Findings, lead: PathAssessment, w: _Writer) -> str:
    """For a Verein or another non-profit body that asks whether it may apply ("geht GRW für Vereine?"), on a path whose
    rule on who may carry it excludes only profit-making firms: the sentence of that rule that admits it, quoted."""
    profile = found.profile
    if profile is None or profile.applicant_type != "association" or not _NON_PROFIT.search(found.question):
        return ""
    rule = next((c for c in lead.conditions if c.by_applicant_type and c.applies is False), None)
    resolved = _resolve_source(rule.source, w.passages) if rule else None
    if resolved is None or any(s.quote == rule.source.quote for s in found.asked_rules):
        return ""  # (a rule the question asks for in its own words is said as such: "Können wir als Innung Träger sein?")
    passage, quote = resolved
    # a list's opening says nothing by itself ("… können abweichend von Nummer 3.2.1.3 nur sein: a) …"): the list
    # with it, to the end of its sentence, its items in the section's next passage too ("b) … (Kammern, Innungen)")
    after = passage.text.partition(quote)[2]
    if quote.rstrip().endswith(":") or after.lstrip().startswith(":"):
        quote = (quote + after).strip()
        going_on = _list_goes_on(SearchHit(passage, 0.0), quote, w.passages)
        if going_on is None:
            return ""  # (the list's items stand nowhere to quote)
        refs = f" [{w.cite(passage, quote)}] [{w.cite(going_on[0].passage, going_on[1])}]"
        quote = f"{quote} {going_on[1]}"
    else:
        refs = f" [{w.cite(passage, quote)}]"
    return _cited(f"Als {'gemeinnütziger ' if _NON_PROFIT_BODY.search(found.question) else ''}Träger kommen Sie in "
                  f"Frage ({numbered_rule(rule.source).removeprefix(' nach ')}): „{' '.join(quote.split())}“", refs)


def _grant_time(lead: PathAssessment | None, w: _Writer) -> str:
    """For a size stated for the time of the grant ("bis zur Bewilligung auf 55 Leute gewachsen"): that this time
    decides the size and the rate (KR Nr. 1.5 (3)), cited."""
    rule = _said_once(lead, GRANT_TIME, w, applying=True)
    return _condition_sentence(rule, w) if rule else ""


_PUBLIC_APPLICANTS = ("municipality", "association", "research")


def _excluded_part(lead: PathAssessment, profile: ProjectProfile | None) -> ConditionAssessment | None:
    """The rule excluding a part of the project that the asker names with its sum within the whole ("davon ersetzen
    ca. 400k zwei alte Maschinen"): the project is not ruled out, that part is (the sum is computed without it)."""
    if lead.blocked or profile is None or not profile.investment_eur:
        return None
    parts = {item.id for item in _excluded_items(lead) if 0 < profile.item_sums.get(item.id, 0) < profile.investment_eur}
    return next((c for c in lead.excluded_costs if c.cost_item in parts), None)


def _item_asked_after_the_project(found: Findings, lead: PathAssessment) -> bool:
    """Whether the cost items the path excludes are asked about only after a first question on the project itself
    (which names no cost item: "Dürfen wir gebrauchte Maschinen kaufen …? Und was ist mit nem LKW?" asks of items
    first)."""
    units = asks(found.question)
    named = set(found.profile.cost_items) if found.profile is not None else set()
    return len(units) > 1 and not any(item.named_in(units[0]) for item in FundingKnowledge.load().cost_items
                                      if item.id in named)


def _asks_start_of_item(found: Findings, lead: PathAssessment) -> bool:
    """Whether the question asks if a cost item the path excludes counts as the start of works ("Zählt der Grunderwerb
    oder die Ausschreibung schon als Beginn?"): it asks what a start is (Nr. 2.2.1, 3.1.2), not whether the item is
    eligible."""
    return bool(lead.excluded_costs) and not lead.blocked and bool(ASKS_WHAT_IS_A_START.search(found.question))


def _verdict_of_lead(found: Findings, w: _Writer) -> str:
    lead = _lead_path(found.funding)
    if lead is None:
        return ""
    if _asks_start_of_item(found, lead):
        return ""
    part = _excluded_part(lead, found.profile)
    if lead.ruled_out and not part:
        if not lead.blocked and _item_asked_after_the_project(found, lead):
            # "ist sowas grw-fähig …? und zählt die unterhaltung dann auch mit?": the project's verdict first, the
            # item's "no" after it (where both fit the bottom line)
            unsaid = set(w.said)
            verdict = _verdict_of_path(found, lead, w)
            # each excluded item asked about with its rule ("… den B-Plan und die Arbeitszeit unseres Bauamts")
            rules = list({c.cost_item: c for c in lead.excluded_costs}.values())
            no = "Aber: " + " ".join(_cited(short_reason(c.text, 260), w.cite_source(c.source))
                                     for c in rules)
            if verdict and len(verdict) + len(no) + 1 <= MAX_SUMMARY_CHARS:
                return f"{verdict} {no}"
            w.said = unsaid
        return _no(lead, w)
    if limits := _limits_said(lead, w):  # land bought before or after the date the rule sets (KR Nr. 5 (5))
        # a rule of the path a further question asks about follows where it fits ("… fällt der Grunderwerb dann raus?
        # und gilt das Projekt damit schon als begonnen?": the purchase is no start, Fn. 56)
        named = _named_condition(lead, w) if len(asks(found.question)) > 1 else None
        said = _condition_said(named, w) if named is not None else ""
        return f"{limits} {said}" if said and len(limits) + len(said) + 1 <= MAX_SUMMARY_CHARS else limits
    note = _item_note(lead, found.question) if lead.fit > 0 else None
    if note is not None and _item_asked(found.question, note.cost_item):
        # the rule on the cost item asked about ("Können wir die Maschinen leasen?"), and on a further item the
        # question asks about where both fit the bottom line ("Entsiegelung und Regenrückhaltung")
        said = _cited(short_reason(note.text, 260), w.cite_source(note.source))
        for other in _further_item_notes(lead, found.question, note):
            more = short_reason(other.text, 260)
            if len(said) + len(more) + 6 <= MAX_SUMMARY_CHARS:
                said = f"{said} {_cited(more, w.cite_source(other.source))}"
        # a question that asks more than this ("1) ist der Gebäudekauf förderfähig? … 3) welcher Fördersatz?"): the
        # verdict on the path too, where it fits the bottom line (what it would have said stays unsaid where not)
        if len(asks(found.question)) < 2:
            return said
        unsaid = set(w.said)
        verdict = _verdict_of_path(found, lead, w)
        if verdict and len(said) + len(verdict) + 1 <= MAX_SUMMARY_CHARS:
            return f"{said} {verdict}"
        w.said = unsaid
        return said
    # a rule of the path the question asks about leads; the verdict on the path follows (in the details where it does
    # not fit the bottom line); not where the asker numbers the parts and asks for the rule in a later one ("a)
    # förderfähig trotz Handel? b) wie lange Zweckbindung?"): that part's own answer follows, under its mark
    unsaid = set(w.said)
    said = _rule_asked(found, lead, w)
    by_rule = w.said - unsaid
    verdict = _verdict_of_path(found, lead, w)
    if said and verdict and _asked_in_a_later_part(found.question, lead, by_rule):
        w.said -= by_rule
        return verdict
    if said:
        return f"{said} {verdict}".strip()
    if note is None:
        return verdict
    # an item of a project that asks about the whole ("PV-Anlage mit Batteriespeicher … Gibt es dafür GRW?"): the
    # verdict on the project, and the item's rule after it (in the details where it does not fit the bottom line)
    said = _cited(short_reason(note.text, 260), w.cite_source(note.source))
    return f"{verdict} {said}" if verdict else said


def _asked_in_a_later_part(question: str, lead: PathAssessment, ids: set[str]) -> bool:
    """Whether the asker numbers the parts of the question and none of the path's rules `ids` is asked for in the
    words of its `asked_by` in the first part (or the text before it)."""
    if not numbers_questions(question) or (defined := FundingKnowledge.load().get(lead.id)) is None:
        return False
    first = (asks(question) or [question])[0]
    return not any(asked_in(c, first) for c in defined.conditions if c.id in ids)


def _further_item_notes(lead: PathAssessment, question: str,
                        first: ConditionAssessment) -> list[ConditionAssessment]:
    """The rules on the other cost items the question asks about, one per item, in the order of the path's notes."""
    notes: dict[str, ConditionAssessment] = {}
    for c in lead.cost_notes:
        if c.cost_item != first.cost_item and c.text != first.text and _item_asked(question, c.cost_item):
            notes.setdefault(c.cost_item, c)
    return list(notes.values())


def _item_note(lead: PathAssessment, question: str) -> ConditionAssessment | None:
    """The rule on the first cost item the path has one for, the one of its rules on it that shares most words with
    the question ("wer stellt dann den Antrag?" of a leased machine: who applies, Nr. 2.2.2 (2))."""
    if not lead.cost_notes:
        return None
    item = lead.cost_notes[0].cost_item
    asked = set(stems(question))
    return max((c for c in lead.cost_notes if c.cost_item == item), key=lambda c: len(asked & set(stems(c.text))))


def _rule_asked(found: Findings, lead: PathAssessment, w: _Writer, fitting: bool = True) -> str:
    """A rule of the path that the asker's facts trigger and whose text holds a rare word of the question, cited
    ("PV-Anlage … und trotzdem die EEG-Einspeisevergütung?": no GRW beside the EEG for the same costs; "Zählen die Leute
    der Muttergesellschaft mit?": linked enterprises count in); "" where none (not by the trade's name, nor by words
    every such question asks with: "Gibt es dafür GRW?")."""
    trade = set(stems(found.profile.sector)) if found.profile is not None and found.profile.sector else set()
    telling = found.telling - trade - _GENERIC_ASK
    # (on a path the asker's project leads to; for a question of a rule, on the path its passages state)
    asked = _asked_condition(lead, w, telling) if lead.fit > 0 or not fitting else None
    if asked is not None and asked.named:
        return _named_said(lead, asked, w)
    return _condition_said(asked, w) if asked is not None else ""


def _named_rule(lead: PathAssessment | None, w: _Writer) -> str:
    """The rule of the open lead path that the question asks for in its own words, cited ("der neue kann erst in 8
    Monaten. Schaffen wir die Frist dann noch?": the period's extension, Nr. 2.8.2.1 (2)), and a second one where the
    question asks for two that apply ("ein größerer Maschinenbauer (400 MA) will für 10 Jahre mieten": how long a
    tenant may stay, and that a large firm may only exceptionally); "" where none."""
    named = _named_condition(lead, w) if lead is not None and not lead.blocked else None
    return _named_said(lead, named, w) if lead is not None and named is not None else ""


def _named_said(path: PathAssessment, first: ConditionAssessment, w: _Writer) -> str:
    """The first rule the question names in its own words, said, and a second one it names beside it that may apply,
    where both fit the bottom line."""
    said = _condition_said(first, w)
    second = next((c for c in _named_conditions(path)
                   if c is not first and c.applies is not False and c.id not in w.said), None)
    if second is None:
        return said
    more = _condition_sentence(second, w)
    if len(said) + len(more) + 1 > MAX_SUMMARY_CHARS:
        return said
    w.said |= {second.id}
    return f"{said} {more}"


def _condition_said(condition: ConditionAssessment, w: _Writer) -> str:
    """A condition's text as a sentence of the answer, with its rule's number, cited (and marked said)."""
    w.said |= {condition.id}
    return _condition_sentence(condition, w)


def _condition_sentence(condition: ConditionAssessment, w: _Writer) -> str:
    """A condition's text as a sentence of the answer, with its rule's number, cited."""
    return _cited(_with_rule(short_reason(condition.text, 260), condition.source), w.cite_source(condition.source))


_NBANK_DECIDES = "Entscheiden wird die NBank."


def _asked_rate_rule(found: Findings, lead: PathAssessment | None) -> ConditionAssessment | None:
    """A condition of the lead path that the question asks for in its own words (`asked_by`) and whose text speaks of
    the rate ("Prozentpunkte", "Fördersatz"): what an amount question asks about that rate."""
    if lead is None or not found.asked_rules:
        return None
    return next((c for c in lead.conditions if c.source in found.asked_rules and _RATE_WORDS.search(c.text)), None)


_RATE_WORDS = re.compile(r"Fördersatz|Prozentpunkte|Beihilfeintensität", re.IGNORECASE)


def _item_asked(question: str, item: str) -> bool:
    """Whether the question's asking part (all of it where it asks nothing apart from a description) names the cost
    item: "Können wir die Maschinen leasen?" does, "… mit Batteriespeicher. Gibt es dafür GRW?" does not."""
    asks, _ = asked_beside(question)
    # (a question whether what it describes goes into the application asks for the items described: "… eine
    # Linksabbiegespur … Kann das mit in unseren GRW-Antrag für die Erschließung rein?"; so does a part the asker marks,
    # asked in whole: "c) Mandant will die Halle über Immobilienleasing finanzieren – geht das?")
    within = asks if asks and not _TAKEN_IN.search(asks) and not PART_MARK.match(question) else question
    return item in FundingKnowledge.load().cost_items_in(within)


# A question whether something goes into the application or the funding along with the rest ("mit in den Antrag rein",
# "mitbeantragen", "auch mit gefördert")
_TAKEN_IN = re.compile(r"\bmit\s{1,3}(in\s{1,3}(den|die|das|unseren?|ihren?|diesen?)\b[^?.]{0,50}\b(rein|hinein|aufgenommen|"
                       r"aufnehmen)|rein|hinein|beantrag\w{0,3}|abgerechnet|abrechnen|gefördert|förderfähig)\b"
                       r"|\bmit(beantrag|abrechn|förder|aufnehm)\w{0,4}\b", re.IGNORECASE)


def _verdict_of_path(found: Findings, lead: PathAssessment, w: _Writer) -> str:
    """The verdict on the path the facts lead to: its rate for the asker, or whether their trade or their kind of body
    may apply; "" where the question's facts decide nothing the rules would not say better."""
    if found.intent == "amount" and not _applicant_rate(lead) and lead.fit <= 0:
        return ""  # the rate asked for is quoted from the rules, not the overview of a path the facts do not lead to
    if found.intent == "eligibility":
        # whether a cost item or a situation is eligible is for the rule's own words to say, not a "ja"; but a project
        # whose named sector the exclusion list of Nr. 2.7.1 does not hold, on a path its facts lead to, has a path
        profile = found.profile
        exclusion = next((c for c in lead.conditions if c.id == SECTOR_EXCLUSION and c.applies is False), None)
        if lead.fit > 0 and profile is not None and not profile.wz_code and profile.company_size:
            # no trade, but the size decides the rate ("darf ein Großunternehmen … Investitionszuschüsse bekommen?")
            rate = _short_rate(_rate_phrase(lead, w, profile))
            who = _SIZE_LABEL.get(profile.company_size, "")
            lead_in = "Im Landkreis Osnabrück" if who in rate else f"Für {who} im Landkreis Osnabrück"
            return f"{lead_in}: {_measure_name(lead)}, {rate}." if rate and who else ""
        # (also where the asker does not say who they are, for a path whose measures name the kind of project and that
        # only public bodies or associations carry: "Wir wollen ein Ärztehaus bauen … Geht da GRW, hab was von
        # Daseinsvorsorge gelesen?")
        public = profile is not None and (profile.applicant_type in _PUBLIC_APPLICANTS or (
            profile.applicant_type is None and not lead.blocked and TYPE_FITS in lead.fit_reasons
            and _ASKERS_OWN.search(found.question) and (defined := FundingKnowledge.load().get(lead.id)) is not None
            and "company" not in defined.applicant_types))
        named = {programme(path) for path in named_paths(found.question, profile.applicant_type)} if public else set()
        # (not a path only usual for the asker, where nothing says what kind of project it is: a town's shops to let
        # to retailers are no infrastructure because towns usually build some)
        if lead.fit > 0 and public and not _usual_only(lead, profile) and (not named or programme(lead.id) in named):
            # a municipality, a Verein or a research institution whose project a path is made for ("Kann unsere
            # Gemeinde die Erschließung … fördern lassen?"): that path, its rule and its rate, and where to apply
            rate = _short_rate(_rate_phrase(lead, w, profile))
            rule = numbered_rule(lead.measure_source).removeprefix(" nach ")
            # a measure of a path by its own name ("GRW – Wirtschaftsnahe Forschungseinrichtungen …")
            name = f"{programme(lead.id).upper()} – {lead.name.split(' – ', 1)[1]}" if "/" in lead.id \
                and " – " in lead.name else _short_name(lead.name)
            measure = f"{name} ({rule})" if rule and rule not in rate else name
            where = _where(lead)
            said = f"Möglich: {measure}" + (f", {rate}." if rate else ".") + (f" Antrag: {where}." if where else "")
            # a measure whose grants end soon (Nr. 3.6: until 31 December 2026) says so beside it, where it fits
            ending, ending_id = _deadline_said(lead, w)
            if ending and len(said) + 1 + len(ending) <= MAX_SUMMARY_CHARS:
                w.said |= {ending_id}
                return f"{said} {ending}"
            return said
        if not (lead.fit > 0 and exclusion is not None and profile is not None and profile.wz_code):
            return ""
        rate = _short_rate(_rate_phrase(lead, w, profile))
        # a trade name that also often means an excluded code: a "ja" only as far as its main activity goes
        main = next((c for c in lead.conditions if c.id == MAIN_ACTIVITY), None)
        caveat = _main_activity_caveat(main) if main else ""
        w.said |= {MAIN_ACTIVITY} if caveat else set()
        # a trade the list names with an exception that keeps it in: the exception, not "not on the list" (and a
        # "möglich" where the exception holds only as far as a fact not yet settled: mostly for tourists)
        excepted = next((c for c in lead.conditions if c.id in _TRADE_IN_IF and c.applies), None)
        w.said |= {excepted.id} if excepted else set()
        listed = _cited(f" {_with_rule(_exception_words(excepted), excepted.source)}",
                        w.cite_source(excepted.source)) if excepted else _cited(
            f" Die Haupttätigkeit „{profile.sector}“ (WZ {profile.wz_code}) steht nicht auf der Liste nicht "
            f"förderfähiger Wirtschaftszweige{numbered_rule(exclusion.source)}.", w.cite_source(exclusion.source))
        uncertain = caveat or (excepted is not None and excepted.decides_kind)
        verdict = (f"{'Möglich' if uncertain else 'Voraussichtlich ja'}: {_measure_name(lead)}"
                   + (f", {rate}." if rate else ".") + listed
                   + (_cited(f" {caveat}", w.cite_source(main.source)) if caveat else ""))
        restricted = "" if caveat else _restricted(lead, w)
        # the restriction of a processor where it fits the bottom line, else that the NBank decides
        return f"{verdict} {restricted}" if restricted and len(verdict) + len(restricted) < MAX_SUMMARY_CHARS \
            else verdict if caveat else f"{verdict} {_NBANK_DECIDES}"
    rate = _short_rate(_rate_phrase(lead, w, found.profile))
    line = f"Förderweg: {_measure_name(lead)}" + (f", {rate}." if rate else ".")
    # (a rule that decides whether the project is in at all, on a fact left open, follows the rate: "nach Maß"?)
    whether = next((c for c in lead.conditions if c.in_at_all and c.applies and c.id not in w.said), None)
    if whether is not None:
        w.said |= {whether.id}
        line += _cited(f" {_with_rule(short_reason(whether.text, 260), whether.source)}", w.cite_source(whether.source))
    return line


def _rule_answer(found: Findings, w: _Writer, lead: PathAssessment | None = None,
                 text: str | None = None) -> tuple[str, RuleAnswer | None]:
    """The answer of careful.yaml's `rule_answers` that the question (or `text`, one of its questions) asks for, each
    source cited in its place, and the rule answer itself; ("", None) where none matches, a source is not in the
    index, or `lead` (a project's path) is not the path the answer states."""
    # (the programme the turns before name, where the question names none: "Wie läuft das mit LEADER bei uns? wer
    # entscheidet über die projekte …" asks who decides in LEADER)
    rule = CarefulCases.load().rule_answer(found.question if text is None else text,
                                           lead.id if lead is not None else None,
                                           context=found.context or found.search_text,
                                           placed=found.profile is not None and bool(found.profile.municipalities))
    said = _rule_said(rule, w) if rule is not None else ""
    return (said, rule) if said else ("", None)


# A quote that opens with an item of a list ("b) Lehr-, Erlebnis- und Naturpfade …")
_LIST_ITEM_OPENS = re.compile(r"[a-z]{1,2}\)\s")


def _earlier_grant(found: Findings, w: _Writer) -> str:
    """For a duty of a grant held that was approved before 2026 ("wir haben 2024 grw für ne biegemaschine bekommen"):
    that its notice and the KR it was approved under rule it, cited; empty otherwise."""
    said = CarefulCases.load().earlier_grant
    if not re.search(said.year, found.question) or (resolved := _resolve_source(said.source, w.passages)) is None:
        return ""
    return re.sub(r"\[1\]", f"[{w.cite(*resolved)}]", " ".join(said.text.split()))


def _applying_on(rule: RuleAnswer, lead: PathAssessment) -> bool:
    """Whether a rule answer tells how to apply on the lead path, which the asker's facts block as a whole."""
    return rule.applying and lead.blocked and rule.programme == programme(lead.id) \
        and (not rule.paths or rule.on_path(lead.id))


def _each_ruled(text: str, units: list[str]) -> bool:
    """Whether a text of several questions (`units`, as `asks` gives them) has a rule answer of funding for each, a
    question read with the words before it ("was brauch ich dafür?" after "wo beantrag ich das?"); the IREK's own
    sentence beside a rule answer on the IREK says it in the concept's words ("kein starrer Maßnahmenplan")."""
    careful = CarefulCases.load()
    ruled = [careful.rule_answer(unit, context=text[:max(text.find(unit.rstrip("?")), 0)]) for unit in units]
    return len(units) > 1 and all(rule is not None and rule.programme != "irek" for rule in ruled)


def _rule_said(rule: RuleAnswer, w: _Writer) -> str:
    """A rule answer's text, each source cited in its place; "" where a source is not in the index."""
    resolved = [_resolve_source(source, w.passages) for source in rule.sources]
    if not all(resolved):
        return ""
    numbers = {k: w.cite(passage, quote) for k, (passage, quote) in enumerate(resolved, start=1)}  # type: ignore[misc]
    # (in one pass: a number given may be one the text has yet to replace)
    return re.sub(r"\[(\d+)\]", lambda m: f"[{numbers[int(m.group(1))]}]", " ".join(rule.summary.split()))


def _next_step(found: Findings) -> str:
    """For a procedure question in a conversation about a project: the next step on its best open path."""
    lead = _first_open(found)
    steps = _steps(lead) if lead is not None else []
    if not steps:
        return ""
    where = _where(lead)
    return f"Nächster Schritt: {_short(steps[0], 220)}" + (f" Antrag: {where}." if where else "")


# A question for all the steps in their order: "… was muss ich jetzt machen? reihenfolge bitte", "welche Schritte …"
_ASKS_STEPS = re.compile(r"reihenfolge|\bschritte\b|\bablauf\b|\bvorgehen\b|checkliste|\bto-?do", re.IGNORECASE)


def _further_steps(found: Findings, lead: PathAssessment | None) -> str:
    """Where the question asks what to do or in what order, the steps of its best open path after the first (which
    the answer names as the next step), in the order the path's data gives them."""
    if lead is None or lead.blocked or not (ASKS_NEXT_STEP.search(found.question) or _ASKS_STEPS.search(found.question)):
        return ""
    steps = list(dict.fromkeys(_steps(lead)))
    # (as list items: a numbered item would read as a figure no quote holds)
    return "Danach, der Reihe nach:\n" + "\n".join(f"- {step}" for step in steps[1:]) if len(steps) > 1 else ""


def _first_open(found: Findings) -> PathAssessment | None:
    return next((p for p in (found.funding.paths if found.funding else []) if not p.blocked), None)


def _steps(path: PathAssessment) -> list[str]:
    """A path's next steps, those of a rule the project's facts trigger first (a takeover's start of works is the
    purchase of the assets: apply before the contract)."""
    return [c.next_step for c in path.conditions if c.next_step and c.applies] + list(path.next_steps or [])


# A row of the list of GRW areas (KR Anhang 5): "Niedersachsen: Cuxhaven, Landkreis; Art des Fördergebiets: C; Maximaler
# Fördersatz … (kleine/mittlere/große Unternehmen): 35/25/15 Prozent".
# (a district or city in parts lists them before its kind, in rows of up to some 3,000 characters: "Nordrhein-Westfalen:
# Paderborn, Kreis, davon: Altenbeken, …, Salzkotten; Art des Fördergebiets: D; …")
_AREA_ROW = re.compile(r"(?P<land>[A-ZÄÖÜ][\w-]{1,40}): (?P<place>[^;\n]{2,3000}?); Art des Fördergebiets: (?P<kind>[A-D])\b[^\n]{0,200}?"
                       r": (?P<small>\d{1,2})/[^\n]{0,60}Prozent[^\n]{0,60}")
_AREA_LIST = "Anhang 5"


def _area_rows(passages: list[Passage]) -> list[tuple[Passage, re.Match[str]]]:
    return [(p, m) for p in passages if p.document == "grw" and p.section_number == _AREA_LIST
            for m in _AREA_ROW.finditer(p.text)]


def _row_place(row: re.Match[str]) -> str:
    """The place a row of the list of GRW areas is for, without its kind ("Harz" of "Harz, Landkreis")."""
    return row.group("place").split(",")[0].strip()


def area_land(place: str, passages: list[Passage]) -> str | None:
    """The Land whose row of the list of GRW areas (KR Anhang 5) names the place, or None; read from the row's start,
    as a row too long for `_AREA_ROW` (a district listed with its parts) names its Land and place there too."""
    start = re.compile(rf"(?m)^([A-ZÄÖÜ][\w-]{{1,40}}): {re.escape(place)}[,;( ]")
    return next((m.group(1) for p in passages if p.document == "grw" and p.section_number == _AREA_LIST
                 and (m := start.search(p.text))), None)


# The office of a Land in the KR's list of where applications go (Anhang 2: "In Sachsen-Anhalt" and its next line)
_LAND_OFFICE = "Anhang 2"


def land_office(land: str, passages: list[Passage]) -> tuple[Passage, str] | None:
    """For a Land other than Niedersachsen, the passage and line of the KR's form for firms (Anhang 2) that names the
    office taking applications there ("Investitionsbank Sachsen-Anhalt, Domplatz 12, …"); None for Niedersachsen or
    where the form names none."""
    if land == OWN_LAND:
        return None
    heading = re.compile(rf"^In {re.escape(land)}\s*\n(?P<office>[^\n]{{5,200}})", re.MULTILINE)
    return next(((p, m.group("office").strip()) for p in passages
                 if p.document == "grw" and p.section_number == _LAND_OFFICE and (m := heading.search(p.text))), None)


# A district or city named with its kind ("im landkreis harz", "LK Görlitz", "Kreis Höxter", "Stadt Dortmund")
_DISTRICT_NAMED = re.compile(r"\b(?:landkreis(?:es)?|kreis(?:es)?|lk|stadt)\s{1,3}([A-ZÄÖÜa-zäöüß][\w-]{2,30})", re.IGNORECASE)


def districts_in_rows(text: str, passages: list[Passage]) -> list[str]:
    """The districts of other Länder that the text names with their kind ("im landkreis harz in sachsen-anhalt") and
    that the list of GRW areas (KR Anhang 5) has a row for, each as the row names it ("Harz"), in the order named."""
    rows = {_row_place(row).lower(): _row_place(row) for _, row in _area_rows(passages)}
    return list(dict.fromkeys(rows[m.group(1).lower()] for m in _DISTRICT_NAMED.finditer(text)
                              if m.group(1).lower() in rows and m.group(1).lower() != "osnabrück"))


# A rate compared between places ("Warum bekommt ein kleines Unternehmen im Landkreis Cuxhaven mehr GRW als …?")
_COMPARES_RATE = re.compile(r"\b(mehr|weniger)\s{1,3}(grw|förderung|zuschuss|geld|prozent|fördergeld\w{0,2})\b"
                            r"|\b(höher\w{0,2}|niedriger\w{0,2}|bessere[nrs]?)\s{1,3}(fördersatz|fördersätze"
                            r"|förderquote|satz|sätze|förderung|zuschuss)\b"
                            # ("gilt da der gleiche satz?", "kriegen wir dort dieselbe Förderquote?")
                            r"|\b(gleiche[nrs]?|selbe[nrs]?|derselbe|dieselbe|denselben)\s{1,3}(fördersatz|satz|förderquote|quote"
                            r"|prozentsatz|zuschuss)\b"
                            # ("wär die förderung da besser als in bersenbrück?")
                            r"|\b(förderung|zuschuss|fördersatz|förderquote|satz)\s{1,3}(\w+\s{1,3}){0,2}(besser|höher|niedriger)\b",
                            re.IGNORECASE)


# What one gets there, asked in everyday words ("was bekommt man eigentlich in NRW an GRW?")
# Two sites weighed against each other ("entweder in fürstenau oder in freren", "lieber in Bramsche bauen?")
_WEIGHS_SITES = re.compile(r"\b(oder|entweder|lieber|stattdessen|statt)\b", re.IGNORECASE)
# (or which of two places pays more: "wo gibts mehr förderung, was zahlt das emsland?")
_WHAT_ONE_GETS = re.compile(r"\bwas\s{1,3}(bekommt|kriegt|gibt)\s{1,3}(man|es)\b|\bwo\s{1,3}(gibt\s{1,3}es|gibts|gibt's|bekommt"
                            r"\s{1,3}man|kriegt\s{1,3}man)\s{1,3}mehr\b|\bwas\s{1,3}(zahlt|gibt|fördert)\s{1,3}(das|der|die)\s{1,3}"
                            r"[\w-]{3,30}\s{0,3}\?|\bwo\s{1,3}(ist|wäre)\s{1,3}(die\s{1,3})?förderung\s{1,3}(höher|besser|größer)\b",
                            re.IGNORECASE)


def _other_district(found: Findings, w: _Writer) -> str:
    """For a question of the rate that names another district or city ("und für ein Unternehmen in Cuxhaven?", "Wir
    sitzen in Meppen im Emsland. Gelten für uns auch die 20 Prozent?"): the bottom line is that place's row of the
    list of GRW areas (KR Anhang 5), with the rate for a small firm where the asker is one; a place the GRW text names
    nowhere is said to have no row, beside the row of Landkreis Osnabrück. Empty for any other question."""
    asks_rate = found.intent == "amount" or AMOUNT.search(found.question) or _ASKS_AMOUNT.search(found.search_text) \
        or _COMPARES_RATE.search(found.question) or _WHAT_ONE_GETS.search(found.question)
    # (a district of another Land the list names, before the Land it lies in: "im landkreis harz in sachsen-anhalt")
    places = (districts_in_rows(found.question, w.passages) or CarefulCases.load().places_named(found.question)) \
        if asks_rate else []
    if not places:
        return ""
    towns = CarefulCases.load().towns_named(found.question)  # a town of a neighbouring district stands for it
    rows = _area_rows(w.passages)
    for passage, row in rows:
        place = _row_place(row)
        if place not in places:
            continue
        parts = _rows_in_parts(row, rows) or [(passage, row)]
        said = [_row_said(p, r, w) for p, r in parts]
        cited = "".join(f"[{n}]" for *_, n in said)
        if len(parts) > 1:
            text = (f"{_with_town(place, towns)} ist in der Liste der Fördergebiete (Anhang 5) in Teile geteilt: "
                    + ", ".join(f"teils {kind} [{n}]" for kind, _, n in said)
                    + "; welcher Satz gilt, hängt davon ab, in welchem Teil der Standort liegt. ")
        elif len(row.group(0)) > _ROW_QUOTED:
            text = f"Für {_with_town(place, towns)} gilt eine eigene Zeile der Liste der Fördergebiete (Anhang 5): " \
                   f"{said[0][0]}" + (f", nur für die dort genannten Teile ({said[0][1]})" if said[0][1] else "") \
                   + f" [{said[0][2]}]. "
        else:
            text = f"Für {_with_town(place, towns)} gilt eine eigene Zeile der Liste der Fördergebiete (Anhang 5): " \
                   f"„{row.group(0)}“ {cited}. "
        if found.profile is not None and found.profile.company_size == "small":
            smalls = " oder ".join(dict.fromkeys(r.group("small") for _, r in parts))
            text += f"Für ein kleines Unternehmen {'sind das je nach Teil' if len(parts) > 1 else 'dort sind das'} " \
                    f"bis zu {smalls} Prozent {cited}."
        if len(parts) > 1:  # the parts, after the bottom line
            text = text.strip() + "\n\nDie Teile laut Anhang 5: " \
                + "; ".join(f"{kind.split(' ', 1)[0]}: {named} [{n}]" for kind, named, n in said) + "."
        if row.group("land") != OWN_LAND:
            w.elsewhere = row.group("land")
        return text.strip() + _office_there(row.group("land"), w)
    if any(place in p.text for p in w.passages if p.document == "grw" for place in places):
        return ""  # named in the GRW text elsewhere: not for this answer to say it has no row
    if (home := _home_row(w)) is None:
        return ""
    row, n = home
    named = _with_town(places[0], towns) + (f" ({', '.join(places[1:])})" if len(places) > 1 else "")
    return (f"Für {named} nennt die Liste der Fördergebiete des Koordinierungsrahmens (Anhang 5) keine Zeile: Dort ist "
            f"keine GRW-Förderung möglich. Die Sätze, nach denen Sie fragen, gelten für den Landkreis Osnabrück: "
            f"„{row.group(0)}“ [{n}].")


# Where a row of the list of GRW areas names only parts of its district or city ("Dortmund, Kreisfreie Stadt, davon:
# Aplerbeck, …", "Halle (Saale), Kreisfreie Stadt, ohne Wohngebiete: …", "Düren, Kreis, davon (Fortsetzung): …")
_ROW_PARTS = re.compile(r",?\s(?:davon|ohne)\b")
_ROW_RATES = re.compile(r"Unternehmen\)?: (?P<rates>[^\n]+)$")
_ROW_QUOTED = 240  # a row longer than this (one that lists its parts) is said in few words, not quoted in the text


def _rows_in_parts(row: re.Match[str], rows: list[tuple[Passage, re.Match[str]]]) -> list[tuple[Passage, re.Match[str]]]:
    """The rows of the list of GRW areas for the same district or city as `row` ("Dortmund, Kreisfreie Stadt"), each
    for a part of it, in their order; none where the row is for the whole."""
    whole = _ROW_PARTS.split(row.group("place"), maxsplit=1)[0].strip()
    if whole == row.group("place").strip():
        return []
    return [(p, m) for p, m in rows if m.group("land") == row.group("land")
            and _ROW_PARTS.split(m.group("place"), maxsplit=1)[0].strip() == whole]


def _row_said(passage: Passage, row: re.Match[str], w: _Writer) -> tuple[str, str, int]:
    """A row of the list of GRW areas in few words, cited: its kind with its rates ("D-Fördergebiet (kleine/mittlere/
    große Unternehmen: 20/10 Prozent/De-minimis-Höchstbetrag)"), for a part of a district or city the opening of its
    list of parts ("davon: Selm"), and the row's citation number."""
    n = w.cite(passage, row.group(0))
    listed = _ROW_PARTS.split(row.group("place"), maxsplit=1)[0]
    named = row.group("place")[len(listed):].lstrip(", ")
    named = named if len(named) <= 120 else named[:120].rsplit(",", 1)[0] + ", …"
    rates = m.group("rates") if (m := _ROW_RATES.search(row.group(0))) else ""
    return f"{row.group('kind')}-Fördergebiet (kleine/mittlere/große Unternehmen: {rates})", named, n


def _office_there(land: str, w: _Writer) -> str:
    """A sentence on where applications for a site in another Land go (that Land's office, not the NBank; KR Anhang 2),
    cited; empty for Niedersachsen or where the form names no office."""
    if (office := land_office(land, w.passages)) is None:
        return ""
    return f" {OFFICE_THERE}: „{office[1]}“ [{w.cite(*office)}]."


# The opening of the sentence that names another Land's office for a site there (`_office_there`)
OFFICE_THERE = "Anträge für einen Standort dort nimmt die Stelle dieses Landes entgegen"


# The NBank named as the office of an application ("Antrag: NBank.", "… bei der NBank eingehen", "mit der NBank
# abstimmen", "die NBank"; not where the text says it is not: "Nein, nicht bei der NBank"), and the name of
# Niedersachsen's programme beside it
_NBANK_OFFICE = re.compile(r"\bAntrag: NBank\b[^.]{0,80}\.|(?<!nicht )\b(?P<case>bei|von|mit|an|der|die) "
                           r"(?P<article>der |die )?NBank\b|\s{0,2}\(Programm „Niedersachsen Invest GRW“\)")

_SAYS_OFFICE = re.compile(r"nicht\s{1,3}(bei\s{1,3})?(der|die)\s{1,3}NBank|Stelle\s{1,3}(für|des\s{1,3}Landes)\s{1,3}"
                          r"Niedersachsen|Stelle\s{1,3}des\s{1,3}Bundeslandes")


def _applied_elsewhere(summary: str, details: list[str], paths: list[AnswerPath],
                       land: str) -> tuple[str, list[str], list[AnswerPath]]:
    """An answer on a GRW site in another Land: the office of its application is that Land's (KR Anhang 2), not the
    NBank of Niedersachsen, in the text and on the GRW paths' cards (LEADER and the Zukunftsregion are
    Niedersachsen's own, and hold only there)."""
    office = f"die zuständige Stelle in {land} (KR Anhang 2), nicht die NBank"

    def said(m: re.Match[str]) -> str:
        if m.group().startswith("Antrag"):
            return f"Antrag: {office}."
        if not m.group("case"):
            return ""  # the programme's name in Niedersachsen
        dative = m.group("case") in ("bei", "von", "mit") or m.group("case") == "der" and not m.group("article")
        stelle = "der zuständigen Stelle" if dative or m.group("article") == "der " else "die zuständige Stelle"
        return f"{m.group('case')} {stelle} in {land}" if m.group("article") else f"{stelle} in {land}"

    def moved(text: str) -> str:
        # (not a text that already says where such an application goes: "Nein, nicht bei der NBank: …")
        return text if _SAYS_OFFICE.search(text) else _NBANK_OFFICE.sub(said, text)

    cards = [replace(p, where_to_apply=office, next_steps=[moved(step) for step in p.next_steps])
             if programme(p.id) == "grw" else p for p in paths]
    return moved(summary), [moved(d) for d in details], cards


def _with_town(district: str, towns: dict[str, str]) -> str:
    """A district, named by the town the asker named in it where they did: "Rheine (Kreis Steinfurt)"."""
    town = next((town for town, named in towns.items() if named == district), None)
    return f"{town} (Kreis {district})" if town else district


_ASKS_AREA = re.compile(r"\b[A-D]-?\s{0,2}(oder\s{1,3}[A-D]-?\s{0,2})?fördergebiet"
                        # ("wo steht, dass der Landkreis D-Gebiet ist", "weil wir jetzt C-gebiet sind")
                        r"|\b(ist|sind)\s{1,3}(der\s{1,3})?(landkreis|kreis|wir)\b[^?.]{0,30}\b[A-D]-gebiet"
                        r"|\b[A-D]-gebiet\w{0,2}\s{1,3}(ist|sind|sei|wäre)\b|\b(welche[snm]?|was\s{1,3}für\s{1,3}(ein)?)\s{1,3}"
                        r"(art\s{1,3}(von|des)\s{1,3})?fördergebiet|\bfördergebiet\w{0,2}\s{0,3}\?|\bist\b[^?]{0,60}\bfördergebiet"
                        # ("Stimmt es, dass der ganze Landkreis GRW-Fördergebiet ist …?", "Seit wann ist … Fördergebiet?")
                        r"|\bfördergebiet\w{0,2}\s{1,3}(ist|sei|wäre)\b|\bseit\s{1,3}wann\b[^?]{0,60}\bfördergebiet",
                        re.IGNORECASE)




def _size_said(size: str, w: _Writer) -> str:
    """A size class, its rule's number and its limits cited: "ein großes Unternehmen (Nr. 2.1.5) [3]"."""
    limit = {limit.size: limit for limit in FundingKnowledge.load().company_sizes}[size]
    cited = w.cite_source(limit.source) + (w.cite_source(limit.money_source) if limit.money_source else "")
    return f"{_SIZE_LABEL[size]} (Nr. {limit.source.section}){cited}"


# A rate the asker names and asks whether it holds: "Mit wieviel Förderung können wir rechnen, 10%?", "gilt das dann
# noch mit den 10%?" (not a share of the costs: "20 % Eigenanteil?")
_RATE_ASKED = re.compile(r"(?<![\d,.])(\d{1,2})\s{0,2}(?:%|prozent)(?!\s{0,3}(?:eigen|anteil|beteilig|der\s{1,3}kosten))"
                         r"[^.!?]{0,25}\?", re.IGNORECASE)
_COMPARED = re.compile(r"\b(mehr|weniger|höher|niedriger|besser)\s{1,3}als\b|\büber\b|\bunter\b", re.IGNORECASE)
# the paths whose rate the size class gives (KR Nr. 2.5.1): the regional grant and its De-minimis route, not a
# transformation project's own rates (Nr. 2.4.3)
_SIZE_RATED = {"grw-gewerbe", "grw-gewerbe/de-minimis"}
_FIRMS_PATH = "grw-gewerbe"  # the path of a firm's own investment (KR chapter 2)
_OF_A_GRANT = re.compile(r"förder|zuschuss|satz|quote|\bgilt\b|\bgelten\b|bleib|rechnen|bekomm|krieg|\bdrin\b|\bgibt",
                         re.IGNORECASE)


# A rule answer that states a rate of funding ("mit bis zu 75 Prozent der Kosten", "die Fördersätze … um 50 Prozent zu
# verringern"), not a share of another kind ("Ihr Eigenbeitrag von mindestens 25 Prozent")
_STATES_A_RATE = re.compile(r"\b(bis|höchstens)\s{1,3}(zu\s{1,3})?\d{1,3}\s{0,2}(Prozent|%)|Fördersätze?\b[^.]{0,40}\d{1,3}\s{0,2}Prozent")
_RATES_WEIGHED = re.compile(r"\b\d{1,2}\s{0,2}(%|prozent)?\s{1,3}oder\s{1,3}(doch\s{1,3}|nur\s{1,3})?\d{1,2}\s{0,2}(%|prozent)",
                            re.IGNORECASE)


def _named_rate_verdict(found: Findings, lead: PathAssessment | None, w: _Writer) -> str:
    """Where the asker names a rate of the investment grant and asks whether it holds, and their size class gives
    another ("180 MA, … gehören zu 60 % einer Gruppe … 10%?"): that it does not, and the size that decides (KR Nr.
    2.1.5), cited; the path's line gives the rate that holds. "" for any other question."""
    profile = found.profile
    if lead is None or lead.blocked or lead.id not in _SIZE_RATED or profile is None \
            or profile.company_size not in _SIZE_LABEL or _RATES_WEIGHED.search(found.question):
        return ""  # (nor where two rates are weighed: "krieg ich jetzt 20 oder 10 %?", the line says which holds)
    for match in _RATE_ASKED.finditer(found.question):
        if _COMPARED.search(found.question[max(0, match.start() - 30):match.start()]):
            continue  # "mehr als die normalen 20%?": a rate compared, not one asked for
        sentence = re.split(r"[.!?]\s", found.question[:match.start()])[-1] + match.group(0)
        named = float(match.group(1))
        if not _OF_A_GRANT.search(sentence) or lead.applicant_rate is not None and abs(lead.applicant_rate - named) < 0.01:
            continue
        # (the rate named is not repeated: a figure no quote holds is not said)
        return f"Nein, der genannte Satz gilt für Sie nicht: {_SIZE_TOLD}" \
               f"{_size_said(profile.company_size, w)}."
    return ""


_SAYS_LARGE = re.compile(r"\bgro(ß|ss)(unternehmen|betrieb|konzern)|\bgro(ß|ss)e[snm]?\s{1,3}(unternehmen|betrieb|firma)"
                         r"|\bkonzern\b", re.IGNORECASE)  # the asker says the size (no verdict to tell it back)


_SIZE_TOLD = "Nach Ihren Angaben sind Sie "  # how a size verdict tells the asker's size


def _size_verdict(found: Findings, w: _Writer, in_project: bool = False) -> str:
    """For a question of the asker's size class with their headcount given: the size the figures make (KR Nr. 2.1.5),
    or, where the figure not given decides (a turnover over the small firm's limit, no balance sheet total), at which
    limit of that figure it decides; the rule's limits cited. "" for any other question. In a project's answer
    (`in_project`), a large firm's size is not told where only its rate is asked: the path's line says it."""
    profile = found.profile
    # (also where the rate is asked for by a firm whose headcount makes it large, "252 MA … welcher fördersatz gilt für
    # uns?": the size is why only the De-minimis route is open)
    large_asks_rate = profile is not None and profile.company_size == "large" and not profile.linked_enterprise \
        and not profile.size_between and bool(ASKS_HOW_MUCH.search(found.question)) \
        and not _SAYS_LARGE.search(found.question) and not in_project
    # (and where the figures leave a firm between a medium and a large one, for which the firms' grant is open: whether
    # it gets a rate or only the De-minimis maximum turns on the figure not given,
    # "kurz bitte, ja oder nein: kriegen wir was? 180 MA, 95 mio umsatz")
    between_decides = profile is not None and profile.size_between[:1] == ["medium"] \
        and any(p.id.split("/")[0] == "grw-gewerbe" and not p.blocked
                for p in (found.funding.paths if found.funding else []))
    if profile is None or profile.employees is None or not (ASKS_SIZE.search(found.question) or large_asks_rate
                                                            or between_decides):
        return ""
    limits = {limit.size: limit for limit in FundingKnowledge.load().company_sizes}
    if profile.size_between and profile.linked_enterprise:
        return ""  # the figures of the group decide (Nr. 2.1.5 (4)): the rule on linked enterprises answers
    if profile.size_between:
        if len(FundingKnowledge.load().possible_sizes(profile.employees, profile.turnover_eur,
                                                      profile.balance_sheet_eur)) < 2:
            return ""  # (open for the part-time staff among the headcount, not for a figure not given)
        first, second = limits[profile.size_between[0]], profile.size_between[-1]
        balance = profile.turnover_eur is not None  # the turnover given exceeds the limit: the balance sheet decides
        most = first.balance_max_eur if balance else first.turnover_max_eur
        if most is None:
            return ""
        figure, pronoun = ("die Jahresbilanzsumme", "sie") if balance else ("der Jahresumsatz", "er")
        return (f"Nach Ihren Angaben entscheidet {figure}: Liegt {pronoun} bei höchstens {_percent(most / 1e6)} "
                f"Millionen Euro, sind Sie {_size_said(first.size, w)}, sonst {_size_said(second, w)}.")
    if profile.company_size in limits and profile.work_units is not None:
        # (part-time staff with their hours: the headcount in full-time posts decides)
        cited = w.cite_source(FundingKnowledge.load().part_time_posts)
        return (f"{_SIZE_TOLD}{_size_said(profile.company_size, w)}, denn Teilzeitstellen zählen "
                f"anteilig nach ihren Arbeitsstunden{cited}. {OWN_CALCULATION} Ihre {profile.employees} Beschäftigten "
                f"sind, die Teilzeit anteilig gerechnet, {_percent(profile.work_units)} Vollzeitstellen. Für die "
                f"Größenklasse gilt Anhang I AGVO, der nicht zu den hinterlegten Unterlagen gehört; er zählt ebenfalls "
                f"in Jahresarbeitseinheiten.")
    if profile.company_size in limits:
        open_money = profile.turnover_eur is None and profile.balance_sheet_eur is None \
            and profile.company_size != "large"
        return (f"{_SIZE_TOLD}{_size_said(profile.company_size, w)}"
                + (", sofern Jahresumsatz oder Bilanzsumme die Grenze dieser Größe einhalten." if open_money else "."))
    return ""


def _home_row(w: _Writer) -> tuple[re.Match[str], int] | None:
    """The row of Landkreis Osnabrück in the list of GRW areas (KR Anhang 5), cited: the row and its number."""
    home = next(((p, m) for p, m in _area_rows(w.passages) if _OSNABRUECK_AREA.search(m.group("place"))
                 and "Landkreis" in m.group("place")), None)
    return (home[1], w.cite(home[0], home[1].group(0))) if home else None


def _home_instead(found: Findings, lead: PathAssessment | None, w: _Writer) -> str:
    """Where the asker's place has no GRW row but the project may also go to a municipality of the Landkreis ("bei uns
    im Emsland oder in Fürstenau"): that the Landkreis's row holds there (KR Anhang 5), cited; empty otherwise."""
    named = found.profile.municipalities if found.profile else []
    if lead is None or not lead.programme_wide or not named:
        return ""
    if (home := _home_row(w)) is None:
        return ""
    row, n = home
    return (f"In {' und '.join(named)} (Landkreis Osnabrück) gilt dagegen die Zeile des Landkreises in der Liste der "
            f"Fördergebiete (Anhang 5): „{row.group(0)}“ [{n}].")


# One place put for another ("und mit der halle in bohmte statt melle?", "in Dissen anstelle von Bad Iburg")
_INSTEAD_OF = re.compile(r"\s(statt|anstatt|anstelle\s{1,3}von)\s", re.IGNORECASE)


def _moved_within(found: Findings, lead: PathAssessment | None, w: _Writer) -> str:
    """Where a question puts the project in one municipality of the Landkreis instead of another ("in bohmte statt
    melle"): that the whole Landkreis is one kind of GRW area, so its rates hold there too (KR Anhang 5), cited; empty
    otherwise (a move of a firm is a relocation, with its own rules)."""
    named = municipalities_named(found.question)
    instead = _INSTEAD_OF.search(found.question)
    if len(named) < 2 or instead is None or lead is None or lead.blocked or not lead.id.startswith("grw") \
            or not municipalities_named(found.question[:instead.start()]) \
            or not municipalities_named(found.question[instead.end():instead.end() + 40]) \
            or (home := _home_row(w)) is None:
        return ""
    row, n = home
    return (f"Auch {named[0]} liegt im Landkreis Osnabrück, und der ganze Landkreis ist {row.group('kind')}-Fördergebiet "
            f"(Anhang 5) [{n}]: Am Höchstsatz ändert der andere Ort nichts.")


# A question for the areas of one kind ("welche Regionen in Niedersachsen sind C-Fördergebiet?", "welche kreise in nds
# sind c-gebiet?"), and the names of a Land people shorten
_ASKS_AREAS_OF_KIND = re.compile(r"\bwelche\w{0,2}\s{1,3}([\w-]{2,20}\s{1,3})?(regionen|landkreise|kreise|gebiete|städte|kommunen"
                                 r"|orte|gegenden|fördergebiete)\b[^?]{0,60}?\b(?P<kind>[A-D])-?\s{0,2}(förder)?gebiet",
                                 re.IGNORECASE)
_LAND_SHORT = {"nds": "Niedersachsen", "nrw": "Nordrhein-Westfalen", "bw": "Baden-Württemberg", "rlp": "Rheinland-Pfalz",
               "sh": "Schleswig-Holstein", "mv": "Mecklenburg-Vorpommern"}
def _areas_of_kind(found: Findings, w: _Writer) -> tuple[str, list[str]]:
    """For a question for the GRW areas of one kind or more in a Land ("welche … sind D-Fördergebiet, welche C?"): the
    places of each kind asked, each cited by its row of the list of GRW areas (KR Anhang 5): one kind of at most
    `_AREAS_IN_BOTTOM_LINE` places in the bottom line itself; else a bottom line that names the kinds, and a line per
    kind (the second element). In Niedersachsen where the question names no Land. Empty for any other question, or
    where no row is of a kind asked."""
    asked = _ASKS_AREAS_OF_KIND.search(found.question)
    if asked is None:
        return "", []
    kinds = list(dict.fromkeys([asked.group("kind").upper()] + [
        m.group(1).upper() for m in _ANOTHER_KIND.finditer(found.question, asked.end())]))
    rows = _area_rows(w.passages)
    lands = {row.group("land") for _, row in rows}
    words = {word.lower().rstrip(".") for word in re.findall(r"[\w.-]+", found.question)}
    named = [land for land in lands if re.search(rf"\b{re.escape(land)}\b", found.question, re.IGNORECASE)] \
        + [land for short, land in _LAND_SHORT.items() if short in words and land in lands]
    land = named[0] if named else OWN_LAND
    of_kind = [(kind, [(passage, row) for passage, row in rows
                       if row.group(0).startswith(land + ":") and row.group("kind") == kind]) for kind in kinds]
    of_kind = [(kind, places) for kind, places in of_kind if places]
    if not of_kind:
        return "", []
    listed = {kind: "; ".join(f"{row.group('place')} [{w.cite(passage, row.group(0))}]" for passage, row in places)
              for kind, places in of_kind}
    if len(of_kind) == 1 and len(of_kind[0][1]) <= _AREAS_IN_BOTTOM_LINE:
        kind = of_kind[0][0]
        return f"{kind}-Fördergebiete in {land} sind nach der Liste der Fördergebiete (Anhang 5): {listed[kind]}.", []
    # (too many for the bottom line: it says what follows, a line per kind lists the places; counted nowhere, as the
    # list holds no count)
    names = " und ".join([f"{kind}-" for kind, _ in of_kind[:-1]] + [f"{of_kind[-1][0]}-Fördergebiete"])
    return (f"Die {names} in {land} nach der Liste der Fördergebiete (Anhang 5), jedes mit seiner Zeile:",
            [f"{kind}-Fördergebiete in {land}: {listed[kind]}." for kind, _ in of_kind])


_AREAS_IN_BOTTOM_LINE = 6
# a further kind asked after the first ("welche … sind D-Fördergebiet, welche C?", "und welche C-Gebiete?")
_ANOTHER_KIND = re.compile(r"\b(?:welche\w{0,2}|und|oder)\s{1,3}(?:\S{1,20}\s{1,3}){0,2}?([A-D])\b(?:-?\s{0,2}(?:förder)?gebiet\w{0,2})?"
                           r"(?=\s{0,2}[?,.]|\s{1,3}(?:sind|ist|bitte)\b|-)", re.IGNORECASE)


# A question for what an annex of the KR is or holds ("was steht in anhang 4 vom grw koordinierungsrahmen?", "Worum
# geht es in Anhang 3?"), not for its wording or a rule in it
_ASKS_ANNEX = re.compile(r"\b(was\s{1,3}(steht|ist|enthält|regelt|beinhaltet)|worum\s{1,3}geht\s{1,3}es|wofür\s{1,3}ist)\s{1,3}"
                         r"(\S{1,12}\s{1,3}){0,2}?anhang\s{1,3}(?P<n>\d{1,2})\b", re.IGNORECASE)
_ANNEX_HEADING_CHARS = 220


def _annex_named(found: Findings, w: _Writer) -> str:
    """For a question of what an annex of the KR is: its heading, cited (the heading of Anhang 4 says it is the special
    programme of the eastern refinery sites). Empty for any other question, or one for a wording."""
    asked = _ASKS_ANNEX.search(found.question)
    if asked is None or ASKS_WORDING.search(found.question):
        return ""
    annex = f"Anhang {asked.group('n')}"
    passage = next((p for p in w.passages if p.document == "grw" and p.section_number == annex and not p.footnote), None)
    if passage is None:
        return ""
    lines = passage.text.split("\n")
    heading = lines[0].strip()
    # (a heading broken over two lines goes on with a date: "… im Zeitraum vom 1. Januar 2022 bis" / "31. Dezember 2027")
    for line in lines[1:3]:
        if not line.strip() or heading.endswith((".", ":", "“")) or not line.strip()[0].isdigit():
            break
        heading = f"{heading}\n{line.strip()}"
    if len(heading) > _ANNEX_HEADING_CHARS or not heading.startswith(annex):
        return ""
    return f"{annex} des Koordinierungsrahmens: „{heading}“ [{w.cite(passage, heading)}]."


def _own_area(found: Findings, w: _Writer) -> str:
    """For a question of what kind of GRW area the Landkreis is ("Ist der Landkreis Osnabrück C- oder
    D-Fördergebiet?"): the bottom line in words, with its row of the list of GRW areas (KR Anhang 5). Empty for any
    other question, and where it names another place."""
    if not _ASKS_AREA.search(found.question) or CarefulCases.load().places_named(found.question):
        return ""
    if (home := _home_row(w)) is None:
        return ""
    row, n = home
    return f"Der Landkreis Osnabrück ist {row.group('kind')}-Fördergebiet (Anhang 5): „{row.group(0)}“ [{n}]."


# A paragraph that names an entry of a list: "Wittlager Land: Bad Essen, Bohmte und Ostercappeln. …".
_ENTRY = re.compile(r"^([A-ZÄÖÜ][^:\n]{2,60}):[ \t]", re.MULTILINE)
_ASKS_LIST = re.compile(r"\b(welche|wie heißen|nenn\w{0,2}|liste|aufzählung|was für)\b", re.IGNORECASE)
_ASKS_WHICH = re.compile(r"\bwelche[nrs]?\s{1,3}(\S{2,40}(?:\s{1,3}\S{2,40})?)", re.IGNORECASE)  # its next two words
# A sentence that enumerates: at least three items, the last joined by "und", "sowie" or "oder" ("Agrar- und
# Landtechnik, Ernährungswirtschaft, …, Handwerk sowie die Gesundheitswirtschaft bilden das Rückgrat …"). Bounded.
_ENUMERATION = re.compile(r"(?:[^,.;:\n]{2,60},\s{1,3}){2,12}[^,.;:\n]{2,80}?\s(?:und|sowie|oder)\s")


def _named_entries(found: Findings, w: _Writer, answered: set[tuple[str, str]] = frozenset()) -> str:
    """For a question for a list ("Welche LEADER-Regionen gibt es …?") answered by a passage whose heading names what
    is asked and whose paragraphs each name one entry ("Melle: Die Stadt Melle bildet …"): the entries, in the
    passage's order, with the paragraphs quoted; else the first sentence of such a section that enumerates ("Welche
    Leitbranchen nennt das IREK?": „Agrar- und Landtechnik, …, Handwerk sowie die Gesundheitswirtschaft bilden das
    Rückgrat …“). Empty where no passage of the first three hits' sections is such a list, or where the list's
    section is one a rule's answer quotes (`answered`: (document, section title))."""
    if not _ASKS_LIST.search(found.question):
        return ""
    asked = set(stems(found.question))
    candidates = [replace(hit, passage=p) for hit in found.hits[:3] for p in _section_passages(hit.passage, w.passages)
                  if (p.document, p.section_title.strip()) not in answered]
    for hit in candidates:  # a hit's section whole: the list may be its second passage
        passage = hit.passage
        entries = list(_ENTRY.finditer(passage.text))
        names = [m.group(1).strip() for m in entries]
        if len(names) < 3 or len(set(names)) < len(names) or not asked & set(stems(passage.section_title)):
            continue
        if (place := _named_places(found, [passage], CarefulCases.load())) and place.search(passage.text):
            return ""  # the entry of a place the question names answers it ("Welche LEADER-Region ist für Bramsche
            # zuständig?": the sentence that names Bramsche leads)
        end = passage.text.find("\n", entries[-1].end())
        quote = passage.text[entries[0].start() : end if end > 0 else len(passage.text)].strip()
        n = w.cite(passage, quote)
        listed = ", ".join(names[:-1]) + f" und {names[-1]}"
        return f"{w.label(passage, quote)}: {listed} [{n}]."
    # else the first sentence, in the section's own order, that enumerates what "welche" asks for, where the
    # section's heading names it ("Welche Leitbranchen …" and „Regionale Leitbranchen“; not "Welche Voraussetzungen
    # gelten für Infrastruktur …" and a heading on infrastructure)
    which = _ASKS_WHICH.search(found.question)
    named = set(stems(which.group(1))) if which else set()
    for hit in [h for h in found.hits[:3] if (h.passage.document, h.passage.section_title.strip()) not in answered] \
            if named else []:
        # (also as the head of the heading's compound: "Welche Branchen …" and „Regionale Leitbranchen“)
        if not any(s == t or len(s) >= 5 and t.endswith(s) for s in named for t in stems(hit.passage.section_title)):
            continue
        for passage in sorted(_section_passages(hit.passage, w.passages), key=lambda p: p.start):
            sentence = next((s for s in split_sentences(passage.text)
                             if _ENUMERATION.search(s) and informative(s) and s.rstrip().endswith(".")), "")
            label = w.label(passage, sentence.strip())
            if sentence and len(label) + len(sentence) + 10 <= MAX_SUMMARY_CHARS:
                quote = sentence.strip()
                return f"{label}: „{quote}“ [{w.cite(passage, quote)}]"
    return ""


def _title_named(title: str, question: str) -> bool:
    """Whether a goal's title names a word of the question (stems of five letters or more, one the start of the other:
    "Leitbranchen" in "Regionale Leitbranchen stärken"); not by a word every goal's title may hold ("entwickeln",
    "Grundlagen": "Wie wurde das IREK entwickelt?" names no goal)."""
    named = {s for s in stems(question) if len(s) >= 5}
    titled = [t for t in stems(title) if t not in TITLE_WORDS]
    return any(s[:5] == t[:5] and (s.startswith(t) or t.startswith(s)) for s in named for t in titled)


_FIRMS_INVESTMENT_KIND = "business_investment"  # the kind of project of any firm's investment (funding_paths.yaml)
_FITS_IN_IREK = "Im IREK passt dazu"  # how the goals beside a fact answer, or leading it, are introduced


def _goals_asked(found: Findings) -> bool:
    """Whether the goals of a question of fact belong in its answer: for a question about the IREK, where it asks for
    the goals on a topic ("Welche Ziele hat das IREK zur Energie?", "Was steht für das Handwerk im IREK?"), not about
    the IREK as such ("Was ist das IREK?", which no goal answers) nor about what its chapters say ("Mit welchen
    Strategien ist das IREK verzahnt?": no goal among the best passages, none asked for, no goal title that names a word
    of the question); for a rule, eligibility, amount or procedure, the pipeline gives goals only for a subject the
    question names (a trade, a kind of project)."""
    if not found.goals or found.goal_list is not None and found.goal_list.all_levels:
        return False  # (the IREK as a whole, "Was ist das IREK?": no goal of it answers)
    if found.intent == "irek":
        return bool(IREK_QUESTION.search(found.question) and topic_words(found.question)) \
            and (bool(_GOALS_NAMED.search(found.question) or _TOPIC_ASKED.search(found.question))
                 or any(h.passage.goal_code for h in found.hits[:3])
                 or any(_title_named(title, found.question) for g in found.goals[:3]
                        for title in (g.title, g.leitziel.title)))
    # a question of a rule or of procedure names a trade in passing ("unser Hallenbauer ist pleite – schaffen wir die
    # Frist?"): a goal fits only a kind of project it names; of a rule, a firm's investment of no trade named ("wenn
    # wir in melle ne maschine gefördert kriegen, dürfen wir die … nach bünde rüberholen?") is no subject any goal has
    if found.intent not in ("rule", "procedure"):
        return True
    kinds = set(found.profile.project_types) if found.profile else set()
    if found.intent == "procedure":  # the steps of a project ("neue produktionshalle, 30 MA … nächsten schritte?")
        return bool(kinds)
    # (nor the regional development concept the KR's rules are asked of: "Welche Mindestbestandteile muss laut KR ein
    # regionales Entwicklungskonzept haben?")
    return bool(kinds - {_FIRMS_INVESTMENT_KIND, "regional_concept"} or kinds and found.profile.sector)


def _fact(found: Findings, w: _Writer) -> tuple[str, list[str], list[AnswerPath]]:
    facts_given = found.profile is not None and found.profile.facts_given
    lead = _lead_path(found.funding)
    worded = _worded_goal(found)  # "den Wortlaut vom Handlungsziel zu …": that goal
    # (a question of a rule on a cost item of the asker's project, "und wenn das Nachbargrundstück dazukommt?", is one
    # of whether that item can be funded)
    # (and a date the asker gives for an item a rule of the path dates, "die fläche haben wir schon im märz 2025
    # gekauft. gilt das mit den 25 % trotzdem?": the rule's verdict on that date, KR Nr. 5 (5))
    item_rule = found.intent in ("rule", "procedure") and lead is not None and (
        bool(lead.cost_notes) and _item_asked(found.question, lead.cost_notes[0].cost_item)
        or any(c.kept is not None and c.not_before is not None for c in lead.limits))
    # (not where the question asks where a figure stands, "woher genau kommt die 90 % bis 2028?": its passage leads)
    verdict = _verdict(found, w) if facts_given and (found.intent in ("eligibility", "amount") or item_rule) \
        and not (ASKS_SOURCE.search(found.question) and figures(found.question)) else ""
    asks_where = found.intent == "procedure" and bool(_ASKS_WHERE.search(found.question))
    if found.intent == "irek" and not verdict and found.goals and _ASKS_CORRIDOR.search(found.question):
        verdict = _place_of_goal(found.goals[0], w)  # "zu welchem themenkorridor gehört gesundheitstourismus?"
    if facts_given and found.intent == "procedure":
        # in a conversation about a project: what rules it out, else its next step (not for a question of how long or
        # until when: "Wie lange haben wir nach Bewilligung Zeit?" is answered by the rule's span, after the rule the
        # question names in its own words: "der neue kann erst in 8 Monaten. Schaffen wir die Frist dann noch?")
        # (the next step only for a project, in a conversation or where the question asks for it: "Was prüft die
        # Bewilligungsstelle …?" of a firm is answered by the rule, not by "Nächster Schritt")
        asks_time = _ASKS_SPAN.search(found.question) or _ASKS_DURATION.search(found.question)
        # (not where the question asks for a rule's wording or where it stands: "… brauch ich die 90%-regel aber
        # wörtlich, mit fundstelle": the quote answers, no step)
        quoting = bool(ASKS_WORDING.search(found.question) or ASKS_SOURCE.search(found.question))
        asks_steps = bool(ASKS_NEXT_STEP.search(found.question) or _ASKS_WHERE.search(found.question))
        steps = (found.in_conversation or bool(found.profile.project_types) or asks_steps) and not quoting
        # (a rule the question names in its own words, where it asks neither for a rule's wording nor for the steps)
        own_words = not (quoting or asks_steps)
        verdict = _no(lead, w) if lead is not None and lead.ruled_out and not _asks_start_of_item(found, lead) \
            else _named_rule(lead, w) if asks_time and not _ASKS_WHERE.search(found.question) \
            else verdict or (_named_rule(lead, w) if own_words else "") or (_next_step(found) if steps else "")
        # (the rule on a cost item asked about, "wer stellt dann den Antrag?", or one the question names in its own
        # words, "und wenn ein Zweckverband den Antrag stellt?")
        if verdict.startswith("Nächster Schritt") and lead is not None and not lead.blocked \
                and ASKS_HOW_MUCH.search(found.question) \
                and (rate := _short_rate(_rate_phrase(lead, w, found.profile))):
            # "wer ist bei uns zuständig und wie viel prozent gibts da?": the path's rate beside its first step
            verdict = f"{_measure_name(lead)}: {rate}. {verdict}"
    elif facts_given and found.intent == "rule" and found.in_conversation:
        # "den Auftrag habe ich übrigens schon unterschrieben – ändert das was?": what now rules the project out
        # (else the rule on a cost item it asks about)
        verdict = _no(lead, w) if lead is not None and lead.ruled_out else verdict
    elif facts_given and found.intent == "rule" and lead is not None and not lead.blocked:
        # "Zählen bei der KMU-Grenze die Leute der Muttergesellschaft mit? … gehören zu 100 % einer Holding": the rule
        # of the asker's path their facts trigger and the question names
        verdict = _rule_asked(found, lead, w, fitting=False) or verdict
    elif asks_where:
        verdict = _next_step(found)  # "Wo stelle ich den Antrag?": the path's office and first step lead
    # "… oder muss er auf den Bescheid warten?": the KR's answer in its own sentence, for the path the asker's kind
    # leads to where the question names who asks or what for (a municipality's planning: Nr. 3.1.2)
    # (a firm's own kind of project with no asker named decides no other path's rule: "wie lange darf so ein gefördertes
    # projekt dauern? … die baugenehmigung für die halle" is asked of a firm's investment, whatever path leads)
    kind_given = found.profile is not None and bool(
        found.profile.applicant_type or set(found.profile.project_types) - FIRMS_OWN_KINDS
        or lead is not None and lead.id.split("/")[0] == _FIRMS_PATH and found.profile.project_types)
    ruled, rule = _rule_answer(found, w, lead if kind_given else None)
    no_project = not (found.profile is not None and (
        found.profile.project_types or found.profile.cost_items or found.profile.sector))
    # an answer to the whole question where the asker tells of no project of their own ("Für eine Anfrage im Kreistag:
    # wurde die Erstellung des IREK gefördert und was hat es gekostet?"): no verdict on a path, and no paths
    whole = rule is not None and rule.leads and no_project
    verdict = "" if whole else verdict
    # an answer of the IREK's own chapters to the second of two asks follows the answer to the first ("Was ist dieses
    # IREK und wer hat das geschrieben?"); a rule of the KR answers what the passages found may not
    units = asks(found.question)
    # (not one asked for in the first question: "was ist eigentlich dieses IREK? … passen wir da rein?" is answered by
    # what the IREK is, first)
    later = ruled if rule is not None and rule.programme == "irek" and not verdict and len(units) > 1 \
        and CarefulCases.load().rule_answer(units[0]) is None \
        and not CarefulCases.answers_first(rule, found.question, units[0]) else ""
    if later:
        # a third question of the text with a rule answer of its own ("Was ist das IREK, wer hat daran mitgewirkt und
        # ist das verbindlich?"): its answer follows too
        used = {rule.id}
        for unit in units[1:]:
            further = CarefulCases.load().rule_answer(unit)
            if further is not None and further.id not in used and (more := _rule_said(further, w)):
                used.add(further.id)
                later += " " + more
    ruled = "" if later else ruled
    # the rule answer of the first question, where the first asks for another than the one put first for the whole
    # text by leading (`leads`) though asked later ("Wer hat das IREK erstellt? Was hat es gekostet?": who made it;
    # what it cost is a further question, answered beside it); not where the leading one says it too, citing all it
    # cites
    if ruled and rule.leads and (whole or not verdict) and len(units) > 1 \
            and not CarefulCases.answers_first(rule, found.question, units[0]) \
            and (first := CarefulCases.load().rule_answer(units[0])) is not None and first.id != rule.id \
            and not {(s.document, s.quote) for s in first.sources} <= {(s.document, s.quote) for s in rule.sources} \
            and (first_said := _rule_said(first, w)):
        ruled, rule = first_said, first
    # (where to apply, asked of a project: the office, then the project's own next step, "wo stell ich den antrag?" in
    # a talk about a bakery's new oven)
    stepped = rule is not None and rule.with_step and verdict.startswith("Nächster Schritt") and not no_project
    # (the verdict on the asker's project follows where the text asks for it too: "Geht das über GRW? Und dürfen wir
    # den Bauauftrag schon vergeben?")
    # (a rule on how to apply on the path ruled out would read as advice to apply anyway: "Kosmetikstudio … Gibt es
    # GRW? Wie stell ich den Antrag?" gets the sentence that an application there has no prospect)
    ruled_out = bool(ruled and verdict and lead is not None and lead.ruled_out)
    no_application = ruled_out and _applying_on(rule, lead)
    if ruled_out:
        # the project's "no" before a rule that would read as a "yes" ("Sind wir als Kita-Träger antragsberechtigt? Wir
        # wollen eine Kita bauen": yes as a Träger, but no measure for a Kita)
        after_rule = CarefulCases.load().no_application if no_application else ruled
    else:
        # (a rule answer only to a later question follows the answer to where to apply, asked first: "Wo stelle ich
        # den Antrag? Und wie lange dauert es bis zum Bescheid?")
        # (nor one beside a sum asked for first, where the rule states no rate of its own: "wie viel zuschuss krieg
        # ich max …? und kann ich da noch nen kfw kredit obendrauf nehmen?")
        amount_first = found.intent == "amount" and rule is not None and not _STATES_A_RATE.search(rule.summary)
        # (nor one to a later part the asker numbers: "1) Wie hoch muss unser Eigenanteil mindestens sein? 2) Ist die
        # Mehrwertsteuer förderfähig?" is answered in that order)
        # (a path offered is no answer to the first part: "1) kann die NBank noch nach dem alten KR bewilligen? 2) zählt
        # der Grundstückskauf schon als Vorhabenbeginn?")
        numbered = numbers_questions(found.question) and not PATH_VERDICT.match(verdict)
        first_ruled = len(units) < 2 or not (asks_where or amount_first or numbered) \
            or CarefulCases.load().rule_answer(units[0]) is not None
        verdict, after_rule = ((ruled, verdict if len(units) > 1 or stepped else "") if first_ruled or not verdict
                               else (verdict, ruled)) if ruled else (verdict, "")
    # (a next step, which cites nothing, only where the question asks what to do: "… gleichzeitig beantragen? Und was
    # muss ich zuerst machen?", not "darf er jetzt bestellen oder muss er auf den Bescheid warten?")
    steps_asked = bool(ASKS_NEXT_STEP.search(found.question) or _ASKS_STEPS.search(found.question))
    if after_rule and after_rule != ruled and not stepped and not no_application \
            and (CITATION_NUMBER.search(after_rule) or not steps_asked) \
            and set(CITATION_NUMBER.findall(after_rule)) <= set(CITATION_NUMBER.findall(ruled)):
        after_rule = ""  # the rule answer states the path's rate already (the implementation budget's 75 %)
    if verdict and lead is not None and lead.blocked:
        # "Geht das über GRW? Und was wäre die Alternative?": the open path beside the "no"; unasked, one of the same
        # programme whose measures name the kind of project and that fits as well (a Kita for the staff of the firms
        # around: no business infrastructure, but the GRW's regional Daseinsvorsorge of Nr. 3.6)
        named = {programme(path_id) for path_id in named_paths(found.question)} - {programme(lead.id)}
        other = _open_beside(found.funding.paths, named)
        fits = other is not None and TYPE_FITS in other.fit_reasons and other.fit >= lead.fit \
            and programme(other.id) == programme(lead.id)
        verdict += " " + " ".join(_possible(other, w, found.profile)) if other and (
            fits or ASKS_OTHER_WAY.search(found.question) or programme(other.id) in named) else ""
    # "Wie viel Eigenanteil bei 1 Mio?": the computed share leads, the verdict follows
    share, granted = _own_share(found, w)
    verdict, after_share = (share, verdict) if share else (verdict, "")
    # "mit welchem Satz könnten wir in Jahr 4 bis 6 rechnen?": a rule of the lead path on its rate that the question
    # asks for in its own words (the rate's degression when the budget is extended, Nr. 3.4.2 (7)) leads; a sum is
    # computed for the first period only
    rate_rule = _asked_rate_rule(found, lead) if found.intent == "amount" and not share else None
    if rate_rule is not None:
        w.said |= {rate_rule.id}
        verdict = " ".join(p for p in (_cited(short_reason(rate_rule.text, 260), w.cite_source(rate_rule.source)),
                                       verdict) if p)
    # "… 180.000 € Abschreibungen pro Jahr. Wie hoch muss die Investition mindestens sein?": the least sum leads
    effect = _regional_effect(lead, found.profile, w)
    if effect and found.profile is not None and not found.profile.investment_eur:
        verdict, effect = f"{effect} {verdict}".strip(), ""
    # "48 Leute, aber 12 Mio Umsatz: sind wir klein oder mittel?": the size the figures make leads
    if sized := _size_verdict(found, w):
        verdict = f"{sized} {verdict}".strip()
    kinds, kind_lines = _areas_of_kind(found, w)
    # (the Landkreis's own kind of area, asked beside a question of the IREK, is answered as a further question, after
    # the IREK's: "1) Was ist das IREK …? … 3) Stimmt es, dass der ganze Landkreis GRW-Fördergebiet ist …?")
    district = _other_district(found, w) or kinds or (_own_area(found, w) if found.intent != "irek" else "") \
        or _annex_named(found, w)
    kind_lines = kind_lines if district == kinds else []
    if district and lead is not None and lead.programme_wide:
        verdict = ""  # the place's missing row says it all: no GRW there
    # (not a list the rule answered quotes from already: "Welche LEADER-Region ist zuständig?" is answered by the
    # regions with their municipalities, not by the regions' names)
    listed = "" if district else _named_entries(
        found, w, {(s.document, s.section) for s in rule.sources} if rule is not None and (ruled or later) else set())
    # after the verdict on whether the asker's project can be funded (not on how much: the rate's own sentence stays,
    # unless the verdict is "no": "Logistikfirma … Wieviel Zuschuss?" is not followed by the 20 % of small firms)
    # (none where each question of the text has a rule answer of its own: "wo beantrag ich das, was brauch ich dafür
    # und wie lang dauerts?" is answered by three, and a sentence found by its words adds nothing asked)
    quotes = [] if rule is not None and (no_application or _each_ruled(found.question, units)) else _fact_quotes(
        found, w, answered=rule if ruled or later else None,
        after_verdict=bool(verdict) and (found.intent == "eligibility" or item_rule) and not district and not listed,
        chapters=_chapters(lead) if verdict else set(),
        no_rates_of=lead if verdict and lead is not None and lead.blocked else None)
    details: list[str] = []
    if district or listed:  # a bottom line of its own; the verdict on the asker's path follows
        summary = district or listed
        details += kind_lines  # (the places of a kind too many for the bottom line)
        home = "Im Landkreis Osnabrück: "
        # (a rule answered is no verdict on the home district's path: "… und kann ich das gleich mit bei der NBank
        # beantragen?" beside the row of Bremen)
        details += [f"{home}{verdict}" if district and not verdict.startswith(home)
                    and not (ruled and verdict.startswith(ruled[:40])) else verdict] if verdict else []
        details += [f"{'Dazu heißt es' if i == 0 else 'Außerdem'} ({label}): {q}" for i, (label, q) in enumerate(quotes)]
    elif verdict:
        summary = verdict
        # what the rule that says "no" names as fundable instead follows it, in the bottom line where it fits
        instead = _instead(lead, w) if lead is not None and verdict.startswith("Nein –") else ""
        if instead and len(summary) + len(instead) < MAX_SUMMARY_CHARS:
            summary = f"{summary} {instead}"
        elif instead:
            details.append(instead)
        # a further rule of the path the question names in its own words, beside its "no" ("Kriegen wir trotzdem
        # GRW? Und müssen wir das im Antrag überhaupt angeben?": the form asks for the difficulties)
        beside_no = _further_named(lead, w) if lead is not None and verdict.startswith("Nein –") else None
        if beside_no is not None:
            details.append(_condition_said(beside_no, w))
        details += [after_share] if after_share else []
        details += [after_rule] if after_rule else []
        # "ok, und was muss ich jetzt als nächstes tun?": the steps after the next one
        details += [further] if (verdict.startswith("Nächster Schritt") or after_rule.startswith("Nächster Schritt")) \
            and (further := _further_steps(found, _first_open(found))) else []
        # "… Abschreibungen im Schnitt 2 Mio. Reicht das?": the regional effect the figures show (Nr. 2.3 (2))
        details += [effect] if effect else []
        details += [f"{'Dazu heißt es' if i == 0 else 'Außerdem'} ({label}): {q}" for i, (label, q) in enumerate(quotes)]
    elif worded:  # the goal in its own words leads, the passages found follow
        title = _first_line(worded.passage)
        summary = f"Handlungsziel {worded.code}: „{title}“ [{w.cite(worded.passage, title)}]"
        details += [f"Außerdem ({label}): {q}" for label, q in quotes if worded.passage.text not in q][:1]
    elif found.intent == "irek" and found.goals and _ASKS_GOAL_FITTING.search(found.question) \
            and not HANDLUNGSZIEL_CODE.search(found.question):
        # "welches IREK-Ziel passt für Wasserstoff im Gewerbegebiet?": the goals are the answer, the passages follow
        # (not the Leitziel a goal named by its code belongs to: `membership`)
        which = found.goals[:2]
        summary = f"{_FITS_IN_IREK}: {'; '.join(_goal_ref(g, w) for g in which)}."
        best = found.goals[0].leitziel
        holder = next((p for p in w.passages if p.document == "irek" and p.goal_code == best.code), None)
        if _ASKS_LEITZIEL.search(found.question) and holder is not None:
            # "zu welchem leitziel gehört das mit den fachkräften?": the Leitziel of the best goal, then its goals
            summary = (f"{_FITS_IN_IREK} das Leitziel {best.code} „{best.title}“ "
                       f"[{w.cite(holder, _first_line(holder))}], mit den Handlungszielen "
                       f"{'; '.join(_goal_ref(g, w) for g in which if g.leitziel.code == best.code)}.")
        shown = {g.code for g in which}
        details += [f"{'Dazu heißt es' if i == 0 else 'Außerdem'} ({label}): {q}"
                    for i, (label, q) in enumerate((label, q) for label, q in quotes
                                                   if not any(f"Handlungsziel {code}" in label for code in shown))][:2]
    elif quotes:  # ("Was ist das IREK?": its own sentence on what it is, a rule the question points to, leads)
        label, quote = quotes[0]
        summary = f"{label}: {quote}"
        details += [f"Außerdem ({label}): {q}" for label, q in quotes[1:]]
    else:
        summary = ""
    summary = f"{summary} {later}" if summary and later else summary or later
    details[:0] = _excluded_named(found, w, lead, " ".join([summary, *details])) if summary else []
    # a question about the IREK that asks too whether the asker's project gets a programme it names ("… Welches Ziel ist
    # das, und heißt das, unser Stahlwerk kann GRW-Investitionszuschüsse kriegen?"): a goal is no funding, so the "no"
    # of that programme follows the IREK's answer
    if found.intent == "irek" and lead is not None and lead.blocked and facts_given \
            and programme(lead.id) in {programme(named) for named in named_paths(found.question)}:
        # (it leads where the goal is only said, not asked for: "Im IREK steht ja 1.1.4 'Logistikbranche stärken'.
        # Heißt das, Logistikfirmen bei uns bekommen GRW-Investitionszuschüsse?")
        if _GOAL_SAID_FUNDING_ASKED.search(found.question) and not _GOAL_ASKED.search(found.question):
            summary = f"{_no(lead, w)} {summary}"
        else:
            details.insert(0, _no(lead, w))
    details[:0] = [home] if (home := _home_instead(found, lead, w)) else []
    # the text of the data of a rule the question asks for in its own words, where the lead quote states it
    said_rule = _asked_rule_said(found, quotes[0][1]) if quotes else ""
    if len(summary) > MAX_SUMMARY_CHARS and quotes and not verdict and not (district or listed) and not later:
        label, quote = quotes[0]
        where = label.split(", ", 1)[1] if ", " in label else ""  # "Nr. 1.1, S. 5": the document's name is cited
        if where and len(where) + 2 + len(quote) <= MAX_SUMMARY_CHARS:
            summary = f"{where}: {quote}"
        elif said_rule and len(said_first := short_reason(said_rule, MAX_SUMMARY_CHARS)) + len(where) + 10 \
                <= MAX_SUMMARY_CHARS:
            # a rule the question asks for in its own words, too long to quote in the bottom line: what it says, in
            # the rule's own text of the data (its first sentences, where it is longer), cited to the quote that follows
            summary = f"{said_first.rstrip('.')} ({where}) [{CITATION_NUMBER.findall(quote)[-1]}]."
        elif where and not ASKS_WORDING.search(found.question) and (items := _listed_items(quote)) \
                and len(listed_brief := f"Die Aufzählung in {where} [{CITATION_NUMBER.findall(quote)[-1]}]: "
                                        f"{'; '.join(items)}.") <= MAX_SUMMARY_CHARS:
            # a rule that is a list ("… verfolgen … drei Hauptziele: − …; − …; − …"): its items are the bottom line
            summary = listed_brief
        elif lead is not None and not lead.blocked and ASKS_HOW_MUCH.search(found.question) \
                and not ASKS_WORDING.search(found.question) \
                and (rate := _short_rate(_rate_phrase(lead, w, found.profile))):
            # "Wie hoch ist der Fördersatz bei wirtschaftsnaher Infrastruktur?": the path's rate in the data's words,
            # cited to its sources, before the rule's wording
            summary = f"{_measure_name(lead)}: {rate}."
        else:
            summary = f"Die Regel steht in {label}; {WORDING_FOLLOWS}"
        if not summary.startswith(where + ":"):
            details.insert(0, f"{WORDING_OPENS} ({label}): {quote}")
    if said_rule and not verdict and not (district or listed) and not worded \
            and short_reason(said_rule, MAX_SUMMARY_CHARS).rstrip(".") not in summary:
        # a rule the question asks for in its own words, quoted: what it means, in the rule's own text of the data,
        # follows the quote ("Gilt der alte KR noch?": until 31 December 2026, and whether the Land's programme has
        # moved to the new list is for the NBank to say)
        cited = CITATION_NUMBER.findall(quotes[0][1])[-1]
        label, quote = quotes[0]
        plain = f"{said_rule.rstrip('.')} [{cited}]."
        # (not where the question asks where the rule stands: "Brauche … die genaue Fundstelle im KR 2026: wo steht,
        # dass …")
        if summary == f"{label}: {quote}" and not _ASKS_TEXT.search(found.question) \
                and not asks_for_passage(found.question) and len(plain) <= MAX_SUMMARY_CHARS:
            # asked in the asker's own words, not for the wording: what the rule says leads, its wording follows
            # ("Muss das Eigenkapital sein oder reicht ein normaler Bankkredit?")
            summary = plain
            details.insert(0, f"{WORDING_OPENS} ({label}): {quote}")
        else:
            at = next((i + 1 for i, d in enumerate(details) if d.startswith(WORDING_OPENS)), 0)
            details.insert(at, f"Das heißt: {said_rule.rstrip('.')} [{cited}].")
    if found.goal_list is not None and found.goal_list.all_levels:  # "Was ist das IREK?": how its goals are built
        built = (f"{OWN_COUNT} Das IREK ordnet seine Ziele in {_levels_phrase(found.goal_list)} "
                 f"[{w.cite(*_structure_cited(found.goal_list, w.passages))}].")
        # and what it is for in funding: its own sentence on the GRW's requirements
        role = next(((p, s.strip()) for p in w.passages if p.document == "irek" and not p.goal_code
                     for s in split_sentences(p.text) if _GRW_ROLE.search(s)), None)
        details[:0] = [built + _corridors_named(found.goal_list, w)] \
            + ([f"{IREK_ROLE_OPENS}{role[1]}“ [{w.cite(*role)}]"] if role else [])
    membership = _membership(found, w, worded)
    # what the goal holds, where the question asks: in the bottom line, before what the goal belongs to
    content = _goal_content(found, w) if membership else ""
    if content and len(summary) + 2 + len(content) <= MAX_SUMMARY_CHARS:
        summary = f"{summary.rstrip().rstrip('.')}. {content.strip()}"
    else:
        membership += content
    if membership and len(summary) + 2 + len(membership) <= MAX_SUMMARY_CHARS:
        summary = f"{summary.rstrip().rstrip('.')}. {membership}"
    elif membership:
        details.insert(0, membership)
    if _goals_asked(found) and not membership and not worded and not summary.startswith(_FITS_IN_IREK):
        shown = found.goals[:2] if found.intent == "irek" else found.goals[:1]  # a rule's subject: its best goal
        details.append(f"{_FITS_IN_IREK}: " + "; ".join(_goal_ref(g, w) for g in shown) + ".")
    details += [duties] if (duties := _duties(found, lead, w)) else []
    # "… und wie lange läuft das?": the lead path's span, where no quote above states one
    spanned = any(SPAN.search(c.quote) for c in w.cites.items)
    details += [span] if not spanned and (span := _span_rule(found, lead, w)) else []
    details += [decides] if (decides := _who_decides(found, lead, w)) else []
    # (not beside a duty of a grant the asker holds: "wir haben 2022 GRW bekommen … Droht Rückforderung?")
    held = rule is not None and rule.after_grant and not ASKS_ANY_FUNDING.search(found.question)
    offered = found.funding.paths if found.funding and not whole and not held else []
    if rule is not None and rule.path and not (found.profile is not None and found.profile.applicant_type):
        # a rule of one path answered for an asker who says not who they are ("gilt noch die regel mit überregionalem
        # absatz? mein mandant verkauft fast nur im umkreis"): that path only, not another one usual for no one; where
        # to apply, asked by one who tells of no project ("wo stell ich den grw antrag?"), the rule's own path only
        # (a firm's investment, not a municipality's infrastructure it holds for too)
        own_only = rule.with_step and no_project
        offered = [p for p in offered
                   if (p.id.split("/")[0] == rule.path if own_only else rule.shares_top(p.id))]
    block, paths = _paths_block("Zur Förderung", offered[:2], w, found.profile)
    details += [block] if block else []
    # (a figure whose source is asked, "woher genau kommt die 500.000 € pro jahr?", is the rule's, not the asker's sum;
    # "… im 4. Jahr? Bitte mit Fundstelle." asks for the sum and its source)
    calculation = "" if granted or _SOURCE_OF_FIGURE.search(found.question) \
        else _calculation(lead, found.profile, _other_measure(found, lead))
    if calculation and rate_rule is not None:  # the first period's sum, beside the rule that lowers the later ones
        calculation = calculation.replace(OWN_CALCULATION, f"{OWN_CALCULATION} Im ersten Zeitraum:", 1)
    # for a question of the amount ("was käme da raus?"), the sum is the bottom line: its sums, and where they fit
    # what it rests on
    sums, *caveats = _pieces(calculation) if calculation else [""]
    asks_sum = found.intent == "amount" or ASKS_HOW_MUCH.search(found.question)
    if calculation and asks_sum and len(summary) + 1 + len(calculation) <= MAX_SUMMARY_CHARS:
        summary = f"{summary} {calculation}".strip()
    elif calculation and asks_sum and len(summary) + 1 + len(sums) <= MAX_SUMMARY_CHARS:
        summary = f"{summary} {sums}".strip()
        details.append(" ".join(caveats))
    elif calculation and ASKS_HOW_MUCH.search(found.question) and OWN_CALCULATION in sums and ruled \
            and len(said := _pieces(summary)) > 1 \
            and said[0] == _pieces(ruled)[0] and len(said[0]) + 1 + len(sums) <= MAX_SUMMARY_CHARS:
        # beside the sums, a rule answer's first sentence only; what it says in detail opens the details ("kann man
        # auch lohnkosten fördern lassen oder? … 6 neue entwickler … was käme da raus"); not a verdict's condition, nor
        # where the sum is not asked for in words ("… in teilbeträgen? wir muessen ja alles vorfinanzieren, ca 800k")
        # (what the sums rest on follows them)
        summary = f"{said[0]} {sums}"
        details[:0] = [" ".join(caveats)] * bool(caveats) + [" ".join(said[1:])]
    elif calculation and _ASKS_EURO.search(found.question) and len(sums) <= MAX_SUMMARY_CHARS:
        # the sum asked for in euros leads ("was wäre das in euro bei den 9 mio?"); what the bottom line said opens
        # the details
        summary, details = sums, [summary, *details, " ".join(caveats)]
    elif calculation:
        details.append(calculation)
    return summary, details, paths


# A question for the grant as a sum of money: "was wäre das in euro?", "wie viel Euro bekommen wir?", "welcher Betrag?"
_ASKS_EURO = re.compile(r"\bin\s{1,3}(euro|€)|\bwie\s{1,3}viel\s{1,3}(euro|€|geld|kohle)\b|\bwelche[rn]?\s{1,3}(betrag|summe)\b"
                        r"|\b(in|als)\s{1,3}(zahlen|beträgen)\b", re.IGNORECASE)


# The wording of one goal asked for by its topic: "den genauen Wortlaut vom Handlungsziel zu energieautarken
# Gewerbegebieten, mit Nummer"
ASKS_WORDING = re.compile(r"\b(wortlaut|wörtlich\w{0,2}|genaue[nr]?\s{1,3}formulierung)\b", re.IGNORECASE)
# A rule's text asked for to quote it ("Bitte Zitat mit Fundstelle", "den exakten Text … für die Ratsvorlage")
_ASKS_TEXT = re.compile(ASKS_WORDING.pattern + r"|\bzitat\w{0,2}\b|\bzitier\w{0,4}\b|\btextstelle\b|\boriginaltext\b"
                        r"|\b(genaue[nrs]?|exakte[nrs]?)\s{1,3}(text|zeile|stelle|passage|regelung)\b", re.IGNORECASE)
_ONE_GOAL = re.compile(r"\bhandlungsziel(s|es)?\b", re.IGNORECASE)
_ASKS_WHICH_GOAL = re.compile(r"\bwelches\s{1,3}(handlungs)?ziel\b", re.IGNORECASE)


def _worded_goal(found: Findings) -> GoalMatch | None:
    """The best goal of a question about the IREK that asks for the wording of one Handlungsziel by its topic, not by
    its code; None otherwise."""
    if found.intent != "irek" or not found.goals or HANDLUNGSZIEL_CODE.search(found.question):
        return None
    # (or which one goal deals with the topic: "Im IREK steht ja was zur Stahlindustrie. Welches Ziel ist das genau?")
    return found.goals[0] if ASKS_WORDING.search(found.question) and _ONE_GOAL.search(found.question) \
        or _ASKS_WHICH_GOAL.search(found.question) else None


def _membership(found: Findings, w: _Writer, worded: GoalMatch | None = None) -> str:
    """For a question about the IREK that names a Handlungsziel ("den Wortlaut vom Handlungsziel 2.3.1 und zu welchem
    Leitziel es gehört"), or asks for the wording of one by its topic (`worded`, `_worded_goal`): the Leitziel and the
    corridor it belongs to, each cited. Empty otherwise."""
    named = HANDLUNGSZIEL_CODE.search(found.question) if found.intent == "irek" else None
    goal = next((g for g in found.goals if named and g.code == named.group(1)), None) or worded
    if goal is None:
        return ""
    leitziel = next((p for p in w.passages if p.document == "irek" and p.goal_code == goal.leitziel.code), None)
    corridor = _corridor_passage(goal.corridor.code, goal.corridor.title, w.passages)
    if leitziel is None or corridor is None:
        return ""
    return (f"Es gehört zum Leitziel {goal.leitziel.code} „{goal.leitziel.title}“ [{w.cite(leitziel, _first_line(leitziel))}] "
            f"im Themenkorridor {goal.corridor.code} „{goal.corridor.title}“ [{w.cite(corridor, _first_line(corridor))}].")


# What one Handlungsziel means or holds: "was ist mit 2.5.2 konkret gemeint?", "welche Maßnahmen stehen da drin?"
_ASKS_GOAL_CONTENT = re.compile(r"\b(gemeint|bedeute[nt]|konkret|maßnahmen|erläuter\w{0,4}|beschreib\w{0,4}|inhalt\w{0,2}"
                                r"|was\s{1,3}(steht|stehen)\s{1,3}(\S{1,20}\s{1,3}){0,2}(drin|darin|dazu|drunter))\b", re.IGNORECASE)
# the IREK's own words on what it is not: a plan of measures
_NO_PLAN_OF_MEASURES = "kein starrer Maßnahmenplan"


def _goal_content(found: Findings, w: _Writer) -> str:
    """For a question what a Handlungsziel named by its code means or which measures it holds: the IREK gives its
    goals by their titles only and lists no measures, in its own words, cited; "" otherwise."""
    if not HANDLUNGSZIEL_CODE.search(found.question) or not _ASKS_GOAL_CONTENT.search(found.question):
        return ""
    said = next(((p, s.strip()) for p in w.passages if p.document == "irek" and not p.goal_code
                 for s in split_sentences(p.text) if _NO_PLAN_OF_MEASURES in s), None)
    if said is None:
        return ""
    return (" Erläuterungen oder einzelne Maßnahmen nennt das IREK zu seinen Handlungszielen nicht, nur ihre Titel: Es "
            f"ist „{_NO_PLAN_OF_MEASURES}“ [{w.cite(*said)}]. Was konkret dazugehört, klären Sie "
            "mit der Wirtschaftsförderung des Landkreises.")


# A question for the Handlungsziele under each Leitziel counted: "wie viele Handlungsziele stehen jeweils darunter?"
_ASKS_GOALS_UNDER = re.compile(r"handlungsziel\w*\b[^.?!]{0,40}\b(jeweils|je|pro|darunter)\b"
                               r"|\b(jeweils|je|pro)\s{1,3}leitziel", re.IGNORECASE)


def _list(found: Findings, w: _Writer) -> tuple[str, list[str], list[AnswerPath]]:
    goal_list: GoalList = found.goal_list  # type: ignore[assignment]
    plural = _LEVEL_PLURAL[goal_list.level]
    parent = goal_list.parent
    parent_ref = ""
    if parent is not None:
        passage = goal_list.passages.get(parent.code) or _corridor_passage(parent.code, parent.title, w.passages)
        if passage is not None:
            parent_ref = f" [{w.cite(passage, _first_line(passage))}]"
        kind = "Themenkorridor" if "." not in parent.code else "Leitziel"
        owner = f"{kind} {parent.code} „{_short(parent.title, 90)}“{parent_ref}"
    else:
        owner = "Das IREK"
    if goal_list.nested or goal_list.named:
        summary, details, paths = _nested_list(goal_list, owner, w)
        if goal_list.count and parent is not None and ASKS_WHOLE.search(found.question):
            # "wie viele … insgesamt, und welche gehören zum Korridor Infrastruktur?": the whole IREK's counts first
            summary = (f"{OWN_COUNT} Das IREK hat insgesamt {_levels_phrase(goal_list)} "
                       f"[{w.cite(*_structure_cited(goal_list, w.passages))}]. {summary}")
        return summary, details, paths
    items = goal_list.items
    # counted Leitziele, where the question asks for the Handlungsziele under each too: "3.1 (7 Handlungsziele)"
    by_leitziel = goal_list.count and goal_list.level == "leitziel" and bool(_ASKS_GOALS_UNDER.search(found.question))
    # A corridor's number alone would read as a figure: "Themenkorridor 3", never a bare "3".
    names = [f"{'Themenkorridor ' if goal_list.level == 'corridor' else ''}{g.code}"
             + (f" ({_level_counts(goal_list, within=g.code)[2]} Handlungsziele)" if by_leitziel else "") for g in items]
    codes = ", ".join(names[:-1]) + (f" und {names[-1]}" if len(names) > 1 else names[0])
    if goal_list.count:
        # of a corridor or Leitziel, with the IREK's total ("Wie viele Leitziele gibt es und wie heißen die im Korridor
        # Infrastruktur?" asks both)
        total = _level_counts(goal_list)[{"corridor": 0, "leitziel": 1, "handlungsziel": 2}[goal_list.level]]
        of_total = f" der insgesamt {total}" if total > len(items) else ""
        summary = f"{OWN_COUNT} {owner} hat {len(items)}{of_total} {plural}: {codes}." if parent else \
                  f"{OWN_COUNT} Das IREK hat {len(items)} {plural}."
        if goal_list.all_levels:  # the IREK's "Ziele" as a whole, or several of its levels (goals.lists.find_list)
            summary = (f"{OWN_COUNT} Das IREK hat {_levels_phrase(goal_list)} "
                       f"[{w.cite(*_structure_cited(goal_list, w.passages))}].")
        if goal_list.per_corridor:  # "… insgesamt und pro Themenkorridor?": each corridor's counts beside the total
            each = [(code, *_level_counts(goal_list, code)[1:]) for code in goal_list.titles if "." not in code]
            summary += f" {OWN_COUNT} " + "; ".join(f"Themenkorridor {code}: {leitziele} Leitziele, {goals} "
                                                    f"Handlungsziele" for code, leitziele, goals in each) + "."
            if MOST_ASKED.search(found.question):  # "welcher Themenkorridor hat die meisten?"
                most = max(each, key=lambda counts: (counts[2], counts[1]))
                summary += f" Die meisten hat Themenkorridor {most[0]}."
            items = []  # (counted in the bottom line; the corridors' names follow once, without the counts again)
    elif parent is not None and goal_list.unnamed:
        # a topic no word of which stands in the IREK ("Belebung der Ortskerne"): said so, with the nearest goals
        summary = f"Kein Ziel des IREK nennt dieses Thema ausdrücklich. Am nächsten kommt {owner} mit den {plural}n {codes}."
    elif parent is not None:
        summary = f"Zum {owner} gehören die {plural} {codes}." + _corridor_of(parent.code, goal_list, found, w)
    elif goal_list.by_topic:  # goals of several Leitziele that name the topic in their titles, each cited
        cited = [f"{g.code} [{w.cite(*_first_cited(goal_list, g.code))}]" for g in items]
        summary = f"Das Thema nennen im IREK die {plural} " + ", ".join(cited[:-1]) + f" und {cited[-1]}." \
            if len(cited) > 1 else f"Das Thema nennt im IREK das {plural[:-1]} {cited[0]}."
    elif goal_list.level == "corridor":  # only four: named in the bottom line, each cited
        summary = f"Das IREK hat diese {plural}: {'; '.join(_corridor_names(goal_list, w).values())}."
        items = []
    else:
        summary = f"Das IREK hat diese {plural}: {codes}."
    lines = []
    for goal in items if len(items) <= MAX_LISTED else []:  # a longer list is counted, not written out
        passage = goal_list.passages.get(goal.code) or (
            _corridor_passage(goal.code, goal.title, w.passages) if goal_list.level == "corridor" else None)
        ref = f" [{w.cite(passage, _first_line(passage))}]" if passage is not None else ""
        # a counted corridor with the number of its goals ("wie verteilen die sich auf die vier Korridore?")
        spread = ""
        if goal_list.count and goal_list.level == "corridor":
            _, leitziele, handlungsziele = _level_counts(goal_list, within=goal.code)
            spread = f": {leitziele} Leitziele, {handlungsziele} Handlungsziele"
        elif by_leitziel:  # "… und wie viele Handlungsziele stehen jeweils darunter?"
            spread = f": {_level_counts(goal_list, within=goal.code)[2]} Handlungsziele"
        lines.append(f"- {'Themenkorridor ' if goal_list.level == 'corridor' else ''}{goal.code} „{goal.title}“"
                     f"{spread}{ref}")
    counted = goal_list.count and goal_list.level == "corridor" or by_leitziel  # lines with counts: marked as such
    details = [f"{OWN_COUNT + ' ' if counted else ''}{plural}:\n" + "\n".join(lines)] if lines else []
    if goal_list.all_levels and goal_list.count:  # the IREK as a whole: its corridors by name
        details.insert(0, _corridors_named(goal_list, w).strip())
    if goal_list.also:
        also = [f"{g.code} „{_short(g.title, 90)}“" + (f" [{w.cite(*_first_cited(goal_list, g.code))}]"
                                                      if g.code in goal_list.passages else "") for g in goal_list.also]
        details.append("Das Thema nennen auch: " + "; ".join(also) + ".")
    for leitziel in goal_list.also_leitziele:  # "Das Thema nennt auch Leitziel 4.1 „…“ [8] mit den Handlungszielen …"
        passage = goal_list.passages.get(leitziel.code)
        ref = f" [{w.cite(passage, _first_line(passage))}]" if passage is not None else ""
        children = [code for code in goal_list.titles if code.startswith(f"{leitziel.code}.")]
        codes = ", ".join(children[:-1]) + f" und {children[-1]}" if len(children) > 1 else "".join(children)
        details.append(f"Das Thema nennt auch Leitziel {leitziel.code} „{leitziel.title}“{ref}"
                       + (f" mit den Handlungszielen {codes}." if codes else "."))
    if not lines and not goal_list.count and goal_list.level == "handlungsziel":
        # too many to write out: by Leitziel, each cited, with the codes of its Handlungsziele
        by_parent: dict[str, list[str]] = {}
        for goal in items:
            by_parent.setdefault(goal.parent, []).append(goal.code)
        grouped = []
        for code, children in by_parent.items():
            passage = goal_list.passages.get(code)
            ref = f" [{w.cite(passage, _first_line(passage))}]" if passage is not None else ""
            grouped.append(f"- Leitziel {code} „{_short(goal_list.titles.get(code, ''), 70)}“{ref}: {', '.join(children)}")
        summary = f"{OWN_COUNT} Das IREK hat {len(items)} {plural} in {len(by_parent)} Leitzielen [{w.cite(*_first_cited(goal_list))}]."
        details = ["\n".join(grouped)]
    if not w.cites.items and items and items[0].code in goal_list.passages:
        # the citation inside the sentence, which the figure check keeps whole
        summary = f"{summary.rstrip('.')} [{w.cite(*_first_cited(goal_list))}]."
    # a rule answer to another thing asked beside the count ("… und wie viel Geld ist darin für Dissen eingeplant?")
    if goal_list.count and (ruled := _rule_answer(found, w)[0]):
        details.insert(0, f"Zu Ihrer weiteren Frage: {ruled}")
    return summary, details, []


def _nested_list(goal_list: GoalList, owner: str, w: _Writer) -> tuple[str, list[str], list[AnswerPath]]:
    """Both levels of a corridor asked for ("alle Leitziele und Handlungsziele im Themenkorridor 3 mit Nummern"), the
    Leitziele of two topics, or goals named by their codes: each Leitziel with its Handlungsziele (the named goals
    without their Leitziele where these are not asked for), every one with its title and cited."""
    by_parent: dict[str, list[Goal]] = {}
    for goal in goal_list.items:
        by_parent.setdefault(goal.parent, []).append(goal)
    lines = []
    for code, children in by_parent.items():
        passage = goal_list.passages.get(code)
        ref = f" [{w.cite(passage, _first_line(passage))}]" if passage is not None else ""
        if goal_list.nested:
            lines.append(f"- Leitziel {code} „{goal_list.titles.get(code, '')}“{ref}")
        for goal in children:
            passage = goal_list.passages.get(goal.code)
            ref = f" [{w.cite(passage, _first_line(passage))}]" if passage is not None else ""
            lines.append(f"{'  ' if goal_list.nested else ''}- {goal.code} „{goal.title}“{ref}")
    if goal_list.named:  # the goals the question names, in the IREK's words (goals.lists.find_list)
        codes = [g.code for g in goal_list.items]
        return (f"Die Handlungsziele {', '.join(codes[:-1])} und {codes[-1]} im Wortlaut des IREK"
                f"{', jeweils mit ihrem Leitziel' if goal_list.nested else ''}:", ["\n".join(lines)], [])
    if goal_list.by_topic:  # the Leitziele of two topics (goals.lists.find_list), each cited
        named = [f"{code} „{_short(goal_list.titles.get(code, ''), 70)}“ [{w.cite(*_first_cited(goal_list, code))}]"
                 for code in by_parent]
        also = [f"{g.code} „{_short(g.title, 90)}“ [{w.cite(*_first_cited(goal_list, g.code))}]"
                for g in goal_list.also if g.code in goal_list.passages]
        return (f"Dazu hat das IREK die Leitziele {' und '.join(named)} mit diesen Handlungszielen:",
                ["\n".join(lines)] + (["Die Themen nennen auch: " + "; ".join(also) + "."] if also else []), [])
    summary = (f"{OWN_COUNT} {owner} hat {len(by_parent)} Leitziele mit {len(goal_list.items)} Handlungszielen: "
               f"{', '.join(by_parent)}.")
    return summary, ["\n".join(lines)], []


def _level_counts(goal_list: GoalList, within: str = "") -> tuple[int, int, int]:
    """How many corridors, Leitziele and Handlungsziele the catalogue holds (codes "1", "1.1", "1.1.1"), or those
    under the code `within` (a corridor's)."""
    depths = [code.count(".") for code in goal_list.titles if not within or code.startswith(within + ".")]
    return depths.count(0), depths.count(1), depths.count(2)


def _levels_phrase(goal_list: GoalList) -> str:
    corridors, leitziele, handlungsziele = _level_counts(goal_list)
    return f"{corridors} Themenkorridore, {leitziele} Leitziele und {handlungsziele} Handlungsziele"


# The IREK's sentence on what it is for in funding: it meets the requirements of the GRW-Koordinierungsrahmen
_GRW_ROLE = re.compile(r"Anforderungen\s{1,3}des\s{1,3}GRW-Koordinierungsrahmens")


def _structure_cited(goal_list: GoalList, passages: list[Passage]) -> tuple[Passage, str]:
    """What a count of the IREK's levels cites: the IREK's own sentence on how its goals are built ("Innerhalb dieser
    Korridore formuliert das IREK strategische Leitziele sowie konkrete Handlungsziele …"), else its first goal."""
    for passage in passages:
        if passage.document != "irek" or passage.goal_code:
            continue
        sentence = next((s for s in split_sentences(passage.text)
                         if all(word in s for word in ("Korridor", "Leitziel", "Handlungsziel"))), "")
        if sentence:
            return passage, sentence.strip()
    return _first_cited(goal_list)


def _first_cited(goal_list: GoalList, code: str = "") -> tuple[Passage, str]:
    first = goal_list.passages[code or goal_list.items[0].code]
    return first, _first_line(first)


def _listed_goals(goal_list: GoalList | None, w: _Writer) -> list[AnswerGoal]:
    """The Handlungsziele a list answer names, in the IREK's order, as the answer's goals (contracts.md §2)."""
    if goal_list is None or goal_list.level != "handlungsziel" or goal_list.all_levels:
        return []  # (the IREK as a whole, counted level by level: no goal of it answers)
    title_of = goal_list.titles.get
    goals = []
    for goal in goal_list.items:
        passage = goal_list.passages.get(goal.code)
        numbers = [c.n for c in w.cites.items if passage is not None and c.passage.chunk_id == passage.chunk_id]
        goals.append(AnswerGoal(goal.code, goal.title, GoalRef(goal.parent, title_of(goal.parent, "")),
                                GoalRef(goal.corridor, title_of(goal.corridor, "")), 1.0,
                                passage.chunk_id if passage else "", numbers))
    return goals


def _corridor_names(goal_list: GoalList, w: _Writer) -> dict[str, str]:
    """Each corridor's code → its name, cited where its passage was found ("Themenkorridor 1 „Regionale
    Leitbranchen“ [3]")."""
    named = {}
    for code, title in ((c, t) for c, t in goal_list.titles.items() if "." not in c):
        passage = goal_list.passages.get(code) or _corridor_passage(code, title, w.passages)
        named[code] = f"Themenkorridor {code} „{title}“" + (f" [{w.cite(passage, _first_line(passage))}]"
                                                            if passage is not None else "")
    return named


def _corridors_named(goal_list: GoalList, w: _Writer) -> str:
    """The IREK's corridors by name, for the IREK as a whole: " Die Themenkorridore: Themenkorridor 1 „Regionale
    Leitbranchen“ [3]; …"."""
    named = _corridor_names(goal_list, w)
    return f" Die Themenkorridore: {'; '.join(named.values())}." if named else ""


# A question for the corridor a topic or goal belongs to: "Welcher Korridor, welche Ziele?"
_ASKS_CORRIDOR = re.compile(r"\b(welche[rnms]?|in\s{1,3}welche[rnm]?)\s{1,3}(themen)?korridor\w{0,2}\b|\bkorridor\w{0,2}\s{0,3}\?",
                            re.IGNORECASE)


def _corridor_of(code: str, goal_list: GoalList, found: Findings, w: _Writer) -> str:
    """For a Leitziel whose goals are listed, where the question asks for its corridor too: the sentence that names
    that corridor, cited; "" otherwise."""
    corridor = code.split(".")[0]
    title = goal_list.titles.get(corridor)
    if "." not in code or not title or not _ASKS_CORRIDOR.search(found.question):
        return ""
    passage = _corridor_passage(corridor, title, w.passages)
    ref = f" [{w.cite(passage, _first_line(passage))}]" if passage is not None else ""
    return f" Das Leitziel {code} gehört zum Themenkorridor {corridor} „{title}“{ref}."


def _place_of_goal(goal: GoalMatch, w: _Writer) -> str:
    """Where a goal stands in the IREK, for a question of the corridor its topic belongs to: the Handlungsziel, its
    Leitziel and its Themenkorridor, each by its number and title, cited."""
    n = w.cite(goal.passage, _first_line(goal.passage))
    corridor = _corridor_passage(goal.corridor.code, goal.corridor.title, w.passages)
    ref = f" [{w.cite(corridor, _first_line(corridor))}]" if corridor is not None else ""
    return (f"Das Handlungsziel {goal.code} „{goal.title}“ [{n}] gehört zum Leitziel {goal.leitziel.code} "
            f"„{goal.leitziel.title}“ im Themenkorridor {goal.corridor.code} „{goal.corridor.title}“{ref}.")


def _corridor_passage(code: str, title: str, passages: list[Passage]) -> Passage | None:
    return next((p for p in passages if p.document == "irek" and not p.goal_code
                 and (p.corridor == code or p.section_title.startswith(title))), None)


def _guarantee(found: Findings, w: _Writer) -> tuple[str, list[str], list[AnswerPath]]:
    careful = CarefulCases.load()
    # the programme the asker names leads (the pipeline puts it first), and its own body decides
    named_all = _named_leads(found)
    named = named_all[0] if named_all else None
    text, whom, source = careful.guarantee.decision(named.id if named else None)
    resolved = _resolve_source(source, w.passages)
    n = w.cite(*resolved) if resolved else None
    summary = " ".join(text.split())
    summary = summary.replace(" [{n}]", f" [{n}]" if n else "")
    details = [" ".join(whom.split())]
    paths: list[AnswerPath] = []
    # the asker's facts (a project, a size, a sum) lead to a path: its rate and, with a sum, the amount, as an
    # estimate beside the refusal to promise; so does a programme the asker names
    facts = found.profile is not None and (found.profile.project_types or found.profile.investment_eur
                                           or found.profile.company_size)
    # (each programme the asker names, as asked: "Geht das über GRW oder eher LEADER? Und könnten Sie uns bitte
    # schriftlich bestätigen …")
    leads = named_all[:2] or ([lead] if facts and (lead := _lead_path(found.funding)) is not None else [])
    for lead in leads:
        line, numbers = _path_line(lead, w, found.profile)
        details.append(f"Zur Einschätzung: {line}")
        paths.append(_answer_path(lead, numbers))
        calculation = _calculation(lead, found.profile, _other_measure(found, lead))
        details += [calculation] if calculation else []
    if found.goals:  # the project it names, in the IREK
        details.append(f"{_FITS_IN_IREK}: " + _goal_ref(found.goals[0], w) + ".")
    return summary, details, paths


def _named_leads(found: Findings) -> list[PathAssessment]:
    """The first path of each programme the question names (LEADER, Zukunftsregion, GRW), in the order of the paths."""
    named = {programme(i) for i in named_paths(found.question)}
    firsts = {}
    for path in found.funding.paths if found.funding else []:
        if programme(path.id) in named:
            firsts.setdefault(programme(path.id), path)
    return list(firsts.values())


_APPLICANTS = {"municipality": "Kommune", "association": "Verein oder Verband", "research": "Forschungseinrichtung"}


def compose_introduction(profile: ProjectProfile) -> Answer:
    """The reply to an asker who says who they are and asks nothing yet: what was noted, and the question for the
    project (careful.yaml, introduction)."""
    noted = []
    if profile.sector:
        noted.append(f"{profile.sector} (WZ {profile.wz_code})" if profile.wz_code else profile.sector)
    elif profile.applicant_type in _APPLICANTS:
        noted.append(_APPLICANTS[profile.applicant_type])
    noted += profile.municipalities or ([profile.municipality] if profile.municipality else [])
    if profile.employees:
        noted.append(f"{profile.employees} Beschäftigte")
    text = CarefulCases.load().introduction_reply(", ".join(noted))
    return Answer(text, False, mode="introduction", intent="project", summary=text)


_COMPOSERS = {"project": _project, "fact": _fact, "list": _list, "guarantee": _guarantee}


# -- the answer -----------------------------------------------------------------------------------------------------

def _traceable(paragraph: str, quotes: dict[int, str]) -> str:
    """The paragraph without the sentences (or list items) that hold a figure no quote cited in it holds."""
    if not untraceable(paragraph, quotes):
        return paragraph
    pieces = _pieces(paragraph)
    kept = [piece for piece in pieces if not untraceable(piece + " " + " ".join(
        f"[{n}]" for n in re.findall(r"\[(\d{1,3})\]", paragraph)), quotes)]
    joined = []
    for piece in kept:
        joined.append(("\n" if piece.startswith("- ") and joined else " " if joined else "") + piece)
    text = "".join(joined).strip()
    return text if not text.endswith(":") else ""


_ABBREVIATION = re.compile(r"(?:\b(?:z|B|Nr|Abs|S|u|a|d|h|i|e|bzw|ggf|ca|vgl|Art|Mio|Mrd|Tsd|inkl|sog|evtl|Fn)|\d)\.$")


def _pieces(paragraph: str) -> list[str]:
    """The sentences and list items of a paragraph; a quotation („…“) is never cut."""
    pieces, start, depth = [], 0, 0
    for index, char in enumerate(paragraph):
        depth += (char == "„") - (char == "“")
        if depth > 0:
            continue
        end_of_sentence = char in ".!?]" and paragraph[index + 1 : index + 2] == " " and \
            paragraph[index + 2 : index + 3][:1].isupper() and not _ABBREVIATION.search(paragraph, 0, index + 1)
        if char == "\n" or end_of_sentence:
            pieces.append(paragraph[start : index + (0 if char == "\n" else 1)].strip())
            start = index + 1
    pieces.append(paragraph[start:].strip())
    return [p for p in pieces if p]


# a sentence said again in other words' clothes: its citation numbers and the rule's number in brackets aside
_REPEAT_NOISE = re.compile(r"\s*\[\d{1,3}\]|\s*\((?:Nr\.|Anhang|Fn\.)[^)]{0,40}\)")
_REPEAT_MIN_CHARS = 60  # shorter sentences ("Antrag: NBank.") may stand in two places


def _repeat_key(piece: str) -> str:
    return " ".join(_REPEAT_NOISE.sub("", piece).lower().split()).rstrip(".:;")


def _unrepeated(paragraphs: list[str]) -> list[str]:
    """The paragraphs without a sentence the answer has already said (a rule asked for leads, and the verdict that
    names its number says it again); a paragraph of lines (a list) is kept whole."""
    seen: set[str] = set()
    kept = []
    for paragraph in paragraphs:
        pieces, left = _pieces(paragraph), []
        whole = "\n" in paragraph
        for piece in pieces:
            key = _repeat_key(piece)
            if whole or len(piece) < _REPEAT_MIN_CHARS or key not in seen:
                left.append(piece)
            seen.add(key)
        if left:
            kept.append(paragraph if left == pieces else " ".join(left))
    return kept


# A question of who may carry the measure or apply ("wer kann Träger sein", "wer darf den Antrag stellen", "wer ist
# antragsberechtigt?")
_ASKS_APPLICANT = re.compile(r"\bwer\s{1,3}(kann|darf|könnte|dürfte|soll|muss)\s{1,3}(\S{1,20}\s{1,3}){0,3}"
                             r"(träger|antrag\w{0,3}|beantrag\w{0,3}|antragsteller\w{0,3})\b"
                             r"|\bantragsberechtigt|\bwer\s{1,3}(ist|wäre|sind)\s{1,3}(\S{1,10}\s{1,3})?(träger|antragsteller)"
                             # ("welche förderquote ist drin und wer stellt den antrag?")
                             r"|\bwer\s{1,3}(stellt|stellen|übernimmt|macht)\s{1,3}(\S{1,12}\s{1,3}){0,2}(den\s{1,3}|die\s{1,3})?"
                             r"(antrag|anträge|antragstellung|trägerschaft)\b",
                             re.IGNORECASE)


# Whether a goal the asker names means funding ("Heißt das, Logistikfirmen bekommen GRW?"), and a question for a goal
# itself ("Welches Ziel ist das …?", "was steht da genau?")
_GOAL_SAID_FUNDING_ASKED = re.compile(r"\b(heißt|bedeutet)\s{1,3}das\b[^?]{0,100}\b(bekommen|bekommt|kriegen|kriegt|gefördert"
                                      r"|förderfähig|zuschuss|zuschüsse|geld)", re.IGNORECASE)
_GOAL_ASKED = re.compile(r"\b(welche[sr]?|was)\b[^?.]{0,40}\b(ziel\w{0,2}|handlungsziel\w{0,2}|steht|bedeutet\s{1,3}(\S+\s{1,3})?\d)",
                         re.IGNORECASE)


def _who_may_apply(found: Findings, said: str) -> str:
    """Where the question asks who may carry the measure or apply, the applicants of its first open path in the data's
    words ("Kurz: Wie lange … kann ein Innovationscluster gefördert werden, wer kann Träger sein …?": the answer's rule
    on the amount does not say it); "" where the answer names the applicants already, or where their text holds a
    figure (no quote is cited for it)."""
    lead = _first_open(found) if _ASKS_APPLICANT.search(found.question) else None
    if lead is None or not lead.applicants or re.search(r"\d", lead.applicants) or lead.applicants[:60] in said:
        return ""
    return f"Wer den Antrag stellen bzw. Träger sein kann ({_measure_name(lead)}): {lead.applicants}"


def compose_extractive(found: Findings, passages: list[Passage], locate: Locator | None = None) -> Answer:
    w = _Writer(passages, locate, found.asked[1], project=found.intent in ("project", "eligibility"))
    # (a binding commitment asked for too is answered as such: "… ausfüllen und bestätigen, dass wir die 90 % sicher
    # kriegen?")
    rule = CarefulCases.load().rule_answer(found.question, alone=True) if found.mode != "guarantee" else None
    alone = _rule_said(rule, w) if rule is not None else ""
    summary, details, paths = (alone, [], []) if alone else _COMPOSERS[found.mode](found, w)
    # (a duty of a grant held that was approved before 2026: its notice and its KR rule it)
    held = rule if rule is not None else CarefulCases.load().rule_answer(found.question)
    details += [earlier] if held is not None and held.after_grant and (earlier := _earlier_grant(found, w)) else []
    if w.elsewhere:
        summary, details, paths = _applied_elsewhere(summary, details, paths, w.elsewhere)
    if who := _who_may_apply(found, " ".join([summary, *details])):
        details.insert(0, who)
    if not w.cites.items or not summary:
        return Answer(REFUSAL_OUT_OF_SCOPE, True, mode="refusal", intent="refusal")
    quotes = w.quotes()
    summary, *details = _unrepeated([summary, *details])
    summary = _claim_answered(found, summary)
    # (what does not fit the bottom line opens the details: nothing composed is lost)
    summary, rest = _within(summary, MAX_SUMMARY_CHARS)
    summary = _traceable(summary, quotes)
    details = [p for p in (_traceable(d, quotes) for d in [rest, *details] if d) if p]
    if summary.endswith(WORDING_FOLLOWS) and not any(d.startswith(WORDING_OPENS) for d in details):
        summary = ""  # the wording it announces did not stand the check of its figures: what remains leads
    if not summary and details:
        # (a quote that followed the bottom line leads under its own label: "Außerdem (…): „…“" → "…: „…“")
        details[0] = _FOLLOWING_QUOTE.sub(r"\1: ", details[0], count=1)
        summary, rest = _within(details[0], MAX_SUMMARY_CHARS)
        summary, details = _traceable(summary, quotes), [d for d in (_traceable(rest, quotes), *details[1:]) if d]
    shows_goals = not alone and (found.mode in ("project", "guarantee") or found.mode == "fact" and _goals_asked(found))
    goals = [_answer_goal(g, w) for g in found.goals[:3]] if shows_goals else []
    if found.mode == "list":
        goals = _listed_goals(found.goal_list, w)
    missing = found.funding.missing_facts[:2] if found.funding and found.mode == "project" and not alone else []
    citations = w.cites.to_answer()
    if _ASKS_PAGE.search(found.question) and any(c.page is None and c.document == "irek" for c in citations):
        # "… Seite wär auch gut": the IREK's text has none to give, which is said rather than passed over
        details.append(_NO_IREK_PAGES)
    answer = Answer("\n\n".join([summary, *details]), False, goals, paths, citations, missing_facts=missing,
                    mode=found.mode, intent=found.intent, summary=summary)
    return renumbered(answer)


# The items of a list a quote ends with, each on a line of its own after its mark ("− Standortnachteile ausgleichen;")
_LIST_ITEM_LINE = re.compile(r"^[ \t]{0,8}(?:[−•–-]|[a-z]{1,2}\))[ \t]{1,5}(.+?)[;,.]?(?:[ \t]{1,3}(?:und|oder))?[ \t]*$")
_LIST_ITEM_CHARS = 150  # the longest item a bottom line gives as a phrase of a list


def _listed_items(quote: str) -> list[str]:
    """The items of the list a quote's lead opens with a colon, verbatim without their marks and closing punctuation;
    [] where it is no such list (at least two items, each on its line, and nothing after them)."""
    text = re.sub(r"“?\s*\[\d+\]\s*$", "", quote.strip().lstrip("„"))
    _, colon, rest = text.partition(":\n")
    lines = [line for line in rest.splitlines() if line.strip()]
    items = [m.group(1).strip().rstrip("“") for line in lines if (m := _LIST_ITEM_LINE.match(line))]
    # (each item a short phrase: an item of several sentences is a rule of its own, quoted whole)
    return items if colon and len(items) >= 2 and len(items) == len(lines) \
        and not any(". " in item or len(item) > _LIST_ITEM_CHARS for item in items) else []


# A bottom line that announces the wording of a rule too long for it, and how the detail that quotes it opens
WORDING_FOLLOWS = "der Wortlaut folgt."
WORDING_OPENS = "Dazu heißt es"
# The IREK's own sentence on what it is for in funding, after how its goals are built ("Was ist das IREK?"): a further
# answer on what the IREK is takes it along (questions.with_other_answer)
IREK_ROLE_OPENS = "Zur Förderung: „"
_FOLLOWING_QUOTE = re.compile(r"^(?:Außerdem|Dazu heißt es) \(([^()]+)\): (?=„)")
# A page asked for ("Seite wär auch gut", "mit Seitenzahl", "Fundstelle mit Seite"): the IREK's text holds no page
# numbers, so its passages are cited by goal number or chapter
_ASKS_PAGE = re.compile(r"\bseite(n|nzahl\w{0,2}|nangabe\w{0,2})?\b|\bS\.\s{0,2}\?", re.IGNORECASE)
_NO_IREK_PAGES = ("Seitenzahlen: Der hinterlegte Text des IREK enthält keine, deshalb nenne ich für das IREK die Nummer "
                  "des Ziels bzw. das Kapitel; die Seite steht in der veröffentlichten PDF-Fassung.")


# The grant a bottom line computes ("… ergeben bis zu 400.000 €")
_UP_TO_EUROS = re.compile(r"\bbis\s{1,3}zu\s{1,3}(\d{1,3}(?:\.\d{3})+|\d{1,9})\s{0,2}€")


def _euros(figure: str) -> float:
    return float(figure.replace(".", ""))


# A rate someone told the asker, asked to be confirmed ("ein Kollege hat gesagt, es gibt jetzt 35 % … stimmt das?")
_CLAIM_CHECKED = re.compile(r"\bstimmt\s{1,3}(das|es|dies)\b|\b(ist|wäre)\s{1,3}(das|es)\s{1,3}(so\s{1,3}|wirklich\s{1,3})?"
                            r"(richtig|korrekt|wahr)\b|\bgilt\s{1,3}(das|es)\s{1,3}(wirklich|echt|so)\b", re.IGNORECASE)


def _claim_answered(found: Findings, summary: str) -> str:
    """A bottom line that states the rate of the asker's path, where the question asks whether a higher rate it names
    is true: the "no" first, without the claimed figure (no passage holds it for the asker); so too where it computes a
    grant below the sum of grant the question asks to be confirmed ("Also 1,2 Mio Zuschuss?")."""
    asked = asked_grant_eur(found.question)
    computed = [_euros(figure) for figure in _UP_TO_EUROS.findall(summary)]
    if asked and computed and max(computed) < asked:
        return f"Nein, so viel wird es nicht. {summary}"
    lead = _lead_path(found.funding)
    if lead is None or lead.blocked or "Prozent" not in summary or not _CLAIM_CHECKED.search(found.question):
        return summary
    claimed = [float(r) for r in _RATE_FIGURE.findall(found.question)]
    rates = [rate for rate in [*(r for r, _ in lead.possible_rates), lead.applicant_rate] if rate]
    return f"Nein, so viel gibt es hier nicht. {summary}" if claimed and rates and min(claimed) > max(rates) else summary


def _within(summary: str, limit: int) -> tuple[str, str]:
    """The summary cut to whole sentences (never inside a quotation) within `limit` characters, and the whole sentences
    left out (a single sentence that is too long is shortened by words)."""
    pieces = _pieces(summary)
    dropped: list[str] = []
    while len(" ".join(pieces)) > limit and len(pieces) > 1:
        dropped.insert(0, pieces.pop())
    text = " ".join(pieces)
    # a rule cited at the end of the sentences left out ("… sind keine Fördertatbestände (Nr. 3.2.2). Die Liste … [1].")
    # stays cited by what is kept, where its last sentence cites nothing of its own (else a reference would stand for
    # a sentence that was left out)
    # (not where the office to apply to or the one that decides ends what is kept: "Antrag: NBank." and "Entscheiden
    # wird die NBank." state no rule)
    refs = [r for r in dict.fromkeys(re.findall(r"\[\d{1,3}\]", " ".join(dropped))) if r not in text] \
        if pieces and not re.search(r"\[\d{1,3}\]", pieces[-1]) \
        and not pieces[-1].startswith(("Antrag:", _NBANK_DECIDES)) else []
    marks = " " + " ".join(refs) if refs else ""
    if len(text) + len(marks) > limit:
        text = _short(text, limit - len(marks))
    return (f"{text[:-1]}{marks}." if marks and text.endswith(".") else text + marks), " ".join(dropped)


def renumbered(answer: Answer) -> Answer:
    """Only the citations the text uses, numbered 1, 2, … in the order of the text."""
    order: list[int] = []
    for n in re.findall(r"\[(\d{1,3})\]", answer.answer):
        if int(n) not in order:
            order.append(int(n))
    new = {old: i + 1 for i, old in enumerate(order)}

    def text(value: str) -> str:
        return re.sub(r"\[(\d{1,3})\]", lambda m: f"[{new.get(int(m.group(1)), m.group(1))}]", value)

    answer.answer, answer.summary = text(answer.answer), text(answer.summary)
    by_number = {c.n: c for c in answer.citations}
    answer.citations = [by_number[old] for old in order if old in by_number]
    for citation in answer.citations:
        citation.n = new[citation.n]
    for item in [*answer.goals, *answer.funding_paths]:
        item.citations = sorted(new[n] for n in item.citations if n in new)
    return answer
