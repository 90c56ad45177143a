"""One websocket connection, from its hello to its close: checks, routing, errors.

Every bad input gets an error message with a code; the connection is closed only where
going on makes no sense (no or bad hello, a wrong token, a display sending commands,
a flood). Nothing a client sends can crash the server or write anything half-done.
"""

from __future__ import annotations

import asyncio
import json
import time
from typing import TYPE_CHECKING

from pydantic import ValidationError
from websockets.asyncio.server import ServerConnection
from websockets.exceptions import ConnectionClosed

from models.commands import parse_command
from models.events import StoredEvent
from models.rejection import Rejection
from server.live import protocol as p
from server.live.feeds import encode, now_ms
from server.script import describe_validation
from server.store import StoreError

if TYPE_CHECKING:
    from server.live.server import LiveServer

KNOWN_TYPES = {"hello", "command", "ping", "resync"}
# (messages a client may send at once, messages a second it may keep sending), by role:
# a screen sends a ping every few seconds; a console may send a burst of roll-call answers.
FLOOD_LIMITS = {"display": (40, 20.0), "public": (40, 20.0), "control": (400, 200.0)}


class BadMessage(Exception):
    def __init__(self, code: str, pl: str, en: str, close: int | None = None,
                 command_id: str | None = None) -> None:
        super().__init__(en)
        self.code, self.pl, self.en, self.close = code, pl, en, close
        self.command_id = command_id  # a malformed command still gets its id answered


class FloodGate:
    """A token bucket: `burst` messages at once, `rate` a second after that."""

    def __init__(self, burst: int, rate: float) -> None:
        self.burst, self.rate = burst, rate
        self.tokens = float(burst)
        self.at = time.monotonic()

    def allow(self) -> bool:
        now = time.monotonic()
        self.tokens = min(self.burst, self.tokens + (now - self.at) * self.rate)
        self.at = now
        if self.tokens < 1:
            return False
        self.tokens -= 1
        return True


def error(code: str, pl: str, en: str, **extra: str | None) -> dict:
    return {"type": "error", "code": code, "message": pl, "message_en": en,
            **{key: value for key, value in extra.items() if value is not None}}


def decode(raw: str | bytes) -> p.Hello | p.CommandMessage | p.Ping | p.Resync:
    if isinstance(raw, bytes):
        raise BadMessage("binary", "Oczekiwano tekstu JSON, nie danych binarnych.",
                         "Expected JSON text, not binary data.")
    try:
        data = json.loads(raw)
    except ValueError:
        raise BadMessage("bad_json", "Wiadomość nie jest poprawnym JSON.",
                         "The message is not valid JSON.") from None
    if not isinstance(data, dict):
        raise BadMessage("bad_message", "Wiadomość musi być obiektem JSON.",
                         "The message must be a JSON object.")
    if data.get("type") not in KNOWN_TYPES:
        kind = str(data.get("type"))[:40]
        raise BadMessage("unknown_type", f"Nieznany typ wiadomości: {kind}.",
                         f"Unknown message type: {kind}.")
    try:
        return p.CLIENT_ADAPTER.validate_python(data)
    except ValidationError as invalid:
        detail = describe_validation(invalid)
        command_id = data.get("id")
        raise BadMessage("bad_message", f"Błędna wiadomość: {detail}", f"Bad message: {detail}",
                         command_id=command_id[:64] if isinstance(command_id, str) else None
                         ) from None


class Session:
    def __init__(self, live: LiveServer, connection: ServerConnection) -> None:
        self.live = live
        self.connection = connection
        self.gate = FloodGate(*FLOOD_LIMITS["display"])
        self.role = ""
        self.view: str | None = None

    async def send(self, message: dict) -> None:
        await self.connection.send(encode(message))

    async def refuse(self, bad: BadMessage) -> None:
        await self.send(error(bad.code, bad.pl, bad.en, id=bad.command_id))
        if bad.close is not None:
            await self.connection.close(bad.close, bad.en[:120])

    async def run(self) -> None:
        try:
            hello = await self._hello()
            await self._join(hello)
            try:
                await self._serve()
            finally:
                self._leave()
        except BadMessage as bad:
            await self.refuse(bad)
        except ConnectionClosed:
            pass

    async def _hello(self) -> p.Hello:
        try:
            raw = await asyncio.wait_for(self.connection.recv(), p.HELLO_TIMEOUT_S)
        except TimeoutError:
            raise BadMessage("hello_timeout", "Brak powitania (hello) na czas.",
                             "No hello in time.", p.CLOSE_PROTOCOL) from None
        try:
            message = decode(raw)
        except BadMessage as bad:
            bad.close = p.CLOSE_PROTOCOL
            raise
        if not isinstance(message, p.Hello):
            raise BadMessage("hello_required", "Pierwsza wiadomość musi być powitaniem (hello).",
                             "The first message must be a hello.", p.CLOSE_PROTOCOL)
        if message.v != p.PROTOCOL_VERSION:
            raise BadMessage("version", f"Serwer mówi protokołem v{p.PROTOCOL_VERSION}.",
                             f"The server speaks protocol v{p.PROTOCOL_VERSION}.",
                             p.CLOSE_PROTOCOL)
        if not self.live.allows(message.role, message.token):
            raise BadMessage("unauthorized", "Brak dostępu: zły lub brakujący token.",
                             "Unauthorized: wrong or missing token.", p.CLOSE_UNAUTHORIZED)
        return message

    async def _join(self, hello: p.Hello) -> None:
        self.role = hello.role
        self.gate = FloodGate(*FLOOD_LIMITS[hello.role])
        if hello.role == "control":
            await self.send(p.Welcome(role="control", now=now_ms()).model_dump())
            await self._join_control(hello.since)
            return
        view = hello.view or ("public" if hello.role == "public" else "chamber")
        if hello.role == "public" and view != "public":
            raise BadMessage("forbidden", "Rola publiczna widzi tylko widok public.",
                             "The public role sees only the public view.", p.CLOSE_UNAUTHORIZED)
        await self.send(p.Welcome(role=hello.role, view=view, now=now_ms()).model_dump())
        self.view = view
        self.live.feeds[view].join(self.connection, self.live.service.state)

    async def _join_control(self, since: int) -> None:
        """The log from `since`, then live events, with none lost or doubled in between."""
        pending: list[StoredEvent] = []
        self.live.joining[self.connection] = pending
        try:
            stored = await asyncio.to_thread(self.live.service.store.load)
        finally:
            del self.live.joining[self.connection]
        events = [e for e in stored if e.seq > since]
        last = events[-1].seq if events else since
        events += [e for e in pending if e.seq > last]
        await self.send(p.events_message(events, events[-1].seq if events else since))
        self.live.controls.add(self.connection)

    def _leave(self) -> None:
        self.live.controls.discard(self.connection)
        if self.view is not None:
            self.live.feeds[self.view].leave(self.connection)

    async def _serve(self) -> None:
        async for raw in self.connection:
            if not self.gate.allow():
                raise BadMessage("flood", "Za dużo wiadomości; połączenie zamknięte.",
                                 "Too many messages; connection closed.", p.CLOSE_FLOOD)
            try:
                await self._dispatch(decode(raw))
            except BadMessage as bad:
                await self.refuse(bad)
                if bad.close is not None:
                    return

    async def _dispatch(self, message: p.Hello | p.CommandMessage | p.Ping | p.Resync) -> None:
        match message:
            case p.Ping():
                await self.send(p.Pong(t=message.t, now=now_ms()).model_dump())
            case p.Resync() if self.view is not None:
                self.live.feeds[self.view].send_snapshot(self.connection)
            case p.Resync():
                raise BadMessage("no_view", "To połączenie nie śledzi widoku.",
                                 "This connection follows no view.")
            case p.Hello():
                raise BadMessage("hello_again", "Powitanie było już wysłane.",
                                 "Hello was already sent.")
            case p.CommandMessage() if self.role != "control":
                raise BadMessage("forbidden", "Ten klient może tylko oglądać; polecenia wysyła "
                                 "konsola.", "This client is read-only; commands come from a "
                                 "console.", p.CLOSE_FORBIDDEN)
            case p.CommandMessage():
                await self._command(message)

    async def _command(self, message: p.CommandMessage) -> None:
        try:
            command = parse_command(message.command)
        except ValidationError as invalid:
            detail = describe_validation(invalid)
            await self.send(error("invalid_command", f"Błędne polecenie: {detail}",
                                  f"Invalid command: {detail}", id=message.id))
            return
        try:
            events = await self.live.service.submit(command, message.actor)
        except Rejection as rejection:
            await self.send(error("rejected", rejection.pl, rejection.en, id=message.id,
                                  rejection=rejection.code))
            return
        except StoreError as failure:
            await self.send(error("store_failed", f"Zapis się nie powiódł: {failure}",
                                  f"Writing failed: {failure}", id=message.id))
            return
        seq = events[-1].seq if events else self.live.service.state.last_seq
        await self.send({"type": "ack", "id": message.id, "seq": seq,
                         "events": [e.model_dump(mode="json") for e in events]})
