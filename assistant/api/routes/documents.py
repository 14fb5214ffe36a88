"""`GET /api/documents` and the source view `GET /api/passages/{chunk_id}`."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, HTTPException

from assistant.api.deps import PipelineDep, StateDep
from assistant.api.schemas import DocumentsOut, ErrorOut, PassageDetail
from assistant.retrieval.retriever import SearchHit
from assistant.text.citations import german_citation
from assistant.retrieval.serialise import hit_to_dict
from assistant.core.model import Passage

router = APIRouter(prefix="/api", tags=["Quellen"])


def passage_dict(passage: Passage) -> dict[str, Any]:
    """The passage as in search hits (serialise.hit_to_dict), without a score."""
    data = hit_to_dict(SearchHit(passage, 0.0))
    data.pop("score")
    return data


def _neighbour(passage: Passage | None) -> dict[str, Any] | None:
    if passage is None:
        return None
    return {"chunk_id": passage.chunk_id, "text": passage.text, "citation": german_citation(passage),
            "section": passage.section_number or None, "section_title": passage.section_title or None,
            "page": passage.page_start}


@router.get("/documents", response_model=DocumentsOut, responses={503: {"model": ErrorOut}},
            summary="Indexierte Dokumente")
async def documents(pipeline: PipelineDep) -> dict:
    """Alle indexierten Dokumente mit Titel, Herausgeber, Fassung, Seiten, Passagen und SHA-256."""
    snapshot = pipeline.retriever.snapshot
    rows = []
    for doc in snapshot.documents_summary():
        source = doc.get("source") or {}
        rows.append({"id": doc["id"], "title": doc["title"], "short_title": doc.get("short_title") or None,
                     "kind": doc.get("kind", "official"), "publisher": source.get("publisher") or None,
                     "version": source.get("version") or None, "url": source.get("url") or None,
                     "pages": doc.get("pages", 0), "passages": doc.get("passages", 0), "hash": doc.get("hash", "")})
    return {"built_at": snapshot.manifest.get("built_at"), "documents": rows}


@router.get("/passages/{chunk_id:path}", response_model=PassageDetail,
            responses={404: {"model": ErrorOut, "description": "Unbekannte Passage."}, 503: {"model": ErrorOut}},
            summary="Quellenansicht einer Passage")
async def passage(chunk_id: str, state: StateDep, pipeline: PipelineDep) -> dict:
    """Der Text der Passage mit Dokument, Seite, Abschnitt und deutscher Fundstelle, dazu die Nachbarpassagen
    (`prev`, `next`) im selben Dokument – damit ein Beleg im Zusammenhang gelesen werden kann."""
    found = state.passage(chunk_id, pipeline)
    if found is None:
        raise HTTPException(404, f"Eine Passage „{chunk_id[:200]}“ gibt es im Index nicht.")
    before, after = state.neighbours(pipeline).get(chunk_id, (None, None))
    info = pipeline.retriever.snapshot.manifest.get("documents", {}).get(found.document, {})
    return {**passage_dict(found), "document_full_title": info.get("title"), "kind": found.kind,
            "prev": _neighbour(state.passage(before, pipeline) if before else None),
            "next": _neighbour(state.passage(after, pipeline) if after else None)}
