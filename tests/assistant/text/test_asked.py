"""The questions a text asks (assistant/text/asked.py)."""

from __future__ import annotations

import pytest

from assistant.text.asked import (ASKS_NEXT_STEP, asks, asks_what_is, in_the_irek, numbers_questions, part_marks,
                                  questions)


def test_each_question_is_read_from_the_end_of_the_sentence_before_and_an_abbreviation_ends_none():
    text = ("Wir sind ein Pflegedienst. Steht im IREK was zur Pflege? Und könnten wir für Tablets "
            "(ca. 120k) GRW bekommen?")
    assert questions(text) == ["Steht im IREK was zur Pflege?", "Und könnten wir für Tablets (ca. 120k) GRW bekommen?"]
    # a last sentence that opens as a question is one without its mark; a statement is none
    assert questions("Was ist das IREK") == ["Was ist das IREK?"]
    assert questions("Das IREK hat vier Korridore") == []


def test_a_question_joined_by_und_or_oder_that_asks_on_its_own_is_a_question_of_its_own():
    assert asks("Bäckerei, neue Öfen. Ist das förderbar oder zählt das als Ersatz?") == \
        ["Ist das förderbar?", "zählt das als Ersatz?"]
    assert asks("Was ist da über GRW drin und kriegen wir auch den Grundstückskauf gefördert?") == \
        ["Was ist da über GRW drin?", "kriegen wir auch den Grundstückskauf gefördert?"]
    assert asks("Gibt es Zuschüsse für Hallen und Maschinen?") == ["Gibt es Zuschüsse für Hallen und Maschinen?"]
    # (a second request for a passage, joined by "und": "den wortlaut von … und die stelle im KR, wo …")
    assert asks("brauche den genauen wortlaut von handlungsziel 3.1.1 und die stelle im KR, wo steht dass "
                "revitalisierung gefördert wird?") == \
        ["brauche den genauen wortlaut von handlungsziel 3.1.1?",
         "die stelle im KR, wo steht dass revitalisierung gefördert wird?"]
    assert asks("Wie hoch ist die Förderung für die Halle und die Stelle im Büro?") == \
        ["Wie hoch ist die Förderung für die Halle und die Stelle im Büro?"]
    # (a question word that asks nothing alone belongs to the question after its "und", which asks on its own too)
    assert asks("wo und wie stell ich den grw antrag? und wie lange dauert es?") == \
        ["wo und wie stell ich den grw antrag?", "wie stell ich den grw antrag?", "und wie lange dauert es?"]


def test_a_word_too_short_to_ask_alone_asks_about_the_question_before_it():
    assert asks("wie stell ich den grw antrag? online? und wie lange dauert es?") == \
        ["wie stell ich den grw antrag? online?", "und wie lange dauert es?"]
    assert questions("Gibt es ein Formular? schriftlich oder digital?") == ["Gibt es ein Formular?",
                                                                          "schriftlich oder digital?"]
    # (not a figure or a mark)
    assert questions("Wie hoch ist der Satz? 20?") == ["Wie hoch ist der Satz?"]
    # (nothing before it to ask about)
    assert questions("online? wie stell ich den antrag?") == ["wie stell ich den antrag?"]


def test_a_question_after_a_comma_with_what_one_needs_asks_on_its_own_after_a_sentence_written_small():
    assert asks("hab ne pension und will anbauen. wo beantrag ich das, was brauch ich dafür und wie lang dauerts?") == \
        ["hab ne pension und will anbauen. wo beantrag ich das?", "was brauch ich dafür?", "wie lang dauerts?"]
    # (a relative clause asks nothing of its own)
    assert asks("Wir kaufen alles, was wir brauchen, und bauen dann. Geht das?") == ["Geht das?"]


def test_a_question_after_a_comma_that_opens_with_wer_or_wann_and_one_joined_by_und_ist_ask_on_their_own():
    assert asks("Was ist das IREK des Landkreises, wer hat daran mitgewirkt und ist das verbindlich?") == \
        ["Was ist das IREK des Landkreises?", "wer hat daran mitgewirkt?", "ist das verbindlich?"]
    # a relative clause, a list or a comparison after a comma asks nothing of its own
    assert asks("Gibt es Geld für die Halle, welche wir 2027 bauen wollen?") == \
        ["Gibt es Geld für die Halle, welche wir 2027 bauen wollen?"]
    assert asks("Gilt das für Betriebe, wie Metallbau und Logistik?") == ["Gilt das für Betriebe, wie Metallbau und Logistik?"]


@pytest.mark.parametrize("text, name, asked", [
    ("Was ist das IREK?", "irek", True),
    ("was ist eigentlich dieses IREK vom Landkreis?", "irek", True),
    ("Und was genau ist diese Zukunftsregion?", "zukunftsregion", True),
    ("Was versteht man unter LEADER?", "leader", True),
    ("Was ist denn nun das neue IREK?", "irek", True),
    ("und was is eigentlich dieses IREK wovon alle reden", "irek", True),  # "is" as people type it
    ("Was ist im IREK zu Fachkräften?", "irek", False),  # what the IREK says, not what it is
    ("Was ist mit LEADER?", "leader", False),
    ("Was sind die Ziele des IREK?", "irek", False),
    ("Was ist der Unterschied zwischen IREK und LEADER?", "leader", False),
    ("Was ist die maximale GRW-Förderung?", "grw", False),  # the funding, not the GRW
])
def test_a_question_of_what_something_is_is_told_by_the_words_before_its_name(text, name, asked):
    assert asks_what_is(text, name) is asked


def test_a_last_sentence_that_opens_as_a_question_is_one_without_its_mark():
    assert asks("wo kommt wasserstoff im irek vor und kann man da über grw was machen") == [
        "wo kommt wasserstoff im irek vor?", "kann man da über grw was machen?"]
    # a statement, or a telegram without a question word, asks nothing
    assert asks("Wir bauen eine Halle. Bitte prüfen.") == []
    assert asks("bäckerei, neuer ofen, gibts da was") == []


def test_a_question_after_a_comma_with_its_verb_first_is_one_of_its_own_after_a_question():
    assert asks("Wie hoch ist die Förderung, müssen wir vorher private Investoren über ein Interessenbekundungsverfahren "
                "prüfen?") == ["Wie hoch ist die Förderung?",
                               "müssen wir vorher private Investoren über ein Interessenbekundungsverfahren prüfen?"]
    # after a clause that is no question, the verb comes first by German word order: one question
    assert asks("Wenn wir die Halle bauen, können wir dann GRW bekommen?") == [
        "Wenn wir die Halle bauen, können wir dann GRW bekommen?"]


def test_questions_of_how_much_listed_after_commas_are_asked_each():
    assert asks("drei kurze fragen für einen artikel: seit wann ist der landkreis GRW-fördergebiet, wie viel GRW-geld "
                "hat niedersachsen 2026, und wer entscheidet eigentlich, welches projekt geld bekommt?") == [
        "drei kurze fragen für einen artikel: seit wann ist der landkreis GRW-fördergebiet?",
        "wie viel GRW-geld hat niedersachsen 2026?", "wer entscheidet eigentlich, welches projekt geld bekommt?"]
    assert asks("Wenn wir bauen, wie viel gibt es?") == ["Wenn wir bauen, wie viel gibt es?"]  # a clause went before


def test_questions_of_what_after_a_comma_and_a_question_joined_by_braucht_man_are_asked_each():
    assert asks("was regelt der KR zur Bindungsfrist, was steht im IREK zu Gewerbeflächen und braucht man dafür einen "
                "Ratsbeschluss?") == ["was regelt der KR zur Bindungsfrist?", "was steht im IREK zu Gewerbeflächen?",
                                      "braucht man dafür einen Ratsbeschluss?"]
    # a relative clause after a comma is none: "alles, was wir brauchen"
    assert asks("Ist alles förderfähig, was wir brauchen?") == ["Ist alles förderfähig, was wir brauchen?"]


def test_a_sentence_that_only_says_what_the_answer_is_for_is_no_subject_to_search():
    from assistant.text.asked import without_quoting_frame
    assert without_quoting_frame("Wie lautet die Vorschrift zum Höchstfördersatz für Infrastruktur? Ich möchte sie "
                                 "wörtlich im Haushaltsbericht zitieren (Nummer + Seite).") == \
        "Wie lautet die Vorschrift zum Höchstfördersatz für Infrastruktur?"
    # a request that is the whole question, or one that names its subject, stays
    only = "Für die Kreistagsvorlage brauche ich den Wortlaut der Regel zum Vorhabenbeginn."
    assert without_quoting_frame(only) == only
    named = "Gibt es eine Obergrenze? Bitte den Wortlaut von Nr. 2.6.2 für die Vorlage."
    assert without_quoting_frame(named) == named


@pytest.mark.parametrize("text", ["Was muss ich als Nächstes tun?", "ok klingt gut. und was mach ich jetzt zuerst?",
                                  "wie gehen wir vor?", "Womit fangen wir an?", "nächste Schritte?"])
def test_a_question_for_the_next_step(text):
    assert ASKS_NEXT_STEP.search(text)


@pytest.mark.parametrize("text", ["Was machen wir mit dem alten Gebäude?", "Was macht das IREK zum Thema Wasserstoff?"])
def test_no_question_for_the_next_step(text):
    assert not ASKS_NEXT_STEP.search(text)


@pytest.mark.parametrize("text, numbered", [
    ("Drei Fragen: 1) Wie hoch ist der Eigenanteil? 2) Ist die Mehrwertsteuer förderfähig?", True),
    ("a) Ist die Studie förderfähig? b) Zählen unsere Bauamtsstunden?", True),
    ("1. wird der Zuschuss ausgezahlt? 2. ist er steuerpflichtig?", True),
    ("b) Zählen unsere Bauamtsstunden? a) Ist die Studie förderfähig?", False),  # not in order
    ("Wir haben 2) Standorte. Geht das?", False),  # one question only
])
def test_questions_the_asker_numbers_in_order_are_told_apart(text, numbered):
    assert numbers_questions(text) is numbered


@pytest.mark.parametrize("text, asked", [
    ("Gibt es im IREK ein Ziel zur Belebung der Ortskerne bzw. Innenstädte? Wir wollen die Ortsmitte aufwerten.",
     ["Gibt es im IREK ein Ziel zur Belebung der Ortskerne bzw. Innenstädte?"]),
    ("Was gilt z.B. Kommunen gegenüber? Und wie viel?", ["Was gilt z.B. Kommunen gegenüber?", "Und wie viel?"]),
    ("Wir fangen ca. Mitte 2027 an. Geht das noch?", ["Geht das noch?"]),
])
def test_an_abbreviation_ends_no_sentence_of_a_question(text, asked):
    assert asks(text) == asked


@pytest.mark.parametrize("question, read", [
    ("was hat das gekostet?", "was hat das IREK gekostet?"),
    ("Und was hat es eigentlich gekostet?", "Und was hat das IREK eigentlich gekostet?"),
    ("und wie viele ziele hat das?", "und wie viele ziele hat das IREK?"),
    ("was hat das mit uns zu tun?", "was hat das mit uns zu tun?"),  # "das" is no subject here
])
def test_a_further_question_about_the_irek_as_das_or_es_is_read_as_one_about_the_irek(question, read):
    assert in_the_irek(question) == read


def test_the_marks_of_the_parts_stand_in_their_order_with_their_kind():
    assert part_marks("Drei Fragen: 1) wie hoch? 2) wie lange?") == [("1", False), ("2", False)]
    assert part_marks("1. wird ausgezahlt? 2. ist das steuerpflichtig?") == [("1", True), ("2", True)]
    assert part_marks("a) geht das? b) Zweckbindung? c) leasen?") == [("a", False), ("b", False), ("c", False)]
    assert part_marks("Gilt Nr. 2.5.1 auch für uns?") == []  # (a rule's number is no mark)
