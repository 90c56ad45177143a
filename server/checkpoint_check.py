"""`sesja verify`'s checks of the stored checkpoints against the state the events give."""

from collections.abc import Iterator, Sequence

from models.checkpoint import (
    STATE_VERSION,
    CheckpointError,
    SittingParts,
    digest,
    encode,
    header,
)
from models.state import Chamber
from server.log_queries import StoredCheckpoint
from server.log_rows import StoredRow
from server.store import EventStore


def checkpoint_problems(store: EventStore, stored: Sequence[StoredCheckpoint],
                        rows: Sequence[StoredRow],
                        states_at: dict[int, Chamber]) -> list[str]:
    """Each checkpoint that does not stand for its event or does not hold the state the
    events give there. One of another version is only checked to name an event of this
    log: this sesja never opens from it."""
    problems: list[str] = []
    parts = SittingParts()  # a sitting unchanged between two checkpoints is encoded once
    for checkpoint in sorted(stored, key=lambda c: c.seq):
        problem = next(_problems(store, checkpoint, rows, states_at, parts), None)
        if problem is not None:
            problems.append(f"checkpoint at event {checkpoint.seq}: {problem}")
    return problems


def _problems(store: EventStore, checkpoint: StoredCheckpoint, rows: Sequence[StoredRow],
              states_at: dict[int, Chamber], parts: SittingParts) -> Iterator[str]:
    seq = checkpoint.seq
    if not 1 <= seq <= len(rows):
        yield f"the log has no event {seq}"
        return
    if rows[seq - 1].hash != checkpoint.hash:
        yield f"event {seq} of this log has another hash (from another log, or stale)"
        return
    if checkpoint.version != STATE_VERSION:
        return
    if digest(checkpoint.document) != checkpoint.content_hash:
        yield "its document changed after it was written (hash mismatch)"
        return
    try:
        named = header(checkpoint.document)["sittings"]
    except (CheckpointError, KeyError) as error:
        yield f"its document is unreadable ({error})"
        return
    for (sitting_id, part, *_closed), (_digest, text) in zip(
            named, store.parts([entry[1] for entry in named]), strict=True):
        if text is None or digest(text) != part:
            yield f"the part of sitting {sitting_id} is {'missing' if text is None else 'changed'}"
            return
    if encode(states_at[seq], parts).content_hash != checkpoint.content_hash:
        yield "its state differs from the state the events give there"
