"""Real uvicorn servers for the API tests, talked to over real HTTP with httpx.

- `api_server`: the app on the index of the real corpus (`real_index`), with a temporary feedback database and a
  temporary static folder holding an index.html (the page itself is not part of these tests);
- `empty_server`: the app on an empty index directory (the 503 cases).
Both run in background threads of the test process (the embedding model is shared with the rest of the session).
"""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest
from helpers.api import ADMIN_TOKEN, INDEX_HTML, RunningServer, start_server
from pydantic import SecretStr

from assistant.core.settings import Settings


@pytest.fixture(scope="session")
def api_settings(real_index, tmp_path_factory) -> Settings:
    web = tmp_path_factory.mktemp("web")
    (web / "index.html").write_text(INDEX_HTML, encoding="utf-8")
    data = tmp_path_factory.mktemp("api-data")
    # The shared server of the API tests: admin token set (feedback list), no rate limit (the tests send many requests
    # from one address; the limits have servers of their own in test_limits.py).
    return real_index.model_copy(update={"feedback_db": data / "feedback.sqlite3", "web_dir": web,
                                         "admin_token": SecretStr(ADMIN_TOKEN), "rate_limit_per_minute": 0,
                                         "feedback_per_minute": 0})


@pytest.fixture(scope="session")
def api_server(api_settings) -> Iterator[RunningServer]:
    running = start_server(api_settings)
    yield running
    running.stop()


@pytest.fixture(scope="session")
def empty_settings(tmp_path_factory) -> Settings:
    root = tmp_path_factory.mktemp("empty")
    (root / "index").mkdir()
    return Settings(corpus_dir=root / "corpus", index_dir=root / "index", feedback_db=root / "feedback.sqlite3",
                    web_dir=root / "no-web")


@pytest.fixture(scope="session")
def empty_server(empty_settings) -> Iterator[RunningServer]:
    running = start_server(empty_settings)
    yield running
    running.stop()


@pytest.fixture
def client(api_server) -> Iterator[httpx.Client]:
    with api_server.client() as http:
        yield http


@pytest.fixture
def empty_client(empty_server) -> Iterator[httpx.Client]:
    with empty_server.client() as http:
        yield http
