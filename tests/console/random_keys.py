"""Seeded random keys for the real console: single keys, pasted bursts (keys sent to the
app with no pause between them), F-keys, Escape and every dialog a key opens.

Used by tests/console/test_random_keys.py (a short run) and bench/random_keys.py (the
long one). The app the keys drive is a `ConsoleApp` whose quit only counts (a palette
entry typed at random would end the run, not the console's fault); everything else is
the product's own code.
"""

import asyncio
import random
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from textual import events
from textual.app import App
from textual.keys import _character_to_key, _get_unicode_name_from_key
from textual.pilot import Pilot

from session_console import app as app_module
from session_console.app import ConsoleApp
from session_console.export_screen import ExportScreen

LETTERS = "abcdefghijklmnopqrstuvwxyzłóżćęśąźń"
DIGITS = "0123456789"
SYMBOLS = " +-,./~[]"
NAMED = ("enter", "escape", "tab", "shift+tab", "up", "down", "pageup", "pagedown", "home",
         "end", "backspace", "delete", "space", "ctrl+u", "ctrl+p", "ctrl+up", "ctrl+down",
         "left", "right")
F_KEYS = ("f1", "f2", "f3", "f4", "f5", "f6", "f7")
WORDS = ("kowal", "nowak", "lodz", "12", "3", "Żurawska Halina", "x" * 130, "y" * 520,
         "[/]", "[b]", "0", "-1", "99999999999999999999")
# an absolute or home path typed at random into the Export screen's folder would be a real
# folder elsewhere on this machine: there, these keys are left out
_OUTSIDE = {"/", "~", "slash", "tilde"}


class KeptConsole(ConsoleApp):
    """The console with its quit counted instead of done."""

    CSS_PATH = str(Path(app_module.__file__).parent / ConsoleApp.CSS_PATH)  # beside app.py
    quits = 0

    async def action_quit(self) -> None:
        self.quits += 1


@dataclass
class Run:
    keys: int = 0
    bursts: int = 0


def key_event(key: str) -> events.Key:
    """A key as the terminal driver sends it (as Textual's own pilot builds it)."""
    if len(key) == 1 and not key.isalnum():
        key = _character_to_key(key)
    try:
        char: str | None = unicodedata.lookup(_get_unicode_name_from_key(key))
    except KeyError:
        char = key if len(key) == 1 else None
    return events.Key(key, char)


def send_burst(app: App, keys: list[str]) -> None:
    """Every key at once, as a paste or a fast typist sends them (no pause between)."""
    driver = app._driver
    assert driver is not None
    for key in keys:
        event = key_event(key)
        event.set_sender(app)
        driver.send_message(event)


def choose(rng: random.Random) -> list[str]:
    """One step: a key, or a burst of typed text."""
    roll = rng.random()
    if roll < 0.12:
        return [rng.choice(F_KEYS)]
    if roll < 0.30:
        return [rng.choice(NAMED)]
    if roll < 0.40:
        return list(rng.choice(WORDS))
    if roll < 0.50:
        return [rng.choice(LETTERS + DIGITS) for _ in range(rng.randint(2, 12))]
    return [rng.choice(LETTERS + DIGITS + SYMBOLS)]


def allowed(app: App, keys: list[str]) -> list[str]:
    if isinstance(app.screen, ExportScreen):
        return [k for k in keys if k not in _OUTSIDE]
    return keys


async def drive(pilot: Pilot, seed: int, count: int,
                stop: Callable[[], bool] = lambda: False) -> Run:
    """Sends about `count` random keys; stops early if the app ends (a crash)."""
    rng, run, app = random.Random(seed), Run(), pilot.app
    while run.keys < count and not stop():
        keys = allowed(app, choose(rng))
        if not keys:
            continue
        if len(keys) > 1:
            send_burst(app, keys)
            run.bursts += 1
            await pilot.pause(0.02)
        else:
            await pilot.press(keys[0])
        run.keys += len(keys)
        if not app.is_running or app._exception is not None:
            break
        if rng.random() < 0.02 and isinstance(app, ConsoleApp):
            await asyncio.wait_for(app.settled(), 10)  # now and then, let commands land
    await pilot.pause(0.1)
    return run


def written_outside(roots: list[Path], before: set[Path], after: set[Path]) -> list[Path]:
    """New paths that are not under one of `roots`."""
    return sorted(p for p in after - before
                  if not any(p == r or r in p.parents for r in roots))
