"""Liveness and readiness."""

from __future__ import annotations

from fastapi import APIRouter
from fastapi.responses import JSONResponse

from assistant.api.deps import StateDep
from assistant.api.schemas import ErrorOut, Health, Ready
from assistant.api.state import NOT_READY

router = APIRouter(tags=["Betrieb"])


@router.get("/healthz", response_model=Health, summary="Prozess läuft")
async def healthz() -> dict:
    """200, solange der Prozess antwortet – unabhängig davon, ob ein Index geladen ist."""
    return {"status": "ok"}


@router.get("/readyz", response_model=Ready, summary="Index geladen und nutzbar",
            responses={503: {"model": ErrorOut, "description": "Kein nutzbarer Index geladen."}})
async def readyz(state: StateDep):
    """200, wenn Index und Modelle geladen sind; sonst 503 mit einer deutschen Meldung."""
    if state.pipeline is None:
        return JSONResponse({"status": "nicht bereit", "detail": NOT_READY, "reason": state.unavailable_reason},
                            status_code=503)
    snapshot = state.pipeline.retriever.snapshot
    return {"status": "bereit", "documents": len(snapshot.manifest.get("documents", {})),
            "passages": len(snapshot.passages), "built_at": snapshot.manifest.get("built_at"),
            "build_id": snapshot.manifest.get("build_id"),
            "llm": state.pipeline.composer is not None}
