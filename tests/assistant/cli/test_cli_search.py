"""`irek search` as a user runs it (typer CliRunner on assistant.cli.commands.app): JSON output with citations, filters,
bad input and a missing index as one German error line without a traceback."""

from __future__ import annotations

import json
import re

import pytest
from typer.testing import CliRunner

from assistant.cli.commands import app
from assistant.core.settings import get_settings


def _irek(args: list[str], index_dir) -> "object":
    get_settings.cache_clear()  # the CLI reads settings through the cached get_settings()
    result = CliRunner().invoke(app, args, env={"IREK_INDEX_DIR": str(index_dir)})
    get_settings.cache_clear()
    return result


def _search_json(args: list[str], index_dir) -> dict:
    result = _irek(["search", *args, "--json"], index_dir)
    assert result.exit_code == 0, (result.stdout, result.stderr, result.exception)
    return json.loads(result.stdout)


def _one_line(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def test_search_json_exact_section_reference(real_index):
    payload = _search_json(["Nr. 2.7.1"], real_index.index_dir)
    assert payload["query"] == "Nr. 2.7.1"
    first = payload["hits"][0]
    assert (first["document"], first["section"], first["goal_code"]) == ("grw", "2.7.1", None)
    assert first["section_title"] == "Ausschluss von der Förderung"
    assert first["document_title"] == "GRW-Koordinierungsrahmen 2026"
    assert isinstance(first["page"], int) and first["page_label"] == str(first["page"] - 1)
    assert first["citation"] == f"GRW-Koordinierungsrahmen 2026, Nr. 2.7.1, S. {first['page_label']}"
    assert first["chunk_id"] and first["text"] and first["score"] > 0
    assert len(payload["hits"]) == 5 and set(payload["timings_ms"]) >= {"keyword", "dense", "total"}


def test_search_json_irek_goal_has_no_page(real_index):
    first = _search_json(["Handlungsziel 3.1.1"], real_index.index_dir)["hits"][0]
    assert (first["document"], first["goal_code"], first["page"], first["page_label"]) == ("irek", "3.1.1", None, None)
    assert first["citation"] == "IREK Landkreis Osnabrück, Handlungsziel 3.1.1"


def test_search_doc_and_section_filters_and_k(real_index):
    hits = _search_json(["Budget Entwicklungskonzept", "--doc", "grw", "--section", "3.4", "-k", "3"],
                        real_index.index_dir)["hits"]
    assert 1 <= len(hits) <= 3
    for hit in hits:
        assert hit["document"] == "grw"
        assert hit["section"] == "3.4" or hit["section"].startswith("3.4."), hit["section"]
        assert hit["citation"].startswith(f"GRW-Koordinierungsrahmen 2026, Nr. {hit['section']}, S. ")


def test_search_corridor_filter(real_index):
    hits = _search_json(["Fachkräfte gewinnen", "--corridor", "2", "-k", "10"], real_index.index_dir)["hits"]
    assert hits and all(h["document"] == "irek" and (h["goal_code"] or "2").startswith("2") for h in hits)


def test_search_text_output_lists_ranked_citations(real_index):
    result = _irek(["search", "Revitalisierung von Gewerbeflächen", "-k", "3"], real_index.index_dir)
    assert result.exit_code == 0, result.stderr
    assert "1. IREK Landkreis Osnabrück, Handlungsziel 3.1.1" in result.stdout
    assert re.findall(r"^\d\. ", result.stdout, flags=re.MULTILINE) == ["1. ", "2. ", "3. "]


def test_search_with_control_characters_works(real_index):
    payload = _search_json(["Gewerbe\x07flächen\x1b revitalisieren"], real_index.index_dir)
    assert payload["hits"]


@pytest.mark.parametrize(
    "args, message",
    [
        (["Förderung", "--corridor", "9"], "Unbekannter Themenkorridor „9“"),
        (["Förderung", "--doc", "gibtsnicht"], "Unbekanntes Dokument „gibtsnicht“"),
        (["Förderung", "--section", "9.9.9"], "Einen Abschnitt „9.9.9“ gibt es"),
        (["   "], "Bitte eine Frage oder einen Suchbegriff eingeben."),
        (["Förderung", "-k", "0"], "k muss zwischen 1 und 100 liegen."),
        (["Förderung", "-k", "1000"], "k muss zwischen 1 und 100 liegen."),
    ],
)
def test_bad_input_is_a_german_error_without_traceback(real_index, args, message):
    result = _irek(["search", *args], real_index.index_dir)
    assert result.exit_code == 1
    assert result.stdout == ""
    assert _one_line(result.stderr) == f"Fehler: {message}" or message in _one_line(result.stderr)
    assert _one_line(result.stderr).startswith("Fehler: ")
    assert "Traceback" not in result.output
    assert isinstance(result.exception, SystemExit)


def _missing_index(tmp_path):
    empty = tmp_path / "leerer-index"
    empty.mkdir()
    return empty, _irek(["search", "Fördersatz Gewerbegebiet"], empty)


def test_missing_index_exits_nonzero_with_german_message(tmp_path):
    empty, result = _missing_index(tmp_path)
    assert result.exit_code != 0
    assert isinstance(result.exception, SystemExit)
    assert "Traceback" not in result.output and result.stdout == ""
    assert _one_line(result.stderr) == f"Fehler: Kein nutzbarer Index in „{empty}“. Bitte zuerst `irek ingest` ausführen."


def test_missing_index_message_is_one_line(tmp_path):
    """Also when stderr is a pipe (80 columns): the message is not wrapped by rich."""
    _, result = _missing_index(tmp_path)
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, lines
    assert "`irek ingest`" in lines[0]


def test_index_of_another_embedder_is_a_german_error(small_settings):

    from helpers.fakes import LetterCountEmbeddings
    from ingest.build import build_index

    assert build_index(small_settings, LetterCountEmbeddings()).switched
    result = _irek(["search", "Zuschüsse"], small_settings.index_dir)
    assert result.exit_code == 1 and isinstance(result.exception, SystemExit)
    assert "Traceback" not in result.output
    stderr = _one_line(result.stderr)
    assert stderr.startswith("Fehler: ") and LetterCountEmbeddings.identity in stderr and "`irek ingest`" in stderr
