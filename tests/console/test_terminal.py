"""The real `sesja` in a real terminal (tmux): keys in with send-keys, the screen read with
capture-pane, the result read back from the event log; and a SIGKILL in mid roll-call."""

import os
import signal
import time

import pytest

from models.events import AnswerRecorded, VoteClosed
from models.terms import Answer, Outcome
from server.store import EventStore
from tests.cli import ROOT
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


def test_a_whole_name_sent_at_once_to_the_roster_checks_in_that_member_only(terminal, tmp_path):
    """send-keys -l: the whole name reaches the console in one read, as a paste does."""
    db = tmp_path / "demo.db"
    terminal.start("demo", "--db", str(db))
    terminal.wait_for("Rada Miasta Nadwarcie")
    terminal.send("-l", "zurawska halina")
    terminal.send("Enter")
    terminal.wait_for("obecni 1/23")
    terminal.send("-l", "12")
    terminal.send("Enter")
    terminal.wait_for("obecni 2/23")
    terminal.keys("C-q")
    checked_in = [e.member_id for e in events(db) if e.type == "member_checked_in"]
    assert checked_in == ["m22", "m12"]
    assert not [e for e in events(db) if e.type == "member_checked_out"]


TMUX_KEYS = {"enter": "Enter", "escape": "Escape", "tab": "Tab", "shift+tab": "BTab",
             "up": "Up", "down": "Down", "pageup": "PPage", "pagedown": "NPage",
             "home": "Home", "end": "End", "backspace": "BSpace", "delete": "DC",
             "space": "Space", "ctrl+u": "C-u", "ctrl+up": "C-Up", "ctrl+down": "C-Down",
             "left": "Left", "right": "Right", **{f"f{n}": f"F{n}" for n in range(1, 8)}}


def test_random_keys_in_a_real_terminal_leave_sesja_demo_alive_and_its_log_verified(
        terminal, tmp_path):
    """The seeded keys of tests/console/random_keys.py, through tmux into `sesja demo`, in
    a home and a working folder of the test's own. The palette (Ctrl+P) is left out here:
    a random "Wyjście" in it would end the run (the Pilot run drives the palette)."""
    import random

    from tests.cli import sesja
    from tests.console.random_keys import choose

    home, work = tmp_path / "home", tmp_path / "work"
    home.mkdir()
    work.mkdir()
    db = tmp_path / "demo.db"
    before = {p for folder in (ROOT, ROOT / "tests") for p in folder.iterdir()}
    terminal.start("demo", "--db", str(db), cwd=work, home=home)
    terminal.wait_for("Rada Miasta Nadwarcie")
    rng, sent = random.Random(7), 0
    while sent < 1000:
        keys = [k for k in choose(rng) if k != "ctrl+p"]
        if not keys or any(k in ("/", "~") for k in keys):
            continue  # an absolute or home path typed into F7's folder: see random_keys.py
        if len(keys) > 1:
            text = "".join(" " if k == "space" else k for k in keys if len(k) == 1 or k == "space")
            if text:
                terminal.send("-l", "--", text)
        else:
            key = keys[0]
            terminal.send(*(["-l", "--", key] if len(key) == 1 else [TMUX_KEYS[key]]))
        sent += len(keys)
        time.sleep(0.01)
    time.sleep(1)
    terminal.keys("Escape", "Escape", "Escape", "F3")
    terminal.wait_for("Rada Miasta Nadwarcie")  # alive, and answering keys
    os.kill(terminal.pid(), 0)  # the process is still there
    terminal.keys("C-q")
    result = sesja("verify", "--db", str(db))
    assert result.returncode == 0, result.stderr
    after = {p for folder in (ROOT, ROOT / "tests") for p in folder.iterdir()}
    assert after == before  # exports and typed folders landed in the test's own folders
