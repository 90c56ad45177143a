"""Reads a council's members from CSV: UTF-8 or Windows-1250, comma, semicolon or tab.

Every bad row is reported with its line number, in English and Polish, and nothing is
imported unless all are good.
"""

import csv
import io
from dataclasses import dataclass
from datetime import date

from pydantic import ValidationError

from models.council import Member
from models.polish import fold
from server.bilingual import BilingualError
from server.validation_words import describe_validation

# Accepted header names (case and Polish letters folded) for each field.
_HEADERS = {
    "id": ("id", "identyfikator"),
    "name": ("name", "imie i nazwisko", "nazwisko i imie", "radny", "nazwisko"),
    "club": ("club", "klub", "klub radnych"),
    "seat": ("seat", "nr", "numer", "lp", "l.p."),
    "mandate_from": ("mandate_from", "mandat od", "od"),
    "mandate_to": ("mandate_to", "mandat do", "do"),
}


class Problem(BilingualError):
    """One thing wrong with the file, in English and Polish: "line 3: ..." / "wiersz 3: ..."."""

    def __init__(self, en: str, pl: str, line: int | None = None) -> None:
        super().__init__(f"line {line}: {en}" if line else en,
                         f"wiersz {line}: {pl}" if line else pl)


class CsvImportError(BilingualError):
    """Every problem of the file; nothing is imported. `problems` are the English lines
    (`str()` joins them), `messages(lang)` the lines in the command's language."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("\n".join(p.en for p in problems),
                         "\n".join(p.message("pl") for p in problems))
        self.found = problems
        self.problems = [p.en for p in problems]

    def messages(self, lang: str) -> list[str]:
        return [problem.message(lang) for problem in self.found]


@dataclass(frozen=True)
class Decoded:
    text: str
    encoding: str


def decode(data: bytes, encoding: str | None = None) -> Decoded:
    """Decodes with the given encoding, or UTF-8 if it fits, else Windows-1250."""
    if encoding:
        try:
            return Decoded(data.decode(encoding), encoding)
        except LookupError as error:
            raise CsvImportError([Problem(f"unknown encoding {encoding!r}",
                                          f"nieznane kodowanie „{encoding}”")]) from error
        except UnicodeDecodeError as error:
            raise CsvImportError([Problem(
                f"the file is not valid {encoding} (byte {error.start}); "
                "try --encoding utf-8 or --encoding cp1250",
                f"plik nie jest zapisany w kodowaniu {encoding} (bajt {error.start}); "
                "spróbuj --encoding utf-8 albo --encoding cp1250")]) from error
    try:
        return Decoded(data.decode("utf-8-sig"), "utf-8")
    except UnicodeDecodeError:
        pass
    try:
        return Decoded(data.decode("cp1250", errors="strict"), "cp1250")
    except UnicodeDecodeError as error:  # a byte Windows-1250 leaves undefined: not text
        raise CsvImportError([Problem(
            f"the file is neither UTF-8 nor Windows-1250 (byte {error.start}); save it as "
            "CSV in one of them",
            f"plik nie jest zapisany ani w UTF-8, ani w Windows-1250 (bajt {error.start}); "
            "zapisz go jako CSV w jednym z nich")]) from error


def _header_field(name: str) -> str | None:
    folded = fold(name.strip())
    for field_name, aliases in _HEADERS.items():
        if folded in aliases:
            return field_name
    return None


def _date(text: str, line: int, problems: list[Problem]) -> date | None:
    if not text.strip():
        return None
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        problems.append(Problem(f"date {text!r} is not YYYY-MM-DD",
                                f"data „{text}” nie jest zapisana jako RRRR-MM-DD", line))
        return None


def _member(row: dict[str, str], line: int, index: int,
            problems: list[Problem]) -> Member | None:
    seat_text = row.get("seat", "").strip()
    seat = int(seat_text) if seat_text.isdigit() and int(seat_text) > 0 else None
    if seat_text and seat is None:
        problems.append(Problem(f"seat {seat_text!r} is not a positive number",
                                f"miejsce „{seat_text}” nie jest liczbą dodatnią", line))
    values = {
        "id": row.get("id", "").strip() or f"m{seat or index:02d}",
        "name": " ".join(row.get("name", "").split()),
        "club": row.get("club", "").strip(),
        "seat": seat,
        "mandate_from": _date(row.get("mandate_from", ""), line, problems),
        "mandate_to": _date(row.get("mandate_to", ""), line, problems),
    }
    if not values["name"]:
        problems.append(Problem("the name is empty", "imię i nazwisko jest puste", line))
        return None
    try:
        return Member.model_validate(values)
    except ValidationError as error:
        problems.append(Problem(describe_validation(error, "en"),
                                describe_validation(error, "pl"), line))
        return None


def read_members(data: bytes, encoding: str | None = None) -> tuple[list[Member], str]:
    """The members in the file and the encoding used; raises CsvImportError listing every bad row."""
    decoded = decode(data, encoding)
    text = decoded.text
    if not text.strip():
        raise CsvImportError([Problem("the file is empty", "plik jest pusty")])
    first = text.splitlines()[0]
    delimiter = max(";,\t", key=first.count)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    header = [_header_field(h) for h in next(reader)]
    if "name" not in header:
        raise CsvImportError([Problem(
            "no name column; the header needs 'name' (or 'imię i nazwisko') and may "
            "have id, club, seat, mandate_from, mandate_to",
            "brak kolumny z imieniem i nazwiskiem; nagłówek musi mieć kolumnę „imię i "
            "nazwisko” (albo „name”) i może mieć kolumny „id”, „klub”, „nr”, „mandat od”, "
            "„mandat do”", 1)])
    members: list[Member] = []
    problems: list[Problem] = []
    seen_ids: dict[str | int | None, int] = {}
    seen_seats: dict[str | int | None, int] = {}
    for index, cells in enumerate(reader, start=1):
        line = reader.line_num
        if not any(c.strip() for c in cells):
            continue
        if len(cells) != len(header):
            problems.append(Problem(f"{len(cells)} fields, the header has {len(header)}",
                                    f"pól: {len(cells)}, a nagłówek ma ich {len(header)}", line))
            continue
        row = {f: c for f, c in zip(header, cells, strict=True) if f is not None}
        member = _member(row, line, index, problems)
        if member is None:
            continue
        for key, seen, label, polish in ((member.id, seen_ids, "id", "identyfikator"),
                                         (member.seat, seen_seats, "seat", "miejsce")):
            if key is not None and key in seen:
                problems.append(Problem(f"{label} {key} repeats line {seen[key]}",
                                        f"{polish} {key} powtarza wiersz {seen[key]}", line))
            seen.setdefault(key, line)
        members.append(member)
    if problems:
        raise CsvImportError(problems)
    if not members:
        raise CsvImportError([Problem("the file has a header but no members",
                                      "plik ma nagłówek, ale żadnego radnego")])
    return members, decoded.encoding
