"""RemoteService: a console's replica of the service over the control role."""

import asyncio
import json
from dataclasses import replace

import pytest
from websockets.asyncio.server import serve

from models.checkpoint import encode
from models.commands import parse_command
from models.pmap import Deferred
from models.rejection import Rejection
from models.terms import SittingStatus
from server.live import LiveServer, secretaries
from server.live.remote import (
    NotConnected,
    RemoteError,
    RemoteService,
    Unconfirmed,
    backoff,
    replica_start,
)
from tests.checkpoint_states import rich
from tests.live.proxy import Proxy


def command(type_: str, **fields):
    return parse_command({"type": type_, **fields})


async def _remote(live: LiveServer, token: str | None = None) -> RemoteService:
    remote = RemoteService(live.urls()["websocket"],
                           token or live.tokens.token("control"), "console:remote")
    await remote.connect()
    return remote


async def test_connect_folds_the_log_into_the_same_state(live, service):
    service.execute(command("check_in", member="m03"), "test")
    remote = await _remote(live)
    assert remote.state.last_seq == service.state.last_seq
    assert remote.state.last_hash == service.state.last_hash
    assert remote.state.sitting.present_count == 1
    await remote.close()


async def test_submit_returns_the_events_and_tells_listeners_once(live, service):
    remote = await _remote(live)
    heard = []
    remote.subscribe(lambda events, state: heard.append(([e.seq for e in events],
                                                        state.last_seq)))
    events = await remote.submit(command("check_in", member="m01"), "console:ewa")
    assert [e.event.type for e in events] == ["member_checked_in"]
    # the server signs with the connection's token (the shared one here), not the client's word
    assert events[0].actor == "remote:control"
    assert heard == [([events[0].seq], events[0].seq)]
    assert remote.state.sitting.is_present("m01") and service.state.sitting.is_present("m01")
    assert remote.state.last_hash == service.state.last_hash
    await remote.close()


async def test_a_rejection_is_raised_as_in_process(live, service):
    remote = await _remote(live)
    with pytest.raises(Rejection) as rejected:
        await remote.submit(command("close_vote"), "x")
    assert rejected.value.code == "no_open_vote"
    assert rejected.value.pl == "Żadne głosowanie nie jest otwarte."
    with pytest.raises(RemoteError) as refused:  # the server's own checks, by their code
        await remote.submit(command("stop_speech"), "a" * 81)
    assert refused.value.code == "bad_message"
    await remote.close()


async def test_changes_written_elsewhere_reach_the_replica(live, service):
    remote = await _remote(live)
    arrived = asyncio.Event()
    remote.subscribe(lambda events, state: arrived.set())
    await asyncio.to_thread(service.execute, command("check_in", member="m07"), "script")
    await asyncio.wait_for(arrived.wait(), 5)
    assert remote.state.sitting.is_present("m07")
    assert remote.state.last_hash == service.state.last_hash
    await remote.close()


async def test_a_wrong_token_or_no_server_is_a_clear_error(live, tmp_path):
    with pytest.raises(RemoteError) as refused:
        await _remote(live, token="not-the-token")
    assert refused.value.code == "unauthorized"
    silent = RemoteService("ws://127.0.0.1:9/ws", "x", "y")
    with pytest.raises(RemoteError, match="cannot connect"):
        await silent.connect()
    with pytest.raises(RemoteError, match="not connected"):
        await silent.submit(command("stop_speech"), "y")


async def test_reconnect_after_restart_folds_only_what_it_missed(service, tmp_path):
    live = LiveServer(service, port=0, token_dir=tmp_path / "t")
    await live.start()
    remote = await _remote(live)
    port = live.port
    await live.stop()
    with pytest.raises(RemoteError):
        await remote.submit(command("check_in", member="m02"), "x")
    service.execute(command("check_in", member="m04"), "test")
    again = LiveServer(service, port=port, token_dir=tmp_path / "t")
    await again.start()
    try:
        heard = []
        remote.subscribe(lambda events, state: heard.extend(e.seq for e in events))
        await remote.connect()
        assert heard == [service.state.last_seq]
        assert remote.state.last_hash == service.state.last_hash
        assert not remote.state.sitting.is_present("m02")
        await remote.close()
    finally:
        await again.stop()


async def test_writes_told_out_of_order_reach_consoles_in_seq_order(service, tmp_path,
                                                                   monkeypatch):
    told = []
    monkeypatch.setattr(service, "subscribe", lambda listener: told.append(listener) or (
        lambda: None))
    live = LiveServer(service, port=0, token_dir=tmp_path / "t")
    await live.start()
    try:
        remote = await _remote(live)
        first = service.execute(command("check_in", member="m01"), "thread-a")
        second = service.execute(command("check_in", member="m02"), "thread-b")
        arrived = asyncio.Event()
        remote.subscribe(lambda events, state: arrived.set() if state.last_seq ==
                         second[-1].seq else None)
        (listener,) = told
        listener(second, service.state)  # the later write is told first
        listener(first, service.state)
        await asyncio.wait_for(arrived.wait(), 5)
        assert remote.state.last_hash == service.state.last_hash
        assert remote.state.sitting.is_present("m01") and remote.state.sitting.is_present("m02")
        await remote.close()
    finally:
        await live.stop()


async def test_a_replica_that_does_not_chain_with_the_server_says_so(live, service):
    remote = await _remote(live)
    remote.state = replace(remote.state, last_hash="f" * 64)  # as if it held another log
    with pytest.raises(RemoteError) as broken:
        await remote.submit(command("check_in", member="m05"), "x")
    assert broken.value.code == "out_of_sync"
    assert service.state.sitting.is_present("m05")  # the server did write it
    await remote.close()


# --- losing the line and coming back ---------------------------------------------------------


async def _until(condition, what: str, timeout: float = 10) -> None:
    async with asyncio.timeout(timeout):
        while not condition():
            await asyncio.sleep(0.01)
    assert condition(), what


async def test_backoff_doubles_from_half_a_second_to_five_with_a_quarter_of_jitter():
    assert [backoff(n, lambda: 0.5) for n in (1, 2, 3, 4, 5, 9)] == [0.5, 1, 2, 4, 5, 5]
    assert backoff(1, lambda: 0.0) == 0.375 and backoff(4, lambda: 1.0) == 5.0


async def test_a_cut_line_reconnects_by_itself_and_folds_what_it_missed(live, service):
    proxy = Proxy(live.port)
    await proxy.start()
    links = []
    remote = RemoteService(proxy.url, live.tokens.token("control"), "x", delay=lambda n: 0.05)
    remote.watch_link(links.append)
    try:
        await remote.connect()
        await proxy.cut()
        await _until(lambda: remote.link.state == "reconnecting" and remote.link.attempt >= 2,
                     "retrying while the line is down")
        assert remote.link.since is not None and "cannot connect" in remote.link.reason
        with pytest.raises(NotConnected):  # refused at once, never queued
            await remote.submit(command("check_in", member="m02"), "x")
        service.execute(command("check_in", member="m04"), "test")  # written meanwhile
        await proxy.restore()
        await _until(lambda: remote.link.up, "connected again")
        assert remote.state.last_hash == service.state.last_hash
        assert remote.state.sitting.is_present("m04") and not remote.state.sitting.is_present("m02")
        events = await remote.submit(command("check_in", member="m05"), "x")
        assert service.state.sitting.is_present("m05") and events[0].seq == service.state.last_seq
        states = [link.state for link in links]
        assert states[0] == "connected" and states[-1] == "connected" and "reconnecting" in states
    finally:
        await remote.close()
        await proxy.close()


async def test_a_console_closed_as_too_slow_comes_back_with_since(live, service):
    remote = RemoteService(live.urls()["websocket"], live.tokens.token("control"), "x",
                           delay=lambda n: 0.05)
    await remote.connect()
    try:
        await _until(lambda: live.controls, "the server has the console")
        (server_side,) = live.controls
        await server_side.close(4009, "console too slow")
        await _until(lambda: remote.link.state == "reconnecting", "reconnecting after 4009")
        assert "4009" in remote.link.reason
        service.execute(command("check_in", member="m06"), "test")
        await _until(lambda: remote.link.up and remote.state.sitting.is_present("m06"),
                     "back, with the event it missed")
        assert remote.state.last_hash == service.state.last_hash
    finally:
        await remote.close()


async def test_a_token_taken_away_ends_the_retries_as_lost(live, service, tmp_path):
    token = secretaries.add(tmp_path / "tokens", "Ewa Nowak")
    proxy = Proxy(live.port)
    await proxy.start()
    remote = RemoteService(proxy.url, token, "x", delay=lambda n: 0.05)
    try:
        await remote.connect()
        await proxy.cut()
        secretaries.remove(tmp_path / "tokens", "Ewa Nowak")
        await proxy.restore()
        await _until(lambda: remote.link.state == "lost", "refused for good")
        assert "nauthorized" in remote.link.reason
        attempts = proxy.accepted
        await asyncio.sleep(0.3)
        assert proxy.accepted == attempts  # no more tries
    finally:
        await remote.close()
        await proxy.close()


async def test_a_secretarys_personal_token_signs_their_events_without_a_restart(live, service,
                                                                               tmp_path):
    token = secretaries.add(tmp_path / "tokens", "Ewa Nowak")  # the server runs already
    assert (tmp_path / "tokens" / "secretaries" / "Ewa Nowak.token").stat().st_mode & 0o077 == 0
    ewa = RemoteService(live.urls()["websocket"], token, "console:someone-else")
    shared = await _remote(live)
    await ewa.connect()
    try:
        (mine,) = await ewa.submit(command("check_in", member="m01"), "console:mallory")
        (theirs,) = await shared.submit(command("check_in", member="m02"), "console:ewa-nowak")
        assert (mine.actor, theirs.actor) == ("remote:Ewa Nowak", "remote:control")
        assert [e.actor for e in service.store.load()[-2:]] == ["remote:Ewa Nowak",
                                                               "remote:control"]
    finally:
        await ewa.close()
        await shared.close()


@pytest.mark.parametrize("name", ["", "../control", "a/b", "x" * 41, "-rm", "Ewa.", "_x"])
def test_a_secretarys_name_cannot_be_a_path_or_empty(tmp_path, name):
    with pytest.raises(secretaries.SecretaryError):
        secretaries.add(tmp_path, name)
    assert not (tmp_path / "secretaries").exists() or not any(
        (tmp_path / "secretaries").iterdir())


async def test_a_command_whose_answer_the_drop_cut_off_is_unconfirmed_not_failed():
    """A server that reads the command and drops the line before answering: the console
    cannot know whether it was written, and says so (then reconnects)."""
    async def drops_on_command(ws) -> None:
        await ws.recv()  # hello
        await ws.send(json.dumps({"type": "welcome", "v": 1, "role": "control", "now": 0}))
        await ws.send(json.dumps({"type": "events", "events": [], "last_seq": 0}))
        await ws.recv()  # the command
        ws.transport.abort()

    async with serve(drops_on_command, "127.0.0.1", 0) as server:
        port = server.sockets[0].getsockname()[1]
        remote = RemoteService(f"ws://127.0.0.1:{port}", "t", "x", delay=lambda n: 5)
        await remote.connect()
        with pytest.raises(Unconfirmed):
            await remote.submit(command("check_in", member="m01"), "x")
        await _until(lambda: remote.link.state == "reconnecting", "reconnecting")
        await remote.close()


async def test_a_remote_console_sees_the_break_the_chair_and_the_close_at_once(live, service):
    """The sitting's life travels as events: a remote replica folds them like the server."""
    remote = await _remote(live)
    seen = []
    remote.subscribe(lambda events, state: seen.append(state.sitting.status))
    for seat in range(1, 13):
        service.execute(command("check_in", member=f"m{seat:02d}"), "test")
    await asyncio.to_thread(service.execute, command("start_break", reason="narada"), "script")
    await remote.submit(command("hand_over_chair", member="m02"), "console:ewa")
    await asyncio.to_thread(service.execute, command("close_sitting"), "script")
    for _ in range(100):
        if remote.state.last_seq == service.state.last_seq:
            break
        await asyncio.sleep(0.05)
    assert SittingStatus.BREAK in seen and remote.state.sitting.chairing == "m02"
    assert remote.state.sitting.status is SittingStatus.CLOSED
    assert remote.state.last_hash == service.state.last_hash
    await remote.close()


async def test_a_new_replica_starts_from_the_servers_checkpoint_and_the_events_after_it(
        live, service):
    service.execute(command("check_in", member="m03"), "test")
    service.execute(command("close_sitting"), "test")  # a checkpoint is written here
    service.execute(command("open_sitting", number="XLI", date="2026-12-01"), "test")
    service.execute(command("check_in", member="m05"), "test")
    remote = await _remote(live)
    try:
        closed = dict(remote.state.sittings.stored_items())["s1"]
        assert isinstance(closed, Deferred) and not closed.loaded  # from the checkpoint
        assert remote.state.sitting.is_present("m05")  # and the events after it
        assert remote.state == service.state
        await remote.submit(command("check_in", member="m06"), "console:ewa")
        assert remote.state.last_hash == service.state.last_hash
    finally:
        await remote.close()


def test_a_checkpoint_that_does_not_hold_up_is_refused_by_the_replica():
    made = encode(rich().state)
    edited = [[part.digest, part.text.replace('"yes"', '"no"')] for part in made.parts]
    with pytest.raises(RemoteError, match="checkpoint cannot be used: .*hash mismatch"):
        replica_start(made.document, edited)
    with pytest.raises(RemoteError, match="was not sent"):
        replica_start(made.document, [])
