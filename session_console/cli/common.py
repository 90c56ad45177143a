"""Arguments and helpers that several sub-commands share."""

import argparse
import os
import sys
from pathlib import Path

from models.events import StoredEvent
from models.state import Chamber
from server.checkpoints import open_log
from server.log_lock import LogHeld, LogLock
from server.paths import default_db_path
from server.portable import login_name
from server.service import SittingService
from server.store import EventStore, StoreError


def add_db_argument(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--db", type=Path, default=None,
                        help=f"the sitting's event log (default: {default_db_path()})")


def add_lang_argument(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--lang", choices=("pl", "en"), default="pl",
                        help="language of messages (default: pl)")


SECRETARY_VARIABLE = "SESJA_SECRETARY"


def add_secretary_argument(parser: argparse.ArgumentParser, what: str) -> None:
    parser.add_argument("--as", dest="secretary", metavar="NAME", default=None,
                        help=f"who {what}, as the log records it (default: "
                             f"${SECRETARY_VARIABLE}, else the login name)")


def secretary(name: str | None = None) -> str:
    """Who is at the keyboard: `--as`, else $SESJA_SECRETARY, else the login name."""
    chosen = (name or os.environ.get(SECRETARY_VARIABLE, "")).strip()
    return chosen or login_name() or "unknown"


def actor(channel: str, name: str | None = None) -> str:
    """What the log records as the author of an event: how it came and who, e.g.
    "console:Anna Nowak", "apply:jan" (a remote console's are signed by the server)."""
    return f"{channel}:{secretary(name)}"


def fail(message: str) -> int:
    print(f"sesja: {message}", file=sys.stderr)
    return 1


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


def open_service(db: Path | None, holder: str) -> SittingService:
    """Opens the event log (replaying it) as its one writer for the service's life: another
    console, server or script holding it raises LogHeld (a StoreError) naming it."""
    target = db or default_db_path()
    lock = LogLock(target, holder).acquire()
    try:
        service = SittingService(EventStore(target))
    except BaseException:
        lock.release()
        raise
    service.on_close(lock.release)
    return service


def open_failed(error: StoreError, lang: str) -> int:
    """`fail` with why the log did not open: a log another process holds is told in the
    command's language (it names the holder), any other store error as it is."""
    return fail(error.message(lang) if isinstance(error, LogHeld) else str(error))


__all__ = ["LogHeld", "StoreError", "add_db_argument", "add_lang_argument", "actor",
           "add_secretary_argument", "fail",
           "open_failed", "open_service", "read_log"]
