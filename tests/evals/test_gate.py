"""The CI quality gate: evals/gate.yaml names real set files and known metrics; bounds have the right direction."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from evals.harness import LOWER_IS_BETTER, METRICS, SetError, bound_violations, load_set

PROJECT_ROOT = Path(__file__).resolve().parents[2]
GATE = yaml.safe_load((PROJECT_ROOT / "evals" / "gate.yaml").read_text(encoding="utf-8"))


def test_gate_names_existing_loadable_set_files():
    assert GATE["sets"]
    for entry in GATE["sets"]:
        path = PROJECT_ROOT / entry["file"]
        assert path.is_file(), entry["file"]
        assert load_set(path).cases


def test_gate_uses_only_known_metrics_with_numeric_bounds():
    for entry in GATE["sets"]:
        assert entry["bounds"], entry["file"]
        for metric, bound in entry["bounds"].items():
            assert metric in METRICS, f"{entry['file']}: unbekannte Kennzahl {metric}"
            assert isinstance(bound, (int, float)) and not isinstance(bound, bool)
            if metric not in LOWER_IS_BETTER:
                assert 0 <= bound <= 1, (metric, bound)  # shares
            else:
                assert bound > 0, (metric, bound)


def test_gate_bounds_are_accepted_by_bound_violations():
    for entry in GATE["sets"]:
        assert bound_violations({}, entry["bounds"]) == []


def test_latency_and_length_metrics_are_upper_bounds():
    assert LOWER_IS_BETTER == {"latency_ms_p50", "latency_ms_p95", "answer_chars_p50"}
    for name in ("latency_ms_p50", "latency_ms_p95", "answer_chars_p50"):
        assert bound_violations({name: 900.0}, {name: 1000}) == []
        assert bound_violations({name: 1000.0}, {name: 1000}) == []
        violations = bound_violations({name: 1500.0}, {name: 1000})
        assert len(violations) == 1 and name in violations[0]


@pytest.mark.parametrize("name", [m for m in METRICS if m not in LOWER_IS_BETTER])
def test_other_metrics_are_lower_bounds(name):
    assert bound_violations({name: 0.95}, {name: 0.9}) == []
    assert bound_violations({name: 0.9}, {name: 0.9}) == []
    violations = bound_violations({name: 0.85}, {name: 0.9})
    assert len(violations) == 1 and name in violations[0] and "0.85" in violations[0]


def test_several_bounds_report_each_violation():
    metrics = {"goal_hit@3": 0.5, "document_hit": 1.0, "latency_ms_p95": 2000.0, "latency_ms_p50": 10.0}
    bounds = {"goal_hit@3": 0.9, "document_hit": 0.9, "latency_ms_p95": 1500, "latency_ms_p50": 100}
    violations = bound_violations(metrics, bounds)
    assert len(violations) == 2
    assert any("goal_hit@3" in v for v in violations) and any("latency_ms_p95" in v for v in violations)


def test_unknown_metric_is_a_german_error():
    with pytest.raises(SetError, match="unbekannte Kennzahl"):
        bound_violations({"goal_hit@3": 1.0}, {"goal_hit@5": 0.5})
