"""Every call that behaves differently on Windows, macOS and Linux, each with a way that works
on all three. The rest of sesja calls these instead of the operating system's own.

`WINDOWS` is read at every call, so a test can force the Windows branch on Linux.

- Folders are swapped in one step where Linux offers it (renameat2 RENAME_EXCHANGE);
  elsewhere by two renames that never leave a half-written folder under the final name.
- Private files and folders are 0600 / 0700 on POSIX. On Windows a mode cannot say that
  (os.chmod only sets the read-only flag), so they keep the access list they inherit from
  their parent folder; under the user's profile (AppData, Documents: sesja's defaults) only
  that user and the administrators can read it. sesja does not edit access lists.
- A folder's own entry is flushed to disk with fsync on POSIX; Windows cannot open a folder
  as a file, and NTFS journals its renames, so there it is left to the file system.
- Stopping on Ctrl+C / SIGTERM uses the event loop's signal handlers, or `signal.signal`
  where the loop has none (Windows' event loops raise NotImplementedError).
"""

import asyncio
import contextlib
import ctypes
import getpass
import os
import shutil
import signal
from collections.abc import Callable, Iterator
from pathlib import Path
from types import FrameType

WINDOWS = os.name == "nt"

_AT_FDCWD = -100
_RENAME_EXCHANGE = 2


def exchange_folders(first: Path, second: Path) -> bool:
    """Swaps the names of two existing folders in one atomic step; False (nothing done)
    where the system cannot: Windows, macOS, an old Linux or a file system without it."""
    if WINDOWS:
        return False
    try:
        libc = ctypes.CDLL(None, use_errno=True)
    except (OSError, TypeError):  # no C library reachable this way
        return False
    renameat2 = getattr(libc, "renameat2", None)
    if renameat2 is None:
        return False
    result: int = renameat2(_AT_FDCWD, os.fsencode(first), _AT_FDCWD, os.fsencode(second),
                            _RENAME_EXCHANGE)
    return result == 0


def replace_folder(new: Path, target: Path) -> None:
    """Puts the folder `new` (whole, in the same parent) under the name `target`, then
    removes what `target` held. A reader of `target` sees the old folder or the new one,
    never a mix, and a failure raises OSError with the old folder still under `target`
    (`new` is then the caller's to remove).

    - `target` missing: one rename, atomic everywhere.
    - Linux: one renameat2 exchange, atomic.
    - elsewhere: `target` is renamed aside, then `new` to `target`: each rename is atomic,
      but between the two, for an instant, `target` does not exist (a reader finds no
      folder, not a partial one). If the second rename fails, the old folder is renamed
      back before the error is raised.
    The old folder is removed last; whatever cannot be (on Windows, a file another program
    holds open) stays in the hidden folder beside the target, named after `new`.
    """
    if not target.exists():
        os.rename(new, target)
        return
    if exchange_folders(new, target):
        old = new
    else:
        old = new.with_name(new.name + "-old")
        os.rename(target, old)
        try:
            os.rename(new, target)
        except BaseException:
            os.rename(old, target)
            raise
    shutil.rmtree(old, ignore_errors=True)


def share_folder(folder: Path) -> None:
    """Lets other local users (a web server) read and enter `folder`: 0755 on POSIX; on
    Windows the folder keeps the access list of its parent."""
    if not WINDOWS:
        os.chmod(folder, 0o755)


def private_folder(folder: Path) -> None:
    """Creates `folder` (and its parents) if missing, readable by its owner only on POSIX."""
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    make_private(folder)


def make_private(path: Path) -> None:
    """0700 for a folder, 0600 for a file on POSIX; nothing on Windows (see the module)."""
    if not WINDOWS:
        os.chmod(path, 0o700 if path.is_dir() else 0o600)


def create_private_file(path: Path) -> bool:
    """Creates `path` empty, readable by its owner only (0600 on POSIX; on Windows with the
    access list of its folder), unless it exists; True when it was created."""
    try:
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return False
    os.close(descriptor)
    return True


def write_private_file(path: Path, text: str) -> None:
    """Writes `text` to `path` whole and durably: a temporary file beside it (0600 on POSIX),
    flushed to disk, then renamed over `path`, then the folder's entry flushed."""
    temporary = path.with_name(path.name + ".tmp")
    descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
        handle.write(text)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(temporary, path)
    sync_folder(path.parent)


def sync_folder(folder: Path) -> None:
    """Flushes a folder's entries (a rename in it) to disk on POSIX; nothing on Windows."""
    if WINDOWS:
        return
    descriptor = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def login_name() -> str | None:
    """The name the user logged in with, or None where the system does not say."""
    try:
        return getpass.getuser()
    except (KeyError, OSError, ImportError):  # no such user, or no pwd module (Windows)
        return None


STOP_SIGNALS: tuple[signal.Signals, ...] = tuple(
    signal.Signals[name] for name in ("SIGINT", "SIGTERM", "SIGBREAK") if hasattr(signal, name))


@contextlib.contextmanager
def stop_on_signals(stop: Callable[[], None]) -> Iterator[None]:
    """Calls `stop` in the running event loop when the process is asked to end (Ctrl+C,
    SIGTERM, Ctrl+Break on Windows), until the block ends, then puts the handlers back.

    The loop's own signal handlers where it has them; where it raises NotImplementedError
    (Windows' event loops), `signal.signal`, whose handler hands `stop` to the loop. Where
    neither can be set (not the main thread), Ctrl+C raises KeyboardInterrupt as usual.
    """
    loop = asyncio.get_running_loop()
    try:
        for number in STOP_SIGNALS:
            loop.add_signal_handler(number, stop)
    except NotImplementedError:
        with _plain_handlers(loop, stop):
            yield
        return
    try:
        yield
    finally:
        for number in STOP_SIGNALS:
            loop.remove_signal_handler(number)


@contextlib.contextmanager
def _plain_handlers(loop: asyncio.AbstractEventLoop, stop: Callable[[], None]) -> Iterator[None]:
    def handler(_number: int, _frame: FrameType | None) -> None:
        loop.call_soon_threadsafe(stop)

    previous: dict[signal.Signals, Callable[[int, FrameType | None], object] | int | None] = {}
    try:
        for number in STOP_SIGNALS:
            previous[number] = signal.signal(number, handler)
    except ValueError:  # signals go to the main thread only
        pass
    try:
        yield
    finally:
        for number, earlier in previous.items():
            signal.signal(number, signal.SIG_DFL if earlier is None else earlier)


_STILL_ACTIVE = 259
_PROCESS_QUERY_LIMITED_INFORMATION = 0x1000


def process_alive(pid: int) -> bool:
    """Whether a process with this id runs on this machine. On Windows os.kill would end
    it, so the process is opened for a query instead (OpenProcess, GetExitCodeProcess)."""
    if pid <= 0:
        return False
    if WINDOWS:
        return _windows_process_alive(pid)
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # it runs, as another user
        return True
    except OSError:
        return False
    return not _zombie(pid)


def _zombie(pid: int) -> bool:
    """A process that has ended but was not yet reaped by its parent (Linux's /proc says
    "Z"): os.kill still finds it, yet it holds nothing. A console killed with SIGKILL stays
    one for a moment, and its lock must be free for the console started right after."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text(encoding="ascii", errors="replace")
    except OSError:  # no /proc (macOS), or the process is gone
        return False
    return stat.rpartition(")")[2].split()[:1] == ["Z"]


def _windows_process_alive(pid: int) -> bool:
    try:
        kernel32 = getattr(ctypes, "WinDLL")("kernel32", use_last_error=True)  # noqa: B009
    except (AttributeError, OSError):  # not Windows after all (a forced test): assume it runs
        return True
    handle = kernel32.OpenProcess(_PROCESS_QUERY_LIMITED_INFORMATION, False, pid)
    if not handle:
        return False
    try:
        code = ctypes.c_ulong()
        if not kernel32.GetExitCodeProcess(handle, ctypes.byref(code)):
            return True
        return code.value == _STILL_ACTIVE
    finally:
        kernel32.CloseHandle(handle)


def create_exclusive(path: Path, text: str) -> bool:
    """Creates `path` holding `text` only if nothing has that name (O_EXCL, atomic on every
    system and on network shares that honour it); False if it already exists."""
    try:
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return False
    with os.fdopen(descriptor, "w", encoding="utf-8") as file:
        file.write(text)
        file.flush()
        os.fsync(file.fileno())
    return True
