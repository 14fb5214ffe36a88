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
from evals.stats import bootstrap_ratio, wilson

CASE_KEYS = {"id", "question", "history", "expect", "tags"}
EXPECT_KEYS = {"goals", "documents", "funding", "contains", "abstain", "not_funding", "summary_contains", "intent"}
_LIST_KEYS = ("goals", "documents", "funding", "contains", "not_funding", "summary_contains")
INTENTS = ("project", "eligibility", "amount", "procedure", "rule", "irek", "refusal")
METRICS = ["goal_hit@1", "goal_hit@3", "document_hit", "funding_hit", "funding_precision", "contains_pass",
           "summary_pass", "intent_accuracy", "abstain_accuracy", "citation_validity", "figure_traceability",
           "answer_chars_p50", "latency_ms_p50", "latency_ms_p95"]
LOWER_IS_BETTER = {"latency_ms_p50", "latency_ms_p95", "answer_chars_p50"}
# Metrics that are a share of cases: each case carrying the key passes or fails it (Wilson interval, McNemar test).
CASE_METRICS = ["goal_hit@1", "goal_hit@3", "document_hit", "funding_hit", "funding_precision", "contains_pass",
                "summary_pass", "intent_accuracy", "abstain_accuracy"]
# Metrics that are a share of units within cases (citations, figures): bootstrap interval, randomisation test.
RATIO_METRICS = ["citation_validity", "figure_traceability"]
RATE_METRICS = CASE_METRICS + RATIO_METRICS
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
    tags: list[str] = field(default_factory=list)
    checks: dict[str, bool] = field(default_factory=dict)  # per CASE_METRICS key the case carries: met or not
    ratios: dict[str, list[int]] = field(default_factory=dict)  # per RATIO_METRICS: [units met, units]

    def row(self) -> dict[str, Any]:
        """What the metrics are computed from; the same keys as a case of the stored JSON."""
        return {"checks": self.checks, "ratios": self.ratios, "latency_ms": self.latency_ms,
                "answer_chars": None if self.answer.get("abstained") else len(str(self.answer.get("answer", "")))}


@dataclass
class RunResult:
    set_name: str
    metrics: dict[str, float | None]
    cases: list[CaseResult]
    version: str = ""
    wall_s: float | None = None
    meta: dict[str, Any] = field(default_factory=dict)  # provenance (evals.provenance), filled in by the caller

    def to_json(self) -> dict[str, Any]:
        """contracts.md §3 (`set`, `metrics`, `cases` with `id`, `passed`, `failures`, `answer`) plus additions:
        `version`, `meta`, `intervals`, `cases_passed`, `by_tag`, and per case `tags`, `checks`, `ratios`,
        `summary`, `citations`, `answer_chars`."""
        rows = [c.row() for c in self.cases]
        return {
            "set": self.set_name,
            "version": self.version,
            "metrics": self.metrics,
            "intervals": intervals(rows),
            "cases_passed": pass_summary([c.passed for c in self.cases]),
            "by_tag": by_tag([c.tags for c in self.cases], [c.passed for c in self.cases], rows),
            "meta": self.meta | ({"wall_s": round(self.wall_s, 2)} if self.wall_s is not None else {}),
            "cases": [{"id": c.id, "passed": c.passed, "failures": c.failures, "answer": c.answer.get("answer", ""),
                       "question": c.question, "expect": c.expect, "latency_ms": round(c.latency_ms, 1),
                       "tags": c.tags, "checks": c.checks, "ratios": c.ratios,
                       "answer_chars": row["answer_chars"], "summary": str(c.answer.get("summary") or ""),
                       "citations": [{k: cit.get(k) for k in ("n", "document", "section", "page", "quote")}
                                     for cit in c.answer.get("citations", [])]}
                      for c, row in zip(self.cases, rows)],
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
    """German descriptions of every expectation the answer misses (empty when the case passes); the verdicts are
    those of case_checks, the descriptions say what came back."""
    checks, expect = case_checks(case, answer), case.expect
    failures = []
    if checks.get("goal_hit@3") is False:
        goals = [g.get("code") for g in answer.get("goals", [])][:3]
        failures.append(f"Ziele: erwartet eines von {expect['goals']} unter den ersten 3, erhalten {goals}")
    if checks.get("document_hit") is False:
        documents = sorted({c.get("document") for c in answer.get("citations", [])} - {None, ""})
        failures.append(f"Dokumente: erwartet ein Zitat aus {expect['documents']}, erhalten {documents}")
    if checks.get("funding_hit") is False:
        paths = [p.get("id", "") for p in answer.get("funding_paths", [])]
        failures.append(f"Förderwege: erwartet einer von {expect['funding']}, erhalten {paths}")
    if checks.get("contains_pass") is False:
        text = answer.get("answer", "").lower()
        failures.append(f"Antworttext enthält nicht: {[s for s in expect['contains'] if s.lower() not in text]}")
    if checks["abstain_accuracy"] is False:
        failures.append(f"abstained: erwartet {bool(expect.get('abstain', False))}, erhalten {bool(answer.get('abstained'))}")
    if checks.get("funding_precision") is False:
        wrong = [p for p in _open_paths(answer) if any(_funding_matches(p, e) for e in expect["not_funding"])]
        failures.append(f"Förderwege: {wrong} als offen angeboten, obwohl ausgeschlossen")
    if checks.get("summary_pass") is False:
        summary = str(answer.get("summary") or "").lower()
        missing = [s for s in expect["summary_contains"] if s.lower() not in summary]
        failures.append(f"Kurzantwort (summary) enthält nicht: {missing}")
    if checks.get("intent_accuracy") is False:
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
    started_run = time.perf_counter()
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
        traced = figure_checks(answer)
        if not all(checks):
            failures.append(f"Zitate: {checks.count(False)} von {len(checks)} nicht wörtlich belegt oder nicht verwendet")
        ratios = {"citation_validity": [sum(checks), len(checks)], "figure_traceability": [sum(traced), len(traced)]}
        results.append(CaseResult(case.id, not failures, failures, answer, latency, case.question, case.expect,
                                  list(case.tags), case_checks(case, answer), ratios))
        if progress:
            progress(index, len(eval_set.cases))
    wall = time.perf_counter() - started_run
    return RunResult(eval_set.name, compute_metrics([r.row() for r in results]), results, eval_set.version, wall)


def case_checks(case: Case, answer: dict[str, Any]) -> dict[str, bool]:
    """Per metric of CASE_METRICS whose key the case carries: whether the answer meets it."""
    expect = case.expect
    codes = [g.get("code") for g in answer.get("goals", [])]
    checks = {"abstain_accuracy": bool(answer.get("abstained")) == bool(expect.get("abstain", False))}
    if "goals" in expect:
        checks["goal_hit@1"] = bool(codes[:1]) and codes[0] in expect["goals"]
        checks["goal_hit@3"] = bool(set(codes[:3]) & set(expect["goals"]))
    if "documents" in expect:
        checks["document_hit"] = bool({x.get("document") for x in answer.get("citations", [])} & set(expect["documents"]))
    if "funding" in expect:
        checks["funding_hit"] = any(_funding_matches(p.get("id", ""), e)
                                    for p in answer.get("funding_paths", []) for e in expect["funding"])
    if "contains" in expect:
        checks["contains_pass"] = all(s.lower() in answer.get("answer", "").lower() for s in expect["contains"])
    if "not_funding" in expect:
        checks["funding_precision"] = not any(_funding_matches(p, e) for p in _open_paths(answer)
                                              for e in expect["not_funding"])
    if "summary_contains" in expect:
        summary = str(answer.get("summary") or "").lower()
        checks["summary_pass"] = all(s.lower() in summary for s in expect["summary_contains"])
    if "intent" in expect:
        checks["intent_accuracy"] = answer.get("intent") == expect["intent"]
    return {name: checks[name] for name in CASE_METRICS if name in checks}


def compute_metrics(rows: list[dict[str, Any]]) -> dict[str, float | None]:
    """The metrics of contracts.md §3 from per-case rows (CaseResult.row() or a case of a stored run)."""
    metrics: dict[str, float | None] = {}
    for name in CASE_METRICS:
        values = [r["checks"][name] for r in rows if name in r.get("checks", {})]
        metrics[name] = round(sum(values) / len(values), 4) if values else None
    for name in RATIO_METRICS:
        met, total = (sum(r.get("ratios", {}).get(name, [0, 0])[i] for r in rows) for i in (0, 1))
        metrics[name] = round(met / total, 4) if total else None
    latencies = [r["latency_ms"] for r in rows if r.get("latency_ms") is not None]
    answered = [r["answer_chars"] for r in rows if r.get("answer_chars") is not None]
    metrics["answer_chars_p50"] = round(float(np.percentile(answered, 50)), 1) if answered else None
    metrics["latency_ms_p50"] = round(float(np.percentile(latencies, 50)), 1) if latencies else None
    metrics["latency_ms_p95"] = round(float(np.percentile(latencies, 95)), 1) if latencies else None
    return {name: metrics[name] for name in METRICS}


def intervals(rows: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """95 % interval of every rate metric that has cases: Wilson for shares of cases, bootstrap over cases for the
    ratio metrics. Each entry: low, high, method, n (cases, or units for a ratio), k (met)."""
    found: dict[str, dict[str, Any]] = {}
    for name in CASE_METRICS:
        values = [r["checks"][name] for r in rows if name in r.get("checks", {})]
        bounds = wilson(sum(values), len(values))
        if bounds:
            found[name] = {"low": round(bounds[0], 4), "high": round(bounds[1], 4), "method": "wilson",
                           "k": sum(values), "n": len(values)}
    for name in RATIO_METRICS:
        units = [tuple(r["ratios"][name]) for r in rows if name in r.get("ratios", {})]
        bounds = bootstrap_ratio(units)
        if bounds:
            found[name] = {"low": round(bounds[0], 4), "high": round(bounds[1], 4), "method": "bootstrap",
                           "k": sum(u[0] for u in units), "n": sum(u[1] for u in units),
                           "cases": sum(1 for u in units if u[1])}
    return found


def pass_summary(passed: list[bool]) -> dict[str, Any]:
    """Cases passed, with the share's Wilson interval."""
    bounds = wilson(sum(passed), len(passed)) or (None, None)
    return {"passed": sum(passed), "total": len(passed),
            "low": None if bounds[0] is None else round(bounds[0], 4),
            "high": None if bounds[1] is None else round(bounds[1], 4)}


def by_tag(tags: list[list[str]], passed: list[bool], rows: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """Per tag of the set: cases passed, the metrics and their intervals over the cases carrying the tag."""
    found: dict[str, dict[str, Any]] = {}
    for tag in sorted({t for case_tags in tags for t in case_tags}):
        chosen = [i for i, case_tags in enumerate(tags) if tag in case_tags]
        subset = [rows[i] for i in chosen]
        found[tag] = {"cases_passed": pass_summary([passed[i] for i in chosen]), "metrics": compute_metrics(subset),
                      "intervals": intervals(subset)}
    return found


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


def paired_tests(old: dict[str, Any], new: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """Per rate metric (and `cases_passed`), a paired test over the cases both runs hold (matched by id):
    exact McNemar on the cases that flipped for case metrics and for pass/fail, a paired randomisation test for the
    ratio metrics. Each entry: method, shared (cases both runs measured), gained (fail→pass), lost (pass→fail), p,
    and p_worse (one-sided: the new run is worse). Metrics that neither run measured per case (runs stored before
    per-case checks existed) are left out."""
    from evals.stats import mcnemar_exact, mcnemar_worse, paired_permutation

    before = {c["id"]: c for c in old.get("cases", [])}
    shared = [(before[c["id"]], c) for c in new.get("cases", []) if c["id"] in before]
    found: dict[str, dict[str, Any]] = {}

    def mcnemar(pairs: list[tuple[bool, bool]]) -> dict[str, Any]:
        gained = sum(1 for a, b in pairs if not a and b)
        lost = sum(1 for a, b in pairs if a and not b)
        return {"method": "mcnemar-exact", "shared": len(pairs), "gained": gained, "lost": lost,
                "p": round(mcnemar_exact(gained, lost), 4), "p_worse": round(mcnemar_worse(gained, lost), 4)}

    found["cases_passed"] = mcnemar([(bool(a["passed"]), bool(b["passed"])) for a, b in shared])
    for name in CASE_METRICS:
        pairs = [(a["checks"][name], b["checks"][name]) for a, b in shared
                 if name in (a.get("checks") or {}) and name in (b.get("checks") or {})]
        if pairs:
            found[name] = mcnemar(pairs)
    for name in RATIO_METRICS:
        units = [(tuple(a["ratios"][name]), tuple(b["ratios"][name])) for a, b in shared
                 if name in (a.get("ratios") or {}) and name in (b.get("ratios") or {})]
        p = paired_permutation([u[0] for u in units], [u[1] for u in units]) if units else None
        if p is not None:
            p_worse = paired_permutation([u[0] for u in units], [u[1] for u in units], one_sided_worse=True)
            found[name] = {"method": "permutation", "shared": len(units),
                           "gained": sum(1 for a, b in units if b[1] and a[1] and b[0] / b[1] > a[0] / a[1]),
                           "lost": sum(1 for a, b in units if b[1] and a[1] and b[0] / b[1] < a[0] / a[1]),
                           "p": round(p, 4), "p_worse": round(p_worse, 4)}
    return found


def flipped_checks(old_case: dict[str, Any], new_case: dict[str, Any]) -> list[str]:
    """The case metrics whose check changed between the two runs of one case (e.g. ["goal_hit@3"])."""
    a, b = old_case.get("checks") or {}, new_case.get("checks") or {}
    return [name for name in CASE_METRICS if name in a and name in b and a[name] != b[name]]


def significance_violations(old: dict[str, Any], new: dict[str, Any], metrics: list[str], alpha: float) -> list[str]:
    """Against a stored baseline run: every metric of `metrics` that is significantly worse (one-sided p < alpha)."""
    unknown = [m for m in metrics if m not in RATE_METRICS and m != "cases_passed"]
    if unknown:
        raise SetError(f"kein Test für „{', '.join(unknown)}“ (möglich: cases_passed, {', '.join(RATE_METRICS)})")
    tests = paired_tests(old, new)
    violations = []
    for name in metrics:
        test = tests.get(name)
        if test and test["p_worse"] < alpha:
            violations.append(f"{name} signifikant schlechter als die Basis (p = {test['p_worse']:.4f} < {alpha}; "
                              f"{test['lost']} Fälle verloren, {test['gained']} gewonnen, {test['shared']} gemeinsam)")
    return violations
