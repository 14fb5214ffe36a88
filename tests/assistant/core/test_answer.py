"""The typed answer serialised in one place (`Answer.to_dict`, the JSON of contracts.md §2) and read back in one place
(`Answer.from_dict`), on answers built by hand (no index)."""

from __future__ import annotations

import json

from assistant.core.answer import Answer, AnswerCitation, AnswerGoal, AnswerPath, GoalRef, details_of

CONTRACT_KEYS = {"answer", "abstained", "goals", "funding_paths", "citations", "timings_ms"}


def full_answer() -> Answer:
    return Answer(
        "Ihr Vorhaben passt zum Handlungsziel 3.1.1 [1]. Die GRW fördert bis zu 60 Prozent [2].", False,
        goals=[AnswerGoal("3.1.1", "Gewerbeflächen revitalisieren", GoalRef("3.1", "Flächen entwickeln"),
                          GoalRef("3", "Infrastruktur- und Flächenentwicklung"), 0.87, "irek-0031", [1])],
        funding_paths=[AnswerPath("grw-infrastruktur", "GRW-Infrastruktur", "bis zu 60 %", "Gemeinden",
                                  ["Antrag vor Beginn"], False, [], "NBank", ["Beratung vereinbaren."], [2])],
        citations=[
            AnswerCitation(1, "irek", "IREK Landkreis Osnabrück", None, None, "3.1.1 Gewerbeflächen revitalisieren",
                           "Brachflächen sollen wieder nutzbar werden.", "irek-0031",
                           "IREK Landkreis Osnabrück, Handlungsziel 3.1.1"),
            AnswerCitation(2, "grw", "GRW-Koordinierungsrahmen 2026", 22, "21", "3.2.1.1 Fördersätze",
                           "bis zu 60 Prozent", "grw-0107", "GRW-Koordinierungsrahmen 2026, Nr. 3.2.1.1, S. 21"),
        ],
        timings_ms={"retrieval": 12.34, "total": 56.78},
        missing_facts=["Wie groß ist die Fläche?"], mode="project",
    )


def test_to_dict_is_the_contract_shape_plus_missing_facts():
    data = full_answer().to_dict()
    assert set(data) == CONTRACT_KEYS | {"missing_facts", "intent", "summary", "details"}, \
        "`mode` is internal and not serialised"
    assert data["answer"].startswith("Ihr Vorhaben") and data["abstained"] is False
    assert data["goals"] == [{
        "code": "3.1.1", "title": "Gewerbeflächen revitalisieren",
        "leitziel": {"code": "3.1", "title": "Flächen entwickeln"},
        "corridor": {"code": "3", "title": "Infrastruktur- und Flächenentwicklung"},
        "score": 0.87, "chunk_id": "irek-0031", "citations": [1]}]
    assert data["funding_paths"] == [{
        "id": "grw-infrastruktur", "name": "GRW-Infrastruktur", "max_rate": "bis zu 60 %", "applicants": "Gemeinden",
        "conditions": ["Antrag vor Beginn"], "blocked": False, "reasons": [], "where_to_apply": "NBank",
        "next_steps": ["Beratung vereinbaren."], "citations": [2], "undecided": False}]
    assert data["citations"][1] == {
        "n": 2, "document": "grw", "title": "GRW-Koordinierungsrahmen 2026", "page": 22, "page_label": "21",
        "section": "3.2.1.1 Fördersätze", "quote": "bis zu 60 Prozent", "chunk_id": "grw-0107",
        "citation": "GRW-Koordinierungsrahmen 2026, Nr. 3.2.1.1, S. 21"}
    assert data["citations"][0]["page"] is None and data["citations"][0]["page_label"] is None
    assert data["missing_facts"] == ["Wie groß ist die Fläche?"]
    assert data["timings_ms"] == {"retrieval": 12.3, "total": 56.8}, "timings are rounded to 0.1 ms"
    assert json.loads(json.dumps(data, ensure_ascii=False)) == data, "plain JSON types only"


def test_to_dict_does_not_share_lists_with_the_answer():
    answer = full_answer()
    data = answer.to_dict()
    data["missing_facts"].append("x")
    data["goals"][0]["citations"].append(9)
    assert answer.missing_facts == ["Wie groß ist die Fläche?"] and answer.goals[0].citations == [1]


def test_from_dict_reads_back_what_to_dict_wrote():
    answer = full_answer()
    again = Answer.from_dict(json.loads(json.dumps(answer.to_dict())))
    assert again.to_dict() == answer.to_dict()
    assert again.goals[0].leitziel == GoalRef("3.1", "Flächen entwickeln")
    assert again.citations == answer.citations and again.funding_paths == answer.funding_paths


def test_from_dict_of_a_refusal_and_of_sparse_or_foreign_json():
    refusal = Answer("Dabei kann ich nicht helfen.", True, mode="refusal")
    assert Answer.from_dict(refusal.to_dict()).to_dict() == refusal.to_dict() == {
        "summary": "", "answer": "Dabei kann ich nicht helfen.", "abstained": True, "goals": [], "funding_paths": [], "citations": [],
        "missing_facts": [], "intent": "refusal", "timings_ms": {}, "details": ""}
    sparse = Answer.from_dict({
        "answer": "Text [1]", "goals": [{"code": "2.3.1", "leitziel": None}], "funding_paths": [{"id": "leader"}],
        "citations": [{"n": "1", "document": "grw"}], "timings_ms": None, "unbekannt": 1})
    assert sparse.abstained is False and sparse.missing_facts == [] and sparse.timings_ms == {}
    assert sparse.goals[0] == AnswerGoal("2.3.1", "", GoalRef("", ""), GoalRef("", ""), 0.0, "", [])
    assert sparse.funding_paths[0] == AnswerPath("leader", "", "", "", [], False, [], "", [], [])
    assert sparse.citations[0] == AnswerCitation(1, "grw", "", None, None, None, "", "", "")


def test_details_are_what_the_text_says_beyond_summary_and_cards():
    summary = "Passt zu 3.1.1 [1]; GRW-Infrastruktur bis zu 60 Prozent [2]."
    text = "\n\n".join([
        summary,
        "Ebenfalls passend im IREK: 3.1.1 „Gewerbeflächen revitalisieren“ [1].",  # the goal cards say it
        "Förderwege:\n- **GRW-Infrastruktur**: bis zu 60 Prozent [2].",  # the path card says it
        "Nächster Schritt: Beratung vereinbaren.",  # a next step the path lists
        "Nächster Schritt: Mit der Wirtschaftsförderung sprechen.",  # one it does not
        "Hinweis: Die Fläche muss vorrangig Betrieben dienen, die nicht ausgeschlossen sind [2].",
    ])
    answer = Answer(text, False, summary=summary, goals=full_answer().goals, funding_paths=full_answer().funding_paths)
    assert details_of(answer.to_dict()) == [
        "Nächster Schritt: Mit der Wirtschaftsförderung sprechen.",
        "Hinweis: Die Fläche muss vorrangig Betrieben dienen, die nicht ausgeschlossen sind [2]."]
    assert answer.to_dict()["details"] == "\n\n".join(details_of(answer.to_dict()))
    # without a summary the first paragraph is the bottom line (as the page and the export show it)
    assert details_of({"answer": "Erster Absatz.\n\nZweiter Absatz."}) == ["Zweiter Absatz."]
