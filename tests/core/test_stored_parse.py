"""A stored row parsed for a replay: the payload validated by pydantic-core from its text,
the envelope checked field by field; the `StoredEvent` made is the one its validator makes,
and a row it would refuse is refused, naming the field."""

import pickle
import sqlite3

import pytest
from pydantic import ValidationError

from models import events as ev
from models.reducer import fold
from server.log_rows import StoredRow, stored_from_row
from server.store import EventStore
from tests.chamber import opened


def _log(tmp_path):
    sim = opened(present=4)
    sim("open_vote", subject="Projekt", kind="other")
    sim("record_answer", member="m01", answer="yes")
    path = tmp_path / "sesja.db"
    store = EventStore(path)
    store.append(sim.log)
    return store, sim


def test_the_parsed_events_are_the_stored_ones_in_every_respect(tmp_path):
    store, sim = _log(tmp_path)
    try:
        loaded = store.load()
        assert loaded == sim.log == [stored_from_row(row) for row in store.rows()]
        for parsed, written in zip(loaded, sim.log, strict=True):
            assert type(parsed) is ev.StoredEvent
            assert parsed.model_fields_set == written.model_fields_set
            assert parsed.model_dump_json() == written.model_dump_json()
            assert hash(parsed) == hash(written)
            assert pickle.loads(pickle.dumps(parsed)) == written
            assert parsed.model_copy(update={"actor": "x"}).actor == "x"
            with pytest.raises(ValidationError):
                parsed.seq = 5  # frozen, as every StoredEvent
        assert fold(loaded) == sim.state
    finally:
        store.close()


ROW = StoredRow(3, "2026-11-22T10:00:00+00:00", "test", "member_checked_in", "s1",
                '{"member_id":"m01","sitting_id":"s1","type":"member_checked_in"}',
                "0" * 64, "1" * 64)


@pytest.mark.parametrize(("field", "value", "named"), [
    ("seq", 0, "seq"), ("seq", "3", "seq"), ("seq", 3.0, "seq"), ("seq", True, "seq"),
    ("at", "22.11.2026 10:00", "22.11.2026"), ("at", 1764, "at"), ("actor", None, "actor"),
    ("actor", b"test", "actor"), ("prev_hash", 7, "prev_hash"), ("hash", None, "hash"),
])
def test_a_row_with_a_wrong_envelope_is_refused_naming_the_field(field, value, named):
    with pytest.raises(ValueError, match=named):
        stored_from_row(ROW._replace(**{field: value}))


def test_a_row_with_a_wrong_payload_is_refused_by_the_event_s_validator():
    assert stored_from_row(ROW).event == ev.MemberCheckedIn(sitting_id="s1", member_id="m01")
    for payload in ('{"member_id":"m01","type":"member_checked_in"}',  # no sitting
                    '{"member_id":"m01","sitting_id":"s1","type":"member_checked_in"} x',
                    '{"member_id":"m01","sitting_id":"s1","type":"member_checked_in","x":1}'):
        with pytest.raises(ValidationError):
            stored_from_row(ROW._replace(payload=payload))


def test_load_refuses_a_damaged_row_as_the_row_by_row_parse_does(tmp_path):
    store, _sim = _log(tmp_path)
    try:
        connection = sqlite3.connect(tmp_path / "sesja.db")
        connection.execute("UPDATE event SET payload = '{\"type\":\"nothing\"}' WHERE seq = 5")
        connection.commit()
        connection.close()
        with pytest.raises(ValidationError):
            store.load()
        with pytest.raises(ValidationError):
            [stored_from_row(row) for row in store.rows()]
    finally:
        store.close()
