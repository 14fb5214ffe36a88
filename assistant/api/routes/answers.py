"""`POST /api/ask` (contracts.md §2) and `POST /api/chat`, the same answer as Server-Sent Events."""

from __future__ import annotations

import asyncio
import json
import logging
from collections.abc import AsyncIterator
from typing import Any

from fastapi import APIRouter
from sse_starlette.sse import EventSourceResponse

from assistant.answer.findings import Findings
from assistant.answer.pipeline import AnswerPipeline
from assistant.core.answer import Answer
from assistant.api.deps import PipelineDep, ReadyStateDep
from assistant.api.errors import INTERNAL_ERROR
from assistant.api.limits import deadline_message
from assistant.api.schemas import AnswerOut, AskRequest, ErrorOut
from assistant.api.state import NOT_READY, ApiState, ServiceUnavailable
from assistant.core.errors import QueryError

logger = logging.getLogger("assistant.api")
router = APIRouter(prefix="/api", tags=["Antworten"])

ERRORS: dict[int | str, dict[str, Any]] = {
    413: {"model": ErrorOut, "description": "Frage länger als 2.000 Zeichen."},
    422: {"model": ErrorOut, "description": "Leere oder fehlerhafte Anfrage (auch: Verlauf zu lang)."},
    503: {"model": ErrorOut, "description": "Kein nutzbarer Index geladen, oder zu viele Antworten gleichzeitig in "
                                            "Arbeit (dann mit `Retry-After`)."},
}
SSE_EXAMPLE = (
    'event: delta\ndata: {"text": "Ihr Vorhaben passt am besten zum Handlungsziel 2.3.1 … [1]."}\n\n'
    'event: delta\ndata: {"text": "\\n\\nMögliche Förderwege:\\n- **GRW: …**: Förderung bis 60 Prozent [2]."}\n\n'
    'event: answer\ndata: {"answer": "Ihr Vorhaben passt …", "abstained": false, "goals": […], '
    '"funding_paths": […], "citations": […], "timings_ms": {…}}\n\n'
)


async def answer_for(pipeline: AnswerPipeline, question: str, history: list[dict] | None,
                     structured: dict | None = None) -> tuple[Answer, Findings | None]:
    """The answer as /api/ask gives it, and the findings it was built from (None for a refusal)."""
    return await pipeline.arun(question, history, structured)


@router.post("/ask", response_model=AnswerOut, responses=ERRORS, summary="Frage stellen oder Projekt beschreiben")
async def ask(body: AskRequest, pipeline: PipelineDep) -> dict:
    """Die Antwort mit passenden IREK-Handlungszielen, Förderwegen und nummerierten Belegen (contracts.md §2)."""
    answer, _ = await answer_for(pipeline, body.question, body.history_dicts())
    return answer.to_dict()


def _event(kind: str, data: dict[str, Any]) -> dict[str, str]:
    return {"event": kind, "data": json.dumps(data, ensure_ascii=False)}


async def answer_events(state: ApiState, question: str, history: list[dict]) -> AsyncIterator[dict[str, str]]:
    """The pipeline's stream as Server-Sent Events: `delta` per piece of text, then `answer` (authoritative); the
    request's deadline (IREK_REQUEST_DEADLINE_S) ends it with an `error` event."""
    deadline = state.settings.request_deadline_s
    try:
        with state.using() as pipeline:
            async with asyncio.timeout(deadline):
                async for item in pipeline.astream(question, history):
                    if isinstance(item, str):
                        yield _event("delta", {"text": item})
                    elif isinstance(item, Answer):
                        yield _event("answer", item.to_dict())
    except TimeoutError:
        yield _event("error", {"detail": deadline_message(deadline)})
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
