"""What the API keeps per process: the answer pipeline (models and index, loaded once) and the feedback store.

A new build is taken over without a restart (`reload`, called by the watcher of `current`, by SIGHUP and by
`POST /api/admin/reload`): the new pipeline is opened beside the old one and swapped in with one assignment.
Requests in flight keep the pipeline they started with (`using`); the builds they read stay leased
(index/leases/<host>-<pid>.json), so the ingest removes none of them until the last such request has finished.
"""

from __future__ import annotations

import logging
import threading
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from assistant.answer.pipeline import AnswerPipeline
from assistant.core.model import Passage
from assistant.core.settings import Settings
from assistant.feedback.store import FeedbackStore
from assistant.index.store import IndexUnavailable, current_build, remove_lease, renew_lease, write_lease

logger = logging.getLogger("assistant.api")

NOT_READY = ("Der Assistent ist gerade nicht bereit: Der Suchindex ist nicht geladen. Bitte versuchen Sie es später "
             "noch einmal oder wenden Sie sich an die Betreuung des IREK-Assistenten.")


class ServiceUnavailable(RuntimeError):
    """No usable index (or the models could not be loaded): 503 with a German message."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass
class ReloadResult:
    switched: bool
    build_id: str | None
    built_at: str | None
    error: str | None = None  # German, without file paths: the new build could not be opened (the old one serves)


@dataclass
class ApiState:
    settings: Settings
    pipeline: AnswerPipeline | None = None
    unavailable_reason: str | None = None
    feedback: FeedbackStore | None = None
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)  # one reload at a time
    _count_lock: threading.Lock = field(default_factory=threading.Lock, repr=False)
    _lease_lock: threading.Lock = field(default_factory=threading.Lock, repr=False)
    _in_flight: Counter = field(default_factory=Counter, repr=False)  # build path -> requests using it
    _neighbours: dict[Path, dict[str, tuple[str | None, str | None]]] = field(default_factory=dict, repr=False)
    _failed_target: Path | None = field(default=None, repr=False)  # a build that could not be opened (not retried)

    @property
    def index_dir(self) -> Path:
        return self.settings.index_dir

    def open(self) -> None:
        """Load index and models once; on failure keep the German reason (the app still starts)."""
        self.reload()

    def _load(self) -> AnswerPipeline:
        pipeline = AnswerPipeline.open(self.settings)
        pipeline.warm_up()
        return pipeline

    def reload(self) -> ReloadResult:
        """Open the build `current` points at, if it is not the one served, and swap it in. A build that cannot be
        opened leaves the served one in place (or, with none served, the German reason for /readyz)."""
        with self._lock:
            target = current_build(self.index_dir)
            served = self.pipeline.retriever.snapshot if self.pipeline is not None else None
            if served is not None and target is not None and served.path.resolve() == target:
                return ReloadResult(False, served.build_id, served.manifest.get("built_at"))
            try:
                pipeline = self._load()
            except IndexUnavailable as error:
                return self._failed(target, error.public, error)
            except Exception as error:  # noqa: BLE001 - the app must keep serving and say why
                logger.exception("Index oder Modelle konnten nicht geladen werden")
                return self._failed(target, f"Index oder Modelle konnten nicht geladen werden ({type(error).__name__}).",
                                    None)
            self.pipeline, self.unavailable_reason, self._failed_target = pipeline, None, None
            with self._count_lock:
                keep = set(self._in_flight) | {pipeline.retriever.snapshot.path}
            for path in [p for p in self._neighbours if p not in keep]:
                self._neighbours.pop(path, None)
            self._write_lease()
            snapshot = pipeline.retriever.snapshot
            if served is not None:
                logger.info("Neuer Index geladen: %s (vorher %s)", snapshot.build_id, served.build_id)
            return ReloadResult(True, snapshot.build_id, snapshot.manifest.get("built_at"))

    def _failed(self, target: Path | None, reason: str, error: Exception | None) -> ReloadResult:
        self._failed_target = target
        if self.pipeline is None:
            self.unavailable_reason = reason
            if error is not None:
                logger.warning("Index nicht verfügbar: %s", error)
            return ReloadResult(False, None, None, reason)
        snapshot = self.pipeline.retriever.snapshot
        logger.warning("Neuer Index nicht geladen, der bisherige bleibt: %s", error or reason)
        return ReloadResult(False, snapshot.build_id, snapshot.manifest.get("built_at"), reason)

    def needs_reload(self) -> bool:
        """`current` points at a build other than the one served (and not at one that already failed to open)."""
        renew_lease(self.index_dir)
        target = current_build(self.index_dir)
        if target is None or target == self._failed_target:
            return False
        return self.pipeline is None or self.pipeline.retriever.snapshot.path.resolve() != target

    def close(self) -> None:
        remove_lease(self.index_dir)

    # -- requests in flight -------------------------------------------------------------------------------------

    @contextmanager
    def using(self) -> Iterator[AnswerPipeline]:
        """The pipeline served now, kept (with its build) for as long as the request runs."""
        pipeline = self.require()
        path = pipeline.retriever.snapshot.path
        with self._count_lock:
            self._in_flight[path] += 1
        try:
            yield pipeline
        finally:
            with self._count_lock:
                self._in_flight[path] -= 1
                finished = self._in_flight[path] <= 0
                if finished:
                    del self._in_flight[path]
            if finished and (self.pipeline is None or self.pipeline.retriever.snapshot.path != path):
                self._neighbours.pop(path, None)
                self._write_lease()  # the old build is free for the ingest's clean-up

    def _write_lease(self) -> None:
        """One writer at a time, each reading the state when it writes: requests that end at once on several threads
        (and the reload) would otherwise publish the builds they saw in any order, an older set last, and keep a build
        the ingest may remove (a lost write was seen under load)."""
        with self._lease_lock:
            with self._count_lock:
                paths = set(self._in_flight)
            if self.pipeline is not None:
                paths.add(self.pipeline.retriever.snapshot.path)
            try:
                write_lease(self.index_dir, [p.name for p in paths])
            except OSError as error:  # a read-only index directory: nothing the ingest here could remove anyway
                logger.warning("Lease nicht geschrieben: %s", error)

    def require(self) -> AnswerPipeline:
        pipeline = self.pipeline
        if pipeline is None:
            raise ServiceUnavailable(self.unavailable_reason or NOT_READY)
        return pipeline

    # -- passages -------------------------------------------------------------------------------------------------

    def neighbours(self, pipeline: AnswerPipeline) -> dict[str, tuple[str | None, str | None]]:
        """chunk id -> (previous, next) chunk id in the same document, by offset (per build, computed once)."""
        path = pipeline.retriever.snapshot.path
        if path not in self._neighbours:
            by_document: dict[str, list[Passage]] = {}
            for passage in pipeline.retriever.passages:
                by_document.setdefault(passage.document, []).append(passage)
            result: dict[str, tuple[str | None, str | None]] = {}
            for passages in by_document.values():
                ordered = sorted(passages, key=lambda p: (p.start, p.end))
                for i, passage in enumerate(ordered):
                    before = ordered[i - 1].chunk_id if i > 0 else None
                    after = ordered[i + 1].chunk_id if i + 1 < len(ordered) else None
                    result[passage.chunk_id] = (before, after)
            self._neighbours[path] = result
        return self._neighbours[path]

    def passage(self, chunk_id: str, pipeline: AnswerPipeline | None = None) -> Passage | None:
        return (pipeline or self.require()).retriever.snapshot.passage(chunk_id)
