"""The cyclic garbage collector, paused while a whole log is read and folded.

A replay allocates millions of small objects and frees few: what it makes becomes the
state. The collector's passes over them (each young generation, and full collections as
the heap grows) find nothing to free and cost a third of the replay's time. Pausing it is
not IO: the fold stays pure; a caller that had it off (the console's start) keeps it off.
"""

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def collector_paused() -> Iterator[None]:
    was_on = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_on:
            _to_oldest_generation()
            gc.enable()


def _to_oldest_generation() -> None:
    """Every tracked object moved to the oldest generation, unscanned. What the pause made
    (the state, millions of objects) would otherwise all sit in the youngest generation,
    and the first allocation after the pause would scan them all (a second of a 200,000-
    event replay) only to find them alive. `freeze` empties the generations into the
    permanent one and resets the young generation's count; `unfreeze` puts them all in the
    oldest, scanned by the full collections Python runs as the heap grows. A program that
    froze a heap of its own (the console, once started: `session_console.heap`) keeps it
    frozen: nothing is moved then."""
    if gc.get_freeze_count() == 0:
        gc.freeze()
        gc.unfreeze()
