"""A real terminal for end-to-end tests: one tmux server of its own per test, keys in with
send-keys, the screen read with capture-pane."""

import shlex
import subprocess
import time
import uuid
from pathlib import Path

from tests.cli import ROOT, sesja_argv


class Terminal:
    """One tmux server of its own, running one command in a 160x50 window."""

    def __init__(self) -> None:
        self.socket = f"sesja-test-{uuid.uuid4().hex[:8]}"

    def tmux(self, *args: str) -> str:
        return subprocess.run(["tmux", "-L", self.socket, *args], check=True,
                              capture_output=True, text=True, timeout=30).stdout

    def start(self, *sesja_args: str, status_file: Path | None = None,
              cwd: Path | None = None, home: Path | None = None) -> None:
        """Runs `sesja ARGS`; with `status_file`, under a shell that writes its exit status
        there and then keeps the pane open, so what sesja printed last can be read (then
        `pid` is the shell's), otherwise as the pane's own process; in `cwd` (default: the
        checkout) with HOME set to `home` when given."""
        command = " ".join(shlex.quote(a) for a in sesja_argv(*sesja_args))
        env = f"-u COLUMNS -u LINES PYTHONPATH={shlex.quote(str(ROOT))} TERM=xterm-256color"
        if home is not None:
            env += f" HOME={shlex.quote(str(home))}"
        line = (f"env {env} {command}; echo $? > {shlex.quote(str(status_file))}; sleep 600"
                if status_file else f"exec env {env} {command}")
        self.tmux("new-session", "-d", "-x", "160", "-y", "50", "-c", str(cwd or ROOT), line)

    @staticmethod
    def exit_status(status_file: Path, timeout: float = 30) -> int:
        """Waits until the program started with `status_file` has ended; its exit status."""
        deadline = time.monotonic() + timeout
        while not status_file.is_file() or not status_file.read_text().strip():
            assert time.monotonic() < deadline, "the program did not end"
            time.sleep(0.1)
        return int(status_file.read_text())

    def screen(self) -> str:
        return self.tmux("capture-pane", "-p")

    def wait_for(self, *texts: str, timeout: float = 30) -> str:
        """The screen once every text is on it at once (a frame is written in pieces, so
        the capture that shows its first line may not show its last yet)."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            screen = self.screen()
            if all(text in screen for text in texts):
                return screen
            time.sleep(0.1)
        raise AssertionError(f"{texts!r} never appeared together; the screen:\n{self.screen()}")

    def keys(self, *keys: str, pause: float = 0.15) -> None:
        for key in keys:
            self.tmux("send-keys", key)
            time.sleep(pause)

    def type(self, text: str) -> None:
        self.tmux("send-keys", "-l", text)
        time.sleep(0.15)

    def send(self, *args: str) -> None:
        """One send-keys, no pause: keys as fast as a paste or a fast typist sends them."""
        self.tmux("send-keys", *args)

    def pid(self) -> int:
        return int(self.tmux("display-message", "-p", "#{pane_pid}").strip())

    def close(self) -> None:
        subprocess.run(["tmux", "-L", self.socket, "kill-server"], capture_output=True,
                       check=False)
