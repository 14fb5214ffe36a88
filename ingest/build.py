"""Build the index: incremental, and safe.

A build is written into a new directory and switched in only when it has succeeded; a failed, killed or
interrupted build leaves the previous index serving. Unchanged documents are neither parsed nor embedded again;
a changed document replaces only its own passages; a removed one disappears; another embedder rebuilds all.
A document that fails to load is reported and, if an earlier version of it is indexed, that version is kept.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import time
import uuid
from dataclasses import asdict, dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Protocol

import numpy as np

from assistant.embedding.embedders import IdentifiedEmbeddings
from assistant.index.store import (
    BUILDS_DIR, INDEX_FORMAT, PIPELINE_VERSION, REGISTER_DIR, TEMPORARY_PREFIX, IndexSnapshot, IndexUnavailable,
    ingest_lock, removable_builds, remove_temporary_builds, switch_current,
)
from assistant.core.settings import Settings
from assistant.index.vectors import add_passages, chroma_client, create_collection
from ingest.enrichment import GoalProfiles
from ingest.register import SectionRegister, register_items
from ingest.keyword_index import build_keyword_indexes
from ingest.loaders import DocumentError, file_hash
from assistant.core.model import Goal, Passage, Source
from ingest.prepare import PreparedDocument, prepare_document
from ingest.sources import read_sources


class BuildProgress(Protocol):
    def document(self, source: Source, position: int, total: int) -> None: ...
    def prepared(self, source: Source, pages: int, passages: int, reused: bool) -> None: ...
    def embedding(self, done: int, total: int) -> None: ...
    def failed(self, error: DocumentError) -> None: ...


class _Silent:
    def document(self, source, position, total): pass  # noqa: ANN001, E704
    def prepared(self, source, pages, passages, reused): pass  # noqa: ANN001, E704
    def embedding(self, done, total): pass  # noqa: ANN001, E704
    def failed(self, error): pass  # noqa: ANN001, E704


@dataclass
class DocumentReport:
    id: str
    title: str
    pages: int
    passages: int
    status: str  # neu | geändert | unverändert | entfernt | fehlerhaft (alte Fassung bleibt) | fehlerhaft


@dataclass
class BuildReport:
    documents: list[DocumentReport] = field(default_factory=list)
    failures: list[DocumentError] = field(default_factory=list)
    switched: bool = False  # a new build is now current
    embedded: int = 0
    reused_vectors: int = 0
    passages: int = 0
    seconds: float = 0.0
    build_path: Path | None = None
    query_model: str = ""  # what answering queries needs, made once per machine (IdentifiedEmbeddings.prepare)

    @property
    def ok(self) -> bool:
        return not self.failures


def _digest(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()


def _previous(index_dir: Path) -> IndexSnapshot | None:
    try:
        return IndexSnapshot.open(index_dir)
    except IndexUnavailable:
        return None


def build_index(
    settings: Settings,
    embeddings: IdentifiedEmbeddings,
    *,
    corpus_dir: Path | None = None,
    rebuild: bool = False,
    progress: BuildProgress | None = None,
) -> BuildReport:
    """One ingest at a time per index directory; what a killed earlier one left (`builds/.tmp-*`) goes first."""
    with ingest_lock(settings.index_dir):
        remove_temporary_builds(settings.index_dir)
        report = _build_index(settings, embeddings, corpus_dir=corpus_dir, rebuild=rebuild, progress=progress)
    if report.build_path is not None:  # so that no server start and no first question waits for it
        report.query_model = embeddings.prepare()
    return report


def _build_index(settings: Settings, embeddings: IdentifiedEmbeddings, *, corpus_dir: Path | None, rebuild: bool,
                 progress: BuildProgress | None) -> BuildReport:
    started = time.perf_counter()
    progress = progress or _Silent()
    corpus_dir = corpus_dir or settings.corpus_dir
    index_dir = settings.index_dir
    report = BuildReport()

    previous = None if rebuild else _previous(index_dir)
    if previous is not None and previous.embedder != embeddings.identity:
        previous = None  # another embedder: nothing can be reused, everything is rebuilt
    profiles = GoalProfiles.load(corpus_dir)
    register = SectionRegister.load(corpus_dir) if settings.section_register else SectionRegister()
    # Unchanged documents are taken over whole only when the pipeline, the goal profiles and the section register are
    # the same; otherwise they are prepared again, and only passages whose search text changed are embedded again.
    previous_passages_valid = (
        previous is not None
        and previous.manifest.get("pipeline") == PIPELINE_VERSION
        and previous.manifest.get("profiles_hash") == profiles.content_hash
        and previous.manifest.get("register_hash", "") == register.content_hash
    )

    sources = read_sources(corpus_dir)
    kept: list[tuple[Source, dict, list[Passage], list[Goal], dict]] = []
    changed = previous is None
    for position, source in enumerate(sources, start=1):
        progress.document(source, position, len(sources))
        old_info = previous.manifest["documents"].get(source.id) if previous else None
        try:
            path = corpus_dir / source.path
            content_hash = file_hash(path) if path.is_file() else ""
            if old_info and previous_passages_valid and old_info["hash"] == content_hash and old_info["source"] == _source_record(source):
                passages, goals, document = _previous_parts(previous, source.id)
                kept.append((source, old_info, passages, goals, document))
                progress.prepared(source, old_info["pages"], len(passages), reused=True)
                report.documents.append(DocumentReport(source.id, source.label, old_info["pages"], len(passages), "unverändert"))
                continue
            prepared = prepare_document(source, corpus_dir, max_chars=settings.chunk_max_chars, min_chars=settings.chunk_min_chars)
        except DocumentError as error:
            report.failures.append(error)
            progress.failed(error)
            if old_info:
                passages, goals, document = _previous_parts(previous, source.id)
                kept.append((source, old_info, passages, goals, document))
                report.documents.append(DocumentReport(source.id, source.label, old_info["pages"], len(passages), "fehlerhaft (alte Fassung bleibt)"))
            else:
                report.documents.append(DocumentReport(source.id, source.label, 0, 0, "fehlerhaft"))
            continue
        changed = True
        profiles.enrich(prepared.passages)
        if settings.section_register:
            register.enrich(prepared.passages)
            profiles.enrich_register(prepared.passages)
        info = _document_info(source, prepared)
        kept.append((source, info, prepared.passages, prepared.goals, _document_text(prepared)))
        progress.prepared(source, prepared.pages, len(prepared.passages), reused=False)
        report.documents.append(DocumentReport(source.id, source.label, prepared.pages, len(prepared.passages), "geändert" if old_info else "neu"))

    if previous is not None:
        kept_ids = {source.id for source, *_ in kept}
        for doc_id, info in previous.manifest["documents"].items():
            if doc_id not in kept_ids:
                changed = True
                report.documents.append(DocumentReport(doc_id, info["title"], info["pages"], 0, "entfernt"))

    report.passages = sum(len(passages) for _, _, passages, _, _ in kept)
    if not changed and not rebuild:
        report.seconds = time.perf_counter() - started
        report.build_path = previous.path if previous else None
        return report
    if not kept:
        report.seconds = time.perf_counter() - started
        return report  # nothing indexable: the previous index (if any) stays

    report.build_path = _write_build(settings, embeddings, kept, previous, profiles, register, report, progress)
    switch_current(index_dir, report.build_path)
    report.switched = True
    _remove_old_builds(settings, report.build_path)
    report.seconds = time.perf_counter() - started
    return report


def _previous_parts(snapshot: IndexSnapshot, doc_id: str) -> tuple[list[Passage], list[Goal], dict]:
    """What the previous build holds of one document: passages, goals and cleaned text."""
    passages = [p for p in snapshot.passages if p.document == doc_id]
    goals = [Goal(**{k: v for k, v in g.items() if k != "document"}) for g in snapshot.goals.get("items", []) if g.get("document") == doc_id]
    document = snapshot.document(doc_id)
    return passages, goals, {"text": document.text, "page_starts": document.page_starts, "has_pages": document.has_pages,
                             "page_labels": document.page_labels}


def _document_text(prepared: PreparedDocument) -> dict:
    return {"text": prepared.clean.text, "page_starts": prepared.clean.page_starts, "has_pages": prepared.clean.has_pages,
            "page_labels": prepared.clean.page_labels}


def _source_record(source: Source) -> dict:
    """The sources.yaml entry as it is stored in the manifest (JSON types), to notice edited entries."""
    return json.loads(json.dumps(asdict(source), ensure_ascii=False))


def _document_info(source: Source, prepared: PreparedDocument) -> dict:
    return {
        "title": source.title, "short_title": source.label, "kind": source.kind, "path": source.path,
        "hash": prepared.clean.content_hash, "pages": prepared.pages, "passages": len(prepared.passages),
        "chars": len(prepared.clean.text), "sections": len(prepared.sections), "source": _source_record(source),
    }


def _embed(passages: list[Passage], embeddings: IdentifiedEmbeddings, previous: IndexSnapshot | None,
           batch_size: int, report: BuildReport, progress: BuildProgress) -> np.ndarray:
    """One row per passage; keyword-only passages keep a zero row (they are not in the collection)."""
    cache: dict[str, np.ndarray] = {}
    if previous is not None:
        vectors = previous.embeddings
        for index, passage in enumerate(previous.passages):
            if passage.dense:
                cache[_digest(passage.embedding_text)] = vectors[index]
    dense = [i for i, p in enumerate(passages) if p.dense]
    todo = [i for i in dense if _digest(passages[i].embedding_text) not in cache]
    report.reused_vectors = len(dense) - len(todo)
    report.embedded = len(todo)
    fresh: dict[int, np.ndarray] = {}
    progress.embedding(0, len(todo))
    for start in range(0, len(todo), batch_size):
        batch = todo[start : start + batch_size]
        vectors = embeddings.embed_passages([passages[i].embedding_text for i in batch])
        fresh.update(zip(batch, vectors))
        progress.embedding(min(start + batch_size, len(todo)), len(todo))
    if not dense:
        return np.zeros((len(passages), 0), np.float32)
    rows = {i: fresh[i] if i in fresh else cache[_digest(passages[i].embedding_text)] for i in dense}
    matrix = np.zeros((len(passages), len(next(iter(rows.values())))), dtype=np.float32)
    for i, vector in rows.items():
        matrix[i] = vector
    return matrix


def _write_register(directory: Path, passages: list[Passage], register: SectionRegister,
                    embeddings: IdentifiedEmbeddings, previous: IndexSnapshot | None) -> None:
    """The section register's vectors: one per phrase of each distinct register text (texts numbered in passage
    order, as retrieval numbers them). Phrases embedded by the previous build are taken over."""
    texts, phrases = register_items(passages)
    cache: dict[str, np.ndarray] = {}
    old = previous.path / REGISTER_DIR if previous is not None else None
    if old is not None and (old / "phrases.json").is_file():
        old_phrases = json.loads((old / "phrases.json").read_text(encoding="utf-8"))
        cache = dict(zip((phrase for _, phrase in old_phrases), np.load(old / "vectors.npy")))
    todo = list(dict.fromkeys(phrase for _, phrase in phrases if phrase not in cache))
    if todo:
        cache.update(zip(todo, embeddings.embed_passages(todo)))
    directory.mkdir()
    if texts:
        build_keyword_indexes(directory / "keyword", texts)  # BM25 over the distinct texts, numbered as above
    (directory / "phrases.json").write_text(json.dumps(phrases, ensure_ascii=False), encoding="utf-8")
    dimensions = len(next(iter(cache.values()))) if cache else 0
    np.save(directory / "vectors.npy", np.array([cache[phrase] for _, phrase in phrases], dtype=np.float32)
            .reshape(len(phrases), dimensions))


def _write_build(settings, embeddings, kept, previous, profiles, register, report, progress) -> Path:  # noqa: ANN001
    index_dir: Path = settings.index_dir
    builds = index_dir / BUILDS_DIR
    builds.mkdir(parents=True, exist_ok=True)
    build_id = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%S") + "-" + uuid.uuid4().hex[:6]
    temporary = builds / f"{TEMPORARY_PREFIX}{build_id}"
    final = builds / build_id
    try:
        temporary.mkdir()
        passages = [p for _, _, doc_passages, _, _ in kept for p in doc_passages]
        vectors = _embed(passages, embeddings, previous, settings.embedding_batch_size, report, progress)
        np.save(temporary / "embeddings.npy", vectors)
        with (temporary / "passages.jsonl").open("w", encoding="utf-8") as handle:
            for passage in passages:
                handle.write(json.dumps(asdict(passage), ensure_ascii=False) + "\n")
        (temporary / "documents").mkdir()
        for source, _, _, _, document in kept:
            (temporary / "documents" / f"{source.id}.json").write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
        goal_items = [dict(asdict(goal), document=source.id) for source, _, _, goals, _ in kept for goal in goals]
        (temporary / "goals.json").write_text(json.dumps({"items": goal_items}, ensure_ascii=False, indent=1), encoding="utf-8")
        build_keyword_indexes(temporary / "keyword", [p.keyword_text for p in passages])
        _write_register(temporary / REGISTER_DIR, passages, register, embeddings, previous)

        collection_name = settings.chroma_collection if not settings.chroma_url else f"{settings.chroma_collection}_{build_id.replace('-', '_')}"
        client = chroma_client(settings.chroma_url, temporary / "chroma")
        collection = create_collection(client, collection_name, embeddings.identity)
        rows = [i for i, p in enumerate(passages) if p.dense]
        add_passages(collection, [passages[i].chunk_id for i in rows], vectors[rows],
                     [passages[i].text for i in rows], [passages[i].metadata() for i in rows])

        manifest = {
            "format": INDEX_FORMAT,
            "pipeline": PIPELINE_VERSION,
            "build_id": build_id,
            "built_at": datetime.now(timezone.utc).isoformat(timespec="seconds"),
            "embedder": embeddings.identity,
            "dimensions": int(vectors.shape[1]) if vectors.size else 0,
            "chroma": {"url": settings.chroma_url, "collection": collection_name},
            "profiles_hash": profiles.content_hash,
            "register_hash": register.content_hash,
            "passages": len(passages),
            "documents": {source.id: info | {"passages": len(doc_passages)} for source, info, doc_passages, _, _ in kept},
        }
        # The manifest is written last: a build directory without one is incomplete by definition.
        (temporary / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False, indent=1), encoding="utf-8")
        temporary.rename(final)
        return final
    except BaseException:
        shutil.rmtree(temporary, ignore_errors=True)
        if settings.chroma_url:
            _drop_server_collection(settings, f"{settings.chroma_collection}_{build_id.replace('-', '_')}")
        raise


def _drop_server_collection(settings: Settings, name: str) -> None:
    try:
        chroma_client(settings.chroma_url, None).delete_collection(name)
    except Exception:  # the server may be gone; nothing else to clean
        pass


def _remove_old_builds(settings: Settings, keep: Path) -> None:
    """Older builds beyond IREK_INDEX_KEEP_BUILDS, except those a running server still reads (its lease)."""
    for path in removable_builds(settings.index_dir, settings.index_keep_builds, spare=[keep]):
        if settings.chroma_url and (path / "manifest.json").is_file():
            name = json.loads((path / "manifest.json").read_text(encoding="utf-8"))["chroma"]["collection"]
            _drop_server_collection(settings, name)
        shutil.rmtree(path, ignore_errors=True)
