"""The live protocol, version 1: every message is one JSON object with a `type`.

Client messages are validated with the models below; server messages are built to the
shapes below (the hot ones, snapshot and patch, as plain dicts: tests check them against
these models). `sesja schema` prints the JSON Schema of both under "live".
"""

import json
import time
from collections.abc import Sequence
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, TypeAdapter

from models.events import StoredEvent
from models.terms import Answer

PROTOCOL_VERSION = 1
MAX_FRAME_BYTES = 64 * 1024  # a client message larger than this closes with 1009
HELLO_TIMEOUT_S = 10.0
COALESCE_S = 0.05  # at most one update per view every 50 ms

CLOSE_SERVER_ERROR = 1011  # the server failed on a message (RFC 6455 section 7.4.1)
# Close codes (4000-4999 are for applications, RFC 6455 section 7.4.2)
CLOSE_UNAUTHORIZED = 4001  # missing or wrong token, or a role not switched on
CLOSE_PROTOCOL = 4002  # no hello first, a wrong protocol version, a bad hello
CLOSE_FORBIDDEN = 4003  # a read-only client sent a command
CLOSE_FLOOD = 4008  # more messages than the flood limit allows
CLOSE_TOO_SLOW = 4009  # the client stopped reading and did not catch up
CLOSE_CODE_REVOKED = 4010  # a member device's code was revoked (or replaced) meanwhile


class Message(BaseModel):
    model_config = ConfigDict(extra="forbid")


# --- client -> server ----------------------------------------------------------------


class Hello(Message):
    """First message of every client. Displays name the view they follow."""

    type: Literal["hello"] = "hello"
    v: int
    role: Literal["control", "display", "public", "member"]
    token: str = Field(default="", max_length=200)  # a member device: the member's code
    view: Literal["chamber", "overlay", "public"] | None = None
    since: int = Field(default=0, ge=0)  # control: the last event seq it already holds
    status: bool = False  # control: also send `status` (the server's screens) as it changes
    # control holding nothing (since 0): may start from the server's newest checkpoint
    checkpoint: bool = False


class CommandMessage(Message):
    """Control only: a command (models.commands) with the client's id for the ack."""

    type: Literal["command"] = "command"
    id: str = Field(min_length=1, max_length=64)
    actor: str = Field(default="remote", min_length=1, max_length=80)
    command: dict[str, Any]


class Ping(Message):
    type: Literal["ping"] = "ping"
    t: float | None = Field(default=None, allow_inf_nan=False)  # echoed in the pong


class Resync(Message):
    """Asks for a fresh snapshot (a display that saw a gap in seq)."""

    type: Literal["resync"] = "resync"


class AnswerMessage(Message):
    """Member devices only: the member's answer in the open electronic vote. `member`, if
    given, must be the device's own member (the server never takes it as the voter)."""

    type: Literal["answer"] = "answer"
    id: str = Field(min_length=1, max_length=64)
    answer: Answer
    member: str | None = Field(default=None, max_length=40)


class CheckInMessage(Message):
    """Member devices only: the member checks in (where the council allows it)."""

    type: Literal["check_in"] = "check_in"
    id: str = Field(min_length=1, max_length=64)


ClientMessage = Annotated[Hello | CommandMessage | Ping | Resync | AnswerMessage | CheckInMessage,
                          Field(discriminator="type")]
CLIENT_ADAPTER: TypeAdapter[ClientMessage] = TypeAdapter(ClientMessage)


# --- server -> client ----------------------------------------------------------------


class Welcome(Message):
    type: Literal["welcome"] = "welcome"
    v: int = PROTOCOL_VERSION
    role: str
    view: str | None = None
    member: str | None = None  # a member device: whose device it is
    now: int  # server clock, Unix ms


class Snapshot(Message):
    type: Literal["snapshot"] = "snapshot"
    view: str
    seq: int  # the view's revision; the next patch has seq + 1
    log_seq: int  # the last event of the log the view reflects
    now: int
    data: dict[str, Any]


class Patch(Message):
    type: Literal["patch"] = "patch"
    view: str
    seq: int
    log_seq: int
    now: int
    patch: dict[str, Any]  # RFC 7386 JSON Merge Patch of the view


class EventsMessage(Message):
    """Control only: stored events in seq order (after hello: the whole log from `since`)."""

    type: Literal["events"] = "events"
    events: list[dict[str, Any]]
    last_seq: int


class CheckpointMessage(Message):
    """Control only, to a console that asked for it in its hello: the server's newest
    checkpoint (`models.checkpoint`: its document and every part it names, by digest); the
    `events` message after it holds the events after the checkpoint's."""

    type: Literal["checkpoint"] = "checkpoint"
    document: str
    parts: list[tuple[str, str]]  # (digest, canonical JSON of one sitting)


class Ack(Message):
    type: Literal["ack"] = "ack"
    id: str
    seq: int  # the last event's seq
    events: list[dict[str, Any]]


class Recorded(Message):
    """Member devices only: the answer (or check-in) is durably in the log."""

    type: Literal["recorded"] = "recorded"
    id: str
    seq: int  # the event's seq
    answer: str | None = None  # the answer recorded (none for a check-in)
    at: int  # the event's time, Unix ms


class ErrorMessage(Message):
    type: Literal["error"] = "error"
    code: str
    message: str  # Polish
    message_en: str
    id: str | None = None  # the command's id, when it answers a command
    rejection: str | None = None  # models.rejection code, when the domain said no


class Status(Message):
    """Control only: the server's screens as its own console's header shows them; sent after
    the first `events` and again whenever the number of screens changes."""

    type: Literal["status"] = "status"
    displays: int  # display and public clients following a view now
    devices: list[str] = []  # the members whose devices are connected now
    pages: dict[str, str]  # the page and view addresses, as `sesja serve` prints them


class Pong(Message):
    type: Literal["pong"] = "pong"
    t: float | None = Field(default=None, allow_inf_nan=False)
    now: int


ServerMessage = Annotated[
    Welcome | Snapshot | Patch | EventsMessage | CheckpointMessage | Ack | Recorded
    | ErrorMessage | Pong | Status,
    Field(discriminator="type")]
SERVER_ADAPTER: TypeAdapter[ServerMessage] = TypeAdapter(ServerMessage)


def now_ms() -> int:
    """The server clock sent with every frame: Unix milliseconds."""
    return round(time.time() * 1000)


def encode(message: dict[str, Any]) -> str:
    """A server message as the one compact JSON text frame every client receives; strict
    JSON (no NaN or Infinity, which `json.dumps` would otherwise write): ValueError."""
    return json.dumps(message, ensure_ascii=False, separators=(",", ":"), allow_nan=False)


def events_message(events: Sequence[StoredEvent], last_seq: int) -> dict[str, Any]:
    return {"type": "events", "events": [e.model_dump(mode="json") for e in events],
            "last_seq": last_seq}


def checkpoint_message(document: str, parts: Sequence[tuple[str, str]]) -> dict[str, Any]:
    return {"type": "checkpoint", "document": document, "parts": [list(p) for p in parts]}


def live_schema() -> dict[str, Any]:
    return {
        "version": PROTOCOL_VERSION,
        "client": CLIENT_ADAPTER.json_schema(),
        "server": SERVER_ADAPTER.json_schema(),
    }
