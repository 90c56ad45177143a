"""The council's own words (a vote's subject, a guest's name) are shown as typed, never
read as Textual markup: "[/]" once crashed the console and "[b]" vanished."""

from textual.widgets import OptionList

from models.commands import OpenVote, QueueSpeaker, StartSpeech
from session_console.widgets.header import SPEAKER
from tests.console.conftest import SIZE, console

SUBJECT = "Wniosek [/] o [b]zmianę[/b] budżetu"
GUEST = "Jan [i]Kowalski[/i] [/]"


async def test_subjects_and_names_with_brackets_are_shown_as_typed(service):
    service.execute(QueueSpeaker(guest={"name": GUEST}), "setup")
    service.execute(StartSpeech(), "setup")
    service.execute(OpenVote(subject=SUBJECT), "setup")
    app = console(service)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert SUBJECT in str(app.query_one("#vote-title").render())
        assert GUEST in app.header.line(SPEAKER)
        app.action_tab("speakers")  # the queue draws the guest's name (it raised MarkupError)
        await pilot.pause()
        queue = app.query_one("#queue", OptionList)
        assert GUEST in str(queue.get_option_at_index(0).prompt)
        assert GUEST in "".join(strip.text for strip in queue.render_lines(queue.region.reset_offset))


async def test_a_search_with_brackets_that_matches_nobody_is_said_as_typed(service):
    app = console(service)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        app.action_tab("attendance")
        await pilot.pause()
        await pilot.press("[", "/", "]", "enter")  # the toast raised MarkupError
        await pilot.pause(0.3)
        toasts = [str(toast.render()) for toast in app.screen.query("Toast")]
        assert any("„[/]”" in text for text in toasts), toasts


async def test_a_typed_export_folder_with_brackets_is_shown_as_typed(service, tmp_path):
    app = console(service)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await app.run_action("export")
        await pilot.pause()
        app.screen.query_one("#folder").value = str(tmp_path / "[/]eksport")
        await pilot.pause()  # the hint repainted (it raised MarkupError)
        assert "[/]eksport" in str(app.screen.query_one("#target").render())
