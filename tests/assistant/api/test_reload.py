"""Re-ingest without downtime: a real server on a copy of the real index keeps answering (0 × 5xx) while a real
ingest writes and switches a new build, takes the new build over by itself (watching `current`) or on
`POST /api/admin/reload`, and the ingest removes an old build only once no server reads it any more."""

from __future__ import annotations

import shutil
import threading
import time
from collections import Counter
from pathlib import Path

import httpx
import pytest
from helpers.api import ADMIN, ADMIN_TOKEN, FACT_QUESTION, PROJECT_QUESTION, assert_german_error, start_server
from pydantic import SecretStr

from assistant.index.store import current_build
from ingest.build import build_index

LOAD_THREADS = 3
SWITCH_LIMIT_S = 120  # a generous bound for loading the new build on a busy machine

EXTRA_SOURCE = """
  - id: betrieb-test
    title: "Betriebstest: Hinweise zur Förderberatung"
    short_title: "Betriebstest"
    publisher: "Projekt IREK-Assistent (Test)"
    version: "{version}"
    url: "https://www.landkreis-osnabrueck.de/"
    kind: summary
    path: betrieb-test.md
    structure: headings
"""
EXTRA_TEXT = """# Betriebstest

## 1 Beratung

Die Wirtschaftsförderung berät Gemeinden zur Förderung von Gewerbegebieten ({version}).
"""


def _add_document(corpus: Path, version: str) -> None:
    sources = corpus / "sources.yaml"
    text = sources.read_text(encoding="utf-8")
    if "betrieb-test" not in text:
        sources.write_text(text.rstrip("\n") + "\n" + EXTRA_SOURCE.format(version=version).lstrip("\n"),
                           encoding="utf-8")
    (corpus / "betrieb-test.md").write_text(EXTRA_TEXT.format(version=version), encoding="utf-8")


@pytest.fixture
def copied(real_index, tmp_path):
    """The real corpus and its built index, copied (the session's index stays untouched)."""
    corpus = tmp_path / "corpus"
    shutil.copytree(real_index.corpus_dir, corpus)
    index = tmp_path / "index"
    shutil.copytree(real_index.index_dir, index, symlinks=True)
    return real_index.model_copy(update={
        "corpus_dir": corpus, "index_dir": index, "feedback_db": tmp_path / "feedback.sqlite3",
        "web_dir": tmp_path / "no-web", "index_keep_builds": 1, "admin_token": SecretStr(ADMIN_TOKEN),
        "rate_limit_per_minute": 0, "feedback_per_minute": 0})


class Load:
    """Bounded load from a few threads: answers, searches, source views, document lists; every status counted."""

    def __init__(self, base_url: str, chunk_id: str) -> None:
        self.base_url, self.chunk_id = base_url, chunk_id
        self.statuses: Counter = Counter()
        self.errors: list[str] = []
        self.build_ids: set[str] = set()
        self._stop = threading.Event()
        self._threads = [threading.Thread(target=self._loop, args=(n,), daemon=True) for n in range(LOAD_THREADS)]

    def _loop(self, n: int) -> None:
        requests = [("POST", "/api/ask", {"json": {"question": FACT_QUESTION}}),
                    ("GET", "/api/search", {"params": {"q": "Fördersatz Gewerbegelände"}}),
                    ("GET", f"/api/passages/{self.chunk_id}", {}),
                    ("POST", "/api/ask", {"json": {"question": PROJECT_QUESTION}}),
                    ("GET", "/api/documents", {}),
                    ("GET", "/readyz", {})]
        deadline = time.monotonic() + 600  # stops by itself in any case
        with httpx.Client(base_url=self.base_url, timeout=60) as http:
            i = n
            while not self._stop.is_set() and time.monotonic() < deadline:
                method, path, kwargs = requests[i % len(requests)]
                i += 1
                try:
                    response = http.request(method, path, **kwargs)
                except httpx.HTTPError as error:
                    self.errors.append(f"{path}: {type(error).__name__}")
                    continue
                self.statuses[response.status_code] += 1
                if response.status_code >= 500:
                    self.errors.append(f"{path}: {response.status_code} {response.text[:200]}")
                elif path == "/readyz":
                    self.build_ids.add(response.json()["build_id"])

    def __enter__(self) -> "Load":
        for thread in self._threads:
            thread.start()
        return self

    def __exit__(self, *exc) -> None:  # noqa: ANN002
        self._stop.set()
        for thread in self._threads:
            thread.join(timeout=120)


def _wait_for_build(http: httpx.Client, build_id: str) -> None:
    deadline = time.monotonic() + SWITCH_LIMIT_S
    while time.monotonic() < deadline:
        if http.get("/readyz").json().get("build_id") == build_id:
            return
        time.sleep(0.2)
    raise AssertionError(f"Build {build_id} wurde nicht übernommen.")


def test_reingest_under_load_switches_without_errors(copied, e5):
    settings = copied.model_copy(update={"index_watch_s": 0.5})
    running = start_server(settings)
    try:
        with running.client() as http:
            first = http.get("/readyz").json()["build_id"]
            chunk_id = http.post("/api/ask", json={"question": FACT_QUESTION}).json()["citations"][0]["chunk_id"]
            with Load(running.base_url, chunk_id) as load:
                time.sleep(1)
                _add_document(settings.corpus_dir, "Fassung 1")
                report = build_index(settings, e5)  # a real ingest, while the server answers
                assert report.switched and report.ok
                second = report.build_path.name
                # the server still reads the first build (it serves it until the switch): the ingest kept it
                assert (settings.index_dir / "builds" / first).is_dir() or _served(http) == second
                _wait_for_build(http, second)
                time.sleep(1)  # requests on the new build
            assert not load.errors, load.errors[:10]
            assert sum(load.statuses.values()) >= 20, load.statuses
            assert {first, second} >= load.build_ids and second in load.build_ids
            documents = {d["id"] for d in http.get("/api/documents").json()["documents"]}
            assert "betrieb-test" in documents
            # a passage of an unchanged document keeps its id and is served from the new build
            assert http.get(f"/api/passages/{chunk_id}").status_code == 200

            # the next ingest may now remove the first build: no request reads it any more
            _add_document(settings.corpus_dir, "Fassung 2")
            third = build_index(settings, e5).build_path.name
            assert not (settings.index_dir / "builds" / first).exists()
            _wait_for_build(http, third)
            assert current_build(settings.index_dir).name == third
    finally:
        running.stop()


def _served(http: httpx.Client) -> str:
    return http.get("/readyz").json()["build_id"]


def test_admin_reload_takes_over_the_new_build(copied, e5):
    settings = copied.model_copy(update={"index_watch_s": 0})  # no watcher: only the admin call switches
    running = start_server(settings)
    try:
        with running.client() as http:
            first = _served(http)
            assert_german_error(http.post("/api/admin/reload"), 401)
            assert_german_error(http.post("/api/admin/reload", headers={"Authorization": "Bearer x"}), 403)
            same = http.post("/api/admin/reload", headers=ADMIN).json()
            assert same["switched"] is False and same["build_id"] == first and "aktuell" in same["detail"]

            _add_document(settings.corpus_dir, "Fassung A")
            report = build_index(settings, e5)
            assert _served(http) == first  # nothing switches by itself
            reloaded = http.post("/api/admin/reload", headers=ADMIN)
            assert reloaded.status_code == 200, reloaded.text
            assert reloaded.json()["switched"] is True and reloaded.json()["build_id"] == report.build_path.name
            assert _served(http) == report.build_path.name

            # a broken new build: the old one keeps serving, the 503 names no path
            broken = settings.index_dir / "builds" / "20990101T000000-kaputt"
            broken.mkdir()
            (broken / "manifest.json").write_text("{kaputt", encoding="utf-8")
            (settings.index_dir / "current").unlink()
            (settings.index_dir / "current").symlink_to(Path("builds") / broken.name)
            failed = assert_german_error(http.post("/api/admin/reload", headers=ADMIN), 503)
            assert "beschädigt" in failed["detail"] and str(settings.index_dir) not in failed["detail"]
            assert _served(http) == report.build_path.name
            assert http.post("/api/ask", json={"question": FACT_QUESTION}).status_code == 200
    finally:
        running.stop()


def test_admin_calls_are_off_without_a_token(client, empty_client):
    body = assert_german_error(empty_client.post("/api/admin/reload", headers=ADMIN), 404)
    assert "abgeschaltet" in body["detail"]
