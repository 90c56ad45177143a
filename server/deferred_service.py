"""A log's service whose state is shown before its writer is open: the console's first
frame on a term-long log.

The console's start used to import SQLAlchemy, SQLModel and the store (a third of a second
of Python) before it could read the log. Now its opening (`session_console.cli.opening`)
takes the writer lock, reads the log with Python's own sqlite3 through the very checks the
store makes (`server.log_file`, `server.log_open`) and gives the console this service: its
state is that log's, and `begin` opens the writer (`SittingService` on the store, from the
state already read: nothing is read twice) in a thread once the first frame is drawn.
A command, a read of the whole log or an export waits for the writer; a writer that does
not open (a log it cannot write) is reported to `begin`'s caller, which ends the console
with the reason, as a start that failed at once would have.

The lock is held from before the read until `close`, so the log the writer opens is the log
that was read.
"""

import asyncio
import threading
from collections.abc import Callable
from typing import TYPE_CHECKING

from models.commands import Command
from models.events import StoredEvent
from models.listeners import Listener
from models.state import Chamber
from server.log_open import Opened
from server.store_errors import StoreError

if TYPE_CHECKING:
    from server.service import SittingService
    from server.store import EventStore

__all__ = ["DeferredService"]


class DeferredService:
    """`open_writer(opened)` makes the service (in `begin`'s thread); `release` lets the
    log's lock go when this closes (after the service, if it opened)."""

    def __init__(self, opened: Opened, open_writer: Callable[[Opened], "SittingService"],
                 release: Callable[[], None]) -> None:
        self._opened = opened
        self._open_writer = open_writer
        self._release = release
        self._service: SittingService | None = None
        self._error: StoreError | None = None
        self._thread: threading.Thread | None = None
        self._lock = threading.Lock()  # the listeners and the service, set together
        self._listeners: dict[int, Listener] = {}
        self._unsubscribes: dict[int, Callable[[], None]] = {}
        self._next_listener = 0

    @property
    def state(self) -> Chamber:
        service = self._service
        return self._opened.state if service is None else service.state

    def begin(self, failed: Callable[[StoreError], None]) -> None:
        """Opens the writer in a thread, once; `failed` is called from that thread with
        why it did not open."""
        with self._lock:
            if self._thread is not None:
                return
            self._thread = threading.Thread(target=self._open, args=(failed,),
                                            name="sesja-writer-open", daemon=True)
            self._thread.start()

    def _open(self, failed: Callable[[StoreError], None]) -> None:
        try:
            service = self._open_writer(self._opened)
        except Exception as error:  # noqa: BLE001 - whatever it was, the console must hear it
            self._error = error if isinstance(error, StoreError) else _not_opened(error)
            failed(self._error)
            return
        service.on_close(self._release)
        with self._lock:
            for key, listener in self._listeners.items():
                self._unsubscribes[key] = service.subscribe(listener)
            self._service = service

    def ready(self) -> "SittingService":
        """The service, once its writer is open (begun here if it was not); StoreError
        when it did not open."""
        self.begin(lambda _error: None)
        assert self._thread is not None
        self._thread.join()
        if self._service is None:
            assert self._error is not None
            raise self._error
        return self._service

    @property
    def store(self) -> "EventStore":
        return self.ready().store

    async def submit(self, command: Command, actor: str) -> tuple[StoredEvent, ...]:
        service = self._service
        if service is None:  # the writer is still opening: wait for it beside the loop
            service = await asyncio.to_thread(self.ready)
        return await service.submit(command, actor)

    def subscribe(self, listener: Listener) -> Callable[[], None]:
        """As the service's: a listener subscribed before the writer opens is told from
        its first write on (nothing is written before it)."""
        with self._lock:
            key, self._next_listener = self._next_listener, self._next_listener + 1
            self._listeners[key] = listener
            if self._service is not None:
                self._unsubscribes[key] = self._service.subscribe(listener)

        def unsubscribe() -> None:
            with self._lock:
                self._listeners.pop(key, None)
                stop = self._unsubscribes.pop(key, None)
            if stop is not None:
                stop()

        return unsubscribe

    def close(self) -> None:
        """Waits for a writer being opened, closes it (which lets the lock go) or, when
        none opened, lets the lock go itself."""
        thread = self._thread
        if thread is not None:
            thread.join()
        if self._service is not None:
            self._service.close()
        else:
            self._release()


def _not_opened(error: Exception) -> StoreError:
    """A writer's open that failed other than as the store says it (a bug): said, not lost
    in its thread."""
    return StoreError(f"the event log could not be opened for writing: {error!r}",
                      f"nie udało się otworzyć dziennika zdarzeń do zapisu: {error!r}")
