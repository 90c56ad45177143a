"""Checkpoints in the log's own database: writing them (opening a log from one is
`server.log_open`'s).

Two tables beside the events (`server.tables`): `checkpoint` (one row per checkpoint: the
seq and hash of its event, its state version, its document and the document's SHA-256) and
`checkpoint_part` (each sitting's part, by digest, shared by every checkpoint naming it).
Only the newest `KEEP` checkpoints are kept, with the parts they name.
"""

import logging

from sqlalchemy import delete, insert, select
from sqlalchemy.exc import SQLAlchemyError

from models.checkpoint import STATE_VERSION, CheckpointError, Encoded, SittingParts, encode, part_digests
from models.state import Chamber
from server.store import EventStore, StoreError
from server.tables import CHECKPOINT_PARTS, CHECKPOINTS

log = logging.getLogger("sesja.checkpoints")

KEEP = 2  # the newest checkpoints kept (an older one is the fallback if the newest is bad)
EVERY = 10_000  # events, at most, between checkpoints while a sitting goes on


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


