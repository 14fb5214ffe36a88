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


def test_file_name_is_clean_for_a_german_office():
    from assistant.api.routes.export import file_name

    assert file_name("Projektskizze:\x07 Tischlerei – Bezug zum IREK", "docx") == (
        "projektskizze-tischlerei-bezug-zum-irek.docx", "Projektskizze Tischlerei – Bezug zum IREK.docx")
    assert file_name("  Entwurf\x00\x1f  Melle  ", "md") == ("entwurf-melle.md", "Entwurf Melle.md")
    assert file_name("Projektskizze: Bezug zum IREK und Förderweg", "docx")[1] == \
        "Projektskizze Bezug zum IREK und Förderweg.docx"  # no double space where the colon was
