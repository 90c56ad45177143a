"""The durable event log on SQLModel: SQLite in WAL mode with synchronous=FULL by default.

Events and the projections they imply are written in one transaction; `append` returns
only after the commit, so whatever it returned survives a crash. Nothing here is
SQLite-only except the PRAGMAs, which are applied only to SQLite connections.
"""

import json
from collections.abc import Iterable, Iterator
from datetime import datetime
from pathlib import Path

from sqlalchemy import Engine, event, insert, select, update
from sqlalchemy.exc import IntegrityError
from sqlmodel import SQLModel, create_engine

from models import events as ev
from models.chain import canonical_event
from server.tables import EventRow, ResolutionRow, VoteRow


class StoreError(Exception):
    """The log cannot be opened or written; the message says what to do."""


def _sqlite_pragmas(dbapi_connection, _record) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=FULL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=5000")
    cursor.close()


def engine_for(target: str | Path) -> Engine:
    """An engine for a database URL, or for a file path (SQLite)."""
    text = str(target)
    if "://" not in text:
        path = Path(text).expanduser()
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise StoreError(f"cannot create the folder for {path}: {error.strerror}") from error
        text = f"sqlite:///{path}"
    engine = create_engine(text)
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _sqlite_pragmas)
    return engine


def _projection_rows(stored: ev.StoredEvent) -> Iterator[tuple[str, object, dict]]:
    """("insert" | "void", table, values) for the projections an event implies."""
    match stored.event:
        case ev.VoteClosed() as closed:
            result = json.dumps(closed.result.model_dump(mode="json"), sort_keys=True,
                                ensure_ascii=False)
            yield "insert", VoteRow, {
                "sitting_id": closed.sitting_id, "vote_id": closed.vote_id, "seq": stored.seq,
                "outcome": closed.result.outcome.value, "result": result}
        case ev.ResolutionRegistered() as registered:
            yield "insert", ResolutionRow, {
                "number": registered.number, "ordinal": registered.ordinal,
                "sitting_id": registered.sitting_id, "vote_id": registered.vote_id,
                "title": registered.title, "voided_by": None}
        case ev.ResolutionVoided() as voided:
            yield "void", ResolutionRow, {"number": voided.number, "voided_by": voided.vote_id}


def event_row(stored: ev.StoredEvent) -> dict:
    return {
        "seq": stored.seq, "at": stored.at.isoformat(), "actor": stored.actor,
        "type": stored.event.type, "sitting_id": getattr(stored.event, "sitting_id", None),
        "payload": canonical_event(stored.event), "prev_hash": stored.prev_hash,
        "hash": stored.hash,
    }


class EventStore:
    def __init__(self, target: str | Path) -> None:
        self.target = target
        self.engine = engine_for(target)
        try:
            SQLModel.metadata.create_all(self.engine)
        except Exception as error:  # an unreadable file, a directory, a locked database
            raise StoreError(f"cannot open the event log {target}: {error}") from error

    def close(self) -> None:
        self.engine.dispose()

    def append(self, batch: Iterable[ev.StoredEvent]) -> None:
        """Writes the events and their projections in one durable transaction."""
        batch = list(batch)
        if not batch:
            return
        try:
            with self.engine.begin() as connection:
                connection.execute(insert(EventRow), [event_row(s) for s in batch])
                for stored in batch:
                    for action, table, values in _projection_rows(stored):
                        if action == "insert":
                            connection.execute(insert(table), [values])
                        else:
                            connection.execute(
                                update(table).where(table.number == values["number"])
                                .values(voided_by=values["voided_by"]))
        except IntegrityError as error:
            raise StoreError(
                f"event {batch[0].seq} already exists in {self.target}: another process "
                "writes this log; restart to reload it") from error

    def rows(self) -> list[EventRow]:
        """The stored rows as they are, in seq order (for `verify`)."""
        with self.engine.connect() as connection:
            result = connection.execute(select(EventRow).order_by(EventRow.seq))
            return [EventRow(**row._mapping) for row in result]

    def load(self) -> list[ev.StoredEvent]:
        return [stored_from_row(row) for row in self.rows()]

    def vote_rows(self) -> list[VoteRow]:
        with self.engine.connect() as connection:
            return [VoteRow(**r._mapping) for r in connection.execute(select(VoteRow))]

    def resolution_rows(self) -> list[ResolutionRow]:
        with self.engine.connect() as connection:
            return [ResolutionRow(**r._mapping) for r in connection.execute(select(ResolutionRow))]


def stored_from_row(row: EventRow) -> ev.StoredEvent:
    return ev.StoredEvent(
        seq=row.seq, at=datetime.fromisoformat(row.at), actor=row.actor,
        event=ev.EVENT_ADAPTER.validate_json(row.payload), prev_hash=row.prev_hash,
        hash=row.hash,
    )
