"""Command scripts (one JSON object a line), applied whole or not at all."""

import json
from dataclasses import dataclass

from pydantic import ValidationError

from models.commands import Command, parse_command
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


def parse_lines(lines: list[str]) -> list[tuple[int, Command]]:
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
        try:
            commands.append((number, parse_command(data)))
        except ValidationError as error:
            raise ScriptError(number, f"invalid command: {describe_validation(error)}") from error
    return commands


@dataclass(frozen=True)
class Applied:
    commands: int
    events: int
    last_seq: int
    last_hash: str


def apply_script(service: SittingService, lines: list[str], actor: str, lang: str) -> Applied:
    """All or nothing: every command is decided first, then all events go in one transaction."""
    numbered = parse_lines(lines)
    try:
        events = service.execute_all([command for _number, command in numbered], actor)
    except BatchRejected as batch:
        message = batch.rejection.message(lang).rstrip(".")
        raise ScriptError(numbered[batch.index][0], f"rejected: {message}") from batch
    state = service.state
    return Applied(len(numbered), len(events), state.last_seq, state.last_hash)
