"""The shipped web page as the app serves it (a real uvicorn server, no index needed): compressed with gzip, cached
with validators (ETag, Last-Modified, 304 on a match) and asked about again on every load (no-cache)."""

from __future__ import annotations

from collections.abc import Iterator
from email.utils import parsedate_to_datetime

import httpx
import pytest
from helpers.servers import RunningServer, start_server

from assistant.core.settings import Settings


@pytest.fixture(scope="module")
def page_server(tmp_path_factory) -> Iterator[RunningServer]:
    root = tmp_path_factory.mktemp("page")
    (root / "index").mkdir()
    running = start_server(Settings(corpus_dir=root / "corpus", index_dir=root / "index",
                                    feedback_db=root / "feedback.sqlite3"))
    yield running
    running.stop()


@pytest.mark.integration  # a server
@pytest.mark.parametrize("path", ["/", "/styles.css", "/js/answer.js"])
def test_static_files_are_gzipped_and_cached_with_validators(page_server, path):
    with httpx.Client(base_url=page_server.url, timeout=30) as client:
        plain = client.get(path, headers={"Accept-Encoding": "identity"})
        assert plain.status_code == 200 and "content-encoding" not in plain.headers
        packed = client.get(path, headers={"Accept-Encoding": "gzip"})
        assert packed.status_code == 200
        assert packed.headers["content-encoding"] == "gzip" and "Accept-Encoding" in packed.headers["vary"]
        assert packed.content == plain.content  # httpx unpacks it: the same file
        assert int(packed.headers["content-length"]) < len(plain.content) / 2
        assert packed.headers["cache-control"] == "no-cache"
        etag, modified = plain.headers["etag"], plain.headers["last-modified"]
        assert parsedate_to_datetime(modified)
        again = client.get(path, headers={"If-None-Match": etag})
        assert again.status_code == 304 and again.content == b""
        since = client.get(path, headers={"If-Modified-Since": modified})
        assert since.status_code == 304
        changed = client.get(path, headers={"If-None-Match": '"something-else"'})
        assert changed.status_code == 200


@pytest.mark.integration
def test_api_paths_still_refuse_wrong_methods_and_the_stream_is_not_gzipped(page_server):
    with httpx.Client(base_url=page_server.url, timeout=30) as client:
        assert client.get("/api/ask").status_code == 405  # the page's mount never swallows an API route
        response = client.post("/api/chat", json={"question": "Test"}, headers={"Accept-Encoding": "gzip"})
        assert "content-encoding" not in response.headers
