"""👍/👎 feedback on answers, kept in SQLite under the data folder, and its CSV export.

One row per rated answer: the question, the answer text, its citations (JSON), the rating,
an optional comment and UTC timestamps. Nothing about the person is stored: no IP address,
no user name, no browser details.
"""

from __future__ import annotations

import csv
import json
import sqlite3
import sys
from collections.abc import Iterable
from datetime import datetime, timezone
from pathlib import Path
from typing import TextIO

from .config import data_dir
from .errors import QzAssistError

RATINGS = ("up", "down")
CSV_COLUMNS = ("id", "created", "updated", "rating", "question", "answer", "citations", "refused", "comment")
_SCHEMA = """
CREATE TABLE IF NOT EXISTS feedback (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    created TEXT NOT NULL,
    updated TEXT NOT NULL,
    rating TEXT NOT NULL CHECK (rating IN ('up', 'down')),
    question TEXT NOT NULL,
    answer TEXT NOT NULL,
    citations TEXT NOT NULL,
    refused INTEGER NOT NULL DEFAULT 0,
    comment TEXT NOT NULL DEFAULT ''
)
"""


class FeedbackError(QzAssistError):
    """Feedback cannot be stored or read (bad rating, unknown id, unwritable file)."""


def default_path() -> Path:
    """Where feedback lives: ``data_dir()/data/feedback.sqlite3``.

    Returns:
        The database path (the folder may not exist yet).
    """
    return data_dir() / "data" / "feedback.sqlite3"


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


class FeedbackStore:
    """A small SQLite table of ratings; every call opens its own connection, so threads can share one store."""

    def __init__(self, path: Path | None = None):
        self.path = Path(path) if path is not None else default_path()
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            with self._connect() as conn:
                conn.execute(_SCHEMA)
        except (OSError, sqlite3.Error) as exc:
            raise FeedbackError(f"cannot open feedback database {self.path} ({exc}); set QZ_DATA_DIR to a writable folder.") from exc

    def _connect(self) -> sqlite3.Connection:
        conn = sqlite3.connect(self.path, timeout=10)
        conn.row_factory = sqlite3.Row
        return conn

    def add(self, *, question: str, answer: str, citations: Iterable[dict], rating: str,
            refused: bool = False, comment: str = "") -> int:
        """Store one rating.

        Args:
            question: the question as asked.
            answer: the answer text shown.
            citations: the answer's citations as dicts (``section``, ``title``, ``quote``).
            rating: ``"up"`` or ``"down"``.
            refused: whether the answer was a refusal.
            comment: optional free text.

        Returns:
            The new row's id.
        """
        _check_rating(rating)
        now = _now()
        with self._connect() as conn:
            cur = conn.execute(
                "INSERT INTO feedback (created, updated, rating, question, answer, citations, refused, comment)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (now, now, rating, question, answer, json.dumps(list(citations), ensure_ascii=False),
                 int(bool(refused)), comment.strip()))
            return int(cur.lastrowid)

    def update(self, feedback_id: int, *, rating: str | None = None, comment: str | None = None) -> None:
        """Change the rating or the comment of a stored row.

        Args:
            feedback_id: the id ``add`` returned.
            rating: a new rating, or None to keep it.
            comment: a new comment, or None to keep it.
        """
        if rating is not None:
            _check_rating(rating)
        with self._connect() as conn:
            cur = conn.execute(
                "UPDATE feedback SET rating = COALESCE(?, rating), comment = COALESCE(?, comment), updated = ?"
                " WHERE id = ?", (rating, comment.strip() if comment is not None else None, _now(), feedback_id))
            if cur.rowcount == 0:
                raise FeedbackError(f"no feedback with id {feedback_id}; rate the answer first.")

    def delete(self, feedback_id: int) -> None:
        """Forget a rating the person took back.

        Args:
            feedback_id: the id ``add`` returned (unknown ids are ignored).
        """
        with self._connect() as conn:
            conn.execute("DELETE FROM feedback WHERE id = ?", (feedback_id,))

    def rows(self) -> list[dict]:
        """Every stored row, oldest first.

        Returns:
            Dicts keyed by ``CSV_COLUMNS``; ``citations`` is decoded to a list.
        """
        with self._connect() as conn:
            found = conn.execute(f"SELECT {', '.join(CSV_COLUMNS)} FROM feedback ORDER BY id").fetchall()
        return [{**dict(r), "citations": json.loads(r["citations"]), "refused": bool(r["refused"])} for r in found]

    def write_csv(self, out: TextIO) -> int:
        """Write every row as CSV with a header line.

        Args:
            out: a text stream.

        Returns:
            The number of rows written.
        """
        writer = csv.writer(out)
        writer.writerow(CSV_COLUMNS)
        rows = self.rows()
        for row in rows:
            row = {**row, "citations": json.dumps(row["citations"], ensure_ascii=False), "refused": int(row["refused"])}
            writer.writerow([row[c] for c in CSV_COLUMNS])
        return len(rows)


def _check_rating(rating: str) -> None:
    if rating not in RATINGS:
        raise FeedbackError(f"rating {rating!r} is not one of {', '.join(RATINGS)}; pass 'up' or 'down'.")


def export_cli(args) -> int:
    """``qzassist feedback export [--out FILE]``: write stored feedback as CSV.

    A file gets a UTF-8 byte-order mark so spreadsheet programs read the Chinese text right;
    standard output (``-``) gets plain UTF-8.

    Args:
        args: parsed arguments with ``out`` (a path, or ``-`` for standard output).

    Returns:
        The exit code.
    """
    store = FeedbackStore()
    if args.out in (None, "-"):
        count = store.write_csv(sys.stdout)
    else:
        path = Path(args.out)
        try:
            with path.open("w", encoding="utf-8-sig", newline="") as fh:
                count = store.write_csv(fh)
        except OSError as exc:
            raise FeedbackError(f"cannot write {path} ({exc}); pass --out with a writable path.") from exc
    print(f"exported {count} feedback row(s)", file=sys.stderr)
    return 0
