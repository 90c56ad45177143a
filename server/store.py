"""The durable event log on SQLModel: SQLite in WAL mode with synchronous=FULL by default.

Events, the projections they imply and the log's head are written in one transaction;
`append` returns only after the commit, so whatever it returned survives a crash.

Appends go through one DB-API connection kept open for the store's life, with statements
compiled once by SQLAlchemy for the engine's dialect: the ORM's per-call overhead would
otherwise cost more than the disk's own commit. Nothing here is SQLite-only (the engine
and its SQLite PRAGMAs are `server.engine`'s).
"""

import json
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from functools import cached_property
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, bindparam, insert, inspect, select, update
from sqlalchemy.engine import Row
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.sql import ClauseElement, Executable

from models import events as ev
from models.chain import Sealed, canonical_event
from models.collector import collector_paused
from server.engine import engine_for, reason
from server.links import EarlyLinks, LinkStatements
from server.log_queries import Prepared
from server.log_reader import LogReader
from server.log_rows import StoredRow, parsed_row, stored_from_row, stored_from_rows
from server.store_errors import LogMovedOn as LogMovedOn
from server.store_errors import StoreError as StoreError
from server.store_errors import unopened, unreadable
from server.tables import (
    CHECKPOINT_PARTS,
    CHECKPOINTS,
    EVENTS,
    HEAD,
    LOG_TABLES,
    RESOLUTIONS,
    VOTES,
    EventRow,
    ResolutionRow,
    VoteRow,
)

# the columns an event is parsed from (`type` and `sitting_id` repeat the payload's)
_PARSED = ("seq", "at", "actor", "payload", "prev_hash", "hash")


class _Statements:
    """The store's statements, each compiled for the engine's dialect when first used: a
    start compiles the few its command runs (a script's append: the rows after the
    checkpoint, the events, the head), not all of them."""

    def __init__(self, engine: Engine, links: LinkStatements | None = None) -> None:
        self._engine = engine
        self._links = links

    def _of(self, statement: ClauseElement) -> Prepared:
        return Prepared.of(statement, self._engine)

    @cached_property
    def links(self) -> LinkStatements:
        return self._links or LinkStatements(self._engine)

    @cached_property
    def insert_event(self) -> Prepared:
        return self._of(insert(EVENTS))

    @cached_property
    def insert_vote(self) -> Prepared:
        return self._of(insert(VOTES))

    @cached_property
    def insert_resolution(self) -> Prepared:
        return self._of(insert(RESOLUTIONS))

    @cached_property
    def void_resolution(self) -> Prepared:
        return self._of(update(RESOLUTIONS).where(RESOLUTIONS.c.number == bindparam("key"))
                        .values(voided_by=bindparam("voided")))

    @cached_property
    def select_events(self) -> Prepared:
        return self._of(select(*(EVENTS.c[name] for name in StoredRow._fields))
                        .order_by(EVENTS.c.seq))

    @cached_property
    def select_parsed(self) -> Prepared:
        return self._of(select(*(EVENTS.c[name] for name in _PARSED)).order_by(EVENTS.c.seq))

    @cached_property
    def select_events_from(self) -> Prepared:
        return self._of(select(*(EVENTS.c[name] for name in StoredRow._fields))
                        .where(EVENTS.c.seq >= bindparam("first")).order_by(EVENTS.c.seq))

    @cached_property
    def select_sitting_events(self) -> Prepared:
        return self._of(select(*(EVENTS.c[name] for name in StoredRow._fields))
                        .where(EVENTS.c.sitting_id == bindparam("sitting"))
                        .order_by(EVENTS.c.seq))

    @cached_property
    def select_links(self) -> Prepared:
        return self._of(select(EVENTS.c.seq, EVENTS.c.prev_hash, EVENTS.c.hash)
                        .where(EVENTS.c.seq <= bindparam("last")).order_by(EVENTS.c.seq))

    @cached_property
    def select_head(self) -> Prepared:
        return self._of(select(HEAD.c.seq, HEAD.c.hash).where(HEAD.c.id == 1))

    @cached_property
    def select_checkpoints(self) -> Prepared:
        return self._of(select(CHECKPOINTS.c.seq, CHECKPOINTS.c.hash, CHECKPOINTS.c.version,
                               CHECKPOINTS.c.content_hash, CHECKPOINTS.c.document)
                        .order_by(CHECKPOINTS.c.seq.desc()))

    @cached_property
    def select_part(self) -> Prepared:
        return self._of(select(CHECKPOINT_PARTS.c.text)
                        .where(CHECKPOINT_PARTS.c.digest == bindparam("digest")))

    @cached_property
    def select_part_digests(self) -> Prepared:
        return self._of(select(CHECKPOINT_PARTS.c.digest))

    @cached_property
    def insert_head(self) -> Prepared:
        return self._of(insert(HEAD))

    @cached_property
    def move_head(self) -> Prepared:
        return self._of(update(HEAD).where(HEAD.c.id == 1, HEAD.c.seq == bindparam("expected"))
                        .values(seq=bindparam("new_seq"), hash=bindparam("new_hash")))


def event_row(sealed: Sealed) -> dict[str, Any]:
    stored = sealed.stored
    return {
        "seq": stored.seq, "at": stored.at.isoformat(), "actor": stored.actor,
        "type": stored.event.type, "sitting_id": getattr(stored.event, "sitting_id", None),
        "payload": sealed.payload, "prev_hash": stored.prev_hash, "hash": stored.hash,
    }


def vote_row(stored: ev.StoredEvent) -> dict[str, Any] | None:
    """The vote_result row a vote_closed event implies."""
    closed = stored.event
    if not isinstance(closed, ev.VoteClosed):
        return None
    result = json.dumps(closed.result.model_dump(mode="json"), sort_keys=True,
                        ensure_ascii=False)
    return {"sitting_id": closed.sitting_id, "vote_id": closed.vote_id, "seq": stored.seq,
            "outcome": closed.result.outcome.value, "result": result}


def _projection_writes(statements: _Statements,
                       stored: ev.StoredEvent) -> Iterator[tuple[Prepared, dict[str, Any]]]:
    row = vote_row(stored)
    if row is not None:
        yield statements.insert_vote, row
    match stored.event:
        case ev.ResolutionRegistered() as registered:
            yield statements.insert_resolution, {
                "number": registered.number, "ordinal": registered.ordinal,
                "sitting_id": registered.sitting_id, "vote_id": registered.vote_id,
                "title": registered.title, "voided_by": None}
        case ev.ResolutionVoided() as voided:
            yield statements.void_resolution, {"key": voided.number, "voided": voided.vote_id}


def _sealed(item: ev.StoredEvent | Sealed) -> Sealed:
    return item if isinstance(item, Sealed) else Sealed(item, canonical_event(item.event))


class EventStore(LogReader):
    """The log. `readonly=True` opens an existing log for reading only (`verify`). `early`:
    a writer's check of the chain's links begun on this log (`server.links.begin`); the
    store takes its engine and its answer."""

    _statements: _Statements

    def __init__(self, target: str | Path, *, readonly: bool = False,
                 early: EarlyLinks | None = None) -> None:
        self.target = target
        self._early = early
        self.engine = early.engine if early else engine_for(target, create=not readonly)
        self._writer: Any = None  # the DB-API connection appends use, opened on first use
        try:
            if readonly:
                missing = {t.name for t in LOG_TABLES} - set(inspect(self.engine).get_table_names())
                if EVENTS.name in missing or HEAD.name in missing:
                    tables = "tabeli" if len(missing) == 1 else "tabel"
                    raise StoreError(f"{target} is not a sesja event log "
                                     f"(no {' or '.join(sorted(missing))} table)",
                                     f"{target} nie jest dziennikiem zdarzeń programu sesja "
                                     f"(nie ma w nim {tables} {', '.join(sorted(missing))})")
            else:
                EventRow.metadata.create_all(self.engine, tables=list(LOG_TABLES))
            self._statements = _Statements(self.engine, early.statements if early else None)
        except SQLAlchemyError as error:  # an unreadable file, not a database, locked
            self._dispose()
            raise unopened(target, reason(error)) from error
        except StoreError:
            self._dispose()
            raise

    def _dispose(self) -> None:
        if self._early is not None:
            self._early.wait()  # its thread may still read through the engine
        self.engine.dispose()

    def close(self) -> None:
        if self._writer is not None:
            self._writer.close()
            self._writer = None
        self._dispose()

    def _connection(self) -> Any:
        if self._writer is None:
            try:
                self._writer = self.engine.raw_connection()
            except SQLAlchemyError as error:
                raise unopened(self.target, reason(error)) from error
        return self._writer

    def check_writable(self) -> None:
        """Raises StoreError now, rather than at the first append, if the log can't be written."""
        connection = self._connection()
        cursor = connection.cursor()
        try:
            probe = self._statements.move_head  # moves nothing, but needs the write lock
            cursor.execute(probe.sql, probe.params({"expected": -1, "new_seq": -1, "new_hash": ""}))
        except self.engine.dialect.loaded_dbapi.Error as error:
            raise StoreError(f"cannot write to the event log {self.target}: {error}",
                             f"nie można zapisywać w dzienniku zdarzeń {self.target}: {error}"
                             ) from error
        finally:
            connection.rollback()
            cursor.close()

    def append(self, batch: Iterable[ev.StoredEvent | Sealed]) -> None:
        """Writes the events, their projections and the new head in one durable transaction."""
        sealed = [_sealed(item) for item in batch]
        if not sealed:
            return
        statements, dbapi = self._statements, self.engine.dialect.loaded_dbapi
        first, last = sealed[0].stored, sealed[-1].stored
        connection = self._connection()
        cursor = connection.cursor()
        try:
            cursor.executemany(statements.insert_event.sql,
                               [statements.insert_event.params(event_row(s)) for s in sealed])
            for item in sealed:
                for statement, values in _projection_writes(statements, item.stored):
                    cursor.execute(statement.sql, statement.params(values))
            if first.seq == 1:
                head = statements.insert_head
                cursor.execute(head.sql, head.params({"id": 1, "seq": last.seq, "hash": last.hash}))
            else:
                head = statements.move_head
                cursor.execute(head.sql, head.params(
                    {"expected": first.seq - 1, "new_seq": last.seq, "new_hash": last.hash}))
                if cursor.rowcount != 1:
                    raise dbapi.IntegrityError("the log's head moved")
            connection.commit()
        except dbapi.IntegrityError as error:
            connection.rollback()
            raise LogMovedOn(
                f"event {first.seq} already exists in {self.target}: another process "
                "writes this log; restart to reload it",
                f"zdarzenie {first.seq} jest już w dzienniku zdarzeń {self.target}: zapisuje "
                "go inny program; uruchom program ponownie, aby wczytać dziennik") from error
        except dbapi.Error as error:
            connection.rollback()
            raise StoreError(f"cannot write to the event log {self.target}: {error}; "
                             "nothing of this action was written",
                             f"nie można zapisać w dzienniku zdarzeń {self.target}: {error}; "
                             "nic z tej czynności nie zostało zapisane") from error
        finally:
            cursor.close()

    def _select(self, statement: Executable) -> list[Row[*tuple[Any, ...]]]:
        try:
            with self.engine.connect() as connection:
                return list(connection.execute(statement))
        except SQLAlchemyError as error:
            raise unreadable(self.target, reason(error)) from error

    @contextmanager
    def _reading(self) -> Iterator[Any]:
        """A DB-API cursor on a connection of its own (replay is hot; other threads may
        read), closed after; the database's errors raised as StoreError."""
        dbapi = self.engine.dialect.loaded_dbapi
        try:
            connection = self.engine.raw_connection()
            try:
                yield connection.cursor()
            finally:
                connection.close()
        except (SQLAlchemyError, dbapi.Error) as error:
            raise unreadable(self.target, reason(error)) from error

    def links_hold(self, last: int, genesis: str) -> bool:
        """As every reader's, but the answer of a check begun early for `last`
        (`server.links`) is taken as it is."""
        early = self._early.links(last) if self._early is not None else None
        if early is not None:
            return early.hold(genesis)
        return super().links_hold(last, genesis)

    def table_names(self) -> set[str]:
        try:
            return set(inspect(self.engine).get_table_names())
        except SQLAlchemyError as error:
            raise unreadable(self.target, reason(error)) from error

    def sitting_events(self, sitting_id: str) -> list[ev.StoredEvent]:
        """One sitting's own events, in seq order (a publication of it needs only these)."""
        found = self._fetch(self._statements.select_sitting_events, {"sitting": sitting_id})
        return stored_from_rows(map(StoredRow._make, found))

    def load(self) -> list[ev.StoredEvent]:
        """Every event, parsed, in seq order: only the columns parsing needs are read (a
        term's log is read whole by whoever wants every event)."""
        with collector_paused():  # the rows are read and parsed whole, and all live on
            return [parsed_row(*row) for row in self._fetch(self._statements.select_parsed)]

    def event(self, seq: int) -> ev.StoredEvent | None:
        """One event, read alone (a live package names the newest; the log may be long)."""
        columns = (EVENTS.c[name] for name in StoredRow._fields)
        found = self._select(select(*columns).where(EVENTS.c.seq == seq))
        return stored_from_row(StoredRow(*found[0])) if found else None

    def vote_rows(self) -> list[VoteRow]:
        return [VoteRow(**r._mapping) for r in self._select(select(VOTES))]

    def resolution_rows(self) -> list[ResolutionRow]:
        return [ResolutionRow(**r._mapping) for r in self._select(select(RESOLUTIONS))]
