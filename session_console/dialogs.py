"""Small modal questions: a line of text, a yes/no confirmation, a member by name."""

import asyncio
import logging
from collections.abc import Callable, Sequence
from typing import TypeVar

from textual.app import ComposeResult
from textual.await_complete import AwaitComplete
from textual.binding import Binding
from textual.containers import Vertical
from textual.message_pump import MessagePump
from textual.screen import ModalScreen, ScreenResultCallbackType
from textual.widgets import Input, Label, OptionList
from textual.widgets.option_list import Option

from models.council import Member
from session_console.guard import Survives, guarded
from session_console.i18n import _
from session_console.search import find_members
from session_console.validation import Limits
from session_console.widgets.field import LimitedInput

log = logging.getLogger(__name__)
Result = TypeVar("Result")

_DIALOG_CSS = """
ModalScreen { align: center middle; }
ModalScreen > Vertical {
    width: 80; max-width: 95%; height: auto; max-height: 90%;
    border: thick $accent; background: $surface; padding: 1 2;
}
ModalScreen Label { width: 100%; }  /* a long explanation wraps instead of being cut */
ModalScreen .title { text-style: bold; margin-bottom: 1; }
ModalScreen .hint { color: $text-muted; margin-top: 1; }
ModalScreen .error { color: $error; }
ModalScreen OptionList { height: auto; max-height: 16; }
"""


def dialog_css(screen: str) -> str:
    """The look of a dialog, for the DEFAULT_CSS of the screen class named `screen`: Textual
    scopes a class's DEFAULT_CSS to the rules that start with that class's name."""
    return _DIALOG_CSS.replace("ModalScreen", screen)


class Dialog(Survives, ModalScreen[Result]):
    """Every dialog of the console: its handlers are guarded (session_console/guard.py),
    and it answers once, and only while it is the screen on top.

    Textual's `dismiss` calls the dialog's callback and then pops whatever screen is on
    top: a second Enter or Escape queued before the first was handled, or an answer that
    arrives while Help or the palette covers the dialog, popped the main screen
    (ScreenStackError) or set the answer twice (InvalidStateError)."""

    _answered = False

    def _push_result_callback(self, requester: MessagePump,
                              callback: ScreenResultCallbackType[Result] | None,
                              future: asyncio.Future[Result | None] | None = None) -> None:
        """The answer's callback, guarded: Textual runs it as a callback of whoever opened
        the dialog, outside that node's message handlers."""
        if callback is not None:
            callback = guarded(requester, callback, f"{type(self).__name__} answer")
        super()._push_result_callback(requester, callback, future)

    def dismiss(self, result: Result | None = None) -> AwaitComplete:
        if self._answered or self.app.screen is not self:
            log.info("%s: an answer while %s; left out", type(self).__name__,
                     "answered already" if self._answered else "covered")
            return AwaitComplete.nothing()
        self._answered = True
        return super().dismiss(result)


Check = Callable[[str], str | None]  # returns an error message, or None when the text is fine


class Prompt(Dialog[str | None]):
    """Asks for one line of text; Enter answers, Escape cancels."""

    AUTO_FOCUS = "*"

    DEFAULT_CSS = dialog_css("Prompt")
    BINDINGS = [Binding("escape", "cancel", _("Cancel"))]

    def __init__(self, title: str, value: str = "", hint: str = "",
                 check: Check | None = None, limit: Limits | None = None,
                 label: str = "") -> None:
        """`limit` and `label`: the model's limits of what is typed (see validation.py)."""
        super().__init__()
        self.title_text, self.value, self.hint, self.check = title, value, hint, check
        self.limit, self.label = limit, label

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(self.title_text, classes="title", markup=False)
            yield (LimitedInput(self.value, limit=self.limit, label=self.label, id="answer")
                   if self.limit else Input(self.value, id="answer"))
            yield Label("", id="error", classes="error", markup=False)
            yield Label(self.hint or _("Enter: confirm · Esc: cancel"), classes="hint")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        text = event.value.strip()
        problem = self.check(text) if self.check else (None if text else _("Type something."))
        if problem:
            self.query_one("#error", Label).update(problem)
            return
        self.dismiss(text)

    def action_cancel(self) -> None:
        self.dismiss(None)


class TitledText(Dialog[Result]):
    """A title, a body of plain text and the keys' hint (`hint`, said in the console's
    language when it is shown)."""

    def __init__(self, title: str, body: str) -> None:
        super().__init__()
        self.title_text, self.body = title, body

    def hint(self) -> str:
        raise NotImplementedError

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(self.title_text, classes="title", markup=False)
            yield Label(self.body, id="body", markup=False)
            yield Label(self.hint(), classes="hint")


class Confirm(TitledText[bool]):
    """A question that changes the record: Enter or y confirms, Escape or n does not."""

    AUTO_FOCUS = "*"

    DEFAULT_CSS = dialog_css("Confirm")
    BINDINGS = [
        Binding("enter,y,t", "answer(True)", _("Confirm")),
        Binding("escape,n", "answer(False)", _("Cancel")),
    ]

    def hint(self) -> str:
        return _("Enter: confirm · Esc: cancel")

    def action_answer(self, confirmed: bool) -> None:
        self.dismiss(confirmed)


class ShownOnce(TitledText[None]):
    """Something shown this once and never again (a device code): Enter or Esc closes it."""

    AUTO_FOCUS = "*"

    DEFAULT_CSS = dialog_css("ShownOnce")
    BINDINGS = [Binding("enter,escape", "close", _("Close"))]

    def hint(self) -> str:
        return _("Enter or Esc: close (it will not be shown again)")

    def action_close(self) -> None:
        self.dismiss(None)


class MemberPicker(Dialog[str | None]):
    """Finds a member by a few letters of the name or the seat number."""

    AUTO_FOCUS = "*"

    DEFAULT_CSS = dialog_css("MemberPicker")
    BINDINGS = [Binding("escape", "cancel", _("Cancel")),
                Binding("down", "focus_list", show=False)]

    def __init__(self, title: str, members: Sequence[Member]) -> None:
        super().__init__()
        self.title_text, self.members = title, members

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(self.title_text, classes="title", markup=False)
            yield Input(placeholder=_("name or seat number"), id="query")
            yield OptionList(*self._options(""), id="matches", markup=False)
            yield Label(_("Enter: choose · Esc: cancel"), classes="hint")

    def _options(self, query: str) -> list[Option]:
        return [Option(f"{m.seat or '':>3}  {m.name}", id=m.id)
                for m in find_members(self.members, query)]

    def on_input_changed(self, event: Input.Changed) -> None:
        matches = self.query_one("#matches", OptionList)
        matches.clear_options()
        matches.add_options(self._options(event.value))
        matches.highlighted = 0 if matches.option_count else None

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        matches = self.query_one("#matches", OptionList)
        if matches.highlighted is not None:
            self.dismiss(matches.get_option_at_index(matches.highlighted).id)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)

    def action_focus_list(self) -> None:
        self.query_one("#matches", OptionList).focus()

    def action_cancel(self) -> None:
        self.dismiss(None)
