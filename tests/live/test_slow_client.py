"""A client that stops reading never delays the others; it is resynced or dropped."""

import asyncio
import json
import socket

import pytest
from websockets.asyncio.client import connect
from websockets.exceptions import ConnectionClosed

from server.live import LiveServer
from server.live import protocol as p
from server.live.merge_patch import apply
from server.live.remote import RemoteService
from tests.live.conftest import big_council_service, display, receive, run

MEMBERS = 300


@pytest.fixture
def crowded(tmp_path):
    service = big_council_service(tmp_path / "big.db", MEMBERS)
    yield service
    service.close()


async def _stalled(live: LiveServer, role: str = "display"):
    """A client that reads its first two messages (welcome, then a snapshot or the log) and
    then stops reading (a tiny receive window)."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 2048)
    sock.connect(("127.0.0.1", live.port))
    ws = await connect(live.urls()["websocket"], sock=sock, max_queue=1, max_size=None)
    await ws.send(json.dumps({"type": "hello", "v": 1, "role": role, "view": "chamber",
                              "token": live.tokens.token(role)}))
    await receive(ws)
    await receive(ws)
    ws.transport.pause_reading()
    return ws


async def _until_behind(live: LiveServer, service, fast, view: dict, seq: int):
    """Switches the current item back and forth, so the whole named grid of a vote leaves
    and comes back each time, until the server puts the stalled client aside; meanwhile
    the fast client gets every patch, in order, before the next command is sent."""
    await run(service, "open_vote", subject="Głosowanie " + "x" * 900)
    await run(service, "cancel_vote", reason="test")
    feed = live.feeds["chamber"]
    for round_ in range(400):
        if feed.behind:
            return view, seq
        item = ("i2", "i1")[round_ % 2]
        await run(service, "set_current_item", item=item)
        while view.get("item", {}).get("id") != item or ("vote" in view) != (item == "i1"):
            patch = await receive(fast)
            assert patch["seq"] == seq + 1
            view, seq = apply(view, patch["patch"]), patch["seq"]
    raise AssertionError("the stalled client was never put aside")


async def test_a_stalled_client_is_put_aside_and_resynced_when_it_reads_again(crowded, tmp_path):
    live = LiveServer(crowded, port=0, token_dir=tmp_path / "t", buffer_limit=16 * 1024)
    await live.start()
    try:
        stalled = await _stalled(live)
        fast, snapshot = await display(live)
        view, seq = await _until_behind(live, crowded, fast, snapshot["data"], snapshot["seq"])
        await run(crowded, "check_out", member="m0002")
        patch = await receive(fast)
        assert patch["seq"] == seq + 1  # the others go on as before
        stalled.transport.resume_reading()
        last = None
        while last is None or last["type"] != "snapshot":
            last = await receive(stalled)
        assert last["data"]["attendance"]["present"] == MEMBERS - 1
        assert last["seq"] >= patch["seq"]
        assert not live.feeds["chamber"].behind
        await stalled.close()
        await fast.close()
    finally:
        await live.stop()


async def test_a_client_that_never_reads_again_is_closed(crowded, tmp_path):
    live = LiveServer(crowded, port=0, token_dir=tmp_path / "t", buffer_limit=16 * 1024,
                      stall_timeout_s=0.5)
    await live.start()
    try:
        stalled = await _stalled(live)
        fast, snapshot = await display(live)
        await _until_behind(live, crowded, fast, snapshot["data"], snapshot["seq"])
        for _ in range(100):
            if not live.feeds["chamber"].behind and live.display_count == 1:
                break
            await asyncio.sleep(0.1)
        assert live.display_count == 1  # only the fast one is left
        stalled.transport.resume_reading()
        with pytest.raises(ConnectionClosed):
            while True:
                await asyncio.wait_for(stalled.recv(), 10)
        assert stalled.close_code in (p.CLOSE_TOO_SLOW, 1006)
        await fast.close()
    finally:
        await live.stop()


async def test_a_console_that_stops_reading_is_closed_and_catches_up_when_it_returns(
        crowded, tmp_path):
    live = LiveServer(crowded, port=0, token_dir=tmp_path / "t", buffer_limit=16 * 1024)
    await live.start()
    try:
        stalled = await _stalled(live, role="control")
        other = RemoteService(live.urls()["websocket"], live.tokens.token("control"), "b")
        await other.connect()
        assert len(live.controls) == 2
        for _ in range(1500):  # votes of 300 named answers: a few KiB of events each
            if len(live.controls) == 1:
                break
            await run(crowded, "open_vote", subject="Głosowanie " + "x" * 900)
            await run(crowded, "close_vote")
        assert len(live.controls) == 1, "the stalled console was never dropped"
        await run(crowded, "check_out", member="m0002")
        while other.state.last_seq != crowded.state.last_seq:  # the other goes on
            await asyncio.sleep(0.01)
        assert other.state.last_hash == crowded.state.last_hash
        stalled.transport.resume_reading()
        with pytest.raises(ConnectionClosed):
            while True:
                await asyncio.wait_for(stalled.recv(), 10)
        assert stalled.close_code in (p.CLOSE_TOO_SLOW, 1006)
        again = RemoteService(live.urls()["websocket"], live.tokens.token("control"), "a")
        await again.connect()  # a reconnect folds the whole log (or from its since)
        assert again.state.last_hash == crowded.state.last_hash
        await again.close()
        await other.close()
    finally:
        await live.stop()
