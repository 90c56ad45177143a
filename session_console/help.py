"""F1: every key of every tab, with what it does."""

import re
from collections.abc import Iterable

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.widgets import Static

from session_console.dialogs import Dialog, dialog_css
from session_console.i18n import _

Section = tuple[str, Iterable[Binding]]
Note = tuple[str, str]  # keys as printed, what they do: help that no binding carries


KEY_NAMES = {"slash": "/", "plus": "+", "minus": "-", "up": "↑", "down": "↓",
             "enter": "Enter", "backspace": "Backspace", "delete": "Delete", "escape": "Esc",
             "home": "Home", "end": "End"}


def _one_key(key: str) -> str:
    if key.startswith("ctrl+"):
        return "Ctrl+" + _one_key(key.removeprefix("ctrl+")).upper()
    if key == "space":
        return _("Space")
    return KEY_NAMES.get(key) or (key.upper() if re.fullmatch(r"f\d+", key) else key)


def declared(bindings: Iterable[BindingType]) -> list[Binding]:
    """A class's BINDINGS as Binding objects, as Textual reads them: it also takes a tuple
    (key, action[, description])."""
    return [b if isinstance(b, Binding) else Binding(*b) for b in bindings]


def key_name(binding: Binding) -> str:
    """ "Ctrl+Q", "F1", "/", "1, z": a binding's keys as a keyboard prints them."""
    return ", ".join(_one_key(key) for key in binding.key.split(","))


def help_text(sections: Iterable[Section], notes: dict[str, list[Note]] | None = None) -> str:
    lines: list[str] = []
    for title, bindings in sections:
        lines.append(f"[b]{title}[/b]")
        lines.extend(f"  {key_name(b):<22} {b.description}" for b in bindings if b.description)
        lines.extend(f"  {keys:<22} {text}" for keys, text in (notes or {}).get(title, ()))
        lines.append("")
    return "\n".join(lines)


class HelpScreen(Dialog[None]):
    AUTO_FOCUS = "*"
    DEFAULT_CSS = dialog_css("HelpScreen") + """
    HelpScreen > VerticalScroll {
        width: 90; max-width: 95%; height: 90%; border: thick $accent; background: $surface;
        padding: 1 2;
    }
    """
    BINDINGS = [Binding("escape,f1,q", "dismiss", _("Close"))]

    def __init__(self, sections: Iterable[Section],
                 notes: dict[str, list[Note]] | None = None) -> None:
        super().__init__()
        self.sections, self.notes = list(sections), notes

    def compose(self) -> ComposeResult:
        with VerticalScroll():
            yield Static(f"[b]{_('sesja: keys')}[/b]\n\n" + help_text(self.sections, self.notes) + _(
                "Ctrl+P opens the command palette with every action."))
