"""Durable feedback on answers (rating and optional comment), in one SQLite file.

Every call opens its own connection, so the store may be used from any thread of the API's thread pool; SQLite
serialises the writers. The schema is versioned with `PRAGMA user_version`; migrations are plain functions.
"""

from __future__ import annotations

import json
import sqlite3
from contextlib import closing
from dataclasses import asdict, dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Callable

RATINGS = ("up", "down")


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


def _migration_1(connection: sqlite3.Connection) -> None:
    connection.execute(
        """CREATE TABLE IF NOT EXISTS feedback (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            created_at TEXT NOT NULL,
            question TEXT NOT NULL,
            answer TEXT NOT NULL,  -- JSON: the answer text or the answer object
            rating TEXT NOT NULL CHECK (rating IN ('up', 'down')),
            comment TEXT,
            answer_id TEXT
        )"""
    )
    connection.execute("CREATE INDEX IF NOT EXISTS feedback_created ON feedback (created_at)")


MIGRATIONS: list[Callable[[sqlite3.Connection], None]] = [_migration_1]


class FeedbackStore:
    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self._migrated = False

    def _connect(self) -> sqlite3.Connection:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        connection = sqlite3.connect(self.path, timeout=10)
        connection.row_factory = sqlite3.Row
        if not self._migrated:
            self._migrate(connection)
        return connection

    def _migrate(self, connection: sqlite3.Connection) -> None:
        connection.execute("PRAGMA journal_mode=WAL")
        version = connection.execute("PRAGMA user_version").fetchone()[0]
        for number, migration in enumerate(MIGRATIONS, start=1):
            if number > version:
                with connection:
                    migration(connection)
                    connection.execute(f"PRAGMA user_version = {number}")
        self._migrated = True

    def add(self, question: str, answer: Any, rating: str, comment: str | None = None,
            answer_id: str | None = None) -> FeedbackEntry:
        if rating not in RATINGS:
            raise ValueError(f"Unbekannte Bewertung „{rating}“ (erlaubt: up, down).")
        created = datetime.now(timezone.utc).isoformat(timespec="seconds")
        stored_answer = json.dumps(answer, ensure_ascii=False)  # text or answer JSON, stored as JSON either way
        with closing(self._connect()) as connection, connection:
            cursor = connection.execute(
                "INSERT INTO feedback (created_at, question, answer, rating, comment, answer_id) VALUES (?, ?, ?, ?, ?, ?)",
                (created, question, stored_answer, rating, comment, answer_id),
            )
            row_id = int(cursor.lastrowid)
        return FeedbackEntry(row_id, created, question, answer, rating, comment, answer_id)

    def list(self, limit: int = 50) -> list[FeedbackEntry]:
        """The newest entries first."""
        with closing(self._connect()) as connection:
            rows = connection.execute("SELECT * FROM feedback ORDER BY id DESC LIMIT ?", (limit,)).fetchall()
        return [self._entry(row) for row in rows]

    def count(self) -> int:
        with closing(self._connect()) as connection:
            return int(connection.execute("SELECT COUNT(*) FROM feedback").fetchone()[0])

    @staticmethod
    def _entry(row: sqlite3.Row) -> FeedbackEntry:
        try:
            answer: Any = json.loads(row["answer"])
        except ValueError:
            answer = row["answer"]
        return FeedbackEntry(row["id"], row["created_at"], row["question"], answer, row["rating"], row["comment"],
                             row["answer_id"])
