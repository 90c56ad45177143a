"""The console's garbage-collector policy: off while starting, the start-up heap frozen
once the first frame is drawn, and nothing changed for an app that did not start so."""

import gc

import pytest

from session_console import heap


def test_started_freezes_the_start_up_heap_and_turns_the_collector_on():
    try:
        with heap.starting():
            assert not gc.isenabled()
            heap.started()
            assert gc.isenabled()
            assert gc.get_freeze_count() > 0
    finally:
        gc.unfreeze()
    assert gc.isenabled()


def test_a_console_that_never_drew_a_frame_turns_the_collector_back_on():
    with pytest.raises(RuntimeError), heap.starting():
        raise RuntimeError("the log is damaged")
    assert gc.isenabled()


def test_started_outside_starting_changes_nothing():
    frozen = gc.get_freeze_count()
    heap.started()
    assert gc.isenabled()
    assert gc.get_freeze_count() == frozen
