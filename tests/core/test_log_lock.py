"""One writer per log across processes: `sesja apply` on a log a console or a server holds
is refused with a message naming the holder; a lock left by a dead process is taken over."""

import json
import os
import socket
import subprocess
import sys

import pytest

from server import portable
from server.log_lock import LogHeld, LogLock, lock_path
from tests.cli import sesja
from tests.windows import force_windows, windows_sesja_argv


def _script(tmp_path):
    script = tmp_path / "s.jsonl"
    script.write_text('{"type":"define_council","council":{"name":"Rada","statutory_seats":3}}\n',
                      encoding="utf-8")
    return script


def test_apply_on_a_log_a_console_holds_is_refused_and_writes_nothing(tmp_path):
    db = tmp_path / "sesja.db"
    with LogLock(db, "sesja console"):
        done = sesja("apply", "--db", str(db), str(_script(tmp_path)))
        assert done.returncode == 1
        assert "otwarty do zapisu przez sesja console" in done.stderr
        assert f"proces {os.getpid()}" in done.stderr and "nic nie zapisano" in done.stderr
        assert not db.exists()  # refused before the log was even opened
    done = sesja("apply", "--db", str(db), str(_script(tmp_path)))
    assert done.returncode == 0, done.stderr
    assert not lock_path(db).exists()  # apply let go of it when it finished


def test_a_second_holder_is_refused_in_english_too(tmp_path):
    db = tmp_path / "sesja.db"
    with LogLock(db, "sesja serve"):
        with pytest.raises(LogHeld) as held:
            LogLock(db, "sesja console").acquire()
    assert "held for writing by sesja serve" in held.value.message("en")
    LogLock(db, "sesja console").acquire().release()  # free again once released


def test_a_lock_left_by_a_dead_process_is_taken_over(tmp_path):
    db = tmp_path / "sesja.db"
    gone = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                          capture_output=True, text=True, check=True)
    pid = int(gone.stdout)
    assert not portable.process_alive(pid)
    lock_path(db).write_text(json.dumps({"pid": pid, "host": socket.gethostname(),
                                         "by": "sesja console"}), encoding="utf-8")
    with LogLock(db, "sesja apply") as lock:
        assert json.loads(lock_path(db).read_text(encoding="utf-8"))["pid"] == os.getpid()
        assert lock.held


def test_a_lock_from_another_machine_is_never_taken_over(tmp_path):
    db = tmp_path / "sesja.db"
    lock_path(db).write_text(json.dumps({"pid": 1, "host": "inny-komputer", "by": "sesja serve"}),
                             encoding="utf-8")
    with pytest.raises(LogHeld, match="inny-komputer"):
        LogLock(db, "sesja apply").acquire()


def test_windows_refuses_a_held_log_and_never_kills_to_check_a_holder(tmp_path, monkeypatch):
    db = tmp_path / "sesja.db"
    with LogLock(db, "sesja console"):
        done = sesja("apply", "--db", str(db), str(_script(tmp_path)), argv=windows_sesja_argv)
    assert done.returncode == 1 and "otwarty do zapisu" in done.stderr
    child = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(30)"])
    try:
        force_windows(monkeypatch.setattr)  # OpenProcess there: os.kill would end the process
        assert portable.process_alive(child.pid)
        assert child.poll() is None
    finally:
        child.kill()
        child.wait()


def test_a_second_console_on_a_held_log_is_refused_in_polish(tmp_path):
    db = tmp_path / "sesja.db"
    with LogLock(db, "sesja serve"):
        done = sesja("console", "--db", str(db))
    assert done.returncode == 1
    assert "jest otwarty do zapisu przez sesja serve" in done.stderr
