"""POST/GET /api/feedback: ratings stored durably in SQLite, still there for a new server process."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys

import httpx
import pytest
from helpers.api import ADMIN, ADMIN_TOKEN, PROJECT_QUESTION, assert_german_error, free_port, wait_until_up


def test_feedback_is_stored_with_timestamp_and_listed_newest_first(client, api_settings):
    answer = client.post("/api/ask", json={"question": PROJECT_QUESTION}).json()
    first = client.post("/api/feedback", json={"question": PROJECT_QUESTION, "answer": answer, "rating": "up",
                                               "answer_id": "a-1"})
    assert first.status_code == 201, first.text
    second = client.post("/api/feedback", json={"question": PROJECT_QUESTION, "answer": answer["answer"],
                                                "rating": "down", "comment": "Der Fördersatz für Kommunen fehlt."})
    assert second.status_code == 201
    stored = second.json()
    assert stored["rating"] == "down" and stored["comment"] == "Der Fördersatz für Kommunen fehlt."
    assert stored["created_at"].endswith("+00:00") and stored["id"] > first.json()["id"]

    listed = client.get("/api/feedback", params={"limit": 2}, headers=ADMIN).json()
    assert listed["total"] >= 2
    assert [item["id"] for item in listed["items"]] == [stored["id"], first.json()["id"]]
    assert listed["items"][1]["answer"] == answer  # the whole answer JSON comes back as JSON
    assert listed["items"][1]["answer_id"] == "a-1"

    with sqlite3.connect(api_settings.feedback_db_path) as db:
        row = db.execute("SELECT rating, comment, created_at FROM feedback WHERE id = ?", (stored["id"],)).fetchone()
    assert row[0] == "down" and row[1] == "Der Fördersatz für Kommunen fehlt." and row[2] == stored["created_at"]


@pytest.fixture
def feedback_process(tmp_path, api_settings):
    """`irek serve` in a new process, on the same feedback file (and on an empty index: feedback needs none)."""
    port = free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("IREK_")}
    env.update(IREK_FEEDBACK_DB=str(api_settings.feedback_db_path), IREK_INDEX_DIR=str(tmp_path / "no-index"),
               IREK_WEB_DIR=str(tmp_path / "no-web"), IREK_ADMIN_TOKEN=ADMIN_TOKEN, ANONYMIZED_TELEMETRY="False")
    process = subprocess.Popen([sys.executable, "-c", "from assistant.cli.commands import main; main()", "serve",
                                "--host", "127.0.0.1", "--port", str(port)],
                               env=env, cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    base_url = f"http://127.0.0.1:{port}"
    try:
        wait_until_up(base_url, lambda: process.poll() is None)
        yield base_url
    finally:
        process.terminate()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()


def test_feedback_survives_in_a_new_server_process(client, feedback_process):
    stored = client.post("/api/feedback", json={"question": "Was ist das IREK?", "answer": "Ein Konzept [1].",
                                                "rating": "up", "comment": "Prozessübergreifend gespeichert"}).json()
    with httpx.Client(base_url=feedback_process, timeout=60) as other:
        assert other.get("/readyz").status_code == 503  # no index in that process
        items = other.get("/api/feedback", params={"limit": 1000}, headers=ADMIN).json()["items"]
    assert any(item["id"] == stored["id"] and item["comment"] == "Prozessübergreifend gespeichert" for item in items)


def test_invalid_feedback_is_rejected_in_german(client):
    base = {"question": "Was ist das IREK?", "answer": "Ein Konzept.", "rating": "up"}
    body = assert_german_error(client.post("/api/feedback", json={**base, "rating": "gut"}), 422)
    assert "Bewertung" in body["detail"] and "'up' oder 'down'" in body["detail"]
    body = assert_german_error(client.post("/api/feedback", json={k: v for k, v in base.items() if k != "question"}), 422)
    assert "„Frage“" in body["detail"] and "fehlt" in body["detail"]
    body = assert_german_error(client.post("/api/feedback", json={**base, "comment": "x" * 2001}), 413)
    assert "Kommentar" in body["detail"] and "2.000" in body["detail"]
    assert_german_error(client.get("/api/feedback", params={"limit": 0}, headers=ADMIN), 422)


def test_feedback_fields_are_bounded(client):
    base = {"question": "Was ist das IREK?", "rating": "up"}
    body = assert_german_error(client.post("/api/feedback", json={**base, "answer": "x" * 50001}), 422)
    assert "50.000" in body["detail"]
    big = {"answer": "y" * 40000, "citations": ["z" * 20000]}  # an answer JSON counts as serialised
    assert "50.000" in assert_german_error(client.post("/api/feedback", json={**base, "answer": big}), 422)["detail"]
    deep: dict = {}
    for _ in range(40):
        deep = {"a": deep}
    assert "verschachtelt" in assert_german_error(client.post("/api/feedback", json={**base, "answer": deep}),
                                                  400)["detail"]
    assert_german_error(client.post("/api/feedback", json={**base, "answer": "ok", "answer_id": "i" * 201}), 413)
    # control characters are removed and lone surrogates replaced inside an answer JSON; in a text field a lone
    # surrogate is a German 422: never a 500 (no database or UTF-8 response can hold one)
    raw = '{"question": "Was\\u0000 ist das?", "answer": {"t\\udfff": ["a\\u0007b\\ud800"]}, "rating": "up"}'
    stored = client.post("/api/feedback", content=raw.encode(), headers={"content-type": "application/json"})
    assert stored.status_code == 201, stored.text
    assert stored.json()["question"] == "Was  ist das?" and stored.json()["answer"] == {"t\ufffd": ["a b\ufffd"]}
    raw = '{"question": "Was ist\\ud800 das?", "answer": "a", "rating": "up"}'
    body = assert_german_error(client.post("/api/feedback", content=raw.encode(),
                                           headers={"content-type": "application/json"}), 422)
    assert "ungültige Zeichen" in body["detail"]


def test_reading_feedback_needs_the_admin_token(client, empty_client):
    assert client.get("/api/feedback").status_code == 401
    response = client.get("/api/feedback")
    assert "Verwaltungs-Token" in assert_german_error(response, 401)["detail"]
    assert response.headers["www-authenticate"] == "Bearer"
    wrong = client.get("/api/feedback", headers={"Authorization": "Bearer falsch"})
    assert "falsch" in assert_german_error(wrong, 403)["detail"]
    assert client.get("/api/feedback", headers=ADMIN).status_code == 200
    # without a configured token the list is off altogether, and posting stays open
    off = assert_german_error(empty_client.get("/api/feedback", headers=ADMIN), 404)
    assert "abgeschaltet" in off["detail"] and "IREK_ADMIN_TOKEN" in off["detail"]
    posted = empty_client.post("/api/feedback", json={"question": "Was?", "answer": "Nichts.", "rating": "down"})
    assert posted.status_code == 201
