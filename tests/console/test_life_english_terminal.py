"""The sitting's life in the real `sesja demo --lang en` under tmux: the keys' own words
(made when the classes are built, after the language is chosen) are English in F1, and F8,
F9 and the header speak English."""

import pytest

from tests.terminal import Terminal

pytestmark = pytest.mark.tmux


def test_the_sittings_keys_menu_and_break_speak_english_with_lang_en(terminal: Terminal,
                                                                      tmp_path):
    terminal.start("demo", "--db", str(tmp_path / "demo.db"), "--lang", "en")
    terminal.wait_for("sitting XL (ordinary)")
    terminal.keys("F1")
    screen = terminal.wait_for("Break / resume", "Close the sitting")
    assert "Przerwa" not in screen and "Zamknij sesję" not in screen
    terminal.keys("Escape")
    terminal.keys("F8")
    terminal.wait_for("Open the convened sitting (states the quorum)",
                      "Hand the chair over (a vice-chair) or take it back")
    terminal.keys("Escape")
    terminal.keys("F9")
    terminal.wait_for("Break in the proceedings: the reason (may stay empty)")
    terminal.type("lunch")
    terminal.keys("Enter")
    terminal.wait_for("BREAK since ", "(lunch)")
