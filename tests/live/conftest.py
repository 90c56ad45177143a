"""Fixtures for the live server: a real service on a temporary log, a server on a free port."""

import asyncio
import json
from datetime import date
from pathlib import Path

import pytest
from playwright.async_api import async_playwright
from websockets.asyncio.client import ClientConnection, connect

from models.commands import DefineCouncil, OpenSitting, parse_command
from models.council import Council, Member
from models.events import StoredEvent
from server.demo import demo_commands
from server.live import LiveServer
from server.service import SittingService
from server.store import EventStore

DAY = date(2026, 11, 23)
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]


@pytest.fixture
async def browser():
    """Debian's chromium, driven by Playwright, for the display pages."""
    assert Path("/usr/bin/chromium").exists(), "Debian's chromium is needed (bash .ci/run)"
    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(executable_path="/usr/bin/chromium",
                                                   args=CHROMIUM_ARGS)
        yield browser
        await browser.close()


@pytest.fixture
def service(tmp_path: Path):
    service = SittingService(EventStore(tmp_path / "sitting.db"))
    for command in demo_commands(DAY):
        service.execute(command, "test")
    yield service
    service.close()


def big_council_service(path: Path, members: int) -> SittingService:
    """A sitting of `members` members, all present, with one item set as current."""
    return council_service(path, [f"Radna Testowa Numer {i}" for i in range(1, members + 1)],
                           clubs=["Klub"], name="Sejmik Testowy")


def council_service(path: Path, names: list[str], clubs: list[str], name: str,
                    sitting_type: str = "ordinary", number: str = "I") -> SittingService:
    """A sitting of these members (ids m0001…, clubs in turn), all present, item i1 current."""
    service = SittingService(EventStore(path))
    council = Council(name=name, statutory_seats=len(names), members=tuple(
        Member(id=f"m{i:04d}", name=member, club=clubs[(i - 1) % len(clubs)], seat=i)
        for i, member in enumerate(names, start=1)))
    service.execute(DefineCouncil(council=council), "test")
    service.execute(OpenSitting.model_validate(
        {"number": number, "date": DAY.isoformat(), "sitting_type": sitting_type,
         "agenda": [{"title": "Uchwały"}, {"title": "Wolne wnioski"}]}), "test")
    for i in range(1, len(names) + 1):
        service.execute(parse_command({"type": "check_in", "member": f"m{i:04d}"}), "test")
    service.execute(parse_command({"type": "set_current_item", "item": "i1"}), "test")
    return service


@pytest.fixture
async def live(service, tmp_path: Path):
    server = LiveServer(service, port=0, token_dir=tmp_path / "tokens")
    await server.start()
    yield server
    await server.stop()


async def run(service: SittingService, type_: str, **fields):
    return await service.submit(parse_command({"type": type_, **fields}), "test")


async def receive(ws: ClientConnection, timeout: float = 5) -> dict:
    return json.loads(await asyncio.wait_for(ws.recv(), timeout))


async def display(live: LiveServer, view: str = "chamber", role: str = "display",
                  token: str | None = None) -> tuple[ClientConnection, dict]:
    """A display client after its hello: (connection, first snapshot)."""
    ws = await connect(live.urls()["websocket"])
    await ws.send(json.dumps({"type": "hello", "v": 1, "role": role, "view": view,
                              "token": live.tokens.token("display") if token is None else token}))
    welcome = await receive(ws)
    assert welcome["type"] == "welcome", welcome
    snapshot = await receive(ws)
    assert snapshot["type"] == "snapshot" and snapshot["view"] == view
    return ws, snapshot


def checked_in_log(service: SittingService, members: int) -> list[StoredEvent]:
    """The demo's log after `members` check-ins: one event each, seqs in a row."""
    for i in range(1, members + 1):
        service.execute(parse_command({"type": "check_in", "member": f"m{i:02d}"}), "test")
    return service.store.load()
