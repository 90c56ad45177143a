"""Cold start of the console: a new process until its first usable frame, on a log of
10,000 events (or as many as asked, one long sitting or a whole term), beside a floor: a new
process running a bare Textual app until its first frame. Both run in a real
pseudo-terminal (120x40); the clock stops when the frame's text arrives on the terminal:
for the console, the header with the sitting and the attendance roster with the last member,
drawn from the replayed state.

sesja's own modules are compiled to bytecode first, as installing it does (pip compiles on
install). This machine sets PYTHONDONTWRITEBYTECODE, so without that step every start would
compile the 75 modules anew (about 0.3 s) where a secretary's installed console does not.

The line also gives the console's peak memory (VmHWM when the frame arrived), the time
and peak memory of `sesja apply` adding one check-in to the same log (a new process opening
the log, replaying it, deciding, appending), the start every headless command pays, and
the start of `sesja serve` on the log: a new process until the chamber screen's JSON view
(the URL it prints) answers with the sitting, what a display operator calls "serving".
Each of the three has the same target (issue 12: within 1 s on a term-long log).

The log gets a checkpoint at its end first, as its writer leaves it (at a sitting's close,
every 10,000 events and on a clean exit); `--no-checkpoint` measures a start that folds
every event (a log written before checkpoints, or one whose checkpoints are refused).

    python3 -m bench.console_start [--shape day|term] [--events 10000] [--runs 5] [--no-checkpoint]
"""

import argparse
import compileall
import fcntl
import json
import os
import pty
import select
import shutil
import signal
import statistics
import struct
import subprocess
import sys
import tempfile
import termios
import time
import urllib.request
from pathlib import Path

from bench.core_replay import SHAPES, build_log, peak_mb
from models.reducer import fold
from server.service import SittingService
from server.store import EventStore

ROOT = Path(__file__).resolve().parent.parent
TARGET_S = 1.0
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


def first_frame_seconds(argv: list[str], marker: bytes,
                        timeout: float = 60) -> tuple[float, float]:
    """Starts `argv` on a new pseudo-terminal; seconds until `marker` is written to it, and
    the process's peak memory then (MB)."""
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
                return time.perf_counter() - started, peak_mb(pid)
        raise RuntimeError(f"{argv} never drew {marker!r}; last output: {seen[-300:]!r}")
    finally:
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        os.close(fd)


def apply_seconds(db: Path, script: Path) -> tuple[float, float]:
    """`sesja apply` of one command on a copy of the log: seconds and peak memory (MB, read
    while it runs: its last reading before it ends)."""
    copy = db.with_name("apply.db")
    shutil.copyfile(db, copy)
    argv = [sys.executable, "-m", "session_console", "apply", "--db", str(copy), str(script)]
    started = time.perf_counter()
    process = subprocess.Popen(argv, env={**os.environ, "PYTHONPATH": str(ROOT)},
                               stdout=subprocess.DEVNULL)
    peak = 0.0
    while process.poll() is None:
        try:
            peak = max(peak, peak_mb(process.pid))
        except (OSError, StopIteration):  # gone between poll and read
            pass
        time.sleep(0.005)
    seconds = time.perf_counter() - started
    copy.unlink()
    if process.returncode != 0:
        raise RuntimeError(f"sesja apply failed on {db}: status {process.returncode}")
    return seconds, peak


def serve_seconds(db: Path, timeout: float = 60) -> tuple[float, float]:
    """`sesja serve` on a copy of the log, a new process until its chamber JSON view answers
    200 with the sitting: seconds, and the process's peak memory then (MB)."""
    copy = db.with_name("serve.db")
    shutil.copyfile(db, copy)
    argv = [sys.executable, "-m", "session_console", "serve", "--db", str(copy), "--port", "0"]
    started = time.perf_counter()
    process = subprocess.Popen(argv, env={**os.environ, "PYTHONPATH": str(ROOT)},
                               stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    try:
        assert process.stdout is not None
        for line in process.stdout:  # the URLs follow the first line, in either language
            if line.split()[:1] == ["chamber_json"]:
                with urllib.request.urlopen(line.split()[1], timeout=timeout) as answer:
                    body = json.loads(answer.read())
                seconds = time.perf_counter() - started
                if answer.status != 200 or not body:
                    raise RuntimeError(f"sesja serve answered {answer.status}: {body!r}")
                return seconds, peak_mb(process.pid)
        raise RuntimeError(f"sesja serve on {db} ended without its URLs")
    finally:
        process.terminate()
        process.wait(timeout)
        for leftover in copy.parent.glob("serve.db*"):
            shutil.rmtree(leftover) if leftover.is_dir() else leftover.unlink()


def one_command(db: Path) -> dict[str, str]:
    """A command the log's current sitting accepts: its last member checks in or out."""
    store = EventStore(db)
    sitting = fold(store.load()).sitting
    store.close()
    assert sitting is not None and sitting.is_open
    member = sitting.roster[-1].id
    return {"type": "check_out" if sitting.is_present(member) else "check_in", "member": member}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shape", choices=sorted(SHAPES), default="day")
    parser.add_argument("--events", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--no-checkpoint", action="store_true",
                        help="leave the log without a checkpoint: every start folds it all")
    args = parser.parse_args()
    load_before = os.getloadavg()[0]
    compile_sources()
    with tempfile.TemporaryDirectory() as folder:
        db = Path(folder) / "sitting.db"
        build_log(db, args.events, args.shape)
        if not args.no_checkpoint:  # as the log's writer leaves it (`server.checkpoints`)
            SittingService(EventStore(db)).close()
        script = Path(folder) / "one.jsonl"
        script.write_text(json.dumps(one_command(db)) + "\n")
        console = [sys.executable, "-m", "session_console", "console", "--db", str(db)]
        floor = [sys.executable, "-c", FLOOR_APP]
        ours, bare, peaks, applies, apply_peaks, serves, serve_peaks = [], [], [], [], [], [], []
        for _ in range(args.runs):  # alternate, so both see the same noise
            seconds, peak = first_frame_seconds(console, "Żurawska Halina".encode())
            ours.append(seconds)
            peaks.append(peak)
            bare.append(first_frame_seconds(floor, b"Rada Gminy Floor gotowa")[0])
            seconds, peak = apply_seconds(db, script)
            applies.append(seconds)
            apply_peaks.append(peak)
            seconds, peak = serve_seconds(db)
            serves.append(seconds)
            serve_peaks.append(peak)
    median, floor = statistics.median(ours), statistics.median(bare)
    apply_median, serve_median = statistics.median(applies), statistics.median(serves)
    missed = [name for name, seconds in (("console", median), ("apply", apply_median),
                                         ("serve", serve_median)) if seconds > TARGET_S]
    verdict = f"MISSED by {', '.join(missed)}" if missed else "ok"
    start = "folding every event" if args.no_checkpoint else "from a checkpoint"
    print(f"console_start: {args.shape} {start}, new process -> first usable frame, median {median:.2f} s "
          f"of {args.runs} (min {min(ours):.2f}, max {max(ours):.2f}; {args.events} events); "
          f"floor (bare Textual app) median {floor:.2f} s ({median / floor:.1f}x); peak memory "
          f"{max(peaks):.0f} MB; sesja apply of one command median {apply_median:.2f} s, "
          f"peak {max(apply_peaks):.0f} MB; sesja serve until its chamber view answers median "
          f"{serve_median:.2f} s, peak {max(serve_peaks):.0f} MB; load average "
          f"{load_before:.1f}-{os.getloadavg()[0]:.1f}; target {TARGET_S} s each: {verdict}")


if __name__ == "__main__":
    main()
