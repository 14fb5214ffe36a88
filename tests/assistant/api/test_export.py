"""POST /api/export: answers as a section of a funding application, Markdown or DOCX."""

from __future__ import annotations

import io

import pytest
from helpers.api import PROJECT_QUESTION, assert_german_error
from docx import Document


@pytest.fixture(scope="module")
def asked(api_server) -> dict:
    with api_server.client() as client:
        answer = client.post("/api/ask", json={"question": PROJECT_QUESTION}).json()
    return {"question": PROJECT_QUESTION, **answer}


def test_markdown_export_has_goals_quotes_paths_and_sources(client, asked):
    response = client.post("/api/export", json={"format": "md", "title": "Bezug zum IREK", "answers": [asked]})
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith("text/markdown")
    assert 'filename="bezug-zum-irek.md"' in response.headers["content-disposition"]
    text = response.text
    assert text.startswith("# Bezug zum IREK\n")
    assert PROJECT_QUESTION in text
    goal = asked["goals"][0]
    assert f"Handlungsziel {goal['code']}" in text
    goal_quote = next(c["quote"] for c in asked["citations"] if c["n"] in goal["citations"])
    assert f"> „{goal_quote.strip()}“" in text
    assert "## Quellen" in text and "### Förderweg" in text
    assert asked["funding_paths"][0]["conditions"][0] in text
    sources = text.split("## Quellen", 1)[1]
    assert "IREK Landkreis Osnabrück, Handlungsziel" in sources
    assert "GRW-Koordinierungsrahmen 2026, Nr. " in sources and ", S. " in sources


def test_the_summary_survives_the_http_edge_and_stands_once(client, asked):
    """The export's schema once dropped `summary`: the bottom line then stood among "Weitere Hinweise"."""
    assert asked["summary"] and asked["answer"].startswith(asked["summary"])
    text = client.post("/api/export", json={"format": "md", "title": "IREK", "answers": [asked]}).text
    first_sentence = asked["summary"].split(" [")[0]
    assert "Ergebnis in Kürze" in text and text.count(first_sentence) == 1, text


def test_docx_export_opens_with_python_docx(client, asked):
    response = client.post("/api/export", json={"format": "docx", "title": "Förderantrag – Abschnitt IREK",
                                                 "answers": [asked, asked]})
    assert response.status_code == 200, response.text
    assert response.headers["content-type"] == \
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    assert "filename*=UTF-8''F%C3%B6rderantrag" in response.headers["content-disposition"]
    document = Document(io.BytesIO(response.content))
    paragraphs = [p.text for p in document.paragraphs]
    text = "\n".join(paragraphs)
    assert document.core_properties.title == "Förderantrag – Abschnitt IREK"
    assert asked["goals"][0]["code"] in text
    assert asked["citations"][0]["quote"].split("\n")[0] in text
    headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]
    assert "Quellen" in headings
    assert any(p.style.name == "Quote" for p in document.paragraphs)
    # the same sources in two answers are listed once
    sources = paragraphs[paragraphs.index("Quellen") + 1:]
    numbered = [p for p in sources if p.startswith("[")]
    assert len(numbered) == len({(c["chunk_id"], c["quote"]) for c in asked["citations"]})


def test_refusal_is_exported_as_such(client):
    refusal = client.post("/api/ask", json={"question": "Wie backe ich einen Apfelkuchen?"}).json()
    response = client.post("/api/export", json={"title": "Test", "answers": [{"question": "Apfelkuchen?", **refusal}]})
    assert response.status_code == 200
    assert "keine Grundlage" in response.text and "Keine Quellen." in response.text


def test_bad_export_requests(client, asked):
    assert_german_error(client.post("/api/export", json={"format": "pdf", "title": "T", "answers": [asked]}), 422)
    assert_german_error(client.post("/api/export", json={"format": "md", "title": "T", "answers": []}), 422)
    assert_german_error(client.post("/api/export", json={"format": "md", "title": " ", "answers": [asked]}), 422)
    assert_german_error(client.post("/api/export", json={"format": "md", "title": "T" * 201, "answers": [asked]}), 413)


def _keeps_connection(client) -> None:  # noqa: ANN001
    """The keep-alive connection is still usable (a 500 used to drop it)."""
    response = client.get("/healthz")
    assert response.status_code == 200 and response.headers.get("connection") != "close"


@pytest.mark.parametrize("fmt", ["md", "docx"])
def test_malformed_answers_are_422_never_500_and_keep_alive_survives(client, asked, fmt):
    citation = asked["citations"][0]
    goal = asked["goals"][0]
    bad = [
        {**asked, "citations": [{**citation, "n": "1a"}]},  # a citation number that is no integer
        {**asked, "citations": [{**citation, "n": 1.5}]},
        {**asked, "goals": [{**goal, "code": "2.3.x"}]},  # a malformed goal
        {**asked, "goals": [{**goal, "leitziel": "2.3"}]},
        {**asked, "goals": ["2.3.1"]},
        {**asked, "funding_paths": [{"id": "grw", "conditions": "keine Liste"}]},
        {**asked, "citations": [{**citation, "n": 1, "page": "drei"}]},
    ]
    with client.stream("POST", "/api/export", json={"format": fmt, "title": "T", "answers": [asked]}) as ok:
        assert ok.status_code == 200
    for answer in bad:
        response = client.post("/api/export", json={"format": fmt, "title": "T", "answers": [answer]})
        assert_german_error(response, 422)
        _keeps_connection(client)


@pytest.mark.parametrize("fmt", ["md", "docx"])
def test_control_characters_are_removed_and_lone_surrogates_refused(client, asked, fmt):
    raw = ('{"format": "%s", "title": "Titel\\u0000mit\\u0007Steuerzeichen", "answers": [{"question": '
           '"Frage\\u001bX rot?", "answer": "Antwort\\u000b mit\\uffff Zeichen [1].", "citations": [{"n": 1, '
           '"document": "irek", "title": "IREK", "quote": "Zitat\\u0008 hier", "section": "2.3"}]}]}') % fmt
    response = client.post("/api/export", content=raw.encode(), headers={"content-type": "application/json"})
    assert response.status_code == 200, response.text
    if fmt == "md":
        text = response.text
    else:
        document = Document(io.BytesIO(response.content))
        text = "\n".join(p.text for p in document.paragraphs)
    assert "Titel mit Steuerzeichen" in text and "Frage X rot?" in text
    assert not any(ord(c) < 32 and c not in "\n\t" for c in text)
    broken = raw.replace("Steuerzeichen", "Steuer\\ud800zeichen")
    body = assert_german_error(client.post("/api/export", content=broken.encode(),
                                           headers={"content-type": "application/json"}), 422)
    assert "ungültige Zeichen" in body["detail"]
    _keeps_connection(client)


def test_file_name_is_clean_for_a_german_office():
    from assistant.api.routes.export import file_name

    assert file_name("Projektskizze:\x07 Tischlerei – Bezug zum IREK", "docx") == (
        "projektskizze-tischlerei-bezug-zum-irek.docx", "Projektskizze Tischlerei – Bezug zum IREK.docx")
    assert file_name("  Entwurf\x00\x1f  Melle  ", "md") == ("entwurf-melle.md", "Entwurf Melle.md")
    assert file_name("Projektskizze: Bezug zum IREK und Förderweg", "docx")[1] == \
        "Projektskizze Bezug zum IREK und Förderweg.docx"  # no double space where the colon was
