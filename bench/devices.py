"""Members' devices pressing at once: press -> durable acknowledgement, beside a floor.

    python3 -m bench.devices [--devices 60 460] [--runs 3]

For each N: a LiveServer on a real log (WAL, synchronous=FULL) with N members present, each
with a device code, and an electronic vote open; N websocket clients say hello as member
devices, and each presses once at a random moment within one second. Measured per press:
from the send to the device's `recorded` (sent after the durable write), and to the first
chamber-screen frame (a display client following the chamber view) that shows the answer.
The floor, in the same run, with the same N clients and the same schedule: a bare
websockets server that commits one row per press into SQLite (WAL, synchronous=FULL, one
writer thread, as sesja's) and answers. Runs alternate floor and sesja so the machine's
noise hits both. Prints one line: per N the median run's p50/p99 of both, the p99 ratio
(target within 1.5x) and the chamber frame's p99 (target within the ack's p99 + 50 ms).
"""

import argparse
import asyncio
import json
import random
import sqlite3
import statistics
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import date
from pathlib import Path

from websockets.asyncio.client import ClientConnection, connect
from websockets.asyncio.server import ServerConnection, serve

from models.commands import CheckIn, DefineCouncil, OpenSitting, OpenVote
from models.council import Council, Member
from models.terms import VoteMode
from server.live import LiveServer
from server.live.devices import issue_code
from server.live.merge_patch import apply
from server.service import SittingService
from server.store import EventStore

ANSWERS = ("yes", "no", "abstain")


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def _chamber(folder: Path, members: int) -> tuple[SittingService, dict[str, str]]:
    service = SittingService(EventStore(folder / "sesja.db"))
    council = Council(name="Sejmik Testowy", statutory_seats=members, members=tuple(
        Member(id=f"m{i:04d}", name=f"Radna Numer {i}", seat=i) for i in range(1, members + 1)))
    service.execute(DefineCouncil(council=council), "bench")
    service.execute(OpenSitting.model_validate({"number": "I", "date": date.today().isoformat(),
                                                "agenda": [{"title": "Uchwały"}]}), "bench")
    codes = {}
    for member in council.members:
        service.execute(CheckIn(member=member.id), "bench")
        code, command = issue_code(service.state, member.id)
        service.execute(command, "bench")
        codes[member.id] = code
    service.execute(OpenVote(subject="Budżet", mode=VoteMode.ELECTRONIC), "bench")
    return service, codes


async def _burst(url: str, hellos: dict[str, str], display: str | None) -> tuple[list[float],
                                                                                list[float]]:
    """Every device presses once within a second: (press -> reply, press -> chamber frame)."""
    devices: dict[str, ClientConnection] = {}
    for member, code in hellos.items():
        ws = await connect(url, max_size=None)
        await ws.send(json.dumps({"type": "hello", "v": 1, "role": "member", "token": code}))
        await ws.recv()  # welcome
        if display is not None:
            await ws.recv()  # its view's snapshot
        devices[member] = ws
    screen = None
    if display is not None:
        screen = await connect(url, max_size=None)
        await screen.send(json.dumps({"type": "hello", "v": 1, "role": "display",
                                      "token": display}))
        await screen.recv()
        view = json.loads(await screen.recv())["data"]
    pressed_at: dict[str, float] = {}
    framed: list[float] = []

    async def press(member: str, ws: ClientConnection, delay: float) -> float:
        await asyncio.sleep(delay)
        pressed_at[member] = began = time.perf_counter()
        await ws.send(json.dumps({"type": "answer", "id": member,
                                  "answer": random.choice(ANSWERS)}))
        while json.loads(await ws.recv())["type"] != "recorded" and display is not None:
            pass
        return time.perf_counter() - began

    async def watch() -> None:
        nonlocal view
        assert screen is not None
        seen: set[str] = set()
        while len(seen) < len(devices):
            view = apply(view, json.loads(await screen.recv())["patch"])
            now = time.perf_counter()
            for member, tile in view["vote"]["grid"].items():
                if member not in seen and tile["answer"] != "pending" and member in pressed_at:
                    seen.add(member)
                    framed.append(now - pressed_at[member])

    watcher = asyncio.create_task(watch()) if screen is not None else None
    acks = await asyncio.gather(*(press(member, ws, random.random())
                                  for member, ws in devices.items()))
    if watcher is not None:
        await asyncio.wait_for(watcher, 30)
    for ws in [*devices.values(), *([screen] if screen else [])]:
        await ws.close()
    return list(acks), framed


async def _floor_run(folder: Path, hellos: dict[str, str]) -> list[float]:
    db = sqlite3.connect(folder / "floor.db", check_same_thread=False, isolation_level=None)
    db.execute("PRAGMA journal_mode=WAL")
    db.execute("PRAGMA synchronous=FULL")
    db.execute("CREATE TABLE IF NOT EXISTS press (member TEXT, answer TEXT)")
    writer = ThreadPoolExecutor(max_workers=1)

    def commit(member: str, answer: str) -> None:
        db.execute("BEGIN")
        db.execute("INSERT INTO press VALUES (?, ?)", (member, answer))
        db.execute("COMMIT")

    async def handler(ws: ServerConnection) -> None:
        await ws.recv()  # hello
        await ws.send('{"type":"welcome"}')
        async for raw in ws:
            message = json.loads(raw)
            await asyncio.get_running_loop().run_in_executor(writer, commit, message["id"],
                                                             message["answer"])
            await ws.send(json.dumps({"type": "recorded", "id": message["id"]}))

    async with serve(handler, "127.0.0.1", 0, compression=None) as server:
        port = server.sockets[0].getsockname()[1]
        acks, _framed = await _burst(f"ws://127.0.0.1:{port}/ws", hellos, None)
    writer.shutdown()
    db.close()
    return acks


async def _sesja_run(folder: Path, devices: int) -> tuple[list[float], list[float]]:
    service, codes = _chamber(folder, devices)
    live = LiveServer(service, port=0, token_dir=folder / "tokens")
    await live.start()
    try:
        return await _burst(live.urls()["websocket"], codes, live.tokens.token("display"))
    finally:
        await live.stop()
        service.close()


async def bench(sizes: list[int], runs: int) -> str:
    parts = []
    for devices in sizes:
        results = []
        for _run in range(runs):
            with tempfile.TemporaryDirectory() as scratch:
                hellos = {f"m{i:04d}": "x" for i in range(1, devices + 1)}
                floor = await _floor_run(Path(scratch), hellos)
            with tempfile.TemporaryDirectory() as scratch:
                acks, frames = await _sesja_run(Path(scratch), devices)
            results.append((_percentile(acks, 0.99) / _percentile(floor, 0.99), acks, floor,
                            frames))
        ratio, acks, floor, frames = sorted(results, key=lambda r: r[0])[len(results) // 2]
        ms = 1000.0
        parts.append(
            f"{devices} devices: ack p50 {statistics.median(acks) * ms:.0f} ms p99 "
            f"{_percentile(acks, 0.99) * ms:.0f} ms, floor p50 {statistics.median(floor) * ms:.0f}"
            f" ms p99 {_percentile(floor, 0.99) * ms:.0f} ms, p99 ratio {ratio:.2f}x "
            f"(runs {min(r[0] for r in results):.2f}-{max(r[0] for r in results):.2f}; "
            f"target 1.5x), chamber frame p99 {_percentile(frames, 0.99) * ms:.0f} ms "
            f"(target {_percentile(acks, 0.99) * ms + 50:.0f} ms)")
    return "devices: " + "; ".join(parts)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--devices", type=int, nargs="+", default=[60, 460])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    print(asyncio.run(bench(args.devices, args.runs)))


if __name__ == "__main__":
    main()
