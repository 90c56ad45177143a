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
            gc.enable()
