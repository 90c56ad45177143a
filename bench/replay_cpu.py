"""CPU seconds (not wall) of opening a log, folding it and verifying it, for comparing two
versions of sesja on one machine that others load: the CPU time a process gets varies far
less with the neighbours than its wall time.

    python3 -m bench.replay_cpu --build term --events 250000 LOG   # once: write the log
    PYTHONPATH=CHECKOUT python3 -m bench.replay_cpu LOG            # each version, in turn

Prints one line: load+fold (EventStore.load + fold) per event and against its floor (the
rows read and json.loads of each, the collector paused), verify per event, and the peak
memory of a new process opening the log as every start does (SittingService).
"""

import argparse
import json
import shutil
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from bench.core_replay import SHAPES, build_log
from models.collector import collector_paused
from models.reducer import fold
from server.store import EventStore
from server.verify import verify


def _cpu(work) -> float:
    started = time.process_time()
    work()
    return time.process_time() - started


def _floor(path: Path) -> None:
    with collector_paused():  # as the replay pauses it
        connection = sqlite3.connect(path)
        rows = connection.execute("SELECT seq, at, actor, payload, prev_hash, hash FROM event "
                                  "ORDER BY seq").fetchall()
        [json.loads(row[3]) for row in rows]
        connection.close()


def _replay(path: Path) -> None:
    store = EventStore(path, readonly=True)
    fold(store.load())
    store.close()


def _verify(path: Path) -> None:
    store = EventStore(path, readonly=True)
    report = verify(store)
    store.close()
    assert report.ok, report.problems


def _open_peak_mb(path: Path) -> float:
    copy = path.with_name(path.stem + "-open-copy.db")
    shutil.copyfile(path, copy)
    code = ("import sys; from server.service import SittingService; "
            "from server.store import EventStore; SittingService(EventStore(sys.argv[1])).close(); "
            "status = open('/proc/self/status').read().split('VmHWM:')[1]; "
            "print(int(status.split()[0]) / 1024)")
    try:
        done = subprocess.run([sys.executable, "-c", code, str(copy)], check=True,
                              capture_output=True, text=True)
    finally:
        copy.unlink()
    return float(done.stdout)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("log", type=Path)
    parser.add_argument("--build", choices=sorted(SHAPES), help="write a new log of this shape")
    parser.add_argument("--events", type=int, default=10_000)
    args = parser.parse_args()
    if args.build:
        build_log(args.log, args.events, args.build)
        return
    events = EventStore(args.log, readonly=True).head().seq
    floor, replay = _cpu(lambda: _floor(args.log)), _cpu(lambda: _replay(args.log))
    checked = _cpu(lambda: _verify(args.log))
    print(f"replay_cpu: {args.log.name} {events} events: load+fold {replay:.2f} s CPU "
          f"({replay / events * 1e6:.1f} us/event, {replay / floor:.1f}x the floor's "
          f"{floor:.2f} s); verify {checked:.2f} s CPU ({checked / events * 1e6:.1f} us/event); "
          f"open peak {_open_peak_mb(args.log):.0f} MB")


if __name__ == "__main__":
    main()
