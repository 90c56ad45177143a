"""A log whose disk is full: the store's writer connection answers every statement of an
append with SQLite's own error, so the store's real append fails as it would."""

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager

from server.store import EventStore


class _FullCursor:
    """The writer's cursor on a disk with no room left: SQLite's own error, from the
    first statement of an append."""

    def __init__(self, real: sqlite3.Cursor) -> None:
        self.real = real

    def executemany(self, *_args: object) -> None:
        raise sqlite3.OperationalError("database or disk is full")

    execute = executemany

    def close(self) -> None:
        self.real.close()


class _FullDisk:
    def __init__(self, real: sqlite3.Connection) -> None:
        self.real = real

    def cursor(self) -> _FullCursor:
        return _FullCursor(self.real.cursor())

    def rollback(self) -> None:
        self.real.rollback()


@contextmanager
def full_disk(store: EventStore) -> Iterator[None]:
    """The store writes to a full disk until the block ends."""
    writer = store._connection()
    store._writer = _FullDisk(writer)
    try:
        yield
    finally:
        store._writer = writer
