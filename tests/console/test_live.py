"""The console with its own live server (--serve) and on a remote server (--connect)."""

import asyncio
import json

from websockets.asyncio.client import connect

from models.commands import CheckIn
from server.live import LiveServer
from server.live.remote import RemoteService
from session_console.app import ConsoleApp
from session_console.backend import Backend
from session_console.widgets.header import DISPLAYS, QUORUM
from tests.console.conftest import SIZE, frozen
from tests.console.test_flows import on_roster, settle, type_text, until


async def test_the_header_counts_connected_displays_and_shows_their_pages(service, tmp_path):
    live = LiveServer(service, port=0, token_dir=tmp_path / "tokens")
    backend = Backend(service, "test:sekretarz", displays=live, start=live.start, stop=live.stop)
    app = ConsoleApp(backend, now=frozen)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert "ekrany: 0" in app.header.line(DISPLAYS)
        assert "/chamber?token=" in app.header.line(DISPLAYS)
        async with connect(live.urls()["websocket"]) as screen:
            await screen.send(json.dumps({"type": "hello", "v": 1, "role": "display",
                                          "token": live.tokens.token("display"),
                                          "view": "chamber"}))
            await asyncio.wait_for(screen.recv(), 5)
            await until(pilot, lambda: "ekrany: 1" in app.header.line(DISPLAYS), "one display counted")
            await type_text(pilot, "zajac")  # Zając Marek checks in; the screen hears it
            await pilot.press("enter")
            await settle(pilot)
            frames = []
            while not any('"present"' in f for f in frames):
                frames.append(await asyncio.wait_for(screen.recv(), 5))
        assert service.state.sitting.is_present("m21")


async def test_a_busy_port_ends_the_console_with_the_reason(service, tmp_path):
    first = LiveServer(service, port=0, token_dir=tmp_path / "tokens")
    await first.start()
    try:
        second = LiveServer(service, port=first.port, token_dir=tmp_path / "tokens")
        app = ConsoleApp(Backend(service, "t", displays=second, start=second.start,
                                 stop=second.stop), now=frozen)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
        assert app.return_code == 1 and "address already in use" in (app.start_error or "")
    finally:
        await first.stop()


async def test_a_remote_console_drives_the_server_through_the_same_commands(service, tmp_path):
    live = LiveServer(service, port=0, token_dir=tmp_path / "tokens")
    await live.start()
    try:
        remote = RemoteService(live.urls()["websocket"], live.tokens.token("control"), "zdalny")
        app = ConsoleApp(Backend(remote, "zdalny", start=remote.connect, stop=remote.close),
                         now=frozen)
        async with app.run_test(size=SIZE) as pilot:
            await until(pilot, lambda: app.chamber.sitting is not None, "the remote sitting")
            await until(pilot, lambda: getattr(app.focused, "id", None) == "find", "the search")
            await on_roster(pilot, "22")
            await pilot.press("plus")
            await until(pilot, lambda: service.state.sitting.is_present("m22"), "check-in")
            await service.submit(CheckIn(member="m20"), "local")
            await until(pilot, lambda: "obecni 14/23" in app.header.line(QUORUM),
                        "the header follows the server")
    finally:
        await live.stop()
