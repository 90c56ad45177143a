"""A package made from the log, as `sesja export` and the console's Export screen make it.

`export_log` folds the events it is given (the state is the fold of the same events, so the
two always agree). `export_sitting` takes a state already opened (from a checkpoint, or the
service's own) and reads from the log only that sitting's events and the state's last event:
exporting a sitting costs what the sitting costs, not what the term costs.
"""

from collections.abc import Callable, Collection, Sequence
from datetime import datetime
from pathlib import Path
from typing import Any

from models.events import StoredEvent
from models.reducer import fold
from models.state import Chamber
from server.publish import manifest
from server.publish.package import export_package
from server.store import EventStore

Progress = Callable[[int, int], None]


def export_log(events: Sequence[StoredEvent], out_dir: Path, *, sitting_id: str | None = None,
               formats: Collection[str] | None = None, progress: Progress | None = None,
               video_start: datetime | None = None) -> dict[str, Any]:
    """Writes the sitting's package to `out_dir`; returns its manifest (sitting, votes,
    complete, files, last event); raises ExportError with nothing written."""
    path = export_package(fold(events), events, out_dir, sitting_id=sitting_id, formats=formats,
                          progress=progress, video_start=video_start)
    return manifest.read(path.parent)


def sitting_slice(store: EventStore, state: Chamber, sitting_id: str | None) -> list[StoredEvent]:
    """The sitting's own events up to where `state` ends (a writer may have appended since),
    then the state's last event (the package names it), read by the sitting's id alone.
    Raises StoreError."""
    own = ([stored for stored in store.sitting_events(sitting_id) if stored.seq <= state.last_seq]
           if sitting_id else [])
    if state.last_seq and (not own or own[-1].seq != state.last_seq):
        last = store.event(state.last_seq)
        own.extend([last] if last is not None else [])
    return own


def export_sitting(state: Chamber, store: EventStore, out_dir: Path, *,
                   sitting_id: str | None = None, formats: Collection[str] | None = None,
                   progress: Progress | None = None,
                   video_start: datetime | None = None) -> dict[str, Any]:
    """As `export_log`, for a state opened from `store`; raises ExportError or StoreError
    with nothing written."""
    events = sitting_slice(store, state, sitting_id or state.current_sitting)
    path = export_package(state, events, out_dir, sitting_id=sitting_id, formats=formats,
                          progress=progress, video_start=video_start)
    return manifest.read(path.parent)
