"""The on-disk index: layout, reading, and the atomic switch between builds.

index_dir/
  current -> builds/<build_id>      symlink, replaced atomically when a build has succeeded
  leases/<host>-<pid>.json         the builds a running server still reads (kept by the ingest's clean-up)
  .ingest.lock                     held by the ingest that is writing (one at a time)
  builds/<build_id>/
    manifest.json                  documents (hash, pages, passages), embedder, build time
    passages.jsonl                 every passage with its metadata, in index order
    embeddings.npy                 float32 vectors in passage order (reused by incremental builds)
    goals.json                     the IREK goal catalogue
    documents/<id>.json            cleaned text and page offsets of each document (source view, quote checks)
    keyword/words, keyword/ngrams  bm25s indexes over German stems and compound n-grams
    register/phrases.json          the section register's phrases as [text number, phrase] (texts: the distinct
    register/vectors.npy           register texts of the passages, in passage order) and one vector per phrase
    register/keyword/words, ngrams bm25s indexes over those distinct register texts
    chroma/                        the Chroma store (when no Chroma server is configured)
"""

from __future__ import annotations

import fcntl
import json
import os
import shutil
import socket
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

import numpy as np

from assistant.core.model import Passage, page_for_offset

INDEX_FORMAT = 1
# Bump when cleaning, structure or chunking change what a document turns into.
PIPELINE_VERSION = "2026-12-07.2"  # footnotes stand where the section of their marker ends
CURRENT_LINK = "current"
BUILDS_DIR = "builds"
LEASES_DIR = "leases"
TEMPORARY_PREFIX = ".tmp-"
LEASE_STALE_S = 24 * 3600  # a lease of another host that has not been renewed for a day is ignored
REGISTER_DIR = "register"


class IndexUnavailable(RuntimeError):
    """No usable index; the message tells the user what to do, in German. `public` is the same without file paths
    (what the HTTP API may show)."""

    def __init__(self, message: str, public: str | None = None) -> None:
        super().__init__(message)
        self.public = public or message


def missing_index_message(index_dir: Path) -> str:
    return f"Kein nutzbarer Index in „{index_dir}“. Bitte zuerst `irek ingest` ausführen."


def _where(index_dir: Path | None) -> str:
    return f"in „{index_dir}“" if index_dir is not None else "im Indexverzeichnis"


def current_build(index_dir: Path) -> Path | None:
    link = index_dir / CURRENT_LINK
    if not link.exists():
        return None
    return link.resolve()


def switch_current(index_dir: Path, build_dir: Path) -> None:
    """Point `current` at build_dir in one atomic rename; readers see either the old or the new build."""
    temporary = index_dir / f".{CURRENT_LINK}.{os.getpid()}"
    if temporary.is_symlink() or temporary.exists():
        temporary.unlink()
    temporary.symlink_to(build_dir.relative_to(index_dir))
    os.replace(temporary, index_dir / CURRENT_LINK)


# -- builds in use, and the clean-up that spares them --------------------------------------------------------------------

def _lease_file(index_dir: Path) -> Path:
    return index_dir / LEASES_DIR / f"{socket.gethostname()}-{os.getpid()}.json"


def write_lease(index_dir: Path, build_ids: Iterable[str]) -> None:
    """Record (atomically) which builds this process reads; the ingest removes none of them."""
    path = _lease_file(index_dir)
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_suffix(".tmp")
    temporary.write_text(json.dumps({"host": socket.gethostname(), "pid": os.getpid(),
                                     "builds": sorted(set(build_ids))}), encoding="utf-8")
    os.replace(temporary, path)


def renew_lease(index_dir: Path) -> None:
    try:
        os.utime(_lease_file(index_dir))
    except OSError:
        pass


def remove_lease(index_dir: Path) -> None:
    _lease_file(index_dir).unlink(missing_ok=True)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def builds_in_use(index_dir: Path) -> set[str]:
    """Build ids named by the leases of live servers; leases of ended processes on this host are removed."""
    used: set[str] = set()
    folder = index_dir / LEASES_DIR
    if not folder.is_dir():
        return used
    host = socket.gethostname()
    for path in folder.glob("*.json"):
        try:
            lease = json.loads(path.read_text(encoding="utf-8"))
            age = time.time() - path.stat().st_mtime
        except (OSError, ValueError):
            continue
        if lease.get("host") == host:
            if not _alive(int(lease.get("pid", 0))):
                path.unlink(missing_ok=True)
                continue
        elif age > LEASE_STALE_S:
            continue
        used.update(str(b) for b in lease.get("builds", []))
    return used


def removable_builds(index_dir: Path, keep: int, spare: Iterable[Path] = ()) -> list[Path]:
    """Finished builds that may go: not current, not spared, not among the `keep` newest, not leased by a server."""
    builds = index_dir / BUILDS_DIR
    if not builds.is_dir():
        return []
    finished = sorted((p for p in builds.iterdir() if p.is_dir() and not p.name.startswith(TEMPORARY_PREFIX)),
                      key=_finished_at, reverse=True)
    current = current_build(index_dir)
    kept = {p.resolve() for p in spare} | ({current} if current else set())
    kept.update(p.resolve() for p in finished[:keep])
    leased = builds_in_use(index_dir)
    return [p for p in finished if p.resolve() not in kept and p.name not in leased]


def _finished_at(build: Path) -> int:
    """When a build was completed: its manifest is written last (a build without one sorts oldest)."""
    try:
        return (build / "manifest.json").stat().st_mtime_ns
    except OSError:
        return 0


def remove_temporary_builds(index_dir: Path) -> list[Path]:
    """Remove what killed builds left behind (`builds/.tmp-*`); call it holding `ingest_lock`."""
    builds = index_dir / BUILDS_DIR
    removed = [p for p in builds.glob(f"{TEMPORARY_PREFIX}*")] if builds.is_dir() else []
    for path in removed:
        shutil.rmtree(path, ignore_errors=True)
    return removed


@contextmanager
def ingest_lock(index_dir: Path) -> Iterator[None]:
    """One writer at a time per index directory; the lock ends with the process, also when it is killed."""
    index_dir.mkdir(parents=True, exist_ok=True)
    with open(index_dir / ".ingest.lock", "a+b") as handle:
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle.fileno(), fcntl.LOCK_UN)


@dataclass
class IndexedDocument:
    id: str
    text: str
    page_starts: list[int]
    has_pages: bool
    page_labels: list[str | None] = field(default_factory=list)

    def page_at(self, offset: int) -> int | None:
        return page_for_offset(self.page_starts, offset) if self.has_pages else None


@dataclass
class IndexSnapshot:
    """One built index, read from disk. Heavy parts (keyword indexes, Chroma) load on first use."""

    path: Path
    manifest: dict[str, Any]
    passages: list[Passage]
    goals: dict[str, Any]
    _documents: dict[str, IndexedDocument] = field(default_factory=dict)

    @classmethod
    def open(cls, index_dir: Path) -> "IndexSnapshot":
        build = current_build(index_dir)
        if build is None or not (build / "manifest.json").is_file():
            raise IndexUnavailable(missing_index_message(index_dir),
                                   "Kein nutzbarer Index im Indexverzeichnis. Bitte zuerst `irek ingest` ausführen.")
        return cls.open_build(build, index_dir)

    @classmethod
    def open_build(cls, build: Path, index_dir: Path | None = None) -> "IndexSnapshot":
        """One build directory, read whole: passages, goals and every document's text (never read lazily later from
        a directory that a later ingest may remove)."""

        def unavailable(text: str) -> IndexUnavailable:
            return IndexUnavailable(f"Der Index {_where(index_dir)} {text}", f"Der Index im Indexverzeichnis {text}")

        try:
            manifest = json.loads((build / "manifest.json").read_text(encoding="utf-8"))
            if manifest.get("format") != INDEX_FORMAT:
                raise unavailable("hat ein veraltetes Format. Bitte `irek ingest --rebuild` ausführen.")
            passages = [Passage(**json.loads(line)) for line in (build / "passages.jsonl").read_text(encoding="utf-8").splitlines() if line]
            goals = json.loads((build / "goals.json").read_text(encoding="utf-8"))
            snapshot = cls(build, manifest, passages, goals)
            for doc_id in manifest.get("documents", {}):
                snapshot.document(doc_id)
        except IndexUnavailable:
            raise
        except (OSError, ValueError, TypeError, KeyError) as error:
            raise unavailable(f"ist unvollständig oder beschädigt ({type(error).__name__}). "
                              "Bitte `irek ingest --rebuild` ausführen.") from None
        return snapshot

    @property
    def build_id(self) -> str:
        return str(self.manifest.get("build_id") or self.path.name)

    @property
    def embedder(self) -> str:
        return self.manifest["embedder"]

    @cached_property
    def embeddings(self) -> np.ndarray:
        return np.load(self.path / "embeddings.npy")

    @cached_property
    def by_chunk_id(self) -> dict[str, int]:
        """chunk id -> row of the passage (and of its vector in embeddings.npy)."""
        return {p.chunk_id: i for i, p in enumerate(self.passages)}

    def passage(self, chunk_id: str) -> Passage | None:
        row = self.by_chunk_id.get(chunk_id)
        return None if row is None else self.passages[row]

    def document(self, doc_id: str) -> IndexedDocument:
        if doc_id not in self._documents:
            data = json.loads((self.path / "documents" / f"{doc_id}.json").read_text(encoding="utf-8"))
            self._documents[doc_id] = IndexedDocument(doc_id, data["text"], data["page_starts"], data["has_pages"],
                                                      data.get("page_labels", []))
        return self._documents[doc_id]

    def locate(self, passage: Passage, quote: str) -> tuple[int | None, str]:
        """The PDF page and printed page label where `quote` stands inside `passage`."""
        offset = passage.text.find(quote)
        if offset < 0 or passage.page_start is None or passage.page_start == passage.page_end:
            return passage.page_start, passage.page_label
        document = self.document(passage.document)
        page = document.page_at(passage.start + offset)
        labels = document.page_labels
        label = labels[page - 1] if page and page <= len(labels) and labels[page - 1] else ""
        return page, label

    def documents_summary(self) -> list[dict[str, Any]]:
        return [dict(id=doc_id, **info) for doc_id, info in self.manifest["documents"].items()]
