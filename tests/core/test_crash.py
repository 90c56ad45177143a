"""A writer killed with SIGKILL at random moments loses nothing it acknowledged.

Each round starts tests/core/crash_writer.py on the same log, lets it append for a random
moment and kills it with SIGKILL. Then every acknowledged event must be in the log, the
log must verify, the service must open it again, and the state replayed up to each
acknowledged seq must be the state the writer had when it acknowledged it.
"""

import os
import random
import signal
import subprocess
import sys
import time

from models.reducer import apply
from models.state import Chamber
from server.service import SittingService
from server.store import EventStore
from server.verify import verify
from tests.cli import ROOT, sesja, sesja_env
from tests.core.crash_writer import digest

ROUNDS = 24
SEED = int(os.environ.get("SESJA_CRASH_SEED", "20261122"))


def acknowledged(output: str) -> dict[int, str]:
    """seq -> digest of every complete acknowledgement line (a cut last line is ignored)."""
    lines = output.split("\n")[:-1]  # the part after the last newline may be cut off
    assert lines[0] == "ready", output[:200]
    return {int(line.split(":", 1)[0]): line for line in lines[1:]}


def run_and_kill(db, out_path, delay: float) -> dict[int, str]:
    with out_path.open("w", encoding="utf-8") as out:
        writer = subprocess.Popen(
            [sys.executable, "-m", "tests.core.crash_writer", str(db)],
            stdout=out, stderr=subprocess.PIPE, env=sesja_env(), cwd=ROOT)
        try:
            deadline = time.monotonic() + 60
            while not out_path.read_text(encoding="utf-8").startswith("ready\n"):
                assert writer.poll() is None, writer.stderr.read().decode()
                assert time.monotonic() < deadline, "the writer never opened the log"
                time.sleep(0.01)
            time.sleep(delay)
            assert writer.poll() is None, writer.stderr.read().decode()
            writer.send_signal(signal.SIGKILL)
        finally:
            writer.kill()
            writer.wait()
            writer.stderr.close()
    assert writer.returncode == -signal.SIGKILL
    return acknowledged(out_path.read_text(encoding="utf-8"))


def test_nothing_acknowledged_is_lost_when_the_writer_is_killed(tmp_path):
    rng = random.Random(SEED)
    db = tmp_path / "sesja.db"
    acked: dict[int, str] = {}
    for round_ in range(1, ROUNDS + 1):
        delay = rng.uniform(0.0, 0.3)
        new = run_and_kill(db, tmp_path / f"round-{round_}.txt", delay)
        acked.update(new)
        where = f"round {round_} (seed {SEED}, killed {delay:.3f} s after ready)"

        store = EventStore(db, readonly=True)
        try:
            report = verify(store)
            assert report.ok, f"{where}: {report.problems}"
            events = store.load()
        finally:
            store.close()
        assert max(acked, default=0) <= len(events), f"{where}: acknowledged events lost"

        state = Chamber()
        for stored in events:
            state = apply(state, stored)
            if stored.seq in acked:
                assert digest(state) == acked[stored.seq], f"{where}: seq {stored.seq}"

        service = SittingService(EventStore(db))
        try:
            assert service.state == state, f"{where}: the reopened service differs from replay"
        finally:
            service.close()
    assert len(acked) > ROUNDS, "the writer should have acknowledged many appends"
    verified = sesja("verify", "--db", str(db), "--lang", "en")
    assert verified.returncode == 0, verified.stderr
    assert verified.stdout.startswith(f"ok: {len(events)} events")
