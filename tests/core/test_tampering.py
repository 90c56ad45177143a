"""Tampering with a stored log is found by the real `sesja verify`, which names the event."""

import shutil
import sqlite3
from datetime import date

import pytest

from models.chain import stored_link_hash
from models.commands import command_json
from server.demo import demo_commands
from tests.cli import sesja

SITTING = [
    *[f'{{"type":"check_in","member":"m{i:02d}"}}' for i in range(1, 15)],
    '{"type":"set_current_item","item":"i6"}',
    '{"type":"open_vote","subject":"Projekt uchwały (druk 412)","kind":"resolution",'
    '"rule":{"kind":"absolute_seats"}}',
    *[f'{{"type":"record_answer","member":"m{i:02d}","answer":"yes"}}' for i in range(1, 13)],
    '{"type":"record_answer","member":"m13","answer":"no"}',
    '{"type":"close_vote"}',
    '{"type":"check_out","member":"m14"}',
]
EVENTS = 2 + len(SITTING) + 1  # the close also registers the resolution


@pytest.fixture(scope="module")
def pristine(tmp_path_factory):
    folder = tmp_path_factory.mktemp("log")
    script = folder / "sitting.jsonl"
    demo = [command_json(c) for c in demo_commands(date(2026, 11, 22))]
    script.write_text("\n".join(demo + SITTING) + "\n", encoding="utf-8")
    db = folder / "pristine.db"
    applied = sesja("apply", "--db", str(db), str(script))
    assert applied.returncode == 0, applied.stderr
    verified = sesja("verify", "--db", str(db), "--lang", "en")
    assert verified.returncode == 0 and verified.stdout.startswith(f"ok: {EVENTS} events")
    return db


@pytest.fixture
def log(pristine, tmp_path):
    copy = tmp_path / "sesja.db"
    shutil.copy(pristine, copy)
    return copy


def tamper(db, *statements: tuple) -> None:
    connection = sqlite3.connect(db)
    with connection:
        for statement in statements:
            connection.execute(*statement)
    connection.close()


def failures(db) -> list[str]:
    verified = sesja("verify", "--db", str(db))
    assert verified.returncode == 1, verified.stdout
    assert verified.stdout == ""
    return verified.stderr.splitlines()


def row(db, seq: int) -> tuple:
    connection = sqlite3.connect(db)
    found = connection.execute(
        "SELECT seq, at, actor, type, sitting_id, payload, prev_hash, hash FROM event "
        "WHERE seq = ?", (seq,)).fetchone()
    connection.close()
    return found


def row_count(db, table: str) -> int:
    connection = sqlite3.connect(db)
    (count,) = connection.execute(f"SELECT count(*) FROM {table}").fetchone()
    connection.close()
    return count


def test_an_edited_answer_is_named(log):
    answer = row(log, 20)
    assert '"answer":"yes"' in answer[5]
    tamper(log, ("UPDATE event SET payload = replace(payload, '\"yes\"', '\"no\"') "
                 "WHERE seq = 20",))
    assert failures(log) == [
        "FAIL: event 20: content changed after it was written (hash mismatch)"]


@pytest.mark.parametrize("column, value", [("actor", "cli:someone-else"),
                                           ("at", "2026-11-22T09:00:00+00:00")])
def test_an_edited_actor_or_time_is_named(log, column, value):
    tamper(log, (f"UPDATE event SET {column} = ? WHERE seq = 7", (value,)))
    assert failures(log) == [
        "FAIL: event 7: content changed after it was written (hash mismatch)"]


def test_an_edit_with_a_recomputed_hash_breaks_the_next_link(log):
    seq, at, actor, _type, _sitting, payload, prev_hash, _hash = row(log, 20)
    forged = payload.replace('"yes"', '"no"')
    tamper(log, ("UPDATE event SET payload = ?, hash = ? WHERE seq = 20",
                 (forged, stored_link_hash(prev_hash, seq, at, actor, forged))))
    assert failures(log) == [
        "FAIL: event 21: does not follow event 20 (broken link); "
        "events were removed, inserted or reordered"]


def test_a_deleted_event_is_named(log):
    tamper(log, ("DELETE FROM event WHERE seq = 9",))
    assert failures(log) == [
        "FAIL: event 9: missing (the next stored event is 10); "
        "events were removed or renumbered"]


def test_reordered_events_are_named(log):
    eight, nine = row(log, 8), row(log, 9)
    swap = "UPDATE event SET at = ?, actor = ?, type = ?, sitting_id = ?, payload = ?, " \
           "prev_hash = ?, hash = ? WHERE seq = ?"
    tamper(log, (swap, (*nine[1:], 8)), (swap, (*eight[1:], 9)))
    assert failures(log) == [
        "FAIL: event 8: does not follow event 7 (broken link); "
        "events were removed, inserted or reordered"]


def test_a_deleted_last_event_is_named_from_the_head_record(log):
    tamper(log, ("DELETE FROM event WHERE seq = ?", (EVENTS,)))
    assert failures(log) == [
        f"FAIL: event {EVENTS}: missing at the end of the log (event {EVENTS} was written, "
        "then removed)"]


def test_several_deleted_last_events_are_named(log):
    tamper(log, ("DELETE FROM event WHERE seq > ?", (EVENTS - 3,)))
    assert failures(log) == [
        f"FAIL: event {EVENTS - 2}: missing at the end of the log (events {EVENTS - 2}-"
        f"{EVENTS} were written, then removed)"]


def test_an_event_forged_at_the_end_is_named(log):
    seq, at, actor, _type, sitting, _payload, _prev, last_hash = row(log, EVENTS)
    payload = '{"member_id":"m14","sitting_id":"s1","type":"member_checked_in"}'
    forged = (seq + 1, at, actor, "member_checked_in", sitting, payload, last_hash,
              stored_link_hash(last_hash, seq + 1, at, actor, payload))
    tamper(log, ("INSERT INTO event VALUES (?, ?, ?, ?, ?, ?, ?, ?)", forged))
    assert failures(log) == [
        f"FAIL: event {EVENTS + 1}: written outside sesja (the log's head record ends at "
        f"event {EVENTS})"]


def test_a_removed_head_record_is_reported(log):
    tamper(log, ("DELETE FROM chain_head",))
    assert failures(log) == [
        f"FAIL: event {EVENTS}: the log's head record is missing, so a cut-off end of the "
        "log cannot be ruled out"]


def test_an_edited_vote_result_projection_is_named(log):
    tamper(log, ("UPDATE vote_result SET outcome = 'rejected' WHERE vote_id = 'v1'",))
    assert failures(log) == [
        "FAIL: vote v1 of sitting s1: the stored result differs from replay"]


def test_an_edited_resolution_register_is_named(log):
    tamper(log, ("UPDATE resolution SET title = 'w sprawie czegoś innego'",))
    assert failures(log) == [
        "FAIL: resolution XL/312/2026: the stored register differs from replay"]


def test_a_deleted_projection_row_is_named(log):
    tamper(log, ("DELETE FROM vote_result",))
    assert failures(log) == [
        "FAIL: vote v1 of sitting s1: the stored result differs from replay"]


def test_the_service_refuses_to_append_to_a_damaged_log(log, tmp_path):
    tamper(log, ("DELETE FROM event WHERE seq = 9",))
    script = tmp_path / "more.jsonl"
    script.write_text('{"type":"check_in","member":"m15"}\n', encoding="utf-8")
    applied = sesja("apply", "--db", str(log), str(script), "--lang", "en")
    assert applied.returncode == 1
    assert f"the event log {log} is damaged: event 9: missing" in applied.stderr
    assert "sesja verify" in applied.stderr
    polish = sesja("apply", "--db", str(log), str(script)).stderr
    assert f"dziennik zdarzeń {log} jest uszkodzony: zdarzenie 9: brak" in polish
    assert row(log, EVENTS)[0] == EVENTS and row(log, EVENTS + 1) is None


@pytest.mark.parametrize("edit", [
    "UPDATE event SET payload = replace(payload, '\"yes\"', '\"no\"') WHERE seq = 20",
    "UPDATE event SET actor = 'cli:someone-else' WHERE seq = 20",
    "UPDATE event SET at = replace(at, '+00:00', 'Z') WHERE seq = 20",  # the same instant
])
def test_the_service_refuses_a_log_whose_stored_event_was_edited(log, tmp_path, edit):
    """Without a checkpoint (a log written before them, or all refused), opening re-hashes
    every event."""
    tamper(log, (edit,), ("DELETE FROM checkpoint",))
    script = tmp_path / "more.jsonl"
    script.write_text('{"type":"check_in","member":"m15"}\n', encoding="utf-8")
    applied = sesja("apply", "--db", str(log), str(script), "--lang", "en")
    assert applied.returncode == 1 and "Traceback" not in applied.stderr
    assert applied.stderr.strip() == (
        f"sesja: the event log {log} is damaged: event 20: content changed after it was "
        f"written (hash mismatch); run `sesja verify --db {log}`. Nothing was written.")
    assert row(log, EVENTS + 1) is None
    assert failures(log) == [  # verify still reads such a log and names the event
        "FAIL: event 20: content changed after it was written (hash mismatch)"]


def test_an_event_edited_before_the_checkpoint_is_left_to_verify(log, tmp_path):
    """Opening re-hashes the events after its checkpoint only (and checks every link); an
    edit before it that kept the links is what `sesja verify` is for."""
    assert row_count(log, "checkpoint") == 1  # `sesja apply` wrote one as it closed
    tamper(log, ("UPDATE event SET payload = replace(payload, '\"yes\"', '\"no\"') "
                 "WHERE seq = 20",))
    script = tmp_path / "more.jsonl"
    script.write_text('{"type":"check_in","member":"m15"}\n', encoding="utf-8")
    assert sesja("apply", "--db", str(log), str(script)).returncode == 0
    assert failures(log) == ["FAIL: event 20: content changed after it was written "
                             "(hash mismatch)"]


def test_verify_on_a_missing_file_says_there_is_no_log(tmp_path):
    missing = tmp_path / "nothing-here.db"
    verified = sesja("verify", "--db", str(missing), "--lang", "en")
    assert verified.returncode == 1
    assert verified.stderr.strip() == f"sesja: no event log at {missing}"
    assert sesja("verify", "--db", str(missing)).stderr.strip() == \
        f"sesja: nie ma dziennika zdarzeń {missing}"
    assert not missing.exists()


def test_verify_on_a_file_that_is_not_a_log_says_so(tmp_path):
    other = tmp_path / "notes.db"
    other.write_text("minutes of the last sitting\n", encoding="utf-8")
    verified = sesja("verify", "--db", str(other), "--lang", "en")
    assert verified.returncode == 1
    assert verified.stderr.startswith(f"sesja: cannot open the event log {other}: ")
    assert "not a database" in verified.stderr


def test_a_damaged_file_is_reported_without_a_traceback(log):
    tamper(log, ("DELETE FROM checkpoint_part",), ("DELETE FROM checkpoint",))
    connection = sqlite3.connect(log)
    connection.execute("VACUUM")  # the projections on the last page again
    connection.close()
    data = bytearray(log.read_bytes())
    page = 4096
    data[-page:] = b"\xab" * page  # a page of garbage where the projections live
    log.write_bytes(bytes(data))
    verified = sesja("verify", "--db", str(log), "--lang", "en")
    assert verified.returncode == 1
    assert "Traceback" not in verified.stderr
    assert verified.stderr.startswith(f"sesja: cannot read the event log {log}: ")
    assert "malformed" in verified.stderr


def test_a_log_cut_in_half_is_refused_by_the_service(log, tmp_path):
    log.write_bytes(log.read_bytes()[:8192])
    script = tmp_path / "more.jsonl"
    script.write_text('{"type":"check_in","member":"m15"}\n', encoding="utf-8")
    applied = sesja("apply", "--db", str(log), str(script))
    assert applied.returncode == 1 and "Traceback" not in applied.stderr
    assert applied.stderr.startswith("sesja: nie można ")  # Polish unless --lang en
    assert "malformed" in applied.stderr  # the database's own words
