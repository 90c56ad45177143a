"""One connection's conversation, with no I/O: what a client sent, and what to do about it.

A `Session` is fed the client's frames (and the time) and returns actions: messages to
send, a close, a view to follow, the log to stream, a command to run. The asyncio layer
(server.live.handler) reads and writes the socket and does what the actions say, the way
the websockets library runs its own sans-I/O protocol.

Every bad input gets an error message with a code; the connection is closed only where
going on makes no sense (no or bad hello, a wrong token, a display sending commands,
a flood). Nothing a client sends can crash the server or write anything half-done.
"""

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from pydantic import ValidationError

from models.commands import SERVER_ONLY, Command, DeviceAnswer, DeviceCheckIn, parse_command
from models.events import AnswerRecorded, StoredEvent
from models.rejection import Rejection
from server.live import protocol as p
from server.live import strict_json
from server.live.member_view import member_view_name
from server.script import describe_validation
from server.store import StoreError

KNOWN_TYPES = {"hello", "command", "ping", "resync", "answer", "check_in"}
# (messages a client may send at once, messages a second it may keep sending), by role:
# a screen sends a ping every few seconds; a console may send a burst of roll-call answers;
# a member's device a ping now and then and a few presses of a button.
FLOOD_LIMITS = {"display": (40, 20.0), "public": (40, 20.0), "control": (400, 200.0),
                "member": (20, 4.0)}

ClientMessage = (p.Hello | p.CommandMessage | p.Ping | p.Resync | p.AnswerMessage
                 | p.CheckInMessage)
# a device's code -> (member id, the code's hash in the log), or None for no valid code
MemberOf = Callable[[str], tuple[str, str] | None]


class BadMessage(Exception):
    def __init__(self, code: str, pl: str, en: str, close: int | None = None,
                 command_id: str | None = None) -> None:
        super().__init__(en)
        self.code, self.pl, self.en, self.close = code, pl, en, close
        self.command_id = command_id  # a malformed command still gets its id answered


class FloodGate:
    """A token bucket: `burst` messages at once, `rate` a second after that."""

    def __init__(self, burst: int, rate: float, now: float) -> None:
        self.burst, self.rate = burst, rate
        self.tokens = float(burst)
        self.at = now

    def allow(self, now: float) -> bool:
        self.tokens = min(self.burst, self.tokens + (now - self.at) * self.rate)
        self.at = now
        if self.tokens < 1:
            return False
        self.tokens -= 1
        return True


# --- what the I/O layer is asked to do ---------------------------------------------------


@dataclass(frozen=True)
class Send:
    message: dict[str, Any]
    refusal: bool = False  # an error for a bad input, which the operator's log notes


@dataclass(frozen=True)
class Close:
    code: int
    reason: str


@dataclass(frozen=True)
class Follow:
    """Join the view's feed, which sends the first snapshot."""

    view: str


@dataclass(frozen=True)
class Leave:
    """Stop sending this connection anything but what follows (before a closing error)."""


@dataclass(frozen=True)
class Stream:
    """Control: the log after `since`, then every new event (and `status`, if asked)."""

    since: int
    status: bool = False
    checkpoint: bool = False  # may start from the server's newest checkpoint


@dataclass(frozen=True)
class Resend:
    """A fresh snapshot of the view (the client saw a gap)."""

    view: str


@dataclass(frozen=True)
class Submit:
    """Run the command; answer with `acknowledged` or `refused`."""

    id: str
    actor: str
    command: Command


Action = Send | Close | Follow | Leave | Stream | Resend | Submit


# --- messages ------------------------------------------------------------------------------


def error(code: str, pl: str, en: str, **extra: str | None) -> dict[str, Any]:
    return {"type": "error", "code": code, "message": pl, "message_en": en,
            **{key: value for key, value in extra.items() if value is not None}}


def decode(raw: str | bytes) -> ClientMessage:
    if isinstance(raw, bytes):
        raise BadMessage("binary", "Oczekiwano tekstu JSON, nie danych binarnych.",
                         "Expected JSON text, not binary data.")
    try:
        data = strict_json.loads(raw)
    except strict_json.NotProtocolJson as refused:
        raise BadMessage("bad_json", refused.pl, refused.en) from None
    if not isinstance(data, dict):
        raise BadMessage("bad_message", "Wiadomość musi być obiektem JSON.",
                         "The message must be a JSON object.")
    kind = data.get("type")
    if not isinstance(kind, str):
        raise BadMessage("bad_message", "Wiadomość musi mieć pole type z nazwą typu.",
                         "The message needs a type field naming its type.")
    if kind not in KNOWN_TYPES:
        raise BadMessage("unknown_type", f"Nieznany typ wiadomości: {kind[:40]}.",
                         f"Unknown message type: {kind[:40]}.")
    try:
        return p.CLIENT_ADAPTER.validate_python(data)
    except ValidationError as invalid:
        detail = describe_validation(invalid)
        command_id = data.get("id")
        raise BadMessage("bad_message", f"Błędna wiadomość: {detail}", f"Bad message: {detail}",
                         command_id=command_id[:64] if isinstance(command_id, str) else None
                         ) from None


def refusal(bad: BadMessage) -> list[Action]:
    """The error for a bad message, and the close when it is one that ends the connection."""
    answer: list[Action] = [Send(error(bad.code, bad.pl, bad.en, id=bad.command_id),
                                 refusal=True)]
    if bad.close is not None:
        answer.append(Close(bad.close, bad.en[:120]))
    return answer


def server_failed() -> dict[str, Any]:
    """The error sent before closing with 1011 when the server failed on a message (a bug)."""
    return error("server_error", "Błąd serwera; połączenie zamknięte (szczegóły w logu serwera).",
                 "Server error; connection closed (details in the server's log).")


def acknowledged(submit: Submit, events: Sequence[StoredEvent], last_seq: int) -> dict[str, Any]:
    """The ack of a command: its events (none when it changed nothing) and the log's seq."""
    seq = events[-1].seq if events else last_seq
    return {"type": "ack", "id": submit.id, "seq": seq,
            "events": [e.model_dump(mode="json") for e in events]}


def recorded(submit: Submit, events: Sequence[StoredEvent]) -> dict[str, Any]:
    """A member device's answer (or check-in) is durable: the one event it made."""
    (stored,) = events
    answer = stored.event.answer if isinstance(stored.event, AnswerRecorded) else None
    return p.Recorded(id=submit.id, seq=stored.seq, answer=answer.value if answer else None,
                      at=round(stored.at.timestamp() * 1000)).model_dump(exclude_none=True)


def refused(submit: Submit, failure: Rejection | StoreError) -> dict[str, Any]:
    """The error of a command the domain said no to, or that could not be written."""
    if isinstance(failure, Rejection):
        return error("rejected", failure.pl, failure.en, id=submit.id, rejection=failure.code)
    return error("store_failed", f"Zapis się nie powiódł: {failure.message('pl')}",
                 f"Writing failed: {failure.message('en')}", id=submit.id)


# --- the conversation ------------------------------------------------------------------------


class Session:
    """One connection from its hello to its close. `now` is a monotonic clock in seconds
    (the flood gate's), `wall_ms` the server clock sent to the client (Unix ms)."""

    def __init__(self, allows: Callable[[str, str], bool],
                 actor_of: Callable[[str], str] = lambda token: "remote:control",
                 member_of: MemberOf = lambda code: None) -> None:
        self.allows = allows
        self.actor_of = actor_of  # a console's commands are signed by its token's holder
        self.member_of = member_of  # a device's code -> its member, from the log's hashes
        self.actor = ""
        self.role = ""
        self.view: str | None = None
        self.gate: FloodGate | None = None
        self.member: str | None = None  # a member device: whose, and its code's hash
        self.code_hash = ""

    def acknowledge(self, submit: Submit, events: Sequence[StoredEvent],
                    last_seq: int) -> dict[str, Any]:
        """The answer to a durable command: `recorded` for a device, `ack` for a console."""
        if self.role == "member":
            return recorded(submit, events)
        return acknowledged(submit, events, last_seq)

    def hello(self, raw: str | bytes | None, now: float, wall_ms: int) -> list[Action]:
        """The first frame, or None when none came in time."""
        try:
            return self._join(self._checked_hello(raw), now, wall_ms)
        except BadMessage as bad:
            return refusal(bad)

    def receive(self, raw: str | bytes, now: float, wall_ms: int) -> list[Action]:
        """Any later frame."""
        if self.gate is None:
            raise RuntimeError("receive() before a hello was accepted")
        if not self.gate.allow(now):
            return [Leave(), *refusal(BadMessage(
                "flood", "Za dużo wiadomości; połączenie zamknięte.",
                "Too many messages; connection closed.", p.CLOSE_FLOOD))]
        try:
            return self._dispatch(decode(raw), wall_ms)
        except BadMessage as bad:
            return refusal(bad)

    def _checked_hello(self, raw: str | bytes | None) -> p.Hello:
        if raw is None:
            raise BadMessage("hello_timeout", "Brak powitania (hello) na czas.",
                             "No hello in time.", p.CLOSE_PROTOCOL)
        try:
            message = decode(raw)
        except BadMessage as bad:
            bad.close = p.CLOSE_PROTOCOL
            raise
        if not isinstance(message, p.Hello):
            raise BadMessage("hello_required", "Pierwsza wiadomość musi być powitaniem (hello).",
                             "The first message must be a hello.", p.CLOSE_PROTOCOL)
        if message.v != p.PROTOCOL_VERSION:
            raise BadMessage("version", f"Serwer mówi protokołem v{p.PROTOCOL_VERSION}.",
                             f"The server speaks protocol v{p.PROTOCOL_VERSION}.",
                             p.CLOSE_PROTOCOL)
        if message.role == "member":
            return message  # the code is looked up when joining
        if not self.allows(message.role, message.token):
            raise BadMessage("unauthorized", "Brak dostępu: zły lub brakujący token.",
                             "Unauthorized: wrong or missing token.", p.CLOSE_UNAUTHORIZED)
        return message

    def _join(self, hello: p.Hello, now: float, wall_ms: int) -> list[Action]:
        if hello.role == "member":
            return self._join_member(hello, now, wall_ms)
        if hello.role == "control":
            self._accept(hello.role, now)
            self.actor = self.actor_of(hello.token)
            return [Send(p.Welcome(role="control", now=wall_ms).model_dump(exclude={"member"})),
                    Stream(hello.since, hello.status, hello.checkpoint and hello.since == 0)]
        view = hello.view or ("public" if hello.role == "public" else "chamber")
        if hello.role == "public" and view != "public":
            raise BadMessage("forbidden", "Rola publiczna widzi tylko widok public.",
                             "The public role sees only the public view.", p.CLOSE_UNAUTHORIZED)
        self._accept(hello.role, now)
        self.view = view
        return [Send(p.Welcome(role=hello.role, view=view, now=wall_ms).model_dump(
            exclude={"member"})),
                Follow(view)]

    def _join_member(self, hello: p.Hello, now: float, wall_ms: int) -> list[Action]:
        found = self.member_of(hello.token) if hello.token else None
        if found is None:
            raise BadMessage("code_invalid", "Nieważny kod urządzenia (błędny, unieważniony "
                             "albo nigdy nie wydany).", "Invalid device code (wrong, revoked "
                             "or never issued).", p.CLOSE_UNAUTHORIZED)
        self._accept("member", now)
        self.member, self.code_hash = found
        self.actor = f"device:{self.member}"
        self.view = member_view_name(self.member)
        return [Send(p.Welcome(role="member", view=self.view, member=self.member,
                               now=wall_ms).model_dump()),
                Follow(self.view)]

    def _accept(self, role: str, now: float) -> None:
        self.role = role
        self.gate = FloodGate(*FLOOD_LIMITS[role], now)

    def _dispatch(self, message: ClientMessage, wall_ms: int) -> list[Action]:
        match message:
            case p.Ping():
                return [Send(p.Pong(t=message.t, now=wall_ms).model_dump())]
            case p.Resync() if self.view is not None:
                return [Resend(self.view)]
            case p.Resync():
                raise BadMessage("no_view", "To połączenie nie śledzi widoku.",
                                 "This connection follows no view.")
            case p.Hello():
                raise BadMessage("hello_again", "Powitanie było już wysłane.",
                                 "Hello was already sent.")
            case p.CommandMessage() if self.role != "control":
                raise BadMessage("forbidden", "Ten klient może tylko oglądać; polecenia wysyła "
                                 "konsola.", "This client is read-only; commands come from a "
                                 "console.", p.CLOSE_FORBIDDEN)
            case p.CommandMessage():
                return [self._command(message)]
            case p.AnswerMessage() | p.CheckInMessage():
                return [self._device(message, wall_ms)]

    def _command(self, message: p.CommandMessage) -> Action:
        if message.command.get("type") in SERVER_ONLY:
            return Send(error("server_only", "Odpowiedzi z urządzeń radnych przychodzą tylko "
                              "z ich urządzeń; konsola zapisuje odpowiedź poleceniem "
                              "record_answer.", "Device answers come only from members' "
                              "devices; a console records an answer with record_answer.",
                              id=message.id), refusal=True)
        try:
            command = parse_command(message.command)
        except ValidationError as invalid:
            detail = describe_validation(invalid)
            return Send(error("invalid_command", f"Błędne polecenie: {detail}",
                              f"Invalid command: {detail}", id=message.id))
        return Submit(message.id, self.actor, command)  # never the client's own `actor`

    def _device(self, message: p.AnswerMessage | p.CheckInMessage, wall_ms: int) -> Action:
        """A member device's answer or check-in, as the command the server builds for it:
        the member and the code from the hello, the time from the server's clock."""
        if self.member is None:
            raise BadMessage("forbidden", "Odpowiedzi wysyła tylko urządzenie radnego.",
                             "Only a member's device sends answers.", p.CLOSE_FORBIDDEN)
        claimed = message.member if isinstance(message, p.AnswerMessage) else None
        if claimed is not None and claimed != self.member:
            raise BadMessage("forged_member", "To urządzenie głosuje tylko za swojego radnego; "
                             "nic nie zapisano.", "This device votes only for its own member; "
                             "nothing was written.", command_id=message.id)
        at = datetime.fromtimestamp(wall_ms / 1000, UTC)
        command: Command
        if isinstance(message, p.AnswerMessage):
            command = DeviceAnswer(member=self.member, code_hash=self.code_hash, at=at,
                                   answer=message.answer)
        else:
            command = DeviceCheckIn(member=self.member, code_hash=self.code_hash, at=at)
        return Submit(message.id, self.actor, command)
