"""The console never dies: the five ways it died in a walk through a sitting, each its own
test, and the guard that turns any other failure into a Polish notification."""

from textual import events
from textual.widgets import Input, Label

from models.agenda import WithdrawItem
from models.commands import CloseVote, ProposeAgendaChange, RecordAnswer
from models.terms import Answer, VoteKind
from session_console.dialogs import MemberPicker, Prompt
from session_console.forms import OpenVoteForm
from session_console.palette import Palette
from tests.console.conftest import SIZE, console, events_of
from tests.console.random_keys import send_burst
from tests.console.test_flows import modal, settle, started, tab, until


def alive(pilot) -> bool:
    return (pilot.app.is_running and pilot.app._exception is None
            and not getattr(pilot.app, "failures", []))


async def test_re_vote_of_an_agenda_change_vote_opens_with_its_kind_not_an_invalid_select_value(
        service):
    """`r` on an agenda change's vote: the form's kind list had no "agenda change", and
    Textual's Select raised InvalidSelectValueError, ending the console."""
    service.execute(ProposeAgendaChange(change=WithdrawItem(item_id="i3", reason="")), "setup")
    for seat in range(1, 13):
        service.execute(RecordAnswer(member=f"m{seat:02d}", answer=Answer.YES), "setup")
    service.execute(CloseVote(), "setup")
    async with console(service).run_test(size=SIZE) as pilot:
        await started(pilot)
        await tab(pilot, "f5")
        form = await modal(pilot, "r", OpenVoteForm)
        assert form.chosen("kind", VoteKind) is VoteKind.AGENDA_CHANGE
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(pilot.app.screen, Prompt), "the reason")
        await pilot.press("b", "l", "a", "d", "enter")
        await until(pilot, lambda: isinstance(pilot.app.screen, MemberPicker), "the motion")
        await pilot.press("escape")  # the chair's own motion
        await settle(pilot)
        assert len(pilot.app.screen_stack) == 1
        revote = service.state.sitting.votes["v2"]
        assert revote.revote_of == "v1" and revote.kind is VoteKind.AGENDA_CHANGE
        assert alive(pilot)


async def test_a_guest_name_over_120_characters_stops_at_the_limit_and_says_so(service):
    async with console(service).run_test(size=SIZE) as pilot:
        await started(pilot)
        await tab(pilot, "f4")
        prompt = await modal(pilot, "g", Prompt)
        send_burst(pilot.app, ["x"] * 130 + ["enter"])
        await until(pilot, lambda: "120" in str(prompt.query_one("#error", Label).content),
                    "the limit said")
        await settle(pilot)
        assert pilot.app.screen is prompt  # the name too long: the dialog stays
        assert str(prompt.query_one("#error", Label).content) == (
            "Imię i nazwisko: najwyżej 120 znaków.")
        assert not events_of(service, "speaker_queued")
        assert alive(pilot)


async def test_an_excuse_over_500_characters_keeps_500_and_is_recorded(service):
    async with console(service).run_test(size=SIZE) as pilot:
        await started(pilot)
        pilot.app.query_one("#roster").focus()
        await pilot.pause()
        await pilot.press("end")  # seat 23, absent
        prompt = await modal(pilot, "ctrl+u", Prompt)
        prompt.query_one(Input).post_message(events.Paste("y" * 520))
        await until(pilot, lambda: len(prompt.query_one(Input).value) == 500, "500 kept")
        assert "500" in str(prompt.query_one("#error", Label).content)
        await pilot.press("enter")
        await settle(pilot)
        excused = events_of(service, "member_excused")
        assert len(excused) == 1 and excused[0].reason == "y" * 500
        assert alive(pilot)


async def test_a_second_enter_queued_in_a_form_does_not_pop_the_main_screen(service):
    """ScreenStackError: both Enters reached the form before it was gone; the second
    dismissed it again and popped the main screen."""
    async with console(service).run_test(size=SIZE) as pilot:
        await started(pilot)
        await tab(pilot, "f5")
        await modal(pilot, "v", OpenVoteForm)
        send_burst(pilot.app, ["enter", "enter", "enter"])
        await settle(pilot)
        await pilot.pause(0.2)
        assert len(pilot.app.screen_stack) == 1
        assert len(events_of(service, "vote_opened")) == 1
        assert alive(pilot)


async def test_an_answer_from_a_dialog_the_palette_covers_is_left_out_not_set_twice(service):
    """InvalidStateError: the form's Enter, queued before Ctrl+P, was handled with the
    palette on top; dismiss called the form's callback and popped the palette instead of
    the form, and the form's next answer set its result a second time."""
    async with console(service).run_test(size=SIZE) as pilot:
        await started(pilot)
        await tab(pilot, "f5")
        form = await modal(pilot, "v", OpenVoteForm)
        await modal(pilot, "ctrl+p", Palette)
        form.action_confirm()  # the Enter that was on its way when Ctrl+P came
        await pilot.pause(0.2)
        assert isinstance(pilot.app.screen, Palette)  # the palette stays, the form too
        await pilot.press("escape")
        await until(pilot, lambda: pilot.app.screen is form, "the form again")
        await pilot.press("escape")
        await settle(pilot)
        assert len(pilot.app.screen_stack) == 1
        assert not events_of(service, "vote_opened")  # the covered answer was left out
        assert alive(pilot)


async def test_a_failing_action_is_told_in_polish_and_the_console_goes_on(service, monkeypatch):
    from session_console.panes.speakers import SpeakersPane

    def broken(self) -> None:
        raise RuntimeError("zepsute")

    monkeypatch.setattr(SpeakersPane, "action_stop", broken)
    async with console(service).run_test(size=SIZE) as pilot:
        await started(pilot)
        await tab(pilot, "f4")
        await pilot.press("x")
        await settle(pilot)
        assert pilot.app.is_running and pilot.app._exception is None
        assert pilot.app.failures == ["action stop: RuntimeError: zepsute"]
        assert any("zepsute" in n.message and "Konsola działa dalej" in n.message
                   for n in pilot.app._notifications)
        await tab(pilot, "f3")  # and it still answers keys
        await pilot.press("space")
        await settle(pilot)
        assert events_of(service, "member_checked_out")


async def test_a_failing_dialog_answer_is_told_and_the_console_goes_on(service, monkeypatch):
    from session_console.panes import speakers

    def broken(text: str) -> None:
        raise RuntimeError("zepsute w odpowiedzi")

    monkeypatch.setattr(speakers, "parse_guest", broken)
    async with console(service).run_test(size=SIZE) as pilot:
        await started(pilot)
        await tab(pilot, "f4")
        await modal(pilot, "g", Prompt)
        await pilot.press("a", "n", "n", "a", "enter")
        await settle(pilot)
        assert pilot.app.is_running and pilot.app._exception is None
        assert len(pilot.app.screen_stack) == 1
        assert [f for f in pilot.app.failures if "zepsute w odpowiedzi" in f]


async def test_a_failure_in_the_one_second_clock_is_told_and_the_console_keeps_running(
        service, monkeypatch):
    """The clock (the header's time, connected devices) runs outside every handler: what it
    raises is caught like an action's failure instead of ending the console."""
    async with console(service).run_test(size=SIZE) as pilot:
        await started(pilot)

        def broken(chamber):
            raise RuntimeError("zegar zepsuty")

        monkeypatch.setattr(pilot.app.header, "tick", broken)
        await until(pilot, lambda: pilot.app.failures, "the clock failing")
        assert pilot.app.is_running and pilot.app._exception is None
        assert pilot.app.failures[0] == "clock: RuntimeError: zegar zepsuty"
