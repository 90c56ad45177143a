"""The live server: one port for the websocket protocol, the display pages and JSON views.

Display clients follow a view (snapshot, then merge patches, coalesced to at most one per
50 ms); control clients (remote consoles) get the stored events and send commands.
The server subscribes to the SittingService, so whatever writes the log (this server's
control clients, the console in the same process, a script) reaches every screen.
"""

import asyncio
import socket
import threading
from http import HTTPStatus
from pathlib import Path

from websockets.asyncio.server import Server, ServerConnection, broadcast, serve
from websockets.http11 import Request, Response

from models.events import StoredEvent
from models.state import Chamber
from server.live.feeds import ViewFeed, buffered, encode
from server.live.protocol import CLOSE_TOO_SLOW, COALESCE_S, MAX_FRAME_BYTES, events_message
from server.live.routes import PAGES, WEBSOCKET_PATH, route
from server.live.session import Session
from server.live.tokens import TokenStore
from server.live.views import BUILDERS
from server.service import SittingService

DEFAULT_PORT = 8765
ROLE_RANK = {"public": 0, "display": 1, "control": 2}
ANY_ADDRESS = ("", "0.0.0.0", "::")


def reachable_host(host: str) -> str:
    """The address screens should use: for "every network", this machine's own address
    on the default route (no packet is sent), else localhost."""
    if host not in ANY_ADDRESS:
        return host
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
        try:
            probe.connect(("192.0.2.1", 9))  # TEST-NET-1: only picks the route
            return probe.getsockname()[0]
        except OSError:
            return "127.0.0.1"


class LiveServer:
    def __init__(self, service: SittingService, *, host: str = "127.0.0.1",
                 port: int = DEFAULT_PORT, token_dir: Path, public: bool = False,
                 buffer_limit: int = 256 * 1024, stall_timeout_s: float = 10.0) -> None:
        self.service = service
        self.host = host
        self.port = port
        self.public = public
        self.tokens = TokenStore(token_dir)
        self.feeds = {name: ViewFeed(name, build, buffer_limit, stall_timeout_s)
                      for name, build in BUILDERS.items()}
        self.buffer_limit = buffer_limit
        self.controls: set[ServerConnection] = set()
        self._closing: set[asyncio.Task] = set()
        self.joining: dict[ServerConnection, list[StoredEvent]] = {}
        self._held: dict[int, StoredEvent] = {}  # events that came before an earlier one
        self._next_seq = 0
        self._server: Server | None = None
        self._loop: asyncio.AbstractEventLoop | None = None
        self._loop_thread = 0
        self._unsubscribe = None
        self._flush_handle: asyncio.Handle | None = None
        self._last_flush = 0.0

    # --- lifecycle -----------------------------------------------------------------

    async def start(self) -> None:
        self._loop = asyncio.get_running_loop()
        self._loop_thread = threading.get_ident()
        self._server = await serve(
            self._handle, self.host, self.port, process_request=self._process_request,
            max_size=MAX_FRAME_BYTES, ping_interval=20, ping_timeout=20, close_timeout=2,
            compression=None)
        self.port = self._server.sockets[0].getsockname()[1]
        self._unsubscribe = self.service.subscribe(self._on_events)
        self._next_seq = self.service.state.last_seq + 1  # older ones are in the log

    async def stop(self) -> None:
        if self._unsubscribe is not None:
            self._unsubscribe()
            self._unsubscribe = None
        if self._flush_handle is not None:
            self._flush_handle.cancel()
            self._flush_handle = None
        for feed in self.feeds.values():
            feed.cancel()
        for task in list(self._closing):
            task.cancel()  # the server's close below ends those connections
        if self._server is not None:
            self._server.close(close_connections=True)
            await self._server.wait_closed()
            self._server = None

    # --- what other parts of sesja use -----------------------------------------------

    def token_file(self, role: str) -> Path:
        return self.tokens.path(role)

    @property
    def display_count(self) -> int:
        return sum(len(feed.clients) for feed in self.feeds.values())

    def urls(self) -> dict[str, str]:
        host = reachable_host(self.host)
        base = f"{host}:{self.port}" if ":" not in host else f"[{host}]:{self.port}"
        display = self.tokens.token("display")
        urls = {page.removeprefix("/"): f"http://{base}{page}?token={display}" for page in PAGES}
        urls["websocket"] = f"ws://{base}{WEBSOCKET_PATH}"
        for name in self.feeds:
            query = "" if name == "public" and self.public else f"?token={display}"
            urls[f"{name}_json"] = f"http://{base}/view/{name}.json{query}"
        return urls

    # --- authorisation -----------------------------------------------------------------

    def allows(self, role: str, token: str) -> bool:
        """A token opens its own role and the ones below it; public may need no token."""
        if role == "public" and self.public:
            return True
        granted = self.tokens.role_of(token) if token else None
        return granted is not None and ROLE_RANK[granted] >= ROLE_RANK[role]

    # --- changes from the service ---------------------------------------------------

    def _on_events(self, events: tuple[StoredEvent, ...], state: Chamber) -> None:
        """Called after each durable write, on the thread that wrote it."""
        if threading.get_ident() == self._loop_thread:
            self._changed(events)
        else:
            self._loop.call_soon_threadsafe(self._changed, events)

    def _changed(self, events: tuple[StoredEvent, ...]) -> None:
        self._forward(events)
        if self._flush_handle is not None:
            return  # a flush is already due: this change rides along
        wait = self._last_flush + COALESCE_S - self._loop.time()
        if wait <= 0:
            self._flush()
        else:
            self._flush_handle = self._loop.call_later(wait, self._flush)

    def _flush(self) -> None:
        self._flush_handle = None
        self._last_flush = self._loop.time()
        state = self.service.state
        for feed in self.feeds.values():
            if feed.clients:
                feed.refresh(state)

    def _forward(self, events: tuple[StoredEvent, ...]) -> None:
        """Sends the events to the consoles in seq order, whatever order writers on
        different threads told us in; each console folds them one after another."""
        self._held.update((e.seq, e) for e in events if e.seq >= self._next_seq)
        ready = []
        while self._next_seq in self._held:
            ready.append(self._held.pop(self._next_seq))
            self._next_seq += 1
        if not ready:
            return
        for pending in self.joining.values():
            pending.extend(ready)
        for console in [c for c in self.controls if buffered(c) > self.buffer_limit]:
            self._drop_slow(console)
        if self.controls:
            broadcast(self.controls, encode(events_message(ready, ready[-1].seq)))

    def _drop_slow(self, console: ServerConnection) -> None:
        """A console that stopped reading cannot skip events as a screen skips patches:
        it is closed, and its reconnect (hello with `since`) brings what it missed."""
        self.controls.discard(console)
        task = self._loop.create_task(console.close(CLOSE_TOO_SLOW, "console too slow: "
                                                    "reconnect with since"))
        self._closing.add(task)
        task.add_done_callback(self._closing.discard)

    # --- connections -------------------------------------------------------------------

    def _process_request(self, connection: ServerConnection, request: Request) -> Response | None:
        return route(request, self._json_view)

    def _json_view(self, name: str, token: str) -> dict | HTTPStatus:
        feed = self.feeds.get(name)
        if feed is None:
            return HTTPStatus.NOT_FOUND
        if not self.allows("public" if name == "public" else "display", token):
            return HTTPStatus.UNAUTHORIZED
        if not feed.clients:  # else the flushes keep it current, within the 50 ms window
            feed.refresh(self.service.state)
        return feed.snapshot()  # what the screens show: a poll never sends them a frame

    async def _handle(self, connection: ServerConnection) -> None:
        await Session(self, connection).run()
