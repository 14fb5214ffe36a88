"""POST /api/chat: the answer as Server-Sent Events — `delta` pieces, then one `answer` equal to /api/ask."""

from __future__ import annotations

import html
import json
import re
from typing import Any

import pytest
from helpers.api import (FACT_QUESTION, OUT_OF_SCOPE_QUESTION, PROJECT_QUESTION, assert_german_error, chat,
                         passage_text, start_server, without_timings)
from langchain_core.language_models import BaseChatModel
from langchain_core.messages import AIMessage, AIMessageChunk
from langchain_core.outputs import ChatGeneration, ChatGenerationChunk, ChatResult

from assistant.answer.llm import LLMComposer


def assert_event_order(events) -> None:
    kinds = [e.event for e in events]
    assert kinds[-1] == "answer", kinds
    assert kinds.count("answer") == 1 and "error" not in kinds
    assert set(kinds[:-1]) == {"delta"}, kinds
    assert len(kinds) >= 2, "at least one delta before the answer"


@pytest.mark.parametrize("question", [PROJECT_QUESTION, FACT_QUESTION, OUT_OF_SCOPE_QUESTION])
def test_stream_is_deltas_then_the_same_answer_as_ask(client, question):
    response, events = chat(client, {"question": question})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/event-stream")
    assert_event_order(events)
    final = events[-1].data
    assert "".join(e.data["text"] for e in events[:-1]) == final["answer"]
    asked = client.post("/api/ask", json={"question": question}).json()
    assert without_timings(final) == without_timings(asked)
    assert set(final["timings_ms"]) >= {"retrieval", "total"}


def test_project_answer_streams_paragraph_by_paragraph(client):
    _, events = chat(client, {"question": PROJECT_QUESTION})
    deltas = [e.data["text"] for e in events if e.event == "delta"]
    assert len(deltas) == events[-1].data["answer"].count("\n\n") + 1 > 1
    assert all(piece.startswith("\n\n") for piece in deltas[1:])


def test_stream_with_history(client):
    history = [{"role": "user", "content": "Wir sind ein Maschinenbauer in Melle und wollen eine Halle bauen."}]
    payload = {"question": "Und wie hoch wäre der Fördersatz?", "history": history}
    _, events = chat(client, payload)
    assert_event_order(events)
    assert without_timings(events[-1].data) == without_timings(client.post("/api/ask", json=payload).json())


def test_invalid_chat_requests_get_json_errors_not_a_stream(client):
    response, events = chat(client, {"question": ""})
    assert_german_error(response, 422)
    assert events == []
    response, _ = chat(client, {"question": "x" * 2001})
    assert_german_error(response, 413)
    response, _ = chat(client, {"history": []})
    assert "fehlt" in assert_german_error(response, 422)["detail"]


# -- with a language model (a fake chat model that cites the first passage it is given) -----------------------------

ANSWER_TEXT = "Nach den hinterlegten Dokumenten passt Ihr Vorhaben zu dem genannten Ziel [1]."
_FIRST_SOURCE = re.compile(r"<quelle n=\"1\"[^>]*>\n(.*?)\n</quelle>", re.DOTALL)


class CitingFakeModel(BaseChatModel):
    """Writes ANSWER_TEXT and quotes the first six words of passage 1, streamed in small pieces."""

    def _output(self, messages) -> str:  # noqa: ANN001
        passage = html.unescape(_FIRST_SOURCE.search(messages[-1].content).group(1))
        quote = " ".join(passage.split()[:6])
        return f"{ANSWER_TEXT}\n\nZITATE:\n{json.dumps({'n': 1, 'zitat': quote}, ensure_ascii=False)}\n"

    def _generate(self, messages, stop=None, run_manager=None, **kwargs: Any) -> ChatResult:
        return ChatResult(generations=[ChatGeneration(message=AIMessage(content=self._output(messages)))])

    def _stream(self, messages, stop=None, run_manager=None, **kwargs: Any):
        text = self._output(messages)
        for start in range(0, len(text), 9):
            yield ChatGenerationChunk(message=AIMessageChunk(content=text[start:start + 9]))

    @property
    def _llm_type(self) -> str:
        return "citing-fake"


@pytest.fixture(scope="module")
def llm_server(api_settings):
    running = start_server(api_settings)
    running.state.pipeline.composer = LLMComposer(CitingFakeModel(), time_limit_s=60)
    yield running
    running.stop()


def test_with_a_language_model_the_stream_carries_its_text(llm_server):
    with llm_server.client() as client:
        response, events = chat(client, {"question": PROJECT_QUESTION})
        assert response.status_code == 200
        assert_event_order(events)
        deltas = [e.data["text"] for e in events[:-1]]
        assert len(deltas) > 1, "the model's text arrives in pieces"
        final = events[-1].data
        assert "".join(deltas) == final["answer"] == ANSWER_TEXT
        assert [c["n"] for c in final["citations"]] == [1]
        assert final["citations"][0]["quote"] in passage_text(client, final["citations"][0]["chunk_id"])
        assert final["goals"] and final["funding_paths"]
        asked = client.post("/api/ask", json={"question": PROJECT_QUESTION}).json()
        assert without_timings(asked) == without_timings(final)
