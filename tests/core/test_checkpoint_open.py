"""Opening a log from its checkpoint, and every checkpoint that must be refused for it:
missing, of another version, damaged, edited, stale, from another log. A refused one is
said in a log line and the state comes from the events."""

import asyncio
import json
import logging
import sqlite3
from datetime import date
from pathlib import Path

import pytest

from models.checkpoint import CheckpointError, canonical, digest
from models.commands import CheckIn, CheckOut, CloseSitting, OpenSitting
from models.pmap import Deferred
from models.reducer import fold
from server import checkpoints
from server.service import SittingService
from server.store import EventStore, StoreError
from server.verify import verify
from tests.chamber import opened
from tests.checkpoint_states import checkpoint_at_60, log_of, rich, sql

LOGGER = "sesja.checkpoints"


def _log(folder: Path, events=None) -> Path:
    return log_of(folder, events if events is not None else rich().log)


def _with_checkpoint(folder: Path) -> Path:
    path = _log(folder)
    SittingService(EventStore(path)).close()  # a clean close writes one
    return path


def _one(path: Path, query: str, *args) -> tuple:
    connection = sqlite3.connect(path)
    found = connection.execute(query, args).fetchone()
    connection.close()
    return found


def _opened(path: Path, caplog) -> tuple[SittingService, list[str]]:
    caplog.clear()
    with caplog.at_level(logging.INFO, logger=LOGGER):
        service = SittingService(EventStore(path))
    return service, [record.getMessage() for record in caplog.records
                     if record.name == LOGGER]


def _from_events(path: Path):
    store = EventStore(path, readonly=True)
    try:
        return fold(store.load())
    finally:
        store.close()


def _refused(path: Path, caplog, reason: str) -> None:
    service, lines = _opened(path, caplog)
    try:
        assert service.state == _from_events(path)
        assert any("refused" in line and reason in line for line in lines), lines
        assert any("folding all" in line for line in lines), lines
    finally:
        service.close()


def test_a_log_opens_from_its_checkpoint_to_the_state_its_events_give(tmp_path, caplog):
    path = _with_checkpoint(tmp_path)
    last = _one(path, "SELECT max(seq) FROM event")[0]
    assert _one(path, "SELECT seq, version FROM checkpoint") == (last, 1)
    service, lines = _opened(path, caplog)
    try:
        assert lines == [f"opened {path} from the checkpoint at event {last}, 0 events after it"]
        assert service.state == _from_events(path)
        service.execute(CheckIn(member="m10"), "test")  # closing checkpoints it
    finally:
        service.close()
    service, lines = _opened(path, caplog)
    try:
        assert lines == [f"opened {path} from the checkpoint at event {last + 1}, "
                         "0 events after it"]
        assert service.state == _from_events(path)
    finally:
        service.close()


def test_events_after_the_checkpoint_are_folded_onto_it(tmp_path, caplog):
    sim = rich()
    path = checkpoint_at_60(tmp_path, sim)
    service, lines = _opened(path, caplog)
    try:
        assert lines == [f"opened {path} from the checkpoint at event 60, "
                         f"{len(sim.log) - 60} events after it"]
        assert service.state == sim.state
    finally:
        service.close()


def test_no_checkpoint_folds_every_event_and_says_so(tmp_path, caplog):
    path = _log(tmp_path)
    _refused_none(path, caplog)


def _refused_none(path, caplog):
    service, lines = _opened(path, caplog)
    try:
        assert lines == [f"opened {path} by folding all {service.state.last_seq} events "
                         "(no usable checkpoint)"]
        assert service.state == _from_events(path)
    finally:
        service.store.close()  # no checkpoint written: the next test opens without one


@pytest.mark.parametrize("edit, reason", [
    ("UPDATE checkpoint SET version = 0", "made for state version 0"),
    ("UPDATE checkpoint SET document = substr(document, 1, 100)",
     "document changed after it was written (hash mismatch)"),
    ("UPDATE checkpoint_part SET text = replace(text, '\"yes\"', '\"no\"')",
     "changed after it was written (hash mismatch)"),
    ("DELETE FROM checkpoint_part", "is missing"),
    ("UPDATE checkpoint SET seq = seq - 5", "has another hash"),  # stale: moved to another event
], ids=["other version", "damaged document", "edited part", "missing part", "moved"])
def test_a_checkpoint_that_does_not_hold_up_is_refused(tmp_path, caplog, edit, reason):
    path = _with_checkpoint(tmp_path)
    sql(path, (edit,))
    _refused(path, caplog, reason)


def test_a_stale_state_relabelled_with_a_later_event_is_refused(tmp_path, caplog):
    """An earlier state whose document was given the seq and hash of a later event, its
    content hash recomputed: the state it decodes to ends elsewhere."""
    sim = rich()
    path = checkpoint_at_60(tmp_path, sim)
    document = json.loads(_one(path, "SELECT document FROM checkpoint")[0])
    document["seq"], document["hash"] = sim.state.last_seq, sim.state.last_hash
    text = canonical(document)
    sql(path, ("UPDATE checkpoint SET seq = ?, hash = ?, document = ?, content_hash = ?",
                (sim.state.last_seq, sim.state.last_hash, text, digest(text))))
    _refused(path, caplog, "ends at another event")


def test_a_checkpoint_from_another_log_is_refused(tmp_path, caplog):
    other = _with_checkpoint(tmp_path / "other")
    events = opened(members=10, present=4).log
    path = _log(tmp_path, events)
    sql(path, (f"ATTACH DATABASE '{other}' AS other",),
         ("INSERT INTO checkpoint SELECT * FROM other.checkpoint",),
         ("INSERT INTO checkpoint_part SELECT * FROM other.checkpoint_part",))
    seq = _one(path, "SELECT seq FROM checkpoint")[0]
    if seq > len(events):
        _refused(path, caplog, f"no event {seq}")
    else:
        _refused(path, caplog, "has another hash")


def test_the_newest_good_checkpoint_is_used_when_a_newer_one_is_bad(tmp_path, caplog):
    sim = rich()
    path = checkpoint_at_60(tmp_path, sim)
    SittingService(EventStore(path)).close()
    newest = sim.state.last_seq
    sql(path, ("UPDATE checkpoint SET version = 0 WHERE seq = ?", (newest,)))
    service, lines = _opened(path, caplog)
    try:
        assert lines[0].startswith(f"checkpoint at event {newest} of {path} refused")
        assert lines[1] == (f"opened {path} from the checkpoint at event 60, "
                            f"{newest - 60} events after it")
        assert service.state == sim.state
    finally:
        service.store.close()


@pytest.mark.parametrize(("edit", "problem"), [
    (("UPDATE event SET actor = 'cli:someone-else' WHERE seq = ?", -3),
     "content changed after it was written \\(hash mismatch\\)"),
    (("DELETE FROM event WHERE seq = ?", 9), "event 9: missing"),
])
def test_a_log_damaged_before_or_after_its_checkpoint_is_refused(tmp_path, edit, problem):
    """After the checkpoint every event is re-hashed; before it every link is checked."""
    sim = rich()
    path = checkpoint_at_60(tmp_path, sim)
    statement, seq = edit
    sql(path, (statement, (seq if seq > 0 else sim.state.last_seq + seq + 1,)))
    with pytest.raises(StoreError, match=problem):
        SittingService(EventStore(path))


def test_a_checkpoint_is_written_every_so_many_events_when_a_sitting_closes_and_on_close(
        tmp_path, monkeypatch):
    path = _log(tmp_path, opened(present=2).log)
    monkeypatch.setattr(checkpoints, "EVERY", 20)
    service = SittingService(EventStore(path))
    try:
        start = service.state.last_seq
        for index in range(19 - start):
            service.execute(CheckIn(member="m05") if index % 2 == 0 else CheckOut(member="m05"),
                            "test")
        assert _all(path, "SELECT seq FROM checkpoint") == []
        service.execute(CheckIn(member="m09"), "test")
        assert _all(path, "SELECT seq FROM checkpoint") == [(20,)]
        service.execute(CloseSitting(), "test")
        assert _all(path, "SELECT seq FROM checkpoint ORDER BY seq") == [(20,), (21,)]
        service.execute(OpenSitting(number="XLI", date=date(2026, 12, 1)), "test")
    finally:
        service.close()
    # the clean close wrote the third, and only the newest KEEP are kept, with their parts
    assert _all(path, "SELECT seq FROM checkpoint ORDER BY seq") == [(21,), (22,)]
    named = {part for (document,) in _all(path, "SELECT document FROM checkpoint")
             for _id, part, _closed in json.loads(document)["sittings"]}
    assert {row[0] for row in _all(path, "SELECT digest FROM checkpoint_part")} == named
    assert len(named) == 2  # the closed sitting's part is shared by both
    report = verify(EventStore(path, readonly=True))
    assert report.ok, report.problems


def _all(path: Path, query: str) -> list[tuple]:
    connection = sqlite3.connect(path)
    found = connection.execute(query).fetchall()
    connection.close()
    return found


def test_verify_checks_every_checkpoint_against_the_events(tmp_path):
    path = _with_checkpoint(tmp_path)
    assert verify(EventStore(path, readonly=True)).ok
    document = json.loads(_one(path, "SELECT document FROM checkpoint")[0])
    document["chamber"]["next_resolution"] += 5  # a forged state, its hash recomputed
    text = canonical(document)
    sql(path, ("UPDATE checkpoint SET document = ?, content_hash = ?", (text, digest(text))))
    seq = document["seq"]
    assert verify(EventStore(path, readonly=True)).problems == [
        f"checkpoint at event {seq}: its state differs from the state the events give there"]
    sql(path, ("UPDATE checkpoint SET hash = ?", ("0" * 64,)))
    assert verify(EventStore(path, readonly=True)).problems == [
        f"checkpoint at event {seq}: event {seq} of this log has another hash (from "
        "another log, or stale)"]
    sql(path, ("UPDATE checkpoint SET seq = 999",))
    assert verify(EventStore(path, readonly=True)).problems == [
        "checkpoint at event 999: the log has no event 999"]


def test_submit_writes_the_checkpoint_on_the_writer_before_the_next_command(tmp_path):
    """The close is answered first; the checkpoint is the writer's next job, done before
    the next command's group."""
    path = _log(tmp_path, opened(present=2).log)
    service = SittingService(EventStore(path))
    seen: list[list[tuple]] = []
    service.subscribe(lambda _events, _state: seen.append(_all(path, "SELECT seq FROM checkpoint")))

    async def sitting_closed_then_another_opened() -> None:
        await service.submit(CloseSitting(), "test")
        await service.submit(OpenSitting(number="XLI", date=date(2026, 12, 1)), "test")

    try:
        asyncio.run(sitting_closed_then_another_opened())
        closed_at = service.state.last_seq - 1
        assert seen[1] == [(closed_at,)]
    finally:
        service.close()


def test_a_closed_sitting_stays_on_disk_until_asked_for_and_is_checked_then(tmp_path, caplog):
    path = _with_checkpoint(tmp_path)
    service, _lines = _opened(path, caplog)
    try:
        stored = dict(service.state.sittings.stored_items())
        assert isinstance(stored["s1"], Deferred) and not stored["s1"].loaded  # closed
        assert not isinstance(stored["s2"], Deferred)  # adjourned: still going on
        assert service.state == _from_events(path)  # asking for it reads it
        assert stored["s1"].loaded
    finally:
        service.close()
    closed_part = json.loads(_one(path, "SELECT document FROM checkpoint")[0])["sittings"][0][1]
    sql(path, ("UPDATE checkpoint_part SET text = replace(text, '\"yes\"', '\"no\"') "
                "WHERE digest = ?", (closed_part,)))
    service, lines = _opened(path, caplog)
    try:
        assert "from the checkpoint" in lines[0]  # only the sittings going on are read now
        with pytest.raises(CheckpointError, match="changed after it was written"):
            service.state.sittings["s1"]  # never a wrong sitting
    finally:
        service.store.close()
    assert verify(EventStore(path, readonly=True)).problems == [
        f"checkpoint at event {service.state.last_seq}: the part of sitting s1 is changed"]


def test_a_checkpoint_of_a_state_with_sittings_on_disk_names_their_parts_unread(tmp_path):
    path = _with_checkpoint(tmp_path)
    service = SittingService(EventStore(path))
    try:
        service.execute(CheckIn(member="m10"), "test")
        service.checkpoint()
        assert not dict(service.state.sittings.stored_items())["s1"].loaded
    finally:
        service.close()
    assert verify(EventStore(path, readonly=True)).ok
    assert SittingService(EventStore(path)).state == _from_events(path)


def test_one_sittings_events_are_read_alone(tmp_path):
    sim = rich()
    store = EventStore(_log(tmp_path, sim.log))
    try:
        own = store.sitting_events("s1")
        assert own == [e for e in sim.log if getattr(e.event, "sitting_id", None) == "s1"]
        assert own and store.sitting_events("s9") == []
    finally:
        store.close()
