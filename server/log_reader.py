"""What opening a log reads from its database (`LogReader`), written once over a DB-API
cursor, so the checks of `server.log_open` run the same whichever way the database is
read: the store (`EventStore`, SQLAlchemy's connection, any database) and the SQLite file
read with Python's own sqlite3 before SQLAlchemy is imported (`server.log_file`, the
console's first frame) differ only in how they connect, the statements' text and how they
list the tables. Every read raises StoreError when the database cannot be read."""

from collections.abc import Iterable, Iterator
from contextlib import AbstractContextManager
from pathlib import Path
from typing import Any, Protocol

from server.log_queries import LinkQueries, Prepared, StoredCheckpoint, read_links
from server.log_rows import Head, StoredRow

# server.tables' names: the tables that make a file a sesja log, and the checkpoints'
EVENT_TABLES = frozenset({"event", "chain_head"})
CHECKPOINT_TABLES = frozenset({"checkpoint", "checkpoint_part"})


class ReadStatements(Protocol):
    """The reads' statements, as the reader's database takes them."""

    @property
    def links(self) -> LinkQueries: ...

    @property
    def select_events(self) -> Prepared: ...

    @property
    def select_events_from(self) -> Prepared: ...

    @property
    def select_links(self) -> Prepared: ...

    @property
    def select_head(self) -> Prepared: ...

    @property
    def select_checkpoints(self) -> Prepared: ...

    @property
    def select_part(self) -> Prepared: ...

    @property
    def select_part_digests(self) -> Prepared: ...


class LogReader:
    """A reader gives `target`, `_statements`, `_reading()` (a DB-API cursor on a
    connection of its own, closed after, the database's errors raised as StoreError) and
    `table_names()` (every table in its database)."""

    target: str | Path
    _statements: ReadStatements

    def _reading(self) -> AbstractContextManager[Any]:
        raise NotImplementedError

    def table_names(self) -> set[str]:
        raise NotImplementedError

    def _fetch(self, statement: Prepared,
               values: dict[str, Any] | None = None) -> list[tuple[Any, ...]]:
        """The statement's rows as plain tuples, read with the DB-API."""
        with self._reading() as cursor:
            cursor.execute(statement.sql, statement.params(values or {}))
            return list(cursor.fetchall())

    def rows(self, first: int = 1) -> list[StoredRow]:
        """The stored rows as they are, in seq order, from event `first` on (a checkpoint's
        event)."""
        if first <= 1:
            found = self._fetch(self._statements.select_events)
        else:
            found = self._fetch(self._statements.select_events_from, {"first": first})
        return list(map(StoredRow._make, found))

    def head(self) -> Head | None:
        """The head row: the seq and hash of the last event appended, or None for a new log."""
        found = self._fetch(self._statements.select_head)
        return Head(*found[0]) if found else None

    def links_hold(self, last: int, genesis: str) -> bool:
        """Whether events 1..`last` are all there, the first links to `genesis` and each
        other to the one before it: checked by the database (a join of each event with the
        next), so opening a long log reads no event into Python. `links` says where not."""
        with self._reading() as cursor:
            return read_links(cursor, self._statements.links, last).hold(genesis)

    def links(self, last: int) -> Iterator[tuple[int, str, str]]:
        """(seq, prev_hash, hash) of every event up to `last`, in seq order, streamed: what
        shows an event removed, inserted or reordered, without reading any payload."""
        with self._reading() as cursor:
            statement = self._statements.select_links
            cursor.execute(statement.sql, statement.params({"last": last}))
            while batch := cursor.fetchmany(4096):
                yield from batch

    def checkpoints(self) -> list[StoredCheckpoint]:
        """Every stored checkpoint, newest first (a log written before checkpoints, opened
        read-only, has no checkpoint tables: none)."""
        if not CHECKPOINT_TABLES <= self.table_names():
            return []
        return [StoredCheckpoint(*row) for row in self._fetch(self._statements.select_checkpoints)]

    def parts(self, digests: Iterable[str]) -> Iterator[tuple[str, str | None]]:
        """Each digest with its checkpoint part's text (None: not stored), one by one."""
        with self._reading() as cursor:
            statement = self._statements.select_part
            for wanted in digests:
                cursor.execute(statement.sql, statement.params({"digest": wanted}))
                (text,) = cursor.fetchone() or (None,)
                yield wanted, text

    def part_digests(self) -> set[str]:
        """The digest of every stored checkpoint part (the parts themselves not read)."""
        return {digest for (digest,) in self._fetch(self._statements.select_part_digests)}
