"""Durable append latency of `SittingService.execute`, beside a bare SQLite insert+commit.

    python3 -m bench.core_append [--appends 1000]

Each round runs one small command through the service (a member checks in, or out: one
event, decided, hashed, written and committed, folded) and then, on the same disk, one
bare sqlite3 INSERT + COMMIT of a row of the same size into a WAL database with
synchronous=FULL: the floor. Alternating them spreads the machine's noise over both.
Prints one line: p50 and p99 of each and their ratio; the target is 1.5x the floor.
"""

import argparse
import sqlite3
import statistics
import tempfile
import time
from datetime import date
from pathlib import Path

from models.commands import CheckIn, CheckOut, Command
from server.demo import demo_commands
from server.service import SittingService
from server.store import EventStore

TARGET = 1.5
FLOOR_TABLE = ("CREATE TABLE event (seq INTEGER PRIMARY KEY, at TEXT, actor TEXT, type TEXT, "
               "sitting_id TEXT, payload TEXT, prev_hash TEXT, hash TEXT)")


def floor_connection(path: Path) -> sqlite3.Connection:
    connection = sqlite3.connect(path)
    connection.execute("PRAGMA journal_mode=WAL")
    connection.execute("PRAGMA synchronous=FULL")
    connection.execute(FLOOR_TABLE)
    connection.commit()
    return connection


def floor_append(connection: sqlite3.Connection, row: tuple) -> float:
    started = time.perf_counter()
    connection.execute("INSERT INTO event VALUES (?, ?, ?, ?, ?, ?, ?, ?)", row)
    connection.commit()
    return time.perf_counter() - started


def service_append(service: SittingService, command: Command) -> float:
    started = time.perf_counter()
    service.execute(command, "bench")
    return time.perf_counter() - started


def percentile(values: list[float], p: int) -> float:
    return statistics.quantiles(values, n=100)[p - 1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--appends", type=int, default=1000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="sesja-bench-", dir=Path.cwd()) as folder:
        service = SittingService(EventStore(Path(folder) / "sesja.db"))
        for command in (*demo_commands(date(2026, 11, 22)), CheckIn(member="m02")):
            service.execute(command, "bench")
        sample = service.store.rows()[-1]  # the floor writes rows of this size
        floor_db = floor_connection(Path(folder) / "floor.db")
        ours, floor = [], []
        for round_ in range(args.appends):
            command = CheckIn(member="m01") if round_ % 2 == 0 else CheckOut(member="m01")
            ours.append(service_append(service, command))
            floor.append(floor_append(floor_db, (round_ + 1, *sample[1:])))
        service.close()
        floor_db.close()
    p50, p99 = percentile(ours, 50), percentile(ours, 99)
    f50, f99 = percentile(floor, 50), percentile(floor, 99)
    worst = max(p50 / f50, p99 / f99)
    verdict = "ok" if worst <= TARGET else "MISSED"
    print(f"core_append: {args.appends} durable appends p50 {p50 * 1e3:.2f} ms, p99 "
          f"{p99 * 1e3:.2f} ms; bare sqlite WAL FULL insert+commit p50 {f50 * 1e3:.2f} ms, "
          f"p99 {f99 * 1e3:.2f} ms; ratio p50 {p50 / f50:.2f}x, p99 {p99 / f99:.2f}x; "
          f"target {TARGET}x: {verdict}")


if __name__ == "__main__":
    main()
