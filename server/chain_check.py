"""The hash chain of a stored log checked from its rows: every event where it belongs,
linked to the one before it, its hash that of its content, and the log ending where its
head record says. Each problem is said in one line naming the first bad event, in English
and in Polish (a damaged log's StoreError carries both; `sesja verify` prints the English)."""

from collections.abc import Sequence
from typing import NamedTuple

from models.chain import GENESIS, stored_link_hash
from server.log_reader import LogReader
from server.log_rows import Head, StoredRow


class Problem(NamedTuple):
    en: str
    pl: str


def _missing(seq: int, next_seq: int) -> Problem:
    return Problem(f"event {seq}: missing (the next stored event is {next_seq}); "
                   "events were removed or renumbered",
                   f"zdarzenie {seq}: brak (następne zapisane to {next_seq}); zdarzenia "
                   "usunięto albo przenumerowano")


def _unlinked(seq: int, before: int) -> Problem:
    return Problem(f"event {seq}: does not follow event {before} (broken link); "
                   "events were removed, inserted or reordered",
                   f"zdarzenie {seq}: nie następuje po zdarzeniu {before} (zerwane ogniwo); "
                   "zdarzenia usunięto, wstawiono albo przestawiono")


def _changed(seq: int) -> Problem:
    return Problem(f"event {seq}: content changed after it was written (hash mismatch)",
                   f"zdarzenie {seq}: treść zmieniona po zapisaniu (skrót się nie zgadza)")


def chain_problem(rows: Sequence[StoredRow]) -> Problem | None:
    """The first event that is missing, out of place or changed, said in one line."""
    expected_prev = GENESIS
    for index, row in enumerate(rows, start=1):
        if row.seq != index:
            return _missing(index, row.seq)
        if row.prev_hash != expected_prev:
            return _unlinked(row.seq, row.seq - 1)
        if stored_link_hash(row.prev_hash, row.seq, row.at, row.actor, row.payload) != row.hash:
            return _changed(row.seq)
        expected_prev = row.hash
    return None


def tail_problem(rows: Sequence[StoredRow], head: Head | None) -> Problem | None:
    """Whether the log ends where its head record says: a cut-off tail leaves no broken link."""
    last_seq, last_hash = (rows[-1].seq, rows[-1].hash) if rows else (0, GENESIS)
    if head is None:
        if rows:
            return Problem(f"event {last_seq}: the log's head record is missing, so a "
                           "cut-off end of the log cannot be ruled out",
                           f"zdarzenie {last_seq}: brak zapisu końca dziennika, więc nie "
                           "można wykluczyć, że jego koniec odcięto")
        return None
    if head.seq > last_seq:
        one = head.seq == last_seq + 1
        missing = f"event {last_seq + 1} was" if one else f"events {last_seq + 1}-{head.seq} were"
        brak = (f"zdarzenie {last_seq + 1} zapisano i usunięto" if one
                else f"zdarzenia {last_seq + 1}-{head.seq} zapisano i usunięto")
        return Problem(f"event {last_seq + 1}: missing at the end of the log ({missing} "
                       "written, then removed)",
                       f"zdarzenie {last_seq + 1}: brak na końcu dziennika ({brak})")
    if head.seq < last_seq:
        return Problem(f"event {head.seq + 1}: written outside sesja (the log's head record "
                       f"ends at event {head.seq})",
                       f"zdarzenie {head.seq + 1}: zapisane poza programem sesja (zapis końca "
                       f"dziennika kończy się na zdarzeniu {head.seq})")
    if head.hash != last_hash:
        return Problem(f"event {last_seq}: does not match the log's head record (hash mismatch)",
                       f"zdarzenie {last_seq}: nie zgadza się z zapisem końca dziennika (skrót "
                       "się nie zgadza)")
    return None


def log_problem(rows: Sequence[StoredRow], head: Head | None) -> Problem | None:
    return chain_problem(rows) or tail_problem(rows, head)


def chain_after(rows: Sequence[StoredRow]) -> Problem | None:
    """The first event after the first row that does not follow the one before it."""
    for before, row in zip(rows, rows[1:], strict=False):
        if row.seq != before.seq + 1:
            return _missing(before.seq + 1, row.seq)
        if row.prev_hash != before.hash:
            return _unlinked(row.seq, before.seq)
        if stored_link_hash(row.prev_hash, row.seq, row.at, row.actor, row.payload) != row.hash:
            return _changed(row.seq)
    return None


def links_problem(reader: LogReader, last: int) -> Problem | None:
    """The first of events 1..`last` that is missing or out of place, from their stored
    links alone (no payload read, none re-hashed: `sesja verify` re-hashes them). The
    database checks them; only a log that fails is read here, to name the event."""
    if reader.links_hold(last, GENESIS):
        return None
    expected_seq, expected_prev = 1, GENESIS
    for seq, prev_hash, stored_hash in reader.links(last):
        if seq != expected_seq:
            return _missing(expected_seq, seq)
        if prev_hash != expected_prev:
            return _unlinked(seq, seq - 1)
        expected_seq, expected_prev = seq + 1, stored_hash
    return None
