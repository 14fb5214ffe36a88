"""Where the package's own files are: curated data, what benchmarks write, prompt templates and the web page.

Curated data (`assistant/knowledge/`) is written by people from the source documents; tuned values
(`assistant/tuned/`) are written by benchmarks (`python -m evals.benchmarks.… --write`). Both ship with the package,
so a non-editable install finds them too.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parents[1]
KNOWLEDGE_DIR = PACKAGE_DIR / "knowledge"
TUNED_DIR = PACKAGE_DIR / "tuned"
WEB_STATIC_DIR = PACKAGE_DIR / "web" / "static"


def _prompts_dir() -> Path:
    """`prompts/` beside the package in a source checkout; the installed `prompts` package otherwise."""
    checkout = PACKAGE_DIR.parent / "prompts"
    if checkout.is_dir():
        return checkout
    return Path(str(resources.files("prompts")))


PROMPTS_DIR = _prompts_dir()


class TunedValuesMissing(RuntimeError):
    """A file of tuned values is missing or unreadable: the process stops at start-up rather than answer with
    untuned defaults."""

    def __init__(self, path: Path, error: Exception | str) -> None:
        super().__init__(
            f"Die abgestimmten Werte in „{path.name}“ fehlen oder sind nicht lesbar ({error}). Die Datei gehört zum "
            f"Paket (assistant/tuned/); sie wird mit dem zugehörigen Benchmark neu geschrieben (… --write)."
        )
        self.path = path
