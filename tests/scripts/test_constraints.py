"""scripts/constraints.txt pins what scripts/setup installs: every distribution in the project's venv is pinned there,
at the version installed, so that a fresh machine gets the versions the tests passed with."""

from __future__ import annotations

import re
import sys
from importlib import metadata
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name
from packaging.version import Version

ROOT = Path(__file__).resolve().parents[2]
CONSTRAINTS = ROOT / "scripts" / "constraints.txt"
UNPINNED = {"pip", "setuptools", "wheel", "irek-assistent"}  # the installer and the project itself


def _pins() -> dict[str, str]:
    pins = {}
    for line in CONSTRAINTS.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            req = Requirement(line)
            (spec,) = req.specifier  # exactly one "==" per line
            assert spec.operator == "==", line
            pins[canonicalize_name(req.name)] = spec.version
    return pins


def test_every_line_is_one_exact_pin_and_torch_is_the_cpu_build_on_disk():
    pins = _pins()
    assert pins["torch"] == "2.13.0"
    assert len(pins) > 100


def test_setup_installs_under_the_constraints():
    setup = (ROOT / "scripts" / "setup").read_text(encoding="utf-8")
    installs = [l for l in setup.splitlines() if re.search(r"\bpip install\b", l)]
    assert installs and all("-c scripts/constraints.txt" in l for l in installs)


@pytest.mark.skipif(not sys.prefix.startswith(str(ROOT / ".venv")), reason="runs in the venv scripts/setup made")
def test_every_installed_distribution_is_pinned_at_its_installed_version():
    pins = _pins()
    unpinned, differing = [], []
    for dist in metadata.distributions():
        name = canonicalize_name(dist.metadata["Name"])
        if name in UNPINNED:
            continue
        if name not in pins:
            unpinned.append(name)
        elif Version(pins[name]) != Version(Version(dist.version).base_version if name == "torch" else dist.version):
            differing.append(f"{name} {dist.version} (pinned {pins[name]})")
    assert not unpinned, f"installed but not in scripts/constraints.txt: {sorted(unpinned)}"
    assert not differing, f"installed at another version than pinned: {differing}"
