"""`sesja serve` as a real process: prints its URLs and token folder, serves, stops cleanly."""

import json
import re
import socket
import urllib.error
import urllib.request

import pytest

from tests.cli import sesja
from tests.live.serve_process import demo_db, serving, start, stop


def test_serve_prints_urls_serves_and_stops_on_sigterm(tmp_path):
    db = demo_db(tmp_path / "rada.db")
    served = start("--db", str(db), "--port", "0")
    try:
        assert f"{db}.tokens" in served.output
        with urllib.request.urlopen(served.url("chamber_json"), timeout=5) as answer:
            assert json.load(answer)["data"]["sitting"]["council"] == "Rada Miasta Nadwarcie"
        assert re.search(r"chamber\s+http://127\.0\.0\.1:\d+/chamber\?token=\S{40,}",
                         served.output)
    finally:
        errors = stop(served)
    assert served.process.returncode == 0 and "sesja serve: zatrzymano" in errors


def test_serve_explains_a_busy_port_and_a_bad_one(tmp_path):
    db = demo_db(tmp_path / "rada.db")
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        result = sesja("serve", "--db", str(db), "--port", str(port))
        english = sesja("serve", "--db", str(db), "--port", str(port), "--lang", "en")
    assert result.returncode == 1 and (f"sesja: nie można nasłuchiwać na 127.0.0.1:{port}: "
                                       "ten adres i port są już zajęte") in result.stderr
    assert english.returncode == 1 and f"cannot listen on 127.0.0.1:{port}" in english.stderr
    result = sesja("serve", "--db", str(db), "--port", "70000")
    assert result.returncode == 1 and "--port 70000 nie jest numerem portu" in result.stderr
    result = sesja("serve", "--db", str(db), "--port", "70000", "--lang", "en")
    assert result.returncode == 1 and "--port 70000 is not a port number" in result.stderr
    result = sesja("serve", "--db", str(db), "--port", "osiem")
    assert result.returncode == 2 and ("sesja serve: błąd: argument --port: „osiem” nie jest "
                                       "liczbą całkowitą") in result.stderr
    result = sesja("serve", "--db", str(db), "--port", "osiem", "--lang", "en")
    assert result.returncode == 2 and ("sesja serve: error: argument --port: 'osiem' is not "
                                       "a whole number") in result.stderr


def test_serve_explains_an_unusable_token_folder(tmp_path):
    db = demo_db(tmp_path / "rada.db")
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    result = sesja("serve", "--db", str(db), "--token-dir", str(blocker / "tokens"))
    assert result.returncode == 1 and "nie można użyć folderu tokenów" in result.stderr
    result = sesja("serve", "--db", str(db), "--token-dir", str(blocker / "tokens"),
                   "--lang", "en")
    assert result.returncode == 1 and "cannot use the token folder" in result.stderr


def test_schema_describes_the_live_protocol():
    result = sesja("schema")
    live = json.loads(result.stdout)["live"]
    assert live["version"] == 1
    assert {"Hello", "CommandMessage", "Ping", "Resync"} <= set(live["client"]["$defs"])
    assert {"Snapshot", "Patch", "Ack", "ErrorMessage"} <= set(live["server"]["$defs"])


def test_serve_public_switches_on_the_tokenless_public_view(tmp_path):
    db = demo_db(tmp_path / "rada.db")
    with serving("--db", str(db), "--port", "0", "--public") as served:
        public = served.url("public_json")
        assert "token" not in public
        with urllib.request.urlopen(public, timeout=5) as answer:
            assert json.load(answer)["data"]["sitting"]["number"] == "XL"
        bare = served.url("overlay_json").split("?")[0]
        with pytest.raises(urllib.error.HTTPError) as refused:
            urllib.request.urlopen(bare, timeout=5)
        assert refused.value.code == 401
    with serving("--db", str(db), "--port", "0") as served:  # off unless asked for
        assert "token=" in served.url("public_json")
        display_token = served.url("chamber").split("token=")[1]
        assert display_token not in served.url("public_json")  # the public token opens it
        with urllib.request.urlopen(served.url("public_json"), timeout=5) as answer:
            assert json.load(answer)["view"] == "public"
        with pytest.raises(urllib.error.HTTPError) as refused:
            urllib.request.urlopen(served.url("public_json").split("?")[0], timeout=5)
        assert refused.value.code == 401
