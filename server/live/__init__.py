"""The live server: websocket protocol, display views and pages on one port.

The package's names are loaded when first used (PEP 562), so that importing one light part
(`server.live.defaults`, `server.live.tokens`, `server.live.tls`) does not import the
server and websockets: the console's first frame and the command line's parser need none
of it (docs/performance.md, issue 12).
"""

from typing import TYPE_CHECKING

from server.lazy_names import loader

if TYPE_CHECKING:
    from server.live.defaults import DEFAULT_PORT
    from server.live.server import LiveServer
    from server.live.tokens import TokenError, default_token_dir

__all__ = ["DEFAULT_PORT", "LiveServer", "TokenError", "default_token_dir"]
_HOMES = {"DEFAULT_PORT": "server.live.defaults", "LiveServer": "server.live.server",
          "TokenError": "server.live.tokens", "default_token_dir": "server.live.tokens"}

__getattr__ = loader(__name__, _HOMES, globals())
