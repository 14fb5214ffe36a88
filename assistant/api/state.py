"""What the API keeps per process: the answer service (models and index, loaded once), the feedback store, and the
helpers that run the blocking service calls in the thread pool."""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any, TypeVar

from starlette.concurrency import run_in_threadpool

from assistant.answering import Answer, AnswerService, Findings
from assistant.feedback_store import FeedbackStore
from assistant.settings import Settings
from ingest.model import Passage

logger = logging.getLogger("assistant.api")

NOT_READY = ("Der Assistent ist gerade nicht bereit: Der Suchindex ist nicht geladen. Bitte versuchen Sie es später "
             "noch einmal oder wenden Sie sich an die Betreuung des IREK-Assistenten.")

T = TypeVar("T")


class ServiceUnavailable(RuntimeError):
    """No usable index (or the models could not be loaded): 503 with a German message."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass
class Prepared:
    """The extractive answer and what it was built from; `found` is None for a refusal."""

    found: Findings | None
    answer: Answer
    started: float
    retrieved: float

    def finish(self, answer: Answer | None = None) -> Answer:
        final = answer or self.answer
        retrieval = 0.0 if self.found is None else (self.retrieved - self.started) * 1000
        final.timings_ms = {"retrieval": retrieval, "total": (time.perf_counter() - self.started) * 1000}
        return final


@dataclass
class ApiState:
    settings: Settings
    service: AnswerService | None = None
    unavailable_reason: str | None = None
    feedback: FeedbackStore | None = None
    # The retriever's caches are not made for concurrent use: service calls run one at a time (the model call of
    # an LLM composer runs outside the lock).
    lock: threading.Lock = field(default_factory=threading.Lock)

    def open(self) -> None:
        """Load index and models once; on failure keep the German reason (the app still starts)."""
        from assistant.index_store import IndexUnavailable

        try:
            service = AnswerService.open(self.settings)
            service.retriever.search("Förderung Gewerbegebiet", k=1)  # warm-up: loads the embedder and indexes
            service.domain_stems  # noqa: B018 - cached on first use
        except IndexUnavailable as error:
            self.unavailable_reason = str(error)
            logger.warning("Index nicht verfügbar: %s", error)
            return
        except Exception as error:  # noqa: BLE001 - the app must start and say why it is not ready
            self.unavailable_reason = f"Index oder Modelle konnten nicht geladen werden ({type(error).__name__})."
            logger.exception("Index oder Modelle konnten nicht geladen werden")
            return
        self.service = service
        self.unavailable_reason = None

    def require(self) -> AnswerService:
        if self.service is None:
            raise ServiceUnavailable(self.unavailable_reason or NOT_READY)
        return self.service

    # -- running service calls ------------------------------------------------------------------------------------

    async def run(self, function: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        """Run a blocking service call in the thread pool, one at a time."""

        def locked() -> T:
            with self.lock:
                return function(*args, **kwargs)

        return await run_in_threadpool(locked)

    def prepare(self, question: str, history: list[dict] | None = None, structured: dict | None = None) -> Prepared:
        """Retrieval and the extractive answer (blocking; call through `run`)."""
        service = self.require()
        started = time.perf_counter()
        found = service.find(question, history, structured)
        if isinstance(found, Answer):
            return Prepared(None, found, started, started)
        retrieved = time.perf_counter()
        return Prepared(found, service.extractive(found), started, retrieved)

    # -- passages -------------------------------------------------------------------------------------------------

    @cached_property
    def neighbours(self) -> dict[str, tuple[str | None, str | None]]:
        """chunk id -> (previous, next) chunk id in the same document, by offset."""
        by_document: dict[str, list[Passage]] = {}
        for passage in self.require().retriever.passages:
            by_document.setdefault(passage.document, []).append(passage)
        result: dict[str, tuple[str | None, str | None]] = {}
        for passages in by_document.values():
            ordered = sorted(passages, key=lambda p: (p.start, p.end))
            for i, passage in enumerate(ordered):
                before = ordered[i - 1].chunk_id if i > 0 else None
                after = ordered[i + 1].chunk_id if i + 1 < len(ordered) else None
                result[passage.chunk_id] = (before, after)
        return result

    def passage(self, chunk_id: str) -> Passage | None:
        return self.require().retriever.snapshot.passage(chunk_id)
