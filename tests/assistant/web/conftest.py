"""Browser tests of the web chat: real uvicorn servers and Debian's chromium, driven headless by Playwright.

- `web_server`: the app (`create_app`) on the index of the real corpus (`real_index`) with a temporary feedback
  database; it serves the shipped page from assistant/web/static at "/";
- `empty_web_server`: the same app on an empty index directory (the page must show a friendly message);
- `browser`: Debian's chromium (`/usr/bin/chromium`, installed by scripts/test from Debian packages; never a browser
  download); `page` / `phone_page`: a fresh browser context per test (desktop 1366×800 / phone 390×844 with touch) with
  clipboard permissions and downloads accepted (launch options and page steps: helpers.web).

Screenshots taken here go to pytest's tmp_path only; scripts/screenshots refreshes docs/screenshots on purpose.

Nothing here waits for a fixed time: Playwright's `expect` waits until a condition holds (up to EXPECT_TIMEOUT_MS,
generous for slow CI machines).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from helpers.servers import RunningServer, start_server
from helpers.web import DESKTOP, PHONE, new_context
from playwright.sync_api import BrowserContext, Page

from assistant.core.settings import Settings


@pytest.fixture(scope="session")
def web_settings(real_index, tmp_path_factory) -> Settings:
    data = tmp_path_factory.mktemp("web-data")
    # no rate limit: one browser session of tests sends more requests from 127.0.0.1 than a person would
    return real_index.model_copy(update={"feedback_db": data / "feedback.sqlite3", "web_dir": None,
                                         "rate_limit_per_minute": 0, "feedback_per_minute": 0})


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


def _page(context: BrowserContext) -> Page:
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.js_errors = errors  # checked by the tests: the page must run without script errors
    return page


@pytest.fixture
def page(browser, web_server) -> Iterator[Page]:
    context = new_context(browser, web_server.url, DESKTOP)
    yield _page(context)
    context.close()


@pytest.fixture
def phone_page(browser, web_server) -> Iterator[Page]:
    context = new_context(browser, web_server.url, PHONE)
    yield _page(context)
    context.close()


@pytest.fixture
def empty_page(browser, empty_web_server) -> Iterator[Page]:
    context = new_context(browser, empty_web_server.url, DESKTOP)
    yield _page(context)
    context.close()
