"""The console's backend on a log in this process: it reads the log and exports from it."""

from collections.abc import Callable, Collection, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from models.agenda import ItemSpec
from models.commands import Command
from models.events import StoredEvent
from models.state import Sitting
from server.deferred_service import DeferredService
from server.publish.formats import DEFAULT_FORMATS
from server.store_errors import StoreError
from session_console.backend import Backend, ExportFailed, NotRead, NotSaved, Progress
from session_console.i18n import lang

if TYPE_CHECKING:
    from server.service import SittingService

# The agenda reader, the device codes, publication and the store are imported by the methods
# that use them (the store by the writer's open), after the console's first frame
# (pyproject.toml, "The console's first frame is reachable without ...";
# tests/test_lazy_imports.py).


class LocalBackend(Backend):
    """A SittingService in this process (with its live server, if any, as `displays`)."""

    has_history = True
    can_export = True
    export_formats = DEFAULT_FORMATS

    service: "SittingService | DeferredService"

    def begin(self, failed: Callable[[str], None]) -> None:
        """The log's writer, when the console showed the log before opening it."""
        if isinstance(self.service, DeferredService):
            self.service.begin(lambda error: failed(error.message(lang())))

    async def submit(self, command: Command) -> tuple[StoredEvent, ...]:
        try:
            return await self.service.submit(command, self.actor)
        except StoreError as error:  # told in the console's language; the log keeps the English
            raise NotSaved(error.message(lang())) from error

    def read_agenda(self, path: Path) -> tuple[ItemSpec, ...]:
        from server.agenda_file import read_agenda

        return read_agenda(path)  # the file is on the secretary's computer, as is this console

    def load_history(self) -> Sequence[StoredEvent]:
        try:
            return self.service.store.load()
        except StoreError as error:
            raise NotRead(error.message(lang())) from error

    def package_name(self, sitting: Sitting) -> str:
        from server.publish.record import package_name

        return package_name(sitting)  # as live publication names it

    def export(self, target: Path, formats: Collection[str],
               progress: Progress) -> dict[str, Any]:
        """The package of the service's state as it is now, with that sitting's events read
        up to where the state ends (`export_sitting`, as `sesja export` makes it), so it
        agrees with itself while the sitting goes on and costs only the sitting."""
        from server.publish.from_log import export_sitting
        from server.publish.record import ExportError

        try:
            return export_sitting(self.service.state, self.service.store, target,
                                  formats=formats, progress=progress)
        except (ExportError, StoreError) as error:
            raise ExportFailed(error.message(lang())) from error

    def issue_device_code(self, member_id: str) -> tuple[str, Command]:
        from server.live.devices import issue_code

        return issue_code(self.state, member_id)
