"""The real `sesja console` on a log file in a real terminal (tmux): its first frame comes
from the log read with sqlite3, its writer opens after (server/deferred_service.py). Keys
typed at once still land in the log; a log it cannot write is shown, then the console ends
saying why, in Polish, with nothing written."""

import pytest

from server.service import SittingService
from server.store import EventStore
from tests.console.test_terminal import events
from tests.core.test_store_service import immutable, opened_service

pytestmark = pytest.mark.tmux


@pytest.fixture
def db(tmp_path):
    path = tmp_path / "sesja.db"
    opened_service(path).close()
    return path


def test_keys_typed_as_the_first_frame_shows_land_in_the_log(terminal, tmp_path, db):
    status = tmp_path / "status"
    terminal.start("console", "--db", str(db), status_file=status)
    terminal.wait_for("Rada Miasta Nadwarcie", "obecni 0/23")
    terminal.send("-l", "1")  # no pause: the writer may still be opening
    terminal.send("Enter")
    terminal.wait_for("obecni 1/23")
    terminal.keys("C-q")
    assert terminal.exit_status(status) == 0
    assert [e.member_id for e in events(db) if e.type == "member_checked_in"] == ["m01"]
    SittingService(EventStore(db)).close()  # the log opens whole, its lock let go


def test_a_log_it_cannot_write_is_shown_then_the_console_ends_saying_why(terminal, tmp_path,
                                                                         db):
    status = tmp_path / "status"
    before = len(events(db))
    with immutable(db):
        terminal.start("console", "--db", str(db), status_file=status)
        assert terminal.exit_status(status) == 1
        screen = terminal.wait_for("nie można zapisywać w dzienniku zdarzeń")
        assert "attempt to write a readonly database" in screen.replace("\n", "")  # wrapped
    assert len(events(db)) == before
