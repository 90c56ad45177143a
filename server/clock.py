"""The wall clock, in one place: the service stamps events with it and the console's
header shows it. Both take it as a parameter (`Clock`) so tests can freeze time."""

from collections.abc import Callable
from datetime import UTC, datetime

Clock = Callable[[], datetime]


def utc_now() -> datetime:
    return datetime.now(UTC)
