"""The core sub-commands, run as the real command line."""

import json
from datetime import date

from models.commands import command_json
from server.demo import demo_commands
from tests.cli import sesja


def write_demo(path) -> None:
    path.write_text("\n".join(command_json(c) for c in demo_commands(date(2026, 11, 22))) + "\n",
                    encoding="utf-8")


def test_apply_then_verify(tmp_path):
    db, script = tmp_path / "s.db", tmp_path / "demo.jsonl"
    write_demo(script)
    applied = sesja("apply", "--db", str(db), str(script), "--lang", "en")
    assert applied.returncode == 0, applied.stderr
    assert "applied 2 commands as 2 events" in applied.stdout
    verified = sesja("verify", "--db", str(db), "--lang", "en")
    assert verified.returncode == 0 and verified.stdout.startswith("ok: 2 events")


def test_a_rejected_line_stops_the_script_and_writes_nothing(tmp_path):
    db, script = tmp_path / "s.db", tmp_path / "demo.jsonl"
    write_demo(script)
    with script.open("a", encoding="utf-8") as f:
        f.write('{"type":"check_in","member":"m01"}\n{"type":"check_in","member":"m99"}\n')
    applied = sesja("apply", "--db", str(db), str(script), "--lang", "en")
    assert applied.returncode == 1
    assert "line 4: rejected: No member m99 in this sitting's roster" in applied.stderr
    assert "nothing from this script was written" in applied.stderr
    assert sesja("verify", "--db", str(db), "--lang", "en").stdout.startswith("ok: 0 events")


def test_a_malformed_line_is_named(tmp_path):
    script = tmp_path / "bad.jsonl"
    script.write_text('{"type":"check_in","member":"m01"}\n{"type": "check_in", \n', "utf-8")
    applied = sesja("apply", "--db", str(tmp_path / "s.db"), str(script), "--lang", "en")
    assert applied.returncode == 1 and "line 2: not JSON" in applied.stderr
    script.write_text('{"type":"fly_away"}\n', "utf-8")
    applied = sesja("apply", "--db", str(tmp_path / "s.db"), str(script), "--lang", "en")
    assert applied.returncode == 1 and "line 1: invalid command" in applied.stderr


def test_schema_lists_commands_and_events():
    out = sesja("schema")
    schema = json.loads(out.stdout)
    assert "check_in" in json.dumps(schema["command"]) and "vote_closed" in json.dumps(schema["event"])


def test_council_import_reads_windows_1250_and_reports_bad_rows(tmp_path):
    good = tmp_path / "rada.csv"
    good.write_bytes("nr;imię i nazwisko;klub\n1;Żółkiewska Łucja;Klub A\n2;Bąk Ścibor;\n"
                     .encode("cp1250"))
    done = sesja("council", "import", "--db", str(tmp_path / "s.db"), str(good),
                 "--name", "Rada Gminy Łódź", "--seats", "15", "--lang", "en")
    assert done.returncode == 0, done.stderr
    assert "imported 2 members (cp1250)" in done.stdout
    bad = tmp_path / "zla.csv"
    bad.write_text("nr,name\n1,Anna\nx,\n3,Ewa\n1,Ola\n", encoding="utf-8")
    failed = sesja("council", "import", "--db", str(tmp_path / "t.db"), str(bad),
                   "--name", "R", "--seats", "5", "--lang", "en")
    assert failed.returncode == 1
    assert "line 3: seat 'x' is not a positive number" in failed.stderr
    assert "line 3: the name is empty" in failed.stderr
    assert "line 5: seat 1 repeats line 2" in failed.stderr
    assert "nothing was imported" in failed.stderr
    assert not (tmp_path / "t.db").exists()
