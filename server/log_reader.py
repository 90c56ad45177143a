"""What opening a log reads from its database, named once (`LogReader`), so the checks
of `server.log_open` run the same whichever way the database is read: `EventStore`
through SQLAlchemy (any database), `LogFile` through Python's own sqlite3 (an SQLite file,
before SQLAlchemy is imported: the console's first frame)."""

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple, Protocol, cast

# named in annotations only: SQLAlchemy (`LogFile` reads a log before it is imported),
# and server.log_rows, which imports the model (the links check is begun before it)
if TYPE_CHECKING:
    from sqlalchemy import Engine
    from sqlalchemy.sql import ClauseElement
    from sqlalchemy.sql.compiler import SQLCompiler

    from server.log_rows import Head, StoredRow


@dataclass(frozen=True)
class StoredCheckpoint:
    seq: int
    hash: str
    version: int
    content_hash: str
    document: str


class Links(NamedTuple):
    """What the database says of the events up to `last`: how many, their lowest and
    highest seq, the first event's link, and the first event not linked to the one
    before it (None: every one is)."""

    last: int
    events: int
    lowest: int | None
    highest: int | None
    first_link: str | None = None
    first_broken: int | None = None

    def counted(self) -> bool:
        """Events 1..last, each once: no more, no fewer, none numbered below 1."""
        expected = (self.last, 1, self.last) if self.last else (0, None, None)
        return (self.events, self.lowest, self.highest) == expected

    def hold(self, genesis: str) -> bool:
        return self.counted() and (self.last == 0 or (
            self.first_link == genesis and self.first_broken is None))


@dataclass(frozen=True)
class Prepared:
    """A statement compiled once for the dialect, executed on a DB-API cursor."""

    sql: str
    order: tuple[str, ...] | None  # parameter names, for positional paramstyles
    defaults: dict[str, Any]

    @classmethod
    def of(cls, statement: "ClauseElement", engine: "Engine") -> "Prepared":
        # DML and SELECT compile to an SQLCompiler, which knows the parameters' order
        compiled = cast("SQLCompiler", statement.compile(dialect=engine.dialect))
        order = tuple(compiled.positiontup or ()) if compiled.positional else None
        return cls(compiled.string, order, dict(compiled.params))

    def params(self, values: dict[str, Any]) -> tuple[Any, ...] | dict[str, Any]:
        merged = {**self.defaults, **values}
        return merged if self.order is None else tuple(merged[name] for name in self.order)


class LinkQueries(Protocol):
    """The links check's statements (`server.links.LinkStatements` compiles them for the
    engine's dialect; `server.log_file` has them written out for SQLite)."""

    @property
    def count_events(self) -> Prepared: ...

    @property
    def first_link(self) -> Prepared: ...

    @property
    def first_broken_link(self) -> Prepared: ...


def read_links(cursor: Any, statements: LinkQueries, last: int) -> Links:
    """The links of events 1..`last`, from a DB-API cursor; the links themselves are not
    read when the events are not 1..last (they cannot hold)."""
    cursor.execute(statements.count_events.sql, statements.count_events.params({"last": last}))
    events, lowest, highest = cursor.fetchone()
    found = Links(last, events, lowest, highest)
    if not found.counted() or last == 0:
        return found
    cursor.execute(statements.first_link.sql, statements.first_link.params({}))
    (first_link,) = cursor.fetchone() or (None,)
    broken = statements.first_broken_link
    cursor.execute(broken.sql, broken.params({"last": last}))
    (first_broken,) = cursor.fetchone() or (None,)
    return found._replace(first_link=first_link, first_broken=first_broken)


class LogReader(Protocol):
    """A log's database as opening reads it; every method raises StoreError when the
    database cannot be read."""

    @property
    def target(self) -> str | Path: ...

    def rows(self, first: int = 1) -> "list[StoredRow]":
        """The stored rows in seq order from event `first` on."""
        ...

    def head(self) -> "Head | None":
        """The seq and hash of the last event appended, or None for a new log."""
        ...

    def links_hold(self, last: int, genesis: str) -> bool:
        """Whether events 1..`last` are all there, linked from `genesis` on (`Links.hold`),
        checked by the database."""
        ...

    def links(self, last: int) -> Iterator[tuple[int, str, str]]:
        """(seq, prev_hash, hash) of every event up to `last`, in seq order, streamed."""
        ...

    def checkpoints(self) -> list[StoredCheckpoint]:
        """Every stored checkpoint, newest first (none in a log written before them)."""
        ...

    def parts(self, digests: Iterable[str]) -> Iterator[tuple[str, str | None]]:
        """Each digest with its checkpoint part's text (None: not stored), one by one."""
        ...

    def part_digests(self) -> set[str]:
        """The digest of every stored checkpoint part (the parts themselves not read)."""
        ...
