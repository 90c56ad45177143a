"""The sitting service: the one writer. Command in; events durable; then everyone is told.

`execute` is synchronous (scripts, tests). `submit` is for asyncio programs: the decide,
write and fold run on one dedicated writer thread so the event loop never waits on disk,
and listeners are then called on the loop. Submits that wait while the writer is busy are
committed together (a group commit): each is decided on the state the ones before it
made, all their events go in one transaction, and each caller is answered (its events, or
its own refusal) only after that transaction's commit. So a burst of device presses costs
one disk sync per group, not one per press, and nothing is acknowledged before it is
durable.

Opening a log starts from its newest checkpoint that holds up against the chain, then
re-hashes and folds every event after it (all of them when there is none; see
`server.log_open`); a damaged or edited log is refused with the first bad event named,
so nothing is served from it or appended to it unnoticed. `sesja verify` re-derives
everything from the events, the projections and every checkpoint included.

A checkpoint is written after the events that close a sitting, after `checkpoints.EVERY`
events since the last one, and when the service closes: always after the events are
durable and their callers answered (for `submit`: once the group's answers are handed to
their loops, on the writer thread, before its next group), so it never delays an
acknowledgement; one that fails to be written is logged and costs only time.
"""

import asyncio
import logging
import threading
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import datetime

from models import events as ev
from models.chain import Sealed, stored_link_hash
from models.clock import Clock, utc_now
from models.commands import Command
from models.events import StoredEvent
from models.listeners import Listener
from models.reducer import fold
from models.rejection import Rejection
from models.state import Chamber
from models.step import step
from server import checkpoints
from server.log_open import Opened, open_log
from server.log_rows import stored_from_row
from server.store import EventStore, LogMovedOn, StoreError

log = logging.getLogger("sesja.service")


class BatchRejected(Exception):
    """Command number `index` (from 0) of a batch was rejected; nothing of it was written."""

    def __init__(self, index: int, rejection: Rejection) -> None:
        super().__init__(f"command {index + 1}: {rejection.en}")
        self.index = index
        self.rejection = rejection


@dataclass(frozen=True)
class _Waiting:
    """A submitted command waiting for the writer, and where to answer it."""

    command: Command
    actor: str
    loop: asyncio.AbstractEventLoop
    future: "asyncio.Future[tuple[StoredEvent, ...]]"


# what one waiting command came to: its events, or why it was not written
Outcome = tuple[StoredEvent, ...] | Exception


class SittingService:
    def __init__(self, store: EventStore, clock: Clock = utc_now,
                 opened: Opened | None = None) -> None:
        """`opened`: the log as already read and checked, under the writer lock held since
        (`server.deferred_service`); otherwise the store opens it."""
        self.store = store
        self.clock = clock
        opened = opened or open_log(store)
        store.check_writable()
        self.state: Chamber = opened.state
        self.last_at: datetime | None = opened.last_at
        self._checkpointed = opened.checkpoint_seq  # the newest checkpoint's event
        self._parts = opened.parts
        self._checkpoint_lock = threading.Lock()
        self._lock = threading.Lock()
        self._listeners: list[Listener] = []
        self._on_close: list[Callable[[], None]] = []
        self._writer = ThreadPoolExecutor(max_workers=1, thread_name_prefix="sesja-writer")
        self._queue_lock = threading.Lock()
        self._waiting: list[_Waiting] = []  # submits the writer has not taken yet
        self._draining = False  # the writer is taking groups off `_waiting`

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

    def _commit(self, commands: Sequence[Command],
                actor: str) -> tuple[tuple[StoredEvent, ...], Chamber]:
        """Decides every command in memory, then writes all their events in one transaction.

        If another process appended to the log meanwhile, its events are read and folded
        first (and told to the listeners with these), and the commands decided again on
        the state they made: a console never fails key after key on a log that moved on."""
        with self._lock:
            try:
                return self._decide_and_write(commands, actor, ())
            except LogMovedOn:
                caught = self._catch_up()
                return self._decide_and_write(commands, actor, caught)

    def _decide_and_write(self, commands: Sequence[Command], actor: str,
                          caught: tuple[StoredEvent, ...]
                          ) -> tuple[tuple[StoredEvent, ...], Chamber]:
        state, at = self.state, self._now()
        sealed: list[Sealed] = []
        for index, command in enumerate(commands):
            try:
                done = step(state, command, at, actor)
            except Rejection as rejection:  # nothing written
                if caught:
                    self._notify(caught, state)
                raise BatchRejected(index, rejection) from rejection
            state = done.state
            sealed.extend(done.sealed)
        self.store.append(sealed)  # raises StoreError: nothing written, state unchanged
        self.state, self.last_at = state, at
        return (*caught, *(item.stored for item in sealed)), state

    def _catch_up(self) -> tuple[StoredEvent, ...]:
        """Folds the events other processes appended after ours; the log must go on from
        where this service's state ends (same seq and hash), or it is refused."""
        rows = self.store.rows(self.state.last_seq + 1)  # only those after ours
        seq, previous = self.state.last_seq, self.state.last_hash
        for row in rows:  # linked and re-hashed, as opening a log checks every event
            if (row.seq != seq + 1 or row.prev_hash != previous
                    or stored_link_hash(previous, row.seq, row.at, row.actor, row.payload) != row.hash):
                raise StoreError(f"the event log {self.store.target} changed under this "
                                 f"program (event {row.seq} does not follow event {seq}); "
                                 "restart to reload it",
                                 f"dziennik zdarzeń {self.store.target} zmienił się bez "
                                 f"wiedzy tego programu (zdarzenie {row.seq} nie następuje "
                                 f"po zdarzeniu {seq}); uruchom program ponownie, aby "
                                 "wczytać dziennik")
            seq, previous = row.seq, row.hash
        if not rows:
            raise StoreError(f"the event log {self.store.target}'s head moved but no event "
                             "follows ours; run `sesja verify`",
                             f"dziennik zdarzeń {self.store.target} zapowiada nowe zdarzenia, "
                             "ale żadne nie następuje po naszych; sprawdź go poleceniem "
                             "`sesja verify`")
        caught = tuple(stored_from_row(row) for row in rows)
        self.state = fold(caught, self.state)
        self.last_at = max(self.last_at or caught[-1].at, caught[-1].at)
        log.info("caught up with events %d-%d written by another process",
                 caught[0].seq, caught[-1].seq)
        return caught

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
        """Raises Rejection (nothing written) or StoreError (nothing written)."""
        try:
            events, state = self._commit((command,), actor)
        except BatchRejected as batch:
            raise batch.rejection from None
        self._notify(events, state)
        self._checkpoint_if_due(events, state)
        return events

    def execute_all(self, commands: Sequence[Command], actor: str) -> tuple[StoredEvent, ...]:
        """Several commands as one: all their events are written in one transaction, or none
        (BatchRejected names the command that was refused). Listeners are told once."""
        events, state = self._commit(commands, actor)
        if events:
            self._notify(events, state)
            self._checkpoint_if_due(events, state)
        return events

    async def submit(self, command: Command, actor: str) -> tuple[StoredEvent, ...]:
        """Raises Rejection or StoreError (nothing of this command written). Returns once the
        command's events are durable, perhaps in one transaction with other submits'."""
        loop = asyncio.get_running_loop()
        future: asyncio.Future[tuple[StoredEvent, ...]] = loop.create_future()
        with self._queue_lock:
            self._waiting.append(_Waiting(command, actor, loop, future))
            start, self._draining = not self._draining, True
        if start:
            self._writer.submit(self._drain)
        return await future

    def _drain(self) -> None:
        """On the writer thread: commits what waits, a group at a time, until nothing does."""
        try:
            while True:
                with self._queue_lock:
                    group, self._waiting = self._waiting, []
                    if not group:
                        self._draining = False
                        return
                outcomes, events, state = self._commit_group(group)
                self._deliver(group, outcomes, events, state)
                self._checkpoint_if_due(events, state)  # the answers are on their way
        except BaseException:  # a bug: the next submit starts a writer again, not a hang
            with self._queue_lock:
                self._draining = False
            log.exception("the writer failed while answering a group of commands")
            raise

    def _commit_group(self, group: Sequence[_Waiting]
                      ) -> tuple[list[Outcome], tuple[StoredEvent, ...], Chamber]:
        """Every waiting command decided in turn and written in one transaction: (what each
        came to, every event to tell the listeners, the state after them)."""
        with self._lock:
            try:
                try:
                    return self._decide_group(group, ())
                except LogMovedOn:
                    return self._decide_group(group, self._catch_up())
            except Exception as failure:  # StoreError, or a bug: nothing of the group written
                return [failure] * len(group), (), self.state

    def _decide_group(self, group: Sequence[_Waiting], caught: tuple[StoredEvent, ...]
                      ) -> tuple[list[Outcome], tuple[StoredEvent, ...], Chamber]:
        state, at = self.state, self._now()
        outcomes: list[Outcome] = []
        sealed: list[Sealed] = []
        for waiting in group:
            try:
                done = step(state, waiting.command, at, waiting.actor)
            except Rejection as rejection:  # this one only: the others are still written
                outcomes.append(rejection)
                continue
            state = done.state
            sealed.extend(done.sealed)
            outcomes.append(tuple(item.stored for item in done.sealed))
        self.store.append(sealed)  # raises StoreError: nothing written, state unchanged
        if sealed:
            self.state, self.last_at = state, at
        return outcomes, (*caught, *(item.stored for item in sealed)), state

    def _deliver(self, group: Sequence[_Waiting], outcomes: Sequence[Outcome],
                 events: tuple[StoredEvent, ...], state: Chamber) -> None:
        """Answers each caller on its own loop; the listeners are told once, on the first
        loop still running, in the same callback (so before any caller there resumes)."""
        untold = bool(events)
        for loop in dict.fromkeys(waiting.loop for waiting in group):
            mine = [(waiting.future, outcome) for waiting, outcome in zip(group, outcomes,
                                                                          strict=True)
                    if waiting.loop is loop]
            try:
                loop.call_soon_threadsafe(self._answer, mine, events if untold else (), state)
            except RuntimeError:  # that loop is closed: nobody there to answer
                continue
            untold = False

    def _answer(self, answers: Sequence[tuple["asyncio.Future[tuple[StoredEvent, ...]]",
                                              Outcome]],
                events: tuple[StoredEvent, ...], state: Chamber) -> None:
        for future, outcome in answers:  # each caller resumes on the loop's next turn
            if future.done():  # its caller gave up waiting
                continue
            if isinstance(outcome, Exception):
                future.set_exception(outcome)
            else:
                future.set_result(outcome)
        if events:
            self._notify(events, state)

    def _checkpoint_due(self, events: Sequence[StoredEvent], state: Chamber) -> bool:
        return (state.last_seq - self._checkpointed >= checkpoints.EVERY
                or any(isinstance(stored.event, ev.SittingClosed) for stored in events))

    def _checkpoint_if_due(self, events: Sequence[StoredEvent], state: Chamber) -> None:
        if self._checkpoint_due(events, state):
            self.checkpoint(state)

    def checkpoint(self, state: Chamber | None = None) -> None:
        """Writes a checkpoint of `state` (now: of the service's state) unless the newest
        already stands for it or a later event."""
        with self._checkpoint_lock:
            wanted = state if state is not None else self.state
            if wanted.last_seq > self._checkpointed and checkpoints.save(
                    self.store, wanted, self._parts):
                self._checkpointed = wanted.last_seq

    def on_close(self, action: Callable[[], None]) -> None:
        """Runs `action` when the service closes (e.g. releasing the log's writer lock)."""
        self._on_close.append(action)

    def close(self) -> None:
        self._writer.shutdown(wait=True)
        self.checkpoint()  # a clean exit: the next start folds nothing
        self.store.close()
        for action in self._on_close:
            action()

