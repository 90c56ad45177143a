"""Reads a council's members from CSV: UTF-8 or Windows-1250, comma, semicolon or tab.

Every bad row is reported with its line number and nothing is imported unless all are good.
"""

import csv
import io
from dataclasses import dataclass
from datetime import date

from pydantic import ValidationError

from models.council import Member
from models.polish import fold

# Accepted header names (case and Polish letters folded) for each field.
_HEADERS = {
    "id": ("id", "identyfikator"),
    "name": ("name", "imie i nazwisko", "nazwisko i imie", "radny", "nazwisko"),
    "club": ("club", "klub", "klub radnych"),
    "seat": ("seat", "nr", "numer", "lp", "l.p."),
    "mandate_from": ("mandate_from", "mandat od", "od"),
    "mandate_to": ("mandate_to", "mandat do", "do"),
}


class CsvImportError(Exception):
    def __init__(self, problems: list[str]) -> None:
        super().__init__("\n".join(problems))
        self.problems = problems


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
            raise CsvImportError([f"unknown encoding {encoding!r}"]) from error
        except UnicodeDecodeError as error:
            raise CsvImportError([
                f"the file is not valid {encoding} (byte {error.start}); "
                "try --encoding utf-8 or --encoding cp1250"]) from error
    try:
        return Decoded(data.decode("utf-8-sig"), "utf-8")
    except UnicodeDecodeError:
        return Decoded(data.decode("cp1250", errors="strict"), "cp1250")


def _header_field(name: str) -> str | None:
    folded = fold(name.strip())
    for field_name, aliases in _HEADERS.items():
        if folded in aliases:
            return field_name
    return None


def _date(text: str, line: int, problems: list[str]) -> date | None:
    if not text.strip():
        return None
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        problems.append(f"line {line}: date {text!r} is not YYYY-MM-DD")
        return None


def _member(row: dict[str, str], line: int, index: int, problems: list[str]) -> Member | None:
    seat_text = row.get("seat", "").strip()
    seat = int(seat_text) if seat_text.isdigit() and int(seat_text) > 0 else None
    if seat_text and seat is None:
        problems.append(f"line {line}: seat {seat_text!r} is not a positive number")
    values = {
        "id": row.get("id", "").strip() or f"m{seat or index:02d}",
        "name": " ".join(row.get("name", "").split()),
        "club": row.get("club", "").strip(),
        "seat": seat,
        "mandate_from": _date(row.get("mandate_from", ""), line, problems),
        "mandate_to": _date(row.get("mandate_to", ""), line, problems),
    }
    if not values["name"]:
        problems.append(f"line {line}: the name is empty")
        return None
    try:
        return Member.model_validate(values)
    except ValidationError as error:
        for detail in error.errors():
            where = ".".join(str(p) for p in detail["loc"])
            problems.append(f"line {line}: {where}: {detail['msg']}")
        return None


def read_members(data: bytes, encoding: str | None = None) -> tuple[list[Member], str]:
    """The members in the file and the encoding used; raises CsvImportError listing every bad row."""
    decoded = decode(data, encoding)
    text = decoded.text
    if not text.strip():
        raise CsvImportError(["the file is empty"])
    first = text.splitlines()[0]
    delimiter = max(";,\t", key=first.count)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    header = [_header_field(h) for h in next(reader)]
    if "name" not in header:
        raise CsvImportError([
            "line 1: no name column; the header needs 'name' (or 'imię i nazwisko') and may "
            "have id, club, seat, mandate_from, mandate_to"])
    members: list[Member] = []
    problems: list[str] = []
    seen_ids: dict[str | int | None, int] = {}
    seen_seats: dict[str | int | None, int] = {}
    for index, cells in enumerate(reader, start=1):
        line = reader.line_num
        if not any(c.strip() for c in cells):
            continue
        if len(cells) != len(header):
            problems.append(f"line {line}: {len(cells)} fields, the header has {len(header)}")
            continue
        row = {f: c for f, c in zip(header, cells, strict=True) if f is not None}
        member = _member(row, line, index, problems)
        if member is None:
            continue
        for key, seen, label in ((member.id, seen_ids, "id"), (member.seat, seen_seats, "seat")):
            if key is not None and key in seen:
                problems.append(f"line {line}: {label} {key} repeats line {seen[key]}")
            seen.setdefault(key, line)
        members.append(member)
    if problems:
        raise CsvImportError(problems)
    if not members:
        raise CsvImportError(["the file has a header but no members"])
    return members, decoded.encoding
