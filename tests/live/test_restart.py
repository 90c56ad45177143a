"""A real `sesja serve` killed (SIGKILL) and started again: clients reconnect and catch up."""

import asyncio
import json
import signal

import pytest
from websockets.asyncio.client import connect
from websockets.exceptions import ConnectionClosed

from models.commands import parse_command
from server.live.merge_patch import apply
from server.live.remote import RemoteService
from tests.cli import sesja
from tests.live.conftest import receive
from tests.live.serve_process import demo_db, serving


async def _display(url: str, token: str):
    ws = await connect(url)
    await ws.send(json.dumps({"type": "hello", "v": 1, "role": "display", "view": "chamber",
                              "token": token}))
    assert (await receive(ws))["type"] == "welcome"
    snapshot = await receive(ws)
    assert snapshot["type"] == "snapshot"
    return ws, snapshot


async def test_clients_reconnect_after_the_server_process_is_killed_and_restarted(tmp_path):
    db = demo_db(tmp_path / "rada.db")
    tokens = tmp_path / "rada.db.tokens"
    with serving("--db", str(db), "--port", "0") as first:
        url, port = first.url("websocket"), first.port
        display_token = (tokens / "display.token").read_text().strip()
        control_token = (tokens / "control.token").read_text().strip()
        screen, snapshot = await _display(url, display_token)
        remote = RemoteService(url, control_token, "console:test")
        await remote.connect()
        await remote.submit(parse_command({"type": "check_in", "member": "m01"}), "console:test")
        view = snapshot["data"]
        while view["attendance"]["present"] != 1:
            view = apply(view, (await receive(screen))["patch"])
        first.process.send_signal(signal.SIGKILL)
        first.process.wait(timeout=10)
        with pytest.raises(ConnectionClosed):
            while True:
                await asyncio.wait_for(screen.recv(), 10)
        assert screen.close_code == 1006  # gone without a closing handshake
    script = tmp_path / "late.jsonl"
    script.write_text('{"type": "check_in", "member": "m02"}\n', encoding="utf-8")
    applied = sesja("apply", "--db", str(db), str(script))  # written while no server ran
    assert applied.returncode == 0, applied.stderr
    with serving("--db", str(db), "--port", str(port)) as second:
        assert second.url("websocket") == url
        assert (tokens / "display.token").read_text().strip() == display_token
        again, fresh = await _display(url, display_token)
        assert fresh["data"]["attendance"]["present"] == 2
        seen = []
        remote.subscribe(lambda events, state: seen.extend(e.seq for e in events))
        await remote.connect()  # folds only what it missed, checking the chain
        assert remote.state.sitting.is_present("m02") and len(seen) == 1
        await remote.submit(parse_command({"type": "check_in", "member": "m03"}), "console:test")
        patch = await receive(again)
        assert patch["seq"] == fresh["seq"] + 1
        assert apply(fresh["data"], patch["patch"])["attendance"]["present"] == 3
        await remote.close()
        await again.close()
