"""A replica of the SittingService for a console on another machine, over the control role.

It folds the server's stored events into its own `.state` (the same pure reducer), so the
console reads state exactly as it would in process; commands go to the server, which
answers with an ack carrying the events, or an error that is raised here as a Rejection
(the domain said no) or a RemoteError (anything else).
"""

import asyncio
import itertools
import json
from collections.abc import Callable
from typing import Any

from websockets.asyncio.client import ClientConnection, connect
from websockets.exceptions import ConnectionClosed, InvalidHandshake, InvalidURI

from models.commands import COMMAND_ADAPTER, Command
from models.events import StoredEvent
from models.listeners import Listener
from models.reducer import apply
from models.rejection import Rejection
from models.state import Chamber
from server.live.protocol import PROTOCOL_VERSION


class RemoteError(ConnectionError):
    """The server could not be reached, refused us, or failed a command; says why."""

    def __init__(self, message: str, code: str = "connection") -> None:
        super().__init__(message)
        self.code = code


class RemoteService:
    def __init__(self, url: str, token: str, actor: str) -> None:
        self.url = url
        self.token = token
        self.actor = actor
        self.state = Chamber()
        self._listeners: list[Listener] = []
        self._pending: dict[str, asyncio.Future[dict[str, Any]]] = {}
        self._ids = itertools.count(1)
        self._connection: ClientConnection | None = None
        self._reader: asyncio.Task[None] | None = None

    def subscribe(self, listener: Listener) -> Callable[[], None]:
        self._listeners.append(listener)
        return lambda: self._listeners.remove(listener)

    async def connect(self) -> None:
        """Says hello as control and folds the log (from the seq this replica holds)."""
        try:
            self._connection = await connect(self.url, max_size=None, open_timeout=10)
        except (OSError, InvalidHandshake, InvalidURI, TimeoutError) as error:
            raise RemoteError(f"cannot connect to {self.url}: {error}") from error
        connection = self._connection
        await connection.send(json.dumps({
            "type": "hello", "v": PROTOCOL_VERSION, "role": "control", "token": self.token,
            "since": self.state.last_seq}))
        await self._expect(connection, "welcome")
        log = await self._expect(connection, "events")
        self._fold(log["events"])
        self._reader = asyncio.get_running_loop().create_task(self._read(connection))

    async def _expect(self, connection: ClientConnection, kind: str) -> dict[str, Any]:
        try:
            message: dict[str, Any] = json.loads(await connection.recv())
        except ConnectionClosed as closed:
            raise RemoteError(f"the server closed the connection: {closed.rcvd}") from closed
        if message.get("type") == "error":
            await connection.close()
            raise RemoteError(message.get("message_en", "refused"), message.get("code", "error"))
        if message.get("type") != kind:
            raise RemoteError(f"expected {kind} from the server, got {message.get('type')}",
                              "protocol")
        return message

    def _fold(self, raw_events: list[dict[str, Any]]) -> tuple[StoredEvent, ...]:
        fresh = tuple(e for e in map(StoredEvent.model_validate, raw_events)
                      if e.seq > self.state.last_seq)
        state = self.state
        for stored in fresh:
            if stored.seq != state.last_seq + 1 or stored.prev_hash != state.last_hash:
                raise RemoteError(
                    f"event {stored.seq} does not follow event {state.last_seq} of this "
                    "replica; reconnect to fetch the log again", "out_of_sync")
            state = apply(state, stored)
        self.state = state
        if fresh:
            for listener in list(self._listeners):
                listener(fresh, state)
        return fresh

    async def _read(self, connection: ClientConnection) -> None:
        reason = RemoteError("the connection to the server was lost")
        try:
            async for raw in connection:
                self._receive(json.loads(raw))
        except ConnectionClosed:
            pass
        except RemoteError as broken:  # out of sync: drop the line, the caller reconnects
            reason = broken
            await connection.close()
        finally:
            for future in self._pending.values():
                if not future.done():
                    future.set_exception(reason)
            self._pending.clear()

    def _receive(self, message: dict[str, Any]) -> None:
        kind = message.get("type")
        if kind == "events":
            self._fold(message["events"])
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
            future.set_exception(RemoteError(message["message_en"], message["code"]))

    async def submit(self, command: Command, actor: str) -> tuple[StoredEvent, ...]:
        if self._connection is None or self._reader is None or self._reader.done():
            raise RemoteError("not connected to the server")
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
            raise RemoteError("the connection to the server was lost") from closed
        ack = await future
        events = tuple(StoredEvent.model_validate(e) for e in ack["events"])
        self._fold(ack["events"])
        return events

    async def close(self) -> None:
        if self._connection is not None:
            await self._connection.close()
        if self._reader is not None:
            await self._reader
        self._connection = self._reader = None
