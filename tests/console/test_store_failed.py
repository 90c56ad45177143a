"""A command the log could not take (a full disk during a sitting) is told in the console's
language: the store's own error, raised by its real append, reaches the secretary in
Polish, or in English for a console started with --lang en; nothing of it is written."""

import sqlite3
from contextlib import contextmanager

import pytest

from models.commands import OpenVote
from models.terms import Answer
from session_console import i18n
from session_console.backend import NotSaved
from session_console.local_backend import LocalBackend
from tests.console.conftest import SIZE, console
from tests.console.test_flows import settle, sitting, started


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
def full_disk(store):
    """The store writes to a full disk until the block ends."""
    writer = store._connection()
    store._writer = _FullDisk(writer)
    try:
        yield
    finally:
        store._writer = writer


async def test_a_command_the_log_could_not_take_is_told_in_polish(service):
    service.execute(OpenVote(subject="budżet"), "setup")
    app = console(service)
    async with app.run_test(size=SIZE) as pilot:
        await started(pilot)
        with full_disk(service.store):
            await pilot.press("1")
            await settle(pilot)
        told = [str(n.message) for n in app._notifications]
        assert any(message.startswith("Polecenie nie zostało zapisane: nie można zapisać w "
                                      f"dzienniku zdarzeń {service.store.target}: database or "
                                      "disk is full; nic z tej czynności nie zostało zapisane")
                   for message in told), told
        assert not any("cannot write" in message for message in told)
        assert sitting(service).votes["v1"].answers == {}
        await pilot.press("1")  # room again: the same key is taken
        await settle(pilot)
        assert sitting(service).votes["v1"].answers == {"m01": Answer.YES}


async def test_in_english_the_console_says_it_in_english(service):
    backend = LocalBackend(service, "test:secretary")
    i18n.use("en")
    try:
        with full_disk(service.store), pytest.raises(NotSaved) as refused:
            await backend.submit(OpenVote(subject="budżet"))
    finally:
        i18n.use("pl")
    assert str(refused.value).startswith(f"cannot write to the event log {service.store.target}: "
                                         "database or disk is full; nothing of this action")
    assert sitting(service).votes == {}  # nothing of it written or folded
