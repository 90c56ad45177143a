"""Every failure a `sesja` command prints is Polish by default and English with
`--lang en` (docs/decisions.md, "The command line's language"), with the same exit code,
and nothing is written; so is every line that says what a command did and every note
beside it: the real command line, run as a subprocess."""

import io
import subprocess
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest

from models.commands import command_json
from server.demo import demo_commands
from server.store import EventStore
from session_console.cli import parser_words
from tests.cli import ROOT, sesja, sesja_argv, sesja_env

PO = parser_words.LOCALE_DIR / "pl" / "LC_MESSAGES" / "argparse.po"
MO = PO.with_suffix(".mo")


def _demo_script(folder: Path) -> Path:
    script = folder / "demo.jsonl"
    script.write_text("\n".join(command_json(c) for c in demo_commands(date(2026, 11, 22)))
                      + "\n", encoding="utf-8")
    return script


def _events(db: Path) -> int:
    """How many events the log holds (none when no log was made)."""
    if not db.exists():
        return 0
    store = EventStore(db, readonly=True)
    try:
        head = store.head()
        return head.seq if head else 0
    finally:
        store.close()


@dataclass(frozen=True)
class Case:
    name: str
    args: Callable[[Path], list[str]]  # the command line, given the test's folder
    polish: tuple[str, ...]
    english: tuple[str, ...]
    code: int
    before: int = 0  # the events the log holds before (and after) the command


def _script(folder: Path, *lines: str) -> str:
    script = folder / "b.jsonl"
    script.write_text("".join(f"{line}\n" for line in lines), encoding="utf-8")
    return str(script)


def _file(folder: Path, name: str, text: str) -> str:
    (folder / name).write_text(text, encoding="utf-8")
    return str(folder / name)


def _demo_log(folder: Path) -> str:
    db = folder / "x.db"
    assert sesja("apply", "--db", str(db), str(_demo_script(folder))).returncode == 0
    return str(db)


CASES = [
    Case("apply: an invalid command",
         lambda f: ["apply", "--db", str(f / "x.db"), _script(f, '{"type":"check_in"}')],
         ("b.jsonl: wiersz 1: niepoprawne polecenie: check_in.member: brak wymaganego pola; "
          "nic z tego skryptu nie zapisano",),
         ("b.jsonl: line 1: invalid command: check_in.member: Field required; nothing from "
          "this script was written",), 1),
    Case("apply: a line that is not JSON",
         lambda f: ["apply", "--db", str(f / "x.db"),
                    _script(f, '{"type":"check_in","member":"m01"}', "not json")],
         ("wiersz 2: to nie jest JSON (oczekiwano wartości w kolumnie 1)",),
         ("line 2: not JSON (Expecting value at column 1)",), 1),
    Case("apply: an unknown command",
         lambda f: ["apply", "--db", str(f / "x.db"), _script(f, '{"type":"fly_away"}')],
         ("wiersz 1: niepoprawne polecenie: nieznany rodzaj polecenia „fly_away” (znane: "
          "'define_council'",),
         ("line 1: invalid command: command: Input tag 'fly_away' found",), 1),
    Case("apply: happened_at without --afterwards",
         lambda f: ["apply", "--db", str(f / "x.db"), _script(
             f, '{"type":"check_in","member":"m01","happened_at":"2025-05-29T11:05:00+02:00"}')],
         ("wiersz 1: pole happened_at jest dla sesji wprowadzanej później: uruchom "
          "`sesja apply --afterwards`",),
         ("line 1: happened_at is for a sitting entered afterwards",), 1),
    Case("apply: a script that is not there",
         lambda f: ["apply", "--db", str(f / "x.db"), str(f / "brak.jsonl")],
         ("nie można odczytać pliku", "brak.jsonl: nie ma takiego pliku ani folderu"),
         ("cannot read", "brak.jsonl: No such file or directory"), 1),
    Case("apply: a command the model refuses",
         lambda f: ["apply", "--db", _demo_log(f),
                    _script(f, '{"type":"check_in","member":"m99"}')],
         ("wiersz 1: odrzucone: Nie ma radnego m99 w składzie tej sesji; nic z tego skryptu "
          "nie zapisano",),
         ("line 1: rejected: No member m99 in this sitting's roster; nothing from this "
          "script was written",), 1, before=2),
    Case("council import: no name column",
         lambda f: ["council", "import", "--db", str(f / "x.db"), _file(f, "b.csv", "a;b\n")],
         ("b.csv: wiersz 1: brak kolumny z imieniem i nazwiskiem;", "sesja: nic nie zaimportowano"),
         ("b.csv: line 1: no name column;", "sesja: nothing was imported"), 1),
    Case("council import: bad rows",
         lambda f: ["council", "import", "--db", str(f / "x.db"),
                    _file(f, "b.csv", "nr,name\n1,Anna\nx,\n1,Ola\n")],
         ("b.csv: wiersz 3: miejsce „x” nie jest liczbą dodatnią",
          "b.csv: wiersz 3: imię i nazwisko jest puste", "b.csv: wiersz 4: miejsce 1 powtarza "
          "wiersz 2"),
         ("b.csv: line 3: seat 'x' is not a positive number", "b.csv: line 3: the name is empty",
          "b.csv: line 4: seat 1 repeats line 2"), 1),
    Case("council import: a new council without its name",
         lambda f: ["council", "import", "--db", str(f / "x.db"), _file(f, "b.csv", "name\nAnna\n")],
         ("nowa rada potrzebuje --name i --seats; nic nie zaimportowano",),
         ("a new council needs --name and --seats; nothing was imported",), 1),
    Case("import: neither layout",
         lambda f: ["import", "--db", str(f / "x.db"), _file(f, "b.csv", "a;b\n")],
         ("b.csv: wiersz 1, kolumna A: plik nie ma żadnego z dwóch układów",
          "; nic nie zaimportowano"),
         ("b.csv: row 1, column A: neither layout", "; nothing was imported"), 1),
    Case("import: into a sitting run live",
         lambda f: ["import", "--db", _demo_log(f),
                    _file(f, "b.csv", "głosowanie;czas;temat;radny;głos\n")],
         ("nie jest wprowadzana później",), ("is not entered afterwards",), 1, before=2),
    Case("console: --connect without --token",
         lambda f: ["console", "--connect", "ws://x/ws"],
         ("sesja: --connect wymaga --token (tokenu sterowania serwera)",),
         ("sesja: --connect needs --token (the control token of the server)",), 1),
    Case("console: --connect with --db",
         lambda f: ["console", "--connect", "ws://x/ws", "--token", "t", "--db", str(f / "x.db")],
         ("--connect steruje zdalnym serwerem; nie przyjmuje --db",),
         ("--connect drives a remote server; it takes no --db",), 1),
    Case("console --serve: a port out of range",
         lambda f: ["console", "--serve", "--port", "70000", "--db", _demo_log(f)],
         ("sesja: --port 70000 nie jest numerem portu (0-65535)",),
         ("sesja: --port 70000 is not a port number (0-65535)",), 1, before=2),
    Case("demo: a file that already holds a log",
         lambda f: ["demo", "--db", _demo_log(f)],
         ("x.db zawiera już dziennik; otwórz go poleceniem `sesja console --db",),
         ("x.db already holds a log; open it with `sesja console --db",), 1, before=2),
    Case("device-cards: no council",
         lambda f: ["device-cards", "--db", str(f / "x.db"), "--url", "http://x",
                    "--out", str(f / "karty.pdf")],
         ("sesja: w tym dzienniku nie zdefiniowano rady",),
         ("sesja: no council is defined in this log",), 1),
    Case("an unknown command",
         lambda f: ["bogus"],
         ("użycie: sesja [-h] COMMAND ...", "sesja: błąd: argument COMMAND: niedozwolona "
          "wartość „bogus” (do wyboru: 'apply', 'verify'"),
         ("usage: sesja [-h] COMMAND ...", "sesja: error: argument COMMAND: invalid choice: "
          "'bogus' (choose from 'apply', 'verify'"), 2),
    Case("a missing required argument",
         lambda f: ["export", "--db", str(f / "x.db")],
         ("użycie: sesja export", "sesja export: błąd: brak wymaganych argumentów: --out"),
         ("usage: sesja export", "sesja export: error: the following arguments are required: "
          "--out"), 2),
    Case("a missing file",
         lambda f: ["council", "import"],
         ("sesja council import: błąd: brak wymaganych argumentów: csv",),
         ("sesja council import: error: the following arguments are required: csv",), 2),
    Case("an unknown option",
         lambda f: ["schema", "--bogus"],
         ("sesja: błąd: nieznane argumenty: --bogus",),
         ("sesja: error: unrecognized arguments: --bogus",), 2),
    Case("an option without its value",
         lambda f: ["apply", "x.jsonl", "--db"],
         ("sesja apply: błąd: argument --db: brak wartości (oczekiwano jednej)",),
         ("sesja apply: error: argument --db: expected one argument",), 2),
    Case("a value not among the choices",
         lambda f: ["council", "import", "b.csv", "--kind", "miasto"],
         ("argument --kind: niedozwolona wartość „miasto” (do wyboru: 'gmina'",),
         ("argument --kind: invalid choice: 'miasto' (choose from 'gmina'",), 2),
    Case("a number that is not one",
         lambda f: ["council", "import", "b.csv", "--seats", "dwa"],
         ("argument --seats: „dwa” nie jest liczbą całkowitą",),
         ("argument --seats: 'dwa' is not a whole number",), 2),
    Case("a time that is not one",
         lambda f: ["export", "--out", str(f / "bip"), "--video-start", "rano"],
         ("argument --video-start: „rano” nie jest datą i godziną, np. 2025-05-29T10:58:30",),
         ("argument --video-start: 'rano' is not a date and time such as 2025-05-29T10:58:30",),
         2),
]


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_a_failure_is_polish_by_default_and_english_with_lang_en(tmp_path, case):
    for lang, expected, other in (("pl", case.polish, case.english),
                                  ("en", case.english, case.polish)):
        folder = tmp_path / lang
        folder.mkdir()
        args = case.args(folder)
        run = sesja(*args, *(("--lang", "en") if lang == "en" else ()), timeout=120)
        assert run.returncode == case.code, run.stderr
        for text in expected:
            assert text in run.stderr, (lang, run.stderr)
        for text in other:
            assert text not in run.stderr, (lang, run.stderr)
        assert _events(folder / "x.db") == case.before
        assert not (folder / "karty.pdf").exists() and not (folder / "bip").exists()


def _exported(folder: Path, *formats: str) -> str:
    """The demo log exported to folder/bip (in the default language: only the verify after
    it is the case); its log's path."""
    db = _demo_log(folder)
    chosen = ("--format", ",".join(formats)) if formats else ()
    assert sesja("export", "--db", db, "--out", str(folder / "bip"), *chosen).returncode == 0
    return db


def _votes_file(folder: Path) -> list[str]:
    """The Katowice sitting's frame applied afterwards, and its votes as a matrix to import."""
    from tests.publish.katowice import published
    from tests.publish.katowice_import import frame_script, matrix, write_csv, write_jsonl

    data = published()
    write_csv(folder / "macierz.csv", matrix(data), "cp1250", ";")
    write_jsonl(folder / "frame.jsonl", frame_script(data))
    framed = sesja("apply", "--afterwards", "--db", str(folder / "x.db"),
                   str(folder / "frame.jsonl"))
    assert framed.returncode == 0, framed.stderr
    return ["import", "--db", str(folder / "x.db"), str(folder / "macierz.csv")]


@dataclass(frozen=True)
class Done:
    name: str
    args: Callable[[Path], list[str]]  # the command line, given the test's folder
    polish: tuple[str, ...]  # in its stdout
    english: tuple[str, ...]
    notes_pl: tuple[str, ...] = ()  # in its stderr
    notes_en: tuple[str, ...] = ()


DONE = [
    Done("apply",
         lambda f: ["apply", "--db", str(f / "x.db"), str(_demo_script(f))],
         ("wykonano 2 polecenia, zapisano 2 zdarzenia; dziennik kończy się zdarzeniem nr 2 (",),
         ("applied 2 commands as 2 events; the log ends at event 2 (",)),
    Done("verify",
         lambda f: ["verify", "--db", _demo_log(f)],
         ("ok: 2 zdarzenia, łańcuch skrótów nienaruszony, odtworzenie zgodne z zapisanym "
          "stanem; ostatni skrót ",),
         ("ok: 2 events, chain intact, replay matches the projections; last hash ",)),
    Done("council import",
         lambda f: ["council", "import", "--db", str(f / "x.db"), "--name",
                    "Rada Gminy Próbnej", "--seats", "15",
                    _file(f, "rada.csv", "nr;imię i nazwisko\n" + "".join(
                        f"{n};Radny Nr{n}\n" for n in range(1, 6)))],
         ("„Rada Gminy Próbnej”: zaimportowano 5 osób (utf-8); ustawowy skład: 15",),
         ("imported 5 members (utf-8) into Rada Gminy Próbnej, 15 statutory seats",)),
    Done("import",
         _votes_file,
         ("zaimportowano 21 głosowań (588 imiennych głosów) z pliku ",
          "macierz.csv (CSV, Windows-1250, średniki; tabela radni x głosowania) do XV sesji z "
          "dnia 2025-05-29; zapisano 654 zdarzenia, dziennik "
          "kończy się zdarzeniem nr 656\n"),
         ("imported 21 votes (588 named answers) from ", "macierz.csv (CSV, Windows-1250, "
          "semicolons; members x votes matrix) into sitting XV of 2025-05-29 as 654 events; "
          "the log ends at event 656\n")),
    Done("device-cards",
         lambda f: ["device-cards", "--db", _demo_log(f), "--url", "http://10.0.0.5:8765",
                    "--out", str(f / "karty.pdf")],
         ("22 karty: ", "karty.pdf (wcześniejsze kody tych osób już nie działają)"),
         ("22 cards: ", "karty.pdf (earlier codes of these members no longer work)")),
    Done("device-cards: one member",
         lambda f: ["device-cards", "--db", _demo_log(f), "--url", "http://10.0.0.5:8765",
                    "--out", str(f / "karty.pdf"), "--member", "m01"],
         ("1 karta: ", "karty.pdf (wcześniejszy kod tej osoby już nie działa)"),
         ("1 card: ", "karty.pdf (the member's earlier code no longer works)")),
    Done("export: an open sitting without votes",
         lambda f: ["export", "--db", _demo_log(f), "--out", str(f / "bip")],
         ("wyeksportowano XL sesję z dnia 2026-11-22 (0 głosowań) do ",
          "bip; manifest manifest.json wiąże pakiet ze zdarzeniem nr 2 ("),
         ("exported sitting XL of 2026-11-22 (0 votes) to ",
          "bip; manifest manifest.json ties it to event 2 ("),
         ("uwaga: sesja nie została jeszcze zamknięta: pakiet jest oznaczony jako niepełny",
          "uwaga: żadne głosowanie nie zostało jeszcze zamknięte: pakiet zawiera listę "
          "obecności, listę mówców i projekt protokołu"),
         ("note: the sitting is still open: the package says it is partial",
          "note: no vote has closed yet: the package holds the attendance list, the speakers "
          "and the minutes draft")),
    Done("verify --export against its log",
         lambda f: ["verify", "--export", str(f / "bip"), "--db", _exported(f)],
         ("ok: 22 pliki bez zmian od eksportu (SHA-256), pakiet odpowiada dziennikowi do "
          "zdarzenia nr 2 (", "); głosowania zgodne z dziennikiem: 0"),
         ("ok: 22 files unchanged since export (SHA-256), made from event 2 (",
          "); its 0 votes match the log")),
    Done("verify --export without JSON against its log",
         lambda f: ["verify", "--export", str(f / "bip"), "--db", _exported(f, "csv")],
         ("ok: 12 plików bez zmian od eksportu", "); pakiet powstał z tego dziennika"),
         ("ok: 12 files unchanged since export", "); made from this log")),
]


@pytest.mark.parametrize("done", DONE, ids=[done.name for done in DONE])
def test_a_success_is_polish_by_default_and_english_with_lang_en(tmp_path, done):
    for lang, said, noted, other in (
            ("pl", done.polish, done.notes_pl, done.english + done.notes_en),
            ("en", done.english, done.notes_en, done.polish + done.notes_pl)):
        folder = tmp_path / lang
        folder.mkdir()
        run = sesja(*done.args(folder), *(("--lang", "en") if lang == "en" else ()),
                    timeout=120)
        assert run.returncode == 0, run.stderr
        for text in said:
            assert text in run.stdout, (lang, run.stdout)
        for text in noted:
            assert text in run.stderr, (lang, run.stderr)
        for text in other:
            assert text not in run.stdout + run.stderr, (lang, run.stdout, run.stderr)


@pytest.mark.parametrize("lang, listening, tokens, stopped", [
    ("pl", "sesja serve: nasłuchuje na 127.0.0.1:", "  tokeny        ", "sesja serve: zatrzymano"),
    ("en", "sesja serve: listening on 127.0.0.1:", "  tokens        ", "sesja serve: stopped"),
])
def test_serve_says_where_it_listens_and_that_it_stopped_in_its_language(
        tmp_path, lang, listening, tokens, stopped):
    from tests.live.serve_process import demo_db, start, stop

    served = start("--db", str(demo_db(tmp_path / "rada.db")), "--port", "0", "--lang", lang)
    try:
        first, *urls, last = served.output.splitlines()
        assert first == f"{listening}{served.port}"
        assert served.url("chamber").startswith(f"http://127.0.0.1:{served.port}/chamber?token=")
        assert last.startswith(f"{tokens}{tmp_path / 'rada.db'}.tokens (control: ")
    finally:
        errors = stop(served)
    assert served.process.returncode == 0 and errors.strip() == stopped


@pytest.mark.parametrize("lang, said", [
    ("pl", "sesja demo: dziennik jest w pliku "), ("en", "sesja demo: the log is ")])
def test_demo_names_its_log_in_its_language(tmp_path, lang, said):
    """The line comes before the console takes the terminal: read, then the console ended."""
    db = tmp_path / "demo.db"
    process = subprocess.Popen(sesja_argv("demo", "--db", str(db), "--lang", lang),
                               stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                               stderr=subprocess.DEVNULL, text=True, env=sesja_env(), cwd=ROOT)
    try:
        assert process.stdout.readline() == f"{said}{db}\n"
    finally:
        process.terminate()
        process.communicate(timeout=30)


def test_help_stays_english_whatever_the_language():
    shown = sesja("apply", "--help")
    assert shown.returncode == 0 and shown.stdout.startswith("usage: sesja apply")
    assert "positional arguments:" in shown.stdout and "options:" in shown.stdout
    assert sesja("apply", "--help", "--lang", "en").stdout == shown.stdout


@pytest.mark.parametrize("argv, lang", [
    ([], "pl"), (["apply", "--lang", "en"], "en"), (["--lang=en", "schema"], "en"),
    (["--lang", "en", "--lang", "pl"], "pl"), (["--lang", "de"], "pl"), (["--lang"], "pl"),
    (["apply", "--", "--lang", "en"], "pl"),
])
def test_the_command_line_names_its_language(argv, lang):
    assert parser_words.lang_of(argv) == lang


def test_argparse_is_itself_again_after_the_parse():
    import argparse

    before = argparse._("usage: ")
    with parser_words.argparse_in("pl"):
        assert argparse._("usage: ") == "użycie: "
        assert parser_words.said("en", "pl") == "pl"
    assert argparse._("usage: ") == before == "usage: "
    assert parser_words.said("en", "pl") == "pl"  # the default outside a parse


def test_every_usage_error_argparse_says_has_polish():
    """The messages argparse makes while parsing (this Python's: a message it adds or
    rewords shows here) have a translation that keeps their placeholders."""
    import argparse
    import ast
    import re

    said = set()
    for node in ast.walk(ast.parse(Path(argparse.__file__).read_text(encoding="utf-8"))):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) \
                and node.func.id in ("_", "ngettext") and isinstance(node.args[0], ast.Constant):
            said.add(node.args[0].value)
    parse_time = {
        "usage: ", "%(prog)s: error: %(message)s\n", "argument %(argument_name)s: %(message)s",
        "the following arguments are required: %s", "one of the arguments %s is required",
        "expected one argument", "expected at most one argument",
        "expected at least one argument", "expected %s argument", "not allowed with argument %s",
        "ignored explicit argument %r", "ambiguous option: %(option)s could match %(matches)s",
        "unexpected option string: %s", "unrecognized arguments: %s",
        "invalid %(type)s value: %(value)r", "invalid choice: %(value)r (choose from %(choices)s)",
        "unknown parser %(parser_name)r (choices: %(choices)s)",
    }
    assert parse_time <= said, parse_time - said
    polish = parser_words.translations("pl")
    for message in parse_time:
        translated = polish.gettext(message)
        assert translated != message or message.startswith("argument "), message
        assert (set(re.findall(r"%\((\w+)\)", translated))
                == set(re.findall(r"%\((\w+)\)", message))), message


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


@pytest.mark.parametrize("lang, word", [("pl", "eksport"), ("en", "export")])
def test_the_export_progress_bar_is_named_in_its_language(monkeypatch, lang, word):
    from session_console.cli.export import progress

    terminal = _Terminal()
    monkeypatch.setattr("sys.stderr", terminal)
    shown = progress(lang)
    shown(1, 2)
    shown(2, 2)
    assert terminal.getvalue() == (f"\r{word} [##########          ] 1/2"
                                   f"\r{word} [####################] 2/2\n")
