"""Command scripts (one JSON object a line), applied whole or not at all."""

import json
from dataclasses import dataclass

from pydantic import ValidationError

from models.commands import SERVER_ONLY, Command, parse_command
from server.service import BatchRejected, SittingService

MAX_LINE = 1_000_000


class ScriptError(Exception):
    """A line that is not a valid command, or is refused; nothing of the script is written."""

    def __init__(self, line: int, message: str) -> None:
        super().__init__(f"line {line}: {message}")
        self.line = line


def describe_validation(error: ValidationError) -> str:
    parts = []
    for detail in error.errors()[:5]:
        where = ".".join(str(p) for p in detail["loc"]) or "command"
        parts.append(f"{where}: {detail['msg']}")
    return "; ".join(parts)


def _check_times(number: int, command: Command, afterwards: bool) -> None:
    """With --afterwards every command that can carry the time it happened gives it;
    without, none does (models/afterwards.py holds the rules of the sitting itself)."""
    if "happened_at" not in type(command).model_fields:
        return
    given = getattr(command, "happened_at", None) is not None
    if afterwards and not given:
        raise ScriptError(number, "entered afterwards (--afterwards): give the time the "
                          "command happened as happened_at, e.g. \"2025-05-29T11:05:00+02:00\"")
    if given and not afterwards:
        raise ScriptError(number, "happened_at is for a sitting entered afterwards: run "
                          "`sesja apply --afterwards`")


def parse_lines(lines: list[str], afterwards: bool = False) -> list[tuple[int, Command]]:
    commands = []
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        if len(line) > MAX_LINE:
            raise ScriptError(number, f"longer than {MAX_LINE} characters")
        try:
            data = json.loads(line)
        except json.JSONDecodeError as error:
            raise ScriptError(number, f"not JSON ({error.msg} at column {error.colno})") from error
        if not isinstance(data, dict):
            raise ScriptError(number, "a command is a JSON object with a \"type\"")
        if data.get("type") in SERVER_ONLY:
            raise ScriptError(number, f"{data['type']} is made by the server (a device's "
                              "connection, `sesja import`), not taken from a script")
        try:
            command = parse_command(data)
        except ValidationError as error:
            raise ScriptError(number, f"invalid command: {describe_validation(error)}") from error
        _check_times(number, command, afterwards)
        commands.append((number, command))
    return commands


@dataclass(frozen=True)
class Applied:
    commands: int
    events: int
    last_seq: int
    last_hash: str


def apply_script(service: SittingService, lines: list[str], actor: str, lang: str,
                 afterwards: bool = False) -> Applied:
    """All or nothing: every command is decided first, then all events go in one transaction.
    `afterwards`: the script enters a sitting afterwards, each command with its time."""
    numbered = parse_lines(lines, afterwards)
    try:
        events = service.execute_all([command for _number, command in numbered], actor)
    except BatchRejected as batch:
        message = batch.rejection.message(lang).rstrip(".")
        raise ScriptError(numbered[batch.index][0], f"rejected: {message}") from batch
    state = service.state
    return Applied(len(numbered), len(events), state.last_seq, state.last_hash)
