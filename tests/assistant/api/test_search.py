"""GET /api/search: ranked passages with German citations; filters; German 422s for bad filters."""

from __future__ import annotations

from helpers.api import assert_german_error

HIT_KEYS = {"chunk_id", "document", "document_title", "page", "page_end", "page_label", "section", "section_title",
            "goal_code", "text", "score", "citation"}


def test_search_returns_passages_with_citations(client):
    response = client.get("/api/search", params={"q": "Regionalmanagement Umsetzungsbudget"})
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["query"] == "Regionalmanagement Umsetzungsbudget"
    assert body["filters"] == {"doc": None, "section": None, "corridor": None, "k": 5}
    assert 1 <= len(body["hits"]) <= 5
    for hit in body["hits"]:
        assert HIT_KEYS <= set(hit)
        assert hit["citation"].startswith(hit["document_title"])
        assert hit["text"].strip()
    scores = [h["score"] for h in body["hits"]]
    assert scores == sorted(scores, reverse=True)


def test_document_and_section_filters(client):
    body = client.get("/api/search", params={"q": "Förderung", "doc": "grw", "section": "3.4", "k": 8}).json()
    assert body["hits"]
    assert all(h["document"] == "grw" for h in body["hits"])
    assert all(h["section"] == "3.4" or h["section"].startswith("3.4.") for h in body["hits"])
    assert all("Nr. 3.4" in h["citation"] and "S. " in h["citation"] for h in body["hits"])


def test_irek_goal_filter_and_k(client):
    body = client.get("/api/search", params={"q": "Wasserstoff", "doc": "irek", "corridor": "2", "k": 3}).json()
    assert 1 <= len(body["hits"]) <= 3
    assert all(h["document"] == "irek" for h in body["hits"])


def test_empty_filters_from_a_form_are_ignored(client):
    response = client.get("/api/search", params={"q": "Gründerzentrum", "doc": "", "section": ""})
    assert response.status_code == 200 and response.json()["filters"]["doc"] is None


def test_unknown_document_and_section_are_422_in_german(client):
    body = assert_german_error(client.get("/api/search", params={"q": "Förderung", "doc": "xyz"}), 422)
    assert "Unbekanntes Dokument „xyz“" in body["detail"] and "grw" in body["detail"]
    body = assert_german_error(client.get("/api/search", params={"q": "Förderung", "doc": "grw", "section": "99.9"}), 422)
    assert "Abschnitt „99.9“" in body["detail"]
    body = assert_german_error(client.get("/api/search", params={"q": "Förderung", "corridor": "7"}), 422)
    assert "Themenkorridor" in body["detail"]


def test_bad_queries(client):
    assert "fehlt" in assert_german_error(client.get("/api/search"), 422)["detail"]
    assert "nicht leer" in assert_german_error(client.get("/api/search", params={"q": ""}), 422)["detail"]
    assert "Suchbegriff" in assert_german_error(client.get("/api/search", params={"q": "   "}), 422)["detail"]
    assert "ganze Zahl" in assert_german_error(client.get("/api/search", params={"q": "GRW", "k": "viele"}), 422)["detail"]
    assert "mindestens 1" in assert_german_error(client.get("/api/search", params={"q": "GRW", "k": 0}), 422)["detail"]
    body = assert_german_error(client.get("/api/search", params={"q": "a" * 2001}), 413)
    assert "2.000 Zeichen" in body["detail"]
