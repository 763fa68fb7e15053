"""The on-disk cache of Wikidata answers: an SQLite file, one row per question, written as soon as
the answer arrives, so that a rerun (or a run after a crash) sends nothing already asked."""

from __future__ import annotations

import json
import sqlite3
from datetime import UTC, datetime
from pathlib import Path

from ..errors import WikidataError

_SCHEMA = "CREATE TABLE IF NOT EXISTS answers (question TEXT PRIMARY KEY, answer TEXT NOT NULL, asked TEXT NOT NULL)"


class AnswerCache:
    """question (a canonical string) -> the JSON answer, with the time it was received."""

    def __init__(self, path: str | Path | None):
        self.path = None if path is None else Path(path)
        try:
            if self.path is not None:
                self.path.parent.mkdir(parents=True, exist_ok=True)
            self._db = sqlite3.connect(":memory:" if self.path is None else str(self.path))
            self._db.execute(_SCHEMA)
            self._db.commit()
        except (OSError, sqlite3.Error) as exc:
            raise WikidataError(f"cannot open the Wikidata cache {self.path}: {exc}") from exc
        self.hits = 0

    def get(self, question: str) -> object | None:
        row = self._db.execute("SELECT answer FROM answers WHERE question = ?", (question,)).fetchone()
        if row is None:
            return None
        self.hits += 1
        return json.loads(row[0])

    def put(self, question: str, answer: object) -> None:
        asked = datetime.now(UTC).isoformat(timespec="seconds")
        try:
            self._db.execute("INSERT OR REPLACE INTO answers VALUES (?, ?, ?)",
                             (question, json.dumps(answer, ensure_ascii=False, sort_keys=True), asked))
            self._db.commit()
        except sqlite3.Error as exc:
            raise WikidataError(f"cannot write the Wikidata cache {self.path}: {exc}") from exc

    def __len__(self) -> int:
        return self._db.execute("SELECT COUNT(*) FROM answers").fetchone()[0]

    def close(self) -> None:
        self._db.close()
