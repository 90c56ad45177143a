"""Fixtures shared by every part of the suite."""

import pytest

from tests.terminal import Terminal


@pytest.fixture
def terminal():
    """A real terminal (tmux) of the test's own; closed after the test."""
    terminal = Terminal()
    yield terminal
    terminal.close()
