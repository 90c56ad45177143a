"""The log's database engine: SQLAlchemy's, for a file path (SQLite in WAL mode with
synchronous=FULL) or a database URL, and statements compiled once for its dialect.

This module imports SQLAlchemy's core alone (not SQLModel, its ORM, or sesja's model), so
that a writer can open the log's engine and set the database to work (`server.links`)
while the rest is imported.
"""

from pathlib import Path

from sqlalchemy import URL, Engine, create_engine, event
from sqlalchemy.engine.interfaces import DBAPIConnection
from sqlalchemy.pool import ConnectionPoolEntry

from server import portable
from server.store_errors import StoreError


def _sqlite_pragmas(dbapi_connection: DBAPIConnection, _record: ConnectionPoolEntry) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=FULL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=5000")
    cursor.close()


def file_path(target: str | Path) -> Path | None:
    """The log's file, or None for a database URL."""
    text = str(target)
    return None if "://" in text else Path(text).expanduser()


def engine_for(target: str | Path, create: bool = True) -> Engine:
    """An engine for a database URL, or for a file path (SQLite)."""
    path = file_path(target)
    url: str | URL
    if path is None:
        url = str(target)
    else:
        if path.is_dir():
            raise StoreError(f"{path} is a folder; give the event log's file name, e.g. "
                             f"{path / 'sesja.db'}",
                             f"{path} to folder; podaj nazwę pliku dziennika zdarzeń, np. "
                             f"{path / 'sesja.db'}")
        if not create and not path.exists():
            raise StoreError(f"no event log at {path}", f"nie ma dziennika zdarzeń {path}")
        if create:
            try:
                path.parent.mkdir(parents=True, exist_ok=True)
            except OSError as error:
                raise StoreError(
                    f"cannot create the folder for {path}: {error.strerror}",
                    f"nie można utworzyć folderu na {path}: {error.strerror}") from error
            _private_log(path)
        # built, not formatted: a URL's text would read "%20" in a folder's name as a space
        url = URL.create("sqlite", database=str(path))
    engine = create_engine(url)
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _sqlite_pragmas)
    return engine


def _private_log(path: Path) -> None:
    """The log, its -wal and its -shm readable by their owner only, like the token files:
    a new log is created 0600 before SQLite opens it (SQLite gives -wal and -shm the mode of
    the log), and an existing one is tightened. A file of another user that this one may
    write (chmod: EPERM), or an immutable one, is left as it is."""
    try:
        portable.create_private_file(path)
    except OSError as error:
        raise StoreError(f"cannot create the event log {path}: {error.strerror}",
                         f"nie można utworzyć dziennika zdarzeń {path}: {error.strerror}"
                         ) from error
    for file in (path, *(path.with_name(path.name + suffix) for suffix in ("-wal", "-shm"))):
        try:
            portable.make_private(file)
        except (FileNotFoundError, PermissionError):
            pass


def reason(error: BaseException) -> str:
    """The database's own words, without SQLAlchemy's statement dump and links."""
    return str(getattr(error, "orig", None) or error)
