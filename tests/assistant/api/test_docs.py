"""/docs: Swagger UI from the installed package, nothing from outside, under the page's CSP; off in production."""

from __future__ import annotations

import re

from helpers.api import assert_german_error, start_server


def test_docs_load_nothing_from_outside(client):
    page = client.get("/docs")
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    assert "default-src 'self'" in page.headers["content-security-policy"]
    assert "<script>" not in page.text  # no inline script: the CSP allows none
    assets = re.findall(r'(?:src|href)="([^"]+)"', page.text)
    assert assets and all(a.startswith("/docs/") for a in assets), assets
    for asset in assets:
        response = client.get(asset)
        assert response.status_code == 200, asset
        assert "cdn" not in response.text[:2000].lower() or asset.endswith(".js")
    assert client.get("/docs/init.js").headers["content-type"].startswith("text/javascript")
    assert client.get("/redoc").status_code == 404  # ReDoc would load from a CDN


def test_production_mode_turns_docs_and_schema_off(empty_settings, tmp_path):
    running = start_server(empty_settings.model_copy(update={"api_docs": False, "index_watch_s": 0,
                                                             "feedback_db": tmp_path / "f.sqlite3"}))
    try:
        with running.client() as http:
            assert_german_error(http.get("/docs"), 404)
            assert_german_error(http.get("/openapi.json"), 404)
            assert http.get("/healthz").status_code == 200
    finally:
        running.stop()
