"""`POST /api/export`: answers as a section for a funding application (Markdown or DOCX)."""

from __future__ import annotations

import re
import unicodedata
from urllib.parse import quote

from fastapi import APIRouter
from fastapi.responses import Response
from starlette.concurrency import run_in_threadpool

from assistant.api.deps import StateDep
from assistant.api.schemas import ErrorOut, ExportRequest
from assistant.export.writer import export

router = APIRouter(prefix="/api", tags=["Export"])

MEDIA_TYPES = {
    "md": "text/markdown; charset=utf-8",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}


def file_name(title: str, extension: str) -> tuple[str, str]:
    """An ASCII file name and the UTF-8 original (RFC 5987) for Content-Disposition."""
    replaced = title.translate(str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue", "ß": "ss"}))
    ascii_name = unicodedata.normalize("NFKD", replaced).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^A-Za-z0-9]+", "-", ascii_name).strip("-").lower()[:80] or "irek-export"
    # no characters a file system refuses, no control characters, no double spaces ("Skizze: Titel" -> "Skizze Titel")
    original = re.sub(r"\s+", " ", re.sub(r'[\\/:*?"<>|\x00-\x1f\x7f-\x9f]+', " ", title)).strip()[:120] or "IREK-Export"
    return f"{slug}.{extension}", f"{original}.{extension}"


@router.post("/export", summary="Antworten als Antragsabschnitt exportieren",
             responses={200: {"description": "Die Datei (Markdown oder DOCX).",
                              "content": {MEDIA_TYPES["md"]: {}, MEDIA_TYPES["docx"]: {}}},
                        413: {"model": ErrorOut}, 422: {"model": ErrorOut}})
async def export_answers(body: ExportRequest, state: StateDep) -> Response:
    """Ein Abschnitt für einen Förderantrag: Zielbeitrag zum IREK mit Zitaten, Förderweg mit Bedingungen und ein
    Quellenverzeichnis mit vollständigen deutschen Fundstellen (Dokument, Abschnitt, Seite). Ist der Index geladen,
    werden die Fundstellen aus den indexierten Passagen gebildet, sonst aus den Angaben der Antworten."""
    pipeline = state.pipeline  # the build served now; the export reads only what the snapshot holds in memory
    passage_for = pipeline.retriever.snapshot.passage if pipeline is not None else None
    documents = {}
    if pipeline is not None:
        for doc_id, info in pipeline.retriever.snapshot.manifest.get("documents", {}).items():
            source = info.get("source") or {}
            documents[doc_id] = {"title": info.get("title", doc_id), "kind": info.get("kind"),
                                 "publisher": source.get("publisher"), "version": source.get("version"),
                                 "url": source.get("url")}
    answers = [answer.model_dump() for answer in body.answers]
    content = await run_in_threadpool(export, body.format, body.title, answers, passage_for, documents)
    ascii_name, original = file_name(body.title, body.format)
    disposition = f"attachment; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(original)}"
    return Response(content, media_type=MEDIA_TYPES[body.format], headers={"Content-Disposition": disposition})
