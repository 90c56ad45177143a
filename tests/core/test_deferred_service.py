"""The console's open of a log file (session_console/cli/opening.py `open_deferred`,
server/deferred_service.py): the log's state at once, read with sqlite3 under the writer
lock; the writer opened after, from that state; commands, listeners and the lock as with
the service itself; a writer that cannot open reported, never a command lost."""

import asyncio
import sqlite3

import pytest

from models.commands import CheckIn, CheckOut
from models.reducer import fold
from server.deferred_service import DeferredService
from server.log_file import LogFile
from server.log_lock import LogHeld, LogLock
from server.log_open import open_log
from server.service import SittingService
from server.store import EventStore, StoreError
from session_console.cli.opening import open_deferred
from tests.core.test_store_service import immutable, opened_service


@pytest.fixture
def path(tmp_path):
    path = tmp_path / "sesja.db"
    opened_service(path).close()
    return path


def _from_events(path):
    store = EventStore(path, readonly=True)
    try:
        return fold(store.load())
    finally:
        store.close()


def _lock_free(path) -> bool:
    try:
        LogLock(path, "test").acquire().release()
    except LogHeld:
        return False
    return True


def test_the_state_is_the_logs_before_the_writer_and_a_command_waits_for_it(path):
    deferred = open_deferred(path, "test")
    assert deferred is not None
    try:
        assert deferred.state == _from_events(path)
        assert not _lock_free(path)  # held from the read on: the writer opens what was read
        told = []
        deferred.subscribe(lambda events, state: told.append(events[0].event))
        written = asyncio.run(deferred.submit(CheckIn(member="m01"), "test"))  # not begun yet
        assert told == [written[0].event] and deferred.state.last_seq == written[-1].seq
    finally:
        deferred.close()
    assert _lock_free(path)
    assert _from_events(path).last_seq == written[-1].seq


def test_the_writer_opens_when_begun_and_a_listener_that_left_is_not_told(path):
    deferred = open_deferred(path, "test")
    assert deferred is not None
    try:
        stays, leaves = [], []
        deferred.subscribe(lambda events, state: stays.append(events))
        deferred.subscribe(lambda events, state: leaves.append(events))()
        failures = []
        deferred.begin(failures.append)
        service = deferred.ready()
        assert isinstance(service, SittingService) and failures == []
        assert deferred.store is service.store and service.state == deferred.state
        asyncio.run(deferred.submit(CheckIn(member="m02"), "test"))
        asyncio.run(deferred.submit(CheckOut(member="m02"), "test"))
        assert len(stays) == 2 and leaves == []
    finally:
        deferred.close()


def test_a_log_that_cannot_be_written_is_shown_then_reported_and_takes_no_command(path):
    with immutable(path):
        deferred = open_deferred(path, "test")
        assert deferred is not None  # sqlite3 reads a write-protected file
        try:
            assert deferred.state == _from_events(path)
            failures = []
            deferred.begin(failures.append)
            with pytest.raises(StoreError, match="cannot write to the event log"):
                deferred.ready()
            assert [error.message("pl") for error in failures] == [
                f"nie można zapisywać w dzienniku zdarzeń {path}: attempt to write a "
                "readonly database"]
            with pytest.raises(StoreError):
                asyncio.run(deferred.submit(CheckIn(member="m01"), "test"))
        finally:
            deferred.close()
        assert _lock_free(path)
    assert _from_events(path).last_seq == deferred.state.last_seq


def test_a_writer_that_fails_for_another_reason_is_reported_too(path):
    def broken(opened):
        raise RuntimeError("a bug")

    lock = LogLock(path, "test").acquire()
    deferred = DeferredService(open_log(LogFile(path)), broken, lock.release)
    failures = []
    deferred.begin(failures.append)
    with pytest.raises(StoreError, match="could not be opened for writing: RuntimeError"):
        deferred.ready()
    assert [f.message("pl") for f in failures] == [
        "nie udało się otworzyć dziennika zdarzeń do zapisu: RuntimeError('a bug')"]
    deferred.close()
    assert _lock_free(path)


def test_it_leaves_to_the_full_open_what_it_cannot_open(tmp_path, path):
    missing = tmp_path / "missing.db"
    assert open_deferred(missing, "test") is None and not missing.exists()
    empty = tmp_path / "empty.db"
    sqlite3.connect(empty).close()
    assert open_deferred(empty, "test") is None and _lock_free(empty)
    connection = sqlite3.connect(path)
    with connection:
        connection.execute("DELETE FROM event WHERE seq = 2")
    connection.close()
    assert open_deferred(path, "test") is None and _lock_free(path)
    with pytest.raises(StoreError, match="event 2: missing"):  # said by the full open
        SittingService(EventStore(path))
