"""Command scripts (one JSON object a line), checked whole before anything is written."""

import json
from dataclasses import dataclass
from datetime import UTC, datetime

from pydantic import ValidationError

from models.chain import seal
from models.commands import Command, parse_command
from models.decide import decide
from models.reducer import apply
from models.rejection import Rejection
from models.state import Chamber
from server.service import SittingService

MAX_LINE = 1_000_000


class ScriptError(Exception):
    def __init__(self, line: int, message: str, written: int = 0) -> None:
        super().__init__(f"line {line}: {message}")
        self.line = line
        self.written = written  # commands of the script already written before this line


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


def rehearse(state: Chamber, commands: list[tuple[int, Command]], lang: str) -> None:
    """Decides and folds every command in memory; raises ScriptError at the first rejection."""
    at = datetime.now(UTC)
    for number, command in commands:
        try:
            bodies = decide(state, command)
        except Rejection as rejection:
            raise ScriptError(number, f"rejected: {rejection.message(lang).rstrip('.')}") from rejection
        for body in bodies:
            state = apply(state, seal(state.last_hash, state.last_seq + 1, at, "rehearsal", body))


@dataclass(frozen=True)
class Applied:
    commands: int
    events: int
    last_seq: int
    last_hash: str


def apply_script(service: SittingService, lines: list[str], actor: str, lang: str) -> Applied:
    """All or nothing: a bad or rejected line stops the script before anything is written."""
    commands = parse_lines(lines)
    rehearse(service.state, commands, lang)
    written = 0
    for done, (number, command) in enumerate(commands):
        try:
            written += len(service.execute(command, actor))
        except Rejection as rejection:  # only if the state moved under us since the rehearsal
            raise ScriptError(number, f"rejected: {rejection.message(lang).rstrip('.')}",
                              written=done) from rejection
    state = service.state
    return Applied(len(commands), written, state.last_seq, state.last_hash)
