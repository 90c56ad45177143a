"""The chain's links up to the checkpoint, checked by the database in a thread that a
writer's open begins before it imports the store (server/links.py): its answer is the one
the open would have read, it is taken only for the checkpoint it was read for, and every
tampering before the checkpoint is refused through the writer's open with the same words
as the store's own open."""

import gc
import sqlite3
from contextlib import contextmanager
from pathlib import Path

import pytest

from models.chain import GENESIS
from server import links, log_reader
from server.service import SittingService
from server.store import EventStore, StoreError
from server.tables import CHECKPOINTS, EVENTS
from session_console.cli.opening import open_service
from tests.checkpoint_states import checkpoint_at_60, rich, sql


def _checkpointed(folder: Path):
    """A log of `rich()`'s events with checkpoints at event 60 and at its end."""
    sim = rich()
    path = checkpoint_at_60(folder, sim)
    SittingService(EventStore(path)).close()
    return path, sim


@pytest.fixture
def reads(monkeypatch) -> list[int]:
    """The seqs the store asks the database about itself (not answered early)."""
    asked: list[int] = []
    real = log_reader.read_links

    def counted(cursor, statements, last):
        asked.append(last)
        return real(cursor, statements, last)

    monkeypatch.setattr(log_reader, "read_links", counted)
    return asked


def test_the_check_reads_the_tables_the_store_writes():
    assert links.EVENTS.name == EVENTS.name and links.CHECKPOINTS.name == CHECKPOINTS.name
    assert set(links.EVENTS.c.keys()) <= set(EVENTS.c.keys())
    assert set(links.CHECKPOINTS.c.keys()) <= set(CHECKPOINTS.c.keys())


def test_the_early_answer_is_taken_for_the_newest_checkpoint(tmp_path, reads):
    path, sim = _checkpointed(tmp_path)
    reads.clear()  # the ones of the log's making
    early = links.begin(path)
    assert early is not None
    service = SittingService(EventStore(path, early=early))
    try:
        assert service.state == sim.state
        assert reads == []  # the open asked nothing more of the database
    finally:
        service.close()
    fresh = EventStore(path)
    try:
        assert fresh.links_hold(sim.state.last_seq, GENESIS) and reads == [sim.state.last_seq]
    finally:
        fresh.close()


def test_an_answer_for_another_checkpoint_is_read_again(tmp_path, reads):
    """The newest checkpoint is refused: the older one's links are read, not the early ones."""
    path, sim = _checkpointed(tmp_path)
    sql(path, ("UPDATE checkpoint SET version = 0 WHERE seq = ?", (sim.state.last_seq,)))
    reads.clear()
    service = open_service(path, "test")
    try:
        assert service.state == sim.state and reads == [60]
    finally:
        service.close()


def test_a_log_without_a_file_yet_or_a_checkpoint_is_opened_as_before(tmp_path, reads):
    assert links.begin(tmp_path / "new.db") is None and not (tmp_path / "new.db").exists()
    service = open_service(tmp_path / "new.db", "test")
    service.close()
    plain = tmp_path / "plain.db"
    log = EventStore(plain)
    log.append(rich().log[:30])
    log.close()
    service = open_service(plain, "test")  # no checkpoint: every event re-hashed and folded
    try:
        assert service.state.last_seq == 30 and reads == []
    finally:
        service.close()


def test_a_file_that_is_not_a_log_is_refused_in_the_stores_words(tmp_path):
    junk = tmp_path / "notes.db"
    junk.write_bytes(b"not a database, " * 256)
    with pytest.raises(StoreError) as plain:
        EventStore(junk)
    with pytest.raises(StoreError) as written:
        open_service(junk, "test")
    assert str(written.value) == str(plain.value)
    assert not (tmp_path / "notes.db.lock").exists()


def _renumbered(path: Path) -> None:
    """Event 0 put before event 1 and linked to it (its hash the genesis), event 9 removed:
    as many events as before, the highest where it was, every remaining pair linked."""
    connection = sqlite3.connect(path)
    first = connection.execute("SELECT at, actor, type, sitting_id, payload FROM event "
                               "WHERE seq = 1").fetchone()
    connection.close()
    sql(path, ("INSERT INTO event (seq, at, actor, type, sitting_id, payload, prev_hash, hash) "
                "VALUES (0, ?, ?, ?, ?, ?, ?, ?)", (*first, "f" * 64, GENESIS)),
         ("DELETE FROM event WHERE seq = 9",))


@pytest.mark.parametrize(("edit", "problem"), [
    (lambda path: sql(path, ("DELETE FROM event WHERE seq = 9",)), "event 9: missing"),
    (lambda path: sql(path, ("UPDATE event SET prev_hash = ? WHERE seq = 20", ("e" * 64,))),
     "event 20: does not follow event 19"),
    (lambda path: sql(path, ("UPDATE event SET prev_hash = ? WHERE seq = 1", ("e" * 64,))),
     "event 1: does not follow event 0"),
    (_renumbered, "event 1: missing \\(the next stored event is 0\\)"),
])
def test_tampering_before_the_checkpoint_is_refused_by_a_writers_open(tmp_path, edit, problem):
    path, _sim = _checkpointed(tmp_path)
    edit(path)
    with pytest.raises(StoreError, match=problem) as plain:
        SittingService(EventStore(path))
    with pytest.raises(StoreError, match=problem) as written:
        open_service(path, "test")
    assert str(written.value) == str(plain.value)
    with pytest.raises(StoreError, match=problem):  # the lock was let go: refused again
        open_service(path, "test")


def test_the_collector_is_paused_while_a_writer_opens_and_on_again_after(tmp_path):
    """The imports and the state of a writer's open live on: the cyclic collector does not
    scan them meanwhile (its passes cost `sesja apply` 60 ms), and is back on after."""
    path, _sim = _checkpointed(tmp_path)
    during = []

    @contextmanager
    def watched():
        during.append(gc.isenabled())
        yield

    assert gc.isenabled()
    service = open_service(path, "test", meanwhile=watched)
    try:
        assert during == [False] and gc.isenabled()
    finally:
        service.close()
    gc.disable()
    try:  # a caller that had it off (the console's start) keeps it off
        open_service(path, "test").close()
        assert not gc.isenabled()
    finally:
        gc.enable()
