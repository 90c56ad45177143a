"""JSON Schema of everything that crosses a boundary: commands and events."""

from typing import Any

from pydantic import TypeAdapter

from models.commands import Command
from models.events import Event, StoredEvent
from server.live.protocol import live_schema


def json_schema() -> dict[str, Any]:
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "sesja",
        "command": TypeAdapter(Command).json_schema(),
        "event": TypeAdapter(Event).json_schema(),
        "stored_event": StoredEvent.model_json_schema(),
        "live": live_schema(),
    }
