"""A package made from the log's events alone, as `sesja export` and the console's Export
screen make it: the state is the fold of the same events, so the two always agree."""

from collections.abc import Callable, Collection, Sequence
from datetime import datetime
from pathlib import Path
from typing import Any

from models.events import StoredEvent
from models.reducer import fold
from server.publish import manifest
from server.publish.package import export_package


def export_log(events: Sequence[StoredEvent], out_dir: Path, *, sitting_id: str | None = None,
               formats: Collection[str] | None = None,
               progress: Callable[[int, int], None] | None = None,
               video_start: datetime | None = None) -> dict[str, Any]:
    """Writes the sitting's package to `out_dir`; returns its manifest (sitting, votes,
    complete, files, last event); raises ExportError with nothing written."""
    path = export_package(fold(events), events, out_dir, sitting_id=sitting_id, formats=formats,
                          progress=progress, video_start=video_start)
    return manifest.read(path.parent)
