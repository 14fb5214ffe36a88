"""A non-editable install (`pip install .`) ships the prompt templates, the curated rules, the tuned values and the web
page, and finds them from any working directory."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
pytestmark = pytest.mark.integration  # builds and installs the package (about 20 s)

PROBE = """
from assistant.core import paths
from assistant.answer.prompts import render_prompt
from assistant.funding.knowledge import FundingKnowledge
from assistant.retrieval.retriever import load_weights
from assistant.goals.matching import load_goal_weights
from assistant.answer.scope import ScopeThresholds
assert str(paths.PROMPTS_DIR).startswith(TARGET) and str(paths.KNOWLEDGE_DIR).startswith(TARGET), paths.PROMPTS_DIR
assert "Quellen" in render_prompt("system")
assert {p.id for p in FundingKnowledge.load().paths} >= {"grw-gewerbe", "leader"}
load_weights(); load_goal_weights(); ScopeThresholds.load()
assert (paths.WEB_STATIC_DIR / "index.html").is_file()
print("ok")
"""


def test_a_non_editable_install_finds_its_templates_rules_and_page(tmp_path):
    source, target = tmp_path / "source", tmp_path / "site"  # a copy: the build writes nothing into the repository
    source.mkdir()
    for name in ("pyproject.toml", "README.md"):
        shutil.copy2(ROOT / name, source / name)
    for name in ("assistant", "ingest", "evals", "prompts"):
        shutil.copytree(ROOT / name, source / name, ignore=shutil.ignore_patterns("__pycache__"))
    subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--no-build-isolation",
                    "--target", str(target), str(source)], check=True, cwd=tmp_path, timeout=300)
    probe = f"TARGET = {str(target)!r}\n" + PROBE
    result = subprocess.run([sys.executable, "-c", probe], cwd=tmp_path, capture_output=True, text=True, timeout=120,
                            env={"PYTHONPATH": str(target), "PATH": "/usr/bin:/bin"})
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "ok"
