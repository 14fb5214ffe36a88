"""The extractive composer on findings built by hand (no index): the goal sentence, the funding paths with their
sources, the next step and the missing facts of a project; the quoted sentences of a question of fact; the citation
rules of contracts.md §2 (numbered in order of use, every number used, every quote verbatim in its passage)."""

from __future__ import annotations

import re

from helpers.passages import GRW_TITLE, grw_passage, irek_goal_passage

from assistant.answer.extractive import compose_extractive
from assistant.answer.findings import Findings
from assistant.answer.scope import REFUSAL_OUT_OF_SCOPE
from assistant.core.answer import Answer
from assistant.funding.knowledge import Source
from assistant.funding.rules import ConditionAssessment, FundingAssessment, PathAssessment
from assistant.goals.matching import GoalMatch, GoalRef
from assistant.retrieval.retriever import SearchHit

REVITALISE = irek_goal_passage("irek-0031", "3.1.1", "Gewerbeflächen revitalisieren",
                               "3.1.1 Gewerbeflächen revitalisieren\nBrachflächen sollen wieder für Betriebe nutzbar werden.")
HYDROGEN = irek_goal_passage("irek-0042", "2.3.1", "Wasserstoffwirtschaft aufbauen",
                             "2.3.1 Wasserstoffwirtschaft aufbauen\nDer Landkreis baut eine Wasserstoffinfrastruktur auf.")
NETWORKS = irek_goal_passage("irek-0050", "1.2.1", "Netzwerke stärken",
                             "1.2.1 Netzwerke stärken\nUnternehmen arbeiten in regionalen Netzwerken zusammen.")
SITES = irek_goal_passage("irek-0051", "3.1.2", "Flächen sparen", "3.1.2 Flächen sparen\nNeue Flächen werden sparsam ausgewiesen.")
RATES = grw_passage("grw-0107", "3.2.1.1", "Fördersätze",
                    "(1) Die Förderung beträgt grundsätzlich bis zu 60 Prozent der förderfähigen Kosten.\n"
                    "(2) Die Länder können bis zu 90 Prozent fördern, wenn sich die Maßnahme in eine regionale\n"
                    "Entwicklungsstrategie einfügt.", page=22, page_label="21")
START = grw_passage("grw-0031", "2.2.1", "Beginn des Vorhabens",
                    "Mit dem Vorhaben darf erst nach der Antragstellung begonnen werden. Als Beginn gilt der Abschluss "
                    "eines Lieferungs- oder Leistungsvertrags.", page=12)
EXCLUDED = grw_passage("grw-0040", "2.7.1", "Ausschluss von der Förderung",
                       "Von der Förderung ausgeschlossen sind Betriebe des Verkehrs und der Lagerei.", page=14)
PASSAGES = [REVITALISE, HYDROGEN, NETWORKS, SITES, RATES, START, EXCLUDED]

RATE_SOURCE = Source(document="grw", section="3.2.1.1", page=22,
                     quote="Die Förderung beträgt grundsätzlich bis zu 60 Prozent der förderfähigen Kosten")
START_SOURCE = Source(document="grw", section="2.2.1", page=12,
                      quote="Mit dem Vorhaben darf erst nach der Antragstellung begonnen werden")
EXCLUDED_SOURCE = Source(document="grw", section="2.7.1", page=14,
                         quote="Von der Förderung ausgeschlossen sind Betriebe des Verkehrs und der Lagerei")
NOWHERE = Source(document="grw", section="9.9", page=99, quote="Dieser Satz steht in keiner Passage")

CITED = re.compile(r"\[(\d+)\]")


def goal(passage, score: float) -> GoalMatch:  # noqa: ANN001
    leitziel = passage.leitziel
    return GoalMatch(passage.goal_code, passage.section_title, GoalRef(leitziel, f"Leitziel {leitziel}"),
                     GoalRef(passage.corridor, f"Korridor {passage.corridor}"), score, passage)


def condition(id_: str, source: Source, applies: bool | None, effect: str = "blocks") -> ConditionAssessment:
    return ConditionAssessment(id_, f"Bedingung {id_}.", effect, source, applies)


def path(id_: str, *, blocked: bool = False, conditions=(), sources=(RATE_SOURCE,),  # noqa: ANN001
         next_steps=("Beratung bei der NBank vereinbaren.",)) -> PathAssessment:
    return PathAssessment(id_, f"Weg {id_}", "bis zu 60 %", "Gemeinden", list(conditions), blocked,
                          ["Der Antrag kam nach dem Beginn."] if blocked else [], "NBank", list(next_steps),
                          list(sources))


def project(goals, paths, missing=(), question="Unsere Gemeinde will eine Brachfläche revitalisieren.") -> Findings:  # noqa: ANN001
    return Findings(question, question, "project", [], goals, FundingAssessment(list(paths), list(missing)), None)


def fact(question: str, hits, goals=(), paths=()) -> Findings:  # noqa: ANN001
    funding = FundingAssessment(list(paths), []) if paths else None
    return Findings(question, question, "fact", [SearchHit(p, s) for p, s in hits], list(goals), funding, None)


def assert_citation_rules(answer: Answer) -> None:
    """contracts.md §2: numbered 1..n in order of first use, every number used, every quote verbatim in its passage."""
    by_id = {p.chunk_id: p for p in PASSAGES}
    numbers = [c.n for c in answer.citations]
    assert numbers == list(range(1, len(numbers) + 1))
    used = [int(n) for n in CITED.findall(answer.answer)]
    assert set(used) == set(numbers), (used, numbers)
    assert list(dict.fromkeys(used)) == numbers, "numbered in the order of first use"
    for c in answer.citations:
        passage = by_id[c.chunk_id]
        assert c.quote and c.quote in passage.text, c
        assert (c.document, c.title) == (passage.document, passage.document_title)
    for item in [*answer.goals, *answer.funding_paths]:
        assert set(item.citations) <= set(numbers)


# -- a project -------------------------------------------------------------------------------------------------------

def test_project_answer_names_the_goals_the_paths_the_next_step_and_what_is_missing():
    found = project([goal(REVITALISE, 0.9), goal(HYDROGEN, 0.7)],
                    [path("grw-infrastruktur", conditions=[condition("beginn", START_SOURCE, None)])],
                    missing=["Wie groß ist die Fläche?"])
    answer = compose_extractive(found, PASSAGES)
    assert (answer.abstained, answer.mode) == (False, "project")
    assert answer.answer.split("\n\n") == [
        "Ihr Vorhaben passt am besten zum Handlungsziel 3.1.1 „Gewerbeflächen revitalisieren“ (Leitziel 3.1 "
        "„Leitziel 3.1“, Themenkorridor 3 „Korridor 3“) [1]. Ebenfalls passen 2.3.1 „Wasserstoffwirtschaft aufbauen“ [2].",
        "Mögliche Förderwege:\n- **Weg grw-infrastruktur**: Förderung bis zu 60 Prozent [3]. Wichtig: Bedingung beginn. [4] "
        "Antrag: NBank",
        "Nächster Schritt: Beratung bei der NBank vereinbaren.",
        "Für eine genauere Einschätzung fehlt mir noch: Wie groß ist die Fläche?",
    ]
    assert_citation_rules(answer)
    assert [c.chunk_id for c in answer.citations] == ["irek-0031", "irek-0042", "grw-0107", "grw-0031"]
    assert answer.citations[0].quote == REVITALISE.text.strip(), "a goal is quoted whole"
    assert answer.citations[2].quote == RATE_SOURCE.quote, "a rule's source is quoted in the passage's own wording"
    assert [(g.code, g.chunk_id, g.citations) for g in answer.goals] == [("3.1.1", "irek-0031", [1]),
                                                                          ("2.3.1", "irek-0042", [2])]
    assert [(p.id, p.citations, p.conditions) for p in answer.funding_paths] == [
        ("grw-infrastruktur", [3, 4], ["Bedingung beginn."])]
    assert answer.missing_facts == ["Wie groß ist die Fläche?"]


def test_only_the_first_three_goals_are_named_and_listed():
    goals = [goal(p, s) for p, s in ((REVITALISE, 0.9), (HYDROGEN, 0.8), (NETWORKS, 0.7), (SITES, 0.6))]
    answer = compose_extractive(project(goals, [path("leader", sources=())]), PASSAGES)
    assert [g.code for g in answer.goals] == ["3.1.1", "2.3.1", "1.2.1"]
    assert "3.1.2" not in answer.answer and "irek-0051" not in {c.chunk_id for c in answer.citations}
    assert all(g.citations for g in answer.goals)
    assert_citation_rules(answer)


def test_paths_blocked_by_a_fact_follow_the_open_ones_and_are_not_cut_off():
    paths = [path("eins"), path("zwei"), path("drei"), path("vier"),
             path("grw-gewerbe", blocked=True, conditions=[condition("beginn", START_SOURCE, True)]),
             path("ohne-fakt", blocked=True, conditions=[condition("branche", EXCLUDED_SOURCE, None)])]
    answer = compose_extractive(project([goal(REVITALISE, 0.9)], paths), PASSAGES)
    assert [p.id for p in answer.funding_paths] == ["eins", "zwei", "drei", "grw-gewerbe"]
    blocked = answer.funding_paths[-1]
    assert blocked.blocked and blocked.reasons == ["Der Antrag kam nach dem Beginn."]
    line = next(line for line in answer.answer.splitlines() if "grw-gewerbe" in line)
    assert "voraussichtlich nicht möglich – Der Antrag kam nach dem Beginn." in line
    assert [answer.citations[n - 1].chunk_id for n in blocked.citations] == ["grw-0031"], "the blocking rule is cited"
    assert "Nächster Schritt: Beratung bei der NBank vereinbaren." in answer.answer, "the step of the best open path"
    assert_citation_rules(answer)


def test_a_source_that_no_passage_holds_is_not_cited():
    answer = compose_extractive(project([goal(REVITALISE, 0.9)], [path("leader", sources=(NOWHERE,))]), PASSAGES)
    assert answer.funding_paths[0].citations == []
    assert "**Weg leader**: Förderung bis zu 60 Prozent." in answer.answer
    assert_citation_rules(answer)


def test_nothing_to_cite_is_the_out_of_scope_refusal():
    found = project([], [path("leader", sources=(NOWHERE,), next_steps=())])
    answer = compose_extractive(found, PASSAGES)
    assert (answer.answer, answer.abstained, answer.mode) == (REFUSAL_OUT_OF_SCOPE, True, "refusal")
    assert answer.goals == [] and answer.funding_paths == [] and answer.citations == []


# -- a question of fact ----------------------------------------------------------------------------------------------

def test_fact_answer_quotes_the_best_sentence_of_each_of_the_first_two_hits():
    found = fact("Wann darf mit dem Vorhaben begonnen werden?", [(START, 1.0), (RATES, 0.8), (EXCLUDED, 0.5)])
    answer = compose_extractive(found, PASSAGES)
    assert (answer.abstained, answer.mode) == (False, "fact")
    assert answer.answer.split("\n\n") == [
        f"Dazu heißt es ({GRW_TITLE}, Nr. 2.2.1, S. 12): „Mit dem Vorhaben darf erst nach der Antragstellung begonnen "
        "werden.“ [1]",
        f"Außerdem ({GRW_TITLE}, Nr. 3.2.1.1, S. 21): „(1) Die Förderung beträgt grundsätzlich bis zu 60 Prozent der "
        "förderfähigen Kosten.“ [2]",
    ]
    assert answer.goals == [] and answer.funding_paths == [] and answer.missing_facts == []
    assert_citation_rules(answer)


def test_question_for_an_amount_quotes_the_third_hit_when_the_first_two_state_none():
    found = fact("Wie hoch ist die Förderung für Betriebe?", [(START, 1.0), (EXCLUDED, 0.9), (RATES, 0.8)])
    answer = compose_extractive(found, PASSAGES)
    assert [c.chunk_id for c in answer.citations] == ["grw-0031", "grw-0107"]
    assert "Prozent" in answer.citations[1].quote
    assert_citation_rules(answer)


def test_goals_of_a_fact_answer_only_when_the_question_asks_about_the_irek():
    hits = [(RATES, 1.0)]
    plain = compose_extractive(fact("Wie hoch ist der Fördersatz?", hits, [goal(REVITALISE, 0.9)]), PASSAGES)
    assert plain.goals == [] and "Handlungsziel" not in plain.answer
    irek = compose_extractive(fact("Welches Handlungsziel passt zu Brachflächen?", hits, [goal(REVITALISE, 0.9)]), PASSAGES)
    assert "Im IREK passt dazu am besten das Handlungsziel 3.1.1" in irek.answer
    assert [g.code for g in irek.goals] == ["3.1.1"] and irek.goals[0].citations == [2]
    assert_citation_rules(irek)


def test_fact_answer_lists_every_path_it_is_given_under_zur_foerderung():
    found = fact("Wie hoch ist der Fördersatz?", [(RATES, 1.0)], paths=[path("eins"), path("zwei"), path("drei"),
                                                                          path("vier")])
    answer = compose_extractive(found, PASSAGES)
    assert "Zur Förderung:\n- **Weg eins**" in answer.answer and "Nächster Schritt" not in answer.answer
    assert [p.id for p in answer.funding_paths] == ["eins", "zwei", "drei", "vier"]
    assert_citation_rules(answer)


def test_percent_signs_are_written_as_prozent():
    answer = compose_extractive(project([goal(REVITALISE, 0.9)], [path("leader")]), PASSAGES)
    assert "%" not in answer.answer and "bis zu 60 Prozent" in answer.answer
    assert answer.funding_paths[0].max_rate == "bis zu 60 %", "the structured field keeps the rule's wording"


def test_pages_come_from_the_locator_where_one_is_given():
    spanning = grw_passage("grw-0107", "3.2.1.1", "Fördersätze", RATES.text, page=22, page_end=23)
    found = fact("Wann können die Länder bis zu 90 Prozent fördern?", [(spanning, 1.0)])

    def locate(passage, quote):  # noqa: ANN001, ANN202
        return (23, "22") if "90 Prozent" in quote else (passage.page_start, passage.page_label)

    answer = compose_extractive(found, [spanning], locate)
    (citation,) = answer.citations
    assert "90 Prozent" in citation.quote
    assert (citation.page, citation.page_label) == (23, "22")
    assert citation.citation == f"{GRW_TITLE}, Nr. 3.2.1.1, S. 22"
    without = compose_extractive(found, [spanning]).citations[0]
    assert (without.page, without.page_label) == (22, None)
