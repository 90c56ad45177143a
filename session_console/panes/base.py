"""What every tab has: it renders the snapshot it is given and sends commands."""

from collections.abc import Sequence
from typing import Protocol, cast

from textual.containers import Vertical

from models.commands import Command
from models.events import StoredEvent
from models.state import Chamber, Sitting


class Console(Protocol):
    """The part of the app a pane uses."""

    chamber: Chamber

    def send(self, command: Command) -> None: ...

    async def submit(self, command: Command) -> bool: ...


class Pane(Vertical, can_focus=True):
    """A tab's content. `show` gets the new snapshot and the events that made it (None
    when the pane must render everything, e.g. when its tab is opened)."""

    TAB_TITLE = ""

    @property
    def console(self) -> Console:
        return cast(Console, self.app)

    @property
    def sitting(self) -> Sitting | None:
        return self.console.chamber.sitting

    def show(self, chamber: Chamber, events: Sequence[StoredEvent] | None) -> None:
        raise NotImplementedError

    def send(self, command: Command) -> None:
        self.console.send(command)
