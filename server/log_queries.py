"""The queries opening a log runs and what they answer: a statement compiled for a DB-API
cursor (`Prepared`), the links check's statements and answer (`read_links`, `Links`), a
stored checkpoint. Light on purpose: neither the model nor SQLAlchemy is imported here,
as the links check begins before either (`server.links`) and the console reads a log with
sqlite3 before SQLAlchemy is imported (`server.log_file`)."""

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, NamedTuple, Protocol, cast

# named in annotations only: `LogFile` reads a log before SQLAlchemy is imported
if TYPE_CHECKING:
    from sqlalchemy import Engine
    from sqlalchemy.sql import ClauseElement
    from sqlalchemy.sql.compiler import SQLCompiler


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
