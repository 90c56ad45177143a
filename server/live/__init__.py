"""The live server: websocket protocol, display views and pages on one port."""

from server.live.server import DEFAULT_PORT, LiveServer
from server.live.tokens import TokenError, default_token_dir

__all__ = ["DEFAULT_PORT", "LiveServer", "TokenError", "default_token_dir"]
