"""An event log's rows as stored, and an event parsed from one: what opening a log reads,
whichever way it reads the database (`server.store` through SQLAlchemy, `server.log_file`
through Python's own sqlite3)."""

from collections.abc import Iterable
from typing import NamedTuple

from models import events as ev
from models.collector import collector_paused


class StoredRow(NamedTuple):
    """An event row as stored, before parsing (what `verify` checks)."""

    seq: int
    at: str
    actor: str
    type: str
    sitting_id: str | None
    payload: str
    prev_hash: str
    hash: str


class Head(NamedTuple):
    seq: int
    hash: str


def stored_from_rows(rows: Iterable[StoredRow]) -> list[ev.StoredEvent]:
    """Every row parsed, with the collector paused (all the events live on)."""
    with collector_paused():
        return [stored_from_row(row) for row in rows]


def stored_from_row(row: StoredRow) -> ev.StoredEvent:
    return parsed_row(row.seq, row.at, row.actor, row.payload, row.prev_hash, row.hash)


def parsed_row(seq: object, at: object, actor: object, payload: str, prev_hash: object,
               hash_: object) -> ev.StoredEvent:
    """A row parsed and validated: the payload's text by pydantic-core itself (no
    json.loads first, and without the adapter's wrapper around its validator), the
    envelope by `models.events.stored_event`."""
    return ev.stored_event(seq, at, actor, ev.EVENT_ADAPTER.validator.validate_json(payload),
                           prev_hash, hash_)
