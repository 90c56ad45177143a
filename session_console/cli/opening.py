"""A log opened as its one writer, for the commands that append to it (apply, council
import, import, device-cards, serve, the console and the demo).

The open is begun before the store and the model are imported: the writer lock is taken,
the log's engine is made with SQLAlchemy's core alone and the database starts checking
the chain's links up to the newest checkpoint in a thread (`server.links`), while this
thread imports SQLModel, the store and the model (about 0.3 s of Python that the links
check, 0.1 s at 250,000 events, runs beside). This module imports none of them at its
top, so every command's parser stays light too. The cyclic collector is paused meanwhile
(`models.collector`): what the imports and the open make lives on, and its passes over it
cost `sesja apply` 60 ms (183 collections) for nothing.
"""

from collections.abc import Callable
from contextlib import AbstractContextManager, nullcontext
from pathlib import Path
from typing import TYPE_CHECKING

from models.collector import collector_paused
from server.log_lock import LogLock
from server.paths import default_db_path
from server.store_errors import StoreError

if TYPE_CHECKING:
    from server.deferred_service import DeferredService
    from server.log_open import Opened
    from server.service import SittingService


def open_service(db: Path | None, holder: str,
                 meanwhile: Callable[[], AbstractContextManager[object]] = nullcontext,
                 ) -> "SittingService":
    """Opens the event log (from its checkpoint, checking it) as its one writer for the
    service's life: another console, server or script holding it raises LogHeld (a
    StoreError) naming it. `meanwhile` is entered once sesja's own modules are imported
    and held while the log's state is read (the console imports its screens then)."""
    target = db or default_db_path()
    lock = LogLock(target, holder).acquire()
    early = None
    try:
        with collector_paused():  # modules, classes and the state: all live on
            from server import links  # SQLAlchemy's core: the parser had no need of it

            early = links.begin(target)
            # imported while the database checks the links, on the other core
            from server.service import SittingService
            from server.store import EventStore

            with meanwhile():
                service = SittingService(EventStore(target, early=early))
    except BaseException:
        if early is not None:  # a store that failed let go of it, one that opened did not
            early.wait()
            early.engine.dispose()
        lock.release()
        raise
    service.on_close(lock.release)
    return service


def open_deferred(db: Path | None, holder: str,
                  meanwhile: Callable[[], AbstractContextManager[object]] = nullcontext,
                  ) -> "DeferredService | None":
    """The console's open of an SQLite log file: the writer lock taken, the log read and
    checked with Python's own sqlite3 while `meanwhile` is held (the console's screens are
    imported then, beside the database's scan of the links), and a service that shows that
    state at once and opens its writer when asked (`server.deferred_service`): SQLAlchemy,
    SQLModel and the store wait until the first frame is drawn. None when this open does
    not apply (no such file, not a sesja log, a log the checks refuse): the full open
    (`open_service`) then opens it, or says why not in its own words. LogHeld (a
    StoreError) when another program holds the log."""
    target = db or default_db_path()
    if not target.is_file():
        return None
    lock = LogLock(target, holder).acquire()
    try:
        with collector_paused():  # the model's classes and the state live on
            from server.deferred_service import DeferredService
            from server.log_file import LogFile
            from server.log_open import open_log
            from server.log_reader import EVENT_TABLES

            reader = LogFile(target)
            with meanwhile():
                opened = open_log(reader) if EVENT_TABLES <= reader.table_names() else None
    except StoreError:
        opened = None
    except BaseException:
        lock.release()
        raise
    if opened is None:
        lock.release()
        return None
    return DeferredService(opened, lambda read: _writer(target, read), lock.release)


def _writer(target: Path, opened: "Opened") -> "SittingService":
    """The log's writer on the state read already (the lock held since)."""
    from server.service import SittingService
    from server.store import EventStore

    store = EventStore(target)
    try:
        return SittingService(store, opened=opened)
    except BaseException:
        store.close()
        raise
