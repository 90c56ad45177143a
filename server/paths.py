"""Where sesja keeps its files when not told otherwise."""

from pathlib import Path

from platformdirs import user_data_dir


def default_db_path() -> Path:
    return Path(user_data_dir("sesja", appauthor=False)) / "sesja.db"
