"""`POST /api/ask` (contracts.md §2) and `POST /api/chat`, the same answer as Server-Sent Events."""

from __future__ import annotations

import json
import logging
from collections.abc import AsyncIterator
from typing import Any

from fastapi import APIRouter
from sse_starlette.sse import EventSourceResponse
from starlette.concurrency import run_in_threadpool

from assistant.answering import Answer
from assistant.api.deps import ReadyStateDep
from assistant.api.errors import INTERNAL_ERROR
from assistant.api.schemas import AnswerOut, AskRequest, ErrorOut
from assistant.api.state import NOT_READY, ApiState, ServiceUnavailable
from assistant.retrieval import QueryError

logger = logging.getLogger("assistant.api")
router = APIRouter(prefix="/api", tags=["Antworten"])

ERRORS: dict[int | str, dict[str, Any]] = {
    413: {"model": ErrorOut, "description": "Frage länger als 2.000 Zeichen."},
    422: {"model": ErrorOut, "description": "Leere oder fehlerhafte Anfrage."},
    503: {"model": ErrorOut, "description": "Kein nutzbarer Index geladen."},
}
SSE_EXAMPLE = (
    'event: delta\ndata: {"text": "Ihr Vorhaben passt am besten zum Handlungsziel 2.3.1 … [1]."}\n\n'
    'event: delta\ndata: {"text": "\\n\\nMögliche Förderwege:\\n- **GRW: …**: Förderung bis 60 Prozent [2]."}\n\n'
    'event: answer\ndata: {"answer": "Ihr Vorhaben passt …", "abstained": false, "goals": […], '
    '"funding_paths": […], "citations": […], "timings_ms": {…}}\n\n'
)
_END = object()


async def answer_for(state: ApiState, question: str, history: list[dict] | None,
                     structured: dict | None = None) -> tuple[Answer, Any]:
    """The answer as /api/ask gives it, and the findings it was built from (None for a refusal)."""
    prepared = await state.run(state.prepare, question, history, structured)
    answer = prepared.answer
    composer = state.require().composer
    if composer is not None and not answer.abstained and prepared.found is not None:
        answer = await run_in_threadpool(composer.compose, prepared.found, answer, state.require().retriever.passages)
    return prepared.finish(answer), prepared.found


@router.post("/ask", response_model=AnswerOut, responses=ERRORS, summary="Frage stellen oder Projekt beschreiben")
async def ask(body: AskRequest, state: ReadyStateDep) -> dict:
    """Die Antwort mit passenden IREK-Handlungszielen, Förderwegen und nummerierten Belegen (contracts.md §2)."""
    answer, _ = await answer_for(state, body.question, body.history_dicts())
    return answer.to_dict()


def paragraphs(text: str) -> list[str]:
    """The answer text in pieces, paragraph by paragraph; joined they give the text again."""
    parts = text.split("\n\n")
    return [parts[0], *("\n\n" + part for part in parts[1:])]


def _event(kind: str, data: dict[str, Any]) -> dict[str, str]:
    return {"event": kind, "data": json.dumps(data, ensure_ascii=False)}


async def answer_events(state: ApiState, question: str, history: list[dict]) -> AsyncIterator[dict[str, str]]:
    try:
        prepared = await state.run(state.prepare, question, history)
        composer = state.require().composer
        if composer is None or prepared.answer.abstained or prepared.found is None:
            for piece in paragraphs(prepared.answer.answer):
                if piece:
                    yield _event("delta", {"text": piece})
            final = prepared.finish()
        else:
            # The model's text as it is written; the final answer is authoritative (it may be the extractive one
            # when the model's output was invalid: the client then replaces what it showed).
            stream = composer.stream(prepared.found, prepared.answer, state.require().retriever.passages)
            final = prepared.answer
            while (item := await run_in_threadpool(next, stream, _END)) is not _END:
                if isinstance(item, Answer):
                    final = item
                elif item:
                    yield _event("delta", {"text": item})
            final = prepared.finish(final)
        yield _event("answer", final.to_dict())
    except QueryError as error:
        yield _event("error", {"detail": str(error)})
    except ServiceUnavailable:
        yield _event("error", {"detail": NOT_READY})
    except Exception:  # noqa: BLE001 - never a stack trace to the client
        logger.exception("Fehler im Antwort-Stream")
        yield _event("error", {"detail": INTERNAL_ERROR})


@router.post(
    "/chat", responses={**ERRORS, 200: {"description": "Server-Sent Events: `delta` ({\"text\"}) während die Antwort "
                                                      "entsteht, dann `answer` (das JSON von /api/ask) oder `error` "
                                                      "({\"detail\"}).",
                                       "content": {"text/event-stream": {"example": SSE_EXAMPLE}}}},
    summary="Antwort als Stream (Server-Sent Events)", response_class=EventSourceResponse,
)
async def chat(body: AskRequest, state: ReadyStateDep) -> EventSourceResponse:
    """Dieselbe Antwort wie /api/ask, als Server-Sent Events: erst der Text in Stücken (`delta`), dann das ganze
    JSON (`answer`). Maßgeblich ist `answer`: Zeigt der Client schon Text an, ersetzt er ihn durch `answer.answer`."""
    return EventSourceResponse(answer_events(state, body.question, body.history_dicts()), ping=15)
