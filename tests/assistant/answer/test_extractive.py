"""The extractive composer on findings built by hand (no index): the goal sentence, the funding paths with their
sources, the next step and the missing facts of a project; the quoted sentences of a question of fact; the citation
rules of contracts.md §2 (numbered in order of use, every number used, every quote verbatim in its passage)."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date

import pytest

from helpers.passages import GRW_TITLE, grw_passage, irek_goal_passage

from assistant.answer.extractive import asked_beside, compose_extractive
from assistant.answer.findings import Findings
from assistant.answer.scope import REFUSAL_OUT_OF_SCOPE
from assistant.core.answer import Answer
from assistant.core.model import Passage
from assistant.funding.knowledge import Source
from assistant.funding.profile import ProjectProfile
from assistant.funding.rules import ConditionAssessment, FundingAssessment, LimitCheck, PathAssessment
from assistant.goals.matching import GoalMatch, GoalRef
from assistant.retrieval.retriever import SearchHit
from assistant.text.analysis import stems
from assistant.text.figures import untraceable

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

SMALL_RATE = grw_passage("grw-0060", "2.5.1", "Förderhöchstsätze",
                         "c) D-Fördergebiete: Betriebsstätten von kleinen Unternehmen 20 Prozent\n"
                         "a) C-Fördergebiete: Betriebsstätten von kleinen Unternehmen 35 Prozent", page=14)
NO_CLAIM = grw_passage("grw-0005", "1.5", "Grundsätze der Förderung",
                       "Grundsätze der Förderung\n(1) Ein Rechtsanspruch auf GRW-Mittel besteht nicht.", page=6)
PASSAGES += [SMALL_RATE, NO_CLAIM]
SMALL_SOURCE = Source(document="grw", section="2.5.1", page=14,
                      quote="c) D-Fördergebiete: Betriebsstätten von kleinen Unternehmen 20 Prozent")


def with_applicant_rate(p: PathAssessment, rate: float = 20.0) -> PathAssessment:
    p.applicant_rate, p.applicant_rate_source = rate, SMALL_SOURCE
    return p


def test_project_answer_opens_with_the_bottom_line_then_goals_paths_and_what_is_missing():
    goals = [goal(p, s) for p, s in ((REVITALISE, 0.9), (HYDROGEN, 0.8), (NETWORKS, 0.7), (SITES, 0.6))]
    paths = [path("grw-infrastruktur", conditions=[condition("beginn", START_SOURCE, None)]), path("zwei"),
             path("drei")]
    answer = compose_extractive(project(goals, paths, missing=["Wie groß ist die Fläche?", "Wer ist Träger?",
                                                               "Wann beginnt es?"]), PASSAGES)
    assert answer.answer.startswith(answer.summary + "\n\n") and len(answer.summary) <= 400
    assert answer.summary == ("Passendes IREK-Ziel: Handlungsziel 3.1.1 „Gewerbeflächen revitalisieren“ [1]. Förderweg: "
                              "Weg grw-infrastruktur, bis zu 60 Prozent [2]. Nächster Schritt: Beratung bei der NBank "
                              "vereinbaren.")
    assert [g.code for g in answer.goals] == ["3.1.1", "2.3.1", "1.2.1"], "the first three goals, 3.1.2 left out"
    assert [p.id for p in answer.funding_paths] == ["grw-infrastruktur", "zwei"], "at most two open paths"
    assert "Bedingung beginn (Nr. " in answer.answer, "the one condition whose deciding fact is open is shown, with its rule"
    assert answer.missing_facts == ["Wie groß ist die Fläche?", "Wer ist Träger?"], "at most two questions"
    assert answer.intent == "" and answer.mode == "project"
    assert_citation_rules(answer)


def test_a_path_ruled_out_by_a_fact_leads_the_bottom_line_when_it_fits_best():
    blocked = path("grw-gewerbe", blocked=True, conditions=[condition("branche", EXCLUDED_SOURCE, True)])
    blocked.fit = 3.0
    other = path("leader")
    other.fit, other.fit_reasons = 1.0, ["Die Art des Vorhabens passt."]
    answer = compose_extractive(project([goal(REVITALISE, 0.9)], [other, blocked]), PASSAGES)
    assert answer.summary.startswith("Nein – über Weg grw-gewerbe nicht förderfähig: Der Antrag kam nach dem Beginn (Nr. 2.7.1) [1]. "
                                     "Passendes IREK-Ziel"), answer.summary
    assert "Möglich ist: Weg leader, bis zu 60 Prozent [" in answer.summary
    # only usual for the asker, not named for the kind of project the asker describes: no way out
    other.fit_reasons = ["Üblicher Förderweg für diese Antragstellenden."]
    found = project([goal(REVITALISE, 0.9)], [other, blocked])
    found.profile = ProjectProfile(applicant_type="company", project_types=["business_investment"])
    answer = compose_extractive(found, PASSAGES)
    assert "Möglich ist" not in answer.summary and [p.id for p in answer.funding_paths] == ["grw-gewerbe"]
    ruled_out = next(p for p in answer.funding_paths if p.id == "grw-gewerbe")
    assert ruled_out.blocked and [answer.citations[n - 1].chunk_id for n in ruled_out.citations] == ["grw-0040"]
    assert_citation_rules(answer)


def test_a_reason_too_long_for_the_bottom_line_keeps_its_citation_when_its_second_sentence_is_left_out():
    """The reason of a ruled-out path in two sentences, too long together: the first stays, cited."""
    blocked = path("grw-infrastruktur", blocked=True, conditions=[condition("kein-tatbestand", EXCLUDED_SOURCE, True)])
    blocked.fit, blocked.reason_sources = 3.0, [EXCLUDED_SOURCE]
    blocked.because = ("Sportstätten, Vereins- und Dorfgemeinschaftshäuser, Kitas und allgemeinbildende Schulen, "
                       "Wohnungsbau, Arztpraxen, Feuerwehr- und Rathäuser sind keine Fördertatbestände der "
                       "wirtschaftsnahen Infrastruktur (Nr. 3.2.2). Die Liste der förderfähigen Maßnahmen nennt "
                       "Gewerbegelände, Revitalisierung, Verkehrsanbindung, Abwasser, Gewerbezentren, Tourismus, "
                       "berufliche Bildung, Energie, Häfen und Forschung.")
    answer = compose_extractive(project([goal(REVITALISE, 0.9)], [blocked]), PASSAGES)
    assert answer.summary.endswith("sind keine Fördertatbestände der wirtschaftsnahen Infrastruktur (Nr. 3.2.2) [1].")
    assert len(answer.summary) <= 400
    assert_citation_rules(answer)


def test_the_no_of_a_ruled_out_path_stays_in_the_bottom_line_and_what_does_not_fit_moves_to_the_details():
    blocked = path("grw-gewerbe", blocked=True, conditions=[condition("branche", EXCLUDED_SOURCE, True)])
    blocked.fit, blocked.reason_sources = 3.0, [EXCLUDED_SOURCE]
    blocked.because = "Die Haupttätigkeit steht auf der Liste nicht förderfähiger Wirtschaftszweige. " + "Lange Begründung " * 14
    answer = compose_extractive(project([goal(REVITALISE, 0.9)], [blocked]), PASSAGES)
    assert answer.summary.startswith("Nein – über Weg grw-gewerbe nicht förderfähig: Die Haupttätigkeit")
    assert len(answer.summary) <= 400 and "Passendes IREK-Ziel" not in answer.summary
    assert "Passendes IREK-Ziel: Handlungsziel 3.1.1" in answer.answer, "the goal follows in the details"
    assert_citation_rules(answer)


VEHICLES = grw_passage("grw-0070", "2.6.2", "Förderfähige Kosten",
                       "(2) Zu den förderfähigen Kosten gehören nicht: b) die Anschaffungskosten für PKW und LKW, die "
                       "primär dem Transport dienen.", page=18)
PASSAGES.append(VEHICLES)
VEHICLES_SOURCE = Source(document="grw", section="2.6.2", page=18,
                         quote="b) die Anschaffungskosten für PKW und LKW, die primär dem Transport dienen.")


def test_a_cost_item_the_path_excludes_is_the_no_of_an_eligibility_question_and_a_warning_in_a_project():
    excludes = ConditionAssessment("strassenfahrzeuge", "PKW und LKW gehören nicht zu den förderfähigen Kosten.",
                                   "excludes", VEHICLES_SOURCE, True)
    gewerbe = with_applicant_rate(path("grw-gewerbe", conditions=[excludes], sources=(SMALL_SOURCE,)))
    question = "Sind zwei Lieferwagen förderfähig?"
    found = Findings(question, question, "fact", [SearchHit(SMALL_RATE, 1.0)], [], FundingAssessment([gewerbe], []),
                     ProjectProfile(applicant_type="company", company_size="small", cost_items=["road_vehicle"]),
                     intent="eligibility")
    answer = compose_extractive(found, PASSAGES)
    assert answer.summary == "Nein – PKW und LKW gehören nicht zu den förderfähigen Kosten [1]."
    assert answer.citations[0].chunk_id == "grw-0070"
    assert_citation_rules(answer)
    built = compose_extractive(project([goal(REVITALISE, 0.9)], [gewerbe]), PASSAGES)
    assert "Förderweg: Weg grw-gewerbe" in built.summary, "the path stays open for the rest of the project"
    assert "Nicht förderfähig: PKW und LKW gehören nicht zu den förderfähigen Kosten [" in built.summary
    assert_citation_rules(built)


def test_a_rate_no_quote_holds_is_left_out_of_the_text_but_kept_in_the_structured_path():
    answer = compose_extractive(project([goal(REVITALISE, 0.9)], [path("leader", sources=(NOWHERE,))]), PASSAGES)
    assert "60" not in answer.answer and answer.funding_paths[0].max_rate == "bis zu 60 %"
    assert_citation_rules(answer)


def test_the_rate_for_this_applicant_and_the_grant_for_the_sum_given_are_computed_and_marked():
    found = project([goal(REVITALISE, 0.9)], [with_applicant_rate(path("grw-gewerbe"))])
    found.profile = ProjectProfile(company_size="small", investment_eur=180_000.0)
    answer = compose_extractive(found, PASSAGES)
    # the rate with its rule
    assert "Förderweg: Weg grw-gewerbe, für ein kleines Unternehmen bis zu 20 Prozent nach Nr. 2.5.1 [2]." in \
        answer.summary, answer.summary
    assert ("Rechenbeispiel (eigene Rechnung, keine Zusage): 20 Prozent von 180.000 € förderfähigen Kosten ergeben "
            "bis zu 36.000 €.") in answer.answer
    assert answer.citations[1].quote == "c) D-Fördergebiete: Betriebsstätten von kleinen Unternehmen 20 Prozent"
    assert_citation_rules(answer)


def test_nothing_to_cite_is_the_out_of_scope_refusal():
    found = project([], [path("leader", sources=(NOWHERE,), next_steps=())])
    answer = compose_extractive(found, PASSAGES)
    assert (answer.answer, answer.abstained, answer.mode) == (REFUSAL_OUT_OF_SCOPE, True, "refusal")
    assert answer.goals == [] and answer.funding_paths == [] and answer.citations == []


# -- a question of fact ----------------------------------------------------------------------------------------------

def test_fact_answer_opens_with_the_answering_sentence_and_adds_one_from_another_passage_that_names_its_thing():
    found = fact("Wann darf mit dem Vorhaben begonnen werden?", [(START, 1.0), (RATES, 0.8), (EXCLUDED, 0.5)])
    # a sentence of another passage that names nothing the question names (the rates beside the start of works) is
    # not quoted beside the lead
    answer = compose_extractive(found, PASSAGES)
    assert (answer.abstained, answer.mode) == (False, "fact")
    assert answer.answer.split("\n\n") == [
        "GRW-Koordinierungsrahmen, Nr. 2.2.1, S. 12: „Mit dem Vorhaben darf erst nach der Antragstellung begonnen "
        "werden.“ [1]",
    ]
    assert answer.summary == answer.answer, "the year of the title is no figure of the text"
    assert answer.goals == [] and answer.funding_paths == [] and answer.missing_facts == []
    assert_citation_rules(answer)
    # one that names a thing the question names, a noun of its text among the question's telling words, is
    named = compose_extractive(replace(found, telling=frozenset(stems("Förderung"))), PASSAGES)
    assert named.answer.split("\n\n")[1] == ("Außerdem (GRW-Koordinierungsrahmen, Nr. 3.2.1.1, S. 21): „(1) Die "
                                             "Förderung beträgt grundsätzlich bis zu 60 Prozent der förderfähigen "
                                             "Kosten.“ [2]")
    assert_citation_rules(named)


def test_question_for_an_amount_leads_with_a_sentence_that_states_one_and_the_osnabrueck_row_first():
    found = fact("Wie hoch ist die Förderung für kleine Unternehmen?", [(START, 1.0), (EXCLUDED, 0.9), (SMALL_RATE, 0.8)])
    found.intent = "amount"
    answer = compose_extractive(found, PASSAGES)
    assert answer.citations[0].quote == "c) D-Fördergebiete: Betriebsstätten von kleinen Unternehmen 20 Prozent"
    assert "35 Prozent" not in answer.answer
    assert_citation_rules(answer)


def test_goals_of_a_fact_answer_where_the_pipeline_found_some_and_the_question_is_not_about_the_irek_as_such():
    """The pipeline gives a question of fact goals only for a subject it names (a trade, a kind of project): the best
    one is named; a question about the IREK names two where it asks for a topic, none where it asks what the IREK is."""
    hits = [(RATES, 1.0)]
    goals = [goal(REVITALISE, 0.9), goal(SITES, 0.8)]

    def answer(question: str, intent: str, with_goals=goals) -> Answer:  # noqa: ANN001
        found = fact(question, hits, with_goals)
        found.intent = intent
        return compose_extractive(found, PASSAGES)

    plain = answer("Wie hoch ist der Fördersatz?", "amount", [])
    assert plain.goals == [] and "Im IREK passt dazu" not in plain.answer
    subject = answer("Wird die Revitalisierung einer Brachfläche gefördert?", "eligibility")
    assert "Im IREK passt dazu: 3.1.1 „Gewerbeflächen revitalisieren“ [2]." in subject.answer
    assert "3.1.2" not in subject.answer and [g.code for g in subject.goals] == ["3.1.1", "3.1.2"]
    topic = answer("Welche Handlungsziele passen zu Brachflächen?", "irek")  # which goals fit: they lead
    assert topic.summary == "Im IREK passt dazu: 3.1.1 „Gewerbeflächen revitalisieren“ [1]; 3.1.2 „Flächen sparen“ [2]."
    assert topic.goals[0].citations == [1] and topic.answer.count("Im IREK passt dazu") == 1
    itself = answer("Was ist das IREK?", "irek")
    assert itself.goals == [] and "Im IREK passt dazu" not in itself.answer
    # a question the IREK's chapters answer, not its goals (no goal among the best passages, none named): no goal
    chapters = answer("Mit welchen Strategien ist das IREK verzahnt?", "irek")
    assert chapters.goals == [] and "Im IREK passt dazu" not in chapters.answer
    asked_on = answer("Steht im IREK was zu Brachflächen?", "irek")  # what it says on a topic: its goals
    assert "Im IREK passt dazu: 3.1.1 „Gewerbeflächen revitalisieren“ [2]; 3.1.2" in asked_on.answer
    for each in (plain, subject, topic, itself, chapters, asked_on):
        assert_citation_rules(each)


def test_fact_answer_shows_at_most_two_paths():
    found = fact("Wie hoch ist der Fördersatz?", [(RATES, 1.0)], paths=[path("eins"), path("zwei"), path("drei")])
    answer = compose_extractive(found, PASSAGES)
    assert "Zur Förderung:\n- **Weg eins**" in answer.answer and "Nächster Schritt" not in answer.answer
    assert [p.id for p in answer.funding_paths] == ["eins", "zwei"]
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


# -- lists and guarantees --------------------------------------------------------------------------------------------

def test_a_list_of_goals_names_its_leitziel_and_cites_every_item():
    from assistant.core.model import Goal
    from assistant.goals.lists import GoalList

    leitziel = Goal(code="3.1", title="Nachhaltige Flächenentwicklung", level="leitziel", parent="3", corridor="3")
    items = [Goal(code="3.1.1", title="Gewerbeflächen revitalisieren", level="handlungsziel", parent="3.1", corridor="3"),
             Goal(code="3.1.2", title="Flächen sparen", level="handlungsziel", parent="3.1", corridor="3")]
    listed = GoalList("handlungsziel", items, leitziel, count=True, passages={"3.1.1": REVITALISE, "3.1.2": SITES})
    found = Findings("wie viele Ziele hat Leitziel 3.1", "", "list", [], [], None, None, intent="irek", goal_list=listed)
    answer = compose_extractive(found, PASSAGES)
    assert answer.summary.startswith("Eigene Zählung nach dem IREK: Leitziel 3.1 „Nachhaltige Flächenentwicklung“ hat 2 "
                                     "Handlungsziele: 3.1.1 und 3.1.2.")
    assert "- 3.1.1 „Gewerbeflächen revitalisieren“ [1]\n- 3.1.2 „Flächen sparen“ [2]" in answer.answer
    assert answer.intent == "irek"
    assert_citation_rules(answer)
    # with the catalogue's titles, the IREK's total of that level too
    listed.titles = {"3": "Infrastruktur", "3.1": leitziel.title, "3.1.1": "a", "3.1.2": "b", "3.2.1": "c"}
    assert "hat 2 der insgesamt 3 Handlungsziele: 3.1.1 und 3.1.2." in compose_extractive(found, PASSAGES).summary


def test_a_request_for_a_guarantee_gets_the_short_answer_of_nr_1_5():
    found = Findings("Können Sie mir die Förderung verbindlich zusagen?", "", "guarantee", [], [],
                     FundingAssessment([], []), None, intent="rule")
    answer = compose_extractive(found, PASSAGES)
    assert answer.summary.startswith("Eine verbindliche Zusage kann ich nicht geben: Auf GRW-Mittel besteht kein "
                                     "Rechtsanspruch [1].")
    assert answer.citations[0].quote == "Ein Rechtsanspruch auf GRW-Mittel besteht nicht."
    assert len(answer.answer) < 600
    assert_citation_rules(answer)


def test_a_goal_title_does_not_lead_the_answer_to_a_question_of_a_rule():
    found = fact("Wie hoch ist der Fördersatz für Brachflächen?", [(REVITALISE, 0.9), (RATES, 0.8)])
    found.intent = "rule"
    answer = compose_extractive(found, PASSAGES)
    assert "Die Förderung beträgt grundsätzlich bis zu 60 Prozent" in answer.summary
    assert answer.citations[0].chunk_id == RATES.chunk_id
    assert_citation_rules(answer)


def test_the_bottom_line_names_both_rates_of_a_path_and_that_the_higher_has_conditions():
    raised = Source(document="grw", section="3.2.1.1", page=22, quote="Die Länder können bis zu 90 Prozent fördern")
    infra = path("grw-infrastruktur", sources=(RATE_SOURCE, raised))
    infra.max_rate = ("bis 60 %; bis 90 %, wenn sich die Maßnahme in eine regionale Entwicklungsstrategie einfügt und "
                      "interkommunal ist, zur Transformation beiträgt oder besonders der Fachkräftesicherung dient")
    infra.fit = 3.0
    answer = compose_extractive(project([goal(SITES, 0.9)], [infra]), PASSAGES)
    assert "Förderweg: Weg grw-infrastruktur, bis 60 Prozent; bis 90 Prozent unter Bedingungen [2] [3]." in answer.summary
    assert "wenn sich die Maßnahme in eine regionale Entwicklungsstrategie einfügt" in answer.answer, "the rule follows"
    question = "Wie viel Prozent bekommt eine Gemeinde für ein Gewerbegebiet?"
    asked = Findings(question, question, "fact", [SearchHit(RATES, 1.0)], [], FundingAssessment([infra], []),
                     ProjectProfile(applicant_type="municipality", project_types=["industrial_site"]), intent="amount")
    assert compose_extractive(asked, PASSAGES).summary.startswith(
        "Förderweg: Weg grw-infrastruktur, bis 60 Prozent; bis 90 Prozent unter Bedingungen [1] [2].")
    assert_citation_rules(answer)


def test_the_own_calculation_stops_at_the_cap_of_the_rate():
    capped = path("grw-nichtinvestiv/rek", sources=(RATE_SOURCE,))
    capped.applicant_rate, capped.applicant_rate_source = 60.0, RATE_SOURCE
    capped.applicant_cap, capped.applicant_cap_eur = "höchstens 200.000 Euro", 200000.0
    question = "Entwicklungskonzept für 400.000 Euro"
    found = Findings(question, question, "project", [], [goal(SITES, 0.9)], FundingAssessment([capped], []),
                     ProjectProfile(applicant_type="municipality", investment_eur=400000.0))
    answer = compose_extractive(found, PASSAGES)
    assert ("Rechenbeispiel (eigene Rechnung, keine Zusage): 60 Prozent von 400.000 € förderfähigen Kosten ergeben "
            "höchstens 200.000 € (Höchstbetrag; rechnerisch wären es 240.000 €).") in answer.answer


def test_a_sum_is_computed_at_each_rate_the_facts_leave_open_and_not_beside_the_own_share():
    """A municipality's business park with 3 Mio €: 60 % or, raised, 90 %; a firm of unknown size: 20 or 10 %. Where
    the asker asks what is left to pay, the own share's sums hold the grant and no second calculation follows."""
    raised = Source(document="grw", section="3.2.1.1", page=22, quote="Die Länder können bis zu 90 Prozent fördern")
    site = path("grw-infrastruktur", sources=(RATE_SOURCE, raised))
    site.max_rate, site.possible_rates = "bis 60 %; bis 90 %", [(60.0, ""), (90.0, "")]
    question = "Die Gemeinde will ein Gewerbegebiet erschließen, Kosten 3 Mio €. Wie viel gibt es?"
    found = Findings(question, question, "project", [], [goal(SITES, 0.9)], FundingAssessment([site], []),
                     ProjectProfile(applicant_type="municipality", investment_eur=3_000_000.0))
    assert ("Rechenbeispiel (eigene Rechnung, keine Zusage): Bei 3.000.000 € förderfähigen Kosten ergeben 60 Prozent, "
            "also bis zu 1.800.000 €, mit dem erhöhten Satz von 90 Prozent bis zu 2.700.000 €.") in \
        compose_extractive(found, PASSAGES).answer
    sizes = [Source(document="grw", section="2.5.1", page=14,
                    quote=f"c) D-Fördergebiete: Betriebsstätten von {size} Unternehmen {rate} Prozent")
             for size, rate in (("kleinen", 20), ("mittleren", 10))]
    firm = path("grw-gewerbe", sources=sizes)
    firm.max_rate, firm.possible_rates = "bis 20 % für kleine, bis 10 % für mittlere", [(20.0, "small"), (10.0, "medium")]
    found = Findings(question, question, "project", [], [goal(SITES, 0.9)], FundingAssessment([firm], []),
                     ProjectProfile(applicant_type="company", investment_eur=800_000.0))
    assert ("Bei 800.000 € förderfähigen Kosten ergeben für ein kleines Unternehmen 20 Prozent, also bis zu 160.000 €, "
            "für ein mittleres Unternehmen 10 Prozent, also bis zu 80.000 €. Welcher Satz gilt, hängt von der Größe des "
            "Unternehmens ab") in compose_extractive(found, PASSAGES).answer
    firm.blocked, firm.reasons = True, ["Der Ort liegt in keinem GRW-Fördergebiet."]
    assert "Rechenbeispiel" not in compose_extractive(found, PASSAGES).answer
    question = "Was bleibt bei uns hängen, wenn wir 60 % bzw. 90 % bekommen? Kosten 4,2 Mio €."
    found = Findings(question, question, "project", [], [goal(SITES, 0.9)], FundingAssessment([site], []),
                     ProjectProfile(applicant_type="municipality", investment_eur=4_200_000.0))
    answer = compose_extractive(found, PASSAGES).answer
    assert answer.count("Rechenbeispiel") == 1 and "bleiben 420.000 € selbst zu finanzieren" in answer, answer
    # a path whose line shows only its first rate (no quote of it holds the raised one) computes no raised rate
    site.sources = [RATE_SOURCE]
    found = Findings(question, question, "project", [], [goal(SITES, 0.9)], FundingAssessment([site], []),
                     ProjectProfile(applicant_type="municipality", investment_eur=3_000_000.0))
    assert "90 Prozent bis zu" not in compose_extractive(found, PASSAGES).answer


def test_a_storage_named_with_its_share_is_computed_at_its_own_rate_and_a_rate_for_one_part_is_not_applied_to_all():
    """KR Nr. 2.4.3.3: a plant for own supply 45 %, its storage 30 %, both plus 20 points for a small firm. A storage
    with its own sum is computed apart; a rate that holds for the PV of a project that also switches its ovens to
    electricity is not applied to the whole sum."""
    pv = path("grw-gewerbe/transformation", sources=(RATE_SOURCE,))
    pv.applicant_rate, pv.applicant_rate_source = 65.0, RATE_SOURCE
    pv.rate_for, pv.storage_rate, pv.rate_label = "renewable_self_supply", 50.0, "Erneuerbare Energie für den Eigenbedarf"
    question = "PV und Batteriespeicher für den Eigenbedarf, zusammen 900k, davon Speicher 250k"
    profile = ProjectProfile(applicant_type="company", company_size="small", investment_eur=900000.0,
                             storage_eur=250000.0, project_types=["renewable_self_supply"], description=question)
    found = Findings(question, question, "project", [], [goal(SITES, 0.9)], FundingAssessment([pv], []), profile)
    assert ("65 Prozent von 650.000 € für die Erzeugungsanlage ergeben bis zu 422.500 €, 50 Prozent von 250.000 € für "
            "den Stromspeicher bis zu 125.000 €, zusammen bis zu 547.500 €.") in compose_extractive(found, PASSAGES).answer
    profile.cost_parts = [("PV", 900000.0), ("Speicher", 250000.0)]  # listed beside the plant: the whole is both
    assert ("65 Prozent von 900.000 € für die Erzeugungsanlage ergeben bis zu 585.000 €, 50 Prozent von 250.000 € für den "
            "Stromspeicher bis zu 125.000 €, zusammen bis zu 710.000 €.") in compose_extractive(found, PASSAGES).answer
    profile.cost_parts = []
    profile.storage_eur = None  # a storage without its own sum: the whole at the plant's rate, less the storage's share
    answer = compose_extractive(found, PASSAGES).answer
    assert "65 Prozent von 900.000 €" in answer and "Die Kosten für den Stromspeicher sind darin noch enthalten und nur zu einem niedrigeren Satz" in answer
    profile.description = "Gasöfen auf Elektro umstellen und PV aufs Dach, zusammen 300.000 Euro"
    profile.project_types = ["fuel_switch", "renewable_self_supply"]
    answer = compose_extractive(found, PASSAGES).answer
    assert "Eine Rechnung über die ganze Summe entfällt: Der Satz gilt nur für den Teil" in answer
    assert "65 Prozent von" not in answer


def test_a_part_the_rate_does_not_hold_for_is_named_in_the_calculated_sum():
    """An extension at 20 % and a renovation of the old rooms, which is modernisation (De-minimis only, Nr. 2.4.1),
    in one sum: the renovation is named as inside the sum, lowering the grant."""
    rule = ConditionAssessment("modernisierung-nur-de-minimis", "Modernisierung nur De-minimis.", "matters",
                               RATE_SOURCE, True, part_not_at_rate="die Modernisierung des Bestands")
    gewerbe = path("grw-gewerbe", conditions=[rule], sources=(RATE_SOURCE,))
    gewerbe.applicant_rate, gewerbe.applicant_rate_source = 20.0, RATE_SOURCE
    question = "Hotel um 10 Zimmer erweitern und die alten Zimmer renovieren, 1,2 Mio €"
    found = Findings(question, question, "project", [], [goal(SITES, 0.9)], FundingAssessment([gewerbe], []),
                     ProjectProfile(applicant_type="company", company_size="small", investment_eur=1200000.0,
                                    project_types=["business_investment", "modernisation"]))
    assert ("20 Prozent von 1.200.000 € förderfähigen Kosten ergeben höchstens 240.000 € vor Abzügen. "
            "Die Kosten für die Modernisierung des Bestands sind darin noch enthalten und nicht zu diesem Satz "
            "förderfähig") in compose_extractive(found, PASSAGES).answer


def test_the_rule_on_a_cost_item_a_path_admits_is_the_bottom_line_of_an_eligibility_question():
    note = ConditionAssessment("leasing", "Geleaste Wirtschaftsgüter können gefördert werden. Zweiter Satz.", "matters",
                               VEHICLES_SOURCE, True, "leasing")
    gewerbe = path("grw-gewerbe", conditions=[note], sources=(SMALL_SOURCE,))
    gewerbe.fit = 3.0
    question = "Können wir die Maschinen leasen?"
    found = Findings(question, question, "fact", [SearchHit(SMALL_RATE, 1.0)], [], FundingAssessment([gewerbe], []),
                     ProjectProfile(applicant_type="company", cost_items=["leasing"]), intent="eligibility")
    answer = compose_extractive(found, PASSAGES)
    assert answer.summary.startswith("Geleaste Wirtschaftsgüter können gefördert werden. Zweiter Satz [1].")
    assert answer.citations[0].chunk_id == "grw-0070"


def test_a_rate_raised_for_kmu_is_written_as_its_base_rate_plus_points_each_cited():
    bonus = grw_passage("grw-0080", "2.4.3.2", "Energieeffizienz",
                        "(3) Die Beihilfeintensität darf 30 Prozent der förderfähigen Kosten nicht überschreiten. Für kleine "
                        "Unternehmen kann die Beihilfeintensität um 20 Prozentpunkte erhöht werden.", page=13)
    PASSAGES.append(bonus)
    raised = path("grw-gewerbe/transformation", sources=())
    raised.applicant_rate, raised.applicant_base_rate, raised.fit = 50.0, 30.0, 3.0
    raised.applicant_rate_source = Source(document="grw", section="2.4.3.2", page=13,
                                          quote="30 Prozent der förderfähigen Kosten nicht überschreiten")
    raised.applicant_bonus_source = Source(document="grw", section="2.4.3.2", page=13,
                                           quote="Für kleine Unternehmen kann die Beihilfeintensität um 20 Prozentpunkte")
    question = "Welcher Fördersatz gilt für Energieeffizienz?"
    found = Findings(question, question, "fact", [SearchHit(bonus, 1.0)], [], FundingAssessment([raised], []),
                     ProjectProfile(applicant_type="company", company_size="small"), intent="amount")
    answer = compose_extractive(found, PASSAGES)
    assert "für ein kleines Unternehmen bis zu 30 Prozent zuzüglich 20 Prozentpunkte nach Nr. 2.4.3.2 [1] [2]" in answer.summary
    assert "50 Prozent" not in answer.summary, "no sum that no quote holds"
    assert_citation_rules(answer)


VERZAHNT = grw_passage("grw-0200", "1.1", "Verankerung",
                       "Gleichzeitig ist die GRW eng mit bestehenden regionalen, landes- und europapolitischen Strategien "
                       "verzahnt. Es greift die Ziele und Inhalte unter anderem der Zukunftsregion, der "
                       "LEADER-Entwicklungskonzepte, der Regionalstrategie „Nordwesten.Stark.Klimaneutral“ sowie der "
                       "Innovationsstrategie RIS3 Niedersachsen auf und führt sie in einem integrierten Gesamtansatz "
                       "zusammen, sodass Doppelstrukturen vermieden und Planungsebenen aufeinander abgestimmt werden.",
                       page=5)
VORAN = grw_passage("grw-0201", "1.2", "Vorwort",
                    "Der Landkreis geht mit diesem Konzept voran. Als einer der ersten Landkreise in Niedersachsen "
                    "setzt er damit einen Maßstab.", page=5)
RESEARCH = grw_passage("grw-0202", "7.1.1.4", "Angewandte Forschung und Entwicklung",
                       "(1) Die GRW kann sich an der Förderung betrieblicher Vorhaben der Forschung und Entwicklung "
                       "beteiligen.\n(2) Die aus GRW-Mitteln finanzierte Beteiligung kann bis zu 1 Million Euro pro "
                       "Förderfall betragen.", page=40)
ADVICE = grw_passage("grw-0203", "7.1.1.1", "Beratung",
                     "(2) Die aus GRW-Mitteln finanzierte Beteiligung kann bis zu 100.000 Euro pro Förderfall betragen.",
                     page=39)
PASSAGES += [VERZAHNT, VORAN, RESEARCH, ADVICE]


def test_the_sentence_that_goes_on_from_the_lead_quote_is_quoted_with_it_or_right_after_it():
    short = compose_extractive(fact("Ist der Landkreis der erste mit so einem Konzept?", [(VORAN, 1.0)]), PASSAGES)
    assert short.summary.endswith("„Der Landkreis geht mit diesem Konzept voran. Als einer der ersten Landkreise in "
                                  "Niedersachsen setzt er damit einen Maßstab.“ [1]"), "both fit the bottom line"
    assert_citation_rules(short)
    long = compose_extractive(fact("Mit welchen Strategien ist die GRW verzahnt?", [(VERZAHNT, 1.0), (START, 0.5)]),
                              PASSAGES)
    first, second = long.answer.split("\n\n")[:2]
    assert "verzahnt.“ [1]" in first and "RIS3" not in first, "too long for the bottom line together"
    assert second.startswith("Außerdem (GRW-Koordinierungsrahmen, Nr. 1.1, S. 5): „Es greift") and "RIS3" in second
    assert_citation_rules(long)


def test_the_amount_asked_for_comes_from_the_best_passage_before_an_amount_of_another_passage():
    found = fact("Wie hoch ist die GRW-Beteiligung bei Forschung und Entwicklung?", [(RESEARCH, 1.0), (ADVICE, 0.9)])
    found.intent = "amount"
    answer = compose_extractive(found, PASSAGES)
    assert answer.citations[0].quote.endswith("bis zu 1 Million Euro pro Förderfall betragen.")
    assert "1 Million Euro" in answer.summary
    assert_citation_rules(answer)


INTRODUCTION = grw_passage("grw-0204", "", "Einleitung",
                           "Leitgedanke der Gemeinschaftsaufgabe (GRW) ist es, die wirtschaftlichen Entwicklungspotenziale "
                           "von strukturschwachen Regionen zu stärken.", page=1)
SMALL_FIRMS = grw_passage("grw-0205", "2.1.5", "Kleine und mittlere Unternehmen, Großunternehmen",
                          "(2) Kleine Unternehmen sind Unternehmen, die\na) weniger als 50 Personen beschäftigen und\nb) "
                          "einen Jahresumsatz von höchstens 10 Millionen Euro haben.", page=7)
PASSAGES += [INTRODUCTION, SMALL_FIRMS]


def test_a_passage_whose_heading_names_the_question_leads_over_a_first_hit_that_names_nothing_of_it():
    answer = compose_extractive(fact("Was ist nach GRW ein kleines Unternehmen?",
                                     [(INTRODUCTION, 1.0), (START, 0.9), (SMALL_FIRMS, 0.8)]), PASSAGES)
    assert answer.citations[0].quote.startswith("(2) Kleine Unternehmen sind Unternehmen") and "50 Personen" in \
        answer.summary
    # a first hit that names a word of the question in its heading keeps its place
    kept = compose_extractive(fact("Was gilt als Beginn des Vorhabens für kleine Unternehmen?",
                                   [(START, 1.0), (SMALL_FIRMS, 0.8)]), PASSAGES)
    assert kept.citations[0].chunk_id == START.chunk_id
    assert_citation_rules(answer)


AREAS = grw_passage("grw-0300", "Anhang 5", "Regionalfördergebiet",
                    "Niedersachsen: Cuxhaven, Landkreis; Art des Fördergebiets: C; Maximaler Fördersatz 01.01.22 bis "
                    "31.12.27 (kleine/mittlere/große Unternehmen): 35/25/15 Prozent\n\nNiedersachsen: Osnabrück, "
                    "Landkreis; Art des Fördergebiets: D; Maximaler Fördersatz 01.01.22 bis 31.12.27 "
                    "(kleine/mittlere/große Unternehmen): 20/10 Prozent/De-minimis-Höchstbetrag", page=91)
PASSAGES += [AREAS]


def test_a_question_of_the_rate_in_another_district_leads_with_that_districts_row_of_the_list_of_areas():
    found = fact("und für ein Unternehmen in Cuxhaven?", [(SMALL_RATE, 1.0)])
    found.intent, found.profile = "amount", ProjectProfile(company_size="small")
    answer = compose_extractive(found, PASSAGES)
    assert answer.summary.startswith("Für Cuxhaven gilt eine eigene Zeile der Liste der Fördergebiete (Anhang 5): "
                                     "„Niedersachsen: Cuxhaven, Landkreis; Art des Fördergebiets: C;")
    assert answer.summary.endswith("Für ein kleines Unternehmen dort sind das bis zu 35 Prozent [1].")
    assert answer.citations[0].chunk_id == AREAS.chunk_id
    assert not untraceable(answer.answer, {c.n: c.quote for c in answer.citations})
    assert_citation_rules(answer)


def test_a_place_the_grw_text_does_not_name_gets_no_rate_and_the_osnabrueck_row_is_quoted():
    found = fact("Wir sitzen in Meppen im Emsland. Gelten für uns auch die 20 Prozent?", [(SMALL_RATE, 1.0)])
    answer = compose_extractive(found, PASSAGES)
    assert answer.summary.startswith("Für Meppen (Emsland) nennt die Liste der Fördergebiete des Koordinierungsrahmens "
                                     "(Anhang 5) keine Zeile: Dort ist keine GRW-Förderung möglich.")
    assert "Niedersachsen: Osnabrück, Landkreis" in answer.citations[0].quote
    assert_citation_rules(answer)


def test_another_district_named_in_a_question_that_asks_no_rate_changes_nothing():
    answer = compose_extractive(fact("Wann darf in Cuxhaven mit dem Vorhaben begonnen werden?", [(START, 1.0)]),
                                PASSAGES)
    assert answer.citations[0].chunk_id == START.chunk_id and "Anhang 5" not in answer.summary


REGIONS = Passage("leader-0001", "leader-os", "LEADER Landkreis Osnabrück",
                  "## Die fünf LEADER-Regionen\n\nNördliches Osnabrücker Land (NOL): Samtgemeinde Artland und Stadt "
                  "Bramsche.\n\nHufeisen: Belm, Bissendorf und Wallenhorst.\n\nWittlager Land: Bad Essen, Bohmte und "
                  "Ostercappeln.\n\nMelle: Die Stadt Melle bildet eine eigene LEADER-Region.", 0, 200, None, None, "",
                  "Die fünf LEADER-Regionen", kind="summary")
PASSAGES += [REGIONS]


def test_a_question_for_a_list_is_answered_with_the_entries_of_a_passage_that_lists_them():
    answer = compose_extractive(fact("Welche LEADER-Regionen gibt es im Landkreis?", [(START, 1.0), (REGIONS, 0.9)]),
                                PASSAGES)
    assert answer.summary == ("LEADER Landkreis Osnabrück, „Die fünf LEADER-Regionen“: Nördliches Osnabrücker Land "
                              "(NOL), Hufeisen, Wittlager Land und Melle [1].")
    assert answer.citations[0].quote.startswith("Nördliches Osnabrücker Land (NOL):")
    assert answer.citations[0].quote.endswith("bildet eine eigene LEADER-Region.")
    assert_citation_rules(answer)
    # a question that asks for no list, or a heading that names nothing asked, keeps the answering sentence
    assert "Wittlager Land und Melle" not in compose_extractive(
        fact("Wann darf mit dem Vorhaben begonnen werden?", [(REGIONS, 1.0), (START, 0.9)]), PASSAGES).summary


BRANCHES = Passage("irek-0010", "irek", "IREK Landkreis Osnabrück",
                   "Regionale Leitbranchen\n\nDer Landkreis Osnabrück verfügt über einen breiten Branchenmix. Agrar- und "
                   "Landtechnik, Ernährungswirtschaft, Maschinen- und Metallbau, Logistik, Handwerk sowie die "
                   "Gesundheitswirtschaft bilden das Rückgrat der regionalen Wertschöpfung.", 0, 200, None, None, "",
                   "Regionale Leitbranchen")
PRESSURE = Passage("irek-0011", "irek", "IREK Landkreis Osnabrück",
                   "Gleichzeitig stehen auch diese Leitbranchen unter Druck. Steigende Energiepreise, Fachkräftemangel "
                   "und technologische Umbrüche erfordern Anpassungen.", 200, 400, None, None, "",
                   "Regionale Leitbranchen")
WHY = Passage("irek-0001", "irek", "IREK Landkreis Osnabrück",
              "Das IREK bündelt wirtschaftliche, infrastrukturelle und soziale Fragen in einem Konzept für Politik, "
              "Verwaltung und Wirtschaft.", 0, 100, None, None, "", "Anlass und Bedeutung des IREKs")
PASSAGES += [WHY, BRANCHES, PRESSURE]


def test_a_question_for_a_list_is_answered_with_the_sentence_of_its_section_that_enumerates_it():
    passages = PASSAGES
    # found by the section's second passage, behind a passage whose heading names only the document
    answer = compose_extractive(fact("Welche Leitbranchen nennt das IREK?", [(WHY, 1.0), (PRESSURE, 0.9)]), passages)
    assert answer.summary.startswith("IREK Landkreis Osnabrück, „Regionale Leitbranchen“: „Agrar- und Landtechnik, ")
    assert answer.citations[0].chunk_id == BRANCHES.chunk_id
    assert_citation_rules(answer)
    # a question that asks for no list keeps the answering sentence
    assert "Agrar- und Landtechnik" not in compose_extractive(
        fact("Unter welchem Druck stehen die Leitbranchen?", [(PRESSURE, 1.0)]), passages).summary


# -- a section whole -------------------------------------------------------------------------------------------------

BUDGET_WHAT = grw_passage("grw-0140", "3.4.2", "Umsetzung regionaler Entwicklungskonzepte über ein eigenes Budget",
                          "(1) Gefördert werden kann die Umsetzung regionaler Entwicklungskonzepte über ein eigenes "
                          "Budget.", page=32)
BUDGET_AMOUNT = grw_passage("grw-0141", "3.4.2", "Umsetzung regionaler Entwicklungskonzepte über ein eigenes Budget",
                            "(6) Die Umsetzung kann mit bis zu 75 Prozent der Kosten gefördert werden, höchstens mit "
                            "500.000 Euro pro Jahr.", page=32)
CONCEPT_AMOUNT = grw_passage("grw-0139", "3.4.1", "Regionale Entwicklungskonzepte",
                             "(6) Die Erstellung eines regionalen Entwicklungskonzepts kann mit bis zu 75 Prozent der "
                             "Kosten gefördert werden, höchstens mit 200.000 Euro.", page=32)


def test_the_amount_asked_comes_from_the_found_section_before_another_sections():
    """3.4.2 was found by its paragraph (1); the amount asked stands in its paragraph (6), not in 3.4.1's, which the
    search ranked next (ranking shows a section's further passages after other sections)."""
    passages = [BUDGET_WHAT, BUDGET_AMOUNT, CONCEPT_AMOUNT]
    found = fact("Wie viel Geld gibt es maximal für die Umsetzung eines Entwicklungskonzepts über ein eigenes Budget?",
                 [(BUDGET_WHAT, 1.0), (CONCEPT_AMOUNT, 0.9)])
    answer = compose_extractive(found, passages)
    assert "500.000 Euro" in answer.summary and "200.000" not in answer.summary, answer.summary
    assert answer.citations[0].chunk_id == BUDGET_AMOUNT.chunk_id and answer.citations[0].section.startswith("3.4.2")


def test_a_summarys_preamble_is_never_quoted():
    preamble = Passage("zr-0000", "zukunftsregion-os", "Zukunftsregion Osnabrück",
                       "# Zukunftsregion Osnabrück\n\nZusammenfassung des Projekts, kein Originaltext. Stand 2026-11. Die "
                       "Angaben zur Zukunftsregion stammen aus Sekundärquellen.", 0, 120, None, None, "",
                       "Zukunftsregion Osnabrück", kind="summary")
    steering = Passage("zr-0003", "zukunftsregion-os", "Zukunftsregion Osnabrück",
                       "## Regionalmanagement und Steuerungsgruppe\n\nÜber die Projekte der Zukunftsregion entscheidet "
                       "eine Steuerungsgruppe aus Stadt, Landkreis und Kommunen.", 0, 120, None, None, "",
                       "Regionalmanagement und Steuerungsgruppe", kind="summary")
    answer = compose_extractive(fact("Wer entscheidet über Projekte der Zukunftsregion?", [(preamble, 1.0), (steering, 0.9)]),
                                PASSAGES + [preamble, steering])
    assert [c.chunk_id for c in answer.citations] == ["zr-0003"], answer.answer


# -- a question asked beside a project -----------------------------------------------------------------------------

@pytest.mark.parametrize("question, ask, telling", [
    ("Bei uns steht ein altes Bankgebäude leer. Idee: Gründerzentrum. Geht das mit GRW, auch der Kauf? Und gibt es "
     "Vorgaben für die Mieter?", "Geht das mit GRW, auch der Kauf? Und gibt es Vorgaben für die Mieter?",
     {"kauf", "vorgab", "miet"}),
    ("Metallbau, 30 MA, neue Halle. Ist das förderfähig?", "Ist das förderfähig?", set()),
    ("wir wollen ne halle bauen, wie viel zuschuss gibts da", "", set()),
])
def test_a_description_asks_beside_the_project_only_what_every_project_question_does_not(question, ask, telling):
    assert asked_beside(question) == (ask, telling)


REENTRY = grw_passage("grw-0290", "2.4.3.3", "Erneuerbare Energien",
                      "(1) Förderfähig sind Anlagen für den Eigenbedarf nach Artikel 41 Absatz 1 AGVO.\n"
                      "Für mittlere Unternehmen kann die Beihilfeintensität um 10 Prozentpunkte erhöht werden. Eine "
                      "gleichzeitige Förderung nach dem EEG für dieselben Kosten ist nicht möglich.", page=12)
PASSAGES += [REENTRY]


def test_a_project_answer_quotes_the_rule_sentence_on_what_its_description_also_asks():
    question = ("Wir sind ein mittleres Unternehmen und bauen eine PV-Anlage für den Eigenverbrauch. Können wir "
                "zusätzlich die EEG-Vergütung nehmen?")
    found = Findings(question, question, "project", [SearchHit(REENTRY, 1.0)], [goal(HYDROGEN, 0.8)],
                     FundingAssessment([], []), None, intent="project",
                     asked=("Können wir zusätzlich die EEG-Vergütung nehmen?", frozenset({"eeg", "vergut"})))
    answer = compose_extractive(found, PASSAGES)
    line = next(p for p in answer.answer.split("\n\n") if p.startswith("Zu Ihrer Frage"))
    assert "„Eine gleichzeitige Förderung nach dem EEG für dieselben Kosten ist nicht möglich.“" in line, line
    assert_citation_rules(answer)


LAND = grw_passage("grw-0130", "5", "Modellvorhaben",
                   "(4) Die Kosten für den Grunderwerb dürfen 25 Prozent der Kosten der gesamten Maßnahme nach Nummer "
                   "3.2.2.1 nicht übersteigen.\n(5) Der Grunderwerb darf nicht vor dem 1. Juli 2025 erfolgt sein.",
                   page=38)
PASSAGES += [LAND]
SHARE_SOURCE = Source(document="grw", section="5", page=38,
                      quote="Die Kosten für den Grunderwerb dürfen 25 Prozent der Kosten der gesamten Maßnahme nach Nummer")
DATE_SOURCE = Source(document="grw", section="5", page=38, quote="Der Grunderwerb darf nicht vor dem 1. Juli 2025 erfolgt sein")


def test_land_bought_too_early_or_beyond_its_share_is_said_in_the_bottom_line_and_left_out_of_the_sum():
    """KR Nr. 5 (4), (5) applied to the asker's figures: land bought in March 2025 is not eligible at all (the sum is
    computed without it); land of 900.000 € in 3,3 Mio € counts only up to 25 % of the whole."""
    site = path("grw-infrastruktur/gewerbegelaende", sources=(RATE_SOURCE,))
    site.limits = [LimitCheck("grunderwerb-anteil", "land", "Grunderwerb", SHARE_SOURCE, False, 1000000.0, 3000000.0,
                              max_share_percent=25.0),
                   LimitCheck("grunderwerb-stichtag", "land", "Grunderwerb", DATE_SOURCE, False, 1000000.0, 3000000.0,
                              not_before=date(2025, 7, 1), acquired="2025-03")]
    question = "Gewerbegebiet, Gesamtkosten 3 Mio €, davon 1 Mio Grundstückskauf, gekauft im März 2025"
    profile = ProjectProfile(applicant_type="municipality", investment_eur=3000000.0, description=question,
                             project_types=["industrial_site"])
    found = Findings(question, question, "project", [], [goal(SITES, 0.9)], FundingAssessment([site], []), profile)
    answer = compose_extractive(found, PASSAGES)
    assert "Nicht förderfähig ist hier „Grunderwerb“: Er darf nicht vor dem 1. Juli 2025 erfolgt sein (Nr. 5), nach " \
           "Ihren Angaben war er früher [" in answer.summary
    assert "60 Prozent von 2.000.000 € förderfähigen Kosten (ohne 1.000.000 € für „Grunderwerb“, die nicht förderfähig " \
           "sind) ergeben bis zu 1.200.000 €" in answer.answer
    assert_citation_rules(answer)
    assert not untraceable(answer.answer, {c.n: c.quote for c in answer.citations})
    site.limits = [LimitCheck("grunderwerb-anteil", "land", "Grunderwerb", SHARE_SOURCE, False, 900000.0, 3300000.0,
                              max_share_percent=25.0)]
    answer = compose_extractive(found, PASSAGES)
    assert "„Grunderwerb“ ist hier nur zum Teil förderfähig: höchstens 25 Prozent der Kosten der gesamten Maßnahme " \
           "(Nr. 5); nach Ihren Angaben ist es mehr [" in answer.summary
    assert "60 Prozent von 3.225.000 € förderfähigen Kosten (darin „Grunderwerb“ nur bis 825.000 €: 25 Prozent von " \
           "3.300.000 €, statt 900.000 €)" in answer.answer


def test_a_path_with_one_rate_for_all_is_not_said_to_have_it_for_the_askers_size():
    """The Zukunftsregion's grant is "höchstens 40 %" for every project: "für ein großes Unternehmen bis zu 40
    Prozent" would read as a rate decided by the size."""
    from assistant.answer.extractive import _rate_phrase, _Writer
    from assistant.funding.knowledge import FundingKnowledge
    from assistant.funding.profile import ProjectProfile
    from assistant.funding.rules import describe
    knowledge = FundingKnowledge.load()
    profile = ProjectProfile(applicant_type="company", company_size="large")
    path = describe(knowledge, "zukunftsregion", profile)
    path.applicant_rate, path.applicant_rate_source = 40.0, path.sources[0]
    writer = _Writer([], None)
    writer.cite_source = lambda source: " [1]"  # type: ignore[method-assign]
    assert _rate_phrase(path, writer, profile) == "bis zu 40 Prozent [1]"


@pytest.mark.parametrize("question, asks", [
    ("Sind IT-Firmen überhaupt drin? hab gehört nur Industrie", True),
    ("Sind Dienstleister überhaupt drin?", True),
    ("Was ist da an Zuschuss drin?", False),
])
def test_whether_a_trade_is_in_at_all_asks_for_the_list_of_excluded_sectors(question, asks):
    from assistant.answer.extractive import _ASKS_EXCLUDED

    assert bool(_ASKS_EXCLUDED.search(question)) == asks


def test_a_sentence_the_answer_has_said_is_not_said_again():
    """A rule asked for leads, and the verdict that names its number says it again: the second time goes; a list is
    kept whole, and short sentences ("Antrag: NBank.") may stand twice."""
    from assistant.answer.extractive import _unrepeated

    rule = ("Für die Größe des Unternehmens zählen Partnerunternehmen und verbundene Unternehmen mit: Ihre Beschäftigten "
            "werden anteilig oder ganz hinzugerechnet")
    paragraphs = [f"{rule} [1].", f"{rule} (Nr. 2.1.5) [1]. Förderweg: GRW, nur bis zum De-minimis-Höchstbetrag [2].",
                  "Antrag: NBank.", f"Zur Förderung:\n- {rule} [1].", "Antrag: NBank."]
    assert _unrepeated(paragraphs) == [f"{rule} [1].", "Förderweg: GRW, nur bis zum De-minimis-Höchstbetrag [2].",
                                       "Antrag: NBank.", f"Zur Förderung:\n- {rule} [1].", "Antrag: NBank."]
    # (within one paragraph too: the bottom line that said the rule twice)
    assert _unrepeated([f"{rule} [1]. {rule} (Nr. 2.1.5) [1]. Förderweg: GRW [2]."]) == \
        [f"{rule} [1]. Förderweg: GRW [2]."]


def test_the_consent_of_the_unterausschuss_is_said_for_an_energy_infrastructure():
    """KR Nr. 4 (2): before the grant the Unterausschuss must consent; the measure's own rule is the one to know."""
    from assistant.answer.extractive import _decisive, _Writer
    from assistant.funding.knowledge import FundingKnowledge
    from assistant.funding.profile import extract_profile
    from assistant.funding.rules import assess
    knowledge = FundingKnowledge.load()
    profile = extract_profile("Als Zweckverband wollen wir ein Nahwärmenetz für unseren Gewerbepark bauen.",
                             knowledge=knowledge)
    energy = next(p for p in assess(profile, None, knowledge).paths if p.id == "grw-infrastruktur/energie")
    assert "Unterausschuss" in _decisive(energy, _Writer([], None))


def test_every_curated_quote_resolves_to_a_whole_quote_on_the_real_documents(prepared_snapshot):
    """No quote a rule or a careful answer cites ends inside a phrase ("Regionalfördergebiet im Zeitraum vom 1. Januar
    2022 bis", "… Herstellung von Waren und Erbringung von"): each source of the curated files, resolved on the
    documents as an answer resolves it, ends a sentence, a clause, an item or a row."""
    import yaml
    from assistant.answer.extractive import _resolve_source
    from assistant.core.paths import KNOWLEDGE_DIR
    from assistant.text.citations import _CUT_INSIDE

    def sources(node):
        if isinstance(node, dict):
            if "quote" in node and "document" in node:
                yield node
            for value in node.values():
                yield from sources(value)
        elif isinstance(node, list):
            for value in node:
                yield from sources(value)

    resolved, cut = 0, []
    for path in sorted(KNOWLEDGE_DIR.glob("*.yaml")):
        for source in sources(yaml.safe_load(path.read_text(encoding="utf-8"))):
            section = str(source.get("section") or "")
            found = _resolve_source(Source(document=source["document"], section=section, page=source.get("page"),
                                           quote=str(source["quote"])), prepared_snapshot.passages)
            if found is None:
                continue  # (a summary's source: not among the two prepared documents)
            resolved += 1
            # (nor with the word that joins it to the next item: "a) der Abschluss eines … Leistungsvertrages oder";
            # a list's lead, "Beginn der Arbeiten … ist entweder", is cited as the definition it opens)
            if _CUT_INSIDE.search(found[1].rstrip()) or re.search(r"\b(und|oder|sowie)$", found[1].rstrip()):
                cut.append(f"{path.name} {section}: …{found[1][-60:]}")
    assert resolved > 300
    assert not cut, cut


def test_a_sentence_the_end_of_its_passage_cuts_off_goes_on_from_the_sections_next_passage():
    """"c) … zum Erwerb der Vermögenswerte einer" ends its passage inside the sentence: the rest ("Betriebsstätte, die
    geschlossen wurde …") is quoted from the next passage of the section; not a sentence that ends, nor across
    sections, nor where a list's next item follows (the list's own continuation)."""
    from assistant.answer.extractive import _sentence_goes_on
    cut = grw_passage("grw:2.6.2:5", "2.6.2", "Förderfähige Kosten", "(2) Nicht förderfähig sind\nc) die Anschaffungskosten "
                      "gebrauchter Wirtschaftsgüter, es sei denn, es handelt sich um Investitionen zum Erwerb der "
                      "Vermögenswerte einer", page=17)
    rest = grw_passage("grw:2.6.2:6", "2.6.2", "Förderfähige Kosten", "Betriebsstätte, die geschlossen wurde oder ohne "
                       "diesen Erwerb geschlossen worden wäre. Förderfähig sind auch …", page=18)
    other = replace(rest, chunk_id="grw:2.6.3:0", section_number="2.6.3")
    quote = cut.text.split("\n")[1]
    going_on = _sentence_goes_on(SearchHit(cut, 1.0), quote, [cut, rest])
    assert going_on is not None and going_on[0].passage is rest
    assert going_on[1] == "Betriebsstätte, die geschlossen wurde oder ohne diesen Erwerb geschlossen worden wäre."
    assert _sentence_goes_on(SearchHit(cut, 1.0), quote, [cut, other]) is None  # (another section)
    for item in ("d) die Kosten der Grundstücke, …", "– den durch das Vorhaben bedingten Ausbau …,"):
        # (a list's next item, lettered or bulleted)
        assert _sentence_goes_on(SearchHit(cut, 1.0), quote, [cut, replace(rest, text=item)]) is None, item
    whole = replace(cut, text=cut.text + " Betriebsstätte.")
    assert _sentence_goes_on(SearchHit(whole, 1.0), quote + " Betriebsstätte.", [whole, rest]) is None
