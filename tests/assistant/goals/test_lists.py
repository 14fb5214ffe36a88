"""Lists of goals by topic (assistant/goals/lists.py): which goals' titles name the topic of a question."""

from __future__ import annotations

import pytest

from assistant.core.model import Goal
from assistant.goals.lists import asks_on_topic, find_list, titled_goals, with_level_names
from assistant.goals.matching import GoalMatcher
from assistant.retrieval.retriever import Retriever

GOALS = [
    Goal("2.3.1", "Energieautarke Gewerbegebiete mit Anbindung an Stromtrassen und Wasserstoffleitungen entwickeln",
         "handlungsziel", "2.3", "2"),
    Goal("3.2.4", "ÖPNV-Angebote an Pendlerströme und Schichtzeiten anpassen und in der Fläche ausbauen",
         "handlungsziel", "3.2", "3"),
    Goal("3.3.3", "Energieinfrastrukturen (insb. Strom- und Wasserstoffnetz) ausbauen", "handlungsziel", "3.3", "3"),
    Goal("3.4.1", "Klimaanpassung (Wasserverfügbarkeit, Starkregen, Hitze) in Gewerbegebieten umsetzen",
         "handlungsziel", "3.4", "3"),
    Goal("4.3.1", "Touristische Leuchttürme weiterentwickeln und bestehende touristische Einrichtungen modernisieren",
         "handlungsziel", "4.3", "4"),
    Goal("4.3.2", "Gesundheitstourismus konsequent entwickeln", "handlungsziel", "4.3", "4"),
]


@pytest.mark.parametrize("question, codes", [
    # a compound of the title holds the topic, in whatever Leitziel
    ("Bitte den Wortlaut der IREK-Handlungsziele zum Thema Wasserstoff", ["2.3.1", "3.3.3"]),
    # words that differ only in their ending name the same topic; a shared beginning alone does not ("Wasserverfügbarkeit")
    ("Was steht im IREK zum Tourismus?", ["4.3.1", "4.3.2"]),
    # a short word of a title is no part of the question's compound ("Fläche" in "Gewerbeflächen")
    ("Welche Ziele gibt es zu Gewerbeflächen?", []),
    # what every goal does names no topic
    ("Welche Ziele wollen etwas entwickeln und ausbauen?", []),
    # a title's word as the last part of the question's compound is what the compound is a kind of, not its topic
    ("kommt vereinsarbeit im IREK vor?", []),
    # as its first part it is the topic ("Wasserstoffnetz")
    ("Was steht im IREK zum Wasserstoffnetz?", ["3.3.3"]),
])
def test_goals_whose_titles_name_the_topic(question, codes):
    assert [g.code for g in titled_goals(question, GOALS)] == codes


@pytest.fixture(scope="module")
def matcher(real_index):
    return GoalMatcher(Retriever.open(real_index))


def _list(question, matcher):  # noqa: ANN001, ANN202
    return find_list(question, matcher, matcher.retriever.score_parts(question))


def test_another_leitziel_whose_title_names_the_topic_is_named_beside_the_list(matcher):
    """"Fachkräfte": Leitziel 2.1 with its goals, and Leitziel 4.1 "Lebensqualität als Fachkräftemagnet steigern";
    the words of the request ("brauch ne liste mit nummern für ne vorlage", "projektsteckbrief") name no topic."""
    found = _list("welche handlungsziele im irek gehen ums thema fachkräfte? brauch ne liste mit nummern für ne vorlage",
                  matcher)
    assert found.parent.code == "2.1" and [g.code for g in found.also_leitziele] == ["4.1"]
    tourism = _list("welche handlungsziele hat das irek zum thema tourismus? brauch die nummern + genauen titel für "
                    "unseren projektsteckbrief", matcher)
    assert tourism.parent.code == "4.3" and tourism.also == []


def test_a_project_said_after_the_list_question_is_what_the_list_is_for(matcher):
    """"… Handlungsziele zu … Wohnen? Wir wollen einen Förderantrag … damit begründen." is a list question; a project
    said before it is a project ("Wir wollen ein Hotel bauen. Welche Ziele passen?")."""
    found = _list("Gibt es im IREK Handlungsziele zu Innenstädten bzw. Ortskernen und zum Wohnen? Wir wollen einen "
                  "Förderantrag für die Bramscher Innenstadt damit begründen.", matcher)
    assert found is not None and "4.1.2" in [g.code for g in found.items]
    assert _list("Wir wollen ein Hotel bauen. Welche Handlungsziele passen?", matcher) is None


def test_one_handlungsziel_named_by_its_code_is_a_question_of_fact_not_a_list(matcher):
    assert _list("Was ist mit Handlungsziel 2.5.2 „Produktionsprozesse flexibilisieren“ konkret gemeint?", matcher) is None
    assert _list("Wie viele Handlungsziele gehören wie 2.5.2 zum Leitziel 2.5?", matcher).count  # a count stays a list


def test_how_the_goals_are_built_counts_every_level(matcher):
    found = _list("Wie viele Ziele hat das IREK, und wie sind die gegliedert?", matcher)
    assert found.all_levels and found.count and found.parent is None


def test_what_the_count_is_for_names_no_topic(matcher):
    found = _list("und wie viele ziele sind das genau? brauch die zahlen für den artikel", matcher)
    assert found.count and found.parent is None and len(found.items) == 55


def test_the_count_word_written_as_one_and_a_particle_name_no_topic(matcher):
    found = _list("wieviele ziele hat das irek eigentlich", matcher)
    assert found.all_levels and found.count and found.parent is None


def test_a_leitziel_whose_title_names_the_topic_brings_all_its_goals(matcher):
    """"klima / energie": goals of several Leitziele name it, and Leitziel 2.3 "Energiewende als Standortfaktor
    nutzen" names it itself, so its goal 2.3.4 on heat planning belongs to the list although its title names neither."""
    found = _list("welche handlungsziele im irek haben was mit klima / energie zu tun? brauch die nummern", matcher)
    codes = [g.code for g in found.items]
    assert {"2.3.1", "2.3.2", "2.3.3", "2.3.4", "3.3.3", "3.4.1"} <= set(codes) and codes == sorted(codes), codes


def test_a_corridors_goals_on_a_topic_are_those_that_name_it(matcher):
    # "der zweite Korridor … zu Digitalisierung und KI": Leitziel 2.4's goals, not all 18 of the corridor
    found = find_list("und welche Handlungsziele hat der zweite Korridor konkret zu Digitalisierung und KI?", matcher,
                      matcher.retriever.score_parts("Digitalisierung und KI"), context="welche themenkorridore hat das irek?")
    assert [g.code for g in found.items] == ["2.4.1", "2.4.2", "2.4.3", "2.4.4"] and found.by_topic
    # the corridor's goals where no topic is named
    whole = _list("Welche Handlungsziele gehören zum zweiten Korridor?", matcher)
    assert len(whole.items) == 18 and not whole.by_topic


@pytest.mark.parametrize("text, spelled", [
    ("HZ 3.4.2 – worum gehts da genau?", "Handlungsziel 3.4.2 – worum gehts da genau?"),
    ("was steht in LZ2.3?", "was steht in Leitziel 2.3?"),
    ("hz. 1.1.5 bitte wörtlich", "Handlungsziel 1.1.5 bitte wörtlich"),
    ("Nr. 3.4.2 KR", "Nr. 3.4.2 KR"),  # the KR's section keeps its number
    ("LZ 3.4.2", "LZ 3.4.2"),  # a Leitziel has two places: "LZ" before a Handlungsziel's code is left as written
])
def test_the_goal_levels_short_forms_before_a_code_are_spelled_out(text, spelled):
    assert with_level_names(text) == spelled


def test_a_leitziel_asked_for_by_its_title_lists_its_goals_and_no_others(matcher):
    goals = _list("Welche Handlungsziele hängen im IREK am Leitziel 'Energiewende als Standortfaktor nutzen'? Bitte "
                  "mit Nummern.", matcher)
    assert [g.code for g in goals.items] == ["2.3.1", "2.3.2", "2.3.3", "2.3.4"]
    assert goals.also == [] and goals.also_leitziele == []


def test_the_form_a_list_is_asked_in_names_no_topic(matcher):
    # ("bitte mit Code und Wortlaut" is no pair of topics)
    found = _list("Für ein Papier zum Nahverkehrsplan brauch ich alle IREK-Handlungsziele, die mit Mobilität, ÖPNV, "
                  "Radverkehr oder Verkehrsinfrastruktur zu tun haben – bitte mit Code und Wortlaut.", matcher)
    assert {"3.2.1", "3.2.2", "3.2.3", "3.2.4"} <= {g.code for g in found.items}
    assert not {g.code for g in found.items} & {"2.4.1", "4.1.1"}


def test_a_topic_no_word_of_which_stands_in_the_irek_is_said_to_be_unnamed(matcher):
    """No word of "Ortskerne" or "Dorfmitte" begins any word of the IREK: the nearest goals are listed as such. A topic
    the IREK names in another form ("Wohnungen": 4.1.2 "Wohnraum") or in a title is never said to be unnamed."""
    absent = _list("Steht im IREK was zur Belebung der Ortskerne?", matcher)
    assert absent.unnamed and absent.by_topic and absent.parent is not None
    assert _list("was sagt das irek zur dorfmitte?", matcher).unnamed
    assert _list("Gibt es im IREK etwas zum Sport?", matcher).unnamed  # (a word of five letters decides as well)
    for named in ["Welche Handlungsziele gibt es zu Wohnungen?", "Was steht im IREK zum Tourismus?",
                  "Welche Ziele gibt es zum Thema Pflege?", "Was steht im IREK zur Kultur?"]:
        assert not _list(named, matcher).unnamed, named


def test_a_topic_asked_to_occur_that_no_goal_title_names_gets_the_nearest_goals(matcher):
    """"kommt im IREK irgendwo die Dorfmitte vor?": no goal's title names it, so the nearest goals answer, said to be
    unnamed, as for "was sagt das irek zur dorfmitte?"; a topic a title names keeps those goals."""
    absent = _list("kommt im IREK irgendwo die Dorfmitte vor?", matcher)
    assert absent is not None and absent.unnamed and absent.parent is not None
    titled = _list("kommt die Landwirtschaft im IREK überhaupt vor?", matcher)
    assert [g.code for g in titled.items] == ["3.1.7"] and titled.by_topic and not titled.unnamed


def test_a_leitziel_asked_with_all_its_goals_in_the_dative_lists_them(matcher):
    found = _list("Bitte Leitziel 3.2 im Wortlaut mit allen Handlungszielen.", matcher)
    assert [g.code for g in found.items] == ["3.2.1", "3.2.2", "3.2.3", "3.2.4"] and found.parent.code == "3.2"


def test_goals_asked_for_beyond_a_corridor_include_those_elsewhere(matcher):
    """"auch außerhalb von Korridor 2": the corridor bounds nothing; 4.2.2 ("Digitale Transformation …") names the topic
    outside it."""
    inside = _list("Welche Handlungsziele hat Korridor 2 zur Digitalisierung?", matcher)
    beyond = _list("Welche Ziele betreffen Digitalisierung, auch außerhalb von Korridor 2?", matcher)
    assert "4.2.2" not in [g.code for g in inside.items + inside.also]
    assert "4.2.2" in [g.code for g in beyond.items + beyond.also]


def test_two_topics_joined_by_or_get_a_leitziel_each(matcher):
    """"welche handlungsziele im irek haben was mit wohnen oder gesundheit zu tun?": the Leitziel of each topic."""
    found = _list("welche handlungsziele im irek haben was mit wohnen oder gesundheit zu tun? bitte mit nummern", matcher)
    codes = [g.code for g in found.items]
    assert "4.1.2" in codes and "4.2.1" in codes


def test_a_topic_no_goal_names_asked_whether_it_occurs_is_said_to_be_unnamed(matcher):
    """"kommt ehrenamt oder vereinsarbeit im IREK eigentlich irgendwo vor?", "steht im IREK irgendwas zu innenstädten?":
    no goal's title names it; the nearest Leitziel is given as such, not as goals on the topic."""
    assert _list("kommt ehrenamt oder vereinsarbeit im IREK eigentlich irgendwo vor?", matcher).unnamed
    assert _list("steht im IREK irgendwas zu innenstädten?", matcher).unnamed
    assert not _list("Steht im IREK irgendwas zu Wasserstoff?", matcher).unnamed


def test_a_topic_a_goal_names_in_another_form_is_not_said_to_be_unnamed(matcher):
    """"steht im irek auch was zu wohnungsbau?": 4.1.2 "Bezahlbaren Wohnraum fördern" names it in another form."""
    found = _list("steht im irek auch was zu wohnungsbau?", matcher)
    assert not found.unnamed and "4.1.2" in [g.code for g in found.items]


@pytest.mark.parametrize("question", [
    "mobilität – was sagt das IREK da konkret? bei uns fährt der bus nur dreimal am tag",
    "Mobilität von Pendlern: was steht denn im IREK dazu?",
])
def test_a_topic_named_before_the_question_of_what_the_irek_says_lists_its_leitziel(matcher, question):
    """The topic stands before "was sagt das IREK da/dazu": the Leitziel whose title names it, with all its goals."""
    found = _list(question, matcher)
    assert found is not None and found.parent is not None and found.parent.code == "3.2", found
    assert [g.code for g in found.items] == ["3.2.1", "3.2.2", "3.2.3", "3.2.4"]


@pytest.mark.parametrize("question", [
    "Wir wollen Pendler aus den Dörfern mit einem Rufbus zu den Gewerbegebieten bringen. Was sagt das IREK dazu?",
    "Unsere Gemeinde plant einen Mobilitätsknoten am Bahnhof mit Leihrädern und Ladesäulen für Pendler, was steht "
    "denn im IREK dazu?",    "Was sagt das IREK dazu?",
])
def test_what_the_irek_says_on_a_project_told_before_is_no_list(matcher, question):
    """"dazu" after a project told in a sentence points to that project: the goal fitting it answers, not the list of
    goals on its topic."""
    assert _list(question, matcher) is None


def test_a_topic_the_irek_does_not_name_asked_before_a_project_is_said_to_be_unnamed(matcher):
    """A project said after the question of what the IREK says on a topic is what the answer is for: "Ortskerne" is
    named by no goal, and the nearest Leitziel is offered as such."""
    found = _list("Gibt es im IREK ein Ziel zur Belebung der Ortskerne? Wir wollen unsere Ortsmitte aufwerten und uns "
                  "darauf beziehen.", matcher)
    assert found is not None and found.unnamed and found.parent is not None


def test_goals_that_have_to_do_with_a_topic_are_asked_of_the_irek_whatever_project_follows():
    """"welche ziele im irek haben was mit energie / wasserstoff zu tun? wir planen ne pv-freiflächenanlage …": the
    goals on the topic, asked first (the project after it does not make it a project question)."""
    assert asks_on_topic("welche ziele im irek haben was mit energie / wasserstoff zu tun? wir planen ne "
                         "pv-freiflächenanlage neben dem gewerbegebiet")
    assert not asks_on_topic("Welche Förderung hat was mit Energie zu tun?")
