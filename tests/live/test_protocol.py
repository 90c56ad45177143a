"""The live protocol with the real websockets client: hello, snapshot, patches, resync."""

import asyncio
import json

from websockets.asyncio.client import connect

from models.commands import parse_command
from server.live import LiveServer
from server.live.merge_patch import apply
from server.live.protocol import SERVER_ADAPTER
from server.live.views import chamber_view
from tests.live.conftest import display, receive, run


async def test_display_gets_snapshot_then_patches_with_consecutive_seq(live, service):
    ws, snapshot = await display(live)
    SERVER_ADAPTER.validate_python(snapshot)
    assert snapshot["data"]["sitting"]["council"] == "Rada Miasta Nadwarcie"
    assert snapshot["log_seq"] == service.state.last_seq
    view, seq = snapshot["data"], snapshot["seq"]
    for member in ("m01", "m02", "m03", "m04"):
        await run(service, "check_in", member=member)
        patch = await receive(ws)
        SERVER_ADAPTER.validate_python(patch)
        assert patch["type"] == "patch" and patch["seq"] == seq + 1
        view, seq = apply(view, patch["patch"]), patch["seq"]
    await run(service, "set_current_item", item="i6")
    patch = await receive(ws)
    view = apply(view, patch["patch"])
    assert patch["seq"] == seq + 1 and patch["log_seq"] == service.state.last_seq
    assert view == chamber_view(service.state)
    assert view["attendance"]["present"] == 4
    assert view["item"]["print_number"] == "412"
    await ws.close()


async def test_a_burst_of_answers_is_coalesced(live, service):
    for number in range(1, 16):
        await run(service, "check_in", member=f"m{number:02d}")
    await run(service, "open_vote", subject="Wniosek formalny")
    ws, snapshot = await display(live)
    await asyncio.gather(*(run(service, "record_answer", member=f"m{n:02d}", answer="yes")
                           for n in range(1, 16)))
    view, seq, frames = snapshot["data"], snapshot["seq"], 0
    while view.get("vote", {}).get("tally", {}).get("yes") != 15:
        patch = await receive(ws)
        assert patch["seq"] == seq + 1
        view, seq, frames = apply(view, patch["patch"]), patch["seq"], frames + 1
    assert frames < 15  # fifteen answers, fewer frames
    assert view == chamber_view(service.state)
    await ws.close()


async def test_resync_gives_a_fresh_snapshot(live, service):
    ws, snapshot = await display(live, view="overlay")
    await run(service, "check_in", member="m01")
    await run(service, "set_current_item", item="i4")
    await run(service, "queue_speaker", member="m01")
    await run(service, "start_speech")
    while True:  # a client that lost patches (a gap in seq) asks for a snapshot
        message = await receive(ws)
        if "speaker" in message["patch"]:
            break
    await ws.send(json.dumps({"type": "resync"}))
    fresh = await receive(ws)
    assert fresh["type"] == "snapshot" and fresh["seq"] == message["seq"]
    assert fresh["data"]["speaker"]["name"] == "Adamczyk Barbara"
    await ws.close()


async def test_ping_gets_pong_with_server_clock(live):
    ws, _ = await display(live, view="public")
    await ws.send(json.dumps({"type": "ping", "t": 12.5}))
    pong = await receive(ws)
    assert pong["type"] == "pong" and pong["t"] == 12.5 and pong["now"] > 1_700_000_000_000
    await ws.close()


async def test_each_view_follows_its_own_seq(live, service):
    chamber, _ = await display(live, view="chamber")
    public, public_snapshot = await display(live, view="public")
    assert "agenda" in public_snapshot["data"] and "agenda" not in chamber_view(service.state)
    await run(service, "check_in", member="m05")
    assert (await receive(chamber))["view"] == "chamber"
    assert (await receive(public))["seq"] == public_snapshot["seq"] + 1
    assert live.display_count == 2
    await chamber.close()
    await public.close()


async def test_reconnect_after_server_restart_gets_a_fresh_snapshot(service, tmp_path):
    first = LiveServer(service, port=0, token_dir=tmp_path / "tokens")
    await first.start()
    port, token = first.port, first.tokens.token("display")
    ws, _ = await display(first)
    await first.stop()
    await asyncio.wait_for(ws.wait_closed(), 5)
    assert ws.close_code == 1001
    await run(service, "check_in", member="m09")  # a change while the screens were away
    second = LiveServer(service, port=port, token_dir=tmp_path / "tokens")
    await second.start()
    try:
        assert second.tokens.token("display") == token  # tokens survive a restart
        again, snapshot = await display(second)
        assert snapshot["data"]["attendance"]["present"] == 1
        await again.close()
    finally:
        await second.stop()


async def test_server_clock_is_in_every_frame(live, service):
    async with connect(live.urls()["websocket"]) as ws:
        await ws.send(json.dumps({"type": "hello", "v": 1, "role": "display",
                                  "token": live.tokens.token("display"), "view": "chamber"}))
        welcome, snapshot = await receive(ws), await receive(ws)
        assert welcome["now"] <= snapshot["now"]


async def test_a_console_gets_the_log_then_the_events_of_its_command_then_its_ack(live, service):
    service.execute(parse_command({"type": "check_in", "member": "m02"}), "test")
    async with connect(live.urls()["websocket"]) as ws:
        await ws.send(json.dumps({"type": "hello", "v": 1, "role": "control",
                                  "token": live.tokens.token("control"), "since": 3}))
        assert (await receive(ws))["role"] == "control"
        log = await receive(ws)
        SERVER_ADAPTER.validate_python(log)
        assert [e["seq"] for e in log["events"]] == list(range(4, service.state.last_seq + 1))
        assert log["last_seq"] == service.state.last_seq
        await ws.send(json.dumps({"type": "command", "id": "c1", "actor": "console:ewa",
                                  "command": {"type": "check_in", "member": "m03"}}))
        events, ack = await receive(ws), await receive(ws)
        SERVER_ADAPTER.validate_python(ack)
        assert events["type"] == "events" and ack["type"] == "ack" and ack["id"] == "c1"
        assert ack["seq"] == service.state.last_seq == events["last_seq"]
        assert ack["events"] == events["events"]
        assert ack["events"][0]["actor"] == "remote:control"  # the token's, not the client's
        assert ack["events"][0]["event"]["type"] == "member_checked_in"


async def test_a_console_that_asks_gets_the_servers_screens_as_they_change(live, service):
    async with connect(live.urls()["websocket"]) as ws:
        await ws.send(json.dumps({"type": "hello", "v": 1, "role": "control", "status": True,
                                  "token": live.tokens.token("control"), "since": 0}))
        assert [(await receive(ws))["type"] for _ in range(2)] == ["welcome", "events"]
        status = SERVER_ADAPTER.validate_python(await receive(ws))
        assert (status.type, status.displays, status.pages) == ("status", 0, live.urls())
        screen, _snapshot = await display(live, view="overlay")
        assert (await receive(ws))["displays"] == 1
        await screen.close()
        assert (await receive(ws))["displays"] == 0
