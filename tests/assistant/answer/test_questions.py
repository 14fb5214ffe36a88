"""A text that asks more than one question gets each answered where the answer to the whole text does not, the
further answers' citations numbered after the first's."""

from __future__ import annotations

from dataclasses import replace

import pytest

from assistant.answer.questions import (OTHER_QUESTION, SideQuestion, further_opening, in_mark_order, in_short,
                                        in_text_order,
                                        numbered_items, numbered_parts, other_question, side_questions,
                                        states_span_asked, with_first_part_marked, with_other_answer,
                                        with_rule_parts_marked)
from assistant.core.answer import Answer, AnswerCitation, AnswerPath


def citation(n: int, chunk: str, quote: str) -> AnswerCitation:
    return AnswerCitation(n, "grw", "GRW-Koordinierungsrahmen", 18, "18", "2.7.1", quote, chunk)


def test_only_a_question_of_the_other_kind_is_taken_with_the_statements_of_the_text():
    judge = {"Steht im IREK was zur Pflege?": "irek", "Und gibt es GRW?": "eligibility", "Wer schrieb es?": "irek"}.get
    text = "Wir sind ein Pflegedienst. Steht im IREK was zur Pflege? Und gibt es GRW?"
    assert other_question(text, "irek", judge) == SideQuestion("Wir sind ein Pflegedienst. Und gibt es GRW?")
    assert other_question("Steht im IREK was zur Pflege? Wer schrieb es?", "irek", judge) is None
    assert other_question("Steht im IREK was zur Pflege?", "irek", judge) is None


def test_what_the_irek_is_asked_beside_a_project_is_asked_on_its_own():
    # (also where the judge reads it, with the project beside it, as a funding question)
    judge = {"Gibts da was?": "eligibility", "Und was ist dieses IREK eigentlich?": "project"}.get
    text = "Bestattungshaus in Bad Essen, 12 MA. Gibts da was? Und was ist dieses IREK eigentlich?"
    assert other_question(text, "project", judge) == SideQuestion("Und was ist dieses IREK eigentlich?", own=True)
    assert other_question("Was ist das IREK? Und was ist das IREK eigentlich?", "irek", judge) is None


def test_the_other_bottom_line_follows_with_its_citations_numbered_after_the_first_answers():
    shared = citation(1, "grw:2.7.1", "R Gesundheits- und Sozialwesen")
    first = Answer("Zur Pflege: Handlungsziel 4.2.2 [1].\n\nDetails [2].", False, summary="Zur Pflege: Handlungsziel 4.2.2 [1].",
                   citations=[citation(1, "irek:4.2.2", "Pflege"), citation(2, "irek:4", "Fachkräfte")])
    other = Answer("Nein – ausgeschlossen [2] (R) [1].\n\nMehr [3].", False, summary="Nein – ausgeschlossen [2] (R) [1].",
                   citations=[shared, citation(2, "irek:4", "Fachkräfte"), citation(3, "grw:1.5", "kein Anspruch")],
                   funding_paths=[AnswerPath("grw-gewerbe", "GRW", "", "", [], True, ["R"], "NBank", [], [1, 3])])
    merged = with_other_answer(first, other)
    assert merged.summary == f"Zur Pflege: Handlungsziel 4.2.2 [1]. {OTHER_QUESTION} Nein – ausgeschlossen [2] (R) [3]."
    assert merged.answer.startswith(merged.summary) and merged.answer.endswith("Details [2].")
    assert [(c.n, c.chunk_id) for c in merged.citations] == [(1, "irek:4.2.2"), (2, "irek:4"), (3, "grw:2.7.1")]
    assert merged.funding_paths[0].citations == [3]  # a number the merged answer does not hold is dropped


def test_a_further_answer_set_before_the_first_answers_details_is_cited_in_the_order_of_the_text():
    # (the first bottom line is a quote too long to take the further one beside it: the further answer stands as the
    # first paragraph of the details, and its citation takes the number after the first bottom line's)
    quote = "IREK, „Anlass“: „" + "Das IREK ist der Handlungsrahmen des Landkreises " * 8 + "erarbeitet.“ [1]"
    first = Answer(f"{quote}\n\nZählung [2].\n\nZur Förderung: „Budget“ [3]", False, summary=quote,
                   citations=[citation(1, "irek:0", "Anlass"), citation(2, "irek:1", "Zählung"),
                              citation(3, "irek:2", "Budget")])
    other = Answer("Förderweg: Budget bis zu 75 Prozent nach Nr. 3.4.2 [1].", False,
                   summary="Förderweg: Budget bis zu 75 Prozent nach Nr. 3.4.2 [1].",
                   citations=[citation(1, "grw:3.4.2", "75 Prozent")])
    merged = with_other_answer(first, other)
    assert merged.answer.split("\n\n")[1] == f"{OTHER_QUESTION} Förderweg: Budget bis zu 75 Prozent nach Nr. 3.4.2 [2]."
    assert merged.answer.endswith("Zählung [3].\n\nZur Förderung: „Budget“ [4]")
    assert [(c.n, c.chunk_id) for c in merged.citations] == [
        (1, "irek:0"), (2, "grw:3.4.2"), (3, "irek:1"), (4, "irek:2")]
    assert [c.n for c in first.citations] == [1, 2, 3]  # the first answer itself is left as it was


def test_a_sentence_of_the_other_bottom_line_that_the_first_says_already_is_not_said_again():
    size = citation(1, "grw:2.1.5", "Mittlere Unternehmen sind Unternehmen, die")
    first = Answer("Sie sind ein mittleres Unternehmen (Nr. 2.1.5) [1].", False,
                   summary="Sie sind ein mittleres Unternehmen (Nr. 2.1.5) [1].", citations=[size])
    other = Answer("x", False, summary="Sie sind ein mittleres Unternehmen (Nr. 2.1.5) [2]. Förderweg: GRW, bis zu 10 "
                                       "Prozent [1].",
                   citations=[citation(1, "grw:2.5.1", "mittleren Unternehmen 10 Prozent"), replace(size, n=2)],
                   funding_paths=[AnswerPath("grw-gewerbe", "GRW", "", "", [], False, [], "NBank", [], [1])])
    merged = with_other_answer(first, other)
    assert merged.summary == f"Sie sind ein mittleres Unternehmen (Nr. 2.1.5) [1]. {OTHER_QUESTION} Förderweg: GRW, " \
                             "bis zu 10 Prozent [2].", merged.summary


def test_a_refused_other_question_or_one_answered_only_by_a_quote_leaves_the_first_answer_as_it_is():
    first = Answer("A [1].", False, summary="A [1].", citations=[citation(1, "x", "q")])
    assert with_other_answer(first, Answer("Nicht im Rahmen.", True, mode="refusal")) is first
    quoted = "LEADER Landkreis Osnabrück, „Die fünf LEADER-Regionen“: „Das Budget beträgt rund 814.000 Euro.“ [1]"
    assert with_other_answer(first, Answer(quoted, False, summary=quoted, citations=[citation(1, "y", "q")])) is first


def test_each_funding_question_is_asked_as_a_follow_up_to_the_text_before_it_and_the_other_kind_first():
    judge = {"Steht im IREK was dazu?": "irek", "Wie hoch ist der Fördersatz?": "amount",
             "Und ist der Grunderwerb förderfähig?": "eligibility"}.get
    text = "Interkommunales Gewerbegebiet. Wie hoch ist der Fördersatz? Und ist der Grunderwerb förderfähig?"
    assert side_questions(text, "eligibility", judge) == [
        SideQuestion("Wie hoch ist der Fördersatz?", [{"role": "user", "content": "Interkommunales Gewerbegebiet."}], True),
        SideQuestion("Und ist der Grunderwerb förderfähig?",
                     [{"role": "user", "content": "Interkommunales Gewerbegebiet. Wie hoch ist der Fördersatz?"}], True)]
    text = "Wir sind ein Pflegedienst. Steht im IREK was dazu? Und ist der Grunderwerb förderfähig?"
    assert side_questions(text, "eligibility", judge)[0] == SideQuestion("Wir sind ein Pflegedienst. Steht im IREK was dazu?")
    assert side_questions(text, "eligibility", judge, other_kind=False) == [
        SideQuestion("Und ist der Grunderwerb förderfähig?",
                     [{"role": "user", "content": "Wir sind ein Pflegedienst. Steht im IREK was dazu?"}], True)]
    assert side_questions(text, "refusal", judge) == []


def test_a_part_the_asker_numbers_is_read_with_the_text_before_the_parts_not_the_parts_before_it():
    """The filling station of "a)" is no fact of "b) neue Stromleitung …"."""
    judge = {"a) Wasserstofftankstelle am Gewerbegebiet - GRW möglich?": "eligibility",
             "b) neue Stromleitung zum Anschluss eines Gewerbegebiets?": "eligibility"}.get
    text = ("Ich berate ein Stadtwerk im Landkreis. Zwei Dinge: a) Wasserstofftankstelle am Gewerbegebiet - GRW möglich? "
            "b) neue Stromleitung zum Anschluss eines Gewerbegebiets?")
    assert side_questions(text, "eligibility", judge)[-1] == SideQuestion(
        "b) neue Stromleitung zum Anschluss eines Gewerbegebiets?",
        [{"role": "user", "content": "Ich berate ein Stadtwerk im Landkreis. Zwei Dinge:"}], True)


def test_a_question_within_a_numbered_part_keeps_the_words_of_its_own_part():
    text = ("Bürgermeisterin hier. zwei sachen: 1) wir planen ein interkommunales gewerbegebiet. gibts da wirklich 90 % "
            "und zählt der grundstückskauf mit rein? 2) brauchen wir beides?")
    sides = {s.text: s.before for s in side_questions(text, "amount", lambda question: "eligibility")}
    assert sides["zählt der grundstückskauf mit rein?"] == [{"role": "user", "content": "Bürgermeisterin hier. zwei "
                                                             "sachen: 1) wir planen ein interkommunales gewerbegebiet. "
                                                             "gibts da wirklich 90 %"}]
    assert sides["2) brauchen wir beides?"] == [{"role": "user", "content": "Bürgermeisterin hier. zwei sachen:"}]


def test_a_bare_question_of_how_much_or_which_aid_beside_a_project_takes_no_place_of_a_further_question():
    """The project's answer names the paths, their rates and the sum; a longer question of its own stays one."""
    judge = {"Wie hoch ist die Förderung?": "amount", "Welche Förderung gibt es?": "amount",
             "Welche Fördermöglichkeiten kommen in Frage?": "eligibility",
             "Und zählen die Kosten der Altlastensanierung zu den förderfähigen Kosten?": "eligibility"}.get
    site = "Wir als Gemeinde Wallenhorst wollen ein Gewerbegebiet erschließen, Kosten 3 Mio."
    for bare in ("Wie hoch ist die Förderung?", "Welche Förderung gibt es?", "Welche Fördermöglichkeiten kommen in Frage?"):
        sides = side_questions(f"{site} {bare} Und zählen die Kosten der Altlastensanierung zu den förderfähigen "
                               "Kosten?", "project", judge)
        assert [s.text for s in sides] == ["Und zählen die Kosten der Altlastensanierung zu den förderfähigen Kosten?"]


def test_a_further_bottom_line_the_first_answer_quotes_already_is_not_added_and_two_keep_their_order():
    first = Answer("Förderweg: bis 60 Prozent [1].\n\nDetails [2].", False, summary="Förderweg: bis 60 Prozent [1].",
                   citations=[citation(1, "grw:3.2.1.1", "bis zu 60 Prozent"), citation(2, "grw:5", "Grunderwerb 25 Prozent")])
    same = Answer("Ja – bis 25 Prozent [1].", False, summary="Ja – bis 25 Prozent [1].",
                  citations=[citation(1, "grw:5", "Grunderwerb 25 Prozent")])
    assert with_other_answer(first, same) is first
    long = "Nein – " + "die Kosten der Bauleitplanung sind nicht förderfähig, " * 8 + "[1]."
    plan = Answer(long, False, summary=long, citations=[citation(1, "grw:3.2.2.1", "Bauleitplanung")])
    own = Answer("Nein – Eigenleistungen nicht [1].", False, summary="Nein – Eigenleistungen nicht [1].",
                 citations=[citation(1, "grw:3.2.2.1", "Eigenleistungen")])
    merged = with_other_answer(with_other_answer(first, plan), own)
    assert merged.answer.index("Bauleitplanung") < merged.answer.index("Eigenleistungen nicht [3]")
    # (in the order asked, and cited in the order of the text)
    assert merged.answer.endswith("Details [4].") and merged.summary == first.summary


def test_a_further_answer_that_only_offers_the_first_answers_path_again_is_not_added():
    path = AnswerPath("grw-gewerbe/de-minimis", "GRW", "", "", [], False, [], "NBank", [], [1])
    first = Answer("Förderweg: GRW, De-minimis [1].", False, summary="Förderweg: GRW, De-minimis [1].",
                   citations=[citation(1, "grw:2.5.1", "De-minimis")], funding_paths=[path])
    again = "Möglich: GRW, De-minimis [1]. Die Bäckerei steht nicht auf der Liste [2]."
    other = Answer(again, False, summary=again, funding_paths=[path],
                   citations=[citation(1, "grw:2.5.1", "De-minimis"), citation(2, "grw:2.7.1", "Liste")])
    assert with_other_answer(first, other) is first
    no = "Nein – eine reine Ersatzbeschaffung ist nicht förderfähig [1]."
    blocked = replace(path, blocked=True)
    refused = Answer(no, False, summary=no, funding_paths=[blocked], citations=[citation(1, "grw:2.6.2", "Ersatz")])
    assert with_other_answer(first, refused).summary.endswith(f"{OTHER_QUESTION} {no.replace('[1]', '[2]')}")


def test_a_numbered_part_whose_verdict_only_the_list_of_paths_gives_is_answered_in_the_text():
    # ("1) wie lange sind wir gebunden? 2) … dürfen wir das für den einen Investor passgenau erschließen?": the list's
    # line rules out the whole path at the end of the answer; the part asked for gets its "Nein" in the text)
    rule = citation(2, "grw:3.2.1.11", "Erschließung nach Maß")
    first = Answer("Bindungsfrist: 15 Jahre [1].\n\nZur Förderung:\n- **GRW: Infrastruktur**: nicht möglich – "
                   "zugeschnitten auf ein Unternehmen [2]", False, summary="Bindungsfrist: 15 Jahre [1].",
                   citations=[citation(1, "grw:3.2.1.8", "15 Jahren"), rule])
    no = "Nein – eine Erschließung für ein bestimmtes Unternehmen ist ausgeschlossen (Nr. 3.2.1.11) [1]."
    other = Answer(no, False, summary=no, citations=[replace(rule, n=1)])
    merged = with_other_answer(first, other, numbered=True)
    assert merged.summary == f"Bindungsfrist: 15 Jahre [1]. {OTHER_QUESTION} {no.replace('[1]', '[2]')}"
    assert [c.chunk_id for c in merged.citations] == ["grw:3.2.1.8", "grw:3.2.1.11"]
    # (a part not numbered is taken as said by the list: "und leader? …" beside a GRW "nicht möglich")
    assert with_other_answer(first, other) is first
    # (and so is one the first answer's own text gives)
    said = replace(first, answer=first.answer.replace("15 Jahre [1].", "15 Jahre [1]. Nicht nach Maß [2].", 1))
    assert with_other_answer(said, other, numbered=True) is said


def test_a_numbered_part_that_the_path_answers_is_answered_where_only_the_list_of_paths_offered_it():
    # ("1. welcher Fördersatz … 2. bis wann muss bewilligt sein, damit die 90%-Sonderregel greift?": the first answer
    # computes the sums, and the deadline stands only in its list of paths)
    path = AnswerPath("grw-infrastruktur/gewerbegelaende", "GRW: Wirtschaftsnahe kommunale Infrastruktur", "", "", [],
                      False, [], "NBank", [], [2])
    first = Answer("Rechenbeispiel: bis zu 3.510.000 €.\n\nZur Förderung:\n- **GRW: Wirtschaftsnahe kommunale "
                   "Infrastruktur**: bis 60 Prozent; bis 31.12.2028 bis 90 Prozent [1]", False,
                   summary="Rechenbeispiel: bis zu 3.510.000 €.", citations=[citation(1, "grw:5", "31.12.2028")],
                   funding_paths=[path])
    offer = "Förderweg: GRW: Wirtschaftsnahe kommunale Infrastruktur, bis 60 Prozent; bis 31.12.2028 bis 90 Prozent [1]."
    other = Answer(offer, False, summary=offer, citations=[citation(1, "grw:5", "bis 31.12.2028")],
                   funding_paths=[replace(path, citations=[1])])
    merged = with_other_answer(first, other, numbered=True)
    # (its citation comes first in the text, so it is [1], and the list's becomes [2])
    assert merged.summary == f"Rechenbeispiel: bis zu 3.510.000 €. {OTHER_QUESTION} {offer}"
    assert merged.answer.endswith("bis 90 Prozent [2]")
    assert with_other_answer(first, other) is first  # (not numbered: the path is offered already)
    offered = replace(first, answer=first.answer.replace("3.510.000 €.", "3.510.000 €. Förderweg: GRW: Wirtschaftsnahe "
                                                                          "kommunale Infrastruktur, bis 60 Prozent.", 1))
    assert with_other_answer(offered, other, numbered=True) is offered


_PARTS = ("Frage für einen Mandanten: Landtechnik-Vertrieb, 65 MA. a) förderfähig trotz Handel? b) wie lange "
          "Zweckbindung? c) Mandant will die Halle leasen – geht das?")
_DOTTED = "Drei Fragen: 1. wird der Zuschuss vorab ausgezahlt? 2. ist er steuerpflichtig? 3. wie lange aufbewahren?"
_JOINED = "Masterarbeit: 1) welche bestandteile verlangt der KR? 2) wird die erstellung gefördert und wie hoch? " \
          "3) und was sind die hauptziele der grw?"


@pytest.mark.parametrize(("text", "question", "opening"), [
    (_PARTS, "b) wie lange Zweckbindung?", "Zu b):"),
    (_PARTS, "c) Mandant will die Halle leasen – geht das?", "Zu c):"),
    # (the first part, with the words before the parts)
    (_PARTS, "Frage für einen Mandanten: Landtechnik-Vertrieb, 65 MA. a) förderfähig trotz Handel?", "Zu a):"),
    (_DOTTED, "3. wie lange aufbewahren?", "Zu Frage 3:"),
    # (a question within a part, split off at "und": the part's mark)
    (_JOINED, "wie hoch?", "Zu 2):"),
    (_JOINED, "was sind die hauptziele der grw?", "Zu 3):"),
    # (not a question put together from several parts, nor one of a text that numbers no parts)
    (_PARTS, "Frage für einen Mandanten: Landtechnik-Vertrieb, 65 MA. Und wie lange Zweckbindung?", OTHER_QUESTION),
    ("Geht GRW? Und wie lange gilt die Zweckbindung nach Nr. 2.2.6 a) des KR?", "Und wie lange gilt die "
     "Zweckbindung nach Nr. 2.2.6 a) des KR?", OTHER_QUESTION),
])
def test_the_answer_to_a_part_the_asker_numbers_opens_with_its_mark(text, question, opening):
    assert further_opening(text, question) == opening


def test_answers_to_numbered_parts_follow_one_another_in_their_order_and_stay_in_a_short_answer():
    verdict = "Voraussichtlich ja: GRW, bis zu 10 Prozent [1]."
    first = Answer(f"{verdict}\n\nZur Förderung:\n- **GRW**: bis zu 10 Prozent [1].", False, summary=verdict,
                   citations=[citation(1, "grw:2.5.1", "10 Prozent")])
    binding = "Die geförderten Wirtschaftsgüter müssen mindestens fünf Jahre in der Betriebsstätte bleiben " \
              "(Nr. 2.2.6) [1]. " + "Das gilt auch für die Arbeitsplätze, die geschaffen werden. " * 4
    leasing = "Geleaste Wirtschaftsgüter sind förderfähig, beantragt wird vom Leasingnehmer [1]."
    merged = with_other_answer(first, Answer(binding, False, summary=binding,
                                             citations=[citation(1, "grw:2.2.6", "fünf Jahre")]),
                               numbered=True, opening="Zu b):")
    merged = with_other_answer(merged, Answer(leasing, False, summary=leasing,
                                              citations=[citation(1, "grw:2.6.2", "Leasing")]),
                               numbered=True, opening="Zu c):")
    parts = merged.answer.split("\n\n")
    assert parts[0] == verdict
    assert parts[1].startswith("Zu b): Die geförderten Wirtschaftsgüter") and parts[1].count("[2]") == 1
    assert parts[2] == "Zu c): Geleaste Wirtschaftsgüter sind förderfähig, beantragt wird vom Leasingnehmer [3]."
    assert parts[3].startswith("Zur Förderung:")
    short = in_short(replace(merged, citations=[replace(c) for c in merged.citations]))
    assert short.answer.split("\n\n")[-1].startswith("Zu c): ")  # (kept as the short answer to its part)


def test_further_questions_of_numbered_parts_are_taken_in_the_order_the_text_asks_them():
    # (the one of another kind is found first: "Zu 3):" would stand before "Zu 1):")
    sides = [SideQuestion("3. wie lange aufbewahren?"), SideQuestion("Drei Fragen: 1. wird der Zuschuss vorab "
                                                                     "ausgezahlt?"), SideQuestion("anderswo?")]
    assert [s.text for s in in_text_order(sides, _DOTTED)] == [
        "Drei Fragen: 1. wird der Zuschuss vorab ausgezahlt?", "3. wie lange aufbewahren?", "anderswo?"]


def test_the_answers_to_numbered_parts_stand_in_the_order_of_their_marks():
    """A further answer added for part 3 before the details' rule answer marked for part 2: each into a place one of
    them held, in the order of the marks, the citations numbered again in the order of the text."""
    text = "Drei Fragen: 1) ist Badbergen Fördergebiet? 2) wer ist Ansprechpartner? 3) wie lange dauert es?"
    bottom = "Zu 1): Der Landkreis ist D-Fördergebiet [1]."
    answer = Answer(f"{bottom}\n\nZu 3): Eine Dauer nennen die Dokumente nicht [2].\n\nZu 2): Anträge nimmt die "
                    f"NBank entgegen [3].\n\nDazu heißt es: „…“ [4]", False, summary=bottom,
                    citations=[citation(1, "grw:Anhang 5", "D"), citation(2, "grw:1.5", "kein Anspruch"),
                               citation(3, "grw:Anhang 2", "NBank"), citation(4, "grw:2.2.5", "36 Monate")])
    ordered = in_mark_order(answer, text)
    assert ordered.answer.split("\n\n") == [bottom, "Zu 2): Anträge nimmt die NBank entgegen [2].",
                                             "Zu 3): Eine Dauer nennen die Dokumente nicht [3].", "Dazu heißt es: „…“ [4]"]
    assert [c.quote for c in ordered.citations] == ["D", "NBank", "kein Anspruch", "36 Monate"]
    assert [c.quote for c in answer.citations] == ["D", "kein Anspruch", "NBank", "36 Monate"]  # (a copy renumbered)
    assert in_mark_order(ordered, text) is ordered  # (in order already)


def test_the_bottom_line_bears_the_mark_of_the_one_numbered_part_no_further_answer_bears():
    bottom = "Die Steuer regeln die Dokumente nicht [1]."
    answer = Answer(f"{bottom}\n\nZu Frage 1: Ausgezahlt wird nach dem Bescheid [2].\n\nZu Frage 3: Zehn Jahre [3].",
                    False, summary=bottom)
    marked = with_first_part_marked(answer, _DOTTED, lambda part: True)
    assert marked.summary == f"Zu Frage 2: {bottom}" and marked.answer.startswith(f"Zu Frage 2: {bottom}\n\nZu Frage 1:")
    # (not where it may not answer that part, nor where its bottom line holds no word of it, nor where two parts are
    # left, nor where no further answer bears a mark)
    assert with_first_part_marked(answer, _DOTTED, lambda part: False) is answer
    beside = replace(answer, summary="Gründächer zählen zur Infrastruktur [1].",
                     answer="Gründächer zählen zur Infrastruktur [1]." + answer.answer[len(bottom):])
    assert with_first_part_marked(beside, _DOTTED, lambda part: True) is beside
    two_left = Answer(f"{bottom}\n\nZu Frage 3: Zehn Jahre [3].", False, summary=bottom)
    assert with_first_part_marked(two_left, _DOTTED, lambda part: True) is two_left
    unmarked = Answer(f"{bottom}\n\nZu Ihrer weiteren Frage: Zehn Jahre [3].", False, summary=bottom)
    assert with_first_part_marked(unmarked, _DOTTED, lambda part: True) is unmarked


def test_a_paragraph_that_is_the_rule_answer_of_a_numbered_part_bears_its_mark():
    text = "Drei Fragen: 1) ist Badbergen Fördergebiet? 2) wer ist Ansprechpartner? 3) wie lange dauert die Bewilligung?"
    span = "Eine Bearbeitungsdauer nennen die Unterlagen nicht; das weiß nur die NBank."
    answer = Answer(f"Ja, D-Fördergebiet [1].\n\n{span} [2]\n\nZur Förderung: …", False,
                    summary="Ja, D-Fördergebiet [1].")
    rules = {"3) wie lange dauert die Bewilligung?": span}
    marked = with_rule_parts_marked(answer, text, rules.get)
    assert marked.answer.split("\n\n")[1] == f"Zu 3): {span} [2]" and marked.summary == answer.summary
    # (two parts are left, 1) and 2): the bottom line bears no mark)
    assert with_first_part_marked(marked, text, lambda part: True) is marked
    # (not a part another paragraph already answers under its mark)
    again = Answer(f"Ja [1].\n\nZu 3): Drei Monate [3].\n\n{span} [2]", False, summary="Ja [1].")
    assert with_rule_parts_marked(again, text, rules.get) is again


def test_a_quoted_passage_of_the_kr_told_only_as_the_nearest_found_says_so():
    first = Answer("Der Landkreis ist D-Fördergebiet [1].", False, summary="Der Landkreis ist D-Fördergebiet [1].",
                   citations=[citation(1, "grw:anhang5", "D")])
    quoted = "GRW-Koordinierungsrahmen, Nr. 2.2.2, S. 8: „(2) Bei Leasing ist der Leasingnehmer antragsberechtigt.“ [1]"
    other = Answer(quoted, False, summary=quoted, citations=[citation(1, "grw:2.2.2", "Leasing")])
    merged = with_other_answer(first, other, True, True, "Zu 2):", nearest=True)
    assert merged.answer.endswith("Zu 2): Eine Stelle, die genau das regelt, habe ich nicht sicher gefunden. Am "
                                  "nächsten kommt GRW-Koordinierungsrahmen, Nr. 2.2.2, S. 8: „(2) Bei Leasing ist der "
                                  "Leasingnehmer antragsberechtigt.“ [2]"), merged.answer
    # (told for what it is, it answers the part)
    assert "Zu 2): GRW-Koordinierungsrahmen, Nr. 2.2.2" in with_other_answer(first, other, True, True, "Zu 2):").answer


def test_a_further_bottom_line_whose_label_states_something_is_added_not_a_source_label():
    """"3) Bei wem genau wird der Antrag gestellt?": the office's answer opens with a sentence before its quote ("GRW-
    Anträge nehmen … die NBank entgegen: „…“"), a verdict of its own; a quote under its source's label is not."""
    first = Answer("Der Landkreis ist D-Fördergebiet [1].", False, summary="Der Landkreis ist D-Fördergebiet [1].",
                   citations=[citation(1, "grw:anhang5", "D")])
    office = "GRW-Anträge nehmen in Niedersachsen die NBank entgegen: „NBank, Hannover“ [1]."
    other = Answer(office, False, summary=office, citations=[citation(1, "grw:anhang2", "NBank, Hannover")])
    assert with_other_answer(first, other, numbered=True, opening="Zu 3):").answer.endswith(
        "Zu 3): GRW-Anträge nehmen in Niedersachsen die NBank entgegen: „NBank, Hannover“ [2].")
    labelled = "GRW-Koordinierungsrahmen, Anhang 2, S. 71: „NBank, Hannover“ [1]"
    quoted = Answer(labelled, False, summary=labelled, citations=[citation(1, "grw:anhang2", "NBank, Hannover")])
    assert with_other_answer(first, quoted, numbered=True, opening="Zu 3):") is first


def test_a_further_bottom_line_made_of_the_list_of_paths_the_first_answer_holds_is_not_added():
    line = "- **GRW: Investitionen der gewerblichen Wirtschaft**: bis 20 Prozent für kleine Unternehmen; große " \
           "Unternehmen nur bis zum De-minimis-Höchstbetrag [1]."
    first = Answer(f"Dazu heißt es: „Übergangsfrist bis 31. Dezember 2026“ [1]\n\nZur Förderung:\n{line}", False,
                   summary="Dazu heißt es: „Übergangsfrist bis 31. Dezember 2026“ [1]",
                   citations=[citation(1, "grw:1.2", "31. Dezember 2026")])
    paths = f"Zur Förderung: {line}"
    other = Answer(paths, False, summary=paths, citations=[citation(1, "grw:2.5.1", "20 Prozent")])
    assert with_other_answer(first, other, numbered=True, opening="Zu 2):") is first


def test_a_numbered_part_whose_rule_only_the_list_of_paths_states_is_answered_in_the_text():
    # ("a) förderfähig trotz Handel? b) wie lange Zweckbindung?": the first answer's list of paths names the binding
    # as its path's condition; the part asks for it and gets it in the text)
    rule = "Die geförderten Wirtschaftsgüter müssen mindestens fünf Jahre nach Abschluss der Investition in der " \
           "Betriebsstätte bleiben."
    first = Answer(f"Voraussichtlich ja: GRW [1].\n\nZur Förderung:\n- **GRW**: bis 10 Prozent [1]. Wichtig: {rule} [2]",
                   False, summary="Voraussichtlich ja: GRW [1].",
                   citations=[citation(1, "grw:2.5.1", "10 Prozent"), citation(2, "grw:2.2.6", "fünf Jahre")])
    other = Answer(f"{rule} [1]", False, summary=f"{rule} [1]", citations=[citation(1, "grw:2.2.6", "mindestens")])
    assert with_other_answer(first, other) is first  # (asked on the side: the list of paths says it)
    merged = with_other_answer(first, other, numbered=True, opening="Zu b):")
    assert merged.summary == f"Voraussichtlich ja: GRW [1]. Zu b): {rule} [2]"


def test_each_question_of_a_text_is_judged_once():
    calls: list[str] = []
    kinds = {"Steht im IREK was dazu?": "irek", "Und gibt es GRW?": "eligibility"}

    def judge(question: str) -> str:
        calls.append(question)
        return kinds[question]

    side_questions("Pflegedienst. Steht im IREK was dazu? Und gibt es GRW?", "eligibility", judge)
    assert sorted(calls) == sorted(kinds)


def test_a_further_question_about_the_irek_is_taken_on_its_own_only_where_it_names_the_irek():
    judge = {"Welche Ziele hat das IREK zur Energie?": "irek", "Und mit welchen Strategien ist das IREK verzahnt?": "irek",
             "Welche Ziele betreffen uns?": "irek"}.get
    text = "Welche Ziele hat das IREK zur Energie? Und mit welchen Strategien ist das IREK verzahnt?"
    assert side_questions(text, "irek", judge) == [
        SideQuestion("Und mit welchen Strategien ist das IREK verzahnt?", [], True, True)]
    # one that asks on the first question's subject is answered by the first answer
    assert side_questions("Welche Ziele hat das IREK zur Energie? Welche Ziele betreffen uns?", "irek", judge) == []


def test_a_quoted_bottom_line_that_tells_is_added_with_the_sentence_its_passage_goes_on_with():
    first = Answer("Zum Leitziel 2.1 gehören 2.1.1 bis 2.1.4 [1].", False,
                   summary="Zum Leitziel 2.1 gehören 2.1.1 bis 2.1.4 [1].", citations=[citation(1, "irek:2.1", "2.1")])
    label = "IREK Landkreis Osnabrück, „Förderpolitischer Rahmen“"
    quoted = f"{label}: „Das IREK ist mit Strategien verzahnt.“ [1]"
    other = Answer(f"{quoted}\n\nAußerdem ({label}): „Es greift die Zukunftsregion und RIS3 auf.“ [2]", False,
                   summary=quoted, citations=[citation(1, "irek:r", "verzahnt"), citation(2, "irek:r", "RIS3")])
    assert with_other_answer(first, other) is first  # a quote alone answers a question asked on the side by chance
    merged = with_other_answer(first, other, told=True)
    assert f"{OTHER_QUESTION} {label}: „Das IREK ist mit Strategien verzahnt.“ [2] „Es greift die Zukunftsregion und " \
           "RIS3 auf.“ [3]" in merged.answer
    assert [c.n for c in merged.citations] == [1, 2, 3]


def _cited(n: int, section: str) -> AnswerCitation:
    return AnswerCitation(n, "grw", "KR", 25, "25", section, "…", f"grw-{section}")


@pytest.mark.parametrize("question, summary, section, states", [
    ("Und gibts Vorgaben, wie lange Startups da drin bleiben dürfen?",
     "GRW-Koordinierungsrahmen, Nr. 3.2.2.4, S. 25: „(5) … für bis zu fünf Jahre, aber nicht länger als acht Jahre“ [1]",
     "3.2.2.4", True),
    # a span from the rules of another measure than the first answer's, only in the label, or a question not of how
    # long: no
    ("Und gibts Vorgaben, wie lange Startups da drin bleiben dürfen?",
     "GRW-Koordinierungsrahmen, Nr. 2.2.5, S. 9: „… innerhalb von 36 Monaten durchgeführt wird.“ [1]", "2.2.5", False),
    ("Und gibts Vorgaben, wie lange Startups da drin bleiben dürfen?", "Nr. 3.2.2.4: „Der Träger stellt Räume bereit.“ [1]",
     "3.2.2.4", False),
    ("Und wer darf Träger sein?", "Nr. 3.2.2.4: „… für fünf Jahre …“ [1]", "3.2.2.4", False),
])
def test_a_further_question_of_how_long_is_answered_by_a_quote_that_states_a_span(question, summary, section, states):
    first = Answer("Förderfähig ist auch der Erwerb [1].", False, summary="Förderfähig ist auch der Erwerb [1].",
                   citations=[_cited(1, "3.2.2.4")])
    other = Answer(summary, False, summary=summary, citations=[_cited(1, section)])
    assert states_span_asked(question, other, first) is states
    # where the first answer's bottom line states a span already, none is added
    spanned = replace(first, summary="Gebunden für fünf Jahre [1].")
    assert states_span_asked(question, other, spanned) is False


def test_a_further_question_that_points_back_is_asked_as_a_follow_up_to_the_text_before_it():
    # of the other kind: "da" points to the hydrogen of the question before
    judge = {"wo kommt wasserstoff im irek vor?": "irek", "kann man da über grw was machen?": "eligibility"}.get
    text = "wo kommt wasserstoff im irek vor und kann man da über grw was machen"
    assert side_questions(text, "irek", judge) == [SideQuestion(
        "kann man da über grw was machen?", [{"role": "user", "content": "wo kommt wasserstoff im irek vor"}])]
    # of the same kind, about the IREK: "damit" points to RIS3
    judge = {"Was ist RIS3?": "irek", "was hat das IREK damit zu tun?": "irek"}.get
    assert side_questions("Was ist RIS3 und was hat das IREK damit zu tun?", "irek", judge) == [SideQuestion(
        "was hat das IREK damit zu tun?", [{"role": "user", "content": "Was ist RIS3"}], True, True)]


@pytest.mark.parametrize("text, numbered", [
    ("Mehrere Sachen: a) Kann ein Betrieb PV fördern lassen? b) welches IREK-Ziel passt für Wasserstoff?", True),
    ("1) Wer darf den Antrag stellen? 2) Welche Ziele hat das IREK zur Mobilität?", True),
    # (a part on the IREK with no subject of its own: the project answer's goal answers it)
    ("1) Geht das über GRW? 2) Wer müsste Antragsteller sein? 3) Welches IREK-Handlungsziel passt?", False),
    ("b) erst, dann a) später", False),
    ("Nach Nr. 2.6.2 (2) a) ist der Ersatz nicht förderfähig. Gilt das auch für uns?", False),
])
def test_questions_the_asker_numbers_as_parts_one_on_the_irek_of_its_own_subject(text, numbered):
    assert numbered_parts(text) is numbered



def test_questions_of_the_other_kind_are_asked_together_without_those_of_the_texts_kind():
    """Beside a count of the IREK's goals, two funding questions: both stay in the further question, the count is cut."""
    judge = {"Wie viele Leitziele hat das IREK?": "irek", "welche Fördersätze gelten für Betriebe hier?": "amount",
             "bekommen große Firmen überhaupt was?": "eligibility"}.get
    text = "Wie viele Leitziele hat das IREK, welche Fördersätze gelten für Betriebe hier und bekommen große Firmen " \
           "überhaupt was?"
    further = other_question(text, "irek", judge)
    assert further is not None and "Leitziele" not in further.text
    assert "Fördersätze" in further.text and "große Firmen" in further.text


def test_a_further_question_for_what_stands_in_it_is_asked_of_the_irek_by_name():
    judge = {"Welche Ziele hat das IREK zur Mobilität?": "irek"}.get
    sides = side_questions("Welche Ziele hat das IREK zur Mobilität? Und steht auch was zur Dorfmitte drin?", "irek",
                           lambda text: judge(text, "irek"))
    assert [s.text for s in sides] == ["Und steht im IREK auch was zur Dorfmitte?"]


def test_a_further_question_of_what_it_does_is_asked_of_the_irek_by_name():
    """"Und auf welche Strategien stützt es sich?" after a question on the IREK: "es" is the IREK; "gibt es" is not."""
    judge = {"Hat das IREK ein Leitbild?": "irek"}.get
    sides = side_questions("Hat das IREK ein Leitbild? Und auf welche Strategien stützt es sich?", "irek",
                           lambda text: judge(text, "irek"))
    assert [s.text for s in sides] == ["Und auf welche Strategien stützt das IREK sich?"]
    assert side_questions("Hat das IREK ein Leitbild? Und gibt es dazu Ziele?", "irek", lambda text: "irek") == []
    # ("ist es … verknüpft": the IREK as the subject of a link)
    judge = {"Bis wann gilt das IREK?": "irek"}.get
    sides = side_questions("Bis wann gilt das IREK? Und wie ist es mit RIS3 verknüpft?", "irek",
                           lambda text: judge(text, "irek"))
    assert [s.text for s in sides] == ["Und wie ist das IREK mit RIS3 verknüpft?"]
    assert side_questions("Bis wann gilt das IREK? Und wie ist es mit den Fristen?", "irek", lambda text: "irek") == []


def test_a_span_asked_beside_another_span_in_the_first_bottom_line_is_told():
    """The first bottom line states how long the investment may take (36 Monate); the further question asks how long
    the goods must stay, and its quote's "fünf Jahre" stands nowhere in it."""
    cited = citation(1, "grw:2.2.6:0", "Die geförderten Wirtschaftsgüter müssen mindestens fünf Jahre verbleiben.")
    cited = replace(cited, section="2.2.6")
    first = Answer("x", False, summary="Durchführung innerhalb von 36 Monaten [1].", citations=[cited])
    other = Answer("y", False, summary="GRW-Koordinierungsrahmen, Nr. 2.2.6: „Die geförderten Wirtschaftsgüter müssen "
                   "mindestens fünf Jahre verbleiben.“ [1]", citations=[cited])
    assert states_span_asked("wie lange müssen die Anlagen dann stehen bleiben?", other, first)
    said = replace(first, summary="Die Güter bleiben fünf Jahre gebunden [1].")
    assert not states_span_asked("wie lange müssen die Anlagen dann stehen bleiben?", other, said)


def test_numbered_items_are_split_with_the_text_before_them():
    frame, items = numbered_items("hab 3 mandanten, bitte kurz je ja/nein: 1) fahrschule in bramsche 2) campingplatz am "
                                  "alfsee, neues sanitärgebäude 3) spedition in bersenbrück")
    assert frame == "hab 3 mandanten, bitte kurz je ja/nein:"
    assert items == [("1", "fahrschule in bramsche"), ("2", "campingplatz am alfsee, neues sanitärgebäude"),
                     ("3", "spedition in bersenbrück")]
    assert numbered_items("Wir sind 30 Leute (ca. 4 Mio Umsatz) und wollen bauen.") == ("", [])
    assert numbered_items("a) Halle b) Maschinen")[1] == [("a", "Halle"), ("b", "Maschinen")]
