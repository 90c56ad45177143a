"""The screens' refreshes are coalesced, leading edge, in a 50 ms window (server.live.
coalesce), with explicit times and no sleeps."""

import pytest

from server.live.coalesce import Coalescer
from server.live.protocol import COALESCE_S


def test_a_single_change_after_a_quiet_window_is_refreshed_at_once():
    coalescer = Coalescer(COALESCE_S)
    assert coalescer.change(now=10.0) == 0.0
    coalescer.refreshed(10.0)
    assert coalescer.change(now=10.2) == 0.0  # long after the window


def test_two_changes_within_50_ms_make_one_refresh_at_the_end_of_the_window():
    coalescer = Coalescer(COALESCE_S)
    assert coalescer.change(now=10.0) == 0.0
    coalescer.refreshed(10.0)
    wait = coalescer.change(now=10.01)
    assert wait == pytest.approx(0.04)  # scheduled for 10.05
    assert coalescer.change(now=10.02) is None  # rides in that refresh
    coalescer.refreshed(10.05)
    assert coalescer.change(now=10.06) == pytest.approx(0.04)  # a new window from 10.05


def test_a_refresh_that_never_came_does_not_block_the_next_one():
    coalescer = Coalescer(COALESCE_S)
    coalescer.refreshed(10.0)
    assert coalescer.change(now=10.01) == pytest.approx(0.04)
    coalescer.cancel()  # the server stopped before it
    assert coalescer.change(now=10.02) == pytest.approx(0.03)
