"""`GET /api/goals` (the IREK goal tree) and `GET /api/goals/{code}` (one goal with its passages)."""

from __future__ import annotations

from fastapi import APIRouter, HTTPException

from assistant.api.deps import PipelineDep
from assistant.api.routes.documents import passage_dict
from assistant.api.schemas import ErrorOut, GoalDetail, GoalTree
from assistant.answer.pipeline import AnswerPipeline
from assistant.index.catalogue import GoalCatalogue

router = APIRouter(prefix="/api", tags=["IREK-Ziele"])


def _catalogue(pipeline: AnswerPipeline) -> GoalCatalogue:
    return GoalCatalogue.from_snapshot(pipeline.retriever.snapshot)


@router.get("/goals", response_model=GoalTree, responses={503: {"model": ErrorOut}}, summary="Zielbaum des IREK")
async def goals(pipeline: PipelineDep) -> dict:
    """4 Themenkorridore, 15 Leitziele, 55 Handlungsziele, so nummeriert wie im IREK."""
    return _catalogue(pipeline).to_json()


@router.get("/goals/{code}", response_model=GoalDetail,
            responses={404: {"model": ErrorOut, "description": "Unbekannter Zielcode."}, 503: {"model": ErrorOut}},
            summary="Ein Ziel mit seinen Passagen")
async def goal(code: str, pipeline: PipelineDep) -> dict:
    """Ein Themenkorridor (`2`), Leitziel (`2.3`) oder Handlungsziel (`2.3.1`) mit übergeordneten Zielen,
    untergeordneten Zielen und den Passagen des IREK dazu."""
    catalogue = _catalogue(pipeline)
    item = catalogue.get(code.strip())
    if item is None:
        raise HTTPException(404, f"Ein Ziel „{code}“ gibt es im IREK nicht (Codes wie 2, 2.3 oder 2.3.1).")

    def ref(goal_code: str):  # noqa: ANN202
        found = catalogue.get(goal_code) if goal_code else None
        return {"code": found.code, "title": found.title} if found else None

    passages = pipeline.retriever.passages
    if item.level == "corridor":
        own = [p for p in passages if p.document == "irek" and p.corridor == item.code and not p.goal_code]
    else:
        own = [p for p in passages if p.goal_code == item.code]
    return {
        "code": item.code, "title": item.title, "level": item.level, "description": item.description,
        "leitziel": ref(item.parent) if item.level == "handlungsziel" else None,
        "corridor": ref(item.corridor) if item.level != "corridor" else None,
        "children": [{"code": c.code, "title": c.title} for c in catalogue.children(item.code)]
        if item.level != "handlungsziel" else [],
        "passages": [passage_dict(p) for p in sorted(own, key=lambda p: p.start)],
    }
