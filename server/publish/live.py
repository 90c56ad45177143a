"""Live publication: each closed vote is published in every format within a second.

The service calls the listener on its writer (or event loop); the listener only notes
the events and wakes this publisher's own thread. For each sitting touched, the thread
first puts the newly closed votes' own files (CSV, CSV for Excel, JSON, HTML) into the
published package, one rename each, which takes milliseconds whatever the sitting's size;
then it exports the sitting's whole package to `out_dir/<sitting>` (index, sitting-wide
files, PDF, minutes, manifest) and swaps it in atomically (see package.py), which grows
with the sitting. Bursts coalesce: the thread always exports the newest state.
"""

import logging
import threading
from collections.abc import Callable, Iterable
from pathlib import Path

from models import events as ev
from models.state import Chamber
from server.publish.package import publish_votes, write_package
from server.publish.record import ExportError, package_name, sitting_record
from server.service import SittingService

log = logging.getLogger(__name__)

TRIGGERS = (ev.VoteClosed, ev.SittingOpened, ev.SittingClosed, ev.VoteCancelled)


class LivePublisher:
    def __init__(self, service: SittingService, out_dir: Path, *,
                 on_published: Callable[[Path], None] | None = None,
                 on_votes_published: Callable[[list[Path]], None] | None = None) -> None:
        self.service = service
        self.out_dir = Path(out_dir)
        self.on_published = on_published  # the manifest of a package swapped in
        self.on_votes_published = on_votes_published  # the closed votes' own files, earlier
        self.last_error: str | None = None
        self._last: ev.StoredEvent | None = None  # the event self._state ends with
        # each sitting's own events by seq (a package names who recorded them), so that a
        # publication goes through its sitting's events, not through every event of the term
        self._own: dict[str, dict[int, ev.StoredEvent]] = {}
        self._pending: set[str] = set()
        self._closed: dict[str, set[str]] = {}  # sitting -> votes closed, not yet published
        self._state: Chamber | None = None
        self._wake = threading.Condition()
        self._stopping = False
        self._thread: threading.Thread | None = None
        self._unsubscribe: Callable[[], None] | None = None

    def start(self) -> None:
        """Publishes the current sitting now, then after every vote; raises ExportError."""
        try:
            self.out_dir.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise ExportError(f"cannot create {self.out_dir}: {error.strerror}",
                              f"nie można utworzyć folderu {self.out_dir} ({error.strerror})"
                              ) from error
        with self._wake:
            self._unsubscribe = self.service.subscribe(self._on_events)
            self._state = self.service.state
            current = self._state.current_sitting
            if current:  # the others are read when they change
                self._own[current] = {
                    e.seq: e for e in self.service.store.sitting_events(current)}
            if self._state.current_sitting:
                self._pending.add(self._state.current_sitting)
        self._thread = threading.Thread(target=self._run, name="sesja-publisher", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        """Publishes what is still pending, then ends the thread."""
        if self._unsubscribe:
            self._unsubscribe()
            self._unsubscribe = None
        with self._wake:
            self._stopping = True
            self._wake.notify()
        if self._thread:
            self._thread.join()
            self._thread = None

    def _note(self, events: Iterable[ev.StoredEvent]) -> None:
        for stored in events:
            sitting_id = getattr(stored.event, "sitting_id", None)
            if sitting_id is None:
                continue
            own = self._own.get(sitting_id)
            if own is None:  # not read yet: its events so far (this one is durable too)
                own = {e.seq: e for e in self.service.store.sitting_events(sitting_id)}
                self._own[sitting_id] = own
            own[stored.seq] = stored

    def _on_events(self, events: tuple[ev.StoredEvent, ...], state: Chamber) -> None:
        with self._wake:
            self._note(events)
            if self._state is None or state.last_seq > self._state.last_seq:
                self._state = state
                self._last = events[-1] if events else None
            for stored in events:
                if isinstance(stored.event, ev.VoteClosed):
                    self._closed.setdefault(stored.event.sitting_id, set()).add(stored.event.vote_id)
            touched = {e.event.sitting_id for e in events if isinstance(e.event, TRIGGERS)}
            if touched:
                self._pending |= touched
                self._wake.notify()

    def _take(self) -> tuple[Chamber, dict[str, list[ev.StoredEvent]], dict[str, set[str]]] | None:
        """The newest state and, for each sitting to publish, its own events up to that
        state followed by the state's last event (the package names it): a sitting's
        publication costs what the sitting holds, whatever the length of the term."""
        with self._wake:
            while not self._pending and not self._stopping:
                self._wake.wait()
            if not self._pending:
                return None
            state, last, pending, closed = self._state, self._last, self._pending, self._closed
            assert state is not None, "start() sets the state before anything is pending"
            self._pending, self._closed = set(), {}
            own = {sitting_id: [e for e in self._own.get(sitting_id, {}).values()
                                if e.seq <= state.last_seq] for sitting_id in pending}
        if last is None or last.seq != state.last_seq:  # at start: read it from the log
            last = self.service.store.event(state.last_seq)
        for events in own.values():
            if last is not None and (not events or events[-1].seq != last.seq):
                events.append(last)
        return state, own, closed

    def _run(self) -> None:
        while (work := self._take()) is not None:
            state, own, closed = work
            for sitting_id in sorted(own):
                self._publish(state, own[sitting_id], sitting_id, closed.get(sitting_id, set()))

    def _publish(self, state: Chamber, events: list[ev.StoredEvent], sitting_id: str,
                 closed: set[str]) -> None:
        try:
            target = self.out_dir / package_name(state.sittings[sitting_id])
            record = sitting_record(state, events, sitting_id)  # once, for both writes
            if closed:
                written = publish_votes(record, target, closed)
                if written and self.on_votes_published:
                    self.on_votes_published(written)
            manifest = write_package(record, target)
        except ExportError as error:
            self.last_error = str(error)
            log.error("live publication of sitting %s failed: %s", sitting_id, error)
            return
        except Exception as error:  # a fault in one export must not end publication
            self.last_error = f"{type(error).__name__}: {error}"
            log.exception("live publication of sitting %s failed", sitting_id)
            return
        self.last_error = None
        if self.on_published:
            self.on_published(manifest)
