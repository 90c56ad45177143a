"""What opening a log reads from its database, named once (`LogReader`), so the checks
of `server.log_open` run the same whichever way the database is read: `EventStore`
through SQLAlchemy (any database), `LogFile` through Python's own sqlite3 (an SQLite file,
before SQLAlchemy is imported: the console's first frame)."""

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple, Protocol

# named in annotations only: server.log_rows imports the model, which the links check
# begun before the model is imported (server.links) has no need of
if TYPE_CHECKING:
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
