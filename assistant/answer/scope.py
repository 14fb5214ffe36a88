"""Is a question one the corpus can answer? Steering attempts are caught by rules (guardrails); a question with no
basis in the corpus is one whose best dense and keyword scores both stay under thresholds calibrated on the dev set,
or that names no topic word of the corpus (place names do not count). `Scope.admits` adds the intent router's odds and
reads a follow-up in its conversation."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from assistant.answer.guardrails import WHERE_IT_STANDS, is_follow_up
from assistant.core.paths import TUNED_DIR, TunedValuesMissing
from assistant.funding.knowledge import FundingKnowledge
from assistant.funding.profile import MUNICIPALITIES
from assistant.retrieval.register import register_terms
from assistant.retrieval.retriever import Retriever, ScoreParts, normalise_query
from assistant.text.asked import ASKS_NEXT_STEP
from assistant.text.analysis import stems

THRESHOLDS_FILE = TUNED_DIR / "answer_thresholds.json"

REFUSAL_STEERING = (
    "Dabei kann ich nicht helfen. Ich beantworte ausschließlich Fragen zum IREK des Landkreises Osnabrück und zu "
    "passenden Förderwegen (GRW, LEADER, Zukunftsregion) – auf Grundlage der hinterlegten Dokumente. "
    "Beschreiben Sie gern Ihr Projekt oder stellen Sie eine Frage zu Förderregeln."
)
REFUSAL_OUT_OF_SCOPE = (
    "Dazu finde ich in den hinterlegten Dokumenten (IREK Landkreis Osnabrück, GRW-Koordinierungsrahmen und "
    "Zusammenfassungen zu LEADER, Zukunftsregion, RIS3 und Weser-Ems) keine Grundlage, deshalb beantworte ich die "
    "Frage nicht. Ich helfe gern bei Projektideen für den Landkreis und bei Fragen zur Förderung."
)

# Words that make a question one about regional development and funding, beyond the corpus's own titles.
DOMAIN_WORDS = (
    "Förderung fördern Fördersatz Förderquote Zuschuss Antrag beantragen Investition investieren Unternehmen Betrieb "
    "Projekt Vorhaben Gemeinde Kommune Landkreis Region regional Wirtschaft GRW LEADER IREK NBank Zukunftsregion RIS3 "
    "Gewerbegebiet Infrastruktur Innovation Fachkräfte Digitalisierung Tourismus Energie Wasserstoff Netzwerk Cluster "
    "Kooperation Ziel Handlungsziel Leitziel Themenkorridor Strategie Konzept Fördergebiet Koordinierungsrahmen Beihilfe "
    "De-minimis KMU Zweckbindung Bindungsfrist Eigenbeitrag Eigenanteil Träger förderfähig Kosten Richtlinie "
    "Geld Mittel Budget Finanzierung Partner Zuschüsse Höchstbetrag förderbar Förderfähigkeit Fördermittel Förderprogramm "
    # the kinds of GRW area as people shorten them (KR Anhang 5: "welche kreise in nds sind c-gebiet?")
    "A-Gebiet C-Gebiet D-Gebiet A-Gebiete C-Gebiete D-Gebiete"
)
# Words too general to mark a topic, and words that only name places.
GENERIC_WORDS = (
    "gut neu groß klein Jahr Land Stadt Frage Beispiel Mensch Menschen Thema Bereich Zeit Tag Blick Platz Sinn Kraft "
    "meist Zustand Kontakt Information Zeitpunkt Garantie"
)
PLACE_WORDS = "Osnabrück Osnabrücker Landkreis Niedersachsen Bad Deutschland Teutoburger Wald Weser Ems"
# A kind of GRW area named ("C-Fördergebiet", "d gebiet", "C- oder D-Gebiet"; KR Anhang 5)
_AREA_KIND = re.compile(r"\b[A-D]-?\s{0,2}(oder\s{1,3}[A-D]-?\s{0,2})?(förder)?gebiet\w{0,2}\b", re.IGNORECASE)
# The district the corpus is about, named as such ("im Landkreis Osnabrück", "LK OS")
# A number of three levels ("was steht in 3.3.1 genau drin?"): a goal of the IREK or a section of the KR, named
_THREE_LEVEL_CODE = re.compile(r"(?<![\d.,])\d{1,2}\.\d{1,2}\.\d{1,2}(?![\d.,]*\d)")
_OWN_DISTRICT = re.compile(r"\b(landkreis(es)?|lk|kreis(es)?)\s{1,3}(osnabrück|os)\b", re.IGNORECASE)
_KNOWN_PART = 6  # the shortest part of a word that makes it one of the corpus's (a compound or derivation)
_REGISTER_NOUN = 5  # the shortest noun of a register term that marks a topic (its verbs and adjectives do not)
_FOREIGN_SHARE = 0.3  # above this share of words the corpus does not know, a follow-up speaks of something else


# The short name of the Koordinierungsrahmen ("Was hat sich mit dem KR 2026 geändert?")
_SHORT_NAMES = re.compile(r"\bKR\b", re.IGNORECASE)


@dataclass(frozen=True)
class ScopeThresholds:
    """Below both, a question has no basis in the corpus. Calibrated on the dev set (see the JSON file)."""

    dense: float = 0.80
    keyword: float = 4.0
    router_refusal: float = 0.25  # the router's refusal odds under which a question with weak scores is answered
    router_override: float = 0.8  # the odds at which a question is refused although its scores pass
    router_follow_up: float = 0.3  # the odds at which a follow-up with a word the corpus does not know is refused

    @classmethod
    def load(cls, path: Path = THRESHOLDS_FILE) -> "ScopeThresholds":
        """The calibrated thresholds; a missing file is an error (no silent defaults for tuned values)."""
        try:
            data = json.loads(path.read_text(encoding="utf-8"))["thresholds"]
        except (OSError, ValueError, KeyError) as error:
            raise TunedValuesMissing(path, error) from None
        return cls(**data)



class Scope:
    """The scope check of the answer pipeline."""

    def __init__(self, retriever: Retriever, funding: FundingKnowledge, thresholds: ScopeThresholds) -> None:
        self.retriever = retriever
        self.funding = funding
        self.thresholds = thresholds

    def signals(self, text: str) -> tuple[float, float]:
        """Highest dense cosine and highest raw BM25 (stems) of any passage for `text`."""
        return self.parts_signals(self.retriever.score_parts(text))

    @staticmethod
    def parts_signals(parts: ScoreParts) -> tuple[float, float]:
        return float(parts.dense.max(initial=0.0)), parts.keyword_raw_max

    def in_scope(self, question: str, history: list[dict] | None, parts: ScoreParts) -> bool:
        """`parts` are the question's own signals (computed once by the pipeline)."""
        dense, keyword = self.parts_signals(parts)
        if (dense >= self.thresholds.dense or keyword >= self.thresholds.keyword) and self.has_domain_term(question):
            return True
        if is_follow_up(question, history):
            # A short follow-up leans on the conversation: it is in scope when it names a topic word of the corpus,
            # or when the corpus knows every one of its words ("Gilt das auch, wenn wir schon angefangen haben?").
            unknown = [s for s in stems(question) if not self._known_word(s)]
            return self.has_domain_term(question) or not unknown
        return False

    def admits(self, question: str, history: list[dict] | None, parts: ScoreParts, refusal_odds: float,
               applicant_facts: bool = False, applicant_project: bool = False, restated: bool = False) -> bool:
        """The scope check of the pipeline. A question with a topic word of the corpus is in scope when its retrieval
        scores reach the calibrated thresholds (unless the intent router is sure it is outside the task), or when the
        router does not take it for one outside the task (the scores of a short paraphrase such as "Bauunternehmen
        will neue Halle, GRW?" stay low). A follow-up ("Was muss ich als Nächstes tun?") is read in the conversation
        it continues. `refusal_odds`: the router's probability of `refusal` for the question. `applicant_facts`: the
        question names a trade of the sector lexicon or a rate or sum ("Traditionshotel in Existenznot – wie kann man
        das sichern?", "Gelten für uns auch die 20 Prozent?"); with a topic word it is answered unless the router is
        sure it is outside the task, as a question whose scores pass. `applicant_project`: it names a trade and a kind
        of project ("Wir haben ein Restaurant und wollen die Küche erweitern. Passt das?"), which is a topic of its own
        without any word of funding. `restated`: it gives a new headcount, size or sum ("sorry, wir sind 52 Leute,
        nicht 30. Ändert das was?"), which in a conversation speaks of the project before it."""
        thresholds = self.thresholds
        if _THREE_LEVEL_CODE.search(question) and parts.exact.any() and refusal_odds < thresholds.router_override:
            return True  # a goal or section the documents hold, called by its number
        if self.in_scope(question, history, parts):
            # (a question that calls a document of the corpus by its name, "Steht im IREK des Landkreises was zu
            # Wasserstoff?", asks about the corpus, whatever the router makes of its other words: another district's
            # concept, personal data and the like are refused before, by the careful cases)
            # (nor one that asks about the district the corpus is about, "Welche Fördersätze gelten im Landkreis
            # Osnabrück?": the router learned that questions naming a district are refused, which the careful cases
            # decide for other districts)
            # (nor one on the kinds of GRW area, "welche kreise in nds sind c-gebiet?": the list of areas is the KR's)
            return refusal_odds < thresholds.router_override or bool(self.retriever.documents_named(question).any()) \
                or bool(_OWN_DISTRICT.search(question)) or bool(_AREA_KIND.search(question))
        if self.has_domain_term(question) and refusal_odds < thresholds.router_refusal:
            return True
        if (applicant_project or applicant_facts and self.has_domain_term(question)) \
                and refusal_odds < thresholds.router_override:
            return True
        earlier = [t for t in history or [] if t.get("role") == "user" and t.get("content")]
        if not earlier or not (is_follow_up(question, history) or len(question.split()) <= 12 or restated):
            return False
        context = normalise_query(" ".join(t["content"] for t in earlier[-2:]))
        if restated or ASKS_NEXT_STEP.search(question) or WHERE_IT_STANDS.search(question):
            # (the next step, "ok klingt gut. und was mach ich jetzt zuerst?", is that of the conversation's project,
            # in scope where the conversation is, whatever the router makes of words that name no topic; so is where
            # what was said stands, "wo genau steht das …? nummer und seite bitte, ich muss das dem rat zeigen")
            return self.in_scope(context, [], self.retriever.score_parts(context))
        # a follow-up whose words are mostly not the corpus's speaks of something else ("Und welches Rezept passt
        # dazu?"); one with a few ("… dürfen wir davon unsere Wirtschaftsförderin bezahlen? … reinrechnen") does not
        words = [s for s in stems(question) if len(s) >= 3]
        unknown = [s for s in words if not self._known_word(s)]
        foreign = bool(unknown) and len(unknown) > _FOREIGN_SHARE * len(words)
        if refusal_odds >= thresholds.router_override or foreign and refusal_odds >= thresholds.router_follow_up:
            return False  # "Und welches Rezept passt dazu?" is no follow-up of a funding question
        return self.in_scope(context, [], self.retriever.score_parts(context))

    def _known_word(self, stem: str) -> bool:
        """A stem of the corpus, or a compound or derivation of one of six letters or more ("wirtschaftsforderin" of
        "wirtschaftsforder", "reinrechn" of "rechn" is too short: unknown)."""
        known = self.retriever.known_stems
        if stem in known:
            return True
        return any(stem[:n] in known or stem[-n:] in known for n in range(len(stem) - 1, _KNOWN_PART - 1, -1))

    @cached_property
    def domain_stems(self) -> frozenset[str]:
        """Stems of the corpus's own topic words: section and goal titles, the goal profiles' keywords, the nouns of
        the section register's statute terms and synonyms ("Vorhabenbeginn", "Zweckbindung") and the funding
        vocabulary. Place names are left out: a question about Melle is not in scope because it names Melle."""
        texts = [p.section_title for p in self.retriever.passages]
        texts += [line for p in self.retriever.passages for line in p.search_text.split("\n") if line.startswith("Stichworte:")]
        texts += [path.name + " " + path.summary for path in self.funding.all_paths()]
        texts.append(DOMAIN_WORDS)
        places = set(stems(" ".join(self.funding.place_names() + sorted(MUNICIPALITIES)) + " " + PLACE_WORDS))
        nouns = re.findall(r"\b[A-ZÄÖÜ][a-zäöüß]{%d,}\b" % (_REGISTER_NOUN - 1),
                           " ".join(register_terms(self.retriever.passages)))
        register = {s for s in stems(" ".join(nouns)) if len(s) >= _REGISTER_NOUN}
        own = {s for s in stems(" ".join(texts)) if len(s) > 2}
        return frozenset((own | register) - places - set(stems(GENERIC_WORDS)))

    def has_domain_term(self, question: str) -> bool:
        """A topic word of the corpus, also as the head of a compound ("Nachbargemeinde" ends in "gemeind"), or the
        short name of the Koordinierungsrahmen ("KR"), which no stem of three letters or more holds."""
        domain = self.domain_stems
        return any(s in domain or any(s[i:] in domain for i in range(1, len(s) - 4)) for s in stems(question)) \
            or bool(_SHORT_NAMES.search(question))
