"""Where a vote's own files go in a package: `glosowania/glosowanie-007.json` and the like."""

from pathlib import Path

VOTES_FOLDER = "glosowania"


def vote_path(folder: Path, vote_number: int, ending: str) -> Path:
    """The file of vote `vote_number` in the package at `folder`; `ending` follows the number:
    ".json", ".html", ".csv" or "-excel.csv"."""
    return folder / VOTES_FOLDER / f"glosowanie-{vote_number:03d}{ending}"
