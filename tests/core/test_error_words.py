"""The errors of a script, a council CSV and a vote file say what and where in English
(`str()`, what logs read) and in Polish (`message("pl")`, what the secretary reads)."""

import errno

import pytest
from pydantic import ValidationError

from models.commands import parse_command
from server.council_csv import CsvImportError, read_members
from server.import_votes.errors import VoteImportError
from server.import_votes.layouts import votes_of
from server.os_reasons import cannot_read, os_reason
from server.script import ScriptError, parse_lines
from server.validation_words import describe_validation


def _invalid(data: dict) -> ValidationError:
    with pytest.raises(ValidationError) as caught:
        parse_command(data)
    return caught.value


def test_a_vote_file_error_names_its_row_and_column_in_both_languages():
    error = VoteImportError("'x' is no answer", "„x” nie jest odpowiedzią", 3, "E (głos)")
    assert str(error) == "row 3, column E (głos): 'x' is no answer"
    assert error.message("pl") == "wiersz 3, kolumna E (głos): „x” nie jest odpowiedzią"
    assert error.message("en") == str(error)
    row_only = VoteImportError("a", "b", 7)
    assert (str(row_only), row_only.message("pl")) == ("row 7: a", "wiersz 7: b")
    nowhere = VoteImportError("the file is empty", "plik jest pusty")
    assert (str(nowhere), nowhere.message("pl")) == ("the file is empty", "plik jest pusty")


def test_a_bad_legend_is_named_at_its_row_in_both_languages():
    rows = [["głosowanie", "1"], ["czas", "29.05.2025 11:05"], ["temat", "Budżet"],
            ["Anna Nowak", "1"], ["legenda: 1 = tak"]]
    with pytest.raises(VoteImportError) as caught:
        votes_of(rows)
    assert str(caught.value).startswith("row 5, column A: the legend's 1 = 'tak' is no answer")
    assert caught.value.message("pl").startswith(
        "wiersz 5, kolumna A: w legendzie „1 = tak” nie jest odpowiedzią (za, przeciw")


def test_a_matrix_cell_neither_in_the_legend_nor_an_answer():
    rows = [["głosowanie", "1"], ["czas", "29.05.2025 11:05"], ["temat", "Budżet"],
            ["Anna Nowak", "9"]]
    with pytest.raises(VoteImportError) as caught:
        votes_of(rows)
    assert caught.value.message("pl").startswith(
        "wiersz 4, kolumna B: „9” nie ma w legendzie (brak legendy) i nie jest odpowiedzią")
    assert str(caught.value).startswith("row 4, column B: '9' is neither in the legend (none)")


def test_a_council_file_lists_every_bad_line_in_both_languages():
    with pytest.raises(CsvImportError) as caught:
        read_members(b"nr;name;mandat od\n1;Anna;2024\nx;;\n1;Ola;\n")
    error = caught.value
    assert error.problems == ["line 2: date '2024' is not YYYY-MM-DD",
                              "line 3: seat 'x' is not a positive number",
                              "line 3: the name is empty", "line 4: id m01 repeats line 2",
                              "line 4: seat 1 repeats line 2"]
    assert error.messages("pl") == ["wiersz 2: data „2024” nie jest zapisana jako RRRR-MM-DD",
                                    "wiersz 3: miejsce „x” nie jest liczbą dodatnią",
                                    "wiersz 3: imię i nazwisko jest puste",
                                    "wiersz 4: identyfikator m01 powtarza wiersz 2",
                                    "wiersz 4: miejsce 1 powtarza wiersz 2"]
    assert str(error) == "\n".join(error.problems)


@pytest.mark.parametrize("data, english, polish", [
    (b"", "the file is empty", "plik jest pusty"),
    (b"name\n", "the file has a header but no members", "plik ma nagłówek, ale żadnego radnego"),
    ("imię\nAnna\n".encode(), "line 1: no name column", "wiersz 1: brak kolumny z imieniem"),
])
def test_a_council_file_without_members(data, english, polish):
    with pytest.raises(CsvImportError) as caught:
        read_members(data)
    assert str(caught.value).startswith(english)
    assert caught.value.message("pl").startswith(polish)


def test_a_council_file_in_no_encoding_it_reads_is_refused_not_a_traceback():
    with pytest.raises(CsvImportError) as caught:
        read_members(b"name\n\x81\x98\n")
    assert str(caught.value) == ("the file is neither UTF-8 nor Windows-1250 (byte 5); save "
                                 "it as CSV in one of them")
    assert caught.value.message("pl").startswith(
        "plik nie jest zapisany ani w UTF-8, ani w Windows-1250 (bajt 5)")


def test_a_council_file_in_another_encoding_than_said():
    with pytest.raises(CsvImportError) as caught:
        read_members("name\nŁucja\n".encode("cp1250"), "utf-8")
    assert caught.value.message("pl") == ("plik nie jest zapisany w kodowaniu utf-8 (bajt 5); "
                                          "spróbuj --encoding utf-8 albo --encoding cp1250")


@pytest.mark.parametrize("line, english, polish", [
    ("[1, 2]", 'line 1: a command is a JSON object with a "type"',
     "wiersz 1: polecenie to obiekt JSON z polem „type”"),
    ('{"type": "check_in", ', "line 1: not JSON (Expecting property name enclosed in double "
     "quotes at column 22)", "wiersz 1: to nie jest JSON (oczekiwano nazwy pola w "
     "cudzysłowie prostym (\") w kolumnie 22)"),
    ('{"type": "import_answer"}', "line 1: import_answer is made by the server",
     "wiersz 1: polecenie „import_answer” tworzy serwer"),
    ('{"type": "check_in", "member": "m01", "x": 1}',
     "line 1: invalid command: check_in.x: Extra inputs are not permitted",
     "wiersz 1: niepoprawne polecenie: check_in.x: nieznane pole"),
])
def test_a_bad_script_line_in_both_languages(line, english, polish):
    with pytest.raises(ScriptError) as caught:
        parse_lines([line])
    assert str(caught.value).startswith(english)
    assert caught.value.message("pl").startswith(polish)
    assert caught.value.line == 1


def test_a_script_entered_afterwards_needs_every_time():
    with pytest.raises(ScriptError) as caught:
        parse_lines(["", '{"type": "check_in", "member": "m01"}'], afterwards=True)
    assert caught.value.line == 2
    assert caught.value.message("pl").startswith(
        "wiersz 2: sesja wprowadzana później (--afterwards): podaj w polu happened_at")


@pytest.mark.parametrize("data, english, polish", [
    ({"type": "check_in"}, "check_in.member: Field required",
     "check_in.member: brak wymaganego pola"),
    ({"type": "check_in", "member": 5}, "check_in.member: Input should be a valid string",
     "check_in.member: oczekiwano tekstu"),
    ({"type": "open_vote", "subject": "a", "kind": "zz"}, "open_vote.kind: Input should be",
     "open_vote.kind: niedozwolona wartość (dozwolone: 'resolution', 'amendment'"),
    ({}, "command: Unable to extract tag", "brak pola „type” (rodzaj polecenia)"),
    ({"type": "check_in", "member": "m01", "happened_at": "wczoraj"},
     "check_in.happened_at: Input should be a valid datetime",
     "check_in.happened_at: oczekiwano daty i godziny (ISO 8601"),
])
def test_validation_errors_in_both_languages(data, english, polish):
    error = _invalid(data)
    assert describe_validation(error).startswith(english)
    assert describe_validation(error, "en") == describe_validation(error)
    assert describe_validation(error, "pl").startswith(polish)


def test_a_rule_of_the_model_is_said_in_polish_too():
    from models.council import Council, Member

    with pytest.raises(ValidationError) as caught:
        Member.model_validate({"id": "", "name": "Anna", "seat": 0})
    assert describe_validation(caught.value, "pl") == (
        "id: za krótki tekst (najmniej znaków: 1); seat: musi być co najmniej 1")
    with pytest.raises(ValidationError) as caught:
        Council(name="R", statutory_seats=1, members=(Member(id="a", name="A"),
                                                      Member(id="b", name="B")))
    assert describe_validation(caught.value, "pl") == (
        "radnych (2) jest więcej niż miejsc w ustawowym składzie (1)")
    assert describe_validation(caught.value, "en") == (
        "command: 2 members exceed the 1 statutory seats")
    from models.rules import MajorityRule

    with pytest.raises(ValidationError) as caught:
        MajorityRule.model_validate({"kind": "simple", "numerator": 3, "denominator": 5})
    assert describe_validation(caught.value, "pl") == "większość „simple” nie przyjmuje ułamka"
    with pytest.raises(ValidationError) as caught:
        Council(name="R", statutory_seats=5, resolution_pattern="{rok}/{number}")
    assert describe_validation(caught.value, "pl") == (
        "wzór numeru uchwały może używać tylko pól {sitting}, {number}, {year}")


def test_why_a_file_cannot_be_read_in_both_languages():
    missing = cannot_read("rada.csv", FileNotFoundError(errno.ENOENT, "No such file or directory"))
    assert str(missing) == "cannot read rada.csv: No such file or directory"
    assert missing.message("pl") == "nie można odczytać pliku rada.csv: nie ma takiego pliku ani folderu"
    odd = os_reason(OSError(errno.EXDEV, "Invalid cross-device link"))
    assert (odd.message("en"), odd.message("pl")) == ("Invalid cross-device link",) * 2
