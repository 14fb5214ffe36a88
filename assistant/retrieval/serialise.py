"""JSON shapes of the assistant's results, shared by the command line and the HTTP API."""

from __future__ import annotations

from typing import Any

from assistant.retrieval.retriever import SearchHit


def hit_to_dict(hit: SearchHit) -> dict[str, Any]:
    p = hit.passage
    return {
        "chunk_id": p.chunk_id,
        "document": p.document,
        "document_title": p.document_title,
        "page": p.page_start,
        "page_end": p.page_end,
        "page_label": p.page_label or None,
        "section": p.section_number or None,
        "section_title": p.section_title or None,
        "goal_code": p.goal_code or None,
        "text": p.text,
        "score": round(hit.score, 4),
        "citation": hit.citation,
    }
