"""`POST /api/match`: a structured project profile -> goals and funding paths as in contracts.md §2."""

from __future__ import annotations

from dataclasses import asdict

from fastapi import APIRouter
from starlette.concurrency import run_in_threadpool

from assistant.api.deps import PipelineDep
from assistant.api.routes.answers import ERRORS, answer_for
from assistant.api.schemas import MatchOut, MatchRequest
from assistant.funding.profile import extract_profile

router = APIRouter(prefix="/api", tags=["Antworten"])


@router.post("/match", response_model=MatchOut, responses=ERRORS, summary="Projektprofil abgleichen")
async def match(body: MatchRequest, pipeline: PipelineDep) -> dict:
    """Passende IREK-Handlungsziele und Förderwege zu einem Projektprofil. Ausdrückliche Angaben gehen vor dem, was
    aus der Beschreibung gelesen wird; fehlende Angaben werden aus der Beschreibung ergänzt."""
    structured = body.structured()
    if structured.get("sector"):
        # The named sector decides whether the main activity is excluded from GRW (it replaces the description's).
        sector = await run_in_threadpool(extract_profile, structured["sector"], knowledge=pipeline.funding)
        structured["excluded_sector"] = sector.excluded_sector
    answer, found = await answer_for(pipeline, body.description, None, structured)
    profile = None
    if found is not None and found.profile is not None:
        profile = {k: v for k, v in asdict(found.profile).items() if k != "description"}
    return {**answer.to_dict(), "profile": profile}
