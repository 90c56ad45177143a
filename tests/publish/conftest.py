"""Fixtures shared by the publication tests."""

import os
from pathlib import Path

import pytest


@pytest.fixture
def unwritable(tmp_path):
    """A folder where no file can be made: read-only by its mode, or, for root (whom modes
    do not stop), /sys."""
    if os.geteuid() == 0:
        yield Path("/sys")
        return
    folder = tmp_path / "tylko-do-odczytu"
    folder.mkdir(mode=0o500)
    yield folder
    folder.chmod(0o700)
