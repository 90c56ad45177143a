"""One feed per view: the view's current data and revision, and its display clients.

A change is published once per view as one encoded frame, written to every client whose
socket buffer is under the limit. A client over the limit (it stopped reading) gets no
more patches: it is put aside until its buffer drains, then gets a fresh snapshot; if it
does not drain in time, it is closed. So a stalled client never delays the others and
never holds more than one buffer limit of memory.
"""

import asyncio
from collections.abc import Callable
from typing import Any

from websockets.asyncio.server import ServerConnection, broadcast

from models.state import Chamber
from server.live.merge_patch import diff
from server.live.protocol import CLOSE_TOO_SLOW, encode, now_ms
from server.live.slow import CATCH_UP_POLL_S, SCREEN_TOO_SLOW, CatchUp, SlowClientPolicy, buffered
from server.live.views import View


class ViewFeed:
    def __init__(self, name: str, build: Callable[[Chamber], View],
                 policy: SlowClientPolicy, on_clients: Callable[[], None] | None = None) -> None:
        self.name = name
        self.on_clients = on_clients  # told when a client joins or leaves
        self.build = build
        self.policy = policy
        self.data: View = {}
        self.seq = 0
        self.log_seq = 0
        self.clients: set[ServerConnection] = set()
        self.behind: set[ServerConnection] = set()
        self._catch_ups: set[asyncio.Task[None]] = set()

    def refresh(self, state: Chamber) -> None:
        """Brings the view up to `state`, publishing the patch to the clients if it changed."""
        new = self.build(state)
        patch = diff(self.data, new)
        self.log_seq = state.last_seq
        if not patch:
            return
        self.data, self.seq = new, self.seq + 1
        self.publish(encode({"type": "patch", "view": self.name, "seq": self.seq,
                             "log_seq": self.log_seq, "now": now_ms(), "patch": patch}))

    def snapshot(self) -> dict[str, Any]:
        return {"type": "snapshot", "view": self.name, "seq": self.seq,
                "log_seq": self.log_seq, "now": now_ms(), "data": self.data}

    def join(self, connection: ServerConnection, state: Chamber) -> None:
        self.refresh(state)
        self.clients.add(connection)
        self.send_snapshot(connection)
        self._clients_changed()

    def leave(self, connection: ServerConnection) -> None:
        if connection in self.clients:
            self.clients.discard(connection)
            self._clients_changed()
        self.behind.discard(connection)

    def _clients_changed(self) -> None:
        if self.on_clients is not None:
            self.on_clients()

    def send_snapshot(self, connection: ServerConnection) -> None:
        broadcast((connection,), encode(self.snapshot()))

    def publish(self, frame: str) -> None:
        ready: list[ServerConnection] = []
        for connection in self.clients:
            if connection in self.behind:
                continue
            if self.policy.too_far_behind(buffered(connection)):
                self._fall_behind(connection)
            else:
                ready.append(connection)
        broadcast(ready, frame)

    def _fall_behind(self, connection: ServerConnection) -> None:
        self.behind.add(connection)
        task = asyncio.get_running_loop().create_task(self._catch_up(connection))
        self._catch_ups.add(task)
        task.add_done_callback(self._catch_ups.discard)

    async def _catch_up(self, connection: ServerConnection) -> None:
        """Waits for the client to drain its buffer, then sends it a fresh snapshot."""
        loop = asyncio.get_running_loop()
        since = loop.time()
        while (verdict := self.policy.catch_up(buffered(connection), since,
                                               loop.time())) is CatchUp.WAIT:
            await asyncio.sleep(CATCH_UP_POLL_S)
        if connection not in self.behind:
            return  # the client left meanwhile
        if verdict is CatchUp.CLOSE:
            self.leave(connection)
            await connection.close(CLOSE_TOO_SLOW, SCREEN_TOO_SLOW)
            return
        self.behind.discard(connection)
        self.send_snapshot(connection)

    def cancel(self) -> None:
        for task in list(self._catch_ups):
            task.cancel()
