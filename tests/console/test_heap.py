"""The console's garbage-collector policy: off while starting, the start-up heap frozen
once the first frame is drawn, and nothing changed for an app that did not start so."""

import gc
import subprocess
import sys

import pytest

from session_console import heap
from tests.cli import ROOT, sesja_env


@pytest.fixture
def thresholds():
    kept = gc.get_threshold()
    yield
    gc.unfreeze()
    gc.set_threshold(*kept)


def test_started_freezes_the_start_up_heap_and_turns_the_collector_on(thresholds):
    with heap.starting():
        assert not gc.isenabled()
        heap.started()
        assert gc.isenabled()
        assert gc.get_freeze_count() > 0
        assert gc.get_threshold()[2] == heap.NEVER  # full collections wait for a pause
    assert gc.isenabled()


def make_young_collections(count: int) -> None:
    for _ in range(count):
        gc.collect(1)


def test_the_held_back_full_collection_runs_only_in_a_pause_with_enough_pending(thresholds):
    with heap.starting():
        heap.started()
        make_young_collections(heap.PENDING)
        assert not heap.collect_if_idle(0.2)  # keys are still coming
        assert heap.collect_if_idle(1.5)
        assert gc.get_count()[2] == 0
        assert not heap.collect_if_idle(5.0)  # nothing pending since


def test_collect_if_idle_leaves_an_app_that_did_not_start_so_alone():
    make_young_collections(heap.PENDING)
    assert not heap.collect_if_idle(60.0)


def test_a_console_that_never_drew_a_frame_turns_the_collector_back_on():
    with pytest.raises(RuntimeError), heap.starting():
        raise RuntimeError("the log is damaged")
    assert gc.isenabled()


def test_started_outside_starting_changes_nothing():
    frozen = gc.get_freeze_count()
    heap.started()
    assert gc.isenabled()
    assert gc.get_freeze_count() == frozen


ENDING = """
import atexit, gc, sys
atexit.register(lambda: print("frozen at exit:", gc.get_freeze_count() > 0, file=sys.stderr))
from session_console.cli import main
print("frozen before:", gc.get_freeze_count() > 0)
sys.exit(main(["schema"]))
"""


def test_a_command_ends_with_its_heap_frozen_so_the_exit_collects_none_of_it():
    """heap.ending: the full collections Python runs as a process ends skip what lived."""
    run = subprocess.run([sys.executable, "-c", ENDING], capture_output=True, text=True,
                         env=sesja_env(), cwd=ROOT, timeout=60, check=False)
    assert run.returncode == 0, run.stderr
    assert run.stdout.splitlines()[0] == "frozen before: False"
    assert run.stderr.splitlines()[-1] == "frozen at exit: True"
