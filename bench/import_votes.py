"""`sesja import` of a one-row-per-member-per-vote CSV into a sitting entered afterwards,
beside a floor measured in the same run.

The floor is what any import must do at least: csv.reader reading the same file, and one
SQLite transaction (WAL, synchronous=FULL, as the log) inserting as many rows of the same
size as the import writes events. Prints one summary line: median of the runs, the floor,
the ratio.

    python3 -m bench.import_votes [--runs 5] [--votes 30] [--members 45]
"""

import argparse
import csv
import shutil
import sqlite3
import statistics
import tempfile
import time
from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from models.commands import DefineCouncil, OpenSitting
from models.council import Council, Member
from server.import_votes.run import import_votes
from server.service import SittingService
from server.store import EventStore

WORDS = ("za", "za", "przeciw", "wstrzymał się", "za", "nie głosował", "nieobecny")
DAY = date(2025, 5, 29)


def framed_log(path: Path, members: int) -> None:
    roster = tuple(Member(id=f"m{i:04d}", name=f"Radna Żółkiewska-Łęcka {i}", seat=i)
                   for i in range(1, members + 1))
    service = SittingService(EventStore(path))
    try:
        service.execute_all([
            DefineCouncil(council=Council(name="Rada Miasta Testowo", statutory_seats=members,
                                          members=roster)),
            OpenSitting(number="XV", date=DAY, agenda=(),
                        happened_at=datetime(2025, 5, 29, 9, 0, tzinfo=ZoneInfo("Europe/Warsaw"))),
        ], "bench")
    finally:
        service.close()


def write_votes(path: Path, votes: int, members: int) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["Głosowanie nr", "Czas", "Temat", "Kworum", "Radny", "Głos"])
        for number in range(1, votes + 1):
            hour, minute = divmod(9 * 60 + number, 60)
            writer.writerows([number, f"29.05.2025 {hour:02d}:{minute:02d}",
                              f"Projekt uchwały nr {number} w sprawie zmian w budżecie",
                              "Kworum zostało osiągnięte", f"Radna Żółkiewska-Łęcka {i}",
                              WORDS[(i + number) % len(WORDS)]] for i in range(1, members + 1))


def one_import(folder: Path, framed: Path, votes_file: Path, run: int) -> tuple[float, int]:
    log = folder / f"run-{run}.db"
    shutil.copy(framed, log)
    service = SittingService(EventStore(log))
    try:
        began = time.perf_counter()
        done = import_votes(service, votes_file, "import:bench")
        return time.perf_counter() - began, done.events
    finally:
        service.close()


def floor(folder: Path, votes_file: Path, events: int, run: int) -> float:
    connection = sqlite3.connect(folder / f"floor-{run}.db")
    connection.execute("PRAGMA journal_mode=WAL")
    connection.execute("PRAGMA synchronous=FULL")
    connection.execute("CREATE TABLE event (seq INTEGER PRIMARY KEY, payload TEXT)")
    payload = "x" * 300  # an imported answer's event is some 300 bytes of JSON
    began = time.perf_counter()
    with votes_file.open(encoding="utf-8", newline="") as handle:
        rows = sum(1 for _row in csv.reader(handle))
    with connection:
        connection.executemany("INSERT INTO event VALUES (?, ?)",
                               ((seq, payload) for seq in range(1, events + 1)))
    elapsed = time.perf_counter() - began
    connection.close()
    assert rows > 0
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--votes", type=int, default=30)
    parser.add_argument("--members", type=int, default=45)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as temporary:
        folder = Path(temporary)
        framed, votes_file = folder / "framed.db", folder / "votes.csv"
        framed_log(framed, args.members)
        write_votes(votes_file, args.votes, args.members)
        times, floors, events = [], [], 0
        for run in range(args.runs):
            seconds, events = one_import(folder, framed, votes_file, run)
            times.append(seconds)
            floors.append(floor(folder, votes_file, events, run))
    median, base = statistics.median(times), statistics.median(floors)
    print(f"import {args.votes} votes x {args.members} members ({events} events): median "
          f"{median:.3f} s ({min(times):.3f}-{max(times):.3f}), floor {base:.3f} s, "
          f"{median / base:.1f}x the floor, {args.runs} runs")


if __name__ == "__main__":
    main()
