"""`sesja import` of the members x votes matrix (CSV in Windows-1250, XLSX), and hostile files:
each refused with its row and column named, and nothing written (the log as it was)."""

import csv
import json
from pathlib import Path

import pytest

from models.rules import MajorityRule
from models.terms import MajorityKind
from server.import_votes.majority import rule_of
from server.import_votes.reading import MAX_BYTES
from server.store import EventStore
from tests.cli import sesja
from tests.publish.katowice import published
from tests.publish.katowice_import import (
    ROW_HEADER,
    frame_script,
    matrix,
    rows,
    write_csv,
    write_jsonl,
    write_xlsx,
)
from tests.publish.test_katowice import expected
from tests.publish.test_katowice_import import bring_in

DATA = published()


def _named(package: Path) -> dict[tuple[int, str], str]:
    with (package / "imienne.csv").open(encoding="utf-8", newline="") as handle:
        return {(int(r["Głosowanie nr"]), r["Radny"]): r["Głos"] for r in csv.DictReader(handle)}


@pytest.mark.parametrize("name, write, described", [
    ("macierz.csv", lambda p: write_csv(p, matrix(DATA), "cp1250", ";"),
     "CSV, Windows-1250, semicolons; members x votes matrix"),
    ("macierz.xlsx", lambda p: write_xlsx(p, matrix(DATA)),
     "XLSX, sheet Głosowania; members x votes matrix"),
])
def test_the_matrix_with_its_legend_brings_every_answer(tmp_path, name, write, described):
    write(tmp_path / name)
    db = bring_in(tmp_path, tmp_path / name)
    exported = sesja("export", "--db", str(db), "--out", str(tmp_path / "bip"), "--format", "csv")
    assert exported.returncode == 0, exported.stderr
    found = _named(tmp_path / "bip")
    for number, answers, _counts in expected():
        assert {member: found[(number, member)] for member in answers} == answers
    with (tmp_path / "bip" / "wyniki.csv").open(encoding="utf-8", newline="") as handle:
        results = {int(r["Głosowanie nr"]): r for r in csv.DictReader(handle)}
    assert results[1]["Otwarto"] == "2025-05-29 11:05:00" and results[20]["Punkt"] == "17c"


def test_the_import_says_which_encoding_and_layout_it_read(tmp_path):
    write_csv(tmp_path / "macierz.csv", matrix(DATA), "cp1250", ";")
    db = tmp_path / "k.db"
    write_jsonl(tmp_path / "frame.jsonl", frame_script(DATA))
    assert sesja("apply", "--afterwards", "--db", str(db), str(tmp_path / "frame.jsonl")).returncode == 0
    done = sesja("import", "--db", str(db), str(tmp_path / "macierz.csv"))
    assert done.returncode == 0, done.stderr
    assert "(CSV, Windows-1250, średniki; tabela radni x głosowania)" in done.stdout


def _log(db: Path) -> tuple[int, str]:
    store = EventStore(db, readonly=True)
    try:
        head = store.head()
        return (head.seq, head.hash) if head else (0, "")
    finally:
        store.close()


@pytest.fixture
def framed(tmp_path) -> Path:
    """A log with the Katowice sitting opened afterwards, nothing imported yet."""
    db = tmp_path / "k.db"
    write_jsonl(tmp_path / "frame.jsonl", frame_script(DATA))
    assert sesja("apply", "--afterwards", "--db", str(db), str(tmp_path / "frame.jsonl")).returncode == 0
    return db


def _refused(db: Path, file: Path, *args: str) -> str:
    before = _log(db)
    run = sesja("import", "--db", str(db), str(file), *args, "--lang", "en")
    assert run.returncode == 1, run.stdout
    assert "nothing was imported" in run.stderr
    assert _log(db) == before
    return run.stderr


def _rows_with(change) -> list[list[str]]:
    lines = rows(DATA)
    change(lines)
    return lines


def test_a_file_in_another_encoding_than_said_is_refused_where_the_byte_is(tmp_path, framed):
    write_csv(tmp_path / "g.csv", rows(DATA), "cp1250")
    error = _refused(framed, tmp_path / "g.csv", "--encoding", "utf-8")
    assert "row 1, column A: byte 0xb3 is not UTF-8 (try --encoding cp1250)" in error


def test_a_missing_column_is_named(tmp_path, framed):
    lines = [line[:-1] for line in rows(DATA)]  # no "Głos"
    write_csv(tmp_path / "g.csv", lines)
    assert "row 1: no column 'głos'" in _refused(framed, tmp_path / "g.csv")


def test_an_unknown_member_is_named_with_row_and_column(tmp_path, framed):
    lines = _rows_with(lambda lines: lines[30].__setitem__(5, "Kowalski Jan"))
    write_csv(tmp_path / "g.csv", lines)
    assert "row 31, column F (Radny): 'Kowalski Jan' is not a member" in _refused(
        framed, tmp_path / "g.csv")


def test_a_refusal_is_polish_by_default_with_the_same_row_and_column(tmp_path, framed):
    lines = _rows_with(lambda lines: lines[30].__setitem__(5, "Kowalski Jan"))
    write_csv(tmp_path / "g.csv", lines)
    before = _log(framed)
    run = sesja("import", "--db", str(framed), str(tmp_path / "g.csv"))
    assert run.returncode == 1 and _log(framed) == before
    assert run.stderr == (f"sesja: {tmp_path / 'g.csv'}: wiersz 31, kolumna F (Radny): "
                          "„Kowalski Jan” nie jest na liście radnych sesji XV; "
                          "nic nie zaimportowano\n")
    lines = matrix(DATA)
    lines[8][3] = "7"
    write_csv(tmp_path / "m.csv", lines, "cp1250", ";")
    run = sesja("import", "--db", str(framed), str(tmp_path / "m.csv"))
    assert run.returncode == 1 and _log(framed) == before
    assert "wiersz 9, kolumna D: „7” nie ma w legendzie (1 = yes" in run.stderr


def test_an_unknown_answer_code_is_named_with_row_and_column(tmp_path, framed):
    lines = matrix(DATA)
    lines[8][3] = "7"  # a member's row (the 3rd), the 3rd vote's column (D)
    write_csv(tmp_path / "m.csv", lines, "cp1250", ";")
    error = _refused(framed, tmp_path / "m.csv")
    assert "row 9, column D: '7' is neither in the legend" in error


def test_an_unknown_answer_word_is_named(tmp_path, framed):
    lines = _rows_with(lambda lines: lines[5].__setitem__(6, "TAK"))
    write_csv(tmp_path / "g.csv", lines)
    assert "row 6, column G (Głos): 'TAK' is no answer" in _refused(framed, tmp_path / "g.csv")


def test_a_member_twice_in_a_vote_is_refused(tmp_path, framed):
    lines = _rows_with(lambda lines: lines.insert(3, list(lines[1])))
    write_csv(tmp_path / "g.csv", lines)
    error = _refused(framed, tmp_path / "g.csv")
    assert "row 4, column F (Radny): 'Bala Beata' is given twice in vote 1 (also in row 2)" in error


def test_a_file_too_big_is_refused_before_it_is_read(tmp_path, framed):
    big = tmp_path / "g.csv"
    with big.open("w", encoding="utf-8") as handle:
        handle.write(",".join(ROW_HEADER) + "\n")
        handle.write("x" * MAX_BYTES)
    assert "too big" in _refused(framed, big)


def test_votes_out_of_time_order_are_refused_where_the_vote_is(tmp_path, framed):
    lines = _rows_with(lambda lines: [line.__setitem__(1, "29.05.2025 10:00")
                                      for line in lines[29:57]])  # vote 2, before vote 1
    write_csv(tmp_path / "g.csv", lines)
    assert "row 30: vote 2 is timed before vote 1" in _refused(framed, tmp_path / "g.csv")


def test_what_the_core_refuses_is_named_by_row_too(tmp_path, framed):
    """Vote 1 timed before the sitting opened (11:05): the core's own refusal, on its row."""
    lines = _rows_with(lambda lines: [line.__setitem__(1, "29.05.2025 10:00")
                                      for line in lines[1:29]])
    write_csv(tmp_path / "g.csv", lines)
    error = _refused(framed, tmp_path / "g.csv", "--lang", "en")
    assert "row 2: refused: The time 2025-05-29T10:00:00+02:00 is earlier" in error


def test_a_sitting_run_live_takes_no_import(tmp_path):
    db = tmp_path / "k.db"
    frame = frame_script(DATA)
    del frame[1]["happened_at"]
    write_jsonl(tmp_path / "frame.jsonl", frame)
    assert sesja("apply", "--db", str(db), str(tmp_path / "frame.jsonl")).returncode == 0
    write_csv(tmp_path / "g.csv", rows(DATA))
    assert "is not entered afterwards" in _refused(db, tmp_path / "g.csv")


def test_brak_danych_is_its_own_answer_in_every_format(tmp_path):
    """A member the file leaves out of a vote, and one it marks "brak danych": neither is a
    vote, nor present, nor absent; each format says "brak danych" and counts them apart."""
    def change(lines):
        lines[2][6] = "brak danych"  # Białas Patryk, vote 1 (ZA in the source)
        del lines[1]  # Bala Beata, vote 1: not listed
    lines = _rows_with(change)
    write_csv(tmp_path / "g.csv", lines)
    db = bring_in(tmp_path, tmp_path / "g.csv")
    assert sesja("export", "--db", str(db), "--out", str(tmp_path / "bip")).returncode == 0
    bip = tmp_path / "bip"
    with (bip / "imienne.csv").open(encoding="utf-8", newline="") as handle:
        named = {(r["Głosowanie nr"], r["Radny"]): (r["Głos"], r["Kod głosu"])
                 for r in csv.DictReader(handle)}
    assert named["1", "Bala Beata"] == named["1", "Białas Patryk"] == ("brak danych", "unknown")
    with (bip / "wyniki.csv").open(encoding="utf-8", newline="") as handle:
        first = next(csv.DictReader(handle))
    assert (first["Za"], first["Nieobecni"], first["Brak danych"]) == ("25", "1", "2")
    page = (bip / "index.html").read_text(encoding="utf-8")
    assert "<li>2 osoby — brak danych</li>" in page and '<td class="unknown">brak danych</td>' in page
    event = json.loads((bip / "glosowania" / "glosowanie-001.json").read_text(encoding="utf-8"))
    assert {"option": "unknown", "value": 2} in event["counts"]
    assert [v["option_pl"] for v in event["votes"][:2]] == ["brak danych", "brak danych"]


def test_apply_takes_past_times_only_with_afterwards_and_then_on_every_command(tmp_path, framed):
    before = _log(framed)
    given = tmp_path / "given.jsonl"
    write_jsonl(given, [{"type": "check_in", "member": "k01",
                         "happened_at": "2025-05-29T11:06:00+02:00"}])
    live = sesja("apply", "--db", str(framed), str(given), "--lang", "en")
    assert live.returncode == 1 and "line 1: happened_at is for a sitting entered afterwards" in live.stderr
    missing = tmp_path / "missing.jsonl"
    write_jsonl(missing, [{"type": "check_in", "member": "k01"}])
    untimed = sesja("apply", "--afterwards", "--db", str(framed), str(missing), "--lang", "en")
    assert untimed.returncode == 1 and "line 1: entered afterwards (--afterwards)" in untimed.stderr
    script = tmp_path / "import.jsonl"
    write_jsonl(script, [{"type": "import_answer", "member": "k01", "answer": "yes"}])
    forged = sesja("apply", "--afterwards", "--db", str(framed), str(script), "--lang", "en")
    assert forged.returncode == 1 and "import_answer is made by the server" in forged.stderr
    assert _log(framed) == before


def _with_majority(lines: list[list[str]], vote_one: str) -> list[list[str]]:
    """A "Większość" column, given for vote 1 only (the others leave it empty)."""
    return [[*line[:5], "Większość" if index == 0 else vote_one if line[0] == "1" else "",
             *line[5:]] for index, line in enumerate(lines)]


def test_a_majority_column_names_each_votes_rule(tmp_path):
    """Vote 1 by the absolute majority of the 28 statutory seats (15 needed), the others by
    the simple majority the empty cells mean."""
    write_csv(tmp_path / "g.csv", _with_majority(rows(DATA),
                                                 "Bezwzględna większość ustawowego składu"))
    db = bring_in(tmp_path, tmp_path / "g.csv")
    assert sesja("export", "--db", str(db), "--out", str(tmp_path / "bip"), "--format",
                 "csv").returncode == 0
    with (tmp_path / "bip" / "wyniki.csv").open(encoding="utf-8", newline="") as handle:
        results = {int(r["Głosowanie nr"]): r for r in csv.DictReader(handle)}
    assert (results[1]["Większość"], results[1]["Wymagane za"]) == (
        "bezwzględna większość ustawowego składu", "15")
    assert results[2]["Większość"] == "zwykła większość głosów"


def test_a_majority_the_file_gets_wrong_is_named_with_row_and_column(tmp_path, framed):
    write_csv(tmp_path / "g.csv", _with_majority(rows(DATA), "większość jakaś"))
    error = _refused(framed, tmp_path / "g.csv")
    assert "row 2, column F (Większość): 'większość jakaś' is no majority" in error


@pytest.mark.parametrize("words, rule", [
    ("", MajorityRule()),
    ("zwykła większość głosów", MajorityRule()),
    ("Bezwzględna  większość głosów.", MajorityRule(kind=MajorityKind.ABSOLUTE_CAST)),
    ("absolute_seats", MajorityRule(kind=MajorityKind.ABSOLUTE_SEATS)),
    ("większość 3/5 ustawowego składu",
     MajorityRule(kind=MajorityKind.QUALIFIED_SEATS, numerator=3, denominator=5)),
    ("2/3 głosów", MajorityRule(kind=MajorityKind.QUALIFIED_CAST, numerator=2, denominator=3)),
    ("3/5", None), ("5/3 głosów", None), ("0/2 głosów", None), ("kwalifikowana", None),
])
def test_majority_words_as_files_write_them(words, rule):
    assert rule_of(words) == rule
