"""Command acknowledged -> display receipt at N display clients, beside a bare broadcast.

    python3 -m bench.live_latency [--clients 100 1000] [--stalled 0] [--rounds 40] [--runs 5]

For each N: a LiveServer on the demo council with a named vote open and N websocket
clients following the chamber view. Each round records one answer through the service
(durable, then acknowledged); the clock starts when the service tells its listeners (the
write is acknowledged) and stops as each client receives the patch. The floor, in the same
run with the same N clients in the same process: a bare websockets server calling
`websockets.broadcast` with a frame of the same size. Rounds are spaced past the 50 ms
coalescing window, so each answer is one frame. Also resident memory per connection
(Python heap of the server and client objects together, for sesja and for the floor).
With `--stalled K`, K more clients on each side read their snapshot and then stop reading
(a frozen screen): the N readers' latency is measured beside them. Each N is measured in
`--runs` runs (at least 5 by default: one run swings by a third on a shared machine);
within a run the rounds alternate floor, sesja, floor, sesja, so the machine's noise hits
both. Prints one line: per N the median run's figures and the median p99 ratio with its
spread (min-max over the runs); the target is the median ratio within 1.3x.
"""

import argparse
import asyncio
import gc
import itertools
import json
import statistics
import tempfile
import time
import tracemalloc
from collections.abc import Awaitable, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from websockets.asyncio.client import ClientConnection, connect
from websockets.asyncio.server import broadcast, serve

from models.commands import CheckIn, OpenVote, RecordAnswer
from models.terms import Answer
from server.demo import demo_commands
from server.live import LiveServer
from server.service import SittingService
from server.store import EventStore

TARGET = 1.3
GAP_S = 0.08  # between rounds: past the coalescing window


async def heap_per_connection(count: int, opening: Awaitable[list[ClientConnection]]
                              ) -> tuple[list[ClientConnection], float]:
    """Opens the clients while tracing Python allocations: KiB held per connection."""
    gc.collect()
    tracemalloc.start()
    before = tracemalloc.get_traced_memory()[0]
    sockets = await opening
    gc.collect()
    after = tracemalloc.get_traced_memory()[0]
    tracemalloc.stop()
    return sockets, (after - before) / count / 1024


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))]


class Receivers:
    """N clients that stamp the arrival (and size) of every frame they receive."""

    def __init__(self, sockets: list[ClientConnection]) -> None:
        self.arrivals: list[float] = []
        self.sizes: list[int] = []
        self.expected = len(sockets)
        self.all_in = asyncio.Event()
        self.tasks = [asyncio.create_task(self._read(ws)) for ws in sockets]

    async def _read(self, ws: ClientConnection) -> None:
        async for frame in ws:
            self.arrivals.append(time.perf_counter())
            self.sizes.append(len(frame.encode() if isinstance(frame, str) else frame))
            if len(self.arrivals) >= self.expected:
                self.all_in.set()

    async def round(self, start: Callable[[], Awaitable[float]]) -> list[float]:
        """Milliseconds from the moment `start` returns to each client's receipt."""
        self.arrivals.clear()
        self.all_in.clear()
        began = await start()
        await asyncio.wait_for(self.all_in.wait(), 60)
        return [(arrival - began) * 1000 for arrival in self.arrivals]


async def _open_clients(url: str, count: int, hello: str | None) -> list[ClientConnection]:
    sockets = []
    for _ in range(count):
        ws = await connect(url, compression=None, max_size=None)
        if hello is not None:
            await ws.send(hello)
            await ws.recv()  # welcome
            await ws.recv()  # snapshot
        sockets.append(ws)
    return sockets


async def _open_stalled(url: str, count: int, hello: str | None) -> list[ClientConnection]:
    """Clients that stop reading after their snapshot (a frozen screen)."""
    sockets = await _open_clients(url, count, hello)
    for ws in sockets:
        ws.transport.pause_reading()
    return sockets


def _sitting(folder: Path) -> SittingService:
    service = SittingService(EventStore(folder / "bench.db"))
    for command in demo_commands(date(2026, 11, 23)):
        service.execute(command, "bench")
    for seat in range(1, 16):
        service.execute(CheckIn(member=f"m{seat:02d}"), "bench")
    service.execute(OpenVote(subject="Projekt uchwały w sprawie budżetu"), "bench")
    return service


@asynccontextmanager
async def sesja_side(count: int, stalled: int, folder: Path):
    """(receivers, start of one round, KiB per connection) for N clients of a LiveServer,
    beside `stalled` clients that follow the same view but stopped reading."""
    service = _sitting(folder)
    acknowledged = [0.0]  # set by the first listener: the write is durable, the ack is due
    service.subscribe(lambda events, state: acknowledged.__setitem__(0, time.perf_counter()))
    live = LiveServer(service, port=0, token_dir=folder / "tokens")
    await live.start()
    hello = json.dumps({"type": "hello", "v": 1, "role": "display", "view": "chamber",
                        "token": live.tokens.token("display")})
    sockets, per_connection = await heap_per_connection(
        count, _open_clients(live.urls()["websocket"], count, hello))
    sockets += await _open_stalled(live.urls()["websocket"], stalled, hello)
    answers = itertools.cycle((Answer.YES, Answer.NO))

    async def record() -> float:
        await service.submit(RecordAnswer(member="m01", answer=next(answers)), "bench")
        return acknowledged[0]

    try:
        yield Receivers(sockets[:count]), record, per_connection
    finally:
        for ws in sockets:
            await ws.close()
        await live.stop()
        service.close()


@asynccontextmanager
async def floor_side(count: int, stalled: int):
    """The same for a bare websockets server; the round broadcasts `frame[0]`."""
    clients = set()
    frame = [""]

    async def keep(ws) -> None:
        clients.add(ws)
        await ws.wait_closed()
        clients.discard(ws)

    async def send() -> float:
        began = time.perf_counter()
        broadcast(clients, frame[0])
        return began

    async with serve(keep, "127.0.0.1", 0, compression=None) as server:
        port = server.sockets[0].getsockname()[1]
        sockets, per_connection = await heap_per_connection(
            count, _open_clients(f"ws://127.0.0.1:{port}", count, None))
        sockets += await _open_stalled(f"ws://127.0.0.1:{port}", stalled, None)
        while len(clients) < count + stalled:
            await asyncio.sleep(0.01)
        try:
            yield Receivers(sockets[:count]), send, per_connection, frame
        finally:
            for ws in sockets:
                await ws.close()


@dataclass(frozen=True)
class Run:
    """One run's latencies (ms) for sesja and the floor, and what they were measured with."""

    p50: float
    p99: float
    floor_p50: float
    floor_p99: float
    size: int
    memory: float
    floor_memory: float

    @property
    def ratio(self) -> float:
        return self.p99 / self.floor_p99


async def measure(count: int, stalled: int, rounds: int) -> Run:
    """One run: rounds alternate between the floor and sesja, the floor first."""
    ours: list[float] = []
    floor: list[float] = []
    with tempfile.TemporaryDirectory() as folder:
        async with sesja_side(count, stalled, Path(folder)) as (receivers, record, our_memory):
            async with floor_side(count, stalled) as (floor_receivers, send, floor_memory, frame):
                await receivers.round(record)  # warm-up; learns the frame size
                size = round(statistics.median(receivers.sizes))
                frame[0] = "x" * size
                gc.collect()
                gc.freeze()  # the 2N connections' objects: no full collection scans them
                for _ in range(rounds):
                    await asyncio.sleep(GAP_S)
                    floor += await floor_receivers.round(send)
                    await asyncio.sleep(GAP_S)
                    ours += await receivers.round(record)
    gc.unfreeze()
    return Run(statistics.median(ours), percentile(ours, 0.99), statistics.median(floor),
               percentile(floor, 0.99), size, our_memory, floor_memory)


def summary(count: int, stalled: int, runs: list[Run]) -> tuple[str, bool]:
    """The median run's figures, the median p99 ratio and its spread over the runs."""
    ratios = sorted(run.ratio for run in runs)
    median = statistics.median(ratios)
    typical = min(runs, key=lambda run: abs(run.ratio - median))
    beside = f" (+{stalled} stalled)" if stalled else ""
    return (f"N={count}{beside}: p99 ratio median {median:.2f}x "
            f"(spread {ratios[0]:.2f}-{ratios[-1]:.2f}x over {len(runs)} runs); median run "
            f"p50 {typical.p50:.1f} ms p99 {typical.p99:.1f} ms vs floor p50 "
            f"{typical.floor_p50:.1f} p99 {typical.floor_p99:.1f} ms, {typical.size} B frames, "
            f"{typical.memory:.1f} KiB/conn (floor {typical.floor_memory:.1f})"), median <= TARGET


async def bench(counts: list[int], stalled: int, rounds: int, runs: int) -> str:
    results = []
    for count in counts:
        measured = [await measure(count, stalled, rounds) for _ in range(runs)]
        results.append(summary(count, stalled, measured))
    status = "PASS" if all(ok for _, ok in results) else "FAIL"
    parts = "; ".join(text for text, _ in results)
    return f"live_latency: {parts}; target median p99 <= {TARGET}x floor: {status}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, nargs="+", default=[100, 1000])
    parser.add_argument("--stalled", type=int, default=0,
                        help="clients beside the N that stop reading after their snapshot")
    parser.add_argument("--rounds", type=int, default=40)
    parser.add_argument("--runs", type=int, default=5, help="runs per N (default 5)")
    args = parser.parse_args()
    if args.runs < 1:
        parser.error("--runs must be at least 1")
    print(asyncio.run(bench(args.clients, args.stalled, args.rounds, args.runs)))


if __name__ == "__main__":
    main()
