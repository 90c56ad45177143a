"""Running the real `sesja` command line from tests, against this checkout's code."""

import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def sesja_env() -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(ROOT), "PYTHONUNBUFFERED": "1"}


def sesja_argv(*args: str) -> list[str]:
    return [sys.executable, "-m", "session_console", *args]


def sesja(*args: str, input: str | None = None, timeout: float = 60,
          argv: Callable[..., list[str]] = sesja_argv) -> subprocess.CompletedProcess:
    """Runs `sesja ARGS` to completion and returns its exit code and output; `argv` makes
    the command line (e.g. tests.windows.windows_sesja_argv)."""
    return subprocess.run(argv(*args), input=input, capture_output=True, text=True,
                          env=sesja_env(), cwd=ROOT, timeout=timeout, check=False)
