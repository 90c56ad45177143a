"""Folders as a council office has them (C:\\Users\\Sekretariat Rady\\Dokumenty źżąę): spaces
and Polish letters in --db, --out and --token-dir, through the real `sesja` command line with
its Windows branches forced (tests/windows.py)."""

import json
import signal
import urllib.request
from pathlib import Path

import pytest

from tests.cli import sesja
from tests.live.serve_process import demo_db, start
from tests.publish.sittings import rich, write_log
from tests.windows import windows_sesja_argv


@pytest.fixture
def office(tmp_path) -> Path:
    return tmp_path / "Sekretariat Rady" / "Dokumenty źżąę"  # sesja makes the folders


def windows_sesja(*args: object):
    return sesja(*map(str, args), argv=windows_sesja_argv)


def test_export_twice_into_a_polish_folder_and_verify(office):
    db = write_log(office / "rada miasta.db", rich())
    out = office / "BIP sesja XL źdźbło"
    first = windows_sesja("export", "--db", db, "--out", out)
    assert first.returncode == 0, first.stderr
    assert (out / "sesja.pdf").is_file()
    second = windows_sesja("export", "--db", db, "--out", out, "--format", "csv,md")
    assert second.returncode == 0, second.stderr
    assert (out / "protokol.md").is_file() and not (out / "sesja.pdf").exists()
    checked = windows_sesja("verify", "--db", db, "--export", out)
    assert checked.returncode == 0, checked.stderr
    assert windows_sesja("verify", "--db", db).returncode == 0
    assert not [p.name for p in office.iterdir() if p.name.startswith(".")]  # no temp folder


def test_a_log_in_a_folder_whose_name_looks_url_encoded(office):
    """A folder saved from a download keeps its "%20"; it is not a space in the log's path."""
    db = write_log(office / "Rada%20Miasta" / "sesja.db", rich())
    checked = windows_sesja("verify", "--db", db)
    assert checked.returncode == 0, checked.stderr
    assert sorted(p.name for p in office.iterdir()) == ["Rada%20Miasta"]


def test_serve_with_tokens_in_a_polish_folder_stops_on_ctrl_c(office):
    db = demo_db(office / "rada.db")
    tokens = office / "tokeny rady"
    served = start("--db", str(db), "--port", "0", "--token-dir", str(tokens),
                   argv=windows_sesja_argv)
    try:
        assert str(tokens) in served.output
        display = (tokens / "display.token").read_text(encoding="ascii").strip()
        assert f"token={display}" in served.url("chamber_json")
        with urllib.request.urlopen(served.url("chamber_json"), timeout=5) as answer:
            assert json.load(answer)["data"]["sitting"]["council"] == "Rada Miasta Nadwarcie"
    finally:
        if served.process.poll() is None:
            served.process.send_signal(signal.SIGINT)
        _, errors = served.process.communicate(timeout=30)
    assert served.process.returncode == 0, errors
    assert "sesja serve: zatrzymano" in errors and "Traceback" not in errors
