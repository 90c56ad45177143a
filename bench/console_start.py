"""Cold start of the console: a new process until its first usable frame, on a log of
10,000 events, beside a floor: a new process running a bare Textual app until its first
frame. Both run in a real pseudo-terminal (120x40); the clock stops when the frame's text
arrives on the terminal: for the console, the header with the sitting and the attendance
roster with the last member, drawn from the replayed state.

sesja's own modules are compiled to bytecode first, as installing it does (pip compiles on
install). This machine sets PYTHONDONTWRITEBYTECODE, so without that step every start would
compile the 75 modules anew (about 0.3 s) where a secretary's installed console does not.

    python3 -m bench.console_start [--events 10000] [--runs 5]
"""

import argparse
import compileall
import fcntl
import os
import pty
import select
import signal
import statistics
import struct
import sys
import tempfile
import termios
import time
from pathlib import Path

from bench.core_replay import build_log

ROOT = Path(__file__).resolve().parent.parent
TARGET_S = 1.5
FLOOR_APP = """
from textual.app import App
from textual.widgets import Static
class Floor(App):
    def compose(self):
        yield Static("Rada Gminy Floor gotowa")
Floor().run()
"""


def compile_sources() -> None:
    for package in ("models", "server", "session_console"):
        compileall.compile_dir(ROOT / package, quiet=1)


def first_frame_seconds(argv: list[str], marker: bytes, timeout: float = 60) -> float:
    """Starts `argv` on a new pseudo-terminal; seconds until `marker` is written to it."""
    pid, fd = pty.fork()
    if pid == 0:  # the child: becomes the program
        os.environ.update(TERM="xterm-256color", PYTHONPATH=str(ROOT), COLUMNS="120",
                          LINES="40")
        os.execvp(argv[0], argv)
    started = time.perf_counter()
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 120, 0, 0))
    seen = b""
    try:
        while time.perf_counter() - started < timeout:
            ready, _, _ = select.select([fd], [], [], 0.5)
            if not ready:
                continue
            try:
                chunk = os.read(fd, 65536)
            except OSError:
                break
            seen += chunk
            if marker in seen:
                return time.perf_counter() - started
        raise RuntimeError(f"{argv} never drew {marker!r}; last output: {seen[-300:]!r}")
    finally:
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        os.close(fd)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    compile_sources()
    with tempfile.TemporaryDirectory() as folder:
        db = Path(folder) / "sitting.db"
        build_log(db, args.events)
        console = [sys.executable, "-m", "session_console", "console", "--db", str(db)]
        floor = [sys.executable, "-c", FLOOR_APP]
        ours, bare = [], []
        for _ in range(args.runs):  # alternate, so both see the same noise
            ours.append(first_frame_seconds(console, "Żurawska Halina".encode()))
            bare.append(first_frame_seconds(floor, b"Rada Gminy Floor gotowa"))
    median, floor = statistics.median(ours), statistics.median(bare)
    verdict = "ok" if median <= TARGET_S else "MISSED"
    print(f"console_start: new process -> first usable frame, median {median:.2f} s of {args.runs} "
          f"(min {min(ours):.2f}, max {max(ours):.2f}; {args.events} events); floor (bare Textual "
          f"app) median {floor:.2f} s ({median / floor:.1f}x); target {TARGET_S} s: {verdict}")


if __name__ == "__main__":
    main()
