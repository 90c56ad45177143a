"""Checkpoints in the log's own SQLite file: writing them, and opening a log from one.

Two tables beside the events (`server.tables`): `checkpoint` (one row per checkpoint: the
seq and hash of its event, its state version, its document and the document's SHA-256) and
`checkpoint_part` (each sitting's part, by digest, shared by every checkpoint naming it).
Only the newest `KEEP` checkpoints are kept, with the parts they name.

Opening (`open_log`) takes the newest checkpoint that holds up against the chain: its
version is this code's, its document hashes to its content hash, the event at its seq has
its hash, every part it names is stored, each part read hashes to its digest and the state
it decodes to ends at that event. Closed sittings are left on disk
(`models.pmap.Deferred`) until something asks for one; their part is checked against its
digest then, and one that changed raises `CheckpointError` rather than give a wrong
sitting (`sesja verify` checks every part).
Every event up to the checkpoint is checked to be in its place and linked to the one
before it (their seq and hashes only: no payload is read), the events after it are
re-hashed one by one and folded onto it, and the log must end where its head record says.

A checkpoint that fails (none, another version, an edited or damaged document or part,
one from another log or another chain position) is refused with a log line saying why,
the next older one is tried, then the whole log is re-hashed and folded: never a wrong
state (a damaged chain is refused outright). `sesja verify` re-derives everything from
the events and checks every checkpoint against the state the events give at its seq.
"""

import logging
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import delete, insert, inspect, select
from sqlalchemy.exc import SQLAlchemyError

from models.checkpoint import (
    STATE_VERSION,
    CheckpointError,
    Encoded,
    SittingParts,
    decode,
    digest,
    encode,
    part_digests,
)
from models.events import StoredEvent
from models.reducer import fold
from models.state import Chamber
from server.chain_check import Problem, chain_after, links_problem, log_problem, tail_problem
from server.store import EventStore, StoredRow, StoreError, stored_from_row
from server.store_errors import unreadable
from server.tables import CHECKPOINT_PARTS, CHECKPOINTS

log = logging.getLogger("sesja.checkpoints")

KEEP = 2  # the newest checkpoints kept (an older one is the fallback if the newest is bad)
EVERY = 10_000  # events, at most, between checkpoints while a sitting goes on


@dataclass(frozen=True)
class StoredCheckpoint:
    seq: int
    hash: str
    version: int
    content_hash: str
    document: str


@dataclass(frozen=True)
class Opened:
    """A log opened: its state, its last event's time, the checkpoint it started from (0:
    none) and the sittings whose parts are stored (so the next checkpoint skips them)."""

    state: Chamber
    last_at: datetime | None
    checkpoint_seq: int
    parts: SittingParts


def has_tables(store: EventStore) -> bool:
    """A log written before checkpoints, opened read-only, has no checkpoint tables."""
    names = set(inspect(store.engine).get_table_names())
    return CHECKPOINTS.name in names and CHECKPOINT_PARTS.name in names


def _unreadable(store: EventStore, error: SQLAlchemyError) -> StoreError:
    reason = str(getattr(error, "orig", None) or error)  # the database's, not SQLAlchemy's
    if len(reason) > 200:  # SQLite quotes a whole undecodable value
        reason = reason[:200] + "…"
    return unreadable(store.target, reason)


def stored_checkpoints(store: EventStore) -> list[StoredCheckpoint]:
    """Every stored checkpoint, newest first."""
    columns = (CHECKPOINTS.c.seq, CHECKPOINTS.c.hash, CHECKPOINTS.c.version,
               CHECKPOINTS.c.content_hash, CHECKPOINTS.c.document)
    try:
        if not has_tables(store):
            return []
        with store.engine.connect() as connection:
            found = connection.execute(select(*columns).order_by(CHECKPOINTS.c.seq.desc()))
            return [StoredCheckpoint(*row) for row in found]
    except SQLAlchemyError as error:
        raise _unreadable(store, error) from error


def stored_parts(store: EventStore, digests: Sequence[str]) -> Iterator[tuple[str, str | None]]:
    """Each digest with its part's stored text (None: not stored), read one by one."""
    try:
        with store.engine.connect() as connection:
            for wanted in digests:
                text = connection.execute(select(CHECKPOINT_PARTS.c.text)
                                          .where(CHECKPOINT_PARTS.c.digest == wanted)).scalar()
                yield wanted, text
    except SQLAlchemyError as error:
        raise _unreadable(store, error) from error


def stored_digests(store: EventStore) -> set[str]:
    """The digest of every stored part (the parts themselves are not read)."""
    try:
        with store.engine.connect() as connection:
            return set(connection.execute(select(CHECKPOINT_PARTS.c.digest)).scalars())
    except SQLAlchemyError as error:
        raise _unreadable(store, error) from error


def write(store: EventStore, encoded: Encoded) -> None:
    """Stores a checkpoint with its new parts and drops all but the newest KEEP, in one
    transaction: a failure leaves the checkpoints as they were."""
    with store.engine.begin() as connection:
        if connection.execute(select(CHECKPOINTS.c.seq)
                              .where(CHECKPOINTS.c.seq == encoded.seq)).first() is not None:
            return
        for part in encoded.parts:
            stored = connection.execute(select(CHECKPOINT_PARTS.c.digest)
                                        .where(CHECKPOINT_PARTS.c.digest == part.digest))
            if stored.first() is None:
                connection.execute(insert(CHECKPOINT_PARTS),
                                   {"digest": part.digest, "text": part.text})
        connection.execute(insert(CHECKPOINTS), {
            "seq": encoded.seq, "hash": encoded.hash, "version": STATE_VERSION,
            "content_hash": encoded.content_hash, "document": encoded.document})
        kept = connection.execute(select(CHECKPOINTS.c.seq, CHECKPOINTS.c.document)
                                  .order_by(CHECKPOINTS.c.seq.desc())).all()
        dropped = [seq for seq, _document in kept[KEEP:]]
        if not dropped:
            return
        connection.execute(delete(CHECKPOINTS).where(CHECKPOINTS.c.seq.in_(dropped)))
        named = {part for _seq, document in kept[:KEEP] for part in _named(document)}
        every = connection.execute(select(CHECKPOINT_PARTS.c.digest)).scalars().all()
        unnamed = [part for part in every if part not in named]
        for start in range(0, len(unnamed), 500):  # within any database's parameter limit
            connection.execute(delete(CHECKPOINT_PARTS)
                               .where(CHECKPOINT_PARTS.c.digest.in_(unnamed[start:start + 500])))


def _named(document: str) -> list[str]:
    try:
        return part_digests(document)
    except (CheckpointError, KeyError, TypeError, ValueError):
        return []  # a damaged checkpoint names nothing worth keeping


def save(store: EventStore, state: Chamber, parts: SittingParts) -> bool:
    """Writes the checkpoint of `state`; False (and a log line) if it could not be written.
    The events are durable whatever happens here: a missing checkpoint costs only time."""
    try:
        write(store, encode(state, parts))
    except (SQLAlchemyError, StoreError) as error:
        parts.forget()
        log.warning("could not write a checkpoint at event %d of %s: %s", state.last_seq,
                    store.target, error)
        return False
    log.info("checkpoint written at event %d of %s", state.last_seq, store.target)
    return True


def _damaged(store: EventStore, problem: Problem) -> StoreError:
    return StoreError(f"the event log {store.target} is damaged: {problem.en}; run "
                      f"`sesja verify --db {store.target}`. Nothing was written.",
                      f"dziennik zdarzeń {store.target} jest uszkodzony: {problem.pl}; sprawdź "
                      f"go poleceniem `sesja verify --db {store.target}`. Nic nie zapisano.")


def _parsed(store: EventStore, rows: Sequence[StoredRow]) -> Iterator[StoredEvent]:
    for row in rows:
        try:
            yield stored_from_row(row)
        except ValueError as error:  # pydantic's ValidationError is a ValueError
            raise StoreError(f"the event log {store.target} holds an unreadable event: "
                             f"{error}; run `sesja verify --db {store.target}`. Nothing was "
                             "written.",
                             f"dziennik zdarzeń {store.target} zawiera zdarzenie, którego nie "
                             f"da się odczytać: {error}; sprawdź go poleceniem `sesja verify "
                             f"--db {store.target}`. Nic nie zapisano.") from error


def _last_at(rows: Sequence[StoredRow]) -> datetime | None:
    return datetime.fromisoformat(rows[-1].at) if rows else None


def _restored(store: EventStore, checkpoint: StoredCheckpoint,
              parts: SittingParts) -> tuple[Chamber, list[StoredRow]]:
    """The checkpoint's state and the rows from its event on; CheckpointError if it does
    not hold up against the chain."""
    if checkpoint.version != STATE_VERSION:
        raise CheckpointError(f"it was made for state version {checkpoint.version}, this "
                              f"sesja reads version {STATE_VERSION}")
    if digest(checkpoint.document) != checkpoint.content_hash:
        raise CheckpointError("its document changed after it was written (hash mismatch)")
    rows = store.rows(checkpoint.seq)
    if not rows or rows[0].seq != checkpoint.seq:
        raise CheckpointError(f"the log has no event {checkpoint.seq}")
    if rows[0].hash != checkpoint.hash:
        raise CheckpointError(f"event {checkpoint.seq} of this log has another hash (a "
                              "checkpoint of another log or of events since changed)")
    stored = stored_digests(store)
    missing = [wanted for wanted in part_digests(checkpoint.document) if wanted not in stored]
    if missing:
        raise CheckpointError(f"its part {missing[0][:12]} is missing")

    def part_text(wanted: str) -> str:  # read again when a (closed) sitting is asked for
        text = dict(stored_parts(store, [wanted]))[wanted]  # the query runs to its end
        if text is None:
            raise CheckpointError(f"its part {wanted[:12]} is missing")
        return text

    state = decode(checkpoint.document, part_text, parts, lazy=True)
    if (state.last_seq, state.last_hash) != (checkpoint.seq, checkpoint.hash):
        raise CheckpointError("its state ends at another event than the one it names")
    return state, rows


def _readable_checkpoints(store: EventStore) -> list[StoredCheckpoint]:
    try:
        return stored_checkpoints(store)
    except StoreError as error:  # the events may still be whole: they decide
        log.warning("the checkpoints of %s are unreadable (%s); folding every event",
                    store.target, error)
        return []


def _from_checkpoint(store: EventStore) -> Opened | None:
    for checkpoint in _readable_checkpoints(store):
        parts = SittingParts()
        try:
            state, rows = _restored(store, checkpoint, parts)
        except (CheckpointError, StoreError) as error:
            log.warning("checkpoint at event %d of %s refused: %s", checkpoint.seq,
                        store.target, error)
            continue
        problem = (links_problem(store, checkpoint.seq) or chain_after(rows)
                   or tail_problem(rows, store.head()))
        if problem is not None:
            raise _damaged(store, problem)
        state = fold(_parsed(store, rows[1:]), state)
        log.info("opened %s from the checkpoint at event %d, %d events after it",
                 store.target, checkpoint.seq, len(rows) - 1)
        return Opened(state, _last_at(rows), checkpoint.seq, parts)
    return None


def for_replica(store: EventStore,
                upto: int) -> tuple[StoredCheckpoint, list[tuple[str, str]]] | None:
    """The newest checkpoint of this version at or before event `upto`, with the text of
    every part it names, for a remote console to start from (it checks them itself)."""
    for checkpoint in _readable_checkpoints(store):
        if (checkpoint.version != STATE_VERSION or checkpoint.seq > upto
                or digest(checkpoint.document) != checkpoint.content_hash):
            continue
        try:
            parts = list(stored_parts(store, part_digests(checkpoint.document)))
        except (CheckpointError, StoreError):
            continue
        if all(text is not None for _digest, text in parts):
            return checkpoint, [(part, text) for part, text in parts if text is not None]
    return None


def open_log(store: EventStore) -> Opened:
    """The log's state, from its newest good checkpoint or else from every event; raises
    StoreError (naming the first bad event) for a damaged log."""
    opened = _from_checkpoint(store)
    if opened is not None:
        return opened
    rows = store.rows()
    problem = log_problem(rows, store.head())
    if problem is not None:
        raise _damaged(store, problem)
    if rows:
        log.info("opened %s by folding all %d events (no usable checkpoint)", store.target,
                 len(rows))
    return Opened(fold(_parsed(store, rows)), _last_at(rows), 0, SittingParts())

