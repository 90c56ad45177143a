"""Which libraries a fresh process imports: typst never (each PDF is laid out by a process
of its own, server/publish/pdf_engine.py), Textual only for the console. (The import-linter
contracts in pyproject.toml say which modules may import a library; these tests say when,
which a static graph cannot: a deferred import is still an import.)"""

import json
import signal
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from models.commands import command_json
from server.demo import demo_commands
from tests.cli import ROOT, sesja_env

# `sesja ARGS`, as `python -m session_console` runs it, telling on its last line of stderr
# every top-level package it imported (an audit hook sees even a module dropped afterwards)
AUDITED = """
import atexit, json, runpy, sys
seen = set()
sys.addaudithook(lambda event, args: seen.add(args[0].split(".")[0]) if event == "import" else None)
atexit.register(lambda: print("imported:", json.dumps(sorted(seen)), file=sys.stderr))
runpy.run_module("session_console", run_name="__main__", alter_sys=True)
"""


def imported_by(code: str) -> set[str]:
    """The top-level packages in sys.modules after a fresh interpreter ran `code`."""
    return {module.split(".")[0] for module in modules_after(code)}


@pytest.mark.parametrize("module", ["session_console.app", "server.publish",
                                    "server.publish.pdf_document"])
def test_importing_the_console_or_publication_leaves_typst_out(module):
    assert "typst" not in imported_by(f"import {module}")


def test_the_pdf_process_imports_typst():
    """The check above can see typst: the PDF's own process brings it in."""
    assert "typst" in imported_by("from server.publish import pdf_engine")


HEADLESS = ["session_console.cli", "session_console.cli.common", "session_console.cli.core",
            "session_console.cli.export", "session_console.cli.serve",
            "session_console.cli.votes_import"]


@pytest.mark.parametrize("module", ["session_console.cli", "server.import_votes.run"])
def test_the_command_line_and_the_importer_leave_openpyxl_out(module):
    assert "openpyxl" not in imported_by(f"import {module}")


def test_reading_an_xlsx_file_imports_openpyxl(tmp_path):
    """The check above can see openpyxl: reading a workbook brings it in."""
    from tests.publish.katowice import published
    from tests.publish.katowice_import import matrix, write_xlsx

    write_xlsx(tmp_path / "m.xlsx", matrix(published()))
    assert "openpyxl" in imported_by("from server.import_votes.reading import read_table; "
                                     f"read_table(__import__('pathlib').Path({str(tmp_path / 'm.xlsx')!r}))")


@pytest.mark.parametrize("module", HEADLESS)
def test_the_command_line_modules_leave_textual_out(module):
    assert "textual" not in imported_by(f"import {module}")


def test_the_console_imports_textual():
    """The check above can see Textual: the console's app brings it in."""
    assert "textual" in imported_by("import session_console.app")


def audited_argv(*args: str) -> list[str]:
    return [sys.executable, "-c", AUDITED, *args]


def imports_of(stderr: str) -> set[str]:
    last = stderr.rstrip().splitlines()[-1]
    assert last.startswith("imported: "), stderr
    return set(json.loads(last.removeprefix("imported: ")))


def sesja_audited(*args: str) -> set[str]:
    """Runs `sesja ARGS` (it must succeed); the packages it imported."""
    run = subprocess.run(audited_argv(*args), capture_output=True, text=True, env=sesja_env(),
                         cwd=ROOT, timeout=120, check=False)
    assert run.returncode == 0, run.stderr
    return imports_of(run.stderr)


@pytest.fixture
def log(tmp_path) -> Path:
    """A log with the demo council and its sitting, written by `sesja apply`."""
    script = tmp_path / "demo.jsonl"
    script.write_text("\n".join(command_json(c) for c in demo_commands(date(2026, 11, 23))),
                      encoding="utf-8")
    db = tmp_path / "sesja.db"
    assert "textual" not in sesja_audited("apply", "--db", str(db), str(script))
    return db


def test_the_headless_commands_run_without_textual_or_typst(log, tmp_path):
    council = tmp_path / "rada.csv"
    council.write_text("nr;imię i nazwisko\n1;Anna Nowak\n2;Jan Kowalski\n", encoding="utf-8")
    out = tmp_path / "eksport"
    runs = {"verify": ("verify", "--db", str(log)),
            "schema": ("schema",),
            "council import": ("council", "import", "--db", str(tmp_path / "rada.db"),
                               str(council), "--name", "Rada Gminy Próbnej", "--seats", "15"),
            "export": ("export", "--db", str(log), "--out", str(out)),
            "verify --export": ("verify", "--export", str(out), "--db", str(log))}
    imported = {name: sesja_audited(*args) for name, args in runs.items()}
    assert {name for name, packages in imported.items() if "textual" in packages} == set()
    assert {name for name, packages in imported.items() if "typst" in packages} == set()
    assert (out / "sesja.pdf").read_bytes().startswith(b"%PDF-")  # made by its own process


def test_serve_runs_without_textual(log):
    process = subprocess.Popen(audited_argv("serve", "--db", str(log), "--port", "0"),
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                               env=sesja_env(), cwd=ROOT)
    try:
        first = process.stdout.readline()
        assert first.startswith("sesja serve: nasłuchuje na"), process.stderr.read()
    finally:
        process.send_signal(signal.SIGTERM)
        _, errors = process.communicate(timeout=30)
    assert process.returncode == 0, errors
    imported = imports_of(errors)
    assert "websockets" in imported and "textual" not in imported


# Issue 12: what the command line's parser and the console's first frame leave for later
# (pyproject.toml, "The command line parses, and the console reaches its first frame, ...")
DEFERRED = {"websockets", "server.live.server", "server.live.remote", "server.live.devices",
            "server.publish.package", "server.publish.live", "server.publish.from_log",
            "server.demo", "server.schema", "server.verify", "server.import_votes.run",
            "server.agenda_file"}

# `sesja console --db F` headless until its first frame is drawn; then the modules loaded
# by then go to the file named in argv[1], and the process ends at once
FIRST_FRAME = """
import json, os, sys
from textual.app import App
from session_console import heap
def started():
    with open(sys.argv[1], "w") as out:
        json.dump(sorted(sys.modules), out)
    os._exit(0)
heap.started = started
run = App.run
App.run = lambda self, **options: run(self, headless=True, **options)
from session_console.cli import main
main(["console", "--db", sys.argv[2]])
"""


def modules_after(code: str) -> set[str]:
    """Every module in sys.modules after a fresh interpreter ran `code`."""
    shown = "import json, sys; print(json.dumps(sorted(sys.modules)))"
    run = subprocess.run([sys.executable, "-c", f"{code}\n{shown}"], capture_output=True,
                         text=True, env=sesja_env(), cwd=ROOT, timeout=60, check=False)
    assert run.returncode == 0, run.stderr
    return set(json.loads(run.stdout.splitlines()[-1]))


def test_the_command_line_parser_leaves_the_commands_parts_out():
    loaded = modules_after("import session_console.cli; "
                           "session_console.cli.build_parser().parse_args(['serve'])")
    assert loaded & DEFERRED == set()


def test_the_command_line_check_sees_a_deferred_module():
    """The check above can see them: running `serve`'s own import brings the server in."""
    loaded = modules_after("import session_console.cli; from server.live import LiveServer")
    assert {"websockets", "server.live.server"} <= loaded


def test_the_consoles_first_frame_leaves_publication_the_live_server_and_the_store_out(
        log, tmp_path):
    """Also SQLAlchemy, SQLModel and the store: the log was read with sqlite3, and its
    writer opens after the frame (pyproject.toml, "The console reaches its first frame on
    a log file without ...")."""
    shown = tmp_path / "modules.json"
    run = subprocess.run([sys.executable, "-c", FIRST_FRAME, str(shown), str(log)],
                         capture_output=True, text=True, env=sesja_env(), cwd=ROOT,
                         timeout=120, check=False)
    assert run.returncode == 0, run.stderr
    loaded = set(json.loads(shown.read_text()))
    assert "session_console.app" in loaded and "textual" in loaded  # it did draw the console
    assert loaded & DEFERRED == set()
    assert loaded & {"sqlalchemy", "sqlmodel", "server.store", "server.service"} == set()
    assert "server.log_file" in loaded  # the log was read, with sqlite3


def test_the_domains_validators_are_built_when_first_used_and_as_strict():
    """models/build.py: a fresh import leaves the validators unbuilt; the first use builds
    one and refuses what it always refused; `build_all` builds the rest."""
    code = """
from pydantic import ValidationError
from models import build
from models.commands import parse_command
from models.council import Member
print(len(build.unbuilt()) > 80, "Member" in build.unbuilt())
try:
    Member(id="a b", name="Anna Nowak")
except ValidationError:
    print("refused", "Member" in build.unbuilt())
try:
    parse_command({"type": "check_in"})
except ValidationError:
    print("refused")
build.build_all()
print(build.unbuilt())
"""
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         env=sesja_env(), cwd=ROOT, timeout=60, check=False)
    assert run.returncode == 0, run.stderr
    assert run.stdout.splitlines() == ["True True", "refused False", "refused", "[]"]


# Issue 12: a writer's open sets the database checking the chain's links before it imports
# the store and the model, so the two run side by side (session_console/cli/opening.py)
STORE_AND_MODEL = {"sqlalchemy", "sqlmodel", "pydantic", "models.events", "server.store",
                   "server.service", "server.checkpoints"}

EARLY = """
import json, sys
from server import links
begun, answered = [], []
real_init, real_links = links.EarlyLinks.__init__, links.EarlyLinks.links
def init(self, engine):
    begun.append(sorted(m for m in ("sqlmodel", "server.store", "models.events") if m in sys.modules))
    real_init(self, engine)
def told(self, last):
    found = real_links(self, last)
    answered.append(found is not None and found.hold("0" * 64))
    return found
links.EarlyLinks.__init__, links.EarlyLinks.links = init, told
from session_console.cli import main
code = main(["apply", "--db", sys.argv[1], sys.argv[2]])
print(json.dumps({"code": code, "begun": begun, "answered": answered}))
"""


def test_the_command_line_parser_leaves_the_store_and_the_model_out():
    loaded = modules_after("import session_console.cli; "
                           "session_console.cli.build_parser().parse_args(['apply', 'x.jsonl'])")
    assert loaded & STORE_AND_MODEL == set()


def test_the_parser_check_sees_the_store():
    """The check above can see them: the store's own import brings them in."""
    assert STORE_AND_MODEL <= modules_after("import session_console.cli, server.service")


def test_apply_begins_the_links_check_before_importing_the_store_and_takes_its_answer(
        log, tmp_path):
    script = tmp_path / "nothing.jsonl"
    script.write_text("\n", encoding="utf-8")
    run = subprocess.run([sys.executable, "-c", EARLY, str(log), str(script)],
                         capture_output=True, text=True, env=sesja_env(), cwd=ROOT,
                         timeout=120, check=False)
    assert run.returncode == 0, run.stderr
    assert json.loads(run.stdout.splitlines()[-1]) == {"code": 0, "begun": [[]],
                                                       "answered": [True]}
