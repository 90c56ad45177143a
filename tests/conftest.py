"""Fixtures shared by every part of the suite."""

import pytest
from hypothesis import HealthCheck, settings

from tests.terminal import Terminal

# Hypothesis's own clocks (a 200 ms deadline per example, a health check on slow input
# generation) are timings in unit tests: on the shared 2-core machine a stall of the
# worker failed a merge-patch property after one 2 s draw. The properties keep their
# examples; speed is the benches' business.
settings.register_profile("sesja", deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile("sesja")


@pytest.fixture
def terminal():
    """A real terminal (tmux) of the test's own; closed after the test."""
    terminal = Terminal()
    yield terminal
    terminal.close()
