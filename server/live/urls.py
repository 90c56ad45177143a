"""The addresses an operator types into a TV's browser or an OBS source, and the websocket's."""

import socket
from collections.abc import Iterable

from server.live.routes import PAGES, VOTE_PAGE, WEBSOCKET_PATH

ANY_ADDRESS = ("", "0.0.0.0", "::")


def reachable_host(host: str) -> str:
    """The address screens should use: for "every network", this machine's own address
    on the default route (no packet is sent), else localhost."""
    if host not in ANY_ADDRESS:
        return host
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
        try:
            probe.connect(("192.0.2.1", 9))  # TEST-NET-1: only picks the route
            return str(probe.getsockname()[0])
        except OSError:
            return "127.0.0.1"


def live_urls(host: str, port: int, display_token: str, views: Iterable[str], public: bool,
              public_token: str, secure: bool = False) -> dict[str, str]:
    """Every page (with the display token), the websocket, and each view's JSON document.
    The public view's carries the public token, the least that opens it (a website or the
    press gets that address, and the display token would open the screens' views too), or
    none when the public role is switched on."""
    base = f"{host}:{port}" if ":" not in host else f"[{host}]:{port}"
    http, ws = ("https", "wss") if secure else ("http", "ws")  # over TLS (--tls-cert)
    urls = {page.removeprefix("/"): f"{http}://{base}{page}?token={display_token}"
            for page in PAGES}
    urls["vote"] = f"{http}://{base}{VOTE_PAGE}"  # a member's device adds ?code=
    urls["websocket"] = f"{ws}://{base}{WEBSOCKET_PATH}"
    for name in views:
        token = public_token if name == "public" else display_token
        query = "" if name == "public" and public else f"?token={token}"
        urls[f"{name}_json"] = f"{http}://{base}/view/{name}.json{query}"
    return urls
