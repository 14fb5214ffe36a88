"""`POST /api/feedback` (rating and comment on an answer, stored in SQLite) and `GET /api/feedback`."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query
from starlette.concurrency import run_in_threadpool

from assistant.api.deps import FeedbackDep
from assistant.api.schemas import ErrorOut, FeedbackIn, FeedbackList, FeedbackOut

router = APIRouter(prefix="/api", tags=["Rückmeldungen"])


@router.post("/feedback", response_model=FeedbackOut, status_code=201, summary="Antwort bewerten",
             responses={413: {"model": ErrorOut}, 422: {"model": ErrorOut}})
async def add_feedback(body: FeedbackIn, store: FeedbackDep) -> dict:
    """Speichert Bewertung (up/down) und optional einen Kommentar zu einer Antwort dauerhaft, mit Zeitstempel."""
    entry = await run_in_threadpool(store.add, body.question, body.answer, body.rating, body.comment, body.answer_id)
    return entry.to_dict()


@router.get("/feedback", response_model=FeedbackList, summary="Gespeicherte Rückmeldungen",
            responses={422: {"model": ErrorOut}})
async def list_feedback(
    store: FeedbackDep,
    limit: Annotated[int, Query(ge=1, le=1000, description="Höchstens so viele, die neuesten zuerst.")] = 50,
) -> dict:
    """Die gespeicherten Rückmeldungen, die neuesten zuerst (für das Team und für Tests)."""
    items = await run_in_threadpool(store.list, limit)
    total = await run_in_threadpool(store.count)
    return {"total": total, "items": [item.to_dict() for item in items]}
