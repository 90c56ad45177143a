"""The live server: one port for the websocket protocol, the display pages and JSON views.

Display clients follow a view (snapshot, then merge patches, coalesced to at most one per
50 ms); control clients (remote consoles) get the stored events and send commands.
The server subscribes to the SittingService, so whatever writes the log (this server's
control clients, the console in the same process, a script) reaches every screen.

This class is the thin asyncio layer: it starts and stops the websockets server, hops
the service's notifications onto the event loop and keeps the refresh timer. The
decisions live in plain objects: access (who may open a role), urls, consoles (events
in seq order to the consoles), coalesce (when views refresh), slow (a client that stops
reading), json_views (the HTTP documents), and session/handler (one connection).
"""

import asyncio
import ssl
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

from websockets.asyncio.server import Server, ServerConnection, serve
from websockets.datastructures import Headers
from websockets.http11 import Request, Response

from models.events import DeviceCodeIssued, DeviceCodeRevoked, StoredEvent
from models.state import Chamber
from server.live.access import Authoriser
from server.live.coalesce import Coalescer
from server.live.consoles import Consoles
from server.live.defaults import DEFAULT_PORT
from server.live.devices import AllFeeds, MemberFeeds, member_of_code
from server.live.feeds import ViewFeed
from server.live.handler import Handler, Host
from server.live.json_views import JsonViews
from server.live.member_view import concerned_members
from server.live.plain_http import answering
from server.live.protocol import (
    CLOSE_CODE_REVOKED,
    COALESCE_S,
    MAX_FRAME_BYTES,
    checkpoint_message,
)
from server.live.refusal_log import RefusalLog
from server.live.routes import answer, route
from server.live.slow import SlowClientPolicy
from server.live.tokens import TokenStore
from server.live.urls import live_urls, reachable_host
from server.live.views import BUILDERS
from server.log_open import for_replica
from server.log_rows import stored_from_rows
from server.service import SittingService


class LiveServer:
    def __init__(self, service: SittingService, *, host: str = "127.0.0.1",
                 port: int = DEFAULT_PORT, token_dir: Path, public: bool = False,
                 buffer_limit: int = 256 * 1024, stall_timeout_s: float = 10.0,
                 tls: ssl.SSLContext | None = None) -> None:
        self.service = service
        self.host = host
        self.port = port
        self.public = public
        self.tls = tls  # pages and websocket over TLS (server.live.tls), else plain
        self.tokens = TokenStore(token_dir)
        self.access = Authoriser(self.tokens, public)
        policy = SlowClientPolicy(buffer_limit, stall_timeout_s)
        self.feeds = {name: ViewFeed(name, build, policy, on_clients=self._displays_changed)
                      for name, build in BUILDERS.items()}
        self.devices = MemberFeeds(policy, on_clients=self._displays_changed)
        self.consoles = Consoles(policy, status=self.status)
        self.json_views = JsonViews(self.feeds, self.access, lambda: self.service.state)
        self.refusals = RefusalLog()
        self._host = Host(allows=self.access.allows, feeds=AllFeeds(self.feeds, self.devices),
                          consoles=self.consoles, commands=service,
                          load_log=service.store.load, refusals=self.refusals,
                          load_checkpoint=self._checkpoint_start,
                          load_log_after=lambda seq: stored_from_rows(
                              service.store.rows(seq + 1)),
                          actor_of=self.access.actor_of,
                          member_of=lambda code: member_of_code(self.service.state, code))
        self._coalescer = Coalescer(COALESCE_S)
        self._server: Server | None = None
        self._loop: asyncio.AbstractEventLoop | None = None
        self._loop_thread = 0
        self._unsubscribe: Callable[[], None] | None = None
        self._refresh: asyncio.Handle | None = None
        self._closing_devices: set[asyncio.Task[None]] = set()  # devices of a revoked code
        self._touched: set[str] | None = set()  # members whose device views changed; None: all

    def _checkpoint_start(self) -> tuple[dict[str, Any], int] | None:
        """A joining console's start: the newest checkpoint up to the state served now."""
        found = for_replica(self.service.store, self.service.state.last_seq)
        if found is None:
            return None
        checkpoint, parts = found
        return checkpoint_message(checkpoint.document, parts), checkpoint.seq

    # --- lifecycle -----------------------------------------------------------------

    async def start(self) -> None:
        self._loop = asyncio.get_running_loop()
        self._loop_thread = threading.get_ident()
        self._server = await serve(
            self._handle, self.host, self.port, process_request=self._process_request,
            max_size=MAX_FRAME_BYTES, ping_interval=20, ping_timeout=20, close_timeout=2,
            compression=None, create_connection=answering(self._answer_plain_http),
            ssl=self.tls)
        self.port = self._server.sockets[0].getsockname()[1]
        self._unsubscribe = self.service.subscribe(self._on_events)
        self.consoles.order.next_seq = self.service.state.last_seq + 1  # older: in the log

    async def stop(self) -> None:
        if self._unsubscribe is not None:
            self._unsubscribe()
            self._unsubscribe = None
        if self._refresh is not None:
            self._refresh.cancel()
            self._refresh = None
            self._coalescer.cancel()
        for feed in self.feeds.values():
            feed.cancel()
        self.devices.cancel()
        self.consoles.cancel()
        if self._server is not None:
            self._server.close(close_connections=True)
            await self._server.wait_closed()
            self._server = None
        self.refusals.close()

    # --- what other parts of sesja use -----------------------------------------------

    def token_file(self, role: str) -> Path:
        return self.tokens.path(role)

    @property
    def display_count(self) -> int:
        return sum(len(feed.clients) for feed in self.feeds.values())

    @property
    def controls(self) -> set[ServerConnection]:
        """The consoles connected now."""
        return self.consoles.connections

    def urls(self) -> dict[str, str]:
        return live_urls(reachable_host(self.host), self.port, self.tokens.token("display"),
                         self.feeds, self.public, public_token=self.tokens.token("public"),
                         secure=self.tls is not None)

    def connected_devices(self) -> list[str]:
        """The members whose voting devices are connected now."""
        return self.devices.connected()

    def allows(self, role: str, token: str) -> bool:
        return self.access.allows(role, token)

    def status(self) -> dict[str, Any]:
        """What a remote console's header shows of this server: its screens and pages."""
        return {"type": "status", "displays": self.display_count, "pages": self.urls(),
                "devices": self.devices.connected()}

    def _displays_changed(self) -> None:
        self.consoles.announce()

    # --- changes from the service ---------------------------------------------------

    def _on_events(self, events: tuple[StoredEvent, ...], state: Chamber) -> None:
        """Called after each durable write, on the thread that wrote it."""
        loop = self._running_loop()
        if threading.get_ident() == self._loop_thread:
            self._changed(events)
        else:
            loop.call_soon_threadsafe(self._changed, events)

    def _changed(self, events: tuple[StoredEvent, ...]) -> None:
        self.consoles.forward(events)
        loop = self._running_loop()
        for stored in events:  # a lost phone's code stops working on the spot
            if isinstance(stored.event, DeviceCodeIssued | DeviceCodeRevoked):
                task = loop.create_task(self.devices.disconnect(
                    stored.event.member_id, CLOSE_CODE_REVOKED, "device code revoked"))
                self._closing_devices.add(task)
                task.add_done_callback(self._closing_devices.discard)
        self._touch(concerned_members(events))
        wait = self._coalescer.change(loop.time())
        if wait is None:
            return  # a refresh is already due: this change rides along
        # even "at once" is the loop's next turn: the acknowledgements the same write woke
        # go out first, and the presses of one turn ride in one refresh
        self._refresh = (loop.call_soon(self._flush) if wait <= 0
                         else loop.call_later(wait, self._flush))

    def _touch(self, members: frozenset[str] | None) -> None:
        """Notes whose device views the next refresh rebuilds (None: every member's)."""
        if members is None:
            self._touched = None
        elif self._touched is not None:
            self._touched |= members

    def _flush(self) -> None:
        self._refresh = None
        self._coalescer.refreshed(self._running_loop().time())
        state = self.service.state
        for feed in self.feeds.values():
            if feed.clients:
                feed.refresh(state)
        touched, self._touched = self._touched, set()
        self.devices.refresh(state, touched)

    def _running_loop(self) -> asyncio.AbstractEventLoop:
        if self._loop is None:
            raise RuntimeError("the live server is not started")
        return self._loop

    # --- connections -------------------------------------------------------------------

    def _process_request(self, connection: ServerConnection, request: Request) -> Response | None:
        return route(request, self.json_views)

    def _answer_plain_http(self, method: str, target: str, headers: Headers) -> Response | None:
        return answer(method, target, headers, self.json_views)

    async def _handle(self, connection: ServerConnection) -> None:
        await Handler(self._host, connection, peer_name(connection.remote_address)).run()


def peer_name(address: object) -> str:
    """"192.0.2.7:51234" or "[2001:db8::7]:51234" for a socket's peer address."""
    if isinstance(address, tuple) and len(address) >= 2:
        host, port = address[0], address[1]
        return f"[{host}]:{port}" if ":" in str(host) else f"{host}:{port}"
    return str(address)
