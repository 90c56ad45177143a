"""The console's backend on a server on another computer (`sesja console --connect`)."""

from server.live.remote import RemoteService
from session_console.backend import Backend


class RemoteBackend(Backend):
    """A replica of the server's state over the control role. It folds the server's events
    but keeps no log of its own, and a package is tied to the log it was made from (its
    manifest names the last event): so no history and no export here; the server's
    computer exports (`sesja export`, `--publish-dir`)."""

    has_history = False
    can_export = False

    def __init__(self, remote: RemoteService, actor: str) -> None:
        super().__init__(remote, actor, start=remote.connect, stop=remote.close)
