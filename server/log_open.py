"""Opening a log: its state from its newest checkpoint that holds up against the chain,
or else from every event, never a wrong one. The checks read the database through a
`LogReader` (`server.log_reader`), so they are the same whether SQLAlchemy reads it (the
store, any database) or Python's own sqlite3 does (`server.log_file`: the console's first
frame, drawn before SQLAlchemy is imported).

A checkpoint holds when its version is this code's, its document hashes to its content
hash, the event at its seq has its hash, every part it names is stored, each part read
hashes to its digest and the state it decodes to ends at that event. Closed sittings are
left on disk (`models.pmap.Deferred`) until something asks for one; their part is checked
against its digest then, and one that changed raises `CheckpointError` rather than give a
wrong sitting (`sesja verify` checks every part). Every event up to the checkpoint is
checked to be in its place and linked to the one before it (their seq and hashes only: no
payload is read), the events after it are re-hashed one by one and folded onto it, and the
log must end where its head record says.

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

from models.checkpoint import (
    STATE_VERSION,
    CheckpointError,
    SittingParts,
    decode,
    digest,
    part_digests,
)
from models.events import StoredEvent
from models.reducer import fold
from models.state import Chamber
from server.chain_check import Problem, chain_after, links_problem, log_problem, tail_problem
from server.log_queries import StoredCheckpoint
from server.log_reader import LogReader
from server.log_rows import StoredRow, stored_from_row
from server.store_errors import StoreError

log = logging.getLogger("sesja.checkpoints")


@dataclass(frozen=True)
class Opened:
    """A log opened: its state, its last event's time, the checkpoint it started from (0:
    none) and the sittings whose parts are stored (so the next checkpoint skips them)."""

    state: Chamber
    last_at: datetime | None
    checkpoint_seq: int
    parts: SittingParts


def _damaged(reader: LogReader, problem: Problem) -> StoreError:
    return StoreError(f"the event log {reader.target} is damaged: {problem.en}; run "
                      f"`sesja verify --db {reader.target}`. Nothing was written.",
                      f"dziennik zdarzeń {reader.target} jest uszkodzony: {problem.pl}; sprawdź "
                      f"go poleceniem `sesja verify --db {reader.target}`. Nic nie zapisano.")


def _parsed(reader: LogReader, rows: Sequence[StoredRow]) -> Iterator[StoredEvent]:
    for row in rows:
        try:
            yield stored_from_row(row)
        except ValueError as error:  # pydantic's ValidationError is a ValueError
            raise StoreError(f"the event log {reader.target} holds an unreadable event: "
                             f"{error}; run `sesja verify --db {reader.target}`. Nothing was "
                             "written.",
                             f"dziennik zdarzeń {reader.target} zawiera zdarzenie, którego nie "
                             f"da się odczytać: {error}; sprawdź go poleceniem `sesja verify "
                             f"--db {reader.target}`. Nic nie zapisano.") from error


def _last_at(rows: Sequence[StoredRow]) -> datetime | None:
    return datetime.fromisoformat(rows[-1].at) if rows else None


def _restored(reader: LogReader, checkpoint: StoredCheckpoint,
              parts: SittingParts) -> tuple[Chamber, list[StoredRow]]:
    """The checkpoint's state and the rows from its event on; CheckpointError if it does
    not hold up against the chain."""
    if checkpoint.version != STATE_VERSION:
        raise CheckpointError(f"it was made for state version {checkpoint.version}, this "
                              f"sesja reads version {STATE_VERSION}")
    if digest(checkpoint.document) != checkpoint.content_hash:
        raise CheckpointError("its document changed after it was written (hash mismatch)")
    rows = reader.rows(checkpoint.seq)
    if not rows or rows[0].seq != checkpoint.seq:
        raise CheckpointError(f"the log has no event {checkpoint.seq}")
    if rows[0].hash != checkpoint.hash:
        raise CheckpointError(f"event {checkpoint.seq} of this log has another hash (a "
                              "checkpoint of another log or of events since changed)")
    stored = reader.part_digests()
    missing = [wanted for wanted in part_digests(checkpoint.document) if wanted not in stored]
    if missing:
        raise CheckpointError(f"its part {missing[0][:12]} is missing")

    def part_text(wanted: str) -> str:  # read again when a (closed) sitting is asked for
        text = dict(reader.parts([wanted]))[wanted]  # the query runs to its end
        if text is None:
            raise CheckpointError(f"its part {wanted[:12]} is missing")
        return text

    state = decode(checkpoint.document, part_text, parts, lazy=True)
    if (state.last_seq, state.last_hash) != (checkpoint.seq, checkpoint.hash):
        raise CheckpointError("its state ends at another event than the one it names")
    return state, rows


def _readable_checkpoints(reader: LogReader) -> list[StoredCheckpoint]:
    try:
        return reader.checkpoints()
    except StoreError as error:  # the events may still be whole: they decide
        log.warning("the checkpoints of %s are unreadable (%s); folding every event",
                    reader.target, error)
        return []


def _from_checkpoint(reader: LogReader) -> Opened | None:
    for checkpoint in _readable_checkpoints(reader):
        parts = SittingParts()
        try:
            state, rows = _restored(reader, checkpoint, parts)
        except (CheckpointError, StoreError) as error:
            log.warning("checkpoint at event %d of %s refused: %s", checkpoint.seq,
                        reader.target, error)
            continue
        problem = (links_problem(reader, checkpoint.seq) or chain_after(rows)
                   or tail_problem(rows, reader.head()))
        if problem is not None:
            raise _damaged(reader, problem)
        state = fold(_parsed(reader, rows[1:]), state)
        log.info("opened %s from the checkpoint at event %d, %d events after it",
                 reader.target, checkpoint.seq, len(rows) - 1)
        return Opened(state, _last_at(rows), checkpoint.seq, parts)
    return None


def for_replica(reader: LogReader,
                upto: int) -> tuple[StoredCheckpoint, list[tuple[str, str]]] | None:
    """The newest checkpoint of this version at or before event `upto`, with the text of
    every part it names, for a remote console to start from (it checks them itself)."""
    for checkpoint in _readable_checkpoints(reader):
        if (checkpoint.version != STATE_VERSION or checkpoint.seq > upto
                or digest(checkpoint.document) != checkpoint.content_hash):
            continue
        try:
            parts = list(reader.parts(part_digests(checkpoint.document)))
        except (CheckpointError, StoreError):
            continue
        if all(text is not None for _digest, text in parts):
            return checkpoint, [(part, text) for part, text in parts if text is not None]
    return None


def open_log(reader: LogReader) -> Opened:
    """The log's state, from its newest good checkpoint or else from every event; raises
    StoreError (naming the first bad event) for a damaged log."""
    opened = _from_checkpoint(reader)
    if opened is not None:
        return opened
    rows = reader.rows()
    problem = log_problem(rows, reader.head())
    if problem is not None:
        raise _damaged(reader, problem)
    if rows:
        log.info("opened %s by folding all %d events (no usable checkpoint)", reader.target,
                 len(rows))
    return Opened(fold(_parsed(reader, rows)), _last_at(rows), 0, SittingParts())

