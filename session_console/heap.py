"""The console's garbage-collector policy.

Start-up (imports, the replay of the log, the first compose) allocates a great deal and
frees little, so the cyclic collector only wastes time there: `starting` turns it off.
`started`, once the first frame is drawn, freezes everything alive by then (modules, the
replayed state, the widgets) out of later collections and turns the collector back on, so
a full collection during a roll-call scans what the sitting made since, not the whole heap
(without it, a full collection took 120-350 ms on a 750-member chamber: missed frames).
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


def started() -> None:
    if not gc.isenabled():
        gc.freeze()
        gc.enable()
