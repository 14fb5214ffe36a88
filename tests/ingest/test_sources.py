"""corpus/sources.yaml: listed documents with their metadata, unlisted files by file name, clear errors."""

from __future__ import annotations

import pytest

from helpers.corpus import REAL_CORPUS
from ingest.sources import SourcesError, read_sources


def test_real_corpus_sources():
    sources = {s.id: s for s in read_sources(REAL_CORPUS)}
    assert set(sources) == {"irek", "grw", "leader-os", "zukunftsregion-os", "ris3-nds", "weser-ems"}
    assert sources["grw"].structure == "numbered-outline" and sources["grw"].path.endswith(".pdf")
    assert sources["irek"].structure == "irek-goals"
    assert sources["leader-os"].kind == "summary" and sources["leader-os"].sources
    # every document has the names a question calls it by
    assert "GRW" in sources["grw"].names and sources["irek"].names == ("IREK",)
    assert all(s.names for s in sources.values())
    # data files beside the documents are not documents
    assert all(not s.path.endswith((".yaml", ".yml", ".json")) for s in sources.values())


def test_unlisted_files_are_indexed_under_their_name(tmp_path):
    (tmp_path / "sources.yaml").write_text(
        'documents:\n  - id: haupt\n    title: "Hauptdokument"\n    path: haupt.md\n', encoding="utf-8")
    (tmp_path / "haupt.md").write_text("# Haupt\n\nText.", encoding="utf-8")
    (tmp_path / "Neue Notiz (Entwurf).txt").write_text("Notiz.", encoding="utf-8")
    (tmp_path / "haupt.txt").write_text("Gleicher Name.", encoding="utf-8")
    (tmp_path / ".versteckt.md").write_text("nicht", encoding="utf-8")
    (tmp_path / "profile.yaml").write_text("goals: []", encoding="utf-8")
    sources = read_sources(tmp_path)
    by_path = {s.path: s for s in sources}
    assert set(by_path) == {"haupt.md", "Neue Notiz (Entwurf).txt", "haupt.txt"}
    assert by_path["Neue Notiz (Entwurf).txt"].id == "neue-notiz-entwurf"
    assert by_path["Neue Notiz (Entwurf).txt"].kind == "unlisted"
    assert by_path["haupt.txt"].id == "haupt-x"  # no clash with the listed id
    assert by_path["haupt.md"].title == "Hauptdokument"


def test_corpus_without_sources_yaml(tmp_path):
    (tmp_path / "a.md").write_text("A", encoding="utf-8")
    assert [s.id for s in read_sources(tmp_path)] == ["a"]


@pytest.mark.parametrize(
    "yaml_text, message",
    [
        ("documents: [\n", "kein gültiges YAML"),
        ("documents: {a: 1}\n", "muss eine Liste sein"),
        ("documents:\n  - id: a\n    path: a.md\n", r"documents\[0\] \(a\): es fehlt „title“"),
        ("documents:\n  - {id: a, title: A, path: a.md, farbe: rot}\n", r"documents\[0\] \(a\): unbekannter Schlüssel „farbe“"),
        ("documents:\n  - {id: '', title: A, path: a.md}\n", r"documents\[0\]\.id: darf nicht leer sein"),
        ("dokuments: []\n", "unbekannter Schlüssel „dokuments“"),
        ("documents:\n  - {id: a, title: A, path: a.md}\n  - {id: a, title: B, path: b.md}\n", "kommt doppelt vor"),
    ],
)
def test_bad_sources_yaml(tmp_path, yaml_text, message):
    (tmp_path / "sources.yaml").write_text(yaml_text, encoding="utf-8")
    with pytest.raises(SourcesError, match=message) as caught:
        read_sources(tmp_path)
    assert "sources.yaml" in str(caught.value)


def test_a_misspelt_key_names_the_file_and_the_entry(tmp_path):
    (tmp_path / "sources.yaml").write_text(
        'documents:\n  - {id: a, title: A, path: a.md}\n  - {id: b, title: B, path: b.md, keyword_only_section: [Anhang]}\n',
        encoding="utf-8")
    with pytest.raises(SourcesError) as caught:
        read_sources(tmp_path)
    assert str(caught.value) == f"{tmp_path / 'sources.yaml'}, documents[1] (b): unbekannter Schlüssel „keyword_only_section“"


def test_keyword_only_sections_are_read_as_prefixes(tmp_path):
    (tmp_path / "sources.yaml").write_text(
        'documents:\n  - id: k\n    title: "K"\n    path: k.md\n    keyword_only_sections: ["Anhang", "7.3"]\n',
        encoding="utf-8")
    (source,) = read_sources(tmp_path)
    assert source.keyword_only_sections == ("Anhang", "7.3")
    assert source.is_keyword_only("Anhang 5") and source.is_keyword_only("7.3.1")
    assert not source.is_keyword_only("2.7.1") and not source.is_keyword_only("")


def test_real_grw_annexes_are_keyword_only_and_the_aid_area_list_a_register():
    grw = next(s for s in read_sources(REAL_CORPUS) if s.id == "grw")
    assert grw.is_keyword_only("Anhang 2") and not grw.is_keyword_only("3.2.1")
    assert grw.is_register("Anhang 5") and not grw.is_keyword_only("Anhang 5") and not grw.is_register("2.5.1")


def test_keyword_only_sections_must_be_a_list(tmp_path):
    (tmp_path / "sources.yaml").write_text(
        'documents:\n  - id: k\n    title: "K"\n    path: k.md\n    keyword_only_sections: "Anhang"\n', encoding="utf-8")
    with pytest.raises(SourcesError, match="keyword_only_sections.*Liste"):
        read_sources(tmp_path)


def test_unnumbered_sections_are_named_by_their_exact_title(tmp_path):
    (tmp_path / "sources.yaml").write_text(
        'documents:\n  - id: s\n    title: "S"\n    path: s.md\n    keyword_only_sections: ["Quellen"]\n', encoding="utf-8")
    (source,) = read_sources(tmp_path)
    assert source.is_keyword_only("", "Quellen") and not source.is_keyword_only("", "Quellenlage im Überblick")
    assert not source.is_keyword_only("", "Überblick")
    summaries = [s for s in read_sources(REAL_CORPUS) if s.kind == "summary"]
    assert len(summaries) == 4 and all(s.is_keyword_only("", "Quellen") for s in summaries)
