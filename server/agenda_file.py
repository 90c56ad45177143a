"""Reads a proposed agenda from a file: CSV (UTF-8 or Windows-1250; comma, semicolon or
tab) or JSON (a list of items as `ItemSpec`, or {"agenda": [...]}).

CSV columns (header names in Polish or English, letters folded): oznaczenie/label, tytuł/
title (required), rodzaj/kind, druk/print_number, większość/rule, referuje/rapporteur.
Every bad row is named in Polish, and nothing is read unless every row is good.
"""

import csv
import io
import json
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from models.agenda import ItemSpec
from models.polish import fold
from models.rules import MajorityRule
from models.terms import ItemKind, MajorityKind
from server.council_csv import CsvImportError, decode

_HEADERS = {
    "label": ("label", "oznaczenie", "nr", "numer", "punkt", "pkt"),
    "title": ("title", "tytul", "temat", "nazwa", "punkt porzadku obrad"),
    "kind": ("kind", "rodzaj", "typ"),
    "print_number": ("print_number", "druk", "druk nr", "nr druku"),
    "rule": ("rule", "wiekszosc", "wymagana wiekszosc"),
    "rapporteur": ("rapporteur", "referuje", "referent", "sprawozdawca"),
}

_KINDS = {
    ItemKind.RESOLUTION: ("resolution", "uchwala", "projekt uchwaly"),
    ItemKind.PROCEDURAL: ("procedural", "porzadkowy", "sprawy porzadkowe"),
    ItemKind.REPORT: ("report", "sprawozdanie", "informacja"),
    ItemKind.INTERPELLATIONS: ("interpellations", "interpelacje", "interpelacje i zapytania"),
    ItemKind.OTHER: ("other", "inne", "inny", ""),
}

_RULES = {
    MajorityKind.SIMPLE: ("simple", "zwykla", ""),
    MajorityKind.ABSOLUTE_CAST: ("absolute_cast", "bezwzgledna", "bezwzgledna glosow"),
    MajorityKind.ABSOLUTE_SEATS: ("absolute_seats", "bezwzgledna ustawowego skladu"),
}


class AgendaFileError(ValueError):
    """The file cannot be read as an agenda; `problems` name the rows, in Polish (a
    ValueError, which a console's form shows as the form's error)."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("\n".join(problems))
        self.problems = problems


def _lookup(table: dict[Any, tuple[str, ...]], text: str) -> Any:
    folded = fold(text.strip())
    for value, aliases in table.items():
        if folded in aliases:
            return value
    return None


def _rule(text: str) -> MajorityRule | None:
    """"bezwzględna", "3/5 ustawowego składu", "2/3 głosów" … ; None for an unknown one."""
    kind = _lookup(_RULES, text)
    if kind is not None:
        return None if kind is MajorityKind.SIMPLE else MajorityRule(kind=kind)
    fraction, _space, rest = fold(text.strip()).partition(" ")
    numerator, _slash, denominator = fraction.partition("/")
    if not (numerator.isdigit() and denominator.isdigit()):
        return None
    of_seats = "sklad" in rest or rest.startswith("seats")
    try:
        return MajorityRule(kind=MajorityKind.QUALIFIED_SEATS if of_seats
                            else MajorityKind.QUALIFIED_CAST,
                            numerator=int(numerator), denominator=int(denominator))
    except ValidationError:
        return None


def _csv_item(row: dict[str, str], line: int, problems: list[str]) -> ItemSpec | None:
    kind = _lookup(_KINDS, row.get("kind", ""))
    if kind is None:
        problems.append(f"wiersz {line}: nieznany rodzaj punktu „{row['kind']}” (uchwała, "
                        "porządkowy, sprawozdanie, interpelacje, inne)")
        return None
    rule_text = row.get("rule", "").strip()
    rule = _rule(rule_text) if rule_text else None
    if rule_text and rule is None and _lookup(_RULES, rule_text) is None:
        problems.append(f"wiersz {line}: nieznana większość „{rule_text}” (zwykła, bezwzględna, "
                        "bezwzględna ustawowego składu, 3/5 ustawowego składu, 2/3 głosów)")
        return None
    try:
        return ItemSpec(title=row.get("title", "").strip(), kind=kind,
                        print_number=row.get("print_number", "").strip(),
                        label=row.get("label", "").strip(), rule=rule,
                        rapporteur=row.get("rapporteur", "").strip())
    except ValidationError as error:
        problems.append(f"wiersz {line}: {_polish(error)}")
        return None


def _polish(error: ValidationError) -> str:
    """pydantic's complaint about a row, said in Polish."""
    words = {"title": "tytuł", "label": "oznaczenie", "print_number": "druk",
             "rapporteur": "referuje"}
    parts = []
    for detail in error.errors()[:3]:
        field = words.get(str(detail["loc"][0]) if detail["loc"] else "", "pole")
        context = detail.get("ctx", {})
        if detail["type"] == "string_too_short":
            parts.append(f"{field} jest pusty")
        elif detail["type"] == "string_too_long":
            parts.append(f"{field} ma więcej niż {context.get('max_length')} znaków")
        elif detail["type"] == "string_pattern_mismatch":
            parts.append(f"{field} może mieć tylko cyfry, litery bez polskich znaków i kropki")
        else:
            parts.append(f"{field}: niepoprawna wartość")
    return "; ".join(parts)


def _read_csv(text: str) -> tuple[ItemSpec, ...]:
    first = text.splitlines()[0]
    delimiter = max(";,\t", key=first.count)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    header = [_lookup(_HEADERS, h) for h in next(reader)]
    if "title" not in header:
        raise AgendaFileError(["wiersz 1: brak kolumny z tytułem punktu (tytuł lub title)"])
    items: list[ItemSpec] = []
    problems: list[str] = []
    for cells in reader:
        if not any(c.strip() for c in cells):
            continue
        line = reader.line_num
        if len(cells) != len(header):
            problems.append(f"wiersz {line}: pól {len(cells)}, a nagłówek ma {len(header)}")
            continue
        row = {f: c for f, c in zip(header, cells, strict=True) if f is not None}
        item = _csv_item(row, line, problems)
        if item is not None:
            items.append(item)
    if problems:
        raise AgendaFileError(problems)
    return tuple(items)


def _read_json(text: str) -> tuple[ItemSpec, ...]:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise AgendaFileError([f"wiersz {error.lineno}: to nie jest poprawny JSON "
                               f"({error.msg})"]) from error
    rows = data.get("agenda") if isinstance(data, dict) else data
    if not isinstance(rows, list):
        raise AgendaFileError(["oczekiwano listy punktów albo obiektu z kluczem „agenda”"])
    items, problems = [], []
    for number, row in enumerate(rows, start=1):
        try:
            items.append(ItemSpec.model_validate(row))
        except ValidationError as error:
            problems.append(f"punkt {number}: {_polish(error)}")
    if problems:
        raise AgendaFileError(problems)
    return tuple(items)


def read_agenda(path: Path) -> tuple[ItemSpec, ...]:
    """The proposed agenda in the file; raises AgendaFileError naming every bad row."""
    try:
        data = path.read_bytes()
    except OSError as error:
        raise AgendaFileError([f"nie można odczytać {path}: {error.strerror}"]) from error
    try:
        text = decode(data).text
    except (CsvImportError, UnicodeDecodeError) as error:
        raise AgendaFileError([f"{path}: nieznane kodowanie (UTF-8 albo Windows-1250)"]) from error
    if not text.strip():
        raise AgendaFileError([f"{path} jest pusty"])
    items = _read_json(text) if text.lstrip().startswith(("[", "{")) else _read_csv(text)
    if not items:
        raise AgendaFileError([f"{path}: nagłówek bez żadnego punktu"])
    return items
