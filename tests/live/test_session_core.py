"""The connection's conversation without a socket or an event loop: frames and times in,
actions out (server.live.session)."""

import json

import pytest

from models.commands import parse_command
from models.rejection import Rejection
from server.live import protocol as p
from server.live.access import Authoriser
from server.live.session import (
    Close,
    Follow,
    Leave,
    Resend,
    Send,
    Session,
    Stream,
    Submit,
    acknowledged,
    refused,
)
from server.store import StoreError

TOKENS = {"c" * 40: "control", "d" * 40: "display", "a" * 40: "control"}
HOLDERS = {"a" * 40: "Anna Nowak"}  # a secretary's personal control token


class Tokens:
    def role_of(self, token: str) -> str | None:
        return TOKENS.get(token)

    def holder(self, token: str) -> tuple[str, str] | None:
        role = TOKENS.get(token)
        return (role, HOLDERS.get(token, role)) if role else None


def _session(public: bool = False) -> Session:
    authoriser = Authoriser(Tokens(), public)
    return Session(authoriser.allows, authoriser.actor_of)


def _hello(role: str, token: str = "", **extra) -> str:
    return json.dumps({"type": "hello", "v": 1, "role": role, "token": token, **extra})


def _joined(role: str = "display", token: str = "d" * 40, **extra) -> Session:
    session = _session()
    actions = session.hello(_hello(role, token, **extra), now=100.0, wall_ms=5)
    assert not any(isinstance(action, Close) for action in actions), actions
    return session


def _errors(actions) -> list[dict]:
    return [a.message for a in actions if isinstance(a, Send) and a.message["type"] == "error"]


def test_a_display_hello_is_welcomed_and_follows_its_view():
    session = _session()
    actions = session.hello(_hello("display", "d" * 40, view="overlay"), now=0.0, wall_ms=1234)
    assert actions == [Send({"type": "welcome", "v": 1, "role": "display", "view": "overlay",
                             "now": 1234}), Follow("overlay")]
    assert session.view == "overlay" and session.role == "display"


def test_a_control_hello_is_welcomed_and_streams_the_log_from_since():
    actions = _session().hello(_hello("control", "c" * 40, since=7), now=0.0, wall_ms=9)
    assert actions == [Send({"type": "welcome", "v": 1, "role": "control", "view": None,
                             "now": 9}), Stream(7)]


@pytest.mark.parametrize("token", ["guess", "", "d" * 40])
def test_a_hello_with_a_wrong_token_is_refused_and_closed(token):
    actions = _session().hello(_hello("control", token), now=0.0, wall_ms=0)
    assert [e["code"] for e in _errors(actions)] == ["unauthorized"]
    assert actions[-1] == Close(p.CLOSE_UNAUTHORIZED, "Unauthorized: wrong or missing token.")
    assert len(actions) == 2  # no welcome, nothing followed


def test_the_public_role_needs_no_token_only_when_switched_on_and_sees_only_public():
    closed = _session(public=False).hello(_hello("public"), now=0.0, wall_ms=0)
    assert closed[-1] == Close(p.CLOSE_UNAUTHORIZED, "Unauthorized: wrong or missing token.")
    assert _session(public=True).hello(_hello("public"), now=0.0, wall_ms=0)[-1] == \
        Follow("public")
    chamber = _session(public=True).hello(_hello("public", view="chamber"), now=0.0, wall_ms=0)
    assert _errors(chamber)[0]["code"] == "forbidden"
    assert isinstance(chamber[-1], Close) and chamber[-1].code == p.CLOSE_UNAUTHORIZED


@pytest.mark.parametrize(("raw", "code"), [
    (None, "hello_timeout"), (b"\x00", "binary"), ("{", "bad_json"),
    ('{"type": "ping"}', "hello_required"), ('{"type": "hello", "v": 2, "role": "display"}',
                                             "version")])
def test_anything_but_a_good_hello_first_closes_with_4002(raw, code):
    actions = _session().hello(raw, now=0.0, wall_ms=0)
    assert _errors(actions)[0]["code"] == code
    assert isinstance(actions[-1], Close) and actions[-1].code == p.CLOSE_PROTOCOL


def test_a_display_sending_a_command_is_refused_and_closed():
    session = _joined()
    actions = session.receive(json.dumps({"type": "command", "id": "x", "command": {
        "type": "check_in", "member": "m01"}}), now=100.0, wall_ms=0)
    assert _errors(actions)[0]["code"] == "forbidden"
    assert isinstance(actions[-1], Close) and actions[-1].code == p.CLOSE_FORBIDDEN
    assert not any(isinstance(action, Submit) for action in actions)


def test_a_malformed_command_keeps_its_id_and_the_connection():
    session = _joined("control", "c" * 40)
    too_long = session.receive(json.dumps({"type": "command", "id": "d", "actor": "x" * 81,
                                           "command": {"type": "stop_speech"}}), 100.0, 0)
    assert [(e["code"], e["id"]) for e in _errors(too_long)] == [("bad_message", "d")]
    unknown = session.receive(json.dumps({"type": "command", "id": "a",
                                          "command": {"type": "fly"}}), 100.0, 0)
    assert [(e["code"], e["id"]) for e in _errors(unknown)] == [("invalid_command", "a")]
    assert not any(isinstance(a, Close) for a in too_long + unknown)


def test_a_good_command_is_submitted_with_its_id_and_the_tokens_holder_as_actor():
    """The client's own `actor` is not trusted: the token that opened the connection names
    who did it (a secretary's personal token, else the shared control token)."""
    check_in = parse_command({"type": "check_in", "member": "m01"})
    for token, actor in (("a" * 40, "remote:Anna Nowak"), ("c" * 40, "remote:control")):
        session = _joined("control", token)
        actions = session.receive(json.dumps({"type": "command", "id": "k1", "actor": "Anna",
                                              "command": {"type": "check_in", "member": "m01"}}),
                                  100.0, 0)
        assert actions == [Submit("k1", actor, check_in)]


def test_a_flood_is_refused_and_closed_after_the_burst_and_the_rate_refills_it():
    session = _joined()  # a display: 40 at once, then 20 a second
    ping = '{"type": "ping"}'
    for _ in range(40):
        assert isinstance(session.receive(ping, now=100.0, wall_ms=0)[0], Send)
    flood = session.receive(ping, now=100.0, wall_ms=0)
    assert flood[0] == Leave() and _errors(flood)[0]["code"] == "flood"
    assert flood[-1] == Close(p.CLOSE_FLOOD, "Too many messages; connection closed.")
    calm = _joined()
    for _ in range(40):
        assert not any(isinstance(a, Close) for a in calm.receive(ping, 100.0, 0))
    for _ in range(2):  # an eighth of a second later: 2.5 more
        assert not any(isinstance(a, Close) for a in calm.receive(ping, 100.125, 0))
    assert isinstance(calm.receive(ping, 100.125, 0)[-1], Close)


def test_a_gap_asks_for_a_resync_which_resends_the_view_and_a_console_has_none():
    display = _joined(view="chamber")
    assert display.receive('{"type": "resync"}', 100.0, 0) == [Resend("chamber")]
    console = _joined("control", "c" * 40)
    actions = console.receive('{"type": "resync"}', 100.0, 0)
    assert [e["code"] for e in _errors(actions)] == ["no_view"] and len(actions) == 1


def test_a_ping_is_answered_with_the_server_clock_and_a_second_hello_is_an_error():
    session = _joined()
    assert session.receive('{"type": "ping", "t": 1.5}', 100.0, 777) == [
        Send({"type": "pong", "t": 1.5, "now": 777})]
    again = session.receive(_hello("display", "d" * 40), 100.0, 0)
    assert [e["code"] for e in _errors(again)] == ["hello_again"] and len(again) == 1


def test_a_command_is_answered_with_an_ack_or_the_reason_it_was_refused(service):
    submit = Submit("k9", "Anna", parse_command({"type": "check_in", "member": "m01"}))
    events = service.store.load()[-2:]
    ack = acknowledged(submit, events, last_seq=999)
    assert (ack["id"], ack["seq"], len(ack["events"])) == ("k9", events[-1].seq, 2)
    assert acknowledged(submit, (), last_seq=41)["seq"] == 41  # nothing changed
    rejected = refused(submit, Rejection("no_open_vote", "Brak.", "None."))
    assert (rejected["code"], rejected["id"], rejected["rejection"]) == \
        ("rejected", "k9", "no_open_vote")
    failed = refused(submit, StoreError("disk full", "dysk pełny"))
    assert failed["code"] == "store_failed" and failed["message_en"] == "Writing failed: disk full"
    assert failed["message"] == "Zapis się nie powiódł: dysk pełny"
    for message in (ack, rejected, failed):
        p.SERVER_ADAPTER.validate_python(message)
