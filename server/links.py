"""The chain's links up to a checkpoint, checked by the database; and that check begun in
a thread as soon as a writer has the log's engine, before the rest of sesja is imported.

Opening a log from a checkpoint checks that events 1..its seq are all there, the first
linked to the genesis hash and each other to the one before it (`server.chain_check`).
The database does it in one scan of the event table, which grows with the term (about
0.1 s at 250,000 events) and runs without Python's lock. So a writer's start
(`session_console.cli.opening.open_service`) makes the engine with SQLAlchemy's core
alone, sets this check going in a thread for the newest checkpoint's seq (`EarlyLinks`),
and only then imports SQLModel, the store and the model (about 0.3 s of Python): the two
run on the machine's two cores. The store takes the answer where it would have asked the
database (`EventStore.links_hold`); one for another seq (that checkpoint was refused and
an older one is tried) or a check that failed is simply asked again, so a log is refused
exactly as before. Only the question's timing moves.
"""

import threading
from pathlib import Path

from sqlalchemy import Engine, bindparam, column, func, select, table

from server.engine import engine_for, file_path
from server.log_queries import Links, Prepared, read_links

# The columns of server.tables' `event` and `checkpoint` tables this check reads, named
# here so that it needs neither SQLModel nor the tables' classes (tests/core/test_links.py
# holds them to server.tables).
EVENTS = table("event", column("seq"), column("prev_hash"), column("hash"))
CHECKPOINTS = table("checkpoint", column("seq"))


class LinkStatements:
    """The check's statements, compiled for the engine's dialect."""

    def __init__(self, engine: Engine) -> None:
        after = EVENTS.alias("after")
        self.count_events = Prepared.of(
            select(func.count(), func.min(EVENTS.c.seq), func.max(EVENTS.c.seq))
            .where(EVENTS.c.seq <= bindparam("last")), engine)
        self.first_link = Prepared.of(select(EVENTS.c.prev_hash).where(EVENTS.c.seq == 1),
                                      engine)
        self.first_broken_link = Prepared.of(
            select(func.min(after.c.seq))
            .select_from(EVENTS.join(after, after.c.seq == EVENTS.c.seq + 1))
            .where(after.c.prev_hash != EVENTS.c.hash, after.c.seq <= bindparam("last")),
            engine)
        self.newest_checkpoint = Prepared.of(select(func.max(CHECKPOINTS.c.seq)), engine)


class EarlyLinks:
    """The links up to the log's newest checkpoint, read in a thread from when the engine
    is made. `links(last)` waits for them: those links, or None when the thread read
    another seq's or could not read them (the caller then reads them itself)."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self.statements = LinkStatements(engine)
        self._found: Links | None = None
        # the first connection made here, not in the thread: SQLAlchemy sets up its dialect
        # on it, and the thread then only waits on the database
        self.engine.raw_connection().close()
        self._thread = threading.Thread(target=self._read, name="sesja-links", daemon=True)
        self._thread.start()

    def _read(self) -> None:
        try:
            connection = self.engine.raw_connection()
            try:
                cursor = connection.cursor()
                statement = self.statements.newest_checkpoint
                cursor.execute(statement.sql, statement.params({}))
                (newest,) = cursor.fetchone() or (None,)
                if isinstance(newest, int):
                    self._found = read_links(cursor, self.statements, newest)
            finally:
                connection.close()
        except Exception:  # no table yet, a damaged file: the open reads them itself
            self._found = None

    def links(self, last: int) -> Links | None:
        self._thread.join()
        found, self._found = self._found, None  # told once: a later question reads again
        return found if found is not None and found.last == last else None

    def wait(self) -> None:
        """Until the thread is done with the engine (before it is disposed)."""
        self._thread.join()


def begin(target: str | Path) -> EarlyLinks | None:
    """The check begun on the log at `target` (a path or a database URL), or None when there
    is no log file there yet or its engine cannot be made or connect: the store then opens
    it as before, and says why not in its own words."""
    path = file_path(target)
    if path is not None and not path.is_file():
        return None
    try:
        engine = engine_for(target)
    except Exception:  # the store's own engine_for raises it again
        return None
    try:
        return EarlyLinks(engine)
    except Exception:  # as above: the store connects and reports it
        engine.dispose()
        return None
