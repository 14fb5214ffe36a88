"""The command line as a user runs it: `irek ingest`, `irek documents`, `irek goals`."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from assistant.cli.commands import app
from assistant.core.settings import Settings
from assistant.index.store import IndexSnapshot, current_build
from assistant.retrieval.retriever import Retriever
from helpers.pdfs import write_image_only_pdf
from ingest.build import build_index

REPOSITORY = Path(__file__).resolve().parents[2]
INGEST_LIMIT_S = 300  # a generous bound against a hang on a busy machine, not an assertion on speed


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


NEW_MOBILITAET = ("Der neue Nahverkehrsplan sieht stündliche Busse in allen Gemeinden vor. Anrufsammeltaxis ergänzen "
                  "das Angebot.\n")


def _ingest_process(settings: Settings, log: Path) -> subprocess.Popen:
    """`irek ingest` as its own process, running this checkout's code (`python -m` from the repository)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("IREK_")}
    env.update(IREK_CORPUS_DIR=str(settings.corpus_dir), IREK_INDEX_DIR=str(settings.index_dir),
               ANONYMIZED_TELEMETRY="False", COLUMNS="160")
    with log.open("w", encoding="utf-8") as handle:
        return subprocess.Popen([sys.executable, "-m", "assistant.cli", "ingest"], env=env, cwd=REPOSITORY,
                                stdout=handle, stderr=subprocess.STDOUT)


def _mobilitaet_texts(snapshot: IndexSnapshot) -> str:
    return " ".join(p.text for p in snapshot.passages if p.document == "mobilitaet")


def test_kill_9_during_ingest_leaves_the_old_index_serving(small_settings, small_corpus, e5, tmp_path):
    """A real `irek ingest` killed with SIGKILL while it writes its build: the old build stays current, complete and
    searchable; the next ingest removes the leftover and switches to the new build."""
    first = build_index(small_settings, e5).build_path
    builds = small_settings.index_dir / "builds"
    (small_corpus / "mobilitaet.txt").write_text(NEW_MOBILITAET, encoding="utf-8")

    log = tmp_path / "ingest-killed.log"
    process = _ingest_process(small_settings, log)
    try:
        # inside the build: its temporary directory exists from before the first embedding until the finished build
        # is renamed (several seconds on the small corpus, most of them loading the model and embedding)
        deadline = time.monotonic() + INGEST_LIMIT_S
        while not list(builds.glob(".tmp-*")):
            assert process.poll() is None, f"irek ingest ended ({process.returncode}) before its build began:\n" \
                                           f"{log.read_text(encoding='utf-8')}"
            assert time.monotonic() < deadline, f"no build after {INGEST_LIMIT_S} s:\n{log.read_text(encoding='utf-8')}"
            time.sleep(0.01)
        process.send_signal(signal.SIGKILL)
    finally:
        if process.poll() is None:
            process.kill()
        process.wait(timeout=60)
    assert process.returncode == -signal.SIGKILL, \
        f"the ingest ended before the kill:\n{log.read_text(encoding='utf-8')}"

    # what the kill left: a temporary build beside the old one, which stays current, complete and searchable
    assert list(builds.glob(".tmp-*")), "the killed ingest left no temporary build"
    assert current_build(small_settings.index_dir) == first
    old = IndexSnapshot.open(small_settings.index_dir)
    assert old.path == first
    assert "Rufbusse" in _mobilitaet_texts(old) and "Nahverkehrsplan" not in _mobilitaet_texts(old)
    hit = Retriever.open(small_settings).search("Rufbusse und Bürgerbusse im ländlichen Raum", k=1).hits[0]
    assert hit.passage.document == "mobilitaet" and "Rufbusse" in hit.passage.text

    # the next ingest (its lock free again: the kernel dropped the killed one's) removes the leftover and switches
    log = tmp_path / "ingest-next.log"
    process = _ingest_process(small_settings, log)
    try:
        process.wait(timeout=INGEST_LIMIT_S)
    except subprocess.TimeoutExpired:
        pytest.fail(f"irek ingest did not end within {INGEST_LIMIT_S} s:\n{log.read_text(encoding='utf-8')}")
    finally:
        if process.poll() is None:
            process.kill()
            process.wait(timeout=60)
    output = log.read_text(encoding="utf-8")
    assert process.returncode == 0 and "Neuer Index aktiv" in output, output
    assert not list(builds.glob(".tmp-*"))
    new = IndexSnapshot.open(small_settings.index_dir)
    assert new.path != first and current_build(small_settings.index_dir) == new.path
    assert "Nahverkehrsplan" in _mobilitaet_texts(new) and "Rufbusse" not in _mobilitaet_texts(new)
    hit = Retriever.open(small_settings).search("Nahverkehrsplan mit stündlichen Bussen", k=1).hits[0]
    assert hit.passage.document == "mobilitaet" and "Nahverkehrsplan" in hit.passage.text
