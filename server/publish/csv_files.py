"""CSV files: plain (UTF-8, commas) and for Excel in the Polish locale (BOM, semicolons)."""

import csv
from collections.abc import Iterable
from pathlib import Path

from server.publish import tables
from server.publish.record import SittingRecord, VoteRecord

DIALECTS = {"csv": ("", "utf-8", ","), "csv-excel": ("-excel", "utf-8-sig", ";")}


def write_table(path: Path, header: Iterable[str], rows: Iterable[Iterable[str]], fmt: str) -> None:
    _suffix, encoding, delimiter = DIALECTS[fmt]
    with path.open("w", encoding=encoding, newline="") as handle:
        writer = csv.writer(handle, delimiter=delimiter)
        writer.writerow(header)
        writer.writerows(rows)


def vote_path(folder: Path, vote_number: int, fmt: str) -> Path:
    return folder / "glosowania" / f"glosowanie-{vote_number:03d}{DIALECTS[fmt][0]}.csv"


def write_vote(record: SittingRecord, vote: VoteRecord, folder: Path, fmt: str) -> None:
    """A named vote's list; a secret or summary vote has none (its totals are in wyniki)."""
    if vote.named:
        write_table(vote_path(folder, vote.vote.number, fmt), tables.NAMED_HEADER,
                    tables.named_rows(record, vote), fmt)


def write_sitting(record: SittingRecord, folder: Path, fmt: str) -> None:
    suffix = DIALECTS[fmt][0]
    write_table(folder / f"imienne{suffix}.csv", tables.NAMED_HEADER,
                (row for vote in record.votes for row in tables.named_rows(record, vote)), fmt)
    write_table(folder / f"wyniki{suffix}.csv", tables.RESULTS_HEADER,
                (tables.result_row(record, vote) for vote in record.votes), fmt)
    write_table(folder / f"obecnosc{suffix}.csv", tables.ATTENDANCE_HEADER,
                tables.attendance_rows(record), fmt)
    write_table(folder / f"mowcy{suffix}.csv", tables.SPEAKERS_HEADER,
                tables.speaker_rows(record), fmt)
    write_table(folder / f"uchwaly{suffix}.csv", tables.REGISTER_HEADER,
                tables.register_rows(record), fmt)
    for vote in record.votes:
        write_vote(record, vote, folder, fmt)
