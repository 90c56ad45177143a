"""`sesja console --publish-dir`: the console in a real terminal (tmux) publishes the sitting."""

import json
import time

import pytest

from tests.publish.sittings import rich, write_log

pytestmark = pytest.mark.tmux


def test_the_console_publishes_the_sitting_and_stops_cleanly(terminal, tmp_path):
    db = write_log(tmp_path / "rada.db", rich(close=False))
    www = tmp_path / "www"
    status = tmp_path / "status"
    terminal.start("console", "--db", str(db), "--publish-dir", str(www), status_file=status)
    terminal.wait_for("sesja XL")
    manifest = www / "sesja-XL-2026-11-22" / "manifest.json"
    deadline = time.monotonic() + 30
    while not manifest.is_file():
        assert time.monotonic() < deadline, "the console did not publish the sitting"
        time.sleep(0.1)
    terminal.keys("C-q")
    assert terminal.exit_status(status) == 0
    data = json.loads(manifest.read_text(encoding="utf-8"))
    assert data["votes"] == 3 and data["complete"] is False
