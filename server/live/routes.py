"""Plain HTTP on the websocket's port: the display pages, their files, and JSON views.

Only GET and HEAD are answered (405 with `Allow` for any other method); HEAD gets GET's
headers without the body, and a request that carries a body gets 400. Requests other than
a plain GET reach `answer` through `server.live.plain_http`, since the websockets library
would close them without a word.
"""

import json
from collections.abc import Callable
from http import HTTPStatus
from importlib import resources
from typing import Any
from urllib.parse import parse_qs, urlsplit

from websockets.datastructures import Headers
from websockets.http11 import Request, Response

WEBSOCKET_PATH = "/ws"
METHODS = ("GET", "HEAD")
PAGES = {"/chamber": "chamber.html", "/overlay": "overlay.html"}  # screens: display token
VOTE_PAGE = "/vote"  # members' devices: their own code, never a token
ASSETS = {"/live.js": "live.js", "/live.css": "live.css", "/vote.js": "vote.js",
          "/vote.css": "vote.css"}
CONTENT_TYPES = {".html": "text/html; charset=utf-8", ".js": "text/javascript; charset=utf-8",
                 ".css": "text/css; charset=utf-8", ".json": "application/json; charset=utf-8",
                 ".txt": "text/plain; charset=utf-8"}
SECURITY = (
    ("Cache-Control", "no-store"),
    ("X-Content-Type-Options", "nosniff"),
    ("Referrer-Policy", "no-referrer"),
    ("Content-Security-Policy",
     "default-src 'self'; connect-src 'self' ws: wss:; img-src 'self' data:"),
)

# (view name, token from the query) -> the view's JSON document, or an HTTP status
JsonView = Callable[[str, str], dict[str, Any] | HTTPStatus]


def response(status: HTTPStatus, body: bytes, kind: str, *extra: tuple[str, str]) -> Response:
    headers = Headers([("Content-Type", CONTENT_TYPES[kind]),
                       ("Content-Length", str(len(body))), *SECURITY, *extra])
    return Response(status.value, status.phrase, headers, body)


def text(status: HTTPStatus, message: str, *extra: tuple[str, str]) -> Response:
    return response(status, (message + "\n").encode(), ".txt", *extra)


def _page(name: str) -> bytes:
    return resources.files("server.live.pages").joinpath(name).read_bytes()


def _json_view(path: str, query: str, json_view: JsonView) -> Response:
    name = path.removeprefix("/view/").removesuffix(".json")
    token = parse_qs(query).get("token", [""])[0]
    result = json_view(name, token)
    if isinstance(result, HTTPStatus):
        messages = {HTTPStatus.NOT_FOUND: f"no view {name!r}; views: chamber, overlay, public",
                    HTTPStatus.UNAUTHORIZED: "a display token is needed: ?token=..."}
        return text(result, messages[result])
    body = json.dumps(result, ensure_ascii=False, separators=(",", ":"), allow_nan=False).encode()
    return response(HTTPStatus.OK, body, ".json", ("Access-Control-Allow-Origin", "*"))


def route(request: Request, json_view: JsonView) -> Response | None:
    """The HTTP answer for a request, or None to go on with the websocket handshake.
    (websockets before 15 has no `method`: it passed on GET requests only.)"""
    return answer(getattr(request, "method", "GET"), request.path, request.headers, json_view)


def has_body(headers: Headers) -> bool:
    """Whether a request's headers announce a body (a Content-Length other than 0, or a
    Transfer-Encoding)."""
    return bool(set(headers.get_all("Content-Length")) - {"0"} or "Transfer-Encoding" in headers)


def answer(method: str, target: str, headers: Headers,
           json_view: JsonView) -> Response | None:
    """The answer to METHOD TARGET, or None to go on with the websocket handshake."""
    if method not in METHODS:
        allowed = ", ".join(METHODS)
        return text(HTTPStatus.METHOD_NOT_ALLOWED, f"only {allowed} are answered here",
                    ("Allow", allowed))
    if has_body(headers):
        return text(HTTPStatus.BAD_REQUEST, f"a {method} request carries no body")
    found = _get(target, headers, json_view, websocket=method == "GET")
    if found is None or method == "GET":
        return found
    return Response(found.status_code, found.reason_phrase, found.headers, b"")  # HEAD


def _get(target: str, headers: Headers, json_view: JsonView,
         websocket: bool) -> Response | None:
    url = urlsplit(target)
    upgrade = websocket and headers.get("Upgrade", "").lower() == "websocket"
    if url.path == WEBSOCKET_PATH:
        return None if upgrade else text(HTTPStatus.UPGRADE_REQUIRED,
                                         "this is the websocket endpoint")
    if url.path in PAGES:
        return response(HTTPStatus.OK, _page(PAGES[url.path]), ".html")
    if url.path == VOTE_PAGE:
        return response(HTTPStatus.OK, _page("vote.html"), ".html")
    if url.path in ASSETS:
        name = ASSETS[url.path]
        return response(HTTPStatus.OK, _page(name), name[name.rindex("."):])
    if url.path.startswith("/view/") and url.path.endswith(".json"):
        return _json_view(url.path, url.query, json_view)
    return text(HTTPStatus.NOT_FOUND,
                "not found; pages: /chamber, /overlay, /vote; data: /view/{chamber,overlay,public}.json")
