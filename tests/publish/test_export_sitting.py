"""Exporting one sitting of a term-long log reads that sitting's events and the state's last
event, never the whole log, and makes the same package as folding every event does."""

from pathlib import Path

import pytest

from bench.term_log import term_commands
from models import commands as cmd
from server.publish.from_log import export_log, export_sitting, sitting_slice
from server.service import SittingService
from server.store import EventStore, StoreError
from tests.cli import sesja


@pytest.fixture
def term(tmp_path) -> SittingService:
    """Three sittings (a council sitting, then two committee meetings), all closed."""
    service = SittingService(EventStore(tmp_path / "term.db"))
    closed = 0
    for command in term_commands():
        service.execute(command, "test")
        closed += isinstance(command, cmd.CloseSitting)
        if closed == 3:
            break
    yield service
    service.close()


def _files(folder: Path) -> dict[str, bytes]:
    return {str(path.relative_to(folder)): path.read_bytes()
            for path in sorted(folder.rglob("*")) if path.is_file()}


def test_an_earlier_sitting_is_exported_from_its_own_events_alone(term, tmp_path, monkeypatch):
    first = next(iter(term.state.sittings))
    whole = export_log(term.store.load(), tmp_path / "whole", sitting_id=first,
                       formats=["csv", "json", "html", "md"])

    def every_event(*_args, **_kwargs):
        raise AssertionError("the export read every event of the log")

    monkeypatch.setattr(EventStore, "rows", every_event)
    monkeypatch.setattr(EventStore, "load", every_event)
    alone = export_sitting(term.state, term.store, tmp_path / "alone", sitting_id=first,
                           formats=["csv", "json", "html", "md"])
    assert alone == whole
    package = next(p for p in (tmp_path / "whole").iterdir() if p.is_dir()).name
    assert _files(tmp_path / "alone" / package) == _files(tmp_path / "whole" / package)


def test_the_slice_ends_where_the_state_does_though_the_log_went_on(term):
    first = next(iter(term.state.sittings))
    state = term.state
    term.execute(cmd.OpenSitting(number="XCIX", date="2030-01-01"), "test")  # after the state
    events = sitting_slice(term.store, state, first)
    assert events[-1].seq == state.last_seq and events[-1].hash == state.last_hash
    assert {getattr(e.event, "sitting_id", None) for e in events[:-1]} == {first}


def test_sesja_export_names_an_earlier_sitting_of_the_log(term, tmp_path):
    first = next(iter(term.state.sittings))
    term.close()
    done = sesja("export", "--db", str(tmp_path / "term.db"), "--sitting", first, "--out",
                 str(tmp_path / "bip"), "--format", "csv", "--lang", "en")
    assert done.returncode == 0, done.stderr
    assert "exported sitting I of " in done.stdout


def test_opening_a_log_a_console_appends_to_is_tried_again_then_its_error_is_told(term,
                                                                                monkeypatch):
    """The head newer than the last event read looks like a cut-off tail: read again."""
    from session_console.cli import common

    tries = []
    real = common.open_log

    def moving(store):
        tries.append(store)
        if len(tries) < common.OPEN_ATTEMPTS:
            raise StoreError("event 9: missing at the end of the log",
                             "zdarzenie 9: brak na końcu dziennika")
        return real(store)

    monkeypatch.setattr(common, "open_log", moving)
    assert common.read_state(term.store) == term.state and len(tries) == common.OPEN_ATTEMPTS
    tries.clear()

    def damaged(store):
        tries.append(store)
        raise StoreError("damaged for good", "uszkodzony na dobre")

    monkeypatch.setattr(common, "open_log", damaged)
    with pytest.raises(StoreError, match="damaged for good"):
        common.read_state(term.store)
    assert len(tries) == common.OPEN_ATTEMPTS
