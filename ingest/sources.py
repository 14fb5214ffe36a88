"""Read corpus/sources.yaml; files in the corpus folder that it does not list are indexed under their file name."""

from __future__ import annotations

import re
from pathlib import Path

from pydantic import model_validator

from assistant.core.curated import Curated, CuratedDataError, DataPathError, load
from assistant.core.model import Source

SOURCES_FILE = "sources.yaml"
# Data files that live beside the documents but are not documents themselves.
_NOT_DOCUMENTS = {".yaml", ".yml", ".json"}


class SourcesError(CuratedDataError):
    """sources.yaml cannot be used; the message says where and why, in German."""


class _SourcesFile(Curated):
    # Each entry is validated as the dataclass Source with this model's config (a plain dataclass takes the config
    # of the model around it, pydantic issue 10917): unknown keys are an error, lists must be lists of texts.
    documents: list[Source] = []

    @model_validator(mode="after")
    def _named_once(self) -> _SourcesFile:
        seen: set[str] = set()
        for number, source in enumerate(self.documents):
            for key in ("id", "title", "path"):
                if not getattr(source, key).strip():
                    raise DataPathError(("documents", number, key), "darf nicht leer sein")
            if source.id in seen:
                raise DataPathError(("documents", number, "id"), f"die Id „{source.id}“ kommt doppelt vor")
            seen.add(source.id)
        return self


def _slug(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-") or "dokument"


def read_sources(corpus_dir: Path) -> list[Source]:
    path = corpus_dir / SOURCES_FILE
    listed = load(path, _SourcesFile, label=str(path), error=SourcesError).documents if path.exists() else []
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
