"""sesja's Windows branches forced on Linux: in a test (`force_windows(monkeypatch.setattr)`)
or in a real `sesja` process (`python -m tests.windows ARGS`, see `windows_sesja_argv`).

Besides `server.portable.WINDOWS`, the calls that behave differently there behave as they
do on Windows, so a path that forgot the Windows branch fails here too:
- `ctypes.CDLL(None)` raises TypeError (there is no "the process's own C library");
- `os.rename` refuses an existing destination, `os.replace` an existing folder;
- `os.open` of a folder raises PermissionError (so no fsync of a folder), and
  `shutil.rmtree` walks by names, as it does there, not by folder descriptors;
- the event loop has no signal handlers (`add_signal_handler` raises NotImplementedError).
"""

import asyncio
import ctypes
import os
import shutil
import sys
from collections.abc import Callable
from typing import Any, TypeVarTuple

from server import portable

Arguments = TypeVarTuple("Arguments")


class NoSignalHandlersLoop(asyncio.SelectorEventLoop):
    """An event loop without signal handlers, as Windows' own loops are."""

    def add_signal_handler(self, sig: int, callback: Callable[[*Arguments], object],
                           *args: *Arguments) -> None:
        raise NotImplementedError

    def remove_signal_handler(self, sig: int) -> bool:
        raise NotImplementedError


class NoSignalHandlersPolicy(asyncio.DefaultEventLoopPolicy):
    def new_event_loop(self) -> asyncio.AbstractEventLoop:
        return NoSignalHandlersLoop()


def _windows_cdll(cdll: Callable[..., Any]) -> Callable[..., Any]:
    def windows_cdll(name: object, *args: Any, **kwargs: Any) -> Any:
        if name is None:
            raise TypeError("expected str, bytes or os.PathLike object, not NoneType")
        return cdll(name, *args, **kwargs)
    return windows_cdll


def _windows_rename(rename: Callable[..., None]) -> Callable[..., None]:
    def windows_rename(source: Any, target: Any, *args: Any, **kwargs: Any) -> None:
        if os.path.lexists(target):
            raise FileExistsError(183, "Cannot create a file when that file already exists",
                                  os.fspath(target))
        rename(source, target, *args, **kwargs)
    return windows_rename


def _windows_replace(replace: Callable[..., None]) -> Callable[..., None]:
    def windows_replace(source: Any, target: Any, *args: Any, **kwargs: Any) -> None:
        if os.path.isdir(target):
            raise PermissionError(5, "Access is denied", os.fspath(target))
        replace(source, target, *args, **kwargs)
    return windows_replace


def _windows_open(open_: Callable[..., int]) -> Callable[..., int]:
    def windows_open(path: Any, *args: Any, **kwargs: Any) -> int:
        if isinstance(path, str | bytes | os.PathLike) and os.path.isdir(path):
            raise PermissionError(13, "Permission denied", os.fspath(path))
        return open_(path, *args, **kwargs)
    return windows_open


def force_windows(setattr_: Callable[[Any, str, Any], None]) -> None:
    """Makes this process take sesja's Windows branches; `setattr_` is `setattr` or a
    test's `monkeypatch.setattr` (which undoes it after the test)."""
    setattr_(portable, "WINDOWS", True)
    setattr_(ctypes, "CDLL", _windows_cdll(ctypes.CDLL))
    setattr_(os, "rename", _windows_rename(os.rename))
    setattr_(os, "replace", _windows_replace(os.replace))
    setattr_(os, "open", _windows_open(os.open))
    setattr_(shutil, "_use_fd_functions", False)


def windows_sesja_argv(*args: str) -> list[str]:
    """The real `sesja ARGS` command line, run with the Windows branches forced."""
    return [sys.executable, "-m", "tests.windows", *args]


if __name__ == "__main__":
    force_windows(setattr)
    asyncio.set_event_loop_policy(NoSignalHandlersPolicy())
    from session_console.cli import main

    sys.exit(main())
