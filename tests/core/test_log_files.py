"""The event log's files (the log, its -wal and -shm) are readable by their owner only,
like the token files: created so, tightened when opened for writing, left alone by verify."""

import os
import stat
from datetime import date

import pytest

from server import portable
from server.demo import demo_commands
from server.service import SittingService
from server.store import EventStore
from server.verify import verify
from tests.windows import force_windows

SIDECARS = ("-wal", "-shm")


@pytest.fixture
def loose_umask():
    """The usual umask, under which SQLite alone creates 0644 files."""
    previous = os.umask(0o022)
    yield
    os.umask(previous)


def _mode(path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def _files(path) -> list:
    return [path, *(path.with_name(path.name + suffix) for suffix in SIDECARS)]


def _written(path) -> SittingService:
    service = SittingService(EventStore(path))
    for command in demo_commands(date(2026, 11, 22)):
        service.execute(command, "test")
    return service


def test_a_new_log_its_wal_and_its_shm_are_the_owner_s_only(tmp_path, loose_umask):
    path = tmp_path / "sesja.db"
    service = _written(path)
    try:
        assert {file.name: _mode(file) for file in _files(path)} == {
            "sesja.db": 0o600, "sesja.db-wal": 0o600, "sesja.db-shm": 0o600}
    finally:
        service.close()


def test_a_loose_log_is_tightened_when_opened_for_writing_not_when_verified(tmp_path,
                                                                            loose_umask):
    path = tmp_path / "sesja.db"
    _written(path).close()
    os.chmod(path, 0o644)
    store = EventStore(path, readonly=True)  # verify works on archived copies: no changes
    assert verify(store).ok and _mode(path) == 0o644
    store.close()
    service = SittingService(EventStore(path))
    try:
        assert [_mode(file) for file in _files(path)] == [0o600, 0o600, 0o600]
        assert service.state.last_seq == 2
    finally:
        service.close()


def test_on_windows_a_new_log_keeps_its_folder_s_access_and_works(tmp_path, monkeypatch):
    force_windows(monkeypatch.setattr)
    changed = []
    monkeypatch.setattr(os, "chmod", lambda *args, **kwargs: changed.append(args))
    folder = tmp_path / "Sekretariat Rady" / "Dokumenty źżąę"
    service = _written(folder / "sesja.db")
    service.close()
    assert changed == []  # a mode cannot make a file private there: sesja does not try
    again = SittingService(EventStore(folder / "sesja.db"))
    assert again.state.last_seq == 2
    again.close()


def test_create_private_file_creates_once_and_never_truncates(tmp_path, loose_umask):
    path = tmp_path / "f"
    assert portable.create_private_file(path) is True and _mode(path) == 0o600
    path.write_text("kept", encoding="utf-8")
    assert portable.create_private_file(path) is False and path.read_text() == "kept"
