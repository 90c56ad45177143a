"""The console's garbage-collector policy.

Start-up (imports, the replay of the log, the first compose) allocates a great deal and
frees little, so the cyclic collector only wastes time there: `starting` turns it off.
`started`, once the first frame is drawn, freezes everything alive by then (modules, the
replayed state, the widgets) out of later collections and turns the collector back on, so
a full collection during a roll-call scans what the sitting made since, not the whole heap
(without it, a full collection took 100-200 ms on a 750-member chamber: a missed frame).
`started` does nothing unless `starting` ran: an app in a test suite leaves the collector
as the suite set it.
"""

import gc


def starting() -> None:
    gc.disable()


def started() -> None:
    if not gc.isenabled():
        gc.freeze()
        gc.enable()
