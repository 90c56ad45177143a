"""Every flow of the console, driven by keys with Pilot, checked on the state and the log."""

import asyncio
import time
from itertools import pairwise

from textual.widgets import OptionList

from models.commands import (
    CheckIn,
    CheckOut,
    CloseVote,
    DefineCouncil,
    OpenVote,
    QueueSpeaker,
    RecordAnswer,
    StartSpeech,
)
from models.terms import (
    Answer,
    AttendanceStatus,
    ItemKind,
    Outcome,
    SpeechKind,
    SpeechStatus,
    VoteKind,
    VoteMode,
)
from server.demo import demo_council
from server.service import SittingService
from server.store import EventStore
from session_console import app as app_module
from session_console.dialogs import Confirm, MemberPicker, Prompt
from session_console.forms import AddItemForm, OpenVoteForm, TotalsForm
from session_console.help import HelpScreen
from session_console.life_screens import ConveneForm
from session_console.named_list import NamedList
from session_console.widgets.header import ITEM, SPEAKER
from session_console.widgets.rows import PAGE_MARGIN
from tests.console.conftest import SIZE, console, demo_service, events_of, frozen


async def until(pilot, condition, what: str) -> None:
    """Waits (up to 20 s on a busy machine) until the app reaches a state."""
    for _ in range(400):
        if condition():
            return
        await pilot.pause(0.05)
    raise AssertionError(f"the console never got to: {what} (focus: {pilot.app.focused})")


async def modal(pilot, key: str, kind: type):
    """Presses a key that opens a dialog and waits for the dialog."""
    await pilot.press(key)
    await until(pilot, lambda: isinstance(pilot.app.screen, kind), kind.__name__)
    return pilot.app.screen


async def submit(pilot, key: str = "enter") -> None:
    """Presses a key that closes the dialog and waits until the main screen is back."""
    await pilot.press(key)
    await until(pilot, lambda: len(pilot.app.screen_stack) == 1, "the dialog closed")
    await settle(pilot)


async def started(pilot) -> None:
    """Waits until the console has focused its first tab (or opened a dialog)."""
    await until(pilot, lambda: pilot.app.focused is not None or len(pilot.app.screen_stack) > 1,
                "the first tab focused")
    await pilot.pause(0.1)  # lets the focus messages reach the tabs before the first key


async def tab(pilot, key: str) -> None:
    """Opens a tab by its key and waits until the tab has the focus."""
    await pilot.press(key)
    tab_id = {"f2": "agenda", "f3": "attendance", "f4": "speakers", "f5": "votes", "f6": "log"}[key]
    pane = pilot.app.panes[tab_id]
    await until(pilot, lambda: pilot.app.focused is not None
                and (pilot.app.focused is pane or pane in pilot.app.focused.ancestors),
                f"focus in {key}")
    await pilot.pause(0.1)


async def settle(pilot) -> None:
    await pilot.app.settled()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def type_text(pilot, text: str) -> None:
    await pilot.press(*("space" if c == " " else c for c in text))


def sitting(service):
    return service.state.sitting


# --- attendance ------------------------------------------------------------------------


async def test_typing_a_name_without_polish_letters_checks_the_member_in_and_out(service):
    async with console(service).run_test(size=SIZE) as pilot:
        await started(pilot)
        await type_text(pilot, "lukasz")  # Dąbrowski Łukasz, seat 4, already present
        await pilot.press("enter")
        await settle(pilot)
        assert not sitting(service).is_present("m04")
        await type_text(pilot, "zurawska")  # Żurawska Halina, seat 22
        await pilot.press("enter")
        await settle(pilot)
        assert sitting(service).is_present("m22")
        assert [e.member_id for e in events_of(service, "member_checked_out")] == ["m04"]
        assert events_of(service, "member_checked_in")[-1].member_id == "m22"


async def on_roster(pilot, seat: str) -> None:
    """Types a seat number into the search and moves to the roster, filtered to that seat."""
    await type_text(pilot, seat)
    await until(pilot, lambda: len(pilot.app.query_one("#roster").rows) == 1, "one match")
    await pilot.press("tab")
    await until(pilot, lambda: getattr(pilot.app.focused, "id", "") == "roster", "the roster")


async def test_a_seat_number_finds_the_member_and_keys_check_in_out_and_excuse(service):
    async with console(service).run_test(size=SIZE) as pilot:
        await started(pilot)
        await on_roster(pilot, "17")
        await pilot.press("plus")
        await settle(pilot)
        assert sitting(service).is_present("m17")
        await pilot.press("minus")
        await settle(pilot)
        await modal(pilot, "ctrl+u", Prompt)
        await type_text(pilot, "choroba")
        await submit(pilot)
        presence = sitting(service).attendance["m17"]
        assert presence.status is AttendanceStatus.EXCUSED and presence.excuse == "choroba"


async def test_typing_a_name_on_the_roster_searches_and_never_checks_anyone_in_or_out(service):
    async with console(service).run_test(size=SIZE) as pilot:
        await started(pilot)
        await on_roster(pilot, "17")
        before = service.state.last_seq
        await pilot.press("escape")  # a dialog closed, the focus stayed on the roster …
        await type_text(pilot, "kowalczyk")  # … and the next name is typed: o, i, e in it
        await settle(pilot)
        assert service.state.last_seq == before  # nobody checked in, out or excused
        assert pilot.app.focused.id == "find" and pilot.app.focused.value == "kowalczyk"


async def test_up_and_down_in_the_search_choose_among_the_matches(service):
    async with console(service).run_test(size=SIZE) as pilot:
        await started(pilot)
        await type_text(pilot, "ska")  # Chmielewska, Lewandowska, Majewska, …
        rows = pilot.app.query_one("#roster")
        await until(pilot, lambda: len(rows.rows) > 2, "several matches")
        second = rows.rows[1].id
        was_present = sitting(service).is_present(second)
        await pilot.press("down")
        assert pilot.app.focused.id == "find" and rows.current.id == second
        await pilot.press("enter")
        await settle(pilot)
        assert sitting(service).is_present(second) != was_present
        await type_text(pilot, "zzz")
        await pilot.press("escape")
        assert pilot.app.query_one("#find").value == ""


async def test_excusing_a_member_who_is_present_is_refused_before_the_reason_is_asked(service):
    app = console(service)
    async with app.run_test(size=SIZE) as pilot:
        await started(pilot)
        await on_roster(pilot, "1")  # present
        await pilot.press("ctrl+u")
        await pilot.pause()
        assert len(app.screen_stack) == 1  # no dialog asking for a reason
        assert any("najpierw odnotuj wyjście" in str(n.message) for n in app._notifications)


async def test_a_rejected_command_shows_the_polish_reason_and_writes_nothing(service):
    before = service.state.last_seq
    app = console(service)
    async with app.run_test(size=SIZE) as pilot:
        await started(pilot)
        await on_roster(pilot, "1")
        await pilot.press("plus")  # seat 1 is already present
        await settle(pilot)
        assert service.state.last_seq == before
        assert any("jest już obecny" in str(n.message) for n in app._notifications)


async def test_a_command_that_fails_to_be_written_is_told_and_the_roll_call_stays_put(service):
    service.execute(OpenVote(subject="budżet"), "setup")
    app = console(service)

    async def disk_full(command):
        raise OSError(28, "No space left on device")

    async with app.run_test(size=SIZE) as pilot:
        await started(pilot)
        rows = app.query_one("#rollcall")
        working, app.backend.submit = app.backend.submit, disk_full
        await pilot.press("1")
        await settle(pilot)
        assert any("Polecenie nie zostało zapisane" in str(n.message)
                   and "No space left" in str(n.message) for n in app._notifications)
        assert sitting(service).votes["v1"].answers == {} and rows.current.id == "m01"
        app.backend.submit = working  # the disk has room again: the same member answers
        await pilot.press("2")
        await settle(pilot)
        assert sitting(service).votes["v1"].answers == {"m01": Answer.NO}
        assert rows.current.id == "m02"


async def test_quitting_waits_for_a_command_on_its_way_but_not_forever(service, monkeypatch):
    monkeypatch.setattr(app_module, "QUIT_WAIT_S", 0.5)
    app = console(service)
    answered = []

    async def slow(command):  # a remote server that answers after 0.2 s
        await asyncio.sleep(0.2)
        answered.append(command)

    async def lost(command):  # one that never answers
        await asyncio.Event().wait()

    async def run() -> None:
        async with app.run_test(size=SIZE) as pilot:
            await started(pilot)
            app.backend.submit = slow
            app.send(CheckIn(member="m20"))
            await app.action_quit()
        assert answered == [CheckIn(member="m20")]  # the quit waited for the answer
        again = console(service)
        async with again.run_test(size=SIZE) as pilot:
            await started(pilot)
            again.backend.submit = lost
            again.send(CheckIn(member="m21"))
            await again.action_quit()

    started_at = time.monotonic()
    await asyncio.wait_for(run(), 20)
    assert time.monotonic() - started_at < 10  # the lost one held the quit for 0.5 s only


# --- agenda ----------------------------------------------------------------------------


async def test_enter_on_an_agenda_item_makes_it_current(service):
    async with console(service).run_test(size=SIZE) as pilot:
        await started(pilot)
        await tab(pilot, "f2")
        await pilot.press("down", "enter")  # from 5.1 to 5.2
        await settle(pilot)
        assert sitting(service).current_item == "i7"


async def test_adding_an_item_puts_the_change_to_the_vote_the_law_requires(service):
    app = console(service)
    async with app.run_test(size=SIZE) as pilot:
        await started(pilot)
        await tab(pilot, "f2")
        await pilot.press("end")
        form = await modal(pilot, "a", AddItemForm)
        assert form.query_one("#kind").value is ItemKind.RESOLUTION  # the usual addition
        await type_text(pilot, "w sprawie nadania nazwy ulicy")
        await pilot.press("tab", "tab")  # past the kind to the print number
        await type_text(pilot, "416")
        await submit(pilot)
        await until(pilot, lambda: pilot.app.query_one("#tabs").active == "votes", "votes tab")
        await pilot.pause()
        vote = sitting(service).votes[sitting(service).open_vote]
        assert vote.kind is VoteKind.AGENDA_CHANGE and vote.agenda_change.title == (
            "w sprawie nadania nazwy ulicy")
        for _ in range(12):
            await pilot.press("1")
        await settle(pilot)
        await modal(pilot, "c", Confirm)
        await submit(pilot)
        *_, (_n, _d, added) = sitting(service).numbered_items()
        assert added.item.title == "w sprawie nadania nazwy ulicy"
        assert added.item.kind is ItemKind.RESOLUTION and added.item.print_number == "416"
        await tab(pilot, "f2")
        await pilot.press("end", "enter")  # the new item is current: its vote is a resolution's
        await until(pilot, lambda: sitting(service).current_item == added.item.id, "current")
        await tab(pilot, "f5")
        form = await modal(pilot, "v", OpenVoteForm)
        assert form.query_one("#kind").value is VoteKind.RESOLUTION


async def test_enter_on_a_form_s_list_confirms_and_escape_closes_only_the_open_list(service):
    app = console(service)
    async with app.run_test(size=SIZE) as pilot:
        await started(pilot)
        await tab(pilot, "f5")
        form = await modal(pilot, "v", OpenVoteForm)
        form.query_one("#mode").focus()
        await pilot.press("down")  # opens the list of modes
        await until(pilot, lambda: form.query_one("#mode").expanded, "the list open")
        await pilot.press("escape")
        await until(pilot, lambda: not form.query_one("#mode").expanded, "the list closed")
        assert app.screen is form  # the form and what was typed in it are still there
        await submit(pilot)  # Enter on the drop-down confirms the form
        assert sitting(service).open_vote is not None


async def test_moving_and_withdrawing_items_open_agenda_change_votes(service):
    async with console(service).run_test(size=SIZE) as pilot:
        await started(pilot)
        await tab(pilot, "f2")
        await pilot.press("home", "down", "down")
        await modal(pilot, "m", Prompt)  # item 3 to place 1
        await type_text(pilot, "1")
        await submit(pilot)
        await until(pilot, lambda: pilot.app.query_one("#tabs").active == "votes", "votes tab")
        await pilot.pause()
        vote = sitting(service).votes["v1"]
        assert vote.agenda_change.op == "move" and vote.agenda_change.position == 0
        await modal(pilot, "x", Prompt)
        await type_text(pilot, "pomyłka")
        await submit(pilot)
        await tab(pilot, "f2")
        await modal(pilot, "w", Prompt)
        await type_text(pilot, "wniosek burmistrza")
        await submit(pilot)
        assert sitting(service).votes["v2"].agenda_change.op == "withdraw"
        assert sitting(service).votes["v1"].cancelled_reason == "pomyłka"


async def test_a_new_number_that_does_not_exist_is_refused_in_the_dialog(service):
    app = console(service)
    async with app.run_test(size=SIZE) as pilot:
        await started(pilot)
        await tab(pilot, "f2")
        await modal(pilot, "m", Prompt)
        await type_text(pilot, "9.9")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, Prompt)
        assert "5.2" in str(app.screen.query_one("#error").content)
        assert sitting(service).open_vote is None


# --- speakers --------------------------------------------------------------------------


async def test_speakers_members_guests_points_of_order_first_start_pause_stop(service):
    app = console(service)
    async with app.run_test(size=SIZE) as pilot:
        await started(pilot)
        await tab(pilot, "f4")
        await modal(pilot, "a", MemberPicker)
        await type_text(pilot, "nowak")
        await submit(pilot)
        await modal(pilot, "g", Prompt)
        await type_text(pilot, "Anna Wiśniewska, skarbnik miasta")
        await submit(pilot)
        await modal(pilot, "f", MemberPicker)
        await type_text(pilot, "sikora")
        await submit(pilot)
        waiting = sitting(service).waiting("i6")
        assert [e.kind for e in waiting] == [SpeechKind.POINT_OF_ORDER, SpeechKind.NORMAL,
                                             SpeechKind.NORMAL]
        assert waiting[0].member_id == "m17" and waiting[2].guest.role == "skarbnik miasta"
        await pilot.press("end", "s")  # the point of order speaks first, wherever the cursor is
        await settle(pilot)
        assert sitting(service).speakers[sitting(service).speaking].member_id == "m17"
        await pilot.press("space")
        await settle(pilot)
        assert sitting(service).speakers["e3"].status is SpeechStatus.PAUSED
        await pilot.press("space")
        await settle(pilot)
        await pilot.press("x")
        await settle(pilot)
        assert sitting(service).speaking is None
        assert "m17" in sitting(service).speaking_totals
        await pilot.press("home", "down", "enter")  # Enter: the floor to the chosen, the guest
        await settle(pilot)
        assert sitting(service).speakers[sitting(service).speaking].guest is not None


async def test_speakers_reorder_and_remove(service):
    for member in ("m01", "m02", "m03"):
        service.execute(QueueSpeaker(member=member), "setup")
    async with console(service).run_test(size=SIZE) as pilot:
        await started(pilot)
        await tab(pilot, "f4")
        await pilot.press("down", "down", "minus")  # the third moves up
        await settle(pilot)
        assert [e.member_id for e in sitting(service).waiting("i6")] == ["m01", "m03", "m02"]
        await pilot.press("home", "delete")
        await settle(pilot)
        assert [e.member_id for e in sitting(service).waiting("i6")] == ["m03", "m02"]


# --- votes -----------------------------------------------------------------------------


async def test_roll_call_walks_present_members_skips_absent_and_recused_and_undoes(tmp_path):
    service = demo_service(tmp_path / "s.db", present=13, current="i6")
    app = console(service)
    async with app.run_test(size=SIZE) as pilot:
        await started(pilot)
        await tab(pilot, "f5")
        form = await modal(pilot, "v", OpenVoteForm)
        assert form.query_one("#subject").value == "w sprawie zmian w budżecie miasta na 2026 rok"
        form.query_one("#recused").value = "3"  # Chmielewska Żaneta, seat 3
        form.query_one("#subject").focus()
        await submit(pilot)
        await pilot.pause()
        vote = sitting(service).votes["v1"]
        assert vote.recused == frozenset({"m03"}) and vote.mode is VoteMode.ROLL_CALL
        # seats 1..13 present, seat 3 recused: twelve answers walk seats 1, 2, 4 … 13
        await pilot.press("1", "1", "2", "3", "0")
        await settle(pilot)
        answers = sitting(service).votes["v1"].answers
        assert answers == {"m01": Answer.YES, "m02": Answer.YES, "m04": Answer.NO,
                           "m05": Answer.ABSTAIN}
        await pilot.press("backspace")  # undo m05's abstention
        await settle(pilot)
        assert "m05" not in sitting(service).votes["v1"].answers
        assert app.query_one("#rollcall").current.id == "m05"
        for _ in range(9):
            await pilot.press("1")
        await settle(pilot)
        assert len(sitting(service).votes["v1"].answers) == 12
        assert "m14" not in sitting(service).votes["v1"].answers
        assert "potrzeba za" in app.query_one("#vote-tally").line(0)


async def test_a_roll_call_row_shows_the_answer_of_a_member_who_answered_and_left(tmp_path):
    service = demo_service(tmp_path / "s.db", present=12, current="i6")
    service.execute(OpenVote(subject="budżet", mode=VoteMode.ROLL_CALL, recused=["m03"]), "setup")
    service.execute(RecordAnswer(member="m01", answer=Answer.NO), "setup")
    service.execute(CheckOut(member="m01"), "setup")  # the answer stands: it is counted
    app = console(service)
    async with app.run_test(size=SIZE) as pilot:
        await started(pilot)
        await tab(pilot, "f5")
        rows = app.query_one("#rollcall")
        shown = {row.id: "".join(s.text for s in rows.cells(row, 120)).split()[-1]
                 for row in rows.rows}
        assert (shown["m01"], shown["m02"], shown["m03"], shown["m13"]) \
            == ("przeciw", "·", "wyłączony(-a)", "nieobecny(-a)")


async def test_a_roll_call_longer_than_the_view_keeps_the_cursor_on_screen_and_turns_pages(
        tmp_path):
    service = demo_service(tmp_path / "s.db", present=22, current="i6")
    service.execute(OpenVote(subject="budżet", kind=VoteKind.RESOLUTION), "setup")
    app = console(service)
    async with app.run_test(size=(120, 24)) as pilot:  # the roster shows 8 rows
        await started(pilot)
        await tab(pilot, "f5")
        rows = app.query_one("#rollcall")
        height = rows.scrollable_content_region.height
        assert height < 22
        tops = []
        for answered in range(1, 22):
            await pilot.press("1")
            await settle(pilot)
            top = int(rows.scroll_y)
            assert top <= rows.cursor < top + height, f"cursor off screen after {answered} keys"
            # the page turned before the cursor reached the last rows (unless at the end)
            assert rows.cursor < top + height - PAGE_MARGIN or top == 22 - height, tops
            assert rows.cursor == answered
            tops.append(top)
        turns = sorted(set(tops))
        assert len(turns) >= 3, tops  # the view followed the walk down …
        assert turns[-1] == 22 - height, tops  # … to the end of the roster …
        assert all(b - a >= height // 2 for a, b in pairwise(turns[:-1])), tops  # … by pages
        assert len(sitting(service).votes["v1"].answers) == 21


async def test_a_key_past_the_last_member_changes_nobody_until_the_cursor_is_moved(service):
    service.execute(OpenVote(subject="budżet"), "setup")
    app = console(service)
    async with app.run_test(size=SIZE) as pilot:
        await started(pilot)
        await pilot.press(*"111111111112")  # seats 1-12 are present; typed fast
        await settle(pilot)
        answers = lambda: sitting(service).votes["v1"].answers  # noqa: E731
        assert len(answers()) == 12 and answers()["m12"] is Answer.NO
        await pilot.press("1", "3")  # one key too many, then another
        await settle(pilot)
        assert answers()["m12"] is Answer.NO and answers()["m11"] is Answer.YES
        assert any("strzałkami" in str(n.message) for n in app._notifications)
        await pilot.press("up", "3")  # the secretary chooses seat 11 and changes its answer
        await settle(pilot)
        assert answers()["m11"] is Answer.ABSTAIN and answers()["m12"] is Answer.NO
        await pilot.press("backspace", "2")  # undo, then the undone member answers again
        await settle(pilot)
        assert answers()["m11"] is Answer.NO


async def test_closing_a_secret_vote_without_totals_is_refused_before_the_confirmation(service):
    service.execute(OpenVote(subject="budżet", mode=VoteMode.SECRET), "setup")
    app = console(service)
    async with app.run_test(size=SIZE) as pilot:
        await started(pilot)
        await pilot.press("c")
        await pilot.pause()
        assert len(app.screen_stack) == 1  # no confirmation of a result made of nothing
        assert any("Najpierw wpisz wyniki" in str(n.message) for n in app._notifications)
        assert sitting(service).votes["v1"].result is None


async def test_closing_asks_for_confirmation_and_shows_the_outcome_with_its_reason(service):
    service.execute(OpenVote(subject="budżet", kind=VoteKind.RESOLUTION), "setup")
    for seat in range(1, 8):
        service.execute(RecordAnswer(member=f"m{seat:02d}", answer=Answer.YES), "setup")
    app = console(service)
    async with app.run_test(size=SIZE) as pilot:
        await started(pilot)
        confirm = await modal(pilot, "c", Confirm)
        body = str(confirm.query_one("#body").content)
        assert body.startswith("Przyjęto: 7 za") and body.count("Przyjęto") == 1
        await submit(pilot, "escape")
        assert sitting(service).open_vote == "v1"
        await modal(pilot, "c", Confirm)
        await submit(pilot)
        closed = events_of(service, "vote_closed")[0]
        assert closed.result.outcome is Outcome.ADOPTED and closed.result.yes == 7
        assert events_of(service, "resolution_registered")[0].number == "XL/312/2026"
        assert any(n.title == "Głosowanie zamknięte: PRZYJĘTO" and str(n.message).startswith(
            "Przyjęto: 7 za") for n in app._notifications)


async def test_re_vote_of_a_closed_vote_is_linked_to_it(service):
    service.execute(OpenVote(subject="budżet"), "setup")
    service.execute(RecordAnswer(member="m01", answer=Answer.NO), "setup")
    service.execute(CloseVote(), "setup")
    app = console(service)
    async with app.run_test(size=SIZE) as pilot:
        await started(pilot)
        await tab(pilot, "f5")
        await modal(pilot, "r", OpenVoteForm)
        await pilot.press("enter")  # the form; then the re-vote's reason and motion
        await until(pilot, lambda: isinstance(app.screen, Prompt), "the reason")
        await type_text(pilot, "pomyłka")
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.screen, MemberPicker), "the motion")
        await submit(pilot, "escape")  # on the chair's own motion
        assert sitting(service).votes["v2"].revote_of == "v1"
        assert sitting(service).votes["v2"].subject == "Reasumpcja: budżet"
        assert sitting(service).votes["v2"].revote_reason == "pomyłka"
        assert sitting(service).votes["v2"].revote_motion is None


async def test_enter_on_a_closed_vote_shows_how_each_member_voted(service):
    service.execute(OpenVote(subject="budżet"), "setup")
    service.execute(RecordAnswer(member="m01", answer=Answer.NO), "setup")
    service.execute(RecordAnswer(member="m02", answer=Answer.YES), "setup")
    service.execute(CloseVote(), "setup")
    app = console(service)
    async with app.run_test(size=SIZE) as pilot:
        await started(pilot)
        await tab(pilot, "f5")
        named = await modal(pilot, "enter", NamedList)
        lines = [str(o.prompt) for o in named.query_one(OptionList).options]
        assert len(lines) == 23 - 1  # every member of the roster (seat 23 is vacant)
        assert "Adamczyk Barbara" in lines[0] and lines[0].endswith("przeciw")
        assert lines[1].endswith(" za") and "nieobecn" in lines[-1]
        await pilot.press("escape")
        await until(pilot, lambda: len(app.screen_stack) == 1, "the list closed")


async def test_secret_vote_takes_totals_only(service):
    service.execute(OpenVote(subject="wybór", mode=VoteMode.SECRET), "setup")
    app = console(service)
    async with app.run_test(size=SIZE) as pilot:
        await started(pilot)
        await pilot.press("1")  # no named answers in a secret vote
        form = await modal(pilot, "t", TotalsForm)
        form.query_one("#yes").value = "9"
        form.query_one("#no").value = "2"
        await submit(pilot)
        vote = sitting(service).votes["v1"]
        assert vote.totals.yes == 9 and vote.totals.no == 2 and not vote.answers
        await modal(pilot, "c", Confirm)
        await submit(pilot)
        assert events_of(service, "vote_closed")[0].result.named == ()


async def test_too_many_totals_are_refused_with_the_reason(service):
    service.execute(OpenVote(subject="wybór", mode=VoteMode.SECRET), "setup")
    app = console(service)
    async with app.run_test(size=SIZE) as pilot:
        await started(pilot)
        form = await modal(pilot, "t", TotalsForm)
        form.query_one("#yes").value = "30"
        await pilot.press("enter")
        await settle(pilot)
        assert sitting(service).votes["v1"].totals is None
        # the reason is said in the dialog, which keeps what was typed to be corrected
        assert app.screen is form and form.query_one("#yes").value == "30"
        assert "uprawnionych obecnych" in str(form.query_one("#error").content)
        form.query_one("#yes").value = "10"
        await submit(pilot)
        assert sitting(service).votes["v1"].totals.yes == 10


async def test_totals_take_invalid_ballots_and_the_ballots_issued(service):
    service.execute(OpenVote(subject="wybór", mode=VoteMode.SECRET), "setup")
    app = console(service)
    async with app.run_test(size=SIZE) as pilot:
        await started(pilot)
        form = await modal(pilot, "t", TotalsForm)
        for field, value in (("yes", "7"), ("no", "2"), ("invalid", "1"), ("ballots_issued", "12")):
            form.query_one(f"#{field}").value = value
        await submit(pilot)
        vote = sitting(service).votes["v1"]
        assert (vote.totals.yes, vote.invalid_ballots, vote.ballots_issued) == (7, 1, 12)


async def test_totals_of_0_0_0_are_asked_about_before_they_are_recorded(service):
    service.execute(OpenVote(subject="wybór", mode=VoteMode.SECRET), "setup")
    app = console(service)
    async with app.run_test(size=SIZE) as pilot:
        await started(pilot)
        form = await modal(pilot, "t", TotalsForm)
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen is form and sitting(service).votes["v1"].totals is None
        assert "Wszystkie sumy to 0" in str(form.query_one("#error").content)
        await submit(pilot)  # Enter again: nobody voted, as the committee counted
        totals = sitting(service).votes["v1"].totals
        assert (totals.yes, totals.no, totals.abstain) == (0, 0, 0)


# --- restart, palette, help, a new sitting ---------------------------------------------


async def test_on_restart_the_console_returns_to_the_open_vote_at_the_first_unanswered(tmp_path):
    path = tmp_path / "s.db"
    service = demo_service(path, present=12, current="i6")
    service.execute(QueueSpeaker(member="m05"), "setup")
    service.execute(StartSpeech(), "setup")
    service.execute(OpenVote(subject="budżet"), "setup")
    for seat in (1, 2, 3):
        service.execute(RecordAnswer(member=f"m{seat:02d}", answer=Answer.YES), "setup")
    service.close()
    reopened = SittingService(EventStore(path), clock=frozen)
    app = console(reopened)
    async with app.run_test(size=SIZE) as pilot:
        await started(pilot)
        assert app.query_one("#tabs").active == "votes"
        assert app.query_one("#rollcall").current.id == "m04"
        header = app.header.line(SPEAKER) + app.header.line(ITEM)
        assert "Jóźwiak Małgorzata" in header and "5.1" in header
    reopened.close()


async def test_a_click_on_a_tab_title_opens_the_tab_and_its_pane_takes_the_keys(service):
    app = console(service)
    async with app.run_test(size=SIZE) as pilot:
        await started(pilot)
        bar = app.query_one("#tabs")
        start, end = next((a, b) for tab_id, a, b in bar.spans() if tab_id == "speakers")
        await pilot.click("#tabs", offset=(end - 2, 0))  # the title's last letter
        await until(pilot, lambda: bar.active == "speakers", "the speakers tab")
        assert app.query_one("#panes").current == "speakers"
        assert app.focused is not None and app.panes["speakers"] in app.focused.ancestors_with_self
        await pilot.click("#tabs", offset=(start - 1, 0))  # the space after the title before
        await until(pilot, lambda: bar.active == "attendance", "the attendance tab")
        await pilot.click("#tabs", offset=(110, 0))  # past the last title: nothing
        await pilot.pause()
        assert bar.active == "attendance" and app.query_one("#panes").current == "attendance"


async def test_the_palette_offers_every_action_of_every_tab(service):
    app = console(service)
    async with app.run_test(size=SIZE) as pilot:
        await started(pilot)
        titles = [c.title for c in app.get_system_commands(app.screen)]
        for pane in ("Porządek obrad", "Obecność", "Mówcy", "Głosowania"):
            assert any(t.startswith(f"{pane}: ") for t in titles)
        await pilot.press("ctrl+p")
        await until(pilot, lambda: len(app.screen_stack) == 2, "the palette")
        await type_text(pilot, "Otwórz głosowanie")
        await pilot.pause(0.5)
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.screen, OpenVoteForm), "the vote form")


async def test_f1_lists_the_keys_with_what_they_do(service):
    app = console(service)
    async with app.run_test(size=SIZE) as pilot:
        await started(pilot)
        help_screen = await modal(pilot, "f1", HelpScreen)
        text = str(help_screen.query_one("Static").content)
        assert "Wstrzymuje się" in text and "Cofnij" in text and "Wniosek formalny" in text


async def test_a_log_without_a_sitting_offers_to_convene_one(tmp_path):
    """The walk-through's new sitting had an empty agenda: the first form now convenes one,
    with its agenda from a file or an earlier sitting (tests/console/test_sitting_life.py)."""
    fresh = SittingService(EventStore(tmp_path / "new.db"), clock=frozen)
    fresh.execute(DefineCouncil(council=demo_council()), "setup")
    app = console(fresh)
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: isinstance(app.screen, ConveneForm), "the convening form")
        await type_text(pilot, "XLI")
        await submit(pilot)
        assert fresh.state.sitting.number == "XLI"
    fresh.close()


async def test_the_log_shows_every_event_and_the_register(service):
    app = console(service)
    async with app.run_test(size=SIZE) as pilot:
        await started(pilot)
        await tab(pilot, "f6")
        await settle(pilot)
        rows = app.query_one("#events")
        assert len(rows.rows) == service.state.last_seq
        assert "Rejestr uchwał" in str(app.query_one("#register").content)
