"""The PDF process kept between PDFs (pdf_engine.py --serve), so that a PDF does not pay
for starting Python, importing typst and loading the fonts (most of a small sitting's PDF).

It starts with the first PDF that needs it and lays out one PDF at a time. It retires
itself once it has grown (Typst's layout cache; see pdf_engine): its successor starts
then, to be ready for the next PDF. It is killed when the PDF it lays out is cancelled,
and replaced with the next PDF then, or when it is found dead. It reads its requests from
a pipe, so it ends with the process that started it; `close` (at exit) ends it at once.
The console and the server never import typst: only this child process does.
"""

import atexit
import os
import subprocess
import sys
import threading
from contextlib import ExitStack
from importlib.resources import as_file, files
from pathlib import Path
from typing import IO

FOLDER = files("server.publish")
# a kept process retires after this many PDFs, or once its resident memory passes the bound:
# a 45-member sitting's PDF adds a few MB to Typst's cache, a 750-member one 25 MB a vote
RETIRE_AFTER = 200
RETIRE_ABOVE = 400 * 2**20
# glibc's malloc (2.35 and later; other C libraries ignore it) asks the kernel for
# transparent huge pages for its heap: a 100 x 750 sitting's layout touches some 1.4 GB, which
# in 4 KB pages the kernel zeroes and maps 390,000 times (0.9 s of system time, 15 % of the
# PDF); in 2 MB pages some 20,000 times (0.4 s)
HUGE_PAGES = "glibc.malloc.hugetlb=1"


def engine_env() -> dict[str, str]:
    """The environment of a PDF process: ours, with malloc's huge pages unless the
    environment already sets that tunable (an operator's choice stands)."""
    tunables = [t for t in os.environ.get("GLIBC_TUNABLES", "").split(":") if t]
    if not any(t.startswith("glibc.malloc.hugetlb=") for t in tunables):
        tunables.append(HUGE_PAGES)
    return {**os.environ, "GLIBC_TUNABLES": ":".join(tunables)}


class Worker:
    """The one kept process; `claim` it for a PDF, then `release` or `end` it."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._process: subprocess.Popen[bytes] | None = None
        self._paths = ExitStack()  # the engine, fonts and templates as files while we run
        self._found: dict[str, Path] = {}

    def path(self, name: str) -> Path:
        """A resource beside this module (e.g. "templates/sitting.typ") as a file."""
        found = self._found.get(name)
        if found is None:
            found = self._found[name] = self._paths.enter_context(as_file(FOLDER / name))
        return found

    def claim(self) -> "subprocess.Popen[bytes] | None":
        """The kept process, started if it is not running, for the caller alone until it
        releases or ends it; None when another PDF has it (the caller starts a process of
        its own then)."""
        if not self._lock.acquire(blocking=False):
            return None
        try:
            if self._process is None or self._process.poll() is not None:
                self._process = self._spawn()
        except BaseException:
            self._lock.release()
            raise
        return self._process

    def release(self, retired: bool) -> None:
        """The caller is done; `retired`: the process said it ends (it is waited for, and
        its successor started now, to be ready by the next PDF)."""
        try:
            if retired:
                self._stop(kill=False)
                self._process = self._spawn()
        finally:
            self._lock.release()

    def end(self) -> None:
        """Kills the process (its PDF is cancelled, or it died) and releases it."""
        self._stop(kill=True)
        self._lock.release()

    def close(self) -> None:
        """Ends the process, if any, at once: idle, it has nothing to finish (at exit, a PDF
        still laid out after a second is killed with it)."""
        held = self._lock.acquire(timeout=1)
        try:
            self._stop(kill=True)
        finally:
            if held:
                self._lock.release()
        self._paths.close()
        self._found.clear()

    def _spawn(self) -> "subprocess.Popen[bytes]":
        return subprocess.Popen(
            [sys.executable, "-P", str(self.path("pdf_engine.py")), "--serve",
             str(self.path("fonts")), str(RETIRE_AFTER), str(RETIRE_ABOVE)],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
            env=engine_env())

    def _stop(self, kill: bool) -> None:
        process, self._process = self._process, None
        if process is None:
            return
        _close(process.stdin)  # the end of its requests: it returns
        if kill:
            process.kill()
        try:
            process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        _close(process.stdout)


def _close(stream: IO[bytes] | None) -> None:
    if stream is not None:
        try:
            stream.close()
        except OSError:  # a pipe whose reader is gone
            pass


WORKER = Worker()
atexit.register(WORKER.close)
