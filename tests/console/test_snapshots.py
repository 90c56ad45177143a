"""SVG snapshots of the console's main screens: the demo council, a frozen clock, keys.

Update them after a deliberate change with `pytest tests/console/test_snapshots.py
--snapshot-update`, and look at the SVGs in tests/console/__snapshots__/ before committing.
"""

from pathlib import Path

import pytest
from textual.widgets import Input

from models.commands import CloseVote, OpenVote, QueueSpeaker, RecordAnswer, StartSpeech
from models.terms import Answer, SpeechKind
from session_console.app import ConsoleApp
from session_console.local_backend import LocalBackend
from tests.console.conftest import SIZE, demo_service, frozen
from tests.console.test_flows import started, until

EXPORT_DIR = Path("/srv/bip")  # shown on the Export screen: the same on every machine


@pytest.fixture
def service(tmp_path):
    service = demo_service(tmp_path / "sesja.db", present=12, current="i6")
    yield service
    service.close()


@pytest.fixture
def app(service):
    """The console, made when its test has set the sitting up (it opens on the open vote)."""
    return lambda: ConsoleApp(LocalBackend(service, "test:sekretarz"),
                              now=frozen, export_dir=EXPORT_DIR)


def pressing(*keys: str):
    """A run_before that presses KEYS, then stops every text cursor's blinking (shown, not
    hidden): a blink timer that fires before the picture is taken, as on a loaded machine,
    would otherwise hide the cursor and fail the comparison by chance."""
    async def run_before(pilot) -> None:
        await started(pilot)
        await pilot.press(*keys)
        for field in pilot.app.screen.query(Input):
            field.cursor_blink = False
        await pilot.pause()
    return run_before


def test_attendance(service, app, snap_compare):
    assert snap_compare(app(), run_before=pressing(), terminal_size=SIZE)


def test_agenda(service, app, snap_compare):
    assert snap_compare(app(), run_before=pressing("f2", "down"), terminal_size=SIZE)


def test_speakers_with_a_speech_running(service, app, snap_compare):
    service.execute(QueueSpeaker(member="m05"), "setup")
    service.execute(QueueSpeaker(member="m17", kind=SpeechKind.POINT_OF_ORDER), "setup")
    service.execute(QueueSpeaker(member="m09"), "setup")
    service.execute(StartSpeech(), "setup")
    assert snap_compare(app(), run_before=pressing("f4"), terminal_size=SIZE)


def test_votes_during_a_roll_call_with_some_answers(service, app, snap_compare):
    service.execute(OpenVote(subject="w sprawie zmian w budżecie miasta na 2026 rok"), "setup")
    for seat, answer in ((1, Answer.YES), (2, Answer.YES), (3, Answer.NO), (4, Answer.ABSTAIN)):
        service.execute(RecordAnswer(member=f"m{seat:02d}", answer=answer), "setup")
    assert snap_compare(app(), run_before=pressing("1"), terminal_size=SIZE)


async def log_loaded(pilot) -> None:
    await started(pilot)
    await pilot.press("f6")
    rows = pilot.app.query_one("#events")
    await until(pilot, lambda: pilot.app.log_pane.loaded
                and len(rows.rows) == pilot.app.chamber.last_seq, "the whole log")


def test_log_with_a_closed_vote_and_the_register(service, app, snap_compare):
    service.execute(OpenVote(subject="w sprawie zmian w budżecie miasta na 2026 rok"), "setup")
    for seat in range(1, 8):
        service.execute(RecordAnswer(member=f"m{seat:02d}", answer=Answer.YES), "setup")
    service.execute(CloseVote(), "setup")
    assert snap_compare(app(), run_before=log_loaded, terminal_size=SIZE)


def test_help(service, app, snap_compare):
    assert snap_compare(app(), run_before=pressing("f1"), terminal_size=SIZE)


def test_command_palette(service, app, snap_compare):
    assert snap_compare(app(), run_before=pressing("ctrl+p", *"głos"), terminal_size=SIZE)


def test_export(service, app, snap_compare):
    assert snap_compare(app(), run_before=pressing("f7"), terminal_size=SIZE)


def test_open_vote_form(service, app, snap_compare):
    assert snap_compare(app(), run_before=pressing("f5", "v"), terminal_size=SIZE)


def test_council_settings_form(service, app, snap_compare):
    assert snap_compare(app(), run_before=pressing("ctrl+g"), terminal_size=SIZE)
