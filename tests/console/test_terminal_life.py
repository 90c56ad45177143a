"""A whole sitting's life in the real `sesja console` in tmux: convened with a 12-item agenda
from a file, opened, a resolution adopted after its amendment, a break, a vice-chair in the
chair, a re-vote keeping a recusal, a secret vote with its totals, closed; then `sesja
export` and `sesja verify --export` pass on what it wrote."""

import time
from datetime import date

import pytest

from models.commands import command_json
from models.events import VoteClosed
from models.terms import Outcome, VoteKind, VoteMode
from server.demo import demo_commands
from server.store import EventStore
from tests.cli import sesja
from tests.terminal import Terminal

pytestmark = pytest.mark.tmux

AGENDA = """oznaczenie;tytuł;rodzaj;druk;referuje
1;Otwarcie sesji i stwierdzenie kworum;porządkowy;;
2;Przyjęcie porządku obrad;porządkowy;;
3;Przyjęcie protokołu z poprzedniej sesji;porządkowy;;
4;Informacja burmistrza o pracy między sesjami;sprawozdanie;;Burmistrz
5;Sprawozdanie z wykonania uchwał;sprawozdanie;;
6;Projekt uchwały w sprawie budżetu na 2027 rok;uchwała;412;Skarbnik
6a;Projekt uchwały w sprawie wieloletniej prognozy finansowej;uchwała;413;Skarbnik
7;Projekt uchwały w sprawie nadania nazwy ulicy;uchwała;414;
8;Wybór ławników;uchwała;415;
9;Interpelacje i zapytania radnych;interpelacje;;
10;Wolne wnioski;inne;;
11;Zamknięcie sesji;porządkowy;;
"""
PRESENT = 14


def _log(db) -> list:
    store = EventStore(db)
    try:
        return store.load()
    finally:
        store.close()


def _answer_all(terminal: Terminal, count: int, key: str = "1") -> None:
    terminal.keys(*[key] * count, pause=0.1)


def _wait_gone(terminal: Terminal, text: str, timeout: float = 20) -> None:
    deadline = time.monotonic() + timeout
    while text in terminal.screen():
        assert time.monotonic() < deadline, f"{text!r} stayed on the screen"
        time.sleep(0.1)


def _take_up(terminal: Terminal, downs: int, label: str) -> None:
    terminal.keys("F2", "Home", *["Down"] * downs, "Enter")
    terminal.wait_for(f"punkt {label}:")


def _close_vote(terminal: Terminal, outcome: str = "PRZYJĘTO") -> None:
    terminal.keys("c")
    terminal.wait_for("Zamknąć głosowanie")
    terminal.keys("Enter")
    terminal.wait_for(outcome)


def test_a_whole_sitting_from_the_convocation_to_the_last_gavel(terminal, tmp_path):
    db, agenda, out = tmp_path / "rada.db", tmp_path / "porzadek.csv", tmp_path / "bip"
    agenda.write_text(AGENDA, encoding="cp1250")  # as a council office's Excel saves it
    council = tmp_path / "rada.jsonl"
    define_council = demo_commands(date(2026, 12, 3))[0]  # the demo's council, no sitting yet
    council.write_text(command_json(define_council) + "\n", encoding="utf-8")
    assert sesja("apply", "--db", str(db), str(council)).returncode == 0

    terminal.start("console", "--db", str(db))
    terminal.wait_for("Rada Miasta Nadwarcie")
    terminal.wait_for("Zwołanie sesji")  # a log without a sitting starts by convening one
    terminal.type("XLI")
    terminal.keys("Tab", "Tab", "Tab")  # the type, the day (today), then the hour
    terminal.type("16:00")
    terminal.keys("Tab")
    terminal.type("Sala sesyjna Ratusza")
    terminal.keys("Tab")
    terminal.type("lodz")  # Kołodziej Anna chairs
    terminal.keys("Tab", "Tab")
    terminal.type(str(agenda))
    terminal.keys("Enter")
    terminal.wait_for("ZWOŁANA na 16:00")

    terminal.keys("F3")
    for seat in range(1, PRESENT + 1):
        terminal.type(str(seat))
        terminal.keys("Enter")
    terminal.wait_for(f"obecni {PRESENT}/23")
    terminal.keys("F8", "Down", "Enter")  # open the convened sitting
    terminal.wait_for("Otworzyć sesję XLI?")
    terminal.wait_for("Kworum jest: obecnych 14, wymaganych 12 z 23 (art. 14 u.s.g.)")
    terminal.keys("Enter")
    terminal.wait_for("prowadzi: Kołodziej Anna")

    _take_up(terminal, 5, "6")  # the budget: an amendment first, then the draft
    terminal.keys("F5", "v")
    terminal.wait_for("Otwórz głosowanie")
    terminal.keys("End")
    terminal.type(" – poprawka nr 1")
    terminal.keys("Tab", "Space", "Down", "Enter")  # kind: poprawka
    terminal.wait_for("poprawka  ")
    terminal.keys("Enter")
    terminal.wait_for("Głosowanie nr 1")
    _answer_all(terminal, PRESENT)
    _close_vote(terminal)
    terminal.keys("v")
    terminal.wait_for("Otwórz głosowanie")
    terminal.keys("Enter")
    terminal.wait_for("Głosowanie nr 2")
    _answer_all(terminal, PRESENT)
    _close_vote(terminal)

    terminal.keys("F9")  # a break
    terminal.wait_for("Przerwa w obradach")
    terminal.type("narada klubów")
    terminal.keys("Enter")
    terminal.wait_for("PRZERWA od")
    terminal.keys("F9")
    _wait_gone(terminal, "PRZERWA od")

    terminal.keys("F8", *["Down"] * 4, "Enter")  # the vice-chair takes the chair
    terminal.wait_for("Kto prowadzi obrady od teraz?")
    terminal.type("adamczyk")
    terminal.keys("Enter")
    terminal.wait_for("prowadzi: Adamczyk Barbara")

    _take_up(terminal, 7, "7")  # a vote with a recusal, then its re-vote
    terminal.keys("F5", "v")
    terminal.wait_for("Otwórz głosowanie")
    terminal.keys("Tab", "Tab", "Tab", "Tab")
    terminal.type("3")  # Chmielewska Żaneta is recused
    terminal.keys("Enter")
    terminal.wait_for("Głosowanie nr 3")
    _answer_all(terminal, PRESENT - 1, "2")
    _close_vote(terminal, "ODRZUCONO")
    terminal.keys("F5", "End", "r")
    terminal.wait_for("Reasumpcja")
    terminal.keys("Enter")
    terminal.wait_for("z jakiego powodu")
    terminal.type("pomyłka przy głosowaniu")
    terminal.keys("Enter")
    terminal.wait_for("na czyj wniosek")
    terminal.type("nowak")
    terminal.keys("Enter")
    terminal.wait_for("Głosowanie nr 4")
    _answer_all(terminal, PRESENT - 1)
    _close_vote(terminal)

    terminal.keys("F8", *["Down"] * 4, "Enter")  # the chair takes it back
    terminal.wait_for("Kto prowadzi obrady od teraz?")
    terminal.type("lodz")
    terminal.keys("Enter")
    terminal.wait_for("prowadzi: Kołodziej Anna")

    _take_up(terminal, 8, "8")  # a secret ballot: the committee's totals
    terminal.keys("F5", "v")
    terminal.wait_for("Otwórz głosowanie")
    terminal.keys("Tab", "Tab", "Tab", "Space", "Down", "Down", "Enter")  # mode: tajne
    terminal.wait_for("tajne  ")
    terminal.keys("Enter")
    terminal.wait_for("Głosowanie nr 5")
    terminal.keys("t")
    terminal.wait_for("Wyniki głosowania")
    terminal.keys("BSpace")
    terminal.type("10")
    terminal.keys("Tab", "BSpace")
    terminal.type("3")
    terminal.keys("Tab", "BSpace")
    terminal.type("1")
    terminal.keys("Enter")
    terminal.wait_for("za 10 · przeciw 3")
    _close_vote(terminal)

    terminal.keys("F10")
    terminal.wait_for("Zamknąć sesję XLI?")
    terminal.wait_for("punkty nierozpatrzone:")
    terminal.keys("Enter")
    terminal.wait_for("zamknięta")
    terminal.keys("C-q")

    log = [stored.event for stored in _log(db)]
    sitting = [e for e in log if e.type == "sitting_convened"][0]
    assert len(sitting.agenda) == 12 and sitting.agenda[6].label == "6a"
    closed = {e.vote_id: e for e in log if isinstance(e, VoteClosed)}
    opened = {e.vote_id: e for e in log if e.type == "vote_opened"}
    assert opened["v1"].kind is VoteKind.AMENDMENT and opened["v2"].amendments == ("v1",)
    assert closed["v2"].result.outcome is Outcome.ADOPTED
    assert opened["v4"].revote_of == "v3" and opened["v4"].recused == ("m03",)
    assert (opened["v4"].revote_reason, opened["v4"].revote_motion) == (
        "pomyłka przy głosowaniu", "m12")
    assert opened["v5"].mode is VoteMode.SECRET and closed["v5"].result.yes == 10
    assert [e.member_id for e in log if e.type == "chair_handed_over"] == ["m01", "m07"]
    assert [e.type for e in log if e.type in ("break_started", "break_ended")] == [
        "break_started", "break_ended"]
    assert log[-1].type == "sitting_closed"

    exported = sesja("export", "--db", str(db), "--out", str(out))
    assert exported.returncode == 0, exported.stderr
    minutes = (out / "protokol.md").read_text(encoding="utf-8")
    assert "Prowadzenie obrad: od" in minutes and "Przerwa od" in minutes
    checked = sesja("verify", "--db", str(db), "--export", str(out))
    assert checked.returncode == 0, checked.stderr
