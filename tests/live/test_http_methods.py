"""HTTP methods and bodies on the live server's port, over a raw socket: every request gets
an answer (405 with Allow, 400, HEAD's headers), never a reset or a silence; the plain GETs
and the websocket go on as before (server.live.routes, server.live.plain_http)."""

import asyncio

import pytest
from websockets.datastructures import Headers

from server.live.plain_http import parse_head
from tests.live.conftest import display


async def exchange(port: int, request: bytes, body_chunks: int = 0) -> bytes:
    """Sends the request (then `body_chunks` more 64 KiB chunks of body, as a client
    streaming a large upload does) and reads the answer until the server closes."""
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    writer.write(request)
    await writer.drain()
    for _ in range(body_chunks):
        writer.write(b"x" * 65536)
        await writer.drain()
    answer = await asyncio.wait_for(reader.read(), 5)  # to EOF: the server closed
    writer.close()
    return answer


def split(answer: bytes) -> tuple[str, Headers, bytes]:
    head, _, body = answer.partition(b"\r\n\r\n")
    status, *lines = head.decode("latin-1").split("\r\n")
    headers = Headers()
    for line in lines:
        name, _, value = line.partition(":")
        headers[name] = value.strip()
    return status, headers, body


@pytest.mark.parametrize("request_bytes", [
    b"PUT /chamber HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\nhello",
    b"POST /view/chamber.json HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\n\r\n{}",
    b"POST /ws HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n",
    b"DELETE /view/chamber.json HTTP/1.1\r\nHost: x\r\n\r\n",
    b"OPTIONS * HTTP/1.1\r\nHost: x\r\n\r\n",
    b"BREW /chamber HTTP/1.0\r\n\r\n",
])
async def test_a_method_other_than_get_or_head_gets_405_with_allow(live, request_bytes):
    status, headers, body = split(await exchange(live.port, request_bytes))
    assert status == "HTTP/1.1 405 Method Not Allowed"
    assert headers["Allow"] == "GET, HEAD" and headers["Connection"] == "close"
    assert body == b"only GET, HEAD are answered here\n"
    assert headers["Content-Length"] == str(len(body))


async def test_a_large_upload_is_read_to_its_end_and_answered_not_reset(live):
    request = (b"PUT /view/chamber.json HTTP/1.1\r\nHost: x\r\n"
               b"Content-Length: 524288\r\n\r\n")
    status, _, _ = split(await exchange(live.port, request, body_chunks=8))
    assert status == "HTTP/1.1 405 Method Not Allowed"


@pytest.mark.parametrize("path", ["/chamber", "/live.js", "/view/chamber.json?token={token}",
                                  "/view/chamber.json", "/nothing"])
async def test_head_has_get_s_headers_and_no_body(live, path):
    path = path.format(token=live.tokens.token("display"))
    get = split(await exchange(live.port, f"GET {path} HTTP/1.1\r\nHost: x\r\n"
                                            "Connection: close\r\n\r\n".encode()))
    head = split(await exchange(live.port, f"HEAD {path} HTTP/1.1\r\nHost: x\r\n\r\n".encode()))
    assert head[0] == get[0] and head[0].split()[1] in {"200", "401", "404"}
    assert head[1]["Content-Type"] == get[1]["Content-Type"]
    assert head[1]["Content-Length"] == get[1]["Content-Length"] == str(len(get[2]))
    assert get[2] and head[2] == b""


async def test_a_get_with_a_body_gets_400(live):
    status, _, body = split(await exchange(
        live.port, b"GET /chamber HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\n\r\nabc"))
    assert status == "HTTP/1.1 400 Bad Request" and body == b"a GET request carries no body\n"


async def test_screens_are_served_after_all_that(live):
    for request in (b"PUT / HTTP/1.1\r\nContent-Length: 1\r\n\r\nx", b"HEAD /ws HTTP/1.1\r\n\r\n"):
        assert (await exchange(live.port, request)).startswith(b"HTTP/1.1 4")
    ws, snapshot = await display(live)
    assert snapshot["data"]["sitting"]["number"] == "XL"
    await ws.close()


def test_a_request_head_is_read_or_left_to_websockets():
    head = parse_head(b"PUT /chamber?x=1 HTTP/1.1\r\nHost: a\r\ncontent-length: 12")
    assert (head.method, head.target, head.headers["Content-Length"]) == \
        ("PUT", "/chamber?x=1", "12")
    assert head.body_length == 12 and not head.for_websockets
    plain = parse_head(b"GET /ws HTTP/1.1\r\nUpgrade: websocket\r\nContent-Length: 0")
    assert plain.for_websockets and plain.body_length == 0
    chunked = parse_head(b"POST / HTTP/1.1\r\nTransfer-Encoding: chunked")
    assert chunked.body_length is None
    assert parse_head(b"PUT / HTTP/1.1\r\nContent-Length: lots").body_length is None
    for garbage in (b"\x16\x03\x01\x02\x00", b"GET /", b"GET / SPDY/3", b"GET / HTTP/1.1\r\nnocolon",
                    "GET /\u0142 HTTP/1.1".encode()):
        assert parse_head(garbage) is None
