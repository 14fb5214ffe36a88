"""Passages built by hand, for unit tests of what is computed from passages (quotes, citations, composed answers)."""

from __future__ import annotations

from assistant.core.model import Passage

GRW_TITLE = "GRW-Koordinierungsrahmen 2026"
IREK_TITLE = "IREK Landkreis Osnabrück"


def grw_passage(chunk_id: str, section: str, section_title: str, text: str, *, page: int = 22,
                page_end: int | None = None, page_label: str = "") -> Passage:
    """A passage of the GRW PDF: numbered section, PDF page(s), the printed page number where there is one."""
    return Passage(chunk_id, "grw", GRW_TITLE, text, 0, len(text), page, page_end or page, section, section_title,
                   page_label=page_label)


def irek_goal_passage(chunk_id: str, code: str, title: str, text: str) -> Passage:
    """The passage of an IREK Handlungsziel (code "3.1.1") or Leitziel ("3.1"): a text file, so no pages."""
    corridor, leitziel = code.split(".")[0], ".".join(code.split(".")[:2])
    return Passage(chunk_id, "irek", IREK_TITLE, text, 0, len(text), None, None, "", title, goal_code=code,
                   corridor=corridor, leitziel=leitziel)
