"""The metrics of contracts.md §3, computed by evals.harness against a FAKE assistant with hand-made answers.

Every expected number below is computed by hand from the answers written in the test; no model, no index.
"""

from __future__ import annotations

import json
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
import yaml

from evals import harness
from evals.harness import METRICS, RunResult, load_set, run_set

CONTRACT_METRICS = ["goal_hit@1", "goal_hit@3", "document_hit", "funding_hit", "funding_precision", "contains_pass",
                    "summary_pass", "intent_accuracy", "abstain_accuracy", "citation_validity", "figure_traceability",
                    "answer_chars_p50", "latency_ms_p50", "latency_ms_p95"]


# -- helpers (kept in this file on purpose) -----------------------------------------------------------------------

def answer(text: str = "Eine Antwort.", *, goals: list[str] = (), documents: list[str] = (), funding: list[str] = (),
           abstained: bool = False, citations: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    """An answer in the shape of /api/ask; citations default to one valid, used citation per document."""
    if citations is None:
        citations = [{"n": n, "document": d, "title": d, "page": 1, "section": "", "quote": "Zitat", "chunk_id": f"{d}-c"}
                     for n, d in enumerate(documents, start=1)]
        text += "".join(f" [{c['n']}]" for c in citations)
    return {
        "answer": text,
        "abstained": abstained,
        "goals": [{"code": code, "title": f"Ziel {code}", "score": 1.0, "citations": []} for code in goals],
        "funding_paths": [{"id": p, "name": p, "max_rate": None, "applicants": [], "conditions": [], "citations": []}
                          for p in funding],
        "citations": citations,
        "timings_ms": {"retrieval": 1, "total": 1},
    }


class FakeTarget:
    """ask/passage_text like InProcessTarget; answers by question; an Exception as answer is raised."""

    def __init__(self, answers: dict[str, Any], passages: dict[str, str] | None = None,
                 clock: FakeClock | None = None, delays_ms: dict[str, float] | None = None) -> None:
        self.answers = answers
        self.passages = passages or {}
        self.clock = clock
        self.delays_ms = delays_ms or {}
        self.asked: list[tuple[str, list]] = []

    def ask(self, question: str, history: list[dict]) -> dict[str, Any]:
        self.asked.append((question, history))
        if self.clock is not None:
            self.clock.now += self.delays_ms.get(question, 0.0) / 1000
        result = self.answers[question]
        if isinstance(result, BaseException):
            raise result
        return json.loads(json.dumps(result))  # a fresh copy, as over HTTP

    def passage_text(self, chunk_id: str) -> str | None:
        if chunk_id.endswith("-c"):  # the chunks of answer()'s default citations
            return f"Ein Zitat aus {chunk_id}."
        return self.passages.get(chunk_id)


class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0

    def perf_counter(self) -> float:
        return self.now


def write_set(tmp_path: Path, cases: list[dict[str, Any]], name: str = "handmade") -> Path:
    path = tmp_path / f"{name}.yaml"
    path.write_text(yaml.safe_dump({"name": name, "cases": cases}, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def run(tmp_path: Path, cases: list[dict[str, Any]], answers: dict[str, Any], passages: dict[str, str] | None = None,
        ) -> RunResult:
    """Write the cases as a set file, load it as `irek eval run` does, run it against the fake target."""
    eval_set = load_set(write_set(tmp_path, cases))
    return run_set(eval_set, FakeTarget(answers, passages))


def case(case_id: str, **expect: Any) -> dict[str, Any]:
    return {"id": case_id, "question": f"Frage {case_id}?", "expect": expect}


def q(case_id: str) -> str:
    return f"Frage {case_id}?"


def by_id(result: RunResult) -> dict[str, Any]:
    return {c.id: c for c in result.cases}


# -- metric names -------------------------------------------------------------------------------------------------

def test_metric_names_are_exactly_those_of_the_contract(tmp_path):
    assert METRICS == CONTRACT_METRICS
    result = run(tmp_path, [case("a", goals=["1.1.1"])], {q("a"): answer(goals=["1.1.1"])})
    assert set(result.metrics) == set(CONTRACT_METRICS)


# -- goal_hit@1 / goal_hit@3 --------------------------------------------------------------------------------------

def test_goal_hit_at_1_and_3_by_hand(tmp_path):
    cases = [
        case("first", goals=["1.1.1"]),                       # expected goal ranked 1st         -> @1 yes, @3 yes
        case("any-of-first", goals=["2.3.1", "3.3.3"]),       # 2nd expected goal ranked 1st     -> @1 yes, @3 yes
        case("third", goals=["2.3.1", "3.3.3"]),              # ranked 3rd                       -> @1 no,  @3 yes
        case("fourth", goals=["4.1.1"]),                      # ranked 4th                       -> @1 no,  @3 no
        case("none", goals=["1.2.1"]),                        # no goals at all                  -> @1 no,  @3 no
        case("no-goal-key", documents=["irek"]),              # not counted for goal_hit at all
    ]
    answers = {
        q("first"): answer(goals=["1.1.1", "2.1.1", "3.1.1"]),
        q("any-of-first"): answer(goals=["3.3.3", "1.1.1"]),
        q("third"): answer(goals=["1.1.1", "2.2.2", "3.3.3", "2.3.1"]),
        q("fourth"): answer(goals=["1.1.1", "1.1.2", "1.1.3", "4.1.1"]),
        q("none"): answer(goals=[]),
        q("no-goal-key"): answer(goals=["9.9.9"], documents=["irek"]),
    }
    result = run(tmp_path, cases, answers)
    assert result.metrics["goal_hit@1"] == pytest.approx(2 / 5)
    assert result.metrics["goal_hit@3"] == pytest.approx(3 / 5)
    cases_by_id = by_id(result)
    assert cases_by_id["third"].passed and cases_by_id["first"].passed and cases_by_id["any-of-first"].passed
    assert not cases_by_id["fourth"].passed and not cases_by_id["none"].passed
    assert cases_by_id["no-goal-key"].passed, "a case without expect.goals is not judged on goals"


def test_goal_hit_only_over_cases_with_expected_goals(tmp_path):
    """One case with goals (a hit) and many without: the share is 1.0, not diluted by the others."""
    cases = [case("g", goals=["1.1.1"])] + [case(f"x{i}", contains=["Antwort"]) for i in range(4)]
    answers = {q("g"): answer(goals=["1.1.1"])} | {q(f"x{i}"): answer(goals=["4.4.4"]) for i in range(4)}
    result = run(tmp_path, cases, answers)
    assert result.metrics["goal_hit@1"] == 1.0 and result.metrics["goal_hit@3"] == 1.0


# -- document_hit ------------------------------------------------------------------------------------------------

def test_document_hit_by_hand(tmp_path):
    cases = [
        case("hit", documents=["irek"]),           # citations from grw and irek       -> hit
        case("miss", documents=["grw"]),           # only irek cited                   -> miss
        case("no-citations", documents=["irek", "grw"]),  # nothing cited             -> miss
        case("not-counted", goals=["1.1.1"]),      # no expect.documents               -> excluded
    ]
    answers = {
        q("hit"): answer(documents=["grw", "irek"]),
        q("miss"): answer(documents=["irek"]),
        q("no-citations"): answer(documents=[]),
        q("not-counted"): answer(goals=["1.1.1"], documents=[]),
    }
    result = run(tmp_path, cases, answers)
    assert result.metrics["document_hit"] == pytest.approx(1 / 3, abs=1e-4)
    assert [c.passed for c in result.cases][:3] == [True, False, False]


# -- funding_hit -------------------------------------------------------------------------------------------------

def test_funding_hit_prefix_match_on_slash(tmp_path):
    cases = [
        case("sub-path", funding=["grw-nichtinvestiv"]),   # met by grw-nichtinvestiv/umsetzungsbudget
        case("look-alike", funding=["grw-gewerbe"]),       # NOT met by grw-gewerbe-x
        case("exact", funding=["grw-gewerbe"]),            # met by grw-gewerbe
        case("any-of", funding=["leader", "grw-infrastruktur"]),  # met by the 2nd expected path
        case("not-counted", goals=["1.1.1"]),
    ]
    answers = {
        q("sub-path"): answer(funding=["grw-nichtinvestiv/umsetzungsbudget"]),
        q("look-alike"): answer(funding=["grw-gewerbe-x", "grw-gewerbex/y"]),
        q("exact"): answer(funding=["zukunftsregion", "grw-gewerbe"]),
        q("any-of"): answer(funding=["grw-infrastruktur/breitband"]),
        q("not-counted"): answer(goals=["1.1.1"]),
    }
    result = run(tmp_path, cases, answers)
    assert result.metrics["funding_hit"] == pytest.approx(3 / 4)
    passed = {c.id: c.passed for c in result.cases}
    assert passed == {"sub-path": True, "look-alike": False, "exact": True, "any-of": True, "not-counted": True}


# -- contains_pass -----------------------------------------------------------------------------------------------

def test_contains_pass_case_insensitive_and_every_string(tmp_path):
    cases = [
        case("all", contains=["wasserstoff", "GEWERBEGEBIET"]),   # both present, other case  -> pass
        case("one-missing", contains=["Wasserstoff", "Einhorn"]),  # only one present          -> fail
        case("umlaut", contains=["FÖRDERSATZ"]),                   # "Fördersatz" in text      -> pass
        case("not-counted", goals=["1.1.1"]),
    ]
    answers = {
        q("all"): answer("Ein Gewerbegebiet mit eigener Wasserstoffversorgung [1]."),
        q("one-missing"): answer("Ein Gewerbegebiet mit eigener Wasserstoffversorgung."),
        q("umlaut"): answer("Der Fördersatz beträgt 30 Prozent."),
        q("not-counted"): answer("kein Einhorn", goals=["1.1.1"]),
    }
    result = run(tmp_path, cases, answers)
    assert result.metrics["contains_pass"] == pytest.approx(2 / 3, abs=1e-4)
    failed = by_id(result)["one-missing"]
    assert not failed.passed and any("Einhorn" in f for f in failed.failures)
    assert not any("Wasserstoff" in f for f in failed.failures)


# -- abstain_accuracy --------------------------------------------------------------------------------------------

def test_abstain_accuracy_over_all_cases_default_false(tmp_path):
    cases = [
        case("default-ok", goals=["1.1.1"]),   # no expect.abstain, did not abstain   -> correct
        case("default-wrong"),                 # no expect at all, abstained          -> wrong (default false)
        case("true-ok", abstain=True),         # abstained as expected                -> correct
        case("true-wrong", abstain=True),      # answered instead                     -> wrong
        case("false-ok", abstain=False),       # answered                             -> correct
    ]
    answers = {
        q("default-ok"): answer(goals=["1.1.1"]),
        q("default-wrong"): answer("Dazu steht nichts in den Dokumenten.", abstained=True),
        q("true-ok"): answer("Dazu steht nichts in den Dokumenten.", abstained=True),
        q("true-wrong"): answer("Hier ist ein Rezept."),
        q("false-ok"): answer("Antwort."),
    }
    result = run(tmp_path, cases, answers)
    assert result.metrics["abstain_accuracy"] == pytest.approx(3 / 5)
    passed = {c.id: c.passed for c in result.cases}
    assert passed == {"default-ok": True, "default-wrong": False, "true-ok": True, "true-wrong": False, "false-ok": True}


# -- citation_validity -------------------------------------------------------------------------------------------

PASSAGES = {
    "irek-1": "Der Landkreis stärkt die Wasserstoffwirtschaft. Gewerbegebiete sollen klimaneutral werden.",
    "grw-7": "Der Fördersatz beträgt bis zu 30 Prozent der förderfähigen Kosten.",
}


def cite(n: int, chunk_id: str, quote: str) -> dict[str, Any]:
    return {"n": n, "document": chunk_id.split("-")[0], "title": "", "page": 1, "section": "", "quote": quote,
            "chunk_id": chunk_id}


def test_citation_validity_share_of_all_citations(tmp_path):
    cases = [case("a"), case("b"), case("c")]
    answers = {
        # a: [1] valid and used; [2] used but not verbatim (case differs); [3] verbatim but its number is not used
        q("a"): answer("Wasserstoff [1] und Förderung [2].", citations=[
            cite(1, "irek-1", "stärkt die Wasserstoffwirtschaft"),
            cite(2, "grw-7", "der fördersatz beträgt bis zu 30 Prozent"),
            cite(3, "irek-1", "Gewerbegebiete sollen klimaneutral werden."),
        ]),
        # b: [1] valid and used; [2] used but its chunk does not exist
        q("b"): answer("Fördersatz [1], mehr dazu [2].", citations=[
            cite(1, "grw-7", "Der Fördersatz beträgt bis zu 30 Prozent"),
            cite(2, "irek-99", "Der Landkreis"),
        ]),
        # c: no citations (adds nothing to the share)
        q("c"): answer("Ohne Belege."),
    }
    result = run(tmp_path, cases, answers, PASSAGES)
    assert result.metrics["citation_validity"] == pytest.approx(2 / 5)
    passed = {c.id: c.passed for c in result.cases}
    assert passed == {"a": False, "b": False, "c": True}


def test_citation_validity_all_valid(tmp_path):
    cases = [case("a")]
    answers = {q("a"): answer("Erstens [1], zweitens [2].", citations=[
        cite(1, "irek-1", "Der Landkreis stärkt die Wasserstoffwirtschaft."),
        cite(2, "grw-7", "30 Prozent"),
    ])}
    result = run(tmp_path, cases, answers, PASSAGES)
    assert result.metrics["citation_validity"] == 1.0
    assert result.cases[0].passed


# -- latency -----------------------------------------------------------------------------------------------------

def test_latency_p50_p95_per_question_with_a_fake_clock(tmp_path, monkeypatch):
    clock = FakeClock()
    monkeypatch.setattr(harness, "time", SimpleNamespace(perf_counter=clock.perf_counter))
    delays = {"a": 10, "b": 20, "c": 30, "d": 40, "e": 100}
    cases = [case(cid) for cid in delays]
    target = FakeTarget({q(cid): answer() for cid in delays}, clock=clock, delays_ms={q(c): ms for c, ms in delays.items()})
    result = run_set(load_set(write_set(tmp_path, cases)), target)
    assert [round(c.latency_ms, 6) for c in result.cases] == [10, 20, 30, 40, 100]
    assert result.metrics["latency_ms_p50"] == pytest.approx(30.0)
    assert 40.0 <= result.metrics["latency_ms_p95"] <= 100.0
    assert result.metrics["latency_ms_p95"] >= result.metrics["latency_ms_p50"]


def test_latency_metrics_present_with_the_real_clock(tmp_path):
    result = run(tmp_path, [case("a"), case("b")], {q("a"): answer(), q("b"): answer()})
    for name in ("latency_ms_p50", "latency_ms_p95"):
        assert isinstance(result.metrics[name], float) and result.metrics[name] >= 0


# -- crashes -----------------------------------------------------------------------------------------------------

def test_a_crashing_case_is_a_failed_case_not_a_crashed_run(tmp_path):
    cases = [case("ok", goals=["1.1.1"]), case("boom", goals=["1.1.1"]), case("ok2", goals=["1.1.1"])]
    answers = {q("ok"): answer(goals=["1.1.1"]), q("boom"): RuntimeError("Modell weg"), q("ok2"): answer(goals=["1.1.1"])}
    result = run(tmp_path, cases, answers)
    cases_by_id = by_id(result)
    assert [c.id for c in result.cases] == ["ok", "boom", "ok2"]
    assert cases_by_id["ok"].passed and cases_by_id["ok2"].passed
    boom = cases_by_id["boom"]
    assert not boom.passed and any("Modell weg" in f for f in boom.failures)
    assert result.metrics["goal_hit@3"] == pytest.approx(2 / 3, abs=1e-4)
    json.dumps(result.to_json())  # the report is still writable


def test_a_crash_in_the_first_case_is_a_failed_case_not_a_crashed_run(tmp_path):
    cases = [case("boom", goals=["1.1.1"]), case("ok", goals=["1.1.1"])]
    answers = {q("boom"): RuntimeError("Modell weg"), q("ok"): answer(goals=["1.1.1"])}
    result = run(tmp_path, cases, answers)
    assert [(c.id, c.passed) for c in result.cases] == [("boom", False), ("ok", True)]


# -- history and report shape ------------------------------------------------------------------------------------

def test_history_is_passed_to_the_target(tmp_path):
    history = [{"role": "user", "content": "Wir sind ein Maschinenbauer."},
               {"role": "assistant", "content": "Das passt zu 1.1.2."}]
    cases = [{"id": "h", "question": "Und der Fördersatz?", "history": history, "expect": {}}]
    target = FakeTarget({"Und der Fördersatz?": answer()})
    run_set(load_set(write_set(tmp_path, cases)), target)
    assert target.asked and all(asked == ("Und der Fördersatz?", history) for asked in target.asked)


def test_json_report_shape(tmp_path):
    cases = [case("pass", goals=["1.1.1"]), case("fail", goals=["2.2.2"], contains=["Einhorn"])]
    answers = {q("pass"): answer("Antwort eins.", goals=["1.1.1"], documents=["irek"]),
               q("fail"): answer("Antwort zwei.", goals=["1.1.1"])}
    report = json.loads(json.dumps(run(tmp_path, cases, answers).to_json()))
    assert report["set"] == "handmade"
    assert set(report["metrics"]) == set(CONTRACT_METRICS)
    assert [c["id"] for c in report["cases"]] == ["pass", "fail"]
    for entry in report["cases"]:
        assert {"id", "passed", "failures", "answer"} <= set(entry)
        assert isinstance(entry["passed"], bool) and isinstance(entry["failures"], list)
        assert isinstance(entry["answer"], str)
    passing, failing = report["cases"]
    assert passing["passed"] is True and passing["failures"] == [] and passing["answer"] == "Antwort eins. [1]"
    assert failing["passed"] is False and failing["answer"] == "Antwort zwei."
    assert any("2.2.2" in f for f in failing["failures"]) and any("Einhorn" in f for f in failing["failures"])


# -- retrieval metrics (evals/retrieval_eval.py), same hand computation ------------------------------------------

def test_retrieval_ranking_metrics_by_hand():
    from evals.retrieval_eval import ranking_metrics

    def p(goal: str) -> SimpleNamespace:
        return SimpleNamespace(document="irek", goal_code=goal, section_number="")

    ranked = [p("1.1.1"), p("2.2.2"), p("3.3.3"), p("1.1.2")]
    # relevant at ranks 2 and 4; 2 relevant passages exist
    metrics = ranking_metrics(ranked, ("irek:2.2.2", "irek:1.1.2"), relevant_total=2)
    import math

    dcg = 1 / math.log2(3) + 1 / math.log2(5)
    ideal = 1 / math.log2(2) + 1 / math.log2(3)
    assert metrics["hit@1"] == 0.0 and metrics["hit@3"] == 1.0 and metrics["hit@5"] == 1.0
    assert metrics["mrr@10"] == pytest.approx(0.5)
    assert metrics["ndcg@10"] == pytest.approx(dcg / ideal)
    assert ranking_metrics(ranked, ("irek:4.4.4",), relevant_total=1) == {"hit@1": 0.0, "hit@3": 0.0, "hit@5": 0.0,
                                                                          "mrr@10": 0.0, "ndcg@10": 0.0}


# -- round 2: not_funding, summary_contains, intent, figures, length, tags ------------------------------------------

def test_funding_precision_counts_only_paths_offered_as_open(tmp_path):
    blocked = answer(funding=["grw-gewerbe"])
    blocked["funding_paths"][0]["blocked"] = True
    cases = [case("blocked-ok", not_funding=["grw-gewerbe"]), case("offered", not_funding=["grw-gewerbe"]),
             case("sub-path", not_funding=["grw-nichtinvestiv"]), case("not-counted", goals=["1.1.1"])]
    answers = {q("blocked-ok"): blocked, q("offered"): answer(funding=["leader", "grw-gewerbe"]),
               q("sub-path"): answer(funding=["grw-nichtinvestiv/umsetzungsbudget"]),
               q("not-counted"): answer(goals=["1.1.1"], funding=["grw-gewerbe"])}
    result = run(tmp_path, cases, answers)
    assert result.metrics["funding_precision"] == pytest.approx(1 / 3, abs=1e-4)
    assert {c.id: c.passed for c in result.cases} == {"blocked-ok": True, "offered": False, "sub-path": False,
                                                     "not-counted": True}


def test_summary_pass_and_intent_accuracy_by_hand(tmp_path):
    good = answer() | {"summary": "Bis zu 20 Prozent [1].", "intent": "amount"}
    cases = [case("s-ok", summary_contains=["20 prozent"], intent="amount"),
             case("s-missing", summary_contains=["20 Prozent", "De-minimis"], intent="rule"),
             case("no-summary", summary_contains=["20 Prozent"])]
    answers = {q("s-ok"): good, q("s-missing"): good, q("no-summary"): answer()}
    result = run(tmp_path, cases, answers)
    assert result.metrics["summary_pass"] == pytest.approx(1 / 3, abs=1e-4)
    assert result.metrics["intent_accuracy"] == pytest.approx(1 / 2)
    assert any("intent" in f for f in by_id(result)["s-missing"].failures)


def test_an_unknown_intent_in_a_set_is_a_german_error(tmp_path):
    with pytest.raises(harness.SetError, match="expect.intent"):
        load_set(write_set(tmp_path, [case("x", intent="smalltalk")]))


def test_figure_traceability_needs_the_figure_in_a_quote_cited_in_the_same_paragraph(tmp_path):
    quotes = [{"n": 1, "document": "grw", "title": "grw", "page": 1, "section": "", "quote": "kleine Unternehmen 20 Prozent",
               "chunk_id": "grw-c"}]
    invented = answer("Kleine Unternehmen bekommen 99 Prozent Zuschuss [1].", citations=quotes)
    elsewhere = answer("Bis 20 Prozent [1].\n\nMittlere bis 20 Prozent.", citations=quotes)
    assert harness.figure_checks(invented) == [False]
    assert harness.figure_checks(elsewhere) == [True, False]
    result = run(tmp_path, [case("a"), case("b")], {q("a"): invented, q("b"): elsewhere},
                 passages={"grw-c": "kleine Unternehmen 20 Prozent"})
    assert result.metrics["figure_traceability"] == pytest.approx(1 / 3, abs=1e-4)


def test_answer_chars_p50_leaves_out_refusals(tmp_path):
    answers = {q("a"): answer("x" * 100), q("b"): answer("y" * 300), q("c"): answer("z" * 5000, abstained=True)}
    result = run(tmp_path, [case("a"), case("b"), case("c", abstain=True)], answers)
    assert result.metrics["answer_chars_p50"] == pytest.approx(200.0)
    assert "answer_chars_p50" in harness.LOWER_IS_BETTER


def test_tags_and_version_are_read(tmp_path):
    path = tmp_path / "tagged.yaml"
    path.write_text(yaml.safe_dump({"name": "t", "version": "2026-11-28", "cases": [
        {"id": "a", "question": "Frage?", "tags": ["outsider", "follow-up"], "expect": {}}]}), encoding="utf-8")
    loaded = load_set(path)
    assert loaded.version == "2026-11-28" and loaded.cases[0].tags == ["outsider", "follow-up"]
    path.write_text(yaml.safe_dump({"name": "t", "cases": [{"id": "a", "question": "F?", "tags": "x"}]}), encoding="utf-8")
    with pytest.raises(harness.SetError, match="tags"):
        load_set(path)
