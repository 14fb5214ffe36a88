"""The scope check on the real index: which questions the corpus can answer, by their retrieval scores, their topic
words and the intent router's odds, and a follow-up read in its conversation."""

from __future__ import annotations

import json
from dataclasses import replace

import numpy as np
import pytest

from assistant.answer.pipeline import AnswerPipeline
from assistant.answer.scope import ScopeThresholds
from assistant.core.paths import TunedValuesMissing

PROJECT = [{"role": "user", "content": "Wir sind ein Maschinenbauer in Melle und wollen eine neue Produktionshalle bauen."},
           {"role": "assistant", "content": "Für die Halle kommt die GRW-Förderung in Frage."}]


@pytest.fixture(scope="module")
def scope(real_index):
    return AnswerPipeline.open(real_index).scope


def weak(parts):
    """The question's signals with its best dense and keyword scores under the thresholds."""
    return replace(parts, dense=np.zeros_like(parts.dense), keyword_raw_max=0.0)


def test_the_thresholds_are_read_from_their_file_and_a_missing_file_stops_the_start(tmp_path):
    path = tmp_path / "answer_thresholds.json"
    path.write_text(json.dumps({"thresholds": {"dense": 0.81, "keyword": 5.5}}), encoding="utf-8")
    assert ScopeThresholds.load(path) == ScopeThresholds(dense=0.81, keyword=5.5)
    with pytest.raises(TunedValuesMissing, match="answer_thresholds.json"):
        ScopeThresholds.load(tmp_path / "missing" / "answer_thresholds.json")
    assert ScopeThresholds.load().dense > 0  # the packaged file is there


@pytest.mark.parametrize("question", [
    "Was hat sich mit dem KR 2026 geändert?",  # the Koordinierungsrahmen's short name
    "Dürfen wir schon vor dem Bewilligungsbescheid anfangen?",  # a word of the section register
    "Zählt eine Nachbargemeinde als Partner?",  # the head of a compound
    "Wie lange gilt die Zweckbindung?",
])
def test_topic_words_of_the_corpus_mark_a_question_as_one_about_it(scope, question):
    assert scope.has_domain_term(question)


@pytest.mark.parametrize("question", [
    "Wie wird das Wetter morgen in Melle?",  # a place of the district is no topic
    "Wie backe ich einen Apfelkuchen?",
])
def test_place_names_and_everyday_words_mark_no_topic(scope, question):
    assert not scope.has_domain_term(question)


def test_a_question_with_strong_scores_and_a_topic_word_is_in_scope_and_weak_scores_are_not(scope):
    question = "Wie hoch ist der Fördersatz für kleine Unternehmen im D-Fördergebiet?"
    parts = scope.retriever.score_parts(question)
    assert scope.in_scope(question, [], parts)
    assert not scope.in_scope(question, [], weak(parts))


def test_a_short_follow_up_whose_words_the_corpus_knows_is_in_scope_only_in_a_conversation(scope):
    question = "Gilt das auch, wenn wir schon angefangen haben?"
    parts = weak(scope.retriever.score_parts(question))
    assert scope.in_scope(question, PROJECT, parts)
    assert not scope.in_scope(question, [], parts)


def test_the_routers_odds_refuse_a_question_whose_scores_pass_unless_it_names_a_document_or_the_district(scope):
    t = scope.thresholds
    plain = "Wie hoch ist der Fördersatz für kleine Unternehmen?"
    assert scope.admits(plain, [], scope.retriever.score_parts(plain), refusal_odds=0.0)
    assert not scope.admits(plain, [], scope.retriever.score_parts(plain), refusal_odds=t.router_override)
    for named in ("Welche Fördersätze gelten im Landkreis Osnabrück?", "Steht im IREK etwas zu Wasserstoff?"):
        assert scope.admits(named, [], scope.retriever.score_parts(named), refusal_odds=t.router_override), named


def test_weak_scores_are_answered_where_the_router_does_not_take_the_question_for_one_outside_the_task(scope):
    t = scope.thresholds
    question = "Bauunternehmen will neue Halle, GRW?"
    parts = weak(scope.retriever.score_parts(question))
    assert scope.admits(question, [], parts, refusal_odds=t.router_refusal / 2)
    assert not scope.admits(question, [], parts, refusal_odds=(t.router_refusal + t.router_override) / 2)
    # a trade and a kind of project are a topic of their own, up to the odds at which the router overrides the scores
    assert scope.admits(question, [], parts, refusal_odds=(t.router_refusal + t.router_override) / 2,
                        applicant_project=True)


def test_a_goal_or_section_called_by_its_number_is_in_scope(scope):
    question = "was steht in 3.2.1 genau drin?"
    parts = weak(scope.retriever.score_parts(question))
    assert parts.exact.any()
    assert scope.admits(question, [], parts, refusal_odds=0.5)
    assert not scope.admits(question, [], parts, refusal_odds=scope.thresholds.router_override)


def test_the_next_step_is_read_in_the_conversation_it_continues(scope):
    question = "ok klingt gut. und was mach ich jetzt zuerst?"
    parts = weak(scope.retriever.score_parts(question))
    odds = scope.thresholds.router_override - 0.01
    assert scope.admits(question, PROJECT, parts, refusal_odds=odds)
    assert not scope.admits(question, [], parts, refusal_odds=odds)
    off_topic = [{"role": "user", "content": "Wie backe ich einen Apfelkuchen?"},
                 {"role": "assistant", "content": "Dabei kann ich nicht helfen."}]
    assert not scope.admits(question, off_topic, parts, refusal_odds=odds)


def test_a_follow_up_that_speaks_of_something_else_is_refused_in_any_conversation(scope):
    question = "Und welches Rezept passt dazu?"
    parts = weak(scope.retriever.score_parts(question))
    assert not scope.admits(question, PROJECT, parts, refusal_odds=scope.thresholds.router_follow_up)
