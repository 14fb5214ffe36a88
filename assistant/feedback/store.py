"""Durable feedback on answers (rating and optional comment), through SQLAlchemy Core.

One code path for both back ends: a SQLite file (the default, one machine) or any SQLAlchemy URL, such as
PostgreSQL (`postgresql+psycopg://user:password@host/db`) shared by several API replicas. The engine's pool hands
each call its own connection, so the store may be used from any thread of the API's thread pool.

The table is created when missing (SQLite files of earlier versions have the same table and are used as they are).
Entries older than the retention period are deleted when the store first connects and then at most once an hour
while feedback is written (`purge()` does it on demand).
"""

from __future__ import annotations

import json
import threading
import time
from dataclasses import asdict, dataclass
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import TYPE_CHECKING, Any

import sqlalchemy as sa

if TYPE_CHECKING:
    from assistant.core.settings import Settings

RATINGS = ("up", "down")
PURGE_INTERVAL_S = 3600.0

metadata = sa.MetaData()
feedback_table = sa.Table(
    "feedback", metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("created_at", sa.Text, nullable=False),  # ISO 8601 in UTC: sorts as it reads
    sa.Column("question", sa.Text, nullable=False),
    sa.Column("answer", sa.Text, nullable=False),  # JSON: the answer text or the answer object
    sa.Column("rating", sa.Text, sa.CheckConstraint("rating IN ('up', 'down')"), nullable=False),
    sa.Column("comment", sa.Text),
    sa.Column("answer_id", sa.Text),
    sa.Index("feedback_created", "created_at"),
    sqlite_autoincrement=True,  # ids are never reused, so "newest first" is "highest id first"
)


@dataclass
class FeedbackEntry:
    id: int
    created_at: str  # ISO 8601, UTC
    question: str
    answer: Any  # the answer text, or the answer JSON as the client sent it
    rating: str  # up | down
    comment: str | None
    answer_id: str | None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def database_url(target: str | Path) -> sa.URL:
    """A SQLAlchemy URL as it is, or a file path as a SQLite URL."""
    if isinstance(target, str) and "://" in target:
        return sa.make_url(target)
    return sa.URL.create("sqlite", database=str(Path(target).expanduser().absolute()))


def _now() -> datetime:
    return datetime.now(timezone.utc)


class FeedbackStore:
    """`FeedbackStore(path_or_url, retention_days=0)`; 0 days keeps every entry."""

    def __init__(self, target: str | Path, retention_days: int = 0) -> None:
        self.url = database_url(target)
        self.retention_days = retention_days
        self._engine: sa.Engine | None = None
        self._lock = threading.Lock()
        self._next_purge = 0.0

    @classmethod
    def from_settings(cls, settings: "Settings") -> "FeedbackStore":
        return cls(settings.feedback_target, settings.feedback_retention_days)

    @property
    def backend(self) -> str:
        return self.url.get_backend_name()

    @property
    def path(self) -> Path | None:
        """The SQLite file, or None for a database server."""
        return Path(self.url.database) if self.backend == "sqlite" and self.url.database else None

    # -- engine -------------------------------------------------------------------------------------------------------

    @property
    def engine(self) -> sa.Engine:
        """Created on first use (app start stays fast; a server that is down fails the request, not the start)."""
        engine = self._engine
        if engine is None:
            with self._lock:
                if self._engine is None:
                    self._engine = self._connect()
                engine = self._engine
        return engine

    def _connect(self) -> sa.Engine:
        if self.path is not None:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            engine = sa.create_engine(self.url, connect_args={"timeout": 10})
            sa.event.listen(engine, "connect", _sqlite_pragmas)
        else:
            engine = sa.create_engine(self.url, pool_pre_ping=True, pool_size=5, max_overflow=5)
        _create_table(engine)
        self._purge(engine)
        return engine

    def close(self) -> None:
        with self._lock:
            if self._engine is not None:
                self._engine.dispose()
                self._engine = None

    # -- the API ------------------------------------------------------------------------------------------------------

    def add(self, question: str, answer: Any, rating: str, comment: str | None = None,
            answer_id: str | None = None) -> FeedbackEntry:
        if rating not in RATINGS:
            raise ValueError(f"Unbekannte Bewertung „{rating}“ (erlaubt: up, down).")
        created = _now().isoformat(timespec="seconds")
        stored_answer = json.dumps(answer, ensure_ascii=False)  # text or answer JSON, stored as JSON either way
        engine = self.engine
        with engine.begin() as connection:
            row_id = connection.execute(
                feedback_table.insert().returning(feedback_table.c.id),
                {"created_at": created, "question": question, "answer": stored_answer, "rating": rating,
                 "comment": comment, "answer_id": answer_id},
            ).scalar_one()
        if time.monotonic() >= self._next_purge:
            self._purge(engine)
        return FeedbackEntry(int(row_id), created, question, answer, rating, comment, answer_id)

    def list(self, limit: int = 50) -> list[FeedbackEntry]:
        """The newest entries first."""
        query = sa.select(feedback_table).order_by(feedback_table.c.id.desc()).limit(limit)
        with self.engine.connect() as connection:
            rows = connection.execute(query).mappings().all()
        return [self._entry(row) for row in rows]

    def count(self) -> int:
        with self.engine.connect() as connection:
            return int(connection.execute(sa.select(sa.func.count()).select_from(feedback_table)).scalar_one())

    def purge(self, now: datetime | None = None) -> int:
        """Delete the entries older than the retention period; returns how many went (0 without a period)."""
        return self._purge(self.engine, now)

    def _purge(self, engine: sa.Engine, now: datetime | None = None) -> int:
        self._next_purge = time.monotonic() + PURGE_INTERVAL_S
        if self.retention_days <= 0:
            return 0
        cutoff = ((now or _now()) - timedelta(days=self.retention_days)).isoformat(timespec="seconds")
        with engine.begin() as connection:
            return connection.execute(feedback_table.delete().where(feedback_table.c.created_at < cutoff)).rowcount

    @staticmethod
    def _entry(row: Any) -> FeedbackEntry:
        try:
            answer: Any = json.loads(row["answer"])
        except ValueError:
            answer = row["answer"]
        return FeedbackEntry(row["id"], row["created_at"], row["question"], answer, row["rating"], row["comment"],
                             row["answer_id"])


def _create_table(engine: sa.Engine, attempts: int = 5) -> None:
    """CREATE TABLE where missing. Replicas starting together may race between the check and the create: the loser
    gets an error and finds the table on its next look."""
    for attempt in range(attempts):
        try:
            metadata.create_all(engine, checkfirst=True)
            return
        except sa.exc.DBAPIError:
            if attempt == attempts - 1:
                raise
            time.sleep(0.2 * (attempt + 1))


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")  # readers do not wait for the writer
    cursor.execute("PRAGMA busy_timeout=10000")
    cursor.close()
