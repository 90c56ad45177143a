"""The event log's errors are said in Polish and in English: every one raised in server/
carries both (read from the source), and real failures of the log (a folder, a missing
file, a file that is not a log, a damaged log, a log that cannot be written, another
writer) give `message("pl")` in Polish and `message("en")` = str() in English."""

import ast
import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest

from models.clock import utc_now
from models.commands import CheckIn
from models.step import step
from server.log_lock import LogLock
from server.log_open import open_log
from server.service import SittingService
from server.store import EventStore, LogMovedOn, StoreError
from tests.cli import sesja
from tests.core.test_store_service import immutable, opened_service

SERVER = Path(__file__).resolve().parents[2] / "server"
POLISH_LETTERS = set("ąćęłńóśźżĄĆĘŁŃÓŚŹŻ")


def _store_error_classes(trees: list[ast.Module]) -> set[str]:
    """StoreError and every class of server/ derived from it, however deep."""
    names = {"StoreError"}
    while True:
        found = {node.name for tree in trees for node in ast.walk(tree)
                 if isinstance(node, ast.ClassDef)
                 and any(isinstance(base, ast.Name) and base.id in names for base in node.bases)}
        if found <= names:
            return names
        names |= found


def _literal(node: ast.expr) -> str:
    """The text a message's source spells out (its f-string's fixed parts)."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.JoinedStr):
        return "".join(_literal(part) for part in node.values if isinstance(part, ast.Constant))
    raise AssertionError(f"line {node.lineno}: a message spelled out in the call is expected")


def _raised() -> list[tuple[str, int, ast.Call]]:
    files = sorted(SERVER.rglob("*.py"))
    trees = [ast.parse(file.read_text(encoding="utf-8")) for file in files]
    classes = _store_error_classes(trees)
    return [(str(file.relative_to(SERVER.parent)), node.lineno, node)
            for file, tree in zip(files, trees, strict=True) for node in ast.walk(tree)
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
            and node.func.id in classes]


def test_the_store_s_error_classes_are_found():
    assert {getattr(node.func, "id", None) for _file, _line, node in _raised()} >= {
        "StoreError", "LogMovedOn", "LogHeld"}
    assert len(_raised()) >= 15  # every message of the log, not a few


@pytest.mark.parametrize(("where", "line", "call"), _raised(),
                         ids=[f"{where}:{line}" for where, line, _call in _raised()])
def test_every_store_error_raised_in_server_is_said_in_english_then_polish(where, line, call):
    assert len(call.args) == 2 and not call.keywords, f"{where}:{line}: StoreError(en, pl)"
    english, polish = (_literal(arg) for arg in call.args)
    assert not POLISH_LETTERS & set(english), f"{where}:{line}: the first message is English"
    assert POLISH_LETTERS & set(polish), f"{where}:{line}: the second message is Polish"


def _written(path: Path) -> Path:
    opened_service(path).close()
    return path


def _folder(tmp_path: Path) -> StoreError:
    return _refused(lambda: EventStore(tmp_path))


def _missing(tmp_path: Path) -> StoreError:
    return _refused(lambda: EventStore(tmp_path / "none.db", readonly=True))


def _not_a_database(tmp_path: Path) -> StoreError:
    notes = tmp_path / "notes.db"
    notes.write_text("minutes of the last sitting\n", encoding="utf-8")
    return _refused(lambda: EventStore(notes, readonly=True))


def _another_database(tmp_path: Path) -> StoreError:
    other = tmp_path / "other.db"
    with sqlite3.connect(other) as connection:
        connection.execute("CREATE TABLE budget (line TEXT)")
    connection.close()
    return _refused(lambda: EventStore(other, readonly=True))


def _damaged(tmp_path: Path) -> StoreError:
    path = _written(tmp_path / "sesja.db")
    with sqlite3.connect(path) as connection:
        connection.execute("DELETE FROM checkpoint")
        connection.execute("DELETE FROM event WHERE seq = 1")
    connection.close()
    store = EventStore(path, readonly=True)
    try:
        return _refused(lambda: open_log(store))
    finally:
        store.close()


def _read_only(tmp_path: Path) -> StoreError:
    path = _written(tmp_path / "sesja.db")
    with immutable(path):
        return _refused(lambda: SittingService(EventStore(path)))


def _held(tmp_path: Path) -> StoreError:
    with LogLock(tmp_path / "sesja.db", "sesja serve"):
        return _refused(LogLock(tmp_path / "sesja.db", "sesja console").acquire)


def _moved_on(tmp_path: Path) -> StoreError:
    path = tmp_path / "sesja.db"
    first = opened_service(path)
    second = SittingService(EventStore(path))
    try:
        first.execute(CheckIn(member="m01"), "first")
        # the second still takes the log to end where it read it: its event 3 is taken
        done = step(second.state, CheckIn(member="m02"), utc_now(), "second")
        return _refused(lambda: second.store.append(done.sealed))
    finally:
        first.close()
        second.close()


def _refused(action: Callable[[], object]) -> StoreError:
    with pytest.raises(StoreError) as refused:
        action()
    return refused.value


@pytest.mark.parametrize(("provoke", "polish", "english"), [
    (_folder, "to folder; podaj nazwę pliku dziennika zdarzeń, np. ",
     "is a folder; give the event log's file name, e.g. "),
    (_missing, "nie ma dziennika zdarzeń ", "no event log at "),
    (_not_a_database, "nie można otworzyć dziennika zdarzeń ", "cannot open the event log "),
    (_another_database, "nie jest dziennikiem zdarzeń programu sesja (nie ma w nim tabel "
     "chain_head, checkpoint, checkpoint_part, event, resolution, vote_result)",
     "is not a sesja event log (no chain_head or checkpoint or checkpoint_part or event or "
     "resolution or vote_result table)"),
    (_damaged, "jest uszkodzony: zdarzenie 1: brak (następne zapisane to 2); zdarzenia "
     "usunięto albo przenumerowano; sprawdź go poleceniem `sesja verify --db ",
     "is damaged: event 1: missing (the next stored event is 2)"),
    (_read_only, "nie można zapisywać w dzienniku zdarzeń ", "cannot write to the event log "),
    (_held, "jest otwarty do zapisu przez sesja serve", "is held for writing by sesja serve"),
    (_moved_on, "zdarzenie 3 jest już w dzienniku zdarzeń ", "event 3 already exists in "),
], ids=lambda value: getattr(value, "__name__", None))
def test_a_failure_of_the_log_is_said_in_polish_and_in_english(tmp_path, provoke, polish,
                                                               english):
    error = provoke(tmp_path)
    assert polish in error.message("pl") and polish in error.message()  # Polish by default
    assert english in error.message("en") and str(error) == error.message("en")
    assert english not in error.message("pl") and polish not in str(error)


def test_the_database_s_own_words_stay_in_both(tmp_path):
    error = _read_only(tmp_path)
    assert "attempt to write a readonly database" in error.message("pl")
    assert "attempt to write a readonly database" in error.message("en")


def test_a_log_that_moved_on_is_a_store_error_in_both_languages(tmp_path):
    assert isinstance(_moved_on(tmp_path), LogMovedOn)


@pytest.mark.parametrize("command", [
    ("serve",), ("device-cards", "--url", "http://10.0.0.5:8765", "--out", "cards.pdf"),
    ("export", "--out", "package"), ("verify",)])
def test_commands_say_a_store_error_in_polish_unless_english_is_asked(tmp_path, command):
    folder = ("--db", str(tmp_path))
    polish = sesja(*command, *folder)
    english = sesja(*command, *folder, "--lang", "en")
    assert (polish.returncode, english.returncode) == (1, 1)
    assert polish.stderr.strip() == (f"sesja: {tmp_path} to folder; podaj nazwę pliku "
                                     f"dziennika zdarzeń, np. {tmp_path / 'sesja.db'}")
    assert english.stderr.strip() == (f"sesja: {tmp_path} is a folder; give the event "
                                      f"log's file name, e.g. {tmp_path / 'sesja.db'}")
