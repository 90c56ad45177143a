"""The console with its own live server (--serve) and on a remote server (--connect)."""

import asyncio
import json
import re

import pytest
from websockets.asyncio.client import connect

from models.commands import CheckIn
from server.live import LiveServer, secretaries
from server.live.remote import RemoteService
from session_console.app import ConsoleApp
from session_console.backend import Unavailable
from session_console.cli.common import actor
from session_console.local_backend import LocalBackend
from session_console.panes.log import EventRows
from session_console.remote_backend import RemoteBackend
from session_console.widgets.header import DISPLAYS, QUORUM
from tests.console.conftest import SIZE, frozen
from tests.console.test_flows import on_roster, settle, type_text, until
from tests.console.test_header import styles
from tests.live.proxy import Proxy


async def test_the_header_counts_connected_displays_and_shows_their_pages(service, tmp_path):
    live = LiveServer(service, port=0, token_dir=tmp_path / "tokens")
    backend = LocalBackend(service, "test:sekretarz", displays=live, start=live.start,
                           stop=live.stop)
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
        app = ConsoleApp(LocalBackend(service, "t", displays=second, start=second.start,
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
        app = ConsoleApp(RemoteBackend(remote, "zdalny"), now=frozen)
        async with app.run_test(size=SIZE) as pilot:
            await until(pilot, lambda: app.chamber.sitting is not None, "the remote sitting")
            await until(pilot, lambda: getattr(app.focused, "id", None) == "roster", "the roster")
            await on_roster(pilot, "22")
            await pilot.press("plus")
            await until(pilot, lambda: service.state.sitting.is_present("m22"), "check-in")
            await service.submit(CheckIn(member="m20"), "local")
            await until(pilot, lambda: "obecni 14/23" in app.header.line(QUORUM),
                        "the header follows the server")
    finally:
        await live.stop()


async def test_a_remote_console_declares_it_has_no_log_and_does_not_export(service, tmp_path):
    live = LiveServer(service, port=0, token_dir=tmp_path / "tokens")
    await live.start()
    try:
        remote = RemoteService(live.urls()["websocket"], live.tokens.token("control"), "zdalny")
        app = ConsoleApp(RemoteBackend(remote, "zdalny"), now=frozen, export_dir=tmp_path / "e")
        async with app.run_test(size=SIZE) as pilot:
            await until(pilot, lambda: app.chamber.sitting is not None, "the remote sitting")
            await pilot.press("f7")
            await pilot.pause()
            assert len(app.screen_stack) == 1 and not (tmp_path / "e").exists()
            assert any("zdalnym serwerem" in str(n.message) for n in app._notifications)
            with pytest.raises(Unavailable):
                app.backend.load_history()
            await pilot.press("f6")  # the Log tab shows what came since it connected
            await service.submit(CheckIn(member="m20"), "local")
            await until(pilot, lambda: any(e.seq == service.state.last_seq
                                           for e in app.log_pane.events), "the new event logged")
    finally:
        await live.stop()


async def test_a_remote_console_shows_the_line_refuses_keys_while_down_and_lands_them_after(
        service, tmp_path):
    """The line is cut for real (a TCP proxy between the console and the LiveServer): the
    header says so at once, a key is refused with nothing recorded, and once the line is
    back the console has reconnected by itself and the next key lands."""
    live = LiveServer(service, port=0, token_dir=tmp_path / "tokens")
    await live.start()
    proxy = Proxy(live.port)
    await proxy.start()
    try:
        remote = RemoteService(proxy.url, live.tokens.token("control"), "zdalny",
                               delay=lambda attempt: 0.2)
        app = ConsoleApp(RemoteBackend(remote, "zdalny"), now=frozen)
        async with app.run_test(size=SIZE) as pilot:
            await until(pilot, lambda: app.chamber.sitting is not None, "the remote sitting")
            assert app.header.line(DISPLAYS).startswith("serwer: połączono · ekrany: 0")
            await until(pilot, lambda: getattr(app.focused, "id", None) == "roster", "the roster")
            await on_roster(pilot, "22")
            await proxy.cut()
            await until(pilot, lambda: re.search(r"serwer: łączenie ponownie… od "
                                                 r"\d\d:\d\d:\d\d, próba \d",
                                                 app.header.line(DISPLAYS)), "the line is down")
            assert app.header.line(DISPLAYS).count("ekrany") == 0  # no stale count
            assert all(style.bold for style in styles(app.header, DISPLAYS))  # the alarm
            await pilot.press("plus")
            await until(pilot, lambda: any("nic nie zapisano" in str(n.message)
                                           for n in app._notifications), "the refusal")
            await settle(pilot)
            assert not service.state.sitting.is_present("m22")
            assert not app.chamber.sitting.is_present("m22")  # nothing looks recorded
            await service.submit(CheckIn(member="m20"), "local")  # meanwhile, on the server
            await proxy.restore()
            await until(pilot, lambda: "serwer: połączono" in app.header.line(DISPLAYS),
                        "connected again")
            assert not any(style.bold for style in styles(app.header, DISPLAYS))
            await until(pilot, lambda: app.chamber.sitting.is_present("m20"), "what it missed")
            await pilot.press("plus")
            await until(pilot, lambda: service.state.sitting.is_present("m22"), "the key lands")
    finally:
        await proxy.close()
        await live.stop()


async def test_a_remote_consoles_header_shows_the_servers_screens(service, tmp_path):
    live = LiveServer(service, port=0, token_dir=tmp_path / "tokens")
    await live.start()
    try:
        remote = RemoteService(live.urls()["websocket"], live.tokens.token("control"), "zdalny")
        app = ConsoleApp(RemoteBackend(remote, "zdalny"), now=frozen)
        async with app.run_test(size=SIZE) as pilot:
            await until(pilot, lambda: "ekrany: 0" in app.header.line(DISPLAYS), "the status")
            assert "wyłączony" not in app.header.line(DISPLAYS)
            assert live.urls()["chamber"] in app.header.line(DISPLAYS)
            async with connect(live.urls()["websocket"]) as screen:
                await screen.send(json.dumps({"type": "hello", "v": 1, "role": "display",
                                              "token": live.tokens.token("display"),
                                              "view": "overlay"}))
                await asyncio.wait_for(screen.recv(), 5)
                await until(pilot, lambda: "ekrany: 1" in app.header.line(DISPLAYS),
                            "the screen counted")
            await until(pilot, lambda: "ekrany: 0" in app.header.line(DISPLAYS),
                        "the screen gone")
    finally:
        await live.stop()


async def test_two_consoles_sign_their_events_with_their_secretaries_and_the_log_tab_shows_them(
        service, tmp_path):
    """A console on the log, run by Anna Nowak, and a remote one connected with Jan Kos's
    personal token (which claims to be someone else): each event says who did it."""
    live = LiveServer(service, port=0, token_dir=tmp_path / "tokens")
    jan = secretaries.add(tmp_path / "tokens", "Jan Kos")
    local = ConsoleApp(LocalBackend(service, actor("console", "Anna Nowak"), displays=live,
                                    start=live.start, stop=live.stop), now=frozen)
    async with local.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: getattr(local.focused, "id", None) == "roster", "the roster")
        await on_roster(pilot, "22")
        await pilot.press("plus")
        await until(pilot, lambda: service.state.sitting.is_present("m22"), "Anna's check-in")
        # the remote console drives the server that Anna's console serves (--serve)
        remote = RemoteService(live.urls()["websocket"], jan, "console:Anna Nowak")
        app = ConsoleApp(RemoteBackend(remote, remote.actor), now=frozen)
        async with app.run_test(size=SIZE) as remote_pilot:
            await until(remote_pilot, lambda: getattr(app.focused, "id", None) == "roster",
                        "the remote roster")
            await on_roster(remote_pilot, "20")
            await remote_pilot.press("plus")
            await until(remote_pilot, lambda: service.state.sitting.is_present("m20"),
                        "Jan's check-in")
            await remote_pilot.press("f6")
            await until(remote_pilot, lambda: app.log_pane.events, "the Log tab")
            (row,) = [e for e in app.log_pane.events if e.seq == service.state.last_seq]
            drawn = "".join(s.text for s in app.log_pane.query_one(EventRows).cells(row, 120))
            assert "remote:Jan Kos" in drawn
        await pilot.press("f6")
        await until(pilot, lambda: local.log_pane.loaded, "the local Log tab")
        rows = local.log_pane.query_one(EventRows)
        assert [r.actor for r in rows.rows[-2:]] == ["console:Anna Nowak", "remote:Jan Kos"]
        drawn = "".join(s.text for s in rows.cells(rows.rows[-2], 120))
        assert "console:Anna Nowak" in drawn
