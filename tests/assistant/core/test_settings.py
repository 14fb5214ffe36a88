"""Typed settings in one place: IREK_* variables and a `.env` file, and the tests' isolation from both."""

from __future__ import annotations

from pathlib import Path

from assistant.core.settings import Settings


def test_a_dotenv_of_the_working_directory_does_not_reach_a_test(tmp_path, monkeypatch):
    (tmp_path / ".env").write_text("IREK_INDEX_DIR=/nirgendwo\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert Settings().index_dir == Path("index"), "tests/conftest.py switches the .env file off"
    monkeypatch.setitem(Settings.model_config, "env_file", ".env")  # what a user's run reads
    assert Settings().index_dir == Path("/nirgendwo")


def test_variables_are_read_with_their_prefix(monkeypatch):
    monkeypatch.setenv("IREK_CORPUS_DIR", "/daten/korpus")
    assert Settings().corpus_dir == Path("/daten/korpus")
