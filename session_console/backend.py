"""What the console talks to: a sitting service (local or remote) and, optionally, the
live server whose display count and page addresses the header shows."""

from collections.abc import Awaitable, Callable, Sequence
from typing import Protocol

from models.commands import Command
from models.events import StoredEvent
from models.state import Chamber
from server.listeners import Listener


class Service(Protocol):
    """A SittingService, or a remote replica with the same API."""

    state: Chamber

    async def submit(self, command: Command, actor: str) -> tuple[StoredEvent, ...]: ...

    def subscribe(self, listener: Listener) -> Callable[[], None]: ...


class Displays(Protocol):
    """The live server as the header sees it."""

    @property
    def display_count(self) -> int: ...

    def urls(self) -> dict[str, str]: ...


class Backend:
    """The console's one door to the sitting.

    `history` loads the event log (called in a worker when the log is first shown, and
    by the export; None on a remote console, which has no log of its own);
    `start` and `stop` run when the console starts and quits (a live server, a remote
    connection).
    """

    def __init__(self, service: Service, actor: str, displays: Displays | None = None,
                 history: Callable[[], Sequence[StoredEvent]] | None = None,
                 start: Callable[[], Awaitable[None]] | None = None,
                 stop: Callable[[], Awaitable[None]] | None = None) -> None:
        self.service = service
        self.actor = actor
        self.displays = displays
        self.history = history
        self._start = start
        self._stop = stop

    @property
    def state(self) -> Chamber:
        return self.service.state

    async def submit(self, command: Command) -> tuple[StoredEvent, ...]:
        return await self.service.submit(command, self.actor)

    def subscribe(self, listener: Listener) -> Callable[[], None]:
        return self.service.subscribe(listener)

    async def start(self) -> None:
        if self._start is not None:
            await self._start()

    async def stop(self) -> None:
        if self._stop is not None:
            await self._stop()
