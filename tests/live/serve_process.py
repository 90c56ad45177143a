"""`sesja serve` as a real process for tests: started, its printed URLs read, stopped."""

import re
import signal
import subprocess
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from server.demo import demo_commands
from server.service import SittingService
from server.store import EventStore
from tests.cli import ROOT, sesja_argv, sesja_env
from tests.live.conftest import DAY


@dataclass
class Served:
    process: subprocess.Popen
    output: str  # what it printed before serving: the URLs and the token folder
    # Read in either language (`--lang`): the port ends the first line, the URLs' and the
    # tokens' names are the same in both.

    def url(self, name: str) -> str:
        return re.search(rf"^\s+{name}\s+(\S+)$", self.output, re.MULTILINE).group(1)

    @property
    def port(self) -> int:
        return int(re.search(r"^sesja serve: .*:(\d+)$", self.output, re.MULTILINE).group(1))


def demo_db(path: Path) -> Path:
    service = SittingService(EventStore(path))
    for command in demo_commands(DAY):
        service.execute(command, "test")
    service.close()
    return path


def start(*args: str, argv: Callable[..., list[str]] = sesja_argv) -> Served:
    """Starts `sesja serve ARGS` and waits for it to print its URLs (it serves by then);
    `argv` makes the command line (e.g. tests.windows.windows_sesja_argv)."""
    process = subprocess.Popen(argv("serve", *args), stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, text=True, env=sesja_env(), cwd=ROOT)
    lines: list[str] = []
    while not lines or "(control: " not in lines[-1]:  # the token folder's line, the last
        line = process.stdout.readline()
        if not line:
            process.kill()
            raise AssertionError(f"sesja serve did not start: {process.stderr.read()}")
        lines.append(line)
    return Served(process, "".join(lines))


def stop(served: Served) -> str:
    """SIGTERM, then its stderr; a process already gone (killed by the test) is fine."""
    if served.process.poll() is None:
        served.process.send_signal(signal.SIGCONT)  # a test may have frozen it
        served.process.send_signal(signal.SIGTERM)
    _, errors = served.process.communicate(timeout=30)
    return errors


@contextmanager
def serving(*args: str) -> Iterator[Served]:
    served = start(*args)
    try:
        yield served
    finally:
        stop(served)
