"""The consoles' stream: every stored event, once, in seq order, to every control client.

Writers on different threads may tell the server of their events out of order; `EventOrder`
holds an event back until those before it have come (a console folds them one after
another and checks each link). A console that is reading the log to join collects what
comes meanwhile, so between the log and the live stream nothing is lost or doubled.
"""

import asyncio
from collections.abc import Callable, Hashable, Sequence
from typing import Any, Generic, TypeVar

from websockets.asyncio.server import ServerConnection, broadcast

from models.events import StoredEvent
from server.live.protocol import CLOSE_TOO_SLOW, encode, events_message
from server.live.slow import CONSOLE_TOO_SLOW, SlowClientPolicy, buffered

K = TypeVar("K", bound=Hashable)


class EventOrder(Generic[K]):
    """Puts events back in seq order; no I/O, the joining consoles are plain keys."""

    def __init__(self, next_seq: int = 0) -> None:
        self.next_seq = next_seq  # the first event not yet passed on
        self.held: dict[int, StoredEvent] = {}  # events that came before an earlier one
        self.joining: dict[K, list[StoredEvent]] = {}

    def arrive(self, events: Sequence[StoredEvent]) -> list[StoredEvent]:
        """The events that can go out now, in seq order (also added to every joining list);
        events already passed on are ignored."""
        self.held.update((e.seq, e) for e in events if e.seq >= self.next_seq)
        ready = []
        while self.next_seq in self.held:
            ready.append(self.held.pop(self.next_seq))
            self.next_seq += 1
        for pending in self.joining.values():
            pending.extend(ready)
        return ready

    def begin_join(self, key: K) -> list[StoredEvent]:
        """A console starts reading the log: the list that collects what comes meanwhile."""
        pending: list[StoredEvent] = []
        self.joining[key] = pending
        return pending

    def end_join(self, key: K) -> None:
        del self.joining[key]


def joined_log(stored: Sequence[StoredEvent], pending: Sequence[StoredEvent],
               since: int) -> tuple[list[StoredEvent], int]:
    """A joining console's first events (the log after `since`, then what came while it was
    read, none twice) and the last seq it then holds."""
    events = [e for e in stored if e.seq > since]
    last = events[-1].seq if events else since
    events += [e for e in pending if e.seq > last]
    return events, events[-1].seq if events else since


class Consoles:
    """The control connections and the ordered fan-out of events to them."""

    def __init__(self, policy: SlowClientPolicy,
                 status: Callable[[], dict[str, Any]] | None = None) -> None:
        self.policy = policy
        self.status = status  # the server's `status` message, sent to each console
        self.connections: set[ServerConnection] = set()
        self.watching: set[ServerConnection] = set()  # consoles that asked for `status`
        self.order: EventOrder[ServerConnection] = EventOrder()
        self._closing: set[asyncio.Task[None]] = set()

    def begin_join(self, connection: ServerConnection) -> list[StoredEvent]:
        return self.order.begin_join(connection)

    def end_join(self, connection: ServerConnection) -> None:
        self.order.end_join(connection)

    def add(self, connection: ServerConnection, status: bool = False) -> None:
        self.connections.add(connection)
        if status and self.status is not None:
            self.watching.add(connection)
            broadcast((connection,), encode(self.status()))

    def announce(self) -> None:
        """Tells the consoles that asked the server's status (the number of screens changed)."""
        if self.status is not None and self.watching:
            broadcast(self.watching, encode(self.status()))

    def discard(self, connection: ServerConnection) -> None:
        self.connections.discard(connection)
        self.watching.discard(connection)

    def forward(self, events: Sequence[StoredEvent]) -> None:
        """Sends the events that are ready to every console; called on the event loop."""
        ready = self.order.arrive(events)
        if not ready:
            return
        for console in [c for c in self.connections
                        if self.policy.too_far_behind(buffered(c))]:
            self._drop(console)
        if self.connections:
            broadcast(self.connections, encode(events_message(ready, ready[-1].seq)))

    def _drop(self, console: ServerConnection) -> None:
        """A console that stopped reading is closed; its reconnect brings what it missed."""
        self.discard(console)
        task = asyncio.get_running_loop().create_task(
            console.close(CLOSE_TOO_SLOW, CONSOLE_TOO_SLOW))
        self._closing.add(task)
        task.add_done_callback(self._closing.discard)

    def cancel(self) -> None:
        for task in list(self._closing):
            task.cancel()  # the server's close ends those connections
