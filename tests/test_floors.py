"""The house has floors: a module imports only from its own floor or the floors below (function-level imports
included), `ingest/` uses only the lowest floors, and the import graph has no cycle."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = ("assistant", "ingest", "evals")

# Longest prefix wins. Floor 6 are the entry points that wire everything together.
FLOORS = {
    "assistant.core": 0, "assistant.text": 0,
    "assistant.embedding": 1, "assistant.index": 1, "ingest": 1.5,
    "assistant.retrieval": 2,
    "assistant.goals": 3, "assistant.funding": 3,
    "assistant.answer": 4,
    "assistant.export": 5, "assistant.feedback": 5, "assistant.api": 5, "assistant.web": 5, "evals": 5,
    "assistant.cli": 6, "assistant.api.app": 6, "evals.benchmarks": 6, "evals.gate": 6, "assistant": 6,
}


def floor(module: str) -> float:
    best = max((p for p in FLOORS if module == p or module.startswith(p + ".")), key=len)
    return FLOORS[best]


def modules() -> dict[str, Path]:
    found = {}
    for package in PACKAGES:
        for path in (ROOT / package).rglob("*.py"):
            name = ".".join(path.relative_to(ROOT).with_suffix("").parts)
            found[name.removesuffix(".__init__")] = path
    return found


def imports(name: str, path: Path, known: dict[str, Path]) -> set[str]:
    """Every project module `name` imports, at module level or inside functions."""
    base = name if path.name == "__init__.py" else name.rpartition(".")[0]
    targets: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            candidates = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            module = node.module or ""
            if node.level:
                prefix = base
                for _ in range(node.level - 1):
                    prefix = prefix.rpartition(".")[0]
                module = f"{prefix}.{module}" if module else prefix
            candidates = [module] + [f"{module}.{alias.name}" for alias in node.names]
        else:
            continue
        for candidate in candidates:
            while candidate and candidate not in known:
                candidate = candidate.rpartition(".")[0]
            if candidate and candidate != name and candidate.split(".")[0] in PACKAGES:
                targets.add(candidate)
    return targets


GRAPH = {name: imports(name, path, modules()) for name, path in modules().items()}


@pytest.mark.parametrize("name", sorted(GRAPH))
def test_no_module_imports_a_higher_floor(name):
    upward = [t for t in GRAPH[name] if floor(t) > floor(name)
              and not (name in ("assistant.api", "assistant.cli") and t.startswith(name + "."))]  # a package's own entry
    assert not upward, f"{name} (floor {floor(name)}) imports {upward}"


def test_ingest_uses_only_the_lowest_floors():
    allowed = ("assistant.core", "assistant.text", "assistant.embedding", "assistant.index", "ingest")
    wrong = {n: sorted(t for t in GRAPH[n] if not t.startswith(allowed)) for n in GRAPH if n.startswith("ingest")}
    assert not {n: t for n, t in wrong.items() if t}


def test_the_import_graph_has_no_cycle():
    state: dict[str, int] = {}
    path: list[str] = []

    def visit(node: str) -> None:
        state[node] = 1
        path.append(node)
        for target in GRAPH.get(node, ()):
            if state.get(target) == 1 and not (node.startswith(target + ".") or target.startswith(node + ".")):
                pytest.fail("Import cycle: " + " -> ".join(path[path.index(target):] + [target]))
            if target not in state:
                visit(target)
        path.pop()
        state[node] = 2

    for node in sorted(GRAPH):
        if node not in state:
            visit(node)


def test_every_module_has_a_floor():
    assert all(floor(name) is not None for name in GRAPH)
    assert floor("assistant.answer.pipeline") == 4 and floor("assistant.api.app") == 6 and floor("ingest.build") == 1.5
