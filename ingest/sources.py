"""Read corpus/sources.yaml; files in the corpus folder that it does not list are indexed under their file name."""

from __future__ import annotations

import re
from dataclasses import fields
from pathlib import Path

import yaml

from assistant.core.model import Source

SOURCES_FILE = "sources.yaml"
# Data files that live beside the documents but are not documents themselves.
_NOT_DOCUMENTS = {".yaml", ".yml", ".json"}
_ALLOWED_KEYS = {f.name for f in fields(Source)}
_LIST_KEYS = ("sources", "keyword_only_sections", "register_sections")


class SourcesError(ValueError):
    """sources.yaml cannot be used; the message says where and why, in German."""


def _slug(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-") or "dokument"


def read_sources(corpus_dir: Path) -> list[Source]:
    listed = _listed_sources(corpus_dir / SOURCES_FILE)
    known_paths = {(corpus_dir / s.path).resolve() for s in listed}
    known_ids = {s.id for s in listed}
    extra = []
    for path in sorted(corpus_dir.rglob("*")):
        if not path.is_file() or path.name.startswith(".") or path.suffix.lower() in _NOT_DOCUMENTS:
            continue
        if path.resolve() in known_paths:
            continue
        doc_id = _slug(path.stem)
        while doc_id in known_ids:
            doc_id += "-x"
        known_ids.add(doc_id)
        extra.append(Source(id=doc_id, title=path.name, path=str(path.relative_to(corpus_dir)), kind="unlisted"))
    return listed + extra


def _listed_sources(path: Path) -> list[Source]:
    if not path.exists():
        return []
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except (yaml.YAMLError, UnicodeDecodeError) as error:
        raise SourcesError(f"{path}: kein gültiges YAML ({error})") from None
    entries = data.get("documents", [])
    if not isinstance(entries, list):
        raise SourcesError(f"{path}: 'documents' muss eine Liste sein")
    sources, seen = [], set()
    for number, entry in enumerate(entries, start=1):
        if not isinstance(entry, dict) or not entry.get("id") or not entry.get("path") or not entry.get("title"):
            raise SourcesError(f"{path}: Eintrag {number} braucht mindestens 'id', 'title' und 'path'")
        unknown = set(entry) - _ALLOWED_KEYS
        if unknown:
            raise SourcesError(f"{path}: Eintrag '{entry['id']}' hat unbekannte Schlüssel: {', '.join(sorted(unknown))}")
        if entry["id"] in seen:
            raise SourcesError(f"{path}: die id '{entry['id']}' kommt doppelt vor")
        seen.add(entry["id"])
        entry = dict(entry)
        for key in _LIST_KEYS:
            value = entry.get(key) or ()
            if isinstance(value, str) or not all(isinstance(item, str) for item in value):
                raise SourcesError(f"{path}: '{key}' von '{entry['id']}' muss eine Liste von Texten sein")
            entry[key] = tuple(value)
        sources.append(Source(**{k: (str(v) if k not in _LIST_KEYS else v) for k, v in entry.items()}))
    return sources
