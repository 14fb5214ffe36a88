"""Admin calls (Bearer IREK_ADMIN_TOKEN; without a configured token they are off): `POST /api/admin/reload`."""

from __future__ import annotations

from fastapi import APIRouter, HTTPException
from starlette.concurrency import run_in_threadpool

from assistant.api.deps import AdminDep, StateDep
from assistant.api.schemas import ErrorOut, ReloadOut

router = APIRouter(prefix="/api/admin", tags=["Verwaltung"], dependencies=[AdminDep])

ADMIN_ERRORS = {
    401: {"model": ErrorOut, "description": "Kein Verwaltungs-Token gesendet."},
    403: {"model": ErrorOut, "description": "Falscher Verwaltungs-Token."},
    404: {"model": ErrorOut, "description": "Abgeschaltet: kein IREK_ADMIN_TOKEN eingerichtet."},
}


@router.post("/reload", response_model=ReloadOut, summary="Neuen Index-Build übernehmen",
             responses={**ADMIN_ERRORS, 503: {"model": ErrorOut, "description": "Der neue Build ließ sich nicht "
                                                                                 "öffnen; der bisherige antwortet."}})
async def reload(state: StateDep) -> dict:
    """Übernimmt den Build, auf den `current` zeigt, ohne Neustart: laufende Anfragen enden auf dem bisherigen Build,
    neue bekommen den neuen. Dasselbe geschieht von selbst (IREK_INDEX_WATCH_S) und bei SIGHUP."""
    result = await run_in_threadpool(state.reload)
    if result.error:
        raise HTTPException(503, f"Der neue Index konnte nicht übernommen werden: {result.error}")
    detail = (f"Neuer Index übernommen (Build {result.build_id})." if result.switched
              else f"Der Index ist aktuell (Build {result.build_id}).")
    return {"switched": result.switched, "build_id": result.build_id, "built_at": result.built_at, "detail": detail}
