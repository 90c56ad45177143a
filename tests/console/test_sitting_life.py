"""The sitting's life through the console (Pilot): convened with its agenda from a file,
opened with quorum stated, a break, the chair handed over, closed with what is open
listed; a vote opened without quorum asks first; a close confirms the result it showed,
with two consoles on one log."""

from models.commands import CheckIn, CloseVote, DefineCouncil, OpenVote, RecordAnswer
from models.rejection import Rejection
from models.terms import Answer, SittingStatus
from server.demo import demo_council
from server.service import SittingService
from server.store import EventStore
from session_console.app import ConsoleApp
from session_console.close_vote import CloseVoteConfirm
from session_console.dialogs import Confirm, MemberPicker, Prompt
from session_console.forms import OpenVoteForm
from session_console.life_screens import (
    LIFE_ACTIONS,
    CloseSittingConfirm,
    ConveneForm,
    SittingMenu,
)
from session_console.local_backend import LocalBackend
from session_console.widgets.header import SITTING
from session_console.words import describe_event
from tests.console.conftest import SIZE, console, demo_service, events_of, frozen
from tests.console.test_flows import modal, settle, started, submit, until

AGENDA_CSV = ("oznaczenie;tytuł;rodzaj;druk\n1;Otwarcie sesji;porządkowy;\n"
              "6;Projekt uchwały w sprawie budżetu;uchwała;412\n"
              "6a;Projekt uchwały w sprawie drogi;uchwała;413\n")


def header(app: ConsoleApp) -> str:
    return app.header.line(SITTING)


async def menu(pilot, action: str) -> None:
    """F8, then the step whose action is `action`."""
    await modal(pilot, "f8", SittingMenu)
    index = LIFE_ACTIONS.index(action)
    await pilot.press(*["down"] * index, "enter")


async def test_convene_open_break_hand_over_and_close_through_the_console(tmp_path):
    (tmp_path / "porzadek.csv").write_text(AGENDA_CSV, encoding="cp1250")
    service = SittingService(EventStore(tmp_path / "sesja.db"), clock=frozen)
    service.execute(DefineCouncil(council=demo_council()), "setup")
    app = console(service)
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: isinstance(app.screen, ConveneForm), "the convening form")
        form = app.screen
        form.query_one("#number").value = "XLI"
        form.query_one("#hour").value = "16:00"
        form.query_one("#chair").value = "Kołodziej"
        form.query_one("#agenda_file").value = str(tmp_path / "porzadek.csv")
        await submit(pilot)
        sitting = service.state.sitting
        assert sitting.status is SittingStatus.PREPARED and sitting.chairing == "m07"
        assert [n for n, _d, _i in sitting.numbered_items()] == ["1", "6", "6a"]
        assert "ZWOŁANA na 16:00" in header(app) and "prowadzi: Kołodziej Anna" in header(app)
        for seat in range(1, 13):
            service.execute(CheckIn(member=f"m{seat:02d}"), "setup")
        await menu(pilot, "start_sitting")
        confirm = await until_screen(pilot, Confirm)
        assert "Kworum jest: obecnych 12, wymaganych 12 z 23 (art. 14 u.s.g.)" in str(
            confirm.query_one("#body").content)
        await submit(pilot)
        assert service.state.sitting.status is SittingStatus.OPEN
        assert events_of(service, "quorum_stated")[0].present == 12
        await pilot.press("f9")
        await until(pilot, lambda: isinstance(app.screen, Prompt), "the break's reason")
        await pilot.press(*"obiad")
        await submit(pilot)
        assert "PRZERWA od 10:00 (obiad)" in header(app)
        await pilot.press("f9")
        await settle(pilot)
        assert service.state.sitting.status is SittingStatus.OPEN and "PRZERWA" not in header(app)
        await menu(pilot, "hand_over")
        await until(pilot, lambda: isinstance(app.screen, MemberPicker), "the picker")
        await pilot.press(*"adamczyk")
        await submit(pilot)
        assert "prowadzi: Adamczyk Barbara" in header(app)
        await pilot.press("f10")
        closing = await until_screen(pilot, CloseSittingConfirm)
        assert "punkty nierozpatrzone: 1, 6, 6a" in str(closing.query_one("#body").content)
        await submit(pilot)
        assert service.state.sitting.status is SittingStatus.CLOSED
        await tab_log(pilot)
        lines = [describe_event(stored.event, app.chamber)
                 for stored in app.log_pane.query_one("#events").rows]
        assert any("Kworum jest: obecnych 12" in line for line in lines)
        assert any("prowadzenie obrad: Adamczyk Barbara" in line for line in lines)
        assert "otwarto sesję" in lines  # no "przewodniczący otworzył": nobody's gender guessed
    service.close()


async def until_screen(pilot, kind: type):
    await until(pilot, lambda: isinstance(pilot.app.screen, kind), kind.__name__)
    return pilot.app.screen


async def tab_log(pilot) -> None:
    await pilot.press("f6")
    await settle(pilot)


async def test_a_vote_opened_without_quorum_asks_first(tmp_path):
    service = demo_service(tmp_path / "sesja.db", present=11, current="i6")
    app = console(service)
    async with app.run_test(size=SIZE) as pilot:
        await started(pilot)
        await pilot.press("f5")
        await modal(pilot, "v", OpenVoteForm)
        await pilot.press("enter")
        warning = await until_screen(pilot, Confirm)
        assert "Brak kworum: obecnych 11, wymaganych 12 z 23" in str(
            warning.query_one("#body").content)
        await submit(pilot, "escape")
        assert service.state.sitting.open_vote is None  # not opened
        await modal(pilot, "v", OpenVoteForm)
        await pilot.press("enter")
        await until_screen(pilot, Confirm)
        await submit(pilot)  # the chair goes on: the vote opens (and will be invalid)
        assert service.state.sitting.open_vote == "v1"
    service.close()


async def test_the_close_dialog_follows_the_tally_and_a_stale_close_is_refused(tmp_path):
    service = demo_service(tmp_path / "sesja.db", present=12, current="i6")
    service.execute(OpenVote(subject="budżet"), "setup")
    for seat in range(1, 8):
        service.execute(RecordAnswer(member=f"m{seat:02d}", answer=Answer.YES), "setup")
    other = LocalBackend(service, "test:drugi")  # a second console on the same log
    shown = service.state.sitting.votes["v1"].revision
    app = console(service)
    async with app.run_test(size=SIZE) as pilot:
        await started(pilot)
        dialog = await modal(pilot, "c", CloseVoteConfirm)
        assert str(dialog.query_one("#body").content).startswith("Przyjęto: 7 za")
        for seat in (1, 2, 3, 4, 5, 6):  # the other console changes six answers
            await other.submit(RecordAnswer(member=f"m{seat:02d}", answer=Answer.NO))
        await until(pilot, lambda: str(dialog.query_one("#body").content).startswith(
            "Odrzucono: 1 za"), "the dialog following the tally")
        try:  # what the other console's stale dialog would send
            await other.submit(CloseVote(confirmed_revision=shown))
            raise AssertionError("a stale close was accepted")
        except Rejection as rejection:
            assert rejection.code == "stale_confirmation"
        await submit(pilot)
        closed = events_of(service, "vote_closed")[0]
        assert (closed.result.yes, closed.result.no) == (1, 6)  # what the dialog showed last
    service.close()


async def test_a_recusal_declared_from_the_menu_while_the_vote_is_open(tmp_path):
    service = demo_service(tmp_path / "sesja.db", present=12, current="i6")
    service.execute(OpenVote(subject="budżet"), "setup")
    service.execute(RecordAnswer(member="m01", answer=Answer.YES), "setup")
    app = console(service)
    async with app.run_test(size=SIZE) as pilot:
        await started(pilot)
        await menu(pilot, "recuse")
        picker = await until_screen(pilot, MemberPicker)
        offered = [o.id for o in picker.query_one("#matches").options]
        assert "m01" not in offered and "m02" in offered  # who answered cannot recuse
        await pilot.press(*"bąk")
        await submit(pilot)
        vote = service.state.sitting.votes["v1"]
        assert vote.recused_after_open == ("m02",) and "m02" in vote.recused
    service.close()


async def test_a_step_the_state_refuses_is_said_at_once_without_a_dialog(tmp_path):
    """Opening a sitting that is already in session, a break or an adjournment during a
    vote, closing with a vote open: the refusal comes before any dialog asks to confirm
    or for a reason, and nothing is sent."""
    service = demo_service(tmp_path / "sesja.db", present=12, current="i6")
    service.execute(OpenVote(subject="uchwała"), "setup")
    before = service.state.last_seq
    app = console(service)
    async with app.run_test(size=SIZE) as pilot:
        await started(pilot)
        for action, refusal in (("start_sitting", "obraduje"),
                                ("toggle_break", "głosowanie"),
                                ("adjourn", "głosowanie"),
                                ("close_sitting", "głosowanie")):
            app._notifications.clear()
            await menu(pilot, action)
            await settle(pilot)
            assert len(app.screen_stack) == 1, action  # no dialog opened
            told = [str(n.message) for n in app._notifications]
            assert any(refusal in message for message in told), (action, told)
    assert service.state.last_seq == before
    service.close()
