"""CSV files: plain (UTF-8, commas) and for Excel in the Polish locale (BOM, semicolons)."""

import csv
import io
from collections.abc import Iterable
from pathlib import Path

from models.terms import FinalAnswer
from server.publish import tables
from server.publish.file_names import vote_path
from server.publish.record import SittingRecord, VoteRecord

DIALECTS = {"csv": ("", "utf-8", ","), "csv-excel": ("-excel", "utf-8-sig", ";")}


def render(rows: Iterable[Iterable[str]], fmt: str) -> str:
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=DIALECTS[fmt][2]).writerows(rows)
    return buffer.getvalue()


def write_table(path: Path, header: Iterable[str], body: str, fmt: str) -> None:
    """Writes the header and the rows already rendered in the same dialect."""
    with path.open("w", encoding=DIALECTS[fmt][1], newline="") as handle:
        handle.write(render([header], fmt))
        handle.write(body)


def named_body(record: SittingRecord, vote: VoteRecord, members: dict[int, str],
               answers: dict[tuple[FinalAnswer, bool | None], str], fmt: str) -> str:
    """The vote's named rows. CSV quotes field by field, so rows are joined from fields
    rendered once: each member's and each answer's are the same in every vote."""
    delimiter, head = DIALECTS[fmt][2], _fields(tables.vote_fields(record, vote), fmt)
    for row in vote.rows:
        if row.ordinal not in members:
            members[row.ordinal] = _fields(tables.member_fields(row), fmt)
    return "".join([f"{head}{delimiter}{members[row.ordinal]}{delimiter}"
                    f"{answers[row.answer, row.by_secretary]}\r\n" for row in vote.rows])


def _fields(values: tuple[str, ...], fmt: str) -> str:
    return render([values], fmt)[:-2]  # without the line's "\r\n"


def _answers(fmt: str) -> dict[tuple[FinalAnswer, bool | None], str]:
    return {(answer, by_secretary): _fields(tables.answer_fields(answer, by_secretary), fmt)
            for answer in FinalAnswer for by_secretary in (None, False, True)}


def _vote_file(folder: Path, vote: VoteRecord, fmt: str) -> Path:
    return vote_path(folder, vote.vote.number, f"{DIALECTS[fmt][0]}.csv")


def write_vote(record: SittingRecord, vote: VoteRecord, folder: Path, fmt: str) -> None:
    """One named vote's list on its own (a secret vote has none)."""
    if vote.named:
        write_table(_vote_file(folder, vote, fmt), tables.named_header(record),
                    named_body(record, vote, {}, _answers(fmt), fmt), fmt)


def write_sitting(record: SittingRecord, folder: Path, fmt: str) -> None:
    """The sitting's tables, and each named vote's list on its own (secret votes have none)."""
    suffix = DIALECTS[fmt][0]
    bodies: list[str] = []
    members: dict[int, str] = {}  # a member's fields, rendered once for every vote
    answers = _answers(fmt)
    for vote in record.votes:
        if vote.named:
            body = named_body(record, vote, members, answers, fmt)
            write_table(_vote_file(folder, vote, fmt), tables.named_header(record), body, fmt)
            bodies.append(body)
    write_table(folder / f"imienne{suffix}.csv", tables.named_header(record), "".join(bodies), fmt)
    for name, header, rows in (
        ("wyniki", tables.RESULTS_HEADER, (tables.result_row(record, v) for v in record.votes)),
        ("obecnosc", tables.ATTENDANCE_HEADER, tables.attendance_rows(record)),
        ("mowcy", tables.SPEAKERS_HEADER, tables.speaker_rows(record)),
        ("uchwaly", tables.REGISTER_HEADER, tables.register_rows(record)),
    ):
        write_table(folder / f"{name}{suffix}.csv", header, render(rows, fmt), fmt)
