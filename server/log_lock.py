"""One writer per event log, across processes: a lock file beside the log.

A console or `sesja serve` holds it for its whole life, `sesja apply` and `council import`
for their run; a second writer is refused with a message naming the holder. The file is
made with O_EXCL (atomic on Windows, macOS and Linux; no fcntl, which Windows lacks) and
says which process holds it on which machine, so a lock left by a process that died
(a power cut, a kill) is taken over once that process is gone from this machine.
"""

import json
import os
import socket
from pathlib import Path
from types import TracebackType

from server import portable
from server.store_errors import StoreError


class LogHeld(StoreError):
    """Another process writes this log; the message names which."""


def lock_path(target: str | Path) -> Path | None:
    """`sesja.db.lock` beside a log file; None for a database URL (its server arbitrates)."""
    text = str(target)
    return None if "://" in text else Path(f"{Path(text).expanduser()}.lock")


def _holder(path: Path) -> dict[str, object]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def _stale(holder: dict[str, object]) -> bool:
    """The holder is a process of this machine that no longer runs."""
    pid = holder.get("pid")
    return (holder.get("host") == socket.gethostname() and isinstance(pid, int)
            and not portable.process_alive(pid))


class LogLock:
    """`with LogLock(target, "sesja console"):` … ; raises LogHeld when another holds it."""

    def __init__(self, target: str | Path, holder: str) -> None:
        self.path = lock_path(target)
        self.holder = holder
        self.held = False

    def acquire(self) -> "LogLock":
        if self.path is None or self.held:
            return self
        me = json.dumps({"pid": os.getpid(), "host": socket.gethostname(), "by": self.holder})
        self.path.parent.mkdir(parents=True, exist_ok=True)
        for _attempt in range(3):
            if portable.create_exclusive(self.path, me):
                self.held = True
                return self
            holder = _holder(self.path)
            if not _stale(holder):
                raise _held(self.path, holder)
            self.path.unlink(missing_ok=True)  # its process is gone: take it over
        raise _held(self.path, _holder(self.path))

    def release(self) -> None:
        if self.held and self.path is not None:
            self.path.unlink(missing_ok=True)
            self.held = False

    def __enter__(self) -> "LogLock":
        return self.acquire()

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 trace: TracebackType | None) -> None:
        self.release()


def _held(path: Path, holder: dict[str, object]) -> LogHeld:
    who = str(holder.get("by") or "inny program")
    pid, host = holder.get("pid", "?"), holder.get("host", "?")
    log = path.with_suffix("")
    return LogHeld(
        f"the event log {log} is held for writing by {who} (process {pid} on {host}); only "
        "one program writes a log at a time: use that console or close it (if that process "
        f"is gone, remove {path}); nothing was written",
        f"dziennik {log} jest otwarty do zapisu przez {who} (proces {pid} na {host}); "
        "zapisuje go tylko jeden program naraz: wpisz polecenie w tej konsoli albo ją zamknij "
        f"(jeśli ten proces już nie działa, usuń {path}); nic nie zapisano")
