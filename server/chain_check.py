"""The hash chain of a stored log checked from its rows: every event where it belongs,
linked to the one before it, its hash that of its content, and the log ending where its
head record says. Each problem is said in one line naming the first bad event, in English
and in Polish (a damaged log's StoreError carries both; `sesja verify` prints the English)."""

from collections.abc import Iterable, Iterator, Sequence
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


def _walk(links: Iterable[tuple[int, str, str, StoredRow | None]], seq: int,
          prev_hash: str) -> Problem | None:
    """The first of `links` (seq, prev_hash, hash, and the row to re-hash, if any) that is
    not event `seq` linked to `prev_hash`, the next one after it, and so on."""
    for found_seq, found_prev, found_hash, row in links:
        if found_seq != seq:
            return _missing(seq, found_seq)
        if found_prev != prev_hash:
            return _unlinked(seq, seq - 1)
        if row is not None and stored_link_hash(row.prev_hash, row.seq, row.at, row.actor,
                                                row.payload) != row.hash:
            return _changed(seq)
        seq, prev_hash = seq + 1, found_hash
    return None


def _rehashed(rows: Iterable[StoredRow]) -> Iterator[tuple[int, str, str, StoredRow]]:
    return ((row.seq, row.prev_hash, row.hash, row) for row in rows)


def chain_problem(rows: Sequence[StoredRow]) -> Problem | None:
    """The first event that is missing, out of place or changed, said in one line."""
    return _walk(_rehashed(rows), 1, GENESIS)


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
    return _walk(_rehashed(rows[1:]), rows[0].seq + 1, rows[0].hash) if rows else None


def links_problem(reader: LogReader, last: int) -> Problem | None:
    """The first of events 1..`last` that is missing or out of place, from their stored
    links alone (no payload read, none re-hashed: `sesja verify` re-hashes them). The
    database checks them; only a log that fails is read here, to name the event."""
    if reader.links_hold(last, GENESIS):
        return None
    return _walk(((seq, prev, hash_, None) for seq, prev, hash_ in reader.links(last)),
                 1, GENESIS)
