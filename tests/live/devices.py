"""Test helpers for members' devices: codes issued through the service, device clients."""

import json

from websockets.asyncio.client import ClientConnection, connect

from server.live import LiveServer
from server.live.devices import issue_code
from server.service import SittingService
from tests.live.conftest import receive


def give_codes(service: SittingService, members: list[str]) -> dict[str, str]:
    """A fresh device code for each member, issued as the console issues one."""
    codes = {}
    for member in members:
        code, command = issue_code(service.state, member)
        service.execute(command, "test")
        codes[member] = code
    return codes


async def device(live: LiveServer, code: str) -> tuple[ClientConnection, dict, dict]:
    """A member device after its hello: (connection, welcome, first snapshot)."""
    ws = await connect(live.urls()["websocket"])
    await ws.send(json.dumps({"type": "hello", "v": 1, "role": "member", "token": code}))
    welcome = await receive(ws)
    assert welcome["type"] == "welcome", welcome
    snapshot = await receive(ws)
    assert snapshot["type"] == "snapshot", snapshot
    return ws, welcome, snapshot


async def answer_reply(ws: ClientConnection, message: dict) -> dict:
    """Sends a device message and returns the reply to it (skipping view patches)."""
    await ws.send(json.dumps(message))
    while True:
        reply = await receive(ws)
        if reply["type"] != "patch":
            return reply
