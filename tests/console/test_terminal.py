"""The real `sesja` in a real terminal (tmux): keys in with send-keys, the screen read with
capture-pane, the result read back from the event log; and a SIGKILL in mid roll-call."""

import os
import signal
import time

import pytest

from models.events import AnswerRecorded, VoteClosed
from models.terms import Answer, Outcome
from server.store import EventStore
from tests.terminal import Terminal

pytestmark = pytest.mark.tmux


def events(db) -> list:
    store = EventStore(db)
    try:
        return [stored.event for stored in store.load()]
    finally:
        store.close()


def check_in_and_open_a_vote(terminal: Terminal, members: int) -> None:
    terminal.wait_for("Rada Miasta Nadwarcie")
    for seat in range(1, members + 1):  # typed seat numbers, Enter checks each in
        terminal.type(str(seat))
        terminal.keys("Enter")
    terminal.wait_for(f"obecni {members}/23")
    terminal.keys("F2")
    terminal.keys(*["Down"] * 5, "Enter")  # item 5.1, the budget resolution
    terminal.wait_for("punkt 5.1")
    terminal.keys("F5", "v")
    terminal.wait_for("Otwórz głosowanie")
    terminal.keys("Enter")
    terminal.wait_for("Głosowanie nr 1")


def test_a_check_in_and_a_whole_roll_call_typed_into_the_real_sesja_demo(terminal, tmp_path):
    db = tmp_path / "demo.db"
    terminal.start("demo", "--db", str(db))
    terminal.wait_for("Rada Miasta Nadwarcie")
    terminal.type("lodz")  # Kołodziej Anna, found without Polish letters
    terminal.keys("Enter")
    terminal.wait_for("obecni 1/23")
    for seat in (1, 2, 3, 4, 5, 6, 8, 9, 10, 11, 12):
        terminal.type(str(seat))
        terminal.keys("Enter")
    terminal.wait_for("obecni 12/23")
    terminal.keys("F2")
    terminal.keys(*["Down"] * 5, "Enter")
    terminal.wait_for("punkt 5.1")
    terminal.keys("F5", "v")
    terminal.wait_for("Otwórz głosowanie")
    terminal.keys("Enter")
    terminal.wait_for("Głosowanie nr 1")
    terminal.keys(*["1"] * 10, "2", "3", pause=0.1)
    terminal.wait_for("za 10 · przeciw 1 · wstrzymało się 1")
    terminal.keys("c")
    terminal.wait_for("Zamknąć głosowanie nr 1?")
    terminal.keys("Enter")
    terminal.wait_for("PRZYJĘTO")
    terminal.keys("C-q")
    log = events(db)
    checked_in = [e.member_id for e in log if e.type == "member_checked_in"]
    assert checked_in[0] == "m07" and len(checked_in) == 12
    closed = next(e for e in log if isinstance(e, VoteClosed))
    assert (closed.result.yes, closed.result.no, closed.result.abstain) == (10, 1, 1)
    assert closed.result.outcome is Outcome.ADOPTED
    assert any(e.type == "resolution_registered" for e in log)


def test_sigkill_in_mid_roll_call_loses_no_acknowledged_answer(terminal, tmp_path):
    db = tmp_path / "demo.db"
    terminal.start("demo", "--db", str(db))
    check_in_and_open_a_vote(terminal, 12)
    terminal.keys("1", "2", "1", "3", "1", pause=0.1)
    terminal.wait_for("za 3 · przeciw 1 · wstrzymało się 1")  # on screen = durable
    os.kill(terminal.pid(), signal.SIGKILL)
    time.sleep(0.5)
    terminal.close()

    answers = {e.member_id: e.answer for e in events(db) if isinstance(e, AnswerRecorded)}
    assert answers == {"m01": Answer.YES, "m02": Answer.NO, "m03": Answer.YES,
                       "m04": Answer.ABSTAIN, "m05": Answer.YES}

    again = Terminal()
    try:
        again.start("console", "--db", str(db))
        again.wait_for("za 3 · przeciw 1 · wstrzymało się 1")  # the open vote, on its tab
        again.keys("2")  # the cursor came back at the first member without an answer
        again.wait_for("za 3 · przeciw 2")
        again.keys("C-q")
    finally:
        again.close()
    last = [e for e in events(db) if isinstance(e, AnswerRecorded)][-1]
    assert (last.member_id, last.answer) == ("m06", Answer.NO)
    assert not any(isinstance(e, VoteClosed) for e in events(db))
