"""The console's garbage-collector policy.

Start-up (imports, the replay of the log, the first compose) allocates a great deal and
frees little, so the cyclic collector only wastes time there: `starting` turns it off.
`started`, once the first frame is drawn, freezes everything alive by then (modules, the
replayed state, the widgets) out of later collections and turns the collector back on, so
a full collection scans what the sitting made since, not the whole heap (without it, a
full collection took 120-350 ms on a 750-member chamber: missed frames). Even so a full
collection takes 4-35 ms, more than a frame, so `started` also stops the automatic ones and
the console runs them by hand with `collect_if_idle` when the keys pause.
`started` does nothing unless the collector is off (inside `starting`): an app in a test
suite leaves the collector as the suite set it.
"""

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def starting() -> Iterator[None]:
    """The collector is off in the block until `started` (or the block's end, whatever
    happened: a console that never drew its first frame leaves it on)."""
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


NEVER = 1 << 30  # a threshold for full collections that is never reached
PENDING = 10  # young collections since the last full one that make a full one worth it


def started() -> None:
    if not gc.isenabled():
        gc.freeze()
        young, middle, _full = gc.get_threshold()
        gc.set_threshold(young, middle, NEVER)
        gc.enable()


def collect_if_idle(idle_seconds: float, pause: float = 1.0) -> bool:
    """Runs the full collection `started` held back, once the keys have paused for `pause`
    seconds and enough has been collected young since the last one; True if it ran."""
    if gc.get_threshold()[2] != NEVER or idle_seconds < pause or gc.get_count()[2] < PENDING:
        return False
    gc.collect()
    return True


def ending() -> None:
    """At the process's end (the command line registers it with atexit): everything alive
    is frozen, so the collections Python runs as it ends pass over none of it. They found
    nothing worth freeing (the modules, the log's state: the process frees them whole) and
    cost every command a full pass over its heap: 0.1 s after `sesja apply` or `sesja
    serve` opened a term's log. The commands close the log, its files and its lock
    themselves; Python still flushes the standard streams."""
    gc.freeze()
