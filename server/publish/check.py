"""Checks a package: files against the manifest and, given the log, votes against the log."""

import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from models.events import StoredEvent
from models.reducer import fold
from server.publish import manifest, popolo
from server.publish.record import sitting_record


def _against_log(folder: Path, data: dict[str, Any], events: Sequence[StoredEvent]) -> list[str]:
    last = data.get("last_event", {})
    seq = last.get("seq")
    if not isinstance(seq, int) or not 1 <= seq <= len(events):
        return [f"the package was made from event {seq}, which the log does not hold"]
    if events[seq - 1].hash != last.get("hash"):
        return [f"event {seq} of the log differs from the one the package was made from "
                "(another log, or the log was changed)"]
    cut = events[:seq]
    record = sitting_record(fold(cut), cut, data["sitting"]["id"])
    if not (folder / "sesja.json").is_file():
        return []
    published = json.loads((folder / "sesja.json").read_text(encoding="utf-8"))["vote_events"]
    expected = [json.loads(json.dumps(popolo.vote_event(record, v), ensure_ascii=False))
                for v in record.votes]
    problems = []
    if len(published) != len(expected):
        problems.append(f"sesja.json holds {len(published)} votes, the log {len(expected)}")
    for mine, theirs in zip(published, expected, strict=False):
        if mine != theirs:
            problems.append(f"vote {theirs['identifier']}: sesja.json differs from the log")
    return problems


def check_package(folder: Path, events: Sequence[StoredEvent] | None = None
                  ) -> tuple[dict[str, Any], list[str]]:
    """(manifest, problems); raises ValueError when the folder is not a package at all."""
    data, problems = manifest.check(folder)
    if events is not None and not problems:
        problems.extend(_against_log(folder, data, events))
    return data, problems
