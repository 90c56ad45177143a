"""The Windows branches of `server.portable`, forced on Linux (tests/windows.py): the package
swap without renameat2, token files without folder fsync, and stopping `serve` with an event
loop that has no signal handlers."""

import asyncio
import getpass
import os
import signal
import socket
import subprocess
import time
from pathlib import Path

import pytest

from server import portable
from server.demo import demo_commands
from server.live import LiveServer
from server.live.tokens import TokenStore
from server.publish import ExportError, export_package, package
from server.publish.check import check_package
from server.service import SittingService
from server.store import EventStore
from session_console.cli.common import SECRETARY_VARIABLE, actor
from session_console.cli.serve import serve_until_stopped
from tests.live.conftest import DAY
from tests.publish.sittings import rich
from tests.windows import NoSignalHandlersLoop, force_windows

OFFICE = ("Sekretariat Rady", "Dokumenty źżąę")  # as C:\Users\Sekretariat Rady\Dokumenty źżąę


@pytest.fixture
def windows(monkeypatch):
    force_windows(monkeypatch.setattr)


@pytest.fixture(scope="module")
def sim():
    return rich()


@pytest.fixture
def office(tmp_path) -> Path:
    folder = tmp_path.joinpath(*OFFICE)
    folder.mkdir(parents=True)
    return folder


def test_the_folder_exchange_is_missing_on_windows_and_moves_nothing(windows, office):
    first, second = office / "a", office / "b"
    first.mkdir()
    second.mkdir()
    (first / "plik").write_text("a")
    assert portable.exchange_folders(first, second) is False
    assert (first / "plik").read_text() == "a" and not any(second.iterdir())


def test_a_second_export_into_the_same_folder_replaces_the_first_on_windows(windows, sim, office):
    out = office / "BIP sesja"
    export_package(sim.state, sim.log, out, video_start=sim.state.sitting.opened_at)
    assert (out / "sesja.pdf").is_file() and (out / "rozdzialy.vtt").is_file()
    export_package(sim.state, sim.log, out, formats=["csv"])
    assert not (out / "sesja.pdf").exists() and not (out / "rozdzialy.vtt").exists()
    manifest, problems = check_package(out, sim.log)
    assert problems == [] and "imienne.csv" in {f["path"] for f in manifest["files"]}
    assert sorted(p.name for p in office.iterdir()) == ["BIP sesja"]


def _failing_rename(rename, fails):
    """os.rename that fails once, as Windows does for a folder a program holds open."""
    def rename_once(source, target):
        if fails(Path(source), Path(target)) and not rename_once.failed:
            rename_once.failed = True
            raise PermissionError(32, "The process cannot access the file because it is being "
                                      "used by another process", str(source))
        rename(source, target)
    rename_once.failed = False
    return rename_once


def _disk_full(record, folder):
    (folder / "sesja.json").write_text('{"half": ', encoding="utf-8")
    raise OSError(28, "No space left on device")


@pytest.mark.parametrize("where", ["writing", "old package aside", "new package in"])
def test_a_failure_on_windows_leaves_the_previous_package_whole(windows, sim, office, monkeypatch,
                                                                where):
    out = office / "BIP sesja"
    export_package(sim.state, sim.log, out, formats=["csv", "json", "md"])
    before = {p.relative_to(out): p.read_bytes() for p in out.rglob("*") if p.is_file()}
    if where == "writing":
        monkeypatch.setitem(package.STEPS, "json", _disk_full)
    elif where == "old package aside":
        monkeypatch.setattr(os, "rename", _failing_rename(os.rename, lambda s, t: s == out))
    else:
        monkeypatch.setattr(os, "rename", _failing_rename(
            os.rename, lambda s, t: t == out and not s.name.endswith("-old")))
    with pytest.raises(ExportError, match="nothing was written"):
        export_package(sim.state, sim.log, out, formats=["csv", "json"])
    after = {p.relative_to(out): p.read_bytes() for p in out.rglob("*") if p.is_file()}
    assert after == before
    assert check_package(out, sim.log)[1] == []
    assert sorted(p.name for p in office.iterdir()) == ["BIP sesja"]


def test_tokens_in_a_polish_folder_on_windows_are_written_whole_and_kept(windows, office):
    folder = office / "tokeny rady"
    first = TokenStore(folder)
    assert sorted(p.name for p in folder.iterdir()) == ["control.token", "display.token",
                                                        "public.token"]
    again = TokenStore(folder)
    assert again.token("control") == first.token("control")
    assert again.role_of(first.token("display")) == "display"


def test_the_actor_names_an_unknown_secretary_where_the_system_names_no_user(monkeypatch):
    def no_pwd():
        raise ImportError("No module named 'pwd'")  # getpass on Windows without USERNAME

    monkeypatch.setattr(getpass, "getuser", no_pwd)
    monkeypatch.delenv(SECRETARY_VARIABLE, raising=False)
    assert actor("apply") == "apply:unknown"


@pytest.fixture
def sigint_guard():
    """A SIGINT handler of the test's own, so a signal sesja failed to catch is seen here
    instead of interrupting the test run."""
    caught: list[int] = []
    previous = signal.signal(signal.SIGINT, lambda number, _frame: caught.append(number))
    yield caught
    signal.signal(signal.SIGINT, previous)


def test_stop_on_signals_without_loop_handlers_uses_signal_handlers(sigint_guard):
    before = signal.getsignal(signal.SIGINT)

    async def interrupted() -> bool:
        stopped = asyncio.Event()
        with portable.stop_on_signals(stopped.set):
            signal.raise_signal(signal.SIGINT)
            await asyncio.wait_for(stopped.wait(), 5)
        return stopped.is_set()

    with asyncio.Runner(loop_factory=NoSignalHandlersLoop) as runner:
        assert runner.run(interrupted())
    assert sigint_guard == []
    assert signal.getsignal(signal.SIGINT) is before


def test_serve_stops_cleanly_on_ctrl_c_with_a_loop_without_signal_handlers(sigint_guard, office):
    service = SittingService(EventStore(office / "rada.db"))
    for command in demo_commands(DAY):
        service.execute(command, "test")
    live = LiveServer(service, port=0, token_dir=office / "tokeny rady")
    seen: dict[str, object] = {}

    async def ctrl_c() -> None:
        seen["port"] = live.port
        signal.raise_signal(signal.SIGINT)
        try:
            await asyncio.sleep(60)
        except asyncio.CancelledError:
            seen["cancelled"] = True
            raise

    try:
        with asyncio.Runner(loop_factory=NoSignalHandlersLoop) as runner:
            runner.run(asyncio.wait_for(serve_until_stopped(live, [ctrl_c()], "en"), 30))
    finally:
        service.close()
    assert seen["cancelled"] is True and sigint_guard == []
    with pytest.raises(ConnectionRefusedError), socket.create_connection(("127.0.0.1", seen["port"])):
        pass


def test_an_ended_process_not_yet_reaped_does_not_hold_anything():
    """A console killed with SIGKILL is a zombie until its parent reaps it: os.kill still
    finds it, and its log lock must be free for the console started right after."""
    child = subprocess.Popen(["sleep", "30"])
    try:
        assert portable.process_alive(child.pid)
        child.kill()
        deadline = time.monotonic() + 5
        while Path(f"/proc/{child.pid}/stat").read_text().rpartition(")")[2].split()[0] != "Z":
            assert time.monotonic() < deadline, "the child never became a zombie"
            time.sleep(0.01)
        assert not portable.process_alive(child.pid)  # killed, not reaped: still findable
    finally:
        child.wait()
