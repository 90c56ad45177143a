"""RemoteService: a console's replica of the service over the control role."""

import asyncio
from dataclasses import replace

import pytest

from models.commands import parse_command
from models.rejection import Rejection
from server.live import LiveServer
from server.live.remote import RemoteError, RemoteService


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
    assert events[0].actor == "console:ewa"
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
