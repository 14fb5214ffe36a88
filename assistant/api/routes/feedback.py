"""`POST /api/feedback` (rating and comment on an answer; open, rate-limited, bounded) and `GET /api/feedback`
(Bearer IREK_ADMIN_TOKEN; without a configured token the list is off)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query
from starlette.concurrency import run_in_threadpool

from assistant.api.deps import AdminDep, FeedbackDep
from assistant.api.routes.admin import ADMIN_ERRORS
from assistant.api.schemas import ErrorOut, FeedbackIn, FeedbackList, FeedbackOut

router = APIRouter(prefix="/api", tags=["Rückmeldungen"])


@router.post("/feedback", response_model=FeedbackOut, status_code=201, summary="Antwort bewerten",
             responses={413: {"model": ErrorOut}, 422: {"model": ErrorOut}})
async def add_feedback(body: FeedbackIn, store: FeedbackDep) -> dict:
    """Speichert Bewertung (up/down) und optional einen Kommentar zu einer Antwort, mit Zeitstempel (Frage, Antwort,
    Kommentar; keine Adresse, kein Name). Offen für alle, aber je Adresse begrenzt (IREK_FEEDBACK_PER_MINUTE)."""
    entry = await run_in_threadpool(store.add, body.question, body.answer, body.rating, body.comment, body.answer_id)
    return entry.to_dict()


@router.get("/feedback", response_model=FeedbackList, summary="Gespeicherte Rückmeldungen (Verwaltung)",
            responses={422: {"model": ErrorOut}, **ADMIN_ERRORS}, dependencies=[AdminDep])
async def list_feedback(
    store: FeedbackDep,
    limit: Annotated[int, Query(ge=1, le=1000, description="Höchstens so viele, die neuesten zuerst.")] = 50,
) -> dict:
    """Die gespeicherten Rückmeldungen, die neuesten zuerst; nur mit dem Verwaltungs-Token
    (`Authorization: Bearer …`, IREK_ADMIN_TOKEN)."""
    items = await run_in_threadpool(store.list, limit)
    total = await run_in_threadpool(store.count)
    return {"total": total, "items": [item.to_dict() for item in items]}
