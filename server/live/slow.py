"""What happens to a client that stops reading: decisions only, from byte counts and times.

A screen over the buffer limit is put aside (no more patches); once its buffer is empty it
gets one fresh snapshot, and if it has not drained within the stall timeout it is closed.
A console over the limit is closed at once: it cannot skip events as a screen skips
patches, and its reconnect with `since` brings what it missed from the log.
"""

from dataclasses import dataclass
from enum import Enum

from websockets.asyncio.server import ServerConnection

CONSOLE_TOO_SLOW = "console too slow: reconnect with since"
SCREEN_TOO_SLOW = "client too slow: stopped reading"
CATCH_UP_POLL_S = 0.05  # how often a screen put aside is looked at


class CatchUp(Enum):
    WAIT = "wait"  # still draining, time left
    SNAPSHOT = "snapshot"  # drained: send it a fresh snapshot
    CLOSE = "close"  # still full at the deadline


@dataclass(frozen=True)
class SlowClientPolicy:
    buffer_limit: int = 256 * 1024
    stall_timeout_s: float = 10.0

    def too_far_behind(self, buffered: int) -> bool:
        """More unsent bytes than the limit: a screen is put aside, a console closed."""
        return buffered > self.buffer_limit

    def catch_up(self, buffered: int, since: float, now: float) -> CatchUp:
        """For a screen put aside at `since`: what to do with it at `now`."""
        if buffered == 0:
            return CatchUp.SNAPSHOT
        return CatchUp.CLOSE if now >= since + self.stall_timeout_s else CatchUp.WAIT


def buffered(connection: ServerConnection) -> int:
    """The bytes written to this connection that the network has not taken yet."""
    transport = connection.transport
    return 0 if transport is None else transport.get_write_buffer_size()
