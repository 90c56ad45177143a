"""The sitting service: the one writer. Command in; events durable; then everyone is told.

`execute` is synchronous (scripts, tests). `submit` is for asyncio programs: the decide,
write and fold run on one dedicated writer thread so the event loop never waits on disk,
and listeners are then called on the loop.

Opening a log replays it after checking, without re-hashing, that its events link up and
that it ends where its head record says (a few milliseconds for 10,000 events); a damaged
log is refused with the first bad event named, so nothing is appended to it unnoticed.
`sesja verify` re-hashes every event and re-derives the projections too.
"""

import asyncio
import logging
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime

from models.chain import seal_event
from models.commands import Command
from models.decide import decide
from models.events import StoredEvent
from models.reducer import apply, fold
from models.state import Chamber
from server.store import EventStore, StoredRow, StoreError, stored_from_row
from server.verify import link_problem, tail_problem

Listener = Callable[[tuple[StoredEvent, ...], Chamber], None]
Clock = Callable[[], datetime]

log = logging.getLogger("sesja.service")


def utc_now() -> datetime:
    return datetime.now(UTC)


class SittingService:
    def __init__(self, store: EventStore, clock: Clock = utc_now) -> None:
        self.store = store
        self.clock = clock
        events = _checked_events(store)
        store.check_writable()
        self.state: Chamber = fold(events)
        self.last_at: datetime | None = events[-1].at if events else None
        self._lock = threading.Lock()
        self._listeners: list[Listener] = []
        self._writer = ThreadPoolExecutor(max_workers=1, thread_name_prefix="sesja-writer")

    def subscribe(self, listener: Listener) -> Callable[[], None]:
        """Calls `listener(events, state)` after each durable write; returns an unsubscribe."""
        self._listeners.append(listener)

        def unsubscribe() -> None:
            if listener in self._listeners:
                self._listeners.remove(listener)

        return unsubscribe

    def _now(self) -> datetime:
        now = self.clock()
        if self.last_at is not None and now < self.last_at:
            return self.last_at  # the log's times never go backwards
        return now

    def _commit(self, command: Command, actor: str) -> tuple[tuple[StoredEvent, ...], Chamber]:
        with self._lock:
            state = self.state
            bodies = decide(state, command)  # raises Rejection: nothing written
            at, sealed, prev, seq = self._now(), [], state.last_hash, state.last_seq
            for body in bodies:
                seq += 1
                item = seal_event(prev, seq, at, actor, body)
                sealed.append(item)
                prev = item.stored.hash
            self.store.append(sealed)  # raises StoreError: nothing written, state unchanged
            events = tuple(item.stored for item in sealed)
            for stored in events:
                state = apply(state, stored)
            self.state, self.last_at = state, at
            return events, state

    def _notify(self, events: tuple[StoredEvent, ...], state: Chamber) -> None:
        """Tells every listener the events and the state right after them (not a later one,
        which concurrent submits may already have made); a listener that fails is logged
        and the others are still told."""
        for listener in list(self._listeners):
            try:
                listener(events, state)
            except Exception:
                log.exception("a listener failed on events %d-%d; the events are written",
                              events[0].seq, events[-1].seq)

    def execute(self, command: Command, actor: str) -> tuple[StoredEvent, ...]:
        events, state = self._commit(command, actor)
        self._notify(events, state)
        return events

    async def submit(self, command: Command, actor: str) -> tuple[StoredEvent, ...]:
        loop = asyncio.get_running_loop()
        events, state = await loop.run_in_executor(self._writer, self._commit, command, actor)
        self._notify(events, state)
        return events

    def close(self) -> None:
        self._writer.shutdown(wait=True)
        self.store.close()


def _checked_events(store: EventStore) -> list[StoredEvent]:
    rows: list[StoredRow] = store.rows()
    problem = link_problem(rows) or tail_problem(rows, store.head())
    if problem is not None:
        raise StoreError(f"the event log {store.target} is damaged: {problem}; run "
                         f"`sesja verify --db {store.target}`. Nothing was written.")
    try:
        return [stored_from_row(row) for row in rows]
    except ValueError as error:  # pydantic's ValidationError is a ValueError
        raise StoreError(f"the event log {store.target} holds an unreadable event: {error}; "
                         f"run `sesja verify --db {store.target}`. Nothing was written.") from error
