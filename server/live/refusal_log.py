"""What the server's log says about the clients it refused, bounded whatever they send.

A refused client (a wrong token, bad JSON, a flood) is worth a line to the operator: it is
usually a screen set up with an old token. But a client can be refused as often as it can
send, and anyone on the network can connect again and again. So a connection gets one line
at most (its first refusal), all connections together at most `lines` lines per `window_s`
seconds, and what was left out is summed up in one line: at the first refusal after the
window, or when the server stops. A failure of the server itself (a bug) is logged the same
way, with its traceback, since that is what a bug report needs.
"""

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass, field

LOG = logging.getLogger("sesja.live")


@dataclass
class RefusalLog:
    lines: int = 20
    window_s: float = 60.0
    clock: Callable[[], float] = time.monotonic
    logger: logging.Logger = LOG
    _window_start: float | None = field(default=None, init=False)
    _written: int = field(default=0, init=False)
    _left_out: int = field(default=0, init=False)  # in this window, not logged
    _left_out_clients: int = field(default=0, init=False)  # connections not named at all

    def refused(self, client: str, first: bool, reason: str) -> None:
        """A refusal sent to `client`; `first` when it is this connection's first one."""
        if self._admit(first):
            self.logger.warning("client %s refused (%s); its later refusals are not logged",
                                client, reason[:200])

    def failed(self, client: str, error: BaseException) -> None:
        """The server failed on what `client` sent (a bug); the client was closed with 1011."""
        if self._admit(first=True):
            self.logger.error("client %s: the server failed on its message, closed it (1011)",
                              client, exc_info=error)

    def close(self) -> None:
        """The summary of what was left out, if anything was (when the server stops)."""
        self._summarise()

    def _admit(self, first: bool) -> bool:
        now = self.clock()
        if self._window_start is None or now - self._window_start >= self.window_s:
            self._summarise()
            self._window_start = now
        if first and self._written < self.lines:
            self._written += 1
            return True
        self._left_out += 1
        self._left_out_clients += first
        return False

    def _summarise(self) -> None:
        if self._left_out:
            unnamed = (f", {self._left_out_clients} of them from connections not named above"
                       if self._left_out_clients else "")
            self.logger.warning("%d more refusals were not logged%s", self._left_out, unnamed)
        self._written = self._left_out = self._left_out_clients = 0
