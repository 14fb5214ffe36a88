"""Where the real corpus lies, and how tests cut lines out of its raw texts."""

from __future__ import annotations

from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parents[2]
REAL_CORPUS = PROJECT_ROOT / "corpus"


def raw_lines(text: str, first: int, last: int) -> str:
    """Lines first..last (1-based, inclusive) of a text, joined with newlines, as they are in the file."""
    return "\n".join(text.split("\n")[first - 1 : last])
