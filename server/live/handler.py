"""One websocket connection's I/O: reads the client's frames, lets its `Session` decide, and
does what the session says (send, close, follow a view, stream the log, run a command).

Everything the connection needs from the server comes in a `Host`, a plain object whose
parts are typed by the small protocols below, so this module knows nothing of the
LiveServer that builds it, and a test can pass fakes for the socket and the server.
"""

import asyncio
import time
from collections.abc import AsyncIterator, Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Generic, Protocol, TypeVar

from websockets.exceptions import ConnectionClosed

from models.commands import Command
from models.events import StoredEvent
from models.rejection import Rejection
from models.state import Chamber
from server.live import protocol as p
from server.live.consoles import joined_log
from server.live.refusal_log import RefusalLog
from server.live.session import (
    Action,
    Close,
    Follow,
    Leave,
    MemberOf,
    Resend,
    Send,
    Session,
    Stream,
    Submit,
    refused,
    server_failed,
)
from server.store import StoreError


class Connection(Protocol):
    """The socket as the handler uses it (a websockets ServerConnection)."""

    async def recv(self) -> str | bytes: ...

    async def send(self, message: str) -> None: ...

    async def close(self, code: int, reason: str) -> None: ...

    def __aiter__(self) -> AsyncIterator[str | bytes]: ...


C = TypeVar("C", bound=Connection)
C_contra = TypeVar("C_contra", contravariant=True)


class Feed(Protocol[C_contra]):
    """A view's feed (server.live.feeds.ViewFeed)."""

    def join(self, connection: C_contra, state: Chamber) -> None: ...

    def leave(self, connection: C_contra) -> None: ...

    def send_snapshot(self, connection: C_contra) -> None: ...


class ConsoleStream(Protocol[C_contra]):
    """The consoles' ordered fan-out (server.live.consoles.Consoles)."""

    def begin_join(self, connection: C_contra) -> list[StoredEvent]: ...

    def end_join(self, connection: C_contra) -> None: ...

    def add(self, connection: C_contra, status: bool = False) -> None: ...

    def discard(self, connection: C_contra) -> None: ...


class CommandApi(Protocol):
    """The sitting service: its state, and commands in."""

    @property
    def state(self) -> Chamber: ...

    async def submit(self, command: Command, actor: str) -> tuple[StoredEvent, ...]: ...


@dataclass(frozen=True)
class Host(Generic[C]):
    """What a connection needs from the server."""

    allows: Callable[[str, str], bool]  # (role, token) -> may it open that role
    feeds: Mapping[str, Feed[C]]
    consoles: ConsoleStream[C]
    commands: CommandApi
    load_log: Callable[[], Sequence[StoredEvent]]  # the stored events; runs in a thread
    # the newest checkpoint as a `checkpoint` message and its seq, or None; and the events
    # after a seq (what follows it): a console starts from there, not from event 1
    load_checkpoint: Callable[[], tuple[dict[str, Any], int] | None] = field(
        default=lambda: None)
    load_log_after: Callable[[int], Sequence[StoredEvent]] | None = None
    refusals: RefusalLog = field(default_factory=RefusalLog)  # the operator's log, bounded
    clock: Callable[[], float] = field(default=time.monotonic)  # for the flood gate
    wall_ms: Callable[[], int] = field(default=p.now_ms)  # the clock sent to clients
    actor_of: Callable[[str], str] = field(default=lambda token: "remote:control")  # signer
    member_of: MemberOf = field(default=lambda code: None)  # a device's code -> its member


class Handler(Generic[C]):
    def __init__(self, host: Host[C], connection: C, peer: str = "?") -> None:
        self.host = host
        self.connection = connection
        self.peer = peer  # the client's address, for the log
        self.session = Session(host.allows, host.actor_of, host.member_of)
        self._refused = False  # the log names a connection once

    async def run(self) -> None:
        """The connection from its hello to its end. Nothing a client sends makes it raise:
        should the server fail on a message all the same (a bug), the client gets an error
        and a close (1011) and the log one bounded entry, not a traceback per frame."""
        try:
            await self._converse()
        except ConnectionClosed:
            pass
        except Exception as failure:
            self.host.refusals.failed(self.peer, failure)
            await self._close_failed()

    async def _close_failed(self) -> None:
        try:
            await self.connection.send(p.encode(server_failed()))
            await self.connection.close(p.CLOSE_SERVER_ERROR, "server error")
        except ConnectionClosed:
            pass

    async def _converse(self) -> None:
        try:
            raw: str | bytes | None = await asyncio.wait_for(self.connection.recv(),
                                                             p.HELLO_TIMEOUT_S)
        except TimeoutError:
            raw = None
        if not await self._perform(self.session.hello(raw, self.host.clock(),
                                                      self.host.wall_ms())):
            return
        try:
            async for raw in self.connection:
                if not await self._perform(self.session.receive(raw, self.host.clock(),
                                                                self.host.wall_ms())):
                    return
        finally:
            self._leave()

    async def _perform(self, actions: list[Action]) -> bool:
        """Does the actions in order; False once the connection is closed."""
        for action in actions:
            match action:
                case Send(message, refusal):
                    if refusal:
                        self._note_refusal(message)
                    await self.connection.send(p.encode(message))
                case Close(code, reason):
                    await self.connection.close(code, reason)
                    return False
                case Follow(view):
                    self.host.feeds[view].join(self.connection, self.host.commands.state)
                case Leave():
                    self._leave()
                case Stream(since, status, checkpoint):
                    await self._stream(since, status, checkpoint)
                case Resend(view):
                    self.host.feeds[view].send_snapshot(self.connection)
                case Submit():
                    await self._submit(action)
        return True

    async def _stream(self, since: int, status: bool = False, checkpoint: bool = False) -> None:
        """The log from `since` (or the newest checkpoint and the log after it), then live
        events, with none lost or doubled in between."""
        consoles = self.host.consoles
        pending = consoles.begin_join(self.connection)
        start = None
        try:
            if checkpoint:
                start = await asyncio.to_thread(self.host.load_checkpoint)
                since = start[1] if start is not None else since
            stored = await asyncio.to_thread(self._log_after, since)
        finally:
            consoles.end_join(self.connection)
        if start is not None:
            await self.connection.send(p.encode(start[0]))
        events, last_seq = joined_log(stored, pending, since)
        await self.connection.send(p.encode(p.events_message(events, last_seq)))
        consoles.add(self.connection, status)

    def _log_after(self, since: int) -> Sequence[StoredEvent]:
        if self.host.load_log_after is not None:
            return self.host.load_log_after(since)
        return [stored for stored in self.host.load_log() if stored.seq > since]

    async def _submit(self, submit: Submit) -> None:
        commands = self.host.commands
        try:
            events = await commands.submit(submit.command, submit.actor)
        except (Rejection, StoreError) as failure:
            await self.connection.send(p.encode(refused(submit, failure)))
            return
        await self.connection.send(
            p.encode(self.session.acknowledge(submit, events, commands.state.last_seq)))

    def _note_refusal(self, message: dict[str, object]) -> None:
        self.host.refusals.refused(self.peer, not self._refused,
                                   f"{message['code']}: {message['message_en']}")
        self._refused = True

    def _leave(self) -> None:
        self.host.consoles.discard(self.connection)
        if self.session.view is not None:
            self.host.feeds[self.session.view].leave(self.connection)
