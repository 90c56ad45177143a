"""An SQLite log file read with Python's own sqlite3, without SQLAlchemy: what the console
needs to draw its first frame (`server.log_open.open_log` over it gives the very state,
checks and refusals the store gives), while SQLAlchemy, SQLModel and the store, a third of
a second of imports, wait until the frame is drawn (`server.deferred_service`).

Its statements are the store's (`server.store._Statements`, `server.links.LinkStatements`)
as SQLAlchemy compiles them for SQLite, written out: tests/core/test_log_file.py holds
each to its compiled twin, so the two cannot drift apart. It only reads; the writer lock
(`server.log_lock`) is held by whoever opens it for the console, so nothing changes the
file meanwhile.
"""

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import quote

from server.log_queries import Prepared
from server.log_reader import LogReader
from server.store_errors import unreadable

_EVENT = ("SELECT event.seq, event.at, event.actor, event.type, event.sitting_id, "
          "event.payload, event.prev_hash, event.hash \nFROM event")


class LinkQueries:
    """`server.links.LinkStatements` for SQLite."""

    count_events = Prepared("SELECT count(*) AS count_1, min(event.seq) AS min_1, "
                            "max(event.seq) AS max_1 \nFROM event \nWHERE event.seq <= ?",
                            ("last",), {"last": None})
    first_link = Prepared("SELECT event.prev_hash \nFROM event \nWHERE event.seq = ?",
                          ("seq_1",), {"seq_1": 1})
    first_broken_link = Prepared(
        'SELECT min("after".seq) AS min_1 \nFROM event JOIN event AS "after" ON '
        '"after".seq = event.seq + ? \nWHERE "after".prev_hash != event.hash AND '
        '"after".seq <= ?', ("seq_1", "last"), {"seq_1": 1, "last": None})


class Statements:
    """The store's reads (`server.store._Statements`) for SQLite."""

    links = LinkQueries()
    select_events = Prepared(_EVENT + " ORDER BY event.seq", (), {})
    select_events_from = Prepared(_EVENT + " \nWHERE event.seq >= ? ORDER BY event.seq",
                                  ("first",), {"first": None})
    select_links = Prepared("SELECT event.seq, event.prev_hash, event.hash \nFROM event "
                            "\nWHERE event.seq <= ? ORDER BY event.seq", ("last",), {"last": None})
    select_head = Prepared("SELECT chain_head.seq, chain_head.hash \nFROM chain_head "
                           "\nWHERE chain_head.id = ?", ("id_1",), {"id_1": 1})
    select_checkpoints = Prepared(
        "SELECT checkpoint.seq, checkpoint.hash, checkpoint.version, checkpoint.content_hash, "
        "checkpoint.document \nFROM checkpoint ORDER BY checkpoint.seq DESC", (), {})
    select_part = Prepared("SELECT checkpoint_part.text \nFROM checkpoint_part "
                           "\nWHERE checkpoint_part.digest = ?", ("digest",), {"digest": None})
    select_part_digests = Prepared("SELECT checkpoint_part.digest \nFROM checkpoint_part", (), {})


class LogFile(LogReader):
    """A `LogReader` on an SQLite file that exists; each read on a connection of its own,
    closed after (a closed sitting's part is read long after the open)."""

    def __init__(self, path: Path) -> None:
        self.target = path
        self._statements = Statements()
        self._uri = f"file:{quote(str(path.resolve()))}?mode=rw"  # never creates the file

    @contextmanager
    def _reading(self) -> Iterator[sqlite3.Cursor]:
        try:
            connection = sqlite3.connect(self._uri, uri=True)
            try:
                yield connection.cursor()
            finally:
                connection.close()
        except sqlite3.Error as error:
            raise unreadable(self.target, str(error)) from error

    def table_names(self) -> set[str]:
        found = self._fetch(Prepared("SELECT name FROM sqlite_master WHERE type = 'table'",
                                     (), {}))
        return {name for (name,) in found}
