"""The hash chain of a stored log checked from its rows: every event where it belongs,
linked to the one before it, its hash that of its content, and the log ending where its
head record says. Each problem is said in one line naming the first bad event."""

from collections.abc import Sequence

from models.chain import GENESIS, stored_link_hash
from server.store import EventStore, Head, StoredRow


def chain_problem(rows: Sequence[StoredRow]) -> str | None:
    """The first event that is missing, out of place or changed, said in one line."""
    expected_prev = GENESIS
    for index, row in enumerate(rows, start=1):
        if row.seq != index:
            return (f"event {index}: missing (the next stored event is {row.seq}); "
                    "events were removed or renumbered")
        if row.prev_hash != expected_prev:
            return (f"event {row.seq}: does not follow event {row.seq - 1} (broken link); "
                    "events were removed, inserted or reordered")
        if stored_link_hash(row.prev_hash, row.seq, row.at, row.actor, row.payload) != row.hash:
            return f"event {row.seq}: content changed after it was written (hash mismatch)"
        expected_prev = row.hash
    return None


def tail_problem(rows: Sequence[StoredRow], head: Head | None) -> str | None:
    """Whether the log ends where its head record says: a cut-off tail leaves no broken link."""
    last_seq, last_hash = (rows[-1].seq, rows[-1].hash) if rows else (0, GENESIS)
    if head is None:
        if rows:
            return (f"event {last_seq}: the log's head record is missing, so a cut-off end "
                    "of the log cannot be ruled out")
        return None
    if head.seq > last_seq:
        missing = (f"event {last_seq + 1} was" if head.seq == last_seq + 1
                   else f"events {last_seq + 1}-{head.seq} were")
        return f"event {last_seq + 1}: missing at the end of the log ({missing} written, then removed)"
    if head.seq < last_seq:
        return (f"event {head.seq + 1}: written outside sesja (the log's head record ends at "
                f"event {head.seq})")
    if head.hash != last_hash:
        return f"event {last_seq}: does not match the log's head record (hash mismatch)"
    return None


def log_problem(rows: Sequence[StoredRow], head: Head | None) -> str | None:
    return chain_problem(rows) or tail_problem(rows, head)


def chain_after(rows: Sequence[StoredRow]) -> str | None:
    """The first event after the first row that does not follow the one before it."""
    for before, row in zip(rows, rows[1:], strict=False):
        if row.seq != before.seq + 1:
            return (f"event {before.seq + 1}: missing (the next stored event is {row.seq}); "
                    "events were removed or renumbered")
        if row.prev_hash != before.hash:
            return (f"event {row.seq}: does not follow event {before.seq} (broken link); "
                    "events were removed, inserted or reordered")
        if stored_link_hash(row.prev_hash, row.seq, row.at, row.actor, row.payload) != row.hash:
            return f"event {row.seq}: content changed after it was written (hash mismatch)"
    return None


def links_problem(store: EventStore, last: int) -> str | None:
    """The first of events 1..`last` that is missing or out of place, from their stored
    links alone (no payload read, none re-hashed: `sesja verify` re-hashes them). The
    database checks them; only a log that fails is read here, to name the event."""
    if store.links_hold(last, GENESIS):
        return None
    expected_seq, expected_prev = 1, GENESIS
    for seq, prev_hash, stored_hash in store.links(last):
        if seq != expected_seq:
            return (f"event {expected_seq}: missing (the next stored event is {seq}); "
                    "events were removed or renumbered")
        if prev_hash != expected_prev:
            return (f"event {seq}: does not follow event {seq - 1} (broken link); "
                    "events were removed, inserted or reordered")
        expected_seq, expected_prev = seq + 1, stored_hash
    return None
