"""A replica of the SittingService for a console on another machine, over the control role.

It folds the server's stored events into its own `.state` (the same pure reducer), so the
console reads state exactly as it would in process; commands go to the server, which
answers with an ack carrying the events, or an error that is raised here as a Rejection
(the domain said no) or a RemoteError (anything else).

A replica holding nothing starts from the server's newest checkpoint (the state at one
event, checked here as opening a log checks one) and the events after it, not from event
1: a term-long log costs the connection what a sitting costs.

When the line drops (a network loss, a server restart, a 4009 close for a console that
fell behind) it reconnects by itself with backoff, saying hello with `since` = the last
event it holds, and folds what it missed. Its `link` says where it stands (connected,
reconnecting since when and which attempt, or lost for good: the server refused it), and
link listeners hear every change at once. A command is never queued while the line is
down: `submit` refuses it (`NotConnected`), so nothing looks recorded that is not.
"""

import asyncio
import itertools
import json
import random
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, Literal

from websockets.asyncio.client import ClientConnection, connect
from websockets.exceptions import ConnectionClosed, InvalidHandshake, InvalidURI

from models.checkpoint import CheckpointError, decode
from models.commands import COMMAND_ADAPTER, Command
from models.events import StoredEvent
from models.listeners import Listener
from models.reducer import apply
from models.rejection import Rejection
from models.state import Chamber
from server.bilingual import BilingualError
from server.live.protocol import PROTOCOL_VERSION

BACKOFF_FIRST_S = 0.5  # the first retry; each next one waits twice as long ...
BACKOFF_MAX_S = 5.0  # ... up to this
BACKOFF_JITTER = 0.25  # +-25 %, so consoles cut off together do not come back together
KEEPALIVE_S = 5.0  # a silent line (a pulled cable) counts as lost after 2 x this
RETRYABLE = {"connection"}  # other codes (a wrong token, out of sync) end the retries

LinkState = Literal["connecting", "connected", "reconnecting", "lost"]


class RemoteError(BilingualError, ConnectionError):
    """The server could not be reached, refused us, or failed a command; says why (in
    Polish too, `pl`, where the server said it: a command it failed)."""

    def __init__(self, message: str, code: str = "connection", pl: str | None = None) -> None:
        super().__init__(message, pl)
        self.code = code


class NotConnected(RemoteError):
    """The command was not sent: there is no connection to the server now."""

    def __init__(self) -> None:
        super().__init__("not connected to the server", "disconnected")


class Unconfirmed(RemoteError):
    """The command was sent but the line dropped before its answer: it may be in the log
    or not; the events after the reconnect tell."""

    def __init__(self) -> None:
        super().__init__("the connection to the server was lost before the command was "
                         "confirmed", "unconfirmed")


@dataclass(frozen=True)
class Link:
    """Where the connection stands: since when it is down (UTC), the reconnect attempt
    under way, and why it went down (the last error)."""

    state: LinkState
    since: datetime | None = None
    attempt: int = 0
    reason: str = ""

    @property
    def up(self) -> bool:
        return self.state == "connected"


def backoff(attempt: int, rand: Callable[[], float] = random.random) -> float:
    """Seconds before reconnect attempt `attempt` (from 1): 0.5, 1, 2, 4, 5, 5, ... +-25 %."""
    base: float = min(BACKOFF_MAX_S, BACKOFF_FIRST_S * 2.0 ** (attempt - 1))
    return base * (1 + BACKOFF_JITTER * (2 * rand() - 1))


def utc_now() -> datetime:
    return datetime.now(UTC)


def replica_start(document: str, parts: list[list[str]]) -> Chamber:
    """The state of the server's checkpoint, checked as opening a log checks one (version,
    each part's digest, the state ending at the event it names); the events after it must
    then follow on from that event. Closed sittings are decoded when first asked for."""
    texts = {part_digest: text for part_digest, text in parts}

    def part_text(wanted: str) -> str:
        text = texts.get(wanted)
        if text is None:
            raise CheckpointError(f"its part {wanted[:12]} was not sent")
        return text

    try:
        return decode(document, part_text, lazy=True)
    except CheckpointError as error:
        raise RemoteError(f"the server's checkpoint cannot be used: {error}; restart the "
                          "console", "out_of_sync") from error


class RemoteService:
    def __init__(self, url: str, token: str, actor: str, *,
                 delay: Callable[[int], float] = backoff,
                 clock: Callable[[], datetime] = utc_now) -> None:
        self.url = url
        self.token = token
        self.actor = actor
        self.state = Chamber()
        self.link = Link("connecting")
        self.status: dict[str, Any] = {}  # the server's last `status` (its screens)
        self._delay = delay
        self._clock = clock
        self._listeners: list[Listener] = []
        self._link_listeners: list[Callable[[Link], None]] = []
        self._pending: dict[str, asyncio.Future[dict[str, Any]]] = {}
        self._ids = itertools.count(1)
        self._connection: ClientConnection | None = None
        self._reader: asyncio.Task[None] | None = None
        self._keeper: asyncio.Task[None] | None = None
        self._closing = False

    def subscribe(self, listener: Listener) -> Callable[[], None]:
        self._listeners.append(listener)
        return lambda: self._listeners.remove(listener)

    def watch_link(self, listener: Callable[[Link], None]) -> Callable[[], None]:
        """Calls `listener(link)` on every change of the connection's state."""
        self._link_listeners.append(listener)
        return lambda: self._link_listeners.remove(listener)

    # --- what the header shows of the server (session_console.backend.Displays) --------

    @property
    def display_count(self) -> int:
        return int(self.status.get("displays", 0))

    def urls(self) -> dict[str, str]:
        return dict(self.status.get("pages", {}))

    def connected_devices(self) -> list[str]:
        return [str(member) for member in self.status.get("devices", [])]

    # --- the connection ------------------------------------------------------------------

    async def connect(self) -> None:
        """Connects now (a reconnect under way is dropped); raises RemoteError."""
        self._closing = False
        await self._stop_keeper()
        if self.connected:
            return
        await self._open()
        self._set_link(Link("connected"))

    @property
    def connected(self) -> bool:
        return (self._connection is not None and self._reader is not None
                and not self._reader.done())

    async def _open(self) -> None:
        """Says hello as control and folds the log (from the seq this replica holds)."""
        try:
            connection = await connect(self.url, max_size=None, open_timeout=10,
                                       ping_interval=KEEPALIVE_S, ping_timeout=KEEPALIVE_S)
        except (OSError, InvalidHandshake, InvalidURI, TimeoutError) as error:
            raise RemoteError(f"cannot connect to {self.url}: {error}") from error
        try:
            fresh = self.state.last_seq == 0
            await connection.send(json.dumps({
                "type": "hello", "v": PROTOCOL_VERSION, "role": "control",
                "token": self.token, "since": self.state.last_seq, "status": True,
                "checkpoint": fresh}))
            await self._expect(connection, "welcome")
            log = await self._expect(connection, "checkpoint", "events")
            if log["type"] == "checkpoint":
                self.state = replica_start(log["document"], log["parts"])
                log = await self._expect(connection, "events")
            self._fold(log["events"])
        except ConnectionClosed as closed:
            raise RemoteError(f"the server closed the connection: {closed.rcvd}") from closed
        except RemoteError:
            await connection.close()
            raise
        self._connection = connection
        self._reader = asyncio.get_running_loop().create_task(self._read(connection))

    async def _expect(self, connection: ClientConnection, *kinds: str) -> dict[str, Any]:
        message: dict[str, Any] = json.loads(await connection.recv())
        if message.get("type") == "error":
            raise RemoteError(message.get("message_en", "refused"), message.get("code", "error"))
        if message.get("type") not in kinds:
            raise RemoteError(f"expected {' or '.join(kinds)} from the server, got "
                              f"{message.get('type')}", "protocol")
        return message

    def _fold(self, raw_events: list[dict[str, Any]]) -> tuple[StoredEvent, ...]:
        fresh = tuple(e for e in map(StoredEvent.model_validate, raw_events)
                      if e.seq > self.state.last_seq)
        state = self.state
        for stored in fresh:
            if stored.seq != state.last_seq + 1 or stored.prev_hash != state.last_hash:
                raise RemoteError(
                    f"event {stored.seq} does not follow event {state.last_seq} of this "
                    "replica; restart the console to fetch the log again", "out_of_sync")
            state = apply(state, stored)
        self.state = state
        if fresh:
            for listener in list(self._listeners):
                listener(fresh, state)
        return fresh

    async def _read(self, connection: ClientConnection) -> None:
        reason: RemoteError = Unconfirmed()
        lost = "the connection to the server was lost"
        try:
            async for raw in connection:
                self._receive(json.loads(raw))
        except ConnectionClosed:
            pass
        except RemoteError as broken:  # out of sync: drop the line; retrying cannot mend it
            reason = broken
            await connection.close()
        finally:
            for future in self._pending.values():
                if not future.done():
                    future.set_exception(reason)
            self._pending.clear()
        if connection.close_code is not None and connection.close_code >= 4000:
            lost = f"{lost} (closed {connection.close_code}: {connection.close_reason})"
        if not self._closing:
            self._keeper = asyncio.get_running_loop().create_task(
                self._reconnect(lost if isinstance(reason, Unconfirmed) else reason))

    async def _reconnect(self, why: str | RemoteError) -> None:
        """Tries again with backoff until the server answers, or refuses us for good."""
        since = self._clock()
        if isinstance(why, RemoteError) and why.code not in RETRYABLE:
            self._set_link(Link("lost", since, 0, str(why)))
            return
        reason = str(why)
        for attempt in itertools.count(1):
            self._set_link(Link("reconnecting", since, attempt, reason))
            await asyncio.sleep(self._delay(attempt))
            try:
                await self._open()
            except RemoteError as error:
                if error.code not in RETRYABLE:
                    self._set_link(Link("lost", since, attempt, str(error)))
                    return
                reason = str(error)
                continue
            self._set_link(Link("connected"))
            return

    def _set_link(self, link: Link) -> None:
        self.link = link
        for listener in list(self._link_listeners):
            listener(link)

    def _receive(self, message: dict[str, Any]) -> None:
        kind = message.get("type")
        if kind == "events":
            self._fold(message["events"])
            return
        if kind == "status":
            self.status = message
            self._set_link(self.link)  # the header shows the server's screens with the link
            return
        command_id = message.get("id")
        future = self._pending.pop(command_id, None) if isinstance(command_id, str) else None
        if future is None or future.done():
            return
        if kind == "ack":
            future.set_result(message)
        elif message.get("rejection"):
            future.set_exception(Rejection(message["rejection"], message["message"],
                                           message["message_en"]))
        else:
            future.set_exception(RemoteError(message["message_en"], message["code"],
                                             message.get("message")))

    async def submit(self, command: Command, actor: str) -> tuple[StoredEvent, ...]:
        """Sends the command and waits for its events. `actor` travels as the console's own
        word, which the server does not trust: it signs the events with the holder of this
        connection's token."""
        if not self.connected or self._connection is None:
            raise NotConnected()
        command_id = f"c{next(self._ids)}"
        future = asyncio.get_running_loop().create_future()
        self._pending[command_id] = future
        body = COMMAND_ADAPTER.dump_python(command, mode="json")
        try:
            await self._connection.send(json.dumps({
                "type": "command", "id": command_id, "actor": actor or self.actor,
                "command": body}, ensure_ascii=False))
        except ConnectionClosed as closed:
            self._pending.pop(command_id, None)
            raise Unconfirmed() from closed
        ack = await future
        events = tuple(StoredEvent.model_validate(e) for e in ack["events"])
        self._fold(ack["events"])
        return events

    async def _stop_keeper(self) -> None:
        keeper, self._keeper = self._keeper, None
        if keeper is not None and keeper is not asyncio.current_task():
            keeper.cancel()
            await asyncio.gather(keeper, return_exceptions=True)

    async def close(self) -> None:
        self._closing = True
        await self._stop_keeper()
        if self._connection is not None:
            await self._connection.close()
        if self._reader is not None:
            await self._reader
        self._connection = self._reader = None
