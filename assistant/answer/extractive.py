"""The extractive composer: the answer written from the findings without any language model. Every statement carries
a numbered citation whose quote stands verbatim in the cited passage."""

from __future__ import annotations

import re

from assistant.answer.findings import Findings
from assistant.answer.scope import REFUSAL_OUT_OF_SCOPE
from assistant.core.answer import Answer, AnswerGoal, AnswerPath, GoalRef
from assistant.core.model import Passage
from assistant.funding.knowledge import Source
from assistant.funding.rules import FundingAssessment, PathAssessment
from assistant.goals.matching import GoalMatch
from assistant.text.citations import AMOUNT, FIGURE, CitationList, Locator, best_sentence, find_verbatim

IREK_QUESTION = re.compile(r"\b(irek|handlungsziel|leitziel|themenkorridor|korridor|ziel(e|en)?)\b", re.IGNORECASE)

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


def _answer_path(path: PathAssessment, numbers: list[int]) -> AnswerPath:
    return AnswerPath(path.id, path.name, path.max_rate, path.applicants, [c.text for c in path.conditions],
                      path.blocked, list(path.reasons), path.where_to_apply, list(path.next_steps), sorted(set(numbers)))


def _answer_goal(goal: GoalMatch, cites: CitationList) -> AnswerGoal:
    return AnswerGoal(goal.code, goal.title, GoalRef(goal.leitziel.code, goal.leitziel.title),
                      GoalRef(goal.corridor.code, goal.corridor.title), goal.score, goal.passage.chunk_id,
                      [c.n for c in cites.items if c.passage.chunk_id == goal.passage.chunk_id])


def compose_extractive(found: Findings, passages: list[Passage], locate: Locator | None = None) -> Answer:
    cites = CitationList(locate=locate)
    paragraphs: list[str] = []
    quotes = _quote_paragraph(found, cites) if found.mode == "fact" else ""
    if quotes:
        paragraphs.append(quotes)
    if found.goals and (found.mode == "project" or IREK_QUESTION.search(found.question)):
        paragraphs.append(_goal_sentence(found.goals, cites, project=found.mode == "project"))
    funding_paths: list[AnswerPath] = []
    assessment = found.funding
    if assessment and assessment.paths:
        shown = _paths_to_show(assessment) if found.mode == "project" else assessment.paths
        lines = []
        for path in shown:
            line, numbers = _path_paragraph(path, passages, cites)
            lines.append(f"- {line}")
            funding_paths.append(_answer_path(path, numbers))
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
    goals = [_answer_goal(g, cites) for g in found.goals[:3]] if found.mode == "project" or IREK_QUESTION.search(found.question) else []
    return Answer(text, False, goals, funding_paths, cites.to_answer(), missing_facts=missing, mode=found.mode)


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
