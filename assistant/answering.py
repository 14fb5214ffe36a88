"""The assistant's answer: which IREK goals, which funding paths with rate and conditions, what next, and from
where — every statement with a numbered citation whose quote stands verbatim in the cited passage.

The extractive composer needs no language model; `assistant.llm_answer` can rewrite its findings with one.
"""

from __future__ import annotations

import json
import re
import time
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

from assistant.citations import AMOUNT, FIGURE, CitationList, Locator, best_sentence, find_verbatim
from assistant.funding import FundingAssessment, FundingKnowledge, PathAssessment, Source
from assistant.goal_matching import GoalMatch, GoalMatcher
from assistant.guardrails import contextual_query, is_follow_up, is_steering_attempt
from assistant.profile_extraction import MUNICIPALITIES, ProjectProfile, extract_profile
from assistant.retrieval import QueryError, Retriever, SearchHit, normalise_query
from assistant.settings import Settings
from assistant.text_analysis import stems
from ingest.model import Passage

if TYPE_CHECKING:  # llm composer hook
    from assistant.llm_answer import LLMComposer

MAX_QUESTION_CHARS = 2000
THRESHOLDS_FILE = Path(__file__).resolve().parent / "knowledge" / "answer_thresholds.json"

REFUSAL_STEERING = (
    "Dabei kann ich nicht helfen. Ich beantworte ausschließlich Fragen zum IREK des Landkreises Osnabrück und zu "
    "passenden Förderwegen (GRW, LEADER, Zukunftsregion) – auf Grundlage der hinterlegten Dokumente. "
    "Beschreiben Sie gern Ihr Projekt oder stellen Sie eine Frage zu Förderregeln."
)
REFUSAL_OUT_OF_SCOPE = (
    "Dazu finde ich in den hinterlegten Dokumenten (IREK Landkreis Osnabrück, GRW-Koordinierungsrahmen 2026 und "
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
    "Geld Mittel Budget Finanzierung Partner Zuschüsse Höchstbetrag"
)
# Words too general to mark a topic, and words that only name places.
GENERIC_WORDS = "gut neu groß klein Jahr Land Stadt Frage Beispiel Mensch Menschen Thema Bereich Zeit Tag"
PLACE_WORDS = "Osnabrück Osnabrücker Landkreis Niedersachsen Bad Deutschland Teutoburger Wald Weser Ems"

# Project language: the question describes something the asker plans to do.
_PROJECT = re.compile(
    r"\b(wir|unser\w*|ich|mein\w*)\b.{0,80}\b(plan\w*|woll\w*|möcht\w*|beabsichtig\w*|überleg\w*|entwickel\w*|"
    r"bau\w*|errichte\w*|erweiter\w*|investier\w*|gründ\w*|aufbau\w*|einricht\w*|anschaff\w*|umbau\w*|sanier\w*)"
    r"|\b(projekt|vorhaben|projektidee|idee)\b",
    re.IGNORECASE | re.DOTALL,
)
_FUNDING_QUESTION = re.compile(
    r"(förder\w*|zuschuss|zuschüsse|antrag|anträge|beihilfe|prozent|%|wie viel geld|finanzier\w*|bekommen|erhalten)",
    re.IGNORECASE,
)
_IREK_QUESTION = re.compile(r"\b(irek|handlungsziel|leitziel|themenkorridor|korridor|ziel(e|en)?)\b", re.IGNORECASE)

# Funding path of a cited passage, by document or GRW section (contracts.md §1).
_SECTION_PATHS = [
    ("7.1", "grw-innovation"), ("3.4", "grw-nichtinvestiv"), ("3.5", "grw-nichtinvestiv"), ("3.6", "grw-nichtinvestiv"),
    ("3", "grw-infrastruktur"), ("4", "grw-infrastruktur"), ("5", "grw-infrastruktur"), ("6", "grw-infrastruktur"),
    ("2", "grw-gewerbe"),
]
_DOCUMENT_PATHS = {"leader-os": "leader", "zukunftsregion-os": "zukunftsregion"}


@dataclass(frozen=True)
class ScopeThresholds:
    """Below both, a question has no basis in the corpus. Calibrated on the dev set (see the JSON file)."""

    dense: float = 0.80
    keyword: float = 4.0

    @classmethod
    def load(cls, path: Path = THRESHOLDS_FILE) -> "ScopeThresholds":
        if not path.is_file():
            return cls()
        return cls(**json.loads(path.read_text(encoding="utf-8"))["thresholds"])


@dataclass
class Answer:
    answer: str
    abstained: bool
    goals: list[dict[str, Any]] = field(default_factory=list)
    funding_paths: list[dict[str, Any]] = field(default_factory=list)
    citations: list[dict[str, Any]] = field(default_factory=list)
    timings_ms: dict[str, float] = field(default_factory=dict)
    missing_facts: list[str] = field(default_factory=list)
    mode: str = "project"  # project | fact | refusal

    def to_dict(self) -> dict[str, Any]:
        return {
            "answer": self.answer, "abstained": self.abstained, "goals": self.goals,
            "funding_paths": self.funding_paths, "citations": self.citations,
            "missing_facts": self.missing_facts, "timings_ms": {k: round(v, 1) for k, v in self.timings_ms.items()},
        }


@dataclass
class Findings:
    """What the extractive composer found, before it is written as text (also the input of an LLM composer)."""

    question: str
    search_text: str
    mode: str
    hits: list[SearchHit]
    goals: list[GoalMatch]
    funding: FundingAssessment | None
    profile: ProjectProfile | None


class AnswerService:
    def __init__(self, retriever: Retriever, goal_matcher: GoalMatcher, funding: FundingKnowledge,
                 thresholds: ScopeThresholds | None = None, composer: LLMComposer | None = None) -> None:
        self.retriever = retriever
        self.goal_matcher = goal_matcher
        self.funding = funding
        self.thresholds = thresholds or ScopeThresholds.load()
        self.composer = composer  # llm composer hook: rewrites non-abstained answers (None = extractive only)

    @classmethod
    def open(cls, settings: Settings) -> "AnswerService":
        retriever = Retriever.open(settings)
        from assistant.llm_answer import LLMComposer  # llm composer hook (lazy: llm_answer imports this module)

        composer = LLMComposer.from_settings(settings)  # None unless IREK_LLM_BASE_URL is set
        return cls(retriever, GoalMatcher(retriever), FundingKnowledge.load(), composer=composer)

    # -- scope ---------------------------------------------------------------------------------------------------

    def scope_signals(self, text: str) -> tuple[float, float]:
        """Highest dense cosine and highest raw BM25 (stems) of any passage for `text`."""
        parts = self.retriever.score_parts(text)
        return float(parts.dense.max(initial=0.0)), self.retriever.keyword_raw_max(text)

    def in_scope(self, question: str, history: list[dict] | None) -> bool:
        dense, keyword = self.scope_signals(question)
        if (dense >= self.thresholds.dense or keyword >= self.thresholds.keyword) and self.has_domain_term(question):
            return True
        if is_follow_up(question, history):
            # A short follow-up leans on the conversation: it is in scope when it names a topic word of the corpus,
            # or when the corpus knows every one of its words ("Gilt das auch, wenn wir schon angefangen haben?").
            unknown = [s for s in stems(question) if s not in self.retriever.known_stems]
            return self.has_domain_term(question) or not unknown
        return False

    @cached_property
    def domain_stems(self) -> frozenset[str]:
        """Stems of the corpus's own topic words: section and goal titles, the team's goal keywords and the funding
        vocabulary. Place names are left out: a question about Melle is not in scope because it names Melle."""
        texts = [p.section_title for p in self.retriever.passages]
        texts += [line for p in self.retriever.passages for line in p.search_text.split("\n") if line.startswith("Stichworte:")]
        texts += [path.name + " " + path.summary for path in self.funding.all_paths()]
        texts.append(DOMAIN_WORDS)
        places = set(stems(" ".join(self.funding.place_names() + sorted(MUNICIPALITIES)) + " " + PLACE_WORDS))
        return frozenset(s for s in stems(" ".join(texts)) if s not in places and len(s) > 2) - set(stems(GENERIC_WORDS))

    def has_domain_term(self, question: str) -> bool:
        """A topic word of the corpus, also as the head of a compound ("Nachbargemeinde" ends in "gemeind")."""
        domain = self.domain_stems
        return any(s in domain or any(s[i:] in domain for i in range(1, len(s) - 4)) for s in stems(question))

    # -- answering -----------------------------------------------------------------------------------------------

    def find(self, question: str, history: list[dict] | None = None, structured: dict | None = None) -> Findings | Answer:
        if question is not None and len(str(question).strip()) > MAX_QUESTION_CHARS:
            raise QueryError(f"Die Frage ist zu lang (höchstens {MAX_QUESTION_CHARS} Zeichen).")
        question = normalise_query(question)
        if is_steering_attempt(question):
            return Answer(REFUSAL_STEERING, True, mode="refusal")
        if not structured and not self.in_scope(question, history):
            # A Projekt-Check profile is a project by definition; only free text is checked for scope.
            return Answer(REFUSAL_OUT_OF_SCOPE, True, mode="refusal")
        search_text = contextual_query(question, history)
        hits = self.retriever.search(search_text, k=6).hits
        is_project = bool(structured) or describes_project(search_text, hits)
        goals = self.goal_matcher.rank(search_text, k=5) if is_project or _IREK_QUESTION.search(question) else []
        profile = extract_profile(question, history, structured)
        if not is_project:
            # The paths whose rules the best passages state, and for eligibility questions ("Kann ein Hotel
            # GRW-Förderung bekommen?") the path the asker's profile leads to.
            paths = [p for p in (self.funding.describe(i, profile) for i in self._paths_of_hits(hits)) if p]
            if _FUNDING_QUESTION.search(search_text) and (profile.applicant_type or profile.project_types):
                assessed = self.funding.assess(profile, goals).paths
                paths = ([p for p in assessed if not p.blocked][:1] or assessed[:1]) + paths
            unique = list({p.id.split("/")[0]: p for p in reversed(paths)}.values())[::-1]
            return Findings(question, search_text, "fact", hits, goals[:3], FundingAssessment(unique[:2], []), profile)
        funding = self.funding.assess(profile, goals)
        return Findings(question, search_text, "project", hits, goals, funding, profile)

    def answer(self, question: str, history: list[dict] | None = None, structured: dict | None = None) -> Answer:
        started = time.perf_counter()
        found = self.find(question, history, structured)
        if isinstance(found, Answer):
            found.timings_ms = {"retrieval": 0.0, "total": (time.perf_counter() - started) * 1000}
            return found
        after_retrieval = time.perf_counter()
        answer = self.extractive(found)
        if self.composer is not None and not answer.abstained:  # llm composer hook; falls back to `answer`
            answer = self.composer.compose(found, answer, self.retriever.passages)
        answer.timings_ms = {"retrieval": (after_retrieval - started) * 1000, "total": (time.perf_counter() - started) * 1000}
        return answer

    def extractive(self, found: Findings) -> Answer:
        """The extractive answer of some findings, citations placed on the page where each quote stands."""
        return compose_extractive(found, self.retriever.passages, self.retriever.snapshot.locate)

    @staticmethod
    def _paths_of_hits(hits: list[SearchHit]) -> list[str]:
        paths: list[str] = []
        for hit in hits[:2]:
            path = path_for_passage(hit.passage)
            if path and path not in paths:
                paths.append(path)
        return paths


_QUESTION_OPENING = re.compile(
    r"^\s*(wie|was|wer|wo|wann|welche\w*|warum|weshalb|wieso|wozu|woher|wohin|womit|wofür|worauf|gibt es|gilt|gelten|"
    r"muss|müssen|darf|dürfen|kann|können|ist|sind|wird|werden|zählt|zählen|braucht|brauchen|bis wann|ab wann)\b",
    re.IGNORECASE,
)


def describes_project(text: str, hits: list[SearchHit]) -> bool:
    """A project description (answer with goals and funding paths) rather than a question of fact.

    It is one when it speaks of a plan ("wir wollen …", "Vorhaben"), when it is a statement rather than a question,
    or when the best passage for it is an IREK goal.
    """
    if _PROJECT.search(text):
        return True
    if not text.rstrip().endswith("?") and not _QUESTION_OPENING.match(text):
        return True
    return bool(hits) and bool(hits[0].passage.goal_code)


def path_for_passage(passage: Passage) -> str | None:
    if passage.document in _DOCUMENT_PATHS:
        return _DOCUMENT_PATHS[passage.document]
    if passage.document != "grw" or not passage.section_number or passage.section_number.startswith("Anhang"):
        return None
    number = passage.section_number
    return next((path for prefix, path in _SECTION_PATHS if number == prefix or number.startswith(prefix + ".")), None)


# -- composing ---------------------------------------------------------------------------------------------------------

def _resolve_source(source: Source, passages: list[Passage]) -> tuple[Passage, str] | None:
    """The indexed passage a funding rule's source points at, and the quote in the passage's own wording."""
    for passage in passages:
        if passage.document != source.document:
            continue
        if source.section and source.section not in (passage.section_number, passage.section_title, passage.goal_code):
            continue
        quote = find_verbatim(passage.text, source.quote) if source.quote else None
        if quote:
            return passage, quote
    return None


def _goal_sentence(goals: list[GoalMatch], cites: CitationList, *, project: bool = True) -> str:
    first = goals[0]
    n = cites.cite(first.passage, first.passage.text.strip())
    opening = "Ihr Vorhaben passt am besten zum" if project else "Im IREK passt dazu am besten das"
    text = (f"{opening} Handlungsziel {first.code} „{first.title}“ "
            f"(Leitziel {first.leitziel.code} „{first.leitziel.title}“, Themenkorridor {first.corridor.code} "
            f"„{first.corridor.title}“) [{n}].")
    others = []
    for goal in goals[1:3]:
        m = cites.cite(goal.passage, goal.passage.text.strip())
        others.append(f"{goal.code} „{goal.title}“ [{m}]")
    if others:
        text += " Ebenfalls passen " + " und ".join(others) + "."
    return text


def _path_paragraph(path: PathAssessment, passages: list[Passage], cites: CitationList) -> tuple[str, list[int]]:
    numbers: list[int] = []

    def cite(source: Source) -> str:
        resolved = _resolve_source(source, passages)
        if not resolved:
            return ""
        n = cites.cite(*resolved)
        numbers.append(n)
        return f" [{n}]"

    if path.blocked:
        text = f"**{path.name}**: für Ihr Vorhaben voraussichtlich nicht möglich – " + " ".join(path.reasons)
        blocking = [c for c in path.conditions if c.effect == "blocks" and c.applies]
        text += "".join(cite(c.source) for c in blocking[:2])
        return text, numbers
    rate_ref = cite(path.sources[0]) if path.sources else ""
    text = f"**{path.name}**: Förderung {path.max_rate}{rate_ref}."
    important = sorted(path.conditions, key=lambda c: (c.effect != "blocks", c.applies is False))[:3]
    if important:
        text += " Wichtig: " + " ".join(f"{c.text}{cite(c.source)}" for c in important)
    if path.where_to_apply:
        text += f" Antrag: {path.where_to_apply}"
    return text, numbers


def _path_dict(path: PathAssessment, numbers: list[int]) -> dict[str, Any]:
    return {
        "id": path.id, "name": path.name, "max_rate": path.max_rate, "applicants": path.applicants,
        "conditions": [c.text for c in path.conditions], "blocked": path.blocked, "reasons": path.reasons,
        "where_to_apply": path.where_to_apply, "next_steps": path.next_steps, "citations": sorted(set(numbers)),
    }


def _goal_dict(goal: GoalMatch, cites: CitationList) -> dict[str, Any]:
    data = goal.to_dict()
    data["citations"] = [c.n for c in cites.items if c.passage.chunk_id == goal.passage.chunk_id]
    return data


def compose_extractive(found: Findings, passages: list[Passage], locate: Locator | None = None) -> Answer:
    cites = CitationList(locate=locate)
    paragraphs: list[str] = []
    quotes = _quote_paragraph(found, cites) if found.mode == "fact" else ""
    if quotes:
        paragraphs.append(quotes)
    if found.goals and (found.mode == "project" or _IREK_QUESTION.search(found.question)):
        paragraphs.append(_goal_sentence(found.goals, cites, project=found.mode == "project"))
    funding_paths: list[dict[str, Any]] = []
    assessment = found.funding
    if assessment and assessment.paths:
        shown = _paths_to_show(assessment) if found.mode == "project" else assessment.paths
        lines = []
        for path in shown:
            line, numbers = _path_paragraph(path, passages, cites)
            lines.append(f"- {line}")
            funding_paths.append(_path_dict(path, numbers))
        paragraphs.append(("Mögliche Förderwege:\n" if found.mode == "project" else "Zur Förderung:\n") + "\n".join(lines))
        open_path = next((p for p in assessment.paths if not p.blocked), None)
        if found.mode == "project" and open_path and open_path.next_steps:
            paragraphs.append("Nächster Schritt: " + open_path.next_steps[0])
    missing = assessment.missing_facts if assessment and found.mode == "project" else []
    if missing:
        paragraphs.append("Für eine genauere Einschätzung fehlt mir noch: " + " ".join(missing))
    if not cites.items:
        return Answer(REFUSAL_OUT_OF_SCOPE, True, mode="refusal")
    text = _PERCENT.sub(r"\1 Prozent", "\n\n".join(paragraphs))
    # Only the goals the text names and cites (the first three).
    goals = [_goal_dict(g, cites) for g in found.goals[:3]] if found.mode == "project" or _IREK_QUESTION.search(found.question) else []
    return Answer(text, False, goals, funding_paths, cites.to_list(), missing_facts=missing, mode=found.mode)


_PERCENT = re.compile(r"(\d)\s?%")


def _paths_to_show(assessment: FundingAssessment, limit: int = 3) -> list[PathAssessment]:
    """The best open paths, and every path that a fact of the asker blocks (that is news they need)."""
    open_paths = [p for p in assessment.paths if not p.blocked][:limit]
    blocked_by_fact = [p for p in assessment.paths if p.blocked and any(
        c.effect == "blocks" and c.applies for c in p.conditions)]
    return open_paths + blocked_by_fact[:2] or assessment.paths[:limit]


_ASKS_AMOUNT = re.compile(r"\b(wie hoch|wie viel|welchem satz|fördersatz|fördersätze|höchstbetrag|höchstens|betrag)", re.IGNORECASE)


def _quote_paragraph(found: Findings, cites: CitationList) -> str:
    """A question of fact: the best sentences of the best passages, quoted with their source; sentences with figures
    are preferred. A question for an amount prefers sentences that state one and takes the third passage's if
    neither of the first two has one."""
    wanted = AMOUNT if _ASKS_AMOUNT.search(found.search_text) else FIGURE
    quoted = [(hit, best_sentence(hit.passage, found.search_text, prefer=wanted)) for hit in found.hits[:3]]
    chosen = quoted[:2]
    if wanted is AMOUNT and not any(AMOUNT.search(quote) for _, quote in chosen):
        chosen = chosen[:1] + [pair for pair in quoted[2:] if AMOUNT.search(pair[1])][:1] + chosen[1:]
    sentences = []
    for index, (hit, quote) in enumerate(chosen[:2]):
        n = cites.cite(hit.passage, quote)
        lead = "Dazu heißt es" if index == 0 else "Außerdem"
        sentences.append(f"{lead} ({hit.citation}): „{quote}“ [{n}]")
    return "\n\n".join(sentences)
