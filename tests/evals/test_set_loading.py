"""Loading evaluation sets (contracts.md §3): malformed files get a clear German message naming case and key;
the real sets evals/sets/dev.yaml and heldout.yaml load and cover what they must."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
import yaml

from evals.harness import SetError, load_set

PROJECT_ROOT = Path(__file__).resolve().parents[2]
SETS_DIR = PROJECT_ROOT / "evals" / "sets"
GOALS_FILE = PROJECT_ROOT / "tests" / "ingest" / "data" / "irek_goals.yaml"  # the hand-checked goal list
FUNDING_FILE = PROJECT_ROOT / "assistant" / "knowledge" / "funding_paths.yaml"
SOURCES_FILE = PROJECT_ROOT / "corpus" / "sources.yaml"

GOOD = """\
name: probe
cases:
  - id: ok-1
    question: "Welches Ziel passt zu einem Gewerbegebiet?"
    expect:
      goals: ["2.3.1"]
"""


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "set.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def load_error(tmp_path: Path, text: str) -> str:
    path = write(tmp_path, text)
    with pytest.raises(SetError) as info:
        load_set(path)
    message = str(info.value)
    assert str(path) in message or path.name in message, "the message names the file"
    assert "Traceback" not in message
    return message


def with_case(body: str) -> str:
    """GOOD plus a second case given as YAML lines (indented under '  - ')."""
    return GOOD + body


def test_a_good_set_loads(tmp_path):
    eval_set = load_set(write(tmp_path, GOOD))
    assert eval_set.name == "probe"
    assert [(c.id, c.question, c.history, c.expect) for c in eval_set.cases] == [
        ("ok-1", "Welches Ziel passt zu einem Gewerbegebiet?", [], {"goals": ["2.3.1"]})]


def test_history_and_all_expect_keys_load(tmp_path):
    text = with_case("""\
  - id: full
    question: "Und der Fördersatz?"
    history:
      - role: user
        content: "Wir sind ein Maschinenbauer."
      - role: assistant
        content: "Das passt zu 1.1.2."
    expect:
      goals: ["1.1.2"]
      documents: ["grw"]
      funding: ["grw-gewerbe"]
      contains: ["Prozent"]
      abstain: false
""")
    full = load_set(write(tmp_path, text)).cases[1]
    assert full.history == [{"role": "user", "content": "Wir sind ein Maschinenbauer."},
                            {"role": "assistant", "content": "Das passt zu 1.1.2."}]
    assert full.expect == {"goals": ["1.1.2"], "documents": ["grw"], "funding": ["grw-gewerbe"], "contains": ["Prozent"],
                           "abstain": False}


def test_missing_id_names_the_case_position_and_key(tmp_path):
    message = load_error(tmp_path, with_case("""\
  - question: "Ohne id?"
"""))
    assert "Fall 2" in message and "'id'" in message and "fehlt" in message


def test_duplicate_id_names_the_id(tmp_path):
    message = load_error(tmp_path, with_case("""\
  - id: ok-1
    question: "Noch einmal dieselbe id"
"""))
    assert "ok-1" in message and "doppelt" in message


def test_unknown_case_key_is_reported_with_case_and_key(tmp_path):
    message = load_error(tmp_path, with_case("""\
  - id: tippfehler
    question: "Frage"
    expected:
      goals: ["1.1.1"]
"""))
    assert "tippfehler" in message and "expected" in message and "unbekannt" in message


def test_unknown_expect_key_is_reported_with_case_and_key(tmp_path):
    message = load_error(tmp_path, with_case("""\
  - id: ziel-tippfehler
    question: "Frage"
    expect:
      goal: ["1.1.1"]
"""))
    assert "ziel-tippfehler" in message and "goal" in message and "unbekannt" in message


def test_missing_question_is_reported(tmp_path):
    message = load_error(tmp_path, with_case("""\
  - id: stumm
    expect: {abstain: true}
"""))
    assert "stumm" in message and "question" in message


@pytest.mark.parametrize(("expect_yaml", "key"), [
    ('goals: "1.1.1"', "goals"),
    ("goals: {a: 1}", "goals"),
    ("documents: irek", "documents"),
    ("funding: grw-gewerbe", "funding"),
    ("contains: Wasserstoff", "contains"),
    ("contains: [[Wasserstoff]]", "contains"),
    ('abstain: "ja"', "abstain"),
    ('abstain: "false"', "abstain"),
    ("abstain: 1", "abstain"),
    ("abstain: [true]", "abstain"),
])
def test_wrong_types_under_expect(tmp_path, expect_yaml, key):
    message = load_error(tmp_path, with_case(f"""\
  - id: typfehler
    question: "Frage"
    expect:
      {expect_yaml}
"""))
    assert "typfehler" in message and key in message


@pytest.mark.parametrize("history_yaml", [
    'history: "Wir sind ein Maschinenbauer."',
    "history: [Wir sind ein Maschinenbauer.]",
    "history: [{role: system, content: Du bist ein Bot.}]",
    "history: [{role: user}]",
    "history: [{role: user, content: [a, b]}]",
    "history: [{content: Hallo}]",
])
def test_malformed_history(tmp_path, history_yaml):
    message = load_error(tmp_path, with_case(f"""\
  - id: verlauf
    question: "Und dann?"
    {history_yaml}
"""))
    assert "verlauf" in message and "history" in message


@pytest.mark.parametrize("line", ["history: {}", 'history: ""', "expect: []", "expect: false"])
def test_empty_values_of_the_wrong_type(tmp_path, line):
    message = load_error(tmp_path, with_case(f"""\
  - id: leer
    question: "Frage"
    {line}
"""))
    assert "leer" in message


def test_invalid_yaml(tmp_path):
    message = load_error(tmp_path, "name: kaputt\ncases:\n  - id: a\n    question: \"offen\n  - id: [\n")
    assert "YAML" in message


@pytest.mark.parametrize("text", ["- id: a\n  question: b\n", "name: x\n", "name: x\ncases: {a: 1}\n"])
def test_no_cases_list(tmp_path, text):
    assert "cases" in load_error(tmp_path, text)


def test_unknown_top_level_key(tmp_path):
    message = load_error(tmp_path, GOOD.replace("name: probe", "name: probe\nversio: 2"))
    assert "versio" in message


def test_a_case_that_is_not_an_object(tmp_path):
    message = load_error(tmp_path, with_case('  - "nur eine Frage"\n'))
    assert "Fall 2" in message


# -- the real sets -----------------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def real_sets():
    return {name: load_set(SETS_DIR / f"{name}.yaml") for name in ("dev", "heldout")}


@pytest.fixture(scope="module")
def handlungsziele() -> set[str]:
    codes = set(yaml.safe_load(GOALS_FILE.read_text(encoding="utf-8"))["handlungsziele"])
    assert len(codes) == 55
    return codes


def all_cases(real_sets):
    return [c for s in real_sets.values() for c in s.cases]


def test_real_sets_load_with_their_names(real_sets):
    assert real_sets["dev"].name == "dev" and real_sets["heldout"].name == "heldout"
    assert real_sets["dev"].cases and real_sets["heldout"].cases


def test_real_sets_have_at_least_150_cases(real_sets):
    assert len(all_cases(real_sets)) >= 150


def test_every_handlungsziel_is_covered_at_least_twice(real_sets, handlungsziele):
    counts = Counter(g for c in all_cases(real_sets) for g in c.expect.get("goals", []))
    thin = {code: counts[code] for code in sorted(handlungsziele) if counts[code] < 2}
    assert not thin, f"Handlungsziele mit weniger als 2 Fällen: {thin}"


def test_expected_goals_are_handlungsziele(real_sets, handlungsziele):
    unknown = {c.id: g for c in all_cases(real_sets) for g in c.expect.get("goals", []) if g not in handlungsziele}
    assert not unknown


def test_at_least_25_abstain_cases(real_sets):
    assert sum(c.expect.get("abstain") is True for c in all_cases(real_sets)) >= 25


def test_there_are_history_cases(real_sets):
    with_history = [c for c in all_cases(real_sets) if c.history]
    assert with_history
    assert all(t["role"] in ("user", "assistant") and t["content"].strip() for c in with_history for t in c.history)


def test_no_case_id_in_both_sets(real_sets):
    assert not {c.id for c in real_sets["dev"].cases} & {c.id for c in real_sets["heldout"].cases}


def test_expected_funding_paths_and_documents_exist(real_sets):
    def ids(node):
        if isinstance(node, dict):
            if isinstance(node.get("id"), str):
                yield node["id"]
            for value in node.values():
                yield from ids(value)
        elif isinstance(node, list):
            for value in node:
                yield from ids(value)

    funding_ids = set(ids(yaml.safe_load(FUNDING_FILE.read_text(encoding="utf-8"))["paths"]))
    documents = {d["id"] for d in yaml.safe_load(SOURCES_FILE.read_text(encoding="utf-8"))["documents"]}
    for case in all_cases(real_sets):
        assert set(case.expect.get("funding", [])) <= funding_ids, case.id
        assert set(case.expect.get("documents", [])) <= documents, case.id


# -- the outsider sets (written blind; split before any run) ---------------------------------------------------------

@pytest.fixture(scope="module")
def outsider_sets():
    return {name: load_set(SETS_DIR / f"outsider-{name}.yaml") for name in ("dev", "heldout")}


def test_outsider_sets_load_and_are_split_without_overlap(outsider_sets, handlungsziele):
    dev, held = outsider_sets["dev"], outsider_sets["heldout"]
    assert len(dev.cases) + len(held.cases) >= 400 and len(held.cases) > len(dev.cases)
    assert dev.version and dev.version == held.version
    assert not {c.id for c in dev.cases} & {c.id for c in held.cases}
    cases = dev.cases + held.cases
    assert all("outsider" in c.tags for c in cases)
    assert {g for c in cases for g in c.expect.get("goals", [])} <= handlungsziele
    funding_ids = {p["id"].split("/")[0] for p in yaml.safe_load(FUNDING_FILE.read_text(encoding="utf-8"))["paths"]}
    assert {p for c in cases for p in c.expect.get("funding", []) + c.expect.get("not_funding", [])} <= funding_ids
