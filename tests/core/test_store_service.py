"""The service and its store: the writer thread, listeners, rejections and unwritable logs."""

import asyncio
import logging
import sqlite3
import subprocess
import threading
from contextlib import contextmanager
from datetime import date

import pytest

from models.chain import stored_link_hash
from models.commands import CheckIn, CheckOut, RecordAnswer
from models.rejection import Rejection
from server.demo import demo_commands
from server.service import SittingService
from server.store import EventStore, StoreError
from server.verify import verify
from tests.cli import sesja

MEMBERS = [f"m{i:02d}" for i in range(1, 23)]


def opened_service(path) -> SittingService:
    service = SittingService(EventStore(path))
    for command in demo_commands(date(2026, 11, 22)):
        service.execute(command, "test")
    return service


@pytest.fixture
def service(tmp_path):
    service = opened_service(tmp_path / "sesja.db")
    yield service
    service.close()


def stored_seqs(path) -> list[int]:
    store = EventStore(path, readonly=True)
    try:
        return [row.seq for row in store.rows()]
    finally:
        store.close()


async def test_submit_writes_on_the_writer_thread_while_the_loop_keeps_running(service):
    """Each append waits until the loop has run another task: on the loop it would hang."""
    loop_thread, loop_ran, writers = threading.current_thread(), threading.Event(), set()
    append = service.store.append

    def append_when_the_loop_has_moved(batch):
        writers.add(threading.current_thread())
        loop_ran.clear()
        assert loop_ran.wait(timeout=30), "the event loop was blocked during an append"
        append(batch)

    async def ticker():
        while True:
            loop_ran.set()
            await asyncio.sleep(0)

    service.store.append = append_when_the_loop_has_moved
    heard = []
    service.subscribe(lambda events, state: heard.extend(
        (threading.current_thread(), stored.seq) for stored in events))
    ticking = asyncio.create_task(ticker())
    try:
        results = await asyncio.gather(*(service.submit(CheckIn(member=m), "test")
                                         for m in MEMBERS))
    finally:
        ticking.cancel()
    assert loop_thread not in writers and len(writers) == 1
    seqs = sorted(events[0].seq for events in results)
    assert seqs == list(range(3, 3 + len(MEMBERS)))
    assert service.state.sitting.present_count == len(MEMBERS)
    assert {thread for thread, _seq in heard} == {loop_thread}
    assert [seq for _thread, seq in heard] == seqs  # told in the order written


async def test_listeners_get_the_state_right_after_their_events_not_a_later_one(service):
    """Submits that waited together are one group: the listeners hear each group's events
    with the state right after that group, never a state a later group made."""
    written, all_written = [], threading.Event()
    append = service.store.append

    def append_and_count(batch):
        append(batch)
        written.append(list(batch))
        if sum(map(len, written)) == 5:
            all_written.set()

    service.store.append = append_and_count
    heard = []
    service.subscribe(lambda events, state: heard.append(
        ([stored.seq for stored in events], state.last_seq)))
    submits = [asyncio.ensure_future(service.submit(CheckIn(member=m), "test"))
               for m in MEMBERS[:5]]
    await asyncio.sleep(0)  # every submit reaches the writer's queue
    assert all_written.wait(timeout=30)  # holds the loop until all five are written
    await asyncio.gather(*submits)
    assert [seqs for seqs, _last in heard] == [[s.stored.seq for s in batch] for batch in written]
    assert all(seqs[-1] == last for seqs, last in heard)
    assert [seq for seqs, _last in heard for seq in seqs] == list(range(3, 8))


def _held_writer(service):
    """Makes the service's next append wait for `release`; `entered` is set when it waits."""
    entered, release, batches = threading.Event(), threading.Event(), []
    append = service.store.append

    def held_append(batch):
        batch = list(batch)
        batches.append([item.stored.seq for item in batch])
        if len(batches) == 1:
            entered.set()
            assert release.wait(timeout=30)
        append(batch)

    service.store.append = held_append
    return entered, release, batches


async def test_submits_that_wait_while_the_writer_commits_go_in_one_transaction(service,
                                                                                tmp_path):
    entered, release, batches = _held_writer(service)
    first = asyncio.ensure_future(service.submit(CheckIn(member="m01"), "test"))
    await asyncio.to_thread(entered.wait, 30)  # the first press is being written
    waiting = [asyncio.ensure_future(service.submit(CheckIn(member=m), "test"))
               for m in MEMBERS[1:10]]
    await asyncio.sleep(0.05)
    assert not any(future.done() for future in [first, *waiting])  # none acked before durable
    release.set()
    results = await asyncio.gather(first, *waiting)
    assert batches == [[3], list(range(4, 13))]  # the nine that waited: one transaction
    assert [events[0].seq for events in results] == list(range(3, 13))
    assert [events[0].event.member_id for events in results] == MEMBERS[:10]
    assert stored_seqs(tmp_path / "sesja.db") == list(range(1, 13))


async def test_a_refused_command_in_a_group_leaves_the_others_written(service, tmp_path):
    entered, release, batches = _held_writer(service)
    first = asyncio.ensure_future(service.submit(CheckIn(member="m01"), "test"))
    await asyncio.to_thread(entered.wait, 30)
    group = [asyncio.ensure_future(service.submit(command, "test"))
             for command in (CheckIn(member="m02"), CheckOut(member="m05"),
                             CheckIn(member="m03"))]
    release.set()
    await first
    outcomes = await asyncio.gather(*group, return_exceptions=True)
    assert isinstance(outcomes[1], Rejection) and outcomes[1].code == "not_present"
    assert [events[0].seq for events in (outcomes[0], outcomes[2])] == [4, 5]
    assert batches == [[3], [4, 5]]
    assert stored_seqs(tmp_path / "sesja.db") == [1, 2, 3, 4, 5]


async def test_a_group_that_cannot_be_written_fails_every_caller_and_changes_nothing(service,
                                                                                   tmp_path):
    entered, release, _batches = _held_writer(service)
    first = asyncio.ensure_future(service.submit(CheckIn(member="m01"), "test"))
    await asyncio.to_thread(entered.wait, 30)
    group = [asyncio.ensure_future(service.submit(CheckIn(member=m), "test"))
             for m in MEMBERS[1:4]]
    await asyncio.sleep(0.05)

    def broken(batch):
        raise StoreError("disk full", "dysk pełny")

    service.store.append = broken
    release.set()
    await first  # the held append still writes its own
    before = service.state
    outcomes = await asyncio.gather(*group, return_exceptions=True)
    assert all(isinstance(outcome, StoreError) for outcome in outcomes)
    assert service.state is before and before.last_seq == 3
    assert stored_seqs(tmp_path / "sesja.db") == [1, 2, 3]


async def test_a_rejected_submit_raises_on_the_caller_and_writes_nothing(service, tmp_path):
    before = service.state
    with pytest.raises(Rejection) as rejected:
        await service.submit(CheckOut(member="m01"), "test")
    assert rejected.value.code == "not_present"
    assert service.state is before
    assert stored_seqs(tmp_path / "sesja.db") == [1, 2]


def test_a_rejected_command_writes_nothing_and_tells_nobody(service, tmp_path):
    heard = []
    service.subscribe(lambda events, state: heard.append(events))
    service.execute(CheckIn(member="m01"), "test")
    before = service.state
    for command in (CheckIn(member="m01"), CheckIn(member="m99"),
                    RecordAnswer(member="m01", answer="yes")):
        with pytest.raises(Rejection):
            service.execute(command, "test")
    assert service.state is before and len(heard) == 1
    assert stored_seqs(tmp_path / "sesja.db") == [1, 2, 3]


def test_a_failing_listener_is_logged_and_loses_nothing(service, tmp_path, caplog):
    heard = []

    def broken(events, state):
        raise RuntimeError("the screen fell over")

    service.subscribe(broken)
    service.subscribe(lambda events, state: heard.append(events[0].seq))
    with caplog.at_level(logging.ERROR, logger="sesja.service"):
        (written,) = service.execute(CheckIn(member="m01"), "test")
    assert written.seq == 3 and heard == [3]
    assert "a listener failed on events 3-3; the events are written" in caplog.text
    assert "the screen fell over" in caplog.text
    assert stored_seqs(tmp_path / "sesja.db") == [1, 2, 3]
    assert service.state.sitting.is_present("m01")


def test_unsubscribe_stops_the_calls_and_may_be_called_twice(service):
    heard = []
    unsubscribe = service.subscribe(lambda events, state: heard.append(events[0].seq))
    service.execute(CheckIn(member="m01"), "test")
    unsubscribe()
    unsubscribe()
    service.execute(CheckIn(member="m02"), "test")
    assert heard == [3]


def test_a_writer_whose_log_moved_on_catches_up_and_the_log_stays_whole(tmp_path):
    """The issue's walk-through: `sesja apply` wrote while a console ran, and every later key
    of the console failed with "another process writes this log". Now the console's service
    folds what the other wrote, tells its listeners, and decides its own command on that."""
    path = tmp_path / "sesja.db"
    first = opened_service(path)
    second = SittingService(EventStore(path))
    heard = []
    second.subscribe(lambda events, state: heard.append([e.seq for e in events]))
    try:
        first.execute(CheckIn(member="m01"), "first")
        second.execute(CheckIn(member="m02"), "second")
        assert heard == [[3, 4]]  # the other's event, then its own
        assert second.state.sitting.is_present("m01") and second.state.sitting.is_present("m02")
        with pytest.raises(Rejection):  # decided on the caught-up state: m01 is present
            second.execute(CheckIn(member="m01"), "second")
        first_seen = first.state.last_seq
        first.execute(CheckIn(member="m03"), "first")  # the first catches up in its turn
        assert first.state.last_seq == first_seen + 2
    finally:
        first.close()
        second.close()
    store = EventStore(path, readonly=True)
    try:
        assert verify(store).ok
        assert [row.actor for row in store.rows()] == ["test", "test", "first", "second", "first"]
    finally:
        store.close()


def test_events_written_elsewhere_that_do_not_hash_are_not_folded(tmp_path):
    path = tmp_path / "sesja.db"
    first = opened_service(path)
    second = SittingService(EventStore(path))
    try:
        first.execute(CheckIn(member="m01"), "first")
        with sqlite3.connect(path) as db:  # the other's event edited after it was written
            db.execute("UPDATE event SET actor = 'someone' WHERE seq = 3")
        before = second.state
        with pytest.raises(StoreError, match="changed under this program"):
            second.execute(CheckIn(member="m02"), "second")
        assert second.state is before
    finally:
        first.close()
        second.close()


def test_a_folder_given_as_the_log_is_refused_clearly(tmp_path):
    with pytest.raises(StoreError, match="is a folder; give the event log's file name"):
        EventStore(tmp_path)
    script = tmp_path / "s.jsonl"
    script.write_text('{"type":"check_in","member":"m01"}\n', encoding="utf-8")
    applied = sesja("apply", "--db", str(tmp_path), str(script))  # Polish unless asked
    assert applied.returncode == 1
    assert applied.stderr.strip() == (f"sesja: {tmp_path} to folder; podaj nazwę pliku "
                                      f"dziennika zdarzeń, np. {tmp_path / 'sesja.db'}")
    english = sesja("apply", "--db", str(tmp_path), str(script), "--lang", "en")
    assert english.returncode == 1
    assert english.stderr.strip() == (f"sesja: {tmp_path} is a folder; give the event log's "
                                      f"file name, e.g. {tmp_path / 'sesja.db'}")


def test_a_log_under_a_file_cannot_get_its_folder(tmp_path):
    blocker = tmp_path / "plik.txt"
    blocker.write_text("x", encoding="utf-8")
    with pytest.raises(StoreError, match="cannot create the folder for"):
        EventStore(blocker / "sesja.db")


@contextmanager
def immutable(path):
    """chattr +i: not even root can write the file (the tests run as root)."""
    subprocess.run(["chattr", "+i", str(path)], check=True)
    try:
        yield
    finally:
        subprocess.run(["chattr", "-i", str(path)], check=True)


def test_an_unwritable_log_is_refused_when_opened_and_still_verifies(tmp_path):
    path = tmp_path / "sesja.db"
    opened_service(path).close()
    with immutable(path):
        with pytest.raises(StoreError) as refused:
            SittingService(EventStore(path))
        assert str(refused.value) == (
            f"cannot write to the event log {path}: attempt to write a readonly database")
        script = tmp_path / "s.jsonl"
        script.write_text('{"type":"check_in","member":"m01"}\n', encoding="utf-8")
        applied = sesja("apply", "--db", str(path), str(script))
        assert applied.returncode == 1
        assert "attempt to write a readonly database" in applied.stderr
        verified = sesja("verify", "--db", str(path), "--lang", "en")
        assert verified.returncode == 0 and verified.stdout.startswith("ok: 2 events")
    assert stored_seqs(path) == [1, 2]


def test_a_new_log_in_a_read_only_file_is_refused(tmp_path):
    path = tmp_path / "sesja.db"
    path.write_bytes(b"")
    with immutable(path):
        with pytest.raises(StoreError, match="readonly database"):
            SittingService(EventStore(path))


def test_an_event_that_cannot_be_read_refuses_the_log_when_it_is_opened(tmp_path):
    """Opening folds each event as it parses it; an unreadable one still stops the open."""
    path = tmp_path / "sesja.db"
    service = opened_service(path)
    service.execute(CheckIn(member="m01"), "test")
    service.close()
    with sqlite3.connect(path) as connection:  # edited outside sesja, chain and head re-signed
        connection.execute("UPDATE event SET payload = ? WHERE seq = 2",
                           ('{"type": "no_such_event"}',))
        rows = connection.execute("SELECT seq, at, actor, payload, prev_hash FROM event "
                                  "WHERE seq >= 2 ORDER BY seq").fetchall()
        prev = rows[0][4]
        for seq, at, actor, payload, _old in rows:
            prev_hash, prev = prev, stored_link_hash(prev, seq, at, actor, payload)
            connection.execute("UPDATE event SET prev_hash = ?, hash = ? WHERE seq = ?",
                               (prev_hash, prev, seq))
        connection.execute("UPDATE chain_head SET hash = ?", (prev,))
    with pytest.raises(StoreError, match=r"(?s)holds an unreadable event.*Nothing was written"):
        SittingService(EventStore(path))
    assert stored_seqs(path)[-1] == 3
