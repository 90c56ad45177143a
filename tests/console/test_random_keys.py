"""A seeded random-key run on the real console: thousands of keys with pasted bursts,
F-keys, Escape and every dialog they open. After it the console is alive, nothing was
caught by its guard, `sesja verify` passes, and nothing was written outside its home
and working folder (the long run: bench/random_keys.py)."""

from pathlib import Path

import pytest

from session_console.local_backend import LocalBackend
from tests.cli import sesja
from tests.console.conftest import SIZE, demo_service, frozen
from tests.console.random_keys import KeptConsole, drive, written_outside

ROOT = Path(__file__).resolve().parents[2]


def listing(*folders: Path) -> set[Path]:
    return {p for folder in folders if folder.is_dir() for p in folder.iterdir()}


@pytest.mark.parametrize("seed", [1, 2])
async def test_random_keys_leave_the_console_alive_and_the_log_verified(
        seed, tmp_path, monkeypatch):
    home, work = tmp_path / "home", tmp_path / "work"
    home.mkdir()
    work.mkdir()
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.chdir(work)
    watched = (ROOT, ROOT / "tests", ROOT / "tests" / "console")  # /tmp is shared, not watched
    before = listing(*watched)
    db = tmp_path / "sesja.db"
    service = demo_service(db, present=12, current="i6")
    app = KeptConsole(LocalBackend(service, "test:sekretarz"), now=frozen,
                      export_dir=home / "sesja-eksport")
    try:
        async with app.run_test(size=SIZE) as pilot:
            run = await drive(pilot, seed, 1500)
            assert app.is_running
            await app.settled()
    finally:
        service.close()
    assert run.keys >= 1500 and run.bursts > 20
    assert app.failures == []
    result = sesja("verify", "--db", str(db))
    assert result.returncode == 0, result.stderr
    outside = written_outside([tmp_path], before, listing(*watched))
    assert not outside
