"""Regression harness: run an evaluation set (contracts.md §3) against the assistant and compute its metrics.

The assistant is called in-process, or over HTTP with a base URL (POST /api/ask, GET /api/passages/{chunk_id}).
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import yaml

from assistant.text.figures import checked

CASE_KEYS = {"id", "question", "history", "expect", "tags"}
EXPECT_KEYS = {"goals", "documents", "funding", "contains", "abstain", "not_funding", "summary_contains", "intent"}
_LIST_KEYS = ("goals", "documents", "funding", "contains", "not_funding", "summary_contains")
INTENTS = ("project", "eligibility", "amount", "procedure", "rule", "irek", "refusal")
METRICS = ["goal_hit@1", "goal_hit@3", "document_hit", "funding_hit", "funding_precision", "contains_pass",
           "summary_pass", "intent_accuracy", "abstain_accuracy", "citation_validity", "figure_traceability",
           "answer_chars_p50", "latency_ms_p50", "latency_ms_p95"]
LOWER_IS_BETTER = {"latency_ms_p50", "latency_ms_p95", "answer_chars_p50"}
_CITATION_NUMBER = re.compile(r"\[(\d+)\]")


class SetError(ValueError):
    """A set file that cannot be run; the message names the file, the case and the key (German)."""


@dataclass
class Case:
    id: str
    question: str
    history: list[dict[str, str]]
    expect: dict[str, Any]
    tags: list[str] = field(default_factory=list)


@dataclass
class EvalSet:
    name: str
    cases: list[Case]
    version: str = ""


@dataclass
class CaseResult:
    id: str
    passed: bool
    failures: list[str]
    answer: dict[str, Any]
    latency_ms: float
    question: str = ""
    expect: dict[str, Any] = field(default_factory=dict)


@dataclass
class RunResult:
    set_name: str
    metrics: dict[str, float | None]
    cases: list[CaseResult]

    def to_json(self) -> dict[str, Any]:
        return {
            "set": self.set_name,
            "metrics": self.metrics,
            "cases": [{"id": c.id, "passed": c.passed, "failures": c.failures, "answer": c.answer.get("answer", ""),
                       "question": c.question, "expect": c.expect, "latency_ms": round(c.latency_ms, 1)}
                      for c in self.cases],
        }


def load_set(path: Path) -> EvalSet:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as error:
        raise SetError(f"{path}: nicht lesbar ({error})") from None
    except yaml.YAMLError as error:
        raise SetError(f"{path}: kein gültiges YAML ({error})") from None
    if not isinstance(data, dict) or not isinstance(data.get("cases"), list):
        raise SetError(f"{path}: erwartet wird ein Objekt mit 'name' und einer Liste 'cases'")
    unknown = set(data) - {"name", "cases", "description", "version"}
    if unknown:
        raise SetError(f"{path}: unbekannte Schlüssel auf oberster Ebene: {', '.join(sorted(unknown))}")
    cases, seen = [], set()
    for number, raw in enumerate(data["cases"], start=1):
        where = f"{path}: Fall {number}"
        if not isinstance(raw, dict):
            raise SetError(f"{where}: muss ein Objekt sein")
        case_id = str(raw.get("id") or "")
        if not case_id:
            raise SetError(f"{where}: Schlüssel 'id' fehlt")
        where = f"{path}: Fall '{case_id}'"
        if case_id in seen:
            raise SetError(f"{where}: die id kommt doppelt vor")
        seen.add(case_id)
        unknown = set(raw) - CASE_KEYS
        if unknown:
            raise SetError(f"{where}: unbekannter Schlüssel {', '.join(sorted(unknown))} (erlaubt: {', '.join(sorted(CASE_KEYS))})")
        if not isinstance(raw.get("question"), str) or not raw["question"].strip():
            raise SetError(f"{where}: Schlüssel 'question' fehlt oder ist leer")
        history = raw.get("history")
        history = [] if history is None else history
        if not isinstance(history, list) or not all(
            isinstance(t, dict) and t.get("role") in ("user", "assistant") and isinstance(t.get("content"), str) for t in history
        ):
            raise SetError(f"{where}: 'history' muss eine Liste von {{role: user|assistant, content: …}} sein")
        expect = raw.get("expect")
        expect = {} if expect is None else expect
        if not isinstance(expect, dict):
            raise SetError(f"{where}: 'expect' muss ein Objekt sein")
        unknown = set(expect) - EXPECT_KEYS
        if unknown:
            raise SetError(f"{where}: unbekannter Schlüssel expect.{', expect.'.join(sorted(unknown))} "
                           f"(erlaubt: {', '.join(sorted(EXPECT_KEYS))})")
        for key in _LIST_KEYS:
            if key in expect and (not isinstance(expect[key], list) or not all(isinstance(v, (str, int, float)) for v in expect[key])):
                raise SetError(f"{where}: expect.{key} muss eine Liste von Zeichenketten sein")
        if "abstain" in expect and not isinstance(expect["abstain"], bool):
            raise SetError(f"{where}: expect.abstain muss true oder false sein")
        if "intent" in expect and expect["intent"] not in INTENTS:
            raise SetError(f"{where}: expect.intent muss eines von {', '.join(INTENTS)} sein")
        tags = raw.get("tags") or []
        if not isinstance(tags, list) or not all(isinstance(t, str) for t in tags):
            raise SetError(f"{where}: 'tags' muss eine Liste von Zeichenketten sein")
        expect = {k: ([str(v) for v in val] if isinstance(val, list) else val) for k, val in expect.items()}
        cases.append(Case(case_id, raw["question"], history, expect, list(tags)))
    return EvalSet(str(data.get("name") or path.stem), cases, str(data.get("version") or ""))


# -- checks ---------------------------------------------------------------------------------------------------------

def _funding_matches(path_id: str, expected: str) -> bool:
    return path_id == expected or path_id.startswith(expected + "/")


def check_case(case: Case, answer: dict[str, Any]) -> list[str]:
    """German descriptions of every expectation the answer misses (empty when the case passes)."""
    failures = []
    expect = case.expect
    goals = [g.get("code") for g in answer.get("goals", [])]
    if "goals" in expect and not set(goals[:3]) & set(expect["goals"]):
        failures.append(f"Ziele: erwartet eines von {expect['goals']} unter den ersten 3, erhalten {goals[:3]}")
    documents = {c.get("document") for c in answer.get("citations", [])}
    if "documents" in expect and not documents & set(expect["documents"]):
        failures.append(f"Dokumente: erwartet ein Zitat aus {expect['documents']}, erhalten {sorted(d for d in documents if d)}")
    paths = [p.get("id", "") for p in answer.get("funding_paths", [])]
    if "funding" in expect and not any(_funding_matches(p, e) for p in paths for e in expect["funding"]):
        failures.append(f"Förderwege: erwartet einer von {expect['funding']}, erhalten {paths}")
    text = answer.get("answer", "").lower()
    missing = [s for s in expect.get("contains", []) if s.lower() not in text]
    if missing:
        failures.append(f"Antworttext enthält nicht: {missing}")
    if bool(answer.get("abstained")) != bool(expect.get("abstain", False)):
        failures.append(f"abstained: erwartet {bool(expect.get('abstain', False))}, erhalten {bool(answer.get('abstained'))}")
    offered = _open_paths(answer)
    wrong = [p for p in offered if any(_funding_matches(p, e) for e in expect.get("not_funding", []))]
    if wrong:
        failures.append(f"Förderwege: {wrong} als offen angeboten, obwohl ausgeschlossen")
    summary = str(answer.get("summary") or "").lower()
    missing = [s for s in expect.get("summary_contains", []) if s.lower() not in summary]
    if missing:
        failures.append(f"Kurzantwort (summary) enthält nicht: {missing}")
    if "intent" in expect and answer.get("intent") != expect["intent"]:
        failures.append(f"intent: erwartet {expect['intent']}, erhalten {answer.get('intent')}")
    return failures


def _open_paths(answer: dict[str, Any]) -> list[str]:
    return [p.get("id", "") for p in answer.get("funding_paths", []) if not p.get("blocked")]


def figure_checks(answer: dict[str, Any]) -> list[bool]:
    """Per figure of the answer text: it stands in a quote cited in the same paragraph."""
    quotes = {int(c.get("n") or 0): str(c.get("quote") or "") for c in answer.get("citations", [])}
    return [ok for _, ok in checked(str(answer.get("answer", "")), quotes)]


def citation_checks(answer: dict[str, Any], passage_text: Callable[[str], str | None]) -> list[bool]:
    """Per citation: the quote stands verbatim in the cited chunk and its number is used in the answer."""
    used = {int(n) for n in _CITATION_NUMBER.findall(answer.get("answer", ""))}
    results = []
    for citation in answer.get("citations", []):
        text = passage_text(citation.get("chunk_id", ""))
        results.append(bool(text and citation.get("quote") and citation["quote"] in text and citation.get("n") in used))
    return results


# -- running --------------------------------------------------------------------------------------------------------

class InProcessTarget:
    def __init__(self, settings) -> None:  # noqa: ANN001
        from assistant.answer.pipeline import AnswerPipeline

        self.pipeline = AnswerPipeline.open(settings)

    def ask(self, question: str, history: list[dict]) -> dict[str, Any]:
        return self.pipeline.answer(question, history).to_dict()

    def passage_text(self, chunk_id: str) -> str | None:
        passage = self.pipeline.retriever.snapshot.passage(chunk_id)
        return passage.text if passage else None


class HttpTarget:
    def __init__(self, base_url: str, timeout: float = 60.0) -> None:
        import httpx

        self.client = httpx.Client(base_url=base_url.rstrip("/"), timeout=timeout)
        self._texts: dict[str, str | None] = {}

    def ask(self, question: str, history: list[dict]) -> dict[str, Any]:
        response = self.client.post("/api/ask", json={"question": question, "history": history})
        response.raise_for_status()
        return response.json()

    def passage_text(self, chunk_id: str) -> str | None:
        if chunk_id not in self._texts:
            response = self.client.get(f"/api/passages/{chunk_id}")
            self._texts[chunk_id] = response.json().get("text") if response.status_code == 200 else None
        return self._texts[chunk_id]


def run_set(eval_set: EvalSet, target, progress: Callable[[int, int], None] | None = None) -> RunResult:  # noqa: ANN001
    results: list[CaseResult] = []
    validity: list[bool] = []
    traceable: list[bool] = []
    if eval_set.cases:
        try:  # warm-up: the first call loads models; its failure shows up in the cases themselves
            target.ask(eval_set.cases[0].question, eval_set.cases[0].history)
        except Exception:  # noqa: BLE001
            pass
    for index, case in enumerate(eval_set.cases, start=1):
        started = time.perf_counter()
        try:
            answer = target.ask(case.question, case.history)
        except Exception as error:  # a crash is a failed case, not a failed run
            answer = {"answer": "", "abstained": False, "goals": [], "funding_paths": [], "citations": [],
                      "error": f"{type(error).__name__}: {error}"}
        latency = (time.perf_counter() - started) * 1000
        failures = check_case(case, answer)
        if "error" in answer:
            failures.insert(0, f"Fehler: {answer['error']}")
        checks = citation_checks(answer, target.passage_text)
        validity.extend(checks)
        traceable.extend(figure_checks(answer))
        if not all(checks):
            failures.append(f"Zitate: {checks.count(False)} von {len(checks)} nicht wörtlich belegt oder nicht verwendet")
        results.append(CaseResult(case.id, not failures, failures, answer, latency, case.question, case.expect))
        if progress:
            progress(index, len(eval_set.cases))
    return RunResult(eval_set.name, compute_metrics(eval_set.cases, results, validity, traceable), results)


def compute_metrics(cases: list[Case], results: list[CaseResult], validity: list[bool],
                    traceable: list[bool] | None = None) -> dict[str, float | None]:
    def share(selected: list[tuple[Case, CaseResult]], test: Callable[[Case, dict], bool]) -> float | None:
        return round(sum(test(c, r.answer) for c, r in selected) / len(selected), 4) if selected else None

    pairs = list(zip(cases, results))
    with_key = lambda key: [(c, r) for c, r in pairs if key in c.expect]  # noqa: E731
    codes = lambda a: [g.get("code") for g in a.get("goals", [])]  # noqa: E731
    latencies = [r.latency_ms for r in results]
    answered = [len(str(r.answer.get("answer", ""))) for r in results if not r.answer.get("abstained")]
    return {
        "goal_hit@1": share(with_key("goals"), lambda c, a: bool(codes(a)[:1]) and codes(a)[0] in c.expect["goals"]),
        "goal_hit@3": share(with_key("goals"), lambda c, a: bool(set(codes(a)[:3]) & set(c.expect["goals"]))),
        "document_hit": share(with_key("documents"), lambda c, a: bool(
            {x.get("document") for x in a.get("citations", [])} & set(c.expect["documents"]))),
        "funding_hit": share(with_key("funding"), lambda c, a: any(
            _funding_matches(p.get("id", ""), e) for p in a.get("funding_paths", []) for e in c.expect["funding"])),
        "contains_pass": share(with_key("contains"), lambda c, a: all(
            s.lower() in a.get("answer", "").lower() for s in c.expect["contains"])),
        "funding_precision": share(with_key("not_funding"), lambda c, a: not any(
            _funding_matches(p, e) for p in _open_paths(a) for e in c.expect["not_funding"])),
        "summary_pass": share(with_key("summary_contains"), lambda c, a: all(
            s.lower() in str(a.get("summary") or "").lower() for s in c.expect["summary_contains"])),
        "intent_accuracy": share(with_key("intent"), lambda c, a: a.get("intent") == c.expect["intent"]),
        "abstain_accuracy": share(pairs, lambda c, a: bool(a.get("abstained")) == bool(c.expect.get("abstain", False))),
        "citation_validity": round(sum(validity) / len(validity), 4) if validity else None,
        "figure_traceability": round(sum(traceable) / len(traceable), 4) if traceable else None,
        "answer_chars_p50": round(float(np.percentile(answered, 50)), 1) if answered else None,
        "latency_ms_p50": round(float(np.percentile(latencies, 50)), 1) if latencies else None,
        "latency_ms_p95": round(float(np.percentile(latencies, 95)), 1) if latencies else None,
    }


def bound_violations(metrics: dict[str, float | None], bounds: dict[str, float]) -> list[str]:
    """`--fail-under METRIC=VALUE`: a lower bound; for latency metrics an upper bound (milliseconds)."""
    violations = []
    for name, bound in bounds.items():
        if name not in METRICS:
            raise SetError(f"unbekannte Kennzahl „{name}“ (bekannt: {', '.join(METRICS)})")
        value = metrics.get(name)
        if value is None:
            continue
        if (name in LOWER_IS_BETTER and value > bound) or (name not in LOWER_IS_BETTER and value < bound):
            violations.append(f"{name} = {value} verfehlt die Schranke {bound}")
    return violations


def compare_runs(old: dict[str, Any], new: dict[str, Any]) -> tuple[list[tuple[str, Any, Any, Any]], list[tuple[str, bool, bool]]]:
    deltas = []
    for name in METRICS:
        a, b = old["metrics"].get(name), new["metrics"].get(name)
        delta = round(b - a, 4) if isinstance(a, (int, float)) and isinstance(b, (int, float)) else None
        deltas.append((name, a, b, delta))
    before = {c["id"]: c["passed"] for c in old["cases"]}
    flipped = [(c["id"], before[c["id"]], c["passed"]) for c in new["cases"] if c["id"] in before and before[c["id"]] != c["passed"]]
    return deltas, flipped
