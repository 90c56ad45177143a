"""What the console talks to: a sitting service (local or remote) and, optionally, the
live server whose display count and page addresses the header shows.

The screens know only this module's `Backend`; what a backend can do beyond commands
is said by its capabilities (`has_history`, `can_export`), not guessed from a missing
part. `LocalBackend` (session_console/local_backend.py) has the log in this process;
`RemoteBackend` (session_console/remote_backend.py) drives a server on another computer.
"""

from collections.abc import Awaitable, Callable, Collection, Sequence
from datetime import datetime
from pathlib import Path
from typing import Any, Protocol

from models.agenda import ItemSpec
from models.commands import Command
from models.events import StoredEvent
from models.listeners import Listener
from models.state import Chamber, Sitting

Progress = Callable[[int, int], None]  # (done, total), called from the export's thread


class Service(Protocol):
    """A SittingService, or a remote replica with the same API."""

    @property
    def state(self) -> Chamber: ...

    async def submit(self, command: Command, actor: str) -> tuple[StoredEvent, ...]: ...

    def subscribe(self, listener: Listener) -> Callable[[], None]: ...


class Displays(Protocol):
    """The live server as the header sees it."""

    @property
    def display_count(self) -> int: ...

    def urls(self) -> dict[str, str]: ...

    def connected_devices(self) -> list[str]: ...  # members whose voting devices are connected


class Link(Protocol):
    """The connection to a remote server as the header shows it
    (server.live.remote.Link): `state` is connecting, connected, reconnecting or lost."""

    @property
    def state(self) -> str: ...

    @property
    def since(self) -> datetime | None: ...  # when the line went down (UTC)

    @property
    def attempt(self) -> int: ...  # the reconnect attempt under way

    @property
    def reason(self) -> str: ...


class NotSent(Exception):
    """The command did not go out: there is no connection to the server now. Nothing of
    it is recorded; it was not queued either."""


class Unconfirmed(Exception):
    """The command went out but the connection dropped before the server answered: it may
    be in the log or not, and the events after the reconnect will show which."""


class NotSaved(Exception):
    """The command reached the log's writer but could not be written (a full disk, a log
    changed under it): nothing of it is in the log. The message says why in the console's
    language."""


class NotRead(Exception):
    """The log could not be read (a damaged file, a vanished disk); the message says why in
    the console's language."""


class Unavailable(Exception):
    """Asked of a backend that declared it cannot do it (see its capabilities)."""


class ExportFailed(Exception):
    """The package was not written, and nothing of it was; the message says why in the
    console's language."""


class Backend:
    """The console's one door to the sitting: commands, the state and its changes.

    `start` and `stop` run when the console starts and quits (a live server, a remote
    connection). This base keeps no event log and cannot export: a console on a service
    whose log is elsewhere. Subclasses that can say so in `has_history` and `can_export`.
    """

    has_history = False  # load_history reads the whole event log
    can_export = False  # export writes the sitting's package for BIP
    export_formats: tuple[str, ...] = ()

    def __init__(self, service: Service, actor: str, displays: Displays | None = None,
                 start: Callable[[], Awaitable[None]] | None = None,
                 stop: Callable[[], Awaitable[None]] | None = None) -> None:
        self.service = service
        self.actor = actor
        self.displays = displays
        self._start = start
        self._stop = stop

    @property
    def state(self) -> Chamber:
        return self.service.state

    @property
    def link(self) -> Link | None:
        """The connection to the server this console drives; None for a log in this process."""
        return None

    def watch_link(self, listener: Callable[[Link], None]) -> Callable[[], None]:
        """Calls `listener(link)` whenever the connection's state changes."""
        return lambda: None

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

    def begin(self, failed: Callable[[str], None]) -> None:
        """Called once the first frame is drawn, for what may wait until then (a local
        log's writer, `server.deferred_service`); `failed(reason)` if it could not be done,
        which ends the console. Nothing to do here."""

    def read_agenda(self, path: Path) -> tuple[ItemSpec, ...]:
        """A proposed agenda from a CSV or JSON file on this computer; raises ValueError
        naming the bad rows (in Polish)."""
        raise ValueError("Ten pulpit nie czyta plików z porządkiem obrad.")

    def issue_device_code(self, member_id: str) -> tuple[str, Command]:
        """A new voting-device code for the member, and the command that records its hash
        (the code itself is never sent nor stored)."""
        raise Unavailable("this console cannot issue device codes")

    def load_history(self) -> Sequence[StoredEvent]:
        """Every event of the log (slow: called in a worker thread)."""
        raise Unavailable("this console keeps no event log of its own")

    def package_name(self, sitting: Sitting) -> str:
        """The folder the sitting's package goes to inside the chosen folder."""
        raise Unavailable("this console cannot export")

    def export(self, target: Path, formats: Collection[str],
               progress: Progress) -> dict[str, Any]:
        """Writes the package of the log as it is now to `target` (in a worker thread);
        returns its manifest; raises ExportFailed with nothing written."""
        raise Unavailable("this console cannot export")
