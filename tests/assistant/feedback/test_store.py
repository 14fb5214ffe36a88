"""The feedback store on both back ends: a SQLite file (the default) and a real PostgreSQL server (several replicas).

Same behaviour on each: entries round-trip (text or answer JSON), newest first, a bad rating stores nothing, writers
from many threads and from two store instances (two replicas) on one database, and the retention period purges old
entries."""

from __future__ import annotations

import sqlite3
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime, timedelta, timezone

import pytest
import sqlalchemy as sa

from assistant.core.settings import Settings
from assistant.feedback.store import FeedbackStore, feedback_table, metadata

ANSWER = {"answer": "Ihr Vorhaben passt zum Handlungsziel 2.3.1 [1].", "citations": [{"n": 1, "quote": "Wasserstoff"}],
          "goals": [{"code": "2.3.1", "score": 0.83}]}


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.integration)])
def target(request, tmp_path):
    """A fresh, empty feedback database: a SQLite file, or the session's PostgreSQL database with the table dropped."""
    if request.param == "sqlite":
        return tmp_path / "data" / "feedback.sqlite3"
    url = request.getfixturevalue("postgres_server")
    engine = sa.create_engine(url)
    metadata.drop_all(engine)
    engine.dispose()
    return url


@pytest.fixture
def store(target):
    store = FeedbackStore(target)
    yield store
    store.close()


def test_entries_round_trip_newest_first(store):
    first = store.add("Was passt zu Wasserstoff im Gewerbegebiet?", ANSWER, "up", answer_id="a-1")
    second = store.add("Und der Fördersatz?", "Bis zu 90 Prozent [2].", "down", comment="Kommunen fehlen – „ß“ ✓")
    assert second.id > first.id
    assert store.count() == 2
    listed = store.list(10)
    assert [entry.id for entry in listed] == [second.id, first.id]
    assert listed[0] == second and listed[1] == first  # text stays text, answer JSON comes back as the same object
    assert listed[1].answer == ANSWER and listed[0].comment == "Kommunen fehlen – „ß“ ✓"
    assert datetime.fromisoformat(first.created_at).utcoffset() == timedelta(0)
    assert [entry.id for entry in store.list(1)] == [second.id]


def test_unknown_rating_stores_nothing(store):
    with pytest.raises(ValueError, match="Bewertung"):
        store.add("Frage", "Antwort", "gut")
    assert store.count() == 0


def test_two_replicas_and_many_threads_share_one_database(target):
    replicas = [FeedbackStore(target), FeedbackStore(target)]
    try:
        with ThreadPoolExecutor(max_workers=8) as pool:
            entries = list(pool.map(lambda i: replicas[i % 2].add(f"Frage {i}", f"Antwort {i}", "up"), range(40)))
        assert len({entry.id for entry in entries}) == 40
        assert replicas[0].count() == replicas[1].count() == 40
        assert {entry.question for entry in replicas[1].list(100)} == {f"Frage {i}" for i in range(40)}
    finally:
        for replica in replicas:
            replica.close()


def _backdate(store: FeedbackStore, entry_id: int, days: int) -> None:
    created = (datetime.now(timezone.utc) - timedelta(days=days)).isoformat(timespec="seconds")
    with store.engine.begin() as connection:
        connection.execute(feedback_table.update().where(feedback_table.c.id == entry_id).values(created_at=created))


def test_retention_purges_old_entries_at_start_and_on_demand(target):
    writer = FeedbackStore(target)  # retention 0: keeps everything
    old, recent, fresh = (writer.add(f"Frage {n}", "Antwort", "up").id for n in range(3))
    _backdate(writer, old, 200)
    _backdate(writer, recent, 100)
    assert writer.purge() == 0 and writer.count() == 3

    starting = FeedbackStore(target, retention_days=180)  # a replica starting with the setting purges on connect
    assert starting.count() == 2 and {e.id for e in starting.list()} == {recent, fresh}
    assert starting.purge(now=datetime.now(timezone.utc) + timedelta(days=81)) == 1  # 'recent' turns 181 days old
    assert [e.id for e in starting.list()] == [fresh]
    writer.close()
    starting.close()


def test_sqlite_file_of_the_earlier_version_is_used_as_it_is(tmp_path):
    path = tmp_path / "feedback.sqlite3"
    with sqlite3.connect(path) as db:  # the schema the store wrote before SQLAlchemy (PRAGMA user_version 1)
        db.execute("""CREATE TABLE feedback (id INTEGER PRIMARY KEY AUTOINCREMENT, created_at TEXT NOT NULL,
                      question TEXT NOT NULL, answer TEXT NOT NULL,
                      rating TEXT NOT NULL CHECK (rating IN ('up', 'down')), comment TEXT, answer_id TEXT)""")
        db.execute("CREATE INDEX feedback_created ON feedback (created_at)")
        db.execute("PRAGMA user_version = 1")
        db.execute("INSERT INTO feedback (created_at, question, answer, rating) VALUES "
                   "('2026-11-27T10:00:00+00:00', 'Alte Frage', '\"Alte Antwort\"', 'up')")
    store = FeedbackStore(path)
    assert [(e.id, e.question, e.answer) for e in store.list()] == [(1, "Alte Frage", "Alte Antwort")]
    assert store.add("Neue Frage", "Neue Antwort", "down").id == 2
    store.close()


def test_settings_choose_the_database(monkeypatch, tmp_path):
    settings = Settings(index_dir=tmp_path / "index")
    assert settings.feedback_target == tmp_path / "data" / "feedback.sqlite3"
    assert settings.feedback_retention_days == 180
    store = FeedbackStore.from_settings(settings)
    assert store.backend == "sqlite" and store.path == tmp_path / "data" / "feedback.sqlite3"
    monkeypatch.setenv("IREK_FEEDBACK_URL", "postgresql+psycopg://irek:geheim@db.example:5432/irek")
    monkeypatch.setenv("IREK_FEEDBACK_RETENTION_DAYS", "30")
    settings = Settings(index_dir=tmp_path / "index")
    store = FeedbackStore.from_settings(settings)
    assert store.backend == "postgresql" and store.path is None and store.retention_days == 30
    assert "geheim" not in repr(settings)  # the password in the URL stays out of logs
