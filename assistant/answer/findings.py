"""What the pipeline decided about one question, before it is written as text: the input of every composer."""

from __future__ import annotations

from dataclasses import dataclass, field

from assistant.funding.profile import ProjectProfile
from assistant.funding.knowledge import Source
from assistant.funding.rules import FundingAssessment, PathAssessment
from assistant.goals.lists import GoalList
from assistant.goals.matching import GoalMatch
from assistant.retrieval.retriever import SearchHit


@dataclass
class Findings:
    """What the extractive composer found, before it is written as text (also the input of an LLM composer)."""

    question: str
    search_text: str
    mode: str  # project | fact | list | guarantee
    hits: list[SearchHit]
    goals: list[GoalMatch]
    funding: FundingAssessment | None
    profile: ProjectProfile | None
    intent: str = ""  # contracts.md §2
    goal_list: GoalList | None = None  # mode "list": the goals asked for; mode "fact": the catalogue to count
    # the question's rare stems (its trade, its object), for an eligibility question whose verdict the facts give:
    # only passages holding one of them are quoted beside the verdict
    telling: frozenset[str] = frozenset()
    # the rare stems of the statute's terms for the question's everyday words (query_glossary.yaml: "Homeoffice" ->
    # "Telearbeit"): a lead sentence holding none of the question's own telling words is sought by them
    statute: frozenset[str] = frozenset()
    # the rules the asker's facts or the kind of question point to (funding.rules.ruling_sources): where the lead
    # passage's section holds one, its sentence leads
    implied: list[Source] = field(default_factory=list)
    in_conversation: bool = False  # a follow-up: the facts of the turns before are the asker's project
    note: str = ""  # a paragraph every composed answer ends with (an instruction beside the question, not followed)
    reach: str = ""  # a sentence every composed answer begins with (the IREK's reach, asked from another place)
    # the text a further question of a message stands after (answer.questions), for the programmes it names ("Wie läuft
    # das mit LEADER bei uns? wer entscheidet über die projekte …" asks who decides in LEADER)
    context: str = ""
    # a project's description that also asks a question of a rule ("… auch der Kauf? Und gibt es Vorgaben für die
    # Mieter?"): that question's words, and its stems that few passages hold (extractive.asked_beside)
    asked: tuple[str, frozenset[str]] = ("", frozenset())
    # a company size asked about as a supposition ("… und wenn er mittleres Unternehmen wäre?"): that size, the profile
    # with it, and the lead path assessed for it
    if_size: tuple[str, ProjectProfile, PathAssessment] | None = None
    # those of `implied` the question asks for in their own words (funding.rules.asked_rules): a passage among the
    # first that holds one leads ("Schaffen wir die Frist noch, wenn der Hallenbauer pleite ist?": Nr. 2.8.2.1 (2))
    asked_rules: list[Source] = field(default_factory=list)
