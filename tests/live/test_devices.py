"""Members' devices over a real websocket: a device answers for its own member, the reply
comes after the durable write, and each hostile case is refused with nothing written."""

import asyncio
import json

from websockets.asyncio.client import connect
from websockets.exceptions import ConnectionClosed

from models.terms import AnswerSource
from server.live.merge_patch import apply
from server.live.protocol import SERVER_ADAPTER
from tests.live.conftest import display, receive, run
from tests.live.devices import answer_reply, device, give_codes


async def _present(service, count: int) -> None:
    for number in range(1, count + 1):
        await run(service, "check_in", member=f"m{number:02d}")


async def test_a_device_answers_for_its_member_and_hears_recorded_after_the_write(live, service):
    await _present(service, 3)
    codes = give_codes(service, ["m01", "m02"])
    ws, welcome, snapshot = await device(live, codes["m01"])
    assert welcome["member"] == "m01" and welcome["view"] == "member:m01"
    assert snapshot["data"]["presence"] == "present" and "vote" not in snapshot["data"]
    await run(service, "open_vote", subject="Wniosek", mode="electronic")
    view = snapshot["data"]
    while view.get("vote", {}).get("status") != "open":
        view = apply(view, (await receive(ws))["patch"])
    assert view["vote"]["subject"] == "Wniosek"
    reply = await answer_reply(ws, {"type": "answer", "id": "a1", "answer": "yes"})
    SERVER_ADAPTER.validate_python(reply)
    assert reply["type"] == "recorded" and reply["answer"] == "yes"
    stored = service.store.load()[-1]  # durable before the reply
    assert stored.seq == reply["seq"] and stored.event.source is AnswerSource.DEVICE
    assert stored.actor == "device:m01"
    while view["vote"].get("answer") != "yes":
        view = apply(view, (await receive(ws))["patch"])
    assert view["vote"]["source"] == "device" and view["vote"]["answered_at"] == reply["at"]
    await ws.close()


async def _refused_with_nothing_written(service, ws, message: dict, code: str,
                                        rejection: str | None = None) -> None:
    before = service.state.last_seq
    reply = await answer_reply(ws, message)
    assert reply["type"] == "error" and reply["code"] == code, reply
    assert reply.get("rejection") == rejection
    assert service.state.last_seq == before


async def test_hostile_device_messages_are_refused_and_nothing_is_written(live, service):
    await _present(service, 3)
    codes = give_codes(service, ["m01", "m02", "m03", "m04"])
    ws, _welcome, _snapshot = await device(live, codes["m01"])
    await _refused_with_nothing_written(service, ws, {"type": "answer", "id": "x",
                                                      "answer": "yes"},
                                        "rejected", "no_open_vote")
    await run(service, "open_vote", subject="Tajne", mode="secret")
    await _refused_with_nothing_written(service, ws, {"type": "answer", "id": "s",
                                                      "answer": "yes"},
                                        "rejected", "secret_vote")
    await run(service, "cancel_vote", reason="pomyłka")
    await run(service, "open_vote", subject="Wniosek", mode="electronic", recused=["m03"])
    await _refused_with_nothing_written(  # a forged member id
        service, ws, {"type": "answer", "id": "f", "answer": "no", "member": "m02"},
        "forged_member")
    recused, _w, _s = await device(live, codes["m03"])
    await _refused_with_nothing_written(service, recused, {"type": "answer", "id": "r",
                                                           "answer": "no"},
                                        "rejected", "recused")
    absent, _w, _s = await device(live, codes["m04"])
    await _refused_with_nothing_written(service, absent, {"type": "answer", "id": "n",
                                                          "answer": "no"},
                                        "rejected", "not_present")
    await _refused_with_nothing_written(  # a device may not send a console's command
        service, ws, {"type": "command", "id": "c",
                      "command": {"type": "record_answer", "member": "m02", "answer": "no"}},
        "forbidden")
    await run(service, "close_vote")
    late, _w, _s = await device(live, codes["m02"])
    await _refused_with_nothing_written(service, late, {"type": "answer", "id": "l",
                                                        "answer": "yes"},
                                        "rejected", "no_open_vote")  # after the close


async def test_a_wrong_or_revoked_code_is_shut_out(live, service):
    codes = give_codes(service, ["m01"])
    for code in ("", "NOTACODE00", codes["m01"] + "X"):
        ws = await connect(live.urls()["websocket"])
        await ws.send(json.dumps({"type": "hello", "v": 1, "role": "member", "token": code}))
        reply = await receive(ws)
        assert reply["code"] == "code_invalid"
        await asyncio.wait_for(ws.wait_closed(), 5)
        assert ws.close_code == 4001
    ws, _w, _s = await device(live, codes["m01"])
    await run(service, "revoke_device_code", member="m01")
    await asyncio.wait_for(ws.wait_closed(), 5)
    assert ws.close_code == 4010
    refused = await connect(live.urls()["websocket"])
    await refused.send(json.dumps({"type": "hello", "v": 1, "role": "member",
                                   "token": codes["m01"]}))
    assert (await receive(refused))["code"] == "code_invalid"


async def test_a_console_cannot_pose_as_a_device_nor_a_display_answer(live, service):
    await _present(service, 1)
    give_codes(service, ["m01"])
    await run(service, "open_vote", subject="Wniosek", mode="electronic")
    code_hash = service.state.member_codes["m01"]
    console = await connect(live.urls()["websocket"])
    await console.send(json.dumps({"type": "hello", "v": 1, "role": "control",
                                   "token": live.tokens.token("control")}))
    assert (await receive(console))["type"] == "welcome"
    assert (await receive(console))["type"] == "events"
    await _refused_with_nothing_written(service, console, {
        "type": "command", "id": "d", "command": {
            "type": "device_answer", "member": "m01", "answer": "yes",
            "code_hash": code_hash, "at": "2026-11-23T10:00:00Z"}}, "server_only")
    screen, _snapshot = await display(live)
    await _refused_with_nothing_written(service, screen, {"type": "answer", "id": "a",
                                                         "answer": "yes"}, "forbidden")


async def test_a_flood_from_one_device_is_cut_off_with_nothing_written(live, service):
    await _present(service, 1)
    codes = give_codes(service, ["m01"])
    ws, _w, _s = await device(live, codes["m01"])
    before = service.state.last_seq
    for number in range(60):
        await ws.send(json.dumps({"type": "ping", "t": number}))
    codes_seen = []
    try:
        while True:
            message = await receive(ws)
            codes_seen.append(message.get("code"))
    except ConnectionClosed:
        pass
    assert "flood" in codes_seen and ws.close_code == 4008
    assert service.state.last_seq == before


async def test_the_voting_time_runs_out_by_the_servers_clock(live, service):
    await _present(service, 2)
    await run(service, "set_voting_settings", settings={"voting_time_s": 1})
    codes = give_codes(service, ["m01", "m02"])
    first, _w, _s = await device(live, codes["m01"])
    second, _w, _s = await device(live, codes["m02"])
    await run(service, "open_vote", subject="Wniosek", mode="electronic")
    assert (await answer_reply(first, {"type": "answer", "id": "1", "answer": "no"}))[
        "type"] == "recorded"
    await asyncio.sleep(1.2)
    await _refused_with_nothing_written(service, second, {"type": "answer", "id": "2",
                                                          "answer": "yes"},
                                        "rejected", "voting_time_over")
    await run(service, "record_answer", member="m02", answer="yes")  # the secretary still may
