"""/healthz, /readyz, the static page at "/" and the OpenAPI documentation."""

from __future__ import annotations

from helpers.api import INDEX_HTML, assert_german_error

from assistant.index.store import IndexSnapshot


def test_healthz_says_the_process_is_up(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


def test_readyz_reports_the_loaded_index(client, api_settings):
    response = client.get("/readyz")
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["status"] == "bereit"
    assert body["documents"] >= 2 and body["passages"] > 100
    assert body["llm"] is False
    assert body["build_id"] == IndexSnapshot.open(api_settings.index_dir).manifest["build_id"]  # replicas compare it


def test_without_index_the_process_is_up_but_not_ready(empty_client):
    assert empty_client.get("/healthz").status_code == 200
    body = assert_german_error(empty_client.get("/readyz"), 503)
    assert body["status"] == "nicht bereit"
    assert "nicht bereit" in body["detail"] and "Suchindex" in body["detail"]
    assert "irek ingest" in body["reason"]


def test_root_serves_the_page_and_api_routes_take_precedence(client):
    page = client.get("/")
    assert page.status_code == 200
    assert page.headers["content-type"].startswith("text/html")
    assert page.text == INDEX_HTML
    assert client.get("/healthz").json() == {"status": "ok"}
    assert client.get("/docs").status_code == 200
    assert client.get("/openapi.json").json()["info"]["title"] == "IREK-Assistent"
    assert client.get("/api/goals").headers["content-type"].startswith("application/json")
    assert_german_error(client.get("/api/gibt-es-nicht"), 404)


def test_without_page_folder_root_is_a_german_404(empty_client):
    body = assert_german_error(empty_client.get("/"), 404)
    assert body["detail"] == "Diese Adresse gibt es nicht."


def test_openapi_documents_every_endpoint_with_german_examples(client):
    spec = client.get("/openapi.json").json()
    paths = spec["paths"]
    for path, method in [("/api/ask", "post"), ("/api/chat", "post"), ("/api/search", "get"), ("/api/goals", "get"),
                         ("/api/goals/{code}", "get"), ("/api/documents", "get"), ("/api/passages/{chunk_id}", "get"),
                         ("/api/match", "post"), ("/api/feedback", "post"), ("/api/feedback", "get"),
                         ("/api/export", "post"), ("/healthz", "get"), ("/readyz", "get")]:
        assert method in paths[path], (path, method)
    schemas = spec["components"]["schemas"]
    ask_examples = schemas["AskRequest"]["examples"]
    assert any("Gewerbegebiet" in example["question"] for example in ask_examples)
    assert any(example.get("history") for example in ask_examples)
    assert "Handlungsziel" in schemas["AnswerOut"]["examples"][0]["answer"]
    assert schemas["MatchRequest"]["examples"][0]["municipality"] == "Melle"
    assert "hilfreich" in schemas["FeedbackIn"]["properties"]["rating"]["description"]
    search_q = next(p for p in paths["/api/search"]["get"]["parameters"] if p["name"] == "q")
    assert "Fördersatz Gewerbegelände" in (search_q.get("examples") or search_q["schema"].get("examples"))
    assert "text/event-stream" in paths["/api/chat"]["post"]["responses"]["200"]["content"]
    assert {"413", "422", "503"} <= set(paths["/api/ask"]["post"]["responses"])
