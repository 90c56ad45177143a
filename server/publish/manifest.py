"""The package's manifest: SHA-256 of every file and the last event it was made from."""

import hashlib
import json
from datetime import datetime
from pathlib import Path
from typing import Any

from server.publish.record import SittingRecord

NAME = "manifest.json"
FORMAT = "sesja-publication/1"


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def package_files(folder: Path) -> list[str]:
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*")
                  if p.is_file() and p.name != NAME)


def manifest(record: SittingRecord, folder: Path, formats: list[str],
             video_start: datetime | None) -> dict[str, Any]:
    sitting = record.sitting
    return {
        "format": FORMAT,
        "council": sitting.council_name,
        "sitting": {"id": sitting.id, "number": sitting.number, "date": sitting.date.isoformat()},
        "complete": record.complete,
        "partial_note": record.partial_note or None,
        "votes": len(record.votes),
        "formats": formats,
        "video_start": video_start.isoformat() if video_start else None,
        "last_event": {"seq": record.last_event.seq, "hash": record.last_event.hash,
                       "at": record.last_event.at.isoformat()},
        "files": [{"path": name, "sha256": sha256_of(folder / name),
                   "bytes": (folder / name).stat().st_size} for name in package_files(folder)],
    }


def write(record: SittingRecord, folder: Path, formats: list[str],
          video_start: datetime | None) -> Path:
    path = folder / NAME
    data = manifest(record, folder, formats, video_start)
    path.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
    return path


def read(folder: Path) -> dict[str, Any]:
    """The manifest of a package; raises ValueError saying what is wrong with it."""
    path = folder / NAME
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as error:
        raise ValueError(f"{folder} has no {NAME}: not a sesja package") from error
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        raise ValueError(f"{path} is unreadable: {error}") from error
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise ValueError(f"{path} is not a {FORMAT} manifest")
    return data


def check(folder: Path) -> tuple[dict[str, Any], list[str]]:
    """(manifest, problems): every listed file present and unchanged, nothing unlisted."""
    data = read(folder)
    problems = []
    listed = {entry["path"]: entry for entry in data.get("files", [])}
    for name, entry in sorted(listed.items()):
        path = folder / name
        if not path.is_file():
            problems.append(f"{name}: listed in the manifest but missing")
        elif sha256_of(path) != entry["sha256"]:
            problems.append(f"{name}: changed after export (SHA-256 differs)")
    for name in package_files(folder):
        if name not in listed:
            problems.append(f"{name}: not in the manifest (added after export)")
    return data, problems
