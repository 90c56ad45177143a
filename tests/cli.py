"""Running the real `sesja` command line from tests, against this checkout's code."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def sesja_env() -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(ROOT), "PYTHONUNBUFFERED": "1"}


def sesja_argv(*args: str) -> list[str]:
    return [sys.executable, "-m", "session_console", *args]


def sesja(*args: str, input: str | None = None, timeout: float = 60) -> subprocess.CompletedProcess:
    """Runs `sesja ARGS` to completion and returns its exit code and output."""
    return subprocess.run(sesja_argv(*args), input=input, capture_output=True, text=True,
                          env=sesja_env(), cwd=ROOT, timeout=timeout, check=False)
