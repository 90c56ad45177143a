"""A member device's conversation without a socket: the member and the code come from the
hello, the time from the server, never from the client (server.live.session)."""

import json
from datetime import UTC, datetime

from models.commands import DeviceAnswer, DeviceCheckIn
from models.events import AnswerRecorded, StoredEvent
from models.terms import Answer
from server.live import protocol as p
from server.live.session import Close, Follow, Send, Session, Submit

HASH = "ab" * 32
CODES = {"GOODCODE22": ("m04", HASH)}


def _member_session() -> Session:
    session = Session(lambda role, token: role == "control" and token == "c" * 40,
                      member_of=CODES.get)
    actions = session.hello(json.dumps({"type": "hello", "v": 1, "role": "member",
                                        "token": "GOODCODE22"}), now=0.0, wall_ms=1000)
    assert actions == [Send({"type": "welcome", "v": 1, "role": "member", "view": "member:m04",
                             "member": "m04", "now": 1000}), Follow("member:m04")]
    return session


def test_an_answer_becomes_the_servers_command_for_the_hellos_member():
    session = _member_session()
    (submit,) = session.receive(json.dumps({"type": "answer", "id": "a1", "answer": "no",
                                            "member": "m04"}), now=1.0, wall_ms=5000)
    assert submit == Submit("a1", "device:m04", DeviceAnswer(
        member="m04", code_hash=HASH, answer=Answer.NO, at=datetime.fromtimestamp(5, UTC)))
    (check_in,) = session.receive(json.dumps({"type": "check_in", "id": "a2"}), now=1.0,
                                  wall_ms=6000)
    assert check_in == Submit("a2", "device:m04", DeviceCheckIn(
        member="m04", code_hash=HASH, at=datetime.fromtimestamp(6, UTC)))


def test_the_reply_to_a_device_is_recorded_with_the_events_time():
    session = _member_session()
    (submit,) = session.receive(json.dumps({"type": "answer", "id": "a1", "answer": "yes"}),
                                now=1.0, wall_ms=5000)
    stored = StoredEvent(seq=9, at=datetime(2026, 11, 23, 10, tzinfo=UTC), actor="device:m04",
                         event=AnswerRecorded(sitting_id="s1", vote_id="v1", member_id="m04",
                                              answer=Answer.YES), prev_hash="0", hash="1")
    reply = session.acknowledge(submit, [stored], 9)
    p.SERVER_ADAPTER.validate_python(reply)
    assert reply == {"type": "recorded", "id": "a1", "seq": 9, "answer": "yes",
                     "at": round(stored.at.timestamp() * 1000)}


def test_forged_members_commands_and_bad_codes_are_refused():
    session = _member_session()
    (forged,) = session.receive(json.dumps({"type": "answer", "id": "f", "answer": "yes",
                                            "member": "m05"}), now=1.0, wall_ms=5000)
    assert isinstance(forged, Send) and forged.message["code"] == "forged_member"
    assert forged.message["id"] == "f"
    sent, closed = session.receive(json.dumps({"type": "command", "id": "c", "command": {
        "type": "record_answer", "member": "m05", "answer": "yes"}}), now=1.0, wall_ms=5000)
    assert sent.message["code"] == "forbidden" and closed == Close(p.CLOSE_FORBIDDEN, closed.reason)
    stranger = Session(lambda role, token: False, member_of=CODES.get)
    sent, closed = stranger.hello(json.dumps({"type": "hello", "v": 1, "role": "member",
                                              "token": "WRONGCODE2"}), now=0.0, wall_ms=0)
    assert sent.message["code"] == "code_invalid" and closed.code == p.CLOSE_UNAUTHORIZED


def test_a_console_cannot_send_a_device_command_nor_an_answer():
    console = Session(lambda role, token: token == "c" * 40, member_of=CODES.get)
    console.hello(json.dumps({"type": "hello", "v": 1, "role": "control", "token": "c" * 40}),
                  now=0.0, wall_ms=0)
    (sent,) = console.receive(json.dumps({"type": "command", "id": "d", "command": {
        "type": "device_answer", "member": "m04", "answer": "yes", "code_hash": HASH,
        "at": "2026-11-23T10:00:00Z"}}), now=1.0, wall_ms=0)
    assert sent.message["code"] == "server_only"
    sent, closed = console.receive(json.dumps({"type": "answer", "id": "a", "answer": "yes"}),
                                   now=1.0, wall_ms=0)
    assert sent.message["code"] == "forbidden" and closed.code == p.CLOSE_FORBIDDEN
