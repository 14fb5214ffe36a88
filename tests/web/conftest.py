"""Browser tests of the web chat: real uvicorn servers and Debian's chromium, driven headless by Playwright.

- `web_server`: the app (`create_app`) on the index of the real corpus (`real_index`) with a temporary feedback
  database; it serves the shipped page from assistant/web/static at "/";
- `empty_web_server`: the same app on an empty index directory (the page must show a friendly message);
- `browser`: Debian's chromium (`/usr/bin/chromium`, installed by scripts/test from Debian packages; never a browser
  download); `page` / `phone_page`: a fresh browser context per test (desktop 1280 px / phone 375 px wide) with
  clipboard permissions and downloads accepted.

Nothing here waits for a fixed time: Playwright's `expect` waits until a condition holds (up to EXPECT_TIMEOUT_MS,
generous for slow CI machines).
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from assistant.settings import Settings

CHROMIUM = os.environ.get("IREK_TEST_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
EXPECT_TIMEOUT_MS = 60_000
SCREENSHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"

try:
    from playwright.sync_api import Browser, BrowserContext, Page, expect, sync_playwright
except ImportError:  # pragma: no cover - the `test` extra installs playwright
    sync_playwright = None


@dataclass
class RunningServer:
    url: str
    settings: Settings
    server: object
    thread: threading.Thread

    def get_json(self, path: str) -> tuple[int, dict]:
        try:
            with urllib.request.urlopen(self.url + path, timeout=60) as response:
                return response.status, json.loads(response.read().decode("utf-8"))
        except urllib.error.HTTPError as error:
            return error.code, json.loads(error.read().decode("utf-8"))

    def post_json(self, path: str, payload: dict) -> tuple[int, dict]:
        request = urllib.request.Request(self.url + path, data=json.dumps(payload).encode("utf-8"), method="POST",
                                         headers={"Content-Type": "application/json"})
        try:
            with urllib.request.urlopen(request, timeout=60) as response:
                return response.status, json.loads(response.read().decode("utf-8"))
        except urllib.error.HTTPError as error:
            return error.code, json.loads(error.read().decode("utf-8"))

    def stop(self) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=30)


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_server(settings: Settings) -> RunningServer:
    """uvicorn with create_app(settings) in a background thread; returns once the app has started (lifespan done)."""
    import uvicorn

    from assistant.api.app import create_app

    port = _free_port()
    config = uvicorn.Config(create_app(settings), host="127.0.0.1", port=port, log_level="warning", lifespan="on")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, name=f"uvicorn-{port}", daemon=True)
    thread.start()
    deadline = time.monotonic() + 300  # loading the embedder and the index on a slow machine
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            raise RuntimeError("Der Testserver ist nicht gestartet.")
        time.sleep(0.05)
    return RunningServer(f"http://127.0.0.1:{port}", settings, server, thread)


@pytest.fixture(scope="session")
def web_settings(real_index, tmp_path_factory) -> Settings:
    data = tmp_path_factory.mktemp("web-data")
    return real_index.model_copy(update={"feedback_db": data / "feedback.sqlite3", "web_dir": None})


@pytest.fixture(scope="session")
def web_server(web_settings) -> Iterator[RunningServer]:
    running = start_server(web_settings)
    yield running
    running.stop()


@pytest.fixture(scope="session")
def empty_web_server(tmp_path_factory) -> Iterator[RunningServer]:
    root = tmp_path_factory.mktemp("web-empty")
    (root / "index").mkdir()
    settings = Settings(corpus_dir=root / "corpus", index_dir=root / "index", feedback_db=root / "feedback.sqlite3")
    running = start_server(settings)
    yield running
    running.stop()


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    if sync_playwright is None:
        pytest.skip("playwright ist nicht installiert (pip install -e '.[test]').")
    if not Path(CHROMIUM).exists():
        pytest.skip(f"Kein Chromium unter {CHROMIUM} (scripts/test installiert das Debian-Paket „chromium“).")
    expect.set_options(timeout=EXPECT_TIMEOUT_MS)
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield launched
        launched.close()


def _context(browser: Browser, server: RunningServer, width: int, height: int) -> BrowserContext:
    context = browser.new_context(viewport={"width": width, "height": height}, locale="de-DE",
                                  base_url=server.url, accept_downloads=True)
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=server.url)
    context.set_default_timeout(EXPECT_TIMEOUT_MS)
    return context


def _page(context: BrowserContext) -> Page:
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.js_errors = errors  # checked by the tests: the page must run without script errors
    return page


@pytest.fixture
def page(browser, web_server) -> Iterator[Page]:
    context = _context(browser, web_server, 1280, 900)
    yield _page(context)
    context.close()


@pytest.fixture
def phone_page(browser, web_server) -> Iterator[Page]:
    context = _context(browser, web_server, 375, 740)
    yield _page(context)
    context.close()


@pytest.fixture
def empty_page(browser, empty_web_server) -> Iterator[Page]:
    context = _context(browser, empty_web_server, 1280, 900)
    yield _page(context)
    context.close()


@pytest.fixture(scope="session")
def screenshots_dir() -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    return SCREENSHOTS
