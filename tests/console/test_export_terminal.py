"""F7 in the real `sesja demo` under tmux: a folder typed right after F7 lands in the Export
screen's folder field (not in the attendance search), and the package is written there."""

import json

import pytest

from server.publish.manifest import check
from tests.terminal import Terminal

pytestmark = pytest.mark.tmux


def test_a_folder_typed_right_after_f7_gets_the_package(terminal: Terminal, tmp_path):
    terminal.start("demo", "--db", str(tmp_path / "demo.db"))
    terminal.wait_for("Rada Miasta Nadwarcie")
    out = tmp_path / "bip"
    terminal.keys("F7", pause=0)  # no pause: the folder follows at typing speed
    terminal.type(str(out))
    terminal.keys("Enter")
    terminal.wait_for("Gotowe: ", "pakiet jest częściowy", timeout=60)
    [package] = out.iterdir()
    assert package.name.startswith("sesja-XL-")
    data, problems = check(package)
    assert problems == [] and data["complete"] is False and data["votes"] == 0
    assert json.loads((package / "sesja.json").read_text(encoding="utf-8"))["vote_events"] == []
    terminal.keys("Escape")
    terminal.wait_for("wpisz nazwisko albo numer miejsca")  # the search is still empty


def test_the_export_screen_speaks_english_with_lang_en(terminal: Terminal, tmp_path):
    terminal.start("demo", "--db", str(tmp_path / "demo.db"), "--lang", "en")
    terminal.wait_for("sitting XL (ordinary)")
    terminal.keys("F7")
    screen = terminal.wait_for("Export sitting XL of ")
    assert "The package goes to " in screen and "CSV for Excel (semicolons)" in screen
    terminal.keys("Escape")
    terminal.wait_for("type a name or seat number")
