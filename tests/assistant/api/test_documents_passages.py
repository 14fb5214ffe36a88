"""GET /api/documents and the source view GET /api/passages/{chunk_id} with neighbours."""

from __future__ import annotations

from helpers.api import assert_german_error


def test_documents_lists_the_indexed_documents(client):
    body = client.get("/api/documents").json()
    assert body["built_at"]
    documents = {d["id"]: d for d in body["documents"]}
    assert {"irek", "grw"} <= set(documents)
    grw = documents["grw"]
    assert grw["kind"] == "official" and grw["pages"] > 10 and grw["passages"] > 10 and len(grw["hash"]) == 64
    assert "GRW" in grw["title"]
    assert any(d["kind"] == "summary" for d in documents.values())


def test_passage_view_gives_text_citation_and_neighbours(client):
    hit = client.get("/api/search", params={"q": "Umsetzungsbudget", "doc": "grw", "k": 1}).json()["hits"][0]
    passage = client.get(f"/api/passages/{hit['chunk_id']}").json()
    assert passage["text"] == hit["text"]
    assert passage["citation"] == hit["citation"]
    assert passage["document"] == "grw" and passage["page"] >= 1 and passage["section"]
    assert passage["document_title"] == "GRW-Koordinierungsrahmen 2026"
    assert "Koordinierungsrahmen" in passage["document_full_title"]
    assert passage["kind"] == "official"
    for side, other in (("prev", "next"), ("next", "prev")):
        neighbour = passage[side]
        assert neighbour is not None
        assert neighbour["text"].strip() and neighbour["citation"].startswith("GRW-Koordinierungsrahmen 2026")
        again = client.get(f"/api/passages/{neighbour['chunk_id']}").json()
        assert again["document"] == "grw"
        assert again[other]["chunk_id"] == passage["chunk_id"]


def test_first_passage_of_a_document_has_no_previous(client):
    irek = client.get("/api/goals/1").json()  # a corridor passage, to reach the start by walking back
    chunk_id = irek["passages"][0]["chunk_id"] if irek["passages"] else client.get(
        "/api/search", params={"q": "Vorwort", "doc": "irek", "k": 1}).json()["hits"][0]["chunk_id"]
    seen = 0
    passage = client.get(f"/api/passages/{chunk_id}").json()
    while passage["prev"] is not None and seen < 200:
        passage = client.get(f"/api/passages/{passage['prev']['chunk_id']}").json()
        seen += 1
    assert passage["prev"] is None and passage["document"] == "irek"
    assert passage["next"] is not None


def test_unknown_passage_is_404_in_german(client):
    body = assert_german_error(client.get("/api/passages/grw:99:0:nichtda"), 404)
    assert "grw:99:0:nichtda" in body["detail"]
