"""The votes in a file, in either layout councils publish:

- one row per member per vote, with a header row naming the columns (głosowanie, czas,
  punkt, temat, kworum, uchwała, większość, radny, głos; punkt, kworum, uchwała and
  większość may be left out: no majority named is the simple majority);
- a members x votes matrix: rows whose first cell is głosowanie (the votes' numbers, one
  column each), czas, punkt, temat, kworum, uchwała, większość describe the votes; each
  further row is a member (name or id) with a code or word per vote; a row whose first
  cell begins with "legenda" gives the codes ("1 = za, 2 = przeciw, 3 = wstrzymał się").

Nothing about the roster is known here: members are as written (`plan` finds them).
"""

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from zoneinfo import ZoneInfo

from models.rules import MajorityRule
from models.terms import FinalAnswer
from server.bilingual import Words
from server.import_votes.answers import KNOWN, answer_of, legend, normal
from server.import_votes.errors import VoteImportError, column_letter
from server.import_votes.majority import KNOWN as KNOWN_RULES
from server.import_votes.majority import rule_of

LOCAL = ZoneInfo("Europe/Warsaw")
# a column's (or a matrix row's) name as files write it -> the field it fills
NAMES = {
    "głosowanie": "number", "głosowanie nr": "number", "nr głosowania": "number",
    "czas": "voted_at", "data i godzina": "voted_at", "godzina": "voted_at",
    "punkt": "label", "punkt porządku obrad": "label",
    "temat": "subject", "przedmiot": "subject", "przedmiot głosowania": "subject",
    "kworum": "quorum",
    "uchwała": "resolution", "uchwała nr": "resolution", "nr uchwały": "resolution",
    "radny": "member", "radna": "member", "radny/radna": "member", "imię i nazwisko": "member",
    "głos": "answer",
    "większość": "rule", "wymagana większość": "rule", "większość głosów": "rule",
}
VOTE_FIELDS = ("voted_at", "label", "subject", "quorum", "resolution", "rule")
TIME_FORMATS = ("%d.%m.%Y %H:%M", "%d.%m.%Y %H:%M:%S", "%Y-%m-%d %H:%M", "%Y-%m-%d %H:%M:%S")


@dataclass(frozen=True, slots=True)
class Cell:
    """One member's answer in one vote, and where the file gives it."""

    member: str
    answer: FinalAnswer
    row: int
    column: str  # the answer's
    member_column: str


@dataclass(slots=True)
class SourceVote:
    number: int
    row: int  # where the vote is first described
    voted_at: datetime
    subject: str
    label: str = ""
    quorum: str = ""
    resolution: str = ""
    rule: MajorityRule = MajorityRule()  # the majority the file names; none named: simple
    cells: list[Cell] = field(default_factory=list)


def parse_time(text: str, row: int, column: str) -> datetime:
    """ "29.05.2025 11:05" (the chamber's local time) or ISO 8601 with an offset."""
    value = text.strip().replace("T", " ")
    try:
        moment = datetime.fromisoformat(value)
        if moment.tzinfo is not None:
            return moment
    except ValueError:
        moment = None
    for pattern in TIME_FORMATS:
        try:
            moment = datetime.strptime(value, pattern)
            break
        except ValueError:
            continue
    if moment is None:
        raise VoteImportError(f"{text!r} is not a time (write it as 29.05.2025 11:05)",
                              f"„{text}” nie jest datą i godziną (zapisz ją jako "
                              "29.05.2025 11:05)", row, column)
    return moment.replace(tzinfo=LOCAL)


def _number(text: str, row: int, column: str) -> int:
    if not text.strip().isdigit() or int(text) < 1:
        raise VoteImportError(f"{text!r} is not a vote number (1, 2, 3 …)",
                              f"„{text}” nie jest numerem głosowania (1, 2, 3 …)", row, column)
    return int(text)


def _rule(text: str, row: int, column: str) -> MajorityRule:
    rule = rule_of(text)
    if rule is None:
        raise VoteImportError(f"{text!r} is no majority ({KNOWN_RULES})",
                              f"„{text}” nie jest żadną większością ({KNOWN_RULES})", row, column)
    return rule


def _shown(value: object) -> str:
    return value.label() if isinstance(value, MajorityRule) else str(value)


def _label(text: str) -> str:
    words = text.strip().rstrip(".").split()
    if words and normal(words[0]) in ("pkt", "punkt"):
        words = words[1:]
    return " ".join(words).rstrip(".")


MATRIX = Words("members x votes matrix", "tabela radni x głosowania")
ROWS = Words("one row per member per vote", "jeden wiersz na radnego w każdym głosowaniu")


def votes_of(rows: Sequence[Sequence[str]]) -> tuple[list[SourceVote], Words]:
    """The votes (by number) and the layout's name; raises VoteImportError."""
    filled = [(number, row) for number, row in enumerate(rows, start=1) if any(row)]
    if not filled:
        raise VoteImportError("the file is empty", "plik jest pusty")
    first_row, head = filled[0]
    names = [normal(cell) for cell in head]
    numbers = [cell for cell in head[1:] if cell.strip()]
    if NAMES.get(names[0]) == "number" and numbers and all(c.strip().isdigit() for c in numbers):
        return _matrix(filled), MATRIX
    if sum(1 for name in names if name in NAMES) >= 2:
        return _row_layout(filled), ROWS
    raise VoteImportError("neither layout: a header row with the columns głosowanie, czas, temat, "
                          "radny, głos (one row per member per vote), or a first column whose "
                          "first row is głosowanie (a members x votes matrix)",
                          "plik nie ma żadnego z dwóch układów: wiersza nagłówka z kolumnami "
                          "„głosowanie”, „czas”, „temat”, „radny”, „głos” (jeden wiersz na "
                          "radnego w każdym głosowaniu) ani pierwszej kolumny, której pierwszy "
                          "wiersz to „głosowanie” (tabela radni x głosowania)", first_row, "A")


def _row_layout(filled: list[tuple[int, Sequence[str]]]) -> list[SourceVote]:
    head_row, head = filled[0]
    columns: dict[str, int] = {}
    for index, name in enumerate(head):
        key = NAMES.get(normal(name))
        if key is not None and key in columns:
            raise VoteImportError(f"a second {name!r} column", f"druga kolumna „{name}”",
                                  head_row, column_letter(index))
        if key is not None:
            columns[key] = index
    for needed in ("number", "voted_at", "subject", "member", "answer"):
        if needed not in columns:
            wanted = {"number": "głosowanie", "voted_at": "czas", "subject": "temat",
                      "member": "radny", "answer": "głos"}[needed]
            has = ", ".join(c for c in head if c)
            raise VoteImportError(f"no column {wanted!r} (the header has: {has})",
                                  f"brak kolumny „{wanted}” (nagłówek ma: {has})", head_row)

    def where(key: str) -> str:
        return f"{column_letter(columns[key])} ({head[columns[key]]})"

    votes: dict[int, SourceVote] = {}
    times: dict[str, datetime] = {}  # each vote's time is on each of its rows: read it once
    for row_number, row in filled[1:]:
        cells = {key: (row[index] if index < len(row) else "") for key, index in columns.items()}
        number = _number(cells["number"], row_number, where("number"))
        text = cells["voted_at"]
        if text not in times:
            times[text] = parse_time(text, row_number, where("voted_at"))
        described = SourceVote(number, row_number, times[text],
                               cells["subject"], _label(cells.get("label", "")),
                               cells.get("quorum", ""), cells.get("resolution", ""),
                               _rule(cells.get("rule", ""), row_number, where("rule"))
                               if "rule" in columns else MajorityRule())
        vote = votes.get(number)
        if vote is None:
            if not described.subject:
                raise VoteImportError("the vote has no subject", "głosowanie nie ma tematu",
                                      row_number, where("subject"))
            vote = votes[number] = described
        else:
            for key in VOTE_FIELDS:
                if key in columns and getattr(vote, key) != getattr(described, key):
                    was, now = _shown(getattr(vote, key)), _shown(getattr(described, key))
                    raise VoteImportError(f"vote {number} has {was} in row {vote.row} but "
                                          f"{now} here",
                                          f"głosowanie {number} ma w wierszu {vote.row} "
                                          f"„{was}”, a tutaj „{now}”", row_number, where(key))
        answer = answer_of(cells["answer"])
        if answer is None:
            raise VoteImportError(f"{cells['answer']!r} is no answer ({KNOWN})",
                                  f"„{cells['answer']}” nie jest odpowiedzią ({KNOWN})",
                                  row_number, where("answer"))
        if not cells["member"]:
            raise VoteImportError("no member named", "brak imienia i nazwiska radnego",
                                  row_number, where("member"))
        vote.cells.append(Cell(cells["member"], answer, row_number, where("answer"),
                               where("member")))
    return [votes[n] for n in sorted(votes)]


def _matrix(filled: list[tuple[int, Sequence[str]]]) -> list[SourceVote]:
    head_row, head = filled[0]
    numbers = {index: _number(cell, head_row, column_letter(index))
               for index, cell in enumerate(head) if index and cell.strip()}
    if len(set(numbers.values())) != len(numbers):
        raise VoteImportError("a vote number twice in the first row",
                              "ten sam numer głosowania dwa razy w pierwszym wierszu", head_row)
    described: dict[str, tuple[int, Sequence[str]]] = {}
    members: list[tuple[int, Sequence[str]]] = []
    codes: dict[str, FinalAnswer] = {}
    for row_number, row in filled[1:]:
        first = normal(row[0]) if row else ""
        key = NAMES.get(first)
        if first.startswith("legenda"):
            try:
                codes.update(legend(" ".join(cell for cell in row if cell)))
            except VoteImportError as error:
                raise VoteImportError(error.problem.en, error.problem.message("pl"),
                                      row_number, "A") from error
        elif key == "member":
            continue  # the members' own header row
        elif key in VOTE_FIELDS:
            described[key] = (row_number, row)
        else:
            members.append((row_number, row))
    for needed, word in (("voted_at", "czas"), ("subject", "temat")):
        if needed not in described:
            raise VoteImportError(f"no row {word!r} (its first cell names it) under the votes' "
                                  "numbers", f"brak wiersza „{word}” (nazwanego w jego pierwszej "
                                  "komórce) pod numerami głosowań", head_row, "A")

    def value(key: str, index: int) -> str:
        row = described.get(key, (0, ()))[1]
        return row[index].strip() if index < len(row) else ""

    votes = []
    for index, number in numbers.items():
        time_row = described["voted_at"][0]
        if not value("subject", index):
            raise VoteImportError("the vote has no subject", "głosowanie nie ma tematu",
                                  described["subject"][0], column_letter(index))
        votes.append(SourceVote(number, head_row, parse_time(value("voted_at", index), time_row,
                                                             column_letter(index)),
                                value("subject", index), _label(value("label", index)),
                                value("quorum", index), value("resolution", index),
                                _rule(value("rule", index), described.get("rule", (0,))[0],
                                      column_letter(index))))
    for row_number, row in members:
        member = row[0].strip()
        if not member:
            raise VoteImportError("an answer with no member named",
                                  "odpowiedź bez imienia i nazwiska radnego", row_number, "A")
        for vote, index in zip(votes, numbers, strict=True):
            cell = row[index] if index < len(row) else ""
            answer = codes.get(normal(cell)) or answer_of(cell)
            if answer is None:
                known = ", ".join(f"{c} = {a.value}" for c, a in codes.items())
                raise VoteImportError(f"{cell!r} is neither in the legend ({known or 'none'}) "
                                      f"nor an answer ({KNOWN})",
                                      f"„{cell}” nie ma w legendzie ({known or 'brak legendy'}) "
                                      f"i nie jest odpowiedzią ({KNOWN})",
                                      row_number, column_letter(index))
            vote.cells.append(Cell(member, answer, row_number, column_letter(index), "A"))
    return sorted(votes, key=lambda v: v.number)
