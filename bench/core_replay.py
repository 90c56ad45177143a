"""Replay (load + fold) of a log, beside a floor: bare json.loads of the same rows.

    python3 -m bench.core_replay [--shape day|term] [--events 10000] [--runs 5]

`day` is one long sitting of the demo council: attendance, speakers, and named votes of
22 members with answers changed now and then, resolutions registered. `term` is a whole
term in one log (`bench.term_log`): a council sitting and eight committee sittings a month.
Prints one line: the replay's median and its ratio to the floor (the target: 0.5 s up to
10,000 events, 3x the floor beyond), `sesja verify`'s time per
event (without, then with a checkpoint to check), and the time and peak memory of a fresh
process that opens the log as every start does: first folding every event (the log has no
checkpoint yet; that process's clean close writes one), then from that checkpoint.
"""

import argparse
import json
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from bench.term_log import term_commands
from models import commands as cmd
from models.collector import collector_paused
from models.reducer import fold
from models.state import Chamber
from models.step import step
from server.demo import demo_commands
from server.store import EventStore
from server.verify import verify

# the targets: a day's log of 10,000 events replayed within 0.5 s; a longer log (issue 12:
# 200,000 events) within 3x the floor measured in the same run
TARGET_S = 0.5
TARGET_EVENTS = 10_000
TARGET_RATIO = 3.0
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
                           kind=_kind(round_), rule={"kind": "absolute_cast"})
        for index, member in enumerate(ids):
            answer = ("yes", "yes", "no", "abstain")[(index + round_) % 4]
            yield cmd.RecordAnswer(member=member, answer=answer)
        yield cmd.RecordAnswer(member=ids[round_ % members], answer="abstain")
        yield cmd.CloseVote()
        yield cmd.CheckOut(member=speaker)
        yield cmd.CheckIn(member=speaker)


def _kind(round_: int) -> str:
    """Amendments to each of the four drafts, then the drafts, then other motions: an
    amendment after its draft's vote is refused."""
    return "amendment" if round_ <= 4 else "resolution" if round_ <= 8 else "other"


SHAPES: dict[str, Callable[[], Iterator[cmd.Command]]] = {
    "day": sitting_day, "term": term_commands}


def build_log(path: Path, events: int, shape: str = "day") -> None:
    """Writes about `events` events of the shape's commands (whole commands) to a new log."""
    store = EventStore(path)
    state, batch, at = Chamber(), [], DAY_START
    try:
        for command in SHAPES[shape]():
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
    """The least any replay must do: read the rows and decode their JSON, with the
    collector paused as the replay pauses it (else it dominates the floor of a long log)."""
    started = time.perf_counter()
    with collector_paused():
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


def verify_seconds(path: Path) -> float:
    started = time.perf_counter()
    store = EventStore(path, readonly=True)
    report = verify(store)
    store.close()
    assert report.ok, report.problems
    return time.perf_counter() - started


def peak_mb(pid: int | str = "self") -> float:
    """A live process's peak resident memory so far (Linux's VmHWM). Not ru_maxrss: Linux
    carries a forked child's pre-exec peak, this big bench's, into it."""
    status = Path(f"/proc/{pid}/status").read_text()
    line = next(line for line in status.splitlines() if line.startswith("VmHWM:"))
    return int(line.split()[1]) / 1024


def imports_peak_mb() -> float:
    """Peak memory of a fresh process that only imports what opening a log needs."""
    code = ("from bench import core_replay as b; from server.service import SittingService; "
            "print(b.peak_mb())")
    done = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True,
                          text=True, cwd=Path(__file__).parent.parent)
    return float(done.stdout)


def open_figures(path: Path) -> tuple[float, float]:
    """A fresh process opens the log as every start does (`SittingService`: from its newest
    checkpoint, else folding every event): seconds to open and peak memory (MB) once open.
    Its clean close then writes a checkpoint if the log had none at its end."""
    code = ("import sys, time; from bench import core_replay as b; "
            "from server.service import SittingService; from server.store import EventStore; "
            "started = time.perf_counter(); service = SittingService(EventStore(sys.argv[1])); "
            "print(time.perf_counter() - started, b.peak_mb()); service.close()")
    done = subprocess.run([sys.executable, "-c", code, str(path)], check=True,
                          capture_output=True, text=True, cwd=Path(__file__).parent.parent)
    seconds, peak = done.stdout.split()
    return float(seconds), float(peak)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shape", choices=sorted(SHAPES), default="day")
    parser.add_argument("--events", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="sesja-bench-") as folder:
        path = Path(folder) / "replay.db"
        build_log(path, args.events, args.shape)
        replays, floors, verifies = [], [], []
        for _ in range(args.runs):
            floors.append(floor_seconds(path))
            seconds, state = replay_seconds(path)
            replays.append(seconds)
            verifies.append(verify_seconds(path))
        assert args.events - 50 < state.last_seq <= args.events
        imports = imports_peak_mb()
        folding, folding_peak = open_figures(path)  # no checkpoint yet; its close writes one
        opens = [open_figures(path) for _ in range(args.runs)]
        checked = verify_seconds(path)  # now with a checkpoint to check as well
    replay, floor = statistics.median(replays), statistics.median(floors)
    verified = statistics.median(verifies)
    opened, opened_peak = statistics.median(o[0] for o in opens), max(o[1] for o in opens)
    if state.last_seq <= TARGET_EVENTS:
        target, met = f"{TARGET_S} s for {TARGET_EVENTS:,}", replay <= TARGET_S
    else:
        target, met = f"{TARGET_RATIO:g}x the floor", replay <= TARGET_RATIO * floor
    print(f"core_replay: {args.shape} {state.last_seq} events ({len(state.sittings)} sittings) "
          f"load+fold median {replay:.3f} s of {args.runs} (floor json.loads {floor:.3f} s, "
          f"{replay / floor:.1f}x; {replay / state.last_seq * 1e6:.1f} us/event); verify "
          f"{verified:.3f} s ({verified / state.last_seq * 1e6:.1f} us/event; with a "
          f"checkpoint {checked / state.last_seq * 1e6:.1f} us/event); open folding every "
          f"event {folding:.2f} s, peak {folding_peak:.0f} MB; open from the checkpoint median "
          f"{opened:.2f} s, peak {opened_peak:.0f} MB (the imports alone {imports:.0f} MB); "
          f"target {target}: {'ok' if met else 'MISSED'}")

if __name__ == "__main__":
    main()
