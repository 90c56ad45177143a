"""Malformed client frames from a seeded generator, for the live server's fuzz test.

The kinds that once crashed the server (a `type` that is a list or an object, nesting
deep enough for a RecursionError, lone surrogates, NaN and 1e999 where a number goes),
invalid JSON, binary frames, fields of the wrong type, and random mutations of every valid
message (hello, ping, resync, command). Each frame stays under the 64 KiB frame limit.
"""

import json
import random
from collections.abc import Callable, Iterator

from models.commands import parse_command

TEMPLATES = {
    "hello": {"type": "hello", "v": 1, "role": "display", "token": "x" * 43, "view": "chamber"},
    "control_hello": {"type": "hello", "v": 1, "role": "control", "token": "y" * 43, "since": 0},
    "ping": {"type": "ping", "t": 1795424985006},
    "resync": {"type": "resync"},
    "command": {"type": "command", "id": "c17", "actor": "console:anna",
                "command": {"type": "record_answer", "member": "m04", "answer": "yes"}},
}
ODD_VALUES = [[1], {}, {"a": 1}, None, True, 7, -0.0, "", "\u0000", "hello ", "HELLO",
              "x" * 300, 10**30, [[[]]]]
NOT_NUMBERS = ["NaN", "Infinity", "-Infinity", "1e999", "-1e400", "2.5E+308", "1" * 400]
SURROGATES = ["\\ud800", "\\udfff", "\\uDBFF", "\\ude00\\ud83d", "ok\\ud83d", "\\ud83d x"]
INSERTS = list('{}[]":,\\ntfe0123456789.-+ ') + ["\\u", "\\ud800", "null", "NaN", "\u0142"]


class FuzzFrames:
    def __init__(self, seed: int) -> None:
        self.random = random.Random(seed)
        self.kinds: list[Callable[[], str | bytes]] = [
            self.odd_type, self.deep, self.surrogate, self.not_a_number, self.not_json,
            self.binary, self.wrong_field, self.mutated, self.mutated, self.mutated]

    def frames(self, count: int, commands: bool) -> Iterator[str | bytes]:
        """`count` frames; with `commands` False, hardly any is a command (a display
        sending one is closed, which a test wants rarely, not every few frames)."""
        made = 0
        while made < count:
            frame = self.random.choice(self.kinds)()
            if could_write(frame) or (not commands and _is_command(frame)
                                      and self.random.random() > 0.01):
                continue
            made += 1
            yield frame

    def odd_type(self) -> str:
        message = dict(self.random.choice(list(TEMPLATES.values())))
        message["type"] = self.random.choice(ODD_VALUES)
        return json.dumps(message)

    def deep(self) -> str:
        depth = self.random.randint(33, 30_000)
        if self.random.random() < 0.5:
            return "[" * depth + "]" * depth
        inner = '{"type":' * min(depth, 6000) + '"ping"' + "}" * min(depth, 6000)
        return inner if self.random.random() < 0.8 else inner[: self.random.randint(1, 200)]

    def surrogate(self) -> str:
        message = dict(self.random.choice(list(TEMPLATES.values())))
        field = self.random.choice([*message, "extra"])
        text = json.dumps({**message, field: "@"})
        return text.replace('"@"', f'"{self.random.choice(SURROGATES)}"')

    def not_a_number(self) -> str:
        field = self.random.choice(["t", "v", "since", "id"])
        base = {"t": "ping", "v": "hello", "since": "control_hello", "id": "command"}[field]
        text = json.dumps({**TEMPLATES[base], field: "@"})
        return text.replace('"@"', self.random.choice(NOT_NUMBERS))

    def not_json(self) -> str:
        size = self.random.randint(0, 300)
        return bytes(self.random.getrandbits(8) for _ in range(size)).decode("latin-1")

    def binary(self) -> bytes:
        return self.random.randbytes(self.random.randint(0, 200))

    def wrong_field(self) -> str:
        name = self.random.choice(list(TEMPLATES))
        message = dict(TEMPLATES[name])
        message[self.random.choice(list(message))] = self.random.choice(ODD_VALUES)
        return json.dumps(message)

    def mutated(self) -> str:
        text = json.dumps(self.random.choice(list(TEMPLATES.values())))
        for _ in range(self.random.randint(1, 4)):
            at = self.random.randrange(len(text) + 1)
            match self.random.randrange(4):
                case 0:
                    text = text[:at] + text[at + 1:]
                case 1:
                    text = text[:at] + self.random.choice(INSERTS) + text[at:]
                case 2:
                    end = min(len(text), at + self.random.randint(1, 20))
                    text = text[:end] + text[at:end] + text[end:]
                case _:
                    text = text[:at]
        return text


def _loose(frame: str | bytes) -> object:
    """The frame as Python's lenient json reads it (NaN and all), or None."""
    if isinstance(frame, bytes):
        return None
    try:
        return json.loads(frame)
    except (ValueError, RecursionError):
        return None


def _is_command(frame: str | bytes) -> bool:
    message = _loose(frame)
    return isinstance(message, dict) and message.get("type") == "command"


def could_write(frame: str | bytes) -> bool:
    """Whether the frame holds a command that parses: such a frame is no fuzz (it may be
    written), so the generator leaves it out."""
    message = _loose(frame)
    if not (isinstance(message, dict) and message.get("type") == "command"
            and isinstance(message.get("command"), dict)):
        return False
    try:
        parse_command(message["command"])
    except Exception:
        return False
    return True
