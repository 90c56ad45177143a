"""The log read with Python's own sqlite3 (`server.log_file`, the console's first frame)
opens to what the store opens to: the same statements, the same state from the same
checkpoint, and the same refusal, word for word, of every log the store refuses."""

import logging
from pathlib import Path

import pytest
from sqlalchemy import create_engine

from server import log_file
from server.log_file import LogFile
from server.log_open import open_log
from server.log_reader import CHECKPOINT_TABLES, EVENT_TABLES
from server.service import SittingService
from server.store import EventStore, StoreError, _Statements
from server.tables import CHECKPOINT_PARTS, CHECKPOINTS, EVENTS, HEAD
from tests.checkpoint_states import checkpoint_at_60, log_of, rich, sql

READS = ("select_events", "select_events_from", "select_links", "select_head",
         "select_checkpoints", "select_part", "select_part_digests")
LINKS = ("count_events", "first_link", "first_broken_link")


def test_its_statements_are_the_stores_as_compiled_for_sqlite():
    compiled = _Statements(create_engine("sqlite://"))
    written = log_file.Statements()
    for name in READS:
        assert getattr(written, name) == getattr(compiled, name), name
    for name in LINKS:
        assert getattr(written.links, name) == getattr(compiled.links, name), name
    assert {CHECKPOINTS.name, CHECKPOINT_PARTS.name} == CHECKPOINT_TABLES
    assert {EVENTS.name, HEAD.name} == EVENT_TABLES


def _opening(reader, caplog):
    """What opening through `reader` gives: its state and where from, or its refusal;
    with the log lines it wrote."""
    caplog.clear()
    with caplog.at_level(logging.INFO, logger="sesja.checkpoints"):
        try:
            opened = open_log(reader)
            found = (opened.state, opened.last_at, opened.checkpoint_seq)
        except StoreError as error:
            found = (error.message("en"), error.message("pl"))
    return found, [r.getMessage().replace(str(reader.target), "LOG") for r in caplog.records]


def _same_as_the_store(path: Path, caplog) -> tuple:
    store = EventStore(path, readonly=True)
    try:
        by_store = _opening(store, caplog)
    finally:
        store.close()
    by_file = _opening(LogFile(path), caplog)
    assert by_file == by_store
    return by_file[0]


def _with_checkpoint(folder: Path) -> Path:
    path = log_of(folder, rich().log)
    SittingService(EventStore(path)).close()
    return path


def test_a_log_with_a_checkpoint_and_events_after_it_opens_alike(tmp_path, caplog):
    sim = rich()
    state, _at, checkpoint = _same_as_the_store(checkpoint_at_60(tmp_path, sim), caplog)
    assert state == sim.state and checkpoint == 60
    assert state.sittings  # a closed sitting left on disk reads from the file when asked


def test_a_log_without_checkpoints_folds_every_event_alike(tmp_path, caplog):
    sim = rich()
    state, _at, checkpoint = _same_as_the_store(log_of(tmp_path, sim.log), caplog)
    assert state == sim.state and checkpoint == 0


@pytest.mark.parametrize("edit", [
    "UPDATE checkpoint SET version = 0",
    "UPDATE checkpoint SET document = substr(document, 1, 100)",
    "UPDATE checkpoint_part SET text = replace(text, '\"yes\"', '\"no\"')",
    "DELETE FROM checkpoint_part",
    "UPDATE checkpoint SET seq = seq - 5",
    "DROP TABLE checkpoint",
    "UPDATE event SET actor = 'cli:someone-else' WHERE seq = 9",
    "DELETE FROM event WHERE seq = 9",
    "UPDATE event SET seq = 0 WHERE seq = 1",
    "DELETE FROM event WHERE seq = (SELECT max(seq) FROM event)",
    "DELETE FROM chain_head",
    "UPDATE event SET payload = '{' WHERE seq = (SELECT max(seq) FROM event)",
])
def test_every_edited_log_is_refused_or_opened_alike(tmp_path, caplog, edit):
    path = _with_checkpoint(tmp_path)
    sql(path, (edit,))
    _same_as_the_store(path, caplog)


def test_a_file_that_is_not_a_log_is_refused_and_a_missing_one_not_made(tmp_path):
    text = tmp_path / "notes.db"
    text.write_text("not a database at all " * 100, encoding="utf-8")
    with pytest.raises(StoreError, match="cannot read the event log .*notes.db"):
        LogFile(text).head()
    missing = tmp_path / "missing.db"
    with pytest.raises(StoreError, match="cannot read the event log"):
        LogFile(missing).rows()
    assert not missing.exists()
