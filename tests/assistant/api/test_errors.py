"""Bad input and failures: German JSON errors (422/413/404/405/500/503), never a stack trace."""

from __future__ import annotations

import pytest
from helpers.api import assert_german_error, chat


def test_malformed_bodies_are_422_in_german(client):
    response = client.post("/api/ask", content=b'{"question": ', headers={"content-type": "application/json"})
    body = assert_german_error(response, 422)
    assert body["detail"] == "Der Inhalt der Anfrage ist kein gültiges JSON."
    assert body["errors"][0]["field"] == "body"
    body = assert_german_error(client.post("/api/ask", json=["Frage"]), 422)
    assert "JSON-Objekt" in body["detail"]
    body = assert_german_error(client.post("/api/ask", json={"question": 42}), 422)
    assert "muss ein Text sein" in body["detail"]
    body = assert_german_error(client.post("/api/ask", json={"question": "Was?", "history": [{"role": "bot",
                                                                                               "content": "x"}]}), 422)
    assert "Rolle" in body["detail"] and "history.0.role" in body["errors"][0]["field"]


def test_empty_question_is_422_in_german(client):
    for question in ("", "   \n\t"):
        body = assert_german_error(client.post("/api/ask", json={"question": question}), 422)
        assert "Frage" in body["detail"] or "Suchbegriff" in body["detail"]
    assert "fehlt" in assert_german_error(client.post("/api/ask", json={}), 422)["detail"]


def test_question_of_2001_characters_is_413_and_2000_is_accepted(client):
    body = assert_german_error(client.post("/api/ask", json={"question": "Förderung " * 200 + "x"}), 413)
    assert body["detail"] == "Die Angabe „Frage“ (question) ist zu lang (höchstens 2.000 Zeichen)."
    assert client.post("/api/ask", json={"question": ("Gewerbegebiet Förderung " * 100)[:2000]}).status_code == 200
    response, _ = chat(client, {"question": "y" * 2001})
    assert_german_error(response, 413)


def test_oversized_body_is_413(client):
    response = client.post("/api/feedback", content=b"{" + b" " * (3 * 1024 * 1024) + b"}",
                           headers={"content-type": "application/json"})
    assert "zu groß" in assert_german_error(response, 413)["detail"]


def test_unknown_address_and_method(client):
    assert assert_german_error(client.get("/api/nichts"), 404)["detail"] == "Diese Adresse gibt es nicht."
    response = client.get("/api/ask")
    assert "Methode" in assert_german_error(response, 405)["detail"]
    assert response.headers["allow"] == "POST"
    assert assert_german_error(client.post("/healthz"), 405)["detail"]


@pytest.mark.parametrize("method,path,payload", [
    ("POST", "/api/ask", {"question": "Was passt zu einem Gewerbegebiet?"}),
    ("POST", "/api/chat", {"question": "Was passt zu einem Gewerbegebiet?"}),
    ("POST", "/api/match", {"applicant_type": "company", "description": "Neue Halle"}),
    ("GET", "/api/search?q=GRW", None),
    ("GET", "/api/goals", None),
    ("GET", "/api/goals/2.3.1", None),
    ("GET", "/api/documents", None),
    ("GET", "/api/passages/irek:2.3.1:0:d2ed14db9b", None),
])
def test_without_index_every_answering_route_is_503_with_the_readyz_message(empty_client, method, path, payload):
    body = assert_german_error(empty_client.request(method, path, json=payload), 503)
    assert body["detail"] == empty_client.get("/readyz").json()["detail"]
    assert "irek ingest" in body["reason"]


def test_unexpected_failure_is_500_in_german_without_details(api_server, client, monkeypatch, caplog):
    retriever = api_server.state.pipeline.retriever

    def broken(*args, **kwargs):
        raise RuntimeError("geheimer interner Zustand /var/lib/irek")

    monkeypatch.setattr(retriever, "search", broken)
    response = client.get("/api/search", params={"q": "GRW"})
    body = assert_german_error(response, 500)
    assert "interner Fehler" in body["detail"]
    assert "geheimer" not in response.text and "RuntimeError" not in response.text


def test_failure_inside_the_stream_is_an_error_event(api_server, client, monkeypatch):
    service = api_server.state.pipeline

    def broken(*args, **kwargs):
        raise RuntimeError("geheim")

    monkeypatch.setattr(service, "decide", broken)
    response, events = chat(client, {"question": "Was passt zu einem Gewerbegebiet?"})
    assert response.status_code == 200
    assert [e.event for e in events] == ["error"]
    assert "interner Fehler" in events[0].data["detail"] and "geheim" not in str(events[0].data)
