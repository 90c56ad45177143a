"""docs/protocol.md shows every message with an example that the protocol accepts, and
names every error code the server can send."""

import json
import re
import typing

from models.commands import parse_command
from server.live import protocol as p
from server.live import session
from tests.cli import ROOT

DOC = (ROOT / "docs" / "protocol.md").read_text(encoding="utf-8")


def examples() -> list[dict]:
    found = []
    decoder = json.JSONDecoder()
    for block in re.findall(r"```json\n(.*?)```", DOC, re.DOTALL):
        at = 0
        while block[at:].strip():
            at += len(block[at:]) - len(block[at:].lstrip())
            message, at = decoder.raw_decode(block, at)
            found.append(message)
    return found


def _types(annotated) -> set[str]:
    """The `type` of each model in an Annotated[A | B | ..., Field(discriminator)]."""
    union, _field = typing.get_args(annotated)
    return {model.model_fields["type"].default for model in typing.get_args(union)}


def test_every_message_has_an_example_that_validates():
    client, server = _types(p.ClientMessage), _types(p.ServerMessage)
    shown = set()
    for message in examples():
        adapter = p.CLIENT_ADAPTER if message["type"] in client else p.SERVER_ADAPTER
        adapter.validate_python(message)
        if message["type"] == "command":
            parse_command(message["command"])
        shown.add(message["type"])
    assert shown == client | server


def test_every_error_code_the_server_sends_is_in_the_table():
    source = (ROOT / "server" / "live" / "session.py").read_text(encoding="utf-8")
    codes = set(re.findall(r'(?:BadMessage|error)\(\s*"(\w+)"', source))
    assert {"bad_json", "flood", "rejected"} <= codes
    table = set(re.findall(r"^\| `(\w+)` \|", DOC, re.MULTILINE))
    assert codes <= table, codes - table
    assert session.KNOWN_TYPES <= _types(p.ClientMessage)
