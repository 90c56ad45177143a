"""Every bad input gets an error (and a close code where fitting); nothing is written."""

import asyncio
import json

import pytest
from websockets.asyncio.client import connect
from websockets.exceptions import ConnectionClosed

from server.live import LiveServer
from server.live import protocol as p
from tests.live.conftest import display, receive


async def _closed_with(ws, code: int) -> None:
    with pytest.raises(ConnectionClosed):
        while True:
            await asyncio.wait_for(ws.recv(), 5)
    assert ws.close_code == code


async def _hello(live: LiveServer, role: str = "control", **extra):
    ws = await connect(live.urls()["websocket"])
    await ws.send(json.dumps({"type": "hello", "v": 1, "role": role,
                              "token": live.tokens.token(role), **extra}))
    assert (await receive(ws))["type"] == "welcome"
    return ws


@pytest.mark.parametrize(("first", "code", "close"), [
    ("{not json", "bad_json", p.CLOSE_PROTOCOL),
    ('["hello"]', "bad_message", p.CLOSE_PROTOCOL),
    ('{"type": "ping"}', "hello_required", p.CLOSE_PROTOCOL),
    ('{"type": "subscribe"}', "unknown_type", p.CLOSE_PROTOCOL),
    ('{"type": "hello", "v": 2, "role": "display"}', "version", p.CLOSE_PROTOCOL),
    ('{"type": "hello", "v": 1, "role": "display", "token": "guess"}', "unauthorized",
     p.CLOSE_UNAUTHORIZED),
    ('{"type": "hello", "v": 1, "role": "display"}', "unauthorized", p.CLOSE_UNAUTHORIZED),
    ('{"type": "hello", "v": 1, "role": "public"}', "unauthorized", p.CLOSE_UNAUTHORIZED),
    ('{"type": "hello", "v": 1, "role": "king", "token": "x"}', "bad_message",
     p.CLOSE_PROTOCOL),
    ('{"type": [1]}', "bad_message", p.CLOSE_PROTOCOL),  # unhashable: was a 1011 and a traceback
    ('{"type": {}}', "bad_message", p.CLOSE_PROTOCOL),
    ('{"v": 1}', "bad_message", p.CLOSE_PROTOCOL),
    ("[" * 2000 + "]" * 2000, "bad_json", p.CLOSE_PROTOCOL),  # was a RecursionError
    ('{"type": "\\ud800"}', "bad_json", p.CLOSE_PROTOCOL),  # was no close frame at all
    ('{"type": "hello", "v": 1, "role": "display", "token": "\\udfff"}', "bad_json",
     p.CLOSE_PROTOCOL),
    ('{"type": "hello", "v": NaN, "role": "display"}', "bad_json", p.CLOSE_PROTOCOL),
])
async def test_a_bad_first_message_is_refused_and_closed(live, first, code, close):
    async with connect(live.urls()["websocket"]) as ws:
        await ws.send(first)
        error = await receive(ws)
        p.SERVER_ADAPTER.validate_python(error)
        assert error["type"] == "error" and error["code"] == code
        assert error["message"] and error["message_en"]
        await _closed_with(ws, close)


async def test_a_display_token_does_not_open_the_control_role(live, service):
    async with connect(live.urls()["websocket"]) as ws:
        await ws.send(json.dumps({"type": "hello", "v": 1, "role": "control",
                                  "token": live.tokens.token("display")}))
        assert (await receive(ws))["code"] == "unauthorized"
        await _closed_with(ws, p.CLOSE_UNAUTHORIZED)


async def test_no_hello_in_time_closes(live, monkeypatch):
    monkeypatch.setattr(p, "HELLO_TIMEOUT_S", 0.2)
    async with connect(live.urls()["websocket"]) as ws:
        assert (await receive(ws))["code"] == "hello_timeout"
        await _closed_with(ws, p.CLOSE_PROTOCOL)


async def test_bad_messages_after_hello_get_errors_and_the_connection_stays(live):
    ws, _ = await display(live)
    for raw, code in [("{oops", "bad_json"), ('{"type": "dance"}', "unknown_type"),
                      ('{"type": "ping", "t": "soon"}', "bad_message"),
                      ('{"type": "hello", "v": 1, "role": "display"}', "hello_again"),
                      (b"\x00\x01", "binary")]:
        await ws.send(raw)
        assert (await receive(ws))["code"] == code
    await ws.send(json.dumps({"type": "ping"}))
    assert (await receive(ws))["type"] == "pong"
    await ws.close()


def _strict(frame: str) -> dict:
    """The frame as RFC 8259 JSON: NaN and Infinity are not."""
    def refuse(name: str):
        raise AssertionError(f"{name} in a frame: {frame}")
    return json.loads(frame, parse_constant=refuse)


@pytest.mark.parametrize("t", ["NaN", "Infinity", "-Infinity", "1e999", "-1e400"])
async def test_a_ping_with_a_number_json_has_not_is_refused_in_valid_json(live, t):
    ws, _ = await display(live)
    await ws.send(f'{{"type": "ping", "t": {t}}}')
    error = _strict(await asyncio.wait_for(ws.recv(), 5))
    assert error["code"] == "bad_json" and t in error["message_en"]
    await ws.send('{"type": "ping", "t": 1e300}')  # a finite number is echoed
    assert _strict(await asyncio.wait_for(ws.recv(), 5))["t"] == 1e300
    await ws.close()


async def test_bad_input_after_hello_from_a_console_is_answered_and_it_stays(live, service):
    ws = await _hello(live)
    assert (await receive(ws))["type"] == "events"
    for raw, code in [('{"type": [1]}', "bad_message"), ("[" * 5000 + "]" * 5000, "bad_json"),
                      ('{"type": "command", "id": "\\ud800", "command": {}}', "bad_json"),
                      ('{"type": "\\ud800"}', "bad_json")]:
        await ws.send(raw)
        assert _strict(await asyncio.wait_for(ws.recv(), 5))["code"] == code
    await ws.send(json.dumps({"type": "command", "id": "ok", "command": {
        "type": "check_in", "member": "m01"}}))
    assert (await receive(ws))["type"] == "events"
    assert (await receive(ws))["type"] == "ack"
    await ws.close()


async def test_a_display_sending_a_command_is_closed_and_nothing_is_written(live, service):
    before = service.state.last_seq
    ws, _ = await display(live)
    await ws.send(json.dumps({"type": "command", "id": "x", "command": {
        "type": "check_in", "member": "m01"}}))
    assert (await receive(ws))["code"] == "forbidden"
    await _closed_with(ws, p.CLOSE_FORBIDDEN)
    assert service.state.last_seq == before == service.store.load()[-1].seq


async def test_a_frame_over_the_limit_closes_with_1009(live):
    ws, _ = await display(live)
    await ws.send(json.dumps({"type": "ping", "t": 1, "pad": "x" * p.MAX_FRAME_BYTES}))
    await _closed_with(ws, 1009)


@pytest.mark.parametrize(("role", "burst"), [("display", 200), ("control", 2000)])
async def test_a_flood_is_refused_and_closed(live, role, burst):
    ws = await _hello(live, role, view="chamber")
    for _ in range(burst):
        await ws.send('{"type": "ping"}')
    codes = []
    with pytest.raises(ConnectionClosed):
        while True:
            codes.append(json.loads(await asyncio.wait_for(ws.recv(), 5)).get("code"))
    assert "flood" in codes and ws.close_code == p.CLOSE_FLOOD


async def test_control_gets_clear_errors_and_nothing_is_written(live, service):
    before = service.state.last_seq
    ws = await _hello(live)
    assert (await receive(ws))["type"] == "events"
    await ws.send(json.dumps({"type": "command", "id": "a", "command": {"type": "fly"}}))
    invalid = await receive(ws)
    assert invalid["code"] == "invalid_command" and invalid["id"] == "a"
    await ws.send(json.dumps({"type": "command", "id": "b", "command": {
        "type": "record_answer", "member": "m01", "answer": "yes"}}))
    rejected = await receive(ws)
    assert rejected["code"] == "rejected" and rejected["rejection"] == "no_open_vote"
    assert rejected["message"] == "Żadne głosowanie nie jest otwarte."
    await ws.send(json.dumps({"type": "command", "id": "c"}))
    assert (await receive(ws))["code"] == "bad_message"
    await ws.send(json.dumps({"type": "command", "id": "d", "actor": "x" * 81,
                              "command": {"type": "stop_speech"}}))
    too_long = await receive(ws)
    assert too_long["code"] == "bad_message" and too_long["id"] == "d"
    assert service.state.last_seq == before == service.store.load()[-1].seq
    await ws.close()


async def test_public_role_only_when_switched_on_and_only_the_public_view(service, tmp_path):
    live = LiveServer(service, port=0, token_dir=tmp_path / "tokens", public=True)
    await live.start()
    try:
        ws, snapshot = await display(live, view="public", role="public", token="")
        assert "agenda" in snapshot["data"]
        await ws.close()
        async with connect(live.urls()["websocket"]) as ws:
            await ws.send(json.dumps({"type": "hello", "v": 1, "role": "public",
                                      "view": "chamber"}))
            assert (await receive(ws))["code"] == "forbidden"
            await _closed_with(ws, p.CLOSE_UNAUTHORIZED)
    finally:
        await live.stop()


async def test_the_server_keeps_serving_after_all_that(live):
    for raw in ("{", '{"type": "hello", "v": 1, "role": "display", "token": "no"}'):
        async with connect(live.urls()["websocket"]) as ws:
            await ws.send(raw)
            await receive(ws)
    ws, snapshot = await display(live)
    assert snapshot["data"]["sitting"]["number"] == "XL"
    await ws.close()


async def test_a_command_over_the_size_limit_closes_with_1009_and_writes_nothing(live, service):
    before = service.state.last_seq
    ws = await _hello(live)
    assert (await receive(ws))["type"] == "events"
    await ws.send(json.dumps({"type": "command", "id": "big", "command": {
        "type": "open_vote", "subject": "x" * p.MAX_FRAME_BYTES}}))
    await _closed_with(ws, 1009)
    assert f"exceeds limit of {p.MAX_FRAME_BYTES} bytes" in ws.close_reason  # says why
    assert service.state.last_seq == before == service.store.load()[-1].seq


async def test_a_flood_of_commands_writes_only_what_was_acknowledged(live, service):
    before = service.state.last_seq
    ws = await _hello(live)
    assert (await receive(ws))["type"] == "events"
    for number in range(3000):
        await ws.send(json.dumps({"type": "command", "id": f"c{number}", "command": {
            "type": ("check_in", "check_out")[number % 2], "member": "m01"}}))
    acked, codes = 0, []
    with pytest.raises(ConnectionClosed):
        while True:
            message = json.loads(await asyncio.wait_for(ws.recv(), 10))
            if message["type"] == "ack":
                acked += len(message["events"])
            codes.append(message.get("code"))
    assert "flood" in codes and ws.close_code == p.CLOSE_FLOOD
    assert 0 < acked < 3000
    assert service.store.load()[-1].seq == service.state.last_seq == before + acked
