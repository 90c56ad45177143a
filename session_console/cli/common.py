"""Arguments and helpers that several sub-commands share."""

import argparse
import sys
from pathlib import Path

from models.events import StoredEvent
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


def default_actor() -> str:
    name = login_name()
    return f"cli:{name}" if name else "cli"


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


def open_service(db: Path | None) -> SittingService:
    """Opens the event log (replaying it); raises StoreError with a clear message."""
    return SittingService(EventStore(db or default_db_path()))


__all__ = ["StoreError", "add_db_argument", "add_lang_argument", "default_actor", "fail",
           "open_service", "read_log"]
