"""Key press to composited frame in the console during a 750-member roll-call.

Each key records an answer ("1" = yes): the frame counted is the first one composited
after the answer is durable and the console has been told, so the figure includes the
command, the SQLite WAL FULL commit on the writer thread and the repaint. The floor is a
bare Textual app with a 750-row OptionList, where a key only moves the highlight,
measured the same way in the same run.

    python3 bench/console_keys.py [--members 750] [--keys 300]
"""

import argparse
import asyncio
import statistics
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from textual.app import App, ComposeResult  # noqa: E402
from textual.widgets import OptionList  # noqa: E402

from models.commands import (  # noqa: E402
    CheckIn,
    DefineCouncil,
    OpenSitting,
    OpenVote,
    SetCurrentItem,
)
from models.council import Council, Member  # noqa: E402
from server.service import SittingService  # noqa: E402
from server.store import EventStore  # noqa: E402
from session_console.app import ConsoleApp  # noqa: E402
from session_console.backend import Backend  # noqa: E402

SIZE = (120, 40)


class FrameClock:
    """Wraps an app's `_display` (called with each composited update) to time frames."""

    def __init__(self, app: App) -> None:
        self.frames: list[float] = []
        self.new_frame = asyncio.Event()
        original = app._display

        def display(screen, renderable) -> None:
            original(screen, renderable)
            if renderable is not None:
                self.frames.append(time.perf_counter())
                self.new_frame.set()

        app._display = display

    async def first_after(self, moment: float) -> float:
        while True:
            later = [t for t in self.frames[-4:] if t > moment]
            if later:
                return later[0]
            self.new_frame.clear()
            await asyncio.wait_for(self.new_frame.wait(), 5)


def chamber(path: Path, members: int) -> SittingService:
    service = SittingService(EventStore(path))
    council = Council(name="Sejmik Testowy", statutory_seats=members, members=tuple(
        Member(id=f"m{i:04d}", name=f"Radna Testowa Numer {i}", seat=i)
        for i in range(1, members + 1)))
    service.execute(DefineCouncil(council=council), "bench")
    service.execute(OpenSitting.model_validate({"number": "I", "date": date(2026, 11, 23),
                                                "agenda": [{"title": "Uchwały"}]}), "bench")
    for i in range(1, members + 1):
        service.execute(CheckIn(member=f"m{i:04d}"), "bench")
    service.execute(SetCurrentItem(item="i1"), "bench")
    service.execute(OpenVote(subject="Uchwała budżetowa"), "bench")
    return service


async def console_latencies(service: SittingService, keys: int) -> list[float]:
    told: list[float] = []
    app = ConsoleApp(Backend(service, "bench"))
    latencies = []
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause(0.5)
        service.subscribe(lambda events, state: told.append(time.perf_counter()))
        clock = FrameClock(app)
        for _ in range(keys):
            before, start = len(told), time.perf_counter()
            await pilot.press("1")
            while len(told) == before:
                await asyncio.sleep(0)
            latencies.append(await clock.first_after(told[-1]) - start)
    return latencies


class Floor(App):
    def compose(self) -> ComposeResult:
        yield OptionList(*(f"{i:>4}  Radna Testowa Numer {i}" for i in range(1, 751)))


async def floor_latencies(keys: int) -> list[float]:
    app = Floor()
    latencies = []
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause(0.5)
        clock = FrameClock(app)
        for _ in range(keys):
            start = time.perf_counter()
            await pilot.press("down")
            latencies.append(await clock.first_after(start) - start)
    return latencies


def ms(values: list[float], q: float) -> float:
    return statistics.quantiles(values, n=100, method="inclusive")[int(q) - 1] * 1000 if q < 100 \
        else max(values) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--members", type=int, default=750)
    parser.add_argument("--keys", type=int, default=300)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        service = chamber(Path(folder) / "bench.db", args.members)
        try:
            ours = asyncio.run(console_latencies(service, min(args.keys, args.members)))
            assert len(service.state.sitting.votes["v1"].answers) == len(ours)
        finally:
            service.close()
    floor = asyncio.run(floor_latencies(len(ours)))
    print(f"console_keys: answer key -> frame p50 {ms(ours, 50):.1f} ms, p99 {ms(ours, 99):.1f} ms "
          f"({args.members} members, {len(ours)} keys, target p99 16 ms); floor (bare Textual, "
          f"750-row OptionList) p50 {ms(floor, 50):.1f} ms, p99 {ms(floor, 99):.1f} ms")


if __name__ == "__main__":
    main()
