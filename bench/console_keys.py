"""Key press to composited frame in the console during a 750-member roll-call.

Each key records an answer ("1" = yes): the frame counted is the first one composited
after the answer is durable and the console has been told, so the figure includes the
command, the SQLite WAL FULL commit on the writer thread and the repaint. The floor is a
bare Textual app with a 750-row OptionList, where a key only moves the highlight (down,
up, down, ...: it never scrolls), running beside the console in the same process: keys go
to one app then the other, as the terminal driver sends them, 50 ms apart. Both run under
the console's garbage-collector policy (session_console.heap: off while starting, the
start-up heap frozen after the first frame), so the floor is Textual's own cost per key,
not its full collections.

    python3 -m bench.console_keys [--members 750] [--keys 300]
"""

import argparse
import asyncio
import statistics
import tempfile
import time
from datetime import date
from pathlib import Path

from textual import events
from textual.app import App, ComposeResult
from textual.pilot import Pilot
from textual.widgets import OptionList

from models.commands import (
    CheckIn,
    DefineCouncil,
    OpenSitting,
    OpenVote,
    SetCurrentItem,
)
from models.council import Council, Member
from server.service import SittingService
from server.store import EventStore
from session_console import heap
from session_console.app import ConsoleApp
from session_console.backend import Backend

SIZE = (120, 40)
TARGET_P99_MS = 16.0
TYPING_S = 0.05  # between keys: a fast typist; a roll-call answer takes a second or more


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


def type_key(app: App, key: str) -> float:
    """Sends a key the way the terminal driver does (no test pilot waiting on every widget
    meanwhile); returns the moment it was sent."""
    event = events.Key(key, key if len(key) == 1 else None)
    event.set_sender(app)
    started = time.perf_counter()
    app._driver.send_message(event)
    return started


class Floor(App):
    def compose(self) -> ComposeResult:
        yield OptionList(*(f"{i:>4}  Radna Testowa Numer {i}" for i in range(1, 751)))

    def on_mount(self) -> None:
        self.call_after_refresh(heap.started)  # as ConsoleApp does


class Console:
    """The console on the chamber; `answer` times one roll-call key to its frame."""

    def __init__(self, service: SittingService, pilot: Pilot) -> None:
        self.app = pilot.app
        self.clock = FrameClock(self.app)
        self.told: list[float] = []
        self.durable = asyncio.Event()
        service.subscribe(self._tell)

    def _tell(self, events, state) -> None:
        self.told.append(time.perf_counter())
        self.durable.set()

    async def answer(self) -> tuple[float, float]:
        """Seconds from the key to the answer being durable (the console told), and to the
        frame that shows it."""
        self.durable.clear()
        start = type_key(self.app, "1")
        await asyncio.wait_for(self.durable.wait(), 5)
        durable = self.told[-1]
        return durable - start, await self.clock.first_after(durable) - start


async def latencies(service: SittingService,
                    keys: int) -> tuple[list[float], list[float], list[float]]:
    """Key -> durable and key -> frame in the console, key -> frame in the floor. Both apps
    run side by side; their keys alternate, so the machine's noise hits both."""
    console_app, floor_app = ConsoleApp(Backend(service, "bench")), Floor()
    durable, ours, bare = [], [], []
    async with console_app.run_test(size=SIZE) as pilot, floor_app.run_test(size=SIZE) as floor:
        await pilot.pause(0.5)
        await floor.pause(0.5)
        console, clock = Console(service, pilot), FrameClock(floor_app)
        for index in range(keys):
            to_durable, to_frame = await console.answer()
            durable.append(to_durable)
            ours.append(to_frame)
            await asyncio.sleep(TYPING_S)
            start = type_key(floor_app, "down" if index % 2 == 0 else "up")  # never scrolls
            bare.append(await clock.first_after(start) - start)
            await asyncio.sleep(TYPING_S)
    return durable, ours, bare


def ms(values: list[float], q: float) -> float:
    return statistics.quantiles(values, n=100, method="inclusive")[int(q) - 1] * 1000 if q < 100 \
        else max(values) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--members", type=int, default=750)
    parser.add_argument("--keys", type=int, default=300)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder, heap.starting():
        service = chamber(Path(folder) / "bench.db", args.members)
        try:
            durable, ours, floor = asyncio.run(latencies(service, min(args.keys, args.members)))
            assert len(service.state.sitting.votes["v1"].answers) == len(ours)
        finally:
            service.close()
    p99, floor_p99 = ms(ours, 99), ms(floor, 99)
    verdict = "ok" if p99 <= TARGET_P99_MS else "MISSED"
    print(f"console_keys: answer key -> frame p50 {ms(ours, 50):.1f} ms, p99 {p99:.1f} ms "
          f"(-> durable p50 {ms(durable, 50):.1f}, p99 {ms(durable, 99):.1f}; {args.members} "
          f"members, {len(ours)} keys); floor (bare Textual, 750-row OptionList) "
          f"p50 {ms(floor, 50):.1f} ms, p99 {floor_p99:.1f} ms ({p99 / floor_p99:.2f}x); "
          f"target p99 {TARGET_P99_MS:.0f} ms: {verdict}")


if __name__ == "__main__":
    main()
