"""The limits of assistant/api/limits.py against real uvicorn servers on 127.0.0.1: the body counted as it arrives
(chunked included), slow uploads, unreadable bodies, the rate limit, the cap on answers in work, the deadline, and
the security headers. Servers with tight limits of their own; the empty-index ones start without loading a model."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator

import httpx
import pytest
from helpers.api import PROJECT_QUESTION, assert_german_error, read_sse, start_server

from assistant.core.settings import Settings

HEALTH_LIMIT_S = 2.0  # /healthz answers within this while a slow request runs (a generous bound against a hang)


def _empty_settings(root, **limits) -> Settings:  # noqa: ANN001, ANN003
    (root / "index").mkdir(parents=True, exist_ok=True)
    return Settings(corpus_dir=root / "corpus", index_dir=root / "index", feedback_db=root / "feedback.sqlite3",
                    web_dir=root / "no-web", index_watch_s=0, **limits)


@pytest.fixture(scope="module")
def limited(tmp_path_factory) -> Iterator[httpx.Client]:
    """An empty index, 64 KiB bodies, 1 s to send them; no rate limit (it has a server of its own)."""
    settings = _empty_settings(tmp_path_factory.mktemp("limited"), max_body_bytes=64 * 1024, body_read_timeout_s=1.0,
                               rate_limit_per_minute=0)
    running = start_server(settings)
    with running.client() as http:
        yield http
    running.stop()


def test_security_headers_on_every_response(limited):
    for response in (limited.get("/healthz"), limited.get("/api/nichts"), limited.get("/openapi.json"),
                     limited.post("/api/feedback", json={})):
        csp = response.headers["content-security-policy"]
        assert "default-src 'self'" in csp and "frame-ancestors 'none'" in csp and "http" not in csp
        assert response.headers["x-content-type-options"] == "nosniff"
        assert response.headers["x-frame-options"] == "DENY"
        assert response.headers["referrer-policy"] == "no-referrer"


def test_declared_oversize_body_is_413(limited):
    response = limited.post("/api/feedback", content=b"{" + b" " * (70 * 1024) + b"}",
                            headers={"content-type": "application/json"})
    assert "zu groß" in assert_german_error(response, 413)["detail"]


def test_chunked_oversize_body_is_counted_as_it_arrives(limited):
    """A chunked body that never ends: 413 as soon as 64 KiB have arrived (had the server waited for the end, the
    1 s read limit would have answered 408 instead)."""
    port = int(str(limited.base_url).rsplit(":", 1)[1].rstrip("/"))
    head = (b"POST /api/feedback HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
            b"Transfer-Encoding: chunked\r\n\r\n")
    chunk = b"x" * 8192
    data, _ = _raw_request(port, head, (b"2000\r\n" + chunk + b"\r\n") * 9, wait_s=8)  # 72 KiB, no last chunk
    assert data.startswith(b"HTTP/1.1 413"), data[:200]
    assert "zu groß".encode() in data and "64 KB".encode() not in data

    def chunks() -> Iterator[bytes]:  # httpx sends a generator with Transfer-Encoding: chunked
        yield b'{"question": "Was ist das IREK?", "rating": "up", "answer": "'
        for _ in range(100):
            yield b"x" * 8192
        yield b'"}'

    response = limited.post("/api/feedback", content=chunks(), headers={"content-type": "application/json"})
    assert "zu groß" in assert_german_error(response, 413)["detail"]
    small = limited.post("/api/feedback", content=iter([b'{"question": "Was?", ', b'"answer": "Ja.", "rating": "up"}']),
                         headers={"content-type": "application/json"})
    assert small.status_code == 201, small.text


def _raw_request(port: int, head: bytes, body_part: bytes, wait_s: float) -> tuple[bytes, float]:
    """Send the head and part of a body, then nothing; what comes back and after how long."""
    with socket.create_connection(("127.0.0.1", port), timeout=10) as sock:
        started = time.monotonic()
        sock.sendall(head + body_part)
        sock.settimeout(wait_s)
        data = b""
        try:
            while chunk := sock.recv(65536):
                data += chunk
        except (socket.timeout, ConnectionResetError):
            pass
        return data, time.monotonic() - started


def test_slow_upload_times_out_with_408(limited):
    port = int(str(limited.base_url).rsplit(":", 1)[1].rstrip("/"))
    head = (b"POST /api/feedback HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
            b"Content-Length: 1000\r\n\r\n")
    data, took = _raw_request(port, head, b'{"question": "Was', wait_s=8)
    assert data.startswith(b"HTTP/1.1 408"), data[:200]
    assert "zu langsam".encode() in data
    assert took < 6  # the 1 s read limit, with room for a busy machine
    chunked_head = (b"POST /api/feedback HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                    b"Transfer-Encoding: chunked\r\n\r\n")
    data, _ = _raw_request(port, chunked_head, b"5\r\n{\"que\r\n", wait_s=8)
    assert data.startswith(b"HTTP/1.1 408"), data[:200]


def test_invalid_utf8_and_over_deep_json_are_german_400s(limited):
    body = assert_german_error(limited.post("/api/feedback", content=b'{"question": "Gr\xfc\xdfe", "answer": "a", '
                                                                      b'"rating": "up"}',
                                            headers={"content-type": "application/json"}), 400)
    assert "UTF-8" in body["detail"]
    deep = b"[" * 5000 + b"]" * 5000
    assert "verschachtelt" in assert_german_error(limited.post("/api/export", content=deep,
                                                               headers={"content-type": "application/json"}),
                                                  400)["detail"]
    nested = b'{"question": "x", "answer": ' + b'{"a": ' * 40 + b"1" + b"}" * 40 + b', "rating": "up"}'
    assert "32 Ebenen" in assert_german_error(limited.post("/api/feedback", content=nested), 400)["detail"]
    spec = limited.get("/openapi.json").json()["paths"]
    for path in ("/api/ask", "/api/feedback", "/api/export", "/api/match", "/api/chat"):
        assert {"400", "408", "413", "429"} <= set(spec[path]["post"]["responses"]), path


def test_503_reason_names_no_file_path(limited, tmp_path_factory):
    response = limited.get("/api/documents")
    body = assert_german_error(response, 503)
    assert "irek ingest" in body["reason"] and "/" not in body["reason"].replace("IREK_", "")
    assert response.headers["retry-after"]
    ready = limited.get("/readyz").json()
    assert "/" not in ready["reason"]


def test_rate_limit_answers_429_with_retry_after(tmp_path):
    running = start_server(_empty_settings(tmp_path, rate_limit_per_minute=6, rate_limit_burst=3,
                                           feedback_per_minute=2))
    try:
        with running.client() as http:
            assert [http.get("/api/documents").status_code for _ in range(3)] == [503, 503, 503]
            limited = http.get("/api/documents")
            body = assert_german_error(limited, 429)
            assert "Zu viele Anfragen" in body["detail"]
            assert 1 <= int(limited.headers["retry-after"]) <= 10
            assert http.get("/healthz").status_code == 200  # never limited
            assert http.get("/readyz").status_code == 503
    finally:
        running.stop()
    running = start_server(_empty_settings(tmp_path / "feedback", feedback_per_minute=2, rate_limit_burst=50))
    try:
        with running.client() as http:
            posts = [http.post("/api/feedback", json={"question": "Was?", "answer": "Ja.", "rating": "up"})
                     for _ in range(3)]
            assert [p.status_code for p in posts] == [201, 201, 429]
            assert "Rückmeldungen" in posts[2].json()["detail"] and int(posts[2].headers["retry-after"]) >= 1
    finally:
        running.stop()


# -- answers: the cap and the deadline, on the real index -------------------------------------------------------------

@pytest.fixture(scope="module")
def strict(api_settings) -> Iterator:
    settings = api_settings.model_copy(update={"max_concurrent_answers": 1, "request_deadline_s": 2.0,
                                               "index_watch_s": 0})
    running = start_server(settings)
    yield running
    running.stop()


def _slow_prepare(running, monkeypatch, seconds: float) -> None:  # noqa: ANN001
    pipeline = running.state.pipeline
    prepare = pipeline.prepare

    def slow(*args, **kwargs):  # noqa: ANN002, ANN003
        time.sleep(seconds)
        return prepare(*args, **kwargs)

    monkeypatch.setattr(pipeline, "prepare", slow)


def _healthz_while(running, action) -> tuple[object, list[float]]:  # noqa: ANN001
    """Run `action` in a thread and time /healthz meanwhile."""
    result: dict = {}
    worker = threading.Thread(target=lambda: result.setdefault("value", action()))
    worker.start()
    times = []
    with httpx.Client(base_url=running.base_url, timeout=10) as probe:
        while worker.is_alive():
            started = time.monotonic()
            assert probe.get("/healthz").status_code == 200
            times.append(time.monotonic() - started)
            time.sleep(0.05)
    worker.join()
    return result.get("value"), times


def test_too_many_answers_at_once_get_503_with_retry_after(strict, monkeypatch):
    _slow_prepare(strict, monkeypatch, 1.0)
    results: list[httpx.Response] = []

    def ask() -> None:
        with strict.client() as http:
            results.append(http.post("/api/ask", json={"question": PROJECT_QUESTION}))

    first = threading.Thread(target=ask)
    first.start()
    time.sleep(0.3)  # the first answer is in work
    with strict.client() as http:
        refused = http.post("/api/match", json={"description": PROJECT_QUESTION})
        assert http.get("/api/goals").status_code == 200  # only answers are capped
    first.join()
    assert results[0].status_code == 200
    body = assert_german_error(refused, 503)
    assert "gleichzeitig" in body["detail"] and int(refused.headers["retry-after"]) >= 1


def test_deadline_gives_504_and_healthz_answers_meanwhile(strict, monkeypatch):
    _slow_prepare(strict, monkeypatch, 3.5)

    def ask() -> httpx.Response:
        with strict.client() as http:
            return http.post("/api/ask", json={"question": PROJECT_QUESTION})

    response, health_times = _healthz_while(strict, ask)
    body = assert_german_error(response, 504)
    assert "Zeitlimit 2 Sekunden" in body["detail"]
    assert health_times and max(health_times) < HEALTH_LIMIT_S

    def chat() -> list:
        with strict.client() as http, http.stream("POST", "/api/chat", json={"question": PROJECT_QUESTION}) as r:
            return read_sse(r)

    time.sleep(2)  # let the abandoned worker thread of the first request finish
    events, _ = _healthz_while(strict, chat)
    assert events[-1].event == "error" and "Zeitlimit" in events[-1].data["detail"]


def test_history_longer_than_the_cap_is_a_german_422(client):
    history = [{"role": "user", "content": "Wir planen ein Gründerzentrum. " * 100}] * 12  # 12 × 3,100 characters
    body = assert_german_error(client.post("/api/ask", json={"question": "Und dafür?", "history": history}), 422)
    assert "Verlauf ist zu lang" in body["detail"] and "30.000" in body["detail"]
    turns = [{"role": "user", "content": "Frage"}] * 41
    body = assert_german_error(client.post("/api/ask", json={"question": "Und dafür?", "history": turns}), 422)
    assert "zu viele Einträge" in body["detail"]
