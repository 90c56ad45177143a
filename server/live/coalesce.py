"""When the display views are refreshed: leading-edge coalescing in a window (50 ms).

The first change after a quiet window is refreshed at once (no added latency for a single
action); changes inside the window ride in one refresh at its end. Times are passed in
(the event loop's clock), so the decision is a plain object.
"""

import math


class Coalescer:
    def __init__(self, window_s: float) -> None:
        self.window_s = window_s
        self.due = False  # a refresh is scheduled (at once or later): changes ride along
        self._last = -math.inf

    def change(self, now: float) -> float | None:
        """A change at `now`: the seconds until the refresh that will carry it (0: at once),
        or None when a refresh is already due and carries it."""
        if self.due:
            return None
        self.due = True  # until the caller says it `refreshed`
        return max(0.0, self._last + self.window_s - now)

    def refreshed(self, now: float) -> None:
        """The views were refreshed at `now`: the window starts again."""
        self.due = False
        self._last = now

    def cancel(self) -> None:
        """The scheduled refresh will not happen (the server stops)."""
        self.due = False
