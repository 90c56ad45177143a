"""What several sub-commands share: their arguments (`arguments`), the writer's open
(`opening`) and reading a log another program may be writing (export, verify)."""

from pathlib import Path

from models.events import StoredEvent
from models.state import Chamber
from server.log_lock import LogHeld
from server.log_open import open_log
from server.paths import default_db_path
from server.store import EventStore, StoreError
from session_console.cli.arguments import (
    SECRETARY_VARIABLE,
    actor,
    add_db_argument,
    add_lang_argument,
    add_secretary_argument,
    fail,
    secretary,
)
from session_console.cli.opening import open_service


def read_log(db: Path | None) -> tuple[StoredEvent, ...]:
    """Every event of the log, opened read-only; raises StoreError with a clear message."""
    store = EventStore(db or default_db_path(), readonly=True)
    try:
        return tuple(store.load())
    finally:
        store.close()


# reads of a log that a console or server is appending to: each opening that finds the log
# moved on between its reads (its head newer than its last event) is tried again
OPEN_ATTEMPTS = 3


def read_state(store: EventStore) -> Chamber:
    """The log's state, opened read-only from its newest good checkpoint (as a console opens
    it); raises StoreError with a clear message for a damaged log."""
    for _attempt in range(OPEN_ATTEMPTS - 1):
        try:
            return open_log(store).state
        except StoreError:
            continue
    return open_log(store).state  # the last attempt's error is the one reported


__all__ = ["SECRETARY_VARIABLE", "LogHeld", "StoreError", "add_db_argument",
           "add_lang_argument", "actor", "add_secretary_argument", "fail",
           "open_service", "read_log", "read_state", "secretary"]
