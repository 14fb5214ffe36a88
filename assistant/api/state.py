"""What the API keeps per process: the answer pipeline (models and index, loaded once) and the feedback store."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from functools import cached_property

from assistant.answer.pipeline import AnswerPipeline
from assistant.feedback.store import FeedbackStore
from assistant.core.settings import Settings
from assistant.core.model import Passage
from assistant.index.store import IndexUnavailable

logger = logging.getLogger("assistant.api")

NOT_READY = ("Der Assistent ist gerade nicht bereit: Der Suchindex ist nicht geladen. Bitte versuchen Sie es später "
             "noch einmal oder wenden Sie sich an die Betreuung des IREK-Assistenten.")


class ServiceUnavailable(RuntimeError):
    """No usable index (or the models could not be loaded): 503 with a German message."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass
class ApiState:
    settings: Settings
    pipeline: AnswerPipeline | None = None
    unavailable_reason: str | None = None
    feedback: FeedbackStore | None = None

    def open(self) -> None:
        """Load index and models once; on failure keep the German reason (the app still starts)."""
        try:
            pipeline = AnswerPipeline.open(self.settings)
            pipeline.warm_up()
        except IndexUnavailable as error:
            self.unavailable_reason = str(error)
            logger.warning("Index nicht verfügbar: %s", error)
            return
        except Exception as error:  # noqa: BLE001 - the app must start and say why it is not ready
            self.unavailable_reason = f"Index oder Modelle konnten nicht geladen werden ({type(error).__name__})."
            logger.exception("Index oder Modelle konnten nicht geladen werden")
            return
        self.pipeline = pipeline
        self.unavailable_reason = None

    def require(self) -> AnswerPipeline:
        if self.pipeline is None:
            raise ServiceUnavailable(self.unavailable_reason or NOT_READY)
        return self.pipeline

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
