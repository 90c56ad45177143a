"""One connection's handler with a fake socket and a fake server (server.live.handler):
what it sends, when it closes, what it joins and leaves, with no network."""

import json

from models.commands import Command
from models.events import StoredEvent
from models.rejection import Rejection
from models.state import Chamber
from server.live import protocol as p
from server.live.consoles import Consoles
from server.live.handler import Handler, Host
from server.live.slow import SlowClientPolicy
from tests.live.conftest import checked_in_log

CONTROL, DISPLAY = "c" * 40, "d" * 40


class FakeConnection:
    """Hands out the given frames, then ends as if the client went away."""

    def __init__(self, *frames: str) -> None:
        self.frames = list(frames)
        self.sent: list[dict] = []
        self.closed: tuple[int, str] | None = None

    async def recv(self) -> str:
        return self.frames.pop(0)

    async def send(self, message: str) -> None:
        self.sent.append(json.loads(message))

    async def close(self, code: int, reason: str) -> None:
        self.closed = (code, reason)

    def __aiter__(self):
        return self._rest()

    async def _rest(self):
        while self.frames:
            yield self.frames.pop(0)


class FakeFeed:
    def __init__(self) -> None:
        self.calls: list[str] = []

    def join(self, connection, state) -> None:
        self.calls.append("join")

    def leave(self, connection) -> None:
        self.calls.append("leave")

    def send_snapshot(self, connection) -> None:
        self.calls.append("snapshot")


class FakeCommands:
    def __init__(self, answer: tuple[StoredEvent, ...] | Exception = ()) -> None:
        self.state = Chamber()
        self.answer = answer
        self.submitted: list[tuple[Command, str]] = []

    async def submit(self, command: Command, actor: str) -> tuple[StoredEvent, ...]:
        self.submitted.append((command, actor))
        if isinstance(self.answer, Exception):
            raise self.answer
        return self.answer


def _host(commands: FakeCommands | None = None, log: tuple[StoredEvent, ...] = ()) -> Host:
    roles = {CONTROL: "control", DISPLAY: "display"}
    return Host(allows=lambda role, token: roles.get(token) in (role, "control"),
                feeds={"chamber": FakeFeed(), "overlay": FakeFeed()},
                consoles=Consoles(SlowClientPolicy()), commands=commands or FakeCommands(),
                load_log=lambda: log, clock=lambda: 0.0, wall_ms=lambda: 42,
                actor_of=lambda token: "remote:Ewa" if token == CONTROL else "remote:?")


def _hello(role: str, token: str, **extra) -> str:
    return json.dumps({"type": "hello", "v": 1, "role": role, "token": token, **extra})


def _command(command_id: str, **command) -> str:
    return json.dumps({"type": "command", "id": command_id, "command": command})


async def test_a_wrong_token_gets_an_error_and_a_close_and_joins_nothing():
    host = _host()
    connection = FakeConnection(_hello("display", "guess"))
    await Handler(host, connection).run()
    assert [m["code"] for m in connection.sent] == ["unauthorized"]
    assert connection.closed == (p.CLOSE_UNAUTHORIZED, "Unauthorized: wrong or missing token.")
    assert host.feeds["chamber"].calls == []


async def test_a_display_follows_its_view_and_leaves_it_when_the_client_goes():
    host = _host()
    connection = FakeConnection(_hello("display", DISPLAY), '{"type": "resync"}')
    await Handler(host, connection).run()
    assert connection.sent == [{"type": "welcome", "v": 1, "role": "display",
                                "view": "chamber", "now": 42}]
    assert host.feeds["chamber"].calls == ["join", "snapshot", "leave"]  # the gap: a snapshot
    assert connection.closed is None


async def test_a_display_sending_a_command_is_closed_with_4003_and_nothing_is_run():
    commands = FakeCommands()
    host = _host(commands)
    connection = FakeConnection(_hello("display", DISPLAY), _command("x", type="stop_speech"),
                                '{"type": "ping"}')
    await Handler(host, connection).run()
    assert [m["type"] for m in connection.sent] == ["welcome", "error"]  # the ping: never read
    assert connection.sent[1]["code"] == "forbidden"
    assert connection.closed[0] == p.CLOSE_FORBIDDEN
    assert commands.submitted == [] and host.feeds["chamber"].calls == ["join", "leave"]


async def test_a_flood_leaves_the_view_before_the_error_and_the_close():
    host = _host()
    connection = FakeConnection(_hello("display", DISPLAY), *['{"type": "ping"}'] * 45)
    await Handler(host, connection).run()
    assert [m["type"] for m in connection.sent] == ["welcome", *["pong"] * 40, "error"]
    assert connection.sent[-1]["code"] == "flood"
    assert connection.closed[0] == p.CLOSE_FLOOD
    assert host.feeds["chamber"].calls[:2] == ["join", "leave"]
    assert len(connection.frames) == 4  # nothing read after the flood


async def test_a_console_gets_the_log_from_since_then_commands_are_acked(service):
    log = tuple(checked_in_log(service, 3))
    commands = FakeCommands(answer=log[-1:])
    host = _host(commands, log=log)
    connection = FakeConnection(_hello("control", CONTROL, since=log[-3].seq),
                                json.dumps({"type": "command", "id": "k1",
                                            "actor": "console:mallory",  # not trusted
                                            "command": {"type": "check_in", "member": "m01"}}),
                                json.dumps({"type": "command", "id": "k2", "actor": "x" * 81,
                                            "command": {"type": "stop_speech"}}))
    handler = Handler(host, connection)
    await handler.run()
    welcome, events, ack, malformed = connection.sent
    assert welcome["role"] == "control"
    assert [e["seq"] for e in events["events"]] == [log[-2].seq, log[-1].seq]
    assert events["last_seq"] == log[-1].seq
    assert (ack["type"], ack["id"], ack["seq"]) == ("ack", "k1", log[-1].seq)
    assert (malformed["code"], malformed["id"]) == ("bad_message", "k2")
    # signed by the holder of the connection's token, never by what the client says
    assert [actor for _, actor in commands.submitted] == ["remote:Ewa"]
    assert host.consoles.connections == set()  # it left when the client went
    assert connection.closed is None


async def test_a_rejected_command_is_an_error_with_its_id_and_the_connection_stays():
    commands = FakeCommands(answer=Rejection("no_open_vote", "Żadne.", "None open."))
    connection = FakeConnection(_hello("control", CONTROL),
                                _command("k7", type="record_answer", member="m01",
                                         answer="yes"), '{"type": "ping"}')
    await Handler(_host(commands), connection).run()
    assert [m["type"] for m in connection.sent] == ["welcome", "events", "error", "pong"]
    rejected = connection.sent[2]
    assert (rejected["code"], rejected["id"], rejected["rejection"]) == \
        ("rejected", "k7", "no_open_vote")
    assert connection.closed is None


async def test_the_server_failing_on_a_message_closes_with_1011_and_logs_once(caplog):
    commands = FakeCommands(answer=ZeroDivisionError("a bug in the reducer"))
    connection = FakeConnection(_hello("control", CONTROL), _command("k1", type="stop_speech"),
                                '{"type": "ping"}')
    await Handler(_host(commands), connection, peer="10.0.0.9:4000").run()  # does not raise
    assert [m["type"] for m in connection.sent] == ["welcome", "events", "error"]
    assert connection.sent[-1]["code"] == "server_error"
    assert connection.closed == (p.CLOSE_SERVER_ERROR, "server error")
    assert len(connection.frames) == 1  # nothing read after the failure
    (record,) = [r for r in caplog.records if r.name == "sesja.live"]
    assert "10.0.0.9:4000" in record.getMessage() and record.exc_info[0] is ZeroDivisionError


async def test_a_connection_refused_again_and_again_is_logged_once(caplog):
    caplog.set_level("DEBUG", logger="sesja.live")
    host = _host()
    connection = FakeConnection(_hello("display", DISPLAY), *["{oops"] * 30,
                                '{"type": "ping"}')
    await Handler(host, connection, peer="10.0.0.9:4001").run()
    assert [m["code"] for m in connection.sent[1:-1]] == ["bad_json"] * 30
    assert connection.sent[-1]["type"] == "pong" and connection.closed is None
    assert [r.getMessage() for r in caplog.records if r.name == "sesja.live"] == [
        "client 10.0.0.9:4001 refused (bad_json: The message is not valid JSON.); its later "
        "refusals are not logged"]
