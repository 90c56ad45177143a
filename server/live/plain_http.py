"""HTTP requests that the websockets library would drop without a word, answered.

websockets reads a request for its handshake, a GET without a body; given a request with a
body (or, before version 15, any other method) it closes the connection with no answer, so a
browser or a monitoring probe sees a reset. So each connection's first bytes are held back
until the request's head is complete: a plain GET goes on to websockets as it came, and any
other request is answered here by `routes.answer` (405 with Allow, 400 for a body, HEAD's
headers), its body read and dropped, and the connection closed.
"""

from collections.abc import Callable
from dataclasses import dataclass
from http import HTTPStatus
from typing import Any

from websockets.asyncio.server import ServerConnection
from websockets.datastructures import Headers
from websockets.http11 import Response

from server.live.routes import has_body, text

HEAD_LIMIT = 16 * 1024  # past this without the head's end, websockets answers (414, 431)
BODY_LIMIT = 1024 * 1024  # a body up to this is read to its end before the close

# (method, target, headers) -> the answer (routes.answer with the server's JSON views)
Answer = Callable[[str, str, Headers], Response | None]


@dataclass(frozen=True)
class RequestHead:
    method: str
    target: str
    headers: Headers

    @property
    def for_websockets(self) -> bool:
        """A plain GET, which websockets' handshake parser takes."""
        return self.method == "GET" and not has_body(self.headers)

    @property
    def body_length(self) -> int | None:
        """The body's announced length; None when it is not known (chunked, invalid)."""
        if "Transfer-Encoding" in self.headers:
            return None
        lengths = set(self.headers.get_all("Content-Length")) or {"0"}
        if len(lengths) != 1:
            return None
        (length,) = lengths
        return int(length) if length.isdigit() else None


def parse_head(head: bytes) -> RequestHead | None:
    """The request line and headers (the bytes before the empty line), or None when they
    are not HTTP/1 (websockets then refuses them itself)."""
    lines = head.split(b"\r\n")
    try:
        method, target, version = lines[0].decode("ascii").split(" ", 2)
    except (UnicodeDecodeError, ValueError):
        return None
    if not version.startswith("HTTP/1."):
        return None
    headers = Headers()
    for line in lines[1:]:
        name, colon, value = line.partition(b":")
        if not colon:
            return None
        headers[name.decode("latin-1").strip()] = value.decode("latin-1").strip()
    return RequestHead(method, target, headers)


class PlainHttpConnection(ServerConnection):
    """A websockets connection that answers, before websockets sees them, the requests it
    would drop. `answer` is set on the subclass that `answering` makes."""

    answer: Answer

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._held: bytearray | None = bytearray()  # the head so far; None once decided
        self._to_drop: int | None = None  # the answered request's body bytes still to come

    def data_received(self, data: bytes) -> None:
        if self._to_drop is not None:
            self._drop(len(data))
        elif self._held is None:
            super().data_received(data)
        else:
            self._held += data
            end = self._held.find(b"\r\n\r\n")
            if end >= 0 or len(self._held) > HEAD_LIMIT:
                self._decide(bytes(self._held), end)

    def eof_received(self) -> None:
        if self._to_drop is not None:
            self.transport.close()
            return
        if self._held:  # an unfinished head: websockets says what it says to that
            held, self._held = bytes(self._held), None
            super().data_received(held)
        super().eof_received()

    def _decide(self, held: bytes, end: int) -> None:
        self._held = None
        head = parse_head(held[:end]) if end >= 0 else None
        if head is None or head.for_websockets:
            super().data_received(held)
            return
        response = self.answer(head.method, head.target, head.headers) or text(
            HTTPStatus.BAD_REQUEST, "not a websocket handshake")
        response.headers["Connection"] = "close"
        self.transport.write(response.serialize())
        length = head.body_length
        if length is None or length > BODY_LIMIT:
            self.transport.close()  # what else comes is not read: the client may see a reset
            return
        self._to_drop = length
        self._drop(len(held) - end - 4)

    def _drop(self, count: int) -> None:
        if self._to_drop is None:
            return
        self._to_drop -= count
        if self._to_drop <= 0:
            self.transport.close()


def answering(answer: Answer) -> type[PlainHttpConnection]:
    """The connection class for `websockets.serve(create_connection=...)`."""
    return type("AnsweringConnection", (PlainHttpConnection,), {"answer": staticmethod(answer)})
