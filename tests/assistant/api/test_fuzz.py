"""Pathological input into every text field of every route, against the real server: long runs of digits, spaces,
umlauts and punctuation, at each field's limit and far beyond it. Every request is answered (never 5xx) within a
bound, and /healthz answers all the while: no input may stall the server (issue 15: 20,000 digits in one history
turn once took 43 s and froze /healthz). The bounds are generous guards against a hang, not speed targets."""

from __future__ import annotations

import threading
import time
from typing import Any

import httpx
import pytest

REQUEST_LIMIT_S = 15.0
HEALTH_LIMIT_S = 3.0

RUNS = {
    "digits": "7",
    "spaces": " ",
    "umlauts": "äöüÄÖÜß",
    "punctuation": ".,;:!?-–()[]{}\"'/%§&*",
    "digit-words": "12 ",
    "dotted": "1.",
}


def run(kind: str, length: int) -> str:
    unit = RUNS[kind]
    return (unit * (length // len(unit) + 1))[:length]


def cases(asked: dict[str, Any]) -> list[tuple[str, str, str, dict[str, Any]]]:
    """(label, method, path, request kwargs) for every text field of every route."""
    found: list[tuple[str, str, str, dict[str, Any]]] = []
    for kind in RUNS:
        for length in (2000, 20000, 200000):
            text = run(kind, length)
            short = text[:2000]
            label = f"{kind}×{length}"
            found += [
                (f"ask.question {label}", "POST", "/api/ask", {"json": {"question": text}}),
                (f"ask.history {label}", "POST", "/api/ask", {"json": {
                    "question": "Und wie hoch wäre der Fördersatz dafür?",
                    "history": [{"role": "user", "content": text[:20000]},
                                {"role": "assistant", "content": text[:9000]}]}}),
                (f"chat.question {label}", "POST", "/api/chat", {"json": {"question": short, "history": [
                    {"role": "user", "content": text[:20000]}]}}),
                (f"match.description {label}", "POST", "/api/match", {"json": {"description": text}}),
                (f"match.sector {label}", "POST", "/api/match", {"json": {"description": "Neue Halle",
                                                                           "sector": text[:200]}}),
                (f"match.municipality {label}", "POST", "/api/match", {"json": {"description": "Neue Halle",
                                                                                 "municipality": text[:100]}}),
                (f"search.q {label}", "GET", "/api/search", {"params": {"q": text[:8000]}}),
                (f"search.filters {label}", "GET", "/api/search", {"params": {
                    "q": "Förderung", "doc": text[:2000], "section": text[:2000], "corridor": text[:2000]}}),
                (f"goals.code {label}", "GET", f"/api/goals/{short[:1000]}", {}),
                (f"passages.chunk_id {label}", "GET", f"/api/passages/{short[:1000]}", {}),
                (f"feedback {label}", "POST", "/api/feedback", {"json": {
                    "question": short, "answer": text[:50000], "rating": "down", "comment": short,
                    "answer_id": text[:200]}}),
                (f"export {label}", "POST", "/api/export", {"json": {"format": "docx", "title": text[:200], "answers": [{
                    **asked, "question": short, "answer": text[:50000],
                    "citations": [{**c, "quote": text[:5000]} for c in asked["citations"]]}]}}),
            ]
    return found


@pytest.fixture(scope="module")
def asked(api_server) -> dict:
    with api_server.client() as client:
        answer = client.post("/api/ask", json={"question": "Wie hoch ist der Fördersatz für Gewerbegelände?"}).json()
    return {"question": "Fördersatz?", **answer}


def test_no_input_stalls_the_server(api_server, asked):
    stop = threading.Event()
    health: list[float] = []
    failures: list[str] = []

    def probe() -> None:
        with httpx.Client(base_url=api_server.base_url, timeout=30) as http:
            while not stop.is_set():
                started = time.monotonic()
                try:
                    ok = http.get("/healthz").status_code == 200
                except httpx.HTTPError as error:
                    ok = False
                    failures.append(f"/healthz: {type(error).__name__}")
                health.append(time.monotonic() - started)
                if not ok:
                    failures.append("/healthz not 200")
                stop.wait(0.1)

    prober = threading.Thread(target=probe, daemon=True)
    prober.start()
    slow: list[str] = []
    try:
        with httpx.Client(base_url=api_server.base_url, timeout=REQUEST_LIMIT_S * 2) as http:
            for label, method, path, kwargs in cases(asked):
                started = time.monotonic()
                try:
                    response = http.request(method, path, **kwargs)
                except httpx.HTTPError as error:  # the server stalled: the rest would only wait for it as well
                    failures.append(f"{label}: {type(error).__name__} after {time.monotonic() - started:.0f} s")
                    break
                took = time.monotonic() - started
                if response.status_code >= 500:
                    failures.append(f"{label}: {response.status_code} {response.text[:200]}")
                if took > REQUEST_LIMIT_S:
                    slow.append(f"{label}: {took:.1f} s")
    finally:
        stop.set()
        prober.join(timeout=60)
    assert not failures, failures
    assert not slow, slow
    assert health and max(health) < HEALTH_LIMIT_S, f"/healthz took up to {max(health):.1f} s"
