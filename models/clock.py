"""The wall clock, in one place: the service stamps events with it and the console's
header shows it. Both take it as a parameter (`Clock`) so tests can freeze time. It lives
in the domain so that the console's screens need not reach into the server for it; the
reducer and the rules never call it (an event carries its time)."""

from collections.abc import Callable
from datetime import UTC, datetime

Clock = Callable[[], datetime]


def utc_now() -> datetime:
    return datetime.now(UTC)
