"""The sitting service: the one writer. Command in; events durable; then everyone is told.

`execute` is synchronous (scripts, tests). `submit` is for asyncio programs: the decide,
write and fold run on one dedicated writer thread so the event loop never waits on disk,
and listeners are then called on the loop.
"""

import asyncio
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime

from models.chain import seal
from models.commands import Command
from models.decide import decide
from models.events import StoredEvent
from models.reducer import apply, fold
from models.state import Chamber
from server.store import EventStore

Listener = Callable[[tuple[StoredEvent, ...], Chamber], None]
Clock = Callable[[], datetime]


def utc_now() -> datetime:
    return datetime.now(UTC)


class SittingService:
    def __init__(self, store: EventStore, clock: Clock = utc_now) -> None:
        self.store = store
        self.clock = clock
        events = store.load()
        self.state: Chamber = fold(events)
        self.last_at: datetime | None = events[-1].at if events else None
        self._lock = threading.Lock()
        self._listeners: list[Listener] = []
        self._writer = ThreadPoolExecutor(max_workers=1, thread_name_prefix="sesja-writer")

    def subscribe(self, listener: Listener) -> Callable[[], None]:
        """Calls `listener(events, state)` after each durable write; returns an unsubscribe."""
        self._listeners.append(listener)
        return lambda: self._listeners.remove(listener)

    def _now(self) -> datetime:
        now = self.clock()
        if self.last_at is not None and now < self.last_at:
            return self.last_at  # the log's times never go backwards
        return now

    def _commit(self, command: Command, actor: str) -> tuple[StoredEvent, ...]:
        with self._lock:
            state = self.state
            bodies = decide(state, command)  # raises Rejection: nothing written
            at, sealed, prev, seq = self._now(), [], state.last_hash, state.last_seq
            for body in bodies:
                seq += 1
                stored = seal(prev, seq, at, actor, body)
                sealed.append(stored)
                prev = stored.hash
            self.store.append(sealed)
            for stored in sealed:
                state = apply(state, stored)
            self.state, self.last_at = state, at
            return tuple(sealed)

    def _notify(self, events: tuple[StoredEvent, ...]) -> None:
        state = self.state
        for listener in list(self._listeners):
            listener(events, state)

    def execute(self, command: Command, actor: str) -> tuple[StoredEvent, ...]:
        events = self._commit(command, actor)
        self._notify(events)
        return events

    async def submit(self, command: Command, actor: str) -> tuple[StoredEvent, ...]:
        loop = asyncio.get_running_loop()
        events = await loop.run_in_executor(self._writer, self._commit, command, actor)
        self._notify(events)
        return events

    def close(self) -> None:
        self._writer.shutdown(wait=True)
        self.store.close()
