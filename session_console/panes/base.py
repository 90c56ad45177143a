"""What every tab has: it renders the snapshot it is given and sends commands."""

from collections.abc import Coroutine, Sequence
from typing import ClassVar, Protocol, cast

from rich.segment import Segment
from textual.app import App
from textual.containers import Vertical

from models.commands import Command
from models.council import Member
from models.decide import decide
from models.events import StoredEvent
from models.rejection import Rejection
from models.state import Chamber, Sitting
from session_console.backend import Backend
from session_console.guard import Survives
from session_console.i18n import _, lang
from session_console.widgets.rows import VirtualRows


class Console(Protocol):
    """The part of the app a pane uses."""

    chamber: Chamber
    backend: Backend

    def send(self, command: Command) -> None: ...

    async def submit(self, command: Command) -> bool: ...

    def dispatch(self, work: Coroutine[object, object, object]) -> None: ...


class Pane(Survives, Vertical, can_focus=True):
    """A tab's content. `show` gets the new snapshot and the events that made it (None
    when the pane must render everything, e.g. when its tab is opened)."""

    TAB_TITLE = ""
    # the widget that takes the focus when the tab opens (None: the first)
    FOCUS: ClassVar[str | None] = None
    PALETTE: ClassVar[dict[str, str]] = {}  # a binding's action -> the palette's own action
    KEY_NOTES: ClassVar[tuple[tuple[str, str], ...]] = ()  # F1's lines for keys no binding has

    @property
    def console(self) -> Console:
        return cast(Console, self.app)

    @property
    def sitting(self) -> Sitting | None:
        return self.console.chamber.sitting

    def show(self, chamber: Chamber, events: Sequence[StoredEvent] | None) -> None:
        raise NotImplementedError

    def focus_target(self) -> str | None:
        """The selector of the widget that takes the focus when the tab opens."""
        return self.FOCUS

    def send(self, command: Command) -> None:
        self.console.send(command)

    def refused(self, command: Command) -> bool:
        """Says why the law refuses `command` now, before a dialog asks for more (a reason
        typed for nothing); the command is decided again when it is sent."""
        try:
            decide(self.console.chamber, command)
        except Rejection as rejection:
            tell_rejection(self.app, rejection)
            return True
        return False

    def refusal(self, command: Command) -> str | None:
        """Why the law refuses `command` now, for a dialog to show beside what was typed."""
        try:
            decide(self.console.chamber, command)
        except Rejection as rejection:
            return rejection.message(lang())
        return None


def tell_rejection(app: App, rejection: Rejection) -> None:
    app.notify(rejection.message(lang()), title=_("Not done"), severity="error",
               markup=False)  # it may quote a name or a title


class MemberRows(VirtualRows[Member]):
    """The members of a pane's sitting, a row each, keyed by member id; each row starts with
    the seat and the name (`lead`), then what the pane says of the member."""

    def __init__(self, pane: Pane, *, id: str) -> None:
        super().__init__(id=id)
        self.pane = pane

    def key_of(self, row: Member) -> str:
        return row.id

    @staticmethod
    def lead(row: Member) -> list[Segment]:
        return [Segment(f"{row.seat or '':>4}  "), Segment(f"{row.name:<32.32} ")]
