"""What the pipeline decided about one question, before it is written as text: the input of every composer."""

from __future__ import annotations

from dataclasses import dataclass

from assistant.funding.profile import ProjectProfile
from assistant.funding.rules import FundingAssessment
from assistant.goals.matching import GoalMatch
from assistant.retrieval.retriever import SearchHit


@dataclass
class Findings:
    """What the extractive composer found, before it is written as text (also the input of an LLM composer)."""

    question: str
    search_text: str
    mode: str  # project | fact
    hits: list[SearchHit]
    goals: list[GoalMatch]
    funding: FundingAssessment | None
    profile: ProjectProfile | None
