"""`GET /api/search`: passages with German citations."""

from __future__ import annotations

import asyncio

from typing import Annotated

from fastapi import APIRouter, Query

from assistant.api.deps import PipelineDep
from assistant.api.routes.answers import ERRORS
from assistant.api.schemas import SearchOut
from assistant.retrieval.retriever import MAX_QUERY_CHARS, SearchFilters
from assistant.retrieval.serialise import hit_to_dict

router = APIRouter(prefix="/api", tags=["Recherche"])


def _blank_to_none(value: str | None) -> str | None:
    return value.strip() if value and value.strip() else None


@router.get("/search", response_model=SearchOut, responses=ERRORS, summary="Passagen suchen")
async def search(
    pipeline: PipelineDep,
    q: Annotated[str, Query(min_length=1, max_length=MAX_QUERY_CHARS, description="Suchanfrage.",
                            examples=["Fördersatz Gewerbegelände"])],
    doc: Annotated[str | None, Query(description="Nur dieses Dokument (z. B. grw, irek).", examples=["grw"])] = None,
    section: Annotated[str | None, Query(description="Abschnitts- oder Zielnummer als Präfix, z. B. 3.4.",
                                         examples=["3.4"])] = None,
    corridor: Annotated[str | None, Query(description="Nur IREK-Themenkorridor 1 bis 4.", examples=["2"])] = None,
    k: Annotated[int, Query(ge=1, le=50, description="Anzahl der Treffer (1 bis 50).")] = 5,
) -> dict:
    """Passagen nach Relevanz, jede mit deutscher Fundstelle (Dokument, Abschnitt, Seite)."""
    filters = SearchFilters(document=_blank_to_none(doc), section=_blank_to_none(section),
                            corridor=_blank_to_none(corridor))
    retriever = pipeline.retriever
    result = await asyncio.to_thread(retriever.search, q, k, filters)
    return {"query": q, "filters": {"doc": filters.document, "section": filters.section,
                                    "corridor": filters.corridor, "k": k},
            "hits": [hit_to_dict(hit) for hit in result.hits], "timings_ms": result.timings_ms}
