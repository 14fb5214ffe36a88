"""Helpers of the API tests: SSE parsing, error checks; real servers come from helpers.servers."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any

import httpx
from helpers.servers import RunningServer, free_port, start_server, wait_until_up  # noqa: F401 - used by the tests

ADMIN_TOKEN = "test-verwaltung-7f3a"
ADMIN = {"Authorization": f"Bearer {ADMIN_TOKEN}"}
INDEX_HTML = "<!doctype html><html lang=\"de\"><title>IREK-Assistent</title><p>Testseite</p></html>\n"


# -- requests and answers --------------------------------------------------------------------------------------------------------

PROJECT_QUESTION = "Unsere Gemeinde will ein Gewerbegebiet mit eigener Wasserstoffversorgung bauen. Was passt?"
FACT_QUESTION = "Wie hoch ist der Fördersatz für die Erschließung von Gewerbegelände?"
OUT_OF_SCOPE_QUESTION = "Wie backe ich einen Apfelkuchen mit Streuseln?"


def without_timings(answer: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in answer.items() if k != "timings_ms"}


@dataclass
class SseEvent:
    event: str
    data: Any


def read_sse(response: httpx.Response) -> list[SseEvent]:
    """The events of a text/event-stream response (comments and pings skipped)."""
    events: list[SseEvent] = []
    kind, data = "message", []
    for line in response.iter_lines():
        if line == "":
            if data:
                events.append(SseEvent(kind, json.loads("\n".join(data))))
            kind, data = "message", []
        elif line.startswith(":"):
            continue
        elif line.startswith("event:"):
            kind = line[len("event:"):].strip()
        elif line.startswith("data:"):
            data.append(line[len("data:"):].removeprefix(" "))
    if data:
        events.append(SseEvent(kind, json.loads("\n".join(data))))
    return events


def chat(client: httpx.Client, payload: dict[str, Any]) -> tuple[httpx.Response, list[SseEvent]]:
    with client.stream("POST", "/api/chat", json=payload) as response:
        if response.status_code != 200:
            response.read()
            return response, []
        return response, read_sse(response)


def assert_german_error(response: httpx.Response, status: int) -> dict[str, Any]:
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/json")
    body = response.json()
    assert isinstance(body["detail"], str) and body["detail"].strip()
    assert "Traceback" not in response.text and "File \"" not in response.text
    return body


def passage_text(client: httpx.Client, chunk_id: str) -> str:
    response = client.get(f"/api/passages/{chunk_id}")
    assert response.status_code == 200, response.text
    return response.json()["text"]


TOP_KEYS = {"answer", "abstained", "goals", "funding_paths", "citations", "timings_ms"}


def assert_contract_shape(answer: dict) -> None:
    assert TOP_KEYS <= set(answer)
    assert isinstance(answer["answer"], str) and answer["answer"].strip()
    assert isinstance(answer["abstained"], bool)
    assert set(answer["timings_ms"]) >= {"retrieval", "total"}
    for goal in answer["goals"]:
        assert {"code", "title", "leitziel", "corridor", "score", "citations"} <= set(goal)
        assert re.fullmatch(r"[1-4]\.[1-5]\.\d", goal["code"])
        assert goal["leitziel"]["code"] == goal["code"].rsplit(".", 1)[0] and goal["leitziel"]["title"]
        assert goal["corridor"]["code"] == goal["code"][0] and goal["corridor"]["title"]
    for path in answer["funding_paths"]:
        assert {"id", "name", "max_rate", "applicants", "conditions", "citations"} <= set(path)
        assert isinstance(path["conditions"], list)
    numbers = [c["n"] for c in answer["citations"]]
    assert numbers == list(range(1, len(numbers) + 1))
    for citation in answer["citations"]:
        assert {"n", "document", "title", "page", "section", "quote", "chunk_id", "citation"} <= set(citation)
        assert citation["page"] is None or (isinstance(citation["page"], int) and citation["page"] >= 1)
        # the German citation string, formatted by the server only (the page shows it as it comes)
        assert citation["citation"].startswith(citation["title"]), citation
        page = citation.get("page_label") or citation["page"]
        assert (f", S. {page}" in citation["citation"]) == bool(page), citation
    used = {int(n) for n in re.findall(r"\[(\d+)\]", answer["answer"])}
    assert used <= set(numbers), "every number used in the answer exists in citations"
    for item in answer["goals"] + answer["funding_paths"]:
        assert set(item["citations"]) <= set(numbers)


def assert_quotes_verbatim(client, answer: dict) -> None:
    for citation in answer["citations"]:
        assert citation["quote"] in passage_text(client, citation["chunk_id"]), citation
