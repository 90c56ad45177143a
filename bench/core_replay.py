"""Replay (load + fold) of a 10,000-event log, beside a floor: bare json.loads of the same rows.

    python3 -m bench.core_replay [--events 10000] [--runs 5]

The log is a realistic day of the demo council: attendance, speakers, and named votes of
22 members with answers changed now and then, resolutions registered. Prints one line.
"""

import argparse
import json
import sqlite3
import statistics
import tempfile
import time
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from models import commands as cmd
from models.reducer import fold
from models.state import Chamber
from models.step import step
from server.demo import demo_commands
from server.store import EventStore

TARGET_S = 0.5
DAY = date(2026, 11, 22)
DAY_START = datetime(2026, 11, 22, 9, 0, tzinfo=UTC)


def sitting_day(members: int = 22) -> Iterator[cmd.Command]:
    """Commands of a long sitting: check-ins, then speeches and votes on every item, forever."""
    yield from demo_commands(DAY)
    ids = [f"m{i:02d}" for i in range(1, members + 1)]
    for member in ids:
        yield cmd.CheckIn(member=member)
    round_ = 0
    while True:
        round_ += 1
        yield cmd.SetCurrentItem(item=f"i{6 + round_ % 4}")
        speaker = ids[round_ % members]
        yield cmd.QueueSpeaker(member=speaker)
        yield cmd.StartSpeech()
        yield cmd.StopSpeech()
        yield cmd.OpenVote(subject=f"Projekt uchwały, głosowanie {round_}",
                           kind="resolution" if round_ % 3 == 0 else "amendment",
                           rule={"kind": "absolute_cast"})
        for index, member in enumerate(ids):
            answer = ("yes", "yes", "no", "abstain")[(index + round_) % 4]
            yield cmd.RecordAnswer(member=member, answer=answer)
        yield cmd.RecordAnswer(member=ids[round_ % members], answer="abstain")
        yield cmd.CloseVote()
        yield cmd.CheckOut(member=speaker)
        yield cmd.CheckIn(member=speaker)


def build_log(path: Path, events: int) -> None:
    """Writes about `events` events of `sitting_day` (whole commands) to a new log."""
    store = EventStore(path)
    state, batch, at = Chamber(), [], DAY_START
    try:
        for command in sitting_day():
            at += timedelta(seconds=7)
            done = step(state, command, at, "bench")
            if done.state.last_seq > events:
                break
            state = done.state
            batch.extend(done.sealed)
            if len(batch) >= 2000:
                store.append(batch)
                batch = []
        store.append(batch)
    finally:
        store.close()


def floor_seconds(path: Path) -> float:
    """The least any replay must do: read the rows and decode their JSON."""
    started = time.perf_counter()
    connection = sqlite3.connect(path)
    rows = connection.execute("SELECT seq, at, actor, payload, prev_hash, hash FROM event "
                              "ORDER BY seq").fetchall()
    decoded = [json.loads(row[3]) for row in rows]
    connection.close()
    assert len(decoded) == len(rows)
    return time.perf_counter() - started


def replay_seconds(path: Path) -> tuple[float, Chamber]:
    started = time.perf_counter()
    store = EventStore(path)
    state = fold(store.load())
    store.close()
    return time.perf_counter() - started, state


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="sesja-bench-") as folder:
        path = Path(folder) / "replay.db"
        build_log(path, args.events)
        replays, floors = [], []
        for _ in range(args.runs):
            floors.append(floor_seconds(path))
            seconds, state = replay_seconds(path)
            replays.append(seconds)
        assert args.events - 3 < state.last_seq <= args.events
    replay, floor = statistics.median(replays), statistics.median(floors)
    verdict = "ok" if replay <= TARGET_S else "MISSED"
    print(f"core_replay: {state.last_seq} events load+fold median {replay:.3f} s of {args.runs} "
          f"(floor json.loads {floor:.3f} s, {replay / floor:.1f}x); target {TARGET_S} s: {verdict}")


if __name__ == "__main__":
    main()
