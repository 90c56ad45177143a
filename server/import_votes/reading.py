"""A vote file as rows of text: CSV (UTF-8 with or without BOM, or Windows-1250, with commas,
semicolons or tabs) or XLSX (its first sheet, or the one named). openpyxl is imported only
when an XLSX file is read."""

import csv
import io
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from server.bilingual import Words
from server.import_votes.errors import VoteImportError, column_letter
from server.os_reasons import cannot_read

MAX_BYTES = 64 * 1024 * 1024  # 100 votes x 750 members are some 11 MB
ENCODINGS = {"utf-8": "UTF-8", "utf-8-sig": "UTF-8 with BOM", "cp1250": "Windows-1250"}
ZIP_MAGIC = b"PK\x03\x04"


@dataclass(frozen=True, slots=True)
class Table:
    rows: tuple[tuple[str, ...], ...]  # the file's rows, the first one first
    described: Words  # "CSV, Windows-1250, semicolons" / "XLSX, arkusz Głosowania"


def read_table(path: Path, encoding: str | None = None, sheet: str | None = None) -> Table:
    """Raises VoteImportError (with the row and column where it can name them)."""
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise VoteImportError(f"the file is too big ({size} bytes; at most {MAX_BYTES})",
                                  f"plik jest za duży ({size} bajtów; najwyżej {MAX_BYTES})")
        data = path.read_bytes()
    except OSError as error:
        unread = cannot_read(path, error)
        raise VoteImportError(unread.en, unread.message("pl")) from error
    if data.startswith(ZIP_MAGIC) or path.suffix.lower() == ".xlsx":
        return _xlsx(data, sheet)
    return _csv(data, encoding)


def _delimiter(first_line: str) -> str:
    counts = {mark: first_line.count(mark) for mark in (";", ",", "\t")}
    return max(counts, key=lambda mark: counts[mark])


def _decode(data: bytes, encoding: str | None) -> tuple[str, str]:
    """The text and the encoding it was read in: as given, or detected (a BOM: UTF-8 with
    BOM; UTF-8 if it decodes; else Windows-1250)."""
    if b"\x00" in data:
        raise VoteImportError("the file holds NUL bytes: not a CSV text file (UTF-16, or not "
                              "text at all); save it as CSV in UTF-8 or Windows-1250",
                              "plik zawiera bajty NUL: to nie jest tekstowy plik CSV (UTF-16 "
                              "albo wcale nie tekst); zapisz go jako CSV w UTF-8 albo "
                              "Windows-1250")
    chosen = encoding or ("utf-8-sig" if data.startswith(b"\xef\xbb\xbf") else None)
    candidates = [chosen] if chosen else ["utf-8", "cp1250"]
    for name in candidates:
        try:
            return data.decode(name), name
        except UnicodeDecodeError as error:
            if name == candidates[-1]:
                raise _undecodable(data, name, error) from error
    raise AssertionError("unreachable: the last candidate raises")


def _undecodable(data: bytes, encoding: str, error: UnicodeDecodeError) -> VoteImportError:
    start = data.rfind(b"\n", 0, error.start) + 1
    row = data.count(b"\n", 0, error.start) + 1
    first_line = data.split(b"\n", 1)[0].decode(encoding, errors="replace")
    prefix = data[start:error.start].decode(encoding, errors="replace")
    column = prefix.count(_delimiter(first_line)) if first_line else 0
    other = "--encoding cp1250" if encoding.startswith("utf-8") else "--encoding utf-8"
    byte, named = f"0x{data[error.start]:02x}", ENCODINGS.get(encoding, encoding)
    return VoteImportError(f"byte {byte} is not {named} (try {other})",
                           f"bajt {byte} nie jest zapisany w kodowaniu {named} (spróbuj {other})",
                           row, column_letter(column))


def _csv(data: bytes, encoding: str | None) -> Table:
    if encoding is not None and encoding not in ENCODINGS:
        known = ", ".join(ENCODINGS)
        raise VoteImportError(f"unknown encoding {encoding!r}; one of {known}",
                              f"nieznane kodowanie „{encoding}”; do wyboru: {known}")
    text, used = _decode(data, encoding)
    if used == "utf-8" and text.startswith("\ufeff"):
        text, used = text[1:], "utf-8-sig"
    lines = text.splitlines()
    delimiter = _delimiter(lines[0] if lines else "")
    try:
        rows = tuple(tuple(cell.strip() for cell in row)
                     for row in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    except csv.Error as error:
        raise VoteImportError(f"not a CSV file ({error})",
                              f"to nie jest plik CSV ({error})") from error
    names = {";": ("semicolons", "średniki"), ",": ("commas", "przecinki"),
             "\t": ("tabs", "tabulatory")}
    en, pl = names[delimiter]
    return Table(rows, Words(f"CSV, {ENCODINGS[used]}, {en}", f"CSV, {ENCODINGS[used]}, {pl}"))


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M" if value.second == 0 else "%Y-%m-%d %H:%M:%S")
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _xlsx(data: bytes, sheet: str | None) -> Table:
    from openpyxl import load_workbook  # deferred: half a second the console never needs
    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises zipfile's, KeyError and its own for bad files
        why = f"{type(error).__name__}: {error}"
        raise VoteImportError(f"not a readable XLSX workbook ({why})",
                              f"nie można odczytać skoroszytu XLSX ({why})") from error
    try:
        if sheet is not None and sheet not in book.sheetnames:
            has = ", ".join(book.sheetnames)
            raise VoteImportError(f"no sheet {sheet!r}; the workbook has {has}",
                                  f"brak arkusza „{sheet}”; skoroszyt ma arkusze: {has}")
        chosen = book[sheet] if sheet is not None else book.worksheets[0]
        rows = tuple(tuple(_cell_text(value) for value in row)
                     for row in chosen.iter_rows(values_only=True))
        return Table(rows, Words(f"XLSX, sheet {chosen.title}", f"XLSX, arkusz {chosen.title}"))
    finally:
        book.close()
