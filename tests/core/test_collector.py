"""The collector paused for a replay: what the pause made is not left in the youngest
generation for the first allocation after it to scan, and a heap a program froze stays so."""

import gc

from models.collector import collector_paused


def _made_in_a_pause() -> list[list[int]]:
    with collector_paused():
        assert not gc.isenabled()
        return [[n] for n in range(50_000)]


def test_what_a_pause_made_goes_to_the_oldest_generation():
    assert gc.isenabled()
    kept = _made_in_a_pause()
    assert gc.isenabled()
    young, middle, _old = gc.get_count()
    assert young < 1_000 and middle == 0  # no young collection is due over the 50,000
    assert gc.is_tracked(kept[0]) and len(kept) == 50_000


def test_a_frozen_heap_stays_frozen_and_a_caller_with_the_collector_off_keeps_it_off():
    gc.freeze()
    try:
        frozen = gc.get_freeze_count()
        _made_in_a_pause()
        # still frozen (moving it would leave 0); not "== frozen": a frozen object another
        # thread frees meanwhile (pytest-xdist's) leaves the permanent generation too
        assert gc.get_freeze_count() > frozen // 2
        gc.disable()
        try:
            _made_in_a_pause()
            assert not gc.isenabled()
        finally:
            gc.enable()
    finally:
        gc.unfreeze()
