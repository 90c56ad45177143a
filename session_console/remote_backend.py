"""The console's backend on a server on another computer (`sesja console --connect`)."""

from collections.abc import Callable
from pathlib import Path

from models.agenda import ItemSpec
from models.commands import Command
from models.events import StoredEvent
from server.agenda_file import read_agenda
from server.live.devices import issue_code
from server.live.remote import Link, NotConnected, RemoteError, RemoteService
from server.live.remote import Unconfirmed as LineDropped
from session_console.backend import Backend, NotSaved, NotSent, Unconfirmed
from session_console.i18n import lang


class RemoteBackend(Backend):
    """A replica of the server's state over the control role. It folds the server's events
    but keeps no log of its own, and a package is tied to the log it was made from (its
    manifest names the last event): so no history and no export here; the server's
    computer exports (`sesja export`, `--publish-dir`). The header shows the server's
    screens (from its `status` messages) and the state of the connection."""

    has_history = False
    can_export = False

    service: RemoteService

    def __init__(self, remote: RemoteService, actor: str) -> None:
        super().__init__(remote, actor, displays=remote, start=remote.connect,
                         stop=remote.close)

    @property
    def link(self) -> Link:
        return self.service.link

    def watch_link(self, listener: Callable[[Link], None]) -> Callable[[], None]:
        return self.service.watch_link(listener)

    async def submit(self, command: Command) -> tuple[StoredEvent, ...]:
        try:
            return await self.service.submit(command, self.actor)
        except NotConnected as error:
            raise NotSent(str(error)) from error
        except LineDropped as error:
            raise Unconfirmed(str(error)) from error
        except RemoteError as error:  # the server failed it (its log could not take it)
            raise NotSaved(error.message(lang())) from error

    def read_agenda(self, path: Path) -> tuple[ItemSpec, ...]:
        return read_agenda(path)  # the file is on the secretary's computer, as is this console

    def issue_device_code(self, member_id: str) -> tuple[str, Command]:
        return issue_code(self.state, member_id)
