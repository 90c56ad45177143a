"""The live server under 20,000+ malformed frames (tests/live/fuzz_frames.py), sent over real
websockets by unauthenticated, display and control clients in parallel, while a console
sends valid commands: every frame is answered with a documented error (or, before the
hello, an error and a documented close), no traceback is logged, the log says a bounded
amount, the console is served throughout, and the event log holds exactly the console's
acknowledged events.
"""

import asyncio
import json
import logging
import re
import time
from dataclasses import dataclass, field

import pytest
from websockets.asyncio.client import ClientConnection, connect
from websockets.exceptions import ConnectionClosed

from server.live import LiveServer, session
from server.live import protocol as p
from server.verify import verify
from tests.cli import ROOT
from tests.live.fuzz_frames import FuzzFrames

SEED = 14
UNAUTHENTICATED = 1_000  # one connection each: the server reads one frame, then closes
PER_ROLE = 10_000  # display and control frames each, over a few connections in parallel
WORKERS = 4  # connections at a time per role
BATCH = 200  # frames sent before the client reads their answers
DOC = (ROOT / "docs" / "protocol.md").read_text(encoding="utf-8")
DOCUMENTED = set(re.findall(r"^\| `(\w+)` \|", DOC, re.MULTILINE))
CLOSES_BEFORE_HELLO = {p.CLOSE_PROTOCOL, p.CLOSE_UNAUTHORIZED}


@dataclass
class Tally:
    answered: int = 0  # frames the server answered (each gets exactly one reply)
    closes: dict[int, int] = field(default_factory=dict)
    codes: dict[str, int] = field(default_factory=dict)

    def error(self, message: dict) -> None:
        p.SERVER_ADAPTER.validate_python(message)
        assert message["code"] in DOCUMENTED, message
        self.codes[message["code"]] = self.codes.get(message["code"], 0) + 1

    def closed(self, code: int | None) -> None:
        self.closes[code] = self.closes.get(code, 0) + 1


def strict(frame: str | bytes) -> dict:
    """A server frame as RFC 8259 JSON (NaN or Infinity would fail here)."""
    def refuse(name: str) -> None:
        raise AssertionError(f"{name} in a server frame: {frame[:200]!r}")
    return json.loads(frame, parse_constant=refuse)


class Records(logging.Handler):
    """Every record from INFO up (the websockets library's debug lines are its own trace)."""

    def __init__(self) -> None:
        super().__init__(logging.INFO)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


@pytest.fixture
def records():
    handler, root = Records(), logging.getLogger()
    level = root.level
    root.addHandler(handler)
    root.setLevel(logging.INFO)
    yield handler.records
    root.removeHandler(handler)
    root.setLevel(level)


async def _unauthenticated(url: str, frames: list, tally: Tally) -> None:
    for frame in frames:
        async with connect(url, max_queue=None) as ws:
            await ws.send(frame)
            error = strict(await asyncio.wait_for(ws.recv(), 10))
            tally.error(error)
            tally.answered += 1
            with pytest.raises(ConnectionClosed):
                await asyncio.wait_for(ws.recv(), 10)
            assert ws.close_code in CLOSES_BEFORE_HELLO, (frame[:100], ws.close_code)
            tally.closed(ws.close_code)


async def _joined(url: str, hello: dict) -> ClientConnection:
    ws = await connect(url, max_queue=None)
    await ws.send(json.dumps(hello))
    assert strict(await asyncio.wait_for(ws.recv(), 10))["type"] == "welcome"
    first = strict(await asyncio.wait_for(ws.recv(), 10))
    assert first["type"] in {"snapshot", "events"}
    return ws


async def _batch(ws: ClientConnection, frames: list, tally: Tally, mark: float) -> bool:
    """Sends the frames and a ping marked `mark`, and reads until its pong; every frame
    must get exactly one answer. False when the server closed the connection (a display
    that sent a command), with every frame up to the closing one answered."""
    for frame in frames:
        await ws.send(frame)
    await ws.send(json.dumps({"type": "ping", "t": mark}))
    answers = 0
    try:
        while True:
            message = strict(await asyncio.wait_for(ws.recv(), 20))
            if message["type"] in {"patch", "events"}:  # the console's changes
                continue
            assert message["type"] != "ack", message  # no fuzz frame is a command that runs
            if message["type"] == "pong" and message.get("t") == mark:
                break
            if message["type"] == "error":
                tally.error(message)
            answers += 1
    except ConnectionClosed:
        assert ws.close_code == p.CLOSE_FORBIDDEN, ws.close_code  # a display's command
        assert tally.codes.get("forbidden"), "closed without saying why"
        tally.closed(ws.close_code)
        tally.answered += answers
        return False
    assert answers == len(frames)
    tally.answered += answers
    return True


async def _joined_client(url: str, hello: dict, frames: list, tally: Tally) -> None:
    ws = await _joined(url, hello)
    for start in range(0, len(frames), BATCH):
        if not await _batch(ws, frames[start:start + BATCH], tally, mark=start + 0.5):
            ws = await _joined(url, hello)
    await ws.close()


async def _console(url: str, token: str, done: asyncio.Event) -> list[dict]:
    """A valid console checking a member in and out all through the run; every command
    must be acknowledged within 5 s. Returns the acknowledged events."""
    ws = await _joined(url, {"type": "hello", "v": 1, "role": "control", "token": token})
    acked: list[dict] = []
    number = 0
    while not done.is_set() or number < 20:
        number += 1
        kind = ("check_out", "check_in")[number % 2]
        await ws.send(json.dumps({"type": "command", "id": f"ok{number}", "actor": "console",
                                  "command": {"type": kind, "member": "m01"}}))
        sent = time.monotonic()
        while True:
            message = strict(await asyncio.wait_for(ws.recv(), 5))
            if message["type"] == "ack":
                assert message["id"] == f"ok{number}"
                acked.extend(message["events"])
                break
            assert message["type"] == "events", message
        assert time.monotonic() - sent < 5
        await asyncio.sleep(0.02)
    await ws.close()
    return acked


async def test_malformed_frames_from_every_kind_of_client_are_answered_not_crashed_on(
        live: LiveServer, service, records, monkeypatch, capfd):
    monkeypatch.setattr(session, "FLOOD_LIMITS",  # every frame read, none dropped as a flood
                        {role: (10**9, 10**9) for role in session.FLOOD_LIMITS})
    url = live.urls()["websocket"]
    display_hello = {"type": "hello", "v": 1, "role": "display", "view": "chamber",
                     "token": live.tokens.token("display")}
    control_hello = {"type": "hello", "v": 1, "role": "control",
                     "token": live.tokens.token("control"), "since": 10**9}
    fuzz = FuzzFrames(SEED)
    unauthenticated = list(fuzz.frames(UNAUTHENTICATED, commands=True))
    displays = list(fuzz.frames(PER_ROLE, commands=False))
    controls = list(fuzz.frames(PER_ROLE, commands=True))
    before = service.state.last_seq
    tallies = {name: Tally() for name in ("unauthenticated", "display", "control")}
    done = asyncio.Event()
    console = asyncio.create_task(_console(url, live.tokens.token("control"), done))
    share = [slice(worker, None, WORKERS) for worker in range(WORKERS)]
    await asyncio.gather(
        *(_unauthenticated(url, unauthenticated[part], tallies["unauthenticated"])
          for part in share),
        *(_joined_client(url, display_hello, displays[part], tallies["display"])
          for part in share),
        *(_joined_client(url, control_hello, controls[part], tallies["control"])
          for part in share))
    done.set()
    acked = await console

    assert tallies["unauthenticated"].answered == UNAUTHENTICATED
    assert tallies["control"].answered == PER_ROLE  # a console is never closed for bad input
    assert tallies["display"].answered >= PER_ROLE * 0.9  # frames after a closing command lost
    assert sum(t.answered for t in tallies.values()) >= 20_000
    assert {"bad_json", "bad_message", "binary"} <= set(tallies["control"].codes)

    await live.stop()  # the refusal log's summary, then nothing more
    assert [r for r in records if r.exc_info or r.levelno >= logging.ERROR] == []
    shown = [r for r in records if r.levelno >= logging.WARNING]  # what `sesja serve` prints
    assert 0 < len(shown) <= 22  # 20 lines a minute (docs/protocol.md), then one summary
    assert sum(len(r.getMessage()) for r in shown) < 8_000
    assert "Traceback" not in capfd.readouterr().err

    stored = [e.model_dump(mode="json") for e in service.store.load()[before:]]
    assert len(acked) >= 20 and stored == acked  # the console's events, and nothing else
    assert verify(service.store).ok
